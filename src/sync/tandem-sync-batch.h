/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

#include "tandem-sync-store.h"

G_BEGIN_DECLS

/*
 * The plaintext of the files a sync space holds (private to src/sync). All
 * are GVariant, serialised little-endian, so any GLib can read them and a
 * hostile file can at worst decode as defaults:
 *
 *   batch, snapshot   zlib of (u version, v payload), the payload being
 *                     (s kind, s writer, t seq, a{st} covers, as devices,
 *                      a(ssa(smvsmsq)) rows)
 *                     rows are (table, row id, [(field, value, hlc, prev,
 *                     index of the device in devices)])
 *   head              (u version, v (t seq, a{st} applied, s name, s time))
 *   removed head      (u version, v (s removed by, s time))
 *
 * The version comes outside the variant payload so that a later Tandem can
 * change the payload's type and still be told apart from damage.
 */

#define TANDEM_SYNC_BATCH_VERSION 1

/* Caps on decompressed sizes: a zip bomb is refused, not inflated. */
#define TANDEM_SYNC_BATCH_MAX_PLAIN ((gsize) 256 * 1024 * 1024)
#define TANDEM_SYNC_SNAPSHOT_MAX_PLAIN ((gsize) 2 * 1024 * 1024 * 1024)

typedef struct _TandemSyncBatchBuilder TandemSyncBatchBuilder;

TandemSyncBatchBuilder *tandem_sync_batch_builder_new     (const char             *kind,
                                                           const char             *writer,
                                                           guint64                 seq);
void                    tandem_sync_batch_builder_set_covers (TandemSyncBatchBuilder *builder,
                                                           const char             *device,
                                                           guint64                 seq);
void                    tandem_sync_batch_builder_add     (TandemSyncBatchBuilder *builder,
                                                           const TandemSyncChange *change);
void                    tandem_sync_batch_builder_add_row (TandemSyncBatchBuilder *builder,
                                                           const char             *table,
                                                           const char             *row_id,
                                                           GPtrArray              *changes);
guint                   tandem_sync_batch_builder_get_n_changes (TandemSyncBatchBuilder *builder);
GBytes                 *tandem_sync_batch_builder_end     (TandemSyncBatchBuilder *builder,
                                                           GError                **error);
void                    tandem_sync_batch_builder_free    (TandemSyncBatchBuilder *builder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSyncBatchBuilder, tandem_sync_batch_builder_free)

typedef struct _TandemSyncBatch TandemSyncBatch;

TandemSyncBatch *tandem_sync_batch_decode      (GBytes           *compressed,
                                                const char       *kind,
                                                const char       *writer,
                                                guint64           seq,
                                                gsize             max_plain,
                                                GError          **error);
GHashTable      *tandem_sync_batch_get_covers  (TandemSyncBatch  *batch);
guint            tandem_sync_batch_get_n_rows  (TandemSyncBatch  *batch);
GPtrArray       *tandem_sync_batch_get_row     (TandemSyncBatch  *batch,
                                                guint             index,
                                                char            **table,
                                                char            **row_id,
                                                GError          **error);
gboolean         tandem_sync_batch_collect     (TandemSyncBatch  *batch,
                                                GPtrArray        *changes,
                                                GError          **error);
void             tandem_sync_batch_free        (TandemSyncBatch  *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSyncBatch, tandem_sync_batch_free)

GBytes  *tandem_sync_head_encode    (guint64      seq,
                                     GHashTable  *applied,
                                     const char  *name,
                                     const char  *time);
gboolean tandem_sync_head_decode    (GBytes      *bytes,
                                     guint64     *seq,
                                     GHashTable **applied,
                                     char       **name,
                                     char       **time,
                                     GError     **error);
GBytes  *tandem_sync_repair_encode  (guint64      seq,
                                     const char  *by);
gboolean tandem_sync_repair_decode  (GBytes      *bytes,
                                     guint64     *seq,
                                     char       **by,
                                     GError     **error);
GBytes  *tandem_sync_removed_encode (const char  *by,
                                     const char  *time);
gboolean tandem_sync_removed_decode (GBytes      *bytes,
                                     char       **by,
                                     char       **time,
                                     GError     **error);

GBytes  *tandem_sync_compress       (GBytes      *plain,
                                     GError     **error);
GBytes  *tandem_sync_decompress     (GBytes      *compressed,
                                     gsize        max_plain,
                                     GError     **error);

G_END_DECLS
