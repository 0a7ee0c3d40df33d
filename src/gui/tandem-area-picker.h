/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_AREA_PICKER (tandem_area_picker_get_type ())

G_DECLARE_FINAL_TYPE (TandemAreaPicker, tandem_area_picker, TANDEM, AREA_PICKER, AdwBin)

GtkWidget *tandem_area_picker_new                 (void);
char      *tandem_area_picker_get_areas           (TandemAreaPicker *self);
void       tandem_area_picker_set_areas           (TandemAreaPicker *self,
                                                   const char       *codes);
char      *tandem_area_picker_get_characteristics (TandemAreaPicker *self);
void       tandem_area_picker_set_characteristics (TandemAreaPicker *self,
                                                   const char       *codes);

G_END_DECLS
