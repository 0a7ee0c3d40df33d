/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A small, strict WebDAV client for sync (see DESIGN.md, "Sync protocol").
 *
 * Every call is synchronous and meant for a worker thread; one TandemWebdav
 * must be used from one thread at a time (it keeps one connection open).
 *
 * Paths are relative to the base URL, '/'-separated and not escaped; the
 * client escapes each segment. A trailing '/' names a collection (needed by
 * some servers for DELETE and MKCOL of folders). Segments "." and "..", and
 * control characters, are refused with %TANDEM_WEBDAV_ERROR_HOSTILE.
 *
 * Policy, which callers can rely on:
 * - TLS certificates and host names are always verified (a CA file may be
 *   given for a private CA); only http and https are spoken.
 * - Redirects are never followed, for any method: a 3xx answer is an error.
 * - Basic authentication is sent with every request, so a request is one
 *   round trip (see tandem_webdav_get_request_count()).
 * - 429 and 503 are retried honouring Retry-After (seconds or an HTTP date)
 *   within a total waiting budget; 423 and 500/502/504 and dropped
 *   connections are retried a few times with back-off; 507 is never retried.
 * - Listings and downloads are capped; anything bigger, malformed, or naming
 *   something outside the requested collection is refused as hostile.
 */

#define TANDEM_WEBDAV_ERROR (tandem_webdav_error_quark ())

/**
 * TandemWebdavError:
 * @TANDEM_WEBDAV_ERROR_AUTH: the user name or password was refused (401, 403)
 * @TANDEM_WEBDAV_ERROR_NOT_FOUND: no such file or folder (404, or 409 for a
 *   missing parent folder)
 * @TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE: the server is full (507); stop
 *   uploading and tell the user
 * @TANDEM_WEBDAV_ERROR_LOCKED: still locked (423) after a few retries
 * @TANDEM_WEBDAV_ERROR_RATE_LIMITED: still told to slow down (429) after
 *   waiting as long as allowed
 * @TANDEM_WEBDAV_ERROR_SERVER: any other server failure, including a refused
 *   redirect and 5xx answers that persisted through retries
 * @TANDEM_WEBDAV_ERROR_NETWORK: the server could not be reached, the
 *   connection dropped (after retries), or TLS verification failed
 * @TANDEM_WEBDAV_ERROR_HOSTILE: refused: an oversized listing or file, a path
 *   outside the space, or a malformed listing
 * @TANDEM_WEBDAV_ERROR_CANCELLED: the #GCancellable was triggered
 *
 * Error codes of the WebDAV client. Messages are translated and written for
 * the person using the application.
 */
typedef enum {
  TANDEM_WEBDAV_ERROR_AUTH,
  TANDEM_WEBDAV_ERROR_NOT_FOUND,
  TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE,
  TANDEM_WEBDAV_ERROR_LOCKED,
  TANDEM_WEBDAV_ERROR_RATE_LIMITED,
  TANDEM_WEBDAV_ERROR_SERVER,
  TANDEM_WEBDAV_ERROR_NETWORK,
  TANDEM_WEBDAV_ERROR_HOSTILE,
  TANDEM_WEBDAV_ERROR_CANCELLED,
} TandemWebdavError;

GQuark tandem_webdav_error_quark (void);

/**
 * TandemWebdavEntry:
 * @name: the member's name (one decoded path segment, valid UTF-8)
 * @size: its getcontentlength in bytes (0 for collections or when absent)
 * @is_collection: whether it is a collection (folder)
 *
 * One member of a listed collection.
 */
typedef struct {
  char *name;
  guint64 size;
  gboolean is_collection;
} TandemWebdavEntry;

void tandem_webdav_entry_free (TandemWebdavEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemWebdavEntry, tandem_webdav_entry_free)

/* Defaults of the limits; see tandem_webdav_set_limits(). */
#define TANDEM_WEBDAV_DEFAULT_MAX_ENTRIES 100000
#define TANDEM_WEBDAV_DEFAULT_MAX_LISTING_BYTES (16 * 1024 * 1024)
#define TANDEM_WEBDAV_DEFAULT_MAX_RETRY_WAIT_MS (60 * 1000)
#define TANDEM_WEBDAV_DEFAULT_BACKOFF_MS 1000

#define TANDEM_TYPE_WEBDAV (tandem_webdav_get_type ())
G_DECLARE_FINAL_TYPE (TandemWebdav, tandem_webdav, TANDEM, WEBDAV, GObject)

TandemWebdav *tandem_webdav_new (const char  *base_url,
                                 const char  *user,
                                 const char  *password,
                                 const char  *ca_file,
                                 GError     **error);

gboolean tandem_webdav_uri_is_private (GUri *uri);

void tandem_webdav_set_limits (TandemWebdav *self,
                               guint         max_entries,
                               gsize         max_listing_bytes);
void tandem_webdav_set_retry_policy (TandemWebdav *self,
                                     guint         max_retry_wait_ms,
                                     guint         backoff_ms);

guint64 tandem_webdav_get_request_count (TandemWebdav *self);
guint64 tandem_webdav_get_bytes_sent (TandemWebdav *self);
guint64 tandem_webdav_get_bytes_received (TandemWebdav *self);
void tandem_webdav_reset_request_count (TandemWebdav *self);

GPtrArray *tandem_webdav_list (TandemWebdav  *self,
                               const char    *path,
                               GCancellable  *cancellable,
                               GError       **error);
GBytes *tandem_webdav_get (TandemWebdav  *self,
                           const char    *path,
                           gsize          max_size,
                           GCancellable  *cancellable,
                           GError       **error);
gboolean tandem_webdav_put (TandemWebdav  *self,
                            const char    *path,
                            GBytes        *data,
                            GCancellable  *cancellable,
                            GError       **error);
gboolean tandem_webdav_delete (TandemWebdav  *self,
                               const char    *path,
                               GCancellable  *cancellable,
                               GError       **error);
gboolean tandem_webdav_mkcol (TandemWebdav  *self,
                              const char    *path,
                              GCancellable  *cancellable,
                              GError       **error);

G_END_DECLS
