/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

gboolean _tandem_store_save_imported (TandemStore   *store,
                                      TandemRecord  *record,
                                      const char    *created_at,
                                      const char    *updated_at,
                                      gboolean       deleted,
                                      GError       **error);

G_END_DECLS
