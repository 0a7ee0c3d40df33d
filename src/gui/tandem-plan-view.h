/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-child.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PLAN_VIEW (tandem_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanView, tandem_plan_view, TANDEM, PLAN_VIEW, GtkWidget)

/* The child's "Support Plan" tab: the open plan (profile, needs, views,
 * professionals, EHC plan, outcomes with their latest progress and evidence,
 * reviews, earlier versions), or a page offering to start one. Property
 * "child" (TandemChild). Reloads when the store's plan tables change. */
GtkWidget *tandem_plan_view_new       (TandemStore    *store);
void       tandem_plan_view_set_store (TandemPlanView *self,
                                       TandemStore    *store);
void       tandem_plan_view_set_child (TandemPlanView *self,
                                       TandemChild    *child);
/* Shows @plan_id (one of the child's plans, closed ones too) from the top.
 * FALSE when it is not the current child's. */
gboolean   tandem_plan_view_show_plan (TandemPlanView *self,
                                       const char     *plan_id);
/* For tests: the day taken as today (ISO), instead of the clock. */
void       tandem_plan_view_set_today (TandemPlanView *self,
                                       const char     *today);

G_END_DECLS
