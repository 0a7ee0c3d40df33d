/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tandem-cli-private.h"
#include "tandem-records.h"
#include "tandem-pack-locale.h"

/* Every group of commands; a new group (sync) is one more row here. */
static const TandemCliCommand * const command_groups[] = {
  tandem_cli_data_commands,
  tandem_cli_list_commands,
  tandem_cli_journal_commands,
  tandem_cli_pack_commands,
  tandem_cli_admin_commands,
  tandem_cli_sync_commands,
};

static char *database_path;

void
tandem_cli_error (const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("tandem-cli: %s\n", message);
}

void
tandem_cli_gerror (const GError *error)
{
  tandem_cli_error ("%s", error->message);
}

/**
 * tandem_cli_database_path:
 *
 * Returns: (transfer none): the database given with `--database`, or the
 *   default one in the user's data folder
 */
const char *
tandem_cli_database_path (void)
{
  if (database_path == NULL)
    database_path = tandem_store_default_path ();
  return database_path;
}

/**
 * tandem_cli_print_utf8:
 * @text: UTF-8 text
 *
 * Writes to standard output unconverted: JSON and other output meant for
 * scripts is UTF-8 whatever the terminal's locale, unlike g_print().
 */
void
tandem_cli_print_utf8 (const char *text)
{
  fputs (text, stdout);
}

/**
 * tandem_cli_count_phrase:
 * @type: a record type
 * @n: how many
 *
 * Returns: (transfer full): e.g. "36 children", for summaries
 */
char *
tandem_cli_count_phrase (GType  type,
                         gint64 n)
{
  /* ngettext needs the count as an unsigned long; counts are never negative. */
  gulong count = n < 0 ? 0 : (gulong) n;

  if (type == TANDEM_TYPE_CHILD)
    return g_strdup_printf (ngettext ("%lu child", "%lu children", count), count);
  if (type == TANDEM_TYPE_CARER)
    return g_strdup_printf (ngettext ("%lu carer", "%lu carers", count), count);
  if (type == TANDEM_TYPE_CONSENT)
    return g_strdup_printf (ngettext ("%lu consent", "%lu consents", count), count);
  if (type == TANDEM_TYPE_ROOM)
    return g_strdup_printf (ngettext ("%lu room", "%lu rooms", count), count);
  if (type == TANDEM_TYPE_KEYWORKER)
    return g_strdup_printf (ngettext ("%lu keyworker", "%lu keyworkers", count), count);
  if (type == TANDEM_TYPE_OBSERVATION)
    return g_strdup_printf (ngettext ("%lu observation", "%lu observations", count), count);
  if (type == TANDEM_TYPE_PHOTO)
    return g_strdup_printf (ngettext ("%lu photo", "%lu photos", count), count);
  if (type == TANDEM_TYPE_COMMENT)
    return g_strdup_printf (ngettext ("%lu comment", "%lu comments", count), count);
  /* Translators: a count of records of some other kind. */
  return g_strdup_printf (ngettext ("%lu record", "%lu records", count), count);
}

static char *
command_line (const TandemCliCommand *command)
{
  if (command->object != NULL)
    return g_strdup_printf ("%s %s", command->name, command->object);
  return g_strdup (command->name);
}

/**
 * tandem_cli_parse:
 * @command: the command being run
 * @entries: (nullable): the command's own options, besides `--database`
 * @args: (inout): the arguments; on return only the positional ones remain
 *   after args[0]
 * @n_positional: how many positional arguments the command takes
 *
 * Parses a command's options with a GOptionContext of its own, so that
 * `tandem-cli COMMAND --help` describes just that command. Reports any
 * problem on standard error.
 *
 * Returns: %FALSE if the command line is wrong; exit with
 *   %TANDEM_CLI_EXIT_USAGE
 */
gboolean
tandem_cli_parse (const TandemCliCommand   *command,
                  const GOptionEntry       *entries,
                  char                   ***args,
                  guint                     n_positional)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = command_line (command);
  g_autofree char *prgname = g_strconcat ("tandem-cli ", name, NULL);
  static char *database_description;
  GOptionEntry database_entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database_path, NULL,
      /* Translators: placeholder in --help, as in "--database PATH". */
      N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  guint n;

  if (database_description == NULL)
    {
      g_autofree char *fallback = tandem_store_default_path ();

      /* Translators: help for --database; %s is the default file. */
      database_description = g_strdup_printf (_("The database file (default: %s)"), fallback);
    }
  database_entries[0].description = database_description;

  /* GOption names the program in --help and in its messages. */
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameters ? _(command->parameters) : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, database_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, args, &error))
    {
      tandem_cli_gerror (error);
      /* Translators: %s is a command, e.g. "import roster". */
      g_printerr (_("Try “tandem-cli %s --help”.\n"), name);
      return FALSE;
    }

  n = g_strv_length (*args) - 1;
  if (n < n_positional)
    {
      /* Translators: %1$s is a command, %2$s what it needs, e.g. "FILE.csv". */
      tandem_cli_error (_("“%1$s” needs %2$s."), name,
                        command->parameters ? _(command->parameters) : "");
      g_printerr (_("Try “tandem-cli %s --help”.\n"), name);
      return FALSE;
    }
  if (n > n_positional)
    {
      /* Translators: %s is an argument that was given but not expected. */
      tandem_cli_error (_("Unexpected argument “%s”."), (*args)[n_positional + 1]);
      g_printerr (_("Try “tandem-cli %s --help”.\n"), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * tandem_cli_open_store:
 * @create: whether a missing database may be created
 *
 * Opens the database the command line names, reporting any problem on
 * standard error. Commands that only read refuse to create an empty one: a
 * mistyped path should be an error, not a new file.
 *
 * Returns: (transfer full) (nullable): the store
 */
TandemStore *
tandem_cli_open_store (gboolean create)
{
  const char *path = tandem_cli_database_path ();
  g_autoptr(GError) error = NULL;
  TandemStore *store;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file. */
      tandem_cli_error (_("There is no database at %s. Name another with --database PATH."),
                        path);
      return NULL;
    }

  store = tandem_store_open (path, &error);
  if (store == NULL)
    {
      tandem_cli_error ("%s: %s", path, error->message);
      return NULL;
    }

  tandem_store_set_actor (store, g_get_user_name ());
  return store;
}

static void
print_usage (gboolean to_stderr)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *fallback = tandem_store_default_path ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint width = 0;
  guint k = 0;

  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const TandemCliCommand *c = command_groups[g]; c->name != NULL; c++)
      {
        g_autofree char *name = command_line (c);
        char *line = c->parameters ? g_strdup_printf ("%s %s", name, _(c->parameters))
                                   : g_steal_pointer (&name);

        width = MAX (width, g_utf8_strlen (line, -1));
        g_ptr_array_add (lines, line);
      }

  g_string_append_printf (text, "%s\n  tandem-cli %s\n\n%s\n",
                          _("Usage:"),
                          /* Translators: the shape of a command line. */
                          _("COMMAND [OPTION…]"),
                          _("Commands:"));

  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const TandemCliCommand *c = command_groups[g]; c->name != NULL; c++, k++)
      {
        const char *line = g_ptr_array_index (lines, k);

        g_string_append_printf (text, "  %s%*s  %s\n", line,
                                (int) (width - g_utf8_strlen (line, -1)), "",
                                _(c->summary));
      }

  g_string_append_c (text, '\n');
  /* Translators: %s is the default database file. */
  g_string_append_printf (text, _("Every command takes --database PATH (default: %s)."), fallback);
  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “tandem-cli COMMAND --help” for the options of a command."));
  g_string_append_c (text, '\n');

  if (to_stderr)
    g_printerr ("%s", text->str);
  else
    g_print ("%s", text->str);
}

/* The objects a command such as `import` can act on, for messages. */
static char *
list_objects (const char *name)
{
  g_autoptr(GString) objects = g_string_new (NULL);

  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const TandemCliCommand *c = command_groups[g]; c->name != NULL; c++)
      if (g_str_equal (c->name, name) && c->object != NULL)
        {
          if (objects->len > 0)
            g_string_append (objects, ", ");
          g_string_append (objects, c->object);
        }

  return g_string_free (g_steal_pointer (&objects), FALSE);
}

static gboolean
is_help (const char *arg)
{
  return g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0 ||
         g_strcmp0 (arg, "-?") == 0;
}

static const TandemCliCommand *
find_command (const char  *name,
              const char  *object,
              gboolean    *name_known,
              gboolean    *takes_object)
{
  *name_known = FALSE;
  *takes_object = FALSE;

  for (guint g = 0; g < G_N_ELEMENTS (command_groups); g++)
    for (const TandemCliCommand *c = command_groups[g]; c->name != NULL; c++)
      {
        if (!g_str_equal (c->name, name))
          continue;
        *name_known = TRUE;
        if (c->object == NULL)
          return c;
        *takes_object = TRUE;
        if (g_strcmp0 (c->object, object) == 0)
          return c;
      }

  return NULL;
}

static int
run_command (const TandemCliCommand  *command,
             int                      argc,
             char                   **argv,
             int                      first)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;

  /* args[0] stands in for the program name, as GOption expects. */
  g_strv_builder_add (builder, "tandem-cli");
  for (int i = first; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);
  args = g_strv_builder_end (builder);

  return command->run (command, args);
}

int
main (int    argc,
      char **argv)
{
  const TandemCliCommand *command;
  gboolean name_known, takes_object;
  const char *name;
  const char *object;
  int i = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Before any thread: a pack speaks the family's language per thread. */
  tandem_pack_locale_init ();

  g_set_prgname ("tandem-cli");

  /* Options before the command: --database may come first, as in
   * `tandem-cli --database x.db list children`. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (is_help (argv[i]))
        {
          print_usage (FALSE);
          return TANDEM_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("tandem-cli %s\n", PACKAGE_VERSION);
          return TANDEM_CLI_EXIT_OK;
        }
      else if ((g_str_equal (argv[i], "--database") || g_str_equal (argv[i], "-d")) &&
               i + 1 < argc)
        {
          g_free (database_path);
          database_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        {
          g_free (database_path);
          database_path = g_strdup (argv[i] + strlen ("--database="));
        }
      else
        {
          /* Translators: %s is a command-line option. */
          tandem_cli_error (_("Unknown option %s."), argv[i]);
          print_usage (TRUE);
          return TANDEM_CLI_EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      tandem_cli_error (_("No command given."));
      print_usage (TRUE);
      return TANDEM_CLI_EXIT_USAGE;
    }

  name = argv[i];
  if (g_str_equal (name, "help"))
    {
      print_usage (FALSE);
      return TANDEM_CLI_EXIT_OK;
    }

  object = i + 1 < argc ? argv[i + 1] : NULL;
  command = find_command (name, object, &name_known, &takes_object);

  if (!name_known)
    {
      /* Translators: %s is what was typed as a command. */
      tandem_cli_error (_("“%s” is not a command."), name);
      print_usage (TRUE);
      return TANDEM_CLI_EXIT_USAGE;
    }

  if (command == NULL)
    {
      g_autofree char *objects = list_objects (name);

      if (is_help (object))
        {
          /* Translators: %1$s is a command, %2$s a list such as "roster, json". */
          g_print (_("Usage: tandem-cli %1$s {%2$s} [OPTION…]\n"), name, objects);
          return TANDEM_CLI_EXIT_OK;
        }

      if (object == NULL || object[0] == '-')
        /* Translators: %1$s is a command, %2$s a list such as "roster, json". */
        tandem_cli_error (_("“%1$s” needs to know what to act on: one of %2$s."), name, objects);
      else
        /* Translators: %1$s is a command, %2$s what was typed after it,
         * %3$s a list such as "roster, json". */
        tandem_cli_error (_("“%1$s %2$s” is not a command; “%1$s” takes one of %3$s."),
                          name, object, objects);
      print_usage (TRUE);
      return TANDEM_CLI_EXIT_USAGE;
    }

  return run_command (command, argc, argv, i + (command->object != NULL ? 2 : 1));
}
