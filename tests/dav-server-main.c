/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Starts one of the test WebDAV servers (tests/webdav-servers.c) for tests
 * written in Python, which drive the real tandem-cli against it:
 *
 *   dav-server [apache|nginx|rclone]
 *
 * prints the space's URL on the first line of standard output (or
 * "SKIP reason" and exits 77 when the server is not installed), on the
 * second its https URL and CA file separated by a space (or "no-tls"), then runs
 * until standard input is closed, when it stops the server and removes its
 * folder. The server dies with this process even if it is killed. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "webdav-servers.h"

int
main (int    argc,
      char **argv)
{
  const char *name = argc > 1 ? argv[1] : "apache";
  TandemTestDavKind kind;
  TandemTestDavServer *server;
  g_autofree char *skip_reason = NULL;
  char buffer[256];

  if (g_str_equal (name, "apache"))
    kind = TANDEM_TEST_DAV_APACHE;
  else if (g_str_equal (name, "nginx"))
    kind = TANDEM_TEST_DAV_NGINX;
  else if (g_str_equal (name, "rclone"))
    kind = TANDEM_TEST_DAV_RCLONE;
  else
    {
      fprintf (stderr, "dav-server: unknown server %s\n", name);
      return 2;
    }

  server = tandem_test_dav_server_start (kind, &skip_reason);
  if (server == NULL)
    {
      printf ("SKIP %s\n", skip_reason);
      fflush (stdout);
      return 77;
    }

  printf ("%s\n", tandem_test_dav_server_get_url (server));
  /* nginx also serves https, with a certificate its CA file verifies. */
  if (tandem_test_dav_server_get_tls_url (server) != NULL)
    printf ("%s %s\n", tandem_test_dav_server_get_tls_url (server),
            tandem_test_dav_server_get_ca_file (server));
  else
    printf ("no-tls\n");
  fflush (stdout);

  /* Until the test closes our standard input, or goes away. */
  while (read (STDIN_FILENO, buffer, sizeof buffer) > 0)
    ;

  tandem_test_dav_server_stop (server);
  return 0;
}
