/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "tandem-application.h"
#include "tandem-child-editor.h"
#include "tandem-child-row.h"
#include "tandem-core-error.h"
#include "tandem-preferences-window.h"
#include "tandem-records.h"
#include "tandem-recovery-window.h"
#include "tandem-store.h"
#include "tandem-window.h"

/* Every .ui template is built here at least once, so that a misspelt type,
 * property or signal handler in a template fails the test suite rather than
 * the application at run time. */

typedef struct {
  char        *dir;
  char        *path;
  TandemStore *store;
  GSettings   *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tandem-gui-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tandem.db", NULL);
  f->store = tandem_store_open (f->path, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
pump (void)
{
  /* Idle refreshes and template bindings run on the main loop. */
  for (int i = 0; i < 5; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pump ();
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static TandemChild *
add_child (TandemStore *store,
           const char  *given,
           const char  *family,
           const char  *room_id)
{
  g_autoptr(GError) error = NULL;
  TandemChild *child = tandem_child_new (given, family, "2022-01-15");

  tandem_record_set_text (TANDEM_RECORD (child), "room_id", room_id);
  tandem_store_save (store, TANDEM_RECORD (child), &error);
  g_assert_no_error (error);
  return child;
}

static TandemRoom *
add_room (TandemStore *store,
          const char  *name)
{
  g_autoptr(GError) error = NULL;
  TandemRoom *room = tandem_room_new (name);

  tandem_store_save (store, TANDEM_RECORD (room), &error);
  g_assert_no_error (error);
  return room;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

static guint
count_visible_rows (GtkWidget *window)
{
  g_autoptr(GPtrArray) rows = find_all (window, TANDEM_TYPE_CHILD_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_child_visible (g_ptr_array_index (rows, i)))
      n++;
  return n;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label_prefix)
{
  g_autoptr(GPtrArray) buttons = find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (label != NULL && g_str_has_prefix (label, label_prefix))
        return g_ptr_array_index (buttons, i);
    }
  return NULL;
}

static void
test_fold_for_search (void)
{
  g_autofree char *a = tandem_fold_for_search ("Zoë Ó Briain");
  g_autofree char *b = tandem_fold_for_search ("ŞTEFAN");
  g_autofree char *c = tandem_fold_for_search (NULL);

  g_assert_cmpstr (a, ==, "zoe o briain");
  g_assert_cmpstr (b, ==, "stefan");
  g_assert_cmpstr (c, ==, "");
}

static void
test_child_row (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TandemChild) child = add_child (f->store, "Zoë", "Nowak", NULL);
  g_autoptr(TandemChild) other = add_child (f->store, "Adam", "Nowak", NULL);
  GtkWidget *row, *row2;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean saw_badge = FALSE;

  tandem_record_set_text (TANDEM_RECORD (child), "preferred_name", "Zozo");
  tandem_record_set_text (TANDEM_RECORD (child), "send_status", "ehc_plan");

  row = g_object_ref_sink (tandem_child_row_new (f->store, child, "Ladybirds", "Mrs Jones"));
  row2 = g_object_ref_sink (tandem_child_row_new (f->store, other, NULL, NULL));

  g_assert_true (tandem_child_row_get_child (TANDEM_CHILD_ROW (row)) == child);
  g_assert_cmpstr (tandem_child_row_get_room_name (TANDEM_CHILD_ROW (row)), ==, "Ladybirds");

  /* Filtering finds the child by any name, room or keyworker, accents aside. */
  g_assert_true (tandem_child_row_matches (TANDEM_CHILD_ROW (row), "zoe"));
  g_assert_true (tandem_child_row_matches (TANDEM_CHILD_ROW (row), "zozo lady"));
  g_assert_true (tandem_child_row_matches (TANDEM_CHILD_ROW (row), "jones"));
  g_assert_false (tandem_child_row_matches (TANDEM_CHILD_ROW (row), "adam"));
  g_assert_false (tandem_child_row_matches (TANDEM_CHILD_ROW (row), "zoe bees"));

  /* Children in a room come before those without one. */
  g_assert_cmpint (tandem_child_row_compare (TANDEM_CHILD_ROW (row), TANDEM_CHILD_ROW (row2)),
                   <, 0);

  labels = find_all (row, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_label (label), "EHC plan") == 0)
        saw_badge = gtk_widget_get_visible (GTK_WIDGET (label));
      if (g_strcmp0 (gtk_label_get_label (label), "Overdue follow-up") == 0)
        g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
    }
  g_assert_true (saw_badge);

  tandem_child_row_set_overdue (TANDEM_CHILD_ROW (row), TRUE);
  g_assert_true (tandem_child_row_get_overdue (TANDEM_CHILD_ROW (row)));
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_label (label), "Overdue follow-up") == 0)
        g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
    }

  g_object_unref (row);
  g_object_unref (row2);
}

static void
test_window_empty (Fixture       *f,
                   gconstpointer  data)
{
  TandemWindow *window = tandem_window_new (NULL, f->store);

  gtk_window_present (GTK_WINDOW (window));
  pump ();

  g_assert_true (tandem_window_is_empty (window));
  g_assert_cmpuint (tandem_window_get_n_child_rows (window), ==, 0);
  g_assert_null (tandem_window_get_selected_child (window));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Add a Child"));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Explore the Sample Setting"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_children (Fixture       *f,
                      gconstpointer  data)
{
  TandemWindow *window = tandem_window_new (NULL, f->store);
  g_autoptr(TandemRoom) room = add_room (f->store, "Ladybirds");
  const char *room_id = tandem_record_get_id (TANDEM_RECORD (room));
  g_autoptr(TandemChild) zoe = NULL;
  g_autoptr(TandemChild) adam = NULL;
  g_autoptr(TandemChild) olek = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *search;

  gtk_window_present (GTK_WINDOW (window));
  pump ();
  g_assert_true (tandem_window_is_empty (window));

  /* Children added through the store appear without the window being told. */
  zoe = add_child (f->store, "Zoë", "Nowak", room_id);
  adam = add_child (f->store, "Adam", "Khan", room_id);
  olek = add_child (f->store, "Olek", "Wiśniewski", NULL);
  pump ();

  g_assert_false (tandem_window_is_empty (window));
  g_assert_cmpuint (tandem_window_get_n_child_rows (window), ==, 3);
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 3);

  /* Selecting shows the child; the selection survives a refresh. */
  tandem_window_select_child (window, tandem_record_get_id (TANDEM_RECORD (adam)));
  g_assert_nonnull (tandem_window_get_selected_child (window));
  g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (tandem_window_get_selected_child (window))),
                   ==, tandem_record_get_id (TANDEM_RECORD (adam)));

  tandem_record_set_text (TANDEM_RECORD (adam), "preferred_name", "Ads");
  tandem_store_save (f->store, TANDEM_RECORD (adam), &error);
  g_assert_no_error (error);
  pump ();
  g_assert_nonnull (tandem_window_get_selected_child (window));
  g_assert_cmpstr (tandem_child_get_display_name (tandem_window_get_selected_child (window)),
                   ==, "Ads");

  /* The filter ignores case and accents and matches rooms too. */
  entries = find_all (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_cmpuint (entries->len, ==, 1);
  search = g_ptr_array_index (entries, 0);

  gtk_editable_set_text (search, "ZOE");
  g_signal_emit_by_name (search, "search-changed");
  pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 1);

  gtk_editable_set_text (search, "ladybirds");
  g_signal_emit_by_name (search, "search-changed");
  pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 2);

  gtk_editable_set_text (search, "wisniewski");
  g_signal_emit_by_name (search, "search-changed");
  pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 1);

  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 3);

  /* A deleted child leaves the list, and the selection with it. */
  tandem_store_delete (f->store, TANDEM_RECORD (adam), &error);
  g_assert_no_error (error);
  pump ();
  g_assert_cmpuint (tandem_window_get_n_child_rows (window), ==, 2);
  g_assert_null (tandem_window_get_selected_child (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_view_type (Fixture       *f,
                       gconstpointer  data)
{
  TandemWindow *window = tandem_window_new (NULL, f->store);
  GType family_type;
  GType editor_type;

  /* The main window builds the family view; its type is then known. */
  family_type = g_type_from_name ("TandemFamilyView");
  g_assert_true (family_type != 0);
  {
    g_autoptr(GPtrArray) views = find_all (GTK_WIDGET (window), family_type);
    g_autoptr(TandemChild) child = add_child (f->store, "Nia", "Jones", NULL);
    TandemChild *shown = NULL;

    g_assert_cmpuint (views->len, ==, 1);

    /* The family view follows the child selected in the list. */
    pump ();
    tandem_window_select_child (window, tandem_record_get_id (TANDEM_RECORD (child)));
    g_object_get (g_ptr_array_index (views, 0), "child", &shown, NULL);
    g_assert_nonnull (shown);
    g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (shown)), ==,
                     tandem_record_get_id (TANDEM_RECORD (child)));
    g_object_unref (shown);
  }

  {
    GtkWindow *editor = tandem_child_editor_new (GTK_WINDOW (window), f->store, NULL);

    editor_type = g_type_from_name ("TandemChildEditor");
    g_assert_true (g_type_is_a (editor_type, GTK_TYPE_WINDOW));
    g_assert_true (G_OBJECT_TYPE (editor) == editor_type);
    gtk_window_destroy (editor);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TandemRoom) room = add_room (f->store, "Ladybirds");
  g_autoptr(TandemRoom) bees = NULL;
  g_autoptr(TandemKeyworker) keyworker = tandem_keyworker_new ("Mrs Jones");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) expanders = NULL;
  GtkWindow *prefs;
  guint rooms = 0;

  tandem_store_save (f->store, TANDEM_RECORD (keyworker), &error);
  g_assert_no_error (error);

  prefs = tandem_preferences_window_new (NULL, f->store, f->settings);
  gtk_window_present (prefs);
  pump ();

  expanders = find_all (GTK_WIDGET (prefs), ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpuint (expanders->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (expanders, 0)), ==,
                   "Mrs Jones");

  /* A room added elsewhere shows up in the list. */
  bees = add_room (f->store, "Bees");
  pump ();
  entries = find_all (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (entries, i)),
                   "Room name") == 0)
      rooms++;
  g_assert_cmpuint (rooms, ==, 2);

  gtk_window_destroy (prefs);
}

static AdwEntryRow *
find_entry_row (GtkWidget  *root,
                const char *title,
                gboolean    last)
{
  g_autoptr(GPtrArray) entries = find_all (root, ADW_TYPE_ENTRY_ROW);
  AdwEntryRow *found = NULL;

  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (entries, i)), title) == 0)
      {
        found = g_ptr_array_index (entries, i);
        if (!last)
          break;
      }

  return found;
}

static void
test_preferences_editing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keyworkers = NULL;
  g_autoptr(TandemSetting) setting = NULL;
  GtkWindow *prefs = tandem_preferences_window_new (NULL, f->store, f->settings);
  AdwEntryRow *row;

  gtk_window_present (prefs);
  pump ();

  /* A room without a name is refused on the row and never saved. */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-room", NULL);
  pump ();
  row = find_entry_row (GTK_WIDGET (prefs), "Room name", TRUE);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 0);

  /* Given a name, it is saved and the error goes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "  Hedgehogs ");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpint (tandem_store_count (f->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 1);

  /* A new keyworker is saved once named. */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-keyworker", NULL);
  pump ();
  row = find_entry_row (GTK_WIDGET (prefs), "Name", TRUE);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Gwen Evans");
  g_signal_emit_by_name (row, "entry-activated");
  pump ();
  keyworkers = tandem_store_list (f->store, TANDEM_TYPE_KEYWORKER, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keyworkers->len, ==, 1);
  g_assert_cmpstr (tandem_keyworker_get_name (g_ptr_array_index (keyworkers, 0)), ==,
                   "Gwen Evans");

  /* The setting's name makes the single settings row. */
  row = find_entry_row (GTK_WIDGET (prefs), "Name", FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), "Little Acorns");
  g_signal_emit_by_name (row, "apply");
  setting = tandem_store_load (f->store, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (setting), "name"), ==, "Little Acorns");

  gtk_window_destroy (prefs);
}

static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "broken.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autofree char *after = NULL;
  TandemRecoveryWindow *window;
  GtkWidget *restore;

  g_assert_true (g_file_set_contents (bad, "This is not a database, just some words.", -1, NULL));
  store = tandem_store_open (bad, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);

  window = tandem_recovery_window_new (NULL, bad, error);
  gtk_window_present (GTK_WINDOW (window));
  pump ();

  /* Without a backup there is nothing to restore. */
  restore = find_button (GTK_WIDGET (window), "_Restore Newest Backup");
  g_assert_nonnull (restore);
  g_assert_false (gtk_widget_get_sensitive (restore));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Open Another File"));

  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_true (g_file_get_contents (bad, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "This is not a database, just some words.");
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/app/tandem/Tandem/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_application (void)
{
  g_autoptr(TandemApplication) app = tandem_application_new ("/usr/bin/true");

  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, APP_ID);
  g_assert_cmpstr (tandem_application_get_program (app), ==, "/usr/bin/true");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tandem_records_init ();

  g_test_add_func ("/gui/fold-for-search", test_fold_for_search);
  g_test_add_func ("/gui/help-overlay", test_help_overlay);
  g_test_add_func ("/gui/application", test_application);
  g_test_add ("/gui/child-row", Fixture, NULL, fixture_set_up, test_child_row,
              fixture_tear_down);
  g_test_add ("/gui/window/empty", Fixture, NULL, fixture_set_up, test_window_empty,
              fixture_tear_down);
  g_test_add ("/gui/window/children", Fixture, NULL, fixture_set_up, test_window_children,
              fixture_tear_down);
  g_test_add ("/gui/window/family-view", Fixture, NULL, fixture_set_up, test_family_view_type,
              fixture_tear_down);
  g_test_add ("/gui/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  g_test_add ("/gui/preferences/editing", Fixture, NULL, fixture_set_up,
              test_preferences_editing, fixture_tear_down);
  g_test_add ("/gui/recovery", Fixture, NULL, fixture_set_up, test_recovery,
              fixture_tear_down);

  return g_test_run ();
}
