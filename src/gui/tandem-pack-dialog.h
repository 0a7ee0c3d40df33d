/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-child.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PACK_DIALOG (tandem_pack_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TandemPackDialog, tandem_pack_dialog, TANDEM, PACK_DIALOG, AdwWindow)

/* "Parent Pack" for @child: choose the carer (or the family), the period
 * (default tandem_pack_default_from() to today), the sections, the
 * language (default the carer's), bilingual and large print; a live preview
 * of the real PDF (TandemPdfPreview) rebuilt in a thread as options change;
 * Save (to a PDF file) and Print. A warning names the language and font
 * package when no installed font covers the pack's script. */
GtkWindow *tandem_pack_dialog_new            (GtkWindow     *parent,
                                              TandemStore   *store,
                                              TandemChild   *child);
/* The same dialog for a meeting invitation letter: choose the carer (the
 * invited ones), language and large print. */
GtkWindow *tandem_pack_dialog_new_invitation (GtkWindow     *parent,
                                              TandemStore   *store,
                                              const char    *meeting_id);
/* For tests: the day taken as today (ISO). */
void       tandem_pack_dialog_set_today      (TandemPackDialog *self,
                                              const char       *today);

G_END_DECLS
