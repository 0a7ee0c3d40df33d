/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-child.h"
#include "tandem-dates.h"
#include "tandem-meeting.h"
#include "tandem-outcome-editor.h"
#include "tandem-plan-editor.h"
#include "tandem-plan-version-window.h"
#include "tandem-plan-view.h"
#include "tandem-plans.h"
#include "tandem-review-editor.h"
#include "tandem-undo.h"

/* A child's support plan, read only: what the plan says, its outcomes with
 * how far each has come, its reviews and earlier versions. Writing happens
 * in the editors this page opens, so the page itself stays a quiet read
 * for the keyworker and for the family sitting beside them. A plain
 * GtkWidget, like the meetings view: its "child" property is the child
 * shown. */
struct _TandemPlanView
{
  GtkWidget            parent_instance;

  GtkStack            *stack;
  GtkWidget           *continue_button;
  AdwPreferencesGroup *start_earlier_group;
  GtkScrolledWindow   *scroller;
  GtkLabel            *status_label;
  GtkLabel            *dates_label;
  GtkWidget           *activate_button;
  GtkWidget           *review_button;
  GtkMenuButton       *menu_button;
  GtkWidget           *warnings_list;
  GtkWidget           *strengths_row;
  GtkWidget           *overdue_row;
  AdwPreferencesGroup *profile_group;
  AdwPreferencesGroup *needs_group;
  AdwPreferencesGroup *views_group;
  AdwPreferencesGroup *short_group;
  AdwPreferencesGroup *long_group;
  GtkWidget           *add_short_button;
  GtkWidget           *add_long_button;
  AdwPreferencesGroup *professionals_group;
  AdwPreferencesGroup *ehcp_group;
  AdwPreferencesGroup *family_group;
  AdwPreferencesGroup *reviews_group;
  AdwPreferencesGroup *versions_group;
  AdwPreferencesGroup *other_plans_group;

  TandemStore         *store;
  TandemChild         *child;
  char                *fixed_today;   /* for tests */
  char                *today;
  char                *plan_id;       /* the plan chosen, or NULL for the open one */
  TandemPlan          *plan;          /* the plan shown */
  char                *last_closed_id;
  GPtrArray           *outcomes;      /* TandemPlanOutcome, in plan order */
  guint                refresh_id;
  guint                scroll_tick;
  double               scroll_to;

  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (TandemPlanView, tandem_plan_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (TandemPlanView *self);

static GtkWindow *
parent_window (TandemPlanView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
today (TandemPlanView *self)
{
  if (self->fixed_today != NULL)
    return self->fixed_today;
  if (self->today == NULL)
    self->today = tandem_date_today ();
  return self->today;
}

static const char *
plan_text (TandemPlanView *self,
           const char     *field)
{
  return tandem_record_get_text (TANDEM_RECORD (self->plan), field);
}

static void
show_error (TandemPlanView *self,
            const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  tandem_show_toast (GTK_WIDGET (self), toast);
}

/* Rows ------------------------------------------------------------------ */

static void
clear_rows (TandemPlanView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
add_row (TandemPlanView      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
add_empty_row (TandemPlanView      *self,
               AdwPreferencesGroup *group,
               const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  add_row (self, group, row);
}

/* A heading and the text under it, wrapped in full: the plan's own words
 * are the point of the page, and a row's subtitle would cut them short.
 * A section not written yet says so, dimmed. */
static GtkWidget *
text_row (const char *heading,
          const char *text,
          const char *caption)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (text != NULL ? text : _("Not recorded yet"));
  g_autofree char *name = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), heading);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (box), title);

  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  if (text == NULL)
    gtk_widget_add_css_class (body, "dim-label");
  gtk_box_append (GTK_BOX (box), body);

  if (caption != NULL)
    {
      GtkWidget *label = gtk_label_new (caption);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Translators: how a screen reader reads a section of the plan:
   * "<heading>: <text>". */
  name = g_strdup_printf (_("%s: %s"), heading, gtk_label_get_text (GTK_LABEL (body)));
  tandem_a11y_set_label (row, name);
  return row;
}

static GtkWidget *
value_row (const char *title,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static char *
long_date (const char *iso)
{
  return iso != NULL ? tandem_date_format_long (iso) : NULL;
}

/* Joins the non-NULL strings of @parts with " · ". */
static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the pieces of a row's subtitle. */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/* Opening editors ------------------------------------------------------- */

static void
present (GtkWindow *window)
{
  if (window != NULL)
    gtk_window_present (window);
}

static void
open_plan_editor (TandemPlanView *self)
{
  if (self->plan == NULL || self->child == NULL)
    return;
  present (tandem_plan_editor_new (parent_window (self), self->store, self->child, self->plan));
}

static void
open_review_editor (TandemPlanView   *self,
                    TandemPlanReview *review)
{
  GtkWindow *editor;

  if (self->plan == NULL)
    return;
  editor = tandem_review_editor_new (parent_window (self), self->store, self->plan, review);
  if (editor != NULL && self->fixed_today != NULL)
    tandem_review_editor_set_today (TANDEM_REVIEW_EDITOR (editor), self->fixed_today);
  present (editor);
}

static void
open_outcome_editor (TandemPlanView    *self,
                     TandemPlanOutcome *outcome,
                     const char        *term)
{
  if (self->plan == NULL)
    return;
  present (tandem_outcome_editor_new (parent_window (self), self->store, self->plan, outcome,
                                      term));
}

static void
open_version (TandemPlanView *self,
              const char     *version_id)
{
  present (tandem_plan_version_window_new (parent_window (self), self->store, version_id));
}

/* Outcomes and their order ---------------------------------------------- */

static TandemPlanOutcome *
find_outcome (TandemPlanView *self,
              const char     *id,
              guint          *index)
{
  for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
    {
      TandemPlanOutcome *outcome = g_ptr_array_index (self->outcomes, i);

      if (g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (outcome)), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return outcome;
        }
    }
  return NULL;
}

static const char *
term_of (TandemPlanOutcome *outcome)
{
  return tandem_record_get_text (TANDEM_RECORD (outcome), "term");
}

/* Puts @id where @target_id is, across the whole plan: dragged down it
 * lands after the target, dragged up before it. Outcomes keep their term;
 * the order is one list over both, as the store keeps it. */
static gboolean
move_outcome (TandemPlanView *self,
              const char     *id,
              const char     *target_id)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  TandemPlanOutcome *moved, *target;
  guint from, to;
  char *moved_id;

  moved = find_outcome (self, id, &from);
  target = find_outcome (self, target_id, &to);
  if (moved == NULL || target == NULL || from == to ||
      g_strcmp0 (term_of (moved), term_of (target)) != 0)
    return FALSE;

  ids = g_ptr_array_new ();
  for (guint i = 0; i < self->outcomes->len; i++)
    g_ptr_array_add (ids, (char *) tandem_record_get_id (g_ptr_array_index (self->outcomes, i)));
  moved_id = g_ptr_array_steal_index (ids, from);
  g_ptr_array_insert (ids, to, moved_id);
  g_ptr_array_add (ids, NULL);

  if (!tandem_plans_reorder_outcomes (self->store,
                                      tandem_record_get_id (TANDEM_RECORD (self->plan)),
                                      (const char * const *) ids->pdata, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The next outcome of the same term, before (@step -1) or after (+1). */
static const char *
neighbour (TandemPlanView *self,
           const char     *id,
           int             step)
{
  TandemPlanOutcome *outcome;
  guint index;

  outcome = find_outcome (self, id, &index);
  if (outcome == NULL)
    return NULL;

  for (int i = (int) index + step; i >= 0 && i < (int) self->outcomes->len; i += step)
    {
      TandemPlanOutcome *other = g_ptr_array_index (self->outcomes, i);

      if (g_strcmp0 (term_of (other), term_of (outcome)) == 0)
        return tandem_record_get_id (TANDEM_RECORD (other));
    }
  return NULL;
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  const char *before = neighbour (self, id, -1);

  if (before != NULL)
    move_outcome (self, id, before);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  const char *after = neighbour (self, id, +1);

  if (after != NULL)
    move_outcome (self, id, after);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "tandem-outcome-id");

  g_object_set_data (G_OBJECT (source), "tandem-x", GINT_TO_POINTER ((int) x));
  g_object_set_data (G_OBJECT (source), "tandem-y", GINT_TO_POINTER ((int) y));
  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  /* The row itself follows the pointer, from where it was picked up. */
  gtk_drag_source_set_icon (source, paintable,
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "tandem-x")),
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "tandem-y")));
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         TandemPlanView *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *target_id = g_object_get_data (G_OBJECT (row), "tandem-outcome-id");

  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;
  return move_outcome (self, g_value_get_string (value), target_id);
}

static void
outcome_activated_cb (AdwActionRow   *row,
                      TandemPlanView *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "tandem-outcome-id");
  TandemPlanOutcome *outcome = find_outcome (self, id, NULL);

  if (outcome != NULL)
    open_outcome_editor (self, outcome, term_of (outcome));
}

static GtkWidget *
outcome_row (TandemPlanView    *self,
             TandemPlanOutcome *outcome,
             GHashTable        *progress,
             gboolean           first,
             gboolean           last)
{
  TandemRecord *record = TANDEM_RECORD (outcome);
  const char *id = tandem_record_get_id (record);
  const char *text = tandem_record_get_text (record, "outcome");
  const char *level = progress != NULL ? g_hash_table_lookup (progress, id) : NULL;
  g_autoptr(GPtrArray) evidence = tandem_plans_evidence_for_outcome (self->store, id, NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *target = long_date (tandem_record_get_text (record, "target_on"));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  guint n_evidence = evidence != NULL ? evidence->len : 0;

  if (target != NULL)
    /* Translators: an outcome's target date, e.g. "By 14 March 2027". */
    g_ptr_array_add (parts, g_strdup_printf (_("By %s"), target));
  g_ptr_array_add (parts, g_strdup (level != NULL ? tandem_plan_progress_label (level)
                                                  : _("Not reviewed yet")));
  if (n_evidence == 0)
    g_ptr_array_add (parts, g_strdup (_("No evidence yet")));
  else
    /* Translators: journal observations linked to an outcome. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u piece of evidence",
                                                       "%u pieces of evidence", n_evidence),
                                             n_evidence));
  subtitle = join_parts (parts);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (g_strcmp0 (level, TANDEM_PROGRESS_ACHIEVED) == 0)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "object-select-symbolic");

  if (!(first && last))
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autofree char *label = NULL;
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
      GtkDragSource *source;
      GtkDropTarget *drop;

      if (!first)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_("Move Up"), NULL);

          g_menu_item_set_action_and_target_value (item, "plan.move-up",
                                                   g_variant_new_string (id));
          g_menu_append_item (menu, item);
        }
      if (!last)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_("Move Down"), NULL);

          g_menu_item_set_action_and_target_value (item, "plan.move-down",
                                                   g_variant_new_string (id));
          g_menu_append_item (menu, item);
        }

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Move"));
      /* Translators: the accessible name of the menu that moves an outcome
       * up or down the list; %s is the outcome. */
      label = g_strdup_printf (_("Move: %s"), text);
      tandem_a11y_set_label (button, label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      /* The handle shows the row can be dragged; the menu is the way to
       * move it from the keyboard. */
      gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
      gtk_accessible_update_state (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);

      source = gtk_drag_source_new ();
      gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
      g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), row);
      g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

      drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
      g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, 0);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "tandem-outcome-id", g_strdup (id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (outcome_activated_cb), self, 0);
  return row;
}

static void
fill_outcomes (TandemPlanView *self)
{
  g_autoptr(GHashTable) progress = NULL;
  g_autoptr(GError) error = NULL;
  const char *terms[] = { TANDEM_PLAN_TERM_SHORT, TANDEM_PLAN_TERM_LONG };
  AdwPreferencesGroup *groups[] = { self->short_group, self->long_group };

  progress = tandem_plans_latest_progress (self->store,
                                           tandem_record_get_id (TANDEM_RECORD (self->plan)),
                                           &error);
  if (progress == NULL)
    g_warning ("Cannot read the plan's progress: %s", error->message);

  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      g_autoptr(GPtrArray) of_term = g_ptr_array_new ();

      for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
        if (g_strcmp0 (term_of (g_ptr_array_index (self->outcomes, i)), terms[t]) == 0)
          g_ptr_array_add (of_term, g_ptr_array_index (self->outcomes, i));

      for (guint i = 0; i < of_term->len; i++)
        add_row (self, groups[t],
                 outcome_row (self, g_ptr_array_index (of_term, i), progress,
                              i == 0, i + 1 == of_term->len));
      if (of_term->len == 0)
        add_empty_row (self, groups[t], _("No outcomes yet"));
    }
}

/* Reviews and versions -------------------------------------------------- */

static void
version_activated_cb (AdwActionRow   *row,
                      TandemPlanView *self)
{
  const char *version_id = g_object_get_data (G_OBJECT (row), "tandem-version-id");

  if (version_id != NULL)
    open_version (self, version_id);
}

static void
edit_review_cb (GtkButton      *button,
                TandemPlanView *self)
{
  open_review_editor (self, g_object_get_data (G_OBJECT (button), "tandem-review"));
}

static guint
n_achieved (TandemPlanView   *self,
            TandemPlanReview *review)
{
  g_autoptr(TandemPlanReviewParts) parts =
    tandem_plans_load_review_parts (self->store, tandem_record_get_id (TANDEM_RECORD (review)),
                                    NULL);
  guint n = 0;

  for (guint i = 0; parts != NULL && i < parts->progress->len; i++)
    n += g_strcmp0 (tandem_record_get_text (g_ptr_array_index (parts->progress, i), "progress"),
                    TANDEM_PROGRESS_ACHIEVED) == 0;
  return n;
}

static GtkWidget *
review_row (TandemPlanView   *self,
            TandemPlanReview *review,
            const char       *version_id,
            gboolean          latest)
{
  TandemRecord *record = TANDEM_RECORD (review);
  const char *meeting_id = tandem_record_get_text (record, "meeting_id");
  g_autofree char *held = long_date (tandem_record_get_text (record, "held_on"));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  guint achieved = n_achieved (self, review);

  if (meeting_id != NULL)
    {
      g_autoptr(TandemRecord) meeting = tandem_store_load (self->store, TANDEM_TYPE_MEETING,
                                                           meeting_id, NULL);

      if (meeting != NULL && !tandem_record_get_deleted (meeting))
        /* Translators: where a review was held, e.g. "At the Support plan review". */
        g_ptr_array_add (parts, g_strdup_printf (_("At the %s"),
                                                 tandem_meeting_kind_label (
                                                   tandem_record_get_text (meeting, "kind"))));
    }
  /* Translators: how many of the plan's outcomes a review found achieved. */
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u outcome achieved",
                                                     "%u outcomes achieved", achieved),
                                           achieved));
  subtitle = join_parts (parts);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), held);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "x-office-calendar-symbolic");

  if (latest && g_strcmp0 (plan_text (self, "status"), TANDEM_PLAN_CLOSED) != 0)
    {
      GtkWidget *edit = gtk_button_new_with_label (_("Edit"));
      g_autofree char *label = NULL;

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      /* Translators: the accessible name of the button that edits the
       * latest review; %s is its date. */
      label = g_strdup_printf (_("Edit the Review of %s"), held);
      tandem_a11y_set_label (edit, label);
      g_object_set_data_full (G_OBJECT (edit), "tandem-review", g_object_ref (review),
                              g_object_unref);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_review_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
    }

  if (version_id != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("The plan as this review left it"));
      g_object_set_data_full (G_OBJECT (row), "tandem-version-id", g_strdup (version_id),
                              g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (version_activated_cb), self, 0);
    }
  return row;
}

static void
fill_reviews (TandemPlanView *self)
{
  const char *plan_id = tandem_record_get_id (TANDEM_RECORD (self->plan));
  g_autoptr(GPtrArray) reviews = tandem_plans_reviews (self->store, plan_id, NULL);
  g_autoptr(GPtrArray) versions = tandem_plans_versions (self->store, plan_id, NULL);
  g_autoptr(GHashTable) by_review = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      TandemRecord *version = g_ptr_array_index (versions, i);
      const char *review_id = tandem_record_get_text (version, "review_id");
      g_autofree char *taken = long_date (tandem_record_get_text (version, "taken_on"));
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (review_id != NULL && !g_hash_table_contains (by_review, review_id))
        g_hash_table_insert (by_review, (char *) review_id,
                             (char *) tandem_record_get_id (version));

      /* Translators: an earlier version of a plan, e.g. "Version 2 · 3 March 2027". */
      title = g_strdup_printf (_("Version %d · %s"),
                               (int) tandem_record_get_int (version, "number"),
                               taken != NULL ? taken : "");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "document-open-recent-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "tandem-version-id",
                              g_strdup (tandem_record_get_id (version)), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (version_activated_cb), self, 0);
      add_row (self, self->versions_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->versions_group),
                          versions != NULL && versions->len > 0);

  for (guint i = 0; reviews != NULL && i < reviews->len; i++)
    {
      TandemPlanReview *review = g_ptr_array_index (reviews, i);

      add_row (self, self->reviews_group,
               review_row (self, review,
                           g_hash_table_lookup (by_review,
                                                tandem_record_get_id (TANDEM_RECORD (review))),
                           i == 0));
    }
  if (reviews == NULL || reviews->len == 0)
    add_empty_row (self, self->reviews_group, _("Not reviewed yet"));
}

/* Other plans of the child ---------------------------------------------- */

static void
plan_activated_cb (AdwActionRow   *row,
                   TandemPlanView *self)
{
  tandem_plan_view_show_plan (self, g_object_get_data (G_OBJECT (row), "tandem-plan-id"));
}

static GtkWidget *
other_plan_row (TandemPlanView *self,
                TandemPlan     *plan)
{
  TandemRecord *record = TANDEM_RECORD (plan);
  const char *status = tandem_record_get_text (record, "status");
  g_autofree char *starts = long_date (tandem_record_get_text (record, "starts_on"));
  g_autofree char *closed = long_date (tandem_record_get_text (record, "closed_on"));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a plan in the list of a child's plans; %s is when it started. */
  title = g_strdup_printf (_("Plan from %s"), starts);
  if (closed != NULL)
    /* Translators: %s is the date a plan was closed. */
    subtitle = g_strdup_printf (_("Closed on %s"), closed);
  else
    subtitle = g_strdup (tandem_plan_status_label (status));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "emblem-documents-symbolic");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "tandem-plan-id",
                          g_strdup (tandem_record_get_id (record)), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (plan_activated_cb), self, 0);
  return row;
}

/* The plan -------------------------------------------------------------- */

static void
update_header (TandemPlanView *self)
{
  const char *status = plan_text (self, "status");
  const char *badges[] = { "quiet", "shared", "send" };
  const char *badge = "quiet";
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *starts = long_date (plan_text (self, "starts_on"));
  g_autofree char *next = long_date (plan_text (self, "next_review_on"));
  g_autofree char *closed = long_date (plan_text (self, "closed_on"));
  g_autofree char *dates = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  gboolean is_closed = g_strcmp0 (status, TANDEM_PLAN_CLOSED) == 0;
  gboolean reviewable = g_strcmp0 (status, TANDEM_PLAN_ACTIVE) == 0 ||
                        g_strcmp0 (status, TANDEM_PLAN_UNDER_REVIEW) == 0;
  int days;

  if (g_strcmp0 (status, TANDEM_PLAN_ACTIVE) == 0)
    badge = "shared";
  else if (g_strcmp0 (status, TANDEM_PLAN_UNDER_REVIEW) == 0)
    badge = "send";
  for (guint i = 0; i < G_N_ELEMENTS (badges); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), badges[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), badge);
  gtk_label_set_label (self->status_label, tandem_plan_status_label (status));

  if (starts != NULL)
    /* Translators: %s is the date a support plan started. */
    g_ptr_array_add (parts, g_strdup_printf (_("Started %s"), starts));
  if (closed != NULL)
    /* Translators: %s is the date a support plan was closed. */
    g_ptr_array_add (parts, g_strdup_printf (_("Closed %s"), closed));
  else if (next != NULL)
    /* Translators: %s is the date of a plan's next review. */
    g_ptr_array_add (parts, g_strdup_printf (_("Next review %s"), next));
  else
    g_ptr_array_add (parts, g_strdup (_("No review date set")));
  dates = join_parts (parts);
  gtk_label_set_label (self->dates_label, dates);

  /* Warnings: a plan without strengths, a review that is late. */
  gtk_widget_set_visible (self->strengths_row,
                          !is_closed && tandem_plan_lacks_strengths (self->plan));
  days = tandem_plan_days_to_review (self->plan, today (self));
  if (reviewable && days != G_MININT && days < 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Review overdue by %d day",
                                                         "Review overdue by %d days", -days),
                                               -days);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->overdue_row), text);
      tandem_a11y_set_label (self->overdue_row, text);
      gtk_widget_set_visible (self->overdue_row, TRUE);
    }
  else
    gtk_widget_set_visible (self->overdue_row, FALSE);
  gtk_widget_set_visible (self->warnings_list,
                          gtk_widget_get_visible (self->strengths_row) ||
                          gtk_widget_get_visible (self->overdue_row));

  /* The status moves open from here, and deleting. */
  if (g_strcmp0 (status, TANDEM_PLAN_DRAFT) == 0)
    g_menu_append (moves, _("Make Active"), "plan.make-active");
  if (g_strcmp0 (status, TANDEM_PLAN_ACTIVE) == 0)
    g_menu_append (moves, _("Start Review"), "plan.start-review");
  if (g_strcmp0 (status, TANDEM_PLAN_UNDER_REVIEW) == 0)
    g_menu_append (moves, _("Back to Active"), "plan.make-active");
  if (!is_closed)
    g_menu_append (moves, _("Close Plan"), "plan.close");
  g_menu_append (removal, _("Delete Plan"), "plan.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));

  /* The next step, in blue: a draft is agreed, an open plan reviewed. */
  gtk_widget_set_visible (self->activate_button, g_strcmp0 (status, TANDEM_PLAN_DRAFT) == 0);
  gtk_widget_set_visible (self->review_button, reviewable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.record-review", !is_closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-outcome", !is_closed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.make-active",
                                 g_strcmp0 (status, TANDEM_PLAN_DRAFT) == 0 ||
                                 g_strcmp0 (status, TANDEM_PLAN_UNDER_REVIEW) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.start-review",
                                 g_strcmp0 (status, TANDEM_PLAN_ACTIVE) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.close", !is_closed);
}

static void
fill_about (TandemPlanView *self)
{
  const char * const *areas = tandem_plan_areas ();
  const char *how = plan_text (self, "child_views_how");
  g_autofree char *gathered = NULL;

  add_row (self, self->profile_group,
           text_row (_("Strengths"), plan_text (self, "strengths"), NULL));
  add_row (self, self->profile_group,
           text_row (_("What matters to them"), plan_text (self, "what_matters"), NULL));
  add_row (self, self->profile_group,
           text_row (_("How best to support them"), plan_text (self, "how_to_support"), NULL));

  for (guint i = 0; areas[i] != NULL; i++)
    add_row (self, self->needs_group,
             text_row (tandem_plan_area_label (areas[i]),
                       plan_text (self, tandem_plan_area_field (areas[i])), NULL));

  if (how != NULL)
    /* Translators: how the child's views were gathered, e.g. "Gathered
     * through: pictures and choosing toys". */
    gathered = g_strdup_printf (_("Gathered through: %s"), how);
  add_row (self, self->views_group,
           text_row (_("The family’s views"), plan_text (self, "family_views"), NULL));
  add_row (self, self->views_group,
           text_row (_("The child’s views"), plan_text (self, "child_views"), gathered));

  add_row (self, self->family_group,
           text_row (_("The plan in plain words for the family"),
                     plan_text (self, "family_summary"), NULL));
  if (plan_text (self, "internal_note") != NULL)
    add_row (self, self->family_group,
             text_row (_("Internal note (staff only)"), plan_text (self, "internal_note"),
                       NULL));
}

static void
fill_professionals (TandemPlanView  *self,
                    TandemPlanParts *parts)
{
  for (guint i = 0; parts != NULL && i < parts->professionals->len; i++)
    {
      TandemRecord *professional = g_ptr_array_index (parts->professionals, i);
      const char *role = tandem_record_get_text (professional, "role");
      const char *service = tandem_record_get_text (professional, "service");
      const char *contact = tandem_record_get_text (professional, "contact");
      g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *line = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (role != NULL)
        g_ptr_array_add (pieces, g_strdup (role));
      if (service != NULL)
        g_ptr_array_add (pieces, g_strdup (service));
      line = join_parts (pieces);
      if (line[0] != '\0' && contact != NULL)
        subtitle = g_strconcat (line, "\n", contact, NULL);
      else
        subtitle = g_strdup (line[0] != '\0' ? line : contact);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tandem_record_get_text (professional, "name"));
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "avatar-default-symbolic");
      add_row (self, self->professionals_group, row);
    }
  if (parts == NULL || parts->professionals->len == 0)
    add_empty_row (self, self->professionals_group, _("Not recorded yet"));
}

static void
fill_ehcp (TandemPlanView *self)
{
  const char *status = plan_text (self, "ehcp_status");
  g_autofree char *requested = long_date (plan_text (self, "ehcp_requested_on"));
  g_autofree char *issued = long_date (plan_text (self, "ehcp_issued_on"));

  add_row (self, self->ehcp_group,
           value_row (_("Status"), tandem_plan_ehcp_status_label (status != NULL ? status
                                                                                  : "none")));
  if (requested != NULL)
    add_row (self, self->ehcp_group, value_row (_("Requested on"), requested));
  if (issued != NULL)
    add_row (self, self->ehcp_group, value_row (_("Issued on"), issued));
}

static void
fill_start_page (TandemPlanView *self,
                 GPtrArray      *plans)
{
  guint n = 0;

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      add_row (self, self->start_earlier_group,
               other_plan_row (self, g_ptr_array_index (plans, i)));
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->start_earlier_group), n > 0);
  gtk_widget_set_visible (self->continue_button, self->last_closed_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.continue",
                                 self->last_closed_id != NULL);
  gtk_stack_set_visible_child_name (self->stack, "start");
}

static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  TandemPlanView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->scroll_tick = 0;
  gtk_adjustment_set_value (adjustment, self->scroll_to);
  return G_SOURCE_REMOVE;
}

static void
refresh (TandemPlanView *self)
{
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *was_shown = NULL;
  TandemPlan *shown = NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double scroll = gtk_adjustment_get_value (adjustment);
  const char *plan_id;
  guint n_other = 0;
  gboolean all_closed = TRUE;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->last_closed_id, g_free);
  if (self->plan != NULL)
    was_shown = g_strdup (tandem_record_get_id (TANDEM_RECORD (self->plan)));
  g_clear_object (&self->plan);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  clear_rows (self);

  if (self->store == NULL || self->child == NULL)
    {
      fill_start_page (self, NULL);
      return;
    }

  plans = tandem_plans_for_child (self->store,
                                  tandem_record_get_id (TANDEM_RECORD (self->child)), &error);
  if (plans == NULL)
    {
      g_warning ("Cannot list the child's plans: %s", error->message);
      g_clear_error (&error);
    }

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      TandemPlan *plan = g_ptr_array_index (plans, i);
      const char *status = tandem_record_get_text (TANDEM_RECORD (plan), "status");

      if (g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (plan)), self->plan_id) == 0)
        shown = plan;
      if (g_strcmp0 (status, TANDEM_PLAN_CLOSED) == 0 && self->last_closed_id == NULL)
        self->last_closed_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (plan)));
    }
  /* A plan chosen and since deleted gives way to the open one. */
  if (shown == NULL)
    g_clear_pointer (&self->plan_id, g_free);
  if (shown == NULL && plans != NULL && plans->len > 0 &&
      g_strcmp0 (tandem_record_get_text (g_ptr_array_index (plans, 0), "status"),
                 TANDEM_PLAN_CLOSED) != 0)
    shown = g_ptr_array_index (plans, 0);

  if (shown == NULL)
    {
      fill_start_page (self, plans);
      tandem_a11y_tidy_names (GTK_WIDGET (self));
      return;
    }

  self->plan = g_object_ref (shown);
  plan_id = tandem_record_get_id (TANDEM_RECORD (shown));
  parts = tandem_plans_load_parts (self->store, plan_id, &error);
  if (parts == NULL)
    {
      g_warning ("Cannot read the plan: %s", error->message);
      g_clear_error (&error);
    }
  self->outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; parts != NULL && i < parts->outcomes->len; i++)
    g_ptr_array_add (self->outcomes, g_object_ref (g_ptr_array_index (parts->outcomes, i)));

  update_header (self);
  fill_about (self);
  fill_outcomes (self);
  fill_professionals (self, parts);
  fill_ehcp (self);
  fill_reviews (self);

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    {
      TandemPlan *plan = g_ptr_array_index (plans, i);

      if (plan == shown)
        continue;
      add_row (self, self->other_plans_group, other_plan_row (self, plan));
      n_other++;
      all_closed &= g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (plan), "status"),
                               TANDEM_PLAN_CLOSED) == 0;
    }
  adw_preferences_group_set_title (self->other_plans_group,
                                   all_closed ? _("Earlier Plans") : _("Other Plans"));
  gtk_widget_set_visible (GTK_WIDGET (self->other_plans_group), n_other > 0);

  gtk_stack_set_visible_child_name (self->stack, "plan");
  tandem_a11y_tidy_names (GTK_WIDGET (self));

  /* Reloading the same plan (after an edit, a reorder) keeps the place the
   * reader was at, once the rebuilt rows are laid out. */
  if (g_strcmp0 (was_shown, plan_id) == 0)
    {
      self->scroll_to = scroll;
      if (self->scroll_tick == 0)
        self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->scroller),
                                                          restore_scroll_cb, self, NULL);
    }
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TandemPlanView *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TandemPlanView *self,
                  const char     *table,
                  const char     *id,
                  TandemStore    *store)
{
  /* The plan's own tables; observations for the evidence counts; meetings
   * for where reviews were held. */
  if (!g_str_has_prefix (table, "plan") && g_strcmp0 (table, "observations") != 0 &&
      g_strcmp0 (table, "observation_children") != 0 && g_strcmp0 (table, "meetings") != 0)
    return;

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

/* Actions --------------------------------------------------------------- */

static void
start (TandemPlanView *self,
       const char     *from_plan_id)
{
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->child == NULL)
    return;

  plan = tandem_plans_start (self->store, tandem_record_get_id (TANDEM_RECORD (self->child)),
                             today (self), from_plan_id, &error);
  if (plan == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_free (self->plan_id);
  self->plan_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (plan)));
  refresh (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start (TANDEM_PLAN_VIEW (widget), NULL);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (widget);
  g_autofree char *from = g_strdup (self->last_closed_id);

  if (from != NULL)
    start (self, from);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_plan_editor (TANDEM_PLAN_VIEW (widget));
}

static void
record_review_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_review_editor (TANDEM_PLAN_VIEW (widget), NULL);
}

static void
add_outcome_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_outcome_editor (TANDEM_PLAN_VIEW (widget), NULL, g_variant_get_string (parameter, NULL));
}

static void
set_status (TandemPlanView *self,
            const char     *status,
            const char     *done)
{
  g_autoptr(TandemRecord) plan = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;

  plan = tandem_record_copy (TANDEM_RECORD (self->plan));
  tandem_record_set_text (plan, "status", status);
  tandem_record_set_text (plan, "closed_on",
                          g_strcmp0 (status, TANDEM_PLAN_CLOSED) == 0 ? today (self) : NULL);
  if (!tandem_store_save (self->store, plan, &error))
    {
      show_error (self, error->message);
      return;
    }
  /* A plan just closed gives way to the page for starting the next one,
   * where it is listed with the earlier plans. */
  if (g_strcmp0 (status, TANDEM_PLAN_CLOSED) == 0)
    g_clear_pointer (&self->plan_id, g_free);
  tandem_show_toast (GTK_WIDGET (self), adw_toast_new (done));
}

static void
make_active_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_status (TANDEM_PLAN_VIEW (widget), TANDEM_PLAN_ACTIVE, _("The plan is active"));
}

static void
start_review_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_status (TANDEM_PLAN_VIEW (widget), TANDEM_PLAN_UNDER_REVIEW,
              _("The plan is under review"));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  set_status (TANDEM_PLAN_VIEW (widget), TANDEM_PLAN_CLOSED,
              _("Plan closed; it stays readable under Earlier Plans"));
}

typedef struct {
  TandemStore *store;
  char        *plan_id;
} Undelete;

static void
undelete_free (gpointer data)
{
  Undelete *undelete = data;

  g_object_unref (undelete->store);
  g_free (undelete->plan_id);
  g_free (undelete);
}

static gboolean
undelete_plan (gpointer   data,
               GError   **error)
{
  Undelete *undelete = data;

  return tandem_plans_undelete (undelete->store, undelete->plan_id, error);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  Undelete *undelete;
  const char *id;

  if (self->plan == NULL)
    return;

  id = tandem_record_get_id (TANDEM_RECORD (self->plan));
  if (!tandem_plans_delete (self->store, id, &error))
    {
      show_error (self, error->message);
      return;
    }

  undelete = g_new0 (Undelete, 1);
  undelete->store = g_object_ref (self->store);
  undelete->plan_id = g_strdup (id);
  tandem_show_undo_toast (widget, _("Support plan deleted"), undelete_plan, undelete,
                          undelete_free);
}

/* GObject --------------------------------------------------------------- */

static void
tandem_plan_view_dispose (GObject *object)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->scroll_tick);
      self->scroll_tick = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PLAN_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_plan_view_parent_class)->dispose (object);
}

static void
tandem_plan_view_finalize (GObject *object)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (object);

  g_ptr_array_unref (self->rows);
  g_free (self->fixed_today);
  g_free (self->today);
  g_free (self->plan_id);
  g_free (self->last_closed_id);

  G_OBJECT_CLASS (tandem_plan_view_parent_class)->finalize (object);
}

static void
tandem_plan_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_plan_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TandemPlanView *self = TANDEM_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_plan_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHILD:
      tandem_plan_view_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_plan_view_class_init (TandemPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_plan_view_dispose;
  object_class->finalize = tandem_plan_view_finalize;
  object_class->get_property = tandem_plan_view_get_property;
  object_class->set_property = tandem_plan_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, TANDEM_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, continue_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, start_earlier_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, scroller);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, status_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, dates_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, activate_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, review_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, strengths_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, overdue_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, profile_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, needs_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, views_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, short_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, long_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, add_short_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, add_long_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, professionals_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, ehcp_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, family_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, reviews_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, versions_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanView, other_plans_group);

  gtk_widget_class_install_action (widget_class, "plan.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "plan.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "plan.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "plan.record-review", NULL,
                                   record_review_action);
  gtk_widget_class_install_action (widget_class, "plan.add-outcome", "s", add_outcome_action);
  gtk_widget_class_install_action (widget_class, "plan.move-up", "s", move_up_action);
  gtk_widget_class_install_action (widget_class, "plan.move-down", "s", move_down_action);
  gtk_widget_class_install_action (widget_class, "plan.make-active", NULL, make_active_action);
  gtk_widget_class_install_action (widget_class, "plan.start-review", NULL,
                                   start_review_action);
  gtk_widget_class_install_action (widget_class, "plan.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "plan.delete", NULL, delete_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tandem_plan_view_init (TandemPlanView *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Both groups have an "Add Outcome" button: say which one each is. */
  tandem_a11y_set_label (self->add_short_button, _("Add Short-Term Outcome"));
  tandem_a11y_set_label (self->add_long_button, _("Add Long-Term Outcome"));
  tandem_a11y_tidy_names (GTK_WIDGET (self));
}

/**
 * tandem_plan_view_new:
 * @store: the database
 *
 * Returns: (transfer floating): a new plan view, showing no child yet
 */
GtkWidget *
tandem_plan_view_new (TandemStore *store)
{
  return g_object_new (TANDEM_TYPE_PLAN_VIEW, "store", store, NULL);
}

/**
 * tandem_plan_view_set_store:
 * @self: the view
 * @store: (nullable): the database
 */
void
tandem_plan_view_set_store (TandemPlanView *self,
                            TandemStore    *store)
{
  g_return_if_fail (TANDEM_IS_PLAN_VIEW (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tandem_plan_view_set_child:
 * @self: the view
 * @child: (nullable): the child whose plan to show
 *
 * Shows the child's open plan, or the page offering to start one.
 */
void
tandem_plan_view_set_child (TandemPlanView *self,
                            TandemChild    *child)
{
  g_return_if_fail (TANDEM_IS_PLAN_VIEW (self));
  g_return_if_fail (child == NULL || TANDEM_IS_CHILD (child));

  if (self->child == child ||
      (self->child != NULL && child != NULL &&
       g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (self->child)),
                  tandem_record_get_id (TANDEM_RECORD (child))) == 0))
    {
      /* The same child, saved again: keep the plan chosen. */
      if (g_set_object (&self->child, child))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
      return;
    }

  g_set_object (&self->child, child);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_object (&self->plan);
  refresh (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * tandem_plan_view_show_plan:
 * @self: the view
 * @plan_id: one of the current child's plans
 *
 * Shows @plan_id, closed plans too, from the top.
 *
 * Returns: whether the plan is the current child's
 */
gboolean
tandem_plan_view_show_plan (TandemPlanView *self,
                            const char     *plan_id)
{
  g_autoptr(TandemPlan) plan = NULL;

  g_return_val_if_fail (TANDEM_IS_PLAN_VIEW (self), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  if (self->store == NULL || self->child == NULL)
    return FALSE;
  plan = tandem_store_load (self->store, TANDEM_TYPE_PLAN, plan_id, NULL);
  if (plan == NULL || tandem_record_get_deleted (TANDEM_RECORD (plan)) ||
      g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (plan), "child_id"),
                 tandem_record_get_id (TANDEM_RECORD (self->child))) != 0)
    return FALSE;

  g_free (self->plan_id);
  self->plan_id = g_strdup (plan_id);
  g_clear_object (&self->plan);
  refresh (self);
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->scroll_tick);
      self->scroll_tick = 0;
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

/**
 * tandem_plan_view_set_today:
 * @self: the view
 * @today: (nullable): an ISO date taken as today, or %NULL for the clock
 */
void
tandem_plan_view_set_today (TandemPlanView *self,
                            const char     *today)
{
  g_return_if_fail (TANDEM_IS_PLAN_VIEW (self));

  g_free (self->fixed_today);
  self->fixed_today = g_strdup (today);
  refresh (self);
}
