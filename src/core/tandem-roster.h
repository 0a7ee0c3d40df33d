/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/**
 * TandemRosterProblem:
 * @line: the 1-based line number in the file (the header is line 1)
 * @message: what is wrong, translated, for the user
 */
typedef struct {
  guint  line;
  char  *message;
} TandemRosterProblem;

typedef struct _TandemRoster TandemRoster;

/* Parses and checks a roster CSV against @store without writing anything.
 * Whole-file problems (empty, not UTF-8, no recognisable header) are errors;
 * row problems are listed by tandem_roster_get_problems(). */
TandemRoster *tandem_roster_parse          (TandemStore   *store,
                                            GBytes        *contents,
                                            GError       **error);
TandemRoster *tandem_roster_parse_file     (TandemStore   *store,
                                            const char    *path,
                                            GError       **error);
void          tandem_roster_free           (TandemRoster  *roster);

/* As tandem_roster_parse(), checking dates of birth against @today instead of
 * the current date (for tests, and for files dated in advance). */
TandemRoster *tandem_roster_parse_for_date (TandemStore   *store,
                                            GBytes        *contents,
                                            const GDate   *today,
                                            GError       **error);
/* The header cells that matched no known column and were left out, so a
 * preview can say so. (transfer none) */
const char * const *tandem_roster_get_ignored_columns (TandemRoster *roster);

/* (element-type TandemRosterProblem) (transfer none) */
GPtrArray    *tandem_roster_get_problems   (TandemRoster  *roster);
/* What would be created: (element-type TandemChild), TandemCarer, TandemRoom,
 * TandemKeyworker (rooms and keyworkers only those that do not exist yet). */
GPtrArray    *tandem_roster_get_children   (TandemRoster  *roster);
GPtrArray    *tandem_roster_get_carers     (TandemRoster  *roster);
GPtrArray    *tandem_roster_get_rooms      (TandemRoster  *roster);
GPtrArray    *tandem_roster_get_keyworkers (TandemRoster  *roster);

/* Writes everything in one transaction; refuses while there are problems. */
gboolean      tandem_roster_commit         (TandemRoster  *roster,
                                            TandemStore   *store,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemRoster, tandem_roster_free)

G_END_DECLS
