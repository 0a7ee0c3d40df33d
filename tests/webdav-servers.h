/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Real WebDAV servers for the sync tests, started on 127.0.0.1 with a free
 * port, unprivileged (workers as nobody when the tests run as root), in a
 * private temporary folder. They run in the foreground with a parent-death
 * signal, so they stop even when a test aborts; stop them with
 * tandem_test_dav_server_stop() to also remove the folder.
 *
 * Every server serves the space at "<url>" = http://127.0.0.1:PORT/dav/ with
 * Basic authentication of TANDEM_TEST_DAV_USER / TANDEM_TEST_DAV_PASSWORD.
 * Faults served by a kind (relative to the space):
 * - nginx also serves https with its own CA file (when openssl is there).
 * - nginx: fault/drop/… drops the connection (return 444), fault/full/…
 *   answers 507, fault/moved/… answers 301.
 * - apache: fault/503/… answers 503 with Retry-After: 1, always.
 * - faults (tests/webdav-fault-server.py): see that script.
 * - proxy (tests/webdav-fault-proxy.py, tandem_test_dav_proxy_start()): a
 *   faithful reverse proxy in front of another server that injects the
 *   faults set through its control endpoint; see that script.
 */

#define TANDEM_TEST_DAV_USER "keyworker"
#define TANDEM_TEST_DAV_PASSWORD "s3cret pass"

typedef enum {
  TANDEM_TEST_DAV_APACHE,
  TANDEM_TEST_DAV_NGINX,
  TANDEM_TEST_DAV_RCLONE,
  TANDEM_TEST_DAV_FAULTS,
  TANDEM_TEST_DAV_PROXY,
} TandemTestDavKind;

typedef struct _TandemTestDavServer TandemTestDavServer;

TandemTestDavServer *tandem_test_dav_server_start (TandemTestDavKind   kind,
                                                   char              **skip_reason);
const char *tandem_test_dav_server_get_url (TandemTestDavServer *server);
const char *tandem_test_dav_server_get_tls_url (TandemTestDavServer *server);
const char *tandem_test_dav_server_get_ca_file (TandemTestDavServer *server);
const char *tandem_test_dav_server_get_name (TandemTestDavServer *server);
guint tandem_test_dav_server_count_requests (TandemTestDavServer *server);
void tandem_test_dav_server_stop (TandemTestDavServer *server);

TandemTestDavServer *tandem_test_dav_proxy_start (TandemTestDavServer  *upstream,
                                                  char                **skip_reason);
const char *tandem_test_dav_server_get_root (TandemTestDavServer *server);

G_END_DECLS
