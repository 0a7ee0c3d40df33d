/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-dates.h"
#include "tandem-editor-util.h"
#include "tandem-language-chooser.h"
#include "tandem-languages.h"
#include "tandem-pack-builder.h"
#include "tandem-pack-dialog-private.h"
#include "tandem-pack-locale.h"
#include "tandem-pack-text.h"
#include "tandem-pack-writer.h"
#include "tandem-pdf-preview-private.h"
#include "tandem-records.h"

/* A parent pack (or a meeting invitation letter) made ready to hand over:
 * the keyworker chooses who it is for, the language, the period and the
 * sections, and sees the real PDF as it will be saved or printed. The
 * preview is rebuilt whenever an option changes, in a thread on a database
 * connection of its own (a TandemStore belongs to the thread that opened
 * it), a moment after the last change so that typing a date does not start
 * a build per key. */

/* How long after the last change the preview is rebuilt. */
#define REBUILD_DELAY_MS 250

/* The titles are the pack's own headings (tandem-pack-text.h). */
static const struct {
  TandemPackSections  section;
  const char         *subtitle;
} section_rows[] = {
  { TANDEM_PACK_SECTION_COVER,
    N_("Name, photo, the setting, the keyworker and who the pack is for") },
  { TANDEM_PACK_SECTION_ENJOYED,
    N_("Observations shared with the family, with their photos") },
  { TANDEM_PACK_SECTION_CONTRIBUTIONS,
    N_("Observations from home and the family’s comments") },
  { TANDEM_PACK_SECTION_IDEAS, NULL },
  { TANDEM_PACK_SECTION_PLAN,
    N_("In plain words, when there is an open plan") },
  { TANDEM_PACK_SECTION_NEXT_MEETING,
    N_("When one is planned") },
  { TANDEM_PACK_SECTION_BEFORE_WE_MEET,
    N_("Questions with space to write the answers") },
  { TANDEM_PACK_SECTION_RETURN_SLIP,
    N_("To cut off and return with comments") },
};

struct _TandemPackDialog
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwFlap              *flap;
  GtkWidget            *options_button;
  AdwComboRow          *carer_row;
  AdwActionRow         *language_row;
  AdwActionRow         *bilingual_row;
  GtkSwitch            *bilingual_switch;
  GtkSwitch            *large_print_switch;
  GtkWidget            *period_group;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  AdwPreferencesGroup  *sections_group;
  GtkInfoBar           *font_warning;
  GtkLabel             *font_warning_label;
  GtkInfoBar           *language_note;
  GtkLabel             *language_note_label;
  GtkStack             *preview_stack;
  TandemPdfPreview     *preview;
  AdwStatusPage        *error_page;
  GtkWidget            *busy_box;
  GtkSpinner           *spinner;
  GtkSwitch            *section_switches[G_N_ELEMENTS (section_rows)];

  TandemStore          *store;
  TandemChild          *child;
  /* Set for an invitation letter rather than a pack. */
  TandemRecord         *meeting;
  /* The carers offered, in the order of carer_row after "The family" when
   * that comes first. */
  GPtrArray            *carers;
  gboolean              family_choice;
  char                 *language;
  char                 *today;
  char                 *error_message;
  char                 *font_message;
  /* What a print under way is recorded as, fixed when it began. */
  char                 *print_detail;

  /* Builds and saves in the background share one connection of their own,
   * one at a time. */
  GMutex                reader_lock;
  TandemStore          *reader;

  GCancellable         *cancellable;
  guint                 rebuild_source;
  guint                 folded_source;
  /* Counts option changes: a build for older options is dropped. */
  guint                 serial;
  gboolean              building;
  gboolean              saving;
  gboolean              print_when_ready;
  /* Options being filled in: no rebuild for each. */
  gboolean              loading;
  gboolean              disposed;
  char                 *save_path;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (TandemPackDialog, tandem_pack_dialog, ADW_TYPE_WINDOW)

static void options_changed (TandemPackDialog *self);

/* Jobs ------------------------------------------------------------------ */

/* What a build or save needs, copied so that the thread never touches the
 * widgets or the main thread's records. */
typedef struct {
  char               *path;
  char               *actor;
  char               *child_id;
  char               *carer_id;
  char               *language;
  char               *from;
  char               *to;
  char               *today;
  char               *meeting_id;
  TandemPackSections  sections;
  gboolean            bilingual;
  gboolean            large_print;
  char               *save_path;
  /* What a saved invitation is recorded as. */
  char               *detail;
  guint               serial;
} PackJob;

static void
pack_job_free (gpointer data)
{
  PackJob *job = data;

  g_free (job->path);
  g_free (job->actor);
  g_free (job->child_id);
  g_free (job->carer_id);
  g_free (job->language);
  g_free (job->from);
  g_free (job->to);
  g_free (job->today);
  g_free (job->meeting_id);
  g_free (job->save_path);
  g_free (job->detail);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PackJob, pack_job_free)

static const char *
child_id (TandemPackDialog *self)
{
  return tandem_record_get_id (TANDEM_RECORD (self->child));
}

static const char *
today (TandemPackDialog *self)
{
  if (self->today == NULL)
    self->today = tandem_date_today ();
  return self->today;
}

static TandemCarer *
selected_carer (TandemPackDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->carer_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (self->family_choice)
    {
      if (selected == 0)
        return NULL;
      selected--;
    }
  return selected < self->carers->len ? g_ptr_array_index (self->carers, selected) : NULL;
}

static const char *
selected_carer_id (TandemPackDialog *self)
{
  TandemCarer *carer = selected_carer (self);

  return carer != NULL ? tandem_record_get_id (TANDEM_RECORD (carer)) : NULL;
}

static gboolean
is_english (const char *language)
{
  return language == NULL || g_ascii_strcasecmp (language, "en") == 0 ||
         g_ascii_strncasecmp (language, "en-", 3) == 0;
}

/* The period as typed; FALSE when a row does not hold a date. */
static gboolean
read_period (TandemPackDialog  *self,
             char             **from,
             char             **to,
             char             **message,
             GtkWidget        **row)
{
  *from = NULL;
  *to = NULL;
  *message = NULL;
  *row = NULL;

  if (!tandem_editor_get_date (self->from_row, "2026-09-01", from, message))
    {
      *row = GTK_WIDGET (self->from_row);
      return FALSE;
    }
  if (!tandem_editor_get_date (self->to_row, "2026-12-01", to, message))
    {
      *row = GTK_WIDGET (self->to_row);
      g_clear_pointer (from, g_free);
      return FALSE;
    }
  if (*from != NULL && *to != NULL && strcmp (*from, *to) > 0)
    {
      *message = g_strdup (_("The period ends before it begins: choose a “From” date on or "
                             "before the “To” date."));
      *row = GTK_WIDGET (self->from_row);
      g_clear_pointer (from, g_free);
      g_clear_pointer (to, g_free);
      return FALSE;
    }
  return TRUE;
}

static TandemPackSections
chosen_sections (TandemPackDialog *self)
{
  TandemPackSections sections = 0;

  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    if (gtk_switch_get_active (self->section_switches[i]))
      sections |= section_rows[i].section;
  return sections;
}

static PackJob *
pack_job_new (TandemPackDialog *self)
{
  PackJob *job = g_new0 (PackJob, 1);
  g_autofree char *message = NULL;
  GtkWidget *row;

  job->path = g_strdup (tandem_store_get_path (self->store));
  job->actor = g_strdup (tandem_store_get_actor (self->store));
  job->child_id = g_strdup (child_id (self));
  job->carer_id = g_strdup (selected_carer_id (self));
  job->language = g_strdup (self->language);
  job->today = g_strdup (self->today);
  job->large_print = gtk_switch_get_active (self->large_print_switch);
  job->serial = self->serial;

  if (self->meeting != NULL)
    job->meeting_id = g_strdup (tandem_record_get_id (self->meeting));
  else
    {
      read_period (self, &job->from, &job->to, &message, &row);
      job->sections = chosen_sections (self);
      job->bilingual = !is_english (self->language) &&
                       gtk_switch_get_active (self->bilingual_switch);
    }
  return job;
}

static void
job_options (PackJob           *job,
             TandemPackOptions *options)
{
  options->child_id = job->child_id;
  options->carer_id = job->carer_id;
  options->language = job->language;
  options->from = job->from;
  options->to = job->to;
  options->today = job->today;
  options->sections = job->sections;
  options->bilingual = job->bilingual;
  options->large_print = job->large_print;
}

static gboolean
in_memory (TandemStore *store)
{
  const char *path = tandem_store_get_path (store);

  return path == NULL || g_str_equal (path, ":memory:");
}

/* With reader_lock held. */
static TandemStore *
ensure_reader (TandemPackDialog  *self,
               PackJob           *job,
               GError           **error)
{
  if (self->reader == NULL)
    {
      /* The main connection has checked the file already. */
      self->reader = tandem_store_open_with_flags (job->path, TANDEM_STORE_OPEN_DEFER_INTEGRITY,
                                                   error);
      if (self->reader != NULL)
        tandem_store_set_actor (self->reader, job->actor);
    }
  return self->reader;
}

static TandemPackDoc *
build_doc (TandemStore  *store,
           PackJob      *job,
           GError      **error)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;

  if (job->meeting_id != NULL)
    return tandem_pack_build_invitation (store, job->meeting_id, job->carer_id, job->language,
                                         job->large_print, error);

  job_options (job, &options);
  return tandem_pack_build (store, &options, error);
}

/* Saving: a pack through tandem_pack_export(), which records it in the
 * audit table; an invitation letter written as built (recorded once back
 * on the main thread). */
static gboolean
save_doc (TandemStore   *store,
          PackJob       *job,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(TandemPackDoc) doc = NULL;
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;

  if (job->meeting_id == NULL)
    {
      job_options (job, &options);
      return tandem_pack_export (store, &options, job->save_path, cancellable, error);
    }

  doc = build_doc (store, job, error);
  return doc != NULL && tandem_pack_doc_write_file (doc, job->save_path, cancellable, error);
}

/* Showing ---------------------------------------------------------------- */

static gboolean
is_busy (TandemPackDialog *self)
{
  return self->rebuild_source != 0 || self->building;
}

static void
update_actions (TandemPackDialog *self)
{
  gboolean ready = self->error_message == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pack.save", ready && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pack.print", ready);
}

static void
update_busy (TandemPackDialog *self)
{
  gboolean busy = is_busy (self) || self->saving;

  gtk_widget_set_visible (self->busy_box, is_busy (self));
  gtk_spinner_set_spinning (self->spinner, is_busy (self));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->preview_stack), busy ? "progress" : NULL);
  update_actions (self);
}

static void
show_error (TandemPackDialog *self,
            const char       *title,
            const char       *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->preview_stack, "error");
  self->print_when_ready = FALSE;
  update_actions (self);
}

static void
clear_error (TandemPackDialog *self)
{
  g_clear_pointer (&self->error_message, g_free);
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  update_actions (self);
}

static char *
document_name (TandemPackDialog *self)
{
  const char *name = tandem_child_get_display_name (self->child);

  if (self->meeting != NULL)
    /* Translators: the name of a saved or printed meeting invitation
     * letter; %1$s is the child's name, %2$s the date of the meeting. */
    return g_strdup_printf (_("%1$s – invitation – %2$s"), name,
                            tandem_record_get_text (self->meeting, "meets_on"));

  /* Translators: the name of a saved or printed parent pack; %1$s is the
   * child's name, %2$s the last day of the period, e.g. 2026-11-23. */
  return g_strdup_printf (_("%1$s – parent pack – %2$s"), name, today (self));
}

static void print_now (TandemPackDialog *self);

static void
show_result (TandemPackDialog *self,
             GBytes           *bytes,
             const GError     *error)
{
  g_autoptr(GError) preview_error = NULL;

  if (bytes == NULL)
    {
      show_error (self, _("The Pack Cannot Be Made"), error->message);
      return;
    }
  if (!tandem_pdf_preview_set_bytes (self->preview, bytes, &preview_error))
    {
      show_error (self, _("The Pack Cannot Be Shown"), preview_error->message);
      return;
    }

  clear_error (self);
  if (self->print_when_ready)
    {
      self->print_when_ready = FALSE;
      print_now (self);
    }
}

/* Building ---------------------------------------------------------------- */

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TandemPackDialog *self = source_object;
  PackJob *job = task_data;
  g_autoptr(TandemPackDoc) doc = NULL;
  GError *error = NULL;
  GBytes *bytes = NULL;

  g_mutex_lock (&self->reader_lock);
  if (!g_cancellable_is_cancelled (cancellable))
    {
      TandemStore *reader = ensure_reader (self, job, &error);

      if (reader != NULL)
        doc = build_doc (reader, job, &error);
    }
  g_mutex_unlock (&self->reader_lock);

  if (doc != NULL)
    bytes = tandem_pack_doc_write_bytes (doc, cancellable, &error);

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Overtaken");
}

static void
build_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (object);
  PackJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  /* Options changed since: a newer build is on its way. */
  if (job->serial != self->serial)
    return;

  self->building = FALSE;
  update_busy (self);
  show_result (self, bytes, error);
}

static void
start_build (TandemPackDialog *self)
{
  g_autoptr(PackJob) job = pack_job_new (self);
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (in_memory (self->store))
    {
      g_autoptr(TandemPackDoc) doc = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      /* A database in memory cannot be opened twice: build here. */
      doc = build_doc (self->store, job, &error);
      if (doc != NULL)
        bytes = tandem_pack_doc_write_bytes (doc, NULL, &error);
      update_busy (self);
      show_result (self, bytes, error);
      return;
    }

  self->building = TRUE;
  update_busy (self);
  task = g_task_new (self, self->cancellable, build_done_cb, NULL);
  g_task_set_source_tag (task, start_build);
  g_task_set_task_data (task, g_steal_pointer (&job), pack_job_free);
  g_task_run_in_thread (task, build_thread);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  TandemPackDialog *self = user_data;

  self->rebuild_source = 0;
  start_build (self);
  return G_SOURCE_REMOVE;
}

/* Checks what can be checked here (the period), then rebuilds the preview
 * a moment after the last change. */
static void
options_changed (TandemPackDialog *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *message = NULL;
  GtkWidget *row = NULL;

  if (self->loading)
    return;

  self->serial++;
  self->building = FALSE;
  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  tandem_editor_set_row_error (GTK_WIDGET (self->from_row), FALSE);
  tandem_editor_set_row_error (GTK_WIDGET (self->to_row), FALSE);
  if (self->meeting != NULL && self->carers->len == 0)
    {
      show_error (self, _("Nobody Is Invited Yet"),
                  _("Choose who is invited in the meeting first: the letter is addressed to "
                    "one of the invited carers."));
      update_busy (self);
      return;
    }
  if (self->meeting == NULL && !read_period (self, &from, &to, &message, &row))
    {
      tandem_editor_set_row_error (row, TRUE);
      show_error (self, _("Check the Period"), message);
      update_busy (self);
      return;
    }

  self->rebuild_source = g_timeout_add (REBUILD_DELAY_MS, rebuild_cb, self);
  update_busy (self);
}

static void
option_changed_cb (TandemPackDialog *self)
{
  options_changed (self);
}

/* Language ------------------------------------------------------------ */

/* A pack whose script no installed font covers would print as boxes. Only
 * said of a pack written in the language: one that falls back to English
 * (see update_language_note()) prints whatever is installed. */
static void
update_font_warning (TandemPackDialog *self,
                     gboolean          has_font,
                     const char       *package,
                     gboolean          translated)
{
  const TandemLanguage *language = tandem_language_find (self->language);
  const char *name = language != NULL ? _(language->name) : self->language;

  g_clear_pointer (&self->font_message, g_free);
  if (!has_font && translated)
    {
      if (package != NULL)
        /* Translators: %1$s is a language, e.g. "Amharic"; %2$s the name of
         * a software package, e.g. "fonts-noto-core". */
        self->font_message = g_strdup_printf (_("No installed font covers %1$s. Install the "
                                                "package %2$s to print this pack."),
                                              name, package);
      else
        /* Translators: %s is a language, e.g. "Amharic". */
        self->font_message = g_strdup_printf (_("No installed font covers %s. Install a font "
                                                "for it to print this pack."), name);
    }

  gtk_label_set_label (self->font_warning_label, self->font_message);
  gtk_info_bar_set_revealed (self->font_warning, self->font_message != NULL);
}

/* A pack in a language Tandem cannot write here comes out in English: say
 * so before it is printed, rather than let it surprise. Returns whether the
 * pack is written in the language. */
static gboolean
update_language_note (TandemPackDialog *self)
{
  const TandemLanguage *language = tandem_language_find (self->language);
  const char *name = language != NULL ? _(language->name) : self->language;
  g_autofree char *note = NULL;

  switch (tandem_pack_language_support (self->language))
    {
    case TANDEM_PACK_LANGUAGE_NO_TRANSLATION:
      /* Translators: %s is a language, e.g. "Tigrinya". */
      note = g_strdup_printf (_("Tandem is not translated into %s yet, so the pack’s own "
                                "wording will be in English."), name);
      break;
    case TANDEM_PACK_LANGUAGE_NO_LOCALE:
      /* Translators: %s is a language, e.g. "Welsh"; "locales-all" is the
       * name of a software package. */
      note = g_strdup_printf (_("The pack’s own wording will be in English: this computer "
                                "has no system locale for %s. Install the package "
                                "locales-all to write packs in it."), name);
      break;
    case TANDEM_PACK_LANGUAGE_OK:
    default:
      break;
    }

  gtk_label_set_label (self->language_note_label, note);
  gtk_info_bar_set_revealed (self->language_note, note != NULL);
  return note == NULL;
}

/* The language's own name, then its name in the user's language. The own
 * name is isolated so that a right-to-left name does not turn the line
 * round; it is left out when no font could draw it. */
static char *
language_label (const char *tag,
                gboolean    has_font)
{
  const TandemLanguage *language = tandem_language_find (tag);
  g_autofree char *isolated = NULL;

  if (language == NULL)
    return g_strdup (tag);
  if (!has_font || g_strcmp0 (_(language->name), language->native_name) == 0)
    return g_strdup (_(language->name));

  /* The mark first sets the line's direction to the application's, which
   * the isolated name would otherwise decide. */
  isolated = g_strconcat (gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL
                          ? "\u200F" : "\u200E",
                          "\u2068", language->native_name, "\u2069", NULL);
  /* Translators: a language; %1$s is its own name, e.g. "Cymraeg", %2$s its
   * name in your language, e.g. "Welsh". */
  return g_strdup_printf (_("%1$s (%2$s)"), isolated, _(language->name));
}

static void
set_language (TandemPackDialog *self,
              const char       *language)
{
  g_autofree char *label = NULL;
  g_autofree char *package = NULL;
  gboolean has_font, translated;

  if (language == NULL || language[0] == '\0')
    language = "en";
  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);

  has_font = tandem_pack_language_has_font (language, &package);
  label = language_label (language, has_font);
  adw_action_row_set_subtitle (self->language_row, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bilingual_row), !is_english (language));
  translated = update_language_note (self);
  update_font_warning (self, has_font, package, translated);
  options_changed (self);
}

static void
language_chosen_cb (TandemPackDialog      *self,
                    TandemLanguageChooser *chooser)
{
  g_auto(GStrv) selected = tandem_language_chooser_dup_selected (chooser);

  if (selected != NULL && selected[0] != NULL)
    set_language (self, selected[0]);
}

static void
choose_language_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (widget);
  const char *selected[] = { self->language, NULL };
  GtkWindow *chooser = tandem_language_chooser_new (GTK_WINDOW (self), FALSE, selected);

  g_signal_connect_object (chooser, "chosen", G_CALLBACK (language_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (chooser);
}

static void
carer_selected_cb (TandemPackDialog *self)
{
  g_autofree char *language = NULL;

  if (self->carers == NULL)
    return;

  /* A pack for a carer is in their language unless another is chosen. */
  language = tandem_pack_default_language (self->store, child_id (self),
                                           selected_carer_id (self));
  set_language (self, language);
  options_changed (self);
}

/* Saving ------------------------------------------------------------------ */

/* As tandem_pack_export() describes a pack in the audit table: in English,
 * for whoever reviews it. */
static char *
audit_detail (TandemPackDialog *self)
{
  TandemCarer *carer = selected_carer (self);
  const char *carer_id = selected_carer_id (self);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *message = NULL;
  GtkWidget *row;
  GString *detail = g_string_new (NULL);

  g_string_append_printf (detail, "for %s (%s); language %s",
                          carer != NULL ? tandem_carer_get_name (carer) : "the family",
                          carer_id != NULL ? carer_id : "-", self->language);
  if (self->meeting != NULL)
    g_string_append_printf (detail, "; invitation to meeting %s",
                            tandem_record_get_id (self->meeting));
  else if (read_period (self, &from, &to, &message, &row))
    {
      if (from == NULL)
        from = tandem_pack_default_from (self->store, child_id (self), today (self));
      g_string_append_printf (detail, "; period %s to %s", from, to != NULL ? to : today (self));
    }
  return g_string_free (detail, FALSE);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TandemPackDialog *self = source_object;
  PackJob *job = task_data;
  GError *error = NULL;
  gboolean saved = FALSE;

  g_mutex_lock (&self->reader_lock);
  {
    TandemStore *reader = ensure_reader (self, job, &error);

    if (reader != NULL)
      saved = save_doc (reader, job, NULL, &error);
  }
  g_mutex_unlock (&self->reader_lock);

  if (saved)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved (TandemPackDialog *self,
       PackJob          *job,
       const GError     *error)
{
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) audit_error = NULL;

  /* tandem_pack_export() records a pack; a letter is recorded here, even
   * when the dialog has been closed meanwhile. */
  if (error == NULL && job->meeting_id != NULL &&
      !tandem_store_audit (self->store, "pack-invitation", job->child_id, job->detail,
                           &audit_error))
    g_warning ("Could not record the saved invitation: %s", audit_error->message);

  self->saving = FALSE;
  if (self->disposed)
    return;
  update_busy (self);

  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  basename = g_filename_display_basename (job->save_path);
  /* Translators: %s is the name of the file saved. */
  message = g_strdup_printf (_("Saved as “%s”"), basename);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (object);
  PackJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  saved (self, job, error);
}

static void
save_to (TandemPackDialog *self,
         const char       *path)
{
  g_autoptr(PackJob) job = pack_job_new (self);
  g_autoptr(GTask) task = NULL;

  job->save_path = g_strdup (path);
  job->detail = audit_detail (self);
  self->saving = TRUE;
  update_busy (self);

  if (in_memory (self->store))
    {
      g_autoptr(GError) error = NULL;

      save_doc (self->store, job, NULL, &error);
      saved (self, job, error);
      return;
    }

  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, save_to);
  g_task_set_task_data (task, g_steal_pointer (&job), pack_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     TandemPackDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL)
    save_to (self, path);
}

/* A file name has no slashes; the rest of the name is kept as it reads. */
static char *
file_name (TandemPackDialog *self)
{
  g_autofree char *name = document_name (self);

  g_strdelimit (name, "/\\", '-');
  return g_strconcat (name, ".pdf", NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  const char *documents;

  if (self->saving || self->chooser != NULL || self->error_message != NULL)
    return;

  if (self->save_path != NULL)
    {
      save_to (self, self->save_path);
      return;
    }

  self->chooser = gtk_file_chooser_native_new (self->meeting != NULL
                                               ? _("Save Invitation")
                                               : _("Save Parent Pack"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  name = file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Printing ---------------------------------------------------------------- */

static void
print_now (TandemPackDialog *self)
{
  g_autofree char *title = document_name (self);

  if (tandem_pdf_preview_get_bytes (self->preview) == NULL || self->error_message != NULL)
    return;

  g_free (self->print_detail);
  self->print_detail = audit_detail (self);
  tandem_pdf_preview_print (self->preview, GTK_WINDOW (self), title);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (widget);

  /* What is printed is what is previewed: a preview still being rebuilt
   * for the latest options is printed once it is ready. */
  if (is_busy (self))
    {
      self->print_when_ready = TRUE;
      return;
    }
  print_now (self);
}

static void
printed_cb (TandemPackDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!tandem_store_audit (self->store, "pack-print", child_id (self), self->print_detail,
                           &error))
    g_warning ("Could not record the printed pack: %s", error->message);
}

/* Zoom, wherever the focus is in the dialog --------------------------- */

static gboolean
zoom_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (widget);

  return gtk_widget_activate_action (GTK_WIDGET (self->preview),
                                     g_variant_get_string (args, NULL), NULL);
}

/* Setting up ---------------------------------------------------------------- */

static gboolean
update_options_button_cb (gpointer user_data)
{
  TandemPackDialog *self = user_data;

  self->folded_source = 0;
  gtk_widget_set_visible (self->options_button, adw_flap_get_folded (self->flap));
  return G_SOURCE_REMOVE;
}

/* On a narrow window the options slide over the preview, shown with a
 * button in the header. The flap folds while it is being laid out, when
 * the header cannot be changed: the button follows just after. */
static void
folded_cb (TandemPackDialog *self)
{
  if (self->folded_source == 0)
    self->folded_source = g_idle_add (update_options_button_cb, self);
}

static void
add_section_rows (TandemPackDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      const char *title = _(tandem_pack_text_section_title (section_rows[i].section));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (section_rows[i].subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(section_rows[i].subtitle));
      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      tandem_a11y_set_label (toggle, title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (option_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->sections_group, row);
      self->section_switches[i] = GTK_SWITCH (toggle);
    }
}

static char *
carer_label (TandemCarer *carer)
{
  const char *relationship = tandem_record_get_text (TANDEM_RECORD (carer), "relationship");

  if (relationship == NULL || relationship[0] == '\0')
    return g_strdup (tandem_carer_get_name (carer));
  /* Translators: a carer in a list of whom a pack is for; %1$s is their
   * name, %2$s how they are related to the child, e.g. "Mother". */
  return g_strdup_printf (_("%1$s (%2$s)"), tandem_carer_get_name (carer), relationship);
}

static void
fill_carers (TandemPackDialog *self,
             GPtrArray        *carers,
             gboolean          family_choice)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  self->family_choice = family_choice;
  self->carers = g_ptr_array_ref (carers);
  if (family_choice)
    /* Translators: a pack addressed to the child's family as a whole
     * rather than to one carer. */
    gtk_string_list_append (model, _("The family"));
  for (guint i = 0; i < carers->len; i++)
    {
      g_autofree char *label = carer_label (g_ptr_array_index (carers, i));

      gtk_string_list_append (model, label);
    }
  adw_combo_row_set_model (self->carer_row, G_LIST_MODEL (model));

  /* The first carer is usually the one the setting talks to. */
  adw_combo_row_set_selected (self->carer_row, family_choice && carers->len > 0 ? 1 : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->carer_row),
                            g_list_model_get_n_items (G_LIST_MODEL (model)) > 1);
}

static void
fill_period (TandemPackDialog *self)
{
  g_autofree char *from = tandem_pack_default_from (self->store, child_id (self), today (self));

  self->loading = TRUE;
  tandem_editor_set_entry (self->from_row, from);
  tandem_editor_set_entry (self->to_row, today (self));
  self->loading = FALSE;
}

static void
tandem_pack_dialog_dispose (GObject *object)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (object);

  /* Whatever is under way has nobody to show its result to. */
  self->disposed = TRUE;
  self->serial++;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_handle_id (&self->folded_source, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PACK_DIALOG);

  G_OBJECT_CLASS (tandem_pack_dialog_parent_class)->dispose (object);
}

static void
tandem_pack_dialog_finalize (GObject *object)
{
  TandemPackDialog *self = TANDEM_PACK_DIALOG (object);

  /* No build or save is running: each holds the dialog until it is done. */
  g_clear_object (&self->reader);
  g_mutex_clear (&self->reader_lock);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->carers, g_ptr_array_unref);
  g_free (self->language);
  g_free (self->today);
  g_free (self->error_message);
  g_free (self->font_message);
  g_free (self->print_detail);
  g_free (self->save_path);

  G_OBJECT_CLASS (tandem_pack_dialog_parent_class)->finalize (object);
}

static void
tandem_pack_dialog_class_init (TandemPackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const struct {
    guint       key;
    const char *action;
  } zoom_keys[] = {
    { GDK_KEY_plus, "preview.zoom-in" },
    { GDK_KEY_equal, "preview.zoom-in" },
    { GDK_KEY_KP_Add, "preview.zoom-in" },
    { GDK_KEY_minus, "preview.zoom-out" },
    { GDK_KEY_KP_Subtract, "preview.zoom-out" },
    { GDK_KEY_0, "preview.zoom-reset" },
    { GDK_KEY_KP_0, "preview.zoom-reset" },
  };

  object_class->dispose = tandem_pack_dialog_dispose;
  object_class->finalize = tandem_pack_dialog_finalize;

  g_type_ensure (TANDEM_TYPE_PDF_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-pack-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, flap);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, options_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, carer_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, bilingual_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, bilingual_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, large_print_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, period_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, font_warning);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, font_warning_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, language_note);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, language_note_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, busy_box);
  gtk_widget_class_bind_template_child (widget_class, TandemPackDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, printed_cb);

  gtk_widget_class_install_action (widget_class, "pack.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "pack.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "pack.choose-language", NULL,
                                   choose_language_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "pack.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "pack.print", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (zoom_keys); i++)
    gtk_widget_class_add_binding (widget_class, zoom_keys[i].key, GDK_CONTROL_MASK,
                                  zoom_shortcut_cb, "s", zoom_keys[i].action);
}

static void
tandem_pack_dialog_init (TandemPackDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_mutex_init (&self->reader_lock);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  add_section_rows (self);
  tandem_editor_add_date_hint (self->from_row);
  tandem_editor_add_date_hint (self->to_row);
  tandem_a11y_set_label (GTK_WIDGET (self->bilingual_switch), _("Also in English"));
  tandem_a11y_set_label (GTK_WIDGET (self->large_print_switch), _("Large print"));
  g_signal_connect_object (self->carer_row, "notify::selected", G_CALLBACK (carer_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (folded_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Both dialogs: the carers are filled in, the language follows the one
 * selected, and the first preview is built. */
static void
finish_setup (TandemPackDialog *self,
              GPtrArray        *carers,
              gboolean          family_choice)
{
  g_autofree char *language = NULL;

  fill_carers (self, carers, family_choice);
  language = tandem_pack_default_language (self->store, child_id (self),
                                           selected_carer_id (self));
  set_language (self, language);
  if (self->meeting == NULL)
    fill_period (self);
  tandem_a11y_tidy_names (GTK_WIDGET (self));

  self->loading = FALSE;
  options_changed (self);
}

static TandemPackDialog *
dialog_new (GtkWindow   *parent,
            TandemStore *store,
            TandemChild *child)
{
  TandemPackDialog *self = g_object_new (TANDEM_TYPE_PACK_DIALOG,
                                         "transient-for", parent,
                                         NULL);

  self->store = g_object_ref (store);
  self->child = g_object_ref (child);
  adw_window_title_set_subtitle (self->window_title, tandem_child_get_display_name (child));
  return self;
}

/**
 * tandem_pack_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the database
 * @child: the child whose pack it is
 *
 * Returns: (transfer none): the dialog for a parent pack, not yet shown
 */
GtkWindow *
tandem_pack_dialog_new (GtkWindow   *parent,
                        TandemStore *store,
                        TandemChild *child)
{
  TandemPackDialog *self;
  g_autoptr(GPtrArray) carers = NULL;
  const char *params[2] = { NULL, NULL };

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_CHILD (child), NULL);

  self = dialog_new (parent, store, child);

  params[0] = child_id (self);
  carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?1", params, NULL);
  if (carers == NULL)
    carers = g_ptr_array_new_with_free_func (g_object_unref);

  finish_setup (self, carers, TRUE);
  return GTK_WINDOW (self);
}

/**
 * tandem_pack_dialog_new_invitation:
 * @parent: (nullable): the window it belongs to
 * @store: the database
 * @meeting_id: the meeting the family is invited to
 *
 * Returns: (transfer none) (nullable): the dialog for an invitation letter
 *   to one of the invited carers, not yet shown; %NULL when the meeting
 *   cannot be read
 */
GtkWindow *
tandem_pack_dialog_new_invitation (GtkWindow   *parent,
                                   TandemStore *store,
                                   const char  *meeting_id)
{
  TandemPackDialog *self;
  g_autoptr(TandemRecord) meeting = NULL;
  g_autoptr(TandemChild) child = NULL;
  g_autoptr(GPtrArray) invited = NULL;
  g_autoptr(GPtrArray) carers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *meets_on = NULL;
  const char *params[2] = { meeting_id, NULL };

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  meeting = tandem_store_load (store, TANDEM_TYPE_MEETING, meeting_id, &error);
  if (meeting != NULL)
    child = tandem_store_load (store, TANDEM_TYPE_CHILD,
                               tandem_record_get_text (meeting, "child_id"), &error);
  if (child == NULL)
    {
      g_warning ("Could not open the invitation for meeting %s: %s", meeting_id,
                 error->message);
      return NULL;
    }

  self = dialog_new (parent, store, child);
  self->meeting = g_steal_pointer (&meeting);
  gtk_window_set_title (GTK_WINDOW (self), _("Meeting Invitation"));
  adw_window_title_set_title (self->window_title, _("Meeting Invitation"));
  meets_on = tandem_date_format_long (tandem_record_get_text (self->meeting, "meets_on"));
  {
    /* Translators: under "Meeting Invitation"; %1$s is the child's name,
     * %2$s the date of the meeting. */
    g_autofree char *subtitle = g_strdup_printf (_("%1$s, %2$s"),
                                                 tandem_child_get_display_name (child),
                                                 meets_on);

    adw_window_title_set_subtitle (self->window_title, subtitle);
  }

  /* A letter is to one carer, one of those invited. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->carer_row), _("Addressed to"));
  gtk_widget_set_visible (self->period_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sections_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->bilingual_row), FALSE);

  invited = tandem_store_list (store, TANDEM_TYPE_MEETING_CARER, "meeting_id = ?1", params,
                               NULL);
  for (guint i = 0; invited != NULL && i < invited->len; i++)
    {
      const char *carer_id = tandem_record_get_text (g_ptr_array_index (invited, i), "carer_id");
      TandemCarer *carer = tandem_store_load (store, TANDEM_TYPE_CARER, carer_id, NULL);

      if (carer != NULL)
        g_ptr_array_add (carers, carer);
    }

  finish_setup (self, carers, FALSE);
  return GTK_WINDOW (self);
}

/**
 * tandem_pack_dialog_set_today:
 * @self: a dialog
 * @today: (nullable): the day taken as today (ISO), for tests; %NULL means
 *   the clock
 *
 * The period starts again from its default for that day.
 */
void
tandem_pack_dialog_set_today (TandemPackDialog *self,
                              const char       *today)
{
  g_return_if_fail (TANDEM_IS_PACK_DIALOG (self));

  g_free (self->today);
  self->today = g_strdup (today);
  if (self->meeting == NULL)
    fill_period (self);
  options_changed (self);
}

/* For tests --------------------------------------------------------------- */

TandemPdfPreview *
_tandem_pack_dialog_get_preview (TandemPackDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DIALOG (self), NULL);
  return self->preview;
}

gboolean
_tandem_pack_dialog_is_busy (TandemPackDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DIALOG (self), FALSE);
  return is_busy (self) || self->saving;
}

void
_tandem_pack_dialog_set_save_path (TandemPackDialog *self,
                                   const char       *path)
{
  g_return_if_fail (TANDEM_IS_PACK_DIALOG (self));

  g_free (self->save_path);
  self->save_path = g_strdup (path);
}

void
_tandem_pack_dialog_set_language (TandemPackDialog *self,
                                  const char       *tag)
{
  g_return_if_fail (TANDEM_IS_PACK_DIALOG (self));
  set_language (self, tag);
}

const char *
_tandem_pack_dialog_get_language (TandemPackDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DIALOG (self), NULL);
  return self->language;
}

const char *
_tandem_pack_dialog_get_error (TandemPackDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DIALOG (self), NULL);
  return self->error_message;
}

const char *
_tandem_pack_dialog_get_font_warning (TandemPackDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_PACK_DIALOG (self), NULL);
  return self->font_message;
}
