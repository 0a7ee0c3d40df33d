/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text that mixes scripts written left to right and right to left, such as
 * a list of languages each named in its own script, laid out so that it
 * reads in the interface's direction. */

char       *tandem_languages_display (const char * const *tags);
const char *tandem_direction_mark    (void);

G_END_DECLS
