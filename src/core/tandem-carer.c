/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-carer.h"
#include "tandem-core-error.h"

struct _TandemCarer
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemCarer, tandem_carer, TANDEM_TYPE_RECORD)

#define CIRC(key, label) \
  { "circ_" key, TANDEM_FIELD_BOOL, TANDEM_FIELD_INTERNAL, label }, \
  { "circ_" key "_note", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL, label }

static const TandemField carer_fields[] = {
  { "child_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Child") },
  { "full_name", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Name") },
  { "relationship", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Relationship") },
  { "parental_responsibility", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Parental responsibility") },
  { "household", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Household") },
  { "phone", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Phone") },
  { "email", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Email") },
  { "address", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Address") },
  { "preferred_language", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Preferred language") },
  { "interpreter_needed", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Interpreter needed") },
  { "reading_support", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Reading support needed") },
  { "contact_method", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Preferred contact method") },
  { "contact_times", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Best times to contact") },
  { "notice_days", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Notice needed for meetings") },
  CIRC ("time", N_("Time available")),
  CIRC ("notice", N_("Notice needed")),
  CIRC ("commitments", N_("Other family commitments")),
  CIRC ("working_hours", N_("Working hours")),
  CIRC ("transport", N_("Transport")),
  CIRC ("confidence", N_("Confidence")),
  CIRC ("literacy", N_("Literacy")),
  CIRC ("language", N_("Language")),
  CIRC ("culture", N_("Culture")),
  CIRC ("education", N_("Educational history")),
  CIRC ("own_needs", N_("Carer’s own additional needs")),
  { "notes", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL, N_("Notes") },
};

#undef CIRC

static const TandemCircumstance circumstances[] = {
  { "time", N_("Time available"),
    N_("Little free time, e.g. shift work or caring for others") },
  { "notice", N_("Notice needed"),
    N_("Needs several days’ notice to arrange a meeting") },
  { "commitments", N_("Other family commitments"),
    N_("Other children, school runs, caring for a relative") },
  { "working_hours", N_("Working hours"),
    N_("Meetings need to be outside these hours") },
  { "transport", N_("Transport"),
    N_("Getting to the setting is hard; a phone or home meeting may suit") },
  { "confidence", N_("Confidence"),
    N_("May feel unsure in meetings; a familiar person or a smaller meeting helps") },
  { "literacy", N_("Literacy"),
    N_("Prefers spoken to written information") },
  { "language", N_("Language"),
    N_("More at home in another language") },
  { "culture", N_("Culture"),
    N_("Customs or beliefs to respect when planning") },
  { "education", N_("Educational history"),
    N_("The carer’s own experience of school or services") },
  { "own_needs", N_("Carer’s own additional needs"),
    N_("A disability, health condition or other need of the carer’s own") },
};

static const char * const contact_methods[] = {
  "phone", "text", "email", "in_person", "letter", NULL
};

static gboolean
tandem_carer_validate (TandemRecord  *record,
                       GError       **error)
{
  const char *email = tandem_record_get_text (record, "email");

  if (tandem_record_get_int (record, "notice_days") < 0 ||
      tandem_record_get_int (record, "notice_days") > 365)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Notice needed must be between 0 and 365 days."));
      return FALSE;
    }

  if (email != NULL && strchr (email, '@') == NULL)
    {
      /* Translators: %s is what was typed as an email address. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not an email address."), email);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_carer_class_init (TandemCarerClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "carers",
                                 "household COLLATE NOCASE, full_name COLLATE NOCASE",
                                 carer_fields, G_N_ELEMENTS (carer_fields));
  record_class->validate = tandem_carer_validate;
}

static void
tandem_carer_init (TandemCarer *self)
{
}

/**
 * tandem_circumstances:
 * @n_items: (out): how many
 *
 * Returns: (array length=n_items) (transfer none): the circumstances checklist
 */
const TandemCircumstance *
tandem_circumstances (guint *n_items)
{
  *n_items = G_N_ELEMENTS (circumstances);
  return circumstances;
}

/**
 * tandem_carer_new:
 * @child_id: the child this carer looks after
 * @full_name: the carer's name
 *
 * Returns: (transfer full): a new, unsaved carer with parental responsibility
 */
TandemCarer *
tandem_carer_new (const char *child_id,
                  const char *full_name)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_CARER);

  tandem_record_set_text (self, "child_id", child_id);
  tandem_record_set_text (self, "full_name", full_name);
  tandem_record_set_bool (self, "parental_responsibility", TRUE);
  tandem_record_set_text (self, "preferred_language", "en");
  return TANDEM_CARER (self);
}

const char *
tandem_carer_get_name (TandemCarer *self)
{
  return tandem_record_get_text (TANDEM_RECORD (self), "full_name");
}

gboolean
tandem_carer_has_circumstance (TandemCarer *self,
                               const char  *key)
{
  g_autofree char *field = g_strconcat ("circ_", key, NULL);

  return tandem_record_get_bool (TANDEM_RECORD (self), field);
}

const char *
tandem_carer_get_circumstance_note (TandemCarer *self,
                                    const char  *key)
{
  g_autofree char *field = g_strconcat ("circ_", key, "_note", NULL);

  return tandem_record_get_text (TANDEM_RECORD (self), field);
}

void
tandem_carer_set_circumstance (TandemCarer *self,
                               const char  *key,
                               gboolean     applies,
                               const char  *note)
{
  g_autofree char *field = g_strconcat ("circ_", key, NULL);
  g_autofree char *note_field = g_strconcat ("circ_", key, "_note", NULL);

  tandem_record_set_bool (TANDEM_RECORD (self), field, applies);
  tandem_record_set_text (TANDEM_RECORD (self), note_field, note);
}

/**
 * tandem_contact_methods:
 *
 * Returns: (transfer none): contact method codes, %NULL-terminated
 */
const char * const *
tandem_contact_methods (void)
{
  return contact_methods;
}

const char *
tandem_contact_method_label (const char *method)
{
  if (g_strcmp0 (method, "text") == 0)
    /* Translators: a contact method: an SMS text message. */
    return _("Text message");
  if (g_strcmp0 (method, "email") == 0)
    return _("Email");
  if (g_strcmp0 (method, "in_person") == 0)
    /* Translators: a contact method: talking at drop-off or pick-up. */
    return _("In person");
  if (g_strcmp0 (method, "letter") == 0)
    return _("Letter");
  if (g_strcmp0 (method, "phone") == 0)
    return _("Phone call");
  return _("No preference");
}
