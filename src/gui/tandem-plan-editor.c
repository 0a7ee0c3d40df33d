/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"
#include "tandem-plan-editor.h"
#include "tandem-plans.h"

/* An example date for the messages about dates typed wrongly. */
#define EXAMPLE_DATE "2026-09-01"

/* One professional in the form. */
typedef struct {
  TandemPlanProfessional *record;
  GtkWidget              *row;
  AdwEntryRow            *name;
  AdwEntryRow            *role;
  AdwEntryRow            *service;
  AdwEntryRow            *contact;
} ProfessionalItem;

struct _TandemPlanEditor
{
  AdwWindow            parent_instance;

  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwComboRow         *status_row;
  AdwEntryRow         *starts_row;
  AdwEntryRow         *next_row;
  AdwPreferencesGroup *profile_group;
  AdwPreferencesGroup *needs_group;
  AdwPreferencesGroup *views_group;
  AdwPreferencesGroup *professionals_group;
  AdwComboRow         *ehcp_row;
  AdwEntryRow         *requested_row;
  AdwEntryRow         *issued_row;
  AdwPreferencesGroup *family_group;
  AdwPreferencesGroup *staff_group;

  GtkTextView         *strengths_view;
  GtkTextView         *matters_view;
  GtkTextView         *support_view;
  GtkTextView         *need_views[4];
  GtkTextView         *family_views_view;
  GtkTextView         *child_views_view;
  GtkEntry            *child_how_entry;
  GtkTextView         *summary_view;
  GtkTextView         *note_view;
  GtkWidget           *no_professionals_row;

  /* Every long text with the field it edits, for loading and saving. */
  GtkTextView         *texts[11];
  const char          *text_fields[11];
  guint                n_texts;

  TandemStore         *store;
  TandemChild         *child;
  TandemPlan          *plan;         /* the record being edited (a copy) */
  GStrv                ehcp_codes;   /* as listed in the combo, "none" first */
  GPtrArray           *professionals; /* ProfessionalItem */
  char                *fingerprint;
};

G_DEFINE_FINAL_TYPE (TandemPlanEditor, tandem_plan_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
professional_item_free (gpointer data)
{
  ProfessionalItem *item = data;

  g_clear_object (&item->record);
  g_free (item);
}

/* A short text among the long ones: a row would sit above them all in the
 * group, so it is an entry under a heading like theirs. */
static GtkEntry *
add_entry_box (AdwPreferencesGroup *group,
               const char          *title,
               const char          *hint)
{
  GtkWidget *box = tandem_editor_field_box (title, hint);
  GtkWidget *entry = gtk_entry_new ();

  tandem_a11y_set_label (entry, title);
  gtk_box_append (GTK_BOX (box), entry);
  adw_preferences_group_add (group, box);
  return GTK_ENTRY (entry);
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

static char *
entry_text (GtkEntry *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* Professionals --------------------------------------------------------- */

static void
update_no_professionals (TandemPlanEditor *self)
{
  gtk_widget_set_visible (self->no_professionals_row, self->professionals->len == 0);
}

static void
remove_professional_cb (GtkButton        *button,
                        TandemPlanEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "tandem-row");

  for (guint i = 0; i < self->professionals->len; i++)
    {
      ProfessionalItem *item = g_ptr_array_index (self->professionals, i);

      if (item->row == row)
        {
          adw_preferences_group_remove (self->professionals_group, row);
          g_ptr_array_remove_index (self->professionals, i);
          break;
        }
    }
  update_no_professionals (self);
}

static void
professional_changed_cb (ProfessionalItem *item)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (item->name));
  const char *role = gtk_editable_get_text (GTK_EDITABLE (item->role));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row),
                                 name[0] != '\0' ? name : _("New professional"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (item->row), role);
}

static AdwEntryRow *
expander_entry (AdwExpanderRow *expander,
                const char     *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_add_row (expander, row);
  return ADW_ENTRY_ROW (row);
}

static ProfessionalItem *
add_professional (TandemPlanEditor       *self,
                  TandemPlanProfessional *record)
{
  ProfessionalItem *item = g_new0 (ProfessionalItem, 1);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  item->record = record != NULL
                 ? g_object_ref (record)
                 : TANDEM_PLAN_PROFESSIONAL (tandem_record_new (TANDEM_TYPE_PLAN_PROFESSIONAL));
  item->row = expander;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  item->name = expander_entry (ADW_EXPANDER_ROW (expander), _("Name"));
  item->role = expander_entry (ADW_EXPANDER_ROW (expander),
                               _("Role, e.g. speech and language therapist"));
  item->service = expander_entry (ADW_EXPANDER_ROW (expander), _("Service"));
  item->contact = expander_entry (ADW_EXPANDER_ROW (expander), _("Phone or email"));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this professional"));
  tandem_a11y_set_label (remove, _("Remove this professional"));
  g_object_set_data (G_OBJECT (remove), "tandem-row", expander);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_professional_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);

  if (record != NULL)
    {
      TandemRecord *r = TANDEM_RECORD (record);

      tandem_editor_set_entry (item->name, tandem_record_get_text (r, "name"));
      tandem_editor_set_entry (item->role, tandem_record_get_text (r, "role"));
      tandem_editor_set_entry (item->service, tandem_record_get_text (r, "service"));
      tandem_editor_set_entry (item->contact, tandem_record_get_text (r, "contact"));
    }
  professional_changed_cb (item);
  g_signal_connect_swapped (item->name, "changed", G_CALLBACK (professional_changed_cb), item);
  g_signal_connect_swapped (item->role, "changed", G_CALLBACK (professional_changed_cb), item);

  adw_preferences_group_add (self->professionals_group, expander);
  g_ptr_array_add (self->professionals, item);
  update_no_professionals (self);
  return item;
}

static void
add_professional_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TandemPlanEditor *self = TANDEM_PLAN_EDITOR (widget);
  ProfessionalItem *item = add_professional (self, NULL);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (item->name));
}

/* Loading --------------------------------------------------------------- */

static char *
fingerprint (TandemPlanEditor *self)
{
  GString *s = g_string_new (NULL);
  AdwEntryRow *entries[] = { self->starts_row, self->next_row, self->requested_row,
                             self->issued_row };

  for (guint i = 0; i < self->n_texts; i++)
    {
      g_autofree char *text = tandem_editor_get_notes (self->texts[i]);

      g_string_append_printf (s, "%s\n", text != NULL ? text : "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_string_append_printf (s, "%s\n", gtk_editable_get_text (GTK_EDITABLE (entries[i])));
  g_string_append_printf (s, "%s\n%u %u %u\n",
                          gtk_editable_get_text (GTK_EDITABLE (self->child_how_entry)),
                          adw_combo_row_get_selected (self->status_row),
                          adw_combo_row_get_selected (self->ehcp_row),
                          self->professionals->len);
  for (guint i = 0; i < self->professionals->len; i++)
    {
      ProfessionalItem *item = g_ptr_array_index (self->professionals, i);

      g_string_append_printf (s, "%s\n%s\n%s\n%s\n",
                              gtk_editable_get_text (GTK_EDITABLE (item->name)),
                              gtk_editable_get_text (GTK_EDITABLE (item->role)),
                              gtk_editable_get_text (GTK_EDITABLE (item->service)),
                              gtk_editable_get_text (GTK_EDITABLE (item->contact)));
    }
  return g_string_free (s, FALSE);
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemPlanEditor *self = TANDEM_PLAN_EDITOR (window);
  g_autofree char *now = fingerprint (self);

  return g_strcmp0 (now, self->fingerprint) != 0;
}

static void
fail (TandemPlanEditor *self,
      const char       *message,
      GtkWidget        *row)
{
  tandem_editor_show_error (self->error_revealer, self->error_label, message, row);
}

static void
load (TandemPlanEditor *self)
{
  TandemRecord *record = TANDEM_RECORD (self->plan);
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GError) error = NULL;
  const char *ehcp = tandem_record_get_text (record, "ehcp_status");

  adw_combo_row_set_selected (self->status_row,
                              code_index (tandem_plan_statuses (),
                                          tandem_record_get_text (record, "status")));
  adw_combo_row_set_selected (self->ehcp_row,
                              code_index ((const char * const *) self->ehcp_codes,
                                          ehcp != NULL ? ehcp : "none"));
  tandem_editor_set_entry (self->starts_row, tandem_record_get_text (record, "starts_on"));
  tandem_editor_set_entry (self->next_row, tandem_record_get_text (record, "next_review_on"));
  tandem_editor_set_entry (self->requested_row,
                           tandem_record_get_text (record, "ehcp_requested_on"));
  tandem_editor_set_entry (self->issued_row, tandem_record_get_text (record, "ehcp_issued_on"));
  gtk_editable_set_text (GTK_EDITABLE (self->child_how_entry),
                         tandem_record_get_text (record, "child_views_how") ?: "");

  for (guint i = 0; i < self->n_texts; i++)
    tandem_editor_set_notes (self->texts[i],
                             tandem_record_get_text (record, self->text_fields[i]));

  parts = tandem_plans_load_parts (self->store, tandem_record_get_id (record), &error);
  if (parts == NULL)
    fail (self, error->message, NULL);
  for (guint i = 0; parts != NULL && i < parts->professionals->len; i++)
    add_professional (self, g_ptr_array_index (parts->professionals, i));
  update_no_professionals (self);

  g_free (self->fingerprint);
  self->fingerprint = fingerprint (self);
}

/* Saving ---------------------------------------------------------------- */

/* Reads a date row; FALSE with the error shown when it holds something
 * that is not a date. An empty row is NULL, and refused when @required. */
static gboolean
read_date (TandemPlanEditor  *self,
           AdwEntryRow       *row,
           gboolean           required,
           char             **iso_date)
{
  g_autofree char *message = NULL;

  *iso_date = NULL;
  if (gtk_editable_get_text (GTK_EDITABLE (row))[0] == '\0')
    {
      if (!required)
        return TRUE;
      fail (self, _("Type the date the plan starts."), GTK_WIDGET (row));
      return FALSE;
    }
  if (tandem_editor_get_date (row, EXAMPLE_DATE, iso_date, &message))
    return TRUE;

  fail (self, message, GTK_WIDGET (row));
  return FALSE;
}

static GtkWidget *
row_for_field (TandemPlanEditor *self,
               const char       *field)
{
  if (g_strcmp0 (field, "starts_on") == 0)
    return GTK_WIDGET (self->starts_row);
  if (g_strcmp0 (field, "next_review_on") == 0)
    return GTK_WIDGET (self->next_row);
  if (g_strcmp0 (field, "status") == 0 || g_strcmp0 (field, "closed_on") == 0)
    return GTK_WIDGET (self->status_row);
  if (g_strcmp0 (field, "ehcp_status") == 0)
    return GTK_WIDGET (self->ehcp_row);
  if (g_strcmp0 (field, "ehcp_requested_on") == 0)
    return GTK_WIDGET (self->requested_row);
  if (g_strcmp0 (field, "ehcp_issued_on") == 0)
    return GTK_WIDGET (self->issued_row);
  return NULL;
}

static gboolean
fill_plan (TandemPlanEditor *self,
           TandemRecord     *record)
{
  g_autofree char *starts = NULL;
  g_autofree char *next = NULL;
  g_autofree char *requested = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *how = NULL;
  g_autoptr(GError) error = NULL;
  const char *status = combo_code (self->status_row, tandem_plan_statuses ());
  const char *ehcp = combo_code (self->ehcp_row, (const char * const *) self->ehcp_codes);

  if (!read_date (self, self->starts_row, TRUE, &starts) ||
      !read_date (self, self->next_row, FALSE, &next) ||
      !read_date (self, self->requested_row, FALSE, &requested) ||
      !read_date (self, self->issued_row, FALSE, &issued))
    return FALSE;

  tandem_record_set_text (record, "status", status);
  tandem_record_set_text (record, "starts_on", starts);
  tandem_record_set_text (record, "next_review_on", next);
  tandem_record_set_text (record, "ehcp_status", g_strcmp0 (ehcp, "none") == 0 ? NULL : ehcp);
  tandem_record_set_text (record, "ehcp_requested_on", requested);
  tandem_record_set_text (record, "ehcp_issued_on", issued);
  how = entry_text (self->child_how_entry);
  tandem_record_set_text (record, "child_views_how", how);

  /* A plan closed here closes today, unless it already had a date. */
  if (g_strcmp0 (status, TANDEM_PLAN_CLOSED) != 0)
    tandem_record_set_text (record, "closed_on", NULL);
  else if (tandem_record_get_text (record, "closed_on") == NULL)
    {
      g_autofree char *today = tandem_date_today ();

      tandem_record_set_text (record, "closed_on", today);
    }

  for (guint i = 0; i < self->n_texts; i++)
    {
      g_autofree char *text = tandem_editor_get_notes (self->texts[i]);

      tandem_record_set_text (record, self->text_fields[i], text);
    }

  if (!tandem_record_validate (record, &error))
    {
      fail (self, error->message,
            row_for_field (self, tandem_editor_error_field (TANDEM_TYPE_PLAN, error->message)));
      return FALSE;
    }
  return TRUE;
}

/* The plan's parts as stored, with the professionals from the form: the
 * outcomes and their provision are kept exactly as they are. */
static TandemPlanParts *
fill_parts (TandemPlanEditor *self)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GError) error = NULL;

  parts = tandem_plans_load_parts (self->store,
                                   tandem_record_get_id (TANDEM_RECORD (self->plan)), &error);
  if (parts == NULL)
    {
      fail (self, error->message, NULL);
      return NULL;
    }

  g_ptr_array_set_size (parts->professionals, 0);
  for (guint i = 0; i < self->professionals->len; i++)
    {
      ProfessionalItem *item = g_ptr_array_index (self->professionals, i);
      g_autoptr(TandemRecord) professional = tandem_record_copy (TANDEM_RECORD (item->record));
      g_autofree char *name = tandem_editor_get_entry (item->name);
      g_autofree char *role = tandem_editor_get_entry (item->role);
      g_autofree char *service = tandem_editor_get_entry (item->service);
      g_autofree char *contact = tandem_editor_get_entry (item->contact);

      if (name == NULL)
        {
          fail (self, _("Each professional needs a name. Type it, or remove the professional."),
                GTK_WIDGET (item->name));
          return NULL;
        }

      tandem_record_set_text (professional, "plan_id",
                              tandem_record_get_id (TANDEM_RECORD (self->plan)));
      tandem_record_set_text (professional, "name", name);
      tandem_record_set_text (professional, "role", role);
      tandem_record_set_text (professional, "service", service);
      tandem_record_set_text (professional, "contact", contact);
      tandem_record_set_int (professional, "position", i);
      if (!tandem_record_validate (professional, &error))
        {
          fail (self, error->message, GTK_WIDGET (item->name));
          return NULL;
        }
      g_ptr_array_add (parts->professionals, g_steal_pointer (&professional));
    }

  return g_steal_pointer (&parts);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemPlanEditor *self = TANDEM_PLAN_EDITOR (widget);
  g_autoptr(TandemRecord) record = tandem_record_copy (TANDEM_RECORD (self->plan));
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GError) error = NULL;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);

  if (!fill_plan (self, record))
    return;
  parts = fill_parts (self);
  if (parts == NULL)
    return;

  if (!tandem_plans_save (self->store, TANDEM_PLAN (record), parts, &error))
    {
      fail (self, error->message,
            row_for_field (self, tandem_editor_error_field (TANDEM_TYPE_PLAN, error->message)));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, record);
  tandem_editor_close_saved (GTK_WINDOW (self));
}

/* GObject --------------------------------------------------------------- */

static void
tandem_plan_editor_dispose (GObject *object)
{
  TandemPlanEditor *self = TANDEM_PLAN_EDITOR (object);

  g_clear_pointer (&self->professionals, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PLAN_EDITOR);

  G_OBJECT_CLASS (tandem_plan_editor_parent_class)->dispose (object);
}

static void
tandem_plan_editor_finalize (GObject *object)
{
  TandemPlanEditor *self = TANDEM_PLAN_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_clear_object (&self->plan);
  g_strfreev (self->ehcp_codes);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (tandem_plan_editor_parent_class)->finalize (object);
}

static void
tandem_plan_editor_class_init (TandemPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_plan_editor_dispose;
  object_class->finalize = tandem_plan_editor_finalize;

  /**
   * TandemPlanEditor::saved:
   * @plan: the plan as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_PLAN);

  tandem_editor_class_setup (widget_class, "/app/tandem/Tandem/tandem-plan-editor.ui", save_cb);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, starts_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, next_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, profile_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, needs_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, views_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, professionals_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, ehcp_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, requested_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, issued_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, family_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanEditor, staff_group);

  gtk_widget_class_install_action (widget_class, "editor.add-professional", NULL,
                                   add_professional_action);
}

static void
tandem_plan_editor_init (TandemPlanEditor *self)
{
  const char * const *areas = tandem_plan_areas ();
  const char * const *ehcp = tandem_plan_ehcp_statuses ();
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GtkStringList) ehcp_labels = gtk_string_list_new (NULL);
  GtkWidget *empty;

  self->professionals = g_ptr_array_new_with_free_func (professional_item_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->status_row,
                           G_LIST_MODEL (labels_model (tandem_plan_statuses (),
                                                       tandem_plan_status_label)));

  /* "None" first, whether or not the core lists it as a code: the record
   * holds NULL for it. */
  g_strv_builder_add (codes, "none");
  gtk_string_list_append (ehcp_labels, tandem_plan_ehcp_status_label ("none"));
  for (guint i = 0; ehcp[i] != NULL; i++)
    if (g_strcmp0 (ehcp[i], "none") != 0)
      {
        g_strv_builder_add (codes, ehcp[i]);
        gtk_string_list_append (ehcp_labels, tandem_plan_ehcp_status_label (ehcp[i]));
      }
  self->ehcp_codes = g_strv_builder_end (codes);
  adw_combo_row_set_model (self->ehcp_row, G_LIST_MODEL (ehcp_labels));

  tandem_editor_add_date_hint (self->starts_row);
  tandem_editor_add_date_hint (self->next_row);
  tandem_editor_add_date_hint (self->requested_row);
  tandem_editor_add_date_hint (self->issued_row);

  self->strengths_view = tandem_editor_add_text_box (self->profile_group, _("Strengths"),
                                       _("What the child can do, enjoys and is proud of."));
  self->matters_view = tandem_editor_add_text_box (self->profile_group, _("What matters to them"), NULL);
  self->support_view = tandem_editor_add_text_box (self->profile_group, _("How best to support them"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->need_views) && areas[i] != NULL; i++)
    self->need_views[i] = tandem_editor_add_text_box (self->needs_group, tandem_plan_area_label (areas[i]),
                                        NULL);

  self->family_views_view = tandem_editor_add_text_box (self->views_group, _("The family’s views"),
                                          _("In their own words."));
  self->child_views_view = tandem_editor_add_text_box (self->views_group, _("The child’s views"), NULL);
  self->child_how_entry = add_entry_box (self->views_group,
                                         _("How the child’s views were gathered"),
                                         _("For example words, pictures, or what they chose "
                                           "to do."));

  self->summary_view = tandem_editor_add_text_box (self->family_group,
                                     _("The plan in plain words for the family"),
                                     _("Printed in the family’s pack: no jargon, no "
                                       "abbreviations."));
  self->note_view = tandem_editor_add_text_box (self->staff_group, _("Internal note"),
                                  _("Staff only: never printed in a family’s pack."));

  {
    GtkTextView *views[] = { self->strengths_view, self->matters_view, self->support_view,
                             self->family_views_view, self->child_views_view,
                             self->summary_view, self->note_view };
    const char *fields[] = { "strengths", "what_matters", "how_to_support", "family_views",
                             "child_views", "family_summary", "internal_note" };

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        self->texts[self->n_texts] = views[i];
        self->text_fields[self->n_texts++] = fields[i];
      }
    for (guint i = 0; i < G_N_ELEMENTS (self->need_views) && areas[i] != NULL; i++)
      {
        self->texts[self->n_texts] = self->need_views[i];
        self->text_fields[self->n_texts++] = tandem_plan_area_field (areas[i]);
      }
  }

  empty = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No professionals recorded yet"));
  gtk_widget_add_css_class (empty, "dim-label");
  adw_preferences_group_add (self->professionals_group, empty);
  self->no_professionals_row = empty;

  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);
}

/**
 * tandem_plan_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @store: the database
 * @child: the child whose plan it is
 * @plan: the plan to edit
 *
 * Returns: (transfer none): a new editor, not yet shown
 */
GtkWindow *
tandem_plan_editor_new (GtkWindow   *parent,
                        TandemStore *store,
                        TandemChild *child,
                        TandemPlan  *plan)
{
  TandemPlanEditor *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_CHILD (child), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);

  self = g_object_new (TANDEM_TYPE_PLAN_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->child = g_object_ref (child);
  self->plan = TANDEM_PLAN (tandem_record_copy (TANDEM_RECORD (plan)));

  load (self);
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  return GTK_WINDOW (self);
}
