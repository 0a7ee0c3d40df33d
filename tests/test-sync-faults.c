/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tandem-blob-store.h"
#include "tandem-records.h"
#include "tandem-sync-store.h"
#include "tandem-sync.h"
#include "tandem-test-util.h"
#include "webdav-servers.h"

/*
 * The sync engine against a real Apache behind tests/webdav-fault-proxy.py,
 * which injects the faults real servers give now and then: throttling, a
 * full disk, dropped and cut connections, half-stored uploads, a wrong
 * clock, hostile answers. Each test uses a space of its own on the shared
 * servers, injects a fault, syncs, lifts the fault and checks that the
 * laptops converge with nothing lost or duplicated.
 */

#define PASSPHRASE "correct horse battery staple"
/* Retries are quick here; Retry-After (1 s in these tests) is honoured
 * within the budget. */
#define RETRY_BUDGET_MS 5000
#define BACKOFF_MS 10
#define N_DEVICES 3

static TandemTestDavServer *apache;
static TandemTestDavServer *proxy;
static TandemTestDavServer *nginx;
static char *skip_reason;
static char *nginx_skip_reason;
static guint space_counter;

typedef struct {
  char              *path;
  TandemStore       *store;
  TandemWebdav      *dav;
  TandemSyncSession *session;
} Device;

typedef struct {
  char   *dir;
  char   *space;  /* folder of this test's space, relative to the servers' /dav/ */
  char   *root;   /* that folder on disk, as Apache stores it */
  Device  dev[N_DEVICES];
  gboolean skipped;
} Fixture;

/* Talking to the proxy's control endpoint. */

static guint16
url_port (const char *url)
{
  const char *colon = strrchr (strstr (url, "//") + 2, ':');

  g_assert_nonnull (colon);
  return (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
}

/* One HTTP/1.0 exchange with the proxy's control endpoint; returns the body
 * of a 2xx answer. */
static char *
proxy_call (const char *method,
            const char *path,
            const char *body)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  g_autofree char *request = NULL;
  const char *text;
  const char *end;
  guint8 buffer[4096];
  gssize n;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1",
                                          url_port (tandem_test_dav_server_get_url (proxy)),
                                          NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf ("%s %s HTTP/1.0\r\nContent-Length: %zu\r\n\r\n%s",
                             method, path, body != NULL ? strlen (body) : 0,
                             body != NULL ? body : "");
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (reply, buffer, (guint) n);
  g_assert_no_error (error);
  g_byte_array_append (reply, (const guint8 *) "", 1);
  text = (const char *) reply->data;
  g_assert_true (g_str_has_prefix (text, "HTTP/1.1 2") || g_str_has_prefix (text, "HTTP/1.0 2"));
  end = strstr (text, "\r\n\r\n");
  g_assert_nonnull (end);
  return g_strdup (end + 4);
}

/* The proxy's log lines before this one are not counted by count_log(). */
static guint log_mark;

static char **
read_log (void)
{
  g_autofree char *log = proxy_call ("GET", "/__log", NULL);

  return g_strsplit (log, "\n", -1);
}

static void
mark_log (void)
{
  g_auto(GStrv) lines = read_log ();

  log_mark = g_strv_length (lines) - 1;
}

/* Sets the faults, and starts counting requests from here. */
static void
set_rules (const char *json)
{
  g_free (proxy_call ("POST", "/__rules", json));
  mark_log ();
}

/* Lifts the faults; requests are still counted from set_rules(). */
static void
clear_rules (void)
{
  g_free (proxy_call ("POST", "/__rules", "[]"));
}

/* Proxied requests since the mark with this method, a path containing
 * @path_part and this status ("-" for none); %NULL matches any. */
static guint
count_log (const char *method,
           const char *path_part,
           const char *status)
{
  g_auto(GStrv) lines = read_log ();
  guint count = 0;

  for (guint i = MIN (log_mark, g_strv_length (lines)); lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 3);

      if (g_strv_length (fields) != 3)
        continue;
      if (method != NULL && !g_str_equal (fields[0], method))
        continue;
      if (path_part != NULL && strstr (fields[1], path_part) == NULL)
        continue;
      if (status != NULL && !g_str_equal (fields[2], status))
        continue;
      count++;
    }
  return count;
}

/* Files on the server, as Apache stores them. */

static char *
server_path (Fixture    *f,
             const char *relative)
{
  return g_build_filename (f->root, relative, NULL);
}

static GBytes *
server_read (Fixture    *f,
             const char *relative)
{
  g_autofree char *path = server_path (f, relative);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* In place, keeping the owner: Apache runs as nobody. */
static void
server_write (Fixture    *f,
              const char *relative,
              GBytes     *data)
{
  g_autofree char *path = server_path (f, relative);
  gsize size;
  const char *bytes = g_bytes_get_data (data, &size);
  int fd = open (path, O_WRONLY | O_TRUNC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, bytes, size), ==, (gssize) size);
  close (fd);
}

/* "log/<device>/<seq>.bin" of a device. */
static char *
batch_path (Device *d,
            guint64 seq)
{
  return g_strdup_printf ("log/%s/%012" G_GUINT64_FORMAT ".bin",
                          tandem_store_get_device_id (d->store), seq);
}

/* The names of @d's heads on the server, sorted and joined. */
static char *
heads_of (Fixture *f,
          Device  *d)
{
  g_autofree char *path = server_path (f, "heads");
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, tandem_store_get_device_id (d->store)))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Devices. */

static TandemWebdav *
make_dav (const char *url,
          const char *ca_file)
{
  g_autoptr(GError) error = NULL;
  TandemWebdav *dav = tandem_webdav_new (url, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD,
                                         ca_file, &error);

  g_assert_no_error (error);
  tandem_webdav_set_retry_policy (dav, RETRY_BUDGET_MS, BACKOFF_MS);
  return dav;
}

static void
device_open (Fixture    *f,
             Device     *d,
             const char *name,
             const char *url,
             const char *ca_file)
{
  g_autofree char *file = g_strconcat (name, ".db", NULL);

  d->path = g_build_filename (f->dir, file, NULL);
  d->store = tandem_test_open_store (d->path);
  d->dav = make_dav (url, ca_file);
  d->session = tandem_sync_session_new (d->store, d->dav);
  tandem_sync_session_set_device_name (d->session, name);
}

static void
device_close (Device *d)
{
  g_clear_object (&d->session);
  g_clear_object (&d->dav);
  g_clear_object (&d->store);
  g_clear_pointer (&d->path, g_free);
}

/* Makes a space folder at @base_url (no faults yet) and the three devices in
 * it: the first creates it (and sends its snapshot), the others join. The
 * tests start from there, so that what they change travels in batches. */
static void
fixture_start (Fixture    *f,
               const char *base_url,
               const char *ca_file)
{
  static const char *const names[N_DEVICES] = { "alpha", "beta", "gamma" };
  g_autoptr(TandemWebdav) dav = make_dav (base_url, ca_file);
  g_autofree char *url = g_strconcat (base_url, f->space, "/", NULL);
  g_autoptr(GError) error = NULL;

  tandem_webdav_mkcol (dav, f->space, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_DEVICES; i++)
    device_open (f, &f->dev[i], names[i], url, ca_file);
  tandem_sync_session_create (f->dev[0].session, PASSPHRASE, TANDEM_SYNC_KDF_MIN, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < N_DEVICES; i++)
    {
      tandem_sync_session_unlock (f->dev[i].session, PASSPHRASE, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_DEVICES; i++)
    {
      TandemSyncReport *report = tandem_sync_report_new ();

      tandem_sync_session_run (f->dev[i].session, report, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->problems->len, ==, 0);
      tandem_sync_report_free (report);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (apache == NULL || proxy == NULL)
    {
      g_test_skip (skip_reason);
      f->skipped = TRUE;
      return;
    }
  clear_rules ();
  f->dir = tandem_test_make_dir ();
  f->space = g_strdup_printf ("space%u", ++space_counter);
  f->root = g_build_filename (tandem_test_dav_server_get_root (apache), f->space, NULL);
  fixture_start (f, tandem_test_dav_server_get_url (proxy), NULL);
  mark_log ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->skipped)
    return;
  clear_rules ();
  for (guint i = 0; i < N_DEVICES; i++)
    device_close (&f->dev[i]);
  tandem_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->space);
  g_free (f->root);
}

/* Editing. */

static char *
add_child (Device     *d,
           const char *given_name)
{
  g_autoptr(TandemChild) child = tandem_child_new (given_name, "Okafor", "2022-03-14");
  g_autoptr(GError) error = NULL;

  tandem_store_save (d->store, TANDEM_RECORD (child), &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (child)));
}

static char *
add_observation (Device     *d,
                 const char *text)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-03-01", text);
  g_autoptr(GError) error = NULL;

  tandem_store_save (d->store, TANDEM_RECORD (observation), &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

static void
edit_observation (Device     *d,
                  const char *id,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) record = tandem_store_load (d->store, TANDEM_TYPE_OBSERVATION, id, &error);

  g_assert_no_error (error);
  tandem_record_set_text (record, "text", text);
  tandem_store_save (d->store, record, &error);
  g_assert_no_error (error);
}

static gint64
count_children (Device *d)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tandem_store_count (d->store, TANDEM_TYPE_CHILD, NULL, NULL, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count_observations (Device *d)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tandem_store_count (d->store, TANDEM_TYPE_OBSERVATION, NULL, NULL, &error);

  g_assert_no_error (error);
  return n;
}

static gboolean
has_child_named (Device     *d,
                 const char *given_name)
{
  g_autoptr(GError) error = NULL;
  const char *params[] = { given_name, NULL };
  gint64 n = tandem_store_count (d->store, TANDEM_TYPE_CHILD, "given_name = ?", params, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, <=, 1);
  return n == 1;
}

static char *
dump_store (TandemStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = tandem_sync_store_dump (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static char *
dump (Device *d)
{
  return dump_store (d->store);
}

/* Syncing. */

static void
report_problems (TandemSyncReport *report)
{
  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (report->problems, i));
}

/* A sync that must succeed. */
static TandemSyncReport *
sync_run (Device *d)
{
  TandemSyncReport *report = tandem_sync_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = tandem_sync_session_run (d->session, report, NULL, &error);

  report_problems (report);
  g_assert_no_error (error);
  g_assert_true (ok);
  return report;
}

/* A sync that must succeed without problems. */
static TandemSyncReport *
sync_ok (Device *d)
{
  TandemSyncReport *report = sync_run (d);

  g_assert_cmpuint (report->problems->len, ==, 0);
  return report;
}

static void
sync_fails (Device  *d,
            GQuark   domain,
            int      code)
{
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = tandem_sync_session_run (d->session, report, NULL, &error);

  report_problems (report);
  g_assert_error (error, domain, code);
  g_assert_false (ok);
  g_test_message ("failed as expected: %s", error->message);
}

/* Two rounds bring every change everywhere; then every laptop holds the same
 * records, @n_children and @n_observations of them, and @n_conflicts to
 * review. */
static void
assert_converged_with (Fixture *f,
                       gint64   n_children,
                       gint64   n_observations,
                       gint64   n_conflicts)
{
  g_autofree char *first = NULL;

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_DEVICES; i++)
      tandem_sync_report_free (sync_ok (&f->dev[i]));

  first = dump (&f->dev[0]);
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_autofree char *other = dump (&f->dev[i]);

      g_assert_cmpstr (other, ==, first);
      g_assert_cmpint (count_children (&f->dev[i]), ==, n_children);
      g_assert_cmpint (count_observations (&f->dev[i]), ==, n_observations);
      g_assert_cmpint (tandem_sync_store_count_conflicts (f->dev[i].store), ==, n_conflicts);
    }
}

static void
assert_converged (Fixture *f,
                  gint64   n_children,
                  gint64   n_observations)
{
  assert_converged_with (f, n_children, n_observations, 0);
}

/* No fault: everything passes through the proxy faithfully (methods,
 * authentication, bodies, statuses). */
static void
test_through_proxy (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TandemSyncReport) report = NULL;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[1], "Built a tower of ten bricks."));
  report = sync_ok (&f->dev[0]);
  g_assert_cmpuint (report->changes_sent, >, 0);
  assert_converged (f, 1, 1);

  g_assert_cmpuint (count_log ("PROPFIND", "/heads/", "207"), >, 0);
  g_assert_cmpuint (count_log ("PUT", "/log/", "201"), >=, 2);
  g_assert_cmpuint (count_log ("GET", "/log/", "200"), >=, 2);
  g_assert_cmpuint (count_log (NULL, NULL, "401"), ==, 0);
}

/* 500, 503 and 429 with Retry-After, and 423: retried, and the sync
 * succeeds. */
typedef struct {
  const char *code;
  int retry_after;  /* -1: none */
  guint times;      /* per rule; more than three would exhaust the retries */
} RetryCase;

static const RetryCase retry_500 = { "500", -1, 2 };
static const RetryCase retry_503 = { "503", 1, 1 };
static const RetryCase retry_429 = { "429", 1, 1 };
static const RetryCase retry_423 = { "423", -1, 2 };

static void
test_retried (Fixture       *f,
              gconstpointer  data)
{
  const RetryCase *c = data;
  g_autofree char *extra = NULL;
  g_autofree char *rules = NULL;
  gint64 start;
  guint expected = 3 * c->times;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[0], "Painted with both hands."));
  g_free (add_child (&f->dev[2], "Bilal"));
  tandem_sync_report_free (sync_ok (&f->dev[2]));

  extra = c->retry_after >= 0 ? g_strdup_printf (", \"retry_after\": %d", c->retry_after)
                              : g_strdup ("");
  /* The listing, the upload and, for the second laptop, the download. */
  rules = g_strdup_printf (
    "[{\"method\": \"PROPFIND\", \"path_regex\": \"/heads/$\", \"action\": \"status\", \"code\": %1$s, \"count\": %2$u%3$s},"
    " {\"method\": \"PUT\", \"path_regex\": \"/log/\", \"action\": \"status\", \"code\": %1$s, \"count\": %2$u%3$s},"
    " {\"method\": \"GET\", \"path_regex\": \"/log/\", \"action\": \"status\", \"code\": %1$s, \"count\": %2$u%3$s}]",
    c->code, c->times, extra);
  set_rules (rules);

  start = g_get_monotonic_time ();
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  /* Every fault was met, and Retry-After was waited for. */
  g_assert_cmpuint (count_log (NULL, NULL, c->code), ==, expected);
  if (c->retry_after > 0)
    g_assert_cmpint (g_get_monotonic_time () - start, >=,
                     (gint64) expected * c->retry_after * G_USEC_PER_SEC - 100000);
  g_assert_true (has_child_named (&f->dev[1], "Amara"));
  g_assert_true (has_child_named (&f->dev[1], "Bilal"));

  clear_rules ();
  assert_converged (f, 2, 1);
}

/* 507: not retried; the sync fails saying the server is full, nothing of the
 * batch counts as sent, and once there is room again it all arrives. */
static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autoptr(TandemSyncReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_heads = NULL;
  g_autofree char *after_heads = NULL;

  if (f->skipped)
    return;
  before_heads = heads_of (f, &f->dev[0]);
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[0], "Sang the counting song."));
  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"\", \"action\": \"status\", \"code\": 507, \"count\": -1}]");

  g_assert_false (tandem_sync_session_run (f->dev[0].session, report, NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE);
  g_assert_nonnull (strstr (error->message, "full"));
  /* One PUT, not retried. */
  g_assert_cmpuint (count_log ("PUT", NULL, "507"), ==, 1);
  g_assert_cmpuint (report->batches_sent, ==, 0);
  after_heads = heads_of (f, &f->dev[0]);
  g_assert_cmpstr (after_heads, ==, before_heads);

  /* The others see nothing of it yet, and a second try is refused alike. */
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  g_assert_cmpint (count_children (&f->dev[1]), ==, 0);
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE);

  clear_rules ();
  again = sync_ok (&f->dev[0]);
  g_assert_cmpuint (again->batches_sent, >=, 1);
  g_assert_cmpuint (again->changes_sent, >, 0);
  assert_converged (f, 1, 1);
}

/* The connection drops on every upload of a batch: the sync fails as a
 * network problem, and the next one succeeds. */
static void
test_drop_put (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before_heads = NULL;
  g_autofree char *after_heads = NULL;

  if (f->skipped)
    return;
  before_heads = heads_of (f, &f->dev[0]);
  g_free (add_child (&f->dev[0], "Amara"));
  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"/log/\", \"action\": \"drop\", \"count\": -1}]");
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_cmpuint (count_log ("PUT", "/log/", "-"), >=, 2);
  after_heads = heads_of (f, &f->dev[0]);
  g_assert_cmpstr (after_heads, ==, before_heads);

  /* A single drop is retried within the same sync. */
  g_free (add_child (&f->dev[0], "Bilal"));
  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"/log/\", \"action\": \"drop\", \"count\": 1}]");
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  clear_rules ();
  assert_converged (f, 2, 0);
}

/* The server stores the batch but the answer is lost: the next sync sends
 * the very same bytes again (from the outbox, not sealed anew with what
 * changed meanwhile), and nothing arrives twice. */
static void
test_drop_after_forward (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *first = batch_path (&f->dev[0], 1);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GError) error = NULL;
  guint puts;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[0], "Poured water between jugs."));
  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"/log/\", \"action\": \"drop-after-forward\", \"count\": -1}]");
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  puts = count_log ("PUT", first, NULL);
  g_assert_cmpuint (puts, >=, 1);

  /* The server has the file; this laptop still holds it to send. */
  stored = server_read (f, first);
  g_assert_cmpuint (g_bytes_get_size (stored), >, 0);
  outbox = tandem_sync_store_outbox_list (f->dev[0].store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, >=, 1);
  /* The other laptops do not see it before its head is there. */
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  g_assert_cmpint (count_children (&f->dev[1]), ==, 0);

  /* More work before the retry. */
  g_free (add_child (&f->dev[0], "Bilal"));
  clear_rules ();
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  g_assert_cmpuint (count_log ("PUT", first, NULL), >, puts);
  after = server_read (f, first);
  g_assert_true (g_bytes_equal (after, stored));
  /* Everything in the outbox is now sent (it stays there, sent, to answer
   * a repair request). */
  g_clear_pointer (&outbox, g_ptr_array_unref);
  outbox = tandem_sync_store_outbox_list (f->dev[0].store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, >=, 1);
  {
    g_autofree char *sent = tandem_sync_store_get_meta (f->dev[0].store, "sync_sent_upto");

    g_assert_nonnull (sent);
    g_assert_cmpuint (g_ascii_strtoull (sent, NULL, 10), ==,
                      *(guint64 *) g_ptr_array_index (outbox, outbox->len - 1));
  }

  assert_converged (f, 2, 1);
}

/* The server stores the new head but the answer is lost: the others already
 * see the batch; the next sync finishes the job and leaves one head. */
static void
test_head_after_forward (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *heads = NULL;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"/heads/\", \"action\": \"drop-after-forward\", \"count\": -1}]");
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  g_assert_true (has_child_named (&f->dev[1], "Amara"));

  clear_rules ();
  g_free (add_child (&f->dev[0], "Bilal"));
  assert_converged (f, 2, 0);
  heads = heads_of (f, &f->dev[0]);
  g_assert_null (strchr (heads, ' '));
}

/* The old head is deleted but the answer is lost, every time: the sync
 * fails, and the next one does not trip over the head that is gone. */
static void
test_delete_after_forward (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *heads = NULL;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  set_rules ("[{\"method\": \"DELETE\", \"path_regex\": \"/heads/\", \"action\": \"drop-after-forward\", \"count\": -1}]");
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_cmpuint (count_log ("DELETE", "/heads/", "-"), >=, 2);
  clear_rules ();
  g_free (add_child (&f->dev[0], "Bilal"));
  assert_converged (f, 2, 0);
  heads = heads_of (f, &f->dev[0]);
  g_assert_null (strchr (heads, ' '));
}

/* Both laptops edit the same text; one upload is stored but its answer
 * lost, so it goes again: the conflict is kept once on every laptop, not
 * twice, and neither text is lost. */
static void
test_conflict_after_forward (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  if (f->skipped)
    return;
  id = add_observation (&f->dev[0], "Stacked cups.");
  assert_converged (f, 0, 1);
  edit_observation (&f->dev[0], id, "Stacked five cups, smallest on top.");
  edit_observation (&f->dev[1], id, "Stacked cups and knocked them down, laughing.");

  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"/log/\", \"action\": \"drop-after-forward\", \"count\": -1}]");
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  clear_rules ();
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  assert_converged_with (f, 0, 1, 1);
  assert_converged_with (f, 0, 1, 1);

  conflicts = tandem_sync_store_list_conflicts (f->dev[2].store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  {
    TandemSyncConflict *conflict = g_ptr_array_index (conflicts, 0);
    g_autoptr(TandemRecord) record = tandem_store_load (f->dev[2].store, TANDEM_TYPE_OBSERVATION,
                                                        id, &error);
    g_autofree char *both = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (conflict->row_id, ==, id);
    both = g_strconcat (conflict->other_value, "|", tandem_record_get_text (record, "text"), NULL);
    g_assert_true (g_str_equal (both, "Stacked five cups, smallest on top.|"
                                      "Stacked cups and knocked them down, laughing.")
                   || g_str_equal (both, "Stacked cups and knocked them down, laughing.|"
                                         "Stacked five cups, smallest on top."));
  }
}

/* Half of a batch reaches the server, then the connection drops: the server
 * holds a cut file until the next sync replaces it with the whole one. */
static void
test_truncate_put (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *first = batch_path (&f->dev[0], 1);
  g_autoptr(GBytes) half = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  if (f->skipped)
    return;
  /* Big enough to span more than one sealed chunk. */
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (long_text, "Observation %u: counted the beads again. ", i);
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[0], long_text->str));
  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"/log/\", \"action\": \"truncate-put\", \"count\": -1}]");
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  half = server_read (f, first);
  g_assert_cmpuint (g_bytes_get_size (half), >, 0);

  tandem_sync_report_free (sync_ok (&f->dev[1]));
  g_assert_cmpint (count_children (&f->dev[1]), ==, 0);

  clear_rules ();
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  whole = server_read (f, first);
  g_assert_cmpuint (g_bytes_get_size (whole), ==, 2 * g_bytes_get_size (half)
                    + g_bytes_get_size (whole) % 2);
  assert_converged (f, 1, 1);
}

/* Downloads cut short. A server that serves half a file ("short-get")
 * passes HTTP but not authentication: the batch is reported, the other
 * laptop's changes still arrive. A connection cut in the middle of the body
 * every time ("truncate-get", through the client's retries) either fails
 * the sync as a network problem (what the engine does now) or is reported
 * like the short file. Either way nothing of the cut batch is applied, and
 * the next sync gets it all. */
static void
test_truncate_get (Fixture       *f,
                   gconstpointer  data)
{
  const char *action = data;
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = NULL;
  gboolean ok;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[0], "Threaded pasta onto string."));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  g_free (add_child (&f->dev[2], "Bilal"));
  tandem_sync_report_free (sync_ok (&f->dev[2]));

  rules = g_strdup_printf ("[{\"method\": \"GET\", \"path_regex\": \"/log/%s/\","
                           " \"action\": \"%s\", \"count\": -1}]",
                           tandem_store_get_device_id (f->dev[0].store), action);
  set_rules (rules);
  ok = tandem_sync_session_run (f->dev[1].session, report, NULL, &error);
  report_problems (report);
  if (g_str_equal (action, "short-get"))
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpuint (report->problems->len, ==, 1);
      g_assert_true (has_child_named (&f->dev[1], "Bilal"));
    }
  else if (ok)
    {
      g_assert_cmpuint (report->problems->len, ==, 1);
      g_assert_true (has_child_named (&f->dev[1], "Bilal"));
    }
  else
    g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_cmpuint (count_log ("GET", tandem_store_get_device_id (f->dev[0].store), NULL), >=, 1);
  /* Nothing of the cut batch. */
  g_assert_false (has_child_named (&f->dev[1], "Amara"));
  g_assert_cmpint (count_observations (&f->dev[1]), ==, 0);

  clear_rules ();
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  g_assert_true (has_child_named (&f->dev[1], "Amara"));
  assert_converged (f, 2, 1);
}

/* Faults that must make no difference at all. */
static void
test_harmless (Fixture       *f,
               gconstpointer  data)
{
  const char *rule = data;
  g_autofree char *rules = g_strdup_printf ("[%s]", rule);

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[1], "Jumped with both feet."));
  set_rules (rules);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_DEVICES; i++)
      {
        g_autoptr(TandemSyncReport) report = sync_ok (&f->dev[i]);

        g_assert_cmpuint (report->quarantined, ==, 0);
      }
  g_assert_cmpuint (count_log (NULL, NULL, NULL), >, 0);
  clear_rules ();
  assert_converged (f, 1, 1);
}

/* A laptop whose clock runs three days ahead: what it wrote since is held
 * back on the others, and reported, not applied; what it wrote before is. */
static void
test_future_clock (Fixture       *f,
                   gconstpointer  data)
{
  TandemHlc ahead = { tandem_hlc_now_ms () + 3 * 24 * 3600 * 1000, 0 };
  g_autoptr(TandemSyncReport) first = NULL;
  g_autoptr(TandemSyncReport) second = NULL;
  g_autoptr(TandemSyncReport) third = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  TandemSyncApplyCounts counts = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 held;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[2], "Early"));
  tandem_sync_report_free (sync_ok (&f->dev[2]));
  _tandem_store_observe_clock (f->dev[2].store, &ahead);
  g_free (add_child (&f->dev[2], "Future"));
  tandem_sync_report_free (sync_ok (&f->dev[2]));

  first = sync_run (&f->dev[0]);
  g_assert_cmpuint (first->quarantined, >, 0);
  g_assert_true (has_child_named (&f->dev[0], "Early"));
  g_assert_false (has_child_named (&f->dev[0], "Future"));
  held = tandem_test_query_int (f->dev[0].store, "SELECT count(*) FROM sync_quarantine");
  g_assert_cmpint (held, ==, first->quarantined);

  /* Not yet: still held, and not held twice. */
  tandem_sync_store_release_quarantine (f->dev[0].store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.applied, ==, 0);
  second = sync_run (&f->dev[0]);
  g_assert_cmpuint (second->quarantined, ==, 0);
  g_assert_cmpint (tandem_test_query_int (f->dev[0].store, "SELECT count(*) FROM sync_quarantine"),
                   ==, held);
  g_assert_false (has_child_named (&f->dev[0], "Future"));

  /* The laptops with right clocks agree with each other. */
  tandem_sync_report_free (sync_run (&f->dev[1]));
  tandem_sync_report_free (sync_run (&f->dev[0]));
  g_assert_false (has_child_named (&f->dev[1], "Future"));
  dump_a = dump (&f->dev[0]);
  dump_b = dump (&f->dev[1]);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpint (count_children (&f->dev[2]), ==, 2);

  /* The clock ahead is not caught: what the others write afterwards is not
   * held back anywhere. */
  g_free (add_child (&f->dev[0], "Later"));
  tandem_sync_report_free (sync_run (&f->dev[0]));
  third = sync_run (&f->dev[1]);
  g_assert_cmpuint (third->quarantined, ==, 0);
  g_assert_true (has_child_named (&f->dev[1], "Later"));
  tandem_sync_report_free (sync_run (&f->dev[2]));
  g_assert_true (has_child_named (&f->dev[2], "Later"));
}

/* A storm: for several rounds the three laptops edit (new children, new
 * observations, each other's children's family names, deletions of their
 * own) and sync in a random order while the proxy randomly drops, cuts,
 * half-stores and refuses requests. Each sync either succeeds or fails with
 * a WebDAV error; afterwards they converge and every record made is there
 * exactly once, or deleted. */
static void
test_storm (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();
  g_autoptr(GHashTable) deleted = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *rules = NULL;
  guint32 seed = (guint32) g_test_rand_int ();
  guint n_observations = 0;
  guint failures = 0;
  guint successes = 0;

  if (f->skipped)
    return;
  rules = g_strdup_printf (
    "[{\"method\": \"PUT\", \"action\": \"drop-after-forward\", \"probability\": 0.1, \"seed\": %1$u, \"count\": -1},"
    " {\"method\": \"PUT\", \"action\": \"truncate-put\", \"probability\": 0.1, \"seed\": %2$u, \"count\": -1},"
    " {\"method\": \"PUT\", \"action\": \"status\", \"code\": 507, \"probability\": 0.05, \"seed\": %3$u, \"count\": -1},"
    " {\"method\": \"GET\", \"action\": \"short-get\", \"probability\": 0.1, \"seed\": %4$u, \"count\": -1},"
    " {\"method\": \"GET\", \"action\": \"truncate-get\", \"probability\": 0.1, \"seed\": %5$u, \"count\": -1},"
    " {\"method\": \"*\", \"action\": \"drop\", \"probability\": 0.1, \"seed\": %6$u, \"count\": -1},"
    " {\"method\": \"*\", \"action\": \"status\", \"code\": 503, \"retry_after\": 0, \"probability\": 0.1, \"seed\": %7$u, \"count\": -1},"
    " {\"method\": \"*\", \"action\": \"status\", \"code\": 500, \"probability\": 0.1, \"seed\": %8$u, \"count\": -1}]",
    seed, seed + 1, seed + 2, seed + 3, seed + 4, seed + 5, seed + 6, seed + 7);
  set_rules (rules);

  for (guint round = 0; round < 8; round++)
    {
      guint order = (guint) g_test_rand_int_range (0, 6);
      static const guint orders[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
                                          { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };

      for (guint k = 0; k < N_DEVICES; k++)
        {
          guint i = orders[order][k];
          Device *d = &f->dev[i];
          g_autofree char *name = g_strdup_printf ("Child%u-%u", i, round);
          g_autofree char *text = g_strdup_printf ("Round %u on laptop %u.", round, i);
          g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
          g_autoptr(GError) error = NULL;

          g_ptr_array_add (ids, add_child (d, name));
          g_ptr_array_add (owners, d);
          g_free (add_observation (d, text));
          n_observations++;

          /* Another's child, if this laptop has it yet: a plain text field,
           * so the later edit wins without a conflict. */
          {
            guint pick = (guint) g_test_rand_int_range (0, (gint32) ids->len);
            g_autoptr(TandemRecord) child = tandem_store_load (d->store, TANDEM_TYPE_CHILD,
                                                               g_ptr_array_index (ids, pick),
                                                               NULL);

            if (child != NULL && !g_hash_table_contains (deleted, GUINT_TO_POINTER (pick + 1)))
              {
                g_autofree char *family = g_strdup_printf ("Family%u-%u", i, round);

                tandem_record_set_text (child, "family_name", family);
                tandem_store_save (d->store, child, &error);
                g_assert_no_error (error);
              }
          }
          /* Now and then one of its own goes. */
          if (round % 3 == 2)
            {
              for (guint j = 0; j < ids->len; j++)
                if (g_ptr_array_index (owners, j) == d
                    && !g_hash_table_contains (deleted, GUINT_TO_POINTER (j + 1)))
                  {
                    g_autoptr(TandemRecord) child = tandem_store_load (d->store, TANDEM_TYPE_CHILD,
                                                                       g_ptr_array_index (ids, j),
                                                                       &error);

                    g_assert_no_error (error);
                    tandem_store_delete (d->store, child, &error);
                    g_assert_no_error (error);
                    g_hash_table_add (deleted, GUINT_TO_POINTER (j + 1));
                    break;
                  }
            }

          if (tandem_sync_session_run (d->session, report, NULL, &error))
            successes++;
          else
            {
              g_assert_true (error->domain == TANDEM_WEBDAV_ERROR);
              g_assert_true (error->code == TANDEM_WEBDAV_ERROR_NETWORK
                             || error->code == TANDEM_WEBDAV_ERROR_SERVER
                             || error->code == TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE
                             || error->code == TANDEM_WEBDAV_ERROR_RATE_LIMITED);
              failures++;
            }
        }
    }
  g_test_message ("storm: %u syncs failed, %u succeeded, %u faults injected", failures, successes,
                  count_log (NULL, NULL, NULL) - count_log (NULL, NULL, "200")
                  - count_log (NULL, NULL, "201") - count_log (NULL, NULL, "204")
                  - count_log (NULL, NULL, "207"));
  g_assert_cmpuint (failures + successes, ==, 8 * N_DEVICES);

  clear_rules ();
  assert_converged (f, ids->len - g_hash_table_size (deleted), n_observations);
  for (guint j = 0; j < ids->len; j++)
    for (guint i = 0; i < N_DEVICES; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(TandemRecord) child = tandem_store_load (f->dev[i].store, TANDEM_TYPE_CHILD,
                                                           g_ptr_array_index (ids, j), &error);

        g_assert_no_error (error);
        g_assert_nonnull (child);
      }
}

/* Hostile: a listing of heads/ far larger than any real one is refused, and
 * nothing changes. */
static void
test_huge_listing (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  before = dump (&f->dev[1]);
  set_rules ("[{\"method\": \"PROPFIND\", \"path_regex\": \"/heads/$\", \"action\": \"huge-listing\", \"count\": -1}]");
  sync_fails (&f->dev[1], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  after = dump (&f->dev[1]);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_log ("GET", NULL, NULL), ==, 0);
  clear_rules ();
  assert_converged (f, 1, 0);
}

/* Hostile: head names that would lead outside the space are never followed:
 * either the listing is refused or the names are ignored. */
static void
test_head_outside (Fixture       *f,
                   gconstpointer  data)
{
  const char *name = data;
  g_autofree char *rules = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  before = dump (&f->dev[1]);

  rules = g_strdup_printf ("[{\"method\": \"PROPFIND\", \"path_regex\": \"/heads/$\","
                           " \"action\": \"listing-extra\", \"count\": -1,"
                           " \"hrefs\": [\"/dav/%s/heads/%s\"]}]", f->space, name);
  set_rules (rules);
  ok = tandem_sync_session_run (f->dev[1].session, report, NULL, &error);
  report_problems (report);
  g_test_message ("%s", ok ? "ignored" : error->message);
  if (!ok)
    g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  else
    g_assert_cmpuint (report->changes_received, ==, 0);
  after = dump (&f->dev[1]);
  g_assert_cmpstr (after, ==, before);
  /* Nothing but the listing was asked. */
  g_assert_cmpuint (count_log (NULL, NULL, NULL), ==, 1);
  g_assert_cmpuint (count_log ("PROPFIND", "/heads/", NULL), ==, 1);

  clear_rules ();
  assert_converged (f, 1, 0);
}

/* Hostile: a batch replaced by another of the same laptop's batches, which
 * was sealed for another path, is reported as damaged and not applied. */
static void
test_swapped_batch (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first = batch_path (&f->dev[0], 1);
  g_autofree char *second = batch_path (&f->dev[0], 2);
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autoptr(GError) error = NULL;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  g_assert_true (has_child_named (&f->dev[1], "Amara"));

  g_free (add_child (&f->dev[0], "Bilal"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  one = server_read (f, first);
  two = server_read (f, second);
  server_write (f, second, one);

  g_assert_true (tandem_sync_session_run (f->dev[1].session, report, NULL, &error));
  report_problems (report);
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, >=, 1);
  g_assert_cmpuint (report->changes_received, ==, 0);
  g_assert_false (has_child_named (&f->dev[1], "Bilal"));
  g_assert_cmpint (count_children (&f->dev[1]), ==, 1);

  /* Still refused next time, not skipped over. */
  g_clear_pointer (&report, tandem_sync_report_free);
  report = tandem_sync_report_new ();
  g_assert_true (tandem_sync_session_run (f->dev[1].session, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, >=, 1);

  /* Put right on the server, it arrives. */
  server_write (f, second, two);
  assert_converged (f, 2, 0);
}

/* Photos: a full server refuses the photo, and the records naming it wait
 * with it; a photo served cut short is reported and not kept, and arrives
 * whole next time. */
static void
test_photos (Fixture       *f,
             gconstpointer  data)
{
  static const char jpeg[] = "\xff\xd8\xff\xe0 not really a photo of the sand tray";
  g_autoptr(GBytes) content = g_bytes_new_static (jpeg, sizeof jpeg - 1);
  g_autoptr(TandemPhoto) photo = NULL;
  g_autoptr(TandemSyncReport) report = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;
  g_autofree char *first = batch_path (&f->dev[0], 1);
  g_autofree char *first_path = server_path (f, first);

  if (f->skipped)
    return;
  hash = tandem_blob_store_add (f->dev[0].store, content, "image/jpeg", &error);
  g_assert_no_error (error);
  id = add_observation (&f->dev[0], "Drew lines in the sand tray.");
  photo = tandem_photo_new (hash);
  tandem_record_set_text (TANDEM_RECORD (photo), "observation_id", id);
  tandem_store_save (f->dev[0].store, TANDEM_RECORD (photo), &error);
  g_assert_no_error (error);

  set_rules ("[{\"method\": \"PUT\", \"path_regex\": \"/blobs/\", \"action\": \"status\", \"code\": 507, \"count\": -1}]");
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE);
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));
  tandem_sync_report_free (sync_ok (&f->dev[1]));
  g_assert_cmpint (tandem_test_count (f->dev[1].store, TANDEM_TYPE_PHOTO), ==, 0);

  clear_rules ();
  report = sync_ok (&f->dev[0]);
  g_assert_cmpuint (report->blobs_sent, ==, 1);
  g_clear_pointer (&report, tandem_sync_report_free);

  set_rules ("[{\"method\": \"GET\", \"path_regex\": \"/blobs/\", \"action\": \"short-get\", \"count\": -1}]");
  report = sync_run (&f->dev[1]);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (report->blobs_received, ==, 0);
  g_assert_cmpint (tandem_test_count (f->dev[1].store, TANDEM_TYPE_PHOTO), ==, 1);
  g_assert_false (tandem_blob_store_has (f->dev[1].store, hash));

  clear_rules ();
  assert_converged (f, 0, 1);
  for (guint i = 1; i < N_DEVICES; i++)
    {
      g_clear_pointer (&got, g_bytes_unref);
      got = tandem_blob_store_get (f->dev[i].store, hash, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (got, content));
      g_assert_cmpint (tandem_test_count (f->dev[i].store, TANDEM_TYPE_PHOTO), ==, 1);
    }
}

/* A batch gone from the server is reported and waited for; once it is back
 * it arrives. */
static void
test_missing_batch (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *second = batch_path (&f->dev[0], 2);
  g_autofree char *path = server_path (f, second);
  g_autofree char *aside = g_strconcat (path, ".aside", NULL);
  g_autoptr(TandemSyncReport) report = NULL;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  g_free (add_child (&f->dev[0], "Bilal"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  g_free (add_child (&f->dev[2], "Chidi"));
  tandem_sync_report_free (sync_ok (&f->dev[2]));
  g_assert_cmpint (g_rename (path, aside), ==, 0);

  report = sync_run (&f->dev[1]);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_false (has_child_named (&f->dev[1], "Bilal"));
  g_assert_true (has_child_named (&f->dev[1], "Chidi"));

  g_assert_cmpint (g_rename (aside, path), ==, 0);
  assert_converged (f, 3, 0);
}

/* A batch lost for good, or damaged, on the server: the laptop that cannot
 * read it asks (heads/<writer>.repair), the writer sends the very same bytes
 * again from its outbox on its next sync and removes the request, and the
 * changes arrive. A request the space's key does not open is ignored and
 * removed. */
static void
test_repaired_batch (Fixture       *f,
                     gconstpointer  data)
{
  const char *how = data;
  g_autofree char *second = batch_path (&f->dev[0], 2);
  g_autofree char *path = server_path (f, second);
  g_autofree char *request = g_strdup_printf ("heads/%s.repair",
                                              tandem_store_get_device_id (f->dev[0].store));
  g_autofree char *request_path = server_path (f, request);
  g_autoptr(TandemSyncReport) report = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) again = NULL;
  guint puts;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  g_free (add_child (&f->dev[0], "Bilal"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  original = server_read (f, second);
  if (g_str_equal (how, "lost"))
    g_assert_cmpint (g_unlink (path), ==, 0);
  else
    {
      g_autoptr(GBytes) junk = g_bytes_new_static ("not a batch at all", 18);

      server_write (f, second, junk);
    }

  report = sync_run (&f->dev[1]);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_true (has_child_named (&f->dev[1], "Amara"));
  g_assert_false (has_child_named (&f->dev[1], "Bilal"));
  g_assert_true (g_file_test (request_path, G_FILE_TEST_EXISTS));

  /* The writer answers on its next sync, though it has nothing new. */
  puts = count_log ("PUT", second, NULL);
  g_clear_pointer (&report, tandem_sync_report_free);
  report = sync_ok (&f->dev[0]);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (count_log ("PUT", second, NULL), ==, puts + 1);
  g_assert_false (g_file_test (request_path, G_FILE_TEST_EXISTS));
  again = server_read (f, second);
  g_assert_true (g_bytes_equal (again, original));

  g_clear_pointer (&report, tandem_sync_report_free);
  report = sync_ok (&f->dev[1]);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_true (has_child_named (&f->dev[1], "Bilal"));
  assert_converged (f, 2, 0);

  /* A request that is not from the space changes nothing and goes. */
  {
    g_autoptr(GBytes) junk = g_bytes_new_static ("junk", 4);
    g_autofree char *junk_path = server_path (f, request);
    int fd = open (junk_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (write (fd, "junk", 4), ==, 4);
    close (fd);
    puts = count_log ("PUT", "/log/", NULL);
    g_clear_pointer (&report, tandem_sync_report_free);
    report = sync_ok (&f->dev[0]);
    g_assert_cmpuint (count_log ("PUT", "/log/", NULL), ==, puts);
    g_assert_false (g_file_test (junk_path, G_FILE_TEST_EXISTS));
  }
}

/* A Retry-After of an hour is not waited for: the sync gives up at once
 * with a clear error, and works when the server is back. */
static void
test_retry_after_too_long (Fixture       *f,
                           gconstpointer  data)
{
  gint64 start;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  set_rules ("[{\"method\": \"*\", \"path_regex\": \"\", \"action\": \"status\", \"code\": 429, \"retry_after\": 3600, \"count\": -1}]");
  start = g_get_monotonic_time ();
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_RATE_LIMITED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, RETRY_BUDGET_MS * 1000);
  clear_rules ();
  assert_converged (f, 1, 0);
}

/* Hostile: the server cannot remove a laptop from the space by naming a
 * "removed" head for it: that head is sealed, and only one that opens with
 * the space's key counts. The laptop keeps its settings and syncs on. */
static void
test_fake_removed (Fixture       *f,
                   gconstpointer  data)
{
  const char *kind = data;
  const char *id = tandem_store_get_device_id (f->dev[1].store);
  g_autofree char *name = g_strdup_printf ("heads/%s.removed", id);
  g_autofree char *path = server_path (f, name);
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  tandem_sync_report_free (sync_ok (&f->dev[0]));
  if (g_str_equal (kind, "listed"))
    {
      g_autofree char *rules = g_strdup_printf (
        "[{\"method\": \"PROPFIND\", \"path_regex\": \"/heads/$\", \"action\": \"listing-extra\","
        " \"count\": -1, \"hrefs\": [\"/dav/%s/%s\"]}]", f->space, name);

      set_rules (rules);
    }
  else
    tandem_test_write_file (path, "junk", 4);

  ok = tandem_sync_session_run (f->dev[1].session, report, NULL, &error);
  report_problems (report);
  g_assert_false (g_error_matches (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_REMOVED));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (has_child_named (&f->dev[1], "Amara"));
  g_assert_nonnull (tandem_sync_session_get_key (f->dev[1].session));

  clear_rules ();
  g_unlink (path);
  g_free (add_child (&f->dev[1], "Bilal"));
  assert_converged (f, 2, 0);
}

/* Hostile: a redirect answering an upload is not followed. */
static void
test_redirect_put (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *rules = NULL;

  if (f->skipped)
    return;
  g_free (add_child (&f->dev[0], "Amara"));
  rules = g_strdup_printf ("[{\"method\": \"PUT\", \"path_regex\": \"/log/\", \"action\": \"status\","
                           " \"code\": 301, \"count\": -1,"
                           " \"location\": \"%selsewhere/\"}]",
                           tandem_test_dav_server_get_url (proxy));
  set_rules (rules);
  sync_fails (&f->dev[0], TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_SERVER);
  g_assert_cmpuint (count_log ("PUT", "/log/", "301"), ==, 1);
  g_assert_cmpuint (count_log (NULL, "elsewhere", NULL), ==, 0);
  clear_rules ();
  assert_converged (f, 1, 0);
}

/* TLS: nginx over https with its own CA file works; without the CA file the
 * certificate is refused. */
static void
test_tls (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(TandemSyncSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (nginx == NULL || tandem_test_dav_server_get_tls_url (nginx) == NULL)
    {
      g_test_skip (nginx_skip_reason != NULL ? nginx_skip_reason : "no https (openssl missing)");
      return;
    }
  f->dir = tandem_test_make_dir ();
  f->space = g_strdup_printf ("space%u", ++space_counter);
  fixture_start (f, tandem_test_dav_server_get_tls_url (nginx),
                 tandem_test_dav_server_get_ca_file (nginx));
  g_free (add_child (&f->dev[0], "Amara"));
  g_free (add_observation (&f->dev[1], "Climbed the frame."));
  assert_converged (f, 1, 1);

  /* The same space without the CA file. */
  url = g_strconcat (tandem_test_dav_server_get_tls_url (nginx), f->space, "/", NULL);
  path = g_build_filename (f->dir, "delta.db", NULL);
  store = tandem_test_open_store (path);
  before = dump_store (store);
  dav = make_dav (url, NULL);
  session = tandem_sync_session_new (store, dav);
  g_assert_false (tandem_sync_session_unlock (session, PASSPHRASE, NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "certificate"));
  after = dump_store (store);
  g_assert_cmpstr (after, ==, before);
  g_clear_object (&session);
  g_clear_object (&dav);
  g_clear_error (&error);

  /* With the CA file but another name than the certificate's: the host
   * name is checked too. */
  {
    GString *other = g_string_new (url);

    g_string_replace (other, "127.0.0.1", "localhost", 1);
    g_free (url);
    url = g_string_free (other, FALSE);
  }
  dav = make_dav (url, tandem_test_dav_server_get_ca_file (nginx));
  session = tandem_sync_session_new (store, dav);
  g_assert_false (tandem_sync_session_unlock (session, PASSPHRASE, NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_test_message ("%s: %s", url, error->message);
  g_assert_nonnull (strstr (error->message, "certificate"));

  for (guint i = 0; i < N_DEVICES; i++)
    device_close (&f->dev[i]);
  tandem_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->space);
}

static void
stop_servers (void)
{
  tandem_test_dav_server_stop (proxy);
  tandem_test_dav_server_stop (apache);
  tandem_test_dav_server_stop (nginx);
}

#define ADD(name, data, func) \
  g_test_add ("/sync-faults/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  apache = tandem_test_dav_server_start (TANDEM_TEST_DAV_APACHE, &skip_reason);
  if (apache != NULL)
    proxy = tandem_test_dav_proxy_start (apache, &skip_reason);
  nginx = tandem_test_dav_server_start (TANDEM_TEST_DAV_NGINX, &nginx_skip_reason);

  ADD ("through-proxy", NULL, test_through_proxy);
  ADD ("retried/500", &retry_500, test_retried);
  ADD ("retried/503", &retry_503, test_retried);
  ADD ("retried/429", &retry_429, test_retried);
  ADD ("retried/423", &retry_423, test_retried);
  ADD ("full", NULL, test_full);
  ADD ("drop-put", NULL, test_drop_put);
  ADD ("drop-after-forward", NULL, test_drop_after_forward);
  ADD ("truncate-put", NULL, test_truncate_put);
  ADD ("head-after-forward", NULL, test_head_after_forward);
  ADD ("delete-after-forward", NULL, test_delete_after_forward);
  ADD ("conflict-after-forward", NULL, test_conflict_after_forward);
  ADD ("missing-batch", NULL, test_missing_batch);
  ADD ("repaired-batch/lost", "lost", test_repaired_batch);
  ADD ("repaired-batch/damaged", "damaged", test_repaired_batch);
  ADD ("photos", NULL, test_photos);
  ADD ("retry-after-too-long", NULL, test_retry_after_too_long);
  ADD ("truncate-get/cut", "truncate-get", test_truncate_get);
  ADD ("truncate-get/short", "short-get", test_truncate_get);
  ADD ("harmless/slow",
       "{\"method\": \"*\", \"path_regex\": \"\", \"action\": \"slow\", \"delay_ms\": 100, \"count\": -1}",
       test_harmless);
  ADD ("harmless/date-ahead",
       "{\"method\": \"*\", \"path_regex\": \"\", \"action\": \"date-skew\", \"skew_days\": 3650, \"count\": -1}",
       test_harmless);
  ADD ("harmless/date-behind",
       "{\"method\": \"*\", \"path_regex\": \"\", \"action\": \"date-skew\", \"skew_days\": -3650, \"count\": -1}",
       test_harmless);
  ADD ("harmless/ignore-conditional",
       "{\"method\": \"*\", \"path_regex\": \"\", \"action\": \"ignore-conditional\", \"count\": -1}",
       test_harmless);
  ADD ("future-clock", NULL, test_future_clock);
  ADD ("storm", NULL, test_storm);
  ADD ("hostile/huge-listing", NULL, test_huge_listing);
  ADD ("hostile/head-dotdot", "..%2F..%2Fformat.json.000000000001", test_head_outside);
  ADD ("hostile/head-dot-device", "...000000000001", test_head_outside);
  ADD ("hostile/swapped-batch", NULL, test_swapped_batch);
  ADD ("hostile/redirect-put", NULL, test_redirect_put);
  ADD ("hostile/fake-removed/listed", "listed", test_fake_removed);
  ADD ("hostile/fake-removed/junk", "junk", test_fake_removed);
  g_test_add_func ("/sync-faults/tls", test_tls);

  status = g_test_run ();
  stop_servers ();
  return status;
}
