/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 *
 * The review editor: rating an outcome achieved with an observation as
 * evidence records the review, the rating, the evidence and a frozen
 * version, at the meeting held that day; a review dated before the previous
 * one is refused with the message on the form and nothing written; editing
 * the latest review replaces it and its version rather than adding one.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tandem-child.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-review-editor.h"
#include "tandem-strength-picker.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

#define PLAN_START "2026-01-05"
#define TODAY      "2026-03-10"

typedef struct {
  TandemTestStore    db;
  TandemChild       *child;
  TandemPlan        *plan;
  TandemPlanOutcome *short_outcome;
  TandemPlanOutcome *long_outcome;
  char              *observation;
  char              *meeting;
  GtkWindow         *parent;
  GtkWindow         *editor;
  TandemRecord      *saved;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *child_id;
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(TandemObservation) observation = NULL;
  g_autoptr(TandemMeeting) meeting = NULL;
  g_autoptr(TandemMeeting) other = NULL;
  g_autoptr(TandemMeetingParts) meeting_parts = NULL;
  g_autoptr(GError) error = NULL;

  tandem_test_store_set_up (&f->db, data);

  f->child = TANDEM_CHILD (tandem_record_new (TANDEM_TYPE_CHILD));
  tandem_record_set_text (TANDEM_RECORD (f->child), "given_name", "Amara");
  tandem_record_set_text (TANDEM_RECORD (f->child), "family_name", "Okafor");
  tandem_record_set_text (TANDEM_RECORD (f->child), "date_of_birth", "2023-05-01");
  tandem_store_save (f->db.store, TANDEM_RECORD (f->child), &error);
  g_assert_no_error (error);
  child_id = tandem_record_get_id (TANDEM_RECORD (f->child));

  f->plan = tandem_plans_start (f->db.store, child_id, PLAN_START, NULL, &error);
  g_assert_no_error (error);
  /* Long-term first in the plan's order: the editor still puts short first. */
  f->long_outcome = tandem_plan_outcome_new (tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                             TANDEM_PLAN_TERM_LONG,
                                             "Amara will play alongside others for ten minutes");
  f->short_outcome = tandem_plan_outcome_new (tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                              TANDEM_PLAN_TERM_SHORT,
                                              "Amara will wash her hands on her own");
  g_ptr_array_add (parts->outcomes, g_object_ref (f->long_outcome));
  g_ptr_array_add (parts->outcomes, g_object_ref (f->short_outcome));
  tandem_plans_save (f->db.store, f->plan, parts, &error);
  g_assert_no_error (error);

  observation = tandem_observation_new ("2026-02-20", "Washed her hands after painting, alone");
  tandem_journal_save_observation (f->db.store, observation,
                                   (const char *[]) { child_id, NULL }, NULL, NULL, &error);
  g_assert_no_error (error);
  f->observation = g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));

  /* A meeting held on the review's day, and one long before. */
  meeting = tandem_meeting_new (child_id, "plan_review", TODAY);
  tandem_record_set_text (TANDEM_RECORD (meeting), "status", TANDEM_MEETING_HELD);
  meeting_parts = tandem_meeting_parts_new ();
  tandem_meetings_save (f->db.store, meeting, meeting_parts, &error);
  g_assert_no_error (error);
  f->meeting = g_strdup (tandem_record_get_id (TANDEM_RECORD (meeting)));
  other = tandem_meeting_new (child_id, "settling_in", "2025-09-01");
  tandem_record_set_text (TANDEM_RECORD (other), "status", TANDEM_MEETING_HELD);
  tandem_meetings_save (f->db.store, other, meeting_parts, &error);
  g_assert_no_error (error);

  f->parent = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_present (f->parent);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (f->editor);
  gtk_window_destroy (f->parent);
  tandem_test_pump ();
  g_clear_object (&f->child);
  g_clear_object (&f->plan);
  g_clear_object (&f->short_outcome);
  g_clear_object (&f->long_outcome);
  g_clear_object (&f->saved);
  g_free (f->observation);
  g_free (f->meeting);
  tandem_test_store_tear_down (&f->db, data);
}

static void
saved_cb (GtkWindow    *editor,
          TandemRecord *review,
          Fixture      *f)
{
  g_set_object (&f->saved, review);
}

static void
open_editor (Fixture          *f,
             TandemPlanReview *review)
{
  f->editor = tandem_review_editor_new (f->parent, f->db.store, f->plan, review);
  tandem_review_editor_set_today (TANDEM_REVIEW_EDITOR (f->editor), TODAY);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  g_signal_connect (f->editor, "saved", G_CALLBACK (saved_cb), f);
  gtk_window_present (f->editor);
  tandem_test_pump ();
}

static gpointer
row (Fixture    *f,
     GType       type,
     const char *title)
{
  gpointer found = tandem_test_find_row (GTK_WIDGET (f->editor), type, title, FALSE);

  g_assert_nonnull (found);
  return found;
}

static const char *
entry_text (Fixture    *f,
            const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (row (f, ADW_TYPE_ENTRY_ROW, title)));
}

static void
set_entry (Fixture    *f,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, ADW_TYPE_ENTRY_ROW, title)), text);
  tandem_test_pump ();
}

/* The text view under the heading @heading. */
static GtkTextView *
text_view (Fixture    *f,
           const char *heading)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      g_autoptr(GPtrArray) views = NULL;

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), heading) != 0)
        continue;
      views = tandem_test_find_all (gtk_widget_get_parent (label), GTK_TYPE_TEXT_VIEW);
      g_assert_cmpuint (views->len, ==, 1);
      return g_ptr_array_index (views, 0);
    }
  g_assert_not_reached ();
}

static char *
get_text (Fixture    *f,
          const char *heading)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view (f, heading));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text (Fixture    *f,
          const char *heading,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (f, heading)), text, -1);
  tandem_test_pump ();
}

/* The "Progress" rows, short-term outcome first. */
static AdwComboRow *
progress_row (Fixture *f,
              guint    index)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (GTK_WIDGET (f->editor), ADW_TYPE_COMBO_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Progress") == 0 &&
        n++ == index)
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

static void
save (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  tandem_test_pump ();
}

static const char *
shown_error (Fixture *f)
{
  g_autoptr(GPtrArray) revealers = NULL;

  if (f->editor == NULL)
    return NULL;
  revealers = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_REVEALER);
  for (guint i = 0; i < revealers->len; i++)
    {
      GtkRevealer *revealer = g_ptr_array_index (revealers, i);
      GtkWidget *child = gtk_revealer_get_child (revealer);

      if (GTK_IS_LABEL (child) && gtk_revealer_get_reveal_child (revealer))
        return gtk_label_get_text (GTK_LABEL (child));
    }
  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (g_type_is_a (G_OBJECT_TYPE (l->data), type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Presses the first outcome's (the short-term one's) "Link Observations…",
 * ticks @id and presses Done. */
static void
link_first_outcome (Fixture    *f,
                    const char *id)
{
  g_autoptr(GPtrArray) contents = tandem_test_find_all (GTK_WIDGET (f->editor),
                                                        ADW_TYPE_BUTTON_CONTENT);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWindow *picker;

  for (guint i = 0; i < contents->len; i++)
    if (g_strcmp0 (adw_button_content_get_label (g_ptr_array_index (contents, i)),
                   "Link Observations…") == 0)
      {
        g_signal_emit_by_name (gtk_widget_get_parent (g_ptr_array_index (contents, i)),
                               "clicked");
        break;
      }
  tandem_test_pump ();

  picker = find_toplevel (TANDEM_TYPE_STRENGTH_PICKER);
  g_assert_nonnull (picker);
  checks = tandem_test_find_all (GTK_WIDGET (picker), GTK_TYPE_CHECK_BUTTON);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (checks, i), "tandem-id"), id) == 0)
      gtk_check_button_set_active (g_ptr_array_index (checks, i), TRUE);
  buttons = tandem_test_find_all (GTK_WIDGET (picker), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Done") == 0)
      g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  tandem_test_pump ();
  g_assert_null (find_toplevel (TANDEM_TYPE_STRENGTH_PICKER));
}

static GPtrArray *
reviews (Fixture *f)
{
  return tandem_plans_reviews (f->db.store, tandem_record_get_id (TANDEM_RECORD (f->plan)), NULL);
}

static GPtrArray *
versions (Fixture *f)
{
  return tandem_plans_versions (f->db.store, tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                NULL);
}

/* Records a review through the editor: the short-term outcome achieved, with
 * the observation as evidence. */
static void
record_achieved (Fixture *f)
{
  open_editor (f, NULL);
  adw_combo_row_set_selected (progress_row (f, 0), 5);  /* achieved */
  set_text (f, "Comment", "Every time, without a reminder");
  link_first_outcome (f, f->observation);
  set_text (f, "The family’s views", "She does it at home too");
  save (f);
  g_assert_null (shown_error (f));
  g_assert_null (f->editor);
}

static void
test_rated_with_evidence (Fixture       *f,
                          gconstpointer  data)
{
  const char *short_id = tandem_record_get_id (TANDEM_RECORD (f->short_outcome));
  g_autoptr(GPtrArray) recorded = NULL;
  g_autoptr(GPtrArray) frozen = NULL;
  g_autoptr(TandemPlanReviewParts) parts = NULL;
  g_autoptr(TandemPlanSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  TandemRecord *review, *progress;

  open_editor (f, NULL);
  g_assert_cmpstr (entry_text (f, "Date of the review"), ==, TODAY);
  /* About a term on. */
  g_assert_cmpstr (entry_text (f, "Next review"), ==, "2026-06-02");
  /* The meeting held that day is taken as where the review was held; the
   * one long before is not offered. */
  {
    AdwComboRow *meeting = row (f, ADW_TYPE_COMBO_ROW, "Meeting");

    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (meeting)), ==, 2);
    g_assert_cmpuint (adw_combo_row_get_selected (meeting), ==, 1);
  }
  gtk_window_destroy (f->editor);
  tandem_test_pump ();

  record_achieved (f);
  g_assert_nonnull (f->saved);

  recorded = reviews (f);
  g_assert_cmpuint (recorded->len, ==, 1);
  review = g_ptr_array_index (recorded, 0);
  g_assert_cmpstr (tandem_record_get_text (review, "held_on"), ==, TODAY);
  g_assert_cmpstr (tandem_record_get_text (review, "meeting_id"), ==, f->meeting);
  g_assert_cmpstr (tandem_record_get_text (review, "next_review_on"), ==, "2026-06-02");
  g_assert_cmpstr (tandem_record_get_text (review, "family_views"), ==,
                   "She does it at home too");

  parts = tandem_plans_load_review_parts (f->db.store, tandem_record_get_id (review), NULL);
  g_assert_cmpuint (parts->progress->len, ==, 1);  /* the long-term one was not rated */
  progress = g_ptr_array_index (parts->progress, 0);
  g_assert_cmpstr (tandem_record_get_text (progress, "outcome_id"), ==, short_id);
  g_assert_cmpstr (tandem_record_get_text (progress, "progress"), ==, TANDEM_PROGRESS_ACHIEVED);
  g_assert_cmpstr (tandem_record_get_text (progress, "comment"), ==,
                   "Every time, without a reminder");
  g_assert_cmpuint (parts->evidence->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (parts->evidence, 0),
                                           "observation_id"), ==, f->observation);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (parts->evidence, 0), "outcome_id"),
                   ==, short_id);

  evidence = tandem_plans_evidence_for_outcome (f->db.store, short_id, NULL);
  g_assert_cmpuint (evidence->len, ==, 1);

  /* The plan moved on to its next review. */
  plan = tandem_store_load (f->db.store, TANDEM_TYPE_PLAN,
                            tandem_record_get_id (TANDEM_RECORD (f->plan)), NULL);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (plan), "next_review_on"), ==,
                   "2026-06-02");

  frozen = versions (f);
  g_assert_cmpuint (frozen->len, ==, 1);
  snapshot = tandem_plans_load_version (f->db.store,
                                        tandem_record_get_id (g_ptr_array_index (frozen, 0)),
                                        NULL);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (snapshot->number, ==, 1);
  g_assert_nonnull (snapshot->review_parts);
  g_assert_cmpuint (snapshot->review_parts->progress->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (snapshot->review_parts->progress, 0),
                                           "progress"), ==, TANDEM_PROGRESS_ACHIEVED);
  g_assert_cmpuint (snapshot->review_parts->evidence->len, ==, 1);
  g_assert_cmpuint (snapshot->parts->outcomes->len, ==, 2);
}

static void
test_before_previous_refused (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) recorded = NULL;
  g_autoptr(GPtrArray) frozen = NULL;

  record_achieved (f);

  open_editor (f, NULL);
  /* The last review's rating is shown beside the outcome. */
  set_entry (f, "Date of the review", "2026-02-01");
  set_entry (f, "Next review", "2026-05-01");
  adw_combo_row_set_selected (progress_row (f, 1), 2);  /* emerging */
  save (f);

  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (strstr (shown_error (f), "before the previous review"));
  g_assert_nonnull (f->editor);
  recorded = reviews (f);
  g_assert_cmpuint (recorded->len, ==, 1);
  frozen = versions (f);
  g_assert_cmpuint (frozen->len, ==, 1);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_PROGRESS), ==, 1);

  /* A next review not after the review is refused too. */
  set_entry (f, "Date of the review", "2026-04-01");
  set_entry (f, "Next review", "2026-03-20");
  save (f);
  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (f->editor);
  g_clear_pointer (&recorded, g_ptr_array_unref);
  recorded = reviews (f);
  g_assert_cmpuint (recorded->len, ==, 1);
}

static void
test_edit_latest_replaces (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) recorded = NULL;
  g_autoptr(GPtrArray) frozen = NULL;
  g_autoptr(TandemPlanReviewParts) parts = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *family = NULL;
  TandemRecord *review;

  record_achieved (f);
  recorded = reviews (f);
  review = g_ptr_array_index (recorded, 0);

  open_editor (f, (TandemPlanReview *) review);
  /* Everything as it was recorded. */
  g_assert_cmpstr (entry_text (f, "Date of the review"), ==, TODAY);
  g_assert_cmpuint (adw_combo_row_get_selected (progress_row (f, 0)), ==, 5);
  g_assert_cmpuint (adw_combo_row_get_selected (progress_row (f, 1)), ==, 0);
  comment = get_text (f, "Comment");
  g_assert_cmpstr (comment, ==, "Every time, without a reminder");
  family = get_text (f, "The family’s views");
  g_assert_cmpstr (family, ==, "She does it at home too");
  g_assert_cmpuint (adw_combo_row_get_selected (row (f, ADW_TYPE_COMBO_ROW, "Meeting")), ==, 1);

  adw_combo_row_set_selected (progress_row (f, 1), 3);  /* developing */
  set_text (f, "Next steps", "Join the small group at the water tray");
  save (f);
  g_assert_null (shown_error (f));
  g_assert_null (f->editor);

  g_clear_pointer (&recorded, g_ptr_array_unref);
  recorded = reviews (f);
  g_assert_cmpuint (recorded->len, ==, 1);
  review = g_ptr_array_index (recorded, 0);
  g_assert_cmpstr (tandem_record_get_text (review, "next_steps"), ==,
                   "Join the small group at the water tray");
  parts = tandem_plans_load_review_parts (f->db.store, tandem_record_get_id (review), NULL);
  g_assert_cmpuint (parts->progress->len, ==, 2);
  g_assert_cmpuint (parts->evidence->len, ==, 1);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_PROGRESS), ==, 2);

  frozen = versions (f);
  g_assert_cmpuint (frozen->len, ==, 1);
  {
    g_autoptr(TandemPlanSnapshot) snapshot =
      tandem_plans_load_version (f->db.store,
                                 tandem_record_get_id (g_ptr_array_index (frozen, 0)), NULL);

    g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (snapshot->review), "next_steps"), ==,
                     "Join the small group at the water tray");
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tandem_records_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/review-editor/rated-with-evidence", test_rated_with_evidence);
  ADD ("/review-editor/before-previous", test_before_previous_refused);
  ADD ("/review-editor/edit-latest-replaces", test_edit_latest_replaces);
#undef ADD

  return g_test_run ();
}
