/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-webdav.h"
#include "webdav-servers.h"

/* Short back-off so retries do not slow the suite; Retry-After is honoured
 * as given (1 s in the fault cases) within this budget. */
#define TEST_RETRY_BUDGET_MS 2500
#define TEST_BACKOFF_MS 10

static const char *const server_names[] = { "apache", "nginx", "rclone", "faults" };
static TandemTestDavServer *servers[4];
static char *skip_reasons[4];

static TandemWebdav *
make_client (TandemTestDavServer *server,
             const char          *password)
{
  g_autoptr(GError) error = NULL;
  TandemWebdav *dav = tandem_webdav_new (tandem_test_dav_server_get_url (server),
                                         TANDEM_TEST_DAV_USER, password, NULL, &error);

  g_assert_no_error (error);
  tandem_webdav_set_retry_policy (dav, TEST_RETRY_BUDGET_MS, TEST_BACKOFF_MS);
  return dav;
}

static TandemTestDavServer *
server_or_skip (TandemTestDavKind kind)
{
  if (servers[kind] == NULL)
    g_test_skip (skip_reasons[kind]);
  return servers[kind];
}

static const TandemWebdavEntry *
find_entry (GPtrArray  *entries,
            const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const TandemWebdavEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->name, name))
        return entry;
    }
  return NULL;
}

static GBytes *
pattern_bytes (gsize size)
{
  guint8 *data = g_malloc (size + 1);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 7919) >> 3);
  return g_bytes_new_take (data, size);
}

/* The round trips every server must support. */
static void
test_basics (gconstpointer data)
{
  TandemTestDavKind kind = GPOINTER_TO_INT (data);
  TandemTestDavServer *server = server_or_skip (kind);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) big = pattern_bytes (3 * 1024 * 1024);
  g_autoptr(GBytes) small = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) got = NULL;
  const TandemWebdavEntry *entry;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);

  /* Nested folders, parents made as needed; again is fine. */
  g_assert_true (tandem_webdav_mkcol (dav, "space/log/dev1", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_webdav_mkcol (dav, "space/log/dev1", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_webdav_mkcol (dav, "space/heads", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tandem_webdav_put (dav, "space/log/dev1/empty.bin", empty, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_webdav_put (dav, "space/log/dev1/big.bin", big, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_webdav_put (dav, "space/log/dev1/ü x+%.bin", small, NULL, &error));
  g_assert_no_error (error);
  /* Replacing is a plain PUT. */
  g_assert_true (tandem_webdav_put (dav, "space/log/dev1/ü x+%.bin", small, NULL, &error));
  g_assert_no_error (error);

  got = tandem_webdav_get (dav, "space/log/dev1/empty.bin", 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (got), ==, 0);
  g_clear_pointer (&got, g_bytes_unref);
  got = tandem_webdav_get (dav, "space/log/dev1/big.bin", 4 * 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, big));
  g_clear_pointer (&got, g_bytes_unref);

  /* One request for a listing: "nothing new" costs one PROPFIND. */
  tandem_webdav_reset_request_count (dav);
  entries = tandem_webdav_list (dav, "space/log/dev1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 1);
  g_assert_cmpuint (entries->len, ==, 3);
  entry = find_entry (entries, "empty.bin");
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->size, ==, 0);
  g_assert_false (entry->is_collection);
  entry = find_entry (entries, "big.bin");
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->size, ==, 3 * 1024 * 1024);
  entry = find_entry (entries, "ü x+%.bin");
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->size, ==, 5);
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = tandem_webdav_list (dav, "space/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = find_entry (entries, "log");
  g_assert_nonnull (entry);
  g_assert_true (entry->is_collection);
  g_assert_nonnull (find_entry (entries, "heads"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A download larger than allowed is refused. */
  got = tandem_webdav_get (dav, "space/log/dev1/big.bin", 1024 * 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  g_assert_null (got);
  g_clear_error (&error);

  /* Delete; deleting again is done, not an error. */
  g_assert_true (tandem_webdav_delete (dav, "space/log/dev1/big.bin", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_webdav_delete (dav, "space/log/dev1/big.bin", NULL, &error));
  g_assert_no_error (error);
  got = tandem_webdav_get (dav, "space/log/dev1/big.bin", 4 * 1024 * 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);

  entries = tandem_webdav_list (dav, "space/log/dev1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_null (find_entry (entries, "big.bin"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  entries = tandem_webdav_list (dav, "space/missing", NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND);
  g_assert_null (entries);
  g_clear_error (&error);

  g_assert_true (tandem_webdav_delete (dav, "space/", NULL, &error));
  g_assert_no_error (error);
  entries = tandem_webdav_list (dav, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (find_entry (entries, "space"));
}

static void
test_wrong_password (gconstpointer data)
{
  TandemTestDavKind kind = GPOINTER_TO_INT (data);
  TandemTestDavServer *server = server_or_skip (kind);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) small = g_bytes_new_static ("hello", 5);

  if (server == NULL)
    return;
  dav = make_client (server, "wrong");

  entries = tandem_webdav_list (dav, "", NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_AUTH);
  g_assert_null (entries);
  g_clear_error (&error);
  g_assert_false (tandem_webdav_put (dav, "intruder.bin", small, NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_AUTH);
  /* No retrying a refusal. */
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 2);
}

/* The server's own log agrees that a listing is one request. */
static void
test_server_counts (gconstpointer data)
{
  TandemTestDavKind kind = GPOINTER_TO_INT (data);
  TandemTestDavServer *server = server_or_skip (kind);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint before;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);
  before = tandem_test_dav_server_count_requests (server);
  entries = tandem_webdav_list (dav, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_test_dav_server_count_requests (server), ==, before + 1);
}

/* Real-server faults: nginx drops, fills up and redirects on demand. */
static void
test_nginx_faults (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_NGINX);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint before;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);

  /* return 444: dropped every time, retried, then NETWORK. */
  before = tandem_test_dav_server_count_requests (server);
  got = tandem_webdav_get (dav, "fault/drop/x", 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_null (got);
  g_clear_error (&error);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 4);
  g_assert_cmpuint (tandem_test_dav_server_count_requests (server), ==, before + 4);

  /* 507: stop at once. */
  tandem_webdav_reset_request_count (dav);
  g_assert_false (tandem_webdav_put (dav, "fault/full/x", small, NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE);
  g_clear_error (&error);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 1);

  /* A redirected PUT is not followed: nothing lands at the target. */
  tandem_webdav_reset_request_count (dav);
  g_assert_false (tandem_webdav_put (dav, "fault/moved/x", small, NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 1);
  got = tandem_webdav_get (dav, "elsewhere/x", 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* nor a redirected GET */
  got = tandem_webdav_get (dav, "fault/moved/y", 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_SERVER);
  g_assert_null (got);
}

/* TLS: verified against the given CA file, and never without one. */
static void
test_nginx_tls (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_NGINX);
  const char *url;
  const char *ca_file;
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(TandemWebdav) untrusting = NULL;
  g_autoptr(TandemWebdav) wrong_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) small = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) got = NULL;
  g_autofree char *localhost_url = NULL;

  if (server == NULL)
    return;
  url = tandem_test_dav_server_get_tls_url (server);
  ca_file = tandem_test_dav_server_get_ca_file (server);
  if (url == NULL)
    {
      g_test_skip ("nginx has no https here (openssl missing?)");
      return;
    }

  dav = tandem_webdav_new (url, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD, ca_file, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_webdav_put (dav, "tls.bin", small, NULL, &error));
  g_assert_no_error (error);
  got = tandem_webdav_get (dav, "tls.bin", 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, small));
  entries = tandem_webdav_list (dav, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_entry (entries, "tls.bin"));
  g_assert_true (tandem_webdav_delete (dav, "tls.bin", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 4);

  /* Without the CA file, the system's CAs do not know it: refused, once. */
  untrusting = tandem_webdav_new (url, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  tandem_webdav_set_retry_policy (untrusting, TEST_RETRY_BUDGET_MS, TEST_BACKOFF_MS);
  g_assert_false (tandem_webdav_put (untrusting, "tls.bin", small, NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_clear_error (&error);
  g_assert_cmpuint (tandem_webdav_get_request_count (untrusting), ==, 1);

  /* The certificate names 127.0.0.1 only: another name for it fails. */
  localhost_url = g_strdup_printf ("https://localhost%s", strrchr (url, ':'));
  wrong_name = tandem_webdav_new (localhost_url, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD,
                                  ca_file, &error);
  g_assert_no_error (error);
  tandem_webdav_set_retry_policy (wrong_name, TEST_RETRY_BUDGET_MS, TEST_BACKOFF_MS);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = tandem_webdav_list (wrong_name, "", NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_null (entries);
}

/* Apache's 503 with Retry-After: 1 never clears: waited for within the
 * budget, then given up. */
static void
test_apache_503 (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_APACHE);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;
  gint64 start;
  guint before;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);
  before = tandem_test_dav_server_count_requests (server);
  start = g_get_monotonic_time ();
  got = tandem_webdav_get (dav, "fault/503/x", 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_SERVER);
  g_assert_null (got);
  /* 1 s + 1 s waited; a third second would pass the 2.5 s budget. */
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 3);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1900 * 1000);
  g_assert_cmpuint (tandem_test_dav_server_count_requests (server), ==, before + 3);
}

typedef struct {
  const char *path;
  TandemWebdavError code;   /* -1: success */
  guint requests;
  guint min_ms;
} FaultCase;

static void
test_fault (gconstpointer data)
{
  const FaultCase *fc = data;
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_FAULTS);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = g_bytes_new_static ("hello", 5);
  guint before;
  gint64 start;
  gboolean ok;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);
  before = tandem_test_dav_server_count_requests (server);
  start = g_get_monotonic_time ();
  ok = tandem_webdav_put (dav, fc->path, small, NULL, &error);
  if ((int) fc->code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, TANDEM_WEBDAV_ERROR, (int) fc->code);
      g_assert_false (ok);
    }
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, fc->requests);
  g_assert_cmpuint (tandem_test_dav_server_count_requests (server), ==, before + fc->requests);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (gint64) fc->min_ms * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64) (fc->min_ms + 2000) * 1000);
}

static const FaultCase fault_cases[] = {
  { "fail/503/1/1/a", -1, 2, 900 },
  { "fail/429/1/1/a", -1, 2, 900 },
  { "fail/503/1/date/a", -1, 2, 500 },
  { "fail/429/1/120/a", TANDEM_WEBDAV_ERROR_RATE_LIMITED, 1, 0 },
  { "fail/507/1/-/a", TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE, 1, 0 },
  { "fail/423/2/-/a", -1, 3, 0 },
  { "fail/423/9/-/a", TANDEM_WEBDAV_ERROR_LOCKED, 4, 0 },
  { "fail/500/1/-/a", -1, 2, 0 },
  { "fail/502/2/-/a", -1, 3, 0 },
  { "fail/504/9/-/a", TANDEM_WEBDAV_ERROR_SERVER, 4, 0 },
  { "fail/409/1/-/a", TANDEM_WEBDAV_ERROR_NOT_FOUND, 1, 0 },
  { "fail/401/1/-/a", TANDEM_WEBDAV_ERROR_AUTH, 1, 0 },
  { "drop/a", TANDEM_WEBDAV_ERROR_NETWORK, 4, 0 },
  { "redirect/a", TANDEM_WEBDAV_ERROR_SERVER, 1, 0 },
};

typedef struct {
  const char *kind;
  const char *why;  /* a part of the message, so each is refused for its reason */
} HostileCase;

static void
test_hostile_listing (gconstpointer data)
{
  const HostileCase *hc = data;
  const char *kind = hc->kind;
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_FAULTS);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *path = NULL;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);
  tandem_webdav_set_limits (dav, 100, 512 * 1024);
  path = g_strdup_printf ("hostile/%s/", kind);
  entries = tandem_webdav_list (dav, path, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  g_assert_nonnull (strstr (error->message, hc->why));
  g_assert_null (entries);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 1);
}

#define OUTSIDE "names places outside it"
#define MALFORMED "is malformed"

static const HostileCase hostile_cases[] = {
  { "dotdot", OUTSIDE },
  { "escaped-dotdot", OUTSIDE },
  { "escaped-slash", OUTSIDE },
  { "other-host", OUTSIDE },
  { "other-port", OUTSIDE },
  { "sibling", OUTSIDE },
  { "deep", OUTSIDE },
  { "many", "listed more" },
  { "huge", "sent more" },
  { "entity", MALFORMED },
  { "malformed", MALFORMED },
  { "not-dav", MALFORMED },
  { "bad-length", MALFORMED },
};

/* A listing in another but valid style: default namespace, absolute URL,
 * escapes, extra properties and a 404 propstat. */
static void
test_good_listing (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_FAULTS);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const TandemWebdavEntry *entry;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);
  tandem_webdav_set_limits (dav, 100, 512 * 1024);
  entries = tandem_webdav_list (dav, "hostile/good", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = find_entry (entries, "a bé.bin");
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->size, ==, 42);
  g_assert_false (entry->is_collection);
  entry = find_entry (entries, "sub");
  g_assert_nonnull (entry);
  g_assert_true (entry->is_collection);
}

static void
test_oversized_get (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_FAULTS);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;
  gint64 start;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);

  /* Announced as 100 MiB: refused before reading it. */
  start = g_get_monotonic_time ();
  got = tandem_webdav_get (dav, "big-length/x", 1024 * 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  g_assert_null (got);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  /* Unannounced: cut off at the limit. */
  got = tandem_webdav_get (dav, "big-stream/x", 1024 * 1024, NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  g_assert_null (got);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 2);
}

static void
test_bad_paths (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_FAULTS);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = g_bytes_new_static ("hello", 5);
  const char *const bad[] = { "../x", "a/../../x", "a/./b", "a\\b", "a\nb", "..", "" };

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (*bad[i] != '\0')
        {
          g_assert_false (tandem_webdav_put (dav, bad[i], small, NULL, &error));
          g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
          g_clear_error (&error);
        }
      /* Never the whole space. */
      g_assert_false (tandem_webdav_delete (dav, bad[i], NULL, &error));
      g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
      g_clear_error (&error);
    }
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 0);

  g_assert_null (tandem_webdav_new ("ftp://127.0.0.1/dav/", "u", "p", NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  g_clear_error (&error);
  g_assert_null (tandem_webdav_new ("http://u@127.0.0.1/dav/", "u", "p", NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
  g_clear_error (&error);
  g_assert_null (tandem_webdav_new ("not a url", "u", "p", NULL, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
}

/* TLS is always verified: a server that is not speaking TLS fails with no
 * retry and no fallback to plain HTTP. */
static void
test_tls_required (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_FAULTS);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *url = NULL;
  guint before;

  if (server == NULL)
    return;
  url = g_strconcat ("https", tandem_test_dav_server_get_url (server) + strlen ("http"), NULL);
  dav = tandem_webdav_new (url, TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  tandem_webdav_set_retry_policy (dav, TEST_RETRY_BUDGET_MS, TEST_BACKOFF_MS);
  before = tandem_test_dav_server_count_requests (server);
  entries = tandem_webdav_list (dav, "", NULL, &error);
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK);
  g_assert_null (entries);
  g_assert_cmpuint (tandem_test_dav_server_count_requests (server), ==, before);
}

static gpointer
cancel_later_cb (gpointer data)
{
  g_usleep (200 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
{
  TandemTestDavServer *server = server_or_skip (TANDEM_TEST_DAV_FAULTS);
  g_autoptr(TandemWebdav) dav = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) small = g_bytes_new_static ("hello", 5);
  GThread *thread;
  gint64 start;

  if (server == NULL)
    return;
  dav = make_client (server, TANDEM_TEST_DAV_PASSWORD);
  tandem_webdav_set_retry_policy (dav, 60 * 1000, TEST_BACKOFF_MS);

  /* Cancelled while waiting out a Retry-After of 30 s. */
  thread = g_thread_new ("cancel", cancel_later_cb, cancellable);
  start = g_get_monotonic_time ();
  g_assert_false (tandem_webdav_put (dav, "fail/503/1/30/cancel", small, cancellable, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_thread_join (thread);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 1);

  /* Already cancelled: nothing is sent. */
  g_assert_false (tandem_webdav_put (dav, "x", small, cancellable, &error));
  g_assert_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_CANCELLED);
  g_assert_cmpuint (tandem_webdav_get_request_count (dav), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  static const TandemTestDavKind real[] = {
    TANDEM_TEST_DAV_APACHE, TANDEM_TEST_DAV_NGINX, TANDEM_TEST_DAV_RCLONE,
  };
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The servers are local; a proxy from the environment must not see them. */
  g_setenv ("no_proxy", "127.0.0.1", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      servers[i] = tandem_test_dav_server_start (i, &skip_reasons[i]);
      if (servers[i] == NULL)
        g_printerr ("# skipping the %s cases: %s\n", server_names[i], skip_reasons[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (real); i++)
    {
      g_autofree char *basics = g_strdup_printf ("/webdav/%s/basics", server_names[i]);
      g_autofree char *password = g_strdup_printf ("/webdav/%s/wrong-password", server_names[i]);

      g_test_add_data_func (basics, GINT_TO_POINTER (real[i]), test_basics);
      g_test_add_data_func (password, GINT_TO_POINTER (real[i]), test_wrong_password);
      if (real[i] != TANDEM_TEST_DAV_RCLONE)
        {
          g_autofree char *counts = g_strdup_printf ("/webdav/%s/server-counts", server_names[i]);
          g_test_add_data_func (counts, GINT_TO_POINTER (real[i]), test_server_counts);
        }
    }
  g_test_add_func ("/webdav/nginx/faults", test_nginx_faults);
  g_test_add_func ("/webdav/nginx/tls", test_nginx_tls);
  g_test_add_func ("/webdav/apache/503-retry-after", test_apache_503);

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/webdav/faults/%s", fault_cases[i].path);
      g_test_add_data_func (name, &fault_cases[i], test_fault);
    }
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/webdav/hostile-listing/%s", hostile_cases[i].kind);
      g_test_add_data_func (name, &hostile_cases[i], test_hostile_listing);
    }
  g_test_add_func ("/webdav/faults/good-listing", test_good_listing);
  g_test_add_func ("/webdav/faults/oversized-get", test_oversized_get);
  g_test_add_func ("/webdav/faults/bad-paths", test_bad_paths);
  g_test_add_func ("/webdav/faults/tls-required", test_tls_required);
  g_test_add_func ("/webdav/faults/cancel", test_cancel);

  status = g_test_run ();

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      tandem_test_dav_server_stop (servers[i]);
      g_free (skip_reasons[i]);
    }
  return status;
}
