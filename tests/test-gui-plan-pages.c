/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tandem-journal.h"
#include "tandem-plan-version-window.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-reviews-page.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

/* The support plan pages outside a child's plan: Plan Reviews (plans due
 * for review across children) and the window showing an earlier version
 * of a plan. "Today" is Wednesday 25 November 2026 throughout. */

#define TODAY "2026-11-25"

typedef struct {
  TandemTestStore db;
  GtkWindow      *window;
  char           *zofia;
  char           *kacper;
  char           *amira;
  char           *leo;
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
add_child (TandemStore *store,
           const char  *given,
           const char  *family)
{
  g_autoptr(TandemChild) child = tandem_child_new (given, family, "2023-03-01");

  save (store, child);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (child)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);
  f->zofia = add_child (f->db.store, "Zofia", "Nowak");
  f->kacper = add_child (f->db.store, "Kacper", "Lewandowski");
  f->amira = add_child (f->db.store, "Amira", "Haddad");
  f->leo = add_child (f->db.store, "Leo", "Brown");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  tandem_test_pump ();
  g_free (f->zofia);
  g_free (f->kacper);
  g_free (f->amira);
  g_free (f->leo);
  tandem_test_store_tear_down (&f->db, data);
}

/* Starts a plan for @child_id and saves it with @status, @next_review_on
 * and @strengths (each may be NULL). */
static TandemPlan *
add_plan (Fixture    *f,
          const char *child_id,
          const char *status,
          const char *next_review_on,
          const char *strengths)
{
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(GError) error = NULL;
  TandemPlan *plan;

  plan = tandem_plans_start (f->db.store, child_id, "2026-09-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  tandem_record_set_text (TANDEM_RECORD (plan), "status", status);
  tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", next_review_on);
  tandem_record_set_text (TANDEM_RECORD (plan), "strengths", strengths);
  tandem_plans_save (f->db.store, plan, parts, &error);
  g_assert_no_error (error);
  return plan;
}

static void
show (Fixture   *f,
      GtkWidget *page,
      int        width)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, 700);
  gtk_window_set_child (f->window, page);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();
}

/* The texts of the labels shown under @root, in tree order, joined with "|". */
static char *
label_texts (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
      g_string_append_printf (out, "%s|", gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* Whether the status page titled @title is what is shown. */
static gboolean
shows_status (GtkWidget  *root,
              const char *title)
{
  g_autoptr(GPtrArray) pages = tandem_test_find_all (root, ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);
      GtkWidget *stack = gtk_widget_get_ancestor (page, GTK_TYPE_STACK);

      if (g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (page)), title) == 0)
        return stack != NULL && gtk_stack_get_visible_child (GTK_STACK (stack)) == page;
    }
  return FALSE;
}

/* Plan Reviews */

static TandemReviewsPage *
show_reviews (Fixture *f)
{
  GtkWidget *page = tandem_reviews_page_new ();

  tandem_reviews_page_set_today (TANDEM_REVIEWS_PAGE (page), TODAY);
  tandem_reviews_page_set_store (TANDEM_REVIEWS_PAGE (page), f->db.store);
  show (f, page, 800);
  return TANDEM_REVIEWS_PAGE (page);
}

static GtkWidget *
plan_row (GtkWidget  *page,
          TandemPlan *plan)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (page, GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (rows, i), "tandem-plan-id"),
                   tandem_record_get_id (TANDEM_RECORD (plan))) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static GtkWidget *
warning_icon (GtkWidget *row)
{
  g_autoptr(GPtrArray) images = tandem_test_find_all (row, GTK_TYPE_IMAGE);

  for (guint i = 0; i < images->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (images, i), "warning"))
      return g_ptr_array_index (images, i);
  return NULL;
}

static void
record_plan_cb (TandemReviewsPage *page,
                const char        *child_id,
                const char        *plan_id,
                char             **out)
{
  g_free (*out);
  *out = g_strdup_printf ("%s %s", child_id, plan_id);
}

static void
test_reviews_list (Fixture       *f,
                   gconstpointer  data)
{
  /* Overdue by three days; due in exactly two weeks, with no strengths;
   * due a day too late to be listed; a draft with no strengths and no
   * review date; closed, overdue, with no strengths: not listed. */
  g_autoptr(TandemPlan) zofia = add_plan (f, f->zofia, TANDEM_PLAN_ACTIVE, "2026-11-22",
                                          "Sings in Polish and English");
  g_autoptr(TandemPlan) kacper = add_plan (f, f->kacper, TANDEM_PLAN_UNDER_REVIEW, "2026-12-09",
                                           NULL);
  g_autoptr(TandemPlan) amira = add_plan (f, f->amira, TANDEM_PLAN_ACTIVE, "2026-12-10",
                                          "Builds tall towers");
  g_autoptr(TandemPlan) leo = add_plan (f, f->leo, TANDEM_PLAN_DRAFT, NULL, "  ");
  TandemReviewsPage *page;
  GtkWidget *row, *icon;
  g_autofree char *texts = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *expected = NULL;

  page = show_reviews (f);
  g_signal_connect (page, "plan-activated", G_CALLBACK (record_plan_cb), &activated);

  g_assert_cmpuint (tandem_reviews_page_get_n_overdue (page), ==, 1);
  g_assert_cmpuint (tandem_reviews_page_get_n_due (page), ==, 1);
  g_assert_false (shows_status (GTK_WIDGET (page), "No Reviews Due"));

  texts = label_texts (GTK_WIDGET (page));
  g_assert_cmpstr (texts, ==,
                   "Overdue|"
                   "Zofia|Active · Review on 22 November 2026|Overdue by 3 days|"
                   "Due in the Next Two Weeks|"
                   "Kacper|Under review · Review on 9 December 2026|Due in 14 days|"
                   "Plans Without Strengths|"
                   "A plan starts from what the child enjoys and does well. Add their "
                   "strengths to the one-page profile.|"
                   "Leo|Draft · No review date set|");
  g_assert_null (plan_row (GTK_WIDGET (page), amira));
  g_assert_true (gtk_widget_has_css_class (find_label (GTK_WIDGET (page), "Overdue by 3 days"),
                                           "error"));
  g_assert_false (gtk_widget_has_css_class (find_label (GTK_WIDGET (page), "Due in 14 days"),
                                            "error"));

  /* Strengths missing: a warning, said aloud too; Zofia's plan has them. */
  row = plan_row (GTK_WIDGET (page), zofia);
  g_assert_null (warning_icon (row));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Zofia, Active · Review on 22 November 2026, "
                                       "Overdue by 3 days");
  row = plan_row (GTK_WIDGET (page), kacper);
  icon = warning_icon (row);
  g_assert_nonnull (icon);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (icon), ==, "No strengths recorded");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (icon),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No strengths recorded");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Kacper, Under review · Review on 9 December 2026, "
                                       "Due in 14 days\nNo strengths recorded");
  row = plan_row (GTK_WIDGET (page), leo);
  g_assert_nonnull (warning_icon (row));

  /* Activating a row asks for that child's plan. */
  gtk_widget_activate (plan_row (GTK_WIDGET (page), kacper));
  expected = g_strdup_printf ("%s %s", f->kacper, tandem_record_get_id (TANDEM_RECORD (kacper)));
  g_assert_cmpstr (activated, ==, expected);
  gtk_widget_activate (plan_row (GTK_WIDGET (page), leo));
  g_free (expected);
  expected = g_strdup_printf ("%s %s", f->leo, tandem_record_get_id (TANDEM_RECORD (leo)));
  g_assert_cmpstr (activated, ==, expected);

  /* Days in words, one in the singular. */
  tandem_reviews_page_set_today (page, "2026-11-23");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Overdue by 1 day"));
  tandem_reviews_page_set_today (page, "2026-12-08");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Due tomorrow"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Due in 2 days"));
  tandem_reviews_page_set_today (page, "2026-12-09");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Due today"));
  g_assert_cmpuint (tandem_reviews_page_get_n_overdue (page), ==, 1);
  g_assert_cmpuint (tandem_reviews_page_get_n_due (page), ==, 2);
}

static void
test_reviews_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemPlan) zofia = add_plan (f, f->zofia, TANDEM_PLAN_ACTIVE, "2026-11-22",
                                          "Sings in Polish and English");
  g_autoptr(TandemPlan) amira = add_plan (f, f->amira, TANDEM_PLAN_ACTIVE, "2026-12-10",
                                          "Builds tall towers");
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(GError) error = NULL;
  TandemReviewsPage *page;

  page = show_reviews (f);
  g_assert_cmpuint (tandem_reviews_page_get_n_overdue (page), ==, 1);

  /* Saved elsewhere, shown here: Zofia's review moved on, Amira's strengths
   * taken out. */
  tandem_record_set_text (TANDEM_RECORD (zofia), "next_review_on", "2027-02-01");
  tandem_plans_save (f->db.store, zofia, parts, &error);
  g_assert_no_error (error);
  tandem_record_set_text (TANDEM_RECORD (amira), "strengths", NULL);
  tandem_plans_save (f->db.store, amira, parts, &error);
  g_assert_no_error (error);
  tandem_test_pump ();
  g_assert_cmpuint (tandem_reviews_page_get_n_overdue (page), ==, 0);
  g_assert_cmpuint (tandem_reviews_page_get_n_due (page), ==, 0);
  g_assert_null (plan_row (GTK_WIDGET (page), zofia));
  g_assert_nonnull (warning_icon (plan_row (GTK_WIDGET (page), amira)));

  /* Strengths given: nothing left to do. */
  tandem_record_set_text (TANDEM_RECORD (amira), "strengths", "Builds tall towers");
  tandem_plans_save (f->db.store, amira, parts, &error);
  g_assert_no_error (error);
  tandem_test_pump ();
  g_assert_true (shows_status (GTK_WIDGET (page), "No Reviews Due"));
}

static void
test_reviews_empty (Fixture       *f,
                    gconstpointer  data)
{
  /* Due in fifteen days, with strengths: nothing to list. */
  g_autoptr(TandemPlan) amira = add_plan (f, f->amira, TANDEM_PLAN_ACTIVE, "2026-12-10",
                                          "Builds tall towers");
  TandemReviewsPage *page = show_reviews (f);

  g_assert_true (shows_status (GTK_WIDGET (page), "No Reviews Due"));
  g_assert_cmpuint (tandem_reviews_page_get_n_overdue (page), ==, 0);
  g_assert_cmpuint (tandem_reviews_page_get_n_due (page), ==, 0);
  g_assert_null (plan_row (GTK_WIDGET (page), amira));

  /* A day later it is due. */
  tandem_reviews_page_set_today (page, "2026-11-26");
  g_assert_false (shows_status (GTK_WIDGET (page), "No Reviews Due"));
  g_assert_nonnull (plan_row (GTK_WIDGET (page), amira));

  tandem_reviews_page_set_store (page, NULL);
  g_assert_true (shows_status (GTK_WIDGET (page), "No Reviews Due"));
}

/* Earlier versions */

typedef struct {
  TandemPlan *plan;
  char       *short_outcome;
  char       *long_outcome;
  char       *observation;
} Reviewed;

static void
reviewed_clear (Reviewed *r)
{
  g_clear_object (&r->plan);
  g_free (r->short_outcome);
  g_free (r->long_outcome);
  g_free (r->observation);
}

/* Zofia's plan with two outcomes, reviewed on 20 November 2026 with the
 * short-term outcome rated "developing" on the evidence of an observation. */
static void
add_reviewed_plan (Fixture  *f,
                   Reviewed *r)
{
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(TandemPlanReviewParts) review_parts = tandem_plan_review_parts_new ();
  g_autoptr(TandemPlanReview) review = NULL;
  g_autoptr(TandemObservation) observation = NULL;
  g_autoptr(TandemPlanProgress) progress = NULL;
  g_autoptr(TandemPlanEvidence) evidence = NULL;
  g_autoptr(TandemPlanProfessional) professional = NULL;
  g_autoptr(TandemPlanProvision) provision = NULL;
  g_autoptr(GError) error = NULL;
  const char *children[] = { f->zofia, NULL };
  TandemPlanOutcome *short_term, *long_term;
  TandemRecord *plan;

  review = (TandemPlanReview *) tandem_record_new (TANDEM_TYPE_PLAN_REVIEW);
  progress = (TandemPlanProgress *) tandem_record_new (TANDEM_TYPE_PLAN_PROGRESS);
  evidence = (TandemPlanEvidence *) tandem_record_new (TANDEM_TYPE_PLAN_EVIDENCE);
  professional = (TandemPlanProfessional *) tandem_record_new (TANDEM_TYPE_PLAN_PROFESSIONAL);
  provision = (TandemPlanProvision *) tandem_record_new (TANDEM_TYPE_PLAN_PROVISION);

  r->plan = tandem_plans_start (f->db.store, f->zofia, "2026-09-01", NULL, &error);
  g_assert_no_error (error);
  plan = TANDEM_RECORD (r->plan);
  tandem_record_set_text (plan, "status", TANDEM_PLAN_ACTIVE);
  tandem_record_set_text (plan, "next_review_on", "2026-11-20");
  tandem_record_set_text (plan, "strengths", "Sings in Polish and English");
  tandem_record_set_text (plan, "needs_communication", "Uses single words to ask for help");
  tandem_record_set_text (plan, "family_views", "She talks about nursery all evening");
  tandem_record_set_text (plan, "internal_note", "Mum prefers calls after 5");

  tandem_record_set_text (TANDEM_RECORD (professional), "name", "Ruth Hale");
  tandem_record_set_text (TANDEM_RECORD (professional), "role",
                          "Speech and language therapist");
  g_ptr_array_add (parts->professionals, g_object_ref (professional));

  short_term = tandem_plan_outcome_new (NULL, TANDEM_PLAN_TERM_SHORT,
                                        "Zofia will ask for help with two words");
  tandem_record_set_text (TANDEM_RECORD (short_term), "success_looks_like",
                          "She says \"help me\" at snack time");
  tandem_record_set_text (TANDEM_RECORD (short_term), "target_on", "2026-10-15");
  g_ptr_array_add (parts->outcomes, short_term);
  long_term = tandem_plan_outcome_new (NULL, TANDEM_PLAN_TERM_LONG,
                                       "Zofia will join a small group game");
  g_ptr_array_add (parts->outcomes, long_term);
  r->short_outcome = g_strdup (tandem_record_get_id (TANDEM_RECORD (short_term)));
  r->long_outcome = g_strdup (tandem_record_get_id (TANDEM_RECORD (long_term)));

  tandem_record_set_text (TANDEM_RECORD (provision), "what", "Attention Autism group");
  tandem_record_set_text (TANDEM_RECORD (provision), "who", "Priya");
  tandem_record_set_text (TANDEM_RECORD (provision), "how_often", "3 times a week");
  tandem_record_set_text (TANDEM_RECORD (provision), "place", "Quiet room");
  tandem_record_set_text (TANDEM_RECORD (provision), "outcome_id", r->short_outcome);
  g_ptr_array_add (parts->provisions, g_object_ref (provision));
  tandem_plans_save (f->db.store, r->plan, parts, &error);
  g_assert_no_error (error);

  observation = tandem_observation_new ("2026-11-15", "Said \"help me\" to Priya at snack");
  tandem_journal_save_observation (f->db.store, observation, children, NULL, NULL, &error);
  g_assert_no_error (error);
  r->observation = g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));

  tandem_record_set_text (TANDEM_RECORD (review), "held_on", "2026-11-20");
  tandem_record_set_text (TANDEM_RECORD (review), "family_views", "Happy with the group");
  tandem_record_set_text (TANDEM_RECORD (review), "next_steps", "Try two-word phrases at home");
  tandem_record_set_text (TANDEM_RECORD (review), "next_review_on", "2027-02-20");
  tandem_record_set_text (TANDEM_RECORD (progress), "outcome_id", r->short_outcome);
  tandem_record_set_text (TANDEM_RECORD (progress), "progress", TANDEM_PROGRESS_DEVELOPING);
  tandem_record_set_text (TANDEM_RECORD (progress), "comment", "Asks with one word most days");
  g_ptr_array_add (review_parts->progress, g_object_ref (progress));
  tandem_record_set_text (TANDEM_RECORD (evidence), "outcome_id", r->short_outcome);
  tandem_record_set_text (TANDEM_RECORD (evidence), "observation_id", r->observation);
  g_ptr_array_add (review_parts->evidence, g_object_ref (evidence));
  tandem_plans_record_review (f->db.store, tandem_record_get_id (plan), review, review_parts,
                              &error);
  g_assert_no_error (error);
}

static char *
latest_version (Fixture    *f,
                TandemPlan *plan)
{
  g_autoptr(GError) error = NULL;
  const char *plan_id = tandem_record_get_id (TANDEM_RECORD (plan));
  g_autoptr(GPtrArray) versions = tandem_plans_versions (f->db.store, plan_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, >, 0);
  return g_strdup (tandem_record_get_id (g_ptr_array_index (versions, 0)));
}

static GtkWidget *
show_version (Fixture    *f,
              const char *version_id)
{
  f->window = tandem_plan_version_window_new (NULL, f->db.store, version_id);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  tandem_test_pump ();
  return GTK_WIDGET (f->window);
}

static void
test_version_frozen (Fixture       *f,
                     gconstpointer  data)
{
  Reviewed r = { NULL, };
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemObservation) observation = NULL;
  g_autoptr(GPtrArray) bars = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version_id = NULL;
  g_autofree char *texts = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *window, *title;

  add_reviewed_plan (f, &r);
  version_id = latest_version (f, r.plan);

  /* Afterwards the plan and the observation are both rewritten. */
  parts = tandem_plans_load_parts (f->db.store, tandem_record_get_id (TANDEM_RECORD (r.plan)),
                                   &error);
  g_assert_no_error (error);
  for (guint i = 0; i < parts->outcomes->len; i++)
    if (g_strcmp0 (tandem_record_get_id (g_ptr_array_index (parts->outcomes, i)),
                   r.short_outcome) == 0)
      tandem_record_set_text (g_ptr_array_index (parts->outcomes, i), "outcome",
                              "Zofia will ask for help in a sentence");
  tandem_record_set_text (TANDEM_RECORD (r.plan), "strengths", "Loves the water tray");
  tandem_plans_save (f->db.store, r.plan, parts, &error);
  g_assert_no_error (error);
  g_clear_pointer (&parts, tandem_plan_parts_free);
  parts = tandem_plans_load_parts (f->db.store, tandem_record_get_id (TANDEM_RECORD (r.plan)),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (parts->outcomes, 0), "outcome"), ==,
                   "Zofia will ask for help in a sentence");
  observation = tandem_store_load (f->db.store, TANDEM_TYPE_OBSERVATION, r.observation, &error);
  g_assert_no_error (error);
  tandem_record_set_text (TANDEM_RECORD (observation), "text", "Rewritten later");
  save (f->db.store, observation);

  window = show_version (f, version_id);
  titles = tandem_test_find_all (window, ADW_TYPE_WINDOW_TITLE);
  g_assert_cmpuint (titles->len, ==, 1);
  title = g_ptr_array_index (titles, 0);
  g_assert_cmpstr (gtk_window_get_title (f->window), ==, "Earlier Version");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "Earlier Version");
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==,
                   "Version 1 · reviewed 20 November 2026");
  g_assert_false (shows_status (window, "This Version Cannot Be Shown"));

  /* What the plan said then, not what it says now. */
  texts = label_texts (window);
  g_assert_nonnull (strstr (texts, "|Zofia|"));
  g_assert_nonnull (strstr (texts, "|Strengths|Sings in Polish and English|"));
  g_assert_null (strstr (texts, "Loves the water tray"));
  g_assert_nonnull (strstr (texts, "|Communication and interaction|"
                                   "Uses single words to ask for help|"));
  /* Only the areas with something written. */
  g_assert_null (strstr (texts, "Cognition and learning"));
  g_assert_nonnull (strstr (texts, "She talks about nursery all evening"));
  g_assert_nonnull (strstr (texts, "|Ruth Hale|Speech and language therapist|"));
  g_assert_nonnull (strstr (texts, "|Internal Note|Staff only|Mum prefers calls after 5|"));

  /* Short-term outcomes before long-term ones, each with its provision and
   * how it was rated. */
  g_assert_null (strstr (texts, "in a sentence"));
  g_assert_nonnull (strstr (texts, "|Short-Term Outcomes|Zofia will ask for help with two "
                                   "words|What Success Looks Like|She says \"help me\" at snack "
                                   "time|Target Date|15 October 2026|Provision|"
                                   "Attention Autism group · Priya · 3 times a week · Quiet "
                                   "room|Progress at This Review|Developing|Comment|"
                                   "Asks with one word most days|Evidence|15 November 2026|"));
  g_assert_nonnull (strstr (texts, "Said \"help me\" to Priya at snack|"));
  g_assert_null (strstr (texts, "Rewritten later"));
  g_assert_nonnull (strstr (texts, "|Long-Term Outcomes|Zofia will join a small group game|"
                                   "Progress at This Review|Not rated at this review|"));

  /* The level shown as steps, said aloud in words. */
  bars = tandem_test_find_all (window, GTK_TYPE_LEVEL_BAR);
  g_assert_cmpuint (bars->len, ==, 1);
  g_assert_cmpfloat (gtk_level_bar_get_value (g_ptr_array_index (bars, 0)), ==, 2);
  g_assert_cmpfloat (gtk_level_bar_get_max_value (g_ptr_array_index (bars, 0)), ==, 4);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (bars, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Developing, 2 of 4");

  /* Then the review itself. */
  g_assert_nonnull (strstr (texts, "|Review of 20 November 2026|The Family’s Views|"
                                   "Happy with the group|Next Steps|Try two-word phrases at "
                                   "home|Next Review|20 February 2027|"));

  /* Read only, but the words can be copied. */
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (find_label (window,
                                                                  "Sings in Polish and English"))));
  entries = tandem_test_find_all (window, GTK_TYPE_TEXT);
  g_assert_cmpuint (entries->len, ==, 0);

  reviewed_clear (&r);
}

static void
test_version_corrupt (Fixture       *f,
                      gconstpointer  data)
{
  Reviewed r = { NULL, };
  g_autoptr(TandemPlanVersion) version = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  GtkWidget *window;
  const char *description = NULL;

  add_reviewed_plan (f, &r);

  /* A snapshot damaged on disk. */
  version = (TandemPlanVersion *) tandem_record_new (TANDEM_TYPE_PLAN_VERSION);
  tandem_record_set_text (TANDEM_RECORD (version), "plan_id",
                          tandem_record_get_id (TANDEM_RECORD (r.plan)));
  tandem_record_set_int (TANDEM_RECORD (version), "number", 2);
  tandem_record_set_text (TANDEM_RECORD (version), "taken_on", "2026-11-21");
  tandem_record_set_text (TANDEM_RECORD (version), "snapshot", "{\"plan\": [1, 2");
  save (f->db.store, version);

  window = show_version (f, tandem_record_get_id (TANDEM_RECORD (version)));
  g_assert_true (shows_status (window, "This Version Cannot Be Shown"));
  pages = tandem_test_find_all (window, ADW_TYPE_STATUS_PAGE);
  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_status_page_get_title (g_ptr_array_index (pages, i)),
                   "This Version Cannot Be Shown") == 0)
      description = adw_status_page_get_description (g_ptr_array_index (pages, i));
  g_assert_nonnull (description);
  g_assert_cmpstr (description, !=, "");
  g_assert_null (find_label (window, "Zofia will ask for help with two words"));

  reviewed_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context, whose accessible names the tests read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/plan-pages/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("reviews/list", test_reviews_list);
  ADD ("reviews/changes", test_reviews_changes);
  ADD ("reviews/empty", test_reviews_empty);
  ADD ("version/frozen", test_version_frozen);
  ADD ("version/corrupt", test_version_corrupt);

#undef ADD

  return g_test_run ();
}
