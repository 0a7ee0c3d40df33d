/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <sqlite3.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-backup.h"
#include "tandem-core-error.h"
#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-test-util.h"

typedef TandemTestStore Fixture;

static void
test_file_modes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);

  tandem_test_assert_mode (f->path, 0600);
  tandem_test_assert_mode (dir, 0700);
  g_assert_cmpint (tandem_store_get_schema_version (f->store), ==,
                   tandem_store_latest_schema_version ());
  g_assert_cmpint (tandem_test_query_int (f->store, "PRAGMA application_id"), ==,
                   TANDEM_STORE_APPLICATION_ID);
}

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemChild) child = tandem_child_new ("Amara", "Okafor", "2022-03-14");
  g_autoptr(TandemChild) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *id = tandem_record_get_id (TANDEM_RECORD (child));

  tandem_record_set_text (TANDEM_RECORD (child), "preferred_name", "Ami");
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (child), &error));
  g_assert_no_error (error);
  g_assert_nonnull (tandem_record_get_created_at (TANDEM_RECORD (child)));

  loaded = tandem_store_load (f->store, TANDEM_TYPE_CHILD, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_child_get_display_name (loaded), ==, "Ami");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (loaded), "date_of_birth"), ==,
                   "2022-03-14");

  tandem_record_set_text (TANDEM_RECORD (loaded), "preferred_name", NULL);
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (loaded), &error));
  g_clear_object (&loaded);
  loaded = tandem_store_load (f->store, TANDEM_TYPE_CHILD, id, &error);
  g_assert_cmpstr (tandem_child_get_display_name (loaded), ==, "Amara");

  list = tandem_store_list (f->store, TANDEM_TYPE_CHILD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  g_clear_object (&loaded);
  loaded = tandem_store_load (f->store, TANDEM_TYPE_CHILD, "no-such-id", &error);
  g_assert_null (loaded);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemChild) child = tandem_child_new ("Amara", NULL, "2022-03-14");
  g_autoptr(TandemChild) bad_date = tandem_child_new ("Amara", "Okafor", "2022-02-30");
  g_autoptr(TandemChild) bad_utf8 = tandem_child_new ("Am\xff", "Okafor", "2022-02-10");

  g_assert_false (tandem_store_save (f->store, TANDEM_RECORD (child), &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_store_save (f->store, TANDEM_RECORD (bad_date), &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tandem_store_save (f->store, TANDEM_RECORD (bad_utf8), &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM children"), ==, 0);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM change_log"), ==, 0);
}

static void
test_change_log (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCarer) carer = tandem_carer_new ("child-1", "Joanna Kowalska");
  gint64 after_insert;

  tandem_record_set_text (TANDEM_RECORD (carer), "preferred_language", "pl");
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (carer), &error));
  g_assert_no_error (error);

  /* created_at, child_id, full_name, parental_responsibility,
   * preferred_language. */
  after_insert = tandem_test_query_int (f->store, "SELECT count(*) FROM change_log");
  g_assert_cmpint (after_insert, ==, 5);
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM change_log c JOIN carers r "
                                          "ON r.id = c.row_id WHERE c.field = 'created_at' "
                                          "AND c.value = r.created_at"), ==, 1);

  /* Saving unchanged writes nothing. */
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (carer), &error));
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM change_log"), ==,
                   after_insert);

  tandem_carer_set_circumstance (carer, "transport", TRUE, "No car; two buses");
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (carer), &error));
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM change_log"), ==,
                   after_insert + 2);
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM change_log WHERE field = "
                                          "'circ_transport_note' AND prev_hlc IS NULL"), ==, 1);

  tandem_record_set_text (TANDEM_RECORD (carer), "preferred_language", "cy");
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (carer), &error));
  /* The second change of a field remembers the clock of the first. */
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM change_log a JOIN change_log b "
                                          "ON a.field = b.field AND b.prev_hlc = a.hlc "
                              "WHERE a.field = 'preferred_language'"), ==, 1);
  /* Clocks never go back, and each of the three saves has its own. */
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM change_log a JOIN change_log b "
                                          "ON b.seq > a.seq AND b.hlc < a.hlc"), ==, 0);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(DISTINCT hlc) FROM change_log"),
                   ==, 3);
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(DISTINCT device) FROM change_log"), ==, 1);
}

static void
test_soft_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRoom) room = tandem_room_new ("Caterpillars");

  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (room), &error));
  g_assert_true (tandem_store_delete (f->store, TANDEM_RECORD (room), &error));
  g_assert_no_error (error);
  g_assert_true (tandem_record_get_deleted (TANDEM_RECORD (room)));
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 0);
  /* The tombstone stays. */
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM rooms WHERE deleted = 1"), ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM change_log "
                                          "WHERE field = 'deleted' AND value = 1"), ==, 1);

  g_assert_true (tandem_store_undelete (f->store, TANDEM_RECORD (room), &error));
  g_assert_false (tandem_record_get_deleted (TANDEM_RECORD (room)));
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 1);
}

static void
changed_cb (TandemStore *store,
            const char  *table,
            const char  *id,
            guint       *count)
{
  (*count)++;
}

static void
test_transaction (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRoom) a = tandem_room_new ("Ladybirds");
  g_autoptr(TandemRoom) b = tandem_room_new ("Bumblebees");
  guint changed = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), &changed);

  g_assert_true (tandem_store_begin (f->store, &error));
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (a), &error));
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (b), &error));
  g_assert_cmpuint (changed, ==, 0);
  tandem_store_rollback (f->store);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM change_log"), ==, 0);

  g_assert_true (tandem_store_begin (f->store, &error));
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (a), &error));
  g_assert_true (tandem_store_commit (f->store, &error));
  g_assert_cmpuint (changed, ==, 1);
}

static void
test_search_index (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemChild) child = tandem_child_new ("Siân", "Evans", "2021-11-02");

  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (child), &error));
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM search WHERE search MATCH 'sian'"),
                   ==, 1);
  tandem_record_set_text (TANDEM_RECORD (child), "preferred_name", "Cariad");
  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (child), &error));
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM search "
                                          "WHERE search MATCH 'cariad'"), ==, 1);
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tandem_store_set_actor (f->store, "Priya Shah");
  g_assert_true (tandem_store_audit (f->store, "export-json", "child-1", "/tmp/x", &error));
  g_assert_no_error (error);
  g_assert_cmpint (tandem_test_query_int (f->store,
                                          "SELECT count(*) FROM audit WHERE actor = 'Priya Shah' "
                                          "AND child_id = 'child-1'"), ==, 1);
}

static void
assert_refused_unchanged (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = tandem_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);
  g_assert_nonnull (error->message);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_corrupt_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  sqlite3 *db;

  tandem_test_write_file (garbage, "%PDF-1.4 this is not a database at all, just some text.....",
                          60);
  assert_refused_unchanged (garbage);

  tandem_test_write_file (empty, "", 0);
  assert_refused_unchanged (empty);

  /* Fill the real database, checkpoint it, and cut it in half. */
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(TandemChild) child = tandem_child_new ("Child", "Number", "2022-01-01");
      g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (child), &error));
    }
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  tandem_test_write_file (truncated, contents, (gssize) (len / 2));
  assert_refused_unchanged (truncated);

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (foreign);
}

/* A database whose creation was killed before anything reached the disk is
 * an empty file private to the user: it opens as a new database (an empty
 * file with the usual permissions, a copy cut short, is still refused:
 * test_corrupt_refused). */
static void
test_interrupted_creation (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unwritten = g_build_filename (f->dir, "unwritten.db", NULL);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemChild) child = tandem_child_new ("Ola", "Nowak", "2021-06-30");
  int fd;

  fd = g_open (unwritten, O_WRONLY | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_cmpint (g_chmod (unwritten, 0600), ==, 0);
  store = tandem_store_open (unwritten, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (tandem_store_get_schema_version (store), ==,
                   tandem_store_latest_schema_version ());
  g_assert_cmpint (tandem_store_count (store, TANDEM_TYPE_CHILD, NULL, NULL, &error), ==, 0);
  g_assert_true (tandem_store_save (store, TANDEM_RECORD (child), &error));
  g_assert_no_error (error);
  tandem_test_assert_mode (unwritten, 0600);
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemChild) child = tandem_child_new ("Ola", "Nowak", "2021-06-30");
  g_autofree char *backup = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (child), &error));
  g_assert_true (tandem_backup_file (f->path, backup, &error));
  g_assert_no_error (error);
  tandem_test_assert_mode (backup, 0600);

  /* Change the live database, then restore the backup over it. */
  g_assert_true (tandem_store_delete (f->store, TANDEM_RECORD (child), &error));
  g_clear_object (&f->store);
  g_assert_true (tandem_backup_restore (f->path, backup, &error));
  g_assert_no_error (error);

  f->store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  list = tandem_store_list (f->store, TANDEM_TYPE_CHILD, NULL, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (list, 0), "given_name"), ==,
                   "Ola");
}

static void
test_backup_daily (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  for (int day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (2026, 11, day, 9, 0, 0);
      g_autofree char *made = tandem_backup_daily (f->path, when, &error);

      g_assert_no_error (error);
      g_assert_nonnull (made);
      /* A second call the same day does nothing. */
      g_assert_null (tandem_backup_daily (f->path, when, &error));
      g_assert_no_error (error);
    }

  list = tandem_backup_list (f->path);
  g_assert_cmpuint (list->len, ==, TANDEM_BACKUPS_KEPT);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (list, 0), "tandem-2026-11-10.db"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (list, 6), "tandem-2026-11-04.db"));
}

static void
test_recover (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRoom) room = tandem_room_new ("Owls");
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *damaged = NULL;
  gsize len;

  g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (room), &error));
  backup = tandem_backup_daily (f->path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* 100 bytes that are not a database. */
  tandem_test_write_file (f->path, "garbage garbage garbage garbage garbage garbage garbage "
                          "garbage garbage garbage garbage garbage junk", -1);
  aside = tandem_backup_recover (f->path, backup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  /* The damaged file is kept, untouched. */
  g_assert_true (g_file_get_contents (aside, &damaged, &len, NULL));
  g_assert_cmpuint (len, ==, 100);

  f->store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 1);
}

static void
test_deferred_integrity (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) deferred = NULL;
  g_autoptr(TandemStore) full = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *db;
  gsize len;

  /* A setting with enough rows for the children table to span many pages. */
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(TandemChild) child = tandem_child_new ("Child", "Number", "2022-01-01");
      tandem_record_set_text (TANDEM_RECORD (child), "notes",
                              "A long enough note to fill the pages of the table quickly.");
      g_assert_true (tandem_store_save (f->store, TANDEM_RECORD (child), &error));
    }
  g_clear_object (&f->store);

  /* Checkpoint the WAL into the file so that the damage below lands in it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE); "
                                     "PRAGMA journal_mode = DELETE", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  /* Scribble over the middle of the file: the header and schema stay whole,
   * an interior page does not. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16 * 4096);
  memset (contents + len / 2, 0x5a, 3000);
  tandem_test_write_file (f->path, contents, len);

  g_assert_true (tandem_store_check_structure (f->path, &error));
  g_assert_no_error (error);
  g_assert_false (tandem_store_check_file (f->path, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);
  g_clear_error (&error);

  full = tandem_store_open (f->path, &error);
  g_assert_null (full);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The app opens with the full check deferred to a thread after its first
   * frame; that check then finds the damage (above). */
  deferred = tandem_store_open_with_flags (f->path, TANDEM_STORE_OPEN_DEFER_INTEGRITY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deferred);
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) again = NULL;

  g_assert_cmpint (sqlite3_exec (tandem_store_get_db (f->store), "PRAGMA user_version = 999",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  again = tandem_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NEWER_VERSION);
}

/* Checking a database this process has open must not drop the locks SQLite
 * holds on it: otherwise another program closing the same database thinks it
 * is the last, folds the write-ahead log into the file and deletes it, and
 * everything this process writes next goes to a deleted file. */
static void
test_check_keeps_locks (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemStore) again = NULL;
  g_autoptr(TandemRecord) room = NULL;
  g_autoptr(TandemRecord) later = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      /* Another program: open, read, close. */
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open_v2 (g_getenv ("TANDEM_TEST_DB"), &db,
                                        SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM rooms", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      sqlite3_close (db);
      return;
    }

  dir = tandem_test_make_dir ();
  path = g_build_filename (dir, "tandem.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  store = tandem_test_open_store (path);
  room = tandem_record_new (TANDEM_TYPE_ROOM);
  tandem_record_set_text (room, "name", "Caterpillars");
  g_assert_true (tandem_store_save (store, room, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (tandem_store_check_file (path, &error));
  g_assert_no_error (error);

  g_setenv ("TANDEM_TEST_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The log is still there, and what is written now reaches the file. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  later = tandem_record_new (TANDEM_TYPE_ROOM);
  tandem_record_set_text (later, "name", "Ladybirds");
  g_assert_true (tandem_store_save (store, later, &error));
  g_clear_object (&store);

  again = tandem_test_open_store (path);
  g_assert_cmpint (tandem_test_count (again, TANDEM_TYPE_ROOM), ==, 2);
  g_clear_object (&again);
  tandem_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/" name, Fixture, NULL, tandem_test_store_set_up, func, \
              tandem_test_store_tear_down)

  ADD ("file-modes", test_file_modes);
  ADD ("crud", test_crud);
  ADD ("validation", test_validation);
  ADD ("change-log", test_change_log);
  ADD ("soft-delete", test_soft_delete);
  ADD ("transaction", test_transaction);
  ADD ("search-index", test_search_index);
  ADD ("audit", test_audit);
  ADD ("corrupt-refused", test_corrupt_refused);
  ADD ("interrupted-creation", test_interrupted_creation);
  ADD ("backup-restore", test_backup_restore);
  ADD ("backup-daily", test_backup_daily);
  ADD ("recover", test_recover);
  ADD ("newer-version", test_newer_version);
  ADD ("deferred-integrity", test_deferred_integrity);
  g_test_add_func ("/store/check-keeps-locks", test_check_keeps_locks);

  return g_test_run ();
}
