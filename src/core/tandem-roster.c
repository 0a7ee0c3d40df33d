/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Importing the roster a setting exports from its management system. The file
 * is checked completely before anything is written: every row's problems are
 * listed with the line they are on, so that a person can fix the file in one
 * pass, and the import then happens in a single transaction or not at all.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tandem-core-error.h"
#include "tandem-csv.h"
#include "tandem-dates.h"
#include "tandem-languages.h"
#include "tandem-records.h"
#include "tandem-roster.h"

#define MAX_CARERS 4

/* A nursery has children from birth to school age; anything older is most
 * likely a date written month first or a typing slip. */
#define MAX_AGE_YEARS 8

typedef enum {
  COL_GIVEN,
  COL_FAMILY,
  COL_PREFERRED,
  COL_DOB,
  COL_ROOM,
  COL_KEYWORKER,
  COL_START,
  COL_LANGUAGES,
  COL_SEND,
  N_COLUMNS
} Column;

typedef enum {
  CARER_NAME,
  CARER_GIVEN,
  CARER_FAMILY,
  CARER_RELATIONSHIP,
  CARER_PHONE,
  CARER_EMAIL,
  CARER_LANGUAGE,
  CARER_PR,
  CARER_ADDRESS,
  CARER_HOUSEHOLD,
  N_CARER_COLUMNS
} CarerColumn;

/* Header names after normalise_header(): case folded, without spaces,
 * underscores, hyphens, dots and brackets. These are the names seen in
 * exports from the common early-years management systems and spreadsheets. */
static const struct {
  const char *name;
  Column      column;
} column_names[] = {
  { "givenname", COL_GIVEN },
  { "firstname", COL_GIVEN },
  { "firstnames", COL_GIVEN },
  { "forename", COL_GIVEN },
  { "forenames", COL_GIVEN },
  { "first", COL_GIVEN },
  { "childfirstname", COL_GIVEN },
  { "childforename", COL_GIVEN },
  { "childgivenname", COL_GIVEN },
  { "legalfirstname", COL_GIVEN },
  { "familyname", COL_FAMILY },
  { "surname", COL_FAMILY },
  { "lastname", COL_FAMILY },
  { "last", COL_FAMILY },
  { "childsurname", COL_FAMILY },
  { "childlastname", COL_FAMILY },
  { "childfamilyname", COL_FAMILY },
  { "legalsurname", COL_FAMILY },
  { "preferredname", COL_PREFERRED },
  { "preferredfirstname", COL_PREFERRED },
  { "knownas", COL_PREFERRED },
  { "nickname", COL_PREFERRED },
  { "childknownas", COL_PREFERRED },
  { "childpreferredname", COL_PREFERRED },
  { "dateofbirth", COL_DOB },
  { "dob", COL_DOB },
  { "birthdate", COL_DOB },
  { "childdob", COL_DOB },
  { "childdateofbirth", COL_DOB },
  { "room", COL_ROOM },
  { "roomname", COL_ROOM },
  { "group", COL_ROOM },
  { "class", COL_ROOM },
  { "keyworker", COL_KEYWORKER },
  { "keyperson", COL_KEYWORKER },
  { "keyworkername", COL_KEYWORKER },
  { "keypersonname", COL_KEYWORKER },
  { "startdate", COL_START },
  { "admissiondate", COL_START },
  { "datestarted", COL_START },
  { "homelanguage", COL_LANGUAGES },
  { "homelanguages", COL_LANGUAGES },
  { "firstlanguage", COL_LANGUAGES },
  { "language", COL_LANGUAGES },
  { "languages", COL_LANGUAGES },
  { "languagesspokenathome", COL_LANGUAGES },
  { "send", COL_SEND },
  { "senstatus", COL_SEND },
  { "sendstatus", COL_SEND },
};

/* Carer columns are a prefix, an optional number 1–4 (none means 1) and one of
 * these. @bare: also recognised with no prefix at all ("Mobile", "Email"),
 * which exports with a single contact per child use. */
static const struct {
  const char  *name;
  CarerColumn  column;
  gboolean     bare;
} carer_suffixes[] = {
  { "name", CARER_NAME, FALSE },
  { "fullname", CARER_NAME, FALSE },
  { "firstname", CARER_GIVEN, FALSE },
  { "forename", CARER_GIVEN, FALSE },
  { "givenname", CARER_GIVEN, FALSE },
  { "surname", CARER_FAMILY, FALSE },
  { "lastname", CARER_FAMILY, FALSE },
  { "familyname", CARER_FAMILY, FALSE },
  { "relationship", CARER_RELATIONSHIP, TRUE },
  { "relationshiptochild", CARER_RELATIONSHIP, TRUE },
  { "relation", CARER_RELATIONSHIP, FALSE },
  { "phone", CARER_PHONE, TRUE },
  { "phonenumber", CARER_PHONE, TRUE },
  { "telephone", CARER_PHONE, TRUE },
  { "telephonenumber", CARER_PHONE, TRUE },
  { "tel", CARER_PHONE, FALSE },
  { "mobile", CARER_PHONE, TRUE },
  { "mobilenumber", CARER_PHONE, TRUE },
  { "mobilephone", CARER_PHONE, TRUE },
  { "number", CARER_PHONE, FALSE },
  { "contactnumber", CARER_PHONE, TRUE },
  { "email", CARER_EMAIL, TRUE },
  { "emailaddress", CARER_EMAIL, TRUE },
  { "language", CARER_LANGUAGE, FALSE },
  { "preferredlanguage", CARER_LANGUAGE, FALSE },
  { "firstlanguage", CARER_LANGUAGE, FALSE },
  { "homelanguage", CARER_LANGUAGE, FALSE },
  { "parentalresponsibility", CARER_PR, TRUE },
  { "hasparentalresponsibility", CARER_PR, TRUE },
  { "pr", CARER_PR, FALSE },
  { "address", CARER_ADDRESS, FALSE },
  { "homeaddress", CARER_ADDRESS, FALSE },
  { "household", CARER_HOUSEHOLD, FALSE },
};

/* Longest first, so that "parentcarer" is not read as "parent" + "carer…". */
static const char * const carer_prefixes[] = {
  "parentguardian", "parentcarer", "guardian", "contact", "parent", "carer",
};

/* English names for languages that the language table spells otherwise;
 * folded like the input. */
static const struct {
  const char *name;
  const char *tag;
} language_aliases[] = {
  { "mandarin", "zh-Hans" },
  { "putonghua", "zh-Hans" },
  { "panjabi", "pa" },
  { "bangla", "bn" },
  { "sorani", "ckb" },
  { "kurmanji", "ku" },
  { "bsl", "bfi" },
  { "gaelic", "gd" },
};

struct _TandemRoster
{
  TandemStore *store;
  GPtrArray   *problems;
  GPtrArray   *children;
  GPtrArray   *carers;
  GPtrArray   *rooms;
  GPtrArray   *keyworkers;
  GStrv        ignored_columns;
  gboolean     committed;
};

/* State while the rows are checked. */
typedef struct {
  TandemRoster *roster;
  guint         n_header;
  int           columns[N_COLUMNS];
  int           carer_columns[MAX_CARERS][N_CARER_COLUMNS];
  GHashTable   *rooms;       /* folded name → id */
  GHashTable   *keyworkers;  /* folded name → id */
  GHashTable   *existing;    /* child key → TRUE, for children in the store */
  GHashTable   *seen;        /* child key → line, for children earlier in the file */
  GDate         today;
  GDate         oldest;
} Parser;

static void
problem_free (gpointer data)
{
  TandemRosterProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

static void add_problem (TandemRoster *roster,
                         guint         line,
                         const char   *format,
                         ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (TandemRoster *roster,
             guint         line,
             const char   *format,
             ...)
{
  TandemRosterProblem *problem = g_new0 (TandemRosterProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (roster->problems, problem);
}

/* "First Name", "first_name" and "FIRST-NAME" all become "firstname". */
static char *
normalise_header (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_' || c == '-' || c == '.' || c == '(' || c == ')')
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
fold (const char *text)
{
  return g_utf8_casefold (text, -1);
}

static gboolean
lookup_carer_suffix (const char  *suffix,
                     gboolean     bare,
                     CarerColumn *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (carer_suffixes); i++)
    if (strcmp (suffix, carer_suffixes[i].name) == 0 && (!bare || carer_suffixes[i].bare))
      {
        *column = carer_suffixes[i].column;
        return TRUE;
      }
  return FALSE;
}

/* Reads a normalised carer header such as "parent2email" into the carer's
 * index (0-based) and the column. */
static gboolean
match_carer_header (const char  *name,
                    guint       *carer,
                    CarerColumn *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (carer_prefixes); i++)
    {
      const char *rest;

      if (!g_str_has_prefix (name, carer_prefixes[i]))
        continue;

      rest = name + strlen (carer_prefixes[i]);
      *carer = 0;
      if (rest[0] >= '1' && rest[0] <= '0' + MAX_CARERS)
        {
          *carer = rest[0] - '1';
          rest++;

          /* "Parent 1" on its own holds the name. */
          if (rest[0] == '\0')
            {
              *column = CARER_NAME;
              return TRUE;
            }
        }

      if (lookup_carer_suffix (rest, FALSE, column))
        return TRUE;
    }

  *carer = 0;
  return lookup_carer_suffix (name, TRUE, column);
}

static gboolean
map_header (Parser             *parser,
            const TandemCsvRow *header,
            GError            **error)
{
  g_autoptr(GStrvBuilder) ignored = g_strv_builder_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  parser->n_header = header->n_cells;
  for (guint i = 0; i < N_COLUMNS; i++)
    parser->columns[i] = -1;
  for (guint c = 0; c < MAX_CARERS; c++)
    for (guint i = 0; i < N_CARER_COLUMNS; i++)
      parser->carer_columns[c][i] = -1;

  for (guint i = 0; i < header->n_cells; i++)
    {
      g_autofree char *name = normalise_header (header->cells[i]);
      gboolean known = FALSE;
      gboolean used = FALSE;
      CarerColumn carer_column;
      guint carer;

      if (name[0] == '\0')
        continue;

      /* When two columns mean the same, the first one counts. */
      for (guint j = 0; j < G_N_ELEMENTS (column_names); j++)
        if (strcmp (name, column_names[j].name) == 0)
          {
            known = TRUE;
            if (parser->columns[column_names[j].column] < 0)
              {
                parser->columns[column_names[j].column] = (int) i;
                used = TRUE;
              }
            break;
          }

      if (!known && match_carer_header (name, &carer, &carer_column) &&
          parser->carer_columns[carer][carer_column] < 0)
        {
          parser->carer_columns[carer][carer_column] = (int) i;
          used = TRUE;
        }

      if (!used)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (header->cells[i]));
          g_strv_builder_add (ignored, stripped);
        }
    }

  parser->roster->ignored_columns = g_strv_builder_end (ignored);

  if (parser->columns[COL_GIVEN] < 0)
    /* Translators: part of a list of missing columns. */
    g_ptr_array_add (missing, _("given name"));
  if (parser->columns[COL_FAMILY] < 0)
    /* Translators: part of a list of missing columns. */
    g_ptr_array_add (missing, _("family name"));
  if (parser->columns[COL_DOB] < 0)
    /* Translators: part of a list of missing columns. */
    g_ptr_array_add (missing, _("date of birth"));

  /* Without these a child cannot be created, so every row would have the same
   * problem; one message about the header says it better. */
  if (missing->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (missing, NULL);
      /* Translators: separates the items of a list of missing columns. */
      list = g_strjoinv (_(", "), (char **) missing->pdata);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                   /* Translators: %s is a list such as "given name, date of birth". */
                   _("The first row of the file must name the columns, and no column is "
                     "named for the %s. A roster needs columns for the given name, family "
                     "name and date of birth, for example “First name”, “Surname” and "
                     "“Date of birth”."), list);
      return FALSE;
    }

  return TRUE;
}

static void
date_from_iso (GDate      *date,
               const char *iso)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
    g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gboolean
parse_send (const char       *text,
            TandemSendStatus *status)
{
  g_autofree char *key = normalise_header (text);

  if (key[0] == '\0' || strcmp (key, "none") == 0 || strcmp (key, "n") == 0 ||
      strcmp (key, "no") == 0)
    *status = TANDEM_SEND_NONE;
  else if (strcmp (key, "monitoring") == 0)
    *status = TANDEM_SEND_MONITORING;
  /* K and E are the codes of the school census. */
  else if (strcmp (key, "sensupport") == 0 || strcmp (key, "k") == 0)
    *status = TANDEM_SEND_SEN_SUPPORT;
  else if (strcmp (key, "ehcplan") == 0 || strcmp (key, "ehcp") == 0 ||
           strcmp (key, "ehc") == 0 || strcmp (key, "e") == 0)
    *status = TANDEM_SEND_EHC_PLAN;
  else
    return FALSE;

  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "1" };
  static const char * const no[] = { "no", "n", "false", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      {
        *value = TRUE;
        return TRUE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      {
        *value = FALSE;
        return TRUE;
      }

  return FALSE;
}

static gboolean
name_matches (const char *name,
              const char *folded_text,
              gboolean    parts)
{
  g_autofree char *folded = fold (name);
  const char *bracket;

  if (strcmp (folded, folded_text) == 0)
    return TRUE;
  if (!parts)
    return FALSE;

  /* "Persian (Farsi)" answers to "Persian" and to "Farsi". */
  bracket = strstr (folded, " (");
  if (bracket != NULL)
    {
      gsize len = bracket - folded;
      gsize inner = strlen (bracket + 2);

      if (strlen (folded_text) == len && strncmp (folded, folded_text, len) == 0)
        return TRUE;
      if (inner > 0 && bracket[2 + inner - 1] == ')' &&
          strlen (folded_text) == inner - 1 &&
          strncmp (bracket + 2, folded_text, inner - 1) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Finds a language from an English name (as exports write them), its own
 * name, or a BCP-47 tag. */
static const char *
find_language (const char *text)
{
  g_autofree char *folded = fold (text);
  g_autofree char *tag = NULL;
  const TandemLanguage *languages;
  const TandemLanguage *found;
  guint n_languages;

  languages = tandem_languages (&n_languages);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_languages; i++)
      if (name_matches (languages[i].name, folded, pass == 1) ||
          name_matches (_(languages[i].name), folded, pass == 1) ||
          name_matches (languages[i].native_name, folded, pass == 1))
        return languages[i].tag;

  for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
    if (strcmp (folded, language_aliases[i].name) == 0)
      return language_aliases[i].tag;

  /* Some systems write tags with underscores, as locales do: pt_BR. */
  tag = g_strdelimit (g_strdup (text), "_", '-');
  found = tandem_language_find (tag);
  if (found != NULL)
    return found->tag;

  return NULL;
}

static char *
child_key (const char *given,
           const char *family,
           const char *date_of_birth)
{
  g_autofree char *g = fold (given);
  g_autofree char *f = fold (family);

  return g_strjoin ("\x1f", g, f, date_of_birth, NULL);
}

/* Returns the id of the room or keyworker called @name, creating a new one
 * the first time a name is seen that the store does not have. */
static const char *
resolve_named (GHashTable *known,
               GPtrArray  *created,
               GType       type,
               const char *name)
{
  g_autofree char *key = fold (name);
  TandemRecord *record;
  const char *id;

  id = g_hash_table_lookup (known, key);
  if (id != NULL)
    return id;

  if (type == TANDEM_TYPE_ROOM)
    record = TANDEM_RECORD (tandem_room_new (name));
  else
    record = TANDEM_RECORD (tandem_keyworker_new (name));

  g_ptr_array_add (created, record);
  g_hash_table_insert (known, g_steal_pointer (&key), g_strdup (tandem_record_get_id (record)));
  return tandem_record_get_id (record);
}

static const char *
cell (Parser      *parser,
      char       **cells,
      int          index)
{
  if (index < 0)
    return "";
  return cells[index];
}

static gboolean
check_date_of_birth (Parser       *parser,
                     guint         line,
                     const char   *text,
                     char        **iso)
{
  TandemRoster *roster = parser->roster;
  GDate date;

  if (text[0] == '\0')
    {
      add_problem (roster, line, "%s", _("The date of birth is missing."));
      return FALSE;
    }

  switch (tandem_date_parse (text, iso))
    {
    case TANDEM_DATE_PARSE_MALFORMED:
      add_problem (roster, line,
                   /* Translators: %s is the value in the file. */
                   _("The date of birth “%s” is not a date. Write dates as DD/MM/YYYY or "
                     "YYYY-MM-DD."), text);
      return FALSE;
    case TANDEM_DATE_PARSE_IMPOSSIBLE:
      /* Translators: %s is the value in the file, e.g. "31/02/2021". */
      add_problem (roster, line, _("The date of birth “%s” does not exist."), text);
      return FALSE;
    case TANDEM_DATE_PARSE_OK:
    default:
      break;
    }

  date_from_iso (&date, *iso);
  if (g_date_compare (&date, &parser->today) > 0)
    {
      /* Translators: %s is the value in the file. */
      add_problem (roster, line, _("The date of birth “%s” is in the future."), text);
      g_clear_pointer (iso, g_free);
      return FALSE;
    }

  if (g_date_compare (&date, &parser->oldest) < 0)
    {
      add_problem (roster, line,
                   /* Translators: %1$s is the value in the file; %2$d is a number of years (8). */
                   ngettext ("The date of birth “%1$s” is more than %2$d year ago, too old "
                             "for a nursery. Dates are read day first: DD/MM/YYYY.",
                             "The date of birth “%1$s” is more than %2$d years ago, too old "
                             "for a nursery. Dates are read day first: DD/MM/YYYY.",
                             MAX_AGE_YEARS),
                   text, MAX_AGE_YEARS);
      g_clear_pointer (iso, g_free);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_start_date (Parser      *parser,
                  guint        line,
                  const char  *text,
                  const char  *date_of_birth,
                  char       **iso)
{
  TandemRoster *roster = parser->roster;

  if (text[0] == '\0')
    return TRUE;

  switch (tandem_date_parse (text, iso))
    {
    case TANDEM_DATE_PARSE_MALFORMED:
      add_problem (roster, line,
                   /* Translators: %s is the value in the file. */
                   _("The start date “%s” is not a date. Write dates as DD/MM/YYYY or "
                     "YYYY-MM-DD."), text);
      return FALSE;
    case TANDEM_DATE_PARSE_IMPOSSIBLE:
      /* Translators: %s is the value in the file, e.g. "31/02/2021". */
      add_problem (roster, line, _("The start date “%s” does not exist."), text);
      return FALSE;
    case TANDEM_DATE_PARSE_OK:
    default:
      break;
    }

  if (date_of_birth != NULL && strcmp (*iso, date_of_birth) < 0)
    {
      /* Translators: %s is the value in the file. */
      add_problem (roster, line, _("The start date “%s” is before the date of birth."), text);
      g_clear_pointer (iso, g_free);
      return FALSE;
    }

  return TRUE;
}

/* Reads a cell listing languages ("Polish; English", "ur/en") into the
 * comma-separated tags the child's record holds. */
static char *
check_languages (Parser     *parser,
                 guint       line,
                 const char *text,
                 int         carer,
                 gboolean   *ok)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ";,/", -1);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  *ok = TRUE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *tag;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;

      tag = find_language (parts[i]);
      if (tag == NULL)
        {
          if (carer < 0)
            add_problem (parser->roster, line,
                         /* Translators: %s is the value in the file. */
                         _("The home language “%s” is not one Tandem knows. Write its English "
                           "name, such as “Polish”, or its code, such as “pl”."), parts[i]);
          else
            add_problem (parser->roster, line,
                         /* Translators: %1$u is the carer's number in the file (1–4), %2$s the
                          * value in the file. */
                         _("Carer %1$u’s language “%2$s” is not one Tandem knows. Write its "
                           "English name, such as “Polish”, or its code, such as “pl”."),
                         (guint) carer + 1, parts[i]);
          *ok = FALSE;
          continue;
        }

      if (!g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_ptr_array_add (tags, (gpointer) tag);
    }

  if (!*ok || tags->len == 0)
    return NULL;

  g_ptr_array_add (tags, NULL);
  return g_strjoinv (",", (char **) tags->pdata);
}

static TandemCarer *
check_carer (Parser      *parser,
             guint        line,
             char       **cells,
             guint        n,
             TandemChild *child,
             gboolean    *ok)
{
  TandemRoster *roster = parser->roster;
  const int *columns = parser->carer_columns[n];
  const char *name = cell (parser, cells, columns[CARER_NAME]);
  const char *given = cell (parser, cells, columns[CARER_GIVEN]);
  const char *family = cell (parser, cells, columns[CARER_FAMILY]);
  const char *email = cell (parser, cells, columns[CARER_EMAIL]);
  const char *language = cell (parser, cells, columns[CARER_LANGUAGE]);
  const char *pr_text = cell (parser, cells, columns[CARER_PR]);
  g_autofree char *full_name = NULL;
  g_autofree char *tags = NULL;
  g_autoptr(TandemCarer) carer = NULL;
  gboolean has_details = FALSE;
  gboolean pr = TRUE;

  *ok = TRUE;

  if (name[0] != '\0')
    full_name = g_strdup (name);
  else if (given[0] != '\0' || family[0] != '\0')
    full_name = g_strstrip (g_strjoin (" ", given, family, NULL));

  for (guint i = 0; i < N_CARER_COLUMNS; i++)
    if (i != CARER_NAME && i != CARER_GIVEN && i != CARER_FAMILY &&
        cell (parser, cells, columns[i])[0] != '\0')
      has_details = TRUE;

  if (full_name == NULL)
    {
      if (has_details)
        {
          /* Translators: %u is the carer's number in the file (1–4). */
          add_problem (roster, line, _("Carer %u has contact details but no name."), n + 1);
          *ok = FALSE;
        }
      return NULL;
    }

  if (email[0] != '\0' && strchr (email, '@') == NULL)
    {
      /* Translators: %1$u is the carer's number in the file (1–4), %2$s the value. */
      add_problem (roster, line, _("Carer %1$u’s email address “%2$s” has no @ in it."),
                   n + 1, email);
      *ok = FALSE;
    }

  if (pr_text[0] != '\0' && !parse_bool (pr_text, &pr))
    {
      add_problem (roster, line,
                   /* Translators: %1$u is the carer's number in the file (1–4), %2$s
                    * the value. */
                   _("Carer %1$u’s parental responsibility “%2$s” is not yes or no."),
                   n + 1, pr_text);
      *ok = FALSE;
    }

  if (language[0] != '\0')
    {
      gboolean language_ok;

      tags = check_languages (parser, line, language, (int) n, &language_ok);
      if (!language_ok)
        *ok = FALSE;
    }

  if (!*ok)
    return NULL;

  carer = tandem_carer_new (tandem_record_get_id (TANDEM_RECORD (child)), full_name);
  tandem_record_set_bool (TANDEM_RECORD (carer), "parental_responsibility", pr);

  if (tags != NULL)
    {
      /* A carer has one preferred language: the first one named. */
      char *comma = strchr (tags, ',');

      if (comma != NULL)
        *comma = '\0';
      tandem_record_set_text (TANDEM_RECORD (carer), "preferred_language", tags);
    }
  else
    {
      /* Without a language of their own, the child's first home language is
       * the best guess for a carer, and English the fallback. */
      g_auto(GStrv) child_languages = tandem_child_dup_home_languages (child);

      tandem_record_set_text (TANDEM_RECORD (carer), "preferred_language",
                              child_languages[0] != NULL ? child_languages[0] : "en");
    }

  tandem_record_set_text (TANDEM_RECORD (carer), "relationship",
                          cell (parser, cells, columns[CARER_RELATIONSHIP]));
  tandem_record_set_text (TANDEM_RECORD (carer), "phone",
                          cell (parser, cells, columns[CARER_PHONE]));
  tandem_record_set_text (TANDEM_RECORD (carer), "email", email);
  tandem_record_set_text (TANDEM_RECORD (carer), "address",
                          cell (parser, cells, columns[CARER_ADDRESS]));
  tandem_record_set_text (TANDEM_RECORD (carer), "household",
                          cell (parser, cells, columns[CARER_HOUSEHOLD]));

  return g_steal_pointer (&carer);
}

/* Trims every cell and brings it to NFC, so that a name typed with combining
 * accents ("Sio\u0302n") is the same as one typed precomposed ("Siôn"). */
static char **
clean_cells (const TandemCsvRow *row,
             gboolean           *blank)
{
  char **cells = g_new0 (char *, row->n_cells + 1);

  *blank = TRUE;
  for (guint i = 0; i < row->n_cells; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (row->cells[i]));

      cells[i] = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
      if (cells[i] == NULL)
        cells[i] = g_strdup (trimmed);
      if (cells[i][0] != '\0')
        *blank = FALSE;
    }

  return cells;
}

/* Returns FALSE for a blank row, which is skipped. */
static gboolean
check_row (Parser             *parser,
           const TandemCsvRow *row)
{
  TandemRoster *roster = parser->roster;
  guint line = row->line;
  guint problems_before = roster->problems->len;
  g_auto(GStrv) cells = NULL;
  g_autoptr(TandemChild) child = NULL;
  g_autoptr(GPtrArray) carers = NULL;
  g_autofree char *date_of_birth = NULL;
  g_autofree char *start_date = NULL;
  g_autofree char *languages = NULL;
  const char *given, *family, *room, *keyworker, *send_text;
  TandemSendStatus send = TANDEM_SEND_NONE;
  gboolean blank, ok;

  cells = clean_cells (row, &blank);
  if (blank)
    return FALSE;

  if (row->n_cells != parser->n_header)
    {
      add_problem (roster, line,
                   /* Translators: %1$u is how many cells the row has, %2$u how many columns
                    * the header names. The plural follows %2$u. */
                   ngettext ("This row has %1$u cells but the header row has %2$u column. "
                             "Check for a missing or extra separator, or a value with a "
                             "separator in it that is not in double quotes.",
                             "This row has %1$u cells but the header row has %2$u columns. "
                             "Check for a missing or extra separator, or a value with a "
                             "separator in it that is not in double quotes.",
                             parser->n_header),
                   row->n_cells, parser->n_header);
      return TRUE;
    }

  given = cell (parser, cells, parser->columns[COL_GIVEN]);
  family = cell (parser, cells, parser->columns[COL_FAMILY]);
  room = cell (parser, cells, parser->columns[COL_ROOM]);
  keyworker = cell (parser, cells, parser->columns[COL_KEYWORKER]);
  send_text = cell (parser, cells, parser->columns[COL_SEND]);

  if (given[0] == '\0')
    add_problem (roster, line, "%s", _("The given name is missing."));
  if (family[0] == '\0')
    add_problem (roster, line, "%s", _("The family name is missing."));

  check_date_of_birth (parser, line, cell (parser, cells, parser->columns[COL_DOB]),
                       &date_of_birth);
  check_start_date (parser, line, cell (parser, cells, parser->columns[COL_START]),
                    date_of_birth, &start_date);

  if (!parse_send (send_text, &send))
    add_problem (roster, line,
                 /* Translators: %s is the value in the file. */
                 _("“%s” is not a SEND status. Write none, monitoring, SEN support or "
                   "EHC plan."), send_text);

  languages = check_languages (parser, line, cell (parser, cells, parser->columns[COL_LANGUAGES]),
                               -1, &ok);

  if (given[0] != '\0' && family[0] != '\0' && date_of_birth != NULL)
    {
      g_autofree char *key = child_key (given, family, date_of_birth);
      gpointer first_line;

      if (g_hash_table_lookup_extended (parser->seen, key, NULL, &first_line))
        add_problem (roster, line,
                     /* Translators: %1$s and %2$s are the child's given and family names, %3$s
                      * the date of birth as written in the file, %4$u a line number. */
                     _("%1$s %2$s, born %3$s, is in the file twice: this row repeats "
                       "line %4$u."),
                     given, family, cell (parser, cells, parser->columns[COL_DOB]),
                     GPOINTER_TO_UINT (first_line));
      else
        g_hash_table_insert (parser->seen, g_strdup (key), GUINT_TO_POINTER (line));

      if (g_hash_table_contains (parser->existing, key))
        add_problem (roster, line,
                     /* Translators: %1$s and %2$s are the child's given and family names, %3$s
                      * the date of birth as written in the file. */
                     _("%1$s %2$s, born %3$s, is already in Tandem."),
                     given, family, cell (parser, cells, parser->columns[COL_DOB]));
    }

  /* The child is made now, even if the row turns out to be wrong, so that its
   * carers can be checked against its languages. */
  child = tandem_child_new (given, family, date_of_birth);
  tandem_record_set_text (TANDEM_RECORD (child), "preferred_name",
                          cell (parser, cells, parser->columns[COL_PREFERRED]));
  tandem_record_set_text (TANDEM_RECORD (child), "start_date", start_date);
  tandem_record_set_text (TANDEM_RECORD (child), "home_languages", languages);
  tandem_record_set_text (TANDEM_RECORD (child), "send_status",
                          tandem_send_status_to_string (send));

  carers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint n = 0; n < MAX_CARERS; n++)
    {
      TandemCarer *carer = check_carer (parser, line, cells, n, child, &ok);

      if (carer != NULL)
        g_ptr_array_add (carers, carer);
    }

  if (roster->problems->len > problems_before)
    return TRUE;

  /* Only a row without problems names rooms and keyworkers to create, so the
   * preview does not offer a room that only a wrong row mentions. */
  if (room[0] != '\0')
    tandem_record_set_text (TANDEM_RECORD (child), "room_id",
                            resolve_named (parser->rooms, roster->rooms,
                                           TANDEM_TYPE_ROOM, room));
  if (keyworker[0] != '\0')
    tandem_record_set_text (TANDEM_RECORD (child), "keyworker_id",
                            resolve_named (parser->keyworkers, roster->keyworkers,
                                           TANDEM_TYPE_KEYWORKER, keyworker));

  g_ptr_array_add (roster->children, g_steal_pointer (&child));
  g_ptr_array_extend_and_steal (roster->carers, g_steal_pointer (&carers));
  return TRUE;
}

static gboolean
load_names (TandemStore  *store,
            GType         type,
            GHashTable   *names,
            GError      **error)
{
  g_autoptr(GPtrArray) records = tandem_store_list (store, type, NULL, NULL, error);

  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);
      const char *name = tandem_record_get_text (record, "name");

      /* The first of two rooms with the same name wins, as the list is
       * ordered by name and that is the one a person sees first. */
      if (name != NULL)
        {
          g_autofree char *key = fold (name);

          if (!g_hash_table_contains (names, key))
            g_hash_table_insert (names, g_steal_pointer (&key),
                                 g_strdup (tandem_record_get_id (record)));
        }
    }

  return TRUE;
}

static gboolean
load_children (TandemStore  *store,
               GHashTable   *existing,
               GError      **error)
{
  g_autoptr(GPtrArray) children = tandem_store_list (store, TANDEM_TYPE_CHILD, NULL, NULL, error);

  if (children == NULL)
    return FALSE;

  for (guint i = 0; i < children->len; i++)
    {
      TandemRecord *child = g_ptr_array_index (children, i);
      g_autofree char *given = g_utf8_normalize (tandem_record_get_text (child, "given_name"),
                                                 -1, G_NORMALIZE_NFC);
      g_autofree char *family = g_utf8_normalize (tandem_record_get_text (child, "family_name"),
                                                  -1, G_NORMALIZE_NFC);

      if (given == NULL || family == NULL)
        continue;

      g_hash_table_add (existing,
                        child_key (given, family,
                                   tandem_record_get_text (child, "date_of_birth")));
    }

  return TRUE;
}

static TandemRoster *
roster_new (TandemStore *store)
{
  TandemRoster *roster = g_new0 (TandemRoster, 1);

  roster->store = g_object_ref (store);
  roster->problems = g_ptr_array_new_with_free_func (problem_free);
  roster->children = g_ptr_array_new_with_free_func (g_object_unref);
  roster->carers = g_ptr_array_new_with_free_func (g_object_unref);
  roster->rooms = g_ptr_array_new_with_free_func (g_object_unref);
  roster->keyworkers = g_ptr_array_new_with_free_func (g_object_unref);
  return roster;
}

/**
 * tandem_roster_parse_for_date:
 * @store: the store the children will go into
 * @contents: the CSV file
 * @today: (nullable): the date to check dates of birth against, or %NULL for today
 * @error: where to put a whole-file problem
 *
 * Reads and checks a roster without writing anything. Rows with problems are
 * listed by tandem_roster_get_problems(); the rest are made into records that
 * tandem_roster_commit() saves.
 *
 * Returns: (transfer full) (nullable): the roster, or %NULL with
 *   %TANDEM_CORE_ERROR_PARSE if the file is not a roster at all
 */
TandemRoster *
tandem_roster_parse_for_date (TandemStore  *store,
                              GBytes       *contents,
                              const GDate  *today,
                              GError      **error)
{
  g_autoptr(TandemRoster) roster = NULL;
  g_autoptr(TandemCsv) csv = NULL;
  g_autoptr(GHashTable) rooms = NULL;
  g_autoptr(GHashTable) keyworkers = NULL;
  g_autoptr(GHashTable) existing = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Parser parser = { 0, };
  guint n_rows = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  csv = tandem_csv_parse (contents, error);
  if (csv == NULL)
    return NULL;

  roster = roster_new (store);
  rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  keyworkers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!load_names (store, TANDEM_TYPE_ROOM, rooms, error) ||
      !load_names (store, TANDEM_TYPE_KEYWORKER, keyworkers, error) ||
      !load_children (store, existing, error))
    return NULL;

  parser.roster = roster;
  parser.rooms = rooms;
  parser.keyworkers = keyworkers;
  parser.existing = existing;
  parser.seen = seen;

  if (today != NULL)
    parser.today = *today;
  else
    {
      g_date_clear (&parser.today, 1);
      g_date_set_time_t (&parser.today, time (NULL));
    }
  parser.oldest = parser.today;
  g_date_subtract_years (&parser.oldest, MAX_AGE_YEARS);

  if (!map_header (&parser, tandem_csv_get_row (csv, 0), error))
    return NULL;

  for (guint i = 1; i < tandem_csv_get_n_rows (csv); i++)
    if (check_row (&parser, tandem_csv_get_row (csv, i)))
      n_rows++;

  if (n_rows == 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                           _("The file has a header row but no children under it."));
      return NULL;
    }

  return g_steal_pointer (&roster);
}

/**
 * tandem_roster_parse:
 * @store: the store the children will go into
 * @contents: the CSV file
 * @error: where to put a whole-file problem
 *
 * As tandem_roster_parse_for_date() with today's date.
 *
 * Returns: (transfer full) (nullable): the roster, or %NULL
 */
TandemRoster *
tandem_roster_parse (TandemStore  *store,
                     GBytes       *contents,
                     GError      **error)
{
  return tandem_roster_parse_for_date (store, contents, NULL, error);
}

/**
 * tandem_roster_parse_file:
 * @store: the store the children will go into
 * @path: the CSV file
 * @error: where to put a problem
 *
 * As tandem_roster_parse(), reading @path; a file over the size limit is
 * refused before it is read.
 *
 * Returns: (transfer full) (nullable): the roster, or %NULL
 */
TandemRoster *
tandem_roster_parse_file (TandemStore  *store,
                          const char   *path,
                          GError      **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  char *data;
  gsize length;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  name = g_filename_display_basename (path);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info != NULL && !tandem_csv_check_size (g_file_info_get_size (info), error))
    return NULL;

  if (info == NULL ||
      !g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
                   /* Translators: %1$s is a file name, %2$s the system's reason. */
                   _("Could not read “%1$s”: %2$s"), name, local_error->message);
      return NULL;
    }

  contents = g_bytes_new_take (data, length);

  return tandem_roster_parse (store, contents, error);
}

void
tandem_roster_free (TandemRoster *roster)
{
  if (roster == NULL)
    return;

  g_clear_object (&roster->store);
  g_ptr_array_unref (roster->problems);
  g_ptr_array_unref (roster->children);
  g_ptr_array_unref (roster->carers);
  g_ptr_array_unref (roster->rooms);
  g_ptr_array_unref (roster->keyworkers);
  g_strfreev (roster->ignored_columns);
  g_free (roster);
}

/**
 * tandem_roster_get_problems:
 * @roster: a roster
 *
 * Returns: (element-type TandemRosterProblem) (transfer none): the rows'
 *   problems, in the order of the file
 */
GPtrArray *
tandem_roster_get_problems (TandemRoster *roster)
{
  g_return_val_if_fail (roster != NULL, NULL);

  return roster->problems;
}

/**
 * tandem_roster_get_children:
 * @roster: a roster
 *
 * Returns: (element-type TandemChild) (transfer none): the children of the
 *   rows without problems
 */
GPtrArray *
tandem_roster_get_children (TandemRoster *roster)
{
  g_return_val_if_fail (roster != NULL, NULL);

  return roster->children;
}

/**
 * tandem_roster_get_carers:
 * @roster: a roster
 *
 * Returns: (element-type TandemCarer) (transfer none): their carers
 */
GPtrArray *
tandem_roster_get_carers (TandemRoster *roster)
{
  g_return_val_if_fail (roster != NULL, NULL);

  return roster->carers;
}

/**
 * tandem_roster_get_rooms:
 * @roster: a roster
 *
 * Returns: (element-type TandemRoom) (transfer none): the rooms the file
 *   names that the store does not have yet
 */
GPtrArray *
tandem_roster_get_rooms (TandemRoster *roster)
{
  g_return_val_if_fail (roster != NULL, NULL);

  return roster->rooms;
}

/**
 * tandem_roster_get_keyworkers:
 * @roster: a roster
 *
 * Returns: (element-type TandemKeyworker) (transfer none): the keyworkers
 *   the file names that the store does not have yet
 */
GPtrArray *
tandem_roster_get_keyworkers (TandemRoster *roster)
{
  g_return_val_if_fail (roster != NULL, NULL);

  return roster->keyworkers;
}

/**
 * tandem_roster_get_ignored_columns:
 * @roster: a roster
 *
 * Returns: (transfer none) (array zero-terminated=1): the names in the header
 *   row that matched no column Tandem knows
 */
const char * const *
tandem_roster_get_ignored_columns (TandemRoster *roster)
{
  g_return_val_if_fail (roster != NULL, NULL);

  return (const char * const *) roster->ignored_columns;
}

static gboolean
save_all (TandemStore  *store,
          GPtrArray    *records,
          GError      **error)
{
  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);

      if (!tandem_store_save (store, record, error))
        {
          g_autofree char *label = NULL;

          if (TANDEM_IS_CHILD (record))
            label = tandem_child_dup_full_name (TANDEM_CHILD (record));
          else if (TANDEM_IS_CARER (record))
            label = g_strdup (tandem_carer_get_name (TANDEM_CARER (record)));
          else
            label = g_strdup (tandem_record_get_text (record, "name"));

          /* Translators: %s names what could not be saved, a child, carer, room
           * or keyworker; the reason follows. */
          g_prefix_error (error, _("Could not import “%s”: "), label);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * tandem_roster_commit:
 * @roster: a roster without problems
 * @store: the store it was parsed against
 * @error: where to put a failure
 *
 * Saves the new rooms, keyworkers, children and carers in one transaction:
 * either all of them are saved or none is.
 *
 * Returns: %TRUE when everything was saved; %FALSE with
 *   %TANDEM_CORE_ERROR_INVALID while the roster has problems
 */
gboolean
tandem_roster_commit (TandemRoster  *roster,
                      TandemStore   *store,
                      GError       **error)
{
  g_return_val_if_fail (roster != NULL, FALSE);
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  /* Rooms and keyworkers were matched against this store's. */
  g_return_val_if_fail (store == roster->store, FALSE);

  if (roster->problems->len > 0)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %u is how many problems the file has. */
                   ngettext ("Nothing was imported: the file has %u problem. Correct it "
                             "and import the file again.",
                             "Nothing was imported: the file has %u problems. Correct them "
                             "and import the file again.",
                             roster->problems->len),
                   roster->problems->len);
      return FALSE;
    }

  if (roster->committed)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("This roster has already been imported."));
      return FALSE;
    }

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (!save_all (store, roster->rooms, error) ||
      !save_all (store, roster->keyworkers, error) ||
      !save_all (store, roster->children, error) ||
      !save_all (store, roster->carers, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }

  if (!tandem_store_commit (store, error))
    return FALSE;

  roster->committed = TRUE;
  return TRUE;
}
