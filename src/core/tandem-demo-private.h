/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#pragma once

#include <gio/gio.h>

#include "tandem-store.h"

G_BEGIN_DECLS

/* Sample learning-journal content shared by the demo and the generator:
 * what a keyworker in a Cardiff nursery might have written. It is sample
 * data, not interface text, so it is not translated. Templates name the
 * child as {name}, another child as {friend}, a family member as {carer}
 * ("Mum", "Dad", "Nain"). */

enum {
  TANDEM_DEMO_BABIES,
  TANDEM_DEMO_TODDLERS,
  TANDEM_DEMO_PRESCHOOL,
  TANDEM_DEMO_ANY_AGE = -1,
};

typedef struct {
  int         age;              /* TANDEM_DEMO_BABIES … or TANDEM_DEMO_ANY_AGE */
  const char *areas;
  const char *characteristics;
  const char *text;
  const char *next_steps;
  const char *ideas_for_home;   /* may be NULL */
} TandemDemoActivity;

typedef struct {
  const char *language;         /* a home language it belongs to; NULL for any family */
  int         age;
  const char *areas;
  const char *text;
} TandemDemoHomeNote;

typedef struct {
  const char *language;         /* NULL: written in English */
  const char *text;
  const char *gist;             /* the keyworker's English gist; NULL for English */
} TandemDemoComment;

const TandemDemoActivity *_tandem_demo_activities       (guint        *n);
const TandemDemoActivity *_tandem_demo_group_activities (guint        *n);
const TandemDemoHomeNote *_tandem_demo_home_notes       (guint        *n);
const TandemDemoComment  *_tandem_demo_comments         (guint        *n);
const char * const       *_tandem_demo_replies          (void);
const char * const       *_tandem_demo_internal_notes   (void);
const char * const       *_tandem_demo_details          (void);

char   *_tandem_demo_fill_template (const char  *text,
                                    const char  *name,
                                    const char  *friend_name,
                                    const char  *carer);
char   *_tandem_demo_carer_word    (const char  *relationship,
                                    const char  *language);
GBytes *_tandem_demo_photo         (GRand       *rand,
                                    GError     **error);

/* A demo child, as the journal part of the demo needs them. */
typedef struct {
  char *id;
  char *name;             /* preferred or given name */
  int   age;              /* TANDEM_DEMO_BABIES … */
  char *room_id;
  char *keyworker_id;
  char *start_date;
  char *languages;        /* home languages, e.g. "pl,en" */
  char *carer_ids[3];
  char *carer_words[3];   /* "Mum", "Dad", … */
  char *carer_languages[3];
  gboolean send;          /* on the SEND register */
} TandemDemoKid;

void     _tandem_demo_kid_free     (gpointer      kid);
gboolean _tandem_demo_fill_journal (TandemStore  *store,
                                    const GDate  *today,
                                    GPtrArray    *kids,
                                    GPtrArray    *keyworker_ids,
                                    GError      **error);
gboolean _tandem_demo_fill_meetings (TandemStore  *store,
                                     const GDate  *today,
                                     GPtrArray    *kids,
                                     GError      **error);
gboolean _tandem_demo_fill_plans    (TandemStore  *store,
                                     const GDate  *today,
                                     GPtrArray    *kids,
                                     GError      **error);

G_END_DECLS
