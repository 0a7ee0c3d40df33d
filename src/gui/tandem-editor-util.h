/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <adwaita.h>

#include "tandem-record.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/* What the record editors (child, carer, consent) have in common: the form
 * rows, the error shown above them, the date rows, Save and Escape. */

/**
 * TandemEditorChangedFunc:
 * @editor: an editor window
 *
 * Returns: whether the form holds anything that has not been saved
 */
typedef gboolean (*TandemEditorChangedFunc) (GtkWindow *editor);

void        tandem_editor_class_setup        (GtkWidgetClass              *widget_class,
                                              const char                  *resource,
                                              GtkWidgetActionActivateFunc  save);
void        tandem_editor_guard_close        (GtkWindow                   *editor,
                                              TandemEditorChangedFunc      has_changes);
void        tandem_editor_close_saved        (GtkWindow                   *editor);
gboolean    tandem_editor_save               (GtkWindow                   *editor,
                                              TandemStore                 *store,
                                              guint                        saved_signal,
                                              TandemRecord                *record,
                                              const char                 **field,
                                              GError                     **error);

char       *tandem_editor_get_entry          (AdwEntryRow                 *row);
void        tandem_editor_set_entry          (AdwEntryRow                 *row,
                                              const char                  *text);
char       *tandem_editor_get_notes          (GtkTextView                 *view);
void        tandem_editor_set_notes          (GtkTextView                 *view,
                                              const char                  *text);
void        tandem_editor_add_date_hint      (AdwEntryRow                 *row);
gboolean    tandem_editor_get_date           (AdwEntryRow                 *row,
                                              const char                  *example,
                                              char                       **iso_date,
                                              char                       **message);

void        tandem_editor_set_row_error      (GtkWidget                   *row,
                                              gboolean                     error);
void        tandem_editor_show_error         (GtkRevealer                 *revealer,
                                              GtkLabel                    *label,
                                              const char                  *message,
                                              GtkWidget                   *row);
void        tandem_editor_clear_errors       (GtkWidget                   *editor,
                                              GtkRevealer                 *revealer);
const char *tandem_editor_error_field        (GType                        type,
                                              const char                  *message);
gboolean    tandem_editor_records_differ     (TandemRecord                *a,
                                              TandemRecord                *b);

GtkWidget  *tandem_editor_field_box          (const char                  *title,
                                              const char                  *hint);
GtkTextView *tandem_editor_text_view_new     (const char                  *name,
                                              int                          height);
GtkTextView *tandem_editor_add_text_box      (AdwPreferencesGroup         *group,
                                              const char                  *title,
                                              const char                  *hint);

G_END_DECLS
