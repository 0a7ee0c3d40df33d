/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "tandem-dates.h"
#include "tandem-pack-locale.h"

/* The glibc locale each language tag the application knows is written in
 * (tandem-languages.c), for the pack's words and dates. A tag that is not
 * here is tried as <ll>_<LL>; gettext finds catalogs by the locale's
 * language (po/cy.po for cy_GB), so the country matters only for dates. */
static const struct {
  const char *tag;
  const char *locale;
} locales[] = {
  { "af", "af_ZA" },
  { "am", "am_ET" },
  { "ar", "ar_EG" },
  { "bfi", "en_GB" },
  { "bg", "bg_BG" },
  { "bn", "bn_BD" },
  { "bs", "bs_BA" },
  { "ckb", "ckb_IQ" },
  { "cs", "cs_CZ" },
  { "cy", "cy_GB" },
  { "da", "da_DK" },
  { "de", "de_DE" },
  { "el", "el_GR" },
  { "en", "en_GB" },
  { "es", "es_ES" },
  { "et", "et_EE" },
  { "fa", "fa_IR" },
  { "fr", "fr_FR" },
  { "ga", "ga_IE" },
  { "gd", "gd_GB" },
  { "gu", "gu_IN" },
  { "ha", "ha_NG" },
  { "he", "he_IL" },
  { "hi", "hi_IN" },
  { "hr", "hr_HR" },
  { "hu", "hu_HU" },
  { "ig", "ig_NG" },
  { "it", "it_IT" },
  { "ja", "ja_JP" },
  { "kn", "kn_IN" },
  { "ko", "ko_KR" },
  { "ku", "ku_TR" },
  { "kw", "kw_GB" },
  { "lt", "lt_LT" },
  { "lv", "lv_LV" },
  { "ml", "ml_IN" },
  { "mr", "mr_IN" },
  { "ms", "ms_MY" },
  { "ne", "ne_NP" },
  { "nl", "nl_NL" },
  { "om", "om_ET" },
  { "pa", "pa_IN" },
  { "pa-Arab", "pa_PK" },
  { "pa-Guru", "pa_IN" },
  { "pl", "pl_PL" },
  { "prs", "fa_IR" },
  { "ps", "ps_AF" },
  { "pt", "pt_PT" },
  { "pt-BR", "pt_BR" },
  { "ro", "ro_RO" },
  { "ru", "ru_RU" },
  { "si", "si_LK" },
  { "sk", "sk_SK" },
  { "so", "so_SO" },
  { "sq", "sq_AL" },
  { "sr", "sr_RS" },
  { "sw", "sw_KE" },
  { "syl", "bn_BD" },
  { "ta", "ta_IN" },
  { "te", "te_IN" },
  { "th", "th_TH" },
  { "ti", "ti_ER" },
  { "tl", "tl_PH" },
  { "tr", "tr_TR" },
  { "uk", "uk_UA" },
  { "ur", "ur_PK" },
  { "vi", "vi_VN" },
  { "yo", "yo_NG" },
  { "yue", "yue_HK" },
  { "zh", "zh_CN" },
  { "zh-Hans", "zh_CN" },
  { "zh-Hant", "zh_TW" },
  { "zu", "zu_ZA" },
};

struct _TandemPackLocale {
  locale_t  previous;
};

/* locale_t objects are made once per name and kept for the life of the
 * process: packs are built again and again, and newlocale() reads files. */
static GMutex cache_lock;
static GHashTable *cache;  /* locale name → locale_t, or NULL when missing */


/* GTK sets the locale from the environment again when it starts, and
 * programs started from here (the help, a second window) read it too: the
 * language chosen from LANGUAGE goes into LC_MESSAGES there. LC_ALL would
 * override it, so its value moves to each of the other categories. */
static void
keep_in_environment (const char *messages)
{
  static const char * const categories[] = {
    "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_PAPER",
    "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION",
  };
  const char *all = g_getenv ("LC_ALL");

  if (all != NULL && *all != '\0')
    {
      g_autofree char *value = g_strdup (all);

      for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
        g_setenv (categories[i], value, TRUE);
      g_unsetenv ("LC_ALL");
    }
  g_setenv ("LC_MESSAGES", messages, TRUE);
}

/**
 * tandem_pack_locale_init:
 *
 * Call once at start-up, after setlocale() and before any thread starts.
 *
 * The environment variable LANGUAGE overrides every locale in gettext's
 * lookup, the per-thread one of a pack included, and it can only be changed
 * for the whole process, which is not safe while other threads read it. So
 * it is resolved here, once: the application's messages take the first of
 * its languages whose locale is installed as LC_MESSAGES (gettext would have
 * used it first too), and LANGUAGE is then unset. Under the "C" locale
 * gettext ignores LANGUAGE, and so does this.
 */
void
tandem_pack_locale_init (void)
{
  const char *env = g_getenv ("LANGUAGE");
  const char *messages = setlocale (LC_MESSAGES, NULL);
  g_auto(GStrv) languages = NULL;

  if (env == NULL)
    return;

  if (*env != '\0' && messages != NULL &&
      !g_str_equal (messages, "C") && !g_str_equal (messages, "POSIX"))
    {
      languages = g_strsplit (env, ":", -1);
      for (guint i = 0; languages[i] != NULL; i++)
        {
          g_autofree char *tag = g_strdelimit (g_strdup (languages[i]), "_", '-');
          g_autofree char *base = NULL;
          g_autofree char *name = NULL;

          if (*tag == '\0')
            continue;
          /* "pt_BR.UTF-8@euro" and the like: the tag before any dot or @. */
          tag[strcspn (tag, ".@")] = '\0';
          base = g_strdup (tandem_pack_locale_name (tag));
          name = g_strconcat (base, ".UTF-8", NULL);
          if (g_str_equal (base, "C"))
            break;
          if (setlocale (LC_MESSAGES, name) != NULL)
            {
              keep_in_environment (name);
              break;
            }
        }
    }

  g_unsetenv ("LANGUAGE");
}

/**
 * tandem_pack_locale_name:
 * @language: (nullable): a language tag, e.g. `cy`, `pt-BR`
 *
 * Returns: (transfer none): the glibc locale name (without encoding) a pack
 *   in @language is written under, e.g. `cy_GB`; `C` for %NULL or English
 *   in its plainest form is `en_GB`
 */
const char *
tandem_pack_locale_name (const char *language)
{
  static GHashTable *guessed;
  static GMutex guessed_lock;
  const char *name;

  if (language == NULL || *language == '\0' || g_str_equal (language, "C"))
    return "C";
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    if (g_ascii_strcasecmp (locales[i].tag, language) == 0)
      return locales[i].locale;

  /* ll-CC → ll_CC; ll → ll_LL. Interned once, so it can be returned. */
  g_mutex_lock (&guessed_lock);
  if (guessed == NULL)
    guessed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  name = g_hash_table_lookup (guessed, language);
  if (name == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (language, "-", 2);
      g_autofree char *ll = g_ascii_strdown (parts[0], -1);
      g_autofree char *cc = g_ascii_strup (parts[1] != NULL && strlen (parts[1]) == 2
                                           ? parts[1] : parts[0], -1);
      char *made = g_strdup_printf ("%s_%s", ll, cc);

      g_hash_table_insert (guessed, g_strdup (language), made);
      name = made;
    }
  g_mutex_unlock (&guessed_lock);
  return name;
}

static locale_t
lookup_locale (const char *name)
{
  gpointer value;
  locale_t loc;

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (cache, name, NULL, &value))
    {
      g_mutex_unlock (&cache_lock);
      return (locale_t) value;
    }

  if (g_str_equal (name, "C"))
    loc = newlocale (LC_MESSAGES_MASK | LC_TIME_MASK | LC_CTYPE_MASK, "C.UTF-8", (locale_t) 0);
  else
    {
      g_autofree char *utf8 = g_strconcat (name, ".UTF-8", NULL);

      /* LC_CTYPE too, so that the catalog's UTF-8 is returned as it is. */
      loc = newlocale (LC_MESSAGES_MASK | LC_TIME_MASK | LC_CTYPE_MASK, utf8, (locale_t) 0);
    }
  g_hash_table_insert (cache, g_strdup (name), (gpointer) loc);
  g_mutex_unlock (&cache_lock);
  return loc;
}

/**
 * tandem_pack_locale_push:
 * @language: (nullable): a language tag; %NULL or "C" for the untranslated
 *   English of the source (used for the English column of a bilingual pack)
 * @found: (out) (optional): whether @language's locale is installed; when
 *   not, English is pushed instead
 *
 * Makes @language's messages and dates current on the calling thread only,
 * until tandem_pack_locale_pop() on the same thread. Calls nest. Needs
 * tandem_pack_locale_init() to have run at start-up.
 *
 * Returns: (transfer full): what to give tandem_pack_locale_pop()
 */
TandemPackLocale *
tandem_pack_locale_push (const char *language,
                         gboolean   *found)
{
  TandemPackLocale *saved = g_new0 (TandemPackLocale, 1);
  const char *name = tandem_pack_locale_name (language);
  locale_t loc = lookup_locale (name);

  if (found != NULL)
    *found = loc != (locale_t) 0;
  if (loc == (locale_t) 0)
    {
      name = "C";
      loc = lookup_locale ("C");
    }
  saved->previous = uselocale (loc);
  return saved;
}

/**
 * tandem_pack_locale_pop:
 * @saved: (transfer full): from tandem_pack_locale_push()
 *
 * Makes the thread's locale what it was before the push.
 */
void
tandem_pack_locale_pop (TandemPackLocale *saved)
{
  g_return_if_fail (saved != NULL);

  uselocale (saved->previous);
  g_free (saved);
}

/**
 * tandem_pack_language_support:
 * @language: (nullable): a language tag
 *
 * Whether a pack can be written in @language here: its system locale is
 * installed and Tandem is translated into it. English always can. When not,
 * tandem_pack_build() writes the pack in English, and the document's
 * language (tandem_pack_doc_get_language()) says so.
 *
 * Returns: the support
 */
TandemPackLanguageSupport
tandem_pack_language_support (const char *language)
{
  TandemPackLocale *pushed;
  gboolean found;
  gboolean translated;
  /* A string every translation of the pack has: the first section's heading. */
  const char *probe = "What we have enjoyed seeing";

  if (language == NULL || *language == '\0'
      || g_ascii_strcasecmp (language, "en") == 0 || g_ascii_strncasecmp (language, "en-", 3) == 0
      || g_ascii_strcasecmp (language, "bfi") == 0)
    return TANDEM_PACK_LANGUAGE_OK;

  pushed = tandem_pack_locale_push (language, &found);
  translated = found && dgettext (GETTEXT_PACKAGE, probe) != probe;
  tandem_pack_locale_pop (pushed);

  if (!found)
    return TANDEM_PACK_LANGUAGE_NO_LOCALE;
  return translated ? TANDEM_PACK_LANGUAGE_OK : TANDEM_PACK_LANGUAGE_NO_TRANSLATION;
}

/**
 * tandem_pack_format_date:
 * @iso_date: (nullable): an ISO date
 * @format: a g_date_time_format() format, already translated
 *
 * Formats a date in the locale current on this thread (month names follow
 * tandem_pack_locale_push()).
 *
 * Returns: (transfer full) (nullable): the date, or %NULL when @iso_date is
 *   not one
 */
char *
tandem_pack_format_date (const char *iso_date,
                         const char *format)
{
  GDate date;

  if (iso_date == NULL || !tandem_date_to_gdate (iso_date, &date))
    return NULL;
  return tandem_date_format_gdate (&date, format);
}
