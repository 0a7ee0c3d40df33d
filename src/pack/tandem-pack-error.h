/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TANDEM_PACK_ERROR (tandem_pack_error_quark ())

/**
 * TandemPackError:
 * @TANDEM_PACK_ERROR_FAILED: cairo could not draw the document
 * @TANDEM_PACK_ERROR_IMAGE: an image is not a picture we can read
 * @TANDEM_PACK_ERROR_WRITE: the PDF could not be written where asked
 *
 * Error codes of the pack layer (`src/pack`). Messages are translated and
 * written for the person using the application; a cancelled write reports
 * %G_IO_ERROR_CANCELLED instead.
 */
typedef enum {
  TANDEM_PACK_ERROR_FAILED,
  TANDEM_PACK_ERROR_IMAGE,
  TANDEM_PACK_ERROR_WRITE,
} TandemPackError;

GQuark tandem_pack_error_quark (void);

G_END_DECLS
