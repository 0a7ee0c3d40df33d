/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-adjustments.h"
#include "tandem-blob-store.h"
#include "tandem-carer.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"
#include "tandem-journal.h"
#include "tandem-language-chooser.h"
#include "tandem-languages.h"
#include "tandem-meeting-editor.h"
#include "tandem-meeting-text.h"
#include "tandem-meetings.h"
#include "tandem-observation.h"
#include "tandem-strength-picker.h"
#include "tandem-undo.h"

/* One differing view in the form. */
typedef struct {
  TandemMeetingView *record;
  GtkWidget         *row;
  AdwEntryRow       *topic;
  GtkTextView       *family;
  GtkTextView       *setting;
  GtkTextView       *resolution;
  GtkSwitch         *resolved;
} ViewItem;

/* One agreed action in the form. */
typedef struct {
  TandemAction *record;
  GtkWidget    *row;
  AdwEntryRow  *what;
  AdwComboRow  *owner;
  AdwEntryRow  *name;
  AdwEntryRow  *due;
  GtkSwitch    *done;
} ActionItem;

struct _TandemMeetingEditor
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwComboRow         *kind_row;
  AdwComboRow         *status_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *time_row;
  AdwComboRow         *duration_row;
  AdwComboRow         *format_row;
  AdwEntryRow         *place_row;
  AdwPreferencesGroup *carers_group;
  AdwPreferencesGroup *adjustments_group;
  AdwEntryRow         *sent_row;
  AdwActionRow        *notice_row;
  AdwActionRow        *interpreter_row;
  GtkWidget           *clear_interpreter_button;
  AdwPreferencesGroup *agenda_group;
  AdwEntryRow         *bring_row;
  AdwPreferencesGroup *strengths_group;
  AdwPreferencesGroup *record_group;
  AdwEntryRow         *others_row;
  AdwPreferencesGroup *views_group;
  AdwPreferencesGroup *actions_group;
  AdwEntryRow         *next_row;
  AdwPreferencesGroup *delete_group;

  GtkTextView         *agenda_view;
  GtkTextView         *wants_view;
  GtkTextView         *concerns_view;
  GtkTextView         *notes_view;
  GtkTextView         *contributions_view;

  TandemStore         *store;
  TandemChild         *child;
  TandemMeeting       *meeting;     /* the record being edited (a copy) */
  gboolean             is_new;
  char                *today;
  char                *interpreter;
  char                *fingerprint; /* the form as loaded, to spot changes */

  GPtrArray           *carers;           /* TandemCarer, the child's */
  GHashTable          *invited_checks;   /* carer id → GtkCheckButton */
  GHashTable          *attended_checks;  /* carer id → GtkCheckButton */
  GHashTable          *decisions;        /* "carer\tkind" → GINT (0 / 1) */
  GHashTable          *decision_records; /* "carer\tkind" → TandemMeetingAdjustment */
  GPtrArray           *adjustment_rows;
  GPtrArray           *strength_ids;     /* char * */
  GPtrArray           *strength_rows;
  GPtrArray           *views;            /* ViewItem */
  GPtrArray           *actions;          /* ActionItem */
};

G_DEFINE_FINAL_TYPE (TandemMeetingEditor, tandem_meeting_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const int durations[] = { 0, 15, 20, 30, 45, 60, 90, 120 };

static void update_adjustments (TandemMeetingEditor *self);
static void update_notice      (TandemMeetingEditor *self);

static void
view_item_free (gpointer data)
{
  ViewItem *item = data;

  g_clear_object (&item->record);
  g_free (item);
}

static void
action_item_free (gpointer data)
{
  ActionItem *item = data;

  g_clear_object (&item->record);
  g_free (item);
}

static const char *
today (TandemMeetingEditor *self)
{
  if (self->today == NULL)
    self->today = tandem_date_today ();
  return self->today;
}

static GtkStringList *
labels_model (const char * const *codes,
              const char *(*label) (const char *code))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (list, label (codes[i]));
  return list;
}

static guint
code_index (const char * const *codes,
            const char         *code)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      return i;
  return 0;
}

static const char *
combo_code (AdwComboRow        *row,
            const char * const *codes)
{
  guint i = adw_combo_row_get_selected (row);

  return i < g_strv_length ((char **) codes) ? codes[i] : NULL;
}

static const char *
status (TandemMeetingEditor *self)
{
  return combo_code (self->status_row, tandem_meeting_statuses ());
}

static gboolean
is_held (TandemMeetingEditor *self)
{
  return g_strcmp0 (status (self), TANDEM_MEETING_HELD) == 0;
}

static TandemCarer *
find_carer (TandemMeetingEditor *self,
            const char          *carer_id)
{
  for (guint i = 0; i < self->carers->len; i++)
    {
      TandemCarer *carer = g_ptr_array_index (self->carers, i);

      if (g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (carer)), carer_id) == 0)
        return carer;
    }
  return NULL;
}

static GPtrArray *
invited_carers (TandemMeetingEditor *self)
{
  GPtrArray *invited = g_ptr_array_new ();

  for (guint i = 0; i < self->carers->len; i++)
    {
      TandemCarer *carer = g_ptr_array_index (self->carers, i);
      GtkCheckButton *check = g_hash_table_lookup (self->invited_checks,
                                                   tandem_record_get_id (TANDEM_RECORD (carer)));

      if (check != NULL && gtk_check_button_get_active (check))
        g_ptr_array_add (invited, carer);
    }
  return invited;
}

/* The record part of the form ----------------------------------------- */

static void
update_status (TandemMeetingEditor *self)
{
  gboolean held = is_held (self);
  const char *title;
  GHashTableIter iter;
  gpointer check;

  gtk_widget_set_visible (GTK_WIDGET (self->record_group), held);
  gtk_widget_set_visible (GTK_WIDGET (self->views_group), held);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_group), held);

  g_hash_table_iter_init (&iter, self->attended_checks);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    gtk_widget_set_visible (gtk_widget_get_parent (check), held);

  title = self->is_new ? _("Prepare a Meeting")
                       : held ? _("Record of the Meeting") : _("Meeting");
  adw_window_title_set_title (self->window_title, title);
  /* The window's own title too: it is what a screen reader announces. */
  gtk_window_set_title (GTK_WINDOW (self), title);
  update_notice (self);
}

static void
status_changed_cb (TandemMeetingEditor *self)
{
  update_status (self);
}

/* Notice ---------------------------------------------------------------- */

static void
update_notice (TandemMeetingEditor *self)
{
  g_autoptr(GPtrArray) invited = invited_carers (self);
  g_autoptr(TandemRecord) probe = tandem_record_copy (TANDEM_RECORD (self->meeting));
  g_autofree char *date = NULL;
  g_autofree char *sent = NULL;
  TandemNoticeWarning warning = { 0 };
  gboolean warn = FALSE;

  if (tandem_editor_get_date (self->date_row, "2026-12-01", &date, NULL))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->sent_row));

      tandem_record_set_text (probe, "meets_on", date);
      if (text[0] == '\0')
        tandem_record_set_text (probe, "invitation_sent_on", NULL);
      else if (tandem_editor_get_date (self->sent_row, "2026-11-23", &sent, NULL))
        tandem_record_set_text (probe, "invitation_sent_on", sent);

      warn = !is_held (self) &&
             tandem_adjustments_check_notice (TANDEM_MEETING (probe), invited, today (self),
                                              &warning);
    }

  if (warn)
    {
      g_autofree char *text = tandem_meeting_text_notice_warning (self->store, &warning);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notice_row), text);
      tandem_a11y_set_label (GTK_WIDGET (self->notice_row), text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notice_row), warn);
}

/* Carers and adjustments ----------------------------------------------- */

static void
invited_toggled_cb (TandemMeetingEditor *self)
{
  update_adjustments (self);
  update_notice (self);
}

static void
build_carers (TandemMeetingEditor *self,
              TandemMeetingParts  *parts)
{
  for (guint i = 0; i < self->carers->len; i++)
    {
      TandemCarer *carer = g_ptr_array_index (self->carers, i);
      const char *id = tandem_record_get_id (TANDEM_RECORD (carer));
      const char *relationship = tandem_record_get_text (TANDEM_RECORD (carer), "relationship");
      const char *language = tandem_record_get_text (TANDEM_RECORD (carer), "preferred_language");
      g_autofree char *language_label = language != NULL ? tandem_language_label (language) : NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *came_label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *invited = gtk_check_button_new ();
      GtkWidget *came_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *came = gtk_check_button_new_with_label (_("Came"));
      gboolean is_invited, attended;

      if (parts != NULL)
        {
          is_invited = g_ptr_array_find_with_equal_func (parts->carer_ids, id, g_str_equal, NULL);
          attended = g_ptr_array_find_with_equal_func (parts->attended_ids, id, g_str_equal, NULL);
        }
      else
        {
          /* A new meeting invites everyone with parental responsibility. */
          is_invited = tandem_record_get_bool (TANDEM_RECORD (carer), "parental_responsibility") ||
                       self->carers->len == 1;
          attended = FALSE;
        }

      if (relationship != NULL && language_label != NULL)
        /* Translators: "<relationship> · <language>", e.g. "Mother · Polski". */
        subtitle = g_strdup_printf (_("%s · %s"), relationship, language_label);
      else
        subtitle = g_strdup (relationship != NULL ? relationship : language_label);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tandem_carer_get_name (carer));
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (invited, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (invited), is_invited);
      g_signal_connect_object (invited, "toggled", G_CALLBACK (invited_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), invited);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), invited);
      /* After the row names it too, or the name says it twice. */
      tandem_a11y_set_label (invited, tandem_carer_get_name (carer));

      gtk_widget_set_valign (came_box, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (came), attended);
      /* Translators: the accessible name of the box saying a carer came to
       * the meeting; %s is their name. */
      came_label = g_strdup_printf (_("%s came"), tandem_carer_get_name (carer));
      tandem_a11y_set_label (came, came_label);
      gtk_box_append (GTK_BOX (came_box), came);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), came_box);

      g_hash_table_insert (self->invited_checks, g_strdup (id), invited);
      g_hash_table_insert (self->attended_checks, g_strdup (id), came);
      adw_preferences_group_add (self->carers_group, row);
    }

  if (self->carers->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No carers recorded yet: add them on the Family page"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->carers_group, row);
    }
}

static char *
decision_key (const char *carer_id,
              const char *kind)
{
  return g_strconcat (carer_id, "\t", kind, NULL);
}

static void
set_interpreter (TandemMeetingEditor *self,
                 const char          *language)
{
  g_autofree char *label = NULL;

  g_free (self->interpreter);
  self->interpreter = g_strdup (language);

  if (language != NULL)
    label = tandem_language_label (language);
  adw_action_row_set_subtitle (self->interpreter_row,
                               label != NULL ? label : _("None booked"));
  gtk_widget_set_visible (self->clear_interpreter_button, language != NULL);
}

static void
decision_toggled_cb (GtkToggleButton     *button,
                     TandemMeetingEditor *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "tandem-key");
  int decision = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "tandem-decision"));
  const char *language = g_object_get_data (G_OBJECT (button), "tandem-language");

  if (!gtk_toggle_button_get_active (button))
    {
      /* Both off: back to an open suggestion. */
      GtkToggleButton *other = g_object_get_data (G_OBJECT (button), "tandem-other");

      if (!gtk_toggle_button_get_active (other))
        g_hash_table_remove (self->decisions, key);
      return;
    }

  g_hash_table_insert (self->decisions, g_strdup (key), GINT_TO_POINTER (decision));

  /* Accepting "book an interpreter" books one, unless one already is. */
  if (decision == 1 && language != NULL && self->interpreter == NULL &&
      g_str_has_suffix (key, "\t" TANDEM_ADJUSTMENT_INTERPRETER))
    set_interpreter (self, language);
}

static void
update_adjustments (TandemMeetingEditor *self)
{
  g_autoptr(GPtrArray) invited = invited_carers (self);
  guint n = 0;

  for (guint i = 0; i < self->adjustment_rows->len; i++)
    adw_preferences_group_remove (self->adjustments_group,
                                  g_ptr_array_index (self->adjustment_rows, i));
  g_ptr_array_set_size (self->adjustment_rows, 0);

  for (guint c = 0; c < invited->len; c++)
    {
      TandemCarer *carer = g_ptr_array_index (invited, c);
      g_autoptr(GPtrArray) suggestions = tandem_adjustments_suggest (carer);

      for (guint i = 0; i < suggestions->len; i++)
        {
          TandemAdjustment *adjustment = g_ptr_array_index (suggestions, i);
          g_autofree char *key = decision_key (adjustment->carer_id, adjustment->kind);
          gpointer value;
          int decision = g_hash_table_lookup_extended (self->decisions, key, NULL, &value)
                         ? GPOINTER_TO_INT (value) : -1;
          g_autofree char *subtitle = NULL;
          g_autofree char *accept_label = NULL;
          g_autofree char *dismiss_label = NULL;
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          /* No mnemonics: every suggestion has the same two buttons, and
           * tandem_a11y_tidy_names() would take away the names set below. */
          GtkWidget *accept = gtk_toggle_button_new_with_label (_("Accept"));
          GtkWidget *dismiss = gtk_toggle_button_new_with_label (_("Dismiss"));

          if (adjustment->detail != NULL)
            /* Translators: "<carer's name> · <detail from their circumstances>". */
            subtitle = g_strdup_printf (_("%s · %s"), tandem_carer_get_name (carer),
                                        adjustment->detail);
          else
            subtitle = g_strdup (tandem_carer_get_name (carer));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), adjustment->title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (box, "linked");
          gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (dismiss), GTK_TOGGLE_BUTTON (accept));
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (accept), decision == 1);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dismiss), decision == 0);
          /* Translators: accessible names of the buttons on a suggested
           * adjustment; %s is the suggestion. */
          accept_label = g_strdup_printf (_("Accept: %s"), adjustment->title);
          dismiss_label = g_strdup_printf (_("Dismiss: %s"), adjustment->title);
          tandem_a11y_set_label (accept, accept_label);
          tandem_a11y_set_label (dismiss, dismiss_label);

          g_object_set_data_full (G_OBJECT (accept), "tandem-key", g_strdup (key), g_free);
          g_object_set_data (G_OBJECT (accept), "tandem-decision", GINT_TO_POINTER (1));
          g_object_set_data (G_OBJECT (accept), "tandem-other", dismiss);
          g_object_set_data_full (G_OBJECT (accept), "tandem-language",
                                  g_strdup (adjustment->language), g_free);
          g_object_set_data_full (G_OBJECT (dismiss), "tandem-key", g_strdup (key), g_free);
          g_object_set_data (G_OBJECT (dismiss), "tandem-decision", GINT_TO_POINTER (0));
          g_object_set_data (G_OBJECT (dismiss), "tandem-other", accept);
          g_signal_connect_object (accept, "toggled", G_CALLBACK (decision_toggled_cb), self, 0);
          g_signal_connect_object (dismiss, "toggled", G_CALLBACK (decision_toggled_cb), self, 0);

          gtk_box_append (GTK_BOX (box), accept);
          gtk_box_append (GTK_BOX (box), dismiss);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
          adw_preferences_group_add (self->adjustments_group, row);
          g_ptr_array_add (self->adjustment_rows, row);
          n++;
        }
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing in the invited carers’ circumstances suggests a change"));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->adjustments_group, row);
      g_ptr_array_add (self->adjustment_rows, row);
    }

  tandem_a11y_tidy_names (GTK_WIDGET (self->adjustments_group));
}

/* Strengths ------------------------------------------------------------- */

static void
remove_strength_cb (GtkButton           *button,
                    TandemMeetingEditor *self);

/* The first photo of a strength, small, as the family will see it in the
 * pack; a star when it has none. Only a handful of strengths are picked,
 * and the loader decodes JPEG at a fraction of its size, so this is quick. */
static GtkWidget *
strength_thumbnail (TandemMeetingEditor *self,
                    const char          *observation_id)
{
  g_autoptr(GPtrArray) photos = tandem_journal_get_photos (self->store, observation_id, NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkWidget *picture;

  if (photos != NULL && photos->len > 0)
    path = tandem_blob_store_get_path (self->store,
                                       tandem_record_get_text (g_ptr_array_index (photos, 0),
                                                               "blob"));
  if (path != NULL)
    pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 64, 64, TRUE, NULL);
  if (pixbuf == NULL)
    return gtk_image_new_from_icon_name ("starred-symbolic");

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, 48, 48);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (picture, 6);
  gtk_widget_set_margin_bottom (picture, 6);
  gtk_widget_add_css_class (picture, "strength-photo");
  return picture;
}

static void
update_strengths (TandemMeetingEditor *self)
{
  for (guint i = 0; i < self->strength_rows->len; i++)
    adw_preferences_group_remove (self->strengths_group,
                                  g_ptr_array_index (self->strength_rows, i));
  g_ptr_array_set_size (self->strength_rows, 0);

  for (guint i = 0; i < self->strength_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->strength_ids, i);
      g_autoptr(TandemRecord) observation = tandem_store_load (self->store,
                                                               TANDEM_TYPE_OBSERVATION, id, NULL);
      g_autofree char *date = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row, *remove;

      if (observation == NULL)
        continue;

      date = tandem_date_format_long (tandem_record_get_text (observation, "observed_on"));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tandem_record_get_text (observation, "text"));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), strength_thumbnail (self, id));

      remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      /* Translators: %s is the date of an observation picked to share. */
      remove_label = g_strdup_printf (_("Remove the strength from %s"), date);
      tandem_a11y_set_label (remove, remove_label);
      g_object_set_data_full (G_OBJECT (remove), "tandem-id", g_strdup (id), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_strength_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->strengths_group, row);
      g_ptr_array_add (self->strength_rows, row);
    }
}

static void
remove_strength_cb (GtkButton           *button,
                    TandemMeetingEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "tandem-id");
  guint index;

  if (g_ptr_array_find_with_equal_func (self->strength_ids, id, g_str_equal, &index))
    g_ptr_array_remove_index (self->strength_ids, index);
  update_strengths (self);
}

static void
strengths_chosen_cb (TandemMeetingEditor *self,
                     GStrv                ids)
{
  g_ptr_array_set_size (self->strength_ids, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (self->strength_ids, g_strdup (ids[i]));
  update_strengths (self);
}

static void
pick_strengths_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (widget);
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  GtkWindow *picker;

  for (guint i = 0; i < self->strength_ids->len; i++)
    g_ptr_array_add (selected, g_ptr_array_index (self->strength_ids, i));
  g_ptr_array_add (selected, NULL);

  picker = tandem_strength_picker_new (GTK_WINDOW (self), self->store,
                                       tandem_record_get_id (TANDEM_RECORD (self->child)),
                                       (const char * const *) selected->pdata);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (strengths_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (picker);
}

/* Differing views ------------------------------------------------------- */

static void
remove_item_cb (GtkButton           *button,
                TandemMeetingEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "tandem-row");
  GPtrArray *items = g_object_get_data (G_OBJECT (button), "tandem-items");
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (button), "tandem-group");

  for (guint i = 0; i < items->len; i++)
    {
      /* ViewItem and ActionItem both start with the record and the row. */
      ViewItem *item = g_ptr_array_index (items, i);

      if (item->row == row)
        {
          adw_preferences_group_remove (group, row);
          g_ptr_array_remove_index (items, i);
          return;
        }
    }
}

static GtkWidget *
remove_button (TandemMeetingEditor *self,
               GtkWidget           *row,
               GPtrArray           *items,
               AdwPreferencesGroup *group,
               const char          *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  tandem_a11y_set_label (button, label);
  g_object_set_data (G_OBJECT (button), "tandem-row", row);
  g_object_set_data (G_OBJECT (button), "tandem-items", items);
  g_object_set_data (G_OBJECT (button), "tandem-group", group);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_item_cb), self, 0);
  return button;
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  tandem_editor_set_notes (view, text);
}

static GtkTextView *
expander_text (AdwExpanderRow *expander,
               const char     *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 60);
  tandem_a11y_set_label (view, title);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  adw_expander_row_add_row (expander, box);
  return GTK_TEXT_VIEW (view);
}

static void
topic_changed_cb (AdwEntryRow    *entry,
                  AdwExpanderRow *expander)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 text[0] != '\0' ? text : _("New differing view"));
}

static ViewItem *
add_view (TandemMeetingEditor *self,
          TandemMeetingView   *record)
{
  ViewItem *item = g_new0 (ViewItem, 1);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *topic = adw_entry_row_new ();
  GtkWidget *resolved_row = adw_action_row_new ();
  GtkWidget *resolved = gtk_switch_new ();

  item->record = record != NULL ? g_object_ref (record)
                                : TANDEM_MEETING_VIEW (tandem_record_new (TANDEM_TYPE_MEETING_VIEW));
  item->row = expander;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (topic), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (topic), _("What it was about"));
  g_signal_connect_object (topic, "changed", G_CALLBACK (topic_changed_cb), expander, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), topic);
  item->topic = ADW_ENTRY_ROW (topic);
  item->family = expander_text (ADW_EXPANDER_ROW (expander), _("The family’s view"));
  item->setting = expander_text (ADW_EXPANDER_ROW (expander), _("The setting’s view"));
  item->resolution = expander_text (ADW_EXPANDER_ROW (expander),
                                    _("How it was resolved, or what happens next"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (resolved_row), _("Resolved"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (resolved_row),
                               _("Off while the views still differ"));
  gtk_widget_set_valign (resolved, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (resolved_row), resolved);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (resolved_row), resolved);
  tandem_a11y_set_label (resolved, _("Resolved"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), resolved_row);
  item->resolved = GTK_SWITCH (resolved);

  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               remove_button (self, expander, self->views, self->views_group,
                                              _("Remove this view")));

  gtk_editable_set_text (GTK_EDITABLE (topic),
                         record != NULL ? tandem_record_get_text (TANDEM_RECORD (record), "topic")
                                          ?: "" : "");
  topic_changed_cb (ADW_ENTRY_ROW (topic), ADW_EXPANDER_ROW (expander));
  if (record != NULL)
    {
      set_text (item->family, tandem_record_get_text (TANDEM_RECORD (record), "family_view"));
      set_text (item->setting, tandem_record_get_text (TANDEM_RECORD (record), "setting_view"));
      set_text (item->resolution, tandem_record_get_text (TANDEM_RECORD (record), "resolution"));
      gtk_switch_set_active (item->resolved,
                             tandem_record_get_bool (TANDEM_RECORD (record), "resolved"));
    }

  adw_preferences_group_add (self->views_group, expander);
  g_ptr_array_add (self->views, item);
  return item;
}

static void
add_view_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (widget);
  ViewItem *item = add_view (self, NULL);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (item->topic));
}

/* Actions --------------------------------------------------------------- */

/* The owner list: the setting, each of the child's carers, a professional. */
static guint
owner_index (TandemMeetingEditor *self,
             TandemAction        *action)
{
  const char *owner = tandem_record_get_text (TANDEM_RECORD (action), "owner");
  const char *carer_id = tandem_record_get_text (TANDEM_RECORD (action), "owner_carer_id");

  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_CARER) == 0)
    for (guint i = 0; i < self->carers->len; i++)
      if (g_strcmp0 (tandem_record_get_id (g_ptr_array_index (self->carers, i)), carer_id) == 0)
        return i + 1;
  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_PROFESSIONAL) == 0)
    return self->carers->len + 1;
  return 0;
}

static void
owner_changed_cb (ActionItem *item)
{
  guint n = g_list_model_get_n_items (adw_combo_row_get_model (item->owner));
  guint selected = adw_combo_row_get_selected (item->owner);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->name),
                                 selected == n - 1 ? _("Name and role of the professional")
                                                   : _("Who at the setting (optional)"));
  gtk_widget_set_visible (GTK_WIDGET (item->name), selected == 0 || selected == n - 1);
}

static void
what_changed_cb (AdwEntryRow    *entry,
                 AdwExpanderRow *expander)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 text[0] != '\0' ? text : _("New action"));
}

static ActionItem *
add_action (TandemMeetingEditor *self,
            TandemAction        *record)
{
  ActionItem *item = g_new0 (ActionItem, 1);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *what = adw_entry_row_new ();
  GtkWidget *owner = adw_combo_row_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *due = adw_entry_row_new ();
  GtkWidget *done_row = adw_action_row_new ();
  GtkWidget *done = gtk_switch_new ();
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);

  item->record = record != NULL
                 ? g_object_ref (record)
                 : TANDEM_ACTION (tandem_record_new (TANDEM_TYPE_ACTION));
  item->row = expander;
  item->what = ADW_ENTRY_ROW (what);
  item->owner = ADW_COMBO_ROW (owner);
  item->name = ADW_ENTRY_ROW (name);
  item->due = ADW_ENTRY_ROW (due);
  item->done = GTK_SWITCH (done);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (what), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (owner), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (name), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (due), FALSE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (what), _("What was agreed"));
  g_signal_connect_object (what, "changed", G_CALLBACK (what_changed_cb), expander, 0);

  gtk_string_list_append (owners, _("The setting"));
  for (guint i = 0; i < self->carers->len; i++)
    gtk_string_list_append (owners, tandem_carer_get_name (g_ptr_array_index (self->carers, i)));
  gtk_string_list_append (owners, _("A named professional"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (owner), _("Who will do it"));
  adw_combo_row_set_model (ADW_COMBO_ROW (owner), G_LIST_MODEL (owners));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due), _("By when"));
  tandem_editor_add_date_hint (ADW_ENTRY_ROW (due));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (done_row), _("Done"));
  gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (done_row), done);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (done_row), done);
  tandem_a11y_set_label (done, _("Done"));

  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), what);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), owner);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), due);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), done_row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                               remove_button (self, expander, self->actions,
                                              self->actions_group, _("Remove this action")));

  if (record != NULL)
    {
      TandemRecord *r = TANDEM_RECORD (record);

      tandem_editor_set_entry (item->what, tandem_record_get_text (r, "what"));
      adw_combo_row_set_selected (item->owner, owner_index (self, record));
      tandem_editor_set_entry (item->name, tandem_record_get_text (r, "owner_name"));
      tandem_editor_set_entry (item->due, tandem_record_get_text (r, "due_on"));
      gtk_switch_set_active (item->done, tandem_record_get_text (r, "done_on") != NULL);
    }
  what_changed_cb (item->what, ADW_EXPANDER_ROW (expander));
  g_signal_connect_swapped (owner, "notify::selected", G_CALLBACK (owner_changed_cb), item);
  owner_changed_cb (item);

  adw_preferences_group_add (self->actions_group, expander);
  g_ptr_array_add (self->actions, item);
  return item;
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (widget);
  ActionItem *item = add_action (self, NULL);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (item->what));
}

/* Interpreter ----------------------------------------------------------- */

static void
interpreter_chosen_cb (TandemMeetingEditor   *self,
                       TandemLanguageChooser *chooser)
{
  g_auto(GStrv) selected = tandem_language_chooser_dup_selected (chooser);

  set_interpreter (self, selected != NULL ? selected[0] : NULL);
}

static void
choose_interpreter_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (widget);
  const char *selected[] = { self->interpreter, NULL };
  GtkWindow *chooser = tandem_language_chooser_new (GTK_WINDOW (self), FALSE, selected);

  g_signal_connect_object (chooser, "chosen", G_CALLBACK (interpreter_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (chooser);
}

static void
clear_interpreter_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  set_interpreter (TANDEM_MEETING_EDITOR (widget), NULL);
}

static void
sent_today_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->sent_row), today (self));
}

/* Loading and saving ---------------------------------------------------- */

static char *
fingerprint (TandemMeetingEditor *self)
{
  GString *s = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;
  AdwEntryRow *entries[] = { self->date_row, self->time_row, self->place_row, self->sent_row,
                             self->bring_row, self->others_row, self->next_row };
  GtkTextView *views[] = { self->agenda_view, self->wants_view, self->concerns_view,
                           self->notes_view, self->contributions_view };
  AdwComboRow *combos[] = { self->kind_row, self->status_row, self->duration_row,
                            self->format_row };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_string_append_printf (s, "%s\n", gtk_editable_get_text (GTK_EDITABLE (entries[i])));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *text = tandem_editor_get_notes (views[i]);
      g_string_append_printf (s, "%s\n", text != NULL ? text : "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_string_append_printf (s, "%u\n", adw_combo_row_get_selected (combos[i]));
  for (guint i = 0; i < self->carers->len; i++)
    {
      const char *id = tandem_record_get_id (g_ptr_array_index (self->carers, i));

      g_string_append_printf (s, "%d%d",
                              gtk_check_button_get_active (g_hash_table_lookup (self->invited_checks, id)),
                              gtk_check_button_get_active (g_hash_table_lookup (self->attended_checks, id)));
    }
  g_hash_table_iter_init (&iter, self->decisions);
  /* Order does not matter for spotting a change; the count and sum do. */
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (s, "|%zu:%d", strlen (key), GPOINTER_TO_INT (value));
  g_string_append_printf (s, "\n%s\n%u %u %u\n", self->interpreter ? self->interpreter : "",
                          self->strength_ids->len, self->views->len, self->actions->len);
  for (guint i = 0; i < self->views->len; i++)
    {
      ViewItem *item = g_ptr_array_index (self->views, i);
      g_autofree char *a = tandem_editor_get_notes (item->family);
      g_autofree char *b = tandem_editor_get_notes (item->setting);
      g_autofree char *c = tandem_editor_get_notes (item->resolution);

      g_string_append_printf (s, "%s\n%s\n%s\n%s\n%d\n",
                              gtk_editable_get_text (GTK_EDITABLE (item->topic)),
                              a ? a : "", b ? b : "", c ? c : "",
                              gtk_switch_get_active (item->resolved));
    }
  for (guint i = 0; i < self->actions->len; i++)
    {
      ActionItem *item = g_ptr_array_index (self->actions, i);

      g_string_append_printf (s, "%s\n%u\n%s\n%s\n%d\n",
                              gtk_editable_get_text (GTK_EDITABLE (item->what)),
                              adw_combo_row_get_selected (item->owner),
                              gtk_editable_get_text (GTK_EDITABLE (item->name)),
                              gtk_editable_get_text (GTK_EDITABLE (item->due)),
                              gtk_switch_get_active (item->done));
    }

  return g_string_free (s, FALSE);
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (window);
  g_autofree char *now = fingerprint (self);

  return g_strcmp0 (now, self->fingerprint) != 0;
}

static void
load (TandemMeetingEditor *self)
{
  TandemRecord *record = TANDEM_RECORD (self->meeting);
  g_autoptr(TandemMeetingParts) parts = NULL;
  gint64 minutes;

  if (!self->is_new)
    {
      g_autoptr(GError) error = NULL;

      parts = tandem_meetings_load_parts (self->store, tandem_record_get_id (record), &error);
      if (parts == NULL)
        tandem_editor_show_error (self->error_revealer, self->error_label, error->message, NULL);
    }

  adw_combo_row_set_selected (self->kind_row,
                              code_index (tandem_meeting_kinds (),
                                          tandem_record_get_text (record, "kind")));
  adw_combo_row_set_selected (self->status_row,
                              code_index (tandem_meeting_statuses (),
                                          tandem_record_get_text (record, "status")));
  adw_combo_row_set_selected (self->format_row,
                              code_index (tandem_meeting_formats (),
                                          tandem_record_get_text (record, "format")));
  minutes = tandem_record_get_int (record, "duration_minutes");
  adw_combo_row_set_selected (self->duration_row, 0);
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    if (durations[i] == minutes)
      adw_combo_row_set_selected (self->duration_row, i);

  tandem_editor_set_entry (self->date_row, tandem_record_get_text (record, "meets_on"));
  tandem_editor_set_entry (self->time_row, tandem_record_get_text (record, "starts_at"));
  tandem_editor_set_entry (self->place_row, tandem_record_get_text (record, "place"));
  tandem_editor_set_entry (self->sent_row, tandem_record_get_text (record, "invitation_sent_on"));
  tandem_editor_set_entry (self->bring_row, tandem_record_get_text (record, "what_to_bring"));
  tandem_editor_set_entry (self->others_row, tandem_record_get_text (record, "others_attending"));
  tandem_editor_set_entry (self->next_row, tandem_record_get_text (record, "next_meeting_on"));
  set_text (self->agenda_view, tandem_record_get_text (record, "agenda"));
  set_text (self->wants_view, tandem_record_get_text (record, "family_wants"));
  set_text (self->concerns_view, tandem_record_get_text (record, "concerns"));
  set_text (self->notes_view, tandem_record_get_text (record, "notes"));
  set_text (self->contributions_view, tandem_record_get_text (record, "family_contributions"));
  set_interpreter (self, tandem_record_get_text (record, "interpreter_language"));

  build_carers (self, parts);

  if (parts != NULL)
    {
      for (guint i = 0; i < parts->adjustments->len; i++)
        {
          TandemRecord *adjustment = g_ptr_array_index (parts->adjustments, i);
          char *key = decision_key (tandem_record_get_text (adjustment, "carer_id"),
                                    tandem_record_get_text (adjustment, "kind"));

          g_hash_table_insert (self->decisions, g_strdup (key),
                               GINT_TO_POINTER (tandem_record_get_bool (adjustment, "accepted")));
          g_hash_table_insert (self->decision_records, key, g_object_ref (adjustment));
        }
      for (guint i = 0; i < parts->strength_ids->len; i++)
        g_ptr_array_add (self->strength_ids, g_strdup (g_ptr_array_index (parts->strength_ids, i)));
      for (guint i = 0; i < parts->views->len; i++)
        add_view (self, g_ptr_array_index (parts->views, i));
      for (guint i = 0; i < parts->actions->len; i++)
        add_action (self, g_ptr_array_index (parts->actions, i));
    }

  update_adjustments (self);
  update_strengths (self);
  update_status (self);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !self->is_new);

  g_free (self->fingerprint);
  self->fingerprint = fingerprint (self);
}

/* Reads an optional date row; FALSE with the error shown when it is not a date. */
static gboolean
read_date (TandemMeetingEditor  *self,
           AdwEntryRow          *row,
           char                **iso_date)
{
  g_autofree char *message = NULL;

  *iso_date = NULL;
  if (gtk_editable_get_text (GTK_EDITABLE (row))[0] == '\0')
    return TRUE;
  if (tandem_editor_get_date (row, "2026-12-01", iso_date, &message))
    return TRUE;

  tandem_editor_show_error (self->error_revealer, self->error_label, message, GTK_WIDGET (row));
  return FALSE;
}

static gboolean
read_time (const char  *text,
           char       **time)
{
  int h, m;
  char extra;

  *time = NULL;
  if (text[0] == '\0')
    return TRUE;
  if (sscanf (text, "%d:%d%c", &h, &m, &extra) != 2 &&
      sscanf (text, "%d.%d%c", &h, &m, &extra) != 2)
    return FALSE;
  if (h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;

  *time = g_strdup_printf ("%02d:%02d", h, m);
  return TRUE;
}

static void
fail (TandemMeetingEditor *self,
      const char          *message,
      GtkWidget           *row)
{
  tandem_editor_show_error (self->error_revealer, self->error_label, message, row);
}

static gboolean
fill_meeting (TandemMeetingEditor *self,
              TandemRecord        *record)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *next = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (gtk_editable_get_text (GTK_EDITABLE (self->date_row))[0] == '\0')
    {
      fail (self, _("Choose the date of the meeting."), GTK_WIDGET (self->date_row));
      return FALSE;
    }
  if (!tandem_editor_get_date (self->date_row, "2026-12-01", &date, &message))
    {
      fail (self, message, GTK_WIDGET (self->date_row));
      return FALSE;
    }
  if (!read_time (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &time))
    {
      /* Translators: %s is what was typed as a time. */
      g_autofree char *text = g_strdup_printf (_("“%s” is not a time. Type it as 24-hour "
                                                 "hours and minutes, e.g. 09:30 or 15:00."),
                                               gtk_editable_get_text (GTK_EDITABLE (self->time_row)));
      fail (self, text, GTK_WIDGET (self->time_row));
      return FALSE;
    }
  if (!read_date (self, self->sent_row, &sent) || !read_date (self, self->next_row, &next))
    return FALSE;

  tandem_record_set_text (record, "kind", combo_code (self->kind_row, tandem_meeting_kinds ()));
  tandem_record_set_text (record, "status", status (self));
  tandem_record_set_text (record, "format",
                          combo_code (self->format_row, tandem_meeting_formats ()));
  tandem_record_set_text (record, "meets_on", date);
  tandem_record_set_text (record, "starts_at", time);
  tandem_record_set_int (record, "duration_minutes",
                         durations[MIN (adw_combo_row_get_selected (self->duration_row),
                                        G_N_ELEMENTS (durations) - 1)]);
  tandem_record_set_text (record, "invitation_sent_on", sent);
  tandem_record_set_text (record, "next_meeting_on", next);
  tandem_record_set_text (record, "interpreter_language", self->interpreter);
  {
    g_autofree char *place = tandem_editor_get_entry (self->place_row);
    g_autofree char *bring = tandem_editor_get_entry (self->bring_row);
    g_autofree char *others = tandem_editor_get_entry (self->others_row);
    g_autofree char *agenda = tandem_editor_get_notes (self->agenda_view);
    g_autofree char *wants = tandem_editor_get_notes (self->wants_view);
    g_autofree char *concerns = tandem_editor_get_notes (self->concerns_view);
    g_autofree char *notes = tandem_editor_get_notes (self->notes_view);
    g_autofree char *contributions = tandem_editor_get_notes (self->contributions_view);

    tandem_record_set_text (record, "place", place);
    tandem_record_set_text (record, "what_to_bring", bring);
    tandem_record_set_text (record, "others_attending", others);
    tandem_record_set_text (record, "agenda", agenda);
    tandem_record_set_text (record, "family_wants", wants);
    tandem_record_set_text (record, "concerns", concerns);
    tandem_record_set_text (record, "notes", notes);
    tandem_record_set_text (record, "family_contributions", contributions);
  }

  /* Preparing a meeting for a day that has passed is a slip: it was held,
   * cancelled, or the date is wrong. An old meeting left as planned may
   * still be opened and saved unchanged in date. */
  if (g_strcmp0 (status (self), TANDEM_MEETING_PLANNED) == 0 &&
      (self->is_new || g_strcmp0 (date, tandem_record_get_text (TANDEM_RECORD (self->meeting),
                                                                 "meets_on")) != 0) &&
      !tandem_meeting_check_planned (TANDEM_MEETING (record), today (self), &error))
    {
      fail (self, error->message, GTK_WIDGET (self->date_row));
      return FALSE;
    }

  if (!tandem_record_validate (record, &error))
    {
      const char *field = tandem_editor_error_field (TANDEM_TYPE_MEETING, error->message);
      GtkWidget *row = NULL;

      if (g_strcmp0 (field, "invitation_sent_on") == 0)
        row = GTK_WIDGET (self->sent_row);
      else if (g_strcmp0 (field, "starts_at") == 0)
        row = GTK_WIDGET (self->time_row);
      else if (g_strcmp0 (field, "meets_on") == 0)
        row = GTK_WIDGET (self->date_row);
      fail (self, error->message, row);
      return FALSE;
    }

  return TRUE;
}

static TandemMeetingParts *
fill_parts (TandemMeetingEditor *self,
            TandemMeeting       *meeting)
{
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  g_autoptr(GPtrArray) invited = invited_carers (self);
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (self->child));
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < invited->len; i++)
    {
      const char *id = tandem_record_get_id (g_ptr_array_index (invited, i));

      g_ptr_array_add (parts->carer_ids, g_strdup (id));
      if (is_held (self) &&
          gtk_check_button_get_active (g_hash_table_lookup (self->attended_checks, id)))
        g_ptr_array_add (parts->attended_ids, g_strdup (id));
    }

  g_hash_table_iter_init (&iter, self->decisions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) split = g_strsplit (key, "\t", 2);
      TandemRecord *existing = g_hash_table_lookup (self->decision_records, key);
      TandemRecord *adjustment;

      /* A decision about a carer no longer invited goes with them. */
      if (find_carer (self, split[0]) == NULL ||
          !gtk_check_button_get_active (g_hash_table_lookup (self->invited_checks, split[0])))
        continue;

      adjustment = existing != NULL ? tandem_record_copy (existing)
                                    : tandem_record_new (TANDEM_TYPE_MEETING_ADJUSTMENT);
      tandem_record_set_text (adjustment, "carer_id", split[0]);
      tandem_record_set_text (adjustment, "kind", split[1]);
      tandem_record_set_bool (adjustment, "accepted", GPOINTER_TO_INT (value));
      g_ptr_array_add (parts->adjustments, adjustment);
    }

  for (guint i = 0; i < self->strength_ids->len; i++)
    g_ptr_array_add (parts->strength_ids, g_strdup (g_ptr_array_index (self->strength_ids, i)));

  for (guint i = 0; is_held (self) && i < self->views->len; i++)
    {
      ViewItem *item = g_ptr_array_index (self->views, i);
      TandemRecord *view = tandem_record_copy (TANDEM_RECORD (item->record));
      g_autofree char *topic = tandem_editor_get_entry (item->topic);
      g_autofree char *family = tandem_editor_get_notes (item->family);
      g_autofree char *setting = tandem_editor_get_notes (item->setting);
      g_autofree char *resolution = tandem_editor_get_notes (item->resolution);

      if (topic == NULL)
        {
          fail (self, _("Say what each differing view was about."), GTK_WIDGET (item->topic));
          g_object_unref (view);
          return NULL;
        }

      tandem_record_set_text (view, "topic", topic);
      tandem_record_set_text (view, "family_view", family);
      tandem_record_set_text (view, "setting_view", setting);
      tandem_record_set_text (view, "resolution", resolution);
      tandem_record_set_bool (view, "resolved", gtk_switch_get_active (item->resolved));
      g_ptr_array_add (parts->views, view);
    }

  for (guint i = 0; is_held (self) && i < self->actions->len; i++)
    {
      ActionItem *item = g_ptr_array_index (self->actions, i);
      g_autoptr(TandemRecord) action = tandem_record_copy (TANDEM_RECORD (item->record));
      g_autofree char *what = tandem_editor_get_entry (item->what);
      g_autofree char *name = tandem_editor_get_entry (item->name);
      g_autofree char *due = NULL;
      g_autoptr(GError) error = NULL;
      guint n_owners = self->carers->len + 2;
      guint owner = adw_combo_row_get_selected (item->owner);
      const char *done_on = tandem_record_get_text (action, "done_on");

      if (what == NULL)
        {
          fail (self, _("Say what was agreed for each action."), GTK_WIDGET (item->what));
          return NULL;
        }
      if (!read_date (self, item->due, &due))
        return NULL;

      tandem_record_set_text (action, "what", what);
      tandem_record_set_text (action, "meeting_id", tandem_record_get_id (TANDEM_RECORD (meeting)));
      tandem_record_set_text (action, "child_id", child_id);
      tandem_record_set_text (action, "due_on", due);
      tandem_record_set_text (action, "owner_carer_id", NULL);
      tandem_record_set_text (action, "owner_name", NULL);
      if (owner == 0)
        {
          tandem_record_set_text (action, "owner", TANDEM_ACTION_OWNER_SETTING);
          tandem_record_set_text (action, "owner_name", name);
        }
      else if (owner == n_owners - 1)
        {
          tandem_record_set_text (action, "owner", TANDEM_ACTION_OWNER_PROFESSIONAL);
          tandem_record_set_text (action, "owner_name", name);
        }
      else
        {
          tandem_record_set_text (action, "owner", TANDEM_ACTION_OWNER_CARER);
          tandem_record_set_text (action, "owner_carer_id",
                                  tandem_record_get_id (g_ptr_array_index (self->carers,
                                                                           owner - 1)));
        }

      if (gtk_switch_get_active (item->done) == (done_on != NULL))
        {
          /* Untouched here: keep whatever the store now says, in case it
           * was ticked off or reopened in Follow-ups meanwhile. */
          g_autoptr(TandemRecord) stored =
            tandem_store_load (self->store, TANDEM_TYPE_ACTION,
                               tandem_record_get_id (action), NULL);

          if (stored != NULL)
            tandem_record_set_text (action, "done_on",
                                    tandem_record_get_text (stored, "done_on"));
        }
      else if (!gtk_switch_get_active (item->done))
        tandem_record_set_text (action, "done_on", NULL);
      else
        tandem_record_set_text (action, "done_on", today (self));

      if (!tandem_record_validate (action, &error) ||
          !tandem_action_check_due (TANDEM_ACTION (action), meeting, &error))
        {
          const char *field = tandem_editor_error_field (TANDEM_TYPE_ACTION, error->message);
          GtkWidget *row = GTK_WIDGET (item->what);

          if (g_strcmp0 (field, "due_on") == 0)
            row = GTK_WIDGET (item->due);
          else if (g_strcmp0 (field, "owner_name") == 0)
            row = GTK_WIDGET (item->name);
          else if (g_strcmp0 (field, "owner") == 0 || g_strcmp0 (field, "owner_carer_id") == 0)
            row = GTK_WIDGET (item->owner);
          fail (self, error->message, row);
          return NULL;
        }

      g_ptr_array_add (parts->actions, g_steal_pointer (&action));
    }

  return g_steal_pointer (&parts);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (widget);
  g_autoptr(TandemRecord) record = tandem_record_copy (TANDEM_RECORD (self->meeting));
  g_autoptr(TandemMeetingParts) parts = NULL;
  g_autoptr(GError) error = NULL;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);

  if (!fill_meeting (self, record))
    return;
  parts = fill_parts (self, TANDEM_MEETING (record));
  if (parts == NULL)
    return;

  if (!tandem_meetings_save (self->store, TANDEM_MEETING (record), parts, &error))
    {
      fail (self, error->message, NULL);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, record);
  tandem_editor_close_saved (GTK_WINDOW (self));
}

typedef struct {
  TandemStore *store;
  char        *meeting_id;
} Undelete;

static void
undelete_free (gpointer data)
{
  Undelete *undelete = data;

  g_object_unref (undelete->store);
  g_free (undelete->meeting_id);
  g_free (undelete);
}

static gboolean
undelete_meeting (gpointer   data,
                  GError   **error)
{
  Undelete *undelete = data;

  return tandem_meetings_undelete (undelete->store, undelete->meeting_id, error);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (widget);
  const char *id = tandem_record_get_id (TANDEM_RECORD (self->meeting));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  Undelete *undelete;

  if (!tandem_meetings_delete (self->store, id, &error))
    {
      fail (self, error->message, NULL);
      return;
    }

  undelete = g_new0 (Undelete, 1);
  undelete->store = g_object_ref (self->store);
  undelete->meeting_id = g_strdup (id);
  /* Translators: %s is the kind of meeting, e.g. "Progress review". */
  title = g_strdup_printf (_("%s deleted"),
                           tandem_meeting_kind_label (tandem_record_get_text (
                             TANDEM_RECORD (self->meeting), "kind")));
  /* The editor, not its parent: from a closing dialog the toast goes to the
   * overlay of the window it belongs to; a window is in no overlay itself. */
  tandem_show_undo_toast (widget, title, undelete_meeting, undelete, undelete_free);
  tandem_editor_close_saved (GTK_WINDOW (self));
}

/* GObject --------------------------------------------------------------- */

static void
tandem_meeting_editor_dispose (GObject *object)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (object);

  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_MEETING_EDITOR);

  G_OBJECT_CLASS (tandem_meeting_editor_parent_class)->dispose (object);
}

static void
tandem_meeting_editor_finalize (GObject *object)
{
  TandemMeetingEditor *self = TANDEM_MEETING_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_clear_object (&self->meeting);
  g_free (self->today);
  g_free (self->interpreter);
  g_free (self->fingerprint);
  g_clear_pointer (&self->carers, g_ptr_array_unref);
  g_hash_table_unref (self->invited_checks);
  g_hash_table_unref (self->attended_checks);
  g_hash_table_unref (self->decisions);
  g_hash_table_unref (self->decision_records);
  g_ptr_array_unref (self->adjustment_rows);
  g_ptr_array_unref (self->strength_ids);
  g_ptr_array_unref (self->strength_rows);

  G_OBJECT_CLASS (tandem_meeting_editor_parent_class)->finalize (object);
}

static void
tandem_meeting_editor_class_init (TandemMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_meeting_editor_dispose;
  object_class->finalize = tandem_meeting_editor_finalize;

  /**
   * TandemMeetingEditor::saved:
   * @meeting: the meeting as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_MEETING);

  tandem_editor_class_setup (widget_class, "/app/tandem/Tandem/tandem-meeting-editor.ui",
                             save_cb);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, duration_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, format_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, carers_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, adjustments_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, sent_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, notice_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, interpreter_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor,
                                        clear_interpreter_button);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, bring_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, strengths_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, record_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, others_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, views_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, actions_group);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, next_row);
  gtk_widget_class_bind_template_child (widget_class, TandemMeetingEditor, delete_group);

  gtk_widget_class_install_action (widget_class, "editor.pick-strengths", NULL,
                                   pick_strengths_action);
  gtk_widget_class_install_action (widget_class, "editor.add-view", NULL, add_view_action);
  gtk_widget_class_install_action (widget_class, "editor.add-action", NULL, add_action_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-interpreter", NULL,
                                   choose_interpreter_action);
  gtk_widget_class_install_action (widget_class, "editor.clear-interpreter", NULL,
                                   clear_interpreter_action);
  gtk_widget_class_install_action (widget_class, "editor.sent-today", NULL, sent_today_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
}

static void
tandem_meeting_editor_init (TandemMeetingEditor *self)
{
  g_autoptr(GtkStringList) durations_model = gtk_string_list_new (NULL);

  self->invited_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->attended_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->decision_records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  g_object_unref);
  self->adjustment_rows = g_ptr_array_new ();
  self->strength_ids = g_ptr_array_new_with_free_func (g_free);
  self->strength_rows = g_ptr_array_new ();
  self->views = g_ptr_array_new_with_free_func (view_item_free);
  self->actions = g_ptr_array_new_with_free_func (action_item_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->kind_row,
                           G_LIST_MODEL (labels_model (tandem_meeting_kinds (),
                                                       tandem_meeting_kind_label)));
  adw_combo_row_set_model (self->status_row,
                           G_LIST_MODEL (labels_model (tandem_meeting_statuses (),
                                                       tandem_meeting_status_label)));
  adw_combo_row_set_model (self->format_row,
                           G_LIST_MODEL (labels_model (tandem_meeting_formats (),
                                                       tandem_meeting_format_label)));
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *label = durations[i] == 0
        ? g_strdup (_("Not set"))
        /* Translators: a meeting's length. */
        : g_strdup_printf (ngettext ("%d minute", "%d minutes", durations[i]), durations[i]);

      gtk_string_list_append (durations_model, label);
    }
  adw_combo_row_set_model (self->duration_row, G_LIST_MODEL (durations_model));
  g_signal_connect_swapped (self->status_row, "notify::selected",
                            G_CALLBACK (status_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (update_notice), self);
  g_signal_connect_swapped (self->sent_row, "changed", G_CALLBACK (update_notice), self);
  tandem_editor_add_date_hint (self->date_row);
  tandem_editor_add_date_hint (self->sent_row);
  tandem_editor_add_date_hint (self->next_row);

  self->agenda_view = tandem_editor_add_text_box (self->agenda_group, _("What we will talk about"), NULL);
  self->wants_view = tandem_editor_add_text_box (self->agenda_group,
                                   _("What the family wants to discuss"),
                                   _("Ask them beforehand, in their words."));
  self->concerns_view = tandem_editor_add_text_box (self->agenda_group, _("Concerns to raise"),
                                      _("For staff only: never printed in a family’s pack."));
  self->notes_view = tandem_editor_add_text_box (self->record_group, _("Notes"), NULL);
  self->contributions_view = tandem_editor_add_text_box (self->record_group,
                                           _("What the family said"),
                                           _("Their contributions, in their own words."));

  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);
}

/* A new meeting starts on a date that gives every carer with parental
 * responsibility the notice they need (a week at least), on a weekday, so
 * that the first suggestion is already a fair one. */
static void
suggest_date (TandemMeetingEditor *self)
{
  g_autoptr(GPtrArray) carers = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;
  int days;

  for (guint i = 0; i < self->carers->len; i++)
    {
      TandemCarer *carer = g_ptr_array_index (self->carers, i);

      if (tandem_record_get_bool (TANDEM_RECORD (carer), "parental_responsibility") ||
          self->carers->len == 1)
        g_ptr_array_add (carers, carer);
    }

  days = MAX (tandem_adjustments_notice_needed (carers), 7);
  date = g_date_time_add_days (now, days);
  while (g_date_time_get_day_of_week (date) > 5)
    {
      GDateTime *next = g_date_time_add_days (date, 1);

      g_date_time_unref (date);
      date = next;
    }

  iso = g_date_time_format (date, "%Y-%m-%d");
  tandem_record_set_text (TANDEM_RECORD (self->meeting), "meets_on", iso);
}

GtkWindow *
tandem_meeting_editor_new (GtkWindow     *parent,
                           TandemStore   *store,
                           TandemChild   *child,
                           TandemMeeting *meeting)
{
  TandemMeetingEditor *self;
  g_autoptr(GError) error = NULL;
  const char *params[2] = { NULL, NULL };

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_CHILD (child), NULL);
  g_return_val_if_fail (meeting == NULL || TANDEM_IS_MEETING (meeting), NULL);

  self = g_object_new (TANDEM_TYPE_MEETING_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->child = g_object_ref (child);
  self->is_new = meeting == NULL;

  if (meeting != NULL)
    self->meeting = TANDEM_MEETING (tandem_record_copy (TANDEM_RECORD (meeting)));
  else
    {
      self->meeting = tandem_meeting_new (tandem_record_get_id (TANDEM_RECORD (child)),
                                          "progress_review", NULL);
      tandem_record_set_text (TANDEM_RECORD (self->meeting), "status", TANDEM_MEETING_PLANNED);
      tandem_record_set_text (TANDEM_RECORD (self->meeting), "format", "in_person");
    }

  params[0] = tandem_record_get_id (TANDEM_RECORD (child));
  self->carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?1", params, &error);
  if (self->carers == NULL)
    {
      g_warning ("Cannot list carers: %s", error->message);
      self->carers = g_ptr_array_new_with_free_func (g_object_unref);
    }

  if (self->is_new)
    suggest_date (self);
  load (self);
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  return GTK_WINDOW (self);
}

void
tandem_meeting_editor_set_today (TandemMeetingEditor *self,
                                 const char          *today)
{
  g_return_if_fail (TANDEM_IS_MEETING_EDITOR (self));

  g_free (self->today);
  self->today = g_strdup (today);
  update_notice (self);
}
