/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-consent-editor.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"

struct _TandemConsentEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwComboRow    *kind_row;
  AdwEntryRow    *professional_row;
  GtkSwitch      *granted_switch;
  AdwComboRow    *carer_row;
  AdwEntryRow    *given_on_row;
  AdwEntryRow    *withdrawn_on_row;
  GtkTextView    *notes_view;

  TandemStore    *store;
  char           *child_id;
  /* The consent as it was when the editor opened, or a new unsaved one. */
  TandemConsent  *consent;
  /* The form as first filled in (defaults included), to tell whether
   * anything was changed before closing. */
  TandemRecord   *baseline;
  /* Ids behind the carer combo row. */
  GPtrArray      *carer_ids;
};

G_DEFINE_FINAL_TYPE (TandemConsentEditor, tandem_consent_editor, ADW_TYPE_WINDOW)

/* The id of the ::saved signal. */
static guint saved_signal;

static const char *
selected_kind (TandemConsentEditor *self)
{
  const char * const *kinds = tandem_consent_kinds ();
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) kinds))
    return kinds[0];
  return kinds[selected];
}

static GtkWidget *
row_for_field (TandemConsentEditor *self,
               const char          *field)
{
  if (g_strcmp0 (field, "kind") == 0)
    return GTK_WIDGET (self->kind_row);
  if (g_strcmp0 (field, "professional") == 0)
    return GTK_WIDGET (self->professional_row);
  if (g_strcmp0 (field, "carer_id") == 0)
    return GTK_WIDGET (self->carer_row);
  if (g_strcmp0 (field, "given_on") == 0)
    return GTK_WIDGET (self->given_on_row);
  if (g_strcmp0 (field, "withdrawn_on") == 0)
    return GTK_WIDGET (self->withdrawn_on_row);
  return NULL;
}

static void
show_error (TandemConsentEditor *self,
            const char          *message,
            GtkWidget           *row)
{
  tandem_editor_show_error (self->error_revealer, self->error_label, message, row);
}

static void
kind_changed_cb (TandemConsentEditor *self)
{
  /* Only sharing names someone; the field would puzzle on a photo consent. */
  gtk_widget_set_visible (GTK_WIDGET (self->professional_row),
                          g_strcmp0 (selected_kind (self),
                                     TANDEM_CONSENT_SHARE_PROFESSIONAL) == 0);
}

static void
fill_carers (TandemConsentEditor *self,
             const char          *current_id)
{
  const char *params[] = { self->child_id, NULL };
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  carers = tandem_store_list (self->store, TANDEM_TYPE_CARER, "child_id = ?1", params, NULL);

  /* With several carers the keyworker must say which one gave consent; a
   * preselected name would too easily be saved unread. */
  if (carers != NULL && carers->len > 1 && current_id == NULL)
    {
      gtk_string_list_append (model, _("Choose who gave or refused consent"));
      g_ptr_array_add (self->carer_ids, NULL);
      selected = 0;
    }

  for (guint i = 0; carers != NULL && i < carers->len; i++)
    {
      TandemRecord *carer = g_ptr_array_index (carers, i);
      const char *relationship = tandem_record_get_text (carer, "relationship");
      g_autofree char *label = NULL;

      if (relationship != NULL)
        /* Translators: a carer in a list; %1$s is the name, %2$s e.g. "Mother". */
        label = g_strdup_printf (_("%1$s (%2$s)"), tandem_carer_get_name (TANDEM_CARER (carer)),
                                 relationship);
      else
        label = g_strdup (tandem_carer_get_name (TANDEM_CARER (carer)));

      gtk_string_list_append (model, label);
      g_ptr_array_add (self->carer_ids, g_strdup (tandem_record_get_id (carer)));
      if (g_strcmp0 (tandem_record_get_id (carer), current_id) == 0)
        selected = self->carer_ids->len - 1;
    }

  /* The carer who gave an old consent may have been removed since; the
   * consent still names them. */
  if (current_id != NULL && selected == GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(TandemRecord) gone = tandem_store_load (self->store, TANDEM_TYPE_CARER,
                                                        current_id, NULL);
      g_autofree char *label = NULL;

      /* Translators: %s is the name of a carer who was deleted. */
      label = g_strdup_printf (_("%s (deleted)"),
                               gone != NULL ? tandem_carer_get_name (TANDEM_CARER (gone))
                                            : current_id);
      gtk_string_list_append (model, label);
      g_ptr_array_add (self->carer_ids, g_strdup (current_id));
      selected = self->carer_ids->len - 1;
    }

  adw_combo_row_set_model (self->carer_row, G_LIST_MODEL (model));

  if (self->carer_ids->len == 0)
    {
      show_error (self, _("No carers are recorded for this child yet. Add the carer first: "
                          "consent is always given by a named person."), NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->carer_row), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      return;
    }

  /* With one carer there is nobody else it could be. */
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  adw_combo_row_set_selected (self->carer_row, selected);
}

static void
load_consent (TandemConsentEditor *self,
              gboolean             is_new)
{
  TandemRecord *record = TANDEM_RECORD (self->consent);
  const char * const *kinds = tandem_consent_kinds ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(TandemChild) child = NULL;
  const char *notes = tandem_record_get_text (record, "notes");
  guint kind = 0;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (model, tandem_consent_kind_label (kinds[i]));
      if (g_strcmp0 (kinds[i], tandem_record_get_text (record, "kind")) == 0)
        kind = i;
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->kind_row, kind);
  kind_changed_cb (self);

  adw_window_title_set_title (self->window_title,
                              is_new ? _("Add Consent") : _("Edit Consent"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  child = tandem_store_load (self->store, TANDEM_TYPE_CHILD, self->child_id, NULL);
  if (child != NULL)
    adw_window_title_set_subtitle (self->window_title, tandem_child_get_display_name (child));

  tandem_editor_set_entry (self->professional_row, tandem_record_get_text (record, "professional"));
  gtk_switch_set_active (self->granted_switch, tandem_record_get_bool (record, "granted"));
  fill_carers (self, tandem_record_get_text (record, "carer_id"));
  tandem_editor_set_entry (self->given_on_row, tandem_record_get_text (record, "given_on"));
  tandem_editor_set_entry (self->withdrawn_on_row, tandem_record_get_text (record, "withdrawn_on"));
  tandem_editor_set_notes (self->notes_view, notes);
}

static TandemRecord *
build_record (TandemConsentEditor *self,
              gboolean             report)
{
  g_autoptr(TandemRecord) record = tandem_record_copy (TANDEM_RECORD (self->consent));
  AdwEntryRow *date_rows[] = { self->given_on_row, self->withdrawn_on_row };
  const char *date_fields[] = { "given_on", "withdrawn_on" };
  g_autofree char *professional = tandem_editor_get_entry (self->professional_row);
  g_autofree char *notes = tandem_editor_get_notes (self->notes_view);
  guint carer = adw_combo_row_get_selected (self->carer_row);
  const char *kind = selected_kind (self);

  tandem_record_set_text (record, "kind", kind);
  /* A name typed under another kind, then switched away from, is not kept. */
  tandem_record_set_text (record, "professional",
                          g_strcmp0 (kind, TANDEM_CONSENT_SHARE_PROFESSIONAL) == 0
                          ? professional : NULL);
  tandem_record_set_bool (record, "granted", gtk_switch_get_active (self->granted_switch));
  tandem_record_set_text (record, "carer_id",
                          carer < self->carer_ids->len
                          ? g_ptr_array_index (self->carer_ids, carer) : NULL);

  for (guint i = 0; i < G_N_ELEMENTS (date_rows); i++)
    {
      g_autofree char *iso = NULL;
      g_autofree char *message = NULL;

      if (!tandem_editor_get_date (date_rows[i], "2024-09-02", &iso, report ? &message : NULL))
        {
          if (message != NULL)
            show_error (self, message, GTK_WIDGET (date_rows[i]));
          return NULL;
        }
      tandem_record_set_text (record, date_fields[i], iso);
    }

  tandem_record_set_text (record, "notes", notes);

  return g_steal_pointer (&record);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemConsentEditor *self = TANDEM_CONSENT_EDITOR (widget);
  g_autoptr(TandemRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *field;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);
  record = build_record (self, TRUE);
  if (record == NULL ||
      tandem_editor_save (GTK_WINDOW (self), self->store, saved_signal, record, &field, &error))
    return;

  /* The core's message for sharing without a name does not use the
   * field's label; it is still plainly about that row. */
  if (field == NULL && g_strcmp0 (selected_kind (self), TANDEM_CONSENT_SHARE_PROFESSIONAL) == 0 &&
      tandem_record_get_text (record, "professional") == NULL)
    field = "professional";
  show_error (self, error->message, row_for_field (self, field));
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemConsentEditor *self = TANDEM_CONSENT_EDITOR (window);
  g_autoptr(TandemRecord) record = build_record (self, FALSE);

  /* A date that cannot be read was typed by someone: that is a change. */
  return record == NULL || self->baseline == NULL ||
         tandem_editor_records_differ (record, self->baseline);
}

static void
tandem_consent_editor_dispose (GObject *object)
{
  TandemConsentEditor *self = TANDEM_CONSENT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->consent);
  g_clear_object (&self->baseline);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_CONSENT_EDITOR);

  G_OBJECT_CLASS (tandem_consent_editor_parent_class)->dispose (object);
}

static void
tandem_consent_editor_finalize (GObject *object)
{
  TandemConsentEditor *self = TANDEM_CONSENT_EDITOR (object);

  g_free (self->child_id);
  g_ptr_array_unref (self->carer_ids);

  G_OBJECT_CLASS (tandem_consent_editor_parent_class)->finalize (object);
}

static void
tandem_consent_editor_class_init (TandemConsentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_consent_editor_dispose;
  object_class->finalize = tandem_consent_editor_finalize;

  /**
   * TandemConsentEditor::saved:
   * @self: the editor
   * @consent: the consent as saved
   */
  saved_signal = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_CONSENT);

  tandem_editor_class_setup (widget_class, "/app/tandem/Tandem/tandem-consent-editor.ui", save_cb);

  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, professional_row);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, granted_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, carer_row);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, given_on_row);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, withdrawn_on_row);
  gtk_widget_class_bind_template_child (widget_class, TandemConsentEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
}

static void
tandem_consent_editor_init (TandemConsentEditor *self)
{
  self->carer_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);
  tandem_a11y_tidy_names (GTK_WIDGET (self));

  tandem_editor_add_date_hint (self->given_on_row);
  tandem_editor_add_date_hint (self->withdrawn_on_row);
}

/**
 * tandem_consent_editor_new:
 * @parent: (nullable): the window to be modal to
 * @store: the store to save to
 * @child_id: the child the consent is about
 * @consent: (nullable): the consent to edit; %NULL, or one not yet saved
 *   (e.g. with its kind filled in), to add one
 *
 * Returns: (transfer full): the editor window, for the caller to present
 */
GtkWindow *
tandem_consent_editor_new (GtkWindow     *parent,
                           TandemStore   *store,
                           const char    *child_id,
                           TandemConsent *consent)
{
  TandemConsentEditor *self;
  gboolean is_new;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);
  g_return_val_if_fail (consent == NULL || TANDEM_IS_CONSENT (consent), NULL);

  self = g_object_new (TANDEM_TYPE_CONSENT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->child_id = g_strdup (child_id);

  /* A record the store has never seen has no creation time. */
  is_new = consent == NULL || tandem_record_get_created_at (TANDEM_RECORD (consent)) == NULL;
  if (consent != NULL)
    self->consent = TANDEM_CONSENT (tandem_record_copy (TANDEM_RECORD (consent)));
  else
    self->consent = tandem_consent_new (child_id, tandem_consent_kinds ()[0]);

  if (is_new && tandem_record_get_text (TANDEM_RECORD (self->consent), "given_on") == NULL)
    {
      g_autofree char *today = tandem_date_today ();

      tandem_record_set_text (TANDEM_RECORD (self->consent), "given_on", today);
    }

  load_consent (self, is_new);
  self->baseline = build_record (self, FALSE);

  return GTK_WINDOW (self);
}
