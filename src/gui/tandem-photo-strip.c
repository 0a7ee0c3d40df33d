/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tandem-a11y.h"
#include "tandem-blob-store.h"
#include "tandem-journal.h"
#include "tandem-photo-strip.h"

/* The photos of an observation being written: thumbnails, each with a
 * button to remove it and toggles for who is in it, and the three ways to add
 * more (the file chooser, dropping files, pasting).
 *
 * Adding a photo decodes, turns, scales and re-encodes it
 * (tandem_blob_store_add_image()), about a fifth of a second for a phone
 * photo. That runs in worker threads, one per processor, each with its own
 * connection to the database: an SQLite connection is used by one thread
 * only. The thumbnails are made there too, so the window never waits. */

/* The box a thumbnail is made to fit, twice the size it is shown at so that
 * it is sharp on a high-resolution screen. */
#define THUMB_SIZE 320
#define CARD_WIDTH 160
#define CARD_HEIGHT 120
#define MAX_WORKERS 4
/* How much of a file is searched for the camera's date: the Exif block comes
 * first in a JPEG and is at most 64 KB. */
#define EXIF_SCAN_BYTES (128 * 1024)

typedef struct {
  TandemPhotoStrip *strip;
  TandemPhoto      *record;
  /* The children in the photo, by id. */
  GPtrArray        *who;
  /* Whether someone chose who is in it; until then it follows the
   * observation's children. */
  gboolean          custom;
  GtkWidget        *card;
  GtkPicture       *picture;
  GtkWidget        *who_box;
} Photo;

struct _TandemPhotoStrip
{
  AdwBin                 parent_instance;

  GtkFlowBox            *flow_box;
  GtkWidget             *empty_label;
  GtkButton             *add_button;
  GtkRevealer           *progress_revealer;
  GtkProgressBar        *progress_bar;
  GtkRevealer           *errors_revealer;
  GtkBox                *errors_box;

  TandemStore           *store;
  GPtrArray             *photos;
  GPtrArray             *child_ids;
  GPtrArray             *child_names;
  GPtrArray             *errors;

  GCancellable          *cancellable;
  GtkFileChooserNative  *chooser;
  struct _ImportJob     *job;
  guint                  progress_source;
};

G_DEFINE_FINAL_TYPE (TandemPhotoStrip, tandem_photo_strip, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  IMPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The workers' connections -------------------------------------------------
 *
 * Opening a store checks the whole file (PRAGMA quick_check): half a second
 * for a database of some years. Rather than at every import, the workers'
 * connections are opened once, in the background as soon as an editor has a
 * store, and kept for the next import. A connection is used by one thread
 * at a time: it is taken from the pool, used, and given back. */

G_LOCK_DEFINE_STATIC (pool);
/* Two stores opening at once in a fresh WAL database can find it locked:
 * they open one at a time. */
G_LOCK_DEFINE_STATIC (opening);
/* Database path → GPtrArray of idle TandemStore. */
static GHashTable *pool_idle;
/* Database paths whose connections were opened ahead of time. */
static GHashTable *pool_warmed;

static guint
n_workers (void)
{
  return (guint) CLAMP (g_get_num_processors (), 1, MAX_WORKERS);
}

static TandemStore *
pool_take (const char  *path,
           GError     **error)
{
  TandemStore *store = NULL;
  GPtrArray *idle;

  G_LOCK (pool);
  idle = pool_idle != NULL ? g_hash_table_lookup (pool_idle, path) : NULL;
  if (idle != NULL && idle->len > 0)
    store = g_ptr_array_steal_index (idle, idle->len - 1);
  G_UNLOCK (pool);

  if (store != NULL)
    return store;

  G_LOCK (opening);
  store = tandem_store_open (path, error);
  G_UNLOCK (opening);
  return store;
}

static void
pool_give (TandemStore *store)
{
  const char *path = tandem_store_get_path (store);
  GPtrArray *idle;

  G_LOCK (pool);
  if (pool_idle == NULL)
    pool_idle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  idle = g_hash_table_lookup (pool_idle, path);
  if (idle == NULL)
    {
      idle = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (pool_idle, g_strdup (path), idle);
    }
  /* More than the workers can use at once would only hold files open. */
  if (idle->len < n_workers ())
    g_ptr_array_add (idle, store);
  else
    g_object_unref (store);
  G_UNLOCK (pool);
}

static void
warm_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GPtrArray) stores = g_ptr_array_new ();

  for (guint i = 0; i < n_workers (); i++)
    {
      TandemStore *store = pool_take (path, NULL);

      if (store == NULL)
        break;
      g_ptr_array_add (stores, store);
    }
  for (guint i = 0; i < stores->len; i++)
    pool_give (g_ptr_array_index (stores, i));

  g_task_return_boolean (task, TRUE);
}

/* Opens the workers' connections to @path in the background, once. */
static void
pool_warm (const char *path)
{
  g_autoptr(GTask) task = NULL;
  gboolean warmed;

  G_LOCK (pool);
  if (pool_warmed == NULL)
    pool_warmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  warmed = !g_hash_table_add (pool_warmed, g_strdup (path));
  G_UNLOCK (pool);

  if (warmed)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, pool_warm);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, warm_thread);
}

/* Photos ---------------------------------------------------------------- */

static void
photo_free (Photo *photo)
{
  g_clear_object (&photo->record);
  g_clear_pointer (&photo->who, g_ptr_array_unref);
  g_free (photo);
}

static gboolean
strv_has (GPtrArray  *strings,
          const char *string)
{
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), string) == 0)
      return TRUE;
  return FALSE;
}

static void
changed (TandemPhotoStrip *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
who_toggled_cb (GtkCheckButton *button,
                Photo          *photo)
{
  const char *child_id = g_object_get_data (G_OBJECT (button), "tandem-child-id");
  gboolean active = gtk_check_button_get_active (button);

  if (active == strv_has (photo->who, child_id))
    return;

  if (active)
    g_ptr_array_add (photo->who, g_strdup (child_id));
  else
    for (guint i = 0; i < photo->who->len; i++)
      if (g_str_equal (g_ptr_array_index (photo->who, i), child_id))
        {
          g_ptr_array_remove_index (photo->who, i);
          break;
        }

  photo->custom = TRUE;
  changed (photo->strip);
}

static void
fill_who (Photo *photo)
{
  TandemPhotoStrip *self = photo->strip;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (photo->who_box)) != NULL)
    gtk_box_remove (GTK_BOX (photo->who_box), child);

  /* With one child there is nothing to choose. */
  gtk_widget_set_visible (photo->who_box, self->child_ids->len > 1);

  for (guint i = 0; i < self->child_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->child_ids, i);
      const char *name = g_ptr_array_index (self->child_names, i);
      GtkWidget *toggle = gtk_check_button_new ();
      GtkWidget *text = gtk_label_new (name);
      g_autofree char *label = NULL;

      /* A long name must not make the card wider than its photo. */
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (toggle), text);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), strv_has (photo->who, id));
      g_object_set_data_full (G_OBJECT (toggle), "tandem-child-id", g_strdup (id), g_free);
      /* Translators: the accessible name of a toggle under a photo; %s is a child's name. */
      label = g_strdup_printf (_("%s is in this photo"), name);
      tandem_a11y_set_label (toggle, label);
      gtk_widget_set_tooltip_text (toggle, label);
      g_signal_connect (toggle, "toggled", G_CALLBACK (who_toggled_cb), photo);
      gtk_box_append (GTK_BOX (photo->who_box), toggle);
    }
}

static void
update_empty (TandemPhotoStrip *self)
{
  gtk_widget_set_visible (self->empty_label, self->photos->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->flow_box), self->photos->len > 0);
}

static void
remove_clicked_cb (GtkButton *button,
                   Photo     *photo)
{
  TandemPhotoStrip *self = photo->strip;
  GtkWidget *flow_child = gtk_widget_get_parent (photo->card);

  gtk_flow_box_remove (self->flow_box, flow_child);
  /* Frees @photo, and with it the handler's data; nothing is used after. */
  g_ptr_array_remove (self->photos, photo);
  update_empty (self);
  changed (self);
}

static char *
describe_photo (Photo *photo,
                guint  position)
{
  const char *taken_at = tandem_record_get_text (TANDEM_RECORD (photo->record), "taken_at");

  if (taken_at != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (taken_at, utc);

      if (time != NULL)
        {
          g_autofree char *when = g_date_time_format (time, "%x %H:%M");

          /* Translators: the accessible name of a photo; %1$u is its number, %2$s when
           * the camera says it was taken. */
          return g_strdup_printf (_("Photo %1$u, taken %2$s"), position, when);
        }
    }

  /* Translators: the accessible name of a photo; %u is its number. */
  return g_strdup_printf (_("Photo %u"), position);
}

static void
thumb_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL || gtk_widget_get_parent (GTK_WIDGET (picture)) == NULL)
    return;
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

static void
thumb_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMB_SIZE, THUMB_SIZE, TRUE,
                                                         &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

/* Photos already stored get their thumbnails in a thread, so that an
 * observation with many photos opens at once. */
static void
load_thumb (TandemPhotoStrip *self,
            Photo            *photo,
            GdkPixbuf        *ready)
{
  const char *blob = tandem_record_get_text (TANDEM_RECORD (photo->record), "blob");
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;

  if (ready != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (ready);

      gtk_picture_set_paintable (photo->picture, GDK_PAINTABLE (texture));
      return;
    }

  path = self->store != NULL ? tandem_blob_store_get_path (self->store, blob) : NULL;
  if (path == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (photo->picture),
                                   _("The photo file is missing from this computer."));
      return;
    }

  task = g_task_new (NULL, self->cancellable, thumb_ready_cb, g_object_ref (photo->picture));
  g_task_set_source_tag (task, load_thumb);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, thumb_thread);
}

static void
add_photo (TandemPhotoStrip *self,
           TandemPhoto      *record,
           GPtrArray        *who,
           gboolean          custom,
           GdkPixbuf        *thumb)
{
  Photo *photo = g_new0 (Photo, 1);
  GtkWidget *box, *overlay, *frame, *remove;
  g_autofree char *name = NULL;

  photo->strip = self;
  photo->record = g_object_ref (record);
  photo->who = g_ptr_array_new_with_free_func (g_free);
  photo->custom = custom;
  for (guint i = 0; i < self->child_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->child_ids, i);

      if (!custom || strv_has (who, id))
        g_ptr_array_add (photo->who, g_strdup (id));
    }
  g_ptr_array_add (self->photos, photo);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (box, CARD_WIDTH, -1);
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  photo->card = box;

  overlay = gtk_overlay_new ();
  frame = adw_bin_new ();
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_size_request (frame, CARD_WIDTH, CARD_HEIGHT);
  photo->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (photo->picture, TRUE);
  gtk_picture_set_content_fit (photo->picture, GTK_CONTENT_FIT_COVER);
  name = describe_photo (photo, self->photos->len);
  gtk_picture_set_alternative_text (photo->picture, name);
  /* A picture asks for its own size; the clamps keep every card the same
   * whatever the shape of the photo, which is cropped to fill it. */
  {
    GtkWidget *tall = adw_clamp_new ();
    GtkWidget *wide = adw_clamp_new ();

    gtk_orientable_set_orientation (GTK_ORIENTABLE (tall), GTK_ORIENTATION_VERTICAL);
    adw_clamp_set_maximum_size (ADW_CLAMP (tall), CARD_HEIGHT);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (tall), CARD_HEIGHT);
    adw_clamp_set_child (ADW_CLAMP (tall), GTK_WIDGET (photo->picture));
    adw_clamp_set_maximum_size (ADW_CLAMP (wide), CARD_WIDTH);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (wide), CARD_WIDTH);
    adw_clamp_set_child (ADW_CLAMP (wide), tall);
    adw_bin_set_child (ADW_BIN (frame), wide);
  }
  gtk_overlay_set_child (GTK_OVERLAY (overlay), frame);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_set_margin_top (remove, 6);
  gtk_widget_set_margin_end (remove, 6);
  gtk_widget_set_tooltip_text (remove, _("Remove Photo"));
  {
    /* Translators: the accessible name of a photo's remove button; %s names the photo,
     * e.g. "Photo 2". */
    g_autofree char *label = g_strdup_printf (_("Remove %s"), name);

    tandem_a11y_set_label (remove, label);
  }
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), photo);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
  gtk_box_append (GTK_BOX (box), overlay);

  /* Who is in it: the observation's children, all ticked to begin with. */
  photo->who_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  {
    /* Translators: the accessible name of the list of children under a photo. */
    g_autofree char *label = g_strdup_printf (_("Who is in %s"), name);

    tandem_a11y_set_label (photo->who_box, label);
  }
  gtk_box_append (GTK_BOX (box), photo->who_box);
  fill_who (photo);

  gtk_flow_box_append (self->flow_box, box);
  /* The cards hold buttons of their own; the flow box child need not be
   * a stop of its own for the keyboard. */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);

  load_thumb (self, photo, thumb);
  update_empty (self);
}

static void
clear_photos (TandemPhotoStrip *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);
  g_ptr_array_set_size (self->photos, 0);
  update_empty (self);
}

/* Errors ---------------------------------------------------------------- */

static void
show_errors (TandemPhotoStrip *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->errors_box))) != NULL)
    gtk_box_remove (self->errors_box, child);

  for (guint i = 0; i + 1 < self->errors->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (self->errors, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->errors_box, label);
    }

  gtk_revealer_set_reveal_child (self->errors_revealer, self->errors->len > 1);
}

static void
dismiss_errors_cb (TandemPhotoStrip *self)
{
  g_ptr_array_set_size (self->errors, 0);
  g_ptr_array_add (self->errors, NULL);
  show_errors (self);
}

/* Import ---------------------------------------------------------------- */

typedef struct {
  char       *path;
  /* A pasted picture, written to a temporary file by the worker. */
  GdkTexture *texture;
} ImportInput;

typedef struct {
  char      *hash;
  char      *taken_at;
  GdkPixbuf *thumb;
  char      *error;
  /* Set by the worker once the rest is filled in. */
  int        ready;
} ImportResult;

typedef struct _ImportJob {
  char         *db_path;
  GPtrArray    *inputs;
  /* Files refused before the workers started, e.g. not on this computer. */
  GPtrArray    *early_errors;
  ImportResult *results;
  guint         n;
  /* How many results, in order, are already shown. */
  guint         shown;
  guint         added;
  int           next;
  int           done;
  guint         workers_left;
  GCancellable *cancellable;
  gint64        started;
} ImportJob;

static void
import_job_clear (ImportJob *job)
{
  for (guint i = 0; i < job->n; i++)
    {
      g_free (job->results[i].hash);
      g_free (job->results[i].taken_at);
      g_clear_object (&job->results[i].thumb);
      g_free (job->results[i].error);
    }
  g_free (job->results);
  g_ptr_array_unref (job->inputs);
  g_ptr_array_unref (job->early_errors);
  g_free (job->db_path);
  g_clear_object (&job->cancellable);
}

static void
import_input_free (ImportInput *input)
{
  g_free (input->path);
  g_clear_object (&input->texture);
  g_free (input);
}

static guint16
read16 (const guint8 *p,
        gboolean      little)
{
  return little ? (guint16) (p[0] | (p[1] << 8)) : (guint16) ((p[0] << 8) | p[1]);
}

static guint32
read32 (const guint8 *p,
        gboolean      little)
{
  return little ? (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) |
                  ((guint32) p[3] << 24)
                : ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) |
                  (guint32) p[3];
}

/* Looks for @tag in the IFD at @offset of a TIFF block; returns the offset
 * of its value (or the value itself, for a pointer to another IFD) and its
 * count, or FALSE. */
static gboolean
find_tag (const guint8 *tiff,
          gsize         len,
          gboolean      little,
          guint32       offset,
          guint16       tag,
          guint32      *value,
          guint32      *count)
{
  guint16 n;

  if (offset > len || len - offset < 2)
    return FALSE;
  n = read16 (tiff + offset, little);
  for (guint i = 0; i < n; i++)
    {
      const guint8 *entry;

      if ((gsize) offset + 2 + (gsize) (i + 1) * 12 > len)
        return FALSE;
      entry = tiff + offset + 2 + i * 12;
      if (read16 (entry, little) == tag)
        {
          *count = read32 (entry + 4, little);
          *value = read32 (entry + 8, little);
          return TRUE;
        }
    }
  return FALSE;
}

/* "2024:05:17 10:31:02" → "2024-05-17T10:31:02", or NULL. */
static char *
exif_date_to_iso (const guint8 *text,
                  gsize         len)
{
  static const char pattern[] = "dddd:dd:dd dd:dd:dd";
  char iso[20];

  if (len < 19)
    return NULL;
  for (guint i = 0; i < 19; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != (guint8) pattern[i])
        return NULL;
      iso[i] = (char) text[i];
    }
  iso[4] = iso[7] = '-';
  iso[10] = 'T';
  iso[19] = '\0';
  /* Cameras write zeros when their clock was never set. */
  if (g_str_has_prefix (iso, "0000"))
    return NULL;
  return g_strdup (iso);
}

/* The camera's date and time (Exif DateTimeOriginal, else DateTime) of a
 * JPEG, as local time without a zone, as cameras keep it. gdk-pixbuf does
 * not read it, and re-encoding drops it, so it is read here first. */
static char *
read_taken_at (const char *path)
{
  g_autofree guint8 *data = g_malloc (EXIF_SCAN_BYTES);
  FILE *file = g_fopen (path, "rb");
  gsize len, i = 2;

  if (file == NULL)
    return NULL;
  len = fread (data, 1, EXIF_SCAN_BYTES, file);
  fclose (file);

  if (len < 4 || data[0] != 0xff || data[1] != 0xd8)
    return NULL;

  while (i + 4 <= len && data[i] == 0xff)
    {
      guint8 marker = data[i + 1];
      gsize seglen = ((gsize) data[i + 2] << 8) | data[i + 3];
      const guint8 *seg = data + i + 4;

      if (marker == 0xda || marker == 0xd9 || seglen < 2)
        break;
      if (marker == 0xe1 && i + 2 + seglen <= len && seglen >= 16 &&
          memcmp (seg, "Exif\0\0", 6) == 0)
        {
          const guint8 *tiff = seg + 6;
          gsize tiff_len = seglen - 2 - 6;
          gboolean little;
          guint32 ifd0, value, count, exif_ifd;

          if (memcmp (tiff, "II", 2) == 0)
            little = TRUE;
          else if (memcmp (tiff, "MM", 2) == 0)
            little = FALSE;
          else
            return NULL;
          ifd0 = read32 (tiff + 4, little);

          if (find_tag (tiff, tiff_len, little, ifd0, 0x8769, &exif_ifd, &count) &&
              find_tag (tiff, tiff_len, little, exif_ifd, 0x9003, &value, &count) &&
              count >= 20 && value < tiff_len && tiff_len - value >= 19)
            return exif_date_to_iso (tiff + value, tiff_len - value);

          if (find_tag (tiff, tiff_len, little, ifd0, 0x0132, &value, &count) &&
              count >= 20 && value < tiff_len && tiff_len - value >= 19)
            return exif_date_to_iso (tiff + value, tiff_len - value);
          return NULL;
        }
      i += 2 + seglen;
    }

  return NULL;
}

static gboolean
write_texture (GdkTexture  *texture,
               char       **path_out,
               GError     **error)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
  g_autofree char *dir = g_dir_make_tmp ("tandem-paste-XXXXXX", error);
  g_autofree char *path = NULL;

  if (dir == NULL)
    return FALSE;
  /* The name is what a message about the picture shows. */
  path = g_build_filename (dir, _("Pasted picture.png"), NULL);
  if (!g_file_set_contents_full (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                 G_FILE_SET_CONTENTS_NONE, 0600, error))
    {
      g_rmdir (dir);
      return FALSE;
    }
  *path_out = g_steal_pointer (&path);
  return TRUE;
}

static void
remove_pasted (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
import_one (TandemStore  *store,
            ImportInput  *input,
            ImportResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pasted = NULL;
  g_autofree char *stored = NULL;
  const char *path = input->path;

  if (input->texture != NULL)
    {
      if (!write_texture (input->texture, &pasted, &error))
        {
          /* Translators: %s is the reason from the system. */
          result->error = g_strdup_printf (_("The pasted picture could not be kept: %s"),
                                           error->message);
          return;
        }
      path = pasted;
    }

  result->hash = tandem_blob_store_add_image (store, path, TANDEM_PHOTO_MAX_SIZE, &error);
  if (result->hash == NULL)
    result->error = g_strdup (error->message);
  else
    {
      result->taken_at = read_taken_at (path);
      stored = tandem_blob_store_get_path (store, result->hash);
      if (stored != NULL)
        result->thumb = gdk_pixbuf_new_from_file_at_scale (stored, THUMB_SIZE, THUMB_SIZE,
                                                           TRUE, NULL);
    }

  if (pasted != NULL)
    remove_pasted (pasted);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  TandemStore *store;
  g_autoptr(GError) error = NULL;

  store = pool_take (job->db_path, &error);

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);

      if (i >= job->n)
        break;

      if (g_cancellable_is_cancelled (cancellable))
        ;
      else if (store == NULL)
        /* Translators: %s is the reason. */
        job->results[i].error = g_strdup_printf (_("The photo store could not be opened: %s"),
                                                 error->message);
      else
        import_one (store, g_ptr_array_index (job->inputs, i), &job->results[i]);

      g_atomic_int_set (&job->results[i].ready, 1);
      g_atomic_int_inc (&job->done);
    }

  if (store != NULL)
    pool_give (store);
  g_task_return_boolean (task, TRUE);
}

static void
update_progress (TandemPhotoStrip *self)
{
  ImportJob *job = self->job;
  g_autofree char *text = NULL;
  guint done;

  if (job == NULL)
    return;

  done = (guint) g_atomic_int_get (&job->done);
  /* Translators: while photos are added; %1$u is how many are done, %2$u how many
   * there are. */
  text = g_strdup_printf (_("Adding photos… %1$u of %2$u"), done, job->n);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, job->n > 0 ? (double) done / job->n : 0);
}

/* Shows the photos that are ready, in the order they were chosen: they
 * appear as they come rather than all at once at the end. */
static void
show_ready (TandemPhotoStrip *self,
            ImportJob        *job)
{
  while (job->shown < job->n && g_atomic_int_get (&job->results[job->shown].ready))
    {
      ImportResult *result = &job->results[job->shown++];

      if (result->hash != NULL)
        {
          g_autoptr(TandemPhoto) record = tandem_photo_new (result->hash);

          tandem_record_set_text (TANDEM_RECORD (record), "taken_at", result->taken_at);
          add_photo (self, record, NULL, FALSE, result->thumb);
          job->added++;
        }
    }
}

static gboolean
progress_cb (gpointer user_data)
{
  TandemPhotoStrip *self = user_data;

  update_progress (self);
  if (self->job != NULL)
    show_ready (self, self->job);
  return G_SOURCE_CONTINUE;
}

static void
finish_import (TandemPhotoStrip *self)
{
  ImportJob *job = self->job;
  guint added;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  show_ready (self, job);
  added = job->added;
  self->job = NULL;

  g_debug ("Imported %u pictures in %.0f ms", job->n,
           (g_get_monotonic_time () - job->started) / 1000.0);

  g_ptr_array_set_size (self->errors, 0);
  for (guint i = 0; i < job->early_errors->len; i++)
    g_ptr_array_add (self->errors, g_strdup (g_ptr_array_index (job->early_errors, i)));
  for (guint i = 0; i < job->n; i++)
    if (job->results[i].error != NULL)
      g_ptr_array_add (self->errors, g_strdup (job->results[i].error));
  g_ptr_array_add (self->errors, NULL);

  import_job_clear (job);
  g_free (job);

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), TRUE);
  show_errors (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (added > 0)
    changed (self);
  g_signal_emit (self, signals[IMPORT_FINISHED], 0);
}

static void
worker_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TandemPhotoStrip *self = TANDEM_PHOTO_STRIP (source);
  ImportJob *job = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);

  if (--job->workers_left > 0)
    return;

  /* The strip was closed while the workers ran: the photos stay in the blob
   * store, unused, and nothing else happens. */
  if (self->job != job)
    {
      import_job_clear (job);
      g_free (job);
      return;
    }

  finish_import (self);
}

/* Takes @inputs and @early_errors. */
static void
start_import (TandemPhotoStrip *self,
              GPtrArray        *inputs,
              GPtrArray        *early_errors)
{
  ImportJob *job;
  guint workers;

  g_assert (self->job == NULL);
  g_assert (self->store != NULL);

  job = g_new0 (ImportJob, 1);
  job->db_path = g_strdup (tandem_store_get_path (self->store));
  job->inputs = inputs;
  job->early_errors = early_errors != NULL ? early_errors
                                           : g_ptr_array_new_with_free_func (g_free);
  job->n = inputs->len;
  job->results = g_new0 (ImportResult, job->n);
  job->cancellable = g_object_ref (self->cancellable);
  job->started = g_get_monotonic_time ();
  self->job = job;

  if (job->n == 0)
    {
      finish_import (self);
      return;
    }

  workers = MIN (job->n, n_workers ());
  job->workers_left = workers;
  for (guint i = 0; i < workers; i++)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, worker_done_cb, job);

      g_task_set_source_tag (task, start_import);
      g_task_set_task_data (task, job, NULL);
      g_task_run_in_thread (task, import_thread);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_progress (self);
  self->progress_source = g_timeout_add (100, progress_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Adding photos while others are being added would mix two lots of
 * progress and errors; the person is asked to wait instead. */
static gboolean
refuse_while_busy (TandemPhotoStrip *self)
{
  if (self->job == NULL)
    return FALSE;

  g_ptr_array_set_size (self->errors, 0);
  g_ptr_array_add (self->errors,
                   g_strdup (_("Photos are still being added. Add more once they are in.")));
  g_ptr_array_add (self->errors, NULL);
  show_errors (self);
  return TRUE;
}

/* The file chooser, dropping and pasting ---------------------------------- */

static void
chooser_response_cb (TandemPhotoStrip     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));
      tandem_photo_strip_add_files (self, (GFile **) list->pdata, list->len);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
add_clicked_cb (TandemPhotoStrip *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);

  self->chooser = gtk_file_chooser_native_new (_("Add Photos"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         TandemPhotoStrip *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  GSList *files = list != NULL ? gdk_file_list_get_files (list) : NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  g_slist_free (files);

  if (array->len == 0)
    return FALSE;
  tandem_photo_strip_add_files (self, (GFile **) array->pdata, array->len);
  return TRUE;
}

static void
paste_texture_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TandemPhotoStrip) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source),
                                                                     result, &error);
  GPtrArray *inputs;
  ImportInput *input;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable) || refuse_while_busy (self))
    return;

  if (texture == NULL)
    {
      g_ptr_array_set_size (self->errors, 0);
      /* Translators: %s is the reason from the system. */
      g_ptr_array_add (self->errors, g_strdup_printf (_("The picture could not be pasted: %s"),
                                                      error->message));
      g_ptr_array_add (self->errors, NULL);
      show_errors (self);
      return;
    }

  inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) import_input_free);
  input = g_new0 (ImportInput, 1);
  input->texture = g_steal_pointer (&texture);
  g_ptr_array_add (inputs, input);
  start_import (self, inputs, NULL);
}

static void
paste_files_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TandemPhotoStrip) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);

  if (value == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  drop_cb (NULL, value, 0, 0, self);
}

/**
 * tandem_photo_strip_clipboard_has_photos:
 * @clipboard: a clipboard
 *
 * Returns: whether @clipboard holds a picture or files, which
 *   tandem_photo_strip_paste() would add
 */
gboolean
tandem_photo_strip_clipboard_has_photos (GdkClipboard *clipboard)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
         gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

/**
 * tandem_photo_strip_paste:
 * @self: a strip
 * @clipboard: the clipboard to paste from
 *
 * Adds what @clipboard holds: files copied in a file manager, or a picture
 * (a screenshot, an image copied in a browser), which is saved as PNG to a
 * temporary file and added like any other.
 *
 * Returns: whether @clipboard held something to add
 */
gboolean
tandem_photo_strip_paste (TandemPhotoStrip *self,
                          GdkClipboard     *clipboard)
{
  GdkContentFormats *formats;

  g_return_val_if_fail (TANDEM_IS_PHOTO_STRIP (self), FALSE);
  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);

  if (self->store == NULL)
    return FALSE;

  formats = gdk_clipboard_get_formats (clipboard);
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, paste_files_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_texture_cb,
                                      g_object_ref (self));
  else
    return FALSE;

  return TRUE;
}

/* GObject --------------------------------------------------------------- */

static void
tandem_photo_strip_dispose (GObject *object)
{
  TandemPhotoStrip *self = TANDEM_PHOTO_STRIP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  /* The workers finish on their own and free the job (worker_done_cb). */
  self->job = NULL;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->photos != NULL)
    g_ptr_array_set_size (self->photos, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PHOTO_STRIP);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tandem_photo_strip_parent_class)->dispose (object);
}

static void
tandem_photo_strip_finalize (GObject *object)
{
  TandemPhotoStrip *self = TANDEM_PHOTO_STRIP (object);

  g_ptr_array_unref (self->photos);
  g_ptr_array_unref (self->child_ids);
  g_ptr_array_unref (self->child_names);
  g_ptr_array_unref (self->errors);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_photo_strip_parent_class)->finalize (object);
}

static void
tandem_photo_strip_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TandemPhotoStrip *self = TANDEM_PHOTO_STRIP (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, tandem_photo_strip_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_photo_strip_class_init (TandemPhotoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_photo_strip_dispose;
  object_class->finalize = tandem_photo_strip_finalize;
  object_class->get_property = tandem_photo_strip_get_property;

  /**
   * TandemPhotoStrip:busy:
   *
   * Whether photos are being added.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemPhotoStrip::changed:
   *
   * Emitted when a photo is added or removed, or who is in one changes.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TandemPhotoStrip::import-finished:
   *
   * Emitted when the photos being added are all added or refused
   * (tandem_photo_strip_get_errors() says why).
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tandem/Tandem/tandem-photo-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemPhotoStrip, flow_box);
  gtk_widget_class_bind_template_child (widget_class, TandemPhotoStrip, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TandemPhotoStrip, add_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPhotoStrip, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemPhotoStrip, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemPhotoStrip, errors_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemPhotoStrip, errors_box);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_errors_cb);
}

static void
tandem_photo_strip_init (TandemPhotoStrip *self)
{
  GtkDropTarget *target;

  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_free);
  self->child_ids = g_ptr_array_new_with_free_func (g_free);
  self->child_names = g_ptr_array_new_with_free_func (g_free);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->errors, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_a11y_tidy_names (GTK_WIDGET (self));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  update_empty (self);
}

/**
 * tandem_photo_strip_new:
 *
 * Returns: (transfer floating): an empty strip; give it a store with
 *   tandem_photo_strip_set_store() before adding photos
 */
GtkWidget *
tandem_photo_strip_new (void)
{
  return g_object_new (TANDEM_TYPE_PHOTO_STRIP, NULL);
}

/**
 * tandem_photo_strip_set_store:
 * @self: a strip
 * @store: the store photos are added to
 */
void
tandem_photo_strip_set_store (TandemPhotoStrip *self,
                              TandemStore      *store)
{
  g_return_if_fail (TANDEM_IS_PHOTO_STRIP (self));
  g_return_if_fail (TANDEM_IS_STORE (store));

  g_set_object (&self->store, store);
  pool_warm (tandem_store_get_path (store));
}

/**
 * tandem_photo_strip_set_children:
 * @self: a strip
 * @ids: (array zero-terminated=1): the observation's children
 * @names: (array zero-terminated=1): their names, parallel to @ids
 *
 * Offers these children as who is in each photo. A child no longer in the
 * observation is taken out of every photo; a photo nobody chose children
 * for shows them all.
 */
void
tandem_photo_strip_set_children (TandemPhotoStrip   *self,
                                 const char * const *ids,
                                 const char * const *names)
{
  g_return_if_fail (TANDEM_IS_PHOTO_STRIP (self));

  g_ptr_array_set_size (self->child_ids, 0);
  g_ptr_array_set_size (self->child_names, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_ptr_array_add (self->child_ids, g_strdup (ids[i]));
      g_ptr_array_add (self->child_names, g_strdup (names[i]));
    }

  for (guint i = 0; i < self->photos->len; i++)
    {
      Photo *photo = g_ptr_array_index (self->photos, i);

      if (!photo->custom)
        {
          g_ptr_array_set_size (photo->who, 0);
          for (guint k = 0; k < self->child_ids->len; k++)
            g_ptr_array_add (photo->who, g_strdup (g_ptr_array_index (self->child_ids, k)));
        }
      else
        for (guint k = photo->who->len; k > 0; k--)
          if (!strv_has (self->child_ids, g_ptr_array_index (photo->who, k - 1)))
            g_ptr_array_remove_index (photo->who, k - 1);
      fill_who (photo);
    }
}

static GPtrArray *
ptr_array_from_strv (const char * const *strv)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (strv[i]));
  return array;
}

static gboolean
same_children (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!strv_has (b, g_ptr_array_index (a, i)))
      return FALSE;
  return TRUE;
}

/**
 * tandem_photo_strip_load:
 * @self: a strip
 * @photos: (element-type TandemPhoto): the photos of an observation, in
 *   order
 *
 * Shows @photos, and who is in each as the store has it, in place of
 * anything shown before. Call tandem_photo_strip_set_children() first.
 */
void
tandem_photo_strip_load (TandemPhotoStrip *self,
                         GPtrArray        *photos)
{
  g_return_if_fail (TANDEM_IS_PHOTO_STRIP (self));
  g_return_if_fail (self->store != NULL);

  clear_photos (self);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      TandemPhoto *photo = g_ptr_array_index (photos, i);
      const char *id = tandem_record_get_id (TANDEM_RECORD (photo));
      g_auto(GStrv) who = tandem_journal_get_photo_child_ids (self->store, id, NULL);
      g_autoptr(GPtrArray) array = ptr_array_from_strv ((const char * const *) who);

      add_photo (self, photo, array, !same_children (array, self->child_ids), NULL);
    }
}

/**
 * tandem_photo_strip_add_files:
 * @self: a strip
 * @files: (array length=n_files): image files
 * @n_files: how many
 *
 * Adds the pictures in @files in worker threads, showing the progress.
 * Each is scaled down and stored (tandem_blob_store_add_image()); one that
 * cannot be used is listed with the reason, and the others are added all
 * the same. #TandemPhotoStrip::import-finished follows.
 */
void
tandem_photo_strip_add_files (TandemPhotoStrip  *self,
                              GFile            **files,
                              guint              n_files)
{
  GPtrArray *inputs;
  GPtrArray *early_errors;

  g_return_if_fail (TANDEM_IS_PHOTO_STRIP (self));
  g_return_if_fail (self->store != NULL);

  if (refuse_while_busy (self))
    return;

  inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) import_input_free);
  early_errors = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      ImportInput *input;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          /* Translators: %s is the address of a file. */
          char *message = g_strdup_printf (_("“%s” is not a file on this computer. Save it "
                                             "here first."), uri);

          g_ptr_array_add (early_errors, message);
          continue;
        }

      input = g_new0 (ImportInput, 1);
      input->path = g_steal_pointer (&path);
      g_ptr_array_add (inputs, input);
    }

  start_import (self, inputs, early_errors);
}

/**
 * tandem_photo_strip_get_busy:
 * @self: a strip
 *
 * Returns: whether photos are being added
 */
gboolean
tandem_photo_strip_get_busy (TandemPhotoStrip *self)
{
  g_return_val_if_fail (TANDEM_IS_PHOTO_STRIP (self), FALSE);

  return self->job != NULL;
}

/**
 * tandem_photo_strip_get_n_photos:
 * @self: a strip
 *
 * Returns: how many photos are shown
 */
guint
tandem_photo_strip_get_n_photos (TandemPhotoStrip *self)
{
  g_return_val_if_fail (TANDEM_IS_PHOTO_STRIP (self), 0);

  return self->photos->len;
}

/**
 * tandem_photo_strip_get_errors:
 * @self: a strip
 *
 * Returns: (transfer none) (array zero-terminated=1): why pictures of the
 *   last addition could not be added, each message naming the file
 */
const char * const *
tandem_photo_strip_get_errors (TandemPhotoStrip *self)
{
  g_return_val_if_fail (TANDEM_IS_PHOTO_STRIP (self), NULL);

  return (const char * const *) self->errors->pdata;
}

/**
 * tandem_photo_strip_collect:
 * @self: a strip
 * @photos: (out) (transfer full) (element-type TandemPhoto): the photos, in
 *   order
 * @photo_children: (out) (transfer full) (element-type GStrv): who is in
 *   each, parallel to @photos
 *
 * What tandem_journal_save_observation() takes.
 */
void
tandem_photo_strip_collect (TandemPhotoStrip  *self,
                            GPtrArray        **photos,
                            GPtrArray        **photo_children)
{
  g_return_if_fail (TANDEM_IS_PHOTO_STRIP (self));

  *photos = g_ptr_array_new_with_free_func (g_object_unref);
  *photo_children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < self->photos->len; i++)
    {
      Photo *photo = g_ptr_array_index (self->photos, i);
      GStrv who = g_new0 (char *, photo->who->len + 1);

      for (guint k = 0; k < photo->who->len; k++)
        who[k] = g_strdup (g_ptr_array_index (photo->who, k));
      g_ptr_array_add (*photos, g_object_ref (photo->record));
      g_ptr_array_add (*photo_children, who);
    }
}

/**
 * tandem_photo_strip_to_json:
 * @self: a strip
 *
 * The photos for a draft: each photo's id, blob, date taken, caption, who
 * is in it and whether that was chosen. The blob store keeps the pictures.
 *
 * Returns: (transfer full): a JSON array
 */
JsonNode *
tandem_photo_strip_to_json (TandemPhotoStrip *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (TANDEM_IS_PHOTO_STRIP (self), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->photos->len; i++)
    {
      Photo *photo = g_ptr_array_index (self->photos, i);
      TandemRecord *record = TANDEM_RECORD (photo->record);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, tandem_record_get_id (record));
      json_builder_set_member_name (builder, "blob");
      json_builder_add_string_value (builder, tandem_record_get_text (record, "blob"));
      json_builder_set_member_name (builder, "taken_at");
      json_builder_add_string_value (builder, tandem_record_get_text (record, "taken_at"));
      json_builder_set_member_name (builder, "caption");
      json_builder_add_string_value (builder, tandem_record_get_text (record, "caption"));
      json_builder_set_member_name (builder, "custom");
      json_builder_add_boolean_value (builder, photo->custom);
      json_builder_set_member_name (builder, "children");
      json_builder_begin_array (builder);
      for (guint k = 0; k < photo->who->len; k++)
        json_builder_add_string_value (builder, g_ptr_array_index (photo->who, k));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * tandem_photo_strip_load_json:
 * @self: a strip
 * @array: photos as tandem_photo_strip_to_json() wrote them
 *
 * Shows the photos of a draft in place of anything shown before. A photo
 * that is already stored keeps its record; one whose picture is no longer
 * in the blob store is left out. Call tandem_photo_strip_set_children()
 * first.
 */
void
tandem_photo_strip_load_json (TandemPhotoStrip *self,
                              JsonArray        *array)
{
  g_return_if_fail (TANDEM_IS_PHOTO_STRIP (self));
  g_return_if_fail (self->store != NULL);

  clear_photos (self);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(TandemPhoto) record = NULL;
      g_autoptr(GPtrArray) who = g_ptr_array_new_with_free_func (g_free);
      const char *id, *blob;
      JsonNode *children;

      if (object == NULL)
        continue;
      id = member_string (object, "id");
      blob = member_string (object, "blob");
      if (!tandem_blob_store_has (self->store, blob))
        continue;

      if (id != NULL)
        record = tandem_store_load (self->store, TANDEM_TYPE_PHOTO, id, NULL);
      if (record == NULL || g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (record), "blob"),
                                       blob) != 0)
        {
          g_clear_object (&record);
          record = tandem_photo_new (blob);
          /* The same photo keeps the same id from one draft to the next. */
          if (id != NULL && g_uuid_string_is_valid (id))
            tandem_record_set_id (TANDEM_RECORD (record), id);
        }
      tandem_record_set_text (TANDEM_RECORD (record), "taken_at",
                              member_string (object, "taken_at"));
      tandem_record_set_text (TANDEM_RECORD (record), "caption",
                              member_string (object, "caption"));

      children = json_object_get_member (object, "children");
      if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
        {
          JsonArray *ids = json_node_get_array (children);

          for (guint k = 0; k < json_array_get_length (ids); k++)
            {
              const char *child_id = json_array_get_string_element (ids, k);

              if (child_id != NULL)
                g_ptr_array_add (who, g_strdup (child_id));
            }
        }

      add_photo (self, record, who,
                 json_object_get_boolean_member_with_default (object, "custom", FALSE), NULL);
    }
}
