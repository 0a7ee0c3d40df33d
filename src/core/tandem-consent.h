/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CONSENT (tandem_consent_get_type ())

G_DECLARE_FINAL_TYPE (TandemConsent, tandem_consent, TANDEM, CONSENT, TandemRecord)

#define TANDEM_CONSENT_PHOTOS_JOURNAL "photos_journal"
#define TANDEM_CONSENT_PHOTOS_PACK "photos_pack"
#define TANDEM_CONSENT_SHARE_PROFESSIONAL "share_professional"

TandemConsent      *tandem_consent_new        (const char    *child_id,
                                               const char    *kind);
const char * const *tandem_consent_kinds      (void);
const char         *tandem_consent_kind_label (const char    *kind);
gboolean            tandem_consent_is_current (TandemConsent *self,
                                               const char    *on_date);

G_END_DECLS
