/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

#include "tandem-sync-crypto.h"

G_BEGIN_DECLS

/*
 * The secrets of sync: the WebDAV password and the space's data key, kept in
 * the desktop keyring (libsecret schema "org.gnome.Tandem.Sync") so that a
 * laptop syncs without asking. Without a Secret Service (a session without a
 * keyring, the tests) they are kept in memory for as long as Tandem runs, and
 * asked for again at the next start.
 *
 * The functions block on D-Bus: call them from a worker thread. They are
 * safe to call from several threads.
 */

gboolean       tandem_sync_secrets_store_password  (const char     *server,
                                                    const char     *user,
                                                    const char     *password,
                                                    GCancellable   *cancellable);
char          *tandem_sync_secrets_lookup_password (const char     *server,
                                                    const char     *user,
                                                    GCancellable   *cancellable);
gboolean       tandem_sync_secrets_store_key       (const char     *space,
                                                    TandemSyncKey  *key,
                                                    GCancellable   *cancellable);
TandemSyncKey *tandem_sync_secrets_lookup_key      (const char     *space,
                                                    GCancellable   *cancellable);
void           tandem_sync_secrets_clear           (const char     *server,
                                                    const char     *user,
                                                    const char     *space,
                                                    GCancellable   *cancellable);

G_END_DECLS
