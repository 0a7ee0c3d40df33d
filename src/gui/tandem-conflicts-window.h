/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-sync-controller.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CONFLICTS_WINDOW (tandem_conflicts_window_get_type ())

G_DECLARE_FINAL_TYPE (TandemConflictsWindow, tandem_conflicts_window, TANDEM, CONFLICTS_WINDOW,
                      AdwWindow)

GtkWindow *tandem_conflicts_window_new (GtkWindow            *parent,
                                        TandemSyncController *controller);

G_END_DECLS
