/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-child.h"
#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PLAN_EDITOR (tandem_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanEditor, tandem_plan_editor, TANDEM, PLAN_EDITOR, AdwWindow)

/* Edits everything about @plan that is not an outcome or a review: dates and
 * status, the one-page profile (strengths, what matters, how to support),
 * needs by the four areas, family and child views, professionals, EHC plan,
 * the plain-words summary for the family and an internal note. Saves with
 * tandem_plans_save() (outcomes kept as they are) and emits "saved" (the
 * TandemPlan). */
GtkWindow *tandem_plan_editor_new (GtkWindow   *parent,
                                   TandemStore *store,
                                   TandemChild *child,
                                   TandemPlan  *plan);

G_END_DECLS
