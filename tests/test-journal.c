/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-export.h"
#include "tandem-journal.h"
#include "tandem-records.h"
#include "tandem-test-util.h"

/* A small room: Amara and Bilal (with their families), Chloe, and their
 * keyworker Priya. */
typedef struct {
  TandemTestStore  t;
  TandemStore     *store;
  char            *priya;
  char            *amara;
  char            *bilal;
  char            *chloe;
  char            *ngozi;      /* Amara's mother */
  char            *zainab;     /* Bilal's mother */
  char            *photo_a;    /* blob hashes */
  char            *photo_b;
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
add_child (Fixture    *f,
           const char *given,
           const char *family,
           const char *start)
{
  g_autoptr(TandemChild) child = tandem_child_new (given, family, "2022-03-14");

  tandem_record_set_text (TANDEM_RECORD (child), "start_date", start);
  tandem_record_set_text (TANDEM_RECORD (child), "keyworker_id", f->priya);
  save (f->store, child);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (child)));
}

static char *
add_carer (Fixture    *f,
           const char *child_id,
           const char *name)
{
  g_autoptr(TandemCarer) carer = tandem_carer_new (child_id, name);

  save (f->store, carer);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (carer)));
}

static char *
add_blob (Fixture    *f,
          const char *contents)
{
  g_autoptr(GBytes) bytes = g_bytes_new (contents, strlen (contents));
  g_autoptr(GError) error = NULL;
  char *hash = tandem_blob_store_add (f->store, bytes, "image/jpeg", &error);

  g_assert_no_error (error);
  return hash;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TandemKeyworker) priya = tandem_keyworker_new ("Priya Shah");

  tandem_test_store_set_up (&f->t, data);
  f->store = f->t.store;

  save (f->store, priya);
  f->priya = g_strdup (tandem_record_get_id (TANDEM_RECORD (priya)));
  f->amara = add_child (f, "Amara", "Okafor", "2023-09-04");
  f->bilal = add_child (f, "Bilal", "Hussain", "2023-09-04");
  f->chloe = add_child (f, "Chloe", "Marchetti", "2023-09-04");
  f->ngozi = add_carer (f, f->amara, "Ngozi Okafor");
  f->zainab = add_carer (f, f->bilal, "Zainab Hussain");
  f->photo_a = add_blob (f, "not really a jpeg, but the store does not mind: A");
  f->photo_b = add_blob (f, "not really a jpeg, but the store does not mind: B");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->priya);
  g_free (f->amara);
  g_free (f->bilal);
  g_free (f->chloe);
  g_free (f->ngozi);
  g_free (f->zainab);
  g_free (f->photo_a);
  g_free (f->photo_b);
  f->store = NULL;
  tandem_test_store_tear_down (&f->t, data);
}

static char *
iso_days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Saves an observation about @children (NULL-terminated ids) and returns
 * its id. */
static char *
observe (Fixture            *f,
         const char         *date,
         const char         *text,
         const char         *areas,
         const char * const *children)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, text);
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (observation), "author_id", f->priya);
  tandem_record_set_text (TANDEM_RECORD (observation), "areas", areas);
  tandem_journal_save_observation (f->store, observation, children, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

#define KIDS(...) ((const char * const []) { __VA_ARGS__, NULL })

static char *
add_comment (Fixture    *f,
             const char *observation_id,
             const char *carer_id,
             const char *text)
{
  g_autoptr(TandemComment) comment = tandem_comment_new (observation_id, text);

  if (carer_id != NULL)
    tandem_record_set_text (TANDEM_RECORD (comment), "carer_id", carer_id);
  else
    tandem_record_set_text (TANDEM_RECORD (comment), "author_id", f->priya);
  tandem_record_set_text (TANDEM_RECORD (comment), "via", "conversation");
  save (f->store, comment);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (comment)));
}

static gint64
rows (Fixture    *f,
      const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return tandem_test_query_int (f->store, sql);
}

static gboolean
ids_contain (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

static GPtrArray *
list (Fixture                   *f,
      const char                *child_id,
      const TandemJournalFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ids = tandem_journal_list_ids (f->store, child_id, filter, &error);

  g_assert_no_error (error);
  return ids;
}

static gpointer
load (Fixture    *f,
      GType       type,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  gpointer record = tandem_store_load (f->store, type, id, &error);

  g_assert_no_error (error);
  return record;
}

static void
delete_record (Fixture    *f,
               GType       type,
               const char *id,
               gboolean    deleted)
{
  g_autoptr(TandemRecord) record = load (f, type, id);
  g_autoptr(GError) error = NULL;

  if (deleted)
    tandem_store_delete (f->store, record, &error);
  else
    tandem_store_undelete (f->store, record, &error);
  g_assert_no_error (error);
}

/* Saving and links */

static void
test_save_group (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = observe (f, "2024-03-01", "Amara and Bilal built a tower.",
                                 "maths.number,pd", KIDS (f->amara, f->bilal));
  g_autoptr(GPtrArray) amara = list (f, f->amara, NULL);
  g_autoptr(GPtrArray) bilal = list (f, f->bilal, NULL);
  g_autoptr(GPtrArray) chloe = list (f, f->chloe, NULL);
  g_auto(GStrv) children = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) loaded = NULL;

  g_assert_cmpuint (amara->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (amara, 0), ==, id);
  g_assert_cmpuint (bilal->len, ==, 1);
  g_assert_cmpuint (chloe->len, ==, 0);

  children = tandem_journal_get_child_ids (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (children), ==, 2);
  g_assert_cmpstr (children[0], ==, f->amara);
  g_assert_cmpstr (children[1], ==, f->bilal);

  loaded = load (f, TANDEM_TYPE_OBSERVATION, id);
  g_assert_cmpstr (tandem_record_get_text (loaded, "source"), ==, "setting");
  g_assert_true (tandem_record_get_bool (loaded, "shared"));
  g_assert_cmpstr (tandem_record_get_text (loaded, "areas"), ==, "maths.number,pd");

  /* Every link is a record of its own and reaches the change log: two
   * fields and its creation time each. */
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM change_log "
                                                    "WHERE tbl = 'observation_children'"),
                   ==, 6);

  /* A child named twice is linked once. */
  {
    g_autofree char *twice = observe (f, "2024-03-02", "Amara painted.", NULL,
                                      KIDS (f->amara, f->amara));
    g_auto(GStrv) once = tandem_journal_get_child_ids (f->store, twice, &error);

    g_assert_cmpuint (g_strv_length (once), ==, 1);
  }
}

static void
test_relink (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = observe (f, "2024-03-01", "A tower.", NULL, KIDS (f->amara, f->bilal));
  g_autoptr(TandemObservation) observation = load (f, TANDEM_TYPE_OBSERVATION, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *bilal_link = NULL;
  g_autofree char *bilal_updated = NULL;
  g_autofree char *amara_link = NULL;
  gint64 bilal_changes;
  sqlite3_stmt *stmt = NULL;
  g_auto(GStrv) children = NULL;
  g_auto(GStrv) again = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (f->store),
                                       "SELECT id, updated_at FROM observation_children "
                                       "WHERE child_id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, f->bilal, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  bilal_link = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  bilal_updated = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, f->amara, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  amara_link = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  bilal_changes = tandem_test_query_int (f->store, "SELECT count(*) FROM change_log");

  /* Amara out, Chloe in, Bilal stays. */
  g_usleep (2000);
  g_assert_true (tandem_journal_save_observation (f->store, observation,
                                                  KIDS (f->bilal, f->chloe), NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  children = tandem_journal_get_child_ids (f->store, id, &error);
  g_assert_cmpuint (g_strv_length (children), ==, 2);
  g_assert_cmpstr (children[0], ==, f->bilal);
  g_assert_cmpstr (children[1], ==, f->chloe);
  {
    g_autoptr(GPtrArray) amara = list (f, f->amara, NULL);
    g_autoptr(GPtrArray) chloe = list (f, f->chloe, NULL);

    g_assert_cmpuint (amara->len, ==, 0);
    g_assert_cmpuint (chloe->len, ==, 1);
  }

  /* Minimal changes for sync: Bilal's link untouched, Amara's a tombstone
   * (one change), Chloe's new (two fields and its creation time); the
   * unchanged observation nothing. */
  {
    g_autoptr(TandemRecord) link = load (f, TANDEM_TYPE_OBSERVATION_CHILD, bilal_link);
    g_autoptr(TandemRecord) gone = load (f, TANDEM_TYPE_OBSERVATION_CHILD, amara_link);

    g_assert_cmpstr (tandem_record_get_updated_at (link), ==, bilal_updated);
    g_assert_false (tandem_record_get_deleted (link));
    g_assert_true (tandem_record_get_deleted (gone));
  }
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM change_log") -
                   bilal_changes, ==, 4);

  /* Amara back: her old link comes back to life rather than a new row. */
  g_assert_true (tandem_journal_save_observation (f->store, observation,
                                                  KIDS (f->amara, f->bilal, f->chloe), NULL,
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows (f, "observation_children"), ==, 3);
  {
    g_autoptr(TandemRecord) back = load (f, TANDEM_TYPE_OBSERVATION_CHILD, amara_link);

    g_assert_false (tandem_record_get_deleted (back));
  }
  again = tandem_journal_get_child_ids (f->store, id, &error);
  g_assert_cmpuint (g_strv_length (again), ==, 3);
}

static void
test_photos (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-03-01",
                                                                     "Painting together.");
  const char *id = tandem_record_get_id (TANDEM_RECORD (observation));
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) who = g_ptr_array_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) in_first = NULL;
  g_auto(GStrv) in_second = NULL;
  g_autofree char *second_id = NULL;

  g_ptr_array_add (photos, tandem_photo_new (f->photo_a));
  g_ptr_array_add (photos, tandem_photo_new (f->photo_b));
  tandem_record_set_text (g_ptr_array_index (photos, 1), "caption", "The finished painting");
  tandem_record_set_text (g_ptr_array_index (photos, 1), "taken_at", "2024-03-01T10:15:00");
  g_ptr_array_add (who, (gpointer) KIDS (f->amara));
  g_ptr_array_add (who, NULL);   /* everyone in the observation */

  g_assert_true (tandem_journal_save_observation (f->store, observation,
                                                  KIDS (f->amara, f->bilal), photos, who,
                                                  &error));
  g_assert_no_error (error);
  /* The caller's photo records now belong to the saved observation. */
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (photos, 0), "observation_id"),
                   ==, id);
  g_assert_nonnull (tandem_record_get_created_at (g_ptr_array_index (photos, 0)));

  loaded = tandem_journal_get_photos (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (loaded, 0), "blob"), ==,
                   f->photo_a);
  g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (loaded, 1), "position"), ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (loaded, 1), "caption"), ==,
                   "The finished painting");

  in_first = tandem_journal_get_photo_child_ids (f->store,
                                                 tandem_record_get_id (g_ptr_array_index (loaded, 0)),
                                                 &error);
  g_assert_cmpuint (g_strv_length (in_first), ==, 1);
  g_assert_cmpstr (in_first[0], ==, f->amara);
  second_id = g_strdup (tandem_record_get_id (g_ptr_array_index (loaded, 1)));
  in_second = tandem_journal_get_photo_child_ids (f->store, second_id, &error);
  g_assert_cmpuint (g_strv_length (in_second), ==, 2);

  /* Re-saving with only the second photo removes the first. */
  g_ptr_array_remove_index (photos, 0);
  g_assert_true (tandem_journal_save_observation (f->store, observation,
                                                  KIDS (f->amara, f->bilal), photos, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = tandem_journal_get_photos (f->store, id, &error);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (loaded, 0)), ==, second_id);
  g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (loaded, 0), "position"), ==, 0);
  g_assert_cmpint (rows (f, "photos WHERE deleted = 1"), ==, 1);

  /* And with none, removes them all. */
  g_assert_true (tandem_journal_save_observation (f->store, observation, KIDS (f->amara), NULL,
                                                  NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = tandem_journal_get_photos (f->store, id, &error);
  g_assert_cmpuint (loaded->len, ==, 0);
}

/* Validation: each bad observation is refused with a message, and nothing
 * at all is written. */

static char *
everything (Fixture *f)
{
  const char * const tables[] = {
    "observations", "observation_children", "photos", "photo_children", "comments",
    "change_log", "search_docs",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (out, "%s=%" G_GINT64_FORMAT " ", tables[i], rows (f, tables[i]));
  return g_string_free (out, FALSE);
}

static void
assert_refused (Fixture            *f,
                TandemObservation  *observation,
                const char * const *children,
                GPtrArray          *photos,
                GPtrArray          *photo_children,
                int                 code,
                const char         *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = everything (f);
  g_autofree char *after = NULL;

  g_assert_false (tandem_journal_save_observation (f->store, observation, children, photos,
                                                   photo_children, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  if (mentions != NULL && strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  after = everything (f);
  g_assert_cmpstr (before, ==, after);
}

static TandemObservation *
good_observation (Fixture *f)
{
  TandemObservation *observation = tandem_observation_new ("2024-03-01", "A tower of bricks.");

  tandem_record_set_text (TANDEM_RECORD (observation), "author_id", f->priya);
  return observation;
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *huge = g_malloc (10 * 1024 * 1024 + 1);
  g_autofree char *long_steps = g_malloc (70 * 1024 + 1);
  g_autofree char *tomorrow_plus = iso_days_from_today (5);
  g_autofree char *tomorrow = iso_days_from_today (1);
  g_autoptr(TandemObservation) observation = NULL;

  memset (huge, 'x', 10 * 1024 * 1024);
  huge[10 * 1024 * 1024] = '\0';
  memset (long_steps, 'y', 70 * 1024);
  long_steps[70 * 1024] = '\0';

  /* Text */
  observation = good_observation (f);
  tandem_record_set_text (TANDEM_RECORD (observation), "text", NULL);
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "Observation text is required");
  tandem_record_set_text (TANDEM_RECORD (observation), "text", huge);
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "Observation text is 10.0 MB; the most Tandem keeps in one field is 64 KB.");
  tandem_record_set_text (TANDEM_RECORD (observation), "text", "Zofia \xc3\x28 broken");
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "not valid UTF-8");
  g_clear_object (&observation);

  observation = good_observation (f);
  tandem_record_set_text (TANDEM_RECORD (observation), "next_steps", long_steps);
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "Next steps is 70 KB");
  tandem_record_set_text (TANDEM_RECORD (observation), "next_steps", NULL);
  tandem_record_set_text (TANDEM_RECORD (observation), "internal_note", huge);
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "Internal note");
  g_clear_object (&observation);

  /* Where it came from */
  observation = good_observation (f);
  tandem_record_set_text (TANDEM_RECORD (observation), "source", "school");
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "“school”");
  tandem_record_set_text (TANDEM_RECORD (observation), "source", TANDEM_SOURCE_HOME);
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "family member");
  g_clear_object (&observation);

  /* Codes */
  observation = good_observation (f);
  tandem_record_set_text (TANDEM_RECORD (observation), "areas", "cl,cl.singing");
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "cl.singing");
  tandem_record_set_text (TANDEM_RECORD (observation), "areas", "cl");
  tandem_record_set_text (TANDEM_RECORD (observation), "characteristics", "dreaming");
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "dreaming");
  g_clear_object (&observation);

  /* Dates */
  observation = good_observation (f);
  tandem_record_set_text (TANDEM_RECORD (observation), "observed_on", tomorrow_plus);
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  tomorrow_plus);
  tandem_record_set_text (TANDEM_RECORD (observation), "observed_on", "2024-02-30");
  assert_refused (f, observation, KIDS (f->amara), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "2024-02-30");
  g_clear_object (&observation);

  /* Children */
  observation = good_observation (f);
  assert_refused (f, observation, KIDS (NULL), NULL, NULL, TANDEM_CORE_ERROR_INVALID,
                  "at least one child");
  assert_refused (f, observation, KIDS (f->amara, "5d2c6a7e-0000-4000-8000-000000000000"),
                  NULL, NULL, TANDEM_CORE_ERROR_NOT_FOUND, "5d2c6a7e");
  delete_record (f, TANDEM_TYPE_CHILD, f->chloe, TRUE);
  assert_refused (f, observation, KIDS (f->amara, f->chloe), NULL, NULL,
                  TANDEM_CORE_ERROR_NOT_FOUND, f->chloe);

  /* Photos: one not in the store, one showing a child the observation is
   * not about, one whose name is not a hash. Nothing is half saved. */
  {
    g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) who = g_ptr_array_new ();
    const char *missing = "0000000000000000000000000000000000000000000000000000000000000000";

    g_ptr_array_add (photos, tandem_photo_new (f->photo_a));
    g_ptr_array_add (photos, tandem_photo_new (missing));
    assert_refused (f, observation, KIDS (f->amara), photos, NULL, TANDEM_CORE_ERROR_NOT_FOUND,
                    missing);

    g_ptr_array_remove_index (photos, 1);
    g_ptr_array_add (who, (gpointer) KIDS (f->amara, f->bilal));
    assert_refused (f, observation, KIDS (f->amara), photos, who, TANDEM_CORE_ERROR_INVALID,
                    "A photo can only show children the observation is about.");

    tandem_record_set_text (g_ptr_array_index (photos, 0), "blob", "../../etc/passwd");
    assert_refused (f, observation, KIDS (f->amara), photos, NULL, TANDEM_CORE_ERROR_INVALID,
                    "passwd");
  }

  /* Up to a day ahead is allowed (time zones, midnight). */
  {
    g_autoptr(GError) error = NULL;

    tandem_record_set_text (TANDEM_RECORD (observation), "observed_on", tomorrow);
    g_assert_true (tandem_journal_save_observation (f->store, observation, KIDS (f->amara),
                                                    NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_comment_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = observe (f, "2024-03-01", "A tower.", NULL, KIDS (f->amara));
  g_autofree char *huge = g_malloc (10 * 1024 * 1024 + 1);
  g_autoptr(TandemComment) comment = tandem_comment_new (id, "Lovely!");
  TandemRecord *record = TANDEM_RECORD (comment);
  struct {
    const char *carer;
    const char *author;
    const char *text;
    const char *via;
    const char *mentions;
  } cases[] = {
    { NULL, NULL, "Lovely!", NULL, "one person" },
    { f->ngozi, f->priya, "Lovely!", NULL, "one person" },
    { f->ngozi, NULL, NULL, NULL, "Comment is required" },
    { f->ngozi, NULL, huge, NULL, "10.0 MB" },
    { f->ngozi, NULL, "\xff\xfe", NULL, "UTF-8" },
    { f->ngozi, NULL, "Lovely!", "pigeon", "“pigeon”" },
  };

  memset (huge, 'z', 10 * 1024 * 1024);
  huge[10 * 1024 * 1024] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      tandem_record_set_text (record, "carer_id", cases[i].carer);
      tandem_record_set_text (record, "author_id", cases[i].author);
      tandem_record_set_text (record, "text", cases[i].text);
      tandem_record_set_text (record, "via", cases[i].via);
      g_assert_false (tandem_store_save (f->store, record, &error));
      g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
      g_test_message ("refused: %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }

  g_assert_cmpint (rows (f, "comments"), ==, 0);

  /* A family member's comment, and a practitioner's, are fine. */
  tandem_record_set_text (record, "carer_id", f->ngozi);
  tandem_record_set_text (record, "author_id", NULL);
  tandem_record_set_text (record, "text", "Lovely!");
  tandem_record_set_text (record, "via", "slip");
  save (f->store, comment);
  g_free (add_comment (f, id, NULL, "Thank you for telling us."));
  g_assert_cmpint (tandem_journal_count_comments (f->store, id), ==, 2);
}

/* The timeline */

static void
test_timeline_order (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *old = observe (f, "2024-01-10", "Old.", NULL, KIDS (f->amara));
  g_autofree char *newest = observe (f, "2024-03-05", "Newest.", NULL, KIDS (f->amara));
  g_autofree char *same_day_first = observe (f, "2024-02-01", "First that day.", NULL,
                                             KIDS (f->amara));
  g_autofree char *same_day_later = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  g_usleep (2000);
  same_day_later = observe (f, "2024-02-01", "Later that day.", NULL, KIDS (f->amara));

  ids = list (f, f->amara, NULL);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, newest);
  g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, same_day_later);
  g_assert_cmpstr (g_ptr_array_index (ids, 2), ==, same_day_first);
  g_assert_cmpstr (g_ptr_array_index (ids, 3), ==, old);

  /* Delete and undo. */
  delete_record (f, TANDEM_TYPE_OBSERVATION, newest, TRUE);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = list (f, f->amara, NULL);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_false (ids_contain (ids, newest));
  delete_record (f, TANDEM_TYPE_OBSERVATION, newest, FALSE);
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = list (f, f->amara, NULL);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, newest);
}

static void
test_timeline_filters (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *speaking = observe (f, "2024-01-10", "Talking.", "cl.speaking,pd",
                                       KIDS (f->amara));
  g_autofree char *whole_cl = observe (f, "2024-02-10", "Listening.", "cl", KIDS (f->amara));
  g_autofree char *maths = observe (f, "2024-03-10", "Counting.", "maths.number",
                                    KIDS (f->amara));
  g_autofree char *none = observe (f, "2024-04-10", "Napping.", NULL, KIDS (f->amara));
  g_autofree char *home = NULL;
  g_autofree char *internal = NULL;
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-05-10",
                                                                       "Baked bread at home.");

    tandem_record_set_text (TANDEM_RECORD (observation), "source", TANDEM_SOURCE_HOME);
    tandem_record_set_text (TANDEM_RECORD (observation), "carer_id", f->ngozi);
    tandem_record_set_text (TANDEM_RECORD (observation), "areas", "pd.fine_motor");
    g_assert_true (tandem_journal_save_observation (f->store, observation, KIDS (f->amara),
                                                    NULL, NULL, &error));
    g_assert_no_error (error);
    home = g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
  }
  {
    g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-06-10",
                                                                       "Quiet all day.");

    tandem_record_set_bool (TANDEM_RECORD (observation), "shared", FALSE);
    g_assert_true (tandem_journal_save_observation (f->store, observation, KIDS (f->amara),
                                                    NULL, NULL, &error));
    internal = g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
  }

#define CHECK(n, ...) \
  G_STMT_START { \
    g_autoptr(GPtrArray) got = list (f, f->amara, &filter); \
    const char * const want[] = { __VA_ARGS__ }; \
    guint n_want = (n); \
    g_assert_cmpuint (got->len, ==, n_want); \
    for (guint w = 0; w < n_want; w++) \
      g_assert_cmpstr (g_ptr_array_index (got, w), ==, want[w]); \
  } G_STMT_END

  /* An area matches the area itself and any of its aspects ... */
  filter.area = "cl";
  CHECK (2, whole_cl, speaking);
  /* ... an aspect only itself ... */
  filter.area = "cl.speaking";
  CHECK (1, speaking);
  filter.area = "pd";
  CHECK (2, home, speaking);
  /* ... and a code is never a prefix of another. */
  filter.area = "c";
  CHECK (0, NULL);
  filter.area = "cl.speak";
  CHECK (0, NULL);
  filter.area = NULL;

  filter.source = TANDEM_SOURCE_HOME;
  CHECK (1, home);
  filter.source = TANDEM_SOURCE_SETTING;
  CHECK (5, internal, none, maths, whole_cl, speaking);
  filter.source = NULL;

  filter.shared = 0;
  CHECK (1, internal);
  filter.shared = 1;
  CHECK (5, home, none, maths, whole_cl, speaking);
  filter.shared = -1;

  filter.from = "2024-02-10";
  filter.to = "2024-04-10";
  CHECK (3, none, maths, whole_cl);
  filter.area = "maths";
  CHECK (1, maths);
  filter.from = "2024-03-11";
  CHECK (0, NULL);

#undef CHECK
}

/* Search */

static GPtrArray *
search (Fixture    *f,
        const char *query,
        const char *child_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = tandem_journal_search (f->store, query, child_id, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static TandemSearchHit *
find_hit (GPtrArray  *hits,
          const char *row_id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      TandemSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_strcmp0 (hit->row_id, row_id) == 0)
        return hit;
    }
  return NULL;
}

static void
test_match_expression (void)
{
  static const struct {
    const char *query;
    const char *expression;
  } cases[] = {
    { "tower", "\"tower\"*" },
    { "  big   tower ", "\"big\"* \"tower\"*" },
    { "\"quoted\" *star* (paren)", "\"quoted\"* \"star\"* \"paren\"*" },
    { "o'brien", "\"o brien\"*" },
    { "NOT AND OR NEAR", "\"NOT\"* \"AND\"* \"OR\"* \"NEAR\"*" },
    { "col:umn -minus ^caret", "\"col umn\"* \"minus\"* \"caret\"*" },
    { "Siân Łukasz 日本", "\"Siân\"* \"Łukasz\"* \"日本\"*" },
    { "\"\" * () - :", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expression = tandem_journal_match_expression (cases[i].query);

      g_assert_cmpstr (expression, ==, cases[i].expression);
    }

  g_assert_null (tandem_journal_match_expression ("\xff bad"));
  g_assert_null (tandem_journal_match_expression (NULL));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *tower = observe (f, "2024-03-01", "Amara and Bilal built a tremendous tower.",
                                    NULL, KIDS (f->amara, f->bilal));
  g_autofree char *zoe = observe (f, "2024-03-02", "Sang with Zoë and Siân in Welsh.", NULL,
                                  KIDS (f->chloe));
  g_autofree char *comment = add_comment (f, tower, f->ngozi,
                                          "We build towers with saucepans at home.");
  g_autofree char *steps_id = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  TandemSearchHit *hit;

  {
    g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-03-03", "Digging.");
    g_autoptr(GError) error = NULL;

    tandem_record_set_text (TANDEM_RECORD (observation), "next_steps",
                            "Offer trowels and buckets in the allotment.");
    tandem_record_set_text (TANDEM_RECORD (observation), "ideas_for_home",
                            "Plant cress on the windowsill.");
    tandem_journal_save_observation (f->store, observation, KIDS (f->chloe), NULL, NULL,
                                     &error);
    g_assert_no_error (error);
    steps_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
  }

  /* Prefixes, highlighted. */
  hits = search (f, "tremend", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->kind, ==, "observation");
  g_assert_cmpstr (hit->row_id, ==, tower);
  g_assert_cmpstr (hit->observation_id, ==, tower);
  g_assert_cmpstr (hit->child_id, ==, f->amara);
  g_assert_cmpstr (hit->date, ==, "2024-03-01");
  g_assert_nonnull (strstr (hit->snippet, "\x01tremendous\x02"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Observations and comments alike. */
  hits = search (f, "tower", NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = find_hit (hits, comment);
  g_assert_nonnull (hit);
  g_assert_cmpstr (hit->kind, ==, "comment");
  g_assert_cmpstr (hit->observation_id, ==, tower);
  g_assert_nonnull (hit->date);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Next steps and ideas for home. */
  hits = search (f, "trowels", NULL);
  g_assert_nonnull (find_hit (hits, steps_id));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "windowsill cress", NULL);
  g_assert_nonnull (find_hit (hits, steps_id));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Accents do not matter, either way round. */
  hits = search (f, "zoe sian", NULL);
  g_assert_nonnull (find_hit (hits, zoe));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "ZOË", NULL);
  g_assert_nonnull (find_hit (hits, zoe));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Children and carers by name. */
  hits = search (f, "okafor", NULL);
  g_assert_nonnull (find_hit (hits, f->amara));
  g_assert_nonnull (find_hit (hits, f->ngozi));
  g_assert_cmpstr (find_hit (hits, f->ngozi)->kind, ==, "carer");
  g_assert_cmpstr (find_hit (hits, f->ngozi)->child_id, ==, f->amara);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Words must all match. */
  hits = search (f, "tower giraffe", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* FTS syntax in what someone typed is only text. */
  {
    const char * const odd[] = {
      "\"tower", "tower\"", "tow*", "*", "(tower", "tower)", "NOT tower", "tower OR",
      "AND", "NEAR(tower bilal)", "title:tower", "-tower", "^tower", "\"\"", "'", "{}", "+",
      "tower\\", "%", "_",
    };

    for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
      {
        g_autoptr(GPtrArray) found = search (f, odd[i], NULL);

        g_test_message ("%s: %u", odd[i], found->len);
      }
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = search (f, "(tower*)", NULL);
    g_assert_cmpuint (hits->len, ==, 2);
  }
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "   ", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_search_within_child (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *group = observe (f, "2024-03-01", "Marble run in the garden.", NULL,
                                    KIDS (f->amara, f->bilal));
  g_autofree char *chloe_only = observe (f, "2024-03-02", "Marble painting.", NULL,
                                         KIDS (f->chloe));
  g_autofree char *comment = add_comment (f, group, f->zainab, "Marble runs are his favourite.");
  g_autoptr(GPtrArray) hits = NULL;

  /* The group observation and its comment, for each of its children. */
  hits = search (f, "marble", f->amara);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_nonnull (find_hit (hits, group));
  g_assert_nonnull (find_hit (hits, comment));
  g_assert_cmpstr (find_hit (hits, group)->child_id, ==, f->amara);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f, "marble", f->bilal);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (find_hit (hits, comment)->child_id, ==, f->bilal);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f, "marble", f->chloe);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (find_hit (hits, chloe_only));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The child and their carers, not another's. */
  hits = search (f, "hussain", f->amara);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "hussain", f->bilal);
  g_assert_nonnull (find_hit (hits, f->bilal));
  g_assert_nonnull (find_hit (hits, f->zainab));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A child taken off the observation no longer finds it. */
  {
    g_autoptr(TandemObservation) observation = load (f, TANDEM_TYPE_OBSERVATION, group);
    g_autoptr(GError) error = NULL;

    g_assert_true (tandem_journal_save_observation (f->store, observation, KIDS (f->bilal),
                                                    NULL, NULL, &error));
    hits = search (f, "marble", f->amara);
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

static void
test_search_deleted (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *observation = observe (f, "2024-03-01", "Jumped in every puddle.", NULL,
                                          KIDS (f->amara));
  g_autofree char *comment = add_comment (f, observation, f->ngozi,
                                          "More puddles at the weekend!");
  g_autofree char *other = add_comment (f, observation, NULL, "Puddle suits for everyone.");
  g_autoptr(GPtrArray) hits = NULL;

  hits = search (f, "puddle", NULL);
  g_assert_cmpuint (hits->len, ==, 3);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A deleted comment goes. */
  delete_record (f, TANDEM_TYPE_COMMENT, other, TRUE);
  hits = search (f, "puddle", NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_null (find_hit (hits, other));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A deleted observation takes its comments with it, within a child too. */
  delete_record (f, TANDEM_TYPE_OBSERVATION, observation, TRUE);
  hits = search (f, "puddle", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "puddle", f->amara);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Undo brings it back. */
  delete_record (f, TANDEM_TYPE_OBSERVATION, observation, FALSE);
  hits = search (f, "puddle", f->amara);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_nonnull (find_hit (hits, comment));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A deleted child is not found by name. */
  delete_record (f, TANDEM_TYPE_CHILD, f->bilal, TRUE);
  hits = search (f, "bilal", NULL);
  g_assert_null (find_hit (hits, f->bilal));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* An edited text is searched as it is now. */
  {
    g_autoptr(TandemObservation) record = load (f, TANDEM_TYPE_OBSERVATION, observation);

    tandem_record_set_text (TANDEM_RECORD (record), "text", "Splashed in the paddling pool.");
    save (f->store, record);
    hits = search (f, "paddling", NULL);
    g_assert_nonnull (find_hit (hits, observation));
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = search (f, "jumped", NULL);
    g_assert_null (find_hit (hits, observation));
  }
}

/* Coverage */

static void
test_area_counts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) spring = NULL;
  g_autoptr(GError) error = NULL;

  g_free (observe (f, "2024-01-10", "a", "cl.speaking,cl.listening,pd", KIDS (f->amara)));
  g_free (observe (f, "2024-02-10", "b", "cl", KIDS (f->amara, f->bilal)));
  g_free (observe (f, "2024-03-10", "c", "maths.number", KIDS (f->amara)));
  g_free (observe (f, "2024-03-11", "d", NULL, KIDS (f->amara)));
  g_free (observe (f, "2024-03-12", "e", "ead", KIDS (f->bilal)));
  {
    g_autofree char *gone = observe (f, "2024-03-13", "f", "cl", KIDS (f->amara));

    delete_record (f, TANDEM_TYPE_OBSERVATION, gone, TRUE);
  }

  counts = tandem_journal_area_counts (f->store, f->amara, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Two aspects of one area count once for the area. */
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "cl")), ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "cl.speaking")), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "pd")), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "maths")), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "maths.number")), ==, 1);
  g_assert_false (g_hash_table_contains (counts, "ead"));
  g_assert_false (g_hash_table_contains (counts, "utw"));

  spring = tandem_journal_area_counts (f->store, f->amara, "2024-02-10", "2024-03-10", &error);
  g_assert_no_error (error);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (spring, "cl")), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (spring, "maths")), ==, 1);
  g_assert_false (g_hash_table_contains (spring, "pd"));
}

static void
test_children_without (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *recent = iso_days_from_today (-2);
  g_autofree char *a_while = iso_days_from_today (-30);
  g_autofree char *longer = iso_days_from_today (-60);
  g_autofree char *since = iso_days_from_today (-14);
  g_autofree char *next_month = iso_days_from_today (30);
  g_autofree char *yesterday = iso_days_from_today (-1);
  g_autofree char *dan = NULL;
  g_autofree char *eve = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(GPtrArray) quiet = NULL;
  g_autoptr(GError) error = NULL;

  g_free (observe (f, recent, "Recent.", NULL, KIDS (f->amara)));
  g_free (observe (f, a_while, "A while ago.", NULL, KIDS (f->bilal)));
  g_free (observe (f, longer, "Longer ago.", NULL, KIDS (f->chloe)));
  /* A deleted recent observation does not count. */
  gone = observe (f, recent, "Deleted.", NULL, KIDS (f->bilal));
  delete_record (f, TANDEM_TYPE_OBSERVATION, gone, TRUE);

  /* Never observed; and two children who do not attend now. */
  dan = add_child (f, "Dan", "Never", "2023-09-04");
  eve = add_child (f, "Eve", "Starting", next_month);
  {
    g_autofree char *left = add_child (f, "Fay", "Left", "2023-09-04");
    g_autoptr(TandemRecord) fay = load (f, TANDEM_TYPE_CHILD, left);

    tandem_record_set_text (fay, "leaving_date", yesterday);
    save (f->store, fay);
  }

  quiet = tandem_journal_children_without_since (f->store, since, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quiet->len, ==, 3);
  g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (quiet, 0)), ==, dan);
  g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (quiet, 1)), ==, f->chloe);
  g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (quiet, 2)), ==, f->bilal);
}

/* Export */

static void
build_journal (Fixture *f,
               char   **group,
               char   **both_photo,
               char   **amara_photo)
{
  g_autoptr(TandemObservation) observation =
    tandem_observation_new ("2024-03-01", "Two friends made a den out of crates.");
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) who = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (observation), "author_id", f->priya);
  g_ptr_array_add (photos, tandem_photo_new (f->photo_a));
  g_ptr_array_add (photos, tandem_photo_new (f->photo_b));
  g_ptr_array_add (who, NULL);                          /* both children */
  g_ptr_array_add (who, (gpointer) KIDS (f->amara));
  g_assert_true (tandem_journal_save_observation (f->store, observation,
                                                  KIDS (f->amara, f->bilal), photos, who,
                                                  &error));
  g_assert_no_error (error);
  *group = g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
  *both_photo = g_strdup (tandem_record_get_id (g_ptr_array_index (photos, 0)));
  *amara_photo = g_strdup (tandem_record_get_id (g_ptr_array_index (photos, 1)));

  g_free (add_comment (f, *group, f->ngozi, "Ngozi says: she told us all about the den."));
  g_free (add_comment (f, *group, f->zainab, "Zainab says: he wants to build one at home."));
  g_free (add_comment (f, *group, NULL, "Thank you both!"));
}

static JsonObject *
export_records (const char *dir,
                JsonParser *parser)
{
  g_autofree char *path = g_build_filename (dir, "tandem.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "records");
}

static guint
table_length (JsonObject *records,
              const char *table)
{
  return json_array_get_length (json_object_get_array_member (records, table));
}

static void
test_export_child (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *group = NULL;
  g_autofree char *both_photo = NULL;
  g_autofree char *amara_photo = NULL;
  g_autofree char *dir = g_build_filename (f->t.dir, "amara", NULL);
  g_autofree char *bilal_dir = g_build_filename (f->t.dir, "bilal", NULL);
  g_autofree char *text = NULL;
  g_autofree char *json_path = g_build_filename (dir, "tandem.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) bilal_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *blob_a = NULL;
  g_autofree char *blob_b = NULL;
  g_autofree char *deleted = NULL;
  JsonObject *records, *bilal_records;
  JsonArray *links;

  build_journal (f, &group, &both_photo, &amara_photo);
  /* A deleted observation stays out. */
  deleted = observe (f, "2024-03-02", "A deleted observation.", NULL, KIDS (f->amara));
  delete_record (f, TANDEM_TYPE_OBSERVATION, deleted, TRUE);

  g_assert_true (tandem_export_json (f->store, dir, f->amara, &error));
  g_assert_no_error (error);
  g_file_get_contents (json_path, &text, NULL, &error);
  g_assert_no_error (error);

  records = export_records (dir, parser);
  g_assert_cmpuint (table_length (records, "observations"), ==, 1);
  g_assert_nonnull (strstr (text, group));
  g_assert_null (strstr (text, deleted));

  /* Only Amara's link: the other child of the group observation is not
   * named anywhere, by name or by id. */
  links = json_object_get_array_member (records, "observation_children");
  g_assert_cmpuint (json_array_get_length (links), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 0),
                                                  "child_id"), ==, f->amara);
  g_assert_null (strstr (text, f->bilal));
  g_assert_null (strstr (text, "Bilal"));
  g_assert_null (strstr (text, "Hussain"));
  g_assert_null (strstr (text, f->zainab));
  /* Bilal's mother's comment is her family's, not Amara's. */
  g_assert_null (strstr (text, "Zainab says"));
  g_assert_nonnull (strstr (text, "Ngozi says"));
  g_assert_nonnull (strstr (text, "Thank you both!"));
  g_assert_cmpuint (table_length (records, "comments"), ==, 2);
  g_assert_nonnull (strstr (text, "Priya Shah"));

  /* The photo of both children stays out; the one of Amara alone comes,
   * with its blob, and with only Amara's photo_children row. */
  g_assert_cmpuint (table_length (records, "photos"), ==, 1);
  g_assert_null (strstr (text, both_photo));
  g_assert_nonnull (strstr (text, amara_photo));
  g_assert_cmpuint (table_length (records, "photo_children"), ==, 1);
  blob_a = g_build_filename (dir, "blobs", f->photo_a, NULL);
  blob_b = g_build_filename (dir, "blobs", f->photo_b, NULL);
  g_assert_false (g_file_test (blob_a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (blob_b, G_FILE_TEST_EXISTS));

  /* The group observation is in Bilal's export too, with Bilal's link. */
  g_assert_true (tandem_export_json (f->store, bilal_dir, f->bilal, &error));
  g_assert_no_error (error);
  bilal_records = export_records (bilal_dir, bilal_parser);
  g_assert_cmpuint (table_length (bilal_records, "observations"), ==, 1);
  links = json_object_get_array_member (bilal_records, "observation_children");
  g_assert_cmpuint (json_array_get_length (links), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 0),
                                                  "child_id"), ==, f->bilal);
  g_assert_cmpuint (table_length (bilal_records, "photos"), ==, 0);
  g_assert_cmpuint (table_length (bilal_records, "photo_children"), ==, 0);

  /* Amara's export imports into another setting and shows her journal. */
  {
    g_autofree char *other_path = g_build_filename (f->t.dir, "other", "tandem.db", NULL);
    g_autoptr(TandemStore) other = tandem_test_open_store (other_path);
    g_autoptr(GPtrArray) ids = NULL;
    g_autoptr(GPtrArray) photos = NULL;

    g_assert_true (tandem_import_json (other, dir, &error));
    g_assert_no_error (error);
    ids = tandem_journal_list_ids (other, f->amara, NULL, &error);
    g_assert_cmpuint (ids->len, ==, 1);
    photos = tandem_journal_get_photos (other, group, &error);
    g_assert_cmpuint (photos->len, ==, 1);
    g_assert_true (tandem_blob_store_has (other, f->photo_b));
  }
}

static GPtrArray *
all_ids (TandemStore *store,
         GType        type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id",
                                          tandem_record_type_get_table (type));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return ids;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *group = NULL;
  g_autofree char *both_photo = NULL;
  g_autofree char *amara_photo = NULL;
  g_autofree char *dir = g_build_filename (f->t.dir, "setting", NULL);
  g_autofree char *other_path = g_build_filename (f->t.dir, "other", "tandem.db", NULL);
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *deleted = NULL;
  guint n_types;
  const GType *types = tandem_record_types (&n_types);

  build_journal (f, &group, &both_photo, &amara_photo);
  {
    g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-03-05",
                                                                       "Made bara brith.");

    tandem_record_set_text (TANDEM_RECORD (observation), "source", TANDEM_SOURCE_HOME);
    tandem_record_set_text (TANDEM_RECORD (observation), "carer_id", f->ngozi);
    tandem_record_set_text (TANDEM_RECORD (observation), "areas", "utw.people_culture,pd");
    tandem_record_set_text (TANDEM_RECORD (observation), "characteristics", "active,creating");
    tandem_record_set_text (TANDEM_RECORD (observation), "next_steps", "Bake in nursery.");
    tandem_record_set_text (TANDEM_RECORD (observation), "ideas_for_home", "Welsh cakes next.");
    tandem_record_set_text (TANDEM_RECORD (observation), "internal_note", "Staff only.");
    tandem_record_set_bool (TANDEM_RECORD (observation), "shared", FALSE);
    g_assert_true (tandem_journal_save_observation (f->store, observation, KIDS (f->amara),
                                                    NULL, NULL, &error));
  }
  deleted = observe (f, "2024-03-06", "Deleted but a tombstone.", NULL, KIDS (f->bilal));
  delete_record (f, TANDEM_TYPE_OBSERVATION, deleted, TRUE);

  g_assert_true (tandem_export_json (f->store, dir, NULL, &error));
  g_assert_no_error (error);
  other = tandem_test_open_store (other_path);
  g_assert_true (tandem_import_json (other, dir, &error));
  g_assert_no_error (error);

  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(GPtrArray) ids_a = all_ids (f->store, types[t]);
      g_autoptr(GPtrArray) ids_b = all_ids (other, types[t]);
      guint n_fields;
      const TandemField *fields = tandem_record_type_get_fields (types[t], &n_fields);

      g_assert_cmpuint (ids_a->len, ==, ids_b->len);
      for (guint i = 0; i < ids_a->len; i++)
        {
          g_autoptr(TandemRecord) ra = load (f, types[t], ids_a->pdata[i]);
          g_autoptr(TandemRecord) rb = tandem_store_load (other, types[t], ids_a->pdata[i],
                                                          &error);

          g_assert_no_error (error);
          g_assert_cmpstr (tandem_record_get_created_at (ra), ==,
                           tandem_record_get_created_at (rb));
          g_assert_cmpstr (tandem_record_get_updated_at (ra), ==,
                           tandem_record_get_updated_at (rb));
          g_assert_cmpint (tandem_record_get_deleted (ra), ==, tandem_record_get_deleted (rb));
          for (guint k = 0; k < n_fields; k++)
            if (!tandem_record_values_equal (fields[k].type, tandem_record_get_value (ra, k),
                                             tandem_record_get_value (rb, k)))
              g_error ("%s %s differs in %s", tandem_record_type_get_table (types[t]),
                       (char *) ids_a->pdata[i], fields[k].name);
        }
    }

  g_assert_true (tandem_blob_store_has (other, f->photo_a));
  g_assert_true (tandem_blob_store_has (other, f->photo_b));

  /* The imported journal is searchable, deleted rows still left out. */
  hits = tandem_journal_search (other, "den", f->bilal, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_hit (hits, group));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = tandem_journal_search (other, "tombstone", NULL, 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_comments (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = observe (f, "2024-03-01", "A tower.", NULL, KIDS (f->amara));
  g_autoptr(TandemComment) early = tandem_comment_new (id, "First.");
  g_autoptr(TandemComment) late = tandem_comment_new (id, "Second.");
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (late), "author_id", f->priya);
  tandem_record_set_text (TANDEM_RECORD (late), "commented_on", "2024-03-05");
  save (f->store, late);
  tandem_record_set_text (TANDEM_RECORD (early), "carer_id", f->ngozi);
  tandem_record_set_text (TANDEM_RECORD (early), "commented_on", "2024-03-02");
  save (f->store, early);

  comments = tandem_journal_get_comments (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (comments, 0), "text"), ==,
                   "First.");
  g_assert_cmpint (tandem_journal_count_comments (f->store, id), ==, 2);

  tandem_store_delete (f->store, TANDEM_RECORD (early), &error);
  g_assert_cmpint (tandem_journal_count_comments (f->store, id), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/journal/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("save-group", test_save_group);
  ADD ("relink", test_relink);
  ADD ("photos", test_photos);
  ADD ("refused", test_refused);
  ADD ("comment-refused", test_comment_refused);
  ADD ("comments", test_comments);
  ADD ("timeline-order", test_timeline_order);
  ADD ("timeline-filters", test_timeline_filters);
  g_test_add_func ("/journal/match-expression", test_match_expression);
  ADD ("search", test_search);
  ADD ("search-within-child", test_search_within_child);
  ADD ("search-deleted", test_search_deleted);
  ADD ("area-counts", test_area_counts);
  ADD ("children-without", test_children_without);
  ADD ("export-child", test_export_child);
  ADD ("round-trip", test_round_trip);

#undef ADD

  return g_test_run ();
}
