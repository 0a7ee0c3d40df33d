/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The record types of a child's support plan. A plan and its parts (the
 * professionals, outcomes with their provision, reviews with their ratings
 * and evidence, frozen versions) make sense only together and are saved
 * together by tandem-plans.c, so they share this file. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-observation.h"
#include "tandem-plan.h"

struct _TandemPlan
{
  TandemRecord parent_instance;
};

struct _TandemPlanProfessional
{
  TandemRecord parent_instance;
};

struct _TandemPlanOutcome
{
  TandemRecord parent_instance;
};

struct _TandemPlanProvision
{
  TandemRecord parent_instance;
};

struct _TandemPlanReview
{
  TandemRecord parent_instance;
};

struct _TandemPlanProgress
{
  TandemRecord parent_instance;
};

struct _TandemPlanEvidence
{
  TandemRecord parent_instance;
};

struct _TandemPlanVersion
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemPlan, tandem_plan, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPlanProfessional, tandem_plan_professional, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPlanOutcome, tandem_plan_outcome, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPlanProvision, tandem_plan_provision, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPlanReview, tandem_plan_review, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPlanProgress, tandem_plan_progress, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPlanEvidence, tandem_plan_evidence, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPlanVersion, tandem_plan_version, TANDEM_TYPE_RECORD)

static const TandemField plan_fields[] = {
  { "child_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Child") },
  /* Translators: whether a support plan is a draft, active, under review or closed. */
  { "status", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Status") },
  { "starts_on", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Start date") },
  { "next_review_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Next review") },
  { "closed_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Closed on") },
  { "strengths", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Strengths") },
  { "what_matters", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("What matters to the child") },
  { "how_to_support", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("How best to support them") },
  { "needs_communication", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("Communication and interaction") },
  { "needs_cognition", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("Cognition and learning") },
  { "needs_semh", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("Social, emotional and mental health") },
  { "needs_sensory", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("Sensory and/or physical") },
  { "family_views", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("The family’s views") },
  { "child_views", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("The child’s views") },
  /* Translators: how the child's views were gathered: words, pictures, observed preferences. */
  { "child_views_how", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("How they were gathered") },
  /* Translators: EHC plan: an Education, Health and Care plan (England). */
  { "ehcp_status", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("EHC plan") },
  { "ehcp_requested_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("EHC plan requested on") },
  { "ehcp_issued_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("EHC plan issued on") },
  { "family_summary", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("The plan in plain words for the family") },
  { "internal_note", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL,
    N_("Internal note") },
};

/* The name is required; the class's validate says so in words that fit a
 * list of people better than "Name is required." */
static const TandemField professional_fields[] = {
  { "plan_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Plan") },
  { "name", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Name") },
  /* Translators: a professional's role, e.g. "speech and language therapist". */
  { "role", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Role") },
  /* Translators: the service a professional works for, e.g. "Children's Therapy Team". */
  { "service", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Service") },
  /* Translators: a phone number or email address. */
  { "contact", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Contact") },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Position") },
};

/* The outcome's words are required; checked by the class's validate for a
 * message that says what is missing. */
static const TandemField outcome_fields[] = {
  { "plan_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Plan") },
  /* Translators: whether an outcome is short-term or long-term. */
  { "term", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Term") },
  /* Translators: one of the four broad areas of need. */
  { "area", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Area of need") },
  { "outcome", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Outcome") },
  { "success_looks_like", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("What success looks like") },
  { "target_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Target date") },
  { "strategies", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Strategies") },
  { "home_help", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("How the family can help at home") },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Position") },
};

static const TandemField provision_fields[] = {
  { "outcome_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Outcome") },
  /* Translators: what provision is made, e.g. "Small-group language session". */
  { "what", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Provision") },
  /* Translators: who delivers a provision. */
  { "who", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Who delivers it") },
  { "how_often", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("How often") },
  /* Translators: where a provision is delivered. */
  { "place", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Where") },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Position") },
};

static const TandemField review_fields[] = {
  { "plan_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Plan") },
  /* Translators: the date a review of a plan was held. */
  { "held_on", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Review date") },
  { "meeting_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Meeting") },
  { "family_views", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("The family’s views") },
  { "child_views", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("The child’s views") },
  { "next_steps", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Next steps") },
  { "next_review_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Next review") },
  { "internal_note", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL,
    N_("Internal note") },
};

static const TandemField progress_fields[] = {
  { "review_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Review") },
  { "outcome_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Outcome") },
  /* Translators: progress towards an outcome: not started … achieved. */
  { "progress", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Progress") },
  { "comment", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Comment") },
};

static const TandemField evidence_fields[] = {
  { "outcome_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Outcome") },
  { "observation_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Observation") },
  { "review_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Review") },
};

static const TandemField version_fields[] = {
  { "plan_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Plan") },
  { "review_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Review") },
  /* Translators: the number of an earlier version of a plan: 1, 2, … */
  { "number", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Version") },
  { "taken_on", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Date") },
  { "snapshot", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Snapshot") },
};

static const char * const statuses[] = {
  TANDEM_PLAN_DRAFT, TANDEM_PLAN_ACTIVE, TANDEM_PLAN_UNDER_REVIEW, TANDEM_PLAN_CLOSED, NULL
};

static const char * const ehcp_statuses[] = {
  "none", "requested", "assessment", "issued", NULL
};

static const char * const areas[] = {
  "communication", "cognition", "semh", "sensory", NULL
};

static const char * const terms[] = { TANDEM_PLAN_TERM_SHORT, TANDEM_PLAN_TERM_LONG, NULL };

static const char * const progress_levels[] = {
  TANDEM_PROGRESS_NOT_STARTED, TANDEM_PROGRESS_EMERGING, TANDEM_PROGRESS_DEVELOPING,
  TANDEM_PROGRESS_SECURE, TANDEM_PROGRESS_ACHIEVED, NULL
};

/* A size for a message, in the units people know from their phones. */
static char *
format_size (gsize bytes)
{
  if (bytes >= 1024 * 1024)
    /* Translators: a size in megabytes, e.g. "10.0 MB". */
    return g_strdup_printf (_("%.1f MB"), (double) bytes / (1024.0 * 1024.0));
  /* Translators: a size in kilobytes, e.g. "64 KB". */
  return g_strdup_printf (_("%u KB"), (guint) ((bytes + 1023) / 1024));
}

/* As in the journal: every text field is kept to TANDEM_MAX_TEXT_BYTES, so a
 * pasted 10 MB text is refused with its size rather than stored. A version's
 * snapshot holds a whole plan and is written by Tandem, not typed, so it is
 * left out. */
static gboolean
check_text_sizes (TandemRecord  *record,
                  GError       **error)
{
  guint n_fields;
  const TandemField *fields = tandem_record_type_get_fields (G_OBJECT_TYPE (record), &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *text;
      gsize len;

      if (fields[i].type != TANDEM_FIELD_TEXT || g_str_equal (fields[i].name, "snapshot"))
        continue;
      text = g_value_get_string (tandem_record_get_value (record, i));
      len = text != NULL ? strlen (text) : 0;
      if (len > TANDEM_MAX_TEXT_BYTES)
        {
          g_autofree char *size = format_size (len);
          g_autofree char *most = format_size (TANDEM_MAX_TEXT_BYTES);

          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                       /* Translators: %1$s is the name of a field, e.g. "Strategies"; %2$s
                        * its size, e.g. "10.0 MB"; %3$s the limit, "64 KB". */
                       _("%1$s is %2$s; the most Tandem keeps in one field is %3$s."),
                       _(fields[i].label), size, most);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_position (TandemRecord  *record,
                GError       **error)
{
  if (tandem_record_get_int (record, "position") < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("A position in a list cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Words cut short enough to quote in a message. */
static char *
quote_text (const char *text)
{
  g_autofree char *line = g_strdup (text != NULL ? text : "");
  GString *out;

  g_strdelimit (line, "\r\n\t", ' ');
  g_strstrip (line);
  if (g_utf8_strlen (line, -1) <= 40)
    return g_steal_pointer (&line);

  out = g_string_new (NULL);
  g_string_append_len (out, line, g_utf8_offset_to_pointer (line, 39) - line);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static gboolean
tandem_plan_validate (TandemRecord  *record,
                      GError       **error)
{
  const char *status = tandem_record_get_text (record, "status");
  const char *ehcp = tandem_record_get_text (record, "ehcp_status");
  const char *starts_on = tandem_record_get_text (record, "starts_on");
  const char *next_on = tandem_record_get_text (record, "next_review_on");
  const char *closed_on = tandem_record_get_text (record, "closed_on");
  const char *requested_on = tandem_record_get_text (record, "ehcp_requested_on");
  const char *issued_on = tandem_record_get_text (record, "ehcp_issued_on");

  if (!check_text_sizes (record, error))
    return FALSE;

  if (!g_strv_contains (statuses, status))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not the state of a support plan: it is a draft, active, under "
                     "review or closed."), status);
      return FALSE;
    }

  if (ehcp != NULL && !g_strv_contains (ehcp_statuses, ehcp))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not the state of an EHC plan: none, requested, in assessment "
                     "or issued."), ehcp);
      return FALSE;
    }

  if (next_on != NULL && strcmp (next_on, starts_on) < 0)
    {
      g_autofree char *next = tandem_date_format_long (next_on);
      g_autofree char *starts = tandem_date_format_long (starts_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s and %2$s are dates, e.g. "14 March 2026". */
                   _("The next review on %1$s is before the plan starts on %2$s. Choose a "
                     "review date after the start."), next, starts);
      return FALSE;
    }

  if (closed_on != NULL && strcmp (closed_on, starts_on) < 0)
    {
      g_autofree char *closed = tandem_date_format_long (closed_on);
      g_autofree char *starts = tandem_date_format_long (starts_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s and %2$s are dates, e.g. "14 March 2026". */
                   _("The plan cannot close on %1$s, before it starts on %2$s."),
                   closed, starts);
      return FALSE;
    }

  if (requested_on != NULL && issued_on != NULL && strcmp (issued_on, requested_on) < 0)
    {
      g_autofree char *issued = tandem_date_format_long (issued_on);
      g_autofree char *requested = tandem_date_format_long (requested_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s and %2$s are dates, e.g. "14 March 2026". */
                   _("The EHC plan cannot have been issued on %1$s, before it was requested "
                     "on %2$s."), issued, requested);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_plan_class_init (TandemPlanClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "plans", "starts_on, created_at, id",
                                 plan_fields, G_N_ELEMENTS (plan_fields));
  record_class->validate = tandem_plan_validate;
}

static void
tandem_plan_init (TandemPlan *self)
{
}

static gboolean
tandem_plan_professional_validate (TandemRecord  *record,
                                   GError       **error)
{
  if (!check_text_sizes (record, error) || !check_position (record, error))
    return FALSE;

  if (is_blank (tandem_record_get_text (record, "name")))
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Each professional involved needs a name."));
      return FALSE;
    }

  return TRUE;
}

static void
tandem_plan_professional_class_init (TandemPlanProfessionalClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "plan_professionals",
                                 "position, created_at, id", professional_fields,
                                 G_N_ELEMENTS (professional_fields));
  record_class->validate = tandem_plan_professional_validate;
}

static void
tandem_plan_professional_init (TandemPlanProfessional *self)
{
}

static gboolean
tandem_plan_outcome_validate (TandemRecord  *record,
                              GError       **error)
{
  const char *term = tandem_record_get_text (record, "term");
  const char *area = tandem_record_get_text (record, "area");

  if (!check_text_sizes (record, error) || !check_position (record, error))
    return FALSE;

  if (is_blank (tandem_record_get_text (record, "outcome")))
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Each outcome needs some words: what should the child be able "
                             "to do?"));
      return FALSE;
    }

  if (!g_strv_contains (terms, term))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not the term of an outcome: it is short-term or long-term."),
                   term);
      return FALSE;
    }

  if (area != NULL && !g_strv_contains (areas, area))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not one of the four broad areas of need."), area);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_plan_outcome_class_init (TandemPlanOutcomeClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "plan_outcomes", "position, created_at, id",
                                 outcome_fields, G_N_ELEMENTS (outcome_fields));
  record_class->validate = tandem_plan_outcome_validate;
}

static void
tandem_plan_outcome_init (TandemPlanOutcome *self)
{
}

static gboolean
tandem_plan_provision_validate (TandemRecord  *record,
                                GError       **error)
{
  if (!check_text_sizes (record, error) || !check_position (record, error))
    return FALSE;

  if (is_blank (tandem_record_get_text (record, "what")))
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Each provision needs to say what it is, e.g. “small-group "
                             "language session”."));
      return FALSE;
    }

  return TRUE;
}

static void
tandem_plan_provision_class_init (TandemPlanProvisionClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "plan_provisions", "position, created_at, id",
                                 provision_fields, G_N_ELEMENTS (provision_fields));
  record_class->validate = tandem_plan_provision_validate;
}

static void
tandem_plan_provision_init (TandemPlanProvision *self)
{
}

static gboolean
tandem_plan_review_validate (TandemRecord  *record,
                             GError       **error)
{
  const char *held_on = tandem_record_get_text (record, "held_on");
  const char *next_on = tandem_record_get_text (record, "next_review_on");

  if (!check_text_sizes (record, error))
    return FALSE;

  if (next_on != NULL && strcmp (next_on, held_on) <= 0)
    {
      g_autofree char *next = tandem_date_format_long (next_on);
      g_autofree char *held = tandem_date_format_long (held_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s and %2$s are dates, e.g. "14 March 2026". */
                   _("The next review on %1$s must come after this review on %2$s."),
                   next, held);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_plan_review_class_init (TandemPlanReviewClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "plan_reviews", "held_on, created_at, id",
                                 review_fields, G_N_ELEMENTS (review_fields));
  record_class->validate = tandem_plan_review_validate;
}

static void
tandem_plan_review_init (TandemPlanReview *self)
{
}

static gboolean
tandem_plan_progress_validate (TandemRecord  *record,
                               GError       **error)
{
  const char *progress = tandem_record_get_text (record, "progress");

  if (!check_text_sizes (record, error))
    return FALSE;

  if (!g_strv_contains (progress_levels, progress))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a step on the progress scale: not started, emerging, "
                     "developing, secure or achieved."), progress);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_plan_progress_class_init (TandemPlanProgressClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "plan_progress", "created_at, id",
                                 progress_fields, G_N_ELEMENTS (progress_fields));
  record_class->validate = tandem_plan_progress_validate;
}

static void
tandem_plan_progress_init (TandemPlanProgress *self)
{
}

static void
tandem_plan_evidence_class_init (TandemPlanEvidenceClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "plan_evidence",
                                 "created_at, id", evidence_fields,
                                 G_N_ELEMENTS (evidence_fields));
}

static void
tandem_plan_evidence_init (TandemPlanEvidence *self)
{
}

static gboolean
tandem_plan_version_validate (TandemRecord  *record,
                              GError       **error)
{
  if (tandem_record_get_int (record, "number") < 1)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("A version of a plan is numbered from 1."));
      return FALSE;
    }
  return TRUE;
}

static void
tandem_plan_version_class_init (TandemPlanVersionClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "plan_versions", "number, created_at, id",
                                 version_fields, G_N_ELEMENTS (version_fields));
  record_class->validate = tandem_plan_version_validate;
}

static void
tandem_plan_version_init (TandemPlanVersion *self)
{
}

/**
 * tandem_plan_new:
 * @child_id: the child the plan is for
 * @starts_on: (nullable): ISO date; %NULL for today
 *
 * Returns: (transfer full): a new, unsaved draft plan
 */
TandemPlan *
tandem_plan_new (const char *child_id,
                 const char *starts_on)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_PLAN);
  g_autofree char *date = starts_on != NULL ? g_strdup (starts_on) : tandem_date_today ();

  tandem_record_set_text (self, "child_id", child_id);
  tandem_record_set_text (self, "status", TANDEM_PLAN_DRAFT);
  tandem_record_set_text (self, "starts_on", date);
  return TANDEM_PLAN (self);
}

/**
 * tandem_plan_outcome_new:
 * @plan_id: (nullable): the plan; tandem_plans_save() sets it
 * @term: (nullable): %TANDEM_PLAN_TERM_SHORT or %TANDEM_PLAN_TERM_LONG;
 *   %NULL for short
 * @outcome: (nullable): the outcome, in words
 *
 * Returns: (transfer full): a new, unsaved outcome
 */
TandemPlanOutcome *
tandem_plan_outcome_new (const char *plan_id,
                         const char *term,
                         const char *outcome)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_PLAN_OUTCOME);

  tandem_record_set_text (self, "plan_id", plan_id);
  tandem_record_set_text (self, "term", term != NULL ? term : TANDEM_PLAN_TERM_SHORT);
  tandem_record_set_text (self, "outcome", outcome);
  return TANDEM_PLAN_OUTCOME (self);
}

/**
 * tandem_plan_statuses:
 *
 * Returns: (transfer none): the states of a plan, %NULL-terminated
 */
const char * const *
tandem_plan_statuses (void)
{
  return statuses;
}

/**
 * tandem_plan_status_label:
 * @status: (nullable): a code from tandem_plan_statuses()
 *
 * Returns: (transfer none): the state of a plan, in words; an unknown code
 *   itself, or an empty string for %NULL
 */
const char *
tandem_plan_status_label (const char *status)
{
  if (g_strcmp0 (status, TANDEM_PLAN_DRAFT) == 0)
    /* Translators: the state of a support plan still being written. */
    return C_("plan", "Draft");
  if (g_strcmp0 (status, TANDEM_PLAN_ACTIVE) == 0)
    /* Translators: the state of a support plan in use. */
    return C_("plan", "Active");
  if (g_strcmp0 (status, TANDEM_PLAN_UNDER_REVIEW) == 0)
    /* Translators: the state of a support plan being reviewed. */
    return C_("plan", "Under review");
  if (g_strcmp0 (status, TANDEM_PLAN_CLOSED) == 0)
    /* Translators: the state of a support plan no longer in use. */
    return C_("plan", "Closed");
  return status != NULL ? status : "";
}

/**
 * tandem_plan_ehcp_statuses:
 *
 * Returns: (transfer none): the states of an EHC plan, %NULL-terminated
 */
const char * const *
tandem_plan_ehcp_statuses (void)
{
  return ehcp_statuses;
}

/**
 * tandem_plan_ehcp_status_label:
 * @ehcp_status: (nullable): a code from tandem_plan_ehcp_statuses(); %NULL
 *   means none
 *
 * Returns: (transfer none): the state of an EHC plan, in words
 */
const char *
tandem_plan_ehcp_status_label (const char *ehcp_status)
{
  if (ehcp_status == NULL || g_str_equal (ehcp_status, "none"))
    /* Translators: the state of an Education, Health and Care plan: there is none. */
    return C_("ehcp", "None");
  if (g_str_equal (ehcp_status, "requested"))
    /* Translators: an assessment for an EHC plan has been requested. */
    return C_("ehcp", "Requested");
  if (g_str_equal (ehcp_status, "assessment"))
    /* Translators: the child is being assessed for an EHC plan. */
    return C_("ehcp", "In assessment");
  if (g_str_equal (ehcp_status, "issued"))
    /* Translators: an EHC plan has been issued. */
    return C_("ehcp", "Issued");
  return ehcp_status;
}

/**
 * tandem_plan_areas:
 *
 * Returns: (transfer none): the four broad areas of need, %NULL-terminated
 */
const char * const *
tandem_plan_areas (void)
{
  return areas;
}

/**
 * tandem_plan_area_label:
 * @area: (nullable): a code from tandem_plan_areas()
 *
 * Returns: (transfer none): the area of need, in words
 */
const char *
tandem_plan_area_label (const char *area)
{
  if (g_strcmp0 (area, "communication") == 0)
    return _("Communication and interaction");
  if (g_strcmp0 (area, "cognition") == 0)
    return _("Cognition and learning");
  if (g_strcmp0 (area, "semh") == 0)
    return _("Social, emotional and mental health");
  if (g_strcmp0 (area, "sensory") == 0)
    return _("Sensory and/or physical");
  return area != NULL ? area : "";
}

/**
 * tandem_plan_area_field:
 * @area: (nullable): a code from tandem_plan_areas()
 *
 * Returns: (transfer none) (nullable): the plan field holding the needs in
 *   @area, e.g. `needs_semh`; %NULL for an unknown area
 */
const char *
tandem_plan_area_field (const char *area)
{
  if (g_strcmp0 (area, "communication") == 0)
    return "needs_communication";
  if (g_strcmp0 (area, "cognition") == 0)
    return "needs_cognition";
  if (g_strcmp0 (area, "semh") == 0)
    return "needs_semh";
  if (g_strcmp0 (area, "sensory") == 0)
    return "needs_sensory";
  return NULL;
}

/**
 * tandem_plan_terms:
 *
 * Returns: (transfer none): the terms of an outcome, %NULL-terminated
 */
const char * const *
tandem_plan_terms (void)
{
  return terms;
}

/**
 * tandem_plan_term_label:
 * @term: (nullable): a code from tandem_plan_terms()
 *
 * Returns: (transfer none): the term, in words
 */
const char *
tandem_plan_term_label (const char *term)
{
  if (g_strcmp0 (term, TANDEM_PLAN_TERM_SHORT) == 0)
    return _("Short-term, about six weeks");
  if (g_strcmp0 (term, TANDEM_PLAN_TERM_LONG) == 0)
    return _("Long-term, 6 to 12 months");
  return term != NULL ? term : "";
}

/**
 * tandem_plan_progress_levels:
 *
 * Returns: (transfer none): the progress scale, lowest first, %NULL-terminated
 */
const char * const *
tandem_plan_progress_levels (void)
{
  return progress_levels;
}

/**
 * tandem_plan_progress_label:
 * @progress: (nullable): a code from tandem_plan_progress_levels()
 *
 * Returns: (transfer none): the step on the scale, in words
 */
const char *
tandem_plan_progress_label (const char *progress)
{
  if (g_strcmp0 (progress, TANDEM_PROGRESS_NOT_STARTED) == 0)
    /* Translators: progress towards an outcome. */
    return C_("progress", "Not started");
  if (g_strcmp0 (progress, TANDEM_PROGRESS_EMERGING) == 0)
    /* Translators: progress towards an outcome. */
    return C_("progress", "Emerging");
  if (g_strcmp0 (progress, TANDEM_PROGRESS_DEVELOPING) == 0)
    /* Translators: progress towards an outcome. */
    return C_("progress", "Developing");
  if (g_strcmp0 (progress, TANDEM_PROGRESS_SECURE) == 0)
    /* Translators: progress towards an outcome. */
    return C_("progress", "Secure");
  if (g_strcmp0 (progress, TANDEM_PROGRESS_ACHIEVED) == 0)
    /* Translators: progress towards an outcome. */
    return C_("progress", "Achieved");
  return progress != NULL ? progress : "";
}

/**
 * tandem_plan_progress_rank:
 * @progress: (nullable): a code from tandem_plan_progress_levels()
 *
 * Returns: 0 for not started up to 4 for achieved; -1 when not a level
 */
int
tandem_plan_progress_rank (const char *progress)
{
  for (int i = 0; progress != NULL && progress_levels[i] != NULL; i++)
    if (g_str_equal (progress, progress_levels[i]))
      return i;
  return -1;
}

/**
 * tandem_plan_days_to_review:
 * @self: a plan
 * @today: ISO date
 *
 * Returns: whole days from @today to the next review, negative when it is
 *   overdue; %G_MININT when the plan has no next review date
 */
int
tandem_plan_days_to_review (TandemPlan *self,
                            const char *today)
{
  GDate next, now;

  g_return_val_if_fail (TANDEM_IS_PLAN (self), G_MININT);
  g_return_val_if_fail (today != NULL, G_MININT);

  if (!tandem_date_to_gdate (tandem_record_get_text (TANDEM_RECORD (self), "next_review_on"),
                             &next) ||
      !tandem_date_to_gdate (today, &now))
    return G_MININT;
  return g_date_days_between (&now, &next);
}

/**
 * tandem_plan_lacks_strengths:
 * @self: a plan
 *
 * Returns: %TRUE when the one-page profile says nothing about the child's
 *   strengths
 */
gboolean
tandem_plan_lacks_strengths (TandemPlan *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN (self), FALSE);

  return is_blank (tandem_record_get_text (TANDEM_RECORD (self), "strengths"));
}

/**
 * tandem_plan_outcome_check_target:
 * @outcome: an outcome
 * @plan: its plan
 * @error: where to put why not
 *
 * Returns: %TRUE unless @outcome's target date is before @plan starts
 */
gboolean
tandem_plan_outcome_check_target (TandemPlanOutcome  *outcome,
                                  TandemPlan         *plan,
                                  GError            **error)
{
  const char *target_on, *starts_on;

  g_return_val_if_fail (TANDEM_IS_PLAN_OUTCOME (outcome), FALSE);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), FALSE);

  target_on = tandem_record_get_text (TANDEM_RECORD (outcome), "target_on");
  starts_on = tandem_record_get_text (TANDEM_RECORD (plan), "starts_on");
  if (target_on != NULL && starts_on != NULL && strcmp (target_on, starts_on) < 0)
    {
      g_autofree char *quoted = quote_text (tandem_record_get_text (TANDEM_RECORD (outcome),
                                                                    "outcome"));
      g_autofree char *target = tandem_date_format_long (target_on);
      g_autofree char *starts = tandem_date_format_long (starts_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s is an outcome, %2$s and %3$s dates, e.g.
                    * "14 March 2026". */
                   _("The target date for “%1$s” is %2$s, before the plan starts on %3$s. "
                     "Choose a date on or after the start."), quoted, target, starts);
      return FALSE;
    }

  return TRUE;
}
