/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tandem-carer.h"
#include "tandem-dates.h"
#include "tandem-meeting-text.h"

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
  GDate a, b;

  if (!tandem_date_to_gdate (from, &a) || !tandem_date_to_gdate (to, &b))
    return G_MININT;

  return g_date_days_between (&a, &b);
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
  GDate date;

  if (!tandem_date_to_gdate (iso_date, &date))
    return g_strdup (iso_date != NULL ? iso_date : "");

  /* Translators: a date with its weekday; see g_date_time_format(). */
  return tandem_date_format_gdate (&date, _("%A %-d %B %Y"));
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
 * Returns: who will do it: the carer's name, the person named at the
 *   setting or the professional (e.g. "Ruth Hale, speech and language
 *   therapist"), else "The setting"
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
  if (name != NULL)
    return g_strdup (name);
  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_SETTING) == 0)
    return g_strdup (_("The setting"));
  return g_strdup (tandem_action_owner_label (owner));
}

/**
 * tandem_meeting_text_due:
 * @action: an action
 * @today: today's ISO date
 *
 * Returns: e.g. "Due Monday 30 November", "Due tomorrow", "Overdue by 3
 *   days", "Done on 2 November 2026" or "No date set"
 */
char *
tandem_meeting_text_due (TandemAction *action,
                         const char   *today)
{
  TandemRecord *record = TANDEM_RECORD (action);
  const char *done = tandem_record_get_text (record, "done_on");
  g_autofree char *date = NULL;
  GDate due, now;
  int days;

  if (done != NULL)
    {
      date = tandem_date_format_long (done);
      /* Translators: %s is a date. */
      return g_strdup_printf (_("Done on %s"), date);
    }
  if (!tandem_date_to_gdate (tandem_record_get_text (record, "due_on"), &due) ||
      !tandem_date_to_gdate (today, &now))
    return g_strdup (_("No date set"));

  days = g_date_days_between (&now, &due);
  if (days < 0)
    /* Translators: %d is a number of days. */
    return g_strdup_printf (ngettext ("Overdue by %d day", "Overdue by %d days", -days), -days);
  if (days == 0)
    return g_strdup (_("Due today"));
  if (days == 1)
    return g_strdup (_("Due tomorrow"));

  if (g_date_get_year (&due) == g_date_get_year (&now))
    /* Translators: a due date this year, e.g. "Monday 30 November"; see
     * g_date_time_format(). */
    date = tandem_date_format_gdate (&due, _("%A %-d %B"));
  else
    /* Translators: a due date in another year, e.g. "Monday 4 January 2027";
     * see g_date_time_format(). */
    date = tandem_date_format_gdate (&due, _("%A %-d %B %Y"));
  /* Translators: when an action is due; %s is a date, e.g. "Monday 30 November". */
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
