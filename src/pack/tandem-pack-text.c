/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-pack-text.h"

/**
 * tandem_pack_text_section_title:
 * @section: one section
 *
 * Returns: (transfer none): the section's title, untranslated
 */
const char *
tandem_pack_text_section_title (TandemPackSections section)
{
  switch (section)
    {
    case TANDEM_PACK_SECTION_COVER:
      /* Translators: the first page of a family's pack (a printed summary). */
      return N_("Cover");
    case TANDEM_PACK_SECTION_ENJOYED:
      /* Translators: a heading in a family's pack, over the observations of their child. */
      return N_("What we have enjoyed seeing");
    case TANDEM_PACK_SECTION_CONTRIBUTIONS:
      /* Translators: a heading in a family's pack, over what the family told the setting. */
      return N_("Your contributions");
    case TANDEM_PACK_SECTION_IDEAS:
      /* Translators: a heading in a family's pack. */
      return N_("Ideas to try at home");
    case TANDEM_PACK_SECTION_PLAN:
      /* Translators: a heading in a family's pack: the child's SEN support plan. */
      return N_("The support plan");
    case TANDEM_PACK_SECTION_NEXT_MEETING:
      /* Translators: a heading in a family's pack. */
      return N_("Our next meeting");
    case TANDEM_PACK_SECTION_BEFORE_WE_MEET:
      /* Translators: a heading in a family's pack, over questions with space to write. */
      return N_("Before we meet");
    case TANDEM_PACK_SECTION_RETURN_SLIP:
      /* Translators: a slip at the end of a family's pack, to cut off and give back. */
      return N_("Return slip");
    case TANDEM_PACK_SECTION_ALL:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * tandem_pack_text_meeting_format:
 * @format: (nullable): a code from tandem_meeting_formats()
 *
 * Returns: (transfer none): how the meeting is held, as a family reads it,
 *   untranslated; an empty string when not known
 */
const char *
tandem_pack_text_meeting_format (const char *format)
{
  if (g_strcmp0 (format, "in_person") == 0)
    /* Translators: how a meeting is held, in a family's pack. */
    return N_("In person, face to face");
  if (g_strcmp0 (format, "phone") == 0)
    /* Translators: how a meeting is held, in a family's pack. */
    return N_("By phone: we will call you");
  if (g_strcmp0 (format, "video") == 0)
    /* Translators: how a meeting is held, in a family's pack. */
    return N_("By video call: we will send you a link");
  if (g_strcmp0 (format, "home_visit") == 0)
    /* Translators: how a meeting is held, in a family's pack: the keyworker comes to the family. */
    return N_("We will visit you at home");
  return "";
}

/**
 * tandem_pack_text_meeting_kind:
 * @kind: (nullable): a code from tandem_meeting_kinds()
 *
 * The same words as tandem_meeting_kind_label(), so one translation serves
 * both.
 *
 * Returns: (transfer none): the kind of meeting, untranslated; an empty
 *   string when not known
 */
const char *
tandem_pack_text_meeting_kind (const char *kind)
{
  if (g_strcmp0 (kind, "settling_in") == 0)
    return N_("Settling-in meeting");
  if (g_strcmp0 (kind, "progress_review") == 0)
    return N_("Progress review");
  if (g_strcmp0 (kind, "two_year_check") == 0)
    /* Translators: the EYFS progress check at age two, a statutory review in England. */
    return N_("Two-year progress check");
  if (g_strcmp0 (kind, "plan_review") == 0)
    /* Translators: a review of a child's SEN support plan. */
    return N_("Support plan review");
  if (g_strcmp0 (kind, "transition") == 0)
    /* Translators: a meeting about a child moving on, e.g. to school or another room. */
    return N_("Transition meeting");
  if (g_strcmp0 (kind, "parents_evening") == 0)
    return N_("Parents’ evening");
  if (g_strcmp0 (kind, "other") == 0)
    /* Translators: a kind of meeting not otherwise listed. */
    return N_("Other meeting");
  return "";
}
