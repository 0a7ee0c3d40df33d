/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-pack-dialog.h"
#include "tandem-pdf-preview.h"

G_BEGIN_DECLS

/* For tests only. */

TandemPdfPreview *_tandem_pack_dialog_get_preview      (TandemPackDialog *self);
/* Whether the preview is waiting to be rebuilt, being rebuilt, or a save
 * is running. */
gboolean          _tandem_pack_dialog_is_busy          (TandemPackDialog *self);
/* Save writes to @path instead of asking with the file chooser. */
void              _tandem_pack_dialog_set_save_path    (TandemPackDialog *self,
                                                        const char       *path);
/* As if @tag had been picked in the language chooser. */
void              _tandem_pack_dialog_set_language     (TandemPackDialog *self,
                                                        const char       *tag);
const char       *_tandem_pack_dialog_get_language     (TandemPackDialog *self);
/* The message shown in place of the preview, or %NULL. */
const char       *_tandem_pack_dialog_get_error        (TandemPackDialog *self);
/* The missing-font warning shown above the preview, or %NULL. */
const char       *_tandem_pack_dialog_get_font_warning (TandemPackDialog *self);

G_END_DECLS
