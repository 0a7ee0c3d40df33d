/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

#include "tandem-pack-doc.h"

G_BEGIN_DECLS

gboolean tandem_pack_doc_write_file   (TandemPackDoc        *self,
                                       const char           *path,
                                       GCancellable         *cancellable,
                                       GError              **error);
GBytes  *tandem_pack_doc_write_bytes  (TandemPackDoc        *self,
                                       GCancellable         *cancellable,
                                       GError              **error);
gboolean tandem_pack_doc_write_stream (TandemPackDoc        *self,
                                       GOutputStream        *stream,
                                       GCancellable         *cancellable,
                                       GError              **error);

gboolean tandem_pack_write_file       (TandemPackDoc * const *docs,
                                       guint                 n_docs,
                                       const char           *title,
                                       const char           *path,
                                       GCancellable         *cancellable,
                                       GError              **error);
gboolean tandem_pack_write_stream     (TandemPackDoc * const *docs,
                                       guint                 n_docs,
                                       const char           *title,
                                       GOutputStream        *stream,
                                       GCancellable         *cancellable,
                                       GError              **error);

G_END_DECLS
