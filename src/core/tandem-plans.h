/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-plan.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/**
 * TandemPlanParts:
 * @professionals: (element-type TandemPlanProfessional): in order
 * @outcomes: (element-type TandemPlanOutcome): in order (positions follow it)
 * @provisions: (element-type TandemPlanProvision): of every outcome, grouped
 *   by outcome in @outcomes' order, then by position
 *
 * What a plan says besides the plan record itself. tandem_plans_save()
 * writes it whole; tandem_plans_load_parts() reads it back.
 */
typedef struct {
  GPtrArray *professionals;
  GPtrArray *outcomes;
  GPtrArray *provisions;
} TandemPlanParts;

TandemPlanParts *tandem_plan_parts_new  (void);
void             tandem_plan_parts_free (TandemPlanParts *parts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPlanParts, tandem_plan_parts_free)

/* The provisions of one outcome, in order. (element-type TandemPlanProvision)
 * (transfer container) */
GPtrArray       *tandem_plan_parts_provisions_for (TandemPlanParts *parts,
                                                   const char      *outcome_id);

/**
 * TandemPlanReviewParts:
 * @progress: (element-type TandemPlanProgress): a rating per outcome rated
 * @evidence: (element-type TandemPlanEvidence): observations linked as
 *   evidence in this review (their review_id is set when saved)
 */
typedef struct {
  GPtrArray *progress;
  GPtrArray *evidence;
} TandemPlanReviewParts;

TandemPlanReviewParts *tandem_plan_review_parts_new  (void);
void                   tandem_plan_review_parts_free (TandemPlanReviewParts *parts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPlanReviewParts, tandem_plan_review_parts_free)

/**
 * TandemPlanSnapshot:
 * @number: the version number, 1 for the plan as its first review found it
 * @taken_on: ISO date the version was frozen
 * @plan: the plan record as it was
 * @parts: its professionals, outcomes and provisions as they were
 * @review: (nullable): the review that froze it
 * @review_parts: (nullable): that review's ratings and evidence
 * @evidence_titles: observation id → "YYYY-MM-DD\tfirst words", as the
 *   evidence read when frozen (observations may be edited later)
 *
 * An earlier version of a plan, read back exactly as it was.
 */
typedef struct {
  int                    number;
  char                  *taken_on;
  TandemPlan            *plan;
  TandemPlanParts       *parts;
  TandemPlanReview      *review;
  TandemPlanReviewParts *review_parts;
  GHashTable            *evidence_titles;
} TandemPlanSnapshot;

void tandem_plan_snapshot_free (TandemPlanSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPlanSnapshot, tandem_plan_snapshot_free)

/* Starts a draft plan for @child_id from @starts_on. When @from_plan_id
 * names an earlier plan of the same child, its profile, needs, views,
 * professionals and the outcomes not achieved at its last review (with their
 * provisions) are carried over. A child has at most one plan that is not
 * closed: starting another is refused with a translated message.
 * Returns: (transfer full): the new plan, saved */
TandemPlan      *tandem_plans_start         (TandemStore      *store,
                                             const char       *child_id,
                                             const char       *starts_on,
                                             const char       *from_plan_id,
                                             GError          **error);

/* Validates @plan and every part (an outcome with no words, a target date
 * before the plan starts, a provision with no "what", a professional with no
 * name: a translated message naming the problem), then saves the plan and
 * replaces its parts in one transaction (parts no longer listed are
 * tombstoned; positions follow array order; each part's plan_id /
 * outcome_id are set). Nothing is written when anything is invalid. */
gboolean         tandem_plans_save          (TandemStore      *store,
                                             TandemPlan       *plan,
                                             TandemPlanParts  *parts,
                                             GError          **error);

TandemPlanParts *tandem_plans_load_parts    (TandemStore      *store,
                                             const char       *plan_id,
                                             GError          **error);

/* Puts the plan's outcomes in the order of @outcome_ids (every live outcome
 * of the plan, each once), in one transaction: dragging to reorder. */
gboolean         tandem_plans_reorder_outcomes (TandemStore   *store,
                                                const char    *plan_id,
                                                const char * const *outcome_ids,
                                                GError       **error);

/* Deletes a plan with everything that belongs to it (tombstones; undo with
 * tandem_plans_undelete()). */
gboolean         tandem_plans_delete        (TandemStore      *store,
                                             const char       *plan_id,
                                             GError          **error);
gboolean         tandem_plans_undelete      (TandemStore      *store,
                                             const char       *plan_id,
                                             GError          **error);

/* A child's plans: the open one (not closed) first, then closed ones, most
 * recent first. (element-type TandemPlan) */
GPtrArray       *tandem_plans_for_child     (TandemStore      *store,
                                             const char       *child_id,
                                             GError          **error);

/* The child's plan that is not closed, or NULL (no error) when none. */
TandemPlan      *tandem_plans_current       (TandemStore      *store,
                                             const char       *child_id,
                                             GError          **error);

/* Plans of current children that are active or under review with a next
 * review on or before @today + @within_days: overdue ones first, then by
 * date. Plans with no next review date are left out.
 * (element-type TandemPlan) */
GPtrArray       *tandem_plans_due           (TandemStore      *store,
                                             const char       *today,
                                             int               within_days,
                                             GError          **error);

/* Every plan of current children that is not closed (drafts too), by child
 * name: the reviews page lists those lacking strengths from it.
 * (element-type TandemPlan) */
GPtrArray       *tandem_plans_open          (TandemStore      *store,
                                             GError          **error);

/* Records a review of @plan_id, in one transaction:
 * - refuses, with a translated message and nothing written: a review dated
 *   before the plan starts or before the plan's previous review, a next
 *   review date not after @review's held_on, a rating for an outcome of
 *   another plan or outside the scale, evidence of an observation that is
 *   not of the plan's child;
 * - saves the review, its ratings and its evidence links (review_id set);
 * - moves the plan on: next_review_on from the review, status "active"
 *   when it was "review" (a draft stays a draft, closed stays closed);
 * - freezes a new version (number = previous + 1) holding the plan, its
 *   parts, the review, its ratings and the evidence as they read now.
 * When @review was already recorded (it has an id found in the store) it
 * must be the plan's latest review: its ratings and evidence are replaced
 * and its version re-frozen rather than a new one added. */
gboolean         tandem_plans_record_review (TandemStore           *store,
                                             const char            *plan_id,
                                             TandemPlanReview      *review,
                                             TandemPlanReviewParts *parts,
                                             GError               **error);

/* A plan's reviews, most recent first. (element-type TandemPlanReview) */
GPtrArray       *tandem_plans_reviews       (TandemStore      *store,
                                             const char       *plan_id,
                                             GError          **error);

TandemPlanReviewParts *tandem_plans_load_review_parts (TandemStore *store,
                                                       const char  *review_id,
                                                       GError     **error);

/* The latest rating of each outcome of the plan: outcome id → progress code
 * (transfer full). Outcomes never rated are absent. */
GHashTable      *tandem_plans_latest_progress (TandemStore    *store,
                                               const char     *plan_id,
                                               GError        **error);

/* Links an observation as evidence for an outcome between reviews. An
 * observation that is not of the plan's child, or already linked to the
 * outcome, is refused with a translated message.
 * Returns: (transfer full): the new link */
TandemPlanEvidence *tandem_plans_link_evidence   (TandemStore  *store,
                                                  const char   *outcome_id,
                                                  const char   *observation_id,
                                                  GError      **error);
gboolean         tandem_plans_unlink_evidence (TandemStore    *store,
                                               const char     *evidence_id,
                                               GError        **error);

/* The observations linked as evidence for an outcome (in any review or
 * between reviews), newest first, without duplicates.
 * (element-type TandemObservation) */
GPtrArray       *tandem_plans_evidence_for_outcome (TandemStore *store,
                                                    const char  *outcome_id,
                                                    GError     **error);

/* A plan's frozen versions, newest first. (element-type TandemPlanVersion) */
GPtrArray       *tandem_plans_versions      (TandemStore      *store,
                                             const char       *plan_id,
                                             GError          **error);

/* Reads a frozen version back as it was. A snapshot that does not parse is
 * a TANDEM_CORE_ERROR_CORRUPT error. */
TandemPlanSnapshot *tandem_plans_load_version (TandemStore     *store,
                                               const char      *version_id,
                                               GError         **error);

G_END_DECLS
