/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

/* A meeting with a child's family (table `meetings`). Fields:
 *   child_id (REF, required), kind (one of tandem_meeting_kinds(), required),
 *   status ("planned" | "held" | "cancelled", required), meets_on (DATE,
 *   required), starts_at (TEXT "HH:MM", 24-hour, local time), duration_minutes
 *   (INT, 0 when not set), place (TEXT), format (one of tandem_meeting_formats()),
 *   invitation_sent_on (DATE), interpreter_language (TEXT: a language code
 *   when an interpreter is booked), agenda (LONG_TEXT), concerns (LONG_TEXT |
 *   INTERNAL: the practitioner's preparation, never in a family's pack),
 *   family_wants (LONG_TEXT: what the family said beforehand they want to
 *   discuss), what_to_bring (TEXT), others_attending (TEXT: practitioners and
 *   professionals, free text), notes (LONG_TEXT), family_contributions
 *   (LONG_TEXT: the family's contributions in their own words),
 *   next_meeting_on (DATE), internal_note (LONG_TEXT | INTERNAL).
 *
 * Validation: an end before the start (duration < 0 or starts_at not a time),
 * invitation sent after the meeting, a status outside the list are refused.
 * Whether a *planned* meeting may be in the past is a question for the
 * editor (tandem_meeting_check_planned()), not the record: an imported or
 * synced history must still load. */
#define TANDEM_TYPE_MEETING (tandem_meeting_get_type ())
G_DECLARE_FINAL_TYPE (TandemMeeting, tandem_meeting, TANDEM, MEETING, TandemRecord)

/* Which carers are invited to a meeting, and whether they came
 * (table `meeting_carers`): meeting_id (REF, required), carer_id (REF,
 * required), attended (BOOL). */
#define TANDEM_TYPE_MEETING_CARER (tandem_meeting_carer_get_type ())
G_DECLARE_FINAL_TYPE (TandemMeetingCarer, tandem_meeting_carer, TANDEM, MEETING_CARER,
                      TandemRecord)

/* The practitioner's decision on a suggested adjustment (table
 * `meeting_adjustments`): meeting_id (REF, required), carer_id (REF, required),
 * kind (a TANDEM_ADJUSTMENT_* code, required), accepted (BOOL: TRUE accepted,
 * FALSE dismissed). A suggestion with no record is still open. */
#define TANDEM_TYPE_MEETING_ADJUSTMENT (tandem_meeting_adjustment_get_type ())
G_DECLARE_FINAL_TYPE (TandemMeetingAdjustment, tandem_meeting_adjustment, TANDEM,
                      MEETING_ADJUSTMENT, TandemRecord)

/* A strength to share, picked from the child's journal (table
 * `meeting_strengths`): meeting_id (REF, required), observation_id (REF,
 * required), position (INT). */
#define TANDEM_TYPE_MEETING_STRENGTH (tandem_meeting_strength_get_type ())
G_DECLARE_FINAL_TYPE (TandemMeetingStrength, tandem_meeting_strength, TANDEM,
                      MEETING_STRENGTH, TandemRecord)

/* A point where the family's and the setting's views differed (table
 * `meeting_views`): meeting_id (REF, required), topic (TEXT, required),
 * family_view (LONG_TEXT), setting_view (LONG_TEXT), resolution (LONG_TEXT:
 * how it was reconciled), resolved (BOOL: FALSE means it remains open),
 * position (INT). */
#define TANDEM_TYPE_MEETING_VIEW (tandem_meeting_view_get_type ())
G_DECLARE_FINAL_TYPE (TandemMeetingView, tandem_meeting_view, TANDEM, MEETING_VIEW,
                      TandemRecord)

/* An agreed action (table `actions`): meeting_id (REF, required), child_id
 * (REF, required: the meeting's child, kept here for the follow-ups query),
 * what (TEXT, required), owner ("carer" | "setting" | "professional",
 * required), owner_carer_id (REF carer: required when owner is "carer"),
 * owner_name (TEXT: required when owner is "professional": the named
 * professional, e.g. "Ruth Hale, speech and language therapist"; for the
 * setting optional, e.g. the keyworker), due_on (DATE), done_on (DATE: set
 * when ticked off), position (INT).
 * Validation: an owner that is not named as above is refused. A due date
 * before the meeting is checked with tandem_action_check_due(), which needs
 * the meeting. */
#define TANDEM_TYPE_ACTION (tandem_action_get_type ())
G_DECLARE_FINAL_TYPE (TandemAction, tandem_action, TANDEM, ACTION, TandemRecord)

#define TANDEM_MEETING_PLANNED   "planned"
#define TANDEM_MEETING_HELD      "held"
#define TANDEM_MEETING_CANCELLED "cancelled"

#define TANDEM_ACTION_OWNER_CARER        "carer"
#define TANDEM_ACTION_OWNER_SETTING      "setting"
#define TANDEM_ACTION_OWNER_PROFESSIONAL "professional"

TandemMeeting *tandem_meeting_new (const char *child_id,
                                   const char *kind,
                                   const char *meets_on);
TandemAction  *tandem_action_new  (const char *meeting_id,
                                   const char *child_id,
                                   const char *what,
                                   const char *owner);

/* Codes and their translated labels. Kinds: settling_in, progress_review,
 * two_year_check, plan_review, transition, parents_evening, other. Formats:
 * in_person, phone, video, home_visit. Owners: as above. Statuses: as above. */
const char * const *tandem_meeting_kinds         (void);
const char         *tandem_meeting_kind_label    (const char *kind);
const char * const *tandem_meeting_formats       (void);
const char         *tandem_meeting_format_label  (const char *format);
const char * const *tandem_meeting_statuses      (void);
const char         *tandem_meeting_status_label  (const char *status);
const char * const *tandem_action_owners         (void);
const char         *tandem_action_owner_label    (const char *owner);

/* Days of notice the invitation gives: meets_on minus invitation_sent_on,
 * or -1 when either is not set. */
int       tandem_meeting_get_notice_given (TandemMeeting *self);

/* A planned meeting must not be in the past (relative to @today, ISO date).
 * Returns FALSE with a translated message otherwise. */
gboolean  tandem_meeting_check_planned    (TandemMeeting *self,
                                           const char    *today,
                                           GError       **error);

/* An action due before its meeting is refused with a translated message. */
gboolean  tandem_action_check_due         (TandemAction  *action,
                                           TandemMeeting *meeting,
                                           GError       **error);

G_END_DECLS
