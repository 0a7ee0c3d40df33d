/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Photo import benchmark: 20 phone-sized JPEGs (4000×3000) imported as the
 * observation editor does, on two threads each with its own connection.
 * Target (issue 3): under 2 s. Prints one parsable summary line:
 *   photos n=20 seconds_median=N runs=3
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "tandem-blob-store.h"
#include "tandem-store.h"
#include "tandem-test-util.h"

#define N_PHOTOS 20
#define N_RUNS 3

typedef struct {
  const char *db_path;
  char      **paths;
  guint       first;
  guint       step;
} Job;

static gpointer
import_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemStore) store = tandem_store_open_with_flags (job->db_path,
                                                               TANDEM_STORE_OPEN_DEFER_INTEGRITY,
                                                               &error);

  g_assert_no_error (error);
  for (guint i = job->first; i < N_PHOTOS; i += job->step)
    {
      g_autofree char *hash = tandem_blob_store_add_image (store, job->paths[i], 2048, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

/* A photo-like picture: smooth gradients with fine noise, so that it
 * compresses like a real photo rather than a flat colour. */
static void
make_photo (const char *path,
            guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 3000; y++)
    for (int x = 0; x < 4000; x++)
      {
        guchar *p = pixels + y * stride + x * 3;
        int noise = g_rand_int_range (rand, -12, 12);

        p[0] = CLAMP ((x * 255) / 4000 + noise, 0, 255);
        p[1] = CLAMP ((y * 255) / 3000 + noise, 0, 255);
        p[2] = CLAMP (((x + y + (int) seed * 300) % 256) + noise, 0, 255);
      }

  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = tandem_test_make_dir ();
  char *paths[N_PHOTOS + 1] = { NULL };
  double seconds[N_RUNS];
  GStatBuf st;

  for (guint i = 0; i < N_PHOTOS; i++)
    {
      paths[i] = g_strdup_printf ("%s/photo-%02u.jpg", dir, i);
      make_photo (paths[i], i);
    }
  g_stat (paths[0], &st);
  g_print ("made %d photos of 4000x3000, %.1f MB each\n", N_PHOTOS,
           st.st_size / 1e6);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *db_path = g_strdup_printf ("%s/run-%u.db", dir, run);
      g_autoptr(GError) error = NULL;
      g_autoptr(TandemStore) store = tandem_store_open (db_path, &error);
      Job jobs[2] = {
        { db_path, paths, 0, 2 },
        { db_path, paths, 1, 2 },
      };
      GThread *threads[2];
      gint64 start;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      for (guint t = 0; t < 2; t++)
        threads[t] = g_thread_new ("import", import_thread, &jobs[t]);
      for (guint t = 0; t < 2; t++)
        g_thread_join (threads[t]);
      seconds[run] = (g_get_monotonic_time () - start) / 1e6;
      g_print ("run %u: %d photos in %.2f s\n", run + 1, N_PHOTOS, seconds[run]);
    }

  qsort (seconds, N_RUNS, sizeof (double), compare_doubles);
  g_print ("photos n=%d seconds_median=%.2f runs=%d\n", N_PHOTOS, seconds[N_RUNS / 2], N_RUNS);
  g_print ("target 20 photos < 2 s: %s\n", seconds[N_RUNS / 2] < 2.0 ? "met" : "NOT met");

  for (guint i = 0; i < N_PHOTOS; i++)
    g_free (paths[i]);
  tandem_test_remove_tree (dir);
  return 0;
}
