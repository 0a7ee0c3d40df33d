/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_REVIEW_EDITOR (tandem_review_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemReviewEditor, tandem_review_editor, TANDEM, REVIEW_EDITOR,
                      AdwWindow)

/* Records a review of @plan when @review is NULL, else edits @review (the
 * plan's latest): date, the meeting where it happened (the child's
 * meetings, held or planned, near that date), for each outcome progress on
 * the scale with a comment and journal observations as evidence, family and
 * child views, next steps and the next review date (suggested about a term
 * on). Saves with tandem_plans_record_review() and emits "saved" (the
 * TandemPlanReview). */
GtkWindow *tandem_review_editor_new       (GtkWindow          *parent,
                                           TandemStore        *store,
                                           TandemPlan         *plan,
                                           TandemPlanReview   *review);
/* For tests: the day taken as today (ISO), instead of the clock. */
void       tandem_review_editor_set_today (TandemReviewEditor *self,
                                           const char         *today);

G_END_DECLS
