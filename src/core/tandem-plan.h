/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

/* A child's SEN support plan, kept through assess – plan – do – review (table
 * `plans`). Fields:
 *   child_id (REF, required), status (one of tandem_plan_statuses(),
 *   required), starts_on (DATE, required), next_review_on (DATE), closed_on
 *   (DATE),
 *   the one-page profile: strengths, what_matters (what matters to the
 *   child), how_to_support (how best to support them) (all LONG_TEXT),
 *   needs by the four broad areas: needs_communication, needs_cognition,
 *   needs_semh, needs_sensory (LONG_TEXT),
 *   family_views (LONG_TEXT: in the family's own words), child_views
 *   (LONG_TEXT), child_views_how (TEXT: how they were gathered: words,
 *   pictures, observed preferences),
 *   ehcp_status (one of tandem_plan_ehcp_statuses(); NULL means "none"),
 *   ehcp_requested_on (DATE), ehcp_issued_on (DATE),
 *   family_summary (LONG_TEXT: the plan in plain words for the family's pack),
 *   internal_note (LONG_TEXT | INTERNAL).
 *
 * Validation: a status or EHC status outside the lists, a next review or a
 * closing date before the plan starts, an EHC plan issued before it was
 * requested are refused with a translated message. */
#define TANDEM_TYPE_PLAN (tandem_plan_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlan, tandem_plan, TANDEM, PLAN, TandemRecord)

/* A professional involved with the child (table `plan_professionals`):
 * plan_id (REF, required), name (TEXT, required), role (TEXT, e.g. "speech
 * and language therapist"), service (TEXT), contact (TEXT: phone or email),
 * position (INT). */
#define TANDEM_TYPE_PLAN_PROFESSIONAL (tandem_plan_professional_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanProfessional, tandem_plan_professional, TANDEM,
                      PLAN_PROFESSIONAL, TandemRecord)

/* An outcome (table `plan_outcomes`): plan_id (REF, required), term ("short":
 * about six weeks | "long": 6–12 months, required), area (one of
 * tandem_plan_areas(), optional), outcome (TEXT, required: validated with
 * a message that says the outcome needs words), success_looks_like
 * (LONG_TEXT: how success will be recognised), target_on (DATE), strategies
 * (LONG_TEXT), home_help (LONG_TEXT: how the family can help at home),
 * position (INT: order within the plan).
 * A target date before the plan starts is checked with
 * tandem_plan_outcome_check_target(), which needs the plan. */
#define TANDEM_TYPE_PLAN_OUTCOME (tandem_plan_outcome_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanOutcome, tandem_plan_outcome, TANDEM, PLAN_OUTCOME,
                      TandemRecord)

/* Provision for an outcome (table `plan_provisions`): outcome_id (REF,
 * required), what (TEXT, required), who (TEXT: who delivers it), how_often
 * (TEXT, e.g. "3 times a week, 10 minutes"), place (TEXT: where), position
 * (INT). */
#define TANDEM_TYPE_PLAN_PROVISION (tandem_plan_provision_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanProvision, tandem_plan_provision, TANDEM, PLAN_PROVISION,
                      TandemRecord)

/* A review of the plan (table `plan_reviews`): plan_id (REF, required),
 * held_on (DATE, required), meeting_id (REF meeting: the meeting where it
 * happened, when there was one), family_views (LONG_TEXT), child_views
 * (LONG_TEXT), next_steps (LONG_TEXT), next_review_on (DATE: when the plan is
 * next reviewed; must be after held_on), internal_note (LONG_TEXT |
 * INTERNAL). */
#define TANDEM_TYPE_PLAN_REVIEW (tandem_plan_review_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanReview, tandem_plan_review, TANDEM, PLAN_REVIEW,
                      TandemRecord)

/* Progress towards one outcome at one review (table `plan_progress`):
 * review_id (REF, required), outcome_id (REF, required), progress (one of
 * tandem_plan_progress_levels(), required), comment (LONG_TEXT). */
#define TANDEM_TYPE_PLAN_PROGRESS (tandem_plan_progress_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanProgress, tandem_plan_progress, TANDEM, PLAN_PROGRESS,
                      TandemRecord)

/* A journal observation linked as evidence for an outcome (table
 * `plan_evidence`): outcome_id (REF, required), observation_id (REF,
 * required), review_id (REF: the review it was linked for, or NULL when
 * linked between reviews). The observation must be of the plan's child:
 * tandem_plans_link_evidence() and tandem_plans_record_review() check. */
#define TANDEM_TYPE_PLAN_EVIDENCE (tandem_plan_evidence_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanEvidence, tandem_plan_evidence, TANDEM, PLAN_EVIDENCE,
                      TandemRecord)

/* A frozen earlier version of a plan, taken when a review is recorded (table
 * `plan_versions`): plan_id (REF, required), review_id (REF), number (INT,
 * 1, 2, …), taken_on (DATE, required), snapshot (TEXT, required: JSON
 * written and read by tandem_plans_load_version(); never edited). */
#define TANDEM_TYPE_PLAN_VERSION (tandem_plan_version_get_type ())
G_DECLARE_FINAL_TYPE (TandemPlanVersion, tandem_plan_version, TANDEM, PLAN_VERSION,
                      TandemRecord)

#define TANDEM_PLAN_DRAFT  "draft"
#define TANDEM_PLAN_ACTIVE "active"
#define TANDEM_PLAN_UNDER_REVIEW "review"
#define TANDEM_PLAN_CLOSED "closed"

#define TANDEM_PLAN_TERM_SHORT "short"
#define TANDEM_PLAN_TERM_LONG  "long"

#define TANDEM_PROGRESS_NOT_STARTED "not_started"
#define TANDEM_PROGRESS_EMERGING    "emerging"
#define TANDEM_PROGRESS_DEVELOPING  "developing"
#define TANDEM_PROGRESS_SECURE      "secure"
#define TANDEM_PROGRESS_ACHIEVED    "achieved"

TandemPlan        *tandem_plan_new          (const char *child_id,
                                             const char *starts_on);
TandemPlanOutcome *tandem_plan_outcome_new  (const char *plan_id,
                                             const char *term,
                                             const char *outcome);

/* Codes and their translated labels.
 * Statuses: draft, active, review ("Under review"), closed.
 * EHC statuses: none, requested, assessment, issued.
 * Areas: communication ("Communication and interaction"), cognition
 *   ("Cognition and learning"), semh ("Social, emotional and mental
 *   health"), sensory ("Sensory and/or physical"); each plan field
 *   needs_<area> holds the needs in that area (tandem_plan_area_field()).
 * Terms: short ("Short-term, about six weeks"), long ("Long-term, 6 to 12
 *   months").
 * Progress levels, in order: not_started, emerging, developing, secure,
 *   achieved. */
const char * const *tandem_plan_statuses          (void);
const char         *tandem_plan_status_label      (const char *status);
const char * const *tandem_plan_ehcp_statuses     (void);
const char         *tandem_plan_ehcp_status_label (const char *ehcp_status);
const char * const *tandem_plan_areas             (void);
const char         *tandem_plan_area_label        (const char *area);
const char         *tandem_plan_area_field        (const char *area);
const char * const *tandem_plan_terms             (void);
const char         *tandem_plan_term_label        (const char *term);
const char * const *tandem_plan_progress_levels   (void);
const char         *tandem_plan_progress_label    (const char *progress);
/* 0 for not_started … 4 for achieved; -1 when not a level. */
int                 tandem_plan_progress_rank     (const char *progress);

/* Whole days from @today (ISO date) to the plan's next review: negative when
 * overdue. G_MININT when the plan has no next review date. */
int       tandem_plan_days_to_review          (TandemPlan        *self,
                                               const char        *today);

/* TRUE when the one-page profile says nothing about the child's strengths:
 * the plan warns until it does. */
gboolean  tandem_plan_lacks_strengths         (TandemPlan        *self);

/* An outcome's target date before the plan starts is refused with a
 * translated message. */
gboolean  tandem_plan_outcome_check_target    (TandemPlanOutcome *outcome,
                                               TandemPlan        *plan,
                                               GError           **error);

G_END_DECLS
