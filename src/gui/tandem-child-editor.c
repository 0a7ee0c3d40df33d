/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-child-editor.h"
#include "tandem-language-chooser.h"
#include "tandem-languages.h"

struct _TandemChildEditor
{
  AdwWindow        parent_instance;

  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwEntryRow     *given_row;
  AdwEntryRow     *family_row;
  AdwEntryRow     *preferred_row;
  AdwEntryRow     *dob_row;
  AdwEntryRow     *start_row;
  AdwEntryRow     *leaving_row;
  AdwActionRow    *photo_row;
  AdwAvatar       *avatar;
  GtkButton       *remove_photo_button;
  AdwActionRow    *languages_row;
  GtkButton       *languages_button;
  AdwComboRow     *send_row;
  AdwComboRow     *room_row;
  AdwComboRow     *keyworker_row;
  GtkTextView     *notes_view;

  TandemStore     *store;
  /* The child as it was when the editor opened; NULL when adding. */
  TandemChild     *child;
  char            *photo;
  GStrv            languages;
  /* Ids behind the room and keyworker combo rows; index 0 is "None". */
  GPtrArray       *room_ids;
  GPtrArray       *keyworker_ids;
  GtkFileChooserNative *photo_chooser;
  gboolean         closing;
};

G_DEFINE_FINAL_TYPE (TandemChildEditor, tandem_child_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers shared by the record editors ---------------------------------- */

/**
 * tandem_date_from_user_text:
 * @text: (nullable): a date as a person typed it
 * @iso_date: (out) (transfer full) (nullable): the date as `YYYY-MM-DD`, or
 *   %NULL when @text is empty
 *
 * Accepts the ISO form `2021-03-14` and the British day-first forms
 * `14/03/2021`, `14.03.2021` and `14-03-2021`. Two-digit years are refused:
 * for a child's date of birth a wrong century is worse than a question.
 *
 * Returns: %FALSE if @text is not empty and not a date
 */
gboolean
tandem_date_from_user_text (const char  *text,
                            char       **iso_date)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  int a, b, c, n = 0;
  char sep1, sep2;
  int year, month, day;

  *iso_date = NULL;
  if (trimmed[0] == '\0')
    return TRUE;

  if (sscanf (trimmed, "%d%c%d%c%d%n", &a, &sep1, &b, &sep2, &c, &n) != 5 ||
      trimmed[n] != '\0' || sep1 != sep2)
    return FALSE;

  if (sep1 == '-' && a >= 1000)
    {
      year = a;
      month = b;
      day = c;
    }
  else if ((sep1 == '/' || sep1 == '.' || sep1 == '-') && c >= 1000)
    {
      day = a;
      month = b;
      year = c;
    }
  else
    return FALSE;

  if (year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  *iso_date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return TRUE;
}

/**
 * tandem_date_format_long:
 * @iso_date: (nullable): a date as `YYYY-MM-DD`
 *
 * Returns: (transfer full): the date for reading, e.g. "14 March 2021"; an
 *   empty string for %NULL and the text itself if it is not a date
 */
char *
tandem_date_format_long (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (iso_date == NULL)
    return g_strdup ("");
  if (!tandem_date_is_valid (iso_date) || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso_date);

  date = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* Translators: a date as shown in the app; see g_date_time_format(). */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/**
 * tandem_date_today:
 *
 * Returns: (transfer full): today's local date as `YYYY-MM-DD`
 */
char *
tandem_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * tandem_record_error_field:
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
tandem_record_error_field (GType       type,
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
 * tandem_records_differ:
 * @a: a record
 * @b: a record of the same type
 *
 * Returns: whether any field of @a and @b differs
 */
gboolean
tandem_records_differ (TandemRecord *a,
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

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *editor)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  g_object_set_data (G_OBJECT (editor), "tandem-discard", GINT_TO_POINTER (TRUE));
  gtk_window_close (editor);
}

/**
 * tandem_editor_ask_discard:
 * @editor: an editor window with unsaved changes
 *
 * Asks whether to throw the changes away. If the person agrees, @editor is
 * closed again and tandem_editor_discard_confirmed() then returns %TRUE.
 */
void
tandem_editor_ask_discard (GtkWindow *editor)
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
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
tandem_editor_discard_confirmed (GtkWindow *editor)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editor), "tandem-discard"));
}

/**
 * tandem_accessible_tidy:
 * @root: a widget
 *
 * GTK 4.8 names a button with a mnemonic twice over, e.g. "_Save Save":
 * once from its raw label and once from the label inside it. Tests and
 * screen readers both need plain "Save", so the raw one is dropped for
 * every such button under @root.
 */
void
tandem_accessible_tidy (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_use_underline (GTK_BUTTON (child)))
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      tandem_accessible_tidy (child);
    }
}

/**
 * tandem_accessible_set_label:
 * @widget: a widget
 * @label: its accessible name
 *
 * Gives @widget exactly the name @label. GTK 4.8 would otherwise add the
 * text of whatever labels it (a row's title, a button's own text) after it.
 */
void
tandem_accessible_set_label (GtkWidget  *widget,
                             const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * tandem_editor_label_switch:
 * @widget: a row that holds a switch it made itself, e.g. an #AdwExpanderRow
 * @label: the accessible name for the switch
 *
 * Names the switch inside @widget for screen readers, which libadwaita 1.2
 * leaves unnamed.
 */
void
tandem_editor_label_switch (GtkWidget  *widget,
                            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SWITCH (child))
        {
          tandem_accessible_set_label (child, label);
          return;
        }
      tandem_editor_label_switch (child, label);
    }
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

/* Right-to-left names inside left-to-right text (and the reverse) need
 * care: "اردو (Urdu), English" would otherwise be laid out as a
 * right-to-left paragraph, because its first letter is Arabic, and come
 * out as "English ,(Urdu) اردو". Each language's own name is isolated
 * (U+2068 … U+2069) and the whole text starts with a mark for the
 * interface's direction. */
static char *
language_display_label (const char *tag)
{
  const TandemLanguage *language = tandem_language_find (tag);
  g_autofree char *native = NULL;
  const char *name;

  if (language == NULL)
    return g_strdup (tag);

  native = g_strconcat ("\u2068", language->native_name, "\u2069", NULL);
  name = _(language->name);
  if (g_strcmp0 (name, language->native_name) == 0)
    return g_steal_pointer (&native);

  /* Translators: a language; %1$s is its own name, e.g. "Cymraeg", %2$s its
   * name in your language, e.g. "Welsh". */
  return g_strdup_printf (_("%1$s (%2$s)"), native, name);
}

/**
 * tandem_languages_display:
 * @tags: (nullable) (array zero-terminated=1): BCP-47 tags
 *
 * Returns: (transfer full): the languages for a label, e.g.
 *   "Cymraeg (Welsh), English", safe to show whatever their scripts; an
 *   empty string when there are none
 */
char *
tandem_languages_display (const char * const *tags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (tags == NULL || tags[0] == NULL)
    return g_strdup ("");

  g_string_append (text, tandem_direction_mark ());
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *label = language_display_label (tags[i]);

      if (i > 0)
        /* Translators: separates the items of a list, e.g. of languages. */
        g_string_append (text, _(", "));
      g_string_append (text, label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * tandem_direction_mark:
 *
 * Returns: a left-to-right or right-to-left mark, as the interface reads,
 *   to start a text that may begin with a word in the other direction
 */
const char *
tandem_direction_mark (void)
{
  return gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL ? "\u200F" : "\u200E";
}

/* The editor ------------------------------------------------------------- */

static char *
entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (text[0] == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
show_error (TandemChildEditor *self,
            const char        *message,
            GtkWidget         *row)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  if (row != NULL)
    {
      tandem_editor_set_row_error (row, TRUE);
      gtk_widget_grab_focus (row);
    }
}

static GtkWidget *
row_for_field (TandemChildEditor *self,
               const char        *field)
{
  static const struct {
    const char *field;
    gsize       offset;
  } rows[] = {
    { "given_name", G_STRUCT_OFFSET (TandemChildEditor, given_row) },
    { "family_name", G_STRUCT_OFFSET (TandemChildEditor, family_row) },
    { "preferred_name", G_STRUCT_OFFSET (TandemChildEditor, preferred_row) },
    { "date_of_birth", G_STRUCT_OFFSET (TandemChildEditor, dob_row) },
    { "start_date", G_STRUCT_OFFSET (TandemChildEditor, start_row) },
    { "leaving_date", G_STRUCT_OFFSET (TandemChildEditor, leaving_row) },
    { "photo", G_STRUCT_OFFSET (TandemChildEditor, photo_row) },
    { "home_languages", G_STRUCT_OFFSET (TandemChildEditor, languages_row) },
    { "send_status", G_STRUCT_OFFSET (TandemChildEditor, send_row) },
    { "room_id", G_STRUCT_OFFSET (TandemChildEditor, room_row) },
    { "keyworker_id", G_STRUCT_OFFSET (TandemChildEditor, keyworker_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].field, field) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);
  return NULL;
}

static void
clear_errors (TandemChildEditor *self)
{
  const TandemField *fields;
  guint n;

  fields = tandem_record_type_get_fields (TANDEM_TYPE_CHILD, &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = row_for_field (self, fields[i].name);

      if (row != NULL)
        tandem_editor_set_row_error (row, FALSE);
    }
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
update_avatar (TandemChildEditor *self)
{
  g_autofree char *given = entry_text (self->given_row);
  g_autofree char *family = entry_text (self->family_row);
  g_autofree char *name = g_strjoin (" ", given != NULL ? given : "",
                                     family != NULL ? family : "", NULL);
  g_autoptr(GdkTexture) texture = NULL;

  adw_avatar_set_text (self->avatar, g_strstrip (name));

  if (self->photo != NULL)
    {
      g_autofree char *path = tandem_blob_store_get_path (self->store, self->photo);

      if (path != NULL)
        texture = gdk_texture_new_from_filename (path, NULL);
    }

  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
  adw_action_row_set_subtitle (self->photo_row,
                               self->photo == NULL
                               ? _("No photo. The child’s initials are shown instead.")
                               : texture == NULL
                               ? _("The photo file is missing from this computer.")
                               : _("Shown in Tandem; in packs only with consent."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-photo", self->photo != NULL);
}

static void
update_languages (TandemChildEditor *self)
{
  g_autofree char *text = tandem_languages_display ((const char * const *) self->languages);

  adw_action_row_set_subtitle (self->languages_row, text[0] != '\0' ? text : _("None chosen"));
}

static void
name_changed_cb (TandemChildEditor *self)
{
  update_avatar (self);
}

static guint
fill_combo (TandemChildEditor *self,
            AdwComboRow       *row,
            GType              type,
            GPtrArray         *ids,
            const char        *none_label,
            const char        *current_id)
{
  g_autoptr(GPtrArray) records = tandem_store_list (self->store, type, NULL, NULL, NULL);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (model, none_label);
  g_ptr_array_add (ids, NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);

      gtk_string_list_append (model, tandem_record_get_text (record, "name"));
      g_ptr_array_add (ids, g_strdup (tandem_record_get_id (record)));
      if (g_strcmp0 (tandem_record_get_id (record), current_id) == 0)
        selected = ids->len - 1;
    }

  /* A room or keyworker deleted since is kept, or saving would quietly
   * take the child out of it. */
  if (current_id != NULL && selected == 0)
    {
      g_autoptr(TandemRecord) gone = tandem_store_load (self->store, type, current_id, NULL);
      g_autofree char *label = NULL;

      /* Translators: %s is the name of a room or keyworker that was deleted. */
      label = g_strdup_printf (_("%s (deleted)"),
                               gone != NULL ? tandem_record_get_text (gone, "name") : current_id);
      gtk_string_list_append (model, label);
      g_ptr_array_add (ids, g_strdup (current_id));
      selected = ids->len - 1;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
  return selected;
}

static const char *
combo_id (AdwComboRow *row,
          GPtrArray   *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, selected);
}

static void
load_child (TandemChildEditor *self)
{
  TandemRecord *record = self->child != NULL ? TANDEM_RECORD (self->child) : NULL;
  g_autoptr(GtkStringList) send = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);

  for (TandemSendStatus s = TANDEM_SEND_NONE; s <= TANDEM_SEND_EHC_PLAN; s++)
    gtk_string_list_append (send, tandem_send_status_label (s));
  adw_combo_row_set_model (self->send_row, G_LIST_MODEL (send));

  fill_combo (self, self->room_row, TANDEM_TYPE_ROOM, self->room_ids, _("No room"),
              record != NULL ? tandem_record_get_text (record, "room_id") : NULL);
  fill_combo (self, self->keyworker_row, TANDEM_TYPE_KEYWORKER, self->keyworker_ids,
              _("No keyworker"),
              record != NULL ? tandem_record_get_text (record, "keyworker_id") : NULL);

  if (record == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Child"));
      update_avatar (self);
      update_languages (self);
      return;
    }

  /* Translators: title of the child editor; %s is the child's name. */
  title = g_strdup_printf (_("Edit %s"), tandem_child_get_display_name (self->child));
  gtk_window_set_title (GTK_WINDOW (self), title);

  set_entry (self->given_row, tandem_record_get_text (record, "given_name"));
  set_entry (self->family_row, tandem_record_get_text (record, "family_name"));
  set_entry (self->preferred_row, tandem_record_get_text (record, "preferred_name"));
  set_entry (self->dob_row, tandem_record_get_text (record, "date_of_birth"));
  set_entry (self->start_row, tandem_record_get_text (record, "start_date"));
  set_entry (self->leaving_row, tandem_record_get_text (record, "leaving_date"));
  adw_combo_row_set_selected (self->send_row, tandem_child_get_send_status (self->child));
  gtk_text_buffer_set_text (buffer, tandem_record_get_text (record, "notes") != NULL
                                    ? tandem_record_get_text (record, "notes") : "", -1);

  self->photo = g_strdup (tandem_record_get_text (record, "photo"));
  self->languages = tandem_child_dup_home_languages (self->child);

  update_avatar (self);
  update_languages (self);
}

/* Builds the record the form describes. Returns NULL, with the message
 * shown and the row marked, when a date cannot be read. */
static TandemRecord *
build_record (TandemChildEditor *self,
              gboolean           report)
{
  static const struct {
    const char *field;
    gsize       offset;
  } dates[] = {
    { "date_of_birth", G_STRUCT_OFFSET (TandemChildEditor, dob_row) },
    { "start_date", G_STRUCT_OFFSET (TandemChildEditor, start_row) },
    { "leaving_date", G_STRUCT_OFFSET (TandemChildEditor, leaving_row) },
  };
  g_autoptr(TandemRecord) record = NULL;
  g_autofree char *given = entry_text (self->given_row);
  g_autofree char *family = entry_text (self->family_row);
  g_autofree char *preferred = entry_text (self->preferred_row);
  g_autofree char *languages = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  guint send;

  if (self->child != NULL)
    record = tandem_record_copy (TANDEM_RECORD (self->child));
  else
    record = tandem_record_new (TANDEM_TYPE_CHILD);

  tandem_record_set_text (record, "given_name", given);
  tandem_record_set_text (record, "family_name", family);
  tandem_record_set_text (record, "preferred_name", preferred);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      AdwEntryRow *row = G_STRUCT_MEMBER (AdwEntryRow *, self, dates[i].offset);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autofree char *iso = NULL;

      if (!tandem_date_from_user_text (text, &iso))
        {
          if (report)
            {
              g_autofree char *message = NULL;

              /* Translators: %1$s names a date field, e.g. "Date of birth";
               * %2$s is what was typed. */
              message = g_strdup_printf (_("%1$s: “%2$s” is not a date. Type it as "
                                           "2021-03-14 or 14/03/2021."),
                                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                         text);
              show_error (self, message, GTK_WIDGET (row));
            }
          return NULL;
        }
      tandem_record_set_text (record, dates[i].field, iso);
    }

  tandem_record_set_text (record, "photo", self->photo);
  if (self->languages != NULL && self->languages[0] != NULL)
    languages = g_strjoinv (",", self->languages);
  tandem_record_set_text (record, "home_languages", languages);
  send = adw_combo_row_get_selected (self->send_row);
  tandem_record_set_text (record, "send_status", tandem_send_status_to_string (send));
  tandem_record_set_text (record, "room_id", combo_id (self->room_row, self->room_ids));
  tandem_record_set_text (record, "keyworker_id",
                          combo_id (self->keyworker_row, self->keyworker_ids));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (notes);
  tandem_record_set_text (record, "notes", notes[0] != '\0' ? notes : NULL);

  return g_steal_pointer (&record);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (widget);
  g_autoptr(TandemRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  clear_errors (self);

  record = build_record (self, TRUE);
  if (record == NULL)
    return;

  if (!tandem_store_save (self->store, record, &error))
    {
      const char *field = tandem_record_error_field (TANDEM_TYPE_CHILD, error->message);

      show_error (self, error->message, row_for_field (self, field));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, record);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
languages_chosen_cb (TandemChildEditor *self,
                     GStrv              tags)
{
  g_strfreev (self->languages);
  self->languages = g_strdupv (tags);
  update_languages (self);
}

static void
choose_languages_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (widget);
  GtkWindow *chooser;

  chooser = tandem_language_chooser_new (GTK_WINDOW (self), TRUE,
                                         (const char * const *) self->languages);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (languages_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (chooser);
}

static void
photo_response_cb (TandemChildEditor    *self,
                   int                   response,
                   GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      show_error (self, _("That photo is not a file on this computer."), NULL);
      goto out;
    }

  /* Scaled down and stripped of its location before it is kept. */
  hash = tandem_blob_store_add_image (self->store, path, 512, &error);
  if (hash == NULL)
    {
      show_error (self, error->message, GTK_WIDGET (self->photo_row));
      goto out;
    }

  clear_errors (self);
  g_free (self->photo);
  self->photo = g_steal_pointer (&hash);
  update_avatar (self);

out:
  g_clear_object (&self->photo_chooser);
}

static void
choose_photo_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->photo_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);

  self->photo_chooser = gtk_file_chooser_native_new (_("Choose a Photo"), GTK_WINDOW (self),
                                                     GTK_FILE_CHOOSER_ACTION_OPEN,
                                                     _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->photo_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->photo_chooser), filter);
  g_signal_connect_object (self->photo_chooser, "response", G_CALLBACK (photo_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->photo_chooser));
}

static void
remove_photo_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (widget);

  g_clear_pointer (&self->photo, g_free);
  update_avatar (self);
}

static gboolean
has_changes (TandemChildEditor *self)
{
  g_autoptr(TandemRecord) record = build_record (self, FALSE);
  g_autoptr(TandemRecord) original = NULL;

  /* A date that cannot be read was typed by someone: that is a change. */
  if (record == NULL)
    return TRUE;

  if (self->child != NULL)
    original = g_object_ref (TANDEM_RECORD (self->child));
  else
    {
      original = tandem_record_new (TANDEM_TYPE_CHILD);
      tandem_record_set_text (original, "send_status", "none");
    }

  return tandem_records_differ (record, original);
}

/* Escape is quick to press by mistake; typed work is not thrown away
 * without a question. */
static gboolean
tandem_child_editor_close_request (GtkWindow *window)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (window);

  if (self->closing || tandem_editor_discard_confirmed (window) || !has_changes (self))
    return GTK_WINDOW_CLASS (tandem_child_editor_parent_class)->close_request (window);

  tandem_editor_ask_discard (window);
  return TRUE;
}

static void
tandem_child_editor_dispose (GObject *object)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (object);

  if (self->photo_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->photo_chooser));
  g_clear_object (&self->photo_chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->child);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CHILD_EDITOR);

  G_OBJECT_CLASS (tandem_child_editor_parent_class)->dispose (object);
}

static void
tandem_child_editor_finalize (GObject *object)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (object);

  g_free (self->photo);
  g_strfreev (self->languages);
  g_ptr_array_unref (self->room_ids);
  g_ptr_array_unref (self->keyworker_ids);

  G_OBJECT_CLASS (tandem_child_editor_parent_class)->finalize (object);
}

static void
tandem_child_editor_class_init (TandemChildEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_child_editor_dispose;
  object_class->finalize = tandem_child_editor_finalize;
  window_class->close_request = tandem_child_editor_close_request;

  /**
   * TandemChildEditor::saved:
   * @self: the editor
   * @child: the child as saved
   *
   * Emitted once the child is saved, just before the editor closes, so
   * that the window can select a child that was just added.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_CHILD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-child-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, given_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, family_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, preferred_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, dob_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, leaving_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, photo_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, avatar);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, remove_photo_button);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, languages_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, languages_button);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, send_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, room_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, keyworker_row);
  gtk_widget_class_bind_template_child (widget_class, TandemChildEditor, notes_view);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "editor.choose-languages", NULL,
                                   choose_languages_cb);
  gtk_widget_class_install_action (widget_class, "editor.choose-photo", NULL, choose_photo_cb);
  gtk_widget_class_install_action (widget_class, "editor.remove-photo", NULL, remove_photo_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
tandem_child_editor_init (TandemChildEditor *self)
{
  self->room_ids = g_ptr_array_new_with_free_func (g_free);
  self->keyworker_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  tandem_accessible_tidy (GTK_WIDGET (self));
  tandem_accessible_set_label (GTK_WIDGET (self->languages_button), _("Choose home languages"));
  tandem_accessible_set_label (GTK_WIDGET (self->remove_photo_button), _("Remove photo"));

  tandem_editor_add_date_hint (self->dob_row);
  tandem_editor_add_date_hint (self->start_row);
  tandem_editor_add_date_hint (self->leaving_row);

  g_signal_connect_swapped (self->given_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->family_row, "changed", G_CALLBACK (name_changed_cb), self);
}

/**
 * tandem_child_editor_new:
 * @parent: (nullable): the window to be modal to
 * @store: the store to save to
 * @child: (nullable): the child to edit, or %NULL to add a child
 *
 * Returns: (transfer full): the editor window, for the caller to present
 */
GtkWindow *
tandem_child_editor_new (GtkWindow   *parent,
                         TandemStore *store,
                         TandemChild *child)
{
  TandemChildEditor *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child == NULL || TANDEM_IS_CHILD (child), NULL);

  self = g_object_new (TANDEM_TYPE_CHILD_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->child = child != NULL ? TANDEM_CHILD (tandem_record_copy (TANDEM_RECORD (child))) : NULL;
  load_child (self);

  return GTK_WINDOW (self);
}
