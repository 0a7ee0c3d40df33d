/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PACK_BATCH_DIALOG (tandem_pack_batch_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TandemPackBatchDialog, tandem_pack_batch_dialog, TANDEM,
                      PACK_BATCH_DIALOG, AdwWindow)

/* "Packs for a Room": choose the room (preselect @room_id when given), the
 * period, sections, large print, and either one PDF per carer in a folder or
 * one combined PDF to print; then a progress bar with Cancel while
 * tandem_pack_export_room() runs in a thread, and a summary ("28 packs
 * written") with a button to open the folder or print the combined PDF. */
GtkWindow *tandem_pack_batch_dialog_new (GtkWindow   *parent,
                                         TandemStore *store,
                                         const char  *room_id);

G_END_DECLS
