/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-sync-setup-dialog-private.h"
#include "tandem-sync-store.h"

/*
 * Turning sync on: the server, the user name and password, and the
 * setting's passphrase. Connecting checks the server in a thread; an existing
 * space is joined with the passphrase, and a missing one is created after a
 * second step that says what the passphrase means. Nothing is kept until the
 * passphrase has opened (or made) the space, so a wrong one changes nothing.
 *
 * The same dialog unlocks sync when the keyring had no password or key: the
 * server and user are then shown but not editable.
 */
struct _TandemSyncSetupDialog
{
  AdwWindow             parent_instance;

  TandemSyncController *controller;
  GCancellable         *cancellable;
  gboolean              unlock;
  gboolean              busy;
  /* The page that a failure goes back to. */
  const char           *return_page;

  AdwWindowTitle       *window_title;
  GtkWidget            *next_button;
  GtkStack             *stack;
  GtkLabel             *intro_label;
  AdwEntryRow          *server_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  AdwEntryRow          *passphrase_row;
  GtkLabel             *error_label;
  AdwEntryRow          *create_passphrase_row;
  AdwEntryRow          *confirm_row;
  GtkLabel             *create_error_label;
  GtkSpinner           *spinner;
  GtkLabel             *progress_label;
  AdwActionRow         *ca_row;
  GtkWidget            *ca_clear_button;
  GtkWidget            *ca_choose_button;

  char                 *ca_file;    /* chosen here, or NULL for the system's */
  GtkFileChooserNative *ca_chooser;
};

G_DEFINE_FINAL_TYPE (TandemSyncSetupDialog, tandem_sync_setup_dialog, ADW_TYPE_WINDOW)

/* The shortest passphrase a new space accepts: it is all that stands
 * between the server's owner and the children's records. */
#define MIN_PASSPHRASE_LENGTH 8

typedef struct {
  char                *path;
  char                *url;
  char                *user;
  char                *password;
  char                *passphrase;
  char                *ca_file;
  TandemSyncKdfLimits  limits;
  gboolean             create;
  gboolean             unlock;
  /* Results */
  gboolean             need_create;
} Connect;

static void
connect_free (Connect *data)
{
  g_free (data->path);
  g_free (data->url);
  g_free (data->user);
  g_free (data->password);
  g_free (data->passphrase);
  g_free (data->ca_file);
  g_free (data);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_error (TandemSyncSetupDialog *self,
            GtkLabel              *label,
            const char            *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
update_next (TandemSyncSetupDialog *self)
{
  const char *page;
  gboolean ready;

  /* The rows may still say they changed while the dialog goes. */
  if (self->stack == NULL)
    return;

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "create") == 0)
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("C_reate"));
      ready = text_of (self->create_passphrase_row)[0] != '\0' &&
              text_of (self->confirm_row)[0] != '\0';
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button),
                            self->unlock ? _("_Unlock") : _("C_onnect"));
      ready = text_of (self->server_row)[0] != '\0' && text_of (self->user_row)[0] != '\0' &&
              text_of (self->password_row)[0] != '\0' &&
              text_of (self->passphrase_row)[0] != '\0';
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.next",
                                 ready && !self->busy);
}

static void
fields_changed_cb (TandemSyncSetupDialog *self)
{
  update_next (self);
}

static void
show_page (TandemSyncSetupDialog *self,
           const char            *name)
{
  gboolean progress = g_strcmp0 (name, "progress") == 0;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, progress);
  gtk_widget_set_visible (self->next_button, !progress);
  update_next (self);
}

/* Only https keeps the password and the (encrypted) records private on the
 * way; plain http is tolerated for a server on this very computer. */
static char *
check_url (const char  *text,
           GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the server’s full address, starting with https://"));
      return NULL;
    }

  if (!tandem_webdav_uri_is_private (uri))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The address must start with https:// so that the password "
                             "cannot be read on the way. Plain http:// is only allowed for "
                             "a server on this computer (localhost)."));
      return NULL;
    }

  /* The space is a folder: its address ends with a slash. */
  if (!g_str_has_suffix (stripped, "/"))
    return g_strconcat (stripped, "/", NULL);

  return g_steal_pointer (&stripped);
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Connect *data = task_data;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemWebdav) webdav = NULL;
  g_autoptr(TandemSyncSession) session = NULL;
  TandemSyncKey *key;
  GError *error = NULL;
  gboolean exists;

  store = tandem_store_open_with_flags (data->path, TANDEM_STORE_OPEN_DEFER_INTEGRITY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  webdav = tandem_webdav_new (data->url, data->user, data->password, data->ca_file, &error);
  if (webdav == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Someone is waiting on the answer: a server that cannot be reached is
   * said so after a few seconds. */
  tandem_webdav_set_retry_policy (webdav, TANDEM_WEBDAV_DEFAULT_MAX_RETRY_WAIT_MS, 250);
  session = tandem_sync_session_new (store, webdav);
  exists = tandem_sync_session_space_exists (session, cancellable, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (exists)
    {
      if (!tandem_sync_session_unlock (session, data->passphrase, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else if (data->unlock)
    {
      g_task_return_new_error (task, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NO_SPACE,
                               _("There is no longer a sync space at this address. Turn "
                                 "sync off in Preferences and set it up again."));
      return;
    }
  else if (!data->create)
    {
      data->need_create = TRUE;
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  else if (!tandem_sync_session_create (session, data->passphrase, data->limits, cancellable,
                                        &error))
    {
      g_task_return_error (task, error);
      return;
    }

  key = tandem_sync_session_get_key (session);
  g_task_return_pointer (task, key ? tandem_sync_key_ref (key) : NULL,
                         (GDestroyNotify) tandem_sync_key_unref);
}

static char *
describe_error (const GError *error)
{
  if (g_error_matches (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE))
    return g_strdup (_("That passphrase does not open this setting’s sync space. Check it "
                       "with whoever set up sync; nothing has been changed."));

  if (g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_AUTH))
    return g_strdup (_("The server refused the user name or password."));

  return g_strdup (error->message);
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TandemSyncSetupDialog) self = user_data;
  Connect *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(TandemSyncKey) key = NULL;
  g_autoptr(GError) error = NULL;
  GtkLabel *label;

  /* Closed while connecting: nothing is kept. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  key = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  label = g_strcmp0 (self->return_page, "create") == 0 ? self->create_error_label
                                                      : self->error_label;

  if (error != NULL)
    {
      g_autofree char *message = describe_error (error);

      show_page (self, self->return_page);
      show_error (self, label, message);
      return;
    }

  if (data->need_create)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->create_passphrase_row), data->passphrase);
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
      show_error (self, self->create_error_label, NULL);
      show_page (self, "create");
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
      return;
    }

  if (key == NULL)
    {
      show_page (self, self->return_page);
      show_error (self, label, _("The space was opened, but its key could not be read."));
      return;
    }

  tandem_sync_controller_enable (self->controller, data->url, data->user, data->ca_file,
                                 data->password, key);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start_connect (TandemSyncSetupDialog *self,
               gboolean               create)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_sync_controller_get_store (self->controller);
  Connect *data;
  g_autofree char *url = NULL;

  url = check_url (text_of (self->server_row), &error);
  if (url == NULL)
    {
      show_page (self, "connect");
      show_error (self, self->error_label, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }

  data = g_new0 (Connect, 1);
  data->path = g_strdup (tandem_store_get_path (store));
  data->url = g_steal_pointer (&url);
  data->user = g_strstrip (g_strdup (text_of (self->user_row)));
  data->password = g_strdup (text_of (self->password_row));
  data->passphrase = g_strdup (create ? text_of (self->create_passphrase_row)
                                      : text_of (self->passphrase_row));
  data->limits = tandem_sync_controller_get_kdf_limits (self->controller);
  data->create = create;
  data->unlock = self->unlock;
  /* A private CA chosen here; when unlocking, the one configured before. */
  if (self->ca_file != NULL)
    data->ca_file = g_strdup (self->ca_file);
  else if (self->unlock)
    data->ca_file = tandem_sync_controller_dup_ca_file (self->controller);

  self->busy = TRUE;
  self->return_page = create ? "create" : "connect";
  show_error (self, self->error_label, NULL);
  show_error (self, self->create_error_label, NULL);
  gtk_label_set_text (self->progress_label,
                      create ? _("Creating the sync space…")
                             : _("Connecting to the server and opening the sync space…"));
  show_page (self, "progress");

  /* The dialog is not the task's source object: the worker thread may drop
   * the task last, and a window must not be finalized there. */
  task = g_task_new (NULL, self->cancellable, connect_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_connect);
  g_task_set_task_data (task, data, (GDestroyNotify) connect_free);
  g_task_run_in_thread (task, connect_thread);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemSyncSetupDialog *self = TANDEM_SYNC_SETUP_DIALOG (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->busy)
    return;

  if (g_strcmp0 (page, "create") == 0)
    {
      const char *passphrase = text_of (self->create_passphrase_row);

      if (g_utf8_strlen (passphrase, -1) < MIN_PASSPHRASE_LENGTH)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (ngettext ("The passphrase needs at least %d character.",
                                               "The passphrase needs at least %d characters.",
                                               MIN_PASSPHRASE_LENGTH),
                                     MIN_PASSPHRASE_LENGTH);
          show_error (self, self->create_error_label, message);
          return;
        }

      if (g_strcmp0 (passphrase, text_of (self->confirm_row)) != 0)
        {
          show_error (self, self->create_error_label,
                      _("The two passphrases are not the same."));
          gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
          return;
        }

      start_connect (self, TRUE);
    }
  else if (g_strcmp0 (page, "connect") == 0)
    start_connect (self, FALSE);
}

static void
entry_activated_cb (TandemSyncSetupDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "setup.next", NULL);
}

/* A private certificate authority: TLS stays verified, against this CA
 * file instead of the system's (tandem_webdav_new()). */
static void
set_ca_file (TandemSyncSetupDialog *self,
             const char            *path)
{
  g_autofree char *name = NULL;

  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
  gtk_widget_set_visible (self->ca_clear_button, path != NULL);
  if (path != NULL)
    {
      name = g_filename_display_basename (path);
      adw_action_row_set_subtitle (self->ca_row, name);
    }
  else
    adw_action_row_set_subtitle (self->ca_row,
                                 _("Only for a server whose certificate comes from the "
                                   "setting’s own authority"));
}

static void
ca_chosen_cb (GtkNativeDialog       *dialog,
              int                    response,
              TandemSyncSetupDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_ca_file (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->ca_chooser);
}

static void
ca_choose_cb (TandemSyncSetupDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->ca_chooser != NULL)
    return;
  self->ca_chooser = gtk_file_chooser_native_new (_("Choose the Certificate Authority File"),
                                                  GTK_WINDOW (self),
                                                  GTK_FILE_CHOOSER_ACTION_OPEN,
                                                  _("_Open"), _("_Cancel"));
  /* Translators: a kind of file in the file chooser */
  gtk_file_filter_set_name (filter, _("Certificates"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->ca_chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->ca_chooser), TRUE);
  g_signal_connect (self->ca_chooser, "response", G_CALLBACK (ca_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->ca_chooser));
}

static void
ca_clear_cb (TandemSyncSetupDialog *self)
{
  set_ca_file (self, NULL);
}

/**
 * tandem_sync_setup_dialog_set_ca_file:
 * @self: a setup dialog
 * @path: (nullable): a CA file in PEM form, or %NULL for the system's
 *
 * Chooses the certificate authority to verify the server with, as the
 * "Choose…" button does.
 */
void
tandem_sync_setup_dialog_set_ca_file (TandemSyncSetupDialog *self,
                                      const char            *path)
{
  g_return_if_fail (TANDEM_IS_SYNC_SETUP_DIALOG (self));

  set_ca_file (self, path);
}

static void
tandem_sync_setup_dialog_dispose (GObject *object)
{
  TandemSyncSetupDialog *self = TANDEM_SYNC_SETUP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->ca_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->ca_chooser));
  g_clear_object (&self->ca_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_SYNC_SETUP_DIALOG);

  G_OBJECT_CLASS (tandem_sync_setup_dialog_parent_class)->dispose (object);
}

static void
tandem_sync_setup_dialog_finalize (GObject *object)
{
  TandemSyncSetupDialog *self = TANDEM_SYNC_SETUP_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->controller);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (tandem_sync_setup_dialog_parent_class)->finalize (object);
}

static void
tandem_sync_setup_dialog_class_init (TandemSyncSetupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_sync_setup_dialog_dispose;
  object_class->finalize = tandem_sync_setup_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-sync-setup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog,
                                        create_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, create_error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, ca_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncSetupDialog, ca_choose_button);
  gtk_widget_class_bind_template_callback (widget_class, ca_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "setup.next", NULL, next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_sync_setup_dialog_init (TandemSyncSetupDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->return_page = "connect";
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tandem_sync_setup_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @controller: the window's sync controller
 * @unlock: %TRUE to ask again for the password and passphrase of the space
 *   already set up, %FALSE to set sync up
 *
 * Returns: (transfer floating): a new dialog
 */
GtkWindow *
tandem_sync_setup_dialog_new (GtkWindow            *parent,
                              TandemSyncController *controller,
                              gboolean              unlock)
{
  TandemSyncSetupDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (controller), NULL);

  self = g_object_new (TANDEM_TYPE_SYNC_SETUP_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->controller = g_object_ref (controller);
  self->unlock = unlock;

  if (unlock)
    {
      g_autofree char *url = tandem_sync_controller_dup_url (controller);
      g_autofree char *user = tandem_sync_controller_dup_user (controller);

      gtk_window_set_title (GTK_WINDOW (self), _("Unlock Sync"));
      adw_window_title_set_title (self->window_title, _("Unlock Sync"));
      gtk_label_set_text (self->intro_label,
                          _("This laptop no longer has the password or the passphrase of "
                            "the sync space. Enter them to sync again."));
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), url ? url : "");
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
      gtk_editable_set_editable (GTK_EDITABLE (self->server_row), FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (self->user_row), FALSE);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), "https://");

  show_page (self, "connect");
  return GTK_WINDOW (self);
}

const char *
_tandem_sync_setup_dialog_get_page (TandemSyncSetupDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_SETUP_DIALOG (self), NULL);

  return self->stack ? gtk_stack_get_visible_child_name (self->stack) : NULL;
}

const char *
_tandem_sync_setup_dialog_get_error (TandemSyncSetupDialog *self)
{
  const char *page;
  GtkLabel *label;

  g_return_val_if_fail (TANDEM_IS_SYNC_SETUP_DIALOG (self), NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  label = g_strcmp0 (page, "create") == 0 ? self->create_error_label : self->error_label;
  if (!gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;

  return gtk_label_get_text (label);
}
