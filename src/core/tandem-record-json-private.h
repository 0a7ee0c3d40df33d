/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tandem-record.h"

G_BEGIN_DECLS

/* A record as a JSON object: id, created_at, updated_at, deleted and every
 * field by its column name (text, dates and references as strings or null,
 * whole numbers and yes/no as JSON numbers and booleans). The JSON export and
 * a support plan's frozen versions both write records this way. */
void     _tandem_record_add_json       (JsonBuilder        *builder,
                                        TandemRecord       *record);

/* Sets field @index of @record from @node, as _tandem_record_add_json()
 * wrote it. Returns FALSE, changing nothing, when @node has the wrong type
 * for the field. */
gboolean _tandem_record_set_json_field (TandemRecord       *record,
                                        guint               index,
                                        const TandemField  *field,
                                        JsonNode           *node);

G_END_DECLS
