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
#include "tandem-meetings.h"
#include "tandem-observation.h"
#include "tandem-plans.h"
#include "tandem-review-editor.h"
#include "tandem-strength-picker.h"

/* How far from the review's date a meeting is offered as the one where it
 * was held: a review is written up within the month, or prepared for one. */
#define MEETING_WINDOW_DAYS 30
/* The next review, about a term on. */
#define NEXT_REVIEW_DAYS 84

/* One outcome in the form: its rating, comment and evidence. */
typedef struct {
  TandemReviewEditor *self;
  TandemPlanOutcome  *outcome;
  TandemPlanProgress *progress;      /* this review's rating when editing, or NULL */
  AdwComboRow        *progress_row;
  GtkTextView        *comment;
  GtkListBox         *evidence_list;
  GPtrArray          *evidence_ids;  /* char *: linked as the form says */
  GPtrArray          *evidence_rows;
} OutcomeItem;

struct _TandemReviewEditor
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwEntryRow         *date_row;
  AdwComboRow         *meeting_row;
  GtkBox              *outcomes_box;
  AdwPreferencesGroup *views_group;
  AdwPreferencesGroup *next_group;
  AdwEntryRow         *next_row;
  AdwPreferencesGroup *staff_group;

  GtkTextView         *family_view;
  GtkTextView         *child_view;
  GtkTextView         *next_steps_view;
  GtkTextView         *note_view;

  TandemStore         *store;
  TandemPlan          *plan;
  TandemPlanReview    *review;        /* the record being edited (a copy) */
  gboolean             is_new;
  char                *today;
  char                *suggested_next; /* the next review offered, while untouched */
  char                *fingerprint;    /* the form as loaded, to spot changes */

  GPtrArray           *items;          /* OutcomeItem */
  GHashTable          *links;          /* "outcome\tobservation" → TandemPlanEvidence */
  GPtrArray           *meetings;       /* TandemMeeting, the child's */
  GPtrArray           *offered;        /* char *: meeting ids in the combo; NULL first */
  char                *meeting_id;     /* the meeting chosen */
  gboolean             meeting_chosen; /* picked by the person, not suggested */
  gboolean             filling_meetings;
};

G_DEFINE_FINAL_TYPE (TandemReviewEditor, tandem_review_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
outcome_item_free (gpointer data)
{
  OutcomeItem *item = data;

  g_clear_object (&item->outcome);
  g_clear_object (&item->progress);
  g_ptr_array_unref (item->evidence_ids);
  g_ptr_array_unref (item->evidence_rows);
  g_free (item);
}

static const char *
today (TandemReviewEditor *self)
{
  if (self->today == NULL)
    self->today = tandem_date_today ();
  return self->today;
}

static void
fail (TandemReviewEditor *self,
      const char         *message,
      GtkWidget          *row)
{
  tandem_editor_show_error (self->error_revealer, self->error_label, message, row);
}

static char *
link_key (const char *outcome_id,
          const char *observation_id)
{
  return g_strconcat (outcome_id, "\t", observation_id, NULL);
}

static GtkWidget *
framed (GtkTextView *view)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (view));
  gtk_widget_add_css_class (frame, "view");
  return frame;
}

static GtkWidget *
small_label (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, style);
  return label;
}

/* Dates ----------------------------------------------------------------- */

static char *
add_days (const char *iso,
          int         days)
{
  GDate date;

  if (iso == NULL || !tandem_date_to_gdate (iso, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return tandem_date_from_gdate (&date);
}

/* The review's date as typed, or NULL while it is not a date. */
static char *
held_on (TandemReviewEditor *self)
{
  g_autofree char *iso = NULL;

  if (!tandem_editor_get_date (self->date_row, "2026-12-01", &iso, NULL))
    return NULL;
  return g_steal_pointer (&iso);
}

/* Meetings -------------------------------------------------------------- */

static void
fill_meetings (TandemReviewEditor *self)
{
  g_autofree char *date = held_on (self);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) near = g_ptr_array_new ();
  const char *wanted = self->meeting_id;
  guint selected = 0;

  if (date == NULL)
    return;

  from = add_days (date, -MEETING_WINDOW_DAYS);
  to = add_days (date, MEETING_WINDOW_DAYS);

  /* Unless the person chose, the review was held at the meeting held (or
   * planned) on its day, when there was one. */
  if (!self->meeting_chosen)
    {
      wanted = NULL;
      for (guint i = 0; i < self->meetings->len; i++)
        {
          TandemRecord *meeting = g_ptr_array_index (self->meetings, i);

          if (g_strcmp0 (tandem_record_get_text (meeting, "meets_on"), date) == 0 &&
              g_strcmp0 (tandem_record_get_text (meeting, "status"),
                         TANDEM_MEETING_CANCELLED) != 0)
            {
              wanted = tandem_record_get_id (meeting);
              break;
            }
        }
    }

  for (guint i = 0; i < self->meetings->len; i++)
    {
      TandemRecord *meeting = g_ptr_array_index (self->meetings, i);
      const char *on = tandem_record_get_text (meeting, "meets_on");
      gboolean is_wanted = g_strcmp0 (tandem_record_get_id (meeting), wanted) == 0;

      if (!is_wanted &&
          (g_strcmp0 (tandem_record_get_text (meeting, "status"),
                      TANDEM_MEETING_CANCELLED) == 0 ||
           g_strcmp0 (on, from) < 0 || g_strcmp0 (on, to) > 0))
        continue;
      g_ptr_array_add (near, meeting);
    }

  g_ptr_array_set_size (self->offered, 0);
  g_ptr_array_add (self->offered, NULL);
  gtk_string_list_append (labels, _("No meeting"));
  for (guint i = 0; i < near->len; i++)
    {
      TandemRecord *meeting = g_ptr_array_index (near, i);
      g_autofree char *long_date = tandem_date_format_long (tandem_record_get_text (meeting,
                                                                                    "meets_on"));
      /* Translators: a meeting offered as where a review was held: its
       * kind, its date and whether it was held, e.g. "Progress review ·
       * 3 March 2026 · Held". */
      g_autofree char *label = g_strdup_printf (_("%s · %s · %s"),
                                                tandem_meeting_kind_label (
                                                  tandem_record_get_text (meeting, "kind")),
                                                long_date,
                                                tandem_meeting_status_label (
                                                  tandem_record_get_text (meeting, "status")));

      if (g_strcmp0 (tandem_record_get_id (meeting), wanted) == 0)
        selected = self->offered->len;
      g_ptr_array_add (self->offered, g_strdup (tandem_record_get_id (meeting)));
      gtk_string_list_append (labels, label);
    }

  self->filling_meetings = TRUE;
  adw_combo_row_set_model (self->meeting_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->meeting_row, selected);
  self->filling_meetings = FALSE;

  g_free (self->meeting_id);
  self->meeting_id = g_strdup (g_ptr_array_index (self->offered, selected));
}

static void
meeting_changed_cb (TandemReviewEditor *self)
{
  guint i = adw_combo_row_get_selected (self->meeting_row);

  if (self->filling_meetings || i >= self->offered->len)
    return;

  g_free (self->meeting_id);
  self->meeting_id = g_strdup (g_ptr_array_index (self->offered, i));
  self->meeting_chosen = TRUE;
}

static void
date_changed_cb (TandemReviewEditor *self)
{
  g_autofree char *date = held_on (self);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->next_row));

  if (date == NULL)
    return;

  fill_meetings (self);

  /* A suggested next review nobody changed follows the date. */
  if (self->suggested_next != NULL && strcmp (typed, self->suggested_next) == 0)
    {
      g_free (self->suggested_next);
      self->suggested_next = add_days (date, NEXT_REVIEW_DAYS);
      gtk_editable_set_text (GTK_EDITABLE (self->next_row), self->suggested_next);
    }
}

/* Outcomes -------------------------------------------------------------- */

static void update_evidence (OutcomeItem *item);

static void
unlink_cb (GtkButton   *button,
           OutcomeItem *item)
{
  const char *id = g_object_get_data (G_OBJECT (button), "tandem-id");
  guint index;

  if (g_ptr_array_find_with_equal_func (item->evidence_ids, id, g_str_equal, &index))
    g_ptr_array_remove_index (item->evidence_ids, index);
  update_evidence (item);
}

static void
update_evidence (OutcomeItem *item)
{
  TandemStore *store = item->self->store;

  for (guint i = 0; i < item->evidence_rows->len; i++)
    gtk_list_box_remove (item->evidence_list, g_ptr_array_index (item->evidence_rows, i));
  g_ptr_array_set_size (item->evidence_rows, 0);

  for (guint i = 0; i < item->evidence_ids->len; i++)
    {
      const char *id = g_ptr_array_index (item->evidence_ids, i);
      g_autoptr(TandemRecord) observation = tandem_store_load (store, TANDEM_TYPE_OBSERVATION,
                                                               id, NULL);
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
      if (!tandem_record_get_bool (observation, "shared"))
        {
          /* Translators: under an observation linked as evidence: its date,
           * and that the family has not been shown it. */
          g_autofree char *subtitle = g_strdup_printf (_("%s · Not shared with the family"),
                                                       date);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);

      remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Unlink"));
      /* Translators: %s is the date of an observation linked as evidence. */
      label = g_strdup_printf (_("Unlink the observation of %s"), date);
      tandem_a11y_set_label (remove, label);
      g_object_set_data_full (G_OBJECT (remove), "tandem-id", g_strdup (id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (unlink_cb), item);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (item->evidence_list, row);
      g_ptr_array_add (item->evidence_rows, row);
    }

  if (item->evidence_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No observations linked"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (item->evidence_list, row);
      g_ptr_array_add (item->evidence_rows, row);
    }
}

static void
evidence_chosen_cb (GtkWindow          *picker,
                    GStrv               ids,
                    TandemReviewEditor *self)
{
  OutcomeItem *item = g_object_get_data (G_OBJECT (picker), "tandem-item");

  g_ptr_array_set_size (item->evidence_ids, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (item->evidence_ids, g_strdup (ids[i]));
  update_evidence (item);
}

static void
link_clicked_cb (GtkButton   *button,
                 OutcomeItem *item)
{
  TandemReviewEditor *self = item->self;
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  GtkWindow *picker;

  for (guint i = 0; i < item->evidence_ids->len; i++)
    g_ptr_array_add (selected, g_ptr_array_index (item->evidence_ids, i));
  g_ptr_array_add (selected, NULL);

  picker = tandem_strength_picker_new_for_evidence (
    GTK_WINDOW (self), self->store,
    tandem_record_get_text (TANDEM_RECORD (self->plan), "child_id"),
    tandem_record_get_text (TANDEM_RECORD (self->plan), "starts_on"),
    (const char * const *) selected->pdata);
  /* The item lives as long as the editor, which may go first. */
  g_object_set_data (G_OBJECT (picker), "tandem-item", item);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (evidence_chosen_cb), self, 0);
  gtk_window_present (picker);
}

/* The line under an outcome: its term, target and the last rating. */
static char *
outcome_details (TandemPlanOutcome *outcome,
                 const char        *last_progress)
{
  TandemRecord *record = TANDEM_RECORD (outcome);
  const char *target = tandem_record_get_text (record, "target_on");
  const char *term = tandem_record_get_text (record, "term");
  GString *s = g_string_new (g_strcmp0 (term, TANDEM_PLAN_TERM_LONG) == 0
                             ? _("Long-term") : _("Short-term"));

  if (target != NULL)
    {
      g_autofree char *long_date = tandem_date_format_long (target);

      /* Translators: after an outcome's term, e.g. "Short-term · target 3 March 2026". */
      g_string_append_printf (s, _(" · target %s"), long_date);
    }
  if (last_progress != NULL)
    /* Translators: after an outcome's term, how it was rated at the
     * previous review, e.g. " · last review: Emerging". */
    g_string_append_printf (s, _(" · last review: %s"),
                            tandem_plan_progress_label (last_progress));
  return g_string_free (s, FALSE);
}

static OutcomeItem *
add_outcome (TandemReviewEditor *self,
             TandemPlanOutcome  *outcome,
             const char         *last_progress)
{
  OutcomeItem *item = g_new0 (OutcomeItem, 1);
  const char *text = tandem_record_get_text (TANDEM_RECORD (outcome), "outcome");
  const char * const *levels = tandem_plan_progress_levels ();
  g_autoptr(GtkStringList) scale = gtk_string_list_new (NULL);
  g_autofree char *details = outcome_details (outcome, last_progress);
  g_autofree char *progress_name = NULL;
  g_autofree char *comment_name = NULL;
  g_autofree char *link_name = NULL;
  g_autofree char *evidence_name = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_combo_row_new ();
  GtkWidget *evidence_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *evidence_label = small_label (_("Evidence"), "heading");
  GtkWidget *link = gtk_button_new ();
  GtkWidget *link_content = adw_button_content_new ();

  item->self = self;
  item->outcome = g_object_ref (outcome);
  item->evidence_ids = g_ptr_array_new_with_free_func (g_free);
  item->evidence_rows = g_ptr_array_new ();

  gtk_box_append (GTK_BOX (box), small_label (text, "title-4"));
  {
    GtkWidget *details_label = small_label (details, "caption");

    gtk_widget_add_css_class (details_label, "dim-label");
    gtk_widget_set_margin_bottom (details_label, 6);
    gtk_box_append (GTK_BOX (box), details_label);
  }

  /* Progress on the fixed scale, or none yet. */
  gtk_string_list_append (scale, _("Not rated"));
  for (guint i = 0; levels[i] != NULL; i++)
    gtk_string_list_append (scale, tandem_plan_progress_label (levels[i]));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Progress"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (scale));
  /* Translators: the accessible name of an outcome's rating; %s is the outcome. */
  progress_name = g_strdup_printf (_("Progress for %s"), text);
  tandem_a11y_set_label (row, progress_name);
  item->progress_row = ADW_COMBO_ROW (row);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);

  /* Translators: the accessible name of the comment on an outcome's
   * progress; %s is the outcome. */
  comment_name = g_strdup_printf (_("Comment on %s"), text);
  item->comment = tandem_editor_text_view_new (comment_name, 60);
  {
    GtkWidget *label = small_label (_("Comment"), "heading");

    gtk_widget_set_margin_top (label, 6);
    gtk_box_append (GTK_BOX (box), label);
  }
  gtk_box_append (GTK_BOX (box), framed (item->comment));

  gtk_widget_set_margin_top (evidence_header, 6);
  gtk_widget_set_hexpand (evidence_label, TRUE);
  gtk_box_append (GTK_BOX (evidence_header), evidence_label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (link_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (link_content), _("Link Observations…"));
  gtk_button_set_child (GTK_BUTTON (link), link_content);
  gtk_widget_add_css_class (link, "flat");
  gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of the button that links observations
   * as evidence for an outcome; %s is the outcome. */
  link_name = g_strdup_printf (_("Link observations for %s"), text);
  tandem_a11y_set_label (link, link_name);
  g_signal_connect (link, "clicked", G_CALLBACK (link_clicked_cb), item);
  gtk_box_append (GTK_BOX (evidence_header), link);
  gtk_box_append (GTK_BOX (box), evidence_header);

  item->evidence_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (item->evidence_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (item->evidence_list), "boxed-list");
  /* Translators: the accessible name of the evidence list of an outcome;
   * %s is the outcome. */
  evidence_name = g_strdup_printf (_("Evidence for %s"), text);
  tandem_a11y_set_label (GTK_WIDGET (item->evidence_list), evidence_name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (item->evidence_list));

  gtk_box_append (self->outcomes_box, box);
  g_ptr_array_add (self->items, item);
  return item;
}

/* Loading --------------------------------------------------------------- */

static char *
fingerprint (TandemReviewEditor *self)
{
  GString *s = g_string_new (NULL);
  GtkTextView *views[] = { self->family_view, self->child_view, self->next_steps_view,
                           self->note_view };

  g_string_append_printf (s, "%s\n%s\n%s\n", gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->next_row)),
                          self->meeting_id != NULL ? self->meeting_id : "");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *text = tandem_editor_get_notes (views[i]);

      g_string_append_printf (s, "%s\n", text != NULL ? text : "");
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      OutcomeItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *comment = tandem_editor_get_notes (item->comment);

      g_string_append_printf (s, "%u %s\n", adw_combo_row_get_selected (item->progress_row),
                              comment != NULL ? comment : "");
      for (guint j = 0; j < item->evidence_ids->len; j++)
        g_string_append_printf (s, "%s ", (char *) g_ptr_array_index (item->evidence_ids, j));
      g_string_append_c (s, '\n');
    }

  return g_string_free (s, FALSE);
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemReviewEditor *self = TANDEM_REVIEW_EDITOR (window);
  g_autofree char *now = fingerprint (self);

  return g_strcmp0 (now, self->fingerprint) != 0;
}

static void
remember (TandemReviewEditor *self)
{
  g_free (self->fingerprint);
  self->fingerprint = fingerprint (self);
}

/* The ratings of the review before this one: outcome id → progress code. */
static GHashTable *
previous_ratings (TandemReviewEditor *self)
{
  GHashTable *ratings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *this_id = tandem_record_get_id (TANDEM_RECORD (self->review));
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;

  reviews = tandem_plans_reviews (self->store, tandem_record_get_id (TANDEM_RECORD (self->plan)),
                                  &error);
  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      TandemRecord *review = g_ptr_array_index (reviews, i);
      g_autoptr(TandemPlanReviewParts) parts = NULL;

      if (g_strcmp0 (tandem_record_get_id (review), this_id) == 0)
        continue;

      parts = tandem_plans_load_review_parts (self->store, tandem_record_get_id (review), NULL);
      for (guint j = 0; parts != NULL && j < parts->progress->len; j++)
        {
          TandemRecord *progress = g_ptr_array_index (parts->progress, j);

          g_hash_table_insert (ratings, g_strdup (tandem_record_get_text (progress, "outcome_id")),
                               g_strdup (tandem_record_get_text (progress, "progress")));
        }
      break;
    }
  return ratings;
}

static void
remember_link (TandemReviewEditor *self,
               TandemRecord       *link)
{
  g_hash_table_insert (self->links,
                       link_key (tandem_record_get_text (link, "outcome_id"),
                                 tandem_record_get_text (link, "observation_id")),
                       g_object_ref (link));
}

static void
load_outcomes (TandemReviewEditor *self)
{
  const char *plan_id = tandem_record_get_id (TANDEM_RECORD (self->plan));
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanReviewParts) review_parts = NULL;
  g_autoptr(GHashTable) last = previous_ratings (self);
  g_autoptr(GError) error = NULL;

  parts = tandem_plans_load_parts (self->store, plan_id, &error);
  if (parts == NULL)
    {
      fail (self, error->message, NULL);
      return;
    }
  if (!self->is_new)
    {
      review_parts = tandem_plans_load_review_parts (
        self->store, tandem_record_get_id (TANDEM_RECORD (self->review)), &error);
      if (review_parts == NULL)
        {
          fail (self, error->message, NULL);
          g_clear_error (&error);
        }
    }

  /* Short-term outcomes first, then long-term, each in the plan's order. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < parts->outcomes->len; i++)
      {
        TandemPlanOutcome *outcome = g_ptr_array_index (parts->outcomes, i);
        const char *id = tandem_record_get_id (TANDEM_RECORD (outcome));
        gboolean is_long = g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (outcome), "term"),
                                      TANDEM_PLAN_TERM_LONG) == 0;
        const char *params[] = { id, NULL };
        g_autoptr(GPtrArray) between = NULL;
        OutcomeItem *item;

        if (is_long != (pass == 1))
          continue;

        item = add_outcome (self, outcome, g_hash_table_lookup (last, id));

        /* What this review said of it, when editing. */
        for (guint j = 0; review_parts != NULL && j < review_parts->progress->len; j++)
          {
            TandemRecord *progress = g_ptr_array_index (review_parts->progress, j);

            if (g_strcmp0 (tandem_record_get_text (progress, "outcome_id"), id) != 0)
              continue;
            item->progress = TANDEM_PLAN_PROGRESS (g_object_ref (progress));
            adw_combo_row_set_selected (
              item->progress_row,
              tandem_plan_progress_rank (tandem_record_get_text (progress, "progress")) + 1);
            tandem_editor_set_notes (item->comment, tandem_record_get_text (progress, "comment"));
          }
        for (guint j = 0; review_parts != NULL && j < review_parts->evidence->len; j++)
          {
            TandemRecord *link = g_ptr_array_index (review_parts->evidence, j);
            const char *observation_id = tandem_record_get_text (link, "observation_id");

            if (g_strcmp0 (tandem_record_get_text (link, "outcome_id"), id) != 0 ||
                g_ptr_array_find_with_equal_func (item->evidence_ids, observation_id,
                                                  g_str_equal, NULL))
              continue;
            g_ptr_array_add (item->evidence_ids, g_strdup (observation_id));
            remember_link (self, link);
          }

        /* Evidence linked since the last review comes into this one. */
        between = tandem_store_list (self->store, TANDEM_TYPE_PLAN_EVIDENCE,
                                     "outcome_id = ?1 AND review_id IS NULL", params, NULL);
        for (guint j = 0; between != NULL && j < between->len; j++)
          {
            TandemRecord *link = g_ptr_array_index (between, j);
            const char *observation_id = tandem_record_get_text (link, "observation_id");

            if (g_ptr_array_find_with_equal_func (item->evidence_ids, observation_id,
                                                  g_str_equal, NULL))
              continue;
            g_ptr_array_add (item->evidence_ids, g_strdup (observation_id));
            remember_link (self, link);
          }

        update_evidence (item);
      }

  if (self->items->len == 0)
    {
      GtkWidget *label = small_label (_("The plan has no outcomes yet: write them on the plan "
                                        "first, then rate progress here."), "dim-label");

      gtk_box_append (self->outcomes_box, label);
    }
}

static void
load (TandemReviewEditor *self)
{
  TandemRecord *record = TANDEM_RECORD (self->review);
  g_autoptr(TandemChild) child = NULL;
  g_autoptr(GError) error = NULL;
  const char *title;

  child = tandem_store_load (self->store, TANDEM_TYPE_CHILD,
                             tandem_record_get_text (TANDEM_RECORD (self->plan), "child_id"),
                             NULL);
  if (child != NULL)
    adw_window_title_set_subtitle (self->window_title, tandem_child_get_display_name (child));
  title = self->is_new ? _("Review the Plan") : _("Review");
  adw_window_title_set_title (self->window_title, title);
  /* The window's own title too: it is what a screen reader announces. */
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->meetings = child != NULL
                   ? tandem_meetings_for_child (self->store,
                                                tandem_record_get_id (TANDEM_RECORD (child)),
                                                &error)
                   : NULL;
  if (self->meetings == NULL)
    self->meetings = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->is_new)
    {
      tandem_editor_set_entry (self->date_row, today (self));
      self->suggested_next = add_days (today (self), NEXT_REVIEW_DAYS);
      tandem_editor_set_entry (self->next_row, self->suggested_next);
    }
  else
    {
      tandem_editor_set_entry (self->date_row, tandem_record_get_text (record, "held_on"));
      tandem_editor_set_entry (self->next_row, tandem_record_get_text (record, "next_review_on"));
      self->meeting_id = g_strdup (tandem_record_get_text (record, "meeting_id"));
      self->meeting_chosen = TRUE;
    }
  fill_meetings (self);

  tandem_editor_set_notes (self->family_view, tandem_record_get_text (record, "family_views"));
  tandem_editor_set_notes (self->child_view, tandem_record_get_text (record, "child_views"));
  tandem_editor_set_notes (self->next_steps_view, tandem_record_get_text (record, "next_steps"));
  tandem_editor_set_notes (self->note_view, tandem_record_get_text (record, "internal_note"));

  load_outcomes (self);

  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (date_changed_cb), self);
  g_signal_connect_swapped (self->meeting_row, "notify::selected",
                            G_CALLBACK (meeting_changed_cb), self);
  remember (self);
}

/* Saving ---------------------------------------------------------------- */

static gboolean
fill_review (TandemReviewEditor *self,
             TandemRecord       *record)
{
  g_autofree char *date = NULL;
  g_autofree char *next = NULL;
  g_autofree char *message = NULL;
  g_autofree char *family = tandem_editor_get_notes (self->family_view);
  g_autofree char *child = tandem_editor_get_notes (self->child_view);
  g_autofree char *next_steps = tandem_editor_get_notes (self->next_steps_view);
  g_autofree char *note = tandem_editor_get_notes (self->note_view);
  g_autoptr(GError) error = NULL;

  if (gtk_editable_get_text (GTK_EDITABLE (self->date_row))[0] == '\0')
    {
      fail (self, _("Choose the date of the review."), GTK_WIDGET (self->date_row));
      return FALSE;
    }
  if (!tandem_editor_get_date (self->date_row, "2026-12-01", &date, &message))
    {
      fail (self, message, GTK_WIDGET (self->date_row));
      return FALSE;
    }
  if (gtk_editable_get_text (GTK_EDITABLE (self->next_row))[0] != '\0' &&
      !tandem_editor_get_date (self->next_row, "2027-03-01", &next, &message))
    {
      fail (self, message, GTK_WIDGET (self->next_row));
      return FALSE;
    }

  tandem_record_set_text (record, "plan_id", tandem_record_get_id (TANDEM_RECORD (self->plan)));
  tandem_record_set_text (record, "held_on", date);
  tandem_record_set_text (record, "meeting_id", self->meeting_id);
  tandem_record_set_text (record, "family_views", family);
  tandem_record_set_text (record, "child_views", child);
  tandem_record_set_text (record, "next_steps", next_steps);
  tandem_record_set_text (record, "next_review_on", next);
  tandem_record_set_text (record, "internal_note", note);

  if (!tandem_record_validate (record, &error))
    {
      const char *field = tandem_editor_error_field (TANDEM_TYPE_PLAN_REVIEW, error->message);

      fail (self, error->message,
            g_strcmp0 (field, "next_review_on") == 0 ? GTK_WIDGET (self->next_row)
            : g_strcmp0 (field, "held_on") == 0 ? GTK_WIDGET (self->date_row) : NULL);
      return FALSE;
    }
  return TRUE;
}

static TandemPlanReviewParts *
fill_parts (TandemReviewEditor *self,
            const char         *review_id)
{
  g_autoptr(TandemPlanReviewParts) parts = tandem_plan_review_parts_new ();
  const char * const *levels = tandem_plan_progress_levels ();

  for (guint i = 0; i < self->items->len; i++)
    {
      OutcomeItem *item = g_ptr_array_index (self->items, i);
      const char *outcome_id = tandem_record_get_id (TANDEM_RECORD (item->outcome));
      const char *text = tandem_record_get_text (TANDEM_RECORD (item->outcome), "outcome");
      guint rank = adw_combo_row_get_selected (item->progress_row);
      g_autofree char *comment = tandem_editor_get_notes (item->comment);

      if (rank == 0 && comment != NULL)
        {
          /* Translators: %s is an outcome of the plan. */
          g_autofree char *message = g_strdup_printf (_("Choose the progress towards “%s”: "
                                                        "its comment needs a rating."), text);

          fail (self, message, GTK_WIDGET (item->progress_row));
          return NULL;
        }
      if (rank > 0 && rank <= g_strv_length ((char **) levels))
        {
          TandemRecord *progress = item->progress != NULL
                                   ? tandem_record_copy (TANDEM_RECORD (item->progress))
                                   : tandem_record_new (TANDEM_TYPE_PLAN_PROGRESS);

          tandem_record_set_text (progress, "review_id", review_id);
          tandem_record_set_text (progress, "outcome_id", outcome_id);
          tandem_record_set_text (progress, "progress", levels[rank - 1]);
          tandem_record_set_text (progress, "comment", comment);
          g_ptr_array_add (parts->progress, progress);
        }

      for (guint j = 0; j < item->evidence_ids->len; j++)
        {
          const char *observation_id = g_ptr_array_index (item->evidence_ids, j);
          g_autofree char *key = link_key (outcome_id, observation_id);
          TandemRecord *existing = g_hash_table_lookup (self->links, key);
          TandemRecord *link = existing != NULL ? tandem_record_copy (existing)
                                                : tandem_record_new (TANDEM_TYPE_PLAN_EVIDENCE);

          tandem_record_set_text (link, "outcome_id", outcome_id);
          tandem_record_set_text (link, "observation_id", observation_id);
          tandem_record_set_text (link, "review_id", review_id);
          g_ptr_array_add (parts->evidence, link);
        }
    }

  return g_steal_pointer (&parts);
}

/* Links made between reviews that the person took off here are not
 * evidence after all. (This review's own links are replaced by the core.) */
static gboolean
unlink_dropped (TandemReviewEditor  *self,
                GError             **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TandemRecord *link = value;
      const char *outcome_id = tandem_record_get_text (link, "outcome_id");
      const char *observation_id = tandem_record_get_text (link, "observation_id");
      gboolean kept = FALSE;

      if (tandem_record_get_text (link, "review_id") != NULL)
        continue;
      for (guint i = 0; i < self->items->len && !kept; i++)
        {
          OutcomeItem *item = g_ptr_array_index (self->items, i);

          kept = g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (item->outcome)),
                            outcome_id) == 0 &&
                 g_ptr_array_find_with_equal_func (item->evidence_ids, observation_id,
                                                   g_str_equal, NULL);
        }
      if (!kept && !tandem_plans_unlink_evidence (self->store, tandem_record_get_id (link),
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
  TandemReviewEditor *self = TANDEM_REVIEW_EDITOR (widget);
  g_autoptr(TandemRecord) review = tandem_record_copy (TANDEM_RECORD (self->review));
  g_autoptr(TandemPlanReviewParts) parts = NULL;
  g_autoptr(GError) error = NULL;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);

  if (!fill_review (self, review))
    return;
  parts = fill_parts (self, tandem_record_get_id (review));
  if (parts == NULL)
    return;

  /* The review and the links it drops together, or neither. */
  if (!tandem_store_begin (self->store, &error))
    {
      fail (self, error->message, NULL);
      return;
    }
  if (!unlink_dropped (self, &error) ||
      !tandem_plans_record_review (self->store,
                                   tandem_record_get_id (TANDEM_RECORD (self->plan)),
                                   (TandemPlanReview *) review, parts, &error))
    {
      const char *field = tandem_editor_error_field (TANDEM_TYPE_PLAN_REVIEW, error->message);

      tandem_store_rollback (self->store);
      fail (self, error->message,
            g_strcmp0 (field, "next_review_on") == 0 ? GTK_WIDGET (self->next_row)
            : g_strcmp0 (field, "held_on") == 0 ? GTK_WIDGET (self->date_row) : NULL);
      return;
    }
  /* A failed commit has rolled back already. */
  if (!tandem_store_commit (self->store, &error))
    {
      fail (self, error->message, NULL);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, review);
  tandem_editor_close_saved (GTK_WINDOW (self));
}

/* GObject --------------------------------------------------------------- */

static void
tandem_review_editor_dispose (GObject *object)
{
  TandemReviewEditor *self = TANDEM_REVIEW_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_REVIEW_EDITOR);
  /* After the widgets: their handlers hold the items. */
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_review_editor_parent_class)->dispose (object);
}

static void
tandem_review_editor_finalize (GObject *object)
{
  TandemReviewEditor *self = TANDEM_REVIEW_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->review);
  g_free (self->today);
  g_free (self->suggested_next);
  g_free (self->fingerprint);
  g_free (self->meeting_id);
  g_hash_table_unref (self->links);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_ptr_array_unref (self->offered);

  G_OBJECT_CLASS (tandem_review_editor_parent_class)->finalize (object);
}

static void
tandem_review_editor_class_init (TandemReviewEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_review_editor_dispose;
  object_class->finalize = tandem_review_editor_finalize;

  /**
   * TandemReviewEditor::saved:
   * @review: the review as recorded
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_PLAN_REVIEW);

  tandem_editor_class_setup (widget_class, "/app/tandem/Tandem/tandem-review-editor.ui",
                             save_cb);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, meeting_row);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, outcomes_box);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, views_group);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, next_group);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, next_row);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewEditor, staff_group);
}

static void
tandem_review_editor_init (TandemReviewEditor *self)
{
  self->items = g_ptr_array_new_with_free_func (outcome_item_free);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->offered = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  tandem_editor_add_date_hint (self->date_row);
  tandem_editor_add_date_hint (self->next_row);

  self->family_view = tandem_editor_add_text_box (self->views_group, _("The family’s views"),
                                    _("In their own words: what has gone well, what worries "
                                      "them, what they would like next."));
  self->child_view = tandem_editor_add_text_box (self->views_group, _("The child’s views"),
                                   _("However they were gathered: their words, pictures, what "
                                     "they chose or showed."));
  self->next_steps_view = tandem_editor_add_text_box (self->next_group, _("Next steps"),
                                        _("What changes in the plan, and who does what."));
  self->note_view = tandem_editor_add_text_box (self->staff_group, _("Staff-only note"),
                                  _("Never printed in a family’s pack."));

  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);
}

/**
 * tandem_review_editor_new:
 * @parent: (nullable): the window it is for
 * @store: the database
 * @plan: the plan reviewed
 * @review: (nullable): the plan's latest review, to edit; %NULL records a
 *   new one
 *
 * Returns: (transfer none): a new editor, not yet shown
 */
GtkWindow *
tandem_review_editor_new (GtkWindow        *parent,
                          TandemStore      *store,
                          TandemPlan       *plan,
                          TandemPlanReview *review)
{
  TandemReviewEditor *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (review == NULL || TANDEM_IS_PLAN_REVIEW (review), NULL);

  self = g_object_new (TANDEM_TYPE_REVIEW_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->plan = TANDEM_PLAN (tandem_record_copy (TANDEM_RECORD (plan)));
  self->is_new = review == NULL;
  if (review != NULL)
    /* Not TANDEM_PLAN_REVIEW (): the plan status of that name hides the cast. */
    self->review = (TandemPlanReview *) tandem_record_copy (TANDEM_RECORD (review));
  else
    {
      self->review = (TandemPlanReview *) tandem_record_new (TANDEM_TYPE_PLAN_REVIEW);
      tandem_record_set_text (TANDEM_RECORD (self->review), "plan_id",
                              tandem_record_get_id (TANDEM_RECORD (plan)));
    }

  load (self);
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  return GTK_WINDOW (self);
}

/**
 * tandem_review_editor_set_today:
 * @self: a review editor
 * @today_iso: an ISO date
 *
 * For tests: takes @today_iso as the day it is. A new review not yet given
 * another date moves to it, with its suggested next review.
 */
void
tandem_review_editor_set_today (TandemReviewEditor *self,
                                const char         *today_iso)
{
  gboolean untouched;

  g_return_if_fail (TANDEM_IS_REVIEW_EDITOR (self));
  g_return_if_fail (today_iso != NULL);

  untouched = self->is_new &&
              g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), today (self)) == 0;
  g_free (self->today);
  self->today = g_strdup (today_iso);
  if (untouched)
    {
      /* The suggested next review follows the date (see date_changed_cb). */
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today_iso);
      remember (self);
    }
}
