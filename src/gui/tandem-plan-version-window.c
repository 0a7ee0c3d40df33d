/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-plan-version-window.h"
#include "tandem-plans.h"
#include "tandem-records.h"

/* An earlier version of a support plan, as the review that froze it found
 * it: what the plan said, and how each outcome was rated with its evidence.
 * Nothing here can be changed, and everything is read from the snapshot
 * alone, so that later edits to the plan or to an observation never alter
 * what a family was told at the time (DESIGN.md, Support plans). Text can
 * be selected and copied, for a letter or a referral. It is a staff view:
 * internal notes show, marked as such. */

struct _TandemPlanVersionWindow
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkBox         *content_box;

  TandemStore    *store;
  char           *version_id;
};

G_DEFINE_FINAL_TYPE (TandemPlanVersionWindow, tandem_plan_version_window, ADW_TYPE_WINDOW)

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Read-only text that can be selected and copied. */
static GtkWidget *
text_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static GtkWidget *
small_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
dim_text (const char *text)
{
  GtkWidget *label = text_label (text);

  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A part of the version with its heading, e.g. "About the Child". */
static GtkBox *
add_section (TandemPlanVersionWindow *self,
             const char              *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (self->content_box, box);
  return GTK_BOX (box);
}

/* A named piece of text, e.g. "Strengths" and what they are; nothing when
 * there is no text. */
static gboolean
add_field (GtkBox     *box,
           const char *name,
           const char *text)
{
  GtkWidget *field;

  if (!has_text (text))
    return FALSE;

  field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_box_append (GTK_BOX (field), small_heading (name));
  gtk_box_append (GTK_BOX (field), text_label (text));
  gtk_box_append (box, field);
  return TRUE;
}

static gboolean
add_date_field (GtkBox     *box,
                const char *name,
                const char *iso_date)
{
  g_autofree char *date = NULL;

  if (!has_text (iso_date))
    return FALSE;
  date = tandem_date_format_long (iso_date);
  return add_field (box, name, date);
}

/* The family's words, set apart with the accent as everywhere else they
 * appear, so that they carry the same weight as the setting's. */
static void
add_family_views (GtkBox     *box,
                  const char *name,
                  const char *text)
{
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading = gtk_label_new (name);

  gtk_widget_add_css_class (frame, "family-comment");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (inner), heading);
  if (has_text (text))
    gtk_box_append (GTK_BOX (inner), text_label (text));
  else
    gtk_box_append (GTK_BOX (inner), dim_text (_("Not recorded")));
  gtk_box_append (GTK_BOX (frame), inner);
  gtk_box_append (box, frame);
}

/* An internal note: staff can read it here, and it is marked so that
 * nobody copies it into what a family receives. */
static void
add_internal_note (GtkBox     *box,
                   const char *text)
{
  GtkWidget *field, *header, *badge;

  if (!has_text (text))
    return;

  field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (header), small_heading (_("Internal Note")));
  badge = gtk_label_new (_("Staff only"));
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, "internal");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), badge);
  gtk_box_append (GTK_BOX (field), header);
  gtk_box_append (GTK_BOX (field), text_label (text));
  gtk_box_append (box, field);
}

static const char *
text_of (gpointer    record,
         const char *field)
{
  return tandem_record_get_text (TANDEM_RECORD (record), field);
}

/* One line of the facts under the child's name, its name and value on
 * one baseline. */
static void
add_fact (GtkGrid    *grid,
          int         row,
          const char *name,
          const char *value)
{
  GtkWidget *name_label = small_heading (name);
  GtkWidget *value_label = text_label (value);

  gtk_widget_set_valign (name_label, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (value_label, GTK_ALIGN_BASELINE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
}

static void
add_heading (TandemPlanVersionWindow *self,
             TandemPlanSnapshot      *snapshot)
{
  TandemRecord *plan = TANDEM_RECORD (snapshot->plan);
  g_autoptr(TandemRecord) child = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name, *facts;
  g_autofree char *taken = tandem_date_format_long (snapshot->taken_on);
  g_autofree char *as_it_was = NULL;
  const char *child_id = tandem_record_get_text (plan, "child_id");
  struct {
    const char *name;
    const char *field;
  } dates[] = {
    { N_("Started"), "starts_on" },
    { N_("Next review"), "next_review_on" },
    { N_("Closed"), "closed_on" },
  };
  int row = 1;

  if (child_id != NULL)
    child = tandem_store_load (self->store, TANDEM_TYPE_CHILD, child_id, NULL);
  name = gtk_label_new (child != NULL ? tandem_child_get_display_name (TANDEM_CHILD (child))
                                      : _("Support Plan"));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), name);

  /* Translators: under the child's name in an earlier version of a plan;
   * %s is a date. */
  as_it_was = g_strdup_printf (_("The support plan as it was on %s. Later changes are not "
                                 "shown."), taken);
  gtk_box_append (GTK_BOX (box), dim_text (as_it_was));

  facts = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (facts), 12);
  gtk_grid_set_row_spacing (GTK_GRID (facts), 3);
  gtk_widget_set_margin_top (facts, 6);
  add_fact (GTK_GRID (facts), 0, _("Status"),
            tandem_plan_status_label (tandem_record_get_text (plan, "status")));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      const char *iso = tandem_record_get_text (plan, dates[i].field);
      g_autofree char *date = NULL;

      if (!has_text (iso))
        continue;
      date = tandem_date_format_long (iso);
      add_fact (GTK_GRID (facts), row++, _(dates[i].name), date);
    }
  gtk_box_append (GTK_BOX (box), facts);

  gtk_box_append (self->content_box, box);
}

static void
add_profile (TandemPlanVersionWindow *self,
             TandemPlan              *plan)
{
  GtkBox *section = add_section (self, _("About the Child"));

  if (!add_field (section, _("Strengths"), text_of (plan, "strengths")))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (_("No strengths recorded"));

      gtk_widget_add_css_class (box, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (section, box);
    }
  add_field (section, _("What Matters to Them"), text_of (plan, "what_matters"));
  add_field (section, _("How Best to Support Them"), text_of (plan, "how_to_support"));
}

static void
add_needs (TandemPlanVersionWindow *self,
           TandemPlan              *plan)
{
  const char * const *areas = tandem_plan_areas ();
  GtkBox *section = add_section (self, _("Needs"));
  gboolean any = FALSE;

  for (guint i = 0; areas[i] != NULL; i++)
    any |= add_field (section, tandem_plan_area_label (areas[i]),
                      text_of (plan, tandem_plan_area_field (areas[i])));
  if (!any)
    gtk_box_append (section, dim_text (_("No needs recorded")));
}

static void
add_views (TandemPlanVersionWindow *self,
           TandemPlan              *plan)
{
  GtkBox *section = add_section (self, _("Views"));
  const char *how = text_of (plan, "child_views_how");

  add_family_views (section, _("The Family’s Views"), text_of (plan, "family_views"));
  if (!add_field (section, _("The Child’s Views"), text_of (plan, "child_views")))
    {
      GtkWidget *field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

      gtk_box_append (GTK_BOX (field), small_heading (_("The Child’s Views")));
      gtk_box_append (GTK_BOX (field), dim_text (_("Not recorded")));
      gtk_box_append (section, field);
    }
  add_field (section, _("How They Were Gathered"), how);
}

static void
add_professionals (TandemPlanVersionWindow *self,
                   GPtrArray               *professionals)
{
  GtkBox *section;

  if (professionals == NULL || professionals->len == 0)
    return;

  section = add_section (self, _("Professionals Involved"));
  for (guint i = 0; i < professionals->len; i++)
    {
      gpointer professional = g_ptr_array_index (professionals, i);
      const char *details[] = {
        text_of (professional, "role"),
        text_of (professional, "service"),
        text_of (professional, "contact"),
      };
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *name = text_label (text_of (professional, "name"));

      gtk_widget_add_css_class (name, "heading");
      gtk_box_append (GTK_BOX (box), name);
      for (guint j = 0; j < G_N_ELEMENTS (details); j++)
        if (has_text (details[j]))
          gtk_box_append (GTK_BOX (box), text_label (details[j]));
      gtk_box_append (section, box);
    }
}

static void
add_ehcp (TandemPlanVersionWindow *self,
          TandemPlan              *plan)
{
  GtkBox *section = add_section (self, _("Education, Health and Care Plan"));
  const char *status = text_of (plan, "ehcp_status");

  add_field (section, _("Status"), tandem_plan_ehcp_status_label (status != NULL ? status
                                                                                 : "none"));
  add_date_field (section, _("Requested On"), text_of (plan, "ehcp_requested_on"));
  add_date_field (section, _("Issued On"), text_of (plan, "ehcp_issued_on"));
}

static void
add_plan_notes (TandemPlanVersionWindow *self,
                TandemPlan              *plan)
{
  const char *summary = text_of (plan, "family_summary");
  const char *note = text_of (plan, "internal_note");
  GtkBox *section;

  if (!has_text (summary) && !has_text (note))
    return;

  section = add_section (self, _("Summary for the Family"));
  if (!add_field (section, _("In Plain Words"), summary))
    gtk_box_append (section, dim_text (_("Not written")));
  add_internal_note (section, note);
}

/* How far the outcome had come at the review: its label, a level shown
 * as steps so that it can be taken in at a glance, and the comment. */
static void
add_rating (GtkBox             *box,
            TandemPlanProgress *progress)
{
  const char *code = text_of (progress, "progress");
  const char *label_text = tandem_plan_progress_label (code);
  int rank = tandem_plan_progress_rank (code);
  int n_levels = (int) g_strv_length ((char **) tandem_plan_progress_levels ());
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = text_label (label_text);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, n_levels - 1);
  g_autofree char *description = NULL;

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (line), label);

  /* Every step reached in the accent colour: a low level is early
   * progress, not a warning. */
  gtk_level_bar_set_mode (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_MODE_DISCRETE);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MAX (rank, 0));
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 96, -1);
  /* Translators: what a screen reader says for the progress indicator:
   * %1$s is a level, e.g. "Developing"; %2$d its step, %3$d the last
   * step, e.g. "Developing, 2 of 4". */
  description = g_strdup_printf (_("%1$s, %2$d of %3$d"), label_text, MAX (rank, 0),
                                 n_levels - 1);
  tandem_a11y_set_label (bar, _("Progress"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, label_text,
                                  -1);
  gtk_box_append (GTK_BOX (line), bar);
  gtk_box_append (box, line);

  add_field (box, _("Comment"), text_of (progress, "comment"));
}

static void
add_evidence (GtkBox             *box,
              TandemPlanSnapshot *snapshot,
              const char         *outcome_id)
{
  GtkWidget *list = NULL;

  for (guint i = 0; snapshot->review_parts != NULL && i < snapshot->review_parts->evidence->len;
       i++)
    {
      gpointer evidence = g_ptr_array_index (snapshot->review_parts->evidence, i);
      const char *observation_id = text_of (evidence, "observation_id");
      const char *title = NULL;
      g_auto(GStrv) parts = NULL;
      GtkWidget *item, *date_label;

      if (g_strcmp0 (text_of (evidence, "outcome_id"), outcome_id) != 0)
        continue;

      if (list == NULL)
        {
          list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          gtk_box_append (GTK_BOX (list), small_heading (_("Evidence")));
          gtk_box_append (box, list);
        }

      if (snapshot->evidence_titles != NULL && observation_id != NULL)
        title = g_hash_table_lookup (snapshot->evidence_titles, observation_id);
      item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      if (title == NULL)
        {
          gtk_box_append (GTK_BOX (item), dim_text (_("An observation no longer held")));
          gtk_box_append (GTK_BOX (list), item);
          continue;
        }

      /* "YYYY-MM-DD\tfirst words", as the observation read when frozen. */
      parts = g_strsplit (title, "\t", 2);
      if (parts[0] != NULL && parts[1] != NULL)
        {
          g_autofree char *date = tandem_date_format_long (parts[0]);

          date_label = text_label (date);
          gtk_widget_add_css_class (date_label, "caption");
          gtk_widget_add_css_class (date_label, "dim-label");
          gtk_box_append (GTK_BOX (item), date_label);
          gtk_box_append (GTK_BOX (item), text_label (parts[1]));
        }
      else
        gtk_box_append (GTK_BOX (item), text_label (title));
      gtk_box_append (GTK_BOX (list), item);
    }
}

static void
add_provision (GtkBox          *box,
               TandemPlanParts *parts,
               const char      *outcome_id)
{
  g_autoptr(GPtrArray) provisions = tandem_plan_parts_provisions_for (parts, outcome_id);
  GtkWidget *field;

  if (provisions == NULL || provisions->len == 0)
    return;

  field = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_box_append (GTK_BOX (field), small_heading (_("Provision")));
  for (guint i = 0; i < provisions->len; i++)
    {
      gpointer provision = g_ptr_array_index (provisions, i);
      const char *pieces[] = {
        text_of (provision, "what"),
        text_of (provision, "who"),
        text_of (provision, "how_often"),
        text_of (provision, "place"),
      };
      g_autoptr(GPtrArray) said = g_ptr_array_new ();
      g_autofree char *line = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (pieces); j++)
        if (has_text (pieces[j]))
          g_ptr_array_add (said, (gpointer) pieces[j]);
      g_ptr_array_add (said, NULL);
      /* What · who · how often · where, e.g. "Attention Autism group ·
       * Priya · 3 times a week, 10 minutes · Quiet room". */
      line = g_strjoinv (" · ", (char **) said->pdata);
      gtk_box_append (GTK_BOX (field), text_label (line));
    }
  gtk_box_append (box, field);
}

static void
add_outcome (GtkBox             *section,
             TandemPlanSnapshot *snapshot,
             gpointer            outcome,
             GHashTable         *ratings)
{
  const char *outcome_id = tandem_record_get_id (TANDEM_RECORD (outcome));
  const char *area = text_of (outcome, "area");
  TandemPlanProgress *progress = g_hash_table_lookup (ratings, outcome_id);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (box, 16);
  gtk_widget_set_margin_end (box, 16);
  gtk_widget_set_margin_top (box, 14);
  gtk_widget_set_margin_bottom (box, 16);
  gtk_box_append (GTK_BOX (card), box);

  {
    GtkWidget *head = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

    if (has_text (area))
      {
        GtkWidget *area_label = small_heading (tandem_plan_area_label (area));

        gtk_box_append (GTK_BOX (head), area_label);
      }
    title = text_label (text_of (outcome, "outcome"));
    gtk_widget_add_css_class (title, "heading");
    gtk_box_append (GTK_BOX (head), title);
    gtk_box_append (GTK_BOX (box), head);
  }

  add_field (GTK_BOX (box), _("What Success Looks Like"), text_of (outcome, "success_looks_like"));
  add_date_field (GTK_BOX (box), _("Target Date"), text_of (outcome, "target_on"));
  add_field (GTK_BOX (box), _("Strategies"), text_of (outcome, "strategies"));
  add_provision (GTK_BOX (box), snapshot->parts, outcome_id);
  add_field (GTK_BOX (box), _("How the Family Can Help at Home"), text_of (outcome, "home_help"));

  if (snapshot->review != NULL)
    {
      GtkWidget *review = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (review), small_heading (_("Progress at This Review")));
      if (progress != NULL)
        add_rating (GTK_BOX (review), progress);
      else
        gtk_box_append (GTK_BOX (review), dim_text (_("Not rated at this review")));
      add_evidence (GTK_BOX (review), snapshot, outcome_id);
      gtk_box_append (GTK_BOX (box), review);
    }

  gtk_box_append (section, card);
}

static void
add_outcomes (TandemPlanVersionWindow *self,
              TandemPlanSnapshot      *snapshot)
{
  g_autoptr(GHashTable) ratings = g_hash_table_new (g_str_hash, g_str_equal);
  const char *terms[] = { TANDEM_PLAN_TERM_SHORT, TANDEM_PLAN_TERM_LONG };
  GPtrArray *outcomes = snapshot->parts != NULL ? snapshot->parts->outcomes : NULL;

  for (guint i = 0; snapshot->review_parts != NULL && i < snapshot->review_parts->progress->len;
       i++)
    {
      gpointer progress = g_ptr_array_index (snapshot->review_parts->progress, i);
      const char *outcome_id = text_of (progress, "outcome_id");

      if (outcome_id != NULL)
        g_hash_table_insert (ratings, (gpointer) outcome_id, progress);
    }

  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      GtkBox *section = NULL;

      for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
        {
          gpointer outcome = g_ptr_array_index (outcomes, i);

          if (g_strcmp0 (text_of (outcome, "term"), terms[t]) != 0)
            continue;
          if (section == NULL)
            section = add_section (self, g_str_equal (terms[t], TANDEM_PLAN_TERM_SHORT)
                                         ? _("Short-Term Outcomes")
                                         : _("Long-Term Outcomes"));
          add_outcome (section, snapshot, outcome, ratings);
        }
    }

  if (outcomes == NULL || outcomes->len == 0)
    {
      GtkBox *section = add_section (self, _("Outcomes"));

      gtk_box_append (section, dim_text (_("No outcomes written")));
    }
}

static void
add_review (TandemPlanVersionWindow *self,
            TandemPlanReview        *review)
{
  g_autofree char *held_on = NULL;
  g_autofree char *title = NULL;
  GtkBox *section;

  if (review == NULL)
    return;

  held_on = tandem_date_format_long (text_of (review, "held_on"));
  /* Translators: a heading in an earlier version of a plan; %s is a date. */
  title = g_strdup_printf (_("Review of %s"), held_on);
  section = add_section (self, title);
  add_family_views (section, _("The Family’s Views"), text_of (review, "family_views"));
  add_field (section, _("The Child’s Views"), text_of (review, "child_views"));
  add_field (section, _("Next Steps"), text_of (review, "next_steps"));
  add_date_field (section, _("Next Review"), text_of (review, "next_review_on"));
  add_internal_note (section, text_of (review, "internal_note"));
}

static void
show_snapshot (TandemPlanVersionWindow *self,
               TandemPlanSnapshot      *snapshot)
{
  g_autofree char *subtitle = NULL;
  TandemPlan *plan = snapshot->plan;

  if (snapshot->review != NULL)
    {
      g_autofree char *date = tandem_date_format_long (text_of (snapshot->review, "held_on"));

      /* Translators: under "Earlier Version": %1$d is its number, %2$s the
       * date of the review that froze it, e.g. "Version 2 · reviewed 12
       * March 2026". */
      subtitle = g_strdup_printf (_("Version %1$d · reviewed %2$s"), snapshot->number, date);
    }
  else
    {
      g_autofree char *date = tandem_date_format_long (snapshot->taken_on);

      /* Translators: under "Earlier Version": %1$d is its number, %2$s the
       * date it was kept, e.g. "Version 2 · 12 March 2026". */
      subtitle = g_strdup_printf (_("Version %1$d · %2$s"), snapshot->number, date);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle);

  add_heading (self, snapshot);
  add_profile (self, plan);
  add_needs (self, plan);
  add_views (self, plan);
  add_professionals (self, snapshot->parts != NULL ? snapshot->parts->professionals : NULL);
  add_ehcp (self, plan);
  add_plan_notes (self, plan);
  add_outcomes (self, snapshot);
  add_review (self, snapshot->review);

  gtk_stack_set_visible_child_name (self->stack, "version");
}

static void
load (TandemPlanVersionWindow *self)
{
  g_autoptr(TandemPlanSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = tandem_plans_load_version (self->store, self->version_id, &error);
  if (snapshot == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_snapshot (self, snapshot);
}

/* A window takes the first thing it can focus, here a selectable label,
 * which GTK then selects whole: the window would open with a word
 * highlighted for no reason. Nothing is focused until the person moves
 * there. */
static void
tandem_plan_version_window_show (GtkWidget *widget)
{
  GtkWidget *focus;

  GTK_WIDGET_CLASS (tandem_plan_version_window_parent_class)->show (widget);

  focus = gtk_window_get_focus (GTK_WINDOW (widget));
  if (GTK_IS_LABEL (focus))
    {
      gtk_label_select_region (GTK_LABEL (focus), 0, 0);
      gtk_window_set_focus (GTK_WINDOW (widget), NULL);
    }
}

static void
tandem_plan_version_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TANDEM_TYPE_PLAN_VERSION_WINDOW);

  G_OBJECT_CLASS (tandem_plan_version_window_parent_class)->dispose (object);
}

static void
tandem_plan_version_window_finalize (GObject *object)
{
  TandemPlanVersionWindow *self = TANDEM_PLAN_VERSION_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->version_id, g_free);

  G_OBJECT_CLASS (tandem_plan_version_window_parent_class)->finalize (object);
}

static void
tandem_plan_version_window_class_init (TandemPlanVersionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_plan_version_window_dispose;
  object_class->finalize = tandem_plan_version_window_finalize;
  widget_class->show = tandem_plan_version_window_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-plan-version-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPlanVersionWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanVersionWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanVersionWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TandemPlanVersionWindow, content_box);

  /* Nothing to save: Escape closes it, as any read-only window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_plan_version_window_init (TandemPlanVersionWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tandem_plan_version_window_new:
 * @parent: (nullable): the window it belongs to
 * @store: the store holding the version
 * @version_id: the id of a #TandemPlanVersion
 *
 * Returns: (transfer none): a new window showing that version, not yet
 *   presented; a version that cannot be read shows why instead
 */
GtkWindow *
tandem_plan_version_window_new (GtkWindow   *parent,
                                TandemStore *store,
                                const char  *version_id)
{
  TandemPlanVersionWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (version_id != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_PLAN_VERSION_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->version_id = g_strdup (version_id);
  load (self);
  return GTK_WINDOW (self);
}
