/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gtk/gtk.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/* At start-up, offers back the observations that were being written when
 * Tandem or the computer stopped. */

void tandem_draft_recovery_offer (GtkWindow   *parent,
                                  TandemStore *store);

G_END_DECLS
