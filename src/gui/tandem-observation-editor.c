/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-area-picker.h"
#include "tandem-dates.h"
#include "tandem-drafts.h"
#include "tandem-editor-util.h"
#include "tandem-journal.h"
#include "tandem-observation-editor.h"
#include "tandem-photo-strip.h"

/* Writing and editing an observation. A keyworker writes many a day, so the
 * editor opens with the child chosen, today's date, their own name and the
 * cursor in the text; everything else is optional.
 *
 * Nothing typed is lost: every change is kept as a draft (the editor's whole
 * state as JSON, see dup_state()) shortly after typing pauses, in its own
 * small transaction, and offered back at the next start if Tandem or the
 * computer stops before the observation is saved (tandem-draft-recovery.c). */

/* How long typing pauses before the draft is written. */
#define DRAFT_DELAY_MS 700
#define DRAFT_VERSION 1

struct _TandemObservationEditor
{
  AdwWindow             parent_instance;

  GtkWidget            *content_box;
  AdwWindowTitle       *window_title;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *children_group;
  GtkMenuButton        *add_child_button;
  GtkPopover           *child_popover;
  GtkSearchEntry       *child_search;
  GtkListBox           *child_list;
  GtkFlowBox           *children_box;
  GtkWidget            *no_children_label;
  GtkWidget            *text_frame;
  GtkTextView          *text_view;
  AdwEntryRow          *date_row;
  AdwComboRow          *author_row;
  AdwActionRow         *where_row;
  GtkToggleButton      *setting_toggle;
  GtkToggleButton      *home_toggle;
  AdwComboRow          *carer_row;
  TandemPhotoStrip     *photo_strip;
  TandemAreaPicker     *area_picker;
  GtkTextView          *next_steps_view;
  GtkTextView          *ideas_view;
  AdwActionRow         *shared_row;
  GtkSwitch            *shared_switch;
  GtkTextView          *internal_view;
  AdwPreferencesGroup  *comments_group;
  GtkToggleButton      *add_comment_button;
  GtkBox               *comments_box;
  AdwComboRow          *comment_who_row;
  AdwEntryRow          *comment_date_row;
  AdwComboRow          *comment_via_row;
  GtkTextView          *comment_view;
  GtkLabel             *comment_error_label;

  TandemStore          *store;
  /* The observation as it was when the editor opened; NULL when new. */
  TandemObservation    *observation;
  char                 *draft_key;

  /* The children it is about, in the order they were added. */
  GPtrArray            *child_ids;
  /* Every child that can be chosen, and any others it is about, by id. */
  GHashTable           *children;
  /* Ids behind the combo rows; a NULL entry is "nobody". */
  GPtrArray            *keyworker_ids;
  GPtrArray            *carer_ids;
  /* "carer:<id>" or "keyworker:<id>". */
  GPtrArray            *comment_who;

  /* The state when the editor opened, to tell whether anything changed. */
  char                 *initial_state;
  guint                 draft_source;
  guint                 rebuild_source;
  gboolean              loading;
  /* Saved, or closed by the person: the draft is gone and stays gone. */
  gboolean              finished;
};

G_DEFINE_FINAL_TYPE (TandemObservationEditor, tandem_observation_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const comment_vias[] = { "conversation", "slip", "other" };

static void form_changed (TandemObservationEditor *self);

static void
show_error (TandemObservationEditor *self,
            const char              *message,
            GtkWidget               *row)
{
  tandem_editor_show_error (self->error_revealer, self->error_label, message, row);
}

/* Children -------------------------------------------------------------- */

static TandemChild *
lookup_child (TandemObservationEditor *self,
              const char              *child_id)
{
  TandemChild *child = g_hash_table_lookup (self->children, child_id);

  /* A child who has left is still named in their old observations. */
  if (child == NULL)
    {
      child = tandem_store_load (self->store, TANDEM_TYPE_CHILD, child_id, NULL);
      if (child != NULL)
        g_hash_table_insert (self->children, g_strdup (child_id), child);
    }
  return child;
}

static const char *
child_name (TandemObservationEditor *self,
            const char              *child_id)
{
  TandemChild *child = lookup_child (self, child_id);

  return child != NULL ? tandem_child_get_display_name (child) : _("Unknown child");
}

static gboolean
has_child (TandemObservationEditor *self,
           const char              *child_id)
{
  for (guint i = 0; i < self->child_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->child_ids, i), child_id))
      return TRUE;
  return FALSE;
}

static char *
dup_carer_label (TandemObservationEditor *self,
                 TandemCarer             *carer,
                 gboolean                 with_child)
{
  TandemRecord *record = TANDEM_RECORD (carer);
  const char *relationship = tandem_record_get_text (record, "relationship");
  const char *name = tandem_carer_get_name (carer);
  g_autofree char *who = NULL;

  if (relationship != NULL)
    /* Translators: a family member; %1$s is their name, %2$s how they are related to the
     * child, e.g. "Rhian Jones (Mother)". */
    who = g_strdup_printf (_("%1$s (%2$s)"), name, relationship);
  else
    who = g_strdup (name);

  if (!with_child)
    return g_steal_pointer (&who);

  /* Translators: a family member of a child in a group observation; %1$s is the family
   * member, %2$s the child, e.g. "Rhian Jones (Mother), Gwen’s family". */
  return g_strdup_printf (_("%1$s, %2$s’s family"), who,
                          child_name (self, tandem_record_get_text (record, "child_id")));
}

static GPtrArray *
list_carers (TandemObservationEditor *self)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new ();

  if (self->child_ids->len == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);

  g_string_append (where, "child_id IN (");
  for (guint i = 0; i < self->child_ids->len; i++)
    {
      g_string_append_printf (where, "%s?%u", i > 0 ? ", " : "", i + 1);
      g_ptr_array_add (params, g_ptr_array_index (self->child_ids, i));
    }
  g_string_append (where, ")");
  g_ptr_array_add (params, NULL);

  return tandem_store_list (self->store, TANDEM_TYPE_CARER, where->str,
                            (const char * const *) params->pdata, NULL);
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
select_id (AdwComboRow *row,
           GPtrArray   *ids,
           const char  *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

/* The "From" row lists the carers of the children chosen; the comment's
 * "Who said it" row lists them and the practitioners. */
static void
fill_carers (TandemObservationEditor *self,
             const char              *keep_carer)
{
  g_autoptr(GPtrArray) carers = list_carers (self);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) who_model = gtk_string_list_new (NULL);
  g_autofree char *keep_who = NULL;
  g_autoptr(GPtrArray) keyworkers = NULL;
  gboolean several = self->child_ids->len > 1;
  gboolean was_loading = self->loading;

  keep_who = g_strdup (combo_id (self->comment_who_row, self->comment_who));

  /* Filling the rows is not a change the person made. */
  self->loading = TRUE;

  g_ptr_array_set_size (self->carer_ids, 0);
  gtk_string_list_append (model, _("Choose who it came from"));
  g_ptr_array_add (self->carer_ids, NULL);

  g_ptr_array_set_size (self->comment_who, 0);

  for (guint i = 0; carers != NULL && i < carers->len; i++)
    {
      TandemCarer *carer = g_ptr_array_index (carers, i);
      g_autofree char *label = dup_carer_label (self, carer, several);
      const char *id = tandem_record_get_id (TANDEM_RECORD (carer));

      gtk_string_list_append (model, label);
      g_ptr_array_add (self->carer_ids, g_strdup (id));
      gtk_string_list_append (who_model, label);
      g_ptr_array_add (self->comment_who, g_strconcat ("carer:", id, NULL));
    }

  /* A carer no longer listed (deleted, or of a child taken out) is kept
   * rather than quietly dropped. */
  if (keep_carer != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < self->carer_ids->len && !found; i++)
        found = g_strcmp0 (g_ptr_array_index (self->carer_ids, i), keep_carer) == 0;
      if (!found)
        {
          g_autoptr(TandemCarer) gone = tandem_store_load (self->store, TANDEM_TYPE_CARER,
                                                           keep_carer, NULL);
          g_autofree char *label = gone != NULL ? dup_carer_label (self, gone, several)
                                                : g_strdup (keep_carer);

          gtk_string_list_append (model, label);
          g_ptr_array_add (self->carer_ids, g_strdup (keep_carer));
        }
    }

  adw_combo_row_set_model (self->carer_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->carer_row, 0);
  if (keep_carer != NULL)
    select_id (self->carer_row, self->carer_ids, keep_carer);

  keyworkers = tandem_store_list (self->store, TANDEM_TYPE_KEYWORKER, NULL, NULL, NULL);
  for (guint i = 0; keyworkers != NULL && i < keyworkers->len; i++)
    {
      TandemKeyworker *keyworker = g_ptr_array_index (keyworkers, i);
      g_autofree char *label = NULL;

      /* Translators: in the list of who made a comment; %s is a practitioner's name. */
      label = g_strdup_printf (_("%s (practitioner)"), tandem_keyworker_get_name (keyworker));
      gtk_string_list_append (who_model, label);
      g_ptr_array_add (self->comment_who,
                       g_strconcat ("keyworker:", tandem_record_get_id (TANDEM_RECORD (keyworker)),
                                    NULL));
    }
  adw_combo_row_set_model (self->comment_who_row, G_LIST_MODEL (who_model));
  if (keep_who != NULL)
    select_id (self->comment_who_row, self->comment_who, keep_who);

  self->loading = was_loading;
}

static void update_children (TandemObservationEditor *self);

static gboolean
rebuild_children_cb (gpointer user_data)
{
  TandemObservationEditor *self = user_data;

  self->rebuild_source = 0;
  update_children (self);
  return G_SOURCE_REMOVE;
}

static void
chip_clicked_cb (GtkButton               *button,
                 TandemObservationEditor *self)
{
  const char *child_id = g_object_get_data (G_OBJECT (button), "tandem-child-id");

  for (guint i = 0; i < self->child_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->child_ids, i), child_id))
      {
        g_ptr_array_remove_index (self->child_ids, i);
        break;
      }

  /* The chips are rebuilt once the button, one of them, is done. */
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_children_cb, self);
  form_changed (self);
}

static GtkWidget *
make_child_chip (TandemObservationEditor *self,
                 const char              *child_id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *avatar, *label, *remove;
  const char *name = child_name (self, child_id);
  g_autofree char *remove_label = NULL;

  gtk_widget_add_css_class (box, "card");
  avatar = adw_avatar_new (24, name, TRUE);
  gtk_widget_set_margin_start (avatar, 6);
  gtk_widget_set_margin_top (avatar, 3);
  gtk_widget_set_margin_bottom (avatar, 3);
  gtk_box_append (GTK_BOX (box), avatar);

  label = gtk_label_new (name);
  gtk_widget_set_margin_start (label, 4);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  /* Translators: the button on a child's chip in the observation editor; %s is the
   * child's name. */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (remove, remove_label);
  tandem_a11y_set_label (remove, remove_label);
  g_object_set_data_full (G_OBJECT (remove), "tandem-child-id", g_strdup (child_id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (chip_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), remove);

  return box;
}

static void
update_child_rows (TandemObservationEditor *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->child_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *id = g_object_get_data (G_OBJECT (row), "tandem-child-id");
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "tandem-check");

      if (id != NULL && check != NULL)
        gtk_widget_set_opacity (check, has_child (self, id) ? 1.0 : 0.0);
    }
}

static void
update_title (TandemObservationEditor *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->child_ids->len; i++)
    {
      if (i > 0)
        /* Translators: separates the items of a list, e.g. of languages. */
        g_string_append (names, _(", "));
      g_string_append (names, child_name (self, g_ptr_array_index (self->child_ids, i)));
    }
  adw_window_title_set_subtitle (self->window_title, names->str);
}

/* Shows the chosen children, and passes them on to what depends on them:
 * who can be in a photo, who an observation from home can come from. */
static void
update_children (TandemObservationEditor *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *carer = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->children_box))) != NULL)
    gtk_flow_box_remove (self->children_box, child);

  for (guint i = 0; i < self->child_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->child_ids, i);

      gtk_flow_box_append (self->children_box, make_child_chip (self, id));
      g_ptr_array_add (names, (gpointer) child_name (self, id));
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (self->child_ids, NULL);
  tandem_photo_strip_set_children (self->photo_strip,
                                   (const char * const *) self->child_ids->pdata,
                                   (const char * const *) names->pdata);
  g_ptr_array_remove_index (self->child_ids, self->child_ids->len - 1);

  gtk_widget_set_visible (GTK_WIDGET (self->children_box), self->child_ids->len > 0);
  gtk_widget_set_visible (self->no_children_label, self->child_ids->len == 0);
  if (self->child_ids->len > 0)
    tandem_editor_set_row_error (GTK_WIDGET (self->children_group), FALSE);

  /* A copy: filling the row frees the ids behind it. */
  carer = g_strdup (combo_id (self->carer_row, self->carer_ids));
  fill_carers (self, carer);
  update_child_rows (self);
  update_title (self);
}

static void
add_child (TandemObservationEditor *self,
           const char              *child_id)
{
  if (child_id == NULL || has_child (self, child_id) || lookup_child (self, child_id) == NULL)
    return;
  g_ptr_array_add (self->child_ids, g_strdup (child_id));
}

static void
child_row_activated_cb (TandemObservationEditor *self,
                        GtkListBoxRow           *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "tandem-child-id");

  /* A second click takes the child out again; the popover stays open so
   * that a group is chosen in one go. */
  if (has_child (self, id))
    for (guint i = 0; i < self->child_ids->len; i++)
      {
        if (g_str_equal (g_ptr_array_index (self->child_ids, i), id))
          {
            g_ptr_array_remove_index (self->child_ids, i);
            break;
          }
      }
  else
    add_child (self, id);

  update_children (self);
  form_changed (self);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);
  g_autoptr(GString) out = g_string_new (NULL);

  /* Accents are dropped, so that "zoe" finds Zoë. */
  for (const char *p = normal; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
child_filter (GtkListBoxRow *row,
              gpointer       user_data)
{
  TandemObservationEditor *self = user_data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "tandem-search");
  g_autofree char *needle = fold (gtk_editable_get_text (GTK_EDITABLE (self->child_search)));

  return needle[0] == '\0' || (haystack != NULL && strstr (haystack, needle) != NULL);
}

static void
child_search_changed_cb (TandemObservationEditor *self)
{
  gtk_list_box_invalidate_filter (self->child_list);
}

static void
child_search_activate_cb (TandemObservationEditor *self)
{
  /* Enter adds the first child found, and the search starts again. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->child_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        const char *id = g_object_get_data (G_OBJECT (row), "tandem-child-id");

        if (!has_child (self, id))
          {
            add_child (self, id);
            update_children (self);
            form_changed (self);
          }
        break;
      }
  gtk_editable_set_text (GTK_EDITABLE (self->child_search), "");
}

static void
fill_child_list (TandemObservationEditor *self)
{
  g_autofree char *today = tandem_date_today ();
  const char *params[] = { today, NULL };
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GHashTable) room_names = g_hash_table_new (g_str_hash, g_str_equal);

  rooms = tandem_store_list (self->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL);
  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      TandemRecord *room = g_ptr_array_index (rooms, i);

      g_hash_table_insert (room_names, (gpointer) tandem_record_get_id (room),
                           (gpointer) tandem_record_get_text (room, "name"));
    }

  /* Current children only: those who have left are not observed any more. */
  children = tandem_store_list (self->store, TANDEM_TYPE_CHILD,
                                "leaving_date IS NULL OR leaving_date >= ?1", params, NULL);
  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      TandemChild *child = g_ptr_array_index (children, i);
      const char *id = tandem_record_get_id (TANDEM_RECORD (child));
      const char *room_id = tandem_record_get_text (TANDEM_RECORD (child), "room_id");
      const char *room = room_id != NULL ? g_hash_table_lookup (room_names, room_id) : NULL;
      g_autofree char *full = tandem_child_dup_full_name (child);
      g_autofree char *search = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      g_hash_table_insert (self->children, g_strdup (id), g_object_ref (child));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tandem_child_get_display_name (child));
      if (room != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (room, -1);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      gtk_widget_set_opacity (check, 0.0);

      search = g_strjoin (" ", tandem_child_get_display_name (child), full,
                          room != NULL ? room : "", NULL);
      g_object_set_data_full (G_OBJECT (row), "tandem-search", fold (search), g_free);
      g_object_set_data_full (G_OBJECT (row), "tandem-child-id", g_strdup (id), g_free);
      g_object_set_data (G_OBJECT (row), "tandem-check", check);
      gtk_list_box_append (self->child_list, row);
    }

  gtk_list_box_set_filter_func (self->child_list, child_filter, self, NULL);
  gtk_list_box_set_placeholder (self->child_list,
                                g_object_new (GTK_TYPE_LABEL,
                                              "label", _("No children found"),
                                              "margin-top", 12, "margin-bottom", 12,
                                              "css-classes",
                                              (const char *[]) { "dim-label", NULL },
                                              NULL));
}

/* Other rows ------------------------------------------------------------ */

static void
fill_authors (TandemObservationEditor *self,
              const char              *current)
{
  g_autoptr(GPtrArray) keyworkers = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gboolean found = FALSE;

  gtk_string_list_append (model, _("Not recorded"));
  g_ptr_array_add (self->keyworker_ids, NULL);

  keyworkers = tandem_store_list (self->store, TANDEM_TYPE_KEYWORKER, NULL, NULL, NULL);
  for (guint i = 0; keyworkers != NULL && i < keyworkers->len; i++)
    {
      TandemKeyworker *keyworker = g_ptr_array_index (keyworkers, i);
      const char *id = tandem_record_get_id (TANDEM_RECORD (keyworker));

      gtk_string_list_append (model, tandem_keyworker_get_name (keyworker));
      g_ptr_array_add (self->keyworker_ids, g_strdup (id));
      found |= g_strcmp0 (id, current) == 0;
    }

  /* Whoever wrote it stays its author, even once they have left. */
  if (current != NULL && !found)
    {
      g_autoptr(TandemKeyworker) gone = tandem_store_load (self->store, TANDEM_TYPE_KEYWORKER,
                                                           current, NULL);

      if (gone != NULL)
        {
          gtk_string_list_append (model, tandem_keyworker_get_name (gone));
          g_ptr_array_add (self->keyworker_ids, g_strdup (current));
        }
    }

  adw_combo_row_set_model (self->author_row, G_LIST_MODEL (model));
  select_id (self->author_row, self->keyworker_ids, current);
}

static char *
current_keyworker (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  char *id;

  /* Without the schema installed (a test, an uninstalled build) nobody is
   * the current keyworker. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  settings = g_settings_new (APP_ID);
  id = g_settings_get_string (settings, "current-keyworker");
  if (id[0] == '\0')
    g_clear_pointer (&id, g_free);
  return id;
}

static gboolean
is_home (TandemObservationEditor *self)
{
  return gtk_toggle_button_get_active (self->home_toggle);
}

static void
update_where (TandemObservationEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->carer_row), is_home (self));
}

static void
update_shared (TandemObservationEditor *self)
{
  adw_action_row_set_subtitle (self->shared_row,
                               gtk_switch_get_active (self->shared_switch)
                               ? _("The family can see it, and it can go in their pack.")
                               : _("Internal: for staff only. Never shown to the family or "
                                   "printed in packs."));
}

static void
fill_vias (TandemObservationEditor *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (comment_vias); i++)
    gtk_string_list_append (model, tandem_comment_via_label (comment_vias[i]));
  adw_combo_row_set_model (self->comment_via_row, G_LIST_MODEL (model));
}

/* Text ------------------------------------------------------------------ */

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* A pasted 10 MB text would make the text view slow to a crawl, and the
 * store refuses it anyway: what would make a field too long is refused as
 * it comes in, with the store's own message. */
static void
insert_text_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            len,
                gpointer       user_data)
{
  TandemObservationEditor *self = user_data;
  const char *field = g_object_get_data (G_OBJECT (buffer), "tandem-field");
  gsize adding = len >= 0 ? (gsize) len : strlen (text);
  gsize have = (gsize) gtk_text_buffer_get_char_count (buffer);
  g_autoptr(TandemRecord) scratch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autofree char *joined = NULL;
  GtkWidget *view;

  /* A character is at most four bytes: most inserts need no counting. */
  if (have * 4 + adding <= TANDEM_MAX_TEXT_BYTES)
    return;

  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  }
  if (strlen (current) + adding <= TANDEM_MAX_TEXT_BYTES)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");

  joined = g_malloc (strlen (current) + adding + 1);
  memcpy (joined, current, strlen (current));
  memcpy (joined + strlen (current), text, adding);
  joined[strlen (current) + adding] = '\0';

  if (g_str_equal (field, "comment"))
    {
      scratch = TANDEM_RECORD (tandem_comment_new ("-", NULL));
      tandem_record_set_text (scratch, "text", joined);
    }
  else
    {
      scratch = TANDEM_RECORD (tandem_observation_new (NULL, "-"));
      tandem_record_set_text (scratch, field, joined);
    }

  view = g_object_get_data (G_OBJECT (buffer), "tandem-view");
  if (!tandem_record_validate (scratch, &error))
    {
      if (g_str_equal (field, "comment"))
        {
          gtk_label_set_text (self->comment_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), TRUE);
        }
      else
        show_error (self, error->message, NULL);
    }
  else
    show_error (self, _("That text is too long to keep here."), NULL);

  if (view != NULL)
    gtk_widget_error_bell (view);
}

static void
text_changed_cb (TandemObservationEditor *self)
{
  form_changed (self);
}

static gboolean
clipboard_has_text (GdkClipboard *clipboard)
{
  g_autoptr(GdkContentFormats) formats =
    gdk_content_formats_union_deserialize_gtypes (
      gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));

  return gdk_content_formats_contain_gtype (formats, G_TYPE_STRING);
}

static void
paste_clipboard_cb (GtkTextView             *view,
                    TandemObservationEditor *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));

  /* A picture pasted while typing is a photo for the observation. */
  if (view != self->comment_view && !clipboard_has_text (clipboard) &&
      tandem_photo_strip_paste (self->photo_strip, clipboard))
    g_signal_stop_emission_by_name (view, "paste-clipboard");
}

static void
setup_text_view (TandemObservationEditor *self,
                 GtkTextView             *view,
                 const char              *field)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  g_object_set_data (G_OBJECT (buffer), "tandem-field", (gpointer) field);
  g_object_set_data (G_OBJECT (buffer), "tandem-view", view);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (insert_text_cb), self);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect (view, "paste-clipboard", G_CALLBACK (paste_clipboard_cb), self);
}

/* State and drafts ------------------------------------------------------ */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_view (JsonBuilder *builder,
          const char  *name,
          GtkTextView *view)
{
  g_autofree char *text = dup_text (view);

  add_string (builder, name, text);
}

/**
 * tandem_observation_editor_dup_state:
 * @self: an editor
 *
 * The editor's whole state as JSON, as its drafts keep it: every field as
 * typed (the date too, even if it is not a date yet), the children, the
 * photos by their blob hashes, and the comment being written.
 *
 * Returns: (transfer full): JSON text
 */
char *
tandem_observation_editor_dup_state (TandemObservationEditor *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *areas = NULL;
  g_autofree char *characteristics = NULL;

  g_return_val_if_fail (TANDEM_IS_OBSERVATION_EDITOR (self), NULL);

  areas = tandem_area_picker_get_areas (self->area_picker);
  characteristics = tandem_area_picker_get_characteristics (self->area_picker);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DRAFT_VERSION);
  add_string (builder, "observation_id",
              self->observation != NULL
              ? tandem_record_get_id (TANDEM_RECORD (self->observation)) : NULL);
  add_string (builder, "observed_on", gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  add_string (builder, "author_id", combo_id (self->author_row, self->keyworker_ids));
  add_string (builder, "source", is_home (self) ? TANDEM_SOURCE_HOME : TANDEM_SOURCE_SETTING);
  add_string (builder, "carer_id", combo_id (self->carer_row, self->carer_ids));
  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->child_ids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->child_ids, i));
  json_builder_end_array (builder);
  add_view (builder, "text", self->text_view);
  add_string (builder, "areas", areas);
  add_string (builder, "characteristics", characteristics);
  add_view (builder, "next_steps", self->next_steps_view);
  add_view (builder, "ideas_for_home", self->ideas_view);
  json_builder_set_member_name (builder, "shared");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->shared_switch));
  add_view (builder, "internal_note", self->internal_view);
  json_builder_set_member_name (builder, "photos");
  json_builder_add_value (builder, tandem_photo_strip_to_json (self->photo_strip));
  add_view (builder, "comment_text", self->comment_view);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_source (TandemObservationEditor *self,
            const char              *source)
{
  if (g_strcmp0 (source, TANDEM_SOURCE_HOME) == 0)
    gtk_toggle_button_set_active (self->home_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->setting_toggle, TRUE);
  update_where (self);
}

/* Fills the form from a draft written by dup_state(). */
static void
apply_state (TandemObservationEditor *self,
             JsonObject              *state)
{
  JsonNode *children = json_object_get_member (state, "children");
  JsonNode *photos = json_object_get_member (state, "photos");

  g_ptr_array_set_size (self->child_ids, 0);
  if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
    {
      JsonArray *array = json_node_get_array (children);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            add_child (self, json_node_get_string (node));
        }
    }
  update_children (self);

  tandem_editor_set_entry (self->date_row, get_string (state, "observed_on"));
  select_id (self->author_row, self->keyworker_ids, get_string (state, "author_id"));
  set_source (self, get_string (state, "source"));
  fill_carers (self, get_string (state, "carer_id"));
  set_text (self->text_view, get_string (state, "text"));
  tandem_area_picker_set_areas (self->area_picker, get_string (state, "areas"));
  tandem_area_picker_set_characteristics (self->area_picker,
                                          get_string (state, "characteristics"));
  set_text (self->next_steps_view, get_string (state, "next_steps"));
  set_text (self->ideas_view, get_string (state, "ideas_for_home"));
  gtk_switch_set_active (self->shared_switch,
                         json_object_get_boolean_member_with_default (state, "shared", TRUE));
  set_text (self->internal_view, get_string (state, "internal_note"));
  if (photos != NULL && JSON_NODE_HOLDS_ARRAY (photos))
    tandem_photo_strip_load_json (self->photo_strip, json_node_get_array (photos));
  set_text (self->comment_view, get_string (state, "comment_text"));
}

static gboolean
has_changes_now (TandemObservationEditor *self)
{
  g_autofree char *state = tandem_observation_editor_dup_state (self);

  return g_strcmp0 (state, self->initial_state) != 0;
}

/**
 * tandem_observation_editor_save_draft_now:
 * @self: an editor
 *
 * Writes the draft at once rather than after the pause in typing; when
 * nothing differs from what the editor opened with, forgets it instead.
 *
 * Returns: %TRUE if the draft was written or forgotten
 */
gboolean
tandem_observation_editor_save_draft_now (TandemObservationEditor *self)
{
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_OBSERVATION_EDITOR (self), FALSE);

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->finished || self->store == NULL)
    return FALSE;

  state = tandem_observation_editor_dup_state (self);
  if (g_strcmp0 (state, self->initial_state) == 0)
    ok = tandem_drafts_discard (self->store, self->draft_key, &error);
  else
    ok = tandem_drafts_save (self->store, self->draft_key, state, &error);

  /* A draft is a safety net: failing to write one must not get in the way
   * of the work itself. */
  if (!ok)
    g_debug ("The draft %s could not be kept: %s", self->draft_key, error->message);
  return ok;
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  TandemObservationEditor *self = user_data;

  self->draft_source = 0;
  tandem_observation_editor_save_draft_now (self);
  return G_SOURCE_REMOVE;
}

static void
form_changed (TandemObservationEditor *self)
{
  if (self->loading || self->finished)
    return;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}

static void
forget_draft (TandemObservationEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->finished = TRUE;
  if (!tandem_drafts_discard (self->store, self->draft_key, &error))
    g_debug ("The draft %s could not be forgotten: %s", self->draft_key, error->message);
}

/* Comments -------------------------------------------------------------- */

static GtkWidget *
comment_widget (TandemObservationEditor *self,
                TandemComment           *comment)
{
  TandemRecord *record = TANDEM_RECORD (comment);
  const char *carer_id = tandem_record_get_text (record, "carer_id");
  const char *author_id = tandem_record_get_text (record, "author_id");
  const char *via = tandem_record_get_text (record, "via");
  g_autofree char *date = tandem_date_format_long (tandem_record_get_text (record,
                                                                          "commented_on"));
  g_autofree char *who = NULL;
  g_autofree char *details = NULL;
  GtkWidget *box, *header, *marker, *name, *meta, *text;

  if (carer_id != NULL)
    {
      g_autoptr(TandemCarer) carer = tandem_store_load (self->store, TANDEM_TYPE_CARER,
                                                        carer_id, NULL);

      who = carer != NULL ? dup_carer_label (self, carer, self->child_ids->len > 1)
                          : g_strdup (_("A family member"));
    }
  else
    {
      g_autoptr(TandemKeyworker) keyworker =
        author_id != NULL ? tandem_store_load (self->store, TANDEM_TYPE_KEYWORKER, author_id,
                                               NULL)
                          : NULL;

      who = g_strdup (keyworker != NULL ? tandem_keyworker_get_name (keyworker)
                                        : _("A practitioner"));
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "card");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);

  /* The family's words carry as much weight as the practitioner's: the
   * same size of text, and a clear mark of whose they are. */
  marker = gtk_label_new (carer_id != NULL ? _("From the family") : _("Practitioner"));
  gtk_widget_add_css_class (marker, "badge");
  gtk_widget_add_css_class (marker, carer_id != NULL ? "accent" : "dim-label");
  gtk_widget_add_css_class (marker, "caption-heading");
  gtk_widget_set_valign (marker, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), marker);

  name = gtk_label_new (who);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (header), name);
  gtk_box_append (GTK_BOX (box), header);

  if (carer_id != NULL && via != NULL)
    /* Translators: under a family's comment; %1$s is a date, %2$s how it came, e.g.
     * "On a returned slip". */
    details = g_strdup_printf (_("%1$s · %2$s"), date, tandem_comment_via_label (via));
  else
    details = g_strdup (date);
  meta = gtk_label_new (details);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_set_margin_start (meta, 12);
  gtk_widget_set_margin_end (meta, 12);
  gtk_box_append (GTK_BOX (box), meta);

  text = gtk_label_new (tandem_record_get_text (record, "text"));
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  gtk_widget_set_margin_bottom (text, 12);
  gtk_box_append (GTK_BOX (box), text);

  {
    g_autofree char *label = NULL;

    if (carer_id != NULL)
      /* Translators: the accessible name of a family's comment; %1$s is who made it,
       * %2$s when. */
      label = g_strdup_printf (_("Comment from the family: %1$s, %2$s"), who, date);
    else
      /* Translators: the accessible name of a practitioner's comment; %1$s is who made
       * it, %2$s when. */
      label = g_strdup_printf (_("Comment from %1$s, %2$s"), who, date);

    gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }

  return box;
}

static void
load_comments (TandemObservationEditor *self)
{
  g_autoptr(GPtrArray) comments = NULL;
  GtkWidget *child;

  if (self->observation == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->comments_box))) != NULL)
    gtk_box_remove (self->comments_box, child);

  comments = tandem_journal_get_comments (self->store,
                                          tandem_record_get_id (TANDEM_RECORD (self->observation)),
                                          NULL);
  for (guint i = 0; comments != NULL && i < comments->len; i++)
    gtk_box_append (self->comments_box,
                    comment_widget (self, g_ptr_array_index (comments, i)));

  if (comments == NULL || comments->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No comments yet. Add what the family said about it."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_box_append (self->comments_box, none);
    }
}

static void
comment_who_changed_cb (TandemObservationEditor *self)
{
  const char *who = combo_id (self->comment_who_row, self->comment_who);

  /* How a comment came only means something for the family's. */
  gtk_widget_set_visible (GTK_WIDGET (self->comment_via_row),
                          who == NULL || g_str_has_prefix (who, "carer:"));
}

/* Saves the comment in the form at once, as a record of its own: it is
 * the family's, not part of the observation being edited. */
static gboolean
save_comment (TandemObservationEditor *self)
{
  const char *who = combo_id (self->comment_who_row, self->comment_who);
  g_autofree char *text = tandem_editor_get_notes (self->comment_view);
  g_autofree char *today = tandem_date_today ();
  g_autofree char *message = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(TandemComment) comment = NULL;
  g_autoptr(GError) error = NULL;
  guint via;

  if (self->observation == NULL)
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), FALSE);
  tandem_editor_set_row_error (GTK_WIDGET (self->comment_who_row), FALSE);
  tandem_editor_set_row_error (GTK_WIDGET (self->comment_date_row), FALSE);

  if (who == NULL)
    {
      gtk_label_set_text (self->comment_error_label,
                          _("Choose who made the comment. Add the family’s carers in the "
                            "Family view first."));
      gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), TRUE);
      tandem_editor_set_row_error (GTK_WIDGET (self->comment_who_row), TRUE);
      return FALSE;
    }

  if (!tandem_editor_get_date (self->comment_date_row, today, &iso, &message) || iso == NULL)
    {
      if (message == NULL)
        message = g_strdup (_("Type the date of the comment, e.g. 14/03/2021."));
      gtk_label_set_text (self->comment_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), TRUE);
      tandem_editor_set_row_error (GTK_WIDGET (self->comment_date_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->comment_date_row));
      return FALSE;
    }

  comment = tandem_comment_new (tandem_record_get_id (TANDEM_RECORD (self->observation)), text);
  tandem_record_set_text (TANDEM_RECORD (comment), "commented_on", iso);
  if (g_str_has_prefix (who, "carer:"))
    {
      tandem_record_set_text (TANDEM_RECORD (comment), "carer_id", who + strlen ("carer:"));
      via = adw_combo_row_get_selected (self->comment_via_row);
      if (via < G_N_ELEMENTS (comment_vias))
        tandem_record_set_text (TANDEM_RECORD (comment), "via", comment_vias[via]);
    }
  else
    tandem_record_set_text (TANDEM_RECORD (comment), "author_id", who + strlen ("keyworker:"));

  if (!tandem_store_save (self->store, TANDEM_RECORD (comment), &error))
    {
      gtk_label_set_text (self->comment_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
      return FALSE;
    }

  set_text (self->comment_view, NULL);
  gtk_toggle_button_set_active (self->add_comment_button, FALSE);
  load_comments (self);
  /* The draft no longer needs the comment (and is forgotten if nothing
   * else was changed). */
  form_changed (self);
  return TRUE;
}

static void
add_comment_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_comment (TANDEM_OBSERVATION_EDITOR (widget));
}

static void
add_comment_toggled_cb (TandemObservationEditor *self)
{
  if (gtk_toggle_button_get_active (self->add_comment_button))
    gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
}

/* Saving ---------------------------------------------------------------- */

static GtkWidget *
row_for_field (TandemObservationEditor *self,
               const char              *field)
{
  if (g_strcmp0 (field, "observed_on") == 0)
    return GTK_WIDGET (self->date_row);
  if (g_strcmp0 (field, "author_id") == 0)
    return GTK_WIDGET (self->author_row);
  if (g_strcmp0 (field, "carer_id") == 0)
    return GTK_WIDGET (self->carer_row);
  if (g_strcmp0 (field, "source") == 0)
    return GTK_WIDGET (self->where_row);
  if (g_strcmp0 (field, "text") == 0)
    return GTK_WIDGET (self->text_view);
  if (g_strcmp0 (field, "next_steps") == 0)
    return GTK_WIDGET (self->next_steps_view);
  if (g_strcmp0 (field, "ideas_for_home") == 0)
    return GTK_WIDGET (self->ideas_view);
  if (g_strcmp0 (field, "internal_note") == 0)
    return GTK_WIDGET (self->internal_view);
  return NULL;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemObservationEditor *self = TANDEM_OBSERVATION_EDITOR (widget);
  g_autoptr(TandemRecord) record = NULL;
  g_autofree char *today = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) photo_children = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;
  g_autofree char *areas = NULL;
  g_autofree char *characteristics = NULL;
  g_autofree char *next_steps = NULL;
  g_autofree char *ideas = NULL;
  g_autofree char *internal = NULL;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);
  tandem_editor_set_row_error (GTK_WIDGET (self->children_group), FALSE);
  gtk_widget_remove_css_class (self->text_frame, "error");

  if (tandem_photo_strip_get_busy (self->photo_strip))
    {
      show_error (self, _("Photos are still being added. Save once they are in."), NULL);
      return;
    }

  /* A comment typed and not yet saved on its own is not thrown away. */
  if (self->observation != NULL)
    {
      g_autofree char *comment = tandem_editor_get_notes (self->comment_view);

      if (comment != NULL && !save_comment (self))
        {
          gtk_toggle_button_set_active (self->add_comment_button, TRUE);
          show_error (self, _("The comment could not be saved. See below what is missing."),
                      NULL);
          return;
        }
    }

  if (self->child_ids->len == 0)
    {
      show_error (self, _("Choose at least one child the observation is about."),
                  GTK_WIDGET (self->add_child_button));
      return;
    }

  today = tandem_date_today ();
  if (!tandem_editor_get_date (self->date_row, today, &iso, &message) || iso == NULL)
    {
      if (message == NULL)
        message = g_strdup (_("Type the date it happened, e.g. 14/03/2021."));
      show_error (self, message, GTK_WIDGET (self->date_row));
      return;
    }

  text = tandem_editor_get_notes (self->text_view);
  if (text == NULL)
    {
      show_error (self, _("Write what happened: the observation has no text yet."), NULL);
      gtk_widget_add_css_class (self->text_frame, "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return;
    }

  if (self->observation != NULL)
    record = tandem_record_copy (TANDEM_RECORD (self->observation));
  else
    record = TANDEM_RECORD (tandem_observation_new (iso, NULL));

  areas = tandem_area_picker_get_areas (self->area_picker);
  characteristics = tandem_area_picker_get_characteristics (self->area_picker);
  next_steps = tandem_editor_get_notes (self->next_steps_view);
  ideas = tandem_editor_get_notes (self->ideas_view);
  internal = tandem_editor_get_notes (self->internal_view);

  tandem_record_set_text (record, "observed_on", iso);
  tandem_record_set_text (record, "author_id", combo_id (self->author_row, self->keyworker_ids));
  tandem_record_set_text (record, "source",
                          is_home (self) ? TANDEM_SOURCE_HOME : TANDEM_SOURCE_SETTING);
  tandem_record_set_text (record, "carer_id",
                          is_home (self) ? combo_id (self->carer_row, self->carer_ids) : NULL);
  tandem_record_set_text (record, "text", text);
  tandem_record_set_text (record, "areas", areas);
  tandem_record_set_text (record, "characteristics", characteristics);
  tandem_record_set_text (record, "next_steps", next_steps);
  tandem_record_set_text (record, "ideas_for_home", ideas);
  tandem_record_set_bool (record, "shared", gtk_switch_get_active (self->shared_switch));
  tandem_record_set_text (record, "internal_note", internal);

  tandem_photo_strip_collect (self->photo_strip, &photos, &photo_children);
  g_ptr_array_add (self->child_ids, NULL);
  if (!tandem_journal_save_observation (self->store, TANDEM_OBSERVATION (record),
                                        (const char * const *) self->child_ids->pdata,
                                        photos, photo_children, &error))
    {
      const char *field;

      g_ptr_array_remove_index (self->child_ids, self->child_ids->len - 1);
      field = tandem_editor_error_field (TANDEM_TYPE_OBSERVATION, error->message);
      show_error (self, error->message, row_for_field (self, field));
      return;
    }
  g_ptr_array_remove_index (self->child_ids, self->child_ids->len - 1);

  /* Nothing is left to lose: the window closes without asking. */
  forget_draft (self);
  g_signal_emit (self, signals[SAVED], 0, tandem_record_get_id (record));
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemObservationEditor *self = TANDEM_OBSERVATION_EDITOR (window);

  if (self->finished)
    return FALSE;
  return has_changes_now (self) || tandem_photo_strip_get_busy (self->photo_strip);
}

/* Runs only when the window really closes: after the question whether to
 * discard the changes, or when there were none. The draft goes with it. */
static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data)
{
  forget_draft (TANDEM_OBSERVATION_EDITOR (window));
  return FALSE;
}

static void
paste_photos_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemObservationEditor *self = TANDEM_OBSERVATION_EDITOR (widget);

  tandem_photo_strip_paste (self->photo_strip, gtk_widget_get_clipboard (widget));
}

static gboolean
drop_cb (GtkDropTarget           *target,
         const GValue            *value,
         double                   x,
         double                   y,
         TandemObservationEditor *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  GSList *files = list != NULL ? gdk_file_list_get_files (list) : NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  g_slist_free (files);

  if (array->len == 0)
    return FALSE;
  tandem_photo_strip_add_files (self->photo_strip, (GFile **) array->pdata, array->len);
  return TRUE;
}

static void
busy_changed_cb (TandemObservationEditor *self)
{
  gboolean busy = tandem_photo_strip_get_busy (self->photo_strip);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !busy);
}

/* GObject --------------------------------------------------------------- */

static void
tandem_observation_editor_dispose (GObject *object)
{
  TandemObservationEditor *self = TANDEM_OBSERVATION_EDITOR (object);

  /* Destroyed without closing (Tandem quitting): the last keystrokes are
   * kept with the rest of the draft. */
  if (self->draft_source != 0 && !self->finished && self->store != NULL)
    tandem_observation_editor_save_draft_now (self);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_OBSERVATION_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->observation);

  G_OBJECT_CLASS (tandem_observation_editor_parent_class)->dispose (object);
}

static void
tandem_observation_editor_finalize (GObject *object)
{
  TandemObservationEditor *self = TANDEM_OBSERVATION_EDITOR (object);

  g_free (self->draft_key);
  g_free (self->initial_state);
  g_ptr_array_unref (self->child_ids);
  g_hash_table_unref (self->children);
  g_ptr_array_unref (self->keyworker_ids);
  g_ptr_array_unref (self->carer_ids);
  g_ptr_array_unref (self->comment_who);

  G_OBJECT_CLASS (tandem_observation_editor_parent_class)->finalize (object);
}

static void
tandem_observation_editor_class_init (TandemObservationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_observation_editor_dispose;
  object_class->finalize = tandem_observation_editor_finalize;

  /**
   * TandemObservationEditor::saved:
   * @self: the editor
   * @id: the id of the observation as saved
   *
   * Emitted once the observation is saved, just before the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TANDEM_TYPE_AREA_PICKER);
  g_type_ensure (TANDEM_TYPE_PHOTO_STRIP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-observation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, page);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, children_group);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, add_child_button);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, child_popover);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, child_search);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, child_list);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, children_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, no_children_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, text_frame);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, author_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, where_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, setting_toggle);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, home_toggle);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, carer_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, area_picker);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, next_steps_view);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, ideas_view);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, shared_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, shared_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, internal_view);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, comments_group);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor,
                                        add_comment_button);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, comments_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, comment_who_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, comment_date_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, comment_via_row);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor, comment_view);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationEditor,
                                        comment_error_label);

  /* The keys of every editor: Ctrl+Return saves, Escape closes (asking
   * first if anything was typed). */
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_install_action (widget_class, "editor.add-comment", NULL, add_comment_cb);
  gtk_widget_class_install_action (widget_class, "editor.paste-photos", NULL, paste_photos_cb);
  /* Text fields take Ctrl+V first; elsewhere in the window it pastes photos. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "editor.paste-photos", NULL);
}

static void
tandem_observation_editor_init (TandemObservationEditor *self)
{
  GtkDropTarget *target;

  self->child_ids = g_ptr_array_new_with_free_func (g_free);
  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->keyworker_ids = g_ptr_array_new_with_free_func (g_free);
  self->carer_ids = g_ptr_array_new_with_free_func (g_free);
  self->comment_who = g_ptr_array_new_with_free_func (g_free);
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);
  /* After the guard: this runs only if the guard lets the window close. */
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  tandem_a11y_tidy_names (GTK_WIDGET (self));
  tandem_a11y_set_label (GTK_WIDGET (self->add_child_button), _("Add Child"));
  tandem_a11y_set_label (GTK_WIDGET (self->shared_switch), _("Shared with the family"));
  tandem_editor_add_date_hint (self->date_row);
  tandem_editor_add_date_hint (self->comment_date_row);

  setup_text_view (self, self->text_view, "text");
  setup_text_view (self, self->next_steps_view, "next_steps");
  setup_text_view (self, self->ideas_view, "ideas_for_home");
  setup_text_view (self, self->internal_view, "internal_note");
  setup_text_view (self, self->comment_view, "comment");

  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (form_changed), self);
  g_signal_connect_swapped (self->author_row, "notify::selected", G_CALLBACK (form_changed),
                            self);
  g_signal_connect_swapped (self->carer_row, "notify::selected", G_CALLBACK (form_changed), self);
  g_signal_connect_swapped (self->home_toggle, "toggled", G_CALLBACK (update_where), self);
  g_signal_connect_swapped (self->home_toggle, "toggled", G_CALLBACK (form_changed), self);
  g_signal_connect_swapped (self->shared_switch, "notify::active", G_CALLBACK (update_shared),
                            self);
  g_signal_connect_swapped (self->shared_switch, "notify::active", G_CALLBACK (form_changed),
                            self);
  g_signal_connect_swapped (self->area_picker, "changed", G_CALLBACK (form_changed), self);
  g_signal_connect_swapped (self->photo_strip, "changed", G_CALLBACK (form_changed), self);
  g_signal_connect_swapped (self->photo_strip, "notify::busy", G_CALLBACK (busy_changed_cb),
                            self);
  g_signal_connect_swapped (self->child_list, "row-activated",
                            G_CALLBACK (child_row_activated_cb), self);
  g_signal_connect_swapped (self->child_search, "search-changed",
                            G_CALLBACK (child_search_changed_cb), self);
  g_signal_connect_swapped (self->child_search, "activate",
                            G_CALLBACK (child_search_activate_cb), self);
  g_signal_connect_swapped (self->comment_who_row, "notify::selected",
                            G_CALLBACK (comment_who_changed_cb), self);
  g_signal_connect_swapped (self->add_comment_button, "toggled",
                            G_CALLBACK (add_comment_toggled_cb), self);

  /* Photos can be dropped anywhere on the editor, not only on the strip. */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (self->content_box, GTK_EVENT_CONTROLLER (target));

  fill_vias (self);
  update_shared (self);
  update_where (self);
}

static void
load (TandemObservationEditor *self,
      const char              *child_id)
{
  TandemRecord *record = self->observation != NULL ? TANDEM_RECORD (self->observation) : NULL;
  g_autofree char *author = NULL;

  self->loading = TRUE;

  fill_child_list (self);
  tandem_photo_strip_set_store (self->photo_strip, self->store);

  if (record == NULL)
    {
      g_autofree char *today = tandem_date_today ();

      gtk_window_set_title (GTK_WINDOW (self), _("Write Observation"));
      adw_window_title_set_title (self->window_title, _("Write Observation"));
      self->draft_key = g_strdup ("observation:new");
      author = current_keyworker ();
      fill_authors (self, author);
      add_child (self, child_id);
      update_children (self);
      tandem_editor_set_entry (self->date_row, today);
    }
  else
    {
      const char *id = tandem_record_get_id (record);
      g_autofree char *today = tandem_date_today ();
      g_auto(GStrv) children = tandem_journal_get_child_ids (self->store, id, NULL);
      g_autoptr(GPtrArray) photos = tandem_journal_get_photos (self->store, id, NULL);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Observation"));
      adw_window_title_set_title (self->window_title, _("Edit Observation"));
      self->draft_key = g_strconcat ("observation:", id, NULL);

      fill_authors (self, tandem_record_get_text (record, "author_id"));
      for (guint i = 0; children != NULL && children[i] != NULL; i++)
        add_child (self, children[i]);
      update_children (self);

      tandem_editor_set_entry (self->date_row, tandem_record_get_text (record, "observed_on"));
      set_source (self, tandem_record_get_text (record, "source"));
      fill_carers (self, tandem_record_get_text (record, "carer_id"));
      set_text (self->text_view, tandem_record_get_text (record, "text"));
      tandem_area_picker_set_areas (self->area_picker, tandem_record_get_text (record, "areas"));
      tandem_area_picker_set_characteristics (self->area_picker,
                                              tandem_record_get_text (record,
                                                                      "characteristics"));
      set_text (self->next_steps_view, tandem_record_get_text (record, "next_steps"));
      set_text (self->ideas_view, tandem_record_get_text (record, "ideas_for_home"));
      gtk_switch_set_active (self->shared_switch, tandem_record_get_bool (record, "shared"));
      set_text (self->internal_view, tandem_record_get_text (record, "internal_note"));
      tandem_photo_strip_load (self->photo_strip, photos);

      gtk_widget_set_visible (GTK_WIDGET (self->comments_group), TRUE);
      tandem_editor_set_entry (self->comment_date_row, today);
      load_comments (self);
    }

  self->initial_state = tandem_observation_editor_dup_state (self);
  self->loading = FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * tandem_observation_editor_new:
 * @parent: (nullable): the window to be modal to
 * @store: the store to save to
 * @observation: (nullable): the observation to edit, or %NULL to write one
 * @child_id: (nullable): for a new observation, the child it is about to
 *   begin with
 *
 * Returns: (transfer full): the editor window, for the caller to present
 */
GtkWindow *
tandem_observation_editor_new (GtkWindow         *parent,
                               TandemStore       *store,
                               TandemObservation *observation,
                               const char        *child_id)
{
  TandemObservationEditor *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (observation == NULL || TANDEM_IS_OBSERVATION (observation), NULL);

  self = g_object_new (TANDEM_TYPE_OBSERVATION_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (observation != NULL)
    self->observation = TANDEM_OBSERVATION (tandem_record_copy (TANDEM_RECORD (observation)));
  load (self, child_id);

  return GTK_WINDOW (self);
}

/**
 * tandem_observation_editor_new_from_draft:
 * @parent: (nullable): the window to be modal to
 * @store: the store to save to
 * @key: the draft's name: `observation:new` or `observation:<id>`
 * @json: the draft, as the editor wrote it
 * @error: where to put why the draft cannot be opened
 *
 * Opens the editor as it was when the draft was written, to finish the
 * observation. The draft stays until the observation is saved or the
 * editor is closed.
 *
 * Returns: (transfer full) (nullable): the editor window, for the caller to
 *   present
 */
GtkWindow *
tandem_observation_editor_new_from_draft (GtkWindow    *parent,
                                          TandemStore  *store,
                                          const char   *key,
                                          const char   *json,
                                          GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TandemObservation) observation = NULL;
  TandemObservationEditor *self;
  JsonNode *root;
  JsonObject *state;
  const char *id;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL && g_str_has_prefix (key, "observation:"), NULL);

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The unsaved observation could not be read back: its draft is "
                             "damaged."));
      return NULL;
    }
  state = json_node_get_object (root);

  id = key + strlen ("observation:");
  if (!g_str_equal (id, "new"))
    {
      observation = tandem_store_load (store, TANDEM_TYPE_OBSERVATION, id, NULL);
      if (observation != NULL && tandem_record_get_deleted (TANDEM_RECORD (observation)))
        g_clear_object (&observation);
    }

  self = g_object_new (TANDEM_TYPE_OBSERVATION_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->observation = g_steal_pointer (&observation);
  load (self, NULL);

  /* The draft of an observation deleted since is finished as a new one,
   * under its old name so that saving it forgets the draft. */
  g_free (self->draft_key);
  self->draft_key = g_strdup (key);

  self->loading = TRUE;
  apply_state (self, state);
  self->loading = FALSE;

  return GTK_WINDOW (self);
}

/**
 * tandem_observation_editor_get_draft_key:
 * @self: an editor
 *
 * Returns: the name its drafts are kept under
 */
const char *
tandem_observation_editor_get_draft_key (TandemObservationEditor *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_EDITOR (self), NULL);

  return self->draft_key;
}
