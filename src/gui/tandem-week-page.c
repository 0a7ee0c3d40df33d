/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tandem-a11y.h"
#include "tandem-adjustments.h"
#include "tandem-dates.h"
#include "tandem-languages.h"
#include "tandem-meetings.h"
#include "tandem-records.h"
#include "tandem-week-page.h"

/* This Week: the meetings planned with all families in one week, Monday
 * to Sunday, day by day, so that the keyworker sees at a glance what to
 * prepare: who is coming, where, whether an interpreter is booked, and
 * whether a family was given the notice they need (DESIGN.md, value 4). */

#define CHILD_ID_KEY   "tandem-child-id"
#define MEETING_ID_KEY "tandem-meeting-id"

struct _TandemWeekPage
{
  GtkWidget      parent_instance;

  GtkLabel      *title_label;
  GtkStack      *when_stack;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkBox        *days_box;

  TandemStore   *store;
  /* The date the page counts from, for tests; NULL for today. */
  char          *today;
  /* The week shown, by its Monday; invalid until first set, which means
   * this week. */
  GDate          monday;
  char          *monday_iso;
  guint          reload_id;
  /* A change came while the page was not on screen. */
  gboolean       dirty;
  guint          n_meetings;
};

G_DEFINE_FINAL_TYPE (TandemWeekPage, tandem_week_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TODAY,
  PROP_WEEK_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MEETING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
get_today (TandemWeekPage *self,
           GDate          *today)
{
  if (self->today == NULL || !tandem_date_to_gdate (self->today, today))
    {
      g_autofree char *now = tandem_date_today ();

      tandem_date_to_gdate (now, today);
    }
}

static void
monday_of (const GDate *date,
           GDate       *monday)
{
  *monday = *date;
  g_date_subtract_days (monday, g_date_get_weekday (date) - G_DATE_MONDAY);
}

static gboolean
is_this_week (TandemWeekPage *self)
{
  GDate today, monday;

  get_today (self, &today);
  monday_of (&today, &monday);
  return g_date_compare (&monday, &self->monday) == 0;
}

/* Joins the words of a date with no-break spaces, so that a narrow
 * window wraps a range between its dates, not inside one. */
static char *
unbreakable (char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  g_free (text);
  return g_strjoinv ("\u00a0", words);
}

/* The week in words: "23–29 November 2026", "30 November – 6 December
 * 2026" or "28 December 2026 – 3 January 2027". */
static char *
week_range (const GDate *monday)
{
  GDate sunday = *monday;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_date_add_days (&sunday, 6);

  /* Translators: the end of a week's range, e.g. the "29 November 2026"
   * of "23–29 November 2026"; see g_date_time_format(). */
  to = unbreakable (tandem_date_format_gdate (&sunday, _("%-d %B %Y")));

  if (g_date_get_month (monday) == g_date_get_month (&sunday))
    {
      /* Translators: the start of a week's range within one month, e.g. the
       * "23" of "23–29 November 2026"; see g_date_time_format(). */
      from = tandem_date_format_gdate (monday, _("%-d"));
      /* Translators: a week within one month, e.g. "23–29 November 2026";
       * %1$s is its first day, %2$s its last with month and year. */
      return g_strdup_printf (_("%1$s–%2$s"), from, to);
    }

  if (g_date_get_year (monday) == g_date_get_year (&sunday))
    /* Translators: the start of a week's range across two months, e.g. the
     * "30 November" of "30 November – 6 December 2026"; see
     * g_date_time_format(). */
    from = unbreakable (tandem_date_format_gdate (monday, _("%-d %B")));
  else
    /* Translators: the start of a week's range across two years, e.g. the
     * "28 December 2026" of "28 December 2026 – 3 January 2027"; see
     * g_date_time_format(). */
    from = unbreakable (tandem_date_format_gdate (monday, _("%-d %B %Y")));

  /* Translators: a week across two months, e.g. "30 November – 6 December
   * 2026"; %1$s is its first day, %2$s its last. */
  return g_strdup_printf (_("%1$s – %2$s"), from, to);
}

static char *
day_title (const GDate *day,
           const GDate *today)
{
  int days = g_date_days_between (today, day);

  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  /* Translators: a day's heading in This Week, e.g. "Wednesday 25
   * November"; see g_date_time_format(). */
  return tandem_date_format_gdate (day, _("%A %-d %B"));
}

static TandemRecord *
cached_record (TandemStore *store,
               GHashTable  *cache,
               GType        type,
               const char  *id)
{
  TandemRecord *record;

  if (id == NULL)
    return NULL;

  record = g_hash_table_lookup (cache, id);
  if (record == NULL)
    {
      record = tandem_store_load (store, type, id, NULL);
      if (record == NULL)
        return NULL;
      g_hash_table_insert (cache, g_strdup (id), record);
    }
  return record;
}

/* The end of a meeting starting at @starts_at ("HH:MM") and lasting
 * @minutes, as "HH:MM", or NULL. */
static char *
end_time (const char *starts_at,
          gint64      minutes)
{
  int hours, mins;
  gint64 end;

  if (starts_at == NULL || minutes <= 0 || sscanf (starts_at, "%d:%d", &hours, &mins) != 2)
    return NULL;

  end = (hours * 60 + mins + minutes) % (24 * 60);
  return g_strdup_printf ("%02d:%02d", (int) (end / 60), (int) (end % 60));
}

/* "Ola Nowak", "Ola Nowak and Piotr Nowak", "Ola, Piotr and Nana". */
static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0 && i == names->len - 1)
        /* Translators: between the last two names in a list, e.g. "Ola and Piotr". */
        g_string_append (out, _(" and "));
      else if (i > 0)
        /* Translators: between names in a list, e.g. "Ola, Piotr and Nana". */
        g_string_append (out, _(", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

/* A warning when the invitation does not give the notice an invited carer
 * needs, or NULL. */
static char *
notice_warning (TandemMeeting *meeting,
                GPtrArray     *carers,
                const char    *today_iso,
                const GDate   *day,
                const GDate   *today)
{
  TandemNoticeWarning warning = { NULL, 0, 0 };
  const char *name = NULL;
  g_autofree char *needed = NULL;
  g_autofree char *given = NULL;

  if (carers->len == 0 || !tandem_adjustments_check_notice (meeting, carers, today_iso, &warning))
    return NULL;

  /* Too late to send an invitation matters only for what is still to come. */
  if (warning.given < 0 && g_date_compare (day, today) < 0)
    return NULL;

  for (guint i = 0; i < carers->len; i++)
    if (g_strcmp0 (tandem_record_get_id (g_ptr_array_index (carers, i)), warning.carer_id) == 0)
      name = tandem_carer_get_name (g_ptr_array_index (carers, i));
  if (name == NULL)
    name = _("A carer");

  /* Translators: a warning on a meeting; %s is a carer's name, %d days. */
  needed = g_strdup_printf (ngettext ("%s needs %d day’s notice.", "%s needs %d days’ notice.",
                                      warning.needed),
                            name, warning.needed);
  if (warning.given >= 0)
    given = g_strdup_printf (ngettext ("The invitation gave %d day.",
                                       "The invitation gave %d days.", warning.given),
                             warning.given);
  else
    given = g_strdup (_("No invitation has been sent, and one sent today would be too late."));

  return g_strdup_printf ("%s\n%s", needed, given);
}

static GtkWidget *
time_box (const char *starts_at,
          const char *ends_at)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *start = gtk_label_new (starts_at != NULL ? starts_at : "—");

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_width_chars (GTK_LABEL (start), 5);
  gtk_widget_add_css_class (start, "numeric");
  gtk_widget_add_css_class (start, "heading");
  gtk_box_append (GTK_BOX (box), start);
  if (starts_at == NULL)
    gtk_widget_set_tooltip_text (start, _("No time set"));

  if (ends_at != NULL)
    {
      GtkWidget *end = gtk_label_new (ends_at);

      gtk_widget_add_css_class (end, "numeric");
      gtk_widget_add_css_class (end, "caption");
      gtk_widget_add_css_class (end, "dim-label");
      gtk_box_append (GTK_BOX (box), end);
    }

  return box;
}

static void
row_activated_cb (AdwActionRow   *row,
                  TandemWeekPage *self)
{
  g_signal_emit (self, signals[MEETING_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (row), CHILD_ID_KEY),
                 g_object_get_data (G_OBJECT (row), MEETING_ID_KEY));
}

static GtkWidget *
meeting_row (TandemWeekPage *self,
             TandemMeeting  *meeting,
             const GDate    *day,
             const GDate    *today,
             const char     *today_iso,
             GHashTable     *cache)
{
  TandemRecord *record = TANDEM_RECORD (meeting);
  const char *meeting_id = tandem_record_get_id (record);
  const char *child_id = tandem_record_get_text (record, "child_id");
  TandemRecord *child = cached_record (self->store, cache, TANDEM_TYPE_CHILD, child_id);
  const char *starts_at = tandem_record_get_text (record, "starts_at");
  const char *format = tandem_record_get_text (record, "format");
  const char *place = tandem_record_get_text (record, "place");
  const char *language = tandem_record_get_text (record, "interpreter_language");
  const char *kind = tandem_meeting_kind_label (tandem_record_get_text (record, "kind"));
  g_autofree char *ends_at = end_time (starts_at, tandem_record_get_int (record,
                                                                         "duration_minutes"));
  g_autoptr(TandemMeetingParts) parts = NULL;
  g_autoptr(GPtrArray) carers = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *accessible = NULL;
  const char *child_name;
  GtkWidget *row;

  child_name = child != NULL ? tandem_child_get_display_name (TANDEM_CHILD (child))
                             : _("Unknown child");

  parts = tandem_meetings_load_parts (self->store, meeting_id, &error);
  if (parts == NULL)
    g_warning ("Could not read the meeting’s carers: %s", error->message);
  for (guint i = 0; parts != NULL && i < parts->carer_ids->len; i++)
    {
      TandemRecord *carer = cached_record (self->store, cache, TANDEM_TYPE_CARER,
                                           g_ptr_array_index (parts->carer_ids, i));

      if (carer == NULL)
        continue;
      g_ptr_array_add (carers, carer);
      g_ptr_array_add (names, (gpointer) tandem_carer_get_name (TANDEM_CARER (carer)));
    }

  /* What kind of meeting, and where. */
  if (format != NULL && place != NULL && place[0] != '\0')
    /* Translators: how and where a meeting is, e.g. "In person, Room 2". */
    where = g_strdup_printf (_("%1$s, %2$s"), tandem_meeting_format_label (format), place);
  else if (format != NULL)
    where = g_strdup (tandem_meeting_format_label (format));
  else if (place != NULL && place[0] != '\0')
    where = g_strdup (place);

  if (where != NULL)
    /* Translators: a meeting's kind and place, e.g. "Progress review · In person, Room 2". */
    g_ptr_array_add (lines, g_strdup_printf (_("%1$s · %2$s"), kind, where));
  else
    g_ptr_array_add (lines, g_strdup (kind));

  if (names->len > 0)
    {
      g_autofree char *joined = join_names (names);

      /* Translators: the carers invited to a meeting, e.g. "With Ola Nowak
       * and Piotr Nowak". */
      g_ptr_array_add (lines, g_strdup_printf (_("With %s"), joined));
    }

  if (language != NULL && language[0] != '\0')
    {
      g_autofree char *label = tandem_language_label (language);

      /* Translators: on a meeting; %s is a language, e.g. "Polski (Polish)". */
      g_ptr_array_add (lines, g_strdup_printf (_("Interpreter: %s"), label));
    }

  g_ptr_array_add (lines, NULL);
  subtitle = g_strjoinv ("\n", (char **) lines->pdata);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), child_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), time_box (starts_at, ends_at));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), CHILD_ID_KEY, g_strdup (child_id), g_free);
  g_object_set_data_full (G_OBJECT (row), MEETING_ID_KEY, g_strdup (meeting_id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);

  warning = notice_warning (meeting, carers, today_iso, day, today);
  if (warning != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (icon, warning);
      gtk_widget_add_css_class (icon, "warning");
      tandem_a11y_set_label (icon, warning);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data_full (G_OBJECT (row), "tandem-notice-warning", g_strdup (warning),
                              g_free);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  /* Translators: what a screen reader says for a meeting in This Week:
   * %1$s is its time, %2$s the child, %3$s the kind, place, carers and
   * interpreter. */
  accessible = g_strdup_printf (_("%1$s, %2$s: %3$s"),
                                starts_at != NULL ? starts_at : _("No time set"),
                                child_name, subtitle);
  if (warning != NULL)
    {
      g_autofree char *with_warning = g_strdup_printf ("%s\n%s", accessible, warning);

      tandem_a11y_set_label (row, with_warning);
    }
  else
    tandem_a11y_set_label (row, accessible);

  return row;
}

static void
clear_days (TandemWeekPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_box))) != NULL)
    gtk_box_remove (self->days_box, child);
}

static void
update_header (TandemWeekPage *self)
{
  g_autofree char *range = week_range (&self->monday);
  g_autofree char *description = NULL;
  gboolean this_week = is_this_week (self);

  gtk_label_set_label (self->title_label, range);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.this-week", !this_week);
  gtk_stack_set_visible_child_name (self->when_stack, this_week ? "this-week" : "other-week");

  adw_status_page_set_title (self->empty_page, this_week ? _("No Meetings This Week")
                                                         : _("No Meetings That Week"));
  /* Translators: under "No Meetings This Week"; %s is the week, e.g.
   * "23–29 November 2026". */
  description = g_strdup_printf (_("Nothing is planned for %s. Prepare meetings from a child’s "
                                   "Meetings page."), range);
  adw_status_page_set_description (self->empty_page, description);
}

/**
 * tandem_week_page_reload:
 * @self: a week page
 *
 * Reads the week's meetings again, here and now.
 */
void
tandem_week_page_reload (TandemWeekPage *self)
{
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *sunday_iso = NULL;
  AdwPreferencesGroup *group = NULL;
  GDate today, sunday, group_day;

  g_return_if_fail (TANDEM_IS_WEEK_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = FALSE;
  clear_days (self);
  self->n_meetings = 0;

  get_today (self, &today);
  today_iso = tandem_date_from_gdate (&today);
  sunday = self->monday;
  g_date_add_days (&sunday, 6);
  sunday_iso = tandem_date_from_gdate (&sunday);
  update_header (self);

  if (self->store != NULL)
    {
      meetings = tandem_meetings_between (self->store, self->monday_iso, sunday_iso, &error);
      if (meetings == NULL)
        g_warning ("Could not read the week’s meetings: %s", error->message);
    }

  g_date_clear (&group_day, 1);
  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      TandemMeeting *meeting = g_ptr_array_index (meetings, i);
      GDate day;

      if (!tandem_date_to_gdate (tandem_record_get_text (TANDEM_RECORD (meeting), "meets_on"), &day))
        continue;

      /* The store lists them by date and time: a heading for each day. */
      if (group == NULL || g_date_compare (&day, &group_day) != 0)
        {
          g_autofree char *title = day_title (&day, &today);

          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          if (g_date_days_between (&today, &day) == 0 || g_date_days_between (&today, &day) == 1)
            {
              /* Translators: under "Today" or "Tomorrow", the date, e.g.
               * "Wednesday 25 November"; see g_date_time_format(). */
              g_autofree char *date = tandem_date_format_gdate (&day, _("%A %-d %B"));

              adw_preferences_group_set_description (group, date);
            }
          g_object_set_data_full (G_OBJECT (group), "tandem-day", tandem_date_from_gdate (&day), g_free);
          gtk_box_append (self->days_box, GTK_WIDGET (group));
          group_day = day;
        }

      adw_preferences_group_add (group, meeting_row (self, meeting, &day, &today, today_iso,
                                                      cache));
      self->n_meetings++;
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_meetings > 0 ? "list" : "empty");
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TandemWeekPage *self = user_data;

  self->reload_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Read again when shown; nobody sees it until then. */
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }

  tandem_week_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TandemStore    *store,
                  const char     *table,
                  const char     *id,
                  TandemWeekPage *self)
{
  static const char * const tables[] = {
    "carers", "children", "meeting_carers", "meetings", NULL
  };

  if (table != NULL && !g_strv_contains (tables, table))
    return;

  /* A meeting saved with its carers reads the week once. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
move_week (TandemWeekPage *self,
           int             weeks)
{
  GDate monday = self->monday;
  g_autofree char *iso = NULL;

  if (weeks > 0)
    g_date_add_days (&monday, 7 * weeks);
  else
    g_date_subtract_days (&monday, -7 * weeks);

  iso = tandem_date_from_gdate (&monday);
  tandem_week_page_set_week (self, iso);
}

static void
previous_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_week (TANDEM_WEEK_PAGE (widget), -1);
}

static void
next_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  move_week (TANDEM_WEEK_PAGE (widget), 1);
}

static void
this_week_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  tandem_week_page_set_week (TANDEM_WEEK_PAGE (widget), NULL);
}

static void
tandem_week_page_map (GtkWidget *widget)
{
  TandemWeekPage *self = TANDEM_WEEK_PAGE (widget);

  GTK_WIDGET_CLASS (tandem_week_page_parent_class)->map (widget);

  if (self->dirty)
    tandem_week_page_reload (self);
}

static void
tandem_week_page_dispose (GObject *object)
{
  TandemWeekPage *self = TANDEM_WEEK_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_WEEK_PAGE);
  /* The template's outer box is not bound to be cleared by it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tandem_week_page_parent_class)->dispose (object);
}

static void
tandem_week_page_finalize (GObject *object)
{
  TandemWeekPage *self = TANDEM_WEEK_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->monday_iso, g_free);

  G_OBJECT_CLASS (tandem_week_page_parent_class)->finalize (object);
}

static void
tandem_week_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TandemWeekPage *self = TANDEM_WEEK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;
    case PROP_WEEK_START:
      g_value_set_string (value, self->monday_iso);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_week_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TandemWeekPage *self = TANDEM_WEEK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_week_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_TODAY:
      tandem_week_page_set_today (self, g_value_get_string (value));
      break;
    case PROP_WEEK_START:
      tandem_week_page_set_week (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_week_page_class_init (TandemWeekPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_week_page_dispose;
  object_class->finalize = tandem_week_page_finalize;
  object_class->get_property = tandem_week_page_get_property;
  object_class->set_property = tandem_week_page_set_property;
  widget_class->map = tandem_week_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemWeekPage:today:
   *
   * The date (ISO) "this week", "Today" and "Tomorrow" count from, or
   * %NULL for today's; tests set it.
   */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemWeekPage:week-start:
   *
   * The Monday (ISO) of the week shown. Setting any day of a week shows
   * that week; %NULL shows this week.
   */
  properties[PROP_WEEK_START] =
    g_param_spec_string ("week-start", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemWeekPage::meeting-activated:
   * @self: the week page
   * @child_id: the meeting's child
   * @meeting_id: the meeting chosen
   *
   * Emitted when a meeting's row is activated, for the window to open it.
   */
  signals[MEETING_ACTIVATED] =
    g_signal_new ("meeting-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "week.previous", NULL, previous_cb);
  gtk_widget_class_install_action (widget_class, "week.next", NULL, next_cb);
  gtk_widget_class_install_action (widget_class, "week.this-week", NULL, this_week_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-week-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemWeekPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TandemWeekPage, when_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWeekPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWeekPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemWeekPage, days_box);
}

static void
tandem_week_page_init (TandemWeekPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_a11y_tidy_names (GTK_WIDGET (self));

  g_date_clear (&self->monday, 1);
  tandem_week_page_set_week (self, NULL);
}

/**
 * tandem_week_page_new:
 *
 * Returns: (transfer floating): a new week page, showing this week
 */
GtkWidget *
tandem_week_page_new (void)
{
  return g_object_new (TANDEM_TYPE_WEEK_PAGE, NULL);
}

/**
 * tandem_week_page_get_store:
 * @self: a week page
 *
 * Returns: (transfer none) (nullable): the store whose meetings are shown
 */
TandemStore *
tandem_week_page_get_store (TandemWeekPage *self)
{
  g_return_val_if_fail (TANDEM_IS_WEEK_PAGE (self), NULL);

  return self->store;
}

/**
 * tandem_week_page_set_store:
 * @self: a week page
 * @store: (nullable): the store to show the meetings of
 *
 * Shows @store's meetings in the week, and follows its changes.
 */
void
tandem_week_page_set_store (TandemWeekPage *self,
                            TandemStore    *store)
{
  g_return_if_fail (TANDEM_IS_WEEK_PAGE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  tandem_week_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tandem_week_page_get_today:
 * @self: a week page
 *
 * Returns: (nullable): the date set with tandem_week_page_set_today(), or
 *   %NULL when the page follows the calendar
 */
const char *
tandem_week_page_get_today (TandemWeekPage *self)
{
  g_return_val_if_fail (TANDEM_IS_WEEK_PAGE (self), NULL);

  return self->today;
}

/**
 * tandem_week_page_set_today:
 * @self: a week page
 * @today: (nullable): an ISO date, or %NULL for the real today
 *
 * Counts "this week", "Today" and the notice still possible from @today
 * (for tests), and shows the week of @today.
 */
void
tandem_week_page_set_today (TandemWeekPage *self,
                            const char     *today)
{
  g_return_if_fail (TANDEM_IS_WEEK_PAGE (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);
  g_date_clear (&self->monday, 1);
  tandem_week_page_set_week (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * tandem_week_page_get_week_start:
 * @self: a week page
 *
 * Returns: the Monday of the week shown, as `YYYY-MM-DD`
 */
const char *
tandem_week_page_get_week_start (TandemWeekPage *self)
{
  g_return_val_if_fail (TANDEM_IS_WEEK_PAGE (self), NULL);

  return self->monday_iso;
}

/**
 * tandem_week_page_set_week:
 * @self: a week page
 * @any_iso_date_in_week: (nullable): any day of the week to show, as
 *   `YYYY-MM-DD`, or %NULL for this week
 *
 * Shows the week, Monday to Sunday, that holds @any_iso_date_in_week.
 */
void
tandem_week_page_set_week (TandemWeekPage *self,
                           const char     *any_iso_date_in_week)
{
  GDate day, monday;

  g_return_if_fail (TANDEM_IS_WEEK_PAGE (self));

  if (!tandem_date_to_gdate (any_iso_date_in_week, &day))
    {
      if (any_iso_date_in_week != NULL)
        g_critical ("“%s” is not a date", any_iso_date_in_week);
      get_today (self, &day);
    }
  monday_of (&day, &monday);

  if (g_date_valid (&self->monday) && g_date_compare (&monday, &self->monday) == 0)
    return;

  self->monday = monday;
  g_free (self->monday_iso);
  self->monday_iso = tandem_date_from_gdate (&monday);
  tandem_week_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEEK_START]);
}

/**
 * tandem_week_page_get_n_meetings:
 * @self: a week page
 *
 * Returns: how many meetings the page shows
 */
guint
tandem_week_page_get_n_meetings (TandemWeekPage *self)
{
  g_return_val_if_fail (TANDEM_IS_WEEK_PAGE (self), 0);

  return self->n_meetings;
}
