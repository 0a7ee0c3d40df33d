/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_IMPORT_DIALOG (tandem_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TandemImportDialog, tandem_import_dialog, TANDEM, IMPORT_DIALOG, AdwWindow)

GtkWindow *tandem_import_dialog_new (GtkWindow   *parent,
                                     TandemStore *store,
                                     GFile       *file);

G_END_DECLS
