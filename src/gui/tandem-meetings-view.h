/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-child.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_MEETINGS_VIEW (tandem_meetings_view_get_type ())
G_DECLARE_FINAL_TYPE (TandemMeetingsView, tandem_meetings_view, TANDEM, MEETINGS_VIEW, GtkWidget)

GtkWidget *tandem_meetings_view_new          (TandemStore        *store);
void       tandem_meetings_view_set_store    (TandemMeetingsView *self,
                                              TandemStore        *store);
void       tandem_meetings_view_set_child    (TandemMeetingsView *self,
                                              TandemChild        *child);
gboolean   tandem_meetings_view_show_meeting (TandemMeetingsView *self,
                                              const char         *meeting_id);

G_END_DECLS
