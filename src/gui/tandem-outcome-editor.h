/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_OUTCOME_EDITOR (tandem_outcome_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemOutcomeEditor, tandem_outcome_editor, TANDEM, OUTCOME_EDITOR,
                      AdwWindow)

/* Writes a new outcome of @term (TANDEM_PLAN_TERM_*) for @plan when
 * @outcome is NULL, else edits it: the outcome, how success will be
 * recognised, target date, area, strategies, provision (what, who, how
 * often, where), how the family can help at home, and the journal
 * observations linked as evidence. Saves with tandem_plans_save() and emits
 * "saved" (the TandemPlanOutcome); deleting emits "deleted" (the outcome id)
 * after saving the plan without it. */
GtkWindow *tandem_outcome_editor_new (GtkWindow         *parent,
                                      TandemStore       *store,
                                      TandemPlan        *plan,
                                      TandemPlanOutcome *outcome,
                                      const char        *term);

G_END_DECLS
