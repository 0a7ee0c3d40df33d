/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "tandem-application.h"
#include "tandem-pack-locale.h"

/* Without a GPU render node, Mesa can only rasterise OpenGL in software,
 * and GTK 4.8 then spends about a third of a second of start-up, and
 * every frame after, on llvmpipe: on such machines (virtual machines, some
 * old laptops, Xvfb) cairo draws Tandem's forms faster. Anyone who sets the
 * renderer or GDK's debug flags themselves keeps their choice. */
static void
prefer_cairo_without_gpu (void)
{
  g_autoptr(GDir) dri = NULL;
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL || g_getenv ("GDK_DEBUG") != NULL)
    return;

  dri = g_dir_open ("/dev/dri", 0, NULL);
  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD") || g_str_has_prefix (name, "card"))
      return;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
}

/* A language chosen in Preferences ("ui-language") wins over the
 * desktop's: it becomes LANGUAGE before the locale is set, and is then
 * resolved like one the session gave (tandem_pack_locale_init()). Read
 * without failing when the schema is not installed (a build run in place). */
static void
apply_language_choice (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *language = NULL;

  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "ui-language"))
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  language = g_settings_get_string (settings, "ui-language");
  if (language != NULL && *language != '\0')
    g_setenv ("LANGUAGE", language, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TandemApplication) app = NULL;
  g_autofree char *program = NULL;

  tandem_application_mark_startup ("main");
  prefer_cairo_without_gpu ();
  apply_language_choice ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Before any thread: a pack speaks the family's language per thread. */
  tandem_pack_locale_init ();

  /* The sample setting opens in a new process of this very program, so
   * remember where it is before anything can change the working folder. */
  program = g_file_read_link ("/proc/self/exe", NULL);
  if (program == NULL)
    program = g_strdup (argv[0]);

  app = tandem_application_new (program);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
