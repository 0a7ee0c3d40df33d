/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"

/* Set on an editor once closing it may not ask any more: its changes were
 * saved, or the person chose to discard them. */
#define CLOSE_CONFIRMED "tandem-editor-close-confirmed"

/**
 * tandem_editor_class_setup:
 * @widget_class: the class of an editor window
 * @resource: the resource path of its template
 * @save: the `editor.save` action: check the form, save, close (see
 *   tandem_editor_save())
 *
 * Sets the template and the keys every editor has: Ctrl+Return saves, as
 * the Save button does, and Escape closes (asking first if anything was
 * typed; see tandem_editor_guard_close()).
 */
void
tandem_editor_class_setup (GtkWidgetClass              *widget_class,
                           const char                  *resource,
                           GtkWidgetActionActivateFunc  save)
{
  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *editor)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  g_object_set_data (G_OBJECT (editor), CLOSE_CONFIRMED, GINT_TO_POINTER (TRUE));
  gtk_window_close (editor);
}

/* Asks whether to throw the changes away; if so, @editor is closed again. */
static void
ask_discard (GtkWindow *editor)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (editor, _("Discard Changes?"),
                                   _("What you typed here has not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), editor, 0);
  /* Discarding closes the editor while the dialog is still answering; the
   * dialog goes a moment later and lets go of its parent then, so the
   * editor must still be there. */
  g_object_set_data_full (G_OBJECT (dialog), "tandem-editor", g_object_ref (editor),
                          g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
close_request_cb (GtkWindow *editor,
                  gpointer   user_data)
{
  TandemEditorChangedFunc has_changes = (TandemEditorChangedFunc) user_data;

  if (g_object_get_data (G_OBJECT (editor), CLOSE_CONFIRMED) != NULL || !has_changes (editor))
    return FALSE;

  ask_discard (editor);
  return TRUE;
}

/**
 * tandem_editor_guard_close:
 * @editor: an editor window
 * @has_changes: tells whether @editor holds unsaved changes
 *
 * Escape is quick to press by mistake, and typed work is not thrown away
 * without a question: while @has_changes says so, closing @editor asks
 * first whether to discard the changes.
 */
void
tandem_editor_guard_close (GtkWindow               *editor,
                           TandemEditorChangedFunc  has_changes)
{
  g_return_if_fail (GTK_IS_WINDOW (editor));
  g_return_if_fail (has_changes != NULL);

  g_signal_connect (editor, "close-request", G_CALLBACK (close_request_cb),
                    (gpointer) has_changes);
}

/**
 * tandem_editor_close_saved:
 * @editor: an editor window whose record was just saved
 *
 * Closes @editor without asking: nothing is left to lose.
 */
void
tandem_editor_close_saved (GtkWindow *editor)
{
  g_object_set_data (G_OBJECT (editor), CLOSE_CONFIRMED, GINT_TO_POINTER (TRUE));
  gtk_window_close (editor);
}

/**
 * tandem_editor_save:
 * @editor: an editor window
 * @store: where to save
 * @saved_signal: the signal @editor emits with @record once it is saved
 * @record: the record the form describes
 * @field: (out) (optional): when the store refuses @record, the field its
 *   message seems to be about (see tandem_editor_error_field()), or %NULL
 * @error: the store's reason, a message for the person
 *
 * Saves @record. Once it is saved, @editor emits `saved` and closes
 * without asking: nothing is left to lose.
 *
 * Returns: whether @record was saved
 */
gboolean
tandem_editor_save (GtkWindow     *editor,
                    TandemStore   *store,
                    guint          saved_signal,
                    TandemRecord  *record,
                    const char   **field,
                    GError       **error)
{
  GError *local_error = NULL;

  if (field != NULL)
    *field = NULL;

  if (!tandem_store_save (store, record, &local_error))
    {
      if (field != NULL)
        *field = tandem_editor_error_field (G_OBJECT_TYPE (record), local_error->message);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  g_signal_emit (editor, saved_signal, 0, record);
  tandem_editor_close_saved (editor);
  return TRUE;
}

/**
 * tandem_editor_get_entry:
 * @row: a row where text is typed
 *
 * Returns: (transfer full) (nullable): the text without the spaces around
 *   it, or %NULL when nothing else is there
 */
char *
tandem_editor_get_entry (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (text[0] == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/**
 * tandem_editor_set_entry:
 * @row: a row where text is typed
 * @text: (nullable): the text to show; %NULL empties the row
 */
void
tandem_editor_set_entry (AdwEntryRow *row,
                         const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/**
 * tandem_editor_get_notes:
 * @view: a text view
 *
 * Returns: (transfer full) (nullable): its text without the blank space
 *   around it, or %NULL when there is nothing else
 */
char *
tandem_editor_get_notes (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (text[0] == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/**
 * tandem_editor_set_notes:
 * @view: a text view
 * @text: (nullable): the text to show; %NULL empties the view
 */
void
tandem_editor_set_notes (GtkTextView *view,
                         const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
date_changed_cb (AdwEntryRow *row)
{
  GtkLabel *hint = g_object_get_data (G_OBJECT (row), "tandem-hint");
  g_autofree char *iso = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (hint == NULL)
    return;

  /* Reading the date back in words catches a day and month swapped. */
  if (!tandem_date_from_user_text (text, &iso))
    {
      gtk_label_set_text (hint, _("Not a date"));
      gtk_widget_remove_css_class (GTK_WIDGET (hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (hint), "error");
    }
  else
    {
      g_autofree char *long_date = tandem_date_format_long (iso);

      gtk_label_set_text (hint, long_date);
      gtk_widget_remove_css_class (GTK_WIDGET (hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (hint), "dim-label");
      tandem_editor_set_row_error (GTK_WIDGET (row), FALSE);
    }
}

/**
 * tandem_editor_add_date_hint:
 * @row: a row where a date is typed
 *
 * Shows beside the typed date how it was understood ("14 March 2021"), or
 * that it is not a date yet.
 */
void
tandem_editor_add_date_hint (AdwEntryRow *row)
{
  GtkWidget *hint = gtk_label_new (NULL);

  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (hint), PANGO_ELLIPSIZE_END);
  adw_entry_row_add_suffix (row, hint);
  g_object_set_data (G_OBJECT (row), "tandem-hint", hint);
  g_signal_connect (row, "changed", G_CALLBACK (date_changed_cb), NULL);
  date_changed_cb (row);
}

/**
 * tandem_editor_get_date:
 * @row: a row where a date is typed
 * @example: a date as `YYYY-MM-DD` to show how dates can be typed, one
 *   that fits the row (a birthday, a recent day)
 * @iso_date: (out) (transfer full): the date as `YYYY-MM-DD`, or %NULL if
 *   the row is empty or does not hold a date
 * @message: (out) (transfer full) (optional): if the row does not hold a
 *   date, what to tell the person, e.g. "Date of birth: “14/14/2021” is not
 *   a date. Type it as 2021-03-14 or 14/03/2021."
 *
 * Returns: %FALSE if the row holds something that is not a date
 */
gboolean
tandem_editor_get_date (AdwEntryRow  *row,
                        const char   *example,
                        char        **iso_date,
                        char        **message)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *day_first = NULL;
  int y, m, d;

  if (message != NULL)
    *message = NULL;
  if (tandem_date_from_user_text (text, iso_date))
    return TRUE;
  if (message == NULL)
    return FALSE;

  /* The example both ways round: ISO, and day first as people write it. */
  if (sscanf (example, "%d-%d-%d", &y, &m, &d) == 3)
    day_first = g_strdup_printf ("%02d/%02d/%04d", d, m, y);
  /* Translators: %1$s names a date field, e.g. "Date of birth"; %2$s is what
   * was typed; %3$s and %4$s are the same example date written two ways,
   * e.g. "2021-03-14" and "14/03/2021". */
  *message = g_strdup_printf (_("%1$s: “%2$s” is not a date. Type it as %3$s or %4$s."),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              text, example, day_first != NULL ? day_first : example);
  return FALSE;
}

/**
 * tandem_editor_set_row_error:
 * @row: a form row
 * @error: whether the row holds what stops the record being saved
 */
void
tandem_editor_set_row_error (GtkWidget *row,
                             gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/**
 * tandem_editor_show_error:
 * @revealer: the editor's error area
 * @label: the label inside @revealer
 * @message: what is wrong
 * @row: (nullable): the row the message is about
 *
 * Shows @message above the form, and marks and focuses @row, opening the
 * expander row it is in if it is hidden in one.
 */
void
tandem_editor_show_error (GtkRevealer *revealer,
                          GtkLabel    *label,
                          const char  *message,
                          GtkWidget   *row)
{
  GtkWidget *expander;

  gtk_label_set_text (label, message);
  gtk_revealer_set_reveal_child (revealer, TRUE);
  if (row == NULL)
    return;

  expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);
  if (expander != NULL && expander != row)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  tandem_editor_set_row_error (row, TRUE);
  gtk_widget_grab_focus (row);
}

static void
clear_row_errors (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child))
        tandem_editor_set_row_error (child, FALSE);
      clear_row_errors (child);
    }
}

/**
 * tandem_editor_clear_errors:
 * @editor: an editor window
 * @revealer: its error area
 *
 * Hides the error and unmarks every row tandem_editor_show_error() marked.
 */
void
tandem_editor_clear_errors (GtkWidget   *editor,
                            GtkRevealer *revealer)
{
  /* Only rows: a date hint beside a row keeps its own "error" style. */
  clear_row_errors (editor);
  gtk_revealer_set_reveal_child (revealer, FALSE);
}

/**
 * tandem_editor_error_field:
 * @type: a record type
 * @message: a validation message from the store
 *
 * Guesses which field a message is about, so an editor can mark the row:
 * the field whose label appears first in the message, e.g. "Start date" in
 * "The start date is before the date of birth."
 *
 * Returns: (nullable): the field's column name
 */
const char *
tandem_editor_error_field (GType       type,
                           const char *message)
{
  g_autofree char *folded = g_utf8_casefold (message, -1);
  const TandemField *fields;
  const char *best = NULL;
  const char *best_at = NULL;
  gsize best_len = 0;
  guint n;

  fields = tandem_record_type_get_fields (type, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      const char *at;

      if (fields[i].label == NULL)
        continue;

      label = g_utf8_casefold (g_dgettext (GETTEXT_PACKAGE, fields[i].label), -1);
      at = strstr (folded, label);
      if (at == NULL)
        continue;

      if (best_at == NULL || at < best_at || (at == best_at && strlen (label) > best_len))
        {
          best = fields[i].name;
          best_at = at;
          best_len = strlen (label);
        }
    }

  return best;
}

/**
 * tandem_editor_records_differ:
 * @a: a record
 * @b: a record of the same type
 *
 * Returns: whether any field of @a and @b differs
 */
gboolean
tandem_editor_records_differ (TandemRecord *a,
                              TandemRecord *b)
{
  const TandemField *fields;
  guint n;

  g_return_val_if_fail (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b), TRUE);

  fields = tandem_record_type_get_fields (G_OBJECT_TYPE (a), &n);
  for (guint i = 0; i < n; i++)
    if (!tandem_record_values_equal (fields[i].type,
                                     tandem_record_get_value (a, i),
                                     tandem_record_get_value (b, i)))
      return TRUE;

  return FALSE;
}

/**
 * tandem_editor_field_box:
 * @title: the field's heading
 * @hint: (nullable): a line under it saying what to write
 *
 * Returns: (transfer floating): a vertical box holding the heading and the
 *   hint, for the field's widget to be appended to
 */
GtkWidget *
tandem_editor_field_box (const char *title,
                         const char *hint)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_set_margin_top (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (hint != NULL)
    {
      GtkWidget *hint_label = gtk_label_new (hint);

      gtk_label_set_xalign (GTK_LABEL (hint_label), 0);
      gtk_label_set_wrap (GTK_LABEL (hint_label), TRUE);
      gtk_widget_add_css_class (hint_label, "dim-label");
      gtk_widget_add_css_class (hint_label, "caption");
      gtk_box_append (GTK_BOX (box), hint_label);
    }
  return box;
}

/**
 * tandem_editor_text_view_new:
 * @name: its accessible name
 * @height: its least height in pixels
 *
 * Returns: (transfer floating): a text view for prose, wrapped and padded
 *   like every long text in the editors
 */
GtkTextView *
tandem_editor_text_view_new (const char *name,
                             int         height)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, height);
  tandem_a11y_set_label (view, name);
  return GTK_TEXT_VIEW (view);
}

/**
 * tandem_editor_add_text_box:
 * @group: where the field goes
 * @title: the heading, which also names the text view
 * @hint: (nullable): a line under the heading
 *
 * Adds a long text field to @group: the heading, the hint and the text view
 * in a frame.
 *
 * Returns: (transfer none): the text view
 */
GtkTextView *
tandem_editor_add_text_box (AdwPreferencesGroup *group,
                            const char          *title,
                            const char          *hint)
{
  GtkWidget *box = tandem_editor_field_box (title, hint);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkTextView *view = tandem_editor_text_view_new (title, 90);

  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (view));
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (box), frame);
  adw_preferences_group_add (group, box);
  return view;
}
