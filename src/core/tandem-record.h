/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TandemFieldType:
 * @TANDEM_FIELD_TEXT: free text (an empty string is stored as NULL)
 * @TANDEM_FIELD_INT: a whole number
 * @TANDEM_FIELD_BOOL: yes or no
 * @TANDEM_FIELD_DATE: an ISO 8601 calendar date, `YYYY-MM-DD`
 * @TANDEM_FIELD_REF: the id of another record
 */
typedef enum {
  TANDEM_FIELD_TEXT,
  TANDEM_FIELD_INT,
  TANDEM_FIELD_BOOL,
  TANDEM_FIELD_DATE,
  TANDEM_FIELD_REF,
} TandemFieldType;

/**
 * TandemFieldFlags:
 * @TANDEM_FIELD_REQUIRED: a record cannot be saved without it
 * @TANDEM_FIELD_LONG_TEXT: prose a person wrote; a concurrent edit keeps the losing
 *   version for review instead of dropping it
 * @TANDEM_FIELD_INTERNAL: for practitioners only; never reaches a family
 * @TANDEM_FIELD_BLOB: the text is a blob store hash (a photo, a logo); sync
 *   sends the file along with the record
 */
typedef enum {
  TANDEM_FIELD_NONE      = 0,
  TANDEM_FIELD_REQUIRED  = 1 << 0,
  TANDEM_FIELD_LONG_TEXT = 1 << 1,
  TANDEM_FIELD_INTERNAL  = 1 << 2,
  TANDEM_FIELD_BLOB      = 1 << 3,
} TandemFieldFlags;

/**
 * TandemField:
 * @name: the column name, e.g. `given_name`; the property is `given-name`
 * @type: the kind of value
 * @flags: how the value is treated
 * @label: (nullable): a translatable name for messages, marked with N_()
 *
 * One field of a record type. Each record type lists its fields once and the
 * store, the JSON export and sync all work from that list.
 */
typedef struct {
  const char       *name;
  TandemFieldType   type;
  TandemFieldFlags  flags;
  const char       *label;
} TandemField;

#define TANDEM_TYPE_RECORD (tandem_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (TandemRecord, tandem_record, TANDEM, RECORD, GObject)

struct _TandemRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  const char        *table;
  const char        *order_by;
  const TandemField *fields;
  guint              n_fields;
  GParamSpec       **field_pspecs;

  gboolean (*validate) (TandemRecord  *self,
                        GError       **error);

  gpointer padding[8];
};

void               tandem_record_class_set_table   (TandemRecordClass *klass,
                                                    const char        *table,
                                                    const char        *order_by,
                                                    const TandemField *fields,
                                                    guint              n_fields);

TandemRecord      *tandem_record_new               (GType              type);
const char        *tandem_record_get_id            (TandemRecord      *self);
void               tandem_record_set_id            (TandemRecord      *self,
                                                    const char        *id);
const char        *tandem_record_get_created_at    (TandemRecord      *self);
const char        *tandem_record_get_updated_at    (TandemRecord      *self);
gboolean           tandem_record_get_deleted       (TandemRecord      *self);

const char        *tandem_record_type_get_table    (GType              type);
const TandemField *tandem_record_type_get_fields   (GType              type,
                                                    guint             *n_fields);
const TandemField *tandem_record_type_find_field   (GType              type,
                                                    const char        *name);
GType              tandem_record_type_from_table   (const char        *table);

const char        *tandem_record_get_text          (TandemRecord      *self,
                                                    const char        *field);
void               tandem_record_set_text          (TandemRecord      *self,
                                                    const char        *field,
                                                    const char        *value);
gint64             tandem_record_get_int           (TandemRecord      *self,
                                                    const char        *field);
void               tandem_record_set_int           (TandemRecord      *self,
                                                    const char        *field,
                                                    gint64             value);
gboolean           tandem_record_get_bool          (TandemRecord      *self,
                                                    const char        *field);
void               tandem_record_set_bool          (TandemRecord      *self,
                                                    const char        *field,
                                                    gboolean           value);

const GValue      *tandem_record_get_value         (TandemRecord      *self,
                                                    guint              index);
void               tandem_record_set_value         (TandemRecord      *self,
                                                    guint              index,
                                                    const GValue      *value);
gboolean           tandem_record_values_equal      (TandemFieldType    type,
                                                    const GValue      *a,
                                                    const GValue      *b);
TandemRecord      *tandem_record_copy              (TandemRecord      *self);
gboolean           tandem_record_validate          (TandemRecord      *self,
                                                    GError           **error);

/* Used by the store when it loads or saves a row. */
void               _tandem_record_set_meta         (TandemRecord      *self,
                                                    const char        *created_at,
                                                    const char        *updated_at,
                                                    gboolean           deleted);

gboolean           tandem_date_is_valid            (const char        *iso_date);

G_END_DECLS
