/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include "tandem-pack-doc-private.h"

/**
 * TandemPackDoc:
 *
 * A printed document as a flow of blocks — headings, paragraphs, list
 * items, pictures, two-column rows, spaces to write in — that
 * tandem_pack_doc_write_file() lays out on A4 pages. Blocks are added in
 * reading order; where pages break, and how things look, is the layout's
 * business. Large print, the base direction and the language are properties
 * of the whole document.
 */

/* Families for the scripts of the shipped languages (all in Debian's
 * fonts-noto-core): Pango takes each character from the first family that
 * has it, and without an Arabic family named here Arabic falls back to
 * DejaVu's plainer shapes. Noto Sans Arabic rather than Naskh: at the same
 * size Naskh reads a size smaller than the Latin beside it. */
#define DEFAULT_FAMILY "Noto Sans, Noto Sans Arabic, Noto Naskh Arabic, Noto Sans Bengali, " \
                       "Noto Sans Gurmukhi, Noto Sans Devanagari, Noto Sans Gujarati, " \
                       "Noto Sans Tamil, DejaVu Sans, sans-serif"
/* Urdu is read in Nastaliq; Naskh would look foreign to a reader of Urdu. */
#define URDU_FAMILY "Noto Sans, Noto Nastaliq Urdu, Noto Sans Arabic, DejaVu Sans, sans-serif"

struct _TandemPackDoc {
  GObject                 parent_instance;

  char                   *title;
  char                   *language;
  PangoDirection          direction;
  double                  scale;
  char                   *font_family; /* NULL: chosen by language */

  TandemPackPageTextFunc  header_func;
  gpointer                header_data;
  GDestroyNotify          header_destroy;
  TandemPackPageTextFunc  footer_func;
  gpointer                footer_data;
  GDestroyNotify          footer_destroy;

  GPtrArray              *blocks;
  double                  table_fraction;
  TandemPackTableFlags    table_flags;
  guint                   keep_depth;
  guint                   group;
  guint                   last_group;

  guint                   n_pages;
  guint                   n_unknown_glyphs;
};

G_DEFINE_FINAL_TYPE (TandemPackDoc, tandem_pack_doc, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_LANGUAGE,
  PROP_DIRECTION,
  PROP_SCALE,
  PROP_FONT_FAMILY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
block_free (gpointer data)
{
  TandemPackBlock *block = data;

  g_free (block->text);
  g_free (block->text2);
  g_clear_pointer (&block->image, tandem_pack_image_unref);
  g_free (block);
}

static void
tandem_pack_doc_finalize (GObject *object)
{
  TandemPackDoc *self = TANDEM_PACK_DOC (object);

  if (self->header_destroy != NULL)
    self->header_destroy (self->header_data);
  if (self->footer_destroy != NULL)
    self->footer_destroy (self->footer_data);
  g_free (self->title);
  g_free (self->language);
  g_free (self->font_family);
  g_ptr_array_unref (self->blocks);

  G_OBJECT_CLASS (tandem_pack_doc_parent_class)->finalize (object);
}

static void
tandem_pack_doc_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TandemPackDoc *self = TANDEM_PACK_DOC (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    case PROP_FONT_FAMILY:
      g_value_set_string (value, tandem_pack_doc_get_font_family (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_pack_doc_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TandemPackDoc *self = TANDEM_PACK_DOC (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tandem_pack_doc_set_title (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      tandem_pack_doc_set_language (self, g_value_get_string (value));
      break;
    case PROP_DIRECTION:
      tandem_pack_doc_set_direction (self, g_value_get_enum (value));
      break;
    case PROP_SCALE:
      tandem_pack_doc_set_scale (self, g_value_get_double (value));
      break;
    case PROP_FONT_FAMILY:
      tandem_pack_doc_set_font_family (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_pack_doc_class_init (TandemPackDocClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_pack_doc_finalize;
  object_class->get_property = tandem_pack_doc_get_property;
  object_class->set_property = tandem_pack_doc_set_property;

  /**
   * TandemPackDoc:title:
   *
   * The document's title, written into the PDF's metadata.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * TandemPackDoc:language:
   *
   * The BCP-47 tag of the document's language (`cy`, `ar`, `ur`): chooses
   * fonts and shaping, and is written into the PDF as its /Lang.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * TandemPackDoc:direction:
   *
   * The base direction, %PANGO_DIRECTION_LTR or %PANGO_DIRECTION_RTL. Right
   * to left puts list bullets and the first table column on the right and
   * aligns text without a direction of its own to the right; each paragraph
   * still follows the direction of its own first strong character.
   */
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, PANGO_TYPE_DIRECTION, PANGO_DIRECTION_LTR,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * TandemPackDoc:scale:
   *
   * Multiplies type sizes and spacing: 1 for ordinary print, about 1.5 for
   * large print.
   */
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * TandemPackDoc:font-family:
   *
   * A comma-separated list of font families; by default Noto families for
   * the shipped scripts (Nastaliq for Urdu), then DejaVu Sans.
   */
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_pack_doc_init (TandemPackDoc *self)
{
  self->direction = PANGO_DIRECTION_LTR;
  self->scale = 1.0;
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->table_fraction = 0.5;
}

/**
 * tandem_pack_doc_new:
 *
 * Returns: (transfer full): an empty left-to-right document at ordinary size
 */
TandemPackDoc *
tandem_pack_doc_new (void)
{
  return g_object_new (TANDEM_TYPE_PACK_DOC, NULL);
}

static gboolean
set_string (char      **field,
            const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * tandem_pack_doc_set_title:
 * @self: a document
 * @title: (nullable): the title for the PDF's metadata
 */
void
tandem_pack_doc_set_title (TandemPackDoc *self,
                           const char    *title)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * tandem_pack_doc_get_title:
 * @self: a document
 *
 * Returns: (nullable): the title
 */
const char *
tandem_pack_doc_get_title (TandemPackDoc *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), NULL);

  return self->title;
}

/**
 * tandem_pack_doc_set_language:
 * @self: a document
 * @language: (nullable): a BCP-47 tag such as `cy` or `ar`
 *
 * Sets the language for font choice, shaping and the PDF's /Lang. It does
 * not set the direction: see tandem_pack_doc_set_direction().
 */
void
tandem_pack_doc_set_language (TandemPackDoc *self,
                              const char    *language)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  if (set_string (&self->language, language))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
      if (self->font_family == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
    }
}

/**
 * tandem_pack_doc_get_language:
 * @self: a document
 *
 * Returns: (nullable): the language tag
 */
const char *
tandem_pack_doc_get_language (TandemPackDoc *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), NULL);

  return self->language;
}

/**
 * tandem_pack_doc_set_direction:
 * @self: a document
 * @direction: %PANGO_DIRECTION_LTR or %PANGO_DIRECTION_RTL
 */
void
tandem_pack_doc_set_direction (TandemPackDoc  *self,
                               PangoDirection  direction)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (direction == PANGO_DIRECTION_LTR || direction == PANGO_DIRECTION_RTL);

  if (self->direction == direction)
    return;
  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

/**
 * tandem_pack_doc_get_direction:
 * @self: a document
 *
 * Returns: the base direction
 */
PangoDirection
tandem_pack_doc_get_direction (TandemPackDoc *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), PANGO_DIRECTION_LTR);

  return self->direction;
}

/**
 * tandem_pack_doc_set_scale:
 * @self: a document
 * @scale: 1 for ordinary print, about 1.5 for large print
 */
void
tandem_pack_doc_set_scale (TandemPackDoc *self,
                           double         scale)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (scale >= 0.5 && scale <= 4.0);

  if (self->scale == scale)
    return;
  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

/**
 * tandem_pack_doc_get_scale:
 * @self: a document
 *
 * Returns: the type scale
 */
double
tandem_pack_doc_get_scale (TandemPackDoc *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), 1.0);

  return self->scale;
}

/**
 * tandem_pack_doc_set_font_family:
 * @self: a document
 * @family: (nullable): a comma-separated family list, or %NULL for the
 *   default for the document's language
 */
void
tandem_pack_doc_set_font_family (TandemPackDoc *self,
                                 const char    *family)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  if (family != NULL && *family == '\0')
    family = NULL;
  if (set_string (&self->font_family, family))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
}

/**
 * tandem_pack_doc_get_font_family:
 * @self: a document
 *
 * Returns: the family list the text will be set in
 */
const char *
tandem_pack_doc_get_font_family (TandemPackDoc *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), NULL);

  if (self->font_family != NULL)
    return self->font_family;
  if (self->language != NULL
      && (g_str_equal (self->language, "ur") || g_str_has_prefix (self->language, "ur-")))
    return URDU_FAMILY;
  return DEFAULT_FAMILY;
}

static void
set_func (TandemPackPageTextFunc *func_field,
          gpointer               *data_field,
          GDestroyNotify         *destroy_field,
          TandemPackPageTextFunc  func,
          gpointer                user_data,
          GDestroyNotify          destroy)
{
  if (*destroy_field != NULL)
    (*destroy_field) (*data_field);
  *func_field = func;
  *data_field = user_data;
  *destroy_field = destroy;
}

/**
 * tandem_pack_doc_set_header_func:
 * @self: a document
 * @func: (nullable): gives each page's header, or %NULL for no header
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Sets the text at the top of every page, aligned to the start. Room for it
 * is kept on every page while a function is set.
 */
void
tandem_pack_doc_set_header_func (TandemPackDoc          *self,
                                 TandemPackPageTextFunc  func,
                                 gpointer                user_data,
                                 GDestroyNotify          destroy)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  set_func (&self->header_func, &self->header_data, &self->header_destroy,
            func, user_data, destroy);
}

/**
 * tandem_pack_doc_set_footer_func:
 * @self: a document
 * @func: (nullable): gives each page's footer, or %NULL for no footer
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Sets the centred text at the foot of every page, typically "Page 2 of 6"
 * translated into the document's language. The number of pages is known
 * when @func is called.
 */
void
tandem_pack_doc_set_footer_func (TandemPackDoc          *self,
                                 TandemPackPageTextFunc  func,
                                 gpointer                user_data,
                                 GDestroyNotify          destroy)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  set_func (&self->footer_func, &self->footer_data, &self->footer_destroy,
            func, user_data, destroy);
}

static TandemPackBlock *
add_block (TandemPackDoc       *self,
           TandemPackBlockKind  kind,
           const char          *text)
{
  TandemPackBlock *block = g_new0 (TandemPackBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  block->group = self->group;
  g_ptr_array_add (self->blocks, block);
  return block;
}

/**
 * tandem_pack_doc_add_heading:
 * @self: a document
 * @level: 1 for a section, 2 for a part of one
 * @text: plain text
 *
 * Adds a heading. It never ends a page: it moves to the next page with the
 * start of the block after it. Headings also become the PDF's outline.
 */
void
tandem_pack_doc_add_heading (TandemPackDoc *self,
                             guint          level,
                             const char    *text)
{
  TandemPackBlock *block;

  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (level == 1 || level == 2);
  g_return_if_fail (text != NULL);

  block = add_block (self, TANDEM_PACK_BLOCK_HEADING, text);
  block->level = level;
}

/**
 * tandem_pack_doc_add_paragraph:
 * @self: a document
 * @text: plain text; a newline starts a new line within the paragraph
 * @flags: how it looks
 *
 * Adds a paragraph, aligned to the start of its own direction.
 */
void
tandem_pack_doc_add_paragraph (TandemPackDoc       *self,
                               const char          *text,
                               TandemPackTextFlags  flags)
{
  TandemPackBlock *block;

  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (text != NULL);

  block = add_block (self, TANDEM_PACK_BLOCK_PARAGRAPH, text);
  block->flags = flags;
}

/**
 * tandem_pack_doc_add_bullet:
 * @self: a document
 * @text: plain text
 * @flags: how it looks
 *
 * Adds an item of a bulleted list; consecutive items form one list. The
 * bullet stands at the start of the item's own direction.
 */
void
tandem_pack_doc_add_bullet (TandemPackDoc       *self,
                            const char          *text,
                            TandemPackTextFlags  flags)
{
  TandemPackBlock *block;

  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (text != NULL);

  block = add_block (self, TANDEM_PACK_BLOCK_BULLET, text);
  block->flags = flags;
}

/**
 * tandem_pack_doc_add_image:
 * @self: a document
 * @bytes: a JPEG (embedded unchanged) or any picture gdk-pixbuf reads
 * @max_width: the widest it may be, in points; 0 for the text width
 * @max_height: the tallest it may be, in points; 0 for most of a page
 * @caption: (nullable): plain text shown under it, kept on its page
 * @error: return location for a #TANDEM_PACK_ERROR_IMAGE
 *
 * Adds a picture, centred and scaled to fit the box while keeping its
 * proportions (enlarged too, so pictures of different sizes line up).
 *
 * Returns: whether the picture could be read; if not, nothing is added
 */
gboolean
tandem_pack_doc_add_image (TandemPackDoc  *self,
                           GBytes         *bytes,
                           double          max_width,
                           double          max_height,
                           const char     *caption,
                           GError        **error)
{
  g_autoptr(TandemPackImage) image = NULL;
  TandemPackBlock *block;

  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  image = tandem_pack_image_new (bytes, error);
  if (image == NULL)
    return FALSE;

  block = add_block (self, TANDEM_PACK_BLOCK_IMAGE, caption);
  block->image = g_steal_pointer (&image);
  block->max_width = MAX (max_width, 0);
  block->max_height = MAX (max_height, 0);
  return TRUE;
}

/**
 * tandem_pack_doc_begin_table:
 * @self: a document
 * @first_fraction: the first column's share of the width, 0.1 to 0.9
 * @flags: how the rows look
 *
 * Sets how the rows added from now on look, until the next call. In a
 * right-to-left document the first column is on the right.
 */
void
tandem_pack_doc_begin_table (TandemPackDoc        *self,
                             double                first_fraction,
                             TandemPackTableFlags  flags)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (first_fraction >= 0.1 && first_fraction <= 0.9);

  self->table_fraction = first_fraction;
  self->table_flags = flags;
}

/**
 * tandem_pack_doc_add_row:
 * @self: a document
 * @first: (nullable): plain text of the first column
 * @second: (nullable): plain text of the second column
 *
 * Adds a two-column row: a label and its value, or the same words in two
 * languages. Pages break between rows; a row longer than a page breaks
 * between lines.
 */
void
tandem_pack_doc_add_row (TandemPackDoc *self,
                         const char    *first,
                         const char    *second)
{
  TandemPackBlock *block;

  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  block = add_block (self, TANDEM_PACK_BLOCK_ROW, first != NULL ? first : "");
  block->text2 = g_strdup (second != NULL ? second : "");
  block->amount = self->table_fraction;
  block->flags = self->table_flags;
}

/**
 * tandem_pack_doc_add_writing_space:
 * @self: a document
 * @prompt: (nullable): plain text above the lines, e.g. a question
 * @n_lines: how many ruled lines to write on
 *
 * Adds a prompt and lines to write on by hand, spaced for handwriting (wider
 * in large print). The prompt stays with its first lines.
 */
void
tandem_pack_doc_add_writing_space (TandemPackDoc *self,
                                   const char    *prompt,
                                   guint          n_lines)
{
  TandemPackBlock *block;

  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (n_lines <= 100);

  block = add_block (self, TANDEM_PACK_BLOCK_WRITING, prompt);
  block->n_lines = n_lines;
}

/**
 * tandem_pack_doc_add_rule:
 * @self: a document
 * @style: solid, or dashed for a line to cut along
 *
 * Adds a line across the text width.
 */
void
tandem_pack_doc_add_rule (TandemPackDoc       *self,
                          TandemPackRuleStyle  style)
{
  TandemPackBlock *block;

  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  block = add_block (self, TANDEM_PACK_BLOCK_RULE, NULL);
  block->flags = style;
}

/**
 * tandem_pack_doc_add_space:
 * @self: a document
 * @points: the height, in points at ordinary size (scaled for large print)
 *
 * Adds vertical space. Where text runs over onto a new page, space at the
 * top of that page disappears; at the top of the document or after a page
 * break it stays, e.g. to lower a cover's title.
 */
void
tandem_pack_doc_add_space (TandemPackDoc *self,
                           double         points)
{
  TandemPackBlock *block;

  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (points >= 0);

  block = add_block (self, TANDEM_PACK_BLOCK_SPACE, NULL);
  block->amount = points;
}

/**
 * tandem_pack_doc_add_page_break:
 * @self: a document
 *
 * Starts a new page, unless the current one is still empty.
 */
void
tandem_pack_doc_add_page_break (TandemPackDoc *self)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  add_block (self, TANDEM_PACK_BLOCK_PAGE_BREAK, NULL);
}

/**
 * tandem_pack_doc_begin_keep_together:
 * @self: a document
 *
 * The blocks added until tandem_pack_doc_end_keep_together() go on one page
 * when they fit on one: a return slip, an observation with its photo. Calls
 * nest; the outermost pair counts.
 */
void
tandem_pack_doc_begin_keep_together (TandemPackDoc *self)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));

  if (self->keep_depth++ == 0)
    self->group = ++self->last_group;
}

/**
 * tandem_pack_doc_end_keep_together:
 * @self: a document
 *
 * Ends what tandem_pack_doc_begin_keep_together() began.
 */
void
tandem_pack_doc_end_keep_together (TandemPackDoc *self)
{
  g_return_if_fail (TANDEM_IS_PACK_DOC (self));
  g_return_if_fail (self->keep_depth > 0);

  if (--self->keep_depth == 0)
    self->group = 0;
}

/**
 * tandem_pack_doc_get_n_pages:
 * @self: a document
 *
 * Returns: how many pages the document had when last written, 0 before
 */
guint
tandem_pack_doc_get_n_pages (TandemPackDoc *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), 0);

  return self->n_pages;
}

/**
 * tandem_pack_doc_get_n_unknown_glyphs:
 * @self: a document
 *
 * Tells whether the installed fonts covered the text, as of the last write:
 * each character no font has is printed as a box. Used to warn before
 * printing a language whose font is missing.
 *
 * Returns: how many characters had no glyph when last written
 */
guint
tandem_pack_doc_get_n_unknown_glyphs (TandemPackDoc *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DOC (self), 0);

  return self->n_unknown_glyphs;
}

GPtrArray *
_tandem_pack_doc_get_blocks (TandemPackDoc *self)
{
  return self->blocks;
}

gboolean
_tandem_pack_doc_has_header (TandemPackDoc *self)
{
  return self->header_func != NULL;
}

gboolean
_tandem_pack_doc_has_footer (TandemPackDoc *self)
{
  return self->footer_func != NULL;
}

char *
_tandem_pack_doc_get_header_text (TandemPackDoc *self,
                                  guint          page,
                                  guint          n_pages)
{
  if (self->header_func == NULL)
    return NULL;
  return self->header_func (self, page, n_pages, self->header_data);
}

char *
_tandem_pack_doc_get_footer_text (TandemPackDoc *self,
                                  guint          page,
                                  guint          n_pages)
{
  if (self->footer_func == NULL)
    return NULL;
  return self->footer_func (self, page, n_pages, self->footer_data);
}

void
_tandem_pack_doc_set_result (TandemPackDoc *self,
                             guint          n_pages,
                             guint          n_unknown_glyphs)
{
  self->n_pages = n_pages;
  self->n_unknown_glyphs = n_unknown_glyphs;
}
