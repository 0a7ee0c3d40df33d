/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-follow-ups-page.h"
#include "tandem-meeting-text.h"
#include "tandem-meetings.h"
#include "tandem-records.h"

/* Follow-ups: every action agreed at a meeting that is not done yet, for
 * all children, so that nothing promised to a family is forgotten
 * (DESIGN.md, Meetings). Overdue ones come first and say by how long. A
 * ticked action stays a moment, struck through, so that the person sees
 * what they ticked before it goes; the window offers Undo (see
 * TandemFollowUpsPage::action-done). */

/* How long a ticked action stays in the list, in milliseconds. */
#define LINGER_MS 1500

#define ACTION_ID_KEY "tandem-action-id"
#define CHILD_ID_KEY  "tandem-child-id"

struct _TandemFollowUpsPage
{
  GtkWidget    parent_instance;

  GtkStack    *stack;
  GtkBox      *groups_box;

  TandemStore *store;
  /* The date the page is judged against, for tests; NULL for today. */
  char        *today;
  guint        reload_id;
  guint        linger_id;
  /* A change came while the page was not on screen. */
  gboolean     dirty;
  guint        n_actions;
  /* Set while the page itself changes a check button. */
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (TandemFollowUpsPage, tandem_follow_ups_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TODAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHILD_ACTIVATED,
  ACTION_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  GROUP_OVERDUE,
  GROUP_THIS_WEEK,
  GROUP_LATER,
  GROUP_NO_DATE,
  N_GROUPS
} Group;

static char *
dup_today (TandemFollowUpsPage *self)
{
  return self->today != NULL ? g_strdup (self->today) : tandem_date_today ();
}

static Group
group_of (const GDate *today,
          const char  *due_on)
{
  GDate due, sunday;

  if (!tandem_date_to_gdate (due_on, &due))
    return GROUP_NO_DATE;
  if (g_date_compare (&due, today) < 0)
    return GROUP_OVERDUE;

  sunday = *today;
  g_date_add_days (&sunday, G_DATE_SUNDAY - g_date_get_weekday (today));
  return g_date_compare (&due, &sunday) <= 0 ? GROUP_THIS_WEEK : GROUP_LATER;
}

static const char *
group_title (Group group)
{
  switch (group)
    {
    case GROUP_OVERDUE:
      return _("Overdue");
    case GROUP_THIS_WEEK:
      return _("Due This Week");
    case GROUP_LATER:
      return _("Due Later");
    case GROUP_NO_DATE:
    case N_GROUPS:
    default:
      return _("No Due Date");
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

static void
show_error (TandemFollowUpsPage *self,
            const GError        *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_warning ("Could not change an action: %s", error->message);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
}

static void
set_struck (GtkWidget *row,
            gboolean   struck)
{
  GtkWidget *text = g_object_get_data (G_OBJECT (row), "tandem-text");
  GtkLabel *title = g_object_get_data (G_OBJECT (row), "tandem-title");
  g_autoptr(PangoAttrList) attributes = NULL;

  if (struck)
    {
      attributes = pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_strikethrough_new (TRUE));
      gtk_widget_add_css_class (text, "dim-label");
    }
  else
    gtk_widget_remove_css_class (text, "dim-label");

  gtk_label_set_attributes (title, attributes);
}

static gboolean
linger_done_cb (gpointer user_data)
{
  TandemFollowUpsPage *self = user_data;

  self->linger_id = 0;
  tandem_follow_ups_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
check_toggled_cb (GtkCheckButton      *check,
                  TandemFollowUpsPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);
  const char *action_id = g_object_get_data (G_OBJECT (row), ACTION_ID_KEY);
  gboolean done = gtk_check_button_get_active (check);
  g_autofree char *today = done ? dup_today (self) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->store == NULL)
    return;

  if (!tandem_meetings_set_action_done (self->store, action_id, today, &error))
    {
      self->updating = TRUE;
      gtk_check_button_set_active (check, !done);
      self->updating = FALSE;
      show_error (self, error);
      return;
    }

  set_struck (row, done);

  /* The row leaves once nothing has been ticked for a moment, so that
   * ticking several in a row does not move them under the pointer. The
   * reload the save itself asked for waits until then. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->linger_id, g_source_remove);
  self->linger_id = g_timeout_add (LINGER_MS, linger_done_cb, self);

  if (done)
    g_signal_emit (self, signals[ACTION_DONE], 0, action_id);
}

static GtkWidget *
action_row (TandemFollowUpsPage *self,
            TandemAction        *action,
            const GDate         *today,
            const char          *today_iso,
            GHashTable          *cache)
{
  TandemRecord *record = TANDEM_RECORD (action);
  const char *what = tandem_record_get_text (record, "what");
  const char *child_id = tandem_record_get_text (record, "child_id");
  TandemRecord *child = cached_record (self->store, cache, TANDEM_TYPE_CHILD, child_id);
  const char *child_name = child != NULL ? tandem_child_get_display_name (TANDEM_CHILD (child))
                                         : _("Unknown child");
  const char *due_on = tandem_record_get_text (record, "due_on");
  g_autofree char *due = due_on != NULL ? tandem_meeting_text_due (action, today_iso) : NULL;
  g_autofree char *owner = tandem_meeting_text_owner (self->store, action);
  g_autofree char *who = NULL;
  g_autofree char *check_name = NULL;
  g_autofree char *row_name = NULL;
  GtkWidget *row, *box, *check, *text, *title, *meta, *arrow;

  /* Translators: under an action in Follow-ups: the child's name and who
   * is to do it, e.g. "Zofia · Ola Nowak". */
  who = g_strdup_printf (_("%1$s · %2$s"), child_name, owner);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), ACTION_ID_KEY,
                          g_strdup (tandem_record_get_id (record)), g_free);
  g_object_set_data_full (G_OBJECT (row), CHILD_ID_KEY, g_strdup (child_id), g_free);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Mark as Done"));
  /* Translators: what a screen reader says for the check box that ticks
   * an action off; %s is the action, e.g. "Book a hearing test". */
  check_name = g_strdup_printf (_("Done: %s"), what);
  tandem_a11y_set_label (check, check_name);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), check);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  title = gtk_label_new (what);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), title);

  meta = gtk_label_new (who);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (meta), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (text), meta);

  if (due != NULL)
    {
      GtkWidget *due_label = gtk_label_new (due);

      gtk_label_set_xalign (GTK_LABEL (due_label), 0);
      gtk_label_set_wrap (GTK_LABEL (due_label), TRUE);
      gtk_widget_add_css_class (due_label, "caption");
      if (group_of (today, due_on) == GROUP_OVERDUE)
        {
          gtk_widget_add_css_class (due_label, "error");
          gtk_widget_add_css_class (due_label, "heading");
        }
      else
        gtk_widget_add_css_class (due_label, "dim-label");
      gtk_box_append (GTK_BOX (text), due_label);
      g_object_set_data (G_OBJECT (row), "tandem-due", due_label);
    }

  /* The row opens the child's meetings, where the action was agreed. */
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), arrow);

  if (due != NULL)
    /* Translators: what a screen reader says for an action in Follow-ups:
     * %1$s is the action, %2$s the child and who is to do it, %3$s when it
     * is due. */
    row_name = g_strdup_printf (_("%1$s, %2$s, %3$s"), what, who, due);
  else
    /* Translators: what a screen reader says for an action with no due
     * date: %1$s is the action, %2$s the child and who is to do it. */
    row_name = g_strdup_printf (_("%1$s, %2$s"), what, who);
  tandem_a11y_set_label (row, row_name);

  g_object_set_data (G_OBJECT (row), "tandem-check", check);
  g_object_set_data (G_OBJECT (row), "tandem-text", text);
  g_object_set_data (G_OBJECT (row), "tandem-title", title);
  g_object_set_data (G_OBJECT (row), "tandem-meta", meta);
  return row;
}

static void
row_activated_cb (GtkListBox          *list,
                  GtkListBoxRow       *row,
                  TandemFollowUpsPage *self)
{
  const char *child_id = g_object_get_data (G_OBJECT (row), CHILD_ID_KEY);

  if (child_id != NULL)
    g_signal_emit (self, signals[CHILD_ACTIVATED], 0, child_id);
}

static GtkListBox *
add_group (TandemFollowUpsPage *self,
           Group                group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (group_title (group));
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  if (group == GROUP_OVERDUE)
    gtk_widget_add_css_class (heading, "error");
  gtk_box_append (GTK_BOX (box), heading);

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
clear_groups (TandemFollowUpsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

/**
 * tandem_follow_ups_page_reload:
 * @self: a follow-ups page
 *
 * Reads the open actions again, here and now; a ticked action still shown
 * leaves the list.
 */
void
tandem_follow_ups_page_reload (TandemFollowUpsPage *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_iso = NULL;
  GDate today;

  g_return_if_fail (TANDEM_IS_FOLLOW_UPS_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->linger_id, g_source_remove);
  self->dirty = FALSE;
  clear_groups (self);
  self->n_actions = 0;

  today_iso = dup_today (self);
  if (!tandem_date_to_gdate (today_iso, &today))
    {
      g_free (today_iso);
      today_iso = tandem_date_today ();
      tandem_date_to_gdate (today_iso, &today);
    }

  if (self->store != NULL)
    {
      actions = tandem_meetings_open_actions (self->store, NULL, today_iso, &error);
      if (actions == NULL)
        g_warning ("Could not read the open actions: %s", error->message);
    }

  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (Group group = 0; group < N_GROUPS; group++)
    {
      GtkListBox *list = NULL;

      /* The store lists them overdue first, then by due date, which each
       * group keeps. */
      for (guint i = 0; actions != NULL && i < actions->len; i++)
        {
          TandemAction *action = g_ptr_array_index (actions, i);

          if (group_of (&today, tandem_record_get_text (TANDEM_RECORD (action), "due_on")) != group)
            continue;
          if (list == NULL)
            list = add_group (self, group);
          gtk_list_box_append (list, action_row (self, action, &today, today_iso, cache));
          self->n_actions++;
        }
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_actions > 0 ? "list" : "empty");
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TandemFollowUpsPage *self = user_data;

  self->reload_id = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Read again when shown; nobody sees it until then. */
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }

  tandem_follow_ups_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TandemStore         *store,
                  const char          *table,
                  const char          *id,
                  TandemFollowUpsPage *self)
{
  static const char * const tables[] = { "actions", "carers", "children", "meetings", NULL };

  if (table != NULL && !g_strv_contains (tables, table))
    return;

  /* A ticked action is being shown as ticked; the list is read again when
   * it leaves. */
  if (self->linger_id != 0)
    return;

  /* Many changes at once (an import, a meeting saved with its actions)
   * read the list once. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
tandem_follow_ups_page_map (GtkWidget *widget)
{
  TandemFollowUpsPage *self = TANDEM_FOLLOW_UPS_PAGE (widget);

  GTK_WIDGET_CLASS (tandem_follow_ups_page_parent_class)->map (widget);

  if (self->dirty)
    tandem_follow_ups_page_reload (self);
}

static void
tandem_follow_ups_page_dispose (GObject *object)
{
  TandemFollowUpsPage *self = TANDEM_FOLLOW_UPS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->linger_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_FOLLOW_UPS_PAGE);

  G_OBJECT_CLASS (tandem_follow_ups_page_parent_class)->dispose (object);
}

static void
tandem_follow_ups_page_finalize (GObject *object)
{
  TandemFollowUpsPage *self = TANDEM_FOLLOW_UPS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (tandem_follow_ups_page_parent_class)->finalize (object);
}

static void
tandem_follow_ups_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemFollowUpsPage *self = TANDEM_FOLLOW_UPS_PAGE (object);

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
tandem_follow_ups_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TandemFollowUpsPage *self = TANDEM_FOLLOW_UPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_follow_ups_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_TODAY:
      tandem_follow_ups_page_set_today (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_follow_ups_page_class_init (TandemFollowUpsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_follow_ups_page_dispose;
  object_class->finalize = tandem_follow_ups_page_finalize;
  object_class->get_property = tandem_follow_ups_page_get_property;
  object_class->set_property = tandem_follow_ups_page_set_property;
  widget_class->map = tandem_follow_ups_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemFollowUpsPage:today:
   *
   * The date (ISO) actions are judged overdue against, or %NULL for
   * today's; tests set it.
   */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemFollowUpsPage::child-activated:
   * @self: the follow-ups page
   * @child_id: the child whose action was chosen
   *
   * Emitted when an action's row is activated, for the window to show that
   * child's meetings.
   */
  signals[CHILD_ACTIVATED] =
    g_signal_new ("child-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TandemFollowUpsPage::action-done:
   * @self: the follow-ups page
   * @action_id: the action ticked off
   *
   * Emitted after an action was ticked off and saved, for the window to
   * offer Undo (tandem_follow_ups_page_reopen()).
   */
  signals[ACTION_DONE] =
    g_signal_new ("action-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-follow-ups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFollowUpsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemFollowUpsPage, groups_box);
}

static void
tandem_follow_ups_page_init (TandemFollowUpsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * tandem_follow_ups_page_new:
 *
 * Returns: (transfer floating): a new follow-ups page
 */
GtkWidget *
tandem_follow_ups_page_new (void)
{
  return g_object_new (TANDEM_TYPE_FOLLOW_UPS_PAGE, NULL);
}

/**
 * tandem_follow_ups_page_get_store:
 * @self: a follow-ups page
 *
 * Returns: (transfer none) (nullable): the store whose actions are listed
 */
TandemStore *
tandem_follow_ups_page_get_store (TandemFollowUpsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_FOLLOW_UPS_PAGE (self), NULL);

  return self->store;
}

/**
 * tandem_follow_ups_page_set_store:
 * @self: a follow-ups page
 * @store: (nullable): the store to list the open actions of
 *
 * Lists @store's open actions, and follows its changes.
 */
void
tandem_follow_ups_page_set_store (TandemFollowUpsPage *self,
                                  TandemStore         *store)
{
  g_return_if_fail (TANDEM_IS_FOLLOW_UPS_PAGE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  tandem_follow_ups_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tandem_follow_ups_page_get_today:
 * @self: a follow-ups page
 *
 * Returns: (nullable): the date set with tandem_follow_ups_page_set_today(),
 *   or %NULL when the page follows the calendar
 */
const char *
tandem_follow_ups_page_get_today (TandemFollowUpsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_FOLLOW_UPS_PAGE (self), NULL);

  return self->today;
}

/**
 * tandem_follow_ups_page_set_today:
 * @self: a follow-ups page
 * @today: (nullable): an ISO date, or %NULL for the real today
 *
 * Judges the actions against @today (for tests), and lists them again.
 */
void
tandem_follow_ups_page_set_today (TandemFollowUpsPage *self,
                                  const char          *today)
{
  g_return_if_fail (TANDEM_IS_FOLLOW_UPS_PAGE (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);
  tandem_follow_ups_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * tandem_follow_ups_page_reopen:
 * @self: a follow-ups page
 * @action_id: an action ticked off
 *
 * Undoes ticking @action_id off: it is open again, and listed. When that
 * fails, the page says so in the window's toast overlay.
 *
 * Returns: whether the action was reopened
 */
gboolean
tandem_follow_ups_page_reopen (TandemFollowUpsPage *self,
                               const char          *action_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TANDEM_IS_FOLLOW_UPS_PAGE (self), FALSE);
  g_return_val_if_fail (action_id != NULL, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!tandem_meetings_set_action_done (self->store, action_id, NULL, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  tandem_follow_ups_page_reload (self);
  return TRUE;
}

/**
 * tandem_follow_ups_page_get_n_actions:
 * @self: a follow-ups page
 *
 * Returns: how many open actions the page lists
 */
guint
tandem_follow_ups_page_get_n_actions (TandemFollowUpsPage *self)
{
  g_return_val_if_fail (TANDEM_IS_FOLLOW_UPS_PAGE (self), 0);

  return self->n_actions;
}
