/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-search-page.h"

/* One search entry for everything written down: observations (with their
 * next steps and ideas for home), comments, children and carers, across
 * all children or within the one shown. It searches as the person types
 * (see run_in_background()); the time each search took is logged with
 * G_MESSAGES_DEBUG. */

#define HIT_KEY "tandem-hit"

struct _TandemSearchPage
{
  GtkWidget        parent_instance;

  GtkSearchEntry  *search_entry;
  GtkToggleButton *all_toggle;
  GtkToggleButton *child_toggle;
  GtkLabel        *count_label;
  GtkStack        *results_stack;
  AdwStatusPage   *none_page;
  GtkListView     *results_view;

  TandemStore     *store;
  TandemChild     *child;
  GListStore      *results;
  /* Child id → name, for the result rows; cleared when children change. */
  GHashTable      *names;
  gint64           last_duration;
  guint            rerun_id;
  GCancellable    *cancellable;
  /* A second connection to the database, for searching in a thread. */
  GMutex           reader_lock;
  TandemStore     *reader;
};

G_DEFINE_FINAL_TYPE (TandemSearchPage, tandem_search_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESULT_ACTIVATED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * tandem_search_snippet_markup:
 * @snippet: a snippet from tandem_journal_search(), the matched words
 *   between U+0001 and U+0002
 *
 * Returns: (transfer full): Pango markup of @snippet with the matched words
 *   in bold and everything else escaped
 */
char *
tandem_search_snippet_markup (const char *snippet)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = snippet;
  gboolean bold = FALSE;

  if (snippet == NULL)
    return g_strdup ("");

  while (*p != '\0')
    {
      const char *end = strpbrk (p, "\x01\x02");
      g_autofree char *escaped = g_markup_escape_text (p, end != NULL ? end - p : -1);

      g_string_append (out, escaped);
      if (end == NULL)
        break;

      if (*end == '\x01' && !bold)
        {
          g_string_append (out, "<b>");
          bold = TRUE;
        }
      else if (*end == '\x02' && bold)
        {
          g_string_append (out, "</b>");
          bold = FALSE;
        }
      p = end + 1;
    }

  /* A snippet cut inside a match still makes valid markup. */
  if (bold)
    g_string_append (out, "</b>");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
plain_snippet (const char *snippet)
{
  GString *out = g_string_new (NULL);

  for (const char *p = snippet != NULL ? snippet : ""; *p != '\0'; p++)
    if (*p != '\x01' && *p != '\x02')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static const char *
child_name (TandemSearchPage *self,
            const char       *child_id)
{
  const char *name;

  if (child_id == NULL || self->store == NULL)
    return NULL;

  name = g_hash_table_lookup (self->names, child_id);
  if (name == NULL)
    {
      g_autoptr(TandemChild) child = tandem_store_load (self->store, TANDEM_TYPE_CHILD, child_id,
                                                        NULL);

      if (child == NULL)
        return NULL;
      name = g_strdup (tandem_child_get_display_name (child));
      g_hash_table_insert (self->names, g_strdup (child_id), (char *) name);
    }

  return name;
}

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "comment") == 0)
    return "chat-message-new-symbolic";
  if (g_strcmp0 (kind, "child") == 0)
    return "avatar-default-symbolic";
  if (g_strcmp0 (kind, "carer") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "x-office-calendar-symbolic";
  if (g_strcmp0 (kind, "action") == 0)
    return "object-select-symbolic";
  return "document-edit-symbolic";
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "comment") == 0)
    return C_("search result", "Comment");
  if (g_strcmp0 (kind, "child") == 0)
    return C_("search result", "Child");
  if (g_strcmp0 (kind, "carer") == 0)
    return C_("search result", "Carer");
  if (g_strcmp0 (kind, "meeting") == 0)
    return C_("search result", "Meeting");
  if (g_strcmp0 (kind, "action") == 0)
    return C_("search result", "Agreed action");
  return C_("search result", "Observation");
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TandemSearchPage         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 10);
  gtk_widget_set_margin_bottom (row, 10);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (row), icon);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (line), title);

  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (line), meta);
  gtk_box_append (GTK_BOX (text), line);

  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_label_set_use_markup (GTK_LABEL (snippet), TRUE);
  gtk_widget_add_css_class (snippet, "search-snippet");
  gtk_box_append (GTK_BOX (text), snippet);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (row), text);

  g_object_set_data (G_OBJECT (row), "tandem-icon", icon);
  g_object_set_data (G_OBJECT (row), "tandem-title", title);
  g_object_set_data (G_OBJECT (row), "tandem-meta", meta);
  g_object_set_data (G_OBJECT (row), "tandem-snippet", snippet);
  gtk_list_item_set_child (item, row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         TandemSearchPage         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  const TandemSearchHit *hit = g_object_get_data (gtk_list_item_get_item (item), HIT_KEY);
  const char *name = child_name (self, hit->child_id);
  g_autofree char *date = hit->date != NULL ? tandem_date_format_long (hit->date) : NULL;
  g_autofree char *meta = NULL;
  g_autofree char *markup = tandem_search_snippet_markup (hit->snippet);
  g_autofree char *plain = plain_snippet (hit->snippet);
  g_autofree char *accessible = NULL;

  if (date != NULL)
    /* Translators: beside a search result's name: its kind and date,
     * e.g. "Observation · 12 November 2026". */
    meta = g_strdup_printf (_("%1$s · %2$s"), kind_label (hit->kind), date);
  else
    meta = g_strdup (kind_label (hit->kind));

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (row), "tandem-icon"),
                                kind_icon (hit->kind));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "tandem-title"),
                       name != NULL ? name : _("Unknown child"));
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "tandem-meta"), meta);
  gtk_label_set_markup (g_object_get_data (G_OBJECT (row), "tandem-snippet"), markup);

  /* Translators: what a screen reader says for a search result; %1$s is a
   * child's name, %2$s the kind and date, %3$s the text found. */
  accessible = g_strdup_printf (_("%1$s, %2$s: %3$s"), name != NULL ? name : "", meta, plain);
  tandem_a11y_set_label (row, accessible);
  /* Screen readers announce the list's own row, which GTK 4.8 leaves
   * unnamed; it is the row widget's parent. */
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (row)), "GtkListItemWidget") == 0)
    tandem_a11y_set_label (gtk_widget_get_parent (row), accessible);
}

static void
update_count (TandemSearchPage *self,
              const char       *query)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  g_autofree char *count = NULL;

  if (query == NULL || query[0] == '\0')
    {
      gtk_label_set_label (self->count_label, NULL);
      gtk_stack_set_visible_child_name (self->results_stack, "start");
      return;
    }

  if (n >= TANDEM_SEARCH_PAGE_LIMIT)
    /* Translators: over the search results when there are more; %u is how many are shown. */
    count = g_strdup_printf (_("The first %u results"), n);
  else
    count = g_strdup_printf (ngettext ("%u result", "%u results", n), n);
  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "results" : "none");

  if (n == 0)
    adw_status_page_set_description (self->none_page,
                                     gtk_toggle_button_get_active (self->child_toggle)
                                     ? _("Try other words, or search all children.")
                                     : _("Try other words, or the beginning of a word."));
}

static const char *
scope_id (TandemSearchPage *self)
{
  if (gtk_toggle_button_get_active (self->child_toggle) && self->child != NULL)
    return tandem_record_get_id (TANDEM_RECORD (self->child));
  return NULL;
}

/* Lists @hits (taking them) as the results for @query. */
static void
show_hits (TandemSearchPage *self,
           const char       *query,
           GPtrArray        *hits)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < hits->len; i++)
    {
      TandemSearchHit *hit = g_ptr_array_index (hits, i);
      GtkStringObject *item = gtk_string_object_new (hit->row_id);

      /* The hit travels with its row; the array lets go of it. */
      g_object_set_data_full (G_OBJECT (item), HIT_KEY, hit,
                              (GDestroyNotify) tandem_search_hit_free);
      hits->pdata[i] = NULL;
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
  update_count (self, query);

  /* New results are read from the best one. */
  if (items->len > 0)
    {
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->results_view));

      if (adjustment != NULL)
        gtk_adjustment_set_value (adjustment, 0);
    }
}

/* Clears the results when there is nothing to search for. */
static gboolean
nothing_to_search (TandemSearchPage *self,
                   const char       *query)
{
  if (self->store != NULL && query[0] != '\0')
    return FALSE;

  g_list_store_remove_all (self->results);
  update_count (self, NULL);
  return TRUE;
}

/**
 * tandem_search_page_run:
 * @self: a search page
 *
 * Searches for what is in the entry now, here and now, without waiting for
 * typing to pause.
 */
void
tandem_search_page_run (TandemSearchPage *self)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *query;
  gint64 start;

  g_return_if_fail (TANDEM_IS_SEARCH_PAGE (self));

  g_clear_handle_id (&self->rerun_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (nothing_to_search (self, query))
    return;

  start = g_get_monotonic_time ();
  hits = tandem_journal_search (self->store, query, scope_id (self), TANDEM_SEARCH_PAGE_LIMIT,
                                &error);
  self->last_duration = g_get_monotonic_time () - start;
  g_debug ("Search for “%s” took %.1f ms", query, self->last_duration / 1000.0);

  if (hits == NULL)
    {
      g_warning ("Search failed: %s", error->message);
      hits = g_ptr_array_new ();
    }

  show_hits (self, query, hits);
}

/* Searching as the person types. A word or two answers in a few
 * milliseconds, but one or two letters match a large part of the journal:
 * about 130 ms over 60,000 observations, too long to hold up typing. So the
 * search runs in a thread, on a connection of its own to the database, and
 * a search overtaken by more typing is interrupted. */

typedef struct {
  char   *path;
  char   *query;
  char   *child_id;
  gint64  duration;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->path);
  g_free (job->query);
  g_free (job->child_id);
  g_free (job);
}

static void
interrupt_cb (GCancellable *cancellable,
              sqlite3      *db)
{
  sqlite3_interrupt (db);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TandemSearchPage *self = source_object;
  SearchJob *job = task_data;
  GPtrArray *hits = NULL;
  GError *error = NULL;
  gint64 start;
  gulong handler = 0;

  /* One search at a time uses the reader. */
  g_mutex_lock (&self->reader_lock);

  if (!g_cancellable_is_cancelled (cancellable))
    {
      if (self->reader == NULL)
        self->reader = tandem_store_open (job->path, &error);

      if (self->reader != NULL)
        {
          handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb),
                                           tandem_store_get_db (self->reader), NULL);
          start = g_get_monotonic_time ();
          hits = tandem_journal_search (self->reader, job->query, job->child_id,
                                        TANDEM_SEARCH_PAGE_LIMIT, &error);
          job->duration = g_get_monotonic_time () - start;
          g_cancellable_disconnect (cancellable, handler);
        }
    }

  g_mutex_unlock (&self->reader_lock);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&hits, g_ptr_array_unref);
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Overtaken");
    }
  else if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TandemSearchPage *self = TANDEM_SEARCH_PAGE (object);
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = g_task_propagate_pointer (G_TASK (result), &error);

  if (hits == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The reader could not be opened or failed: search here instead. */
      g_warning ("Search in the background failed: %s", error->message);
      tandem_search_page_run (self);
      return;
    }

  self->last_duration = job->duration;
  g_debug ("Search for “%s” took %.1f ms", job->query, job->duration / 1000.0);
  show_hits (self, job->query, hits);
}

static void
run_in_background (TandemSearchPage *self)
{
  g_autoptr(GTask) task = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *path;
  SearchJob *job;

  g_clear_handle_id (&self->rerun_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (nothing_to_search (self, query))
    return;

  path = tandem_store_get_path (self->store);
  if (path == NULL || g_str_equal (path, ":memory:"))
    {
      tandem_search_page_run (self);
      return;
    }

  job = g_new0 (SearchJob, 1);
  job->path = g_strdup (path);
  job->query = g_strdup (query);
  job->child_id = g_strdup (scope_id (self));

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, search_done_cb, NULL);
  g_task_set_source_tag (task, run_in_background);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

static void
search_changed_cb (TandemSearchPage *self)
{
  run_in_background (self);
}

static void
entry_activate_cb (TandemSearchPage *self)
{
  /* Enter opens the best result. */
  tandem_search_page_run (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    g_signal_emit_by_name (self->results_view, "activate", 0);
}

static void
stop_search_cb (TandemSearchPage *self)
{
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
scope_toggled_cb (TandemSearchPage *self,
                  GtkToggleButton  *button)
{
  /* Each toggle of the pair reports; search once, for the one now on. */
  if (gtk_toggle_button_get_active (button))
    run_in_background (self);
}

static void
result_activate_cb (TandemSearchPage *self,
                    guint             position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  const TandemSearchHit *hit;

  if (item == NULL)
    return;

  hit = g_object_get_data (item, HIT_KEY);
  g_signal_emit (self, signals[RESULT_ACTIVATED], 0, hit->kind, hit->row_id,
                 hit->observation_id, hit->child_id);
}

static gboolean
rerun_idle_cb (gpointer user_data)
{
  TandemSearchPage *self = user_data;

  self->rerun_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    run_in_background (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TandemStore      *store,
                  const char       *table,
                  const char       *id,
                  TandemSearchPage *self)
{
  if (g_strcmp0 (table, "children") == 0)
    g_hash_table_remove_all (self->names);

  /* Results shown go stale when what they came from changes (a deletion
   * above all); search again once the changes are done. */
  if (self->rerun_id == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    self->rerun_id = g_idle_add (rerun_idle_cb, self);
}

static void
update_scope (TandemSearchPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->child_toggle), self->child != NULL);
  if (self->child != NULL)
    {
      g_autofree char *tooltip = NULL;

      /* Translators: %s is a child's name. */
      tooltip = g_strdup_printf (_("Search only what concerns %s"),
                                 tandem_child_get_display_name (self->child));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->child_toggle), tooltip);
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->child_toggle), NULL);
      gtk_toggle_button_set_active (self->all_toggle, TRUE);
    }
}

static void
tandem_search_page_dispose (GObject *object)
{
  TandemSearchPage *self = TANDEM_SEARCH_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rerun_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_SEARCH_PAGE);
  /* The template's outer box has no id of its own to be cleared by. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->results != NULL)
    g_list_store_remove_all (self->results);

  G_OBJECT_CLASS (tandem_search_page_parent_class)->dispose (object);
}

static void
tandem_search_page_finalize (GObject *object)
{
  TandemSearchPage *self = TANDEM_SEARCH_PAGE (object);

  g_clear_object (&self->results);
  /* No search is running: each holds the page until it is done. */
  g_clear_object (&self->reader);
  g_mutex_clear (&self->reader_lock);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (tandem_search_page_parent_class)->finalize (object);
}

static void
tandem_search_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemSearchPage *self = TANDEM_SEARCH_PAGE (object);

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
tandem_search_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TandemSearchPage *self = TANDEM_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tandem_search_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHILD:
      tandem_search_page_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_search_page_class_init (TandemSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_search_page_dispose;
  object_class->finalize = tandem_search_page_finalize;
  object_class->get_property = tandem_search_page_get_property;
  object_class->set_property = tandem_search_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemSearchPage:child:
   *
   * The child "This Child" searches within, or %NULL.
   */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, TANDEM_TYPE_CHILD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemSearchPage::result-activated:
   * @self: the search page
   * @kind: "observation", "comment", "child", "carer", "meeting" or "action"
   * @row_id: the record found
   * @observation_id: (nullable): the observation, for observations and comments
   * @child_id: (nullable): the child it concerns
   *
   * Emitted when a result is chosen, for the window to show it.
   */
  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * TandemSearchPage::closed:
   * @self: the search page
   *
   * Emitted when Escape is pressed in the search entry.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemSearchPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchPage, all_toggle);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchPage, child_toggle);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, TandemSearchPage, results_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activate_cb);
}

static void
tandem_search_page_init (TandemSearchPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_mutex_init (&self->reader_lock);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->results = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->results_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  update_scope (self);
}

/**
 * tandem_search_page_new:
 *
 * Returns: (transfer floating): a new search page
 */
GtkWidget *
tandem_search_page_new (void)
{
  return g_object_new (TANDEM_TYPE_SEARCH_PAGE, NULL);
}

TandemStore *
tandem_search_page_get_store (TandemSearchPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_PAGE (self), NULL);

  return self->store;
}

void
tandem_search_page_set_store (TandemSearchPage *self,
                              TandemStore      *store)
{
  g_return_if_fail (TANDEM_IS_SEARCH_PAGE (self));
  g_return_if_fail (store == NULL || TANDEM_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_cancellable_cancel (self->cancellable);
  g_mutex_lock (&self->reader_lock);
  g_clear_object (&self->reader);
  g_mutex_unlock (&self->reader_lock);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_hash_table_remove_all (self->names);

  tandem_search_page_run (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tandem_search_page_get_child:
 * @self: a search page
 *
 * Returns: (transfer none) (nullable): the child "This Child" means
 */
TandemChild *
tandem_search_page_get_child (TandemSearchPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_PAGE (self), NULL);

  return self->child;
}

void
tandem_search_page_set_child (TandemSearchPage *self,
                              TandemChild      *child)
{
  gboolean same;

  g_return_if_fail (TANDEM_IS_SEARCH_PAGE (self));
  g_return_if_fail (child == NULL || TANDEM_IS_CHILD (child));

  same = child != NULL && self->child != NULL &&
         g_strcmp0 (tandem_record_get_id (TANDEM_RECORD (child)),
                    tandem_record_get_id (TANDEM_RECORD (self->child))) == 0;

  if (!g_set_object (&self->child, child))
    return;

  update_scope (self);
  if (!same && gtk_toggle_button_get_active (self->child_toggle))
    tandem_search_page_run (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * tandem_search_page_get_this_child:
 * @self: a search page
 *
 * Returns: whether the search is within the child only
 */
gboolean
tandem_search_page_get_this_child (TandemSearchPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_PAGE (self), FALSE);

  return gtk_toggle_button_get_active (self->child_toggle);
}

void
tandem_search_page_set_this_child (TandemSearchPage *self,
                                   gboolean          this_child)
{
  g_return_if_fail (TANDEM_IS_SEARCH_PAGE (self));

  gtk_toggle_button_set_active (this_child ? self->child_toggle : self->all_toggle, TRUE);
}

/**
 * tandem_search_page_set_text:
 * @self: a search page
 * @text: what to search for
 *
 * Puts @text in the entry; the search follows after the usual pause, or at
 * once with tandem_search_page_run().
 */
void
tandem_search_page_set_text (TandemSearchPage *self,
                             const char       *text)
{
  g_return_if_fail (TANDEM_IS_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

/**
 * tandem_search_page_focus:
 * @self: a search page
 *
 * Puts the cursor in the search entry, with what was typed before selected
 * so that typing replaces it.
 */
void
tandem_search_page_focus (TandemSearchPage *self)
{
  g_return_if_fail (TANDEM_IS_SEARCH_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * tandem_search_page_get_results:
 * @self: a search page
 *
 * Returns: (transfer none): the results listed, one #GtkStringObject per
 *   hit (see tandem_search_page_get_hit())
 */
GListModel *
tandem_search_page_get_results (TandemSearchPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_PAGE (self), NULL);

  return G_LIST_MODEL (self->results);
}

/**
 * tandem_search_page_get_hit:
 * @self: a search page
 * @position: a result
 *
 * Returns: (transfer none) (nullable): the hit at @position
 */
const TandemSearchHit *
tandem_search_page_get_hit (TandemSearchPage *self,
                            guint             position)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (TANDEM_IS_SEARCH_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  return item != NULL ? g_object_get_data (item, HIT_KEY) : NULL;
}

/**
 * tandem_search_page_get_last_duration:
 * @self: a search page
 *
 * Returns: how long the last search took, in microseconds
 */
gint64
tandem_search_page_get_last_duration (TandemSearchPage *self)
{
  g_return_val_if_fail (TANDEM_IS_SEARCH_PAGE (self), 0);

  return self->last_duration;
}
