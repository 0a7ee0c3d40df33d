/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-core-error.h"

G_DEFINE_QUARK (tandem-core-error-quark, tandem_core_error)
