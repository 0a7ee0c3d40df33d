/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-dates.h"

/* Dates as people type them in the editors and write them in roster files. */

typedef struct {
  const char      *text;
  TandemDateParse  result;
  const char      *iso;
} DateCase;

static const DateCase cases[] = {
  /* Day first, as UK people and systems write dates. */
  { "14/03/2021", TANDEM_DATE_PARSE_OK, "2021-03-14" },
  { "4/3/2021", TANDEM_DATE_PARSE_OK, "2021-03-04" },
  { "04/3/2021", TANDEM_DATE_PARSE_OK, "2021-03-04" },
  { "14-03-2021", TANDEM_DATE_PARSE_OK, "2021-03-14" },
  { "14.03.2021", TANDEM_DATE_PARSE_OK, "2021-03-14" },
  /* 03/04 is the 3rd of April, never the 4th of March. */
  { "03/04/2021", TANDEM_DATE_PARSE_OK, "2021-04-03" },
  { "29/02/2024", TANDEM_DATE_PARSE_OK, "2024-02-29" },
  /* ISO, and year first with other separators. */
  { "2021-03-14", TANDEM_DATE_PARSE_OK, "2021-03-14" },
  { "2021-3-4", TANDEM_DATE_PARSE_OK, "2021-03-04" },
  { "2021/03/14", TANDEM_DATE_PARSE_OK, "2021-03-14" },
  /* A time added by a spreadsheet is ignored. */
  { "14/03/2021 00:00:00", TANDEM_DATE_PARSE_OK, "2021-03-14" },
  { "2021-03-14T09:30", TANDEM_DATE_PARSE_OK, "2021-03-14" },

  /* Written as dates, but no such day. */
  { "31/02/2021", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },
  { "29/02/2023", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },
  { "14/13/2021", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },
  { "00/03/2021", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },
  { "2021-00-10", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },
  { "32/01/2021", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },
  { "01/01/0000", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },

  /* Not dates at all. */
  { "", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "soon", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14 March 2021", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03/2021/", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03-2021", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03/2021x", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03/2021 ", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03/2021 noon", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "+14/03/2021", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "-14/03/2021", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "140/03/2021", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/003/2021", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03/02021", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "20211-03-14", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "2021-03-140", TANDEM_DATE_PARSE_MALFORMED, NULL },
  /* Two-digit years are refused, not guessed: a wrong century is worse
   * than a question. */
  { "14/03/21", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "21-03-14", TANDEM_DATE_PARSE_MALFORMED, NULL },
  { "14/03/921", TANDEM_DATE_PARSE_MALFORMED, NULL },
  /* Month first (US) is never guessed: this has no 14th month. */
  { "03/14/2021", TANDEM_DATE_PARSE_IMPOSSIBLE, NULL },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = g_strdup ("stale");
      TandemDateParse result;

      g_test_message ("“%s”", cases[i].text);
      result = tandem_date_parse (cases[i].text, &iso);
      g_assert_cmpint (result, ==, cases[i].result);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

static void
test_parse_null (void)
{
  g_autofree char *iso = NULL;

  g_assert_cmpint (tandem_date_parse (NULL, &iso), ==, TANDEM_DATE_PARSE_MALFORMED);
  g_assert_null (iso);
  /* The result alone can be asked for. */
  g_assert_cmpint (tandem_date_parse ("14/03/2021", NULL), ==, TANDEM_DATE_PARSE_OK);
}

static void
test_user_text (void)
{
  g_autofree char *iso = NULL;

  /* Spaces around a typed date do not matter. */
  g_assert_true (tandem_date_from_user_text ("  14/03/2021 \t", &iso));
  g_assert_cmpstr (iso, ==, "2021-03-14");
  g_clear_pointer (&iso, g_free);

  g_assert_true (tandem_date_from_user_text ("2021-03-14", &iso));
  g_assert_cmpstr (iso, ==, "2021-03-14");
  g_clear_pointer (&iso, g_free);

  /* An empty field is a date not given, not a mistake. */
  g_assert_true (tandem_date_from_user_text ("", &iso));
  g_assert_null (iso);
  g_assert_true (tandem_date_from_user_text ("   ", &iso));
  g_assert_null (iso);
  g_assert_true (tandem_date_from_user_text (NULL, &iso));
  g_assert_null (iso);

  g_assert_false (tandem_date_from_user_text ("31/02/2021", &iso));
  g_assert_null (iso);
  g_assert_false (tandem_date_from_user_text ("next Tuesday", &iso));
  g_assert_null (iso);
  g_assert_false (tandem_date_from_user_text ("14/03/21", &iso));
  g_assert_null (iso);
  g_assert_false (tandem_date_from_user_text ("1 4/03/2021", &iso));
  g_assert_null (iso);
}

static void
test_format_long (void)
{
  g_autofree char *march = tandem_date_format_long ("2021-03-14");
  g_autofree char *first = tandem_date_format_long ("2024-02-01");
  g_autofree char *none = tandem_date_format_long (NULL);
  g_autofree char *odd = tandem_date_format_long ("soon");
  g_autofree char *impossible = tandem_date_format_long ("2021-02-31");

  g_assert_cmpstr (march, ==, "14 March 2021");
  g_assert_cmpstr (first, ==, "1 February 2024");
  g_assert_cmpstr (none, ==, "");
  /* What cannot be read is shown as it is rather than hidden. */
  g_assert_cmpstr (odd, ==, "soon");
  g_assert_cmpstr (impossible, ==, "2021-02-31");
}

static void
test_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autofree char *today = tandem_date_today ();
  g_autoptr(GDateTime) after = g_date_time_new_now_local ();
  g_autofree char *expected_before = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *expected_after = g_date_time_format (after, "%Y-%m-%d");
  g_autofree char *iso = NULL;

  g_assert_cmpuint (strlen (today), ==, 10);
  /* Midnight may pass between the calls. */
  g_assert_true (g_str_equal (today, expected_before) || g_str_equal (today, expected_after));
  /* It reads back as the same date. */
  g_assert_cmpint (tandem_date_parse (today, &iso), ==, TANDEM_DATE_PARSE_OK);
  g_assert_cmpstr (iso, ==, today);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dates/parse", test_parse);
  g_test_add_func ("/dates/parse-null", test_parse_null);
  g_test_add_func ("/dates/user-text", test_user_text);
  g_test_add_func ("/dates/format-long", test_format_long);
  g_test_add_func ("/dates/today", test_today);

  return g_test_run ();
}
