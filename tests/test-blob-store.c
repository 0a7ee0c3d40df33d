/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-store.h"
#include "tandem-test-util.h"

/* Every image here is made by the test itself, so nothing binary is kept in
 * the repository: gdk-pixbuf writes plain PNGs and JPEGs, and the EXIF and
 * PNG headers it cannot write are assembled byte by byte below. */

#define GPS_MARKER "TANDEM-GPS-MARKER"

typedef TandemTestStore Fixture;

static gint64
count_blobs (TandemStore *store)
{
  return tandem_test_query_int (store, "SELECT count(*) FROM blobs");
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
temp_file (Fixture    *f,
           const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* A picture with detail, so that its JPEG has real scan data to cut. */
static GdkPixbuf *
noise_pixbuf (int width,
              int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = (guint8) g_rand_int_range (rand, 0, 256);
  return pixbuf;
}

static void
save_pixbuf (GdkPixbuf  *pixbuf,
             const char *path,
             const char *type)
{
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
}

static GdkPixbuf *
pixbuf_from_bytes (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static GBytes *
stored_bytes (Fixture    *f,
              const char *hash)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = tandem_blob_store_get (f->store, hash, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* Whether a JPEG carries an APP1 segment (EXIF or XMP) before its image data. */
static gboolean
jpeg_has_app1 (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gsize i = 2;

  g_assert_cmpuint (len, >, 4);
  g_assert_cmpuint (data[0], ==, 0xff);
  g_assert_cmpuint (data[1], ==, 0xd8);

  while (i + 4 <= len && data[i] == 0xff)
    {
      guint8 marker = data[i + 1];

      if (marker == 0xe1)
        return TRUE;
      if (marker == 0xda)
        break;
      i += 2 + (((gsize) data[i + 2] << 8) | data[i + 3]);
    }
  return FALSE;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const void *needle,
               gsize       needle_len)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i + needle_len <= len; i++)
    if (memcmp (data + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static void
put16 (GByteArray *a,
       guint16     v)
{
  guint8 b[2] = { v >> 8, v & 0xff };
  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
  g_byte_array_append (a, b, 4);
}

static void
put_entry (GByteArray *a,
           guint16     tag,
           guint16     type,
           guint32     count,
           guint32     value)
{
  put16 (a, tag);
  put16 (a, type);
  put32 (a, count);
  put32 (a, value);
}

/* An EXIF APP1 segment in big-endian TIFF layout: IFD0 with Orientation = 6
 * (turn 90° clockwise to show) and a pointer to a GPS IFD holding a latitude,
 * a longitude and a map datum whose text is easy to search for. */
static GByteArray *
exif_segment (void)
{
  g_autoptr(GByteArray) tiff = g_byte_array_new ();
  GByteArray *segment = g_byte_array_new ();
  const guint32 gps_ifd = 8 + 2 + 2 * 12 + 4;
  const guint32 gps_data = gps_ifd + 2 + 6 * 12 + 4;
  const guint32 rationals[2][6] = {
    { 51, 1, 30, 1, 1234, 100 },
    { 0, 1, 7, 1, 5678, 100 },
  };
  const char datum[] = GPS_MARKER;

  g_byte_array_append (tiff, (const guint8 *) "MM\0\x2a", 4);
  put32 (tiff, 8);

  put16 (tiff, 2);
  put_entry (tiff, 0x0112, 3, 1, 6 << 16);      /* Orientation, SHORT, left-justified */
  put_entry (tiff, 0x8825, 4, 1, gps_ifd);      /* GPSInfo IFD pointer */
  put32 (tiff, 0);

  g_assert_cmpuint (tiff->len, ==, gps_ifd);
  put16 (tiff, 6);
  put_entry (tiff, 0x0000, 1, 4, 0x02020000);   /* GPSVersionID */
  put_entry (tiff, 0x0001, 2, 2, 'N' << 24);    /* GPSLatitudeRef */
  put_entry (tiff, 0x0002, 5, 3, gps_data);     /* GPSLatitude */
  put_entry (tiff, 0x0003, 2, 2, 'W' << 24);    /* GPSLongitudeRef */
  put_entry (tiff, 0x0004, 5, 3, gps_data + 24); /* GPSLongitude */
  put_entry (tiff, 0x0012, 2, sizeof datum, gps_data + 48); /* GPSMapDatum */
  put32 (tiff, 0);

  g_assert_cmpuint (tiff->len, ==, gps_data);
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 6; j++)
      put32 (tiff, rationals[i][j]);
  g_byte_array_append (tiff, (const guint8 *) datum, sizeof datum);

  put16 (segment, 0xffe1);
  put16 (segment, 2 + 6 + tiff->len);
  g_byte_array_append (segment, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (segment, tiff->data, tiff->len);
  return segment;
}

/* A 40×20 JPEG, left half red and right half blue, stored sideways with an
 * EXIF orientation of 6 and a location, as a phone held upright writes it. */
static char *
write_exif_jpeg (Fixture *f)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 20);
  g_autoptr(GByteArray) exif = exif_segment ();
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg = NULL;
  g_autofree char *path = temp_file (f, "sideways.jpg");
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gsize len;

  for (int y = 0; y < 20; y++)
    for (int x = 0; x < 40; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        p[0] = x < 20 ? 255 : 0;
        p[1] = 0;
        p[2] = x < 20 ? 0 : 255;
      }

  gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &len, "jpeg", &error, "quality", "95", NULL);
  g_assert_no_error (error);

  /* EXIF goes right after the start-of-image marker. */
  g_byte_array_append (file, (const guint8 *) jpeg, 2);
  g_byte_array_append (file, exif->data, exif->len);
  g_byte_array_append (file, (const guint8 *) jpeg + 2, len - 2);
  tandem_test_write_file (path, file->data, file->len);
  return g_steal_pointer (&path);
}

static void
test_add_bytes (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("some bytes", 10);
  g_autoptr(GBytes) read_back = NULL;
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dir = tandem_blob_store_dir (f->store);
  g_autofree char *expected_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subdir = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *beside = g_strconcat (f->path, ".blobs", NULL);

  g_assert_cmpstr (dir, ==, beside);
  g_assert_false (tandem_blob_store_has (f->store, expected));

  hash = tandem_blob_store_add (f->store, bytes, "text/plain", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, expected);
  g_assert_true (tandem_blob_hash_is_valid (hash));

  subdir = g_build_filename (dir, (char[]) { hash[0], hash[1], '\0' }, NULL);
  expected_path = g_build_filename (subdir, hash, NULL);
  path = tandem_blob_store_get_path (f->store, hash);
  g_assert_cmpstr (path, ==, expected_path);

  tandem_test_assert_mode (dir, 0700);
  tandem_test_assert_mode (subdir, 0700);
  tandem_test_assert_mode (path, 0600);

  g_assert_true (tandem_blob_store_has (f->store, hash));
  mime = tandem_blob_store_get_mime (f->store, hash);
  g_assert_cmpstr (mime, ==, "text/plain");
  read_back = tandem_blob_store_get (f->store, hash, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read_back, bytes));

  /* The same bytes again: one file (no temporary left over), one row. */
  again = tandem_blob_store_add (f->store, bytes, "text/plain", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, hash);
  g_assert_cmpint (count_blobs (f->store), ==, 1);
  g_assert_cmpuint (count_entries (subdir), ==, 1);
}

static void
test_get_checks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("photo", 5);
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autofree char *hash = tandem_blob_store_add (f->store, bytes, "image/jpeg", &error);
  g_autofree char *path = tandem_blob_store_get_path (f->store, hash);
  g_autofree char *repaired = NULL;

  g_assert_no_error (error);

  /* Names that are not hashes never reach the file system. */
  g_assert_false (tandem_blob_hash_is_valid ("../../etc/passwd"));
  g_assert_false (tandem_blob_hash_is_valid (NULL));
  g_assert_false (tandem_blob_hash_is_valid ("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"));
  g_assert_null (tandem_blob_store_get_path (f->store, "../tandem.db"));
  missing = tandem_blob_store_get (f->store, "../tandem.db", &error);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);

  missing = tandem_blob_store_get (f->store, "0000000000000000000000000000000000000000000000000000000000000000", &error);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A file changed on disk is reported, not served. */
  tandem_test_write_file (path, "phOto", 5);
  damaged = tandem_blob_store_get (f->store, hash, &error);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_CORRUPT);
  g_assert_null (damaged);
  g_clear_error (&error);

  /* Adding the bytes again repairs it. */
  repaired = tandem_blob_store_add (f->store, bytes, "image/jpeg", &error);
  g_assert_no_error (error);
  damaged = tandem_blob_store_get (f->store, hash, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (damaged, bytes));
  g_assert_cmpint (count_blobs (f->store), ==, 1);
}

static void
test_orientation_and_gps (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_exif_jpeg (f);
  g_autofree char *hash = NULL;
  g_autofree char *input = NULL;
  g_autoptr(GdkPixbuf) original = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autoptr(GBytes) input_bytes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *top, *bottom;
  gsize len;

  /* The crafted file really carries what the test strips. */
  g_file_get_contents (path, &input, &len, &error);
  g_assert_no_error (error);
  input_bytes = g_bytes_new_take (g_steal_pointer (&input), len);
  g_assert_true (jpeg_has_app1 (input_bytes));
  g_assert_true (bytes_contain (input_bytes, GPS_MARKER, strlen (GPS_MARKER)));
  original = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gdk_pixbuf_get_option (original, "orientation"), ==, "6");
  g_assert_cmpint (gdk_pixbuf_get_width (original), ==, 40);

  hash = tandem_blob_store_add_image (f->store, path, 2048, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hash);

  bytes = stored_bytes (f, hash);
  g_assert_false (jpeg_has_app1 (bytes));
  g_assert_false (bytes_contain (bytes, "Exif", 4));
  g_assert_false (bytes_contain (bytes, GPS_MARKER, strlen (GPS_MARKER)));

  stored = pixbuf_from_bytes (bytes);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, 20);
  g_assert_cmpint (gdk_pixbuf_get_height (stored), ==, 40);
  g_assert_null (gdk_pixbuf_get_option (stored, "orientation"));

  /* Turned clockwise: the red left half is now on top. */
  top = gdk_pixbuf_get_pixels (stored) + 5 * gdk_pixbuf_get_rowstride (stored) + 10 * 3;
  bottom = gdk_pixbuf_get_pixels (stored) + 35 * gdk_pixbuf_get_rowstride (stored) + 10 * 3;
  g_assert_cmpuint (top[0], >, 200);
  g_assert_cmpuint (top[2], <, 60);
  g_assert_cmpuint (bottom[0], <, 60);
  g_assert_cmpuint (bottom[2], >, 200);
}

static void
test_downscale (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) wide = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 3000, 1000);
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 100, 50);
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *wide_path = temp_file (f, "wide.png");
  g_autofree char *small_path = temp_file (f, "small.jpg");
  g_autofree char *hash = NULL;
  g_autofree char *mime = NULL;

  gdk_pixbuf_fill (wide, 0x3366ccff);
  save_pixbuf (wide, wide_path, "png");
  hash = tandem_blob_store_add_image (f->store, wide_path, 2048, &error);
  g_assert_no_error (error);
  bytes = stored_bytes (f, hash);
  stored = pixbuf_from_bytes (bytes);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, 2048);
  g_assert_cmpint (gdk_pixbuf_get_height (stored), ==, 683);
  mime = tandem_blob_store_get_mime (f->store, hash);
  g_assert_cmpstr (mime, ==, "image/jpeg");

  /* A phone photo (JPEG) is decoded at half size by libjpeg: 4000 px
   * becomes 2000 px, within the limit. */
  {
    g_autoptr(GdkPixbuf) phone = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
    g_autoptr(GdkPixbuf) phone_stored = NULL;
    g_autoptr(GBytes) phone_bytes = NULL;
    g_autofree char *phone_path = temp_file (f, "phone.jpg");
    g_autofree char *phone_hash = NULL;

    gdk_pixbuf_fill (phone, 0x33aa66ff);
    save_pixbuf (phone, phone_path, "jpeg");
    phone_hash = tandem_blob_store_add_image (f->store, phone_path, 2048, &error);
    g_assert_no_error (error);
    phone_bytes = stored_bytes (f, phone_hash);
    phone_stored = pixbuf_from_bytes (phone_bytes);
    g_assert_cmpint (gdk_pixbuf_get_width (phone_stored), ==, 2000);
    g_assert_cmpint (gdk_pixbuf_get_height (phone_stored), ==, 1500);
  }

  /* Never scaled up. */
  g_clear_pointer (&hash, g_free);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&stored);
  gdk_pixbuf_fill (small, 0x808080ff);
  save_pixbuf (small, small_path, "jpeg");
  hash = tandem_blob_store_add_image (f->store, small_path, 2048, &error);
  g_assert_no_error (error);
  bytes = stored_bytes (f, hash);
  stored = pixbuf_from_bytes (bytes);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, 100);
  g_assert_cmpint (gdk_pixbuf_get_height (stored), ==, 50);
}

static void
test_alpha_on_white (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) clear = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 16, 16);
  g_autoptr(GdkPixbuf) stored = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = temp_file (f, "logo.png");
  g_autofree char *hash = NULL;
  const guint8 *pixel;

  /* Transparent black: flattened onto black it would stay black. */
  gdk_pixbuf_fill (clear, 0x00000000);
  save_pixbuf (clear, path, "png");
  hash = tandem_blob_store_add_image (f->store, path, 512, &error);
  g_assert_no_error (error);
  bytes = stored_bytes (f, hash);
  stored = pixbuf_from_bytes (bytes);
  g_assert_false (gdk_pixbuf_get_has_alpha (stored));
  pixel = gdk_pixbuf_get_pixels (stored) + 8 * gdk_pixbuf_get_rowstride (stored) + 8 * 3;
  g_assert_cmpuint (pixel[0], >=, 250);
  g_assert_cmpuint (pixel[1], >=, 250);
  g_assert_cmpuint (pixel[2], >=, 250);
}

static void
test_duplicate_image (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = noise_pixbuf (64, 48);
  g_autofree char *path = temp_file (f, "photo.png");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *dir = tandem_blob_store_dir (f->store);
  g_autofree char *subdir = NULL;

  save_pixbuf (pixbuf, path, "png");
  first = tandem_blob_store_add_image (f->store, path, 2048, &error);
  g_assert_no_error (error);
  second = tandem_blob_store_add_image (f->store, path, 2048, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (count_blobs (f->store), ==, 1);
  subdir = g_build_filename (dir, (char[]) { first[0], first[1], '\0' }, NULL);
  g_assert_cmpuint (count_entries (subdir), ==, 1);
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

static void
assert_refused (Fixture    *f,
                const char *path,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = tandem_blob_store_add_image (f->store, path, 2048, &error);
  g_autofree char *name = g_path_get_basename (path);

  g_assert_null (hash);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  if (reason != NULL)
    g_assert_nonnull (strstr (error->message, reason));
  g_assert_cmpint (count_blobs (f->store), ==, 0);
}

static void
test_not_an_image (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = temp_file (f, "notes.txt");
  g_autofree char *disguised = temp_file (f, "notes.jpg");
  g_autofree char *empty = temp_file (f, "empty.png");
  const char contents[] = "Amara settled well today and played with the sand tray.\n";

  tandem_test_write_file (text, contents, sizeof contents - 1);
  tandem_test_write_file (disguised, contents, sizeof contents - 1);
  tandem_test_write_file (empty, "", 0);
  assert_refused (f, text, "not a picture");
  assert_refused (f, disguised, "not a picture");
  assert_refused (f, empty, "not a picture");
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = noise_pixbuf (200, 100);
  g_autofree char *jpeg = NULL;
  g_autofree char *png = NULL;
  g_autofree char *cut_jpeg = temp_file (f, "cut.jpg");
  g_autofree char *end_jpeg = temp_file (f, "no-end.jpg");
  g_autofree char *cut_png = temp_file (f, "cut.png");
  g_autofree char *whole_jpeg = temp_file (f, "whole.jpg");
  g_autofree char *hash = NULL;
  gsize jpeg_len, png_len;

  gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_len, "jpeg", &error, NULL);
  g_assert_no_error (error);
  gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_len, "png", &error, NULL);
  g_assert_no_error (error);

  /* gdk-pixbuf itself decodes these without complaint, greying the rest. */
  tandem_test_write_file (cut_jpeg, jpeg, jpeg_len * 6 / 10);
  tandem_test_write_file (end_jpeg, jpeg, jpeg_len - 2);
  tandem_test_write_file (cut_png, png, png_len * 6 / 10);
  assert_refused (f, cut_jpeg, "incomplete");
  assert_refused (f, end_jpeg, "incomplete");
  assert_refused (f, cut_png, "incomplete");

  /* The walk over the markers accepts the whole file. */
  tandem_test_write_file (whole_jpeg, jpeg, jpeg_len);
  hash = tandem_blob_store_add_image (f->store, whole_jpeg, 2048, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hash);
}

static void
test_decompression_bomb (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = tandem_test_write_png_bomb (f->dir);
  int width = 0, height = 0;
  gint64 start;

  /* gdk-pixbuf reads the claim from the header. */
  g_assert_nonnull (gdk_pixbuf_get_file_info (path, &width, &height));
  g_assert_cmpint (width, ==, 60000);
  g_assert_cmpint (height, ==, 60000);

  start = g_get_monotonic_time ();
  assert_refused (f, path, "100 megapixels");
  /* Refused from the header, without allocating 10 GB. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_too_large_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = temp_file (f, "huge.jpg");
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  /* A sparse file: 51 MB long, no disk space used. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 51 * 1024 * 1024), ==, 0);
  close (fd);
  assert_refused (f, path, "50 MB");
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_file (f, "nowhere.jpg");
  g_autofree char *hash = tandem_blob_store_add_image (f->store, path, 2048, &error);

  g_assert_null (hash);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nowhere.jpg"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/blob-store/" name, Fixture, NULL, tandem_test_store_set_up, func, \
              tandem_test_store_tear_down)

  ADD ("add-bytes", test_add_bytes);
  ADD ("get-checks", test_get_checks);
  ADD ("orientation-and-gps", test_orientation_and_gps);
  ADD ("downscale", test_downscale);
  ADD ("alpha-on-white", test_alpha_on_white);
  ADD ("duplicate-image", test_duplicate_image);
  ADD ("not-an-image", test_not_an_image);
  ADD ("truncated", test_truncated);
  ADD ("decompression-bomb", test_decompression_bomb);
  ADD ("too-large-file", test_too_large_file);
  ADD ("missing-file", test_missing_file);

  return g_test_run ();
}
