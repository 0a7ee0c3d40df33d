/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ROOM (tandem_room_get_type ())

G_DECLARE_FINAL_TYPE (TandemRoom, tandem_room, TANDEM, ROOM, TandemRecord)

TandemRoom *tandem_room_new      (const char *name);
const char *tandem_room_get_name (TandemRoom *self);

G_END_DECLS
