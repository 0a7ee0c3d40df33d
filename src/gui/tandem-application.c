/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tandem-application.h"
#include "tandem-backup.h"
#include "tandem-core-error.h"
#include "tandem-demo.h"
#include "tandem-a11y.h"
#include "tandem-preferences-window.h"
#include "tandem-records.h"
#include "tandem-recovery-window.h"
#include "tandem-window.h"

struct _TandemApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *program;
  char           *database_option;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (TandemApplication, tandem_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  /* Translators: help for the --database command-line option. */
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the database at PATH"),
    /* Translators: placeholder in the command-line help. */
    N_("PATH") },
  /* Translators: help for the --demo command-line option. */
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a sample setting, kept apart from your own records"), NULL },
  { NULL }
};

static char *
demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tandem", "demo.db", NULL);
}

static TandemWindow *
find_main_window (TandemApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TANDEM_IS_WINDOW (active))
    return TANDEM_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (TANDEM_IS_WINDOW (l->data))
      return TANDEM_WINDOW (l->data);

  return NULL;
}

/**
 * tandem_application_add_devel_style:
 * @window: a top-level window
 *
 * Marks @window as belonging to a development build, so that nobody mistakes
 * it for the version that holds real records.
 */
void
tandem_application_add_devel_style (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_strcmp0 (PROFILE, "devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
}

static void
update_actor (TandemApplication *self,
              TandemStore       *store)
{
  g_autofree char *id = g_settings_get_string (self->settings, "current-keyworker");
  g_autoptr(TandemKeyworker) keyworker = NULL;

  if (id[0] != '\0')
    keyworker = tandem_store_load (store, TANDEM_TYPE_KEYWORKER, id, NULL);

  tandem_store_set_actor (store, keyworker ? tandem_keyworker_get_name (keyworker) : NULL);
}

static void
current_keyworker_changed_cb (TandemApplication *self,
                              const char        *key,
                              GSettings         *settings)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (TANDEM_IS_WINDOW (l->data))
      update_actor (self, tandem_window_get_store (l->data));
}

/* Housekeeping after the first frame, in a thread with its own connection so
 * it never holds up the window: SQLite's full integrity check, which reads
 * every page and so was left out of opening, then the daily backup (never of
 * a damaged file, which would push a good backup out of the rotation). */

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *made;

  if (!tandem_store_check_file (task_data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  made = tandem_backup_daily (task_data, NULL, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, made, g_free);
}

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT))
    {
      GtkWindow *window = GTK_WINDOW (object);
      GtkApplication *app = gtk_window_get_application (window);
      TandemStore *store = tandem_window_get_store (TANDEM_WINDOW (window));
      TandemRecoveryWindow *recovery;

      /* The file passed the quick checks at start but not the full one: stop
       * using it, and offer the same way out as a file that fails at start. */
      g_message ("Integrity check failed for %s: %s", tandem_store_get_path (store),
                 error->message);
      recovery = tandem_recovery_window_new (app, tandem_store_get_path (store), error);
      tandem_application_add_devel_style (GTK_WINDOW (recovery));
      gtk_window_present (GTK_WINDOW (recovery));
      gtk_window_destroy (window);
      return;
    }

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      g_message ("Daily backup failed: %s", error->message);
      /* Translators: %s is the reason, e.g. "No space left on device". */
      message = g_strdup_printf (_("Today’s backup could not be made: %s"), error->message);
      tandem_window_add_toast (TANDEM_WINDOW (object), message);
    }
  else if (made != NULL)
    {
      g_debug ("Daily backup written to %s", made);
    }
}

static void
start_daily_backup (TandemWindow *window)
{
  g_autoptr(GTask) task = g_task_new (window, NULL, backup_done_cb, NULL);
  TandemStore *store = tandem_window_get_store (window);

  g_task_set_source_tag (task, start_daily_backup);
  g_task_set_task_data (task, g_strdup (tandem_store_get_path (store)), g_free);
  g_task_run_in_thread (task, backup_thread);
}

static char *
read_status_field (const char *contents,
                   const char *field)
{
  const char *line = strstr (contents, field);

  if (line == NULL)
    return g_strdup ("0");

  line += strlen (field);
  while (*line == ' ' || *line == '\t')
    line++;

  return g_strndup (line, strspn (line, "0123456789"));
}

/**
 * tandem_application_mark_startup:
 * @stage: a short name for the point reached
 *
 * When `TANDEM_REPORT_STARTUP` is set, prints when @stage was reached, so
 * the start-up benchmark can tell where the time before the first frame
 * goes.
 */
void
tandem_application_mark_startup (const char *stage)
{
  if (g_getenv ("TANDEM_REPORT_STARTUP") == NULL)
    return;

  g_print ("stage %s realtime_us=%" G_GINT64_FORMAT "\n", stage, g_get_real_time ());
}

static void
report_first_frame (void)
{
  g_autofree char *status = NULL;
  g_autofree char *hwm = NULL;
  g_autofree char *rss = NULL;
  gint64 now = g_get_real_time ();

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  hwm = read_status_field (status ? status : "", "VmHWM:");
  rss = read_status_field (status ? status : "", "VmRSS:");

  g_print ("first-frame realtime_us=%" G_GINT64_FORMAT " vmhwm_kb=%s vmrss_kb=%s\n",
           now, hwm, rss);
  fflush (stdout);
}

static void
first_frame_cb (GdkFrameClock *clock,
                TandemWindow  *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));

  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, window);

  if (g_getenv ("TANDEM_REPORT_STARTUP") != NULL)
    {
      report_first_frame ();
      if (g_getenv ("TANDEM_EXIT_AFTER_FIRST_FRAME") != NULL)
        {
          g_application_quit (app);
          return;
        }
    }

  /* Only now, with the window on screen, is there time for housekeeping. */
  start_daily_backup (window);
}

static void
window_map_cb (GtkWidget *widget,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, window_map_cb, user_data);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), widget, 0);
}

/**
 * tandem_application_open_database:
 * @self: the application
 * @path: a database file, created when missing
 *
 * Opens @path in a new main window, or explains in a recovery window why it
 * cannot be opened. A damaged file is never written to.
 *
 * Returns: (transfer none): the main window, or the recovery window
 */
GtkWindow *
tandem_application_open_database (TandemApplication *self,
                                  const char        *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autofree char *demo = demo_path ();
  g_autofree char *demo_error = NULL;
  TandemWindow *window;

  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* Only the quick structural checks happen before the window shows; the
   * full check follows in a thread right after the first frame. */
  tandem_application_mark_startup ("open-store");
  store = tandem_store_open_with_flags (path, TANDEM_STORE_OPEN_DEFER_INTEGRITY, &error);
  if (store == NULL)
    {
      TandemRecoveryWindow *recovery;

      g_message ("Cannot open %s: %s", path, error->message);
      recovery = tandem_recovery_window_new (GTK_APPLICATION (self), path, error);
      tandem_application_add_devel_style (GTK_WINDOW (recovery));
      gtk_window_present (GTK_WINDOW (recovery));
      return GTK_WINDOW (recovery);
    }

  if (g_strcmp0 (path, demo) == 0)
    {
      /* The sample setting is filled once, on its first start; afterwards
       * whatever a person tried out in it stays. */
      if (tandem_store_count (store, TANDEM_TYPE_CHILD, NULL, NULL, NULL) == 0 &&
          !tandem_demo_fill (store, &error))
        {
          /* Translators: %s is the reason. */
          demo_error = g_strdup_printf (_("The sample setting could not be filled: %s"),
                                        error->message);
          g_clear_error (&error);
        }
    }
  else
    {
      g_settings_set_string (self->settings, "last-database", path);
    }

  update_actor (self, store);

  tandem_application_mark_startup ("build-window");
  window = tandem_window_new (GTK_APPLICATION (self), store);
  tandem_application_add_devel_style (GTK_WINDOW (window));
  g_signal_connect (window, "map", G_CALLBACK (window_map_cb), NULL);
  tandem_application_mark_startup ("present");
  gtk_window_present (GTK_WINDOW (window));
  tandem_application_mark_startup ("presented");

  if (demo_error != NULL)
    tandem_window_add_toast (window, demo_error);

  return GTK_WINDOW (window);
}

static char *
choose_database (TandemApplication *self)
{
  g_autofree char *last = NULL;

  if (self->demo)
    return demo_path ();

  if (self->database_option != NULL)
    return g_strdup (self->database_option);

  last = g_settings_get_string (self->settings, "last-database");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&last);

  return tandem_store_default_path ();
}

static void
tandem_application_activate (GApplication *app)
{
  TandemApplication *self = TANDEM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = choose_database (self);
  tandem_application_open_database (self, path);
}

static int
tandem_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  TandemApplication *self = TANDEM_APPLICATION (app);
  g_autofree char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      g_free (self->database_option);
      self->database_option = g_file_get_path (file);
    }

  self->demo = g_variant_dict_contains (options, "demo");

  if (self->demo && self->database_option != NULL)
    {
      g_printerr ("%s\n", _("--demo and --database cannot be used together."));
      return 1;
    }

  /* Carry on with the default handling. */
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy_deep (gtk_application_get_windows (app),
                                     (GCopyFunc) g_object_ref, NULL);

  /* Closing rather than quitting outright lets each window save its size.
   * The references keep dialogs that go with their parent valid here. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);

  g_list_free_full (windows, g_object_unref);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TandemApplication *self = TANDEM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Tandem authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Tandem"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Tandem authors"),
                        "developers", developers,
                        "copyright", "© 2026 The Tandem authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://tandem.app",
                        /* Translators: replace with your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  tandem_application_add_devel_style (GTK_WINDOW (about));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TandemApplication *self = TANDEM_APPLICATION (user_data);
  TandemWindow *window = find_main_window (self);
  GtkWindow *prefs;

  /* Preferences edit the open database; without one there is nothing to edit. */
  if (window == NULL)
    return;

  prefs = tandem_preferences_window_new (GTK_WINDOW (window), tandem_window_get_store (window),
                                         self->settings);
  tandem_application_add_devel_style (prefs);
  gtk_window_present (prefs);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri (window, "help:tandem", GDK_CURRENT_TIME);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "help", help_activated },
};

static void
set_accels (GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.add-child", { "<Control>n", NULL } },
    { "win.import-roster", { "<Control>i", NULL } },
    { "win.filter", { "<Control>f", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
tandem_application_startup (GApplication *app)
{
  TandemApplication *self = TANDEM_APPLICATION (app);

  tandem_application_mark_startup ("gtk-init");
  G_APPLICATION_CLASS (tandem_application_parent_class)->startup (app);
  tandem_application_mark_startup ("gtk-ready");

  tandem_records_init ();
  tandem_a11y_fix_mnemonic_buttons ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  set_accels (GTK_APPLICATION (self));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::current-keyworker",
                           G_CALLBACK (current_keyworker_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
tandem_application_finalize (GObject *object)
{
  TandemApplication *self = TANDEM_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->program);
  g_free (self->database_option);

  G_OBJECT_CLASS (tandem_application_parent_class)->finalize (object);
}

static void
tandem_application_class_init (TandemApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tandem_application_finalize;

  app_class->activate = tandem_application_activate;
  app_class->startup = tandem_application_startup;
  app_class->handle_local_options = tandem_application_handle_local_options;
}

static void
tandem_application_init (TandemApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  /* Translators: the short description in `tandem --help`. */
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Learning journals, meetings and support plans "
                                              "with families."));
}

/**
 * tandem_application_new:
 * @program_path: (nullable): how this program was started (argv[0]), so that
 *   the sample setting can be opened in a process of its own
 *
 * Returns: (transfer full): the application
 */
TandemApplication *
tandem_application_new (const char *program_path)
{
  TandemApplication *self;

  self = g_object_new (TANDEM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       /* Each process holds its own database open; a second
                        * start must not hand its --database to the first. */
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/app/tandem/Tandem",
                       NULL);
  self->program = g_strdup (program_path);
  return self;
}

/**
 * tandem_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
tandem_application_get_settings (TandemApplication *self)
{
  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * tandem_application_get_program:
 * @self: the application
 *
 * Returns: (nullable): the path of this program's executable
 */
const char *
tandem_application_get_program (TandemApplication *self)
{
  g_return_val_if_fail (TANDEM_IS_APPLICATION (self), NULL);

  return self->program;
}
