/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "tandem-sync-secrets.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "org.gnome.Tandem.Sync", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "space", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* What this run of Tandem knows, keyring or not: a lookup needs no D-Bus
 * round trip, and without a keyring this is the only place secrets live. */
static GMutex memory_lock;
static GHashTable *memory_passwords;  /* "server\nuser" → password */
static GHashTable *memory_keys;       /* space → TandemSyncKey */
/* Set after the keyring failed once, so that a session without one does not
 * wait on D-Bus at every sync. */
static gboolean keyring_unavailable;

static void
ensure_memory (void)
{
  if (memory_passwords == NULL)
    {
      memory_passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      memory_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) tandem_sync_key_unref);
    }
}

static gboolean
keyring_usable (void)
{
  gboolean usable;

  g_mutex_lock (&memory_lock);
  usable = !keyring_unavailable;
  g_mutex_unlock (&memory_lock);
  return usable;
}

static void
keyring_failed (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("The keyring cannot be used, keeping sync secrets in memory: %s", error->message);
  g_mutex_lock (&memory_lock);
  keyring_unavailable = TRUE;
  g_mutex_unlock (&memory_lock);
}

/**
 * tandem_sync_secrets_store_password:
 * @server: the server's address
 * @user: the user name on it
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 *
 * Keeps @password for @user on @server, in the keyring when there is one and
 * in memory in any case.
 *
 * Returns: whether it reached the keyring; %FALSE means it lasts until Tandem
 *   quits
 */
gboolean
tandem_sync_secrets_store_password (const char   *server,
                                    const char   *user,
                                    const char   *password,
                                    GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL && user != NULL && password != NULL, FALSE);

  g_mutex_lock (&memory_lock);
  ensure_memory ();
  g_hash_table_replace (memory_passwords, g_strdup_printf ("%s\n%s", server, user),
                        g_strdup (password));
  g_mutex_unlock (&memory_lock);

  if (!keyring_usable ())
    return FALSE;

  /* Translators: the name of the password in the keyring; %s is the server's
   * address. */
  label = g_strdup_printf (_("Tandem sync password for %s"), server);
  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &error, "server", server, "user", user, NULL))
    {
      keyring_failed (error);
      return FALSE;
    }

  return TRUE;
}

/**
 * tandem_sync_secrets_lookup_password:
 * @server: the server's address
 * @user: the user name on it
 * @cancellable: (nullable): a #GCancellable
 *
 * Returns: (transfer full) (nullable): the password kept for @user on
 *   @server, or %NULL when none is known
 */
char *
tandem_sync_secrets_lookup_password (const char   *server,
                                     const char   *user,
                                     GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  char *found = NULL;
  char *secret;

  g_return_val_if_fail (server != NULL && user != NULL, NULL);

  key = g_strdup_printf ("%s\n%s", server, user);
  g_mutex_lock (&memory_lock);
  ensure_memory ();
  found = g_strdup (g_hash_table_lookup (memory_passwords, key));
  g_mutex_unlock (&memory_lock);
  if (found != NULL || !keyring_usable ())
    return found;

  secret = secret_password_lookup_sync (get_schema (), cancellable, &error,
                                        "server", server, "user", user, NULL);
  if (secret == NULL)
    {
      if (error != NULL)
        keyring_failed (error);
      return NULL;
    }

  found = g_strdup (secret);
  secret_password_free (secret);

  g_mutex_lock (&memory_lock);
  g_hash_table_replace (memory_passwords, g_steal_pointer (&key), g_strdup (found));
  g_mutex_unlock (&memory_lock);

  return found;
}

/**
 * tandem_sync_secrets_store_key:
 * @space: the space's id
 * @key: its unlocked data key
 * @cancellable: (nullable): a #GCancellable
 *
 * Keeps @key, so that the passphrase is not needed again on this laptop.
 *
 * Returns: whether it reached the keyring; %FALSE means it lasts until Tandem
 *   quits
 */
gboolean
tandem_sync_secrets_store_key (const char    *space,
                               TandemSyncKey *key,
                               GCancellable  *cancellable)
{
  g_autoptr(GError) error = NULL;
  char *secret;
  gboolean ok;

  g_return_val_if_fail (space != NULL && key != NULL, FALSE);

  g_mutex_lock (&memory_lock);
  ensure_memory ();
  g_hash_table_replace (memory_keys, g_strdup (space), tandem_sync_key_ref (key));
  g_mutex_unlock (&memory_lock);

  if (!keyring_usable ())
    return FALSE;

  secret = tandem_sync_key_dup_secret (key);
  if (secret == NULL)
    return FALSE;

  ok = secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT,
                                   _("Tandem sync data key"), secret,
                                   cancellable, &error, "space", space, NULL);
  tandem_sync_secret_free (secret);
  if (!ok)
    keyring_failed (error);

  return ok;
}

/**
 * tandem_sync_secrets_lookup_key:
 * @space: the space's id
 * @cancellable: (nullable): a #GCancellable
 *
 * Returns: (transfer full) (nullable): the data key kept for @space, or %NULL
 *   when none is known
 */
TandemSyncKey *
tandem_sync_secrets_lookup_key (const char   *space,
                                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  TandemSyncKey *key = NULL;
  char *secret;

  g_return_val_if_fail (space != NULL, NULL);

  g_mutex_lock (&memory_lock);
  ensure_memory ();
  key = g_hash_table_lookup (memory_keys, space);
  if (key != NULL)
    tandem_sync_key_ref (key);
  g_mutex_unlock (&memory_lock);
  if (key != NULL || !keyring_usable ())
    return key;

  secret = secret_password_lookup_sync (get_schema (), cancellable, &error,
                                        "space", space, NULL);
  if (secret == NULL)
    {
      if (error != NULL)
        keyring_failed (error);
      return NULL;
    }

  key = tandem_sync_key_new_from_secret (secret, &error);
  secret_password_free (secret);
  if (key == NULL)
    {
      /* A damaged item is as good as none: the passphrase unlocks again. */
      g_debug ("The kept sync key cannot be used: %s", error->message);
      return NULL;
    }

  g_mutex_lock (&memory_lock);
  g_hash_table_replace (memory_keys, g_strdup (space), tandem_sync_key_ref (key));
  g_mutex_unlock (&memory_lock);

  return key;
}

/**
 * tandem_sync_secrets_clear:
 * @server: (nullable): the server's address
 * @user: (nullable): the user name on it
 * @space: (nullable): the space's id
 * @cancellable: (nullable): a #GCancellable
 *
 * Forgets the password of @user on @server and the key of @space, in memory
 * and in the keyring: sync was turned off.
 */
void
tandem_sync_secrets_clear (const char   *server,
                           const char   *user,
                           const char   *space,
                           GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&memory_lock);
  ensure_memory ();
  if (server != NULL && user != NULL)
    {
      g_autofree char *key = g_strdup_printf ("%s\n%s", server, user);

      g_hash_table_remove (memory_passwords, key);
    }
  if (space != NULL)
    g_hash_table_remove (memory_keys, space);
  g_mutex_unlock (&memory_lock);

  if (!keyring_usable ())
    return;

  if (server != NULL && user != NULL &&
      !secret_password_clear_sync (get_schema (), cancellable, &error,
                                   "server", server, "user", user, NULL) &&
      error != NULL)
    {
      keyring_failed (error);
      return;
    }

  if (space != NULL &&
      !secret_password_clear_sync (get_schema (), cancellable, &error, "space", space, NULL) &&
      error != NULL)
    keyring_failed (error);
}
