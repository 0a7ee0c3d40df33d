/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 *
 * The Support Plan tab: the page offering to start a plan, the plan once
 * started, the warning while no strengths are recorded, and the outcomes in
 * order, moved from the keyboard (Move Down) and by dropping a dragged row.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tandem-child.h"
#include "tandem-plan-editor.h"
#include "tandem-plan-view.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

#define TODAY "2026-11-25"

typedef struct {
  TandemTestStore db;
  TandemChild    *child;
  GtkWindow      *window;
  GtkWidget      *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  tandem_test_store_set_up (&f->db, data);

  f->child = tandem_child_new ("Kacper", "Nowak", "2023-09-01");
  tandem_store_save (f->db.store, TANDEM_RECORD (f->child), &error);
  g_assert_no_error (error);

  f->view = tandem_plan_view_new (f->db.store);
  tandem_plan_view_set_today (TANDEM_PLAN_VIEW (f->view), TODAY);
  tandem_plan_view_set_child (TANDEM_PLAN_VIEW (f->view), f->child);

  /* Toasts need an overlay around the view, as in the main window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), f->view);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
  tandem_test_pump ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = gtk_window_list_toplevels ();

  /* Editors opened by the view go too. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != f->window)
      gtk_window_destroy (l->data);
  g_list_free (windows);
  gtk_window_destroy (f->window);
  tandem_test_pump ();
  g_clear_object (&f->child);
  tandem_test_store_tear_down (&f->db, data);
}

static const char *
child_id (Fixture *f)
{
  return tandem_record_get_id (TANDEM_RECORD (f->child));
}

static const char *
visible_page (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_first_child (f->view);

  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = tandem_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* Whether a row titled @title is on screen. */
static gboolean
row_shown (Fixture    *f,
           const char *title)
{
  GtkWidget *row = tandem_test_find_row (f->view, ADW_TYPE_PREFERENCES_ROW, title, FALSE);

  return row != NULL && gtk_widget_get_mapped (row);
}

static TandemPlan *
start_plan (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TandemPlan *plan = tandem_plans_start (f->db.store, child_id (f), "2026-09-01", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  tandem_test_pump ();
  return plan;
}

static TandemPlanEditor *
find_editor (void)
{
  GList *windows = gtk_window_list_toplevels ();
  TandemPlanEditor *editor = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (TANDEM_IS_PLAN_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      editor = l->data;
  g_list_free (windows);
  return editor;
}

/* The text view under the heading @heading in an editor. */
static GtkTextView *
find_text_view (GtkWidget  *root,
                const char *heading)
{
  g_autoptr(GPtrArray) views = tandem_test_find_all (root, GTK_TYPE_TEXT_VIEW);

  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *box = gtk_widget_get_parent (gtk_widget_get_parent (g_ptr_array_index (views,
                                                                                       i)));
      GtkWidget *label = gtk_widget_get_first_child (box);

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), heading) == 0)
        return g_ptr_array_index (views, i);
    }
  return NULL;
}

static void
test_start_page_then_plan (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TandemPlan) current = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *start, *resume;

  g_assert_cmpstr (visible_page (f), ==, "start");
  start = find_button (f->view, "_Start a Plan");
  resume = find_button (f->view, "_Continue From Last Plan");
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_get_mapped (start));
  /* Nothing to continue from yet. */
  g_assert_false (gtk_widget_get_visible (resume));

  g_signal_emit_by_name (start, "clicked");
  tandem_test_pump ();

  current = tandem_plans_current (f->db.store, child_id (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (current);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (current), "status"), ==,
                   TANDEM_PLAN_DRAFT);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (current), "starts_on"), ==, TODAY);
  g_assert_cmpstr (visible_page (f), ==, "plan");
  g_assert_true (row_shown (f, "Strengths"));
  g_assert_true (row_shown (f, "No outcomes yet"));

  /* Closed, it is offered to continue from, and stays listed. */
  gtk_widget_activate_action (f->view, "plan.close", NULL);
  tandem_test_pump ();
  g_assert_cmpstr (visible_page (f), ==, "start");
  g_assert_true (gtk_widget_get_visible (resume));
  g_assert_true (row_shown (f, "Plan from 25 November 2026"));
}

static void
test_strengths_warning (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TandemPlan) plan = start_plan (f);
  g_autoptr(TandemPlan) stored = NULL;
  const char *warning = "No strengths recorded yet. A good plan starts from what the child "
                        "can do.";
  TandemPlanEditor *editor;
  GtkTextView *strengths;

  g_assert_cmpstr (visible_page (f), ==, "plan");
  g_assert_true (row_shown (f, warning));

  /* "Add Strengths" opens the editor; strengths saved there end the warning. */
  g_signal_emit_by_name (find_button (f->view, "_Add Strengths"), "clicked");
  tandem_test_pump ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  strengths = find_text_view (GTK_WIDGET (editor), "Strengths");
  g_assert_nonnull (strengths);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (strengths),
                            "Builds tall towers and counts the blocks", -1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();

  g_assert_null (find_editor ());
  stored = tandem_store_load (f->db.store, TANDEM_TYPE_PLAN,
                              tandem_record_get_id (TANDEM_RECORD (plan)), NULL);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (stored), "strengths"), ==,
                   "Builds tall towers and counts the blocks");
  g_assert_false (row_shown (f, warning));
  g_assert_true (row_shown (f, "Strengths"));
}

static char *
add_outcome (TandemPlanParts *parts,
             TandemPlan      *plan,
             const char      *term,
             const char      *text)
{
  TandemPlanOutcome *outcome =
    tandem_plan_outcome_new (tandem_record_get_id (TANDEM_RECORD (plan)), term, text);

  g_ptr_array_add (parts->outcomes, outcome);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (outcome)));
}

/* The titles of the outcome rows shown, in order, joined with "|". */
static char *
outcome_titles (Fixture *f)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (f->view, ADW_TYPE_ACTION_ROW);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (g_ptr_array_index (rows, i), "tandem-outcome-id") != NULL)
      g_string_append_printf (out, "%s|",
                              adw_preferences_row_get_title (g_ptr_array_index (rows, i)));
  return g_string_free (out, FALSE);
}

/* The outcomes as stored, in order, joined with "|". */
static char *
stored_order (Fixture    *f,
              TandemPlan *plan)
{
  g_autoptr(TandemPlanParts) parts =
    tandem_plans_load_parts (f->db.store, tandem_record_get_id (TANDEM_RECORD (plan)), NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->outcomes->len; i++)
    g_string_append_printf (out, "%s|", tandem_record_get_text (g_ptr_array_index (parts->outcomes,
                                                                                   i),
                                                                "outcome"));
  return g_string_free (out, FALSE);
}

static GtkWidget *
outcome_row (Fixture    *f,
             const char *title)
{
  GtkWidget *row = tandem_test_find_row (f->view, ADW_TYPE_ACTION_ROW, title, FALSE);

  g_assert_nonnull (row);
  return row;
}

static GtkMenuButton *
row_menu (GtkWidget *row)
{
  g_autoptr(GPtrArray) buttons = tandem_test_find_all (row, GTK_TYPE_MENU_BUTTON);

  return buttons->len > 0 ? g_ptr_array_index (buttons, 0) : NULL;
}

static char *
menu_labels (GtkMenuButton *button)
{
  GMenuModel *model = gtk_menu_button_get_menu_model (button);
  GString *out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (out, "%s|", label);
    }
  return g_string_free (out, FALSE);
}

static gboolean
drop_on (GtkWidget  *row,
         const char *dragged_id)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, dragged_id);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
    }
  g_value_unset (&value);
  tandem_test_pump ();
  return accepted;
}

static void
test_outcomes_order_and_move (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TandemPlan) plan = start_plan (f);
  g_autoptr(TandemPlanParts) parts = tandem_plan_parts_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *words = NULL;
  g_autofree char *turns = NULL;
  g_autofree char *friends = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *order = NULL;
  g_autofree char *labels = NULL;

  words = add_outcome (parts, plan, TANDEM_PLAN_TERM_SHORT, "Uses two words together");
  turns = add_outcome (parts, plan, TANDEM_PLAN_TERM_SHORT, "Takes turns at the water tray");
  friends = add_outcome (parts, plan, TANDEM_PLAN_TERM_LONG, "Plays alongside a friend");
  tandem_plans_save (f->db.store, plan, parts, &error);
  g_assert_no_error (error);
  tandem_test_pump ();

  titles = outcome_titles (f);
  g_assert_cmpstr (titles, ==,
                   "Uses two words together|Takes turns at the water tray|"
                   "Plays alongside a friend|");

  /* The keyboard way: each row's menu offers only the moves it can make. */
  labels = menu_labels (row_menu (outcome_row (f, "Uses two words together")));
  g_assert_cmpstr (labels, ==, "Move Down|");
  g_clear_pointer (&labels, g_free);
  labels = menu_labels (row_menu (outcome_row (f, "Takes turns at the water tray")));
  g_assert_cmpstr (labels, ==, "Move Up|");
  /* Alone in its term, the long-term outcome has nowhere to move. */
  g_assert_null (row_menu (outcome_row (f, "Plays alongside a friend")));

  gtk_widget_activate_action (f->view, "plan.move-down", "s", words);
  tandem_test_pump ();
  order = stored_order (f, plan);
  g_assert_cmpstr (order, ==,
                   "Takes turns at the water tray|Uses two words together|"
                   "Plays alongside a friend|");
  g_clear_pointer (&titles, g_free);
  titles = outcome_titles (f);
  g_assert_cmpstr (titles, ==, order);

  /* Dragging: not into the other term, but within one. */
  g_assert_false (drop_on (outcome_row (f, "Plays alongside a friend"), words));
  g_clear_pointer (&order, g_free);
  order = stored_order (f, plan);
  g_assert_cmpstr (order, ==,
                   "Takes turns at the water tray|Uses two words together|"
                   "Plays alongside a friend|");

  g_assert_true (drop_on (outcome_row (f, "Takes turns at the water tray"), words));
  g_clear_pointer (&order, g_free);
  order = stored_order (f, plan);
  g_assert_cmpstr (order, ==,
                   "Uses two words together|Takes turns at the water tray|"
                   "Plays alongside a friend|");
  g_clear_pointer (&titles, g_free);
  titles = outcome_titles (f);
  g_assert_cmpstr (titles, ==, order);
}

static void
test_overdue_and_show_plan (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TandemPlan) plan = start_plan (f);
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemChild) other = tandem_child_new ("Zofia", "Lewandowska", "2023-03-01");
  g_autoptr(TandemPlan) other_plan = NULL;

  tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_ACTIVE);
  tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", "2026-11-22");
  parts = tandem_plans_load_parts (f->db.store, tandem_record_get_id (TANDEM_RECORD (plan)),
                                   &error);
  g_assert_no_error (error);
  tandem_plans_save (f->db.store, plan, parts, &error);
  g_assert_no_error (error);
  tandem_test_pump ();

  g_assert_true (row_shown (f, "Review overdue by 3 days"));

  /* Another child's plan is not shown here. */
  tandem_store_save (f->db.store, TANDEM_RECORD (other), &error);
  g_assert_no_error (error);
  other_plan = tandem_plans_start (f->db.store, tandem_record_get_id (TANDEM_RECORD (other)),
                                   "2026-10-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (tandem_plan_view_show_plan (TANDEM_PLAN_VIEW (f->view),
                                              tandem_record_get_id (TANDEM_RECORD (other_plan))));
  g_assert_true (tandem_plan_view_show_plan (TANDEM_PLAN_VIEW (f->view),
                                             tandem_record_get_id (TANDEM_RECORD (plan))));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tandem_records_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/plan-view/start-page-then-plan", test_start_page_then_plan);
  ADD ("/plan-view/strengths-warning", test_strengths_warning);
  ADD ("/plan-view/outcomes-order-and-move", test_outcomes_order_and_move);
  ADD ("/plan-view/overdue-and-show-plan", test_overdue_and_show_plan);
#undef ADD

  return g_test_run ();
}
