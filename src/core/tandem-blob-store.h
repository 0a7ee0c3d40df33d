/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/* Content-addressed files kept in a private folder beside the database
 * (<database>.blobs/ab/<sha256>), listed in the blobs table. */
char    *tandem_blob_store_dir      (TandemStore  *store);
char    *tandem_blob_store_add      (TandemStore  *store,
                                     GBytes       *bytes,
                                     const char   *mime,
                                     GError      **error);
GBytes  *tandem_blob_store_get      (TandemStore  *store,
                                     const char   *hash,
                                     GError      **error);
char    *tandem_blob_store_get_path (TandemStore  *store,
                                     const char   *hash);
gboolean tandem_blob_store_has      (TandemStore  *store,
                                     const char   *hash);
char    *tandem_blob_store_get_mime (TandemStore  *store,
                                     const char   *hash);
gboolean tandem_blob_hash_is_valid  (const char   *hash);

/* Reads an image file, applies its orientation, scales it to fit
 * @max_size pixels square and re-encodes it as JPEG, which drops every
 * metadata tag (location included). Refuses files that are not images, are
 * larger than 50 MB or would decode to more than 100 megapixels. Returns the
 * blob hash. */
char    *tandem_blob_store_add_image (TandemStore  *store,
                                      const char   *path,
                                      int           max_size,
                                      GError      **error);

G_END_DECLS
