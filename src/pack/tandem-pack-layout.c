/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "tandem-pack-doc-private.h"
#include "tandem-pack-layout.h"

/* The layout works in two passes. Measuring turns each block into
 * elements (text lines, bullets, pictures, lines) at positions relative to
 * the block's top, and says where inside the block a page may break.
 * Paginating then places whole blocks, or slices of them between break
 * points, on pages. Drawing a page draws the elements whose top falls inside
 * each slice placed on it, so nothing is ever clipped mid-line. */

#define MM (72.0 / 25.4)
#define MARGIN_SIDE (18 * MM)
#define MARGIN_TOP (16 * MM)
#define MARGIN_BOTTOM (14 * MM)

#define BODY_SIZE 11.0
#define SMALL_SIZE 9.0
#define LARGE_SIZE 26.0
#define H1_SIZE 18.0
#define H2_SIZE 13.5

#define COLOR_TEXT 0x1a1a1a
#define COLOR_MUTED 0x5c5c5c
#define COLOR_HEADING 0x1f4e5f
#define COLOR_RULE 0x8c8c8c
#define COLOR_WRITING 0xa6a6a6

typedef enum {
  ELEMENT_LINE,
  ELEMENT_BULLET,
  ELEMENT_IMAGE,
  ELEMENT_RULE,
} ElementKind;

typedef struct {
  ElementKind      kind;
  double           y;            /* top, from the block's top */
  double           height;
  double           x;            /* line, image: left; bullet: centre; rule: start */
  double           x2;           /* rule: end; image: width; bullet: radius */
  double           offset;       /* line: baseline, rule: the line, bullet: centre, below y */
  guint32          color;
  gboolean         dashed;
  gboolean         break_before; /* a page may end just above this element */
  PangoLayoutLine *line;
  TandemPackImage *image;
} Element;

typedef struct {
  TandemPackBlock *block;
  GArray          *elements;
  GPtrArray       *layouts;
  double           height;
  double           before;
  double           after;
  gboolean         after_exact;    /* a heading sits this close to what follows */
  gboolean         keep_with_next;
  gboolean         collapsible;    /* space, which vanishes at the top of a page */
} Measured;

typedef struct {
  Measured *measured;
  guint     page;
  double    y;    /* on the page, from the body's top */
  double    from; /* the slice of the block placed there */
  double    to;
} Placement;

struct _TandemPackLayout {
  TandemPackDoc        *doc;
  PangoContext         *context;
  PangoFontDescription *fonts[3]; /* body, small (also headers and footers), bold body */
  double                scale;
  double                body_size;
  double                width;
  double                body_top;
  double                body_height;
  double                footer_y;
  Measured             *measured;
  guint                 n_measured;
  GArray               *placements;
  guint                 n_pages;
  guint                 n_unknown_glyphs;

  /* Paginating */
  guint                 page;
  double                y;
  gboolean              page_has_content;
  gboolean              page_chosen;      /* begun by the document or a page break */
  Measured             *previous;
};

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoFontDescription *
make_font (TandemPackLayout *self,
           double            size,
           PangoWeight       weight,
           PangoStyle        style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, tandem_pack_doc_get_font_family (self->doc));
  pango_font_description_set_absolute_size (font, size * self->scale * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  return font;
}

/* Lays out plain text — never markup — at @width, aligned to the start of
 * each paragraph's own direction unless centred. */
static PangoLayout *
text_layout (TandemPackLayout           *self,
             const char                 *text,
             const PangoFontDescription *font,
             double                      width,
             gboolean                    center)
{
  PangoLayout *layout = pango_layout_new (self->context);
  gboolean rtl = tandem_pack_doc_get_direction (self->doc) == PANGO_DIRECTION_RTL;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* With auto-direction Pango mirrors the alignment of a paragraph whose
   * direction differs from the context's, so "the context's start" is each
   * paragraph's start. */
  pango_layout_set_auto_dir (layout, TRUE);
  pango_layout_set_alignment (layout, center ? PANGO_ALIGN_CENTER
                                             : rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_spacing (layout, (int) (pango_font_description_get_size (font) * 0.2));
  pango_layout_set_text (layout, text, -1);
  self->n_unknown_glyphs += pango_layout_get_unknown_glyphs_count (layout);
  return layout;
}

static void
measured_clear (Measured *m)
{
  if (m->elements != NULL)
    {
      for (guint i = 0; i < m->elements->len; i++)
        {
          Element *e = &g_array_index (m->elements, Element, i);

          g_clear_pointer (&e->line, pango_layout_line_unref);
        }
      g_array_unref (m->elements);
    }
  g_clear_pointer (&m->layouts, g_ptr_array_unref);
}

static Element *
add_element (Measured    *m,
             ElementKind  kind,
             double       y,
             double       height)
{
  Element e = { .kind = kind, .y = y, .height = height };

  g_array_append_val (m->elements, e);
  return &g_array_index (m->elements, Element, m->elements->len - 1);
}

/* Adds a line element per line of @layout placed at (@x, @y). A page may
 * break before a line if at least two lines stay on each side. Returns the
 * layout's height. */
static double
add_lines (Measured    *m,
           PangoLayout *layout,
           double       x,
           double       y,
           guint32      color,
           gboolean     breakable)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n_lines = pango_layout_get_line_count (layout);
  int index = 0;
  PangoRectangle logical;

  g_ptr_array_add (m->layouts, layout);
  do
    {
      Element *e;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      e = add_element (m, ELEMENT_LINE, y + (double) logical.y / PANGO_SCALE,
                       (double) logical.height / PANGO_SCALE);
      e->x = x + (double) logical.x / PANGO_SCALE;
      e->offset = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      e->color = color;
      e->line = pango_layout_line_ref (pango_layout_iter_get_line_readonly (iter));
      e->break_before = breakable && index >= 2 && n_lines - index >= 2;
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static const PangoFontDescription *
font_for_flags (TandemPackLayout     *self,
                guint                 flags,
                PangoFontDescription **owned)
{
  double size = BODY_SIZE;

  if (flags & TANDEM_PACK_TEXT_LARGE)
    size = LARGE_SIZE;
  else if (flags & TANDEM_PACK_TEXT_SMALL)
    size = SMALL_SIZE;

  if (size == BODY_SIZE && !(flags & TANDEM_PACK_TEXT_ITALIC))
    return self->fonts[(flags & TANDEM_PACK_TEXT_BOLD) ? 2 : 0];
  if (size == SMALL_SIZE && !(flags & (TANDEM_PACK_TEXT_ITALIC | TANDEM_PACK_TEXT_BOLD)))
    return self->fonts[1];

  *owned = make_font (self, size,
                      (flags & TANDEM_PACK_TEXT_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                      (flags & TANDEM_PACK_TEXT_ITALIC) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return *owned;
}

static void
measure_text (TandemPackLayout *self,
              Measured         *m)
{
  TandemPackBlock *block = m->block;
  PangoFontDescription *owned = NULL;
  const PangoFontDescription *font = font_for_flags (self, block->flags, &owned);
  guint32 color = (block->flags & TANDEM_PACK_TEXT_MUTED) ? COLOR_MUTED : COLOR_TEXT;
  double b = self->body_size;

  if (block->kind == TANDEM_PACK_BLOCK_PARAGRAPH)
    {
      PangoLayout *layout = text_layout (self, block->text, font, self->width,
                                         block->flags & TANDEM_PACK_TEXT_CENTER);

      m->height = add_lines (m, layout, 0, 0, color, TRUE);
      m->before = m->after = 0.6 * b;
    }
  else
    {
      double indent = 1.5 * b;
      PangoLayout *layout = text_layout (self, block->text, font, self->width - indent,
                                         block->flags & TANDEM_PACK_TEXT_CENTER);
      PangoLayoutLine *first = pango_layout_get_line_readonly (layout, 0);
      gboolean rtl = pango_layout_line_get_resolved_direction (first) == PANGO_DIRECTION_RTL;
      Element *bullet;
      double first_baseline = pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
      double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

      /* The bullet goes where the item's own text starts. */
      m->height = add_lines (m, layout, rtl ? 0 : indent, 0, color, TRUE);
      bullet = add_element (m, ELEMENT_BULLET, 0, 0);
      bullet->x = rtl ? self->width - indent / 2 : indent / 2;
      bullet->x2 = 0.16 * size;
      bullet->offset = first_baseline - 0.33 * size;
      bullet->color = color;
      m->before = m->after = 0.3 * b;
    }
  if (owned != NULL)
    pango_font_description_free (owned);
}

static void
measure_heading (TandemPackLayout *self,
                 Measured         *m)
{
  double size = m->block->level == 1 ? H1_SIZE : H2_SIZE;
  g_autoptr(PangoFontDescription) font = make_font (self, size, PANGO_WEIGHT_BOLD,
                                                    PANGO_STYLE_NORMAL);
  PangoLayout *layout = text_layout (self, m->block->text, font, self->width, FALSE);

  size *= self->scale;
  m->height = add_lines (m, layout, 0, 0, COLOR_HEADING, FALSE);
  m->before = (m->block->level == 1 ? 1.1 : 0.9) * size;
  m->after = 0.35 * size;
  m->after_exact = TRUE;
  m->keep_with_next = TRUE;
}

static double
fit_image (double  max,
           double  fallback)
{
  return max > 0 ? MIN (max, fallback) : fallback;
}

static void
measure_image (TandemPackLayout *self,
               Measured         *m)
{
  TandemPackBlock *block = m->block;
  double b = self->body_size;
  double max_w = fit_image (block->max_width, self->width);
  double max_h = fit_image (block->max_height, 0.8 * self->body_height);
  double iw = tandem_pack_image_get_width (block->image);
  double ih = tandem_pack_image_get_height (block->image);
  double zoom = MIN (max_w / iw, max_h / ih);
  Element *e = add_element (m, ELEMENT_IMAGE, 0, ih * zoom);

  e->image = block->image;
  e->x2 = iw * zoom;
  e->x = (self->width - e->x2) / 2;
  m->height = e->height;

  if (block->text != NULL && *block->text != '\0')
    {
      double top = m->height + 0.35 * b;
      PangoLayout *layout = text_layout (self, block->text, self->fonts[1], self->width, TRUE);

      m->height = top + add_lines (m, layout, 0, top, COLOR_MUTED, FALSE);
    }
  m->before = m->after = 0.9 * b;
}

static void
measure_row (TandemPackLayout *self,
             Measured         *m,
             gboolean          first_row)
{
  TandemPackBlock *block = m->block;
  gboolean rtl = tandem_pack_doc_get_direction (self->doc) == PANGO_DIRECTION_RTL;
  double b = self->body_size;
  double gap = 1.2 * b;
  double pad = (block->flags & TANDEM_PACK_TABLE_RULED) ? 0.4 * b : 0.15 * b;
  double first_w = (self->width - gap) * block->amount;
  double second_w = self->width - gap - first_w;
  /* Right to left, the first column is on the right. */
  double first_x = rtl ? self->width - first_w : 0;
  double second_x = rtl ? 0 : first_w + gap;
  const PangoFontDescription *first_font =
    self->fonts[(block->flags & TANDEM_PACK_TABLE_LABELS) ? 2 : 0];
  PangoLayout *first = text_layout (self, block->text, first_font, first_w, FALSE);
  PangoLayout *second = text_layout (self, block->text2, self->fonts[0], second_w, FALSE);
  double h1, h2;

  /* A label and its value read as one line of the document: a name in
   * Latin letters beside an Arabic label sits against the label, on the
   * document's side, rather than across the page on its own. */
  if (block->flags & TANDEM_PACK_TABLE_LABELS)
    {
      pango_layout_set_auto_dir (first, FALSE);
      pango_layout_set_auto_dir (second, FALSE);
    }
  h1 = add_lines (m, first, first_x, pad, COLOR_TEXT, TRUE);
  h2 = add_lines (m, second, second_x, pad, COLOR_TEXT, TRUE);

  m->height = MAX (h1, h2) + 2 * pad;
  if ((block->flags & TANDEM_PACK_TABLE_RULED) && !first_row)
    {
      Element *rule = add_element (m, ELEMENT_RULE, 0, 0);

      rule->x2 = self->width;
      rule->color = COLOR_RULE;
    }
  m->before = m->after = 0.6 * b;
}

static void
measure_writing (TandemPackLayout *self,
                 Measured         *m)
{
  TandemPackBlock *block = m->block;
  double b = self->body_size;
  double gap = 2.3 * b;
  double top = 0;

  if (block->text != NULL && *block->text != '\0')
    {
      PangoLayout *layout = text_layout (self, block->text, self->fonts[2], self->width, FALSE);

      top = add_lines (m, layout, 0, 0, COLOR_TEXT, FALSE);
    }
  /* Each line owns the band above it, where the writing goes; the prompt
   * keeps its first two lines, and no line goes over a page alone. */
  for (guint i = 0; i < block->n_lines; i++)
    {
      Element *e = add_element (m, ELEMENT_RULE, top + i * gap, gap);

      e->x2 = self->width;
      e->offset = gap;
      e->color = COLOR_WRITING;
      e->break_before = i >= 2 && block->n_lines - i >= 2;
    }
  m->height = top + block->n_lines * gap + 0.3 * b;
  m->before = m->after = 0.8 * b;
}

static void
measure (TandemPackLayout *self,
         Measured         *m,
         TandemPackBlock  *previous)
{
  TandemPackBlock *block = m->block;
  double b = self->body_size;

  m->elements = g_array_new (FALSE, TRUE, sizeof (Element));
  m->layouts = g_ptr_array_new_with_free_func (g_object_unref);

  switch (block->kind)
    {
    case TANDEM_PACK_BLOCK_HEADING:
      measure_heading (self, m);
      break;
    case TANDEM_PACK_BLOCK_PARAGRAPH:
    case TANDEM_PACK_BLOCK_BULLET:
      measure_text (self, m);
      break;
    case TANDEM_PACK_BLOCK_IMAGE:
      measure_image (self, m);
      break;
    case TANDEM_PACK_BLOCK_ROW:
      measure_row (self, m, previous == NULL || previous->kind != TANDEM_PACK_BLOCK_ROW);
      break;
    case TANDEM_PACK_BLOCK_WRITING:
      measure_writing (self, m);
      break;
    case TANDEM_PACK_BLOCK_RULE:
      {
        Element *e = add_element (m, ELEMENT_RULE, 0, 1);

        e->x2 = self->width;
        e->offset = 0.5;
        e->color = COLOR_RULE;
        e->dashed = block->flags == TANDEM_PACK_RULE_DASHED;
        m->height = 1;
        /* Well apart from writing lines, so it is not taken for one. */
        m->before = m->after = 1.4 * b;
      }
      break;
    case TANDEM_PACK_BLOCK_SPACE:
      m->height = block->amount * self->scale;
      m->collapsible = TRUE;
      break;
    case TANDEM_PACK_BLOCK_PAGE_BREAK:
      break;
    default:
      g_assert_not_reached ();
    }
}

static double
gap_between (Measured *previous,
             Measured *next)
{
  if (previous == NULL)
    return 0;
  if (previous->after_exact || previous->collapsible || next->collapsible)
    return previous->after;
  /* Rows of one table touch; their padding spaces them. */
  if (previous->block->kind == TANDEM_PACK_BLOCK_ROW && next->block->kind == TANDEM_PACK_BLOCK_ROW)
    return 0;
  return MAX (previous->after, next->before);
}

/* Whether a page may break at @y inside @m: an element starting there allows
 * it and nothing straddles it. */
static gboolean
can_break_at (Measured *m,
              double    y)
{
  gboolean allowed = FALSE;

  for (guint i = 0; i < m->elements->len; i++)
    {
      Element *e = &g_array_index (m->elements, Element, i);

      if (e->y < y - 0.01 && e->y + e->height > y + 0.01)
        return FALSE;
      if (e->break_before && fabs (e->y - y) < 0.01)
        allowed = TRUE;
    }
  return allowed;
}

/* The deepest break in (@from, @from + @room], or the first one after @from
 * when @room is negative; -1 for none. */
static double
find_break (Measured *m,
            double    from,
            double    room)
{
  double best = -1;

  for (guint i = 0; i < m->elements->len; i++)
    {
      Element *e = &g_array_index (m->elements, Element, i);

      if (!e->break_before || e->y <= from + 0.01 || !can_break_at (m, e->y))
        continue;
      if (room < 0)
        {
          if (best < 0 || e->y < best)
            best = e->y;
        }
      else if (e->y - from <= room && e->y > best)
        {
          best = e->y;
        }
    }
  return best;
}

static void
new_page (TandemPackLayout *self,
          gboolean          chosen)
{
  self->page++;
  self->y = 0;
  self->page_has_content = FALSE;
  self->page_chosen = chosen;
  self->previous = NULL;
}

static void
place (TandemPackLayout *self,
       Measured         *m,
       double            gap,
       double            from,
       double            to)
{
  Placement p = { m, self->page, self->y + gap, from, to };

  /* Space vanishes where the text ran over onto a new page, but not on a
   * page the author began (a cover's space above its title). */
  if (m->collapsible && !self->page_has_content && !self->page_chosen)
    return;
  g_array_append_val (self->placements, p);
  self->y += gap + (to - from);
  if (!m->collapsible)
    self->page_has_content = TRUE;
  self->previous = m;
}

static double
gap_here (TandemPackLayout *self,
          Measured         *m)
{
  return self->page_has_content ? gap_between (self->previous, m) : 0;
}

/* Places one block, in slices across pages if it does not fit. */
static void
place_block (TandemPackLayout *self,
             Measured         *m,
             Measured         *next)
{
  double from = 0;

  if (m->keep_with_next && next != NULL && self->page_has_content)
    {
      /* A heading needs room for the start of what it heads. */
      double first = find_break (next, 0, -1);
      double need = gap_here (self, m) + m->height + gap_between (m, next)
                    + (first > 0 ? first : next->height);

      if (self->y + need > self->body_height)
        new_page (self, FALSE);
    }

  for (;;)
    {
      double gap = gap_here (self, m);
      double room = self->body_height - self->y - gap;
      double cut;

      if (m->height - from <= room + 0.01)
        {
          place (self, m, gap, from, m->height);
          return;
        }
      if (m->collapsible)
        {
          new_page (self, FALSE);
          return;
        }
      cut = room > 0 ? find_break (m, from, room) : -1;
      if (cut > 0)
        {
          place (self, m, gap, from, cut);
          new_page (self, FALSE);
          from = cut;
          continue;
        }
      if (self->page_has_content)
        {
          new_page (self, FALSE);
          continue;
        }
      /* Taller than a page with no break that fits: the slice overflows. */
      cut = find_break (m, from, -1);
      place (self, m, gap, from, cut > 0 ? cut : m->height);
      if (cut < 0)
        return;
      new_page (self, FALSE);
      from = cut;
    }
}

static gboolean
linked (Measured *a,
        Measured *b)
{
  if (b->block->kind == TANDEM_PACK_BLOCK_PAGE_BREAK)
    return FALSE;
  return a->keep_with_next || (a->block->group != 0 && a->block->group == b->block->group);
}

static void
paginate (TandemPackLayout *self)
{
  guint i = 0;

  self->page_chosen = TRUE;

  while (i < self->n_measured)
    {
      Measured *m = &self->measured[i];
      guint end = i + 1;
      double height;

      if (m->block->kind == TANDEM_PACK_BLOCK_PAGE_BREAK)
        {
          if (self->page_has_content)
            new_page (self, TRUE);
          i++;
          continue;
        }

      /* Blocks that go together: a heading and what follows, a kept
       * group. */
      while (end < self->n_measured && linked (&self->measured[end - 1], &self->measured[end]))
        end++;
      height = m->height;
      for (guint k = i + 1; k < end; k++)
        height += gap_between (&self->measured[k - 1], &self->measured[k])
                  + self->measured[k].height;

      if (end - i > 1 && self->page_has_content
          && self->y + gap_here (self, m) + height > self->body_height
          && height <= self->body_height)
        new_page (self, FALSE);

      if (self->y + gap_here (self, m) + height <= self->body_height + 0.01)
        {
          for (guint k = i; k < end; k++)
            place (self, &self->measured[k], gap_here (self, &self->measured[k]), 0,
                   self->measured[k].height);
        }
      else
        {
          for (guint k = i; k < end; k++)
            place_block (self, &self->measured[k],
                         k + 1 < self->n_measured ? &self->measured[k + 1] : NULL);
        }
      i = end;
    }
  self->n_pages = self->page + 1;
}

static double
line_height (TandemPackLayout           *self,
             const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
  PangoRectangle logical;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/**
 * tandem_pack_layout_new:
 * @doc: the document
 * @cr: a context on the PDF surface, for font metrics
 *
 * Measures every block of @doc and breaks it into pages.
 *
 * Returns: (transfer full): the laid-out document
 */
TandemPackLayout *
tandem_pack_layout_new (TandemPackDoc *doc,
                        cairo_t       *cr)
{
  TandemPackLayout *self = g_new0 (TandemPackLayout, 1);
  GPtrArray *blocks = _tandem_pack_doc_get_blocks (doc);
  const char *language = tandem_pack_doc_get_language (doc);
  double band;

  self->doc = g_object_ref (doc);
  self->scale = tandem_pack_doc_get_scale (doc);
  self->body_size = BODY_SIZE * self->scale;

  /* A context of its own: a layout redoes itself when its context changes,
   * and the next document may have another language and direction. */
  self->context = pango_cairo_create_context (cr);
  pango_context_set_base_dir (self->context, tandem_pack_doc_get_direction (doc));
  pango_context_set_round_glyph_positions (self->context, FALSE);
  if (language != NULL)
    pango_context_set_language (self->context, pango_language_from_string (language));

  self->fonts[0] = make_font (self, BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  self->fonts[1] = make_font (self, SMALL_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  self->fonts[2] = make_font (self, BODY_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);

  self->width = TANDEM_PACK_PAGE_WIDTH - 2 * MARGIN_SIDE;
  band = line_height (self, self->fonts[1]) + 0.8 * self->body_size;
  self->body_top = MARGIN_TOP + (_tandem_pack_doc_has_header (doc) ? band : 0);
  self->footer_y = TANDEM_PACK_PAGE_HEIGHT - MARGIN_BOTTOM - band + 0.8 * self->body_size;
  self->body_height = TANDEM_PACK_PAGE_HEIGHT - MARGIN_BOTTOM - self->body_top
                      - (_tandem_pack_doc_has_footer (doc) ? band : 0);

  self->n_measured = blocks->len;
  self->measured = g_new0 (Measured, MAX (blocks->len, 1));
  for (guint i = 0; i < blocks->len; i++)
    {
      self->measured[i].block = g_ptr_array_index (blocks, i);
      measure (self, &self->measured[i], i > 0 ? g_ptr_array_index (blocks, i - 1) : NULL);
    }

  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  paginate (self);
  return self;
}

/**
 * tandem_pack_layout_get_n_pages:
 * @self: a layout
 *
 * Returns: the number of pages, at least 1
 */
guint
tandem_pack_layout_get_n_pages (TandemPackLayout *self)
{
  return self->n_pages;
}

/**
 * tandem_pack_layout_get_n_unknown_glyphs:
 * @self: a layout
 *
 * Returns: how many characters of the text no installed font has
 */
guint
tandem_pack_layout_get_n_unknown_glyphs (TandemPackLayout *self)
{
  return self->n_unknown_glyphs;
}

static void
draw_element (TandemPackLayout     *self,
              cairo_t              *cr,
              TandemPackImageCache *cache,
              Element              *e,
              double                x,
              double                y)
{
  switch (e->kind)
    {
    case ELEMENT_LINE:
      set_color (cr, e->color);
      cairo_move_to (cr, x + e->x, y + e->offset);
      pango_cairo_show_layout_line (cr, e->line);
      break;
    case ELEMENT_BULLET:
      set_color (cr, e->color);
      cairo_new_path (cr);
      cairo_arc (cr, x + e->x, y + e->offset, e->x2, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case ELEMENT_IMAGE:
      tandem_pack_image_paint (e->image, cache, cr, x + e->x, y, e->x2, e->height);
      break;
    case ELEMENT_RULE:
      set_color (cr, e->color);
      cairo_set_line_width (cr, 0.6);
      if (e->dashed)
        {
          double dash[] = { 4, 3 };

          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_move_to (cr, x + e->x, y + e->offset);
      cairo_line_to (cr, x + e->x2, y + e->offset);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
draw_band_text (TandemPackLayout *self,
                cairo_t          *cr,
                char             *text,
                double            y,
                gboolean          center)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || *text == '\0')
    return;
  layout = text_layout (self, text, self->fonts[1], self->width, center);
  /* One line: the band's height is fixed. */
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  set_color (cr, COLOR_MUTED);
  cairo_move_to (cr, MARGIN_SIDE, y);
  pango_cairo_show_layout (cr, layout);
}

/**
 * tandem_pack_layout_draw_page:
 * @self: a layout
 * @cr: a context on the PDF surface, at the page's origin
 * @page: the page, from 0
 * @cache: the surfaces of the PDF being written
 *
 * Draws one page with its header and footer; does not end the page.
 */
void
tandem_pack_layout_draw_page (TandemPackLayout     *self,
                              cairo_t              *cr,
                              guint                 page,
                              TandemPackImageCache *cache)
{
  g_autofree char *header = NULL;
  g_autofree char *footer = NULL;
  guint unknown = self->n_unknown_glyphs;

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);
      GArray *elements = p->measured->elements;

      if (p->page != page)
        continue;
      for (guint k = 0; k < elements->len; k++)
        {
          Element *e = &g_array_index (elements, Element, k);

          if (e->y < p->from - 0.01 || e->y >= p->to - 0.01)
            continue;
          /* A row's rule separates it from the row above, not from the
           * top of a page. */
          if (e->kind == ELEMENT_RULE && p->measured->block->kind == TANDEM_PACK_BLOCK_ROW
              && p->y < 0.01)
            continue;
          draw_element (self, cr, cache, e, MARGIN_SIDE,
                        self->body_top + p->y + (e->y - p->from));
        }
    }

  header = _tandem_pack_doc_get_header_text (self->doc, page + 1, self->n_pages);
  draw_band_text (self, cr, header, MARGIN_TOP, FALSE);
  footer = _tandem_pack_doc_get_footer_text (self->doc, page + 1, self->n_pages);
  draw_band_text (self, cr, footer, self->footer_y, TRUE);
  /* Headers and footers are not what the glyph count is about. */
  self->n_unknown_glyphs = unknown;
}

/**
 * tandem_pack_layout_add_outline:
 * @self: a layout
 * @pdf: the PDF surface
 * @parent: the outline entry to add under, or %CAIRO_PDF_OUTLINE_ROOT
 * @first_page: the PDF's page number of this document's first page, from 1
 *
 * Adds the headings to the PDF's outline (its bookmarks), sections with
 * their parts beneath them.
 */
void
tandem_pack_layout_add_outline (TandemPackLayout *self,
                                cairo_surface_t  *pdf,
                                int               parent,
                                guint             first_page)
{
  int section = parent;

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);
      TandemPackBlock *block = p->measured->block;
      g_autofree char *link = NULL;
      int id;

      if (block->kind != TANDEM_PACK_BLOCK_HEADING || p->from > 0)
        continue;
      link = g_strdup_printf ("page=%u pos=[%d %d]", first_page + p->page,
                              (int) MARGIN_SIDE, (int) (self->body_top + p->y));
      id = cairo_pdf_surface_add_outline (pdf, block->level == 1 ? parent : section,
                                          block->text, link,
                                          block->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      if (block->level == 1)
        section = id;
    }
}

/**
 * tandem_pack_layout_free:
 * @self: a layout
 *
 * Frees the layout, recording its page count in the document.
 */
void
tandem_pack_layout_free (TandemPackLayout *self)
{
  _tandem_pack_doc_set_result (self->doc, self->n_pages, self->n_unknown_glyphs);
  for (guint i = 0; i < self->n_measured; i++)
    measured_clear (&self->measured[i]);
  g_free (self->measured);
  g_array_unref (self->placements);
  for (guint i = 0; i < G_N_ELEMENTS (self->fonts); i++)
    pango_font_description_free (self->fonts[i]);
  g_object_unref (self->context);
  g_object_unref (self->doc);
  g_free (self);
}
