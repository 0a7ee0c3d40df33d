/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/* Puts back a change; FALSE with @error set when it cannot. */
typedef gboolean (*TandemUndoFunc) (gpointer   data,
                                    GError   **error);

void tandem_show_undo_toast  (GtkWidget      *widget,
                              const char     *title,
                              TandemUndoFunc  undo,
                              gpointer        data,
                              GDestroyNotify  destroy);
void tandem_delete_with_undo (GtkWidget    *widget,
                              TandemStore  *store,
                              TandemRecord *record,
                              const char   *title);

void tandem_show_toast       (GtkWidget    *widget,
                              AdwToast     *toast);

G_END_DECLS
