/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-conflicts-window-private.h"
#include "tandem-dates.h"
#include "tandem-records.h"
#include "tandem-sync-store.h"

/*
 * The long texts that two laptops changed at the same time. Sync kept the
 * newer edit and put the other aside (tandem-sync-store.h); here a person
 * sees both, and keeps one or merges them by hand.
 */
struct _TandemConflictsWindow
{
  AdwWindow             parent_instance;

  TandemSyncController *controller;
  TandemStore          *store;
  GPtrArray            *conflicts;    /* TandemSyncConflict */
  TandemSyncConflict   *selected;     /* borrowed from conflicts */
  char                 *current_text;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkListBox           *list;
  GtkLabel             *detail_title;
  GtkLabel             *current_label;
  GtkLabel             *other_title;
  GtkLabel             *other_label;
  GtkRevealer          *edit_revealer;
  GtkTextView          *edit_view;
};

G_DEFINE_FINAL_TYPE (TandemConflictsWindow, tandem_conflicts_window, ADW_TYPE_WINDOW)

static const char *
kind_of (const char *table)
{
  if (g_strcmp0 (table, "observations") == 0)
    return C_("search result", "Observation");
  if (g_strcmp0 (table, "comments") == 0)
    return C_("search result", "Comment");
  if (g_strcmp0 (table, "meetings") == 0)
    return C_("search result", "Meeting");
  if (g_strcmp0 (table, "plans") == 0)
    return _("Support plan");
  if (g_strcmp0 (table, "children") == 0)
    return _("Child’s details");
  /* Translators: a noun: what a conflict is about when there is no better
   * word (any saved item of the setting's records). */
  return C_("record kind", "Record");
}

static char *
child_name (TandemStore *store,
            const char  *child_id)
{
  g_autoptr(TandemChild) child = NULL;

  if (child_id == NULL)
    return NULL;

  child = tandem_store_load (store, TANDEM_TYPE_CHILD, child_id, NULL);
  if (child == NULL)
    return NULL;

  return g_strdup (tandem_child_get_display_name (child));
}

/* The child an observation, comment or other record is about. */
static char *
record_child (TandemStore  *store,
              TandemRecord *record)
{
  GType type = G_OBJECT_TYPE (record);
  const char *observation_id = NULL;

  if (tandem_record_type_find_field (type, "child_id") != NULL)
    return child_name (store, tandem_record_get_text (record, "child_id"));

  if (type == TANDEM_TYPE_OBSERVATION)
    observation_id = tandem_record_get_id (record);
  else if (tandem_record_type_find_field (type, "observation_id") != NULL)
    observation_id = tandem_record_get_text (record, "observation_id");

  if (observation_id != NULL)
    {
      const char *params[] = { observation_id, NULL };
      g_autoptr(GPtrArray) links = NULL;

      links = tandem_store_list (store, TANDEM_TYPE_OBSERVATION_CHILD, "observation_id = ?",
                                 params, NULL);
      if (links != NULL && links->len > 0)
        return child_name (store, tandem_record_get_text (g_ptr_array_index (links, 0),
                                                          "child_id"));
    }

  return NULL;
}

static char *
record_date (TandemRecord *record)
{
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    if (klass->fields[i].type == TANDEM_FIELD_DATE)
      {
        const char *date = tandem_record_get_text (record, klass->fields[i].name);

        return date ? tandem_date_format_long (date) : NULL;
      }

  return NULL;
}

/* "Observation of Amelia, 3 May 2026 — Text" */
static char *
describe (TandemStore        *store,
          TandemSyncConflict *conflict)
{
  GType type = tandem_record_type_from_table (conflict->table);
  g_autoptr(TandemRecord) record = NULL;
  g_autofree char *child = NULL;
  g_autofree char *date = NULL;
  g_autofree char *what = NULL;
  const TandemField *field = NULL;
  const char *field_label;

  if (type != G_TYPE_INVALID)
    {
      record = tandem_store_load (store, type, conflict->row_id, NULL);
      field = tandem_record_type_find_field (type, conflict->field);
    }

  if (record != NULL)
    {
      child = record_child (store, record);
      date = record_date (record);
    }

  if (child != NULL)
    /* Translators: e.g. "Observation of Amelia"; %1$s is the kind of record,
     * %2$s a child's name. */
    what = g_strdup_printf (_("%1$s of %2$s"), kind_of (conflict->table), child);
  else
    what = g_strdup (kind_of (conflict->table));

  if (date != NULL)
    {
      /* Translators: e.g. "Observation of Amelia, 3 May 2026". */
      g_autofree char *dated = g_strdup_printf (_("%1$s, %2$s"), what, date);

      g_free (what);
      what = g_steal_pointer (&dated);
    }

  field_label = field != NULL && field->label != NULL ? _(field->label) : conflict->field;
  /* Translators: what a conflict is about, e.g. "Observation of Amelia,
   * 3 May 2026 — Text"; %2$s is the name of the field. */
  return g_strdup_printf (_("%1$s — %2$s"), what, field_label);
}

static char *
load_current (TandemStore        *store,
              TandemSyncConflict *conflict)
{
  GType type = tandem_record_type_from_table (conflict->table);
  g_autoptr(TandemRecord) record = NULL;

  if (type == G_TYPE_INVALID)
    return NULL;

  record = tandem_store_load (store, type, conflict->row_id, NULL);
  if (record == NULL)
    return NULL;

  return g_strdup (tandem_record_get_text (record, conflict->field));
}

static void
show_selected (TandemConflictsWindow *self)
{
  TandemSyncConflict *conflict = self->selected;
  gboolean have = conflict != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.keep", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.use-other", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.edit", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.save", have);
  gtk_revealer_set_reveal_child (self->edit_revealer, FALSE);

  g_clear_pointer (&self->current_text, g_free);
  if (!have)
    return;

  {
    g_autofree char *title = describe (self->store, conflict);

    gtk_label_set_text (self->detail_title, title);
  }

  self->current_text = load_current (self->store, conflict);
  gtk_label_set_text (self->current_label, self->current_text ? self->current_text : "");
  gtk_label_set_text (self->other_label, conflict->other_value ? conflict->other_value : "");
}

static void
row_selected_cb (TandemConflictsWindow *self,
                 GtkListBoxRow         *row)
{
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index >= 0 && self->conflicts != NULL && (guint) index < self->conflicts->len)
    self->selected = g_ptr_array_index (self->conflicts, index);
  else
    self->selected = NULL;

  show_selected (self);
}

static void
reload (TandemConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  self->selected = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  self->conflicts = tandem_sync_store_list_conflicts (self->store, &error);
  if (self->conflicts == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      self->conflicts = g_ptr_array_new ();
    }

  for (guint i = 0; i < self->conflicts->len; i++)
    {
      TandemSyncConflict *conflict = g_ptr_array_index (self->conflicts, i);
      g_autofree char *title = describe (self->store, conflict);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_append (self->list, row);
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    self->conflicts->len > 0 ? "conflicts" : "empty");
  if (self->conflicts->len > 0)
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
  else
    show_selected (self);
}

static void
resolve (TandemConflictsWindow *self,
         const char            *text)
{
  g_autoptr(GError) error = NULL;

  if (self->selected == NULL)
    return;

  if (!tandem_sync_store_resolve_conflict (self->store, self->selected->id, text, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  tandem_sync_controller_update_conflicts (self->controller);
  reload (self);
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemConflictsWindow *self = TANDEM_CONFLICTS_WINDOW (widget);

  /* No new edit: the current text simply stays. */
  resolve (self, NULL);
}

static void
use_other_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemConflictsWindow *self = TANDEM_CONFLICTS_WINDOW (widget);

  if (self->selected != NULL)
    resolve (self, self->selected->other_value ? self->selected->other_value : "");
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemConflictsWindow *self = TANDEM_CONFLICTS_WINDOW (widget);
  g_autofree char *both = NULL;

  if (self->selected == NULL)
    return;

  both = g_strdup_printf ("%s\n\n%s", self->current_text ? self->current_text : "",
                          self->selected->other_value ? self->selected->other_value : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->edit_view), both, -1);
  gtk_revealer_set_reveal_child (self->edit_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_view));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemConflictsWindow *self = TANDEM_CONFLICTS_WINDOW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->edit_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  resolve (self, g_strstrip (text));
}

static void
tandem_conflicts_window_dispose (GObject *object)
{
  TandemConflictsWindow *self = TANDEM_CONFLICTS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CONFLICTS_WINDOW);

  G_OBJECT_CLASS (tandem_conflicts_window_parent_class)->dispose (object);
}

static void
tandem_conflicts_window_finalize (GObject *object)
{
  TandemConflictsWindow *self = TANDEM_CONFLICTS_WINDOW (object);

  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->current_text, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->controller);

  G_OBJECT_CLASS (tandem_conflicts_window_parent_class)->finalize (object);
}

static void
tandem_conflicts_window_class_init (TandemConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_conflicts_window_dispose;
  object_class->finalize = tandem_conflicts_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, current_label);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, other_title);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, other_label);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, edit_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemConflictsWindow, edit_view);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_install_action (widget_class, "conflicts.keep", NULL, keep_action);
  gtk_widget_class_install_action (widget_class, "conflicts.use-other", NULL, use_other_action);
  gtk_widget_class_install_action (widget_class, "conflicts.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "conflicts.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_conflicts_window_init (TandemConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tandem_conflicts_window_new:
 * @parent: (nullable): the main window
 * @controller: the window's sync controller
 *
 * Returns: (transfer floating): a window listing the conflicts to review
 */
GtkWindow *
tandem_conflicts_window_new (GtkWindow            *parent,
                             TandemSyncController *controller)
{
  TandemConflictsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_SYNC_CONTROLLER (controller), NULL);

  self = g_object_new (TANDEM_TYPE_CONFLICTS_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->controller = g_object_ref (controller);
  self->store = g_object_ref (tandem_sync_controller_get_store (controller));
  reload (self);

  return GTK_WINDOW (self);
}

guint
_tandem_conflicts_window_get_n_conflicts (TandemConflictsWindow *self)
{
  return self->conflicts ? self->conflicts->len : 0;
}

const char *
_tandem_conflicts_window_get_title (TandemConflictsWindow *self)
{
  return self->selected ? gtk_label_get_text (self->detail_title) : NULL;
}

const char *
_tandem_conflicts_window_get_current (TandemConflictsWindow *self)
{
  return self->selected ? gtk_label_get_text (self->current_label) : NULL;
}

const char *
_tandem_conflicts_window_get_other (TandemConflictsWindow *self)
{
  return self->selected ? gtk_label_get_text (self->other_label) : NULL;
}
