/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <glib.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/* Exit statuses: 2 is for a command line that could not be understood, as
 * with most Unix tools, so that scripts can tell it from a failure. */
#define TANDEM_CLI_EXIT_OK     0
#define TANDEM_CLI_EXIT_FAILED 1
#define TANDEM_CLI_EXIT_USAGE  2

typedef struct _TandemCliCommand TandemCliCommand;

/**
 * TandemCliRunFunc:
 * @command: the command being run
 * @args: (array zero-terminated=1): the command's own arguments; args[0] is
 *   a placeholder for the program name, options have not been parsed yet
 *
 * Returns: the exit status
 */
typedef int (*TandemCliRunFunc) (const TandemCliCommand  *command,
                                 char                   **args);

/**
 * TandemCliCommand:
 * @name: the command, e.g. `import`
 * @object: (nullable): what it acts on, e.g. `roster`; %NULL for a command
 *   that takes no object, e.g. `demo`
 * @parameters: (nullable): the positional arguments for `--help`, e.g.
 *   `FILE.csv`, marked with N_()
 * @summary: one line for the command list, marked with N_()
 * @run: does the work
 * @data: for @run, e.g. which records to list
 *
 * One row of the dispatch table. Each group of commands lives in its own
 * file with its own table, terminated by a row whose @name is %NULL; adding
 * a command is adding a row.
 */
struct _TandemCliCommand
{
  const char       *name;
  const char       *object;
  const char       *parameters;
  const char       *summary;
  TandemCliRunFunc  run;
  gconstpointer     data;
};

extern const TandemCliCommand tandem_cli_data_commands[];
extern const TandemCliCommand tandem_cli_list_commands[];
extern const TandemCliCommand tandem_cli_journal_commands[];
extern const TandemCliCommand tandem_cli_pack_commands[];
extern const TandemCliCommand tandem_cli_admin_commands[];
extern const TandemCliCommand tandem_cli_sync_commands[];

void         tandem_cli_error          (const char              *format,
                                        ...) G_GNUC_PRINTF (1, 2);
void         tandem_cli_gerror         (const GError            *error);
const char  *tandem_cli_database_path  (void);
gboolean     tandem_cli_parse          (const TandemCliCommand  *command,
                                        const GOptionEntry      *entries,
                                        char                  ***args,
                                        guint                    n_positional);
TandemStore *tandem_cli_open_store     (gboolean                 create);
void         tandem_cli_print_utf8     (const char              *text);
char        *tandem_cli_count_phrase   (GType                    type,
                                        gint64                   n);

G_END_DECLS
