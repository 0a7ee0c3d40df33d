/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-pack-builder.h"

G_BEGIN_DECLS

/* Wording shared by the pack and the screens that make packs. Each function
 * returns the untranslated English (a msgid): translate it with _() for the
 * application's screens, or with P_() (tandem-pack-locale.h) inside a pack,
 * which is in the family's language. */

const char *tandem_pack_text_section_title  (TandemPackSections  section);
const char *tandem_pack_text_meeting_format (const char         *format);
const char *tandem_pack_text_meeting_kind   (const char         *kind);

G_END_DECLS
