/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-import-dialog-private.h"
#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

/* The roster import dialog, driven as a person would: open a file, wait for
 * it to be read, look at what the dialog shows, press Import. */

typedef struct {
  TandemTestStore db;
  GDate           today;
  guint           n_changed_children;
} Fixture;

static void
store_changed_cb (TandemStore *store,
                  const char  *table,
                  const char  *id,
                  Fixture     *f)
{
  if (g_strcmp0 (table, "children") == 0)
    f->n_changed_children++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);
  g_signal_connect (f->db.store, "changed", G_CALLBACK (store_changed_cb), f);
  tandem_test_roster_today (&f->today);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tandem_test_pump ();
  tandem_test_store_tear_down (&f->db, data);
}

static GFile *
sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "roster", name, NULL);

  return g_file_new_for_path (path);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the file has been read and the dialog shows a
 * result, or fails the test after a generous time. */
static const char *
wait_for_result (TandemImportDialog *dialog)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (!timed_out && g_strcmp0 (_tandem_import_dialog_get_page (dialog), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
  tandem_test_pump ();
  return _tandem_import_dialog_get_page (dialog);
}

static TandemImportDialog *
open_dialog (Fixture *f,
             GFile   *file)
{
  TandemImportDialog *dialog;

  dialog = TANDEM_IMPORT_DIALOG (tandem_import_dialog_new (NULL, f->db.store, file));
  _tandem_import_dialog_set_today (dialog, &f->today);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static AdwPreferencesGroup *
find_group (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) groups = tandem_test_find_all (root, ADW_TYPE_PREFERENCES_GROUP);

  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return g_ptr_array_index (groups, i);
  return NULL;
}

static void
imported_cb (TandemImportDialog *dialog,
             guint               n_children,
             guint              *result)
{
  *result = n_children;
}

static void
test_clean (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GFile) file = sample ("clean.csv");
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  TandemImportDialog *dialog = open_dialog (f, file);
  GtkWidget *preview;
  GtkWidget *import_button;
  AdwActionRow *row;
  guint imported = 0;

  /* Reading happens in a thread: at first the dialog waits. */
  g_assert_cmpstr (_tandem_import_dialog_get_page (dialog), ==, "loading");
  g_assert_cmpstr (wait_for_result (dialog), ==, "preview");

  g_assert_cmpstr (_tandem_import_dialog_get_summary (dialog), ==,
                   "4 children, 5 carers, 2 new rooms, 2 new keyworkers will be added.");

  preview = _tandem_import_dialog_get_preview_box (dialog);
  g_assert_nonnull (find_group (preview, "Children"));
  g_assert_nonnull (find_group (preview, "New Rooms"));
  g_assert_nonnull (find_group (preview, "New Keyworkers"));
  /* The file's "Notes" column is not one Tandem knows, and the preview says so. */
  g_assert_nonnull (find_group (preview, "Ignored Columns"));
  g_assert_nonnull (tandem_test_find_row (preview, ADW_TYPE_ACTION_ROW, "Notes", FALSE));
  g_assert_nonnull (tandem_test_find_row (preview, ADW_TYPE_ACTION_ROW, "Dryw", FALSE));
  g_assert_nonnull (tandem_test_find_row (preview, ADW_TYPE_ACTION_ROW, "Siân Hughes", FALSE));

  row = tandem_test_find_row (preview, ADW_TYPE_ACTION_ROW,
                              "Gwenllïan Pritchard-Ellis, known as Gwen", FALSE);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Born 14 March 2022 · Dryw\nCarers: Rhiannon Pritchard");
  row = tandem_test_find_row (preview, ADW_TYPE_ACTION_ROW, "Maya Okafor", FALSE);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Born 20 January 2023 · Dryw\nNo carers");

  /* Nothing is written before the person says so. */
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);
  g_assert_cmpuint (f->n_changed_children, ==, 0);

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  import_button = _tandem_import_dialog_get_import_button (dialog);
  g_assert_true (gtk_widget_is_sensitive (import_button));
  g_signal_emit_by_name (import_button, "clicked");
  tandem_test_pump ();

  g_assert_cmpuint (imported, ==, 4);
  /* The dialog closes once the roster is in. */
  g_assert_null (dialog);

  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 4);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CARER), ==, 5);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 2);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_KEYWORKER), ==, 2);
  /* The window's store announces the new children, so its list refreshes. */
  g_assert_cmpuint (f->n_changed_children, ==, 4);

  children = tandem_store_list (f->db.store, TANDEM_TYPE_CHILD, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < children->len; i++)
    if (g_strcmp0 (tandem_record_get_text (g_ptr_array_index (children, i), "given_name"),
                   "Oliwia") == 0)
      g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (children, i), "date_of_birth"),
                       ==, "2021-11-02");
}

static void
test_commit_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = sample ("clean.csv");
  g_autoptr(TandemStore) other = NULL;
  g_autoptr(GError) error = NULL;
  TandemImportDialog *dialog = open_dialog (f, file);
  guint imported = 0;

  g_assert_cmpstr (wait_for_result (dialog), ==, "preview");
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);

  /* Another program holds the database for writing (after SQLite has waited
   * for it): the import fails whole and the dialog says so. */
  other = tandem_store_open (f->db.path, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_store_begin (other, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  tandem_test_pump ();
  tandem_store_rollback (other);

  g_assert_cmpuint (imported, ==, 0);
  g_test_message ("%s", _tandem_import_dialog_get_error_message (dialog));
  g_assert_cmpstr (_tandem_import_dialog_get_page (dialog), ==, "error");
  g_assert_cmpstr (_tandem_import_dialog_get_error_title (dialog), ==,
                   "The Roster Could Not Be Imported");
  g_assert_nonnull (strstr (_tandem_import_dialog_get_error_message (dialog),
                            "Nothing has been imported."));
  g_assert_false (gtk_widget_is_sensitive (_tandem_import_dialog_get_import_button (dialog)));
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 0);

  /* Once the database is free, reading the file again lets it be imported. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.try-again", NULL));
  g_assert_cmpstr (wait_for_result (dialog), ==, "preview");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  tandem_test_pump ();
  g_assert_null (dialog);
  g_assert_cmpuint (imported, ==, 4);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 4);
}

static void
test_existing_room (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = sample ("clean.csv");
  g_autoptr(TandemRoom) room = tandem_room_new ("Robins");
  g_autoptr(GError) error = NULL;
  TandemImportDialog *dialog;
  GtkWidget *preview;
  AdwActionRow *row;

  tandem_store_save (f->db.store, TANDEM_RECORD (room), &error);
  g_assert_no_error (error);

  dialog = open_dialog (f, file);
  g_assert_cmpstr (wait_for_result (dialog), ==, "preview");

  /* A room the store has is not new, but its children still show it. */
  g_assert_cmpstr (_tandem_import_dialog_get_summary (dialog), ==,
                   "4 children, 5 carers, 1 new room, 2 new keyworkers will be added.");
  preview = _tandem_import_dialog_get_preview_box (dialog);
  row = tandem_test_find_row (preview, ADW_TYPE_ACTION_ROW, "Ayaan Rahman", FALSE);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Born 5 June 2021 · Robins\nCarers: Nasrin Rahman, Imran Rahman");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);
}

static void
assert_problem_lines (TandemImportDialog *dialog,
                      const char * const *expected)
{
  GtkListBox *list = _tandem_import_dialog_get_problem_list (dialog);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_assert_nonnull (expected[n]);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       expected[n]);
      /* Each row says what is wrong with it. */
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");
      n++;
    }
  g_assert_null (expected[n]);
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = sample ("dialog-problems.csv");
  const char * const lines[] = { "Line 3", "Line 5", "Line 6", NULL };
  TandemImportDialog *dialog = open_dialog (f, file);
  GtkListBox *list;
  GtkWidget *row;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean saw_title = FALSE;
  const char *subtitle;

  g_assert_cmpstr (wait_for_result (dialog), ==, "problems");
  assert_problem_lines (dialog, lines);

  /* Line 6 has two problems, both on its one row. */
  list = _tandem_import_dialog_get_problem_list (dialog);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 2));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "April 2022"));
  g_assert_nonnull (strstr (subtitle, "not-an-email"));
  g_assert_nonnull (strchr (subtitle, '\n'));

  labels = tandem_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)),
                   "3 Rows Need Fixing") == 0)
      saw_title = TRUE;
  g_assert_true (saw_title);

  /* Nothing can be imported from a file with problems, and nothing was. */
  g_assert_false (gtk_widget_is_sensitive (_tandem_import_dialog_get_import_button (dialog)));
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_ROOM), ==, 0);
  g_assert_cmpuint (f->n_changed_children, ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_try_again (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "roster.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char * const lines[] = { "Line 3", NULL };
  TandemImportDialog *dialog;

  tandem_test_write_file (path,
                          "Forename,Surname,DOB\n"
                          "Ann,Lee,02/02/2022\n"
                          "Tom,Brown,31/02/2022\n", -1);
  dialog = open_dialog (f, file);
  g_assert_cmpstr (wait_for_result (dialog), ==, "problems");
  assert_problem_lines (dialog, lines);

  /* The person corrects the file in a spreadsheet and tries again. */
  tandem_test_write_file (path,
                          "Forename,Surname,DOB\n"
                          "Ann,Lee,02/02/2022\n"
                          "Tom,Brown,28/02/2022\n", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.try-again", NULL));
  g_assert_cmpstr (wait_for_result (dialog), ==, "preview");
  g_assert_cmpstr (_tandem_import_dialog_get_summary (dialog), ==, "2 children will be added.");
  g_assert_null (find_group (_tandem_import_dialog_get_preview_box (dialog), "Ignored Columns"));
  g_assert_null (find_group (_tandem_import_dialog_get_preview_box (dialog), "New Rooms"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_many_children (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "big.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("First name,Surname,DOB,Room\n");
  g_autoptr(GPtrArray) rows = NULL;
  TandemImportDialog *dialog;
  AdwPreferencesGroup *group;

  for (guint i = 0; i < 130; i++)
    g_string_append_printf (csv, "Child,Number %u,%02u/03/2022,Owls\n", i + 1, i % 28 + 1);
  tandem_test_write_file (path, csv->str, -1);

  dialog = open_dialog (f, file);
  g_assert_cmpstr (wait_for_result (dialog), ==, "preview");
  g_assert_cmpstr (_tandem_import_dialog_get_summary (dialog), ==,
                   "130 children, 1 new room will be added.");

  /* Long lists grow between frames; in the end every child is listed. */
  group = find_group (_tandem_import_dialog_get_preview_box (dialog), "Children");
  g_assert_nonnull (group);
  tandem_test_pump ();
  rows = tandem_test_find_all (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, 130);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 129)), ==,
                   "Child Number 130");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_not_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = sample ("dialog-latin1.csv");
  TandemImportDialog *dialog = open_dialog (f, file);

  g_assert_cmpstr (wait_for_result (dialog), ==, "error");
  g_assert_cmpstr (_tandem_import_dialog_get_error_title (dialog), ==,
                   "This File Cannot Be Imported");
  g_assert_nonnull (strstr (_tandem_import_dialog_get_error_message (dialog), "UTF-8"));
  g_assert_false (gtk_widget_is_sensitive (_tandem_import_dialog_get_import_button (dialog)));
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->db.dir, "gone.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TandemImportDialog *dialog = open_dialog (f, file);

  g_assert_cmpstr (wait_for_result (dialog), ==, "error");
  g_assert_true (g_str_has_prefix (_tandem_import_dialog_get_error_message (dialog),
                                   "Could not read “gone.csv”"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_no_header (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = sample ("no-name-columns.csv");
  TandemImportDialog *dialog = open_dialog (f, file);

  g_assert_cmpstr (wait_for_result (dialog), ==, "error");
  g_assert_nonnull (strstr (_tandem_import_dialog_get_error_message (dialog), "given name"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_choose (Fixture       *f,
             gconstpointer  data)
{
  TandemImportDialog *dialog = open_dialog (f, NULL);

  /* Without a file the dialog first asks for one. */
  tandem_test_pump ();
  g_assert_cmpstr (_tandem_import_dialog_get_page (dialog), ==, "choose");
  g_assert_false (gtk_widget_is_sensitive (_tandem_import_dialog_get_import_button (dialog)));
  /* With no file there is nothing to read again. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.try-again", NULL);
  tandem_test_pump ();
  g_assert_cmpstr (_tandem_import_dialog_get_page (dialog), ==, "choose");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_close_while_reading (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = sample ("clean.csv");
  TandemImportDialog *dialog = open_dialog (f, file);

  /* Closing before the file has been read drops the result quietly. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  for (int i = 0; i < 50; i++)
    {
      tandem_test_pump ();
      g_usleep (2000);
    }
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);
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

  ADD ("/import-dialog/clean", test_clean);
  ADD ("/import-dialog/commit-fails", test_commit_fails);
  ADD ("/import-dialog/existing-room", test_existing_room);
  ADD ("/import-dialog/problems", test_problems);
  ADD ("/import-dialog/try-again", test_try_again);
  ADD ("/import-dialog/many-children", test_many_children);
  ADD ("/import-dialog/not-utf8", test_not_utf8);
  ADD ("/import-dialog/missing-file", test_missing_file);
  ADD ("/import-dialog/no-header", test_no_header);
  ADD ("/import-dialog/choose", test_choose);
  ADD ("/import-dialog/close-while-reading", test_close_while_reading);

#undef ADD

  return g_test_run ();
}
