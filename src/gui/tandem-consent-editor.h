/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CONSENT_EDITOR (tandem_consent_editor_get_type ())

G_DECLARE_FINAL_TYPE (TandemConsentEditor, tandem_consent_editor,
                      TANDEM, CONSENT_EDITOR, AdwWindow)

GtkWindow *tandem_consent_editor_new (GtkWindow     *parent,
                                      TandemStore   *store,
                                      const char    *child_id,
                                      TandemConsent *consent);

G_END_DECLS
