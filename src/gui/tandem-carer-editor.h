/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CARER_EDITOR (tandem_carer_editor_get_type ())

G_DECLARE_FINAL_TYPE (TandemCarerEditor, tandem_carer_editor, TANDEM, CARER_EDITOR, AdwWindow)

GtkWindow *tandem_carer_editor_new (GtkWindow   *parent,
                                    TandemStore *store,
                                    const char  *child_id,
                                    TandemCarer *carer);

G_END_DECLS
