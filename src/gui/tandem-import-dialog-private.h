/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-import-dialog.h"

G_BEGIN_DECLS

/* For tests only. */

/* "choose", "loading", "error", "problems" or "preview". */
const char *_tandem_import_dialog_get_page          (TandemImportDialog *self);
/* Checks dates of birth against @today rather than the current date, so that
 * sample files do not go stale; call it before the file has been read. */
void        _tandem_import_dialog_set_today         (TandemImportDialog *self,
                                                     const GDate        *today);
const char *_tandem_import_dialog_get_summary       (TandemImportDialog *self);
const char *_tandem_import_dialog_get_error_title   (TandemImportDialog *self);
const char *_tandem_import_dialog_get_error_message (TandemImportDialog *self);
GtkListBox *_tandem_import_dialog_get_problem_list  (TandemImportDialog *self);
GtkWidget  *_tandem_import_dialog_get_preview_box   (TandemImportDialog *self);
GtkWidget  *_tandem_import_dialog_get_import_button (TandemImportDialog *self);

G_END_DECLS
