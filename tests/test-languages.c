/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <glib.h>

#include "tandem-languages.h"

static void
test_tags_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const TandemLanguage *languages;
  guint n;

  languages = tandem_languages (&n);
  g_assert_cmpuint (n, >=, 60);

  for (guint i = 0; i < n; i++)
    {
      char *lower = g_ascii_strdown (languages[i].tag, -1);

      g_assert_false (g_hash_table_contains (seen, lower));
      g_hash_table_add (seen, lower);

      g_assert_nonnull (languages[i].name);
      g_assert_true (g_utf8_validate (languages[i].native_name, -1, NULL));
      g_assert_cmpstr (languages[i].native_name, !=, "");
    }
}

static void
test_rtl (void)
{
  const char *rtl[] = { "ar", "ur", "fa", "ps", "he", "ckb", "pa-Arab" };
  const char *ltr[] = { "en", "cy", "pl", "pa", "bn", "zh-Hans", "uk" };

  for (guint i = 0; i < G_N_ELEMENTS (rtl); i++)
    {
      const TandemLanguage *language = tandem_language_find (rtl[i]);

      g_assert_nonnull (language);
      g_assert_true (language->rtl);
    }

  for (guint i = 0; i < G_N_ELEMENTS (ltr); i++)
    {
      const TandemLanguage *language = tandem_language_find (ltr[i]);

      g_assert_nonnull (language);
      g_assert_false (language->rtl);
    }
}

static void
test_find (void)
{
  const TandemLanguage *language;

  language = tandem_language_find ("cy");
  g_assert_nonnull (language);
  g_assert_cmpstr (language->native_name, ==, "Cymraeg");
  g_assert_cmpstr (language->name, ==, "Welsh");

  /* Punjabi in Gurmukhi and in Shahmukhi are different entries. */
  g_assert_cmpstr (tandem_language_find ("pa")->native_name, ==, "ਪੰਜਾਬੀ");
  g_assert_cmpstr (tandem_language_find ("pa-Arab")->native_name, ==, "پنجابی");
  g_assert_true (tandem_language_find ("pa-Guru") == tandem_language_find ("pa"));

  /* Case-insensitive, and a region Tandem does not list falls back. */
  g_assert_true (tandem_language_find ("PL") == tandem_language_find ("pl"));
  g_assert_true (tandem_language_find ("en-GB") == tandem_language_find ("en"));
  g_assert_true (tandem_language_find ("pt-br") != tandem_language_find ("pt"));
  g_assert_cmpstr (tandem_language_find ("pt-BR")->tag, ==, "pt-BR");

  g_assert_null (tandem_language_find ("xx"));
  g_assert_null (tandem_language_find (""));
  g_assert_null (tandem_language_find (NULL));
}

static void
test_label (void)
{
  g_autofree char *welsh = tandem_language_label ("cy");
  g_autofree char *english = tandem_language_label ("en");
  g_autofree char *urdu = tandem_language_label ("ur");
  g_autofree char *bsl = tandem_language_label ("bfi");
  g_autofree char *unknown = tandem_language_label ("x-klingon");
  g_autofree char *none = tandem_language_label (NULL);

  g_assert_cmpstr (welsh, ==, "Cymraeg (Welsh)");
  g_assert_cmpstr (english, ==, "English");
  g_assert_cmpstr (urdu, ==, "اردو (Urdu)");
  g_assert_cmpstr (bsl, ==, "British Sign Language");
  g_assert_cmpstr (unknown, ==, "x-klingon");
  g_assert_cmpstr (none, ==, "");
}

static gboolean
matches (const char *tag,
         const char *search)
{
  const TandemLanguage *language = tandem_language_find (tag);

  g_assert_nonnull (language);
  return tandem_language_match (language, search);
}

static guint
count_matches (const char *search)
{
  const TandemLanguage *languages;
  guint n, count = 0;

  languages = tandem_languages (&n);
  for (guint i = 0; i < n; i++)
    if (tandem_language_match (&languages[i], search))
      count++;
  return count;
}

static void
test_match (void)
{
  g_assert_true (matches ("cy", "cym"));
  g_assert_true (matches ("cy", "CYM"));
  g_assert_true (matches ("cy", "welsh"));
  g_assert_true (matches ("cy", "  Welsh "));
  g_assert_true (matches ("ur", "urdu"));
  g_assert_true (matches ("ur", "اردو"));
  g_assert_true (matches ("ar", "عرب"));
  g_assert_true (matches ("pa-Arab", "shahmukhi"));
  g_assert_true (matches ("pa-Arab", "pa-arab"));

  /* Accents are ignored both ways. */
  g_assert_true (matches ("ro", "romana"));
  g_assert_true (matches ("ro", "Română"));
  g_assert_true (matches ("tr", "turkce"));
  g_assert_true (matches ("uk", "украї"));

  g_assert_false (matches ("cy", "polish"));
  g_assert_false (matches ("ar", "араб"));
  g_assert_cmpuint (count_matches ("араб"), ==, 0);
  g_assert_cmpuint (count_matches ("welsh"), ==, 1);

  /* An empty search is no filter. */
  g_assert_cmpuint (count_matches (""), ==, count_matches (NULL));
  g_assert_cmpuint (count_matches ("   "), >=, 60);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/languages/tags-unique", test_tags_unique);
  g_test_add_func ("/languages/rtl", test_rtl);
  g_test_add_func ("/languages/find", test_find);
  g_test_add_func ("/languages/label", test_label);
  g_test_add_func ("/languages/match", test_match);

  return g_test_run ();
}
