/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Turning a family's circumstances into adjustments to a meeting (DESIGN.md,
 * value 4: no assumptions about home). The rules are deliberately plain, one
 * circumstance to one adjustment, so that a practitioner can see why each
 * suggestion is there and accept or dismiss it; the judgement stays theirs. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tandem-adjustments.h"
#include "tandem-languages.h"

/* A carer who says they need notice without saying how much is given a
 * week: the checklist describes the circumstance as "several days’
 * notice", and a week is what settings usually mean by good notice. */
#define DEFAULT_NOTICE_DAYS 7

/**
 * tandem_adjustment_free:
 * @self: (nullable): a suggestion
 */
void
tandem_adjustment_free (TandemAdjustment *self)
{
  if (self == NULL)
    return;
  g_free (self->carer_id);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->language);
  g_free (self);
}

static TandemAdjustment *
add (GPtrArray   *out,
     TandemCarer *carer,
     const char  *kind,
     char        *title,
     const char  *detail)
{
  TandemAdjustment *adjustment = g_new0 (TandemAdjustment, 1);

  adjustment->carer_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (carer)));
  adjustment->kind = g_strdup (kind);
  adjustment->title = title;
  adjustment->detail = g_strdup (detail);
  adjustment->decision = -1;
  g_ptr_array_add (out, adjustment);
  return adjustment;
}

static gboolean
is_english (const char *tag)
{
  const TandemLanguage *language = tandem_language_find (tag);

  return language != NULL && g_str_equal (language->tag, "en");
}

/* "Polish (Polski)": the name practitioners read, and the name the family
 * would recognise. */
static char *
language_with_own_name (const char *tag)
{
  const TandemLanguage *language = tandem_language_find (tag);
  const char *name;

  if (language == NULL)
    return g_strdup (tag);

  name = _(language->name);
  if (g_strcmp0 (name, language->native_name) == 0)
    return g_strdup (name);
  /* Translators: a language: %1$s is its name in your language, e.g. "Polish", %2$s its
   * own name, e.g. "Polski". */
  return g_strdup_printf (_("%1$s (%2$s)"), name, language->native_name);
}

static char *
language_name (const char *tag)
{
  const TandemLanguage *language = tandem_language_find (tag);

  return g_strdup (language != NULL ? _(language->name) : tag);
}

/* How many days' notice @carer needs: what they stated, or a week when they
 * said they need notice but not how much. */
static int
carer_notice_days (TandemCarer *carer)
{
  int days = (int) tandem_record_get_int (TANDEM_RECORD (carer), "notice_days");

  if (days > 0)
    return days;
  if (tandem_carer_has_circumstance (carer, "notice"))
    return DEFAULT_NOTICE_DAYS;
  return 0;
}

/**
 * tandem_adjustments_suggest:
 * @carer: an invited carer
 *
 * The adjustments @carer's circumstances suggest, one for each that
 * applies, in the order of the TANDEM_ADJUSTMENT_* codes: the invitation
 * in their language (a preferred language other than English), an
 * interpreter (interpreter needed), notice (notice days, or the notice
 * circumstance: a week when no number is given), a time outside working
 * hours, a phone, video or home meeting (transport), a spoken invitation
 * (reading support or literacy), a short meeting (time available), a time
 * that fits other commitments, a small meeting with someone they know
 * (confidence), culture, plain words (educational history) and the carer's
 * own needs. Each carries the carer's note on that circumstance as its
 * detail, and is still open (decision -1).
 *
 * Returns: (transfer full) (element-type TandemAdjustment): the suggestions,
 *   none for a carer with no stated circumstances
 */
GPtrArray *
tandem_adjustments_suggest (TandemCarer *carer)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_adjustment_free);
  TandemRecord *record;
  const char *language;
  const char *language_note;
  int days;

  g_return_val_if_fail (TANDEM_IS_CARER (carer), NULL);

  record = TANDEM_RECORD (carer);
  language = tandem_record_get_text (record, "preferred_language");
  language_note = tandem_carer_get_circumstance_note (carer, "language");

  if (language != NULL && !is_english (language))
    {
      g_autofree char *name = language_with_own_name (language);
      TandemAdjustment *adjustment;

      adjustment = add (out, carer, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE,
                        /* Translators: %s is a language, e.g. "Polish (Polski)". */
                        g_strdup_printf (_("Send the invitation in %s"), name),
                        language_note);
      adjustment->language = g_strdup (language);
    }

  if (tandem_record_get_bool (record, "interpreter_needed"))
    {
      TandemAdjustment *adjustment;

      /* An interpreter for someone whose preferred language is English is
       * still wanted (a BSL user may list English): the carer's note says
       * which language. */
      if (language != NULL && !is_english (language))
        {
          g_autofree char *name = language_name (language);

          adjustment = add (out, carer, TANDEM_ADJUSTMENT_INTERPRETER,
                            /* Translators: %s is a language, e.g. "Polish". */
                            g_strdup_printf (_("Book an interpreter for %s"), name),
                            language_note);
          adjustment->language = g_strdup (language);
        }
      else
        {
          add (out, carer, TANDEM_ADJUSTMENT_INTERPRETER, g_strdup (_("Book an interpreter")),
               language_note);
        }
    }

  days = carer_notice_days (carer);
  if (days > 0)
    {
      TandemAdjustment *adjustment;

      adjustment = add (out, carer, TANDEM_ADJUSTMENT_NOTICE,
                        g_strdup_printf (ngettext ("Give at least %d day’s notice",
                                                   "Give at least %d days’ notice", days),
                                         days),
                        tandem_carer_get_circumstance_note (carer, "notice"));
      adjustment->days = days;
    }

  if (tandem_carer_has_circumstance (carer, "working_hours"))
    add (out, carer, TANDEM_ADJUSTMENT_OUTSIDE_WORKING,
         g_strdup (_("Offer a time outside their working hours")),
         tandem_carer_get_circumstance_note (carer, "working_hours"));

  if (tandem_carer_has_circumstance (carer, "transport"))
    add (out, carer, TANDEM_ADJUSTMENT_REMOTE_OR_HOME,
         g_strdup (_("Offer a phone or video call, or a home visit")),
         tandem_carer_get_circumstance_note (carer, "transport"));

  if (tandem_record_get_bool (record, "reading_support") ||
      tandem_carer_has_circumstance (carer, "literacy"))
    add (out, carer, TANDEM_ADJUSTMENT_SPOKEN_INVITATION,
         g_strdup (_("Invite them in person or by phone, and keep anything written short")),
         tandem_carer_get_circumstance_note (carer, "literacy"));

  if (tandem_carer_has_circumstance (carer, "time"))
    add (out, carer, TANDEM_ADJUSTMENT_SHORT_MEETING,
         g_strdup (_("Keep the meeting short and focused")),
         tandem_carer_get_circumstance_note (carer, "time"));

  if (tandem_carer_has_circumstance (carer, "commitments"))
    add (out, carer, TANDEM_ADJUSTMENT_FITS_COMMITMENTS,
         g_strdup (_("Choose a time that fits their other commitments")),
         tandem_carer_get_circumstance_note (carer, "commitments"));

  if (tandem_carer_has_circumstance (carer, "confidence"))
    add (out, carer, TANDEM_ADJUSTMENT_SUPPORT_PERSON,
         g_strdup (_("Keep it small and informal, with someone they know; they may bring a "
                     "friend or relative")),
         tandem_carer_get_circumstance_note (carer, "confidence"));

  if (tandem_carer_has_circumstance (carer, "culture"))
    add (out, carer, TANDEM_ADJUSTMENT_CULTURE,
         g_strdup (_("Plan around their customs and beliefs")),
         tandem_carer_get_circumstance_note (carer, "culture"));

  if (tandem_carer_has_circumstance (carer, "education"))
    add (out, carer, TANDEM_ADJUSTMENT_PLAIN_WORDS,
         g_strdup (_("Explain what the meeting is for, in plain words")),
         tandem_carer_get_circumstance_note (carer, "education"));

  if (tandem_carer_has_circumstance (carer, "own_needs"))
    add (out, carer, TANDEM_ADJUSTMENT_OWN_NEEDS,
         g_strdup (_("Plan for their own needs")),
         tandem_carer_get_circumstance_note (carer, "own_needs"));

  return g_steal_pointer (&out);
}

/**
 * tandem_adjustments_notice_needed:
 * @carers: (nullable) (element-type TandemCarer): the invited carers
 *
 * The most notice any of @carers needs. A carer who ticked "notice needed"
 * without giving a number of days counts as needing a week.
 *
 * Returns: days; 0 when nobody states a need
 */
int
tandem_adjustments_notice_needed (GPtrArray *carers)
{
  int most = 0;

  for (guint i = 0; carers != NULL && i < carers->len; i++)
    most = MAX (most, carer_notice_days (g_ptr_array_index (carers, i)));
  return most;
}

static guint32
julian (const char *iso_date)
{
  GDate date;
  int y, m, d;

  if (iso_date == NULL || !tandem_date_is_valid (iso_date) ||
      sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

/**
 * tandem_adjustments_check_notice:
 * @meeting: a meeting
 * @carers: (nullable) (element-type TandemCarer): the invited carers
 * @today: ISO date
 * @warning: (out caller-allocates) (optional): what is short, when it is
 *
 * Compares the notice the invitation gives with the most any invited carer
 * needs. With the invitation sent, that is the days from its sending to the
 * meeting. Not sent yet, a planned meeting is judged as if it were sent
 * @today: a warning means it is already too late to give enough notice
 * (@warning's given is then -1). A held or cancelled meeting with no
 * invitation date is not judged.
 *
 * Returns: %TRUE when the notice is, or will be, shorter than a carer needs
 */
gboolean
tandem_adjustments_check_notice (TandemMeeting       *meeting,
                                 GPtrArray           *carers,
                                 const char          *today,
                                 TandemNoticeWarning *warning)
{
  TandemCarer *neediest = NULL;
  int needed = 0;
  int given;
  int available;

  g_return_val_if_fail (TANDEM_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  for (guint i = 0; carers != NULL && i < carers->len; i++)
    {
      TandemCarer *carer = g_ptr_array_index (carers, i);
      int days = carer_notice_days (carer);

      if (days > needed)
        {
          needed = days;
          neediest = carer;
        }
    }

  if (needed == 0)
    return FALSE;

  given = tandem_meeting_get_notice_given (meeting);
  if (given >= 0)
    {
      available = given;
    }
  else
    {
      guint32 meets = julian (tandem_record_get_text (TANDEM_RECORD (meeting), "meets_on"));
      guint32 now = julian (today);

      if (meets == 0 || now == 0 ||
          g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (meeting), "status"),
                     TANDEM_MEETING_PLANNED) != 0)
        return FALSE;
      available = meets >= now ? (int) (meets - now) : 0;
    }

  if (available >= needed)
    return FALSE;

  if (warning != NULL)
    {
      warning->carer_id = tandem_record_get_id (TANDEM_RECORD (neediest));
      warning->needed = needed;
      warning->given = given;
    }
  return TRUE;
}
