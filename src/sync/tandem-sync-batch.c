/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "tandem-sync-batch.h"
#include "tandem-sync-error.h"

#define PAYLOAD_TYPE "(ssta{st}asa(ssa(smvsmsq)))"
#define ENVELOPE_TYPE "(uv)"
#define HEAD_TYPE "(ta{st}ss)"
#define REMOVED_TYPE "(ss)"
#define REPAIR_TYPE "(ts)"

/* zlib level 3: most of the gain of level 9 on this kind of text, at a
 * fraction of the time on a big first upload. */
#define COMPRESSION_LEVEL 3

#define CONVERT_CHUNK (64 * 1024)

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                       _("A file on the sync server is not in the form Tandem writes."));
}

/* GVariant is serialised in host order; files are little-endian. */
static GVariant *
to_little_endian (GVariant *value)
{
  GVariant *sunk = g_variant_ref_sink (value);

#if G_BYTE_ORDER == G_BIG_ENDIAN
  {
    GVariant *swapped = g_variant_byteswap (sunk);

    g_variant_unref (sunk);
    return swapped;
  }
#else
  return sunk;
#endif
}

static GVariant *
from_little_endian (GVariant *value)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  GVariant *swapped = g_variant_byteswap (value);

  g_variant_unref (value);
  return swapped;
#else
  return value;
#endif
}

static GBytes *
serialise (GVariant *value)
{
  g_autoptr(GVariant) le = to_little_endian (value);

  return g_variant_get_data_as_bytes (le);
}

/* Checks the envelope, and returns its payload if it has @type. */
static GVariant *
open_envelope (GBytes              *bytes,
               const GVariantType  *type,
               GError             **error)
{
  g_autoptr(GVariant) envelope = NULL;
  g_autoptr(GVariant) payload = NULL;
  guint32 version;

  /* trusted=FALSE: GLib checks every offset as it reads, so a hostile file
   * can only decode as defaults, never read out of bounds. */
  envelope = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (ENVELOPE_TYPE),
                                                           bytes, FALSE));
  envelope = from_little_endian (g_steal_pointer (&envelope));
  g_variant_get (envelope, "(uv)", &version, &payload);
  /* Authenticated garbage would read as a huge version; a real later
   * format counts up from here. */
  if (version > TANDEM_SYNC_BATCH_VERSION && version < 1000)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NEWER_FORMAT,
                           _("Another laptop uses a newer version of Tandem. Update Tandem on "
                             "this laptop to keep syncing."));
      return NULL;
    }
  if (version != TANDEM_SYNC_BATCH_VERSION || !g_variant_is_of_type (payload, type))
    {
      set_damaged (error);
      return NULL;
    }
  return g_steal_pointer (&payload);
}

static GBytes *
wrap_envelope (GVariant *payload)
{
  return serialise (g_variant_new ("(uv)", (guint32) TANDEM_SYNC_BATCH_VERSION, payload));
}

static void
set_too_big (GError **error)
{
  g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_TOO_BIG,
                       _("A file on the sync server is larger than allowed."));
}

/* Runs @converter over all of @input; refuses output beyond @max_out (with
 * one byte of room more, to notice it) and input left after the end of the
 * stream. */
static GBytes *
convert_all (GConverter  *converter,
             GBytes      *input,
             gsize        max_out,
             GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *in;
  gsize in_size;
  gsize in_pos = 0;
  guint stalls = 0;

  in = g_bytes_get_data (input, &in_size);
  if (in == NULL)
    in = (const guint8 *) "";
  for (;;)
    {
      gsize read = 0, written = 0;
      gsize old_len = out->len;
      GConverterResult result;
      g_autoptr(GError) local_error = NULL;

      g_byte_array_set_size (out, old_len + MIN ((gsize) CONVERT_CHUNK, max_out - old_len + 1));
      result = g_converter_convert (converter,
                                    in + in_pos, in_size - in_pos,
                                    out->data + old_len, out->len - old_len,
                                    G_CONVERTER_INPUT_AT_END,
                                    &read, &written, &local_error);
      g_byte_array_set_size (out, old_len + written);
      in_pos += read;
      if (out->len > max_out)
        {
          set_too_big (error);
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
      if (result == G_CONVERTER_ERROR
          && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          set_damaged (error);
          return NULL;
        }
      /* Twice no progress with all the room and input it could want: the
       * stream is cut short or broken. */
      stalls = (read == 0 && written == 0) ? stalls + 1 : 0;
      if (stalls >= 2)
        {
          set_damaged (error);
          return NULL;
        }
    }
  if (in_pos != in_size)
    {
      set_damaged (error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * tandem_sync_compress:
 * @plain: bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full): @plain, zlib-compressed
 */
GBytes *
tandem_sync_compress (GBytes  *plain,
                      GError **error)
{
  g_autoptr(GZlibCompressor) compressor = NULL;
  gsize bound = g_bytes_get_size (plain);

  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, COMPRESSION_LEVEL);
  /* deflate never grows data by more than a little. */
  return convert_all (G_CONVERTER (compressor), plain, bound + bound / 16 + 1024, error);
}

/**
 * tandem_sync_decompress:
 * @compressed: bytes from tandem_sync_compress()
 * @max_plain: the most bytes accepted after decompression
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the plaintext, or %NULL with @error set
 *   (%TANDEM_SYNC_ERROR_TOO_BIG beyond @max_plain, %TANDEM_SYNC_ERROR_FORMAT
 *   for a damaged stream)
 */
GBytes *
tandem_sync_decompress (GBytes  *compressed,
                        gsize    max_plain,
                        GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  return convert_all (G_CONVERTER (decompressor), compressed, max_plain, error);
}

/* Builder */

/* A batch's row while changes are still being added to it. */
typedef struct {
  char *table;
  char *row_id;
  GPtrArray *changes; /* TandemSyncChange */
} Row;

struct _TandemSyncBatchBuilder {
  char *kind;
  char *writer;
  guint64 seq;
  GHashTable *covers;    /* device → guint64 * */
  GHashTable *devices;   /* device → index + 1 */
  GPtrArray *device_list;
  GPtrArray *rows;       /* Row, for batches */
  GHashTable *row_index; /* "table\nrow" → Row */
  GPtrArray *done;       /* serialised rows (GVariant), for snapshots */
  guint n_changes;
};

static void
row_free (Row *row)
{
  g_free (row->table);
  g_free (row->row_id);
  g_ptr_array_unref (row->changes);
  g_free (row);
}

/**
 * tandem_sync_batch_builder_new:
 * @kind: "batch" or "snapshot"
 * @writer: the device writing it
 * @seq: the batch's number; 0 for a snapshot
 *
 * Returns: (transfer full): a builder
 */
TandemSyncBatchBuilder *
tandem_sync_batch_builder_new (const char *kind,
                               const char *writer,
                               guint64     seq)
{
  TandemSyncBatchBuilder *builder = g_new0 (TandemSyncBatchBuilder, 1);

  builder->kind = g_strdup (kind);
  builder->writer = g_strdup (writer);
  builder->seq = seq;
  builder->covers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  builder->devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder->device_list = g_ptr_array_new_with_free_func (g_free);
  builder->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  builder->row_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder->done = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  return builder;
}

void
tandem_sync_batch_builder_free (TandemSyncBatchBuilder *builder)
{
  if (builder == NULL)
    return;
  g_free (builder->kind);
  g_free (builder->writer);
  g_hash_table_unref (builder->covers);
  g_hash_table_unref (builder->devices);
  g_ptr_array_unref (builder->device_list);
  g_ptr_array_unref (builder->rows);
  g_hash_table_unref (builder->row_index);
  g_ptr_array_unref (builder->done);
  g_free (builder);
}

/**
 * tandem_sync_batch_builder_set_covers:
 * @builder: a builder
 * @device: a device id
 * @seq: the last batch of @device that the snapshot includes
 *
 * For a snapshot: records what it includes.
 */
void
tandem_sync_batch_builder_set_covers (TandemSyncBatchBuilder *builder,
                                      const char             *device,
                                      guint64                 seq)
{
  g_hash_table_replace (builder->covers, g_strdup (device), g_memdup2 (&seq, sizeof seq));
}

static guint16
device_index (TandemSyncBatchBuilder *builder,
              const char             *device)
{
  gpointer value;

  if (g_hash_table_lookup_extended (builder->devices, device, NULL, &value))
    return (guint16) (GPOINTER_TO_UINT (value) - 1);
  g_ptr_array_add (builder->device_list, g_strdup (device));
  g_hash_table_insert (builder->devices, g_strdup (device),
                       GUINT_TO_POINTER (builder->device_list->len));
  return (guint16) (builder->device_list->len - 1);
}

/* One row as a serialised (flat) variant: a snapshot has hundreds of
 * thousands of them, and a tree of that many small values is slow to build
 * and to serialise all at once. */
static GVariant *
serialise_row (TandemSyncBatchBuilder *builder,
               const char             *table,
               const char             *row_id,
               GPtrArray              *changes)
{
  GVariantBuilder fields;
  GVariant *row;

  g_variant_builder_init (&fields, G_VARIANT_TYPE ("a(smvsmsq)"));
  for (guint j = 0; j < changes->len; j++)
    {
      const TandemSyncChange *change = g_ptr_array_index (changes, j);
      GVariant *members[5];

      members[0] = g_variant_new_string (change->field);
      members[1] = g_variant_new_maybe (G_VARIANT_TYPE_VARIANT,
                                        change->value != NULL
                                        ? g_variant_new_variant (change->value) : NULL);
      members[2] = g_variant_new_string (change->hlc);
      members[3] = g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                        change->prev_hlc != NULL
                                        ? g_variant_new_string (change->prev_hlc) : NULL);
      members[4] = g_variant_new_uint16 (device_index (builder, change->device));
      g_variant_builder_add_value (&fields, g_variant_new_tuple (members, 5));
    }
  {
    GVariant *members[3] = {
      g_variant_new_string (table),
      g_variant_new_string (row_id),
      g_variant_builder_end (&fields),
    };

    row = g_variant_ref_sink (g_variant_new_tuple (members, 3));
  }
  /* Flattens it now and frees the small values it was made of. */
  g_variant_get_data (row);
  return row;
}

static Row *
ensure_row (TandemSyncBatchBuilder *builder,
            const char             *table,
            const char             *row_id)
{
  g_autofree char *key = g_strconcat (table, "\n", row_id, NULL);
  Row *row = g_hash_table_lookup (builder->row_index, key);

  if (row == NULL)
    {
      row = g_new0 (Row, 1);
      row->table = g_strdup (table);
      row->row_id = g_strdup (row_id);
      row->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
      g_ptr_array_add (builder->rows, row);
      g_hash_table_insert (builder->row_index, g_steal_pointer (&key), row);
    }
  return row;
}

/**
 * tandem_sync_batch_builder_add:
 * @builder: a builder
 * @change: a change; copied
 *
 * Adds a change; changes of one row are grouped together.
 */
void
tandem_sync_batch_builder_add (TandemSyncBatchBuilder *builder,
                               const TandemSyncChange *change)
{
  Row *row = ensure_row (builder, change->table, change->row_id);

  g_ptr_array_add (row->changes,
                   tandem_sync_change_new (change->table, change->row_id, change->field,
                                           change->value, change->hlc, change->prev_hlc,
                                           change->device));
  builder->n_changes++;
}

/**
 * tandem_sync_batch_builder_add_row:
 * @builder: a builder
 * @table: the record table
 * @row_id: the record id
 * @changes: (element-type TandemSyncChange): its fields
 *
 * Adds a whole row (for a snapshot, whose rows are each given once).
 */
void
tandem_sync_batch_builder_add_row (TandemSyncBatchBuilder *builder,
                                   const char             *table,
                                   const char             *row_id,
                                   GPtrArray              *changes)
{
  g_ptr_array_add (builder->done, serialise_row (builder, table, row_id, changes));
  builder->n_changes += changes->len;
}

guint
tandem_sync_batch_builder_get_n_changes (TandemSyncBatchBuilder *builder)
{
  return builder->n_changes;
}

/**
 * tandem_sync_batch_builder_end:
 * @builder: a builder
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the compressed plaintext of the file
 */
GBytes *
tandem_sync_batch_builder_end (TandemSyncBatchBuilder *builder,
                               GError                **error)
{
  GVariantBuilder covers, devices;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GBytes) plain = NULL;
  GVariant *rows;
  GVariant *payload;

  for (guint i = 0; i < builder->rows->len; i++)
    {
      Row *row = g_ptr_array_index (builder->rows, i);

      g_ptr_array_add (builder->done, serialise_row (builder, row->table, row->row_id,
                                                     row->changes));
    }
  g_ptr_array_set_size (builder->rows, 0);
  g_hash_table_remove_all (builder->row_index);

  rows = g_variant_new_array (G_VARIANT_TYPE ("(ssa(smvsmsq))"),
                              (GVariant **) builder->done->pdata, builder->done->len);

  g_variant_builder_init (&covers, G_VARIANT_TYPE ("a{st}"));
  g_hash_table_iter_init (&iter, builder->covers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&covers, "{st}", (const char *) key, *(guint64 *) value);

  g_variant_builder_init (&devices, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < builder->device_list->len; i++)
    g_variant_builder_add (&devices, "s", (const char *) g_ptr_array_index (builder->device_list, i));

  payload = g_variant_new ("(ssta{st}as@a(ssa(smvsmsq)))", builder->kind, builder->writer,
                           builder->seq, &covers, &devices, rows);
  plain = wrap_envelope (payload);
  return tandem_sync_compress (plain, error);
}

/* Decoding */

struct _TandemSyncBatch {
  GVariant *payload;
  GVariant *rows;
  GHashTable *covers;   /* device → guint64 * */
  GPtrArray *devices;   /* char * */
};

void
tandem_sync_batch_free (TandemSyncBatch *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->payload, g_variant_unref);
  g_clear_pointer (&batch->rows, g_variant_unref);
  g_clear_pointer (&batch->covers, g_hash_table_unref);
  g_clear_pointer (&batch->devices, g_ptr_array_unref);
  g_free (batch);
}

/**
 * tandem_sync_batch_decode:
 * @compressed: the opened file
 * @kind: the kind expected: "batch" or "snapshot"
 * @writer: the device named by the file's path
 * @seq: the seq named by the file's path (0 for a snapshot)
 * @max_plain: the cap on the decompressed size
 * @error: return location for a #GError
 *
 * Decodes a batch or snapshot and checks that it is what its path says:
 * kind, writer and seq, and every device index in range.
 *
 * Returns: (transfer full): the batch, or %NULL with @error set
 */
TandemSyncBatch *
tandem_sync_batch_decode (GBytes      *compressed,
                          const char  *kind,
                          const char  *writer,
                          guint64      seq,
                          gsize        max_plain,
                          GError     **error)
{
  g_autoptr(TandemSyncBatch) batch = g_new0 (TandemSyncBatch, 1);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GVariant) covers = NULL;
  g_autoptr(GVariant) devices = NULL;
  const char *got_kind, *got_writer;
  guint64 got_seq;
  GVariantIter iter;
  const char *device;
  guint64 value;

  plain = tandem_sync_decompress (compressed, max_plain, error);
  if (plain == NULL)
    return NULL;
  batch->payload = open_envelope (plain, G_VARIANT_TYPE (PAYLOAD_TYPE), error);
  if (batch->payload == NULL)
    return NULL;

  g_variant_get (batch->payload, "(&s&st@a{st}@as@a(ssa(smvsmsq)))",
                 &got_kind, &got_writer, &got_seq, &covers, &devices, &batch->rows);
  if (g_strcmp0 (got_kind, kind) != 0 || g_strcmp0 (got_writer, writer) != 0 || got_seq != seq)
    {
      set_damaged (error);
      return NULL;
    }

  batch->covers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_variant_iter_init (&iter, covers);
  while (g_variant_iter_next (&iter, "{&st}", &device, &value))
    g_hash_table_replace (batch->covers, g_strdup (device), g_memdup2 (&value, sizeof value));

  batch->devices = g_ptr_array_new_with_free_func (g_free);
  g_variant_iter_init (&iter, devices);
  while (g_variant_iter_next (&iter, "&s", &device))
    g_ptr_array_add (batch->devices, g_strdup (device));

  return g_steal_pointer (&batch);
}

/**
 * tandem_sync_batch_get_covers:
 * @batch: a decoded batch
 *
 * Returns: (transfer none): device → guint64 *: what a snapshot includes
 */
GHashTable *
tandem_sync_batch_get_covers (TandemSyncBatch *batch)
{
  return batch->covers;
}

guint
tandem_sync_batch_get_n_rows (TandemSyncBatch *batch)
{
  return (guint) g_variant_n_children (batch->rows);
}

/**
 * tandem_sync_batch_get_row:
 * @batch: a decoded batch
 * @index: a row index
 * @table: (out) (optional) (transfer full): the row's table
 * @row_id: (out) (optional) (transfer full): the row's id
 * @error: return location for a #GError
 *
 * Reads one row. Device indexes are checked here, as the rows are read,
 * rather than in a separate pass over a snapshot's million values.
 *
 * Returns: (transfer full) (element-type TandemSyncChange): the row's
 *   changes, or %NULL with @error set if the row names no known device
 */
GPtrArray *
tandem_sync_batch_get_row (TandemSyncBatch  *batch,
                           guint             index,
                           char            **table,
                           char            **row_id,
                           GError          **error)
{
  g_autoptr(GVariant) row = g_variant_get_child_value (batch->rows, index);
  g_autoptr(GVariantIter) fields = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  const char *t, *r, *field, *hlc, *prev;
  GVariant *maybe;
  guint16 device;

  g_variant_get (row, "(&s&sa(smvsmsq))", &t, &r, &fields);
  while (g_variant_iter_next (fields, "(&s@mv&sm&sq)", &field, &maybe, &hlc, &prev, &device))
    {
      g_autoptr(GVariant) boxed = g_variant_get_maybe (maybe);
      g_autoptr(GVariant) value = boxed != NULL ? g_variant_get_variant (boxed) : NULL;

      g_variant_unref (maybe);
      if (device >= batch->devices->len)
        {
          set_damaged (error);
          return NULL;
        }
      g_ptr_array_add (changes, tandem_sync_change_new (t, r, field, value, hlc, prev,
                                                        g_ptr_array_index (batch->devices,
                                                                           device)));
    }
  if (table != NULL)
    *table = g_strdup (t);
  if (row_id != NULL)
    *row_id = g_strdup (r);
  return g_steal_pointer (&changes);
}

/**
 * tandem_sync_batch_collect:
 * @batch: a decoded batch
 * @changes: (element-type TandemSyncChange): where to add every change
 * @error: return location for a #GError
 *
 * Appends all the batch's changes, owned, to @changes; on failure (a
 * damaged batch) leaves @changes as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_sync_batch_collect (TandemSyncBatch  *batch,
                           GPtrArray        *changes,
                           GError          **error)
{
  guint n = tandem_sync_batch_get_n_rows (batch);
  guint old_len = changes->len;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) row = tandem_sync_batch_get_row (batch, i, NULL, NULL, error);

      if (row == NULL)
        {
          g_ptr_array_set_size (changes, old_len);
          return FALSE;
        }
      for (guint j = 0; j < row->len; j++)
        g_ptr_array_add (changes, g_steal_pointer (&g_ptr_array_index (row, j)));
      g_ptr_array_set_free_func (row, NULL);
    }
  return TRUE;
}

/* Heads */

static GVariant *
string_table_to_variant (GHashTable *table)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{st}"));
  if (table != NULL)
    {
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) strcmp);

      for (GList *l = keys; l != NULL; l = l->next)
        {
          guint64 *seq = g_hash_table_lookup (table, l->data);

          g_variant_builder_add (&builder, "{st}", (const char *) l->data, seq != NULL ? *seq : 0);
        }
    }
  return g_variant_builder_end (&builder);
}

/**
 * tandem_sync_head_encode:
 * @seq: the device's newest batch
 * @applied: (nullable): device → guint64 *: what it has applied
 * @name: the laptop's name
 * @time: when, ISO 8601 UTC
 *
 * Returns: (transfer full): the head's plaintext
 */
GBytes *
tandem_sync_head_encode (guint64     seq,
                         GHashTable *applied,
                         const char *name,
                         const char *time)
{
  return wrap_envelope (g_variant_new ("(t@a{st}ss)", seq, string_table_to_variant (applied),
                                       name, time));
}

/**
 * tandem_sync_head_decode:
 * @bytes: an opened head
 * @seq: (out) (optional): its seq
 * @applied: (out) (optional) (transfer full): device → guint64 *
 * @name: (out) (optional) (transfer full): the laptop's name
 * @time: (out) (optional) (transfer full): when it was written
 * @error: return location for a #GError
 *
 * Returns: whether @bytes is a head
 */
gboolean
tandem_sync_head_decode (GBytes      *bytes,
                         guint64     *seq,
                         GHashTable **applied,
                         char       **name,
                         char       **time,
                         GError     **error)
{
  g_autoptr(GVariant) payload = open_envelope (bytes, G_VARIANT_TYPE (HEAD_TYPE), error);
  g_autoptr(GVariantIter) iter = NULL;
  const char *n, *t, *device;
  guint64 s, value;

  if (payload == NULL)
    return FALSE;
  g_variant_get (payload, "(ta{st}&s&s)", &s, &iter, &n, &t);
  if (seq != NULL)
    *seq = s;
  if (applied != NULL)
    {
      *applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      while (g_variant_iter_next (iter, "{&st}", &device, &value))
        g_hash_table_replace (*applied, g_strdup (device), g_memdup2 (&value, sizeof value));
    }
  if (name != NULL)
    *name = g_strdup (n);
  if (time != NULL)
    *time = g_strdup (t);
  return TRUE;
}

/**
 * tandem_sync_removed_encode:
 * @by: the name of the laptop that removed it
 * @time: when, ISO 8601 UTC
 *
 * Returns: (transfer full): the plaintext of a `.removed` head
 */
GBytes *
tandem_sync_removed_encode (const char *by,
                            const char *time)
{
  return wrap_envelope (g_variant_new ("(ss)", by, time));
}

gboolean
tandem_sync_removed_decode (GBytes  *bytes,
                            char   **by,
                            char   **time,
                            GError **error)
{
  g_autoptr(GVariant) payload = open_envelope (bytes, G_VARIANT_TYPE (REMOVED_TYPE), error);

  if (payload == NULL)
    return FALSE;
  g_variant_get (payload, "(ss)", by, time);
  return TRUE;
}

/**
 * tandem_sync_repair_encode:
 * @seq: the first batch the asking laptop could not read
 * @by: the name of the laptop asking
 *
 * Returns: (transfer full): the plaintext of a `.repair` head
 */
GBytes *
tandem_sync_repair_encode (guint64     seq,
                           const char *by)
{
  return wrap_envelope (g_variant_new ("(ts)", seq, by));
}

gboolean
tandem_sync_repair_decode (GBytes   *bytes,
                           guint64  *seq,
                           char    **by,
                           GError  **error)
{
  g_autoptr(GVariant) payload = open_envelope (bytes, G_VARIANT_TYPE (REPAIR_TYPE), error);

  if (payload == NULL)
    return FALSE;
  g_variant_get (payload, "(ts)", seq, by);
  return TRUE;
}
