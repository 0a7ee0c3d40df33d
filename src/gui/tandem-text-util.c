/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "tandem-languages.h"
#include "tandem-text-util.h"

/* Right-to-left names inside left-to-right text (and the reverse) need
 * care: "اردو (Urdu), English" would otherwise be laid out as a
 * right-to-left paragraph, because its first letter is Arabic, and come
 * out as "English ,(Urdu) اردو". Each language's own name is isolated
 * (U+2068 … U+2069) and the whole text starts with a mark for the
 * interface's direction. */
static char *
language_display_label (const char *tag)
{
  const TandemLanguage *language = tandem_language_find (tag);
  g_autofree char *native = NULL;
  const char *name;

  if (language == NULL)
    return g_strdup (tag);

  native = g_strconcat ("\u2068", language->native_name, "\u2069", NULL);
  name = _(language->name);
  if (g_strcmp0 (name, language->native_name) == 0)
    return g_steal_pointer (&native);

  /* Translators: a language; %1$s is its own name, e.g. "Cymraeg", %2$s its
   * name in your language, e.g. "Welsh". */
  return g_strdup_printf (_("%1$s (%2$s)"), native, name);
}

/**
 * tandem_languages_display:
 * @tags: (nullable) (array zero-terminated=1): BCP-47 tags
 *
 * Returns: (transfer full): the languages for a label, e.g.
 *   "Cymraeg (Welsh), English", safe to show whatever their scripts; an
 *   empty string when there are none
 */
char *
tandem_languages_display (const char * const *tags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (tags == NULL || tags[0] == NULL)
    return g_strdup ("");

  g_string_append (text, tandem_direction_mark ());
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *label = language_display_label (tags[i]);

      if (i > 0)
        /* Translators: separates the items of a list, e.g. of languages. */
        g_string_append (text, _(", "));
      g_string_append (text, label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * tandem_direction_mark:
 *
 * Returns: a left-to-right or right-to-left mark, as the interface reads,
 *   to start a text that may begin with a word in the other direction
 */
const char *
tandem_direction_mark (void)
{
  return gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL ? "\u200F" : "\u200E";
}
