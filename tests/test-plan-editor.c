/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 *
 * The plan editor: bad input (a next review before the plan starts, a
 * professional with no name) refused with a message on the form and
 * nothing written; professionals saved, read back and removed; outcomes
 * left as they were.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tandem-child.h"
#include "tandem-plan-editor.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

typedef struct {
  TandemTestStore  db;
  TandemChild     *child;
  TandemPlan      *plan;
  GtkWindow       *parent;
  GtkWindow       *editor;
} Fixture;

static void
open_editor (Fixture *f)
{
  g_autoptr(TandemPlan) plan = tandem_store_load (f->db.store, TANDEM_TYPE_PLAN,
                                                  tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                                  NULL);

  f->editor = tandem_plan_editor_new (f->parent, f->db.store, f->child, plan);
  /* A saved editor closes itself: the pointer then goes back to NULL. */
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  gtk_window_present (f->editor);
  tandem_test_pump ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tandem_test_store_set_up (&f->db, data);

  f->child = tandem_child_new ("Amara", "Okafor", "2023-05-10");
  tandem_store_save (f->db.store, TANDEM_RECORD (f->child), &error);
  g_assert_no_error (error);
  f->plan = tandem_plans_start (f->db.store, tandem_record_get_id (TANDEM_RECORD (f->child)),
                                "2026-09-01", NULL, &error);
  g_assert_no_error (error);

  f->parent = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_present (f->parent);
  open_editor (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (f->editor);
  gtk_window_destroy (f->parent);
  tandem_test_pump ();
  g_clear_object (&f->plan);
  g_clear_object (&f->child);
  tandem_test_store_tear_down (&f->db, data);
}

static gpointer
row (Fixture    *f,
     GType       type,
     const char *title,
     gboolean    last)
{
  gpointer found = tandem_test_find_row (GTK_WIDGET (f->editor), type, title, last);

  g_assert_nonnull (found);
  return found;
}

static void
set_entry (Fixture    *f,
           const char *title,
           const char *text)
{
  /* The last row so titled: that of the professional just added. */
  gtk_editable_set_text (GTK_EDITABLE (row (f, ADW_TYPE_ENTRY_ROW, title, TRUE)), text);
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

static TandemPlan *
stored_plan (Fixture *f)
{
  return tandem_store_load (f->db.store, TANDEM_TYPE_PLAN,
                            tandem_record_get_id (TANDEM_RECORD (f->plan)), NULL);
}

static TandemPlanParts *
stored_parts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TandemPlanParts *parts = tandem_plans_load_parts (f->db.store,
                                                    tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                                    &error);

  g_assert_no_error (error);
  return parts;
}

static void
test_next_review_before_start_refused (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(TandemPlan) before = stored_plan (f);
  g_autoptr(TandemPlan) after = NULL;
  GtkWidget *next = row (f, ADW_TYPE_ENTRY_ROW, "Next review on", FALSE);

  set_entry (f, "Next review on", "2026-08-01");
  save (f);

  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (strstr (shown_error (f), "review"));
  g_assert_true (gtk_widget_has_css_class (next, "error"));
  g_assert_nonnull (f->editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->editor)));

  after = stored_plan (f);
  g_assert_null (tandem_record_get_text (TANDEM_RECORD (after), "next_review_on"));
  g_assert_cmpstr (tandem_record_get_updated_at (TANDEM_RECORD (after)), ==,
                   tandem_record_get_updated_at (TANDEM_RECORD (before)));

  /* Not a date at all: refused too, naming the field. */
  set_entry (f, "Next review on", "31/02/2027");
  save (f);
  g_assert_nonnull (strstr (shown_error (f), "Next review on"));

  /* Put right, it saves. */
  set_entry (f, "Next review on", "2026-12-01");
  save (f);
  g_assert_null (f->editor);
  g_clear_object (&after);
  after = stored_plan (f);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (after), "next_review_on"), ==,
                   "2026-12-01");
}

static void
add_professional (Fixture    *f,
                  const char *name,
                  const char *role,
                  const char *service,
                  const char *contact)
{
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.add-professional", NULL);
  tandem_test_pump ();
  set_entry (f, "Name", name);
  set_entry (f, "Role, e.g. speech and language therapist", role);
  set_entry (f, "Service", service);
  set_entry (f, "Phone or email", contact);
}

static void
test_professionals_round_trip (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TandemPlanParts) parts = stored_parts (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  TandemRecord *first, *second;

  /* An outcome already in the plan, which the editor must leave alone. */
  g_ptr_array_add (parts->outcomes,
                   tandem_plan_outcome_new (tandem_record_get_id (TANDEM_RECORD (f->plan)),
                                            TANDEM_PLAN_TERM_SHORT, "Asks for help with a sign"));
  tandem_plans_save (f->db.store, f->plan, parts, &error);
  g_assert_no_error (error);
  g_clear_pointer (&parts, tandem_plan_parts_free);
  gtk_window_destroy (f->editor);
  tandem_test_pump ();
  open_editor (f);

  add_professional (f, "Dr Amina Yusuf", "Speech and language therapist",
                    "Children’s SLT, Leeds", "0113 496 0000");
  add_professional (f, "Ruth Hale", "Educational psychologist", "City EP service",
                    "ruth.hale@example.org");

  /* A professional without a name is refused, nothing written. */
  add_professional (f, "", "Portage worker", "", "");
  save (f);
  g_assert_nonnull (shown_error (f));
  g_assert_nonnull (f->editor);
  parts = stored_parts (f);
  g_assert_cmpuint (parts->professionals->len, ==, 0);
  g_clear_pointer (&parts, tandem_plan_parts_free);

  /* Removed again, the other two save. */
  trash = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON);
  for (guint i = trash->len; i > 0; i--)
    {
      GtkWidget *button = g_ptr_array_index (trash, i - 1);

      if (g_strcmp0 (gtk_widget_get_tooltip_text (button), "Remove this professional") == 0)
        {
          g_signal_emit_by_name (button, "clicked");
          break;
        }
    }
  tandem_test_pump ();
  save (f);
  g_assert_null (f->editor);

  parts = stored_parts (f);
  g_assert_cmpuint (parts->professionals->len, ==, 2);
  first = g_ptr_array_index (parts->professionals, 0);
  second = g_ptr_array_index (parts->professionals, 1);
  g_assert_cmpstr (tandem_record_get_text (first, "name"), ==, "Dr Amina Yusuf");
  g_assert_cmpstr (tandem_record_get_text (first, "role"), ==, "Speech and language therapist");
  g_assert_cmpstr (tandem_record_get_text (first, "service"), ==, "Children’s SLT, Leeds");
  g_assert_cmpstr (tandem_record_get_text (first, "contact"), ==, "0113 496 0000");
  g_assert_cmpstr (tandem_record_get_text (second, "name"), ==, "Ruth Hale");
  g_assert_cmpstr (tandem_record_get_text (second, "contact"), ==, "ruth.hale@example.org");
  g_assert_cmpuint (parts->outcomes->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (parts->outcomes, 0), "outcome"),
                   ==, "Asks for help with a sign");
  g_clear_pointer (&parts, tandem_plan_parts_free);

  /* Read back into a new editor; one removed there is gone from the plan. */
  open_editor (f);
  g_assert_nonnull (row (f, ADW_TYPE_EXPANDER_ROW, "Dr Amina Yusuf", FALSE));
  g_assert_nonnull (row (f, ADW_TYPE_EXPANDER_ROW, "Ruth Hale", FALSE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, ADW_TYPE_ENTRY_ROW, "Service",
                                                              FALSE))),
                   ==, "Children’s SLT, Leeds");
  g_clear_pointer (&trash, g_ptr_array_unref);
  trash = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON);
  for (guint i = 0; i < trash->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (trash, i)),
                   "Remove this professional") == 0)
      {
        g_signal_emit_by_name (g_ptr_array_index (trash, i), "clicked");
        break;
      }
  tandem_test_pump ();
  save (f);
  g_assert_null (f->editor);

  parts = stored_parts (f);
  g_assert_cmpuint (parts->professionals->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (parts->professionals, 0), "name"),
                   ==, "Ruth Hale");
  g_assert_cmpuint (parts->outcomes->len, ==, 1);
}

static void
test_profile_and_ehcp_saved (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TandemPlan) after = NULL;
  g_autoptr(GPtrArray) views = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_TEXT_VIEW);
  AdwComboRow *ehcp = row (f, ADW_TYPE_COMBO_ROW, "EHC plan status", FALSE);

  /* The first long text is the strengths. */
  g_assert_cmpuint (views->len, >, 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (g_ptr_array_index (views, 0)),
                            "  Loves the sand tray  ", -1);
  adw_combo_row_set_selected (ehcp, 1);  /* requested */
  set_entry (f, "EHC plan requested on", "2026-10-05");
  save (f);
  g_assert_null (f->editor);

  after = stored_plan (f);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (after), "strengths"), ==,
                   "Loves the sand tray");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (after), "ehcp_status"), ==,
                   "requested");
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (after), "ehcp_requested_on"), ==,
                   "2026-10-05");
  g_assert_false (tandem_plan_lacks_strengths (after));
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
  ADD ("/plan-editor/next-review-before-start", test_next_review_before_start_refused);
  ADD ("/plan-editor/professionals-round-trip", test_professionals_round_trip);
  ADD ("/plan-editor/profile-and-ehcp", test_profile_and_ehcp_saved);
#undef ADD

  return g_test_run ();
}
