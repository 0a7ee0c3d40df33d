/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib-object.h>

#include "tandem-sync-error.h"

G_BEGIN_DECLS

/*
 * End-to-end encryption of a sync space (DESIGN.md "Sync protocol").
 *
 * A space has one random 32-byte data key. The server holds it only wrapped
 * by a key derived from the setting's passphrase with Argon2id:
 *
 *   format.json          plain JSON: format version, the id of the current key
 *                        file, the Argon2id salt and limits, algorithm names
 *   keys/<key-id>.key    the data key sealed (XChaCha20-Poly1305) with the
 *                        passphrase key; bound to the key id, salt and limits
 *
 * Every wrapping (a new space, a changed passphrase) gets a fresh salt and a
 * fresh key id, so a changed passphrase is uploaded as a new key file first
 * and then a new format.json naming it: a device reading the server halfway
 * through still finds a matching pair, and the data itself is not re-sent.
 *
 * Files are sealed with crypto_secretstream_xchacha20poly1305 in 64 KiB
 * chunks. The stream begins with the plaintext length, and every part is
 * authenticated together with the file's remote path, so a file moved to
 * another path, cut short (even at a chunk boundary) or with bytes appended
 * is refused, each with its own error. Blob names are keyed BLAKE2b hashes, so the
 * server cannot confirm that it holds a photo it already knows.
 *
 * The data key and the subkeys derived from it (crypto_kdf) live in
 * sodium_malloc() memory: locked in RAM, read-only once made, zeroed when the
 * last reference goes.
 */

/**
 * TANDEM_SYNC_CHUNK_SIZE:
 *
 * Plaintext bytes per sealed chunk. Each chunk adds 17 bytes; each file adds
 * a 57-byte header (tandem_sync_sealed_size()).
 */
#define TANDEM_SYNC_CHUNK_SIZE (64 * 1024)

/**
 * TANDEM_SYNC_FORMAT_JSON_MAX_SIZE:
 *
 * The largest `format.json` accepted. Ours are about 400 bytes; anything much
 * larger is not from Tandem and is refused before it is parsed.
 */
#define TANDEM_SYNC_FORMAT_JSON_MAX_SIZE (4 * 1024)

/**
 * TandemSyncKdfLimits:
 * @TANDEM_SYNC_KDF_MIN: the smallest Argon2id limits; for tests only
 * @TANDEM_SYNC_KDF_INTERACTIVE: libsodium's interactive limits (64 MiB)
 * @TANDEM_SYNC_KDF_MODERATE: libsodium's moderate limits (256 MiB, about
 *   0.7 s); the default for a real space
 *
 * How hard turning a passphrase into a key is. The limits chosen are written
 * into `format.json`, so opening never needs to be told them.
 */
typedef enum {
  TANDEM_SYNC_KDF_MIN,
  TANDEM_SYNC_KDF_INTERACTIVE,
  TANDEM_SYNC_KDF_MODERATE,
} TandemSyncKdfLimits;

/**
 * TandemSyncKey:
 *
 * A space's unwrapped data key and its subkeys, in locked, read-only memory.
 * Reference counted; thread-safe to use from several threads at once.
 */
typedef struct _TandemSyncKey TandemSyncKey;

#define TANDEM_TYPE_SYNC_KEY (tandem_sync_key_get_type ())

GType          tandem_sync_key_get_type           (void) G_GNUC_CONST;
TandemSyncKey *tandem_sync_key_ref                (TandemSyncKey        *key);
void           tandem_sync_key_unref              (TandemSyncKey        *key);
char          *tandem_sync_key_dup_secret         (TandemSyncKey        *key);
char          *tandem_sync_key_dup_id             (TandemSyncKey        *key);
TandemSyncKey *tandem_sync_key_new_from_secret    (const char           *secret,
                                                   GError              **error);
void           tandem_sync_secret_free            (char                 *secret);

gboolean       tandem_sync_space_create           (const char           *passphrase,
                                                   TandemSyncKdfLimits   limits,
                                                   GBytes              **format_json,
                                                   char                **key_path,
                                                   GBytes              **key_file,
                                                   TandemSyncKey       **key,
                                                   GError              **error);
char          *tandem_sync_space_get_key_path     (GBytes               *format_json,
                                                   GError              **error);
TandemSyncKey *tandem_sync_space_open             (GBytes               *format_json,
                                                   GBytes               *key_file,
                                                   const char           *passphrase,
                                                   GError              **error);
gboolean       tandem_sync_space_rewrap           (TandemSyncKey        *key,
                                                   const char           *new_passphrase,
                                                   TandemSyncKdfLimits   limits,
                                                   GBytes              **format_json,
                                                   char                **key_path,
                                                   GBytes              **key_file,
                                                   GError              **error);

gsize          tandem_sync_sealed_size            (gsize                 plaintext_size);
GBytes        *tandem_sync_seal                   (TandemSyncKey        *key,
                                                   const char           *remote_path,
                                                   GBytes               *plaintext,
                                                   GError              **error);
GBytes        *tandem_sync_open                   (TandemSyncKey        *key,
                                                   const char           *remote_path,
                                                   GBytes               *sealed,
                                                   gsize                 max_size,
                                                   GError              **error);

char          *tandem_sync_blob_name              (TandemSyncKey        *key,
                                                   GBytes               *plaintext);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemSyncKey, tandem_sync_key_unref)

G_END_DECLS
