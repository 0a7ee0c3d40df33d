/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The PIN that leaves family mode (issue 7). Only a hash of it is kept, in
 * the GSettings key `family-mode-pin`: whoever reads the settings cannot
 * learn the PIN from them. */

#define TANDEM_FAMILY_PIN_KEY "family-mode-pin"

gboolean  tandem_family_pin_is_valid    (const char *pin);
char     *tandem_family_pin_hash        (const char *pin,
                                         GError    **error);
gboolean  tandem_family_pin_verify      (const char *hash,
                                         const char *pin);

gboolean  tandem_family_pin_is_set      (GSettings  *settings);
gboolean  tandem_family_pin_check       (GSettings  *settings,
                                         const char *pin);
gboolean  tandem_family_pin_store       (GSettings  *settings,
                                         const char *pin,
                                         GError    **error);

/* Called when the dialog of tandem_family_pin_ask_new() closes; @set
 * says whether a new PIN was stored. */
typedef void (*TandemFamilyPinDone) (gboolean set,
                                     gpointer user_data);

GtkWindow *tandem_family_pin_ask_new    (GtkWindow           *parent,
                                         GSettings           *settings,
                                         TandemFamilyPinDone  done,
                                         gpointer             user_data);

G_END_DECLS
