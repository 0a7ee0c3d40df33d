/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-sync-setup-dialog.h"

G_BEGIN_DECLS

/* For tests only. */

/* "connect", "create" or "progress". */
const char *_tandem_sync_setup_dialog_get_page  (TandemSyncSetupDialog *self);
/* The problem shown on the current page, or %NULL. */
const char *_tandem_sync_setup_dialog_get_error (TandemSyncSetupDialog *self);

G_END_DECLS
