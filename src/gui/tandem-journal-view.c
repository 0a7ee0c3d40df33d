/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-eyfs.h"
#include "tandem-journal-view.h"
#include "tandem-observation-card.h"

/* A child's learning journal: their observations as a timeline of cards,
 * newest first, with filters and the coverage of the areas of learning.
 *
 * The list is a list widget over a model that reads observations only as
 * their cards come on screen, and the cards are recycled as it scrolls: a
 * child with thousands of observations opens as fast as one with ten. */

/* The cards are in a one-column GtkGridView rather than a GtkListView: in
 * GTK 4.8 a list view keeps 200 rows built whatever fits on screen, and a
 * grid view about 30, and building, styling and measuring a card takes a few
 * milliseconds. Even so, the list is shown a few cards at first, enough to
 * fill the screen, and grows by a few cards a frame from the next frame on,
 * so that the first cards are on screen at once. */
#define FIRST_CARDS 6
#define MORE_CARDS_PER_FRAME 6
#define ALL_BUILT 40

/* Source and shared choices, in the order of their drop-downs. */
static const char * const source_codes[] = { NULL, TANDEM_SOURCE_SETTING, TANDEM_SOURCE_HOME };
static const int shared_values[] = { -1, 1, 0 };

/* A plain GtkWidget, not an AdwBin: its "child" property is the child
 * being shown, which AdwBin's own "child" property would clash with. */
struct _TandemJournalView
{
  GtkWidget               parent_instance;

  GtkStack               *stack;
  AdwStatusPage          *empty_page;
  GtkWidget              *empty_write_button;
  GtkWidget              *write_button;
  GtkLabel               *count_label;
  GtkToggleButton        *filter_button;
  AdwButtonContent       *filter_button_content;
  GtkRevealer            *filter_revealer;
  GtkDropDown            *area_dropdown;
  GtkDropDown            *source_dropdown;
  GtkDropDown            *shared_dropdown;
  GtkEntry               *from_entry;
  GtkEntry               *to_entry;
  GtkWidget              *clear_button;
  TandemCoverage         *coverage;
  GtkStack               *list_stack;
  GtkScrolledWindow      *scrolled_window;
  GtkGridView            *list_view;
  AdwStatusPage          *no_match_page;

  TandemStore            *store;
  TandemChild            *child;
  TandemObservationModel *model;
  GtkSliceListModel      *slice;
  guint                   grow_tick;
  gboolean                grow_paused;
  /* While the filter widgets are being set together, apply them once. */
  gboolean                setting_filter;
  gboolean                filtered;
  char                   *focus_id;
  char                   *filter_key;
  guint                   focus_tick;
};

G_DEFINE_FINAL_TYPE (TandemJournalView, tandem_journal_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_growing (TandemJournalView *self);

static const char *
child_id (TandemJournalView *self)
{
  return self->child != NULL ? tandem_record_get_id (TANDEM_RECORD (self->child)) : NULL;
}

static void
update_state (TandemJournalView *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *count = NULL;
  gboolean any = n > 0;

  /* Nothing matches: is the journal empty, or only the filter's result? */
  if (!any && self->filtered && self->store != NULL && self->child != NULL)
    {
      g_autoptr(GPtrArray) all = tandem_journal_list_ids (self->store, child_id (self), NULL,
                                                          NULL);

      any = all != NULL && all->len > 0;
    }

  gtk_stack_set_visible_child_name (self->stack, any ? "journal" : "empty");
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "no-match");

  if (self->filtered)
    /* Translators: above the journal while filters are on; %u is a count. */
    count = g_strdup_printf (ngettext ("%u observation matches", "%u observations match", n), n);
  else
    count = g_strdup_printf (ngettext ("%u observation", "%u observations", n), n);
  gtk_label_set_label (self->count_label, count);
}

static void
items_changed_cb (TandemJournalView *self)
{
  update_state (self);
}

static gboolean
read_date (GtkEntry  *entry,
           char     **iso)
{
  if (tandem_date_from_user_text (gtk_editable_get_text (GTK_EDITABLE (entry)), iso))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      return TRUE;
    }

  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  return FALSE;
}

static void
apply_filter (TandemJournalView *self)
{
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
  const TandemEyfsArea *areas;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *key = NULL;
  guint n_areas, area, source, shared;
  gboolean dates_ok;

  if (self->setting_filter || self->model == NULL)
    return;

  areas = tandem_eyfs_areas (&n_areas);
  area = gtk_drop_down_get_selected (self->area_dropdown);
  source = gtk_drop_down_get_selected (self->source_dropdown);
  shared = gtk_drop_down_get_selected (self->shared_dropdown);

  if (area >= 1 && area <= n_areas)
    filter.area = areas[area - 1].code;
  if (source < G_N_ELEMENTS (source_codes))
    filter.source = source_codes[source];
  if (shared < G_N_ELEMENTS (shared_values))
    filter.shared = shared_values[shared];

  /* A date half typed is left out until it reads as a date. */
  dates_ok = read_date (self->from_entry, &from);
  dates_ok &= read_date (self->to_entry, &to);
  filter.from = from;
  filter.to = to;

  self->filtered = filter.area != NULL || filter.source != NULL || filter.shared >= 0 ||
                   filter.from != NULL || filter.to != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.clear-filters",
                                 self->filtered || !dates_ok);
  adw_button_content_set_label (self->filter_button_content,
                                self->filtered ? _("_Filtered") : _("_Filter"));

  key = g_strdup_printf ("%s|%s|%d|%s|%s", filter.area ? filter.area : "",
                         filter.source ? filter.source : "", filter.shared,
                         filter.from ? filter.from : "", filter.to ? filter.to : "");
  if (g_strcmp0 (key, self->filter_key) != 0)
    {
      /* Another list: from its first cards again, like another child's. */
      start_growing (self);
      tandem_observation_model_set_filter (self->model, &filter);
      g_free (self->filter_key);
      self->filter_key = g_steal_pointer (&key);
    }
  update_state (self);
}

static void
filter_changed_cb (TandemJournalView *self)
{
  apply_filter (self);
}

static void
filter_toggled_cb (TandemJournalView *self)
{
  gtk_revealer_set_reveal_child (self->filter_revealer,
                                 gtk_toggle_button_get_active (self->filter_button));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TandemJournalView        *self)
{
  GtkWidget *card = tandem_observation_card_new (self->store);

  tandem_observation_card_set_child_id (TANDEM_OBSERVATION_CARD (card), child_id (self));
  gtk_list_item_set_child (item, card);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         TandemJournalView        *self)
{
  TandemObservationCard *card = TANDEM_OBSERVATION_CARD (gtk_list_item_get_child (item));

  tandem_observation_card_set_child_id (card, child_id (self));
  tandem_observation_card_set_observation (card, gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TandemJournalView        *self)
{
  tandem_observation_card_set_observation (TANDEM_OBSERVATION_CARD (gtk_list_item_get_child (item)),
                                           NULL);
}

static void
activate_cb (TandemJournalView *self,
             guint              position)
{
  g_autoptr(TandemObservation) observation = NULL;

  observation = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (observation != NULL)
    tandem_observation_card_open_editor (GTK_WIDGET (self), self->store, observation,
                                         child_id (self));
}

static void
new_observation_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemJournalView *self = TANDEM_JOURNAL_VIEW (widget);

  if (self->store == NULL)
    return;

  tandem_observation_card_open_editor (widget, self->store, NULL, child_id (self));
}

static void
clear_filters_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tandem_journal_view_clear_filters (TANDEM_JOURNAL_VIEW (widget));
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
update_empty_page (TandemJournalView *self)
{
  g_autofree char *description = NULL;
  g_autofree char *name = NULL;

  if (self->child == NULL)
    {
      adw_status_page_set_description (self->empty_page, NULL);
      return;
    }

  /* The description is markup; a name is text. */
  name = g_markup_escape_text (tandem_child_get_display_name (self->child), -1);
  /* Translators: on a child's empty journal; %s is the child's name. */
  description = g_strdup_printf (_("Write down what %s does, says and enjoys, and what the "
                                   "family tells you from home."), name);
  adw_status_page_set_description (self->empty_page, description);
}

static void
update_actions (TandemJournalView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.new-observation",
                                 self->store != NULL && self->child != NULL);
}

static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  TandemJournalView *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->slice);

  /* The frame that shows the first cards is not made any longer. */
  if (self->grow_paused)
    {
      self->grow_paused = FALSE;
      return G_SOURCE_CONTINUE;
    }

  if (size + MORE_CARDS_PER_FRAME >= ALL_BUILT)
    {
      /* Past what the list view builds, the rest costs nothing: show all. */
      gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
      self->grow_tick = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_slice_list_model_set_size (self->slice, size + MORE_CARDS_PER_FRAME);
  return G_SOURCE_CONTINUE;
}

static void
stop_growing (TandemJournalView *self)
{
  if (self->grow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_tick);
  self->grow_tick = 0;
}

/* Starts the list again from its first few cards (see FIRST_CARDS). */
static void
start_growing (TandemJournalView *self)
{
  stop_growing (self);
  gtk_slice_list_model_set_size (self->slice, FIRST_CARDS);
  self->grow_paused = TRUE;
  self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), grow_tick_cb,
                                                  self, NULL);
}

/* Every card at once, for a jump to one far down the list. */
static void
show_all_cards (TandemJournalView *self)
{
  stop_growing (self);
  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static void
ensure_model (TandemJournalView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (self->model != NULL || self->store == NULL)
    return;

  self->model = tandem_observation_model_new (self->store, child_id (self));
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0,
                                          FIRST_CARDS);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  start_growing (self);
}

static void
tandem_journal_view_dispose (GObject *object)
{
  TandemJournalView *self = TANDEM_JOURNAL_VIEW (object);

  if (self->focus_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick);
      self->focus_tick = 0;
    }
  if (self->list_view != NULL)
    stop_growing (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_JOURNAL_VIEW);
  g_clear_object (&self->slice);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (tandem_journal_view_parent_class)->dispose (object);
}

static void
tandem_journal_view_finalize (GObject *object)
{
  TandemJournalView *self = TANDEM_JOURNAL_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_free (self->focus_id);
  g_free (self->filter_key);

  G_OBJECT_CLASS (tandem_journal_view_parent_class)->finalize (object);
}

static void
tandem_journal_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemJournalView *self = TANDEM_JOURNAL_VIEW (object);

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
tandem_journal_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemJournalView *self = TANDEM_JOURNAL_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_journal_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHILD:
      tandem_journal_view_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_journal_view_class_init (TandemJournalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_journal_view_dispose;
  object_class->finalize = tandem_journal_view_finalize;
  object_class->get_property = tandem_journal_view_get_property;
  object_class->set_property = tandem_journal_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemJournalView:child:
   *
   * The child whose journal is shown, or %NULL.
   */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, TANDEM_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TANDEM_TYPE_COVERAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-journal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, empty_write_button);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, write_button);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, count_label);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, filter_button_content);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, shared_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, coverage);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, list_view);
  gtk_widget_class_bind_template_child (widget_class, TandemJournalView, no_match_page);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "journal.new-observation", NULL,
                                   new_observation_cb);
  gtk_widget_class_install_action (widget_class, "journal.clear-filters", NULL,
                                   clear_filters_cb);
}

static void
tandem_journal_view_init (TandemJournalView *self)
{
  g_autoptr(GtkStringList) areas_model = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  const TandemEyfsArea *areas;
  guint n_areas;

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_a11y_tidy_names (GTK_WIDGET (self));

  gtk_string_list_append (areas_model, _("All areas"));
  areas = tandem_eyfs_areas (&n_areas);
  for (guint i = 0; i < n_areas; i++)
    gtk_string_list_append (areas_model, _(areas[i].name));
  gtk_drop_down_set_model (self->area_dropdown, G_LIST_MODEL (areas_model));
  name_drop_down (GTK_WIDGET (self->area_dropdown), _("Area of learning"));
  name_drop_down (GTK_WIDGET (self->source_dropdown), _("Where it was seen"));
  name_drop_down (GTK_WIDGET (self->shared_dropdown), _("Shared with the family, or internal"));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.clear-filters", FALSE);
  update_actions (self);
}

/**
 * tandem_journal_view_new:
 *
 * Returns: (transfer floating): a new journal view, empty until it has a
 *   store and a child
 */
GtkWidget *
tandem_journal_view_new (void)
{
  return g_object_new (TANDEM_TYPE_JOURNAL_VIEW, NULL);
}

TandemStore *
tandem_journal_view_get_store (TandemJournalView *self)
{
  g_return_val_if_fail (TANDEM_IS_JOURNAL_VIEW (self), NULL);

  return self->store;
}

/**
 * tandem_journal_view_set_store:
 * @self: a journal view
 * @store: the store to show; set once
 */
void
tandem_journal_view_set_store (TandemJournalView *self,
                               TandemStore       *store)
{
  g_return_if_fail (TANDEM_IS_JOURNAL_VIEW (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));
  g_return_if_fail (self->store == NULL || self->store == store);

  if (self->store == store)
    return;

  self->store = g_object_ref (store);
  tandem_coverage_set_store (self->coverage, store);
  ensure_model (self);
  apply_filter (self);
  update_actions (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tandem_journal_view_get_child:
 * @self: a journal view
 *
 * Returns: (transfer none) (nullable): the child whose journal is shown
 */
TandemChild *
tandem_journal_view_get_child (TandemJournalView *self)
{
  g_return_val_if_fail (TANDEM_IS_JOURNAL_VIEW (self), NULL);

  return self->child;
}

/**
 * tandem_journal_view_set_child:
 * @self: a journal view
 * @child: (nullable): the child whose journal to show
 *
 * Shows @child's journal from the newest observation. The filters stay as
 * they are: a keyworker going through the children for one area wants the
 * same filter on each.
 */
void
tandem_journal_view_set_child (TandemJournalView *self,
                               TandemChild       *child)
{
  const char *old_id;

  g_return_if_fail (TANDEM_IS_JOURNAL_VIEW (self));
  g_return_if_fail (child == NULL || TANDEM_IS_CHILD (child));

  old_id = child_id (self);
  if (child != NULL && old_id != NULL &&
      g_strcmp0 (old_id, tandem_record_get_id (TANDEM_RECORD (child))) == 0)
    {
      /* The same child, saved again: only the name may have changed. */
      g_set_object (&self->child, child);
      update_empty_page (self);
      return;
    }

  if (!g_set_object (&self->child, child))
    return;

  tandem_coverage_set_child_id (self->coverage, child_id (self));
  if (self->model != NULL)
    {
      start_growing (self);
      tandem_observation_model_set_child_id (self->model, child_id (self));
    }
  update_empty_page (self);
  update_actions (self);
  update_state (self);

  /* Another child's journal starts at its newest observation. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * tandem_journal_view_get_model:
 * @self: a journal view
 *
 * Returns: (transfer none) (nullable): the observations listed
 */
TandemObservationModel *
tandem_journal_view_get_model (TandemJournalView *self)
{
  g_return_val_if_fail (TANDEM_IS_JOURNAL_VIEW (self), NULL);

  return self->model;
}

/**
 * tandem_journal_view_get_coverage:
 * @self: a journal view
 *
 * Returns: (transfer none): the coverage summary above the list
 */
TandemCoverage *
tandem_journal_view_get_coverage (TandemJournalView *self)
{
  g_return_val_if_fail (TANDEM_IS_JOURNAL_VIEW (self), NULL);

  return self->coverage;
}

/**
 * tandem_journal_view_set_filter:
 * @self: a journal view
 * @filter: (nullable): which observations to list; %NULL for all. Only area
 *   codes (not aspects) can be shown in the filter bar.
 *
 * Sets the filter bar to @filter and lists what matches.
 */
void
tandem_journal_view_set_filter (TandemJournalView         *self,
                                const TandemJournalFilter *filter)
{
  const TandemJournalFilter all = TANDEM_JOURNAL_FILTER_INIT;
  const TandemEyfsArea *areas;
  guint n_areas, area = 0, source = 0, shared = 0;

  g_return_if_fail (TANDEM_IS_JOURNAL_VIEW (self));

  if (filter == NULL)
    filter = &all;

  areas = tandem_eyfs_areas (&n_areas);
  for (guint i = 0; i < n_areas; i++)
    if (g_strcmp0 (filter->area, areas[i].code) == 0)
      area = i + 1;
  for (guint i = 0; i < G_N_ELEMENTS (source_codes); i++)
    if (g_strcmp0 (filter->source, source_codes[i]) == 0)
      source = i;
  for (guint i = 0; i < G_N_ELEMENTS (shared_values); i++)
    if ((filter->shared < 0 ? -1 : !!filter->shared) == shared_values[i])
      shared = i;

  self->setting_filter = TRUE;
  gtk_drop_down_set_selected (self->area_dropdown, area);
  gtk_drop_down_set_selected (self->source_dropdown, source);
  gtk_drop_down_set_selected (self->shared_dropdown, shared);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), filter->from ? filter->from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), filter->to ? filter->to : "");
  self->setting_filter = FALSE;

  apply_filter (self);
  if (self->filtered)
    gtk_toggle_button_set_active (self->filter_button, TRUE);
}

/**
 * tandem_journal_view_get_filtered:
 * @self: a journal view
 *
 * Returns: whether some observations are left out by the filters
 */
gboolean
tandem_journal_view_get_filtered (TandemJournalView *self)
{
  g_return_val_if_fail (TANDEM_IS_JOURNAL_VIEW (self), FALSE);

  return self->filtered;
}

/**
 * tandem_journal_view_clear_filters:
 * @self: a journal view
 *
 * Lists every observation again.
 */
void
tandem_journal_view_clear_filters (TandemJournalView *self)
{
  g_return_if_fail (TANDEM_IS_JOURNAL_VIEW (self));

  tandem_journal_view_set_filter (self, NULL);
}

static GtkWidget *
find_card (GtkWidget  *widget,
           const char *observation_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (TANDEM_IS_OBSERVATION_CARD (child))
        {
          TandemObservation *observation =
            tandem_observation_card_get_observation (TANDEM_OBSERVATION_CARD (child));

          if (observation != NULL &&
              g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (observation)),
                         observation_id) == 0)
            return child;
          continue;
        }

      found = find_card (child, observation_id);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  TandemJournalView *self = user_data;
  GtkWidget *card;

  self->focus_tick = 0;
  card = find_card (GTK_WIDGET (self->list_view), self->focus_id);
  /* The row around the card takes the focus: its ring shows which one. */
  if (card != NULL)
    gtk_widget_grab_focus (gtk_widget_get_parent (card));
  g_clear_pointer (&self->focus_id, g_free);
  return G_SOURCE_REMOVE;
}

/**
 * tandem_journal_view_show_observation:
 * @self: a journal view
 * @observation_id: an observation of the child shown
 *
 * Scrolls to the observation's card and gives it the focus, clearing the
 * filters first if they hide it.
 *
 * Returns: whether the observation is in this child's journal
 */
gboolean
tandem_journal_view_show_observation (TandemJournalView *self,
                                      const char        *observation_id)
{
  guint position;

  g_return_val_if_fail (TANDEM_IS_JOURNAL_VIEW (self), FALSE);

  if (self->model == NULL || observation_id == NULL)
    return FALSE;

  position = tandem_observation_model_find (self->model, observation_id);
  if (position == G_MAXUINT && self->filtered)
    {
      tandem_journal_view_clear_filters (self);
      position = tandem_observation_model_find (self->model, observation_id);
    }
  if (position == G_MAXUINT)
    return FALSE;

  show_all_cards (self);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position);

  g_free (self->focus_id);
  self->focus_id = g_strdup (observation_id);
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                     focus_tick_cb, self, NULL);
  return TRUE;
}
