/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/* A realistic sample setting: 3 rooms, about 36 children of a real UK
 * community, carers in one or two households with varied circumstances and
 * languages, varied consents. Deterministic. Later capabilities extend it. */
gboolean tandem_demo_fill     (TandemStore  *store,
                               GError      **error);

/* A large synthetic setting for benchmarks: @n_children children whose
 * records span @years years. Deterministic for a given @seed. */
gboolean tandem_generate_fill (TandemStore  *store,
                               guint         n_children,
                               guint         years,
                               guint32       seed,
                               GError      **error);

G_END_DECLS
