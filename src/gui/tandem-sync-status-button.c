/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-conflicts-window.h"
#include "tandem-sync-setup-dialog.h"
#include "tandem-sync-status-button.h"

/* Sync's state in the header bar: an icon, the state in words as its
 * tooltip, and a popover to sync now, unlock, or review conflicts. Hidden
 * while sync is off. */
struct _TandemSyncStatusButton
{
  GtkWidget             parent_instance;

  TandemSyncController *controller;

  GtkWidget            *menu_button;
  GtkWidget            *popover;
  GtkLabel             *message_label;
  GtkLabel             *last_sync_label;
  GtkWidget            *unlock_button;
  GtkWidget            *sync_now_button;
  GtkButton            *conflicts_button;
};

G_DEFINE_FINAL_TYPE (TandemSyncStatusButton, tandem_sync_status_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
icon_for_state (TandemSyncState state)
{
  switch (state)
    {
    case TANDEM_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case TANDEM_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case TANDEM_SYNC_STATE_ERROR:
    case TANDEM_SYNC_STATE_NEEDS_UNLOCK:
      return "dialog-warning-symbolic";
    case TANDEM_SYNC_STATE_OFF:
    case TANDEM_SYNC_STATE_UP_TO_DATE:
    default:
      return "emblem-ok-symbolic";
    }
}

static void
update (TandemSyncStatusButton *self)
{
  TandemSyncState state = TANDEM_SYNC_STATE_OFF;
  const char *message = NULL;
  GDateTime *last = NULL;
  guint conflicts = 0;
  g_autofree char *last_text = NULL;
  g_autofree char *conflicts_text = NULL;

  if (self->controller != NULL)
    {
      state = tandem_sync_controller_get_state (self->controller);
      message = tandem_sync_controller_get_message (self->controller);
      last = tandem_sync_controller_get_last_sync (self->controller);
      conflicts = tandem_sync_controller_get_conflicts (self->controller);
    }

  /* Off, the button goes; unless sync just stopped on its own (this laptop
   * was removed), which it stays to say. */
  gtk_widget_set_visible (GTK_WIDGET (self), state != TANDEM_SYNC_STATE_OFF || message != NULL);
  if (message == NULL)
    message = _("Sync");

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button),
                                 state == TANDEM_SYNC_STATE_OFF ? "dialog-warning-symbolic"
                                                                : icon_for_state (state));
  gtk_widget_set_tooltip_text (self->menu_button, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
  gtk_label_set_text (self->message_label, message);

  if (last != NULL)
    {
      g_autofree char *time = g_date_time_format (last, "%H:%M");

      /* Translators: %s is a time of day, e.g. "14:05". */
      last_text = g_strdup_printf (_("Last synced at %s"), time);
    }
  gtk_label_set_text (self->last_sync_label, last_text ? last_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->last_sync_label), last_text != NULL);

  gtk_widget_set_visible (self->unlock_button, state == TANDEM_SYNC_STATE_NEEDS_UNLOCK);
  gtk_widget_set_visible (self->sync_now_button, state != TANDEM_SYNC_STATE_OFF);
  gtk_widget_set_sensitive (self->sync_now_button, state != TANDEM_SYNC_STATE_SYNCING &&
                                                   state != TANDEM_SYNC_STATE_NEEDS_UNLOCK);

  /* Translators: a button; %u is how many conflicts wait to be reviewed. */
  conflicts_text = g_strdup_printf (_("Review _Conflicts (%u)"), conflicts);
  gtk_button_set_label (self->conflicts_button, conflicts_text);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), conflicts > 0);

  if (state == TANDEM_SYNC_STATE_ERROR || state == TANDEM_SYNC_STATE_NEEDS_UNLOCK ||
      state == TANDEM_SYNC_STATE_OFF)
    gtk_widget_add_css_class (self->menu_button, "warning");
  else
    gtk_widget_remove_css_class (self->menu_button, "warning");
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemSyncStatusButton *self = TANDEM_SYNC_STATUS_BUTTON (widget);

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->controller != NULL)
    tandem_sync_controller_sync_now (self->controller);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemSyncStatusButton *self = TANDEM_SYNC_STATUS_BUTTON (widget);
  GtkWindow *dialog;

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->controller == NULL)
    return;

  dialog = tandem_sync_setup_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                         self->controller, TRUE);
  gtk_window_present (dialog);
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemSyncStatusButton *self = TANDEM_SYNC_STATUS_BUTTON (widget);
  GtkWindow *window;

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  if (self->controller == NULL)
    return;

  window = tandem_conflicts_window_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                        self->controller);
  gtk_window_present (window);
}

static void
tandem_sync_status_button_dispose (GObject *object)
{
  TandemSyncStatusButton *self = TANDEM_SYNC_STATUS_BUTTON (object);

  tandem_sync_status_button_set_controller (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_SYNC_STATUS_BUTTON);

  G_OBJECT_CLASS (tandem_sync_status_button_parent_class)->dispose (object);
}

static void
tandem_sync_status_button_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TandemSyncStatusButton *self = TANDEM_SYNC_STATUS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_sync_status_button_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TandemSyncStatusButton *self = TANDEM_SYNC_STATUS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      tandem_sync_status_button_set_controller (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_sync_status_button_class_init (TandemSyncStatusButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_sync_status_button_dispose;
  object_class->get_property = tandem_sync_status_button_get_property;
  object_class->set_property = tandem_sync_status_button_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, TANDEM_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-sync-status-button.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemSyncStatusButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncStatusButton, popover);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncStatusButton, message_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncStatusButton, last_sync_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncStatusButton, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncStatusButton, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, TandemSyncStatusButton, conflicts_button);

  gtk_widget_class_install_action (widget_class, "sync-status.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "sync-status.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "sync-status.conflicts", NULL,
                                   conflicts_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tandem-sync-status-button");
}

static void
tandem_sync_status_button_init (TandemSyncStatusButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

/**
 * tandem_sync_status_button_set_controller:
 * @self: a #TandemSyncStatusButton
 * @controller: (nullable): the window's sync controller
 *
 * Shows @controller's state.
 */
void
tandem_sync_status_button_set_controller (TandemSyncStatusButton *self,
                                          TandemSyncController   *controller)
{
  g_return_if_fail (TANDEM_IS_SYNC_STATUS_BUTTON (self));
  g_return_if_fail (controller == NULL || TANDEM_IS_SYNC_CONTROLLER (controller));

  if (self->controller == controller)
    return;

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    {
      g_signal_connect_swapped (controller, "notify::state", G_CALLBACK (update), self);
      g_signal_connect_swapped (controller, "notify::message", G_CALLBACK (update), self);
      g_signal_connect_swapped (controller, "notify::conflicts", G_CALLBACK (update), self);
      g_signal_connect_swapped (controller, "notify::last-sync", G_CALLBACK (update), self);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

/**
 * tandem_sync_status_button_get_controller:
 * @self: a #TandemSyncStatusButton
 *
 * Returns: (nullable) (transfer none): the controller shown
 */
TandemSyncController *
tandem_sync_status_button_get_controller (TandemSyncStatusButton *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_STATUS_BUTTON (self), NULL);

  return self->controller;
}
