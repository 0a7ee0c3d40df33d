/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-export.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-records.h"
#include "tandem-test-util.h"

/* Amara (with her mother Ngozi and father Emeka) and Bilal (with his mother
 * Zainab) attend; Chloe has left, and her father Marco was her carer.
 * Amara has two shared observations, Bilal one. */
typedef struct {
  TandemTestStore  t;
  TandemStore     *store;
  char            *amara;
  char            *bilal;
  char            *chloe;
  char            *ngozi;
  char            *emeka;
  char            *zainab;
  char            *marco;
  char            *amara_obs[2];
  char            *bilal_obs;
} Fixture;

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
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
add_child (Fixture    *f,
           const char *given,
           const char *family,
           const char *leaving)
{
  g_autoptr(TandemChild) child = tandem_child_new (given, family, "2022-03-14");

  tandem_record_set_text (TANDEM_RECORD (child), "start_date", "2023-09-04");
  tandem_record_set_text (TANDEM_RECORD (child), "leaving_date", leaving);
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
observe (Fixture    *f,
         const char *child_id,
         int         days_ago,
         const char *text)
{
  g_autofree char *date = days_from_today (-days_ago);
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, text);
  g_autoptr(GError) error = NULL;

  tandem_journal_save_observation (f->store, observation,
                                   (const char * const []) { child_id, NULL }, NULL, NULL,
                                   &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *last_month = days_from_today (-30);

  tandem_test_store_set_up (&f->t, data);
  f->store = f->t.store;

  f->amara = add_child (f, "Amara", "Okafor", NULL);
  f->bilal = add_child (f, "Bilal", "Hussain", NULL);
  f->chloe = add_child (f, "Chloe", "Marchetti", last_month);
  f->ngozi = add_carer (f, f->amara, "Ngozi Okafor");
  f->emeka = add_carer (f, f->amara, "Emeka Okafor");
  f->zainab = add_carer (f, f->bilal, "Zainab Hussain");
  f->marco = add_carer (f, f->chloe, "Marco Marchetti");
  f->amara_obs[0] = observe (f, f->amara, 20, "Amara built a tall tower and counted the blocks.");
  f->amara_obs[1] = observe (f, f->amara, 10, "Amara sang the whole of the hello song.");
  f->bilal_obs = observe (f, f->bilal, 5, "Bilal rode the balance bike round the garden.");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->amara);
  g_free (f->bilal);
  g_free (f->chloe);
  g_free (f->ngozi);
  g_free (f->emeka);
  g_free (f->zainab);
  g_free (f->marco);
  g_free (f->amara_obs[0]);
  g_free (f->amara_obs[1]);
  g_free (f->bilal_obs);
  f->store = NULL;
  tandem_test_store_tear_down (&f->t, data);
}

/* A meeting @days from today, planned if in the future, held otherwise. */
static TandemMeeting *
meeting (const char *child_id,
         int         days,
         const char *starts_at)
{
  g_autofree char *date = days_from_today (days);
  TandemMeeting *m = tandem_meeting_new (child_id, "progress_review", date);

  tandem_record_set_text (TANDEM_RECORD (m), "status",
                          days >= 0 ? TANDEM_MEETING_PLANNED : TANDEM_MEETING_HELD);
  tandem_record_set_text (TANDEM_RECORD (m), "starts_at", starts_at);
  tandem_record_set_int (TANDEM_RECORD (m), "duration_minutes", 45);
  return m;
}

static TandemAction *
action (const char *what,
        const char *owner,
        const char *owner_name,
        int         due_days)
{
  TandemAction *a = tandem_action_new (NULL, NULL, what, owner);

  tandem_record_set_text (TANDEM_RECORD (a), "owner_name", owner_name);
  if (due_days != G_MININT)
    {
      g_autofree char *due = days_from_today (due_days);

      tandem_record_set_text (TANDEM_RECORD (a), "due_on", due);
    }
  return a;
}

static TandemRecord *
view (const char *topic,
      gboolean    resolved)
{
  TandemRecord *v = tandem_record_new (TANDEM_TYPE_MEETING_VIEW);

  tandem_record_set_text (v, "topic", topic);
  tandem_record_set_text (v, "family_view", "The family would like to start now.");
  tandem_record_set_text (v, "setting_view", "The setting would wait a few weeks.");
  tandem_record_set_bool (v, "resolved", resolved);
  return v;
}

static TandemRecord *
decision (const char *carer_id,
          const char *kind,
          gboolean    accepted)
{
  TandemRecord *d = tandem_record_new (TANDEM_TYPE_MEETING_ADJUSTMENT);

  tandem_record_set_text (d, "carer_id", carer_id);
  tandem_record_set_text (d, "kind", kind);
  tandem_record_set_bool (d, "accepted", accepted);
  return d;
}

static void
save_meeting (Fixture            *f,
              TandemMeeting      *m,
              TandemMeetingParts *parts)
{
  g_autoptr(GError) error = NULL;

  tandem_meetings_save (f->store, m, parts, &error);
  g_assert_no_error (error);
}

static char *
save_new_meeting (Fixture    *f,
                  const char *child_id,
                  int         days,
                  const char *starts_at)
{
  g_autoptr(TandemMeeting) m = meeting (child_id, days, starts_at);

  save_meeting (f, m, NULL);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (m)));
}

/* Saves a meeting of @child_id @days from today with actions due
 * @due_days from today (G_MININT: no date), returning the actions' ids. */
static GPtrArray *
save_actions (Fixture    *f,
              const char *child_id,
              int         days,
              const int  *due_days,
              guint       n,
              char      **meeting_id)
{
  g_autoptr(TandemMeeting) m = meeting (child_id, days, "10:00");
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *what = g_strdup_printf ("Action due %d", due_days[i]);

      g_ptr_array_add (parts->actions, action (what, TANDEM_ACTION_OWNER_SETTING, NULL,
                                               due_days[i]));
    }
  save_meeting (f, m, parts);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup (tandem_record_get_id (g_ptr_array_index (parts->actions,
                                                                             i))));
  if (meeting_id != NULL)
    *meeting_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (m)));
  return ids;
}

static gint64
rows (Fixture    *f,
      const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return tandem_test_query_int (f->store, sql);
}

/* Everything a meeting save could write, to show a refused one wrote nothing. */
static char *
everything (Fixture *f)
{
  const char * const tables[] = {
    "meetings", "meeting_carers", "meeting_adjustments", "meeting_strengths", "meeting_views",
    "actions", "change_log", "search_docs",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (out, "%s=%" G_GINT64_FORMAT " ", tables[i], rows (f, tables[i]));
  return g_string_free (out, FALSE);
}

static void
assert_refused (Fixture            *f,
                TandemMeeting      *m,
                TandemMeetingParts *parts,
                int                 code,
                const char         *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = everything (f);
  g_autofree char *after = NULL;

  g_assert_false (tandem_meetings_save (f->store, m, parts, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
  after = everything (f);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_invalid (TandemRecord *record,
                const char   *mentions)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tandem_record_validate (record, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_test_message ("invalid: %s", error->message);
  if (strstr (error->message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentions);
}

static void
assert_valid (TandemRecord *record)
{
  g_autoptr(GError) error = NULL;

  tandem_record_validate (record, &error);
  g_assert_no_error (error);
}

static void
test_meeting_validation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TandemMeeting) m = meeting (f->amara, 7, "09:30");
  TandemRecord *r = TANDEM_RECORD (m);
  g_autofree char *huge = g_malloc (TANDEM_MAX_TEXT_BYTES + 2);
  g_autofree char *tomorrow_plus = days_from_today (3);
  g_autofree char *after = days_from_today (8);
  g_autofree char *before = days_from_today (6);

  assert_valid (r);

  /* An end before the start. */
  tandem_record_set_int (r, "duration_minutes", -15);
  assert_invalid (r, "ends before it starts");
  tandem_record_set_int (r, "duration_minutes", 25 * 60);
  assert_invalid (r, "longer than a day");
  tandem_record_set_int (r, "duration_minutes", 0);
  assert_valid (r);

  for (guint i = 0; i < 4; i++)
    {
      const char *times[] = { "9:30", "24:00", "12:60", "noon" };

      tandem_record_set_text (r, "starts_at", times[i]);
      assert_invalid (r, times[i]);
    }
  tandem_record_set_text (r, "starts_at", "23:59");
  assert_valid (r);

  tandem_record_set_text (r, "kind", "picnic");
  assert_invalid (r, "picnic");
  tandem_record_set_text (r, "kind", "two_year_check");
  tandem_record_set_text (r, "status", "postponed");
  assert_invalid (r, "postponed");
  tandem_record_set_text (r, "status", TANDEM_MEETING_CANCELLED);
  tandem_record_set_text (r, "format", "pigeon");
  assert_invalid (r, "pigeon");
  tandem_record_set_text (r, "format", "home_visit");
  assert_valid (r);

  /* The invitation cannot go after the meeting; on the day is fine. */
  tandem_record_set_text (r, "invitation_sent_on", after);
  assert_invalid (r, "invitation");
  tandem_record_set_text (r, "invitation_sent_on", tandem_record_get_text (r, "meets_on"));
  assert_valid (r);

  tandem_record_set_text (r, "next_meeting_on", before);
  assert_invalid (r, "next meeting");
  tandem_record_set_text (r, "next_meeting_on", after);
  assert_valid (r);

  /* A meeting still to come cannot have been held. */
  tandem_record_set_text (r, "meets_on", tomorrow_plus);
  tandem_record_set_text (r, "invitation_sent_on", NULL);
  tandem_record_set_text (r, "status", TANDEM_MEETING_HELD);
  assert_invalid (r, "not happened yet");
  tandem_record_set_text (r, "status", TANDEM_MEETING_PLANNED);

  memset (huge, 'a', TANDEM_MAX_TEXT_BYTES + 1);
  huge[TANDEM_MAX_TEXT_BYTES + 1] = '\0';
  tandem_record_set_text (r, "notes", huge);
  assert_invalid (r, "64 KB");
  tandem_record_set_text (r, "notes", NULL);

  tandem_record_set_text (r, "meets_on", NULL);
  assert_invalid (r, "Date");
}

static void
test_planned_in_past (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemMeeting) past = meeting (f->amara, -2, NULL);
  g_autoptr(TandemMeeting) today = meeting (f->amara, 0, NULL);
  g_autofree char *today_iso = days_from_today (0);
  g_autoptr(GError) error = NULL;

  /* Held in the past is history; planned in the past is a mistake. */
  g_assert_true (tandem_meeting_check_planned (past, today_iso, &error));
  g_assert_no_error (error);

  tandem_record_set_text (TANDEM_RECORD (past), "status", TANDEM_MEETING_PLANNED);
  g_assert_false (tandem_meeting_check_planned (past, today_iso, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "has passed"));
  g_clear_error (&error);

  g_assert_true (tandem_meeting_check_planned (today, today_iso, &error));
  g_assert_no_error (error);

  /* The record itself still saves: a synced history must load. */
  save_meeting (f, past, NULL);
}

static void
test_action_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TandemMeeting) m = meeting (f->amara, 7, "09:30");
  g_autoptr(TandemAction) a = action ("Book a hearing test", NULL, NULL, G_MININT);
  TandemRecord *r = TANDEM_RECORD (a);
  g_autofree char *before = days_from_today (6);
  g_autofree char *on_the_day = days_from_today (7);
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (r, "meeting_id", tandem_record_get_id (TANDEM_RECORD (m)));
  tandem_record_set_text (r, "child_id", f->amara);

  /* No owner: the message names the action and who it could be. */
  assert_invalid (r, "Say who will do “Book a hearing test”");

  tandem_record_set_text (r, "owner", "neighbour");
  assert_invalid (r, "neighbour");

  tandem_record_set_text (r, "owner", TANDEM_ACTION_OWNER_CARER);
  assert_invalid (r, "Choose which family member");
  tandem_record_set_text (r, "owner_carer_id", f->ngozi);
  assert_valid (r);

  tandem_record_set_text (r, "owner", TANDEM_ACTION_OWNER_PROFESSIONAL);
  tandem_record_set_text (r, "owner_carer_id", NULL);
  assert_invalid (r, "Name the professional");
  tandem_record_set_text (r, "owner_name", "Ruth Hale, audiologist");
  assert_valid (r);

  /* The setting needs no name, though one may be given. */
  tandem_record_set_text (r, "owner", TANDEM_ACTION_OWNER_SETTING);
  tandem_record_set_text (r, "owner_name", NULL);
  assert_valid (r);

  tandem_record_set_text (r, "what", NULL);
  assert_invalid (r, "what was agreed");
  tandem_record_set_text (r, "what", "Book a hearing test");

  /* Due before the meeting: refused with both dates; on the day is fine. */
  tandem_record_set_text (r, "due_on", before);
  g_assert_false (tandem_action_check_due (a, m, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "before the meeting"));
  g_assert_nonnull (strstr (error->message, "Book a hearing test"));
  g_clear_error (&error);
  tandem_record_set_text (r, "due_on", on_the_day);
  g_assert_true (tandem_action_check_due (a, m, &error));
  g_assert_no_error (error);
}

static void
test_save_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TandemMeeting) m = meeting (f->amara, 7, "09:30");
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  TandemAction *a;

  /* A good meeting with a bad part: nothing at all is written. */
  g_ptr_array_add (parts->carer_ids, g_strdup (f->ngozi));
  g_ptr_array_add (parts->views, view ("Naps", FALSE));
  a = action ("Share the sleep diary", TANDEM_ACTION_OWNER_CARER, NULL, 10);
  g_ptr_array_add (parts->actions, a);
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "Choose which family member");

  tandem_record_set_text (TANDEM_RECORD (a), "owner", TANDEM_ACTION_OWNER_PROFESSIONAL);
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "Name the professional");

  tandem_record_set_text (TANDEM_RECORD (a), "owner", NULL);
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "Say who will do");

  tandem_record_set_text (TANDEM_RECORD (a), "owner", TANDEM_ACTION_OWNER_CARER);
  tandem_record_set_text (TANDEM_RECORD (a), "owner_carer_id", f->ngozi);
  g_ptr_array_add (parts->actions, action ("Too early", TANDEM_ACTION_OWNER_SETTING, NULL, 3));
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "before the meeting");
  g_ptr_array_remove_index (parts->actions, 1);

  g_ptr_array_add (parts->views, view (NULL, FALSE));
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "topic");
  g_ptr_array_remove_index (parts->views, 1);

  tandem_record_set_int (TANDEM_RECORD (m), "duration_minutes", -30);
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "ends before it starts");
  tandem_record_set_int (TANDEM_RECORD (m), "duration_minutes", 30);

  g_ptr_array_add (parts->adjustments, decision (f->ngozi, "bring_cake", TRUE));
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "bring_cake");
  g_ptr_array_set_size (parts->adjustments, 0);

  /* Only the child's own family, journal and carers. */
  g_ptr_array_add (parts->carer_ids, g_strdup (f->zainab));
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "own family");
  g_ptr_array_remove_index (parts->carer_ids, 1);

  g_ptr_array_add (parts->strength_ids, g_strdup (f->bilal_obs));
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "own journal");
  g_ptr_array_set_size (parts->strength_ids, 0);

  tandem_record_set_text (TANDEM_RECORD (a), "owner_carer_id", f->zainab);
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_INVALID, "own family");
  tandem_record_set_text (TANDEM_RECORD (a), "owner_carer_id", f->ngozi);

  tandem_record_set_text (TANDEM_RECORD (m), "child_id", "00000000-0000-4000-8000-000000000000");
  assert_refused (f, m, parts, TANDEM_CORE_ERROR_NOT_FOUND, "00000000-0000-4000-8000");
  tandem_record_set_text (TANDEM_RECORD (m), "child_id", f->amara);

  /* All put right, it saves. */
  save_meeting (f, m, parts);
  g_assert_cmpint (tandem_test_count (f->store, TANDEM_TYPE_ACTION), ==, 1);
}

static void
assert_strings (GPtrArray          *strings,
                const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_cmpuint (strings->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (strings, i), ==, expected[i]);
}

static TandemRecord *
find_decision (GPtrArray  *adjustments,
               const char *carer_id,
               const char *kind)
{
  for (guint i = 0; i < adjustments->len; i++)
    {
      TandemRecord *d = g_ptr_array_index (adjustments, i);

      if (g_str_equal (tandem_record_get_text (d, "carer_id"), carer_id) &&
          g_str_equal (tandem_record_get_text (d, "kind"), kind))
        return d;
    }
  return NULL;
}

static void
test_save_and_replace (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TandemMeeting) m = meeting (f->amara, -3, "13:30");
  const char *id = tandem_record_get_id (TANDEM_RECORD (m));
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  g_autoptr(TandemMeetingParts) loaded = NULL;
  g_autoptr(TandemMeetingParts) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_decision = NULL;
  g_autofree char *kept_action = NULL;
  TandemRecord *d;
  gint64 changes;

  tandem_record_set_text (TANDEM_RECORD (m), "family_contributions",
                          "Ngozi: “She sings the hello song to her baby brother.”");
  g_ptr_array_add (parts->carer_ids, g_strdup (f->ngozi));
  g_ptr_array_add (parts->carer_ids, g_strdup (f->emeka));
  g_ptr_array_add (parts->attended_ids, g_strdup (f->ngozi));
  g_ptr_array_add (parts->adjustments, decision (f->ngozi, "interpreter", TRUE));
  g_ptr_array_add (parts->adjustments, decision (f->emeka, "outside_working_hours", FALSE));
  g_ptr_array_add (parts->strength_ids, g_strdup (f->amara_obs[1]));
  g_ptr_array_add (parts->strength_ids, g_strdup (f->amara_obs[0]));
  g_ptr_array_add (parts->views, view ("Potty training", TRUE));
  g_ptr_array_add (parts->views, view ("Naps", FALSE));
  g_ptr_array_add (parts->actions, action ("Share the song words", TANDEM_ACTION_OWNER_SETTING,
                                           "Priya Shah", 10));
  g_ptr_array_add (parts->actions, action ("Hearing test", TANDEM_ACTION_OWNER_PROFESSIONAL,
                                           "Ruth Hale, audiologist", 20));
  save_meeting (f, m, parts);

  /* The parts' own fields are set from the meeting and the arrays. */
  for (guint i = 0; i < parts->actions->len; i++)
    {
      TandemRecord *a = g_ptr_array_index (parts->actions, i);

      g_assert_cmpstr (tandem_record_get_text (a, "meeting_id"), ==, id);
      g_assert_cmpstr (tandem_record_get_text (a, "child_id"), ==, f->amara);
      g_assert_cmpint (tandem_record_get_int (a, "position"), ==, i);
    }

  loaded = tandem_meetings_load_parts (f->store, id, &error);
  g_assert_no_error (error);
  assert_strings (loaded->carer_ids, (const char * const []) { f->ngozi, f->emeka, NULL });
  assert_strings (loaded->attended_ids, (const char * const []) { f->ngozi, NULL });
  assert_strings (loaded->strength_ids,
                  (const char * const []) { f->amara_obs[1], f->amara_obs[0], NULL });
  g_assert_cmpuint (loaded->adjustments->len, ==, 2);
  g_assert_true (tandem_record_get_bool (find_decision (loaded->adjustments, f->ngozi,
                                                        "interpreter"), "accepted"));
  g_assert_false (tandem_record_get_bool (find_decision (loaded->adjustments, f->emeka,
                                                         "outside_working_hours"), "accepted"));
  g_assert_cmpuint (loaded->views->len, ==, 2);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (loaded->views, 0), "topic"), ==,
                   "Potty training");
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (loaded->views, 1), "topic"), ==,
                   "Naps");
  g_assert_cmpuint (loaded->actions->len, ==, 2);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (loaded->actions, 1), "what"), ==,
                   "Hearing test");
  first_decision = g_strdup (tandem_record_get_id (find_decision (loaded->adjustments, f->ngozi,
                                                                  "interpreter")));

  /* Saving the loaded parts unchanged changes nothing at all: sync sees
   * only real changes. */
  changes = rows (f, "change_log");
  save_meeting (f, m, loaded);
  g_assert_cmpint (rows (f, "change_log"), ==, changes);

  /* Replace: Emeka only, and he came; Ngozi's decision flipped on a new
   * record for the same thing, Emeka's dropped; strengths reordered; the
   * second view kept and resolved; the first action kept, a new one. */
  g_ptr_array_set_size (loaded->carer_ids, 0);
  g_ptr_array_add (loaded->carer_ids, g_strdup (f->emeka));
  g_ptr_array_add (loaded->attended_ids, g_strdup (f->emeka));
  g_ptr_array_remove_index (loaded->attended_ids, 0);
  g_ptr_array_set_size (loaded->adjustments, 0);
  g_ptr_array_add (loaded->adjustments, decision (f->ngozi, "interpreter", FALSE));
  g_ptr_array_set_size (loaded->strength_ids, 0);
  g_ptr_array_add (loaded->strength_ids, g_strdup (f->amara_obs[0]));
  g_ptr_array_add (loaded->strength_ids, g_strdup (f->amara_obs[1]));
  g_ptr_array_remove_index (loaded->views, 0);
  tandem_record_set_text (g_ptr_array_index (loaded->views, 0), "resolution",
                          "A short nap before half past one.");
  tandem_record_set_bool (g_ptr_array_index (loaded->views, 0), "resolved", TRUE);
  g_ptr_array_remove_index (loaded->actions, 1);
  kept_action = g_strdup (tandem_record_get_id (g_ptr_array_index (loaded->actions, 0)));
  g_ptr_array_insert (loaded->actions, 0, action ("Practise coats", TANDEM_ACTION_OWNER_CARER,
                                                  NULL, 5));
  tandem_record_set_text (g_ptr_array_index (loaded->actions, 0), "owner_carer_id", f->emeka);
  save_meeting (f, m, loaded);

  again = tandem_meetings_load_parts (f->store, id, &error);
  g_assert_no_error (error);
  assert_strings (again->carer_ids, (const char * const []) { f->emeka, NULL });
  assert_strings (again->attended_ids, (const char * const []) { f->emeka, NULL });
  assert_strings (again->strength_ids,
                  (const char * const []) { f->amara_obs[0], f->amara_obs[1], NULL });
  g_assert_cmpuint (again->adjustments->len, ==, 1);
  d = g_ptr_array_index (again->adjustments, 0);
  g_assert_false (tandem_record_get_bool (d, "accepted"));
  /* The decision kept its row rather than gaining a second one. */
  g_assert_cmpstr (tandem_record_get_id (d), ==, first_decision);
  g_assert_cmpuint (again->views->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (again->views, 0), "resolution"),
                   ==, "A short nap before half past one.");
  g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (again->views, 0), "position"), ==,
                   0);
  g_assert_cmpuint (again->actions->len, ==, 2);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (again->actions, 0), "what"), ==,
                   "Practise coats");
  g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (again->actions, 1)), ==,
                   kept_action);
  g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (again->actions, 1), "position"), ==,
                   1);

  /* What went is a tombstone, not gone: two carer links (Ngozi's deleted),
   * two decisions, two strengths, two views and three actions in all. */
  g_assert_cmpint (rows (f, "meeting_carers"), ==, 2);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM meeting_carers "
                                                    "WHERE deleted = 1"), ==, 1);
  g_assert_cmpint (rows (f, "meeting_adjustments"), ==, 2);
  g_assert_cmpint (rows (f, "meeting_strengths"), ==, 2);
  g_assert_cmpint (rows (f, "meeting_views"), ==, 2);
  g_assert_cmpint (rows (f, "actions"), ==, 3);

  /* Inviting Ngozi again brings her old link back rather than a new one. */
  g_ptr_array_add (again->carer_ids, g_strdup (f->ngozi));
  save_meeting (f, m, again);
  g_assert_cmpint (rows (f, "meeting_carers"), ==, 2);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM meeting_carers "
                                                    "WHERE deleted = 1"), ==, 0);
}

static void
test_load_parts_missing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemMeetingParts) parts = NULL;

  parts = tandem_meetings_load_parts (f->store, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (parts);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
}

static void
test_delete_undelete (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemMeeting) m = meeting (f->amara, -3, "10:00");
  const char *id = tandem_record_get_id (TANDEM_RECORD (m));
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  g_autoptr(TandemMeetingParts) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *today = days_from_today (0);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (parts->carer_ids, g_strdup (f->ngozi));
  g_ptr_array_add (parts->strength_ids, g_strdup (f->amara_obs[0]));
  g_ptr_array_add (parts->adjustments, decision (f->ngozi, "notice", TRUE));
  g_ptr_array_add (parts->views, view ("Potty training", TRUE));
  g_ptr_array_add (parts->views, view ("Naps", FALSE));
  g_ptr_array_add (parts->actions, action ("Share the song words", TANDEM_ACTION_OWNER_SETTING,
                                           NULL, 5));
  save_meeting (f, m, parts);

  /* A view removed before the meeting is deleted must stay removed after
   * undo. */
  g_ptr_array_remove_index (parts->views, 1);
  save_meeting (f, m, parts);

  g_assert_true (tandem_meetings_delete (f->store, id, &error));
  g_assert_no_error (error);
  list = tandem_meetings_for_child (f->store, f->amara, &error);
  g_assert_cmpuint (list->len, ==, 0);
  open = tandem_meetings_open_actions (f->store, NULL, today, &error);
  g_assert_cmpuint (open->len, ==, 0);
  g_clear_pointer (&open, g_ptr_array_unref);
  g_assert_cmpint (tandem_test_query_int (f->store, "SELECT count(*) FROM meeting_carers "
                                                    "WHERE deleted = 0"), ==, 0);
  loaded = tandem_meetings_load_parts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->carer_ids->len + loaded->strength_ids->len +
                    loaded->adjustments->len + loaded->views->len + loaded->actions->len, ==, 0);
  g_clear_pointer (&loaded, tandem_meeting_parts_free);

  /* Deleting twice is harmless. */
  g_assert_true (tandem_meetings_delete (f->store, id, &error));

  g_assert_true (tandem_meetings_undelete (f->store, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = tandem_meetings_for_child (f->store, f->amara, &error);
  g_assert_cmpuint (list->len, ==, 1);
  loaded = tandem_meetings_load_parts (f->store, id, &error);
  g_assert_cmpuint (loaded->carer_ids->len, ==, 1);
  g_assert_cmpuint (loaded->strength_ids->len, ==, 1);
  g_assert_cmpuint (loaded->adjustments->len, ==, 1);
  g_assert_cmpuint (loaded->actions->len, ==, 1);
  g_assert_cmpuint (loaded->views->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (loaded->views, 0), "topic"), ==,
                   "Potty training");
  open = tandem_meetings_open_actions (f->store, NULL, today, &error);
  g_assert_cmpuint (open->len, ==, 1);

  g_assert_false (tandem_meetings_delete (f->store, "00000000-0000-4000-8000-000000000000",
                                          &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
}

static void
assert_meeting_ids (GPtrArray          *meetings,
                    const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < meetings->len; i++)
    g_test_message ("%u: %s %s", i,
                    tandem_record_get_text (g_ptr_array_index (meetings, i), "meets_on"),
                    tandem_record_get_text (g_ptr_array_index (meetings, i), "starts_at"));
  g_assert_cmpuint (meetings->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (meetings, i)), ==, expected[i]);
}

static void
test_for_child_order (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *long_ago = save_new_meeting (f, f->amara, -30, "10:00");
  g_autofree char *recent_early = save_new_meeting (f, f->amara, -5, "09:00");
  g_autofree char *recent_late = save_new_meeting (f, f->amara, -5, "15:00");
  g_autofree char *today = save_new_meeting (f, f->amara, 0, NULL);
  g_autofree char *soon_late = save_new_meeting (f, f->amara, 3, "10:00");
  g_autofree char *soon_early = save_new_meeting (f, f->amara, 3, "09:00");
  g_autofree char *later = save_new_meeting (f, f->amara, 20, "11:00");
  g_autofree char *deleted = save_new_meeting (f, f->amara, 4, "11:00");
  g_autofree char *bilals = save_new_meeting (f, f->bilal, 2, "11:00");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_meetings_delete (f->store, deleted, &error));

  /* From today on, soonest first (an untimed meeting after the timed ones
   * of its day), then the past, latest first. */
  list = tandem_meetings_for_child (f->store, f->amara, &error);
  g_assert_no_error (error);
  assert_meeting_ids (list, (const char * const []) {
    today, soon_early, soon_late, later, recent_late, recent_early, long_ago, NULL });
  g_clear_pointer (&list, g_ptr_array_unref);

  list = tandem_meetings_for_child (f->store, f->bilal, &error);
  assert_meeting_ids (list, (const char * const []) { bilals, NULL });
}

static void
test_between_and_next (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *monday = days_from_today (1);
  g_autofree char *friday = days_from_today (5);
  g_autofree char *today = days_from_today (0);
  g_autofree char *a_late = save_new_meeting (f, f->amara, 3, "15:00");
  g_autofree char *b_early = save_new_meeting (f, f->bilal, 3, "09:00");
  g_autofree char *a_untimed = save_new_meeting (f, f->amara, 3, NULL);
  g_autofree char *b_first = save_new_meeting (f, f->bilal, 1, "16:00");
  g_autofree char *b_last = save_new_meeting (f, f->bilal, 5, "08:00");
  g_autofree char *outside = save_new_meeting (f, f->amara, 6, "10:00");
  g_autofree char *deleted = save_new_meeting (f, f->amara, 2, "10:00");
  g_autofree char *left = save_new_meeting (f, f->chloe, 2, "10:00");
  g_autoptr(TandemMeeting) cancelled = meeting (f->amara, 2, "11:00");
  g_autoptr(TandemMeeting) next = NULL;
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (cancelled), "status", TANDEM_MEETING_CANCELLED);
  save_meeting (f, cancelled, NULL);
  g_assert_true (tandem_meetings_delete (f->store, deleted, &error));

  /* Planned meetings of children who attend, by date and time; a
   * cancelled or deleted one, and a child who has left, are not there. */
  week = tandem_meetings_between (f->store, monday, friday, &error);
  g_assert_no_error (error);
  assert_meeting_ids (week, (const char * const []) {
    b_first, b_early, a_late, a_untimed, b_last, NULL });

  next = tandem_meetings_next (f->store, f->amara, today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (next)), ==, a_late);
  g_clear_object (&next);

  /* A meeting today counts as next; past and held ones never do. */
  {
    g_autofree char *today_meeting = save_new_meeting (f, f->amara, 0, "18:00");

    next = tandem_meetings_next (f->store, f->amara, today, &error);
    g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (next)), ==, today_meeting);
    g_clear_object (&next);
  }

  {
    g_autofree char *far = days_from_today (30);
    g_autofree char *held = save_new_meeting (f, f->bilal, -3, "10:00");

    next = tandem_meetings_next (f->store, f->amara, far, &error);
    g_assert_null (next);
    g_assert_no_error (error);
  }
}

static void
assert_action_ids (GPtrArray          *actions,
                   const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < actions->len; i++)
    g_test_message ("%u: %s due %s", i,
                    tandem_record_get_text (g_ptr_array_index (actions, i), "what"),
                    tandem_record_get_text (g_ptr_array_index (actions, i), "due_on"));
  g_assert_cmpuint (actions->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (actions, i)), ==, expected[i]);
}

static void
test_open_actions (Fixture       *f,
                   gconstpointer  data)
{
  const int amara_due[] = { 5, -3, G_MININT, -10, 1 };
  const int bilal_due[] = { -5, G_MININT };
  const int chloe_due[] = { -8 };
  const int gone_due[] = { -9 };
  g_autoptr(GPtrArray) amara = save_actions (f, f->amara, -20, amara_due, 5, NULL);
  g_autoptr(GPtrArray) bilal = save_actions (f, f->bilal, -20, bilal_due, 2, NULL);
  g_autoptr(GPtrArray) chloe = save_actions (f, f->chloe, -40, chloe_due, 1, NULL);
  g_autofree char *gone_meeting = NULL;
  g_autoptr(GPtrArray) gone = save_actions (f, f->amara, -20, gone_due, 1, &gone_meeting);
  g_autofree char *today = days_from_today (0);
  g_autofree char *yesterday = days_from_today (-1);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) deleted = NULL;

  /* Done (due +1), deleted (Amara's -3) and on a deleted meeting: not open. */
  g_assert_true (tandem_meetings_set_action_done (f->store, g_ptr_array_index (amara, 4),
                                                  yesterday, &error));
  g_assert_no_error (error);
  deleted = tandem_store_load (f->store, TANDEM_TYPE_ACTION, g_ptr_array_index (amara, 1),
                               &error);
  g_assert_true (tandem_store_delete (f->store, deleted, &error));
  g_assert_true (tandem_meetings_delete (f->store, gone_meeting, &error));

  /* Overdue first, oldest first, then by due date, undated last; Chloe has
   * left. */
  open = tandem_meetings_open_actions (f->store, NULL, today, &error);
  g_assert_no_error (error);
  {
    const char * const expected[] = {
      g_ptr_array_index (amara, 3),   /* -10 */
      g_ptr_array_index (bilal, 0),   /* -5 */
      g_ptr_array_index (amara, 0),   /* +5 */
      g_ptr_array_index (amara, 2),   /* undated */
      g_ptr_array_index (bilal, 1),   /* undated */
      NULL
    };

    g_assert_cmpuint (open->len, ==, 5);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (open, i)), ==, expected[i]);
    for (guint i = 3; i < 5; i++)
      g_assert_null (tandem_record_get_text (g_ptr_array_index (open, i), "due_on"));
  }
  g_clear_pointer (&open, g_ptr_array_unref);

  open = tandem_meetings_open_actions (f->store, f->amara, today, &error);
  assert_action_ids (open, (const char * const []) {
    g_ptr_array_index (amara, 3), g_ptr_array_index (amara, 0), g_ptr_array_index (amara, 2),
    NULL });
  g_clear_pointer (&open, g_ptr_array_unref);

  /* Reopened, the done action is back, in its place. */
  g_assert_true (tandem_meetings_set_action_done (f->store, g_ptr_array_index (amara, 4), NULL,
                                                  &error));
  open = tandem_meetings_open_actions (f->store, f->amara, today, &error);
  assert_action_ids (open, (const char * const []) {
    g_ptr_array_index (amara, 3), g_ptr_array_index (amara, 4), g_ptr_array_index (amara, 0),
    g_ptr_array_index (amara, 2), NULL });
  g_clear_pointer (&open, g_ptr_array_unref);

  open = tandem_meetings_open_actions (f->store, f->chloe, today, &error);
  g_assert_cmpuint (open->len, ==, 0);
  (void) chloe;
  (void) gone;
}

static void
test_set_action_done (Fixture       *f,
                      gconstpointer  data)
{
  const int due[] = { 3 };
  g_autoptr(GPtrArray) ids = save_actions (f, f->amara, -2, due, 1, NULL);
  g_autofree char *today = days_from_today (0);
  g_autoptr(TandemRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_meetings_set_action_done (f->store, g_ptr_array_index (ids, 0), today,
                                                  &error));
  g_assert_no_error (error);
  loaded = tandem_store_load (f->store, TANDEM_TYPE_ACTION, g_ptr_array_index (ids, 0), &error);
  g_assert_cmpstr (tandem_record_get_text (loaded, "done_on"), ==, today);
  g_clear_object (&loaded);

  g_assert_false (tandem_meetings_set_action_done (f->store, g_ptr_array_index (ids, 0),
                                                   "31/12/2026", &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (tandem_meetings_set_action_done (f->store,
                                                   "00000000-0000-4000-8000-000000000000", today,
                                                   &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tandem_meetings_set_action_done (f->store, g_ptr_array_index (ids, 0), NULL,
                                                  &error));
  loaded = tandem_store_load (f->store, TANDEM_TYPE_ACTION, g_ptr_array_index (ids, 0), &error);
  g_assert_null (tandem_record_get_text (loaded, "done_on"));
}

static void
test_children_overdue (Fixture       *f,
                       gconstpointer  data)
{
  const int amara_due[] = { -2, 4 };
  const int bilal_due[] = { 0, 6, G_MININT };
  const int chloe_due[] = { -8 };
  g_autoptr(GPtrArray) amara = save_actions (f, f->amara, -20, amara_due, 2, NULL);
  g_autoptr(GPtrArray) bilal = save_actions (f, f->bilal, -20, bilal_due, 3, NULL);
  g_autoptr(GPtrArray) chloe = save_actions (f, f->chloe, -40, chloe_due, 1, NULL);
  g_autofree char *today = days_from_today (0);
  g_autoptr(GHashTable) overdue = NULL;
  g_autoptr(GError) error = NULL;

  /* Amara's is late; Bilal's is due today, which is not late yet; Chloe
   * has left. */
  overdue = tandem_meetings_children_overdue (f->store, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (overdue), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (overdue, f->amara), ==, f->amara);
  g_clear_pointer (&overdue, g_hash_table_unref);

  g_assert_true (tandem_meetings_set_action_done (f->store, g_ptr_array_index (amara, 0), today,
                                                  &error));
  overdue = tandem_meetings_children_overdue (f->store, today, &error);
  g_assert_cmpuint (g_hash_table_size (overdue), ==, 0);
  g_clear_pointer (&overdue, g_hash_table_unref);

  /* Tomorrow Bilal's is late. */
  {
    g_autofree char *tomorrow = days_from_today (1);

    overdue = tandem_meetings_children_overdue (f->store, tomorrow, &error);
    g_assert_true (g_hash_table_contains (overdue, f->bilal));
    g_assert_false (g_hash_table_contains (overdue, f->amara));
  }
  (void) chloe;
}

static gboolean
hits_contain (GPtrArray  *hits,
              const char *kind,
              const char *row_id,
              const char *child_id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      TandemSearchHit *hit = g_ptr_array_index (hits, i);

      if (g_str_equal (hit->kind, kind) && g_str_equal (hit->row_id, row_id))
        {
          g_assert_cmpstr (hit->child_id, ==, child_id);
          g_assert_nonnull (hit->date);
          g_assert_null (hit->observation_id);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TandemMeeting) m = meeting (f->amara, -3, "10:00");
  const char *id = tandem_record_get_id (TANDEM_RECORD (m));
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *action_id;

  tandem_record_set_text (TANDEM_RECORD (m), "family_contributions",
                          "Ngozi: “She tells stories about the zebra every night.”");
  tandem_record_set_text (TANDEM_RECORD (m), "concerns", "Private worry about xylophones");
  g_ptr_array_add (parts->actions, action ("Borrow the zebra puppet for the weekend",
                                           TANDEM_ACTION_OWNER_SETTING, NULL, 4));
  save_meeting (f, m, parts);
  action_id = tandem_record_get_id (g_ptr_array_index (parts->actions, 0));

  hits = tandem_journal_search (f->store, "zebra", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (hits, "meeting", id, f->amara));
  g_assert_true (hits_contain (hits, "action", action_id, f->amara));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Within a child: Amara's, not Bilal's. */
  hits = tandem_journal_search (f->store, "zebra", f->amara, 10, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = tandem_journal_search (f->store, "zebra", f->bilal, 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The practitioner's private concerns are not indexed. */
  hits = tandem_journal_search (f->store, "xylophones", NULL, 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Edits reach the index; a deleted meeting and its actions leave it. */
  tandem_record_set_text (TANDEM_RECORD (m), "family_contributions", "Giraffes now.");
  save_meeting (f, m, parts);
  hits = tandem_journal_search (f->store, "zebra", NULL, 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (tandem_meetings_delete (f->store, id, &error));
  hits = tandem_journal_search (f->store, "zebra", NULL, 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = tandem_journal_search (f->store, "giraffes", NULL, 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
}

/* Every field of two records, as text. */
static char *
describe (TandemRecord *record)
{
  guint n;
  const TandemField *fields = tandem_record_type_get_fields (G_OBJECT_TYPE (record), &n);
  GString *out = g_string_new (tandem_record_get_id (record));

  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) text = G_VALUE_INIT;

      g_value_init (&text, G_TYPE_STRING);
      g_value_transform (tandem_record_get_value (record, i), &text);
      g_string_append_printf (out, "|%s=%s", fields[i].name, g_value_get_string (&text));
    }
  return g_string_free (out, FALSE);
}

static char *
describe_meetings (TandemStore *store,
                   const char  *child_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = tandem_meetings_for_child (store, child_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < meetings->len; i++)
    {
      TandemRecord *m = g_ptr_array_index (meetings, i);
      g_autoptr(TandemMeetingParts) parts = tandem_meetings_load_parts (store,
                                                                        tandem_record_get_id (m),
                                                                        &error);
      g_autofree char *meeting = describe (m);
      GPtrArray *records[] = { parts->adjustments, parts->views, parts->actions };
      GPtrArray *strings[] = { parts->carer_ids, parts->attended_ids, parts->strength_ids };

      g_assert_no_error (error);
      g_string_append_printf (out, "%s\n", meeting);
      for (guint k = 0; k < G_N_ELEMENTS (records); k++)
        for (guint r = 0; r < records[k]->len; r++)
          {
            g_autofree char *part = describe (g_ptr_array_index (records[k], r));

            g_string_append_printf (out, "  %s\n", part);
          }
      for (guint k = 0; k < G_N_ELEMENTS (strings); k++)
        for (guint s = 0; s < strings[k]->len; s++)
          g_string_append_printf (out, "  [%u] %s\n", k,
                                  (const char *) g_ptr_array_index (strings[k], s));
    }
  return g_string_free (out, FALSE);
}

static void
fill_for_export (Fixture *f)
{
  g_autoptr(TandemMeeting) m = meeting (f->amara, -3, "13:30");
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  g_autoptr(TandemMeetingParts) bilal_parts = tandem_meeting_parts_new ();
  g_autoptr(TandemMeeting) planned = meeting (f->amara, 10, NULL);
  g_autoptr(TandemMeeting) bilals = meeting (f->bilal, -1, "09:00");
  TandemAction *a;

  tandem_record_set_text (TANDEM_RECORD (m), "family_contributions", "Ngozi: “She loves it.”");
  tandem_record_set_text (TANDEM_RECORD (m), "concerns", "Quiet in big groups.");
  g_ptr_array_add (parts->carer_ids, g_strdup (f->ngozi));
  g_ptr_array_add (parts->carer_ids, g_strdup (f->emeka));
  g_ptr_array_add (parts->attended_ids, g_strdup (f->emeka));
  g_ptr_array_add (parts->adjustments, decision (f->ngozi, "invitation_language", TRUE));
  g_ptr_array_add (parts->strength_ids, g_strdup (f->amara_obs[0]));
  g_ptr_array_add (parts->views, view ("Naps", FALSE));
  a = action ("Practise coats", TANDEM_ACTION_OWNER_CARER, NULL, 5);
  tandem_record_set_text (TANDEM_RECORD (a), "owner_carer_id", f->ngozi);
  g_ptr_array_add (parts->actions, a);
  g_ptr_array_add (parts->actions, action ("Hearing test", TANDEM_ACTION_OWNER_PROFESSIONAL,
                                           "Ruth Hale, audiologist", G_MININT));
  save_meeting (f, m, parts);
  save_meeting (f, planned, NULL);

  g_ptr_array_add (bilal_parts->carer_ids, g_strdup (f->zainab));
  g_ptr_array_add (bilal_parts->actions, action ("Bilal’s own action",
                                                 TANDEM_ACTION_OWNER_SETTING, NULL, 2));
  save_meeting (f, bilals, bilal_parts);
}

static TandemStore *
fresh_store (Fixture    *f,
             const char *name)
{
  g_autofree char *dir = g_build_filename (f->t.dir, name, NULL);
  g_autofree char *path = g_build_filename (dir, "tandem.db", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  return tandem_test_open_store (path);
}

static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *whole = g_build_filename (f->t.dir, "whole", NULL);
  g_autofree char *one = g_build_filename (f->t.dir, "one", NULL);
  g_autoptr(TandemStore) copy = NULL;
  g_autoptr(TandemStore) family = NULL;
  g_autofree char *before_amara = NULL;
  g_autofree char *before_bilal = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  fill_for_export (f);
  before_amara = describe_meetings (f->store, f->amara);
  before_bilal = describe_meetings (f->store, f->bilal);
  g_assert_nonnull (strstr (before_amara, "Practise coats"));

  /* The whole setting, into a new database: identical meetings. */
  g_assert_true (tandem_export_json (f->store, whole, NULL, &error));
  g_assert_no_error (error);
  copy = fresh_store (f, "copy");
  g_assert_true (tandem_import_json (copy, whole, &error));
  g_assert_no_error (error);
  after = describe_meetings (copy, f->amara);
  g_assert_cmpstr (after, ==, before_amara);
  g_clear_pointer (&after, g_free);
  after = describe_meetings (copy, f->bilal);
  g_assert_cmpstr (after, ==, before_bilal);
  g_clear_pointer (&after, g_free);

  /* One child: her meetings and everything in them, nothing of Bilal's. */
  g_assert_true (tandem_export_json (f->store, one, f->amara, &error));
  g_assert_no_error (error);
  family = fresh_store (f, "family");
  g_assert_true (tandem_import_json (family, one, &error));
  g_assert_no_error (error);
  after = describe_meetings (family, f->amara);
  g_assert_cmpstr (after, ==, before_amara);
  g_assert_cmpint (tandem_test_query_int (family, "SELECT count(*) FROM meetings"), ==, 2);
  g_assert_cmpint (tandem_test_query_int (family, "SELECT count(*) FROM actions"), ==, 2);
  g_assert_cmpint (tandem_test_query_int (family, "SELECT count(*) FROM meeting_carers"), ==, 2);
  g_assert_cmpint (tandem_test_query_int (family, "SELECT count(*) FROM actions "
                                                  "WHERE what LIKE 'Bilal%'"), ==, 0);
}

static void
test_import_refuses_bad_meeting (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->t.dir, "bad", NULL);
  g_autofree char *json_path = g_build_filename (dir, "tandem.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(GError) error = NULL;

  fill_for_export (f);
  g_assert_true (tandem_export_json (f->store, dir, NULL, &error));
  g_assert_no_error (error);

  /* A professional's action whose professional has no name. */
  g_assert_true (g_file_get_contents (json_path, &text, NULL, &error));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\"Ruth Hale, audiologist\"", "null", 0), ==, 1);
  g_assert_true (g_file_set_contents (json_path, edited->str, -1, &error));

  other = fresh_store (f, "other");
  g_assert_false (tandem_import_json (other, dir, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Name the professional"));
  g_assert_cmpint (tandem_test_query_int (other, "SELECT count(*) FROM meetings"), ==, 0);
  g_assert_cmpint (tandem_test_query_int (other, "SELECT count(*) FROM children"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/meetings/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("meeting-validation", test_meeting_validation);
  ADD ("planned-in-past", test_planned_in_past);
  ADD ("action-validation", test_action_validation);
  ADD ("save-refused", test_save_refused);
  ADD ("save-and-replace", test_save_and_replace);
  ADD ("load-parts-missing", test_load_parts_missing);
  ADD ("delete-undelete", test_delete_undelete);
  ADD ("for-child-order", test_for_child_order);
  ADD ("between-and-next", test_between_and_next);
  ADD ("open-actions", test_open_actions);
  ADD ("set-action-done", test_set_action_done);
  ADD ("children-overdue", test_children_overdue);
  ADD ("search", test_search);
  ADD ("export-round-trip", test_export_round_trip);
  ADD ("import-refuses-bad-meeting", test_import_refuses_bad_meeting);

#undef ADD

  return g_test_run ();
}
