/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"
#include "tandem-sync.h"

G_BEGIN_DECLS

/**
 * TandemSyncState:
 * @TANDEM_SYNC_STATE_OFF: sync is not set up
 * @TANDEM_SYNC_STATE_UP_TO_DATE: the last sync went well
 * @TANDEM_SYNC_STATE_SYNCING: a sync is running
 * @TANDEM_SYNC_STATE_OFFLINE: the server could not be reached; changes wait
 * @TANDEM_SYNC_STATE_ERROR: the last sync failed or left problems
 * @TANDEM_SYNC_STATE_NEEDS_UNLOCK: the password or passphrase is needed
 *
 * What the header bar shows about sync.
 */
typedef enum {
  TANDEM_SYNC_STATE_OFF,
  TANDEM_SYNC_STATE_UP_TO_DATE,
  TANDEM_SYNC_STATE_SYNCING,
  TANDEM_SYNC_STATE_OFFLINE,
  TANDEM_SYNC_STATE_ERROR,
  TANDEM_SYNC_STATE_NEEDS_UNLOCK,
} TandemSyncState;

#define TANDEM_TYPE_SYNC_STATE (tandem_sync_state_get_type ())
GType tandem_sync_state_get_type (void) G_GNUC_CONST;

#define TANDEM_TYPE_SYNC_CONTROLLER (tandem_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (TandemSyncController, tandem_sync_controller, TANDEM, SYNC_CONTROLLER,
                      GObject)

TandemSyncController *tandem_sync_controller_new            (TandemStore          *store);
TandemStore          *tandem_sync_controller_get_store      (TandemSyncController *self);
TandemSyncState       tandem_sync_controller_get_state      (TandemSyncController *self);
const char           *tandem_sync_controller_get_message    (TandemSyncController *self);
guint                 tandem_sync_controller_get_conflicts  (TandemSyncController *self);
GDateTime            *tandem_sync_controller_get_last_sync  (TandemSyncController *self);
gboolean              tandem_sync_controller_is_enabled     (TandemSyncController *self);
char                 *tandem_sync_controller_dup_url        (TandemSyncController *self);
char                 *tandem_sync_controller_dup_user       (TandemSyncController *self);
char                 *tandem_sync_controller_dup_ca_file    (TandemSyncController *self);
TandemSyncKdfLimits   tandem_sync_controller_get_kdf_limits (TandemSyncController *self);
void                  tandem_sync_controller_set_kdf_limits (TandemSyncController *self,
                                                             TandemSyncKdfLimits   limits);
void                  tandem_sync_controller_sync_now       (TandemSyncController *self);
void                  tandem_sync_controller_set_delays     (TandemSyncController *self,
                                                             guint                 change_delay_ms,
                                                             guint                 period_ms);
void                  tandem_sync_controller_update_conflicts (TandemSyncController *self);

void                  tandem_sync_controller_enable         (TandemSyncController *self,
                                                             const char           *url,
                                                             const char           *user,
                                                             const char           *ca_file,
                                                             const char           *password,
                                                             TandemSyncKey        *key);

void                  tandem_sync_controller_change_passphrase_async (TandemSyncController *self,
                                                             const char           *old_passphrase,
                                                             const char           *new_passphrase,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              tandem_sync_controller_change_passphrase_finish (TandemSyncController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                  tandem_sync_controller_list_devices_async (TandemSyncController *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray            *tandem_sync_controller_list_devices_finish (TandemSyncController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                  tandem_sync_controller_remove_device_async (TandemSyncController *self,
                                                             const char           *device_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              tandem_sync_controller_remove_device_finish (TandemSyncController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                  tandem_sync_controller_turn_off_async (TandemSyncController *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              tandem_sync_controller_turn_off_finish (TandemSyncController *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
