/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-coverage.h"
#include "tandem-eyfs.h"
#include "tandem-journal.h"

/* How the seven areas of learning have been covered in a child's journal
 * lately: a line that names the areas nobody has observed, and a count and
 * a bar for each area. A gap is a prompt for the keyworker, not a failing:
 * it is shown gently, in words. */

#define N_AREAS 7

typedef struct {
  GtkWidget   *child;
  GtkLabel    *count_label;
  GtkLevelBar *bar;
} AreaRow;

struct _TandemCoverage
{
  GtkWidget             parent_instance;

  GtkToggleButton      *expand_button;
  GtkLabel             *summary_label;
  GtkDropDown          *period_dropdown;
  GtkRevealer          *revealer;
  GtkFlowBox           *areas_box;
  AreaRow               rows[N_AREAS];

  TandemStore          *store;
  char                 *child_id;
  TandemCoveragePeriod  period;
  GHashTable           *counts;
  char                 *summary;
  guint                 refresh_id;
};

G_DEFINE_FINAL_TYPE (TandemCoverage, tandem_coverage, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHILD_ID,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
iso (GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * tandem_coverage_period_range:
 * @period: a period
 * @today: (nullable): the day to count back from; %NULL for today
 * @from: (out) (transfer full): the first day, ISO
 * @to: (out) (transfer full): the last day (@today), ISO
 *
 * Terms are taken as the English school year has them, near enough for a
 * summary: autumn from 1 September, spring from 1 January, summer from
 * 1 April.
 */
void
tandem_coverage_period_range (TandemCoveragePeriod   period,
                              GDate                 *today,
                              char                 **from,
                              char                 **to)
{
  GDate now, start;

  g_return_if_fail (from != NULL && to != NULL);

  if (today != NULL)
    now = *today;
  else
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
    }
  start = now;

  switch (period)
    {
    case TANDEM_COVERAGE_THIS_TERM:
      {
        GDateMonth month = g_date_get_month (&now);
        GDateMonth first = month >= G_DATE_SEPTEMBER ? G_DATE_SEPTEMBER
                           : month >= G_DATE_APRIL ? G_DATE_APRIL : G_DATE_JANUARY;

        g_date_set_dmy (&start, 1, first, g_date_get_year (&now));
      }
      break;
    case TANDEM_COVERAGE_LAST_12_MONTHS:
      g_date_subtract_years (&start, 1);
      g_date_add_days (&start, 1);
      break;
    case TANDEM_COVERAGE_LAST_4_WEEKS:
    default:
      g_date_subtract_days (&start, 27);
      break;
    }

  *from = iso (&start);
  *to = iso (&now);
}

/**
 * tandem_coverage_latest_observations:
 * @store: a store
 * @not_before: ISO date: how far back to look
 * @error: where to put a failure
 *
 * The date of each child's latest observation, for every child with one
 * on or after @not_before: the children not in the table have had none
 * since. One query reads the journal back from the newest observation and
 * stops as soon as every child who attends now is accounted for, which on
 * a normal day is a few weeks' worth of rows out of years.
 *
 * Returns: (transfer full) (element-type utf8 utf8): child id → ISO date
 */
GHashTable *
tandem_coverage_latest_observations (TandemStore  *store,
                                     const char   *not_before,
                                     GError      **error)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (not_before != NULL, NULL);

  db = tandem_store_get_db (store);

  if (sqlite3_prepare_v2 (db, "SELECT id FROM children WHERE deleted = 0"
                              "  AND (leaving_date IS NULL OR leaving_date > ?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (waiting, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT o.observed_on, oc.child_id FROM observations o"
                              "  JOIN observation_children oc ON oc.observation_id = o.id "
                              "WHERE o.deleted = 0 AND oc.deleted = 0 AND o.observed_on >= ?1 "
                              "ORDER BY o.observed_on DESC",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_text (stmt, 1, not_before, -1, SQLITE_STATIC);
  while (g_hash_table_size (waiting) > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *child_id = (const char *) sqlite3_column_text (stmt, 1);

      if (child_id == NULL || g_hash_table_contains (latest, child_id))
        continue;
      g_hash_table_insert (latest, g_strdup (child_id),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_hash_table_remove (waiting, child_id);
    }
  if (g_hash_table_size (waiting) > 0 && rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);

  return g_steal_pointer (&latest);

failed:
  _tandem_store_set_error (store, error);
  sqlite3_finalize (stmt);
  return NULL;
}

static void
update_rows (TandemCoverage *self)
{
  const TandemEyfsArea *areas;
  g_autoptr(GPtrArray) gaps = g_ptr_array_new ();
  guint n_areas, covered = 0, most = 1;

  areas = tandem_eyfs_areas (&n_areas);
  n_areas = MIN (n_areas, N_AREAS);

  for (guint i = 0; i < n_areas; i++)
    most = MAX (most, tandem_coverage_get_count (self, areas[i].code));

  for (guint i = 0; i < n_areas; i++)
    {
      AreaRow *row = &self->rows[i];
      guint n = tandem_coverage_get_count (self, areas[i].code);
      g_autofree char *count = NULL;
      g_autofree char *accessible = NULL;

      gtk_level_bar_set_max_value (row->bar, most);
      gtk_level_bar_set_value (row->bar, n);
      /* A gap is said in words, where the bar would be. */
      gtk_widget_set_visible (GTK_WIDGET (row->bar), n > 0);

      if (n > 0)
        {
          count = g_strdup_printf ("%u", n);
          /* Translators: read out for one area of learning; %1$s is the area, %2$u a count. */
          accessible = g_strdup_printf (ngettext ("%1$s: %2$u observation",
                                                  "%1$s: %2$u observations", n),
                                        _(areas[i].name), n);
          gtk_widget_remove_css_class (GTK_WIDGET (row->count_label), "coverage-gap");
          gtk_widget_add_css_class (GTK_WIDGET (row->count_label), "numeric");
          covered++;
        }
      else
        {
          count = g_strdup (_("Not observed recently"));
          /* Translators: read out for one area of learning; %s is the area. */
          accessible = g_strdup_printf (_("%s: not observed recently"), _(areas[i].name));
          gtk_widget_add_css_class (GTK_WIDGET (row->count_label), "coverage-gap");
          gtk_widget_remove_css_class (GTK_WIDGET (row->count_label), "numeric");
          g_ptr_array_add (gaps, (gpointer) _(areas[i].name));
        }

      gtk_label_set_label (row->count_label, count);
      tandem_a11y_set_label (row->child, accessible);
    }

  g_clear_pointer (&self->summary, g_free);
  if (self->child_id == NULL)
    self->summary = g_strdup ("");
  else if (covered == n_areas)
    self->summary = g_strdup (_("Every area observed"));
  else if (covered == 0)
    self->summary = g_strdup (_("No area observed in this period"));
  else
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (gaps, NULL);
      /* Translators: between the names of areas of learning. */
      names = g_strjoinv (_(", "), (char **) gaps->pdata);
      /* Translators: %s is a list of areas of learning, e.g. "Literacy, Mathematics". */
      self->summary = g_strdup_printf (_("Not observed recently: %s"), names);
    }

  gtk_label_set_label (self->summary_label, self->summary);
  if (self->child_id != NULL && covered < n_areas)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "coverage-gap");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "coverage-gap");
  if (covered == n_areas)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "dim-label");
}

static void
refresh (TandemCoverage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->counts, g_hash_table_unref);

  if (self->store != NULL && self->child_id != NULL)
    {
      tandem_coverage_period_range (self->period, NULL, &from, &to);
      self->counts = tandem_journal_area_counts (self->store, self->child_id, from, to, &error);
      if (self->counts == NULL)
        g_warning ("Coverage could not be counted: %s", error->message);
    }

  update_rows (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TandemCoverage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TandemStore    *store,
                  const char     *table,
                  const char     *id,
                  TandemCoverage *self)
{
  if (self->child_id != NULL && self->refresh_id == 0 &&
      (g_strcmp0 (table, "observations") == 0 ||
       g_strcmp0 (table, "observation_children") == 0))
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
period_changed_cb (TandemCoverage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (selected <= TANDEM_COVERAGE_LAST_12_MONTHS)
    tandem_coverage_set_period (self, selected);
}

static void
expand_toggled_cb (TandemCoverage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->expand_button);

  gtk_revealer_set_reveal_child (self->revealer, active);
  gtk_button_set_icon_name (GTK_BUTTON (self->expand_button),
                            active ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->expand_button),
                               active ? _("Hide the count for each area")
                                      : _("Show the count for each area"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->expand_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, active,
                               -1);
}

/* GTK 4.8 leaves the button inside a drop-down unnamed ("GtkToggleButton"
 * to a screen reader); it takes the drop-down's name. */
static void
name_drop_down (GtkWidget  *widget,
                const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        {
          tandem_a11y_set_label (child, label);
          return;
        }
      name_drop_down (child, label);
    }
}

static void
build_rows (TandemCoverage *self)
{
  const TandemEyfsArea *areas;
  guint n_areas;

  areas = tandem_eyfs_areas (&n_areas);
  g_assert (n_areas == N_AREAS);

  for (guint i = 0; i < N_AREAS; i++)
    {
      AreaRow *row = &self->rows[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (_(areas[i].name));
      GtkWidget *count = gtk_label_new (NULL);
      GtkWidget *bar = gtk_level_bar_new ();

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      /* Two columns on a wide window: long names are cut, with the whole
       * name in the tooltip. */
      gtk_label_set_width_chars (GTK_LABEL (name), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 22);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_set_tooltip_text (name, _(areas[i].name));
      gtk_box_append (GTK_BOX (box), name);

      /* One colour: a fuller bar is more observations, not a grade. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_size_request (bar, 80, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(areas[i].name), -1);
      gtk_box_append (GTK_BOX (box), bar);

      gtk_label_set_xalign (GTK_LABEL (count), 1);
      gtk_label_set_width_chars (GTK_LABEL (count), 3);
      gtk_widget_add_css_class (count, "caption");
      gtk_box_append (GTK_BOX (box), count);

      gtk_flow_box_append (self->areas_box, box);
      row->child = gtk_widget_get_parent (box);
      gtk_widget_set_focusable (row->child, FALSE);
      row->count_label = GTK_LABEL (count);
      row->bar = GTK_LEVEL_BAR (bar);
    }
}

static void
tandem_coverage_dispose (GObject *object)
{
  TandemCoverage *self = TANDEM_COVERAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_COVERAGE);
  /* The template's outer box has no id of its own to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tandem_coverage_parent_class)->dispose (object);
}

static void
tandem_coverage_finalize (GObject *object)
{
  TandemCoverage *self = TANDEM_COVERAGE (object);

  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->child_id);
  g_free (self->summary);

  G_OBJECT_CLASS (tandem_coverage_parent_class)->finalize (object);
}

static void
tandem_coverage_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TandemCoverage *self = TANDEM_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CHILD_ID:
      g_value_set_string (value, self->child_id);
      break;
    case PROP_PERIOD:
      g_value_set_int (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_coverage_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TandemCoverage *self = TANDEM_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_coverage_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHILD_ID:
      tandem_coverage_set_child_id (self, g_value_get_string (value));
      break;
    case PROP_PERIOD:
      tandem_coverage_set_period (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_coverage_class_init (TandemCoverageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_coverage_dispose;
  object_class->finalize = tandem_coverage_finalize;
  object_class->get_property = tandem_coverage_get_property;
  object_class->set_property = tandem_coverage_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHILD_ID] =
    g_param_spec_string ("child-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemCoverage:period:
   *
   * A #TandemCoveragePeriod: how far back to count.
   */
  properties[PROP_PERIOD] =
    g_param_spec_int ("period", NULL, NULL,
                      TANDEM_COVERAGE_LAST_4_WEEKS, TANDEM_COVERAGE_LAST_12_MONTHS,
                      TANDEM_COVERAGE_LAST_4_WEEKS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-coverage.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemCoverage, expand_button);
  gtk_widget_class_bind_template_child (widget_class, TandemCoverage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCoverage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemCoverage, revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemCoverage, areas_box);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, expand_toggled_cb);
}

static void
tandem_coverage_init (TandemCoverage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_drop_down (GTK_WIDGET (self->period_dropdown), _("Period"));
  build_rows (self);
  update_rows (self);
  expand_toggled_cb (self);
}

/**
 * tandem_coverage_new:
 *
 * Returns: (transfer floating): a new coverage summary, empty until it has
 *   a store and a child
 */
GtkWidget *
tandem_coverage_new (void)
{
  return g_object_new (TANDEM_TYPE_COVERAGE, NULL);
}

TandemStore *
tandem_coverage_get_store (TandemCoverage *self)
{
  g_return_val_if_fail (TANDEM_IS_COVERAGE (self), NULL);

  return self->store;
}

void
tandem_coverage_set_store (TandemCoverage *self,
                           TandemStore    *store)
{
  g_return_if_fail (TANDEM_IS_COVERAGE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
tandem_coverage_get_child_id (TandemCoverage *self)
{
  g_return_val_if_fail (TANDEM_IS_COVERAGE (self), NULL);

  return self->child_id;
}

void
tandem_coverage_set_child_id (TandemCoverage *self,
                              const char     *child_id)
{
  g_return_if_fail (TANDEM_IS_COVERAGE (self));

  if (g_strcmp0 (self->child_id, child_id) == 0)
    return;

  g_free (self->child_id);
  self->child_id = g_strdup (child_id);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD_ID]);
}

TandemCoveragePeriod
tandem_coverage_get_period (TandemCoverage *self)
{
  g_return_val_if_fail (TANDEM_IS_COVERAGE (self), TANDEM_COVERAGE_LAST_4_WEEKS);

  return self->period;
}

void
tandem_coverage_set_period (TandemCoverage       *self,
                            TandemCoveragePeriod  period)
{
  g_return_if_fail (TANDEM_IS_COVERAGE (self));
  g_return_if_fail (period <= TANDEM_COVERAGE_LAST_12_MONTHS);

  if (self->period == period)
    return;

  self->period = period;
  gtk_drop_down_set_selected (self->period_dropdown, period);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

/**
 * tandem_coverage_get_count:
 * @self: a coverage summary
 * @area: an area code, e.g. `cl`
 *
 * Returns: how many of the child's observations in the period touch @area
 */
guint
tandem_coverage_get_count (TandemCoverage *self,
                           const char     *area)
{
  g_return_val_if_fail (TANDEM_IS_COVERAGE (self), 0);

  if (self->counts == NULL || area == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, area));
}

/**
 * tandem_coverage_get_summary:
 * @self: a coverage summary
 *
 * Returns: the line shown under the heading, e.g. "Not observed recently:
 *   Literacy, Mathematics"
 */
const char *
tandem_coverage_get_summary (TandemCoverage *self)
{
  g_return_val_if_fail (TANDEM_IS_COVERAGE (self), NULL);

  return self->summary;
}
