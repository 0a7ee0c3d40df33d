/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-child.h"
#include "tandem-meeting.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_MEETING_EDITOR (tandem_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (TandemMeetingEditor, tandem_meeting_editor, TANDEM, MEETING_EDITOR,
                      AdwWindow)

/* Prepares a new meeting for @child when @meeting is NULL, else edits it:
 * the preparation, then the record once it has been held. Emits "saved"
 * (the TandemMeeting) after a save. */
GtkWindow *tandem_meeting_editor_new       (GtkWindow           *parent,
                                            TandemStore         *store,
                                            TandemChild         *child,
                                            TandemMeeting       *meeting);

/* For tests: the day the editor takes as today (ISO), instead of the clock. */
void       tandem_meeting_editor_set_today (TandemMeetingEditor *self,
                                            const char          *today);

G_END_DECLS
