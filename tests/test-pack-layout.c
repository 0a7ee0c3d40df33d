/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The pack layout engine, judged by the PDFs it writes, read back with
 * poppler: text in order and literal, pages and page numbers, pictures
 * embedded byte for byte, right-to-left placement, large print, metadata,
 * and files that are either whole or absent. */

#define _GNU_SOURCE /* memmem */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "tandem-pack-doc.h"
#include "tandem-pack-error.h"
#include "tandem-pack-writer.h"
#include "tandem-test-util.h"

/* poppler-glib 22.12 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = tandem_test_make_dir ();
  f->path = g_build_filename (f->dir, "pack.pdf", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tandem_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A photo-like picture (gradients and noise), so it compresses like one. */
static GdkPixbuf *
make_pixbuf (int   width,
             int   height,
             guint seed)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = (x * 255 / width + g_rand_int_range (rand, 0, 24)) & 0xff;
        p[1] = (y * 255 / height + g_rand_int_range (rand, 0, 24)) & 0xff;
        p[2] = (seed * 40 + g_rand_int_range (rand, 0, 24)) & 0xff;
      }
  return pixbuf;
}

static GBytes *
make_image (int         width,
            int         height,
            guint       seed,
            const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = make_pixbuf (width, height, seed);
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize len = 0;

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, "quality", "85", NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, len);
}

/* Puts an Exif segment saying "rotate 90° clockwise" (orientation 6) after
 * the JPEG's start-of-image marker. */
static GBytes *
with_orientation (GBytes *jpeg)
{
  static const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 42, 0, 8, 0, 0, 0,      /* TIFF header, IFD at 8 */
    1, 0,                             /* one entry */
    0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, /* Orientation, SHORT, 1, 6 */
    0, 0, 0, 0,                       /* no next IFD */
  };
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, data + 2, len - 2);
  return g_byte_array_free_to_bytes (out);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static char *
page_text (PopplerDocument *document,
           int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, index);

  return poppler_page_get_text (page);
}

static char *
all_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autofree char *part = page_text (document, i);

      g_string_append (text, part);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static guint
count_images (PopplerDocument *document)
{
  guint n = 0;

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      GList *mapping = poppler_page_get_image_mapping (page);

      n += g_list_length (mapping);
      poppler_page_free_image_mapping (mapping);
    }
  return n;
}

static void
write_pdf (TandemPackDoc *doc,
           const char    *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_pack_doc_write_file (doc, path, NULL, &error));
  g_assert_no_error (error);
}

static char *
page_of_cb (TandemPackDoc *doc,
            guint          page,
            guint          n_pages,
            gpointer       user_data)
{
  return g_strdup_printf ("Page %u of %u", page, n_pages);
}

static void
test_text_in_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  const char *expected[] = {
    "What we have enjoyed seeing", "Amira built a tall tower", "Outdoors",
    "Splashing in puddles", "Counting the steps", "Next meeting", "Tuesday 3 March",
    "Ideas to try at home",
  };
  const char *last;

  tandem_pack_doc_add_heading (doc, 1, "What we have enjoyed seeing");
  tandem_pack_doc_add_paragraph (doc, "Amira built a tall tower with the big blocks.",
                                 TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_heading (doc, 2, "Outdoors");
  tandem_pack_doc_add_bullet (doc, "Splashing in puddles", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_bullet (doc, "Counting the steps", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_begin_table (doc, 0.3, TANDEM_PACK_TABLE_LABELS);
  tandem_pack_doc_add_row (doc, "Next meeting", "Tuesday 3 March");
  tandem_pack_doc_add_heading (doc, 1, "Ideas to try at home");
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  g_assert_cmpuint (tandem_pack_doc_get_n_pages (doc), ==, 1);
  text = all_text (pdf);
  last = text;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *found = strstr (text, expected[i]);

      g_assert_nonnull (found);
      g_assert_true (found >= last);
      last = found;
    }
}

static void
test_text_is_literal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  tandem_pack_doc_add_heading (doc, 1, "<i>Heading</i>");
  tandem_pack_doc_add_paragraph (doc, "Tom said <b>&amp; 3 < 4 & \"yes\"", TANDEM_PACK_TEXT_BOLD);
  tandem_pack_doc_add_bullet (doc, "<span>list</span>", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_row (doc, "&lt;", "<u>");
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  text = all_text (pdf);
  g_assert_nonnull (strstr (text, "<i>Heading</i>"));
  g_assert_nonnull (strstr (text, "Tom said <b>&amp; 3 < 4 & \"yes\""));
  g_assert_nonnull (strstr (text, "<span>list</span>"));
  g_assert_nonnull (strstr (text, "&lt;"));
  g_assert_nonnull (strstr (text, "<u>"));
}

static void
fill (TandemPackDoc *doc,
      guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Observation %u", i + 1);

      tandem_pack_doc_add_heading (doc, 2, heading);
      tandem_pack_doc_add_paragraph (doc,
                                     "Today we went on a walk to the park and collected "
                                     "leaves of every colour we could find. Back inside we "
                                     "sorted them by size and made a collage together.",
                                     TANDEM_PACK_TEXT_NORMAL);
    }
}

static void
test_pages_and_footers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  int n_pages;

  tandem_pack_doc_set_footer_func (doc, page_of_cb, NULL, NULL);
  fill (doc, 40);
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  n_pages = poppler_document_get_n_pages (pdf);
  g_assert_cmpint (n_pages, >=, 3);
  g_assert_cmpuint (tandem_pack_doc_get_n_pages (doc), ==, n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *page = page_text (pdf, i);
      g_autofree char *footer = g_strdup_printf ("Page %d of %d", i + 1, n_pages);

      g_assert_nonnull (strstr (page, footer));
    }

  /* Nothing lost or repeated at the page breaks. */
  text = all_text (pdf);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Observation %u\n", i + 1);
      const char *found = strstr (text, heading);

      g_assert_nonnull (found);
      g_assert_null (strstr (found + 1, heading));
    }
}

static void
test_jpeg_embedded_as_is (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GBytes) jpeg = make_image (640, 480, 1, "jpeg");
  g_autoptr(GBytes) other = make_image (480, 640, 2, "jpeg");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len, jpeg_len;
  const guint8 *jpeg_data = g_bytes_get_data (jpeg, &jpeg_len);
  const char *found;

  g_assert_true (tandem_pack_doc_add_image (doc, jpeg, 200, 200, "Building a tower", &error));
  g_assert_no_error (error);
  g_assert_true (tandem_pack_doc_add_image (doc, other, 200, 200, NULL, &error));
  g_assert_true (tandem_pack_doc_add_image (doc, jpeg, 100, 100, NULL, &error));
  write_pdf (doc, f->path);

  /* The whole JPEG, byte for byte, and only once although shown twice. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  found = memmem (contents, len, jpeg_data, jpeg_len);
  g_assert_nonnull (found);
  g_assert_null (memmem (found + 1, len - (found + 1 - contents), jpeg_data, 4096));
  g_assert_cmpuint (len, <, jpeg_len + g_bytes_get_size (other) + 60 * 1024);

  pdf = open_pdf (f->path);
  g_assert_cmpuint (count_images (pdf), ==, 3);
  {
    g_autofree char *text = all_text (pdf);

    g_assert_nonnull (strstr (text, "Building a tower"));
  }
}

/* Whether the pixel at (@x, @y) is mostly red. */
static gboolean
is_red (cairo_surface_t *surface,
        int              x,
        int              y)
{
  guint32 pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                           + y * cairo_image_surface_get_stride (surface)
                                           + x * 4);

  return ((pixel >> 16) & 0xff) > 200 && ((pixel >> 8) & 0xff) < 60 && (pixel & 0xff) < 60;
}

static void
test_jpeg_orientation (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 400, 200);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) rotated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int left = G_MAXINT, right = -1, top = G_MAXINT, bottom = -1;
  gchar *buffer;
  gsize len;

  /* Blue, with the stored top-left corner red. */
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 400; x++)
      {
        guchar *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;
        gboolean corner = x < 100 && y < 50;

        p[0] = corner ? 255 : 0;
        p[1] = 0;
        p[2] = corner ? 0 : 255;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, NULL));
  plain = g_bytes_new_take (buffer, len);
  rotated = with_orientation (plain);

  g_assert_true (tandem_pack_doc_add_image (doc, rotated, 300, 300, NULL, &error));
  g_assert_no_error (error);
  write_pdf (doc, f->path);

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_nonnull (memmem (contents, len, g_bytes_get_data (rotated, NULL),
                            g_bytes_get_size (rotated)));

  /* Rendered at a pixel a point: stored 400×200, shown upright as 150×300
   * with the red corner now at the top right. (poppler's image mapping does
   * not follow rotations, so look at the pixels.) */
  pdf = open_pdf (f->path);
  page = poppler_document_get_page (pdf, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < 842; y++)
    for (int x = 0; x < 596; x++)
      {
        guint32 pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                                 + y * cairo_image_surface_get_stride (surface)
                                                 + x * 4);

        if ((pixel & 0xffffff) != 0xffffff)
          {
            left = MIN (left, x);
            right = MAX (right, x);
            top = MIN (top, y);
            bottom = MAX (bottom, y);
          }
      }
  g_assert_cmpint (ABS (right - left + 1 - 150), <=, 2);
  g_assert_cmpint (ABS (bottom - top + 1 - 300), <=, 2);
  g_assert_true (is_red (surface, right - 10, top + 10));
  g_assert_false (is_red (surface, left + 10, top + 10));
  g_assert_false (is_red (surface, right - 10, bottom - 10));
  cairo_surface_destroy (surface);
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GBytes) png = make_image (120, 60, 4, "png");
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a picture", 13);
  g_autoptr(GError) error = NULL;

  g_assert_true (tandem_pack_doc_add_image (doc, png, 0, 90, "Our logo", &error));
  g_assert_no_error (error);
  g_assert_false (tandem_pack_doc_add_image (doc, junk, 0, 0, NULL, &error));
  g_assert_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_IMAGE);
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  g_assert_cmpuint (count_images (pdf), ==, 1);
}

/* The left edges of each occurrence's first rectangle for @needle. */
static double
text_x (PopplerPage *page,
        const char  *needle)
{
  GList *found = poppler_page_find_text (page, needle);
  double x;

  g_assert_nonnull (found);
  x = ((PopplerRectangle *) found->data)->x1;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return x;
}

/* The left and right edges of what is drawn on @page. */
static void
ink_extents (PopplerPage *page,
             int         *left,
             int         *right)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  *left = G_MAXINT;
  *right = -1;
  for (int y = 0; y < 842; y++)
    for (int x = 0; x < 596; x++)
      {
        guint32 pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                                 + y * cairo_image_surface_get_stride (surface)
                                                 + x * 4);

        if ((pixel & 0xffffff) != 0xffffff)
          {
            *left = MIN (*left, x);
            *right = MAX (*right, x);
          }
      }
  cairo_surface_destroy (surface);
}

/* @text with only its letters: poppler gives Arabic back glyph by glyph,
 * each between bidi controls, in logical order but with word spaces moved
 * by a letter, so only the letters can be compared. */
static char *
letters_only (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
test_right_to_left (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *read_back = NULL;
  g_autofree char *expected = NULL;
  const char *arabic = "استمتعت أميرة باللعب في الحديقة";
  double width, height;
  int left, right;

  tandem_pack_doc_set_language (doc, "ar");
  tandem_pack_doc_set_direction (doc, PANGO_DIRECTION_RTL);
  tandem_pack_doc_add_paragraph (doc, arabic, TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_page_break (doc);
  /* Practitioners' own words may be English: they keep their direction. */
  tandem_pack_doc_add_paragraph (doc, "Written in English", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_row (doc, "FIRSTCELL", "SECONDCELL");
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);

  /* The Arabic paragraph, alone on the first page, reads back and is drawn
   * on the right half. */
  text = poppler_page_get_text (page);
  read_back = letters_only (text);
  expected = letters_only (arabic);
  g_assert_cmpstr (read_back, ==, expected);
  ink_extents (page, &left, &right);
  g_assert_cmpint (left, >, width / 2);
  g_assert_cmpint (right, >, width * 3 / 4);
  g_clear_object (&page);

  page = poppler_document_get_page (pdf, 1);
  g_assert_cmpfloat (text_x (page, "Written in English"), <, width / 4);
  /* The first column is on the right. */
  g_assert_cmpfloat (text_x (page, "FIRSTCELL"), >, width / 2);
  g_assert_cmpfloat (text_x (page, "SECONDCELL"), <, width / 2);
  g_assert_cmpuint (tandem_pack_doc_get_n_unknown_glyphs (doc), ==, 0);
}

static void
test_large_print (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TandemPackDoc) normal = tandem_pack_doc_new ();
  g_autoptr(TandemPackDoc) large = tandem_pack_doc_new ();
  g_autofree char *large_path = g_build_filename (f->dir, "large.pdf", NULL);
  g_autoptr(PopplerDocument) normal_pdf = NULL;
  g_autoptr(PopplerDocument) large_pdf = NULL;

  fill (normal, 20);
  fill (large, 20);
  tandem_pack_doc_set_scale (large, 1.5);
  write_pdf (normal, f->path);
  write_pdf (large, large_path);

  normal_pdf = open_pdf (f->path);
  large_pdf = open_pdf (large_path);
  g_assert_cmpint (poppler_document_get_n_pages (large_pdf), >=,
                   poppler_document_get_n_pages (normal_pdf) * 3 / 2);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "pack.pdf", NULL);
  g_autoptr(GError) error = NULL;

  tandem_pack_doc_add_paragraph (doc, "Hello", TANDEM_PACK_TEXT_NORMAL);
  g_assert_false (tandem_pack_doc_write_file (doc, path, NULL, &error));
  g_assert_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "pack.pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static char *
cancel_on_page_2_cb (TandemPackDoc *doc,
                     guint          page,
                     guint          n_pages,
                     gpointer       user_data)
{
  if (page == 2)
    g_cancellable_cancel (user_data);
  return NULL;
}

static void
test_cancelled_leaves_old_file (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.pdf", NULL);
  gsize before_len, after_len;

  tandem_pack_doc_add_paragraph (doc, "The old pack", TANDEM_PACK_TEXT_NORMAL);
  write_pdf (doc, f->path);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));
  tandem_test_assert_mode (f->path, 0600);

  fill (doc, 40);
  tandem_pack_doc_set_footer_func (doc, cancel_on_page_2_cb, g_object_ref (cancellable),
                                   g_object_unref);
  g_assert_false (tandem_pack_doc_write_file (doc, f->path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (tandem_pack_doc_write_file (doc, fresh, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The old file as it was, no new one, no temporary left behind. */
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "pack.pdf");
  g_assert_null (g_dir_read_name (dir));
}

static void
test_metadata (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *title = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  tandem_pack_doc_set_title (doc, "Crynodeb Amira — Hydref");
  tandem_pack_doc_set_language (doc, "cy");
  tandem_pack_doc_add_heading (doc, 1, "Beth rydyn ni wedi mwynhau ei weld");
  tandem_pack_doc_add_paragraph (doc, "Helo", TANDEM_PACK_TEXT_NORMAL);
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  title = poppler_document_get_title (pdf);
  g_assert_cmpstr (title, ==, "Crynodeb Amira — Hydref");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  {
    g_autofree char *text = all_text (pdf);

    g_assert_nonnull (strstr (text, "Helo"));
  }

  /* The language is in the catalog of the last revision. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_nonnull (memmem (contents, len, "/Lang (cy)", 10));
  g_assert_nonnull (memmem (contents, len, "/Prev ", 6));
  g_assert_cmpmem (contents + len - 6, 6, "%%EOF\n", 6);
}

static void
test_bytes_and_combined (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TandemPackDoc) english = tandem_pack_doc_new ();
  g_autoptr(TandemPackDoc) welsh = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  TandemPackDoc *both[2];
  gsize len;

  tandem_pack_doc_set_language (english, "en");
  tandem_pack_doc_set_title (english, "Pack for Sam");
  tandem_pack_doc_set_footer_func (english, page_of_cb, NULL, NULL);
  fill (english, 30);
  tandem_pack_doc_set_language (welsh, "cy");
  tandem_pack_doc_set_title (welsh, "Pecyn i Siân");
  tandem_pack_doc_set_footer_func (welsh, page_of_cb, NULL, NULL);
  tandem_pack_doc_add_paragraph (welsh, "Bore da", TANDEM_PACK_TEXT_NORMAL);

  bytes = tandem_pack_doc_write_bytes (english, NULL, &error);
  g_assert_no_error (error);
  pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, tandem_pack_doc_get_n_pages (english));
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
  g_clear_object (&pdf);

  both[0] = english;
  both[1] = welsh;
  g_assert_true (tandem_pack_write_file (both, 2, "Room packs", f->path, NULL, &error));
  g_assert_no_error (error);
  pdf = open_pdf (f->path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==,
                   tandem_pack_doc_get_n_pages (english) + 1);
  {
    g_autofree char *last = page_text (pdf, poppler_document_get_n_pages (pdf) - 1);
    g_autofree char *title = poppler_document_get_title (pdf);

    g_assert_nonnull (strstr (last, "Bore da"));
    g_assert_nonnull (strstr (last, "Page 1 of 1"));
    g_assert_cmpstr (title, ==, "Room packs");
  }
  /* Two languages: no single /Lang to give. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_null (memmem (contents, len, "/Lang", 5));
}

static guint
page_with (PopplerDocument *pdf,
           const char      *needle)
{
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text (pdf, i);

      if (strstr (text, needle) != NULL)
        return i + 1;
    }
  return 0;
}

static void
test_keep_together (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;

  /* Nearly a page of space (A4 is 842 points): a heading alone would still
   * fit, but not with the start of its paragraph. */
  tandem_pack_doc_add_paragraph (doc, "Top", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_space (doc, 680);
  tandem_pack_doc_add_heading (doc, 2, "Kept heading");
  tandem_pack_doc_add_paragraph (doc, "First line of the section\nsecond\nthird\nfourth",
                                 TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_page_break (doc);
  tandem_pack_doc_add_page_break (doc);
  tandem_pack_doc_add_space (doc, 100);
  tandem_pack_doc_add_paragraph (doc, "Filler", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_space (doc, 600);
  tandem_pack_doc_begin_keep_together (doc);
  tandem_pack_doc_add_paragraph (doc, "Slip start", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_writing_space (doc, "Your comments", 6);
  tandem_pack_doc_add_paragraph (doc, "Slip end", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_end_keep_together (doc);
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  g_assert_cmpuint (page_with (pdf, "Top"), ==, 1);
  g_assert_cmpuint (page_with (pdf, "Kept heading"), ==, 2);
  g_assert_cmpuint (page_with (pdf, "First line"), ==, 2);
  /* Two page breaks in a row make one; the slip moves whole to page 4. */
  g_assert_cmpuint (page_with (pdf, "Filler"), ==, 3);
  g_assert_cmpuint (page_with (pdf, "Slip start"), ==, 4);
  g_assert_cmpuint (page_with (pdf, "Your comments"), ==, 4);
  g_assert_cmpuint (page_with (pdf, "Slip end"), ==, 4);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 4);
}

static double
text_y (PopplerPage *page,
        const char  *needle)
{
  GList *found = poppler_page_find_text (page, needle);
  double y;

  g_assert_nonnull (found);
  y = ((PopplerRectangle *) found->data)->y1;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return y;
}

static void
test_space (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerPage) first = NULL;
  g_autoptr(PopplerPage) second = NULL;
  g_autoptr(PopplerPage) third = NULL;

  /* Kept at the top of the document and after a page break; gone where a
   * paragraph ran over onto the next page. */
  tandem_pack_doc_add_space (doc, 300);
  tandem_pack_doc_add_paragraph (doc, "Lowered title", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_page_break (doc);
  tandem_pack_doc_add_paragraph (doc, "Second page", TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_space (doc, 700);
  tandem_pack_doc_add_space (doc, 200);
  tandem_pack_doc_add_paragraph (doc, "Third page", TANDEM_PACK_TEXT_NORMAL);
  write_pdf (doc, f->path);

  pdf = open_pdf (f->path);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 3);
  first = poppler_document_get_page (pdf, 0);
  second = poppler_document_get_page (pdf, 1);
  third = poppler_document_get_page (pdf, 2);
  g_assert_cmpfloat (fabs (text_y (first, "Lowered title") - text_y (second, "Second page")), >, 290);
  g_assert_cmpfloat (fabs (text_y (third, "Third page") - text_y (second, "Second page")), <, 1);
}

static void
test_unknown_glyphs (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_doc_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  tandem_pack_doc_add_paragraph (doc, "Plain English", TANDEM_PACK_TEXT_NORMAL);
  bytes = tandem_pack_doc_write_bytes (doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_pack_doc_get_n_unknown_glyphs (doc), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Private-use characters: no font has them. */
  tandem_pack_doc_add_paragraph (doc, "\xf3\xb0\x80\x80\xf3\xb0\x80\x81", TANDEM_PACK_TEXT_NORMAL);
  bytes = tandem_pack_doc_write_bytes (doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tandem_pack_doc_get_n_unknown_glyphs (doc), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pack/text-in-order", test_text_in_order);
  ADD ("/pack/text-is-literal", test_text_is_literal);
  ADD ("/pack/pages-and-footers", test_pages_and_footers);
  ADD ("/pack/jpeg-embedded-as-is", test_jpeg_embedded_as_is);
  ADD ("/pack/jpeg-orientation", test_jpeg_orientation);
  ADD ("/pack/png", test_png);
  ADD ("/pack/right-to-left", test_right_to_left);
  ADD ("/pack/large-print", test_large_print);
  ADD ("/pack/unwritable", test_unwritable);
  ADD ("/pack/cancelled-leaves-old-file", test_cancelled_leaves_old_file);
  ADD ("/pack/metadata", test_metadata);
  ADD ("/pack/bytes-and-combined", test_bytes_and_combined);
  ADD ("/pack/keep-together", test_keep_together);
  ADD ("/pack/space", test_space);
  ADD ("/pack/unknown-glyphs", test_unknown_glyphs);
#undef ADD

  return g_test_run ();
}
