/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <adwaita.h>

#include "tandem-a11y.h"
#include "tandem-test-gui-util.h"

/* The accessible names GTK 4.8 gets wrong, as the test AT context sees
 * them. A name is the label property followed by the names of the widgets
 * the widget is labelled by. */

static GtkWidget *
labelled_button (const char *label,
                 gboolean    use_underline)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_button_set_use_underline (GTK_BUTTON (button), use_underline);
  return button;
}

static void
assert_labelled_by_child (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  g_assert_true (GTK_IS_LABEL (label));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (button),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
}

static void
test_tidy_names (void)
{
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *save = labelled_button ("_Save", TRUE);
  GtkWidget *nested = labelled_button ("Open _Another File…", TRUE);
  GtkWidget *plain = labelled_button ("file_name.csv", FALSE);
  GtkWidget *custom = gtk_button_new ();
  GtkWidget *late = gtk_button_new ();

  gtk_box_append (GTK_BOX (box), save);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_box_append (GTK_BOX (box), custom);
  gtk_box_append (GTK_BOX (box), late);
  gtk_box_append (GTK_BOX (box), inner);
  gtk_box_append (GTK_BOX (inner), nested);

  /* A button with its own child and a name given to it. */
  gtk_button_set_child (GTK_BUTTON (custom), gtk_image_new_from_icon_name ("edit-symbolic"));
  gtk_button_set_use_underline (GTK_BUTTON (custom), TRUE);
  tandem_a11y_set_label (custom, "Edit");

  /* What GTK does wrong: "_Save" and then "Save" from the label inside. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (save),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "_Save");
  assert_labelled_by_child (save);

  tandem_a11y_tidy_names (box);

  /* Buttons with mnemonics, however deep, are named by their label alone,
   * which reads "Save" without the underscore. */
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (save),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  assert_labelled_by_child (save);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_button_get_child (GTK_BUTTON (save))),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Save");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (nested),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  assert_labelled_by_child (nested);

  /* A button without a mnemonic was named once, by its text with the
   * underscore in it, and keeps that name. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (plain), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "file_name.csv");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (plain),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  /* A name given on purpose is kept. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (custom), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Edit");

  /* A label given later needs tidying again, as the recovery window does. */
  gtk_button_set_use_underline (GTK_BUTTON (late), TRUE);
  gtk_button_set_label (GTK_BUTTON (late), "_Restore");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (late), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "_Restore");
  tandem_a11y_tidy_names (box);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (late),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  assert_labelled_by_child (late);

  g_object_unref (box);
}

static void
test_set_label (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("Languages"));
  GtkWidget *button = g_object_ref_sink (gtk_button_new_with_label ("Choose…"));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  tandem_a11y_set_label (button, "Choose home languages");

  /* Exactly that name, with nothing added from what labels it. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Choose home languages");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  g_object_unref (button);
  g_object_unref (label);
}

static void
test_name_switch (void)
{
  GtkWidget *row = g_object_ref_sink (adw_expander_row_new ());
  g_autoptr(GPtrArray) switches = NULL;

  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
  tandem_a11y_name_switch (row, "Transport");

  switches = tandem_test_find_all (row, GTK_TYPE_SWITCH);
  g_assert_cmpuint (switches->len, ==, 1);
  gtk_test_accessible_assert_property (g_ptr_array_index (switches, 0),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Transport");

  g_object_unref (row);
}

/* Every button of the application, once the hook is installed: named once
 * when shown. */
static void
test_fix_mnemonic_buttons (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *save = labelled_button ("_Save", TRUE);
  GtkWidget *custom = gtk_button_new ();

  tandem_a11y_fix_mnemonic_buttons ();
  gtk_button_set_child (GTK_BUTTON (custom), gtk_image_new_from_icon_name ("edit-symbolic"));
  gtk_button_set_use_underline (GTK_BUTTON (custom), TRUE);
  tandem_a11y_set_label (custom, "Edit");
  gtk_box_append (GTK_BOX (box), save);
  gtk_box_append (GTK_BOX (box), custom);
  gtk_window_set_child (GTK_WINDOW (window), box);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (save),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (save))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (save),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  assert_labelled_by_child (save);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (custom), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Edit");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The test context keeps what is set, for these tests to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/a11y/tidy-names", test_tidy_names);
  g_test_add_func ("/a11y/set-label", test_set_label);
  g_test_add_func ("/a11y/name-switch", test_name_switch);
  g_test_add_func ("/a11y/fix-mnemonic-buttons", test_fix_mnemonic_buttons);

  return g_test_run ();
}
