/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_FAMILY_VIEW (tandem_family_view_get_type ())

G_DECLARE_FINAL_TYPE (TandemFamilyView, tandem_family_view, TANDEM, FAMILY_VIEW, GtkWidget)

GtkWidget   *tandem_family_view_new       (void);
TandemStore *tandem_family_view_get_store (TandemFamilyView *self);
void         tandem_family_view_set_store (TandemFamilyView *self,
                                           TandemStore      *store);
TandemChild *tandem_family_view_get_child (TandemFamilyView *self);
void         tandem_family_view_set_child (TandemFamilyView *self,
                                           TandemChild      *child);

G_END_DECLS
