/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-conflicts-window.h"

G_BEGIN_DECLS

/* For tests only. */

guint       _tandem_conflicts_window_get_n_conflicts (TandemConflictsWindow *self);
/* What the selected conflict is about, e.g. "Observation of Amelia, 3 May
 * 2026 — Text". */
const char *_tandem_conflicts_window_get_title       (TandemConflictsWindow *self);
const char *_tandem_conflicts_window_get_current     (TandemConflictsWindow *self);
const char *_tandem_conflicts_window_get_other       (TandemConflictsWindow *self);

G_END_DECLS
