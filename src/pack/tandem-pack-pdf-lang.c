/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-pack-pdf-lang.h"

#include <stdlib.h>
#include <string.h>

/* The last occurrence of @needle in @haystack before @end, or NULL. */
static const char *
find_last (const char *haystack,
           const char *end,
           const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = end - n; p >= haystack; p--)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* The end of the dictionary opening at @p ("<<"), just past its ">>". */
static const char *
dict_end (const char *p,
          const char *end)
{
  int depth = 0;

  while (p + 1 < end)
    {
      if (p[0] == '<' && p[1] == '<')
        {
          depth++;
          p += 2;
        }
      else if (p[0] == '>' && p[1] == '>')
        {
          p += 2;
          if (--depth == 0)
            return p;
        }
      else if (p[0] == '(')
        {
          return NULL; /* a string could hide brackets: not worth parsing */
        }
      else
        {
          p++;
        }
    }
  return NULL;
}

static gboolean
read_ref (const char *dict,
          gsize       len,
          const char *key,
          guint64    *value)
{
  g_autofree char *copy = g_strndup (dict, len);
  const char *p = strstr (copy, key);
  char *end;

  if (p == NULL)
    return FALSE;
  p += strlen (key);
  *value = g_ascii_strtoull (p, &end, 10);
  return end != p;
}

static gboolean
valid_tag (const char *language)
{
  if (language == NULL || *language == '\0' || strlen (language) > 35)
    return FALSE;
  for (const char *p = language; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/**
 * tandem_pack_pdf_lang_update:
 * @tail: the last bytes of a PDF as cairo wrote it, with its catalog,
 *   cross-reference table and trailer
 * @tail_len: their length
 * @file_len: the length of the whole PDF
 * @language: a BCP-47 tag
 *
 * Builds the bytes to append to the PDF so that its catalog carries
 * /Lang (@language).
 *
 * Returns: (transfer full) (nullable): the update, or %NULL when @tail is not
 *   the end of a PDF as cairo writes it or @language is not a tag
 */
char *
tandem_pack_pdf_lang_update (const guint8 *tail,
                             gsize         tail_len,
                             guint64       file_len,
                             const char   *language)
{
  const char *start = (const char *) tail;
  const char *end = start + tail_len;
  const char *startxref, *trailer, *trailer_dict, *trailer_dict_end;
  const char *catalog, *catalog_dict, *catalog_dict_end;
  g_autofree char *object_header = NULL;
  guint64 prev, root;
  GString *update;
  guint64 object_offset, xref_offset;
  gboolean newline;

  if (!valid_tag (language))
    return NULL;

  startxref = find_last (start, end, "startxref");
  if (startxref == NULL)
    return NULL;
  prev = g_ascii_strtoull (startxref + strlen ("startxref"), NULL, 10);
  trailer = find_last (start, startxref, "trailer");
  if (trailer == NULL)
    return NULL;
  trailer_dict = g_strstr_len (trailer, startxref - trailer, "<<");
  if (trailer_dict == NULL)
    return NULL;
  trailer_dict_end = dict_end (trailer_dict, startxref);
  if (trailer_dict_end == NULL
      || !read_ref (trailer_dict, trailer_dict_end - trailer_dict, "/Root", &root)
      || g_strstr_len (trailer_dict, trailer_dict_end - trailer_dict, "/Prev") != NULL)
    return NULL;

  object_header = g_strdup_printf ("\n%" G_GUINT64_FORMAT " 0 obj", root);
  catalog = find_last (start, trailer, object_header);
  if (catalog == NULL)
    return NULL;
  catalog_dict = g_strstr_len (catalog, trailer - catalog, "<<");
  if (catalog_dict == NULL)
    return NULL;
  catalog_dict_end = dict_end (catalog_dict, trailer);
  if (catalog_dict_end == NULL
      || g_strstr_len (catalog_dict, catalog_dict_end - catalog_dict, "/Lang") != NULL)
    return NULL;

  newline = tail_len > 0 && end[-1] != '\n';
  object_offset = file_len + (newline ? 1 : 0);

  update = g_string_new (newline ? "\n" : "");
  g_string_append_printf (update, "%" G_GUINT64_FORMAT " 0 obj\n", root);
  g_string_append_len (update, catalog_dict, catalog_dict_end - catalog_dict - 2);
  g_string_append_printf (update, "   /Lang (%s)\n>>\nendobj\n", language);

  xref_offset = file_len + update->len;
  g_string_append_printf (update,
                          "xref\n"
                          "%" G_GUINT64_FORMAT " 1\n"
                          "%010" G_GUINT64_FORMAT " 00000 n \n"
                          "trailer\n",
                          root, object_offset);
  g_string_append_len (update, trailer_dict, trailer_dict_end - trailer_dict - 2);
  g_string_append_printf (update,
                          "   /Prev %" G_GUINT64_FORMAT "\n"
                          ">>\n"
                          "startxref\n"
                          "%" G_GUINT64_FORMAT "\n"
                          "%%%%EOF\n",
                          prev, xref_offset);
  return g_string_free (update, FALSE);
}
