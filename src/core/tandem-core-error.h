/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TANDEM_CORE_ERROR (tandem_core_error_quark ())

/**
 * TandemCoreError:
 * @TANDEM_CORE_ERROR_FAILED: an unexpected failure from SQLite or the file system
 * @TANDEM_CORE_ERROR_CORRUPT: the database file is damaged, truncated or not a database
 * @TANDEM_CORE_ERROR_NEWER_VERSION: the database was written by a newer Tandem
 * @TANDEM_CORE_ERROR_NOT_FOUND: no such record
 * @TANDEM_CORE_ERROR_INVALID: a value a user gave is not acceptable
 * @TANDEM_CORE_ERROR_PARSE: a file being imported is malformed
 *
 * Error codes of the core layer. Messages are translated and written for the
 * person using the application.
 */
typedef enum {
  TANDEM_CORE_ERROR_FAILED,
  TANDEM_CORE_ERROR_CORRUPT,
  TANDEM_CORE_ERROR_NEWER_VERSION,
  TANDEM_CORE_ERROR_NOT_FOUND,
  TANDEM_CORE_ERROR_INVALID,
  TANDEM_CORE_ERROR_PARSE,
} TandemCoreError;

GQuark tandem_core_error_quark (void);

G_END_DECLS
