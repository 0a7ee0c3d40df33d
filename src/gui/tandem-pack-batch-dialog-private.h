/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-pack-batch-dialog.h"

G_BEGIN_DECLS

/* For tests only. */

/* "options", "running" or "done". */
const char *_tandem_pack_batch_dialog_get_page     (TandemPackBatchDialog *self);
/* The day taken as today (ISO), for the period and who is still at the
 * setting. */
void        _tandem_pack_batch_dialog_set_today    (TandemPackBatchDialog *self,
                                                    const char            *today);
/* Writes into @folder rather than asking for one with a file chooser. */
void        _tandem_pack_batch_dialog_set_folder   (TandemPackBatchDialog *self,
                                                    const char            *folder);
/* Cancels the batch, as the Cancel button does, once @n packs are written:
 * a button press cannot be timed to fall between two packs. */
void        _tandem_pack_batch_dialog_cancel_after (TandemPackBatchDialog *self,
                                                    guint                  n);
/* The last progress shown: packs written and packs to write. */
void        _tandem_pack_batch_dialog_get_progress (TandemPackBatchDialog *self,
                                                    guint                 *done,
                                                    guint                 *total);
/* The packs the finished batch wrote, and where: the folder, or the
 * combined PDF. */
guint       _tandem_pack_batch_dialog_get_written  (TandemPackBatchDialog *self);
const char *_tandem_pack_batch_dialog_get_output   (TandemPackBatchDialog *self);
/* The message shown over the options, e.g. after a cancel; NULL if none. */
const char *_tandem_pack_batch_dialog_get_message  (TandemPackBatchDialog *self);

G_END_DECLS
