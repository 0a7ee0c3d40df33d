/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/**
 * TandemCoveragePeriod:
 * @TANDEM_COVERAGE_LAST_4_WEEKS: the last 28 days, today included
 * @TANDEM_COVERAGE_THIS_TERM: since the start of the school term
 * @TANDEM_COVERAGE_LAST_12_MONTHS: the last year
 *
 * The period the coverage summary counts observations over.
 */
typedef enum {
  TANDEM_COVERAGE_LAST_4_WEEKS,
  TANDEM_COVERAGE_THIS_TERM,
  TANDEM_COVERAGE_LAST_12_MONTHS,
} TandemCoveragePeriod;

#define TANDEM_TYPE_COVERAGE (tandem_coverage_get_type ())

G_DECLARE_FINAL_TYPE (TandemCoverage, tandem_coverage, TANDEM, COVERAGE, GtkWidget)

GtkWidget            *tandem_coverage_new          (void);
TandemStore          *tandem_coverage_get_store    (TandemCoverage       *self);
void                  tandem_coverage_set_store    (TandemCoverage       *self,
                                                    TandemStore          *store);
const char           *tandem_coverage_get_child_id (TandemCoverage       *self);
void                  tandem_coverage_set_child_id (TandemCoverage       *self,
                                                    const char           *child_id);
TandemCoveragePeriod  tandem_coverage_get_period   (TandemCoverage       *self);
void                  tandem_coverage_set_period   (TandemCoverage       *self,
                                                    TandemCoveragePeriod  period);
guint                 tandem_coverage_get_count    (TandemCoverage       *self,
                                                    const char           *area);
const char           *tandem_coverage_get_summary  (TandemCoverage       *self);

void                  tandem_coverage_period_range (TandemCoveragePeriod  period,
                                                    GDate                *today,
                                                    char                **from,
                                                    char                **to);

GHashTable           *tandem_coverage_latest_observations (TandemStore   *store,
                                                           const char    *not_before,
                                                           GError       **error);

G_END_DECLS
