/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-export.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-test-util.h"

typedef struct {
  char        *dir;
  char        *export_dir;
  TandemStore *store;      /* the setting that exports */
  TandemStore *other;      /* a fresh database to import into */
  char        *amara_id;
  char        *bilal_id;
  char        *chloe_id;
  char        *amara_photo;
  char        *bilal_photo;
  char        *logo;
  char        *bad_consent_id;
  char        *plan_id;
  char        *outcome_id;
  char        *mistaken_id;  /* an observation no longer about Amara, once her evidence */
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
add_picture (Fixture *f,
             guint32  colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 24);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%08x.png", colour);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *hash;

  gdk_pixbuf_fill (pixbuf, colour);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  hash = tandem_blob_store_add_image (f->store, path, 2048, &error);
  g_assert_no_error (error);
  return hash;
}

static TandemCarer *
add_carer (TandemStore *store,
           const char  *child_id,
           const char  *name)
{
  TandemCarer *carer = tandem_carer_new (child_id, name);

  save (store, carer);
  return carer;
}

/* A support plan for Amara with one of each of its parts, reviewed at the
 * meeting with the group observation as evidence, so that every plan table
 * travels. A second observation was linked as evidence, and after the
 * review found to be about Bilal only and re-saved without Amara: her
 * export must not carry that link (the version frozen before keeps what it
 * said then). (tests/test-plans.c tests plans in detail.) */
static void
build_plan (Fixture    *f,
            const char *meeting_id,
            const char *observation_id,
            const char *author_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(TandemPlanReviewParts) review_parts = tandem_plan_review_parts_new ();
  g_autoptr(TandemObservation) mistaken = NULL;
  g_autoptr(TandemPlanEvidence) link = NULL;
  TandemRecord *professional = tandem_record_new (TANDEM_TYPE_PLAN_PROFESSIONAL);
  TandemPlanOutcome *talking = tandem_plan_outcome_new (NULL, TANDEM_PLAN_TERM_SHORT,
                                                        "Amara asks for a turn with two words.");
  TandemPlanOutcome *building = tandem_plan_outcome_new (NULL, TANDEM_PLAN_TERM_LONG,
                                                         "Amara builds with a friend.");
  TandemRecord *provision = tandem_record_new (TANDEM_TYPE_PLAN_PROVISION);
  TandemRecord *review = tandem_record_new (TANDEM_TYPE_PLAN_REVIEW);
  TandemRecord *rating;
  TandemRecord *evidence;
  const char *both[] = { f->amara_id, f->bilal_id, NULL };
  const char *bilal_only[] = { f->bilal_id, NULL };

  plan = tandem_plans_start (f->store, f->amara_id, "2024-01-08", NULL, &error);
  g_assert_no_error (error);
  tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_ACTIVE);
  tandem_record_set_text (TANDEM_RECORD (plan), "strengths", "Builds tall, careful towers.");
  tandem_record_set_text (TANDEM_RECORD (plan), "needs_communication", "Mostly single words.");
  tandem_record_set_text (TANDEM_RECORD (plan), "family_views",
                          "Ngozi: “She sings in Yoruba all day.”");
  tandem_record_set_text (TANDEM_RECORD (plan), "internal_note", "Referral letter on file.");
  tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", "2024-02-05");

  tandem_record_set_text (professional, "name", "Ruth Hale");
  /* Not "speech and language": the child-scope test looks for that as Bilal's. */
  tandem_record_set_text (professional, "role", "Speech therapist");
  g_ptr_array_add (parts->professionals, professional);
  tandem_record_set_text (TANDEM_RECORD (talking), "area", "communication");
  tandem_record_set_text (TANDEM_RECORD (talking), "target_on", "2024-02-19");
  g_ptr_array_add (parts->outcomes, talking);
  g_ptr_array_add (parts->outcomes, building);
  tandem_record_set_text (provision, "outcome_id", tandem_record_get_id (TANDEM_RECORD (talking)));
  tandem_record_set_text (provision, "what", "Small-group language sessions");
  tandem_record_set_text (provision, "how_often", "3 times a week");
  g_ptr_array_add (parts->provisions, provision);
  tandem_plans_save (f->store, plan, parts, &error);
  g_assert_no_error (error);

  /* Linked between reviews, then Amara is taken off the observation. */
  mistaken = tandem_observation_new ("2024-01-15", "Shared the train track.");
  tandem_record_set_text (TANDEM_RECORD (mistaken), "author_id", author_id);
  tandem_journal_save_observation (f->store, mistaken, both, NULL, NULL, &error);
  g_assert_no_error (error);
  link = tandem_plans_link_evidence (f->store,
                                     tandem_record_get_id (TANDEM_RECORD (building)),
                                     tandem_record_get_id (TANDEM_RECORD (mistaken)), &error);
  g_assert_no_error (error);
  g_assert_nonnull (link);

  tandem_record_set_text (review, "plan_id", tandem_record_get_id (TANDEM_RECORD (plan)));
  tandem_record_set_text (review, "held_on", "2024-02-05");
  tandem_record_set_text (review, "meeting_id", meeting_id);
  tandem_record_set_text (review, "family_views", "Ngozi: “She asks for her turn now.”");
  tandem_record_set_text (review, "next_review_on", "2024-05-06");
  tandem_record_set_text (review, "internal_note", "Ruth's report arrived late.");
  rating = tandem_record_new (TANDEM_TYPE_PLAN_PROGRESS);
  tandem_record_set_text (rating, "outcome_id", tandem_record_get_id (TANDEM_RECORD (talking)));
  tandem_record_set_text (rating, "progress", TANDEM_PROGRESS_ACHIEVED);
  g_ptr_array_add (review_parts->progress, rating);
  rating = tandem_record_new (TANDEM_TYPE_PLAN_PROGRESS);
  tandem_record_set_text (rating, "outcome_id", tandem_record_get_id (TANDEM_RECORD (building)));
  tandem_record_set_text (rating, "progress", TANDEM_PROGRESS_EMERGING);
  g_ptr_array_add (review_parts->progress, rating);
  evidence = tandem_record_new (TANDEM_TYPE_PLAN_EVIDENCE);
  tandem_record_set_text (evidence, "outcome_id", tandem_record_get_id (TANDEM_RECORD (talking)));
  tandem_record_set_text (evidence, "observation_id", observation_id);
  g_ptr_array_add (review_parts->evidence, evidence);
  tandem_plans_record_review (f->store, tandem_record_get_id (TANDEM_RECORD (plan)),
                              (TandemPlanReview *) review, review_parts, &error);
  g_assert_no_error (error);
  g_object_unref (review);

  tandem_journal_save_observation (f->store, mistaken, bilal_only, NULL, NULL, &error);
  g_assert_no_error (error);

  f->plan_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (plan)));
  f->outcome_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (talking)));
  f->mistaken_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (mistaken)));
}

/* A small setting with a bit of everything: two rooms and keyworkers, three
 * children (one with a photo, one deleted), carers with circumstances and
 * notes, consents and a logo. */
static void
build_setting (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSetting) setting = g_object_new (TANDEM_TYPE_SETTING, "id", TANDEM_SETTING_ID, NULL);
  g_autoptr(TandemRoom) caterpillars = tandem_room_new ("Caterpillars");
  g_autoptr(TandemRoom) butterflies = tandem_room_new ("Butterflies");
  g_autoptr(TandemKeyworker) priya = tandem_keyworker_new ("Priya Shah");
  g_autoptr(TandemKeyworker) tom = tandem_keyworker_new ("Tom Evans");
  g_autoptr(TandemChild) amara = tandem_child_new ("Amara", "Okafor", "2022-03-14");
  g_autoptr(TandemChild) bilal = tandem_child_new ("Bilal", "Hussain", "2021-11-02");
  g_autoptr(TandemChild) chloe = tandem_child_new ("Chloe", "Marchetti", "2021-06-30");
  g_autoptr(TandemCarer) ngozi = NULL;
  g_autoptr(TandemCarer) emeka = NULL;
  g_autoptr(TandemCarer) former = NULL;
  g_autoptr(TandemCarer) zainab = NULL;
  g_autoptr(TandemConsent) photos = NULL;
  g_autoptr(TandemConsent) share = NULL;
  g_autoptr(TandemConsent) withdrawn = NULL;

  f->logo = add_picture (f, 0x2a7f62ff);
  f->amara_photo = add_picture (f, 0xe07a5fff);
  f->bilal_photo = add_picture (f, 0x3d405bff);

  tandem_record_set_text (TANDEM_RECORD (setting), "name", "Little Acorns Nursery");
  tandem_record_set_text (TANDEM_RECORD (setting), "address", "1 Oak Lane\nLeeds");
  tandem_record_set_text (TANDEM_RECORD (setting), "logo", f->logo);
  save (f->store, setting);

  tandem_record_set_text (TANDEM_RECORD (caterpillars), "notes", "Babies and toddlers");
  save (f->store, caterpillars);
  save (f->store, butterflies);

  tandem_record_set_text (TANDEM_RECORD (priya), "room_id", tandem_record_get_id (TANDEM_RECORD (caterpillars)));
  tandem_record_set_text (TANDEM_RECORD (priya), "email", "priya@acorns.example");
  save (f->store, priya);
  tandem_record_set_text (TANDEM_RECORD (tom), "room_id", tandem_record_get_id (TANDEM_RECORD (butterflies)));
  tandem_record_set_text (TANDEM_RECORD (tom), "role", "senco");
  save (f->store, tom);

  tandem_record_set_text (TANDEM_RECORD (amara), "preferred_name", "Ami");
  tandem_record_set_text (TANDEM_RECORD (amara), "photo", f->amara_photo);
  tandem_record_set_text (TANDEM_RECORD (amara), "start_date", "2023-09-04");
  tandem_record_set_text (TANDEM_RECORD (amara), "home_languages", "en,yo");
  tandem_record_set_text (TANDEM_RECORD (amara), "send_status", "sen_support");
  tandem_record_set_text (TANDEM_RECORD (amara), "room_id", tandem_record_get_id (TANDEM_RECORD (caterpillars)));
  tandem_record_set_text (TANDEM_RECORD (amara), "keyworker_id", tandem_record_get_id (TANDEM_RECORD (priya)));
  tandem_record_set_text (TANDEM_RECORD (amara), "notes", "Loves the sand tray; “quiet” at drop-off.");
  save (f->store, amara);

  tandem_record_set_text (TANDEM_RECORD (bilal), "photo", f->bilal_photo);
  tandem_record_set_text (TANDEM_RECORD (bilal), "room_id", tandem_record_get_id (TANDEM_RECORD (butterflies)));
  tandem_record_set_text (TANDEM_RECORD (bilal), "keyworker_id", tandem_record_get_id (TANDEM_RECORD (tom)));
  save (f->store, bilal);

  save (f->store, chloe);
  tandem_store_delete (f->store, TANDEM_RECORD (chloe), &error);
  g_assert_no_error (error);

  f->amara_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (amara)));
  f->bilal_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (bilal)));
  f->chloe_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (chloe)));

  /* A sync conflict reviewed on this laptop travels with the setting too. */
  {
    g_autoptr(TandemConflictResolution) reviewed =
      tandem_conflict_resolution_new ("3f0c9a1e-5b7d-4c2a-8e6f-1b3d5a7c9e0f",
                                      "other");
    save (f->store, reviewed);
  }

  ngozi = tandem_carer_new (f->amara_id, "Ngozi Okafor");
  tandem_record_set_text (TANDEM_RECORD (ngozi), "relationship", "Mother");
  tandem_record_set_bool (TANDEM_RECORD (ngozi), "parental_responsibility", TRUE);
  tandem_record_set_text (TANDEM_RECORD (ngozi), "preferred_language", "yo");
  tandem_record_set_bool (TANDEM_RECORD (ngozi), "interpreter_needed", TRUE);
  tandem_record_set_text (TANDEM_RECORD (ngozi), "contact_method", "phone");
  tandem_record_set_int (TANDEM_RECORD (ngozi), "notice_days", 3);
  tandem_carer_set_circumstance (ngozi, "working_hours", TRUE, "Nights at the hospital");
  tandem_carer_set_circumstance (ngozi, "transport", TRUE, NULL);
  tandem_record_set_text (TANDEM_RECORD (ngozi), "notes", "Prefers calls after 4pm.");
  save (f->store, ngozi);

  emeka = add_carer (f->store, f->amara_id, "Emeka Okafor");
  former = add_carer (f->store, f->amara_id, "Former Childminder");
  tandem_store_delete (f->store, TANDEM_RECORD (former), &error);
  g_assert_no_error (error);
  zainab = add_carer (f->store, f->bilal_id, "Zainab Hussain");

  photos = tandem_consent_new (f->amara_id, TANDEM_CONSENT_PHOTOS_JOURNAL);
  tandem_record_set_text (TANDEM_RECORD (photos), "carer_id", tandem_record_get_id (TANDEM_RECORD (ngozi)));
  tandem_record_set_text (TANDEM_RECORD (photos), "given_on", "2023-09-04");
  tandem_record_set_bool (TANDEM_RECORD (photos), "granted", TRUE);
  save (f->store, photos);

  withdrawn = tandem_consent_new (f->amara_id, TANDEM_CONSENT_PHOTOS_PACK);
  tandem_record_set_text (TANDEM_RECORD (withdrawn), "carer_id", tandem_record_get_id (TANDEM_RECORD (emeka)));
  tandem_record_set_text (TANDEM_RECORD (withdrawn), "given_on", "2023-09-04");
  tandem_record_set_text (TANDEM_RECORD (withdrawn), "withdrawn_on", "2024-01-10");
  save (f->store, withdrawn);
  f->bad_consent_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (withdrawn)));

  share = tandem_consent_new (f->bilal_id, TANDEM_CONSENT_SHARE_PROFESSIONAL);
  tandem_record_set_text (TANDEM_RECORD (share), "carer_id", tandem_record_get_id (TANDEM_RECORD (zainab)));
  tandem_record_set_text (TANDEM_RECORD (share), "given_on", "2024-02-01");
  tandem_record_set_text (TANDEM_RECORD (share), "professional", "Speech and language therapist");
  tandem_record_set_bool (TANDEM_RECORD (share), "granted", TRUE);
  save (f->store, share);

  /* A group observation of Amara and Bilal, with a photo of Amara and a
   * comment from her mother, so that every journal table travels; its text
   * names nobody, as Amara's own export will hold it. (tests/test-journal.c
   * tests the journal's exports in detail.) */
  {
    g_autoptr(TandemObservation) observation =
      tandem_observation_new ("2024-02-01", "Built a tall tower together in the block area.");
    g_autoptr(TandemComment) comment = NULL;
    g_autoptr(GPtrArray) pictures = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GPtrArray) in_pictures = g_ptr_array_new ();
    const char *children[] = { f->amara_id, f->bilal_id, NULL };
    const char *amara_only[] = { f->amara_id, NULL };

    tandem_record_set_text (TANDEM_RECORD (observation), "author_id",
                            tandem_record_get_id (TANDEM_RECORD (priya)));
    tandem_record_set_text (TANDEM_RECORD (observation), "areas", "pd.fine_motor,maths");
    g_ptr_array_add (pictures, tandem_photo_new (f->amara_photo));
    g_ptr_array_add (in_pictures, amara_only);
    tandem_journal_save_observation (f->store, observation, children, pictures, in_pictures,
                                     &error);
    g_assert_no_error (error);

    comment = tandem_comment_new (tandem_record_get_id (TANDEM_RECORD (observation)),
                                  "Talks about this tower every evening.");
    tandem_record_set_text (TANDEM_RECORD (comment), "carer_id",
                            tandem_record_get_id (TANDEM_RECORD (ngozi)));
    save (f->store, comment);

    /* A meeting with Amara's family with one of each of its parts, so that
     * every meeting table travels too. (tests/test-meetings.c tests their
     * exports in detail.) */
    {
      g_autoptr(TandemMeeting) meeting = tandem_meeting_new (f->amara_id, "progress_review",
                                                             "2024-02-05");
      g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
      TandemRecord *decision = tandem_record_new (TANDEM_TYPE_MEETING_ADJUSTMENT);
      TandemRecord *view = tandem_record_new (TANDEM_TYPE_MEETING_VIEW);
      TandemAction *action = tandem_action_new (NULL, NULL, "Share the tower photos",
                                                TANDEM_ACTION_OWNER_CARER);

      tandem_record_set_text (TANDEM_RECORD (meeting), "status", TANDEM_MEETING_HELD);
      tandem_record_set_text (TANDEM_RECORD (meeting), "family_contributions",
                              "Ngozi: “She builds towers at home too.”");
      g_ptr_array_add (parts->carer_ids, g_strdup (tandem_record_get_id (TANDEM_RECORD (ngozi))));
      g_ptr_array_add (parts->attended_ids,
                       g_strdup (tandem_record_get_id (TANDEM_RECORD (ngozi))));
      tandem_record_set_text (decision, "carer_id", tandem_record_get_id (TANDEM_RECORD (ngozi)));
      tandem_record_set_text (decision, "kind", "interpreter");
      tandem_record_set_bool (decision, "accepted", TRUE);
      g_ptr_array_add (parts->adjustments, decision);
      g_ptr_array_add (parts->strength_ids,
                       g_strdup (tandem_record_get_id (TANDEM_RECORD (observation))));
      tandem_record_set_text (view, "topic", "Naps");
      g_ptr_array_add (parts->views, view);
      tandem_record_set_text (TANDEM_RECORD (action), "owner_carer_id",
                              tandem_record_get_id (TANDEM_RECORD (ngozi)));
      g_ptr_array_add (parts->actions, action);
      tandem_meetings_save (f->store, meeting, parts, &error);
      g_assert_no_error (error);

      build_plan (f, tandem_record_get_id (TANDEM_RECORD (meeting)),
                  tandem_record_get_id (TANDEM_RECORD (observation)),
                  tandem_record_get_id (TANDEM_RECORD (priya)));
    }
  }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;

  f->dir = tandem_test_make_dir ();
  path = g_build_filename (f->dir, "a", "tandem.db", NULL);
  other_path = g_build_filename (f->dir, "b", "tandem.db", NULL);
  f->export_dir = g_build_filename (f->dir, "export", NULL);

  f->store = tandem_test_open_store (path);
  f->other = tandem_test_open_store (other_path);

  build_setting (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->other);
  tandem_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->export_dir);
  g_free (f->amara_id);
  g_free (f->bilal_id);
  g_free (f->chloe_id);
  g_free (f->amara_photo);
  g_free (f->bilal_photo);
  g_free (f->logo);
  g_free (f->bad_consent_id);
  g_free (f->plan_id);
  g_free (f->outcome_id);
  g_free (f->mistaken_id);
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

/* Every row of every table that an import could touch, as text, to show that
 * a refused import changed nothing. */
static char *
digest (TandemStore *store)
{
  const char * const tables[] = {
    "settings", "rooms", "keyworkers", "children", "carers", "consents",
    "blobs", "change_log", "field_clock", "audit", "search_docs",
  };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store), sql, -1, &stmt, NULL),
                       ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (out, FALSE);
}

static void
export_ok (Fixture    *f,
           const char *child_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_export_json (f->store, f->export_dir, child_id, &error));
  g_assert_no_error (error);
}

static char *
export_text (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->export_dir, "tandem.json", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static JsonParser *
parse_export (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->export_dir, "tandem.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonParser *parser = json_parser_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return parser;
}

static void
write_export (Fixture    *f,
              JsonParser *parser)
{
  g_autofree char *path = g_build_filename (f->export_dir, "tandem.json", NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

static JsonObject *
export_root (JsonParser *parser)
{
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonArray *
export_table (JsonParser *parser,
              const char *table)
{
  return json_object_get_array_member (json_object_get_object_member (export_root (parser),
                                                                      "records"), table);
}

static JsonObject *
find_record (JsonParser *parser,
             const char *table,
             const char *id)
{
  JsonArray *array = export_table (parser, table);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }
  return NULL;
}

static gint64
count_audit (TandemStore *store,
             const char  *action,
             const char  *child_id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store),
                                       "SELECT count(*) FROM audit WHERE action = ? "
                                       "AND child_id IS ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, child_id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
assert_same_records (TandemStore *a,
                     TandemStore *b)
{
  guint n_types;
  const GType *types = tandem_record_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(GPtrArray) ids_a = all_ids (a, types[t]);
      g_autoptr(GPtrArray) ids_b = all_ids (b, types[t]);
      guint n_fields;
      const TandemField *fields = tandem_record_type_get_fields (types[t], &n_fields);

      g_assert_cmpuint (ids_a->len, ==, ids_b->len);
      g_assert_cmpuint (ids_a->len, >, 0);

      for (guint i = 0; i < ids_a->len; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(TandemRecord) ra = tandem_store_load (a, types[t], ids_a->pdata[i], &error);
          g_autoptr(TandemRecord) rb = tandem_store_load (b, types[t], ids_a->pdata[i], &error);

          g_assert_no_error (error);
          g_assert_cmpstr (tandem_record_get_created_at (ra), ==, tandem_record_get_created_at (rb));
          g_assert_cmpstr (tandem_record_get_updated_at (ra), ==, tandem_record_get_updated_at (rb));
          g_assert_cmpint (tandem_record_get_deleted (ra), ==, tandem_record_get_deleted (rb));
          for (guint k = 0; k < n_fields; k++)
            {
              if (!tandem_record_values_equal (fields[k].type, tandem_record_get_value (ra, k),
                                               tandem_record_get_value (rb, k)))
                g_error ("%s %s differs in %s", tandem_record_type_get_table (types[t]),
                         (char *) ids_a->pdata[i], fields[k].name);
            }
        }
    }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) photo_a = NULL;
  g_autoptr(GBytes) photo_b = NULL;
  g_autoptr(TandemRecord) chloe = NULL;
  g_autofree char *json_path = g_build_filename (f->export_dir, "tandem.json", NULL);
  g_autofree char *blobs_path = g_build_filename (f->export_dir, "blobs", NULL);
  g_autofree char *photo_path = g_build_filename (blobs_path, f->amara_photo, NULL);
  JsonObject *root, *carer, *child;

  export_ok (f, NULL);

  tandem_test_assert_mode (f->export_dir, 0700);
  tandem_test_assert_mode (json_path, 0600);
  tandem_test_assert_mode (blobs_path, 0700);
  tandem_test_assert_mode (photo_path, 0600);
  g_assert_cmpint (count_audit (f->store, "export-json", NULL), ==, 1);

  parser = parse_export (f);
  root = export_root (parser);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "tandem-export");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, TANDEM_EXPORT_FORMAT_VERSION);
  g_assert_cmpint (json_object_get_int_member (root, "schema_version"), ==,
                   tandem_store_get_schema_version (f->store));
  g_assert_cmpstr (json_object_get_string_member (root, "scope"), ==, "setting");
  g_assert_true (json_object_get_null_member (root, "child_id"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "blobs")), ==, 3);

  /* Tombstones travel with a whole setting. */
  child = find_record (parser, "children", f->chloe_id);
  g_assert_nonnull (child);
  g_assert_true (json_object_get_boolean_member (child, "deleted"));

  /* Numbers as numbers, yes/no as booleans, nothing as null. */
  carer = json_array_get_object_element (export_table (parser, "carers"), 0);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (carer, "notice_days")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (carer, "interpreter_needed")),
                   ==, G_TYPE_BOOLEAN);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (carer, "circ_culture_note")));

  g_assert_true (tandem_import_json (f->other, f->export_dir, &error));
  g_assert_no_error (error);

  assert_same_records (f->store, f->other);

  chloe = tandem_store_load (f->other, TANDEM_TYPE_CHILD, f->chloe_id, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_record_get_deleted (chloe));

  photo_a = tandem_blob_store_get (f->store, f->amara_photo, &error);
  g_assert_no_error (error);
  photo_b = tandem_blob_store_get (f->other, f->amara_photo, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (photo_a, photo_b));
  g_assert_true (tandem_blob_store_has (f->other, f->logo));
  g_assert_true (tandem_blob_store_has (f->other, f->bilal_photo));

  /* Importing the same export again changes no record. */
  g_assert_true (tandem_import_json (f->other, f->export_dir, &error));
  g_assert_no_error (error);
  assert_same_records (f->store, f->other);
}

static void
test_child_scope (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  g_autofree char *amara_photo = g_build_filename (f->export_dir, "blobs", f->amara_photo, NULL);
  g_autofree char *bilal_photo = g_build_filename (f->export_dir, "blobs", f->bilal_photo, NULL);
  JsonObject *root;

  export_ok (f, f->amara_id);
  g_assert_cmpint (count_audit (f->store, "export-json", f->amara_id), ==, 1);

  text = export_text (f);
  g_assert_nonnull (strstr (text, "Amara"));
  g_assert_nonnull (strstr (text, "Ngozi Okafor"));
  g_assert_nonnull (strstr (text, "Caterpillars"));
  g_assert_nonnull (strstr (text, "Priya Shah"));
  g_assert_nonnull (strstr (text, "Little Acorns Nursery"));
  /* Nothing about another child, their family, room or keyworker. */
  g_assert_null (strstr (text, "Bilal"));
  g_assert_null (strstr (text, "Hussain"));
  g_assert_null (strstr (text, "Speech and language"));
  g_assert_null (strstr (text, "Butterflies"));
  g_assert_null (strstr (text, "Tom Evans"));
  g_assert_null (strstr (text, "Chloe"));
  g_assert_null (strstr (text, f->bilal_photo));
  /* Deleted records are left out of a child's copy. */
  g_assert_null (strstr (text, "Former Childminder"));

  parser = parse_export (f);
  root = export_root (parser);
  g_assert_cmpstr (json_object_get_string_member (root, "scope"), ==, "child");
  g_assert_cmpstr (json_object_get_string_member (root, "child_id"), ==, f->amara_id);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "children")), ==, 1);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "carers")), ==, 2);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "consents")), ==, 2);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "rooms")), ==, 1);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "keyworkers")), ==, 1);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "settings")), ==, 1);

  g_assert_true (g_file_test (amara_photo, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (bilal_photo, G_FILE_TEST_EXISTS));

  /* A child moving on: the receiving setting keeps its own name. */
  {
    g_autoptr(TandemSetting) mine = g_object_new (TANDEM_TYPE_SETTING, "id", TANDEM_SETTING_ID, NULL);
    g_autoptr(TandemRecord) setting = NULL;
    g_autoptr(TandemRecord) amara = NULL;

    tandem_record_set_text (TANDEM_RECORD (mine), "name", "Sunflower Pre-school");
    save (f->other, mine);
    g_assert_true (tandem_import_json (f->other, f->export_dir, &error));
    g_assert_no_error (error);

    setting = tandem_store_load (f->other, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tandem_record_get_text (setting, "name"), ==, "Sunflower Pre-school");
    amara = tandem_store_load (f->other, TANDEM_TYPE_CHILD, f->amara_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tandem_record_get_text (amara, "photo"), ==, f->amara_photo);
    g_assert_true (tandem_blob_store_has (f->other, f->amara_photo));
    g_assert_cmpint (tandem_store_count (f->other, TANDEM_TYPE_CARER, NULL, NULL, NULL), ==, 2);
  }
}

/* A child's export carries their plan whole — professionals, outcomes,
 * provision, the review with its ratings and evidence, and the frozen
 * version — but no evidence link to an observation it does not carry. */
static void
test_child_plans (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(TandemPlanSnapshot) snapshot = NULL;
  g_autoptr(TandemRecord) meeting = NULL;
  JsonArray *links;

  export_ok (f, f->amara_id);
  parser = parse_export (f);

  g_assert_cmpuint (json_array_get_length (export_table (parser, "plans")), ==, 1);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_professionals")), ==, 1);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_outcomes")), ==, 2);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_provisions")), ==, 1);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_reviews")), ==, 1);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_progress")), ==, 2);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_versions")), ==, 1);

  /* Only the evidence whose observation travels too. */
  links = export_table (parser, "plan_evidence");
  g_assert_cmpuint (json_array_get_length (links), ==, 1);
  g_assert_nonnull (find_record (parser, "observations",
                                 json_object_get_string_member (json_array_get_object_element (links, 0),
                                                                "observation_id")));
  g_assert_null (find_record (parser, "observations", f->mistaken_id));
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_PLAN_EVIDENCE, "observation_id = ?",
                                       (const char * const []) { f->mistaken_id, NULL }, NULL),
                   ==, 1);

  g_assert_true (tandem_import_json (f->other, f->export_dir, &error));
  g_assert_no_error (error);

  plans = tandem_plans_for_child (f->other, f->amara_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (plans, 0), "strengths"), ==,
                   "Builds tall, careful towers.");
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (plans, 0), "next_review_on"), ==,
                   "2024-05-06");

  reviews = tandem_plans_reviews (f->other, f->plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 1);
  meeting = tandem_store_load (f->other, TANDEM_TYPE_MEETING,
                               tandem_record_get_text (g_ptr_array_index (reviews, 0),
                                                       "meeting_id"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (meeting);

  evidence = tandem_plans_evidence_for_outcome (f->other, f->outcome_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);

  /* The earlier version reads back as the review froze it. */
  versions = tandem_plans_versions (f->other, f->plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  snapshot = tandem_plans_load_version (f->other,
                                        tandem_record_get_id (g_ptr_array_index (versions, 0)),
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (snapshot->number, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (snapshot->plan), "family_views"), ==,
                   "Ngozi: “She sings in Yoruba all day.”");
  g_assert_cmpuint (snapshot->parts->outcomes->len, ==, 2);
  g_assert_nonnull (snapshot->review);
  g_assert_cmpuint (snapshot->review_parts->progress->len, ==, 2);

  /* Bilal has no plan, so his export has none. */
  tandem_test_remove_tree (f->export_dir);
  export_ok (f, f->bilal_id);
  g_clear_object (&parser);
  parser = parse_export (f);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plans")), ==, 0);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_evidence")), ==, 0);
  g_assert_cmpuint (json_array_get_length (export_table (parser, "plan_versions")), ==, 0);
}

static void
test_unknown_child (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tandem_export_json (f->store, f->export_dir, f->chloe_id, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->export_dir, G_FILE_TEST_EXISTS));
}

static void
test_folder_must_be_empty (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stray = g_build_filename (f->export_dir, "old.txt", NULL);

  g_assert_cmpint (g_mkdir (f->export_dir, 0700), ==, 0);
  tandem_test_write_file (stray, "left over", -1);

  g_assert_false (tandem_export_json (f->store, f->export_dir, NULL, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (tandem_export_json (f->store, stray, NULL, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
}

/* Imports a damaged export into a database that already holds something,
 * and checks the error and that not a row changed. */
static void
assert_import_refused (Fixture    *f,
                       int         code,
                       const char *mentions,
                       const char *also_mentions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *blobs = tandem_blob_store_dir (f->other);

  if (tandem_store_count (f->other, TANDEM_TYPE_ROOM, NULL, NULL, NULL) == 0)
    {
      g_autoptr(TandemRoom) room = tandem_room_new ("Rainbows");
      save (f->other, room);
    }

  before = digest (f->other);
  g_assert_false (tandem_import_json (f->other, f->export_dir, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  if (mentions != NULL)
    g_assert_nonnull (strstr (error->message, mentions));
  if (also_mentions != NULL)
    g_assert_nonnull (strstr (error->message, also_mentions));

  after = digest (f->other);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (blobs, G_FILE_TEST_EXISTS));
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->export_dir, "tandem.json", NULL);
  g_autofree char *text = NULL;
  gsize len;

  export_ok (f, NULL);
  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  /* Cut off half way, as an interrupted copy leaves it. */
  tandem_test_write_file (path, text, (gssize) (len / 2));

  assert_import_refused (f, TANDEM_CORE_ERROR_PARSE, "tandem.json", NULL);
}

static void
test_no_export_here (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpint (g_mkdir (f->export_dir, 0700), ==, 0);
  assert_import_refused (f, TANDEM_CORE_ERROR_PARSE, "tandem.json", NULL);
}

static void
test_wrong_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonParser) parser = NULL;

  export_ok (f, NULL);
  parser = parse_export (f);
  json_object_set_string_member (export_root (parser), "format", "other-app-backup");
  write_export (f, parser);

  assert_import_refused (f, TANDEM_CORE_ERROR_PARSE, "not a Tandem export", NULL);
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = NULL;

  export_ok (f, NULL);
  parser = parse_export (f);
  json_object_set_int_member (export_root (parser), "version", TANDEM_EXPORT_FORMAT_VERSION + 1);
  /* A newer version may add what this one does not know; it is refused for
   * its version, not for the unknown table. */
  json_object_set_array_member (json_object_get_object_member (export_root (parser), "records"),
                                "observations", json_array_new ());
  write_export (f, parser);

  assert_import_refused (f, TANDEM_CORE_ERROR_NEWER_VERSION, "newer version", NULL);
}

static void
test_unknown_table (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = NULL;

  export_ok (f, NULL);
  parser = parse_export (f);
  json_object_set_array_member (json_object_get_object_member (export_root (parser), "records"),
                                "favourite_songs", json_array_new ());
  write_export (f, parser);

  assert_import_refused (f, TANDEM_CORE_ERROR_PARSE, "favourite_songs", NULL);
}

static void
test_unknown_field (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = NULL;

  export_ok (f, NULL);
  parser = parse_export (f);
  json_object_set_string_member (find_record (parser, "children", f->bilal_id),
                                 "favourite_colour", "green");
  write_export (f, parser);

  assert_import_refused (f, TANDEM_CORE_ERROR_PARSE, f->bilal_id, "favourite_colour");
}

static void
test_wrong_type (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *carer;

  export_ok (f, NULL);
  parser = parse_export (f);
  carer = json_array_get_object_element (export_table (parser, "carers"), 0);
  json_object_set_string_member (carer, "notice_days", "three");
  write_export (f, parser);

  assert_import_refused (f, TANDEM_CORE_ERROR_PARSE, "carers", "notice_days");
}

static void
test_invalid_record (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonParser) parser = NULL;

  export_ok (f, NULL);
  parser = parse_export (f);
  /* The consents come last: every record before them would import. */
  json_object_set_string_member (find_record (parser, "consents", f->bad_consent_id),
                                 "given_on", "2024-02-30");
  write_export (f, parser);

  assert_import_refused (f, TANDEM_CORE_ERROR_INVALID, "consents", f->bad_consent_id);
}

static void
test_tampered_blob (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->export_dir, "blobs", f->bilal_photo, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  export_ok (f, NULL);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  contents[len / 2] ^= 0x01;
  tandem_test_write_file (path, contents, (gssize) len);

  assert_import_refused (f, TANDEM_CORE_ERROR_INVALID, f->bilal_photo, "changed");
}

static void
test_missing_blob (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->export_dir, "blobs", f->logo, NULL);

  export_ok (f, NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);

  assert_import_refused (f, TANDEM_CORE_ERROR_INVALID, f->logo, "missing");
}

static void
test_damaged_store_blob (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tandem_blob_store_get_path (f->store, f->amara_photo);

  /* A photo damaged on disk is not passed on as if it were fine, and the
   * half-written export is removed. */
  tandem_test_write_file (path, "not the photo", -1);
  g_assert_false (tandem_export_json (f->store, f->export_dir, NULL, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->amara_id));
  g_assert_false (g_file_test (f->export_dir, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (f->store, "export-json", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/export/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("child-scope", test_child_scope);
  ADD ("child-plans", test_child_plans);
  ADD ("unknown-child", test_unknown_child);
  ADD ("folder-must-be-empty", test_folder_must_be_empty);
  ADD ("malformed-json", test_malformed_json);
  ADD ("no-export-here", test_no_export_here);
  ADD ("wrong-format", test_wrong_format);
  ADD ("newer-version", test_newer_version);
  ADD ("unknown-table", test_unknown_table);
  ADD ("unknown-field", test_unknown_field);
  ADD ("wrong-type", test_wrong_type);
  ADD ("invalid-record", test_invalid_record);
  ADD ("tampered-blob", test_tampered_blob);
  ADD ("missing-blob", test_missing_blob);
  ADD ("damaged-store-blob", test_damaged_store_blob);

  return g_test_run ();
}
