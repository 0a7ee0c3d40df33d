/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-cli-private.h"
#include "tandem-demo.h"
#include "tandem-export.h"
#include "tandem-records.h"
#include "tandem-roster.h"

#define MAX_GENERATED_CHILDREN 100000
#define MAX_GENERATED_YEARS 50

static gboolean
count_children (TandemStore *store,
                gint64      *n)
{
  g_autoptr(GError) error = NULL;

  *n = tandem_store_count (store, TANDEM_TYPE_CHILD, NULL, NULL, &error);
  if (*n < 0)
    {
      tandem_cli_gerror (error);
      return FALSE;
    }
  return TRUE;
}

/* Sample and synthetic data are for an empty database; mixing them into a
 * real setting's records by accident would be hard to undo. */
static gboolean
refuse_if_not_empty (TandemStore *store,
                     gboolean     force)
{
  gint64 n;

  if (!count_children (store, &n))
    return FALSE;

  if (n > 0 && !force)
    {
      /* Translators: %1$s is a database file, %2$lu how many children it has. */
      tandem_cli_error (ngettext ("%1$s already has %2$lu child. Give --force to add to it "
                                  "anyway.",
                                  "%1$s already has %2$lu children. Give --force to add to "
                                  "it anyway.", (gulong) n),
                        tandem_store_get_path (store), (gulong) n);
      return FALSE;
    }

  return TRUE;
}

static int
run_demo (const TandemCliCommand  *command,
          char                   **args)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Add the sample setting even if the database already has children"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *children = NULL;
  gint64 before, after;

  if (!tandem_cli_parse (command, entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  store = tandem_cli_open_store (TRUE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  if (!refuse_if_not_empty (store, force) || !count_children (store, &before))
    return TANDEM_CLI_EXIT_FAILED;

  if (!tandem_demo_fill (store, &error))
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (!count_children (store, &after))
    return TANDEM_CLI_EXIT_FAILED;

  children = tandem_cli_count_phrase (TANDEM_TYPE_CHILD, after - before);
  /* Translators: %1$s is a database file, %2$s e.g. "36 children". */
  g_print (_("Added the sample setting to %1$s: %2$s.\n"), tandem_store_get_path (store),
           children);
  return TANDEM_CLI_EXIT_OK;
}

static int
run_generate (const TandemCliCommand  *command,
              char                   **args)
{
  gint n_children = 120;
  gint years = 5;
  gint64 seed = 1;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "children", 'n', 0, G_OPTION_ARG_INT, &n_children,
      N_("How many children (default: 120)"), N_("N") },
    { "years", 'y', 0, G_OPTION_ARG_INT, &years,
      N_("How many years the records span (default: 5)"), N_("Y") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed for the generator; the same seed gives the same setting (default: 1)"),
      N_("S") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Add to the database even if it already has children"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *children = NULL;
  gint64 start;

  if (!tandem_cli_parse (command, entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  if (n_children < 1 || n_children > MAX_GENERATED_CHILDREN)
    {
      /* Translators: %d is the largest number allowed. */
      tandem_cli_error (_("--children must be a number from 1 to %d."), MAX_GENERATED_CHILDREN);
      return TANDEM_CLI_EXIT_USAGE;
    }
  if (years < 1 || years > MAX_GENERATED_YEARS)
    {
      tandem_cli_error (_("--years must be a number from 1 to %d."), MAX_GENERATED_YEARS);
      return TANDEM_CLI_EXIT_USAGE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      tandem_cli_error (_("--seed must be a number from 0 to %u."), G_MAXUINT32);
      return TANDEM_CLI_EXIT_USAGE;
    }

  store = tandem_cli_open_store (TRUE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  if (!refuse_if_not_empty (store, force))
    return TANDEM_CLI_EXIT_FAILED;

  start = g_get_monotonic_time ();
  if (!tandem_generate_fill (store, (guint) n_children, (guint) years, (guint32) seed, &error))
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  children = tandem_cli_count_phrase (TANDEM_TYPE_CHILD, n_children);
  /* Translators: %1$s is e.g. "120 children", %2$s a database file, %3$.2f seconds. */
  g_print (_("Generated %1$s in %2$s in %3$.2f s.\n"), children, tandem_store_get_path (store),
           (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  return TANDEM_CLI_EXIT_OK;
}

static int
run_import_roster (const TandemCliCommand  *command,
                   char                   **args)
{
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemRoster) roster = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GPtrArray *problems;
  const char *file;
  guint n;

  if (!tandem_cli_parse (command, NULL, &args, 1))
    return TANDEM_CLI_EXIT_USAGE;
  file = args[1];

  store = tandem_cli_open_store (TRUE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  roster = tandem_roster_parse_file (store, file, &error);
  if (roster == NULL)
    {
      tandem_cli_error ("%s: %s", file, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  problems = tandem_roster_get_problems (roster);
  if (problems->len > 0)
    {
      /* The form editors and compilers use, so that an editor can jump to
       * each line. */
      for (guint i = 0; i < problems->len; i++)
        {
          TandemRosterProblem *problem = g_ptr_array_index (problems, i);

          g_printerr ("%s:%u: %s\n", file, problem->line, problem->message);
        }

      /* Translators: %1$s is a file, %2$u how many problems were found in it. */
      tandem_cli_error (ngettext ("%1$s has %2$u problem. Nothing was imported; correct it "
                                  "and import the file again.",
                                  "%1$s has %2$u problems. Nothing was imported; correct "
                                  "them and import the file again.", problems->len),
                        file, problems->len);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (!tandem_roster_commit (roster, store, &error))
    {
      tandem_cli_error ("%s: %s", file, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  {
    g_autofree char *children = NULL;
    g_autofree char *carers = NULL;
    g_autofree char *rooms = NULL;
    g_autofree char *keyworkers = NULL;

    n = tandem_roster_get_children (roster)->len;
    children = tandem_cli_count_phrase (TANDEM_TYPE_CHILD, n);
    n = tandem_roster_get_carers (roster)->len;
    carers = tandem_cli_count_phrase (TANDEM_TYPE_CARER, n);
    n = tandem_roster_get_rooms (roster)->len;
    /* Translators: part of an import summary: rooms that did not exist before. */
    rooms = g_strdup_printf (ngettext ("%u new room", "%u new rooms", n), n);
    n = tandem_roster_get_keyworkers (roster)->len;
    /* Translators: part of an import summary: keyworkers that did not exist before. */
    keyworkers = g_strdup_printf (ngettext ("%u new keyworker", "%u new keyworkers", n), n);

    /* Translators: e.g. "Imported 12 children, 19 carers, 2 new rooms, 1 new keyworker." */
    summary = g_strdup_printf (_("Imported %1$s, %2$s, %3$s, %4$s."),
                               children, carers, rooms, keyworkers);
  }

  g_print ("%s\n", summary);
  return TANDEM_CLI_EXIT_OK;
}

static int
run_export_json (const TandemCliCommand  *command,
                 char                   **args)
{
  g_autofree char *child_id = NULL;
  const GOptionEntry entries[] = {
    { "child", 'c', 0, G_OPTION_ARG_STRING, &child_id,
      N_("Only this child and what belongs to them: the family’s copy, or a transfer to "
         "the child’s next setting"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemChild) child = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir;

  if (!tandem_cli_parse (command, entries, &args, 1))
    return TANDEM_CLI_EXIT_USAGE;
  dir = args[1];

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  if (child_id != NULL)
    {
      child = tandem_store_load (store, TANDEM_TYPE_CHILD, child_id, NULL);
      if (child == NULL || tandem_record_get_deleted (TANDEM_RECORD (child)))
        {
          /* Translators: %s is an identifier given on the command line. */
          tandem_cli_error (_("There is no child with the id %s."), child_id);
          return TANDEM_CLI_EXIT_FAILED;
        }
    }

  if (!tandem_export_json (store, dir, child_id, &error))
    {
      tandem_cli_error ("%s: %s", dir, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (child != NULL)
    {
      g_autofree char *name = tandem_child_dup_full_name (child);

      /* Translators: %1$s is a child's name, %2$s a folder. */
      g_print (_("Exported the records of %1$s to %2$s.\n"), name, dir);
    }
  else
    {
      g_autofree char *children = NULL;
      gint64 n;

      if (!count_children (store, &n))
        return TANDEM_CLI_EXIT_FAILED;
      children = tandem_cli_count_phrase (TANDEM_TYPE_CHILD, n);
      /* Translators: %1$s is e.g. "36 children", %2$s a folder. */
      g_print (_("Exported the whole database (%1$s) to %2$s.\n"), children, dir);
    }

  return TANDEM_CLI_EXIT_OK;
}

static int
run_import_json (const TandemCliCommand  *command,
                 char                   **args)
{
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *children = NULL;
  gint64 before, after;
  const char *dir;

  if (!tandem_cli_parse (command, NULL, &args, 1))
    return TANDEM_CLI_EXIT_USAGE;
  dir = args[1];

  store = tandem_cli_open_store (TRUE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  if (!count_children (store, &before))
    return TANDEM_CLI_EXIT_FAILED;

  if (!tandem_import_json (store, dir, &error))
    {
      tandem_cli_error ("%s: %s", dir, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (!count_children (store, &after))
    return TANDEM_CLI_EXIT_FAILED;

  children = tandem_cli_count_phrase (TANDEM_TYPE_CHILD, after - before);
  /* Translators: %1$s is e.g. "36 children" (those not in the database
   * before), %2$s a folder. */
  g_print (_("Imported %1$s from %2$s.\n"), children, dir);
  return TANDEM_CLI_EXIT_OK;
}

const TandemCliCommand tandem_cli_data_commands[] = {
  { "demo", NULL, NULL, N_("Fill the database with a realistic sample setting"), run_demo,
    NULL },
  { "generate", NULL, NULL, N_("Fill the database with a large synthetic setting"),
    run_generate, NULL },
  { "import", "roster", N_("FILE.csv"), N_("Import children and carers from a CSV roster"),
    run_import_roster, NULL },
  { "import", "json", N_("DIR"), N_("Import a JSON export"), run_import_json, NULL },
  { "export", "json", N_("DIR"),
    N_("Export the whole database, or one child, as JSON with photos"),
    run_export_json, NULL },
  { NULL }
};
