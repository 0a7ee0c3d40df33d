/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-sync-controller.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SYNC_SETUP_DIALOG (tandem_sync_setup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TandemSyncSetupDialog, tandem_sync_setup_dialog, TANDEM,
                      SYNC_SETUP_DIALOG, AdwWindow)

GtkWindow *tandem_sync_setup_dialog_new (GtkWindow            *parent,
                                         TandemSyncController *controller,
                                         gboolean              unlock);
void       tandem_sync_setup_dialog_set_ca_file (TandemSyncSetupDialog *self,
                                                 const char            *path);

G_END_DECLS
