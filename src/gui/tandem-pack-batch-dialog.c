/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"
#include "tandem-pack-batch-dialog-private.h"
#include "tandem-pack-builder.h"
#include "tandem-pdf-preview.h"
#include "tandem-records.h"

/* "Packs for a Room": every carer's pack for a room in one go. The options
 * come first; then tandem_pack_export_room() runs in a thread with a
 * connection of its own (a TandemStore is used only on the thread that
 * opened it), reporting each pack to a progress bar; then a summary with
 * the way to the folder or to the printer. */

typedef enum {
  PERIOD_SINCE_LAST,
  PERIOD_CHOSEN,
} Period;

static const struct {
  TandemPackSections  section;
  const char         *title;
  const char         *subtitle;
} section_rows[] = {
  { TANDEM_PACK_SECTION_COVER, N_("Cover"),
    N_("The child’s name and photo, the keyworker, who the pack is for") },
  { TANDEM_PACK_SECTION_ENJOYED, N_("What we have enjoyed seeing"),
    N_("Shared observations with their photos and next steps") },
  { TANDEM_PACK_SECTION_CONTRIBUTIONS, N_("Your contributions"),
    N_("What the family shared from home, and their comments") },
  { TANDEM_PACK_SECTION_IDEAS, N_("Ideas to try at home"), NULL },
  { TANDEM_PACK_SECTION_PLAN, N_("Support plan"),
    N_("In plain words, for a child with a plan") },
  { TANDEM_PACK_SECTION_NEXT_MEETING, N_("Next meeting"), N_("When one is planned") },
  { TANDEM_PACK_SECTION_BEFORE_WE_MEET, N_("Before we meet"),
    N_("Questions with space to write") },
  { TANDEM_PACK_SECTION_RETURN_SLIP, N_("Return slip"), N_("For the family’s comments") },
};

struct _TandemPackBatchDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *close_button;
  GtkWidget       *start_button;
  GtkStack        *stack;
  GtkLabel        *error_label;
  AdwComboRow     *room_row;
  AdwComboRow     *period_row;
  AdwEntryRow     *from_row;
  AdwEntryRow     *to_row;
  AdwExpanderRow  *sections_row;
  GtkSwitch       *large_print_switch;
  GtkSwitch       *bilingual_switch;
  GtkCheckButton  *folder_check;
  GtkCheckButton  *combined_check;
  GtkLabel        *running_title;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  GtkWidget       *cancel_button;
  AdwStatusPage   *done_page;
  GtkWidget       *open_folder_button;
  GtkWidget       *print_button;

  GtkWidget       *section_checks[G_N_ELEMENTS (section_rows)];

  TandemStore     *store;
  GPtrArray       *room_ids;
  char            *today;
  char            *folder;      /* chosen, or set by a test */
  char            *temp_dir;    /* for the combined PDF */
  char            *output;      /* what the last batch wrote */
  char            *room_name;
  GCancellable    *cancellable; /* while a batch runs */
  GtkWidget       *printer;     /* an unshown preview, to print with */
  guint            serial;
  guint            cancel_after;
  guint            done;
  guint            total;
  guint            n_written;
  gboolean         combined;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (TandemPackBatchDialog, tandem_pack_batch_dialog, ADW_TYPE_WINDOW)

/* What the thread needs, copied: nothing in it belongs to GTK. */
typedef struct {
  TandemPackBatchDialog *self;  /* kept alive by the task's callback */
  GMainContext          *context;
  GCancellable          *cancellable;
  char                  *db_path;
  char                  *actor;
  char                  *room_id;
  char                  *from;
  char                  *to;
  char                  *today;
  char                  *path;
  TandemPackSections     sections;
  gboolean               bilingual;
  gboolean               large_print;
  gboolean               combined;
  guint                  cancel_after;
  guint                  serial;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_main_context_unref (job->context);
  g_object_unref (job->cancellable);
  g_free (job->db_path);
  g_free (job->actor);
  g_free (job->room_id);
  g_free (job->from);
  g_free (job->to);
  g_free (job->today);
  g_free (job->path);
  g_free (job);
}

typedef struct {
  TandemPackBatchDialog *self;
  guint                  serial;
  guint                  done;
  guint                  total;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static const char *
today (TandemPackBatchDialog *self)
{
  if (self->today == NULL)
    self->today = tandem_date_today ();
  return self->today;
}

static const char *
selected_room_id (TandemPackBatchDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->room_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->room_ids->len)
    return NULL;
  return g_ptr_array_index (self->room_ids, selected);
}

static TandemPackSections
chosen_sections (TandemPackBatchDialog *self)
{
  TandemPackSections sections = 0;

  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->section_checks[i])))
      sections |= section_rows[i].section;
  return sections;
}

/* The packs a batch for @room_id will write: one per carer of each child
 * who has not left. */
static guint
count_packs (TandemPackBatchDialog *self,
             const char            *room_id,
             guint                 *n_children)
{
  const char * const params[] = { room_id, NULL };
  g_autoptr(GPtrArray) children = NULL;
  guint n = 0;

  *n_children = 0;
  if (room_id == NULL)
    return 0;

  children = tandem_store_list (self->store, TANDEM_TYPE_CHILD, "room_id = ?", params, NULL);
  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      TandemRecord *child = g_ptr_array_index (children, i);
      const char *leaving = tandem_record_get_text (child, "leaving_date");
      const char * const child_params[] = { tandem_record_get_id (child), NULL };
      gint64 carers;

      if (leaving != NULL && strcmp (leaving, today (self)) < 0)
        continue;
      (*n_children)++;
      carers = tandem_store_count (self->store, TANDEM_TYPE_CARER, "child_id = ?",
                                   child_params, NULL);
      n += carers > 0 ? (guint) carers : 0;
    }
  return n;
}

static void
show_message (TandemPackBatchDialog *self,
              const char            *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_start (TandemPackBatchDialog *self)
{
  guint n_children;
  guint n = count_packs (self, selected_room_id (self), &n_children);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.start",
                                 n > 0 && chosen_sections (self) != 0);
}

static void
room_changed_cb (TandemPackBatchDialog *self)
{
  guint n_children;
  guint n = count_packs (self, selected_room_id (self), &n_children);
  g_autofree char *children = NULL;
  g_autofree char *subtitle = NULL;

  if (selected_room_id (self) == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->room_row), "");
      update_start (self);
      return;
    }

  /* Translators: part of "12 children · 21 packs", under the room. */
  children = g_strdup_printf (ngettext ("%u child", "%u children", n_children), n_children);
  /* Translators: %1$s is e.g. "12 children"; %2$u how many packs (one per carer). */
  subtitle = g_strdup_printf (ngettext ("%1$s · %2$u pack", "%1$s · %2$u packs", n), children, n);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->room_row), subtitle);
  update_start (self);
}

static void
period_changed_cb (TandemPackBatchDialog *self)
{
  gboolean chosen = adw_combo_row_get_selected (self->period_row) == PERIOD_CHOSEN;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), chosen);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), chosen);
}

static void
section_toggled_cb (TandemPackBatchDialog *self)
{
  guint n = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->section_checks[i])))
      n++;

  if (n == G_N_ELEMENTS (section_rows))
    subtitle = g_strdup (_("Every section"));
  else
    /* Translators: %1$u sections ticked out of %2$u. */
    subtitle = g_strdup_printf (ngettext ("%1$u of %2$u section", "%1$u of %2$u sections",
                                          G_N_ELEMENTS (section_rows)),
                                n, (guint) G_N_ELEMENTS (section_rows));
  adw_expander_row_set_subtitle (self->sections_row, subtitle);
  update_start (self);
}

static void
show_page (TandemPackBatchDialog *self,
           const char            *name)
{
  gboolean options = g_str_equal (name, "options");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (self->close_button, options);
  gtk_widget_set_visible (self->start_button, options);
}

static void
show_progress (TandemPackBatchDialog *self,
               guint                  done,
               guint                  total)
{
  g_autofree char *text = NULL;

  self->done = done;
  self->total = total;
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 total > 0 ? (double) MIN (done, total) / total : 0.0);
  /* Translators: progress, e.g. "12 of 30" packs written. */
  text = g_strdup_printf (_("%1$u of %2$u"), done, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *progress = data;
  TandemPackBatchDialog *self = progress->self;

  /* Also after the batch has finished: its last packs may be reported just
   * after the end. */
  if (!self->disposed && progress->serial == self->serial)
    show_progress (self, progress->done, progress->total);
  return G_SOURCE_REMOVE;
}

/* In the thread: hands each pack written to the main loop. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);
  GSource *source = g_idle_source_new ();

  progress->self = g_object_ref (job->self);
  progress->serial = job->serial;
  progress->done = done;
  progress->total = total;
  /* An idle on the window's own context, never a direct call: this is not
   * the thread that may touch widgets. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_idle_cb, progress, progress_free);
  g_source_attach (source, job->context);
  g_source_unref (source);

  if (job->cancel_after > 0 && done >= job->cancel_after)
    g_cancellable_cancel (job->cancellable);
}

static void
batch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(TandemStore) store = NULL;
  GError *error = NULL;
  guint n_written = 0;

  store = tandem_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The audit names the person, as for packs made on the main thread. */
  tandem_store_set_actor (store, job->actor);

  options.from = job->from;
  options.to = job->to;
  options.today = job->today;
  options.sections = job->sections;
  options.bilingual = job->bilingual;
  options.large_print = job->large_print;

  if (!tandem_pack_export_room (store, job->room_id, &options, job->path, job->combined,
                                progress_cb, job, &n_written, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_written);
}

static void
batch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TandemPackBatchDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  gboolean cancelled;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  if (self->disposed || job->serial != self->serial)
    return;

  cancelled = g_cancellable_is_cancelled (self->cancellable) ||
              g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);

  if (cancelled || error != NULL)
    {
      g_autofree char *message = NULL;

      if (cancelled)
        message = g_strdup (_("Cancelled: no packs were written."));
      else
        /* Translators: %s is the reason, e.g. "No space left on device". */
        message = g_strdup_printf (_("The packs could not be written: %s"), error->message);
      show_message (self, message);
      show_page (self, "options");
      return;
    }

  self->n_written = (guint) n;
  g_free (self->output);
  self->output = g_strdup (job->path);
  self->combined = job->combined;

  if (job->combined)
    {
      /* Translators: the title after a batch; %u is how many packs. */
      title = g_strdup_printf (ngettext ("%u Pack Ready to Print", "%u Packs Ready to Print",
                                         self->n_written), self->n_written);
      description = g_strdup (_("All in one document, each pack starting on a new page."));
    }
  else
    {
      g_autofree char *shown = g_filename_display_name (job->path);

      /* Translators: the title after a batch; %u is how many packs. */
      title = g_strdup_printf (ngettext ("%u Pack Written", "%u Packs Written",
                                         self->n_written), self->n_written);
      /* Translators: %s is a folder. */
      description = g_strdup_printf (_("One PDF for each carer, in %s"), shown);
    }

  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page, description);
  gtk_widget_set_visible (self->open_folder_button, !job->combined);
  gtk_widget_set_visible (self->print_button, job->combined);
  show_page (self, "done");
  gtk_widget_grab_focus (job->combined ? self->print_button : self->open_folder_button);
}

static void
start_batch (TandemPackBatchDialog *self,
             const char            *path,
             gboolean               combined,
             const char            *from,
             const char            *to)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);
  guint n_children;
  g_autofree char *title = NULL;

  self->serial++;
  self->cancellable = g_cancellable_new ();

  job->self = self;
  job->context = g_main_context_ref_thread_default ();
  job->cancellable = g_object_ref (self->cancellable);
  job->db_path = g_strdup (tandem_store_get_path (self->store));
  job->actor = g_strdup (tandem_store_get_actor (self->store));
  job->room_id = g_strdup (selected_room_id (self));
  job->from = g_strdup (from);
  job->to = g_strdup (to);
  job->today = g_strdup (today (self));
  job->path = g_strdup (path);
  job->sections = chosen_sections (self);
  job->bilingual = gtk_switch_get_active (self->bilingual_switch);
  job->large_print = gtk_switch_get_active (self->large_print_switch);
  job->combined = combined;
  job->cancel_after = self->cancel_after;
  job->serial = self->serial;

  /* Translators: %s is a room, e.g. "Owls". */
  title = g_strdup_printf (_("Writing the Packs for %s…"), self->room_name);
  gtk_label_set_text (self->running_title, title);
  show_progress (self, 0, count_packs (self, job->room_id, &n_children));
  show_message (self, NULL);
  show_page (self, "running");
  gtk_widget_grab_focus (self->cancel_button);

  /* No source object: the window's last reference must be let go on the
   * main thread, so the callback holds it instead. */
  task = g_task_new (NULL, self->cancellable, batch_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_batch);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, batch_thread);
}

/* What the options say about the period: FALSE, with the message shown,
 * when the chosen dates do not make sense. */
static gboolean
read_period (TandemPackBatchDialog  *self,
             char                  **from,
             char                  **to)
{
  g_autofree char *message = NULL;

  *from = *to = NULL;
  if (adw_combo_row_get_selected (self->period_row) != PERIOD_CHOSEN)
    return TRUE;

  if (!tandem_editor_get_date (self->from_row, today (self), from, &message) ||
      !tandem_editor_get_date (self->to_row, today (self), to, &message))
    {
      show_message (self, message);
      g_clear_pointer (from, g_free);
      return FALSE;
    }
  if (*from == NULL || *to == NULL)
    {
      show_message (self, _("Type both the first and the last day of the period."));
      g_clear_pointer (from, g_free);
      g_clear_pointer (to, g_free);
      return FALSE;
    }
  if (strcmp (*from, *to) > 0)
    {
      show_message (self, _("The period ends before it starts: check the dates."));
      g_clear_pointer (from, g_free);
      g_clear_pointer (to, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
folder_chosen_cb (GtkNativeDialog       *chooser,
                  int                    response,
                  gpointer               user_data)
{
  g_autoptr(TandemPackBatchDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    path = g_file_get_path (file);
  if (path == NULL || self->disposed)
    return;

  g_free (self->folder);
  self->folder = g_steal_pointer (&path);
  if (read_period (self, &from, &to))
    start_batch (self, self->folder, FALSE, from, to);
}

static char *
combined_path (TandemPackBatchDialog  *self,
               GError                **error)
{
  if (self->temp_dir == NULL)
    {
      /* Private to this person: the packs hold children's details. */
      self->temp_dir = g_dir_make_tmp ("tandem-packs-XXXXXX", error);
      if (self->temp_dir == NULL)
        return NULL;
    }
  return g_build_filename (self->temp_dir, "packs.pdf", NULL);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TandemPackBatchDialog *self = TANDEM_PACK_BATCH_DIALOG (widget);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GtkStringObject) room = NULL;
  guint n_children;

  if (self->cancellable != NULL || selected_room_id (self) == NULL)
    return;

  room = g_list_model_get_item (adw_combo_row_get_model (self->room_row),
                                adw_combo_row_get_selected (self->room_row));
  g_free (self->room_name);
  self->room_name = g_strdup (room != NULL ? gtk_string_object_get_string (room) : "");

  if (chosen_sections (self) == 0)
    {
      show_message (self, _("Tick at least one section."));
      return;
    }
  if (count_packs (self, selected_room_id (self), &n_children) == 0)
    {
      show_message (self, _("No child in this room has a carer to write a pack for."));
      return;
    }
  if (!read_period (self, &from, &to))
    return;

  if (gtk_check_button_get_active (self->combined_check))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = combined_path (self, &error);

      if (path == NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason from the system. */
          message = g_strdup_printf (_("The packs could not be written: %s"), error->message);
          show_message (self, message);
          return;
        }
      start_batch (self, path, TRUE, from, to);
    }
  else if (self->folder != NULL)
    {
      start_batch (self, self->folder, FALSE, from, to);
    }
  else
    {
      GtkFileChooserNative *chooser;

      /* Translators: the title of the folder chooser for a room's packs. */
      chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Packs"),
                                             GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                             _("_Write Packs Here"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb),
                        g_object_ref (self));
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemPackBatchDialog *self = TANDEM_PACK_BATCH_DIALOG (widget);

  if (self->cancellable == NULL)
    return;

  /* The builder stops between two packs and takes back what it wrote. */
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->running_title, _("Cancelling…"));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

static void
folder_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TandemPackBatchDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && !self->disposed)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason from the system. */
      message = g_strdup_printf (_("The folder could not be opened: %s"), error->message);
      adw_status_page_set_description (self->done_page, message);
    }
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemPackBatchDialog *self = TANDEM_PACK_BATCH_DIALOG (widget);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (self->output == NULL || self->combined)
    return;

  uri = g_filename_to_uri (self->output, NULL, NULL);
  if (uri == NULL)
    return;
  /* GIO rather than GtkFileLauncher (GTK 4.10): it goes through the portal
   * when sandboxed all the same. */
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
    gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, folder_opened_cb,
                                           g_object_ref (self));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TandemPackBatchDialog *self = TANDEM_PACK_BATCH_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->output == NULL || !self->combined)
    return;

  /* The same printing as the pack dialog's: poppler draws each page into
   * the print context, so what prints is what was written. */
  if (self->printer == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->output);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
      GtkWidget *preview;

      if (bytes == NULL)
        {
          adw_status_page_set_description (self->done_page, error->message);
          return;
        }
      preview = g_object_ref_sink (tandem_pdf_preview_new ());
      if (!tandem_pdf_preview_set_bytes (TANDEM_PDF_PREVIEW (preview), bytes, &error))
        {
          adw_status_page_set_description (self->done_page, error->message);
          g_object_unref (preview);
          return;
        }
      self->printer = preview;
    }

  /* Translators: the print job's name; %s is a room. */
  title = g_strdup_printf (_("Parent Packs – %s"), self->room_name);
  tandem_pdf_preview_print (TANDEM_PDF_PREVIEW (self->printer), GTK_WINDOW (self), title);
}

static gboolean
tandem_pack_batch_dialog_close_request (GtkWindow *window)
{
  TandemPackBatchDialog *self = TANDEM_PACK_BATCH_DIALOG (window);

  /* Closing while packs are written stops them; none is left behind. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (tandem_pack_batch_dialog_parent_class)->close_request (window);
}

static void
remove_temp_dir (TandemPackBatchDialog *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self->temp_dir == NULL)
    return;

  dir = g_dir_open (self->temp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->temp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (self->temp_dir);
  g_clear_pointer (&self->temp_dir, g_free);
}

static void
tandem_pack_batch_dialog_dispose (GObject *object)
{
  TandemPackBatchDialog *self = TANDEM_PACK_BATCH_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->printer);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PACK_BATCH_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tandem_pack_batch_dialog_parent_class)->dispose (object);
}

static void
tandem_pack_batch_dialog_finalize (GObject *object)
{
  TandemPackBatchDialog *self = TANDEM_PACK_BATCH_DIALOG (object);

  remove_temp_dir (self);
  g_ptr_array_unref (self->room_ids);
  g_free (self->today);
  g_free (self->folder);
  g_free (self->output);
  g_free (self->room_name);

  G_OBJECT_CLASS (tandem_pack_batch_dialog_parent_class)->finalize (object);
}

static void
tandem_pack_batch_dialog_class_init (TandemPackBatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_pack_batch_dialog_dispose;
  object_class->finalize = tandem_pack_batch_dialog_finalize;
  window_class->close_request = tandem_pack_batch_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-pack-batch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, room_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, sections_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, large_print_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, bilingual_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, folder_check);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, combined_check);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, running_title);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, open_folder_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPackBatchDialog, print_button);

  gtk_widget_class_install_action (widget_class, "batch.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "batch.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "batch.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "batch.print", NULL, print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_pack_batch_dialog_init (TandemPackBatchDialog *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);

  self->room_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (periods, _("Since the last pack or meeting"));
  gtk_string_list_append (periods, _("Chosen dates"));
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (periods));
  g_signal_connect_swapped (self->period_row, "notify::selected",
                            G_CALLBACK (period_changed_cb), self);
  tandem_editor_add_date_hint (self->from_row);
  tandem_editor_add_date_hint (self->to_row);

  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(section_rows[i].title));
      if (section_rows[i].subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(section_rows[i].subtitle));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      tandem_a11y_set_label (check, _(section_rows[i].title));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (section_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->sections_row, row);
      self->section_checks[i] = check;
    }

  tandem_a11y_set_label (GTK_WIDGET (self->large_print_switch), _("Large print"));
  tandem_a11y_set_label (GTK_WIDGET (self->bilingual_switch), _("Also in English"));
  tandem_a11y_set_label (GTK_WIDGET (self->folder_check), _("One PDF per carer in a folder"));
  tandem_a11y_set_label (GTK_WIDGET (self->combined_check), _("One PDF to print"));
  tandem_a11y_tidy_names (GTK_WIDGET (self));
}

static void
load_rooms (TandemPackBatchDialog *self,
            const char            *room_id)
{
  g_autoptr(GPtrArray) rooms = tandem_store_list (self->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      TandemRecord *room = g_ptr_array_index (rooms, i);

      gtk_string_list_append (model, tandem_record_get_text (room, "name"));
      g_ptr_array_add (self->room_ids, g_strdup (tandem_record_get_id (room)));
      if (g_strcmp0 (tandem_record_get_id (room), room_id) == 0)
        selected = i;
    }

  adw_combo_row_set_model (self->room_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->room_row, self->room_ids->len > 0 ? selected
                                                                      : GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->room_row, "notify::selected", G_CALLBACK (room_changed_cb),
                            self);
  if (self->room_ids->len == 0)
    show_message (self, _("There are no rooms yet. Put the children in rooms first, in each "
                          "child’s details."));
}

static void
reset_dates (TandemPackBatchDialog *self)
{
  GDate from;
  g_autofree char *from_text = NULL;

  tandem_date_to_gdate (today (self), &from);
  g_date_subtract_months (&from, 3);
  from_text = tandem_date_from_gdate (&from);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from_text);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), today (self));
}

/**
 * tandem_pack_batch_dialog_new:
 * @parent: (nullable): the window it is for
 * @store: the database
 * @room_id: (nullable): the room to choose first, e.g. the one being looked at
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWindow *
tandem_pack_batch_dialog_new (GtkWindow   *parent,
                              TandemStore *store,
                              const char  *room_id)
{
  TandemPackBatchDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  self = g_object_new (TANDEM_TYPE_PACK_BATCH_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  load_rooms (self, room_id);
  reset_dates (self);
  section_toggled_cb (self);
  room_changed_cb (self);
  return GTK_WINDOW (self);
}

const char *
_tandem_pack_batch_dialog_get_page (TandemPackBatchDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
_tandem_pack_batch_dialog_set_today (TandemPackBatchDialog *self,
                                     const char            *today)
{
  g_return_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self));

  g_free (self->today);
  self->today = g_strdup (today);
  reset_dates (self);
  room_changed_cb (self);
}

void
_tandem_pack_batch_dialog_set_folder (TandemPackBatchDialog *self,
                                      const char            *folder)
{
  g_return_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self));

  g_free (self->folder);
  self->folder = g_strdup (folder);
}

void
_tandem_pack_batch_dialog_cancel_after (TandemPackBatchDialog *self,
                                        guint                  n)
{
  g_return_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self));
  self->cancel_after = n;
}

void
_tandem_pack_batch_dialog_get_progress (TandemPackBatchDialog *self,
                                        guint                 *done,
                                        guint                 *total)
{
  g_return_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self));
  *done = self->done;
  *total = self->total;
}

guint
_tandem_pack_batch_dialog_get_written (TandemPackBatchDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self), 0);
  return self->n_written;
}

const char *
_tandem_pack_batch_dialog_get_output (TandemPackBatchDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self), NULL);
  return self->output;
}

const char *
_tandem_pack_batch_dialog_get_message (TandemPackBatchDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_BATCH_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
