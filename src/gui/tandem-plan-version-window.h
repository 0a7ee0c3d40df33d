/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PLAN_VERSION_WINDOW (tandem_plan_version_window_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanVersionWindow, tandem_plan_version_window, TANDEM,
                      PLAN_VERSION_WINDOW, AdwWindow)

/* Shows an earlier version of a plan exactly as it was frozen
 * (tandem_plans_load_version()), read only: the plan, its outcomes with
 * their provision, and the review that froze it with each rating and its
 * evidence. A snapshot that cannot be read shows a clear message. */
GtkWindow *tandem_plan_version_window_new (GtkWindow   *parent,
                                           TandemStore *store,
                                           const char  *version_id);

G_END_DECLS
