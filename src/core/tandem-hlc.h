/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TandemHlc:
 * @wall_ms: physical part, milliseconds since the Unix epoch
 * @counter: logical part, orders events within one millisecond
 *
 * A hybrid logical clock. Its text form is 16 hexadecimal digits (12 for the
 * wall time, 4 for the counter) so that text order is time order, which lets
 * SQLite compare clocks with plain string comparison.
 */
typedef struct {
  guint64 wall_ms;
  guint16 counter;
} TandemHlc;

#define TANDEM_HLC_TEXT_LEN 16

void      tandem_hlc_tick      (TandemHlc       *clock,
                                guint64          now_ms);
void      tandem_hlc_observe   (TandemHlc       *clock,
                                const TandemHlc *remote,
                                guint64          now_ms);
int       tandem_hlc_compare   (const TandemHlc *a,
                                const TandemHlc *b);
char     *tandem_hlc_to_string (const TandemHlc *clock);
gboolean  tandem_hlc_parse     (const char      *text,
                                TandemHlc       *out);
guint64   tandem_hlc_now_ms    (void);

G_END_DECLS
