/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli-private.h"
#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-meetings.h"
#include "tandem-plans.h"
#include "tandem-records.h"

/* Loads what a list shows when the type's own order and filter are not
 * enough: @child_id may be NULL, @open is the value of --open. */
typedef GPtrArray *(*ListLoadFunc) (TandemStore  *store,
                                    const char   *child_id,
                                    gboolean      open,
                                    GError      **error);

/* What `list OBJECT` shows. The JSON output is generic over the record
 * type's fields; @columns only picks what fits in a readable table. */
typedef struct {
  GType               (*get_type) (void);
  const char * const   *columns;
  gboolean              by_child;
  ListLoadFunc          load;       /* NULL: every record, or the child's */
  gboolean              has_open;   /* takes --open */
} ListSpec;

/* A reference field names a record of this type; the table shows its name. */
typedef struct {
  const char  *field;
  GType      (*get_type) (void);
  const char  *name_field;
} RefTarget;

static const RefTarget ref_targets[] = {
  { "room_id", tandem_room_get_type, "name" },
  { "keyworker_id", tandem_keyworker_get_type, "name" },
  { "child_id", tandem_child_get_type, NULL },
  { "carer_id", tandem_carer_get_type, "full_name" },
  { "owner_carer_id", tandem_carer_get_type, "full_name" },
};

/* The longest cell in a table; notes and addresses are cut short. */
#define MAX_CELL 40

typedef struct {
  TandemStore *store;
  GHashTable  *names;  /* GType → (id → name) */
} Lookup;

static void
lookup_clear (Lookup *lookup)
{
  g_clear_pointer (&lookup->names, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lookup, lookup_clear)

static char *
record_name (TandemRecord *record,
             const char   *name_field)
{
  if (TANDEM_IS_CHILD (record))
    return tandem_child_dup_full_name (TANDEM_CHILD (record));
  return g_strdup (tandem_record_get_text (record, name_field));
}

/* Names of every record of a type, loaded once: one query instead of one
 * per row. */
static GHashTable *
lookup_names (Lookup           *lookup,
              const RefTarget  *target,
              GError          **error)
{
  GType type = target->get_type ();
  GHashTable *names;
  g_autoptr(GPtrArray) records = NULL;

  if (lookup->names == NULL)
    lookup->names = g_hash_table_new_full (NULL, NULL, NULL,
                                           (GDestroyNotify) g_hash_table_unref);

  names = g_hash_table_lookup (lookup->names, GSIZE_TO_POINTER (type));
  if (names != NULL)
    return names;

  records = tandem_store_list (lookup->store, type, NULL, NULL, error);
  if (records == NULL)
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);

      g_hash_table_insert (names, g_strdup (tandem_record_get_id (record)),
                           record_name (record, target->name_field));
    }
  g_hash_table_insert (lookup->names, GSIZE_TO_POINTER (type), names);
  return names;
}

static const RefTarget *
find_ref_target (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (ref_targets); i++)
    if (g_str_equal (ref_targets[i].field, field))
      return &ref_targets[i];
  return NULL;
}

static gboolean
ref_name (Lookup      *lookup,
          const char  *field,
          const char  *id,
          const char **name,
          GError     **error)
{
  const RefTarget *target = find_ref_target (field);
  GHashTable *names;

  *name = NULL;
  if (id == NULL)
    return TRUE;
  if (target == NULL)
    {
      *name = id;
      return TRUE;
    }

  names = lookup_names (lookup, target, error);
  if (names == NULL)
    return FALSE;

  /* A reference to a deleted record still shows something useful. */
  *name = g_hash_table_lookup (names, id);
  if (*name == NULL)
    *name = id;
  return TRUE;
}

static void
add_json_field (JsonBuilder       *builder,
                TandemRecord      *record,
                const TandemField *field)
{
  json_builder_set_member_name (builder, field->name);

  switch (field->type)
    {
    case TANDEM_FIELD_INT:
      json_builder_add_int_value (builder, tandem_record_get_int (record, field->name));
      break;
    case TANDEM_FIELD_BOOL:
      json_builder_add_boolean_value (builder, tandem_record_get_bool (record, field->name));
      break;
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      {
        const char *text = tandem_record_get_text (record, field->name);

        if (text != NULL)
          json_builder_add_string_value (builder, text);
        else
          json_builder_add_null_value (builder);
      }
      break;
    }
}

/* Support plans are shared with families and other professionals: their
 * JSON leaves out what is for practitioners only (internal notes), and the
 * frozen snapshots of earlier versions, which hold those notes too. */
static gboolean
is_plan_type (GType type)
{
  return type == TANDEM_TYPE_PLAN || type == TANDEM_TYPE_PLAN_PROFESSIONAL ||
         type == TANDEM_TYPE_PLAN_OUTCOME || type == TANDEM_TYPE_PLAN_PROVISION ||
         type == TANDEM_TYPE_PLAN_REVIEW || type == TANDEM_TYPE_PLAN_PROGRESS ||
         type == TANDEM_TYPE_PLAN_EVIDENCE || type == TANDEM_TYPE_PLAN_VERSION;
}

static gboolean
field_is_listed (GType              type,
                 const TandemField *field)
{
  if (!is_plan_type (type))
    return TRUE;
  if (field->flags & TANDEM_FIELD_INTERNAL)
    return FALSE;
  return !(type == TANDEM_TYPE_PLAN_VERSION && g_str_equal (field->name, "snapshot"));
}

static void
add_json_fields (JsonBuilder  *builder,
                 TandemRecord *record)
{
  GType type = G_OBJECT_TYPE (record);
  const TandemField *fields;
  guint n_fields;

  fields = tandem_record_type_get_fields (type, &n_fields);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, tandem_record_get_id (record));
  for (guint f = 0; f < n_fields; f++)
    if (field_is_listed (type, &fields[f]))
      add_json_field (builder, record, &fields[f]);
}

static void
add_json_record (JsonBuilder  *builder,
                 TandemRecord *record)
{
  json_builder_begin_object (builder);
  add_json_fields (builder, record);
  json_builder_end_object (builder);
}

static void
add_json_strings (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_json_records (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *records)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    add_json_record (builder, g_ptr_array_index (records, i));
  json_builder_end_array (builder);
}

/* A meeting is little without its parts: who was invited and came, the
 * adjustments decided, strengths, differing views and actions. */
static gboolean
add_meeting_parts (JsonBuilder   *builder,
                   TandemStore   *store,
                   TandemRecord  *meeting,
                   GError       **error)
{
  g_autoptr(TandemMeetingParts) parts = NULL;

  parts = tandem_meetings_load_parts (store, tandem_record_get_id (meeting), error);
  if (parts == NULL)
    return FALSE;

  add_json_strings (builder, "carer_ids", parts->carer_ids);
  add_json_strings (builder, "attended_ids", parts->attended_ids);
  add_json_records (builder, "adjustments", parts->adjustments);
  add_json_strings (builder, "strength_ids", parts->strength_ids);
  add_json_records (builder, "views", parts->views);
  add_json_records (builder, "actions", parts->actions);
  return TRUE;
}

/* A plan with everything that belongs to it: the professionals involved,
 * each outcome with its provision and the observations linked as evidence,
 * the reviews with their ratings and evidence, and the versions frozen at
 * each review (their number and date; the app reads them back). */
static gboolean
add_plan_parts (JsonBuilder   *builder,
                TandemStore   *store,
                TandemRecord  *plan,
                GError       **error)
{
  const char *plan_id = tandem_record_get_id (plan);
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  parts = tandem_plans_load_parts (store, plan_id, error);
  if (parts == NULL)
    return FALSE;
  reviews = tandem_plans_reviews (store, plan_id, error);
  if (reviews == NULL)
    return FALSE;
  versions = tandem_plans_versions (store, plan_id, error);
  if (versions == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "lacks_strengths");
  json_builder_add_boolean_value (builder, tandem_plan_lacks_strengths (TANDEM_PLAN (plan)));

  add_json_records (builder, "professionals", parts->professionals);

  json_builder_set_member_name (builder, "outcomes");
  json_builder_begin_array (builder);
  for (guint o = 0; o < parts->outcomes->len; o++)
    {
      TandemRecord *outcome = g_ptr_array_index (parts->outcomes, o);
      const char * const params[] = { tandem_record_get_id (outcome), NULL };
      g_autoptr(GPtrArray) provisions = NULL;
      g_autoptr(GPtrArray) evidence = NULL;

      provisions = tandem_plan_parts_provisions_for (parts, tandem_record_get_id (outcome));
      evidence = tandem_store_list (store, TANDEM_TYPE_PLAN_EVIDENCE, "outcome_id = ?",
                                    params, error);
      if (evidence == NULL)
        return FALSE;

      json_builder_begin_object (builder);
      add_json_fields (builder, outcome);
      add_json_records (builder, "provisions", provisions);
      add_json_records (builder, "evidence", evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reviews");
  json_builder_begin_array (builder);
  for (guint r = 0; r < reviews->len; r++)
    {
      TandemRecord *review = g_ptr_array_index (reviews, r);
      g_autoptr(TandemPlanReviewParts) review_parts = NULL;

      review_parts = tandem_plans_load_review_parts (store, tandem_record_get_id (review), error);
      if (review_parts == NULL)
        return FALSE;

      json_builder_begin_object (builder);
      add_json_fields (builder, review);
      add_json_records (builder, "progress", review_parts->progress);
      add_json_records (builder, "evidence", review_parts->evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_json_records (builder, "versions", versions);
  return TRUE;
}

static gboolean
print_json (Lookup     *lookup,
            GType       type,
            GPtrArray  *records,
            GError    **error)
{
  g_autofree char *today = tandem_date_today ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);

      json_builder_begin_object (builder);
      add_json_fields (builder, record);

      /* Scripts want the room by name, not only its id. */
      if (type == TANDEM_TYPE_CHILD)
        {
          const char *room;

          if (!ref_name (lookup, "room_id", tandem_record_get_text (record, "room_id"),
                         &room, error))
            return FALSE;
          json_builder_set_member_name (builder, "room");
          if (room != NULL)
            json_builder_add_string_value (builder, room);
          else
            json_builder_add_null_value (builder);
        }

      if (type == TANDEM_TYPE_MEETING &&
          !add_meeting_parts (builder, lookup->store, record, error))
        return FALSE;

      if (type == TANDEM_TYPE_PLAN &&
          !add_plan_parts (builder, lookup->store, record, error))
        return FALSE;

      /* The follow-ups list marks what is late, as the app does. */
      if (type == TANDEM_TYPE_ACTION)
        {
          const char *due_on = tandem_record_get_text (record, "due_on");

          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder,
                                          tandem_record_get_text (record, "done_on") == NULL &&
                                          due_on != NULL && strcmp (due_on, today) < 0);
        }

      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  tandem_cli_print_utf8 (text);
  tandem_cli_print_utf8 ("\n");
  return TRUE;
}

/* One line, at most MAX_CELL characters, for a table cell. */
static char *
cell_text (const char *text)
{
  g_autofree char *line = g_strdup (text != NULL ? text : "");
  GString *cell;

  g_strdelimit (line, "\r\n\t", ' ');
  if (g_utf8_strlen (line, -1) <= MAX_CELL)
    return g_steal_pointer (&line);

  cell = g_string_new (NULL);
  g_string_append_len (cell, line, g_utf8_offset_to_pointer (line, MAX_CELL - 1) - line);
  g_string_append (cell, "…");
  return g_string_free (cell, FALSE);
}

static gboolean
format_cell (Lookup             *lookup,
             TandemRecord       *record,
             const TandemField  *field,
             char              **out,
             GError            **error)
{
  const char *text = NULL;
  const char *name;

  switch (field->type)
    {
    case TANDEM_FIELD_INT:
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, tandem_record_get_int (record, field->name));
      return TRUE;
    case TANDEM_FIELD_BOOL:
      *out = g_strdup (tandem_record_get_bool (record, field->name) ? _("yes") : _("no"));
      return TRUE;
    case TANDEM_FIELD_REF:
      if (!ref_name (lookup, field->name, tandem_record_get_text (record, field->name),
                     &name, error))
        return FALSE;
      *out = cell_text (name);
      return TRUE;
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    default:
      text = tandem_record_get_text (record, field->name);
      break;
    }

  /* Codes stored in the database read better as the app shows them. */
  if (text != NULL && g_str_equal (field->name, "send_status"))
    text = tandem_send_status_label (tandem_send_status_from_string (text));
  else if (text != NULL && g_str_equal (field->name, "kind") && TANDEM_IS_CONSENT (record))
    text = tandem_consent_kind_label (text);
  else if (text != NULL && g_str_equal (field->name, "role") && TANDEM_IS_KEYWORKER (record))
    text = tandem_keyworker_role_label (text);
  else if (text != NULL && g_str_equal (field->name, "contact_method"))
    text = tandem_contact_method_label (text);
  else if (text != NULL && g_str_equal (field->name, "kind") && TANDEM_IS_MEETING (record))
    text = tandem_meeting_kind_label (text);
  else if (text != NULL && g_str_equal (field->name, "status") && TANDEM_IS_MEETING (record))
    text = tandem_meeting_status_label (text);
  else if (text != NULL && g_str_equal (field->name, "format") && TANDEM_IS_MEETING (record))
    text = tandem_meeting_format_label (text);
  else if (text != NULL && g_str_equal (field->name, "owner") && TANDEM_IS_ACTION (record))
    text = tandem_action_owner_label (text);
  else if (text != NULL && g_str_equal (field->name, "status") && TANDEM_IS_PLAN (record))
    text = tandem_plan_status_label (text);
  else if (g_str_equal (field->name, "ehcp_status") && TANDEM_IS_PLAN (record))
    text = tandem_plan_ehcp_status_label (text);

  *out = cell_text (text);
  return TRUE;
}

static char *
count_phrase (GType  type,
              gint64 n)
{
  gulong count = n < 0 ? 0 : (gulong) n;

  if (type == TANDEM_TYPE_MEETING)
    return g_strdup_printf (ngettext ("%lu meeting", "%lu meetings", count), count);
  if (type == TANDEM_TYPE_ACTION)
    /* Translators: actions agreed at meetings with families. */
    return g_strdup_printf (ngettext ("%lu action", "%lu actions", count), count);
  if (type == TANDEM_TYPE_PLAN)
    return g_strdup_printf (ngettext ("%lu support plan", "%lu support plans", count), count);
  return tandem_cli_count_phrase (type, n);
}

static gboolean
print_table (Lookup          *lookup,
             const ListSpec  *spec,
             GPtrArray       *records,
             GError         **error)
{
  GType type = spec->get_type ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint *widths = NULL;
  guint n_columns;

  if (records->len == 0)
    {
      /* An empty table says nothing; "0 children." does. */
      g_autofree char *none = count_phrase (type, 0);

      g_print ("%s.\n", none);
      return TRUE;
    }

  /* Translators: column heading for a record's identifier. */
  g_strv_builder_add (header, _("ID"));
  for (guint c = 0; spec->columns[c] != NULL; c++)
    {
      const TandemField *field = tandem_record_type_find_field (type, spec->columns[c]);

      g_assert (field != NULL);
      g_ptr_array_add (fields, (gpointer) field);
      g_strv_builder_add (header, field->label ? _(field->label) : field->name);
    }
  g_ptr_array_add (rows, g_strv_builder_end (header));
  n_columns = fields->len + 1;

  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);
      char **row = g_new0 (char *, n_columns + 1);

      row[0] = g_strdup (tandem_record_get_id (record));
      for (guint c = 0; c < fields->len; c++)
        if (!format_cell (lookup, record, g_ptr_array_index (fields, c), &row[c + 1], error))
          {
            g_strfreev (row);
            return FALSE;
          }
      g_ptr_array_add (rows, row);
    }

  widths = g_new0 (guint, n_columns);
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        {
          g_string_append (out, row[c]);
          if (c + 1 < n_columns)
            g_string_append_printf (out, "%*s",
                                    (int) (widths[c] - g_utf8_strlen (row[c], -1) + 2), "");
        }

      /* Empty cells at the end of a row leave no trailing spaces. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  g_print ("%s", out->str);
  return TRUE;
}

static int
run_list (const TandemCliCommand  *command,
          char                   **args)
{
  const ListSpec *spec = command->data;
  gboolean json = FALSE;
  gboolean open = FALSE;
  g_autofree char *child_id = NULL;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array with every field, for scripts"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry child_entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array with every field, for scripts"), NULL },
    { "child", 'c', 0, G_OPTION_ARG_STRING, &child_id,
      N_("Only those of the child with this id"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry open_entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array with every field, for scripts"), NULL },
    { "child", 'c', 0, G_OPTION_ARG_STRING, &child_id,
      N_("Only those of the child with this id"), N_("ID") },
    { "open", 'o', 0, G_OPTION_ARG_NONE, &open,
      N_("Only those not done yet, overdue first"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Lookup) lookup = { NULL, NULL };
  GType type = spec->get_type ();
  gboolean ok;

  if (!tandem_cli_parse (command, spec->has_open ? open_entries
                                 : spec->by_child ? child_entries : entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;
  lookup.store = store;

  if (child_id != NULL)
    {
      const char * const params[] = { child_id, NULL };

      if (tandem_store_count (store, TANDEM_TYPE_CHILD, "id = ?", params, &error) <= 0)
        {
          if (error != NULL)
            tandem_cli_gerror (error);
          else
            /* Translators: %s is an identifier given on the command line. */
            tandem_cli_error (_("There is no child with the id %s."), child_id);
          return TANDEM_CLI_EXIT_FAILED;
        }

      if (spec->load == NULL)
        records = tandem_store_list (store, type, "child_id = ?", params, &error);
    }
  else if (spec->load == NULL)
    {
      records = tandem_store_list (store, type, NULL, NULL, &error);
    }

  if (spec->load != NULL)
    records = spec->load (store, child_id, open, &error);

  if (records == NULL)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (json)
    ok = print_json (&lookup, type, records, &error);
  else
    ok = print_table (&lookup, spec, records, &error);

  if (!ok)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  return TANDEM_CLI_EXIT_OK;
}

/* The longest --days that makes sense: a plan is reviewed at least once a
 * year. */
#define MAX_DUE_DAYS 366

/* "overdue by 3 days", "today", "in 5 days": as the reviews page says it. */
static char *
due_phrase (int days)
{
  if (days < 0)
    /* Translators: a support plan's review date has passed. */
    return g_strdup_printf (ngettext ("overdue by %d day", "overdue by %d days", -days), -days);
  if (days == 0)
    /* Translators: a support plan's review is due today. */
    return g_strdup (_("due today"));
  /* Translators: a support plan's review is due in this many days. */
  return g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
}

static int
run_reviews_due (const TandemCliCommand  *command,
                 char                   **args)
{
  gboolean json = FALSE;
  int days = 14;
  g_autofree char *today = NULL;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array, for scripts"), NULL },
    { "days", 'n', 0, G_OPTION_ARG_INT, &days,
      N_("Reviews due within this many days, and overdue ones (default: 14)"), N_("N") },
    { "today", 't', 0, G_OPTION_ARG_STRING, &today,
      N_("Count from this day instead of today"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Lookup) lookup = { NULL, NULL };

  if (!tandem_cli_parse (command, entries, &args, 0))
    return TANDEM_CLI_EXIT_USAGE;

  if (days < 0 || days > MAX_DUE_DAYS)
    {
      /* Translators: %d is the largest number allowed. */
      tandem_cli_error (_("--days must be a number from 0 to %d."), MAX_DUE_DAYS);
      return TANDEM_CLI_EXIT_USAGE;
    }
  if (today != NULL && !tandem_date_is_valid (today))
    {
      /* Translators: %s is what was given on the command line. */
      tandem_cli_error (_("--today must be a date written YYYY-MM-DD, not “%s”."), today);
      return TANDEM_CLI_EXIT_USAGE;
    }
  if (today == NULL)
    today = tandem_date_today ();

  store = tandem_cli_open_store (FALSE);
  if (store == NULL)
    return TANDEM_CLI_EXIT_FAILED;
  lookup.store = store;

  plans = tandem_plans_due (store, today, days, &error);
  if (plans == NULL)
    {
      tandem_cli_gerror (error);
      return TANDEM_CLI_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < plans->len; i++)
        {
          TandemPlan *plan = g_ptr_array_index (plans, i);
          TandemRecord *record = TANDEM_RECORD (plan);
          const char *child_id = tandem_record_get_text (record, "child_id");
          int to_review = tandem_plan_days_to_review (plan, today);
          const char *name;

          if (!ref_name (&lookup, "child_id", child_id, &name, &error))
            {
              tandem_cli_gerror (error);
              return TANDEM_CLI_EXIT_FAILED;
            }

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "plan_id");
          json_builder_add_string_value (builder, tandem_record_get_id (record));
          json_builder_set_member_name (builder, "child_id");
          json_builder_add_string_value (builder, child_id);
          json_builder_set_member_name (builder, "child_name");
          json_builder_add_string_value (builder, name);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, tandem_record_get_text (record, "status"));
          json_builder_set_member_name (builder, "next_review_on");
          json_builder_add_string_value (builder,
                                         tandem_record_get_text (record, "next_review_on"));
          json_builder_set_member_name (builder, "days_to_review");
          json_builder_add_int_value (builder, to_review);
          json_builder_set_member_name (builder, "overdue");
          json_builder_add_boolean_value (builder, to_review < 0);
          json_builder_set_member_name (builder, "lacks_strengths");
          json_builder_add_boolean_value (builder, tandem_plan_lacks_strengths (plan));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      tandem_cli_print_utf8 (text);
      tandem_cli_print_utf8 ("\n");
      return TANDEM_CLI_EXIT_OK;
    }

  if (plans->len == 0)
    {
      /* Translators: %d is a number of days. */
      g_print (ngettext ("No support plan reviews are due in the next %d day.\n",
                         "No support plan reviews are due in the next %d days.\n", days), days);
      return TANDEM_CLI_EXIT_OK;
    }

  for (guint i = 0; i < plans->len; i++)
    {
      TandemPlan *plan = g_ptr_array_index (plans, i);
      TandemRecord *record = TANDEM_RECORD (plan);
      g_autofree char *when = due_phrase (tandem_plan_days_to_review (plan, today));
      g_autofree char *date = tandem_date_format_long (tandem_record_get_text (record,
                                                                               "next_review_on"));
      const char *name;

      if (!ref_name (&lookup, "child_id", tandem_record_get_text (record, "child_id"), &name,
                     &error))
        {
          tandem_cli_gerror (error);
          return TANDEM_CLI_EXIT_FAILED;
        }

      /* Translators: one support plan review due: the child's name, the date, how soon
       * ("in 5 days", "overdue by 2 days") and the plan's status ("Active"). */
      g_print (_("%1$s: %2$s, %3$s (%4$s)"), name, date, when,
               tandem_plan_status_label (tandem_record_get_text (record, "status")));
      if (tandem_plan_lacks_strengths (plan))
        /* Translators: follows a plan in the list of reviews due. */
        g_print (" — %s", _("no strengths recorded"));
      g_print ("  [%s]\n", tandem_record_get_id (record));
    }

  return TANDEM_CLI_EXIT_OK;
}

static const char * const child_columns[] = {
  "given_name", "preferred_name", "family_name", "date_of_birth", "room_id", "keyworker_id",
  "send_status", NULL
};
static const char * const room_columns[] = { "name", NULL };
static const char * const keyworker_columns[] = { "name", "role", "room_id", "email", NULL };
static const char * const carer_columns[] = {
  "full_name", "relationship", "child_id", "household", "preferred_language",
  "contact_method", NULL
};
static const char * const consent_columns[] = {
  "child_id", "kind", "granted", "professional", "carer_id", "given_on", "withdrawn_on", NULL
};

static const char * const meeting_columns[] = {
  "meets_on", "starts_at", "kind", "status", "child_id", "format", NULL
};
static const char * const action_columns[] = {
  "due_on", "what", "owner", "owner_carer_id", "owner_name", "child_id", "done_on", NULL
};

/* A child's meetings as the app lists them: upcoming first, soonest first,
 * then past ones, latest first. Everyone's are by date. */
static GPtrArray *
load_meetings (TandemStore  *store,
               const char   *child_id,
               gboolean      open,
               GError      **error)
{
  if (child_id != NULL)
    return tandem_meetings_for_child (store, child_id, error);
  return tandem_store_list (store, TANDEM_TYPE_MEETING, NULL, NULL, error);
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  TandemRecord *x = *(TandemRecord **) a;
  TandemRecord *y = *(TandemRecord **) b;
  const char *x_due = tandem_record_get_text (x, "due_on");
  const char *y_due = tandem_record_get_text (y, "due_on");

  if ((x_due == NULL) != (y_due == NULL))
    return x_due == NULL ? 1 : -1;
  return g_strcmp0 (x_due, y_due);
}

/* With --open the follow-ups, as the app shows them; otherwise every action
 * of live meetings, done ones too, by due date. */
static GPtrArray *
load_actions (TandemStore  *store,
              const char   *child_id,
              gboolean      open,
              GError      **error)
{
  GPtrArray *actions;

  if (open)
    {
      g_autofree char *today = tandem_date_today ();

      return tandem_meetings_open_actions (store, child_id, today, error);
    }

  if (child_id != NULL)
    actions = tandem_store_list (store, TANDEM_TYPE_ACTION,
                                 "child_id = ?1 AND meeting_id IN "
                                 "(SELECT id FROM meetings WHERE deleted = 0)",
                                 (const char * const []) { child_id, NULL }, error);
  else
    actions = tandem_store_list (store, TANDEM_TYPE_ACTION,
                                 "meeting_id IN (SELECT id FROM meetings WHERE deleted = 0)",
                                 NULL, error);
  if (actions != NULL)
    g_ptr_array_sort (actions, compare_actions);
  return actions;
}

static const char * const plan_columns[] = {
  "child_id", "status", "starts_on", "next_review_on", "ehcp_status", "closed_on", NULL
};

/* A child's plans as the app lists them: the open one first, then closed
 * ones, latest first. Everyone's are by child, the same way. */
static GPtrArray *
load_plans (TandemStore  *store,
            const char   *child_id,
            gboolean      open,
            GError      **error)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  if (child_id != NULL)
    return tandem_plans_for_child (store, child_id, error);

  children = tandem_store_list (store, TANDEM_TYPE_CHILD, NULL, NULL, error);
  if (children == NULL)
    return NULL;
  plans = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < children->len; i++)
    {
      g_autoptr(GPtrArray) theirs = NULL;

      theirs = tandem_plans_for_child (store,
                                       tandem_record_get_id (g_ptr_array_index (children, i)),
                                       error);
      if (theirs == NULL)
        return NULL;
      for (guint p = 0; p < theirs->len; p++)
        g_ptr_array_add (plans, g_object_ref (g_ptr_array_index (theirs, p)));
    }
  return g_steal_pointer (&plans);
}

static const ListSpec list_children = { tandem_child_get_type, child_columns, FALSE };
static const ListSpec list_rooms = { tandem_room_get_type, room_columns, FALSE };
static const ListSpec list_keyworkers = { tandem_keyworker_get_type, keyworker_columns, FALSE };
static const ListSpec list_carers = { tandem_carer_get_type, carer_columns, TRUE };
static const ListSpec list_consents = { tandem_consent_get_type, consent_columns, TRUE };
static const ListSpec list_meetings = {
  tandem_meeting_get_type, meeting_columns, TRUE, load_meetings, FALSE
};
static const ListSpec list_actions = {
  tandem_action_get_type, action_columns, TRUE, load_actions, TRUE
};
static const ListSpec list_plans = {
  tandem_plan_get_type, plan_columns, TRUE, load_plans, FALSE
};

const TandemCliCommand tandem_cli_list_commands[] = {
  { "list", "children", NULL, N_("List the children"), run_list, &list_children },
  { "list", "rooms", NULL, N_("List the rooms"), run_list, &list_rooms },
  { "list", "keyworkers", NULL, N_("List the keyworkers"), run_list, &list_keyworkers },
  { "list", "carers", NULL, N_("List the carers, of every child or of one"), run_list,
    &list_carers },
  { "list", "consents", NULL, N_("List the consents, of every child or of one"), run_list,
    &list_consents },
  { "list", "meetings", NULL, N_("List the meetings with families, of every child or of one"),
    run_list, &list_meetings },
  { "list", "actions", NULL, N_("List the actions agreed at meetings; --open for the "
                                "follow-ups"), run_list, &list_actions },
  { "list", "plans", NULL, N_("List the support plans with their outcomes and reviews, of "
                              "every child or of one"), run_list, &list_plans },
  { "list", "reviews-due", NULL, N_("List the support plan reviews due soon, overdue first"),
    run_reviews_due, NULL },
  { NULL }
};
