/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-family-mode.h"
#include "tandem-family-pin.h"
#include "tandem-journal.h"
#include "tandem-languages.h"
#include "tandem-meetings.h"
#include "tandem-pack-locale.h"
#include "tandem-pack-privacy.h"
#include "tandem-photo-strip.h"
#include "tandem-plans.h"

/* Family mode (issue 7): the keyworker hands the laptop to a carer. This is
 * a window of its own, without the application's actions and shortcuts, so
 * that nothing else in the application can be reached from it; the main
 * window is hidden while it is shown. Everything the carer sees is in the
 * carer's language: it is built, and every string set, with the carer's
 * locale pushed on this thread (tandem_pack_locale_push(): GtkBuilder and
 * P_() translate with dgettext(), which follows it). Only the way out, the
 * PIN page, is in the practitioner's language. */

#define THUMBNAIL_SIZE 120

struct _TandemFamilyMode
{
  AdwWindow       parent_instance;

  TandemStore    *store;
  TandemChild    *child;
  TandemCarer    *carer;
  GSettings      *settings;
  char           *today;
  char           *language;
  gboolean        leaving;

  GtkStack       *stack;
  AdwWindowTitle *window_title;
  GtkWidget      *finished_button;
  AdwActionRow   *home_row;
  AdwActionRow   *meeting_row;
  AdwActionRow   *plan_row;
  GtkWidget      *empty_label;
  GtkBox         *journal_box;
  AdwStatusPage  *pin_page;
  GtkEditable    *pin_entry;
  GtkLabel       *pin_error;
  GtkButton      *back_button;
  GtkButton      *unlock_button;
};

G_DEFINE_FINAL_TYPE (TandemFamilyMode, tandem_family_mode, ADW_TYPE_WINDOW)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  ASK_COMMENT,
  ASK_HOME,
  ASK_MEETING,
  ASK_PLAN,
} AskKind;

/* GTK 4 widgets do not take their parent's direction: each is given the
 * carer's, so that Arabic or Urdu lays the whole view out right to left. */
static void
set_direction (GtkWidget        *widget,
               GtkTextDirection  direction)
{
  if (direction == GTK_TEXT_DIR_NONE)
    return;
  gtk_widget_set_direction (widget, direction);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_direction (child, direction);
}

static TandemPackLocale *
push (TandemFamilyMode *self)
{
  return tandem_pack_locale_push (self->language, NULL);
}

static const char *
child_id (TandemFamilyMode *self)
{
  return tandem_record_get_id (TANDEM_RECORD (self->child));
}

static const char *
carer_id (TandemFamilyMode *self)
{
  return tandem_record_get_id (TANDEM_RECORD (self->carer));
}

static const char *
given_name (TandemFamilyMode *self)
{
  const char *preferred = tandem_record_get_text (TANDEM_RECORD (self->child), "preferred_name");

  if (preferred != NULL && *preferred != '\0')
    return preferred;
  return tandem_record_get_text (TANDEM_RECORD (self->child), "given_name");
}

static gboolean
audit (TandemFamilyMode *self,
       const char       *what,
       const char       *id,
       GError          **error)
{
  g_autofree char *detail = g_strdup_printf ("%s %s carer %s", what, id, carer_id (self));

  return tandem_store_audit (self->store, "family-mode", child_id (self), detail, error);
}

/* The journal ---------------------------------------------------------------- */

/* Other children of an observation are not named to a family: their names
 * become "a friend", in the carer's language (call under push ()). */
static char *
private_text (TandemFamilyMode *self,
              GPtrArray        *hide,
              GPtrArray        *keep,
              const char       *text)
{
  if (text == NULL)
    return NULL;
  return tandem_pack_privacy_hide_names (text, (const char * const *) hide->pdata,
                                         (const char * const *) keep->pdata,
                                         P_("a friend"), P_("friends"));
}

static void ask_text (TandemFamilyMode *self, AskKind kind, const char *observation_id);

static void
comment_clicked_cb (GtkButton        *button,
                    TandemFamilyMode *self)
{
  ask_text (self, ASK_COMMENT, g_object_get_data (G_OBJECT (button), "observation-id"));
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
comment_author (TandemFamilyMode *self,
                TandemRecord     *comment)
{
  const char *carer = tandem_record_get_text (comment, "carer_id");
  const char *author = tandem_record_get_text (comment, "author_id");

  if (carer != NULL)
    {
      g_autoptr(TandemCarer) who = tandem_store_load (self->store, TANDEM_TYPE_CARER, carer, NULL);

      /* Only this child's carers: any other is not named. */
      if (who != NULL && g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (who), "child_id"),
                                    child_id (self)) == 0)
        return g_strdup (tandem_carer_get_name (who));
    }
  else if (author != NULL)
    {
      g_autoptr(TandemKeyworker) who = tandem_store_load (self->store, TANDEM_TYPE_KEYWORKER,
                                                          author, NULL);

      if (who != NULL)
        return g_strdup (tandem_keyworker_get_name (who));
    }
  return NULL;
}

static GtkWidget *
observation_card (TandemFamilyMode  *self,
                  TandemObservation *observation,
                  GPtrArray         *keep,
                  GHashTable        *consent_cache)
{
  TandemRecord *record = TANDEM_RECORD (observation);
  const char *id = tandem_record_get_id (record);
  g_auto(GStrv) child_ids = tandem_journal_get_child_ids (self->store, id, NULL);
  g_autoptr(GPtrArray) hide = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) photos = tandem_journal_get_photos (self->store, id, NULL);
  g_autoptr(GPtrArray) comments = tandem_journal_get_comments (self->store, id, NULL);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button;

  for (guint i = 0; child_ids != NULL && child_ids[i] != NULL; i++)
    {
      g_autoptr(TandemChild) other = NULL;

      if (g_str_equal (child_ids[i], child_id (self)))
        continue;
      other = tandem_store_load (self->store, TANDEM_TYPE_CHILD, child_ids[i], NULL);
      if (other != NULL)
        tandem_pack_privacy_add_child_names (hide, other);
    }
  g_ptr_array_add (hide, NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (card, 0);

  /* Translators: the date of a journal item in family mode, a
   * g_date_time_format() format, e.g. "5 March 2026". */
  date = tandem_pack_format_date (tandem_record_get_text (record, "observed_on"),
                                  P_("%-d %B %Y"));
  if (g_strcmp0 (tandem_record_get_text (record, "source"), TANDEM_SOURCE_HOME) == 0)
    {
      g_autofree char *with_home = NULL;

      /* Translators: family mode, a journal item the family added
       * themselves; %s is its date. */
      with_home = g_strdup_printf (P_("%s · from home"), date != NULL ? date : "");
      g_free (date);
      date = g_steal_pointer (&with_home);
    }
  gtk_box_append (GTK_BOX (card), wrapped_label (date, "heading"));

  text = private_text (self, hide, keep, tandem_record_get_text (record, "text"));
  gtk_box_append (GTK_BOX (card), wrapped_label (text, NULL));

  if (photos != NULL && photos->len > 0)
    {
      GtkWidget *strip = gtk_flow_box_new ();

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (strip), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (strip), 6);
      for (guint i = 0; i < photos->len; i++)
        {
          TandemRecord *photo = g_ptr_array_index (photos, i);
          const char *blob = tandem_record_get_text (photo, "blob");
          g_autofree char *path = NULL;
          GtkWidget *picture;

          /* A photo with another child in it needs their family's consent,
           * as in a pack. */
          if (!tandem_pack_privacy_photo_allowed (self->store, tandem_record_get_id (photo),
                                                  (const char * const *) child_ids,
                                                  self->today, consent_cache))
            continue;
          path = tandem_blob_store_get_path (self->store, blob);
          if (path == NULL)
            continue;
          picture = gtk_picture_new_for_filename (path);
          gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
          gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
          gtk_picture_set_alternative_text (GTK_PICTURE (picture), P_("Photo"));
          gtk_flow_box_append (GTK_FLOW_BOX (strip), picture);
        }
      gtk_box_append (GTK_BOX (card), strip);
    }

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      TandemRecord *comment = g_ptr_array_index (comments, i);
      g_autofree char *author = comment_author (self, comment);
      g_autofree char *said = private_text (self, hide, keep,
                                            tandem_record_get_text (comment, "text"));
      g_autofree char *line = NULL;

      if (author != NULL)
        /* Translators: family mode, a comment under a journal item: %1$s
         * is who wrote it, %2$s what they wrote. */
        line = g_strdup_printf (P_("%1$s: %2$s"), author, said);
      else
        line = g_strdup (said);
      gtk_box_append (GTK_BOX (card), wrapped_label (line, "dim-label"));
    }

  button = gtk_button_new_with_mnemonic (P_("_Add a Comment…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (button), "observation-id", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (comment_clicked_cb), self);
  gtk_box_append (GTK_BOX (card), button);

  for (GtkWidget *c = gtk_widget_get_first_child (card); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      gtk_widget_set_margin_start (c, 12);
      gtk_widget_set_margin_end (c, 12);
    }
  gtk_widget_set_margin_top (gtk_widget_get_first_child (card), 12);
  gtk_widget_set_margin_bottom (gtk_widget_get_last_child (card), 12);
  return card;
}

static void
fill_journal (TandemFamilyMode *self)
{
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  TandemPackLocale *pushed;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->journal_box))) != NULL)
    gtk_box_remove (self->journal_box, child);

  filter.shared = 1;
  ids = tandem_journal_list_ids (self->store, child_id (self), &filter, &error);
  if (ids == NULL)
    {
      g_warning ("Family mode: %s", error->message);
      return;
    }
  tandem_pack_privacy_add_child_names (keep, self->child);
  g_ptr_array_add (keep, NULL);

  pushed = push (self);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TandemObservation) observation =
        tandem_store_load (self->store, TANDEM_TYPE_OBSERVATION, g_ptr_array_index (ids, i), NULL);

      if (observation != NULL)
        gtk_box_append (self->journal_box, observation_card (self, observation, keep, cache));
    }
  tandem_pack_locale_pop (pushed);
  gtk_widget_set_visible (self->empty_label, ids->len == 0);
  set_direction (GTK_WIDGET (self->journal_box), gtk_widget_get_direction (GTK_WIDGET (self)));
  tandem_a11y_tidy_names (GTK_WIDGET (self->journal_box));
}

/* Writing -------------------------------------------------------------------- */

static gboolean
check_text (const char *text,
            GError    **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0')
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   "%s", P_("Please write something first."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish_write (TandemFamilyMode *self,
              gboolean          ok,
              GError          **error)
{
  if (!ok)
    {
      tandem_store_rollback (self->store);
      return FALSE;
    }
  if (!tandem_store_commit (self->store, error))
    {
      tandem_store_rollback (self->store);
      return FALSE;
    }
  fill_journal (self);
  return TRUE;
}

/**
 * tandem_family_mode_add_comment:
 * @self: family mode
 * @observation_id: a journal item shared with the family of this child
 * @text: what the carer wrote
 * @error: where to put a failure
 *
 * Adds the carer's comment under @observation_id, credited to them, and
 * records it in the audit log.
 *
 * Returns: whether it was saved
 */
gboolean
tandem_family_mode_add_comment (TandemFamilyMode *self,
                                const char       *observation_id,
                                const char       *text,
                                GError          **error)
{
  g_autoptr(TandemComment) comment = NULL;
  g_auto(GStrv) child_ids = NULL;
  g_autofree char *today = NULL;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_FAMILY_MODE (self), FALSE);
  g_return_val_if_fail (observation_id != NULL, FALSE);

  if (!check_text (text, error))
    return FALSE;
  /* Only under this child's own items. */
  child_ids = tandem_journal_get_child_ids (self->store, observation_id, error);
  if (child_ids == NULL)
    return FALSE;
  if (!g_strv_contains ((const char * const *) child_ids, child_id (self)))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND,
                   "%s", P_("This item is not about your child."));
      return FALSE;
    }

  comment = tandem_comment_new (observation_id, text);
  tandem_record_set_text (TANDEM_RECORD (comment), "carer_id", carer_id (self));
  tandem_record_set_text (TANDEM_RECORD (comment), "author_id", NULL);
  tandem_record_set_text (TANDEM_RECORD (comment), "commented_on", self->today);
  tandem_record_set_text (TANDEM_RECORD (comment), "via", "family_mode");

  if (!tandem_store_begin (self->store, error))
    return FALSE;
  ok = tandem_store_save (self->store, TANDEM_RECORD (comment), error) &&
       audit (self, "comment", tandem_record_get_id (TANDEM_RECORD (comment)), error);
  return finish_write (self, ok, error);
}

/**
 * tandem_family_mode_add_home:
 * @self: family mode
 * @text: what the child did at home
 * @photos: (nullable) (element-type TandemPhoto): its photos
 * @photo_children: (nullable): who is in each photo, as
 *   tandem_journal_save_observation() takes them
 * @error: where to put a failure
 *
 * Adds a journal item from home, from the carer, shared with the family.
 *
 * Returns: whether it was saved
 */
gboolean
tandem_family_mode_add_home (TandemFamilyMode *self,
                             const char       *text,
                             GPtrArray        *photos,
                             GPtrArray        *photo_children,
                             GError          **error)
{
  g_autoptr(TandemObservation) observation = NULL;
  const char *ids[] = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_FAMILY_MODE (self), FALSE);

  if (!check_text (text, error))
    return FALSE;
  ids[0] = child_id (self);
  observation = tandem_observation_new (self->today, text);
  tandem_record_set_text (TANDEM_RECORD (observation), "source", TANDEM_SOURCE_HOME);
  tandem_record_set_text (TANDEM_RECORD (observation), "carer_id", carer_id (self));
  tandem_record_set_bool (TANDEM_RECORD (observation), "shared", TRUE);

  /* tandem_journal_save_observation() has its own transaction. */
  if (!tandem_journal_save_observation (self->store, observation, ids, photos, photo_children,
                                        error))
    return FALSE;
  if (!tandem_store_begin (self->store, error))
    return FALSE;
  ok = audit (self, "home", tandem_record_get_id (TANDEM_RECORD (observation)), error);
  return finish_write (self, ok, error);
}

/* Adds @text to a long text field, the carer's name before it. */
static void
append_credited (TandemFamilyMode *self,
                 TandemRecord     *record,
                 const char       *field,
                 const char       *text)
{
  const char *old = tandem_record_get_text (record, field);
  g_autofree char *entry = g_strdup_printf ("%s: %s", tandem_carer_get_name (self->carer), text);
  g_autofree char *value = NULL;

  if (old != NULL && *old != '\0')
    value = g_strconcat (old, "\n\n", entry, NULL);
  else
    value = g_strdup (entry);
  tandem_record_set_text (record, field, value);
}

/**
 * tandem_family_mode_add_for_meeting:
 * @self: family mode
 * @text: what the carer wants to talk about
 * @error: where to put a failure; %TANDEM_CORE_ERROR_NOT_FOUND when no
 *   meeting is planned
 *
 * Adds @text, with the carer's name, to what the family wants from the
 * child's next planned meeting.
 *
 * Returns: whether it was saved
 */
gboolean
tandem_family_mode_add_for_meeting (TandemFamilyMode *self,
                                    const char       *text,
                                    GError          **error)
{
  g_autoptr(TandemMeeting) meeting = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_FAMILY_MODE (self), FALSE);

  if (!check_text (text, error))
    return FALSE;
  meeting = tandem_meetings_next (self->store, child_id (self), self->today, &local_error);
  if (meeting == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND, "%s",
                     P_("No meeting is planned yet. Please tell the keyworker what you "
                        "would like to talk about."));
      return FALSE;
    }
  append_credited (self, TANDEM_RECORD (meeting), "family_wants", text);
  if (!tandem_store_begin (self->store, error))
    return FALSE;
  ok = tandem_store_save (self->store, TANDEM_RECORD (meeting), error) &&
       audit (self, "meeting", tandem_record_get_id (TANDEM_RECORD (meeting)), error);
  return finish_write (self, ok, error);
}

/* The child's plan the family can add to: not closed, and no longer a
 * draft. */
static TandemPlan *
open_plan (TandemFamilyMode *self)
{
  g_autoptr(TandemPlan) plan = tandem_plans_current (self->store, child_id (self), NULL);

  if (plan == NULL ||
      g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (plan), "status"), TANDEM_PLAN_DRAFT) == 0)
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * tandem_family_mode_add_for_plan:
 * @self: family mode
 * @text: the carer's views
 * @error: where to put a failure; %TANDEM_CORE_ERROR_NOT_FOUND when the
 *   child has no support plan in use
 *
 * Adds @text, with the carer's name, to the family's views in the child's
 * support plan.
 *
 * Returns: whether it was saved
 */
gboolean
tandem_family_mode_add_for_plan (TandemFamilyMode *self,
                                 const char       *text,
                                 GError          **error)
{
  g_autoptr(TandemPlan) plan = NULL;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_FAMILY_MODE (self), FALSE);

  if (!check_text (text, error))
    return FALSE;
  plan = open_plan (self);
  if (plan == NULL)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_NOT_FOUND, "%s",
                   P_("There is no support plan to add to."));
      return FALSE;
    }
  append_credited (self, TANDEM_RECORD (plan), "family_views", text);
  if (!tandem_store_begin (self->store, error))
    return FALSE;
  ok = tandem_store_save (self->store, TANDEM_RECORD (plan), error) &&
       audit (self, "plan", tandem_record_get_id (TANDEM_RECORD (plan)), error);
  return finish_write (self, ok, error);
}

/* Asking for text ---------------------------------------------------------- */

typedef struct {
  TandemFamilyMode *self;
  AskKind           kind;
  char             *observation_id;
  GtkTextBuffer    *buffer;
  TandemPhotoStrip *photo_strip;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  g_free (ask->observation_id);
  g_free (ask);
}

static void
show_error (TandemFamilyMode *self,
            const char       *message)
{
  TandemPackLocale *pushed = push (self);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), P_("Not Saved"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", P_("_Close"));
  tandem_pack_locale_pop (pushed);
  set_direction (dialog, gtk_widget_get_direction (GTK_WIDGET (self)));
  gtk_window_present (GTK_WINDOW (dialog));
  tandem_a11y_tidy_names (dialog);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "tandem-ask");
  TandemFamilyMode *self = ask->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  TandemPackLocale *pushed;
  gboolean ok = FALSE;

  if (g_strcmp0 (response, "save") != 0)
    return;
  gtk_text_buffer_get_bounds (ask->buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (ask->buffer, &start, &end, FALSE));

  pushed = push (self);
  switch (ask->kind)
    {
    case ASK_COMMENT:
      ok = tandem_family_mode_add_comment (self, ask->observation_id, text, &error);
      break;
    case ASK_HOME:
      {
        g_autoptr(GPtrArray) photos = NULL;
        g_autoptr(GPtrArray) photo_children = NULL;

        if (tandem_photo_strip_get_busy (ask->photo_strip))
          {
            g_set_error (&error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID, "%s",
                         P_("The photo is still being added. Please try again in a moment."));
            break;
          }
        tandem_photo_strip_collect (ask->photo_strip, &photos, &photo_children);
        ok = tandem_family_mode_add_home (self, text, photos, photo_children, &error);
      }
      break;
    case ASK_MEETING:
      ok = tandem_family_mode_add_for_meeting (self, text, &error);
      break;
    case ASK_PLAN:
      ok = tandem_family_mode_add_for_plan (self, text, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  tandem_pack_locale_pop (pushed);
  if (!ok)
    show_error (self, error->message);
}

static void
ask_text (TandemFamilyMode *self,
          AskKind           kind,
          const char       *observation_id)
{
  TandemPackLocale *pushed = push (self);
  g_autofree char *heading = NULL;
  Ask *ask = g_new0 (Ask, 1);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  ask->self = self;
  ask->kind = kind;
  ask->observation_id = g_strdup (observation_id);
  ask->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  switch (kind)
    {
    case ASK_COMMENT:
      heading = g_strdup (P_("Add a Comment"));
      break;
    case ASK_HOME:
      /* Translators: family mode; %s is the child's name. */
      heading = g_strdup_printf (P_("Something %s did at home"), given_name (self));
      break;
    case ASK_MEETING:
      heading = g_strdup (P_("For our next meeting"));
      break;
    case ASK_PLAN:
      /* Translators: family mode; %s is the child's name. */
      heading = g_strdup_printf (P_("For %s’s support plan"), given_name (self));
      break;
    default:
      g_assert_not_reached ();
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "tandem-ask", ask, ask_free);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  if (kind == ASK_HOME)
    {
      const char *ids[] = { child_id (self), NULL };
      const char *names[] = { given_name (self), NULL };

      ask->photo_strip = TANDEM_PHOTO_STRIP (tandem_photo_strip_new ());
      tandem_photo_strip_set_store (ask->photo_strip, self->store);
      tandem_photo_strip_set_children (ask->photo_strip, ids, names);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->photo_strip));
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", P_("_Cancel"),
                                    "save", P_("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  tandem_pack_locale_pop (pushed);

  set_direction (dialog, gtk_widget_get_direction (GTK_WIDGET (self)));
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  tandem_a11y_tidy_names (dialog);
  gtk_widget_grab_focus (view);
}

static void
home_activated_cb (TandemFamilyMode *self)
{
  ask_text (self, ASK_HOME, NULL);
}

static void
meeting_activated_cb (TandemFamilyMode *self)
{
  g_autoptr(TandemMeeting) meeting = tandem_meetings_next (self->store, child_id (self),
                                                           self->today, NULL);

  if (meeting == NULL)
    {
      TandemPackLocale *pushed = push (self);
      g_autofree char *message = g_strdup (P_("No meeting is planned yet. Please tell the "
                                              "keyworker what you would like to talk about."));

      tandem_pack_locale_pop (pushed);
      show_error (self, message);
      return;
    }
  ask_text (self, ASK_MEETING, NULL);
}

static void
plan_activated_cb (TandemFamilyMode *self)
{
  ask_text (self, ASK_PLAN, NULL);
}

/* Leaving ---------------------------------------------------------------- */

/**
 * tandem_family_mode_leave:
 * @self: family mode
 * @pin: (nullable): the PIN typed
 *
 * Leaves family mode when @pin is the PIN set in Preferences: emits
 * #TandemFamilyMode::finished and destroys the window. A wrong PIN says
 * so on the PIN page and stays.
 *
 * Returns: whether family mode was left
 */
gboolean
tandem_family_mode_leave (TandemFamilyMode *self,
                          const char       *pin)
{
  g_return_val_if_fail (TANDEM_IS_FAMILY_MODE (self), FALSE);

  if (!tandem_family_pin_check (self->settings, pin))
    {
      gtk_label_set_text (self->pin_error, _("Wrong PIN. Please try again."));
      gtk_widget_set_visible (GTK_WIDGET (self->pin_error), TRUE);
      gtk_editable_set_text (self->pin_entry, "");
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return FALSE;
    }

  g_object_ref (self);
  self->leaving = TRUE;
  {
    g_autofree char *detail = g_strdup_printf ("left carer %s", carer_id (self));

    tandem_store_audit (self->store, "family-mode", child_id (self), detail, NULL);
  }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}

static void
finished_clicked_cb (TandemFamilyMode *self)
{
  /* The way out is the practitioner's: in the application's language and
   * direction, not the carer's. */
  set_direction (GTK_WIDGET (self->pin_page), gtk_widget_get_default_direction ());
  adw_status_page_set_title (self->pin_page, _("Family Mode PIN"));
  adw_status_page_set_description (self->pin_page,
                                   _("A practitioner enters the PIN to leave family mode."));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->pin_entry), _("PIN"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("PIN"), -1);
  gtk_button_set_label (self->back_button, _("_Back"));
  gtk_button_set_use_underline (self->back_button, TRUE);
  gtk_button_set_label (self->unlock_button, _("_Leave Family Mode"));
  gtk_button_set_use_underline (self->unlock_button, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->pin_error), FALSE);
  gtk_editable_set_text (self->pin_entry, "");
  tandem_a11y_tidy_names (GTK_WIDGET (self->pin_page));
  gtk_stack_set_visible_child_name (self->stack, "pin");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

static void
back_clicked_cb (TandemFamilyMode *self)
{
  gtk_editable_set_text (self->pin_entry, "");
  gtk_stack_set_visible_child_name (self->stack, "family");
  gtk_widget_grab_focus (self->finished_button);
}

static void
unlock_cb (TandemFamilyMode *self)
{
  tandem_family_mode_leave (self, gtk_editable_get_text (self->pin_entry));
}

static gboolean
tandem_family_mode_close_request (GtkWindow *window)
{
  TandemFamilyMode *self = TANDEM_FAMILY_MODE (window);

  /* Closing (Alt+F4) is the way out too, so it asks for the PIN. */
  if (self->leaving)
    return GDK_EVENT_PROPAGATE;
  finished_clicked_cb (self);
  return GDK_EVENT_STOP;
}

static void
tandem_family_mode_dispose (GObject *object)
{
  TandemFamilyMode *self = TANDEM_FAMILY_MODE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_FAMILY_MODE);
  g_clear_object (&self->store);
  g_clear_object (&self->child);
  g_clear_object (&self->carer);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tandem_family_mode_parent_class)->dispose (object);
}

static void
tandem_family_mode_finalize (GObject *object)
{
  TandemFamilyMode *self = TANDEM_FAMILY_MODE (object);

  g_free (self->today);
  g_free (self->language);

  G_OBJECT_CLASS (tandem_family_mode_parent_class)->finalize (object);
}

static void
tandem_family_mode_class_init (TandemFamilyModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tandem_family_mode_dispose;
  object_class->finalize = tandem_family_mode_finalize;
  window_class->close_request = tandem_family_mode_close_request;

  /**
   * TandemFamilyMode::finished:
   *
   * The right PIN was entered: family mode is over.
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  g_type_ensure (TANDEM_TYPE_PHOTO_STRIP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-family-mode.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, window_title);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, finished_button);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, home_row);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, meeting_row);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, plan_row);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, journal_box);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, pin_page);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, pin_error);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, back_button);
  gtk_widget_class_bind_template_child (widget_class, TandemFamilyMode, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, finished_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
  gtk_widget_class_bind_template_callback (widget_class, home_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, meeting_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_activated_cb);
}

static void
tandem_family_mode_init (TandemFamilyMode *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
}

/* Whether @language is written right to left. */
static gboolean
is_rtl (const char *language)
{
  static const char * const rtl[] = { "ar", "ckb", "fa", "he", "pa-Arab", "prs", "ps", "ur",
                                      NULL };

  return language != NULL && g_strv_contains (rtl, language);
}

/**
 * tandem_family_mode_new:
 * @store: the database
 * @child: the child whose family it is
 * @carer: the carer the laptop is handed to
 * @today: (nullable): today's date (ISO); %NULL for today
 *
 * Creates family mode for @carer, in their preferred language. Present it,
 * and hide the main window until #TandemFamilyMode::finished.
 *
 * Returns: (transfer none): the new window
 */
TandemFamilyMode *
tandem_family_mode_new (TandemStore *store,
                        TandemChild *child,
                        TandemCarer *carer,
                        const char  *today)
{
  const char *language = tandem_record_get_text (TANDEM_RECORD (carer), "preferred_language");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *plan_title = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  TandemPackLocale *pushed;
  TandemFamilyMode *self;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_CHILD (child), NULL);
  g_return_val_if_fail (TANDEM_IS_CARER (carer), NULL);

  if (language == NULL || *language == '\0' || tandem_pack_language_support (language) !=
      TANDEM_PACK_LANGUAGE_OK)
    language = NULL;

  /* The template is translated as it is built: in the carer's language. */
  pushed = tandem_pack_locale_push (language, NULL);
  self = g_object_new (TANDEM_TYPE_FAMILY_MODE, NULL);
  self->store = g_object_ref (store);
  self->child = g_object_ref (child);
  self->carer = g_object_ref (carer);
  self->today = today != NULL ? g_strdup (today) : tandem_date_today ();
  self->language = g_strdup (language);

  if (is_rtl (language))
    set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_RTL);
  else if (language != NULL)
    set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_LTR);

  title = g_strdup (tandem_child_get_display_name (child));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  /* Translators: the subtitle of family mode: %s is the carer's name. */
  subtitle = g_strdup_printf (P_("Welcome, %s"), tandem_carer_get_name (carer));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  {
    /* Translators: family mode; %s is the child's name. */
    g_autofree char *home = g_strdup_printf (P_("Something %s did at home"), given_name (self));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->home_row), home);
    adw_action_row_set_subtitle (self->home_row, P_("Tell us about it, with a photo if you like"));
  }
  adw_action_row_set_subtitle (self->meeting_row, P_("What you would like to talk about"));
  /* Translators: family mode; %s is the child's name. */
  plan_title = g_strdup_printf (P_("For %s’s support plan"), given_name (self));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->plan_row), plan_title);
  adw_action_row_set_subtitle (self->plan_row, P_("Your views, in your own words"));
  plan = open_plan (self);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_row), plan != NULL);
  tandem_pack_locale_pop (pushed);

  fill_journal (self);
  tandem_a11y_tidy_names (GTK_WIDGET (self));
  return self;
}

/**
 * tandem_family_mode_get_language:
 * @self: family mode
 *
 * Returns: (nullable): the language tag family mode is shown in; %NULL for
 *   the untranslated English
 */
const char *
tandem_family_mode_get_language (TandemFamilyMode *self)
{
  g_return_val_if_fail (TANDEM_IS_FAMILY_MODE (self), NULL);

  return self->language;
}
