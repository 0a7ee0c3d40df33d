/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-hlc.h"

#define WALL_MASK G_GUINT64_CONSTANT (0xffffffffffff)

guint64
tandem_hlc_now_ms (void)
{
  return (guint64) (g_get_real_time () / 1000);
}

/**
 * tandem_hlc_tick:
 * @clock: the local clock
 * @now_ms: the physical time now
 *
 * Advances @clock for a local event. The clock never goes backwards, even
 * when the system clock does.
 */
void
tandem_hlc_tick (TandemHlc *clock,
                 guint64    now_ms)
{
  g_return_if_fail (clock != NULL);

  now_ms &= WALL_MASK;
  if (now_ms > clock->wall_ms)
    {
      clock->wall_ms = now_ms;
      clock->counter = 0;
    }
  else if (clock->counter < G_MAXUINT16)
    {
      clock->counter++;
    }
  else
    {
      /* The counter is exhausted within one millisecond: borrow from the future
       * rather than reuse a value, so every event stays distinct. */
      clock->wall_ms++;
      clock->counter = 0;
    }
}

/**
 * tandem_hlc_observe:
 * @clock: the local clock
 * @remote: a clock value received from another device
 * @now_ms: the physical time now
 *
 * Merges a remote clock into @clock so that later local events order after
 * everything already seen.
 */
void
tandem_hlc_observe (TandemHlc       *clock,
                    const TandemHlc *remote,
                    guint64          now_ms)
{
  guint64 wall;

  g_return_if_fail (clock != NULL);
  g_return_if_fail (remote != NULL);

  now_ms &= WALL_MASK;
  wall = MAX (now_ms, MAX (clock->wall_ms, remote->wall_ms));

  if (wall == clock->wall_ms && wall == remote->wall_ms)
    clock->counter = MAX (clock->counter, remote->counter);
  else if (wall == remote->wall_ms)
    clock->counter = remote->counter;
  else if (wall != clock->wall_ms)
    clock->counter = 0;

  clock->wall_ms = wall;
  tandem_hlc_tick (clock, 0);
}

int
tandem_hlc_compare (const TandemHlc *a,
                    const TandemHlc *b)
{
  if (a->wall_ms != b->wall_ms)
    return a->wall_ms < b->wall_ms ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;
  return 0;
}

/**
 * tandem_hlc_to_string:
 * @clock: a clock value
 *
 * Returns: (transfer full): the 16-digit text form of @clock
 */
char *
tandem_hlc_to_string (const TandemHlc *clock)
{
  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x%04x",
                          clock->wall_ms & WALL_MASK, (guint) clock->counter);
}

gboolean
tandem_hlc_parse (const char *text,
                  TandemHlc  *out)
{
  guint64 value = 0;

  if (text == NULL || strlen (text) != TANDEM_HLC_TEXT_LEN)
    return FALSE;

  for (guint i = 0; i < TANDEM_HLC_TEXT_LEN; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (guint64) digit;
    }

  out->wall_ms = value >> 16;
  out->counter = value & 0xffff;
  return TRUE;
}
