/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-undo.h"

typedef struct {
  TandemStore  *store;
  TandemRecord *record;
  /* Where the toast went: the row that was clicked is usually gone by the
   * time Undo is, because the list it was in has been rebuilt. */
  GWeakRef      target;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->record);
  g_weak_ref_clear (&undo->target);
  g_free (undo);
}

static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay_below (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
name_close_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        tandem_a11y_set_label (child, _("Dismiss"));
      name_close_buttons (child);
    }
}

/* libadwaita 1.2 toasts on GTK 4.8 name their button "_Undo Undo" and the
 * close button "GtkImage"; screen readers (and the tests, which find
 * controls by name) need "Undo" and "Dismiss". A toast waiting its turn
 * is not built yet and keeps the odd names. */
static void
tidy_toasts (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      {
        tandem_a11y_tidy_names (child);
        name_close_buttons (child);
      }
}

/* Either an AdwPreferencesWindow or an AdwToastOverlay, or NULL. */
static GtkWidget *
find_toast_target (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *overlay;

  if (ADW_IS_PREFERENCES_WINDOW (root))
    return GTK_WIDGET (root);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL && GTK_IS_WINDOW (root))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (root));

      if (parent != NULL)
        overlay = (GtkWidget *) find_overlay_below (GTK_WIDGET (parent));
    }

  return overlay;
}

/**
 * tandem_show_toast:
 * @widget: a widget in the window the toast is about
 * @toast: (transfer full): the toast
 *
 * Shows @toast where the person will see it: in the preferences window when
 * @widget is in one, else in the nearest #AdwToastOverlay around @widget,
 * else (for a modal editor that is closing) in the window it belongs to.
 */
void
tandem_show_toast (GtkWidget *widget,
                   AdwToast  *toast)
{
  GtkWidget *target;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  target = find_toast_target (widget);
  if (ADW_IS_PREFERENCES_WINDOW (target))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (target), toast);
  else if (ADW_IS_TOAST_OVERLAY (target))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (target), toast);
      tidy_toasts (ADW_TOAST_OVERLAY (target));
    }
  else
    {
      g_warning ("No toast overlay for “%s”", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

static void
show_error (GtkWidget    *widget,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  tandem_show_toast (widget, toast);
}

typedef struct {
  TandemUndoFunc  func;
  gpointer        data;
  GDestroyNotify  destroy;
  GWeakRef        target;
} UndoCall;

static void
undo_call_free (gpointer  data,
                GClosure *closure)
{
  UndoCall *call = data;

  if (call->destroy != NULL)
    call->destroy (call->data);
  g_weak_ref_clear (&call->target);
  g_free (call);
}

static void
undo_call_clicked_cb (AdwToast *toast,
                      UndoCall *call)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) target = g_weak_ref_get (&call->target);

  if (!call->func (call->data, &error) && target != NULL)
    show_error (target, error);
}

/**
 * tandem_show_undo_toast:
 * @widget: a widget in the window the change was made in
 * @title: plain text (not markup), e.g. "Meeting deleted"
 * @undo: puts the change back; returns FALSE with an error when it cannot
 * @data: for @undo
 * @destroy: (nullable): frees @data when the toast goes
 *
 * Shows a toast with an Undo button for a change that was already made.
 */
void
tandem_show_undo_toast (GtkWidget      *widget,
                        const char     *title,
                        TandemUndoFunc  undo,
                        gpointer        data,
                        GDestroyNotify  destroy)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  UndoCall *call;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);
  g_return_if_fail (undo != NULL);

  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  call = g_new0 (UndoCall, 1);
  call->func = undo;
  call->data = data;
  call->destroy = destroy;
  g_weak_ref_init (&call->target, find_toast_target (widget));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_call_clicked_cb),
                         call, undo_call_free, 0);

  tandem_show_toast (widget, toast);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) target = g_weak_ref_get (&undo->target);

  if (!tandem_store_undelete (undo->store, undo->record, &error) && target != NULL)
    show_error (target, error);
}

/**
 * tandem_delete_with_undo:
 * @widget: the widget the person used to delete, to find where to show the toast
 * @store: the store
 * @record: the record to delete
 * @title: plain text (not markup) for the toast, e.g. "Amira deleted"
 *
 * Deletes @record (a tombstone, so nothing is lost) and shows a toast with
 * an Undo button that brings it back. If the deletion fails, the toast says
 * why instead.
 */
void
tandem_delete_with_undo (GtkWidget    *widget,
                         TandemStore  *store,
                         TandemRecord *record,
                         const char   *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  Undo *undo;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (TANDEM_IS_STORE (store));
  g_return_if_fail (TANDEM_IS_RECORD (record));
  g_return_if_fail (title != NULL);

  if (!tandem_store_delete (store, record, &error))
    {
      show_error (widget, error);
      return;
    }

  /* The toast title is markup; names such as "Siân & Joe" must stay text. */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  undo = g_new0 (Undo, 1);
  undo->store = g_object_ref (store);
  undo->record = g_object_ref (record);
  g_weak_ref_init (&undo->target, find_toast_target (widget));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                         undo, undo_free, 0);

  tandem_show_toast (widget, toast);
}
