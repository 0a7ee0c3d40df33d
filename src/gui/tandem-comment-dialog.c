/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-comment-dialog.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"
#include "tandem-journal.h"
#include "tandem-records.h"

/* Adds one comment to the thread under an observation: what a carer said
 * at pick-up or wrote on a returned slip, or a practitioner's reply. The
 * family's response is recorded in their name, beside the observation. */

/* How a comment typed in here reached the setting; "family_mode" and
 * "sync" are set by those features, not chosen. */
static const char * const manual_vias[] = { "conversation", "slip", "other" };

struct _TandemCommentDialog
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkLabel          *observation_label;
  AdwComboRow       *who_row;
  AdwComboRow       *via_row;
  AdwEntryRow       *date_row;
  GtkTextView       *text_view;

  TandemStore       *store;
  TandemObservation *observation;
  /* "carer:ID" or "keyworker:ID" behind each entry of the "From" row; NULL
   * for the "choose" entry. */
  GPtrArray         *who;
};

G_DEFINE_FINAL_TYPE (TandemCommentDialog, tandem_comment_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_who (TandemCommentDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->who_row);

  return selected < self->who->len ? g_ptr_array_index (self->who, selected) : NULL;
}

static void
who_changed_cb (TandemCommentDialog *self)
{
  const char *who = selected_who (self);

  /* How a practitioner's own reply reached the setting is no question. */
  gtk_widget_set_visible (GTK_WIDGET (self->via_row),
                          who == NULL || g_str_has_prefix (who, "carer:"));
}

static void
add_who (TandemCommentDialog *self,
         GtkStringList       *model,
         const char          *label,
         const char          *kind,
         const char          *id)
{
  gtk_string_list_append (model, label);
  g_ptr_array_add (self->who, id != NULL ? g_strconcat (kind, ":", id, NULL) : NULL);
}

/* The carers of every child the observation is about, the journal's child
 * first, then the practitioners. */
static void
fill_who (TandemCommentDialog *self,
          const char          *child_id)
{
  const char *observation_id = tandem_record_get_id (TANDEM_RECORD (self->observation));
  g_auto(GStrv) child_ids = tandem_journal_get_child_ids (self->store, observation_id, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) keyworkers = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n_first_carers = 0;
  gboolean several_children;

  if (child_id != NULL)
    g_ptr_array_add (order, (gpointer) child_id);
  for (guint i = 0; child_ids != NULL && child_ids[i] != NULL; i++)
    if (g_strcmp0 (child_ids[i], child_id) != 0)
      g_ptr_array_add (order, child_ids[i]);
  several_children = order->len > 1;

  /* A placeholder first, so that a comment is never saved in the wrong
   * person's name by leaving the first one chosen. */
  add_who (self, model, _("Choose who made the comment"), NULL, NULL);

  for (guint c = 0; c < order->len; c++)
    {
      const char *params[] = { g_ptr_array_index (order, c), NULL };
      g_autoptr(GPtrArray) carers = tandem_store_list (self->store, TANDEM_TYPE_CARER,
                                                       "child_id = ?1", params, NULL);
      g_autoptr(TandemChild) child = NULL;

      if (carers == NULL)
        continue;
      if (several_children)
        child = tandem_store_load (self->store, TANDEM_TYPE_CHILD, params[0], NULL);

      for (guint i = 0; i < carers->len; i++)
        {
          TandemRecord *carer = g_ptr_array_index (carers, i);
          const char *relationship = tandem_record_get_text (carer, "relationship");
          const char *name = tandem_carer_get_name (TANDEM_CARER (carer));
          g_autofree char *label = NULL;

          if (child != NULL && relationship != NULL)
            /* Translators: who made a comment; %1$s is a carer, %2$s e.g. "Mother",
             * %3$s the child. */
            label = g_strdup_printf (_("%1$s (%2$s of %3$s)"), name, relationship,
                                     tandem_child_get_display_name (child));
          else if (relationship != NULL)
            /* Translators: who made a comment; %1$s is a carer, %2$s e.g. "Mother". */
            label = g_strdup_printf (_("%1$s (%2$s)"), name, relationship);
          else
            label = g_strdup (name);
          add_who (self, model, label, "carer", tandem_record_get_id (carer));
          if (c == 0)
            n_first_carers++;
        }
    }

  keyworkers = tandem_store_list (self->store, TANDEM_TYPE_KEYWORKER, NULL, NULL, NULL);
  for (guint i = 0; keyworkers != NULL && i < keyworkers->len; i++)
    {
      TandemRecord *keyworker = g_ptr_array_index (keyworkers, i);
      g_autofree char *label = NULL;

      /* Translators: who made a comment; %s is a practitioner's name. */
      label = g_strdup_printf (_("%s (practitioner)"), tandem_record_get_text (keyworker, "name"));
      add_who (self, model, label, "keyworker", tandem_record_get_id (keyworker));
    }

  adw_combo_row_set_model (self->who_row, G_LIST_MODEL (model));
  /* With one carer there is nobody else it is likely to be. */
  adw_combo_row_set_selected (self->who_row, n_first_carers == 1 ? 1 : 0);
  who_changed_cb (self);
}

static TandemRecord *
build_record (TandemCommentDialog *self,
              gboolean             report)
{
  const char *observation_id = tandem_record_get_id (TANDEM_RECORD (self->observation));
  g_autoptr(TandemRecord) record = NULL;
  g_autofree char *text = tandem_editor_get_notes (self->text_view);
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;
  g_autofree char *today = tandem_date_today ();
  const char *who = selected_who (self);
  guint via = adw_combo_row_get_selected (self->via_row);

  if (!tandem_editor_get_date (self->date_row, today, &date, report ? &message : NULL))
    {
      if (report)
        tandem_editor_show_error (self->error_revealer, self->error_label, message,
                                  GTK_WIDGET (self->date_row));
      return NULL;
    }

  record = TANDEM_RECORD (tandem_comment_new (observation_id, text));
  tandem_record_set_text (record, "commented_on", date);
  if (who != NULL && g_str_has_prefix (who, "carer:"))
    {
      tandem_record_set_text (record, "carer_id", who + strlen ("carer:"));
      tandem_record_set_text (record, "via", via < G_N_ELEMENTS (manual_vias)
                                             ? manual_vias[via] : NULL);
    }
  else if (who != NULL)
    tandem_record_set_text (record, "author_id", who + strlen ("keyworker:"));

  return g_steal_pointer (&record);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  TandemCommentDialog *self = TANDEM_COMMENT_DIALOG (widget);
  g_autoptr(TandemRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  tandem_editor_clear_errors (GTK_WIDGET (self), self->error_revealer);
  record = build_record (self, TRUE);
  if (record == NULL)
    return;

  if (selected_who (self) == NULL)
    {
      tandem_editor_show_error (self->error_revealer, self->error_label,
                                _("Choose who made the comment: a family member or a "
                                  "practitioner."), GTK_WIDGET (self->who_row));
      return;
    }

  if (tandem_record_get_text (record, "text") == NULL)
    {
      tandem_editor_show_error (self->error_revealer, self->error_label,
                                _("Write the comment before saving it."), NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return;
    }

  if (!tandem_store_save (self->store, record, &error))
    {
      tandem_editor_show_error (self->error_revealer, self->error_label, error->message, NULL);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, record);
  tandem_editor_close_saved (GTK_WINDOW (self));
}

static gboolean
has_changes (GtkWindow *window)
{
  TandemCommentDialog *self = TANDEM_COMMENT_DIALOG (window);
  g_autofree char *text = tandem_editor_get_notes (self->text_view);

  /* The comment is what would be lost; who and when take a moment. */
  return text != NULL;
}

static void
tandem_comment_dialog_dispose (GObject *object)
{
  TandemCommentDialog *self = TANDEM_COMMENT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->observation);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_COMMENT_DIALOG);

  G_OBJECT_CLASS (tandem_comment_dialog_parent_class)->dispose (object);
}

static void
tandem_comment_dialog_finalize (GObject *object)
{
  TandemCommentDialog *self = TANDEM_COMMENT_DIALOG (object);

  g_ptr_array_unref (self->who);

  G_OBJECT_CLASS (tandem_comment_dialog_parent_class)->finalize (object);
}

static void
tandem_comment_dialog_class_init (TandemCommentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_comment_dialog_dispose;
  object_class->finalize = tandem_comment_dialog_finalize;

  /**
   * TandemCommentDialog::saved:
   * @self: the dialog
   * @comment: the comment as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, TANDEM_TYPE_COMMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-comment-dialog.ui");
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);

  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, observation_label);
  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, who_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, via_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TandemCommentDialog, text_view);
  gtk_widget_class_bind_template_callback (widget_class, who_changed_cb);
}

static void
tandem_comment_dialog_init (TandemCommentDialog *self)
{
  g_autoptr(GtkStringList) vias = gtk_string_list_new (NULL);

  self->who = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_editor_guard_close (GTK_WINDOW (self), has_changes);
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  tandem_editor_add_date_hint (self->date_row);

  for (guint i = 0; i < G_N_ELEMENTS (manual_vias); i++)
    gtk_string_list_append (vias, tandem_comment_via_label (manual_vias[i]));
  adw_combo_row_set_model (self->via_row, G_LIST_MODEL (vias));
}

/**
 * tandem_comment_dialog_new:
 * @parent: (nullable): the window to be modal to
 * @store: the store to save to
 * @observation: the observation commented on
 * @child_id: (nullable): the child whose journal it was opened from: their
 *   carers are listed first
 *
 * Returns: (transfer full): the dialog, for the caller to present
 */
GtkWindow *
tandem_comment_dialog_new (GtkWindow         *parent,
                           TandemStore       *store,
                           TandemObservation *observation,
                           const char        *child_id)
{
  TandemCommentDialog *self;
  g_autofree char *today = tandem_date_today ();
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_OBSERVATION (observation), NULL);

  self = g_object_new (TANDEM_TYPE_COMMENT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->observation = g_object_ref (observation);

  date = tandem_date_format_long (tandem_record_get_text (TANDEM_RECORD (observation),
                                                          "observed_on"));
  /* Translators: under "Add Comment"; %s is the date of the observation. */
  subtitle = g_strdup_printf (_("On the observation of %s"), date);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), _("Add Comment"));
  gtk_label_set_label (self->observation_label,
                       tandem_record_get_text (TANDEM_RECORD (observation), "text"));

  tandem_editor_set_entry (self->date_row, today);
  fill_who (self, child_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));

  return GTK_WINDOW (self);
}
