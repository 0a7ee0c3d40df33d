/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_WEEK_PAGE (tandem_week_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemWeekPage, tandem_week_page, TANDEM, WEEK_PAGE, GtkWidget)

GtkWidget   *tandem_week_page_new            (void);
TandemStore *tandem_week_page_get_store      (TandemWeekPage *self);
void         tandem_week_page_set_store      (TandemWeekPage *self,
                                              TandemStore    *store);
const char  *tandem_week_page_get_today      (TandemWeekPage *self);
void         tandem_week_page_set_today      (TandemWeekPage *self,
                                              const char     *today);
const char  *tandem_week_page_get_week_start (TandemWeekPage *self);
void         tandem_week_page_set_week       (TandemWeekPage *self,
                                              const char     *any_iso_date_in_week);
void         tandem_week_page_reload         (TandemWeekPage *self);
guint        tandem_week_page_get_n_meetings (TandemWeekPage *self);

G_END_DECLS
