/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-observation.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/**
 * TandemJournalFilter:
 * @area: (nullable): an area code (`cl`) or aspect code (`cl.speaking`)
 * @source: (nullable): "setting" or "home"
 * @shared: -1 for both, 0 internal only, 1 shared only
 * @from: (nullable): ISO date, inclusive
 * @to: (nullable): ISO date, inclusive
 */
typedef struct {
  const char *area;
  const char *source;
  int         shared;
  const char *from;
  const char *to;
} TandemJournalFilter;

#define TANDEM_JOURNAL_FILTER_INIT { NULL, NULL, -1, NULL, NULL }

/* Saves an observation with the children it is about and its photos (each
 * photo with the children in it) in one transaction. @child_ids: at least one.
 * @photos: (nullable) (element-type TandemPhoto); @photo_children: (nullable)
 * an array parallel to @photos of NULL-terminated child-id arrays (GStrv).
 * Re-saving an existing observation replaces its children and photos links. */
gboolean   tandem_journal_save_observation (TandemStore              *store,
                                            TandemObservation        *observation,
                                            const char * const       *child_ids,
                                            GPtrArray                *photos,
                                            GPtrArray                *photo_children,
                                            GError                  **error);

/* The ids of a child's observations, newest first (observed_on, then
 * created_at), matching @filter — ids only, so that a list model can load the
 * records for the rows on screen lazily. (element-type utf8) */
GPtrArray *tandem_journal_list_ids         (TandemStore              *store,
                                            const char               *child_id,
                                            const TandemJournalFilter *filter,
                                            GError                  **error);

/* Convenience loaders for one observation's parts. */
GStrv      tandem_journal_get_child_ids    (TandemStore              *store,
                                            const char               *observation_id,
                                            GError                  **error);
GPtrArray *tandem_journal_get_photos       (TandemStore              *store,
                                            const char               *observation_id,
                                            GError                  **error);
GStrv      tandem_journal_get_photo_child_ids (TandemStore           *store,
                                            const char               *photo_id,
                                            GError                  **error);
GPtrArray *tandem_journal_get_comments     (TandemStore              *store,
                                            const char               *observation_id,
                                            GError                  **error);
gint64     tandem_journal_count_comments   (TandemStore              *store,
                                            const char               *observation_id);

/**
 * TandemSearchHit:
 * @kind: "observation", "comment", "child", "carer", "meeting" or "action"
 * @row_id: the matching record
 * @observation_id: (nullable): for observations and comments, the observation
 * @child_id: (nullable): a child it concerns (the first, for a group observation)
 * @snippet: text around the match with the matched words between U+0001 and
 *   U+0002 markers, for the GUI to highlight (escape the rest for markup)
 * @date: (nullable): ISO date of the observation or comment; of the meeting
 *   for a meeting, or for an action the meeting it was agreed at
 */
typedef struct {
  char *kind;
  char *row_id;
  char *observation_id;
  char *child_id;
  char *snippet;
  char *date;
} TandemSearchHit;

void       tandem_search_hit_free          (TandemSearchHit          *hit);

/* Full-text search over observations (text, next steps, ideas for home),
 * comments, children, carers, meetings (agenda, notes, what the family
 * wanted to discuss and said) and agreed actions; within one child when
 * @child_id is given.
 * The query is what a person typed: words, matched as prefixes, accents
 * ignored; FTS syntax characters are neutralised, never an error.
 * (element-type TandemSearchHit), best first, at most @limit. */
char      *tandem_journal_match_expression (const char               *query);
GPtrArray *tandem_journal_search           (TandemStore              *store,
                                            const char               *query,
                                            const char               *child_id,
                                            guint                     limit,
                                            GError                  **error);

/* Counts of a child's observations per area code between two dates
 * (inclusive), for the coverage summary: a hash table area code → count
 * (GINT_TO_POINTER). */
GHashTable *tandem_journal_area_counts     (TandemStore              *store,
                                            const char               *child_id,
                                            const char               *from,
                                            const char               *to,
                                            GError                  **error);

/* Children (current: not left) with no observation on or after @since,
 * longest first. (element-type TandemChild) */
GPtrArray *tandem_journal_children_without_since (TandemStore        *store,
                                                  const char         *since,
                                                  GError            **error);

G_END_DECLS
