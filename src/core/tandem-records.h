/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-carer.h"
#include "tandem-child.h"
#include "tandem-conflict-resolution.h"
#include "tandem-consent.h"
#include "tandem-keyworker.h"
#include "tandem-meeting.h"
#include "tandem-observation.h"
#include "tandem-plan.h"
#include "tandem-record.h"
#include "tandem-room.h"
#include "tandem-setting.h"

G_BEGIN_DECLS

void          tandem_records_init  (void);
const GType  *tandem_record_types  (guint *n_types);

G_END_DECLS
