/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

#include "tandem-pack-doc.h"
#include "tandem-store.h"

G_BEGIN_DECLS

/**
 * TandemPackSections:
 * @TANDEM_PACK_SECTION_COVER: child's preferred name, photo when consented,
 *   setting name and logo, keyworker, period, "Prepared for" the carer
 * @TANDEM_PACK_SECTION_ENJOYED: "What we have enjoyed seeing": shared
 *   observations of the period with their photos, areas of learning in plain
 *   words, next steps
 * @TANDEM_PACK_SECTION_CONTRIBUTIONS: "Your contributions": home
 *   observations and the family's comments
 * @TANDEM_PACK_SECTION_IDEAS: "Ideas to try at home"
 * @TANDEM_PACK_SECTION_PLAN: the support plan in plain words (outcomes, how
 *   the family can help, next review), when the child has an open plan
 * @TANDEM_PACK_SECTION_NEXT_MEETING: date, time, place, format,
 *   interpreter, what to bring, when a meeting is planned
 * @TANDEM_PACK_SECTION_BEFORE_WE_MEET: prompts with space to write
 * @TANDEM_PACK_SECTION_RETURN_SLIP: a slip to cut off and return with
 *   comments
 */
typedef enum {
  TANDEM_PACK_SECTION_COVER          = 1 << 0,
  TANDEM_PACK_SECTION_ENJOYED        = 1 << 1,
  TANDEM_PACK_SECTION_CONTRIBUTIONS  = 1 << 2,
  TANDEM_PACK_SECTION_IDEAS          = 1 << 3,
  TANDEM_PACK_SECTION_PLAN           = 1 << 4,
  TANDEM_PACK_SECTION_NEXT_MEETING   = 1 << 5,
  TANDEM_PACK_SECTION_BEFORE_WE_MEET = 1 << 6,
  TANDEM_PACK_SECTION_RETURN_SLIP    = 1 << 7,
  TANDEM_PACK_SECTION_ALL            = (1 << 8) - 1,
} TandemPackSections;

/**
 * TandemPackOptions:
 * @child_id: the child
 * @carer_id: (nullable): the carer the pack is for; %NULL addresses it to
 *   the child's family
 * @language: (nullable): a language tag; %NULL means the carer's preferred
 *   language, else the first carer's, else English
 * @from: (nullable): first day of the period (ISO); %NULL means
 *   tandem_pack_default_from()
 * @to: (nullable): last day of the period (ISO); %NULL means today
 * @today: (nullable): the day taken as today (ISO), for tests; %NULL means
 *   the clock
 * @sections: which sections to include
 * @bilingual: print the fixed text in the pack's language and English side
 *   by side (no effect when the language is English)
 * @large_print: bigger type and spacing
 *
 * What a parent pack holds. Initialise with %TANDEM_PACK_OPTIONS_INIT.
 */
typedef struct {
  const char         *child_id;
  const char         *carer_id;
  const char         *language;
  const char         *from;
  const char         *to;
  const char         *today;
  TandemPackSections  sections;
  gboolean            bilingual;
  gboolean            large_print;
} TandemPackOptions;

#define TANDEM_PACK_OPTIONS_INIT { .sections = TANDEM_PACK_SECTION_ALL }

/* Builds a child's pack, every fixed word in the pack's language (gettext
 * through a per-thread locale: tandem-pack-locale.h), dates in that
 * language, laid out right to left for a right-to-left language.
 *
 * Privacy by construction: only observations shared with the family; no
 * internal field (TANDEM_FIELD_INTERNAL) of any record; other children in a
 * group observation are never named: their names (given, family, preferred
 * and full) in this child's text become "a friend" / "friends" in the pack's
 * language; a photo only when every child tagged in it has photo-in-pack
 * consent.
 *
 * Returns: (transfer full): the document, ready for tandem-pack-writer.h */
TandemPackDoc *tandem_pack_build       (TandemStore             *store,
                                        const TandemPackOptions *options,
                                        GError                 **error);

/* Builds the pack and writes it to @path (never half-written), then records
 * the export in the audit table (action "pack", the child, detail naming the
 * carer, language and period). */
gboolean       tandem_pack_export      (TandemStore             *store,
                                        const TandemPackOptions *options,
                                        const char              *path,
                                        GCancellable            *cancellable,
                                        GError                 **error);

/* A meeting invitation letter to one carer in their language (or
 * @language when given): what the meeting is for, date, time, place,
 * format, interpreter, what to bring, and a reply slip.
 * Returns: (transfer full) */
TandemPackDoc *tandem_pack_build_invitation (TandemStore        *store,
                                             const char         *meeting_id,
                                             const char         *carer_id,
                                             const char         *language,
                                             gboolean            large_print,
                                             GError            **error);

/* The default start of a pack's period: the day after the child's last pack
 * (from the audit table) or last held meeting, whichever is later; else
 * three months before @today. Returns: (transfer full): an ISO date */
char          *tandem_pack_default_from (TandemStore        *store,
                                         const char         *child_id,
                                         const char         *today);

/* The language a pack for @carer_id (or the child's family when NULL) is
 * written in when none is chosen. Returns: (transfer full): a tag */
char          *tandem_pack_default_language (TandemStore    *store,
                                             const char     *child_id,
                                             const char     *carer_id);

/**
 * TandemPackProgressFunc:
 * @done: packs written so far
 * @total: packs to write
 * @user_data: data given with the function
 */
typedef void (*TandemPackProgressFunc) (guint    done,
                                        guint    total,
                                        gpointer user_data);

/* Batch for a room: one pack per carer (in each carer's language) of every
 * current child in @room_id, with @options' period, sections and print
 * options (its child, carer and language are ignored). With @combined
 * FALSE, writes one PDF per carer into the folder @path, named
 * "<child> – <carer>.pdf" (made safe for file systems); with @combined TRUE,
 * one PDF at @path to print. Each pack is audited. Cancellable between
 * packs; a cancelled or failed batch leaves no partial file.
 * @n_written: (out) (optional): packs written */
gboolean       tandem_pack_export_room (TandemStore             *store,
                                        const char              *room_id,
                                        const TandemPackOptions *options,
                                        const char              *path,
                                        gboolean                 combined,
                                        TandemPackProgressFunc   progress,
                                        gpointer                 user_data,
                                        guint                   *n_written,
                                        GCancellable            *cancellable,
                                        GError                 **error);

/* Whether an installed font covers @language's script. When not, returns
 * FALSE and, when known, the Debian package that would (e.g.
 * "fonts-noto-core"). */
gboolean       tandem_pack_language_has_font (const char    *language,
                                              char         **package);

G_END_DECLS
