/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_PHOTO_STRIP (tandem_photo_strip_get_type ())

G_DECLARE_FINAL_TYPE (TandemPhotoStrip, tandem_photo_strip, TANDEM, PHOTO_STRIP, AdwBin)

/* The longest side of a photo as it is kept, in pixels. */
#define TANDEM_PHOTO_MAX_SIZE 2048

GtkWidget          *tandem_photo_strip_new            (void);
void                tandem_photo_strip_set_store      (TandemPhotoStrip    *self,
                                                       TandemStore         *store);
void                tandem_photo_strip_set_children   (TandemPhotoStrip    *self,
                                                       const char * const  *ids,
                                                       const char * const  *names);
void                tandem_photo_strip_load           (TandemPhotoStrip    *self,
                                                       GPtrArray           *photos);
void                tandem_photo_strip_add_files      (TandemPhotoStrip    *self,
                                                       GFile              **files,
                                                       guint                n_files);
gboolean            tandem_photo_strip_paste          (TandemPhotoStrip    *self,
                                                       GdkClipboard        *clipboard);
gboolean            tandem_photo_strip_clipboard_has_photos (GdkClipboard  *clipboard);
gboolean            tandem_photo_strip_get_busy       (TandemPhotoStrip    *self);
guint               tandem_photo_strip_get_n_photos   (TandemPhotoStrip    *self);
const char * const *tandem_photo_strip_get_errors     (TandemPhotoStrip    *self);
void                tandem_photo_strip_collect        (TandemPhotoStrip    *self,
                                                       GPtrArray          **photos,
                                                       GPtrArray          **photo_children);
JsonNode           *tandem_photo_strip_to_json        (TandemPhotoStrip    *self);
void                tandem_photo_strip_load_json      (TandemPhotoStrip    *self,
                                                       JsonArray           *array);

G_END_DECLS
