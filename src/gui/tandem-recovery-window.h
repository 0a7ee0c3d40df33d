/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_RECOVERY_WINDOW (tandem_recovery_window_get_type ())

G_DECLARE_FINAL_TYPE (TandemRecoveryWindow, tandem_recovery_window, TANDEM, RECOVERY_WINDOW,
                      AdwApplicationWindow)

TandemRecoveryWindow *tandem_recovery_window_new (GtkApplication *application,
                                                  const char     *path,
                                                  const GError   *error);

G_END_DECLS
