/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-blob-store.h"
#include "tandem-child-editor.h"
#include "tandem-editor-util.h"
#include "tandem-language-chooser.h"
#include "tandem-text-util.h"

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
};

G_DEFINE_FINAL_TYPE (TandemChildEditor, tandem_child_editor, ADW_TYPE_WINDOW)

/* The id of the ::saved signal. */
static guint saved_signal;

static void
show_error (TandemChildEditor *self,
            const char        *message,
            GtkWidget         *row)
{
  tandem_editor_show_error (self->error_revealer, self->error_label, message, row);
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
update_avatar (TandemChildEditor *self)
{
  g_autofree char *given = tandem_editor_get_entry (self->given_row);
  g_autofree char *family = tandem_editor_get_entry (self->family_row);
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

  tandem_editor_set_entry (self->given_row, tandem_record_get_text (record, "given_name"));
  tandem_editor_set_entry (self->family_row, tandem_record_get_text (record, "family_name"));
  tandem_editor_set_entry (self->preferred_row, tandem_record_get_text (record, "preferred_name"));
  tandem_editor_set_entry (self->dob_row, tandem_record_get_text (record, "date_of_birth"));
  tandem_editor_set_entry (self->start_row, tandem_record_get_text (record, "start_date"));
  tandem_editor_set_entry (self->leaving_row, tandem_record_get_text (record, "leaving_date"));
  adw_combo_row_set_selected (self->send_row, tandem_child_get_send_status (self->child));
  tandem_editor_set_notes (self->notes_view, tandem_record_get_text (record, "notes"));

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
  g_autofree char *given = tandem_editor_get_entry (self->given_row);
  g_autofree char *family = tandem_editor_get_entry (self->family_row);
  g_autofree char *preferred = tandem_editor_get_entry (self->preferred_row);
  g_autofree char *languages = NULL;
  g_autofree char *notes = tandem_editor_get_notes (self->notes_view);
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
      g_autofree char *iso = NULL;
      g_autofree char *message = NULL;

      if (!tandem_editor_get_date (row, "2021-03-14", &iso, report ? &message : NULL))
        {
          if (message != NULL)
            show_error (self, message, GTK_WIDGET (row));
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

  tandem_record_set_text (record, "notes", notes);

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
  const char *field;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);

  /* A date that cannot be read is shown by build_record() already. */
  record = build_record (self, TRUE);
  if (record != NULL &&
      !tandem_editor_save (GTK_WINDOW (self), self->store, saved_signal, record, &field, &error))
    show_error (self, error->message, row_for_field (self, field));
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

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);
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
has_changes (GtkWindow *window)
{
  TandemChildEditor *self = TANDEM_CHILD_EDITOR (window);
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

  return tandem_editor_records_differ (record, original);
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

  object_class->dispose = tandem_child_editor_dispose;
  object_class->finalize = tandem_child_editor_finalize;

  /**
   * TandemChildEditor::saved:
   * @self: the editor
   * @child: the child as saved
   *
   * Emitted once the child is saved, just before the editor closes, so
   * that the window can select a child that was just added.
   */
  saved_signal = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_CHILD);

  tandem_editor_class_setup (widget_class, "/app/tandem/Tandem/tandem-child-editor.ui", save_cb);

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

  gtk_widget_class_install_action (widget_class, "editor.choose-languages", NULL,
                                   choose_languages_cb);
  gtk_widget_class_install_action (widget_class, "editor.choose-photo", NULL, choose_photo_cb);
  gtk_widget_class_install_action (widget_class, "editor.remove-photo", NULL, remove_photo_cb);
}

static void
tandem_child_editor_init (TandemChildEditor *self)
{
  self->room_ids = g_ptr_array_new_with_free_func (g_free);
  self->keyworker_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);

  tandem_a11y_tidy_names (GTK_WIDGET (self));
  tandem_a11y_set_label (GTK_WIDGET (self->languages_button), _("Choose home languages"));
  tandem_a11y_set_label (GTK_WIDGET (self->remove_photo_button), _("Remove photo"));

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
