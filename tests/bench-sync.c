/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Sync at scale (issue 8) against a local Apache (tests/webdav-servers.c):
 * the generated setting (120 children over five years, about 60,000
 * observations, text only) is synced to an empty space with the real
 * passphrase cost (Argon2id moderate), then a second, empty database joins.
 * Then, with both keys unlocked as the app keeps them: a sync with nothing
 * new (5 runs, median), one observation's text edited and sent, and that
 * edit received on the other laptop.
 *
 * Targets: first sync < 20 s, join < 20 s, nothing new = 1 request in
 * < 50 ms, one edit sent in ≤ 4 requests. Prints one figure a line, as
 * "sync <what>: key=value …", and a line per target saying whether it was
 * met; exits 1 only when the two laptops end up with different contents
 * (targets are reported, not enforced, as machines are noisy).
 *
 * Usage: bench-sync [--children N] [--years Y] */

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem-demo.h"
#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-sync-store.h"
#include "tandem-sync.h"
#include "tandem-test-util.h"
#include "webdav-servers.h"

#define NOOP_RUNS 5
#define PASSPHRASE "a long setting passphrase for the benchmark"

typedef struct {
  TandemStore       *store;
  TandemWebdav      *webdav;
  TandemSyncSession *session;
} Laptop;

static void
laptop_open (Laptop      *laptop,
             const char  *path,
             const char  *url)
{
  g_autoptr(GError) error = NULL;

  laptop->store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  laptop->webdav = tandem_webdav_new (url, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD, NULL,
                                      &error);
  g_assert_no_error (error);
  laptop->session = tandem_sync_session_new (laptop->store, laptop->webdav);
}

static void
laptop_close (Laptop *laptop)
{
  g_clear_object (&laptop->session);
  g_clear_object (&laptop->webdav);
  g_clear_object (&laptop->store);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Runs one sync; returns its report and how long it took in seconds. */
static TandemSyncReport *
timed_run (Laptop *laptop,
           double *seconds)
{
  g_autoptr(GError) error = NULL;
  TandemSyncReport *report = tandem_sync_report_new ();
  gint64 start = g_get_monotonic_time ();

  if (!tandem_sync_session_run (laptop->session, report, NULL, &error))
    g_error ("sync failed: %s", error->message);
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    g_printerr ("problem: %s\n", (const char *) g_ptr_array_index (report->problems, i));
  return report;
}

static void
print_report (const char             *what,
              double                  seconds,
              const TandemSyncReport *report)
{
  g_print ("sync %s: seconds=%.3f requests=%" G_GUINT64_FORMAT " bytes_sent=%" G_GUINT64_FORMAT
           " bytes_received=%" G_GUINT64_FORMAT " changes_sent=%u changes_received=%u"
           " batches_sent=%u batches_received=%u problems=%u\n",
           what, seconds, report->requests, report->bytes_sent, report->bytes_received,
           report->changes_sent, report->changes_received, report->batches_sent,
           report->batches_received, report->problems != NULL ? report->problems->len : 0);
}

/* The text of the first observation, changed as a keyworker would. */
static char *
edit_one_observation (TandemStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) observations = NULL;
  g_autofree char *text = NULL;
  TandemRecord *observation;

  observations = tandem_store_list (store, TANDEM_TYPE_OBSERVATION,
                                    "id = (SELECT min(id) FROM observations)", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (observations->len, ==, 1);
  observation = g_ptr_array_index (observations, 0);

  text = g_strconcat (tandem_record_get_text (observation, "text"),
                      " She went back to it after lunch.", NULL);
  tandem_record_set_text (observation, "text", text);
  tandem_store_save (store, observation, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (observation));
}

int
main (int    argc,
      char **argv)
{
  int n_children = 120;
  int years = 5;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &n_children, "Children to generate", "N" },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, "Years of records", "Y" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *skip_reason = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  g_autofree char *edited_id = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autoptr(TandemSyncReport) report = NULL;
  g_autoptr(TandemRecord) received = NULL;
  TandemTestDavServer *server;
  Laptop a = { 0 }, b = { 0 };
  double noop_ms[NOOP_RUNS];
  guint64 send_requests[2];
  double first_s, join_s;
  guint64 noop_requests_max = 0;
  double seconds;
  gint64 start;
  gint64 observations;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  server = tandem_test_dav_server_start (TANDEM_TEST_DAV_APACHE, &skip_reason);
  if (server == NULL)
    {
      g_print ("sync: skipped: %s\n", skip_reason);
      return 77;
    }

  dir = tandem_test_make_dir ();
  path_a = g_build_filename (dir, "a.db", NULL);
  path_b = g_build_filename (dir, "b.db", NULL);

  /* The generated setting, text only, on the first laptop. */
  {
    g_autoptr(TandemStore) store = tandem_store_open (path_a, &error);

    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    if (!tandem_generate_fill (store, (guint) n_children, (guint) years, 1, &error))
      g_error ("%s", error->message);
    observations = tandem_store_count (store, TANDEM_TYPE_OBSERVATION, NULL, NULL, &error);
    g_assert_no_error (error);
    g_print ("sync generate: seconds=%.2f children=%d years=%d observations=%" G_GINT64_FORMAT
             "\n", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, n_children,
             years, observations);
  }

  laptop_open (&a, path_a, tandem_test_dav_server_get_url (server));
  laptop_open (&b, path_b, tandem_test_dav_server_get_url (server));
  tandem_sync_session_set_device_name (a.session, "bench-a");
  tandem_sync_session_set_device_name (b.session, "bench-b");

  /* First sync: creating the space (one Argon2id) and sending everything. */
  start = g_get_monotonic_time ();
  if (!tandem_sync_session_create (a.session, PASSPHRASE, TANDEM_SYNC_KDF_MODERATE, NULL,
                                   &error))
    g_error ("create: %s", error->message);
  report = timed_run (&a, &seconds);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  first_s = seconds;
  print_report ("first", seconds, report);
  g_clear_pointer (&report, tandem_sync_report_free);

  /* Join: unlocking (one Argon2id) and receiving everything. */
  start = g_get_monotonic_time ();
  if (!tandem_sync_session_unlock (b.session, PASSPHRASE, NULL, &error))
    g_error ("unlock: %s", error->message);
  report = timed_run (&b, &seconds);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  join_s = seconds;
  print_report ("join", seconds, report);
  ok &= report->joined;
  g_clear_pointer (&report, tandem_sync_report_free);

  dump_a = tandem_sync_store_dump (a.store, &error);
  g_assert_no_error (error);
  dump_b = tandem_sync_store_dump (b.store, &error);
  g_assert_no_error (error);
  g_print ("sync join identical: %s (%zu bytes dumped)\n",
           g_str_equal (dump_a, dump_b) ? "yes" : "NO", strlen (dump_a));
  ok &= g_str_equal (dump_a, dump_b);

  /* Each laptop once more, so that each has seen the other's head. */
  g_clear_pointer (&report, tandem_sync_report_free);
  report = timed_run (&a, &seconds);
  print_report ("settle-a", seconds, report);
  g_clear_pointer (&report, tandem_sync_report_free);
  report = timed_run (&b, &seconds);
  print_report ("settle-b", seconds, report);
  g_clear_pointer (&report, tandem_sync_report_free);

  /* Nothing new, with the key already unlocked as the app keeps it. */
  for (guint i = 0; i < NOOP_RUNS; i++)
    {
      report = timed_run (&a, &seconds);
      noop_ms[i] = seconds * 1000;
      noop_requests_max = MAX (noop_requests_max, report->requests);
      g_clear_pointer (&report, tandem_sync_report_free);
    }
  qsort (noop_ms, NOOP_RUNS, sizeof noop_ms[0], compare_doubles);
  g_print ("sync nothing-new: ms_median=%.1f ms_min=%.1f ms_max=%.1f requests_max=%"
           G_GUINT64_FORMAT " runs=%d\n", noop_ms[NOOP_RUNS / 2], noop_ms[0],
           noop_ms[NOOP_RUNS - 1], noop_requests_max, NOOP_RUNS);

  /* One edit sent: the first batch this laptop ever sends, then another,
   * as on any later day. */
  for (guint i = 0; i < 2; i++)
    {
      const char *what = i == 0 ? "one-edit-send-first" : "one-edit-send";

      g_free (edited_id);
      edited_id = edit_one_observation (a.store);
      report = timed_run (&a, &seconds);
      print_report (what, seconds, report);
      send_requests[i] = report->requests;
      ok &= report->changes_sent >= 1;
      g_clear_pointer (&report, tandem_sync_report_free);

      /* ... and received. */
      report = timed_run (&b, &seconds);
      print_report (i == 0 ? "one-edit-receive-first" : "one-edit-receive", seconds, report);
      ok &= report->changes_received >= 1;
      g_clear_pointer (&report, tandem_sync_report_free);
    }

  received = tandem_store_load (b.store, TANDEM_TYPE_OBSERVATION, edited_id, &error);
  g_assert_no_error (error);
  ok &= g_str_has_suffix (tandem_record_get_text (received, "text"),
                          " She went back to it after lunch. She went back to it after lunch.");

  g_print ("sync target first < 20 s: %s\n", first_s < 20 ? "met" : "NOT met");
  g_print ("sync target join < 20 s: %s\n", join_s < 20 ? "met" : "NOT met");
  g_print ("sync target nothing-new 1 request < 50 ms: %s\n",
           noop_requests_max == 1 && noop_ms[NOOP_RUNS / 2] < 50 ? "met" : "NOT met");
  g_print ("sync target one edit <= 4 requests: first batch %s (%" G_GUINT64_FORMAT
           "), later %s (%" G_GUINT64_FORMAT ")\n",
           send_requests[0] <= 4 ? "met" : "NOT met", send_requests[0],
           send_requests[1] <= 4 ? "met" : "NOT met", send_requests[1]);
  g_print ("sync contents identical after join and edits: %s\n", ok ? "yes" : "NO");

  laptop_close (&a);
  laptop_close (&b);
  tandem_test_dav_server_stop (server);
  tandem_test_remove_tree (dir);
  return ok ? 0 : 1;
}
