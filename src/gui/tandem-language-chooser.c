/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-language-chooser.h"
#include "tandem-languages.h"

struct _TandemLanguageChooser
{
  AdwWindow       parent_instance;

  GtkButton      *done_button;
  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkLabel       *placeholder;

  gboolean        multiple;
  /* The chosen tags in the order they were chosen: for a child's home
   * languages the first is the main one. */
  GPtrArray      *chosen;
  /* What was chosen when the window opened, shown first. */
  GStrv           initial;
};

G_DEFINE_FINAL_TYPE (TandemLanguageChooser, tandem_language_chooser, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MULTIPLE,
  PROP_SELECTED,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
row_get_tag (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "tandem-tag");
}

static gboolean
is_chosen (TandemLanguageChooser *self,
           const char            *tag)
{
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->chosen, i), tag) == 0)
      return TRUE;
  return FALSE;
}

static void
set_chosen (TandemLanguageChooser *self,
            const char            *tag,
            gboolean               chosen)
{
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->chosen, i), tag) == 0)
      {
        if (!chosen)
          g_ptr_array_remove_index (self->chosen, i);
        return;
      }

  if (chosen)
    g_ptr_array_add (self->chosen, g_strdup (tag));
}

static char **
dup_chosen (TandemLanguageChooser *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->chosen->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->chosen, i));
  return g_strv_builder_end (builder);
}

static void
check_toggled_cb (GtkCheckButton        *check,
                  TandemLanguageChooser *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);

  set_chosen (self, row_get_tag (GTK_LIST_BOX_ROW (row)), gtk_check_button_get_active (check));
}

static gboolean
can_draw (GtkWidget     *widget,
          const char    *text,
          PangoAttrList *attrs)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_set_attributes (layout, attrs);
  return pango_layout_get_unknown_glyphs_count (layout) == 0;
}

static GtkWidget *
create_row (TandemLanguageChooser *self,
            const char            *tag,
            const TandemLanguage  *language)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *accessible = NULL;
  GtkWidget *row, *box, *labels, *native, *name;
  const char *english;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "tandem-tag", g_strdup (tag), g_free);
  g_object_set_data (G_OBJECT (row), "tandem-language", (gpointer) language);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);

  /* The language attribute lets fontconfig pick the right face: Nastaliq
   * for Urdu, the simplified or traditional forms of Chinese characters. */
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string (tag)));
  pango_attr_list_insert (attrs, pango_attr_scale_new (1.2));

  native = gtk_label_new (language != NULL ? language->native_name : tag);
  gtk_label_set_attributes (GTK_LABEL (native), attrs);
  gtk_label_set_xalign (GTK_LABEL (native), 0.0);
  gtk_label_set_wrap (GTK_LABEL (native), TRUE);
  gtk_box_append (GTK_BOX (labels), native);

  if (language != NULL)
    english = _(language->name);
  else
    /* Translators: shown for a language code (e.g. from an imported file)
     * that Tandem has no name for. */
    english = _("Unrecognised language code");

  /* A name no installed font can draw would be a row of boxes; the name in
   * the user's language is shown instead, with the reason. */
  if (language != NULL && !can_draw (native, language->native_name, attrs))
    {
      g_autoptr(PangoAttrList) scale = pango_attr_list_new ();

      pango_attr_list_insert (scale, pango_attr_scale_new (1.2));
      gtk_label_set_text (GTK_LABEL (native), english);
      gtk_label_set_attributes (GTK_LABEL (native), scale);
      english = _("No font for its script is installed on this computer");
    }

  /* The English (or translated) name is left out when it says the same as
   * the language's own name, as for English itself. */
  if (language == NULL || g_strcmp0 (english, language->native_name) != 0)
    {
      name = gtk_label_new (english);
      gtk_label_set_xalign (GTK_LABEL (name), 0.0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_box_append (GTK_BOX (labels), name);
    }

  accessible = tandem_language_label (tag);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (self->multiple)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_chosen (self, tag));
      tandem_a11y_set_label (check, accessible);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      g_object_set_data (G_OBJECT (row), "tandem-check", check);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), labels);
    }
  else
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_box_append (GTK_BOX (box), labels);
      gtk_widget_set_visible (mark, is_chosen (self, tag));
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Current choice"),
                                      -1);
      gtk_box_append (GTK_BOX (box), mark);
    }

  return row;
}

static gboolean
initially_chosen (TandemLanguageChooser *self,
                  const char            *tag)
{
  for (guint i = 0; self->initial != NULL && self->initial[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->initial[i], tag) == 0)
      return TRUE;
  return FALSE;
}

/* What was already chosen comes first, so it can be seen and unticked
 * without scrolling; everything else keeps the table's order. Only the
 * choice at opening counts, so ticking a box does not make rows jump. */
static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  TandemLanguageChooser *self = user_data;
  gboolean chosen_a = initially_chosen (self, row_get_tag (a));
  gboolean chosen_b = initially_chosen (self, row_get_tag (b));

  if (chosen_a != chosen_b)
    return chosen_a ? -1 : 1;

  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), "tandem-index")) -
         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "tandem-index"));
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  TandemLanguageChooser *self = user_data;
  const TandemLanguage *language = g_object_get_data (G_OBJECT (row), "tandem-language");
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (language == NULL)
    return search[0] == '\0' || g_strstr_len (row_get_tag (row), -1, search) != NULL;
  return tandem_language_match (language, search);
}

static void
populate (TandemLanguageChooser *self)
{
  const TandemLanguage *languages;
  guint n, index = 0;

  /* Tags already chosen that Tandem has no name for (from an import) are
   * listed too, or finishing the chooser would silently drop them. */
  for (guint i = 0; self->initial != NULL && self->initial[i] != NULL; i++)
    if (tandem_language_find (self->initial[i]) == NULL ||
        g_ascii_strcasecmp (tandem_language_find (self->initial[i])->tag,
                            self->initial[i]) != 0)
      {
        GtkWidget *row = create_row (self, self->initial[i],
                                     tandem_language_find (self->initial[i]));

        g_object_set_data (G_OBJECT (row), "tandem-index", GINT_TO_POINTER (index++));
        gtk_list_box_append (self->list_box, row);
      }

  languages = tandem_languages (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = create_row (self, languages[i].tag, &languages[i]);

      g_object_set_data (G_OBJECT (row), "tandem-index", GINT_TO_POINTER (index++));
      gtk_list_box_append (self->list_box, row);
    }

  gtk_list_box_set_sort_func (self->list_box, sort_rows, self, NULL);
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
}

static void
finish (TandemLanguageChooser *self)
{
  g_auto(GStrv) tags = dup_chosen (self);

  g_signal_emit (self, signals[CHOSEN], 0, tags);
  gtk_window_close (GTK_WINDOW (self));
}

static void
choose_row (TandemLanguageChooser *self,
            GtkListBoxRow         *row)
{
  if (self->multiple)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "tandem-check");

      gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
      return;
    }

  g_ptr_array_set_size (self->chosen, 0);
  g_ptr_array_add (self->chosen, g_strdup (row_get_tag (row)));
  finish (self);
}

static void
row_activated_cb (TandemLanguageChooser *self,
                  GtkListBoxRow         *row)
{
  choose_row (self, row);
}

static void
search_changed_cb (TandemLanguageChooser *self)
{
  g_autofree char *text = NULL;

  /* Translators: %s is what was typed in the search box. */
  text = g_strdup_printf (_("No language matches “%s”. Try its name in English or in the "
                            "language itself."),
                          gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_label_set_text (self->placeholder, text);
  gtk_list_box_invalidate_filter (self->list_box);
}

static GtkListBoxRow *
first_visible_row (TandemLanguageChooser *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

/* Enter in the search box takes the first match, so "cym" Enter is enough. */
static void
search_activate_cb (TandemLanguageChooser *self)
{
  GtkListBoxRow *row = first_visible_row (self);

  if (row != NULL)
    choose_row (self, row);
}

static void
stop_search_cb (TandemLanguageChooser *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
done_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  finish (TANDEM_LANGUAGE_CHOOSER (widget));
}

static void
tandem_language_chooser_constructed (GObject *object)
{
  TandemLanguageChooser *self = TANDEM_LANGUAGE_CHOOSER (object);

  G_OBJECT_CLASS (tandem_language_chooser_parent_class)->constructed (object);

  for (guint i = 0; self->initial != NULL && self->initial[i] != NULL; i++)
    if (self->initial[i][0] != '\0')
      set_chosen (self, self->initial[i], TRUE);

  gtk_window_set_title (GTK_WINDOW (self),
                        self->multiple ? _("Choose Languages") : _("Choose Language"));
  /* In single mode a click chooses; there is nothing to confirm. */
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), self->multiple);

  populate (self);
}

static void
tandem_language_chooser_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TandemLanguageChooser *self = TANDEM_LANGUAGE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_MULTIPLE:
      g_value_set_boolean (value, self->multiple);
      break;
    case PROP_SELECTED:
      g_value_take_boxed (value, dup_chosen (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_language_chooser_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TandemLanguageChooser *self = TANDEM_LANGUAGE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_MULTIPLE:
      self->multiple = g_value_get_boolean (value);
      break;
    case PROP_SELECTED:
      g_strfreev (self->initial);
      self->initial = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_language_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TANDEM_TYPE_LANGUAGE_CHOOSER);

  G_OBJECT_CLASS (tandem_language_chooser_parent_class)->dispose (object);
}

static void
tandem_language_chooser_finalize (GObject *object)
{
  TandemLanguageChooser *self = TANDEM_LANGUAGE_CHOOSER (object);

  g_ptr_array_unref (self->chosen);
  g_strfreev (self->initial);

  G_OBJECT_CLASS (tandem_language_chooser_parent_class)->finalize (object);
}

static void
tandem_language_chooser_class_init (TandemLanguageChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_language_chooser_constructed;
  object_class->get_property = tandem_language_chooser_get_property;
  object_class->set_property = tandem_language_chooser_set_property;
  object_class->dispose = tandem_language_chooser_dispose;
  object_class->finalize = tandem_language_chooser_finalize;

  properties[PROP_MULTIPLE] =
    g_param_spec_boolean ("multiple", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boxed ("selected", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemLanguageChooser::chosen:
   * @self: the chooser
   * @tags: the chosen BCP-47 tags, in the order they were chosen; one in
   *   single mode, possibly none in multiple mode
   *
   * Emitted when the person has chosen, just before the window closes. Not
   * emitted when they cancel.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-language-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemLanguageChooser, done_button);
  gtk_widget_class_bind_template_child (widget_class, TandemLanguageChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemLanguageChooser, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "chooser.done", NULL, done_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_language_chooser_init (TandemLanguageChooser *self)
{
  self->chosen = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_a11y_tidy_names (GTK_WIDGET (self));

  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->placeholder, TRUE);
  gtk_label_set_justify (self->placeholder, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->placeholder), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->placeholder), 12);
  gtk_list_box_set_placeholder (self->list_box, GTK_WIDGET (self->placeholder));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/**
 * tandem_language_chooser_new:
 * @parent: (nullable): the window to be modal to
 * @multiple: whether several languages can be chosen
 * @selected: (nullable) (array zero-terminated=1): the tags chosen so far
 *
 * Creates a searchable list of languages, each shown by its own name with
 * its name in the user's language beneath. Connect to
 * #TandemLanguageChooser::chosen and present the window.
 *
 * Returns: (transfer full): the chooser window
 */
GtkWindow *
tandem_language_chooser_new (GtkWindow          *parent,
                             gboolean            multiple,
                             const char * const *selected)
{
  return g_object_new (TANDEM_TYPE_LANGUAGE_CHOOSER,
                       "transient-for", parent,
                       "multiple", multiple,
                       "selected", selected,
                       NULL);
}

/**
 * tandem_language_chooser_get_multiple:
 * @self: a chooser
 *
 * Returns: whether several languages can be chosen
 */
gboolean
tandem_language_chooser_get_multiple (TandemLanguageChooser *self)
{
  g_return_val_if_fail (TANDEM_IS_LANGUAGE_CHOOSER (self), FALSE);

  return self->multiple;
}

/**
 * tandem_language_chooser_dup_selected:
 * @self: a chooser
 *
 * Returns: (transfer full): the tags ticked so far, in the order they were ticked
 */
char **
tandem_language_chooser_dup_selected (TandemLanguageChooser *self)
{
  g_return_val_if_fail (TANDEM_IS_LANGUAGE_CHOOSER (self), NULL);

  return dup_chosen (self);
}
