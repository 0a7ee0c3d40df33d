/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <adwaita.h>

#include "tandem-child-row.h"
#include "tandem-comment-dialog.h"
#include "tandem-coverage.h"
#include "tandem-dates.h"
#include "tandem-journal-view.h"
#include "tandem-journal.h"
#include "tandem-observation-card.h"
#include "tandem-observation-model.h"
#include "tandem-records.h"
#include "tandem-search-page.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"
#include "tandem-window.h"

/* The browsing side of the learning journal: the lazily loaded timeline,
 * its filters and coverage, search, and the prompt about children nobody
 * has observed lately. */

typedef struct {
  TandemTestStore db;
  GtkWindow      *window;
  char           *zofia;
  char           *kacper;
  char           *carer;
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
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Saves an observation about @first (and @second, if given). */
static char *
add_observation (Fixture    *f,
                 const char *first,
                 const char *second,
                 int         age_days,
                 const char *text,
                 const char *areas,
                 gboolean    from_home,
                 gboolean    shared)
{
  g_autofree char *date = days_ago (age_days);
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, text);
  const char *children[] = { first, second, NULL };
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (observation), "areas", areas);
  tandem_record_set_bool (TANDEM_RECORD (observation), "shared", shared);
  if (from_home)
    {
      tandem_record_set_text (TANDEM_RECORD (observation), "source", TANDEM_SOURCE_HOME);
      tandem_record_set_text (TANDEM_RECORD (observation), "carer_id", f->carer);
    }

  tandem_journal_save_observation (f->db.store, observation, children, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TandemCarer) carer = NULL;

  tandem_test_store_set_up (&f->db, data);
  f->zofia = add_child (f->db.store, "Zofia", "Nowak");
  f->kacper = add_child (f->db.store, "Kacper", "Lewandowski");

  carer = tandem_carer_new (f->zofia, "Ola Nowak");
  tandem_record_set_text (TANDEM_RECORD (carer), "relationship", "Mother");
  save (f->db.store, carer);
  f->carer = g_strdup (tandem_record_get_id (TANDEM_RECORD (carer)));
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
  g_free (f->carer);
  tandem_test_store_tear_down (&f->db, data);
}

static TandemChild *
load_child (Fixture    *f,
            const char *id)
{
  return tandem_store_load (f->db.store, TANDEM_TYPE_CHILD, id, NULL);
}

/* A window with a journal view showing @child_id's journal. */
static TandemJournalView *
show_journal (Fixture    *f,
              const char *child_id)
{
  g_autoptr(TandemChild) child = load_child (f, child_id);
  GtkWidget *view = tandem_journal_view_new ();

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  gtk_window_set_child (f->window, view);
  tandem_journal_view_set_store (TANDEM_JOURNAL_VIEW (view), f->db.store);
  tandem_journal_view_set_child (TANDEM_JOURNAL_VIEW (view), child);
  return TANDEM_JOURNAL_VIEW (view);
}

static guint
n_items (TandemJournalView *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tandem_journal_view_get_model (view)));
}

static guint
count_cards (GtkWidget *root)
{
  g_autoptr(GPtrArray) cards = tandem_test_find_all (root, TANDEM_TYPE_OBSERVATION_CARD);
  guint n = 0;

  for (guint i = 0; i < cards->len; i++)
    if (tandem_observation_card_get_observation (g_ptr_array_index (cards, i)) != NULL)
      n++;
  return n;
}

static GtkWidget *
find_card (GtkWidget  *root,
           const char *observation_id)
{
  g_autoptr(GPtrArray) cards = tandem_test_find_all (root, TANDEM_TYPE_OBSERVATION_CARD);

  for (guint i = 0; i < cards->len; i++)
    {
      TandemObservation *observation =
        tandem_observation_card_get_observation (g_ptr_array_index (cards, i));

      if (observation != NULL &&
          g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (observation)), observation_id) == 0)
        return g_ptr_array_index (cards, i);
    }
  return NULL;
}

/* Whether a label under @root shows @text (exactly, or containing it). */
static gboolean
has_label (GtkWidget  *root,
           const char *text,
           gboolean    exact)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = gtk_label_get_text (g_ptr_array_index (labels, i));

      if (label != NULL && (exact ? g_str_equal (label, text) : strstr (label, text) != NULL))
        return TRUE;
    }
  return FALSE;
}

/* Whether the status page titled @title is the one its stacks show (a
 * page on its way out in a crossfade is still mapped for a moment). */
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

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = tandem_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static gboolean
status_page_mapped (GtkWidget  *root,
                    const char *title)
{
  g_autoptr(GPtrArray) pages = tandem_test_find_all (root, ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_status_page_get_title (g_ptr_array_index (pages, i)), title) == 0)
      {
        GtkWidget *widget = g_ptr_array_index (pages, i);

        if (!gtk_widget_get_mapped (widget))
          return FALSE;
        for (GtkWidget *parent = gtk_widget_get_parent (widget);
             parent != NULL && widget != root;
             widget = parent, parent = gtk_widget_get_parent (parent))
          if (GTK_IS_STACK (parent) && gtk_stack_get_visible_child (GTK_STACK (parent)) != widget)
            return FALSE;
        return TRUE;
      }
  return FALSE;
}

#define N_BIG 2500

typedef struct {
  gint64 update;
  gint64 painted;
} FrameTimes;

static void
update_cb (FrameTimes *times)
{
  if (times->update == 0)
    times->update = g_get_monotonic_time ();
}

static void
painted_cb (FrameTimes *times)
{
  if (times->painted == 0)
    times->painted = g_get_monotonic_time ();
}

static void
test_lazy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TandemJournalView *view;
  TandemObservationModel *model;
  gint64 start, first_rows, work;
  guint n_cards;

  tandem_store_begin (f->db.store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_BIG; i++)
    {
      g_autofree char *text = g_strdup_printf ("Observation number %u: building a tower", i);
      g_autofree char *id = add_observation (f, f->zofia, NULL, i % 700, text,
                                             i % 2 ? "cl.speaking" : "pd", FALSE, TRUE);
    }
  tandem_store_commit (f->db.store, &error);
  g_assert_no_error (error);

  /* As in the window: the journal is on screen, showing another child,
   * when this child is chosen. Timed until the frame with their cards. */
  view = show_journal (f, f->kacper);
  model = tandem_journal_view_get_model (view);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();

  {
    g_autoptr(TandemChild) zofia = load_child (f, f->zofia);

    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
    FrameTimes times = { 0, 0 };
    gulong on_update, on_paint;
    gint64 set;

    on_update = g_signal_connect_swapped (clock, "update", G_CALLBACK (update_cb), &times);
    on_paint = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (painted_cb), &times);
    start = g_get_monotonic_time ();
    tandem_journal_view_set_child (view, zofia);
    set = g_get_monotonic_time ();
    while (times.painted == 0)
      g_main_context_iteration (NULL, TRUE);
    first_rows = times.painted - start;
    /* The time spent on it, without waiting for the display's next frame. */
    work = (set - start) + (times.painted - times.update);
    n_cards = count_cards (GTK_WIDGET (view));
    g_signal_handler_disconnect (clock, on_update);
    g_signal_handler_disconnect (clock, on_paint);
  }
  g_test_message ("First frame with %u cards of %u observations after %.1f ms, "
                  "%.1f ms of it work", n_cards, N_BIG, first_rows / 1000.0, work / 1000.0);
  g_assert_cmpuint (n_cards, >, 0);
  tandem_test_pump ();
  /* Then it grows to what the list view keeps built, a few cards a frame. */
  for (int i = 0; i < 40; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();

  n_cards = count_cards (GTK_WIDGET (view));
  g_test_message ("%u cards built, %u observations read", n_cards,
                  tandem_observation_model_get_n_loads (model));
  g_assert_cmpuint (n_items (view), ==, N_BIG);
  g_assert_cmpuint (n_cards, >=, 20);
  /* Only the rows around the screen were read and built, not 2,500. GTK
   * 4.8's list view keeps up to 200 rows built around the visible ones
   * (GTK_LIST_VIEW_MAX_LIST_ITEMS) and recycles them from there. How fast
   * the first cards appear is in the message above, not asserted: speed is
   * for benchmarks, and a loaded machine would make a timed test flaky. */
  g_assert_cmpuint (n_cards, <=, 210);
  g_assert_cmpuint (tandem_observation_model_get_n_loads (model), <=, 250);
  g_assert_cmpuint (tandem_observation_model_get_n_cached (model), <=, 250);

  /* Newest first. */
  {
    g_autoptr(TandemObservation) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(TandemObservation) last = g_list_model_get_item (G_LIST_MODEL (model), N_BIG - 1);
    g_autofree char *today = days_ago (0);

    g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (first), "observed_on"), ==, today);
    g_assert_cmpint (strcmp (tandem_record_get_text (TANDEM_RECORD (first), "observed_on"),
                             tandem_record_get_text (TANDEM_RECORD (last), "observed_on")), >, 0);
  }

  /* To the end and back: the cache stays bounded, cards are recycled. */
  for (guint position = 0; position < N_BIG; position += 97)
    {
      g_autoptr(TandemObservation) item = g_list_model_get_item (G_LIST_MODEL (model), position);

      g_assert_nonnull (item);
    }
  g_assert_cmpuint (tandem_observation_model_get_n_cached (model), <=,
                    TANDEM_OBSERVATION_MODEL_CACHE_SIZE);

  g_assert_true (tandem_journal_view_show_observation (view,
                                                       tandem_observation_model_get_id (model,
                                                                                        N_BIG - 1)));
  tandem_test_pump ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();
  g_assert_nonnull (find_card (GTK_WIDGET (view), tandem_observation_model_get_id (model,
                                                                                   N_BIG - 1)));
  g_assert_cmpuint (count_cards (GTK_WIDGET (view)), <=, 50);
  g_assert_cmpuint (tandem_observation_model_get_n_cached (model), <=,
                    TANDEM_OBSERVATION_MODEL_CACHE_SIZE);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = add_observation (f, f->zofia, NULL, 1, "Sand castles", "pd.fine_motor",
                                        FALSE, TRUE);
  g_autofree char *b = add_observation (f, f->zofia, NULL, 10, "Counting stairs",
                                        "maths.number,cl", FALSE, FALSE);
  g_autofree char *c = add_observation (f, f->zofia, NULL, 40, "Pierogi with Nana", "utw",
                                        TRUE, TRUE);
  g_autofree char *d = add_observation (f, f->zofia, NULL, 100, "Singing in Polish",
                                        "cl.speaking,ead", TRUE, TRUE);
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
  g_autofree char *from = days_ago (50);
  g_autofree char *to = days_ago (5);
  g_autofree char *from_uk = NULL;
  TandemJournalView *view = show_journal (f, f->zofia);
  GtkEditable *from_entry;
  g_autoptr(GPtrArray) entries = NULL;

  gtk_window_present (f->window);
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 4);
  g_assert_false (tandem_journal_view_get_filtered (view));

  /* An area matches its aspects too. */
  filter.area = "cl";
  tandem_journal_view_set_filter (view, &filter);
  g_assert_true (tandem_journal_view_get_filtered (view));
  g_assert_cmpuint (n_items (view), ==, 2);

  filter.area = NULL;
  filter.source = TANDEM_SOURCE_HOME;
  tandem_journal_view_set_filter (view, &filter);
  g_assert_cmpuint (n_items (view), ==, 2);

  filter.source = TANDEM_SOURCE_SETTING;
  filter.shared = 0;
  tandem_journal_view_set_filter (view, &filter);
  g_assert_cmpuint (n_items (view), ==, 1);
  {
    g_autoptr(TandemObservation) only = g_list_model_get_item (
      G_LIST_MODEL (tandem_journal_view_get_model (view)), 0);

    g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (only)), ==, b);
  }

  filter.source = NULL;
  filter.shared = -1;
  filter.from = from;
  filter.to = to;
  tandem_journal_view_set_filter (view, &filter);
  g_assert_cmpuint (n_items (view), ==, 2);

  /* Dates typed the UK way work; one half typed is not applied. */
  tandem_journal_view_clear_filters (view);
  g_assert_cmpuint (n_items (view), ==, 4);
  entries = tandem_test_find_all (GTK_WIDGET (view), GTK_TYPE_ENTRY);
  from_entry = NULL;
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gtk_entry_get_placeholder_text (g_ptr_array_index (entries, i)),
                   "From date") == 0)
      from_entry = g_ptr_array_index (entries, i);
  g_assert_nonnull (from_entry);

  from_uk = g_strdup_printf ("%.2s/%.2s/%.4s", from + 8, from + 5, from);
  gtk_editable_set_text (from_entry, from_uk);
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 3);
  gtk_editable_set_text (from_entry, "31/02/20");
  tandem_test_pump ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (from_entry), "error"));
  g_assert_cmpuint (n_items (view), ==, 4);

  /* Filters that match nothing say so, with a way out. */
  filter = (TandemJournalFilter) TANDEM_JOURNAL_FILTER_INIT;
  filter.area = "lit";
  tandem_journal_view_set_filter (view, &filter);
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 0);
  g_assert_true (status_page_mapped (GTK_WIDGET (view), "No Matching Observations"));
  g_assert_false (status_page_mapped (GTK_WIDGET (view), "No Observations Yet"));
  gtk_widget_activate_action (GTK_WIDGET (view), "journal.clear-filters", NULL);
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 4);
  g_assert_false (status_page_mapped (GTK_WIDGET (view), "No Matching Observations"));

  (void) a; (void) c; (void) d;
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  TandemJournalView *view = show_journal (f, f->kacper);

  gtk_window_present (f->window);
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 0);
  g_assert_true (status_page_mapped (GTK_WIDGET (view), "No Observations Yet"));

  /* The first observation replaces the empty page with the timeline. */
  g_free (add_observation (f, f->kacper, NULL, 0, "First day: waved goodbye", NULL, FALSE, TRUE));
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 1);
  g_assert_false (status_page_mapped (GTK_WIDGET (view), "No Observations Yet"));
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *older = add_observation (f, f->zofia, NULL, 3, "Puddle jumping", "pd",
                                            FALSE, TRUE);
  g_autofree char *newer = add_observation (f, f->zofia, NULL, 1, "Rocket made of boxes",
                                            "ead", FALSE, TRUE);
  TandemJournalView *view = show_journal (f, f->zofia);
  g_autoptr(TandemObservation) observation = NULL;
  g_autoptr(TandemComment) comment = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *card;

  gtk_window_present (f->window);
  tandem_test_pump ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (n_items (view), ==, 2);

  /* Deleting through the store (as Undo's counterpart does) removes the
   * card; undeleting brings it back. */
  observation = tandem_store_load (f->db.store, TANDEM_TYPE_OBSERVATION, older, &error);
  g_assert_no_error (error);
  tandem_store_delete (f->db.store, TANDEM_RECORD (observation), &error);
  g_assert_no_error (error);
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 1);
  g_assert_null (find_card (GTK_WIDGET (view), older));

  tandem_store_undelete (f->db.store, TANDEM_RECORD (observation), &error);
  g_assert_no_error (error);
  tandem_test_pump ();
  g_assert_cmpuint (n_items (view), ==, 2);

  /* A family comment shows on the card at once, in the carer's name. */
  comment = tandem_comment_new (newer, "She told us all about it at bedtime!");
  tandem_record_set_text (TANDEM_RECORD (comment), "carer_id", f->carer);
  tandem_record_set_text (TANDEM_RECORD (comment), "via", "conversation");
  save (f->db.store, comment);
  tandem_test_pump ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();

  card = find_card (GTK_WIDGET (view), newer);
  g_assert_nonnull (card);
  g_assert_true (has_label (card, "1 comment", TRUE));
  g_assert_true (has_label (card, "She told us all about it at bedtime!", TRUE));
  g_assert_true (has_label (card, "Ola Nowak", FALSE));
  g_assert_true (has_label (card, "Shared with family", TRUE));
}

static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *group = add_observation (f, f->zofia, f->kacper, 2,
                                            "Zofia and Kacper built a den together",
                                            "psed.relationships", FALSE, TRUE);
  g_autofree char *own = add_observation (f, f->kacper, NULL, 1, "Kacper painted", "ead",
                                          FALSE, FALSE);
  g_autoptr(TandemObservationModel) zofia = tandem_observation_model_new (f->db.store, f->zofia);
  g_autoptr(TandemObservationModel) kacper = tandem_observation_model_new (f->db.store,
                                                                          f->kacper);
  TandemJournalView *view;
  GtkWidget *card;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (zofia)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kacper)), ==, 2);
  g_assert_cmpuint (tandem_observation_model_find (zofia, group), ==, 0);
  g_assert_cmpuint (tandem_observation_model_find (kacper, group), ==, 1);
  g_assert_cmpuint (tandem_observation_model_find (zofia, own), ==, G_MAXUINT);

  /* In Kacper's journal the card names the other child. */
  view = show_journal (f, f->kacper);
  gtk_window_present (f->window);
  tandem_test_pump ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();
  card = find_card (GTK_WIDGET (view), group);
  g_assert_nonnull (card);
  g_assert_true (has_label (card, "With Zofia", TRUE));
  card = find_card (GTK_WIDGET (view), own);
  g_assert_nonnull (card);
  g_assert_true (has_label (card, "Internal", TRUE));
}

static void
test_home (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *home = add_observation (f, f->zofia, NULL, 1, "Helped make pierogi at home",
                                           "pd.fine_motor", TRUE, TRUE);
  TandemJournalView *view = show_journal (f, f->zofia);
  GtkWidget *card;
  g_autoptr(GPtrArray) buttons = NULL;
  gboolean found = FALSE;

  gtk_window_present (f->window);
  tandem_test_pump ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();

  card = find_card (GTK_WIDGET (view), home);
  g_assert_nonnull (card);
  /* The family's own observation is credited to them. */
  g_assert_true (has_label (card, "From home · Ola Nowak", TRUE));
  g_assert_true (has_label (card, "Fine Motor", TRUE));

  /* Each card has its own Edit, Delete and Comment buttons. */
  buttons = tandem_test_find_all (card, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), "Edit") == 0)
      found = TRUE;
  g_assert_true (found);
}

static void
test_coverage (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = add_observation (f, f->zofia, NULL, 1, "Chatting at snack time",
                                        "cl.speaking,cl.listening,psed", FALSE, TRUE);
  g_autofree char *b = add_observation (f, f->zofia, NULL, 5, "Counting", "maths", FALSE, TRUE);
  g_autofree char *c = add_observation (f, f->zofia, NULL, 60, "Old mark making", "lit",
                                        FALSE, TRUE);
  GtkWidget *widget = tandem_coverage_new ();
  TandemCoverage *coverage = TANDEM_COVERAGE (g_object_ref_sink (widget));
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate day;

  tandem_coverage_set_store (coverage, f->db.store);
  tandem_coverage_set_child_id (coverage, f->zofia);

  /* An observation counts once per area, however many aspects it names. */
  g_assert_cmpuint (tandem_coverage_get_count (coverage, "cl"), ==, 1);
  g_assert_cmpuint (tandem_coverage_get_count (coverage, "psed"), ==, 1);
  g_assert_cmpuint (tandem_coverage_get_count (coverage, "maths"), ==, 1);
  g_assert_cmpuint (tandem_coverage_get_count (coverage, "lit"), ==, 0);
  g_assert_nonnull (strstr (tandem_coverage_get_summary (coverage), "Literacy"));
  g_assert_null (strstr (tandem_coverage_get_summary (coverage), "Mathematics"));

  tandem_coverage_set_period (coverage, TANDEM_COVERAGE_LAST_12_MONTHS);
  g_assert_cmpuint (tandem_coverage_get_count (coverage, "lit"), ==, 1);

  /* A new observation updates the summary after the store's change. */
  tandem_coverage_set_period (coverage, TANDEM_COVERAGE_LAST_4_WEEKS);
  g_free (add_observation (f, f->zofia, NULL, 0, "Wrote her name", "lit.writing", FALSE, TRUE));
  tandem_test_pump ();
  g_assert_cmpuint (tandem_coverage_get_count (coverage, "lit"), ==, 1);

  /* Terms: autumn from September, spring from January, summer from April. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 12, G_DATE_NOVEMBER, 2026);
  tandem_coverage_period_range (TANDEM_COVERAGE_THIS_TERM, &day, &from, &to);
  g_assert_cmpstr (from, ==, "2026-09-01");
  g_assert_cmpstr (to, ==, "2026-11-12");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_date_set_dmy (&day, 20, G_DATE_MAY, 2027);
  tandem_coverage_period_range (TANDEM_COVERAGE_THIS_TERM, &day, &from, &to);
  g_assert_cmpstr (from, ==, "2027-04-01");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  tandem_coverage_period_range (TANDEM_COVERAGE_LAST_4_WEEKS, &day, &from, &to);
  g_assert_cmpstr (from, ==, "2027-04-23");

  g_object_unref (coverage);
  (void) a; (void) b; (void) c;
}

static void
test_snippet_markup (void)
{
  g_autofree char *plain = tandem_search_snippet_markup ("no match here");
  g_autofree char *marked = tandem_search_snippet_markup ("…built a \x01tower\x02 & <b>ig</b>…");
  g_autofree char *cut = tandem_search_snippet_markup ("\x01tow");

  g_assert_cmpstr (plain, ==, "no match here");
  g_assert_cmpstr (marked, ==, "…built a <b>tower</b> &amp; &lt;b&gt;ig&lt;/b&gt;…");
  g_assert_cmpstr (cut, ==, "<b>tow</b>");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = add_observation (f, f->zofia, NULL, 1, "Zofia found a snail under a log",
                                        "utw", FALSE, TRUE);
  g_autofree char *b = add_observation (f, f->kacper, NULL, 2, "Kacper drew a snail <3 & more",
                                        "ead", FALSE, TRUE);
  g_autoptr(TandemChild) zofia = load_child (f, f->zofia);
  GtkWidget *page = tandem_search_page_new ();
  g_autoptr(GPtrArray) labels = NULL;
  const TandemSearchHit *hit;
  gboolean highlighted = FALSE;

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 600);
  gtk_window_set_child (f->window, page);
  tandem_search_page_set_store (TANDEM_SEARCH_PAGE (page), f->db.store);
  tandem_search_page_set_child (TANDEM_SEARCH_PAGE (page), zofia);
  gtk_window_present (f->window);

  tandem_search_page_set_text (TANDEM_SEARCH_PAGE (page), "snai");
  tandem_search_page_run (TANDEM_SEARCH_PAGE (page));
  g_test_message ("Search took %.2f ms",
                  tandem_search_page_get_last_duration (TANDEM_SEARCH_PAGE (page)) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (tandem_search_page_get_results (
                      TANDEM_SEARCH_PAGE (page))), ==, 2);

  tandem_test_pump ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();

  /* The matched word is in bold; the rest is escaped text. */
  labels = tandem_test_find_all (page, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_label_get_use_markup (label) && strstr (gtk_label_get_label (label), "<b>snail</b>"))
        {
          highlighted = TRUE;
          if (strstr (gtk_label_get_text (label), "Kacper") != NULL)
            g_assert_nonnull (strstr (gtk_label_get_label (label), "&lt;3 &amp; more"));
        }
    }
  g_assert_true (highlighted);
  g_assert_true (has_label (page, "2 results", TRUE));

  /* Within one child. */
  tandem_search_page_set_this_child (TANDEM_SEARCH_PAGE (page), TRUE);
  tandem_search_page_run (TANDEM_SEARCH_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (tandem_search_page_get_results (
                      TANDEM_SEARCH_PAGE (page))), ==, 1);
  hit = tandem_search_page_get_hit (TANDEM_SEARCH_PAGE (page), 0);
  g_assert_cmpstr (hit->observation_id, ==, a);
  g_assert_cmpstr (hit->child_id, ==, f->zofia);

  /* Typing searches in the background, after a pause. */
  tandem_search_page_set_this_child (TANDEM_SEARCH_PAGE (page), FALSE);
  tandem_search_page_set_text (TANDEM_SEARCH_PAGE (page), "lo");
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    GListModel *results = tandem_search_page_get_results (TANDEM_SEARCH_PAGE (page));

    while (g_get_monotonic_time () < end &&
           !(g_list_model_get_n_items (results) == 1 &&
             g_strcmp0 (tandem_search_page_get_hit (TANDEM_SEARCH_PAGE (page), 0)->observation_id,
                        a) == 0))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
    g_assert_cmpstr (tandem_search_page_get_hit (TANDEM_SEARCH_PAGE (page), 0)->observation_id,
                     ==, a);
  }

  /* Nothing found is said so. */
  tandem_search_page_set_text (TANDEM_SEARCH_PAGE (page), "xylophone");
  tandem_search_page_run (TANDEM_SEARCH_PAGE (page));
  tandem_test_pump ();
  g_assert_true (status_page_mapped (page, "No Results"));
  (void) b;
}

/* Pumps the main loop until @child_id's row shows @days without an
 * observation, or five seconds pass. */
static void
wait_for_quiet_days (GPtrArray  *rows,
                     const char *child_id,
                     int         days)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      for (guint i = 0; i < rows->len; i++)
        {
          TandemChildRow *row = g_ptr_array_index (rows, i);
          TandemChild *child = tandem_child_row_get_child (row);

          if (g_str_equal (tandem_record_get_id (TANDEM_RECORD (child)), child_id) &&
              tandem_child_row_get_quiet_days (row) == days)
            return;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *recent = add_observation (f, f->zofia, NULL, 2, "A snail race", "utw",
                                             FALSE, TRUE);
  g_autofree char *old = add_observation (f, f->kacper, NULL, 30, "Kacper stacked cups",
                                          "maths", FALSE, TRUE);
  TandemWindow *window = tandem_window_new (NULL, f->db.store);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) views = NULL;
  TandemSearchPage *page;
  TandemJournalView *journal;
  GtkListView *results = NULL;
  g_autoptr(GPtrArray) lists = NULL;

  f->window = GTK_WINDOW (window);
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_present (f->window);
  tandem_test_pump ();

  /* Kacper's last observation is a month old: his row says so. The rows
   * learn it from a query in a thread, so wait for it. */
  rows = tandem_test_find_all (GTK_WIDGET (window), TANDEM_TYPE_CHILD_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  wait_for_quiet_days (rows, f->kacper, 30);
  for (guint i = 0; i < rows->len; i++)
    {
      TandemChildRow *row = g_ptr_array_index (rows, i);
      const char *id = tandem_record_get_id (TANDEM_RECORD (tandem_child_row_get_child (row)));

      if (g_str_equal (id, f->kacper))
        {
          g_assert_cmpint (tandem_child_row_get_quiet_days (row), ==, 30);
          g_assert_true (has_label (GTK_WIDGET (row), "No observation for 4 weeks", TRUE));
        }
      else
        g_assert_cmpint (tandem_child_row_get_quiet_days (row), ==, 0);
    }

  /* An observation today clears it. */
  g_free (add_observation (f, f->kacper, NULL, 0, "Kacper sang", "ead", FALSE, TRUE));
  wait_for_quiet_days (rows, f->kacper, 0);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (tandem_child_row_get_quiet_days (g_ptr_array_index (rows, i)), ==, 0);

  /* Search from the window, then open the result in the child's journal. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  tandem_test_pump ();
  pages = tandem_test_find_all (GTK_WIDGET (window), TANDEM_TYPE_SEARCH_PAGE);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  tandem_search_page_set_text (page, "snail");
  tandem_search_page_run (page);
  g_assert_cmpuint (g_list_model_get_n_items (tandem_search_page_get_results (page)), ==, 1);
  lists = tandem_test_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_VIEW);
  results = g_ptr_array_index (lists, 0);
  g_signal_emit_by_name (results, "activate", 0);
  tandem_test_pump ();

  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_nonnull (tandem_window_get_selected_child (window));
  g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (tandem_window_get_selected_child (window))),
                   ==, f->zofia);
  views = tandem_test_find_all (GTK_WIDGET (window), TANDEM_TYPE_JOURNAL_VIEW);
  journal = g_ptr_array_index (views, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (journal)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  tandem_test_pump ();
  g_assert_nonnull (find_card (GTK_WIDGET (journal), recent));

  /* Delete on the card, then Undo on the toast. */
  {
    GtkWidget *delete = find_button (find_card (GTK_WIDGET (journal), recent), "Delete");
    g_autoptr(GPtrArray) toasts = NULL;
    GtkWidget *undo = NULL;

    g_assert_nonnull (delete);
    g_signal_emit_by_name (delete, "clicked");
    tandem_test_pump ();
    g_assert_cmpuint (n_items (journal), ==, 0);
    g_assert_true (status_page_mapped (GTK_WIDGET (journal), "No Observations Yet"));

    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    toasts = tandem_test_find_all (GTK_WIDGET (window), GTK_TYPE_BUTTON);
    for (guint i = 0; i < toasts->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (toasts, i)), "_Undo") == 0)
        undo = g_ptr_array_index (toasts, i);
    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    tandem_test_pump ();
    g_assert_cmpuint (n_items (journal), ==, 1);
    /* Let the toast finish going: libadwaita 1.2 can crash when a window
     * is destroyed while a toast's animation runs. */
    wait_ms (600);
  }

  /* Ctrl+Shift+N's action opens the editor about the child shown. */
  {
    guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean editor = FALSE;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-observation", NULL);
    tandem_test_pump ();
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), >, before);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

        if (g_str_equal (G_OBJECT_TYPE_NAME (top), "TandemObservationEditor"))
          {
            editor = TRUE;
            gtk_window_destroy (top);
          }
      }
    g_assert_true (editor);
    tandem_test_pump ();
  }
  (void) old;
}

static void
test_comment_dialog (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = add_observation (f, f->zofia, NULL, 1, "Sorted the shells by size",
                                         "maths", FALSE, TRUE);
  g_autoptr(TandemObservation) observation = tandem_store_load (f->db.store,
                                                                TANDEM_TYPE_OBSERVATION, id,
                                                                NULL);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) views = NULL;
  GtkWindow *dialog;
  TandemRecord *comment;
  GtkTextBuffer *buffer;

  dialog = tandem_comment_dialog_new (NULL, f->db.store, observation, f->zofia);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (dialog);
  tandem_test_pump ();

  /* Nothing typed: nothing saved, and the dialog says why. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "editor.save", NULL);
  tandem_test_pump ();
  g_assert_nonnull (dialog);
  g_assert_true (has_label (GTK_WIDGET (dialog), "Write the comment before saving it.", TRUE));

  views = tandem_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);
  g_assert_cmpuint (views->len, ==, 1);
  buffer = gtk_text_view_get_buffer (g_ptr_array_index (views, 0));
  gtk_text_buffer_set_text (buffer, "She does this with buttons at home too.", -1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "editor.save", NULL);
  tandem_test_pump ();
  /* Saved: the dialog closes. */
  g_assert_null (dialog);

  comments = tandem_journal_get_comments (f->db.store, id, NULL);
  g_assert_cmpuint (comments->len, ==, 1);
  comment = g_ptr_array_index (comments, 0);
  /* Zofia has one carer, so it is hers, as told in conversation. */
  g_assert_cmpstr (tandem_record_get_text (comment, "carer_id"), ==, f->carer);
  g_assert_null (tandem_record_get_text (comment, "author_id"));
  g_assert_cmpstr (tandem_record_get_text (comment, "via"), ==, "conversation");
  g_assert_cmpstr (tandem_record_get_text (comment, "text"), ==,
                   "She does this with buttons at home too.");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tandem_records_init ();

  g_test_add_func ("/journal-view/snippet-markup", test_snippet_markup);
#define ADD(path, func) \
  g_test_add ("/journal-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("lazy", test_lazy);
  ADD ("filters", test_filters);
  ADD ("empty", test_empty);
  ADD ("changes", test_changes);
  ADD ("group", test_group);
  ADD ("home", test_home);
  ADD ("coverage", test_coverage);
  ADD ("search", test_search);
  ADD ("window", test_window);
  ADD ("comment-dialog", test_comment_dialog);
#undef ADD

  return g_test_run ();
}
