/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-coverage.h"
#include "tandem-journal.h"
#include "tandem-observation-model.h"
#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_JOURNAL_VIEW (tandem_journal_view_get_type ())

G_DECLARE_FINAL_TYPE (TandemJournalView, tandem_journal_view, TANDEM, JOURNAL_VIEW, GtkWidget)

GtkWidget              *tandem_journal_view_new              (void);
TandemStore            *tandem_journal_view_get_store        (TandemJournalView         *self);
void                    tandem_journal_view_set_store        (TandemJournalView         *self,
                                                              TandemStore               *store);
TandemChild            *tandem_journal_view_get_child        (TandemJournalView         *self);
void                    tandem_journal_view_set_child        (TandemJournalView         *self,
                                                              TandemChild               *child);
TandemObservationModel *tandem_journal_view_get_model        (TandemJournalView         *self);
TandemCoverage         *tandem_journal_view_get_coverage     (TandemJournalView         *self);
void                    tandem_journal_view_set_filter       (TandemJournalView         *self,
                                                              const TandemJournalFilter *filter);
gboolean                tandem_journal_view_get_filtered     (TandemJournalView         *self);
void                    tandem_journal_view_clear_filters    (TandemJournalView         *self);
gboolean                tandem_journal_view_show_observation (TandemJournalView         *self,
                                                              const char                *observation_id);

G_END_DECLS
