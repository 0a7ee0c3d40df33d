/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-meeting.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/**
 * TandemMeetingParts:
 * @carer_ids: (element-type utf8): invited carers
 * @attended_ids: (element-type utf8): those of @carer_ids who came
 * @adjustments: (element-type TandemMeetingAdjustment): decisions taken
 * @strength_ids: (element-type utf8): observation ids, in order
 * @views: (element-type TandemMeetingView): differing views, in order
 * @actions: (element-type TandemAction): agreed actions, in order
 *
 * Everything that belongs to one meeting besides the meeting record itself.
 * tandem_meetings_save() writes it whole; tandem_meetings_load_parts()
 * reads it back.
 */
typedef struct {
  GPtrArray *carer_ids;
  GPtrArray *attended_ids;
  GPtrArray *adjustments;
  GPtrArray *strength_ids;
  GPtrArray *views;
  GPtrArray *actions;
} TandemMeetingParts;

TandemMeetingParts *tandem_meeting_parts_new  (void);
void                tandem_meeting_parts_free (TandemMeetingParts *parts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemMeetingParts, tandem_meeting_parts_free)

/* Validates @meeting and every part (an action due before the meeting, an
 * action with no owner, a view with no topic: a translated message naming
 * the problem), then saves the meeting and replaces its parts in one
 * transaction: links no longer listed are deleted (tombstoned), existing ones
 * updated, new ones inserted. Positions follow the arrays' order. Each
 * action's meeting_id and child_id are set from @meeting. Nothing is written
 * when anything is invalid. */
gboolean            tandem_meetings_save       (TandemStore        *store,
                                                TandemMeeting      *meeting,
                                                TandemMeetingParts *parts,
                                                GError            **error);

TandemMeetingParts *tandem_meetings_load_parts (TandemStore        *store,
                                                const char         *meeting_id,
                                                GError            **error);

/* Deletes a meeting with all its parts (tombstones; undo with
 * tandem_meetings_undelete()). */
gboolean            tandem_meetings_delete     (TandemStore        *store,
                                                const char         *meeting_id,
                                                GError            **error);
gboolean            tandem_meetings_undelete   (TandemStore        *store,
                                                const char         *meeting_id,
                                                GError            **error);

/* A child's meetings, upcoming first (soonest first), then past (most recent
 * first). (element-type TandemMeeting) */
GPtrArray          *tandem_meetings_for_child  (TandemStore        *store,
                                                const char         *child_id,
                                                GError            **error);

/* Planned meetings of all current children from @from to @to inclusive (ISO
 * dates), by date and time. (element-type TandemMeeting) */
GPtrArray          *tandem_meetings_between    (TandemStore        *store,
                                                const char         *from,
                                                const char         *to,
                                                GError            **error);

/* A child's next planned meeting on or after @today, or NULL. */
TandemMeeting      *tandem_meetings_next       (TandemStore        *store,
                                                const char         *child_id,
                                                const char         *today,
                                                GError            **error);

/* Open actions (not done) of every current child, or of one when @child_id
 * is given: overdue first (due before @today, oldest due first), then by due
 * date, undated last. (element-type TandemAction) */
GPtrArray          *tandem_meetings_open_actions (TandemStore      *store,
                                                  const char       *child_id,
                                                  const char       *today,
                                                  GError          **error);

/* Ticks an action off on @done_on (ISO date), or reopens it when NULL. */
gboolean            tandem_meetings_set_action_done (TandemStore   *store,
                                                     const char    *action_id,
                                                     const char    *done_on,
                                                     GError       **error);

/* Ids of children with at least one open action due before @today: the
 * sidebar's overdue badge. A set: child id → child id. */
GHashTable         *tandem_meetings_children_overdue (TandemStore  *store,
                                                      const char   *today,
                                                      GError      **error);

G_END_DECLS
