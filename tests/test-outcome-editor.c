/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 *
 * The outcome editor: a new outcome saved with its provision and the
 * observations linked as evidence; an outcome with no words or a target
 * before the plan starts refused with a message on the form, nothing
 * written; Cancel leaves no evidence linked; deleting emits "deleted". And
 * the journal picker in evidence mode, which offers observations kept
 * internal where the strengths picker does not.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tandem-child.h"
#include "tandem-journal.h"
#include "tandem-outcome-editor.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-strength-picker.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

#define PLAN_START "2026-01-05"

typedef struct {
  TandemTestStore  db;
  TandemChild     *child;
  TandemPlan      *plan;
  char            *shared_obs;   /* shared with the family, after the plan started */
  char            *internal_obs; /* kept internal, after the plan started */
  char            *old_obs;      /* before the plan started */
  GtkWindow       *parent;
  GtkWindow       *editor;
  TandemRecord    *saved;
  char            *deleted;
} Fixture;

static char *
add_observation (Fixture    *f,
                 const char *date,
                 const char *text,
                 gboolean    shared)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, text);
  const char *children[] = { tandem_record_get_id (TANDEM_RECORD (f->child)), NULL };
  g_autoptr(GError) error = NULL;

  tandem_record_set_bool (TANDEM_RECORD (observation), "shared", shared);
  tandem_journal_save_observation (f->db.store, observation, children, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tandem_test_store_set_up (&f->db, data);

  f->child = TANDEM_CHILD (tandem_record_new (TANDEM_TYPE_CHILD));
  tandem_record_set_text (TANDEM_RECORD (f->child), "given_name", "Kacper");
  tandem_record_set_text (TANDEM_RECORD (f->child), "family_name", "Nowak");
  tandem_record_set_text (TANDEM_RECORD (f->child), "date_of_birth", "2023-09-01");
  tandem_store_save (f->db.store, TANDEM_RECORD (f->child), &error);
  g_assert_no_error (error);

  f->plan = tandem_plans_start (f->db.store, tandem_record_get_id (TANDEM_RECORD (f->child)),
                                PLAN_START, NULL, &error);
  g_assert_no_error (error);

  f->shared_obs = add_observation (f, "2026-02-02", "Asked for “more apple” at snack time", TRUE);
  f->internal_obs = add_observation (f, "2026-02-09", "Used two words with a friend", FALSE);
  f->old_obs = add_observation (f, "2025-12-01", "Pointed to the door", FALSE);

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
  g_clear_object (&f->saved);
  g_free (f->deleted);
  g_free (f->shared_obs);
  g_free (f->internal_obs);
  g_free (f->old_obs);
  tandem_test_store_tear_down (&f->db, data);
}

static void
saved_cb (GtkWindow    *editor,
          TandemRecord *outcome,
          Fixture      *f)
{
  g_set_object (&f->saved, outcome);
}

static void
deleted_cb (GtkWindow  *editor,
            const char *outcome_id,
            Fixture    *f)
{
  g_free (f->deleted);
  f->deleted = g_strdup (outcome_id);
}

static void
open_editor (Fixture           *f,
             TandemPlanOutcome *outcome)
{
  f->editor = tandem_outcome_editor_new (f->parent, f->db.store, f->plan, outcome,
                                         TANDEM_PLAN_TERM_SHORT);
  /* A saved editor closes itself: the pointer then goes back to NULL. */
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  g_signal_connect (f->editor, "saved", G_CALLBACK (saved_cb), f);
  g_signal_connect (f->editor, "deleted", G_CALLBACK (deleted_cb), f);
  gtk_window_present (f->editor);
  tandem_test_pump ();
}

/* An outcome saved through the core, as the plan page would have. */
static TandemPlanOutcome *
stored_outcome (Fixture *f)
{
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(GError) error = NULL;
  TandemPlanOutcome *outcome;

  outcome = tandem_plan_outcome_new (tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                     TANDEM_PLAN_TERM_SHORT,
                                     "Kacper will ask for what he wants with two words");
  g_ptr_array_add (parts->outcomes, g_object_ref (outcome));
  tandem_plans_save (f->db.store, f->plan, parts, &error);
  g_assert_no_error (error);
  return outcome;
}

static AdwPreferencesRow *
row (Fixture    *f,
     GType       type,
     const char *title,
     gboolean    last)
{
  AdwPreferencesRow *found = tandem_test_find_row (GTK_WIDGET (f->editor), type, title, last);

  g_assert_nonnull (found);
  return found;
}

static void
set_entry (Fixture    *f,
           const char *title,
           const char *text,
           gboolean    last)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, ADW_TYPE_ENTRY_ROW, title, last)), text);
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

static void
set_text (Fixture    *f,
          const char *heading,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (f, heading)), text, -1);
  tandem_test_pump ();
}

static void
activate (Fixture    *f,
          const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (f->editor), action, NULL);
  tandem_test_pump ();
}

/* The message shown above the form, or NULL when none is. */
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

/* The observation ids a picker offers, by the tick boxes it shows. */
static GPtrArray *
offered (GtkWindow *picker)
{
  g_autoptr(GPtrArray) checks = tandem_test_find_all (GTK_WIDGET (picker),
                                                      GTK_TYPE_CHECK_BUTTON);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < checks->len; i++)
    g_ptr_array_add (ids, g_object_get_data (g_ptr_array_index (checks, i), "tandem-id"));
  return ids;
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

/* Opens "Link Observations…", ticks @id and presses Done. */
static void
link_observation (Fixture    *f,
                  const char *id)
{
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWindow *picker;
  gboolean ticked = FALSE;

  activate (f, "editor.link-evidence");
  picker = find_toplevel (TANDEM_TYPE_STRENGTH_PICKER);
  g_assert_nonnull (picker);
  g_assert_cmpstr (gtk_window_get_title (picker), ==, "Link Evidence");

  checks = tandem_test_find_all (GTK_WIDGET (picker), GTK_TYPE_CHECK_BUTTON);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (checks, i), "tandem-id"), id) == 0)
      {
        gtk_check_button_set_active (g_ptr_array_index (checks, i), TRUE);
        ticked = TRUE;
      }
  g_assert_true (ticked);

  buttons = tandem_test_find_all (GTK_WIDGET (picker), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Done") == 0)
      g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  tandem_test_pump ();
  g_assert_null (find_toplevel (TANDEM_TYPE_STRENGTH_PICKER));
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  tandem_test_pump ();
}

static gint64
n_outcomes (Fixture *f)
{
  return tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_OUTCOME);
}

static void
test_new_outcome_saved (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GPtrArray) provisions = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  TandemRecord *outcome;

  open_editor (f, NULL);
  g_assert_cmpstr (gtk_window_get_title (f->editor), ==, "New Short-Term Outcome");
  /* Six weeks from the start, or from today when that is behind us. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, ADW_TYPE_ENTRY_ROW,
                                                             "Target date", FALSE))),
                   >=, "2026-02-16");

  set_text (f, "What the child will be able to do",
            "Kacper will ask for what he wants\nwith two words");
  set_text (f, "How success will be recognised", "Asks at snack time without a prompt");
  set_entry (f, "Target date", "2026-02-20", FALSE);

  activate (f, "editor.add-provision");
  set_entry (f, "What is provided", "Talking time in a small group", TRUE);
  set_entry (f, "Who delivers it", "Ms Patel, keyworker", TRUE);
  set_entry (f, "How often, e.g. 3 times a week, 10 minutes", "Daily, 10 minutes", TRUE);
  activate (f, "editor.add-provision");
  set_entry (f, "What is provided", "Choosing board at snack", TRUE);
  set_entry (f, "Where", "Snack table", TRUE);
  /* A third, taken off again before saving. */
  activate (f, "editor.add-provision");
  set_entry (f, "What is provided", "Visual timetable", TRUE);
  {
    g_autoptr(GPtrArray) buttons = tandem_test_find_all (GTK_WIDGET (f->editor),
                                                         GTK_TYPE_BUTTON);
    GtkWidget *last = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                     "Remove this provision") == 0)
        last = g_ptr_array_index (buttons, i);
    g_assert_nonnull (last);
    g_signal_emit_by_name (last, "clicked");
    tandem_test_pump ();
  }

  link_observation (f, f->internal_obs);

  activate (f, "editor.save");
  g_assert_null (shown_error (f));
  g_assert_null (f->editor);
  g_assert_nonnull (f->saved);

  parts = tandem_plans_load_parts (f->db.store, tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                   NULL);
  g_assert_cmpuint (parts->outcomes->len, ==, 1);
  outcome = g_ptr_array_index (parts->outcomes, 0);
  g_assert_cmpstr (tandem_record_get_id (outcome), ==, tandem_record_get_id (f->saved));
  g_assert_cmpstr (tandem_record_get_text (outcome, "outcome"), ==,
                   "Kacper will ask for what he wants with two words");
  g_assert_cmpstr (tandem_record_get_text (outcome, "term"), ==, TANDEM_PLAN_TERM_SHORT);
  g_assert_cmpstr (tandem_record_get_text (outcome, "target_on"), ==, "2026-02-20");
  g_assert_cmpstr (tandem_record_get_text (outcome, "success_looks_like"), ==,
                   "Asks at snack time without a prompt");

  provisions = tandem_plan_parts_provisions_for (parts, tandem_record_get_id (outcome));
  g_assert_cmpuint (provisions->len, ==, 2);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (provisions, 0), "what"), ==,
                   "Talking time in a small group");
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (provisions, 0), "how_often"), ==,
                   "Daily, 10 minutes");
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (provisions, 1), "place"), ==,
                   "Snack table");

  evidence = tandem_plans_evidence_for_outcome (f->db.store, tandem_record_get_id (outcome), NULL);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_id (g_ptr_array_index (evidence, 0)), ==, f->internal_obs);
}

static void
test_bad_input_refused (Fixture       *f,
                        gconstpointer  data)
{
  open_editor (f, NULL);
  link_observation (f, f->shared_obs);

  /* No words. */
  activate (f, "editor.save");
  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (strstr (shown_error (f), "needs some words"));
  g_assert_cmpint (n_outcomes (f), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_EVIDENCE), ==, 0);
  g_assert_nonnull (f->editor);

  /* A target before the plan starts. */
  set_text (f, "What the child will be able to do", "Kacper will take turns in a game");
  set_entry (f, "Target date", "2025-12-20", FALSE);
  activate (f, "editor.save");
  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (strstr (shown_error (f), "target date"));
  g_assert_nonnull (strstr (shown_error (f), "before the plan starts"));
  g_assert_cmpint (n_outcomes (f), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_EVIDENCE), ==, 0);
  g_assert_nonnull (f->editor);

  /* A provision that does not say what it is. */
  set_entry (f, "Target date", "2026-03-01", FALSE);
  activate (f, "editor.add-provision");
  set_entry (f, "Who delivers it", "Ms Patel", TRUE);
  activate (f, "editor.save");
  g_assert_nonnull (shown_error (f));
  g_assert_cmpint (n_outcomes (f), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_PROVISION), ==, 0);

  /* Put right, it saves. */
  set_entry (f, "What is provided", "Turn-taking games", TRUE);
  activate (f, "editor.save");
  g_assert_null (f->editor);
  g_assert_cmpint (n_outcomes (f), ==, 1);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_PROVISION), ==, 1);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_EVIDENCE), ==, 1);
}

static void
test_cancel_links_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TandemPlanOutcome) outcome = stored_outcome (f);

  open_editor (f, outcome);
  g_assert_cmpstr (gtk_window_get_title (f->editor), ==, "Outcome");
  link_observation (f, f->shared_obs);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_EVIDENCE), ==, 0);

  /* Cancel asks first, as something changed; discarding writes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "window.close", NULL);
  tandem_test_pump ();
  g_assert_nonnull (f->editor);
  respond ("discard");
  /* Closed; the dialog may hold it a moment longer. */
  g_assert_true (f->editor == NULL || !gtk_widget_get_visible (GTK_WIDGET (f->editor)));
  g_assert_null (f->saved);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_PLAN_EVIDENCE), ==, 0);
}

static void
test_unlink_on_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TandemPlanOutcome) outcome = stored_outcome (f);
  const char *id = tandem_record_get_id (TANDEM_RECORD (outcome));
  g_autoptr(TandemPlanEvidence) link = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  link = tandem_plans_link_evidence (f->db.store, id, f->shared_obs, NULL);
  g_assert_nonnull (link);

  open_editor (f, outcome);
  buttons = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (buttons, i), "tandem-id"),
                   f->shared_obs) == 0)
      g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  tandem_test_pump ();

  /* Taken off the form only: the store still has it until Save. */
  evidence = tandem_plans_evidence_for_outcome (f->db.store, id, NULL);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_clear_pointer (&evidence, g_ptr_array_unref);

  activate (f, "editor.save");
  g_assert_null (f->editor);
  evidence = tandem_plans_evidence_for_outcome (f->db.store, id, NULL);
  g_assert_cmpuint (evidence->len, ==, 0);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TandemPlanOutcome) outcome = stored_outcome (f);
  g_autoptr(TandemPlanParts) parts = NULL;

  open_editor (f, outcome);
  activate (f, "editor.delete");
  respond ("cancel");
  g_assert_nonnull (f->editor);
  g_assert_null (f->deleted);
  g_assert_cmpint (n_outcomes (f), ==, 1);

  activate (f, "editor.delete");
  respond ("delete");
  g_assert_true (f->editor == NULL || !gtk_widget_get_visible (GTK_WIDGET (f->editor)));
  g_assert_cmpstr (f->deleted, ==, tandem_record_get_id (TANDEM_RECORD (outcome)));
  parts = tandem_plans_load_parts (f->db.store, tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                   NULL);
  g_assert_cmpuint (parts->outcomes->len, ==, 0);
  g_assert_cmpint (n_outcomes (f), ==, 0);
}

static void
test_picker_modes (Fixture       *f,
                   gconstpointer  data)
{
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (f->child));
  GtkWindow *strengths, *evidence;
  g_autoptr(GPtrArray) shared_ids = NULL;
  g_autoptr(GPtrArray) evidence_ids = NULL;

  strengths = tandem_strength_picker_new (f->parent, f->db.store, child_id, NULL);
  g_assert_cmpstr (gtk_window_get_title (strengths), ==, "Strengths to Share");
  shared_ids = offered (strengths);
  g_assert_true (contains (shared_ids, f->shared_obs));
  g_assert_false (contains (shared_ids, f->internal_obs));
  gtk_window_destroy (strengths);

  evidence = tandem_strength_picker_new_for_evidence (f->parent, f->db.store, child_id,
                                                      PLAN_START, NULL);
  g_assert_cmpstr (gtk_window_get_title (evidence), ==, "Link Evidence");
  evidence_ids = offered (evidence);
  g_assert_true (contains (evidence_ids, f->shared_obs));
  g_assert_true (contains (evidence_ids, f->internal_obs));
  /* Before the plan: not offered. */
  g_assert_false (contains (evidence_ids, f->old_obs));
  gtk_window_destroy (evidence);

  /* Unless it is already linked: it stays, ticked, so Done keeps it. */
  {
    const char *selected[] = { f->old_obs, NULL };
    g_autoptr(GPtrArray) ids = NULL;

    evidence = tandem_strength_picker_new_for_evidence (f->parent, f->db.store, child_id,
                                                        PLAN_START, selected);
    ids = offered (evidence);
    g_assert_true (contains (ids, f->old_obs));
    gtk_window_destroy (evidence);
  }
  tandem_test_pump ();
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
  ADD ("/outcome-editor/new-outcome", test_new_outcome_saved);
  ADD ("/outcome-editor/bad-input", test_bad_input_refused);
  ADD ("/outcome-editor/cancel-links-nothing", test_cancel_links_nothing);
  ADD ("/outcome-editor/unlink-on-save", test_unlink_on_save);
  ADD ("/outcome-editor/delete", test_delete);
  ADD ("/outcome-editor/picker-modes", test_picker_modes);
#undef ADD

  return g_test_run ();
}
