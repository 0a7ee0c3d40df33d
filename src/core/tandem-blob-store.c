/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"

/* Photos come from phones and cameras; anything bigger is not a photo a
 * keyworker means to attach, and decoding it would take too long. */
#define MAX_IMAGE_FILE_SIZE (50 * 1024 * 1024)
/* A 100-megapixel RGBA image is 400 MB once decoded. A small file can claim
 * far more (a "decompression bomb"), so the claim is checked first. */
#define MAX_IMAGE_PIXELS    G_GINT64_CONSTANT (100000000)

#define HASH_LENGTH 64

/**
 * tandem_blob_store_dir:
 * @store: a store
 *
 * Returns: (transfer full): the folder beside the database that holds its
 *   blobs, `<database>.blobs`; it may not exist yet
 */
char *
tandem_blob_store_dir (TandemStore *store)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  return g_strconcat (tandem_store_get_path (store), ".blobs", NULL);
}

/**
 * tandem_blob_hash_is_valid:
 * @hash: (nullable): a string
 *
 * Returns: whether @hash has the form of a blob name: 64 lower-case
 *   hexadecimal digits (a SHA-256). Anything else must never reach a path.
 */
gboolean
tandem_blob_hash_is_valid (const char *hash)
{
  if (hash == NULL || strlen (hash) != HASH_LENGTH)
    return FALSE;

  for (guint i = 0; i < HASH_LENGTH; i++)
    if (!g_ascii_isxdigit (hash[i]) || g_ascii_isupper (hash[i]))
      return FALSE;

  return TRUE;
}

static char *
blob_path (TandemStore *store,
           const char  *hash)
{
  g_autofree char *dir = tandem_blob_store_dir (store);
  char prefix[3] = { hash[0], hash[1], '\0' };

  return g_build_filename (dir, prefix, hash, NULL);
}

static char *
utc_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: %s is a file or folder, then the reason from the system. */
               _("The photo store %s could not be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Creates @path private to the user. An existing folder is made private too:
 * it holds photos of children. */
static gboolean
ensure_private_dir (const char  *path,
                    GError     **error)
{
  if (g_mkdir (path, 0700) != 0 && errno != EEXIST)
    return io_error (error, errno, path);
  if (g_chmod (path, 0700) != 0)
    return io_error (error, errno, path);
  return TRUE;
}

static gboolean
sync_dir (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  close (fd);
  return rc == 0;
}

/* Writes @bytes to @path so that the file appears complete or not at all:
 * a temporary file in the same folder, flushed to disk, then renamed. */
static gboolean
write_atomically (const char  *path,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gsize done = 0;
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, errno, dir);

  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_unlink (tmp);
          return io_error (error, saved, path);
        }
      done += (gsize) n;
    }

  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      return io_error (error, saved, path);
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      return io_error (error, saved, path);
    }

  /* The rename itself is only durable once the folder is flushed. */
  sync_dir (dir);
  return TRUE;
}

/* Whether @path holds exactly the blob called @hash; a file damaged on disk
 * is then rewritten instead of being trusted because of its name. */
static gboolean
file_matches (const char *path,
              const char *hash)
{
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  return g_strcmp0 (actual, hash) == 0;
}

/**
 * tandem_blob_store_add:
 * @store: a store
 * @bytes: the contents
 * @mime: (nullable): their media type, e.g. `image/jpeg`
 * @error: where to put a failure
 *
 * Stores @bytes under their SHA-256 in the blob folder (private to the
 * user) and lists them in the blobs table. Adding the same bytes again keeps
 * one file and one row.
 *
 * Returns: (transfer full) (nullable): the hash, in lower-case hexadecimal
 */
char *
tandem_blob_store_add (TandemStore  *store,
                       GBytes       *bytes,
                       const char   *mime,
                       GError      **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *subdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  dir = tandem_blob_store_dir (store);
  path = blob_path (store, hash);
  subdir = g_path_get_dirname (path);

  if (!ensure_private_dir (dir, error) || !ensure_private_dir (subdir, error))
    return NULL;

  if (!file_matches (path, hash) && !write_atomically (path, bytes, error))
    return NULL;

  /* The file goes first: a row never names a file that is not there. If the
   * caller's transaction rolls back, the file stays as a harmless orphan
   * that the same bytes would reuse. */
  now = utc_now ();
  stmt = _tandem_store_prepare (store, "INSERT OR IGNORE INTO blobs (hash, mime, size, created_at) "
                                       "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mime, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) g_bytes_get_size (bytes));
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      _tandem_store_set_error (store, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&hash);
}

/**
 * tandem_blob_store_get:
 * @store: a store
 * @hash: a blob hash
 * @error: where to put a failure: %TANDEM_CORE_ERROR_NOT_FOUND when there is
 *   no such blob, %TANDEM_CORE_ERROR_CORRUPT when its file was damaged
 *
 * Reads a blob and checks that its contents still match its name.
 *
 * Returns: (transfer full) (nullable): the contents
 */
GBytes *
tandem_blob_store_get (TandemStore  *store,
                       const char   *hash,
                       GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  gsize len;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  if (!tandem_blob_hash_is_valid (hash))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a name taken from the database or a file. */
                   _("“%s” is not the name of a stored photo."), hash ? hash : "");
      return NULL;
    }

  path = blob_path (store, hash);
  if (!g_file_get_contents (path, &contents, &len, NULL))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a file. */
                   _("The stored photo %s is missing."), path);
      return NULL;
    }

  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  if (g_strcmp0 (actual, hash) != 0)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT,
                   /* Translators: %s is a file. */
                   _("The stored photo %s is damaged: its contents have changed."), path);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/**
 * tandem_blob_store_get_path:
 * @store: a store
 * @hash: a blob hash
 *
 * Returns: (transfer full) (nullable): the file holding the blob, or %NULL if
 *   @hash is not a valid name or the file does not exist
 */
char *
tandem_blob_store_get_path (TandemStore *store,
                            const char  *hash)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  if (!tandem_blob_hash_is_valid (hash))
    return NULL;

  path = blob_path (store, hash);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * tandem_blob_store_has:
 * @store: a store
 * @hash: (nullable): a blob hash
 *
 * Returns: whether the blobs table lists @hash and its file exists
 */
gboolean
tandem_blob_store_has (TandemStore *store,
                       const char  *hash)
{
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  gboolean listed;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (!tandem_blob_hash_is_valid (hash))
    return FALSE;

  stmt = _tandem_store_prepare (store, "SELECT 1 FROM blobs WHERE hash = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  listed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!listed)
    return FALSE;

  path = blob_path (store, hash);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * tandem_blob_store_get_mime:
 * @store: a store
 * @hash: a blob hash
 *
 * Returns: (transfer full) (nullable): the media type recorded for @hash
 */
char *
tandem_blob_store_get_mime (TandemStore *store,
                            const char  *hash)
{
  sqlite3_stmt *stmt;
  char *mime = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  stmt = _tandem_store_prepare (store, "SELECT mime FROM blobs WHERE hash = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mime = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return mime;
}

static gboolean
is_rst (guint8 marker)
{
  return marker >= 0xd0 && marker <= 0xd7;
}

/* gdk-pixbuf decodes a cut-off JPEG without complaint, filling the missing
 * part with grey, and a photo that was only half copied off a phone would be
 * kept that way. This walks the marker segments and the entropy-coded data to
 * check that the image reaches its end-of-image marker. */
static gboolean
jpeg_is_complete (const guint8 *data,
                  gsize         len)
{
  gsize i = 2;

  if (len < 4 || data[0] != 0xff || data[1] != 0xd8)
    return FALSE;

  while (i < len)
    {
      guint8 marker;
      gsize seglen;

      if (data[i] != 0xff)
        return FALSE;
      while (i < len && data[i] == 0xff)
        i++;
      if (i >= len)
        return FALSE;
      marker = data[i++];

      if (marker == 0xd9)
        return TRUE;
      if (is_rst (marker) || marker == 0x01)
        continue;

      if (i + 2 > len)
        return FALSE;
      seglen = ((gsize) data[i] << 8) | data[i + 1];
      if (seglen < 2 || i + seglen > len)
        return FALSE;
      i += seglen;

      if (marker == 0xda)
        {
          /* Inside scan data 0xff is followed by 0x00 (a stuffed byte) or a
           * restart marker; anything else starts the next segment. */
          for (;;)
            {
              if (i + 1 >= len)
                return FALSE;
              if (data[i] == 0xff && data[i + 1] != 0x00 && !is_rst (data[i + 1]))
                break;
              i++;
            }
        }
    }

  return FALSE;
}

/* The PNG loader, fed incrementally, also accepts a cut-off file. Chunks are
 * length, type, data and CRC; a complete file ends with IEND. */
static gboolean
png_is_complete (const guint8 *data,
                 gsize         len)
{
  gsize i = 8;

  if (len < 8 || memcmp (data, "\x89PNG\r\n\x1a\n", 8) != 0)
    return FALSE;

  while (i + 12 <= len)
    {
      guint32 chunk_len = ((guint32) data[i] << 24) | ((guint32) data[i + 1] << 16) |
                          ((guint32) data[i + 2] << 8) | data[i + 3];

      if (chunk_len > len - i - 12)
        return FALSE;
      if (memcmp (data + i + 4, "IEND", 4) == 0)
        return TRUE;
      i += 12 + (gsize) chunk_len;
    }

  return FALSE;
}

typedef struct {
  gboolean too_big;
  gboolean jpeg;
  int      max_size;
} DecodeGuard;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  DecodeGuard *guard = user_data;

  /* The file was checked before, but it may have changed since; a zero size
   * makes the loader stop before it allocates anything. */
  if (width <= 0 || height <= 0 || (gint64) width * height > MAX_IMAGE_PIXELS)
    {
      guard->too_big = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* libjpeg can decode at 1/2, 1/4 or 1/8 of full resolution (DCT scaling)
   * far faster than decoding whole and scaling after. Asking for the largest
   * such size that fits lets it do so: a 4000 px phone photo becomes 2000 px
   * in a quarter of the time, where asking for exactly max_size (a ratio
   * under 2) would decode every pixel. */
  if (guard->jpeg && guard->max_size > 0 && MAX (width, height) > guard->max_size)
    {
      int denom = 2;

      while (denom < 8 && (MAX (width, height) + denom - 1) / denom > guard->max_size)
        denom *= 2;

      if ((MAX (width, height) + denom - 1) / denom <= guard->max_size)
        gdk_pixbuf_loader_set_size (loader, MAX (1, (width + denom - 1) / denom),
                                    MAX (1, (height + denom - 1) / denom));
    }
}

static gboolean
refuse (GError     **error,
        const char  *path,
        const char  *reason)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
               /* Translators: %1$s is a file, %2$s the reason it cannot be used,
                * a sentence of its own. */
               _("The picture “%1$s” cannot be used. %2$s"), name, reason);
  return FALSE;
}

static GdkPixbuf *
decode (const char  *path,
        const char  *format,
        GBytes      *contents,
        int          max_size,
        GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  DecodeGuard guard = { FALSE, g_strcmp0 (format, "jpeg") == 0, max_size };
  GdkPixbuf *pixbuf;
  gboolean ok;

  loader = gdk_pixbuf_loader_new_with_type (format, &local_error);
  if (loader == NULL)
    {
      refuse (error, path, local_error->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &guard);

  ok = gdk_pixbuf_loader_write_bytes (loader, contents, &local_error);
  /* Close even after a failed write, as the loader requires. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  if (guard.too_big)
    {
      refuse (error, path, _("It is more than 100 megapixels."));
      return NULL;
    }

  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf == NULL)
    {
      g_autofree char *reason = NULL;

      if (local_error != NULL)
        /* Translators: %s is the image library's explanation. */
        reason = g_strdup_printf (_("It is damaged or incomplete (%s)."), local_error->message);
      else
        reason = g_strdup (_("It is damaged or incomplete."));
      refuse (error, path, reason);
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/* Scales @src down (never up) to fit @max_size square and paints it onto
 * white, since JPEG has no transparency and black would show instead. */
static GdkPixbuf *
fit_and_flatten (GdkPixbuf *src,
                 int        max_size)
{
  int width = gdk_pixbuf_get_width (src);
  int height = gdk_pixbuf_get_height (src);
  int longest = MAX (width, height);
  int dest_width = width;
  int dest_height = height;
  GdkPixbuf *dest;

  if (max_size > 0 && longest > max_size)
    {
      double scale = (double) max_size / longest;

      dest_width = MAX (1, (int) (width * scale + 0.5));
      dest_height = MAX (1, (int) (height * scale + 0.5));
    }

  /* An opaque photo that already fits (a JPEG decoded at reduced size) needs
   * no second pass over its pixels. */
  if (!gdk_pixbuf_get_has_alpha (src))
    {
      if (dest_width == width && dest_height == height)
        return g_object_ref (src);
      return gdk_pixbuf_scale_simple (src, dest_width, dest_height, GDK_INTERP_BILINEAR);
    }

  dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, dest_width, dest_height);
  if (dest == NULL)
    return NULL;
  gdk_pixbuf_fill (dest, 0xffffffff);
  gdk_pixbuf_composite (src, dest, 0, 0, dest_width, dest_height, 0, 0,
                        (double) dest_width / width, (double) dest_height / height,
                        GDK_INTERP_BILINEAR, 255);
  return dest;
}

/**
 * tandem_blob_store_add_image:
 * @store: a store
 * @path: an image file
 * @max_size: the longest side the stored image may have, in pixels
 * @error: where to put why the file was refused, naming it
 *
 * Reads an image, turns it upright, scales it down to fit @max_size square,
 * flattens any transparency onto white and stores it as a JPEG. Re-encoding
 * writes no metadata, so location and camera tags are gone. Files that are
 * not images, larger than 50 MB, more than 100 megapixels or damaged are
 * refused with %TANDEM_CORE_ERROR_INVALID; the size is read from the header
 * before anything is decoded.
 *
 * Returns: (transfer full) (nullable): the blob hash
 */
char *
tandem_blob_store_add_image (TandemStore  *store,
                             const char   *path,
                             int           max_size,
                             GError      **error)
{
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *data = NULL;
  g_autofree char *buffer = NULL;
  GdkPixbufFormat *format;
  GStatBuf st;
  gsize len;
  int width, height;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s is a file, then the reason from the system. */
                   _("The picture “%s” could not be read: %s"), name, g_strerror (saved));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      refuse (error, path, _("It is not a file."));
      return NULL;
    }

  if (st.st_size > MAX_IMAGE_FILE_SIZE)
    {
      refuse (error, path, _("It is larger than 50 MB."));
      return NULL;
    }

  /* Reads only as far as the header, so it costs nothing for a huge image. */
  format = gdk_pixbuf_get_file_info (path, &width, &height);
  if (format == NULL || width <= 0 || height <= 0)
    {
      refuse (error, path, _("It is not a picture, or not in a format Tandem can read."));
      return NULL;
    }

  if ((gint64) width * height > MAX_IMAGE_PIXELS)
    {
      refuse (error, path, _("It is more than 100 megapixels."));
      return NULL;
    }

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (len > MAX_IMAGE_FILE_SIZE)
    {
      refuse (error, path, _("It is larger than 50 MB."));
      return NULL;
    }
  contents = g_bytes_new_take (g_steal_pointer (&data), len);

  format_name = gdk_pixbuf_format_get_name (format);
  if ((g_strcmp0 (format_name, "jpeg") == 0 &&
       !jpeg_is_complete (g_bytes_get_data (contents, NULL), len)) ||
      (g_strcmp0 (format_name, "png") == 0 &&
       !png_is_complete (g_bytes_get_data (contents, NULL), len)))
    {
      refuse (error, path, _("It is damaged or incomplete: the file ends too early."));
      return NULL;
    }

  decoded = decode (path, format_name, contents, max_size, error);
  if (decoded == NULL)
    return NULL;

  upright = gdk_pixbuf_apply_embedded_orientation (decoded);
  if (upright == NULL)
    upright = g_object_ref (decoded);

  flat = fit_and_flatten (upright, max_size);
  if (flat == NULL)
    {
      refuse (error, path, _("There is not enough memory to open it."));
      return NULL;
    }

  if (!gdk_pixbuf_save_to_buffer (flat, &buffer, &len, "jpeg", &local_error,
                                  "quality", "85", NULL))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
                   /* Translators: %s is the image library's explanation. */
                   _("The picture could not be converted (%s)."), local_error->message);
      return NULL;
    }
  jpeg = g_bytes_new_take (g_steal_pointer (&buffer), len);

  return tandem_blob_store_add (store, jpeg, "image/jpeg", error);
}
