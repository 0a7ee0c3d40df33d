/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_KEYWORKER (tandem_keyworker_get_type ())

G_DECLARE_FINAL_TYPE (TandemKeyworker, tandem_keyworker, TANDEM, KEYWORKER, TandemRecord)

TandemKeyworker *tandem_keyworker_new        (const char *name);
const char      *tandem_keyworker_get_name   (TandemKeyworker *self);
const char      *tandem_keyworker_role_label (const char *role);
const char * const *tandem_keyworker_roles   (void);

G_END_DECLS
