/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-core-error.h"
#include "tandem-hlc.h"
#include "tandem-migrations-private.h"
#include "tandem-records.h"
#include "tandem-sqlite-private.h"
#include "tandem-store.h"

struct _TandemStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *device_id;
  char       *actor;
  GHashTable *statements;
  TandemHlc   clock;
  guint       depth;
  GPtrArray  *pending;
};

G_DEFINE_FINAL_TYPE (TandemStore, tandem_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char *table;
  char *id;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->table);
  g_free (pending->id);
  g_free (pending);
}

static void
tandem_store_finalize (GObject *object)
{
  TandemStore *self = TANDEM_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->device_id);
  g_free (self->actor);

  G_OBJECT_CLASS (tandem_store_parent_class)->finalize (object);
}

static void
tandem_store_class_init (TandemStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_store_finalize;

  /**
   * TandemStore::changed:
   * @self: the store
   * @table: the table of the record
   * @id: the record's id
   *
   * Emitted after a record was saved, deleted or restored, once the
   * outermost transaction has committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
tandem_store_init (TandemStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->pending = g_ptr_array_new_with_free_func (pending_free);
}

/**
 * tandem_store_default_path:
 *
 * Returns: (transfer full): the database in the user's XDG data directory
 */
char *
tandem_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tandem", "tandem.db", NULL);
}

static char *
utc_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

gboolean
_tandem_store_set_error (TandemStore  *self,
                         GError      **error)
{
  int code = sqlite3_errcode (self->db);

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT,
                 /* Translators: %s is SQLite's own explanation, in English. */
                 _("The database file is damaged (%s)."), sqlite3_errmsg (self->db));
  else if (code == SQLITE_FULL)
    g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
                         _("The disk is full. Nothing was saved; free some space and try again."));
  else
    g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
                 /* Translators: %s is SQLite's own explanation, in English. */
                 _("The database could not be used (%s)."), sqlite3_errmsg (self->db));
  return FALSE;
}

/**
 * _tandem_store_prepare:
 * @self: a store
 * @sql: a statement
 * @error: where to put a failure
 *
 * Returns: (transfer none) (nullable): a cached statement, reset and with no
 *   bindings, owned by the store
 */
sqlite3_stmt *
_tandem_store_prepare (TandemStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _tandem_store_set_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (TandemStore  *self,
      const char   *sql,
      GError      **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _tandem_store_set_error (self, error);
  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
corrupt (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT, message);
  return FALSE;
}

/* Checks a file without writing to it: the header, the length the header
 * promises, that it is Tandem's, and — when @full — SQLite's quick check,
 * which reads every page. */
static gboolean
check_file (const char  *path,
            gboolean     full,
            GError     **error)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  guint8 header[100];
  GStatBuf st, wal_st;
  gboolean has_wal;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint32 page_size, page_count;
  sqlite3_file *file = NULL;
  int read_rc;
  gboolean ok = TRUE;
  int app_id = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      /* Translators: %s is the reason from the system. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The database file could not be read: %s"), g_strerror (saved));
      return FALSE;
    }

  /* A new database's first transactions may all still be in its write-ahead
   * log, with the main file empty until the first checkpoint: a process
   * killed then leaves a good database. Only without a log is it empty. */
  has_wal = g_stat (wal_path, &wal_st) == 0 && wal_st.st_size > 0;
  if (st.st_size == 0 && !has_wal)
    return corrupt (error, _("The database file is empty. It may have been cut off while "
                             "copying."));

  /* The header is read through SQLite, not with open() and close(): when
   * this process already has the database open (the check after the first
   * frame, a backup), closing any descriptor of the file would drop the
   * POSIX locks SQLite holds on it, and another program could then delete
   * the write-ahead log under the open connection, losing what it writes
   * next. SQLite's own VFS shares one descriptor per file in a process. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL)
    {
      ok = corrupt (error, _("The database file could not be opened."));
      goto out;
    }

  if (st.st_size == 0)
    goto through_sqlite;

  memset (header, 0, sizeof header);
  read_rc = file->pMethods->xRead (file, header, sizeof header, 0);
  if (read_rc == SQLITE_IOERR_SHORT_READ)
    {
      ok = corrupt (error, _("The database file is too short to be a database. It may have "
                             "been cut off while copying."));
      goto out;
    }
  if (read_rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The database file could not be read: %s"), sqlite3_errstr (read_rc));
      ok = FALSE;
      goto out;
    }

  if (memcmp (header, "SQLite format 3", 16) != 0)
    {
      ok = corrupt (error, _("This file is not a Tandem database."));
      goto out;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);

  /* The in-header size is only trustworthy when the change counter matches
   * the version-valid-for number; pages may also still sit in the WAL. */
  if (!has_wal && read_be32 (header + 24) == read_be32 (header + 92) &&
      (guint64) st.st_size < (guint64) page_count * page_size)
    {
      ok = corrupt (error, _("The database file is shorter than it should be. It may have "
                             "been cut off while copying."));
      goto out;
    }

through_sqlite:
  /* Another connection may be writing or checkpointing: wait for it rather
   * than mistake a busy file for a damaged one. */
  sqlite3_busy_timeout (db, 5000);

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      ok = corrupt (error, _("This file is not a Tandem database, or it is damaged."));
      goto out;
    }
  app_id = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (app_id != TANDEM_STORE_APPLICATION_ID)
    {
      ok = corrupt (error, _("This is a database of another program, not of Tandem."));
      goto out;
    }

  /* Reading the schema catches a damaged first page even without the full
   * check. */
  if (sqlite3_prepare_v2 (db, full ? "PRAGMA quick_check" : "SELECT count(*) FROM sqlite_schema",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ok = corrupt (error, _("This file is not a Tandem database, or it is damaged."));
      goto out;
    }

  if (!full)
    {
      if (sqlite3_step (stmt) != SQLITE_ROW)
        ok = corrupt (error, _("This file is not a Tandem database, or it is damaged."));
      goto out;
    }

  if (sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    ok = corrupt (error, _("The database file is damaged: SQLite’s integrity check failed."));

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close_v2 (db);
  return ok;
}

/* An empty file, private to the user as Tandem creates its databases, with
 * no write-ahead log or rollback journal holding anything: a database whose
 * creation was interrupted. A copy cut short is not private (cp and file
 * managers keep the usual permissions), so it is still refused with a
 * message by check_file(). */
static gboolean
is_never_written (const char *path)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal_path = g_strconcat (path, "-journal", NULL);
  GStatBuf st, other;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size != 0
      || (st.st_mode & 0777) != 0600)
    return FALSE;
  if (g_stat (wal_path, &other) == 0 && other.st_size > 0)
    return FALSE;
  if (g_stat (journal_path, &other) == 0 && other.st_size > 0)
    return FALSE;
  return TRUE;
}

/**
 * tandem_store_check_file:
 * @path: an existing database file
 * @error: where to put what is wrong, in words for the user
 *
 * Checks a database file without writing to it: the header, the length the
 * header promises, that it is Tandem's, and SQLite's quick check of every
 * page. On a large setting this takes a while: run it off the main thread.
 *
 * Returns: %TRUE if the file can be opened safely
 */
gboolean
tandem_store_check_file (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return check_file (path, TRUE, error);
}

/**
 * tandem_store_check_structure:
 * @path: an existing database file
 * @error: where to put what is wrong, in words for the user
 *
 * The quick part of tandem_store_check_file(): everything but reading every
 * page. It catches a file that is not a database, is another program's, is
 * empty or was cut short.
 *
 * Returns: %TRUE if the file looks whole
 */
gboolean
tandem_store_check_structure (const char  *path,
                              GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return check_file (path, FALSE, error);
}

static int
user_version (TandemStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

int
tandem_store_latest_schema_version (void)
{
  guint n;

  _tandem_migrations (&n);
  return (int) n;
}

static gboolean
migrate (TandemStore  *self,
         GError      **error)
{
  guint n;
  const char * const *migrations = _tandem_migrations (&n);
  int version = user_version (self);

  if (version < 0)
    return _tandem_store_set_error (self, error);

  if (version > (int) n)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NEWER_VERSION,
                   _("This database was saved by a newer version of Tandem. Update Tandem "
                     "to open it."));
      return FALSE;
    }

  for (guint i = (guint) version; i < n; i++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Another process may have migrated while this one waited for the lock. */
      if (user_version (self) > (int) i)
        {
          exec (self, "COMMIT", NULL);
          continue;
        }

      if (!exec (self, migrations[i], error) || !exec (self, bump, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }

      if (!exec (self, "COMMIT", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_device (TandemStore  *self,
             GError      **error)
{
  g_autofree char *fresh = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = _tandem_store_prepare (self, "INSERT OR IGNORE INTO meta (key, value) "
                                      "VALUES ('device_id', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fresh, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _tandem_store_set_error (self, error);

  stmt = _tandem_store_prepare (self, "SELECT value FROM meta WHERE key = 'device_id'", error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return _tandem_store_set_error (self, error);
  self->device_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  /* The clock resumes from the newest change so that it never runs backwards
   * across restarts, even if the system clock does. Local clocks only grow
   * with seq, so the last row is the newest: a rowid lookup, where max (hlc)
   * would read the whole log on a large setting. */
  stmt = _tandem_store_prepare (self, "SELECT hlc FROM change_log ORDER BY seq DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      tandem_hlc_parse ((const char *) sqlite3_column_text (stmt, 0), &self->clock);
      break;
    case SQLITE_DONE:
      break;
    default:
      sqlite3_reset (stmt);
      return _tandem_store_set_error (self, error);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Changes received from other devices are not in the change log, and sync
 * may apply them on another connection: it keeps the newest clock it applied
 * in the meta key "hlc_floor", read before each edit so that the edit comes
 * after everything this database has seen, even across restarts. */
static void
observe_floor (TandemStore *self)
{
  sqlite3_stmt *stmt;

  stmt = _tandem_store_prepare (self, "SELECT value FROM meta WHERE key = 'hlc_floor'", NULL);
  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TandemHlc floor;

      if (tandem_hlc_parse ((const char *) sqlite3_column_text (stmt, 0), &floor) &&
          tandem_hlc_compare (&floor, &self->clock) > 0)
        self->clock = floor;
    }
  sqlite3_reset (stmt);
}

/**
 * tandem_store_open:
 * @path: the database file; created with its folder if it does not exist
 * @error: where to put what went wrong, in words for the user
 *
 * Opens or creates a database. An existing file is checked read-only first
 * and is never written to when it is damaged. A new file is private to the
 * user (0600, its new folder 0700). The schema is migrated to the newest
 * version.
 *
 * Returns: (transfer full) (nullable): the store
 */
TandemStore *
tandem_store_open (const char  *path,
                   GError     **error)
{
  return tandem_store_open_with_flags (path, TANDEM_STORE_OPEN_DEFAULT, error);
}

/**
 * tandem_store_open_with_flags:
 * @path: the database file; created with its folder if it does not exist
 * @flags: how much to check first
 * @error: where to put what went wrong, in words for the user
 *
 * As tandem_store_open(), but with %TANDEM_STORE_OPEN_DEFER_INTEGRITY the
 * full integrity check is left to the caller.
 *
 * Returns: (transfer full) (nullable): the store
 */
TandemStore *
tandem_store_open_with_flags (const char            *path,
                              TandemStoreOpenFlags   flags,
                              GError               **error)
{
  g_autoptr(TandemStore) self = NULL;
  gboolean created = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  tandem_records_init ();

  if (g_file_test (path, G_FILE_TEST_EXISTS) && is_never_written (path))
    {
      /* Created by Tandem and killed before its first transaction reached
       * the disk: there is nothing in it to lose, so it is made anew. */
      created = TRUE;
    }
  else if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gboolean full = !(flags & TANDEM_STORE_OPEN_DEFER_INTEGRITY);

      if (!check_file (path, full, error))
        return NULL;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      int fd;

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          /* Translators: %s is a folder, then the reason from the system. */
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The folder %s could not be created: %s"), dir, g_strerror (saved));
          return NULL;
        }

      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          /* Translators: %s is a file, then the reason from the system. */
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The database %s could not be created: %s"), path, g_strerror (saved));
          return NULL;
        }
      close (fd);
      created = TRUE;
    }

  self = g_object_new (TANDEM_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      _tandem_store_set_error (self, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, FALSE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec (self, "PRAGMA temp_store = MEMORY", error) ||
      /* A child's journal is read page by page as it scrolls: 16 MB of page
       * cache keeps a large setting's indexes in memory. */
      !exec (self, "PRAGMA cache_size = -16384", error))
    return NULL;

  if (created)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d",
                                              TANDEM_STORE_APPLICATION_ID);
      if (!exec (self, sql, error))
        return NULL;
    }

  if (!migrate (self, error) || !load_device (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
tandem_store_get_path (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->path;
}

const char *
tandem_store_get_device_id (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->device_id;
}

/**
 * tandem_store_get_db:
 * @self: a store
 *
 * Returns: (transfer none): the connection, for queries in the core layer;
 *   use it only on the thread that opened the store
 */
sqlite3 *
tandem_store_get_db (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->db;
}

int
tandem_store_get_schema_version (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), -1);
  return user_version (self);
}

/**
 * tandem_store_set_actor:
 * @self: a store
 * @actor: (nullable): who is using the store, for the audit table
 */
void
tandem_store_set_actor (TandemStore *self,
                        const char  *actor)
{
  g_return_if_fail (TANDEM_IS_STORE (self));

  g_free (self->actor);
  self->actor = g_strdup (actor);
}

const char *
tandem_store_get_actor (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  return self->actor;
}

/**
 * tandem_store_begin:
 * @self: a store
 * @error: where to put a failure
 *
 * Starts a transaction, or a savepoint inside one. Every begin is matched by
 * a commit or a rollback.
 */
gboolean
tandem_store_begin (TandemStore  *self,
                    GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT s%u", self->depth);
  if (!exec (self, sql, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

static void
flush_pending (TandemStore *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func (pending_free);
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      g_signal_emit (self, signals[CHANGED], 0, p->table, p->id);
    }
}

gboolean
tandem_store_commit (TandemStore  *self,
                     GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE s%u", self->depth - 1);
  if (!exec (self, sql, error))
    {
      tandem_store_rollback (self);
      return FALSE;
    }

  self->depth--;
  if (self->depth == 0)
    flush_pending (self);
  return TRUE;
}

void
tandem_store_rollback (TandemStore *self)
{
  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      exec (self, "ROLLBACK", NULL);
      g_ptr_array_set_size (self->pending, 0);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO s%u; RELEASE s%u",
                                              self->depth - 1, self->depth - 1);
      exec (self, sql, NULL);
    }

  self->depth--;
}

static void
queue_changed (TandemStore *self,
               const char  *table,
               const char  *id)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->table = g_strdup (table);
  pending->id = g_strdup (id);
  g_ptr_array_add (self->pending, pending);
}

/**
 * tandem_store_emit_changed:
 * @self: a #TandemStore
 * @table: the table of the record
 * @id: (nullable): the record's id, or %NULL when any record of @table may
 *   have changed
 *
 * Tells the store's listeners that a record changed through another
 * connection to the same database (sync writes on its own connection in a
 * worker thread), as #TandemStore::changed does for this connection's own
 * saves. Inside a transaction the signal waits for the commit.
 */
void
tandem_store_emit_changed (TandemStore *self,
                           const char  *table,
                           const char  *id)
{
  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (table != NULL);

  queue_changed (self, table, id);
  if (self->depth == 0)
    flush_pending (self);
}

static void
bind_value (sqlite3_stmt      *stmt,
            int                column,
            const TandemField *field,
            const GValue      *value)
{
  switch (field->type)
    {
    case TANDEM_FIELD_INT:
      sqlite3_bind_int64 (stmt, column, g_value_get_int64 (value));
      break;
    case TANDEM_FIELD_BOOL:
      sqlite3_bind_int (stmt, column, g_value_get_boolean (value) ? 1 : 0);
      break;
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      if (g_value_get_string (value) == NULL)
        sqlite3_bind_null (stmt, column);
      else
        sqlite3_bind_text (stmt, column, g_value_get_string (value), -1, SQLITE_TRANSIENT);
      break;
    }
}

static void
read_value (sqlite3_stmt      *stmt,
            int                column,
            const TandemField *field,
            GValue            *value)
{
  switch (field->type)
    {
    case TANDEM_FIELD_INT:
      g_value_init (value, G_TYPE_INT64);
      g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
      break;
    case TANDEM_FIELD_BOOL:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
      break;
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}

static gboolean
value_is_default (const TandemField *field,
                  const GValue      *value)
{
  switch (field->type)
    {
    case TANDEM_FIELD_INT:
      return g_value_get_int64 (value) == 0;
    case TANDEM_FIELD_BOOL:
      return !g_value_get_boolean (value);
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      return g_value_get_string (value) == NULL;
    }
}

static char *
select_columns (TandemRecordClass *klass)
{
  GString *sql = g_string_new ("id, created_at, updated_at, deleted");

  for (guint i = 0; i < klass->n_fields; i++)
    g_string_append_printf (sql, ", %s", klass->fields[i].name);
  return g_string_free (sql, FALSE);
}

static TandemRecord *
record_from_row (GType              type,
                 TandemRecordClass *klass,
                 sqlite3_stmt      *stmt)
{
  TandemRecord *record = g_object_new (type, "id", sqlite3_column_text (stmt, 0), NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      read_value (stmt, (int) i + 4, &klass->fields[i], &value);
      tandem_record_set_value (record, i, &value);
    }
  _tandem_record_set_meta (record,
                           (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2),
                           sqlite3_column_int (stmt, 3) != 0);
  return record;
}

/* Appends one field change to the change log and moves the field's clock on,
 * remembering the clock it replaces so that sync can tell concurrent edits
 * from sequential ones. @field is NULL for the pseudo-fields "deleted" (a
 * boolean @value) and "created_at" (a string @value). */
static gboolean
log_change (TandemStore       *self,
            const char        *table,
            const char        *row_id,
            const char        *field_name,
            const TandemField *field,
            const GValue      *value,
            const char        *hlc,
            GError           **error)
{
  g_autofree char *prev = NULL;
  sqlite3_stmt *stmt;

  stmt = _tandem_store_prepare (self, "SELECT hlc FROM field_clock "
                                      "WHERE tbl = ? AND row_id = ? AND field = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field_name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    prev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  stmt = _tandem_store_prepare (self, "INSERT INTO change_log "
                                      "(tbl, row_id, field, value, hlc, prev_hlc, device) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field_name, -1, SQLITE_STATIC);
  if (field != NULL)
    bind_value (stmt, 4, field, value);
  else if (G_VALUE_HOLDS_STRING (value))
    sqlite3_bind_text (stmt, 4, g_value_get_string (value), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int (stmt, 4, g_value_get_boolean (value) ? 1 : 0);
  sqlite3_bind_text (stmt, 5, hlc, -1, SQLITE_STATIC);
  if (prev != NULL)
    sqlite3_bind_text (stmt, 6, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, self->device_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _tandem_store_set_error (self, error);

  stmt = _tandem_store_prepare (self, "INSERT INTO field_clock (tbl, row_id, field, hlc, device, prev) "
                                      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
                                      "SET hlc = excluded.hlc, device = excluded.device, "
                                      "prev = excluded.prev", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, self->device_id, -1, SQLITE_STATIC);
  if (prev != NULL)
    sqlite3_bind_text (stmt, 6, prev, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _tandem_store_set_error (self, error);

  return TRUE;
}

static char *
next_hlc (TandemStore *self)
{
  observe_floor (self);
  tandem_hlc_tick (&self->clock, tandem_hlc_now_ms ());
  return tandem_hlc_to_string (&self->clock);
}

static gboolean
save_locked (TandemStore   *self,
             TandemRecord  *record,
             GError       **error)
{
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (record);
  const char *id = tandem_record_get_id (record);
  g_autofree char *columns = select_columns (klass);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                                             columns, klass->table);
  g_autoptr(TandemRecord) current = NULL;
  g_autofree char *now = utc_now ();
  g_autofree char *hlc = NULL;
  g_autoptr(GString) sql = NULL;
  GArray *changed;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  stmt = _tandem_store_prepare (self, select, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      current = record_from_row (G_OBJECT_TYPE (record), klass, stmt);
      break;
    case SQLITE_DONE:
      break;
    default:
      return _tandem_store_set_error (self, error);
    }
  sqlite3_reset (stmt);

  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GValue *value = tandem_record_get_value (record, i);

      if (current != NULL
          ? !tandem_record_values_equal (klass->fields[i].type, value,
                                         tandem_record_get_value (current, i))
          : !value_is_default (&klass->fields[i], value))
        g_array_append_val (changed, i);
    }

  /* A new record with every field at its default still has to reach other
   * devices, so its first field is logged regardless. */
  if (current == NULL && changed->len == 0 && klass->n_fields > 0)
    {
      guint first = 0;
      g_array_append_val (changed, first);
    }

  if (current != NULL && changed->len == 0)
    {
      _tandem_record_set_meta (record, tandem_record_get_created_at (current),
                               tandem_record_get_updated_at (current),
                               tandem_record_get_deleted (current));
      g_array_unref (changed);
      return TRUE;
    }

  sql = g_string_new (NULL);
  if (current == NULL)
    {
      g_string_append_printf (sql, "INSERT INTO %s (id, created_at, updated_at, deleted",
                              klass->table);
      for (guint i = 0; i < klass->n_fields; i++)
        g_string_append_printf (sql, ", %s", klass->fields[i].name);
      g_string_append (sql, ") VALUES (?1, ?2, ?2, 0");
      for (guint i = 0; i < klass->n_fields; i++)
        g_string_append_printf (sql, ", ?%u", i + 3);
      g_string_append (sql, ")");
    }
  else
    {
      g_string_append_printf (sql, "UPDATE %s SET updated_at = ?2", klass->table);
      for (guint i = 0; i < changed->len; i++)
        {
          guint index = g_array_index (changed, guint, i);
          g_string_append_printf (sql, ", %s = ?%u", klass->fields[index].name, index + 3);
        }
      g_string_append (sql, " WHERE id = ?1");
    }

  stmt = _tandem_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  /* An UPDATE names only the changed fields; binding the others is a harmless
   * no-op because numbered parameters may leave gaps. */
  for (guint i = 0; i < klass->n_fields; i++)
    bind_value (stmt, (int) i + 3, &klass->fields[i], tandem_record_get_value (record, i));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _tandem_store_set_error (self, error);
      sqlite3_reset (stmt);
      goto out;
    }
  sqlite3_reset (stmt);

  hlc = next_hlc (self);

  /* Other devices create the row from its changes: its creation time travels
   * too, once, so that every copy of the record shows the same one. */
  if (current == NULL)
    {
      g_auto(GValue) created = G_VALUE_INIT;

      g_value_init (&created, G_TYPE_STRING);
      g_value_set_string (&created, now);
      if (!log_change (self, klass->table, id, "created_at", NULL, &created, hlc, error))
        goto out;
    }

  for (guint i = 0; i < changed->len; i++)
    {
      guint index = g_array_index (changed, guint, i);

      if (!log_change (self, klass->table, id, klass->fields[index].name,
                       &klass->fields[index], tandem_record_get_value (record, index),
                       hlc, error))
        goto out;
    }

  _tandem_record_set_meta (record,
                           current != NULL ? tandem_record_get_created_at (current) : now,
                           now,
                           current != NULL ? tandem_record_get_deleted (current) : FALSE);
  queue_changed (self, klass->table, id);
  ok = TRUE;

out:
  g_array_unref (changed);
  return ok;
}

/**
 * tandem_store_save:
 * @self: a store
 * @record: a new or changed record
 * @error: where to put why it was not saved
 *
 * Validates and saves @record in one transaction, recording each changed
 * field in the change log. Saving an unchanged record does nothing.
 */
gboolean
tandem_store_save (TandemStore   *self,
                   TandemRecord  *record,
                   GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_RECORD (record), FALSE);

  if (!tandem_record_validate (record, error))
    return FALSE;

  if (!tandem_store_begin (self, error))
    return FALSE;

  if (!save_locked (self, record, error))
    {
      tandem_store_rollback (self);
      return FALSE;
    }

  return tandem_store_commit (self, error);
}

static gboolean
set_deleted (TandemStore   *self,
             TandemRecord  *record,
             gboolean       deleted,
             GError       **error)
{
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (record);
  const char *id = tandem_record_get_id (record);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted = ?1, updated_at = ?2 "
                                          "WHERE id = ?3 AND deleted != ?1", klass->table);
  g_autofree char *now = utc_now ();
  g_autofree char *hlc = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  sqlite3_stmt *stmt;

  if (!tandem_store_begin (self, error))
    return FALSE;

  stmt = _tandem_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _tandem_store_set_error (self, error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (sqlite3_changes (self->db) > 0)
    {
      hlc = next_hlc (self);
      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, deleted);
      if (!log_change (self, klass->table, id, "deleted", NULL, &value, hlc, error))
        goto fail;
      queue_changed (self, klass->table, id);
      _tandem_record_set_meta (record, tandem_record_get_created_at (record), now, deleted);
    }

  return tandem_store_commit (self, error);

fail:
  tandem_store_rollback (self);
  return FALSE;
}

/**
 * tandem_store_delete:
 * @self: a store
 * @record: a saved record
 * @error: where to put a failure
 *
 * Marks @record deleted (a tombstone); tandem_store_undelete() brings it
 * back, which is how Undo works.
 */
gboolean
tandem_store_delete (TandemStore   *self,
                     TandemRecord  *record,
                     GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_RECORD (record), FALSE);

  return set_deleted (self, record, TRUE, error);
}

gboolean
tandem_store_undelete (TandemStore   *self,
                       TandemRecord  *record,
                       GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_RECORD (record), FALSE);

  return set_deleted (self, record, FALSE, error);
}

/**
 * tandem_store_load:
 * @self: a store
 * @type: the record type
 * @id: the record's id
 * @error: where to put a failure; %TANDEM_CORE_ERROR_NOT_FOUND if there is none
 *
 * Loads a record, deleted or not.
 *
 * Returns: (transfer full) (nullable): the record
 */
gpointer
tandem_store_load (TandemStore  *self,
                   GType         type,
                   const char   *id,
                   GError      **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  TandemRecord *record = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_RECORD), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  klass = g_type_class_ref (type);
  columns = select_columns (TANDEM_RECORD_CLASS (klass));
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", columns,
                         TANDEM_RECORD_CLASS (klass)->table);

  stmt = _tandem_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      record = record_from_row (type, TANDEM_RECORD_CLASS (klass), stmt);
      break;
    case SQLITE_DONE:
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                   /* Translators: %s is an identifier. */
                   _("No record with the id %s."), id);
      break;
    default:
      _tandem_store_set_error (self, error);
      break;
    }
  sqlite3_reset (stmt);

  return record;
}

/**
 * tandem_store_list:
 * @self: a store
 * @type: the record type
 * @where: (nullable): an SQL condition with `?` placeholders, written by the
 *   program (never by a user)
 * @params: (nullable) (array zero-terminated=1): text values for the placeholders
 * @error: where to put a failure
 *
 * Lists the records of @type that are not deleted, in the type's order.
 *
 * Returns: (transfer full) (element-type TandemRecord): the records
 */
GPtrArray *
tandem_store_list (TandemStore         *self,
                   GType                type,
                   const char          *where,
                   const char * const  *params,
                   GError             **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  TandemRecordClass *record_class;
  int rc;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_RECORD), NULL);

  klass = g_type_class_ref (type);
  record_class = TANDEM_RECORD_CLASS (klass);
  columns = select_columns (record_class);
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0%s%s%s ORDER BY %s",
                         columns, record_class->table,
                         where ? " AND (" : "", where ? where : "", where ? ")" : "",
                         record_class->order_by);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _tandem_store_set_error (self, error);
      return NULL;
    }

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_STATIC);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (type, record_class, stmt));

  if (rc != SQLITE_DONE)
    {
      _tandem_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

/**
 * tandem_store_count:
 * @self: a store
 * @type: the record type
 * @where: (nullable): as for tandem_store_list()
 * @params: (nullable) (array zero-terminated=1): as for tandem_store_list()
 * @error: where to put a failure
 *
 * Returns: how many records of @type are not deleted and match, or -1
 */
gint64
tandem_store_count (TandemStore         *self,
                    GType                type,
                    const char          *where,
                    const char * const  *params,
                    GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0%s%s%s",
                         tandem_record_type_get_table (type),
                         where ? " AND (" : "", where ? where : "", where ? ")" : "");
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _tandem_store_set_error (self, error);
      return -1;
    }
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tandem_store_set_error (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * tandem_store_audit:
 * @self: a store
 * @action: what was done, e.g. `export-json`, `print-pack`
 * @child_id: (nullable): the child it was about
 * @detail: (nullable): more, e.g. the file written
 * @error: where to put a failure
 *
 * Records who did what about which child, and when.
 */
gboolean
tandem_store_audit (TandemStore  *self,
                    const char   *action,
                    const char   *child_id,
                    const char   *detail,
                    GError      **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = utc_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  stmt = _tandem_store_prepare (self, "INSERT INTO audit "
                                      "(id, at, actor, device, action, child_id, detail) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, self->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, child_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, detail, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _tandem_store_set_error (self, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * _tandem_store_observe_clock:
 * @self: a store
 * @remote: a clock received from another device
 *
 * Moves the store's clock past @remote, so that the next local edit is
 * ordered after it. In memory only; sync also keeps the newest clock it
 * applied in the meta key "hlc_floor", which every edit reads first (see
 * observe_floor()), so that other connections to the database follow too.
 */
void
_tandem_store_observe_clock (TandemStore     *self,
                             const TandemHlc *remote)
{
  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (remote != NULL);

  tandem_hlc_observe (&self->clock, remote, tandem_hlc_now_ms ());
}
