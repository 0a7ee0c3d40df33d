/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-hlc.h"

static void
test_tick_monotonic (void)
{
  TandemHlc clock = { 0, 0 };
  TandemHlc before;

  tandem_hlc_tick (&clock, 1000);
  g_assert_cmpuint (clock.wall_ms, ==, 1000);
  g_assert_cmpuint (clock.counter, ==, 0);

  /* Same millisecond: the counter moves on. */
  before = clock;
  tandem_hlc_tick (&clock, 1000);
  g_assert_cmpint (tandem_hlc_compare (&before, &clock), <, 0);
  g_assert_cmpuint (clock.counter, ==, 1);

  /* The system clock goes back: the HLC does not. */
  before = clock;
  tandem_hlc_tick (&clock, 10);
  g_assert_cmpint (tandem_hlc_compare (&before, &clock), <, 0);
  g_assert_cmpuint (clock.wall_ms, ==, 1000);
}

static void
test_counter_overflow (void)
{
  TandemHlc clock = { 5000, G_MAXUINT16 };
  TandemHlc before = clock;

  tandem_hlc_tick (&clock, 5000);
  g_assert_cmpint (tandem_hlc_compare (&before, &clock), <, 0);
  g_assert_cmpuint (clock.wall_ms, ==, 5001);
}

static void
test_observe (void)
{
  TandemHlc local = { 1000, 3 };
  TandemHlc remote = { 2000, 7 };

  /* A remote clock ahead of ours pulls us past it. */
  tandem_hlc_observe (&local, &remote, 1500);
  g_assert_cmpint (tandem_hlc_compare (&remote, &local), <, 0);
  g_assert_cmpuint (local.wall_ms, ==, 2000);
  g_assert_cmpuint (local.counter, ==, 8);

  /* Physical time ahead of both wins. */
  tandem_hlc_observe (&local, &remote, 9000);
  g_assert_cmpuint (local.wall_ms, ==, 9000);
  g_assert_cmpuint (local.counter, ==, 1);
}

static void
test_text_order (void)
{
  TandemHlc a = { 0x0123456789ab, 0xfffe };
  TandemHlc b = { 0x0123456789ac, 0x0000 };
  TandemHlc parsed;
  g_autofree char *ta = tandem_hlc_to_string (&a);
  g_autofree char *tb = tandem_hlc_to_string (&b);

  g_assert_cmpstr (ta, ==, "0123456789abfffe");
  g_assert_cmpuint (strlen (ta), ==, TANDEM_HLC_TEXT_LEN);
  /* Text order is time order, so SQLite can compare clocks as strings. */
  g_assert_cmpint (strcmp (ta, tb), <, 0);
  g_assert_true (tandem_hlc_parse (ta, &parsed));
  g_assert_cmpint (tandem_hlc_compare (&a, &parsed), ==, 0);

  g_assert_false (tandem_hlc_parse ("0123", &parsed));
  g_assert_false (tandem_hlc_parse ("0123456789abfffz", &parsed));
  g_assert_false (tandem_hlc_parse (NULL, &parsed));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hlc/tick-monotonic", test_tick_monotonic);
  g_test_add_func ("/hlc/counter-overflow", test_counter_overflow);
  g_test_add_func ("/hlc/observe", test_observe);
  g_test_add_func ("/hlc/text-order", test_text_order);

  return g_test_run ();
}
