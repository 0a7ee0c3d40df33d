/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The end-to-end encryption of a sync space: key material made, opened and
 * re-wrapped from a passphrase; files sealed for a remote path and refused,
 * each with its own error, when cut, extended, moved, changed or too big;
 * keyed blob names; and hostile format.json and key files refused cleanly. */

#define _GNU_SOURCE /* memmem */

#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "tandem-sync-crypto.h"

#define PASSPHRASE "correct horse battery staple"
#define LOG_PATH "log/3f2a9c1e/000000000042.bin"

/* A sealed file: 8 bytes in clear, the 24-byte stream header, the sealed
 * 8-byte length (25 bytes), then chunks of TANDEM_SYNC_CHUNK_SIZE + 17. */
#define HEADER 57
#define CHUNK (TANDEM_SYNC_CHUNK_SIZE + 17)

/* A space's key material, made with the fastest Argon2id limits. */
typedef struct {
  GBytes *format_json;
  char *key_path;
  GBytes *key_file;
  TandemSyncKey *key;
} Space;

static void
space_set_up (Space         *s,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_sync_space_create (PASSPHRASE, TANDEM_SYNC_KDF_MIN, &s->format_json,
                                           &s->key_path, &s->key_file, &s->key, &error));
  g_assert_no_error (error);
  g_assert_nonnull (s->format_json);
  g_assert_nonnull (s->key_path);
  g_assert_nonnull (s->key_file);
  g_assert_nonnull (s->key);
}

static void
space_tear_down (Space         *s,
                 gconstpointer  data)
{
  g_clear_pointer (&s->format_json, g_bytes_unref);
  g_clear_pointer (&s->key_path, g_free);
  g_clear_pointer (&s->key_file, g_bytes_unref);
  g_clear_pointer (&s->key, tandem_sync_key_unref);
}

/* Deterministic bytes that do not compress or repeat within a chunk. */
static GBytes *
make_bytes (gsize size,
            guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (size + 1);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  return g_bytes_new_take (data, size);
}

/* Whether two keys are the same data key: what one seals the other opens,
 * and they name blobs alike. */
static void
assert_same_key (TandemSyncKey *a,
                 TandemSyncKey *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = make_bytes (1000, 7);
  g_autoptr(GBytes) sealed = tandem_sync_seal (a, LOG_PATH, plain, &error);
  g_autoptr(GBytes) opened = NULL;
  g_autofree char *name_a = tandem_sync_blob_name (a, plain);
  g_autofree char *name_b = tandem_sync_blob_name (b, plain);

  g_assert_no_error (error);
  opened = tandem_sync_open (b, LOG_PATH, sealed, G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, opened));
  g_assert_cmpstr (name_a, ==, name_b);
}

static JsonObject *
parse_object (GBytes *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (json, &size);

  g_assert_true (json_parser_load_from_data (parser, data, (gssize) size, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_create_open (Space         *s,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncKey) opened = NULL;
  g_autoptr(JsonObject) object = parse_object (s->format_json);
  g_autofree char *key_path = NULL;
  g_autofree char *expected_path = NULL;
  g_autoptr(GRegex) path_re = g_regex_new ("^keys/[0-9a-f]{32}\\.key$", 0, 0, NULL);

  /* format.json is plain and says what it must; the limits asked for are
   * the ones written down. */
  g_assert_cmpint (json_object_get_int_member (object, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "kdf"), ==, "argon2id13");
  g_assert_cmpint (json_object_get_int_member (object, "kdf-opslimit"), ==, crypto_pwhash_argon2id_OPSLIMIT_MIN);
  g_assert_cmpint (json_object_get_int_member (object, "kdf-memlimit"), ==, crypto_pwhash_argon2id_MEMLIMIT_MIN);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "kdf-salt")), ==, 32);
  expected_path = g_strdup_printf ("keys/%s.key", json_object_get_string_member (object, "key-id"));
  g_assert_cmpstr (s->key_path, ==, expected_path);
  g_assert_true (g_regex_match (path_re, s->key_path, 0, NULL));

  key_path = tandem_sync_space_get_key_path (s->format_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key_path, ==, s->key_path);

  /* The key file holds the data key only wrapped. */
  g_assert_cmpuint (g_bytes_get_size (s->key_file), ==, 93);

  opened = tandem_sync_space_open (s->format_json, s->key_file, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opened);
  assert_same_key (s->key, opened);
  assert_same_key (opened, s->key);
}

static void
test_limits_stored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) format_json = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(TandemSyncKey) key = NULL;
  g_autoptr(TandemSyncKey) opened = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_true (tandem_sync_space_create (PASSPHRASE, TANDEM_SYNC_KDF_INTERACTIVE, &format_json,
                                           &key_path, &key_file, &key, &error));
  g_assert_no_error (error);
  object = parse_object (format_json);
  g_assert_cmpint (json_object_get_int_member (object, "kdf-opslimit"), ==,
                   crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
  g_assert_cmpint (json_object_get_int_member (object, "kdf-memlimit"), ==,
                   crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);

  /* Opening is not told the limits: it reads them. */
  opened = tandem_sync_space_open (format_json, key_file, PASSPHRASE, &error);
  g_assert_no_error (error);
  assert_same_key (key, opened);
}

static void
test_moderate_timed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) format_json = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(TandemSyncKey) key = NULL;
  g_autoptr(TandemSyncKey) opened = NULL;
  g_autoptr(JsonObject) object = NULL;
  gint64 start, made, done;

  start = g_get_monotonic_time ();
  g_assert_true (tandem_sync_space_create (PASSPHRASE, TANDEM_SYNC_KDF_MODERATE, &format_json,
                                           &key_path, &key_file, &key, &error));
  g_assert_no_error (error);
  made = g_get_monotonic_time ();
  opened = tandem_sync_space_open (format_json, key_file, PASSPHRASE, &error);
  g_assert_no_error (error);
  done = g_get_monotonic_time ();

  object = parse_object (format_json);
  g_assert_cmpint (json_object_get_int_member (object, "kdf-opslimit"), ==,
                   crypto_pwhash_argon2id_OPSLIMIT_MODERATE);
  g_assert_cmpint (json_object_get_int_member (object, "kdf-memlimit"), ==,
                   crypto_pwhash_argon2id_MEMLIMIT_MODERATE);
  assert_same_key (key, opened);

  g_test_message ("Argon2id MODERATE: create %.2f s, open %.2f s",
                  (made - start) / 1e6, (done - made) / 1e6);
}

static void
test_wrong_passphrase (Space         *s,
                       gconstpointer  data)
{
  const char *wrong[] = { "correct horse battery stapler", "Correct horse battery staple",
                          "correct horse battery staple ", "x" };

  for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemSyncKey) key = tandem_sync_space_open (s->format_json, s->key_file, wrong[i], &error);

      g_assert_null (key);
      g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE);
      g_assert_cmpstr (error->message, ==, "The passphrase is not the one this space was made with.");
    }

  /* Not a passphrase at all: told as such, not as a wrong one. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemSyncKey) key = tandem_sync_space_open (s->format_json, s->key_file, "", &error);

    g_assert_null (key);
    g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemSyncKey) key = tandem_sync_space_open (s->format_json, s->key_file, "caf\xc3", &error);

    g_assert_null (key);
    g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) format_json = NULL;
    g_autoptr(GBytes) key_file = NULL;
    g_autofree char *key_path = NULL;
    g_autoptr(TandemSyncKey) key = NULL;

    g_assert_false (tandem_sync_space_create ("", TANDEM_SYNC_KDF_MIN, &format_json, &key_path,
                                              &key_file, &key, &error));
    g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID);
    g_assert_null (format_json);
    g_assert_null (key_path);
    g_assert_null (key_file);
    g_assert_null (key);
  }
}

/* The same words typed as a composed or a decomposed “é” are one
 * passphrase. */
static void
test_passphrase_normalised (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) format_json = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(TandemSyncKey) key = NULL;
  g_autoptr(TandemSyncKey) opened = NULL;

  g_assert_true (tandem_sync_space_create ("caf\xc3\xa9 au lait", TANDEM_SYNC_KDF_MIN, &format_json,
                                           &key_path, &key_file, &key, &error));
  g_assert_no_error (error);
  opened = tandem_sync_space_open (format_json, key_file, "cafe\xcc\x81 au lait", &error);
  g_assert_no_error (error);
  assert_same_key (key, opened);
}

static void
test_change_passphrase (Space         *s,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) format_json = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(TandemSyncKey) opened = NULL;
  g_autoptr(TandemSyncKey) refused = NULL;
  g_autoptr(JsonObject) old_object = parse_object (s->format_json);
  g_autoptr(JsonObject) new_object = NULL;
  g_autoptr(GBytes) plain = make_bytes (200000, 3);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) reopened = NULL;

  /* Data sealed before the change must open after it without re-sealing. */
  sealed = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
  g_assert_no_error (error);

  g_assert_true (tandem_sync_space_rewrap (s->key, "a new passphrase for the spring", TANDEM_SYNC_KDF_MIN,
                                           &format_json, &key_path, &key_file, &error));
  g_assert_no_error (error);

  /* A fresh salt and a new key file name, so the old pair stays whole until
   * the new one is in place. */
  new_object = parse_object (format_json);
  g_assert_cmpstr (json_object_get_string_member (old_object, "kdf-salt"), !=,
                   json_object_get_string_member (new_object, "kdf-salt"));
  g_assert_cmpstr (key_path, !=, s->key_path);
  g_assert_false (g_bytes_equal (key_file, s->key_file));

  /* The old passphrase no longer opens the new pair… */
  refused = tandem_sync_space_open (format_json, key_file, PASSPHRASE, &error);
  g_assert_null (refused);
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_PASSPHRASE);
  g_clear_error (&error);

  /* …the new one does, and it is the same data key. */
  opened = tandem_sync_space_open (format_json, key_file, "a new passphrase for the spring", &error);
  g_assert_no_error (error);
  assert_same_key (s->key, opened);
  reopened = tandem_sync_open (opened, LOG_PATH, sealed, G_MAXSIZE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (reopened, plain));

  /* A new format.json with the old key file (halfway through an upload by
   * hand) is told as a mismatch, not as a wrong passphrase. */
  refused = tandem_sync_space_open (format_json, s->key_file, "a new passphrase for the spring", &error);
  g_assert_null (refused);
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT);
}

static void
test_seal_round_trip (Space         *s,
                      gconstpointer  data)
{
  const gsize sizes[] = { 0, 1, 100, TANDEM_SYNC_CHUNK_SIZE - 1, TANDEM_SYNC_CHUNK_SIZE,
                          TANDEM_SYNC_CHUNK_SIZE + 1, 2 * TANDEM_SYNC_CHUNK_SIZE, 5 * 1024 * 1024 };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) plain = make_bytes (sizes[i], (guint) i);
      g_autoptr(GBytes) sealed = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
      g_autoptr(GBytes) again = NULL;
      g_autoptr(GBytes) opened = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (sealed), ==, tandem_sync_sealed_size (sizes[i]));
      opened = tandem_sync_open (s->key, LOG_PATH, sealed, sizes[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (opened), ==, sizes[i]);
      g_assert_true (g_bytes_equal (opened, plain));

      /* Sealing is randomised: the same file twice is not the same bytes. */
      again = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
      g_assert_no_error (error);
      g_assert_false (g_bytes_equal (again, sealed));
    }

  g_assert_cmpuint (tandem_sync_sealed_size (0), ==, HEADER + 17);
  g_assert_cmpuint (tandem_sync_sealed_size (TANDEM_SYNC_CHUNK_SIZE), ==, HEADER + 17 + TANDEM_SYNC_CHUNK_SIZE);
  g_assert_cmpuint (tandem_sync_sealed_size (TANDEM_SYNC_CHUNK_SIZE + 1), ==,
                    HEADER + 2 * 17 + TANDEM_SYNC_CHUNK_SIZE + 1);
  g_assert_cmpuint (tandem_sync_sealed_size (G_MAXSIZE - 10), ==, G_MAXSIZE);
}

/* Opens @sealed (a slice of it, or it with something appended) and expects
 * @code and no plaintext. */
static void
assert_refused (TandemSyncKey *key,
                const char    *path,
                GBytes        *sealed,
                gsize          max_size,
                int            code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = tandem_sync_open (key, path, sealed, max_size, &error);

  g_assert_null (opened);
  g_assert_error (error, TANDEM_SYNC_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static GBytes *
slice (GBytes *bytes,
       gsize   size)
{
  return g_bytes_new_from_bytes (bytes, 0, size);
}

static GBytes *
with_suffix (GBytes     *bytes,
             const void *suffix,
             gsize       len)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  g_byte_array_append (array, data, (guint) size);
  g_byte_array_append (array, suffix, (guint) len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}

static GBytes *
flip_bit (GBytes *bytes,
          gsize   byte,
          int     bit)
{
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &size);

  data[byte] ^= (guint8) (1 << bit);
  return g_bytes_new_take (data, size);
}

static void
test_truncated (Space         *s,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Three chunks, the last short. */
  gsize plain_size = 2 * TANDEM_SYNC_CHUNK_SIZE + 100;
  g_autoptr(GBytes) plain = make_bytes (plain_size, 11);
  g_autoptr(GBytes) sealed = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
  gsize size = g_bytes_get_size (sealed);
  const gsize cuts[] = {
    1, 3, 4, 7, 8, 31, 32, 56,  /* inside the header */
    HEADER,                     /* the header alone */
    HEADER + 1, HEADER + CHUNK - 1, /* inside the first chunk */
    HEADER + CHUNK,             /* at the first chunk boundary */
    HEADER + CHUNK + 1,
    HEADER + 2 * CHUNK,         /* at the second chunk boundary: only the last chunk is missing */
    size - 17, size - 1,        /* inside the last chunk */
  };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) cut = slice (sealed, cuts[i]);

      assert_refused (s->key, LOG_PATH, cut, G_MAXSIZE, TANDEM_SYNC_ERROR_TRUNCATED);
    }

  /* A single-chunk file cut short, and an empty file sealed and cut. */
  {
    g_autoptr(GBytes) small = make_bytes (10, 1);
    g_autoptr(GBytes) small_sealed = tandem_sync_seal (s->key, LOG_PATH, small, &error);
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(GBytes) empty_sealed = tandem_sync_seal (s->key, LOG_PATH, empty, &error);
    g_autoptr(GBytes) cut1 = slice (small_sealed, g_bytes_get_size (small_sealed) - 1);
    g_autoptr(GBytes) cut2 = slice (empty_sealed, HEADER);

    g_assert_no_error (error);
    assert_refused (s->key, LOG_PATH, cut1, G_MAXSIZE, TANDEM_SYNC_ERROR_TRUNCATED);
    assert_refused (s->key, LOG_PATH, cut2, G_MAXSIZE, TANDEM_SYNC_ERROR_TRUNCATED);
  }
}

static void
test_trailing (Space         *s,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = make_bytes (TANDEM_SYNC_CHUNK_SIZE, 12);
  g_autoptr(GBytes) sealed = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
  g_autoptr(GBytes) other = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
  g_autoptr(GBytes) one = with_suffix (sealed, "x", 1);
  g_autoptr(GBytes) many = with_suffix (sealed, g_bytes_get_data (plain, NULL), 5000);
  /* Another sealed file of the same path glued on: authentic chunks, but
   * after the end. */
  g_autoptr(GBytes) glued = with_suffix (sealed, g_bytes_get_data (other, NULL), g_bytes_get_size (other));

  g_assert_no_error (error);
  assert_refused (s->key, LOG_PATH, one, G_MAXSIZE, TANDEM_SYNC_ERROR_TRAILING);
  assert_refused (s->key, LOG_PATH, many, G_MAXSIZE, TANDEM_SYNC_ERROR_TRAILING);
  assert_refused (s->key, LOG_PATH, glued, G_MAXSIZE, TANDEM_SYNC_ERROR_TRAILING);
}

static void
test_moved_and_foreign (Space         *s,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = make_bytes (3 * TANDEM_SYNC_CHUNK_SIZE, 13);
  g_autoptr(GBytes) sealed = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) empty_sealed = tandem_sync_seal (s->key, LOG_PATH, empty, &error);
  g_autoptr(GBytes) garbage = make_bytes (10000, 14);
  g_autoptr(GBytes) magic = g_bytes_new_static ("TNDS\x01\0\0\0", 8);
  g_autoptr(GBytes) magic_garbage = NULL;
  Space other = { 0 };

  g_assert_no_error (error);

  /* Moved to another path, even a neighbouring one. */
  assert_refused (s->key, "log/3f2a9c1e/000000000043.bin", sealed, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
  assert_refused (s->key, "log/3f2a9c1f/000000000042.bin", sealed, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
  assert_refused (s->key, "heads/3f2a9c1e.000000000042", empty_sealed, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);

  /* Sealed by another space. */
  space_set_up (&other, NULL);
  assert_refused (other.key, LOG_PATH, sealed, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
  assert_refused (other.key, LOG_PATH, empty_sealed, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
  space_tear_down (&other, NULL);

  /* Not sealed by Tandem at all, with or without our magic in front. */
  assert_refused (s->key, LOG_PATH, garbage, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
  magic_garbage = with_suffix (magic, g_bytes_get_data (garbage, NULL), 10000);
  assert_refused (s->key, LOG_PATH, magic_garbage, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
}

static void
test_flipped_bits (Space         *s,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = make_bytes (100, 15);
  g_autoptr(GBytes) small_sealed = tandem_sync_seal (s->key, LOG_PATH, small, &error);
  g_autoptr(GBytes) big = make_bytes (3 * TANDEM_SYNC_CHUNK_SIZE + 5, 16);
  g_autoptr(GBytes) big_sealed = tandem_sync_seal (s->key, LOG_PATH, big, &error);
  gsize size;

  g_assert_no_error (error);

  /* Every bit of a small file: header, length, nonce, text and tag. */
  size = g_bytes_get_size (small_sealed);
  for (gsize i = 0; i < size; i++)
    for (int bit = 0; bit < 8; bit++)
      {
        g_autoptr(GBytes) flipped = flip_bit (small_sealed, i, bit);
        g_autoptr(GError) local_error = NULL;
        g_autoptr(GBytes) opened = tandem_sync_open (s->key, LOG_PATH, flipped, G_MAXSIZE, &local_error);

        g_assert_null (opened);
        /* The format version byte raised reads as a newer Tandem's file. */
        if (i == 4 && bit > 0)
          g_assert_error (local_error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NEWER_FORMAT);
        else
          g_assert_error (local_error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_AUTH);
      }

  /* A sample of bits through a big one, including each chunk's first and
   * last byte, and the length field. */
  size = g_bytes_get_size (big_sealed);
  {
    const gsize where[] = { 5, 8, 20, 31, 32, 36, 40, 56, HEADER, HEADER + CHUNK - 1, HEADER + CHUNK,
                            HEADER + CHUNK + 30000, HEADER + 2 * CHUNK, HEADER + 3 * CHUNK - 1,
                            HEADER + 3 * CHUNK, size - 1 };

    for (gsize i = 0; i < G_N_ELEMENTS (where); i++)
      {
        g_autoptr(GBytes) flipped = flip_bit (big_sealed, where[i], (int) (i % 8));

        assert_refused (s->key, LOG_PATH, flipped, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
      }
  }

  /* Two chunks swapped within a file. */
  {
    guint8 *bytes = g_bytes_unref_to_data (g_bytes_ref (big_sealed), &size);
    g_autofree guint8 *tmp = g_malloc (CHUNK);
    g_autoptr(GBytes) swapped = NULL;

    memcpy (tmp, bytes + HEADER, CHUNK);
    memcpy (bytes + HEADER, bytes + HEADER + CHUNK, CHUNK);
    memcpy (bytes + HEADER + CHUNK, tmp, CHUNK);
    swapped = g_bytes_new_take (bytes, size);
    assert_refused (s->key, LOG_PATH, swapped, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
  }
}

static void
test_empty_and_too_big (Space         *s,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) plain = make_bytes (5 * 1024 * 1024, 17);
  g_autoptr(GBytes) sealed = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
  g_autoptr(GBytes) opened = NULL;

  g_assert_no_error (error);
  assert_refused (s->key, LOG_PATH, empty, G_MAXSIZE, TANDEM_SYNC_ERROR_EMPTY);

  assert_refused (s->key, LOG_PATH, sealed, 1024 * 1024, TANDEM_SYNC_ERROR_TOO_BIG);
  assert_refused (s->key, LOG_PATH, sealed, 5 * 1024 * 1024 - 1, TANDEM_SYNC_ERROR_TOO_BIG);
  opened = tandem_sync_open (s->key, LOG_PATH, sealed, 5 * 1024 * 1024, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (opened, plain));

  /* A changed length: not authentic, whatever the limit. */
  {
    g_autoptr(GBytes) small = make_bytes (1000, 18);
    g_autoptr(GBytes) small_sealed = tandem_sync_seal (s->key, LOG_PATH, small, &error);
    gsize size;
    guint8 *forged = g_bytes_unref_to_data (g_bytes_ref (small_sealed), &size);
    g_autoptr(GBytes) forged_bytes = NULL;

    forged[32 + 7] ^= 0x7f;
    forged_bytes = g_bytes_new_take (forged, size);
    assert_refused (s->key, LOG_PATH, forged_bytes, 2000, TANDEM_SYNC_ERROR_AUTH);
    assert_refused (s->key, LOG_PATH, forged_bytes, G_MAXSIZE, TANDEM_SYNC_ERROR_AUTH);
  }

  /* The limit is checked on the authentic length too, not only the size:
   * a limit between the plaintext and the sealed size. */
  {
    g_autoptr(GBytes) small = make_bytes (1000, 18);
    g_autoptr(GBytes) small_sealed = tandem_sync_seal (s->key, LOG_PATH, small, &error);

    assert_refused (s->key, LOG_PATH, small_sealed, 999, TANDEM_SYNC_ERROR_TOO_BIG);
    assert_refused (s->key, LOG_PATH, small_sealed, 0, TANDEM_SYNC_ERROR_TOO_BIG);
  }
}

static void
test_bad_paths (Space         *s,
                gconstpointer  data)
{
  const char *bad[] = { "", "/log/a/000000000001.bin", "../format.json", "log/../keys/x.key",
                        "log//a", "log/a/", "./log", "log\\a", "log/\xff" };
  g_autoptr(GBytes) plain = make_bytes (10, 19);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) sealed = tandem_sync_seal (s->key, bad[i], plain, &error);

      g_assert_null (sealed);
      g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_null (tandem_sync_open (s->key, bad[i], plain, G_MAXSIZE, &error));
      g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID);
    }
}

/* Nothing of the plaintext shows in what the server gets: not a sentence
 * from an observation, not a JPEG's start-of-image and JFIF marker. */
static void
test_no_plaintext (Space         *s,
                   gconstpointer  data)
{
  static const char sentence[] = "Amara built a tower of nine blocks and counted them aloud.";
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) array = g_byte_array_new ();
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gsize size;
  const guint8 *bytes;

  /* The markers at the start, in the middle, across a chunk boundary and at
   * the end, between runs of zeros (which a weak cipher would show). */
  g_byte_array_append (array, jpeg, sizeof jpeg);
  g_byte_array_append (array, (const guint8 *) sentence, strlen (sentence));
  g_byte_array_set_size (array, TANDEM_SYNC_CHUNK_SIZE - 20);
  g_byte_array_append (array, (const guint8 *) sentence, strlen (sentence));
  g_byte_array_append (array, jpeg, sizeof jpeg);
  g_byte_array_set_size (array, 3 * TANDEM_SYNC_CHUNK_SIZE);
  g_byte_array_append (array, (const guint8 *) sentence, strlen (sentence));
  g_byte_array_append (array, jpeg, sizeof jpeg);
  plain = g_byte_array_free_to_bytes (g_steal_pointer (&array));

  sealed = tandem_sync_seal (s->key, LOG_PATH, plain, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (sealed, &size);

  g_assert_null (memmem (bytes, size, sentence, strlen (sentence)));
  g_assert_null (memmem (bytes, size, "Amara", 5));
  g_assert_null (memmem (bytes, size, jpeg, 4));
  g_assert_null (memmem (bytes, size, "JFIF", 4));

  /* Nor does the key material hold the passphrase. */
  bytes = g_bytes_get_data (s->key_file, &size);
  g_assert_null (memmem (bytes, size, PASSPHRASE, strlen (PASSPHRASE)));
  bytes = g_bytes_get_data (s->format_json, &size);
  g_assert_null (memmem (bytes, size, "horse", 5));
}

static void
test_blob_names (Space         *s,
                 gconstpointer  data)
{
  g_autoptr(GBytes) photo = make_bytes (300000, 20);
  g_autoptr(GBytes) photo_copy = g_bytes_new (g_bytes_get_data (photo, NULL), g_bytes_get_size (photo));
  g_autoptr(GBytes) other_photo = make_bytes (300000, 21);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GRegex) re = g_regex_new ("^blobs/([0-9a-f]{2})/\\1[0-9a-f]{62}$", 0, 0, NULL);
  g_autofree char *name = tandem_sync_blob_name (s->key, photo);
  g_autofree char *name_copy = tandem_sync_blob_name (s->key, photo_copy);
  g_autofree char *name_other = tandem_sync_blob_name (s->key, other_photo);
  g_autofree char *name_empty = tandem_sync_blob_name (s->key, empty);
  g_autofree char *name_other_key = NULL;
  guint8 plain_hash[32];
  char hex[65];
  Space other = { 0 };

  g_assert_true (g_regex_match (re, name, 0, NULL));
  g_assert_true (g_regex_match (re, name_empty, 0, NULL));
  g_assert_cmpstr (name, ==, name_copy);
  g_assert_cmpstr (name, !=, name_other);

  /* Another space names the same photo differently… */
  space_set_up (&other, NULL);
  name_other_key = tandem_sync_blob_name (other.key, photo);
  g_assert_cmpstr (name, !=, name_other_key);
  space_tear_down (&other, NULL);

  /* …and no name is the photo's plain BLAKE2b, which the server could
   * compute for a photo it knows. */
  crypto_generichash (plain_hash, sizeof plain_hash, g_bytes_get_data (photo, NULL),
                      g_bytes_get_size (photo), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, plain_hash, sizeof plain_hash);
  g_assert_null (strstr (name, hex));
}

/* The data key kept in the keyring as text, and read back. */
static void
test_secret (Space         *s,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncKey) key = NULL;
  g_autoptr(GRegex) re = g_regex_new ("^tandem-sync-key-1:[0-9a-f]{64}$", 0, 0, NULL);
  char *secret = tandem_sync_key_dup_secret (s->key);
  const char *bad[] = { "", "tandem-sync-key-1:", "tandem-sync-key-2:", "x", NULL };
  g_autofree char *upper = NULL;
  g_autofree char *longer = NULL;
  g_autofree char *shorter = NULL;
  Space other = { 0 };

  g_assert_true (g_regex_match (re, secret, 0, NULL));
  key = tandem_sync_key_new_from_secret (secret, &error);
  g_assert_no_error (error);
  assert_same_key (s->key, key);

  /* Another space's key is another secret. */
  space_set_up (&other, NULL);
  {
    char *other_secret = tandem_sync_key_dup_secret (other.key);

    g_assert_cmpstr (secret, !=, other_secret);
    tandem_sync_secret_free (other_secret);
  }
  space_tear_down (&other, NULL);

  {
    g_autofree char *hex_up = g_ascii_strup (secret + strlen ("tandem-sync-key-1:"), -1);

    upper = g_strconcat ("tandem-sync-key-1:", hex_up, NULL);
  }
  longer = g_strconcat (secret, "0", NULL);
  shorter = g_strndup (secret, strlen (secret) - 1);
  bad[G_N_ELEMENTS (bad) - 1] = upper;
  tandem_sync_secret_free (secret);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TandemSyncKey) refused = tandem_sync_key_new_from_secret (bad[i], &error);

      g_assert_null (refused);
      g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT);
      g_clear_error (&error);
    }
  g_assert_null (tandem_sync_key_new_from_secret (longer, &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (tandem_sync_key_new_from_secret (shorter, &error));
  g_assert_error (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_FORMAT);
}

/* format.json with one member replaced (or removed, for a NULL @json_value). */
static GBytes *
format_with (GBytes     *format_json,
             const char *member,
             const char *json_value)
{
  g_autoptr(JsonObject) object = parse_object (format_json);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  char *text;

  if (json_value == NULL)
    json_object_remove_member (object, member);
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, json_value, -1, NULL));
      json_object_set_member (object, member, json_node_copy (json_parser_get_root (parser)));
    }
  json_node_set_object (root, object);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_bytes_new_take (text, strlen (text));
}

static void
assert_format_refused (Space      *s,
                       GBytes     *format_json,
                       GBytes     *key_file,
                       int         code,
                       const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemSyncKey) key = NULL;
  g_autofree char *key_path = NULL;

  g_test_message ("%s", what);
  key = tandem_sync_space_open (format_json, key_file ? key_file : s->key_file, PASSPHRASE, &error);
  g_assert_null (key);
  g_assert_error (error, TANDEM_SYNC_ERROR, code);
  g_clear_error (&error);

  if (key_file == NULL)
    {
      key_path = tandem_sync_space_get_key_path (format_json, &error);
      g_assert_null (key_path);
      g_assert_error (error, TANDEM_SYNC_ERROR, code);
    }
}

static void
test_hostile_format_json (Space         *s,
                          gconstpointer  data)
{
  const struct {
    const char *member;
    const char *value;
    int code;
  } cases[] = {
    { "format", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "format", "\"1\"", TANDEM_SYNC_ERROR_FORMAT },
    { "format", "0", TANDEM_SYNC_ERROR_FORMAT },
    { "format", "-1", TANDEM_SYNC_ERROR_FORMAT },
    { "format", "1.0", TANDEM_SYNC_ERROR_FORMAT },
    { "format", "1e300", TANDEM_SYNC_ERROR_FORMAT },
    { "format", "2", TANDEM_SYNC_ERROR_NEWER_FORMAT },
    { "format", "9223372036854775807", TANDEM_SYNC_ERROR_NEWER_FORMAT },
    { "format", "null", TANDEM_SYNC_ERROR_FORMAT },
    { "format", "[1]", TANDEM_SYNC_ERROR_FORMAT },
    { "format", "{}", TANDEM_SYNC_ERROR_FORMAT },
    { "key-id", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "key-id", "\"../../../etc/passwd\"", TANDEM_SYNC_ERROR_FORMAT },
    { "key-id", "\"0123456789abcdef0123456789abcdeF\"", TANDEM_SYNC_ERROR_FORMAT },
    { "key-id", "\"0123456789abcdef0123456789abcdef0\"", TANDEM_SYNC_ERROR_FORMAT },
    { "key-id", "\"0123456789abcdef0123456789abcde\"", TANDEM_SYNC_ERROR_FORMAT },
    { "key-id", "12345", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "kdf", "\"scrypt\"", TANDEM_SYNC_ERROR_NEWER_FORMAT },
    { "kdf", "true", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-salt", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-salt", "\"\"", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-salt", "\"zz23456789abcdef0123456789abcdef\"", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-salt", "\"0123456789abcdef\"", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-opslimit", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-opslimit", "0", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-opslimit", "11", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-opslimit", "4294967295", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-opslimit", "99999999999999999999999999", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-opslimit", "1e30", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-opslimit", "\"3\"", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-memlimit", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-memlimit", "-268435456", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-memlimit", "8191", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-memlimit", "1073741825", TANDEM_SYNC_ERROR_FORMAT },
    { "kdf-memlimit", "4398046511104", TANDEM_SYNC_ERROR_FORMAT },
    { "key-wrap", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "key-wrap", "\"aes256gcm\"", TANDEM_SYNC_ERROR_NEWER_FORMAT },
    { "files", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "files", "\"none\"", TANDEM_SYNC_ERROR_NEWER_FORMAT },
    { "blob-names", "\"sha256\"", TANDEM_SYNC_ERROR_NEWER_FORMAT },
    { "chunk-size", NULL, TANDEM_SYNC_ERROR_FORMAT },
    { "chunk-size", "1048576", TANDEM_SYNC_ERROR_NEWER_FORMAT },
  };
  const char *whole[] = {
    "", "garbage", "{", "[]", "null", "1", "\"format\"", "{}", "{\"format\": 1}",
    "{\"format\": 1, \"format\": 1}", "\xff\xfe{\"format\": 1}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) json = format_with (s->format_json, cases[i].member, cases[i].value);
      g_autofree char *what = g_strdup_printf ("%s = %s", cases[i].member, cases[i].value);

      assert_format_refused (s, json, NULL, cases[i].code, what);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (whole); i++)
    {
      g_autoptr(GBytes) json = g_bytes_new_static (whole[i], strlen (whole[i]));
      g_autofree char *what = g_strescape (whole[i], NULL);

      assert_format_refused (s, json, NULL, TANDEM_SYNC_ERROR_FORMAT, what);
    }

  /* A valid format.json with a NUL in the middle, or cut short. */
  {
    gsize size;
    const char *valid = g_bytes_get_data (s->format_json, &size);
    g_autofree char *copy = g_memdup2 (valid, size);
    g_autoptr(GBytes) with_nul = NULL;
    g_autoptr(GBytes) cut = slice (s->format_json, size / 2);

    copy[size / 3] = '\0';
    with_nul = g_bytes_new (copy, size);
    assert_format_refused (s, with_nul, NULL, TANDEM_SYNC_ERROR_FORMAT, "NUL inside");
    assert_format_refused (s, cut, NULL, TANDEM_SYNC_ERROR_FORMAT, "cut in half");
  }

  /* Deep nesting, just under the size cap. */
  {
    GString *deep = g_string_new ("{\"format\": 1, \"x\": ");
    g_autoptr(GBytes) json = NULL;

    for (int i = 0; i < 1900; i++)
      g_string_append_c (deep, '[');
    for (int i = 0; i < 1900; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    json = g_string_free_to_bytes (deep);
    assert_format_refused (s, json, NULL, TANDEM_SYNC_ERROR_FORMAT, "deep nesting");
  }

  /* A valid format.json padded to 10 MB: refused by size, unparsed. */
  {
    gsize size;
    const char *valid = g_bytes_get_data (s->format_json, &size);
    gsize big_size = 10 * 1000 * 1000;
    char *big = g_malloc (big_size);
    g_autoptr(GBytes) json = NULL;

    memcpy (big, valid, size);
    memset (big + size, ' ', big_size - size);
    json = g_bytes_new_take (big, big_size);
    assert_format_refused (s, json, NULL, TANDEM_SYNC_ERROR_FORMAT, "10 MB");
  }

  /* Unknown extra members are a newer Tandem's additions, not damage. */
  {
    g_autoptr(GBytes) json = format_with (s->format_json, "comment", "\"made on the office laptop\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(TandemSyncKey) key = tandem_sync_space_open (json, s->key_file, PASSPHRASE, &error);

    g_assert_no_error (error);
    assert_same_key (s->key, key);
  }

  /* Limits lowered by a hostile server do not open the key: the key file
   * is bound to the limits it was made with. */
  {
    g_autoptr(GBytes) json = format_with (s->format_json, "kdf-memlimit", "16384");

    assert_format_refused (s, json, s->key_file, TANDEM_SYNC_ERROR_PASSPHRASE, "memlimit changed");
  }
}

static void
test_hostile_key_file (Space         *s,
                       gconstpointer  data)
{
  gsize size;
  const guint8 *good = g_bytes_get_data (s->key_file, &size);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) short_file = slice (s->key_file, size - 1);
  g_autoptr(GBytes) long_file = with_suffix (s->key_file, "\0", 1);
  g_autoptr(GBytes) garbage = make_bytes (size, 22);
  g_autoptr(GBytes) huge = make_bytes (10 * 1000 * 1000, 23);
  g_autoptr(GBytes) newer = flip_bit (s->key_file, 4, 1);
  g_autoptr(GBytes) other_id = flip_bit (s->key_file, 10, 0);

  g_assert_cmpuint (size, ==, 93);
  g_assert_cmpmem (good, 4, "TNDK", 4);

  assert_format_refused (s, s->format_json, empty, TANDEM_SYNC_ERROR_FORMAT, "empty key file");
  assert_format_refused (s, s->format_json, short_file, TANDEM_SYNC_ERROR_FORMAT, "short key file");
  assert_format_refused (s, s->format_json, long_file, TANDEM_SYNC_ERROR_FORMAT, "long key file");
  assert_format_refused (s, s->format_json, garbage, TANDEM_SYNC_ERROR_FORMAT, "garbage key file");
  assert_format_refused (s, s->format_json, huge, TANDEM_SYNC_ERROR_FORMAT, "10 MB key file");
  assert_format_refused (s, s->format_json, newer, TANDEM_SYNC_ERROR_NEWER_FORMAT, "newer key file");
  assert_format_refused (s, s->format_json, other_id, TANDEM_SYNC_ERROR_FORMAT, "other key id");

  /* A changed bit in the nonce or the wrapped key cannot be told from a
   * wrong passphrase; it is refused all the same. */
  for (gsize i = 21; i < size; i += 7)
    {
      g_autoptr(GBytes) flipped = flip_bit (s->key_file, i, (int) (i % 8));

      assert_format_refused (s, s->format_json, flipped, TANDEM_SYNC_ERROR_PASSPHRASE, "flipped bit");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-crypto/create-open", Space, NULL, space_set_up, test_create_open, space_tear_down);
  g_test_add_func ("/sync-crypto/limits-stored", test_limits_stored);
  g_test_add_func ("/sync-crypto/moderate-timed", test_moderate_timed);
  g_test_add ("/sync-crypto/wrong-passphrase", Space, NULL, space_set_up, test_wrong_passphrase,
              space_tear_down);
  g_test_add_func ("/sync-crypto/passphrase-normalised", test_passphrase_normalised);
  g_test_add ("/sync-crypto/change-passphrase", Space, NULL, space_set_up, test_change_passphrase,
              space_tear_down);
  g_test_add ("/sync-crypto/seal-round-trip", Space, NULL, space_set_up, test_seal_round_trip,
              space_tear_down);
  g_test_add ("/sync-crypto/truncated", Space, NULL, space_set_up, test_truncated, space_tear_down);
  g_test_add ("/sync-crypto/trailing", Space, NULL, space_set_up, test_trailing, space_tear_down);
  g_test_add ("/sync-crypto/moved-and-foreign", Space, NULL, space_set_up, test_moved_and_foreign,
              space_tear_down);
  g_test_add ("/sync-crypto/flipped-bits", Space, NULL, space_set_up, test_flipped_bits, space_tear_down);
  g_test_add ("/sync-crypto/empty-and-too-big", Space, NULL, space_set_up, test_empty_and_too_big,
              space_tear_down);
  g_test_add ("/sync-crypto/bad-paths", Space, NULL, space_set_up, test_bad_paths, space_tear_down);
  g_test_add ("/sync-crypto/no-plaintext", Space, NULL, space_set_up, test_no_plaintext, space_tear_down);
  g_test_add ("/sync-crypto/blob-names", Space, NULL, space_set_up, test_blob_names, space_tear_down);
  g_test_add ("/sync-crypto/secret", Space, NULL, space_set_up, test_secret, space_tear_down);
  g_test_add ("/sync-crypto/hostile-format-json", Space, NULL, space_set_up, test_hostile_format_json,
              space_tear_down);
  g_test_add ("/sync-crypto/hostile-key-file", Space, NULL, space_set_up, test_hostile_key_file,
              space_tear_down);

  return g_test_run ();
}
