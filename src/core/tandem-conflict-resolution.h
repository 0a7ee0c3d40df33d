/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CONFLICT_RESOLUTION (tandem_conflict_resolution_get_type ())

G_DECLARE_FINAL_TYPE (TandemConflictResolution, tandem_conflict_resolution, TANDEM,
                      CONFLICT_RESOLUTION, TandemRecord)

TandemConflictResolution *tandem_conflict_resolution_new (const char *conflict_id,
                                                          const char *choice);

G_END_DECLS
