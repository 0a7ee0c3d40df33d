/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-eyfs.h"

/* The Early Years Foundation Stage statutory framework (England, 2021): its
 * seven areas of learning, the headings of the early learning goals under
 * them, and the characteristics of effective learning. The codes are stored
 * in the database and must never change; the names are translated where
 * they are shown. */

static const TandemEyfsArea areas[] = {
  { "cl",
    /* Translators: an area of learning of the EYFS framework. */
    N_("Communication and Language"),
    /* Translators: what the area of learning "Communication and Language" means, in
     * plain words for families. */
    N_("Talking, listening and understanding") },
  { "psed",
    /* Translators: an area of learning of the EYFS framework. */
    N_("Personal, Social and Emotional Development"),
    /* Translators: what the area of learning "Personal, Social and Emotional
     * Development" means, in plain words for families. */
    N_("Feelings, friendships and looking after themselves") },
  { "pd",
    /* Translators: an area of learning of the EYFS framework. */
    N_("Physical Development"),
    /* Translators: what the area of learning "Physical Development" means, in plain
     * words for families. */
    N_("Moving, balancing and using their hands") },
  { "lit",
    /* Translators: an area of learning of the EYFS framework. */
    N_("Literacy"),
    /* Translators: what the area of learning "Literacy" means, in plain words for
     * families. */
    N_("Stories, books, early reading and mark-making") },
  { "maths",
    /* Translators: an area of learning of the EYFS framework. */
    N_("Mathematics"),
    /* Translators: what the area of learning "Mathematics" means, in plain words for
     * families. */
    N_("Numbers, counting, shapes and patterns") },
  { "utw",
    /* Translators: an area of learning of the EYFS framework. */
    N_("Understanding the World"),
    /* Translators: what the area of learning "Understanding the World" means, in plain
     * words for families. */
    N_("People, places, nature and how things work") },
  { "ead",
    /* Translators: an area of learning of the EYFS framework. */
    N_("Expressive Arts and Design"),
    /* Translators: what the area of learning "Expressive Arts and Design" means, in
     * plain words for families. */
    N_("Making, music, dance and pretend play") },
};

static const TandemEyfsAspect aspects[] = {
  /* Translators: an aspect of "Communication and Language" (an early learning goal). */
  { "cl.listening", "cl", N_("Listening, Attention and Understanding") },
  /* Translators: an aspect of "Communication and Language" (an early learning goal). */
  { "cl.speaking", "cl", N_("Speaking") },
  /* Translators: an aspect of "Personal, Social and Emotional Development": managing
   * one's feelings and behaviour. */
  { "psed.self_regulation", "psed", N_("Self-Regulation") },
  /* Translators: an aspect of "Personal, Social and Emotional Development":
   * independence, confidence and looking after oneself. */
  { "psed.managing_self", "psed", N_("Managing Self") },
  /* Translators: an aspect of "Personal, Social and Emotional Development". */
  { "psed.relationships", "psed", N_("Building Relationships") },
  /* Translators: an aspect of "Physical Development": large movements of the body. */
  { "pd.gross_motor", "pd", N_("Gross Motor") },
  /* Translators: an aspect of "Physical Development": small movements of the hands. */
  { "pd.fine_motor", "pd", N_("Fine Motor") },
  /* Translators: an aspect of "Literacy": understanding stories and books. */
  { "lit.comprehension", "lit", N_("Comprehension") },
  /* Translators: an aspect of "Literacy". */
  { "lit.word_reading", "lit", N_("Word Reading") },
  /* Translators: an aspect of "Literacy". */
  { "lit.writing", "lit", N_("Writing") },
  /* Translators: an aspect of "Mathematics". */
  { "maths.number", "maths", N_("Number") },
  /* Translators: an aspect of "Mathematics". */
  { "maths.patterns", "maths", N_("Numerical Patterns") },
  /* Translators: an aspect of "Understanding the World". */
  { "utw.past_present", "utw", N_("Past and Present") },
  /* Translators: an aspect of "Understanding the World". */
  { "utw.people_culture", "utw", N_("People, Culture and Communities") },
  /* Translators: an aspect of "Understanding the World". */
  { "utw.natural_world", "utw", N_("The Natural World") },
  /* Translators: an aspect of "Expressive Arts and Design". */
  { "ead.materials", "ead", N_("Creating with Materials") },
  /* Translators: an aspect of "Expressive Arts and Design". */
  { "ead.imaginative", "ead", N_("Being Imaginative and Expressive") },
};

static const TandemCharacteristic characteristics[] = {
  /* Translators: a characteristic of effective learning (EYFS). */
  { "playing", N_("Playing and exploring") },
  /* Translators: a characteristic of effective learning (EYFS). */
  { "active", N_("Active learning") },
  /* Translators: a characteristic of effective learning (EYFS). */
  { "creating", N_("Creating and thinking critically") },
};

/**
 * tandem_eyfs_areas:
 * @n_areas: (out): how many
 *
 * Returns: (array length=n_areas) (transfer none): the seven areas, in the
 *   framework's order
 */
const TandemEyfsArea *
tandem_eyfs_areas (guint *n_areas)
{
  *n_areas = G_N_ELEMENTS (areas);
  return areas;
}

/**
 * tandem_eyfs_aspects:
 * @n_aspects: (out): how many
 *
 * Returns: (array length=n_aspects) (transfer none): the seventeen aspects,
 *   grouped by area in the areas' order
 */
const TandemEyfsAspect *
tandem_eyfs_aspects (guint *n_aspects)
{
  *n_aspects = G_N_ELEMENTS (aspects);
  return aspects;
}

/**
 * tandem_characteristics:
 * @n_items: (out): how many
 *
 * Returns: (array length=n_items) (transfer none): the three characteristics
 *   of effective learning
 */
const TandemCharacteristic *
tandem_characteristics (guint *n_items)
{
  *n_items = G_N_ELEMENTS (characteristics);
  return characteristics;
}

/**
 * tandem_eyfs_find_area:
 * @code: (nullable): an area code, e.g. `cl`
 *
 * Returns: (nullable) (transfer none): the area
 */
const TandemEyfsArea *
tandem_eyfs_find_area (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (areas); i++)
    if (strcmp (areas[i].code, code) == 0)
      return &areas[i];
  return NULL;
}

/**
 * tandem_eyfs_find_aspect:
 * @code: (nullable): an aspect code, e.g. `cl.speaking`
 *
 * Returns: (nullable) (transfer none): the aspect
 */
const TandemEyfsAspect *
tandem_eyfs_find_aspect (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (aspects); i++)
    if (strcmp (aspects[i].code, code) == 0)
      return &aspects[i];
  return NULL;
}

/**
 * tandem_characteristic_find:
 * @code: (nullable): a characteristic's code, e.g. `playing`
 *
 * Returns: (nullable) (transfer none): the characteristic
 */
const TandemCharacteristic *
tandem_characteristic_find (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (characteristics); i++)
    if (strcmp (characteristics[i].code, code) == 0)
      return &characteristics[i];
  return NULL;
}

/**
 * tandem_eyfs_area_of:
 * @code: (nullable): an area or aspect code
 *
 * Returns: (nullable) (transfer none): the code of the area @code is or
 *   belongs to (`cl` for both `cl` and `cl.speaking`), or %NULL if @code is
 *   neither
 */
const char *
tandem_eyfs_area_of (const char *code)
{
  const TandemEyfsArea *area = tandem_eyfs_find_area (code);
  const TandemEyfsAspect *aspect;

  if (area != NULL)
    return area->code;
  aspect = tandem_eyfs_find_aspect (code);
  return aspect != NULL ? aspect->area : NULL;
}

/* Codes are written by the program as a comma-separated list without
 * spaces; anything else came from a damaged or foreign file. */
static gboolean
codes_valid (const char   *codes,
             gboolean      characteristic,
             GError      **error)
{
  g_auto(GStrv) parts = NULL;

  if (codes == NULL || *codes == '\0')
    return TRUE;

  parts = g_strsplit (codes, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean known = characteristic ? tandem_characteristic_find (parts[i]) != NULL
                                      : tandem_eyfs_area_of (parts[i]) != NULL;

      if (!known)
        {
          if (characteristic)
            /* Translators: %s is an unrecognised code from a file, e.g. "playng". */
            g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                         _("“%s” is not a characteristic of effective learning."), parts[i]);
          else
            /* Translators: %s is an unrecognised code from a file, e.g. "cl.singing". */
            g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                         _("“%s” is not an area of learning or one of its aspects."),
                         parts[i]);
          return FALSE;
        }

      for (guint k = 0; k < i; k++)
        if (g_str_equal (parts[k], parts[i]))
          {
            /* Translators: %s is a code that appears twice in a list. */
            g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                         _("“%s” is listed twice."), parts[i]);
            return FALSE;
          }
    }

  return TRUE;
}

/**
 * tandem_eyfs_codes_valid:
 * @codes: (nullable): comma-separated area and aspect codes, e.g.
 *   `cl.speaking,pd`
 * @error: where to put the first code that is not one
 *
 * Returns: %TRUE if every code is an area or an aspect and none is repeated;
 *   no codes at all is valid
 */
gboolean
tandem_eyfs_codes_valid (const char  *codes,
                         GError     **error)
{
  return codes_valid (codes, FALSE, error);
}

/**
 * tandem_characteristic_codes_valid:
 * @codes: (nullable): comma-separated characteristic codes, e.g.
 *   `playing,creating`
 * @error: where to put the first code that is not one
 *
 * Returns: %TRUE if every code is a characteristic of effective learning and
 *   none is repeated; no codes at all is valid
 */
gboolean
tandem_characteristic_codes_valid (const char  *codes,
                                   GError     **error)
{
  return codes_valid (codes, TRUE, error);
}
