/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-sync-controller.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_WINDOW (tandem_window_get_type ())

G_DECLARE_FINAL_TYPE (TandemWindow, tandem_window, TANDEM, WINDOW, AdwApplicationWindow)

TandemWindow *tandem_window_new                (GtkApplication *application,
                                                TandemStore    *store);
TandemStore  *tandem_window_get_store          (TandemWindow   *self);
TandemSyncController *tandem_window_get_sync_controller (TandemWindow *self);
TandemChild  *tandem_window_get_selected_child (TandemWindow   *self);
void          tandem_window_select_child       (TandemWindow   *self,
                                                const char     *child_id);
void          tandem_window_add_toast          (TandemWindow   *self,
                                                const char     *title);
gboolean      tandem_window_is_empty           (TandemWindow   *self);
guint         tandem_window_get_n_child_rows   (TandemWindow   *self);

G_END_DECLS
