/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <cairo.h>

#include "tandem-pack-doc.h"
#include "tandem-pack-image.h"

G_BEGIN_DECLS

/* One document measured and broken into A4 pages, ready to draw page by
 * page: the number of pages is known before the first is drawn, so footers
 * can say "Page 1 of 6". Internal to src/pack. */
typedef struct _TandemPackLayout TandemPackLayout;

#define TANDEM_PACK_PAGE_WIDTH  595.27559 /* A4, 210 mm in points */
#define TANDEM_PACK_PAGE_HEIGHT 841.88976 /* 297 mm */

TandemPackLayout *tandem_pack_layout_new                (TandemPackDoc        *doc,
                                                         cairo_t              *cr);
guint             tandem_pack_layout_get_n_pages        (TandemPackLayout     *self);
guint             tandem_pack_layout_get_n_unknown_glyphs (TandemPackLayout   *self);
void              tandem_pack_layout_draw_page          (TandemPackLayout     *self,
                                                         cairo_t              *cr,
                                                         guint                 page,
                                                         TandemPackImageCache *cache);
void              tandem_pack_layout_add_outline        (TandemPackLayout     *self,
                                                         cairo_surface_t      *pdf,
                                                         int                   parent,
                                                         guint                 first_page);
void              tandem_pack_layout_free               (TandemPackLayout     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPackLayout, tandem_pack_layout_free)

G_END_DECLS
