/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tandem-cli-private.h"
#include "tandem-dates.h"
#include "tandem-languages.h"
#include "tandem-pack-builder.h"
#include "tandem-records.h"

/* `tandem-cli pack`: parent packs as PDF files, for one child (to the
 * family, to one carer or to each carer) or for a whole room. Everything
 * that can be checked is checked before anything is written, so that a
 * mistyped id or date never leaves a file behind. */

typedef struct {
  char     *child_id;
  char     *carer_id;
  gboolean  all_carers;
  char     *room_id;
  char     *language;
  gboolean  bilingual;
  gboolean  large_print;
  char     *from;
  char     *to;
  char     *today;
  char     *output;
  gboolean  combined;
} PackArgs;

static void
pack_args_clear (PackArgs *a)
{
  g_free (a->child_id);
  g_free (a->carer_id);
  g_free (a->room_id);
  g_free (a->language);
  g_free (a->from);
  g_free (a->to);
  g_free (a->today);
  g_free (a->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PackArgs, pack_args_clear)

/* Only ISO dates here: a script's date should not depend on how a person
 * would type it, and day-first guesses have no place in a file name. */
static gboolean
check_date (const char  *option,
            char       **date)
{
  g_autofree char *iso = NULL;
  GDate parsed;

  if (*date == NULL)
    return TRUE;

  if (strlen (*date) != 10 || tandem_date_parse (*date, &iso) != TANDEM_DATE_PARSE_OK ||
      g_strcmp0 (iso, *date) != 0 || !tandem_date_to_gdate (iso, &parsed))
    {
      /* Translators: %1$s is an option such as --from, %2$s what was given. */
      tandem_cli_error (_("%1$s needs a date written YYYY-MM-DD; “%2$s” is not one."),
                        option, *date);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_exists (TandemStore *store,
               GType        type,
               const char  *id)
{
  g_autoptr(TandemRecord) record = tandem_store_load (store, type, id, NULL);

  return record != NULL && !tandem_record_get_deleted (record);
}

/* A name that every file system takes, as the room batch names its files:
 * no folder separators, nothing Windows refuses (USB sticks), no leading
 * dot that would hide the file. */
static char *
safe_file_name (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || strchr ("/\\:*?\"<>|", (int) (c < 0x80 ? c : 'a')) != NULL)
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }

  while (out->len > 0 && (out->str[0] == '.' || out->str[0] == ' '))
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_append_c (out, '_');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
child_name (TandemStore *store,
            const char  *child_id)
{
  g_autoptr(TandemChild) child = tandem_store_load (store, TANDEM_TYPE_CHILD, child_id, NULL);

  return child != NULL ? tandem_child_dup_full_name (child) : g_strdup (child_id);
}

/* "<child> – <carer>.pdf" (or "<child>.pdf" for the family's pack) in
 * @dir, with " (2)" and so on when two carers share a name. */
static char *
pack_path_in (const char  *dir,
              const char  *child,
              const char  *carer,
              GHashTable  *taken)
{
  g_autofree char *base = carer != NULL
                          /* Translators: a pack's file name: "<child> – <carer>". */
                          ? g_strdup_printf (_("%1$s – %2$s"), child, carer)
                          : g_strdup (child);
  g_autofree char *safe = safe_file_name (base);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.pdf", safe)
                                     : g_strdup_printf ("%s (%u).pdf", safe, n);
      char *path = g_build_filename (dir, name, NULL);

      if (taken == NULL || !g_hash_table_contains (taken, path))
        {
          if (taken != NULL)
            g_hash_table_add (taken, g_strdup (path));
          return path;
        }
      g_free (path);
    }
}

static gboolean
make_folder (const char *dir)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      /* Translators: %1$s is a folder, %2$s the reason from the system. */
      tandem_cli_error (_("The folder %1$s could not be created: %2$s"), dir,
                        g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_folder_output (const char *output)
{
  return g_file_test (output, G_FILE_TEST_IS_DIR) || g_str_has_suffix (output, G_DIR_SEPARATOR_S);
}

static int
export_child (TandemStore *store,
              PackArgs    *a)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *child = child_name (store, a->child_id);
  const char * const params[] = { a->child_id, NULL };

  options.child_id = a->child_id;
  options.language = a->language;
  options.from = a->from;
  options.to = a->to;
  options.today = a->today;
  options.bilingual = a->bilingual;
  options.large_print = a->large_print;

  if (a->all_carers)
    {
      carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?", params, &error);
      if (carers == NULL)
        {
          tandem_cli_gerror (error);
          return TANDEM_CLI_EXIT_FAILED;
        }
      if (carers->len == 0)
        {
          /* Translators: %s is a child's name. */
          tandem_cli_error (_("%s has no carers to write packs for."), child);
          return TANDEM_CLI_EXIT_FAILED;
        }
      if (!make_folder (a->output))
        return TANDEM_CLI_EXIT_FAILED;

      for (guint i = 0; i < carers->len; i++)
        {
          TandemCarer *carer = g_ptr_array_index (carers, i);
          char *path = pack_path_in (a->output, child, tandem_carer_get_name (carer), taken);

          g_ptr_array_add (written, path);
          options.carer_id = tandem_record_get_id (TANDEM_RECORD (carer));
          if (!tandem_pack_export (store, &options, path, NULL, &error))
            {
              tandem_cli_error ("%s: %s", path, error->message);
              /* All the packs or none: a folder with some carers' packs
               * missing is easy to post without noticing. */
              for (guint k = 0; k + 1 < written->len; k++)
                g_unlink (g_ptr_array_index (written, k));
              return TANDEM_CLI_EXIT_FAILED;
            }
        }
    }
  else
    {
      g_autofree char *path = NULL;

      options.carer_id = a->carer_id;
      if (is_folder_output (a->output))
        {
          g_autoptr(TandemCarer) carer = NULL;

          if (a->carer_id != NULL)
            carer = tandem_store_load (store, TANDEM_TYPE_CARER, a->carer_id, NULL);
          if (!make_folder (a->output))
            return TANDEM_CLI_EXIT_FAILED;
          path = pack_path_in (a->output, child,
                               carer != NULL ? tandem_carer_get_name (carer) : NULL, NULL);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (a->output);

          if (!make_folder (dir))
            return TANDEM_CLI_EXIT_FAILED;
          path = g_strdup (a->output);
        }

      if (!tandem_pack_export (store, &options, path, NULL, &error))
        {
          tandem_cli_error ("%s: %s", path, error->message);
          return TANDEM_CLI_EXIT_FAILED;
        }
      g_ptr_array_add (written, g_steal_pointer (&path));
    }

  for (guint i = 0; i < written->len; i++)
    /* Translators: %s is a PDF file just written. */
    g_print (_("Wrote %s\n"), (const char *) g_ptr_array_index (written, i));
  return TANDEM_CLI_EXIT_OK;
}

/* The PDFs already in @dir, to tell afterwards which the batch wrote: it
 * names its own files. */
static GHashTable *
pdf_names (const char *dir)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_hash_table_add (names, g_strdup (name));
  return names;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static int
export_room (TandemStore *store,
             PackArgs    *a)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GDateTime) started = g_date_time_new_now_utc ();
  guint n_written = 0;

  options.from = a->from;
  options.to = a->to;
  options.today = a->today;
  options.bilingual = a->bilingual;
  options.large_print = a->large_print;

  if (a->combined)
    {
      g_autofree char *dir = g_path_get_dirname (a->output);

      if (!make_folder (dir))
        return TANDEM_CLI_EXIT_FAILED;
    }
  else
    {
      if (!make_folder (a->output))
        return TANDEM_CLI_EXIT_FAILED;
      before = pdf_names (a->output);
    }

  if (!tandem_pack_export_room (store, a->room_id, &options, a->output, a->combined,
                                NULL, NULL, &n_written, NULL, &error))
    {
      tandem_cli_error ("%s: %s", a->output, error->message);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (a->combined)
    {
      /* Translators: %s is a PDF file just written. */
      g_print (_("Wrote %s\n"), a->output);
    }
  else
    {
      g_autoptr(GDir) d = g_dir_open (a->output, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      gint64 since = g_date_time_to_unix (started) - 1;
      const char *name;

      /* The files the batch wrote: new ones, or ones it has just replaced. */
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = NULL;
          GStatBuf st;

          if (!g_str_has_suffix (name, ".pdf"))
            continue;
          path = g_build_filename (a->output, name, NULL);
          if (!g_hash_table_contains (before, name) ||
              (g_stat (path, &st) == 0 && st.st_mtime >= since))
            g_ptr_array_add (names, g_steal_pointer (&path));
        }
      g_ptr_array_sort (names, compare_paths);
      for (guint i = 0; i < names->len; i++)
        /* Translators: %s is a PDF file just written. */
        g_print (_("Wrote %s\n"), (const char *) g_ptr_array_index (names, i));
    }

  g_print (ngettext ("%u pack written.\n", "%u packs written.\n", n_written), n_written);
  return TANDEM_CLI_EXIT_OK;
}

static int
usage_error (const char *message)
{
  tandem_cli_error ("%s", message);
  g_printerr (_("Try “tandem-cli %s --help”.\n"), "pack");
  return TANDEM_CLI_EXIT_USAGE;
}

static int
run_pack (const TandemCliCommand  *command,
          char                   **args)
{
  g_auto(PackArgs) a = { 0 };
  const GOptionEntry entries[] = {
    { "child", 'c', 0, G_OPTION_ARG_STRING, &a.child_id,
      N_("The child whose pack to write"), N_("ID") },
    { "carer", 0, 0, G_OPTION_ARG_STRING, &a.carer_id,
      N_("Address the pack to this carer, in their language (default: the family)"),
      N_("ID") },
    { "all-carers", 0, 0, G_OPTION_ARG_NONE, &a.all_carers,
      N_("One pack per carer, each in their language, into the folder --output"), NULL },
    { "room", 'r', 0, G_OPTION_ARG_STRING, &a.room_id,
      N_("Packs for every carer of every child in this room"), N_("ID") },
    { "language", 'l', 0, G_OPTION_ARG_STRING, &a.language,
      N_("The pack’s language, e.g. cy or ar (default: the carer’s)"), N_("LL") },
    { "bilingual", 0, 0, G_OPTION_ARG_NONE, &a.bilingual,
      N_("Print the fixed text in English as well"), NULL },
    { "large-print", 0, 0, G_OPTION_ARG_NONE, &a.large_print,
      N_("Bigger type and spacing"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &a.from,
      N_("First day of the period (default: since the last pack or meeting)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &a.to,
      N_("Last day of the period (default: today)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
      N_("The PDF to write, or the folder for several (required)"), N_("FILE.pdf|DIR") },
    { "combined", 0, 0, G_OPTION_ARG_NONE, &a.combined,
      N_("With --room: one PDF of every pack, to print"), NULL },
    /* For tests: the day taken as today. */
    { "today", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &a.today, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;

  if (!tandem_cli_parse (command, entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  /* What the command line asks for must make sense before the database is
   * even opened. */
  if (a.output == NULL)
    return usage_error (_("“pack” needs --output FILE.pdf (or a folder for several packs)."));
  if (a.room_id == NULL && a.child_id == NULL)
    return usage_error (_("“pack” needs --child ID, or --room ID for a whole room."));
  if (a.room_id != NULL && (a.child_id != NULL || a.carer_id != NULL))
    return usage_error (_("--room writes a pack for every carer of every child in the room; "
                          "leave out --child and --carer."));
  if (a.room_id != NULL && a.language != NULL)
    return usage_error (_("--room writes each carer’s pack in their own language; "
                          "leave out --language."));
  if (a.carer_id != NULL && a.all_carers)
    return usage_error (_("Give either --carer or --all-carers, not both."));
  if (a.combined && a.room_id == NULL)
    return usage_error (_("--combined goes with --room."));
  if (!check_date ("--from", &a.from) || !check_date ("--to", &a.to) ||
      !check_date ("--today", &a.today))
    return TANDEM_CLI_EXIT_USAGE;
  if (a.from != NULL && a.to != NULL && strcmp (a.from, a.to) > 0)
    return usage_error (_("--from must not be after --to."));
  if (a.language != NULL && tandem_language_find (a.language) == NULL)
    {
      /* Translators: %s is what was given with --language. */
      tandem_cli_error (_("“%s” is not a language Tandem knows; give a tag such as cy, ar "
                          "or pl."), a.language);
      return TANDEM_CLI_EXIT_USAGE;
    }
  if ((a.all_carers || (a.room_id != NULL && !a.combined)) &&
      g_file_test (a.output, G_FILE_TEST_EXISTS) && !g_file_test (a.output, G_FILE_TEST_IS_DIR))
    {
      /* Translators: %s is the path given with --output. */
      tandem_cli_error (_("%s is a file; several packs need a folder for --output."), a.output);
      return TANDEM_CLI_EXIT_USAGE;
    }
  if (a.room_id != NULL && a.combined && g_file_test (a.output, G_FILE_TEST_IS_DIR))
    {
      /* Translators: %s is the path given with --output. */
      tandem_cli_error (_("%s is a folder; --combined writes one PDF file."), a.output);
      return TANDEM_CLI_EXIT_USAGE;
    }

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;

  if (a.room_id != NULL)
    {
      if (!record_exists (store, TANDEM_TYPE_ROOM, a.room_id))
        {
          /* Translators: %s is an identifier given on the command line. */
          tandem_cli_error (_("There is no room with the id %s."), a.room_id);
          return TANDEM_CLI_EXIT_USAGE;
        }
      return export_room (store, &a);
    }

  if (!record_exists (store, TANDEM_TYPE_CHILD, a.child_id))
    {
      /* Translators: %s is an identifier given on the command line. */
      tandem_cli_error (_("There is no child with the id %s."), a.child_id);
      return TANDEM_CLI_EXIT_USAGE;
    }
  if (a.carer_id != NULL)
    {
      g_autoptr(TandemRecord) carer = tandem_store_load (store, TANDEM_TYPE_CARER, a.carer_id,
                                                         NULL);

      if (carer == NULL || tandem_record_get_deleted (carer))
        {
          /* Translators: %s is an identifier given on the command line. */
          tandem_cli_error (_("There is no carer with the id %s."), a.carer_id);
          return TANDEM_CLI_EXIT_USAGE;
        }
      if (g_strcmp0 (tandem_record_get_text (carer, "child_id"), a.child_id) != 0)
        {
          /* Translators: %1$s is a carer's name, %2$s a child's id. */
          tandem_cli_error (_("%1$s is not a carer of the child %2$s."),
                            tandem_carer_get_name (TANDEM_CARER (carer)), a.child_id);
          return TANDEM_CLI_EXIT_USAGE;
        }
    }

  return export_child (store, &a);
}

const TandemCliCommand tandem_cli_pack_commands[] = {
  { "pack", NULL, NULL, N_("Write parent packs as PDF: for a child, each carer or a room"),
    run_pack, NULL },
  { NULL }
};
