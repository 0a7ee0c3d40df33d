/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FAMILY_MODE (tandem_family_mode_get_type ())

G_DECLARE_FINAL_TYPE (TandemFamilyMode, tandem_family_mode, TANDEM, FAMILY_MODE, AdwWindow)

TandemFamilyMode *tandem_family_mode_new            (TandemStore      *store,
                                                     TandemChild      *child,
                                                     TandemCarer      *carer,
                                                     const char       *today);
const char       *tandem_family_mode_get_language   (TandemFamilyMode *self);
gboolean          tandem_family_mode_add_comment    (TandemFamilyMode *self,
                                                     const char       *observation_id,
                                                     const char       *text,
                                                     GError          **error);
gboolean          tandem_family_mode_add_home       (TandemFamilyMode *self,
                                                     const char       *text,
                                                     GPtrArray        *photos,
                                                     GPtrArray        *photo_children,
                                                     GError          **error);
gboolean          tandem_family_mode_add_for_meeting (TandemFamilyMode *self,
                                                      const char       *text,
                                                      GError          **error);
gboolean          tandem_family_mode_add_for_plan   (TandemFamilyMode *self,
                                                     const char       *text,
                                                     GError          **error);
gboolean          tandem_family_mode_leave          (TandemFamilyMode *self,
                                                     const char       *pin);

G_END_DECLS
