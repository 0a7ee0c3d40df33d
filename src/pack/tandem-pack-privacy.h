/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/* What may reach a family's pack: each rule of "privacy by construction"
 * (issue 6) in one small function, so that each is tested on its own and the
 * builder reads records only through them. */

const char *tandem_pack_privacy_get_text       (TandemRecord       *record,
                                                const char         *field);

void        tandem_pack_privacy_add_child_names (GPtrArray         *names,
                                                 TandemChild       *child);
char       *tandem_pack_privacy_hide_names      (const char        *text,
                                                 const char * const *hide,
                                                 const char * const *keep,
                                                 const char        *a_friend,
                                                 const char        *friends);

gboolean    tandem_pack_privacy_has_consent     (TandemStore       *store,
                                                 const char        *child_id,
                                                 const char        *kind,
                                                 const char        *today,
                                                 GHashTable        *cache);
gboolean    tandem_pack_privacy_photo_allowed   (TandemStore       *store,
                                                 const char        *photo_id,
                                                 const char * const *observation_child_ids,
                                                 const char        *today,
                                                 GHashTable        *cache);
gboolean    tandem_pack_privacy_is_carer_of     (TandemStore       *store,
                                                 const char        *carer_id,
                                                 const char        *child_id);

GBytes     *tandem_pack_privacy_clean_jpeg      (GBytes            *bytes);

G_END_DECLS
