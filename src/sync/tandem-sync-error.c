/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-sync-error.h"

G_DEFINE_QUARK (tandem-sync-error-quark, tandem_sync_error)
