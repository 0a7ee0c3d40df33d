/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-carer-editor.h"
#include "tandem-editor-util.h"
#include "tandem-language-chooser.h"
#include "tandem-text-util.h"

struct _TandemCarerEditor
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *relationship_row;
  GtkSwitch           *responsibility_switch;
  AdwPreferencesGroup *household_group;
  AdwEntryRow         *household_row;
  GtkBox              *households_box;
  AdwActionRow        *language_row;
  GtkButton           *language_button;
  GtkSwitch           *interpreter_switch;
  GtkSwitch           *reading_switch;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *address_row;
  AdwComboRow         *contact_method_row;
  AdwEntryRow         *contact_times_row;
  GtkSpinButton       *notice_spin;
  AdwPreferencesGroup *circumstances_group;
  GtkTextView         *notes_view;

  TandemStore         *store;
  char                *child_id;
  /* The carer as it was when the editor opened, or a new unsaved one. */
  TandemCarer         *carer;
  gboolean             is_new;
  char                *language;
  /* Field name → the row that edits it, to mark the row a message is about. */
  GHashTable          *rows;
};

G_DEFINE_FINAL_TYPE (TandemCarerEditor, tandem_carer_editor, ADW_TYPE_WINDOW)

/* The id of the ::saved signal. */
static guint saved_signal;

/* The codes are the targets of the suggestions menu in the .ui file. */
static const struct {
  const char *code;
  const char *label;
} relationships[] = {
  { "mother", N_("Mother") },
  { "father", N_("Father") },
  { "parent", N_("Parent") },
  { "step-parent", N_("Step-parent") },
  { "grandmother", N_("Grandmother") },
  { "grandfather", N_("Grandfather") },
  { "aunt", N_("Aunt") },
  { "uncle", N_("Uncle") },
  { "foster-carer", N_("Foster carer") },
  { "guardian", N_("Guardian") },
};

static void
set_row_text (TandemRecord *record,
              const char   *field,
              AdwEntryRow  *row)
{
  g_autofree char *text = tandem_editor_get_entry (row);

  tandem_record_set_text (record, field, text);
}

static void
update_language (TandemCarerEditor *self)
{
  const char *tags[] = { self->language, NULL };
  g_autofree char *label = tandem_languages_display (tags);

  adw_action_row_set_subtitle (self->language_row,
                               self->language != NULL ? label : _("Not recorded"));
}

static void
household_clicked_cb (GtkButton         *button,
                      TandemCarerEditor *self)
{
  tandem_editor_set_entry (self->household_row, gtk_button_get_label (button));
}

/* Two households work naturally when the second carer can pick the first
 * one's household, or see that theirs is a different one. */
static void
add_household_buttons (TandemCarerEditor *self)
{
  const char *params[] = { self->child_id, NULL };
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *description = NULL;
  g_autoptr(TandemChild) child = NULL;

  child = tandem_store_load (self->store, TANDEM_TYPE_CHILD, self->child_id, NULL);
  if (child != NULL)
    {
      g_autofree char *subtitle = NULL;
      /* Group descriptions are markup in libadwaita 1.2; names are text. */
      g_autofree char *name = g_markup_escape_text (tandem_child_get_display_name (child), -1);

      /* Translators: %s is a child's name. */
      description = g_strdup_printf (_("Carers who live together share a household. Leave it "
                                       "empty when all of %s’s carers live together."),
                                     name);
      adw_preferences_group_set_description (self->household_group, description);

      /* Translators: under the carer editor's title; %s is a child's name. */
      subtitle = g_strdup_printf (_("Carer of %s"), tandem_child_get_display_name (child));
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }

  carers = tandem_store_list (self->store, TANDEM_TYPE_CARER, "child_id = ?1", params, NULL);
  for (guint i = 0; carers != NULL && i < carers->len; i++)
    {
      const char *household = tandem_record_get_text (g_ptr_array_index (carers, i), "household");
      GtkWidget *button;

      if (household == NULL || g_hash_table_contains (seen, household))
        continue;
      g_hash_table_add (seen, g_strdup (household));

      button = gtk_button_new_with_label (household);
      g_signal_connect (button, "clicked", G_CALLBACK (household_clicked_cb), self);
      gtk_box_append (self->households_box, button);
      gtk_widget_set_visible (GTK_WIDGET (self->households_box), TRUE);
    }
}

static void
add_circumstances (TandemCarerEditor *self)
{
  const TandemCircumstance *items;
  guint n;

  items = tandem_circumstances (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strconcat ("circ_", items[i].key, NULL);
      g_autofree char *note_field = g_strconcat ("circ_", items[i].key, "_note", NULL);
      g_autofree char *note_label = NULL;
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *note = adw_entry_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(items[i].label));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _(items[i].description));
      adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), FALSE);
      tandem_a11y_name_switch (expander, _(items[i].label));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (note), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note"));
      /* Translators: accessible name of a note field; %s is a circumstance, e.g. "Transport". */
      note_label = g_strdup_printf (_("Note on %s"), _(items[i].label));
      tandem_a11y_set_label (note, note_label);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), note);

      adw_preferences_group_add (self->circumstances_group, expander);
      g_hash_table_insert (self->rows, g_steal_pointer (&field), expander);
      g_hash_table_insert (self->rows, g_steal_pointer (&note_field), note);
    }
}

static void
load_carer (TandemCarerEditor *self)
{
  TandemRecord *record = TANDEM_RECORD (self->carer);
  const char * const *methods = tandem_contact_methods ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *method = tandem_record_get_text (record, "contact_method");
  const char *notes = tandem_record_get_text (record, "notes");
  const TandemCircumstance *items;
  guint n, selected = 0;

  /* Position 0 is "No preference"; method i is at i + 1. */
  gtk_string_list_append (model, tandem_contact_method_label (NULL));
  for (guint i = 0; methods[i] != NULL; i++)
    {
      gtk_string_list_append (model, tandem_contact_method_label (methods[i]));
      if (g_strcmp0 (methods[i], method) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->contact_method_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->contact_method_row, selected);

  if (self->is_new)
    adw_window_title_set_title (self->window_title, _("Add Carer"));
  else
    {
      g_autofree char *title = NULL;

      /* Translators: title of the carer editor; %s is the carer's name. */
      title = g_strdup_printf (_("Edit %s"), tandem_carer_get_name (self->carer));
      adw_window_title_set_title (self->window_title, title);
    }
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));

  tandem_editor_set_entry (self->name_row, tandem_record_get_text (record, "full_name"));
  tandem_editor_set_entry (self->relationship_row, tandem_record_get_text (record, "relationship"));
  gtk_switch_set_active (self->responsibility_switch,
                         tandem_record_get_bool (record, "parental_responsibility"));
  tandem_editor_set_entry (self->household_row, tandem_record_get_text (record, "household"));
  tandem_editor_set_entry (self->phone_row, tandem_record_get_text (record, "phone"));
  tandem_editor_set_entry (self->email_row, tandem_record_get_text (record, "email"));
  tandem_editor_set_entry (self->address_row, tandem_record_get_text (record, "address"));
  tandem_editor_set_entry (self->contact_times_row,
                           tandem_record_get_text (record, "contact_times"));
  gtk_spin_button_set_value (self->notice_spin, tandem_record_get_int (record, "notice_days"));
  gtk_switch_set_active (self->interpreter_switch,
                         tandem_record_get_bool (record, "interpreter_needed"));
  gtk_switch_set_active (self->reading_switch, tandem_record_get_bool (record, "reading_support"));
  tandem_editor_set_notes (self->notes_view, notes);

  self->language = g_strdup (tandem_record_get_text (record, "preferred_language"));
  update_language (self);

  items = tandem_circumstances (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strconcat ("circ_", items[i].key, NULL);
      g_autofree char *note_field = g_strconcat ("circ_", items[i].key, "_note", NULL);
      gboolean applies = tandem_carer_has_circumstance (self->carer, items[i].key);

      adw_expander_row_set_enable_expansion (g_hash_table_lookup (self->rows, field), applies);
      /* Ticked ones start open so their notes can be read straight away. */
      adw_expander_row_set_expanded (g_hash_table_lookup (self->rows, field), applies);
      tandem_editor_set_entry (g_hash_table_lookup (self->rows, note_field),
                               tandem_carer_get_circumstance_note (self->carer, items[i].key));
    }
}

static TandemRecord *
build_record (TandemCarerEditor *self)
{
  TandemRecord *record = tandem_record_copy (TANDEM_RECORD (self->carer));
  const char * const *methods = tandem_contact_methods ();
  guint method = adw_combo_row_get_selected (self->contact_method_row);
  const TandemCircumstance *items;
  g_autofree char *notes = tandem_editor_get_notes (self->notes_view);
  guint n;

  set_row_text (record, "full_name", self->name_row);
  set_row_text (record, "relationship", self->relationship_row);
  tandem_record_set_bool (record, "parental_responsibility",
                          gtk_switch_get_active (self->responsibility_switch));
  set_row_text (record, "household", self->household_row);
  set_row_text (record, "phone", self->phone_row);
  set_row_text (record, "email", self->email_row);
  set_row_text (record, "address", self->address_row);
  set_row_text (record, "contact_times", self->contact_times_row);
  tandem_record_set_text (record, "preferred_language", self->language);
  tandem_record_set_bool (record, "interpreter_needed",
                          gtk_switch_get_active (self->interpreter_switch));
  tandem_record_set_bool (record, "reading_support", gtk_switch_get_active (self->reading_switch));
  tandem_record_set_text (record, "contact_method",
                          method > 0 && method != GTK_INVALID_LIST_POSITION &&
                          method <= g_strv_length ((char **) methods)
                          ? methods[method - 1] : NULL);
  tandem_record_set_int (record, "notice_days",
                         gtk_spin_button_get_value_as_int (self->notice_spin));

  items = tandem_circumstances (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strconcat ("circ_", items[i].key, NULL);
      g_autofree char *note_field = g_strconcat ("circ_", items[i].key, "_note", NULL);
      AdwExpanderRow *expander = g_hash_table_lookup (self->rows, field);
      gboolean applies = adw_expander_row_get_enable_expansion (expander);
      AdwEntryRow *note_row = g_hash_table_lookup (self->rows, note_field);
      g_autofree char *note = tandem_editor_get_entry (note_row);

      /* A note under a switched-off circumstance is kept: switching it
       * back on should not lose what was written. */
      tandem_carer_set_circumstance (TANDEM_CARER (record), items[i].key, applies, note);
    }

  tandem_record_set_text (record, "notes", notes);

  return record;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemCarerEditor *self = TANDEM_CARER_EDITOR (widget);
  g_autoptr(TandemRecord) record = build_record (self);
  g_autoptr(GError) error = NULL;
  const char *field;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);
  if (!tandem_editor_save (GTK_WINDOW (self), self->store, saved_signal, record, &field, &error))
    tandem_editor_show_error (self->error_revealer, self->error_label, error->message,
                              field != NULL ? g_hash_table_lookup (self->rows, field) : NULL);
}

static void
relationship_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemCarerEditor *self = TANDEM_CARER_EDITOR (widget);
  const char *code = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (relationships); i++)
    if (g_strcmp0 (relationships[i].code, code) == 0)
      tandem_editor_set_entry (self->relationship_row, _(relationships[i].label));
}

static void
language_chosen_cb (TandemCarerEditor *self,
                    GStrv              tags)
{
  g_free (self->language);
  self->language = g_strdup (tags != NULL ? tags[0] : NULL);
  update_language (self);
}

static void
choose_language_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemCarerEditor *self = TANDEM_CARER_EDITOR (widget);
  const char *selected[] = { self->language, NULL };
  GtkWindow *chooser;

  chooser = tandem_language_chooser_new (GTK_WINDOW (self), FALSE, selected);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (language_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (chooser);
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemCarerEditor *self = TANDEM_CARER_EDITOR (window);
  g_autoptr(TandemRecord) record = build_record (self);

  return tandem_editor_records_differ (record, TANDEM_RECORD (self->carer));
}

static void
tandem_carer_editor_dispose (GObject *object)
{
  TandemCarerEditor *self = TANDEM_CARER_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->carer);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CARER_EDITOR);

  G_OBJECT_CLASS (tandem_carer_editor_parent_class)->dispose (object);
}

static void
tandem_carer_editor_finalize (GObject *object)
{
  TandemCarerEditor *self = TANDEM_CARER_EDITOR (object);

  g_free (self->child_id);
  g_free (self->language);
  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (tandem_carer_editor_parent_class)->finalize (object);
}

static void
tandem_carer_editor_class_init (TandemCarerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_carer_editor_dispose;
  object_class->finalize = tandem_carer_editor_finalize;

  /**
   * TandemCarerEditor::saved:
   * @self: the editor
   * @carer: the carer as saved
   */
  saved_signal = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_CARER);

  tandem_editor_class_setup (widget_class, "/app/tandem/Tandem/tandem-carer-editor.ui", save_cb);

  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, relationship_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, responsibility_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, household_group);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, household_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, households_box);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, language_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, interpreter_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, reading_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, contact_method_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, contact_times_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, notice_spin);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, circumstances_group);
  gtk_widget_class_bind_template_child (widget_class, TandemCarerEditor, notes_view);

  gtk_widget_class_install_action (widget_class, "editor.relationship", "s", relationship_cb);
  gtk_widget_class_install_action (widget_class, "editor.choose-language", NULL,
                                   choose_language_cb);
}

static void
tandem_carer_editor_init (TandemCarerEditor *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);

  g_hash_table_insert (self->rows, g_strdup ("full_name"), self->name_row);
  g_hash_table_insert (self->rows, g_strdup ("relationship"), self->relationship_row);
  g_hash_table_insert (self->rows, g_strdup ("household"), self->household_row);
  g_hash_table_insert (self->rows, g_strdup ("phone"), self->phone_row);
  g_hash_table_insert (self->rows, g_strdup ("email"), self->email_row);
  g_hash_table_insert (self->rows, g_strdup ("address"), self->address_row);
  g_hash_table_insert (self->rows, g_strdup ("preferred_language"), self->language_row);
  g_hash_table_insert (self->rows, g_strdup ("contact_method"), self->contact_method_row);
  g_hash_table_insert (self->rows, g_strdup ("contact_times"), self->contact_times_row);
  g_hash_table_insert (self->rows, g_strdup ("notice_days"),
                       gtk_widget_get_ancestor (GTK_WIDGET (self->notice_spin),
                                                ADW_TYPE_ACTION_ROW));

  add_circumstances (self);

  tandem_a11y_tidy_names (GTK_WIDGET (self));
  tandem_a11y_set_label (GTK_WIDGET (self->language_button),
                               _("Choose preferred language"));
}

/**
 * tandem_carer_editor_new:
 * @parent: (nullable): the window to be modal to
 * @store: the store to save to
 * @child_id: the child the carer looks after
 * @carer: (nullable): the carer to edit, or %NULL to add one
 *
 * Returns: (transfer full): the editor window, for the caller to present
 */
GtkWindow *
tandem_carer_editor_new (GtkWindow   *parent,
                         TandemStore *store,
                         const char  *child_id,
                         TandemCarer *carer)
{
  TandemCarerEditor *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);
  g_return_val_if_fail (carer == NULL || TANDEM_IS_CARER (carer), NULL);

  self = g_object_new (TANDEM_TYPE_CARER_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->child_id = g_strdup (child_id);
  self->is_new = carer == NULL;
  self->carer = carer != NULL
                ? TANDEM_CARER (tandem_record_copy (TANDEM_RECORD (carer)))
                : tandem_carer_new (child_id, NULL);

  add_household_buttons (self);
  load_carer (self);

  return GTK_WINDOW (self);
}
