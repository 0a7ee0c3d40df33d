/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-languages.h"

/* Languages families in UK settings speak at home, each with its own name
 * in its own script so that a carer can recognise it in a list. The tag is
 * what the database stores and what packs are rendered for, so a tag must
 * never change once shipped. Ordered by English name, which is the order a
 * list shows before anyone types. */
static const TandemLanguage languages[] = {
  { "af", N_("Afrikaans"), "Afrikaans", FALSE },
  { "sq", N_("Albanian"), "Shqip", FALSE },
  { "am", N_("Amharic"), "አማርኛ", FALSE },
  { "ar", N_("Arabic"), "العربية", TRUE },
  { "bn", N_("Bengali"), "বাংলা", FALSE },
  { "bs", N_("Bosnian"), "Bosanski", FALSE },
  { "bfi", N_("British Sign Language"), "British Sign Language", FALSE },
  { "bg", N_("Bulgarian"), "Български", FALSE },
  { "yue", N_("Cantonese"), "粵語", FALSE },
  { "ckb", N_("Central Kurdish (Sorani)"), "کوردی", TRUE },
  { "zh-Hans", N_("Chinese (Simplified)"), "中文（简体）", FALSE },
  { "zh-Hant", N_("Chinese (Traditional)"), "中文（繁體）", FALSE },
  { "kw", N_("Cornish"), "Kernewek", FALSE },
  { "hr", N_("Croatian"), "Hrvatski", FALSE },
  { "cs", N_("Czech"), "Čeština", FALSE },
  { "prs", N_("Dari"), "دری", TRUE },
  { "nl", N_("Dutch"), "Nederlands", FALSE },
  { "en", N_("English"), "English", FALSE },
  { "et", N_("Estonian"), "Eesti", FALSE },
  { "fr", N_("French"), "Français", FALSE },
  { "de", N_("German"), "Deutsch", FALSE },
  { "el", N_("Greek"), "Ελληνικά", FALSE },
  { "gu", N_("Gujarati"), "ગુજરાતી", FALSE },
  { "ha", N_("Hausa"), "Hausa", FALSE },
  { "he", N_("Hebrew"), "עברית", TRUE },
  { "hi", N_("Hindi"), "हिन्दी", FALSE },
  { "hu", N_("Hungarian"), "Magyar", FALSE },
  { "ig", N_("Igbo"), "Asụsụ Igbo", FALSE },
  { "ga", N_("Irish"), "Gaeilge", FALSE },
  { "it", N_("Italian"), "Italiano", FALSE },
  { "ja", N_("Japanese"), "日本語", FALSE },
  { "kn", N_("Kannada"), "ಕನ್ನಡ", FALSE },
  { "ko", N_("Korean"), "한국어", FALSE },
  { "ku", N_("Kurdish (Kurmanji)"), "Kurdî", FALSE },
  { "lv", N_("Latvian"), "Latviešu", FALSE },
  { "ln", N_("Lingala"), "Lingála", FALSE },
  { "lt", N_("Lithuanian"), "Lietuvių", FALSE },
  { "ms", N_("Malay"), "Bahasa Melayu", FALSE },
  { "ml", N_("Malayalam"), "മലയാളം", FALSE },
  { "mr", N_("Marathi"), "मराठी", FALSE },
  { "ne", N_("Nepali"), "नेपाली", FALSE },
  { "om", N_("Oromo"), "Afaan Oromoo", FALSE },
  { "ps", N_("Pashto"), "پښتو", TRUE },
  { "fa", N_("Persian (Farsi)"), "فارسی", TRUE },
  { "pl", N_("Polish"), "Polski", FALSE },
  { "pt", N_("Portuguese"), "Português", FALSE },
  { "pt-BR", N_("Portuguese (Brazil)"), "Português (Brasil)", FALSE },
  { "pa", N_("Punjabi (Gurmukhi)"), "ਪੰਜਾਬੀ", FALSE },
  { "pa-Arab", N_("Punjabi (Shahmukhi)"), "پنجابی", TRUE },
  { "ro", N_("Romanian"), "Română", FALSE },
  { "rom", N_("Romani"), "Romani čhib", FALSE },
  { "ru", N_("Russian"), "Русский", FALSE },
  { "gd", N_("Scottish Gaelic"), "Gàidhlig", FALSE },
  { "sr", N_("Serbian"), "Српски", FALSE },
  { "sn", N_("Shona"), "chiShona", FALSE },
  { "si", N_("Sinhala"), "සිංහල", FALSE },
  { "sk", N_("Slovak"), "Slovenčina", FALSE },
  { "so", N_("Somali"), "Soomaali", FALSE },
  { "es", N_("Spanish"), "Español", FALSE },
  { "sw", N_("Swahili"), "Kiswahili", FALSE },
  { "syl", N_("Sylheti"), "সিলেটি", FALSE },
  { "tl", N_("Tagalog (Filipino)"), "Tagalog", FALSE },
  { "ta", N_("Tamil"), "தமிழ்", FALSE },
  { "te", N_("Telugu"), "తెలుగు", FALSE },
  { "th", N_("Thai"), "ไทย", FALSE },
  { "ti", N_("Tigrinya"), "ትግርኛ", FALSE },
  { "tr", N_("Turkish"), "Türkçe", FALSE },
  { "tw", N_("Twi"), "Twi", FALSE },
  { "uk", N_("Ukrainian"), "Українська", FALSE },
  { "ur", N_("Urdu"), "اردو", TRUE },
  { "vi", N_("Vietnamese"), "Tiếng Việt", FALSE },
  { "cy", N_("Welsh"), "Cymraeg", FALSE },
  { "yo", N_("Yoruba"), "Yorùbá", FALSE },
  { "zu", N_("Zulu"), "isiZulu", FALSE },
};

/* Tags other programs (and management-system exports) commonly use for a
 * language that the table above spells differently. */
static const struct {
  const char *alias;
  const char *tag;
} aliases[] = {
  { "pa-Guru", "pa" },
  { "pa-PK", "pa-Arab" },
  { "pnb", "pa-Arab" },
  { "zh", "zh-Hans" },
  { "zh-CN", "zh-Hans" },
  { "zh-SG", "zh-Hans" },
  { "zh-TW", "zh-Hant" },
  { "zh-HK", "yue" },
  { "fil", "tl" },
  { "sgn-GB", "bfi" },
  { "ak", "tw" },
  { "kmr", "ku" },
};

/**
 * tandem_languages:
 * @n_languages: (out) (optional): how many
 *
 * Returns: (array length=n_languages) (transfer none): every language Tandem
 *   knows by name, ordered by English name
 */
const TandemLanguage *
tandem_languages (guint *n_languages)
{
  if (n_languages != NULL)
    *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

static const TandemLanguage *
find_exact (const char *tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (languages[i].tag, tag) == 0)
      return &languages[i];

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (aliases[i].alias, tag) == 0)
      return find_exact (aliases[i].tag);

  return NULL;
}

/**
 * tandem_language_find:
 * @tag: (nullable): a BCP-47 tag
 *
 * Finds a language by its tag. Tags compare without regard to case, as
 * BCP-47 says; a tag with a region or script Tandem does not list falls back
 * to the language itself, so `en-GB` finds English and `pl-PL` Polish.
 *
 * Returns: (nullable) (transfer none): the language, or %NULL if unknown
 */
const TandemLanguage *
tandem_language_find (const char *tag)
{
  g_autofree char *prefix = NULL;
  const TandemLanguage *found;
  char *dash;

  if (tag == NULL || tag[0] == '\0')
    return NULL;

  found = find_exact (tag);
  if (found != NULL)
    return found;

  prefix = g_strdup (tag);
  while ((dash = strrchr (prefix, '-')) != NULL)
    {
      *dash = '\0';
      found = find_exact (prefix);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * tandem_language_label:
 * @tag: (nullable): a BCP-47 tag
 *
 * Names a language for people who may not read its script: its own name
 * followed by its name in the user's language, e.g. "Cymraeg (Welsh)", or
 * just the one name when the two are the same.
 *
 * Returns: (transfer full): the label; the tag itself when the language is
 *   unknown, or an empty string for %NULL
 */
char *
tandem_language_label (const char *tag)
{
  const TandemLanguage *language = tandem_language_find (tag);
  const char *name;

  if (language == NULL)
    return g_strdup (tag != NULL ? tag : "");

  name = _(language->name);
  if (g_strcmp0 (name, language->native_name) == 0)
    return g_strdup (name);

  /* Translators: a language; %1$s is its own name, e.g. "Cymraeg", %2$s its
   * name in your language, e.g. "Welsh". */
  return g_strdup_printf (_("%1$s (%2$s)"), language->native_name, name);
}

/* Folds case and strips accents (combining diacritical marks) so that
 * "romana" finds "Română" and "türk" finds "Turkce". Only the Latin, Greek
 * and Cyrillic combining marks are removed: the vowel signs of Indic and
 * Arabic scripts are letters to their readers. */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = NULL;
  GString *out;

  if (decomposed == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0300 && c <= 0x036F)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
contains (const char *haystack,
          const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = fold (haystack);
  return strstr (folded, folded_needle) != NULL;
}

/**
 * tandem_language_match:
 * @language: a language
 * @search: (nullable): what a person typed
 *
 * Whether @search appears, ignoring case and accents, in the language's tag,
 * its English name, its name in the user's language or its own name.
 * Leading and trailing white space is ignored.
 *
 * Returns: %TRUE on a match; an empty search matches every language
 */
gboolean
tandem_language_match (const TandemLanguage *language,
                       const char           *search)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (language != NULL, FALSE);

  if (search == NULL)
    return TRUE;

  trimmed = g_strstrip (g_strdup (search));
  if (trimmed[0] == '\0')
    return TRUE;

  needle = fold (trimmed);
  return contains (language->tag, needle) ||
         contains (language->name, needle) ||
         contains (_(language->name), needle) ||
         contains (language->native_name, needle);
}
