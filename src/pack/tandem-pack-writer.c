/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-pack-error.h"
#include "tandem-pack-image.h"
#include "tandem-pack-layout.h"
#include "tandem-pack-pdf-lang.h"
#include "tandem-pack-writer.h"

/* Enough of the end of the PDF to hold its catalog, cross-reference table
 * and trailer, which cairo writes last. */
#define TAIL_KEEP (128 * 1024)

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
  guint64        length;
  GByteArray    *tail;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable,
                                  &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  sink->length += length;
  g_byte_array_append (sink->tail, data, length);
  if (sink->tail->len > 2 * TAIL_KEEP)
    g_byte_array_remove_range (sink->tail, 0, sink->tail->len - TAIL_KEEP);
  return CAIRO_STATUS_SUCCESS;
}

/* The language all @docs share, or NULL. */
static const char *
common_language (TandemPackDoc * const *docs,
                 guint                 n_docs)
{
  const char *language = tandem_pack_doc_get_language (docs[0]);

  for (guint i = 1; i < n_docs; i++)
    if (g_strcmp0 (language, tandem_pack_doc_get_language (docs[i])) != 0)
      return NULL;
  return language;
}

static gboolean
draw_documents (TandemPackDoc * const *docs,
                guint                 n_docs,
                cairo_surface_t      *pdf,
                TandemPackImageCache *cache,
                Sink                 *sink)
{
  cairo_t *cr = cairo_create (pdf);
  guint first_page = 1;

  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(TandemPackLayout) layout = tandem_pack_layout_new (docs[i], cr);
      guint n_pages = tandem_pack_layout_get_n_pages (layout);
      int parent = CAIRO_PDF_OUTLINE_ROOT;
      const char *title = tandem_pack_doc_get_title (docs[i]);

      for (guint page = 0; page < n_pages; page++)
        {
          if (sink->error == NULL)
            g_cancellable_set_error_if_cancelled (sink->cancellable, &sink->error);
          if (sink->error != NULL)
            break;
          tandem_pack_layout_draw_page (layout, cr, page, cache);
          cairo_show_page (cr);
        }
      /* Outline entries only point at pages that exist: cairo 1.16 crashes
       * finishing a PDF whose outline names a page never drawn. */
      if (sink->error != NULL)
        break;

      /* In a combined PDF each document is a branch of the outline. */
      if (n_docs > 1 && title != NULL)
        {
          g_autofree char *link = g_strdup_printf ("page=%u", first_page);

          parent = cairo_pdf_surface_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, title, link,
                                                  CAIRO_PDF_OUTLINE_FLAG_OPEN);
        }
      tandem_pack_layout_add_outline (layout, pdf, parent, first_page);
      first_page += n_pages;
    }

  cairo_destroy (cr);
  return sink->error == NULL;
}

/**
 * tandem_pack_write_stream:
 * @docs: (array length=n_docs): the documents, in order
 * @n_docs: how many, at least one
 * @title: (nullable): the PDF's title; %NULL for the first document's
 * @stream: where the PDF goes; left open
 * @cancellable: (nullable): checked before each page
 * @error: return location for an error
 *
 * Writes the documents as one PDF, each starting on a new page with its own
 * page numbers. The PDF's /Lang is the documents' language when they share
 * one.
 *
 * Returns: whether the whole PDF was written
 */
gboolean
tandem_pack_write_stream (TandemPackDoc * const *docs,
                          guint                 n_docs,
                          const char           *title,
                          GOutputStream        *stream,
                          GCancellable         *cancellable,
                          GError              **error)
{
  Sink sink = { stream, cancellable, NULL, 0, NULL };
  TandemPackImageCache *cache;
  cairo_surface_t *pdf;
  cairo_status_t status;
  const char *language;

  g_return_val_if_fail (docs != NULL && n_docs > 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sink.tail = g_byte_array_new ();
  cache = tandem_pack_image_cache_new ();
  pdf = cairo_pdf_surface_create_for_stream (write_cb, &sink,
                                             TANDEM_PACK_PAGE_WIDTH, TANDEM_PACK_PAGE_HEIGHT);
  if (title == NULL)
    title = tandem_pack_doc_get_title (docs[0]);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Tandem");

  draw_documents (docs, n_docs, pdf, cache, &sink);

  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  /* Only now: cairo refers to the pictures' surfaces until it is finished. */
  tandem_pack_image_cache_free (cache);

  language = common_language (docs, n_docs);
  if (sink.error == NULL && status == CAIRO_STATUS_SUCCESS && language != NULL)
    {
      g_autofree char *update = tandem_pack_pdf_lang_update (sink.tail->data, sink.tail->len,
                                                             sink.length, language);

      if (update != NULL)
        g_output_stream_write_all (stream, update, strlen (update), NULL, cancellable,
                                   &sink.error);
      else
        g_debug ("Could not add /Lang (%s) to the PDF", language);
    }
  g_byte_array_unref (sink.tail);

  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_FAILED,
                   /* Translators: %s is cairo's (English) description of the problem */
                   _("The document could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
set_save_error (GError     **error,
                const char  *path,
                const char  *reason)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_WRITE,
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not save the PDF “%s”: %s"), name, reason);
}

/**
 * tandem_pack_write_file:
 * @docs: (array length=n_docs): the documents, in order
 * @n_docs: how many, at least one
 * @title: (nullable): the PDF's title; %NULL for the first document's
 * @path: the PDF file to write
 * @cancellable: (nullable): checked before each page
 * @error: return location for a #TANDEM_PACK_ERROR_WRITE, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Writes the documents as one PDF file, readable only by its owner since it
 * holds a child's details. The PDF is written to a hidden file beside @path,
 * flushed to disk and then renamed, so @path is either the old file or the
 * whole new one, never half of it, whatever happens meanwhile.
 *
 * Returns: whether the file was written
 */
gboolean
tandem_pack_write_file (TandemPackDoc * const *docs,
                        guint                 n_docs,
                        const char           *title,
                        const char           *path,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GOutputStream) raw = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  g_return_val_if_fail (docs != NULL && n_docs > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  /* g_file_replace() would write a new file in place, where a crash leaves
   * half a PDF under the real name; only an existing file gets a temporary. */
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_save_error (error, path, g_strerror (errno));
      return FALSE;
    }

  raw = g_unix_output_stream_new (fd, TRUE);
  buffered = g_buffered_output_stream_new_sized (raw, 256 * 1024);
  if (!tandem_pack_write_stream (docs, n_docs, title, buffered, cancellable, &local_error)
      || !g_output_stream_flush (buffered, cancellable, &local_error))
    goto failed;
  if (fsync (fd) != 0)
    {
      int saved = errno;

      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved),
                           g_strerror (saved));
      goto failed;
    }
  if (!g_output_stream_close (buffered, NULL, &local_error))
    goto failed;
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved),
                           g_strerror (saved));
      goto failed;
    }
  return TRUE;

failed:
  g_output_stream_close (buffered, NULL, NULL);
  g_unlink (tmp);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || local_error->domain == TANDEM_PACK_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_save_error (error, path, local_error->message);
  return FALSE;
}

/**
 * tandem_pack_doc_write_stream:
 * @self: a document
 * @stream: where the PDF goes; left open
 * @cancellable: (nullable): checked before each page
 * @error: return location for an error
 *
 * Writes the document as a PDF to @stream.
 *
 * Returns: whether the whole PDF was written
 */
gboolean
tandem_pack_doc_write_stream (TandemPackDoc  *self,
                              GOutputStream  *stream,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), FALSE);

  return tandem_pack_write_stream (&self, 1, NULL, stream, cancellable, error);
}

/**
 * tandem_pack_doc_write_file:
 * @self: a document
 * @path: the PDF file to write
 * @cancellable: (nullable): checked before each page
 * @error: return location for an error
 *
 * Writes the document as a PDF file; see tandem_pack_write_file().
 *
 * Returns: whether the file was written
 */
gboolean
tandem_pack_doc_write_file (TandemPackDoc  *self,
                            const char     *path,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), FALSE);

  return tandem_pack_write_file (&self, 1, NULL, path, cancellable, error);
}

/**
 * tandem_pack_doc_write_bytes:
 * @self: a document
 * @cancellable: (nullable): checked before each page
 * @error: return location for an error
 *
 * Writes the document as a PDF in memory, e.g. for a preview.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @error set
 */
GBytes *
tandem_pack_doc_write_bytes (TandemPackDoc  *self,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr(GOutputStream) stream = NULL;

  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), NULL);

  stream = g_memory_output_stream_new_resizable ();
  if (!tandem_pack_write_stream (&self, 1, NULL, stream, cancellable, error)
      || !g_output_stream_close (stream, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}
