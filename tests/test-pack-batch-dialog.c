/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <glib/gstdio.h>
#include <string.h>

#include "tandem-journal.h"
#include "tandem-meetings-view.h"
#include "tandem-meetings.h"
#include "tandem-pack-batch-dialog-private.h"
#include "tandem-pack-dialog.h"
#include "tandem-pdf-preview.h"
#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-window.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

/* "Packs for a Room", driven as a person would: choose the room and the
 * output, press Write Packs, watch the progress, and look at what was
 * written. The setting: Owls with three children still there (five carers
 * between them) and one who has left; Ladybirds with one child. */

#define TODAY "2026-03-16"
#define OWLS_PACKS 5

typedef struct {
  TandemTestStore db;
  char           *owls;
  char           *ladybirds;
  char           *folder;
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
add_room (Fixture    *f,
          const char *name)
{
  g_autoptr(TandemRoom) room = tandem_room_new (name);

  save (f->db.store, room);
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (room)));
}

static void
add_child (Fixture    *f,
           const char *room_id,
           const char *given,
           const char *family,
           const char *leaving,
           guint       n_carers)
{
  static const char * const carer_names[] = { "Jo", "Sam" };
  static const char * const languages[] = { "en", "cy" };
  g_autoptr(TandemChild) child = tandem_child_new (given, family, "2022-03-14");
  g_autoptr(TandemObservation) observation = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (child));

  tandem_record_set_text (TANDEM_RECORD (child), "room_id", room_id);
  tandem_record_set_text (TANDEM_RECORD (child), "start_date", "2024-09-02");
  tandem_record_set_text (TANDEM_RECORD (child), "leaving_date", leaving);
  save (f->db.store, child);

  for (guint i = 0; i < n_carers; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", carer_names[i], family);
      g_autoptr(TandemCarer) carer = tandem_carer_new (child_id, name);

      tandem_record_set_text (TANDEM_RECORD (carer), "preferred_language", languages[i]);
      save (f->db.store, carer);
    }

  text = g_strdup_printf ("%s filled the watering can and watered every plant.", given);
  observation = tandem_observation_new ("2026-03-09", text);
  tandem_record_set_bool (TANDEM_RECORD (observation), "shared", TRUE);
  tandem_journal_save_observation (f->db.store, observation,
                                   (const char * const []) { child_id, NULL }, NULL, NULL,
                                   &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);
  tandem_store_set_actor (f->db.store, "Nia");
  f->owls = add_room (f, "Owls");
  f->ladybirds = add_room (f, "Ladybirds");
  add_child (f, f->owls, "Amira", "Haddad", NULL, 2);
  add_child (f, f->owls, "Ben", "Carter", NULL, 1);
  add_child (f, f->owls, "Cai", "Jones", "2026-07-17", 2);
  add_child (f, f->owls, "Dara", "Walsh", "2025-12-19", 1);
  add_child (f, f->ladybirds, "Eli", "Novak", NULL, 1);
  /* As a folder chooser would give it: one that exists. */
  f->folder = g_build_filename (f->db.dir, "packs", NULL);
  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tandem_test_pump ();
  g_free (f->owls);
  g_free (f->ladybirds);
  g_free (f->folder);
  tandem_test_store_tear_down (&f->db, data);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop while the packs are written, or fails the test after
 * a generous time. */
static const char *
wait_for_batch (TandemPackBatchDialog *dialog)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (60, timed_out_cb, &timed_out);

  while (!timed_out && g_strcmp0 (_tandem_pack_batch_dialog_get_page (dialog), "running") == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
  tandem_test_pump ();
  if (_tandem_pack_batch_dialog_get_message (dialog) != NULL)
    g_test_message ("%s", _tandem_pack_batch_dialog_get_message (dialog));
  return _tandem_pack_batch_dialog_get_page (dialog);
}

static TandemPackBatchDialog *
open_dialog (Fixture    *f,
             const char *room_id)
{
  TandemPackBatchDialog *dialog;

  dialog = TANDEM_PACK_BATCH_DIALOG (tandem_pack_batch_dialog_new (NULL, f->db.store, room_id));
  _tandem_pack_batch_dialog_set_today (dialog, TODAY);
  _tandem_pack_batch_dialog_set_folder (dialog, f->folder);
  gtk_window_present (GTK_WINDOW (dialog));
  tandem_test_pump ();
  return dialog;
}

/* The PDFs in @dir, sorted. */
static GPtrArray *
list_pdfs (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (names, g_strdup (name));
  return names;
}

static gboolean
any_name_has (GPtrArray  *names,
              const char *part)
{
  for (guint i = 0; i < names->len; i++)
    if (strstr (g_ptr_array_index (names, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static gint64
count_pack_audits (Fixture *f)
{
  return tandem_test_query_int (f->db.store, "SELECT count(*) FROM audit WHERE action = 'pack'");
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

static AdwComboRow *
room_row (TandemPackBatchDialog *dialog)
{
  return tandem_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Room", FALSE);
}

/* The name of the room chosen (rooms are listed by name). */
static const char *
selected_room (TandemPackBatchDialog *dialog)
{
  AdwComboRow *row = room_row (dialog);
  g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (row),
                                                           adw_combo_row_get_selected (row));

  g_assert_nonnull (item);
  /* The model keeps the string. */
  return gtk_string_object_get_string (item);
}

static GtkWidget *
start_button (TandemPackBatchDialog *dialog)
{
  g_autoptr(GPtrArray) buttons = tandem_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Write Packs") == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

static GtkProgressBar *
progress_bar (TandemPackBatchDialog *dialog)
{
  g_autoptr(GPtrArray) bars = tandem_test_find_all (GTK_WIDGET (dialog),
                                                    GTK_TYPE_PROGRESS_BAR);

  g_assert_cmpuint (bars->len, ==, 1);
  return g_ptr_array_index (bars, 0);
}

static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  TandemPackBatchDialog *dialog = open_dialog (f, f->owls);
  g_autoptr(GPtrArray) pdfs = NULL;
  guint done, total;

  /* The room asked for is chosen, with what a batch of it will write. */
  g_assert_cmpstr (selected_room (dialog), ==, "Owls");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (room_row (dialog))), ==,
                   "3 children · 5 packs");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_page (dialog), ==, "running");
  g_assert_cmpstr (wait_for_batch (dialog), ==, "done");

  /* One PDF per carer of every child still at the setting, in the room. */
  g_assert_cmpuint (_tandem_pack_batch_dialog_get_written (dialog), ==, OWLS_PACKS);
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_output (dialog), ==, f->folder);
  pdfs = list_pdfs (f->folder);
  g_assert_cmpuint (pdfs->len, ==, OWLS_PACKS);
  g_assert_true (any_name_has (pdfs, "Amira"));
  g_assert_true (any_name_has (pdfs, "Ben"));
  g_assert_true (any_name_has (pdfs, "Cai"));
  g_assert_false (any_name_has (pdfs, "Dara"));
  g_assert_false (any_name_has (pdfs, "Eli"));
  g_assert_cmpint (count_pack_audits (f), ==, OWLS_PACKS);

  /* The progress bar got to the end of the batch, as the builder counted it. */
  _tandem_pack_batch_dialog_get_progress (dialog, &done, &total);
  g_assert_cmpuint (total, ==, OWLS_PACKS);
  g_assert_cmpuint (done, ==, total);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress_bar (dialog)), ==, 1.0);
  g_assert_true (has_label (GTK_WIDGET (dialog), "5 of 5"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_preselect (Fixture       *f,
                gconstpointer  data)
{
  TandemPackBatchDialog *dialog = open_dialog (f, f->ladybirds);

  g_assert_cmpstr (selected_room (dialog), ==, "Ladybirds");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (room_row (dialog))), ==,
                   "1 child · 1 pack");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No room given: the first, by name; choosing another counts its packs. */
  dialog = open_dialog (f, NULL);
  g_assert_cmpstr (selected_room (dialog), ==, "Ladybirds");
  adw_combo_row_set_selected (room_row (dialog), 1);
  g_assert_cmpstr (selected_room (dialog), ==, "Owls");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (room_row (dialog))), ==,
                   "3 children · 5 packs");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  TandemPackBatchDialog *dialog = open_dialog (f, f->owls);
  g_autoptr(GPtrArray) pdfs = NULL;
  guint done, total;

  /* Stopped after the second of five packs: none is left behind. */
  _tandem_pack_batch_dialog_cancel_after (dialog, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  g_assert_cmpstr (wait_for_batch (dialog), ==, "options");
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_message (dialog), ==,
                   "Cancelled: no packs were written.");
  _tandem_pack_batch_dialog_get_progress (dialog, &done, &total);
  g_assert_cmpuint (done, >=, 2);
  g_assert_cmpuint (done, <, OWLS_PACKS);
  pdfs = list_pdfs (f->folder);
  g_assert_cmpuint (pdfs->len, ==, 0);

  /* And it can be run again. */
  _tandem_pack_batch_dialog_cancel_after (dialog, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  g_assert_cmpstr (wait_for_batch (dialog), ==, "done");
  g_clear_pointer (&pdfs, g_ptr_array_unref);
  pdfs = list_pdfs (f->folder);
  g_assert_cmpuint (pdfs->len, ==, OWLS_PACKS);
  g_assert_null (_tandem_pack_batch_dialog_get_message (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel_button (Fixture       *f,
                    gconstpointer  data)
{
  TandemPackBatchDialog *dialog = open_dialog (f, f->owls);
  g_autoptr(GPtrArray) pdfs = NULL;

  /* Pressed at once, before the thread has had a chance to finish. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.cancel", NULL));
  g_assert_cmpstr (wait_for_batch (dialog), ==, "options");
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_message (dialog), ==,
                   "Cancelled: no packs were written.");
  pdfs = list_pdfs (f->folder);
  g_assert_cmpuint (pdfs->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_combined (Fixture       *f,
               gconstpointer  data)
{
  TandemPackBatchDialog *dialog = open_dialog (f, f->owls);
  g_autoptr(GPtrArray) checks = tandem_test_find_all (GTK_WIDGET (dialog),
                                                      GTK_TYPE_CHECK_BUTTON);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) preview = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) pdfs = NULL;
  GtkCheckButton *combined = NULL;

  for (guint i = 0; i < checks->len; i++)
    {
      const char *title = adw_preferences_row_get_title (
        ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (g_ptr_array_index (checks, i),
                                                      ADW_TYPE_ACTION_ROW)));

      if (g_strcmp0 (title, "One PDF to _print") == 0)
        combined = g_ptr_array_index (checks, i);
    }
  g_assert_nonnull (combined);
  gtk_check_button_set_active (combined, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  g_assert_cmpstr (wait_for_batch (dialog), ==, "done");
  g_assert_cmpuint (_tandem_pack_batch_dialog_get_written (dialog), ==, OWLS_PACKS);

  /* One document of every pack, not in the folder but ready to print. */
  output = g_strdup (_tandem_pack_batch_dialog_get_output (dialog));
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  pdfs = list_pdfs (f->folder);
  g_assert_cmpuint (pdfs->len, ==, 0);
  {
    g_autoptr(GFile) file = g_file_new_for_path (output);

    bytes = g_file_load_bytes (file, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  preview = g_object_ref_sink (tandem_pdf_preview_new ());
  g_assert_true (tandem_pdf_preview_set_bytes (TANDEM_PDF_PREVIEW (preview), bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_pdf_preview_get_n_pages (TANDEM_PDF_PREVIEW (preview)), >=,
                    OWLS_PACKS);
  g_assert_cmpint (count_pack_audits (f), ==, OWLS_PACKS);

  /* The temporary file goes with the dialog. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  tandem_test_pump ();
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  TandemPackBatchDialog *dialog = open_dialog (f, f->owls);
  AdwComboRow *period = tandem_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                              "Period", FALSE);
  AdwEntryRow *from = tandem_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "From",
                                            FALSE);
  AdwEntryRow *to = tandem_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "To", FALSE);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) pdfs = NULL;

  g_assert_true (gtk_widget_is_sensitive (start_button (dialog)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (from)));
  adw_combo_row_set_selected (period, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (from)));
  /* Three months back by default, to today. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "2025-12-16");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, TODAY);

  gtk_editable_set_text (GTK_EDITABLE (from), "2026-03-20");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_page (dialog), ==, "options");
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_message (dialog), ==,
                   "The period ends before it starts: check the dates.");

  gtk_editable_set_text (GTK_EDITABLE (from), "31/02/2026");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_page (dialog), ==, "options");
  g_assert_nonnull (strstr (_tandem_pack_batch_dialog_get_message (dialog), "31/02/2026"));

  /* Without a section there is nothing to write. */
  checks = tandem_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (checks, i),
                                                ADW_TYPE_ACTION_ROW);

      if (row != NULL && gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW) != NULL)
        gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
    }
  gtk_editable_set_text (GTK_EDITABLE (from), "2026-01-01");
  g_assert_false (gtk_widget_is_sensitive (start_button (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL);
  g_assert_cmpstr (_tandem_pack_batch_dialog_get_page (dialog), ==, "options");

  pdfs = list_pdfs (f->folder);
  g_assert_cmpuint (pdfs->len, ==, 0);
  g_assert_cmpint (count_pack_audits (f), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_close_while_running (Fixture       *f,
                          gconstpointer  data)
{
  TandemPackBatchDialog *dialog = open_dialog (f, f->owls);
  gboolean timed_out = FALSE;
  guint timeout;
  g_autoptr(GPtrArray) pdfs = NULL;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  gtk_window_close (GTK_WINDOW (dialog));

  /* The window goes once the thread has stopped, leaving nothing behind. */
  timeout = g_timeout_add_seconds (60, timed_out_cb, &timed_out);
  while (!timed_out && dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  pdfs = list_pdfs (f->folder);
  g_assert_cmpuint (pdfs->len, ==, 0);
}

/* The one window of @type that is open, or NULL. */
static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (g_type_is_a (G_OBJECT_TYPE (l->data), type))
      {
        g_assert_null (found);
        found = l->data;
      }
  return found;
}

static char *
child_id (Fixture    *f,
          const char *given)
{
  const char * const params[] = { given, NULL };
  g_autoptr(GPtrArray) children = tandem_store_list (f->db.store, TANDEM_TYPE_CHILD,
                                                     "given_name = ?", params, NULL);

  g_assert_cmpuint (children->len, ==, 1);
  return g_strdup (tandem_record_get_id (g_ptr_array_index (children, 0)));
}

static void
test_window_action (Fixture       *f,
                    gconstpointer  data)
{
  TandemWindow *window = tandem_window_new (NULL, f->db.store);
  g_autofree char *cai = child_id (f, "Cai");
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (window));
  tandem_test_pump ();

  /* Main menu → Packs for a Room…, while Cai of Owls is shown. */
  tandem_window_select_child (window, cai);
  tandem_test_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.room-packs", NULL));
  tandem_test_pump ();
  dialog = find_window (TANDEM_TYPE_PACK_BATCH_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_cmpstr (selected_room (TANDEM_PACK_BATCH_DIALOG (dialog)), ==, "Owls");

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
add_meeting (Fixture    *f,
             const char *child,
             int         days,
             const char *status)
{
  g_autofree char *date = days_from_today (days);
  g_autoptr(TandemMeeting) meeting = tandem_meeting_new (child, "progress_review", date);
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  const char * const params[] = { child, NULL };
  g_autoptr(GPtrArray) carers = tandem_store_list (f->db.store, TANDEM_TYPE_CARER,
                                                   "child_id = ?", params, NULL);
  g_autoptr(GError) error = NULL;

  tandem_record_set_text (TANDEM_RECORD (meeting), "status", status);
  tandem_record_set_text (TANDEM_RECORD (meeting), "starts_at", "15:30");
  for (guint i = 0; i < carers->len; i++)
    g_ptr_array_add (parts->carer_ids,
                     g_strdup (tandem_record_get_id (g_ptr_array_index (carers, i))));
  tandem_meetings_save (f->db.store, meeting, parts, &error);
  g_assert_no_error (error);
}

static GPtrArray *
invitation_buttons (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = tandem_test_find_all (root, GTK_TYPE_BUTTON);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                   "Invitation Letter…") == 0)
      g_ptr_array_add (found, g_ptr_array_index (buttons, i));
  return found;
}

static void
test_invitation_button (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *amira_id = child_id (f, "Amira");
  g_autoptr(TandemChild) amira = tandem_store_load (f->db.store, TANDEM_TYPE_CHILD, amira_id,
                                                    NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = tandem_meetings_view_new (f->db.store);
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWindow *dialog;

  /* A letter for the meeting still to come; none for one held already. */
  add_meeting (f, amira_id, 14, TANDEM_MEETING_PLANNED);
  add_meeting (f, amira_id, -30, TANDEM_MEETING_HELD);
  tandem_meetings_view_set_child (TANDEM_MEETINGS_VIEW (view), amira);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  tandem_test_pump ();

  buttons = invitation_buttons (view);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_null (find_window (TANDEM_TYPE_PACK_DIALOG));
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
  tandem_test_pump ();
  dialog = find_window (TANDEM_TYPE_PACK_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == window);

  gtk_window_destroy (dialog);
  tandem_test_pump ();
  gtk_window_destroy (window);
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

  ADD ("/pack-batch-dialog/folder", test_folder);
  ADD ("/pack-batch-dialog/preselect", test_preselect);
  ADD ("/pack-batch-dialog/cancel", test_cancel);
  ADD ("/pack-batch-dialog/cancel-button", test_cancel_button);
  ADD ("/pack-batch-dialog/combined", test_combined);
  ADD ("/pack-batch-dialog/bad-period", test_bad_period);
  ADD ("/pack-batch-dialog/close-while-running", test_close_while_running);
  ADD ("/pack-batch-dialog/window-action", test_window_action);
  ADD ("/pack-batch-dialog/invitation-button", test_invitation_button);

#undef ADD

  return g_test_run ();
}
