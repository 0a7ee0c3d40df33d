/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FOLLOW_UPS_PAGE (tandem_follow_ups_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemFollowUpsPage, tandem_follow_ups_page, TANDEM, FOLLOW_UPS_PAGE,
                      GtkWidget)

GtkWidget   *tandem_follow_ups_page_new       (void);
TandemStore *tandem_follow_ups_page_get_store (TandemFollowUpsPage *self);
void         tandem_follow_ups_page_set_store (TandemFollowUpsPage *self,
                                               TandemStore         *store);
const char  *tandem_follow_ups_page_get_today (TandemFollowUpsPage *self);
void         tandem_follow_ups_page_set_today (TandemFollowUpsPage *self,
                                               const char          *today);
void         tandem_follow_ups_page_reload    (TandemFollowUpsPage *self);
gboolean     tandem_follow_ups_page_reopen    (TandemFollowUpsPage *self,
                                               const char          *action_id);
guint        tandem_follow_ups_page_get_n_actions (TandemFollowUpsPage *self);

G_END_DECLS
