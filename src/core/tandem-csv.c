/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* A CSV reader written by hand, because GLib has none and the formats settings
 * meet are narrow enough not to need a library: RFC 4180 quoting (a quoted field
 * may hold the delimiter, doubled quotes and line breaks), any of CRLF, LF or CR
 * line ends, UTF-8 with or without a byte order mark, and a comma, semicolon or
 * tab delimiter. Management systems in locales that write decimal commas (and
 * Excel there) export semicolons, so the delimiter is guessed from the header.
 *
 * Every row remembers the line it starts on so that problems can be reported
 * against the line a person sees in a text editor, even after a cell with line
 * breaks in it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-core-error.h"
#include "tandem-csv.h"

struct _TandemCsv
{
  char       delimiter;
  GPtrArray *rows;
};

static void
row_free (gpointer data)
{
  TandemCsvRow *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

/* The line (1-based) that @offset falls on, counting CRLF, LF and CR each as
 * one line end, as text editors do. */
static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r')
        {
          line++;
          if (i + 1 < offset && data[i + 1] == '\n')
            i++;
        }
    }

  return line;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* Counts the candidate delimiters outside quotes on the first line that has
 * anything on it (the header) and picks the most frequent; a tie or a
 * one-column file falls back to the comma, the standard one. */
static char
detect_delimiter (const char *data,
                  gsize       length)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean in_quotes = FALSE;
  gboolean seen = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (c == '\r' || c == '\n')
        {
          if (seen)
            break;
        }
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;

      if (c != '\r' && c != '\n')
        seen = TRUE;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/**
 * tandem_csv_check_size:
 * @size: a file's size in bytes
 * @error: where to put the problem
 *
 * Lets a caller refuse a file by its size before reading it into memory.
 *
 * Returns: %FALSE with %TANDEM_CORE_ERROR_PARSE if @size is over
 *   %TANDEM_CSV_MAX_SIZE
 */
gboolean
tandem_csv_check_size (guint64   size,
                       GError  **error)
{
  if (size > TANDEM_CSV_MAX_SIZE)
    {
      g_autofree char *size_text = g_format_size (size);
      g_autofree char *limit = g_format_size (TANDEM_CSV_MAX_SIZE);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                   /* Translators: %1$s is the file's size, %2$s the limit, e.g.
                    * "25.3 MB", "20.0 MB". */
                   _("The file is too large (%1$s). A roster file can be at most %2$s; "
                     "check that this is the right file."), size_text, limit);
      return FALSE;
    }

  return TRUE;
}

/**
 * tandem_csv_parse_data:
 * @data: (array length=length): the file's contents
 * @length: how many bytes @data has
 * @error: where to put a whole-file problem
 *
 * Reads a whole CSV file. Completely empty lines are skipped; every other line
 * gives a row, the first being the header.
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL with
 *   %TANDEM_CORE_ERROR_PARSE if the file is empty, larger than
 *   %TANDEM_CSV_MAX_SIZE, not UTF-8, or has a quoted field that never ends
 */
TandemCsv *
tandem_csv_parse_data (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(TandemCsv) csv = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GString) field = NULL;
  const char *invalid = NULL;
  gsize pos = 0;
  guint line = 1;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!tandem_csv_check_size (length, error))
    return NULL;

  /* Excel's "CSV UTF-8" starts with a byte order mark; it is not part of the
   * first column's name. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate (data, length, &invalid))
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                   /* Translators: %u is a line number in the file. */
                   _("The file is not UTF-8 text: line %u has a character that cannot be "
                     "read. Save it from the spreadsheet as “CSV UTF-8” and try again."),
                   line_at (data, invalid - data));
      return NULL;
    }

  if (is_blank (data, length))
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                           _("The file is empty."));
      return NULL;
    }

  csv = g_new0 (TandemCsv, 1);
  csv->rows = g_ptr_array_new_with_free_func (row_free);
  csv->delimiter = detect_delimiter (data, length);

  field = g_string_new (NULL);

  while (pos < length)
    {
      guint row_line = line;
      TandemCsvRow *row;

      if (data[pos] == '\n' || data[pos] == '\r')
        {
          /* A blank line: skipped, but it still counts for the numbering. */
          if (data[pos] == '\r' && pos + 1 < length && data[pos + 1] == '\n')
            pos++;
          pos++;
          line++;
          continue;
        }

      cells = g_ptr_array_new_with_free_func (g_free);

      for (;;)
        {
          gsize p = pos;

          g_string_truncate (field, 0);

          /* Some exporters put a space after the delimiter before a quoted
           * field; tolerate it rather than read the quotes literally. */
          while (p < length && data[p] == ' ')
            p++;

          if (p < length && data[p] == '"')
            {
              guint quote_line = line;

              pos = p + 1;
              for (;;)
                {
                  char c;

                  if (pos >= length)
                    {
                      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_PARSE,
                                   /* Translators: %u is a line number in the file. */
                                   _("A quoted field that starts on line %u is never closed: "
                                     "a closing double quote (\") is missing."), quote_line);
                      return NULL;
                    }

                  c = data[pos];
                  if (c == '"')
                    {
                      if (pos + 1 < length && data[pos + 1] == '"')
                        {
                          g_string_append_c (field, '"');
                          pos += 2;
                          continue;
                        }
                      pos++;
                      break;
                    }
                  else if (c == '\r' || c == '\n')
                    {
                      /* Line breaks inside a cell become plain \n whatever
                       * the file's convention. */
                      g_string_append_c (field, '\n');
                      if (c == '\r' && pos + 1 < length && data[pos + 1] == '\n')
                        pos++;
                      pos++;
                      line++;
                    }
                  else
                    {
                      g_string_append_c (field, c);
                      pos++;
                    }
                }

              /* Spaces between the closing quote and the delimiter are not
               * part of the value. */
              while (pos < length && data[pos] == ' ')
                pos++;
            }

          /* An unquoted field, or stray text after a closing quote, which is
           * kept rather than refused as most spreadsheets do. */
          while (pos < length && data[pos] != csv->delimiter &&
                 data[pos] != '\r' && data[pos] != '\n')
            g_string_append_c (field, data[pos++]);

          g_ptr_array_add (cells, g_strndup (field->str, field->len));

          if (pos < length && data[pos] == csv->delimiter)
            {
              pos++;
              continue;
            }

          if (pos < length)
            {
              if (data[pos] == '\r' && pos + 1 < length && data[pos + 1] == '\n')
                pos++;
              pos++;
              line++;
            }
          break;
        }

      row = g_new0 (TandemCsvRow, 1);
      row->line = row_line;
      row->n_cells = cells->len;
      g_ptr_array_add (cells, NULL);
      row->cells = (char **) g_ptr_array_free (g_steal_pointer (&cells), FALSE);
      g_ptr_array_add (csv->rows, row);
    }

  return g_steal_pointer (&csv);
}

/**
 * tandem_csv_parse:
 * @contents: the file's contents
 * @error: where to put a whole-file problem
 *
 * As tandem_csv_parse_data().
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL
 */
TandemCsv *
tandem_csv_parse (GBytes  *contents,
                  GError **error)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (contents != NULL, NULL);

  data = g_bytes_get_data (contents, &length);
  return tandem_csv_parse_data (data, length, error);
}

void
tandem_csv_free (TandemCsv *csv)
{
  if (csv == NULL)
    return;

  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

/**
 * tandem_csv_get_delimiter:
 * @csv: a parsed file
 *
 * Returns: the delimiter found in the header: `,`, `;` or a tab
 */
char
tandem_csv_get_delimiter (TandemCsv *csv)
{
  g_return_val_if_fail (csv != NULL, ',');

  return csv->delimiter;
}

guint
tandem_csv_get_n_rows (TandemCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->rows->len;
}

/**
 * tandem_csv_get_row:
 * @csv: a parsed file
 * @index: the row, from 0 (the header)
 *
 * Returns: (transfer none): the row
 */
const TandemCsvRow *
tandem_csv_get_row (TandemCsv *csv,
                    guint      index)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (index < csv->rows->len, NULL);

  return g_ptr_array_index (csv->rows, index);
}
