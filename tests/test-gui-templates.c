/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <adwaita.h>

#include "tandem-application.h"
#include "tandem-carer-editor.h"
#include "tandem-child-editor.h"
#include "tandem-child-row.h"
#include "tandem-consent-editor.h"
#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-import-dialog.h"
#include "tandem-language-chooser.h"
#include "tandem-preferences-window.h"
#include "tandem-records.h"
#include "tandem-recovery-window.h"
#include "tandem-store.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"
#include "tandem-window.h"

/* Every .ui template is built here at least once, so that a misspelt type,
 * property or signal handler in a template fails the test suite rather than
 * the application at run time. */

typedef struct {
  TandemTestStore db;
  GSettings      *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);
  f->settings = g_settings_new (APP_ID);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tandem_test_pump ();
  g_clear_object (&f->settings);
  tandem_test_store_tear_down (&f->db, data);
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

static guint
count_visible_rows (GtkWidget *window)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (window, TANDEM_TYPE_CHILD_ROW);
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
  g_autoptr(GPtrArray) buttons = tandem_test_find_all (root, GTK_TYPE_BUTTON);

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
  g_autoptr(TandemChild) child = add_child (f->db.store, "Zoë", "Nowak", NULL);
  g_autoptr(TandemChild) other = add_child (f->db.store, "Adam", "Nowak", NULL);
  GtkWidget *row, *row2;
  g_autoptr(GPtrArray) labels = NULL;
  gboolean saw_badge = FALSE;

  tandem_record_set_text (TANDEM_RECORD (child), "preferred_name", "Zozo");
  tandem_record_set_text (TANDEM_RECORD (child), "send_status", "ehc_plan");

  row = g_object_ref_sink (tandem_child_row_new (f->db.store, child, "Ladybirds", "Mrs Jones"));
  row2 = g_object_ref_sink (tandem_child_row_new (f->db.store, other, NULL, NULL));

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

  labels = tandem_test_find_all (row, GTK_TYPE_LABEL);
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
  TandemWindow *window = tandem_window_new (NULL, f->db.store);

  gtk_window_present (GTK_WINDOW (window));
  tandem_test_pump ();

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
  TandemWindow *window = tandem_window_new (NULL, f->db.store);
  g_autoptr(TandemRoom) room = add_room (f->db.store, "Ladybirds");
  const char *room_id = tandem_record_get_id (TANDEM_RECORD (room));
  g_autoptr(TandemChild) zoe = NULL;
  g_autoptr(TandemChild) adam = NULL;
  g_autoptr(TandemChild) olek = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkEditable *search;

  gtk_window_present (GTK_WINDOW (window));
  tandem_test_pump ();
  g_assert_true (tandem_window_is_empty (window));

  /* Children added through the store appear without the window being told. */
  zoe = add_child (f->db.store, "Zoë", "Nowak", room_id);
  adam = add_child (f->db.store, "Adam", "Khan", room_id);
  olek = add_child (f->db.store, "Olek", "Wiśniewski", NULL);
  tandem_test_pump ();

  g_assert_false (tandem_window_is_empty (window));
  g_assert_cmpuint (tandem_window_get_n_child_rows (window), ==, 3);
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 3);

  /* Selecting shows the child; the selection survives a refresh. */
  tandem_window_select_child (window, tandem_record_get_id (TANDEM_RECORD (adam)));
  g_assert_nonnull (tandem_window_get_selected_child (window));
  g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (tandem_window_get_selected_child (window))),
                   ==, tandem_record_get_id (TANDEM_RECORD (adam)));

  tandem_record_set_text (TANDEM_RECORD (adam), "preferred_name", "Ads");
  tandem_store_save (f->db.store, TANDEM_RECORD (adam), &error);
  g_assert_no_error (error);
  tandem_test_pump ();
  g_assert_nonnull (tandem_window_get_selected_child (window));
  g_assert_cmpstr (tandem_child_get_display_name (tandem_window_get_selected_child (window)),
                   ==, "Ads");

  /* The filter ignores case and accents and matches rooms too. */
  /* The filter is the search entry on screen; the others (searching
   * everything, inside drop-downs) are out of sight. */
  entries = tandem_test_find_all (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  search = NULL;
  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (entries, i)))
      {
        g_assert_null (search);
        search = g_ptr_array_index (entries, i);
      }
  g_assert_nonnull (search);

  gtk_editable_set_text (search, "ZOE");
  g_signal_emit_by_name (search, "search-changed");
  tandem_test_pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 1);

  gtk_editable_set_text (search, "ladybirds");
  g_signal_emit_by_name (search, "search-changed");
  tandem_test_pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 2);

  gtk_editable_set_text (search, "wisniewski");
  g_signal_emit_by_name (search, "search-changed");
  tandem_test_pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 1);

  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  tandem_test_pump ();
  g_assert_cmpuint (count_visible_rows (GTK_WIDGET (window)), ==, 3);

  /* A deleted child leaves the list, and the selection with it. */
  tandem_store_delete (f->db.store, TANDEM_RECORD (adam), &error);
  g_assert_no_error (error);
  tandem_test_pump ();
  g_assert_cmpuint (tandem_window_get_n_child_rows (window), ==, 2);
  g_assert_null (tandem_window_get_selected_child (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_family_view_type (Fixture       *f,
                       gconstpointer  data)
{
  TandemWindow *window = tandem_window_new (NULL, f->db.store);
  GType family_type;
  GType editor_type;

  /* The main window builds the family view; its type is then known. */
  family_type = g_type_from_name ("TandemFamilyView");
  g_assert_true (family_type != 0);
  {
    g_autoptr(GPtrArray) views = tandem_test_find_all (GTK_WIDGET (window), family_type);
    g_autoptr(TandemChild) child = add_child (f->db.store, "Nia", "Jones", NULL);
    TandemChild *shown = NULL;

    g_assert_cmpuint (views->len, ==, 1);

    /* The family view follows the child selected in the list. */
    tandem_test_pump ();
    tandem_window_select_child (window, tandem_record_get_id (TANDEM_RECORD (child)));
    g_object_get (g_ptr_array_index (views, 0), "child", &shown, NULL);
    g_assert_nonnull (shown);
    g_assert_cmpstr (tandem_record_get_id (TANDEM_RECORD (shown)), ==,
                     tandem_record_get_id (TANDEM_RECORD (child)));
    g_object_unref (shown);
  }

  {
    GtkWindow *editor = tandem_child_editor_new (GTK_WINDOW (window), f->db.store, NULL);

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
  g_autoptr(TandemRoom) room = add_room (f->db.store, "Ladybirds");
  g_autoptr(TandemRoom) bees = NULL;
  g_autoptr(TandemKeyworker) keyworker = tandem_keyworker_new ("Mrs Jones");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) expanders = NULL;
  GtkWindow *prefs;
  guint rooms = 0;

  tandem_store_save (f->db.store, TANDEM_RECORD (keyworker), &error);
  g_assert_no_error (error);

  prefs = tandem_preferences_window_new (NULL, f->db.store, f->settings);
  gtk_window_present (prefs);
  tandem_test_pump ();

  expanders = tandem_test_find_all (GTK_WIDGET (prefs), ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpuint (expanders->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (expanders, 0)), ==,
                   "Mrs Jones");

  /* A room added elsewhere shows up in the list. */
  bees = add_room (f->db.store, "Bees");
  tandem_test_pump ();
  entries = tandem_test_find_all (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (entries, i)),
                   "Room name") == 0)
      rooms++;
  g_assert_cmpuint (rooms, ==, 2);

  /* The interface's language: the desktop's until one is chosen, each
   * offered by its own name, and the choice kept for the next start. */
  {
    AdwComboRow *language = tandem_test_find_row (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW,
                                                  "Language", TRUE);
    GListModel *names = adw_combo_row_get_model (language);
    guint welsh = G_MAXUINT;

    g_assert_cmpuint (adw_combo_row_get_selected (language), ==, 0);
    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Cymraeg") == 0)
        welsh = i;
    g_assert_cmpuint (welsh, !=, G_MAXUINT);
    g_autofree char *chosen = NULL;
    g_autofree char *desktop = NULL;

    adw_combo_row_set_selected (language, welsh);
    chosen = g_settings_get_string (f->settings, "ui-language");
    g_assert_cmpstr (chosen, ==, "cy");
    adw_combo_row_set_selected (language, 0);
    desktop = g_settings_get_string (f->settings, "ui-language");
    g_assert_cmpstr (desktop, ==, "");
  }

  gtk_window_destroy (prefs);
}

static void
test_preferences_editing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keyworkers = NULL;
  g_autoptr(TandemSetting) setting = NULL;
  GtkWindow *prefs = tandem_preferences_window_new (NULL, f->db.store, f->settings);
  AdwEntryRow *row;

  gtk_window_present (prefs);
  tandem_test_pump ();

  /* A room without a name is refused on the row and never saved. */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-room", NULL);
  tandem_test_pump ();
  row = tandem_test_find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Room name", TRUE);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpint (tandem_store_count (f->db.store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 0);

  /* Given a name, it is saved and the error goes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "  Hedgehogs ");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpint (tandem_store_count (f->db.store, TANDEM_TYPE_ROOM, NULL, NULL, NULL), ==, 1);

  /* A new keyworker is saved once named. */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-keyworker", NULL);
  tandem_test_pump ();
  row = tandem_test_find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Name", TRUE);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Gwen Evans");
  g_signal_emit_by_name (row, "entry-activated");
  tandem_test_pump ();
  keyworkers = tandem_store_list (f->db.store, TANDEM_TYPE_KEYWORKER, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keyworkers->len, ==, 1);
  g_assert_cmpstr (tandem_keyworker_get_name (g_ptr_array_index (keyworkers, 0)), ==,
                   "Gwen Evans");

  /* The setting's name makes the single settings row. */
  row = tandem_test_find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Name", FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), "Little Acorns");
  g_signal_emit_by_name (row, "apply");
  setting = tandem_store_load (f->db.store, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (setting), "name"), ==, "Little Acorns");

  gtk_window_destroy (prefs);
}

static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->db.dir, "broken.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autofree char *after = NULL;
  TandemRecoveryWindow *window;
  GtkWidget *restore;

  tandem_test_write_file (bad, "This is not a database, just some words.", -1);
  store = tandem_store_open (bad, &error);
  g_assert_null (store);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);

  window = tandem_recovery_window_new (NULL, bad, error);
  gtk_window_present (GTK_WINDOW (window));
  tandem_test_pump ();

  /* Without a backup there is nothing to restore. */
  restore = find_button (GTK_WIDGET (window), "_Restore Newest Backup");
  g_assert_nonnull (restore);
  g_assert_false (gtk_widget_get_sensitive (restore));
  g_assert_nonnull (find_button (GTK_WIDGET (window), "_Open Another File"));

  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_true (g_file_get_contents (bad, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "This is not a database, just some words.");
}

/* The question an editor asks before throwing typed work away. */
static AdwMessageDialog *
find_discard_dialog (GtkWindow *editor)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == editor)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Answers the question as the person would, and lets the dialog go. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  tandem_test_pump ();
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  tandem_test_pump ();
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static void
count_saved_cb (GtkWindow    *editor,
                TandemRecord *record,
                guint        *n_saved)
{
  g_assert_true (TANDEM_IS_RECORD (record));
  (*n_saved)++;
}

static void
test_child_editor_discard (Fixture       *f,
                           gconstpointer  data)
{
  GtkWindow *editor = tandem_child_editor_new (NULL, f->db.store, NULL);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (editor);
  tandem_test_pump ();
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Add Child");

  /* Escape on an untouched form closes it without a question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL));
  tandem_test_pump ();
  g_assert_null (editor);

  editor = tandem_child_editor_new (NULL, f->db.store, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (editor);
  tandem_test_pump ();
  gtk_editable_set_text (tandem_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                               "Given name", FALSE), "Nia");

  /* A date that cannot be read stops the save, and says how to type one. */
  gtk_editable_set_text (tandem_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                               "Date of birth", FALSE), "14/14/2021");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();
  g_assert_nonnull (editor);
  g_assert_true (has_label (GTK_WIDGET (editor),
                            "Date of birth: “14/14/2021” is not a date. "
                            "Type it as 2021-03-14 or 14/03/2021."));
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);

  /* With something typed it asks first, and keeping it keeps the editor. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  tandem_test_pump ();
  g_assert_nonnull (editor);
  dialog = find_discard_dialog (editor);
  g_assert_nonnull (dialog);
  answer (dialog, "keep");
  g_assert_nonnull (editor);
  g_assert_null (find_discard_dialog (editor));

  /* Discarding closes it, and nothing is saved. */
  gtk_window_close (editor);
  tandem_test_pump ();
  dialog = find_discard_dialog (editor);
  g_assert_nonnull (dialog);
  answer (dialog, "discard");
  g_assert_null (editor);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CHILD), ==, 0);
}

static void
test_carer_editor (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TandemChild) child = add_child (f->db.store, "Nia", "Jones", NULL);
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (child));
  GtkWindow *editor = tandem_carer_editor_new (NULL, f->db.store, child_id, NULL);
  AdwEntryRow *name;
  g_autoptr(GPtrArray) carers = NULL;
  guint n_saved = 0;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_signal_connect (editor, "saved", G_CALLBACK (count_saved_cb), &n_saved);
  gtk_window_present (editor);
  tandem_test_pump ();
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Add Carer");

  /* Saving without a name is refused on the name row, and the editor stays. */
  name = tandem_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, "Name", FALSE);
  g_assert_nonnull (name);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
  g_assert_cmpuint (n_saved, ==, 0);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CARER), ==, 0);

  /* Named, it is saved and the editor closes without asking anything. */
  gtk_editable_set_text (GTK_EDITABLE (name), "  Rhiannon Jones ");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();
  g_assert_null (editor);
  g_assert_cmpuint (n_saved, ==, 1);
  carers = tandem_store_list (f->db.store, TANDEM_TYPE_CARER, NULL, NULL, NULL);
  g_assert_cmpuint (carers->len, ==, 1);
  g_assert_cmpstr (tandem_carer_get_name (g_ptr_array_index (carers, 0)), ==, "Rhiannon Jones");
}

static void
test_consent_editor (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TandemChild) child = add_child (f->db.store, "Nia", "Jones", NULL);
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (child));
  g_autoptr(TandemCarer) carer = tandem_carer_new (child_id, "Rhiannon Jones");
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tandem_date_today ();
  GtkWindow *editor;
  AdwEntryRow *given_on;
  guint n_saved = 0;

  /* Without a carer there is nobody who could have consented. */
  editor = tandem_consent_editor_new (NULL, f->db.store, child_id, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (editor);
  tandem_test_pump ();
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Add Consent");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();
  g_assert_nonnull (editor);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_CONSENT), ==, 0);
  /* Nothing was typed, so it closes without a question. */
  gtk_window_close (editor);
  tandem_test_pump ();
  g_assert_null (editor);

  tandem_store_save (f->db.store, TANDEM_RECORD (carer), &error);
  g_assert_no_error (error);

  editor = tandem_consent_editor_new (NULL, f->db.store, child_id, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_signal_connect (editor, "saved", G_CALLBACK (count_saved_cb), &n_saved);
  gtk_window_present (editor);
  tandem_test_pump ();

  /* A new consent is given today unless the keyworker says otherwise. */
  given_on = tandem_test_find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                   "Date given or refused", FALSE);
  g_assert_nonnull (given_on);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given_on)), ==, today);

  /* A date that does not exist is refused on its row. */
  gtk_editable_set_text (GTK_EDITABLE (given_on), "31/02/2024");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (given_on), "error"));
  g_assert_true (has_label (GTK_WIDGET (editor),
                            "Date given or refused: “31/02/2024” is not a date. "
                            "Type it as 2024-09-02 or 02/09/2024."));
  g_assert_cmpuint (n_saved, ==, 0);

  /* Typed day first, it is kept as ISO. */
  gtk_editable_set_text (GTK_EDITABLE (given_on), "2/9/2024");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (given_on), "error"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();
  g_assert_null (editor);
  g_assert_cmpuint (n_saved, ==, 1);
  consents = tandem_store_list (f->db.store, TANDEM_TYPE_CONSENT, NULL, NULL, NULL);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (consents, 0), "given_on"), ==,
                   "2024-09-02");
  g_assert_cmpstr (tandem_record_get_text (g_ptr_array_index (consents, 0), "carer_id"), ==,
                   tandem_record_get_id (TANDEM_RECORD (carer)));
}

static void
test_language_chooser (void)
{
  const char * const selected[] = { "cy", "ur", NULL };
  GtkWindow *chooser = tandem_language_chooser_new (NULL, TRUE, selected);
  g_auto(GStrv) chosen = NULL;

  gtk_window_present (chooser);
  tandem_test_pump ();

  g_assert_true (tandem_language_chooser_get_multiple (TANDEM_LANGUAGE_CHOOSER (chooser)));
  chosen = tandem_language_chooser_dup_selected (TANDEM_LANGUAGE_CHOOSER (chooser));
  g_assert_cmpuint (g_strv_length (chosen), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) chosen, "cy"));
  g_assert_true (g_strv_contains ((const char * const *) chosen, "ur"));

  gtk_window_destroy (chooser);
}

static void
test_import_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "roster", "clean.csv",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog = tandem_import_dialog_new (NULL, f->db.store, file);

  g_assert_true (TANDEM_IS_IMPORT_DIALOG (dialog));
  gtk_window_present (dialog);
  tandem_test_pump ();
  gtk_window_destroy (dialog);
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
  g_test_add ("/gui/child-editor/discard", Fixture, NULL, fixture_set_up,
              test_child_editor_discard, fixture_tear_down);
  g_test_add ("/gui/carer-editor", Fixture, NULL, fixture_set_up, test_carer_editor,
              fixture_tear_down);
  g_test_add ("/gui/consent-editor", Fixture, NULL, fixture_set_up, test_consent_editor,
              fixture_tear_down);
  g_test_add_func ("/gui/language-chooser", test_language_chooser);
  g_test_add ("/gui/import-dialog", Fixture, NULL, fixture_set_up, test_import_dialog,
              fixture_tear_down);

  return g_test_run ();
}
