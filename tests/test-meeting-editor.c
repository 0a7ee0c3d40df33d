/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 *
 * The meeting editor: the adjustments it suggests for the invited carers,
 * the notice warning, and bad input (a planned meeting in the past, a time
 * that is not one, an action without an owner's name or due before the
 * meeting) refused with a message on the form, nothing saved.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tandem-adjustments.h"
#include "tandem-carer.h"
#include "tandem-child.h"
#include "tandem-meeting-editor.h"
#include "tandem-meetings.h"
#include "tandem-records.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

#define TODAY "2026-11-23"

typedef struct {
  TandemTestStore  db;
  TandemChild     *child;
  TandemCarer     *carer;
  GtkWindow       *parent;
  GtkWindow       *editor;
} Fixture;

static void
save_or_die (TandemStore  *store,
             TandemRecord *record)
{
  g_autoptr(GError) error = NULL;

  tandem_store_save (store, record, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);

  f->child = TANDEM_CHILD (tandem_record_new (TANDEM_TYPE_CHILD));
  tandem_record_set_text (TANDEM_RECORD (f->child), "given_name", "Kacper");
  tandem_record_set_text (TANDEM_RECORD (f->child), "family_name", "Nowak");
  tandem_record_set_text (TANDEM_RECORD (f->child), "date_of_birth", "2024-09-01");
  save_or_die (f->db.store, TANDEM_RECORD (f->child));

  f->carer = TANDEM_CARER (tandem_record_new (TANDEM_TYPE_CARER));
  tandem_record_set_text (TANDEM_RECORD (f->carer), "child_id",
                          tandem_record_get_id (TANDEM_RECORD (f->child)));
  tandem_record_set_text (TANDEM_RECORD (f->carer), "full_name", "Tomasz Nowak");
  tandem_record_set_text (TANDEM_RECORD (f->carer), "relationship", "Father");
  tandem_record_set_bool (TANDEM_RECORD (f->carer), "parental_responsibility", TRUE);
  tandem_record_set_text (TANDEM_RECORD (f->carer), "preferred_language", "pl");
  tandem_record_set_bool (TANDEM_RECORD (f->carer), "interpreter_needed", TRUE);
  tandem_record_set_int (TANDEM_RECORD (f->carer), "notice_days", 7);
  save_or_die (f->db.store, TANDEM_RECORD (f->carer));

  f->parent = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_present (f->parent);
  f->editor = tandem_meeting_editor_new (f->parent, f->db.store, f->child, NULL);
  tandem_meeting_editor_set_today (TANDEM_MEETING_EDITOR (f->editor), TODAY);
  /* A saved editor closes itself: the pointer then goes back to NULL. */
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  gtk_window_present (f->editor);
  tandem_test_pump ();
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
  g_clear_object (&f->carer);
  tandem_test_store_tear_down (&f->db, data);
}

static AdwPreferencesRow *
row (Fixture    *f,
     GType       type,
     const char *title)
{
  AdwPreferencesRow *found = tandem_test_find_row (GTK_WIDGET (f->editor), type, title, FALSE);

  g_assert_nonnull (found);
  return found;
}

static void
set_entry (Fixture    *f,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, ADW_TYPE_ENTRY_ROW, title)), text);
  tandem_test_pump ();
}

static void
save (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  tandem_test_pump ();
}

/* The message shown above the form, or NULL when none is. */
static const char *
shown_error (Fixture *f)
{
  g_autoptr(GPtrArray) revealers = tandem_test_find_all (GTK_WIDGET (f->editor),
                                                         GTK_TYPE_REVEALER);

  for (guint i = 0; i < revealers->len; i++)
    {
      GtkRevealer *revealer = g_ptr_array_index (revealers, i);
      GtkWidget *child = gtk_revealer_get_child (revealer);

      if (GTK_IS_LABEL (child) && gtk_revealer_get_reveal_child (revealer))
        return gtk_label_get_text (GTK_LABEL (child));
    }
  return NULL;
}

static gint64
n_meetings (Fixture *f)
{
  return tandem_test_count (f->db.store, TANDEM_TYPE_MEETING);
}

static gboolean
has_row_titled (Fixture    *f,
                const char *needle)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (GTK_WIDGET (f->editor),
                                                    ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, i));

      if (title != NULL && strstr (title, needle) != NULL &&
          gtk_widget_is_visible (g_ptr_array_index (rows, i)))
        return TRUE;
    }
  return FALSE;
}

static void
test_suggestions_and_notice (Fixture       *f,
                             gconstpointer  data)
{
  /* The father needs an interpreter and a week's notice: both suggested. */
  g_assert_true (has_row_titled (f, "interpreter"));
  g_assert_true (has_row_titled (f, "7 days"));

  /* Three days ahead, with the invitation sent today: too little notice. */
  set_entry (f, "Date", "2026-11-26");
  set_entry (f, "Invitation sent on", TODAY);
  g_assert_true (has_row_titled (f, "gives only 3 days’ notice"));

  /* Sent ten days before: enough. */
  set_entry (f, "Date", "2026-12-10");
  set_entry (f, "Invitation sent on", "2026-11-30");
  g_assert_false (has_row_titled (f, "notice."));
}

static void
test_planned_in_the_past_refused (Fixture       *f,
                                  gconstpointer  data)
{
  set_entry (f, "Date", "2026-11-20");
  save (f);

  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (strstr (shown_error (f), "passed"));
  g_assert_cmpint (n_meetings (f), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->editor)));
}

static void
test_bad_time_refused (Fixture       *f,
                       gconstpointer  data)
{
  set_entry (f, "Date", "2026-12-01");
  set_entry (f, "Start time, e.g. 15:30", "25:70");
  save (f);

  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (strstr (shown_error (f), "25:70"));
  g_assert_cmpint (n_meetings (f), ==, 0);
}

static void
test_valid_meeting_saved (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(TandemMeetingParts) parts = NULL;
  TandemRecord *meeting;

  set_entry (f, "Date", "2026-12-10");
  set_entry (f, "Start time, e.g. 15:30", "9.30");
  set_entry (f, "Invitation sent on", TODAY);
  save (f);

  g_assert_null (f->editor);
  meetings = tandem_meetings_for_child (f->db.store,
                                        tandem_record_get_id (TANDEM_RECORD (f->child)), NULL);
  g_assert_cmpuint (meetings->len, ==, 1);
  meeting = g_ptr_array_index (meetings, 0);
  g_assert_cmpstr (tandem_record_get_text (meeting, "meets_on"), ==, "2026-12-10");
  g_assert_cmpstr (tandem_record_get_text (meeting, "starts_at"), ==, "09:30");
  g_assert_cmpstr (tandem_record_get_text (meeting, "status"), ==, TANDEM_MEETING_PLANNED);

  /* The father, with parental responsibility, was invited by default. */
  parts = tandem_meetings_load_parts (f->db.store, tandem_record_get_id (meeting), NULL);
  g_assert_cmpuint (parts->carer_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (parts->carer_ids, 0), ==,
                   tandem_record_get_id (TANDEM_RECORD (f->carer)));
}

static void
test_action_due_before_meeting_refused (Fixture       *f,
                                        gconstpointer  data)
{
  AdwComboRow *status = ADW_COMBO_ROW (row (f, ADW_TYPE_COMBO_ROW, "Status"));

  set_entry (f, "Date", "2026-11-10");
  adw_combo_row_set_selected (status, 1);  /* held */
  tandem_test_pump ();

  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.add-action", NULL);
  tandem_test_pump ();
  set_entry (f, "What was agreed", "Book a hearing test");
  set_entry (f, "By when", "2026-11-01");
  save (f);

  g_assert_nonnull (shown_error (f));
  g_assert_cmpint (n_meetings (f), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ACTION), ==, 0);

  /* A professional with no name cannot be held to an action either. */
  set_entry (f, "By when", "2026-11-30");
  {
    AdwComboRow *owner = ADW_COMBO_ROW (row (f, ADW_TYPE_COMBO_ROW, "Who will do it"));
    guint n = g_list_model_get_n_items (adw_combo_row_get_model (owner));

    adw_combo_row_set_selected (owner, n - 1);  /* a named professional */
    tandem_test_pump ();
  }
  save (f);
  g_assert_nonnull (shown_error (f));
  g_assert_cmpint (n_meetings (f), ==, 0);

  set_entry (f, "Name and role of the professional", "Ruth Hale, audiologist");
  save (f);
  g_assert_cmpint (n_meetings (f), ==, 1);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ACTION), ==, 1);
  g_assert_null (f->editor);
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
  ADD ("/meeting-editor/suggestions-and-notice", test_suggestions_and_notice);
  ADD ("/meeting-editor/planned-in-the-past", test_planned_in_the_past_refused);
  ADD ("/meeting-editor/bad-time", test_bad_time_refused);
  ADD ("/meeting-editor/valid", test_valid_meeting_saved);
  ADD ("/meeting-editor/action-due-before-meeting", test_action_due_before_meeting_refused);
#undef ADD

  return g_test_run ();
}
