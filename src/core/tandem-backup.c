/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "tandem-backup.h"
#include "tandem-core-error.h"
#include "tandem-store.h"

/**
 * tandem_backup_dir:
 * @db_path: a database file
 *
 * Returns: (transfer full): the folder beside the database where its daily
 *   backups are kept
 */
char *
tandem_backup_dir (const char *db_path)
{
  return g_strconcat (db_path, ".backups", NULL);
}

static gboolean
sqlite_failed (sqlite3     *db,
               GError     **error)
{
  g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
               /* Translators: %s is SQLite's own explanation, in English. */
               _("The backup could not be made (%s)."),
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

/* Copies one open database into another with SQLite's online backup API,
 * which gives a consistent copy even while the app is writing. */
static gboolean
copy_database (sqlite3  *from,
               sqlite3  *to,
               GError  **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    return sqlite_failed (to, error);

  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return sqlite_failed (to, error);
  return TRUE;
}

/**
 * tandem_backup_file:
 * @db_path: the database to copy
 * @dest_path: the backup file to write; replaced only once it is complete
 * @error: where to put a failure
 *
 * Writes a consistent copy of a database, private to the user. The copy is
 * written beside @dest_path and renamed into place, so a crash never leaves
 * a half-written backup under the final name.
 */
gboolean
tandem_backup_file (const char  *db_path,
                    const char  *dest_path,
                    GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (dest_path, ".partial", NULL);
  sqlite3 *from = NULL;
  sqlite3 *to = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!tandem_store_check_file (db_path, error))
    return FALSE;

  g_unlink (tmp_path);
  fd = g_open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      /* Translators: %s is a file, then the reason from the system. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The backup %s could not be written: %s"), dest_path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (sqlite3_open_v2 (db_path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite_failed (from, error);
      goto out;
    }
  if (sqlite3_open_v2 (tmp_path, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite_failed (to, error);
      goto out;
    }
  sqlite3_busy_timeout (from, 5000);

  if (!copy_database (from, to, error))
    goto out;

  /* A backup is a single self-contained file: no WAL beside it. */
  sqlite3_exec (to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close_v2 (to);
  to = NULL;

  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The backup %s could not be written: %s"), dest_path, g_strerror (saved));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_close_v2 (from);
  sqlite3_close_v2 (to);
  if (!ok)
    g_unlink (tmp_path);
  return ok;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * tandem_backup_list:
 * @db_path: a database file
 *
 * Returns: (transfer full) (element-type utf8): the paths of its backups,
 *   newest first
 */
GPtrArray *
tandem_backup_list (const char *db_path)
{
  g_autofree char *dir_path = tandem_backup_dir (db_path);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return paths;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "tandem-") && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));

  g_ptr_array_sort (paths, compare_newest_first);
  return paths;
}

/**
 * tandem_backup_daily:
 * @db_path: the database
 * @now: (nullable): the time now, for tests; %NULL for the real time
 * @error: where to put a failure
 *
 * Makes today's backup if there is none yet and keeps the newest
 * %TANDEM_BACKUPS_KEPT.
 *
 * Returns: (transfer full) (nullable): the path of the backup made, or %NULL
 *   when today's already existed or on error (then @error is set)
 */
char *
tandem_backup_daily (const char  *db_path,
                     GDateTime   *now,
                     GError     **error)
{
  g_autofree char *dir = tandem_backup_dir (db_path);
  g_autoptr(GDateTime) local_now = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (local_now, "tandem-%Y-%m-%d.db");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GPtrArray) existing = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder %s could not be created: %s"), dir, g_strerror (saved));
      return NULL;
    }

  if (!tandem_backup_file (db_path, path, error))
    return NULL;

  existing = tandem_backup_list (db_path);
  for (guint i = TANDEM_BACKUPS_KEPT; i < existing->len; i++)
    g_unlink (g_ptr_array_index (existing, i));

  return g_steal_pointer (&path);
}

/**
 * tandem_backup_restore:
 * @db_path: the database to replace the contents of
 * @backup_path: a backup file
 * @error: where to put a failure
 *
 * Replaces the contents of a healthy database with a backup, in one step: the
 * backup is checked first, and SQLite's backup API swaps the pages inside a
 * transaction, so a failure leaves the database as it was.
 */
gboolean
tandem_backup_restore (const char  *db_path,
                       const char  *backup_path,
                       GError     **error)
{
  g_autoptr(TandemStore) store = NULL;
  sqlite3 *from = NULL;
  gboolean ok;

  if (!tandem_store_check_file (backup_path, error))
    return FALSE;

  store = tandem_store_open (db_path, error);
  if (store == NULL)
    return FALSE;

  if (sqlite3_open_v2 (backup_path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite_failed (from, error);
      sqlite3_close_v2 (from);
      return FALSE;
    }

  ok = copy_database (from, tandem_store_get_db (store), error);
  sqlite3_close_v2 (from);
  g_clear_object (&store);

  /* An older backup may predate the newest schema: opening migrates it. */
  if (ok)
    {
      store = tandem_store_open (db_path, error);
      ok = store != NULL;
    }
  return ok;
}

/**
 * tandem_backup_recover:
 * @db_path: a damaged database
 * @backup_path: the backup to put in its place
 * @error: where to put a failure
 *
 * Moves a damaged database aside (never deleting or overwriting it) and puts
 * a copy of a backup in its place.
 *
 * Returns: (transfer full) (nullable): where the damaged file now is
 */
char *
tandem_backup_recover (const char  *db_path,
                       const char  *backup_path,
                       GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", db_path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  if (!tandem_store_check_file (backup_path, error))
    return NULL;

  if (g_rename (db_path, aside) != 0)
    {
      int saved = errno;
      /* Translators: %s is a file, then the reason from the system. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The damaged database %s could not be moved aside: %s"),
                   db_path, g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  if (!tandem_backup_file (backup_path, db_path, error))
    {
      /* Put the damaged file back rather than leave nothing at the path. */
      g_rename (aside, db_path);
      return NULL;
    }

  return g_steal_pointer (&aside);
}
