/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TandemDateParse:
 * @TANDEM_DATE_PARSE_OK: the text is a date
 * @TANDEM_DATE_PARSE_MALFORMED: the text is not written as a date
 * @TANDEM_DATE_PARSE_IMPOSSIBLE: written as a date, but no such day exists,
 *   e.g. `31/02/2021`
 */
typedef enum {
  TANDEM_DATE_PARSE_OK,
  TANDEM_DATE_PARSE_MALFORMED,
  TANDEM_DATE_PARSE_IMPOSSIBLE,
} TandemDateParse;

TandemDateParse tandem_date_parse          (const char  *text,
                                            char       **iso_date);
gboolean        tandem_date_from_user_text (const char  *text,
                                            char       **iso_date);
char           *tandem_date_format_long    (const char  *iso_date);
char           *tandem_date_today          (void);

/* Between ISO dates and GDate, for date arithmetic; and a GDate formatted
 * with a g_date_time_format() format. */
gboolean        tandem_date_to_gdate       (const char  *iso_date,
                                            GDate       *date);
char           *tandem_date_from_gdate     (const GDate *date);
char           *tandem_date_format_gdate   (const GDate *date,
                                            const char  *format);

G_END_DECLS
