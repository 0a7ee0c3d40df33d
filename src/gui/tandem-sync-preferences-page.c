/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-conflicts-window.h"
#include "tandem-sync-preferences-page.h"
#include "tandem-sync-setup-dialog.h"

/* Sync in Preferences: setting it up, or, once on, its server, sync now,
 * the passphrase, the laptops in the space, and turning it off. */
struct _TandemSyncPreferencesPage
{
  AdwPreferencesPage    parent_instance;

  TandemSyncController *controller;
  GCancellable         *cancellable;
  gboolean              devices_loaded;

  GtkWidget            *off_group;
  GtkWidget            *on_group;
  GtkWidget            *laptops_group;
  GtkWidget            *turn_off_group;
  AdwActionRow         *status_row;
  AdwActionRow         *server_row;
  AdwActionRow         *user_row;
  AdwActionRow         *conflicts_row;
  GtkListBox           *laptops_list;
};

G_DEFINE_FINAL_TYPE (TandemSyncPreferencesPage, tandem_sync_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

static void load_devices (TandemSyncPreferencesPage *self);

static GtkWindow *
get_window (TandemSyncPreferencesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (TandemSyncPreferencesPage *self,
       const char                *message)
{
  GtkWindow *window = get_window (self);
  AdwToast *t;

  if (!ADW_IS_PREFERENCES_WINDOW (window))
    return;

  t = adw_toast_new (message);
  adw_toast_set_timeout (t, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), t);
}

static void
update (TandemSyncPreferencesPage *self)
{
  gboolean enabled = tandem_sync_controller_is_enabled (self->controller);
  g_autofree char *url = tandem_sync_controller_dup_url (self->controller);
  g_autofree char *user = tandem_sync_controller_dup_user (self->controller);
  guint conflicts = tandem_sync_controller_get_conflicts (self->controller);
  g_autofree char *conflicts_text = NULL;

  gtk_widget_set_visible (self->off_group, !enabled);
  gtk_widget_set_visible (self->on_group, enabled);
  gtk_widget_set_visible (self->laptops_group, enabled);
  gtk_widget_set_visible (self->turn_off_group, enabled);

  adw_action_row_set_subtitle (self->status_row,
                               tandem_sync_controller_get_message (self->controller) ?: "");
  adw_action_row_set_subtitle (self->server_row, url ? url : "");
  adw_action_row_set_subtitle (self->user_row, user ? user : "");

  if (conflicts == 0)
    conflicts_text = g_strdup (_("None"));
  else
    /* Translators: how many conflicts wait to be reviewed. */
    conflicts_text = g_strdup_printf (ngettext ("%u to review", "%u to review", conflicts),
                                      conflicts);
  adw_action_row_set_subtitle (self->conflicts_row, conflicts_text);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-prefs.conflicts", conflicts > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync-prefs.sync-now",
                                 tandem_sync_controller_get_state (self->controller) !=
                                 TANDEM_SYNC_STATE_SYNCING);

  if (enabled && !self->devices_loaded)
    load_devices (self);
  else if (!enabled)
    self->devices_loaded = FALSE;
}

/* Laptops ---------------------------------------------------------------- */

static void
remove_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TandemSyncPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_sync_controller_remove_device_finish (TANDEM_SYNC_CONTROLLER (object), result,
                                                    &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("The laptop was removed. It stops syncing the next time it tries."));
  load_devices (self);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  TandemSyncPreferencesPage *self = user_data;
  const char *device_id = g_object_get_data (G_OBJECT (dialog), "tandem-device");

  if (g_strcmp0 (response, "remove") != 0)
    return;

  tandem_sync_controller_remove_device_async (self->controller, device_id, self->cancellable,
                                              remove_done_cb, g_object_ref (self));
}

static void
remove_clicked_cb (GtkButton                 *button,
                   TandemSyncPreferencesPage *self)
{
  const char *device_id = g_object_get_data (G_OBJECT (button), "tandem-device");
  const char *name = g_object_get_data (G_OBJECT (button), "tandem-device-name");
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a laptop's name. */
  heading = g_strdup_printf (_("Remove “%s”?"), name);
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   _("That laptop stops syncing and forgets the sync space "
                                     "the next time it tries. Its own records stay on it. "
                                     "Do this for a laptop that was lost or given away."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tandem-device", g_strdup (device_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_synced_at (const char *synced_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (synced_at == NULL)
    return g_strdup (_("Not synced yet"));

  utc = g_date_time_new_from_iso8601 (synced_at, NULL);
  if (utc == NULL)
    return g_strdup (_("Not synced yet"));

  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see the strftime manual. */
  when = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
  /* Translators: %s is a date and time, e.g. "3 May 2026, 14:05". */
  return g_strdup_printf (_("Last synced %s"), when);
}

static int
compare_devices (gconstpointer a,
                 gconstpointer b)
{
  const TandemSyncDevice *da = *(TandemSyncDevice * const *) a;
  const TandemSyncDevice *db = *(TandemSyncDevice * const *) b;

  if (da->is_self != db->is_self)
    return da->is_self ? -1 : 1;

  return g_utf8_collate (da->name ? da->name : "", db->name ? db->name : "");
}

static void
devices_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TandemSyncPreferencesPage) self = user_data;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  devices = tandem_sync_controller_list_devices_finish (TANDEM_SYNC_CONTROLLER (object), result,
                                                        &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->laptops_list))) != NULL)
    gtk_list_box_remove (self->laptops_list, child);

  if (devices == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      self->devices_loaded = FALSE;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The laptops cannot be listed right now"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->laptops_list, row);
      return;
    }

  /* This laptop first, then the others as the server lists them. */
  g_ptr_array_sort (devices, compare_devices);
  for (guint i = 0; i < devices->len; i++)
    {
      TandemSyncDevice *device = g_ptr_array_index (devices, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;
      const char *name = device->name && device->name[0] ? device->name : device->id;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (device->is_self)
        subtitle = g_strdup (_("This laptop"));
      else
        subtitle = describe_synced_at (device->synced_at);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (!device->is_self)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Remove…"));
          g_autofree char *label = NULL;

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (button), "tandem-device", g_strdup (device->id),
                                  g_free);
          g_object_set_data_full (G_OBJECT (button), "tandem-device-name", g_strdup (name),
                                  g_free);
          /* Translators: %s is a laptop's name. */
          label = g_strdup_printf (_("Remove %s"), name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }

      gtk_list_box_append (self->laptops_list, row);
    }
}

static void
load_devices (TandemSyncPreferencesPage *self)
{
  self->devices_loaded = TRUE;
  tandem_sync_controller_list_devices_async (self->controller, self->cancellable,
                                             devices_done_cb, g_object_ref (self));
}

/* Actions ---------------------------------------------------------------- */

static void
set_up_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemSyncPreferencesPage *self = TANDEM_SYNC_PREFERENCES_PAGE (widget);

  gtk_window_present (tandem_sync_setup_dialog_new (get_window (self), self->controller,
                                                    FALSE));
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  tandem_sync_controller_sync_now (TANDEM_SYNC_PREFERENCES_PAGE (widget)->controller);
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemSyncPreferencesPage *self = TANDEM_SYNC_PREFERENCES_PAGE (widget);

  gtk_window_present (tandem_conflicts_window_new (get_window (self), self->controller));
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TandemSyncPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (tandem_sync_controller_change_passphrase_finish (TANDEM_SYNC_CONTROLLER (object), result,
                                                       &error))
    toast (self, _("The passphrase was changed. Other laptops keep syncing; new ones join "
                   "with the new passphrase."));
  else if (g_error_matches (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE))
    toast (self, _("The current passphrase is not right. Nothing was changed."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static const char *
entry_text (GObject    *dialog,
            const char *key)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (dialog, key)));
}

static void
passphrase_changed_cb (AdwMessageDialog *dialog)
{
  const char *old = entry_text (G_OBJECT (dialog), "old");
  const char *first = entry_text (G_OBJECT (dialog), "new");
  const char *again = entry_text (G_OBJECT (dialog), "again");

  adw_message_dialog_set_response_enabled (dialog, "change",
                                           old[0] != '\0' && first[0] != '\0' &&
                                           g_strcmp0 (first, again) == 0);
}

static void
passphrase_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  TandemSyncPreferencesPage *self = user_data;

  if (g_strcmp0 (response, "change") != 0)
    return;

  toast (self, _("Changing the passphrase…"));
  tandem_sync_controller_change_passphrase_async (self->controller,
                                                  entry_text (G_OBJECT (dialog), "old"),
                                                  entry_text (G_OBJECT (dialog), "new"),
                                                  self->cancellable, change_done_cb,
                                                  g_object_ref (self));
}

static GtkWidget *
add_password_row (GtkWidget  *list,
                  GtkWidget  *dialog,
                  const char *key,
                  const char *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (dialog), key, row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (passphrase_changed_cb), dialog);
  return row;
}

static void
change_passphrase_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TandemSyncPreferencesPage *self = TANDEM_SYNC_PREFERENCES_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *list;

  dialog = adw_message_dialog_new (get_window (self), _("Change Passphrase?"),
                                   _("The other laptops keep syncing. Give the new passphrase "
                                     "to whoever sets up another laptop: it cannot be "
                                     "recovered."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  add_password_row (list, dialog, "old", _("Current Passphrase"));
  add_password_row (list, dialog, "new", _("New Passphrase"));
  add_password_row (list, dialog, "again", _("New Passphrase Again"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "change", _("C_hange"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
turn_off_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TandemSyncPreferencesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (tandem_sync_controller_turn_off_finish (TANDEM_SYNC_CONTROLLER (object), result, &error))
    toast (self, _("Sync is off. The records stay on this laptop."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static void
turn_off_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  TandemSyncPreferencesPage *self = user_data;

  if (g_strcmp0 (response, "turn-off") != 0)
    return;

  tandem_sync_controller_turn_off_async (self->controller, self->cancellable, turn_off_done_cb,
                                         g_object_ref (self));
}

static void
turn_off_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemSyncPreferencesPage *self = TANDEM_SYNC_PREFERENCES_PAGE (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (get_window (self), _("Turn Off Sync?"),
                                   _("This laptop stops syncing and forgets the server’s "
                                     "password and the space’s key. Its records stay here, "
                                     "and the other laptops keep theirs."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "turn-off", _("_Turn Off"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "turn-off",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (turn_off_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ---------------------------------------------------------------- */

static void
tandem_sync_preferences_page_dispose (GObject *object)
{
  TandemSyncPreferencesPage *self = TANDEM_SYNC_PREFERENCES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_SYNC_PREFERENCES_PAGE);

  G_OBJECT_CLASS (tandem_sync_preferences_page_parent_class)->dispose (object);
}

static void
tandem_sync_preferences_page_finalize (GObject *object)
{
  TandemSyncPreferencesPage *self = TANDEM_SYNC_PREFERENCES_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->controller);

  G_OBJECT_CLASS (tandem_sync_preferences_page_parent_class)->finalize (object);
}

static void
tandem_sync_preferences_page_class_init (TandemSyncPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_sync_preferences_page_dispose;
  object_class->finalize = tandem_sync_preferences_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-sync-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, off_group);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, on_group);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, laptops_group);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, turn_off_group);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, conflicts_row);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncPreferencesPage, laptops_list);

  gtk_widget_class_install_action (widget_class, "sync-prefs.set-up", NULL, set_up_action);
  gtk_widget_class_install_action (widget_class, "sync-prefs.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "sync-prefs.conflicts", NULL,
                                   conflicts_action);
  gtk_widget_class_install_action (widget_class, "sync-prefs.change-passphrase", NULL,
                                   change_passphrase_action);
  gtk_widget_class_install_action (widget_class, "sync-prefs.turn-off", NULL, turn_off_action);
}

static void
tandem_sync_preferences_page_init (TandemSyncPreferencesPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tandem_sync_preferences_page_new:
 * @controller: the main window's sync controller
 *
 * Returns: (transfer floating): the Sync page of Preferences
 */
GtkWidget *
tandem_sync_preferences_page_new (TandemSyncController *controller)
{
  TandemSyncPreferencesPage *self;

  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (controller), NULL);

  self = g_object_new (TANDEM_TYPE_SYNC_PREFERENCES_PAGE, NULL);
  self->controller = g_object_ref (controller);
  g_signal_connect_swapped (controller, "notify::state", G_CALLBACK (update), self);
  g_signal_connect_swapped (controller, "notify::message", G_CALLBACK (update), self);
  g_signal_connect_swapped (controller, "notify::conflicts", G_CALLBACK (update), self);
  update (self);

  return GTK_WIDGET (self);
}
