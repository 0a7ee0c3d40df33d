/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SETTING (tandem_setting_get_type ())

/* The setting is a single row with a fixed id, so that two laptops that each
 * name the setting merge into one record when they sync. */
#define TANDEM_SETTING_ID "00000000-0000-4000-8000-000000000001"

G_DECLARE_FINAL_TYPE (TandemSetting, tandem_setting, TANDEM, SETTING, TandemRecord)

G_END_DECLS
