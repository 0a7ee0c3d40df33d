/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "tandem-hlc.h"
#include "tandem-record.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_STORE (tandem_store_get_type ())

G_DECLARE_FINAL_TYPE (TandemStore, tandem_store, TANDEM, STORE, GObject)

/* "TAND": marks a SQLite file as Tandem's own. */
#define TANDEM_STORE_APPLICATION_ID 0x54414e44

/**
 * TandemStoreOpenFlags:
 * @TANDEM_STORE_OPEN_DEFAULT: check the whole file before opening it
 * @TANDEM_STORE_OPEN_DEFER_INTEGRITY: check only its structure (header, length,
 *   owner, schema) before opening; the caller runs tandem_store_check_file()
 *   soon after, off the main thread. SQLite's full check reads every page,
 *   which on a large setting takes longer than the app may take to start.
 */
typedef enum {
  TANDEM_STORE_OPEN_DEFAULT          = 0,
  TANDEM_STORE_OPEN_DEFER_INTEGRITY  = 1 << 0,
} TandemStoreOpenFlags;

char        *tandem_store_default_path          (void);
gboolean     tandem_store_check_file            (const char          *path,
                                                 GError             **error);
gboolean     tandem_store_check_structure       (const char          *path,
                                                 GError             **error);
TandemStore *tandem_store_open                  (const char          *path,
                                                 GError             **error);
TandemStore *tandem_store_open_with_flags       (const char          *path,
                                                 TandemStoreOpenFlags flags,
                                                 GError             **error);
const char  *tandem_store_get_path              (TandemStore         *self);
const char  *tandem_store_get_device_id         (TandemStore         *self);
sqlite3     *tandem_store_get_db                (TandemStore         *self);
int          tandem_store_get_schema_version    (TandemStore         *self);
int          tandem_store_latest_schema_version (void);
void         tandem_store_set_actor             (TandemStore         *self,
                                                 const char          *actor);
const char  *tandem_store_get_actor             (TandemStore         *self);

gboolean     tandem_store_begin                 (TandemStore         *self,
                                                 GError             **error);
gboolean     tandem_store_commit                (TandemStore         *self,
                                                 GError             **error);
void         tandem_store_rollback              (TandemStore         *self);
void         tandem_store_emit_changed          (TandemStore         *self,
                                                 const char          *table,
                                                 const char          *id);

gboolean     tandem_store_save                  (TandemStore         *self,
                                                 TandemRecord        *record,
                                                 GError             **error);
gboolean     tandem_store_delete                (TandemStore         *self,
                                                 TandemRecord        *record,
                                                 GError             **error);
gboolean     tandem_store_undelete              (TandemStore         *self,
                                                 TandemRecord        *record,
                                                 GError             **error);
gpointer     tandem_store_load                  (TandemStore         *self,
                                                 GType                type,
                                                 const char          *id,
                                                 GError             **error);
GPtrArray   *tandem_store_list                  (TandemStore         *self,
                                                 GType                type,
                                                 const char          *where,
                                                 const char * const  *params,
                                                 GError             **error);
gint64       tandem_store_count                 (TandemStore         *self,
                                                 GType                type,
                                                 const char          *where,
                                                 const char * const  *params,
                                                 GError             **error);

gboolean     tandem_store_audit                 (TandemStore         *self,
                                                 const char          *action,
                                                 const char          *child_id,
                                                 const char          *detail,
                                                 GError             **error);

sqlite3_stmt *_tandem_store_prepare             (TandemStore         *self,
                                                 const char          *sql,
                                                 GError             **error);
gboolean      _tandem_store_set_error           (TandemStore         *self,
                                                 GError             **error);
void          _tandem_store_observe_clock       (TandemStore         *self,
                                                 const TandemHlc     *remote);

G_END_DECLS
