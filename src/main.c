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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TandemApplication) app = NULL;
  g_autofree char *program = NULL;

  tandem_application_mark_startup ("main");
  prefer_cairo_without_gpu ();
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
