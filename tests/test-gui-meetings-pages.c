/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tandem-follow-ups-page.h"
#include "tandem-meetings.h"
#include "tandem-records.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"
#include "tandem-week-page.h"

/* The pages across all children: Follow-ups (open actions, overdue first)
 * and This Week (the week's planned meetings). "Today" is Wednesday 25
 * November 2026 throughout. */

#define TODAY "2026-11-25"

/* Between the words of one date in a week's range, which wraps only
 * between its dates. */
#define NBSP "\u00a0"

typedef struct {
  TandemTestStore db;
  GtkWindow      *window;
  char           *zofia;
  char           *kacper;
  char           *ola;    /* Zofia's mother */
  char           *marek;  /* Kacper's father, who needs 7 days' notice */
} Fixture;

static void
save (TandemStore *store,
      gpointer     record)
{
  g_autoptr(GError) error = NULL;

  tandem_store_save (store, TANDEM_RECORD (record), &error);
  g_assert_no_error (error);
}

static char *
add_child (TandemStore *store,
           const char  *given,
           const char  *family)
{
  g_autoptr(TandemChild) child = tandem_child_new (given, family, "2023-03-01");

  save (store, child);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (child)));
}

static char *
add_carer (TandemStore *store,
           const char  *child_id,
           const char  *name,
           int          notice_days)
{
  g_autoptr(TandemCarer) carer = tandem_carer_new (child_id, name);

  tandem_record_set_int (TANDEM_RECORD (carer), "notice_days", notice_days);
  save (store, carer);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (carer)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);
  f->zofia = add_child (f->db.store, "Zofia", "Nowak");
  f->kacper = add_child (f->db.store, "Kacper", "Lewandowski");
  f->ola = add_carer (f->db.store, f->zofia, "Ola Nowak", 0);
  f->marek = add_carer (f->db.store, f->kacper, "Marek Lewandowski", 7);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  tandem_test_pump ();
  g_free (f->zofia);
  g_free (f->kacper);
  g_free (f->ola);
  g_free (f->marek);
  tandem_test_store_tear_down (&f->db, data);
}

/* Saves a meeting with @carer_id (if any) invited and @actions (taken)
 * agreed; returns its id. */
static char *
add_meeting (Fixture       *f,
             TandemMeeting *meeting,
             const char    *carer_id,
             GPtrArray     *actions)
{
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  g_autoptr(GError) error = NULL;

  if (carer_id != NULL)
    g_ptr_array_add (parts->carer_ids, g_strdup (carer_id));
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    g_ptr_array_add (parts->actions, g_object_ref (g_ptr_array_index (actions, i)));

  tandem_meetings_save (f->db.store, meeting, parts, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (meeting)));
}

static TandemAction *
new_action (const char *what,
            const char *owner,
            const char *who,
            const char *due_on)
{
  TandemAction *action = tandem_action_new (NULL, NULL, what, owner);

  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_CARER) == 0)
    tandem_record_set_text (TANDEM_RECORD (action), "owner_carer_id", who);
  else
    tandem_record_set_text (TANDEM_RECORD (action), "owner_name", who);
  tandem_record_set_text (TANDEM_RECORD (action), "due_on", due_on);
  return action;
}

static GtkWidget *
show (Fixture   *f,
      GtkWidget *page,
      int        width)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, 700);
  gtk_window_set_child (f->window, page);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();
  return page;
}

static gboolean
quit_loop_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The texts of the labels shown under @root, in tree order, joined with "|". */
static char *
label_texts (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
      g_string_append_printf (out, "%s|", gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* Whether the status page titled @title is what the page shows. */
static gboolean
shows_status (GtkWidget  *root,
              const char *title)
{
  g_autoptr(GPtrArray) pages = tandem_test_find_all (root, ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);
      GtkWidget *stack = gtk_widget_get_ancestor (page, GTK_TYPE_STACK);

      if (g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (page)), title) == 0)
        return stack != NULL && gtk_stack_get_visible_child (GTK_STACK (stack)) == page;
    }
  return FALSE;
}

/* Follow-ups */

typedef struct {
  char *zofia_meeting;
  char *overdue_kacper;   /* due 10 November, the setting (Priya) */
  char *overdue_zofia;    /* due 20 November, Ola */
  char *this_week;        /* due 27 November, the setting */
  char *undated;          /* a named professional */
  char *done;             /* already done */
} Actions;

static void
actions_clear (Actions *a)
{
  g_free (a->zofia_meeting);
  g_free (a->overdue_kacper);
  g_free (a->overdue_zofia);
  g_free (a->this_week);
  g_free (a->undated);
  g_free (a->done);
}

static char *
id_of (GPtrArray *actions,
       guint      i)
{
  return g_strdup (tandem_record_get_id (g_ptr_array_index (actions, i)));
}

static void
add_actions (Fixture *f,
             Actions *a)
{
  g_autoptr(TandemMeeting) zofia_meeting = tandem_meeting_new (f->zofia, "progress_review",
                                                               "2026-11-02");
  g_autoptr(TandemMeeting) kacper_meeting = tandem_meeting_new (f->kacper, "settling_in",
                                                                "2026-11-03");
  g_autoptr(GPtrArray) zofia = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) kacper = g_ptr_array_new_with_free_func (g_object_unref);
  TandemAction *done;

  tandem_record_set_text (TANDEM_RECORD (zofia_meeting), "status", TANDEM_MEETING_HELD);
  tandem_record_set_text (TANDEM_RECORD (kacper_meeting), "status", TANDEM_MEETING_HELD);

  /* Saved in another order than they are listed in. */
  g_ptr_array_add (zofia, new_action ("Ask Ruth about a group", TANDEM_ACTION_OWNER_PROFESSIONAL,
                                      "Ruth Hale, speech and language therapist", NULL));
  g_ptr_array_add (zofia, new_action ("Send the referral", TANDEM_ACTION_OWNER_SETTING, NULL,
                                      "2026-11-27"));
  g_ptr_array_add (zofia, new_action ("Book a hearing test", TANDEM_ACTION_OWNER_CARER, f->ola,
                                      "2026-11-20"));
  done = new_action ("Lend the Polish picture books", TANDEM_ACTION_OWNER_SETTING, NULL,
                     "2026-11-05");
  tandem_record_set_text (TANDEM_RECORD (done), "done_on", "2026-11-04");
  g_ptr_array_add (zofia, done);
  a->zofia_meeting = add_meeting (f, zofia_meeting, f->ola, zofia);
  a->undated = id_of (zofia, 0);
  a->this_week = id_of (zofia, 1);
  a->overdue_zofia = id_of (zofia, 2);
  a->done = id_of (zofia, 3);

  g_ptr_array_add (kacper, new_action ("Write the settling-in summary",
                                       TANDEM_ACTION_OWNER_SETTING, "Priya", "2026-11-10"));
  g_free (add_meeting (f, kacper_meeting, f->marek, kacper));
  a->overdue_kacper = id_of (kacper, 0);
}

static TandemFollowUpsPage *
show_follow_ups (Fixture *f)
{
  GtkWidget *page = tandem_follow_ups_page_new ();

  tandem_follow_ups_page_set_today (TANDEM_FOLLOW_UPS_PAGE (page), TODAY);
  tandem_follow_ups_page_set_store (TANDEM_FOLLOW_UPS_PAGE (page), f->db.store);
  return TANDEM_FOLLOW_UPS_PAGE (show (f, page, 800));
}

/* The action ids of the rows listed, in order, joined with " ". */
static char *
listed_actions (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (page, GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s ",
                            (char *) g_object_get_data (g_ptr_array_index (rows, i),
                                                        "tandem-action-id"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
action_row (GtkWidget  *page,
            const char *action_id)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (page, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (rows, i), "tandem-action-id"),
                   action_id) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static char *
done_on (Fixture    *f,
         const char *action_id)
{
  g_autoptr(TandemAction) action = tandem_store_load (f->db.store, TANDEM_TYPE_ACTION, action_id,
                                                      NULL);

  g_assert_nonnull (action);
  return g_strdup (tandem_record_get_text (TANDEM_RECORD (action), "done_on"));
}

static void
record_string_cb (GObject    *page,
                  const char *id,
                  char      **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
test_follow_ups_list (Fixture       *f,
                      gconstpointer  data)
{
  Actions a = { NULL, };
  GtkWidget *page;
  g_autofree char *listed = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *texts = NULL;
  GtkWidget *label;

  add_actions (f, &a);
  page = GTK_WIDGET (show_follow_ups (f));

  /* Overdue first, oldest first; then this week; undated last; the done
   * one not at all. */
  g_assert_cmpuint (tandem_follow_ups_page_get_n_actions (TANDEM_FOLLOW_UPS_PAGE (page)), ==, 4);
  listed = listed_actions (page);
  expected = g_strdup_printf ("%s %s %s %s ", a.overdue_kacper, a.overdue_zofia, a.this_week,
                              a.undated);
  g_assert_cmpstr (listed, ==, expected);
  g_assert_null (action_row (page, a.done));

  /* Headings, what, whose and when, in order. */
  texts = label_texts (page);
  g_assert_cmpstr (texts, ==,
                   "Overdue|"
                   "Write the settling-in summary|Kacper · Priya|Overdue by 15 days|"
                   "Book a hearing test|Zofia · Ola Nowak|Overdue by 5 days|"
                   "Due This Week|"
                   "Send the referral|Zofia · The setting|Due Friday 27 November|"
                   "No Due Date|"
                   "Ask Ruth about a group|Zofia · Ruth Hale, speech and language therapist|");

  /* Overdue in the error colour; the rest not. */
  label = find_label (page, "Overdue by 5 days");
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  label = find_label (page, "Due Friday 27 November");
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  g_assert_false (shows_status (page, "No Follow-ups"));

  /* One day overdue is said in the singular; today and tomorrow in words. */
  tandem_follow_ups_page_set_today (TANDEM_FOLLOW_UPS_PAGE (page), "2026-11-21");
  g_assert_nonnull (find_label (page, "Overdue by 1 day"));
  g_assert_nonnull (find_label (page, "Due Friday 27 November"));
  tandem_follow_ups_page_set_today (TANDEM_FOLLOW_UPS_PAGE (page), "2026-11-26");
  g_assert_nonnull (find_label (page, "Due tomorrow"));
  tandem_follow_ups_page_set_today (TANDEM_FOLLOW_UPS_PAGE (page), "2026-11-27");
  g_assert_nonnull (find_label (page, "Due today"));
  /* Earlier, on a Monday: nothing overdue, the 10th this week, the 20th
   * later. */
  tandem_follow_ups_page_set_today (TANDEM_FOLLOW_UPS_PAGE (page), "2026-11-09");
  texts = (g_free (texts), label_texts (page));
  g_assert_null (strstr (texts, "Overdue"));
  g_assert_nonnull (strstr (texts, "Due This Week|Write the settling-in summary|"));
  g_assert_nonnull (strstr (texts, "Due Later|Book a hearing test|"));

  actions_clear (&a);
}

static void
test_follow_ups_tick (Fixture       *f,
                      gconstpointer  data)
{
  Actions a = { NULL, };
  TandemFollowUpsPage *page;
  GtkWidget *row, *check;
  g_autofree char *done_id = NULL;
  g_autofree char *child_id = NULL;
  g_autofree char *date = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *accessible = NULL;

  add_actions (f, &a);
  page = show_follow_ups (f);
  g_signal_connect (page, "action-done", G_CALLBACK (record_string_cb), &done_id);
  g_signal_connect (page, "child-activated", G_CALLBACK (record_string_cb), &child_id);

  row = action_row (GTK_WIDGET (page), a.overdue_zofia);
  g_assert_nonnull (row);
  check = g_object_get_data (G_OBJECT (row), "tandem-check");
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* Ticked: saved as done today, reported, and still there a moment. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  date = done_on (f, a.overdue_zofia);
  g_assert_cmpstr (date, ==, TODAY);
  g_assert_cmpstr (done_id, ==, a.overdue_zofia);
  tandem_test_pump ();
  g_assert_true (action_row (GTK_WIDGET (page), a.overdue_zofia) == row);

  /* Then it leaves by itself. */
  for (int i = 0; i < 50 && action_row (GTK_WIDGET (page), a.overdue_zofia) != NULL; i++)
    wait_ms (100);
  g_assert_null (action_row (GTK_WIDGET (page), a.overdue_zofia));
  g_assert_cmpuint (tandem_follow_ups_page_get_n_actions (page), ==, 3);

  /* Undo brings it back, open, in its place. */
  g_assert_true (tandem_follow_ups_page_reopen (page, a.overdue_zofia));
  date = (g_free (date), done_on (f, a.overdue_zofia));
  g_assert_null (date);
  listed = listed_actions (GTK_WIDGET (page));
  g_assert_true (g_str_has_prefix (listed, a.overdue_kacper));
  g_assert_nonnull (strstr (listed, a.overdue_zofia));
  g_assert_cmpuint (tandem_follow_ups_page_get_n_actions (page), ==, 4);

  /* Activating a row asks for that child's meetings. */
  row = action_row (GTK_WIDGET (page), a.overdue_kacper);
  gtk_widget_activate (row);
  g_assert_cmpstr (child_id, ==, f->kacper);
  row = action_row (GTK_WIDGET (page), a.undated);
  gtk_widget_activate (row);
  g_assert_cmpstr (child_id, ==, f->zofia);

  /* A change elsewhere (a new action saved) shows without being asked. */
  {
    g_autoptr(TandemMeeting) meeting = tandem_meeting_new (f->kacper, "progress_review",
                                                           "2026-11-24");
    g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);

    tandem_record_set_text (TANDEM_RECORD (meeting), "status", TANDEM_MEETING_HELD);
    g_ptr_array_add (actions, new_action ("Try the visual timetable at home",
                                          TANDEM_ACTION_OWNER_CARER, f->marek, "2026-12-01"));
    g_free (add_meeting (f, meeting, f->marek, actions));
    tandem_test_pump ();
    g_assert_nonnull (find_label (GTK_WIDGET (page), "Try the visual timetable at home"));
    g_assert_cmpuint (tandem_follow_ups_page_get_n_actions (page), ==, 5);
  }

  /* Everything done: the empty state. */
  {
    g_autoptr(GPtrArray) rows = tandem_test_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW);

    for (guint i = 0; i < rows->len; i++)
      {
        g_autoptr(GError) error = NULL;

        tandem_meetings_set_action_done (f->db.store,
                                         g_object_get_data (g_ptr_array_index (rows, i),
                                                            "tandem-action-id"),
                                         TODAY, &error);
        g_assert_no_error (error);
      }
  }
  tandem_test_pump ();
  g_assert_cmpuint (tandem_follow_ups_page_get_n_actions (page), ==, 0);
  g_assert_true (shows_status (GTK_WIDGET (page), "No Follow-ups"));

  actions_clear (&a);
}

static void
test_follow_ups_a11y (Fixture       *f,
                      gconstpointer  data)
{
  Actions a = { NULL, };
  TandemFollowUpsPage *page;
  GtkWidget *row, *check;
  g_autoptr(GPtrArray) checks = NULL;

  add_actions (f, &a);
  page = show_follow_ups (f);

  /* Each check button says which action it ticks off. */
  row = action_row (GTK_WIDGET (page), a.overdue_zofia);
  check = g_object_get_data (G_OBJECT (row), "tandem-check");
  checks = tandem_test_find_all (row, GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_true (g_ptr_array_index (checks, 0) == check);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Done: Book a hearing test");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (check),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  /* The row reads as one sentence: what, whose, when. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Book a hearing test, Zofia · Ola Nowak, "
                                       "Overdue by 5 days");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (check), ==, "Mark as Done");

  /* Nothing at all: the empty state. */
  tandem_follow_ups_page_set_store (page, NULL);
  g_assert_true (shows_status (GTK_WIDGET (page), "No Follow-ups"));

  actions_clear (&a);
}

/* This Week */

typedef struct {
  char *monday;      /* Zofia, 10:00, in person, Room 2, Ola, Polish interpreter */
  char *today;       /* Kacper, 09:15 by phone */
  char *tomorrow;    /* Kacper, 14:00, Marek invited two days before */
  char *next_week;   /* Zofia, 30 November */
} Meetings;

static void
meetings_clear (Meetings *m)
{
  g_free (m->monday);
  g_free (m->today);
  g_free (m->tomorrow);
  g_free (m->next_week);
}

static TandemMeeting *
new_meeting (const char *child_id,
             const char *kind,
             const char *date,
             const char *time,
             const char *format)
{
  TandemMeeting *meeting = tandem_meeting_new (child_id, kind, date);

  tandem_record_set_text (TANDEM_RECORD (meeting), "starts_at", time);
  tandem_record_set_text (TANDEM_RECORD (meeting), "format", format);
  return meeting;
}

static void
add_meetings (Fixture  *f,
              Meetings *m)
{
  g_autoptr(TandemMeeting) monday = new_meeting (f->zofia, "progress_review", "2026-11-23",
                                                 "10:00", "in_person");
  g_autoptr(TandemMeeting) today = new_meeting (f->kacper, "settling_in", TODAY, "09:15",
                                                "phone");
  g_autoptr(TandemMeeting) tomorrow = new_meeting (f->kacper, "two_year_check", "2026-11-26",
                                                   "14:00", "in_person");
  g_autoptr(TandemMeeting) next_week = new_meeting (f->zofia, "transition", "2026-11-30",
                                                    "11:30", "video");
  g_autoptr(TandemMeeting) last_sunday = new_meeting (f->zofia, "other", "2026-11-22", NULL,
                                                      "home_visit");
  g_autoptr(TandemMeeting) cancelled = new_meeting (f->kacper, "plan_review", "2026-11-27",
                                                    "10:00", "in_person");
  g_autoptr(TandemMeeting) held = new_meeting (f->zofia, "parents_evening", "2026-11-24",
                                               "17:00", "in_person");

  tandem_record_set_int (TANDEM_RECORD (monday), "duration_minutes", 45);
  tandem_record_set_text (TANDEM_RECORD (monday), "place", "Room 2");
  tandem_record_set_text (TANDEM_RECORD (monday), "interpreter_language", "pl");
  tandem_record_set_text (TANDEM_RECORD (monday), "invitation_sent_on", "2026-11-09");
  m->monday = add_meeting (f, monday, f->ola, NULL);

  m->today = add_meeting (f, today, NULL, NULL);

  /* Marek needs a week; he was told two days before. */
  tandem_record_set_text (TANDEM_RECORD (tomorrow), "invitation_sent_on", "2026-11-24");
  m->tomorrow = add_meeting (f, tomorrow, f->marek, NULL);

  m->next_week = add_meeting (f, next_week, f->ola, NULL);

  /* The Sunday before is in the week before; the others are not planned. */
  g_free (add_meeting (f, last_sunday, NULL, NULL));
  tandem_record_set_text (TANDEM_RECORD (cancelled), "status", TANDEM_MEETING_CANCELLED);
  g_free (add_meeting (f, cancelled, f->marek, NULL));
  tandem_record_set_text (TANDEM_RECORD (held), "status", TANDEM_MEETING_HELD);
  g_free (add_meeting (f, held, f->ola, NULL));
}

static TandemWeekPage *
show_week (Fixture *f,
           int      width)
{
  GtkWidget *page = tandem_week_page_new ();

  tandem_week_page_set_today (TANDEM_WEEK_PAGE (page), TODAY);
  tandem_week_page_set_store (TANDEM_WEEK_PAGE (page), f->db.store);
  return TANDEM_WEEK_PAGE (show (f, page, width));
}

static GPtrArray *
meeting_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (page, ADW_TYPE_ACTION_ROW);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (g_ptr_array_index (rows, i), "tandem-meeting-id") != NULL)
      g_ptr_array_add (found, g_ptr_array_index (rows, i));
  return found;
}

static AdwActionRow *
meeting_row (GtkWidget  *page,
             const char *meeting_id)
{
  g_autoptr(GPtrArray) rows = meeting_rows (page);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (rows, i), "tandem-meeting-id"),
                   meeting_id) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static GtkWidget *
warning_icon (GtkWidget *row)
{
  g_autoptr(GPtrArray) images = tandem_test_find_all (row, GTK_TYPE_IMAGE);

  for (guint i = 0; i < images->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (images, i), "warning"))
      return g_ptr_array_index (images, i);
  return NULL;
}

static char *
group_titles (GtkWidget *page)
{
  g_autoptr(GPtrArray) groups = tandem_test_find_all (page, ADW_TYPE_PREFERENCES_GROUP);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < groups->len; i++)
    g_string_append_printf (out, "%s|",
                            adw_preferences_group_get_title (g_ptr_array_index (groups, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
record_meeting_cb (TandemWeekPage *page,
                   const char     *child_id,
                   const char     *meeting_id,
                   char          **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%s %s", child_id, meeting_id);
}

static void
test_week (Fixture       *f,
           gconstpointer  data)
{
  Meetings m = { NULL, };
  TandemWeekPage *page;
  GtkWidget *title;
  AdwActionRow *row;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *expected = NULL;
  const char *subtitle;

  add_meetings (f, &m);
  page = show_week (f, 800);
  g_signal_connect (page, "meeting-activated", G_CALLBACK (record_meeting_cb), &activated);

  /* Exactly the planned meetings from Monday to Sunday, day by day. */
  g_assert_cmpstr (tandem_week_page_get_week_start (page), ==, "2026-11-23");
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 3);
  title = find_label (GTK_WIDGET (page), "23–29" NBSP "November" NBSP "2026");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_get_mapped (title));
  rows = meeting_rows (GTK_WIDGET (page));
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (g_ptr_array_index (rows, 0) == meeting_row (GTK_WIDGET (page), m.monday));
  g_assert_true (g_ptr_array_index (rows, 1) == meeting_row (GTK_WIDGET (page), m.today));
  g_assert_true (g_ptr_array_index (rows, 2) == meeting_row (GTK_WIDGET (page), m.tomorrow));
  titles = group_titles (GTK_WIDGET (page));
  g_assert_cmpstr (titles, ==, "Monday 23 November|Today|Tomorrow|");

  /* Who, what, where, with whom, in which language. */
  row = meeting_row (GTK_WIDGET (page), m.monday);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Zofia");
  subtitle = adw_action_row_get_subtitle (row);
  g_assert_cmpstr (subtitle, ==,
                   "Progress review · In person, Room 2\n"
                   "With Ola Nowak\n"
                   "Interpreter: Polski (Polish)");
  g_assert_nonnull (find_label (GTK_WIDGET (row), "10:00"));
  g_assert_nonnull (find_label (GTK_WIDGET (row), "10:45"));
  g_assert_null (warning_icon (GTK_WIDGET (row)));

  row = meeting_row (GTK_WIDGET (page), m.today);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Kacper");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Settling-in meeting · Phone call");
  g_assert_null (warning_icon (GTK_WIDGET (row)));

  /* Too little notice for Marek: flagged, with why. */
  row = meeting_row (GTK_WIDGET (page), m.tomorrow);
  g_assert_nonnull (warning_icon (GTK_WIDGET (row)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (warning_icon (GTK_WIDGET (row))), ==,
                   "Marek Lewandowski needs 7 days’ notice.\nThe invitation gave 2 days.");

  /* Activating a row opens that meeting. */
  gtk_widget_activate (GTK_WIDGET (row));
  tandem_test_pump ();
  expected = g_strdup_printf ("%s %s", f->kacper, m.tomorrow);
  g_assert_cmpstr (activated, ==, expected);

  /* On to the next week. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "week.this-week", NULL) &&
                  g_strcmp0 (tandem_week_page_get_week_start (page), "2026-11-23") != 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "week.next", NULL));
  tandem_test_pump ();
  g_assert_cmpstr (tandem_week_page_get_week_start (page), ==, "2026-11-30");
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "30" NBSP "November – 6" NBSP "December" NBSP "2026"));
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 1);
  g_assert_nonnull (meeting_row (GTK_WIDGET (page), m.next_week));
  g_assert_null (meeting_row (GTK_WIDGET (page), m.monday));
  titles = (g_free (titles), group_titles (GTK_WIDGET (page)));
  g_assert_cmpstr (titles, ==, "Monday 30 November|");

  /* And the one after, with nothing planned. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "week.next", NULL));
  tandem_test_pump ();
  g_assert_cmpstr (tandem_week_page_get_week_start (page), ==, "2026-12-07");
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 0);
  g_assert_true (shows_status (GTK_WIDGET (page), "No Meetings That Week"));
  {
    g_autoptr(GPtrArray) pages = tandem_test_find_all (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE);

    g_assert_cmpuint (pages->len, ==, 1);
    g_assert_nonnull (strstr (adw_status_page_get_description (g_ptr_array_index (pages, 0)),
                              "7–13" NBSP "December" NBSP "2026"));
  }

  /* Back to this week; going back a week over the year's end reads well. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "week.this-week", NULL));
  tandem_test_pump ();
  g_assert_cmpstr (tandem_week_page_get_week_start (page), ==, "2026-11-23");
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 3);
  g_assert_false (shows_status (GTK_WIDGET (page), "No Meetings That Week"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "week.previous", NULL));
  tandem_test_pump ();
  g_assert_cmpstr (tandem_week_page_get_week_start (page), ==, "2026-11-16");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "16–22" NBSP "November" NBSP "2026"));
  /* Only the Sunday's home visit, at no set time. */
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 1);
  titles = (g_free (titles), group_titles (GTK_WIDGET (page)));
  g_assert_cmpstr (titles, ==, "Sunday 22 November|");
  {
    g_autoptr(GPtrArray) sunday = meeting_rows (GTK_WIDGET (page));

    g_assert_cmpuint (sunday->len, ==, 1);
    g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (sunday, 0)), ==,
                     "Other meeting · Home visit");
    g_assert_nonnull (find_label (g_ptr_array_index (sunday, 0), "—"));
  }

  tandem_week_page_set_week (page, "2027-01-01");
  g_assert_cmpstr (tandem_week_page_get_week_start (page), ==, "2026-12-28");
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "28" NBSP "December" NBSP "2026 – 3" NBSP "January" NBSP "2027"));

  meetings_clear (&m);
}

static void
test_week_changes (Fixture       *f,
                   gconstpointer  data)
{
  Meetings m = { NULL, };
  TandemWeekPage *page;
  AdwActionRow *row;
  g_autoptr(TandemMeeting) friday = new_meeting (NULL, "plan_review", "2026-11-27", "13:00",
                                                 "home_visit");

  /* An empty week of its own is "this week". */
  page = show_week (f, 800);
  g_assert_true (shows_status (GTK_WIDGET (page), "No Meetings This Week"));

  /* Saved elsewhere, shown here. */
  add_meetings (f, &m);
  tandem_test_pump ();
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 3);

  /* A meeting the day after tomorrow with no invitation sent: a week's
   * notice can no longer be given. */
  tandem_record_set_text (TANDEM_RECORD (friday), "child_id", f->kacper);
  tandem_record_set_text (TANDEM_RECORD (friday), "place", "Home");
  g_free (add_meeting (f, friday, f->marek, NULL));
  tandem_test_pump ();
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 4);
  row = meeting_row (GTK_WIDGET (page), tandem_record_get_id (TANDEM_RECORD (friday)));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Support plan review · Home visit, Home\nWith Marek Lewandowski");
  g_assert_nonnull (warning_icon (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (warning_icon (GTK_WIDGET (row))),
                            "No invitation has been sent"));

  /* Cancelled, it goes. */
  tandem_record_set_text (TANDEM_RECORD (friday), "status", TANDEM_MEETING_CANCELLED);
  save (f->db.store, friday);
  tandem_test_pump ();
  g_assert_cmpuint (tandem_week_page_get_n_meetings (page), ==, 3);
  g_assert_null (meeting_row (GTK_WIDGET (page), tandem_record_get_id (TANDEM_RECORD (friday))));

  meetings_clear (&m);
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context, whose accessible names the tests read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/meetings-pages/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("follow-ups/list", test_follow_ups_list);
  ADD ("follow-ups/tick", test_follow_ups_tick);
  ADD ("follow-ups/a11y", test_follow_ups_a11y);
  ADD ("week/browse", test_week);
  ADD ("week/changes", test_week_changes);

#undef ADD

  return g_test_run ();
}
