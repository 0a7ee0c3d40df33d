/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-adjustments.h"
#include "tandem-child.h"
#include "tandem-dates.h"
#include "tandem-meeting-editor.h"
#include "tandem-meeting-text.h"
#include "tandem-meetings.h"
#include "tandem-meetings-view.h"
#include "tandem-pack-dialog.h"
#include "tandem-undo.h"

/* A child's meetings: those coming up, the actions still open, and the
 * meetings that have been held. A plain GtkWidget, for the same reason as
 * the family view: its "child" property is the child shown. */
struct _TandemMeetingsView
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  AdwPreferencesGroup *upcoming_group;
  AdwPreferencesGroup *actions_group;
  AdwPreferencesGroup *past_group;

  TandemStore         *store;
  TandemChild         *child;
  char                *today;
  guint                refresh_id;

  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (TandemMeetingsView, tandem_meetings_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWindow *
parent_window (TandemMeetingsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
today (TandemMeetingsView *self)
{
  if (self->today == NULL)
    self->today = tandem_date_today ();
  return self->today;
}

static void
clear_rows (TandemMeetingsView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      AdwPreferencesGroup *group =
        ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));

      if (group != NULL)
        adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (TandemMeetingsView  *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
open_editor (TandemMeetingsView *self,
             TandemMeeting      *meeting)
{
  GtkWindow *editor;

  if (self->store == NULL || self->child == NULL)
    return;

  editor = tandem_meeting_editor_new (parent_window (self), self->store, self->child, meeting);
  gtk_window_present (editor);
}

static void
meeting_row_activated_cb (AdwActionRow       *row,
                          TandemMeetingsView *self)
{
  TandemMeeting *meeting = g_object_get_data (G_OBJECT (row), "tandem-meeting");

  open_editor (self, meeting);
}

static void
invitation_clicked_cb (GtkButton          *button,
                       TandemMeetingsView *self)
{
  TandemMeeting *meeting = g_object_get_data (G_OBJECT (button), "tandem-meeting");
  GtkWindow *dialog;

  if (self->store == NULL)
    return;

  dialog = tandem_pack_dialog_new_invitation (parent_window (self), self->store,
                                              tandem_record_get_id (TANDEM_RECORD (meeting)));
  gtk_window_present (dialog);
}

/* A letter inviting a carer, in their language, to a meeting still to come. */
static GtkWidget *
invitation_button (TandemMeetingsView *self,
                   TandemMeeting      *meeting)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("mail-send-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Invitation Letter…"));
  tandem_a11y_set_label (button, _("Invitation Letter"));
  g_object_set_data_full (G_OBJECT (button), "tandem-meeting", g_object_ref (meeting),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (invitation_clicked_cb), self, 0);
  return button;
}

static GtkWidget *
meeting_row (TandemMeetingsView *self,
             TandemMeeting      *meeting,
             gboolean            upcoming)
{
  TandemRecord *record = TANDEM_RECORD (meeting);
  const char *status = tandem_record_get_text (record, "status");
  g_autofree char *when = tandem_meeting_text_when (meeting);
  g_autofree char *where = tandem_meeting_text_where (meeting);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 tandem_meeting_kind_label (tandem_record_get_text (record,
                                                                                    "kind")));
  if (!upcoming && g_strcmp0 (status, TANDEM_MEETING_PLANNED) == 0)
    /* Translators: a past meeting that was planned but not yet written up. */
    subtitle = g_strdup_printf (_("%s · Not recorded yet"), when);
  else if (!upcoming || g_strcmp0 (status, TANDEM_MEETING_CANCELLED) == 0)
    /* Translators: "<date> · <Held or Cancelled>". */
    subtitle = g_strdup_printf (_("%s · %s"), when, tandem_meeting_status_label (status));
  else if (where != NULL)
    /* Translators: "<date and time> · <format and place>". */
    subtitle = g_strdup_printf (_("%s · %s"), when, where);
  else
    subtitle = g_strdup (when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                upcoming ? "x-office-calendar-symbolic"
                                         : g_strcmp0 (status, TANDEM_MEETING_HELD) == 0
                                           ? "object-select-symbolic"
                                           : "x-office-calendar-symbolic");

  if (upcoming && g_strcmp0 (status, TANDEM_MEETING_PLANNED) == 0)
    {
      g_autoptr(TandemMeetingParts) parts =
        tandem_meetings_load_parts (self->store, tandem_record_get_id (record), NULL);
      g_autoptr(GPtrArray) carers = g_ptr_array_new_with_free_func (g_object_unref);
      TandemNoticeWarning warning = { 0 };

      for (guint i = 0; parts != NULL && i < parts->carer_ids->len; i++)
        {
          TandemCarer *carer = tandem_store_load (self->store, TANDEM_TYPE_CARER,
                                                  g_ptr_array_index (parts->carer_ids, i),
                                                  NULL);
          if (carer != NULL)
            g_ptr_array_add (carers, carer);
        }

      if (tandem_adjustments_check_notice (meeting, carers, today (self), &warning))
        {
          g_autofree char *text = tandem_meeting_text_notice_warning (self->store, &warning);
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, text);
          tandem_a11y_set_label (icon, text);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), invitation_button (self, meeting));
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "tandem-meeting", g_object_ref (meeting),
                          g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (meeting_row_activated_cb), self, 0);
  return row;
}

typedef struct {
  TandemStore *store;
  char        *action_id;
} ReopenAction;

static void
reopen_action_free (gpointer data)
{
  ReopenAction *reopen = data;

  g_object_unref (reopen->store);
  g_free (reopen->action_id);
  g_free (reopen);
}

static gboolean
reopen_action (gpointer   data,
               GError   **error)
{
  ReopenAction *reopen = data;

  return tandem_meetings_set_action_done (reopen->store, reopen->action_id, NULL, error);
}

static void
action_done_cb (GtkCheckButton     *check,
                TandemMeetingsView *self)
{
  TandemAction *action = g_object_get_data (G_OBJECT (check), "tandem-action");
  const char *id = tandem_record_get_id (TANDEM_RECORD (action));
  g_autoptr(GError) error = NULL;
  ReopenAction *reopen;
  g_autofree char *title = NULL;

  if (!gtk_check_button_get_active (check))
    return;

  if (!tandem_meetings_set_action_done (self->store, id, today (self), &error))
    {
      tandem_show_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      gtk_check_button_set_active (check, FALSE);
      return;
    }

  reopen = g_new0 (ReopenAction, 1);
  reopen->store = g_object_ref (self->store);
  reopen->action_id = g_strdup (id);
  /* Translators: %s is what was agreed, e.g. "Send the speech therapy referral". */
  title = g_strdup_printf (_("Done: %s"), tandem_record_get_text (TANDEM_RECORD (action), "what"));
  tandem_show_undo_toast (GTK_WIDGET (self), title, reopen_action, reopen, reopen_action_free);
}

static GtkWidget *
action_row (TandemMeetingsView *self,
            TandemAction       *action)
{
  TandemRecord *record = TANDEM_RECORD (action);
  g_autofree char *subtitle = tandem_meeting_text_action_subtitle (self->store, action,
                                                                  today (self));
  g_autofree char *check_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  const char *due = tandem_record_get_text (record, "due_on");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 tandem_record_get_text (record, "what"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (due != NULL && strcmp (due, today (self)) < 0)
    gtk_widget_add_css_class (row, "overdue");

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of the box that ticks an action off;
   * %s is the action. */
  check_label = g_strdup_printf (_("Done: %s"), tandem_record_get_text (record, "what"));
  tandem_a11y_set_label (check, check_label);
  g_object_set_data_full (G_OBJECT (check), "tandem-action", g_object_ref (action),
                          g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (action_done_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  return row;
}

static void
refresh (TandemMeetingsView *self)
{
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  const char *child_id;
  guint n_upcoming = 0, n_past = 0;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->today, g_free);
  clear_rows (self);

  if (self->store == NULL || self->child == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  child_id = tandem_record_get_id (TANDEM_RECORD (self->child));
  meetings = tandem_meetings_for_child (self->store, child_id, &error);
  if (meetings == NULL)
    {
      g_warning ("Cannot list meetings: %s", error->message);
      g_clear_error (&error);
    }
  actions = tandem_meetings_open_actions (self->store, child_id, today (self), &error);
  if (actions == NULL)
    g_warning ("Cannot list actions: %s", error->message);

  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      TandemMeeting *meeting = g_ptr_array_index (meetings, i);
      const char *on = tandem_record_get_text (TANDEM_RECORD (meeting), "meets_on");
      const char *status = tandem_record_get_text (TANDEM_RECORD (meeting), "status");
      gboolean upcoming = g_strcmp0 (on, today (self)) >= 0 &&
                          g_strcmp0 (status, TANDEM_MEETING_HELD) != 0;

      add_row (self, upcoming ? self->upcoming_group : self->past_group,
               meeting_row (self, meeting, upcoming));
      if (upcoming)
        n_upcoming++;
      else
        n_past++;
    }

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    add_row (self, self->actions_group, action_row (self, g_ptr_array_index (actions, i)));

  if (n_upcoming == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing planned"));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->upcoming_group, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->actions_group),
                          actions != NULL && actions->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->past_group), n_past > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    n_upcoming + n_past > 0 ? "list" : "empty");
  tandem_a11y_tidy_names (GTK_WIDGET (self));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TandemMeetingsView *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TandemMeetingsView *self,
                  const char         *table,
                  const char         *id,
                  TandemStore        *store)
{
  /* Only what the page shows: a journal being typed into leaves it be. */
  if (!g_str_has_prefix (table, "meeting") && g_strcmp0 (table, "actions") != 0 &&
      g_strcmp0 (table, "carers") != 0)
    return;

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
new_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_editor (TANDEM_MEETINGS_VIEW (widget), NULL);
}

static void
tandem_meetings_view_dispose (GObject *object)
{
  TandemMeetingsView *self = TANDEM_MEETINGS_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_MEETINGS_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->child);

  G_OBJECT_CLASS (tandem_meetings_view_parent_class)->dispose (object);
}

static void
tandem_meetings_view_finalize (GObject *object)
{
  TandemMeetingsView *self = TANDEM_MEETINGS_VIEW (object);

  g_ptr_array_unref (self->rows);
  g_free (self->today);

  G_OBJECT_CLASS (tandem_meetings_view_parent_class)->finalize (object);
}

static void
tandem_meetings_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TandemMeetingsView *self = TANDEM_MEETINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_meetings_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TandemMeetingsView *self = TANDEM_MEETINGS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_meetings_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHILD:
      tandem_meetings_view_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_meetings_view_class_init (TandemMeetingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_meetings_view_dispose;
  object_class->finalize = tandem_meetings_view_finalize;
  object_class->get_property = tandem_meetings_view_get_property;
  object_class->set_property = tandem_meetings_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, TANDEM_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-meetings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingsView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingsView, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingsView, actions_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingsView, past_group);

  gtk_widget_class_install_action (widget_class, "meetings.new", NULL, new_meeting_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tandem_meetings_view_init (TandemMeetingsView *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_a11y_tidy_names (GTK_WIDGET (self));
}

GtkWidget *
tandem_meetings_view_new (TandemStore *store)
{
  return g_object_new (TANDEM_TYPE_MEETINGS_VIEW, "store", store, NULL);
}

void
tandem_meetings_view_set_store (TandemMeetingsView *self,
                                TandemStore        *store)
{
  g_return_if_fail (TANDEM_IS_MEETINGS_VIEW (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
tandem_meetings_view_set_child (TandemMeetingsView *self,
                                TandemChild        *child)
{
  g_return_if_fail (TANDEM_IS_MEETINGS_VIEW (self));
  g_return_if_fail (child == NULL || TANDEM_IS_CHILD (child));

  if (!g_set_object (&self->child, child))
    return;

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * tandem_meetings_view_show_meeting:
 * @self: the view
 * @meeting_id: a meeting of the child shown
 *
 * Opens the meeting's editor, as from the week page.
 *
 * Returns: whether the meeting was found
 */
gboolean
tandem_meetings_view_show_meeting (TandemMeetingsView *self,
                                   const char         *meeting_id)
{
  g_autoptr(TandemMeeting) meeting = NULL;

  g_return_val_if_fail (TANDEM_IS_MEETINGS_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  meeting = tandem_store_load (self->store, TANDEM_TYPE_MEETING, meeting_id, NULL);
  if (meeting == NULL || tandem_record_get_deleted (TANDEM_RECORD (meeting)))
    return FALSE;

  open_editor (self, meeting);
  return TRUE;
}
