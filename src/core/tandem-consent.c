/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-consent.h"
#include "tandem-core-error.h"

struct _TandemConsent
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemConsent, tandem_consent, TANDEM_TYPE_RECORD)

static const TandemField consent_fields[] = {
  { "child_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Child") },
  { "kind", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Consent for") },
  { "professional", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Professional") },
  { "granted", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Consent given") },
  { "carer_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Given by") },
  { "given_on", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Date") },
  { "withdrawn_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Withdrawn on") },
  { "notes", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL, N_("Notes") },
};

static const char * const kinds[] = {
  TANDEM_CONSENT_PHOTOS_JOURNAL,
  TANDEM_CONSENT_PHOTOS_PACK,
  TANDEM_CONSENT_SHARE_PROFESSIONAL,
  NULL
};

static gboolean
tandem_consent_validate (TandemRecord  *record,
                         GError       **error)
{
  const char *kind = tandem_record_get_text (record, "kind");
  const char *withdrawn = tandem_record_get_text (record, "withdrawn_on");

  if (!g_strv_contains (kinds, kind))
    {
      /* Translators: %s is an unrecognised consent type from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a kind of consent."), kind);
      return FALSE;
    }

  if (g_strcmp0 (kind, TANDEM_CONSENT_SHARE_PROFESSIONAL) == 0 &&
      tandem_record_get_text (record, "professional") == NULL)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Name the professional this consent allows sharing with."));
      return FALSE;
    }

  if (withdrawn != NULL &&
      g_strcmp0 (withdrawn, tandem_record_get_text (record, "given_on")) < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Consent cannot be withdrawn before it was given."));
      return FALSE;
    }

  return TRUE;
}

static void
tandem_consent_class_init (TandemConsentClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "consents", "kind, given_on DESC",
                                 consent_fields, G_N_ELEMENTS (consent_fields));
  record_class->validate = tandem_consent_validate;
}

static void
tandem_consent_init (TandemConsent *self)
{
}

/**
 * tandem_consent_new:
 * @child_id: the child
 * @kind: one of tandem_consent_kinds()
 *
 * Returns: (transfer full): a new, unsaved consent, given
 */
TandemConsent *
tandem_consent_new (const char *child_id,
                    const char *kind)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_CONSENT);

  tandem_record_set_text (self, "child_id", child_id);
  tandem_record_set_text (self, "kind", kind);
  tandem_record_set_bool (self, "granted", TRUE);
  return TANDEM_CONSENT (self);
}

/**
 * tandem_consent_kinds:
 *
 * Returns: (transfer none): consent kind codes, %NULL-terminated
 */
const char * const *
tandem_consent_kinds (void)
{
  return kinds;
}

const char *
tandem_consent_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, TANDEM_CONSENT_PHOTOS_JOURNAL) == 0)
    return _("Photos in the learning journal");
  if (g_strcmp0 (kind, TANDEM_CONSENT_PHOTOS_PACK) == 0)
    return _("Photos in packs for the family");
  if (g_strcmp0 (kind, TANDEM_CONSENT_SHARE_PROFESSIONAL) == 0)
    return _("Sharing with a named professional");
  return kind;
}

/**
 * tandem_consent_is_current:
 * @self: a consent
 * @on_date: ISO date
 *
 * Returns: %TRUE if consent was given on or before @on_date and not withdrawn
 *   by then
 */
gboolean
tandem_consent_is_current (TandemConsent *self,
                           const char    *on_date)
{
  TandemRecord *record = TANDEM_RECORD (self);
  const char *given = tandem_record_get_text (record, "given_on");
  const char *withdrawn = tandem_record_get_text (record, "withdrawn_on");

  if (!tandem_record_get_bool (record, "granted") || tandem_record_get_deleted (record))
    return FALSE;
  if (given == NULL || g_strcmp0 (given, on_date) > 0)
    return FALSE;
  return withdrawn == NULL || g_strcmp0 (withdrawn, on_date) > 0;
}
