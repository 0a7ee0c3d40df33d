/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/* What most tests need: a temporary folder with a fresh database in it,
 * removed again afterwards, and a few ways to look inside. */

/**
 * TandemTestStore:
 * @dir: a temporary folder, removed with everything in it by
 *   tandem_test_store_tear_down()
 * @path: the database, in a folder of its own under @dir
 * @store: the database, open
 *
 * A fixture for g_test_add(), or a part of one.
 */
typedef struct {
  char        *dir;
  char        *path;
  TandemStore *store;
} TandemTestStore;

void         tandem_test_store_set_up    (TandemTestStore *t,
                                          gconstpointer    data);
void         tandem_test_store_tear_down (TandemTestStore *t,
                                          gconstpointer    data);

char        *tandem_test_make_dir        (void);
void         tandem_test_remove_tree     (const char      *path);
TandemStore *tandem_test_open_store      (const char      *path);
void         tandem_test_write_file      (const char      *path,
                                          const void      *data,
                                          gssize           len);
void         tandem_test_assert_mode     (const char      *path,
                                          guint            mode);

gint64       tandem_test_query_int       (TandemStore     *store,
                                          const char      *sql);
gint64       tandem_test_count           (TandemStore     *store,
                                          GType            type);
void         tandem_test_roster_today    (GDate           *today);
char        *tandem_test_write_png_bomb  (const char      *dir);

G_END_DECLS
