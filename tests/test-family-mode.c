/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 *
 * Family mode (issue 7): the PIN that leaves it is kept hashed and a wrong
 * one is refused; the view shows only the child's shared journal items and
 * no other child's name; what the carer writes is credited to them and
 * audited; and the view is in the carer's language.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-family-mode.h"
#include "tandem-family-pin.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-pack-locale.h"
#include "tandem-records.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

#define SHARED_TEXT "Ruby built a tall tower with Sam Patel and counted the bricks."
#define HIDDEN_TEXT "Ruby was upset at lunch today."
#define OTHER_TEXT "Sam painted a rainbow."

typedef struct {
  TandemTestStore   db;
  TandemChild      *child;
  TandemChild      *other;
  TandemCarer      *carer;
  char             *shared_id;
  char             *hidden_id;
  char             *other_id;
  GSettings        *settings;
  TandemFamilyMode *family;
} Fixture;

static char *
add_observation (Fixture            *f,
                 const char         *date,
                 const char         *text,
                 gboolean            shared,
                 const char * const *child_ids)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, text);
  g_autoptr(GError) error = NULL;

  tandem_record_set_bool (TANDEM_RECORD (observation), "shared", shared);
  tandem_journal_save_observation (f->db.store, observation, child_ids, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *both[3];
  const char *one[2] = { NULL, NULL };

  tandem_test_store_set_up (&f->db, data);

  f->child = tandem_child_new ("Ruby", "Okafor", "2023-02-14");
  tandem_store_save (f->db.store, TANDEM_RECORD (f->child), &error);
  g_assert_no_error (error);
  f->other = tandem_child_new ("Sam", "Patel", "2023-04-01");
  tandem_store_save (f->db.store, TANDEM_RECORD (f->other), &error);
  g_assert_no_error (error);
  f->carer = tandem_carer_new (tandem_record_get_id (TANDEM_RECORD (f->child)), "Ada Okafor");
  tandem_store_save (f->db.store, TANDEM_RECORD (f->carer), &error);
  g_assert_no_error (error);

  both[0] = tandem_record_get_id (TANDEM_RECORD (f->child));
  both[1] = tandem_record_get_id (TANDEM_RECORD (f->other));
  both[2] = NULL;
  f->shared_id = add_observation (f, "2026-11-20", SHARED_TEXT, TRUE, both);
  one[0] = both[0];
  f->hidden_id = add_observation (f, "2026-11-21", HIDDEN_TEXT, FALSE, one);
  one[0] = both[1];
  f->other_id = add_observation (f, "2026-11-22", OTHER_TEXT, TRUE, one);

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, TANDEM_FAMILY_PIN_KEY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  tandem_test_pump ();
  g_settings_reset (f->settings, TANDEM_FAMILY_PIN_KEY);
  g_clear_object (&f->settings);
  g_clear_object (&f->child);
  g_clear_object (&f->other);
  g_clear_object (&f->carer);
  g_free (f->shared_id);
  g_free (f->hidden_id);
  g_free (f->other_id);
  tandem_test_store_tear_down (&f->db, data);
}

static void
open_family_mode (Fixture *f)
{
  f->family = tandem_family_mode_new (f->db.store, f->child, f->carer, NULL);
  gtk_window_present (GTK_WINDOW (f->family));
  tandem_test_pump ();
}

/* Every label's text in the window, joined. */
static char *
all_labels (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      g_string_append (out, gtk_label_get_text (g_ptr_array_index (labels, i)));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_pin_hash (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (tandem_family_pin_is_valid ("1234"));
  g_assert_true (tandem_family_pin_is_valid ("12345678"));
  g_assert_false (tandem_family_pin_is_valid ("123"));
  g_assert_false (tandem_family_pin_is_valid ("123456789"));
  g_assert_false (tandem_family_pin_is_valid ("12a4"));
  g_assert_false (tandem_family_pin_is_valid (NULL));

  hash = tandem_family_pin_hash ("2580", &error);
  g_assert_no_error (error);
  g_assert_nonnull (hash);
  g_assert_null (strstr (hash, "2580"));
  g_assert_true (tandem_family_pin_verify (hash, "2580"));
  g_assert_false (tandem_family_pin_verify (hash, "2581"));
  g_assert_false (tandem_family_pin_verify (hash, ""));
  g_assert_false (tandem_family_pin_verify (NULL, "2580"));
  /* A random salt: the same PIN hashes differently each time. */
  again = tandem_family_pin_hash ("2580", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, !=, again);

  g_assert_null (tandem_family_pin_hash ("12", &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_clear_error (&error);

  /* In the settings only the hash is kept. */
  g_assert_false (tandem_family_pin_is_set (f->settings));
  g_assert_false (tandem_family_pin_check (f->settings, "2580"));
  g_assert_true (tandem_family_pin_store (f->settings, "2580", &error));
  g_assert_no_error (error);
  g_assert_true (tandem_family_pin_is_set (f->settings));
  stored = g_settings_get_string (f->settings, TANDEM_FAMILY_PIN_KEY);
  g_assert_null (strstr (stored, "2580"));
  g_assert_true (tandem_family_pin_check (f->settings, "2580"));
  g_assert_false (tandem_family_pin_check (f->settings, "0000"));
}

static void
pin_done_cb (gboolean set,
             gpointer user_data)
{
  *(int *) user_data = set ? 1 : 0;
}

static void
test_pin_dialog (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  GtkWindow *dialog;
  int done = -1;

  /* Typed twice: the two must be the same, and a PIN. */
  dialog = tandem_family_pin_ask_new (NULL, f->settings, pin_done_cb, &done);
  tandem_test_pump ();
  entries = tandem_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_cmpuint (entries->len, ==, 2);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "1357");
  gtk_editable_set_text (g_ptr_array_index (entries, 1), "1358");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"));
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "13");
  gtk_editable_set_text (g_ptr_array_index (entries, 1), "13");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"));
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "1357");
  gtk_editable_set_text (g_ptr_array_index (entries, 1), "1357");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "set");
  gtk_window_destroy (dialog);
  tandem_test_pump ();
  g_assert_cmpint (done, ==, 1);
  g_assert_true (tandem_family_pin_check (f->settings, "1357"));

  /* Changing it needs the current PIN: a wrong one changes nothing. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  done = -1;
  dialog = tandem_family_pin_ask_new (NULL, f->settings, pin_done_cb, &done);
  tandem_test_pump ();
  entries = tandem_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_cmpuint (entries->len, ==, 3);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "9999");
  gtk_editable_set_text (g_ptr_array_index (entries, 1), "2468");
  gtk_editable_set_text (g_ptr_array_index (entries, 2), "2468");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "set");
  gtk_window_destroy (dialog);
  tandem_test_pump ();
  g_assert_cmpint (done, ==, 0);
  g_assert_true (tandem_family_pin_check (f->settings, "1357"));
  g_assert_false (tandem_family_pin_check (f->settings, "2468"));
}

static void
test_only_shared_items (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *text = NULL;

  open_family_mode (f);
  text = all_labels (GTK_WIDGET (f->family));

  /* The shared item about this child, its friend unnamed. */
  g_assert_nonnull (strstr (text, "Ruby built a tall tower with a friend and counted"));
  /* Not the unshared one, nor another child's own item. */
  g_assert_null (strstr (text, HIDDEN_TEXT));
  g_assert_null (strstr (text, OTHER_TEXT));
  /* No other child's name anywhere in the window. */
  g_assert_null (strstr (text, "Sam"));
  g_assert_null (strstr (text, "Patel"));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (f->family)), "Sam"));
}

static void
test_comment_credited (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autofree char *text = NULL;
  TandemRecord *comment;

  open_family_mode (f);
  g_assert_true (tandem_family_mode_add_comment (f->family, f->shared_id,
                                                 "She builds towers at home too!", &error));
  g_assert_no_error (error);

  comments = tandem_journal_get_comments (f->db.store, f->shared_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  comment = g_ptr_array_index (comments, 0);
  g_assert_cmpstr (tandem_record_get_text (comment, "text"), ==,
                   "She builds towers at home too!");
  g_assert_cmpstr (tandem_record_get_text (comment, "carer_id"), ==,
                   tandem_record_get_id (TANDEM_RECORD (f->carer)));
  g_assert_null (tandem_record_get_text (comment, "author_id"));
  g_assert_cmpstr (tandem_record_get_text (comment, "via"), ==, "family_mode");
  g_assert_cmpint (tandem_test_query_int (f->db.store,
                                          "SELECT count(*) FROM audit "
                                          "WHERE action = 'family-mode'"), ==, 1);

  /* It shows under the item, with the carer's name. */
  tandem_test_pump ();
  text = all_labels (GTK_WIDGET (f->family));
  g_assert_nonnull (strstr (text, "Ada Okafor: She builds towers at home too!"));

  /* Not under another child's item, nor an empty one. */
  g_assert_false (tandem_family_mode_add_comment (f->family, f->other_id, "Hello", &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tandem_family_mode_add_comment (f->family, f->shared_id, "  ", &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_COMMENT), ==, 1);
}

static void
test_home_and_meeting (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) homes = NULL;
  g_autoptr(TandemMeeting) meeting = NULL;
  g_autoptr(TandemMeeting) loaded = NULL;
  TandemRecord *home;
  const char *params[] = { TANDEM_SOURCE_HOME, NULL };
  g_autofree char *today = tandem_date_today ();
  g_autofree char *next_week = NULL;
  GDate date;

  g_assert_true (tandem_date_to_gdate (today, &date));
  g_date_add_days (&date, 7);
  next_week = tandem_date_from_gdate (&date);

  open_family_mode (f);
  tandem_family_mode_add_home (f->family, "Ruby fed the ducks.", NULL, NULL, &error);
  g_assert_no_error (error);
  homes = tandem_store_list (f->db.store, TANDEM_TYPE_OBSERVATION, "source = ?1", params,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (homes->len, ==, 1);
  home = g_ptr_array_index (homes, 0);
  g_assert_cmpstr (tandem_record_get_text (home, "carer_id"), ==,
                   tandem_record_get_id (TANDEM_RECORD (f->carer)));
  g_assert_true (tandem_record_get_bool (home, "shared"));

  /* No meeting planned: said so, nothing written. */
  g_assert_false (tandem_family_mode_add_for_meeting (f->family, "Sleep", &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tandem_family_mode_add_for_plan (f->family, "She is happy", &error));
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  meeting = TANDEM_MEETING (tandem_record_new (TANDEM_TYPE_MEETING));
  tandem_record_set_text (TANDEM_RECORD (meeting), "child_id",
                          tandem_record_get_id (TANDEM_RECORD (f->child)));
  tandem_record_set_text (TANDEM_RECORD (meeting), "status", TANDEM_MEETING_PLANNED);
  tandem_record_set_text (TANDEM_RECORD (meeting), "meets_on", next_week);
  tandem_record_set_text (TANDEM_RECORD (meeting), "kind", "progress_review");
  tandem_store_save (f->db.store, TANDEM_RECORD (meeting), &error);
  g_assert_no_error (error);
  g_assert_true (tandem_family_mode_add_for_meeting (f->family, "Sleep", &error));
  g_assert_no_error (error);
  loaded = tandem_store_load (f->db.store, TANDEM_TYPE_MEETING,
                              tandem_record_get_id (TANDEM_RECORD (meeting)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (loaded), "family_wants"), ==,
                   "Ada Okafor: Sleep");
  g_assert_cmpint (tandem_test_query_int (f->db.store,
                                          "SELECT count(*) FROM audit "
                                          "WHERE action = 'family-mode'"), ==, 2);
}

static void
test_leave_needs_pin (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_family_pin_store (f->settings, "4321", &error));
  g_assert_no_error (error);
  open_family_mode (f);
  g_object_add_weak_pointer (G_OBJECT (f->family), (gpointer *) &f->family);

  /* Closing the window does not leave: it asks for the PIN. */
  gtk_window_close (GTK_WINDOW (f->family));
  tandem_test_pump ();
  g_assert_nonnull (f->family);

  g_assert_false (tandem_family_mode_leave (f->family, "1111"));
  g_assert_false (tandem_family_mode_leave (f->family, ""));
  tandem_test_pump ();
  g_assert_nonnull (f->family);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->family)));

  g_assert_true (tandem_family_mode_leave (f->family, "4321"));
  tandem_test_pump ();
  g_assert_null (f->family);
}

static void
record_finished_cb (gboolean *finished)
{
  *finished = TRUE;
}

static void
test_finished_signal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean finished = FALSE;

  g_assert_true (tandem_family_pin_store (f->settings, "4321", &error));
  open_family_mode (f);
  g_signal_connect_swapped (f->family, "finished", G_CALLBACK (record_finished_cb), &finished);
  g_assert_false (tandem_family_mode_leave (f->family, "4320"));
  g_assert_false (finished);
  g_assert_true (tandem_family_mode_leave (f->family, "4321"));
  g_assert_true (finished);
}

static void
test_carer_language (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;

  if (tandem_pack_language_support ("pl") != TANDEM_PACK_LANGUAGE_OK)
    {
      g_test_skip ("no Polish locale or catalog here");
      return;
    }
  tandem_record_set_text (TANDEM_RECORD (f->carer), "preferred_language", "pl");
  open_family_mode (f);
  g_assert_cmpstr (tandem_family_mode_get_language (f->family), ==, "pl");
  text = all_labels (GTK_WIDGET (f->family));
  /* The friend is named in Polish, and the view's own words are not English. */
  g_assert_null (strstr (text, "a friend"));
  g_assert_null (strstr (text, "Sam"));
  g_assert_null (strstr (text, "Shared with You"));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (f->family)), ==, GTK_TEXT_DIR_LTR);
  gtk_window_destroy (GTK_WINDOW (f->family));

  if (tandem_pack_language_support ("ar") == TANDEM_PACK_LANGUAGE_OK)
    {
      tandem_record_set_text (TANDEM_RECORD (f->carer), "preferred_language", "ar");
      open_family_mode (f);
      g_autoptr(GPtrArray) labels = NULL;

      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (f->family)), ==,
                       GTK_TEXT_DIR_RTL);
      /* Every label inside too: GTK 4 widgets do not inherit it. */
      labels = tandem_test_find_all (adw_window_get_content (ADW_WINDOW (f->family)),
                                     GTK_TYPE_LABEL);
      g_assert_cmpuint (labels->len, >, 0);
      for (guint i = 0; i < labels->len; i++)
        {
          GtkWidget *label = g_ptr_array_index (labels, i);

          if (gtk_widget_get_direction (label) != GTK_TEXT_DIR_RTL)
            g_error ("“%s” is not right to left", gtk_label_get_text (GTK_LABEL (label)));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("TANDEM_LOCALEDIR");

  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tandem_records_init ();
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/family-mode/pin-hash", test_pin_hash);
  ADD ("/family-mode/pin-dialog", test_pin_dialog);
  ADD ("/family-mode/only-shared-items", test_only_shared_items);
  ADD ("/family-mode/comment-credited", test_comment_credited);
  ADD ("/family-mode/home-and-meeting", test_home_and_meeting);
  ADD ("/family-mode/leave-needs-pin", test_leave_needs_pin);
  ADD ("/family-mode/finished-signal", test_finished_signal);
  ADD ("/family-mode/carer-language", test_carer_language);
#undef ADD

  return g_test_run ();
}
