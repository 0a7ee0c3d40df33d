/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-adjustments.h"
#include "tandem-meeting.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/* How meetings and actions are put into words, the same in every view. */

int   tandem_date_days_between           (const char                *from,
                                          const char                *to);
char *tandem_date_format_weekday         (const char                *iso_date);
char *tandem_meeting_text_when           (TandemMeeting             *meeting);
char *tandem_meeting_text_where          (TandemMeeting             *meeting);
char *tandem_meeting_text_notice_warning (TandemStore               *store,
                                          const TandemNoticeWarning *warning);
char *tandem_meeting_text_owner          (TandemStore               *store,
                                          TandemAction              *action);
char *tandem_meeting_text_due            (TandemAction              *action,
                                          const char                *today);
char *tandem_meeting_text_action_subtitle (TandemStore              *store,
                                           TandemAction             *action,
                                           const char               *today);

G_END_DECLS
