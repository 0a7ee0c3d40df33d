/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_REVIEWS_PAGE (tandem_reviews_page_get_type ())
G_DECLARE_FINAL_TYPE (TandemReviewsPage, tandem_reviews_page, TANDEM, REVIEWS_PAGE, GtkWidget)

/* "Plan Reviews", across children: plans overdue for review, then those due
 * in the next two weeks (tandem_plans_due()), then open plans with no
 * strengths recorded. A row whose plan lacks strengths shows a warning.
 * Activating a row emits "plan-activated" (child id, plan id). Reloads when
 * the store's plans change. */
GtkWidget   *tandem_reviews_page_new        (void);
TandemStore *tandem_reviews_page_get_store  (TandemReviewsPage *self);
void         tandem_reviews_page_set_store  (TandemReviewsPage *self,
                                             TandemStore       *store);
const char  *tandem_reviews_page_get_today  (TandemReviewsPage *self);
void         tandem_reviews_page_set_today  (TandemReviewsPage *self,
                                             const char        *today);
void         tandem_reviews_page_reload     (TandemReviewsPage *self);
/* Plans overdue for review: the sidebar's count. */
guint        tandem_reviews_page_get_n_overdue (TandemReviewsPage *self);
guint        tandem_reviews_page_get_n_due     (TandemReviewsPage *self);

G_END_DECLS
