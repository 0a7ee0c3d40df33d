/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-observation-model.h"

#include "tandem-records.h"

/* A child's journal as a list model that holds only ids until a row is shown.
 *
 * A keyworker may have written thousands of observations about a child over
 * the years. Listing the ids is one quick query; the records behind them are
 * read one by one as the list view asks for the rows it puts on screen, and
 * the last few hundred read are kept, so scrolling back and forth does not
 * read them again and scrolling through everything does not hold it all. */

typedef struct {
  char              *id;
  TandemObservation *observation;
} CacheEntry;

struct _TandemObservationModel
{
  GObject      parent_instance;

  TandemStore *store;
  char        *child_id;

  /* The filter, with strings of its own. */
  char        *area;
  char        *source;
  int          shared;
  char        *from;
  char        *to;

  GPtrArray   *ids;
  /* id → position + 1, built when first needed after each change. */
  GHashTable  *positions;

  /* Most recently used first; the table finds an id's link in the queue. */
  GQueue       lru;
  GHashTable  *cache;

  /* Observations whose card must be rebuilt at the next refresh, because
   * they, their photos or their comments changed. */
  GHashTable  *dirty;
  gboolean     all_dirty;
  guint        refresh_id;
  guint        n_loads;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemObservationModel, tandem_observation_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHILD_ID,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->id);
  g_clear_object (&entry->observation);
  g_free (entry);
}

static void
cache_drop (TandemObservationModel *self,
            const char             *id)
{
  GList *link = g_hash_table_lookup (self->cache, id);

  if (link == NULL)
    return;

  g_hash_table_remove (self->cache, id);
  cache_entry_free (link->data);
  g_queue_delete_link (&self->lru, link);
}

static void
cache_clear (TandemObservationModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
}

static GType
get_item_type (GListModel *model)
{
  return TANDEM_TYPE_OBSERVATION;
}

static guint
get_n_items (GListModel *model)
{
  return TANDEM_OBSERVATION_MODEL (model)->ids->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TandemObservationModel *self = TANDEM_OBSERVATION_MODEL (model);
  g_autoptr(GError) error = NULL;
  CacheEntry *entry;
  const char *id;
  GList *link;

  if (position >= self->ids->len)
    return NULL;

  id = g_ptr_array_index (self->ids, position);
  link = g_hash_table_lookup (self->cache, id);
  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return g_object_ref (((CacheEntry *) link->data)->observation);
    }

  entry = g_new0 (CacheEntry, 1);
  entry->id = g_strdup (id);
  entry->observation = tandem_store_load (self->store, TANDEM_TYPE_OBSERVATION, id, &error);
  self->n_loads++;
  if (entry->observation == NULL)
    {
      /* Gone between listing and reading (another window, a sync): the row
       * stays until the refresh that is on its way removes it. */
      g_debug ("Observation %s could not be read: %s", id, error ? error->message : "");
      entry->observation = TANDEM_OBSERVATION (tandem_record_new (TANDEM_TYPE_OBSERVATION));
      tandem_record_set_id (TANDEM_RECORD (entry->observation), id);
    }

  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->cache, entry->id, self->lru.head);

  while (self->lru.length > TANDEM_OBSERVATION_MODEL_CACHE_SIZE)
    {
      CacheEntry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->cache, oldest->id);
      cache_entry_free (oldest);
    }

  return g_object_ref (entry->observation);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
same_id (GPtrArray *a,
         guint      i,
         GPtrArray *b,
         guint      k)
{
  return g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, k));
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static GHashTable *
ensure_positions (TandemObservationModel *self)
{
  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < self->ids->len; i++)
        g_hash_table_insert (self->positions, g_ptr_array_index (self->ids, i),
                             GUINT_TO_POINTER (i + 1));
    }

  return self->positions;
}

/* Tells the list view about the rows whose record changed in place, in
 * runs, so that only those cards are built again. @skip_from and @skip_n
 * are rows already announced as replaced. */
static void
emit_dirty (TandemObservationModel *self,
            GPtrArray              *dirty_ids,
            guint                   skip_from,
            guint                   skip_n)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTable *positions = ensure_positions (self);

  for (guint i = 0; i < dirty_ids->len; i++)
    {
      guint position = GPOINTER_TO_UINT (g_hash_table_lookup (positions,
                                                              g_ptr_array_index (dirty_ids, i)));

      if (position == 0)
        continue;
      position--;
      if (position >= skip_from && position < skip_from + skip_n)
        continue;
      g_array_append_val (rows, position);
    }

  g_array_sort (rows, compare_uint);

  for (guint i = 0; i < rows->len;)
    {
      guint start = g_array_index (rows, guint, i);
      guint n = 1;

      while (i + n < rows->len && g_array_index (rows, guint, i + n) == start + n)
        n++;
      g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
      i += n;
    }
}

/**
 * tandem_observation_model_refresh:
 * @self: a model
 *
 * Lists the ids again and tells the list what changed: the rows between
 * the unchanged start and end of the list, and the rows whose observation
 * (or its photos or comments) changed in place. A card that did not change
 * keeps its widget and the list keeps its scroll position.
 */
void
tandem_observation_model_refresh (TandemObservationModel *self)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GPtrArray) dirty_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  TandemJournalFilter filter = { self->area, self->source, self->shared, self->from, self->to };
  guint prefix = 0, suffix = 0, removed, added, n_old, n_new;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TANDEM_IS_OBSERVATION_MODEL (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->child_id != NULL)
    {
      fresh = tandem_journal_list_ids (self->store, self->child_id, &filter, &error);
      if (fresh == NULL)
        {
          g_warning ("The journal could not be listed: %s", error->message);
          return;
        }
    }
  else
    fresh = g_ptr_array_new_with_free_func (g_free);

  /* Whatever changed is read again when it is next shown. */
  if (self->all_dirty)
    {
      for (GList *l = self->lru.head; l != NULL; l = l->next)
        g_ptr_array_add (dirty_ids, g_strdup (((CacheEntry *) l->data)->id));
      cache_clear (self);
    }
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (self->cache, key))
        {
          g_ptr_array_add (dirty_ids, g_strdup (key));
          cache_drop (self, key);
        }
    }
  g_hash_table_remove_all (self->dirty);
  self->all_dirty = FALSE;

  old = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&fresh);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  n_old = old->len;
  n_new = self->ids->len;
  while (prefix < n_old && prefix < n_new && same_id (old, prefix, self->ids, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         same_id (old, n_old - 1 - suffix, self->ids, n_new - 1 - suffix))
    suffix++;

  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  emit_dirty (self, dirty_ids, prefix, added);

  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TandemObservationModel *self = user_data;

  self->refresh_id = 0;
  tandem_observation_model_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
mark_dirty (TandemObservationModel *self,
            const char             *observation_id)
{
  if (observation_id != NULL)
    g_hash_table_add (self->dirty, g_strdup (observation_id));
}

/* The observation a photo, comment or link belongs to. */
static void
mark_parent_dirty (TandemObservationModel *self,
                   GType                   type,
                   const char             *id)
{
  g_autoptr(TandemRecord) record = tandem_store_load (self->store, type, id, NULL);

  if (record != NULL)
    mark_dirty (self, tandem_record_get_text (record, "observation_id"));
}

static void
store_changed_cb (TandemStore            *store,
                  const char             *table,
                  const char             *id,
                  TandemObservationModel *self)
{
  if (self->child_id == NULL)
    return;

  if (g_strcmp0 (table, "observations") == 0)
    mark_dirty (self, id);
  else if (g_strcmp0 (table, "comments") == 0)
    mark_parent_dirty (self, TANDEM_TYPE_COMMENT, id);
  else if (g_strcmp0 (table, "photos") == 0)
    mark_parent_dirty (self, TANDEM_TYPE_PHOTO, id);
  else if (g_strcmp0 (table, "observation_children") == 0)
    /* A group observation names the other children: their cards change. */
    mark_parent_dirty (self, TANDEM_TYPE_OBSERVATION_CHILD, id);
  else if (g_strcmp0 (table, "children") == 0 || g_strcmp0 (table, "keyworkers") == 0 ||
           g_strcmp0 (table, "carers") == 0)
    /* Cards name authors, carers and the other children of a group. */
    self->all_dirty = TRUE;
  else
    return;

  /* Saving an observation saves its links, photos and comments too, and an
   * import saves thousands: one refresh after them all. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
tandem_observation_model_constructed (GObject *object)
{
  TandemObservationModel *self = TANDEM_OBSERVATION_MODEL (object);

  G_OBJECT_CLASS (tandem_observation_model_parent_class)->constructed (object);

  g_assert (TANDEM_IS_STORE (self->store));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);

  if (self->child_id != NULL)
    tandem_observation_model_refresh (self);
}

static void
tandem_observation_model_dispose (GObject *object)
{
  TandemObservationModel *self = TANDEM_OBSERVATION_MODEL (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cache_clear (self);

  G_OBJECT_CLASS (tandem_observation_model_parent_class)->dispose (object);
}

static void
tandem_observation_model_finalize (GObject *object)
{
  TandemObservationModel *self = TANDEM_OBSERVATION_MODEL (object);

  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->child_id);
  g_free (self->area);
  g_free (self->source);
  g_free (self->from);
  g_free (self->to);

  G_OBJECT_CLASS (tandem_observation_model_parent_class)->finalize (object);
}

static void
tandem_observation_model_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TandemObservationModel *self = TANDEM_OBSERVATION_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CHILD_ID:
      g_value_set_string (value, self->child_id);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_observation_model_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TandemObservationModel *self = TANDEM_OBSERVATION_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CHILD_ID:
      /* Before construction only remember it: constructed() lists. */
      if (self->store == NULL)
        self->child_id = g_value_dup_string (value);
      else
        tandem_observation_model_set_child_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_observation_model_class_init (TandemObservationModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tandem_observation_model_constructed;
  object_class->dispose = tandem_observation_model_dispose;
  object_class->finalize = tandem_observation_model_finalize;
  object_class->get_property = tandem_observation_model_get_property;
  object_class->set_property = tandem_observation_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemObservationModel:child-id:
   *
   * The child whose journal is listed, or %NULL for an empty list.
   */
  properties[PROP_CHILD_ID] =
    g_param_spec_string ("child-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_observation_model_init (TandemObservationModel *self)
{
  self->shared = -1;
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->cache = g_hash_table_new (g_str_hash, g_str_equal);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->lru);
}

/**
 * tandem_observation_model_new:
 * @store: the store to read from
 * @child_id: (nullable): the child whose journal to list
 *
 * Returns: (transfer full): a new model of #TandemObservation, newest first
 */
TandemObservationModel *
tandem_observation_model_new (TandemStore *store,
                              const char  *child_id)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  return g_object_new (TANDEM_TYPE_OBSERVATION_MODEL,
                       "store", store,
                       "child-id", child_id,
                       NULL);
}

TandemStore *
tandem_observation_model_get_store (TandemObservationModel *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_MODEL (self), NULL);

  return self->store;
}

const char *
tandem_observation_model_get_child_id (TandemObservationModel *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_MODEL (self), NULL);

  return self->child_id;
}

/**
 * tandem_observation_model_set_child_id:
 * @self: a model
 * @child_id: (nullable): the child whose journal to list
 *
 * Lists another child's journal, at once.
 */
void
tandem_observation_model_set_child_id (TandemObservationModel *self,
                                       const char             *child_id)
{
  g_return_if_fail (TANDEM_IS_OBSERVATION_MODEL (self));

  if (g_strcmp0 (self->child_id, child_id) == 0)
    return;

  g_free (self->child_id);
  self->child_id = g_strdup (child_id);
  /* Another child's cards share nothing worth keeping but group
   * observations; start afresh rather than hold the last child's. */
  cache_clear (self);
  g_hash_table_remove_all (self->dirty);
  self->all_dirty = FALSE;
  tandem_observation_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD_ID]);
}

static gboolean
replace (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * tandem_observation_model_set_filter:
 * @self: a model
 * @filter: (nullable): which observations to list; %NULL for all
 *
 * Lists the observations that match @filter, at once. The strings are
 * copied.
 */
void
tandem_observation_model_set_filter (TandemObservationModel    *self,
                                     const TandemJournalFilter *filter)
{
  const TandemJournalFilter all = TANDEM_JOURNAL_FILTER_INIT;
  gboolean changed = FALSE;

  g_return_if_fail (TANDEM_IS_OBSERVATION_MODEL (self));

  if (filter == NULL)
    filter = &all;

  changed |= replace (&self->area, filter->area);
  changed |= replace (&self->source, filter->source);
  changed |= replace (&self->from, filter->from);
  changed |= replace (&self->to, filter->to);
  if (self->shared != (filter->shared < 0 ? -1 : !!filter->shared))
    {
      self->shared = filter->shared < 0 ? -1 : !!filter->shared;
      changed = TRUE;
    }

  if (changed)
    tandem_observation_model_refresh (self);
}

/**
 * tandem_observation_model_find:
 * @self: a model
 * @observation_id: an observation
 *
 * Returns: the position of @observation_id, or %G_MAXUINT when it is not
 *   listed (not about this child, or filtered out)
 */
guint
tandem_observation_model_find (TandemObservationModel *self,
                               const char             *observation_id)
{
  gpointer position;

  g_return_val_if_fail (TANDEM_IS_OBSERVATION_MODEL (self), G_MAXUINT);

  if (observation_id == NULL)
    return G_MAXUINT;

  position = g_hash_table_lookup (ensure_positions (self), observation_id);
  return position != NULL ? GPOINTER_TO_UINT (position) - 1 : G_MAXUINT;
}

/**
 * tandem_observation_model_get_id:
 * @self: a model
 * @position: a row
 *
 * Returns: (nullable): the id of the observation at @position, without
 *   reading it
 */
const char *
tandem_observation_model_get_id (TandemObservationModel *self,
                                 guint                   position)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_MODEL (self), NULL);

  return position < self->ids->len ? g_ptr_array_index (self->ids, position) : NULL;
}

/**
 * tandem_observation_model_get_n_cached:
 * @self: a model
 *
 * Returns: how many observations are held in memory now, at most
 *   %TANDEM_OBSERVATION_MODEL_CACHE_SIZE
 */
guint
tandem_observation_model_get_n_cached (TandemObservationModel *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_MODEL (self), 0);

  return self->lru.length;
}

/**
 * tandem_observation_model_get_n_loads:
 * @self: a model
 *
 * Returns: how many observations were read from the store so far, for
 *   tests and measurements
 */
guint
tandem_observation_model_get_n_loads (TandemObservationModel *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_MODEL (self), 0);

  return self->n_loads;
}
