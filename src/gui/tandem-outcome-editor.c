/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-child.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"
#include "tandem-observation.h"
#include "tandem-outcome-editor.h"
#include "tandem-plans.h"
#include "tandem-strength-picker.h"

/* One provision row in the form. */
typedef struct {
  TandemPlanProvision *record;
  GtkWidget           *row;
  AdwEntryRow         *what;
  AdwEntryRow         *who;
  AdwEntryRow         *how_often;
  AdwEntryRow         *place;
} ProvisionItem;

struct _TandemOutcomeEditor
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwPreferencesGroup *outcome_group;
  AdwComboRow         *term_row;
  AdwComboRow         *area_row;
  AdwEntryRow         *target_row;
  AdwPreferencesGroup *support_group;
  AdwPreferencesGroup *provision_group;
  AdwPreferencesGroup *home_group;
  AdwPreferencesGroup *evidence_group;
  AdwPreferencesGroup *delete_group;

  GtkTextView         *outcome_view;
  GtkTextView         *success_view;
  GtkTextView         *strategies_view;
  GtkTextView         *home_view;

  TandemStore         *store;
  TandemPlan          *plan;
  TandemPlanOutcome   *outcome;     /* the record being edited (a copy) */
  gboolean             is_new;
  char                *suggested;   /* the target date offered, while untouched */
  char                *fingerprint; /* the form as loaded, to spot changes */

  GPtrArray           *provisions;      /* ProvisionItem */
  GPtrArray           *evidence_ids;    /* char *: linked as the form says */
  GPtrArray           *linked_ids;      /* char *: linked in the store */
  GPtrArray           *evidence_rows;
};

G_DEFINE_FINAL_TYPE (TandemOutcomeEditor, tandem_outcome_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
provision_item_free (gpointer data)
{
  ProvisionItem *item = data;

  g_clear_object (&item->record);
  g_free (item);
}

static void
fail (TandemOutcomeEditor *self,
      const char          *message,
      GtkWidget           *row)
{
  tandem_editor_show_error (self->error_revealer, self->error_label, message, row);
}

static GtkStringList *
labels_model (const char         *first,
              const char * const *codes,
              const char *(*label) (const char *code))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
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
term (TandemOutcomeEditor *self)
{
  const char * const *terms = tandem_plan_terms ();
  guint i = adw_combo_row_get_selected (self->term_row);

  return i < g_strv_length ((char **) terms) ? terms[i] : TANDEM_PLAN_TERM_SHORT;
}

/* The area row offers "Not set" first, then the four areas. */
static const char *
area (TandemOutcomeEditor *self)
{
  const char * const *areas = tandem_plan_areas ();
  guint i = adw_combo_row_get_selected (self->area_row);

  return i > 0 && i <= g_strv_length ((char **) areas) ? areas[i - 1] : NULL;
}

static const char *
plan_start (TandemOutcomeEditor *self)
{
  return tandem_record_get_text (TANDEM_RECORD (self->plan), "starts_on");
}

/* A target about a term on: six weeks for a short-term outcome, a year for
 * a long-term one, from the plan's start, or from today when that is
 * already behind us (an outcome added to a plan that started long ago);
 * never before the plan starts. */
static char *
suggest_target (TandemOutcomeEditor *self)
{
  g_autofree char *today = tandem_date_today ();
  const char *start = plan_start (self);
  gboolean is_short = g_strcmp0 (term (self), TANDEM_PLAN_TERM_SHORT) == 0;
  GDate date;

  if (start == NULL || !tandem_date_to_gdate (start, &date))
    tandem_date_to_gdate (today, &date);
  if (is_short)
    g_date_add_days (&date, 42);
  else
    g_date_add_months (&date, 12);

  {
    g_autofree char *target = tandem_date_from_gdate (&date);

    if (strcmp (target, today) >= 0)
      return g_steal_pointer (&target);
  }

  tandem_date_to_gdate (today, &date);
  if (is_short)
    g_date_add_days (&date, 42);
  else
    g_date_add_months (&date, 12);
  return tandem_date_from_gdate (&date);
}

static void
update_title (TandemOutcomeEditor *self)
{
  const char *title;

  if (!self->is_new)
    title = _("Outcome");
  else if (g_strcmp0 (term (self), TANDEM_PLAN_TERM_LONG) == 0)
    title = _("New Long-Term Outcome");
  else
    title = _("New Short-Term Outcome");

  adw_window_title_set_title (self->window_title, title);
  /* The window's own title too: it is what a screen reader announces. */
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
term_changed_cb (TandemOutcomeEditor *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->target_row));

  update_title (self);

  /* A suggestion nobody has changed follows the term. */
  if (self->suggested != NULL && strcmp (typed, self->suggested) == 0)
    {
      g_free (self->suggested);
      self->suggested = suggest_target (self);
      gtk_editable_set_text (GTK_EDITABLE (self->target_row), self->suggested);
    }
}

/* Provision ------------------------------------------------------------- */

static void
remove_provision_cb (GtkButton           *button,
                     TandemOutcomeEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "tandem-row");

  for (guint i = 0; i < self->provisions->len; i++)
    {
      ProvisionItem *item = g_ptr_array_index (self->provisions, i);

      if (item->row == row)
        {
          AdwEntryRow *entries[] = { item->what, item->who, item->how_often, item->place };

          /* The rows may outlive the item a moment: they must not call it. */
          for (guint j = 0; j < G_N_ELEMENTS (entries); j++)
            g_signal_handlers_disconnect_by_data (entries[j], item);
          adw_preferences_group_remove (self->provision_group, row);
          g_ptr_array_remove_index (self->provisions, i);
          return;
        }
    }
}

static void
provision_changed_cb (ProvisionItem *item)
{
  const char *what = gtk_editable_get_text (GTK_EDITABLE (item->what));
  const char *who = gtk_editable_get_text (GTK_EDITABLE (item->who));
  const char *often = gtk_editable_get_text (GTK_EDITABLE (item->how_often));
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row),
                                 what[0] != '\0' ? what : _("New provision"));
  if (who[0] != '\0' && often[0] != '\0')
    /* Translators: a provision's summary: who delivers it · how often. */
    subtitle = g_strdup_printf (_("%s · %s"), who, often);
  else
    subtitle = g_strdup (who[0] != '\0' ? who : often);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (item->row), subtitle);
}

static AdwEntryRow *
provision_entry (ProvisionItem *item,
                 const char    *title,
                 const char    *field)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  tandem_editor_set_entry (ADW_ENTRY_ROW (entry),
                           tandem_record_get_text (TANDEM_RECORD (item->record), field));
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (provision_changed_cb), item);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (item->row), entry);
  return ADW_ENTRY_ROW (entry);
}

static ProvisionItem *
add_provision (TandemOutcomeEditor *self,
               TandemPlanProvision *record)
{
  ProvisionItem *item = g_new0 (ProvisionItem, 1);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  item->record = record != NULL
                 ? TANDEM_PLAN_PROVISION (tandem_record_copy (TANDEM_RECORD (record)))
                 : TANDEM_PLAN_PROVISION (tandem_record_new (TANDEM_TYPE_PLAN_PROVISION));
  item->row = expander;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);

  item->what = provision_entry (item, _("What is provided"), "what");
  item->who = provision_entry (item, _("Who delivers it"), "who");
  item->how_often = provision_entry (item, _("How often, e.g. 3 times a week, 10 minutes"),
                                     "how_often");
  item->place = provision_entry (item, _("Where"), "place");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this provision"));
  tandem_a11y_set_label (remove, _("Remove this provision"));
  g_object_set_data (G_OBJECT (remove), "tandem-row", expander);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_provision_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);

  provision_changed_cb (item);
  adw_preferences_group_add (self->provision_group, expander);
  g_ptr_array_add (self->provisions, item);
  return item;
}

static void
add_provision_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemOutcomeEditor *self = TANDEM_OUTCOME_EDITOR (widget);
  ProvisionItem *item = add_provision (self, NULL);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (item->what));
}

/* Evidence -------------------------------------------------------------- */

static void update_evidence (TandemOutcomeEditor *self);

static void
unlink_cb (GtkButton           *button,
           TandemOutcomeEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "tandem-id");
  guint index;

  if (g_ptr_array_find_with_equal_func (self->evidence_ids, id, g_str_equal, &index))
    g_ptr_array_remove_index (self->evidence_ids, index);
  update_evidence (self);
}

/* The observation's date, and that the family has not seen it when so:
 * evidence may be internal, and a plan shared with the family should not
 * surprise anyone by quoting it. */
static void
set_evidence_subtitle (AdwActionRow *row,
                       TandemRecord *observation,
                       const char   *date)
{
  g_autofree char *subtitle = NULL;

  if (!tandem_record_get_bool (observation, "shared"))
    /* Translators: under an observation linked as evidence: its date, and
     * that the family has not been shown it. */
    subtitle = g_strdup_printf (_("%s · Not shared with the family"), date);
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : date);
}

static void
update_evidence (TandemOutcomeEditor *self)
{
  for (guint i = 0; i < self->evidence_rows->len; i++)
    adw_preferences_group_remove (self->evidence_group,
                                  g_ptr_array_index (self->evidence_rows, i));
  g_ptr_array_set_size (self->evidence_rows, 0);

  for (guint i = 0; i < self->evidence_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->evidence_ids, i);
      g_autoptr(TandemRecord) observation = tandem_store_load (self->store,
                                                               TANDEM_TYPE_OBSERVATION, id, NULL);
      g_autofree char *date = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row, *remove;

      if (observation == NULL)
        continue;

      date = tandem_date_format_long (tandem_record_get_text (observation, "observed_on"));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tandem_record_get_text (observation, "text"));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      set_evidence_subtitle (ADW_ACTION_ROW (row), observation, date);

      remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Unlink"));
      /* Translators: %s is the date of an observation linked as evidence. */
      label = g_strdup_printf (_("Unlink the observation of %s"), date);
      tandem_a11y_set_label (remove, label);
      g_object_set_data_full (G_OBJECT (remove), "tandem-id", g_strdup (id), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (unlink_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->evidence_group, row);
      g_ptr_array_add (self->evidence_rows, row);
    }

  if (self->evidence_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No observations linked yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->evidence_group, row);
      g_ptr_array_add (self->evidence_rows, row);
    }
}

static void
evidence_chosen_cb (TandemOutcomeEditor *self,
                    GStrv                ids)
{
  g_ptr_array_set_size (self->evidence_ids, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (self->evidence_ids, g_strdup (ids[i]));
  update_evidence (self);
}

static void
link_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemOutcomeEditor *self = TANDEM_OUTCOME_EDITOR (widget);
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  GtkWindow *picker;

  for (guint i = 0; i < self->evidence_ids->len; i++)
    g_ptr_array_add (selected, g_ptr_array_index (self->evidence_ids, i));
  g_ptr_array_add (selected, NULL);

  picker = tandem_strength_picker_new_for_evidence (
    GTK_WINDOW (self), self->store,
    tandem_record_get_text (TANDEM_RECORD (self->plan), "child_id"), plan_start (self),
    (const char * const *) selected->pdata);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (evidence_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (picker);
}

/* Loading --------------------------------------------------------------- */

static char *
fingerprint (TandemOutcomeEditor *self)
{
  GString *s = g_string_new (NULL);
  GtkTextView *views[] = { self->outcome_view, self->success_view, self->strategies_view,
                           self->home_view };

  g_string_append_printf (s, "%u %u %s\n", adw_combo_row_get_selected (self->term_row),
                          adw_combo_row_get_selected (self->area_row),
                          gtk_editable_get_text (GTK_EDITABLE (self->target_row)));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *text = tandem_editor_get_notes (views[i]);

      g_string_append_printf (s, "%s\n", text != NULL ? text : "");
    }
  for (guint i = 0; i < self->provisions->len; i++)
    {
      ProvisionItem *item = g_ptr_array_index (self->provisions, i);

      g_string_append_printf (s, "%s\t%s\t%s\t%s\n",
                              gtk_editable_get_text (GTK_EDITABLE (item->what)),
                              gtk_editable_get_text (GTK_EDITABLE (item->who)),
                              gtk_editable_get_text (GTK_EDITABLE (item->how_often)),
                              gtk_editable_get_text (GTK_EDITABLE (item->place)));
    }
  for (guint i = 0; i < self->evidence_ids->len; i++)
    g_string_append_printf (s, "%s ", (char *) g_ptr_array_index (self->evidence_ids, i));

  return g_string_free (s, FALSE);
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemOutcomeEditor *self = TANDEM_OUTCOME_EDITOR (window);
  g_autofree char *now = fingerprint (self);

  return g_strcmp0 (now, self->fingerprint) != 0;
}

static void
load (TandemOutcomeEditor *self)
{
  TandemRecord *record = TANDEM_RECORD (self->outcome);
  const char *id = tandem_record_get_id (record);
  const char *area_code = tandem_record_get_text (record, "area");
  g_autoptr(TandemChild) child = NULL;
  g_autoptr(GError) error = NULL;

  child = tandem_store_load (self->store, TANDEM_TYPE_CHILD,
                             tandem_record_get_text (TANDEM_RECORD (self->plan), "child_id"),
                             NULL);
  if (child != NULL)
    adw_window_title_set_subtitle (self->window_title, tandem_child_get_display_name (child));

  adw_combo_row_set_selected (self->term_row,
                              code_index (tandem_plan_terms (),
                                          tandem_record_get_text (record, "term")));
  adw_combo_row_set_selected (self->area_row,
                              area_code != NULL ? code_index (tandem_plan_areas (), area_code) + 1
                                                : 0);
  tandem_editor_set_notes (self->outcome_view, tandem_record_get_text (record, "outcome"));
  tandem_editor_set_notes (self->success_view,
                           tandem_record_get_text (record, "success_looks_like"));
  tandem_editor_set_notes (self->strategies_view, tandem_record_get_text (record, "strategies"));
  tandem_editor_set_notes (self->home_view, tandem_record_get_text (record, "home_help"));

  if (self->is_new)
    {
      self->suggested = suggest_target (self);
      tandem_editor_set_entry (self->target_row, self->suggested);
    }
  else
    {
      g_autoptr(TandemPlanParts) parts = NULL;
      g_autoptr(GPtrArray) evidence = NULL;

      tandem_editor_set_entry (self->target_row, tandem_record_get_text (record, "target_on"));

      parts = tandem_plans_load_parts (self->store,
                                       tandem_record_get_id (TANDEM_RECORD (self->plan)), &error);
      if (parts != NULL)
        {
          g_autoptr(GPtrArray) provisions = tandem_plan_parts_provisions_for (parts, id);

          for (guint i = 0; i < provisions->len; i++)
            add_provision (self, g_ptr_array_index (provisions, i));
        }
      else
        fail (self, error->message, NULL);
      g_clear_error (&error);

      evidence = tandem_plans_evidence_for_outcome (self->store, id, &error);
      if (evidence == NULL)
        fail (self, error->message, NULL);
      for (guint i = 0; evidence != NULL && i < evidence->len; i++)
        {
          const char *observation_id = tandem_record_get_id (g_ptr_array_index (evidence, i));

          g_ptr_array_add (self->evidence_ids, g_strdup (observation_id));
          g_ptr_array_add (self->linked_ids, g_strdup (observation_id));
        }
    }

  update_title (self);
  update_evidence (self);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !self->is_new);

  g_free (self->fingerprint);
  self->fingerprint = fingerprint (self);
}

/* Saving ---------------------------------------------------------------- */

/* The outcome as the form says, checked; NULL with the problem shown. */
static TandemRecord *
fill_outcome (TandemOutcomeEditor *self)
{
  g_autoptr(TandemRecord) record = tandem_record_copy (TANDEM_RECORD (self->outcome));
  g_autofree char *outcome = tandem_editor_get_notes (self->outcome_view);
  g_autofree char *success = tandem_editor_get_notes (self->success_view);
  g_autofree char *strategies = tandem_editor_get_notes (self->strategies_view);
  g_autofree char *home = tandem_editor_get_notes (self->home_view);
  g_autofree char *target = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (gtk_editable_get_text (GTK_EDITABLE (self->target_row))[0] != '\0' &&
      !tandem_editor_get_date (self->target_row, "2026-12-01", &target, &message))
    {
      fail (self, message, GTK_WIDGET (self->target_row));
      return NULL;
    }

  /* The outcome is one statement: shown on one line in the plan. */
  if (outcome != NULL)
    g_strdelimit (outcome, "\r\n", ' ');

  tandem_record_set_text (record, "plan_id", tandem_record_get_id (TANDEM_RECORD (self->plan)));
  tandem_record_set_text (record, "term", term (self));
  tandem_record_set_text (record, "area", area (self));
  tandem_record_set_text (record, "outcome", outcome);
  tandem_record_set_text (record, "success_looks_like", success);
  tandem_record_set_text (record, "target_on", target);
  tandem_record_set_text (record, "strategies", strategies);
  tandem_record_set_text (record, "home_help", home);

  if (!tandem_record_validate (record, &error))
    {
      const char *field = tandem_editor_error_field (TANDEM_TYPE_PLAN_OUTCOME, error->message);

      fail (self, error->message,
            g_strcmp0 (field, "target_on") == 0 ? GTK_WIDGET (self->target_row)
                                                : GTK_WIDGET (self->outcome_view));
      return NULL;
    }
  if (!tandem_plan_outcome_check_target (TANDEM_PLAN_OUTCOME (record), self->plan, &error))
    {
      fail (self, error->message, GTK_WIDGET (self->target_row));
      return NULL;
    }

  return g_steal_pointer (&record);
}

/* The provision as the form says; FALSE with the problem shown. A row left
 * wholly empty is dropped rather than refused. */
static gboolean
fill_provisions (TandemOutcomeEditor *self,
                 const char          *outcome_id,
                 GPtrArray           *provisions)
{
  for (guint i = 0; i < self->provisions->len; i++)
    {
      ProvisionItem *item = g_ptr_array_index (self->provisions, i);
      g_autoptr(TandemRecord) record = tandem_record_copy (TANDEM_RECORD (item->record));
      g_autofree char *what = tandem_editor_get_entry (item->what);
      g_autofree char *who = tandem_editor_get_entry (item->who);
      g_autofree char *how_often = tandem_editor_get_entry (item->how_often);
      g_autofree char *place = tandem_editor_get_entry (item->place);
      g_autoptr(GError) error = NULL;

      if (what == NULL && who == NULL && how_often == NULL && place == NULL)
        continue;
      if (what == NULL)
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
          fail (self, _("Say what is provided, for each provision."), GTK_WIDGET (item->what));
          return FALSE;
        }

      tandem_record_set_text (record, "outcome_id", outcome_id);
      tandem_record_set_text (record, "what", what);
      tandem_record_set_text (record, "who", who);
      tandem_record_set_text (record, "how_often", how_often);
      tandem_record_set_text (record, "place", place);
      tandem_record_set_int (record, "position", provisions->len);
      if (!tandem_record_validate (record, &error))
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->row), TRUE);
          fail (self, error->message, GTK_WIDGET (item->what));
          return FALSE;
        }
      g_ptr_array_add (provisions, g_steal_pointer (&record));
    }
  return TRUE;
}

/* Where a new outcome goes among the plan's: after the last of its term,
 * or, for the first short-term one, before the long-term ones. */
static guint
new_position (GPtrArray  *outcomes,
              const char *new_term)
{
  guint at = outcomes->len;
  gboolean seen = FALSE;

  for (guint i = 0; i < outcomes->len; i++)
    {
      const char *t = tandem_record_get_text (g_ptr_array_index (outcomes, i), "term");

      if (g_strcmp0 (t, new_term) == 0)
        {
          at = i + 1;
          seen = TRUE;
        }
    }
  if (seen || g_strcmp0 (new_term, TANDEM_PLAN_TERM_SHORT) != 0)
    return at;

  for (guint i = 0; i < outcomes->len; i++)
    if (g_strcmp0 (tandem_record_get_text (g_ptr_array_index (outcomes, i), "term"),
                   TANDEM_PLAN_TERM_LONG) == 0)
      return i;
  return outcomes->len;
}

/* The plan as it is in the store now (the plan page may have saved it since
 * this editor opened), so that saving an outcome never undoes that. */
static TandemPlan *
current_plan (TandemOutcomeEditor *self)
{
  TandemPlan *plan = tandem_store_load (self->store, TANDEM_TYPE_PLAN,
                                        tandem_record_get_id (TANDEM_RECORD (self->plan)), NULL);

  return plan != NULL ? plan
                      : TANDEM_PLAN (tandem_record_copy (TANDEM_RECORD (self->plan)));
}

/* Saves the plan with @outcome in place of the edited one (or added), or
 * without it when @outcome is NULL, with @provisions as its provision. */
static gboolean
save_plan (TandemOutcomeEditor  *self,
           TandemRecord         *outcome,
           GPtrArray            *provisions,
           GError              **error)
{
  const char *id = tandem_record_get_id (TANDEM_RECORD (self->outcome));
  g_autoptr(TandemPlan) plan = current_plan (self);
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all_provisions = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean found = FALSE;

  parts = tandem_plans_load_parts (self->store, tandem_record_get_id (TANDEM_RECORD (plan)),
                                   error);
  if (parts == NULL)
    return FALSE;

  for (guint i = 0; i < parts->outcomes->len; i++)
    {
      TandemRecord *other = g_ptr_array_index (parts->outcomes, i);

      if (g_strcmp0 (tandem_record_get_id (other), id) == 0)
        {
          found = TRUE;
          if (outcome != NULL)
            g_ptr_array_add (outcomes, g_object_ref (outcome));
        }
      else
        g_ptr_array_add (outcomes, g_object_ref (other));
    }
  if (!found && outcome != NULL)
    g_ptr_array_insert (outcomes,
                        new_position (outcomes, tandem_record_get_text (outcome, "term")),
                        g_object_ref (outcome));

  /* Provision goes grouped by outcome, in the outcomes' order. */
  for (guint i = 0; i < outcomes->len; i++)
    {
      TandemRecord *o = g_ptr_array_index (outcomes, i);
      const char *oid = tandem_record_get_id (o);

      if (o == outcome)
        {
          for (guint j = 0; j < provisions->len; j++)
            g_ptr_array_add (all_provisions, g_object_ref (g_ptr_array_index (provisions, j)));
        }
      else
        {
          g_autoptr(GPtrArray) theirs = tandem_plan_parts_provisions_for (parts, oid);

          for (guint j = 0; j < theirs->len; j++)
            g_ptr_array_add (all_provisions, g_object_ref (g_ptr_array_index (theirs, j)));
        }
    }

  g_ptr_array_set_size (parts->outcomes, 0);
  g_ptr_array_extend_and_steal (parts->outcomes, g_steal_pointer (&outcomes));
  g_ptr_array_set_size (parts->provisions, 0);
  g_ptr_array_extend_and_steal (parts->provisions, g_steal_pointer (&all_provisions));

  return tandem_plans_save (self->store, plan, parts, error);
}

/* Links what was ticked and unlinks what was taken off, every link of an
 * observation to this outcome (a review's too: the person said it is not
 * evidence for it). */
static gboolean
save_evidence (TandemOutcomeEditor  *self,
               const char           *outcome_id,
               GError              **error)
{
  for (guint i = 0; i < self->evidence_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->evidence_ids, i);
      g_autoptr(TandemPlanEvidence) link = NULL;

      if (g_ptr_array_find_with_equal_func (self->linked_ids, id, g_str_equal, NULL))
        continue;
      link = tandem_plans_link_evidence (self->store, outcome_id, id, error);
      if (link == NULL)
        return FALSE;
    }

  for (guint i = 0; i < self->linked_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->linked_ids, i);
      const char *params[] = { outcome_id, id, NULL };
      g_autoptr(GPtrArray) links = NULL;

      if (g_ptr_array_find_with_equal_func (self->evidence_ids, id, g_str_equal, NULL))
        continue;
      links = tandem_store_list (self->store, TANDEM_TYPE_PLAN_EVIDENCE,
                                 "outcome_id = ?1 AND observation_id = ?2", params, error);
      if (links == NULL)
        return FALSE;
      for (guint j = 0; j < links->len; j++)
        if (!tandem_plans_unlink_evidence (self->store,
                                           tandem_record_get_id (g_ptr_array_index (links, j)),
                                           error))
          return FALSE;
    }

  return TRUE;
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemOutcomeEditor *self = TANDEM_OUTCOME_EDITOR (widget);
  g_autoptr(TandemRecord) outcome = NULL;
  g_autoptr(GPtrArray) provisions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);
  tandem_editor_set_row_error (GTK_WIDGET (self->outcome_view), FALSE);

  outcome = fill_outcome (self);
  if (outcome == NULL)
    return;
  if (!fill_provisions (self, tandem_record_get_id (outcome), provisions))
    return;

  /* The outcome and its evidence together, or neither. */
  if (!tandem_store_begin (self->store, &error))
    {
      fail (self, error->message, NULL);
      return;
    }
  if (!save_plan (self, outcome, provisions, &error) ||
      !save_evidence (self, tandem_record_get_id (outcome), &error))
    {
      const char *field = tandem_editor_error_field (TANDEM_TYPE_PLAN_OUTCOME, error->message);

      tandem_store_rollback (self->store);
      fail (self, error->message,
            g_strcmp0 (field, "target_on") == 0 ? GTK_WIDGET (self->target_row) : NULL);
      return;
    }
  /* A failed commit has rolled back already. */
  if (!tandem_store_commit (self->store, &error))
    {
      fail (self, error->message, NULL);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, outcome);
  tandem_editor_close_saved (GTK_WINDOW (self));
}

/* Deleting -------------------------------------------------------------- */

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    TandemOutcomeEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  id = g_strdup (tandem_record_get_id (TANDEM_RECORD (self->outcome)));
  if (!save_plan (self, NULL, NULL, &error))
    {
      fail (self, error->message, NULL);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, id);
  tandem_editor_close_saved (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemOutcomeEditor *self = TANDEM_OUTCOME_EDITOR (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Outcome?"),
                                   _("Its provision and evidence links go with it. Earlier "
                                     "versions of the plan still show it as it was."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  /* Deleting closes the editor while the dialog is still answering. */
  g_object_set_data_full (G_OBJECT (dialog), "tandem-editor", g_object_ref (self),
                          g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject --------------------------------------------------------------- */

static void
tandem_outcome_editor_dispose (GObject *object)
{
  TandemOutcomeEditor *self = TANDEM_OUTCOME_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_OUTCOME_EDITOR);
  /* After the widgets: their handlers hold the items. */
  g_clear_pointer (&self->provisions, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_outcome_editor_parent_class)->dispose (object);
}

static void
tandem_outcome_editor_finalize (GObject *object)
{
  TandemOutcomeEditor *self = TANDEM_OUTCOME_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->outcome);
  g_free (self->suggested);
  g_free (self->fingerprint);
  g_ptr_array_unref (self->evidence_ids);
  g_ptr_array_unref (self->linked_ids);
  g_ptr_array_unref (self->evidence_rows);

  G_OBJECT_CLASS (tandem_outcome_editor_parent_class)->finalize (object);
}

static void
tandem_outcome_editor_class_init (TandemOutcomeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_outcome_editor_dispose;
  object_class->finalize = tandem_outcome_editor_finalize;

  /**
   * TandemOutcomeEditor::saved:
   * @outcome: the outcome as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_PLAN_OUTCOME);
  /**
   * TandemOutcomeEditor::deleted:
   * @outcome_id: the outcome the plan was saved without
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  tandem_editor_class_setup (widget_class, "/app/tandem/Tandem/tandem-outcome-editor.ui",
                             save_cb);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, term_row);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, support_group);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, provision_group);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, home_group);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, TandemOutcomeEditor, delete_group);

  gtk_widget_class_install_action (widget_class, "editor.add-provision", NULL,
                                   add_provision_action);
  gtk_widget_class_install_action (widget_class, "editor.link-evidence", NULL,
                                   link_evidence_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
}

static void
tandem_outcome_editor_init (TandemOutcomeEditor *self)
{
  g_autoptr(GtkStringList) terms = NULL;
  g_autoptr(GtkStringList) areas = NULL;

  self->provisions = g_ptr_array_new_with_free_func (provision_item_free);
  self->evidence_ids = g_ptr_array_new_with_free_func (g_free);
  self->linked_ids = g_ptr_array_new_with_free_func (g_free);
  self->evidence_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  terms = labels_model (NULL, tandem_plan_terms (), tandem_plan_term_label);
  areas = labels_model (_("Not set"), tandem_plan_areas (), tandem_plan_area_label);
  adw_combo_row_set_model (self->term_row, G_LIST_MODEL (terms));
  adw_combo_row_set_model (self->area_row, G_LIST_MODEL (areas));
  tandem_editor_add_date_hint (self->target_row);

  self->outcome_view = tandem_editor_add_text_box (self->outcome_group, _("What the child will be able to do"),
                                     _("One thing, in words the family will recognise."));
  self->success_view = tandem_editor_add_text_box (self->outcome_group, _("How success will be recognised"),
                                     _("What you and the family will see when it is achieved."));
  self->strategies_view = tandem_editor_add_text_box (self->support_group, _("Strategies"),
                                        _("How the adults around the child will help, day to "
                                          "day."));
  self->home_view = tandem_editor_add_text_box (self->home_group, _("How the family can help at home"),
                                  _("Ideas that fit the family’s own routines, in plain words."));

  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);
}

/**
 * tandem_outcome_editor_new:
 * @parent: (nullable): the window it is for
 * @store: the database
 * @plan: the plan the outcome belongs to
 * @outcome: (nullable): the outcome to edit; %NULL writes a new one
 * @term: (nullable): for a new outcome, its term (TANDEM_PLAN_TERM_*)
 *
 * Returns: (transfer none): a new editor, not yet shown
 */
GtkWindow *
tandem_outcome_editor_new (GtkWindow         *parent,
                           TandemStore       *store,
                           TandemPlan        *plan,
                           TandemPlanOutcome *outcome,
                           const char        *term)
{
  TandemOutcomeEditor *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (outcome == NULL || TANDEM_IS_PLAN_OUTCOME (outcome), NULL);

  self = g_object_new (TANDEM_TYPE_OUTCOME_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->plan = TANDEM_PLAN (tandem_record_copy (TANDEM_RECORD (plan)));
  self->is_new = outcome == NULL;
  if (outcome != NULL)
    self->outcome = TANDEM_PLAN_OUTCOME (tandem_record_copy (TANDEM_RECORD (outcome)));
  else
    {
      self->outcome = TANDEM_PLAN_OUTCOME (tandem_record_new (TANDEM_TYPE_PLAN_OUTCOME));
      tandem_record_set_text (TANDEM_RECORD (self->outcome), "term",
                              g_strcmp0 (term, TANDEM_PLAN_TERM_LONG) == 0
                              ? TANDEM_PLAN_TERM_LONG : TANDEM_PLAN_TERM_SHORT);
    }

  load (self);
  g_signal_connect_swapped (self->term_row, "notify::selected", G_CALLBACK (term_changed_cb),
                            self);
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  return GTK_WINDOW (self);
}
