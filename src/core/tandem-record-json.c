/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Records to and from JSON, one way for every writer and reader. */

#include "tandem-record-json-private.h"

/**
 * _tandem_record_add_json:
 * @builder: a builder where a value is expected
 * @record: a record
 *
 * Adds @record to @builder as one JSON object.
 */
void
_tandem_record_add_json (JsonBuilder  *builder,
                         TandemRecord *record)
{
  guint n_fields;
  const TandemField *fields = tandem_record_type_get_fields (G_OBJECT_TYPE (record), &n_fields);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, tandem_record_get_id (record));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, tandem_record_get_created_at (record));
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, tandem_record_get_updated_at (record));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, tandem_record_get_deleted (record));

  for (guint i = 0; i < n_fields; i++)
    {
      const TandemField *field = &fields[i];
      const GValue *value = tandem_record_get_value (record, i);

      json_builder_set_member_name (builder, field->name);
      switch (field->type)
        {
        case TANDEM_FIELD_INT:
          json_builder_add_int_value (builder, g_value_get_int64 (value));
          break;
        case TANDEM_FIELD_BOOL:
          json_builder_add_boolean_value (builder, g_value_get_boolean (value));
          break;
        case TANDEM_FIELD_TEXT:
        case TANDEM_FIELD_DATE:
        case TANDEM_FIELD_REF:
        default:
          if (g_value_get_string (value) != NULL)
            json_builder_add_string_value (builder, g_value_get_string (value));
          else
            json_builder_add_null_value (builder);
          break;
        }
    }

  json_builder_end_object (builder);
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/**
 * _tandem_record_set_json_field:
 * @record: a record
 * @index: the field's index in its type's field table
 * @field: that field
 * @node: the value as _tandem_record_add_json() wrote it
 *
 * Returns: %FALSE, changing nothing, when @node has the wrong type
 */
gboolean
_tandem_record_set_json_field (TandemRecord       *record,
                               guint               index,
                               const TandemField  *field,
                               JsonNode           *node)
{
  g_auto(GValue) value = G_VALUE_INIT;

  switch (field->type)
    {
    case TANDEM_FIELD_INT:
      if (!holds (node, G_TYPE_INT64))
        return FALSE;
      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, json_node_get_int (node));
      break;
    case TANDEM_FIELD_BOOL:
      if (!holds (node, G_TYPE_BOOLEAN))
        return FALSE;
      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, json_node_get_boolean (node));
      break;
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      g_value_init (&value, G_TYPE_STRING);
      if (node != NULL && JSON_NODE_HOLDS_NULL (node))
        break;
      if (!holds (node, G_TYPE_STRING))
        return FALSE;
      g_value_set_string (&value, json_node_get_string (node));
      break;
    }

  tandem_record_set_value (record, index, &value);
  return TRUE;
}
