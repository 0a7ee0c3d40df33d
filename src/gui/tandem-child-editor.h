/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CHILD_EDITOR (tandem_child_editor_get_type ())

G_DECLARE_FINAL_TYPE (TandemChildEditor, tandem_child_editor, TANDEM, CHILD_EDITOR, AdwWindow)

GtkWindow *tandem_child_editor_new (GtkWindow   *parent,
                                    TandemStore *store,
                                    TandemChild *child);

G_END_DECLS
