/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_EXPORT_FORMAT_VERSION 1

/* Writes DIR/tandem.json and DIR/blobs/<hash> (photos, logo). With a child id
 * only that child and what belongs to them (carers, consents, their room and
 * keyworker, the setting) is written: a family's subject-access copy, or the
 * transfer to the child's next setting. Records an audit entry. */
gboolean tandem_export_json (TandemStore  *store,
                             const char   *dir,
                             const char   *child_id,
                             GError      **error);

/* Reads an export back in one transaction, keeping every id, so that
 * exporting and importing into a new database gives identical records. */
gboolean tandem_import_json (TandemStore  *store,
                             const char   *dir,
                             GError      **error);

G_END_DECLS
