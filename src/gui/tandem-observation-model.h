/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

#include "tandem-journal.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_OBSERVATION_MODEL (tandem_observation_model_get_type ())

G_DECLARE_FINAL_TYPE (TandemObservationModel, tandem_observation_model, TANDEM,
                      OBSERVATION_MODEL, GObject)

/* How many observations the model keeps loaded at most. */
#define TANDEM_OBSERVATION_MODEL_CACHE_SIZE 256

TandemObservationModel *tandem_observation_model_new          (TandemStore               *store,
                                                               const char                *child_id);
TandemStore            *tandem_observation_model_get_store    (TandemObservationModel    *self);
const char             *tandem_observation_model_get_child_id (TandemObservationModel    *self);
void                    tandem_observation_model_set_child_id (TandemObservationModel    *self,
                                                               const char                *child_id);
void                    tandem_observation_model_set_filter   (TandemObservationModel    *self,
                                                               const TandemJournalFilter *filter);
void                    tandem_observation_model_refresh      (TandemObservationModel    *self);
guint                   tandem_observation_model_find         (TandemObservationModel    *self,
                                                               const char                *observation_id);
const char             *tandem_observation_model_get_id       (TandemObservationModel    *self,
                                                               guint                      position);
guint                   tandem_observation_model_get_n_cached (TandemObservationModel    *self);
guint                   tandem_observation_model_get_n_loads  (TandemObservationModel    *self);

G_END_DECLS
