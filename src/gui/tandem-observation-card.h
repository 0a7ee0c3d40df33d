/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-observation.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_OBSERVATION_CARD (tandem_observation_card_get_type ())

G_DECLARE_FINAL_TYPE (TandemObservationCard, tandem_observation_card, TANDEM, OBSERVATION_CARD,
                      GtkWidget)

GtkWidget         *tandem_observation_card_new             (TandemStore           *store);
TandemStore       *tandem_observation_card_get_store       (TandemObservationCard *self);
TandemObservation *tandem_observation_card_get_observation (TandemObservationCard *self);
void               tandem_observation_card_set_observation (TandemObservationCard *self,
                                                            TandemObservation     *observation);
const char        *tandem_observation_card_get_child_id    (TandemObservationCard *self);
void               tandem_observation_card_set_child_id    (TandemObservationCard *self,
                                                            const char            *child_id);

void               tandem_observation_card_open_editor     (GtkWidget             *widget,
                                                            TandemStore           *store,
                                                            TandemObservation     *observation,
                                                            const char            *child_id);

G_END_DECLS
