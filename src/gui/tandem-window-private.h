/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include "tandem-sync-controller.h"
#include "tandem-window.h"

G_BEGIN_DECLS

struct _TandemWindow
{
  AdwApplicationWindow  parent_instance;

  TandemStore          *store;
  GSettings            *settings;
  TandemChild          *child;

  /* Rows by child id, so that a refresh updates rows in place and keeps the
   * selection and scroll position. */
  GHashTable           *rows;
  char                 *folded_search;
  guint                 refresh_source;
  gboolean              loaded;
  gboolean              rows_pending;
  gboolean              painted;
  gboolean              quiet_pending;
  gboolean              select_new_child;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkSearchEntry       *search_entry;
  GtkListBox           *child_list;
  GtkWidget            *content_box;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkWidget            *child_menu_button;
  GtkWidget            *child_banner;
  AdwAvatar            *banner_avatar;
  GtkLabel             *banner_name;
  GtkLabel             *banner_details;
  GBinding             *photo_binding;
  GtkStack             *content_stack;
  AdwViewStack         *view_stack;
  AdwBin               *family_bin;
  GtkWidget            *journal_view;
  AdwBin               *search_bin;
  GtkWidget            *search_page;  /* built on first use */
  GtkListBox           *places_list;
  GtkListBoxRow        *week_row;
  GtkListBoxRow        *follow_ups_row;
  GtkLabel             *overdue_count;
  GtkListBoxRow        *reviews_row;
  GtkLabel             *reviews_count;
  AdwBin               *week_bin;
  GtkWidget            *week_page;    /* built on first use */
  AdwBin               *follow_ups_bin;
  GtkWidget            *follow_ups_page; /* built on first use */
  AdwBin               *reviews_bin;
  GtkWidget            *reviews_page;    /* built on first use */
  AdwBin               *meetings_bin;
  GtkWidget            *meetings_view;
  AdwBin               *plan_bin;
  GtkWidget            *plan_view;       /* built when the tab is first shown */
  guint                 overdue_source;
  GCancellable         *cancellable;  /* cancelled when the window goes */
  TandemSyncController *sync_controller;
  GtkWidget            *empty_sync_button;
  GtkWidget            *sync_button;
  guint                 quiet_source;
};

void       _tandem_window_class_actions_init (TandemWindowClass *klass);
GtkWidget *_tandem_window_ensure_search_page (TandemWindow      *self);
GtkWidget *_tandem_window_ensure_week_page   (TandemWindow      *self);
GtkWidget *_tandem_window_ensure_follow_ups_page (TandemWindow  *self);
GtkWidget *_tandem_window_ensure_reviews_page (TandemWindow     *self);
GtkWidget *_tandem_window_ensure_plan_view   (TandemWindow      *self);
gboolean   _tandem_window_is_searching       (TandemWindow      *self);
void       _tandem_window_show_search        (TandemWindow      *self,
                                              gboolean           show);
void       _tandem_window_show_page          (TandemWindow      *self,
                                              const char        *name);

G_END_DECLS
