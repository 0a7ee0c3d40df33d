/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tandem-core-error.h"
#include "tandem-csv.h"
#include "tandem-import-dialog-private.h"
#include "tandem-records.h"
#include "tandem-roster.h"

/* Past this many rows a list stops growing and says how many more there are:
 * a wrong file can have thousands of bad rows, and a list that long would take
 * long to build and tell the person nothing more. */
#define MAX_LISTED_ROWS 1000

/* Laying out a list row costs about 2 ms, so a list of a few hundred children
 * or problems is added this many rows at a time, between frames: the page
 * shows at once and the window keeps responding while the list grows. */
#define ROWS_PER_BATCH 25

/* The words of a list row, made before the row itself. */
typedef struct {
  char     *title;
  char     *subtitle;
  gboolean  dim;
} RowText;

/* Imports a roster CSV in the app. The file is read, checked and shown
 * before anything is written: either the person sees each row that needs
 * fixing (and nothing is imported), or what will be created, and imports it
 * all in one transaction. */
struct _TandemImportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *import_button;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  GtkLabel             *problems_title;
  GtkListBox           *problem_list;
  GtkLabel             *summary_label;
  GtkBox               *preview_groups;

  TandemStore          *store;
  GFile                *file;
  /* A roster without problems, waiting for the person to import it. */
  TandemRoster         *roster;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GDate                 today;
  /* The rows of the list being filled (RowText), where they go (a list box
   * or a preferences group), and how far it has got. */
  GPtrArray            *pending_rows;
  GtkWidget            *pending_target;
  guint                 pending_next;
  guint                 fill_source;
  /* Counts reads, so that the result of a read that was overtaken by another
   * (a second file chosen meanwhile) is dropped. */
  guint                 serial;
};

G_DEFINE_FINAL_TYPE (TandemImportDialog, tandem_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
file_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);
  return g_file_get_basename (file);
}

static void
row_text_free (gpointer data)
{
  RowText *text = data;

  g_free (text->title);
  g_free (text->subtitle);
  g_free (text);
}

/* Takes @title and @subtitle. */
static RowText *
row_text_new (char     *title,
              char     *subtitle,
              gboolean  dim)
{
  RowText *text = g_new0 (RowText, 1);

  text->title = title;
  text->subtitle = subtitle;
  text->dim = dim;
  return text;
}

static void
stop_filling (TandemImportDialog *self)
{
  g_clear_handle_id (&self->fill_source, g_source_remove);
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  self->pending_target = NULL;
  self->pending_next = 0;
}

static void
update_actions (TandemImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 self->roster != NULL && g_strcmp0 (page, "preview") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.try-again", self->file != NULL);
}

static void
show_page (TandemImportDialog *self,
           const char         *name)
{
  gboolean loading = g_strcmp0 (name, "loading") == 0;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, loading);
  update_actions (self);
}

static void
show_error (TandemImportDialog *self,
            const char         *title,
            const char         *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  stop_filling (self);
  g_clear_pointer (&self->roster, tandem_roster_free);
  adw_status_page_set_title (self->error_page,
                             title != NULL ? title : _("This File Cannot Be Imported"));
  adw_status_page_set_description (self->error_page, escaped);
  show_page (self, "error");
}

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and messages come from the file: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* The row is labelled by its title and described by its subtitle, so a
   * screen reader reads "Line 5" and then what is wrong with it. */
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
fill_batch (TandemImportDialog *self)
{
  guint end = MIN (self->pending_next + ROWS_PER_BATCH, self->pending_rows->len);

  for (; self->pending_next < end; self->pending_next++)
    {
      RowText *text = g_ptr_array_index (self->pending_rows, self->pending_next);
      GtkWidget *row = new_row (text->title, text->subtitle);

      if (text->dim)
        gtk_widget_add_css_class (row, "dim-label");
      if (GTK_IS_LIST_BOX (self->pending_target))
        gtk_list_box_append (GTK_LIST_BOX (self->pending_target), row);
      else
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->pending_target), row);
    }
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  TandemImportDialog *self = user_data;

  fill_batch (self);
  if (self->pending_next < self->pending_rows->len)
    return G_SOURCE_CONTINUE;

  self->fill_source = 0;
  stop_filling (self);
  return G_SOURCE_REMOVE;
}

/* Adds the first rows to @target now and the rest in idle time. Takes @rows. */
static void
fill (TandemImportDialog *self,
      GtkWidget          *target,
      GPtrArray          *rows)
{
  stop_filling (self);
  self->pending_rows = rows;
  self->pending_target = target;

  fill_batch (self);
  if (self->pending_next < rows->len)
    self->fill_source = g_idle_add (fill_idle_cb, self);
  else
    stop_filling (self);
}

/* The last row of a list cut short. */
static RowText *
more_row_text (char *text)
{
  return row_text_new (text, NULL, TRUE);
}

static void
show_problems (TandemImportDialog *self,
               TandemRoster       *roster)
{
  GPtrArray *problems = tandem_roster_get_problems (roster);
  g_autoptr(GHashTable) by_line = g_hash_table_new_full (NULL, NULL, NULL, NULL);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *title = NULL;
  GPtrArray *rows;
  guint n_lines;

  /* A row can have several problems; the person fixes rows, so each row is
   * listed once with all of its problems. */
  for (guint i = 0; i < problems->len; i++)
    {
      TandemRosterProblem *problem = g_ptr_array_index (problems, i);
      gpointer index;

      if (!g_hash_table_lookup_extended (by_line, GUINT_TO_POINTER (problem->line), NULL, &index))
        {
          index = GUINT_TO_POINTER (lines->len);
          g_hash_table_insert (by_line, GUINT_TO_POINTER (problem->line), index);
          g_array_append_val (lines, problem->line);
          g_ptr_array_add (messages, g_ptr_array_new ());
        }
      g_ptr_array_add (g_ptr_array_index (messages, GPOINTER_TO_UINT (index)), problem->message);
    }

  n_lines = lines->len;
  /* Translators: the title over the list of rows of a roster file with problems. */
  title = g_strdup_printf (ngettext ("%u Row Needs Fixing", "%u Rows Need Fixing", n_lines),
                           n_lines);
  gtk_label_set_label (self->problems_title, title);

  rows = g_ptr_array_new_with_free_func (row_text_free);
  for (guint i = 0; i < n_lines && i < MAX_LISTED_ROWS; i++)
    {
      GPtrArray *row_messages = g_ptr_array_index (messages, i);
      char *line;

      /* Translators: %u is a line number in the roster file. */
      line = g_strdup_printf (_("Line %u"), g_array_index (lines, guint, i));
      g_ptr_array_add (row_messages, NULL);
      g_ptr_array_add (rows, row_text_new (line, g_strjoinv ("\n", (char **) row_messages->pdata),
                                           FALSE));
    }

  if (n_lines > MAX_LISTED_ROWS)
    {
      guint more = n_lines - MAX_LISTED_ROWS;

      /* Translators: the last item of a long list of rows with problems. */
      g_ptr_array_add (rows, more_row_text (g_strdup_printf (ngettext ("And %u more row",
                                                                       "And %u more rows",
                                                                       more),
                                                             more)));
    }

  clear_container (GTK_WIDGET (self->problem_list));
  fill (self, GTK_WIDGET (self->problem_list), rows);
  show_page (self, "problems");
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup (iso);

  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return g_strdup (iso);

  /* Translators: a date, e.g. "3 March 2026"; see the strftime-like codes of
   * g_date_time_format(). */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static char *
summary_text (TandemRoster *roster)
{
  guint n_children = tandem_roster_get_children (roster)->len;
  guint n_carers = tandem_roster_get_carers (roster)->len;
  guint n_rooms = tandem_roster_get_rooms (roster)->len;
  guint n_keyworkers = tandem_roster_get_keyworkers (roster)->len;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  /* Translators: part of the import summary, e.g. "12 children, 19 carers,
   * 2 new rooms, 1 new keyworker will be added." */
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u child", "%u children", n_children),
                                           n_children));
  if (n_carers > 0)
    /* Translators: part of the import summary. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u carer", "%u carers", n_carers),
                                             n_carers));
  if (n_rooms > 0)
    /* Translators: part of the import summary. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u new room", "%u new rooms", n_rooms),
                                             n_rooms));
  if (n_keyworkers > 0)
    /* Translators: part of the import summary. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u new keyworker", "%u new keyworkers",
                                                       n_keyworkers),
                                             n_keyworkers));
  g_ptr_array_add (parts, NULL);

  /* Translators: separates the parts of the import summary. */
  list = g_strjoinv (_(", "), (char **) parts->pdata);
  /* Translators: %s is a list such as "12 children, 19 carers, 2 new rooms". */
  return g_strdup_printf (_("%s will be added."), list);
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
add_named_group (TandemImportDialog *self,
                 const char         *title,
                 GPtrArray          *records)
{
  GtkWidget *group;

  if (records->len == 0)
    return;

  group = new_group (title, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (records, i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_row (tandem_record_get_text (record, "name"), NULL));
    }
  gtk_box_append (self->preview_groups, group);
}

/* The names of the rooms a roster's children will be in: those it creates and
 * those the store already has. */
static GHashTable *
room_names (TandemImportDialog *self,
            TandemRoster       *roster)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) existing = NULL;
  GPtrArray *rooms = tandem_roster_get_rooms (roster);

  existing = tandem_store_list (self->store, TANDEM_TYPE_ROOM, NULL, NULL, NULL);
  for (guint i = 0; existing != NULL && i < existing->len; i++)
    {
      TandemRecord *room = g_ptr_array_index (existing, i);

      g_hash_table_insert (names, g_strdup (tandem_record_get_id (room)),
                           g_strdup (tandem_record_get_text (room, "name")));
    }
  for (guint i = 0; i < rooms->len; i++)
    {
      TandemRecord *room = g_ptr_array_index (rooms, i);

      g_hash_table_insert (names, g_strdup (tandem_record_get_id (room)),
                           g_strdup (tandem_record_get_text (room, "name")));
    }

  return names;
}

static RowText *
child_row_text (TandemChild *child,
               GHashTable  *rooms,
               GPtrArray   *carer_names)
{
  TandemRecord *record = TANDEM_RECORD (child);
  const char *given = tandem_record_get_text (record, "given_name");
  const char *preferred = tandem_record_get_text (record, "preferred_name");
  const char *room_id = tandem_record_get_text (record, "room_id");
  const char *room = room_id != NULL ? g_hash_table_lookup (rooms, room_id) : NULL;
  g_autofree char *full_name = tandem_child_dup_full_name (child);
  g_autofree char *title = NULL;
  g_autofree char *born = NULL;
  g_autofree char *date = NULL;
  g_autofree char *first_line = NULL;
  g_autofree char *carers_line = NULL;

  if (preferred != NULL && g_strcmp0 (preferred, given) != 0)
    /* Translators: %1$s is a child's full name, %2$s the name the child goes by. */
    title = g_strdup_printf (_("%1$s, known as %2$s"), full_name, preferred);
  else
    title = g_steal_pointer (&full_name);

  date = format_date (tandem_record_get_text (record, "date_of_birth"));
  /* Translators: %s is a date of birth, e.g. "3 March 2022". */
  born = g_strdup_printf (_("Born %s"), date);
  if (room != NULL)
    /* Translators: %1$s is "Born 3 March 2022", %2$s the name of the child's room. */
    first_line = g_strdup_printf (_("%1$s · %2$s"), born, room);
  else
    first_line = g_steal_pointer (&born);

  if (carer_names != NULL && carer_names->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (carer_names, NULL);
      /* Translators: separates the names in a list of carers. */
      names = g_strjoinv (_(", "), (char **) carer_names->pdata);
      g_ptr_array_remove_index (carer_names, carer_names->len - 1);
      /* Translators: %s is a list of names. */
      carers_line = g_strdup_printf (_("Carers: %s"), names);
    }
  else
    carers_line = g_strdup (_("No carers"));

  return row_text_new (g_steal_pointer (&title),
                       g_strdup_printf ("%s\n%s", first_line, carers_line), FALSE);
}

static void
show_preview (TandemImportDialog *self,
              TandemRoster       *roster)
{
  GPtrArray *children = tandem_roster_get_children (roster);
  GPtrArray *carers = tandem_roster_get_carers (roster);
  const char * const *ignored = tandem_roster_get_ignored_columns (roster);
  g_autoptr(GHashTable) rooms = room_names (self, roster);
  g_autoptr(GHashTable) carers_by_child = NULL;
  g_autofree char *summary = summary_text (roster);
  GtkWidget *group;
  GPtrArray *rows;

  gtk_label_set_label (self->summary_label, summary);
  clear_container (GTK_WIDGET (self->preview_groups));

  /* First what Tandem will leave out, so that it is seen before the long
   * list of children; then what it adds. */
  if (ignored != NULL && ignored[0] != NULL)
    {
      group = new_group (_("Ignored Columns"),
                         _("Tandem does not recognise these columns, so what is in them will "
                           "not be imported."));
      for (guint i = 0; ignored[i] != NULL; i++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (ignored[i], NULL));
      gtk_box_append (self->preview_groups, group);
    }

  add_named_group (self, _("New Rooms"), tandem_roster_get_rooms (roster));
  add_named_group (self, _("New Keyworkers"), tandem_roster_get_keyworkers (roster));

  carers_by_child = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < carers->len; i++)
    {
      TandemCarer *carer = g_ptr_array_index (carers, i);
      const char *child_id = tandem_record_get_text (TANDEM_RECORD (carer), "child_id");
      GPtrArray *names = g_hash_table_lookup (carers_by_child, child_id);

      if (names == NULL)
        {
          names = g_ptr_array_new ();
          g_hash_table_insert (carers_by_child, (gpointer) child_id, names);
        }
      g_ptr_array_add (names, (gpointer) tandem_carer_get_name (carer));
    }

  rows = g_ptr_array_new_with_free_func (row_text_free);
  for (guint i = 0; i < children->len && i < MAX_LISTED_ROWS; i++)
    {
      TandemChild *child = g_ptr_array_index (children, i);
      GPtrArray *names = g_hash_table_lookup (carers_by_child,
                                              tandem_record_get_id (TANDEM_RECORD (child)));

      g_ptr_array_add (rows, child_row_text (child, rooms, names));
    }
  if (children->len > MAX_LISTED_ROWS)
    {
      guint more = children->len - MAX_LISTED_ROWS;

      /* Translators: the last item of a long list of children to import. */
      g_ptr_array_add (rows, more_row_text (g_strdup_printf (ngettext ("And %u more child",
                                                                       "And %u more children",
                                                                       more),
                                                             more)));
    }

  group = new_group (_("Children"), NULL);
  gtk_box_append (self->preview_groups, group);
  fill (self, group, rows);
  show_page (self, "preview");
}

/* Checking a roster reads the store (for the rooms, keyworkers and children it
 * already has), and importing must happen on the store it was checked against.
 * Both happen here, on the main thread, with the window's own store: a SQLite
 * connection must not be shared between threads, and a second connection in a
 * thread would cost a full open (an integrity check, about 60 ms) and keep the
 * window's store from announcing the new children. It is quick enough: for
 * 500 children with 1,000 carers checking takes about 25 ms and importing
 * about 270 ms. Only reading the file, which may be slow (a network share, a
 * USB stick), happens in a thread. */
static void
parse (TandemImportDialog *self,
       GBytes             *contents)
{
  g_autoptr(TandemRoster) roster = NULL;
  g_autoptr(GError) error = NULL;

  roster = tandem_roster_parse_for_date (self->store, contents,
                                         g_date_valid (&self->today) ? &self->today : NULL,
                                         &error);
  if (roster == NULL)
    {
      show_error (self, NULL, error->message);
      return;
    }

  if (tandem_roster_get_problems (roster)->len > 0)
    {
      show_problems (self, roster);
      return;
    }

  self->roster = g_steal_pointer (&roster);
  show_preview (self, self->roster);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = file_display_name (file);
  char *data;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);

  /* A file far too large for a roster is the wrong file; say so before
   * reading all of it into memory. */
  if (info != NULL && !tandem_csv_check_size (g_file_info_get_size (info), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (info == NULL || !g_file_load_contents (file, cancellable, &data, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_FAILED,
                                 /* Translators: %1$s is a file name, %2$s the system's
                                  * reason. */
                                 _("Could not read “%1$s”: %2$s"), name, error->message);
      return;
    }

  g_task_return_pointer (task, g_bytes_new_take (data, length), (GDestroyNotify) g_bytes_unref);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (source);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;

  contents = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed meanwhile, or another file was chosen. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || serial != self->serial)
    return;

  if (contents == NULL)
    {
      show_error (self, NULL, error->message);
      return;
    }

  parse (self, contents);
}

static void
read_file (TandemImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reading = NULL;

  stop_filling (self);
  g_clear_pointer (&self->roster, tandem_roster_free);

  if (self->file == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      show_page (self, "choose");
      return;
    }

  name = file_display_name (self->file);
  adw_window_title_set_subtitle (self->window_title, name);
  /* Translators: %s is a file name. */
  reading = g_strdup_printf (_("Reading “%s”…"), name);
  gtk_label_set_label (self->loading_label, reading);
  show_page (self, "loading");

  self->serial++;
  task = g_task_new (self, self->cancellable, read_cb, GUINT_TO_POINTER (self->serial));
  g_task_set_source_tag (task, read_file);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

static void
set_file (TandemImportDialog *self,
          GFile              *file)
{
  g_set_object (&self->file, file);
  read_file (self);
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     TandemImportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    set_file (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  /* Translators: the title of the file chooser for a CSV roster. */
  self->chooser = gtk_file_chooser_native_new (_("Import Roster"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (csv, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  read_file (TANDEM_IMPORT_DIALOG (widget));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_children;

  if (self->roster == NULL)
    return;

  n_children = tandem_roster_get_children (self->roster)->len;
  if (tandem_roster_commit (self->roster, self->store, &error))
    {
      g_clear_pointer (&self->roster, tandem_roster_free);
      g_signal_emit (self, signals[IMPORTED], 0, n_children);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* The transaction was rolled back, but the records may think themselves
   * saved; reading the file again starts from a clean roster. */
  message = g_strdup_printf ("%s\n\n%s", error->message, _("Nothing has been imported."));
  show_error (self, _("The Roster Could Not Be Imported"), message);
}

static void
tandem_import_dialog_dispose (GObject *object)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  stop_filling (self);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->roster, tandem_roster_free);

  gtk_widget_dispose_template (GTK_WIDGET (object), TANDEM_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (tandem_import_dialog_parent_class)->dispose (object);
}

static void
tandem_import_dialog_finalize (GObject *object)
{
  TandemImportDialog *self = TANDEM_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (tandem_import_dialog_parent_class)->finalize (object);
}

static void
tandem_import_dialog_class_init (TandemImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_import_dialog_dispose;
  object_class->finalize = tandem_import_dialog_finalize;

  /**
   * TandemImportDialog::imported:
   * @self: the dialog
   * @n_children: how many children were imported
   *
   * Emitted once the roster has been saved, just before the dialog closes, so
   * that the caller can say so.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, problems_title);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, problem_list);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TandemImportDialog, preview_groups);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.try-again", NULL, try_again_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tandem_import_dialog_init (TandemImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->today, 1);
}

/**
 * tandem_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the store to import into
 * @file: (nullable): the roster file, or %NULL to let the person choose one
 *
 * Makes a modal window that reads @file, checks it and shows what would be
 * imported, or the rows that need fixing. The caller presents it, and may
 * connect to #TandemImportDialog::imported to confirm the import.
 *
 * Returns: (transfer none): the dialog
 */
GtkWindow *
tandem_import_dialog_new (GtkWindow   *parent,
                          TandemStore *store,
                          GFile       *file)
{
  TandemImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (TANDEM_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  set_file (self, file);
  return GTK_WINDOW (self);
}

const char *
_tandem_import_dialog_get_page (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
_tandem_import_dialog_set_today (TandemImportDialog *self,
                                 const GDate        *today)
{
  g_return_if_fail (TANDEM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (today != NULL && g_date_valid (today));
  self->today = *today;
}

const char *
_tandem_import_dialog_get_summary (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

const char *
_tandem_import_dialog_get_error_title (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return adw_status_page_get_title (self->error_page);
}

const char *
_tandem_import_dialog_get_error_message (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return adw_status_page_get_description (self->error_page);
}

GtkListBox *
_tandem_import_dialog_get_problem_list (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return self->problem_list;
}

GtkWidget *
_tandem_import_dialog_get_preview_box (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return GTK_WIDGET (self->preview_groups);
}

GtkWidget *
_tandem_import_dialog_get_import_button (TandemImportDialog *self)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_DIALOG (self), NULL);
  return self->import_button;
}
