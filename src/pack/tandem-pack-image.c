/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <string.h>

#include "tandem-pack-error.h"
#include "tandem-pack-image.h"

/* Pictures from the blob store are at most 2048 pixels a side; anything else
 * (a setting's logo) is scaled down to that while decoding, which is more
 * than a printed page needs, and refused past the blob store's limit. */
#define MAX_DECODED_SIDE 2048
#define MAX_PIXELS (100 * 1000 * 1000)

struct _TandemPackImage {
  gatomicrefcount  ref_count;
  GBytes          *bytes;       /* the JPEG, when embedded as is */
  cairo_surface_t *decoded;     /* anything else, decoded once */
  int              raw_width;   /* pixels as stored */
  int              raw_height;
  int              orientation; /* EXIF, 1–8 */
};

struct _TandemPackImageCache {
  GHashTable *surfaces; /* GBytes (by content) → cairo_surface_t */
};

/* Reads the TIFF structure inside an Exif APP1 segment for the orientation
 * tag of the first image. Anything unexpected means "upright". */
static int
exif_orientation (const guint8 *t,
                  gsize         n)
{
  gboolean le;
  guint32 ifd;
  guint count;

#define U16(o) (le ? (guint) t[o] | (guint) t[(o) + 1] << 8 \
                   : (guint) t[o] << 8 | (guint) t[(o) + 1])
#define U32(o) (le ? (guint32) U16 (o) | (guint32) U16 ((o) + 2) << 16 \
                   : (guint32) U16 (o) << 16 | (guint32) U16 ((o) + 2))
  if (n < 8)
    return 1;
  if (t[0] == 'I' && t[1] == 'I')
    le = TRUE;
  else if (t[0] == 'M' && t[1] == 'M')
    le = FALSE;
  else
    return 1;
  if (U16 (2) != 42)
    return 1;
  ifd = U32 (4);
  if (ifd < 8 || ifd > n - 2)
    return 1;
  count = U16 (ifd);
  for (guint i = 0; i < count; i++)
    {
      gsize e = ifd + 2 + 12 * (gsize) i;

      if (e + 12 > n)
        break;
      if (U16 (e) == 0x0112)
        {
          guint value = U16 (e + 8);

          /* Type 3 is SHORT, the only type the tag may have. */
          if (U16 (e + 2) == 3 && value >= 1 && value <= 8)
            return (int) value;
          return 1;
        }
    }
  return 1;
#undef U16
#undef U32
}

/* Finds the frame header of a JPEG that every PDF reader can show as is:
 * baseline or progressive Huffman, 8 bits, grey or YCbCr. Arithmetic coding,
 * 12-bit and CMYK pictures (which cairo would tag without the inverted
 * Adobe decode) are left to gdk-pixbuf instead. */
static gboolean
parse_jpeg (const guint8 *data,
            gsize         len,
            int          *width,
            int          *height,
            int          *orientation)
{
  gsize p = 2;

  *orientation = 1;
  if (len < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;

  while (p + 4 <= len)
    {
      guint8 marker;
      gsize seglen;
      const guint8 *seg;

      if (data[p] != 0xFF)
        return FALSE;
      marker = data[p + 1];
      if (marker == 0xFF)
        {
          p++;
          continue;
        }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
        {
          p += 2;
          continue;
        }
      if (marker == 0xD9 || marker == 0xDA)
        return FALSE;

      seglen = (gsize) data[p + 2] << 8 | data[p + 3];
      if (seglen < 2 || p + 2 + seglen > len)
        return FALSE;
      seg = data + p + 4;

      if (marker == 0xE1 && seglen - 2 >= 6 && memcmp (seg, "Exif\0\0", 6) == 0)
        {
          *orientation = exif_orientation (seg + 6, seglen - 2 - 6);
        }
      else if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2)
        {
          if (seglen - 2 < 6)
            return FALSE;
          *height = seg[1] << 8 | seg[2];
          *width = seg[3] << 8 | seg[4];
          return seg[0] == 8 && *width > 0 && *height > 0 && (seg[5] == 1 || seg[5] == 3);
        }
      else if ((marker >= 0xC3 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8
               && marker != 0xCC)
        {
          return FALSE;
        }
      p += 2 + seglen;
    }
  return FALSE;
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  gboolean *too_big = user_data;
  int longest = MAX (width, height);

  if ((gint64) width * height > MAX_PIXELS)
    {
      *too_big = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
  else if (longest > MAX_DECODED_SIDE)
    {
      gdk_pixbuf_loader_set_size (loader,
                                  MAX (1, (int) ((gint64) width * MAX_DECODED_SIDE / longest)),
                                  MAX (1, (int) ((gint64) height * MAX_DECODED_SIDE / longest)));
    }
}

/* cairo wants premultiplied native-endian ARGB; gdk-pixbuf gives RGB(A)
 * bytes. (gdk_cairo_surface_create_from_pixbuf would do this, but it is GDK,
 * and src/pack stays free of GTK.) */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface;
  guint8 *dst;
  int dst_stride;

  surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint32 *d = (guint32 *) (gpointer) (dst + (gsize) y * dst_stride);

      for (int x = 0; x < width; x++, s += n_channels)
        {
          guint a = alpha ? s[3] : 255;
          guint r = (s[0] * a + 127) / 255;
          guint g = (s[1] * a + 127) / 255;
          guint b = (s[2] * a + 127) / 255;

          d[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static gboolean
decode (TandemPackImage  *self,
        GBytes           *bytes,
        GError          **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean too_big = FALSE;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &too_big);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error)
      || !gdk_pixbuf_loader_close (loader, &local_error))
    {
      g_set_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_IMAGE,
                   /* Translators: %s says what is wrong with the file */
                   _("A picture could not be read: %s"), local_error->message);
      return FALSE;
    }
  if (too_big)
    {
      g_set_error_literal (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_IMAGE,
                           _("A picture is too large to print (more than 100 megapixels)."));
      return FALSE;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_IMAGE,
                           _("A picture could not be read: it is empty."));
      return FALSE;
    }
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  self->decoded = surface_from_pixbuf (oriented);
  if (cairo_surface_status (self->decoded) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_IMAGE,
                           _("A picture is too large to print."));
      return FALSE;
    }
  self->raw_width = gdk_pixbuf_get_width (oriented);
  self->raw_height = gdk_pixbuf_get_height (oriented);
  self->orientation = 1;
  return TRUE;
}

/**
 * tandem_pack_image_new:
 * @bytes: the file's contents
 * @error: return location for a #TANDEM_PACK_ERROR_IMAGE
 *
 * Reads a picture. A JPEG is only parsed for its size and orientation and
 * will be embedded unchanged; other formats are decoded now.
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL with @error set
 */
TandemPackImage *
tandem_pack_image_new (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(TandemPackImage) self = NULL;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (TandemPackImage, 1);
  g_atomic_ref_count_init (&self->ref_count);

  data = g_bytes_get_data (bytes, &len);
  if (data != NULL
      && parse_jpeg (data, len, &self->raw_width, &self->raw_height, &self->orientation))
    {
      self->bytes = g_bytes_ref (bytes);
      return g_steal_pointer (&self);
    }

  if (!decode (self, bytes, error))
    return NULL;
  return g_steal_pointer (&self);
}

TandemPackImage *
tandem_pack_image_ref (TandemPackImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tandem_pack_image_unref (TandemPackImage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->decoded, cairo_surface_destroy);
  g_free (self);
}

static gboolean
is_transposed (TandemPackImage *self)
{
  return self->orientation >= 5;
}

/**
 * tandem_pack_image_get_width:
 * @self: a picture
 *
 * Returns: its width in pixels as it is shown, after its orientation
 */
int
tandem_pack_image_get_width (TandemPackImage *self)
{
  return is_transposed (self) ? self->raw_height : self->raw_width;
}

/**
 * tandem_pack_image_get_height:
 * @self: a picture
 *
 * Returns: its height in pixels as it is shown, after its orientation
 */
int
tandem_pack_image_get_height (TandemPackImage *self)
{
  return is_transposed (self) ? self->raw_width : self->raw_height;
}

/**
 * tandem_pack_image_is_jpeg:
 * @self: a picture
 *
 * Returns: whether the picture goes into the PDF as the JPEG it was given
 */
gboolean
tandem_pack_image_is_jpeg (TandemPackImage *self)
{
  return self->bytes != NULL;
}

/* Hashes the length and the two ends only: photos differ there, and equality
 * still compares every byte, so a clash only costs a comparison. */
static guint
bytes_quick_hash (gconstpointer key)
{
  gsize len;
  const guint8 *data = g_bytes_get_data ((GBytes *) key, &len);
  guint h = (guint) len;
  gsize n = MIN (len, 64);

  for (gsize i = 0; i < n; i++)
    h = h * 31 + data[i];
  for (gsize i = len - n; i < len; i++)
    h = h * 31 + data[i];
  return h;
}

static cairo_surface_t *
jpeg_surface (TandemPackImage      *self,
              TandemPackImageCache *cache)
{
  cairo_surface_t *surface = g_hash_table_lookup (cache->surfaces, self->bytes);
  cairo_rectangle_t extents = { 0, 0, self->raw_width, self->raw_height };
  const guint8 *data;
  gsize len;

  if (surface != NULL)
    return surface;

  /* cairo embeds the JPEG and never looks at the surface's content, but
   * takes the picture's size from the surface. An empty recording surface of
   * that size costs nothing. An image surface would cost its pixels: cairo
   * copies an image surface's pixels when it is destroyed after being drawn
   * (its snapshot is detached), 12 MB per photo. Measured over 30 packs of
   * 12 photos: about 7 s with cairo_image_surface_create(), 1.9 s with
   * surfaces sharing one untouched mapping, 0.25 s with recording surfaces. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, &extents);
  data = g_bytes_get_data (self->bytes, &len);
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, data, len,
                               (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (self->bytes));
  g_hash_table_insert (cache->surfaces, g_bytes_ref (self->bytes), surface);
  return surface;
}

/**
 * tandem_pack_image_paint:
 * @self: a picture
 * @cache: the surfaces of the PDF being written
 * @cr: where to draw
 * @x: left edge, in points
 * @y: top edge
 * @width: width as shown
 * @height: height as shown
 *
 * Draws the picture upright into the rectangle. A JPEG's orientation is
 * applied as a transformation, so its bytes still go in unchanged.
 */
void
tandem_pack_image_paint (TandemPackImage      *self,
                         TandemPackImageCache *cache,
                         cairo_t              *cr,
                         double                x,
                         double                y,
                         double                width,
                         double                height)
{
  cairo_surface_t *surface;
  cairo_matrix_t orient;
  double rw = self->raw_width;
  double rh = self->raw_height;

  surface = self->bytes != NULL ? jpeg_surface (self, cache) : self->decoded;

  /* From stored pixels (u, v) to upright ones, per the EXIF orientation. */
  switch (self->orientation)
    {
    case 2: cairo_matrix_init (&orient, -1, 0, 0, 1, rw, 0); break;
    case 3: cairo_matrix_init (&orient, -1, 0, 0, -1, rw, rh); break;
    case 4: cairo_matrix_init (&orient, 1, 0, 0, -1, 0, rh); break;
    case 5: cairo_matrix_init (&orient, 0, 1, 1, 0, 0, 0); break;
    case 6: cairo_matrix_init (&orient, 0, 1, -1, 0, rh, 0); break;
    case 7: cairo_matrix_init (&orient, 0, -1, -1, 0, rh, rw); break;
    case 8: cairo_matrix_init (&orient, 0, -1, 1, 0, 0, rw); break;
    default: cairo_matrix_init_identity (&orient); break;
    }

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, width / tandem_pack_image_get_width (self),
               height / tandem_pack_image_get_height (self));
  cairo_transform (cr, &orient);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * tandem_pack_image_cache_new:
 *
 * Returns: (transfer full): an empty cache for one PDF
 */
TandemPackImageCache *
tandem_pack_image_cache_new (void)
{
  TandemPackImageCache *cache = g_new0 (TandemPackImageCache, 1);

  cache->surfaces = g_hash_table_new_full (bytes_quick_hash, g_bytes_equal,
                                           (GDestroyNotify) g_bytes_unref,
                                           (GDestroyNotify) cairo_surface_destroy);
  return cache;
}

/**
 * tandem_pack_image_cache_free:
 * @cache: a cache
 *
 * Frees the cache; call only once the PDF surface is finished, since cairo
 * refers to the surfaces until then.
 */
void
tandem_pack_image_cache_free (TandemPackImageCache *cache)
{
  g_clear_pointer (&cache->surfaces, g_hash_table_unref);
  g_free (cache);
}
