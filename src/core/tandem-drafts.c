/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-drafts.h"

/* A draft holds at most a few fields of at most 64 KB each, as JSON; far
 * more is not an editor's state. */
#define MAX_DRAFT_BYTES (1024 * 1024)

static char *
utc_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
key_valid (const char  *key,
           GError     **error)
{
  if (key == NULL || *key == '\0' || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("A draft needs a name."));
      return FALSE;
    }
  return TRUE;
}

/**
 * tandem_drafts_save:
 * @store: a store
 * @key: what is being edited, e.g. `observation:new`
 * @content: the editor's state
 * @error: where to put a failure
 *
 * Keeps @content as the draft called @key, replacing an earlier one. When
 * no transaction is open the write is a transaction of its own, committed
 * before this returns, so that it survives the program being killed.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_drafts_save (TandemStore  *store,
                    const char   *key,
                    const char   *content,
                    GError      **error)
{
  g_autofree char *now = utc_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!key_valid (key, error))
    return FALSE;

  if (content == NULL || !g_utf8_validate (content, -1, NULL))
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("The draft contains text that is not valid UTF-8."));
      return FALSE;
    }

  if (strlen (content) > MAX_DRAFT_BYTES)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("The draft is too long to keep: it is more than 1 MB."));
      return FALSE;
    }

  stmt = _tandem_store_prepare (store,
                                "INSERT INTO drafts (key, content, saved_at) VALUES (?, ?, ?) "
                                "ON CONFLICT (key) DO UPDATE "
                                "SET content = excluded.content, saved_at = excluded.saved_at",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, content, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _tandem_store_set_error (store, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * tandem_drafts_load:
 * @store: a store
 * @key: the draft's name
 * @saved_at: (out) (optional) (transfer full): when it was saved, UTC ISO 8601
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL if there is none
 */
char *
tandem_drafts_load (TandemStore  *store,
                    const char   *key,
                    char        **saved_at)
{
  sqlite3_stmt *stmt;
  char *content = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  if (saved_at != NULL)
    *saved_at = NULL;
  if (key == NULL)
    return NULL;

  stmt = _tandem_store_prepare (store, "SELECT content, saved_at FROM drafts WHERE key = ?",
                                NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      content = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (saved_at != NULL)
        *saved_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return content;
}

/**
 * tandem_drafts_list:
 * @store: a store
 *
 * Returns: (transfer full): the names of every draft, the most recently
 *   saved first, to offer back after a crash
 */
GStrv
tandem_drafts_list (TandemStore *store)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = _tandem_store_prepare (store, "SELECT key FROM drafts ORDER BY saved_at DESC, key",
                                NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

/**
 * tandem_drafts_discard:
 * @store: a store
 * @key: the draft's name
 * @error: where to put a failure
 *
 * Forgets a draft, once its work is saved or thrown away. Discarding a draft
 * that does not exist is not an error.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_drafts_discard (TandemStore  *store,
                       const char   *key,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!key_valid (key, error))
    return FALSE;

  stmt = _tandem_store_prepare (store, "DELETE FROM drafts WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _tandem_store_set_error (store, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}
