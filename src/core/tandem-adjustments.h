/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-carer.h"
#include "tandem-meeting.h"

G_BEGIN_DECLS

/* Kinds of adjustment a carer's circumstances suggest for a meeting
 * (DESIGN.md, value 4). Each is suggested by the rule named beside it. */
#define TANDEM_ADJUSTMENT_INVITATION_LANGUAGE "invitation_language" /* preferred_language not English */
#define TANDEM_ADJUSTMENT_INTERPRETER         "interpreter"         /* interpreter_needed */
#define TANDEM_ADJUSTMENT_NOTICE              "notice"              /* notice_days > 0 or circ_notice */
#define TANDEM_ADJUSTMENT_OUTSIDE_WORKING     "outside_working_hours" /* circ_working_hours */
#define TANDEM_ADJUSTMENT_REMOTE_OR_HOME      "remote_or_home"      /* circ_transport */
#define TANDEM_ADJUSTMENT_SPOKEN_INVITATION   "spoken_invitation"   /* reading_support or circ_literacy */
#define TANDEM_ADJUSTMENT_SHORT_MEETING       "short_meeting"       /* circ_time */
#define TANDEM_ADJUSTMENT_FITS_COMMITMENTS    "fits_commitments"    /* circ_commitments */
#define TANDEM_ADJUSTMENT_SUPPORT_PERSON      "support_person"      /* circ_confidence */
#define TANDEM_ADJUSTMENT_CULTURE             "culture"             /* circ_culture */
#define TANDEM_ADJUSTMENT_PLAIN_WORDS         "plain_words"         /* circ_education */
#define TANDEM_ADJUSTMENT_OWN_NEEDS           "own_needs"           /* circ_own_needs */

/**
 * TandemAdjustment:
 * @carer_id: the carer it is for
 * @kind: a TANDEM_ADJUSTMENT_* code
 * @title: translated, e.g. "Interpreter for Polish"
 * @detail: (nullable): translated, from the carer's note, e.g. "Works 8–6 on weekdays"
 * @language: (nullable): the language code for language adjustments
 * @days: the notice needed, for TANDEM_ADJUSTMENT_NOTICE; otherwise 0
 * @decision: -1 still open, 0 dismissed, 1 accepted
 *
 * One adjustment suggested for one invited carer.
 */
typedef struct {
  char *carer_id;
  char *kind;
  char *title;
  char *detail;
  char *language;
  int   days;
  int   decision;
} TandemAdjustment;

void tandem_adjustment_free (TandemAdjustment *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemAdjustment, tandem_adjustment_free)

/* The adjustments @carer's circumstances suggest, in the order above, each
 * with decision -1. Pure: reads only the carer. (element-type TandemAdjustment) */
GPtrArray *tandem_adjustments_suggest (TandemCarer *carer);

/* The most notice any of @carers needs, in days (0 when none states a need). */
int        tandem_adjustments_notice_needed (GPtrArray *carers);

/**
 * TandemNoticeWarning:
 * @carer_id: (nullable): the carer who needs most notice
 * @needed: days that carer needs
 * @given: days the invitation gave (-1 when not yet sent)
 *
 * Filled by tandem_adjustments_check_notice().
 */
typedef struct {
  const char *carer_id;
  int         needed;
  int         given;
} TandemNoticeWarning;

/* TRUE (and @warning filled) when @meeting's invitation gives less notice
 * than one of @carers needs. With no invitation sent yet, the warning is
 * judged against @today (ISO date): could an invitation sent today still give
 * enough notice? */
gboolean   tandem_adjustments_check_notice (TandemMeeting       *meeting,
                                            GPtrArray           *carers,
                                            const char          *today,
                                            TandemNoticeWarning *warning);

G_END_DECLS
