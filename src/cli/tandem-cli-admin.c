/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tandem-backup.h"
#include "tandem-cli-private.h"
#include "tandem-core-error.h"
#include "tandem-records.h"

static int
run_backup (const TandemCliCommand  *command,
            char                   **args)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it already exists"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  const char *path;
  const char *dest;

  if (!tandem_cli_parse (command, entries, &args, 1))
    return TANDEM_CLI_EXIT_USAGE;

  path = tandem_cli_database_path ();
  dest = args[1];

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file. */
      tandem_cli_error (_("There is no database at %s to back up."), path);
      return TANDEM_CLI_EXIT_FAILED;
    }

  /* An existing file may be the only good copy someone has. */
  if (!force && g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file. */
      tandem_cli_error (_("%s already exists. Choose another name, or give --force to "
                          "replace it."), dest);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (!tandem_backup_file (path, dest, &error))
    {
      tandem_cli_error ("%s: %s", path, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  /* Translators: %1$s is the database, %2$s the backup file written. */
  g_print (_("Backed up %1$s to %2$s.\n"), path, dest);
  return TANDEM_CLI_EXIT_OK;
}

/* tandem_store_check_file() does not look at the schema version; a backup
 * from a newer Tandem must be refused before any page is copied, because
 * the restored database could not be opened afterwards. */
static gboolean
check_backup_version (const char  *backup,
                      GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  if (version < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT,
                           _("This file is not a Tandem database, or it is damaged."));
      return FALSE;
    }

  if (version > tandem_store_latest_schema_version ())
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NEWER_VERSION,
                           _("This backup was made by a newer version of Tandem. Update "
                             "Tandem to restore it."));
      return FALSE;
    }

  return TRUE;
}

/* Keeps what a restore is about to replace, so that restoring the wrong
 * file can itself be undone. Not named like the daily backups, so that
 * their rotation never deletes it. */
static char *
keep_before_restore (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = tandem_backup_dir (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "before-restore-%Y%m%d-%H%M%S.db");
  g_autofree char *kept = g_build_filename (dir, name, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      /* Translators: %1$s is a folder, %2$s the reason from the system. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder %1$s could not be created: %2$s"), dir, g_strerror (saved));
      return NULL;
    }

  if (!tandem_backup_file (path, kept, error))
    return NULL;

  return g_steal_pointer (&kept);
}

static int
run_restore (const TandemCliCommand  *command,
             char                   **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  const char *path;
  const char *backup;

  if (!tandem_cli_parse (command, NULL, &args, 1))
    return TANDEM_CLI_EXIT_USAGE;

  path = tandem_cli_database_path ();
  backup = args[1];

  if (!tandem_store_check_file (backup, &error) || !check_backup_version (backup, &error))
    {
      tandem_cli_error ("%s: %s", backup, error->message);
      tandem_cli_error (_("Nothing was restored; the database was not changed."));
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!tandem_store_check_file (path, &error))
        {
          g_autofree char *aside = NULL;

          if (!g_error_matches (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT))
            {
              tandem_cli_error ("%s: %s", path, error->message);
              return TANDEM_CLI_EXIT_FAILED;
            }

          /* A damaged database cannot take the backup's pages in place; it
           * is moved aside, never deleted, and the backup copied in. */
          g_clear_error (&error);
          aside = tandem_backup_recover (path, backup, &error);
          if (aside == NULL)
            {
              tandem_cli_error ("%s: %s", path, error->message);
              return TANDEM_CLI_EXIT_FAILED;
            }

          /* Translators: %1$s is the database, %2$s the backup, %3$s where
           * the damaged file was moved. */
          g_print (_("%1$s was damaged. It was moved to %3$s and replaced with %2$s.\n"),
                   path, backup, aside);
          return TANDEM_CLI_EXIT_OK;
        }

      kept = keep_before_restore (path, &error);
      if (kept == NULL)
        {
          tandem_cli_error ("%s: %s", path, error->message);
          tandem_cli_error (_("Nothing was restored; the database was not changed."));
          return TANDEM_CLI_EXIT_FAILED;
        }
    }

  if (!tandem_backup_restore (path, backup, &error))
    {
      tandem_cli_error ("%s: %s", path, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  /* Translators: %1$s is the database, %2$s the backup file. */
  g_print (_("Restored %1$s from %2$s.\n"), path, backup);
  if (kept != NULL)
    /* Translators: %s is a file. */
    g_print (_("What it held before is kept in %s.\n"), kept);
  return TANDEM_CLI_EXIT_OK;
}

static int
run_check (const TandemCliCommand  *command,
           char                   **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree char *summary = NULL;
  const GType *types;
  guint n_types;
  const char *path;

  if (!tandem_cli_parse (command, NULL, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  path = tandem_cli_database_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file. */
      tandem_cli_error (_("There is no database at %s."), path);
      return TANDEM_CLI_EXIT_FAILED;
    }

  /* The read-only check comes first so that a damaged file is reported
   * without ever being opened for writing. */
  if (!tandem_store_check_file (path, &error))
    {
      tandem_cli_error ("%s: %s", path, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  types = tandem_record_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *phrase = NULL;
      gint64 n;

      /* There is always exactly one setting; counting it says nothing, nor
       * does counting the links of observations and photos to children. */
      if (types[i] == TANDEM_TYPE_SETTING || types[i] == TANDEM_TYPE_OBSERVATION_CHILD ||
          types[i] == TANDEM_TYPE_PHOTO_CHILD)
        continue;

      n = tandem_store_count (store, types[i], NULL, NULL, &error);
      if (n < 0)
        {
          tandem_cli_error ("%s: %s", path, error->message);
          return TANDEM_CLI_EXIT_FAILED;
        }

      phrase = tandem_cli_count_phrase (types[i], n);
      if (counts->len > 0)
        /* Translators: separates the items of a list of counts. */
        g_string_append (counts, _(", "));
      g_string_append (counts, phrase);
    }

  /* Translators: %1$s is a list of counts, e.g. "36 children, 70 carers";
   * %2$d is the database schema version. */
  summary = g_strdup_printf (_("%1$s (schema version %2$d)"), counts->str,
                             tandem_store_get_schema_version (store));
  /* "ok:" stays untranslated so that scripts can look for it. */
  g_print ("ok: %s\n", summary);
  return TANDEM_CLI_EXIT_OK;
}

const TandemCliCommand tandem_cli_admin_commands[] = {
  { "backup", NULL, N_("FILE"), N_("Write a copy of the database to FILE"), run_backup, NULL },
  { "restore", NULL, N_("FILE"), N_("Replace the database’s contents with the backup FILE"),
    run_restore, NULL },
  { "check", NULL, NULL, N_("Check the database for damage and count its records"),
    run_check, NULL },
  { NULL }
};
