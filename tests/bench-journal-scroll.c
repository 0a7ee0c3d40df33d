/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Scrolling through a long learning journal (issue 3): a window with the
 * journal view of the generated child with the most observations (about
 * 2,000), opened, then scrolled from the newest card to the oldest one page
 * a frame, as fast as the frame clock lets it. Prints one figure a line, as
 * "name: value unit":
 *
 *   - how long opening the child takes until the frame with its first cards
 *   - the interval between painted frames while scrolling (median, p95, max)
 *     and how many frames took over 50 ms and over 100 ms
 *   - how many card widgets there are at the end: recycled, far fewer than
 *     the observations
 *   - how many cards were painted at another height than their own: cards
 *     off screen guess their size (tandem-observation-card.c), and one on
 *     screen must have been measured for real; the program fails if any was
 *     not
 *
 * Frame intervals are real time between the frame clock's after-paint
 * signals, not the clock's frame times, which GTK smooths towards the
 * refresh rate.
 *
 * Usage: bench-journal-scroll [--children N] [--years Y] [--keep DIR] [--verbose]
 * With --keep, a database left in DIR by an earlier run is used again;
 * --verbose prints every frame: its interval, and how long the frame clock
 * spent in updating and laying out (binding, measuring) and in painting. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "tandem-demo.h"
#include "tandem-journal-view.h"
#include "tandem-observation-card.h"
#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

#define N_OPENS 5
/* Frames to wait at the end for the list to settle (its height is an
 * estimate until the last cards are measured). */
#define SETTLE_FRAMES 10
/* A scroll that has not reached the end by then is stuck. */
#define MAX_FRAMES 20000

typedef struct {
  gboolean           verbose;
  gint64             frame_start;
  gint64             layout_done;
  gint64             paint_done;
  GtkWindow         *window;
  TandemJournalView *view;
  GtkAdjustment     *vadjustment;
  GArray            *paints;   /* gint64, monotonic µs of each after-paint */
  gboolean           recording;
  guint              at_end;
  guint              steps;
  gboolean           done;
  gint64             painted;  /* the last after-paint, for the open timing */
  guint              n_checked;
  guint              n_misfit;
} Bench;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* @values sorted; the value below which @fraction of them lie. */
static double
percentile (const double *values,
            guint         n,
            double        fraction)
{
  guint i = (guint) (fraction * (n - 1) + 0.5);

  return values[MIN (i, n - 1)];
}

static char *
heaviest_child (TandemStore *store,
                gint64      *count)
{
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  sqlite3_prepare_v2 (tandem_store_get_db (store),
                      "SELECT child_id, count(*) AS n FROM observation_children "
                      "WHERE deleted = 0 GROUP BY child_id ORDER BY n DESC LIMIT 1",
                      -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *count = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  return id;
}

/* Another child with a few observations, to switch from. */
static char *
light_child (TandemStore *store,
             const char  *not_this)
{
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  sqlite3_prepare_v2 (tandem_store_get_db (store),
                      "SELECT child_id FROM observation_children WHERE deleted = 0 "
                      "AND child_id != ?1 GROUP BY child_id ORDER BY count(*) LIMIT 1",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, not_this, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return id;
}

static guint
count_cards (GtkWidget *root,
             guint     *bound)
{
  g_autoptr(GPtrArray) cards = tandem_test_find_all (root, TANDEM_TYPE_OBSERVATION_CARD);

  *bound = 0;
  for (guint i = 0; i < cards->len; i++)
    if (tandem_observation_card_get_observation (g_ptr_array_index (cards, i)) != NULL)
      (*bound)++;
  return cards->len;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  /* A frame may have nothing to lay out or paint. */
  bench->frame_start = bench->layout_done = bench->paint_done = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->layout_done = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          Bench         *bench)
{
  bench->paint_done = g_get_monotonic_time ();
}

/* Whether each card on screen was given the height its content needs. The
 * card's own size may be a guess GTK still holds; its content box is
 * measured for real. */
static void
check_heights (Bench *bench)
{
  g_autoptr(GPtrArray) cards = tandem_test_find_all (GTK_WIDGET (bench->view),
                                                     TANDEM_TYPE_OBSERVATION_CARD);

  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (cards, i);
      int minimum, natural;

      if (!gtk_widget_get_mapped (card))
        continue;
      gtk_widget_measure (gtk_widget_get_first_child (card), GTK_ORIENTATION_VERTICAL,
                          gtk_widget_get_width (card), &minimum, &natural, NULL, NULL);
      bench->n_checked++;
      if (minimum != gtk_widget_get_height (card))
        bench->n_misfit++;
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->recording && bench->verbose && bench->paints->len > 0)
    g_print ("frame %u: %.1f ms, update and layout %.1f ms, paint %.1f ms\n",
             bench->paints->len,
             (now - g_array_index (bench->paints, gint64, bench->paints->len - 1)) / 1000.0,
             (bench->layout_done - bench->frame_start) / 1000.0,
             (bench->paint_done - bench->layout_done) / 1000.0);

  bench->painted = now;
  if (bench->recording)
    {
      g_array_append_val (bench->paints, now);
      check_heights (bench);
    }
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  double value = gtk_adjustment_get_value (bench->vadjustment);
  double page = gtk_adjustment_get_page_size (bench->vadjustment);
  double upper = gtk_adjustment_get_upper (bench->vadjustment);

  /* The end: the last page is shown, and stays so for a few frames while
   * the list settles the height of what it had only estimated. */
  if (value + page >= upper - 0.5)
    {
      if (++bench->at_end >= SETTLE_FRAMES)
        {
          bench->done = TRUE;
          return G_SOURCE_REMOVE;
        }
      gtk_adjustment_set_value (bench->vadjustment, upper - page);
      return G_SOURCE_CONTINUE;
    }

  bench->at_end = 0;
  if (++bench->steps > MAX_FRAMES)
    g_error ("Not at the end after %u frames (at %.0f of %.0f px)", MAX_FRAMES, value, upper);
  gtk_adjustment_set_value (bench->vadjustment, MIN (value + page, upper - page));
  return G_SOURCE_CONTINUE;
}

static void
wait_frames (Bench *bench,
             guint  n)
{
  for (guint i = 0; i < n; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (bench->window));
  tandem_test_pump ();
}

/* Shows @child and returns the milliseconds until the frame with its
 * cards was painted. */
static double
open_child (Bench       *bench,
            TandemStore *store,
            const char  *id)
{
  g_autoptr(TandemChild) child = tandem_store_load (store, TANDEM_TYPE_CHILD, id, NULL);
  gint64 start;

  g_assert_nonnull (child);
  bench->painted = 0;
  start = g_get_monotonic_time ();
  tandem_journal_view_set_child (bench->view, child);
  while (bench->painted == 0)
    g_main_context_iteration (NULL, TRUE);
  return (bench->painted - start) / 1000.0;
}

static GtkAdjustment *
find_vadjustment (GtkWidget *root)
{
  g_autoptr(GPtrArray) grids = tandem_test_find_all (root, GTK_TYPE_GRID_VIEW);
  GtkWidget *scrolled;

  /* The list's own, not one in a drop-down's popover. */
  g_assert_cmpuint (grids->len, ==, 1);
  scrolled = gtk_widget_get_ancestor (g_ptr_array_index (grids, 0), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  int n_children = 120, years = 5;
  g_autofree char *keep = NULL;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &n_children, "Children to generate", "N" },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, "Years to generate", "Y" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep,
      "Keep the database in DIR, and use one already there", "DIR" },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &bench.verbose, "Print every frame", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *heavy = NULL;
  g_autofree char *light = NULL;
  g_autofree double *intervals = NULL;
  double opens[N_OPENS];
  GdkFrameClock *clock;
  gint64 links = 0, scroll_start, scroll_end;
  guint n, over_50 = 0, over_100 = 0, n_cards, n_bound, worst = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();
  tandem_records_init ();

  dir = keep != NULL ? g_strdup (keep) : tandem_test_make_dir ();
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "bench.db", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GTimer) timer = g_timer_new ();

      store = tandem_store_open (path, &error);
      g_assert_no_error (error);
      if (!tandem_generate_fill (store, (guint) n_children, (guint) years, 1, &error))
        g_error ("%s", error->message);
      g_print ("generate: %.2f s (%d children, %d years)\n", g_timer_elapsed (timer, NULL),
               n_children, years);
      g_clear_object (&store);
    }

  /* As opened on a normal day, not as just written. */
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  heavy = heaviest_child (store, &links);
  light = light_child (store, heavy);
  g_assert_nonnull (heavy);
  g_assert_nonnull (light);
  g_print ("observations of the child scrolled: %" G_GINT64_FORMAT "\n", links);

  /* The application's style sheet, as AdwApplication would load it: it
   * sets the cards' padding and type sizes. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/app/tandem/Tandem/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  bench.paints = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (bench.window, 1000, 760);
  bench.view = TANDEM_JOURNAL_VIEW (tandem_journal_view_new ());
  gtk_window_set_child (bench.window, GTK_WIDGET (bench.view));
  tandem_journal_view_set_store (bench.view, store);
  gtk_window_present (bench.window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (bench.window));
  tandem_test_pump ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  /* Connected after GTK's own handlers: the times are when each phase
   * ended. */
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), &bench);
  g_signal_connect_after (clock, "paint", G_CALLBACK (paint_cb), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);

  /* Opening: from a light child to the heavy one, as in the window. */
  for (guint i = 0; i < N_OPENS; i++)
    {
      open_child (&bench, store, light);
      wait_frames (&bench, 5);
      opens[i] = open_child (&bench, store, heavy);
      wait_frames (&bench, 30);
    }
  qsort (opens, N_OPENS, sizeof (double), compare_doubles);
  g_print ("open heavy child, first cards painted: %.1f ms median of %u (max %.1f ms)\n",
           opens[N_OPENS / 2], N_OPENS, opens[N_OPENS - 1]);

  n_cards = count_cards (GTK_WIDGET (bench.view), &n_bound);
  g_print ("cards at the top: %u (%u showing an observation)\n", n_cards, n_bound);

  bench.vadjustment = find_vadjustment (GTK_WIDGET (bench.view));
  bench.recording = TRUE;
  scroll_start = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.view), scroll_tick_cb, &bench, NULL);
  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);
  scroll_end = g_get_monotonic_time ();
  bench.recording = FALSE;

  n = bench.paints->len > 0 ? bench.paints->len - 1 : 0;
  g_assert_cmpuint (n, >, 0);
  intervals = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      intervals[i] = (g_array_index (bench.paints, gint64, i + 1) -
                      g_array_index (bench.paints, gint64, i)) / 1000.0;
      if (intervals[i] > intervals[worst])
        worst = i;
      over_50 += intervals[i] > 50;
      over_100 += intervals[i] > 100;
    }
  g_print ("worst frame: number %u of %u\n", worst + 1, n);
  qsort (intervals, n, sizeof (double), compare_doubles);

  n_cards = count_cards (GTK_WIDGET (bench.view), &n_bound);
  g_print ("scroll frames: %u (%u page steps)\n", n, bench.steps);
  g_print ("frame interval median: %.1f ms\n", percentile (intervals, n, 0.5));
  g_print ("frame interval p95: %.1f ms\n", percentile (intervals, n, 0.95));
  g_print ("frame interval max: %.1f ms\n", intervals[n - 1]);
  g_print ("frames over 50 ms: %u\n", over_50);
  g_print ("frames over 100 ms: %u\n", over_100);
  g_print ("cards alive at the end: %u (%u showing an observation, of %" G_GINT64_FORMAT ")\n",
           n_cards, n_bound, links);
  g_print ("cards painted at another height than their own: %u of %u\n", bench.n_misfit,
           bench.n_checked);
  g_print ("observations read: %u\n",
           tandem_observation_model_get_n_loads (tandem_journal_view_get_model (bench.view)));
  g_print ("scroll total: %.2f s\n", (scroll_end - scroll_start) / 1e6);

  g_signal_handlers_disconnect_by_data (clock, &bench);
  gtk_window_destroy (bench.window);
  tandem_test_pump ();
  g_array_unref (bench.paints);
  g_clear_object (&store);

  if (keep == NULL)
    tandem_test_remove_tree (dir);

  /* Over 2,000 observations, cards must be recycled, not one each. */
  return n_cards < 200 && bench.n_misfit == 0 ? 0 : 1;
}
