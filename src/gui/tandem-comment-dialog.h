/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-observation.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_COMMENT_DIALOG (tandem_comment_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TandemCommentDialog, tandem_comment_dialog, TANDEM, COMMENT_DIALOG,
                      AdwWindow)

GtkWindow *tandem_comment_dialog_new (GtkWindow         *parent,
                                      TandemStore       *store,
                                      TandemObservation *observation,
                                      const char        *child_id);

G_END_DECLS
