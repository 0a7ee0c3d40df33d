/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Parent packs for a room (issue 6), end to end through the builder: a
 * generated setting, one room of 30 current children with one carer each,
 * each with 12 camera-sized photos (2000×1500, about 200 KB) on shared
 * observations of the last six weeks, then tandem_pack_export_room() for the
 * room, one PDF per carer, and once more as one combined PDF. Targets: all
 * 30 in under 3 s on a 2-core machine; each PDF within 10% of the JPEG bytes
 * it embeds plus 100 KB. Prints parsable lines:
 *   pack-room packs=30 seconds_median=N runs=3
 *   pack-room combined seconds_median=N
 *   pack-room pages_per_pdf_min=N max=N jpeg_bytes_max=N pdf_bytes_max=N overhead_max=N size_ok=yes
 */

#define _GNU_SOURCE /* memmem */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-dates.h"
#include "tandem-demo.h"
#include "tandem-journal.h"
#include "tandem-pack-builder.h"
#include "tandem-records.h"
#include "tandem-test-util.h"

#define N_CHILDREN 30
#define N_PHOTOS 24
#define PHOTOS_PER_CHILD 12
#define N_RUNS 3

/* Smooth light with fine grain, so a 2000×1500 picture at quality 85 comes
 * out at about 200 KB, like a phone photo scaled down (as bench-pack-layout). */
static GBytes *
make_photo (guint seed)
{
  const int width = 2000, height = 1500;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gchar *buffer = NULL;
  gsize len = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        int grain = g_rand_int_range (rand, 0, 6);

        p[0] = (guchar) CLAMP (x * 200 / width + 30 + grain + (int) seed * 7 % 40, 0, 255);
        p[1] = (guchar) CLAMP (y * 180 / height + 40 + grain, 0, 255);
        p[2] = (guchar) CLAMP (((x / 80 + y / 60) % 2) * 60 + 90 + grain, 0, 255);
      }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, "quality", "85", NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, len);
}

static char *
days_ago (int days)
{
  GDateTime *now = g_date_time_new_now_utc ();
  GDateTime *then = g_date_time_add_days (now, -days);
  char *iso = g_date_time_format (then, "%Y-%m-%d");

  g_date_time_unref (now);
  g_date_time_unref (then);
  return iso;
}

/* Sums the JPEG streams (DCTDecode) a PDF embeds: from each image's
 * "stream" to its "endstream" (cairo gives /Length as a reference). */
static guint64
embedded_jpeg_bytes (const char *pdf,
                     gsize       len)
{
  guint64 total = 0;
  const char *p = pdf;
  const char *end = pdf + len;

  while ((p = memmem (p, end - p, "/DCTDecode", 10)) != NULL)
    {
      /* memmem: the pictures hold NUL bytes, where g_strstr_len() stops. */
      const char *start = memmem (p, end - p, "stream\n", 7);
      const char *stop = start != NULL ? memmem (start, end - start, "endstream", 9) : NULL;

      if (stop == NULL)
        break;
      start += strlen ("stream\n");
      total += (guint64) (stop - start);
      p = stop;
    }
  return total;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
give_photos (TandemStore        *store,
             const char         *child_id,
             const char         *carer_id,
             char              **hashes,
             guint               child_index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemConsent) consent = tandem_consent_new (child_id, TANDEM_CONSENT_PHOTOS_PACK);
  /* Today, so that it is the child's latest word on photos. */
  g_autofree char *given = days_ago (0);

  tandem_record_set_text (TANDEM_RECORD (consent), "carer_id", carer_id);
  tandem_record_set_text (TANDEM_RECORD (consent), "given_on", given);
  tandem_record_set_bool (TANDEM_RECORD (consent), "granted", TRUE);
  if (!tandem_store_save (store, TANDEM_RECORD (consent), &error))
    g_error ("%s", error->message);

  for (guint o = 0; o < PHOTOS_PER_CHILD / 2; o++)
    {
      g_autofree char *date = days_ago (3 + (int) o * 6);
      g_autoptr(TandemObservation) observation =
        tandem_observation_new (date, "Building a den in the garden with blankets and pegs, "
                                      "then reading a story inside it by torchlight.");
      g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) who = g_ptr_array_new ();
      const char * const children[] = { child_id, NULL };

      tandem_record_set_bool (TANDEM_RECORD (observation), "shared", TRUE);
      tandem_record_set_text (TANDEM_RECORD (observation), "areas", "pd,ead");
      tandem_record_set_text (TANDEM_RECORD (observation), "next_steps",
                              "More loose parts outdoors to build with.");
      for (guint k = 0; k < 2; k++)
        {
          guint which = (child_index * PHOTOS_PER_CHILD + o * 2 + k) % N_PHOTOS;

          g_ptr_array_add (photos, tandem_photo_new (hashes[which]));
          g_ptr_array_add (who, (gpointer) children);
        }
      if (!tandem_journal_save_observation (store, observation, children, photos, who, &error))
        g_error ("%s", error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = NULL;
  g_autoptr(TandemRoom) room = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = tandem_date_today ();
  g_autofree char *from = days_ago (42);
  char *hashes[N_PHOTOS];
  const char *params[] = { today, NULL };
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  double times[N_RUNS];
  double combined_s;
  guint64 photo_bytes = 0;
  guint64 jpeg_max = 0, pdf_max = 0, overhead_max = 0;
  guint pages_min = G_MAXUINT, pages_max = 0;
  gboolean size_ok = TRUE;
  guint n_room = 0;

  setlocale (LC_ALL, "");
  tandem_records_init ();

  dir = g_dir_make_tmp ("tandem-bench-pack-room-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = tandem_store_open (path, &error);
  g_assert_no_error (error);

  g_timer_start (timer);
  if (!tandem_generate_fill (store, 80, 1, 1, &error))
    g_error ("%s", error->message);
  g_print ("# generate: %.2f s\n", g_timer_elapsed (timer, NULL));

  for (guint i = 0; i < N_PHOTOS; i++)
    {
      g_autoptr(GBytes) photo = make_photo (i + 1);

      photo_bytes += g_bytes_get_size (photo);
      hashes[i] = tandem_blob_store_add (store, photo, "image/jpeg", &error);
      g_assert_no_error (error);
    }
  g_print ("# %d photos, 2000x1500, average %" G_GUINT64_FORMAT " bytes\n", N_PHOTOS,
           photo_bytes / N_PHOTOS);

  /* A room of 30 current children, one carer each. */
  room = tandem_room_new ("Bench room");
  if (!tandem_store_save (store, TANDEM_RECORD (room), &error))
    g_error ("%s", error->message);
  children = tandem_store_list (store, TANDEM_TYPE_CHILD,
                                "leaving_date IS NULL OR leaving_date > ?", params, &error);
  g_assert_no_error (error);
  if (!tandem_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < children->len && n_room < N_CHILDREN; i++)
    {
      TandemRecord *child = g_ptr_array_index (children, i);
      const char *carer_params[] = { tandem_record_get_id (child), NULL };
      g_autoptr(GPtrArray) carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?",
                                                       carer_params, &error);

      g_assert_no_error (error);
      if (carers->len == 0)
        continue;
      for (guint j = 1; j < carers->len; j++)
        if (!tandem_store_delete (store, g_ptr_array_index (carers, j), &error))
          g_error ("%s", error->message);
      tandem_record_set_text (child, "room_id", tandem_record_get_id (TANDEM_RECORD (room)));
      if (!tandem_store_save (store, child, &error))
        g_error ("%s", error->message);
      give_photos (store, tandem_record_get_id (child),
                   tandem_record_get_id (g_ptr_array_index (carers, 0)), hashes, n_room);
      n_room++;
    }
  if (!tandem_store_commit (store, &error))
    g_error ("%s", error->message);
  g_print ("# room: %u children, packs from %s to %s\n", n_room, from, today);

  options.from = from;
  options.to = today;
  options.today = today;
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/run%u", dir, run);
      guint written = 0;

      g_mkdir (folder, 0700);
      g_timer_start (timer);
      if (!tandem_pack_export_room (store, tandem_record_get_id (TANDEM_RECORD (room)), &options,
                                    folder, FALSE, NULL, NULL, &written, NULL, &error))
        g_error ("%s", error->message);
      times[run] = g_timer_elapsed (timer, NULL);
      g_assert_cmpuint (written, ==, n_room);
    }
  qsort (times, N_RUNS, sizeof (double), compare_doubles);
  g_print ("pack-room packs=%u seconds_median=%.2f runs=%d (min %.2f max %.2f)\n", n_room,
           times[N_RUNS / 2], N_RUNS, times[0], times[N_RUNS - 1]);

  {
    g_autofree char *combined = g_build_filename (dir, "room.pdf", NULL);

    g_timer_start (timer);
    if (!tandem_pack_export_room (store, tandem_record_get_id (TANDEM_RECORD (room)), &options,
                                  combined, TRUE, NULL, NULL, NULL, NULL, &error))
      g_error ("%s", error->message);
    combined_s = g_timer_elapsed (timer, NULL);
    g_print ("pack-room combined seconds=%.2f\n", combined_s);
  }

  /* Sizes, from the first run's PDFs. */
  {
    g_autofree char *folder = g_strdup_printf ("%s/run0", dir);
    g_autoptr(GDir) listing = g_dir_open (folder, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (folder, name, NULL);
        g_autofree char *contents = NULL;
        gsize len;
        guint64 jpeg;
        guint pages = 0;

        if (!g_file_get_contents (file, &contents, &len, &error))
          g_error ("%s", error->message);
        jpeg = embedded_jpeg_bytes (contents, len);
        {
          g_autoptr(GBytes) bytes = g_bytes_new_static (contents, len);
          PopplerDocument *pdf = poppler_document_new_from_bytes (bytes, NULL, &error);

          g_assert_no_error (error);
          pages = (guint) poppler_document_get_n_pages (pdf);
          g_object_unref (pdf);
        }
        g_print ("# %s: %u pages, %" G_GSIZE_FORMAT " bytes, %" G_GUINT64_FORMAT " in JPEGs\n",
                 name, pages, len, jpeg);
        pages_min = MIN (pages_min, pages);
        pages_max = MAX (pages_max, pages);
        jpeg_max = MAX (jpeg_max, jpeg);
        pdf_max = MAX (pdf_max, len);
        overhead_max = MAX (overhead_max, len > jpeg ? len - jpeg : 0);
        if ((double) len > jpeg * 1.1 + 100 * 1024)
          size_ok = FALSE;
      }
  }
  g_print ("pack-room pages_per_pdf_min=%u max=%u jpeg_bytes_max=%" G_GUINT64_FORMAT
           " pdf_bytes_max=%" G_GUINT64_FORMAT " overhead_max=%" G_GUINT64_FORMAT
           " size_ok=%s time_ok=%s\n",
           pages_min, pages_max, jpeg_max, pdf_max, overhead_max, size_ok ? "yes" : "no",
           times[N_RUNS / 2] < 3.0 ? "yes" : "no");

  for (guint i = 0; i < N_PHOTOS; i++)
    g_free (hashes[i]);
  g_clear_object (&store);
  tandem_test_remove_tree (dir);
  return 0;
}
