/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-pack-doc.h"
#include "tandem-pack-image.h"

G_BEGIN_DECLS

/* What the layout reads from a document: its blocks, in order. */

typedef enum {
  TANDEM_PACK_BLOCK_HEADING,
  TANDEM_PACK_BLOCK_PARAGRAPH,
  TANDEM_PACK_BLOCK_BULLET,
  TANDEM_PACK_BLOCK_IMAGE,
  TANDEM_PACK_BLOCK_ROW,
  TANDEM_PACK_BLOCK_WRITING,
  TANDEM_PACK_BLOCK_RULE,
  TANDEM_PACK_BLOCK_SPACE,
  TANDEM_PACK_BLOCK_PAGE_BREAK,
} TandemPackBlockKind;

typedef struct {
  TandemPackBlockKind  kind;
  char                *text;       /* heading, paragraph, item, caption, prompt, first cell */
  char                *text2;      /* second cell */
  guint                flags;      /* TandemPackTextFlags, TandemPackTableFlags or TandemPackRuleStyle */
  guint                level;      /* heading: 1 or 2 */
  guint                n_lines;    /* writing space */
  double               amount;     /* row: first column's share; space: points */
  double               max_width;  /* image, points; 0 for the text width */
  double               max_height;
  TandemPackImage     *image;
  guint                group;      /* keep-together group, 0 for none */
} TandemPackBlock;

GPtrArray *_tandem_pack_doc_get_blocks      (TandemPackDoc *self);
gboolean   _tandem_pack_doc_has_header      (TandemPackDoc *self);
gboolean   _tandem_pack_doc_has_footer      (TandemPackDoc *self);
char      *_tandem_pack_doc_get_header_text (TandemPackDoc *self,
                                             guint          page,
                                             guint          n_pages);
char      *_tandem_pack_doc_get_footer_text (TandemPackDoc *self,
                                             guint          page,
                                             guint          n_pages);
void       _tandem_pack_doc_set_result      (TandemPackDoc *self,
                                             guint          n_pages,
                                             guint          n_unknown_glyphs);

G_END_DECLS
