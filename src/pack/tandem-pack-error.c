/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-pack-error.h"

G_DEFINE_QUARK (tandem-pack-error-quark, tandem_pack_error)
