/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-record.h"

typedef struct
{
  char     *id;
  char     *created_at;
  char     *updated_at;
  gboolean  deleted;
  GValue   *values;
} TandemRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TandemRecord, tandem_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrives in GLib 2.76; Debian 12 has 2.74. */
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}
static GHashTable *types_by_table;
G_LOCK_DEFINE_STATIC (types_by_table);

static GType
value_gtype (TandemFieldType type)
{
  switch (type)
    {
    case TANDEM_FIELD_INT:
      return G_TYPE_INT64;
    case TANDEM_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      return G_TYPE_STRING;
    }
}

/* Values are allocated on first use: during instance init the class of the
 * concrete type is not yet known to the base class. */
static GValue *
ensure_values (TandemRecord *self)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (self);

  if (priv->values == NULL && klass->n_fields > 0)
    {
      priv->values = g_new0 (GValue, klass->n_fields);
      for (guint i = 0; i < klass->n_fields; i++)
        g_value_init (&priv->values[i], value_gtype (klass->fields[i].type));
    }

  return priv->values;
}

static int
field_index (TandemRecord *self,
             const char   *field)
{
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].name, field) == 0)
      return (int) i;

  return -1;
}

static void
tandem_record_finalize (GObject *object)
{
  TandemRecord *self = TANDEM_RECORD (object);
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (self);

  if (priv->values != NULL)
    {
      for (guint i = 0; i < klass->n_fields; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }

  g_free (priv->id);
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (tandem_record_parent_class)->finalize (object);
}

static void
tandem_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TandemRecord *self = TANDEM_RECORD (object);
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    case PROP_DELETED:
      g_value_set_boolean (value, priv->deleted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_record_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TandemRecord *self = TANDEM_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      tandem_record_set_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The field properties of every record type share these two functions; the
 * property id is the field index plus one. */
static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  TandemRecord *self = TANDEM_RECORD (object);
  GValue *values = ensure_values (self);

  g_value_copy (&values[prop_id - 1], value);
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  tandem_record_set_value (TANDEM_RECORD (object), prop_id - 1, value);
}

static void
tandem_record_class_init (TandemRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_record_finalize;
  object_class->get_property = tandem_record_get_property;
  object_class->set_property = tandem_record_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_record_init (TandemRecord *self)
{
}

/**
 * tandem_record_class_set_table:
 * @klass: a record class, in its class_init
 * @table: the SQLite table
 * @order_by: the ORDER BY clause for lists
 * @fields: (array length=n_fields): the fields, in column order; static
 * @n_fields: how many
 *
 * Declares the table and fields of a record type and installs one property
 * per field.
 */
void
tandem_record_class_set_table (TandemRecordClass *klass,
                               const char        *table,
                               const char        *order_by,
                               const TandemField *fields,
                               guint              n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->table = table;
  klass->order_by = order_by;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->field_pspecs = g_new0 (GParamSpec *, n_fields);

  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *prop = g_strdelimit (g_strdup (fields[i].name), "_", '-');
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY;
      GParamSpec *pspec;

      switch (fields[i].type)
        {
        case TANDEM_FIELD_INT:
          pspec = g_param_spec_int64 (prop, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case TANDEM_FIELD_BOOL:
          pspec = g_param_spec_boolean (prop, NULL, NULL, FALSE, flags);
          break;
        case TANDEM_FIELD_TEXT:
        case TANDEM_FIELD_DATE:
        case TANDEM_FIELD_REF:
        default:
          pspec = g_param_spec_string (prop, NULL, NULL, NULL, flags);
          break;
        }

      klass->field_pspecs[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }

  G_LOCK (types_by_table);
  if (types_by_table == NULL)
    types_by_table = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (types_by_table, (gpointer) table,
                       GSIZE_TO_POINTER (G_TYPE_FROM_CLASS (klass)));
  G_UNLOCK (types_by_table);
}

/**
 * tandem_record_new:
 * @type: a record type
 *
 * Returns: (transfer full): a new record with a fresh UUID
 */
TandemRecord *
tandem_record_new (GType type)
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (g_type_is_a (type, TANDEM_TYPE_RECORD), NULL);

  return g_object_new (type, "id", uuid, NULL);
}

const char *
tandem_record_get_id (TandemRecord *self)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);

  g_return_val_if_fail (TANDEM_IS_RECORD (self), NULL);
  return priv->id;
}

void
tandem_record_set_id (TandemRecord *self,
                      const char   *id)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);

  g_return_if_fail (TANDEM_IS_RECORD (self));

  if (set_str (&priv->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
tandem_record_get_created_at (TandemRecord *self)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);

  return priv->created_at;
}

const char *
tandem_record_get_updated_at (TandemRecord *self)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);

  return priv->updated_at;
}

gboolean
tandem_record_get_deleted (TandemRecord *self)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);

  return priv->deleted;
}

void
_tandem_record_set_meta (TandemRecord *self,
                         const char   *created_at,
                         const char   *updated_at,
                         gboolean      deleted)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);

  set_str (&priv->created_at, created_at);
  set_str (&priv->updated_at, updated_at);
  if (priv->deleted != !!deleted)
    {
      priv->deleted = !!deleted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
    }
}

const char *
tandem_record_type_get_table (GType type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  return TANDEM_RECORD_CLASS (klass)->table;
}

/**
 * tandem_record_type_get_fields:
 * @type: a record type
 * @n_fields: (out): how many fields
 *
 * Returns: (array length=n_fields) (transfer none): the fields of @type
 */
const TandemField *
tandem_record_type_get_fields (GType  type,
                               guint *n_fields)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  *n_fields = TANDEM_RECORD_CLASS (klass)->n_fields;
  return TANDEM_RECORD_CLASS (klass)->fields;
}

/**
 * tandem_record_type_find_field:
 * @type: a record type
 * @name: a column name
 *
 * Returns: (nullable) (transfer none): the field called @name
 */
const TandemField *
tandem_record_type_find_field (GType       type,
                               const char *name)
{
  guint n_fields;
  const TandemField *fields = tandem_record_type_get_fields (type, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return &fields[i];

  return NULL;
}

/**
 * tandem_record_type_from_table:
 * @table: a table name
 *
 * Returns: the record type stored in @table, or %G_TYPE_INVALID. Only types
 * whose class has been initialised are known; tandem_records_init() does that
 * for all of them.
 */
GType
tandem_record_type_from_table (const char *table)
{
  GType type = G_TYPE_INVALID;

  G_LOCK (types_by_table);
  if (types_by_table != NULL)
    type = GPOINTER_TO_SIZE (g_hash_table_lookup (types_by_table, table));
  G_UNLOCK (types_by_table);

  return type;
}

const GValue *
tandem_record_get_value (TandemRecord *self,
                         guint         index)
{
  g_return_val_if_fail (TANDEM_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < TANDEM_RECORD_GET_CLASS (self)->n_fields, NULL);

  return &ensure_values (self)[index];
}

gboolean
tandem_record_values_equal (TandemFieldType  type,
                            const GValue    *a,
                            const GValue    *b)
{
  switch (type)
    {
    case TANDEM_FIELD_INT:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case TANDEM_FIELD_BOOL:
      return !g_value_get_boolean (a) == !g_value_get_boolean (b);
    case TANDEM_FIELD_TEXT:
    case TANDEM_FIELD_DATE:
    case TANDEM_FIELD_REF:
    default:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    }
}

/**
 * tandem_record_set_value:
 * @self: a record
 * @index: the field index
 * @value: a value of the field's type
 *
 * Sets a field, notifying its property only when the value changes. Empty
 * text is stored as no value, so an untouched entry and a cleared one compare
 * equal.
 */
void
tandem_record_set_value (TandemRecord *self,
                         guint         index,
                         const GValue *value)
{
  TandemRecordClass *klass;
  GValue *values;
  const TandemField *field;

  g_return_if_fail (TANDEM_IS_RECORD (self));
  klass = TANDEM_RECORD_GET_CLASS (self);
  g_return_if_fail (index < klass->n_fields);

  values = ensure_values (self);
  field = &klass->fields[index];

  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *text = g_value_get_string (value);
      g_auto(GValue) normal = G_VALUE_INIT;

      g_value_init (&normal, G_TYPE_STRING);
      if (text != NULL && *text != '\0')
        g_value_set_string (&normal, text);

      if (tandem_record_values_equal (field->type, &values[index], &normal))
        return;
      g_value_copy (&normal, &values[index]);
    }
  else
    {
      if (tandem_record_values_equal (field->type, &values[index], value))
        return;
      g_value_copy (value, &values[index]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), klass->field_pspecs[index]);
}

static int
checked_index (TandemRecord *self,
               const char   *field)
{
  int index = field_index (self, field);

  if (index < 0)
    g_critical ("%s has no field %s", G_OBJECT_TYPE_NAME (self), field);
  return index;
}

const char *
tandem_record_get_text (TandemRecord *self,
                        const char   *field)
{
  int index;

  g_return_val_if_fail (TANDEM_IS_RECORD (self), NULL);
  if ((index = checked_index (self, field)) < 0)
    return NULL;
  return g_value_get_string (&ensure_values (self)[index]);
}

void
tandem_record_set_text (TandemRecord *self,
                        const char   *field,
                        const char   *value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;
  int index;

  g_return_if_fail (TANDEM_IS_RECORD (self));
  if ((index = checked_index (self, field)) < 0)
    return;
  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  tandem_record_set_value (self, index, &gvalue);
}

gint64
tandem_record_get_int (TandemRecord *self,
                       const char   *field)
{
  int index;

  g_return_val_if_fail (TANDEM_IS_RECORD (self), 0);
  if ((index = checked_index (self, field)) < 0)
    return 0;
  return g_value_get_int64 (&ensure_values (self)[index]);
}

void
tandem_record_set_int (TandemRecord *self,
                       const char   *field,
                       gint64        value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;
  int index;

  g_return_if_fail (TANDEM_IS_RECORD (self));
  if ((index = checked_index (self, field)) < 0)
    return;
  g_value_init (&gvalue, G_TYPE_INT64);
  g_value_set_int64 (&gvalue, value);
  tandem_record_set_value (self, index, &gvalue);
}

gboolean
tandem_record_get_bool (TandemRecord *self,
                        const char   *field)
{
  int index;

  g_return_val_if_fail (TANDEM_IS_RECORD (self), FALSE);
  if ((index = checked_index (self, field)) < 0)
    return FALSE;
  return g_value_get_boolean (&ensure_values (self)[index]);
}

void
tandem_record_set_bool (TandemRecord *self,
                        const char   *field,
                        gboolean      value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;
  int index;

  g_return_if_fail (TANDEM_IS_RECORD (self));
  if ((index = checked_index (self, field)) < 0)
    return;
  g_value_init (&gvalue, G_TYPE_BOOLEAN);
  g_value_set_boolean (&gvalue, !!value);
  tandem_record_set_value (self, index, &gvalue);
}

/**
 * tandem_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): an independent copy with the same id, for an
 *   editor that may be cancelled
 */
TandemRecord *
tandem_record_copy (TandemRecord *self)
{
  TandemRecordPrivate *priv = tandem_record_get_instance_private (self);
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (self);
  TandemRecord *copy;

  copy = g_object_new (G_OBJECT_TYPE (self), "id", priv->id, NULL);
  for (guint i = 0; i < klass->n_fields; i++)
    tandem_record_set_value (copy, i, tandem_record_get_value (self, i));
  _tandem_record_set_meta (copy, priv->created_at, priv->updated_at, priv->deleted);

  return copy;
}

gboolean
tandem_date_is_valid (const char *iso_date)
{
  int y, m, d;
  char extra;

  if (iso_date == NULL || strlen (iso_date) != 10)
    return FALSE;
  if (sscanf (iso_date, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
    return FALSE;
  if (iso_date[4] != '-' || iso_date[7] != '-')
    return FALSE;

  return y > 0 && g_date_valid_dmy (d, m, y);
}

/**
 * tandem_record_validate:
 * @self: a record
 * @error: where to put the reason
 *
 * Checks required fields, dates and UTF-8 text before a record is saved.
 *
 * Returns: %TRUE when the record can be saved
 */
gboolean
tandem_record_validate (TandemRecord  *self,
                        GError       **error)
{
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (self);
  GValue *values = ensure_values (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const TandemField *field = &klass->fields[i];
      const char *label = field->label != NULL ? _(field->label) : field->name;

      if (G_VALUE_HOLDS_STRING (&values[i]))
        {
          const char *text = g_value_get_string (&values[i]);

          if (text == NULL)
            {
              if (field->flags & TANDEM_FIELD_REQUIRED)
                {
                  /* Translators: %s is the name of a field, e.g. "Given name". */
                  g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                               _("%s is required."), label);
                  return FALSE;
                }
              continue;
            }

          if (!g_utf8_validate (text, -1, NULL))
            {
              /* Translators: %s is the name of a field. */
              g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("%s contains text that is not valid UTF-8."), label);
              return FALSE;
            }

          if (field->type == TANDEM_FIELD_DATE && !tandem_date_is_valid (text))
            {
              /* Translators: %s is the name of a field, the second %s what was typed. */
              g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("%s must be a date written as YYYY-MM-DD, not “%s”."),
                           label, text);
              return FALSE;
            }
        }
    }

  if (klass->validate != NULL)
    return klass->validate (self, error);

  return TRUE;
}
