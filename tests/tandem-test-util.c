/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tandem-test-util.h"

/**
 * tandem_test_make_dir:
 *
 * Returns: (transfer full): a new empty folder, named after the test
 *   program so that one left behind can be traced
 */
char *
tandem_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname () != NULL ? g_get_prgname ()
                                                                           : "tandem-test");
  g_autofree char *template = g_strconcat (program, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/**
 * tandem_test_remove_tree:
 * @path: a file or folder
 *
 * Removes @path, and if it is a folder everything in it.
 */
void
tandem_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      tandem_test_remove_tree (child);
    }
  g_rmdir (path);
}

/**
 * tandem_test_open_store:
 * @path: where the database is, or is to be made
 *
 * Returns: (transfer full): the store; the test fails if it cannot be opened
 */
TandemStore *
tandem_test_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  TandemStore *store = tandem_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/**
 * tandem_test_store_set_up:
 * @t: the fixture
 * @data: unused
 *
 * Makes a temporary folder and a new database in it. The database is in a
 * folder of its own that opening it creates, as on the application's first
 * run.
 */
void
tandem_test_store_set_up (TandemTestStore *t,
                          gconstpointer    data)
{
  t->dir = tandem_test_make_dir ();
  t->path = g_build_filename (t->dir, "nested", "tandem.db", NULL);
  t->store = tandem_test_open_store (t->path);
}

/**
 * tandem_test_store_tear_down:
 * @t: the fixture
 * @data: unused
 *
 * Closes the database and removes the temporary folder.
 */
void
tandem_test_store_tear_down (TandemTestStore *t,
                             gconstpointer    data)
{
  g_clear_object (&t->store);
  tandem_test_remove_tree (t->dir);
  g_clear_pointer (&t->path, g_free);
  g_clear_pointer (&t->dir, g_free);
}

/**
 * tandem_test_write_file:
 * @path: the file
 * @data: what to write
 * @len: the length of @data, or -1 if it is a string
 */
void
tandem_test_write_file (const char *path,
                        const void *data,
                        gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/**
 * tandem_test_assert_mode:
 * @path: a file or folder
 * @mode: the permissions it must have, e.g. 0600 for a file only its owner
 *   may read
 */
void
tandem_test_assert_mode (const char *path,
                         guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

/**
 * tandem_test_query_int:
 * @store: a store
 * @sql: a query whose first row's first column is a number
 *
 * Returns: that number
 */
gint64
tandem_test_query_int (TandemStore *store,
                       const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (tandem_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/**
 * tandem_test_count:
 * @store: a store
 * @type: a record type
 *
 * Returns: how many records of @type there are, deleted ones aside
 */
gint64
tandem_test_count (TandemStore *store,
                   GType        type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = tandem_store_count (store, type, NULL, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/**
 * tandem_test_roster_today:
 * @today: (out caller-allocates): a date
 *
 * Sets @today to the day the sample rosters in tests/data/roster are
 * checked against, so that the tests do not start failing as the children
 * in them grow up.
 */
void
tandem_test_roster_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 1, G_DATE_SEPTEMBER, 2025);
}

static void
put_be32 (GByteArray *a,
          guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (a, b, 4);
}

/* PNG's CRC-32, bit by bit: a test writes a few chunks, so speed does not
 * matter and no zlib is needed. */
static guint32
png_crc32 (const guint8 *data,
           gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
  return crc ^ 0xffffffff;
}

static void
put_png_chunk (GByteArray   *png,
               const char   *type,
               const guint8 *data,
               guint32       len)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  g_byte_array_append (body, (const guint8 *) type, 4);
  g_byte_array_append (body, data, len);
  put_be32 (png, len);
  g_byte_array_append (png, body->data, body->len);
  put_be32 (png, png_crc32 (body->data, body->len));
}

/**
 * tandem_test_write_png_bomb:
 * @dir: a folder
 *
 * Writes `bomb.png`: a well-formed PNG of a few dozen bytes whose header
 * claims 60000×60000 pixels, about 10 GB once decoded.
 *
 * Returns: (transfer full): its path
 */
char *
tandem_test_write_png_bomb (const char *dir)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) ihdr = g_byte_array_new ();
  /* A zlib stream with one empty stored block: too little data, but the
   * header is all a loader reads before it allocates. */
  static const guint8 idat[] = { 0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01 };
  static const guint8 ihdr_tail[] = { 8, 2, 0, 0, 0 };
  char *path = g_build_filename (dir, "bomb.png", NULL);

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  put_be32 (ihdr, 60000);
  put_be32 (ihdr, 60000);
  g_byte_array_append (ihdr, ihdr_tail, sizeof ihdr_tail);
  put_png_chunk (png, "IHDR", ihdr->data, ihdr->len);
  put_png_chunk (png, "IDAT", idat, sizeof idat);
  put_png_chunk (png, "IEND", NULL, 0);
  tandem_test_write_file (path, png->data, png->len);
  return path;
}
