/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Driving windows in the GUI tests: let them settle, find what is in them. */

void       tandem_test_pump     (void);
GPtrArray *tandem_test_find_all (GtkWidget  *root,
                                 GType       type);
gpointer   tandem_test_find_row (GtkWidget  *root,
                                 GType       type,
                                 const char *title,
                                 gboolean    last);

G_END_DECLS
