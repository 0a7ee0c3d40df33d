/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_APPLICATION (tandem_application_get_type ())

G_DECLARE_FINAL_TYPE (TandemApplication, tandem_application, TANDEM, APPLICATION,
                      AdwApplication)

TandemApplication *tandem_application_new             (const char        *program_path);
GtkWindow         *tandem_application_open_database   (TandemApplication *self,
                                                       const char        *path);
GSettings         *tandem_application_get_settings    (TandemApplication *self);
const char        *tandem_application_get_program     (TandemApplication *self);
void               tandem_application_add_devel_style (GtkWindow         *window);
void               tandem_application_mark_startup    (const char        *stage);

G_END_DECLS
