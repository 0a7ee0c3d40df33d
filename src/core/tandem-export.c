/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The JSON export, format version 1
 * ================================
 *
 * An export is a folder:
 *
 *   DIR/tandem.json        the records
 *   DIR/blobs/<sha256>     each photo or logo a record refers to, named by
 *                          the SHA-256 of its contents (lower-case hex)
 *
 * The folder is created private to the user (0700) and must be new or empty,
 * so that nothing from an earlier export is mixed into a family's copy; every
 * file is written 0600. tandem.json is written last: a folder without it is
 * not a finished export.
 *
 * tandem.json, pretty-printed UTF-8:
 *
 *   {
 *     "format": "tandem-export",
 *     "version": 1,
 *     "exported_at": "2026-03-01T09:30:00Z",      UTC, ISO 8601
 *     "schema_version": 1,                          the database schema it came from
 *     "scope": "setting",                           or "child"
 *     "child_id": null,                             the child's id when scope is "child"
 *     "records": {
 *       "settings": [ … ], "rooms": [ … ], "keyworkers": [ … ],
 *       "children": [ … ], "carers": [ … ], "consents": [ … ]
 *     },
 *     "blobs": [
 *       { "hash": "<sha256>", "mime": "image/jpeg", "size": 48213 }
 *     ]
 *   }
 *
 * "records" has one array per table, in dependency order (a record comes
 * after the records it refers to); later record types join automatically.
 * Each record is an object:
 *
 *   { "id": "<uuid>", "created_at": "…", "updated_at": "…", "deleted": false,
 *     "given_name": "Amara", "date_of_birth": "2022-03-14", "notice_days": 2,
 *     "interpreter_needed": true, "notes": null, … }
 *
 * with every field of its type under its column name: text, dates (YYYY-MM-DD)
 * and references (the id of another record) as a string or null, whole numbers
 * as numbers, yes/no as true/false. created_at and updated_at are UTC ISO 8601
 * times.
 *
 * Scope "setting" holds every record, deleted ones (tombstones) included, so
 * that moving a setting to a new database is faithful. Scope "child" is a
 * family's subject-access copy or a transfer to the child's next setting: the
 * child; every record of a type with a child_id field that points to the
 * child (carers, consents, …); the records the child refers to (room,
 * keyworker); and the setting row; deleted records are left out.
 *
 * A child's learning journal comes too, and only what is this child's:
 *
 *   observations          those about the child (with an observation_children
 *                         row for the child), group observations included
 *   observation_children  only the child's own rows: the other children of a
 *                         group observation are not named
 *   photos                of those observations, except a photo in which
 *                         another child appears (photo_children): it is not
 *                         this child's family's to receive
 *   photo_children        only the child's own rows, of the photos exported
 *   comments              on those observations, by practitioners or by the
 *                         child's own carers; another family's comment on a
 *                         group observation is theirs
 *   keyworkers            also the authors of those observations and comments
 *
 * and the child's meetings with everything that belongs to them:
 *
 *   meetings              the child's (child_id)
 *   meeting_carers,       of those meetings
 *   meeting_adjustments,
 *   meeting_views
 *   meeting_strengths     of those meetings, naming observations exported
 *   actions               of those meetings
 *
 * and the child's support plans, with everything that belongs to them:
 *
 *   plans                 the child's (child_id)
 *   plan_professionals,   of those plans
 *   plan_outcomes,
 *   plan_reviews,
 *   plan_versions         (each version's snapshot is the plan as a review
 *                         froze it, internal notes included, as JSON text)
 *   plan_provisions       of those outcomes
 *   plan_progress         of those reviews and outcomes
 *   plan_evidence         of those outcomes, only where the observation is
 *                         exported (a link to one deleted since is left out)
 *
 * Importing checks the whole folder before writing anything: the format and
 * its version, that every table and field is known, that every record is
 * valid, and that every listed blob is present with contents matching its
 * name. It then writes everything in one transaction, keeping each record's
 * id and timestamps; a record with an id already in the database is replaced.
 * A child-scope import leaves the receiving setting's own name, address and
 * logo alone.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-export.h"
#include "tandem-plan.h"
#include "tandem-record-json-private.h"
#include "tandem-records.h"
#include "tandem-sqlite-private.h"
#include "tandem-store-import-private.h"

#define FORMAT_NAME "tandem-export"
#define JSON_NAME   "tandem.json"
#define BLOBS_NAME  "blobs"

/* As for photos added to the store; a bigger file in an export was not
 * written by Tandem. */
#define MAX_BLOB_SIZE (50 * 1024 * 1024)

static char *
utc_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
io_failed (GError     **error,
           int          saved_errno,
           const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: %s is a file or folder, then the reason from the system. */
               _("The export could not be written to %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_private_file (const char  *path,
                    const char  *data,
                    gsize        len,
                    GPtrArray   *written,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
                   /* Translators: %s is the system's explanation. */
                   _("The export could not be written: %s"), local_error->message);
      return FALSE;
    }

  g_ptr_array_add (written, g_strdup (path));
  return TRUE;
}

/* The folder must be new or empty: a family's copy must not pick up files
 * left by an earlier export about someone else. */
static gboolean
prepare_dir (const char  *dir,
             gboolean    *created,
             GError     **error)
{
  g_autoptr(GDir) handle = NULL;

  *created = FALSE;

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        return io_failed (error, errno, dir);
      *created = TRUE;
      return TRUE;
    }

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is a path. */
                   _("%s is a file, not a folder. Choose a new or empty folder for the export."),
                   dir);
      return FALSE;
    }

  handle = g_dir_open (dir, 0, error);
  if (handle == NULL)
    return FALSE;
  if (g_dir_read_name (handle) != NULL)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is a folder. */
                   _("The folder %s is not empty. Choose a new or empty folder so that "
                     "nothing from another export is mixed in."), dir);
      return FALSE;
    }

  return TRUE;
}

static gboolean
blob_listed (TandemStore *store,
             const char  *hash)
{
  sqlite3_stmt *stmt = _tandem_store_prepare (store, "SELECT 1 FROM blobs WHERE hash = ?", NULL);
  gboolean listed;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  listed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return listed;
}

/* Any text field whose value names a stored blob (a child's photo, the
 * setting's logo, whatever later types add) takes that blob along. The map
 * keeps the first record naming each blob, for error messages. */
static void
collect_blobs (TandemStore  *store,
               TandemRecord *record,
               GPtrArray    *order,
               GHashTable   *owners)
{
  TandemRecordClass *klass = TANDEM_RECORD_GET_CLASS (record);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const char *text;

      if (klass->fields[i].type != TANDEM_FIELD_TEXT)
        continue;
      text = g_value_get_string (tandem_record_get_value (record, i));
      if (!tandem_blob_hash_is_valid (text) || g_hash_table_contains (owners, text) ||
          !blob_listed (store, text))
        continue;

      g_ptr_array_add (order, g_strdup (text));
      g_hash_table_insert (owners, g_strdup (text), g_object_ref (record));
    }
}

/* Every record of @type, deleted ones included, which tandem_store_list()
 * leaves out. */
static GPtrArray *
load_all (TandemStore  *store,
          GType         type,
          GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY created_at, id",
                                          tandem_record_type_get_table (type));
  int rc;

  if (sqlite3_prepare_v2 (tandem_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _tandem_store_set_error (store, error);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TandemRecord *record = tandem_store_load (store, type,
                                                (const char *) sqlite3_column_text (stmt, 0),
                                                error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  if (rc != SQLITE_DONE)
    {
      _tandem_store_set_error (store, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

/* The child's live observations, for the SQL of load_for_child(); ?1 is
 * the child's id. */
#define CHILD_OBSERVATIONS \
  "SELECT oc.observation_id FROM observation_children oc " \
  "  JOIN observations o ON o.id = oc.observation_id " \
  "WHERE oc.child_id = ?1 AND oc.deleted = 0 AND o.deleted = 0"

/* Their photos that show nobody but the child. */
#define CHILD_PHOTOS \
  "SELECT p.id FROM photos p WHERE p.deleted = 0 AND p.observation_id IN (" \
  CHILD_OBSERVATIONS ") AND NOT EXISTS (SELECT 1 FROM photo_children pc " \
  "  WHERE pc.photo_id = p.id AND pc.deleted = 0 AND pc.child_id != ?1)"

/* Comments by practitioners or by the child's own carers. */
#define CHILD_COMMENTS_WHERE \
  "observation_id IN (" CHILD_OBSERVATIONS ") AND (carer_id IS NULL OR carer_id IN " \
  "(SELECT id FROM carers WHERE child_id = ?1))"

/* The child's live meetings. */
#define CHILD_MEETINGS \
  "SELECT id FROM meetings WHERE child_id = ?1 AND deleted = 0"

/* The child's live support plans, their live outcomes and reviews. */
#define CHILD_PLANS \
  "SELECT id FROM plans WHERE child_id = ?1 AND deleted = 0"
#define CHILD_OUTCOMES \
  "SELECT id FROM plan_outcomes WHERE deleted = 0 AND plan_id IN (" CHILD_PLANS ")"
#define CHILD_REVIEWS \
  "SELECT id FROM plan_reviews WHERE deleted = 0 AND plan_id IN (" CHILD_PLANS ")"

/* The journal's, meetings' and plans' records in a child's export: see the
 * format description. */
static const struct {
  GType      (*get_type) (void);
  const char  *where;
} child_journal[] = {
  { tandem_observation_get_type, "id IN (" CHILD_OBSERVATIONS ")" },
  { tandem_observation_child_get_type,
    "child_id = ?1 AND observation_id IN (" CHILD_OBSERVATIONS ")" },
  { tandem_photo_get_type, "id IN (" CHILD_PHOTOS ")" },
  { tandem_photo_child_get_type, "child_id = ?1 AND photo_id IN (" CHILD_PHOTOS ")" },
  { tandem_comment_get_type, CHILD_COMMENTS_WHERE },
  { tandem_meeting_carer_get_type, "meeting_id IN (" CHILD_MEETINGS ")" },
  { tandem_meeting_adjustment_get_type, "meeting_id IN (" CHILD_MEETINGS ")" },
  { tandem_meeting_strength_get_type,
    "meeting_id IN (" CHILD_MEETINGS ") AND observation_id IN (" CHILD_OBSERVATIONS ")" },
  { tandem_meeting_view_get_type, "meeting_id IN (" CHILD_MEETINGS ")" },
  { tandem_action_get_type, "child_id = ?1 AND meeting_id IN (" CHILD_MEETINGS ")" },
  { tandem_plan_professional_get_type, "plan_id IN (" CHILD_PLANS ")" },
  { tandem_plan_outcome_get_type, "plan_id IN (" CHILD_PLANS ")" },
  { tandem_plan_provision_get_type, "outcome_id IN (" CHILD_OUTCOMES ")" },
  { tandem_plan_review_get_type, "plan_id IN (" CHILD_PLANS ")" },
  { tandem_plan_progress_get_type,
    "review_id IN (" CHILD_REVIEWS ") AND outcome_id IN (" CHILD_OUTCOMES ")" },
  { tandem_plan_evidence_get_type,
    "outcome_id IN (" CHILD_OUTCOMES ") AND observation_id IN (" CHILD_OBSERVATIONS ") "
    "AND (review_id IS NULL OR review_id IN (" CHILD_REVIEWS "))" },
  { tandem_plan_version_get_type, "plan_id IN (" CHILD_PLANS ")" },
};

static gboolean
type_has_child_ref (GType type)
{
  const TandemField *field = tandem_record_type_find_field (type, "child_id");

  return field != NULL && field->type == TANDEM_FIELD_REF;
}

/* What belongs in a child's export of @type: see the format description. */
static GPtrArray *
load_for_child (TandemStore   *store,
                GType          type,
                TandemRecord  *child,
                GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  TandemRecordClass *child_class = TANDEM_RECORD_GET_CLASS (child);

  if (type == TANDEM_TYPE_CHILD)
    {
      records = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (records, g_object_ref (child));
      return g_steal_pointer (&records);
    }

  for (guint i = 0; i < G_N_ELEMENTS (child_journal); i++)
    if (type == child_journal[i].get_type ())
      {
        const char * const params[] = { tandem_record_get_id (child), NULL };

        return tandem_store_list (store, type, child_journal[i].where, params, error);
      }

  if (type_has_child_ref (type))
    {
      const char * const params[] = { tandem_record_get_id (child), NULL };

      return tandem_store_list (store, type, "child_id = ?", params, error);
    }

  records = g_ptr_array_new_with_free_func (g_object_unref);

  if (type == TANDEM_TYPE_SETTING)
    {
      TandemRecord *setting = tandem_store_load (store, type, TANDEM_SETTING_ID, NULL);

      if (setting != NULL && !tandem_record_get_deleted (setting))
        g_ptr_array_add (records, setting);
      else
        g_clear_object (&setting);
      return g_steal_pointer (&records);
    }

  /* The child's own references (room, keyworker). Ids are UUIDs, so an id
   * found in this type's table is the record referred to. */
  for (guint i = 0; i < child_class->n_fields; i++)
    {
      const char *ref;
      TandemRecord *target;

      if (child_class->fields[i].type != TANDEM_FIELD_REF)
        continue;
      ref = g_value_get_string (tandem_record_get_value (child, i));
      if (ref == NULL)
        continue;
      target = tandem_store_load (store, type, ref, NULL);
      if (target != NULL && !tandem_record_get_deleted (target))
        g_ptr_array_add (records, target);
      else
        g_clear_object (&target);
    }

  /* Whoever wrote the child's observations and comments, so that a journal
   * moving to a new setting still says who wrote what. */
  if (type == TANDEM_TYPE_KEYWORKER)
    {
      const char * const params[] = { tandem_record_get_id (child), NULL };
      g_autoptr(GPtrArray) authors = NULL;

      authors = tandem_store_list (store, type,
                                   "id IN (SELECT author_id FROM observations WHERE id IN ("
                                   CHILD_OBSERVATIONS ")) OR id IN (SELECT author_id FROM "
                                   "comments WHERE deleted = 0 AND " CHILD_COMMENTS_WHERE ")",
                                   params, error);
      if (authors == NULL)
        return NULL;
      for (guint i = 0; i < authors->len; i++)
        {
          TandemRecord *author = g_ptr_array_index (authors, i);
          gboolean listed = FALSE;

          for (guint k = 0; k < records->len && !listed; k++)
            listed = g_str_equal (tandem_record_get_id (g_ptr_array_index (records, k)),
                                  tandem_record_get_id (author));
          if (!listed)
            g_ptr_array_add (records, g_object_ref (author));
        }
    }

  return g_steal_pointer (&records);
}

static void
remove_written (GPtrArray  *written,
                const char *dir,
                gboolean    created)
{
  g_autofree char *blobs_dir = g_build_filename (dir, BLOBS_NAME, NULL);

  for (guint i = 0; i < written->len; i++)
    g_unlink (g_ptr_array_index (written, i));
  g_rmdir (blobs_dir);
  if (created)
    g_rmdir (dir);
}

static gboolean
write_blobs (TandemStore  *store,
             const char   *dir,
             GPtrArray    *order,
             GHashTable   *owners,
             JsonBuilder  *builder,
             GPtrArray    *written,
             GError      **error)
{
  g_autofree char *blobs_dir = g_build_filename (dir, BLOBS_NAME, NULL);

  json_builder_set_member_name (builder, "blobs");
  json_builder_begin_array (builder);

  if (order->len > 0 && g_mkdir (blobs_dir, 0700) != 0)
    return io_failed (error, errno, blobs_dir);

  for (guint i = 0; i < order->len; i++)
    {
      const char *hash = g_ptr_array_index (order, i);
      g_autofree char *path = g_build_filename (blobs_dir, hash, NULL);
      g_autofree char *mime = tandem_blob_store_get_mime (store, hash);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) bytes = tandem_blob_store_get (store, hash, &local_error);
      gsize len;
      const char *data;

      if (bytes == NULL)
        {
          TandemRecord *owner = g_hash_table_lookup (owners, hash);

          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT,
                       /* Translators: %1$s is a table name such as "children", %2$s a record
                        * id, %3$s the reason. */
                       _("The picture of the record %2$s in “%1$s” could not be exported: %3$s"),
                       TANDEM_RECORD_GET_CLASS (owner)->table, tandem_record_get_id (owner),
                       local_error->message);
          return FALSE;
        }

      data = g_bytes_get_data (bytes, &len);
      if (!write_private_file (path, data, len, written, error))
        return FALSE;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "hash");
      json_builder_add_string_value (builder, hash);
      json_builder_set_member_name (builder, "mime");
      if (mime != NULL)
        json_builder_add_string_value (builder, mime);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, (gint64) len);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  return TRUE;
}

/**
 * tandem_export_json:
 * @store: a store
 * @dir: a new or empty folder; created private to the user if it does not exist
 * @child_id: (nullable): export only this child and what belongs to them
 * @error: where to put a failure, in words for the user
 *
 * Writes @dir/tandem.json and the blobs its records refer to, in the format
 * described at the top of this file, and records an audit entry.
 *
 * Returns: %TRUE on success; on failure the files written so far are removed
 */
gboolean
tandem_export_json (TandemStore  *store,
                    const char   *dir,
                    const char   *child_id,
                    GError      **error)
{
  g_autoptr(TandemRecord) child = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) owners = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *now = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *text = NULL;
  const GType *types;
  guint n_types;
  gsize len;
  gboolean created;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (child_id != NULL)
    {
      child = tandem_store_load (store, TANDEM_TYPE_CHILD, child_id, NULL);
      if (child == NULL || tandem_record_get_deleted (child))
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                       /* Translators: %s is an identifier. */
                       _("There is no child with the id %s."), child_id);
          return FALSE;
        }
    }

  if (!prepare_dir (dir, &created, error))
    return FALSE;

  written = g_ptr_array_new_with_free_func (g_free);
  order = g_ptr_array_new_with_free_func (g_free);
  owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  now = utc_now ();

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TANDEM_EXPORT_FORMAT_VERSION);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, tandem_store_get_schema_version (store));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, child_id != NULL ? "child" : "setting");
  json_builder_set_member_name (builder, "child_id");
  if (child_id != NULL)
    json_builder_add_string_value (builder, child_id);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "records");
  json_builder_begin_object (builder);

  types = tandem_record_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      g_autoptr(GPtrArray) records = NULL;

      records = child != NULL ? load_for_child (store, types[t], child, error)
                              : load_all (store, types[t], error);
      if (records == NULL)
        goto fail;

      json_builder_set_member_name (builder, tandem_record_type_get_table (types[t]));
      json_builder_begin_array (builder);
      for (guint i = 0; i < records->len; i++)
        {
          TandemRecord *record = g_ptr_array_index (records, i);

          _tandem_record_add_json (builder, record);
          collect_blobs (store, record, order, owners);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  if (!write_blobs (store, dir, order, owners, builder, written, error))
    goto fail;

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  json_path = g_build_filename (dir, JSON_NAME, NULL);
  if (!write_private_file (json_path, text, len, written, error))
    goto fail;

  if (!tandem_store_audit (store, "export-json", child_id, dir, error))
    goto fail;

  return TRUE;

fail:
  remove_written (written, dir, created);
  return FALSE;
}

/* Import */

typedef struct {
  TandemRecord *record;
  char         *created_at;
  char         *updated_at;
  gboolean      deleted;
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->record);
  g_free (item->created_at);
  g_free (item->updated_at);
  g_free (item);
}

typedef struct {
  char   *hash;
  char   *mime;
  GBytes *bytes;
} Blob;

static void
blob_free (gpointer data)
{
  Blob *blob = data;

  g_free (blob->hash);
  g_free (blob->mime);
  g_clear_pointer (&blob->bytes, g_bytes_unref);
  g_free (blob);
}

static gboolean
parse_failed (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE, message);
  return FALSE;
}

/* Every complaint about a record names it, so that a person can find it in
 * the file. */
static gboolean
record_failed (GError     **error,
               int          code,
               const char  *table,
               const char  *id,
               const char  *reason)
{
  g_set_error (error, TANDEM_CORE_ERROR, code,
               /* Translators: %1$s is a table name such as "children", %2$s a record id
                * (or "?"), %3$s the reason, a sentence of its own. */
               _("The export cannot be imported: the record %2$s in “%1$s” is not valid. %3$s"),
               table, id != NULL ? id : "?", reason);
  return FALSE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
is_timestamp (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return FALSE;
  time = g_date_time_new_from_iso8601 (text, NULL);
  return time != NULL;
}

static Item *
parse_record (GType        type,
              const char  *table,
              JsonNode    *node,
              GError     **error)
{
  g_autoptr(TandemRecord) record = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *id, *created_at, *updated_at;
  Item *item;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      record_failed (error, TANDEM_CORE_ERROR_PARSE, table, NULL,
                     _("A record is not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "id");
  id = member != NULL && node_is_string (member) ? json_node_get_string (member) : NULL;
  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      record_failed (error, TANDEM_CORE_ERROR_PARSE, table, id,
                     _("Its id is missing or is not a UUID."));
      return NULL;
    }

  member = json_object_get_member (object, "created_at");
  created_at = member != NULL && node_is_string (member) ? json_node_get_string (member) : NULL;
  member = json_object_get_member (object, "updated_at");
  updated_at = member != NULL && node_is_string (member) ? json_node_get_string (member) : NULL;
  if (!is_timestamp (created_at) || !is_timestamp (updated_at))
    {
      record_failed (error, TANDEM_CORE_ERROR_PARSE, table, id,
                     _("Its created_at or updated_at is missing or is not a date and time."));
      return NULL;
    }

  member = json_object_get_member (object, "deleted");
  if (member == NULL || !node_is_bool (member))
    {
      record_failed (error, TANDEM_CORE_ERROR_PARSE, table, id,
                     _("Its deleted value is missing or is not true or false."));
      return NULL;
    }

  record = g_object_new (type, "id", id, NULL);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const TandemField *field;
      guint n_fields;
      const TandemField *fields = tandem_record_type_get_fields (type, &n_fields);

      if (g_str_equal (name, "id") || g_str_equal (name, "created_at") ||
          g_str_equal (name, "updated_at") || g_str_equal (name, "deleted"))
        continue;

      field = tandem_record_type_find_field (type, name);
      if (field == NULL)
        {
          g_autofree char *reason = NULL;

          /* Translators: %s is a field name from the file. */
          reason = g_strdup_printf (_("It has a field “%s” that this version of Tandem does "
                                      "not know."), name);
          record_failed (error, TANDEM_CORE_ERROR_PARSE, table, id, reason);
          return NULL;
        }

      if (!_tandem_record_set_json_field (record, (guint) (field - fields), field,
                      json_object_get_member (object, name)))
        {
          g_autofree char *reason = NULL;

          /* Translators: %s is a field name from the file. */
          reason = g_strdup_printf (_("The value of “%s” has the wrong type."), name);
          record_failed (error, TANDEM_CORE_ERROR_PARSE, table, id, reason);
          return NULL;
        }
    }

  if (!tandem_record_validate (record, &invalid))
    {
      record_failed (error, TANDEM_CORE_ERROR_INVALID, table, id, invalid->message);
      return NULL;
    }

  item = g_new0 (Item, 1);
  item->record = g_steal_pointer (&record);
  item->created_at = g_strdup (created_at);
  item->updated_at = g_strdup (updated_at);
  item->deleted = json_node_get_boolean (json_object_get_member (object, "deleted"));
  return item;
}

static GType
type_for_table (const char *table)
{
  guint n_types;
  const GType *types = tandem_record_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    if (g_strcmp0 (tandem_record_type_get_table (types[i]), table) == 0)
      return types[i];
  return G_TYPE_INVALID;
}

static gboolean
parse_records (JsonObject  *records,
               GPtrArray   *items,
               GError     **error)
{
  g_autoptr(GList) tables = json_object_get_members (records);
  const GType *types;
  guint n_types;

  for (GList *l = tables; l != NULL; l = l->next)
    {
      const char *table = l->data;

      if (type_for_table (table) == G_TYPE_INVALID)
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                       /* Translators: %s is a table name from the file. */
                       _("The export holds records of a kind this version of Tandem does not "
                         "know (“%s”)."), table);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (records, table)))
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                       /* Translators: %s is a table name from the file. */
                       _("The records of “%s” in the export are not a list."), table);
          return FALSE;
        }
    }

  /* Dependency order, whatever order the file lists the tables in. */
  types = tandem_record_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      const char *table = tandem_record_type_get_table (types[t]);
      g_autoptr(GHashTable) seen = NULL;
      JsonArray *array;

      if (!json_object_has_member (records, table))
        continue;

      seen = g_hash_table_new (g_str_hash, g_str_equal);
      array = json_object_get_array_member (records, table);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Item *item = parse_record (types[t], table, json_array_get_element (array, i), error);
          const char *id;

          if (item == NULL)
            return FALSE;
          g_ptr_array_add (items, item);

          id = tandem_record_get_id (item->record);
          if (!g_hash_table_add (seen, (gpointer) id))
            return record_failed (error, TANDEM_CORE_ERROR_PARSE, table, id,
                                  _("The same id appears twice."));
        }
    }

  return TRUE;
}

static gboolean
blob_failed (GError     **error,
             const char  *hash,
             const char  *reason)
{
  g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
               /* Translators: %1$s is a file name (a long hexadecimal number), %2$s the
                * reason, a sentence of its own. */
               _("The export cannot be imported: the picture file %1$s is not usable. %2$s"),
               hash != NULL ? hash : "?", reason);
  return FALSE;
}

static gboolean
parse_blobs (JsonNode    *node,
             const char  *dir,
             GPtrArray   *blobs,
             GError     **error)
{
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return parse_failed (error, _("The list of pictures in the export is damaged."));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *actual = NULL;
      JsonObject *object;
      JsonNode *member;
      const char *hash, *mime = NULL;
      GStatBuf st;
      gint64 size;
      gsize len;
      Blob *blob;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return parse_failed (error, _("The list of pictures in the export is damaged."));
      object = json_node_get_object (element);

      member = json_object_get_member (object, "hash");
      hash = member != NULL && node_is_string (member) ? json_node_get_string (member) : NULL;
      if (!tandem_blob_hash_is_valid (hash))
        return blob_failed (error, hash, _("Its name is not a SHA-256 hash."));

      member = json_object_get_member (object, "mime");
      if (member != NULL && node_is_string (member))
        mime = json_node_get_string (member);

      member = json_object_get_member (object, "size");
      if (member == NULL || !node_is_int (member))
        return blob_failed (error, hash, _("Its size is missing."));
      size = json_node_get_int (member);

      path = g_build_filename (dir, BLOBS_NAME, hash, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        return blob_failed (error, hash, _("It is missing from the export folder."));
      if (st.st_size != size || size > MAX_BLOB_SIZE)
        return blob_failed (error, hash, _("Its size is not the one recorded: it has been "
                                           "changed or cut off."));

      if (!g_file_get_contents (path, &contents, &len, error))
        return FALSE;
      actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      if (g_strcmp0 (actual, hash) != 0)
        return blob_failed (error, hash, _("Its contents do not match its name: it has been "
                                           "changed or damaged."));

      blob = g_new0 (Blob, 1);
      blob->hash = g_strdup (hash);
      blob->mime = g_strdup (mime);
      blob->bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      g_ptr_array_add (blobs, blob);
    }

  return TRUE;
}

/**
 * tandem_import_json:
 * @store: a store
 * @dir: a folder written by tandem_export_json()
 * @error: where to put what is wrong with the export, naming the record
 *
 * Checks the whole export, then writes its pictures and records in one
 * transaction, keeping every id, the timestamps and the deleted state, so
 * that exporting and importing into a new database gives identical records.
 * Each record goes through the store, so the change log (and sync) sees it.
 * When anything is wrong nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_import_json (TandemStore  *store,
                    const char   *dir,
                    GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) blobs = NULL;
  g_autofree char *path = NULL;
  JsonObject *root;
  JsonNode *member;
  const char *format, *scope;
  gint64 version, schema;
  gboolean child_scope;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  path = g_build_filename (dir, JSON_NAME, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                   /* Translators: %s is a folder. */
                   _("The folder %s does not hold a Tandem export: tandem.json is missing."),
                   dir);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                   /* Translators: %1$s is a file, %2$s the parser's explanation. */
                   _("The export file %1$s is damaged: %2$s"), path, local_error->message);
      return FALSE;
    }

  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return parse_failed (error, _("This file is not a Tandem export."));
  root = json_node_get_object (json_parser_get_root (parser));

  member = json_object_get_member (root, "format");
  format = member != NULL && node_is_string (member) ? json_node_get_string (member) : NULL;
  if (g_strcmp0 (format, FORMAT_NAME) != 0)
    return parse_failed (error, _("This file is not a Tandem export."));

  member = json_object_get_member (root, "version");
  if (member == NULL || !node_is_int (member) || json_node_get_int (member) < 1)
    return parse_failed (error, _("The export does not say which version of the format it "
                                  "uses."));
  version = json_node_get_int (member);

  member = json_object_get_member (root, "schema_version");
  schema = member != NULL && node_is_int (member) ? json_node_get_int (member) : 0;

  /* A newer export may hold tables and fields this version cannot keep;
   * importing only part of it would lose data without a word. */
  if (version > TANDEM_EXPORT_FORMAT_VERSION || schema > tandem_store_latest_schema_version ())
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NEWER_VERSION,
                           _("This export was made by a newer version of Tandem. Update "
                             "Tandem to import it."));
      return FALSE;
    }

  member = json_object_get_member (root, "scope");
  scope = member != NULL && node_is_string (member) ? json_node_get_string (member) : NULL;
  if (g_strcmp0 (scope, "setting") != 0 && g_strcmp0 (scope, "child") != 0)
    return parse_failed (error, _("The export does not say whether it holds a whole setting "
                                  "or one child."));
  child_scope = g_str_equal (scope, "child");

  member = json_object_get_member (root, "records");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return parse_failed (error, _("The export holds no records."));

  items = g_ptr_array_new_with_free_func (item_free);
  if (!parse_records (json_node_get_object (member), items, error))
    return FALSE;

  blobs = g_ptr_array_new_with_free_func (blob_free);
  if (!parse_blobs (json_object_get_member (root, "blobs"), dir, blobs, error))
    return FALSE;

  /* Everything has been checked; from here on only the disk or the database
   * can fail, and then the transaction is rolled back. */
  if (!tandem_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < blobs->len; i++)
    {
      Blob *blob = g_ptr_array_index (blobs, i);
      g_autofree char *hash = tandem_blob_store_add (store, blob->bytes, blob->mime, error);

      if (hash == NULL)
        goto fail;
      g_assert (g_str_equal (hash, blob->hash));
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      /* A child's file moving to a new setting brings the old setting's row
       * along for the family's sake; it must not rename the new setting. */
      if (child_scope && G_OBJECT_TYPE (item->record) == TANDEM_TYPE_SETTING)
        continue;

      if (!_tandem_store_save_imported (store, item->record, item->created_at,
                                        item->updated_at, item->deleted, error))
        goto fail;
    }

  if (!tandem_store_audit (store, "import-json", NULL, dir, error))
    goto fail;

  return tandem_store_commit (store, error);

fail:
  tandem_store_rollback (store);
  return FALSE;
}
