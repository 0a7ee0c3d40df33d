/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files larger than this are refused: a nursery roster is a few hundred rows, so
 * anything this big is the wrong file, and parsing it would only waste memory.
 * Decimal megabytes, so that the message (g_format_size) says "20.0 MB". */
#define TANDEM_CSV_MAX_SIZE (20 * 1000 * 1000)

/**
 * TandemCsvRow:
 * @line: the 1-based line on which the row starts; a quoted field with line
 *   breaks makes the next row start further down
 * @n_cells: how many cells the row has
 * @cells: (array length=n_cells): the cells, UTF-8, %NULL-terminated
 *
 * One record of a CSV file.
 */
typedef struct {
  guint   line;
  guint   n_cells;
  char  **cells;
} TandemCsvRow;

typedef struct _TandemCsv TandemCsv;

gboolean            tandem_csv_check_size     (guint64      size,
                                               GError     **error);
TandemCsv          *tandem_csv_parse          (GBytes      *contents,
                                               GError     **error);
TandemCsv          *tandem_csv_parse_data     (const char  *data,
                                               gsize        length,
                                               GError     **error);
void                tandem_csv_free           (TandemCsv   *csv);

char                tandem_csv_get_delimiter  (TandemCsv   *csv);
guint               tandem_csv_get_n_rows     (TandemCsv   *csv);
const TandemCsvRow *tandem_csv_get_row        (TandemCsv   *csv,
                                               guint        index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemCsv, tandem_csv_free)

G_END_DECLS
