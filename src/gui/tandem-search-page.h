/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-journal.h"
#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SEARCH_PAGE (tandem_search_page_get_type ())

G_DECLARE_FINAL_TYPE (TandemSearchPage, tandem_search_page, TANDEM, SEARCH_PAGE, GtkWidget)

/* The most results listed for one search. */
#define TANDEM_SEARCH_PAGE_LIMIT 200

GtkWidget             *tandem_search_page_new           (void);
TandemStore           *tandem_search_page_get_store     (TandemSearchPage *self);
void                   tandem_search_page_set_store     (TandemSearchPage *self,
                                                         TandemStore      *store);
TandemChild           *tandem_search_page_get_child     (TandemSearchPage *self);
void                   tandem_search_page_set_child     (TandemSearchPage *self,
                                                         TandemChild      *child);
gboolean               tandem_search_page_get_this_child (TandemSearchPage *self);
void                   tandem_search_page_set_this_child (TandemSearchPage *self,
                                                         gboolean          this_child);
void                   tandem_search_page_set_text      (TandemSearchPage *self,
                                                         const char       *text);
void                   tandem_search_page_focus         (TandemSearchPage *self);
void                   tandem_search_page_run           (TandemSearchPage *self);
GListModel            *tandem_search_page_get_results   (TandemSearchPage *self);
const TandemSearchHit *tandem_search_page_get_hit       (TandemSearchPage *self,
                                                         guint             position);
gint64                 tandem_search_page_get_last_duration (TandemSearchPage *self);

char                  *tandem_search_snippet_markup     (const char       *snippet);

G_END_DECLS
