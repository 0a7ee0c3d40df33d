/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CHILD_ROW (tandem_child_row_get_type ())

G_DECLARE_FINAL_TYPE (TandemChildRow, tandem_child_row, TANDEM, CHILD_ROW, GtkListBoxRow)

GtkWidget   *tandem_child_row_new                (TandemStore    *store,
                                                  TandemChild    *child,
                                                  const char     *room_name,
                                                  const char     *keyworker_name);
TandemChild *tandem_child_row_get_child          (TandemChildRow *self);
void         tandem_child_row_set_child          (TandemChildRow *self,
                                                  TandemChild    *child);
const char  *tandem_child_row_get_room_name      (TandemChildRow *self);
void         tandem_child_row_set_room_name      (TandemChildRow *self,
                                                  const char     *room_name);
const char  *tandem_child_row_get_keyworker_name (TandemChildRow *self);
void         tandem_child_row_set_keyworker_name (TandemChildRow *self,
                                                  const char     *keyworker_name);
gboolean     tandem_child_row_get_overdue        (TandemChildRow *self);
void         tandem_child_row_set_overdue        (TandemChildRow *self,
                                                  gboolean        overdue);
int          tandem_child_row_get_quiet_days     (TandemChildRow *self);
void         tandem_child_row_set_quiet_days     (TandemChildRow *self,
                                                  int             quiet_days);
gboolean     tandem_child_row_matches            (TandemChildRow *self,
                                                  const char     *folded_search);
int          tandem_child_row_compare            (TandemChildRow *a,
                                                  TandemChildRow *b);

char        *tandem_fold_for_search              (const char     *text);

G_END_DECLS
