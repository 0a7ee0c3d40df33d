/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tandem-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TandemApplication) app = NULL;
  g_autofree char *program = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The sample setting opens in a new process of this very program, so
   * remember where it is before anything can change the working folder. */
  program = g_file_read_link ("/proc/self/exe", NULL);
  if (program == NULL)
    program = g_strdup (argv[0]);

  app = tandem_application_new (program);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
