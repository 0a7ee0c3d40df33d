/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-eyfs.h"
#include "tandem-journal.h"
#include "tandem-records.h"
#include "tandem-sqlite-private.h"

/* Queries over the learning journal. Which children an observation is about
 * lives in observation_children link rows; every query here ignores deleted
 * links and deleted observations, so that delete and undo (tombstones) need
 * nothing more than the store's own delete. */

static gboolean
db_failed (TandemStore  *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  _tandem_store_set_error (store, error);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return FALSE;
}

static gboolean
child_is_current_record (TandemStore  *store,
                         const char   *child_id,
                         gboolean     *exists,
                         GError      **error)
{
  sqlite3_stmt *stmt = _tandem_store_prepare (store, "SELECT deleted FROM children WHERE id = ?",
                                              error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, child_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_failed (store, stmt, error);
  *exists = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* The distinct non-empty strings of @strv, in order. */
static GPtrArray *
distinct (const char * const *strv)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      if (*strv[i] == '\0')
        continue;
      for (guint k = 0; k < out->len && !seen; k++)
        seen = g_str_equal (g_ptr_array_index (out, k), strv[i]);
      if (!seen)
        g_ptr_array_add (out, g_strdup (strv[i]));
    }

  return out;
}

static gboolean
contains (GPtrArray  *strings,
          const char *string)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), string))
      return TRUE;
  return FALSE;
}

typedef struct {
  char     *id;
  char     *child_id;
  gboolean  deleted;
} LinkRow;

static void
link_row_free (gpointer data)
{
  LinkRow *row = data;

  g_free (row->id);
  g_free (row->child_id);
  g_free (row);
}

/* Makes the live link rows from @parent_id (an observation or a photo) to
 * children exactly @wanted, changing as few rows as possible so that sync
 * sees only real changes: a link that stays is left alone, one that goes is
 * deleted (a tombstone), one that comes back is undeleted, and only a child
 * never linked before gets a new row. */
static gboolean
reconcile_links (TandemStore  *store,
                 GType         link_type,
                 const char   *parent_field,
                 const char   *parent_id,
                 GPtrArray    *wanted,
                 GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, child_id, deleted FROM %s "
                                          "WHERE %s = ? ORDER BY deleted, created_at, id",
                                          tandem_record_type_get_table (link_type),
                                          parent_field);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (link_row_free);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _tandem_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LinkRow *row = g_new0 (LinkRow, 1);

      row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->child_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->deleted = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    return db_failed (store, stmt, error);
  sqlite3_reset (stmt);

  /* Live rows come first, so a child keeps a live row over a tombstone; a
   * second live row for the same child (two devices linking it at once) is
   * retired. */
  for (guint i = 0; i < rows->len; i++)
    {
      LinkRow *row = g_ptr_array_index (rows, i);
      gboolean keep = row->child_id != NULL && contains (wanted, row->child_id) &&
                      !g_hash_table_contains (kept, row->child_id);
      g_autoptr(TandemRecord) record = NULL;

      if (keep)
        g_hash_table_add (kept, row->child_id);
      if (keep != row->deleted)
        continue;

      record = tandem_store_load (store, link_type, row->id, error);
      if (record == NULL)
        return FALSE;
      if (keep ? !tandem_store_undelete (store, record, error)
               : !tandem_store_delete (store, record, error))
        return FALSE;
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      const char *child_id = g_ptr_array_index (wanted, i);
      g_autoptr(TandemRecord) link = NULL;

      if (g_hash_table_contains (kept, child_id))
        continue;

      link = tandem_record_new (link_type);
      tandem_record_set_text (link, parent_field, parent_id);
      tandem_record_set_text (link, "child_id", child_id);
      if (!tandem_store_save (store, link, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_locked (TandemStore        *store,
             TandemObservation  *observation,
             GPtrArray          *children,
             GPtrArray          *photos,
             GPtrArray          *photo_children,
             GError            **error)
{
  const char *observation_id = tandem_record_get_id (TANDEM_RECORD (observation));
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) keep_photos = g_hash_table_new (g_str_hash, g_str_equal);

  if (!tandem_store_save (store, TANDEM_RECORD (observation), error) ||
      !reconcile_links (store, TANDEM_TYPE_OBSERVATION_CHILD, "observation_id", observation_id,
                        children, error))
    return FALSE;

  for (guint i = 0; i < photos->len; i++)
    {
      TandemRecord *photo = g_ptr_array_index (photos, i);
      const char *photo_id = tandem_record_get_id (photo);

      g_hash_table_add (keep_photos, (gpointer) photo_id);
      if (!tandem_store_save (store, photo, error))
        return FALSE;
      /* A photo removed and put back by undo comes back to life. */
      if (tandem_record_get_deleted (photo) && !tandem_store_undelete (store, photo, error))
        return FALSE;
      if (!reconcile_links (store, TANDEM_TYPE_PHOTO_CHILD, "photo_id", photo_id,
                            g_ptr_array_index (photo_children, i), error))
        return FALSE;
    }

  existing = tandem_store_list (store, TANDEM_TYPE_PHOTO, "observation_id = ?",
                                (const char * const []) { observation_id, NULL }, error);
  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    {
      TandemRecord *photo = g_ptr_array_index (existing, i);

      if (!g_hash_table_contains (keep_photos, tandem_record_get_id (photo)) &&
          !tandem_store_delete (store, photo, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * tandem_journal_save_observation:
 * @store: a store
 * @observation: a new or changed observation
 * @child_ids: (array zero-terminated=1): the children it is about, at least one
 * @photos: (nullable) (element-type TandemPhoto): its photos, in order; each
 *   photo's observation and position are set from this
 * @photo_children: (nullable) (element-type GStrv): parallel to @photos, who
 *   is in each photo; a %NULL array or entry means every child of the
 *   observation
 * @error: where to put why nothing was saved
 *
 * Checks everything first (the observation, that every child exists, every
 * photo is valid and stored, and shows only children of the observation),
 * then saves the observation, its children and its photos in one
 * transaction. Re-saving replaces the children and photos: a photo that is
 * not in @photos any more is deleted, and %NULL @photos removes them all.
 *
 * Returns: %TRUE if saved; on %FALSE nothing was
 */
gboolean
tandem_journal_save_observation (TandemStore         *store,
                                 TandemObservation   *observation,
                                 const char * const  *child_ids,
                                 GPtrArray           *photos,
                                 GPtrArray           *photo_children,
                                 GError             **error)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) photo_list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) photo_child_lists =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  const char *observation_id;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (TANDEM_IS_OBSERVATION (observation), FALSE);
  g_return_val_if_fail (photo_children == NULL || photos != NULL, FALSE);
  g_return_val_if_fail (photo_children == NULL || photo_children->len == photos->len, FALSE);

  observation_id = tandem_record_get_id (TANDEM_RECORD (observation));

  if (!tandem_record_validate (TANDEM_RECORD (observation), error))
    return FALSE;

  children = distinct (child_ids);
  if (children->len == 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Choose at least one child the observation is about."));
      return FALSE;
    }

  for (guint i = 0; i < children->len; i++)
    {
      const char *child_id = g_ptr_array_index (children, i);
      gboolean exists;

      if (!child_is_current_record (store, child_id, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                       /* Translators: %s is an identifier. */
                       _("There is no child with the id %s."), child_id);
          return FALSE;
        }
    }

  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      TandemRecord *photo = g_ptr_array_index (photos, i);
      const char * const *in_photo = photo_children != NULL
                                     ? g_ptr_array_index (photo_children, i) : NULL;
      g_autoptr(GPtrArray) who = NULL;

      g_return_val_if_fail (TANDEM_IS_PHOTO (photo), FALSE);

      /* The caller's records are only changed once all is known to be good;
       * these copies are what is checked and saved. */
      photo = tandem_record_copy (photo);
      g_ptr_array_add (photo_list, photo);
      tandem_record_set_text (photo, "observation_id", observation_id);
      tandem_record_set_int (photo, "position", i);

      if (!tandem_record_validate (photo, error))
        return FALSE;
      if (!tandem_blob_store_has (store, tandem_record_get_text (photo, "blob")))
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                       /* Translators: %s is a long hexadecimal name. */
                       _("The photo %s is not in Tandem’s photo store. Add it again."),
                       tandem_record_get_text (photo, "blob"));
          return FALSE;
        }

      who = in_photo != NULL ? distinct (in_photo) : g_ptr_array_ref (children);
      for (guint k = 0; k < who->len; k++)
        if (!contains (children, g_ptr_array_index (who, k)))
          {
            g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                                 _("A photo can only show children the observation is "
                                   "about."));
            return FALSE;
          }
      g_ptr_array_add (photo_child_lists, g_steal_pointer (&who));
    }

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (!save_locked (store, observation, children, photo_list, photo_child_lists, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }

  if (!tandem_store_commit (store, error))
    return FALSE;

  /* The caller's photos now match what was saved. */
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      TandemRecord *photo = g_ptr_array_index (photos, i);
      TandemRecord *saved = g_ptr_array_index (photo_list, i);

      tandem_record_set_text (photo, "observation_id", observation_id);
      tandem_record_set_int (photo, "position", i);
      _tandem_record_set_meta (photo, tandem_record_get_created_at (saved),
                               tandem_record_get_updated_at (saved),
                               tandem_record_get_deleted (saved));
    }

  return TRUE;
}

/* One statement for every combination of filters: an unset filter binds
 * NULL and its condition is true. The child's link rows come from the
 * (child_id, observation_id) index; only those observations are read. */
#define LIST_IDS_SQL \
  "SELECT o.id FROM observation_children oc " \
  "  JOIN observations o ON o.id = oc.observation_id " \
  "WHERE oc.child_id = ?1 AND oc.deleted = 0 AND o.deleted = 0" \
  "  AND (?2 IS NULL OR instr (',' || o.areas || ',', ',' || ?2 || ',') > 0" \
  "       OR instr (',' || o.areas || ',', ',' || ?2 || '.') > 0)" \
  "  AND (?3 IS NULL OR o.source = ?3)" \
  "  AND (?4 IS NULL OR o.shared = ?4)" \
  "  AND (?5 IS NULL OR o.observed_on >= ?5)" \
  "  AND (?6 IS NULL OR o.observed_on <= ?6) " \
  "ORDER BY o.observed_on DESC, o.created_at DESC, o.id DESC"

/**
 * tandem_journal_list_ids:
 * @store: a store
 * @child_id: the child
 * @filter: (nullable): which observations; %NULL for all. An area code
 *   matches observations tagged with the area or any of its aspects; an
 *   aspect code those tagged with that aspect.
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type utf8): the ids of the child's
 *   observations, newest first
 */
GPtrArray *
tandem_journal_list_ids (TandemStore                *store,
                         const char                 *child_id,
                         const TandemJournalFilter  *filter,
                         GError                    **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const TandemJournalFilter all = TANDEM_JOURNAL_FILTER_INIT;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  if (filter == NULL)
    filter = &all;

  stmt = _tandem_store_prepare (store, LIST_IDS_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, child_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, filter->area, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->source, -1, SQLITE_STATIC);
  if (filter->shared >= 0)
    sqlite3_bind_int (stmt, 4, filter->shared ? 1 : 0);
  sqlite3_bind_text (stmt, 5, filter->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, filter->to, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      /* Two devices may each have linked the same child; list it once. */
      if (!g_hash_table_add (seen, id))
        {
          g_free (id);
          continue;
        }
      g_ptr_array_add (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&ids);
}

static GStrv
live_child_ids (TandemStore  *store,
                const char   *sql,
                const char   *parent_id,
                GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _tandem_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_add (seen, g_strdup (id)))
        g_strv_builder_add (builder, id);
    }
  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

/**
 * tandem_journal_get_child_ids:
 * @store: a store
 * @observation_id: an observation
 * @error: where to put a failure
 *
 * Returns: (transfer full): the children the observation is about, in the
 *   order they were added; a deleted child is left out
 */
GStrv
tandem_journal_get_child_ids (TandemStore  *store,
                              const char   *observation_id,
                              GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (observation_id != NULL, NULL);

  return live_child_ids (store,
                         "SELECT oc.child_id FROM observation_children oc "
                         "  JOIN children c ON c.id = oc.child_id "
                         "WHERE oc.observation_id = ? AND oc.deleted = 0 AND c.deleted = 0 "
                         "ORDER BY oc.created_at, oc.id",
                         observation_id, error);
}

/**
 * tandem_journal_get_photos:
 * @store: a store
 * @observation_id: an observation
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemPhoto): its photos, in order
 */
GPtrArray *
tandem_journal_get_photos (TandemStore  *store,
                           const char   *observation_id,
                           GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (observation_id != NULL, NULL);

  return tandem_store_list (store, TANDEM_TYPE_PHOTO, "observation_id = ?",
                            (const char * const []) { observation_id, NULL }, error);
}

/**
 * tandem_journal_get_photo_child_ids:
 * @store: a store
 * @photo_id: a photo
 * @error: where to put a failure
 *
 * Returns: (transfer full): the children in the photo; a deleted child is
 *   still listed, because who is in a photo decides whether it may be shared
 */
GStrv
tandem_journal_get_photo_child_ids (TandemStore  *store,
                                    const char   *photo_id,
                                    GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (photo_id != NULL, NULL);

  return live_child_ids (store,
                         "SELECT child_id FROM photo_children "
                         "WHERE photo_id = ? AND deleted = 0 ORDER BY created_at, id",
                         photo_id, error);
}

/**
 * tandem_journal_get_comments:
 * @store: a store
 * @observation_id: an observation
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemComment): the thread, oldest
 *   first
 */
GPtrArray *
tandem_journal_get_comments (TandemStore  *store,
                             const char   *observation_id,
                             GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (observation_id != NULL, NULL);

  return tandem_store_list (store, TANDEM_TYPE_COMMENT, "observation_id = ?",
                            (const char * const []) { observation_id, NULL }, error);
}

/**
 * tandem_journal_count_comments:
 * @store: a store
 * @observation_id: an observation
 *
 * Returns: how many comments the observation has, or -1 on a failure
 */
gint64
tandem_journal_count_comments (TandemStore *store,
                               const char  *observation_id)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (TANDEM_IS_STORE (store), -1);
  g_return_val_if_fail (observation_id != NULL, -1);

  stmt = _tandem_store_prepare (store, "SELECT count(*) FROM comments "
                                       "WHERE observation_id = ? AND deleted = 0", NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, observation_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

void
tandem_search_hit_free (TandemSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->kind);
  g_free (hit->row_id);
  g_free (hit->observation_id);
  g_free (hit->child_id);
  g_free (hit->snippet);
  g_free (hit->date);
  g_free (hit);
}

static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return g_unichar_isalnum (c);
    }
}

/**
 * tandem_journal_match_expression:
 * @query: what a person typed
 *
 * Builds an FTS5 query from words a person typed: each word becomes a quoted
 * prefix phrase, `"word"*`, and the words must all match. Only letters,
 * digits and marks reach the expression, so quotes, asterisks, parentheses
 * and FTS keywords are plain text, never syntax. A word with punctuation
 * inside (`o'brien`) becomes a phrase of its parts.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL if @query
 *   holds no word
 */
char *
tandem_journal_match_expression (const char *query)
{
  g_autoptr(GString) expression = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  gboolean gap = FALSE;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return NULL;

  for (const char *p = query;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          if (gap && word->len > 0)
            g_string_append_c (word, ' ');
          gap = FALSE;
          g_string_append_unichar (word, c);
        }
      else if (c != 0 && !g_unichar_isspace (c))
        {
          gap = TRUE;
        }
      else
        {
          if (word->len > 0)
            {
              if (expression->len > 0)
                g_string_append_c (expression, ' ');
              g_string_append_printf (expression, "\"%s\"*", word->str);
              g_string_truncate (word, 0);
            }
          gap = FALSE;
          if (c == 0)
            break;
        }
    }

  if (expression->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&expression), FALSE);
}

/* Search returns rows in FTS5's own rank order (ORDER BY rank is done inside
 * FTS5), so SQLite stops at the limit and snippet() runs only for the rows
 * returned. search is the outer loop (CROSS JOIN keeps it there); the
 * joins drop deleted rows, a comment of a deleted observation, and, within
 * one child, everything not about that child. Names weigh more than body
 * text. */
#define SEARCH_SQL \
  "SELECT d.kind, d.row_id," \
  "  CASE d.kind WHEN 'observation' THEN o.id WHEN 'comment' THEN co.id END," \
  "  CASE WHEN d.kind IN ('child', 'carer', 'meeting', 'action') THEN d.child_id" \
  "       WHEN ?2 IS NOT NULL THEN ?2" \
  "       ELSE (SELECT oc.child_id FROM observation_children oc" \
  "             WHERE oc.observation_id = ifnull (o.id, co.id) AND oc.deleted = 0" \
  "             ORDER BY oc.created_at, oc.id LIMIT 1) END," \
  "  snippet (search, -1, char (1), char (2), '…', 12)," \
  "  CASE d.kind WHEN 'observation' THEN o.observed_on WHEN 'comment' THEN cm.commented_on" \
  "    WHEN 'meeting' THEN mt.meets_on WHEN 'action' THEN am.meets_on END " \
  "FROM search CROSS JOIN search_docs d ON d.docid = search.rowid" \
  "  LEFT JOIN observations o ON d.kind = 'observation' AND o.id = d.row_id" \
  "  LEFT JOIN comments cm ON d.kind = 'comment' AND cm.id = d.row_id" \
  "  LEFT JOIN observations co ON d.kind = 'comment' AND co.id = cm.observation_id" \
  "  LEFT JOIN children ch ON d.kind = 'child' AND ch.id = d.row_id" \
  "  LEFT JOIN carers ca ON d.kind = 'carer' AND ca.id = d.row_id" \
  "  LEFT JOIN meetings mt ON d.kind = 'meeting' AND mt.id = d.row_id" \
  "  LEFT JOIN actions ac ON d.kind = 'action' AND ac.id = d.row_id" \
  "  LEFT JOIN meetings am ON d.kind = 'action' AND am.id = ac.meeting_id " \
  "WHERE search MATCH ?1 AND search.rank MATCH 'bm25(4.0, 1.0)'" \
  "  AND CASE d.kind" \
  "        WHEN 'observation' THEN o.deleted = 0" \
  "        WHEN 'comment' THEN cm.deleted = 0 AND co.deleted = 0" \
  "        WHEN 'child' THEN ch.deleted = 0" \
  "        WHEN 'carer' THEN ca.deleted = 0" \
  "        WHEN 'meeting' THEN mt.deleted = 0" \
  "        WHEN 'action' THEN ac.deleted = 0 AND am.deleted = 0" \
  "        ELSE 0 END" \
  "  AND (?2 IS NULL OR CASE" \
  "        WHEN d.kind IN ('observation', 'comment') THEN EXISTS (" \
  "          SELECT 1 FROM observation_children x" \
  "          WHERE x.observation_id = ifnull (o.id, co.id) AND x.child_id = ?2" \
  "            AND x.deleted = 0)" \
  "        ELSE d.child_id = ?2 END) " \
  "ORDER BY search.rank LIMIT ?3"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * tandem_journal_search:
 * @store: a store
 * @query: what a person typed
 * @child_id: (nullable): only what concerns this child: observations about
 *   them, comments on those, the child and their carers
 * @limit: the most hits to return
 * @error: where to put a failure
 *
 * Returns: (transfer full) (element-type TandemSearchHit): the hits, best
 *   first; none for a query with no words
 */
GPtrArray *
tandem_journal_search (TandemStore  *store,
                       const char   *query,
                       const char   *child_id,
                       guint         limit,
                       GError      **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_search_hit_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  match = tandem_journal_match_expression (query);
  if (match == NULL || limit == 0)
    return g_steal_pointer (&hits);

  stmt = _tandem_store_prepare (store, SEARCH_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, child_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TandemSearchHit *hit = g_new0 (TandemSearchHit, 1);

      hit->kind = column_dup (stmt, 0);
      hit->row_id = column_dup (stmt, 1);
      hit->observation_id = column_dup (stmt, 2);
      hit->child_id = column_dup (stmt, 3);
      hit->snippet = column_dup (stmt, 4);
      hit->date = column_dup (stmt, 5);
      g_ptr_array_add (hits, hit);
    }

  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&hits);
}

/**
 * tandem_journal_area_counts:
 * @store: a store
 * @child_id: the child
 * @from: (nullable): ISO date, inclusive
 * @to: (nullable): ISO date, inclusive
 * @error: where to put a failure
 *
 * Counts the child's observations per area for the coverage summary. An
 * observation counts once for each area it touches, however many of the
 * area's aspects it names; the table also counts each aspect under its own
 * code (`cl.speaking`). Areas with no observation are absent.
 *
 * Returns: (transfer full) (element-type utf8 int): code → count
 *   (GINT_TO_POINTER)
 */
GHashTable *
tandem_journal_area_counts (TandemStore  *store,
                            const char   *child_id,
                            const char   *from,
                            const char   *to,
                            GError      **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  stmt = _tandem_store_prepare (store,
                                "SELECT o.id, o.areas FROM observation_children oc "
                                "  JOIN observations o ON o.id = oc.observation_id "
                                "WHERE oc.child_id = ?1 AND oc.deleted = 0 AND o.deleted = 0"
                                "  AND o.areas IS NOT NULL"
                                "  AND (?2 IS NULL OR o.observed_on >= ?2)"
                                "  AND (?3 IS NULL OR o.observed_on <= ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, child_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) codes = NULL;
      g_autoptr(GHashTable) counted = NULL;

      if (!g_hash_table_add (seen, column_dup (stmt, 0)))
        continue;

      codes = g_strsplit ((const char *) sqlite3_column_text (stmt, 1), ",", -1);
      counted = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; codes[i] != NULL; i++)
        {
          const char *keys[2] = { tandem_eyfs_area_of (codes[i]), NULL };

          if (keys[0] == NULL)
            continue;
          if (!g_str_equal (keys[0], codes[i]))
            keys[1] = codes[i];

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              gpointer n;

              if (keys[k] == NULL || !g_hash_table_add (counted, (gpointer) keys[k]))
                continue;
              n = g_hash_table_lookup (counts, keys[k]);
              g_hash_table_replace (counts, g_strdup (keys[k]),
                                    GINT_TO_POINTER (GPOINTER_TO_INT (n) + 1));
            }
        }
    }

  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&counts);
}

static int
compare_latest (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *latest = user_data;
  const char *x = g_hash_table_lookup (latest, tandem_record_get_id (*(TandemRecord **) a));
  const char *y = g_hash_table_lookup (latest, tandem_record_get_id (*(TandemRecord **) b));

  if (x == NULL || y == NULL)
    return (x != NULL) - (y != NULL);
  return strcmp (x, y);
}

/**
 * tandem_journal_children_without_since:
 * @store: a store
 * @since: ISO date
 * @error: where to put a failure
 *
 * The children who attend now (started, not left) and have no observation
 * dated on or after @since: those never observed first, then those whose
 * latest observation is oldest.
 *
 * Returns: (transfer full) (element-type TandemChild): the children
 */
GPtrArray *
tandem_journal_children_without_since (TandemStore  *store,
                                       const char   *since,
                                       GError      **error)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint unknown;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (since != NULL, NULL);

  stmt = _tandem_store_prepare (store,
                                "SELECT id FROM children WHERE deleted = 0"
                                "  AND (start_date IS NULL OR start_date <= ?1)"
                                "  AND (leaving_date IS NULL OR leaving_date > ?1) "
                                "ORDER BY given_name COLLATE NOCASE, family_name COLLATE NOCASE",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (latest, g_ptr_array_index (ids, i), NULL);

  /* Walks the journal back from the newest observation (the observed_on
   * index gives that order) until every child's latest date is known. On a
   * normal day that is a few weeks' worth of rows, not the whole journal;
   * only a child never observed makes it read everything. */
  unknown = ids->len;
  stmt = _tandem_store_prepare (store,
                                "SELECT o.observed_on, oc.child_id FROM observations o"
                                "  JOIN observation_children oc ON oc.observation_id = o.id "
                                "WHERE o.deleted = 0 AND oc.deleted = 0 "
                                "ORDER BY o.observed_on DESC", error);
  if (stmt == NULL)
    return NULL;
  while (unknown > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *child_id = (const char *) sqlite3_column_text (stmt, 1);
      gpointer key, value;

      if (child_id != NULL && g_hash_table_lookup_extended (latest, child_id, &key, &value) &&
          value == NULL)
        {
          g_hash_table_insert (latest, key, column_dup (stmt, 0));
          unknown--;
        }
    }
  if (unknown > 0 && rc != SQLITE_DONE)
    {
      db_failed (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *date = g_hash_table_lookup (latest, g_ptr_array_index (ids, i));

      if (date == NULL || strcmp (date, since) < 0)
        {
          TandemRecord *child = tandem_store_load (store, TANDEM_TYPE_CHILD,
                                                   g_ptr_array_index (ids, i), error);

          if (child == NULL)
            return NULL;
          g_ptr_array_add (children, child);
        }
    }

  /* Never observed first, then the longest ago; ids are in name order, and
   * the sort is stable for equal dates. */
  g_ptr_array_sort_with_data (children, compare_latest, latest);
  return g_steal_pointer (&children);
}
