/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-csv.h"

static TandemCsv *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  TandemCsv *csv = tandem_csv_parse_data (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static void
assert_row (TandemCsv          *csv,
            guint               index,
            guint               line,
            const char * const *cells)
{
  const TandemCsvRow *row = tandem_csv_get_row (csv, index);

  g_assert_cmpuint (row->line, ==, line);
  g_assert_cmpuint (row->n_cells, ==, g_strv_length ((char **) cells));
  for (guint i = 0; i < row->n_cells; i++)
    g_assert_cmpstr (row->cells[i], ==, cells[i]);
  g_assert_null (row->cells[row->n_cells]);
}

#define ROW(...) ((const char * const[]) { __VA_ARGS__, NULL })

static void
parse_error (const char *data,
             gsize       length,
             const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCsv) csv = tandem_csv_parse_data (data, length, &error);

  g_assert_null (csv);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_quotes (void)
{
  g_autoptr(TandemCsv) csv = parse_ok ("name,quote,last\n"
                                       "\"Smith, Jo\",\"She said \"\"hi\"\"\",x\n"
                                       "\"\",plain \"inner\" quotes,\"\"\"\"\n");

  g_assert_cmpint (tandem_csv_get_delimiter (csv), ==, ',');
  g_assert_cmpuint (tandem_csv_get_n_rows (csv), ==, 3);
  assert_row (csv, 0, 1, ROW ("name", "quote", "last"));
  assert_row (csv, 1, 2, ROW ("Smith, Jo", "She said \"hi\"", "x"));
  assert_row (csv, 2, 3, ROW ("", "plain \"inner\" quotes", "\""));
}

static void
test_embedded_newlines (void)
{
  g_autoptr(TandemCsv) csv = parse_ok ("a,b\n"
                                       "\"one\ntwo\nthree\",x\n"
                                       "after,\"crlf\r\ninside\"\n"
                                       "last,row\n");

  g_assert_cmpuint (tandem_csv_get_n_rows (csv), ==, 4);
  assert_row (csv, 1, 2, ROW ("one\ntwo\nthree", "x"));
  /* The row after a cell with two line breaks starts two lines further on. */
  assert_row (csv, 2, 5, ROW ("after", "crlf\ninside"));
  assert_row (csv, 3, 7, ROW ("last", "row"));
}

static void
test_bom (void)
{
  g_autoptr(TandemCsv) csv = parse_ok ("\xEF\xBB\xBFgiven_name,family_name\nSiân,Jones\n");

  assert_row (csv, 0, 1, ROW ("given_name", "family_name"));
  assert_row (csv, 1, 2, ROW ("Siân", "Jones"));
}

static void
test_semicolon (void)
{
  g_autoptr(TandemCsv) csv = parse_ok ("Forename;Surname;Notes\n"
                                       "Jo;Smith;a, b and c\n"
                                       "Al;\"Ng; Li\";\"x\"\n");

  g_assert_cmpint (tandem_csv_get_delimiter (csv), ==, ';');
  assert_row (csv, 1, 2, ROW ("Jo", "Smith", "a, b and c"));
  assert_row (csv, 2, 3, ROW ("Al", "Ng; Li", "x"));
}

static void
test_semicolon_quoted_commas_in_header (void)
{
  /* Commas inside a quoted header cell do not count towards the guess. */
  g_autoptr(TandemCsv) csv = parse_ok ("\"Name, given\";\"Name, family\"\nJo;Smith\n");

  g_assert_cmpint (tandem_csv_get_delimiter (csv), ==, ';');
  assert_row (csv, 0, 1, ROW ("Name, given", "Name, family"));
}

static void
test_tab (void)
{
  g_autoptr(TandemCsv) csv = parse_ok ("a\tb\tc\n1\t2, 3\t4\n");

  g_assert_cmpint (tandem_csv_get_delimiter (csv), ==, '\t');
  assert_row (csv, 1, 2, ROW ("1", "2, 3", "4"));
}

static void
test_line_ends (void)
{
  g_autoptr(TandemCsv) crlf = parse_ok ("a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5");
  g_autoptr(TandemCsv) cr = parse_ok ("a,b\r1,2\r\r3,4\r");

  g_assert_cmpuint (tandem_csv_get_n_rows (crlf), ==, 4);
  assert_row (crlf, 1, 2, ROW ("1", "2"));
  assert_row (crlf, 2, 4, ROW ("3", "x\ny"));
  /* No final line end is needed. */
  assert_row (crlf, 3, 6, ROW ("4", "5"));

  g_assert_cmpuint (tandem_csv_get_n_rows (cr), ==, 3);
  assert_row (cr, 1, 2, ROW ("1", "2"));
  assert_row (cr, 2, 4, ROW ("3", "4"));
}

static void
test_blank_lines_and_empty_cells (void)
{
  g_autoptr(TandemCsv) csv = parse_ok ("\n\na,b,c,\n\n,,,\n x , \"q\" ,\n");

  g_assert_cmpuint (tandem_csv_get_n_rows (csv), ==, 3);
  /* Leading blank lines are skipped but counted. */
  assert_row (csv, 0, 3, ROW ("a", "b", "c", ""));
  assert_row (csv, 1, 5, ROW ("", "", "", ""));
  /* Unquoted spaces are kept; the spaces around a quoted field are not. */
  assert_row (csv, 2, 6, ROW (" x ", "q", ""));
}

static void
test_invalid_utf8 (void)
{
  static const char data[] = "a,b\n\"multi\nline\",ok\nLatin-1 caf\xe9,x\n";

  parse_error (data, sizeof data - 1, "line 4");
  parse_error (data, sizeof data - 1, "UTF-8");
}

static void
test_nul_byte (void)
{
  static const char data[] = "a,b\n1,2\0\n";

  parse_error (data, sizeof data - 1, "line 2");
}

static void
test_unterminated_quote (void)
{
  static const char data[] = "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n";

  /* The message names the line the quote opened on, not the end of the file. */
  parse_error (data, sizeof data - 1, "line 3");
}

static void
test_empty (void)
{
  parse_error ("", 0, "empty");
  parse_error ("\r\n\n  \n", 5, "empty");
  parse_error ("\xEF\xBB\xBF", 3, "empty");
}

static void
test_too_large (void)
{
  gsize size = TANDEM_CSV_MAX_SIZE + 1;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TandemCsv) csv = NULL;

  memset (data, 'a', size);
  bytes = g_bytes_new_static (data, size);
  csv = tandem_csv_parse (bytes, &error);
  g_assert_null (csv);
  g_assert_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE);
  /* g_format_size() puts a no-break space between number and unit. */
  g_assert_nonnull (strstr (error->message, "20.0\u00a0MB"));

  g_clear_error (&error);
  g_assert_true (tandem_csv_check_size (TANDEM_CSV_MAX_SIZE, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/semicolon", test_semicolon);
  g_test_add_func ("/csv/semicolon-quoted-header", test_semicolon_quoted_commas_in_header);
  g_test_add_func ("/csv/tab", test_tab);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/blank-lines", test_blank_lines_and_empty_cells);
  g_test_add_func ("/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv/nul-byte", test_nul_byte);
  g_test_add_func ("/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/too-large", test_too_large);

  return g_test_run ();
}
