/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Accessible names that GTK 4.8 and libadwaita 1.2 get wrong, put right for
 * screen readers (and for the tests, which find controls by name). */

void tandem_a11y_tidy_names  (GtkWidget  *root);
void tandem_a11y_set_label   (GtkWidget  *widget,
                              const char *label);
void tandem_a11y_name_switch (GtkWidget  *widget,
                              const char *label);

void tandem_a11y_fix_mnemonic_buttons (void);

G_END_DECLS
