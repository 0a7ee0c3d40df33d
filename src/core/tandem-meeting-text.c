/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tandem-carer.h"
#include "tandem-dates.h"
#include "tandem-meeting-text.h"

static GDate *
parse_date (const char *iso_date)
{
  int y, m, d;

  if (iso_date == NULL || !tandem_date_is_valid (iso_date) ||
      sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;

  return g_date_new_dmy (d, m, y);
}

/**
 * tandem_date_days_between:
 * @from: an ISO date
 * @to: an ISO date
 *
 * Returns: days from @from to @to (negative when @to is earlier), or
 *   G_MININT when either is not a date
 */
int
tandem_date_days_between (const char *from,
                          const char *to)
{
  GDate *a = parse_date (from);
  GDate *b = parse_date (to);
  int days = G_MININT;

  if (a != NULL && b != NULL)
    days = g_date_days_between (a, b);

  g_clear_pointer (&a, g_date_free);
  g_clear_pointer (&b, g_date_free);
  return days;
}

/**
 * tandem_date_format_weekday:
 * @iso_date: an ISO date
 *
 * Returns: the date with its weekday, e.g. "Tuesday 1 December 2026"
 */
char *
tandem_date_format_weekday (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (iso_date == NULL)
    return g_strdup ("");
  if (!tandem_date_is_valid (iso_date) || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso_date);

  date = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* Translators: a date with its weekday; see g_date_time_format(). */
  return g_date_time_format (date, _("%A %-d %B %Y"));
}

/**
 * tandem_meeting_text_when:
 * @meeting: a meeting
 *
 * Returns: e.g. "Tuesday 1 December 2026, 10:00–10:45", or without the
 *   times when they are not set
 */
char *
tandem_meeting_text_when (TandemMeeting *meeting)
{
  TandemRecord *record = TANDEM_RECORD (meeting);
  g_autofree char *date = tandem_date_format_weekday (tandem_record_get_text (record,
                                                                              "meets_on"));
  const char *starts = tandem_record_get_text (record, "starts_at");
  gint64 minutes = tandem_record_get_int (record, "duration_minutes");
  int h, m;

  if (starts == NULL || sscanf (starts, "%d:%d", &h, &m) != 2)
    return g_steal_pointer (&date);

  if (minutes > 0)
    {
      int end = (h * 60 + m + (int) minutes) % (24 * 60);

      /* Translators: a meeting's date, start and end times, e.g.
       * "Tuesday 1 December 2026, 10:00–10:45". */
      return g_strdup_printf (_("%s, %02d:%02d–%02d:%02d"), date, h, m, end / 60, end % 60);
    }

  /* Translators: a meeting's date and start time. */
  return g_strdup_printf (_("%s, %02d:%02d"), date, h, m);
}

/**
 * tandem_meeting_text_where:
 * @meeting: a meeting
 *
 * Returns: (nullable): the format and place, e.g. "In person, Blue Room"
 */
char *
tandem_meeting_text_where (TandemMeeting *meeting)
{
  TandemRecord *record = TANDEM_RECORD (meeting);
  const char *format = tandem_record_get_text (record, "format");
  const char *place = tandem_record_get_text (record, "place");

  if (format != NULL && place != NULL)
    /* Translators: a meeting's format and place, e.g. "In person, Blue Room". */
    return g_strdup_printf (_("%s, %s"), tandem_meeting_format_label (format), place);
  if (format != NULL)
    return g_strdup (tandem_meeting_format_label (format));
  return g_strdup (place);
}

static char *
carer_name (TandemStore *store,
            const char  *carer_id)
{
  g_autoptr(TandemCarer) carer = NULL;

  if (carer_id != NULL)
    carer = tandem_store_load (store, TANDEM_TYPE_CARER, carer_id, NULL);
  if (carer == NULL)
    return g_strdup (_("A carer"));
  return g_strdup (tandem_carer_get_name (carer));
}

/**
 * tandem_meeting_text_notice_warning:
 * @store: the store
 * @warning: from tandem_adjustments_check_notice()
 *
 * Returns: the warning in words, naming the carer
 */
char *
tandem_meeting_text_notice_warning (TandemStore               *store,
                                    const TandemNoticeWarning *warning)
{
  g_autofree char *name = carer_name (store, warning->carer_id);
  g_autofree char *needs = NULL;

  /* Translators: %1$s is a carer's name, %2$d a number of days. */
  needs = g_strdup_printf (ngettext ("%1$s needs at least %2$d day’s notice.",
                                     "%1$s needs at least %2$d days’ notice.",
                                     warning->needed),
                           name, warning->needed);

  if (warning->given < 0)
    /* Translators: %s says who needs how much notice. */
    return g_strdup_printf (_("Too late to give enough notice: %s"), needs);

  /* Translators: %1$d is a number of days, %2$s says who needs how much notice. */
  return g_strdup_printf (ngettext ("The invitation gives only %1$d day’s notice. %2$s",
                                    "The invitation gives only %1$d days’ notice. %2$s",
                                    warning->given),
                          warning->given, needs);
}

/**
 * tandem_meeting_text_owner:
 * @store: the store
 * @action: an action
 *
 * Returns: who will do it, e.g. "Anna Nowak", "The setting",
 *   "Ruth Hale (speech and language therapist)"
 */
char *
tandem_meeting_text_owner (TandemStore  *store,
                           TandemAction *action)
{
  TandemRecord *record = TANDEM_RECORD (action);
  const char *owner = tandem_record_get_text (record, "owner");
  const char *name = tandem_record_get_text (record, "owner_name");

  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_CARER) == 0)
    return carer_name (store, tandem_record_get_text (record, "owner_carer_id"));
  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_SETTING) == 0 && name != NULL)
    /* Translators: an action the setting will do, with who at the setting. */
    return g_strdup_printf (_("The setting (%s)"), name);
  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_SETTING) == 0)
    return g_strdup (_("The setting"));
  return g_strdup (name != NULL ? name : _("A professional"));
}

/**
 * tandem_meeting_text_due:
 * @action: an action
 * @today: today's ISO date
 *
 * Returns: e.g. "Due Monday 30 November 2026", "Overdue by 3 days",
 *   "Done on 2 November 2026" or "No date set"
 */
char *
tandem_meeting_text_due (TandemAction *action,
                         const char   *today)
{
  TandemRecord *record = TANDEM_RECORD (action);
  const char *due = tandem_record_get_text (record, "due_on");
  const char *done = tandem_record_get_text (record, "done_on");
  g_autofree char *date = NULL;
  int late;

  if (done != NULL)
    {
      date = tandem_date_format_long (done);
      /* Translators: %s is a date. */
      return g_strdup_printf (_("Done on %s"), date);
    }
  if (due == NULL)
    return g_strdup (_("No date set"));

  late = tandem_date_days_between (due, today);
  if (late != G_MININT && late > 0)
    /* Translators: %d is a number of days. */
    return g_strdup_printf (ngettext ("Overdue by %d day", "Overdue by %d days", late), late);
  if (late == 0)
    return g_strdup (_("Due today"));

  date = tandem_date_format_weekday (due);
  /* Translators: %s is a date with its weekday. */
  return g_strdup_printf (_("Due %s"), date);
}

/**
 * tandem_meeting_text_action_subtitle:
 * @store: the store
 * @action: an action
 * @today: today's ISO date
 *
 * Returns: who and when, e.g. "Anna Nowak · Overdue by 3 days"
 */
char *
tandem_meeting_text_action_subtitle (TandemStore  *store,
                                     TandemAction *action,
                                     const char   *today)
{
  g_autofree char *owner = tandem_meeting_text_owner (store, action);
  g_autofree char *due = tandem_meeting_text_due (action, today);

  /* Translators: "<who will do it> · <when it is due>". */
  return g_strdup_printf (_("%s · %s"), owner, due);
}
