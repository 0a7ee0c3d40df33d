/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_LANGUAGE_CHOOSER (tandem_language_chooser_get_type ())

G_DECLARE_FINAL_TYPE (TandemLanguageChooser, tandem_language_chooser,
                      TANDEM, LANGUAGE_CHOOSER, AdwWindow)

GtkWindow *tandem_language_chooser_new          (GtkWindow          *parent,
                                                 gboolean            multiple,
                                                 const char * const *selected);
gboolean   tandem_language_chooser_get_multiple (TandemLanguageChooser *self);
char     **tandem_language_chooser_dup_selected (TandemLanguageChooser *self);

G_END_DECLS
