/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-core-error.h"
#include "tandem-csv.h"
#include "tandem-records.h"
#include "tandem-roster.h"
#include "tandem-store.h"
#include "tandem-test-util.h"

typedef struct {
  TandemTestStore db;
  GDate           today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);
  tandem_test_roster_today (&f->today);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tandem_test_store_tear_down (&f->db, data);
}

static GBytes *
read_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "roster", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static TandemRoster *
parse_sample (Fixture    *f,
              const char *name)
{
  g_autoptr(GBytes) contents = read_sample (name);
  g_autoptr(GError) error = NULL;
  TandemRoster *roster = tandem_roster_parse_for_date (f->db.store, contents, &f->today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (roster);
  return roster;
}

static TandemRoster *
parse_text (Fixture    *f,
            const char *text)
{
  g_autoptr(GBytes) contents = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TandemRoster *roster = tandem_roster_parse_for_date (f->db.store, contents, &f->today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (roster);
  return roster;
}

static void
assert_nothing_written (Fixture *f)
{
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CARER), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_KEYWORKER), ==, 0);
}

static void
assert_no_problems (TandemRoster *roster)
{
  GPtrArray *problems = tandem_roster_get_problems (roster);

  for (guint i = 0; i < problems->len; i++)
    {
      TandemRosterProblem *problem = g_ptr_array_index (problems, i);
      g_test_message ("line %u: %s", problem->line, problem->message);
    }
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
commit (Fixture      *f,
        TandemRoster *roster)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_roster_commit (roster, f->db.store, &error));
  g_assert_no_error (error);
}

static TandemRecord *
find_one (Fixture    *f,
          GType       type,
          const char *where,
          const char *value)
{
  const char *params[] = { value, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = tandem_store_list (f->db.store, type, where, params, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  if (records->len != 1)
    g_error ("expected one record where %s = %s, found %u", where, value, records->len);
  return g_object_ref (g_ptr_array_index (records, 0));
}

static TandemRecord *
find_child (Fixture    *f,
            const char *given_name)
{
  return find_one (f, TANDEM_TYPE_CHILD, "given_name = ?", given_name);
}

static TandemRecord *
find_carer (Fixture    *f,
            const char *full_name)
{
  return find_one (f, TANDEM_TYPE_CARER, "full_name = ?", full_name);
}

static const char *
name_of (Fixture    *f,
         GType       type,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) record = tandem_store_load (f->db.store, type, id, &error);
  static char name[256];

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_strlcpy (name, tandem_record_get_text (record, "name"), sizeof name);
  return name;
}

static void
test_clean (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TandemRoster) roster = parse_sample (f, "clean.csv");
  g_autoptr(TandemRecord) gwen = NULL;
  g_autoptr(TandemRecord) oliwia = NULL;
  g_autoptr(TandemRecord) ayaan = NULL;
  g_autoptr(TandemRecord) maya = NULL;
  g_autoptr(TandemRecord) rhiannon = NULL;
  g_autoptr(TandemRecord) katarzyna = NULL;
  g_autoptr(TandemRecord) nasrin = NULL;
  g_autoptr(TandemRecord) imran = NULL;
  g_autoptr(GPtrArray) ayaan_carers = NULL;
  const char *params[2] = { NULL, NULL };
  const char * const *ignored;
  g_autoptr(GError) error = NULL;

  assert_no_problems (roster);
  g_assert_cmpuint (tandem_roster_get_children (roster)->len, ==, 4);
  g_assert_cmpuint (tandem_roster_get_carers (roster)->len, ==, 5);
  g_assert_cmpuint (tandem_roster_get_rooms (roster)->len, ==, 2);
  g_assert_cmpuint (tandem_roster_get_keyworkers (roster)->len, ==, 2);

  ignored = tandem_roster_get_ignored_columns (roster);
  g_assert_cmpuint (g_strv_length ((char **) ignored), ==, 1);
  g_assert_cmpstr (ignored[0], ==, "Notes");

  /* Nothing is written before the commit. */
  assert_nothing_written (f);
  commit (f, roster);

  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 4);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CARER), ==, 5);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 2);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_KEYWORKER), ==, 2);

  /* Welsh diacritics survive the trip through the file and the database. */
  gwen = find_child (f, "Gwenllïan");
  g_assert_cmpstr (tandem_record_get_text (gwen, "family_name"), ==, "Pritchard-Ellis");
  g_assert_cmpstr (tandem_record_get_text (gwen, "preferred_name"), ==, "Gwen");
  g_assert_cmpstr (tandem_record_get_text (gwen, "date_of_birth"), ==, "2022-03-14");
  g_assert_cmpstr (tandem_record_get_text (gwen, "start_date"), ==, "2024-09-01");
  g_assert_cmpstr (tandem_record_get_text (gwen, "home_languages"), ==, "cy,en");
  g_assert_cmpstr (tandem_record_get_text (gwen, "send_status"), ==, "none");
  g_assert_cmpstr (name_of (f, TANDEM_TYPE_ROOM, tandem_record_get_text (gwen, "room_id")), ==,
                   "Dryw");
  g_assert_cmpstr (name_of (f, TANDEM_TYPE_KEYWORKER,
                            tandem_record_get_text (gwen, "keyworker_id")), ==, "Siân Hughes");

  rhiannon = find_carer (f, "Rhiannon Pritchard");
  g_assert_cmpstr (tandem_record_get_text (rhiannon, "child_id"), ==,
                   tandem_record_get_id (gwen));
  g_assert_cmpstr (tandem_record_get_text (rhiannon, "preferred_language"), ==, "cy");
  g_assert_cmpstr (tandem_record_get_text (rhiannon, "relationship"), ==, "Mother");
  g_assert_cmpstr (tandem_record_get_text (rhiannon, "phone"), ==, "07700 900101");
  g_assert_cmpstr (tandem_record_get_text (rhiannon, "email"), ==, "rhiannon@example.org");
  g_assert_true (tandem_record_get_bool (rhiannon, "parental_responsibility"));

  oliwia = find_child (f, "Oliwia");
  g_assert_cmpstr (tandem_record_get_text (oliwia, "send_status"), ==, "monitoring");
  g_assert_null (tandem_record_get_text (oliwia, "notes"));
  /* A carer without a language column of their own gets the child's first. */
  katarzyna = find_carer (f, "Katarzyna Kowalska");
  g_assert_cmpstr (tandem_record_get_text (katarzyna, "preferred_language"), ==, "pl");

  /* Room and keyworker names match whatever their case. */
  ayaan = find_child (f, "Ayaan");
  g_assert_cmpstr (tandem_record_get_text (ayaan, "room_id"), ==,
                   tandem_record_get_text (oliwia, "room_id"));
  g_assert_cmpstr (tandem_record_get_text (ayaan, "keyworker_id"), ==,
                   tandem_record_get_text (oliwia, "keyworker_id"));
  g_assert_cmpstr (tandem_record_get_text (ayaan, "date_of_birth"), ==, "2021-06-05");
  g_assert_cmpstr (tandem_record_get_text (ayaan, "home_languages"), ==, "bn,en");
  g_assert_cmpstr (tandem_record_get_text (ayaan, "send_status"), ==, "sen_support");

  /* A child in two households, with a carer in each. */
  params[0] = tandem_record_get_id (ayaan);
  ayaan_carers = tandem_store_list (f->db.store, TANDEM_TYPE_CARER, "child_id = ?", params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ayaan_carers->len, ==, 2);
  nasrin = find_carer (f, "Nasrin Rahman");
  imran = find_carer (f, "Imran Rahman");
  g_assert_cmpstr (tandem_record_get_text (nasrin, "household"), ==, "Mum’s home");
  g_assert_cmpstr (tandem_record_get_text (imran, "household"), ==, "Dad’s home");
  g_assert_cmpstr (tandem_record_get_text (nasrin, "preferred_language"), ==, "bn");
  g_assert_cmpstr (tandem_record_get_text (imran, "preferred_language"), ==, "en");
  g_assert_true (tandem_record_get_bool (nasrin, "parental_responsibility"));
  g_assert_true (tandem_record_get_bool (imran, "parental_responsibility"));
  g_assert_cmpstr (tandem_record_get_text (imran, "child_id"), ==, tandem_record_get_id (ayaan));

  maya = find_child (f, "Maya");
  g_assert_cmpstr (tandem_record_get_text (maya, "date_of_birth"), ==, "2023-01-20");
  g_assert_null (tandem_record_get_text (maya, "home_languages"));
  g_assert_null (tandem_record_get_text (maya, "keyworker_id"));

  /* Importing the same roster again is refused. */
  g_assert_false (tandem_roster_commit (roster, f->db.store, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 4);
}

static void
test_system_a (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TandemRoster) roster = parse_sample (f, "system-a.csv");
  g_autoptr(TandemRecord) zofia = NULL;
  g_autoptr(TandemRecord) bilal = NULL;
  g_autoptr(TandemRecord) ana = NULL;
  g_autoptr(TandemRecord) yusuf = NULL;
  g_autoptr(TandemRecord) ewa = NULL;

  assert_no_problems (roster);
  commit (f, roster);

  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 3);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CARER), ==, 4);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 2);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_KEYWORKER), ==, 2);

  zofia = find_child (f, "Zofia");
  g_assert_cmpstr (tandem_record_get_text (zofia, "family_name"), ==, "Wiśniewska");
  g_assert_cmpstr (tandem_record_get_text (zofia, "date_of_birth"), ==, "2022-02-03");
  g_assert_cmpstr (tandem_record_get_text (zofia, "send_status"), ==, "none");
  ewa = find_carer (f, "Ewa Wiśniewska");
  g_assert_cmpstr (tandem_record_get_text (ewa, "phone"), ==, "01632 960001");
  g_assert_cmpstr (tandem_record_get_text (ewa, "email"), ==, "ewa@example.org");
  g_assert_cmpstr (tandem_record_get_text (ewa, "preferred_language"), ==, "pl");

  bilal = find_child (f, "Bilal");
  g_assert_cmpstr (tandem_record_get_text (bilal, "date_of_birth"), ==, "2021-10-17");
  g_assert_cmpstr (tandem_record_get_text (bilal, "home_languages"), ==, "ur,en");
  g_assert_cmpstr (tandem_record_get_text (bilal, "send_status"), ==, "sen_support");
  yusuf = find_carer (f, "Yusuf Ahmed");
  g_assert_cmpstr (tandem_record_get_text (yusuf, "phone"), ==, "07700 900200");
  g_assert_cmpstr (tandem_record_get_text (yusuf, "child_id"), ==, tandem_record_get_id (bilal));

  ana = find_child (f, "Ana");
  g_assert_cmpstr (tandem_record_get_text (ana, "date_of_birth"), ==, "2022-07-09");
  g_assert_cmpstr (tandem_record_get_text (ana, "send_status"), ==, "ehc_plan");
  g_assert_cmpstr (tandem_record_get_text (ana, "home_languages"), ==, "ro");
  g_assert_cmpstr (name_of (f, TANDEM_TYPE_ROOM, tandem_record_get_text (ana, "room_id")), ==,
                   "Butterflies");
  g_assert_cmpstr (name_of (f, TANDEM_TYPE_KEYWORKER,
                            tandem_record_get_text (ana, "keyworker_id")), ==, "Priya Patel");
}

static void
test_system_b (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TandemRoster) roster = parse_sample (f, "system-b.csv");
  g_autoptr(TandemRecord) olena = NULL;
  g_autoptr(TandemRecord) hamza = NULL;
  g_autoptr(TandemRecord) iryna = NULL;
  g_autoptr(TandemRecord) mykola = NULL;
  g_autoptr(TandemRecord) ayse = NULL;

  assert_no_problems (roster);
  g_assert_null (tandem_roster_get_ignored_columns (roster)[0]);
  commit (f, roster);

  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 2);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CARER), ==, 3);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 1);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_KEYWORKER), ==, 1);

  /* The byte order mark is not part of the first column's name. */
  olena = find_child (f, "Olena");
  g_assert_cmpstr (tandem_record_get_text (olena, "preferred_name"), ==, "Lena");
  g_assert_cmpstr (tandem_record_get_text (olena, "date_of_birth"), ==, "2022-05-30");
  g_assert_cmpstr (tandem_record_get_text (olena, "start_date"), ==, "2024-01-08");
  g_assert_cmpstr (tandem_record_get_text (olena, "home_languages"), ==, "uk");
  iryna = find_carer (f, "Iryna Shevchenko");
  g_assert_cmpstr (tandem_record_get_text (iryna, "preferred_language"), ==, "uk");
  mykola = find_carer (f, "Mykola Shevchenko");
  g_assert_cmpstr (tandem_record_get_text (mykola, "preferred_language"), ==, "uk");
  g_assert_cmpstr (tandem_record_get_text (mykola, "email"), ==, "mykola@example.org");

  hamza = find_child (f, "Hamza");
  g_assert_cmpstr (tandem_record_get_text (hamza, "send_status"), ==, "ehc_plan");
  g_assert_cmpstr (tandem_record_get_text (hamza, "home_languages"), ==, "tr");
  ayse = find_carer (f, "Ayşe Yilmaz");
  g_assert_cmpstr (tandem_record_get_text (ayse, "relationship"), ==, "Grandmother");
  g_assert_false (tandem_record_get_bool (ayse, "parental_responsibility"));
}

typedef struct {
  const char *file;
  guint       line;
  const char *needle;
} Malformed;

static const Malformed malformed[] = {
  { "bad-missing-given.csv", 5, "given name is missing" },
  { "bad-missing-family.csv", 5, "family name is missing" },
  { "bad-missing-dob.csv", 5, "date of birth is missing" },
  { "bad-date-malformed.csv", 5, "“3rd March 2022” is not a date" },
  { "bad-date-impossible.csv", 5, "“31/02/2021” does not exist" },
  { "bad-date-month-first.csv", 5, "“12/25/2021” does not exist" },
  { "bad-dob-future.csv", 5, "“2026-01-01” is in the future" },
  { "bad-dob-too-old.csv", 5, "“01/01/2016” is more than 8 years ago" },
  { "bad-start-before-birth.csv", 5, "start date “2021-09-01” is before the date of birth" },
  { "bad-cell-count.csv", 5, "This row has 5 cells but the header row has 11 columns" },
  { "bad-send.csv", 5, "“maybe” is not a SEND status" },
  { "bad-language.csv", 5, "“Klingon” is not one Tandem knows" },
  { "bad-carer-email.csv", 5, "“jo.example.org” has no @" },
  { "bad-carer-no-name.csv", 5, "Carer 1 has contact details but no name" },
  { "bad-carer-responsibility.csv", 5, "“perhaps” is not yes or no" },
  { "bad-duplicate.csv", 5,
    "TOM brown, born 02/02/2022, is in the file twice: this row repeats line 4" },
};

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  const Malformed *m = data;
  g_autoptr(TandemRoster) roster = parse_sample (f, m->file);
  GPtrArray *problems = tandem_roster_get_problems (roster);
  TandemRosterProblem *problem;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      problem = g_ptr_array_index (problems, i);
      g_test_message ("line %u: %s", problem->line, problem->message);
    }

  /* Exactly the bad row is reported, on the line a text editor shows it:
   * the note on line 2 spans two lines. */
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, m->line);
  if (strstr (problem->message, m->needle) == NULL)
    g_error ("“%s” does not contain “%s”", problem->message, m->needle);

  /* The good rows are still previewed, but nothing is written. */
  g_assert_cmpuint (tandem_roster_get_children (roster)->len, ==, 2);
  g_assert_false (tandem_roster_commit (roster, f->db.store, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 problem"));
  assert_nothing_written (f);
}

static void
test_several_problems (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TandemRoster) roster =
    parse_text (f, "Forename,Surname,DOB,SEND,Language,Carer 2 Phone,Carer 3 Name,Carer 3 Email\n"
                   "Ann,Lee,2022-01-01,none,en,,,\n"
                   "\n"
                   ",,,,,,,\n"
                   ",Lee,1/1/22,often,French/Elvish,0123,Bo,bo\n"
                   "Ann,Lee,2022-01-01,none,en,,,\n");
  GPtrArray *problems = tandem_roster_get_problems (roster);
  const char *expected[] = {
    "given name is missing",
    "“1/1/22” is not a date",
    "“often” is not a SEND status",
    "“Elvish” is not one Tandem knows",
    "Carer 2 has contact details but no name",
    "Carer 3’s email address “bo” has no @",
    "is in the file twice: this row repeats line 2",
  };
  g_autoptr(GError) error = NULL;

  /* Blank lines, and rows of empty cells as spreadsheets write them, are
   * skipped without a word but still counted. */
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      TandemRosterProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->line, ==, i + 1 < problems->len ? 5 : 6);
      if (strstr (problem->message, expected[i]) == NULL)
        g_error ("“%s” does not contain “%s”", problem->message, expected[i]);
    }

  g_assert_false (tandem_roster_commit (roster, f->db.store, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "7 problems"));
  assert_nothing_written (f);
}

static void
test_existing_child (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TandemChild) tom = tandem_child_new ("Tom", "Brown", "2022-02-02");
  g_autoptr(TandemChild) ann = tandem_child_new ("Ann", "Lee", "2022-02-02");
  g_autoptr(TandemRoster) roster = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  TandemRosterProblem *problem;

  g_assert_true (tandem_store_save (f->db.store, TANDEM_RECORD (tom), &error));
  g_assert_true (tandem_store_save (f->db.store, TANDEM_RECORD (ann), &error));
  /* A deleted child is not in the way. */
  g_assert_true (tandem_store_delete (f->db.store, TANDEM_RECORD (ann), &error));
  g_assert_no_error (error);

  roster = parse_sample (f, "existing.csv");
  problems = tandem_roster_get_problems (roster);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_nonnull (strstr (problem->message, "Tom Brown, born 02/02/2022, is already in Tandem"));

  g_assert_false (tandem_roster_commit (roster, f->db.store, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 1);
}

static void
test_existing_rooms (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TandemRoom) robins = tandem_room_new ("Robins");
  g_autoptr(TandemKeyworker) anna = tandem_keyworker_new ("Anna Nowak");
  g_autoptr(TandemRoster) roster = NULL;
  g_autoptr(TandemRecord) oliwia = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_store_save (f->db.store, TANDEM_RECORD (robins), &error));
  g_assert_true (tandem_store_save (f->db.store, TANDEM_RECORD (anna), &error));
  g_assert_no_error (error);

  roster = parse_sample (f, "clean.csv");
  assert_no_problems (roster);
  /* Only what the store does not have yet is new. */
  g_assert_cmpuint (tandem_roster_get_rooms (roster)->len, ==, 1);
  g_assert_cmpstr (tandem_room_get_name (g_ptr_array_index (tandem_roster_get_rooms (roster), 0)),
                   ==, "Dryw");
  g_assert_cmpuint (tandem_roster_get_keyworkers (roster)->len, ==, 1);
  commit (f, roster);

  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 2);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_KEYWORKER), ==, 2);
  oliwia = find_child (f, "Oliwia");
  g_assert_cmpstr (tandem_record_get_text (oliwia, "room_id"), ==,
                   tandem_record_get_id (TANDEM_RECORD (robins)));
  g_assert_cmpstr (tandem_record_get_text (oliwia, "keyworker_id"), ==,
                   tandem_record_get_id (TANDEM_RECORD (anna)));
}

static void
assert_parse_error (Fixture    *f,
                    GBytes     *contents,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRoster) roster =
    tandem_roster_parse_for_date (f->db.store, contents, &f->today, &error);

  g_assert_null (roster);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, needle);
}

static void
test_whole_file_errors (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) no_names = read_sample ("no-name-columns.csv");
  g_autoptr(GBytes) no_dob = read_sample ("no-dob-column.csv");
  g_autoptr(GBytes) header_only = read_sample ("header-only.csv");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  static const char latin1_text[] = "Forename,Surname,DOB\nZo\xeb,Li,2022-01-01\n";
  static const char open_quote_text[] = "Forename,Surname,DOB\n\"Zoe,Li,2022-01-01\n";
  g_autoptr(GBytes) latin1 = g_bytes_new_static (latin1_text, strlen (latin1_text));
  g_autoptr(GBytes) open_quote = g_bytes_new_static (open_quote_text, strlen (open_quote_text));

  assert_parse_error (f, no_names, "given name, family name, date of birth");
  assert_parse_error (f, no_dob, "no column is named for the date of birth.");
  assert_parse_error (f, header_only, "no children");
  assert_parse_error (f, empty, "empty");
  assert_parse_error (f, latin1, "line 2");
  assert_parse_error (f, open_quote, "starts on line 2");
  assert_nothing_written (f);
}

static void
test_header_variants (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemRoster) roster =
    parse_text (f, "Child First Name\tChild Surname\tBirth Date\tGroup\tKey Worker\t"
                   "Admission Date\tHome Language(s)\tSEN_Status\tParent Name\tMobile\t"
                   "E-mail\tParent 2 First Name\tParent 2 Last Name\tParent 2 Language\t"
                   "Parent 2 PR\tFavourite Colour\n"
                   "Sio\xcc\x82n\tJones\t2022-04-01 00:00:00\tDryw\tMegan\t2024-09-02\t"
                   "Cymraeg, pa-Guru\tEHCP\tCarys Jones\t07700 900999\tcarys@example.org\t"
                   "Dafydd\tJones\tFarsi\tno\tblue\n");
  TandemChild *child;
  TandemCarer *carer;
  const char * const *ignored;

  assert_no_problems (roster);
  ignored = tandem_roster_get_ignored_columns (roster);
  g_assert_cmpuint (g_strv_length ((char **) ignored), ==, 1);
  g_assert_cmpstr (ignored[0], ==, "Favourite Colour");

  g_assert_cmpuint (tandem_roster_get_children (roster)->len, ==, 1);
  child = g_ptr_array_index (tandem_roster_get_children (roster), 0);
  /* A name typed with a combining accent is stored precomposed. */
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (child), "given_name"), ==, "Siôn");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (child), "date_of_birth"), ==,
                   "2022-04-01");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (child), "start_date"), ==,
                   "2024-09-02");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (child), "home_languages"), ==,
                   "cy,pa");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (child), "send_status"), ==,
                   "ehc_plan");
  g_assert_nonnull (tandem_record_get_text (TANDEM_RECORD (child), "room_id"));
  g_assert_nonnull (tandem_record_get_text (TANDEM_RECORD (child), "keyworker_id"));

  g_assert_cmpuint (tandem_roster_get_carers (roster)->len, ==, 2);
  carer = g_ptr_array_index (tandem_roster_get_carers (roster), 0);
  g_assert_cmpstr (tandem_carer_get_name (carer), ==, "Carys Jones");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (carer), "phone"), ==, "07700 900999");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (carer), "email"), ==,
                   "carys@example.org");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (carer), "preferred_language"), ==,
                   "cy");
  carer = g_ptr_array_index (tandem_roster_get_carers (roster), 1);
  g_assert_cmpstr (tandem_carer_get_name (carer), ==, "Dafydd Jones");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (carer), "preferred_language"), ==,
                   "fa");
  g_assert_false (tandem_record_get_bool (TANDEM_RECORD (carer), "parental_responsibility"));

  commit (f, roster);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 1);
}

static void
test_language_names (Fixture       *f,
                     gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *tag;
  } names[] = {
    { "Polish", "pl" }, { "Welsh", "cy" }, { "Urdu", "ur" }, { "Arabic", "ar" },
    { "Bengali", "bn" }, { "Punjabi", "pa" }, { "Portuguese", "pt" }, { "Romanian", "ro" },
    { "Ukrainian", "uk" }, { "Spanish", "es" }, { "English", "en" }, { "Somali", "so" },
    { "Turkish", "tr" }, { "Gujarati", "gu" }, { "Tamil", "ta" }, { "French", "fr" },
    { "Italian", "it" }, { "Chinese", "zh-Hans" }, { "Mandarin", "zh-Hans" },
    { "Cantonese", "yue" }, { "Lithuanian", "lt" }, { "Hungarian", "hu" }, { "Pashto", "ps" },
    { "Farsi", "fa" }, { "Persian", "fa" }, { "Kurdish", "ku" }, { "Tigrinya", "ti" },
    { "Yoruba", "yo" }, { "Twi", "tw" }, { "WELSH", "cy" }, { "pt-br", "pt-BR" },
    { "en-GB", "en" }, { "pt_BR", "pt-BR" }, { "Română", "ro" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("Forename,Surname,DOB,Language\n"
                                               "Ann,Lee,2022-01-01,%s\n", names[i].name);
      g_autoptr(TandemRoster) roster = parse_text (f, text);
      TandemRecord *child;

      assert_no_problems (roster);
      child = g_ptr_array_index (tandem_roster_get_children (roster), 0);
      g_assert_cmpstr (tandem_record_get_text (child, "home_languages"), ==, names[i].tag);
    }
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TandemRoster) roster = parse_sample (f, "clean.csv");
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  /* Carers are saved last: make the first of them fail, after the rooms,
   * keyworkers and children have gone in, and check they went out again. */
  g_assert_cmpint (sqlite3_exec (tandem_store_get_db (f->db.store),
                                 "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.carers "
                                 "BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);

  assert_no_problems (roster);
  g_assert_false (tandem_roster_commit (roster, f->db.store, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Rhiannon Pritchard"));
  assert_nothing_written (f);
}

static void
test_parse_file_today (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) born = g_date_time_add_years (now, -2);
  g_autoptr(GDateTime) unborn = g_date_time_add_days (now, 2);
  g_autofree char *born_text = g_date_time_format (born, "%d/%m/%Y");
  g_autofree char *unborn_text = g_date_time_format (unborn, "%Y-%m-%d");
  g_autofree char *text = g_strdup_printf ("Forename,Surname,DOB\nAnn,Lee,%s\nBo,Li,%s\n",
                                           born_text, unborn_text);
  g_autofree char *path = g_build_filename (f->db.dir, "roster.csv", NULL);
  g_autofree char *missing = g_build_filename (f->db.dir, "missing.csv", NULL);
  g_autoptr(TandemRoster) roster = NULL;
  g_autoptr(GError) error = NULL;
  TandemRosterProblem *problem;

  tandem_test_write_file (path, text, -1);
  roster = tandem_roster_parse_file (f->db.store, path, &error);
  g_assert_no_error (error);

  /* Without a date given, dates of birth are checked against today. */
  g_assert_cmpuint (tandem_roster_get_children (roster)->len, ==, 1);
  g_assert_cmpuint (tandem_roster_get_problems (roster)->len, ==, 1);
  problem = g_ptr_array_index (tandem_roster_get_problems (roster), 0);
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_nonnull (strstr (problem->message, "in the future"));

  g_assert_null (tandem_roster_parse_file (f->db.store, missing, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "missing.csv"));
}

static void
test_parse_file_too_large (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "huge.csv", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  /* A sparse file: the size is refused before anything is read. */
  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, TANDEM_CSV_MAX_SIZE + 1), ==, 0);
  g_close (fd, NULL);

  g_assert_null (tandem_roster_parse_file (f->db.store, path, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "too large"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tandem_records_init ();

#define ADD(name, func, data) \
  g_test_add ("/roster/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("clean", test_clean, NULL);
  ADD ("system-a", test_system_a, NULL);
  ADD ("system-b", test_system_b, NULL);
  ADD ("header-variants", test_header_variants, NULL);
  ADD ("language-names", test_language_names, NULL);
  ADD ("existing-child", test_existing_child, NULL);
  ADD ("existing-rooms", test_existing_rooms, NULL);
  ADD ("several-problems", test_several_problems, NULL);
  ADD ("whole-file-errors", test_whole_file_errors, NULL);
  ADD ("rollback", test_rollback, NULL);
  ADD ("parse-file-today", test_parse_file_today, NULL);
  ADD ("parse-file-too-large", test_parse_file_too_large, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/roster/malformed/%s", malformed[i].file);

      g_test_add (path, Fixture, &malformed[i], fixture_set_up, test_malformed,
                  fixture_tear_down);
    }

  return g_test_run ();
}
