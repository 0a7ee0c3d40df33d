/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib-object.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define TANDEM_TYPE_PACK_DOC (tandem_pack_doc_get_type ())

G_DECLARE_FINAL_TYPE (TandemPackDoc, tandem_pack_doc, TANDEM, PACK_DOC, GObject)

/**
 * TandemPackTextFlags:
 * @TANDEM_PACK_TEXT_NORMAL: body text
 * @TANDEM_PACK_TEXT_BOLD: bold
 * @TANDEM_PACK_TEXT_ITALIC: italic
 * @TANDEM_PACK_TEXT_SMALL: smaller type, e.g. a date line
 * @TANDEM_PACK_TEXT_MUTED: grey rather than black
 * @TANDEM_PACK_TEXT_CENTER: centred rather than aligned to the start
 * @TANDEM_PACK_TEXT_LARGE: title-sized type, e.g. a cover's name
 *
 * How a paragraph or list item looks. Text is always plain text: markup-like
 * characters are printed as they are.
 */
typedef enum {
  TANDEM_PACK_TEXT_NORMAL = 0,
  TANDEM_PACK_TEXT_BOLD   = 1 << 0,
  TANDEM_PACK_TEXT_ITALIC = 1 << 1,
  TANDEM_PACK_TEXT_SMALL  = 1 << 2,
  TANDEM_PACK_TEXT_MUTED  = 1 << 3,
  TANDEM_PACK_TEXT_CENTER = 1 << 4,
  TANDEM_PACK_TEXT_LARGE  = 1 << 5,
} TandemPackTextFlags;

/**
 * TandemPackTableFlags:
 * @TANDEM_PACK_TABLE_NORMAL: two equal voices, e.g. the family's language
 *   beside English
 * @TANDEM_PACK_TABLE_LABELS: the first column names what the second says
 *   ("Date", "Place"), in bold
 * @TANDEM_PACK_TABLE_RULED: a thin line between rows
 */
typedef enum {
  TANDEM_PACK_TABLE_NORMAL = 0,
  TANDEM_PACK_TABLE_LABELS = 1 << 0,
  TANDEM_PACK_TABLE_RULED  = 1 << 1,
} TandemPackTableFlags;

/**
 * TandemPackRuleStyle:
 * @TANDEM_PACK_RULE_SOLID: a thin separating line
 * @TANDEM_PACK_RULE_DASHED: a dashed "cut here" line, e.g. above a return slip
 */
typedef enum {
  TANDEM_PACK_RULE_SOLID,
  TANDEM_PACK_RULE_DASHED,
} TandemPackRuleStyle;

/**
 * TandemPackPageTextFunc:
 * @doc: the document
 * @page: the page number within @doc, from 1
 * @n_pages: how many pages @doc has
 * @user_data: data given with the function
 *
 * Gives the text of a page's header or footer, already translated, e.g.
 * "Page 2 of 6" in the document's language.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for none on @page
 */
typedef char *(*TandemPackPageTextFunc) (TandemPackDoc *doc,
                                         guint          page,
                                         guint          n_pages,
                                         gpointer       user_data);

TandemPackDoc *tandem_pack_doc_new                 (void);

void           tandem_pack_doc_set_title           (TandemPackDoc          *self,
                                                    const char             *title);
const char    *tandem_pack_doc_get_title           (TandemPackDoc          *self);
void           tandem_pack_doc_set_language        (TandemPackDoc          *self,
                                                    const char             *language);
const char    *tandem_pack_doc_get_language        (TandemPackDoc          *self);
void           tandem_pack_doc_set_direction       (TandemPackDoc          *self,
                                                    PangoDirection          direction);
PangoDirection tandem_pack_doc_get_direction       (TandemPackDoc          *self);
void           tandem_pack_doc_set_scale           (TandemPackDoc          *self,
                                                    double                  scale);
double         tandem_pack_doc_get_scale           (TandemPackDoc          *self);
void           tandem_pack_doc_set_font_family     (TandemPackDoc          *self,
                                                    const char             *family);
const char    *tandem_pack_doc_get_font_family     (TandemPackDoc          *self);
void           tandem_pack_doc_set_header_func     (TandemPackDoc          *self,
                                                    TandemPackPageTextFunc  func,
                                                    gpointer                user_data,
                                                    GDestroyNotify          destroy);
void           tandem_pack_doc_set_footer_func     (TandemPackDoc          *self,
                                                    TandemPackPageTextFunc  func,
                                                    gpointer                user_data,
                                                    GDestroyNotify          destroy);

void           tandem_pack_doc_add_heading         (TandemPackDoc          *self,
                                                    guint                   level,
                                                    const char             *text);
void           tandem_pack_doc_add_paragraph       (TandemPackDoc          *self,
                                                    const char             *text,
                                                    TandemPackTextFlags     flags);
void           tandem_pack_doc_add_bullet          (TandemPackDoc          *self,
                                                    const char             *text,
                                                    TandemPackTextFlags     flags);
gboolean       tandem_pack_doc_add_image           (TandemPackDoc          *self,
                                                    GBytes                 *bytes,
                                                    double                  max_width,
                                                    double                  max_height,
                                                    const char             *caption,
                                                    GError                **error);
void           tandem_pack_doc_begin_table         (TandemPackDoc          *self,
                                                    double                  first_fraction,
                                                    TandemPackTableFlags    flags);
void           tandem_pack_doc_add_row             (TandemPackDoc          *self,
                                                    const char             *first,
                                                    const char             *second);
void           tandem_pack_doc_add_writing_space   (TandemPackDoc          *self,
                                                    const char             *prompt,
                                                    guint                   n_lines);
void           tandem_pack_doc_add_rule            (TandemPackDoc          *self,
                                                    TandemPackRuleStyle     style);
void           tandem_pack_doc_add_space           (TandemPackDoc          *self,
                                                    double                  points);
void           tandem_pack_doc_add_page_break      (TandemPackDoc          *self);
void           tandem_pack_doc_begin_keep_together (TandemPackDoc          *self);
void           tandem_pack_doc_end_keep_together   (TandemPackDoc          *self);

guint          tandem_pack_doc_get_n_pages         (TandemPackDoc          *self);
guint          tandem_pack_doc_get_n_unknown_glyphs (TandemPackDoc         *self);

G_END_DECLS
