/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TANDEM_SYNC_ERROR (tandem_sync_error_quark ())

/**
 * TandemSyncError:
 * @TANDEM_SYNC_ERROR_FAILED: an unexpected failure (out of memory for keys, libsodium
 *   could not start)
 * @TANDEM_SYNC_ERROR_PASSPHRASE: the passphrase does not unlock the space's key
 * @TANDEM_SYNC_ERROR_FORMAT: the space's `format.json` or key file is malformed
 * @TANDEM_SYNC_ERROR_NEWER_FORMAT: the space was made by a newer Tandem
 * @TANDEM_SYNC_ERROR_AUTH: a file from the server failed authentication: damaged,
 *   tampered with, moved from another path or sealed with another key
 * @TANDEM_SYNC_ERROR_TRUNCATED: a file from the server ends before its last chunk
 * @TANDEM_SYNC_ERROR_TRAILING: a file from the server has bytes after its last chunk
 * @TANDEM_SYNC_ERROR_EMPTY: a file from the server is empty
 * @TANDEM_SYNC_ERROR_TOO_BIG: a file from the server is larger than allowed
 * @TANDEM_SYNC_ERROR_INVALID: a value given by the caller is not acceptable
 *   (an empty passphrase, a remote path outside the space)
 * @TANDEM_SYNC_ERROR_REMOVED: this laptop was removed from the space by
 *   another; its sync settings were forgotten
 * @TANDEM_SYNC_ERROR_OTHER_SPACE: the database already syncs with another
 *   space (another data key)
 * @TANDEM_SYNC_ERROR_SPACE_EXISTS: a space already exists at that address
 * @TANDEM_SYNC_ERROR_NO_SPACE: there is no space at that address
 * @TANDEM_SYNC_ERROR_LOCKED: no key: unlock or set a key first
 *
 * Error codes of the sync layer (`src/sync`). Messages are translated and
 * written for the person using the application.
 */
typedef enum {
  TANDEM_SYNC_ERROR_FAILED,
  TANDEM_SYNC_ERROR_PASSPHRASE,
  TANDEM_SYNC_ERROR_FORMAT,
  TANDEM_SYNC_ERROR_NEWER_FORMAT,
  TANDEM_SYNC_ERROR_AUTH,
  TANDEM_SYNC_ERROR_TRUNCATED,
  TANDEM_SYNC_ERROR_TRAILING,
  TANDEM_SYNC_ERROR_EMPTY,
  TANDEM_SYNC_ERROR_TOO_BIG,
  TANDEM_SYNC_ERROR_INVALID,
  TANDEM_SYNC_ERROR_REMOVED,
  TANDEM_SYNC_ERROR_OTHER_SPACE,
  TANDEM_SYNC_ERROR_SPACE_EXISTS,
  TANDEM_SYNC_ERROR_NO_SPACE,
  TANDEM_SYNC_ERROR_LOCKED,
} TandemSyncError;

GQuark tandem_sync_error_quark (void);

G_END_DECLS
