/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-application.h"
#include "tandem-child-editor.h"
#include "tandem-family-mode.h"
#include "tandem-family-pin.h"
#include "tandem-import-dialog.h"
#include "tandem-observation-card.h"
#include "tandem-pack-batch-dialog.h"
#include "tandem-pack-dialog.h"
#include "tandem-window-private.h"

static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  GtkWindow *editor = tandem_child_editor_new (GTK_WINDOW (self), self->store, NULL);

  /* Once saved, the new child is selected and shown. */
  self->select_new_child = TRUE;
  gtk_window_present (editor);
}

static void
imported_cb (GtkWindow    *dialog,
             guint         n_children,
             TandemWindow *self)
{
  g_autofree char *message = NULL;

  /* Translators: shown after a roster import; %u is how many children. */
  message = g_strdup_printf (ngettext ("%u child imported", "%u children imported", n_children),
                             n_children);
  tandem_window_add_toast (self, message);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    TandemWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWindow *import_dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL)
    return;

  /* The preview lists what will be created, or each row's problem, before
   * anything is written. */
  import_dialog = tandem_import_dialog_new (GTK_WINDOW (self), self->store, file);
  g_signal_connect_object (import_dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (import_dialog);
}

static void
import_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  /* Translators: the title of the file chooser for a CSV roster. */
  chooser = gtk_file_chooser_native_new (_("Import Roster"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (csv, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
explore_sample_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *program = NULL;

  if (TANDEM_IS_APPLICATION (app))
    program = tandem_application_get_program (TANDEM_APPLICATION (app));
  if (program == NULL)
    program = g_get_prgname ();

  /* A process of its own, with its own database, so that trying things out
   * in the sample setting can never touch the user's records. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, "--demo", NULL);
  if (process == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason from the system. */
      message = g_strdup_printf (_("The sample setting could not be opened: %s"),
                                 error->message);
      tandem_window_add_toast (self, message);
    }
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (tandem_window_is_empty (self))
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (tandem_window_is_empty (self))
    return;

  _tandem_window_show_search (self, TRUE);
}

static void
new_observation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  const char *child_id = NULL;

  if (tandem_window_is_empty (self))
    return;

  /* About the child shown; the editor lets the keyworker add others. */
  if (self->child != NULL)
    child_id = tandem_record_get_id (TANDEM_RECORD (self->child));
  tandem_observation_card_open_editor (widget, self->store, NULL, child_id);
}

static void
parent_pack_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  if (self->child == NULL)
    return;

  gtk_window_present (tandem_pack_dialog_new (GTK_WINDOW (self), self->store, self->child));
}

/* Entering family mode: choose the carer, make sure a PIN is set, then
 * hand over. The main window is hidden meanwhile, so that nothing in it can
 * be reached. */
typedef struct {
  TandemWindow *window;
  TandemChild  *child;
  TandemCarer  *carer;
  GPtrArray    *carers;
} FamilyStart;

static void
family_start_free (FamilyStart *start)
{
  g_clear_object (&start->window);
  g_clear_object (&start->child);
  g_clear_object (&start->carer);
  g_clear_pointer (&start->carers, g_ptr_array_unref);
  g_free (start);
}

/* Starting Tandem again presents the main window: while family mode is on,
 * it goes straight back into hiding and family mode is shown instead. */
static void
main_window_visible_cb (TandemWindow     *self,
                        GParamSpec       *pspec,
                        TandemFamilyMode *family)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_window_present (GTK_WINDOW (family));
}

static void
family_mode_finished_cb (TandemFamilyMode *family,
                         TandemWindow     *self)
{
  g_signal_handlers_disconnect_by_func (self, main_window_visible_cb, family);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_window_present (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
family_mode_enter (FamilyStart *start)
{
  TandemWindow *self = start->window;
  TandemFamilyMode *family = tandem_family_mode_new (self->store, start->child, start->carer,
                                                     NULL);

  g_signal_connect (family, "finished", G_CALLBACK (family_mode_finished_cb),
                    g_object_ref (self));
  tandem_store_audit (self->store, "family-mode", tandem_record_get_id (TANDEM_RECORD (start->child)),
                      tandem_record_get_id (TANDEM_RECORD (start->carer)), NULL);
  gtk_window_present (GTK_WINDOW (family));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (self, "notify::visible", G_CALLBACK (main_window_visible_cb), family,
                           0);
  family_start_free (start);
}

static void
family_pin_done_cb (gboolean set,
                    gpointer user_data)
{
  FamilyStart *start = user_data;

  if (set)
    family_mode_enter (start);
  else
    family_start_free (start);
}

static void
family_mode_with_carer (FamilyStart *start)
{
  if (tandem_family_pin_is_set (start->window->settings))
    family_mode_enter (start);
  else
    /* Leaving needs a PIN: without one the carer could not be left alone. */
    tandem_family_pin_ask_new (GTK_WINDOW (start->window), start->window->settings,
                               family_pin_done_cb, start);
}

static void
family_carer_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          FamilyStart      *start)
{
  guint64 index;

  if (g_str_has_prefix (response, "carer-") &&
      g_ascii_string_to_unsigned (response + 6, 10, 0, start->carers->len - 1, &index, NULL))
    {
      start->carer = g_object_ref (g_ptr_array_index (start->carers, index));
      family_mode_with_carer (start);
    }
  else
    family_start_free (start);
}

static void
family_mode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  const char *params[] = { NULL, NULL };
  FamilyStart *start;
  GtkWidget *dialog;

  if (self->child == NULL)
    return;

  params[0] = tandem_record_get_id (TANDEM_RECORD (self->child));
  start = g_new0 (FamilyStart, 1);
  start->window = g_object_ref (self);
  start->child = g_object_ref (self->child);
  start->carers = tandem_store_list (self->store, TANDEM_TYPE_CARER, "child_id = ?1", params,
                                     NULL);
  if (start->carers == NULL || start->carers->len == 0)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("No Parents or Carers"),
                                       _("Add the child’s parents or carers in the Family tab "
                                         "first: family mode is shown in a carer’s language."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      family_start_free (start);
      return;
    }
  if (start->carers->len == 1)
    {
      start->carer = g_object_ref (g_ptr_array_index (start->carers, 0));
      family_mode_with_carer (start);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Who Is Using Family Mode?"),
                                   _("Family mode is shown in their language, and what they "
                                     "write is credited to them."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  for (guint i = 0; i < start->carers->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("carer-%u", i);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id,
                                       tandem_carer_get_name (g_ptr_array_index (start->carers, i)));
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (family_carer_response_cb), start);
  gtk_window_present (GTK_WINDOW (dialog));
  tandem_a11y_tidy_names (dialog);
}

static void
room_packs_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);
  const char *room_id = NULL;

  /* The room of the child being looked at comes first. */
  if (self->child != NULL)
    room_id = tandem_record_get_text (TANDEM_RECORD (self->child), "room_id");
  gtk_window_present (tandem_pack_batch_dialog_new (GTK_WINDOW (self), self->store, room_id));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TandemWindow *self = TANDEM_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
_tandem_window_class_actions_init (TandemWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.add-child", NULL, add_child_action);
  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL, import_roster_action);
  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL,
                                   explore_sample_action);
  gtk_widget_class_install_action (widget_class, "win.filter", NULL, filter_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-observation", NULL,
                                   new_observation_action);
  gtk_widget_class_install_action (widget_class, "win.parent-pack", NULL, parent_pack_action);
  gtk_widget_class_install_action (widget_class, "win.family-mode", NULL, family_mode_action);
  gtk_widget_class_install_action (widget_class, "win.room-packs", NULL, room_packs_action);

  /* Ctrl+F stays with the filter over the list of children. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-observation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.parent-pack", NULL);
}
