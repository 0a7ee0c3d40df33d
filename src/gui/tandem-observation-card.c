/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tandem-a11y.h"
#include "tandem-blob-store.h"
#include "tandem-comment-dialog.h"
#include "tandem-dates.h"
#include "tandem-eyfs.h"
#include "tandem-journal.h"
#include "tandem-observation-card.h"
#include "tandem-observation-editor.h"
#include "tandem-records.h"
#include "tandem-undo.h"

/* One observation in a child's journal. Cards are recycled by the list
 * view: set_observation() fills the same widgets with another record as
 * the list scrolls, so everything shown must be (re)set there.
 *
 * GTK 4.8's grid view binds several cards a frame while it scrolls (more
 * than come on screen: the rows it keeps around the visible ones shift back
 * and forth), so binding is kept cheap: the widgets of a card are made once
 * and refilled, never removed and made again (a new widget costs a style
 * lookup and a CSS node), and a style class or icon is only touched when it
 * changes. */

/* Thumbnails shown on a card; more are counted ("+2"). */
#define MAX_THUMBNAILS 3
#define THUMBNAIL_SIZE 96
/* Thumbnails kept decoded for cards scrolled back to. */
#define THUMBNAIL_CACHE_SIZE 96

struct _TandemObservationCard
{
  GtkWidget          parent_instance;

  GtkWidget         *card;
  GtkLabel          *date_label;
  GtkWidget         *source_box;
  GtkImage          *source_icon;
  GtkLabel          *source_label;
  GtkLabel          *group_label;
  GtkWidget         *shared_box;
  GtkImage          *shared_icon;
  GtkLabel          *shared_label;
  GtkLabel          *text_label;
  GtkBox            *photos_box;
  GtkFlowBox        *areas_box;
  GtkBox            *details_box;
  GtkWidget         *characteristics_section;
  GtkLabel          *characteristics_label;
  GtkWidget         *next_steps_section;
  GtkLabel          *next_steps_label;
  GtkWidget         *ideas_section;
  GtkLabel          *ideas_label;
  GtkWidget         *internal_section;
  GtkLabel          *internal_label;
  GtkWidget         *comment_box;
  GtkLabel          *comment_meta_label;
  GtkLabel          *comment_text_label;
  GtkLabel          *comments_count_label;
  GtkWidget         *comment_button;
  GtkWidget         *edit_button;
  GtkWidget         *delete_button;

  /* Made when first needed and reused: the area chips (GtkFlowBoxChild),
   * the thumbnails and the "+2" after them. */
  GPtrArray         *chips;
  GtkWidget         *thumbnails[MAX_THUMBNAILS];
  GtkWidget         *more_photos_label;

  /* What the style classes and icons show now: -1 before the first. */
  int                shown_home;
  int                shown_shared;
  /* Whether GTK holds a size the card guessed: see "Sizes of cards not on
   * screen" below. */
  gboolean           size_guessed;

  TandemStore       *store;
  TandemObservation *observation;
  char              *child_id;
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (TandemObservationCard, tandem_observation_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_OBSERVATION,
  PROP_CHILD_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Tooltips that cost nothing to change. gtk_widget_set_tooltip_text() asks
 * the display where the pointer is (on X11 a round trip to the server) each
 * time it is called, a third of a millisecond; a card sets several as it is
 * bound, and the list binds several cards a frame as it scrolls. These ask
 * for their text only when the tooltip is about to show. */

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "tandem-tooltip");

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
init_tooltip (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/* Like gtk_widget_set_tooltip_text(), also the accessible description, for
 * a widget set up with init_tooltip(). */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "tandem-tooltip"), text) == 0)
    return;

  g_object_set_data_full (G_OBJECT (widget), "tandem-tooltip", g_strdup (text), g_free);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Decoded thumbnails by blob hash, most recently used first; the main
 * thread only. */
static GHashTable *thumbnails;
static GQueue      thumbnail_order = G_QUEUE_INIT;

static GdkTexture *
thumbnail_lookup (const char *hash)
{
  GList *link;

  if (thumbnails == NULL || (link = g_hash_table_lookup (thumbnails, hash)) == NULL)
    return NULL;

  g_queue_unlink (&thumbnail_order, link);
  g_queue_push_head_link (&thumbnail_order, link);
  return g_object_get_data (link->data, "tandem-texture");
}

static void
thumbnail_insert (const char *hash,
                  GdkTexture *texture)
{
  GObject *holder;

  if (thumbnails == NULL)
    thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (thumbnails, hash))
    return;

  /* A plain object holds the hash and the texture together in the queue. */
  holder = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data_full (holder, "tandem-hash", g_strdup (hash), g_free);
  g_object_set_data_full (holder, "tandem-texture", g_object_ref (texture), g_object_unref);
  g_queue_push_head (&thumbnail_order, holder);
  g_hash_table_insert (thumbnails, g_strdup (hash), thumbnail_order.head);

  while (thumbnail_order.length > THUMBNAIL_CACHE_SIZE)
    {
      GObject *oldest = g_queue_pop_tail (&thumbnail_order);

      g_hash_table_remove (thumbnails, g_object_get_data (oldest, "tandem-hash"));
      g_object_unref (oldest);
    }
}

typedef struct {
  char       *path;
  char       *hash;
  GtkPicture *picture;
  int         size;
} ThumbnailJob;

static void
thumbnail_job_free (ThumbnailJob *job)
{
  g_free (job->path);
  g_free (job->hash);
  g_clear_object (&job->picture);
  g_free (job);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ThumbnailJob *job = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;
  int width = 0, height = 0;
  double scale;

  /* Scrolled past before its turn came: not decoded for nothing. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (gdk_pixbuf_get_file_info (job->path, &width, &height) == NULL || width <= 0 || height <= 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "%s is not an image", job->path);
      return;
    }

  /* Decoded at the size shown (the short side fills the square), not at
   * the stored 2048 pixels: a screenful of cards stays light. */
  scale = MIN (1.0, (double) job->size / MIN (width, height));
  pixbuf = gdk_pixbuf_new_from_file_at_scale (job->path, MAX (1, (int) (width * scale)),
                                              MAX (1, (int) (height * scale)), TRUE, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ThumbnailJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("A photo could not be shown: %s", error->message);
      return;
    }

  thumbnail_insert (job->hash, texture);
  gtk_picture_set_paintable (job->picture, GDK_PAINTABLE (texture));
}

/* A thumbnail's square is the same size whether the photo is decoded yet
 * or not, so a card keeps its height when the photo comes. */
static GtkWidget *
thumbnail_new (void)
{
  GtkWidget *picture = gtk_picture_new ();

  gtk_widget_set_size_request (picture, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (picture, "thumbnail");
  init_tooltip (picture);
  return picture;
}

/* Shows @photo in @picture: at once if it was decoded lately, otherwise
 * when a worker thread has decoded it. */
static void
thumbnail_show (TandemObservationCard *self,
                GtkWidget             *picture,
                TandemRecord          *photo)
{
  const char *hash = tandem_record_get_text (photo, "blob");
  const char *caption = tandem_record_get_text (photo, "caption");
  GdkTexture *texture = hash != NULL ? thumbnail_lookup (hash) : NULL;

  set_tooltip (picture, caption);
  /* Without a caption, still a photo to a screen reader. */
  if (caption == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Photo"),
                                    -1);
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));

  if (hash != NULL && texture == NULL)
    {
      g_autofree char *path = tandem_blob_store_get_path (self->store, hash);
      g_autoptr(GTask) task = NULL;
      ThumbnailJob *job;

      if (path == NULL)
        return;

      job = g_new0 (ThumbnailJob, 1);
      job->path = g_steal_pointer (&path);
      job->hash = g_strdup (hash);
      job->picture = GTK_PICTURE (g_object_ref (picture));
      job->size = THUMBNAIL_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self));

      task = g_task_new (NULL, self->cancellable, thumbnail_loaded_cb, NULL);
      g_task_set_source_tag (task, thumbnail_show);
      g_task_set_task_data (task, job, (GDestroyNotify) thumbnail_job_free);
      g_task_run_in_thread (task, thumbnail_thread);
    }
}

static char *
record_name (TandemStore *store,
             GType        type,
             const char  *id)
{
  g_autoptr(TandemRecord) record = NULL;

  if (id == NULL)
    return NULL;

  /* Deleted records are read too: an old observation still names its
   * author after they have left. */
  record = tandem_store_load (store, type, id, NULL);
  if (record == NULL)
    return NULL;
  if (TANDEM_IS_CARER (record))
    return g_strdup (tandem_carer_get_name (TANDEM_CARER (record)));
  if (TANDEM_IS_CHILD (record))
    return g_strdup (tandem_child_get_display_name (TANDEM_CHILD (record)));
  return g_strdup (tandem_record_get_text (record, "name"));
}

/* "Zofia", "Zofia and Kacper", "Zofia, Kacper and Amir". */
static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (names->len == 1)
    return g_strdup (g_ptr_array_index (names, 0));

  for (guint i = 0; i + 1 < names->len; i++)
    {
      if (i > 0)
        /* Translators: between names in a list, "Zofia, Kacper and Amir". */
        g_string_append (out, _(", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }

  /* Translators: joins the last name of a list, "Zofia, Kacper and Amir";
   * %1$s is the names before, %2$s the last one. */
  return g_strdup_printf (_("%1$s and %2$s"), out->str,
                          (const char *) g_ptr_array_index (names, names->len - 1));
}

static void
update_source (TandemObservationCard *self)
{
  TandemRecord *record = TANDEM_RECORD (self->observation);
  gboolean home = g_strcmp0 (tandem_record_get_text (record, "source"),
                             TANDEM_SOURCE_HOME) == 0;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (home)
    {
      name = record_name (self->store, TANDEM_TYPE_CARER,
                          tandem_record_get_text (record, "carer_id"));
      if (name != NULL)
        /* Translators: on an observation the family made; %s is the carer, e.g. "Mum (Ola)". */
        text = g_strdup_printf (_("From home · %s"), name);
      else
        text = g_strdup (_("From home"));
    }
  else
    {
      name = record_name (self->store, TANDEM_TYPE_KEYWORKER,
                          tandem_record_get_text (record, "author_id"));
      if (name != NULL)
        /* Translators: on an observation; %s is the practitioner who wrote it. */
        text = g_strdup_printf (_("Written by %s"), name);
      else
        text = g_strdup (_("Written at the setting"));
    }

  gtk_label_set_label (self->source_label, text);
  if (self->shown_home == home)
    return;
  self->shown_home = home;

  gtk_image_set_from_icon_name (self->source_icon, home ? "user-home-symbolic"
                                                        : "document-edit-symbolic");

  /* The family's own observations are marked as theirs, in the accent
   * colour, never dimmed: their knowledge of the child weighs the same. */
  if (home)
    {
      gtk_widget_add_css_class (self->card, "from-home");
      gtk_widget_add_css_class (self->source_box, "accent");
      gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "heading");
      gtk_widget_remove_css_class (self->source_box, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->card, "from-home");
      gtk_widget_remove_css_class (self->source_box, "accent");
      gtk_widget_remove_css_class (GTK_WIDGET (self->source_label), "heading");
      gtk_widget_add_css_class (self->source_box, "dim-label");
    }
}

static void
update_group (TandemObservationCard *self,
              const char            *observation_id)
{
  g_auto(GStrv) ids = tandem_journal_get_child_ids (self->store, observation_id, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      char *name;

      if (g_strcmp0 (ids[i], self->child_id) == 0)
        continue;
      name = record_name (self->store, TANDEM_TYPE_CHILD, ids[i]);
      if (name != NULL)
        g_ptr_array_add (names, name);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->group_label), names->len > 0);
  if (names->len == 0)
    return;

  joined = join_names (names);
  /* Translators: on a group observation; %s is the other children, e.g. "Zofia and Kacper". */
  text = g_strdup_printf (_("With %s"), joined);
  gtk_label_set_label (self->group_label, text);
}

static void
update_shared (TandemObservationCard *self)
{
  gboolean shared = tandem_record_get_bool (TANDEM_RECORD (self->observation), "shared");

  if (self->shown_shared == shared)
    return;
  self->shown_shared = shared;

  /* An icon and words, not a colour alone. */
  gtk_image_set_from_icon_name (self->shared_icon, shared ? "emblem-shared-symbolic"
                                                          : "changes-prevent-symbolic");
  gtk_label_set_label (self->shared_label, shared ? _("Shared with family") : _("Internal"));
  set_tooltip (self->shared_box,
               shared ? _("The family can see this observation in their pack")
                      : _("For staff only; never shared with the family"));
  if (shared)
    {
      gtk_widget_add_css_class (self->shared_box, "shared");
      gtk_widget_remove_css_class (self->shared_box, "internal");
    }
  else
    {
      gtk_widget_add_css_class (self->shared_box, "internal");
      gtk_widget_remove_css_class (self->shared_box, "shared");
    }
}

static void
update_photos (TandemObservationCard *self,
               const char            *observation_id)
{
  g_autoptr(GPtrArray) photos = tandem_journal_get_photos (self->store, observation_id, NULL);
  guint n = photos != NULL ? photos->len : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->photos_box), n > 0);

  for (guint i = 0; i < MAX_THUMBNAILS; i++)
    {
      if (i >= n)
        {
          if (self->thumbnails[i] != NULL)
            {
              gtk_picture_set_paintable (GTK_PICTURE (self->thumbnails[i]), NULL);
              gtk_widget_set_visible (self->thumbnails[i], FALSE);
            }
          continue;
        }
      if (self->thumbnails[i] == NULL)
        {
          self->thumbnails[i] = thumbnail_new ();
          gtk_box_insert_child_after (self->photos_box, self->thumbnails[i],
                                      i > 0 ? self->thumbnails[i - 1] : NULL);
        }
      thumbnail_show (self, self->thumbnails[i], g_ptr_array_index (photos, i));
      gtk_widget_set_visible (self->thumbnails[i], TRUE);
    }

  if (n > MAX_THUMBNAILS)
    {
      g_autofree char *more = NULL;
      g_autofree char *description = NULL;

      if (self->more_photos_label == NULL)
        {
          self->more_photos_label = gtk_label_new (NULL);
          gtk_widget_set_valign (self->more_photos_label, GTK_ALIGN_CENTER);
          gtk_widget_set_margin_start (self->more_photos_label, 6);
          gtk_widget_add_css_class (self->more_photos_label, "title-4");
          gtk_widget_add_css_class (self->more_photos_label, "dim-label");
          init_tooltip (self->more_photos_label);
          gtk_box_append (self->photos_box, self->more_photos_label);
        }

      /* Translators: after the first photos of an observation; %u how many more. */
      more = g_strdup_printf (_("+%u"), n - MAX_THUMBNAILS);
      description = g_strdup_printf (ngettext ("%u more photo", "%u more photos",
                                               n - MAX_THUMBNAILS), n - MAX_THUMBNAILS);
      gtk_label_set_label (GTK_LABEL (self->more_photos_label), more);
      set_tooltip (self->more_photos_label, description);
      tandem_a11y_set_label (self->more_photos_label, description);
    }
  if (self->more_photos_label != NULL)
    gtk_widget_set_visible (self->more_photos_label, n > MAX_THUMBNAILS);
}

/* The chip for the @i-th area shown, made the first time a card has that
 * many. */
static GtkLabel *
ensure_chip (TandemObservationCard *self,
             guint                  i)
{
  GtkWidget *label;

  if (i < self->chips->len)
    return g_ptr_array_index (self->chips, i);

  label = gtk_label_new (NULL);
  /* Not wrapped: a wrapping label costs a card several layouts each time
   * it is measured, and the list measures cards as it scrolls. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "chip");
  init_tooltip (label);
  gtk_flow_box_append (self->areas_box, label);
  /* The chips are read, not chosen. */
  gtk_widget_set_focusable (gtk_widget_get_parent (label), FALSE);
  g_ptr_array_add (self->chips, label);
  return GTK_LABEL (label);
}

static void
update_areas (TandemObservationCard *self)
{
  const char *areas = tandem_record_get_text (TANDEM_RECORD (self->observation), "areas");
  g_auto(GStrv) codes = NULL;
  guint n = 0;

  codes = g_strsplit (areas != NULL ? areas : "", ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const TandemEyfsAspect *aspect = tandem_eyfs_find_aspect (codes[i]);
      const TandemEyfsArea *area = tandem_eyfs_find_area (aspect != NULL ? aspect->area
                                                                         : codes[i]);
      GtkLabel *chip;

      if (area == NULL)
        continue;
      chip = ensure_chip (self, n++);
      gtk_label_set_label (chip, aspect != NULL ? _(aspect->name) : _(area->name));
      set_tooltip (GTK_WIDGET (chip), aspect != NULL ? _(area->name) : NULL);
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (chip)), TRUE);
    }

  /* The flow box leaves hidden children out. */
  for (guint i = n; i < self->chips->len; i++)
    gtk_widget_set_visible (gtk_widget_get_parent (g_ptr_array_index (self->chips, i)), FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->areas_box), n > 0);
}

/* Shows @section with @text, or hides it when there is none. */
static gboolean
show_section (GtkWidget  *section,
              GtkLabel   *label,
              const char *text)
{
  gboolean any = text != NULL && text[0] != '\0';

  gtk_label_set_label (label, any ? text : NULL);
  gtk_widget_set_visible (section, any);
  return any;
}

static void
update_details (TandemObservationCard *self)
{
  TandemRecord *record = TANDEM_RECORD (self->observation);
  const char *characteristics = tandem_record_get_text (record, "characteristics");
  g_autofree char *names = NULL;
  gboolean any = FALSE;

  if (characteristics != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (characteristics, ",", -1);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();

      for (guint i = 0; codes[i] != NULL; i++)
        {
          const TandemCharacteristic *item = tandem_characteristic_find (codes[i]);

          if (item != NULL)
            g_ptr_array_add (parts, (gpointer) _(item->name));
        }
      g_ptr_array_add (parts, NULL);
      /* Translators: between characteristics of learning, "Playing and exploring, Active learning". */
      names = g_strjoinv (_(", "), (char **) parts->pdata);
    }

  any |= show_section (self->characteristics_section, self->characteristics_label, names);
  any |= show_section (self->next_steps_section, self->next_steps_label,
                       tandem_record_get_text (record, "next_steps"));
  any |= show_section (self->ideas_section, self->ideas_label,
                       tandem_record_get_text (record, "ideas_for_home"));
  any |= show_section (self->internal_section, self->internal_label,
                       tandem_record_get_text (record, "internal_note"));

  gtk_widget_set_visible (GTK_WIDGET (self->details_box), any);
}

static void
update_comments (TandemObservationCard *self,
                 const char            *observation_id)
{
  g_autoptr(GPtrArray) comments = tandem_journal_get_comments (self->store, observation_id, NULL);
  TandemRecord *family = NULL;
  guint n = comments != NULL ? comments->len : 0;
  g_autofree char *count = NULL;

  /* The thread is oldest first: the family's latest word is the last of
   * theirs. */
  for (guint i = n; i > 0 && family == NULL; i--)
    {
      TandemRecord *comment = g_ptr_array_index (comments, i - 1);

      if (tandem_record_get_text (comment, "carer_id") != NULL)
        family = comment;
    }

  if (n > 0)
    count = g_strdup_printf (ngettext ("%u comment", "%u comments", n), n);
  gtk_label_set_label (self->comments_count_label, count);

  gtk_widget_set_visible (self->comment_box, family != NULL);
  if (family != NULL)
    {
      g_autofree char *who = record_name (self->store, TANDEM_TYPE_CARER,
                                          tandem_record_get_text (family, "carer_id"));
      g_autofree char *date = tandem_date_format_long (tandem_record_get_text (family,
                                                                              "commented_on"));
      g_autofree char *meta = NULL;

      /* Translators: over a family's comment on an observation; %1$s is the carer,
       * %2$s a date. */
      meta = g_strdup_printf (_("%1$s’s comment · %2$s"), who != NULL ? who : _("The family"),
                              date);
      gtk_label_set_label (self->comment_meta_label, meta);
      gtk_label_set_label (self->comment_text_label, tandem_record_get_text (family, "text"));
    }
}

/* Sizes of cards not on screen.
 *
 * GTK 4.8's grid view measures every row it has bound, about 30, but maps
 * and allocates only those on screen. Measuring a card means laying out all
 * its text, a couple of milliseconds, and the rows bound ahead of the screen
 * were most of the work of scrolling. So a card that is not mapped guesses:
 * as wide as the widest of the cards measured lately, and as short as the
 * shortest card measured at that width. The grid view uses the heights of
 * the rows off screen only to place the scroll bar and to find the rows on
 * screen. A card that comes on screen with a guessed size is measured for
 * real before the frame is painted: the hook below asks for a second layout
 * pass, which GDK runs in the same frame. Guessing short rather than typical
 * is what makes one more pass enough: a row measured for real can only grow,
 * which pushes others off screen rather than bringing new ones on. */

#define N_SHORTEST 4
#define N_WIDTHS 16

/* The widths of the last cards measured. */
static struct {
  int minimum;
  int natural;
} widths[N_WIDTHS];
static guint next_width;
/* The shortest height measured for each of the last few widths. */
static struct {
  int for_size;
  int height;
} shortest[N_SHORTEST];
static guint next_shortest;

/* Cards on screen with a guessed size; weak, a card leaves when it is
 * unmapped. */
static GPtrArray *guessed_on_screen;
/* Layout passes in the frame being made. */
static gint64 pass_frame = -1;
static int    passes;

static void
widest (int *minimum,
        int *natural)
{
  *minimum = *natural = 0;
  for (guint i = 0; i < N_WIDTHS; i++)
    {
      *minimum = MAX (*minimum, widths[i].minimum);
      *natural = MAX (*natural, widths[i].natural);
    }
}

static int *
shortest_for (int for_size)
{
  for (guint i = 0; i < N_SHORTEST; i++)
    if (shortest[i].height > 0 && shortest[i].for_size == for_size)
      return &shortest[i].height;
  return NULL;
}

static void
remember_height (int for_size,
                 int height)
{
  int *known = shortest_for (for_size);

  if (known != NULL)
    *known = MIN (*known, height);
  else
    {
      shortest[next_shortest].for_size = for_size;
      shortest[next_shortest].height = height;
      next_shortest = (next_shortest + 1) % N_SHORTEST;
    }
}

static void
tandem_observation_card_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  TandemObservationCard *self = TANDEM_OBSERVATION_CARD (widget);
  int *height;

  if (!gtk_widget_get_mapped (widget) && widths[0].minimum > 0)
    {
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          self->size_guessed = TRUE;
          widest (minimum, natural);
          *minimum_baseline = *natural_baseline = -1;
          return;
        }
      if ((height = shortest_for (for_size)) != NULL)
        {
          self->size_guessed = TRUE;
          *minimum = *natural = *height;
          *minimum_baseline = *natural_baseline = -1;
          return;
        }
    }

  gtk_widget_measure (self->card, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      widths[next_width].minimum = *minimum;
      widths[next_width].natural = *natural;
      next_width = (next_width + 1) % N_WIDTHS;
    }
  else if (for_size >= 0)
    remember_height (for_size, *minimum);
}

static GtkSizeRequestMode
tandem_observation_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tandem_observation_card_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  gtk_widget_allocate (TANDEM_OBSERVATION_CARD (widget)->card, width, height, baseline, NULL);
}

/* After the first layout pass of a frame: the cards that came on screen with
 * a guessed size are measured for real in a second pass. Only one more: GDK
 * gives up with a warning after four, and GTK may need some itself. A card
 * put on screen by the second pass (rare, see above) keeps its guess until
 * the next frame. */
static void
layout_done_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  if (frame != pass_frame)
    {
      pass_frame = frame;
      passes = 0;
    }
  if (++passes >= 2 || guessed_on_screen == NULL)
    return;

  for (guint i = guessed_on_screen->len; i > 0; i--)
    {
      TandemObservationCard *card = g_ptr_array_index (guessed_on_screen, i - 1);

      if (gtk_widget_get_frame_clock (GTK_WIDGET (card)) != clock)
        continue;
      g_ptr_array_remove_index_fast (guessed_on_screen, i - 1);
      card->size_guessed = FALSE;
      gtk_widget_queue_resize (GTK_WIDGET (card));
    }
}

/* The hook goes on the frame clock before the card can be mapped: a handler
 * connected during the layout signal would not run until the next frame. */
static void
tandem_observation_card_realize (GtkWidget *widget)
{
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (tandem_observation_card_parent_class)->realize (widget);

  clock = gtk_widget_get_frame_clock (widget);
  if (clock != NULL && g_object_get_data (G_OBJECT (clock), "tandem-card-hook") == NULL)
    {
      g_signal_connect_after (clock, "layout", G_CALLBACK (layout_done_cb), NULL);
      g_object_set_data (G_OBJECT (clock), "tandem-card-hook", GINT_TO_POINTER (TRUE));
    }
}

static void
tandem_observation_card_map (GtkWidget *widget)
{
  TandemObservationCard *self = TANDEM_OBSERVATION_CARD (widget);

  GTK_WIDGET_CLASS (tandem_observation_card_parent_class)->map (widget);

  if (self->size_guessed)
    {
      if (guessed_on_screen == NULL)
        guessed_on_screen = g_ptr_array_new ();
      g_ptr_array_add (guessed_on_screen, self);
    }
}

static void
tandem_observation_card_unmap (GtkWidget *widget)
{
  if (guessed_on_screen != NULL)
    g_ptr_array_remove_fast (guessed_on_screen, widget);

  GTK_WIDGET_CLASS (tandem_observation_card_parent_class)->unmap (widget);
}

static void
update_accessible_names (TandemObservationCard *self,
                         const char            *date)
{
  g_autofree char *card = NULL;
  g_autofree char *edit = NULL;
  g_autofree char *delete = NULL;
  g_autofree char *comment = NULL;

  /* Translators: what a screen reader says for a card; %s is a date. */
  card = g_strdup_printf (_("Observation of %s"), date);
  /* Translators: accessible name of a button; %s is a date. */
  edit = g_strdup_printf (_("Edit observation of %s"), date);
  /* Translators: accessible name of a button; %s is a date. */
  delete = g_strdup_printf (_("Delete observation of %s"), date);
  /* Translators: accessible name of a button; %s is a date. */
  comment = g_strdup_printf (_("Comment on observation of %s"), date);

  tandem_a11y_set_label (GTK_WIDGET (self), card);
  /* In a list, the list's own row is what a screen reader announces. */
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (GTK_WIDGET (self))),
                 "GtkListItemWidget") == 0)
    tandem_a11y_set_label (gtk_widget_get_parent (GTK_WIDGET (self)), card);
  tandem_a11y_set_label (self->edit_button, edit);
  tandem_a11y_set_label (self->delete_button, delete);
  tandem_a11y_set_label (self->comment_button, comment);
}

static void
update_all (TandemObservationCard *self)
{
  TandemRecord *record = TANDEM_RECORD (self->observation);
  const char *id;
  g_autofree char *date = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->observation == NULL || self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  id = tandem_record_get_id (record);
  date = tandem_date_format_long (tandem_record_get_text (record, "observed_on"));

  gtk_label_set_label (self->date_label, date);
  gtk_label_set_label (self->text_label, tandem_record_get_text (record, "text"));
  update_source (self);
  update_group (self, id);
  update_shared (self);
  update_photos (self, id);
  update_areas (self);
  update_details (self);
  update_comments (self, id);
  update_accessible_names (self, date);
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * tandem_observation_card_open_editor:
 * @widget: the widget the request came from, for the parent window
 * @store: the store
 * @observation: (nullable): the observation to edit; %NULL to write one
 * @child_id: (nullable): the child to write about
 *
 * Opens the observation editor.
 */
void
tandem_observation_card_open_editor (GtkWidget         *widget,
                                     TandemStore       *store,
                                     TandemObservation *observation,
                                     const char        *child_id)
{
  GtkWindow *editor;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (TANDEM_IS_STORE (store));

  editor = tandem_observation_editor_new (parent_window (widget), store, observation, child_id);
  gtk_window_present (editor);
}

static void
edit_clicked_cb (TandemObservationCard *self)
{
  tandem_observation_card_open_editor (GTK_WIDGET (self), self->store, self->observation,
                                       self->child_id);
}

static void
delete_clicked_cb (TandemObservationCard *self)
{
  tandem_delete_with_undo (GTK_WIDGET (self), self->store, TANDEM_RECORD (self->observation),
                           _("Observation deleted"));
}

static void
comment_clicked_cb (TandemObservationCard *self)
{
  GtkWindow *dialog = tandem_comment_dialog_new (parent_window (GTK_WIDGET (self)), self->store,
                                                 self->observation, self->child_id);

  gtk_window_present (dialog);
}

static void
tandem_observation_card_dispose (GObject *object)
{
  TandemObservationCard *self = TANDEM_OBSERVATION_CARD (object);

  g_cancellable_cancel (self->cancellable);
  if (guessed_on_screen != NULL)
    g_ptr_array_remove_fast (guessed_on_screen, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_OBSERVATION_CARD);

  G_OBJECT_CLASS (tandem_observation_card_parent_class)->dispose (object);
}

static void
tandem_observation_card_finalize (GObject *object)
{
  TandemObservationCard *self = TANDEM_OBSERVATION_CARD (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->observation);
  g_clear_object (&self->store);
  g_clear_pointer (&self->chips, g_ptr_array_unref);
  g_free (self->child_id);

  G_OBJECT_CLASS (tandem_observation_card_parent_class)->finalize (object);
}

static void
tandem_observation_card_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TandemObservationCard *self = TANDEM_OBSERVATION_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_OBSERVATION:
      g_value_set_object (value, self->observation);
      break;
    case PROP_CHILD_ID:
      g_value_set_string (value, self->child_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_observation_card_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TandemObservationCard *self = TANDEM_OBSERVATION_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_OBSERVATION:
      tandem_observation_card_set_observation (self, g_value_get_object (value));
      break;
    case PROP_CHILD_ID:
      tandem_observation_card_set_child_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_observation_card_class_init (TandemObservationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_observation_card_dispose;
  object_class->finalize = tandem_observation_card_finalize;
  object_class->get_property = tandem_observation_card_get_property;
  object_class->set_property = tandem_observation_card_set_property;

  widget_class->realize = tandem_observation_card_realize;
  widget_class->map = tandem_observation_card_map;
  widget_class->unmap = tandem_observation_card_unmap;
  widget_class->measure = tandem_observation_card_measure;
  widget_class->get_request_mode = tandem_observation_card_get_request_mode;
  widget_class->size_allocate = tandem_observation_card_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TANDEM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OBSERVATION] =
    g_param_spec_object ("observation", NULL, NULL, TANDEM_TYPE_OBSERVATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * TandemObservationCard:child-id:
   *
   * The child whose journal the card is in: a group observation names the
   * other children.
   */
  properties[PROP_CHILD_ID] =
    g_param_spec_string ("child-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-observation-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, card);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, date_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, source_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, source_icon);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, source_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, group_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, shared_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, shared_icon);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, shared_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, text_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, photos_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, areas_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, details_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard,
                                        characteristics_section);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard,
                                        characteristics_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, next_steps_section);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, next_steps_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, ideas_section);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, ideas_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, internal_section);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, internal_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, comment_box);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, comment_meta_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, comment_text_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard,
                                        comments_count_label);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, comment_button);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, edit_button);
  gtk_widget_class_bind_template_child (widget_class, TandemObservationCard, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_clicked_cb);
}

static void
tandem_observation_card_init (TandemObservationCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  init_tooltip (self->shared_box);
  self->chips = g_ptr_array_new ();
  self->shown_home = -1;
  self->shown_shared = -1;
}

/**
 * tandem_observation_card_new:
 * @store: the store the observation and its photos are in
 *
 * Returns: (transfer floating): a new, empty card
 */
GtkWidget *
tandem_observation_card_new (TandemStore *store)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);

  return g_object_new (TANDEM_TYPE_OBSERVATION_CARD, "store", store, NULL);
}

TandemStore *
tandem_observation_card_get_store (TandemObservationCard *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_CARD (self), NULL);

  return self->store;
}

/**
 * tandem_observation_card_get_observation:
 * @self: a card
 *
 * Returns: (transfer none) (nullable): the observation shown
 */
TandemObservation *
tandem_observation_card_get_observation (TandemObservationCard *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_CARD (self), NULL);

  return self->observation;
}

/**
 * tandem_observation_card_set_observation:
 * @self: a card
 * @observation: (nullable): the observation to show
 *
 * Shows @observation with its photos, areas and comments as they are in
 * the store now.
 */
void
tandem_observation_card_set_observation (TandemObservationCard *self,
                                         TandemObservation     *observation)
{
  g_return_if_fail (TANDEM_IS_OBSERVATION_CARD (self));
  g_return_if_fail (observation == NULL || TANDEM_IS_OBSERVATION (observation));

  if (!g_set_object (&self->observation, observation))
    return;

  update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBSERVATION]);
}

const char *
tandem_observation_card_get_child_id (TandemObservationCard *self)
{
  g_return_val_if_fail (TANDEM_IS_OBSERVATION_CARD (self), NULL);

  return self->child_id;
}

void
tandem_observation_card_set_child_id (TandemObservationCard *self,
                                      const char            *child_id)
{
  g_return_if_fail (TANDEM_IS_OBSERVATION_CARD (self));

  if (g_strcmp0 (self->child_id, child_id) == 0)
    return;

  g_free (self->child_id);
  self->child_id = g_strdup (child_id);
  if (self->observation != NULL)
    update_group (self, tandem_record_get_id (TANDEM_RECORD (self->observation)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD_ID]);
}
