/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-area-picker.h"
#include "tandem-eyfs.h"

/* The seven areas of learning, each with its aspects, and the three
 * characteristics of effective learning, as check buttons; what is chosen is
 * summarised above them as chips that can be removed.
 *
 * An area can be chosen on its own ("the area in general") or through its
 * aspects. Ticking an aspect ticks its area; unticking an area unticks its
 * aspects; and an area that was ticked only because one of its aspects was is
 * unticked again with the last of them, so that a slip of the mouse leaves
 * nothing behind. What is stored is the aspects where there are any, else
 * the area's own code. */

#define MAX_AREAS 16
#define MAX_ASPECTS 64
#define MAX_CHARACTERISTICS 8

struct _TandemAreaPicker
{
  AdwBin                      parent_instance;

  GtkFlowBox                 *summary_box;
  GtkLabel                   *summary_empty;
  GtkListBox                 *areas_list;
  GtkListBox                 *characteristics_list;

  const TandemEyfsArea       *areas;
  const TandemEyfsAspect     *aspects;
  const TandemCharacteristic *characteristics;
  guint                       n_areas;
  guint                       n_aspects;
  guint                       n_characteristics;
  AdwExpanderRow             *area_rows[MAX_AREAS];
  GtkCheckButton             *area_checks[MAX_AREAS];
  /* Whether an area is ticked only because an aspect of it is. */
  gboolean                    implicit[MAX_AREAS];
  GtkCheckButton             *aspect_checks[MAX_ASPECTS];
  GtkCheckButton             *characteristic_checks[MAX_CHARACTERISTICS];

  /* Set while the checks are changed from code, so that one change is
   * reported once and the rules above do not run on themselves. */
  gboolean                    updating;
};

G_DEFINE_FINAL_TYPE (TandemAreaPicker, tandem_area_picker, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
area_index (TandemAreaPicker *self,
            const char       *code)
{
  const TandemEyfsArea *areas = self->areas;

  for (guint i = 0; i < self->n_areas; i++)
    if (g_strcmp0 (areas[i].code, code) == 0)
      return i;
  return G_MAXUINT;
}

static gboolean
area_has_aspects_chosen (TandemAreaPicker *self,
                         guint             area)
{
  const TandemEyfsArea *areas = self->areas;
  const TandemEyfsAspect *aspects = self->aspects;

  for (guint i = 0; i < self->n_aspects; i++)
    if (g_str_equal (aspects[i].area, areas[area].code) &&
        gtk_check_button_get_active (self->aspect_checks[i]))
      return TRUE;
  return FALSE;
}

static void
chip_remove_cb (GtkButton        *button,
                TandemAreaPicker *self)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (button), "tandem-check");

  gtk_check_button_set_active (check, FALSE);
}

/* A chip: a name with a button that takes it away again. */
static GtkWidget *
make_chip (TandemAreaPicker *self,
           const char       *label,
           const char       *tooltip,
           GtkCheckButton   *check)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *remove_label = NULL;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (name, 10);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 40);
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_box_append (GTK_BOX (box), name);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of the button on a chip; %s is what it removes,
   * e.g. an area of learning. */
  remove_label = g_strdup_printf (_("Remove %s"), label);
  gtk_widget_set_tooltip_text (remove, remove_label);
  tandem_a11y_set_label (remove, remove_label);
  g_object_set_data (G_OBJECT (remove), "tandem-check", check);
  g_signal_connect (remove, "clicked", G_CALLBACK (chip_remove_cb), self);
  gtk_box_append (GTK_BOX (box), remove);

  return box;
}

static void
update_summary (TandemAreaPicker *self)
{
  const TandemEyfsArea *areas = self->areas;
  const TandemEyfsAspect *aspects = self->aspects;
  const TandemCharacteristic *characteristics = self->characteristics;
  GtkWidget *child;
  guint n_chips = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))) != NULL)
    gtk_flow_box_remove (self->summary_box, child);

  for (guint a = 0; a < self->n_areas; a++)
    {
      g_autoptr(GString) chosen = g_string_new (NULL);

      for (guint i = 0; i < self->n_aspects; i++)
        {
          if (!g_str_equal (aspects[i].area, areas[a].code) ||
              !gtk_check_button_get_active (self->aspect_checks[i]))
            continue;

          gtk_flow_box_append (self->summary_box,
                               make_chip (self, _(aspects[i].name), _(areas[a].name),
                                          self->aspect_checks[i]));
          n_chips++;
          if (chosen->len > 0)
            /* Translators: separates the items of a list, e.g. of languages. */
            g_string_append (chosen, _(", "));
          g_string_append (chosen, _(aspects[i].name));
        }

      if (chosen->len == 0 && gtk_check_button_get_active (self->area_checks[a]))
        {
          gtk_flow_box_append (self->summary_box,
                               make_chip (self, _(areas[a].name), _(areas[a].plain),
                                          self->area_checks[a]));
          n_chips++;
          g_string_append (chosen, _("The area in general"));
        }

      /* Subtitles are markup in libadwaita 1.2; the names are text. */
      if (chosen->len > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (chosen->str, -1);

          adw_expander_row_set_subtitle (self->area_rows[a], escaped);
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (_(areas[a].plain), -1);

          adw_expander_row_set_subtitle (self->area_rows[a], escaped);
        }
    }

  for (guint i = 0; i < self->n_characteristics; i++)
    if (gtk_check_button_get_active (self->characteristic_checks[i]))
      {
        gtk_flow_box_append (self->summary_box,
                             make_chip (self, _(characteristics[i].name),
                                        _("Characteristic of effective learning"),
                                        self->characteristic_checks[i]));
        n_chips++;
      }

  gtk_widget_set_visible (GTK_WIDGET (self->summary_box), n_chips > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_empty), n_chips == 0);
}

static void
changed (TandemAreaPicker *self)
{
  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
area_toggled_cb (GtkCheckButton   *check,
                 TandemAreaPicker *self)
{
  const TandemEyfsArea *areas = self->areas;
  const TandemEyfsAspect *aspects = self->aspects;
  guint area = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "tandem-index"));

  if (self->updating)
    return;

  self->updating = TRUE;
  self->implicit[area] = FALSE;
  if (!gtk_check_button_get_active (check))
    for (guint i = 0; i < self->n_aspects; i++)
      if (g_str_equal (aspects[i].area, areas[area].code))
        gtk_check_button_set_active (self->aspect_checks[i], FALSE);
  self->updating = FALSE;

  changed (self);
}

static void
aspect_toggled_cb (GtkCheckButton   *check,
                   TandemAreaPicker *self)
{
  const TandemEyfsAspect *aspects = self->aspects;
  guint aspect = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "tandem-index"));
  guint area = area_index (self, aspects[aspect].area);

  if (self->updating)
    return;

  self->updating = TRUE;
  if (gtk_check_button_get_active (check) &&
      !gtk_check_button_get_active (self->area_checks[area]))
    {
      gtk_check_button_set_active (self->area_checks[area], TRUE);
      self->implicit[area] = TRUE;
    }
  else if (!gtk_check_button_get_active (check) && self->implicit[area] &&
           !area_has_aspects_chosen (self, area))
    {
      gtk_check_button_set_active (self->area_checks[area], FALSE);
      self->implicit[area] = FALSE;
    }
  self->updating = FALSE;

  changed (self);
}

static void
characteristic_toggled_cb (GtkCheckButton   *check,
                           TandemAreaPicker *self)
{
  if (!self->updating)
    changed (self);
}

static GtkCheckButton *
check_row (GtkWidget  **row_out,
           const char  *title,
           const char  *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  tandem_a11y_set_label (check, title);

  *row_out = row;
  return GTK_CHECK_BUTTON (check);
}

static void
build_rows (TandemAreaPicker *self)
{
  guint n_areas, n_aspects, n_characteristics;
  const TandemEyfsArea *areas = tandem_eyfs_areas (&n_areas);
  const TandemEyfsAspect *aspects = tandem_eyfs_aspects (&n_aspects);
  const TandemCharacteristic *characteristics = tandem_characteristics (&n_characteristics);

  g_assert (n_areas <= MAX_AREAS);
  g_assert (n_aspects <= MAX_ASPECTS);
  g_assert (n_characteristics <= MAX_CHARACTERISTICS);

  self->areas = areas;
  self->aspects = aspects;
  self->characteristics = characteristics;
  self->n_areas = n_areas;
  self->n_aspects = n_aspects;
  self->n_characteristics = n_characteristics;

  for (guint a = 0; a < n_areas; a++)
    {
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(areas[a].name));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      {
        /* Translators: the accessible name of the check button that tags an
         * observation with a whole area of learning; %s is the area. */
        g_autofree char *label = g_strdup_printf (_("%s, the area in general"),
                                                  _(areas[a].name));

        tandem_a11y_set_label (check, label);
        gtk_widget_set_tooltip_text (check, _("The area in general"));
      }
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);
      g_object_set_data (G_OBJECT (check), "tandem-index", GUINT_TO_POINTER (a));
      g_signal_connect (check, "toggled", G_CALLBACK (area_toggled_cb), self);

      self->area_rows[a] = ADW_EXPANDER_ROW (row);
      self->area_checks[a] = GTK_CHECK_BUTTON (check);
      gtk_list_box_append (self->areas_list, row);
    }

  for (guint i = 0; i < n_aspects; i++)
    {
      GtkWidget *row;
      GtkCheckButton *check = check_row (&row, _(aspects[i].name), NULL);
      guint area = area_index (self, aspects[i].area);

      g_assert (area != G_MAXUINT);
      g_object_set_data (G_OBJECT (check), "tandem-index", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (aspect_toggled_cb), self);
      self->aspect_checks[i] = check;
      adw_expander_row_add_row (self->area_rows[area], row);
    }

  for (guint i = 0; i < n_characteristics; i++)
    {
      GtkWidget *row;
      GtkCheckButton *check = check_row (&row, _(characteristics[i].name), NULL);

      g_signal_connect (check, "toggled", G_CALLBACK (characteristic_toggled_cb), self);
      self->characteristic_checks[i] = check;
      gtk_list_box_append (self->characteristics_list, row);
    }
}

static void
tandem_area_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TANDEM_TYPE_AREA_PICKER);

  G_OBJECT_CLASS (tandem_area_picker_parent_class)->dispose (object);
}

static void
tandem_area_picker_class_init (TandemAreaPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_area_picker_dispose;

  /**
   * TandemAreaPicker::changed:
   * @self: the picker
   *
   * Emitted when an area, aspect or characteristic is ticked or unticked by
   * the person using it (not by the setters).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-area-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemAreaPicker, summary_box);
  gtk_widget_class_bind_template_child (widget_class, TandemAreaPicker, summary_empty);
  gtk_widget_class_bind_template_child (widget_class, TandemAreaPicker, areas_list);
  gtk_widget_class_bind_template_child (widget_class, TandemAreaPicker, characteristics_list);
}

static void
tandem_area_picker_init (TandemAreaPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
  update_summary (self);
}

/**
 * tandem_area_picker_new:
 *
 * Returns: (transfer floating): a picker with nothing chosen
 */
GtkWidget *
tandem_area_picker_new (void)
{
  return g_object_new (TANDEM_TYPE_AREA_PICKER, NULL);
}

/**
 * tandem_area_picker_get_areas:
 * @self: a picker
 *
 * Returns: (transfer full) (nullable): the chosen aspects and areas as the
 *   comma-separated codes an observation stores, in the framework's order
 *   (an area's own code only when none of its aspects is chosen), or %NULL
 *   when nothing is chosen
 */
char *
tandem_area_picker_get_areas (TandemAreaPicker *self)
{
  const TandemEyfsArea *areas = self->areas;
  const TandemEyfsAspect *aspects = self->aspects;
  g_autoptr(GString) codes = g_string_new (NULL);

  g_return_val_if_fail (TANDEM_IS_AREA_PICKER (self), NULL);

  for (guint a = 0; a < self->n_areas; a++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->n_aspects; i++)
        if (g_str_equal (aspects[i].area, areas[a].code) &&
            gtk_check_button_get_active (self->aspect_checks[i]))
          {
            g_string_append_printf (codes, "%s%s", codes->len > 0 ? "," : "", aspects[i].code);
            any = TRUE;
          }

      if (!any && gtk_check_button_get_active (self->area_checks[a]))
        g_string_append_printf (codes, "%s%s", codes->len > 0 ? "," : "", areas[a].code);
    }

  if (codes->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static gboolean
code_listed (char       **codes,
             const char  *code)
{
  return codes != NULL && g_strv_contains ((const char * const *) codes, code);
}

/**
 * tandem_area_picker_set_areas:
 * @self: a picker
 * @codes: (nullable): comma-separated area and aspect codes; unknown codes
 *   are ignored
 *
 * Shows @codes as chosen, and nothing else. Does not emit
 * #TandemAreaPicker::changed.
 */
void
tandem_area_picker_set_areas (TandemAreaPicker *self,
                              const char       *codes)
{
  const TandemEyfsArea *areas = self->areas;
  const TandemEyfsAspect *aspects = self->aspects;
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (TANDEM_IS_AREA_PICKER (self));

  if (codes != NULL)
    parts = g_strsplit (codes, ",", -1);

  self->updating = TRUE;
  for (guint a = 0; a < self->n_areas; a++)
    {
      gboolean own = code_listed (parts, areas[a].code);
      gboolean any = FALSE;

      for (guint i = 0; i < self->n_aspects; i++)
        if (g_str_equal (aspects[i].area, areas[a].code))
          {
            gboolean on = code_listed (parts, aspects[i].code);

            gtk_check_button_set_active (self->aspect_checks[i], on);
            any |= on;
          }

      gtk_check_button_set_active (self->area_checks[a], own || any);
      self->implicit[a] = any && !own;
      /* What was chosen is in view when the editor opens. */
      adw_expander_row_set_expanded (self->area_rows[a], any);
    }
  self->updating = FALSE;

  update_summary (self);
}

/**
 * tandem_area_picker_get_characteristics:
 * @self: a picker
 *
 * Returns: (transfer full) (nullable): the chosen characteristics of
 *   effective learning as comma-separated codes, or %NULL for none
 */
char *
tandem_area_picker_get_characteristics (TandemAreaPicker *self)
{
  const TandemCharacteristic *characteristics = self->characteristics;
  g_autoptr(GString) codes = g_string_new (NULL);

  g_return_val_if_fail (TANDEM_IS_AREA_PICKER (self), NULL);

  for (guint i = 0; i < self->n_characteristics; i++)
    if (gtk_check_button_get_active (self->characteristic_checks[i]))
      g_string_append_printf (codes, "%s%s", codes->len > 0 ? "," : "",
                              characteristics[i].code);

  if (codes->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/**
 * tandem_area_picker_set_characteristics:
 * @self: a picker
 * @codes: (nullable): comma-separated characteristic codes
 *
 * Shows @codes as chosen, and nothing else. Does not emit
 * #TandemAreaPicker::changed.
 */
void
tandem_area_picker_set_characteristics (TandemAreaPicker *self,
                                        const char       *codes)
{
  const TandemCharacteristic *characteristics = self->characteristics;
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (TANDEM_IS_AREA_PICKER (self));

  if (codes != NULL)
    parts = g_strsplit (codes, ",", -1);

  self->updating = TRUE;
  for (guint i = 0; i < self->n_characteristics; i++)
    gtk_check_button_set_active (self->characteristic_checks[i],
                                 code_listed (parts, characteristics[i].code));
  self->updating = FALSE;

  update_summary (self);
}
