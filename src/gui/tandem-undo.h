/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

void tandem_delete_with_undo (GtkWidget    *widget,
                              TandemStore  *store,
                              TandemRecord *record,
                              const char   *title);

void tandem_show_toast       (GtkWidget    *widget,
                              AdwToast     *toast);

G_END_DECLS
