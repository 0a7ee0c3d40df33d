/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tandem-cli-private.h"
#include "tandem-core-error.h"
#include "tandem-eyfs.h"
#include "tandem-journal.h"
#include "tandem-records.h"

/* The longest observation text in a table row. */
#define MAX_CELL 60

static gboolean
check_child (TandemStore *store,
             const char  *child_id)
{
  g_autoptr(GError) error = NULL;
  const char * const params[] = { child_id, NULL };
  gint64 n = tandem_store_count (store, TANDEM_TYPE_CHILD, "id = ?", params, &error);

  if (n < 0)
    {
      tandem_cli_gerror (error);
      return FALSE;
    }
  if (n == 0)
    {
      /* Translators: %s is an identifier given on the command line. */
      tandem_cli_error (_("There is no child with the id %s."), child_id);
      return FALSE;
    }
  return TRUE;
}

static void
print_json_node (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  tandem_cli_print_utf8 (text);
  tandem_cli_print_utf8 ("\n");
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
add_observation_json (JsonBuilder   *builder,
                      TandemStore   *store,
                      TandemRecord  *observation,
                      GError       **error)
{
  const char *id = tandem_record_get_id (observation);
  g_auto(GStrv) children = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  guint n_fields;
  const TandemField *fields = tandem_record_type_get_fields (TANDEM_TYPE_OBSERVATION, &n_fields);

  children = tandem_journal_get_child_ids (store, id, error);
  if (children == NULL)
    return FALSE;
  photos = tandem_journal_get_photos (store, id, error);
  if (photos == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);

  for (guint f = 0; f < n_fields; f++)
    {
      if (fields[f].type == TANDEM_FIELD_BOOL)
        {
          json_builder_set_member_name (builder, fields[f].name);
          json_builder_add_boolean_value (builder,
                                          tandem_record_get_bool (observation, fields[f].name));
        }
      else if (fields[f].type == TANDEM_FIELD_INT)
        {
          json_builder_set_member_name (builder, fields[f].name);
          json_builder_add_int_value (builder, tandem_record_get_int (observation, fields[f].name));
        }
      else
        {
          add_string_or_null (builder, fields[f].name,
                              tandem_record_get_text (observation, fields[f].name));
        }
    }

  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint i = 0; children[i] != NULL; i++)
    json_builder_add_string_value (builder, children[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "photos");
  json_builder_begin_array (builder);
  for (guint i = 0; i < photos->len; i++)
    json_builder_add_string_value (builder,
                                   tandem_record_get_text (g_ptr_array_index (photos, i), "blob"));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "comments");
  json_builder_add_int_value (builder, tandem_journal_count_comments (store, id));

  json_builder_end_object (builder);
  return TRUE;
}

/* One line, at most @max characters, for a table. */
static char *
one_line (const char *text,
          glong       max)
{
  g_autofree char *line = g_strdup (text != NULL ? text : "");
  GString *cell;

  g_strdelimit (line, "\r\n\t", ' ');
  if (g_utf8_strlen (line, -1) <= max)
    return g_steal_pointer (&line);

  cell = g_string_new (NULL);
  g_string_append_len (cell, line, g_utf8_offset_to_pointer (line, max - 1) - line);
  g_string_append (cell, "…");
  return g_string_free (cell, FALSE);
}

static int
run_list_observations (const TandemCliCommand  *command,
                       char                   **args)
{
  gboolean json = FALSE;
  g_autofree char *child_id = NULL;
  g_autofree char *area = NULL;
  const GOptionEntry entries[] = {
    { "child", 'c', 0, G_OPTION_ARG_STRING, &child_id,
      N_("The child whose journal to list (required)"), N_("ID") },
    { "area", 'a', 0, G_OPTION_ARG_STRING, &area,
      N_("Only observations of this area or aspect, e.g. cl or cl.speaking"), N_("CODE") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array with every field, for scripts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;

  if (!tandem_cli_parse (command, entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  if (child_id == NULL)
    {
      tandem_cli_error (_("“list observations” needs --child ID: a journal is a child’s."));
      return TANDEM_CLI_EXIT_USAGE;
    }
  if (area != NULL && tandem_eyfs_area_of (area) == NULL)
    {
      /* Translators: %s is what was given with --area. */
      tandem_cli_error (_("“%s” is not an area of learning or one of its aspects."), area);
      return TANDEM_CLI_EXIT_USAGE;
    }

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;
  if (!check_child (store, child_id))
    return TANDEM_CLI_EXIT_FAILED;

  filter.area = area;
  ids = tandem_journal_list_ids (store, child_id, &filter, &error);
  if (ids == NULL)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(TandemRecord) observation = NULL;

          observation = tandem_store_load (store, TANDEM_TYPE_OBSERVATION,
                                           g_ptr_array_index (ids, i), &error);
          if (observation == NULL || !add_observation_json (builder, store, observation, &error))
            {
              tandem_cli_gerror (error);
              return TANDEM_CLI_EXIT_FAILED;
            }
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json_node (root);
      return TANDEM_CLI_EXIT_OK;
    }

  if (ids->len == 0)
    {
      g_print ("%s\n", _("No observations."));
      return TANDEM_CLI_EXIT_OK;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TandemRecord) observation = NULL;
      g_autofree char *text = NULL;
      const char *where;

      observation = tandem_store_load (store, TANDEM_TYPE_OBSERVATION,
                                       g_ptr_array_index (ids, i), &error);
      if (observation == NULL)
        {
          tandem_cli_gerror (error);
          return TANDEM_CLI_EXIT_FAILED;
        }
      text = one_line (tandem_record_get_text (observation, "text"), MAX_CELL);
      where = g_strcmp0 (tandem_record_get_text (observation, "source"),
                         TANDEM_SOURCE_HOME) == 0
              /* Translators: a short column value: the observation came from home. */
              ? C_("source", "home")
              /* Translators: a short column value: the observation was made in the setting. */
              : C_("source", "setting");
      g_print ("%s  %s  %-7s  %-8s  %s\n", (const char *) g_ptr_array_index (ids, i),
               tandem_record_get_text (observation, "observed_on"), where,
               tandem_record_get_bool (observation, "shared")
               /* Translators: a short column value: shared with the family. */
               ? C_("shared", "shared")
               /* Translators: a short column value: for practitioners only. */
               : C_("shared", "internal"),
               text);
    }

  return TANDEM_CLI_EXIT_OK;
}

/* Scripts and terminals get the highlighted words in brackets. */
static char *
bracket_markers (const char *snippet)
{
  g_autoptr(GString) out = g_string_new (snippet != NULL ? snippet : "");

  g_string_replace (out, "\x01", "[", 0);
  g_string_replace (out, "\x02", "]", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
run_search (const TandemCliCommand  *command,
            char                   **args)
{
  gboolean json = FALSE;
  g_autofree char *child_id = NULL;
  int limit = 50;
  const GOptionEntry entries[] = {
    { "child", 'c', 0, G_OPTION_ARG_STRING, &child_id,
      N_("Only what concerns the child with this id"), N_("ID") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("At most N results (default: 50)"), N_("N") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of the results, for scripts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  if (!tandem_cli_parse (command, entries, &args, 1))
    return TANDEM_CLI_EXIT_USAGE;

  if (limit < 1)
    {
      tandem_cli_error (_("--limit must be at least 1."));
      return TANDEM_CLI_EXIT_USAGE;
    }

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;
  if (child_id != NULL && !check_child (store, child_id))
    return TANDEM_CLI_EXIT_FAILED;

  hits = tandem_journal_search (store, args[1], child_id, (guint) limit, &error);
  if (hits == NULL)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < hits->len; i++)
        {
          TandemSearchHit *hit = g_ptr_array_index (hits, i);
          g_autofree char *snippet = bracket_markers (hit->snippet);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "kind", hit->kind);
          add_string_or_null (builder, "row_id", hit->row_id);
          add_string_or_null (builder, "observation_id", hit->observation_id);
          add_string_or_null (builder, "child_id", hit->child_id);
          add_string_or_null (builder, "snippet", snippet);
          add_string_or_null (builder, "date", hit->date);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json_node (root);
      return TANDEM_CLI_EXIT_OK;
    }

  if (hits->len == 0)
    {
      g_print ("%s\n", _("Nothing found."));
      return TANDEM_CLI_EXIT_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      TandemSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = bracket_markers (hit->snippet);
      g_autofree char *line = one_line (snippet, 100);

      g_print ("%-11s  %-10s  %s\n", hit->kind, hit->date != NULL ? hit->date : "", line);
    }

  return TANDEM_CLI_EXIT_OK;
}

const TandemCliCommand tandem_cli_journal_commands[] = {
  { "list", "observations", NULL, N_("List a child’s observations, newest first"),
    run_list_observations, NULL },
  /* Translators: placeholder in --help: the words to search for. */
  { "search", NULL, N_("TEXT"),
    N_("Search observations, comments, children and carers"), run_search, NULL },
  { NULL }
};
