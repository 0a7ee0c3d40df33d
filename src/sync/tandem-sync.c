/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-hlc.h"
#include "tandem-sync-batch.h"
#include "tandem-sync-store.h"
#include "tandem-sync.h"

/* A batch never holds more changes than this: a big backlog becomes several
 * batches, so a retry after a dropped connection resends little. */
#define BATCH_MAX_CHANGES 20000

/* Rows applied from a snapshot between checkpoints: bounds the size of one
 * transaction (and the pause it imposes on the window) when joining. */
#define SNAPSHOT_CHECKPOINT_ROWS 5000

#define HEAD_MAX_SIZE (64 * 1024)
/* Sent batches kept in the outbox to answer a repair request. */
#define OUTBOX_KEEP_SENT 2000
#define KEY_FILE_MAX_SIZE (4 * 1024)
#define BLOB_MAX_PLAIN (4 * 1024 * 1024)
#define BLOB_MIME_MAX 255
#define SNAPSHOT_MAX_COMPRESSED ((gsize) 1024 * 1024 * 1024)

/* Clocks further ahead than this are quarantined by the store; they must not
 * drag ours forward either. */
#define CLOCK_AHEAD_MAX_MS ((guint64) 24 * 60 * 60 * 1000)

#define UUID_LEN 36
#define SEQ_DIGITS 12

struct _TandemSyncSession
{
  GObject parent_instance;

  TandemStore *store;
  TandemWebdav *webdav;
  TandemSyncKey *key;
  char *device_name;
  GHashTable *names; /* device id → laptop name, from heads read */
  GHashTable *removed_ok; /* devices whose .removed head was opened and checked */
};

G_DEFINE_FINAL_TYPE (TandemSyncSession, tandem_sync_session, G_TYPE_OBJECT)

/* Report and device */

/**
 * tandem_sync_report_new:
 *
 * Returns: (transfer full): an empty report
 */
TandemSyncReport *
tandem_sync_report_new (void)
{
  TandemSyncReport *report = g_new0 (TandemSyncReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->changed_rows = g_ptr_array_new_with_free_func (g_free);
  return report;
}

/**
 * tandem_sync_report_free:
 * @report: (nullable): a report
 */
void
tandem_sync_report_free (TandemSyncReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->changed_rows, g_ptr_array_unref);
  g_free (report);
}

/**
 * tandem_sync_device_free:
 * @device: (nullable): a device
 */
void
tandem_sync_device_free (TandemSyncDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->name);
  g_free (device->synced_at);
  g_free (device);
}

/* Session */

static void
tandem_sync_session_finalize (GObject *object)
{
  TandemSyncSession *self = (TandemSyncSession *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->webdav);
  g_clear_pointer (&self->key, tandem_sync_key_unref);
  g_clear_pointer (&self->device_name, g_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->removed_ok, g_hash_table_unref);

  G_OBJECT_CLASS (tandem_sync_session_parent_class)->finalize (object);
}

static void
tandem_sync_session_class_init (TandemSyncSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_sync_session_finalize;
}

static void
tandem_sync_session_init (TandemSyncSession *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->removed_ok = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * tandem_sync_session_new:
 * @store: the database, opened for this worker thread
 * @webdav: the client for the space's URL
 *
 * Returns: (transfer full): a session; it has no key until
 *   tandem_sync_session_create(), _unlock() or _set_key()
 */
TandemSyncSession *
tandem_sync_session_new (TandemStore  *store,
                         TandemWebdav *webdav)
{
  TandemSyncSession *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_WEBDAV (webdav), NULL);

  self = g_object_new (TANDEM_TYPE_SYNC_SESSION, NULL);
  self->store = g_object_ref (store);
  self->webdav = g_object_ref (webdav);
  return self;
}

/**
 * tandem_sync_session_set_device_name:
 * @self: a session
 * @name: (nullable): the name other laptops see for this one; %NULL for the
 *   host name
 *
 * Remembered in the database (meta "sync_device_name") and sent with the
 * next head.
 */
void
tandem_sync_session_set_device_name (TandemSyncSession *self,
                                     const char        *name)
{
  g_return_if_fail (TANDEM_IS_SYNC_SESSION (self));

  g_free (self->device_name);
  self->device_name = g_strdup (name);
  if (name != NULL)
    tandem_sync_store_set_meta (self->store, "sync_device_name", name, NULL);
}

static char *
dup_device_name (TandemSyncSession *self)
{
  char *name;

  if (self->device_name != NULL && *self->device_name != '\0')
    return g_strdup (self->device_name);
  name = tandem_sync_store_get_meta (self->store, "sync_device_name");
  if (name != NULL && *name != '\0')
    return name;
  g_free (name);
  return g_strdup (g_get_host_name ());
}

static const char *
device_id (TandemSyncSession *self)
{
  return tandem_store_get_device_id (self->store);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static guint64
get_meta_u64 (TandemStore *store,
              const char  *key,
              guint64      fallback)
{
  g_autofree char *text = tandem_sync_store_get_meta (store, key);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    return fallback;
  return value;
}

static gboolean
set_meta_u64 (TandemStore  *store,
              const char   *key,
              guint64       value,
              GError      **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  return tandem_sync_store_set_meta (store, key, text, error);
}

static gboolean
meta_is_set (TandemStore *store,
             const char  *key)
{
  g_autofree char *text = tandem_sync_store_get_meta (store, key);

  return g_strcmp0 (text, "1") == 0;
}

static gboolean
is_seq_text (const char *text,
             gsize       len)
{
  if (len != SEQ_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* "<uuid>.<12 digits>" or "<uuid>.removed"; anything else is not ours. */
static gboolean
parse_head_name (const char  *name,
                 char       **device,
                 guint64     *seq,
                 gboolean    *removed)
{
  g_autofree char *id = NULL;
  const char *rest;

  if (strlen (name) <= UUID_LEN + 1 || name[UUID_LEN] != '.')
    return FALSE;
  id = g_strndup (name, UUID_LEN);
  if (!g_uuid_string_is_valid (id))
    return FALSE;
  rest = name + UUID_LEN + 1;
  if (g_str_equal (rest, "removed"))
    {
      *removed = TRUE;
      *seq = 0;
    }
  else if (is_seq_text (rest, strlen (rest)))
    {
      *removed = FALSE;
      *seq = g_ascii_strtoull (rest, NULL, 10);
    }
  else
    return FALSE;
  *device = g_steal_pointer (&id);
  return TRUE;
}

static char *
head_path (const char *device,
           guint64     seq)
{
  return g_strdup_printf ("heads/%s.%0*" G_GUINT64_FORMAT, device, SEQ_DIGITS, seq);
}

static char *
batch_path (const char *device,
            guint64     seq)
{
  return g_strdup_printf ("log/%s/%0*" G_GUINT64_FORMAT ".bin", device, SEQ_DIGITS, seq);
}

static gboolean
require_key (TandemSyncSession  *self,
             GError            **error)
{
  if (self->key != NULL)
    return TRUE;
  g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_LOCKED,
                       _("Sync is not unlocked on this laptop. Enter the setting’s sync "
                         "passphrase first."));
  return FALSE;
}

/* Refuses a key that belongs to another space than the one this database
 * already synced with: mixing two settings' records cannot be undone. */
static gboolean
check_space (TandemSyncSession  *self,
             TandemSyncKey      *key,
             GError            **error)
{
  g_autofree char *id = tandem_sync_key_dup_id (key);
  g_autofree char *stored = tandem_sync_store_get_meta (self->store, "sync_space_id");

  if (stored != NULL && *stored != '\0' && !g_str_equal (stored, id))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_OTHER_SPACE,
                           _("This laptop’s records already sync with another sync space. "
                             "Turn off sync first to join this one."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
remember_space (TandemSyncSession  *self,
                GError            **error)
{
  g_autofree char *id = tandem_sync_key_dup_id (self->key);
  g_autofree char *stored = tandem_sync_store_get_meta (self->store, "sync_space_id");

  if (g_strcmp0 (stored, id) == 0)
    return TRUE;
  return tandem_sync_store_set_meta (self->store, "sync_space_id", id, error);
}

/* Space management */

static GBytes *
get_format_json (TandemSyncSession  *self,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  bytes = tandem_webdav_get (self->webdav, "format.json", TANDEM_SYNC_FORMAT_JSON_MAX_SIZE,
                             cancellable, &local_error);
  if (bytes == NULL && g_error_matches (local_error, TANDEM_WEBDAV_ERROR,
                                        TANDEM_WEBDAV_ERROR_NOT_FOUND))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NO_SPACE,
                           _("There is no sync space at this address yet. Turn on sync on "
                             "the first laptop to create it."));
      return NULL;
    }
  if (bytes == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return bytes;
}

/**
 * tandem_sync_session_space_exists:
 * @self: a session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Whether the server holds a space (its `format.json`), to decide between
 * creating and joining. One request.
 *
 * Returns: %TRUE if it does; %FALSE with @error unset if not, or with
 *   @error set when the server could not tell
 */
gboolean
tandem_sync_session_space_exists (TandemSyncSession  *self,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), FALSE);

  bytes = get_format_json (self, cancellable, &local_error);
  if (bytes != NULL)
    return TRUE;
  if (!g_error_matches (local_error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NO_SPACE))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * tandem_sync_session_create:
 * @self: a session
 * @passphrase: the setting's new sync passphrase
 * @limits: how hard the passphrase is to guess (%TANDEM_SYNC_KDF_MODERATE
 *   for real spaces)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Creates a space on the server for this database: folders, the wrapped key,
 * and `format.json` last, so a half-created space is not taken for one. The
 * next tandem_sync_session_run() uploads this laptop's records as the
 * snapshot others join from.
 *
 * Returns: %TRUE once the space exists; the session is unlocked
 */
gboolean
tandem_sync_session_create (TandemSyncSession    *self,
                            const char           *passphrase,
                            TandemSyncKdfLimits   limits,
                            GCancellable         *cancellable,
                            GError              **error)
{
  static const char *const folders[] = { "keys/", "log/", "heads/", "blobs/", "snapshots/" };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) existing = NULL;
  g_autoptr(GBytes) format_json = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autoptr(TandemSyncKey) key = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *log_folder = NULL;

  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  stored = tandem_sync_store_get_meta (self->store, "sync_space_id");
  if (stored != NULL && *stored != '\0')
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_OTHER_SPACE,
                           _("This laptop’s records already sync with another sync space. "
                             "Turn off sync first to create a new one."));
      return FALSE;
    }

  existing = get_format_json (self, cancellable, &local_error);
  if (existing != NULL)
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_SPACE_EXISTS,
                           _("There is already a sync space at this address. Join it with "
                             "its passphrase instead."));
      return FALSE;
    }
  if (!g_error_matches (local_error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NO_SPACE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!tandem_sync_space_create (passphrase, limits, &format_json, &key_path, &key_file, &key,
                                 error))
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (folders); i++)
    if (!tandem_webdav_mkcol (self->webdav, folders[i], cancellable, error))
      return FALSE;
  /* This laptop's log folder too, so that its first edit is sent in as
   * few requests as any later one. */
  log_folder = g_strdup_printf ("log/%s/", device_id (self));
  if (!tandem_webdav_mkcol (self->webdav, log_folder, cancellable, error))
    return FALSE;
  if (!tandem_webdav_put (self->webdav, key_path, key_file, cancellable, error)
      || !tandem_webdav_put (self->webdav, "format.json", format_json, cancellable, error))
    return FALSE;

  g_clear_pointer (&self->key, tandem_sync_key_unref);
  self->key = g_steal_pointer (&key);
  if (!remember_space (self, error)
      || !tandem_sync_store_set_meta (self->store, "sync_created", "1", error)
      || !tandem_sync_store_set_meta (self->store, "sync_log_dir", "1", error))
    return FALSE;
  return TRUE;
}

/* Downloads format.json and the key file it names, and opens the key. */
static TandemSyncKey *
open_space (TandemSyncSession  *self,
            const char         *passphrase,
            char              **key_path_out,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(GBytes) format_json = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *key_path = NULL;
  TandemSyncKey *key;

  format_json = get_format_json (self, cancellable, error);
  if (format_json == NULL)
    return NULL;
  key_path = tandem_sync_space_get_key_path (format_json, error);
  if (key_path == NULL)
    return NULL;
  key_file = tandem_webdav_get (self->webdav, key_path, KEY_FILE_MAX_SIZE, cancellable, error);
  if (key_file == NULL)
    return NULL;
  key = tandem_sync_space_open (format_json, key_file, passphrase, error);
  if (key != NULL && key_path_out != NULL)
    *key_path_out = g_steal_pointer (&key_path);
  return key;
}

/**
 * tandem_sync_session_unlock:
 * @self: a session
 * @passphrase: the setting's sync passphrase
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens the space's key with the passphrase (two requests). A wrong
 * passphrase fails with %TANDEM_SYNC_ERROR_PASSPHRASE and writes nothing.
 *
 * Returns: %TRUE once unlocked
 */
gboolean
tandem_sync_session_unlock (TandemSyncSession  *self,
                            const char         *passphrase,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(TandemSyncKey) key = NULL;

  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  key = open_space (self, passphrase, NULL, cancellable, error);
  if (key == NULL || !check_space (self, key, error))
    return FALSE;
  g_clear_pointer (&self->key, tandem_sync_key_unref);
  self->key = g_steal_pointer (&key);
  return TRUE;
}

/**
 * tandem_sync_session_set_key:
 * @self: a session
 * @key: a key kept from an earlier unlock (the keyring)
 * @error: return location for a #GError
 *
 * Unlocks without a request. Refused when the database syncs with another
 * space.
 *
 * Returns: %TRUE if the key was taken
 */
gboolean
tandem_sync_session_set_key (TandemSyncSession  *self,
                             TandemSyncKey      *key,
                             GError            **error)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!check_space (self, key, error))
    return FALSE;
  g_clear_pointer (&self->key, tandem_sync_key_unref);
  self->key = tandem_sync_key_ref (key);
  return TRUE;
}

/**
 * tandem_sync_session_get_key:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the key, to keep in the keyring
 */
TandemSyncKey *
tandem_sync_session_get_key (TandemSyncSession *self)
{
  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), NULL);

  return self->key;
}

/**
 * tandem_sync_session_change_passphrase:
 * @self: a session
 * @old_passphrase: the current passphrase, checked against the server
 * @new_passphrase: the new one
 * @limits: how hard the new passphrase is to guess
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Re-wraps the data key: uploads the new key file, then the `format.json`
 * naming it, then deletes the old key file. Nothing else is re-sent, and
 * other laptops keep syncing with the key they hold.
 *
 * Returns: %TRUE once the new passphrase is in force
 */
gboolean
tandem_sync_session_change_passphrase (TandemSyncSession    *self,
                                       const char           *old_passphrase,
                                       const char           *new_passphrase,
                                       TandemSyncKdfLimits   limits,
                                       GCancellable         *cancellable,
                                       GError              **error)
{
  g_autoptr(TandemSyncKey) key = NULL;
  g_autoptr(GBytes) format_json = NULL;
  g_autoptr(GBytes) key_file = NULL;
  g_autofree char *old_key_path = NULL;
  g_autofree char *key_path = NULL;

  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL && new_passphrase != NULL, FALSE);

  key = open_space (self, old_passphrase, &old_key_path, cancellable, error);
  if (key == NULL || !check_space (self, key, error))
    return FALSE;
  if (!tandem_sync_space_rewrap (key, new_passphrase, limits, &format_json, &key_path,
                                 &key_file, error))
    return FALSE;
  if (!tandem_webdav_put (self->webdav, key_path, key_file, cancellable, error)
      || !tandem_webdav_put (self->webdav, "format.json", format_json, cancellable, error))
    return FALSE;
  if (!g_str_equal (old_key_path, key_path)
      && !tandem_webdav_delete (self->webdav, old_key_path, cancellable, error))
    return FALSE;
  if (self->key == NULL)
    self->key = g_steal_pointer (&key);
  return TRUE;
}

/* Heads */

typedef struct {
  GHashTable *seqs;       /* device → guint64 *: its newest numbered head */
  GHashTable *removed;    /* device set: has a .removed head */
  GPtrArray *own;         /* names of this device's numbered heads */
  gboolean repair_asked;  /* heads/<this device>.repair exists */
  gboolean has_own;
  guint64 own_seq;
  guint bad_names;
  char *first_bad_name;
} Heads;

static void
heads_clear (Heads *heads)
{
  g_clear_pointer (&heads->seqs, g_hash_table_unref);
  g_clear_pointer (&heads->removed, g_hash_table_unref);
  g_clear_pointer (&heads->own, g_ptr_array_unref);
  g_clear_pointer (&heads->first_bad_name, g_free);
}

/* GETs a sealed file and opens it with the space's key and its path: what
 * every file of the space but format.json needs. @max_plain caps both the
 * download (sealed) and what it may open to. */
static GBytes *
fetch_sealed (TandemSyncSession  *self,
              const char         *path,
              gsize               max_plain,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GBytes) sealed = NULL;

  sealed = tandem_webdav_get (self->webdav, path, tandem_sync_sealed_size (max_plain),
                              cancellable, error);
  if (sealed == NULL)
    return NULL;
  return tandem_sync_open (self->key, path, sealed, max_plain, error);
}

/* "<uuid>.repair": a laptop asks the uuid's laptop to send its batches again
 * from the first one it could not read (tandem-sync.h). */
static gboolean
is_repair_name (const char *name)
{
  g_autofree char *id = NULL;

  if (strlen (name) != UUID_LEN + strlen (".repair") || !g_str_has_suffix (name, ".repair"))
    return FALSE;
  id = g_strndup (name, UUID_LEN);
  return g_uuid_string_is_valid (id);
}

/* Whether heads/<device>.removed opens with the space's key and decodes.
 * Checked once per session and device; a removal is never undone. */
static gboolean
removal_is_authentic (TandemSyncSession *self,
                      const char        *device,
                      GCancellable      *cancellable)
{
  g_autofree char *path = g_strdup_printf ("heads/%s.removed", device);
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *by = NULL;
  g_autofree char *time = NULL;

  if (g_hash_table_contains (self->removed_ok, device))
    return TRUE;
  if (self->key == NULL)
    return FALSE;
  plain = fetch_sealed (self, path, HEAD_MAX_SIZE, cancellable, NULL);
  if (plain == NULL || !tandem_sync_removed_decode (plain, &by, &time, NULL))
    return FALSE;
  g_hash_table_add (self->removed_ok, g_strdup (device));
  return TRUE;
}

static gboolean
list_heads (TandemSyncSession  *self,
            Heads              *heads,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;

  heads->seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  heads->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  heads->own = g_ptr_array_new_with_free_func (g_free);

  entries = tandem_webdav_list (self->webdav, "heads/", cancellable, &local_error);
  if (entries == NULL)
    {
      if (g_error_matches (local_error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND))
        g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NO_SPACE,
                             _("The sync space is no longer on the server. Check the "
                               "server address, or turn sync off and on again."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      TandemWebdavEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *device = NULL;
      guint64 seq;
      gboolean removed;
      guint64 *known;

      if (entry->is_collection)
        continue;
      if (is_repair_name (entry->name))
        {
          /* Another laptop could not read one of our batches: only ours
           * matter here (the others answer theirs). */
          if (strncmp (entry->name, device_id (self), UUID_LEN) == 0)
            heads->repair_asked = TRUE;
          continue;
        }
      if (!parse_head_name (entry->name, &device, &seq, &removed))
        {
          if (heads->bad_names++ == 0)
            heads->first_bad_name = g_strdup (entry->name);
          continue;
        }
      if (removed)
        {
          /* Only a removal sealed with the space's key counts: a name alone
           * could be put there by the server, and would make this laptop
           * forget its key or the others ignore a laptop. */
          if (!removal_is_authentic (self, device, cancellable))
            {
              if (heads->bad_names++ == 0)
                heads->first_bad_name = g_strdup (entry->name);
              continue;
            }
          g_hash_table_add (heads->removed, g_steal_pointer (&device));
          continue;
        }
      if (g_str_equal (device, device_id (self)))
        {
          g_ptr_array_add (heads->own, g_strdup (entry->name));
          heads->own_seq = heads->has_own ? MAX (heads->own_seq, seq) : seq;
          heads->has_own = TRUE;
        }
      known = g_hash_table_lookup (heads->seqs, device);
      if (known == NULL)
        g_hash_table_insert (heads->seqs, g_steal_pointer (&device), g_memdup2 (&seq, sizeof seq));
      else if (seq > *known)
        *known = seq;
    }
  return TRUE;
}

/* Reads a device's head for its name. NULL when it cannot be read. */
static char *
fetch_head_name (TandemSyncSession *self,
                 const char        *device,
                 guint64            seq,
                 GCancellable      *cancellable,
                 char             **synced_at)
{
  g_autofree char *path = head_path (device, seq);
  g_autoptr(GBytes) plain = NULL;
  char *name = NULL;

  plain = fetch_sealed (self, path, HEAD_MAX_SIZE, cancellable, NULL);
  if (plain != NULL && tandem_sync_head_decode (plain, NULL, NULL, &name, synced_at, NULL))
    g_hash_table_replace (self->names, g_strdup (device), g_strdup (name));
  return name;
}

/* Runs */

typedef struct {
  TandemSyncSession *self;
  TandemSyncReport *report;
  GCancellable *cancellable;
  Heads heads;
  GHashTable *applied; /* device → guint64 * */
  GHashTable *sealed_counts; /* outbox seq (guint64 *) → changes in it */
} Run;

static guint64
applied_seq (Run        *run,
             const char *device)
{
  guint64 *seq = g_hash_table_lookup (run->applied, device);

  return seq != NULL ? *seq : 0;
}

static void
add_problem (Run        *run,
             const char *problem)
{
  /* The same sentence twice says nothing more. */
  for (guint i = 0; i < run->report->problems->len; i++)
    if (g_str_equal (g_ptr_array_index (run->report->problems, i), problem))
      return;
  g_ptr_array_add (run->report->problems, g_strdup (problem));
}

/* A laptop's name for messages: from its head, read only when needed. */
static char *
device_label (Run        *run,
              const char *device)
{
  const char *known = g_hash_table_lookup (run->self->names, device);
  guint64 *seq;
  char *name;

  if (known != NULL)
    return g_strdup (known);
  seq = run->heads.seqs != NULL ? g_hash_table_lookup (run->heads.seqs, device) : NULL;
  if (seq != NULL)
    {
      name = fetch_head_name (run->self, device, *seq, run->cancellable, NULL);
      if (name != NULL)
        return name;
    }
  /* Translators: stands for a laptop whose name could not be read;
   * %.8s is the start of its id */
  return g_strdup_printf (_("laptop %.8s"), device);
}

static void
add_changed_rows (Run       *run,
                  GPtrArray *rows,
                  guint      applied)
{
  TandemSyncReport *report = run->report;

  if (report->changed_rows == NULL)
    return;
  if (rows == NULL)
    {
      /* The store gave up listing them: too many. */
      if (applied > 0)
        g_clear_pointer (&report->changed_rows, g_ptr_array_unref);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (report->changed_rows, g_strdup (g_ptr_array_index (rows, i)));
  if (report->changed_rows->len > TANDEM_SYNC_MAX_CHANGED_ROWS)
    g_clear_pointer (&report->changed_rows, g_ptr_array_unref);
}

static void
add_counts (Run                         *run,
            const TandemSyncApplyCounts *counts)
{
  run->report->changes_received += counts->applied;
  run->report->conflicts += counts->conflicts;
  run->report->quarantined += counts->quarantined;
  run->report->rejected += counts->rejected;
}

static gboolean
check_cancelled (Run     *run,
                 GError **error)
{
  if (!g_cancellable_is_cancelled (run->cancellable))
    return TRUE;
  g_set_error_literal (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_CANCELLED,
                       _("Sync was cancelled."));
  return FALSE;
}

/* Whether a failure to read one file only concerns that file (reported and
 * skipped) rather than the connection or the server (ending the run). */
static gboolean
is_file_problem (const GError *error)
{
  if (error->domain == TANDEM_SYNC_ERROR)
    return TRUE;
  return g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND)
         || g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE);
}

static void
report_damaged (Run          *run,
                const char   *device,
                const GError *error)
{
  g_autofree char *label = device_label (run, device);
  g_autofree char *problem = NULL;

  if (g_error_matches (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_NEWER_FORMAT))
    /* Translators: %s is a laptop's name */
    problem = g_strdup_printf (_("Laptop “%s” uses a newer version of Tandem. Update Tandem "
                                 "on this laptop to receive its changes."), label);
  else if (g_error_matches (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND))
    /* Translators: %s is a laptop's name */
    problem = g_strdup_printf (_("A file from laptop “%s” is missing on the server, so its "
                                 "newer changes cannot arrive until the file is back. The "
                                 "other laptops’ changes were synced."), label);
  else
    /* Translators: %s is a laptop's name */
    problem = g_strdup_printf (_("A file from laptop “%s” on the server is damaged and was "
                                 "skipped; the other laptops’ changes were synced."), label);
  g_debug ("sync: %s: %s", device, error->message);
  add_problem (run, problem);
}

static int
change_compare_cb (gconstpointer a,
                   gconstpointer b)
{
  return tandem_sync_change_compare (*(TandemSyncChange *const *) a,
                                     *(TandemSyncChange *const *) b);
}

/* The newest clock among @changes that is not too far ahead to be trusted. */
static void
observe_clocks (Run       *run,
                GPtrArray *changes)
{
  guint64 limit = tandem_hlc_now_ms () + CLOCK_AHEAD_MAX_MS;
  const char *newest = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      TandemSyncChange *change = g_ptr_array_index (changes, i);
      TandemHlc hlc;

      if (!tandem_hlc_parse (change->hlc, &hlc) || hlc.wall_ms > limit)
        continue;
      if (newest == NULL || strcmp (change->hlc, newest) > 0)
        newest = change->hlc;
    }
  if (newest != NULL)
    tandem_sync_store_observe_clock (run->self->store, newest);
}

/* The newest snapshot in the space, or NULL. */
static char *
find_snapshot (Run      *run,
               char    **writer,
               GError  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  char *best = NULL;
  g_autofree char *best_hlc = NULL;

  entries = tandem_webdav_list (run->self->webdav, "snapshots/", run->cancellable, &local_error);
  if (entries == NULL)
    {
      if (!g_error_matches (local_error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      TandemWebdavEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *device = NULL;
      g_autofree char *hlc = NULL;
      TandemHlc parsed;

      /* <uuid>.<16 hex>.snap */
      if (entry->is_collection || strlen (entry->name) != UUID_LEN + 1 + TANDEM_HLC_TEXT_LEN + 5
          || entry->name[UUID_LEN] != '.' || !g_str_has_suffix (entry->name, ".snap"))
        continue;
      device = g_strndup (entry->name, UUID_LEN);
      hlc = g_strndup (entry->name + UUID_LEN + 1, TANDEM_HLC_TEXT_LEN);
      /* A removed laptop's snapshot still holds the space's base state, so
       * it is not skipped. */
      if (!g_uuid_string_is_valid (device) || !tandem_hlc_parse (hlc, &parsed))
        continue;
      if (best_hlc == NULL || strcmp (hlc, best_hlc) > 0)
        {
          g_free (best);
          g_free (best_hlc);
          g_free (*writer);
          best = g_strdup_printf ("snapshots/%s", entry->name);
          best_hlc = g_steal_pointer (&hlc);
          *writer = g_steal_pointer (&device);
        }
    }
  return best;
}

/* Joins from the newest snapshot. *@joined is FALSE when there is none yet
 * or it could not be read: then nothing is received in this run, since the
 * batches alone would miss what the snapshot holds. */
static gboolean
join_from_snapshot (Run       *run,
                    gboolean  *joined,
                    GError   **error)
{
  TandemSyncSession *self = run->self;
  g_autofree char *writer = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(TandemSyncBatch) snapshot = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) changed_rows = NULL;
  TandemSyncApplyCounts counts = { 0 };
  TandemSyncApply *apply;
  GHashTableIter iter;
  gpointer key, value;
  guint n_rows;
  gint64 start;

  *joined = FALSE;
  path = find_snapshot (run, &writer, error);
  if (path == NULL)
    return error == NULL || *error == NULL;
  if (!check_cancelled (run, error))
    return FALSE;

  start = g_get_monotonic_time ();
  plain = fetch_sealed (self, path, SNAPSHOT_MAX_COMPRESSED, run->cancellable, &local_error);
  g_debug ("sync: snapshot downloaded and opened in %.3f s",
           (g_get_monotonic_time () - start) / 1e6);
  if (plain != NULL)
    snapshot = tandem_sync_batch_decode (plain, "snapshot", writer, 0,
                                         TANDEM_SYNC_SNAPSHOT_MAX_PLAIN, &local_error);
  g_debug ("sync: snapshot decoded at %.3f s", (g_get_monotonic_time () - start) / 1e6);
  if (snapshot == NULL)
    {
      if (!is_file_problem (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      report_damaged (run, writer, local_error);
      return TRUE;
    }
  g_clear_pointer (&plain, g_bytes_unref);

  apply = tandem_sync_apply_begin (self->store, error);
  if (apply == NULL)
    return FALSE;
  n_rows = tandem_sync_batch_get_n_rows (snapshot);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *table = NULL;
      g_autofree char *row_id = NULL;
      g_autoptr(GPtrArray) changes = tandem_sync_batch_get_row (snapshot, i, &table, &row_id,
                                                                error);

      /* A damaged row fails the whole join: a partial snapshot is not a
       * state to build on. */
      if (changes == NULL
          || !tandem_sync_apply_row (apply, table, row_id, changes, error)
          || ((i + 1) % SNAPSHOT_CHECKPOINT_ROWS == 0
              && !tandem_sync_apply_checkpoint (apply, error)))
        {
          tandem_sync_apply_abort (apply);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, tandem_sync_batch_get_covers (snapshot));
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, device_id (self)))
        continue;
      if (!tandem_sync_apply_set_applied (apply, key, *(guint64 *) value, error))
        {
          tandem_sync_apply_abort (apply);
          return FALSE;
        }
      g_hash_table_replace (run->applied, g_strdup (key), g_memdup2 (value, sizeof (guint64)));
    }
  if (!tandem_sync_apply_commit (apply, &counts, &changed_rows, error))
    return FALSE;
  g_debug ("sync: snapshot of %u rows applied at %.3f s", n_rows,
           (g_get_monotonic_time () - start) / 1e6);
  add_counts (run, &counts);
  /* A whole database arrived: the window reloads everything. */
  g_clear_pointer (&run->report->changed_rows, g_ptr_array_unref);
  run->report->joined = TRUE;
  *joined = TRUE;
  if (!tandem_sync_store_set_meta (self->store, "sync_joined", "1", error))
    return FALSE;
  /* Its log folder now, in a run that is long anyway, so that its first
   * edit later costs no extra request. */
  if (!meta_is_set (self->store, "sync_log_dir"))
    {
      g_autofree char *folder = g_strdup_printf ("log/%s/", device_id (self));

      if (!tandem_webdav_mkcol (self->webdav, folder, run->cancellable, error)
          || !tandem_sync_store_set_meta (self->store, "sync_log_dir", "1", error))
        return FALSE;
    }
  return TRUE;
}

static int
strcmp_cb (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The devices with batches this laptop has not applied, sorted. */
static GPtrArray *
devices_to_fetch (Run *run)
{
  GPtrArray *devices = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, run->heads.seqs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, device_id (run->self))
          || g_hash_table_contains (run->heads.removed, key))
        continue;
      if (*(guint64 *) value > applied_seq (run, key))
        g_ptr_array_add (devices, key);
    }
  g_ptr_array_sort (devices, strcmp_cb);
  return devices;
}

/* Asks @device, through heads/<device>.repair, to send its batches again
 * from @seq, which this laptop could not read. Best effort: if it cannot be
 * put there now, the next sync asks again. */
static void
request_repair (Run        *run,
                const char *device,
                guint64     seq)
{
  TandemSyncSession *self = run->self;
  g_autofree char *path = g_strdup_printf ("heads/%s.repair", device);
  g_autofree char *name = dup_device_name (self);
  g_autoptr(GBytes) plain = tandem_sync_repair_encode (seq, name);
  g_autoptr(GBytes) sealed = tandem_sync_seal (self->key, path, plain, NULL);
  g_autoptr(GError) local_error = NULL;

  if (sealed == NULL
      || !tandem_webdav_put (self->webdav, path, sealed, run->cancellable, &local_error))
    g_debug ("sync: could not ask %s to send batch %" G_GUINT64_FORMAT " again: %s", device,
             seq, local_error != NULL ? local_error->message : "sealing failed");
}

static gboolean
receive (Run     *run,
         GError **error)
{
  TandemSyncSession *self = run->self;
  g_autoptr(GPtrArray) devices = devices_to_fetch (run);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) changed_rows = NULL;
  TandemSyncApplyCounts counts = { 0 };
  TandemSyncApply *apply;
  GHashTableIter iter;
  gpointer key, value;

  for (guint d = 0; d < devices->len; d++)
    {
      const char *device = g_ptr_array_index (devices, d);
      guint64 head = *(guint64 *) g_hash_table_lookup (run->heads.seqs, device);

      for (guint64 seq = applied_seq (run, device) + 1; seq <= head; seq++)
        {
          g_autofree char *path = batch_path (device, seq);
          g_autoptr(GBytes) plain = NULL;
          g_autoptr(TandemSyncBatch) batch = NULL;
          g_autoptr(GError) local_error = NULL;

          if (!check_cancelled (run, error))
            return FALSE;
          plain = fetch_sealed (self, path, TANDEM_SYNC_BATCH_MAX_PLAIN, run->cancellable,
                                &local_error);
          if (plain != NULL)
            batch = tandem_sync_batch_decode (plain, "batch", device, seq,
                                              TANDEM_SYNC_BATCH_MAX_PLAIN, &local_error);
          if (batch != NULL && !tandem_sync_batch_collect (batch, changes, &local_error))
            g_clear_pointer (&batch, tandem_sync_batch_free);
          if (batch == NULL)
            {
              /* A download cut short every time (after the client's own
               * retries) is a problem with this file, not a reason to stop
               * the whole sync: the other laptops' changes still come, and
               * this laptop still sends its own. */
              if (!is_file_problem (local_error)
                  && !g_error_matches (local_error, TANDEM_WEBDAV_ERROR,
                                       TANDEM_WEBDAV_ERROR_NETWORK))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              /* This device stops here until the file is readable; what came
               * before it still applies. A file lost or damaged on the
               * server is asked for again from the laptop that wrote it. */
              report_damaged (run, device, local_error);
              if ((local_error->domain == TANDEM_SYNC_ERROR
                   && local_error->code != TANDEM_SYNC_ERROR_NEWER_FORMAT)
                  || g_error_matches (local_error, TANDEM_WEBDAV_ERROR,
                                      TANDEM_WEBDAV_ERROR_NOT_FOUND))
                request_repair (run, device, seq);
              break;
            }
          run->report->batches_received++;
          g_hash_table_replace (reached, (gpointer) device, g_memdup2 (&seq, sizeof seq));
        }
    }
  if (g_hash_table_size (reached) == 0)
    return TRUE;

  /* All devices' changes in clock order: cause before effect. */
  g_ptr_array_sort (changes, change_compare_cb);
  apply = tandem_sync_apply_begin (self->store, error);
  if (apply == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    if (!tandem_sync_apply_change (apply, g_ptr_array_index (changes, i), error))
      {
        tandem_sync_apply_abort (apply);
        return FALSE;
      }
  g_hash_table_iter_init (&iter, reached);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!tandem_sync_apply_set_applied (apply, key, *(guint64 *) value, error))
      {
        tandem_sync_apply_abort (apply);
        return FALSE;
      }
  if (!tandem_sync_apply_commit (apply, &counts, &changed_rows, error))
    return FALSE;
  add_counts (run, &counts);
  add_changed_rows (run, changed_rows, counts.applied);
  observe_clocks (run, changes);
  /* The head sent later tells what this laptop has applied. */
  g_hash_table_iter_init (&iter, reached);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (run->applied, g_strdup (key), g_memdup2 (value, sizeof (guint64)));
  return TRUE;
}

/* PUT, making the folder first when the server says it is missing (409 or
 * 404): folders are made once, not probed on every upload. */
static gboolean
put_in_folder (Run         *run,
               const char  *path,
               GBytes      *data,
               const char  *folder,
               GError     **error)
{
  TandemSyncSession *self = run->self;
  g_autoptr(GError) local_error = NULL;

  if (tandem_webdav_put (self->webdav, path, data, run->cancellable, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return tandem_webdav_mkcol (self->webdav, folder, run->cancellable, error)
         && tandem_webdav_put (self->webdav, path, data, run->cancellable, error);
}

static char *
blob_path (TandemSyncSession *self,
           const char        *hash)
{
  g_autoptr(GBytes) name = g_bytes_new (hash, strlen (hash));

  return tandem_sync_blob_name (self->key, name);
}

static gboolean
send_blobs (Run     *run,
            GError **error)
{
  TandemSyncSession *self = run->self;
  g_autoptr(GPtrArray) hashes = tandem_sync_store_blobs_to_send (self->store, error);

  if (hashes == NULL)
    return FALSE;
  for (guint i = 0; i < hashes->len; i++)
    {
      const char *hash = g_ptr_array_index (hashes, i);
      g_autoptr(GBytes) content = NULL;
      g_autofree char *mime = NULL;
      g_autofree char *path = NULL;
      g_autofree char *folder = NULL;
      g_autoptr(GByteArray) plain = NULL;
      g_autoptr(GBytes) plain_bytes = NULL;
      g_autoptr(GBytes) sealed = NULL;
      gsize size;
      const guint8 *data;

      if (!check_cancelled (run, error))
        return FALSE;
      content = tandem_blob_store_get (self->store, hash, NULL);
      if (content == NULL)
        continue; /* not here either: nothing to send */
      mime = tandem_blob_store_get_mime (self->store, hash);
      if (mime == NULL || strlen (mime) > BLOB_MIME_MAX)
        {
          g_free (mime);
          mime = g_strdup ("application/octet-stream");
        }
      data = g_bytes_get_data (content, &size);
      if (size + strlen (mime) + 1 > BLOB_MAX_PLAIN)
        {
          /* Photos are scaled down when added, so this is a file that came
           * some other way; it stays on this laptop. */
          add_problem (run, _("A photo is too large to sync and stays on this laptop only."));
          continue;
        }
      plain = g_byte_array_sized_new (size + strlen (mime) + 1);
      g_byte_array_append (plain, (const guint8 *) mime, strlen (mime) + 1);
      if (size > 0)
        g_byte_array_append (plain, data, size);
      plain_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&plain));
      path = blob_path (self, hash);
      sealed = tandem_sync_seal (self->key, path, plain_bytes, error);
      if (sealed == NULL)
        return FALSE;
      folder = g_strndup (path, strlen ("blobs/ab/"));
      if (!put_in_folder (run, path, sealed, folder, error)
          || !tandem_sync_store_mark_blob_sent (self->store, hash, error))
        return FALSE;
      run->report->blobs_sent++;
    }
  return TRUE;
}

static gboolean
receive_blobs (Run     *run,
               GError **error)
{
  TandemSyncSession *self = run->self;
  g_autoptr(GPtrArray) hashes = tandem_sync_store_missing_blobs (self->store, error);

  if (hashes == NULL)
    return FALSE;
  for (guint i = 0; i < hashes->len; i++)
    {
      const char *hash = g_ptr_array_index (hashes, i);
      g_autofree char *path = NULL;
      g_autofree char *mime = NULL;
      g_autofree char *got = NULL;
      g_autofree char *added = NULL;
      g_autoptr(GBytes) sealed = NULL;
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GBytes) content = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *data;
      const char *nul;
      gsize size;

      if (!tandem_blob_hash_is_valid (hash))
        continue;
      if (!check_cancelled (run, error))
        return FALSE;
      path = blob_path (self, hash);
      sealed = tandem_webdav_get (self->webdav, path, tandem_sync_sealed_size (BLOB_MAX_PLAIN),
                                  run->cancellable, &local_error);
      if (sealed == NULL)
        {
          /* Not uploaded yet (its laptop sends photos before the records
           * naming them, but an older head may still point here). */
          if (g_error_matches (local_error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND))
            continue;
          if (!is_file_problem (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      else
        plain = tandem_sync_open (self->key, path, sealed, BLOB_MAX_PLAIN, &local_error);
      if (plain != NULL)
        {
          data = g_bytes_get_data (plain, &size);
          nul = data != NULL ? memchr (data, '\0', MIN (size, BLOB_MIME_MAX + 1)) : NULL;
          if (nul != NULL)
            {
              mime = g_strndup (data, nul - data);
              content = g_bytes_new_from_bytes (plain, nul - data + 1, size - (nul - data + 1));
              got = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
            }
        }
      if (got == NULL || !g_str_equal (got, hash) || !g_utf8_validate (mime, -1, NULL))
        {
          g_debug ("sync: blob %s: %s", hash, local_error ? local_error->message : "mismatch");
          add_problem (run, _("A photo on the server is damaged and was skipped."));
          continue;
        }
      added = tandem_blob_store_add (self->store, content, mime, error);
      if (added == NULL)
        return FALSE;
      if (!g_str_equal (added, hash))
        {
          add_problem (run, _("A photo on the server is damaged and was skipped."));
          continue;
        }
      /* It is on the server already: never upload it again. */
      if (!tandem_sync_store_mark_blob_sent (self->store, hash, error))
        return FALSE;
      run->report->blobs_received++;
    }
  return TRUE;
}

static gboolean
collect_row_cb (const char  *table,
                const char  *row_id,
                GPtrArray   *changes,
                gpointer     user_data,
                GError     **error)
{
  tandem_sync_batch_builder_add_row (user_data, table, row_id, changes);
  return TRUE;
}

/* The newest change-log seq, read before the state so that an edit made
 * meanwhile is at worst sent twice (harmless), never missed. */
static gboolean
newest_local_seq (TandemStore  *store,
                  gint64        after,
                  gint64       *newest,
                  GError      **error)
{
  gint64 last = tandem_sync_store_last_local_seq (store, error);

  if (last < 0)
    return FALSE;
  *newest = MAX (last, after);
  return TRUE;
}

static gboolean
send_snapshot (Run     *run,
               GError **error)
{
  TandemSyncSession *self = run->self;
  g_autoptr(TandemSyncBatchBuilder) builder = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *hlc_text = NULL;
  g_autofree char *path = NULL;
  TandemHlc hlc = { tandem_hlc_now_ms (), 0 };
  gint64 upto = (gint64) get_meta_u64 (self->store, "sync_uploaded_upto", 0);
  gint64 newest;
  gint64 start = g_get_monotonic_time ();
  guint n_changes;
  GHashTableIter iter;
  gpointer key, value;

  if (!newest_local_seq (self->store, upto, &newest, error))
    return FALSE;
  g_debug ("sync: newest change found in %.3f s", (g_get_monotonic_time () - start) / 1e6);

  builder = tandem_sync_batch_builder_new ("snapshot", device_id (self), 0);
  tandem_sync_batch_builder_set_covers (builder, device_id (self), 0);
  g_hash_table_iter_init (&iter, run->applied);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_equal (key, device_id (self)))
      tandem_sync_batch_builder_set_covers (builder, key, *(guint64 *) value);
  if (!tandem_sync_store_foreach_row (self->store, collect_row_cb, builder, error))
    return FALSE;
  g_debug ("sync: state read at %.3f s", (g_get_monotonic_time () - start) / 1e6);
  plain = tandem_sync_batch_builder_end (builder, error);
  if (plain == NULL)
    return FALSE;
  g_debug ("sync: snapshot encoded at %.3f s", (g_get_monotonic_time () - start) / 1e6);
  n_changes = tandem_sync_batch_builder_get_n_changes (builder);
  g_clear_pointer (&builder, tandem_sync_batch_builder_free);

  hlc_text = tandem_hlc_to_string (&hlc);
  path = g_strdup_printf ("snapshots/%s.%s.snap", device_id (self), hlc_text);
  sealed = tandem_sync_seal (self->key, path, plain, error);
  if (sealed == NULL || !check_cancelled (run, error)
      || !put_in_folder (run, path, sealed, "snapshots/", error))
    return FALSE;

  if (newest > upto && !set_meta_u64 (self->store, "sync_uploaded_upto", newest, error))
    return FALSE;
  run->report->created_space = TRUE;
  run->report->changes_sent += n_changes;
  /* Its own snapshot is what others join from: it never joins itself. */
  return tandem_sync_store_set_meta (self->store, "sync_joined", "1", error)
         && tandem_sync_store_set_meta (self->store, "sync_created", "0", error);
}

/* Seals this laptop's unsent changes into the outbox, in batches. */
static gboolean
fill_outbox (Run     *run,
             GError **error)
{
  TandemSyncSession *self = run->self;
  guint64 next_seq = get_meta_u64 (self->store, "sync_next_seq", 1);
  gint64 upto = (gint64) get_meta_u64 (self->store, "sync_uploaded_upto", 0);

  /* A database restored from a backup must not reuse numbers that other
   * laptops have already read. */
  if (run->heads.has_own && next_seq <= run->heads.own_seq)
    next_seq = run->heads.own_seq + 1;

  for (;;)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(TandemSyncBatchBuilder) builder = NULL;
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GBytes) sealed = NULL;
      g_autofree char *path = NULL;
      gint64 last = upto;

      changes = tandem_sync_store_local_changes (self->store, upto, BATCH_MAX_CHANGES, &last,
                                                 error);
      if (changes == NULL)
        return FALSE;
      if (changes->len == 0 || last <= upto)
        return TRUE;

      builder = tandem_sync_batch_builder_new ("batch", device_id (self), next_seq);
      for (guint i = 0; i < changes->len; i++)
        tandem_sync_batch_builder_add (builder, g_ptr_array_index (changes, i));
      plain = tandem_sync_batch_builder_end (builder, error);
      if (plain == NULL)
        return FALSE;
      path = batch_path (device_id (self), next_seq);
      sealed = tandem_sync_seal (self->key, path, plain, error);
      if (sealed == NULL
          || !tandem_sync_store_outbox_add (self->store, next_seq, path, sealed, last, error))
        return FALSE;
      /* Counted as sent once uploaded (send_outbox). */
      g_hash_table_insert (run->sealed_counts, g_memdup2 (&next_seq, sizeof next_seq),
                           GUINT_TO_POINTER (changes->len));
      /* outbox_add moved sync_uploaded_upto and sync_next_seq with it. */
      upto = last;
      next_seq++;
    }
}

/* How many changes an uploaded outbox batch held: known when it was sealed
 * in this run; a batch left from an interrupted run is opened to count. */
static guint
count_outbox_changes (Run        *run,
                      guint64     seq,
                      const char *path,
                      GBytes     *sealed)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(TandemSyncBatch) batch = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gpointer count;

  if (g_hash_table_lookup_extended (run->sealed_counts, &seq, NULL, &count))
    return GPOINTER_TO_UINT (count);
  plain = tandem_sync_open (run->self->key, path, sealed, TANDEM_SYNC_BATCH_MAX_PLAIN, NULL);
  if (plain != NULL)
    batch = tandem_sync_batch_decode (plain, "batch", device_id (run->self), seq,
                                      TANDEM_SYNC_BATCH_MAX_PLAIN, NULL);
  if (batch == NULL)
    return 0;
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_change_free);
  if (!tandem_sync_batch_collect (batch, changes, NULL))
    return 0;
  return changes->len;
}

static gboolean
send_outbox (Run      *run,
             guint64  *sent_upto,
             GError  **error)
{
  TandemSyncSession *self = run->self;
  g_autoptr(GPtrArray) seqs = tandem_sync_store_outbox_list (self->store, error);
  g_autofree char *folder = g_strdup_printf ("log/%s/", device_id (self));
  guint64 sent = get_meta_u64 (self->store, "sync_sent_upto", 0);

  *sent_upto = 0;
  if (seqs == NULL)
    return FALSE;
  for (guint i = 0; i < seqs->len; i++)
    {
      guint64 seq = *(guint64 *) g_ptr_array_index (seqs, i);
      g_autofree char *path = NULL;
      g_autoptr(GBytes) sealed = NULL;

      if (seq <= sent)
        continue;
      if (!check_cancelled (run, error))
        return FALSE;
      sealed = tandem_sync_store_outbox_get (self->store, seq, &path, error);
      if (sealed == NULL)
        return FALSE;
      if (!meta_is_set (self->store, "sync_log_dir"))
        {
          if (!tandem_webdav_mkcol (self->webdav, folder, run->cancellable, error)
              || !tandem_sync_store_set_meta (self->store, "sync_log_dir", "1", error))
            return FALSE;
        }
      if (!put_in_folder (run, path, sealed, folder, error))
        return FALSE;
      run->report->batches_sent++;
      run->report->changes_sent += count_outbox_changes (run, seq, path, sealed);
      *sent_upto = MAX (*sent_upto, seq);
    }
  return TRUE;
}

static gboolean
send_head (Run      *run,
           guint64   seq,
           GError  **error)
{
  TandemSyncSession *self = run->self;
  g_autofree char *path = head_path (device_id (self), seq);
  g_autofree char *name = dup_device_name (self);
  g_autofree char *time = now_iso ();
  g_autoptr(GBytes) plain = tandem_sync_head_encode (seq, run->applied, name, time);
  g_autoptr(GBytes) sealed = tandem_sync_seal (self->key, path, plain, error);
  g_autofree char *base = g_path_get_basename (path);

  if (sealed == NULL || !check_cancelled (run, error)
      || !put_in_folder (run, path, sealed, "heads/", error))
    return FALSE;
  for (guint i = 0; i < run->heads.own->len; i++)
    {
      const char *old = g_ptr_array_index (run->heads.own, i);
      g_autofree char *old_path = NULL;

      if (g_str_equal (old, base))
        continue;
      old_path = g_strdup_printf ("heads/%s", old);
      if (!tandem_webdav_delete (self->webdav, old_path, run->cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
handle_removed (Run     *run,
                GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!tandem_sync_store_forget (run->self->store, &local_error))
    g_warning ("Could not forget the sync settings: %s", local_error->message);
  g_clear_pointer (&run->self->key, tandem_sync_key_unref);
  g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_REMOVED,
                       _("This laptop was removed from the sync space by another laptop. "
                         "Its records stay here, but they no longer sync. Turn sync on "
                         "again to rejoin."));
  return FALSE;
}

/* Whether there is anything to do beyond the listing of heads. */
static gboolean
has_work (Run      *run,
          gboolean  need_join,
          GError  **error)
{
  TandemSyncSession *self = run->self;
  g_autoptr(GPtrArray) devices = devices_to_fetch (run);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(GPtrArray) to_send = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  gint64 last = 0;

  if (devices->len > 0 || need_join || !run->heads.has_own || run->heads.repair_asked
      || meta_is_set (self->store, "sync_created"))
    return TRUE;
  outbox = tandem_sync_store_outbox_list (self->store, error);
  if (outbox == NULL)
    return TRUE;
  /* Sorted: the last is the newest. */
  if (outbox->len > 0
      && *(guint64 *) g_ptr_array_index (outbox, outbox->len - 1)
         > get_meta_u64 (self->store, "sync_sent_upto", 0))
    return TRUE;
  local = tandem_sync_store_local_changes (self->store,
                                           (gint64) get_meta_u64 (self->store,
                                                                  "sync_uploaded_upto", 0),
                                           1, &last, error);
  if (local == NULL || local->len > 0)
    return TRUE;
  to_send = tandem_sync_store_blobs_to_send (self->store, error);
  if (to_send == NULL || to_send->len > 0)
    return TRUE;
  missing = tandem_sync_store_missing_blobs (self->store, error);
  return missing == NULL || missing->len > 0;
}

/* Another laptop could not read one of this laptop's batches (lost or
 * damaged on the server): its head heads/<this>.repair names the first.
 * They are sent again, byte for byte, from the outbox, and the request is
 * removed. A request that does not open with the space's key is ignored
 * (and removed): it is not from a laptop of the space. */
static gboolean
answer_repair (Run     *run,
               GError **error)
{
  TandemSyncSession *self = run->self;
  g_autofree char *path = g_strdup_printf ("heads/%s.repair", device_id (self));
  g_autofree char *folder = g_strdup_printf ("log/%s/", device_id (self));
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GPtrArray) seqs = NULL;
  g_autofree char *by = NULL;
  guint64 from = 0;
  guint64 sent = get_meta_u64 (self->store, "sync_sent_upto", 0);
  gboolean resent_all = TRUE;
  g_autoptr(GError) local_error = NULL;

  sealed = tandem_webdav_get (self->webdav, path, HEAD_MAX_SIZE, run->cancellable, &local_error);
  if (sealed == NULL)
    {
      if (g_error_matches (local_error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  plain = tandem_sync_open (self->key, path, sealed, HEAD_MAX_SIZE, NULL);
  if (plain != NULL && tandem_sync_repair_decode (plain, &from, &by, NULL) && from > 0)
    {
      seqs = tandem_sync_store_outbox_list (self->store, error);
      if (seqs == NULL)
        return FALSE;
      if (seqs->len == 0 || *(guint64 *) g_ptr_array_index (seqs, 0) > from)
        resent_all = FALSE;
      for (guint i = 0; i < seqs->len; i++)
        {
          guint64 seq = *(guint64 *) g_ptr_array_index (seqs, i);
          g_autofree char *batch = NULL;
          g_autoptr(GBytes) bytes = NULL;

          if (seq < from || seq > sent)
            continue;
          bytes = tandem_sync_store_outbox_get (self->store, seq, &batch, error);
          if (bytes == NULL || !check_cancelled (run, error)
              || !put_in_folder (run, batch, bytes, folder, error))
            return FALSE;
          run->report->batches_sent++;
        }
      if (!resent_all)
        add_problem (run, _("Another laptop asked again for changes that this laptop no "
                            "longer keeps. Restore the server’s files from a backup if you "
                            "can."));
    }
  return tandem_webdav_delete (self->webdav, path, run->cancellable, error);
}

static gboolean
run_steps (Run     *run,
           GError **error)
{
  TandemSyncSession *self = run->self;
  TandemSyncApplyCounts counts = { 0 };
  gboolean created = meta_is_set (self->store, "sync_created");
  gboolean need_join;
  gboolean can_receive = TRUE;
  guint64 sent_upto = 0;
  g_autoptr(GError) local_error = NULL;

  if (!tandem_sync_store_release_quarantine (self->store, &counts, error))
    return FALSE;
  /* Released changes count as received; those still held are not new. */
  counts.quarantined = 0;
  add_counts (run, &counts);

  if (!list_heads (self, &run->heads, run->cancellable, error))
    return FALSE;
  if (run->heads.bad_names > 0)
    {
      /* Translators: %s is a file name on the server */
      g_autofree char *problem = g_strdup_printf (_("The server holds a file “%s” that is not "
                                                    "from Tandem; it was ignored."),
                                                  run->heads.first_bad_name);
      add_problem (run, problem);
    }
  if (g_hash_table_contains (run->heads.removed, device_id (self)))
    return handle_removed (run, error);

  run->applied = tandem_sync_store_get_applied (self->store, error);
  if (run->applied == NULL)
    return FALSE;

  /* A laptop that has applied nothing and did not create the space joins
   * from the snapshot, once another laptop is there to have made one. */
  need_join = !created && g_hash_table_size (run->applied) == 0
              && !meta_is_set (self->store, "sync_joined");
  if (need_join)
    {
      GHashTableIter iter;
      gpointer key;
      gboolean others = FALSE;

      g_hash_table_iter_init (&iter, run->heads.seqs);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_str_equal (key, device_id (self))
            && !g_hash_table_contains (run->heads.removed, key))
          others = TRUE;
      need_join = others;
    }

  if (!has_work (run, need_join, &local_error))
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (need_join && !join_from_snapshot (run, &can_receive, error))
    return FALSE;
  if (can_receive && !receive (run, error))
    return FALSE;

  if (!send_blobs (run, error))
    return FALSE;
  if (created && !send_snapshot (run, error))
    return FALSE;
  if (run->heads.repair_asked && !answer_repair (run, error))
    return FALSE;
  if (!fill_outbox (run, error) || !send_outbox (run, &sent_upto, error))
    return FALSE;
  if (sent_upto > 0 || !run->heads.has_own)
    {
      guint64 head_seq = get_meta_u64 (self->store, "sync_next_seq", 1) - 1;

      if (run->heads.has_own)
        head_seq = MAX (head_seq, run->heads.own_seq);
      if (!send_head (run, head_seq, error))
        return FALSE;
      /* Only now are the batches known to be reachable from the head. They
       * stay in the outbox a while, sent, so that a batch the server loses
       * or damages can be sent again when another laptop asks. */
      if (sent_upto > 0
          && (!set_meta_u64 (self->store, "sync_sent_upto", sent_upto, error)
              || (sent_upto > OUTBOX_KEEP_SENT
                  && !tandem_sync_store_outbox_remove (self->store,
                                                       sent_upto - OUTBOX_KEEP_SENT,
                                                       error))))
        return FALSE;
    }

  return receive_blobs (run, error);
}

/**
 * tandem_sync_session_run:
 * @self: an unlocked session
 * @report: where to say what was done (counters are added to)
 * @cancellable: (nullable): a #GCancellable, honoured between requests
 * @error: return location for a #GError
 *
 * Syncs once: receives what other laptops sent, sends what this one has, in
 * the order described at the top of tandem-sync.h. Work done before a
 * failure is kept (received changes are committed, sealed batches stay in
 * the outbox), so the next run continues where this one stopped.
 *
 * Returns: %TRUE if the sync completed; damaged or missing files do not fail
 *   it but are listed in @report's problems
 */
gboolean
tandem_sync_session_run (TandemSyncSession  *self,
                         TandemSyncReport   *report,
                         GCancellable       *cancellable,
                         GError            **error)
{
  Run run = { 0 };
  guint64 requests, sent, received;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!require_key (self, error) || !check_space (self, self->key, error)
      || !remember_space (self, error))
    return FALSE;

  requests = tandem_webdav_get_request_count (self->webdav);
  sent = tandem_webdav_get_bytes_sent (self->webdav);
  received = tandem_webdav_get_bytes_received (self->webdav);

  run.self = self;
  run.report = report;
  run.cancellable = cancellable;
  run.sealed_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ok = run_steps (&run, error);

  report->requests += tandem_webdav_get_request_count (self->webdav) - requests;
  report->bytes_sent += tandem_webdav_get_bytes_sent (self->webdav) - sent;
  report->bytes_received += tandem_webdav_get_bytes_received (self->webdav) - received;
  heads_clear (&run.heads);
  g_clear_pointer (&run.applied, g_hash_table_unref);
  g_clear_pointer (&run.sealed_counts, g_hash_table_unref);
  return ok;
}

/* Devices */

/**
 * tandem_sync_session_list_devices:
 * @self: an unlocked session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The laptops in the space, from their heads (one listing and one download
 * per laptop). Removed laptops are left out. This laptop is always listed.
 *
 * Returns: (transfer full) (element-type TandemSyncDevice): the laptops
 */
GPtrArray *
tandem_sync_session_list_devices (TandemSyncSession  *self,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_sync_device_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  Heads heads = { 0 };
  GHashTableIter iter;
  gpointer key;
  gboolean self_listed = FALSE;

  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), NULL);

  if (!require_key (self, error))
    return NULL;
  if (!list_heads (self, &heads, cancellable, error))
    {
      heads_clear (&heads);
      return NULL;
    }
  g_hash_table_iter_init (&iter, heads.seqs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, strcmp_cb);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      TandemSyncDevice *device;

      if (g_hash_table_contains (heads.removed, id))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          heads_clear (&heads);
          return NULL;
        }
      device = g_new0 (TandemSyncDevice, 1);
      device->id = g_strdup (id);
      device->seq = *(guint64 *) g_hash_table_lookup (heads.seqs, id);
      device->name = fetch_head_name (self, id, device->seq, cancellable, &device->synced_at);
      if (device->name == NULL)
        device->name = g_strndup (id, 8);
      device->is_self = g_str_equal (id, device_id (self));
      self_listed |= device->is_self;
      g_ptr_array_add (devices, device);
    }
  heads_clear (&heads);
  if (!self_listed)
    {
      TandemSyncDevice *device = g_new0 (TandemSyncDevice, 1);

      device->id = g_strdup (device_id (self));
      device->name = dup_device_name (self);
      device->seq = get_meta_u64 (self->store, "sync_next_seq", 1) - 1;
      device->is_self = TRUE;
      g_ptr_array_add (devices, device);
    }
  return g_steal_pointer (&devices);
}

/**
 * tandem_sync_session_remove_device:
 * @self: an unlocked session
 * @device_id: the id of another laptop in the space
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes a laptop from the space: a `.removed` head tells every laptop to
 * ignore it from now on, and that laptop to stop at its next sync. To stop
 * this laptop syncing, turn sync off instead (tandem_sync_store_forget()).
 *
 * Returns: %TRUE once it is removed
 */
gboolean
tandem_sync_session_remove_device (TandemSyncSession  *self,
                                   const char         *device,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (TANDEM_IS_SYNC_SESSION (self), FALSE);
  g_return_val_if_fail (device != NULL, FALSE);

  if (!require_key (self, error))
    return FALSE;
  if (g_str_equal (device, device_id (self)))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID,
                           _("This is the laptop you are using. To stop it syncing, use "
                             "Turn Off Sync instead."));
      return FALSE;
    }
  if (!g_uuid_string_is_valid (device))
    {
      g_set_error_literal (error, TANDEM_SYNC_ERROR, TANDEM_SYNC_ERROR_INVALID,
                           _("There is no such laptop in the sync space."));
      return FALSE;
    }

  path = g_strdup_printf ("heads/%s.removed", device);
  name = dup_device_name (self);
  time = now_iso ();
  plain = tandem_sync_removed_encode (name, time);
  sealed = tandem_sync_seal (self->key, path, plain, error);
  if (sealed == NULL || !tandem_webdav_put (self->webdav, path, sealed, cancellable, error))
    return FALSE;

  entries = tandem_webdav_list (self->webdav, "heads/", cancellable, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      TandemWebdavEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *id = NULL;
      g_autofree char *old = NULL;
      guint64 seq;
      gboolean removed;

      if (entry->is_collection || !parse_head_name (entry->name, &id, &seq, &removed)
          || removed || !g_str_equal (id, device))
        continue;
      old = g_strdup_printf ("heads/%s", entry->name);
      if (!tandem_webdav_delete (self->webdav, old, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
