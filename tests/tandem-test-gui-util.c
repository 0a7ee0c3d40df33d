/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-test-gui-util.h"

/**
 * tandem_test_pump:
 *
 * Runs what is waiting on the main loop: idle refreshes, template bindings,
 * and what those queue in turn.
 */
void
tandem_test_pump (void)
{
  for (int i = 0; i < 5; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/**
 * tandem_test_find_all:
 * @root: a widget
 * @type: a widget type
 *
 * Returns: (transfer container) (element-type GtkWidget): every widget of
 *   @type under @root (not @root itself), in tree order
 */
GPtrArray *
tandem_test_find_all (GtkWidget *root,
                      GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

/**
 * tandem_test_find_row:
 * @root: a widget
 * @type: a type of #AdwPreferencesRow
 * @title: the row's title
 * @last: whether to return the last such row rather than the first, e.g.
 *   the one just added to a list
 *
 * Returns: (transfer none) (nullable): the row of @type under @root titled
 *   @title
 */
gpointer
tandem_test_find_row (GtkWidget  *root,
                      GType       type,
                      const char *title,
                      gboolean    last)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (root, type);
  gpointer found = NULL;

  g_return_val_if_fail (g_type_is_a (type, ADW_TYPE_PREFERENCES_ROW), NULL);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      {
        found = g_ptr_array_index (rows, i);
        if (!last)
          break;
      }

  return found;
}
