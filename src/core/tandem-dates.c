/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Dates as people write them. Records keep ISO `YYYY-MM-DD`; people in the
 * UK write the day first. The editors and the roster import read dates with
 * the same rules, so a date typed in one is accepted by the other. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tandem-dates.h"
#include "tandem-record.h"

/* Reads between @min_digits and @max_digits digits. One digit more than
 * @max_digits is consumed, so that "20211" is refused rather than read as
 * "2021" followed by junk the caller might not look at. */
static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *value,
             guint       *n_digits)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit ((*p)[0]) && n < max_digits + 1)
    {
      *value = *value * 10 + ((*p)[0] - '0');
      (*p)++;
      n++;
    }

  if (n_digits != NULL)
    *n_digits = n;
  return n >= min_digits && n <= max_digits;
}

/**
 * tandem_date_parse:
 * @text: (nullable): a date as written, without surrounding spaces
 * @iso_date: (out) (transfer full) (optional): the date as `YYYY-MM-DD`;
 *   %NULL unless the result is %TANDEM_DATE_PARSE_OK
 *
 * Reads ISO `YYYY-MM-DD` (also with `/` or `.` between the parts), and the
 * day-first forms UK systems and people use: `D/M/YYYY`, `DD-MM-YYYY`,
 * `DD.MM.YYYY`. The two separators must be the same.
 *
 * Never month first: UK dates are day first, and guessing would silently
 * swap days and months. Two-digit years are refused: for a child's date of
 * birth a wrong century is worse than a question. A time after the date
 * (" 00:00:00" or "T09:30", added by some spreadsheets) is ignored.
 *
 * Returns: whether @text is a date, and if not, why
 */
TandemDateParse
tandem_date_parse (const char  *text,
                   char       **iso_date)
{
  const char *p = text;
  int first, second, third;
  int year, month, day;
  guint n_digits;
  char separator;

  if (iso_date != NULL)
    *iso_date = NULL;
  if (text == NULL)
    return TANDEM_DATE_PARSE_MALFORMED;

  /* Three digits are neither a day nor a year. */
  if (!read_number (&p, 1, 4, &first, &n_digits) || n_digits == 3)
    return TANDEM_DATE_PARSE_MALFORMED;

  separator = p[0];
  if (separator != '-' && separator != '/' && separator != '.')
    return TANDEM_DATE_PARSE_MALFORMED;
  p++;

  if (!read_number (&p, 1, 2, &second, NULL) || p[0] != separator)
    return TANDEM_DATE_PARSE_MALFORMED;
  p++;

  if (n_digits == 4)
    {
      if (!read_number (&p, 1, 2, &third, NULL))
        return TANDEM_DATE_PARSE_MALFORMED;
      year = first;
      month = second;
      day = third;
    }
  else
    {
      if (!read_number (&p, 4, 4, &third, NULL))
        return TANDEM_DATE_PARSE_MALFORMED;
      day = first;
      month = second;
      year = third;
    }

  if (p[0] == ' ' || p[0] == 'T')
    {
      p++;
      if (!g_ascii_isdigit (p[0]))
        return TANDEM_DATE_PARSE_MALFORMED;
      while (g_ascii_isdigit (p[0]) || p[0] == ':' || p[0] == '.')
        p++;
    }

  if (p[0] != '\0')
    return TANDEM_DATE_PARSE_MALFORMED;

  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return TANDEM_DATE_PARSE_IMPOSSIBLE;

  if (iso_date != NULL)
    *iso_date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return TANDEM_DATE_PARSE_OK;
}

/**
 * tandem_date_from_user_text:
 * @text: (nullable): a date as a person typed it
 * @iso_date: (out) (transfer full) (nullable): the date as `YYYY-MM-DD`, or
 *   %NULL when @text is empty
 *
 * Reads a date typed into a form, in any form tandem_date_parse() accepts.
 * Spaces around it are ignored, and an empty field is not an error: the
 * date is then simply not given.
 *
 * Returns: %FALSE if @text is not empty and not a date
 */
gboolean
tandem_date_from_user_text (const char  *text,
                            char       **iso_date)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (iso_date != NULL, FALSE);

  *iso_date = NULL;
  if (trimmed[0] == '\0')
    return TRUE;

  return tandem_date_parse (trimmed, iso_date) == TANDEM_DATE_PARSE_OK;
}

/**
 * tandem_date_format_long:
 * @iso_date: (nullable): a date as `YYYY-MM-DD`
 *
 * Returns: (transfer full): the date for reading, e.g. "14 March 2021"; an
 *   empty string for %NULL and the text itself if it is not a date
 */
char *
tandem_date_format_long (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (iso_date == NULL)
    return g_strdup ("");
  if (!tandem_date_is_valid (iso_date) || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso_date);

  date = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* Translators: a date as shown in the app; see g_date_time_format(). */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/**
 * tandem_date_today:
 *
 * Returns: (transfer full): today's local date as `YYYY-MM-DD`
 */
char *
tandem_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * tandem_date_to_gdate:
 * @iso_date: (nullable): an ISO date, `YYYY-MM-DD`
 * @date: (out): set to @iso_date, or cleared
 *
 * Returns: whether @iso_date was a valid date
 */
gboolean
tandem_date_to_gdate (const char *iso_date,
                      GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * tandem_date_from_gdate:
 * @date: a valid date
 *
 * Returns: @date as an ISO date, `YYYY-MM-DD`
 */
char *
tandem_date_from_gdate (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * tandem_date_format_gdate:
 * @date: a valid date
 * @format: a g_date_time_format() format
 *
 * Returns: @date formatted with @format
 */
char *
tandem_date_format_gdate (const GDate *date,
                          const char  *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (time, format);
}
