/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tandem-setting.h"

struct _TandemSetting
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemSetting, tandem_setting, TANDEM_TYPE_RECORD)

static const TandemField setting_fields[] = {
  { "name", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Setting name") },
  { "address", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Address") },
  { "logo", TANDEM_FIELD_TEXT, TANDEM_FIELD_BLOB, N_("Logo") },
};

static void
tandem_setting_class_init (TandemSettingClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "settings", "id",
                                 setting_fields, G_N_ELEMENTS (setting_fields));
}

static void
tandem_setting_init (TandemSetting *self)
{
}
