/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-family-pin.h"
#include "tandem-languages.h"
#include "tandem-preferences-window.h"
#include "tandem-records.h"
#include "tandem-sync-preferences-page.h"
#include "tandem-window.h"

/* The setting's details, this laptop's keyworker, and the rooms and staff.
 * Each field is saved as soon as it is applied (Enter, the apply button or
 * leaving the field); a value the store refuses is marked on its row and
 * never saved. */
struct _TandemPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  TandemStore          *store;
  GSettings            *settings;
  TandemSetting        *setting;

  /* Widgets added to the groups, so that a rebuild can remove them. */
  GPtrArray            *room_rows;
  GPtrArray            *keyworker_rows;
  /* Ids behind the combo rows' positions; position 0 is "none". */
  GPtrArray            *room_ids;
  GPtrArray            *keyworker_ids;
  GHashTable           *expanded;

  guint                 rebuild_source;
  /* Set while this window saves, so its own changes do not rebuild it under
   * the user's cursor. */
  int                   saving;
  gboolean              rebuilding;

  AdwEntryRow          *name_row;
  AdwEntryRow          *address_row;
  GtkWidget            *logo_row;
  GtkImage             *logo_image;
  GtkWidget            *choose_logo_button;
  GtkWidget            *remove_logo_button;
  AdwComboRow          *current_keyworker_row;
  AdwComboRow          *language_row;
  AdwActionRow         *family_pin_row;
  GtkButton            *family_pin_button;
  AdwPreferencesGroup  *rooms_group;
  AdwPreferencesGroup  *keyworkers_group;
  GtkWidget            *add_room_button;
  GtkWidget            *add_keyworker_button;
};

G_DEFINE_FINAL_TYPE (TandemPreferencesWindow, tandem_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void rebuild (TandemPreferencesWindow *self);

/* The family mode PIN row says whether one is set. */
static void
update_family_pin (TandemPreferencesWindow *self)
{
  gboolean set = tandem_family_pin_is_set (self->settings);

  adw_action_row_set_subtitle (self->family_pin_row,
                               set ? _("Set. Only its hash is kept, never the PIN.")
                                   : _("Not set. Family mode asks for one first."));
  gtk_button_set_label (self->family_pin_button, set ? _("_Change PIN…") : _("_Set PIN…"));
}

static void
family_pin_done_cb (gboolean set,
                    gpointer user_data)
{
  g_autoptr(TandemPreferencesWindow) self = user_data;

  update_family_pin (self);
}

static void
family_pin_clicked_cb (TandemPreferencesWindow *self)
{
  tandem_family_pin_ask_new (GTK_WINDOW (self), self->settings, family_pin_done_cb,
                             g_object_ref (self));
}

static gboolean
is_saved (TandemRecord *record)
{
  return tandem_record_get_created_at (record) != NULL;
}

static void
toast (TandemPreferencesWindow *self,
       const char              *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
}

static gboolean
save_record (TandemPreferencesWindow  *self,
             TandemRecord             *record,
             GError                  **error)
{
  gboolean ok;

  self->saving++;
  ok = tandem_store_save (self->store, record, error);
  self->saving--;
  return ok;
}

/* Field rows: an AdwEntryRow carries the record and column it edits. */

static void
bind_entry (AdwEntryRow  *row,
            TandemRecord *record,
            const char   *field)
{
  g_object_set_data_full (G_OBJECT (row), "tandem-record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (row), "tandem-field", (gpointer) field);
  gtk_editable_set_text (GTK_EDITABLE (row), tandem_record_get_text (record, field) ?: "");
}

static void
mark_invalid (GtkWidget  *row,
              const char *message)
{
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (message != NULL)
    gtk_widget_set_tooltip_text (row, message);
}

static void
mark_valid (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_widget_set_tooltip_text (row, NULL);
}

static void after_save (TandemPreferencesWindow *self,
                        TandemRecord            *record,
                        const char              *field,
                        gboolean                 was_new);

/* Saves what an entry row holds. @leaving is set when focus left the row:
 * an untouched new row is then simply left alone rather than flagged. */
static void
commit_entry (TandemPreferencesWindow *self,
              AdwEntryRow             *row,
              gboolean                 leaving)
{
  TandemRecord *record = g_object_get_data (G_OBJECT (row), "tandem-record");
  const char *field = g_object_get_data (G_OBJECT (row), "tandem-field");
  g_autofree char *text = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  const TandemField *info;
  const char *value;
  gboolean was_new;

  if (self->rebuilding || record == NULL || field == NULL)
    return;

  info = tandem_record_type_find_field (G_OBJECT_TYPE (record), field);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  value = text[0] != '\0' ? text : NULL;
  was_new = !is_saved (record);

  if (value == NULL && info != NULL && (info->flags & TANDEM_FIELD_REQUIRED))
    {
      g_autofree char *message = NULL;

      if (leaving && was_new)
        return;

      /* Translators: %s is the name of a field, e.g. "Room name". */
      message = g_strdup_printf (_("%s cannot be empty."), _(info->label));
      mark_invalid (GTK_WIDGET (row), message);
      toast (self, message);
      return;
    }

  /* Nothing changed; an empty field of a new record is no reason to make one. */
  if (g_strcmp0 (value, tandem_record_get_text (record, field)) == 0 &&
      (!was_new || value == NULL))
    {
      mark_valid (GTK_WIDGET (row));
      return;
    }

  /* A new keyworker with only a phone number typed in waits for a name. */
  if (was_new && !tandem_record_validate (record, NULL) && g_strcmp0 (field, "name") != 0)
    {
      tandem_record_set_text (record, field, value);
      return;
    }

  old = g_strdup (tandem_record_get_text (record, field));
  tandem_record_set_text (record, field, value);

  if (!save_record (self, record, &error))
    {
      tandem_record_set_text (record, field, old);
      mark_invalid (GTK_WIDGET (row), error->message);
      toast (self, error->message);
      return;
    }

  mark_valid (GTK_WIDGET (row));
  if (leaving)
    {
      /* Leaving saved the text; hide the apply button that still offers to. */
      adw_entry_row_set_show_apply_button (row, FALSE);
      adw_entry_row_set_show_apply_button (row, TRUE);
    }

  after_save (self, record, field, was_new);
}

static void
entry_apply_cb (AdwEntryRow             *row,
                TandemPreferencesWindow *self)
{
  commit_entry (self, row, FALSE);
}

static void
entry_leave_cb (GtkEventControllerFocus *controller,
                TandemPreferencesWindow *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_entry (self, ADW_ENTRY_ROW (row), TRUE);
}

static void
connect_entry (TandemPreferencesWindow *self,
               AdwEntryRow             *row)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  adw_entry_row_set_show_apply_button (row, TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (entry_apply_cb), self, 0);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_apply_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (entry_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static AdwEntryRow *
new_entry_row (TandemPreferencesWindow *self,
               const char              *title,
               TandemRecord            *record,
               const char              *field)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  bind_entry (row, record, field);
  connect_entry (self, row);
  return row;
}

static void
setting_entry_apply_cb (TandemPreferencesWindow *self,
                        AdwEntryRow             *row)
{
  commit_entry (self, row, FALSE);
}

/* The setting and its logo */

static void
show_logo (TandemPreferencesWindow *self)
{
  const char *hash = tandem_record_get_text (TANDEM_RECORD (self->setting), "logo");
  g_autofree char *path = hash ? tandem_blob_store_get_path (self->store, hash) : NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (path != NULL)
    texture = gdk_texture_new_from_filename (path, NULL);

  if (texture != NULL)
    gtk_image_set_from_paintable (self->logo_image, GDK_PAINTABLE (texture));
  else
    gtk_image_set_from_icon_name (self->logo_image, "image-x-generic-symbolic");

  gtk_widget_set_visible (self->remove_logo_button, hash != NULL);
}

static void
set_logo (TandemPreferencesWindow *self,
          const char              *hash)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_strdup (tandem_record_get_text (TANDEM_RECORD (self->setting), "logo"));

  tandem_record_set_text (TANDEM_RECORD (self->setting), "logo", hash);
  if (!save_record (self, TANDEM_RECORD (self->setting), &error))
    {
      tandem_record_set_text (TANDEM_RECORD (self->setting), "logo", old);
      toast (self, error->message);
    }

  show_logo (self);
}

static void
logo_response_cb (GtkNativeDialog         *dialog,
                  int                      response,
                  TandemPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Only pictures on this computer can be used."));
      return;
    }

  hash = tandem_blob_store_add_image (self->store, path, 512, &error);
  if (hash == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason, e.g. that the file is not a picture. */
      message = g_strdup_printf (_("The logo could not be used: %s"), error->message);
      toast (self, message);
      return;
    }

  set_logo (self, hash);
}

static void
choose_logo_clicked_cb (TandemPreferencesWindow *self,
                        GtkButton               *button)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  /* Translators: the title of the file chooser for the setting's logo. */
  chooser = gtk_file_chooser_native_new (_("Choose Logo"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (images, _("Pictures"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);

  g_signal_connect (chooser, "response", G_CALLBACK (logo_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
remove_logo_clicked_cb (TandemPreferencesWindow *self,
                        GtkButton               *button)
{
  set_logo (self, NULL);
}

static void
load_setting (TandemPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->setting = tandem_store_load (self->store, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, &error);
  if (self->setting == NULL)
    {
      /* The single settings row is made the first time something is set. */
      if (!g_error_matches (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND))
        g_warning ("Cannot load the setting: %s", error->message);
      self->setting = TANDEM_SETTING (tandem_record_new (TANDEM_TYPE_SETTING));
      tandem_record_set_id (TANDEM_RECORD (self->setting), TANDEM_SETTING_ID);
    }

  self->rebuilding = TRUE;
  bind_entry (self->name_row, TANDEM_RECORD (self->setting), "name");
  bind_entry (self->address_row, TANDEM_RECORD (self->setting), "address");
  self->rebuilding = FALSE;
  show_logo (self);
}

/* This laptop's keyworker */

static void
current_keyworker_selected_cb (TandemPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->current_keyworker_row);

  if (self->rebuilding || self->keyworker_ids == NULL ||
      selected == GTK_INVALID_LIST_POSITION || selected >= self->keyworker_ids->len)
    return;

  g_settings_set_string (self->settings, "current-keyworker",
                         g_ptr_array_index (self->keyworker_ids, selected));
}

static void
rebuild_current_keyworker (TandemPreferencesWindow *self,
                           GPtrArray               *keyworkers)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *current = g_settings_get_string (self->settings, "current-keyworker");
  guint selected = 0;

  g_clear_pointer (&self->keyworker_ids, g_ptr_array_unref);
  self->keyworker_ids = g_ptr_array_new_with_free_func (g_free);

  /* Translators: no keyworker has been chosen for this computer. */
  gtk_string_list_append (names, _("Nobody Chosen"));
  g_ptr_array_add (self->keyworker_ids, g_strdup (""));

  for (guint i = 0; i < keyworkers->len; i++)
    {
      TandemRecord *keyworker = g_ptr_array_index (keyworkers, i);

      gtk_string_list_append (names, tandem_record_get_text (keyworker, "name"));
      g_ptr_array_add (self->keyworker_ids, g_strdup (tandem_record_get_id (keyworker)));
      if (g_strcmp0 (current, tandem_record_get_id (keyworker)) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (self->current_keyworker_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->current_keyworker_row, selected);
}

/* Deleting with undo */

static void
undo_clicked_cb (AdwToast                *t,
                 TandemPreferencesWindow *self)
{
  TandemRecord *record = g_object_get_data (G_OBJECT (t), "tandem-record");
  g_autoptr(GError) error = NULL;

  if (!tandem_store_undelete (self->store, record, &error))
    toast (self, error->message);

  rebuild (self);
}

static void
delete_clicked_cb (GtkButton               *button,
                   TandemPreferencesWindow *self)
{
  TandemRecord *record = g_object_get_data (G_OBJECT (button), "tandem-record");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *name;
  AdwToast *t;

  if (!is_saved (record))
    {
      rebuild (self);
      return;
    }

  if (!tandem_store_delete (self->store, record, &error))
    {
      toast (self, error->message);
      return;
    }

  name = tandem_record_get_text (record, "name");
  if (TANDEM_IS_ROOM (record))
    /* Translators: %s is the name of a room. */
    title = g_strdup_printf (_("Room “%s” deleted"), name);
  else
    /* Translators: %s is the name of a member of staff. */
    title = g_strdup_printf (_("%s deleted"), name);

  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (t), "tandem-record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);

  rebuild (self);
}

static GtkWidget *
new_delete_button (TandemPreferencesWindow *self,
                   TandemRecord            *record,
                   const char              *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "tandem-record", g_object_ref (record),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  return button;
}

/* Rooms */

static AdwEntryRow *
add_room_row (TandemPreferencesWindow *self,
              TandemRoom              *room)
{
  AdwEntryRow *row;
  const char *name = tandem_room_get_name (room);
  g_autofree char *delete_label = NULL;

  row = new_entry_row (self, _("Room name"), TANDEM_RECORD (room), "name");
  if (name != NULL)
    /* Translators: a button's accessible name; %s is a room. */
    delete_label = g_strdup_printf (_("Delete Room %s"), name);
  else
    delete_label = g_strdup (_("Delete Room"));
  adw_entry_row_add_suffix (row, new_delete_button (self, TANDEM_RECORD (room), delete_label));

  adw_preferences_group_add (self->rooms_group, GTK_WIDGET (row));
  g_ptr_array_add (self->room_rows, row);
  return row;
}

static void
add_room_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (widget);
  g_autoptr(TandemRoom) room = tandem_room_new (NULL);
  AdwEntryRow *row = add_room_row (self, room);

  /* The room is saved once it has a name. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Keyworkers */

static void
keyworker_combo_cb (AdwComboRow             *combo,
                    GParamSpec              *pspec,
                    TandemPreferencesWindow *self)
{
  TandemRecord *record = g_object_get_data (G_OBJECT (combo), "tandem-record");
  const char *field = g_object_get_data (G_OBJECT (combo), "tandem-field");
  guint selected = adw_combo_row_get_selected (combo);
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  const char *value;

  if (self->rebuilding || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (g_strcmp0 (field, "role") == 0)
    value = tandem_keyworker_roles ()[selected];
  else if (selected < self->room_ids->len)
    value = g_ptr_array_index (self->room_ids, selected);
  else
    return;

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (value, tandem_record_get_text (record, field)) == 0)
    return;

  old = g_strdup (tandem_record_get_text (record, field));
  tandem_record_set_text (record, field, value);

  /* A new keyworker is saved with their name; until then only remember. */
  if (!is_saved (record))
    return;

  if (!save_record (self, record, &error))
    {
      tandem_record_set_text (record, field, old);
      toast (self, error->message);
      return;
    }

  after_save (self, record, field, FALSE);
}

static AdwComboRow *
new_combo_row (TandemPreferencesWindow *self,
               const char              *title,
               GtkStringList           *model,
               guint                    selected,
               TandemRecord            *record,
               const char              *field)
{
  AdwComboRow *combo = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (combo, G_LIST_MODEL (model));
  adw_combo_row_set_selected (combo, selected);
  g_object_set_data_full (G_OBJECT (combo), "tandem-record", g_object_ref (record),
                          g_object_unref);
  g_object_set_data (G_OBJECT (combo), "tandem-field", (gpointer) field);
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (keyworker_combo_cb), self, 0);
  return combo;
}

static GtkStringList *
room_names (TandemPreferencesWindow *self,
            GPtrArray               *rooms)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  /* Translators: a keyworker who is not attached to any room. */
  gtk_string_list_append (names, _("No Room"));
  for (guint i = 0; i < rooms->len; i++)
    gtk_string_list_append (names, tandem_room_get_name (g_ptr_array_index (rooms, i)));

  return names;
}

static void
update_keyworker_subtitle (AdwExpanderRow *expander,
                           TandemRecord   *keyworker)
{
  const char *role = tandem_record_get_text (keyworker, "role");

  adw_expander_row_set_subtitle (expander, role ? tandem_keyworker_role_label (role) : "");
}

static void
expanded_cb (AdwExpanderRow          *expander,
             GParamSpec              *pspec,
             TandemPreferencesWindow *self)
{
  TandemRecord *record = g_object_get_data (G_OBJECT (expander), "tandem-record");

  if (self->rebuilding || !is_saved (record))
    return;

  /* Remembered so that a rebuild reopens the keyworker being edited. */
  if (adw_expander_row_get_expanded (expander))
    g_hash_table_add (self->expanded, g_strdup (tandem_record_get_id (record)));
  else
    g_hash_table_remove (self->expanded, tandem_record_get_id (record));
}

static AdwExpanderRow *
add_keyworker_row (TandemPreferencesWindow *self,
                   TandemKeyworker         *keyworker,
                   GPtrArray               *rooms)
{
  TandemRecord *record = TANDEM_RECORD (keyworker);
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  const char * const *roles = tandem_keyworker_roles ();
  g_autoptr(GtkStringList) role_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rooms_model = room_names (self, rooms);
  const char *name = tandem_keyworker_get_name (keyworker);
  const char *role = tandem_record_get_text (record, "role");
  const char *room = tandem_record_get_text (record, "room_id");
  g_autofree char *delete_label = NULL;
  guint role_index = 0, room_index = 0;
  AdwEntryRow *entry;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 name ? name : _("New Keyworker"));
  update_keyworker_subtitle (expander, record);
  g_object_set_data_full (G_OBJECT (expander), "tandem-record", g_object_ref (record),
                          g_object_unref);

  for (guint i = 0; roles[i] != NULL; i++)
    {
      gtk_string_list_append (role_labels, tandem_keyworker_role_label (roles[i]));
      if (g_strcmp0 (roles[i], role) == 0)
        role_index = i;
    }

  for (guint i = 1; i < self->room_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->room_ids, i), room) == 0)
      room_index = i;

  entry = new_entry_row (self, _("Name"), record, "name");
  adw_expander_row_add_row (expander, GTK_WIDGET (entry));
  adw_expander_row_add_row (expander, GTK_WIDGET (new_combo_row (self, _("Role"), role_labels,
                                                                  role_index, record, "role")));
  entry = new_entry_row (self, _("Email"), record, "email");
  adw_entry_row_set_input_purpose (entry, GTK_INPUT_PURPOSE_EMAIL);
  adw_expander_row_add_row (expander, GTK_WIDGET (entry));
  entry = new_entry_row (self, _("Phone"), record, "phone");
  adw_entry_row_set_input_purpose (entry, GTK_INPUT_PURPOSE_PHONE);
  adw_expander_row_add_row (expander, GTK_WIDGET (entry));
  adw_expander_row_add_row (expander, GTK_WIDGET (new_combo_row (self, _("Room"), rooms_model,
                                                                  room_index, record,
                                                                  "room_id")));

  if (name != NULL)
    /* Translators: a button's accessible name; %s is a person. */
    delete_label = g_strdup_printf (_("Delete %s"), name);
  else
    delete_label = g_strdup (_("Delete Keyworker"));
  adw_expander_row_add_action (expander, new_delete_button (self, record, delete_label));

  if (is_saved (record))
    adw_expander_row_set_expanded (expander,
                                   g_hash_table_contains (self->expanded,
                                                          tandem_record_get_id (record)));
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);

  adw_preferences_group_add (self->keyworkers_group, GTK_WIDGET (expander));
  g_ptr_array_add (self->keyworker_rows, expander);
  return expander;
}

static GtkWidget *
find_child_entry (GtkWidget  *widget,
                  const char *field)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "tandem-field"), field) == 0)
        return child;

      found = find_child_entry (child, field);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
add_keyworker_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (widget);
  g_autoptr(TandemKeyworker) keyworker = tandem_keyworker_new (NULL);
  g_autoptr(GPtrArray) rooms = tandem_store_list (self->store, TANDEM_TYPE_ROOM, NULL, NULL,
                                                  NULL);
  AdwExpanderRow *expander;
  GtkWidget *name;

  if (rooms == NULL)
    rooms = g_ptr_array_new ();

  expander = add_keyworker_row (self, keyworker, rooms);
  adw_expander_row_set_expanded (expander, TRUE);
  name = find_child_entry (GTK_WIDGET (expander), "name");
  if (name != NULL)
    gtk_widget_grab_focus (name);
}

/* Rebuilding from the store */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* Rebuilds the lists from the store. Rooms are left alone when
 * @include_rooms is unset: a room was just renamed in its own row, and only
 * the keyworkers' room lists need the new name. */
static void
rebuild_lists (TandemPreferencesWindow *self,
               gboolean                 include_rooms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) keyworkers = NULL;

  rooms = tandem_store_list (self->store, TANDEM_TYPE_ROOM, NULL, NULL, &error);
  if (rooms != NULL)
    keyworkers = tandem_store_list (self->store, TANDEM_TYPE_KEYWORKER, NULL, NULL, &error);
  if (keyworkers == NULL)
    {
      toast (self, error->message);
      return;
    }

  self->rebuilding = TRUE;

  if (include_rooms)
    clear_rows (self->rooms_group, self->room_rows);
  clear_rows (self->keyworkers_group, self->keyworker_rows);

  g_ptr_array_set_size (self->room_ids, 0);
  g_ptr_array_add (self->room_ids, g_strdup (""));
  for (guint i = 0; i < rooms->len; i++)
    {
      TandemRoom *room = g_ptr_array_index (rooms, i);

      g_ptr_array_add (self->room_ids, g_strdup (tandem_record_get_id (TANDEM_RECORD (room))));
      if (include_rooms)
        add_room_row (self, room);
    }

  for (guint i = 0; i < keyworkers->len; i++)
    add_keyworker_row (self, g_ptr_array_index (keyworkers, i), rooms);

  rebuild_current_keyworker (self, keyworkers);

  self->rebuilding = FALSE;
}

static void
rebuild (TandemPreferencesWindow *self)
{
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  rebuild_lists (self, TRUE);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  TandemPreferencesWindow *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (TandemPreferencesWindow *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

static void
after_save (TandemPreferencesWindow *self,
            TandemRecord            *record,
            const char              *field,
            gboolean                 was_new)
{
  if (TANDEM_IS_ROOM (record))
    {
      /* Room names appear in every keyworker's room list. */
      if (was_new || g_strcmp0 (field, "name") == 0)
        rebuild_lists (self, FALSE);
    }
  else if (TANDEM_IS_KEYWORKER (record))
    {
      for (guint i = 0; i < self->keyworker_rows->len; i++)
        {
          AdwExpanderRow *expander = g_ptr_array_index (self->keyworker_rows, i);

          if (g_object_get_data (G_OBJECT (expander), "tandem-record") != record)
            continue;

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                         tandem_keyworker_get_name (TANDEM_KEYWORKER (record)));
          update_keyworker_subtitle (expander, record);
          if (was_new)
            g_hash_table_add (self->expanded, g_strdup (tandem_record_get_id (record)));
        }

      if (was_new || g_strcmp0 (field, "name") == 0)
        {
          g_autoptr(GPtrArray) keyworkers =
            tandem_store_list (self->store, TANDEM_TYPE_KEYWORKER, NULL, NULL, NULL);

          if (keyworkers != NULL)
            {
              self->rebuilding = TRUE;
              rebuild_current_keyworker (self, keyworkers);
              self->rebuilding = FALSE;
            }
        }
    }
}

static void
store_changed_cb (TandemPreferencesWindow *self,
                  const char              *table,
                  const char              *id,
                  TandemStore             *store)
{
  if (self->saving > 0)
    return;

  if (g_strcmp0 (table, "rooms") == 0 || g_strcmp0 (table, "keyworkers") == 0)
    schedule_rebuild (self);
}

static void
tandem_preferences_window_dispose (GObject *object)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (object);

  /* Rows about to go must not try to save as focus leaves them. */
  self->rebuilding = TRUE;
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (tandem_preferences_window_parent_class)->dispose (object);
}

static void
tandem_preferences_window_finalize (GObject *object)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->setting);
  g_clear_pointer (&self->room_rows, g_ptr_array_unref);
  g_clear_pointer (&self->keyworker_rows, g_ptr_array_unref);
  g_clear_pointer (&self->room_ids, g_ptr_array_unref);
  g_clear_pointer (&self->keyworker_ids, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (tandem_preferences_window_parent_class)->finalize (object);
}

static void
tandem_preferences_window_class_init (TandemPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_preferences_window_dispose;
  object_class->finalize = tandem_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, logo_image);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow,
                                        choose_logo_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow,
                                        remove_logo_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow,
                                        current_keyworker_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, rooms_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, keyworkers_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, add_room_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow,
                                        add_keyworker_button);
  gtk_widget_class_bind_template_callback (widget_class, setting_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_logo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_logo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, current_keyworker_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, family_pin_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow,
                                        family_pin_button);
  gtk_widget_class_bind_template_callback (widget_class, family_pin_clicked_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-room", NULL, add_room_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-keyworker", NULL,
                                   add_keyworker_action);
}

static void
tandem_preferences_window_init (TandemPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* AdwButtonContent labels its button once more on top of the name given
   * in the template; keep the one name. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->add_room_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->add_keyworker_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  self->room_rows = g_ptr_array_new ();
  self->keyworker_rows = g_ptr_array_new ();
  self->room_ids = g_ptr_array_new_with_free_func (g_free);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The interface's languages: those Tandem is translated into (po/LINGUAS)
 * and English. The first entry, "", follows the desktop. */
static const char * const ui_languages[] = {
  "", "en", "cy", "ar", "bn", "es", "pa", "pl", "pt", "ro", "uk", "ur", NULL
};

static void
language_selected_cb (TandemPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (selected < G_N_ELEMENTS (ui_languages) - 1)
    g_settings_set_string (self->settings, "ui-language", ui_languages[selected]);
}

/* Each language by its own name, as someone who reads only that language
 * would look for it. */
static void
load_languages (TandemPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *current = g_settings_get_string (self->settings, "ui-language");
  guint selected = 0;

  gtk_string_list_append (names, _("Same as the desktop"));
  for (guint i = 1; ui_languages[i] != NULL; i++)
    {
      const TandemLanguage *language = tandem_language_find (ui_languages[i]);

      gtk_string_list_append (names, language != NULL ? language->native_name : ui_languages[i]);
      if (g_strcmp0 (current, ui_languages[i]) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->language_row, selected);
  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (language_selected_cb), self, G_CONNECT_SWAPPED);
}

/**
 * tandem_preferences_window_new:
 * @parent: (nullable): the main window
 * @store: the open database
 * @settings: the application's settings
 *
 * Returns: (transfer floating): a new preferences window
 */
GtkWindow *
tandem_preferences_window_new (GtkWindow   *parent,
                               TandemStore *store,
                               GSettings   *settings)
{
  TandemPreferencesWindow *self;
  GtkEventController *focus;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (TANDEM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);

  load_setting (self);
  load_languages (self);
  update_family_pin (self);
  tandem_a11y_tidy_names (GTK_WIDGET (self->logo_row));
  /* "Choose…" alone would not say what is chosen. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_logo_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose Logo"), -1);

  /* The setting's own rows come from the template; give them the same
   * save-on-leave behaviour as the rows made here. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (entry_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->name_row), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (entry_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->address_row), focus);

  rebuild (self);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Sync belongs to the main window, which runs it. */
  if (TANDEM_IS_WINDOW (parent))
    {
      TandemSyncController *sync = tandem_window_get_sync_controller (TANDEM_WINDOW (parent));

      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (tandem_sync_preferences_page_new (sync)));
    }

  return GTK_WINDOW (self);
}
