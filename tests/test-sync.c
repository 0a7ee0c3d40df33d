/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The sync engine against real WebDAV servers (Apache, nginx, rclone): three
 * databases editing children, observations with photos, meetings and plans,
 * syncing in a random (seeded) order, converge to identical dumps; a
 * concurrent edit leaves one conflict on every laptop; deletions spread;
 * nothing readable reaches the server; a sync with nothing new is one
 * request and one edited observation at most four; a wrong passphrase
 * changes nothing; a damaged batch is reported and the rest still arrives;
 * a stray head is ignored. And the batch codec on its own: round trip,
 * zip bombs, wrong paths, newer formats. */

#define _GNU_SOURCE /* memmem */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-journal.h"
#include "tandem-meeting.h"
#include "tandem-plan.h"
#include "tandem-records.h"
#include "tandem-sync-batch.h"
#include "tandem-sync-store.h"
#include "tandem-sync.h"
#include "tandem-test-util.h"
#include "webdav-servers.h"

#define PASSPHRASE "the nursery garden is green"
#define N_LAPTOPS 3

/* ---- The codec ---------------------------------------------------------- */

#define DEV_A "6a1c0f52-3d7e-4b8a-9f10-2c3d4e5f6a7b"
#define DEV_B "0b2d4f6a-8c1e-4a3b-9d5f-7e9a1b3c5d7f"

static GBytes *
build_batch (const char *writer,
             guint64     seq)
{
  g_autoptr(TandemSyncBatchBuilder) builder = tandem_sync_batch_builder_new ("batch", writer, seq);
  g_autoptr(TandemSyncChange) c1 = tandem_sync_change_new ("observations", "r1", "text",
                                                           g_variant_new_string ("Hello"),
                                                           "0000018c00000001", NULL, DEV_A);
  g_autoptr(TandemSyncChange) c2 = tandem_sync_change_new ("children", "r2", "leaving_date", NULL,
                                                           "0000018c00000002",
                                                           "0000018c00000001", DEV_B);
  g_autoptr(TandemSyncChange) c3 = tandem_sync_change_new ("observations", "r1", "deleted",
                                                           g_variant_new_boolean (TRUE),
                                                           "0000018c00000003", NULL, DEV_A);
  g_autoptr(TandemSyncChange) c4 = tandem_sync_change_new ("plans", "r3", "position",
                                                           g_variant_new_int64 (-42),
                                                           "0000018c00000004", NULL, DEV_A);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  tandem_sync_batch_builder_add (builder, c1);
  tandem_sync_batch_builder_add (builder, c2);
  tandem_sync_batch_builder_add (builder, c3);
  tandem_sync_batch_builder_add (builder, c4);
  g_assert_cmpuint (tandem_sync_batch_builder_get_n_changes (builder), ==, 4);
  bytes = tandem_sync_batch_builder_end (builder, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
test_batch_round_trip (void)
{
  g_autoptr(GBytes) bytes = build_batch (DEV_A, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncBatch) batch = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autofree char *table = NULL;
  g_autofree char *row_id = NULL;
  g_autoptr(GPtrArray) row = NULL;
  TandemSyncChange *c;

  batch = tandem_sync_batch_decode (bytes, "batch", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN, &error);
  g_assert_no_error (error);
  /* Changes of one row travel together. */
  g_assert_cmpuint (tandem_sync_batch_get_n_rows (batch), ==, 3);
  row = tandem_sync_batch_get_row (batch, 0, &table, &row_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table, ==, "observations");
  g_assert_cmpstr (row_id, ==, "r1");
  g_assert_cmpuint (row->len, ==, 2);

  g_assert_true (tandem_sync_batch_collect (batch, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  c = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (c->field, ==, "text");
  g_assert_cmpstr (g_variant_get_string (c->value, NULL), ==, "Hello");
  g_assert_null (c->prev_hlc);
  g_assert_cmpstr (c->device, ==, DEV_A);
  c = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (c->field, ==, "deleted");
  g_assert_true (g_variant_get_boolean (c->value));
  c = g_ptr_array_index (changes, 2);
  g_assert_cmpstr (c->table, ==, "children");
  g_assert_null (c->value);
  g_assert_cmpstr (c->prev_hlc, ==, "0000018c00000001");
  g_assert_cmpstr (c->device, ==, DEV_B);
  c = g_ptr_array_index (changes, 3);
  g_assert_cmpint (g_variant_get_int64 (c->value), ==, -42);
}

static void
assert_refused (GBytes     *bytes,
                const char *kind,
                const char *writer,
                guint64     seq,
                gsize       max,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncBatch) batch = tandem_sync_batch_decode (bytes, kind, writer, seq, max,
                                                               &error);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);

  /* Some damage only shows when the rows are read. */
  if (batch != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (tandem_sync_batch_collect (batch, changes, &error));
      g_assert_cmpuint (changes->len, ==, 0);
    }
  g_assert_error (error, TANDEM_SYNC_ERROR, code);
}

static GBytes *
compress_variant (GVariant *value)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (value);
  g_autoptr(GBytes) plain = g_variant_get_data_as_bytes (sunk);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = tandem_sync_compress (plain, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
test_batch_hostile (void)
{
  g_autoptr(GBytes) bytes = build_batch (DEV_A, 7);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) - 4);
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (64 * 1024 * 1024), 64 * 1024 * 1024);
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not a batch at all", 18);
  g_autoptr(GBytes) squeezed_garbage = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) bad_index = NULL;
  g_autoptr(GBytes) trailing = NULL;
  g_autoptr(GByteArray) extended = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  /* Not what its path says. */
  assert_refused (bytes, "batch", DEV_A, 8, TANDEM_SYNC_BATCH_MAX_PLAIN, TANDEM_SYNC_ERROR_FORMAT);
  assert_refused (bytes, "batch", DEV_B, 7, TANDEM_SYNC_BATCH_MAX_PLAIN, TANDEM_SYNC_ERROR_FORMAT);
  assert_refused (bytes, "snapshot", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN,
                  TANDEM_SYNC_ERROR_FORMAT);
  /* Cut short, garbage, bytes after the end. */
  assert_refused (cut, "batch", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN, TANDEM_SYNC_ERROR_FORMAT);
  assert_refused (garbage, "batch", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN,
                  TANDEM_SYNC_ERROR_FORMAT);
  squeezed_garbage = tandem_sync_compress (garbage, &error);
  g_assert_no_error (error);
  assert_refused (squeezed_garbage, "batch", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN,
                  TANDEM_SYNC_ERROR_FORMAT);
  g_byte_array_append (extended, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_byte_array_append (extended, (const guint8 *) "xx", 2);
  trailing = g_byte_array_free_to_bytes (g_steal_pointer (&extended));
  assert_refused (trailing, "batch", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN,
                  TANDEM_SYNC_ERROR_FORMAT);

  /* A zip bomb stops at the cap instead of filling memory. */
  bomb = tandem_sync_compress (zeros, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  assert_refused (bomb, "batch", DEV_A, 7, 1024 * 1024, TANDEM_SYNC_ERROR_TOO_BIG);

  /* A later Tandem's format is told apart from damage. */
  newer = compress_variant (g_variant_new ("(uv)", 2, g_variant_new_string ("future")));
  assert_refused (newer, "batch", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN,
                  TANDEM_SYNC_ERROR_NEWER_FORMAT);

  /* A device index out of range. */
  bad_index = compress_variant (g_variant_new_parsed (
    "(@u 1, <(%s, %s, @t 7, @a{st} {}, [%s], "
    "[('observations', 'r1', [('text', @mv nothing, '0000018c00000001', @ms nothing, @q 3)])])>)",
    "batch", DEV_A, DEV_A));
  assert_refused (bad_index, "batch", DEV_A, 7, TANDEM_SYNC_BATCH_MAX_PLAIN,
                  TANDEM_SYNC_ERROR_FORMAT);
}

static void
test_head_round_trip (void)
{
  g_autoptr(GHashTable) applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) got = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *time = NULL;
  guint64 seq = 12;
  guint64 got_seq = 0;

  g_hash_table_insert (applied, g_strdup (DEV_B), g_memdup2 (&seq, sizeof seq));
  bytes = tandem_sync_head_encode (5, applied, "Room 2 laptop", "2026-11-23T10:00:00Z");
  g_assert_true (tandem_sync_head_decode (bytes, &got_seq, &got, &name, &time, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got_seq, ==, 5);
  g_assert_cmpstr (name, ==, "Room 2 laptop");
  g_assert_cmpstr (time, ==, "2026-11-23T10:00:00Z");
  g_assert_cmpuint (*(guint64 *) g_hash_table_lookup (got, DEV_B), ==, 12);
}

/* ---- Against real servers ----------------------------------------------- */

typedef struct {
  TandemStore *store;
  TandemWebdav *webdav;
  TandemSyncSession *session;
  char *path;
  GPtrArray *children;     /* ids */
  GPtrArray *observations; /* ids */
  guint counter;
} Laptop;

typedef struct {
  TandemTestDavServer *server;
  char *dir;
  GRand *rand;
  Laptop laptops[N_LAPTOPS];
  GPtrArray *secrets;      /* strings that must never be on the server */
  GBytes *jpeg;
} Fixture;

static void
laptop_clear (Laptop *l)
{
  g_clear_object (&l->session);
  g_clear_object (&l->webdav);
  g_clear_object (&l->store);
  g_clear_pointer (&l->path, g_free);
  g_clear_pointer (&l->children, g_ptr_array_unref);
  g_clear_pointer (&l->observations, g_ptr_array_unref);
}

static GBytes *
make_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 24);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3a7bd5ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 3);
  g_assert_cmpint ((guint8) buffer[0], ==, 0xff);
  g_assert_cmpint ((guint8) buffer[1], ==, 0xd8);
  return g_bytes_new_take (buffer, size);
}

static TandemWebdav *
make_webdav (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TandemWebdav *webdav = tandem_webdav_new (tandem_test_dav_server_get_url (f->server),
                                            TANDEM_TEST_DAV_USER, TANDEM_TEST_DAV_PASSWORD,
                                            NULL, &error);

  g_assert_no_error (error);
  /* Local servers answer at once: no long waits if one misbehaves. */
  tandem_webdav_set_retry_policy (webdav, 2000, 50);
  return webdav;
}

static gboolean
fixture_set_up (Fixture           *f,
                TandemTestDavKind  kind)
{
  g_autofree char *skip = NULL;
  guint32 seed;

  f->server = tandem_test_dav_server_start (kind, &skip);
  if (f->server == NULL)
    {
      g_test_skip (skip);
      return FALSE;
    }
  seed = g_test_rand_int ();
  g_test_message ("random order seed: %u", seed);
  f->rand = g_rand_new_with_seed (seed);
  f->dir = tandem_test_make_dir ();
  f->secrets = g_ptr_array_new_with_free_func (g_free);
  f->jpeg = make_jpeg ();
  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      Laptop *l = &f->laptops[i];
      g_autofree char *name = g_strdup_printf ("laptop-%u.db", i + 1);
      g_autofree char *label = g_strdup_printf ("Laptop %u", i + 1);

      l->path = g_build_filename (f->dir, name, NULL);
      l->store = tandem_test_open_store (l->path);
      l->webdav = make_webdav (f);
      l->session = tandem_sync_session_new (l->store, l->webdav);
      tandem_sync_session_set_device_name (l->session, label);
      l->children = g_ptr_array_new_with_free_func (g_free);
      l->observations = g_ptr_array_new_with_free_func (g_free);
    }
  return TRUE;
}

static void
fixture_tear_down (Fixture *f)
{
  for (guint i = 0; i < N_LAPTOPS; i++)
    laptop_clear (&f->laptops[i]);
  g_clear_pointer (&f->server, tandem_test_dav_server_stop);
  if (f->dir != NULL)
    tandem_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->rand, g_rand_free);
  g_clear_pointer (&f->secrets, g_ptr_array_unref);
  g_clear_pointer (&f->jpeg, g_bytes_unref);
}

static void
save (TandemStore *store,
      gpointer     record)
{
  g_autoptr(GError) error = NULL;

  tandem_store_save (store, TANDEM_RECORD (record), &error);
  g_assert_no_error (error);
}

static char *
unique (Fixture    *f,
        Laptop     *l,
        const char *what)
{
  /* Distinctive words, so the leak check can look for them. */
  return g_strdup_printf ("%s%c%u%s", what, 'A' + (int) (l - f->laptops), ++l->counter,
                          "zebrafinch");
}

static const char *
pick (Fixture   *f,
      GPtrArray *ids)
{
  if (ids->len == 0)
    return NULL;
  return g_ptr_array_index (ids, g_rand_int_range (f->rand, 0, ids->len));
}

static void
add_child (Fixture *f,
           Laptop  *l)
{
  g_autofree char *given = unique (f, l, "Given");
  g_autofree char *family = unique (f, l, "Family");
  g_autoptr(TandemChild) child = tandem_child_new (given, family, "2022-03-14");

  tandem_record_set_text (TANDEM_RECORD (child), "start_date", "2023-09-04");
  save (l->store, child);
  g_ptr_array_add (l->children, g_strdup (tandem_record_get_id (TANDEM_RECORD (child))));
  g_ptr_array_add (f->secrets, g_steal_pointer (&given));
  g_ptr_array_add (f->secrets, g_steal_pointer (&family));
}

static char *
add_observation (Fixture    *f,
                 Laptop     *l,
                 gboolean    with_photo)
{
  const char *child_id = pick (f, l->children);
  g_autofree char *text = unique (f, l, "Stacked the blue bricks ");
  g_autoptr(TandemObservation) observation = tandem_observation_new ("2026-10-01", text);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;

  if (child_id == NULL)
    return NULL;
  if (with_photo)
    {
      g_autofree char *hash = tandem_blob_store_add (l->store, f->jpeg, "image/jpeg", &error);

      g_assert_no_error (error);
      photos = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (photos, tandem_photo_new (hash));
    }
  tandem_journal_save_observation (l->store, observation,
                                   (const char * const []) { child_id, NULL },
                                   photos, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (l->observations,
                   g_strdup (tandem_record_get_id (TANDEM_RECORD (observation))));
  g_ptr_array_add (f->secrets, g_steal_pointer (&text));
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

static void
edit_observation (Fixture    *f,
                  Laptop     *l,
                  const char *id,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) record = tandem_store_load (l->store, TANDEM_TYPE_OBSERVATION, id,
                                                      &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  tandem_record_set_text (record, "text", text);
  save (l->store, record);
}

static void
add_meeting (Fixture *f,
             Laptop  *l)
{
  const char *child_id = pick (f, l->children);
  g_autoptr(TandemMeeting) meeting = NULL;

  if (child_id == NULL)
    return;
  meeting = tandem_meeting_new (child_id, "progress_review", "2026-11-02");
  save (l->store, meeting);
}

static void
add_plan (Fixture *f,
          Laptop  *l)
{
  const char *child_id = pick (f, l->children);
  g_autoptr(TandemPlan) plan = NULL;

  if (child_id == NULL)
    return;
  plan = tandem_plan_new (child_id, "2026-09-01");
  save (l->store, plan);
}

static void
delete_observation (Fixture *f,
                    Laptop  *l)
{
  const char *id = pick (f, l->observations);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) record = NULL;

  if (id == NULL)
    return;
  record = tandem_store_load (l->store, TANDEM_TYPE_OBSERVATION, id, &error);
  g_assert_no_error (error);
  if (record == NULL || tandem_record_get_deleted (record))
    return;
  g_assert_true (tandem_store_delete (l->store, record, &error));
  g_assert_no_error (error);
}

static void
random_edits (Fixture *f,
              Laptop  *l)
{
  guint n = g_rand_int_range (f->rand, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      switch (g_rand_int_range (f->rand, 0, 6))
        {
        case 0:
          add_child (f, l);
          break;
        case 1:
          g_free (add_observation (f, l, TRUE));
          break;
        case 2:
          g_free (add_observation (f, l, FALSE));
          break;
        case 3:
          add_meeting (f, l);
          break;
        case 4:
          add_plan (f, l);
          break;
        default:
          delete_observation (f, l);
          break;
        }
    }
}

static TandemSyncReport *
sync_laptop (Laptop *l)
{
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autoptr(GError) error = NULL;

  tandem_sync_session_run (l->session, report, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&report);
}

static void
sync_quietly (Laptop *l)
{
  g_autoptr(TandemSyncReport) report = sync_laptop (l);

  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (report->problems, i));
  g_assert_cmpuint (report->problems->len, ==, 0);
}

static void
sync_all (Fixture *f)
{
  for (guint i = 0; i < N_LAPTOPS; i++)
    sync_quietly (&f->laptops[i]);
}

static char *
dump (Laptop *l)
{
  g_autoptr(GError) error = NULL;
  char *text = tandem_sync_store_dump (l->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
assert_converged (Fixture *f)
{
  g_autofree char *first = dump (&f->laptops[0]);

  for (guint i = 1; i < N_LAPTOPS; i++)
    {
      g_autofree char *other = dump (&f->laptops[i]);

      g_assert_cmpstr (other, ==, first);
    }
}

/* Every file under @dir, recursively, must hold none of the secrets and no
 * JPEG start marker. */
static guint
assert_nothing_readable (Fixture    *f,
                         const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint files = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize size = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          files += assert_nothing_readable (f, path);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
      files++;
      g_assert_null (memmem (contents, size, "\xff\xd8\xff", 3));
      g_assert_null (memmem (contents, size, "zebrafinch", 10));
      for (guint i = 0; i < f->secrets->len; i++)
        {
          const char *secret = g_ptr_array_index (f->secrets, i);

          g_assert_null (memmem (contents, size, secret, strlen (secret)));
        }
    }
  return files;
}

static void
fill_a_little (Fixture *f,
               Laptop  *l)
{
  add_child (f, l);
  add_child (f, l);
  g_free (add_observation (f, l, FALSE));
}

static void
check_wrong_passphrase (Laptop *l)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (l);
  g_autofree char *after = NULL;
  g_autofree char *space = NULL;

  g_assert_false (tandem_sync_session_unlock (l->session, "not the passphrase", NULL, &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE);
  g_assert_null (tandem_sync_session_get_key (l->session));
  after = dump (l);
  g_assert_cmpstr (after, ==, before);
  space = tandem_sync_store_get_meta (l->store, "sync_space_id");
  g_assert_null (space);
  g_assert_cmpint (tandem_test_query_int (l->store, "SELECT count(*) FROM sync_applied"), ==, 0);
  g_assert_cmpint (tandem_test_query_int (l->store, "SELECT count(*) FROM meta WHERE key GLOB 'sync_*'"),
                   ==, 1 /* sync_device_name */);
}

static void
shuffle (Fixture *f,
         guint   *order)
{
  for (guint i = 0; i < N_LAPTOPS; i++)
    order[i] = i;
  for (guint i = N_LAPTOPS - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (f->rand, 0, i + 1);
      guint t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
}

static char *
obs_text (Laptop     *l,
          const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) record = tandem_store_load (l->store, TANDEM_TYPE_OBSERVATION, id,
                                                      &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return g_strdup (tandem_record_get_text (record, "text"));
}

static void
check_conflict (Fixture *f)
{
  Laptop *a = &f->laptops[0], *b = &f->laptops[1];
  g_autofree char *id = add_observation (f, a, FALSE);
  g_autofree char *winner = NULL;

  g_assert_nonnull (id);
  sync_all (f);
  sync_all (f);

  /* Both edit the same text without seeing the other's. */
  edit_observation (f, a, id, "Counted to ten zebrafinch on the swings");
  edit_observation (f, b, id, "Counted to twelve zebrafinch at snack time");
  sync_all (f);
  sync_all (f);
  assert_converged (f);

  winner = obs_text (a, id);
  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      Laptop *l = &f->laptops[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) conflicts = tandem_sync_store_list_conflicts (l->store, &error);
      g_autofree char *text = obs_text (l, id);
      TandemSyncConflict *conflict;

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, winner);
      g_assert_cmpuint (conflicts->len, ==, 1);
      conflict = g_ptr_array_index (conflicts, 0);
      g_assert_cmpstr (conflict->row_id, ==, id);
      g_assert_cmpstr (conflict->field, ==, "text");
      /* Nothing lost: the winner and the kept loser are the two edits. */
      g_assert_cmpstr (conflict->other_value, !=, winner);
      g_assert_true (g_str_equal (conflict->other_value, "Counted to ten zebrafinch on the swings")
                     || g_str_equal (conflict->other_value,
                                     "Counted to twelve zebrafinch at snack time"));
      g_assert_true (g_str_equal (winner, "Counted to ten zebrafinch on the swings")
                     || g_str_equal (winner, "Counted to twelve zebrafinch at snack time"));
    }
}

static void
check_deletion (Fixture *f)
{
  Laptop *c = &f->laptops[2];
  g_autofree char *id = add_observation (f, c, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) record = NULL;

  sync_quietly (c);
  sync_all (f);
  record = tandem_store_load (f->laptops[0].store, TANDEM_TYPE_OBSERVATION, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_false (tandem_record_get_deleted (record));
  g_clear_object (&record);

  record = tandem_store_load (c->store, TANDEM_TYPE_OBSERVATION, id, &error);
  g_assert_true (tandem_store_delete (c->store, record, &error));
  g_assert_no_error (error);
  g_clear_object (&record);
  sync_all (f);
  sync_all (f);
  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      g_autoptr(TandemRecord) r = tandem_store_load (f->laptops[i].store,
                                                     TANDEM_TYPE_OBSERVATION, id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (r);
      g_assert_true (tandem_record_get_deleted (r));
    }
}

static void
check_request_counts (Fixture *f)
{
  Laptop *a = &f->laptops[0];
  g_autoptr(TandemSyncReport) noop = NULL;
  g_autoptr(TandemSyncReport) one = NULL;
  const char *id = pick (f, a->observations);

  sync_all (f);
  sync_all (f);
  noop = sync_laptop (a);
  g_test_message ("no-op sync: %" G_GUINT64_FORMAT " request(s), %" G_GUINT64_FORMAT
                  " bytes sent, %" G_GUINT64_FORMAT " received",
                  noop->requests, noop->bytes_sent, noop->bytes_received);
  g_assert_cmpuint (noop->requests, ==, 1);
  g_assert_cmpuint (noop->changes_sent + noop->changes_received, ==, 0);

  /* Pick one that is not deleted. */
  for (guint i = 0; i < a->observations->len; i++)
    {
      g_autoptr(TandemRecord) record = tandem_store_load (a->store, TANDEM_TYPE_OBSERVATION,
                                                          g_ptr_array_index (a->observations, i),
                                                          NULL);

      if (record != NULL && !tandem_record_get_deleted (record))
        id = g_ptr_array_index (a->observations, i);
    }
  g_assert_nonnull (id);
  edit_observation (f, a, id, "Climbed to the top zebrafinch of the frame");
  one = sync_laptop (a);
  g_test_message ("one edited observation: %" G_GUINT64_FORMAT " request(s), %"
                  G_GUINT64_FORMAT " bytes sent, %" G_GUINT64_FORMAT " received",
                  one->requests, one->bytes_sent, one->bytes_received);
  g_assert_cmpuint (one->requests, <=, 4);
  g_assert_cmpuint (one->batches_sent, ==, 1);
  g_assert_cmpuint (one->bytes_sent, >, 0);
  g_assert_cmpuint (one->changes_sent, >=, 1);
}

/* Overwrites a file on the server in place (it may belong to the server's
 * user); returns the old contents. */
static GBytes *
tamper (Fixture    *f,
        const char *relative)
{
  g_autofree char *path = g_build_filename (tandem_test_dav_server_get_root (f->server),
                                            relative, NULL);
  g_autofree char *old = NULL;
  gsize size = 0;
  FILE *file;
  char garbage[300];

  g_assert_true (g_file_get_contents (path, &old, &size, NULL));
  memset (garbage, 'g', sizeof garbage);
  file = fopen (path, "r+");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (garbage, 1, MIN (sizeof garbage, size), file), ==,
                    MIN (sizeof garbage, size));
  fclose (file);
  return g_bytes_new_take (g_steal_pointer (&old), size);
}

static void
untamper (Fixture    *f,
          const char *relative,
          GBytes     *old)
{
  g_autofree char *path = g_build_filename (tandem_test_dav_server_get_root (f->server),
                                            relative, NULL);
  FILE *file = fopen (path, "r+");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (g_bytes_get_data (old, NULL), 1, g_bytes_get_size (old), file), ==,
                    g_bytes_get_size (old));
  fclose (file);
}

static void
check_damaged_batch (Fixture *f)
{
  Laptop *a = &f->laptops[0], *b = &f->laptops[1], *c = &f->laptops[2];
  g_autofree char *b_obs = add_observation (f, b, FALSE);
  g_autofree char *c_obs = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *relative = NULL;
  g_autoptr(GBytes) old = NULL;
  g_autoptr(TandemSyncReport) report = NULL;
  g_autoptr(TandemRecord) record = NULL;
  gboolean mentioned = FALSE;

  sync_quietly (b);
  c_obs = add_observation (f, c, FALSE);
  sync_quietly (c);

  seq_text = tandem_sync_store_get_meta (b->store, "sync_next_seq");
  relative = g_strdup_printf ("log/%s/%012" G_GUINT64_FORMAT ".bin",
                              tandem_store_get_device_id (b->store),
                              g_ascii_strtoull (seq_text, NULL, 10) - 1);
  old = tamper (f, relative);

  report = sync_laptop (a);
  g_assert_cmpuint (report->problems->len, >=, 1);
  for (guint i = 0; i < report->problems->len; i++)
    {
      g_test_message ("problem: %s", (char *) g_ptr_array_index (report->problems, i));
      mentioned |= strstr (g_ptr_array_index (report->problems, i), "Laptop 2") != NULL;
    }
  g_assert_true (mentioned);
  /* The other laptop's change arrived; the damaged one did not. */
  record = tandem_store_load (a->store, TANDEM_TYPE_OBSERVATION, c_obs, NULL);
  g_assert_nonnull (record);
  g_clear_object (&record);
  record = tandem_store_load (a->store, TANDEM_TYPE_OBSERVATION, b_obs, NULL);
  g_assert_null (record);

  /* Repaired, it arrives on the next sync. */
  untamper (f, relative, old);
  sync_quietly (a);
  record = tandem_store_load (a->store, TANDEM_TYPE_OBSERVATION, b_obs, NULL);
  g_assert_nonnull (record);
}

static void
check_stray_head (Fixture *f)
{
  Laptop *a = &f->laptops[0];
  g_autoptr(GBytes) junk = g_bytes_new_static ("junk", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncReport) report = NULL;
  g_autoptr(TandemSyncReport) again = NULL;

  g_assert_true (tandem_webdav_put (a->webdav, "heads/not-a-laptop.000000000009", junk, NULL,
                                    &error));
  g_assert_no_error (error);
  g_assert_true (tandem_webdav_put (a->webdav,
                                    "heads/6a1c0f52-3d7e-4b8a-9f10-2c3d4e5f6a7b.12", junk, NULL,
                                    &error));
  g_assert_no_error (error);
  g_free (add_observation (f, a, FALSE));
  report = sync_laptop (a);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "not from Tandem"));
  g_assert_cmpuint (report->batches_sent, ==, 1);
  /* Ignored, not fatal, and not a reason to do more than list the heads. */
  again = sync_laptop (a);
  g_assert_cmpuint (again->requests, ==, 1);
  g_assert_true (tandem_webdav_delete (a->webdav, "heads/not-a-laptop.000000000009", NULL,
                                       &error));
  g_assert_true (tandem_webdav_delete (a->webdav,
                                       "heads/6a1c0f52-3d7e-4b8a-9f10-2c3d4e5f6a7b.12", NULL,
                                       &error));
  g_assert_no_error (error);
}

static void
check_devices (Fixture *f)
{
  Laptop *a = &f->laptops[0];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = tandem_sync_session_list_devices (a->session, NULL, &error);
  guint selves = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, N_LAPTOPS);
  for (guint i = 0; i < devices->len; i++)
    {
      TandemSyncDevice *device = g_ptr_array_index (devices, i);

      g_assert_true (g_str_has_prefix (device->name, "Laptop "));
      g_assert_nonnull (device->synced_at);
      if (device->is_self)
        {
          selves++;
          g_assert_cmpstr (device->id, ==, tandem_store_get_device_id (a->store));
          g_assert_cmpstr (device->name, ==, "Laptop 1");
        }
    }
  g_assert_cmpuint (selves, ==, 1);

  /* Removing oneself is refused: that is Turn Off Sync. */
  g_assert_false (tandem_sync_session_remove_device (a->session,
                                                     tandem_store_get_device_id (a->store),
                                                     NULL, &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID);
}

static void
check_passphrase_change (Fixture *f)
{
  Laptop *a = &f->laptops[0], *b = &f->laptops[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncSession) fresh = NULL;
  g_autoptr(TandemSyncReport) report = NULL;

  g_assert_false (tandem_sync_session_change_passphrase (a->session, "wrong old one", "new one",
                                                         TANDEM_SYNC_KDF_MIN, NULL, &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (tandem_sync_session_change_passphrase (a->session, PASSPHRASE,
                                                        "a brand new passphrase",
                                                        TANDEM_SYNC_KDF_MIN, NULL, &error));
  g_assert_no_error (error);

  /* The old passphrase no longer opens the space; the new one does, and the
   * data key (so everything on the server) is the same. */
  fresh = tandem_sync_session_new (b->store, b->webdav);
  g_assert_false (tandem_sync_session_unlock (fresh, PASSPHRASE, NULL, &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (tandem_sync_session_unlock (fresh, "a brand new passphrase", NULL, &error));
  g_assert_no_error (error);
  g_free (add_observation (f, b, FALSE));
  report = tandem_sync_report_new ();
  g_assert_true (tandem_sync_session_run (fresh, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->batches_sent, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

static void
check_remove_device (Fixture *f)
{
  Laptop *a = &f->laptops[0], *c = &f->laptops[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(TandemSyncReport) report = tandem_sync_report_new ();
  g_autofree char *space = NULL;

  g_assert_true (tandem_sync_session_remove_device (a->session,
                                                    tandem_store_get_device_id (c->store),
                                                    NULL, &error));
  g_assert_no_error (error);
  devices = tandem_sync_session_list_devices (a->session, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, N_LAPTOPS - 1);

  /* The removed laptop stops and forgets the space, keeping its records. */
  g_assert_false (tandem_sync_session_run (c->session, report, NULL, &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_REMOVED);
  g_assert_null (tandem_sync_session_get_key (c->session));
  space = tandem_sync_store_get_meta (c->store, "sync_space_id");
  g_assert_null (space);
  g_assert_cmpint (tandem_test_count (c->store, TANDEM_TYPE_CHILD), >, 0);

  /* The others carry on. */
  sync_quietly (a);
  sync_quietly (&f->laptops[1]);
}

static void
run_scenario (TandemTestDavKind kind)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncReport) created = NULL;
  guint files;

  if (!fixture_set_up (f, kind))
    return;

  for (guint i = 0; i < N_LAPTOPS; i++)
    fill_a_little (f, &f->laptops[i]);
  g_free (add_observation (f, &f->laptops[0], TRUE));

  /* Laptop 1 creates the space. */
  g_assert_false (tandem_sync_session_space_exists (f->laptops[0].session, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_sync_session_create (f->laptops[0].session, PASSPHRASE,
                                             TANDEM_SYNC_KDF_MIN, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_sync_session_space_exists (f->laptops[1].session, NULL, &error));
  created = sync_laptop (&f->laptops[0]);
  g_assert_true (created->created_space);
  g_assert_cmpuint (created->blobs_sent, ==, 1);
  g_test_message ("first sync of laptop 1: %" G_GUINT64_FORMAT " requests, %" G_GUINT64_FORMAT
                  " bytes sent", created->requests, created->bytes_sent);

  /* Laptop 2: a wrong passphrase changes nothing; then both join. */
  check_wrong_passphrase (&f->laptops[1]);
  for (guint i = 1; i < N_LAPTOPS; i++)
    {
      g_autoptr(TandemSyncReport) joined = NULL;

      g_assert_true (tandem_sync_session_unlock (f->laptops[i].session, PASSPHRASE, NULL,
                                                 &error));
      g_assert_no_error (error);
      joined = sync_laptop (&f->laptops[i]);
      g_assert_true (joined->joined);
      g_assert_cmpuint (joined->problems->len, ==, 0);
      g_assert_cmpuint (joined->blobs_received, >=, 1);
    }

  /* Rounds of edits and syncs in random order. */
  for (guint round = 0; round < 4; round++)
    {
      guint order[N_LAPTOPS];

      shuffle (f, order);
      for (guint i = 0; i < N_LAPTOPS; i++)
        {
          Laptop *l = &f->laptops[order[i]];

          random_edits (f, l);
          sync_quietly (l);
        }
    }
  sync_all (f);
  sync_all (f);
  assert_converged (f);

  check_conflict (f);
  check_deletion (f);
  check_request_counts (f);
  check_devices (f);
  check_stray_head (f);
  check_damaged_batch (f);

  sync_all (f);
  sync_all (f);
  assert_converged (f);
  g_assert_cmpuint (tandem_sync_store_count_conflicts (f->laptops[2].store), ==, 1);

  check_passphrase_change (f);
  check_remove_device (f);

  files = assert_nothing_readable (f, tandem_test_dav_server_get_root (f->server));
  g_test_message ("%u files on the server, none readable", files);
  g_assert_cmpuint (files, >, 10);

  fixture_tear_down (f);
}

static void
test_apache (void)
{
  run_scenario (TANDEM_TEST_DAV_APACHE);
}

static void
test_nginx (void)
{
  run_scenario (TANDEM_TEST_DAV_NGINX);
}

static void
test_rclone (void)
{
  run_scenario (TANDEM_TEST_DAV_RCLONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/batch/round-trip", test_batch_round_trip);
  g_test_add_func ("/sync/batch/hostile", test_batch_hostile);
  g_test_add_func ("/sync/head/round-trip", test_head_round_trip);
  g_test_add_func ("/sync/apache", test_apache);
  g_test_add_func ("/sync/nginx", test_nginx);
  g_test_add_func ("/sync/rclone", test_rclone);

  return g_test_run ();
}
