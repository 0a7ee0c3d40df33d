/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tandem-journal.h"
#include "tandem-records.h"
#include "tandem-store.h"

/* Every schema version the project ever shipped, as an SQL dump of a small
 * database made by that version. A new migration must upgrade each of them. */
static const int shipped_versions[] = { 1 };

static char *
load_fixture (int version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("v%d.sql", version);
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "schema", name, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tandem-migrate-XXXXXX", &error);
  char *db_path = g_build_filename (dir, "old.db", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql_path, message);
  sqlite3_close (db);

  return db_path;
}

static void
test_upgrade (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = load_fixture (version);
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(TandemChild) added = NULL;
  const char *child_id;
  sqlite3_stmt *stmt;

  store = tandem_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tandem_store_get_schema_version (store), ==,
                   tandem_store_latest_schema_version ());

  children = tandem_store_list (store, TANDEM_TYPE_CHILD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (children, 0), "given_name"), ==,
                   "Siân");
  child_id = tandem_record_get_id (g_ptr_array_index (children, 0));

  carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?",
                              (const char *[]) { child_id, NULL }, &error);
  g_assert_cmpuint (carers->len, ==, 1);
  g_assert_true (tandem_carer_has_circumstance (g_ptr_array_index (carers, 0), "working_hours"));
  g_assert_cmpstr (tandem_carer_get_circumstance_note (g_ptr_array_index (carers, 0),
                                                       "working_hours"), ==,
                   "Nurse, 7am–7pm shifts");

  /* The old search index still answers, and new rows join it. */
  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store),
                                       "SELECT count(*) FROM search WHERE search MATCH 'rhian'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  added = tandem_child_new ("Zofia", "Nowak", "2023-01-09");
  g_assert_true (tandem_store_save (store, TANDEM_RECORD (added), &error));
  g_assert_no_error (error);

  /* The learning journal's tables (schema version 2) exist, and a child
   * from the old database gets an observation that search finds. */
  {
    const char * const tables[] = {
      "observations", "observation_children", "photos", "photo_children", "comments", "drafts",
    };
    const char * const children_ids[] = { child_id, NULL };
    g_autoptr(TandemObservation) observation =
      tandem_observation_new ("2024-05-01", "Siân sang a whole verse of Calon Lân.");
    g_autoptr(GPtrArray) ids = NULL;
    g_autoptr(GPtrArray) hits = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store),
                                             "SELECT count(*) FROM sqlite_master "
                                             "WHERE type = 'table' AND name = ?",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
        sqlite3_finalize (stmt);
      }

    g_assert_true (tandem_journal_save_observation (store, observation, children_ids, NULL,
                                                    NULL, &error));
    g_assert_no_error (error);
    ids = tandem_journal_list_ids (store, child_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    hits = tandem_journal_search (store, "calon", child_id, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((TandemSearchHit *) g_ptr_array_index (hits, 0))->kind, ==, "observation");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shipped_versions); i++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/upgrade-from-v%d",
                                               shipped_versions[i]);
      g_test_add_data_func (name, GINT_TO_POINTER (shipped_versions[i]), test_upgrade);
    }

  return g_test_run ();
}
