/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-store.h"

G_BEGIN_DECLS

/* Drafts of unsaved work, kept in the local `drafts` table (never synced) and
 * written in their own small transaction so that a crash or kill -9 while
 * typing loses at most the last keystrokes. @key names what is being edited
 * ("observation:new", "observation:<id>"); @content is the editor's state as
 * JSON written by the GUI. */
gboolean  tandem_drafts_save    (TandemStore  *store,
                                 const char   *key,
                                 const char   *content,
                                 GError      **error);
char     *tandem_drafts_load    (TandemStore  *store,
                                 const char   *key,
                                 char        **saved_at);
GStrv     tandem_drafts_list    (TandemStore  *store);
gboolean  tandem_drafts_discard (TandemStore  *store,
                                 const char   *key,
                                 GError      **error);

G_END_DECLS
