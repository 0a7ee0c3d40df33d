/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-store-import-private.h"

/**
 * _tandem_store_save_imported:
 * @store: a store
 * @record: a record read from an export, new or replacing one with its id
 * @created_at: when the record was first made, from the export
 * @updated_at: when it last changed, from the export
 * @deleted: whether it is a tombstone
 * @error: where to put a failure
 *
 * Saves @record like tandem_store_save() (so every changed field reaches the
 * change log and syncs), marks it deleted or not, and then keeps the
 * timestamps it had where it was exported: an import recreates records, it
 * does not make new ones.
 */
gboolean
_tandem_store_save_imported (TandemStore   *store,
                             TandemRecord  *record,
                             const char    *created_at,
                             const char    *updated_at,
                             gboolean       deleted,
                             GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (TANDEM_IS_RECORD (record), FALSE);
  g_return_val_if_fail (created_at != NULL && updated_at != NULL, FALSE);

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (!tandem_store_save (store, record, error))
    goto fail;

  if (deleted ? !tandem_store_delete (store, record, error)
              : !tandem_store_undelete (store, record, error))
    goto fail;

  sql = g_strdup_printf ("UPDATE %s SET created_at = ?, updated_at = ? WHERE id = ?",
                         tandem_record_type_get_table (G_OBJECT_TYPE (record)));
  stmt = _tandem_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tandem_record_get_id (record), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      _tandem_store_set_error (store, error);
      goto fail;
    }
  sqlite3_reset (stmt);

  _tandem_record_set_meta (record, created_at, updated_at, deleted);

  return tandem_store_commit (store, error);

fail:
  tandem_store_rollback (store);
  return FALSE;
}
