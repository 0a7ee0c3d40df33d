/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-eyfs.h"

static void
test_areas (void)
{
  const char * const expected[] = { "cl", "psed", "pd", "lit", "maths", "utw", "ead" };
  guint n;
  const TandemEyfsArea *areas = tandem_eyfs_areas (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (areas[i].code, ==, expected[i]);
      g_assert_nonnull (areas[i].name);
      /* Every area has words a family understands, not the framework's. */
      g_assert_nonnull (areas[i].plain);
      g_assert_cmpstr (areas[i].plain, !=, areas[i].name);
      g_assert_true (tandem_eyfs_find_area (expected[i]) == &areas[i]);
    }

  g_assert_cmpstr (tandem_eyfs_find_area ("cl")->name, ==, "Communication and Language");
  g_assert_cmpstr (tandem_eyfs_find_area ("cl")->plain, ==,
                   "Talking, listening and understanding");
  g_assert_cmpstr (tandem_eyfs_find_area ("psed")->name, ==,
                   "Personal, Social and Emotional Development");
  g_assert_cmpstr (tandem_eyfs_find_area ("ead")->name, ==, "Expressive Arts and Design");
  g_assert_null (tandem_eyfs_find_area ("cl.speaking"));
  g_assert_null (tandem_eyfs_find_area ("CL"));
  g_assert_null (tandem_eyfs_find_area (NULL));
}

static void
test_aspects (void)
{
  static const struct {
    const char *code;
    const char *name;
  } expected[] = {
    { "cl.listening", "Listening, Attention and Understanding" },
    { "cl.speaking", "Speaking" },
    { "psed.self_regulation", "Self-Regulation" },
    { "psed.managing_self", "Managing Self" },
    { "psed.relationships", "Building Relationships" },
    { "pd.gross_motor", "Gross Motor" },
    { "pd.fine_motor", "Fine Motor" },
    { "lit.comprehension", "Comprehension" },
    { "lit.word_reading", "Word Reading" },
    { "lit.writing", "Writing" },
    { "maths.number", "Number" },
    { "maths.patterns", "Numerical Patterns" },
    { "utw.past_present", "Past and Present" },
    { "utw.people_culture", "People, Culture and Communities" },
    { "utw.natural_world", "The Natural World" },
    { "ead.materials", "Creating with Materials" },
    { "ead.imaginative", "Being Imaginative and Expressive" },
  };
  guint n;
  const TandemEyfsAspect *aspects = tandem_eyfs_aspects (&n);

  g_assert_cmpuint (n, ==, 17);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prefix = g_strconcat (aspects[i].area, ".", NULL);

      g_assert_cmpstr (aspects[i].code, ==, expected[i].code);
      g_assert_cmpstr (aspects[i].name, ==, expected[i].name);
      /* An aspect's code starts with its area's, and the area exists. */
      g_assert_true (g_str_has_prefix (aspects[i].code, prefix));
      g_assert_nonnull (tandem_eyfs_find_area (aspects[i].area));
      g_assert_true (tandem_eyfs_find_aspect (aspects[i].code) == &aspects[i]);
      g_assert_cmpstr (tandem_eyfs_area_of (aspects[i].code), ==, aspects[i].area);
    }

  g_assert_cmpstr (tandem_eyfs_area_of ("maths"), ==, "maths");
  g_assert_null (tandem_eyfs_area_of ("maths.algebra"));
  g_assert_null (tandem_eyfs_find_aspect ("cl"));
}

static void
test_characteristics (void)
{
  guint n;
  const TandemCharacteristic *items = tandem_characteristics (&n);

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (items[0].code, ==, "playing");
  g_assert_cmpstr (items[0].name, ==, "Playing and exploring");
  g_assert_cmpstr (items[1].code, ==, "active");
  g_assert_cmpstr (items[1].name, ==, "Active learning");
  g_assert_cmpstr (items[2].code, ==, "creating");
  g_assert_cmpstr (items[2].name, ==, "Creating and thinking critically");
  g_assert_true (tandem_characteristic_find ("active") == &items[1]);
  g_assert_null (tandem_characteristic_find ("cl"));
}

static void
test_codes_valid (void)
{
  const char * const good[] = {
    NULL, "", "cl", "cl.speaking", "cl,pd.fine_motor,ead", "utw.people_culture,maths.patterns",
  };
  const char * const bad[] = {
    "cl,", ",cl", "cl.singing", "CL", "cl, pd", "cl,cl", "playing", "cl;pd", "cl.speaking.x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (tandem_eyfs_codes_valid (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (tandem_eyfs_codes_valid (bad[i], &error));
      g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;

    /* The message names the code that is wrong. */
    g_assert_false (tandem_eyfs_codes_valid ("cl,pd.juggling", &error));
    g_assert_nonnull (strstr (error->message, "pd.juggling"));
  }

  {
    g_autoptr(GError) error = NULL;

    g_assert_true (tandem_characteristic_codes_valid ("playing,creating", NULL));
    g_assert_true (tandem_characteristic_codes_valid (NULL, NULL));
    g_assert_false (tandem_characteristic_codes_valid ("playing,cl", &error));
    g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "“cl”"));
    g_assert_false (tandem_characteristic_codes_valid ("active,active", NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eyfs/areas", test_areas);
  g_test_add_func ("/eyfs/aspects", test_aspects);
  g_test_add_func ("/eyfs/characteristics", test_characteristics);
  g_test_add_func ("/eyfs/codes-valid", test_codes_valid);

  return g_test_run ();
}
