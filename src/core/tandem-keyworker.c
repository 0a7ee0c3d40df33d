/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-keyworker.h"

struct _TandemKeyworker
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemKeyworker, tandem_keyworker, TANDEM_TYPE_RECORD)

static const TandemField keyworker_fields[] = {
  { "name", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Name") },
  { "role", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Role") },
  { "email", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Email") },
  { "phone", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Phone") },
  { "room_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Room") },
};

static const char * const roles[] = { "keyworker", "senco", "manager", "practitioner", NULL };

static void
tandem_keyworker_class_init (TandemKeyworkerClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "keyworkers",
                                 "name COLLATE NOCASE",
                                 keyworker_fields, G_N_ELEMENTS (keyworker_fields));
}

static void
tandem_keyworker_init (TandemKeyworker *self)
{
}

/**
 * tandem_keyworker_new:
 * @name: the practitioner's name
 *
 * Returns: (transfer full): a new, unsaved keyworker
 */
TandemKeyworker *
tandem_keyworker_new (const char *name)
{
  TandemKeyworker *self = TANDEM_KEYWORKER (tandem_record_new (TANDEM_TYPE_KEYWORKER));

  tandem_record_set_text (TANDEM_RECORD (self), "name", name);
  tandem_record_set_text (TANDEM_RECORD (self), "role", "keyworker");
  return self;
}

const char *
tandem_keyworker_get_name (TandemKeyworker *self)
{
  return tandem_record_get_text (TANDEM_RECORD (self), "name");
}

/**
 * tandem_keyworker_roles:
 *
 * Returns: (transfer none): the role codes, %NULL-terminated
 */
const char * const *
tandem_keyworker_roles (void)
{
  return roles;
}

const char *
tandem_keyworker_role_label (const char *role)
{
  if (g_strcmp0 (role, "senco") == 0)
    /* Translators: Special Educational Needs Co-ordinator. */
    return _("SENCO");
  if (g_strcmp0 (role, "manager") == 0)
    return _("Manager");
  if (g_strcmp0 (role, "practitioner") == 0)
    return _("Practitioner");
  /* Translators: the practitioner who is a child's key person. */
  return _("Keyworker");
}
