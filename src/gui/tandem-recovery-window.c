/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-application.h"
#include "tandem-backup.h"
#include "tandem-core-error.h"
#include "tandem-recovery-window.h"
#include "tandem-window.h"

/* Shown instead of the main window when the database cannot be opened. It
 * says what is wrong and offers ways out; it never writes to the damaged
 * file (restoring moves it aside first). */
struct _TandemRecoveryWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *path;
  char                 *backup;

  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *status_page;
  GtkLabel             *path_label;
  GtkButton            *restore_button;
  GtkLabel             *restore_note;
};

G_DEFINE_FINAL_TYPE (TandemRecoveryWindow, tandem_recovery_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_error (TandemRecoveryWindow *self,
            const char           *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_in_place_of_self (TandemRecoveryWindow *self,
                       const char           *path,
                       const char           *toast)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkWindow *window;

  if (!TANDEM_IS_APPLICATION (app))
    return;

  /* Open the next window before closing this one, so that the application
   * never finds itself without a window and quits. */
  window = tandem_application_open_database (TANDEM_APPLICATION (app), path);
  if (toast != NULL && TANDEM_IS_WINDOW (window))
    tandem_window_add_toast (TANDEM_WINDOW (window), toast);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
restore_clicked_cb (TandemRecoveryWindow *self,
                    GtkButton            *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kept = NULL;

  g_return_if_fail (self->backup != NULL);

  aside = tandem_backup_recover (self->path, self->backup, &error);
  if (aside == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason. */
      message = g_strdup_printf (_("The backup could not be restored: %s"), error->message);
      show_error (self, message);
      return;
    }

  /* Translators: %s is the file name the damaged database was given, beside
   * the database. */
  name = g_path_get_basename (aside);
  kept = g_strdup_printf (_("The backup was restored. The damaged file was kept as %s."), name);
  open_in_place_of_self (self, self->path, kept);
}

static void
open_response_cb (GtkNativeDialog      *dialog,
                  int                   response,
                  TandemRecoveryWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Only files on this computer can be opened."));
      return;
    }

  open_in_place_of_self (self, path, NULL);
}

static void
open_clicked_cb (TandemRecoveryWindow *self,
                 GtkButton            *button)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  /* Translators: the title of the file chooser for a database file. */
  chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (databases, _("Tandem Databases"));
  gtk_file_filter_add_suffix (databases, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
backup_date (const char *backup)
{
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) local = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info == NULL)
    return NULL;

  modified = g_file_info_get_modification_date_time (info);
  if (modified == NULL)
    return NULL;

  local = g_date_time_to_local (modified);
  /* Translators: the date of a backup, e.g. "3 March 2026"; see the
   * strftime-like codes of g_date_time_format(). */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static void
set_reason (TandemRecoveryWindow *self,
            const GError         *error)
{
  g_autoptr(GPtrArray) backups = tandem_backup_list (self->path);
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;
  g_autofree char *location = NULL;
  gboolean newer = g_error_matches (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NEWER_VERSION);

  escaped = g_markup_escape_text (error != NULL ? error->message : "", -1);
  description = g_strdup_printf ("%s\n\n%s", escaped, _("Your file has not been changed."));
  adw_status_page_set_description (self->status_page, description);

  /* Translators: %s is the path of a database file. */
  location = g_strdup_printf (_("File: %s"), self->path);
  gtk_label_set_label (self->path_label, location);

  if (backups->len > 0)
    self->backup = g_strdup (g_ptr_array_index (backups, 0));

  if (self->backup != NULL && !newer)
    {
      g_autofree char *date = backup_date (self->backup);
      g_autofree char *label = NULL;

      if (date != NULL)
        /* Translators: a button; %s is a date, e.g. "3 March 2026". */
        label = g_strdup_printf (_("_Restore Newest Backup, from %s"), date);
      else
        label = g_strdup (_("_Restore Newest Backup"));

      gtk_button_set_label (self->restore_button, label);
      gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->restore_note), FALSE);
    }
  else
    {
      gtk_button_set_label (self->restore_button, _("_Restore Newest Backup"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
      gtk_label_set_label (self->restore_note,
                           newer
                           ? _("A backup would be older than this file and lose its newest "
                               "records. Install the newest version of Tandem to open it.")
                           : _("There is no backup of this file. Tandem makes one each day "
                               "once a database opens."));
      gtk_widget_set_visible (GTK_WIDGET (self->restore_note), TRUE);
      /* A screen reader then says why the button does nothing. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->restore_button),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->restore_note,
                                      NULL, -1);
    }

  tandem_a11y_tidy_names (GTK_WIDGET (self->status_page));

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->restore_button)))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->restore_button));
}

static void
tandem_recovery_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TANDEM_TYPE_RECOVERY_WINDOW);

  G_OBJECT_CLASS (tandem_recovery_window_parent_class)->dispose (object);
}

static void
tandem_recovery_window_finalize (GObject *object)
{
  TandemRecoveryWindow *self = TANDEM_RECOVERY_WINDOW (object);

  g_free (self->path);
  g_free (self->backup);

  G_OBJECT_CLASS (tandem_recovery_window_parent_class)->finalize (object);
}

static void
tandem_recovery_window_class_init (TandemRecoveryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_recovery_window_dispose;
  object_class->finalize = tandem_recovery_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-recovery-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemRecoveryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemRecoveryWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, TandemRecoveryWindow, path_label);
  gtk_widget_class_bind_template_child (widget_class, TandemRecoveryWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, TandemRecoveryWindow, restore_note);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
}

static void
tandem_recovery_window_init (TandemRecoveryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tandem_recovery_window_new:
 * @application: (nullable): the application
 * @path: the database that could not be opened
 * @error: (nullable): why
 *
 * Returns: (transfer floating): a new recovery window
 */
TandemRecoveryWindow *
tandem_recovery_window_new (GtkApplication *application,
                            const char     *path,
                            const GError   *error)
{
  TandemRecoveryWindow *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_RECOVERY_WINDOW, "application", application, NULL);
  self->path = g_strdup (path);
  set_reason (self, error);
  return self;
}
