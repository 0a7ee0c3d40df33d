/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The learning journal at scale: generates the large setting of the issue
 * (120 children over five years, about 60,000 observations) and times what
 * the journal view and search do with it. Prints one figure a line, as
 * "name: value unit", for people and scripts alike.
 *
 * Usage: bench-journal [--children N] [--years Y] [--keep DIR] */

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "tandem-demo.h"
#include "tandem-journal.h"
#include "tandem-records.h"
#include "tandem-store.h"

#define RUNS 20

static const char * const queries[] = {
  "sand", "playdough", "snail", "counting stairs", "pierogi", "Eid", "nos da", "dinosaur",
  "book corner", "wellies", "tower bricks", "Dziękujemy", "sunflower", "scissors", "rocket",
  "puddle", "drum", "treasure basket", "shop coins", "bug hotel",
};

/* What a person has typed after one or two keys: prefixes matching
 * thousands of words, the slowest kind of query. */
static const char * const short_queries[] = { "a", "s", "th", "pl", "c", "m" };

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values: afterwards the last one is the largest. */
static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
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

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int n_children = 120, years = 5;
  g_autofree char *keep = NULL;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &n_children, "Children to generate", "N" },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, "Years to generate", "Y" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the database in DIR", "DIR" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *child_id = NULL;
  double times[RUNS];
  double generate_s, middle;
  gint64 observations, links = 0;
  guint hits = 0;
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("tandem-bench-journal-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  g_unlink (path);

  store = tandem_store_open (path, &error);
  g_assert_no_error (error);

  g_timer_start (timer);
  if (!tandem_generate_fill (store, (guint) n_children, (guint) years, 1, &error))
    g_error ("%s", error->message);
  generate_s = g_timer_elapsed (timer, NULL);

  /* The figures are for a database as it is opened on a normal day, not
   * the one that has just been written. */
  g_clear_object (&store);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);

  observations = tandem_store_count (store, TANDEM_TYPE_OBSERVATION, NULL, NULL, &error);
  g_assert_no_error (error);
  child_id = heaviest_child (store, &links);

  g_print ("generate: %.2f s (%d children, %d years)\n", generate_s, n_children, years);
  g_print ("observations: %" G_GINT64_FORMAT "\n", observations);

  for (guint i = 0; i < RUNS; i++)
    {
      g_clear_pointer (&ids, g_ptr_array_unref);
      g_timer_start (timer);
      ids = tandem_journal_list_ids (store, child_id, NULL, &error);
      times[i] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
    }
  g_print ("list_ids heaviest child: %.2f ms median for %u observations\n",
           median (times, RUNS), ids->len);

  /* What the timeline shows first: the newest 20, each with its children,
   * photos and comment count, as a card needs them. */
  for (guint i = 0; i < RUNS; i++)
    {
      g_timer_start (timer);
      for (guint k = 0; k < MIN (20u, ids->len); k++)
        {
          const char *id = g_ptr_array_index (ids, k);
          g_autoptr(TandemRecord) record = tandem_store_load (store, TANDEM_TYPE_OBSERVATION, id,
                                                              &error);
          g_auto(GStrv) children = tandem_journal_get_child_ids (store, id, &error);
          g_autoptr(GPtrArray) photos = tandem_journal_get_photos (store, id, &error);

          g_assert_no_error (error);
          g_assert_nonnull (record);
          g_assert_nonnull (children);
          g_assert_nonnull (photos);
          tandem_journal_count_comments (store, id);
        }
      times[i] = g_timer_elapsed (timer, NULL) * 1000;
    }
  g_print ("first 20 timeline cards: %.2f ms median\n", median (times, RUNS));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) results = NULL;

      g_timer_start (timer);
      results = tandem_journal_search (store, queries[i], NULL, 50, &error);
      times[i] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      hits += results->len;
    }
  middle = median (times, G_N_ELEMENTS (queries));
  g_print ("search across everything: %.2f ms median over %u queries (max %.2f ms, %u hits)\n",
           middle, (guint) G_N_ELEMENTS (queries), times[G_N_ELEMENTS (queries) - 1], hits);

  for (guint i = 0; i < G_N_ELEMENTS (short_queries); i++)
    {
      g_autoptr(GPtrArray) results = NULL;

      g_timer_start (timer);
      results = tandem_journal_search (store, short_queries[i], NULL, 50, &error);
      times[i] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
    }
  middle = median (times, G_N_ELEMENTS (short_queries));
  g_print ("search for one or two letters: %.2f ms median over %u queries (max %.2f ms)\n",
           middle, (guint) G_N_ELEMENTS (short_queries), times[G_N_ELEMENTS (short_queries) - 1]);

  hits = 0;
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) results = NULL;

      g_timer_start (timer);
      results = tandem_journal_search (store, queries[i], child_id, 50, &error);
      times[i] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      hits += results->len;
    }
  middle = median (times, G_N_ELEMENTS (queries));
  g_print ("search within the heaviest child: %.2f ms median over %u queries (max %.2f ms, "
           "%u hits)\n", middle, (guint) G_N_ELEMENTS (queries),
           times[G_N_ELEMENTS (queries) - 1], hits);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) then = g_date_time_add_days (now, -14);
      g_autofree char *since = g_date_time_format (then, "%Y-%m-%d");
      g_autoptr(GPtrArray) quiet = NULL;

      g_timer_start (timer);
      quiet = tandem_journal_children_without_since (store, since, &error);
      times[i] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
    }
  g_print ("children without an observation for two weeks: %.2f ms median\n",
           median (times, 5));

  g_clear_object (&store);
  if (g_stat (path, &st) == 0)
    g_print ("database size: %.1f MB\n", st.st_size / (1024.0 * 1024.0));

  if (keep == NULL)
    remove_tree (dir);
  return 0;
}
