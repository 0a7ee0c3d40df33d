/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-records.h"
#include "tandem-store.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CHILD_EDITOR (tandem_child_editor_get_type ())

G_DECLARE_FINAL_TYPE (TandemChildEditor, tandem_child_editor, TANDEM, CHILD_EDITOR, AdwWindow)

GtkWindow  *tandem_child_editor_new     (GtkWindow    *parent,
                                         TandemStore  *store,
                                         TandemChild  *child);

/* Shared by the record editors and the family view. */
gboolean    tandem_date_from_user_text  (const char   *text,
                                         char        **iso_date);
char       *tandem_date_format_long     (const char   *iso_date);
char       *tandem_date_today           (void);
const char *tandem_record_error_field   (GType         type,
                                         const char   *message);
void        tandem_editor_set_row_error (GtkWidget    *row,
                                         gboolean      error);
gboolean    tandem_records_differ       (TandemRecord *a,
                                         TandemRecord *b);
void        tandem_editor_ask_discard   (GtkWindow    *editor);
gboolean    tandem_editor_discard_confirmed (GtkWindow *editor);
char       *tandem_languages_display    (const char * const *tags);
const char *tandem_direction_mark       (void);
void        tandem_editor_add_date_hint (AdwEntryRow  *row);
void        tandem_accessible_tidy      (GtkWidget    *root);
void        tandem_accessible_set_label (GtkWidget    *widget,
                                         const char   *label);
void        tandem_editor_label_switch  (GtkWidget    *widget,
                                         const char   *label);

G_END_DECLS
