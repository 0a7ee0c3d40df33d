/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TandemLanguage:
 * @tag: BCP-47 tag, e.g. `cy`, `pa-Guru`, `pt-BR`
 * @name: the English name, marked with N_() (translate with _() at use)
 * @native_name: the language's name for itself, e.g. "Cymraeg", "العربية"
 * @rtl: written right to left
 */
typedef struct {
  const char *tag;
  const char *name;
  const char *native_name;
  gboolean    rtl;
} TandemLanguage;

const TandemLanguage *tandem_languages      (guint      *n_languages);
const TandemLanguage *tandem_language_find  (const char *tag);
char                 *tandem_language_label (const char *tag);
gboolean              tandem_language_match (const TandemLanguage *language,
                                             const char           *search);

G_END_DECLS
