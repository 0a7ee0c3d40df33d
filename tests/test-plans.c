/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <sqlite3.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-journal.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-test-util.h"

/* Amara and Bilal attend; Chloe has left. Amara has two observations (20
 * and 10 days ago), Bilal one. */
typedef struct {
  TandemTestStore  t;
  TandemStore     *store;
  char            *today;
  char            *amara;
  char            *bilal;
  char            *chloe;
  char            *amara_obs[2];
  char            *bilal_obs;
} Fixture;

static const char * const plan_tables[] = {
  "plans", "plan_professionals", "plan_outcomes", "plan_provisions", "plan_reviews",
  "plan_progress", "plan_evidence", "plan_versions", NULL
};

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
  f->today = days_from_today (0);

  f->amara = add_child (f, "Amara", "Okafor", NULL);
  f->bilal = add_child (f, "Bilal", "Hussain", NULL);
  f->chloe = add_child (f, "Chloe", "Marchetti", last_month);
  f->amara_obs[0] = observe (f, f->amara, 20, "Amara built a tall tower and counted the blocks.");
  f->amara_obs[1] = observe (f, f->amara, 10, "Amara sang the whole of the hello song.");
  f->bilal_obs = observe (f, f->bilal, 5, "Bilal rode the balance bike round the garden.");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->today);
  g_free (f->amara);
  g_free (f->bilal);
  g_free (f->chloe);
  g_free (f->amara_obs[0]);
  g_free (f->amara_obs[1]);
  g_free (f->bilal_obs);
  f->store = NULL;
  tandem_test_store_tear_down (&f->t, data);
}

/* Every row in every plan table, deleted ones too, and every change logged:
 * "nothing written" means none of these moved. */
static gint64
rows_written (TandemStore *store)
{
  gint64 n = tandem_test_query_int (store, "SELECT count(*) FROM change_log");

  for (guint i = 0; plan_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", plan_tables[i]);

      n += tandem_test_query_int (store, sql);
    }
  return n;
}

static gint64
live_rows (TandemStore *store,
           const char  *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", table);

  return tandem_test_query_int (store, sql);
}

static TandemPlanOutcome *
outcome (const char *term,
         const char *words)
{
  return tandem_plan_outcome_new (NULL, term, words);
}

static TandemPlanProvision *
provision (TandemPlanOutcome *for_outcome,
           const char        *what)
{
  TandemRecord *p = tandem_record_new (TANDEM_TYPE_PLAN_PROVISION);

  tandem_record_set_text (p, "outcome_id", tandem_record_get_id (TANDEM_RECORD (for_outcome)));
  tandem_record_set_text (p, "what", what);
  tandem_record_set_text (p, "who", "Keyworker");
  tandem_record_set_text (p, "how_often", "3 times a week, 10 minutes");
  return TANDEM_PLAN_PROVISION (p);
}

static TandemPlanProfessional *
professional (const char *name,
              const char *role)
{
  TandemRecord *p = tandem_record_new (TANDEM_TYPE_PLAN_PROFESSIONAL);

  tandem_record_set_text (p, "name", name);
  tandem_record_set_text (p, "role", role);
  return TANDEM_PLAN_PROFESSIONAL (p);
}

/* An active plan for @child_id that started 60 days ago, reviewed next
 * in @next_days, with outcomes in @words (NULL-terminated), each with one
 * provision, and one professional. */
static TandemPlan *
make_plan (Fixture             *f,
           const char          *child_id,
           int                  next_days,
           const char * const  *words,
           TandemPlanParts    **parts_out)
{
  g_autofree char *starts = days_from_today (-60);
  g_autofree char *next = days_from_today (next_days);
  g_autoptr(TandemPlan) plan = tandem_plan_new (child_id, starts);
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_ACTIVE);
  tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", next);
  tandem_record_set_text (TANDEM_RECORD (plan), "strengths", "Loves building and music.");
  tandem_record_set_text (TANDEM_RECORD (plan), "needs_communication",
                          "Uses single words; understands more than she says.");
  tandem_record_set_text (TANDEM_RECORD (plan), "family_views", "We want her to make friends.");
  g_ptr_array_add (parts->professionals, professional ("Ruth Hale",
                                                       "speech and language therapist"));
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      TandemPlanOutcome *o = outcome (TANDEM_PLAN_TERM_SHORT, words[i]);
      g_autofree char *what = g_strdup_printf ("Provision for %s", words[i]);

      g_ptr_array_add (parts->outcomes, o);
      g_ptr_array_add (parts->provisions, provision (o, what));
    }

  tandem_plans_save (f->store, plan, parts, &error);
  g_assert_no_error (error);
  if (parts_out != NULL)
    *parts_out = g_steal_pointer (&parts);
  return g_steal_pointer (&plan);
}

static TandemPlanProgress *
rating (TandemPlanOutcome *o,
        const char        *progress)
{
  TandemRecord *r = tandem_record_new (TANDEM_TYPE_PLAN_PROGRESS);

  tandem_record_set_text (r, "outcome_id", tandem_record_get_id (TANDEM_RECORD (o)));
  tandem_record_set_text (r, "progress", progress);
  tandem_record_set_text (r, "comment", "Seen at group time.");
  return TANDEM_PLAN_PROGRESS (r);
}

static TandemPlanEvidence *
evidence (TandemPlanOutcome *o,
          const char        *observation_id)
{
  TandemRecord *e = tandem_record_new (TANDEM_TYPE_PLAN_EVIDENCE);

  tandem_record_set_text (e, "outcome_id", tandem_record_get_id (TANDEM_RECORD (o)));
  tandem_record_set_text (e, "observation_id", observation_id);
  return TANDEM_PLAN_EVIDENCE (e);
}

static TandemPlanReview *
review (int held_days,
        int next_days)
{
  TandemRecord *r = tandem_record_new (TANDEM_TYPE_PLAN_REVIEW);
  g_autofree char *held = days_from_today (held_days);
  g_autofree char *next = days_from_today (next_days);

  tandem_record_set_text (r, "held_on", held);
  tandem_record_set_text (r, "next_review_on", next);
  tandem_record_set_text (r, "family_views", "She talks about nursery at home now.");
  tandem_record_set_text (r, "next_steps", "Keep the language group going.");
  return (TandemPlanReview *) r;
}

static const char *
id_of (gpointer record)
{
  return tandem_record_get_id (TANDEM_RECORD (record));
}

static const char *
text_of (gpointer    record,
         const char *field)
{
  return tandem_record_get_text (TANDEM_RECORD (record), field);
}

/* Two records are the same record with the same values, field by field. */
static void
assert_same_record (gpointer a,
                    gpointer b)
{
  TandemRecord *x = TANDEM_RECORD (a);
  TandemRecord *y = TANDEM_RECORD (b);
  guint n_fields;
  const TandemField *fields = tandem_record_type_get_fields (G_OBJECT_TYPE (x), &n_fields);

  g_assert_true (G_OBJECT_TYPE (x) == G_OBJECT_TYPE (y));
  g_assert_cmpstr (tandem_record_get_id (x), ==, tandem_record_get_id (y));
  g_assert_cmpstr (tandem_record_get_created_at (x), ==, tandem_record_get_created_at (y));
  g_assert_cmpstr (tandem_record_get_updated_at (x), ==, tandem_record_get_updated_at (y));
  for (guint i = 0; i < n_fields; i++)
    if (!tandem_record_values_equal (fields[i].type, tandem_record_get_value (x, i),
                                     tandem_record_get_value (y, i)))
      g_error ("%s differs in %s", tandem_record_type_get_table (G_OBJECT_TYPE (x)),
               fields[i].name);
}

static void
assert_same_records (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_same_record (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

static void
assert_same_snapshot (TandemPlanSnapshot *a,
                      TandemPlanSnapshot *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpint (a->number, ==, b->number);
  g_assert_cmpstr (a->taken_on, ==, b->taken_on);
  assert_same_record (a->plan, b->plan);
  assert_same_records (a->parts->professionals, b->parts->professionals);
  assert_same_records (a->parts->outcomes, b->parts->outcomes);
  assert_same_records (a->parts->provisions, b->parts->provisions);
  assert_same_record (a->review, b->review);
  assert_same_records (a->review_parts->progress, b->review_parts->progress);
  assert_same_records (a->review_parts->evidence, b->review_parts->evidence);
  g_assert_cmpuint (g_hash_table_size (a->evidence_titles), ==,
                    g_hash_table_size (b->evidence_titles));
  g_hash_table_iter_init (&iter, a->evidence_titles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b->evidence_titles, key), ==, value);
}

static TandemPlanSnapshot *
load_version (Fixture    *f,
              const char *plan_id,
              int         number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = tandem_plans_versions (f->store, plan_id, &error);
  TandemPlanSnapshot *snapshot = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < versions->len; i++)
    if (tandem_record_get_int (g_ptr_array_index (versions, i), "number") == number)
      {
        snapshot = tandem_plans_load_version (f->store, id_of (g_ptr_array_index (versions, i)),
                                              &error);
        g_assert_no_error (error);
      }
  g_assert_nonnull (snapshot);
  return snapshot;
}

/* ------------------------------------------------------------------------ */

static void
test_save_and_load (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanParts) loaded = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(GPtrArray) for_first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed_id = NULL;
  g_autofree char *removed_provision = NULL;

  plan = make_plan (f, f->amara, 30,
                    (const char * const []) { "Ask for help with words", "Take turns",
                                              "Use a spoon", NULL },
                    &parts);
  g_ptr_array_add (parts->provisions,
                   provision (g_ptr_array_index (parts->outcomes, 0), "Now and next board"));
  tandem_plans_save (f->store, plan, parts, &error);
  g_assert_no_error (error);

  loaded = tandem_plans_load_parts (f->store, id_of (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->professionals->len, ==, 1);
  g_assert_cmpstr (text_of (g_ptr_array_index (loaded->professionals, 0), "plan_id"), ==,
                   id_of (plan));
  g_assert_cmpuint (loaded->outcomes->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (id_of (g_ptr_array_index (loaded->outcomes, i)), ==,
                       id_of (g_ptr_array_index (parts->outcomes, i)));
      g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (loaded->outcomes, i),
                                              "position"), ==, i);
    }
  /* Grouped by outcome in order, each group by position. */
  g_assert_cmpuint (loaded->provisions->len, ==, 4);
  g_assert_cmpstr (text_of (g_ptr_array_index (loaded->provisions, 0), "what"), ==,
                   "Provision for Ask for help with words");
  g_assert_cmpstr (text_of (g_ptr_array_index (loaded->provisions, 1), "what"), ==,
                   "Now and next board");
  g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (loaded->provisions, 1),
                                          "position"), ==, 1);
  g_assert_cmpstr (text_of (g_ptr_array_index (loaded->provisions, 2), "what"), ==,
                   "Provision for Take turns");
  for_first = tandem_plan_parts_provisions_for (loaded, id_of (g_ptr_array_index (loaded->outcomes,
                                                                                  0)));
  g_assert_cmpuint (for_first->len, ==, 2);

  /* Removing an outcome tombstones it and its provision. */
  removed_id = g_strdup (id_of (g_ptr_array_index (parts->outcomes, 1)));
  removed_provision = g_strdup (id_of (g_ptr_array_index (parts->provisions, 1)));
  g_ptr_array_remove_index (parts->provisions, 1);
  g_ptr_array_remove_index (parts->outcomes, 1);
  tandem_plans_save (f->store, plan, parts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (live_rows (f->store, "plan_outcomes"), ==, 2);
  g_assert_cmpint (live_rows (f->store, "plan_provisions"), ==, 3);
  {
    g_autoptr(TandemRecord) gone = tandem_store_load (f->store, TANDEM_TYPE_PLAN_OUTCOME,
                                                      removed_id, &error);
    g_autoptr(TandemRecord) gone_provision = tandem_store_load (f->store,
                                                                TANDEM_TYPE_PLAN_PROVISION,
                                                                removed_provision, &error);

    g_assert_no_error (error);
    g_assert_true (tandem_record_get_deleted (gone));
    g_assert_true (tandem_record_get_deleted (gone_provision));
  }
  g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (parts->outcomes, 1), "position"), ==,
                   1);
}

static void
assert_refused (Fixture      *f,
                gboolean      ok,
                GError       *error,
                gint64        before,
                const char   *words)
{
  g_assert_false (ok);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpint (rows_written (f->store), ==, before);
}

static void
test_plan_validation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autofree char *before_start = days_from_today (-61);
  g_autofree char *later = days_from_today (-10);
  gint64 before;
  gboolean ok;

  plan = make_plan (f, f->amara, 30,
                    (const char * const []) { "Ask for help with words", "Take turns", NULL },
                    &parts);
  before = rows_written (f->store);

  /* An outcome with no words, named by its place in the plan. */
  {
    g_autoptr(GError) error = NULL;

    tandem_record_set_text (g_ptr_array_index (parts->outcomes, 1), "outcome", "   ");
    ok = tandem_plans_save (f->store, plan, parts, &error);
    assert_refused (f, ok, error, before, "Outcome 2 needs some words");
    tandem_record_set_text (g_ptr_array_index (parts->outcomes, 1), "outcome", "Take turns");
  }

  /* A target date before the plan starts. */
  {
    g_autoptr(GError) error = NULL;

    tandem_record_set_text (g_ptr_array_index (parts->outcomes, 0), "target_on", before_start);
    ok = tandem_plans_save (f->store, plan, parts, &error);
    assert_refused (f, ok, error, before, "before the plan starts");
    tandem_record_set_text (g_ptr_array_index (parts->outcomes, 0), "target_on", NULL);
  }

  /* A professional with no name; a provision with no "what". */
  {
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (parts->professionals, professional (NULL, "health visitor"));
    ok = tandem_plans_save (f->store, plan, parts, &error);
    assert_refused (f, ok, error, before, "Professional 2 needs a name");
    g_ptr_array_remove_index (parts->professionals, 1);
  }
  {
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (parts->provisions, provision (g_ptr_array_index (parts->outcomes, 1), ""));
    ok = tandem_plans_save (f->store, plan, parts, &error);
    assert_refused (f, ok, error, before, "outcome 2");
    g_ptr_array_remove_index (parts->provisions, parts->provisions->len - 1);
  }

  /* The plan itself: a next review before it starts; an EHC plan issued
   * before it was requested; a status outside the list. */
  {
    g_autoptr(GError) error = NULL;

    tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", before_start);
    ok = tandem_plans_save (f->store, plan, parts, &error);
    assert_refused (f, ok, error, before, "before the plan starts");
    tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", later);
  }
  {
    g_autoptr(GError) error = NULL;

    tandem_record_set_text (TANDEM_RECORD (plan), "ehcp_status", "issued");
    tandem_record_set_text (TANDEM_RECORD (plan), "ehcp_requested_on", later);
    tandem_record_set_text (TANDEM_RECORD (plan), "ehcp_issued_on", before_start);
    ok = tandem_plans_save (f->store, plan, parts, &error);
    assert_refused (f, ok, error, before, "before it was requested");
    tandem_record_set_text (TANDEM_RECORD (plan), "ehcp_status", "bogus");
    tandem_record_set_text (TANDEM_RECORD (plan), "ehcp_issued_on", NULL);
    g_clear_error (&error);
    ok = tandem_plans_save (f->store, plan, parts, &error);
    assert_refused (f, ok, error, before, "EHC plan");
    tandem_record_set_text (TANDEM_RECORD (plan), "ehcp_status", NULL);
  }

  /* And after all that, it saves. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (tandem_plans_save (f->store, plan, parts, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rows_written (f->store), >, before);
  }
}

static void
test_review_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanParts) other_parts = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemPlan) other = NULL;
  g_autoptr(TandemPlanReview) first = review (-20, 30);
  g_autoptr(GError) error = NULL;
  TandemPlanOutcome *o;
  gint64 before;
  gboolean ok;

  plan = make_plan (f, f->amara, 30, (const char * const []) { "Take turns", NULL }, &parts);
  other = make_plan (f, f->bilal, 30, (const char * const []) { "Ride a bike", NULL },
                     &other_parts);
  o = g_ptr_array_index (parts->outcomes, 0);

  tandem_plans_record_review (f->store, id_of (plan), first, NULL, &error);
  g_assert_no_error (error);
  before = rows_written (f->store);

  /* Before the plan starts. */
  {
    g_autoptr(TandemPlanReview) r = review (-61, 30);

    ok = tandem_plans_record_review (f->store, id_of (plan), r, NULL, &error);
    assert_refused (f, ok, error, before, "before the plan started");
    g_clear_error (&error);
  }

  /* Before the previous review. */
  {
    g_autoptr(TandemPlanReview) r = review (-21, 30);

    ok = tandem_plans_record_review (f->store, id_of (plan), r, NULL, &error);
    assert_refused (f, ok, error, before, "before the previous review");
    g_clear_error (&error);
  }

  /* A next review not after this one. */
  {
    g_autoptr(TandemPlanReview) r = review (-5, -5);

    ok = tandem_plans_record_review (f->store, id_of (plan), r, NULL, &error);
    assert_refused (f, ok, error, before, "must come after");
    g_clear_error (&error);
  }

  /* Evidence of another child's observation. */
  {
    g_autoptr(TandemPlanReview) r = review (-5, 30);
    g_autoptr(TandemPlanReviewParts) rp = tandem_plan_review_parts_new ();

    g_ptr_array_add (rp->progress, rating (o, TANDEM_PROGRESS_DEVELOPING));
    g_ptr_array_add (rp->evidence, evidence (o, f->amara_obs[0]));
    g_ptr_array_add (rp->evidence, evidence (o, f->bilal_obs));
    ok = tandem_plans_record_review (f->store, id_of (plan), r, rp, &error);
    assert_refused (f, ok, error, before, "another child");
    g_clear_error (&error);
  }

  /* A rating of another plan's outcome; a rating off the scale. */
  {
    g_autoptr(TandemPlanReview) r = review (-5, 30);
    g_autoptr(TandemPlanReviewParts) rp = tandem_plan_review_parts_new ();

    g_ptr_array_add (rp->progress, rating (g_ptr_array_index (other_parts->outcomes, 0),
                                           TANDEM_PROGRESS_SECURE));
    ok = tandem_plans_record_review (f->store, id_of (plan), r, rp, &error);
    assert_refused (f, ok, error, before, "not in this plan");
    g_clear_error (&error);
  }
  {
    g_autoptr(TandemPlanReview) r = review (-5, 30);
    g_autoptr(TandemPlanReviewParts) rp = tandem_plan_review_parts_new ();

    g_ptr_array_add (rp->progress, rating (o, "nearly"));
    ok = tandem_plans_record_review (f->store, id_of (plan), r, rp, &error);
    assert_refused (f, ok, error, before, "progress scale");
    g_clear_error (&error);
  }

  g_assert_cmpint (live_rows (f->store, "plan_reviews"), ==, 1);
  g_assert_cmpint (live_rows (f->store, "plan_versions"), ==, 1);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemPlanReview) first = review (-20, 30);
  g_autoptr(TandemPlanReviewParts) first_parts = tandem_plan_review_parts_new ();
  g_autoptr(TandemPlanSnapshot) v1 = NULL;
  g_autoptr(TandemPlanSnapshot) v1_again = NULL;
  g_autoptr(TandemPlanParts) stored_parts = NULL;
  g_autoptr(TandemPlanReviewParts) stored_review_parts = NULL;
  g_autoptr(TandemPlan) stored_plan = NULL;
  g_autoptr(TandemRecord) stored_review = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_next = days_from_today (30);
  g_autofree char *held = days_from_today (-20);
  g_autofree char *title = NULL;
  TandemPlanOutcome *turns, *words;

  plan = make_plan (f, f->amara, 5,
                    (const char * const []) { "Take turns", "Ask for help with words", NULL },
                    &parts);
  tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_UNDER_REVIEW);
  tandem_plans_save (f->store, plan, NULL, &error);
  g_assert_no_error (error);
  turns = g_ptr_array_index (parts->outcomes, 0);
  words = g_ptr_array_index (parts->outcomes, 1);

  g_ptr_array_add (first_parts->progress, rating (turns, TANDEM_PROGRESS_ACHIEVED));
  g_ptr_array_add (first_parts->progress, rating (words, TANDEM_PROGRESS_EMERGING));
  g_ptr_array_add (first_parts->evidence, evidence (turns, f->amara_obs[0]));
  tandem_plans_record_review (f->store, id_of (plan), first, first_parts, &error);
  g_assert_no_error (error);

  /* The plan moved on: its next review, and out of "under review". */
  stored_plan = tandem_store_load (f->store, TANDEM_TYPE_PLAN, id_of (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text_of (stored_plan, "next_review_on"), ==, first_next);
  g_assert_cmpstr (text_of (stored_plan, "status"), ==, TANDEM_PLAN_ACTIVE);

  versions = tandem_plans_versions (f->store, id_of (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (versions, 0), "number"), ==, 1);
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* The version reads exactly as the store did when it was frozen, every
   * field of every record. */
  v1 = load_version (f, id_of (plan), 1);
  stored_parts = tandem_plans_load_parts (f->store, id_of (plan), &error);
  g_assert_no_error (error);
  stored_review = tandem_store_load (f->store, TANDEM_TYPE_PLAN_REVIEW, id_of (first), &error);
  g_assert_no_error (error);
  stored_review_parts = tandem_plans_load_review_parts (f->store, id_of (first), &error);
  g_assert_no_error (error);
  g_assert_cmpint (v1->number, ==, 1);
  g_assert_cmpstr (v1->taken_on, ==, held);
  assert_same_record (v1->plan, stored_plan);
  assert_same_records (v1->parts->professionals, stored_parts->professionals);
  assert_same_records (v1->parts->outcomes, stored_parts->outcomes);
  assert_same_records (v1->parts->provisions, stored_parts->provisions);
  assert_same_record (v1->review, stored_review);
  assert_same_records (v1->review_parts->progress, stored_review_parts->progress);
  assert_same_records (v1->review_parts->evidence, stored_review_parts->evidence);
  g_assert_cmpuint (v1->review_parts->progress->len, ==, 2);
  g_assert_cmpuint (v1->review_parts->evidence->len, ==, 1);
  g_assert_cmpstr (text_of (g_ptr_array_index (v1->review_parts->evidence, 0), "review_id"), ==,
                   id_of (first));
  {
    g_autoptr(TandemRecord) obs = tandem_store_load (f->store, TANDEM_TYPE_OBSERVATION,
                                                     f->amara_obs[0], &error);

    g_assert_no_error (error);
    title = g_strdup_printf ("%s\t%s", text_of (obs, "observed_on"),
                             "Amara built a tall tower and counted the blocks.");
  }
  g_assert_cmpuint (g_hash_table_size (v1->evidence_titles), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (v1->evidence_titles, f->amara_obs[0]), ==, title);
  g_assert_cmpstr (text_of (v1->plan, "strengths"), ==, "Loves building and music.");

  /* Editing the plan, its outcomes and the observation afterwards leaves
   * the version as it was. */
  {
    g_autoptr(TandemObservation) obs = tandem_store_load (f->store, TANDEM_TYPE_OBSERVATION,
                                                          f->amara_obs[0], &error);
    g_autoptr(TandemPlan) edited = tandem_store_load (f->store, TANDEM_TYPE_PLAN, id_of (plan),
                                                      &error);

    g_assert_no_error (error);
    tandem_record_set_text (TANDEM_RECORD (obs), "text", "Rewritten afterwards.");
    tandem_journal_save_observation (f->store, obs,
                                     (const char * const []) { f->amara, NULL }, NULL, NULL,
                                     &error);
    g_assert_no_error (error);

    tandem_record_set_text (TANDEM_RECORD (edited), "strengths", "Changed strengths.");
    tandem_record_set_text (g_ptr_array_index (parts->outcomes, 0), "outcome", "Changed outcome");
    g_ptr_array_add (parts->outcomes, outcome (TANDEM_PLAN_TERM_LONG, "A new outcome"));
    g_ptr_array_add (parts->professionals, professional ("Dr Patel", "paediatrician"));
    tandem_plans_save (f->store, edited, parts, &error);
    g_assert_no_error (error);
  }
  v1_again = load_version (f, id_of (plan), 1);
  assert_same_snapshot (v1, v1_again);
  g_assert_cmpstr (text_of (v1_again->plan, "strengths"), ==, "Loves building and music.");
  g_assert_cmpstr (text_of (g_ptr_array_index (v1_again->parts->outcomes, 0), "outcome"), ==,
                   "Take turns");
  g_assert_cmpuint (v1_again->parts->outcomes->len, ==, 2);

  /* A second review: version 2, and the plan moves on again. */
  {
    g_autoptr(TandemPlanReview) second = review (-2, 40);
    g_autoptr(TandemPlanReviewParts) rp = tandem_plan_review_parts_new ();
    g_autoptr(TandemPlanSnapshot) v2 = NULL;
    g_autoptr(TandemPlanSnapshot) v2_again = NULL;
    g_autoptr(TandemPlanSnapshot) v1_third = NULL;
    g_autoptr(TandemPlan) moved = NULL;
    g_autoptr(GPtrArray) reviews = NULL;
    g_autoptr(GHashTable) latest = NULL;
    g_autofree char *second_next = days_from_today (40);

    g_ptr_array_add (rp->progress, rating (words, TANDEM_PROGRESS_DEVELOPING));
    tandem_plans_record_review (f->store, id_of (plan), second, rp, &error);
    g_assert_no_error (error);

    moved = tandem_store_load (f->store, TANDEM_TYPE_PLAN, id_of (plan), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text_of (moved, "next_review_on"), ==, second_next);

    versions = tandem_plans_versions (f->store, id_of (plan), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, ==, 2);
    g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (versions, 0), "number"), ==, 2);
    g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (versions, 1), "number"), ==, 1);
    g_clear_pointer (&versions, g_ptr_array_unref);

    v2 = load_version (f, id_of (plan), 2);
    g_assert_cmpint (v2->number, ==, 2);
    g_assert_cmpint (v1->number, ==, 1);
    g_assert_cmpstr (text_of (v2->plan, "strengths"), ==, "Changed strengths.");
    g_assert_cmpuint (v2->parts->outcomes->len, ==, 3);
    g_assert_cmpstr (id_of (v2->review), ==, id_of (second));
    g_assert_cmpuint (g_hash_table_size (v2->evidence_titles), ==, 0);

    reviews = tandem_plans_reviews (f->store, id_of (plan), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (reviews->len, ==, 2);
    g_assert_cmpstr (id_of (g_ptr_array_index (reviews, 0)), ==, id_of (second));

    /* Latest rating of each outcome: turns from the first review, words
     * from the second; the new outcome never rated. */
    latest = tandem_plans_latest_progress (f->store, id_of (plan), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (latest), ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (latest, id_of (turns)), ==, TANDEM_PROGRESS_ACHIEVED);
    g_assert_cmpstr (g_hash_table_lookup (latest, id_of (words)), ==, TANDEM_PROGRESS_DEVELOPING);

    /* Recording the latest review again re-freezes its version. */
    g_clear_pointer (&rp, tandem_plan_review_parts_free);
    rp = tandem_plans_load_review_parts (f->store, id_of (second), &error);
    g_assert_no_error (error);
    tandem_record_set_text (g_ptr_array_index (rp->progress, 0), "progress",
                            TANDEM_PROGRESS_SECURE);
    g_ptr_array_add (rp->evidence, evidence (words, f->amara_obs[1]));
    tandem_record_set_text (TANDEM_RECORD (second), "next_steps", "Try a talking partner.");
    tandem_plans_record_review (f->store, id_of (plan), second, rp, &error);
    g_assert_no_error (error);

    versions = tandem_plans_versions (f->store, id_of (plan), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (versions->len, ==, 2);
    g_assert_cmpint (live_rows (f->store, "plan_reviews"), ==, 2);
    g_assert_cmpint (live_rows (f->store, "plan_progress"), ==, 3);
    v2_again = load_version (f, id_of (plan), 2);
    g_assert_cmpuint (v2_again->review_parts->progress->len, ==, 1);
    g_assert_cmpstr (text_of (g_ptr_array_index (v2_again->review_parts->progress, 0),
                              "progress"), ==, TANDEM_PROGRESS_SECURE);
    g_assert_cmpstr (text_of (v2_again->review, "next_steps"), ==, "Try a talking partner.");
    g_assert_cmpuint (g_hash_table_size (v2_again->evidence_titles), ==, 1);
    g_assert_true (g_str_has_suffix (g_hash_table_lookup (v2_again->evidence_titles,
                                                          f->amara_obs[1]),
                                     "\tAmara sang the whole of the hello song."));
    v1_third = load_version (f, id_of (plan), 1);
    assert_same_snapshot (v1, v1_third);

    /* The first review is no longer the latest: it cannot be re-recorded. */
    {
      gint64 before = rows_written (f->store);
      gboolean ok = tandem_plans_record_review (f->store, id_of (plan), first, NULL, &error);

      assert_refused (f, ok, error, before, "latest review");
      g_clear_error (&error);
    }
  }
}

static void
test_corrupt_version (Fixture       *f,
                      gconstpointer  data)
{
  const char * const broken[] = {
    "{ not json",
    "{\"format\": 1}",
    "[1, 2, 3]",
    NULL
  };
  g_autoptr(TandemPlan) plan = make_plan (f, f->amara, 5, (const char * const []) { "Take turns",
                                                                                     NULL },
                                          NULL);
  g_autoptr(TandemPlanReview) r = review (-1, 30);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  const char *version_id;

  tandem_plans_record_review (f->store, id_of (plan), r, NULL, &error);
  g_assert_no_error (error);
  versions = tandem_plans_versions (f->store, id_of (plan), &error);
  g_assert_no_error (error);
  version_id = id_of (g_ptr_array_index (versions, 0));

  for (guint i = 0; broken[i] != NULL; i++)
    {
      g_autoptr(TandemPlanSnapshot) snapshot = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (f->store),
                                           "UPDATE plan_versions SET snapshot = ?1 WHERE id = ?2",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, broken[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, version_id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);

      snapshot = tandem_plans_load_version (f->store, version_id, &error);
      g_assert_null (snapshot);
      g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);
      g_clear_error (&error);
    }
}

/* A plan of a child of its own with a given status and next review. */
static TandemPlan *
plan_for (Fixture    *f,
          const char *given,
          const char *leaving,
          const char *status,
          int         next_days,
          gboolean    has_next)
{
  g_autofree char *child = add_child (f, given, "Test", leaving);
  g_autofree char *starts = days_from_today (-90);
  g_autofree char *next = days_from_today (next_days);
  g_autoptr(TandemPlan) plan = tandem_plan_new (child, starts);
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (plan), "status", status);
  if (has_next)
    tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", next);
  if (g_str_equal (status, TANDEM_PLAN_CLOSED))
    tandem_record_set_text (TANDEM_RECORD (plan), "closed_on", starts);
  tandem_plans_save (f->store, plan, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&plan);
}

static void
test_due (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *last_week = days_from_today (-7);
  g_autoptr(TandemPlan) edge = plan_for (f, "Edith", NULL, TANDEM_PLAN_ACTIVE, 14, TRUE);
  g_autoptr(TandemPlan) beyond = plan_for (f, "Farid", NULL, TANDEM_PLAN_ACTIVE, 15, TRUE);
  g_autoptr(TandemPlan) overdue = plan_for (f, "Gita", NULL, TANDEM_PLAN_UNDER_REVIEW, -3, TRUE);
  g_autoptr(TandemPlan) long_overdue = plan_for (f, "Hugo", NULL, TANDEM_PLAN_ACTIVE, -10, TRUE);
  g_autoptr(TandemPlan) today = plan_for (f, "Iris", NULL, TANDEM_PLAN_ACTIVE, 0, TRUE);
  g_autoptr(TandemPlan) left = plan_for (f, "Jonah", last_week, TANDEM_PLAN_ACTIVE, -1, TRUE);
  g_autoptr(TandemPlan) closed = plan_for (f, "Kemi", NULL, TANDEM_PLAN_CLOSED, 1, TRUE);
  g_autoptr(TandemPlan) draft = plan_for (f, "Lior", NULL, TANDEM_PLAN_DRAFT, 1, TRUE);
  g_autoptr(TandemPlan) undated = plan_for (f, "Maya", NULL, TANDEM_PLAN_ACTIVE, 0, FALSE);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = {
    id_of (long_overdue), id_of (overdue), id_of (today), id_of (edge), NULL
  };
  /* Iris's is gone with her by then. */
  const char * const expected_open[] = {
    id_of (edge), id_of (beyond), id_of (overdue), id_of (long_overdue), id_of (draft),
    id_of (undated), NULL
  };

  due = tandem_plans_due (f->store, f->today, 14, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    g_test_message ("due: %s", text_of (g_ptr_array_index (due, i), "next_review_on"));
  g_assert_cmpuint (due->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (id_of (g_ptr_array_index (due, i)), ==, expected[i]);

  g_assert_cmpint (tandem_plan_days_to_review (long_overdue, f->today), ==, -10);
  g_assert_cmpint (tandem_plan_days_to_review (edge, f->today), ==, 14);
  g_assert_cmpint (tandem_plan_days_to_review (undated, f->today), ==, G_MININT);

  /* A deleted child's plan goes too. */
  {
    g_autoptr(TandemRecord) child = tandem_store_load (f->store, TANDEM_TYPE_CHILD,
                                                       text_of (today, "child_id"), &error);

    g_assert_no_error (error);
    tandem_store_delete (f->store, child, &error);
    g_assert_no_error (error);
    g_clear_pointer (&due, g_ptr_array_unref);
    due = tandem_plans_due (f->store, f->today, 14, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (due->len, ==, 3);
    g_assert_cmpstr (id_of (g_ptr_array_index (due, 2)), ==, id_of (edge));
  }

  /* Open plans, drafts too, by the child's name; not closed, not left. */
  open = tandem_plans_open (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, g_strv_length ((char **) expected_open));
  for (guint i = 0; expected_open[i] != NULL; i++)
    g_assert_cmpstr (id_of (g_ptr_array_index (open, i)), ==, expected_open[i]);
  (void) closed;
  (void) left;
}

static void
test_evidence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlan) plan = make_plan (f, f->amara, 30,
                                          (const char * const []) { "Take turns", "Sing", NULL },
                                          &parts);
  TandemPlanOutcome *turns = g_ptr_array_index (parts->outcomes, 0);
  TandemPlanOutcome *sing = g_ptr_array_index (parts->outcomes, 1);
  g_autoptr(TandemPlanEvidence) first = NULL;
  g_autoptr(TandemPlanEvidence) second = NULL;
  g_autoptr(TandemPlanEvidence) other = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  first = tandem_plans_link_evidence (f->store, id_of (turns), f->amara_obs[0], &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_null (text_of (first, "review_id"));

  /* Another child's observation, and the same one twice, are refused. */
  before = rows_written (f->store);
  other = tandem_plans_link_evidence (f->store, id_of (turns), f->bilal_obs, &error);
  g_assert_null (other);
  assert_refused (f, FALSE, error, before, "another child");
  g_clear_error (&error);
  other = tandem_plans_link_evidence (f->store, id_of (turns), f->amara_obs[0], &error);
  g_assert_null (other);
  assert_refused (f, FALSE, error, before, "already evidence");
  g_clear_error (&error);

  /* The same observation may be evidence for another outcome. */
  other = tandem_plans_link_evidence (f->store, id_of (sing), f->amara_obs[0], &error);
  g_assert_no_error (error);
  second = tandem_plans_link_evidence (f->store, id_of (turns), f->amara_obs[1], &error);
  g_assert_no_error (error);

  /* Newest first. */
  found = tandem_plans_evidence_for_outcome (f->store, id_of (turns), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (id_of (g_ptr_array_index (found, 0)), ==, f->amara_obs[1]);
  g_assert_cmpstr (id_of (g_ptr_array_index (found, 1)), ==, f->amara_obs[0]);
  g_assert_true (TANDEM_IS_OBSERVATION (g_ptr_array_index (found, 0)));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A review citing an observation already linked between reviews takes
   * that link in; one linked at an earlier review is linked again for this
   * one; either way the outcome lists each observation once. */
  {
    g_autoptr(TandemPlanReview) r1 = review (-8, 30);
    g_autoptr(TandemPlanReview) r2 = review (-4, 30);
    g_autoptr(TandemPlanReviewParts) rp = tandem_plan_review_parts_new ();
    g_autoptr(TandemPlanReviewParts) rp2 = tandem_plan_review_parts_new ();
    g_autoptr(TandemRecord) adopted = NULL;

    g_ptr_array_add (rp->evidence, evidence (turns, f->amara_obs[0]));
    g_ptr_array_add (rp->evidence, evidence (turns, f->amara_obs[0]));
    tandem_plans_record_review (f->store, id_of (plan), r1, rp, &error);
    g_assert_no_error (error);
    adopted = tandem_store_load (f->store, TANDEM_TYPE_PLAN_EVIDENCE, id_of (first), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (text_of (adopted, "review_id"), ==, id_of (r1));
    g_assert_cmpint (live_rows (f->store, "plan_evidence"), ==, 3);

    g_ptr_array_add (rp2->evidence, evidence (turns, f->amara_obs[0]));
    tandem_plans_record_review (f->store, id_of (plan), r2, rp2, &error);
    g_assert_no_error (error);
    g_assert_cmpint (live_rows (f->store, "plan_evidence"), ==, 4);

    found = tandem_plans_evidence_for_outcome (f->store, id_of (turns), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 2);
    g_clear_pointer (&found, g_ptr_array_unref);
  }

  /* Unlinking takes it off the outcome; a deleted observation is not shown. */
  tandem_plans_unlink_evidence (f->store, id_of (second), &error);
  g_assert_no_error (error);
  found = tandem_plans_evidence_for_outcome (f->store, id_of (turns), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (id_of (g_ptr_array_index (found, 0)), ==, f->amara_obs[0]);
  g_clear_pointer (&found, g_ptr_array_unref);
  {
    g_autoptr(TandemRecord) obs = tandem_store_load (f->store, TANDEM_TYPE_OBSERVATION,
                                                     f->amara_obs[0], &error);

    tandem_store_delete (f->store, obs, &error);
    g_assert_no_error (error);
  }
  found = tandem_plans_evidence_for_outcome (f->store, id_of (sing), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanParts) loaded = NULL;
  g_autoptr(TandemPlan) plan = make_plan (f, f->amara, 30,
                                          (const char * const []) { "A", "B", "C", NULL },
                                          &parts);
  g_autoptr(GError) error = NULL;
  const char *a = id_of (g_ptr_array_index (parts->outcomes, 0));
  const char *b = id_of (g_ptr_array_index (parts->outcomes, 1));
  const char *c = id_of (g_ptr_array_index (parts->outcomes, 2));
  gint64 before;

  g_assert_true (tandem_plans_reorder_outcomes (f->store, id_of (plan),
                                                (const char * const []) { c, a, b, NULL },
                                                &error));
  g_assert_no_error (error);
  loaded = tandem_plans_load_parts (f->store, id_of (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_of (g_ptr_array_index (loaded->outcomes, 0)), ==, c);
  g_assert_cmpstr (id_of (g_ptr_array_index (loaded->outcomes, 1)), ==, a);
  g_assert_cmpstr (id_of (g_ptr_array_index (loaded->outcomes, 2)), ==, b);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (tandem_record_get_int (g_ptr_array_index (loaded->outcomes, i), "position"),
                     ==, i);
  /* Provisions follow their outcomes. */
  g_assert_cmpstr (text_of (g_ptr_array_index (loaded->provisions, 0), "what"), ==,
                   "Provision for C");

  /* Not every outcome, one twice, or one of another plan: refused. */
  before = rows_written (f->store);
  g_assert_false (tandem_plans_reorder_outcomes (f->store, id_of (plan),
                                                 (const char * const []) { a, b, NULL }, &error));
  assert_refused (f, FALSE, error, before, NULL);
  g_clear_error (&error);
  g_assert_false (tandem_plans_reorder_outcomes (f->store, id_of (plan),
                                                 (const char * const []) { a, a, b, NULL },
                                                 &error));
  assert_refused (f, FALSE, error, before, NULL);
  g_clear_error (&error);
  g_assert_false (tandem_plans_reorder_outcomes (f->store, id_of (plan),
                                                 (const char * const []) { a, b, c, id_of (plan),
                                                                           NULL },
                                                 &error));
  assert_refused (f, FALSE, error, before, NULL);
}

static void
test_start (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanParts) carried = NULL;
  g_autoptr(TandemPlanParts) old_after = NULL;
  g_autoptr(TandemPlan) first = NULL;
  g_autoptr(TandemPlan) second = NULL;
  g_autoptr(TandemPlan) refused = NULL;
  g_autoptr(TandemPlan) current = NULL;
  g_autoptr(TandemPlanReview) r = review (-5, 30);
  g_autoptr(TandemPlanReviewParts) rp = tandem_plan_review_parts_new ();
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_ago = days_from_today (-50);
  g_autofree char *far = days_from_today (100);
  TandemPlanOutcome *done, *going, *unrated;
  gint64 before;

  first = make_plan (f, f->amara, 30,
                     (const char * const []) { "Take turns", "Ask for help", "Use a spoon",
                                               NULL },
                     &parts);
  done = g_ptr_array_index (parts->outcomes, 0);
  going = g_ptr_array_index (parts->outcomes, 1);
  unrated = g_ptr_array_index (parts->outcomes, 2);
  tandem_record_set_text (TANDEM_RECORD (going), "target_on", long_ago);
  tandem_record_set_text (TANDEM_RECORD (unrated), "target_on", far);
  tandem_record_set_text (TANDEM_RECORD (first), "ehcp_status", "requested");
  tandem_record_set_text (TANDEM_RECORD (first), "child_views", "Likes the red car.");
  tandem_plans_save (f->store, first, parts, &error);
  g_assert_no_error (error);
  g_ptr_array_add (rp->progress, rating (done, TANDEM_PROGRESS_ACHIEVED));
  g_ptr_array_add (rp->progress, rating (going, TANDEM_PROGRESS_DEVELOPING));
  tandem_plans_record_review (f->store, id_of (first), r, rp, &error);
  g_assert_no_error (error);

  /* A second open plan for the same child is refused. */
  before = rows_written (f->store);
  refused = tandem_plans_start (f->store, f->amara, f->today, id_of (first), &error);
  g_assert_null (refused);
  assert_refused (f, FALSE, error, before, "Amara already has a support plan");
  g_clear_error (&error);

  /* No such child. */
  refused = tandem_plans_start (f->store, "4f2c1a9e-0000-4000-8000-000000000000", f->today, NULL,
                                &error);
  g_assert_null (refused);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_assert_cmpint (rows_written (f->store), ==, before);
  g_clear_error (&error);

  /* Carrying on from another child's plan is refused too. */
  refused = tandem_plans_start (f->store, f->bilal, f->today, id_of (first), &error);
  g_assert_null (refused);
  assert_refused (f, FALSE, error, before, "same child");
  g_clear_error (&error);

  tandem_record_set_text (TANDEM_RECORD (first), "status", TANDEM_PLAN_CLOSED);
  tandem_record_set_text (TANDEM_RECORD (first), "closed_on", f->today);
  tandem_plans_save (f->store, first, NULL, &error);
  g_assert_no_error (error);

  second = tandem_plans_start (f->store, f->amara, f->today, id_of (first), &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpstr (text_of (second, "status"), ==, TANDEM_PLAN_DRAFT);
  g_assert_cmpstr (text_of (second, "starts_on"), ==, f->today);
  g_assert_cmpstr (text_of (second, "strengths"), ==, "Loves building and music.");
  g_assert_cmpstr (text_of (second, "needs_communication"), ==,
                   "Uses single words; understands more than she says.");
  g_assert_cmpstr (text_of (second, "family_views"), ==, "We want her to make friends.");
  g_assert_cmpstr (text_of (second, "child_views"), ==, "Likes the red car.");
  g_assert_cmpstr (text_of (second, "ehcp_status"), ==, "requested");
  g_assert_null (text_of (second, "next_review_on"));

  carried = tandem_plans_load_parts (f->store, id_of (second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carried->professionals->len, ==, 1);
  g_assert_cmpstr (text_of (g_ptr_array_index (carried->professionals, 0), "name"), ==,
                   "Ruth Hale");
  g_assert_cmpstr (id_of (g_ptr_array_index (carried->professionals, 0)), !=,
                   id_of (g_ptr_array_index (parts->professionals, 0)));
  /* The achieved outcome stays behind; the others come, with new ids. */
  g_assert_cmpuint (carried->outcomes->len, ==, 2);
  g_assert_cmpstr (text_of (g_ptr_array_index (carried->outcomes, 0), "outcome"), ==,
                   "Ask for help");
  g_assert_cmpstr (text_of (g_ptr_array_index (carried->outcomes, 1), "outcome"), ==,
                   "Use a spoon");
  g_assert_cmpstr (id_of (g_ptr_array_index (carried->outcomes, 0)), !=, id_of (going));
  g_assert_cmpstr (text_of (g_ptr_array_index (carried->outcomes, 0), "plan_id"), ==,
                   id_of (second));
  /* A target date now past is left for the new plan to set. */
  g_assert_null (text_of (g_ptr_array_index (carried->outcomes, 0), "target_on"));
  g_assert_cmpstr (text_of (g_ptr_array_index (carried->outcomes, 1), "target_on"), ==, far);
  g_assert_cmpuint (carried->provisions->len, ==, 2);
  g_assert_cmpstr (text_of (g_ptr_array_index (carried->provisions, 0), "what"), ==,
                   "Provision for Ask for help");
  g_assert_cmpstr (text_of (g_ptr_array_index (carried->provisions, 0), "outcome_id"), ==,
                   id_of (g_ptr_array_index (carried->outcomes, 0)));
  g_assert_cmpstr (id_of (g_ptr_array_index (carried->provisions, 0)), !=,
                   id_of (g_ptr_array_index (parts->provisions, 1)));

  /* The earlier plan is untouched. */
  old_after = tandem_plans_load_parts (f->store, id_of (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old_after->outcomes->len, ==, 3);
  g_assert_cmpuint (old_after->provisions->len, ==, 3);

  plans = tandem_plans_for_child (f->store, f->amara, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpstr (id_of (g_ptr_array_index (plans, 0)), ==, id_of (second));
  g_assert_cmpstr (id_of (g_ptr_array_index (plans, 1)), ==, id_of (first));
  current = tandem_plans_current (f->store, f->amara, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_of (current), ==, id_of (second));
  g_clear_object (&current);
  current = tandem_plans_current (f->store, f->bilal, &error);
  g_assert_no_error (error);
  g_assert_null (current);
}

static void
test_delete_undelete (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlan) plan = make_plan (f, f->amara, 30,
                                          (const char * const []) { "A", "B", "C", NULL },
                                          &parts);
  g_autoptr(TandemPlan) kept = make_plan (f, f->bilal, 30, (const char * const []) { "Z", NULL },
                                          NULL);
  g_autoptr(TandemPlanReview) r = review (-3, 30);
  g_autoptr(TandemPlanReviewParts) rp = tandem_plan_review_parts_new ();
  g_autoptr(TandemPlanEvidence) link = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed = NULL;
  gint64 live[8];

  /* An outcome removed before the plan is deleted stays removed. */
  removed = g_strdup (id_of (g_ptr_array_index (parts->outcomes, 2)));
  g_ptr_array_remove_index (parts->provisions, 2);
  g_ptr_array_remove_index (parts->outcomes, 2);
  tandem_plans_save (f->store, plan, parts, &error);
  g_assert_no_error (error);

  g_ptr_array_add (rp->progress, rating (g_ptr_array_index (parts->outcomes, 0),
                                         TANDEM_PROGRESS_SECURE));
  g_ptr_array_add (rp->evidence, evidence (g_ptr_array_index (parts->outcomes, 0),
                                           f->amara_obs[0]));
  tandem_plans_record_review (f->store, id_of (plan), r, rp, &error);
  g_assert_no_error (error);
  link = tandem_plans_link_evidence (f->store, id_of (g_ptr_array_index (parts->outcomes, 1)),
                                     f->amara_obs[1], &error);
  g_assert_no_error (error);

  for (guint i = 0; plan_tables[i] != NULL; i++)
    {
      live[i] = live_rows (f->store, plan_tables[i]);
      g_assert_cmpint (live[i], >, 0);
    }
  g_usleep (2000);

  tandem_plans_delete (f->store, id_of (plan), &error);
  g_assert_no_error (error);
  /* Only Bilal's plan is left, with its professional, outcome and provision. */
  g_assert_cmpint (live_rows (f->store, "plans"), ==, 1);
  g_assert_cmpint (live_rows (f->store, "plan_professionals"), ==, 1);
  g_assert_cmpint (live_rows (f->store, "plan_outcomes"), ==, 1);
  g_assert_cmpint (live_rows (f->store, "plan_provisions"), ==, 1);
  for (guint i = 4; plan_tables[i] != NULL; i++)
    g_assert_cmpint (live_rows (f->store, plan_tables[i]), ==, 0);
  plans = tandem_plans_for_child (f->store, f->amara, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 0);
  g_clear_pointer (&plans, g_ptr_array_unref);

  tandem_plans_undelete (f->store, id_of (plan), &error);
  g_assert_no_error (error);
  for (guint i = 0; plan_tables[i] != NULL; i++)
    g_assert_cmpint (live_rows (f->store, plan_tables[i]), ==, live[i]);
  {
    g_autoptr(TandemRecord) still_gone = tandem_store_load (f->store, TANDEM_TYPE_PLAN_OUTCOME,
                                                            removed, &error);

    g_assert_no_error (error);
    g_assert_true (tandem_record_get_deleted (still_gone));
  }
  plans = tandem_plans_for_child (f->store, f->amara, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  (void) kept;
}

static void
test_codes (void)
{
  g_autoptr(TandemPlan) plan = tandem_plan_new ("x", "2026-01-05");
  g_autoptr(TandemPlanOutcome) o = tandem_plan_outcome_new (NULL, NULL, "Take turns");
  g_autoptr(GError) error = NULL;
  const char * const *levels = tandem_plan_progress_levels ();

  g_assert_cmpstr (text_of (plan, "status"), ==, TANDEM_PLAN_DRAFT);
  g_assert_cmpstr (text_of (o, "term"), ==, TANDEM_PLAN_TERM_SHORT);
  for (int i = 0; levels[i] != NULL; i++)
    g_assert_cmpint (tandem_plan_progress_rank (levels[i]), ==, i);
  g_assert_cmpint (tandem_plan_progress_rank (TANDEM_PROGRESS_ACHIEVED), ==, 4);
  g_assert_cmpint (tandem_plan_progress_rank ("nearly"), ==, -1);
  g_assert_cmpint (tandem_plan_progress_rank (NULL), ==, -1);

  for (guint i = 0; tandem_plan_areas ()[i] != NULL; i++)
    {
      const char *field = tandem_plan_area_field (tandem_plan_areas ()[i]);

      g_assert_nonnull (tandem_record_type_find_field (TANDEM_TYPE_PLAN, field));
      g_assert_cmpstr (tandem_plan_area_label (tandem_plan_areas ()[i]), !=,
                       tandem_plan_areas ()[i]);
    }
  g_assert_cmpstr (tandem_plan_area_field ("semh"), ==, "needs_semh");
  g_assert_null (tandem_plan_area_field ("nope"));
  g_assert_cmpstr (tandem_plan_status_label (TANDEM_PLAN_UNDER_REVIEW), ==, "Under review");
  g_assert_cmpstr (tandem_plan_ehcp_status_label (NULL), ==, "None");
  g_assert_cmpstr (tandem_plan_term_label (TANDEM_PLAN_TERM_LONG), ==,
                   "Long-term, 6 to 12 months");
  g_assert_cmpstr (tandem_plan_progress_label (TANDEM_PROGRESS_NOT_STARTED), ==, "Not started");

  g_assert_true (tandem_plan_lacks_strengths (plan));
  tandem_record_set_text (TANDEM_RECORD (plan), "strengths", " \n ");
  g_assert_true (tandem_plan_lacks_strengths (plan));
  tandem_record_set_text (TANDEM_RECORD (plan), "strengths", "Kind to friends");
  g_assert_false (tandem_plan_lacks_strengths (plan));

  tandem_record_set_text (TANDEM_RECORD (o), "target_on", "2026-01-05");
  g_assert_true (tandem_plan_outcome_check_target (o, plan, &error));
  g_assert_no_error (error);
  tandem_record_set_text (TANDEM_RECORD (o), "target_on", "2026-01-04");
  g_assert_false (tandem_plan_outcome_check_target (o, plan, &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A review's next review must come after it. */
  {
    g_autoptr(TandemRecord) r = tandem_record_new (TANDEM_TYPE_PLAN_REVIEW);

    tandem_record_set_text (r, "plan_id", "x");
    tandem_record_set_text (r, "held_on", "2026-03-01");
    tandem_record_set_text (r, "next_review_on", "2026-03-01");
    g_assert_false (tandem_record_validate (r, &error));
    g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
    g_clear_error (&error);
    tandem_record_set_text (r, "next_review_on", "2026-03-02");
    g_assert_true (tandem_record_validate (r, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tandem_records_init ();

#define ADD(name, func) \
  g_test_add ("/plans/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("save-and-load", test_save_and_load);
  ADD ("plan-validation", test_plan_validation);
  ADD ("review-validation", test_review_validation);
  ADD ("versions", test_versions);
  ADD ("corrupt-version", test_corrupt_version);
  ADD ("due", test_due);
  ADD ("evidence", test_evidence);
  ADD ("reorder", test_reorder);
  ADD ("start", test_start);
  ADD ("delete-undelete", test_delete_undelete);
  g_test_add_func ("/plans/codes", test_codes);

#undef ADD

  return g_test_run ();
}
