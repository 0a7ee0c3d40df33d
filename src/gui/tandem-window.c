/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-child-row.h"
#include "tandem-coverage.h"
#include "tandem-dates.h"
#include "tandem-draft-recovery.h"
#include "tandem-family-view.h"
#include "tandem-follow-ups-page.h"
#include "tandem-journal-view.h"
#include "tandem-meetings-view.h"
#include "tandem-meetings.h"
#include "tandem-plan-view.h"
#include "tandem-plans.h"
#include "tandem-reviews-page.h"
#include "tandem-search-page.h"
#include "tandem-sync-status-button.h"
#include "tandem-undo.h"
#include "tandem-week-page.h"
#include "tandem-window-private.h"

G_DEFINE_FINAL_TYPE (TandemWindow, tandem_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_banner (TandemWindow *self)
{
  TandemChildRow *row = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *details = NULL;
  const char *name;
  char *age;

  if (self->photo_binding != NULL)
    g_binding_unbind (self->photo_binding);

  if (self->child == NULL)
    return;

  row = g_hash_table_lookup (self->rows, tandem_record_get_id (TANDEM_RECORD (self->child)));
  name = tandem_child_get_display_name (self->child);
  gtk_label_set_label (self->banner_name, name);
  adw_avatar_set_text (self->banner_avatar, name);

  g_ptr_array_add (parts, tandem_child_dup_full_name (self->child));
  age = tandem_format_age (tandem_record_get_text (TANDEM_RECORD (self->child), "date_of_birth"),
                           NULL);
  if (age[0] != '\0')
    g_ptr_array_add (parts, age);
  else
    g_free (age);

  if (row != NULL && tandem_child_row_get_room_name (row) != NULL)
    g_ptr_array_add (parts, g_strdup (tandem_child_row_get_room_name (row)));
  if (row != NULL && tandem_child_row_get_keyworker_name (row) != NULL)
    /* Translators: under a child's name; %s is the name of their keyworker. */
    g_ptr_array_add (parts, g_strdup_printf (_("Keyworker: %s"),
                                             tandem_child_row_get_keyworker_name (row)));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between a child's details, e.g. name · age · room. */
  details = g_strjoinv (_(" · "), (char **) parts->pdata);
  gtk_label_set_label (self->banner_details, details);

  if (row != NULL)
    g_set_weak_pointer (&self->photo_binding,
                        g_object_bind_property (row, "photo", self->banner_avatar, "custom-image",
                                                G_BINDING_SYNC_CREATE));
  else
    adw_avatar_set_custom_image (self->banner_avatar, NULL);
}

static void
set_child (TandemWindow *self,
           TandemChild  *child)
{
  if (!g_set_object (&self->child, child))
    return;

  update_banner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.parent-pack", child != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.family-mode", child != NULL);

  /* A search in progress stays on screen; choosing a row in the list
   * leaves it (see row_selected_cb()). */
  if (child != NULL && !_tandem_window_is_searching (self))
    {
      adw_view_switcher_title_set_title (self->switcher_title,
                                         tandem_child_get_display_name (child));
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
      gtk_stack_set_visible_child_name (self->content_stack, "child");
    }
  else if (child == NULL && !_tandem_window_is_searching (self))
    {
      adw_view_switcher_title_set_title (self->switcher_title, NULL);
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "none");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CHILD]);
}

static void
update_switcher_bar (TandemWindow *self)
{
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);
  gboolean shown = self->child != NULL && !_tandem_window_is_searching (self);

  /* The bottom bar stands in for the switcher once the header is too narrow
   * for it, and only while a child is shown. The header then names the
   * child, so the banner would only repeat it on a small screen. */
  adw_view_switcher_bar_set_reveal (self->switcher_bar, shown && narrow);
  gtk_widget_set_visible (self->child_banner, shown && !narrow);
  /* The banner's "Parent Pack" button goes with it: the child's menu in
   * the header stands in for it. */
  gtk_widget_set_visible (self->child_menu_button, shown && narrow);
}

/**
 * _tandem_window_is_searching:
 * @self: a window
 *
 * Returns: whether a page across all children (search, this week,
 *   follow-ups, plan reviews) fills the content pane instead of a child
 */
gboolean
_tandem_window_is_searching (TandemWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->content_stack);

  return g_strcmp0 (name, "search") == 0 || g_strcmp0 (name, "week") == 0 ||
         g_strcmp0 (name, "follow-ups") == 0 || g_strcmp0 (name, "reviews") == 0;
}

static void
search_closed_cb (TandemWindow     *self,
                  TandemSearchPage *page)
{
  _tandem_window_show_search (self, FALSE);
  if (self->child == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
search_result_cb (TandemWindow     *self,
                  const char       *kind,
                  const char       *row_id,
                  const char       *observation_id,
                  const char       *child_id,
                  TandemSearchPage *page)
{
  if (child_id == NULL || g_hash_table_lookup (self->rows, child_id) == NULL)
    {
      tandem_window_add_toast (self, _("That record is not in the list of children"));
      return;
    }

  tandem_window_select_child (self, child_id);
  _tandem_window_show_search (self, FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);

  /* A carer is found on the family page, a meeting or an action on the
   * meetings page; everything else in the journal. */
  if (g_strcmp0 (kind, "carer") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "family");
  else if (g_strcmp0 (kind, "meeting") == 0)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
      tandem_meetings_view_show_meeting (TANDEM_MEETINGS_VIEW (self->meetings_view), row_id);
      return;
    }
  else if (g_strcmp0 (kind, "action") == 0)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
      return;
    }
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "journal");

  if (observation_id != NULL &&
      !tandem_journal_view_show_observation (TANDEM_JOURNAL_VIEW (self->journal_view),
                                             observation_id))
    tandem_window_add_toast (self, _("That observation is no longer in the journal"));
}

/**
 * _tandem_window_ensure_search_page:
 * @self: a window
 *
 * The search page is built the first time it is wanted rather than before
 * the first frame: most days begin with a child, not a search.
 *
 * Returns: (transfer none): the search page
 */
GtkWidget *
_tandem_window_ensure_search_page (TandemWindow *self)
{
  if (self->search_page != NULL)
    return self->search_page;

  self->search_page = tandem_search_page_new ();
  tandem_search_page_set_store (TANDEM_SEARCH_PAGE (self->search_page), self->store);
  g_object_bind_property (self, "selected-child", self->search_page, "child",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search_page, "result-activated",
                           G_CALLBACK (search_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_page, "closed",
                           G_CALLBACK (search_closed_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->search_bin, self->search_page);

  return self->search_page;
}

/* Shows one of the child's tabs ("meetings", "plan"), from a page across
 * all children. */
static gboolean
open_child_tab (TandemWindow *self,
                const char   *child_id,
                const char   *tab)
{
  if (child_id == NULL || g_hash_table_lookup (self->rows, child_id) == NULL)
    {
      tandem_window_add_toast (self, _("That child is not in the list of children"));
      return FALSE;
    }

  tandem_window_select_child (self, child_id);
  _tandem_window_show_page (self, NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  adw_view_stack_set_visible_child_name (self->view_stack, tab);
  return TRUE;
}

static gboolean
open_child_meetings (TandemWindow *self,
                     const char   *child_id)
{
  return open_child_tab (self, child_id, "meetings");
}

static void
follow_up_child_cb (TandemWindow *self,
                    const char   *child_id)
{
  open_child_meetings (self, child_id);
}

static void
week_meeting_cb (TandemWindow *self,
                 const char   *child_id,
                 const char   *meeting_id)
{
  if (open_child_meetings (self, child_id) &&
      !tandem_meetings_view_show_meeting (TANDEM_MEETINGS_VIEW (self->meetings_view),
                                          meeting_id))
    tandem_window_add_toast (self, _("That meeting is no longer in the record"));
}

typedef struct {
  GWeakRef  page;
  char     *action_id;
} Reopen;

static void
reopen_free (gpointer data)
{
  Reopen *reopen = data;

  g_weak_ref_clear (&reopen->page);
  g_free (reopen->action_id);
  g_free (reopen);
}

static gboolean
reopen_action (gpointer   data,
               GError   **error)
{
  Reopen *reopen = data;
  g_autoptr(GtkWidget) page = g_weak_ref_get (&reopen->page);

  if (page != NULL)
    tandem_follow_ups_page_reopen (TANDEM_FOLLOW_UPS_PAGE (page), reopen->action_id);
  return TRUE;
}

static void
follow_up_done_cb (TandemWindow *self,
                   const char   *action_id,
                   GtkWidget    *page)
{
  Reopen *reopen = g_new0 (Reopen, 1);
  g_autoptr(TandemRecord) action = tandem_store_load (self->store, TANDEM_TYPE_ACTION,
                                                      action_id, NULL);
  g_autofree char *title = NULL;

  g_weak_ref_init (&reopen->page, page);
  reopen->action_id = g_strdup (action_id);
  if (action != NULL)
    /* Translators: %s is what was agreed, e.g. "Book a hearing test". */
    title = g_strdup_printf (_("Done: %s"), tandem_record_get_text (action, "what"));
  /* The page, not the window: the toast overlay is around the page. */
  tandem_show_undo_toast (page, title != NULL ? title : _("Action done"), reopen_action,
                          reopen, reopen_free);
}

/**
 * _tandem_window_ensure_week_page:
 * @self: a window
 *
 * Returns: (transfer none): the This Week page, built on first use
 */
GtkWidget *
_tandem_window_ensure_week_page (TandemWindow *self)
{
  if (self->week_page != NULL)
    return self->week_page;

  self->week_page = tandem_week_page_new ();
  tandem_week_page_set_store (TANDEM_WEEK_PAGE (self->week_page), self->store);
  g_signal_connect_object (self->week_page, "meeting-activated",
                           G_CALLBACK (week_meeting_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->week_bin, self->week_page);
  return self->week_page;
}

/**
 * _tandem_window_ensure_follow_ups_page:
 * @self: a window
 *
 * Returns: (transfer none): the Follow-ups page, built on first use
 */
GtkWidget *
_tandem_window_ensure_follow_ups_page (TandemWindow *self)
{
  if (self->follow_ups_page != NULL)
    return self->follow_ups_page;

  self->follow_ups_page = tandem_follow_ups_page_new ();
  tandem_follow_ups_page_set_store (TANDEM_FOLLOW_UPS_PAGE (self->follow_ups_page), self->store);
  g_signal_connect_object (self->follow_ups_page, "child-activated",
                           G_CALLBACK (follow_up_child_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->follow_ups_page, "action-done",
                           G_CALLBACK (follow_up_done_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->follow_ups_bin, self->follow_ups_page);
  return self->follow_ups_page;
}

/**
 * _tandem_window_ensure_plan_view:
 * @self: a window
 *
 * The Support Plan tab is built the first time it is shown, not before the
 * window's first frame.
 *
 * Returns: (transfer none): the plan view
 */
GtkWidget *
_tandem_window_ensure_plan_view (TandemWindow *self)
{
  if (self->plan_view != NULL)
    return self->plan_view;

  self->plan_view = tandem_plan_view_new (self->store);
  g_object_bind_property (self, "selected-child", self->plan_view, "child",
                          G_BINDING_SYNC_CREATE);
  adw_bin_set_child (self->plan_bin, self->plan_view);
  return self->plan_view;
}

static void
view_stack_changed_cb (TandemWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "plan") == 0)
    _tandem_window_ensure_plan_view (self);
}

static void
review_plan_cb (TandemWindow *self,
                const char   *child_id,
                const char   *plan_id)
{
  if (!open_child_tab (self, child_id, "plan"))
    return;
  if (!tandem_plan_view_show_plan (TANDEM_PLAN_VIEW (_tandem_window_ensure_plan_view (self)),
                                   plan_id))
    tandem_window_add_toast (self, _("That plan is no longer in the record"));
}

/**
 * _tandem_window_ensure_reviews_page:
 * @self: a window
 *
 * Returns: (transfer none): the Plan Reviews page, built on first use
 */
GtkWidget *
_tandem_window_ensure_reviews_page (TandemWindow *self)
{
  if (self->reviews_page != NULL)
    return self->reviews_page;

  self->reviews_page = tandem_reviews_page_new ();
  tandem_reviews_page_set_store (TANDEM_REVIEWS_PAGE (self->reviews_page), self->store);
  g_signal_connect_object (self->reviews_page, "plan-activated",
                           G_CALLBACK (review_plan_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->reviews_bin, self->reviews_page);
  return self->reviews_page;
}

static void
place_selected_cb (TandemWindow  *self,
                   GtkListBoxRow *row,
                   GtkListBox    *list)
{
  if (row != NULL)
    _tandem_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static const char *
page_title (const char *name)
{
  if (g_strcmp0 (name, "week") == 0)
    return _("This Week");
  if (g_strcmp0 (name, "follow-ups") == 0)
    return _("Follow-ups");
  if (g_strcmp0 (name, "reviews") == 0)
    return _("Plan Reviews");
  return _("Search");
}

/**
 * _tandem_window_show_page:
 * @self: a window
 * @name: (nullable): "search", "week", "follow-ups" or "reviews"; NULL goes back
 *   to the child
 *
 * These pages take the place of the child's pages; going back shows the
 * child again, or the prompt to choose one.
 */
void
_tandem_window_show_page (TandemWindow *self,
                          const char   *name)
{
  if (name != NULL)
    {
      if (g_strcmp0 (name, "week") == 0)
        {
          _tandem_window_ensure_week_page (self);
          gtk_list_box_select_row (self->places_list, self->week_row);
        }
      else if (g_strcmp0 (name, "follow-ups") == 0)
        {
          _tandem_window_ensure_follow_ups_page (self);
          gtk_list_box_select_row (self->places_list, self->follow_ups_row);
        }
      else if (g_strcmp0 (name, "reviews") == 0)
        {
          _tandem_window_ensure_reviews_page (self);
          gtk_list_box_select_row (self->places_list, self->reviews_row);
        }
      else
        {
          _tandem_window_ensure_search_page (self);
          gtk_list_box_unselect_all (self->places_list);
        }

      gtk_stack_set_visible_child_name (self->content_stack, name);
      /* One row chosen in the sidebar at a time: the page, not a child. */
      if (g_strcmp0 (name, "search") != 0)
        gtk_list_box_unselect_all (self->child_list);
      adw_view_switcher_title_set_title (self->switcher_title, page_title (name));
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
      if (g_strcmp0 (name, "search") == 0)
        tandem_search_page_focus (TANDEM_SEARCH_PAGE (self->search_page));
    }
  else if (_tandem_window_is_searching (self))
    {
      gtk_list_box_unselect_all (self->places_list);
      gtk_stack_set_visible_child_name (self->content_stack,
                                        self->child != NULL ? "child" : "none");
      adw_view_switcher_title_set_title (self->switcher_title,
                                         self->child != NULL
                                         ? tandem_child_get_display_name (self->child) : NULL);
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                         self->child != NULL);
    }

  update_switcher_bar (self);
}

/**
 * _tandem_window_show_search:
 * @self: a window
 * @show: whether to show the search page, or go back to the child
 */
void
_tandem_window_show_search (TandemWindow *self,
                            gboolean      show)
{
  _tandem_window_show_page (self, show ? "search" : NULL);
}


/* How long without an observation before a child's row says so. */
#define QUIET_DAYS 14

static int
days_between (const char *earlier,
              GDate      *later)
{
  GDate date;
  int y, m, d;

  if (earlier == NULL || sscanf (earlier, "%d-%d-%d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return -1;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_days_between (&date, later);
}

/* Marks the children nobody has observed for a while, from one query over
 * the journal for all of them. On a large setting that query can read tens
 * of thousands of rows, so it runs in a thread with its own connection (an
 * SQLite connection is never shared between threads) and never delays the
 * first frame or the typing that follows. */

static void
quiet_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char * const *args = task_data;
  g_autoptr(TandemStore) store = NULL;
  GError *error = NULL;
  GHashTable *latest;

  store = tandem_store_open_with_flags (args[0], TANDEM_STORE_OPEN_DEFER_INTEGRITY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  latest = tandem_coverage_latest_observations (store, args[1], &error);
  if (latest == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, latest, (GDestroyNotify) g_hash_table_unref);
}

static void
quiet_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *window_ref = user_data;
  g_autoptr(TandemWindow) self = g_weak_ref_get (window_ref);
  g_autoptr(GHashTable) latest = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GDate today;

  latest = g_task_propagate_pointer (G_TASK (result), &error);
  g_weak_ref_clear (window_ref);
  g_free (window_ref);

  /* A window closed meanwhile has no rows to mark. */
  if (self == NULL)
    return;

  if (latest == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not tell which children were observed lately: %s", error->message);
      return;
    }

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TandemChild *child = tandem_child_row_get_child (value);
      const char *start = tandem_record_get_text (TANDEM_RECORD (child), "start_date");
      const char *leaving = tandem_record_get_text (TANDEM_RECORD (child), "leaving_date");
      int since_start = days_between (start, &today);
      int since_seen = days_between (g_hash_table_lookup (latest, key), &today);
      int quiet = 0;

      /* Nobody is prompted about a child who has left or has only just
       * started. */
      if ((leaving == NULL || days_between (leaving, &today) < 0) &&
          (start == NULL || since_start >= QUIET_DAYS))
        {
          if (since_seen >= QUIET_DAYS)
            quiet = since_seen;
          else if (since_seen < 0)
            quiet = since_start >= QUIET_DAYS && since_start < 365 ? since_start : G_MAXINT;
        }

      tandem_child_row_set_quiet_days (value, quiet);
    }
}

static void
update_quiet_days (TandemWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *window_ref;
  const char **args;
  GDate since;

  g_clear_handle_id (&self->quiet_source, g_source_remove);

  /* On a two-core laptop a query thread started now would compete with
   * building the window: wait for the first frame. */
  if (!self->painted)
    {
      self->quiet_pending = TRUE;
      return;
    }
  self->quiet_pending = FALSE;

  g_date_clear (&since, 1);
  g_date_set_time_t (&since, time (NULL));
  g_date_subtract_years (&since, 1);

  args = g_new0 (const char *, 3);
  args[0] = g_strdup (tandem_store_get_path (self->store));
  args[1] = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&since),
                             g_date_get_month (&since), g_date_get_day (&since));

  /* The task holds the window only weakly: closing the window while the
   * query runs disposes of it at once, and the answer is then dropped. */
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  window_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (window_ref, self);
  task = g_task_new (NULL, self->cancellable, quiet_done_cb, window_ref);
  g_task_set_source_tag (task, update_quiet_days);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, quiet_thread);
}

static gboolean
quiet_idle_cb (gpointer user_data)
{
  TandemWindow *self = user_data;

  self->quiet_source = 0;
  update_quiet_days (self);
  return G_SOURCE_REMOVE;
}

static GHashTable *
names_by_id (TandemStore *store,
             GType        type,
             const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = tandem_store_list (store, type, NULL, NULL, &error);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (records == NULL)
    {
      g_warning ("Cannot list %s: %s", tandem_record_type_get_table (type), error->message);
      return names;
    }

  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);

      g_hash_table_insert (names, g_strdup (tandem_record_get_id (record)),
                           g_strdup (tandem_record_get_text (record, field)));
    }

  return names;
}

static const char *
lookup_name (GHashTable   *names,
             TandemRecord *record,
             const char   *field)
{
  const char *id = tandem_record_get_text (record, field);

  return id != NULL ? g_hash_table_lookup (names, id) : NULL;
}

/* Before the first frame only the rows that fill a screen are made; the rest
 * follow straight after it, so that a large setting opens as fast as a small
 * one. */
#define FIRST_FRAME_ROWS 40

typedef struct {
  TandemChild *child;
  const char  *room;
  char        *room_key;
  char        *name_key;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *x = a;
  const SortEntry *y = b;
  int cmp;

  /* The same order as tandem_child_row_compare(): by room, roomless last. */
  if ((x->room == NULL) != (y->room == NULL))
    return x->room == NULL ? 1 : -1;

  cmp = g_strcmp0 (x->room_key, y->room_key);
  if (cmp == 0)
    cmp = g_strcmp0 (x->room, y->room);
  if (cmp == 0)
    cmp = g_strcmp0 (x->name_key, y->name_key);
  return cmp;
}

/* Sorts @children into the order the list shows them in. */
static void
sort_in_list_order (GPtrArray  *children,
                    GHashTable *rooms)
{
  g_autofree SortEntry *entries = g_new0 (SortEntry, children->len);
  guint n = children->len;

  for (guint i = 0; i < n; i++)
    {
      TandemChild *child = g_ptr_array_index (children, i);
      const char *room_id = tandem_record_get_text (TANDEM_RECORD (child), "room_id");

      entries[i].child = child;
      entries[i].room = room_id ? g_hash_table_lookup (rooms, room_id) : NULL;
      entries[i].room_key = entries[i].room ? g_utf8_collate_key (entries[i].room, -1) : NULL;
      entries[i].name_key = g_utf8_collate_key (tandem_child_get_display_name (child), -1);
    }

  qsort (entries, n, sizeof (SortEntry), compare_entries);

  /* The array owns its children; reorder the pointers without freeing. */
  for (guint i = 0; i < n; i++)
    {
      children->pdata[i] = entries[i].child;
      g_free (entries[i].room_key);
      g_free (entries[i].name_key);
    }
}

static void
refresh (TandemWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GHashTable) rooms = NULL;
  g_autoptr(GHashTable) keyworkers = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new ();
  gboolean first = !self->loaded;
  guint limit = G_MAXUINT;
  GHashTableIter iter;
  gpointer key, value;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  children = tandem_store_list (self->store, TANDEM_TYPE_CHILD, NULL, NULL, &error);
  if (children == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason from the database. */
      message = g_strdup_printf (_("The list of children could not be read: %s"),
                                 error->message);
      tandem_window_add_toast (self, message);
      return;
    }

  rooms = names_by_id (self->store, TANDEM_TYPE_ROOM, "name");
  keyworkers = names_by_id (self->store, TANDEM_TYPE_KEYWORKER, "name");
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (first && !gtk_widget_get_mapped (GTK_WIDGET (self)) && children->len > FIRST_FRAME_ROWS)
    {
      sort_in_list_order (children, rooms);
      limit = FIRST_FRAME_ROWS;
      self->rows_pending = TRUE;
    }
  else
    {
      self->rows_pending = FALSE;
    }

  for (guint i = 0; i < children->len; i++)
    {
      TandemChild *child = g_ptr_array_index (children, i);
      TandemRecord *record = TANDEM_RECORD (child);
      const char *id = tandem_record_get_id (record);
      const char *room = lookup_name (rooms, record, "room_id");
      const char *keyworker = lookup_name (keyworkers, record, "keyworker_id");
      TandemChildRow *row = g_hash_table_lookup (self->rows, id);

      g_hash_table_add (seen, (gpointer) id);

      if (row == NULL && i >= limit)
        continue;

      if (row == NULL)
        {
          row = TANDEM_CHILD_ROW (tandem_child_row_new (self->store, child, room, keyworker));
          g_hash_table_insert (self->rows, g_strdup (id), row);
          gtk_list_box_append (self->child_list, GTK_WIDGET (row));
          if (!first)
            g_ptr_array_add (new_ids, (gpointer) id);
        }
      else
        {
          tandem_child_row_set_room_name (row, room);
          tandem_child_row_set_keyworker_name (row, keyworker);
          tandem_child_row_set_child (row, child);
        }
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        gtk_list_box_remove (self->child_list, value);
        g_hash_table_iter_remove (&iter);
      }

  self->loaded = TRUE;
  gtk_list_box_invalidate_sort (self->child_list);
  gtk_list_box_invalidate_headers (self->child_list);
  gtk_list_box_invalidate_filter (self->child_list);

  gtk_stack_set_visible_child_name (self->main_stack, children->len > 0 ? "children" : "empty");
  update_quiet_days (self);

  /* A child just added from this window is the one the user wants to see. */
  if (self->select_new_child && new_ids->len == 1)
    {
      self->select_new_child = FALSE;
      tandem_window_select_child (self, g_ptr_array_index (new_ids, 0));
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
    }
  else if (self->child != NULL)
    {
      const char *id = tandem_record_get_id (TANDEM_RECORD (self->child));
      TandemChildRow *row = g_hash_table_lookup (self->rows, id);

      if (row == NULL)
        {
          set_child (self, NULL);
          adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
        }
      else
        {
          TandemChild *fresh = tandem_child_row_get_child (row);

          /* Replace the shown record only when someone else changed it: a
           * view that saved its own copy keeps it, and keeps its focus. */
          if (g_strcmp0 (tandem_record_get_updated_at (TANDEM_RECORD (fresh)),
                         tandem_record_get_updated_at (TANDEM_RECORD (self->child))) != 0)
            set_child (self, fresh);
          else if (!_tandem_window_is_searching (self))
            adw_view_switcher_title_set_title (self->switcher_title,
                                               tandem_child_get_display_name (fresh));
          update_banner (self);
        }
    }

  update_switcher_bar (self);
}

/* How many support plans are past their review date: a count beside Plan
 * Reviews. Only plans that are active or under review are read, so this
 * too stays on the main thread after the first frame. */
static void
update_reviews_overdue (TandemWindow *self,
                        const char   *today)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint n = 0;

  due = tandem_plans_due (self->store, today, 0, &error);
  if (due == NULL)
    {
      g_warning ("Could not tell which plan reviews are late: %s", error->message);
      return;
    }

  for (guint i = 0; i < due->len; i++)
    {
      int days = tandem_plan_days_to_review (g_ptr_array_index (due, i), today);

      n += days != G_MININT && days < 0;
    }

  count = g_strdup_printf ("%u", n);
  gtk_label_set_label (self->reviews_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->reviews_count), n > 0);
  if (n > 0)
    {
      /* Translators: beside "Plan Reviews" in the sidebar. */
      g_autofree char *tip = g_strdup_printf (ngettext ("%u plan is overdue for review",
                                                        "%u plans are overdue for review", n),
                                              n);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->reviews_count), tip);
      tandem_a11y_set_label (GTK_WIDGET (self->reviews_count), tip);
    }
}

/* Which children have an action agreed with their family that is late: a
 * badge on their row, and a count beside Follow-ups. The query reads only
 * open actions, through an index, so it stays on the main thread; it still
 * waits for the first frame. */
static void
update_overdue (TandemWindow *self)
{
  g_autoptr(GHashTable) overdue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = tandem_date_today ();
  g_autofree char *count = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_clear_handle_id (&self->overdue_source, g_source_remove);
  update_reviews_overdue (self, today);
  overdue = tandem_meetings_children_overdue (self->store, today, &error);
  if (overdue == NULL)
    {
      g_warning ("Could not tell which follow-ups are late: %s", error->message);
      return;
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gboolean late = g_hash_table_contains (overdue, key);

      tandem_child_row_set_overdue (value, late);
      n += late;
    }

  count = g_strdup_printf ("%u", n);
  gtk_label_set_label (self->overdue_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_count), n > 0);
  if (n > 0)
    {
      /* Translators: beside "Follow-ups" in the sidebar. */
      g_autofree char *tip = g_strdup_printf (ngettext ("%u child has a late follow-up",
                                                        "%u children have late follow-ups", n),
                                              n);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->overdue_count), tip);
      tandem_a11y_set_label (GTK_WIDGET (self->overdue_count), tip);
    }
}

static gboolean
overdue_idle_cb (gpointer user_data)
{
  TandemWindow *self = user_data;

  self->overdue_source = 0;
  update_overdue (self);
  return G_SOURCE_REMOVE;
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TandemWindow *self = user_data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                TandemWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);

  self->painted = TRUE;
  update_overdue (self);
  if (self->rows_pending && self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
  else if (self->quiet_pending)
    update_quiet_days (self);
}

static void
map_cb (TandemWindow *self,
        gpointer      user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, map_cb, NULL);
  /* Observations left unsaved by a crash are offered back once shown. */
  tandem_draft_recovery_offer (GTK_WINDOW (self), self->store);
  if (clock != NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_paint_cb), self, 0);
  else if (self->rows_pending && self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
store_changed_cb (TandemWindow *self,
                  const char   *table,
                  const char   *id,
                  TandemStore  *store)
{
  /* An import saves many records in a row; refresh once after them all. */
  if (self->refresh_source == 0 &&
      (g_strcmp0 (table, "children") == 0 || g_strcmp0 (table, "rooms") == 0 ||
       g_strcmp0 (table, "keyworkers") == 0))
    self->refresh_source = g_idle_add (refresh_idle_cb, self);

  if (self->overdue_source == 0 && self->painted &&
      (g_strcmp0 (table, "actions") == 0 || g_strcmp0 (table, "meetings") == 0 ||
       g_strcmp0 (table, "children") == 0 || g_strcmp0 (table, "plans") == 0))
    self->overdue_source = g_idle_add (overdue_idle_cb, self);

  if (self->quiet_source == 0 &&
      (g_strcmp0 (table, "observations") == 0 ||
       g_strcmp0 (table, "observation_children") == 0))
    self->quiet_source = g_idle_add (quiet_idle_cb, self);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *room = tandem_child_row_get_room_name (TANDEM_CHILD_ROW (row));
  GtkWidget *header;

  if (before != NULL &&
      g_strcmp0 (room, tandem_child_row_get_room_name (TANDEM_CHILD_ROW (before))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_list_box_row_get_header (row);
  if (header == NULL)
    {
      header = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_end (header, 12);
      gtk_widget_set_margin_bottom (header, 6);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_list_box_row_set_header (row, header);
    }

  gtk_widget_set_margin_top (header, before != NULL ? 18 : 6);
  /* Translators: the heading over children who are not in any room. */
  gtk_label_set_label (GTK_LABEL (header), room != NULL ? room : _("No Room"));
}

static int
sort_func (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  return tandem_child_row_compare (TANDEM_CHILD_ROW (a), TANDEM_CHILD_ROW (b));
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  TandemWindow *self = user_data;

  return tandem_child_row_matches (TANDEM_CHILD_ROW (row), self->folded_search);
}

static void
search_changed_cb (TandemWindow   *self,
                   GtkSearchEntry *entry)
{
  g_free (self->folded_search);
  self->folded_search = tandem_fold_for_search (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_list_box_invalidate_filter (self->child_list);
  gtk_list_box_invalidate_headers (self->child_list);
}

static void
stop_search_cb (TandemWindow   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
search_activate_cb (TandemWindow   *self,
                    GtkSearchEntry *entry)
{
  /* Enter in the filter opens the first child that matches. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->child_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      {
        gtk_list_box_select_row (self->child_list, GTK_LIST_BOX_ROW (row));
        g_signal_emit_by_name (row, "activate");
        return;
      }
}

static void
row_selected_cb (TandemWindow  *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  set_child (self, row ? tandem_child_row_get_child (TANDEM_CHILD_ROW (row)) : NULL);
  if (row != NULL)
    _tandem_window_show_page (self, NULL);
  update_switcher_bar (self);

  /* In a narrow window, a child who is gone leaves the list in view. */
  if (row == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
row_activated_cb (TandemWindow  *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  /* Choosing a child, even the one already chosen, leaves the search. */
  _tandem_window_show_search (self, FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
load_window_state (TandemWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
tandem_window_close_request (GtkWindow *window)
{
  TandemWindow *self = TANDEM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  /* A maximised window's size is the screen's; keep the size to return to. */
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (tandem_window_parent_class)->close_request (window);
}

static void
tandem_window_constructed (GObject *object)
{
  TandemWindow *self = TANDEM_WINDOW (object);
  g_autofree char *icon = g_strdup (APP_ID);
  GtkWidget *family;

  G_OBJECT_CLASS (tandem_window_parent_class)->constructed (object);

  g_assert (TANDEM_IS_STORE (self->store));

  adw_status_page_set_icon_name (self->empty_page, icon);
  tandem_a11y_tidy_names (GTK_WIDGET (self->empty_page));
  load_window_state (self);

  family = g_object_new (TANDEM_TYPE_FAMILY_VIEW, "store", self->store, NULL);
  g_object_bind_property (self, "selected-child", family, "child", G_BINDING_SYNC_CREATE);
  adw_bin_set_child (self->family_bin, family);

  self->meetings_view = tandem_meetings_view_new (self->store);
  g_object_bind_property (self, "selected-child", self->meetings_view, "child",
                          G_BINDING_SYNC_CREATE);
  adw_bin_set_child (self->meetings_bin, self->meetings_view);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (view_stack_changed_cb), self, G_CONNECT_SWAPPED);

  tandem_journal_view_set_store (TANDEM_JOURNAL_VIEW (self->journal_view), self->store);
  g_object_bind_property (self, "selected-child", self->journal_view, "child",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  self->sync_controller = tandem_sync_controller_new (self->store);
  tandem_sync_status_button_set_controller (TANDEM_SYNC_STATUS_BUTTON (self->sync_button),
                                            self->sync_controller);
  tandem_sync_status_button_set_controller (TANDEM_SYNC_STATUS_BUTTON (self->empty_sync_button),
                                            self->sync_controller);

  /* The list is read before the first frame: a keyworker opens Tandem to
   * see their children, and listing them is quick. */
  refresh (self);
  set_child (self, NULL);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  update_switcher_bar (self);

  /* A keyworker usually opens Tandem to find one child: let them type. */
  if (!tandem_window_is_empty (self))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

static void
tandem_window_dispose (GObject *object)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->quiet_source, g_source_remove);
  g_clear_handle_id (&self->overdue_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->photo_binding);
  /* A sync under way stops with the window rather than outliving it. */
  if (self->sync_controller != NULL)
    g_object_run_dispose (G_OBJECT (self->sync_controller));
  g_clear_object (&self->sync_controller);
  /* The list unselects its rows as it is torn down; nothing is left to show
   * them in by then. */
  if (self->child_list != NULL)
    g_signal_handlers_disconnect_by_data (self->child_list, self);
  if (self->switcher_title != NULL)
    g_signal_handlers_disconnect_by_data (self->switcher_title, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_WINDOW);

  G_OBJECT_CLASS (tandem_window_parent_class)->dispose (object);
}

static void
tandem_window_finalize (GObject *object)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->child);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->folded_search);

  G_OBJECT_CLASS (tandem_window_parent_class)->finalize (object);
}

static void
tandem_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TandemWindow *self = TANDEM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_window_class_init (TandemWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tandem_window_constructed;
  object_class->dispose = tandem_window_dispose;
  object_class->finalize = tandem_window_finalize;
  object_class->get_property = tandem_window_get_property;
  object_class->set_property = tandem_window_set_property;

  window_class->close_request = tandem_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemWindow:selected-child:
   *
   * The child whose records are shown, or %NULL.
   */
  properties[PROP_SELECTED_CHILD] =
    g_param_spec_object ("selected-child", NULL, NULL, TANDEM_TYPE_CHILD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TANDEM_TYPE_JOURNAL_VIEW);
  g_type_ensure (TANDEM_TYPE_SEARCH_PAGE);
  g_type_ensure (TANDEM_TYPE_SYNC_STATUS_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, child_list);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, child_banner);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, child_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, banner_avatar);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, banner_name);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, banner_details);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, family_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, journal_view);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, search_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, places_list);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, week_row);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, follow_ups_row);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, overdue_count);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, reviews_row);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, reviews_count);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, week_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, follow_ups_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, reviews_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, meetings_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, plan_bin);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, TandemWindow, empty_sync_button);
  gtk_widget_class_bind_template_callback (widget_class, place_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_switcher_bar);

  _tandem_window_class_actions_init (klass);
}

static void
tandem_window_init (TandemWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.parent-pack", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.family-mode", FALSE);

  self->settings = g_settings_new (APP_ID);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_list_box_set_header_func (self->child_list, header_func, NULL, NULL);
  gtk_list_box_set_sort_func (self->child_list, sort_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->child_list, filter_func, self, NULL);
  gtk_list_box_set_placeholder (self->child_list,
                                g_object_new (ADW_TYPE_STATUS_PAGE,
                                              "icon-name", "edit-find-symbolic",
                                              "title", _("No Children Found"),
                                              "description",
                                              _("Try another name, room or keyworker."),
                                              "css-classes",
                                              (const char *[]) { "compact", NULL },
                                              NULL));
}

/**
 * tandem_window_new:
 * @application: the application
 * @store: the open database
 *
 * Returns: (transfer floating): a new main window
 */
TandemWindow *
tandem_window_new (GtkApplication *application,
                   TandemStore    *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  return g_object_new (TANDEM_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * tandem_window_get_store:
 * @self: a window
 *
 * Returns: (transfer none): the database the window shows
 */
TandemStore *
tandem_window_get_store (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * tandem_window_get_sync_controller:
 * @self: a window
 *
 * Returns: (transfer none): what syncs the window's database
 */
TandemSyncController *
tandem_window_get_sync_controller (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  return self->sync_controller;
}

/**
 * tandem_window_get_selected_child:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the child shown
 */
TandemChild *
tandem_window_get_selected_child (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), NULL);

  return self->child;
}

/**
 * tandem_window_select_child:
 * @self: a window
 * @child_id: (nullable): the id of a child in the list, or %NULL for none
 *
 * Selects a child in the list and shows their records.
 */
void
tandem_window_select_child (TandemWindow *self,
                            const char   *child_id)
{
  GtkListBoxRow *row = NULL;

  g_return_if_fail (TANDEM_IS_WINDOW (self));

  if (child_id != NULL)
    row = g_hash_table_lookup (self->rows, child_id);

  if (row != NULL)
    gtk_list_box_select_row (self->child_list, row);
  else
    gtk_list_box_unselect_all (self->child_list);
}

/**
 * tandem_window_add_toast:
 * @self: a window
 * @title: a short message, already translated
 *
 * Shows a passing message at the bottom of the window.
 */
void
tandem_window_add_toast (TandemWindow *self,
                         const char   *title)
{
  AdwToast *toast;

  g_return_if_fail (TANDEM_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  toast = adw_toast_new (title);
  /* Error messages are longer than the usual toast; give time to read them. */
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * tandem_window_is_empty:
 * @self: a window
 *
 * Returns: whether the welcome page is shown because there are no children
 */
gboolean
tandem_window_is_empty (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0;
}

/**
 * tandem_window_get_n_child_rows:
 * @self: a window
 *
 * Returns: how many children the list holds, shown or filtered out
 */
guint
tandem_window_get_n_child_rows (TandemWindow *self)
{
  g_return_val_if_fail (TANDEM_IS_WINDOW (self), 0);

  return g_hash_table_size (self->rows);
}
