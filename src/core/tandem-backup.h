/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TANDEM_BACKUPS_KEPT 7

char      *tandem_backup_dir          (const char  *db_path);
gboolean   tandem_backup_file         (const char  *db_path,
                                       const char  *dest_path,
                                       GError     **error);
char      *tandem_backup_daily        (const char  *db_path,
                                       GDateTime   *now,
                                       GError     **error);
GPtrArray *tandem_backup_list         (const char  *db_path);
gboolean   tandem_backup_restore      (const char  *db_path,
                                       const char  *backup_path,
                                       GError     **error);
char      *tandem_backup_recover      (const char  *db_path,
                                       const char  *backup_path,
                                       GError     **error);

G_END_DECLS
