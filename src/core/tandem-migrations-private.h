/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char * const *_tandem_migrations (guint *n_migrations);

G_END_DECLS
