/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/*
 * The database side of sync (DESIGN.md, "Sync protocol"): reading this
 * device's changes and the full state for other devices, merging theirs in,
 * and the local bookkeeping that never syncs itself (migration 5):
 *
 *   sync_applied (device PK, seq)      the last batch applied from each device
 *   sync_outbox (seq PK, path, data)   sealed batches waiting to be uploaded,
 *                                      kept byte for byte so a retry resends
 *                                      exactly what another device may
 *                                      already have read
 *   sync_blobs_sent (hash PK)          photos already on the server
 *   sync_conflicts (...)               long texts that lost a concurrent edit
 *   sync_quarantine (...)              changes from a clock more than a day
 *                                      ahead, held until time catches up
 *   meta keys "sync_*"                 configuration and counters
 *
 * Merge rule. Each change is (table, row, field, value, hlc, prev, device).
 * The higher (hlc, device) wins, compared as text: HLC text order is time
 * order, and the device id breaks ties. Let L be the local clock of the field
 * (with its device and the clock it replaced, Lprev) and R the incoming one:
 *  - no local clock: R is applied;
 *  - (R, device) equals (L, device): already applied, nothing happens;
 *  - R wins: R is applied. The edits were concurrent when R's prev is not L
 *    (the other device had not seen our version);
 *  - L wins: R is not applied. The edits were concurrent when Lprev is not R.
 * When concurrent edits of a long-text field (TANDEM_FIELD_LONG_TEXT) leave a
 * losing text that is not empty and differs from the winner, the loser is
 * kept in sync_conflicts for the user to review; nothing is silently lost.
 * The conflict's id is derived from (table, row, field, losing hlc, losing
 * device), so applying the same change twice never records it twice.
 *
 * Changes are applied in (hlc, device) order across all devices within one
 * sync, which keeps cause before effect: a device can only have edited on top
 * of a version that reached the server before its own batch did.
 *
 * Besides the record fields, two pseudo-fields travel: "deleted" (the
 * tombstone, a boolean, never a conflict) and "created_at" (text, logged once
 * when a record is first saved).
 */

/**
 * TandemSyncChange:
 * @table: the record table, e.g. "observations"
 * @row_id: the record's id
 * @field: a field name of that table, "deleted" or "created_at"
 * @value: (nullable): the new value: a "s", "x" or "b" #GVariant, or %NULL for
 *   SQL NULL
 * @hlc: the change's hybrid logical clock (16 hex digits)
 * @prev_hlc: (nullable): the clock of the version it replaced on its device
 * @device: the id of the device that made it
 *
 * One field change as it travels between devices. All strings are owned.
 */
typedef struct {
  char     *table;
  char     *row_id;
  char     *field;
  GVariant *value;
  char     *hlc;
  char     *prev_hlc;
  char     *device;
} TandemSyncChange;

TandemSyncChange *tandem_sync_change_new  (const char       *table,
                                           const char       *row_id,
                                           const char       *field,
                                           GVariant         *value,
                                           const char       *hlc,
                                           const char       *prev_hlc,
                                           const char       *device);
void              tandem_sync_change_free (TandemSyncChange *change);
int               tandem_sync_change_compare (const TandemSyncChange *a,
                                              const TandemSyncChange *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSyncChange, tandem_sync_change_free)

/* Reading what to send. */

GPtrArray *tandem_sync_store_local_changes   (TandemStore  *store,
                                              gint64        after_seq,
                                              guint         limit,
                                              gint64       *last_seq,
                                              GError      **error);

gint64     tandem_sync_store_last_local_seq  (TandemStore  *store,
                                              GError      **error);

/**
 * TandemSyncRowFunc:
 * @table: the record table
 * @row_id: the record's id
 * @changes: (element-type TandemSyncChange): every field of the row that has
 *   a clock, with its current value, plus "created_at" and "deleted"
 * @user_data: the data given
 * @error: where to put a reason to stop
 *
 * Called by tandem_sync_store_foreach_row() for each record.
 *
 * Returns: %FALSE (with @error set) to stop
 */
typedef gboolean (*TandemSyncRowFunc) (const char  *table,
                                       const char  *row_id,
                                       GPtrArray   *changes,
                                       gpointer     user_data,
                                       GError     **error);

gboolean   tandem_sync_store_foreach_row     (TandemStore        *store,
                                              TandemSyncRowFunc   func,
                                              gpointer            user_data,
                                              GError            **error);

/* Applying what was received. */

/**
 * TandemSyncApplyCounts:
 * @applied: changes that won and were written
 * @skipped: changes already applied, or that lost to a newer local one
 * @conflicts: new conflicts recorded
 * @quarantined: changes held back because their clock is more than a day ahead
 * @rejected: changes refused as malformed (unknown table or field, wrong
 *   type, bad id or clock); the rest of the batch still applies
 *
 * What tandem_sync_apply_*() did.
 */
typedef struct {
  guint applied;
  guint skipped;
  guint conflicts;
  guint quarantined;
  guint rejected;
} TandemSyncApplyCounts;

typedef struct _TandemSyncApply TandemSyncApply;

TandemSyncApply *tandem_sync_apply_begin        (TandemStore              *store,
                                                 GError                  **error);
gboolean         tandem_sync_apply_change       (TandemSyncApply          *apply,
                                                 const TandemSyncChange   *change,
                                                 GError                  **error);
gboolean         tandem_sync_apply_row          (TandemSyncApply          *apply,
                                                 const char               *table,
                                                 const char               *row_id,
                                                 GPtrArray                *changes,
                                                 GError                  **error);
gboolean         tandem_sync_apply_set_applied  (TandemSyncApply          *apply,
                                                 const char               *device,
                                                 guint64                   seq,
                                                 GError                  **error);
gboolean         tandem_sync_apply_checkpoint   (TandemSyncApply          *apply,
                                                 GError                  **error);
gboolean         tandem_sync_apply_commit       (TandemSyncApply          *apply,
                                                 TandemSyncApplyCounts    *counts,
                                                 GPtrArray               **changed_rows,
                                                 GError                  **error);
void             tandem_sync_apply_abort        (TandemSyncApply          *apply);

gboolean   tandem_sync_store_release_quarantine (TandemStore            *store,
                                                 TandemSyncApplyCounts  *counts,
                                                 GError                **error);

/* Bookkeeping. */

GHashTable *tandem_sync_store_get_applied    (TandemStore  *store,
                                              GError      **error);
char       *tandem_sync_store_get_meta       (TandemStore  *store,
                                              const char   *key);
gboolean    tandem_sync_store_set_meta       (TandemStore  *store,
                                              const char   *key,
                                              const char   *value,
                                              GError      **error);
gboolean    tandem_sync_store_outbox_add     (TandemStore  *store,
                                              guint64       seq,
                                              const char   *path,
                                              GBytes       *data,
                                              gint64        uploaded_upto,
                                              GError      **error);
GPtrArray  *tandem_sync_store_outbox_list    (TandemStore  *store,
                                              GError      **error);
GBytes     *tandem_sync_store_outbox_get     (TandemStore  *store,
                                              guint64       seq,
                                              char        **path,
                                              GError      **error);
gboolean    tandem_sync_store_outbox_remove  (TandemStore  *store,
                                              guint64       upto_seq,
                                              GError      **error);
GPtrArray  *tandem_sync_store_blobs_to_send  (TandemStore  *store,
                                              GError      **error);
gboolean    tandem_sync_store_mark_blob_sent (TandemStore  *store,
                                              const char   *hash,
                                              GError      **error);
GPtrArray  *tandem_sync_store_missing_blobs  (TandemStore  *store,
                                              GError      **error);
void        tandem_sync_store_observe_clock  (TandemStore  *store,
                                              const char   *hlc);
gboolean    tandem_sync_store_forget         (TandemStore  *store,
                                              GError      **error);

/* Conflicts, for the user to review. */

/**
 * TandemSyncConflict:
 * @id: the conflict's id
 * @table: the record table
 * @row_id: the record's id
 * @field: the long-text field
 * @other_value: the text that lost
 * @other_hlc: its clock
 * @other_device: the device that wrote it
 * @found_at: when this device found the conflict (ISO 8601 UTC)
 *
 * A concurrent edit of long text whose losing version was kept. The winning
 * text is the record's current value.
 */
typedef struct {
  char *id;
  char *table;
  char *row_id;
  char *field;
  char *other_value;
  char *other_hlc;
  char *other_device;
  char *found_at;
} TandemSyncConflict;

void        tandem_sync_conflict_free       (TandemSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSyncConflict, tandem_sync_conflict_free)

GPtrArray  *tandem_sync_store_list_conflicts (TandemStore  *store,
                                              GError      **error);
gint64      tandem_sync_store_count_conflicts (TandemStore *store);
gboolean    tandem_sync_store_resolve_conflict (TandemStore  *store,
                                                const char   *id,
                                                const char   *text,
                                                GError      **error);

/* Comparing databases (tests, `tandem-cli dump`). */

char       *tandem_sync_store_dump           (TandemStore  *store,
                                              GError      **error);

G_END_DECLS
