/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_PDF_PREVIEW (tandem_pdf_preview_get_type ())
G_DECLARE_FINAL_TYPE (TandemPdfPreview, tandem_pdf_preview, TANDEM, PDF_PREVIEW, GtkWidget)

/* Shows a PDF page by page as poppler renders it, zoomable (Ctrl+plus,
 * Ctrl+minus, Ctrl+0, and buttons), so what is previewed is what is saved
 * and printed. */
GtkWidget *tandem_pdf_preview_new       (void);
/* Shows @pdf (NULL clears). FALSE with an error when poppler cannot read it. */
gboolean   tandem_pdf_preview_set_bytes (TandemPdfPreview *self,
                                         GBytes           *pdf,
                                         GError          **error);
GBytes    *tandem_pdf_preview_get_bytes (TandemPdfPreview *self);
guint      tandem_pdf_preview_get_n_pages (TandemPdfPreview *self);
double     tandem_pdf_preview_get_zoom  (TandemPdfPreview *self);
void       tandem_pdf_preview_set_zoom  (TandemPdfPreview *self,
                                         double            zoom);
/* Prints the shown PDF through the GTK print dialog, each page rendered by
 * poppler into the print context. @title names the print job. */
void       tandem_pdf_preview_print     (TandemPdfPreview *self,
                                         GtkWindow        *parent,
                                         const char       *title);

G_END_DECLS
