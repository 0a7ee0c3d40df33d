/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-journal.h"
#include "tandem-strength-picker.h"

/* How far back the picker offers: a meeting looks at the recent months,
 * and a list of two thousand moments would help nobody choose. */
#define MAX_OFFERED 120

struct _TandemStrengthPicker
{
  AdwWindow  parent_instance;

  GtkWidget *list;
  GtkWidget *stack;
  GtkWidget *empty;
  GPtrArray *checks;
};

G_DEFINE_FINAL_TYPE (TandemStrengthPicker, tandem_strength_picker, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
done_cb (TandemStrengthPicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "tandem-id"));
    }

  ids = g_strv_builder_end (builder);
  g_signal_emit (self, signals[CHOSEN], 0, ids);
  gtk_window_destroy (GTK_WINDOW (self));
}

static char *
excerpt (const char *text)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");

  g_strdelimit (flat, "\n\r\t", ' ');
  if (g_utf8_strlen (flat, -1) <= 90)
    return g_steal_pointer (&flat);

  /* Translators: a shortened text, e.g. "Built a tall tower…". */
  return g_strdup_printf (_("%s…"), g_utf8_substring (flat, 0, 88));
}

/* One observation as a row with a tick box. @internal adds that it is not
 * shared with the family, for the evidence list, which offers both. */
static gboolean
add_row (TandemStrengthPicker *self,
         TandemStore          *store,
         const char           *id,
         gboolean              selected,
         gboolean              mark_internal)
{
  g_autoptr(TandemRecord) observation = tandem_store_load (store, TANDEM_TYPE_OBSERVATION,
                                                           id, NULL);
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *dated = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  GtkWidget *row, *check;

  if (observation == NULL)
    return FALSE;

  title = excerpt (tandem_record_get_text (observation, "text"));
  date = tandem_date_format_long (tandem_record_get_text (observation, "observed_on"));
  if (mark_internal && !tandem_record_get_bool (observation, "shared"))
    /* Translators: under an observation offered as evidence: its date, and
     * that the family has not been shown it. */
    dated = g_strdup_printf (_("%s · Not shared with the family"), date);
  else
    dated = g_strdup (date);
  photos = tandem_journal_get_photos (store, id, NULL);
  if (photos != NULL && photos->len > 0)
    {
      /* Translators: under an observation: its date, then how many photos. */
      subtitle = g_strdup_printf (ngettext ("%s · %u photo", "%s · %u photos", photos->len),
                                  dated, photos->len);
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : dated);
  if (photos != NULL && photos->len > 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("camera-photo-symbolic"));
  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  tandem_a11y_set_label (check, title);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);
  g_object_set_data_full (G_OBJECT (check), "tandem-id", g_strdup (id), g_free);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
  g_ptr_array_add (self->checks, check);
  return TRUE;
}

static void
fill (TandemStrengthPicker *self,
      TandemStore          *store,
      const char           *child_id,
      const char           *since,
      gboolean              evidence,
      const char * const   *selected)
{
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  /* Strengths go to the family, so only what they have seen; evidence is
   * for the plan, and an observation kept internal counts as much. */
  filter.shared = evidence ? -1 : 1;
  filter.from = since;
  ids = tandem_journal_list_ids (store, child_id, &filter, &error);
  if (ids == NULL)
    g_warning ("Cannot list the journal: %s", error->message);

  for (guint i = 0; ids != NULL && i < ids->len && n < MAX_OFFERED; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (add_row (self, store, id, selected != NULL && g_strv_contains (selected, id), evidence))
        n++;
    }

  /* Evidence already linked stays on offer even when it is older than the
   * plan or beyond the most recent ones, or Done would drop it unseen. */
  for (guint i = 0; evidence && selected != NULL && selected[i] != NULL; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < self->checks->len && !listed; j++)
        listed = g_strcmp0 (g_object_get_data (g_ptr_array_index (self->checks, j), "tandem-id"),
                            selected[i]) == 0;
      if (!listed)
        add_row (self, store, selected[i], TRUE, TRUE);
    }
}

static void
tandem_strength_picker_finalize (GObject *object)
{
  TandemStrengthPicker *self = TANDEM_STRENGTH_PICKER (object);

  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (tandem_strength_picker_parent_class)->finalize (object);
}

static void
tandem_strength_picker_class_init (TandemStrengthPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tandem_strength_picker_finalize;

  /**
   * TandemStrengthPicker::chosen:
   * @ids: (array zero-terminated=1): the observations picked
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_strength_picker_init (TandemStrengthPicker *self)
{
  GtkWidget *box, *header, *cancel, *done, *scrolled, *clamp, *empty;

  self->checks = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Strengths to Share"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 620);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  done = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_add_css_class (done, "suggested-action");
  g_signal_connect_swapped (done, "clicked", G_CALLBACK (done_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  gtk_box_append (GTK_BOX (box), header);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  tandem_a11y_set_label (self->list, _("Shared observations"));
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->list);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-edit-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing Shared Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Observations shared with the family can be picked here."));

  self->empty = empty;
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_box_append (GTK_BOX (box), self->stack);

  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * tandem_strength_picker_new:
 * @parent: (nullable): the window it is for
 * @store: the database
 * @child_id: whose journal to pick from
 * @selected: (nullable) (array zero-terminated=1): observations ticked at first
 *
 * Returns: (transfer none): a new picker of the child's observations shared
 *   with the family
 */
GtkWindow *
tandem_strength_picker_new (GtkWindow          *parent,
                            TandemStore        *store,
                            const char         *child_id,
                            const char * const *selected)
{
  TandemStrengthPicker *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_STRENGTH_PICKER, "transient-for", parent, NULL);
  fill (self, store, child_id, NULL, FALSE, selected);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    self->checks->len > 0 ? "list" : "empty");
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  return GTK_WINDOW (self);
}

/**
 * tandem_strength_picker_new_for_evidence:
 * @parent: (nullable): the window it is for
 * @store: the database
 * @child_id: whose journal to pick from
 * @since: (nullable): ISO date: only observations on or after it (the plan's
 *   start) are offered, besides those in @selected
 * @selected: (nullable) (array zero-terminated=1): observations ticked at
 *   first: the evidence already linked
 *
 * Picks observations of a child as evidence for a support plan outcome:
 * shared with the family or not, since the plan started. Emits "chosen" as
 * tandem_strength_picker_new() does.
 *
 * Returns: (transfer none): a new picker
 */
GtkWindow *
tandem_strength_picker_new_for_evidence (GtkWindow          *parent,
                                         TandemStore        *store,
                                         const char         *child_id,
                                         const char         *since,
                                         const char * const *selected)
{
  TandemStrengthPicker *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (child_id != NULL, NULL);

  self = g_object_new (TANDEM_TYPE_STRENGTH_PICKER, "transient-for", parent, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Link Evidence"));
  tandem_a11y_set_label (self->list, _("Observations"));
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Observations Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("Observations of the child since the plan started can be "
                                     "linked here."));
  fill (self, store, child_id, since, TRUE, selected);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    self->checks->len > 0 ? "list" : "empty");
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  return GTK_WINDOW (self);
}
