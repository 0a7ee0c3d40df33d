/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-reviews-page.h"

/* Plan Reviews: the support plans of all children that need a review
 * arranged, so that a review meeting can be planned with the family in
 * good time (DESIGN.md, Support plans). Overdue ones come first and say by
 * how long; then those due in the next two weeks. Open plans that say
 * nothing of the child's strengths are listed too, because a plan always
 * carries strengths (DESIGN.md, value 3); a plan listed as due that lacks
 * them carries the same warning rather than being listed twice. */

/* How far ahead plans count as due, in days. */
#define DUE_WITHIN_DAYS 14

#define CHILD_ID_KEY "tandem-child-id"
#define PLAN_ID_KEY  "tandem-plan-id"

struct _TandemReviewsPage
{
  GtkWidget    parent_instance;

  GtkStack    *stack;
  GtkBox      *groups_box;

  TandemStore *store;
  /* The date the page is judged against, for tests; NULL for today. */
  char        *today;
  guint        reload_id;
  /* A change came while the page was not on screen. */
  gboolean     dirty;
  guint        n_overdue;
  guint        n_due;
};

G_DEFINE_FINAL_TYPE (TandemReviewsPage, tandem_reviews_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TODAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PLAN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  GROUP_OVERDUE,
  GROUP_DUE,
  GROUP_NO_STRENGTHS,
  N_GROUPS
} Group;

static char *
dup_today (TandemReviewsPage *self)
{
  return self->today != NULL ? g_strdup (self->today) : tandem_date_today ();
}

static const char *
group_title (Group group)
{
  switch (group)
    {
    case GROUP_OVERDUE:
      return _("Overdue");
    case GROUP_DUE:
      return _("Due in the Next Two Weeks");
    case GROUP_NO_STRENGTHS:
    case N_GROUPS:
    default:
      return _("Plans Without Strengths");
    }
}

/* Loads @id's record once per reload. */
static TandemRecord *
cached_record (TandemStore *store,
               GHashTable  *cache,
               GType        type,
               const char  *id)
{
  TandemRecord *record;

  if (id == NULL)
    return NULL;

  record = g_hash_table_lookup (cache, id);
  if (record == NULL)
    {
      record = tandem_store_load (store, type, id, NULL);
      if (record == NULL)
        return NULL;
      g_hash_table_insert (cache, g_strdup (id), record);
    }
  return record;
}

/* When the review is due, in words: "Overdue by 3 days", "Due today",
 * "Due in 5 days"; NULL when the plan has no next review date. */
static char *
due_text (int days)
{
  if (days == G_MININT)
    return NULL;
  if (days < 0)
    /* Translators: a plan's review; %d is a number of days. */
    return g_strdup_printf (ngettext ("Overdue by %d day", "Overdue by %d days", -days), -days);
  if (days == 0)
    return g_strdup (_("Due today"));
  if (days == 1)
    return g_strdup (_("Due tomorrow"));
  /* Translators: a plan's review; %d is a number of days. */
  return g_strdup_printf (ngettext ("Due in %d day", "Due in %d days", days), days);
}

static GtkWidget *
caption_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
plan_row (TandemReviewsPage *self,
          TandemPlan        *plan,
          Group              group,
          const char        *today_iso,
          GHashTable        *cache)
{
  TandemRecord *record = TANDEM_RECORD (plan);
  const char *child_id = tandem_record_get_text (record, "child_id");
  TandemRecord *child = cached_record (self->store, cache, TANDEM_TYPE_CHILD, child_id);
  const char *child_name = child != NULL ? tandem_child_get_display_name (TANDEM_CHILD (child))
                                         : _("Unknown child");
  const char *status = tandem_plan_status_label (tandem_record_get_text (record, "status"));
  const char *next_review_on = tandem_record_get_text (record, "next_review_on");
  gboolean lacks_strengths = tandem_plan_lacks_strengths (plan);
  g_autofree char *due = due_text (tandem_plan_days_to_review (plan, today_iso));
  g_autofree char *meta_text = NULL;
  g_autoptr(GString) row_name = NULL;
  GtkWidget *row, *box, *text, *title, *meta, *arrow;

  if (next_review_on != NULL)
    {
      g_autofree char *date = tandem_date_format_long (next_review_on);

      /* Translators: under a child's name in Plan Reviews: the plan's
       * status and the date of its next review, e.g. "Active · Review on
       * 9 December 2026". */
      meta_text = g_strdup_printf (_("%1$s · Review on %2$s"), status, date);
    }
  else
    /* Translators: under a child's name in Plan Reviews: the plan's
     * status, e.g. "Draft · No review date set". */
    meta_text = g_strdup_printf (_("%s · No review date set"), status);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), CHILD_ID_KEY, g_strdup (child_id), g_free);
  g_object_set_data_full (G_OBJECT (row), PLAN_ID_KEY,
                          g_strdup (tandem_record_get_id (record)), g_free);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  title = gtk_label_new (child_name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), title);

  meta = caption_label (meta_text);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (text), meta);

  /* Plans listed for their missing strengths are not due; saying when
   * they are would only repeat the date above. */
  if (due != NULL && group != GROUP_NO_STRENGTHS)
    {
      GtkWidget *due_label = caption_label (due);

      if (group == GROUP_OVERDUE)
        {
          gtk_widget_add_css_class (due_label, "error");
          gtk_widget_add_css_class (due_label, "heading");
        }
      else
        gtk_widget_add_css_class (due_label, "dim-label");
      gtk_box_append (GTK_BOX (text), due_label);
      g_object_set_data (G_OBJECT (row), "tandem-due", due_label);
    }

  if (lacks_strengths)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      const char *warning = _("No strengths recorded");

      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (icon, warning);
      gtk_widget_add_css_class (icon, "warning");
      tandem_a11y_set_label (icon, warning);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warning, -1);
      gtk_box_append (GTK_BOX (box), icon);
      g_object_set_data (G_OBJECT (row), "tandem-warning", icon);
    }

  /* The row opens the child's plan. */
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), arrow);

  /* Translators: what a screen reader says for a plan in Plan Reviews:
   * %1$s is the child, %2$s the plan's status and review date. */
  row_name = g_string_new (NULL);
  g_string_printf (row_name, _("%1$s, %2$s"), child_name, meta_text);
  if (due != NULL && group != GROUP_NO_STRENGTHS)
    g_string_append_printf (row_name, ", %s", due);
  if (lacks_strengths)
    g_string_append_printf (row_name, "\n%s", _("No strengths recorded"));
  tandem_a11y_set_label (row, row_name->str);

  return row;
}

static void
row_activated_cb (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  TandemReviewsPage *self)
{
  const char *child_id = g_object_get_data (G_OBJECT (row), CHILD_ID_KEY);
  const char *plan_id = g_object_get_data (G_OBJECT (row), PLAN_ID_KEY);

  if (child_id != NULL && plan_id != NULL)
    g_signal_emit (self, signals[PLAN_ACTIVATED], 0, child_id, plan_id);
}

static GtkListBox *
add_group (TandemReviewsPage *self,
           Group              group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading = gtk_label_new (group_title (group));
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  if (group == GROUP_OVERDUE)
    gtk_widget_add_css_class (heading, "error");
  gtk_box_append (GTK_BOX (header), heading);

  /* Why a plan is listed that is not due. */
  if (group == GROUP_NO_STRENGTHS)
    {
      GtkWidget *why = caption_label (_("A plan starts from what the child enjoys and does "
                                        "well. Add their strengths to the one-page profile."));

      gtk_widget_add_css_class (why, "dim-label");
      gtk_box_append (GTK_BOX (header), why);
    }
  gtk_box_append (GTK_BOX (box), header);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_box_append (GTK_BOX (box), list);

  g_object_set_data (G_OBJECT (box), "tandem-group", GINT_TO_POINTER (group + 1));
  gtk_box_append (self->groups_box, box);
  return GTK_LIST_BOX (list);
}

static void
clear_groups (TandemReviewsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

/**
 * tandem_reviews_page_reload:
 * @self: a reviews page
 *
 * Reads the plans due for review again, here and now.
 */
void
tandem_reviews_page_reload (TandemReviewsPage *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_iso = NULL;
  GtkListBox *lists[N_GROUPS] = { NULL, };
  guint n_rows = 0;

  g_return_if_fail (TANDEM_IS_REVIEWS_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = FALSE;
  clear_groups (self);
  self->n_overdue = 0;
  self->n_due = 0;

  today_iso = dup_today (self);
  if (!tandem_date_is_valid (today_iso))
    {
      g_free (today_iso);
      today_iso = tandem_date_today ();
    }

  if (self->store != NULL)
    {
      due = tandem_plans_due (self->store, today_iso, DUE_WITHIN_DAYS, &error);
      if (due == NULL)
        g_warning ("Could not read the plans due for review: %s", error->message);
      g_clear_error (&error);

      open = tandem_plans_open (self->store, &error);
      if (open == NULL)
        g_warning ("Could not read the open plans: %s", error->message);
    }

  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  listed = g_hash_table_new (g_str_hash, g_str_equal);

  /* The store lists them overdue first, then by date, which the two
   * groups keep; the overdue group is made first either way. */
  for (Group group = GROUP_OVERDUE; group <= GROUP_DUE; group++)
    for (guint i = 0; due != NULL && i < due->len; i++)
      {
        TandemPlan *plan = g_ptr_array_index (due, i);
        int days = tandem_plan_days_to_review (plan, today_iso);

        if (days == G_MININT || (days < 0) != (group == GROUP_OVERDUE))
          continue;
        if (lists[group] == NULL)
          lists[group] = add_group (self, group);
        gtk_list_box_append (lists[group], plan_row (self, plan, group, today_iso, cache));
        g_hash_table_add (listed, (gpointer) tandem_record_get_id (TANDEM_RECORD (plan)));
        if (group == GROUP_OVERDUE)
          self->n_overdue++;
        else
          self->n_due++;
        n_rows++;
      }

  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      TandemPlan *plan = g_ptr_array_index (open, i);

      if (!tandem_plan_lacks_strengths (plan) ||
          g_hash_table_contains (listed, tandem_record_get_id (TANDEM_RECORD (plan))))
        continue;
      if (lists[GROUP_NO_STRENGTHS] == NULL)
        lists[GROUP_NO_STRENGTHS] = add_group (self, GROUP_NO_STRENGTHS);
      gtk_list_box_append (lists[GROUP_NO_STRENGTHS],
                           plan_row (self, plan, GROUP_NO_STRENGTHS, today_iso, cache));
      n_rows++;
    }

  gtk_stack_set_visible_child_name (self->stack, n_rows > 0 ? "list" : "empty");
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TandemReviewsPage *self = user_data;

  self->reload_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Read again when shown; nobody sees it until then. */
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }

  tandem_reviews_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TandemStore       *store,
                  const char        *table,
                  const char        *id,
                  TandemReviewsPage *self)
{
  static const char * const tables[] = { "children", "plans", NULL };

  if (table != NULL && !g_strv_contains (tables, table))
    return;

  /* Many changes at once (an import, a review recorded) read the list
   * once. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
tandem_reviews_page_map (GtkWidget *widget)
{
  TandemReviewsPage *self = TANDEM_REVIEWS_PAGE (widget);

  GTK_WIDGET_CLASS (tandem_reviews_page_parent_class)->map (widget);

  if (self->dirty)
    tandem_reviews_page_reload (self);
}

static void
tandem_reviews_page_dispose (GObject *object)
{
  TandemReviewsPage *self = TANDEM_REVIEWS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_REVIEWS_PAGE);

  G_OBJECT_CLASS (tandem_reviews_page_parent_class)->dispose (object);
}

static void
tandem_reviews_page_finalize (GObject *object)
{
  TandemReviewsPage *self = TANDEM_REVIEWS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (tandem_reviews_page_parent_class)->finalize (object);
}

static void
tandem_reviews_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemReviewsPage *self = TANDEM_REVIEWS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_reviews_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemReviewsPage *self = TANDEM_REVIEWS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_reviews_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_TODAY:
      tandem_reviews_page_set_today (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_reviews_page_class_init (TandemReviewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_reviews_page_dispose;
  object_class->finalize = tandem_reviews_page_finalize;
  object_class->get_property = tandem_reviews_page_get_property;
  object_class->set_property = tandem_reviews_page_set_property;
  widget_class->map = tandem_reviews_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemReviewsPage:today:
   *
   * The date (ISO) plans are judged due against, or %NULL for today's;
   * tests set it.
   */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemReviewsPage::plan-activated:
   * @self: the reviews page
   * @child_id: the child whose plan was chosen
   * @plan_id: the plan
   *
   * Emitted when a plan's row is activated, for the window to show that
   * child's plan.
   */
  signals[PLAN_ACTIVATED] =
    g_signal_new ("plan-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-reviews-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemReviewsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemReviewsPage, groups_box);
}

static void
tandem_reviews_page_init (TandemReviewsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * tandem_reviews_page_new:
 *
 * Returns: (transfer floating): a new reviews page
 */
GtkWidget *
tandem_reviews_page_new (void)
{
  return g_object_new (TANDEM_TYPE_REVIEWS_PAGE, NULL);
}

/**
 * tandem_reviews_page_get_store:
 * @self: a reviews page
 *
 * Returns: (transfer none) (nullable): the store whose plans are listed
 */
TandemStore *
tandem_reviews_page_get_store (TandemReviewsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_REVIEWS_PAGE (self), NULL);

  return self->store;
}

/**
 * tandem_reviews_page_set_store:
 * @self: a reviews page
 * @store: (nullable): the store to list the plans of
 *
 * Lists @store's plans due for review, and follows its changes.
 */
void
tandem_reviews_page_set_store (TandemReviewsPage *self,
                               TandemStore       *store)
{
  g_return_if_fail (TANDEM_IS_REVIEWS_PAGE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  tandem_reviews_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tandem_reviews_page_get_today:
 * @self: a reviews page
 *
 * Returns: (nullable): the date set with tandem_reviews_page_set_today(),
 *   or %NULL when the page follows the calendar
 */
const char *
tandem_reviews_page_get_today (TandemReviewsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_REVIEWS_PAGE (self), NULL);

  return self->today;
}

/**
 * tandem_reviews_page_set_today:
 * @self: a reviews page
 * @today: (nullable): an ISO date, or %NULL for the real today
 *
 * Judges the plans against @today (for tests), and lists them again.
 */
void
tandem_reviews_page_set_today (TandemReviewsPage *self,
                               const char        *today)
{
  g_return_if_fail (TANDEM_IS_REVIEWS_PAGE (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);
  tandem_reviews_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * tandem_reviews_page_get_n_overdue:
 * @self: a reviews page
 *
 * Returns: how many plans the page lists as overdue for review
 */
guint
tandem_reviews_page_get_n_overdue (TandemReviewsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_REVIEWS_PAGE (self), 0);

  return self->n_overdue;
}

/**
 * tandem_reviews_page_get_n_due:
 * @self: a reviews page
 *
 * Returns: how many plans the page lists as due in the next two weeks (not
 *   counting the overdue ones)
 */
guint
tandem_reviews_page_get_n_due (TandemReviewsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_REVIEWS_PAGE (self), 0);

  return self->n_due;
}
