/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-sync-controller.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SYNC_PREFERENCES_PAGE (tandem_sync_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemSyncPreferencesPage, tandem_sync_preferences_page, TANDEM,
                      SYNC_PREFERENCES_PAGE, AdwPreferencesPage)

GtkWidget *tandem_sync_preferences_page_new (TandemSyncController *controller);

G_END_DECLS
