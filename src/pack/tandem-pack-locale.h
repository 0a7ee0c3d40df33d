/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <libintl.h>
#include <glib.h>

G_BEGIN_DECLS

/* A pack is written in the family's language while the application stays in
 * the desktop's. The pack's words are therefore looked up with libc's
 * dgettext() under a locale pushed for the calling thread only (uselocale),
 * never with GLib's _(): GLib decides once per process, from the global
 * locale, whether to translate at all.
 *
 * P_() and PN_() are the pack's gettext marks; po/meson.build passes them to
 * xgettext (--keyword=P_ --keyword=PN_:1,2). They translate into whatever
 * locale tandem_pack_locale_push() made current on this thread. */
#define P_(String) dgettext (GETTEXT_PACKAGE, String)
#define PN_(Singular, Plural, N) dngettext (GETTEXT_PACKAGE, Singular, Plural, N)

/**
 * TandemPackLanguageSupport:
 * @TANDEM_PACK_LANGUAGE_OK: the pack can be written in the language
 * @TANDEM_PACK_LANGUAGE_NO_LOCALE: no system locale for the language is
 *   installed (Debian: `locales-all`); the pack falls back to English
 * @TANDEM_PACK_LANGUAGE_NO_TRANSLATION: Tandem has no translation into the
 *   language; the pack falls back to English
 */
typedef enum {
  TANDEM_PACK_LANGUAGE_OK,
  TANDEM_PACK_LANGUAGE_NO_LOCALE,
  TANDEM_PACK_LANGUAGE_NO_TRANSLATION,
} TandemPackLanguageSupport;

typedef struct _TandemPackLocale TandemPackLocale;

void                       tandem_pack_locale_init      (void);
const char                *tandem_pack_locale_name      (const char       *language);
TandemPackLocale          *tandem_pack_locale_push      (const char       *language,
                                                         gboolean         *found);
void                       tandem_pack_locale_pop       (TandemPackLocale *saved);
TandemPackLanguageSupport  tandem_pack_language_support (const char       *language);
char                      *tandem_pack_format_date      (const char       *iso_date,
                                                         const char       *format);

G_END_DECLS
