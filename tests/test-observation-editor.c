/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-area-picker.h"
#include "tandem-blob-store.h"
#include "tandem-drafts.h"
#include "tandem-editor-util.h"
#include "tandem-journal.h"
#include "tandem-observation-editor.h"
#include "tandem-photo-strip.h"
#include "tandem-records.h"
#include "tandem-test-gui-util.h"
#include "tandem-test-util.h"

/* The observation editor, driven as a keyworker would: children chosen,
 * text typed, an area ticked, photos added; then what reached the store is
 * checked. */

typedef struct {
  TandemTestStore db;
  TandemChild    *gwen;
  TandemChild    *tomos;
  TandemCarer    *carer;
  TandemKeyworker *keyworker;
  GtkWindow      *editor;
  char           *saved_id;
} Fixture;

static TandemRecord *
save (TandemStore  *store,
      gpointer      record)
{
  g_autoptr(GError) error = NULL;

  tandem_store_save (store, TANDEM_RECORD (record), &error);
  g_assert_no_error (error);
  return record;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  tandem_test_store_set_up (&f->db, data);
  f->gwen = TANDEM_CHILD (save (f->db.store, tandem_child_new ("Gwen", "Jones", "2022-01-15")));
  f->tomos = TANDEM_CHILD (save (f->db.store, tandem_child_new ("Tomos", "Evans", "2021-11-02")));
  f->carer = TANDEM_CARER (save (f->db.store,
                                 tandem_carer_new (tandem_record_get_id (TANDEM_RECORD (f->gwen)),
                                                   "Rhian Jones")));
  tandem_record_set_text (TANDEM_RECORD (f->carer), "relationship", "Mother");
  save (f->db.store, f->carer);
  f->keyworker = TANDEM_KEYWORKER (save (f->db.store, tandem_keyworker_new ("Sian Morgan")));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (f->editor);
  tandem_test_pump ();
  g_clear_object (&f->gwen);
  g_clear_object (&f->tomos);
  g_clear_object (&f->carer);
  g_clear_object (&f->keyworker);
  g_free (f->saved_id);
  tandem_test_store_tear_down (&f->db, data);
}

static const char *
id_of (gpointer record)
{
  return tandem_record_get_id (TANDEM_RECORD (record));
}

static void
saved_cb (GtkWindow  *editor,
          const char *id,
          Fixture    *f)
{
  g_free (f->saved_id);
  f->saved_id = g_strdup (id);
}

static GtkWindow *
open_editor (Fixture           *f,
             TandemObservation *observation,
             const char        *child_id)
{
  GtkWindow *editor = tandem_observation_editor_new (NULL, f->db.store, observation, child_id);

  /* The editor goes away once saved or closed. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &f->editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), f);
  gtk_window_present (editor);
  tandem_test_pump ();
  return editor;
}

/* The text views, in the order of the form: what happened, next steps,
 * ideas for home, internal note, comment. */
static GtkTextView *
text_view (GtkWindow *editor,
           guint      index)
{
  g_autoptr(GPtrArray) views = tandem_test_find_all (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);

  g_assert_cmpuint (views->len, ==, 5);
  return g_ptr_array_index (views, index);
}

static void
type_text (GtkWindow  *editor,
           guint       index,
           const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view (editor, index));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, text, -1, TRUE);
}

static char *
get_text (GtkWindow *editor,
          guint      index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view (editor, index));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gpointer
find_one (GtkWindow *editor,
          GType      type)
{
  g_autoptr(GPtrArray) found = tandem_test_find_all (GTK_WIDGET (editor), type);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

/* Adds a child as a person would: the row of the "Add Child" popover. */
static void
pick_child (GtkWindow  *editor,
            const char *child_id)
{
  g_autoptr(GPtrArray) rows = tandem_test_find_all (GTK_WIDGET (editor), GTK_TYPE_LIST_BOX_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (rows->pdata[i], "tandem-child-id"), child_id) == 0)
      {
        gtk_widget_activate (rows->pdata[i]);
        tandem_test_pump ();
        return;
      }
  g_assert_not_reached ();
}

/* The error shown above the form, or NULL. */
static const char *
shown_error (GtkWindow *editor)
{
  g_autoptr(GPtrArray) revealers = tandem_test_find_all (GTK_WIDGET (editor),
                                                         GTK_TYPE_REVEALER);
  GtkRevealer *revealer = g_ptr_array_index (revealers, 0);

  if (!gtk_revealer_get_reveal_child (revealer))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_revealer_get_child (revealer)));
}

static gboolean
label_shows (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = tandem_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (labels->pdata[i]), text) != NULL &&
        gtk_widget_is_visible (labels->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
save_editor (GtkWindow *editor)
{
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  tandem_test_pump ();
}

/* Saves, and checks that the editor closed, or says why it did not. */
static void
save_and_check (Fixture *f)
{
  save_editor (f->editor);
  if (f->editor != NULL)
    g_error ("The editor did not save: %s", shown_error (f->editor));
  g_assert_nonnull (f->saved_id);
}

static TandemObservation *
load_observation (Fixture    *f,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  TandemObservation *observation = tandem_store_load (f->db.store, TANDEM_TYPE_OBSERVATION, id,
                                                      &error);

  g_assert_no_error (error);
  return observation;
}

static gboolean
strv_same_set (char       **strv,
               const char  *a,
               const char  *b)
{
  guint n = strv != NULL ? g_strv_length (strv) : 0;

  if (n != (b != NULL ? 2u : 1u))
    return FALSE;
  return g_strv_contains ((const char * const *) strv, a) &&
         (b == NULL || g_strv_contains ((const char * const *) strv, b));
}

/* A group observation ------------------------------------------------------ */

static void
test_group_observation (Fixture       *f,
                        gconstpointer  data)
{
  TandemAreaPicker *picker;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(TandemObservation) observation = NULL;
  g_auto(GStrv) children = NULL;
  TandemRecord *record;

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The author is whoever uses this computer, unless chosen otherwise. */
  g_settings_set_string (settings, "current-keyworker", id_of (f->keyworker));

  f->editor = open_editor (f, NULL, id_of (f->gwen));
  g_assert_cmpstr (gtk_window_get_title (f->editor), ==, "Write Observation");

  pick_child (f->editor, id_of (f->tomos));
  type_text (f->editor, 0, "Gwen and Tomos built a tower of ten blocks and counted them.");
  type_text (f->editor, 1, "Offer bigger numbers.");

  /* Ticking an aspect ticks its area; the aspect is what is stored. */
  picker = find_one (f->editor, TANDEM_TYPE_AREA_PICKER);
  checks = tandem_test_find_all (GTK_WIDGET (picker), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 7 + 17 + 3);
  /* Tree order: Communication and Language, its two aspects, then PSED… */
  gtk_check_button_set_active (checks->pdata[2], TRUE);
  g_assert_true (gtk_check_button_get_active (checks->pdata[0]));
  /* …and the last three are the characteristics. */
  gtk_check_button_set_active (checks->pdata[checks->len - 1], TRUE);
  tandem_test_pump ();

  save_and_check (f);

  observation = load_observation (f, f->saved_id);
  record = TANDEM_RECORD (observation);
  g_assert_cmpstr (tandem_record_get_text (record, "text"), ==,
                   "Gwen and Tomos built a tower of ten blocks and counted them.");
  g_assert_cmpstr (tandem_record_get_text (record, "areas"), ==, "cl.speaking");
  g_assert_cmpstr (tandem_record_get_text (record, "characteristics"), ==, "creating");
  g_assert_cmpstr (tandem_record_get_text (record, "next_steps"), ==, "Offer bigger numbers.");
  g_assert_cmpstr (tandem_record_get_text (record, "source"), ==, "setting");
  g_assert_cmpstr (tandem_record_get_text (record, "author_id"), ==, id_of (f->keyworker));
  g_assert_null (tandem_record_get_text (record, "carer_id"));
  g_assert_true (tandem_record_get_bool (record, "shared"));
  g_assert_null (tandem_record_get_text (record, "ideas_for_home"));

  children = tandem_journal_get_child_ids (f->db.store, f->saved_id, NULL);
  g_assert_true (strv_same_set (children, id_of (f->gwen), id_of (f->tomos)));

  /* Saving forgets the draft. */
  g_assert_null (tandem_drafts_load (f->db.store, "observation:new", NULL));
  g_settings_reset (settings, "current-keyworker");
}

static void
test_area_picker_rules (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *picker = g_object_ref_sink (tandem_area_picker_new ());
  g_autoptr(GPtrArray) checks = tandem_test_find_all (picker, GTK_TYPE_CHECK_BUTTON);
  g_autofree char *areas = NULL;

  /* An aspect ticked and unticked again leaves nothing behind. */
  gtk_check_button_set_active (checks->pdata[2], TRUE);
  g_assert_true (gtk_check_button_get_active (checks->pdata[0]));
  gtk_check_button_set_active (checks->pdata[2], FALSE);
  g_assert_false (gtk_check_button_get_active (checks->pdata[0]));
  g_assert_null (tandem_area_picker_get_areas (TANDEM_AREA_PICKER (picker)));

  /* An area on its own is stored as the area; unticking it clears its
   * aspects. */
  gtk_check_button_set_active (checks->pdata[0], TRUE);
  areas = tandem_area_picker_get_areas (TANDEM_AREA_PICKER (picker));
  g_assert_cmpstr (areas, ==, "cl");
  gtk_check_button_set_active (checks->pdata[1], TRUE);
  g_clear_pointer (&areas, g_free);
  areas = tandem_area_picker_get_areas (TANDEM_AREA_PICKER (picker));
  g_assert_cmpstr (areas, ==, "cl.listening");
  gtk_check_button_set_active (checks->pdata[0], FALSE);
  g_assert_false (gtk_check_button_get_active (checks->pdata[1]));
  g_assert_null (tandem_area_picker_get_areas (TANDEM_AREA_PICKER (picker)));

  /* Loading shows exactly what is stored, in the framework's order. */
  tandem_area_picker_set_areas (TANDEM_AREA_PICKER (picker), "ead,pd.fine_motor,cl.speaking");
  g_clear_pointer (&areas, g_free);
  areas = tandem_area_picker_get_areas (TANDEM_AREA_PICKER (picker));
  g_assert_cmpstr (areas, ==, "cl.speaking,pd.fine_motor,ead");
  tandem_area_picker_set_characteristics (TANDEM_AREA_PICKER (picker), "active,playing");
  g_clear_pointer (&areas, g_free);
  areas = tandem_area_picker_get_characteristics (TANDEM_AREA_PICKER (picker));
  g_assert_cmpstr (areas, ==, "playing,active");
  g_assert_true (label_shows (picker, "Fine Motor"));
  g_assert_true (label_shows (picker, "Expressive Arts and Design"));

  g_object_unref (picker);
}

static void
test_needs_a_child_and_text (Fixture       *f,
                             gconstpointer  data)
{
  f->editor = open_editor (f, NULL, NULL);

  type_text (f->editor, 0, "Played outside.");
  save_editor (f->editor);
  g_assert_nonnull (shown_error (f->editor));
  g_assert_nonnull (strstr (shown_error (f->editor), "at least one child"));
  g_assert_null (f->saved_id);

  pick_child (f->editor, id_of (f->gwen));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (f->editor, 0)), "  ", -1);
  save_editor (f->editor);
  g_assert_nonnull (strstr (shown_error (f->editor), "no text"));

  type_text (f->editor, 0, "Played outside.");
  {
    g_autoptr(GPtrArray) rows = tandem_test_find_all (GTK_WIDGET (f->editor),
                                                      ADW_TYPE_ENTRY_ROW);

    /* The first is the observation's date; the comment's comes later. */
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "31/02/2024");
  }
  save_editor (f->editor);
  g_assert_nonnull (strstr (shown_error (f->editor), "31/02/2024"));
  g_assert_null (f->saved_id);
  g_assert_cmpint (tandem_test_count (f->db.store, TANDEM_TYPE_OBSERVATION), ==, 0);
}

/* Photos ------------------------------------------------------------------- */

static void
put16 (GByteArray *out,
       guint16     value)
{
  guint8 b[2] = { value >> 8, value & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 b[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };

  g_byte_array_append (out, b, 4);
}

/* An Exif APP1 segment (big-endian TIFF) whose Exif IFD holds
 * DateTimeOriginal, as a phone writes it. */
static GByteArray *
exif_segment (const char *when)
{
  GByteArray *tiff = g_byte_array_new ();
  GByteArray *segment = g_byte_array_new ();

  g_byte_array_append (tiff, (const guint8 *) "MM\0\x2a", 4);
  put32 (tiff, 8);
  /* IFD0: one entry, the pointer to the Exif IFD at 26. */
  put16 (tiff, 1);
  put16 (tiff, 0x8769);
  put16 (tiff, 4);
  put32 (tiff, 1);
  put32 (tiff, 26);
  put32 (tiff, 0);
  /* Exif IFD at 26: DateTimeOriginal, ASCII, 20 bytes at 44. */
  put16 (tiff, 1);
  put16 (tiff, 0x9003);
  put16 (tiff, 2);
  put32 (tiff, 20);
  put32 (tiff, 44);
  put32 (tiff, 0);
  g_byte_array_append (tiff, (const guint8 *) when, 20);

  g_byte_array_append (segment, (const guint8 *) "\xff\xe1", 2);
  put16 (segment, 2 + 6 + tiff->len);
  g_byte_array_append (segment, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (segment, tiff->data, tiff->len);
  g_byte_array_unref (tiff);
  return segment;
}

static char *
write_jpeg (Fixture    *f,
            const char *name,
            int         width,
            int         height,
            const char *when)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg = NULL;
  char *path = g_build_filename (f->db.dir, name, NULL);
  gsize len;

  gdk_pixbuf_fill (pixbuf, 0x3080c0ff);
  gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &len, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);

  g_byte_array_append (file, (const guint8 *) jpeg, 2);
  if (when != NULL)
    {
      g_autoptr(GByteArray) exif = exif_segment (when);

      g_byte_array_append (file, exif->data, exif->len);
    }
  g_byte_array_append (file, (const guint8 *) jpeg + 2, len - 2);
  tandem_test_write_file (path, file->data, file->len);
  return path;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
add_files_and_wait (TandemPhotoStrip   *strip,
                    const char * const *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean timed_out = FALSE;
  guint source;

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));

  tandem_photo_strip_add_files (strip, (GFile **) files->pdata, files->len);
  source = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  while (tandem_photo_strip_get_busy (strip) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
  tandem_test_pump ();
}

static void
test_photos (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *photo = write_jpeg (f, "tower.jpg", 3000, 2000, "2024:05:17 10:31:02");
  g_autofree char *notes = g_build_filename (f->db.dir, "notes.txt", NULL);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_auto(GStrv) in_photo = NULL;
  g_autofree char *stored_path = NULL;
  g_autoptr(GdkPixbuf) stored = NULL;
  TandemPhotoStrip *strip;
  const char * const *errors;
  TandemRecord *record;

  tandem_test_write_file (notes, "Not a picture at all.\n", -1);

  f->editor = open_editor (f, NULL, id_of (f->gwen));
  pick_child (f->editor, id_of (f->tomos));
  type_text (f->editor, 0, "Gwen painted Tomos.");

  /* A file that is not a picture is named with the reason; the good one is
   * added all the same. */
  strip = find_one (f->editor, TANDEM_TYPE_PHOTO_STRIP);
  add_files_and_wait (strip, (const char *[]) { notes, photo, NULL });
  errors = tandem_photo_strip_get_errors (strip);
  g_assert_nonnull (errors[0]);
  g_assert_null (errors[1]);
  g_assert_nonnull (strstr (errors[0], "notes.txt"));
  g_assert_nonnull (strstr (errors[0], "not a picture"));
  g_assert_true (label_shows (GTK_WIDGET (strip), "notes.txt"));
  g_assert_cmpuint (tandem_photo_strip_get_n_photos (strip), ==, 1);

  /* Both children are in the photo to begin with; Gwen only painted. */
  checks = tandem_test_find_all (GTK_WIDGET (strip), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, ==, 2);
  g_assert_true (gtk_check_button_get_active (checks->pdata[0]));
  g_assert_true (gtk_check_button_get_active (checks->pdata[1]));
  gtk_check_button_set_active (checks->pdata[1], FALSE);

  save_and_check (f);
  g_assert_nonnull (f->saved_id);

  photos = tandem_journal_get_photos (f->db.store, f->saved_id, NULL);
  g_assert_cmpuint (photos->len, ==, 1);
  record = g_ptr_array_index (photos, 0);
  g_assert_cmpstr (tandem_record_get_text (record, "taken_at"), ==, "2024-05-17T10:31:02");
  in_photo = tandem_journal_get_photo_child_ids (f->db.store, tandem_record_get_id (record),
                                                 NULL);
  g_assert_true (strv_same_set (in_photo, id_of (f->gwen), NULL));

  /* Scaled down to within the size photos are kept at: a JPEG is decoded
   * at half size by libjpeg, so 3000 px becomes 1500 px. */
  stored_path = tandem_blob_store_get_path (f->db.store, tandem_record_get_text (record, "blob"));
  g_assert_nonnull (stored_path);
  stored = gdk_pixbuf_new_from_file (stored_path, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), <=, TANDEM_PHOTO_MAX_SIZE);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, 1500);
}

static void
test_photo_follows_children (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *photo = write_jpeg (f, "sand.jpg", 64, 48, NULL);
  g_autoptr(GPtrArray) photos = NULL;
  g_auto(GStrv) in_photo = NULL;
  TandemPhotoStrip *strip;
  g_autoptr(GPtrArray) chips = NULL;

  f->editor = open_editor (f, NULL, id_of (f->gwen));
  type_text (f->editor, 0, "Sand play.");
  strip = find_one (f->editor, TANDEM_TYPE_PHOTO_STRIP);
  add_files_and_wait (strip, (const char *[]) { photo, NULL });

  /* A child added later is in a photo nobody chose children for; a child
   * taken out is in no photo. */
  pick_child (f->editor, id_of (f->tomos));
  chips = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON);
  for (guint i = 0; i < chips->len; i++)
    if (g_strcmp0 (g_object_get_data (chips->pdata[i], "tandem-child-id"), id_of (f->gwen)) == 0)
      {
        g_signal_emit_by_name (chips->pdata[i], "clicked");
        break;
      }
  tandem_test_pump ();

  save_and_check (f);
  photos = tandem_journal_get_photos (f->db.store, f->saved_id, NULL);
  g_assert_cmpuint (photos->len, ==, 1);
  in_photo = tandem_journal_get_photo_child_ids (f->db.store, id_of (photos->pdata[0]), NULL);
  g_assert_true (strv_same_set (in_photo, id_of (f->tomos), NULL));
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *good = write_jpeg (f, "good.jpg", 64, 48, NULL);
  g_autofree char *truncated = g_build_filename (f->db.dir, "cut.jpg", NULL);
  g_autofree char *bomb = tandem_test_write_png_bomb (f->db.dir);
  g_autofree char *huge = g_build_filename (f->db.dir, "huge.jpg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *errors;
  TandemPhotoStrip *strip;
  GFileOutputStream *out;
  gsize len;

  /* Cut in its image data, after a complete header. */
  {
    g_autofree char *whole = write_jpeg (f, "whole.jpg", 800, 600, NULL);
    g_autofree char *bytes = NULL;
    gsize whole_len;

    g_file_get_contents (whole, &bytes, &whole_len, NULL);
    tandem_test_write_file (truncated, bytes, whole_len - 100);
  }
  g_file_get_contents (good, &contents, &len, NULL);

  /* 200 MB, without writing 200 MB: a JPEG's start, then a hole. */
  tandem_test_write_file (huge, contents, len);
  {
    g_autoptr(GFile) file = g_file_new_for_path (huge);

    out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);
    g_assert_no_error (error);
    g_seekable_truncate (G_SEEKABLE (out), 200 * 1024 * 1024, NULL, &error);
    g_assert_no_error (error);
    g_object_unref (out);
  }

  f->editor = open_editor (f, NULL, id_of (f->gwen));
  strip = find_one (f->editor, TANDEM_TYPE_PHOTO_STRIP);
  add_files_and_wait (strip, (const char *[]) { truncated, bomb, good, huge,
                                                "/nonexistent/gone.png", NULL });

  /* Each refused file is named, with why; the good one is in. */
  errors = tandem_photo_strip_get_errors (strip);
  g_assert_cmpuint (g_strv_length ((char **) errors), ==, 4);
  g_assert_nonnull (strstr (errors[0], "cut.jpg"));
  g_assert_nonnull (strstr (errors[0], "incomplete"));
  g_assert_nonnull (strstr (errors[1], "bomb.png"));
  g_assert_nonnull (strstr (errors[1], "megapixels"));
  g_assert_nonnull (strstr (errors[2], "huge.jpg"));
  g_assert_nonnull (strstr (errors[2], "50 MB"));
  g_assert_nonnull (strstr (errors[3], "gone.png"));
  g_assert_cmpuint (tandem_photo_strip_get_n_photos (strip), ==, 1);

  /* The editor still works. */
  type_text (f->editor, 0, "Still fine.");
  save_and_check (f);
  g_assert_nonnull (f->saved_id);
}

static void
import_finished_cb (TandemPhotoStrip *strip,
                    gboolean         *finished)
{
  *finished = TRUE;
}

static void
test_paste_picture (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 300, 200);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  TandemPhotoStrip *strip;
  GdkClipboard *clipboard;
  gboolean finished = FALSE;
  gboolean timed_out = FALSE;
  guint source;

  gdk_pixbuf_fill (pixbuf, 0xc0402080);
  texture = gdk_texture_new_for_pixbuf (pixbuf);

  f->editor = open_editor (f, NULL, id_of (f->gwen));
  strip = find_one (f->editor, TANDEM_TYPE_PHOTO_STRIP);
  g_signal_connect (strip, "import-finished", G_CALLBACK (import_finished_cb), &finished);
  type_text (f->editor, 0, "A screenshot of the class blog.");

  /* A picture pasted while typing goes to the photos, not into the text. */
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->editor));
  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_true (tandem_photo_strip_clipboard_has_photos (clipboard));
  g_signal_emit_by_name (text_view (f->editor, 0), "paste-clipboard");

  source = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  while (!finished && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
  tandem_test_pump ();

  g_assert_null (tandem_photo_strip_get_errors (strip)[0]);
  g_assert_cmpuint (tandem_photo_strip_get_n_photos (strip), ==, 1);
  text = get_text (f->editor, 0);
  g_assert_cmpstr (text, ==, "A screenshot of the class blog.");

  save_and_check (f);
  photos = tandem_journal_get_photos (f->db.store, f->saved_id, NULL);
  g_assert_cmpuint (photos->len, ==, 1);
  g_assert_true (tandem_blob_store_has (f->db.store,
                                        tandem_record_get_text (photos->pdata[0], "blob")));
}

/* Long text ---------------------------------------------------------------- */

static void
test_long_text_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *huge = g_malloc (10 * 1024 * 1024 + 1);
  g_autofree char *text = NULL;
  gint64 start;

  memset (huge, 'a', 10 * 1024 * 1024);
  huge[10 * 1024 * 1024] = '\0';

  f->editor = open_editor (f, NULL, id_of (f->gwen));
  type_text (f->editor, 0, "Before. ");

  start = g_get_monotonic_time ();
  type_text (f->editor, 0, huge);
  tandem_test_pump ();
  /* Refused at once, not after the text view has laid out 10 MB. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  text = get_text (f->editor, 0);
  g_assert_cmpstr (text, ==, "Before. ");
  g_assert_nonnull (shown_error (f->editor));
  g_assert_nonnull (strstr (shown_error (f->editor), "10.0 MB"));
  g_assert_nonnull (strstr (shown_error (f->editor), "64 KB"));

  /* The other fields are guarded too. */
  type_text (f->editor, 3, huge);
  g_clear_pointer (&text, g_free);
  text = get_text (f->editor, 3);
  g_assert_cmpstr (text, ==, "");
  g_assert_nonnull (strstr (shown_error (f->editor), "Internal note"));

  /* Up to the limit is fine. */
  huge[TANDEM_MAX_TEXT_BYTES - strlen ("Before. ")] = '\0';
  type_text (f->editor, 0, huge);
  g_clear_pointer (&text, g_free);
  text = get_text (f->editor, 0);
  g_assert_cmpuint (strlen (text), ==, TANDEM_MAX_TEXT_BYTES);
}

/* Editing ------------------------------------------------------------------ */

static TandemObservation *
make_full_observation (Fixture *f,
                       char   **photo_blob)
{
  g_autofree char *path = write_jpeg (f, "home.jpg", 80, 60, NULL);
  g_autoptr(TandemObservation) observation = tandem_observation_new ("2024-03-14",
                                                                     "Gwen sorted the shopping.");
  TandemRecord *record = TANDEM_RECORD (observation);
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) who = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  g_autofree char *blob = NULL;
  const char *children[] = { id_of (f->gwen), id_of (f->tomos), NULL };

  tandem_record_set_text (record, "author_id", id_of (f->keyworker));
  tandem_record_set_text (record, "source", "home");
  tandem_record_set_text (record, "carer_id", id_of (f->carer));
  tandem_record_set_text (record, "areas", "maths.number,utw");
  tandem_record_set_text (record, "characteristics", "playing,active");
  tandem_record_set_text (record, "next_steps", "Count coins.");
  tandem_record_set_text (record, "ideas_for_home", "Count the stairs.");
  tandem_record_set_bool (record, "shared", FALSE);
  tandem_record_set_text (record, "internal_note", "Mum worried about counting.");

  blob = tandem_blob_store_add_image (f->db.store, path, 2048, &error);
  g_assert_no_error (error);
  g_ptr_array_add (photos, tandem_photo_new (blob));
  g_ptr_array_add (who, g_strdupv ((char **) (const char *[]) { id_of (f->gwen), NULL }));

  tandem_journal_save_observation (f->db.store, observation, children, photos, who, &error);
  g_assert_no_error (error);

  *photo_blob = g_steal_pointer (&blob);
  return g_steal_pointer (&observation);
}

static JsonObject *
parse_state (TandemObservationEditor *editor,
             JsonParser              *parser)
{
  g_autofree char *state = tandem_observation_editor_dup_state (editor);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, state, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_edit_loads_everything (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *blob = NULL;
  g_autoptr(TandemObservation) observation = make_full_observation (f, &blob);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TandemComment) comment = NULL;
  g_autoptr(TandemObservation) again = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *state;
  JsonArray *children, *photos, *in_photo;
  TandemPhotoStrip *strip;

  comment = tandem_comment_new (id_of (observation), "She counts everything at home now.");
  tandem_record_set_text (TANDEM_RECORD (comment), "carer_id", id_of (f->carer));
  tandem_record_set_text (TANDEM_RECORD (comment), "via", "slip");
  save (f->db.store, comment);

  f->editor = open_editor (f, observation, NULL);
  g_assert_cmpstr (gtk_window_get_title (f->editor), ==, "Edit Observation");

  state = parse_state (TANDEM_OBSERVATION_EDITOR (f->editor), parser);
  g_assert_cmpstr (json_object_get_string_member (state, "observation_id"), ==,
                   id_of (observation));
  g_assert_cmpstr (json_object_get_string_member (state, "observed_on"), ==, "2024-03-14");
  g_assert_cmpstr (json_object_get_string_member (state, "author_id"), ==, id_of (f->keyworker));
  g_assert_cmpstr (json_object_get_string_member (state, "source"), ==, "home");
  g_assert_cmpstr (json_object_get_string_member (state, "carer_id"), ==, id_of (f->carer));
  g_assert_cmpstr (json_object_get_string_member (state, "text"), ==,
                   "Gwen sorted the shopping.");
  g_assert_cmpstr (json_object_get_string_member (state, "areas"), ==, "maths.number,utw");
  g_assert_cmpstr (json_object_get_string_member (state, "characteristics"), ==,
                   "playing,active");
  g_assert_cmpstr (json_object_get_string_member (state, "next_steps"), ==, "Count coins.");
  g_assert_cmpstr (json_object_get_string_member (state, "ideas_for_home"), ==,
                   "Count the stairs.");
  g_assert_false (json_object_get_boolean_member (state, "shared"));
  g_assert_cmpstr (json_object_get_string_member (state, "internal_note"), ==,
                   "Mum worried about counting.");
  children = json_object_get_array_member (state, "children");
  g_assert_cmpuint (json_array_get_length (children), ==, 2);
  photos = json_object_get_array_member (state, "photos");
  g_assert_cmpuint (json_array_get_length (photos), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (photos, 0),
                                                  "blob"), ==, blob);
  in_photo = json_object_get_array_member (json_array_get_object_element (photos, 0),
                                           "children");
  g_assert_cmpuint (json_array_get_length (in_photo), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (in_photo, 0), ==, id_of (f->gwen));

  /* What the person sees, not only the state. */
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "Sian Morgan"));
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "Rhian Jones (Mother)"));
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "Number"));
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "Understanding the World"));
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "Internal: for staff only"));
  strip = find_one (f->editor, TANDEM_TYPE_PHOTO_STRIP);
  g_assert_cmpuint (tandem_photo_strip_get_n_photos (strip), ==, 1);

  /* The family's comment is shown, marked as theirs. */
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "She counts everything at home now."));
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "From the family"));
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "On a returned slip"));

  /* A draft of an existing observation reopens it, changes and all. */
  {
    g_autofree char *key = g_strconcat ("observation:", id_of (observation), NULL);
    g_autofree char *draft = NULL;
    g_autofree char *text = NULL;
    g_autoptr(GError) draft_error = NULL;
    GtkWindow *recovered;

    type_text (f->editor, 0, " And the change.");
    g_assert_true (tandem_observation_editor_save_draft_now (
                     TANDEM_OBSERVATION_EDITOR (f->editor)));
    draft = tandem_drafts_load (f->db.store, key, NULL);
    g_assert_nonnull (draft);
    recovered = tandem_observation_editor_new_from_draft (NULL, f->db.store, key, draft,
                                                          &draft_error);
    g_assert_no_error (draft_error);
    g_assert_cmpstr (gtk_window_get_title (recovered), ==, "Edit Observation");
    text = get_text (recovered, 0);
    g_assert_cmpstr (text, ==, "Gwen sorted the shopping. And the change.");
    gtk_window_destroy (recovered);

    /* Back as it was, for what follows. */
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (f->editor, 0)),
                              "Gwen sorted the shopping.", -1);
  }

  /* Saving without a change keeps it as it was, photo included. */
  save_and_check (f);
  g_assert_cmpstr (f->saved_id, ==, id_of (observation));
  again = load_observation (f, f->saved_id);
  g_assert_false (tandem_editor_records_differ (TANDEM_RECORD (again),
                                                TANDEM_RECORD (observation)));
}

static void
test_add_comment (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *blob = NULL;
  g_autoptr(TandemObservation) observation = make_full_observation (f, &blob);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) toggles = NULL;
  TandemRecord *comment;
  g_autofree char *key = NULL;

  f->editor = open_editor (f, observation, NULL);
  key = g_strdup (tandem_observation_editor_get_draft_key (TANDEM_OBSERVATION_EDITOR (f->editor)));
  g_assert_true (g_str_has_prefix (key, "observation:"));
  g_assert_cmpstr (key + strlen ("observation:"), ==, id_of (observation));
  toggles = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_TOGGLE_BUTTON);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_label (toggles->pdata[i]), "Add Co_mment") == 0)
      gtk_toggle_button_set_active (toggles->pdata[i], TRUE);
  tandem_test_pump ();

  type_text (f->editor, 4, "Thank you, she loved it.");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.add-comment", NULL);
  tandem_test_pump ();

  comments = tandem_journal_get_comments (f->db.store, id_of (observation), NULL);
  g_assert_cmpuint (comments->len, ==, 1);
  comment = g_ptr_array_index (comments, 0);
  g_assert_cmpstr (tandem_record_get_text (comment, "text"), ==, "Thank you, she loved it.");
  g_assert_cmpstr (tandem_record_get_text (comment, "carer_id"), ==, id_of (f->carer));
  g_assert_cmpstr (tandem_record_get_text (comment, "via"), ==, "conversation");
  g_assert_true (label_shows (GTK_WIDGET (f->editor), "Thank you, she loved it."));

  /* The comment is saved at once; the observation itself is unchanged, so
   * closing asks nothing and leaves no draft. */
  gtk_window_close (f->editor);
  tandem_test_pump ();
  g_assert_null (f->editor);
  g_assert_null (tandem_drafts_load (f->db.store, key, NULL));

  /* A comment typed but not saved on its own is saved with the observation
   * rather than lost. */
  f->editor = open_editor (f, observation, NULL);
  type_text (f->editor, 4, "We tried it at the shops too.");
  save_and_check (f);
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = tandem_journal_get_comments (f->db.store, id_of (observation), NULL);
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpstr (tandem_record_get_text (comments->pdata[1], "text"), ==,
                   "We tried it at the shops too.");
}

/* Drafts ------------------------------------------------------------------- */

static void
test_draft_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *photo = write_jpeg (f, "draft.jpg", 64, 48, "2023:01:02 03:04:05");
  g_autofree char *state = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *recovered_state = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *recovered;
  GtkToggleButton *home = NULL;
  g_autoptr(GPtrArray) toggles = NULL;
  TandemObservationEditor *editor;

  f->editor = open_editor (f, NULL, id_of (f->gwen));
  editor = TANDEM_OBSERVATION_EDITOR (f->editor);
  g_assert_cmpstr (tandem_observation_editor_get_draft_key (editor), ==, "observation:new");

  /* Opened and not touched: nothing to keep. */
  tandem_observation_editor_save_draft_now (editor);
  g_assert_null (tandem_drafts_load (f->db.store, "observation:new", NULL));

  pick_child (f->editor, id_of (f->tomos));
  type_text (f->editor, 0, "Gwen told us about the farm.");
  type_text (f->editor, 1, "Read a farm book.");
  type_text (f->editor, 2, "Name the animals.");
  type_text (f->editor, 3, "Staff only.");
  tandem_area_picker_set_areas (find_one (f->editor, TANDEM_TYPE_AREA_PICKER),
                                "cl.speaking,utw.natural_world");
  toggles = tandem_test_find_all (GTK_WIDGET (f->editor), GTK_TYPE_TOGGLE_BUTTON);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_label (toggles->pdata[i]), "At Home") == 0)
      home = toggles->pdata[i];
  g_assert_nonnull (home);
  gtk_toggle_button_set_active (home, TRUE);
  add_files_and_wait (find_one (f->editor, TANDEM_TYPE_PHOTO_STRIP),
                      (const char *[]) { photo, NULL });

  /* The draft is written shortly after typing pauses. */
  {
    gboolean timed_out = FALSE;
    guint source = g_timeout_add_seconds (5, timeout_cb, &timed_out);

    while (!timed_out &&
           (draft = tandem_drafts_load (f->db.store, "observation:new", NULL)) == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (source);
  }
  g_clear_pointer (&draft, g_free);
  tandem_observation_editor_save_draft_now (editor);
  state = tandem_observation_editor_dup_state (editor);
  draft = tandem_drafts_load (f->db.store, "observation:new", NULL);
  g_assert_cmpstr (draft, ==, state);

  /* A new editor from the draft is the same editor. */
  recovered = tandem_observation_editor_new_from_draft (NULL, f->db.store, "observation:new",
                                                        draft, &error);
  g_assert_no_error (error);
  gtk_window_present (recovered);
  tandem_test_pump ();
  recovered_state = tandem_observation_editor_dup_state (TANDEM_OBSERVATION_EDITOR (recovered));
  g_assert_cmpstr (recovered_state, ==, state);

  /* A recovered draft saves like any observation, and is then gone. A home
   * observation needs who it came from: Gwen's mother is the only one. */
  {
    g_autoptr(GPtrArray) combos = tandem_test_find_all (GTK_WIDGET (recovered),
                                                        ADW_TYPE_COMBO_ROW);

    for (guint i = 0; i < combos->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (combos->pdata[i]), "From") == 0)
        adw_combo_row_set_selected (combos->pdata[i], 1);
  }
  g_signal_connect (recovered, "saved", G_CALLBACK (saved_cb), f);
  save_editor (recovered);
  g_assert_nonnull (f->saved_id);
  g_assert_null (tandem_drafts_load (f->db.store, "observation:new", NULL));
  {
    g_autoptr(TandemObservation) saved = load_observation (f, f->saved_id);
    g_autoptr(GPtrArray) photos = tandem_journal_get_photos (f->db.store, f->saved_id, NULL);

    g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (saved), "carer_id"), ==,
                     id_of (f->carer));
    g_assert_cmpstr (tandem_record_get_text (TANDEM_RECORD (saved), "areas"), ==,
                     "cl.speaking,utw.natural_world");
    g_assert_cmpuint (photos->len, ==, 1);
    g_assert_cmpstr (tandem_record_get_text (photos->pdata[0], "taken_at"), ==,
                     "2023-01-02T03:04:05");
  }

  /* The first editor, closed with its changes thrown away, leaves no draft
   * either: closing asks first, and Discard forgets the draft. */
  tandem_observation_editor_save_draft_now (editor);
  g_clear_pointer (&draft, g_free);
  draft = tandem_drafts_load (f->db.store, "observation:new", NULL);
  g_assert_nonnull (draft);
  gtk_window_close (f->editor);
  tandem_test_pump ();
  g_assert_nonnull (f->editor);
  {
    g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *question = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (window))
          question = ADW_MESSAGE_DIALOG (window);
      }
    g_assert_nonnull (question);
    adw_message_dialog_response (question, "discard");
    /* A click on the button would close the question too. */
    gtk_window_destroy (GTK_WINDOW (question));
  }
  tandem_test_pump ();
  g_assert_null (f->editor);
  g_assert_null (tandem_drafts_load (f->db.store, "observation:new", NULL));
}

static void
test_damaged_draft (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *editor = tandem_observation_editor_new_from_draft (NULL, f->db.store,
                                                                "observation:new",
                                                                "{\"text\": \"unfinished",
                                                                &error);

  g_assert_null (editor);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/observation-editor/group", test_group_observation);
  ADD ("/observation-editor/area-picker", test_area_picker_rules);
  ADD ("/observation-editor/needs-child-and-text", test_needs_a_child_and_text);
  ADD ("/observation-editor/photos", test_photos);
  ADD ("/observation-editor/photo-follows-children", test_photo_follows_children);
  ADD ("/observation-editor/bad-files", test_bad_files);
  ADD ("/observation-editor/paste-picture", test_paste_picture);
  ADD ("/observation-editor/long-text", test_long_text_refused);
  ADD ("/observation-editor/edit-loads-everything", test_edit_loads_everything);
  ADD ("/observation-editor/add-comment", test_add_comment);
  ADD ("/observation-editor/draft-round-trip", test_draft_round_trip);
  ADD ("/observation-editor/damaged-draft", test_damaged_draft);

  return g_test_run ();
}
