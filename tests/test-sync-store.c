/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <sqlite3.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-demo.h"
#include "tandem-records.h"
#include "tandem-sync-store.h"
#include "tandem-test-util.h"

/* Two devices, each with its own database, that exchange their changes the
 * way the sync engine does: local_changes() on one, apply_change() on the
 * other, in (hlc, device) order. */
typedef struct {
  TandemTestStore a;
  TandemTestStore b;
  gint64          a_sent;  /* change-log position of a already given to b */
  gint64          b_sent;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  tandem_test_store_set_up (&f->a, data);
  tandem_test_store_set_up (&f->b, data);
  f->a_sent = 0;
  f->b_sent = 0;
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  tandem_test_store_tear_down (&f->a, data);
  tandem_test_store_tear_down (&f->b, data);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  return tandem_sync_change_compare (*(TandemSyncChange * const *) a,
                                     *(TandemSyncChange * const *) b);
}

static TandemSyncApplyCounts
apply_all (TandemStore *to,
           GPtrArray   *changes,
           GPtrArray  **changed_rows)
{
  g_autoptr(GError) error = NULL;
  TandemSyncApplyCounts counts = { 0 };
  TandemSyncApply *apply = tandem_sync_apply_begin (to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (apply);

  g_ptr_array_sort (changes, compare_changes);
  for (guint i = 0; i < changes->len; i++)
    {
      g_assert_true (tandem_sync_apply_change (apply, g_ptr_array_index (changes, i), &error));
      g_assert_no_error (error);
    }
  g_assert_true (tandem_sync_apply_commit (apply, &counts, changed_rows, &error));
  g_assert_no_error (error);
  return counts;
}

/* Sends what @from made since last time to @to. */
static TandemSyncApplyCounts
sync_one (TandemStore *from,
          gint64      *sent,
          TandemStore *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = tandem_sync_store_local_changes (from, *sent, 0, sent, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  return apply_all (to, changes, NULL);
}

static void
a_to_b (Fixture *f)
{
  sync_one (f->a.store, &f->a_sent, f->b.store);
}

static void
b_to_a (Fixture *f)
{
  sync_one (f->b.store, &f->b_sent, f->a.store);
}

static void
save (TandemStore  *store,
      TandemRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_store_save (store, record, &error));
  g_assert_no_error (error);
}

static TandemRecord *
load (TandemStore *store,
      GType        type,
      const char  *id)
{
  g_autoptr(GError) error = NULL;
  TandemRecord *record = tandem_store_load (store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
edit_room (TandemStore *store,
           const char  *id,
           const char  *field,
           const char  *text)
{
  g_autoptr(TandemRecord) room = load (store, TANDEM_TYPE_ROOM, id);

  tandem_record_set_text (room, field, text);
  save (store, room);
}

static char *
room_text (TandemStore *store,
           const char  *id,
           const char  *field)
{
  g_autoptr(TandemRecord) room = load (store, TANDEM_TYPE_ROOM, id);

  return g_strdup (tandem_record_get_text (room, field));
}

/* A room made on a and given to b. */
static char *
shared_room (Fixture    *f,
             const char *notes)
{
  g_autoptr(TandemRoom) room = tandem_room_new ("Ladybirds");

  tandem_record_set_text (TANDEM_RECORD (room), "notes", notes);
  save (f->a.store, TANDEM_RECORD (room));
  a_to_b (f);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (room)));
}

static char *
dump (TandemStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = tandem_sync_store_dump (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static gint64
conflicts (TandemStore *store)
{
  return tandem_sync_store_count_conflicts (store);
}

static void
test_local_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCarer) carer = tandem_carer_new ("child-1", "Joanna Kowalska");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  const char *id = tandem_record_get_id (TANDEM_RECORD (carer));
  gboolean seen_created = FALSE, seen_name = FALSE, seen_flag = FALSE, seen_deleted = FALSE;
  gint64 last = -1, next = -1;

  tandem_record_set_int (TANDEM_RECORD (carer), "notice_days", 3);
  save (f->a.store, TANDEM_RECORD (carer));
  g_assert_true (tandem_store_delete (f->a.store, TANDEM_RECORD (carer), &error));

  changes = tandem_sync_store_local_changes (f->a.store, 0, 0, &last, &error);
  g_assert_no_error (error);
  /* created_at, child_id, full_name, parental_responsibility,
   * preferred_language, notice_days, deleted. */
  g_assert_cmpuint (changes->len, ==, 7);
  g_assert_cmpint (last, ==, tandem_test_query_int (f->a.store, "SELECT max(seq) FROM change_log"));
  g_assert_cmpint (tandem_sync_store_last_local_seq (f->a.store, &error), ==, last);
  g_assert_cmpint (tandem_sync_store_last_local_seq (f->b.store, &error), ==, 0);

  for (guint i = 0; i < changes->len; i++)
    {
      TandemSyncChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpstr (change->table, ==, "carers");
      g_assert_cmpstr (change->row_id, ==, id);
      g_assert_cmpstr (change->device, ==, tandem_store_get_device_id (f->a.store));
      g_assert_cmpuint (strlen (change->hlc), ==, 16);

      if (g_str_equal (change->field, "created_at"))
        {
          g_assert_true (g_variant_is_of_type (change->value, G_VARIANT_TYPE_STRING));
          g_assert_cmpstr (g_variant_get_string (change->value, NULL), ==,
                           tandem_record_get_created_at (TANDEM_RECORD (carer)));
          g_assert_null (change->prev_hlc);
          seen_created = TRUE;
        }
      else if (g_str_equal (change->field, "full_name"))
        {
          g_assert_cmpstr (g_variant_get_string (change->value, NULL), ==, "Joanna Kowalska");
          seen_name = TRUE;
        }
      else if (g_str_equal (change->field, "parental_responsibility"))
        {
          g_assert_true (g_variant_is_of_type (change->value, G_VARIANT_TYPE_BOOLEAN));
          seen_flag = TRUE;
        }
      else if (g_str_equal (change->field, "notice_days"))
        {
          g_assert_true (g_variant_is_of_type (change->value, G_VARIANT_TYPE_INT64));
          g_assert_cmpint (g_variant_get_int64 (change->value), ==, 3);
        }
      else if (g_str_equal (change->field, "deleted"))
        {
          g_assert_true (g_variant_get_boolean (change->value));
          g_assert_true (i == changes->len - 1);
          seen_deleted = TRUE;
        }
    }
  g_assert_true (seen_created && seen_name && seen_flag && seen_deleted);

  /* In pieces, reading on from where the last piece ended. */
  first = tandem_sync_store_local_changes (f->a.store, 0, 4, &next, &error);
  g_assert_cmpuint (first->len, ==, 4);
  rest = tandem_sync_store_local_changes (f->a.store, next, 0, &next, &error);
  g_assert_cmpuint (rest->len, ==, 3);
  g_assert_cmpint (next, ==, last);
  g_clear_pointer (&rest, g_ptr_array_unref);
  rest = tandem_sync_store_local_changes (f->a.store, last, 0, &next, &error);
  g_assert_cmpuint (rest->len, ==, 0);
  g_assert_cmpint (next, ==, last);

  /* What another device sent is not this device's to send again. */
  a_to_b (f);
  g_clear_pointer (&rest, g_ptr_array_unref);
  rest = tandem_sync_store_local_changes (f->b.store, 0, 0, &next, &error);
  g_assert_cmpuint (rest->len, ==, 0);
  g_assert_cmpint (next, ==, 0);
}

static void
test_create_and_sequential (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = shared_room (f, "Likes water play.");
  g_autofree char *a_dump = NULL;
  g_autofree char *b_dump = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(TandemRecord) a_room = load (f->a.store, TANDEM_TYPE_ROOM, id);
  g_autoptr(TandemRecord) b_room = load (f->b.store, TANDEM_TYPE_ROOM, id);

  /* The copy has the same content and creation time. */
  g_assert_cmpstr (tandem_record_get_created_at (a_room), ==,
                   tandem_record_get_created_at (b_room));
  a_dump = dump (f->a.store);
  b_dump = dump (f->b.store);
  g_assert_cmpstr (a_dump, ==, b_dump);
  g_assert_nonnull (strstr (a_dump, "rooms\t"));

  /* b edits on top of a's version, then a on top of b's: no conflicts. */
  edit_room (f->b.store, id, "notes", "Likes sand play.");
  b_to_a (f);
  notes = room_text (f->a.store, id, "notes");
  g_assert_cmpstr (notes, ==, "Likes sand play.");
  edit_room (f->a.store, id, "notes", "Likes both.");
  a_to_b (f);
  g_clear_pointer (&notes, g_free);
  notes = room_text (f->b.store, id, "notes");
  g_assert_cmpstr (notes, ==, "Likes both.");
  g_assert_cmpint (conflicts (f->a.store), ==, 0);
  g_assert_cmpint (conflicts (f->b.store), ==, 0);

  /* The local edit after a received one remembers it. */
  g_assert_cmpint (tandem_test_query_int (f->a.store,
                                          "SELECT count(*) FROM change_log a "
                                          "JOIN field_clock c ON c.field = a.field "
                                          "WHERE a.field = 'notes' AND a.value = 'Likes both.' "
                                          "AND a.prev_hlc IS NOT NULL AND a.prev_hlc = c.prev"), ==, 1);
}

/* Both devices edit the notes of one room before either syncs: b's edit is
 * the later one and wins everywhere, and a's text is kept as a conflict on
 * both devices, under the same id. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  gboolean b_first = GPOINTER_TO_INT (data);
  g_autofree char *id = shared_room (f, "Settling in.");
  g_autofree char *a_notes = NULL;
  g_autofree char *b_notes = NULL;
  g_autoptr(GPtrArray) a_list = NULL;
  g_autoptr(GPtrArray) b_list = NULL;
  g_autoptr(GError) error = NULL;
  TandemSyncConflict *conflict;

  edit_room (f->a.store, id, "notes", "Settling in well; naps after lunch.");
  g_usleep (2000);
  edit_room (f->b.store, id, "notes", "Settling in; misses mum at drop-off.");

  if (b_first)
    {
      b_to_a (f);
      a_to_b (f);
    }
  else
    {
      a_to_b (f);
      b_to_a (f);
    }

  a_notes = room_text (f->a.store, id, "notes");
  b_notes = room_text (f->b.store, id, "notes");
  g_assert_cmpstr (a_notes, ==, "Settling in; misses mum at drop-off.");
  g_assert_cmpstr (b_notes, ==, a_notes);

  g_assert_cmpint (conflicts (f->a.store), ==, 1);
  g_assert_cmpint (conflicts (f->b.store), ==, 1);
  a_list = tandem_sync_store_list_conflicts (f->a.store, &error);
  b_list = tandem_sync_store_list_conflicts (f->b.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a_list->len, ==, 1);
  g_assert_cmpuint (b_list->len, ==, 1);

  conflict = g_ptr_array_index (a_list, 0);
  g_assert_cmpstr (conflict->table, ==, "rooms");
  g_assert_cmpstr (conflict->row_id, ==, id);
  g_assert_cmpstr (conflict->field, ==, "notes");
  g_assert_cmpstr (conflict->other_value, ==, "Settling in well; naps after lunch.");
  g_assert_cmpstr (conflict->other_device, ==, tandem_store_get_device_id (f->a.store));
  g_assert_nonnull (conflict->found_at);
  g_assert_cmpstr (conflict->id, ==, ((TandemSyncConflict *) g_ptr_array_index (b_list, 0))->id);
  g_assert_cmpstr (conflict->other_value, ==,
                   ((TandemSyncConflict *) g_ptr_array_index (b_list, 0))->other_value);
  g_assert_cmpstr (conflict->other_hlc, ==,
                   ((TandemSyncConflict *) g_ptr_array_index (b_list, 0))->other_hlc);

  {
    g_autofree char *a_dump = dump (f->a.store);
    g_autofree char *b_dump = dump (f->b.store);

    g_assert_cmpstr (a_dump, ==, b_dump);
  }
}

static void
test_concurrent_equal (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = shared_room (f, "Quiet room.");

  /* The same text typed on both: nothing to review. */
  edit_room (f->a.store, id, "notes", "Quiet room; soft play.");
  edit_room (f->b.store, id, "notes", "Quiet room; soft play.");
  a_to_b (f);
  b_to_a (f);
  g_assert_cmpint (conflicts (f->a.store), ==, 0);
  g_assert_cmpint (conflicts (f->b.store), ==, 0);

  /* Emptied on one side while edited on the other, and the emptying came
   * later: the edit is kept for review. */
  edit_room (f->a.store, id, "notes", "Quiet room; soft play; books.");
  g_usleep (2000);
  edit_room (f->b.store, id, "notes", NULL);
  a_to_b (f);
  b_to_a (f);
  {
    g_autofree char *a_notes = room_text (f->a.store, id, "notes");
    g_autofree char *b_notes = room_text (f->b.store, id, "notes");

    g_assert_null (a_notes);
    g_assert_null (b_notes);
  }
  g_assert_cmpint (conflicts (f->a.store), ==, 1);
  g_assert_cmpint (conflicts (f->b.store), ==, 1);
}

static void
test_concurrent_short_text (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = shared_room (f, NULL);
  g_autofree char *a_name = NULL;
  g_autofree char *b_name = NULL;

  /* A name is not prose: the later edit wins and nothing is kept. */
  edit_room (f->a.store, id, "name", "Butterflies");
  g_usleep (2000);
  edit_room (f->b.store, id, "name", "Caterpillars");
  b_to_a (f);
  a_to_b (f);
  a_name = room_text (f->a.store, id, "name");
  b_name = room_text (f->b.store, id, "name");
  g_assert_cmpstr (a_name, ==, "Caterpillars");
  g_assert_cmpstr (b_name, ==, "Caterpillars");
  g_assert_cmpint (conflicts (f->a.store), ==, 0);
  g_assert_cmpint (conflicts (f->b.store), ==, 0);
}

static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = shared_room (f, NULL);
  g_autoptr(TandemRecord) room = load (f->a.store, TANDEM_TYPE_ROOM, id);
  g_autoptr(TandemRecord) copy = NULL;

  g_assert_cmpint (tandem_test_count (f->b.store, TANDEM_TYPE_ROOM), ==, 1);
  g_assert_true (tandem_store_delete (f->a.store, room, &error));
  a_to_b (f);
  g_assert_cmpint (tandem_test_count (f->b.store, TANDEM_TYPE_ROOM), ==, 0);
  copy = load (f->b.store, TANDEM_TYPE_ROOM, id);
  g_assert_true (tandem_record_get_deleted (copy));

  /* Undo on b comes back to a. */
  g_assert_true (tandem_store_undelete (f->b.store, copy, &error));
  b_to_a (f);
  g_assert_cmpint (tandem_test_count (f->a.store, TANDEM_TYPE_ROOM), ==, 1);
}

static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = shared_room (f, "Outdoor lover.");
  g_autoptr(GPtrArray) from_b = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TandemSyncApplyCounts counts;
  gint64 next;

  edit_room (f->b.store, id, "notes", "Outdoor lover; wellies in the bag.");
  g_usleep (2000);
  edit_room (f->a.store, id, "notes", "Outdoor lover; sun cream each morning.");

  /* a's edit is later: b's loses and is kept once, however often it comes. */
  from_b = tandem_sync_store_local_changes (f->b.store, 0, 0, &next, &error);
  g_assert_no_error (error);
  counts = apply_all (f->a.store, from_b, NULL);
  g_assert_cmpuint (counts.conflicts, ==, 1);
  g_assert_cmpuint (counts.applied, ==, 0);
  before = dump (f->a.store);

  counts = apply_all (f->a.store, from_b, NULL);
  g_assert_cmpuint (counts.conflicts, ==, 0);
  g_assert_cmpuint (counts.applied, ==, 0);
  g_assert_cmpuint (counts.skipped, ==, from_b->len);
  g_assert_cmpint (conflicts (f->a.store), ==, 1);
  after = dump (f->a.store);
  g_assert_cmpstr (before, ==, after);

  /* A change already applied is skipped, not applied twice. */
  {
    g_autoptr(GPtrArray) from_a = tandem_sync_store_local_changes (f->a.store, 0, 0, &next,
                                                                    &error);
    g_autoptr(GPtrArray) rows = NULL;
    g_autofree char *key = g_strconcat ("rooms/", id, NULL);

    counts = apply_all (f->b.store, from_a, &rows);
    g_assert_cmpuint (counts.applied, ==, 1);
    g_assert_cmpuint (counts.conflicts, ==, 1);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, key);
    g_clear_pointer (&rows, g_ptr_array_unref);
    counts = apply_all (f->b.store, from_a, &rows);
    g_assert_cmpuint (counts.applied, ==, 0);
    g_assert_cmpuint (counts.conflicts, ==, 0);
    g_assert_cmpuint (rows->len, ==, 0);
    g_assert_cmpint (conflicts (f->b.store), ==, 1);
  }
}

static char *
hlc_at (gint64 offset_ms)
{
  TandemHlc clock = { tandem_hlc_now_ms () + offset_ms, 0 };

  return tandem_hlc_to_string (&clock);
}

static void
test_quarantine (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autofree char *soon = hlc_at (60 * 60 * 1000);
  g_autofree char *ahead = hlc_at (48 * 60 * 60 * 1000);
  g_autofree char *far = hlc_at (72 * 60 * 60 * 1000);
  g_autofree char *now = hlc_at (0);
  g_autofree char *sql = NULL;
  TandemSyncApplyCounts counts;

  /* An hour ahead is a clock a little fast: applied. */
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-1", "name",
                                                    g_variant_new_string ("Owls"), soon, NULL,
                                                    "device-x"));
  /* Two days ahead: held back. */
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-2", "name",
                                                    g_variant_new_string ("Bats"), ahead, NULL,
                                                    "device-x"));
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-3", "name",
                                                    g_variant_new_string ("Moths"), far, NULL,
                                                    "device-x"));
  counts = apply_all (f->a.store, changes, NULL);
  g_assert_cmpuint (counts.applied, ==, 1);
  g_assert_cmpuint (counts.quarantined, ==, 2);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM rooms"), ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM sync_quarantine"),
                   ==, 2);

  /* Again: still two, not four. */
  counts = apply_all (f->a.store, changes, NULL);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM sync_quarantine"),
                   ==, 2);

  /* Nothing is due yet. */
  g_assert_true (tandem_sync_store_release_quarantine (f->a.store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.applied, ==, 0);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM sync_quarantine"),
                   ==, 2);

  /* Time catches up with one of them (the clock is moved instead). */
  sql = g_strdup_printf ("UPDATE sync_quarantine SET hlc = '%s' WHERE row_id = 'room-2'", now);
  g_assert_cmpint (sqlite3_exec (tandem_store_get_db (f->a.store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_true (tandem_sync_store_release_quarantine (f->a.store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.applied, ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM sync_quarantine"),
                   ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store,
                                          "SELECT count(*) FROM rooms WHERE name = 'Bats'"), ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store,
                                          "SELECT count(*) FROM rooms WHERE name = 'Moths'"), ==, 0);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autofree char *hlc = hlc_at (0);
  g_autofree char *upper = g_ascii_strup (hlc, -1);
  g_autofree char *long_id = g_strnfill (65, 'a');
  g_autofree char *huge = g_strnfill (1024 * 1024 + 1, 'x');
  TandemSyncApplyCounts counts;
  const char *dev = "device-x";

#define ADD(t, r, fl, v, h, p, d) \
  g_ptr_array_add (changes, tandem_sync_change_new (t, r, fl, v, h, p, d))

  ADD ("rooms", "room-1", "name", g_variant_new_string ("Owls"), hlc, NULL, dev);       /* good */
  ADD ("carers", "carer-1", "notice_days", g_variant_new_int64 (5), hlc, NULL, dev);   /* good */
  ADD ("carers", "carer-1", "interpreter_needed", g_variant_new_boolean (TRUE), hlc, NULL, dev);
  ADD ("nope", "room-1", "name", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("meta", "room-1", "value", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "room-1", "colour", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "room-1", "updated_at", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "room-1", "id", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "room-1", "name", g_variant_new_int64 (3), hlc, NULL, dev);
  ADD ("carers", "carer-1", "notice_days", g_variant_new_string ("3"), hlc, NULL, dev);
  ADD ("carers", "carer-1", "notice_days", NULL, hlc, NULL, dev);
  ADD ("carers", "carer-1", "interpreter_needed", g_variant_new_int64 (1), hlc, NULL, dev);
  ADD ("rooms", "room-1", "deleted", g_variant_new_string ("1"), hlc, NULL, dev);
  ADD ("rooms", "room-1", "created_at", NULL, hlc, NULL, dev);
  ADD ("rooms", "room-1", "notes", g_variant_new_string (huge), hlc, NULL, dev);
  ADD ("rooms", "room/1", "name", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "", "name", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", long_id, "name", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "room-1", "name", g_variant_new_string ("x"), "123", NULL, dev);
  ADD ("rooms", "room-1", "name", g_variant_new_string ("x"), upper, NULL, dev);
  ADD ("rooms", "room-1", "name", g_variant_new_string ("x"), hlc, "zz", dev);
  ADD ("rooms", "room-1", "name", g_variant_new_string ("x"), hlc, NULL, "dev ice");
  ADD ("rooms", "room-1", "name", g_variant_new_string ("x"), hlc, NULL, NULL);
  ADD (NULL, "room-1", "name", g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "room-1", NULL, g_variant_new_string ("x"), hlc, NULL, dev);
  ADD ("rooms", "room-1", "name", g_variant_new_string ("x"), NULL, NULL, dev);
#undef ADD

  /* Kept in the given order here: the good ones come first. */
  {
    g_autoptr(GError) error = NULL;
    TandemSyncApply *apply = tandem_sync_apply_begin (f->a.store, &error);

    for (guint i = 0; i < changes->len; i++)
      {
        g_assert_true (tandem_sync_apply_change (apply, g_ptr_array_index (changes, i), &error));
        g_assert_no_error (error);
      }
    g_assert_true (tandem_sync_apply_commit (apply, &counts, NULL, &error));
  }
  g_assert_cmpuint (counts.applied, ==, 3);
  g_assert_cmpuint (counts.rejected, ==, changes->len - 3);
  g_assert_cmpint (tandem_test_query_int (f->a.store,
                                          "SELECT count(*) FROM rooms WHERE name = 'Owls'"), ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store,
                                          "SELECT notice_days + interpreter_needed * 10 "
                                          "FROM carers"), ==, 15);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM field_clock"), ==, 3);

  /* A new row whose changes are partly bad: the good ones still make it. */
  g_ptr_array_set_size (changes, 0);
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-9", "name",
                                                    g_variant_new_string ("Wrens"), hlc, NULL, dev));
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-9", "notes",
                                                    g_variant_new_int64 (1), hlc, NULL, dev));
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-9", "deleted",
                                                    g_variant_new_boolean (TRUE), hlc, NULL, dev));
  counts = apply_all (f->a.store, changes, NULL);
  g_assert_cmpuint (counts.applied, ==, 2);
  g_assert_cmpuint (counts.rejected, ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM rooms WHERE "
                                                      "id = 'room-9' AND name = 'Wrens' AND "
                                                      "deleted = 1 AND notes IS NULL"), ==, 1);
}

/* A record that arrives field by field, its child last, is still found
 * under that child. */
static void
test_search_child (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autofree char *first = hlc_at (0);
  g_autofree char *second = hlc_at (1);

  g_ptr_array_add (changes, tandem_sync_change_new ("carers", "carer-1", "full_name",
                                                    g_variant_new_string ("Zofia Nowak"), first,
                                                    NULL, "device-x"));
  apply_all (f->a.store, changes, NULL);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM search_docs "
                                                      "WHERE row_id = 'carer-1' "
                                                      "AND child_id IS NULL"), ==, 1);
  g_ptr_array_set_size (changes, 0);
  g_ptr_array_add (changes, tandem_sync_change_new ("carers", "carer-1", "child_id",
                                                    g_variant_new_string ("child-1"), second,
                                                    NULL, "device-x"));
  apply_all (f->a.store, changes, NULL);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM search_docs "
                                                      "WHERE row_id = 'carer-1' "
                                                      "AND child_id = 'child-1'"), ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM search "
                                                      "WHERE search MATCH 'Zofia'"), ==, 1);
}

static gboolean
copy_row_cb (const char  *table,
             const char  *row_id,
             GPtrArray   *changes,
             gpointer     user_data,
             GError     **error)
{
  for (guint i = 0; i < changes->len; i++)
    {
      TandemSyncChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpstr (change->table, ==, table);
      g_assert_cmpstr (change->row_id, ==, row_id);
    }
  return tandem_sync_apply_row (user_data, table, row_id, changes, error);
}

static TandemSyncApplyCounts
copy_all (TandemStore *from,
          TandemStore *to)
{
  g_autoptr(GError) error = NULL;
  TandemSyncApply *apply = tandem_sync_apply_begin (to, &error);
  TandemSyncApplyCounts counts = { 0 };

  g_assert_no_error (error);
  g_assert_true (tandem_sync_store_foreach_row (from, copy_row_cb, apply, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_sync_apply_commit (apply, &counts, NULL, &error));
  g_assert_no_error (error);
  return counts;
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a_dump = NULL;
  g_autofree char *b_dump = NULL;
  TandemSyncApplyCounts counts;
  gint64 rows, missing;

  g_assert_true (tandem_demo_fill (f->a.store, &error));
  g_assert_no_error (error);
  /* Tombstones travel too. */
  {
    g_autoptr(GPtrArray) rooms = tandem_store_list (f->a.store, TANDEM_TYPE_ROOM, NULL, NULL,
                                                    &error);

    g_assert_cmpuint (rooms->len, >, 0);
    g_assert_true (tandem_store_delete (f->a.store, g_ptr_array_index (rooms, 0), &error));
  }

  counts = copy_all (f->a.store, f->b.store);
  g_assert_cmpuint (counts.applied, >, 0);
  g_assert_cmpuint (counts.rejected, ==, 0);
  g_assert_cmpuint (counts.conflicts, ==, 0);

  a_dump = dump (f->a.store);
  b_dump = dump (f->b.store);
  g_assert_cmpuint (strlen (a_dump), >, 10000);
  g_assert_cmpstr (a_dump, ==, b_dump);

  /* Every clock came along, with the clock it replaced. */
  rows = tandem_test_query_int (f->a.store, "SELECT count(*) FROM field_clock");
  g_assert_cmpint (rows, >, 0);
  {
    g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS other", f->a.path);

    g_assert_cmpint (sqlite3_exec (tandem_store_get_db (f->b.store), attach, NULL, NULL, NULL),
                     ==, SQLITE_OK);
    missing = tandem_test_query_int (f->b.store,
                                     "SELECT count(*) FROM other.field_clock o WHERE NOT EXISTS "
                                     "(SELECT 1 FROM main.field_clock m WHERE m.tbl = o.tbl "
                                     "AND m.row_id = o.row_id AND m.field = o.field "
                                     "AND m.hlc = o.hlc AND m.device = o.device "
                                     "AND m.prev IS o.prev)");
    g_assert_cmpint (missing, ==, 0);
    /* The search index was kept up as rows arrived. */
    g_assert_cmpint (tandem_test_query_int (f->b.store, "SELECT count(*) FROM main.search_docs"),
                     ==,
                     tandem_test_query_int (f->b.store, "SELECT count(*) FROM other.search_docs"));
    g_assert_cmpint (sqlite3_exec (tandem_store_get_db (f->b.store), "DETACH other", NULL, NULL,
                                   NULL), ==, SQLITE_OK);
  }

  /* A second copy changes nothing. */
  counts = copy_all (f->a.store, f->b.store);
  g_assert_cmpuint (counts.applied, ==, 0);
  g_assert_cmpuint (counts.conflicts, ==, 0);
  g_clear_pointer (&b_dump, g_free);
  b_dump = dump (f->b.store);
  g_assert_cmpstr (a_dump, ==, b_dump);

  /* And the copy goes on syncing by changes: an edit on b after the
   * snapshot is sequential to a. */
  {
    g_autoptr(GPtrArray) children = tandem_store_list (f->b.store, TANDEM_TYPE_CHILD, NULL, NULL,
                                                       &error);
    TandemRecord *child = g_ptr_array_index (children, 0);

    tandem_record_set_text (child, "notes", "Moved to the morning group.");
    save (f->b.store, child);
    b_to_a (f);
    g_assert_cmpint (conflicts (f->a.store), ==, 0);
    g_clear_pointer (&a_dump, g_free);
    g_clear_pointer (&b_dump, g_free);
    a_dump = dump (f->a.store);
    b_dump = dump (f->b.store);
    g_assert_cmpstr (a_dump, ==, b_dump);
  }
}

static void
test_apply_row_existing (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = shared_room (f, "First notes.");
  g_autofree char *a_dump = NULL;
  g_autofree char *b_dump = NULL;
  TandemSyncApplyCounts counts;

  /* A row b already has goes change by change, with the merge rule. */
  edit_room (f->a.store, id, "notes", "Second notes.");
  counts = copy_all (f->a.store, f->b.store);
  g_assert_cmpuint (counts.applied, ==, 1);
  a_dump = dump (f->a.store);
  b_dump = dump (f->b.store);
  g_assert_cmpstr (a_dump, ==, b_dump);
}

static void
test_changed_rows_limit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *hlc = hlc_at (0);
  TandemSyncApplyCounts counts;

  for (guint i = 0; i < 5001; i++)
    {
      g_autofree char *id = g_strdup_printf ("room-%u", i);

      g_ptr_array_add (changes, tandem_sync_change_new ("rooms", id, "name",
                                                        g_variant_new_string ("Owls"), hlc, NULL,
                                                        "device-x"));
    }
  counts = apply_all (f->a.store, changes, &rows);
  g_assert_cmpuint (counts.applied, ==, 5001);
  g_assert_null (rows);

  g_ptr_array_set_size (changes, 5000);
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-0", "notes",
                                                    g_variant_new_string ("Hi"), hlc, NULL,
                                                    "device-x"));
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-0", "deleted",
                                                    g_variant_new_boolean (TRUE), hlc, NULL,
                                                    "device-x"));
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-1", "deleted",
                                                    g_variant_new_boolean (TRUE), hlc, NULL,
                                                    "device-x"));
  counts = apply_all (f->b.store, changes, &rows);
  g_assert_cmpuint (counts.applied, ==, 5003);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 5000);
}

static void
test_checkpoint (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hlc = hlc_at (0);
  g_autoptr(TandemSyncChange) one = tandem_sync_change_new ("rooms", "room-1", "name",
                                                            g_variant_new_string ("Owls"), hlc,
                                                            NULL, "device-x");
  g_autoptr(TandemSyncChange) two = tandem_sync_change_new ("rooms", "room-2", "name",
                                                            g_variant_new_string ("Bats"), hlc,
                                                            NULL, "device-x");
  TandemSyncApply *apply = tandem_sync_apply_begin (f->a.store, &error);

  g_assert_true (tandem_sync_apply_change (apply, one, &error));
  g_assert_true (tandem_sync_apply_set_applied (apply, "device-x", 7, &error));
  g_assert_true (tandem_sync_apply_checkpoint (apply, &error));
  g_assert_no_error (error);
  g_assert_true (tandem_sync_apply_change (apply, two, &error));
  g_assert_true (tandem_sync_apply_set_applied (apply, "device-x", 8, &error));
  tandem_sync_apply_abort (apply);

  /* What was before the checkpoint stays, with its bookkeeping. */
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM rooms"), ==, 1);
  {
    g_autoptr(GHashTable) applied = tandem_sync_store_get_applied (f->a.store, &error);
    guint64 *seq;

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (applied), ==, 1);
    seq = g_hash_table_lookup (applied, "device-x");
    g_assert_nonnull (seq);
    g_assert_cmpuint (*seq, ==, 7);
  }

  /* The store is usable again. */
  {
    g_autoptr(TandemRoom) room = tandem_room_new ("Frogs");

    save (f->a.store, TANDEM_RECORD (room));
  }
}

static void
test_outbox (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) one = g_bytes_new_static ("sealed\0one", 10);
  g_autoptr(GBytes) two = g_bytes_new_static ("sealed two", 10);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) seqs = NULL;
  g_autofree char *path = NULL;
  g_autofree char *upto = NULL;
  g_autofree char *next = NULL;
  g_autofree char *device = NULL;

  g_assert_true (tandem_sync_store_outbox_add (f->a.store, 1, "log/dev/000000000001.bin", one, 40,
                                               &error));
  g_assert_true (tandem_sync_store_outbox_add (f->a.store, 2, "log/dev/000000000002.bin", two, 75,
                                               &error));
  g_assert_no_error (error);

  upto = tandem_sync_store_get_meta (f->a.store, "sync_uploaded_upto");
  next = tandem_sync_store_get_meta (f->a.store, "sync_next_seq");
  g_assert_cmpstr (upto, ==, "75");
  g_assert_cmpstr (next, ==, "3");

  /* A batch number used twice is refused, and the counters stay with it. */
  g_assert_false (tandem_sync_store_outbox_add (f->a.store, 2, "log/dev/x.bin", one, 99, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&upto, g_free);
  upto = tandem_sync_store_get_meta (f->a.store, "sync_uploaded_upto");
  g_assert_cmpstr (upto, ==, "75");

  seqs = tandem_sync_store_outbox_list (f->a.store, &error);
  g_assert_cmpuint (seqs->len, ==, 2);
  g_assert_cmpuint (*(guint64 *) g_ptr_array_index (seqs, 0), ==, 1);
  g_assert_cmpuint (*(guint64 *) g_ptr_array_index (seqs, 1), ==, 2);

  again = tandem_sync_store_outbox_get (f->a.store, 1, &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (again, one));
  g_assert_cmpstr (path, ==, "log/dev/000000000001.bin");

  g_assert_true (tandem_sync_store_outbox_remove (f->a.store, 1, &error));
  g_clear_pointer (&seqs, g_ptr_array_unref);
  seqs = tandem_sync_store_outbox_list (f->a.store, &error);
  g_assert_cmpuint (seqs->len, ==, 1);
  g_clear_pointer (&again, g_bytes_unref);
  again = tandem_sync_store_outbox_get (f->a.store, 1, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Meta keys, and forgetting the space. */
  g_assert_true (tandem_sync_store_set_meta (f->a.store, "sync_url", "https://dav", &error));
  g_assert_true (tandem_sync_store_mark_blob_sent (f->a.store, "ab", &error));
  g_assert_true (tandem_sync_store_forget (f->a.store, &error));
  g_assert_no_error (error);
  g_assert_null (tandem_sync_store_get_meta (f->a.store, "sync_url"));
  g_assert_null (tandem_sync_store_get_meta (f->a.store, "sync_next_seq"));
  device = tandem_sync_store_get_meta (f->a.store, "device_id");
  g_assert_cmpstr (device, ==, tandem_store_get_device_id (f->a.store));
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM sync_blobs_sent"),
                   ==, 0);
  g_assert_true (tandem_sync_store_set_meta (f->a.store, "sync_url", "x", &error));
  g_assert_true (tandem_sync_store_set_meta (f->a.store, "sync_url", NULL, &error));
  g_assert_null (tandem_sync_store_get_meta (f->a.store, "sync_url"));
}

static gboolean
contains (GPtrArray  *hashes,
          const char *hash)
{
  for (guint i = 0; i < hashes->len; i++)
    if (g_str_equal (g_ptr_array_index (hashes, i), hash))
      return TRUE;
  return FALSE;
}

static void
test_blobs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("not really a jpeg", 17);
  g_autoptr(GBytes) logo_bytes = g_bytes_new_static ("a logo", 6);
  g_autofree char *hash = tandem_blob_store_add (f->a.store, bytes, "image/jpeg", &error);
  g_autofree char *logo = tandem_blob_store_add (f->a.store, logo_bytes, "image/png", &error);
  g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-05-01", "A tower.");
  g_autoptr(TandemPhoto) photo = tandem_photo_new (hash);
  g_autoptr(TandemRecord) setting = tandem_record_new (TANDEM_TYPE_SETTING);
  g_autoptr(GPtrArray) to_send = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *b_hash = NULL;

  g_assert_no_error (error);
  save (f->a.store, TANDEM_RECORD (observation));
  tandem_record_set_text (TANDEM_RECORD (photo), "observation_id",
                          tandem_record_get_id (TANDEM_RECORD (observation)));
  save (f->a.store, TANDEM_RECORD (photo));
  tandem_record_set_id (setting, TANDEM_SETTING_ID);
  tandem_record_set_text (setting, "name", "Sunny Days");
  tandem_record_set_text (setting, "logo", logo);
  save (f->a.store, setting);

  to_send = tandem_sync_store_blobs_to_send (f->a.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (to_send->len, ==, 2);
  g_assert_true (contains (to_send, hash));
  g_assert_true (contains (to_send, logo));
  missing = tandem_sync_store_missing_blobs (f->a.store, &error);
  g_assert_cmpuint (missing->len, ==, 0);

  g_assert_true (tandem_sync_store_mark_blob_sent (f->a.store, hash, &error));
  g_clear_pointer (&to_send, g_ptr_array_unref);
  to_send = tandem_sync_store_blobs_to_send (f->a.store, &error);
  g_assert_cmpuint (to_send->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (to_send, 0), ==, logo);

  /* b has the records but not the files. */
  a_to_b (f);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = tandem_sync_store_missing_blobs (f->b.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_true (contains (missing, hash));
  g_clear_pointer (&to_send, g_ptr_array_unref);
  to_send = tandem_sync_store_blobs_to_send (f->b.store, &error);
  g_assert_cmpuint (to_send->len, ==, 0);

  b_hash = tandem_blob_store_add (f->b.store, bytes, "image/jpeg", &error);
  g_assert_cmpstr (b_hash, ==, hash);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = tandem_sync_store_missing_blobs (f->b.store, &error);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, logo);

  /* A deleted photo's file is neither sent nor fetched. */
  g_assert_true (tandem_store_delete (f->a.store, TANDEM_RECORD (setting), &error));
  g_clear_pointer (&to_send, g_ptr_array_unref);
  to_send = tandem_sync_store_blobs_to_send (f->a.store, &error);
  g_assert_cmpuint (to_send->len, ==, 0);
  a_to_b (f);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = tandem_sync_store_missing_blobs (f->b.store, &error);
  g_assert_cmpuint (missing->len, ==, 0);
}

static void
make_conflict (Fixture    *f,
               char      **id,
               char      **conflict_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  *id = shared_room (f, "Base.");
  edit_room (f->a.store, *id, "notes", "From a.");
  g_usleep (2000);
  edit_room (f->b.store, *id, "notes", "From b.");
  b_to_a (f);
  a_to_b (f);
  list = tandem_sync_store_list_conflicts (f->a.store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  *conflict_id = g_strdup (((TandemSyncConflict *) g_ptr_array_index (list, 0))->id);
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *conflict_id = NULL;
  g_autofree char *notes = NULL;
  gint64 before;

  make_conflict (f, &id, &conflict_id);
  before = tandem_test_query_int (f->a.store, "SELECT count(*) FROM change_log");

  g_assert_true (tandem_sync_store_resolve_conflict (f->a.store, conflict_id, "From a. From b.",
                                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (conflicts (f->a.store), ==, 0);
  notes = room_text (f->a.store, id, "notes");
  g_assert_cmpstr (notes, ==, "From a. From b.");
  /* An ordinary edit that syncs, made on top of the winner. */
  g_assert_cmpint (tandem_test_query_int (f->a.store,
                                          "SELECT count(*) FROM change_log WHERE field = 'notes' "
                                          "AND value = 'From a. From b.'"), ==, 1);
  /* The review itself is a record that syncs, under the conflict's id. */
  g_assert_cmpint (tandem_test_query_int (f->a.store,
                                          "SELECT count(*) FROM change_log "
                                          "WHERE tbl = 'conflict_resolutions'"), >=, 1);
  g_assert_cmpint (tandem_test_query_int (f->a.store, "SELECT count(*) FROM change_log"), >,
                   before + 1);

  /* b found the same conflict under the same id; a's review reaches b and
   * takes it off b's list too, with a's merged text. */
  g_assert_cmpint (conflicts (f->b.store), ==, 1);
  a_to_b (f);
  g_clear_pointer (&notes, g_free);
  notes = room_text (f->b.store, id, "notes");
  g_assert_cmpstr (notes, ==, "From a. From b.");
  g_assert_cmpint (conflicts (f->b.store), ==, 0);
  g_assert_cmpint (tandem_sync_store_count_conflicts (f->b.store), ==, 0);

  /* Discarding on one laptop keeps the text as it is, and also travels. */
  {
    g_autofree char *id2 = NULL;
    g_autofree char *conflict2 = NULL;
    g_autofree char *kept = NULL;

    make_conflict (f, &id2, &conflict2);
    kept = room_text (f->a.store, id2, "notes");
    g_assert_true (tandem_sync_store_resolve_conflict (f->b.store, conflict2, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (conflicts (f->b.store), ==, 0);
    g_assert_cmpint (conflicts (f->a.store), ==, 1);
    b_to_a (f);
    g_assert_cmpint (conflicts (f->a.store), ==, 0);
    g_clear_pointer (&notes, g_free);
    notes = room_text (f->a.store, id2, "notes");
    g_assert_cmpstr (notes, ==, kept);
  }

  g_assert_false (tandem_sync_store_resolve_conflict (f->b.store, "no-such", NULL, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
}

static void
test_clock (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *ahead = hlc_at (60 * 60 * 1000);
  g_autofree char *far = hlc_at (2 * 60 * 60 * 1000);
  g_autofree char *saved = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autoptr(TandemRoom) room = tandem_room_new ("Owls");
  g_autoptr(TandemRoom) later = tandem_room_new ("Bats");
  g_autoptr(TandemRoom) elsewhere = tandem_room_new ("Wrens");
  g_autoptr(TandemStore) window = tandem_test_open_store (f->a.path);

  /* Received from a device whose clock is an hour fast: an edit here after
   * a restart, or on another connection (sync runs on its own), still comes
   * after it. */
  g_ptr_array_add (changes, tandem_sync_change_new ("rooms", "room-1", "name",
                                                    g_variant_new_string ("Owls"), ahead, NULL,
                                                    "device-x"));
  apply_all (f->a.store, changes, NULL);
  save (window, TANDEM_RECORD (elsewhere));
  g_clear_object (&window);
  saved = tandem_sync_store_get_meta (f->a.store, "hlc_floor");
  g_assert_cmpstr (saved, ==, ahead);

  g_clear_object (&f->a.store);
  f->a.store = tandem_test_open_store (f->a.path);
  save (f->a.store, TANDEM_RECORD (room));
  sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE hlc <= '%s'", ahead);
  g_assert_cmpint (tandem_test_query_int (f->a.store, sql), ==, 0);

  /* Observing a clock moves the next edit past it; garbage is ignored. */
  tandem_sync_store_observe_clock (f->a.store, far);
  tandem_sync_store_observe_clock (f->a.store, "garbage");
  tandem_sync_store_observe_clock (f->a.store, NULL);
  save (f->a.store, TANDEM_RECORD (later));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM change_log c JOIN rooms r ON r.id = c.row_id "
                         "WHERE r.name = 'Bats' AND c.hlc > '%s'", far);
  g_assert_cmpint (tandem_test_query_int (f->a.store, sql), ==, 2);
}

static gboolean
stop_cb (const char  *table,
         const char  *row_id,
         GPtrArray   *changes,
         gpointer     user_data,
         GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Stopped");
  return FALSE;
}

static void
test_foreach_stop (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRoom) room = tandem_room_new ("Owls");

  save (f->a.store, TANDEM_RECORD (room));
  g_assert_false (tandem_sync_store_foreach_row (f->a.store, stop_cb, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The read transaction ended: writing works. */
  tandem_record_set_text (TANDEM_RECORD (room), "name", "Bats");
  save (f->a.store, TANDEM_RECORD (room));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/sync-store/" path, Fixture, data, set_up, func, tear_down)

  ADD ("local-changes", test_local_changes, NULL);
  ADD ("create-and-sequential", test_create_and_sequential, NULL);
  ADD ("concurrent/a-first", test_concurrent, GINT_TO_POINTER (FALSE));
  ADD ("concurrent/b-first", test_concurrent, GINT_TO_POINTER (TRUE));
  ADD ("concurrent/equal", test_concurrent_equal, NULL);
  ADD ("concurrent/short-text", test_concurrent_short_text, NULL);
  ADD ("deleted", test_deleted, NULL);
  ADD ("idempotent", test_idempotent, NULL);
  ADD ("quarantine", test_quarantine, NULL);
  ADD ("malformed", test_malformed, NULL);
  ADD ("search-child", test_search_child, NULL);
  ADD ("snapshot", test_snapshot, NULL);
  ADD ("apply-row-existing", test_apply_row_existing, NULL);
  ADD ("changed-rows-limit", test_changed_rows_limit, NULL);
  ADD ("checkpoint", test_checkpoint, NULL);
  ADD ("outbox", test_outbox, NULL);
  ADD ("blobs", test_blobs, NULL);
  ADD ("resolve", test_resolve, NULL);
  ADD ("clock", test_clock, NULL);
  ADD ("foreach-stop", test_foreach_stop, NULL);
#undef ADD

  return g_test_run ();
}
