/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <time.h>

#include "tandem-child.h"
#include "tandem-core-error.h"

struct _TandemChild
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemChild, tandem_child, TANDEM_TYPE_RECORD)

static const TandemField child_fields[] = {
  { "given_name", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Given name") },
  { "family_name", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Family name") },
  { "preferred_name", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Preferred name") },
  { "date_of_birth", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Date of birth") },
  { "photo", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Photo") },
  { "start_date", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Start date") },
  { "leaving_date", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Leaving date") },
  { "home_languages", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Home languages") },
  { "send_status", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("SEND status") },
  { "room_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Room") },
  { "keyworker_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Keyworker") },
  { "notes", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL, N_("Notes") },
};

static const char * const send_codes[] = { "none", "monitoring", "sen_support", "ehc_plan" };

static gboolean
tandem_child_validate (TandemRecord  *record,
                       GError       **error)
{
  const char *dob = tandem_record_get_text (record, "date_of_birth");
  const char *start = tandem_record_get_text (record, "start_date");
  const char *leaving = tandem_record_get_text (record, "leaving_date");
  const char *send = tandem_record_get_text (record, "send_status");

  if (start != NULL && g_strcmp0 (start, dob) < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("The start date is before the date of birth."));
      return FALSE;
    }

  if (leaving != NULL && start != NULL && g_strcmp0 (leaving, start) < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("The leaving date is before the start date."));
      return FALSE;
    }

  if (send != NULL && tandem_send_status_from_string (send) == TANDEM_SEND_NONE &&
      g_strcmp0 (send, "none") != 0)
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a SEND status."), send);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_child_class_init (TandemChildClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "children",
                                 "coalesce(preferred_name, given_name) COLLATE NOCASE, "
                                 "family_name COLLATE NOCASE",
                                 child_fields, G_N_ELEMENTS (child_fields));
  record_class->validate = tandem_child_validate;
}

static void
tandem_child_init (TandemChild *self)
{
}

/**
 * tandem_child_new:
 * @given_name: the child's given name
 * @family_name: the child's family name
 * @date_of_birth: ISO 8601 date
 *
 * Returns: (transfer full): a new, unsaved child
 */
TandemChild *
tandem_child_new (const char *given_name,
                  const char *family_name,
                  const char *date_of_birth)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_CHILD);

  tandem_record_set_text (self, "given_name", given_name);
  tandem_record_set_text (self, "family_name", family_name);
  tandem_record_set_text (self, "date_of_birth", date_of_birth);
  tandem_record_set_text (self, "send_status", "none");
  return TANDEM_CHILD (self);
}

/**
 * tandem_child_get_display_name:
 * @self: a child
 *
 * Returns: the name the child is known by: the preferred name when there is
 *   one, else the given name
 */
const char *
tandem_child_get_display_name (TandemChild *self)
{
  const char *preferred = tandem_record_get_text (TANDEM_RECORD (self), "preferred_name");

  if (preferred != NULL)
    return preferred;
  return tandem_record_get_text (TANDEM_RECORD (self), "given_name");
}

/**
 * tandem_child_dup_full_name:
 * @self: a child
 *
 * Returns: (transfer full): given and family name
 */
char *
tandem_child_dup_full_name (TandemChild *self)
{
  /* Translators: a child's full name; %1$s is the given name, %2$s the family name. */
  return g_strdup_printf (C_("full name", "%1$s %2$s"),
                          tandem_record_get_text (TANDEM_RECORD (self), "given_name"),
                          tandem_record_get_text (TANDEM_RECORD (self), "family_name"));
}

TandemSendStatus
tandem_child_get_send_status (TandemChild *self)
{
  return tandem_send_status_from_string (tandem_record_get_text (TANDEM_RECORD (self),
                                                                 "send_status"));
}

/**
 * tandem_child_dup_home_languages:
 * @self: a child
 *
 * Returns: (transfer full): the BCP-47 tags of the home languages, in order
 */
char **
tandem_child_dup_home_languages (TandemChild *self)
{
  const char *text = tandem_record_get_text (TANDEM_RECORD (self), "home_languages");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

const char *
tandem_send_status_to_string (TandemSendStatus status)
{
  g_return_val_if_fail (status <= TANDEM_SEND_EHC_PLAN, "none");
  return send_codes[status];
}

TandemSendStatus
tandem_send_status_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (send_codes); i++)
    if (g_strcmp0 (text, send_codes[i]) == 0)
      return (TandemSendStatus) i;
  return TANDEM_SEND_NONE;
}

const char *
tandem_send_status_label (TandemSendStatus status)
{
  switch (status)
    {
    case TANDEM_SEND_MONITORING:
      /* Translators: SEND status: the setting is watching a possible need. */
      return _("Monitoring");
    case TANDEM_SEND_SEN_SUPPORT:
      /* Translators: SEND status, as in the SEND Code of Practice. */
      return _("SEN support");
    case TANDEM_SEND_EHC_PLAN:
      /* Translators: SEND status: Education, Health and Care plan. */
      return _("EHC plan");
    case TANDEM_SEND_NONE:
    default:
      /* Translators: SEND status: no special educational needs recorded. */
      return _("None");
    }
}

/**
 * tandem_age_in_months:
 * @date_of_birth: ISO 8601 date
 * @today: (nullable): the date to measure to, or %NULL for today
 * @months: (out): completed months of age
 *
 * Returns: %FALSE if the date is not valid or in the future
 */
gboolean
tandem_age_in_months (const char *date_of_birth,
                      GDate      *today,
                      int        *months)
{
  g_autoptr(GDate) now = NULL;
  int y, m, d;

  if (!tandem_date_is_valid (date_of_birth) ||
      sscanf (date_of_birth, "%d-%d-%d", &y, &m, &d) != 3)
    return FALSE;

  if (today == NULL)
    {
      now = g_date_new ();
      g_date_set_time_t (now, time (NULL));
      today = now;
    }

  *months = (g_date_get_year (today) - y) * 12 + ((int) g_date_get_month (today) - m);
  if ((int) g_date_get_day (today) < d)
    *months -= 1;

  return *months >= 0;
}

/**
 * tandem_format_age:
 * @date_of_birth: ISO 8601 date
 * @today: (nullable): the date to measure to, or %NULL for today
 *
 * Returns: (transfer full): the age in years and months, e.g. "3 years 4 months"
 */
char *
tandem_format_age (const char *date_of_birth,
                   GDate      *today)
{
  g_autofree char *years_text = NULL;
  g_autofree char *months_text = NULL;
  int months, years;

  if (!tandem_age_in_months (date_of_birth, today, &months))
    return g_strdup ("");

  years = months / 12;
  months %= 12;

  /* Translators: part of an age, e.g. "3 years". */
  years_text = g_strdup_printf (ngettext ("%d year", "%d years", years), years);
  /* Translators: part of an age, e.g. "4 months". */
  months_text = g_strdup_printf (ngettext ("%d month", "%d months", months), months);

  if (years == 0)
    return g_steal_pointer (&months_text);
  if (months == 0)
    return g_steal_pointer (&years_text);

  /* Translators: an age; %1$s is e.g. "3 years", %2$s e.g. "4 months". */
  return g_strdup_printf (C_("age", "%1$s %2$s"), years_text, months_text);
}
