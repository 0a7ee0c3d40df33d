/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-hlc.h"
#include "tandem-records.h"
#include "tandem-sqlite-private.h"
#include "tandem-sync-store.h"

/* The engine reports at most this many changed rows; beyond it, the GUI
 * reloads everything (TANDEM_SYNC_MAX_CHANGED_ROWS in tandem-sync.h). */
#define MAX_CHANGED_ROWS 5000

/* A remote clock further ahead than this waits in quarantine. */
#define QUARANTINE_AHEAD_MS (G_GUINT64_CONSTANT (24) * 60 * 60 * 1000)

/* The largest text a change may carry. */
#define MAX_TEXT_BYTES (1024 * 1024)

#define MAX_ID_LEN 64

/* The clock of a value that has none (a creation time or tombstone flag
 * never changed, or data from before sync): older than any real edit. It is
 * never stored as a field's clock, and a row that exists already keeps its
 * own such value; so a snapshot applied twice writes nothing the second
 * time, and a device that joined from one keeps no clocks for them. */
#define ZERO_HLC "0000000000000000"

#define HLC_IS_ZERO(clock) ((clock)->wall_ms == 0 && (clock)->counter == 0)

/* What kind of value a field takes, with the two pseudo-fields apart. */
typedef enum {
  KIND_TEXT,
  KIND_INT,
  KIND_BOOL,
  KIND_DELETED,
  KIND_CREATED,
} ValueKind;

/* Everything about one record table that applying and reading need, with its
 * SQL written once. Field index i < n_fields is a record field; n_fields is
 * "deleted" and n_fields + 1 "created_at". */
typedef struct {
  GType              type;
  const char        *table;
  const TandemField *fields;
  guint              n_fields;
  GHashTable        *index;       /* field name → index + 1 */
  char              *sql_exists;
  char              *sql_insert;  /* id, created_at, updated_at only */
  char              *sql_insert_full;
  char              *sql_scan;
  char             **sql_update;  /* per index, n_fields + 2 */
  char             **sql_select;  /* per index, n_fields + 2 */
} TableInfo;

#define FIELD_DELETED(info) ((info)->n_fields)
#define FIELD_CREATED(info) ((info)->n_fields + 1)

static GHashTable *tables;  /* table name → TableInfo */

static const char *
column_name (const TableInfo *info,
             guint            index)
{
  if (index == FIELD_DELETED (info))
    return "deleted";
  if (index == FIELD_CREATED (info))
    return "created_at";
  return info->fields[index].name;
}

static ValueKind
field_kind (const TableInfo *info,
            guint            index)
{
  if (index == FIELD_DELETED (info))
    return KIND_DELETED;
  if (index == FIELD_CREATED (info))
    return KIND_CREATED;

  switch (info->fields[index].type)
    {
    case TANDEM_FIELD_INT:
      return KIND_INT;
    case TANDEM_FIELD_BOOL:
      return KIND_BOOL;
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      return KIND_TEXT;
    }
}

static TableInfo *
table_info_new (GType type)
{
  TableInfo *info = g_new0 (TableInfo, 1);
  GString *sql;

  info->type = type;
  info->table = tandem_record_type_get_table (type);
  info->fields = tandem_record_type_get_fields (type, &info->n_fields);
  info->index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < info->n_fields + 2; i++)
    g_hash_table_insert (info->index, (gpointer) column_name (info, i), GUINT_TO_POINTER (i + 1));

  info->sql_exists = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", info->table);
  info->sql_insert = g_strdup_printf ("INSERT INTO %s (id, created_at, updated_at, deleted) "
                                      "VALUES (?1, ?2, ?3, 0)", info->table);

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (id, created_at, updated_at, deleted",
                          info->table);
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", %s", info->fields[i].name);
  g_string_append (sql, ") VALUES (?1, ?2, ?3, ?4");
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", ?%u", i + 5);
  g_string_append (sql, ")");
  info->sql_insert_full = g_string_free (sql, FALSE);

  sql = g_string_new ("SELECT id, created_at, deleted");
  for (guint i = 0; i < info->n_fields; i++)
    g_string_append_printf (sql, ", %s", info->fields[i].name);
  g_string_append_printf (sql, " FROM %s ORDER BY id", info->table);
  info->sql_scan = g_string_free (sql, FALSE);

  info->sql_update = g_new0 (char *, info->n_fields + 3);
  info->sql_select = g_new0 (char *, info->n_fields + 3);
  for (guint i = 0; i < info->n_fields + 2; i++)
    {
      info->sql_update[i] = g_strdup_printf ("UPDATE %s SET %s = ?1, "
                                             "updated_at = max (updated_at, ?2) WHERE id = ?3",
                                             info->table, column_name (info, i));
      info->sql_select[i] = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                                             column_name (info, i), info->table);
    }

  return info;
}

static GHashTable *
get_tables (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      guint n_types;
      const GType *types = tandem_record_types (&n_types);

      tables = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n_types; i++)
        {
          TableInfo *info = table_info_new (types[i]);

          g_hash_table_insert (tables, (gpointer) info->table, info);
        }
      g_once_init_leave (&once, 1);
    }
  return tables;
}

static TableInfo *
find_table (const char *table)
{
  if (table == NULL)
    return NULL;
  return g_hash_table_lookup (get_tables (), table);
}

/* Returns the field's index + 1, or 0 if the table has no such field. */
static guint
find_field (const TableInfo *info,
            const char      *field)
{
  if (field == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (info->index, field));
}

/* Record types in the order sync reads and applies them: referenced records
 * first. */
static const TableInfo *
table_at (guint i)
{
  guint n_types;
  const GType *types = tandem_record_types (&n_types);

  if (i >= n_types)
    return NULL;
  return find_table (tandem_record_type_get_table (types[i]));
}

static gboolean
exec (TandemStore  *store,
      const char   *sql,
      GError      **error)
{
  if (sqlite3_exec (tandem_store_get_db (store), sql, NULL, NULL, NULL) != SQLITE_OK)
    return _tandem_store_set_error (store, error);
  return TRUE;
}

/* Runs a cached statement with no result rows to the end. */
static gboolean
step_done (TandemStore   *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _tandem_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The ISO 8601 UTC text of a time in milliseconds, in the store's format
 * (microseconds, "Z"). */
static void
iso_from_ms (guint64  ms,
             char    *buf,
             gsize    size)
{
  time_t seconds = (time_t) (ms / 1000);
  struct tm tm;

  if (gmtime_r (&seconds, &tm) == NULL)
    memset (&tm, 0, sizeof tm);
  g_snprintf (buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03u000Z",
              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
              (guint) (ms % 1000));
}

static char *
utc_now (void)
{
  char buf[64];

  iso_from_ms ((guint64) (g_get_real_time () / 1000), buf, sizeof buf);
  return g_strdup (buf);
}

/* Clock text as the store writes it: 16 lower-case hex digits, so that text
 * order is time order. */
static gboolean
hlc_is_valid (const char *hlc,
              TandemHlc  *out)
{
  if (hlc == NULL || strlen (hlc) != TANDEM_HLC_TEXT_LEN)
    return FALSE;
  for (const char *p = hlc; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return tandem_hlc_parse (hlc, out);
}

static gboolean
id_is_valid (const char *id)
{
  gsize len = 0;

  if (id == NULL)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++, len++)
    if (len >= MAX_ID_LEN || (!g_ascii_isalnum (*p) && *p != '-'))
      return FALSE;
  return len > 0;
}

/* Reads a column as a change's value. */
static GVariant *
column_variant (sqlite3_stmt *stmt,
                int           column,
                ValueKind     kind)
{
  const char *text;

  switch (kind)
    {
    case KIND_INT:
      return g_variant_new_int64 (sqlite3_column_int64 (stmt, column));
    case KIND_BOOL:
    case KIND_DELETED:
      return g_variant_new_boolean (sqlite3_column_int64 (stmt, column) != 0);
    case KIND_TEXT:
    case KIND_CREATED:
    default:
      if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
        return NULL;
      text = (const char *) sqlite3_column_text (stmt, column);
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (text, -1);
          return g_variant_new_string (valid);
        }
      return g_variant_new_string (text);
    }
}

/* Binds a validated change's value; empty text is stored as NULL, as the
 * store does. */
static void
bind_variant (sqlite3_stmt *stmt,
              int           column,
              GVariant     *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, column);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, column, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    sqlite3_bind_int (stmt, column, g_variant_get_boolean (value) ? 1 : 0);
  else
    {
      const char *text = g_variant_get_string (value, NULL);

      if (*text == '\0')
        sqlite3_bind_null (stmt, column);
      else
        sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
    }
}

static gboolean
value_is_valid (GVariant  *value,
                ValueKind  kind)
{
  gsize len;
  const char *text;

  switch (kind)
    {
    case KIND_INT:
      return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64);
    case KIND_BOOL:
    case KIND_DELETED:
      return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN);
    case KIND_CREATED:
      if (value == NULL)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case KIND_TEXT:
    default:
      if (value == NULL)
        return TRUE;
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        return FALSE;
      text = g_variant_get_string (value, &len);
      if (len > MAX_TEXT_BYTES || !g_utf8_validate (text, (gssize) len, NULL))
        return FALSE;
      return kind != KIND_CREATED || len > 0;
    }
}

/* ---- Changes ---------------------------------------------------------- */

/**
 * tandem_sync_change_new:
 * @table: the record table
 * @row_id: the record's id
 * @field: the field, "deleted" or "created_at"
 * @value: (nullable) (transfer floating): the value, or %NULL for SQL NULL
 * @hlc: the change's clock
 * @prev_hlc: (nullable): the clock it replaced
 * @device: the device that made it
 *
 * Makes a change; the strings are copied and a floating @value is sunk.
 * Nothing is checked here: applying validates.
 *
 * Returns: (transfer full): the change
 */
TandemSyncChange *
tandem_sync_change_new (const char *table,
                        const char *row_id,
                        const char *field,
                        GVariant   *value,
                        const char *hlc,
                        const char *prev_hlc,
                        const char *device)
{
  TandemSyncChange *change = g_new0 (TandemSyncChange, 1);

  change->table = g_strdup (table);
  change->row_id = g_strdup (row_id);
  change->field = g_strdup (field);
  change->value = value != NULL ? g_variant_ref_sink (value) : NULL;
  change->hlc = g_strdup (hlc);
  change->prev_hlc = g_strdup (prev_hlc);
  change->device = g_strdup (device);
  return change;
}

/**
 * tandem_sync_change_free:
 * @change: (nullable): a change
 *
 * Frees @change with its strings and value.
 */
void
tandem_sync_change_free (TandemSyncChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table);
  g_free (change->row_id);
  g_free (change->field);
  g_clear_pointer (&change->value, g_variant_unref);
  g_free (change->hlc);
  g_free (change->prev_hlc);
  g_free (change->device);
  g_free (change);
}

/**
 * tandem_sync_change_compare:
 * @a: a change
 * @b: another
 *
 * Orders changes by (hlc, device) as text: the order in which they are
 * applied, and which one wins.
 *
 * Returns: negative, 0 or positive as @a is before, level with or after @b
 */
int
tandem_sync_change_compare (const TandemSyncChange *a,
                            const TandemSyncChange *b)
{
  int cmp = g_strcmp0 (a->hlc, b->hlc);

  return cmp != 0 ? cmp : g_strcmp0 (a->device, b->device);
}

/* ---- Reading ---------------------------------------------------------- */

/**
 * tandem_sync_store_local_changes:
 * @store: a store
 * @after_seq: the last change-log sequence number already read
 * @limit: the most changes to return, or 0 for all
 * @last_seq: (out) (optional): the sequence number of the last change read,
 *   or @after_seq if there was none; read on from here next time
 * @error: where to put a failure
 *
 * Reads the changes this device made after @after_seq, in the order they
 * were made. Changes of other devices applied here are not in the log.
 *
 * Returns: (transfer full) (element-type TandemSyncChange) (nullable): the
 *   changes
 */
GPtrArray *
tandem_sync_store_local_changes (TandemStore  *store,
                                 gint64        after_seq,
                                 guint         limit,
                                 gint64       *last_seq,
                                 GError      **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  sqlite3_stmt *stmt;
  gint64 last = after_seq;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = _tandem_store_prepare (store, "SELECT seq, tbl, row_id, field, value, hlc, prev_hlc, "
                                       "device FROM change_log WHERE seq > ? AND device = ? "
                                       "ORDER BY seq LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_text (stmt, 2, tandem_store_get_device_id (store), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : (gint64) limit);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 1);
      const char *field = (const char *) sqlite3_column_text (stmt, 3);
      const TableInfo *info = find_table (table);
      guint index;

      last = sqlite3_column_int64 (stmt, 0);
      /* A field this version no longer knows cannot be applied anywhere. */
      if (info == NULL || (index = find_field (info, field)) == 0)
        continue;

      g_ptr_array_add (changes,
                       tandem_sync_change_new (table,
                                               (const char *) sqlite3_column_text (stmt, 2),
                                               field,
                                               column_variant (stmt, 4, field_kind (info, index - 1)),
                                               (const char *) sqlite3_column_text (stmt, 5),
                                               (const char *) sqlite3_column_text (stmt, 6),
                                               (const char *) sqlite3_column_text (stmt, 7)));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _tandem_store_set_error (store, error);
      return NULL;
    }

  if (last_seq != NULL)
    *last_seq = last;
  return g_steal_pointer (&changes);
}

/**
 * tandem_sync_store_last_local_seq:
 * @store: a store
 * @error: where to put a failure
 *
 * The change-log position of this device's newest change, without reading
 * the changes: what a snapshot taken now covers.
 *
 * Returns: the position, 0 if this device made no change, or -1 on failure
 */
gint64
tandem_sync_store_last_local_seq (TandemStore  *store,
                                  GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 seq = 0;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), -1);

  /* Backwards by rowid: this device's changes are nearly always the last. */
  stmt = _tandem_store_prepare (store, "SELECT seq FROM change_log WHERE device = ? "
                                       "ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, tandem_store_get_device_id (store), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tandem_store_set_error (store, error);
      return -1;
    }
  return seq;
}

static gboolean
foreach_in_table (TandemStore        *store,
                  const TableInfo    *info,
                  TandemSyncRowFunc   func,
                  gpointer            user_data,
                  GError            **error)
{
  sqlite3 *db = tandem_store_get_db (store);
  const char *device = tandem_store_get_device_id (store);
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) clocks = NULL;
  int clock_rc, rc;

  /* Private statements: @func may use the store's cached ones. */
  if (sqlite3_prepare_v2 (db, info->sql_scan, -1, &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT row_id, field, hlc, device, prev FROM field_clock "
                              "WHERE tbl = ? ORDER BY row_id", -1, &clocks, NULL) != SQLITE_OK)
    return _tandem_store_set_error (store, error);
  sqlite3_bind_text (clocks, 1, info->table, -1, SQLITE_STATIC);

  clock_rc = sqlite3_step (clocks);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (rows, 0);
      g_autoptr(GPtrArray) changes =
        g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
      gboolean has_deleted = FALSE, has_created = FALSE;

      /* Both scans are in id order (SQLite's binary collation is strcmp's):
       * skip clocks of rows that are gone, then take this row's. */
      while (clock_rc == SQLITE_ROW &&
             strcmp ((const char *) sqlite3_column_text (clocks, 0), id) < 0)
        clock_rc = sqlite3_step (clocks);

      while (clock_rc == SQLITE_ROW &&
             strcmp ((const char *) sqlite3_column_text (clocks, 0), id) == 0)
        {
          const char *field = (const char *) sqlite3_column_text (clocks, 1);
          guint index = find_field (info, field);

          if (index != 0)
            {
              GVariant *value;

              index--;
              if (index == FIELD_DELETED (info))
                {
                  value = column_variant (rows, 2, KIND_DELETED);
                  has_deleted = TRUE;
                }
              else if (index == FIELD_CREATED (info))
                {
                  value = column_variant (rows, 1, KIND_CREATED);
                  has_created = TRUE;
                }
              else
                {
                  value = column_variant (rows, (int) index + 3, field_kind (info, index));
                }

              g_ptr_array_add (changes,
                               tandem_sync_change_new (info->table, id, field, value,
                                                       (const char *) sqlite3_column_text (clocks, 2),
                                                       (const char *) sqlite3_column_text (clocks, 4),
                                                       (const char *) sqlite3_column_text (clocks, 3)));
            }
          clock_rc = sqlite3_step (clocks);
        }

      if (!has_created)
        g_ptr_array_add (changes,
                         tandem_sync_change_new (info->table, id, "created_at",
                                                 column_variant (rows, 1, KIND_CREATED),
                                                 ZERO_HLC, NULL, device));
      if (!has_deleted)
        g_ptr_array_add (changes,
                         tandem_sync_change_new (info->table, id, "deleted",
                                                 column_variant (rows, 2, KIND_DELETED),
                                                 ZERO_HLC, NULL, device));

      if (!func (info->table, id, changes, user_data, error))
        return FALSE;
    }

  if (rc != SQLITE_DONE || (clock_rc != SQLITE_DONE && clock_rc != SQLITE_ROW))
    return _tandem_store_set_error (store, error);
  return TRUE;
}

/**
 * tandem_sync_store_foreach_row:
 * @store: a store
 * @func: (scope call): called for each record
 * @user_data: data for @func
 * @error: where to put a failure, or @func's reason to stop
 *
 * Reads the full state, for a snapshot: every record of every table
 * (deleted ones too, as tombstones), in dependency order of the tables and
 * id order within each, with every field that has a clock at its current
 * value, plus "created_at" and "deleted" (with the all-zero clock of this
 * device when they have none). One ordered scan of each table and of its
 * clocks, inside one read transaction, so the state is consistent.
 *
 * @func must not write to @store: the read transaction is open while it runs.
 *
 * Returns: %TRUE if every record was read
 */
gboolean
tandem_sync_store_foreach_row (TandemStore        *store,
                               TandemSyncRowFunc   func,
                               gpointer            user_data,
                               GError            **error)
{
  gboolean own_transaction;
  gboolean ok = TRUE;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  own_transaction = sqlite3_get_autocommit (tandem_store_get_db (store)) != 0;
  if (own_transaction && !exec (store, "BEGIN DEFERRED", error))
    return FALSE;

  for (guint i = 0; ok && table_at (i) != NULL; i++)
    ok = foreach_in_table (store, table_at (i), func, user_data, error);

  if (own_transaction)
    {
      if (ok)
        ok = exec (store, "COMMIT", error);
      else
        exec (store, "ROLLBACK", NULL);
    }
  return ok;
}

/* ---- Applying --------------------------------------------------------- */

/* Changes of one row held back to be written together. */
#define MAX_PENDING 256

struct _TandemSyncApply
{
  TandemStore           *store;
  TandemSyncApplyCounts  counts;
  GHashTable            *changed;     /* "table/row_id"; NULL once too many */
  GPtrArray             *pending;     /* copies of consecutive changes of one row */
  char                   max_hlc[TANDEM_HLC_TEXT_LEN + 1];
  char                  *found_at;
};

/* A change that passed validation. */
typedef struct {
  const TandemSyncChange *change;
  const TableInfo        *info;
  guint                   index;
  ValueKind               kind;
  TandemHlc               hlc;
} Checked;

typedef enum {
  CHECK_OK,
  CHECK_REJECTED,
  CHECK_QUARANTINED,
} CheckResult;

static CheckResult
check_change (const TandemSyncChange *change,
              guint64                 now_ms,
              Checked                *out)
{
  TandemHlc prev;
  guint index;

  out->change = change;
  out->info = find_table (change->table);
  if (out->info == NULL || (index = find_field (out->info, change->field)) == 0)
    return CHECK_REJECTED;
  out->index = index - 1;
  out->kind = field_kind (out->info, out->index);

  if (!id_is_valid (change->row_id) || !id_is_valid (change->device) ||
      !hlc_is_valid (change->hlc, &out->hlc) ||
      (change->prev_hlc != NULL && !hlc_is_valid (change->prev_hlc, &prev)) ||
      !value_is_valid (change->value, out->kind))
    return CHECK_REJECTED;

  if (out->hlc.wall_ms > now_ms + QUARANTINE_AHEAD_MS)
    return CHECK_QUARANTINED;

  return CHECK_OK;
}

static void
note_changed (TandemSyncApply *apply,
              const char      *table,
              const char      *row_id)
{
  if (apply->changed == NULL)
    return;
  if (g_hash_table_size (apply->changed) >= MAX_CHANGED_ROWS)
    {
      char *key = g_strconcat (table, "/", row_id, NULL);

      if (!g_hash_table_contains (apply->changed, key))
        g_clear_pointer (&apply->changed, g_hash_table_unref);
      g_free (key);
      return;
    }
  g_hash_table_add (apply->changed, g_strconcat (table, "/", row_id, NULL));
}

static void
note_clock (TandemSyncApply *apply,
            const char      *hlc)
{
  if (strcmp (hlc, apply->max_hlc) > 0 && strcmp (hlc, ZERO_HLC) != 0)
    g_strlcpy (apply->max_hlc, hlc, sizeof apply->max_hlc);
}

static gboolean
quarantine (TandemSyncApply         *apply,
            const TandemSyncChange  *change,
            GError                 **error)
{
  sqlite3_stmt *stmt;

  stmt = _tandem_store_prepare (apply->store,
                                "INSERT OR IGNORE INTO sync_quarantine "
                                "(tbl, row_id, field, value, hlc, prev_hlc, device) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->field, -1, SQLITE_STATIC);
  bind_variant (stmt, 4, change->value);
  sqlite3_bind_text (stmt, 5, change->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, change->prev_hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, change->device, -1, SQLITE_STATIC);
  if (!step_done (apply->store, stmt, error))
    return FALSE;
  apply->counts.quarantined++;
  return TRUE;
}

static gboolean
row_exists (TandemSyncApply  *apply,
            const TableInfo  *info,
            const char       *row_id,
            gboolean         *exists,
            GError          **error)
{
  sqlite3_stmt *stmt = _tandem_store_prepare (apply->store, info->sql_exists, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _tandem_store_set_error (apply->store, error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
write_clock (TandemSyncApply         *apply,
             const TandemSyncChange  *change,
             GError                 **error)
{
  sqlite3_stmt *stmt;

  stmt = _tandem_store_prepare (apply->store,
                                "INSERT INTO field_clock (tbl, row_id, field, hlc, device, prev) "
                                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
                                "SET hlc = excluded.hlc, device = excluded.device, "
                                "prev = excluded.prev", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, change->hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, change->device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, change->prev_hlc, -1, SQLITE_STATIC);
  return step_done (apply->store, stmt, error);
}

static gboolean
record_conflict (TandemSyncApply  *apply,
                 const Checked    *c,
                 const char       *loser_text,
                 const char       *loser_hlc,
                 const char       *loser_device,
                 GError          **error)
{
  const TandemSyncChange *change = c->change;
  g_autofree char *key = g_strjoin ("\n", change->table, change->row_id, change->field,
                                    loser_hlc, loser_device, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  /* Shaped as a UUID (the first 128 bits of the hash), like every synced
   * id: a review of the conflict is a record under this same id. */
  g_autofree char *id = g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hash, hash + 8,
                                         hash + 12, hash + 16, hash + 20);
  sqlite3_stmt *stmt;

  stmt = _tandem_store_prepare (apply->store,
                                "INSERT OR IGNORE INTO sync_conflicts "
                                "(id, tbl, row_id, field, other_value, other_hlc, other_device, "
                                "found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, change->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, loser_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, loser_hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, loser_device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, apply->found_at, -1, SQLITE_STATIC);
  if (!step_done (apply->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (tandem_store_get_db (apply->store)) > 0)
    apply->counts.conflicts++;
  return TRUE;
}

/* Keeps the losing text of a concurrent edit of long text, unless it is
 * empty or the same as the winner's. */
static gboolean
maybe_conflict (TandemSyncApply  *apply,
                const Checked    *c,
                gboolean          remote_wins,
                const char       *local_hlc,
                const char       *local_device,
                GError          **error)
{
  const char *remote_text = c->change->value != NULL
                            ? g_variant_get_string (c->change->value, NULL) : NULL;
  g_autofree char *local_text = NULL;
  const char *loser, *winner;
  sqlite3_stmt *stmt;

  if (c->kind != KIND_TEXT || !(c->info->fields[c->index].flags & TANDEM_FIELD_LONG_TEXT))
    return TRUE;

  stmt = _tandem_store_prepare (apply->store, c->info->sql_select[c->index], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->change->row_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    local_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  loser = remote_wins ? local_text : remote_text;
  winner = remote_wins ? remote_text : local_text;
  if (loser == NULL || *loser == '\0' || g_strcmp0 (loser, winner) == 0)
    return TRUE;

  if (remote_wins)
    return record_conflict (apply, c, loser, local_hlc, local_device, error);
  return record_conflict (apply, c, loser, c->change->hlc, c->change->device, error);
}

/* Writes a winning change: the row (created if need be), its updated_at and
 * the field's clock. */
static gboolean
write_change (TandemSyncApply  *apply,
              const Checked    *c,
              gboolean          exists,
              GError          **error)
{
  const TandemSyncChange *change = c->change;
  char wall_iso[64];
  sqlite3_stmt *stmt;

  iso_from_ms (c->hlc.wall_ms, wall_iso, sizeof wall_iso);

  if (!exists)
    {
      stmt = _tandem_store_prepare (apply->store, c->info->sql_insert, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, change->row_id, -1, SQLITE_STATIC);
      if (c->kind == KIND_CREATED)
        bind_variant (stmt, 2, change->value);
      else
        sqlite3_bind_text (stmt, 2, wall_iso, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, wall_iso, -1, SQLITE_STATIC);
      if (!step_done (apply->store, stmt, error))
        return FALSE;
    }

  stmt = _tandem_store_prepare (apply->store, c->info->sql_update[c->index], error);
  if (stmt == NULL)
    return FALSE;
  bind_variant (stmt, 1, change->value);
  sqlite3_bind_text (stmt, 2, wall_iso, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->row_id, -1, SQLITE_STATIC);
  if (!step_done (apply->store, stmt, error))
    return FALSE;
  if (!HLC_IS_ZERO (&c->hlc) && !write_clock (apply, change, error))
    return FALSE;

  apply->counts.applied++;
  note_clock (apply, change->hlc);
  note_changed (apply, change->table, change->row_id);
  return TRUE;
}

static gboolean
merge_change (TandemSyncApply  *apply,
              const Checked    *c,
              GError          **error)
{
  const TandemSyncChange *change = c->change;
  g_autofree char *local_hlc = NULL;
  g_autofree char *local_device = NULL;
  g_autofree char *local_prev = NULL;
  gboolean has_clock = FALSE;
  gboolean exists;
  sqlite3_stmt *stmt;
  int cmp;

  stmt = _tandem_store_prepare (apply->store, "SELECT hlc, device, prev FROM field_clock "
                                              "WHERE tbl = ? AND row_id = ? AND field = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->field, -1, SQLITE_STATIC);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      has_clock = TRUE;
      local_hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      local_device = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      local_prev = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      break;
    case SQLITE_DONE:
      break;
    default:
      sqlite3_reset (stmt);
      return _tandem_store_set_error (apply->store, error);
    }
  sqlite3_reset (stmt);

  if (!row_exists (apply, c->info, change->row_id, &exists, error))
    return FALSE;

  if (!has_clock)
    {
      if (exists && HLC_IS_ZERO (&c->hlc))
        {
          apply->counts.skipped++;
          return TRUE;
        }
      return write_change (apply, c, exists, error);
    }

  cmp = strcmp (change->hlc, local_hlc);
  if (cmp == 0)
    cmp = strcmp (change->device, local_device);

  if (cmp == 0)
    {
      apply->counts.skipped++;
      return TRUE;
    }

  if (cmp > 0)
    {
      /* The other device had not seen our version: both edited at once. */
      if (g_strcmp0 (change->prev_hlc, local_hlc) != 0 &&
          !maybe_conflict (apply, c, TRUE, local_hlc, local_device, error))
        return FALSE;
      return write_change (apply, c, exists, error);
    }

  /* Ours is newer. Unless it was made on top of theirs, theirs is lost. */
  if (g_strcmp0 (local_prev, change->hlc) != 0 &&
      !maybe_conflict (apply, c, FALSE, local_hlc, local_device, error))
    return FALSE;
  apply->counts.skipped++;
  return TRUE;
}

/**
 * tandem_sync_apply_begin:
 * @store: a store
 * @error: where to put a failure
 *
 * Starts applying other devices' changes, in one write transaction (a
 * savepoint if one is already open). Finish with
 * tandem_sync_apply_commit() or tandem_sync_apply_abort().
 *
 * Returns: (transfer full) (nullable): the apply in progress
 */
TandemSyncApply *
tandem_sync_apply_begin (TandemStore  *store,
                         GError      **error)
{
  TandemSyncApply *apply;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  if (!tandem_store_begin (store, error))
    return NULL;

  apply = g_new0 (TandemSyncApply, 1);
  apply->store = g_object_ref (store);
  apply->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  apply->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  apply->found_at = utc_now ();
  return apply;
}

static gboolean
apply_one (TandemSyncApply         *apply,
           const TandemSyncChange  *change,
           GError                 **error)
{
  Checked c;

  switch (check_change (change, tandem_hlc_now_ms (), &c))
    {
    case CHECK_REJECTED:
      apply->counts.rejected++;
      return TRUE;
    case CHECK_QUARANTINED:
      return quarantine (apply, change, error);
    case CHECK_OK:
    default:
      return merge_change (apply, &c, error);
    }
}

/* The whole row in one INSERT: the path of a device joining from a
 * snapshot, where almost every row is new. */
static gboolean
insert_row (TandemSyncApply  *apply,
            const TableInfo  *info,
            const char       *row_id,
            const Checked    *checked,
            guint             n,
            const int        *by_index,
            GError          **error)
{
  char created_iso[64], updated_iso[64];
  sqlite3_stmt *stmt;
  int created = by_index[FIELD_CREATED (info)];
  int deleted = by_index[FIELD_DELETED (info)];
  guint64 updated_ms = 0;

  /* As if applied in turn: the first change creates the row at its time,
   * and a created_at change then sets it; updated_at is the latest. */
  iso_from_ms (checked[0].hlc.wall_ms, created_iso, sizeof created_iso);
  for (guint i = 0; i < n; i++)
    updated_ms = MAX (updated_ms, checked[i].hlc.wall_ms);
  iso_from_ms (updated_ms, updated_iso, sizeof updated_iso);

  stmt = _tandem_store_prepare (apply->store, info->sql_insert_full, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_STATIC);
  if (created >= 0)
    bind_variant (stmt, 2, checked[created].change->value);
  else
    sqlite3_bind_text (stmt, 2, created_iso, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, updated_iso, -1, SQLITE_STATIC);
  if (deleted >= 0)
    bind_variant (stmt, 4, checked[deleted].change->value);
  else
    sqlite3_bind_int (stmt, 4, 0);
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (by_index[i] >= 0)
        bind_variant (stmt, (int) i + 5, checked[by_index[i]].change->value);
      else if (field_kind (info, i) == KIND_TEXT)
        sqlite3_bind_null (stmt, (int) i + 5);
      else
        sqlite3_bind_int (stmt, (int) i + 5, 0);
    }
  if (!step_done (apply->store, stmt, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!HLC_IS_ZERO (&checked[i].hlc) && !write_clock (apply, checked[i].change, error))
        return FALSE;
      note_clock (apply, checked[i].change->hlc);
    }

  apply->counts.applied += n;
  note_changed (apply, info->table, row_id);
  return TRUE;
}

static gboolean
apply_row_now (TandemSyncApply  *apply,
               const char       *table,
               const char       *row_id,
               GPtrArray        *changes,
               GError          **error)
{
  const TableInfo *info;
  g_autofree Checked *checked = NULL;
  g_autofree int *by_index = NULL;
  guint64 now_ms = tandem_hlc_now_ms ();
  gboolean fast = TRUE;
  gboolean exists = TRUE;

  if (changes->len == 0)
    return TRUE;

  info = find_table (table);
  if (info == NULL || !id_is_valid (row_id))
    fast = FALSE;

  if (fast)
    {
      checked = g_new (Checked, changes->len);
      by_index = g_new (int, info->n_fields + 2);
      for (guint i = 0; i < info->n_fields + 2; i++)
        by_index[i] = -1;

      /* Only a clean row takes the fast path: every change valid, for this
       * row, each field once. Anything else goes change by change. */
      for (guint i = 0; fast && i < changes->len; i++)
        {
          const TandemSyncChange *change = g_ptr_array_index (changes, i);

          if (g_strcmp0 (change->table, table) != 0 || g_strcmp0 (change->row_id, row_id) != 0 ||
              check_change (change, now_ms, &checked[i]) != CHECK_OK ||
              by_index[checked[i].index] >= 0)
            fast = FALSE;
          else
            by_index[checked[i].index] = (int) i;
        }
    }

  if (fast && !row_exists (apply, info, row_id, &exists, error))
    return FALSE;

  if (fast && !exists)
    {
      sqlite3_stmt *stmt = _tandem_store_prepare (apply->store,
                                                  "SELECT 1 FROM field_clock "
                                                  "WHERE tbl = ? AND row_id = ? LIMIT 1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return insert_row (apply, info, row_id, checked, changes->len, by_index, error);
      if (rc != SQLITE_ROW)
        return _tandem_store_set_error (apply->store, error);
    }

  for (guint i = 0; i < changes->len; i++)
    if (!apply_one (apply, g_ptr_array_index (changes, i), error))
      return FALSE;
  return TRUE;
}

/* Writes the changes held back. */
static gboolean
flush (TandemSyncApply  *apply,
       GError          **error)
{
  g_autoptr(GPtrArray) pending = NULL;
  const TandemSyncChange *first;

  if (apply->pending->len == 0)
    return TRUE;

  pending = g_steal_pointer (&apply->pending);
  apply->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);

  first = g_ptr_array_index (pending, 0);
  if (pending->len == 1)
    return apply_one (apply, first, error);
  return apply_row_now (apply, first->table, first->row_id, pending, error);
}

/**
 * tandem_sync_apply_change:
 * @apply: an apply in progress
 * @change: a change from another device
 * @error: where to put a failure of the database
 *
 * Merges one change by the rule in tandem-sync-store.h. A malformed change
 * is counted as rejected and skipped; one with a clock more than a day
 * ahead is quarantined. Neither is an error.
 *
 * Consecutive changes of one row (a save on another device) are held back
 * and written together when the next row's change comes, or at the next
 * checkpoint or commit: a new record then takes one INSERT rather than one
 * per field. The result is the same as writing each at once; only a
 * database failure may be reported by a later call.
 *
 * Returns: %FALSE only if the database failed; then abort
 */
gboolean
tandem_sync_apply_change (TandemSyncApply         *apply,
                          const TandemSyncChange  *change,
                          GError                 **error)
{
  g_return_val_if_fail (apply != NULL, FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (apply->pending->len > 0)
    {
      const TandemSyncChange *last = g_ptr_array_index (apply->pending, apply->pending->len - 1);

      if (apply->pending->len >= MAX_PENDING ||
          g_strcmp0 (last->table, change->table) != 0 ||
          g_strcmp0 (last->row_id, change->row_id) != 0)
        {
          if (!flush (apply, error))
            return FALSE;
        }
    }

  g_ptr_array_add (apply->pending,
                   tandem_sync_change_new (change->table, change->row_id, change->field,
                                           change->value, change->hlc, change->prev_hlc,
                                           change->device));
  return TRUE;
}

/**
 * tandem_sync_apply_row:
 * @apply: an apply in progress
 * @table: the record table
 * @row_id: the record's id
 * @changes: (element-type TandemSyncChange): the row's changes, as
 *   tandem_sync_store_foreach_row() gives them
 * @error: where to put a failure of the database
 *
 * Applies a row of a snapshot. The result is the same as applying each
 * change in turn with tandem_sync_apply_change(), but a row that does not
 * exist here yet is written with one INSERT.
 *
 * Returns: %FALSE only if the database failed; then abort
 */
gboolean
tandem_sync_apply_row (TandemSyncApply  *apply,
                       const char       *table,
                       const char       *row_id,
                       GPtrArray        *changes,
                       GError          **error)
{
  g_return_val_if_fail (apply != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (!flush (apply, error))
    return FALSE;
  return apply_row_now (apply, table, row_id, changes, error);
}

/**
 * tandem_sync_apply_set_applied:
 * @apply: an apply in progress
 * @device: another device
 * @seq: the last of its batches now applied
 * @error: where to put a failure
 *
 * Records, in the same transaction as the changes, how far @device's log
 * has been applied.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_apply_set_applied (TandemSyncApply  *apply,
                               const char       *device,
                               guint64           seq,
                               GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (apply != NULL, FALSE);
  g_return_val_if_fail (device != NULL, FALSE);

  if (!flush (apply, error))
    return FALSE;

  stmt = _tandem_store_prepare (apply->store, "INSERT INTO sync_applied (device, seq) "
                                              "VALUES (?, ?) ON CONFLICT DO UPDATE "
                                              "SET seq = excluded.seq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) seq);
  return step_done (apply->store, stmt, error);
}

/* Keeps the newest clock applied, so that local edits after a restart come
 * after it (the store reads "hlc_floor" when it opens), and moves the
 * running clock past it now. */
static gboolean
save_clock_floor (TandemSyncApply  *apply,
                  GError          **error)
{
  TandemHlc max;
  sqlite3_stmt *stmt;

  if (apply->max_hlc[0] == '\0' || !tandem_hlc_parse (apply->max_hlc, &max))
    return TRUE;

  stmt = _tandem_store_prepare (apply->store, "INSERT INTO meta (key, value) "
                                              "VALUES ('hlc_floor', ?1) ON CONFLICT DO UPDATE "
                                              "SET value = ?1 WHERE value IS NULL OR value < ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, apply->max_hlc, -1, SQLITE_STATIC);
  if (!step_done (apply->store, stmt, error))
    return FALSE;

  _tandem_store_observe_clock (apply->store, &max);
  return TRUE;
}

/**
 * tandem_sync_apply_checkpoint:
 * @apply: an apply in progress
 * @error: where to put a failure
 *
 * Commits what was applied so far and carries on in a new transaction, so
 * that the user can keep writing during a long join. Applying is
 * idempotent, so an interruption after a checkpoint loses nothing.
 *
 * Returns: %TRUE on success; on failure, abort
 */
gboolean
tandem_sync_apply_checkpoint (TandemSyncApply  *apply,
                              GError          **error)
{
  g_return_val_if_fail (apply != NULL, FALSE);

  if (!flush (apply, error) || !save_clock_floor (apply, error))
    return FALSE;
  if (!tandem_store_commit (apply->store, error))
    {
      /* A failed commit rolled back; the begin below keeps the count of
       * transactions matched for the abort that follows. */
      tandem_store_begin (apply->store, NULL);
      return FALSE;
    }
  return tandem_store_begin (apply->store, error);
}

static void
apply_free (TandemSyncApply *apply)
{
  g_clear_pointer (&apply->changed, g_hash_table_unref);
  g_clear_pointer (&apply->pending, g_ptr_array_unref);
  g_clear_object (&apply->store);
  g_free (apply->found_at);
  g_free (apply);
}

/**
 * tandem_sync_apply_commit:
 * @apply: (transfer full): an apply in progress
 * @counts: (out caller-allocates) (optional): what was done
 * @changed_rows: (out) (transfer full) (optional) (nullable): the rows
 *   written, as "table/row_id" strings, or %NULL when there were more than
 *   5000 (reload everything)
 * @error: where to put a failure
 *
 * Commits and frees @apply. Emits no signal: the caller tells the views
 * from @changed_rows.
 *
 * Returns: %TRUE if committed; on failure nothing was applied
 */
gboolean
tandem_sync_apply_commit (TandemSyncApply        *apply,
                          TandemSyncApplyCounts  *counts,
                          GPtrArray             **changed_rows,
                          GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (apply != NULL, FALSE);

  if (changed_rows != NULL)
    *changed_rows = NULL;

  if (!flush (apply, error) || !save_clock_floor (apply, error))
    {
      tandem_store_rollback (apply->store);
      apply_free (apply);
      return FALSE;
    }

  ok = tandem_store_commit (apply->store, error);
  if (ok)
    {
      if (counts != NULL)
        *counts = apply->counts;
      if (changed_rows != NULL && apply->changed != NULL)
        {
          GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, apply->changed);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            {
              g_ptr_array_add (rows, key);
              g_hash_table_iter_steal (&iter);
            }
          *changed_rows = rows;
        }
    }

  apply_free (apply);
  return ok;
}

/**
 * tandem_sync_apply_abort:
 * @apply: (transfer full): an apply in progress
 *
 * Rolls back everything since the last checkpoint and frees @apply.
 */
void
tandem_sync_apply_abort (TandemSyncApply *apply)
{
  if (apply == NULL)
    return;
  tandem_store_rollback (apply->store);
  apply_free (apply);
}

/**
 * tandem_sync_store_release_quarantine:
 * @store: a store
 * @counts: (out caller-allocates) (optional): what was done
 * @error: where to put a failure
 *
 * Applies, in one transaction, the quarantined changes whose clock is now
 * within a day of this device's time, and forgets them.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_store_release_quarantine (TandemStore            *store,
                                      TandemSyncApplyCounts  *counts,
                                      GError                **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  TandemSyncApply *apply;
  guint64 now_ms = tandem_hlc_now_ms ();
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);

  apply = tandem_sync_apply_begin (store, error);
  if (apply == NULL)
    return FALSE;

  if (sqlite3_prepare_v2 (tandem_store_get_db (store),
                          "SELECT tbl, row_id, field, value, hlc, prev_hlc, device "
                          "FROM sync_quarantine ORDER BY hlc, device", -1, &stmt, NULL) != SQLITE_OK)
    goto fail_db;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const TableInfo *info = find_table ((const char *) sqlite3_column_text (stmt, 0));
      const char *hlc = (const char *) sqlite3_column_text (stmt, 4);
      TandemHlc clock;
      GVariant *value;
      guint index;

      if (!hlc_is_valid (hlc, &clock) || clock.wall_ms > now_ms + QUARANTINE_AHEAD_MS)
        continue;

      if (info != NULL && (index = find_field (info, (const char *) sqlite3_column_text (stmt, 2))) != 0)
        value = column_variant (stmt, 3, field_kind (info, index - 1));
      else
        value = NULL;  /* rejected when applied */

      g_ptr_array_add (due, tandem_sync_change_new ((const char *) sqlite3_column_text (stmt, 0),
                                                    (const char *) sqlite3_column_text (stmt, 1),
                                                    (const char *) sqlite3_column_text (stmt, 2),
                                                    value, hlc,
                                                    (const char *) sqlite3_column_text (stmt, 5),
                                                    (const char *) sqlite3_column_text (stmt, 6)));
    }
  if (rc != SQLITE_DONE)
    goto fail_db;

  for (guint i = 0; i < due->len; i++)
    {
      const TandemSyncChange *change = g_ptr_array_index (due, i);
      sqlite3_stmt *del;

      if (!tandem_sync_apply_change (apply, change, error))
        goto fail;

      del = _tandem_store_prepare (store, "DELETE FROM sync_quarantine WHERE tbl = ? AND "
                                          "row_id = ? AND field = ? AND hlc = ? AND device = ?",
                                   error);
      if (del == NULL)
        goto fail;
      sqlite3_bind_text (del, 1, change->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (del, 2, change->row_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (del, 3, change->field, -1, SQLITE_STATIC);
      sqlite3_bind_text (del, 4, change->hlc, -1, SQLITE_STATIC);
      sqlite3_bind_text (del, 5, change->device, -1, SQLITE_STATIC);
      if (!step_done (store, del, error))
        goto fail;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  return tandem_sync_apply_commit (apply, counts, NULL, error);

fail_db:
  _tandem_store_set_error (store, error);
fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  tandem_sync_apply_abort (apply);
  return FALSE;
}

/* ---- Bookkeeping ------------------------------------------------------ */

/**
 * tandem_sync_store_get_applied:
 * @store: a store
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable) (element-type utf8 guint64): for each
 *   other device, the last of its batches applied here; keys and values
 *   (#guint64 pointers) are freed with the table
 */
GHashTable *
tandem_sync_store_get_applied (TandemStore  *store,
                               GError      **error)
{
  g_autoptr(GHashTable) applied = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = _tandem_store_prepare (store, "SELECT device, seq FROM sync_applied", error);
  if (stmt == NULL)
    return NULL;

  applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 *seq = g_new (guint64, 1);

      *seq = (guint64) sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (applied, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), seq);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tandem_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&applied);
}

/**
 * tandem_sync_store_get_meta:
 * @store: a store
 * @key: a key of the meta table, e.g. "sync_next_seq"
 *
 * Returns: (transfer full) (nullable): its value, or %NULL if unset
 */
char *
tandem_sync_store_get_meta (TandemStore *store,
                            const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _tandem_store_prepare (store, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
set_meta (TandemStore  *store,
          const char   *key,
          const char   *value,
          GError      **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    {
      stmt = _tandem_store_prepare (store, "DELETE FROM meta WHERE key = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      return step_done (store, stmt, error);
    }

  stmt = _tandem_store_prepare (store, "INSERT INTO meta (key, value) VALUES (?, ?) "
                                       "ON CONFLICT DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return step_done (store, stmt, error);
}

/**
 * tandem_sync_store_set_meta:
 * @store: a store
 * @key: a key of the meta table
 * @value: (nullable): its new value, or %NULL to remove it
 * @error: where to put a failure
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_store_set_meta (TandemStore  *store,
                            const char   *key,
                            const char   *value,
                            GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return set_meta (store, key, value, error);
}

/**
 * tandem_sync_store_outbox_add:
 * @store: a store
 * @seq: the batch's sequence number
 * @path: its remote path
 * @data: its sealed bytes, kept byte for byte
 * @uploaded_upto: the change-log position the batch covers
 * @error: where to put a failure
 *
 * Keeps a sealed batch for upload and, in the same transaction, moves
 * "sync_uploaded_upto" to @uploaded_upto and "sync_next_seq" to @seq + 1,
 * so that being killed at any moment neither loses nor repeats a batch.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_store_outbox_add (TandemStore  *store,
                              guint64       seq,
                              const char   *path,
                              GBytes       *data,
                              gint64        uploaded_upto,
                              GError      **error)
{
  g_autofree char *upto = NULL;
  g_autofree char *next = NULL;
  sqlite3_stmt *stmt;
  gconstpointer bytes;
  gsize size;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  upto = g_strdup_printf ("%" G_GINT64_FORMAT, uploaded_upto);
  next = g_strdup_printf ("%" G_GUINT64_FORMAT, seq + 1);

  if (!tandem_store_begin (store, error))
    return FALSE;

  stmt = _tandem_store_prepare (store, "INSERT INTO sync_outbox (seq, path, data) "
                                       "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  bytes = g_bytes_get_data (data, &size);
  sqlite3_bind_int64 (stmt, 1, (gint64) seq);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  /* A zero-length blob must still be a blob, not NULL. */
  sqlite3_bind_blob64 (stmt, 3, bytes != NULL ? bytes : "", size, SQLITE_STATIC);
  if (!step_done (store, stmt, error) ||
      !set_meta (store, "sync_uploaded_upto", upto, error) ||
      !set_meta (store, "sync_next_seq", next, error))
    goto fail;

  return tandem_store_commit (store, error);

fail:
  tandem_store_rollback (store);
  return FALSE;
}

/**
 * tandem_sync_store_outbox_list:
 * @store: a store
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable) (element-type guint64): the sequence
 *   numbers of the batches waiting, ascending, as #guint64 pointers
 */
GPtrArray *
tandem_sync_store_outbox_list (TandemStore  *store,
                               GError      **error)
{
  g_autoptr(GPtrArray) seqs = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = _tandem_store_prepare (store, "SELECT seq FROM sync_outbox ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  seqs = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 *seq = g_new (guint64, 1);

      *seq = (guint64) sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (seqs, seq);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tandem_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&seqs);
}

/**
 * tandem_sync_store_outbox_get:
 * @store: a store
 * @seq: a batch in the outbox
 * @path: (out) (optional) (transfer full): its remote path
 * @error: where to put a failure; %TANDEM_CORE_ERROR_NOT_FOUND if there is
 *   no such batch
 *
 * Returns: (transfer full) (nullable): the batch's sealed bytes
 */
GBytes *
tandem_sync_store_outbox_get (TandemStore  *store,
                              guint64       seq,
                              char        **path,
                              GError      **error)
{
  GBytes *bytes = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  if (path != NULL)
    *path = NULL;

  stmt = _tandem_store_prepare (store, "SELECT path, data FROM sync_outbox WHERE seq = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (gint64) seq);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1));
      if (path != NULL)
        *path = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      break;
    case SQLITE_DONE:
      {
        g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);

        g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                     /* Translators: %s is a number. */
                     _("Batch %s is not waiting to be uploaded."), number);
      }
      break;
    default:
      _tandem_store_set_error (store, error);
      break;
    }
  sqlite3_reset (stmt);
  return bytes;
}

/**
 * tandem_sync_store_outbox_remove:
 * @store: a store
 * @upto_seq: the last batch uploaded
 * @error: where to put a failure
 *
 * Forgets the batches up to and including @upto_seq.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_store_outbox_remove (TandemStore  *store,
                                 guint64       upto_seq,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  stmt = _tandem_store_prepare (store, "DELETE FROM sync_outbox WHERE seq <= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, (gint64) upto_seq);
  return step_done (store, stmt, error);
}

/* Every distinct hash in blob fields of records that are not deleted, with
 * an extra SQL condition on the hash column. */
static GPtrArray *
blob_hashes (TandemStore  *store,
             const char   *condition,
             GError      **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint t = 0; table_at (t) != NULL; t++)
    {
      const TableInfo *info = table_at (t);

      for (guint i = 0; i < info->n_fields; i++)
        {
          g_autofree char *sql = NULL;
          g_autoptr(sqlite3_stmt) stmt = NULL;
          g_autoptr(GString) where = NULL;
          const char *name = info->fields[i].name;
          int rc;

          if (!(info->fields[i].flags & TANDEM_FIELD_BLOB))
            continue;

          /* The condition names the column "{h}". */
          where = g_string_new (condition);
          g_string_replace (where, "{h}", name, 0);
          sql = g_strdup_printf ("SELECT DISTINCT %s FROM %s WHERE deleted = 0 AND %s IS NOT NULL%s",
                                 name, info->table, name, where->str);

          if (sqlite3_prepare_v2 (tandem_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
            {
              _tandem_store_set_error (store, error);
              return NULL;
            }
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              const char *hash = (const char *) sqlite3_column_text (stmt, 0);

              if (g_hash_table_contains (seen, hash))
                continue;
              g_ptr_array_add (hashes, g_strdup (hash));
              g_hash_table_add (seen, g_ptr_array_index (hashes, hashes->len - 1));
            }
          if (rc != SQLITE_DONE)
            {
              _tandem_store_set_error (store, error);
              return NULL;
            }
        }
    }

  return g_steal_pointer (&hashes);
}

/**
 * tandem_sync_store_blobs_to_send:
 * @store: a store
 * @error: where to put a failure
 *
 * Lists the files (photos, the logo) that records which are not deleted
 * refer to, that this device has, and that it has not sent yet.
 *
 * Returns: (transfer full) (nullable) (element-type utf8): their hashes
 */
GPtrArray *
tandem_sync_store_blobs_to_send (TandemStore  *store,
                                 GError      **error)
{
  g_autoptr(GPtrArray) hashes = NULL;
  GPtrArray *result;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  hashes = blob_hashes (store,
                        " AND {h} IN (SELECT hash FROM blobs)"
                        " AND {h} NOT IN (SELECT hash FROM sync_blobs_sent)", error);
  if (hashes == NULL)
    return NULL;

  /* The file itself must be there too, or uploading it would fail. */
  result = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < hashes->len; i++)
    if (tandem_blob_store_has (store, g_ptr_array_index (hashes, i)))
      g_ptr_array_add (result, g_strdup (g_ptr_array_index (hashes, i)));
  return result;
}

/**
 * tandem_sync_store_mark_blob_sent:
 * @store: a store
 * @hash: a file now on the server
 * @error: where to put a failure
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_store_mark_blob_sent (TandemStore  *store,
                                  const char   *hash,
                                  GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);

  stmt = _tandem_store_prepare (store, "INSERT OR IGNORE INTO sync_blobs_sent (hash) VALUES (?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  return step_done (store, stmt, error);
}

/**
 * tandem_sync_store_missing_blobs:
 * @store: a store
 * @error: where to put a failure
 *
 * Lists the files that records which are not deleted refer to by a valid
 * hash but that this device does not have: the ones to download.
 *
 * Returns: (transfer full) (nullable) (element-type utf8): their hashes
 */
GPtrArray *
tandem_sync_store_missing_blobs (TandemStore  *store,
                                 GError      **error)
{
  g_autoptr(GPtrArray) hashes = NULL;
  GPtrArray *result;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  hashes = blob_hashes (store, "", error);
  if (hashes == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < hashes->len; i++)
    {
      const char *hash = g_ptr_array_index (hashes, i);

      if (tandem_blob_hash_is_valid (hash) && !tandem_blob_store_has (store, hash))
        g_ptr_array_add (result, g_strdup (hash));
    }
  return result;
}

/**
 * tandem_sync_store_observe_clock:
 * @store: a store
 * @hlc: a clock seen from another device
 *
 * Moves the store's clock past @hlc so that the next local edit is ordered
 * after it. Malformed clocks are ignored.
 */
void
tandem_sync_store_observe_clock (TandemStore *store,
                                 const char  *hlc)
{
  TandemHlc remote;

  g_return_if_fail (TANDEM_IS_STORE (store));

  if (hlc_is_valid (hlc, &remote))
    _tandem_store_observe_clock (store, &remote);
}

/**
 * tandem_sync_store_forget:
 * @store: a store
 * @error: where to put a failure
 *
 * Forgets everything about the sync space (when this device leaves it): the
 * sync tables and the "sync_*" meta keys. The records and the change log
 * stay.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_store_forget (TandemStore  *store,
                          GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (!exec (store, "DELETE FROM sync_applied; DELETE FROM sync_outbox; "
                    "DELETE FROM sync_blobs_sent; DELETE FROM sync_conflicts; "
                    "DELETE FROM sync_quarantine; DELETE FROM meta WHERE key GLOB 'sync_*'",
             error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }

  return tandem_store_commit (store, error);
}

/* ---- Conflicts -------------------------------------------------------- */

/**
 * tandem_sync_conflict_free:
 * @conflict: (nullable): a conflict
 */
void
tandem_sync_conflict_free (TandemSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->table);
  g_free (conflict->row_id);
  g_free (conflict->field);
  g_free (conflict->other_value);
  g_free (conflict->other_hlc);
  g_free (conflict->other_device);
  g_free (conflict->found_at);
  g_free (conflict);
}

/* A conflict reviewed on another laptop has a resolution record with its id
 * (tandem-conflict-resolution.c). */
#define NOT_REVIEWED_ELSEWHERE \
  "id NOT IN (SELECT id FROM conflict_resolutions WHERE deleted = 0)"

/**
 * tandem_sync_store_list_conflicts:
 * @store: a store
 * @error: where to put a failure
 *
 * Returns: (transfer full) (nullable) (element-type TandemSyncConflict): the
 *   conflicts the user has not reviewed yet, newest first
 */
GPtrArray *
tandem_sync_store_list_conflicts (TandemStore  *store,
                                  GError      **error)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = _tandem_store_prepare (store, "SELECT id, tbl, row_id, field, other_value, other_hlc, "
                                       "other_device, found_at FROM sync_conflicts "
                                       "WHERE resolved = 0 AND " NOT_REVIEWED_ELSEWHERE " "
                                       "ORDER BY found_at DESC, other_hlc DESC, id", error);
  if (stmt == NULL)
    return NULL;

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_conflict_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TandemSyncConflict *conflict = g_new0 (TandemSyncConflict, 1);

      conflict->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      conflict->table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      conflict->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      conflict->field = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      conflict->other_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      conflict->other_hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      conflict->other_device = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      conflict->found_at = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (conflicts, conflict);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tandem_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/**
 * tandem_sync_store_count_conflicts:
 * @store: a store
 *
 * Returns: how many conflicts wait for review, or -1 on failure
 */
gint64
tandem_sync_store_count_conflicts (TandemStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (TANDEM_IS_STORE (store), -1);

  stmt = _tandem_store_prepare (store, "SELECT count(*) FROM sync_conflicts WHERE resolved = 0 "
                                "AND " NOT_REVIEWED_ELSEWHERE,
                                NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * tandem_sync_store_resolve_conflict:
 * @store: a store
 * @id: a conflict
 * @text: (nullable): the text the field should now have, or %NULL to keep
 *   the current text and discard the other
 * @error: where to put a failure, in words for the user
 *
 * Marks a conflict reviewed. With @text, the field is first saved with it as
 * an ordinary local edit, which syncs to the other devices.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_store_resolve_conflict (TandemStore  *store,
                                    const char   *id,
                                    const char   *text,
                                    GError      **error)
{
  g_autofree char *table = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *field = NULL;
  g_autoptr(TandemConflictResolution) resolution = NULL;
  g_autofree char *other = NULL;
  const char *choice = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = _tandem_store_prepare (store, "SELECT tbl, row_id, field, other_value "
                                       "FROM sync_conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      field = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      other = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (text != NULL && g_strcmp0 (text, other) == 0)
    choice = "other";
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                           _("This conflict no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _tandem_store_set_error (store, error);

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (text != NULL)
    {
      GType type = tandem_record_type_from_table (table);
      g_autoptr(TandemRecord) record = NULL;

      if (type == G_TYPE_INVALID || tandem_record_type_find_field (type, field) == NULL)
        {
          g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                               _("The record of this conflict no longer exists."));
          goto fail;
        }
      record = tandem_store_load (store, type, row_id, error);
      if (record == NULL)
        goto fail;
      tandem_record_set_text (record, field, text);
      if (!tandem_store_save (store, record, error))
        goto fail;
    }

  stmt = _tandem_store_prepare (store, "UPDATE sync_conflicts SET resolved = 1 WHERE id = ?",
                                error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!step_done (store, stmt, error))
    goto fail;

  /* The review travels to the other laptops, which found the same conflict
   * under the same id. */
  resolution = tandem_conflict_resolution_new (id, choice != NULL ? choice
                                                   : text != NULL ? "merged" : "current");
  if (!tandem_store_save (store, TANDEM_RECORD (resolution), error))
    goto fail;

  return tandem_store_commit (store, error);

fail:
  tandem_store_rollback (store);
  return FALSE;
}

/* ---- Dump ------------------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

static int
compare_table_names (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * tandem_sync_store_dump:
 * @store: a store
 * @error: where to put a failure
 *
 * Writes every record of every table as canonical text: tables in name
 * order, rows in id order, one line per row,
 * `table<TAB>id<TAB>created_at<TAB>deleted<TAB>field=value…` with the fields
 * in declaration order, separated by tabs. updated_at is left out (it is
 * local). Tabs, newlines and backslashes are escaped as `\t`, `\n`, `\\`,
 * NULL is `\N`, numbers and booleans are decimal. Two databases with the same
 * content give the same dump, byte for byte.
 *
 * Returns: (transfer full) (nullable): the dump
 */
char *
tandem_sync_store_dump (TandemStore  *store,
                        GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  for (guint t = 0; table_at (t) != NULL; t++)
    g_ptr_array_add (names, (gpointer) table_at (t)->table);
  g_ptr_array_sort (names, compare_table_names);

  for (guint t = 0; t < names->len; t++)
    {
      const TableInfo *info = find_table (g_ptr_array_index (names, t));
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (tandem_store_get_db (store), info->sql_scan, -1, &stmt, NULL)
          != SQLITE_OK)
        {
          _tandem_store_set_error (store, error);
          return NULL;
        }

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_string_append (out, info->table);
          g_string_append_c (out, '\t');
          append_escaped (out, (const char *) sqlite3_column_text (stmt, 0));
          g_string_append_c (out, '\t');
          append_escaped (out, (const char *) sqlite3_column_text (stmt, 1));
          g_string_append_printf (out, "\t%d", sqlite3_column_int (stmt, 2) != 0 ? 1 : 0);

          for (guint i = 0; i < info->n_fields; i++)
            {
              int column = (int) i + 3;

              g_string_append_printf (out, "\t%s=", info->fields[i].name);
              switch (field_kind (info, i))
                {
                case KIND_INT:
                  g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                          (gint64) sqlite3_column_int64 (stmt, column));
                  break;
                case KIND_BOOL:
                  g_string_append_printf (out, "%d", sqlite3_column_int64 (stmt, column) != 0);
                  break;
                case KIND_TEXT:
                case KIND_DELETED:
                case KIND_CREATED:
                default:
                  append_escaped (out, (const char *) sqlite3_column_text (stmt, column));
                  break;
                }
            }
          g_string_append_c (out, '\n');
        }
      if (rc != SQLITE_DONE)
        {
          _tandem_store_set_error (store, error);
          return NULL;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
