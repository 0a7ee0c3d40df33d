/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tandem-webdav.h"

/* Retries of 423, 500/502/504 and dropped connections. */
#define MAX_RETRIES 3
/* Retries of 429/503, which usually clear once the server's window passes. */
#define MAX_THROTTLE_RETRIES 8
/* Bodies we do not keep (error pages, PUT answers) are still read, so the
 * connection can be reused; past this a server is just streaming at us. */
#define MAX_DISCARDED_BODY (1024 * 1024)
#define MAX_BACKOFF_MS (30 * 1000)

G_DEFINE_QUARK (tandem-webdav-error-quark, tandem_webdav_error)

struct _TandemWebdav
{
  GObject parent_instance;

  char *base_url;         /* escaped, always ends with '/' */
  GUri *base_uri;
  GPtrArray *base_segments; /* decoded segments of the base path */
  char *user;
  char *password;
  char *ca_file;
  CURL *curl;

  guint max_entries;
  gsize max_listing_bytes;
  guint max_retry_wait_ms;
  guint backoff_ms;

  guint64 requests;
  guint64 bytes_sent;
  guint64 bytes_received;
};

G_DEFINE_FINAL_TYPE (TandemWebdav, tandem_webdav, G_TYPE_OBJECT)

typedef struct
{
  const char *method;
  const char *url;
  const char *path;       /* as the caller gave it, for messages */
  const char *depth;
  GBytes *body;
  const char *content_type;
  gboolean keep_body;
  gsize max_body;
  GCancellable *cancellable;

  /* Per attempt */
  gsize upload_offset;
  GByteArray *response;
  gsize discarded;
  gboolean too_big;
  gint64 retry_after_ms;  /* -1 when the answer had none */
  long status;
} Request;

/**
 * tandem_webdav_entry_free:
 * @entry: (nullable): an entry
 *
 * Frees an entry returned by tandem_webdav_list().
 */
void
tandem_webdav_entry_free (TandemWebdavEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry);
}

static void
tandem_webdav_finalize (GObject *object)
{
  TandemWebdav *self = TANDEM_WEBDAV (object);

  if (self->curl != NULL)
    curl_easy_cleanup (self->curl);
  g_free (self->base_url);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_segments, g_ptr_array_unref);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->ca_file);

  G_OBJECT_CLASS (tandem_webdav_parent_class)->finalize (object);
}

static void
tandem_webdav_class_init (TandemWebdavClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_webdav_finalize;
}

static void
tandem_webdav_init (TandemWebdav *self)
{
  self->max_entries = TANDEM_WEBDAV_DEFAULT_MAX_ENTRIES;
  self->max_listing_bytes = TANDEM_WEBDAV_DEFAULT_MAX_LISTING_BYTES;
  self->max_retry_wait_ms = TANDEM_WEBDAV_DEFAULT_MAX_RETRY_WAIT_MS;
  self->backoff_ms = TANDEM_WEBDAV_DEFAULT_BACKOFF_MS;
}

static gpointer
global_init_once (gpointer data)
{
  /* Neither is thread-safe on first use, so both happen exactly once. */
  curl_global_init (CURL_GLOBAL_DEFAULT);
  xmlInitParser ();
  return NULL;
}

static void
set_hostile_path (GError     **error,
                  const char  *path)
{
  g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE,
               /* Translators: %s is a path on the sync server */
               _("“%s” is not a valid place on the sync server."), path);
}

static gboolean
segment_is_acceptable (const char *segment)
{
  if (*segment == '\0' || g_str_equal (segment, ".") || g_str_equal (segment, ".."))
    return FALSE;
  if (!g_utf8_validate (segment, -1, NULL))
    return FALSE;
  for (const char *p = segment; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
      return FALSE;
  return TRUE;
}

/* Splits an escaped URL path into decoded segments, ignoring empty ones. NULL
 * when a segment decodes to something that cannot be a name. */
static GPtrArray *
decode_segments (const char *escaped_path)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (escaped_path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *segment = NULL;

      if (parts[i][0] == '\0')
        continue;
      /* NULL for an escaped '/' or NUL */
      segment = g_uri_unescape_string (parts[i], "/");
      if (segment == NULL || !segment_is_acceptable (segment))
        return NULL;
      g_ptr_array_add (segments, g_steal_pointer (&segment));
    }
  return g_steal_pointer (&segments);
}

/**
 * tandem_webdav_uri_is_private:
 * @uri: a server address
 *
 * Whether the password and the sealed files stay private on the way to
 * @uri: https, or plain http to a server on this very computer (tests, a
 * local proxy). The command line and the setup dialog refuse anything else,
 * each with its own words.
 *
 * Returns: %TRUE for https, or http to localhost, 127.0.0.1 or ::1
 */
gboolean
tandem_webdav_uri_is_private (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  /* GUri gives an IPv6 host without its brackets. */
  return g_ascii_strcasecmp (scheme, "http") == 0 && host != NULL &&
         (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "127.0.0.1") ||
          g_str_equal (host, "::1"));
}

/**
 * tandem_webdav_new:
 * @base_url: the http or https URL of the folder that holds the sync space
 * @user: the user name
 * @password: the password
 * @ca_file: (nullable): a PEM file of CA certificates to trust instead of the
 *   system's, for a server with a private CA
 * @error: return location for a #GError
 *
 * Creates a client for the WebDAV folder at @base_url. Nothing is sent yet.
 *
 * Returns: (transfer full): the client, or %NULL when @base_url is not a
 *   usable http or https URL (%TANDEM_WEBDAV_ERROR_HOSTILE)
 */
TandemWebdav *
tandem_webdav_new (const char  *base_url,
                   const char  *user,
                   const char  *password,
                   const char  *ca_file,
                   GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(TandemWebdav) self = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *path;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  g_once (&once, global_init_once, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL
      || !(g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_userinfo (uri) != NULL
      || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE,
                   /* Translators: %s is what the user typed as the server address */
                   _("“%s” is not a server address Tandem can use. It must start with https:// (or http://)."),
                   base_url);
      return NULL;
    }

  self = g_object_new (TANDEM_TYPE_WEBDAV, NULL);
  path = g_uri_get_path (uri);
  self->base_segments = decode_segments (path);
  if (self->base_segments == NULL)
    {
      set_hostile_path (error, path);
      return NULL;
    }
  self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url)
                                                      : g_strconcat (base_url, "/", NULL);
  self->base_uri = g_steal_pointer (&uri);
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  self->ca_file = g_strdup (ca_file);
  self->curl = curl_easy_init ();
  if (self->curl == NULL)
    g_error ("curl_easy_init failed: out of memory");

  return g_steal_pointer (&self);
}

/**
 * tandem_webdav_set_limits:
 * @self: a client
 * @max_entries: the most members a listed collection may have
 * @max_listing_bytes: the largest PROPFIND answer accepted
 *
 * Sets the caps beyond which a listing is refused as hostile. The defaults are
 * %TANDEM_WEBDAV_DEFAULT_MAX_ENTRIES and
 * %TANDEM_WEBDAV_DEFAULT_MAX_LISTING_BYTES.
 */
void
tandem_webdav_set_limits (TandemWebdav *self,
                          guint         max_entries,
                          gsize         max_listing_bytes)
{
  g_return_if_fail (TANDEM_IS_WEBDAV (self));

  self->max_entries = max_entries;
  self->max_listing_bytes = max_listing_bytes;
}

/**
 * tandem_webdav_set_retry_policy:
 * @self: a client
 * @max_retry_wait_ms: the most time one call may spend waiting between retries
 * @backoff_ms: the first back-off when the server gave no Retry-After; it
 *   doubles on each retry
 *
 * Tunes the waiting between retries (the tests use short waits). The defaults
 * are %TANDEM_WEBDAV_DEFAULT_MAX_RETRY_WAIT_MS and
 * %TANDEM_WEBDAV_DEFAULT_BACKOFF_MS. A Retry-After longer than what is left
 * of the budget ends the call at once with an error.
 */
void
tandem_webdav_set_retry_policy (TandemWebdav *self,
                                guint         max_retry_wait_ms,
                                guint         backoff_ms)
{
  g_return_if_fail (TANDEM_IS_WEBDAV (self));

  self->max_retry_wait_ms = max_retry_wait_ms;
  self->backoff_ms = backoff_ms;
}

/**
 * tandem_webdav_get_request_count:
 * @self: a client
 *
 * Returns: how many HTTP requests this client has sent, retries included
 */
guint64
tandem_webdav_get_request_count (TandemWebdav *self)
{
  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), 0);

  return self->requests;
}

/**
 * tandem_webdav_get_bytes_sent:
 * @self: a client
 *
 * Returns: how many body bytes this client has uploaded (PUT bodies and
 *   PROPFIND queries), retries included
 */
guint64
tandem_webdav_get_bytes_sent (TandemWebdav *self)
{
  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), 0);

  return self->bytes_sent;
}

/**
 * tandem_webdav_get_bytes_received:
 * @self: a client
 *
 * Returns: how many body bytes this client has downloaded (files, listings
 *   and error pages), retries included
 */
guint64
tandem_webdav_get_bytes_received (TandemWebdav *self)
{
  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), 0);

  return self->bytes_received;
}

/**
 * tandem_webdav_reset_request_count:
 * @self: a client
 *
 * Sets the request counter and the byte counters back to zero.
 */
void
tandem_webdav_reset_request_count (TandemWebdav *self)
{
  g_return_if_fail (TANDEM_IS_WEBDAV (self));

  self->requests = 0;
  self->bytes_sent = 0;
  self->bytes_received = 0;
}

/* The escaped URL for @path below the base, and its decoded segments (base
 * included) in @segments_out. */
static char *
make_url (TandemWebdav  *self,
          const char    *path,
          gboolean       collection,
          GPtrArray    **segments_out,
          GError       **error)
{
  g_autoptr(GString) url = g_string_new (self->base_url);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  gboolean first = TRUE;

  for (guint i = 0; i < self->base_segments->len; i++)
    g_ptr_array_add (segments, g_strdup (g_ptr_array_index (self->base_segments, i)));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (parts[i][0] == '\0')
        continue;
      if (!segment_is_acceptable (parts[i]))
        {
          set_hostile_path (error, path);
          return NULL;
        }
      escaped = g_uri_escape_string (parts[i], NULL, FALSE);
      if (!first)
        g_string_append_c (url, '/');
      g_string_append (url, escaped);
      g_ptr_array_add (segments, g_strdup (parts[i]));
      first = FALSE;
    }
  if (!first && (collection || g_str_has_suffix (path, "/")))
    g_string_append_c (url, '/');

  if (segments_out != NULL)
    *segments_out = g_steal_pointer (&segments);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Request *req = user_data;
  gsize len = size * nmemb;

  /* req->status is the answer's, from header_cb: error pages are not kept. */
  if (req->keep_body && req->status >= 200 && req->status < 300)
    {
      if (len > req->max_body || req->response->len > req->max_body - len)
        {
          req->too_big = TRUE;
          return 0;
        }
      g_byte_array_append (req->response, (const guint8 *) data, len);
    }
  else
    {
      req->discarded += len;
      if (req->discarded > MAX_DISCARDED_BODY)
        {
          req->too_big = TRUE;
          return 0;
        }
    }
  return len;
}

static gint64
parse_retry_after (const char *value)
{
  guint64 seconds;
  time_t when;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return (gint64) seconds * 1000;

  when = curl_getdate (value, NULL);
  if (when == -1)
    return -1;
  return MAX ((gint64) 0, ((gint64) when - (gint64) time (NULL)) * 1000);
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  nmemb,
           void   *user_data)
{
  Request *req = user_data;
  gsize len = size * nmemb;
  g_autofree char *line = g_strndup (data, len);

  g_strstrip (line);
  if (g_str_has_prefix (line, "HTTP/"))
    {
      /* A new answer (after a 100 Continue, say): forget the previous one's. */
      const char *space = strchr (line, ' ');
      guint64 status = 0;
      g_autofree char *code = NULL;

      req->retry_after_ms = -1;
      if (space != NULL)
        {
          code = g_strndup (space + 1, 3);
          g_ascii_string_to_unsigned (code, 10, 100, 999, &status, NULL);
        }
      req->status = (long) status;
    }
  else if (g_ascii_strncasecmp (line, "Retry-After:", strlen ("Retry-After:")) == 0)
    {
      g_autofree char *value = g_strstrip (g_strdup (line + strlen ("Retry-After:")));

      req->retry_after_ms = parse_retry_after (value);
    }
  return len;
}

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  nitems,
         void   *user_data)
{
  Request *req = user_data;
  gsize total;
  const guint8 *data = g_bytes_get_data (req->body, &total);
  gsize n = MIN (size * nitems, total - req->upload_offset);

  if (n > 0)
    memcpy (buffer, data + req->upload_offset, n);
  req->upload_offset += n;
  return n;
}

static int
seek_cb (void       *user_data,
         curl_off_t  offset,
         int         origin)
{
  Request *req = user_data;

  if (origin != SEEK_SET || offset < 0 || (guint64) offset > g_bytes_get_size (req->body))
    return CURL_SEEKFUNC_CANTSEEK;
  req->upload_offset = (gsize) offset;
  return CURL_SEEKFUNC_OK;
}

static int
xferinfo_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Request *req = user_data;

  return g_cancellable_is_cancelled (req->cancellable) ? 1 : 0;
}

static CURLcode
perform_once (TandemWebdav *self,
              Request      *req)
{
  CURL *curl = self->curl;
  struct curl_slist *headers = NULL;
  g_autofree char *user_agent = g_strdup_printf ("Tandem/%s", PACKAGE_VERSION);
  CURLcode code;

  req->upload_offset = 0;
  g_byte_array_set_size (req->response, 0);
  req->discarded = 0;
  req->too_big = FALSE;
  req->retry_after_ms = -1;
  req->status = 0;

  /* Reset keeps the open connection but clears every option, so nothing from
   * the previous method leaks into this one. */
  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, req->url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, self->ca_file);
  /* Basic only, so the credentials go with the first request: no probing
   * round trip, and a sync with nothing new stays one request. */
  curl_easy_setopt (curl, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
  curl_easy_setopt (curl, CURLOPT_USERNAME, self->user);
  curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, user_agent);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 30L);
  /* A stalled server is a dropped connection, not a hang. */
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, req);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, req);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, req);
  if (req->keep_body)
    curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) req->max_body);

  /* No 100-continue: it costs a round trip or a one-second stall. */
  headers = curl_slist_append (headers, "Expect:");
  if (req->depth != NULL)
    {
      g_autofree char *depth = g_strdup_printf ("Depth: %s", req->depth);
      headers = curl_slist_append (headers, depth);
    }
  if (req->content_type != NULL)
    {
      g_autofree char *type = g_strdup_printf ("Content-Type: %s", req->content_type);
      headers = curl_slist_append (headers, type);
    }
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  if (g_str_equal (req->method, "GET"))
    curl_easy_setopt (curl, CURLOPT_HTTPGET, 1L);
  else if (g_str_equal (req->method, "PUT"))
    {
      curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_cb);
      curl_easy_setopt (curl, CURLOPT_READDATA, req);
      curl_easy_setopt (curl, CURLOPT_SEEKFUNCTION, seek_cb);
      curl_easy_setopt (curl, CURLOPT_SEEKDATA, req);
      curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) g_bytes_get_size (req->body));
    }
  else
    {
      curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, req->method);
      if (req->body != NULL)
        {
          curl_easy_setopt (curl, CURLOPT_POSTFIELDS, g_bytes_get_data (req->body, NULL));
          curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE,
                            (curl_off_t) g_bytes_get_size (req->body));
        }
    }

  code = curl_easy_perform (curl);
  self->requests++;
  curl_slist_free_all (headers);

  /* Counted for every attempt, failed ones included: they cost the same. */
  {
    curl_off_t up = 0, down = 0;

    if (curl_easy_getinfo (curl, CURLINFO_SIZE_UPLOAD_T, &up) == CURLE_OK && up > 0)
      self->bytes_sent += (guint64) up;
    if (curl_easy_getinfo (curl, CURLINFO_SIZE_DOWNLOAD_T, &down) == CURLE_OK && down > 0)
      self->bytes_received += (guint64) down;
  }

  if (code == CURLE_OK)
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &req->status);
  return code;
}

/* Sleeps @ms unless cancelled first. */
static gboolean
wait_ms (guint         ms,
         GCancellable *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  GPollFD fd;
  gboolean have_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fd);

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable) || left <= 0)
        break;
      if (have_fd)
        g_poll (&fd, 1, (int) ((left + 999) / 1000));
      else
        g_usleep ((gulong) MIN (left, (gint64) 100000));
    }
  if (have_fd)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

static void
set_cancelled (GError **error)
{
  g_set_error_literal (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_CANCELLED,
                       _("Syncing was cancelled."));
}

static gboolean
is_transient (CURLcode code)
{
  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_network_error (GError   **error,
                   CURLcode   code)
{
  switch (code)
    {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
      g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK,
                   /* Translators: %s is a technical detail in English */
                   _("The sync server’s security certificate could not be verified (%s)."),
                   curl_easy_strerror (code));
      break;
    default:
      g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NETWORK,
                   /* Translators: %s is a technical detail in English */
                   _("Could not reach the sync server (%s). Check the network connection."),
                   curl_easy_strerror (code));
      break;
    }
}

/* Sends @req, retrying as the policy says. FALSE only when no HTTP answer
 * could be used (network, cancel, oversized); otherwise TRUE with the final
 * status in req->status for the caller to judge. */
static gboolean
run_request (TandemWebdav  *self,
             Request       *req,
             GError       **error)
{
  g_autoptr(GByteArray) response = g_byte_array_new ();
  guint retries = 0;
  guint waited = 0;

  req->response = response;

  for (;;)
    {
      CURLcode code;
      gint64 delay;
      gboolean retry = FALSE;
      guint max_retries = MAX_RETRIES;

      if (g_cancellable_is_cancelled (req->cancellable))
        {
          set_cancelled (error);
          return FALSE;
        }

      code = perform_once (self, req);

      if (code == CURLE_ABORTED_BY_CALLBACK || g_cancellable_is_cancelled (req->cancellable))
        {
          set_cancelled (error);
          return FALSE;
        }
      if (req->too_big || code == CURLE_FILESIZE_EXCEEDED)
        {
          g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE,
                       /* Translators: %s is a path on the sync server */
                       _("The sync server sent more for “%s” than Tandem accepts; it was refused."),
                       req->path);
          return FALSE;
        }

      delay = self->backoff_ms * (gint64) (1 << MIN (retries, 16u));
      delay = MIN (delay, (gint64) MAX_BACKOFF_MS);

      if (code != CURLE_OK)
        {
          if (!is_transient (code))
            {
              set_network_error (error, code);
              return FALSE;
            }
          retry = TRUE;
        }
      else if (req->status == 429 || req->status == 503)
        {
          retry = TRUE;
          max_retries = MAX_THROTTLE_RETRIES;
          if (req->retry_after_ms >= 0)
            delay = req->retry_after_ms;
        }
      else if (req->status == 423 || req->status == 500 || req->status == 502
               || req->status == 504)
        retry = TRUE;

      if (retry && retries < max_retries && waited + delay <= self->max_retry_wait_ms)
        {
          g_debug ("WebDAV %s %s: %s, retrying in %" G_GINT64_FORMAT " ms",
                   req->method, req->path,
                   code != CURLE_OK ? curl_easy_strerror (code) : "HTTP error", delay);
          if (!wait_ms ((guint) delay, req->cancellable))
            {
              set_cancelled (error);
              return FALSE;
            }
          waited += (guint) delay;
          retries++;
          continue;
        }

      if (code != CURLE_OK)
        {
          set_network_error (error, code);
          return FALSE;
        }
      req->response = NULL;
      /* The caller keeps the body through req->response only when it asked. */
      if (req->keep_body)
        req->response = g_steal_pointer (&response);
      return TRUE;
    }
}

static void
set_status_error (GError     **error,
                  long         status,
                  const char  *path)
{
  if (status == 401 || status == 403)
    g_set_error_literal (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_AUTH,
                         _("The sync server refused the user name or password."));
  else if (status == 404 || status == 410)
    g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND,
                 /* Translators: %s is a path on the sync server */
                 _("“%s” was not found on the sync server."), path);
  else if (status == 409)
    g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_NOT_FOUND,
                 /* Translators: %s is a path on the sync server */
                 _("The folder for “%s” does not exist on the sync server."), path);
  else if (status == 423)
    g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_LOCKED,
                 /* Translators: %s is a path on the sync server */
                 _("“%s” is locked on the sync server. Tandem will try again later."), path);
  else if (status == 429)
    g_set_error_literal (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_RATE_LIMITED,
                         _("The sync server asked Tandem to slow down. Tandem will try again later."));
  else if (status == 507)
    g_set_error_literal (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_INSUFFICIENT_STORAGE,
                         _("The sync server is full, so uploading has stopped. Free some space on the server or ask its administrator for more."));
  else if (status >= 300 && status < 400)
    g_set_error_literal (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_SERVER,
                         _("The sync server sent Tandem to another address, which Tandem does not follow. Check the server address."));
  else
    g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_SERVER,
                 /* Translators: %ld is an HTTP status code such as 500 */
                 _("The sync server failed (HTTP status %ld). Tandem will try again later."),
                 status);
}

static void
set_malformed (GError     **error,
               const char  *path)
{
  g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE,
               /* Translators: %s is a path on the sync server */
               _("The sync server’s listing of “%s” is malformed; it was refused."), path);
}

static gboolean
is_dav (xmlNode    *node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL
         && strcmp ((const char *) node->ns->href, "DAV:") == 0
         && strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
dav_child (xmlNode    *node,
           const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_dav (child, name))
      return child;
  return NULL;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strstrip (g_strdup (content != NULL ? (const char *) content : ""));

  xmlFree (content);
  return text;
}

/* Checks @href names @collection itself (NULL in @name_out) or one member
 * (its decoded name); FALSE when it points anywhere else. */
static gboolean
href_member (TandemWebdav  *self,
             const char    *href,
             GPtrArray     *collection,
             char         **name_out)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  const char *path = href;
  guint i;

  *name_out = NULL;
  if (strchr (href, '?') != NULL || strchr (href, '#') != NULL || strchr (href, '\\') != NULL)
    return FALSE;
  if (href[0] != '/')
    {
      const char *host;

      uri = g_uri_parse (href, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
      if (uri == NULL)
        return FALSE;
      host = g_uri_get_host (uri);
      if (g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (self->base_uri)) != 0
          || host == NULL
          || g_ascii_strcasecmp (host, g_uri_get_host (self->base_uri)) != 0
          || g_uri_get_port (uri) != g_uri_get_port (self->base_uri)
          || g_uri_get_userinfo (uri) != NULL)
        return FALSE;
      path = g_uri_get_path (uri);
    }
  else if (href[1] == '/')
    return FALSE; /* "//host/…", another server */

  segments = decode_segments (path);
  if (segments == NULL || segments->len < collection->len || segments->len > collection->len + 1)
    return FALSE;
  for (i = 0; i < collection->len; i++)
    if (strcmp (g_ptr_array_index (segments, i), g_ptr_array_index (collection, i)) != 0)
      return FALSE;
  if (segments->len == collection->len + 1)
    *name_out = g_strdup (g_ptr_array_index (segments, collection->len));
  return TRUE;
}

static GPtrArray *
parse_multistatus (TandemWebdav  *self,
                   GByteArray    *body,
                   GPtrArray     *collection,
                   const char    *path,
                   GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_webdav_entry_free);
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = TRUE;
  guint responses = 0;

  /* No DTDs at all, so no entities to expand or fetch: a listing never
   * needs them. The parse is forced to UTF-8 so this scan sees what the
   * parser sees. */
  if (body->len == 0
      || g_strstr_len ((const char *) body->data, body->len, "<!DOCTYPE") != NULL
      || g_strstr_len ((const char *) body->data, body->len, "<!ENTITY") != NULL
      || memchr (body->data, '\0', body->len) != NULL)
    {
      set_malformed (error, path);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("xmlNewParserCtxt failed: out of memory");
  doc = xmlCtxtReadMemory (ctxt, (const char *) body->data, (int) body->len, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                           | XML_PARSE_NOCDATA);
  xmlFreeParserCtxt (ctxt);

  if (doc == NULL || xmlGetIntSubset (doc) != NULL
      || (root = xmlDocGetRootElement (doc)) == NULL || !is_dav (root, "multistatus"))
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      set_malformed (error, path);
      return NULL;
    }

  for (xmlNode *response = root->children; ok && response != NULL; response = response->next)
    {
      xmlNode *href_node;
      g_autofree char *href = NULL;
      g_autofree char *name = NULL;
      TandemWebdavEntry *entry;

      if (!is_dav (response, "response"))
        continue;
      if (++responses > self->max_entries + 1)
        {
          g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE,
                       /* Translators: %s is a path on the sync server */
                       _("The sync server listed more in “%s” than Tandem accepts; it was refused."),
                       path);
          ok = FALSE;
          break;
        }

      href_node = dav_child (response, "href");
      if (href_node == NULL)
        {
          set_malformed (error, path);
          ok = FALSE;
          break;
        }
      href = node_text (href_node);
      if (!href_member (self, href, collection, &name))
        {
          g_set_error (error, TANDEM_WEBDAV_ERROR, TANDEM_WEBDAV_ERROR_HOSTILE,
                       /* Translators: %s is a path on the sync server */
                       _("The sync server’s listing of “%s” names places outside it; it was refused."),
                       path);
          ok = FALSE;
          break;
        }
      if (name == NULL)
        continue; /* the collection itself */

      entry = g_new0 (TandemWebdavEntry, 1);
      entry->name = g_steal_pointer (&name);
      g_ptr_array_add (entries, entry);

      for (xmlNode *propstat = response->children; propstat != NULL; propstat = propstat->next)
        {
          xmlNode *status_node;
          xmlNode *prop;
          g_autofree char *status = NULL;

          if (!is_dav (propstat, "propstat"))
            continue;
          status_node = dav_child (propstat, "status");
          prop = dav_child (propstat, "prop");
          if (status_node == NULL || prop == NULL)
            continue;
          status = node_text (status_node);
          /* "HTTP/1.1 200 OK": only the found properties count. */
          if (strstr (status, " 200") == NULL)
            continue;

          for (xmlNode *p = prop->children; p != NULL; p = p->next)
            {
              if (is_dav (p, "resourcetype"))
                entry->is_collection = dav_child (p, "collection") != NULL;
              else if (is_dav (p, "getcontentlength"))
                {
                  g_autofree char *text = node_text (p);

                  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &entry->size, NULL))
                    {
                      set_malformed (error, path);
                      ok = FALSE;
                    }
                }
            }
        }
      if (entry->is_collection)
        entry->size = 0;
    }

  xmlFreeDoc (doc);
  if (!ok)
    return NULL;
  return g_steal_pointer (&entries);
}

/**
 * tandem_webdav_list:
 * @self: a client
 * @path: the collection to list, relative to the base URL ("" for the base)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the members of a collection with one PROPFIND (Depth: 1), not
 * counting retries. The answer is refused (%TANDEM_WEBDAV_ERROR_HOSTILE) when
 * bigger than the limits, malformed, or naming anything but the collection
 * and its direct members.
 *
 * Returns: (transfer container) (element-type TandemWebdavEntry): the
 *   members, in the server's order, or %NULL with @error set
 */
GPtrArray *
tandem_webdav_list (TandemWebdav  *self,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  static const char propfind[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<D:propfind xmlns:D=\"DAV:\"><D:prop>"
    "<D:resourcetype/><D:getcontentlength/>"
    "</D:prop></D:propfind>\n";
  g_autoptr(GPtrArray) collection = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (propfind, sizeof propfind - 1);
  g_autofree char *url = NULL;
  g_autoptr(GByteArray) response = NULL;
  Request req = { 0 };

  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  url = make_url (self, path, TRUE, &collection, error);
  if (url == NULL)
    return NULL;

  req.method = "PROPFIND";
  req.url = url;
  req.path = path;
  req.depth = "1";
  req.body = body;
  req.content_type = "application/xml; charset=utf-8";
  req.keep_body = TRUE;
  req.max_body = self->max_listing_bytes;
  req.cancellable = cancellable;
  if (!run_request (self, &req, error))
    return NULL;
  response = req.response;

  if (req.status != 207)
    {
      if (req.status >= 200 && req.status < 300)
        set_malformed (error, path);
      else
        set_status_error (error, req.status, path);
      return NULL;
    }
  return parse_multistatus (self, response, collection, path, error);
}

/**
 * tandem_webdav_get:
 * @self: a client
 * @path: the file, relative to the base URL
 * @max_size: the largest file accepted
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Downloads a file. A file announced or turning out bigger than @max_size is
 * refused (%TANDEM_WEBDAV_ERROR_HOSTILE) without reading the rest.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
tandem_webdav_get (TandemWebdav  *self,
                   const char    *path,
                   gsize          max_size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GByteArray) response = NULL;
  Request req = { 0 };

  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  url = make_url (self, path, FALSE, NULL, error);
  if (url == NULL)
    return NULL;

  req.method = "GET";
  req.url = url;
  req.path = path;
  req.keep_body = TRUE;
  req.max_body = max_size;
  req.cancellable = cancellable;
  if (!run_request (self, &req, error))
    return NULL;
  response = req.response;

  if (req.status != 200)
    {
      set_status_error (error, req.status, path);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&response));
}

/**
 * tandem_webdav_put:
 * @self: a client
 * @path: the file, relative to the base URL; its folder must exist
 * @data: the file's bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Uploads a file with a plain PUT, replacing any file of that name. A
 * redirect is an error, never followed.
 *
 * Returns: %TRUE once the server accepted it
 */
gboolean
tandem_webdav_put (TandemWebdav  *self,
                   const char    *path,
                   GBytes        *data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *url = NULL;
  Request req = { 0 };

  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  url = make_url (self, path, FALSE, NULL, error);
  if (url == NULL)
    return FALSE;

  req.method = "PUT";
  req.url = url;
  req.path = path;
  req.body = data;
  req.content_type = "application/octet-stream";
  req.cancellable = cancellable;
  if (!run_request (self, &req, error))
    return FALSE;

  if (req.status < 200 || req.status >= 300)
    {
      set_status_error (error, req.status, path);
      return FALSE;
    }
  return TRUE;
}

/**
 * tandem_webdav_delete:
 * @self: a client
 * @path: the file, or a folder with a trailing '/', relative to the base URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Deletes a file or folder. One that is already gone counts as deleted, so a
 * retried sync step does not fail.
 *
 * Returns: %TRUE once it is gone
 */
gboolean
tandem_webdav_delete (TandemWebdav  *self,
                      const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *url = NULL;
  Request req = { 0 };

  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  url = make_url (self, path, FALSE, NULL, error);
  if (url == NULL)
    return FALSE;
  if (g_str_equal (url, self->base_url))
    {
      /* Never the whole space by accident. */
      set_hostile_path (error, path);
      return FALSE;
    }

  req.method = "DELETE";
  req.url = url;
  req.path = path;
  req.cancellable = cancellable;
  if (!run_request (self, &req, error))
    return FALSE;

  /* 207 from DELETE means some members could not be deleted. */
  if ((req.status < 200 || req.status >= 300 || req.status == 207) && req.status != 404)
    {
      set_status_error (error, req.status, path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
mkcol_one (TandemWebdav  *self,
           const char    *path,
           guint          depth,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *url = NULL;
  Request req = { 0 };

  url = make_url (self, path, TRUE, NULL, error);
  if (url == NULL)
    return FALSE;
  if (g_str_equal (url, self->base_url))
    return TRUE; /* the base exists, or nothing will work anyway */

  req.method = "MKCOL";
  req.url = url;
  req.path = path;
  req.cancellable = cancellable;
  if (!run_request (self, &req, error))
    return FALSE;

  /* 405: something is already there, which for us means the folder. */
  if ((req.status >= 200 && req.status < 300) || req.status == 405)
    return TRUE;

  if (req.status == 409 && depth < 64)
    {
      /* The parent is missing: make it, then try again. */
      g_autofree char *trimmed = g_strdup (path);
      char *slash;

      while (g_str_has_suffix (trimmed, "/"))
        trimmed[strlen (trimmed) - 1] = '\0';
      slash = strrchr (trimmed, '/');
      if (slash != NULL)
        {
          *slash = '\0';
          if (!mkcol_one (self, trimmed, depth + 1, cancellable, error))
            return FALSE;
          return mkcol_one (self, path, 64, cancellable, error);
        }
    }
  set_status_error (error, req.status, path);
  return FALSE;
}

/**
 * tandem_webdav_mkcol:
 * @self: a client
 * @path: the folder, relative to the base URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Creates a folder, and its missing parents. One that already exists counts
 * as created. Costs one request when the parent exists.
 *
 * Returns: %TRUE once the folder exists
 */
gboolean
tandem_webdav_mkcol (TandemWebdav  *self,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_WEBDAV (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return mkcol_one (self, path, 0, cancellable, error);
}
