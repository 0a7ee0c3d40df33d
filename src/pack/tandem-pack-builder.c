/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-eyfs.h"
#include "tandem-journal.h"
#include "tandem-languages.h"
#include "tandem-meetings.h"
#include "tandem-pack-builder.h"
#include "tandem-pack-error.h"
#include "tandem-pack-locale.h"
#include "tandem-pack-privacy.h"
#include "tandem-pack-text.h"
#include "tandem-pack-writer.h"
#include "tandem-plans.h"
#include "tandem-records.h"

/* How many photos a pack prints: enough to show the period, few enough
 * that the pack stays a handful of pages and a small file. */
#define MAX_PHOTOS_PER_OBSERVATION 2
#define MAX_PHOTOS 12
/* A summary, not the journal: at most this many observations, those with
 * photos first, and as many of the family's own contributions and ideas. */
#define MAX_OBSERVATIONS 10
#define MAX_CONTRIBUTIONS 8
#define MAX_IDEAS 8
/* Photo boxes, in points (A4 text width is about 480): two of a 4:3 photo
 * and their words fill most of a page. */
#define PHOTO_WIDTH 290.0
#define PHOTO_HEIGHT 218.0
#define COVER_PHOTO_SIZE 260.0
#define LOGO_WIDTH 160.0
#define LOGO_HEIGHT 70.0
#define LARGE_PRINT_SCALE 1.5

/* Everything one pack is built from. The pack's locale is pushed on the
 * building thread for as long as a Builder lives, so P_() speaks the pack's
 * language. */
typedef struct {
  TandemStore     *store;
  TandemPackDoc   *doc;
  char            *language;      /* the pack's language, after any fallback */
  gboolean         bilingual;     /* English beside it */
  char            *today;
  char            *from;
  char            *to;
  TandemChild     *child;
  TandemCarer     *carer;         /* (nullable) */
  GPtrArray       *carers;        /* this child's carers */
  TandemSetting   *setting;       /* (nullable) */
  TandemKeyworker *keyworker;     /* (nullable) */
  GHashTable      *consents;      /* privacy cache */
  GHashTable      *children;      /* id → TandemChild, other children met */
  GPtrArray       *own_names;     /* NULL-terminated */
  GPtrArray       *shared;        /* TandemObservation: shared, in period, oldest first */
  guint            n_photos;
} Builder;

static void
builder_clear (Builder *b)
{
  g_clear_object (&b->doc);
  g_clear_pointer (&b->language, g_free);
  g_clear_pointer (&b->today, g_free);
  g_clear_pointer (&b->from, g_free);
  g_clear_pointer (&b->to, g_free);
  g_clear_object (&b->child);
  g_clear_object (&b->carer);
  g_clear_pointer (&b->carers, g_ptr_array_unref);
  g_clear_object (&b->setting);
  g_clear_object (&b->keyworker);
  g_clear_pointer (&b->consents, g_hash_table_unref);
  g_clear_pointer (&b->children, g_hash_table_unref);
  g_clear_pointer (&b->own_names, g_ptr_array_unref);
  g_clear_pointer (&b->shared, g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* Words: the pack's language, and English beside it when bilingual.   */

/* @msgid in the pack's language, or in English for the second column. */
static const char *
tr (gboolean    english,
    const char *msgid)
{
  return english ? msgid : dgettext (GETTEXT_PACKAGE, msgid);
}

static char *fmt (gboolean    english,
                  const char *msgid,
                  ...) G_GNUC_PRINTF (2, 3);

/* A fixed sentence with values in it, in the pack's language or English. */
static char *
fmt (gboolean    english,
     const char *msgid,
     ...)
{
  va_list args;
  char *text;

  va_start (args, msgid);
  text = g_strdup_vprintf (english ? msgid : dgettext (GETTEXT_PACKAGE, msgid), args);
  va_end (args);
  return text;
}

/* A date in the pack's language, or in English: the English column is
 * formatted under the C locale, pushed on this thread for the moment. */
static char *
date_text (gboolean    english,
           const char *iso_date,
           const char *format_msgid)
{
  TandemPackLocale *pushed = NULL;
  char *text;

  if (english)
    pushed = tandem_pack_locale_push (NULL, NULL);
  text = tandem_pack_format_date (iso_date, tr (english, format_msgid));
  if (pushed != NULL)
    tandem_pack_locale_pop (pushed);
  return text != NULL ? text : g_strdup (iso_date != NULL ? iso_date : "");
}

static char *
long_date (gboolean    english,
           const char *iso_date)
{
  /* Translators: a date in a family's pack; see g_date_time_format(). */
  return date_text (english, iso_date, N_("%-d %B %Y"));
}

/* Both texts as one: "pack language" over "English" when bilingual and
 * different. Takes both. */
static char *
join_pair (Builder *b,
           char    *local,
           char    *english)
{
  char *joined;

  if (english == NULL || !b->bilingual || g_strcmp0 (local, english) == 0)
    {
      g_free (english);
      return local;
    }
  joined = g_strconcat (local, "\n", english, NULL);
  g_free (local);
  g_free (english);
  return joined;
}

/* A paragraph of fixed text: alone, or beside its English in two columns.
 * Takes both texts. */
static void
emit_pair (Builder             *b,
           char                *local,
           char                *english,
           TandemPackTextFlags  flags)
{
  if (english == NULL || !b->bilingual || g_strcmp0 (local, english) == 0)
    tandem_pack_doc_add_paragraph (b->doc, local, flags);
  else
    {
      tandem_pack_doc_begin_table (b->doc, 0.5, TANDEM_PACK_TABLE_NORMAL);
      tandem_pack_doc_add_row (b->doc, local, english);
    }
  g_free (local);
  g_free (english);
}

static void
emit_fixed (Builder             *b,
            const char          *msgid,
            TandemPackTextFlags  flags)
{
  emit_pair (b, g_strdup (tr (FALSE, msgid)), b->bilingual ? g_strdup (msgid) : NULL, flags);
}

static void
emit_heading (Builder    *b,
              guint       level,
              const char *msgid)
{
  const char *local = tr (FALSE, msgid);

  tandem_pack_doc_add_heading (b->doc, level, local);
  if (b->bilingual && g_strcmp0 (local, msgid) != 0)
    tandem_pack_doc_add_paragraph (b->doc, msgid,
                                   TANDEM_PACK_TEXT_SMALL | TANDEM_PACK_TEXT_MUTED);
}

static void
emit_section_heading (Builder            *b,
                      TandemPackSections  section)
{
  emit_heading (b, 1, tandem_pack_text_section_title (section));
}

/* A label row: the label in both languages when bilingual. */
static void
emit_label_row (Builder    *b,
                const char *label_msgid,
                const char *value)
{
  g_autofree char *label = join_pair (b, g_strdup (tr (FALSE, label_msgid)),
                                      b->bilingual ? g_strdup (label_msgid) : NULL);

  tandem_pack_doc_add_row (b->doc, label, value);
}

/* ------------------------------------------------------------------ */
/* Reading the store, through the privacy rules.                       */

static char *
child_display_name (TandemChild *child)
{
  return g_strdup (tandem_child_get_display_name (child));
}

static TandemChild *
other_child (Builder    *b,
             const char *child_id)
{
  TandemChild *child = g_hash_table_lookup (b->children, child_id);

  if (child == NULL)
    {
      child = tandem_store_load (b->store, TANDEM_TYPE_CHILD, child_id, NULL);
      if (child == NULL)
        return NULL;
      g_hash_table_insert (b->children, g_strdup (child_id), child);
    }
  return child;
}

/* The names of the other children of an observation, to hide. */
static GPtrArray *
names_to_hide (Builder    *b,
               const char *observation_id)
{
  g_auto(GStrv) ids = tandem_journal_get_child_ids (b->store, observation_id, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      TandemChild *child;

      if (g_strcmp0 (ids[i], tandem_record_get_id (TANDEM_RECORD (b->child))) == 0)
        continue;
      child = other_child (b, ids[i]);
      if (child != NULL)
        tandem_pack_privacy_add_child_names (names, child);
    }
  g_ptr_array_add (names, NULL);
  return names;
}

/* Free text of a record, other children's names hidden. */
static char *
private_text (Builder    *b,
              GPtrArray  *hide,
              const char *text)
{
  if (text == NULL)
    return NULL;
  return tandem_pack_privacy_hide_names (text, (const char * const *) hide->pdata,
                                         (const char * const *) b->own_names->pdata,
                                         /* Translators: what another child's name becomes in
                                          * a family's pack, e.g. "played with a friend". */
                                         P_("a friend"),
                                         /* Translators: what two or more other children's
                                          * names in a row become, e.g. "Maya and Sam". */
                                         P_("friends"));
}

static char *
carer_name (TandemCarer *carer)
{
  return g_strdup (tandem_carer_get_name (carer));
}

/* Adds a stored picture, without any metadata that could say where it was
 * taken. A picture that cannot be read is left out, not fatal. */
static gboolean
add_blob_image (Builder    *b,
                const char *hash,
                double      max_width,
                double      max_height,
                const char *caption)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GError) error = NULL;

  if (hash == NULL || !tandem_blob_hash_is_valid (hash))
    return FALSE;
  bytes = tandem_blob_store_get (b->store, hash, &error);
  if (bytes == NULL)
    {
      g_debug ("Pack: photo %s left out: %s", hash, error->message);
      return FALSE;
    }
  clean = tandem_pack_privacy_clean_jpeg (bytes);
  if (!tandem_pack_doc_add_image (b->doc, clean, max_width, max_height, caption, &error))
    {
      g_debug ("Pack: photo %s left out: %s", hash, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
compare_photos (gconstpointer a,
                gconstpointer b)
{
  TandemRecord *pa = *(TandemRecord * const *) a;
  TandemRecord *pb = *(TandemRecord * const *) b;
  gint64 x = tandem_record_get_int (pa, "position");
  gint64 y = tandem_record_get_int (pb, "position");

  return x < y ? -1 : x > y;
}

static void
add_observation_photos (Builder           *b,
                        TandemObservation *observation,
                        GPtrArray         *hide)
{
  const char *id = tandem_record_get_id (TANDEM_RECORD (observation));
  g_autoptr(GPtrArray) photos = NULL;
  g_auto(GStrv) children = NULL;
  guint added = 0;

  if (b->n_photos >= MAX_PHOTOS)
    return;
  photos = tandem_journal_get_photos (b->store, id, NULL);
  if (photos == NULL || photos->len == 0)
    return;
  g_ptr_array_sort (photos, compare_photos);
  children = tandem_journal_get_child_ids (b->store, id, NULL);

  for (guint i = 0; i < photos->len; i++)
    {
      TandemRecord *photo = g_ptr_array_index (photos, i);
      g_autofree char *caption = NULL;

      if (added >= MAX_PHOTOS_PER_OBSERVATION || b->n_photos >= MAX_PHOTOS)
        break;
      if (!tandem_pack_privacy_photo_allowed (b->store, tandem_record_get_id (photo),
                                              (const char * const *) children, b->today,
                                              b->consents))
        continue;
      caption = private_text (b, hide, tandem_pack_privacy_get_text (photo, "caption"));
      if (add_blob_image (b, tandem_record_get_text (photo, "blob"),
                          PHOTO_WIDTH, PHOTO_HEIGHT, caption))
        {
          added++;
          b->n_photos++;
        }
    }
}

/* The areas of learning of an observation in plain words, once each. */
static char *
areas_text (TandemObservation *observation)
{
  const char *codes = tandem_record_get_text (TANDEM_RECORD (observation), "areas");
  g_auto(GStrv) list = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  if (codes == NULL)
    return NULL;
  list = g_strsplit (codes, ",", -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      const char *area_code = tandem_eyfs_area_of (g_strstrip (list[i]));
      const TandemEyfsArea *area = area_code != NULL ? tandem_eyfs_find_area (area_code) : NULL;

      if (area == NULL || g_ptr_array_find (seen, area, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) area);
      if (text->len > 0)
        /* Translators: between areas of learning in a list, in a family's pack. */
        g_string_append (text, P_("; "));
      g_string_append (text, P_(area->plain));
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

/* The child's shared observations in the period, oldest first. */
static gboolean
load_shared (Builder  *b,
             GError  **error)
{
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
  g_autoptr(GPtrArray) ids = NULL;

  filter.shared = 1;
  filter.from = b->from;
  filter.to = b->to;
  ids = tandem_journal_list_ids (b->store, tandem_record_get_id (TANDEM_RECORD (b->child)),
                                 &filter, error);
  if (ids == NULL)
    return FALSE;

  b->shared = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = ids->len; i > 0; i--)
    {
      TandemObservation *observation = tandem_store_load (b->store, TANDEM_TYPE_OBSERVATION,
                                                          g_ptr_array_index (ids, i - 1), error);

      if (observation == NULL)
        return FALSE;
      /* The filter said shared; asked again, since this is the one rule that
       * must never fail. */
      if (!tandem_record_get_bool (TANDEM_RECORD (observation), "shared"))
        {
          g_object_unref (observation);
          continue;
        }
      g_ptr_array_add (b->shared, observation);
    }
  return TRUE;
}

static gboolean
is_home (TandemObservation *observation)
{
  return g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (observation), "source"),
                    TANDEM_SOURCE_HOME) == 0;
}

/* ------------------------------------------------------------------ */
/* Sections.                                                           */

static char *
period_text (Builder  *b,
             gboolean  english)
{
  g_autofree char *from = NULL;
  g_autofree char *to = long_date (english, b->to);

  if (strncmp (b->from, b->to, 4) == 0)
    /* Translators: the first day of a period in the same year as its last;
     * see g_date_time_format(). */
    from = date_text (english, b->from, N_("%-d %B"));
  else
    from = long_date (english, b->from);
  /* Translators: a period, e.g. "1 September – 23 November 2026". */
  return fmt (english, N_("%1$s – %2$s"), from, to);
}

static void
add_cover (Builder *b)
{
  const char *setting_name = b->setting != NULL
                             ? tandem_pack_privacy_get_text (TANDEM_RECORD (b->setting), "name")
                             : NULL;
  const char *logo = b->setting != NULL
                     ? tandem_record_get_text (TANDEM_RECORD (b->setting), "logo") : NULL;
  const char *photo = tandem_record_get_text (TANDEM_RECORD (b->child), "photo");
  g_autofree char *name = child_display_name (b->child);
  g_autofree char *prepared_for = NULL;

  if (logo != NULL)
    add_blob_image (b, logo, LOGO_WIDTH, LOGO_HEIGHT, NULL);
  if (setting_name != NULL)
    tandem_pack_doc_add_paragraph (b->doc, setting_name,
                                   TANDEM_PACK_TEXT_CENTER | TANDEM_PACK_TEXT_MUTED);
  tandem_pack_doc_add_space (b->doc, 36);
  tandem_pack_doc_add_paragraph (b->doc, name, TANDEM_PACK_TEXT_LARGE | TANDEM_PACK_TEXT_CENTER);
  tandem_pack_doc_add_space (b->doc, 12);

  if (photo != NULL
      && tandem_pack_privacy_has_consent (b->store, tandem_record_get_id (TANDEM_RECORD (b->child)),
                                          TANDEM_CONSENT_PHOTOS_PACK, b->today, b->consents))
    add_blob_image (b, photo, COVER_PHOTO_SIZE, COVER_PHOTO_SIZE, NULL);
  tandem_pack_doc_add_space (b->doc, 12);

  /* Translators: under a child's name on a family's pack's cover. */
  emit_pair (b, fmt (FALSE, N_("What %s has been doing with us"), name),
             b->bilingual ? fmt (TRUE, N_("What %s has been doing with us"), name) : NULL,
             TANDEM_PACK_TEXT_CENTER | TANDEM_PACK_TEXT_BOLD);
  emit_pair (b, period_text (b, FALSE), b->bilingual ? period_text (b, TRUE) : NULL,
             TANDEM_PACK_TEXT_CENTER);
  tandem_pack_doc_add_space (b->doc, 24);

  tandem_pack_doc_begin_table (b->doc, 0.35, TANDEM_PACK_TABLE_LABELS);
  if (b->keyworker != NULL)
    /* Translators: a label on a family's pack's cover: the child's keyworker's name follows. */
    emit_label_row (b, N_("Keyworker"), tandem_keyworker_get_name (b->keyworker));
  if (b->carer != NULL)
    prepared_for = carer_name (b->carer);
  else
    /* Translators: who a family's pack is for, when not one person; %s is the child's name. */
    prepared_for = join_pair (b, fmt (FALSE, N_("The family of %s"), name),
                              b->bilingual ? fmt (TRUE, N_("The family of %s"), name) : NULL);
  /* Translators: a label on a family's pack's cover: the carer's name follows. */
  emit_label_row (b, N_("Prepared for"), prepared_for);
  tandem_pack_doc_add_space (b->doc, 24);

  /* Translators: the opening words of a family's pack; %s is the child's name. */
  emit_pair (b, fmt (FALSE, N_("This is a summary of the things we have enjoyed seeing %s do, "
                               "what you have shared with us, and what comes next. We would love "
                               "to hear what you think."), name),
             b->bilingual ? fmt (TRUE, N_("This is a summary of the things we have enjoyed "
                                          "seeing %s do, what you have shared with us, and what "
                                          "comes next. We would love to hear what you think."),
                                 name) : NULL,
             TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_page_break (b->doc);
}

static void
add_observation (Builder           *b,
                 TandemObservation *observation)
{
  TandemRecord *record = TANDEM_RECORD (observation);
  g_autoptr(GPtrArray) hide = names_to_hide (b, tandem_record_get_id (record));
  g_autofree char *text = private_text (b, hide, tandem_pack_privacy_get_text (record, "text"));
  g_autofree char *next = private_text (b, hide,
                                        tandem_pack_privacy_get_text (record, "next_steps"));
  g_autofree char *areas = areas_text (observation);
  const char *observed_on = tandem_record_get_text (record, "observed_on");
  g_autofree char *date = NULL;
  g_autofree char *english_date = NULL;

  date = long_date (FALSE, observed_on);
  english_date = b->bilingual ? long_date (TRUE, observed_on) : NULL;

  /* The words stay with their photos; what follows may run on to the next
   * page, which wastes less paper than moving the whole observation. */
  tandem_pack_doc_begin_keep_together (b->doc);
  tandem_pack_doc_add_heading (b->doc, 2, date);
  /* The English date on a line of its own: "25 سبتمبر 2026 / 25 September
   * 2026" on one line would be reordered by the bidi algorithm. */
  if (english_date != NULL && g_strcmp0 (date, english_date) != 0)
    tandem_pack_doc_add_paragraph (b->doc, english_date,
                                   TANDEM_PACK_TEXT_SMALL | TANDEM_PACK_TEXT_MUTED);
  if (text != NULL)
    tandem_pack_doc_add_paragraph (b->doc, text, TANDEM_PACK_TEXT_NORMAL);
  add_observation_photos (b, observation, hide);
  tandem_pack_doc_end_keep_together (b->doc);
  if (areas != NULL)
    {
      /* Translators: before the areas of learning an observation shows, in plain words. */
      g_autofree char *line = fmt (FALSE, N_("Learning: %s"), areas);

      tandem_pack_doc_add_paragraph (b->doc, line, TANDEM_PACK_TEXT_SMALL | TANDEM_PACK_TEXT_MUTED);
    }
  if (next != NULL)
    {
      /* Translators: before the next steps the setting plans, in a family's pack. */
      g_autofree char *label = join_pair (b, g_strdup (P_("What we will do next")),
                                          b->bilingual ? g_strdup ("What we will do next") : NULL);

      /* The label never ends a page without its words. */
      tandem_pack_doc_begin_keep_together (b->doc);
      tandem_pack_doc_add_paragraph (b->doc, label, TANDEM_PACK_TEXT_BOLD | TANDEM_PACK_TEXT_SMALL);
      tandem_pack_doc_add_paragraph (b->doc, next, TANDEM_PACK_TEXT_NORMAL);
      tandem_pack_doc_end_keep_together (b->doc);
    }
  tandem_pack_doc_add_space (b->doc, 8);
}

/* Whether an observation has a photo the pack may print. */
static gboolean
has_printable_photo (Builder           *b,
                     TandemObservation *observation)
{
  const char *id = tandem_record_get_id (TANDEM_RECORD (observation));
  g_autoptr(GPtrArray) photos = tandem_journal_get_photos (b->store, id, NULL);
  g_auto(GStrv) children = NULL;

  if (photos == NULL || photos->len == 0)
    return FALSE;
  children = tandem_journal_get_child_ids (b->store, id, NULL);
  for (guint i = 0; i < photos->len; i++)
    if (tandem_pack_privacy_photo_allowed (b->store,
                                           tandem_record_get_id (g_ptr_array_index (photos, i)),
                                           (const char * const *) children, b->today,
                                           b->consents))
      return TRUE;
  return FALSE;
}

static int
compare_by_position (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GHashTable *order = user_data;
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (order, *(gpointer const *) a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (order, *(gpointer const *) b));

  return x < y ? -1 : x > y;
}

/* The setting's observations the pack shows: all of them when few; else
 * the most recent with photos, then the most recent without, up to
 * MAX_OBSERVATIONS; in date order. */
static GPtrArray *
pick_observations (Builder *b,
                   guint   *n_all)
{
  g_autoptr(GPtrArray) setting = g_ptr_array_new ();
  g_autoptr(GHashTable) order = g_hash_table_new (NULL, NULL);
  GPtrArray *picked = g_ptr_array_new ();

  for (guint i = 0; i < b->shared->len; i++)
    {
      TandemObservation *observation = g_ptr_array_index (b->shared, i);

      if (is_home (observation))
        continue;
      g_hash_table_insert (order, observation, GUINT_TO_POINTER (setting->len));
      g_ptr_array_add (setting, observation);
    }
  *n_all = setting->len;
  if (setting->len <= MAX_OBSERVATIONS)
    {
      g_ptr_array_extend (picked, setting, NULL, NULL);
      return picked;
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = setting->len; i > 0 && picked->len < MAX_OBSERVATIONS; i--)
      {
        TandemObservation *observation = g_ptr_array_index (setting, i - 1);

        if (g_ptr_array_find (picked, observation, NULL))
          continue;
        if (pass == 0 && !has_printable_photo (b, observation))
          continue;
        g_ptr_array_add (picked, observation);
      }
  g_ptr_array_sort_with_data (picked, compare_by_position, order);
  return picked;
}

static void
add_enjoyed (Builder *b)
{
  g_autofree char *name = child_display_name (b->child);
  g_autoptr(GPtrArray) picked = NULL;
  guint n_all = 0;

  emit_section_heading (b, TANDEM_PACK_SECTION_ENJOYED);
  picked = pick_observations (b, &n_all);
  for (guint i = 0; i < picked->len; i++)
    add_observation (b, g_ptr_array_index (picked, i));

  if (n_all == 0)
    /* Translators: in a family's pack when nothing was shared in the period. */
    emit_pair (b, fmt (FALSE, N_("We have not written anything to share from these weeks yet. "
                                 "We will tell you what %s has been doing when we next talk."), name),
               b->bilingual ? fmt (TRUE, N_("We have not written anything to share from these "
                                            "weeks yet. We will tell you what %s has been doing "
                                            "when we next talk."), name) : NULL,
               TANDEM_PACK_TEXT_NORMAL);
  else if (picked->len < n_all)
    /* Translators: in a family's pack, after a selection of observations; %s is the child's name. */
    emit_pair (b, fmt (FALSE, N_("There is more in %s’s learning journal: ask us if you would "
                                 "like to see it."), name),
               b->bilingual ? fmt (TRUE, N_("There is more in %s’s learning journal: ask us if "
                                            "you would like to see it."), name) : NULL,
               TANDEM_PACK_TEXT_ITALIC);
}

/* "Mum (Amina Begum), 3 October 2026": who in the family and when. */
static char *
from_line (Builder    *b,
           const char *carer_id,
           const char *iso_date)
{
  g_autoptr(TandemCarer) carer = NULL;
  g_autofree char *who = NULL;
  g_autofree char *date = long_date (FALSE, iso_date);
  g_autofree char *english_date = b->bilingual ? long_date (TRUE, iso_date) : NULL;

  /* Only this child's carers are ever named. */
  if (tandem_pack_privacy_is_carer_of (b->store, carer_id,
                                       tandem_record_get_id (TANDEM_RECORD (b->child))))
    carer = tandem_store_load (b->store, TANDEM_TYPE_CARER, carer_id, NULL);
  if (carer != NULL)
    who = carer_name (carer);

  if (who != NULL)
    /* Translators: who in the family shared something, and when: "Amina Begum, 3 October 2026". */
    return join_pair (b, fmt (FALSE, N_("%1$s, %2$s"), who, date),
                      b->bilingual ? fmt (TRUE, N_("%1$s, %2$s"), who, english_date) : NULL);
  /* Translators: when the family shared something; %s is a date. */
  return join_pair (b, fmt (FALSE, N_("From your family, %s"), date),
                    b->bilingual ? fmt (TRUE, N_("From your family, %s"), english_date) : NULL);
}

/* The index in b->shared from which the last @max observations from home
 * (or from the setting) start. */
static guint
first_recent (Builder  *b,
              gboolean  home,
              guint     max)
{
  guint n = 0;

  for (guint i = b->shared->len; i > 0; i--)
    if (is_home (g_ptr_array_index (b->shared, i - 1)) == home && ++n == max)
      return i - 1;
  return 0;
}

static void
add_contributions (Builder *b)
{
  const char *child_id = tandem_record_get_id (TANDEM_RECORD (b->child));
  g_autofree char *name = child_display_name (b->child);
  guint n = 0;

  emit_section_heading (b, TANDEM_PACK_SECTION_CONTRIBUTIONS);

  /* What the family told us from home: the most recent, in date order. */
  for (guint i = first_recent (b, TRUE, MAX_CONTRIBUTIONS); i < b->shared->len; i++)
    {
      TandemObservation *observation = g_ptr_array_index (b->shared, i);
      TandemRecord *record = TANDEM_RECORD (observation);
      g_autoptr(GPtrArray) hide = NULL;
      g_autofree char *text = NULL;
      g_autofree char *line = NULL;

      if (!is_home (observation))
        continue;
      hide = names_to_hide (b, tandem_record_get_id (record));
      text = private_text (b, hide, tandem_pack_privacy_get_text (record, "text"));
      if (text == NULL)
        continue;
      line = from_line (b, tandem_record_get_text (record, "carer_id"),
                        tandem_record_get_text (record, "observed_on"));
      tandem_pack_doc_begin_keep_together (b->doc);
      tandem_pack_doc_add_paragraph (b->doc, line, TANDEM_PACK_TEXT_SMALL | TANDEM_PACK_TEXT_MUTED);
      tandem_pack_doc_add_paragraph (b->doc, text, TANDEM_PACK_TEXT_NORMAL);
      add_observation_photos (b, observation, hide);
      tandem_pack_doc_end_keep_together (b->doc);
      tandem_pack_doc_add_space (b->doc, 6);
      n++;
    }

  /* The family's comments on what we shared: this child's carers only, so
   * another family's comment on a group observation never shows. */
  for (guint i = first_recent (b, FALSE, MAX_CONTRIBUTIONS); i < b->shared->len; i++)
    {
      TandemObservation *observation = g_ptr_array_index (b->shared, i);
      const char *id = tandem_record_get_id (TANDEM_RECORD (observation));
      g_autoptr(GPtrArray) comments = NULL;
      g_autoptr(GPtrArray) hide = NULL;

      if (tandem_journal_count_comments (b->store, id) == 0)
        continue;
      comments = tandem_journal_get_comments (b->store, id, NULL);
      for (guint j = 0; comments != NULL && j < comments->len; j++)
        {
          TandemRecord *comment = g_ptr_array_index (comments, j);
          const char *carer_id = tandem_record_get_text (comment, "carer_id");
          g_autofree char *text = NULL;
          g_autofree char *line = NULL;

          if (!tandem_pack_privacy_is_carer_of (b->store, carer_id, child_id))
            continue;
          if (hide == NULL)
            hide = names_to_hide (b, id);
          text = private_text (b, hide, tandem_pack_privacy_get_text (comment, "text"));
          if (text == NULL)
            continue;
          line = from_line (b, carer_id, tandem_record_get_text (comment, "commented_on"));
          tandem_pack_doc_begin_keep_together (b->doc);
          tandem_pack_doc_add_paragraph (b->doc, line,
                                         TANDEM_PACK_TEXT_SMALL | TANDEM_PACK_TEXT_MUTED);
          tandem_pack_doc_add_paragraph (b->doc, text, TANDEM_PACK_TEXT_ITALIC);
          tandem_pack_doc_end_keep_together (b->doc);
          tandem_pack_doc_add_space (b->doc, 6);
          n++;
        }
    }

  if (n > 0)
    /* Translators: after the family's own contributions in their pack; %s is the child's name. */
    emit_pair (b, fmt (FALSE, N_("Thank you for sharing these with us. They help us get to know "
                                 "%s."), name),
               b->bilingual ? fmt (TRUE, N_("Thank you for sharing these with us. They help us "
                                            "get to know %s."), name) : NULL,
               TANDEM_PACK_TEXT_NORMAL);
  else
    /* Translators: in a family's pack when the family has not shared anything yet. */
    emit_pair (b, fmt (FALSE, N_("We would love to hear what %s enjoys at home. You can write "
                                 "it on the last pages of this pack, or tell us."), name),
               b->bilingual ? fmt (TRUE, N_("We would love to hear what %s enjoys at home. You "
                                            "can write it on the last pages of this pack, or "
                                            "tell us."), name) : NULL,
               TANDEM_PACK_TEXT_NORMAL);
}

/* The open plan a family may read: not a draft, not closed. */
static TandemPlan *
load_plan (Builder *b)
{
  g_autoptr(TandemPlan) plan = tandem_plans_current (b->store,
                                                     tandem_record_get_id (TANDEM_RECORD (b->child)),
                                                     NULL);
  const char *status;

  if (plan == NULL)
    return NULL;
  status = tandem_record_get_text (TANDEM_RECORD (plan), "status");
  if (g_strcmp0 (status, TANDEM_PLAN_ACTIVE) != 0 && g_strcmp0 (status, TANDEM_PLAN_UNDER_REVIEW) != 0)
    return NULL;
  return g_steal_pointer (&plan);
}

static void
add_unique (GPtrArray  *list,
            const char *text)
{
  if (text == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), text))
      return;
  g_ptr_array_add (list, g_strdup (text));
}

/* Whether hiding names changed nothing (compared as NFC, which hiding
 * names applies). */
static gboolean
same_text (const char *hidden,
           const char *original)
{
  g_autofree char *nfc = g_utf8_normalize (original, -1, G_NORMALIZE_NFC);

  return g_strcmp0 (hidden, nfc) == 0;
}

static void
add_ideas (Builder    *b,
           TandemPlan *plan)
{
  g_autoptr(GPtrArray) ideas = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < b->shared->len; i++)
    {
      TandemRecord *record = g_ptr_array_index (b->shared, i);
      const char *idea = tandem_pack_privacy_get_text (record, "ideas_for_home");
      g_autoptr(GPtrArray) hide = NULL;
      g_autofree char *text = NULL;

      if (idea == NULL)
        continue;
      hide = names_to_hide (b, tandem_record_get_id (record));
      text = private_text (b, hide, idea);
      /* An idea of a group observation that names another child is that
       * child's family's idea ("let a friend pay at the shop"): left out. */
      if (!same_text (text, idea))
        continue;
      add_unique (ideas, text);
      /* The most recent ones when there are many. */
      if (ideas->len > MAX_IDEAS)
        g_ptr_array_remove_index (ideas, 0);
    }
  if (plan != NULL)
    {
      g_autoptr(TandemPlanParts) parts = tandem_plans_load_parts (b->store,
                                                                  tandem_record_get_id (TANDEM_RECORD (plan)),
                                                                  NULL);

      for (guint i = 0; parts != NULL && i < parts->outcomes->len; i++)
        add_unique (ideas, tandem_pack_privacy_get_text (g_ptr_array_index (parts->outcomes, i),
                                                         "home_help"));
    }
  if (ideas->len == 0)
    return;

  emit_section_heading (b, TANDEM_PACK_SECTION_IDEAS);
  /* Translators: the introduction to ideas for home in a family's pack. */
  emit_fixed (b, N_("Some things you might like to try together. There is no need to do them "
                    "all: pick what fits your family."), TANDEM_PACK_TEXT_NORMAL);
  for (guint i = 0; i < ideas->len; i++)
    tandem_pack_doc_add_bullet (b->doc, g_ptr_array_index (ideas, i), TANDEM_PACK_TEXT_NORMAL);
}

static void
add_plan (Builder    *b,
          TandemPlan *plan)
{
  TandemRecord *record = TANDEM_RECORD (plan);
  g_autoptr(TandemPlanParts) parts = tandem_plans_load_parts (b->store, tandem_record_get_id (record),
                                                              NULL);
  const char *summary = tandem_pack_privacy_get_text (record, "family_summary");
  const char *review = tandem_record_get_text (record, "next_review_on");
  g_autofree char *name = child_display_name (b->child);

  emit_section_heading (b, TANDEM_PACK_SECTION_PLAN);
  /* Translators: the introduction to a child's support plan in a family's pack. */
  emit_pair (b, fmt (FALSE, N_("We are working together with you on a plan to support %s. Here "
                               "it is in plain words."), name),
             b->bilingual ? fmt (TRUE, N_("We are working together with you on a plan to support "
                                          "%s. Here it is in plain words."), name) : NULL,
             TANDEM_PACK_TEXT_NORMAL);
  if (summary != NULL)
    tandem_pack_doc_add_paragraph (b->doc, summary, TANDEM_PACK_TEXT_NORMAL);

  for (guint i = 0; parts != NULL && i < parts->outcomes->len; i++)
    {
      TandemRecord *outcome = g_ptr_array_index (parts->outcomes, i);
      const char *what = tandem_pack_privacy_get_text (outcome, "outcome");
      const char *help = tandem_pack_privacy_get_text (outcome, "home_help");

      if (what == NULL)
        continue;
      tandem_pack_doc_begin_keep_together (b->doc);
      tandem_pack_doc_add_bullet (b->doc, what, TANDEM_PACK_TEXT_BOLD);
      if (help != NULL)
        {
          /* Translators: before how the family can help with a goal of the support plan. */
          g_autofree char *label = join_pair (b, g_strdup (P_("How you can help at home")),
                                              b->bilingual ? g_strdup ("How you can help at home") : NULL);

          tandem_pack_doc_add_paragraph (b->doc, label, TANDEM_PACK_TEXT_SMALL | TANDEM_PACK_TEXT_MUTED);
          tandem_pack_doc_add_paragraph (b->doc, help, TANDEM_PACK_TEXT_NORMAL);
        }
      tandem_pack_doc_end_keep_together (b->doc);
    }

  if (review != NULL)
    {
      g_autofree char *date = long_date (FALSE, review);
      g_autofree char *english = b->bilingual ? long_date (TRUE, review) : NULL;

      /* Translators: in a family's pack; %s is a date. */
      emit_pair (b, fmt (FALSE, N_("We will look at the plan together again on %s."), date),
                 b->bilingual ? fmt (TRUE, N_("We will look at the plan together again on %s."),
                                     english) : NULL,
                 TANDEM_PACK_TEXT_NORMAL);
    }
}

static char *
weekday_date (gboolean    english,
              const char *iso_date)
{
  /* Translators: a meeting's date in a family's pack; see g_date_time_format(). */
  return date_text (english, iso_date, N_("%A %-d %B %Y"));
}

/* "14:30 to 15:15", or "14:30". */
static char *
time_text (TandemMeeting *meeting,
           gboolean       english)
{
  const char *starts = tandem_record_get_text (TANDEM_RECORD (meeting), "starts_at");
  gint64 minutes = tandem_record_get_int (TANDEM_RECORD (meeting), "duration_minutes");
  int h, m;

  if (starts == NULL)
    return NULL;
  if (minutes <= 0 || sscanf (starts, "%d:%d", &h, &m) != 2)
    return g_strdup (starts);
  m = h * 60 + m + (int) minutes;
  {
    g_autofree char *ends = g_strdup_printf ("%02d:%02d", (m / 60) % 24, m % 60);

    /* Translators: a meeting's times, e.g. "14:30 to 15:15". */
    return fmt (english, N_("%1$s to %2$s"), starts, ends);
  }
}

static char *
language_name (gboolean    english,
               const char *tag)
{
  const TandemLanguage *language = tandem_language_find (tag);

  if (language == NULL)
    return g_strdup (tag);
  return g_strdup (tr (english, language->name));
}

static void
add_meeting_rows (Builder       *b,
                  TandemMeeting *meeting)
{
  TandemRecord *record = TANDEM_RECORD (meeting);
  const char *kind = tandem_pack_text_meeting_kind (tandem_record_get_text (record, "kind"));
  const char *format = tandem_pack_text_meeting_format (tandem_record_get_text (record, "format"));
  const char *place = tandem_pack_privacy_get_text (record, "place");
  const char *bring = tandem_pack_privacy_get_text (record, "what_to_bring");
  const char *interpreter = tandem_record_get_text (record, "interpreter_language");
  const char *meets_on = tandem_record_get_text (record, "meets_on");
  g_autofree char *date = join_pair (b, weekday_date (FALSE, meets_on),
                                     b->bilingual ? weekday_date (TRUE, meets_on) : NULL);
  g_autofree char *time = join_pair (b, time_text (meeting, FALSE),
                                     b->bilingual ? time_text (meeting, TRUE) : NULL);

  tandem_pack_doc_begin_table (b->doc, 0.35, TANDEM_PACK_TABLE_LABELS | TANDEM_PACK_TABLE_RULED);
  if (*kind != '\0')
    {
      g_autofree char *value = join_pair (b, g_strdup (tr (FALSE, kind)),
                                          b->bilingual ? g_strdup (kind) : NULL);

      /* Translators: a label in a family's pack: the kind of meeting follows. */
      emit_label_row (b, N_("Meeting"), value);
    }
  /* Translators: a label in a family's pack: a date follows. */
  emit_label_row (b, N_("Date"), date);
  if (time != NULL)
    /* Translators: a label in a family's pack: a time follows. */
    emit_label_row (b, N_("Time"), time);
  if (place != NULL)
    /* Translators: a label in a family's pack: where a meeting is. */
    emit_label_row (b, N_("Place"), place);
  if (*format != '\0')
    {
      g_autofree char *value = join_pair (b, g_strdup (tr (FALSE, format)),
                                          b->bilingual ? g_strdup (format) : NULL);

      /* Translators: a label in a family's pack: how a meeting is held follows. */
      emit_label_row (b, N_("How we will meet"), value);
    }
  if (interpreter != NULL && *interpreter != '\0')
    {
      g_autofree char *local_name = language_name (FALSE, interpreter);
      g_autofree char *english_name = b->bilingual ? language_name (TRUE, interpreter) : NULL;
      /* Translators: in a family's pack; %s is a language, e.g. "Arabic". */
      g_autofree char *value = join_pair (b, fmt (FALSE, N_("An interpreter for %s will be there."),
                                                  local_name),
                                          b->bilingual
                                          ? fmt (TRUE, N_("An interpreter for %s will be there."),
                                                 english_name)
                                          : NULL);

      /* Translators: a label in a family's pack. */
      emit_label_row (b, N_("Interpreter"), value);
    }
  if (bring != NULL)
    /* Translators: a label in a family's pack: what to bring to a meeting follows. */
    emit_label_row (b, N_("Please bring"), bring);
}

static void
add_next_meeting (Builder *b)
{
  g_autoptr(TandemMeeting) meeting = tandem_meetings_next (b->store,
                                                           tandem_record_get_id (TANDEM_RECORD (b->child)),
                                                           b->today, NULL);

  emit_section_heading (b, TANDEM_PACK_SECTION_NEXT_MEETING);
  if (meeting == NULL)
    {
      /* Translators: in a family's pack when no meeting is planned yet. */
      emit_fixed (b, N_("We will be in touch to find a time to meet that suits you."),
                  TANDEM_PACK_TEXT_NORMAL);
      return;
    }
  add_meeting_rows (b, meeting);
  tandem_pack_doc_add_space (b->doc, 6);
  /* Translators: in a family's pack, after the next meeting's details. */
  emit_fixed (b, N_("If this time does not suit you, please tell us and we will find another."),
              TANDEM_PACK_TEXT_NORMAL);
}

static void
add_before_we_meet (Builder *b)
{
  g_autofree char *name = child_display_name (b->child);
  g_autofree char *enjoying = NULL;
  g_autofree char *talk = NULL;
  g_autofree char *worry = NULL;

  /* A page to write on and bring along, with the return slip below it:
   * three lines a question leaves the slip room on the same page. */
  tandem_pack_doc_add_page_break (b->doc);
  emit_section_heading (b, TANDEM_PACK_SECTION_BEFORE_WE_MEET);
  /* Translators: in a family's pack, above questions with space to write. */
  emit_fixed (b, N_("If you like, write a few words here and bring this page with you, or just "
                    "tell us when we meet."), TANDEM_PACK_TEXT_NORMAL);
  tandem_pack_doc_add_space (b->doc, 6);

  /* Translators: a question in a family's pack; %s is the child's name. */
  enjoying = join_pair (b, fmt (FALSE, N_("What is %s enjoying at home?"), name),
                        b->bilingual ? fmt (TRUE, N_("What is %s enjoying at home?"), name) : NULL);
  tandem_pack_doc_add_writing_space (b->doc, enjoying, 3);
  /* Translators: a question in a family's pack. */
  talk = join_pair (b, g_strdup (P_("What would you like to talk about?")),
                    b->bilingual ? g_strdup ("What would you like to talk about?") : NULL);
  tandem_pack_doc_add_writing_space (b->doc, talk, 3);
  /* Translators: a question in a family's pack. */
  worry = join_pair (b, g_strdup (P_("Is anything worrying you?")),
                     b->bilingual ? g_strdup ("Is anything worrying you?") : NULL);
  tandem_pack_doc_add_writing_space (b->doc, worry, 3);
}

static void
add_return_slip (Builder *b)
{
  g_autofree char *name = child_display_name (b->child);
  g_autofree char *comments = NULL;
  g_autofree char *signed_line = NULL;
  g_autofree char *give_back = NULL;

  tandem_pack_doc_begin_keep_together (b->doc);
  tandem_pack_doc_add_space (b->doc, 12);
  tandem_pack_doc_add_rule (b->doc, TANDEM_PACK_RULE_DASHED);
  emit_heading (b, 2, tandem_pack_text_section_title (TANDEM_PACK_SECTION_RETURN_SLIP));
  if (b->keyworker != NULL)
    {
      const char *keyworker = tandem_keyworker_get_name (b->keyworker);

      /* Translators: on a family's pack's return slip; %s is the keyworker's name. */
      give_back = join_pair (b, fmt (FALSE, N_("Please cut along the line and give this slip to "
                                               "%s."), keyworker),
                             b->bilingual ? fmt (TRUE, N_("Please cut along the line and give "
                                                          "this slip to %s."), keyworker) : NULL);
    }
  else
    /* Translators: on a family's pack's return slip. */
    give_back = join_pair (b, g_strdup (P_("Please cut along the line and give this slip back "
                                           "to us.")),
                           b->bilingual ? g_strdup ("Please cut along the line and give this "
                                                    "slip back to us.") : NULL);
  tandem_pack_doc_add_paragraph (b->doc, give_back, TANDEM_PACK_TEXT_SMALL);

  tandem_pack_doc_begin_table (b->doc, 0.3, TANDEM_PACK_TABLE_LABELS);
  /* Translators: a label on a family's pack's return slip: the child's name follows. */
  emit_label_row (b, N_("Child"), name);
  /* Translators: above lines to write on, on a family's pack's return slip. */
  comments = join_pair (b, g_strdup (P_("Comments")), b->bilingual ? g_strdup ("Comments") : NULL);
  tandem_pack_doc_add_writing_space (b->doc, comments, 3);
  /* Translators: on a family's pack's return slip, with a line to sign and date on. */
  signed_line = join_pair (b, g_strdup (P_("Signed and date")),
                           b->bilingual ? g_strdup ("Signed and date") : NULL);
  tandem_pack_doc_add_writing_space (b->doc, signed_line, 1);
  tandem_pack_doc_end_keep_together (b->doc);
}

/* ------------------------------------------------------------------ */
/* Headers and footers: called when the PDF is written, maybe on another  */
/* thread, so each pushes the pack's locale itself.                     */

typedef struct {
  char     *language;
  gboolean  bilingual;
  char     *header;
} PageText;

static void
page_text_free (gpointer data)
{
  PageText *pt = data;

  g_free (pt->language);
  g_free (pt->header);
  g_free (pt);
}

static char *
footer_cb (TandemPackDoc *doc,
           guint          page,
           guint          n_pages,
           gpointer       user_data)
{
  PageText *pt = user_data;
  TandemPackLocale *pushed = tandem_pack_locale_push (pt->language, NULL);
  /* Translators: at the foot of each page of a family's pack. */
  char *local = g_strdup_printf (P_("Page %u of %u"), page, n_pages);

  tandem_pack_locale_pop (pushed);
  if (pt->bilingual && g_strcmp0 (local, "") != 0)
    {
      g_autofree char *english = g_strdup_printf ("Page %u of %u", page, n_pages);

      if (!g_str_equal (local, english))
        {
          char *both = g_strdup_printf ("%s · %s", local, english);

          g_free (local);
          return both;
        }
    }
  return local;
}

static char *
header_cb (TandemPackDoc *doc,
           guint          page,
           guint          n_pages,
           gpointer       user_data)
{
  PageText *pt = user_data;

  return page > 1 && pt->header != NULL ? g_strdup (pt->header) : NULL;
}

/* ------------------------------------------------------------------ */

static const char *
child_id_of (Builder *b)
{
  return tandem_record_get_id (TANDEM_RECORD (b->child));
}

/* Loads what every document about the child needs; pushes no locale. */
static gboolean
builder_load (Builder     *b,
              TandemStore *store,
              const char  *child_id,
              const char  *carer_id,
              const char  *today,
              GError     **error)
{
  const char *params[] = { child_id, NULL };
  const char *keyworker_id;

  b->store = store;
  b->today = today != NULL ? g_strdup (today) : tandem_date_today ();
  b->consents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  b->child = tandem_store_load (store, TANDEM_TYPE_CHILD, child_id, error);
  if (b->child == NULL)
    return FALSE;
  b->carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?", params, error);
  if (b->carers == NULL)
    return FALSE;
  if (carer_id != NULL)
    {
      if (!tandem_pack_privacy_is_carer_of (store, carer_id, child_id))
        {
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                       _("That family member is not one of this child’s carers."));
          return FALSE;
        }
      b->carer = tandem_store_load (store, TANDEM_TYPE_CARER, carer_id, error);
      if (b->carer == NULL)
        return FALSE;
    }
  b->setting = tandem_store_load (store, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, NULL);
  keyworker_id = tandem_record_get_text (TANDEM_RECORD (b->child), "keyworker_id");
  if (keyworker_id != NULL)
    b->keyworker = tandem_store_load (store, TANDEM_TYPE_KEYWORKER, keyworker_id, NULL);

  b->own_names = g_ptr_array_new_with_free_func (g_free);
  tandem_pack_privacy_add_child_names (b->own_names, b->child);
  g_ptr_array_add (b->own_names, NULL);
  return TRUE;
}

/* The language a document is written in, after falling back to English
 * when this system cannot write @requested. */
static char *
effective_language (const char *requested)
{
  if (requested == NULL || tandem_pack_language_support (requested) != TANDEM_PACK_LANGUAGE_OK)
    return g_strdup ("en");
  return g_strdup (requested);
}

static gboolean
is_english (const char *language)
{
  return g_ascii_strcasecmp (language, "en") == 0 || g_ascii_strncasecmp (language, "en-", 3) == 0;
}

static void
set_up_doc (Builder    *b,
            gboolean    large_print,
            const char *title)
{
  const TandemLanguage *language = tandem_language_find (b->language);
  PageText *pt = g_new0 (PageText, 1);
  const char *setting_name = b->setting != NULL
                             ? tandem_pack_privacy_get_text (TANDEM_RECORD (b->setting), "name")
                             : NULL;
  g_autofree char *name = child_display_name (b->child);

  b->doc = tandem_pack_doc_new ();
  tandem_pack_doc_set_title (b->doc, title);
  tandem_pack_doc_set_language (b->doc, b->language);
  tandem_pack_doc_set_direction (b->doc, language != NULL && language->rtl
                                         ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  tandem_pack_doc_set_scale (b->doc, large_print ? LARGE_PRINT_SCALE : 1.0);

  pt->language = g_strdup (b->language);
  pt->bilingual = b->bilingual;
  pt->header = setting_name != NULL ? g_strdup_printf ("%s · %s", name, setting_name)
                                    : g_strdup (name);
  tandem_pack_doc_set_header_func (b->doc, header_cb, pt, NULL);
  tandem_pack_doc_set_footer_func (b->doc, footer_cb, pt, page_text_free);
}

/**
 * tandem_pack_build:
 * @store: the store
 * @options: what the pack holds
 * @error: return location for an error
 *
 * See tandem-pack-builder.h. When the pack's language cannot be written
 * here (tandem_pack_language_support()), the pack is in English and the
 * document's language says `en`: compare it with the language asked for to
 * tell the person.
 *
 * Returns: (transfer full) (nullable): the document
 */
TandemPackDoc *
tandem_pack_build (TandemStore             *store,
                   const TandemPackOptions *options,
                   GError                 **error)
{
  Builder b = { 0 };
  g_autofree char *requested = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  TandemPackLocale *pushed;
  TandemPackSections sections;
  TandemPackDoc *doc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL && options->child_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!builder_load (&b, store, options->child_id, options->carer_id, options->today, error))
    goto failed;

  b.from = options->from != NULL ? g_strdup (options->from)
                                 : tandem_pack_default_from (store, options->child_id, b.today);
  b.to = g_strdup (options->to != NULL ? options->to : b.today);
  if (!tandem_date_is_valid (b.from) || !tandem_date_is_valid (b.to) || strcmp (b.from, b.to) > 0)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("The period of the pack must start on or before the day it ends."));
      goto failed;
    }

  requested = options->language != NULL
              ? g_strdup (options->language)
              : tandem_pack_default_language (store, options->child_id, options->carer_id);
  b.language = effective_language (requested);
  b.bilingual = options->bilingual && !is_english (b.language);
  if (!load_shared (&b, error))
    goto failed;
  plan = load_plan (&b);

  pushed = tandem_pack_locale_push (b.language, NULL);

  name = child_display_name (b.child);
  /* Translators: the title of a family's pack (in the PDF's properties); %s is the child's name. */
  title = fmt (FALSE, N_("%s: a summary for the family"), name);
  set_up_doc (&b, options->large_print, title);

  sections = options->sections;
  if (sections & TANDEM_PACK_SECTION_COVER)
    add_cover (&b);
  if (sections & TANDEM_PACK_SECTION_ENJOYED)
    add_enjoyed (&b);
  if (sections & TANDEM_PACK_SECTION_CONTRIBUTIONS)
    add_contributions (&b);
  if (sections & TANDEM_PACK_SECTION_IDEAS)
    add_ideas (&b, plan);
  if ((sections & TANDEM_PACK_SECTION_PLAN) && plan != NULL)
    add_plan (&b, plan);
  if (sections & TANDEM_PACK_SECTION_NEXT_MEETING)
    add_next_meeting (&b);
  if (sections & TANDEM_PACK_SECTION_BEFORE_WE_MEET)
    add_before_we_meet (&b);
  if (sections & TANDEM_PACK_SECTION_RETURN_SLIP)
    add_return_slip (&b);

  tandem_pack_locale_pop (pushed);

  doc = g_steal_pointer (&b.doc);
  builder_clear (&b);
  return doc;

failed:
  builder_clear (&b);
  return NULL;
}

/* What the audit says about a pack: read back by tandem_pack_default_from(),
 * which looks for the period's end after " to ". */
static char *
audit_detail (TandemStore *store,
              const char  *carer_id,
              const char  *language,
              const char  *from,
              const char  *to)
{
  g_autoptr(TandemCarer) carer = carer_id != NULL
                                 ? tandem_store_load (store, TANDEM_TYPE_CARER, carer_id, NULL)
                                 : NULL;

  return g_strdup_printf ("for %s (%s); language %s; period %s to %s",
                          carer != NULL ? tandem_carer_get_name (carer) : "the family",
                          carer_id != NULL ? carer_id : "-", language, from, to);
}

static gboolean
export_one (TandemStore             *store,
            const TandemPackOptions *options,
            const char              *path,
            TandemPackDoc          **doc_out,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(TandemPackDoc) doc = tandem_pack_build (store, options, error);

  if (doc == NULL)
    return FALSE;
  if (path != NULL && !tandem_pack_doc_write_file (doc, path, cancellable, error))
    return FALSE;
  if (doc_out != NULL)
    *doc_out = g_steal_pointer (&doc);
  return TRUE;
}

static gboolean
audit_pack (TandemStore             *store,
            const TandemPackOptions *options,
            const char              *language,
            GError                 **error)
{
  g_autofree char *today = options->today != NULL ? g_strdup (options->today) : tandem_date_today ();
  g_autofree char *from = options->from != NULL
                          ? g_strdup (options->from)
                          : tandem_pack_default_from (store, options->child_id, today);
  g_autofree char *detail = audit_detail (store, options->carer_id, language, from,
                                          options->to != NULL ? options->to : today);

  return tandem_store_audit (store, "pack", options->child_id, detail, error);
}

/**
 * tandem_pack_export:
 * @store: the store
 * @options: what the pack holds
 * @path: the PDF file to write
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * See tandem-pack-builder.h.
 *
 * Returns: whether the pack was written and audited
 */
gboolean
tandem_pack_export (TandemStore             *store,
                    const TandemPackOptions *options,
                    const char              *path,
                    GCancellable            *cancellable,
                    GError                 **error)
{
  g_autoptr(TandemPackDoc) doc = NULL;
  g_autoptr(GError) audit_error = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  doc = tandem_pack_build (store, options, error);
  if (doc == NULL)
    return FALSE;
  /* The audit is written first, in a transaction committed only when the
   * file is there, so a pack never leaves the building unrecorded. */
  if (!tandem_store_begin (store, error))
    return FALSE;
  if (!audit_pack (store, options, tandem_pack_doc_get_language (doc), error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  if (!tandem_pack_doc_write_file (doc, path, cancellable, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }
  if (!tandem_store_commit (store, &audit_error))
    {
      g_unlink (path);
      g_propagate_error (error, g_steal_pointer (&audit_error));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Invitation letter.                                                   */

/**
 * tandem_pack_build_invitation:
 * @store: the store
 * @meeting_id: the meeting
 * @carer_id: (nullable): the carer invited; %NULL for the child's family
 * @language: (nullable): a language tag; %NULL for the carer's
 * @large_print: bigger type and spacing
 * @error: return location for an error
 *
 * See tandem-pack-builder.h.
 *
 * Returns: (transfer full) (nullable): the letter
 */
TandemPackDoc *
tandem_pack_build_invitation (TandemStore *store,
                              const char  *meeting_id,
                              const char  *carer_id,
                              const char  *language,
                              gboolean     large_print,
                              GError     **error)
{
  Builder b = { 0 };
  g_autoptr(TandemMeeting) meeting = NULL;
  g_autofree char *requested = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *dear = NULL;
  const char *agenda;
  const char *setting_name;
  TandemPackLocale *pushed;
  TandemPackDoc *doc;

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (meeting_id != NULL, NULL);

  meeting = tandem_store_load (store, TANDEM_TYPE_MEETING, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  if (!builder_load (&b, store, tandem_record_get_text (TANDEM_RECORD (meeting), "child_id"),
                     carer_id, NULL, error))
    goto failed;

  requested = language != NULL ? g_strdup (language)
                               : tandem_pack_default_language (store, child_id_of (&b), carer_id);
  b.language = effective_language (requested);
  b.bilingual = FALSE;

  pushed = tandem_pack_locale_push (b.language, NULL);
  name = child_display_name (b.child);
  /* Translators: the title of a meeting invitation letter; %s is the child's name. */
  title = fmt (FALSE, N_("An invitation to meet about %s"), name);
  set_up_doc (&b, large_print, title);

  setting_name = b.setting != NULL
                 ? tandem_pack_privacy_get_text (TANDEM_RECORD (b.setting), "name") : NULL;
  if (b.setting != NULL && tandem_record_get_text (TANDEM_RECORD (b.setting), "logo") != NULL)
    add_blob_image (&b, tandem_record_get_text (TANDEM_RECORD (b.setting), "logo"),
                    LOGO_WIDTH, LOGO_HEIGHT, NULL);
  if (setting_name != NULL)
    tandem_pack_doc_add_paragraph (b.doc, setting_name, TANDEM_PACK_TEXT_MUTED);
  tandem_pack_doc_add_heading (b.doc, 1, title);

  if (b.carer != NULL)
    {
      g_autofree char *carer = carer_name (b.carer);

      /* Translators: the greeting of a letter; %s is the carer's name. */
      dear = fmt (FALSE, N_("Dear %s,"), carer);
    }
  else
    /* Translators: the greeting of a letter to a child's family; %s is the child's name. */
    dear = fmt (FALSE, N_("Dear family of %s,"), name);
  tandem_pack_doc_add_paragraph (b.doc, dear, TANDEM_PACK_TEXT_NORMAL);
  /* Translators: in a meeting invitation letter; %s is the child's name. */
  emit_pair (&b, fmt (FALSE, N_("We would like to meet with you to talk about how %s is getting "
                                "on, and to hear what you think. Your views matter to us."), name),
             NULL, TANDEM_PACK_TEXT_NORMAL);
  add_meeting_rows (&b, meeting);

  agenda = tandem_pack_privacy_get_text (TANDEM_RECORD (meeting), "agenda");
  if (agenda != NULL)
    {
      /* Translators: a heading in a meeting invitation letter, over the agenda. */
      emit_heading (&b, 2, N_("What we would like to talk about"));
      tandem_pack_doc_add_paragraph (b.doc, agenda, TANDEM_PACK_TEXT_NORMAL);
    }
  tandem_pack_doc_add_space (b.doc, 6);
  emit_fixed (&b, N_("If this time does not suit you, please tell us and we will find another."),
              TANDEM_PACK_TEXT_NORMAL);
  /* Translators: the closing of a letter, before the sender's name. */
  emit_fixed (&b, N_("With best wishes,"), TANDEM_PACK_TEXT_NORMAL);
  if (b.keyworker != NULL)
    tandem_pack_doc_add_paragraph (b.doc, tandem_keyworker_get_name (b.keyworker),
                                   TANDEM_PACK_TEXT_BOLD);
  if (setting_name != NULL)
    tandem_pack_doc_add_paragraph (b.doc, setting_name, TANDEM_PACK_TEXT_NORMAL);

  /* The reply slip, short enough to share the letter's page. */
  tandem_pack_doc_begin_keep_together (b.doc);
  tandem_pack_doc_add_space (b.doc, 12);
  tandem_pack_doc_add_rule (b.doc, TANDEM_PACK_RULE_DASHED);
  /* Translators: a heading over the slip to return with a meeting invitation. */
  emit_heading (&b, 2, N_("Reply slip"));
  tandem_pack_doc_begin_table (b.doc, 0.3, TANDEM_PACK_TABLE_LABELS);
  emit_label_row (&b, N_("Child"), name);
  /* Translators: on a reply slip; the family ticks or circles one. */
  tandem_pack_doc_add_bullet (b.doc, P_("I will come to the meeting."), TANDEM_PACK_TEXT_NORMAL);
  /* Translators: on a reply slip; the family ticks or circles one. */
  tandem_pack_doc_add_writing_space (b.doc, P_("I cannot come then. A better time for me is:"), 1);
  /* Translators: on a reply slip, with lines to write on. */
  tandem_pack_doc_add_writing_space (b.doc, P_("Is there anything you would like to talk about?"), 2);
  tandem_pack_doc_add_writing_space (b.doc, P_("Signed and date"), 1);
  tandem_pack_doc_end_keep_together (b.doc);

  tandem_pack_locale_pop (pushed);
  doc = g_steal_pointer (&b.doc);
  builder_clear (&b);
  return doc;

failed:
  builder_clear (&b);
  return NULL;
}

/* ------------------------------------------------------------------ */

static char *
day_after (const char *iso_date)
{
  GDate date;

  if (!tandem_date_to_gdate (iso_date, &date))
    return NULL;
  g_date_add_days (&date, 1);
  return tandem_date_from_gdate (&date);
}

/* The end of the period of the child's last pack, from the audit. */
static char *
last_pack_end (TandemStore *store,
               const char  *child_id)
{
  sqlite3_stmt *stmt = _tandem_store_prepare (store,
                                              "SELECT detail, at FROM audit WHERE action = 'pack' "
                                              "AND child_id = ? ORDER BY at DESC LIMIT 1", NULL);
  char *end = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, child_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *detail = (const char *) sqlite3_column_text (stmt, 0);
      const char *at = (const char *) sqlite3_column_text (stmt, 1);
      const char *to = detail != NULL ? g_strrstr (detail, " to ") : NULL;

      if (to != NULL && strlen (to + 4) >= 10)
        {
          g_autofree char *date = g_strndup (to + 4, 10);

          if (tandem_date_is_valid (date))
            end = g_steal_pointer (&date);
        }
      if (end == NULL && at != NULL && strlen (at) >= 10)
        end = g_strndup (at, 10);
    }
  sqlite3_reset (stmt);
  return end;
}

/**
 * tandem_pack_default_from:
 * @store: the store
 * @child_id: a child
 * @today: (nullable): the day taken as today (ISO); %NULL for the clock
 *
 * See tandem-pack-builder.h. Never after @today.
 *
 * Returns: (transfer full): an ISO date
 */
char *
tandem_pack_default_from (TandemStore *store,
                          const char  *child_id,
                          const char  *today)
{
  g_autofree char *now = today != NULL ? g_strdup (today) : tandem_date_today ();
  g_autofree char *last = last_pack_end (store, child_id);
  g_autoptr(GPtrArray) meetings = tandem_meetings_for_child (store, child_id, NULL);
  g_autofree char *from = NULL;
  GDate date;

  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      TandemRecord *meeting = g_ptr_array_index (meetings, i);
      const char *on = tandem_record_get_text (meeting, "meets_on");

      if (g_strcmp0 (tandem_record_get_text (meeting, "status"), TANDEM_MEETING_HELD) == 0
          && g_strcmp0 (on, now) <= 0 && g_strcmp0 (on, last) > 0)
        {
          g_free (last);
          last = g_strdup (on);
        }
    }

  if (last != NULL)
    from = day_after (last);
  if (from != NULL)
    return g_strcmp0 (from, now) > 0 ? g_steal_pointer (&now) : g_steal_pointer (&from);

  if (!tandem_date_to_gdate (now, &date))
    return g_steal_pointer (&now);
  g_date_subtract_months (&date, 3);
  return tandem_date_from_gdate (&date);
}

/**
 * tandem_pack_default_language:
 * @store: the store
 * @child_id: a child
 * @carer_id: (nullable): a carer of the child
 *
 * See tandem-pack-builder.h: the carer's preferred language, else the
 * child's first carer's, else English.
 *
 * Returns: (transfer full): a language tag
 */
char *
tandem_pack_default_language (TandemStore *store,
                              const char  *child_id,
                              const char  *carer_id)
{
  const char *params[] = { child_id, NULL };
  g_autoptr(GPtrArray) carers = NULL;

  if (carer_id != NULL)
    {
      g_autoptr(TandemCarer) carer = tandem_store_load (store, TANDEM_TYPE_CARER, carer_id, NULL);
      const char *language = carer != NULL
                             ? tandem_record_get_text (TANDEM_RECORD (carer), "preferred_language")
                             : NULL;

      if (language != NULL && *language != '\0')
        return g_strdup (language);
    }
  carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?", params, NULL);
  for (guint i = 0; carers != NULL && i < carers->len; i++)
    {
      const char *language = tandem_record_get_text (g_ptr_array_index (carers, i),
                                                     "preferred_language");

      if (language != NULL && *language != '\0')
        return g_strdup (language);
    }
  return g_strdup ("en");
}

/* ------------------------------------------------------------------ */
/* A room at once.                                                      */

/* A file name from a child's and a carer's names: no separators, no
 * characters file systems refuse, not hidden, not too long. */
static char *
safe_file_name (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || strchr ("/\\:*?\"<>|", (int) c) != NULL)
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  while (out->len > 0 && (out->str[0] == '.' || out->str[0] == ' '))
    g_string_erase (out, 0, 1);
  if (out->len > 200)
    {
      const char *end = out->str + 200;

      end = g_utf8_find_prev_char (out->str, end + 1);
      g_string_truncate (out, end - out->str);
    }
  if (out->len == 0)
    g_string_append (out, "pack");
  return g_string_free (out, FALSE);
}

typedef struct {
  char *child_id;
  char *carer_id;   /* (nullable): the family */
  char *name;       /* file name, without folder */
} RoomPack;

static void
room_pack_free (gpointer data)
{
  RoomPack *pack = data;

  g_free (pack->child_id);
  g_free (pack->carer_id);
  g_free (pack->name);
  g_free (pack);
}

static GPtrArray *
room_packs (TandemStore  *store,
            const char   *room_id,
            const char   *today,
            GError      **error)
{
  const char *params[] = { room_id, today, NULL };
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func (room_pack_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  children = tandem_store_list (store, TANDEM_TYPE_CHILD,
                                "room_id = ? AND (leaving_date IS NULL OR leaving_date > ?)",
                                params, error);
  if (children == NULL)
    return NULL;

  for (guint i = 0; i < children->len; i++)
    {
      TandemChild *child = g_ptr_array_index (children, i);
      const char *child_id = tandem_record_get_id (TANDEM_RECORD (child));
      const char *carer_params[] = { child_id, NULL };
      g_autoptr(GPtrArray) carers = tandem_store_list (store, TANDEM_TYPE_CARER, "child_id = ?",
                                                       carer_params, error);
      g_autofree char *child_name = tandem_child_dup_full_name (child);

      if (carers == NULL)
        return NULL;
      /* A child with no carer recorded still gets a pack, to the family. */
      for (guint j = 0; j < MAX (carers->len, 1); j++)
        {
          TandemCarer *carer = carers->len > 0 ? g_ptr_array_index (carers, j) : NULL;
          RoomPack *pack = g_new0 (RoomPack, 1);
          g_autofree char *base = NULL;
          g_autofree char *safe = NULL;
          char *name;
          guint n = 1;

          pack->child_id = g_strdup (child_id);
          pack->carer_id = carer != NULL ? g_strdup (tandem_record_get_id (TANDEM_RECORD (carer)))
                                         : NULL;
          base = carer != NULL ? g_strdup_printf ("%s – %s", child_name, tandem_carer_get_name (carer))
                               : g_strdup (child_name);
          safe = safe_file_name (base);
          name = g_strdup_printf ("%s.pdf", safe);
          while (g_hash_table_contains (names, name))
            {
              g_free (name);
              name = g_strdup_printf ("%s (%u).pdf", safe, ++n);
            }
          g_hash_table_add (names, g_strdup (name));
          pack->name = name;
          g_ptr_array_add (packs, pack);
        }
    }
  return g_steal_pointer (&packs);
}

static void
remove_files (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_unlink (g_ptr_array_index (paths, i));
}

/**
 * tandem_pack_export_room:
 * @store: the store
 * @room_id: the room
 * @options: the period, sections and print options
 * @path: a folder, or with @combined the PDF file
 * @combined: one PDF for printing rather than one per carer
 * @progress: (nullable) (scope call): told after each pack
 * @user_data: data for @progress
 * @n_written: (out) (optional): packs written
 * @cancellable: (nullable): checked between packs and while writing
 * @error: return location for an error
 *
 * See tandem-pack-builder.h. The packs are written under hidden temporary
 * names and renamed only when all are written, so a cancelled or failed
 * batch leaves the folder as it was.
 *
 * Returns: whether every pack was written
 */
gboolean
tandem_pack_export_room (TandemStore             *store,
                         const char              *room_id,
                         const TandemPackOptions *options,
                         const char              *path,
                         gboolean                 combined,
                         TandemPackProgressFunc   progress,
                         gpointer                 user_data,
                         guint                   *n_written,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) packs = NULL;
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  guint total;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);
  g_return_val_if_fail (room_id != NULL && options != NULL && path != NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;
  today = options->today != NULL ? g_strdup (options->today) : tandem_date_today ();
  packs = room_packs (store, room_id, today, error);
  if (packs == NULL)
    return FALSE;
  total = packs->len;

  if (!combined && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_WRITE,
                   /* Translators: %s is a folder's name. */
                   _("Could not save the packs: the folder “%s” does not exist."), display);
      return FALSE;
    }

  for (guint i = 0; i < packs->len; i++)
    {
      RoomPack *pack = g_ptr_array_index (packs, i);
      TandemPackOptions one = *options;
      g_autoptr(TandemPackDoc) doc = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      one.child_id = pack->child_id;
      one.carer_id = pack->carer_id;
      one.language = NULL;
      one.today = today;
      if (combined)
        {
          if (!export_one (store, &one, NULL, &doc, cancellable, error))
            goto failed;
          g_ptr_array_add (languages, g_strdup (tandem_pack_doc_get_language (doc)));
          g_ptr_array_add (docs, g_steal_pointer (&doc));
        }
      else
        {
          g_autofree char *final = g_build_filename (path, pack->name, NULL);
          g_autofree char *hidden = g_strdup_printf (".%s.part", pack->name);
          g_autofree char *temp = g_build_filename (path, hidden, NULL);

          /* Recorded before writing, so a failure midway removes it too. */
          g_ptr_array_add (temps, g_strdup (temp));
          if (!export_one (store, &one, temp, &doc, cancellable, error))
            goto failed;
          g_ptr_array_add (languages, g_strdup (tandem_pack_doc_get_language (doc)));
          g_ptr_array_add (finals, g_steal_pointer (&final));
        }
      if (progress != NULL)
        progress (i + 1, total, user_data);
    }

  if (combined && docs->len > 0)
    {
      g_autofree char *title = NULL;
      g_autoptr(TandemRoom) room = tandem_store_load (store, TANDEM_TYPE_ROOM, room_id, NULL);

      /* Translators: the title of a PDF of all parent packs of a room; %s is the room's name. */
      title = g_strdup_printf (_("Parent packs: %s"),
                               room != NULL ? tandem_room_get_name (room) : "");
      if (!tandem_pack_write_file ((TandemPackDoc * const *) docs->pdata, docs->len, title, path,
                                   cancellable, error))
        goto failed;
    }
  else if (!combined)
    {
      for (guint i = 0; i < temps->len; i++)
        if (g_rename (g_ptr_array_index (temps, i), g_ptr_array_index (finals, i)) != 0)
          {
            int saved = errno;
            g_autofree char *display = g_filename_display_name (g_ptr_array_index (finals, i));

            g_set_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_WRITE,
                         _("Could not save the PDF “%s”: %s"), display, g_strerror (saved));
            /* Those already renamed are removed too: all or nothing. */
            for (guint j = 0; j < i; j++)
              g_unlink (g_ptr_array_index (finals, j));
            goto failed;
          }
    }

  for (guint i = 0; i < packs->len; i++)
    {
      RoomPack *pack = g_ptr_array_index (packs, i);
      TandemPackOptions one = *options;
      g_autoptr(GError) audit_error = NULL;

      one.child_id = pack->child_id;
      one.carer_id = pack->carer_id;
      one.today = today;
      if (!audit_pack (store, &one, g_ptr_array_index (languages, i), &audit_error))
        g_warning ("Pack not recorded in the audit: %s", audit_error->message);
    }
  if (n_written != NULL)
    *n_written = packs->len;
  return TRUE;

failed:
  remove_files (temps);
  return FALSE;
}

/* ------------------------------------------------------------------ */

/* The fontconfig language of a tag, for coverage. */
static char *
fontconfig_language (const char *language)
{
  static const struct {
    const char *tag;
    const char *fc;
  } map[] = {
    { "zh-Hans", "zh-cn" }, { "zh-Hant", "zh-tw" }, { "zh", "zh-cn" }, { "yue", "zh-hk" },
    { "pa-Arab", "pa-pk" }, { "ckb", "ku-iq" }, { "prs", "fa" }, { "syl", "bn" },
    { "bfi", "en" }, { "pt-BR", "pt" },
  };
  g_auto(GStrv) parts = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_ascii_strcasecmp (language, map[i].tag) == 0)
      return g_strdup (map[i].fc);
  parts = g_strsplit (language, "-", 2);
  return g_ascii_strdown (parts[0], -1);
}

/**
 * tandem_pack_language_has_font:
 * @language: a language tag
 * @package: (out) (optional) (nullable): the Debian package to install when
 *   no font covers it
 *
 * See tandem-pack-builder.h. A language fontconfig does not know is taken
 * to be written in the Latin alphabet.
 *
 * Returns: whether an installed font covers @language's script
 */
gboolean
tandem_pack_language_has_font (const char  *language,
                               char       **package)
{
  g_autofree char *fc = NULL;
  FcPattern *pattern;
  FcLangSet *langs;
  FcObjectSet *objects;
  FcFontSet *fonts;
  gboolean covered;

  g_return_val_if_fail (language != NULL, FALSE);

  if (package != NULL)
    *package = NULL;
  fc = fontconfig_language (language);
  if (FcLangGetCharSet ((const FcChar8 *) fc) == NULL)
    return TRUE;

  pattern = FcPatternCreate ();
  langs = FcLangSetCreate ();
  FcLangSetAdd (langs, (const FcChar8 *) fc);
  FcPatternAddLangSet (pattern, FC_LANG, langs);
  objects = FcObjectSetBuild (FC_FAMILY, NULL);
  fonts = FcFontList (NULL, pattern, objects);
  covered = fonts != NULL && fonts->nfont > 0;
  if (fonts != NULL)
    FcFontSetDestroy (fonts);
  FcObjectSetDestroy (objects);
  FcLangSetDestroy (langs);
  FcPatternDestroy (pattern);

  if (!covered && package != NULL)
    {
      if (g_str_has_prefix (fc, "zh") || g_str_equal (fc, "ja") || g_str_equal (fc, "ko"))
        *package = g_strdup ("fonts-noto-cjk");
      else
        *package = g_strdup ("fonts-noto-core");
    }
  return covered;
}
