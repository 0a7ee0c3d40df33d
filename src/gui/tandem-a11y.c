/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "tandem-a11y.h"

/**
 * tandem_a11y_tidy_names:
 * @root: a window, or any widget
 *
 * Gives every button with a mnemonic under @root one clean accessible name.
 * Call it once a window is built, and again on what is added or relabelled
 * later.
 *
 * GTK 4.8 names such a button twice over, e.g. "_Save Save": once from its
 * label property, underscore included, and once from the label inside it,
 * which it is labelled by. Dropping the first leaves the label's own text,
 * "Save", with the mnemonic already taken out by the label (doubled
 * underscores included). A button without a mnemonic is named only once and
 * keeps its name; one without a label (an icon, or a child of its own) keeps
 * whatever name it was given.
 */
void
tandem_a11y_tidy_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) &&
          gtk_button_get_use_underline (GTK_BUTTON (child)) &&
          gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      tandem_a11y_tidy_names (child);
    }
}

/**
 * tandem_a11y_set_label:
 * @widget: a widget
 * @label: its accessible name
 *
 * Gives @widget exactly the name @label. GTK 4.8 would otherwise add the
 * text of whatever labels it (a row's title, a button's own text) after it.
 */
static void
drop_labelled_by_cb (GtkWidget *widget)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
tandem_a11y_set_label (GtkWidget  *widget,
                       const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  drop_labelled_by_cb (widget);

  /* An AdwButtonContent inside a button makes its label name the button
   * again when it is rooted, after this has run: drop that again whenever
   * the button is shown. */
  if (GTK_IS_BUTTON (widget) &&
      g_object_get_data (G_OBJECT (widget), "tandem-a11y-labelled") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "tandem-a11y-labelled", GINT_TO_POINTER (1));
      g_signal_connect (widget, "map", G_CALLBACK (drop_labelled_by_cb), NULL);
    }
}

/**
 * tandem_a11y_name_switch:
 * @widget: a row that holds a switch it made itself, e.g. an #AdwExpanderRow
 * @label: the accessible name for the switch
 *
 * Names the switch inside @widget for screen readers, which libadwaita 1.2
 * leaves unnamed.
 */
void
tandem_a11y_name_switch (GtkWidget  *widget,
                         const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SWITCH (child))
        {
          tandem_a11y_set_label (child, label);
          return;
        }
      tandem_a11y_name_switch (child, label);
    }
}

/* As tandem_a11y_tidy_names() does for one button. Names set on purpose by
 * tandem_a11y_set_label() stay. */
static void
name_mnemonic_button (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) &&
      gtk_button_get_label (button) != NULL &&
      g_object_get_data (G_OBJECT (button), "tandem-a11y-labelled") == NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static gboolean
button_realized_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_BUTTON (object))
    name_mnemonic_button (GTK_BUTTON (object));
  return TRUE;
}

/**
 * tandem_a11y_fix_mnemonic_buttons:
 *
 * tandem_a11y_tidy_names() for every button of the application as it is
 * realized, before screen readers see it, so that no window or dialog can
 * forget it ("_Set Up Sync… Set Up Sync…" becomes "Set Up Sync…"). A label
 * changed while the button is shown still needs tandem_a11y_tidy_names()
 * ("notify" takes no emission hooks). Call once, at start-up.
 */
void
tandem_a11y_fix_mnemonic_buttons (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      guint realize_id;

      /* Signals exist once their class does, which may be after start-up;
       * the class is kept for the life of the program anyway. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      realize_id = g_signal_lookup ("realize", GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (realize_id, 0, button_realized_hook, NULL, NULL);
      g_once_init_leave (&once, 1);
    }
}
