/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A picture placed in a pack. JPEGs are only parsed for their size and
 * orientation and go into the PDF byte for byte; anything else is decoded
 * with gdk-pixbuf. Internal to src/pack. */
typedef struct _TandemPackImage TandemPackImage;

/* The cairo surfaces of one PDF being written. Keeps every surface alive
 * until the PDF surface is finished, and gives identical pictures one
 * surface, so each is embedded once. */
typedef struct _TandemPackImageCache TandemPackImageCache;

TandemPackImage      *tandem_pack_image_new        (GBytes               *bytes,
                                                    GError              **error);
TandemPackImage      *tandem_pack_image_ref        (TandemPackImage      *self);
void                  tandem_pack_image_unref      (TandemPackImage      *self);
int                   tandem_pack_image_get_width  (TandemPackImage      *self);
int                   tandem_pack_image_get_height (TandemPackImage      *self);
gboolean              tandem_pack_image_is_jpeg    (TandemPackImage      *self);
void                  tandem_pack_image_paint      (TandemPackImage      *self,
                                                    TandemPackImageCache *cache,
                                                    cairo_t              *cr,
                                                    double                x,
                                                    double                y,
                                                    double                width,
                                                    double                height);

TandemPackImageCache *tandem_pack_image_cache_new  (void);
void                  tandem_pack_image_cache_free (TandemPackImageCache *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPackImage, tandem_pack_image_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPackImageCache, tandem_pack_image_cache_free)

G_END_DECLS
