/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-sync-controller.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SYNC_STATUS_BUTTON (tandem_sync_status_button_get_type ())

G_DECLARE_FINAL_TYPE (TandemSyncStatusButton, tandem_sync_status_button, TANDEM,
                      SYNC_STATUS_BUTTON, GtkWidget)

void                  tandem_sync_status_button_set_controller (TandemSyncStatusButton *self,
                                                                TandemSyncController   *controller);
TandemSyncController *tandem_sync_status_button_get_controller (TandemSyncStatusButton *self);

G_END_DECLS
