/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* cairo 1.16 (Debian 12) has no way to set a PDF's /Lang, which screen
 * readers use to pick a voice. This appends an incremental update — the
 * standard way to amend a PDF — replacing the catalog with a copy that has
 * /Lang. Internal to src/pack. */
char *tandem_pack_pdf_lang_update (const guint8 *tail,
                                   gsize         tail_len,
                                   guint64       file_len,
                                   const char   *language);

G_END_DECLS
