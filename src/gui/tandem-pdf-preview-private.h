/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-pdf-preview.h"

G_BEGIN_DECLS

/* For tests only. */

/* Prints to a PDF file at @path through GtkPrintOperation's export instead
 * of showing the print dialog (%NULL goes back to the dialog). */
void   _tandem_pdf_preview_set_export_filename (TandemPdfPreview *self,
                                                const char       *path);
/* How many pages have been rendered by poppler for the shown PDF so far. */
guint  _tandem_pdf_preview_get_n_rendered      (TandemPdfPreview *self);
/* Whether a render is queued or running. */
gboolean _tandem_pdf_preview_is_rendering      (TandemPdfPreview *self);
/* The widget showing page @index (from 0), or %NULL. */
GtkWidget *_tandem_pdf_preview_get_page_widget (TandemPdfPreview *self,
                                                guint             index);

G_END_DECLS
