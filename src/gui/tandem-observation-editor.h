/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_OBSERVATION_EDITOR (tandem_observation_editor_get_type ())

G_DECLARE_FINAL_TYPE (TandemObservationEditor, tandem_observation_editor, TANDEM,
                      OBSERVATION_EDITOR, AdwWindow)

GtkWindow  *tandem_observation_editor_new            (GtkWindow          *parent,
                                                      TandemStore        *store,
                                                      TandemObservation  *observation,
                                                      const char         *child_id);
GtkWindow  *tandem_observation_editor_new_from_draft (GtkWindow          *parent,
                                                      TandemStore        *store,
                                                      const char         *key,
                                                      const char         *json,
                                                      GError            **error);
const char *tandem_observation_editor_get_draft_key  (TandemObservationEditor *self);
char       *tandem_observation_editor_dup_state      (TandemObservationEditor *self);
gboolean    tandem_observation_editor_save_draft_now (TandemObservationEditor *self);

G_END_DECLS
