/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"
#include "tandem-sync-crypto.h"
#include "tandem-webdav.h"

G_BEGIN_DECLS

/*
 * The sync engine (DESIGN.md, "Sync protocol"). A TandemSyncSession ties one
 * database connection to one WebDAV space; use it from one worker thread at
 * a time (its store and its WebDAV client are not shared).
 *
 * Layout of a space, relative to the server URL:
 *
 *   format.json, keys/<key-id>.key     see tandem-sync-crypto.h
 *   log/<device>/<seq:012>.bin         an immutable sealed batch of one
 *                                      device's changes, seq from 1
 *   heads/<device>.<seq:012>           sealed {seq, applied vector, laptop
 *                                      name, time}: the newest batch of that
 *                                      device; the name alone is enough to
 *                                      know what is new
 *   blobs/<ab>/<name>                  a sealed photo; <name> is the keyed
 *                                      BLAKE2b of its content hash
 *   snapshots/<device>.<hlc>.snap      sealed full state for joining devices
 *   heads/<device>.repair              sealed {first seq, who asks}: another
 *                                      laptop could not read that batch
 *                                      (lost or damaged on the server); the
 *                                      device sends it and the later ones
 *                                      again from its outbox, byte for
 *                                      byte, and deletes the request
 *   heads/<device>.removed             sealed {who removed it, when}: that
 *                                      laptop was removed from the space;
 *                                      others ignore its later batches, and
 *                                      on its next sync it stops, forgets
 *                                      its key and says why
 *
 * tandem_sync_session_run() in order:
 *  1. PROPFIND heads/. Nothing new and nothing to send: done (one request).
 *  2. A device that has never applied anything lists snapshots/ and applies
 *     the newest, then the batches after what it covers.
 *  3. GET each new batch, open it (authenticated with its path), decode it,
 *     and apply every change in (hlc, device) order in one transaction with
 *     the new sync_applied marks. A file that fails authentication, is
 *     missing or truncated is reported in the report's problems and that
 *     device is left for the next sync; everything else goes on.
 *  4. Send: photos not yet sent, then (the space's creator only, once) a
 *     snapshot, then this device's unsent changes as batches through the
 *     outbox (sealed once, kept until uploaded), then the new head, then
 *     delete the older heads of this device.
 *  5. GET photos that records refer to but this laptop does not have.
 */

/**
 * TandemSyncReport:
 * @requests: HTTP requests made
 * @bytes_sent: bytes uploaded (bodies)
 * @bytes_received: bytes downloaded (bodies)
 * @changes_sent: field changes sent
 * @changes_received: field changes received and applied
 * @batches_sent: batches uploaded
 * @batches_received: batches downloaded and applied
 * @blobs_sent: photos uploaded
 * @blobs_received: photos downloaded
 * @conflicts: new conflicts found (see tandem_sync_store_list_conflicts())
 * @quarantined: changes held back because their laptop's clock is ahead
 * @rejected: malformed changes ignored
 * @created_space: this sync created the space
 * @joined: this sync joined an existing space from a snapshot
 * @problems: (element-type utf8): translated sentences about files that were
 *   damaged, missing or refused and left for later; empty when all went well
 * @changed_rows: (element-type utf8): "table/row-id" of each record changed by
 *   what was received, so that a window can refresh; %NULL when more than
 *   %TANDEM_SYNC_MAX_CHANGED_ROWS changed (then refresh everything)
 *
 * What a sync did, for the status line, the CLI and the benchmarks.
 */
typedef struct {
  guint64    requests;
  guint64    bytes_sent;
  guint64    bytes_received;
  guint      changes_sent;
  guint      changes_received;
  guint      batches_sent;
  guint      batches_received;
  guint      blobs_sent;
  guint      blobs_received;
  guint      conflicts;
  guint      quarantined;
  guint      rejected;
  gboolean   created_space;
  gboolean   joined;
  GPtrArray *problems;
  GPtrArray *changed_rows;
} TandemSyncReport;

#define TANDEM_SYNC_MAX_CHANGED_ROWS 5000

TandemSyncReport *tandem_sync_report_new  (void);
void              tandem_sync_report_free (TandemSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSyncReport, tandem_sync_report_free)

/**
 * TandemSyncDevice:
 * @id: the laptop's device id
 * @name: the name it gave itself (its host name unless set)
 * @seq: its newest batch
 * @synced_at: when it last sent (ISO 8601 UTC), or %NULL if unknown
 * @is_self: whether it is this laptop
 *
 * A laptop in the space, as its head on the server tells.
 */
typedef struct {
  char     *id;
  char     *name;
  guint64   seq;
  char     *synced_at;
  gboolean  is_self;
} TandemSyncDevice;

void tandem_sync_device_free (TandemSyncDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSyncDevice, tandem_sync_device_free)

#define TANDEM_TYPE_SYNC_SESSION (tandem_sync_session_get_type ())
G_DECLARE_FINAL_TYPE (TandemSyncSession, tandem_sync_session, TANDEM, SYNC_SESSION, GObject)

TandemSyncSession *tandem_sync_session_new          (TandemStore          *store,
                                                     TandemWebdav         *webdav);
void               tandem_sync_session_set_device_name (TandemSyncSession *self,
                                                     const char           *name);
gboolean           tandem_sync_session_space_exists (TandemSyncSession    *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
gboolean           tandem_sync_session_create       (TandemSyncSession    *self,
                                                     const char           *passphrase,
                                                     TandemSyncKdfLimits   limits,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
gboolean           tandem_sync_session_unlock       (TandemSyncSession    *self,
                                                     const char           *passphrase,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
gboolean           tandem_sync_session_set_key      (TandemSyncSession    *self,
                                                     TandemSyncKey        *key,
                                                     GError              **error);
TandemSyncKey     *tandem_sync_session_get_key      (TandemSyncSession    *self);
gboolean           tandem_sync_session_run          (TandemSyncSession    *self,
                                                     TandemSyncReport     *report,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
gboolean           tandem_sync_session_change_passphrase (TandemSyncSession *self,
                                                     const char           *old_passphrase,
                                                     const char           *new_passphrase,
                                                     TandemSyncKdfLimits   limits,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
GPtrArray         *tandem_sync_session_list_devices (TandemSyncSession    *self,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
gboolean           tandem_sync_session_remove_device (TandemSyncSession   *self,
                                                     const char           *device_id,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

G_END_DECLS
