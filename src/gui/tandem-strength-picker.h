/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_STRENGTH_PICKER (tandem_strength_picker_get_type ())
G_DECLARE_FINAL_TYPE (TandemStrengthPicker, tandem_strength_picker, TANDEM, STRENGTH_PICKER,
                      AdwWindow)

/* Picks observations shared with the family from a child's journal, to
 * share as strengths at a meeting. Emits "chosen" (GStrv of observation
 * ids, in journal order) when the person presses Done. */
GtkWindow *tandem_strength_picker_new (GtkWindow          *parent,
                                       TandemStore        *store,
                                       const char         *child_id,
                                       const char * const *selected);

/* The same picker for evidence for a support plan outcome: titled "Link
 * Evidence", it offers the child's observations on or after @since (the
 * plan's start), shared with the family or not. */
GtkWindow *tandem_strength_picker_new_for_evidence (GtkWindow          *parent,
                                                    TandemStore        *store,
                                                    const char         *child_id,
                                                    const char         *since,
                                                    const char * const *selected);

G_END_DECLS
