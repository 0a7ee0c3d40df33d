/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "tandem-sync-crypto.h"

#define KEY_BYTES 32
#define KEY_ID_BYTES 16
#define SALT_BYTES crypto_pwhash_argon2id_SALTBYTES

#define FORMAT_VERSION 1

/* Hostile format.json files must not make us spend minutes or gigabytes on
 * Argon2id: these are well above what Tandem writes (MODERATE) and below what
 * would stall a laptop. */
#define OPSLIMIT_MAX 10
#define MEMLIMIT_MAX (G_GINT64_CONSTANT (1) << 30)

/* keys/<key-id>.key: magic, version, key id, nonce, sealed data key. */
#define KEY_FILE_MAGIC "TNDK"
#define KEY_FILE_VERSION 1
#define KEY_FILE_PREFIX_BYTES (4 + 1 + KEY_ID_BYTES)
#define KEY_FILE_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define KEY_FILE_BYTES (KEY_FILE_PREFIX_BYTES + KEY_FILE_NONCE_BYTES + KEY_BYTES \
                        + crypto_aead_xchacha20poly1305_ietf_ABYTES)

/* A sealed file: magic, version and three zero bytes in clear; the
 * secretstream header; the plaintext length (64-bit little-endian) as the
 * stream's first message; then the chunks, the last tagged FINAL. Sealing
 * the length first means it is authentic before anything depends on it, so
 * a cut or extended file is told apart from a damaged one. */
#define SEAL_MAGIC "TNDS"
#define SEAL_VERSION 1
#define SEAL_PREFIX_BYTES 8
#define SEAL_CHUNK_OVERHEAD crypto_secretstream_xchacha20poly1305_ABYTES
#define SEAL_STREAM_HEADER_BYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SEAL_LENGTH_OFFSET (SEAL_PREFIX_BYTES + SEAL_STREAM_HEADER_BYTES)
#define SEAL_HEADER_BYTES (SEAL_LENGTH_OFFSET + 8 + SEAL_CHUNK_OVERHEAD)

/* crypto_kdf contexts are exactly eight characters; distinct contexts keep
 * the subkeys independent of each other and of the data key. */
#define KDF_CONTEXT_SEAL "tndseal1"
#define KDF_CONTEXT_BLOB "tndblob1"

#define REMOTE_PATH_MAX 1024

G_STATIC_ASSERT (crypto_kdf_KEYBYTES == KEY_BYTES);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_KEYBYTES == KEY_BYTES);
G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_KEYBYTES == KEY_BYTES);
G_STATIC_ASSERT (SEAL_HEADER_BYTES == 57);
G_STATIC_ASSERT (SEAL_CHUNK_OVERHEAD == 17);

/* Everything secret in one sodium_malloc() block: one guard-paged, locked
 * region, made read-only once filled. */
typedef struct {
  guint8 data[KEY_BYTES];
  guint8 seal[KEY_BYTES];
  guint8 blob[KEY_BYTES];
} KeyBlock;

struct _TandemSyncKey {
  gatomicrefcount ref_count;
  KeyBlock *block;
};

/* What format.json says about the current wrapping of the data key. */
typedef struct {
  guint8 key_id[KEY_ID_BYTES];
  guint8 salt[SALT_BYTES];
  guint64 opslimit;
  guint64 memlimit;
} KdfParams;

G_DEFINE_BOXED_TYPE (TandemSyncKey, tandem_sync_key, tandem_sync_key_ref, tandem_sync_key_unref)

static gboolean
ensure_sodium (GError **error)
{
  static gsize result = 0;

  if (g_once_init_enter (&result))
    g_once_init_leave (&result, sodium_init () >= 0 ? 1 : 2);

  if (result != 1)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FAILED,
                           _("The encryption library could not be started."));
      return FALSE;
    }
  return TRUE;
}

static void
put_le64 (guint8  *dest,
          guint64  value)
{
  for (int i = 0; i < 8; i++)
    dest[i] = (guint8) (value >> (8 * i));
}

static guint64
get_le64 (const guint8 *src)
{
  guint64 value = 0;

  for (int i = 7; i >= 0; i--)
    value = (value << 8) | src[i];
  return value;
}

static char *
hex_encode (const guint8 *bin,
            gsize         len)
{
  char *hex = g_malloc (len * 2 + 1);

  sodium_bin2hex (hex, len * 2 + 1, bin, len);
  return hex;
}

/* Strict: exactly 2 * len lowercase hex digits, nothing else. Key ids end up
 * in remote paths, so nothing looser may pass. */
static gboolean
hex_decode (const char *hex,
            guint8     *bin,
            gsize       len)
{
  if (hex == NULL || strlen (hex) != len * 2)
    return FALSE;

  for (gsize i = 0; i < len * 2; i++)
    if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
      return FALSE;

  for (gsize i = 0; i < len; i++)
    bin[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
  return TRUE;
}

static void
limits_to_params (TandemSyncKdfLimits  limits,
                  KdfParams           *params)
{
  switch (limits)
    {
    case TANDEM_SYNC_KDF_MIN:
      params->opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
      params->memlimit = crypto_pwhash_argon2id_MEMLIMIT_MIN;
      break;
    case TANDEM_SYNC_KDF_INTERACTIVE:
      params->opslimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
      params->memlimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
      break;
    case TANDEM_SYNC_KDF_MODERATE:
    default:
      params->opslimit = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
      params->memlimit = crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
      break;
    }
}

static KeyBlock *
key_block_new (GError **error)
{
  KeyBlock *block = sodium_malloc (sizeof (KeyBlock));

  if (block == NULL)
    g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FAILED,
                         _("There is not enough memory to hold the sync space’s key."));
  return block;
}

static void
key_block_free (KeyBlock *block)
{
  if (block == NULL)
    return;
  /* sodium_free() zeroes the region; it must be writable for that. */
  sodium_mprotect_readwrite (block);
  sodium_free (block);
}

/* Takes a block whose data key is filled in: derives the subkeys, locks the
 * block read-only and wraps it. */
static TandemSyncKey *
key_new_take (KeyBlock *block)
{
  TandemSyncKey *key = g_new0 (TandemSyncKey, 1);

  crypto_kdf_derive_from_key (block->seal, sizeof block->seal, 1, KDF_CONTEXT_SEAL, block->data);
  crypto_kdf_derive_from_key (block->blob, sizeof block->blob, 1, KDF_CONTEXT_BLOB, block->data);
  sodium_mprotect_readonly (block);

  g_atomic_ref_count_init (&key->ref_count);
  key->block = block;
  return key;
}

/**
 * tandem_sync_key_ref:
 * @key: a #TandemSyncKey
 *
 * Returns: (transfer full): @key
 */
TandemSyncKey *
tandem_sync_key_ref (TandemSyncKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

/**
 * tandem_sync_key_unref:
 * @key: (transfer full): a #TandemSyncKey
 *
 * Drops a reference; the last one zeroes and frees the key memory.
 */
void
tandem_sync_key_unref (TandemSyncKey *key)
{
  g_return_if_fail (key != NULL);

  if (g_atomic_ref_count_dec (&key->ref_count))
    {
      key_block_free (key->block);
      g_free (key);
    }
}

#define SECRET_PREFIX "tandem-sync-key-1:"
#define SECRET_BYTES (sizeof SECRET_PREFIX - 1 + 2 * KEY_BYTES + 1)

/**
 * tandem_sync_key_dup_secret:
 * @key: a space's data key
 *
 * The data key as text, for this computer's keyring, so that the
 * passphrase is asked once when joining and not at every start. It is the
 * whole secret of the space: never write it anywhere else.
 *
 * Returns: (transfer full): `tandem-sync-key-1:` and 64 hex digits, in
 *   locked memory; free with tandem_sync_secret_free()
 */
char *
tandem_sync_key_dup_secret (TandemSyncKey *key)
{
  char *secret;

  g_return_val_if_fail (key != NULL, NULL);

  secret = sodium_malloc (SECRET_BYTES);
  if (secret == NULL)
    g_error ("Out of locked memory for a sync key");
  memcpy (secret, SECRET_PREFIX, sizeof SECRET_PREFIX - 1);
  sodium_bin2hex (secret + sizeof SECRET_PREFIX - 1, 2 * KEY_BYTES + 1, key->block->data, KEY_BYTES);
  return secret;
}

/**
 * tandem_sync_key_dup_id:
 * @key: a space's data key
 *
 * A stable, public identifier of the data key: a BLAKE2b hash of a fixed
 * label keyed with the blob subkey, so it reveals nothing about the key. A
 * database remembers the id of the space it syncs with, and refuses to mix
 * in another space's data. A changed passphrase keeps the data key, and so
 * the id.
 *
 * Returns: (transfer full): 32 hex digits
 */
char *
tandem_sync_key_dup_id (TandemSyncKey *key)
{
  static const char label[] = "tandem-space-id-1";
  guint8 hash[16];

  g_return_val_if_fail (key != NULL, NULL);

  crypto_generichash (hash, sizeof hash, (const guint8 *) label, sizeof label - 1,
                      key->block->blob, sizeof key->block->blob);
  return hex_encode (hash, sizeof hash);
}

/**
 * tandem_sync_secret_free:
 * @secret: (nullable): a string from tandem_sync_key_dup_secret()
 *
 * Zeroes and frees @secret.
 */
void
tandem_sync_secret_free (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/**
 * tandem_sync_key_new_from_secret:
 * @secret: text from tandem_sync_key_dup_secret(), as the keyring gave it back
 * @error: return location for a #GError
 *
 * The data key again, from its text. Anything but exactly what
 * tandem_sync_key_dup_secret() makes gives %TANDEM_SYNC_ERROR_FORMAT.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
TandemSyncKey *
tandem_sync_key_new_from_secret (const char  *secret,
                                 GError     **error)
{
  KeyBlock *block;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  if (secret == NULL || strncmp (secret, SECRET_PREFIX, sizeof SECRET_PREFIX - 1) != 0)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                           _("The sync key saved on this computer is damaged."));
      return NULL;
    }

  block = key_block_new (error);
  if (block == NULL)
    return NULL;
  if (!hex_decode (secret + sizeof SECRET_PREFIX - 1, block->data, KEY_BYTES))
    {
      key_block_free (block);
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                           _("The sync key saved on this computer is damaged."));
      return NULL;
    }
  return key_new_take (block);
}

/* Argon2id of the NFC-normalised passphrase, so the same words typed through
 * different input methods give the same key. */
static gboolean
derive_wrap_key (const char      *passphrase,
                 const KdfParams *params,
                 guint8          *out,
                 GError         **error)
{
  char *normal;
  gsize len;
  int rc;

  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID,
                           _("The passphrase is not valid text."));
      return FALSE;
    }

  normal = g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFC);
  len = normal != NULL ? strlen (normal) : 0;
  if (len == 0)
    {
      g_free (normal);
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID,
                           _("The passphrase is empty."));
      return FALSE;
    }

  rc = crypto_pwhash (out, KEY_BYTES, normal, len, params->salt,
                      params->opslimit, (size_t) params->memlimit,
                      crypto_pwhash_ALG_ARGON2ID13);
  sodium_memzero (normal, len);
  g_free (normal);

  if (rc != 0)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FAILED,
                           _("There is not enough memory to check the passphrase."));
      return FALSE;
    }
  return TRUE;
}

/* The key file is bound to everything format.json says about it: a key file
 * paired with another format.json, or with edited limits, fails to open. */
static void
wrap_ad (const KdfParams *params,
         guint8          *ad)
{
  memcpy (ad, KEY_FILE_MAGIC, 4);
  ad[4] = KEY_FILE_VERSION;
  memcpy (ad + 5, params->key_id, KEY_ID_BYTES);
  memcpy (ad + 5 + KEY_ID_BYTES, params->salt, SALT_BYTES);
  put_le64 (ad + 5 + KEY_ID_BYTES + SALT_BYTES, params->opslimit);
  put_le64 (ad + 5 + KEY_ID_BYTES + SALT_BYTES + 8, params->memlimit);
}

#define WRAP_AD_BYTES (5 + KEY_ID_BYTES + SALT_BYTES + 16)

static char *
key_path_for (const guint8 *key_id)
{
  g_autofree char *hex = hex_encode (key_id, KEY_ID_BYTES);

  return g_strdup_printf ("keys/%s.key", hex);
}

static GBytes *
format_json_for (const KdfParams *params)
{
  g_autofree char *key_id = hex_encode (params->key_id, KEY_ID_BYTES);
  g_autofree char *salt = hex_encode (params->salt, SALT_BYTES);
  char *json;

  json = g_strdup_printf ("{\n"
                          "  \"format\": %d,\n"
                          "  \"key-id\": \"%s\",\n"
                          "  \"kdf\": \"argon2id13\",\n"
                          "  \"kdf-salt\": \"%s\",\n"
                          "  \"kdf-opslimit\": %" G_GUINT64_FORMAT ",\n"
                          "  \"kdf-memlimit\": %" G_GUINT64_FORMAT ",\n"
                          "  \"key-wrap\": \"xchacha20poly1305-ietf\",\n"
                          "  \"files\": \"secretstream-xchacha20poly1305\",\n"
                          "  \"chunk-size\": %d,\n"
                          "  \"blob-names\": \"blake2b-keyed\"\n"
                          "}\n",
                          FORMAT_VERSION, key_id, salt, params->opslimit, params->memlimit,
                          TANDEM_SYNC_CHUNK_SIZE);
  return g_bytes_new_take (json, strlen (json));
}

static void
set_format_field_error (GError     **error,
                        const char  *field)
{
  /* Translators: %s is the name of a field in the sync space's format.json,
   * such as “kdf-salt”; keep it as it is. */
  g_set_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
               _("The sync space’s format.json is damaged: “%s” is missing or not valid."), field);
}

static void
set_newer_format_error (GError **error)
{
  g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NEWER_FORMAT,
                       _("The sync space was made by a newer version of Tandem. "
                         "Update Tandem on this computer to use it."));
}

static gboolean
get_int_member (JsonObject  *object,
                const char  *name,
                gint64       min,
                gint64       max,
                gint64      *out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_format_field_error (error, name);
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      set_format_field_error (error, name);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static const char *
get_string_member (JsonObject  *object,
                   const char  *name,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_format_field_error (error, name);
      return NULL;
    }
  return json_node_get_string (node);
}

/* An algorithm name we do not know means a newer Tandem chose it. */
static gboolean
check_algorithm (JsonObject  *object,
                 const char  *name,
                 const char  *expected,
                 GError     **error)
{
  const char *value = get_string_member (object, name, error);

  if (value == NULL)
    return FALSE;
  if (strcmp (value, expected) != 0)
    {
      set_newer_format_error (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_format_json (GBytes     *format_json,
                   KdfParams  *params,
                   GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = NULL;
  JsonObject *object;
  const char *data;
  gsize size;
  gint64 version, ops, mem, chunk;

  data = g_bytes_get_data (format_json, &size);
  if (size == 0 || size > TANDEM_SYNC_FORMAT_JSON_MAX_SIZE)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                           _("The sync space’s format.json is damaged or not from Tandem."));
      return FALSE;
    }

  /* json-glib is given the length, so an embedded NUL cannot hide the rest;
   * and text that is not UTF-8 is refused before it is parsed. */
  if (!g_utf8_validate (data, (gssize) size, NULL))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                           _("The sync space’s format.json is damaged or not from Tandem."));
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                           _("The sync space’s format.json is damaged or not from Tandem."));
      return FALSE;
    }
  object = json_node_get_object (root);

  if (!get_int_member (object, "format", 1, G_MAXINT64, &version, error))
    return FALSE;
  if (version > FORMAT_VERSION)
    {
      set_newer_format_error (error);
      return FALSE;
    }

  if (!check_algorithm (object, "kdf", "argon2id13", error)
      || !check_algorithm (object, "key-wrap", "xchacha20poly1305-ietf", error)
      || !check_algorithm (object, "files", "secretstream-xchacha20poly1305", error)
      || !check_algorithm (object, "blob-names", "blake2b-keyed", error))
    return FALSE;

  if (!get_int_member (object, "chunk-size", 1, G_MAXINT64, &chunk, error))
    return FALSE;
  if (chunk != TANDEM_SYNC_CHUNK_SIZE)
    {
      set_newer_format_error (error);
      return FALSE;
    }

  if (!hex_decode (get_string_member (object, "key-id", NULL), params->key_id, KEY_ID_BYTES))
    {
      set_format_field_error (error, "key-id");
      return FALSE;
    }
  if (!hex_decode (get_string_member (object, "kdf-salt", NULL), params->salt, SALT_BYTES))
    {
      set_format_field_error (error, "kdf-salt");
      return FALSE;
    }

  if (!get_int_member (object, "kdf-opslimit", crypto_pwhash_argon2id_OPSLIMIT_MIN,
                       OPSLIMIT_MAX, &ops, error)
      || !get_int_member (object, "kdf-memlimit", crypto_pwhash_argon2id_MEMLIMIT_MIN,
                          MEMLIMIT_MAX, &mem, error))
    return FALSE;

  params->opslimit = (guint64) ops;
  params->memlimit = (guint64) mem;
  return TRUE;
}

/**
 * tandem_sync_space_get_key_path:
 * @format_json: the contents of the space's `format.json`
 * @error: return location for a #GError
 *
 * Which key file to download before tandem_sync_space_open(): the path
 * (`keys/<key-id>.key`) that @format_json names. @format_json is checked
 * as tandem_sync_space_open() checks it, so the returned path is always a
 * plain path inside the space.
 *
 * Returns: (transfer full): the remote path, or %NULL with @error set
 *   (%TANDEM_SYNC_ERROR_FORMAT or %TANDEM_SYNC_ERROR_NEWER_FORMAT)
 */
char *
tandem_sync_space_get_key_path (GBytes  *format_json,
                                GError **error)
{
  KdfParams params;

  g_return_val_if_fail (format_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_format_json (format_json, &params, error))
    return NULL;
  return key_path_for (params.key_id);
}

/**
 * tandem_sync_space_rewrap:
 * @key: the space's data key
 * @new_passphrase: the passphrase that is to unlock it from now on
 * @limits: how hard Argon2id is to work; %TANDEM_SYNC_KDF_MODERATE for a
 *   real space
 * @format_json: (out) (transfer full): the new `format.json`
 * @key_path: (out) (transfer full): where the new key file goes, `keys/<key-id>.key`
 * @key_file: (out) (transfer full): the new key file
 * @error: return location for a #GError
 *
 * Wraps the same data key with a new passphrase, a fresh salt and a fresh
 * key id: changing the passphrase re-sends none of the data. Upload the key
 * file first and `format.json` after it, then delete the old key file, so a
 * device reading the space meanwhile always finds a key file that matches.
 * The caller checks the old passphrase first (tandem_sync_space_open()).
 *
 * Returns: %TRUE on success; on failure the out arguments are untouched
 */
gboolean
tandem_sync_space_rewrap (TandemSyncKey        *key,
                          const char           *new_passphrase,
                          TandemSyncKdfLimits   limits,
                          GBytes              **format_json,
                          char                **key_path,
                          GBytes              **key_file,
                          GError              **error)
{
  KdfParams params = { 0 };
  guint8 ad[WRAP_AD_BYTES];
  guint8 *wrap_key;
  guint8 *file;
  unsigned long long clen = 0;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (format_json != NULL && key_path != NULL && key_file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_sodium (error))
    return FALSE;

  limits_to_params (limits, &params);
  randombytes_buf (params.key_id, sizeof params.key_id);
  randombytes_buf (params.salt, sizeof params.salt);

  wrap_key = sodium_malloc (KEY_BYTES);
  if (wrap_key == NULL)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FAILED,
                           _("There is not enough memory to hold the sync space’s key."));
      return FALSE;
    }
  if (!derive_wrap_key (new_passphrase, &params, wrap_key, error))
    {
      sodium_free (wrap_key);
      return FALSE;
    }

  file = g_malloc (KEY_FILE_BYTES);
  memcpy (file, KEY_FILE_MAGIC, 4);
  file[4] = KEY_FILE_VERSION;
  memcpy (file + 5, params.key_id, KEY_ID_BYTES);
  randombytes_buf (file + KEY_FILE_PREFIX_BYTES, KEY_FILE_NONCE_BYTES);
  wrap_ad (&params, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (file + KEY_FILE_PREFIX_BYTES + KEY_FILE_NONCE_BYTES,
                                              &clen, key->block->data, KEY_BYTES,
                                              ad, sizeof ad, NULL,
                                              file + KEY_FILE_PREFIX_BYTES, wrap_key);
  sodium_free (wrap_key);
  g_assert (clen + KEY_FILE_PREFIX_BYTES + KEY_FILE_NONCE_BYTES == KEY_FILE_BYTES);

  *format_json = format_json_for (&params);
  *key_path = key_path_for (params.key_id);
  *key_file = g_bytes_new_take (file, KEY_FILE_BYTES);
  return TRUE;
}

/**
 * tandem_sync_space_create:
 * @passphrase: the setting's passphrase
 * @limits: how hard Argon2id is to work; %TANDEM_SYNC_KDF_MODERATE for a
 *   real space
 * @format_json: (out) (transfer full): the space's `format.json`
 * @key_path: (out) (transfer full): where the key file goes, `keys/<key-id>.key`
 * @key_file: (out) (transfer full): the key file
 * @key: (out) (transfer full): the new data key
 * @error: return location for a #GError
 *
 * Makes the key material of a new space: a random data key, wrapped by
 * @passphrase. Upload the key file before `format.json`.
 *
 * Returns: %TRUE on success; on failure the out arguments are untouched
 */
gboolean
tandem_sync_space_create (const char           *passphrase,
                          TandemSyncKdfLimits   limits,
                          GBytes              **format_json,
                          char                **key_path,
                          GBytes              **key_file,
                          TandemSyncKey       **key,
                          GError              **error)
{
  g_autoptr(TandemSyncKey) new_key = NULL;
  KeyBlock *block;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_sodium (error))
    return FALSE;

  block = key_block_new (error);
  if (block == NULL)
    return FALSE;
  crypto_kdf_keygen (block->data);
  new_key = key_new_take (block);

  if (!tandem_sync_space_rewrap (new_key, passphrase, limits, format_json, key_path, key_file, error))
    return FALSE;

  *key = g_steal_pointer (&new_key);
  return TRUE;
}

/**
 * tandem_sync_space_open:
 * @format_json: the contents of the space's `format.json`
 * @key_file: the contents of the key file it names
 *   (tandem_sync_space_get_key_path())
 * @passphrase: the setting's passphrase
 * @error: return location for a #GError
 *
 * Unwraps the space's data key. A wrong passphrase gives
 * %TANDEM_SYNC_ERROR_PASSPHRASE; a malformed `format.json` or key file
 * %TANDEM_SYNC_ERROR_FORMAT; one from a newer Tandem
 * %TANDEM_SYNC_ERROR_NEWER_FORMAT. Both files come from the server and may be
 * hostile: they are size-checked before anything else, and the Argon2id
 * limits they can ask for are capped.
 *
 * Returns: (transfer full): the data key, or %NULL with @error set
 */
TandemSyncKey *
tandem_sync_space_open (GBytes      *format_json,
                        GBytes      *key_file,
                        const char  *passphrase,
                        GError     **error)
{
  KdfParams params;
  guint8 ad[WRAP_AD_BYTES];
  const guint8 *file;
  gsize file_size;
  KeyBlock *block;
  guint8 *wrap_key;
  unsigned long long mlen = 0;
  int rc;

  g_return_val_if_fail (format_json != NULL, NULL);
  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;
  if (!parse_format_json (format_json, &params, error))
    return NULL;

  file = g_bytes_get_data (key_file, &file_size);
  if (file_size >= 5 && memcmp (file, KEY_FILE_MAGIC, 4) == 0 && file[4] > KEY_FILE_VERSION)
    {
      set_newer_format_error (error);
      return NULL;
    }
  if (file_size != KEY_FILE_BYTES || memcmp (file, KEY_FILE_MAGIC, 4) != 0 || file[4] != KEY_FILE_VERSION)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                           _("The sync space’s key file is damaged or not from Tandem."));
      return NULL;
    }
  if (memcmp (file + 5, params.key_id, KEY_ID_BYTES) != 0)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT,
                           _("The sync space’s key file does not belong to its format.json."));
      return NULL;
    }

  wrap_key = sodium_malloc (KEY_BYTES);
  block = key_block_new (error);
  if (wrap_key == NULL || block == NULL)
    {
      if (wrap_key != NULL)
        sodium_free (wrap_key);
      else
        g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FAILED,
                             _("There is not enough memory to hold the sync space’s key."));
      key_block_free (block);
      return NULL;
    }

  if (!derive_wrap_key (passphrase, &params, wrap_key, error))
    {
      sodium_free (wrap_key);
      key_block_free (block);
      return NULL;
    }

  wrap_ad (&params, ad);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt (block->data, &mlen, NULL,
                                                   file + KEY_FILE_PREFIX_BYTES + KEY_FILE_NONCE_BYTES,
                                                   KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES,
                                                   ad, sizeof ad,
                                                   file + KEY_FILE_PREFIX_BYTES, wrap_key);
  sodium_free (wrap_key);

  if (rc != 0 || mlen != KEY_BYTES)
    {
      key_block_free (block);
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE,
                           _("The passphrase is not the one this space was made with."));
      return NULL;
    }

  return key_new_take (block);
}

/* A relative path of plain components: no leading slash, no “.” or “..”,
 * no backslash, no empty component. Both ends of the sealing use it as
 * associated data, so it must be the path as the server names the file. */
static gboolean
check_remote_path (const char  *remote_path,
                   GError     **error)
{
  g_auto(GStrv) parts = NULL;
  gsize len;

  len = remote_path != NULL ? strlen (remote_path) : 0;
  if (len == 0 || len > REMOTE_PATH_MAX || !g_utf8_validate (remote_path, (gssize) len, NULL))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID,
                           _("A file name from the sync server is not a valid path."));
      return FALSE;
    }

  parts = g_strsplit (remote_path, "/", -1);
  for (gsize i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0 || strcmp (parts[i], "..") == 0
          || strchr (parts[i], '\\') != NULL)
        {
          /* Translators: %s is a path on the sync server, such as “log/…/000000000042.bin”. */
          g_set_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID,
                       _("“%s” is not a path inside the sync space."), remote_path);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tandem_sync_sealed_size:
 * @plaintext_size: bytes to seal
 *
 * Returns: the size tandem_sync_seal() makes of @plaintext_size bytes, or
 *   %G_MAXSIZE if that would not fit in a #gsize
 */
gsize
tandem_sync_sealed_size (gsize plaintext_size)
{
  gsize chunks = plaintext_size == 0 ? 1 : plaintext_size / TANDEM_SYNC_CHUNK_SIZE
                                           + (plaintext_size % TANDEM_SYNC_CHUNK_SIZE != 0);
  gsize overhead = SEAL_HEADER_BYTES + chunks * SEAL_CHUNK_OVERHEAD;

  if (plaintext_size > G_MAXSIZE - overhead)
    return G_MAXSIZE;
  return plaintext_size + overhead;
}

static guint8 *
chunk_ad (const guint8 *prefix,
          const char   *remote_path,
          gsize        *ad_len)
{
  gsize path_len = strlen (remote_path);
  guint8 *ad = g_malloc (SEAL_PREFIX_BYTES + path_len);

  memcpy (ad, prefix, SEAL_PREFIX_BYTES);
  memcpy (ad + SEAL_PREFIX_BYTES, remote_path, path_len);
  *ad_len = SEAL_PREFIX_BYTES + path_len;
  return ad;
}

/**
 * tandem_sync_seal:
 * @key: the space's data key
 * @remote_path: where the sealed file goes on the server, relative to the
 *   space, such as `log/<device>/000000000042.bin`
 * @plaintext: the bytes to seal; may be empty
 * @error: return location for a #GError
 *
 * Encrypts and authenticates @plaintext for @remote_path. The result opens
 * only with the same key at the same path (tandem_sync_open()). Sealing the
 * same bytes twice gives different results.
 *
 * Returns: (transfer full): the sealed bytes, tandem_sync_sealed_size() of
 *   them, or %NULL with @error set (%TANDEM_SYNC_ERROR_INVALID for a bad path)
 */
GBytes *
tandem_sync_seal (TandemSyncKey  *key,
                  const char     *remote_path,
                  GBytes         *plaintext,
                  GError        **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autofree guint8 *ad = NULL;
  const guint8 *src;
  gsize src_size, out_size, ad_len, offset = 0;
  guint8 length[8];
  guint8 *out, *dest;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (plaintext != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_remote_path (remote_path, error))
    return NULL;

  src = g_bytes_get_data (plaintext, &src_size);
  if (src == NULL)
    src = (const guint8 *) "";
  out_size = tandem_sync_sealed_size (src_size);
  if (out_size == G_MAXSIZE)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_TOO_BIG,
                           _("The file is too large to encrypt."));
      return NULL;
    }

  out = g_malloc (out_size);
  memcpy (out, SEAL_MAGIC, 4);
  out[4] = SEAL_VERSION;
  out[5] = out[6] = out[7] = 0;
  crypto_secretstream_xchacha20poly1305_init_push (&state, out + SEAL_PREFIX_BYTES, key->block->seal);
  ad = chunk_ad (out, remote_path, &ad_len);
  put_le64 (length, src_size);
  crypto_secretstream_xchacha20poly1305_push (&state, out + SEAL_LENGTH_OFFSET, NULL, length, sizeof length,
                                              ad, ad_len, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);

  dest = out + SEAL_HEADER_BYTES;
  do
    {
      gsize n = MIN (src_size - offset, TANDEM_SYNC_CHUNK_SIZE);
      gboolean last = offset + n == src_size;

      crypto_secretstream_xchacha20poly1305_push (&state, dest, NULL, src + offset, n, ad, ad_len,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      offset += n;
      dest += n + SEAL_CHUNK_OVERHEAD;
    }
  while (offset < src_size);

  sodium_memzero (&state, sizeof state);
  g_assert ((gsize) (dest - out) == out_size);
  return g_bytes_new_take (out, out_size);
}

static void
set_file_error (GError     **error,
                int          code,
                const char  *remote_path,
                gsize        max_size)
{
  g_autofree char *limit = NULL;

  switch (code)
    {
    case TANDEM_SYNC_ERROR_EMPTY:
      /* Translators: %s is a path on the sync server. */
      g_set_error (error, TANDEM_SYNC_ERROR, code, _("“%s” on the sync server is empty."), remote_path);
      break;
    case TANDEM_SYNC_ERROR_TOO_BIG:
      limit = g_format_size (max_size);
      /* Translators: the first %s is a path on the sync server, the second a size such as “4.2 MB”. */
      g_set_error (error, TANDEM_SYNC_ERROR, code,
                   _("“%s” on the sync server is larger than the %s allowed."), remote_path, limit);
      break;
    case TANDEM_SYNC_ERROR_TRUNCATED:
      /* Translators: %s is a path on the sync server. */
      g_set_error (error, TANDEM_SYNC_ERROR, code,
                   _("“%s” on the sync server is incomplete: its upload may be unfinished or cut off."),
                   remote_path);
      break;
    case TANDEM_SYNC_ERROR_TRAILING:
      /* Translators: %s is a path on the sync server. */
      g_set_error (error, TANDEM_SYNC_ERROR, code,
                   _("“%s” on the sync server has extra data after its end."), remote_path);
      break;
    case TANDEM_SYNC_ERROR_NEWER_FORMAT:
      /* Translators: %s is a path on the sync server. */
      g_set_error (error, TANDEM_SYNC_ERROR, code,
                   _("“%s” on the sync server was written by a newer version of Tandem."), remote_path);
      break;
    case TANDEM_SYNC_ERROR_AUTH:
    default:
      /* Translators: %s is a path on the sync server. */
      g_set_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_AUTH,
                   _("“%s” on the sync server is damaged or was not written there by this space."),
                   remote_path);
      break;
    }
}

/**
 * tandem_sync_open:
 * @key: the space's data key
 * @remote_path: the path on the server the file was read from
 * @sealed: the file's bytes
 * @max_size: the largest plaintext accepted; %G_MAXSIZE for no limit
 * @error: return location for a #GError
 *
 * Checks and decrypts a file sealed by tandem_sync_seal() for @remote_path.
 * Nothing is returned unless the whole file is authentic. Each way a file
 * can be wrong has its own code: %TANDEM_SYNC_ERROR_EMPTY,
 * %TANDEM_SYNC_ERROR_TOO_BIG (checked before any decryption),
 * %TANDEM_SYNC_ERROR_TRUNCATED (cut short, at a chunk boundary or not),
 * %TANDEM_SYNC_ERROR_TRAILING (bytes after the end),
 * %TANDEM_SYNC_ERROR_AUTH (a changed byte, another path, another key, not
 * sealed by Tandem), %TANDEM_SYNC_ERROR_NEWER_FORMAT, and
 * %TANDEM_SYNC_ERROR_INVALID for a @remote_path that is not a plain path.
 *
 * Returns: (transfer full): the plaintext, or %NULL with @error set
 */
GBytes *
tandem_sync_open (TandemSyncKey  *key,
                  const char     *remote_path,
                  GBytes         *sealed,
                  gsize           max_size,
                  GError        **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autofree guint8 *ad = NULL;
  const guint8 *src;
  gsize size, ad_len, expected, plain_size, offset = 0;
  guint8 length_le[8];
  guint64 length;
  unsigned long long mlen = 0;
  unsigned char tag = 0;
  guint8 *out;
  int code = 0;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (sealed != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_remote_path (remote_path, error))
    return NULL;

  src = g_bytes_get_data (sealed, &size);
  if (size == 0)
    {
      set_file_error (error, TANDEM_SYNC_ERROR_EMPTY, remote_path, max_size);
      return NULL;
    }
  if (size > tandem_sync_sealed_size (max_size))
    {
      set_file_error (error, TANDEM_SYNC_ERROR_TOO_BIG, remote_path, max_size);
      return NULL;
    }
  if (memcmp (src, SEAL_MAGIC, MIN (size, 4)) != 0)
    {
      set_file_error (error, TANDEM_SYNC_ERROR_AUTH, remote_path, max_size);
      return NULL;
    }
  if (size < SEAL_PREFIX_BYTES)
    {
      set_file_error (error, TANDEM_SYNC_ERROR_TRUNCATED, remote_path, max_size);
      return NULL;
    }
  if (src[4] > SEAL_VERSION)
    {
      set_file_error (error, TANDEM_SYNC_ERROR_NEWER_FORMAT, remote_path, max_size);
      return NULL;
    }
  if (src[4] != SEAL_VERSION || src[5] != 0 || src[6] != 0 || src[7] != 0)
    {
      set_file_error (error, TANDEM_SYNC_ERROR_AUTH, remote_path, max_size);
      return NULL;
    }
  if (size < SEAL_HEADER_BYTES)
    {
      set_file_error (error, TANDEM_SYNC_ERROR_TRUNCATED, remote_path, max_size);
      return NULL;
    }

  ad = chunk_ad (src, remote_path, &ad_len);
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, src + SEAL_PREFIX_BYTES, key->block->seal) != 0
      || crypto_secretstream_xchacha20poly1305_pull (&state, length_le, &mlen, &tag, src + SEAL_LENGTH_OFFSET,
                                                     sizeof length_le + SEAL_CHUNK_OVERHEAD, ad, ad_len) != 0
      || mlen != sizeof length_le
      || tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
    code = TANDEM_SYNC_ERROR_AUTH;
  else
    {
      /* The length is authentic now: the file is whole only if its size is
       * exactly what that length seals to. */
      length = get_le64 (length_le);
      expected = length <= max_size ? tandem_sync_sealed_size ((gsize) length) : 0;
      if (length > max_size)
        code = TANDEM_SYNC_ERROR_TOO_BIG;
      else if (size < expected)
        code = TANDEM_SYNC_ERROR_TRUNCATED;
      else if (size > expected)
        code = TANDEM_SYNC_ERROR_TRAILING;
    }
  if (code != 0)
    {
      sodium_memzero (&state, sizeof state);
      set_file_error (error, code, remote_path, max_size);
      return NULL;
    }

  plain_size = (gsize) length;
  out = g_malloc (plain_size + 1);
  src += SEAL_HEADER_BYTES;
  do
    {
      gsize n = MIN (plain_size - offset, TANDEM_SYNC_CHUNK_SIZE);
      gboolean last = offset + n == plain_size;

      if (crypto_secretstream_xchacha20poly1305_pull (&state, out + offset, &mlen, &tag,
                                                      src, n + SEAL_CHUNK_OVERHEAD, ad, ad_len) != 0
          || mlen != n)
        code = TANDEM_SYNC_ERROR_AUTH;
      /* The length above already catches a file cut at a chunk boundary;
       * the end-of-stream tag is a second lock on that door. */
      else if (last && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        code = TANDEM_SYNC_ERROR_TRUNCATED;
      else if (!last && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
        code = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL ? TANDEM_SYNC_ERROR_TRAILING
                                                                     : TANDEM_SYNC_ERROR_AUTH;
      if (code != 0)
        break;

      offset += n;
      src += n + SEAL_CHUNK_OVERHEAD;
    }
  while (offset < plain_size);

  sodium_memzero (&state, sizeof state);
  if (code != 0)
    {
      /* No plaintext of a file that is not wholly authentic leaves here. */
      sodium_memzero (out, plain_size + 1);
      g_free (out);
      set_file_error (error, code, remote_path, max_size);
      return NULL;
    }

  return g_bytes_new_take (out, plain_size);
}

/**
 * tandem_sync_blob_name:
 * @key: the space's data key
 * @plaintext: a blob's contents (a photo chunk)
 *
 * The remote path of a blob: `blobs/<ab>/<64 hex digits>`, a BLAKE2b-256
 * hash of @plaintext keyed with a subkey of the data key. The same bytes in
 * the same space always get the same name, so a blob is stored once; the
 * server, not knowing the key, cannot tell which photo a name stands for.
 *
 * Returns: (transfer full): the path, relative to the space
 */
char *
tandem_sync_blob_name (TandemSyncKey *key,
                       GBytes        *plaintext)
{
  guint8 hash[crypto_generichash_BYTES];
  g_autofree char *hex = NULL;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (plaintext != NULL, NULL);

  data = g_bytes_get_data (plaintext, &size);
  if (data == NULL)
    data = (const guint8 *) "";
  crypto_generichash (hash, sizeof hash, data, size, key->block->blob, sizeof key->block->blob);
  hex = hex_encode (hash, sizeof hash);
  return g_strdup_printf ("blobs/%.2s/%s", hex, hex);
}
