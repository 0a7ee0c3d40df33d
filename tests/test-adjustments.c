/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-adjustments.h"
#include "tandem-records.h"

/* The adjustments a family's circumstances suggest for a meeting, and the
 * warning when an invitation gives less notice than a carer needs. Pure
 * functions of the records: no database. */

static TandemCarer *
carer (void)
{
  return tandem_carer_new ("00000000-0000-4000-8000-000000000001", "Agnieszka Wiśniewska");
}

static GPtrArray *
suggest (TandemCarer *c)
{
  GPtrArray *out = tandem_adjustments_suggest (c);

  g_assert_nonnull (out);
  for (guint i = 0; i < out->len; i++)
    {
      TandemAdjustment *a = g_ptr_array_index (out, i);

      /* Every suggestion is for this carer, still open, and worded. */
      g_assert_cmpstr (a->carer_id, ==, tandem_record_get_id (TANDEM_RECORD (c)));
      g_assert_cmpint (a->decision, ==, -1);
      g_assert_nonnull (a->title);
      g_assert_cmpuint (strlen (a->title), >, 10);
    }
  return out;
}

static TandemAdjustment *
only (GPtrArray  *suggestions,
      const char *kind)
{
  if (suggestions->len != 1)
    {
      for (guint i = 0; i < suggestions->len; i++)
        g_test_message ("suggested: %s",
                        ((TandemAdjustment *) g_ptr_array_index (suggestions, i))->kind);
    }
  g_assert_cmpuint (suggestions->len, ==, 1);
  g_assert_cmpstr (((TandemAdjustment *) g_ptr_array_index (suggestions, 0))->kind, ==, kind);
  return g_ptr_array_index (suggestions, 0);
}

static void
test_none (void)
{
  g_autoptr(TandemCarer) c = carer ();
  g_autoptr(GPtrArray) out = NULL;

  /* English, no interpreter, no circumstances: nothing to adjust. */
  out = suggest (c);
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* English with a region is still English; no language at all, nothing. */
  tandem_record_set_text (TANDEM_RECORD (c), "preferred_language", "en-GB");
  out = suggest (c);
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  tandem_record_set_text (TANDEM_RECORD (c), "preferred_language", NULL);
  out = suggest (c);
  g_assert_cmpuint (out->len, ==, 0);
}

static void
test_language (void)
{
  g_autoptr(TandemCarer) c = carer ();
  g_autoptr(GPtrArray) out = NULL;
  TandemAdjustment *a;

  tandem_record_set_text (TANDEM_RECORD (c), "preferred_language", "pl");
  tandem_carer_set_circumstance (c, "language", TRUE, "Reads Polish more easily");
  out = suggest (c);
  a = only (out, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE);
  g_assert_cmpstr (a->title, ==, "Send the invitation in Polish (Polski)");
  g_assert_cmpstr (a->language, ==, "pl");
  g_assert_cmpstr (a->detail, ==, "Reads Polish more easily");
  g_assert_cmpint (a->days, ==, 0);
}

static void
test_interpreter (void)
{
  g_autoptr(TandemCarer) c = carer ();
  g_autoptr(GPtrArray) out = NULL;
  TandemAdjustment *a;

  tandem_record_set_text (TANDEM_RECORD (c), "preferred_language", "pl");
  tandem_record_set_bool (TANDEM_RECORD (c), "interpreter_needed", TRUE);
  out = suggest (c);
  g_assert_cmpuint (out->len, ==, 2);
  a = g_ptr_array_index (out, 0);
  g_assert_cmpstr (a->kind, ==, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE);
  a = g_ptr_array_index (out, 1);
  g_assert_cmpstr (a->kind, ==, TANDEM_ADJUSTMENT_INTERPRETER);
  g_assert_cmpstr (a->title, ==, "Book an interpreter for Polish");
  g_assert_cmpstr (a->language, ==, "pl");
  g_clear_pointer (&out, g_ptr_array_unref);

  /* Someone who lists English and still needs an interpreter (a BSL user,
   * say) still gets one suggested, without a language to name. */
  tandem_record_set_text (TANDEM_RECORD (c), "preferred_language", "en");
  out = suggest (c);
  a = only (out, TANDEM_ADJUSTMENT_INTERPRETER);
  g_assert_cmpstr (a->title, ==, "Book an interpreter");
  g_assert_null (a->language);
}

static void
test_notice (void)
{
  g_autoptr(TandemCarer) c = carer ();
  g_autoptr(GPtrArray) out = NULL;
  TandemAdjustment *a;

  tandem_record_set_int (TANDEM_RECORD (c), "notice_days", 7);
  out = suggest (c);
  a = only (out, TANDEM_ADJUSTMENT_NOTICE);
  g_assert_cmpint (a->days, ==, 7);
  g_assert_cmpstr (a->title, ==, "Give at least 7 days’ notice");
  g_clear_pointer (&out, g_ptr_array_unref);

  tandem_record_set_int (TANDEM_RECORD (c), "notice_days", 1);
  out = suggest (c);
  a = only (out, TANDEM_ADJUSTMENT_NOTICE);
  g_assert_cmpstr (a->title, ==, "Give at least 1 day’s notice");
  g_clear_pointer (&out, g_ptr_array_unref);

  /* The circumstance ticked with a number of days: that number, and the
   * note as the detail. */
  tandem_record_set_int (TANDEM_RECORD (c), "notice_days", 10);
  tandem_carer_set_circumstance (c, "notice", TRUE, "Arranges time off work in advance");
  out = suggest (c);
  a = only (out, TANDEM_ADJUSTMENT_NOTICE);
  g_assert_cmpint (a->days, ==, 10);
  g_assert_cmpstr (a->detail, ==, "Arranges time off work in advance");
  g_clear_pointer (&out, g_ptr_array_unref);

  /* Ticked without a number: a week. */
  tandem_record_set_int (TANDEM_RECORD (c), "notice_days", 0);
  out = suggest (c);
  a = only (out, TANDEM_ADJUSTMENT_NOTICE);
  g_assert_cmpint (a->days, ==, 7);
}

/* Each circumstance on the checklist, alone, suggests its own adjustment
 * with the carer's note as the detail. */
static const struct {
  const char *circumstance;
  const char *kind;
} circumstance_rules[] = {
  { "working_hours", TANDEM_ADJUSTMENT_OUTSIDE_WORKING },
  { "transport", TANDEM_ADJUSTMENT_REMOTE_OR_HOME },
  { "literacy", TANDEM_ADJUSTMENT_SPOKEN_INVITATION },
  { "time", TANDEM_ADJUSTMENT_SHORT_MEETING },
  { "commitments", TANDEM_ADJUSTMENT_FITS_COMMITMENTS },
  { "confidence", TANDEM_ADJUSTMENT_SUPPORT_PERSON },
  { "culture", TANDEM_ADJUSTMENT_CULTURE },
  { "education", TANDEM_ADJUSTMENT_PLAIN_WORDS },
  { "own_needs", TANDEM_ADJUSTMENT_OWN_NEEDS },
};

static void
test_each_circumstance (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (circumstance_rules); i++)
    {
      g_autoptr(TandemCarer) c = carer ();
      g_autoptr(GPtrArray) out = NULL;
      g_autofree char *note = g_strdup_printf ("About %s", circumstance_rules[i].circumstance);
      TandemAdjustment *a;

      g_test_message ("circumstance %s", circumstance_rules[i].circumstance);
      tandem_carer_set_circumstance (c, circumstance_rules[i].circumstance, TRUE, note);
      out = suggest (c);
      a = only (out, circumstance_rules[i].kind);
      g_assert_cmpstr (a->detail, ==, note);
      g_assert_cmpint (a->days, ==, 0);
      g_assert_null (a->language);

      /* A note alone, without the circumstance ticked, suggests nothing. */
      tandem_carer_set_circumstance (c, circumstance_rules[i].circumstance, FALSE, note);
      g_clear_pointer (&out, g_ptr_array_unref);
      out = suggest (c);
      g_assert_cmpuint (out->len, ==, 0);
    }
}

static void
test_reading_support (void)
{
  g_autoptr(TandemCarer) c = carer ();
  g_autoptr(GPtrArray) out = NULL;

  tandem_record_set_bool (TANDEM_RECORD (c), "reading_support", TRUE);
  out = suggest (c);
  only (out, TANDEM_ADJUSTMENT_SPOKEN_INVITATION);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* Reading support and literacy together are one suggestion, not two. */
  tandem_carer_set_circumstance (c, "literacy", TRUE, "Prefers voice messages");
  out = suggest (c);
  g_assert_cmpstr (only (out, TANDEM_ADJUSTMENT_SPOKEN_INVITATION)->detail, ==,
                   "Prefers voice messages");
}

static void
test_all_in_order (void)
{
  const char * const expected[] = {
    TANDEM_ADJUSTMENT_INVITATION_LANGUAGE, TANDEM_ADJUSTMENT_INTERPRETER,
    TANDEM_ADJUSTMENT_NOTICE, TANDEM_ADJUSTMENT_OUTSIDE_WORKING,
    TANDEM_ADJUSTMENT_REMOTE_OR_HOME, TANDEM_ADJUSTMENT_SPOKEN_INVITATION,
    TANDEM_ADJUSTMENT_SHORT_MEETING, TANDEM_ADJUSTMENT_FITS_COMMITMENTS,
    TANDEM_ADJUSTMENT_SUPPORT_PERSON, TANDEM_ADJUSTMENT_CULTURE,
    TANDEM_ADJUSTMENT_PLAIN_WORDS, TANDEM_ADJUSTMENT_OWN_NEEDS,
  };
  g_autoptr(TandemCarer) c = carer ();
  g_autoptr(GPtrArray) out = NULL;
  guint n;
  const TandemCircumstance *circumstances = tandem_circumstances (&n);

  tandem_record_set_text (TANDEM_RECORD (c), "preferred_language", "so");
  tandem_record_set_bool (TANDEM_RECORD (c), "interpreter_needed", TRUE);
  tandem_record_set_bool (TANDEM_RECORD (c), "reading_support", TRUE);
  for (guint i = 0; i < n; i++)
    tandem_carer_set_circumstance (c, circumstances[i].key, TRUE, NULL);

  out = suggest (c);
  g_assert_cmpuint (out->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < out->len; i++)
    g_assert_cmpstr (((TandemAdjustment *) g_ptr_array_index (out, i))->kind, ==, expected[i]);
}

static TandemCarer *
carer_needing (int      days,
               gboolean ticked)
{
  TandemCarer *c = carer ();

  tandem_record_set_int (TANDEM_RECORD (c), "notice_days", days);
  if (ticked)
    tandem_carer_set_circumstance (c, "notice", TRUE, NULL);
  return c;
}

static void
test_notice_needed (void)
{
  g_autoptr(GPtrArray) carers = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpint (tandem_adjustments_notice_needed (NULL), ==, 0);
  g_assert_cmpint (tandem_adjustments_notice_needed (carers), ==, 0);

  g_ptr_array_add (carers, carer_needing (0, FALSE));
  g_assert_cmpint (tandem_adjustments_notice_needed (carers), ==, 0);

  g_ptr_array_add (carers, carer_needing (3, FALSE));
  g_assert_cmpint (tandem_adjustments_notice_needed (carers), ==, 3);

  /* Ticked without a number counts as a week. */
  g_ptr_array_add (carers, carer_needing (0, TRUE));
  g_assert_cmpint (tandem_adjustments_notice_needed (carers), ==, 7);

  g_ptr_array_add (carers, carer_needing (10, FALSE));
  g_assert_cmpint (tandem_adjustments_notice_needed (carers), ==, 10);
}

static TandemMeeting *
meeting_on (const char *meets_on,
            const char *sent_on)
{
  TandemMeeting *m = tandem_meeting_new ("00000000-0000-4000-8000-000000000001",
                                         "progress_review", meets_on);

  tandem_record_set_text (TANDEM_RECORD (m), "invitation_sent_on", sent_on);
  return m;
}

static void
test_notice_given (void)
{
  g_autoptr(TandemMeeting) sent = meeting_on ("2026-03-20", "2026-03-10");
  g_autoptr(TandemMeeting) across_months = meeting_on ("2026-03-03", "2026-02-24");
  g_autoptr(TandemMeeting) same_day = meeting_on ("2026-03-20", "2026-03-20");
  g_autoptr(TandemMeeting) not_sent = meeting_on ("2026-03-20", NULL);

  g_assert_cmpint (tandem_meeting_get_notice_given (sent), ==, 10);
  g_assert_cmpint (tandem_meeting_get_notice_given (across_months), ==, 7);
  g_assert_cmpint (tandem_meeting_get_notice_given (same_day), ==, 0);
  g_assert_cmpint (tandem_meeting_get_notice_given (not_sent), ==, -1);
}

static void
test_check_notice_sent (void)
{
  g_autoptr(GPtrArray) carers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TandemMeeting) enough = meeting_on ("2026-03-20", "2026-03-13");
  g_autoptr(TandemMeeting) short_notice = meeting_on ("2026-03-20", "2026-03-16");
  TandemNoticeWarning warning = { NULL, -5, -5 };
  TandemCarer *needs_week;
  TandemCarer *needs_ten;

  /* Nobody states a need: no warning, however short. */
  g_ptr_array_add (carers, carer_needing (0, FALSE));
  g_assert_false (tandem_adjustments_check_notice (short_notice, carers, "2026-03-01", &warning));

  needs_week = carer_needing (7, FALSE);
  g_ptr_array_add (carers, needs_week);

  /* Exactly the notice needed is enough. */
  g_assert_false (tandem_adjustments_check_notice (enough, carers, "2026-03-01", &warning));
  g_assert_cmpint (warning.needed, ==, -5);

  g_assert_true (tandem_adjustments_check_notice (short_notice, carers, "2026-03-01", &warning));
  g_assert_cmpstr (warning.carer_id, ==, tandem_record_get_id (TANDEM_RECORD (needs_week)));
  g_assert_cmpint (warning.needed, ==, 7);
  g_assert_cmpint (warning.given, ==, 4);

  /* With two carers the one who needs more is named; the warning may be
   * left out. */
  needs_ten = carer_needing (10, TRUE);
  g_ptr_array_add (carers, needs_ten);
  g_assert_true (tandem_adjustments_check_notice (enough, carers, "2026-03-01", &warning));
  g_assert_cmpstr (warning.carer_id, ==, tandem_record_get_id (TANDEM_RECORD (needs_ten)));
  g_assert_cmpint (warning.needed, ==, 10);
  g_assert_cmpint (warning.given, ==, 7);
  g_assert_true (tandem_adjustments_check_notice (enough, carers, "2026-03-01", NULL));

  /* Once sent, today does not matter: the notice was what it was. */
  g_assert_true (tandem_adjustments_check_notice (short_notice, carers, "2026-01-01", NULL));
}

static void
test_check_notice_not_sent (void)
{
  g_autoptr(GPtrArray) carers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TandemMeeting) m = meeting_on ("2026-03-20", NULL);
  TandemNoticeWarning warning = { NULL, 0, 0 };

  g_ptr_array_add (carers, carer_needing (7, FALSE));

  /* Sent today it would still give enough notice: 10 days, then 7. */
  g_assert_false (tandem_adjustments_check_notice (m, carers, "2026-03-10", &warning));
  g_assert_false (tandem_adjustments_check_notice (m, carers, "2026-03-13", &warning));

  /* Too late now: 6 days left. */
  g_assert_true (tandem_adjustments_check_notice (m, carers, "2026-03-14", &warning));
  g_assert_cmpint (warning.needed, ==, 7);
  g_assert_cmpint (warning.given, ==, -1);

  /* A meeting that has been held (or cancelled) is not judged on an
   * invitation nobody recorded. */
  tandem_record_set_text (TANDEM_RECORD (m), "status", TANDEM_MEETING_HELD);
  g_assert_false (tandem_adjustments_check_notice (m, carers, "2026-03-25", &warning));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tandem_records_init ();

  g_test_add_func ("/adjustments/none", test_none);
  g_test_add_func ("/adjustments/language", test_language);
  g_test_add_func ("/adjustments/interpreter", test_interpreter);
  g_test_add_func ("/adjustments/notice", test_notice);
  g_test_add_func ("/adjustments/each-circumstance", test_each_circumstance);
  g_test_add_func ("/adjustments/reading-support", test_reading_support);
  g_test_add_func ("/adjustments/all-in-order", test_all_in_order);
  g_test_add_func ("/adjustments/notice-needed", test_notice_needed);
  g_test_add_func ("/adjustments/notice-given", test_notice_given);
  g_test_add_func ("/adjustments/check-notice-sent", test_check_notice_sent);
  g_test_add_func ("/adjustments/check-notice-not-sent", test_check_notice_not_sent);

  return g_test_run ();
}
