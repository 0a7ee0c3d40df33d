/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <string.h>

#include "tandem-conflicts-window-private.h"
#include "tandem-preferences-window.h"
#include "tandem-journal.h"
#include "tandem-records.h"
#include "tandem-store.h"
#include "tandem-sync-controller.h"
#include "tandem-sync-setup-dialog-private.h"
#include "tandem-sync-preferences-page.h"
#include "tandem-sync-secrets.h"
#include "tandem-sync-status-button.h"
#include "tandem-sync-store.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"
#include "tandem-window.h"
#include "webdav-servers.h"

/* Sync in the application, against a real Apache started on 127.0.0.1: two
 * laptops set sync up through the dialog (one creates the space, the other
 * joins it, first with a wrong passphrase), their controllers sync, the
 * header's status says so, and a conflict is resolved in the conflicts
 * window. No keyring here: the secrets stay in memory. */

#define PASSPHRASE "otters in the sandpit"

typedef struct {
  TandemStore          *store;
  char                 *path;
  TandemSyncController *controller;
  guint                 finished;
  guint                 changed_children;
} Laptop;

typedef struct {
  TandemTestDavServer *server;
  char                *dir;
  Laptop               laptops[2];
} Fixture;

static void
finished_cb (TandemSyncController *controller,
             Laptop               *l)
{
  l->finished++;
}

static void
changed_cb (TandemStore *store,
            const char  *table,
            const char  *id,
            Laptop      *l)
{
  if (g_strcmp0 (table, "children") == 0)
    l->changed_children++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *skip = NULL;

  f->server = tandem_test_dav_server_start (TANDEM_TEST_DAV_APACHE, &skip);
  if (f->server == NULL)
    {
      g_test_skip (skip);
      return;
    }

  f->dir = tandem_test_make_dir ();
  for (guint i = 0; i < G_N_ELEMENTS (f->laptops); i++)
    {
      Laptop *l = &f->laptops[i];
      g_autofree char *name = g_strdup_printf ("laptop-%u.db", i + 1);

      l->path = g_build_filename (f->dir, name, NULL);
      l->store = tandem_test_open_store (l->path);
      l->controller = tandem_sync_controller_new (l->store);
      tandem_sync_controller_set_kdf_limits (l->controller, TANDEM_SYNC_KDF_MIN);
      g_signal_connect (l->controller, "finished", G_CALLBACK (finished_cb), l);
      g_signal_connect (l->store, "changed", G_CALLBACK (changed_cb), l);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tandem_test_pump ();
  for (guint i = 0; i < G_N_ELEMENTS (f->laptops); i++)
    {
      Laptop *l = &f->laptops[i];

      if (l->controller != NULL)
        g_object_run_dispose (G_OBJECT (l->controller));
      g_clear_object (&l->controller);
      g_clear_object (&l->store);
      g_clear_pointer (&l->path, g_free);
    }
  g_clear_pointer (&f->server, tandem_test_dav_server_stop);
  if (f->dir != NULL)
    tandem_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sets *@window to %NULL when it is destroyed (GTK may hold it a little
 * longer than that). */
static void
forget_on_destroy (GtkWindow **window)
{
  g_signal_connect_swapped (*window, "destroy", G_CALLBACK (g_nullify_pointer), window);
}

/* Lets a window lay itself out and draw. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

/* With TANDEM_SCREENSHOT_DIR set, takes screenshots of the screen with
 * @window at its own width and at 360 pixels, for people to look at. */
static void
shot (GtkWindow  *window,
      const char *name)
{
  const char *dir = g_getenv ("TANDEM_SCREENSHOT_DIR");
  int width, height;

  if (dir == NULL)
    return;

  gtk_window_get_default_size (window, &width, &height);
  for (int narrow = 0; narrow < 2; narrow++)
    {
      g_autofree char *file = g_strdup_printf ("%s/%s-%s.png", dir, name,
                                               narrow ? "narrow" : "wide");
      g_autofree char *command = g_strdup_printf ("import -window root %s", file);

      gtk_window_set_default_size (window, narrow ? 360 : width, height);
      settle ();
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }

  gtk_window_set_default_size (window, width, height);
  settle ();
}

/* Syncs @l now and runs the main loop until that sync has finished. */
static void
sync_and_wait (Laptop *l)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, timed_out_cb, &timed_out);
  guint before = l->finished;

  tandem_sync_controller_sync_now (l->controller);
  while (!timed_out &&
         (l->finished == before ||
          tandem_sync_controller_get_state (l->controller) == TANDEM_SYNC_STATE_SYNCING))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
}

/* Runs the main loop until the dialog has left its progress page. */
static const char *
wait_for_dialog (GtkWindow **dialog)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, timed_out_cb, &timed_out);

  const char *page = NULL;

  while (!timed_out && *dialog != NULL &&
         g_strcmp0 (_tandem_sync_setup_dialog_get_page (TANDEM_SYNC_SETUP_DIALOG (*dialog)),
                    "progress") == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
  tandem_test_pump ();
  /* A dialog being disposed has no page any more. */
  if (*dialog != NULL)
    page = _tandem_sync_setup_dialog_get_page (TANDEM_SYNC_SETUP_DIALOG (*dialog));
  return page ? page : "closed";
}

static void
fill (GtkWindow  *dialog,
      const char *title,
      const char *text)
{
  AdwEntryRow *row = tandem_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, title,
                                           FALSE);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static GtkWindow *
open_setup (Fixture    *f,
            Laptop     *l,
            const char *passphrase)
{
  GtkWindow *dialog = tandem_sync_setup_dialog_new (NULL, l->controller, FALSE);

  gtk_window_present (dialog);
  fill (dialog, "Server Address", tandem_test_dav_server_get_url (f->server));
  fill (dialog, "User Name", TANDEM_TEST_DAV_USER);
  fill (dialog, "Password", TANDEM_TEST_DAV_PASSWORD);
  fill (dialog, "Passphrase", passphrase);
  return dialog;
}

static void
add_child_and_observation (Laptop     *l,
                           const char *text,
                           char      **observation_id)
{
  g_autoptr(TandemChild) child = tandem_child_new ("Amelia", "Hart", "2022-03-14");
  g_autoptr(TandemObservation) observation = tandem_observation_new ("2026-05-03", text);
  g_autoptr(GError) error = NULL;

  tandem_store_save (l->store, TANDEM_RECORD (child), &error);
  g_assert_no_error (error);
  tandem_journal_save_observation (l->store, observation,
                                   (const char * const []) {
                                     tandem_record_get_id (TANDEM_RECORD (child)), NULL },
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  *observation_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (observation)));
}

static void
edit_observation (Laptop     *l,
                  const char *id,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemRecord) record = tandem_store_load (l->store, TANDEM_TYPE_OBSERVATION, id,
                                                      &error);

  g_assert_no_error (error);
  tandem_record_set_text (record, "text", text);
  tandem_store_save (l->store, record, &error);
  g_assert_no_error (error);
}

static char *
observation_text (Laptop     *l,
                  const char *id)
{
  g_autoptr(TandemRecord) record = tandem_store_load (l->store, TANDEM_TYPE_OBSERVATION, id,
                                                      NULL);

  g_assert_nonnull (record);
  return g_strdup (tandem_record_get_text (record, "text"));
}

/* The main window with sync on: its own controller syncs at start, its
 * header says so, and Preferences has the Sync page. */
static void
check_window (Laptop *l)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TandemSyncController *controller;
  TandemWindow *window;
  GtkWindow *prefs;
  GPtrArray *buttons;
  AdwActionRow *row;
  guint n_shown = 0;

  g_object_run_dispose (G_OBJECT (l->controller));
  g_clear_object (&l->controller);

  window = tandem_window_new (NULL, l->store);
  controller = tandem_window_get_sync_controller (window);
  gtk_window_present (GTK_WINDOW (window));
  /* The window syncs a moment after it opens. */
  tandem_sync_controller_sync_now (controller);
  while (tandem_sync_controller_get_state (controller) == TANDEM_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (tandem_sync_controller_get_state (controller), ==,
                   TANDEM_SYNC_STATE_UP_TO_DATE);
  tandem_test_pump ();
  shot (GTK_WINDOW (window), "main-window");

  buttons = tandem_test_find_all (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (TANDEM_IS_SYNC_STATUS_BUTTON (gtk_widget_get_parent (button)) &&
          gtk_widget_is_drawable (button))
        {
          n_shown++;
          g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Up to date");
          gtk_menu_button_popup (GTK_MENU_BUTTON (button));
          shot (GTK_WINDOW (window), "status-popover");
          gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
        }
    }
  g_ptr_array_unref (buttons);
  g_assert_cmpuint (n_shown, ==, 1);

  prefs = tandem_preferences_window_new (GTK_WINDOW (window), l->store, settings);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "sync");
  gtk_window_present (prefs);
  tandem_test_pump ();
  row = tandem_test_find_row (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Server", FALSE);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (row)));
  shot (prefs, "preferences-sync");
  gtk_window_destroy (prefs);
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
test_set_up_and_sync (Fixture       *f,
                      gconstpointer  data)
{
  Laptop *a = &f->laptops[0], *b = &f->laptops[1];
  g_autofree char *observation_id = NULL;
  g_autofree char *enabled = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *other = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GtkWidget *status;
  GtkWindow *dialog;
  GtkWindow *window;
  guint requests;

  if (f->server == NULL)
    return;

  add_child_and_observation (a, "Stacked five bricks", &observation_id);
  g_assert_false (tandem_sync_controller_is_enabled (a->controller));

  /* A plain http address elsewhere than this computer is refused. */
  dialog = open_setup (f, a, PASSPHRASE);
  forget_on_destroy (&dialog);
  shot (dialog, "setup-connect");
  fill (dialog, "Server Address", "http://example.org/dav/");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "connect");
  g_assert_nonnull (strstr (_tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog)),
                            "https://"));

  /* The first laptop finds no space and creates one, passphrase typed twice. */
  fill (dialog, "Server Address", tandem_test_dav_server_get_url (f->server));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "create");
  shot (dialog, "setup-create");
  fill (dialog, "Passphrase Again", "otters in the sandbox");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "create");
  g_assert_nonnull (_tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog)));
  fill (dialog, "Passphrase Again", PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "closed");

  g_assert_true (tandem_sync_controller_is_enabled (a->controller));
  enabled = tandem_sync_store_get_meta (a->store, "sync_enabled");
  g_assert_cmpstr (enabled, ==, "1");
  sync_and_wait (a);
  g_assert_cmpint (tandem_sync_controller_get_state (a->controller), ==,
                   TANDEM_SYNC_STATE_UP_TO_DATE);

  /* The second laptop: a wrong passphrase is said plainly and changes
   * nothing. */
  dialog = open_setup (f, b, "otters in the paddling pool");
  forget_on_destroy (&dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "connect");
  g_assert_nonnull (strstr (_tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog)),
                            "passphrase"));
  shot (dialog, "setup-wrong-passphrase");
  g_assert_false (tandem_sync_controller_is_enabled (b->controller));
  g_clear_pointer (&enabled, g_free);
  enabled = tandem_sync_store_get_meta (b->store, "sync_enabled");
  g_assert_null (enabled);

  /* With the right one it joins and receives the first laptop's records;
   * the window is told, so that it shows them. */
  fill (dialog, "Passphrase", PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "closed");
  g_assert_true (tandem_sync_controller_is_enabled (b->controller));
  sync_and_wait (b);
  g_assert_cmpint (tandem_sync_controller_get_state (b->controller), ==,
                   TANDEM_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (tandem_test_count (b->store, TANDEM_TYPE_CHILD), ==, 1);
  g_assert_cmpint (tandem_test_count (b->store, TANDEM_TYPE_OBSERVATION), ==, 1);
  g_assert_cmpuint (b->changed_children, >, 0);

  /* The header's button shows the state in words. */
  status = g_object_ref_sink (g_object_new (TANDEM_TYPE_SYNC_STATUS_BUTTON, NULL));
  g_assert_false (gtk_widget_get_visible (status));
  tandem_sync_status_button_set_controller (TANDEM_SYNC_STATUS_BUTTON (status), b->controller);
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (gtk_widget_get_first_child (status)), ==,
                   "Up to date");

  /* Nobody presses Sync Now: a syncs a moment after an edit (10 s, here
   * 200 ms) and b on its timer (5 minutes, here 500 ms), so b gets it. */
  {
    g_autoptr(TandemChild) zofia = tandem_child_new ("Zofia", "Nowak", "2022-09-01");
    g_autoptr(TandemRecord) arrived = NULL;
    g_autoptr(GError) error = NULL;
    gboolean timed_out = FALSE;
    guint timeout;
    guint a_before = a->finished;

    tandem_sync_controller_set_delays (a->controller, 200, 600000);
    tandem_sync_controller_set_delays (b->controller, 600000, 500);
    tandem_store_save (a->store, TANDEM_RECORD (zofia), &error);
    g_assert_no_error (error);
    timeout = g_timeout_add_seconds (30, timed_out_cb, &timed_out);
    while (!timed_out && tandem_test_count (b->store, TANDEM_TYPE_CHILD) < 2)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timeout);
    g_assert_cmpuint (a->finished, >, a_before);
    arrived = tandem_store_load (b->store, TANDEM_TYPE_CHILD,
                                 tandem_record_get_id (TANDEM_RECORD (zofia)), NULL);
    g_assert_nonnull (arrived);
    tandem_sync_controller_set_delays (a->controller, 600000, 600000);
    tandem_sync_controller_set_delays (b->controller, 600000, 600000);
    while (tandem_sync_controller_get_state (a->controller) == TANDEM_SYNC_STATE_SYNCING ||
           tandem_sync_controller_get_state (b->controller) == TANDEM_SYNC_STATE_SYNCING)
      g_main_context_iteration (NULL, TRUE);
  }

  /* Both edit the same text without seeing each other's edit. */
  edit_observation (a, observation_id, "Stacked five bricks and counted them");
  edit_observation (b, observation_id, "Stacked five red bricks");
  sync_and_wait (a);
  sync_and_wait (b);
  sync_and_wait (a);
  g_assert_cmpuint (tandem_sync_controller_get_conflicts (a->controller), ==, 1);
  g_assert_cmpuint (tandem_sync_controller_get_conflicts (b->controller), ==, 1);
  text_a = observation_text (a, observation_id);
  text_b = observation_text (b, observation_id);
  g_assert_cmpstr (text_a, ==, text_b);

  /* The conflicts window shows both and takes the other version. */
  window = tandem_conflicts_window_new (NULL, a->controller);
  forget_on_destroy (&window);
  gtk_window_present (window);
  tandem_test_pump ();
  shot (window, "conflicts");
  g_assert_cmpuint (_tandem_conflicts_window_get_n_conflicts (TANDEM_CONFLICTS_WINDOW (window)),
                    ==, 1);
  g_assert_true (g_str_has_prefix (_tandem_conflicts_window_get_title (TANDEM_CONFLICTS_WINDOW (window)),
                                   "Observation of Amelia"));
  g_assert_true (g_str_has_suffix (_tandem_conflicts_window_get_title (TANDEM_CONFLICTS_WINDOW (window)),
                                   ", 3 May 2026 — Observation text"));
  g_assert_cmpstr (_tandem_conflicts_window_get_current (TANDEM_CONFLICTS_WINDOW (window)), ==,
                   text_a);
  other = g_strdup (_tandem_conflicts_window_get_other (TANDEM_CONFLICTS_WINDOW (window)));
  g_assert_cmpstr (other, !=, text_a);
  g_assert_true (g_str_equal (other, "Stacked five bricks and counted them") ||
                 g_str_equal (other, "Stacked five red bricks"));

  gtk_widget_activate_action (GTK_WIDGET (window), "conflicts.edit", NULL);
  shot (window, "conflicts-edit");
  gtk_widget_activate_action (GTK_WIDGET (window), "conflicts.use-other", NULL);
  tandem_test_pump ();
  resolved = observation_text (a, observation_id);
  g_assert_cmpstr (resolved, ==, other);
  g_assert_cmpuint (_tandem_conflicts_window_get_n_conflicts (TANDEM_CONFLICTS_WINDOW (window)),
                    ==, 0);
  g_assert_cmpuint (tandem_sync_controller_get_conflicts (a->controller), ==, 0);
  conflicts = tandem_sync_store_list_conflicts (a->store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 0);

  /* The choice travels to the other laptop. */
  sync_and_wait (a);
  sync_and_wait (b);
  g_clear_pointer (&text_b, g_free);
  text_b = observation_text (b, observation_id);
  g_assert_cmpstr (text_b, ==, other);

  /* The controller keeps its session: a sync with nothing new is one
   * request. */
  sync_and_wait (a);
  requests = tandem_test_dav_server_count_requests (f->server);
  sync_and_wait (a);
  g_assert_cmpuint (tandem_test_dav_server_count_requests (f->server) - requests, ==, 1);

  gtk_window_destroy (window);
  g_assert_null (window);
  g_object_unref (status);

  check_window (a);
}

/* Sets sync up on @l through the dialog, creating the space or joining it. */
static void
set_up_laptop (Fixture *f,
               Laptop  *l)
{
  GtkWindow *dialog = open_setup (f, l, PASSPHRASE);
  const char *page;

  forget_on_destroy (&dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  page = wait_for_dialog (&dialog);
  if (g_strcmp0 (page, "create") == 0)
    {
      fill (dialog, "Passphrase Again", PASSPHRASE);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
      page = wait_for_dialog (&dialog);
    }
  g_assert_cmpstr (page, ==, "closed");
  sync_and_wait (l);
  g_assert_cmpint (tandem_sync_controller_get_state (l->controller), ==,
                   TANDEM_SYNC_STATE_UP_TO_DATE);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, timed_out_cb, &timed_out);

  while (!timed_out && *result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout);
  return *result;
}

static void
test_manage (Fixture       *f,
             gconstpointer  data)
{
  Laptop *a = &f->laptops[0], *b = &f->laptops[1];
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *b_id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *space = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(TandemSyncKey) key = NULL;
  g_autoptr(TandemChild) child = tandem_child_new ("Isaac", "Moreno", "2022-01-20");
  GtkWindow *dialog;

  if (f->server == NULL)
    return;

  tandem_store_save (a->store, TANDEM_RECORD (child), &error);
  g_assert_no_error (error);
  set_up_laptop (f, a);
  set_up_laptop (f, b);
  g_assert_cmpint (tandem_test_count (b->store, TANDEM_TYPE_CHILD), ==, 1);

  /* A wrong current passphrase changes nothing; the right one does. */
  tandem_sync_controller_change_passphrase_async (a->controller, "not the passphrase",
                                                  "badgers by the pond", NULL, result_cb,
                                                  &result);
  g_assert_false (tandem_sync_controller_change_passphrase_finish (a->controller,
                                                                   wait_for_result (&result),
                                                                   &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_clear_object (&result);
  tandem_sync_controller_change_passphrase_async (a->controller, PASSPHRASE,
                                                  "badgers by the pond", NULL, result_cb,
                                                  &result);
  g_assert_true (tandem_sync_controller_change_passphrase_finish (a->controller,
                                                                  wait_for_result (&result),
                                                                  &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Both laptops keep syncing with the key they hold. */
  sync_and_wait (b);
  g_assert_cmpint (tandem_sync_controller_get_state (b->controller), ==,
                   TANDEM_SYNC_STATE_UP_TO_DATE);

  /* A laptop that lost its secrets (no keyring, a new start) asks for them,
   * and the new passphrase unlocks it. */
  url = tandem_sync_controller_dup_url (b->controller);
  space = tandem_sync_store_get_meta (b->store, "sync_space_id");
  g_assert_nonnull (space);
  /* Kept for later; the laptops of this test share the memory secrets. */
  key = tandem_sync_secrets_lookup_key (space, NULL);
  g_assert_nonnull (key);
  g_object_run_dispose (G_OBJECT (b->controller));
  g_clear_object (&b->controller);
  tandem_sync_secrets_clear (url, TANDEM_TEST_DAV_USER, space, NULL);
  b->controller = tandem_sync_controller_new (b->store);
  g_signal_connect (b->controller, "finished", G_CALLBACK (finished_cb), b);
  g_assert_true (tandem_sync_controller_is_enabled (b->controller));
  sync_and_wait (b);
  g_assert_cmpint (tandem_sync_controller_get_state (b->controller), ==,
                   TANDEM_SYNC_STATE_NEEDS_UNLOCK);

  dialog = tandem_sync_setup_dialog_new (NULL, b->controller, TRUE);
  forget_on_destroy (&dialog);
  gtk_window_present (dialog);
  fill (dialog, "Password", TANDEM_TEST_DAV_PASSWORD);
  fill (dialog, "Passphrase", PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "connect");
  g_assert_nonnull (_tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog)));
  shot (dialog, "setup-unlock");
  fill (dialog, "Passphrase", "badgers by the pond");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "closed");
  sync_and_wait (b);
  g_assert_cmpint (tandem_sync_controller_get_state (b->controller), ==,
                   TANDEM_SYNC_STATE_UP_TO_DATE);

  /* The laptops list both; the first removes the second, which stops. */
  tandem_sync_controller_list_devices_async (a->controller, NULL, result_cb, &result);
  devices = tandem_sync_controller_list_devices_finish (a->controller, wait_for_result (&result),
                                                        &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (devices->len, ==, 2);
  for (guint i = 0; i < devices->len; i++)
    {
      TandemSyncDevice *device = g_ptr_array_index (devices, i);

      if (!device->is_self)
        b_id = g_strdup (device->id);
    }
  g_assert_cmpstr (b_id, ==, tandem_store_get_device_id (b->store));

  tandem_sync_controller_remove_device_async (a->controller, b_id, NULL, result_cb, &result);
  g_assert_true (tandem_sync_controller_remove_device_finish (a->controller,
                                                              wait_for_result (&result),
                                                              &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  sync_and_wait (b);
  g_assert_cmpint (tandem_sync_controller_get_state (b->controller), ==,
                   TANDEM_SYNC_STATE_OFF);
  g_assert_nonnull (strstr (tandem_sync_controller_get_message (b->controller), "removed"));
  meta = tandem_sync_store_get_meta (b->store, "sync_url");
  g_assert_null (meta);
  g_assert_cmpint (tandem_test_count (b->store, TANDEM_TYPE_CHILD), ==, 1);

  /* Turning sync off forgets the space and keeps the records. */
  tandem_sync_controller_turn_off_async (a->controller, NULL, result_cb, &result);
  g_assert_true (tandem_sync_controller_turn_off_finish (a->controller, wait_for_result (&result),
                                                         &error));
  g_assert_no_error (error);
  g_assert_false (tandem_sync_controller_is_enabled (a->controller));
  g_clear_pointer (&meta, g_free);
  meta = tandem_sync_store_get_meta (a->store, "sync_enabled");
  g_assert_null (meta);
  g_assert_cmpint (tandem_test_count (a->store, TANDEM_TYPE_CHILD), ==, 1);
  g_assert_null (tandem_sync_secrets_lookup_key (space, NULL));

  /* A server that cannot be reached leaves the changes waiting. */
  tandem_sync_controller_enable (a->controller, "http://127.0.0.1:9/dav/",
                                 TANDEM_TEST_DAV_USER, NULL, TANDEM_TEST_DAV_PASSWORD, key);
  sync_and_wait (a);
  g_assert_cmpint (tandem_sync_controller_get_state (a->controller), ==,
                   TANDEM_SYNC_STATE_OFFLINE);
  g_assert_cmpstr (tandem_sync_controller_get_message (a->controller), ==,
                   "Offline — changes are kept and will sync later");
}

/* Without a server: what the windows show before sync is set up. */
/* A server with a certificate from the setting's own authority: refused
 * until its CA file is chosen in the dialog, then the space is created and
 * the CA file kept for later syncs. TLS verification is never turned off. */
static void
test_private_ca (Fixture       *f,
                 gconstpointer  data)
{
  Laptop *a = &f->laptops[0];
  TandemTestDavServer *nginx = NULL;
  g_autofree char *skip = NULL;
  g_autofree char *kept = NULL;
  const char *error;
  GtkWindow *dialog;

  if (f->server == NULL)
    return;
  nginx = tandem_test_dav_server_start (TANDEM_TEST_DAV_NGINX, &skip);
  if (nginx == NULL || tandem_test_dav_server_get_tls_url (nginx) == NULL)
    {
      g_clear_pointer (&nginx, tandem_test_dav_server_stop);
      g_test_skip (skip != NULL ? skip : "nginx has no https here");
      return;
    }

  dialog = open_setup (f, a, PASSPHRASE);
  forget_on_destroy (&dialog);
  fill (dialog, "Server Address", tandem_test_dav_server_get_tls_url (nginx));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "connect");
  error = _tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "certificate"));
  g_assert_false (tandem_sync_controller_is_enabled (a->controller));

  tandem_sync_setup_dialog_set_ca_file (TANDEM_SYNC_SETUP_DIALOG (dialog),
                                        tandem_test_dav_server_get_ca_file (nginx));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "create");
  fill (dialog, "Passphrase Again", PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "closed");

  g_assert_true (tandem_sync_controller_is_enabled (a->controller));
  kept = tandem_sync_store_get_meta (a->store, "sync_ca_file");
  g_assert_cmpstr (kept, ==, tandem_test_dav_server_get_ca_file (nginx));
  sync_and_wait (a);
  g_assert_cmpint (tandem_sync_controller_get_state (a->controller), ==,
                   TANDEM_SYNC_STATE_UP_TO_DATE);
  tandem_test_dav_server_stop (nginx);
}

static void
test_off (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TandemSyncController) controller = NULL;
  GtkWindow *dialog;
  GtkWindow *window;
  GtkWidget *status;

  if (f->server == NULL)
    return;

  controller = g_object_ref (f->laptops[0].controller);
  g_assert_cmpint (tandem_sync_controller_get_state (controller), ==, TANDEM_SYNC_STATE_OFF);
  tandem_sync_controller_sync_now (controller);
  g_assert_cmpint (tandem_sync_controller_get_state (controller), ==, TANDEM_SYNC_STATE_OFF);

  status = g_object_ref_sink (g_object_new (TANDEM_TYPE_SYNC_STATUS_BUTTON,
                                            "controller", controller, NULL));
  g_assert_false (gtk_widget_get_visible (status));
  g_object_unref (status);

  /* Plain http only for this computer. */
  dialog = open_setup (f, &f->laptops[0], PASSPHRASE);
  forget_on_destroy (&dialog);
  fill (dialog, "Server Address", "http://192.168.1.20/remote.php/dav");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "connect");
  g_assert_nonnull (_tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog)));
  fill (dialog, "Server Address", "nextcloud.example.org");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "connect");
  g_assert_nonnull (_tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog)));
  /* The server's password refused is said as such. */
  fill (dialog, "Server Address", tandem_test_dav_server_get_url (f->server));
  fill (dialog, "Password", "not the password");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "setup.next", NULL);
  g_assert_cmpstr (wait_for_dialog (&dialog), ==, "connect");
  g_assert_cmpstr (_tandem_sync_setup_dialog_get_error (TANDEM_SYNC_SETUP_DIALOG (dialog)), ==,
                   "The server refused the user name or password.");
  gtk_window_destroy (dialog);
  g_assert_null (dialog);
  g_assert_false (tandem_sync_controller_is_enabled (controller));

  window = tandem_conflicts_window_new (NULL, controller);
  forget_on_destroy (&window);
  gtk_window_present (window);
  tandem_test_pump ();
  g_assert_cmpuint (_tandem_conflicts_window_get_n_conflicts (TANDEM_CONFLICTS_WINDOW (window)),
                    ==, 0);
  gtk_window_destroy (window);
  g_assert_null (window);

  if (g_getenv ("TANDEM_SCREENSHOT_DIR") != NULL)
    {
      GtkWindow *prefs = GTK_WINDOW (adw_preferences_window_new ());

      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs),
                                  ADW_PREFERENCES_PAGE (tandem_sync_preferences_page_new (controller)));
      gtk_window_present (prefs);
      shot (prefs, "preferences-sync-off");
      gtk_window_destroy (prefs);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tandem_records_init ();

  g_test_add ("/sync-gui/set-up-and-sync", Fixture, NULL, fixture_set_up,
              test_set_up_and_sync, fixture_tear_down);
  g_test_add ("/sync-gui/manage", Fixture, NULL, fixture_set_up, test_manage,
              fixture_tear_down);
  g_test_add ("/sync-gui/off", Fixture, NULL, fixture_set_up, test_off, fixture_tear_down);
  g_test_add ("/sync-gui/private-ca", Fixture, NULL, fixture_set_up, test_private_ca,
              fixture_tear_down);

  return g_test_run ();
}
