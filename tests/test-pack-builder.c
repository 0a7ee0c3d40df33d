/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* Parent packs, judged by their PDFs read back with poppler: what a family
 * may see is there, and nothing else is — internal observations and notes,
 * other children's names, photos without consent, other families — in the
 * family's language, audited, and written whole or not at all. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>
#include <unistd.h>

#include "tandem-blob-store.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-pack-builder.h"
#include "tandem-pack-error.h"
#include "tandem-pack-locale.h"
#include "tandem-pack-privacy.h"
#include "tandem-pack-text.h"
#include "tandem-pack-writer.h"
#include "tandem-plans.h"
#include "tandem-records.h"
#include "tandem-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define KIDS(...) ((const char * const []) { __VA_ARGS__, NULL })

#define TODAY "2026-11-20"
#define FROM "2026-09-01"
#define TO "2026-11-20"

/* Words that must never reach a pack, one per internal place. */
static const char * const never[] = {
  "SECRETOBSERVATIONTEXT",   /* an internal (not shared) observation */
  "OBSINTERNALMARKER",       /* observation internal_note */
  "OUTOFPERIODTEXT",         /* shared, but before the period */
  "MEETINGCONCERNSMARKER",   /* meeting concerns */
  "MEETINGINTERNALMARKER",   /* meeting internal_note */
  "PLANINTERNALMARKER",      /* plan internal_note */
  "CARERNOTESMARKER",        /* carer notes */
  "CHILDNOTESMARKER",        /* child notes (safeguarding goes here) */
  "CONSENTNOTESMARKER",      /* consent notes */
  "OTHERFAMILYCOMMENT",      /* another family's comment on a group observation */
  "Beatrix",                 /* the other child's carer */
  "GPSLOCATIONMARKER",       /* a photo's Exif location */
};

typedef struct {
  TandemTestStore t;
  char *out;           /* a folder for PDFs */
  char *room;
  char *millie;        /* the child the packs are about */
  char *zak;           /* a friend with consent */
  char *otty;          /* a friend without photo consent */
  char *grace;         /* Millie's carer, Welsh */
  char *samir;         /* Millie's carer, Arabic */
  char *beatrix;       /* Zak's carer */
  char *keyworker;
  char *group_obs;
  char *plan;
  guint expected_images;
} Fixture;

static void
save (TandemStore *store,
      gpointer     record)
{
  g_autoptr(GError) error = NULL;

  tandem_store_save (store, TANDEM_RECORD (record), &error);
  g_assert_no_error (error);
}

static char *
id_of (gpointer record)
{
  return g_strdup (tandem_record_get_id (TANDEM_RECORD (record)));
}

static GBytes *
make_jpeg (int   width,
           int   height,
           guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gchar *buffer = NULL;
  gsize len = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = (x * 255 / width) & 0xff;
        p[1] = (y * 255 / height) & 0xff;
        p[2] = (seed * 53) & 0xff;
      }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, "quality", "80", NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, len);
}

/* A JPEG as a phone writes it: an Exif segment with a location in it. */
static GBytes *
with_location (GBytes *jpeg)
{
  static const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 0x27, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 42, 0, 8, 0, 0, 0,
    0, 0,                             /* no entries; the marker rides after */
    0, 0, 0, 0,
    'G', 'P', 'S', 'L', 'O', 'C', 'A', 'T', 'I', 'O', 'N', 'M', 'A', 'R', 'K', 'E', 'R',
  };
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpuint (sizeof app1, ==, 2 + 0x27);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, data + 2, len - 2);
  return g_byte_array_free_to_bytes (out);
}

static char *
add_blob (Fixture *f,
          GBytes  *bytes)
{
  g_autoptr(GError) error = NULL;
  char *hash = tandem_blob_store_add (f->t.store, bytes, "image/jpeg", &error);

  g_assert_no_error (error);
  return hash;
}

static char *
add_child (Fixture    *f,
           const char *given,
           const char *family,
           const char *preferred)
{
  g_autoptr(TandemChild) child = tandem_child_new (given, family, "2023-03-01");

  tandem_record_set_text (TANDEM_RECORD (child), "preferred_name", preferred);
  tandem_record_set_text (TANDEM_RECORD (child), "room_id", f->room);
  tandem_record_set_text (TANDEM_RECORD (child), "keyworker_id", f->keyworker);
  tandem_record_set_text (TANDEM_RECORD (child), "notes", "CHILDNOTESMARKER");
  save (f->t.store, child);
  return id_of (child);
}

static char *
add_carer (Fixture    *f,
           const char *child_id,
           const char *name,
           const char *language)
{
  g_autoptr(TandemCarer) carer = tandem_carer_new (child_id, name);

  tandem_record_set_text (TANDEM_RECORD (carer), "preferred_language", language);
  tandem_record_set_text (TANDEM_RECORD (carer), "notes", "CARERNOTESMARKER");
  save (f->t.store, carer);
  return id_of (carer);
}

static void
add_consent (Fixture    *f,
             const char *child_id,
             const char *carer_id,
             gboolean    granted)
{
  g_autoptr(TandemConsent) consent = tandem_consent_new (child_id, TANDEM_CONSENT_PHOTOS_PACK);

  tandem_record_set_text (TANDEM_RECORD (consent), "carer_id", carer_id);
  tandem_record_set_text (TANDEM_RECORD (consent), "given_on", "2026-01-05");
  tandem_record_set_bool (TANDEM_RECORD (consent), "granted", granted);
  tandem_record_set_text (TANDEM_RECORD (consent), "notes", "CONSENTNOTESMARKER");
  save (f->t.store, consent);
}

static char *
add_observation (Fixture            *f,
                 const char         *date,
                 const char         *text,
                 gboolean            shared,
                 const char * const *children,
                 GPtrArray          *photos,
                 GPtrArray          *photo_children)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, text);
  g_autoptr(GError) error = NULL;

  tandem_record_set_bool (TANDEM_RECORD (observation), "shared", shared);
  tandem_record_set_text (TANDEM_RECORD (observation), "internal_note", "OBSINTERNALMARKER");
  tandem_record_set_text (TANDEM_RECORD (observation), "author_id", f->keyworker);
  tandem_journal_save_observation (f->t.store, observation, children, photos, photo_children,
                                   &error);
  g_assert_no_error (error);
  return id_of (observation);
}

static void
add_comment (Fixture    *f,
             const char *observation_id,
             const char *carer_id,
             const char *text)
{
  g_autoptr(TandemComment) comment = tandem_comment_new (observation_id, text);

  tandem_record_set_text (TANDEM_RECORD (comment), "carer_id", carer_id);
  tandem_record_set_text (TANDEM_RECORD (comment), "commented_on", "2026-10-02");
  tandem_record_set_text (TANDEM_RECORD (comment), "via", "conversation");
  save (f->t.store, comment);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TandemRoom) room = tandem_room_new ("Rainbow Room");
  g_autoptr(TandemKeyworker) keyworker = tandem_keyworker_new ("Jo Keyworker");
  g_autoptr(TandemSetting) setting = NULL;
  g_autoptr(GBytes) jpeg = make_jpeg (640, 480, 1);
  g_autoptr(GBytes) located = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *friends_photo = NULL;
  g_autofree char *no_consent_photo = NULL;
  g_autofree char *gps_photo = NULL;
  g_autofree char *obs = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) who = g_ptr_array_new ();
  g_autoptr(TandemChild) millie = NULL;
  g_autoptr(TandemObservation) home = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanOutcome) outcome = NULL;
  g_autoptr(TandemMeeting) meeting = NULL;
  g_autoptr(TandemMeetingParts) meeting_parts = NULL;
  g_autoptr(GError) error = NULL;

  tandem_test_store_set_up (&f->t, data);
  f->out = g_build_filename (f->t.dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);

  save (f->t.store, room);
  f->room = id_of (room);
  save (f->t.store, keyworker);
  f->keyworker = id_of (keyworker);

  setting = tandem_store_load (f->t.store, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, NULL);
  if (setting == NULL)
    {
      setting = TANDEM_SETTING (tandem_record_new (TANDEM_TYPE_SETTING));
      tandem_record_set_id (TANDEM_RECORD (setting), TANDEM_SETTING_ID);
    }
  tandem_record_set_text (TANDEM_RECORD (setting), "name", "Little Acorns Nursery");
  {
    g_autoptr(GBytes) logo_jpeg = make_jpeg (300, 120, 9);

    logo = add_blob (f, logo_jpeg);
  }
  tandem_record_set_text (TANDEM_RECORD (setting), "logo", logo);
  save (f->t.store, setting);

  f->millie = add_child (f, "Amelia", "Okafor", "Millie");
  f->zak = add_child (f, "Zacharias", "Quinn-Baptiste", "Zak");
  f->otty = add_child (f, "Ottoline", "Marsh", "Otty");
  f->grace = add_carer (f, f->millie, "Grace Okafor", "cy");
  f->samir = add_carer (f, f->millie, "Samir Okafor", "ar");
  f->beatrix = add_carer (f, f->zak, "Beatrix Quinn", "en");
  add_consent (f, f->millie, f->grace, TRUE);
  add_consent (f, f->zak, f->beatrix, TRUE);
  /* Otty's family said no. */

  /* Millie's cover photo. */
  {
    g_autoptr(GBytes) face = make_jpeg (480, 480, 2);

    cover = add_blob (f, face);
  }
  millie = tandem_store_load (f->t.store, TANDEM_TYPE_CHILD, f->millie, NULL);
  tandem_record_set_text (TANDEM_RECORD (millie), "photo", cover);
  save (f->t.store, millie);

  /* A group observation: Millie and Zak, a photo of both, a photo of
   * Millie with Otty. */
  {
    g_autoptr(GBytes) a = make_jpeg (800, 600, 3);
    g_autoptr(GBytes) b = make_jpeg (800, 600, 4);

    friends_photo = add_blob (f, a);
    no_consent_photo = add_blob (f, b);
  }
  g_ptr_array_add (photos, tandem_photo_new (friends_photo));
  g_ptr_array_add (photos, tandem_photo_new (no_consent_photo));
  tandem_record_set_text (g_ptr_array_index (photos, 0), "caption", "Zak and Millie with the tower");
  g_ptr_array_add (who, (gpointer) KIDS (f->millie, f->zak));
  g_ptr_array_add (who, (gpointer) KIDS (f->millie, f->otty));
  f->group_obs = add_observation (f, "2026-10-01",
                                  "Millie and Zak built a tall tower together. "
                                  "Zacharias Quinn-Baptiste counted the blocks while millie "
                                  "held it steady. ZAK cheered and Zak’s tower fell; Otty watched.",
                                  TRUE, KIDS (f->millie, f->zak, f->otty), photos, who);
  {
    g_autoptr(TandemObservation) group = tandem_store_load (f->t.store, TANDEM_TYPE_OBSERVATION,
                                                            f->group_obs, NULL);

    tandem_record_set_text (TANDEM_RECORD (group), "next_steps", "Offer bigger blocks to Millie.");
    tandem_record_set_text (TANDEM_RECORD (group), "ideas_for_home",
                            "Build towers with cups and count them.");
    tandem_record_set_text (TANDEM_RECORD (group), "areas", "maths.number,pd");
    save (f->t.store, group);
  }
  add_comment (f, f->group_obs, f->grace, "We loved hearing about the tower!");
  add_comment (f, f->group_obs, f->beatrix, "OTHERFAMILYCOMMENT from Beatrix");

  /* Internal, and out of the period. */
  g_free (add_observation (f, "2026-10-03", "SECRETOBSERVATIONTEXT", FALSE,
                           KIDS (f->millie), NULL, NULL));
  g_free (add_observation (f, "2026-06-03", "OUTOFPERIODTEXT", TRUE, KIDS (f->millie), NULL, NULL));

  /* Millie alone, with a photo that still carries its location. */
  located = with_location (jpeg);
  gps_photo = add_blob (f, located);
  g_ptr_array_set_size (photos, 0);
  g_ptr_array_set_size (who, 0);
  g_ptr_array_add (photos, tandem_photo_new (gps_photo));
  g_ptr_array_add (who, NULL);
  obs = add_observation (f, "2026-10-20", "Millie painted a big yellow sun at the easel.",
                         TRUE, KIDS (f->millie), photos, who);

  /* From home. */
  home = tandem_observation_new ("2026-11-01", "At home Millie sang three songs to her baby brother.");
  tandem_record_set_text (TANDEM_RECORD (home), "source", TANDEM_SOURCE_HOME);
  tandem_record_set_text (TANDEM_RECORD (home), "carer_id", f->grace);
  tandem_record_set_bool (TANDEM_RECORD (home), "shared", TRUE);
  tandem_journal_save_observation (f->t.store, home, KIDS (f->millie), NULL, NULL, &error);
  g_assert_no_error (error);

  /* An open support plan. */
  plan = tandem_plan_new (f->millie, "2026-09-10");
  tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_ACTIVE);
  tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", "2026-12-10");
  tandem_record_set_text (TANDEM_RECORD (plan), "family_summary",
                          "We are helping Millie to use more words to ask for things.");
  tandem_record_set_text (TANDEM_RECORD (plan), "internal_note", "PLANINTERNALMARKER");
  parts = tandem_plan_parts_new ();
  outcome = tandem_plan_outcome_new (NULL, TANDEM_PLAN_TERM_SHORT, "Millie puts two words together");
  tandem_record_set_text (TANDEM_RECORD (outcome), "home_help", "Name the toys at bath time.");
  g_ptr_array_add (parts->outcomes, g_object_ref (outcome));
  tandem_plans_save (f->t.store, plan, parts, &error);
  g_assert_no_error (error);
  f->plan = id_of (plan);

  /* The next meeting. */
  meeting = tandem_meeting_new (f->millie, "progress_review", "2026-12-02");
  tandem_record_set_text (TANDEM_RECORD (meeting), "status", TANDEM_MEETING_PLANNED);
  tandem_record_set_text (TANDEM_RECORD (meeting), "starts_at", "14:30");
  tandem_record_set_int (TANDEM_RECORD (meeting), "duration_minutes", 45);
  tandem_record_set_text (TANDEM_RECORD (meeting), "place", "The garden room");
  tandem_record_set_text (TANDEM_RECORD (meeting), "format", "in_person");
  tandem_record_set_text (TANDEM_RECORD (meeting), "interpreter_language", "ar");
  tandem_record_set_text (TANDEM_RECORD (meeting), "what_to_bring", "The red book");
  tandem_record_set_text (TANDEM_RECORD (meeting), "concerns", "MEETINGCONCERNSMARKER");
  tandem_record_set_text (TANDEM_RECORD (meeting), "internal_note", "MEETINGINTERNALMARKER");
  meeting_parts = tandem_meeting_parts_new ();
  tandem_meetings_save (f->t.store, meeting, meeting_parts, &error);
  g_assert_no_error (error);

  /* Cover photo, logo, the friends' photo and the painting; not the photo
   * with Otty. */
  f->expected_images = 4;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tandem_test_store_tear_down (&f->t, data);
  g_free (f->out);
  g_free (f->room);
  g_free (f->millie);
  g_free (f->zak);
  g_free (f->otty);
  g_free (f->grace);
  g_free (f->samir);
  g_free (f->beatrix);
  g_free (f->keyworker);
  g_free (f->group_obs);
  g_free (f->plan);
}

/* ------------------------------------------------------------------ */

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return document;
}

static char *
all_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *t = poppler_page_get_text (page);

      /* Without the directional marks poppler puts around right-to-left
       * runs, to compare with plain strings. */
      for (const char *p = t; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
              || (c >= 0x2066 && c <= 0x2069))
            continue;
          g_string_append_unichar (text, c);
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static guint
count_images (PopplerDocument *document)
{
  guint n = 0;

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      GList *mapping = poppler_page_get_image_mapping (page);

      n += g_list_length (mapping);
      poppler_page_free_image_mapping (mapping);
    }
  return n;
}

/* Writes a pack and reads it back. */
static PopplerDocument *
export (Fixture          *f,
        TandemPackOptions *options,
        const char       *name,
        char            **text)
{
  g_autofree char *path = g_build_filename (f->out, name, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf;

  if (options->today == NULL)
    options->today = TODAY;
  if (options->from == NULL)
    options->from = FROM;
  if (options->to == NULL)
    options->to = TO;
  g_assert_true (tandem_pack_export (f->t.store, options, path, NULL, &error));
  g_assert_no_error (error);
  pdf = open_pdf (path);
  if (text != NULL)
    *text = all_text (pdf);
  return pdf;
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

/* poppler puts line breaks where the layout broke lines: compare words. */
static gboolean
contains_words (const char *haystack,
                const char *needle)
{
  g_auto(GStrv) hw = g_strsplit_set (haystack, " \n\t", -1);
  g_autofree char *h = g_strjoinv (" ", hw);
  g_auto(GStrv) nw = g_strsplit_set (needle, " \n\t", -1);
  g_autofree char *n = g_strjoinv (" ", nw);
  GString *squeezed = g_string_new (NULL);
  g_autofree char *hs = NULL;

  for (const char *p = h; *p != '\0'; p++)
    if (!(*p == ' ' && (squeezed->len == 0 || squeezed->str[squeezed->len - 1] == ' ')))
      g_string_append_c (squeezed, *p);
  hs = g_string_free (squeezed, FALSE);
  return strstr (hs, n) != NULL;
}

static gboolean
have_catalog (const char *language)
{
  const char *dir = g_getenv ("TANDEM_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (dir == NULL)
    return FALSE;
  mo = g_build_filename (dir, language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

/* The pack's words for @msgid in @language, as the pack must print them. */
static char *
translated (const char *language,
            const char *msgid)
{
  TandemPackLocale *pushed = tandem_pack_locale_push (language, NULL);
  char *text = g_strdup (P_(msgid));

  tandem_pack_locale_pop (pushed);
  return text;
}

/* ------------------------------------------------------------------ */

static void
test_shared_only (Fixture       *f,
                  gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  options.child_id = f->millie;
  options.carer_id = f->grace;
  options.language = "en";
  pdf = export (f, &options, "en.pdf", &text);

  g_assert_true (contains_words (text, "painted a big yellow sun"));
  g_assert_true (contains_words (text, "built a tall tower"));
  g_assert_true (contains_words (text, "We loved hearing about the tower!"));
  g_assert_true (contains_words (text, "sang three songs"));
  g_assert_true (contains_words (text, "Build towers with cups and count them."));
  g_assert_true (contains_words (text, "Name the toys at bath time."));
  g_assert_true (contains_words (text, "use more words to ask for things"));
  g_assert_true (contains_words (text, "The garden room"));
  g_assert_true (contains_words (text, "The red book"));
  g_assert_true (contains_words (text, "Prepared for"));
  g_assert_true (contains_words (text, "Grace Okafor"));
  g_assert_true (contains_words (text, "1 September – 20 November 2026"));
  g_assert_true (contains_words (text, "Little Acorns Nursery"));
  g_assert_true (contains_words (text, "Jo Keyworker"));
  g_assert_true (contains_words (text, "Page 1 of"));
  g_assert_true (contains_words (text, "An interpreter for Arabic will be there."));
  g_assert_true (contains_words (text, "Numbers, counting, shapes and patterns"));
  g_assert_true (contains_words (text, "What is Millie enjoying at home?"));
  g_assert_true (contains_words (text, "Return slip"));

  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    if (contains_casefold (text, never[i]))
      g_error ("“%s” is in the pack", never[i]);

  /* An address to one carer never names another of the child's carers'
   * families; Millie's other carer is family, but not who it is for. */
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >=, 2);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), <=, 12);
  g_assert_cmpstr (poppler_document_get_title (pdf), ==, "Millie: a summary for the family");
}

static void
test_other_children_unnamed (Fixture       *f,
                             gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  const char *names[] = { "Zak", "Zacharias", "Quinn-Baptiste", "Quinn", "Otty", "Ottoline",
                          "Marsh" };

  /* An idea for home of the group that names another child is for that
   * child's family. */
  {
    g_autoptr(TandemObservation) group = tandem_store_load (f->t.store, TANDEM_TYPE_OBSERVATION,
                                                            f->group_obs, NULL);

    tandem_record_set_text (TANDEM_RECORD (group), "ideas_for_home", "Let Zak choose the cups.");
    save (f->t.store, group);
  }
  options.child_id = f->millie;
  options.language = "en";
  pdf = export (f, &options, "names.pdf", &text);
  g_assert_false (contains_casefold (text, "choose the cups"));
  g_assert_true (contains_words (text, "Name the toys at bath time."));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (contains_casefold (text, names[i]))
      g_error ("another child's name “%s” is in the pack", names[i]);
  g_assert_true (contains_words (text, "Millie and a friend built a tall tower together."));
  g_assert_true (contains_words (text, "A friend counted the blocks"));
  g_assert_true (contains_words (text, "A friend cheered and a friend’s tower fell; a friend watched."));
  g_assert_true (contains_words (text, "A friend and Millie with the tower"));
  /* Millie's own names stay, in any case. */
  g_assert_true (contains_words (text, "while millie held it steady"));
  g_assert_true (contains_words (text, "The family of Millie"));
}

static void
test_photos_consent (Fixture       *f,
                     gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerDocument) after = NULL;
  g_autoptr(PopplerDocument) none = NULL;

  options.child_id = f->millie;
  options.language = "en";
  pdf = export (f, &options, "photos.pdf", NULL);
  g_assert_cmpuint (count_images (pdf), ==, f->expected_images);

  /* Zak's family withdraws consent: the photo of both goes. */
  {
    const char *params[] = { f->zak, NULL };
    g_autoptr(GPtrArray) consents = tandem_store_list (f->t.store, TANDEM_TYPE_CONSENT,
                                                       "child_id = ?", params, NULL);
    TandemRecord *consent = g_ptr_array_index (consents, 0);

    tandem_record_set_text (consent, "withdrawn_on", "2026-11-01");
    save (f->t.store, consent);
  }
  after = export (f, &options, "photos-after.pdf", NULL);
  g_assert_cmpuint (count_images (after), ==, f->expected_images - 1);

  /* Millie's own family withdraws: only the logo is left, the cover too goes. */
  {
    const char *params[] = { f->millie, NULL };
    g_autoptr(GPtrArray) consents = tandem_store_list (f->t.store, TANDEM_TYPE_CONSENT,
                                                       "child_id = ?", params, NULL);
    TandemRecord *consent = g_ptr_array_index (consents, 0);

    tandem_record_set_text (consent, "withdrawn_on", "2026-11-01");
    save (f->t.store, consent);
  }
  none = export (f, &options, "photos-none.pdf", NULL);
  g_assert_cmpuint (count_images (none), ==, 1);
}

static void
test_photo_location_stripped (Fixture       *f,
                              gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *path = g_build_filename (f->out, "gps.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  options.child_id = f->millie;
  options.language = "en";
  pdf = export (f, &options, "gps.pdf", NULL);
  g_assert_cmpuint (count_images (pdf), ==, f->expected_images);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, "GPSLOCATIONMARKER"));
  /* The JPEGs themselves are embedded (DCTDecode), not re-encoded. */
  g_assert_nonnull (g_strstr_len (contents, len, "DCTDecode"));
}

static void
test_welsh (Fixture       *f,
            gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(TandemPackDoc) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;

  if (!have_catalog ("cy"))
    {
      g_test_skip ("po/cy.po is not built into the build folder's po/cy/LC_MESSAGES/tandem.mo");
      return;
    }
  heading = translated ("cy", "What we have enjoyed seeing");
  g_assert_cmpstr (heading, !=, "What we have enjoyed seeing");

  /* Grace prefers Welsh: her pack is in Welsh without being asked. */
  options.child_id = f->millie;
  options.carer_id = f->grace;
  pdf = export (f, &options, "cy.pdf", &text);
  g_assert_true (contains_words (text, heading));
  g_assert_false (contains_words (text, "What we have enjoyed seeing"));
  /* Dates in Welsh: Medi is September, Tachwedd November. */
  g_assert_true (contains_words (text, "Medi"));
  g_assert_true (contains_words (text, "Tachwedd 2026"));

  options.today = TODAY;
  doc = tandem_pack_build (f->t.store, &options, NULL);
  g_assert_cmpstr (tandem_pack_doc_get_language (doc), ==, "cy");
  g_assert_cmpint (tandem_pack_doc_get_direction (doc), ==, PANGO_DIRECTION_LTR);

  /* The application's own language is not touched. */
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "C.UTF-8");
}

static void
test_bilingual (Fixture       *f,
                gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;

  if (!have_catalog ("cy"))
    {
      g_test_skip ("po/cy.po is not built into the build folder's po/cy/LC_MESSAGES/tandem.mo");
      return;
    }
  heading = translated ("cy", "Before we meet");
  options.child_id = f->millie;
  options.carer_id = f->grace;
  options.bilingual = TRUE;
  pdf = export (f, &options, "bilingual.pdf", &text);
  g_assert_true (contains_words (text, heading));
  g_assert_true (contains_words (text, "Before we meet"));
  g_assert_true (contains_words (text, "Tachwedd"));
  g_assert_true (contains_words (text, "November"));
}

static void
test_arabic (Fixture       *f,
             gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(TandemPackDoc) doc = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *reversed = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_catalog ("ar"))
    {
      g_test_skip ("po/ar.po is not built into the build folder's po/ar/LC_MESSAGES/tandem.mo");
      return;
    }
  heading = translated ("ar", "Your contributions");
  g_assert_cmpstr (heading, !=, "Your contributions");

  options.child_id = f->millie;
  options.carer_id = f->samir;
  options.today = TODAY;
  options.from = FROM;
  options.to = TO;
  doc = tandem_pack_build (f->t.store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_pack_doc_get_language (doc), ==, "ar");
  g_assert_cmpint (tandem_pack_doc_get_direction (doc), ==, PANGO_DIRECTION_RTL);

  pdf = export (f, &options, "ar.pdf", &text);
  reversed = g_utf8_strreverse (heading, -1);
  g_assert_true (contains_words (text, heading) || contains_words (text, reversed));
  g_assert_false (contains_words (text, "Your contributions"));
}

/* Writes a gettext catalog (.mo) of msgid, msgstr pairs, which must be in
 * msgid order (gettext searches them in halves), the header entry first: enough to test the pack's language mechanism without
 * depending on the shipped translations. */
static void
write_catalog (const char         *dir,
               const char         *language,
               const char * const *pairs)
{
  g_autofree char *folder = g_build_filename (dir, language, "LC_MESSAGES", NULL);
  g_autofree char *path = g_build_filename (folder, GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GByteArray) strings = g_byte_array_new ();
  g_autoptr(GArray) table = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint32 n = 0, header[7];
  guint32 base;

  while (pairs[2 * n] != NULL)
    n++;
  base = 28 + n * 16;
  /* Originals' table, then translations'. */
  for (guint which = 0; which < 2; which++)
    for (guint i = 0; i < n; i++)
      {
        const char *text = pairs[2 * i + which];
        guint32 entry[2] = { (guint32) strlen (text), base + strings->len };

        g_array_append_vals (table, entry, 2);
        g_byte_array_append (strings, (const guint8 *) text, strlen (text) + 1);
      }
  header[0] = 0x950412de;
  header[1] = 0;
  header[2] = n;
  header[3] = 28;
  header[4] = 28 + n * 8;
  header[5] = 0;
  header[6] = base;
  g_byte_array_append (out, (const guint8 *) header, sizeof header);
  g_byte_array_append (out, (const guint8 *) table->data, table->len * sizeof (guint32));
  g_byte_array_append (out, strings->data, strings->len);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  tandem_test_write_file (path, out->data, out->len);
}

/* The pack speaks the family's language on its own thread while the
 * application stays in the desktop's, even when the session sets LANGUAGE
 * (which otherwise overrides the locale in gettext). */
static void
test_language_mechanism (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const welsh[] = {
    "", "Content-Type: text/plain; charset=UTF-8\n",
    "Page %u of %u", "Tudalen %u o %u",
    "What we have enjoyed seeing", "Beth rydyn ni wedi mwynhau ei weld",
    NULL, NULL,
  };
  static const char * const arabic[] = {
    "", "Content-Type: text/plain; charset=UTF-8\n",
    "What we have enjoyed seeing", "ما استمتعنا برؤيته",
    "Your contributions", "مساهماتكم",
    NULL, NULL,
  };
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(TandemPackDoc) doc = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerDocument) bilingual = NULL;
  g_autofree char *catalogs = NULL;
  g_autofree char *text = NULL;
  g_autofree char *both = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      /* Binding the domain elsewhere and setting LANGUAGE are for the whole
       * process: done in a child. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  catalogs = g_build_filename (f->t.dir, "locale", NULL);
  write_catalog (catalogs, "cy", welsh);
  write_catalog (catalogs, "ar", arabic);
  bindtextdomain (GETTEXT_PACKAGE, catalogs);
  g_setenv ("LANGUAGE", "en_GB:en", TRUE);
  tandem_pack_locale_init ();
  g_assert_null (g_getenv ("LANGUAGE"));
  /* GTK sets the locale from the environment again when it starts: the
   * language LANGUAGE chose must survive that. */
  setlocale (LC_ALL, "");
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "en_GB.UTF-8");

  g_assert_cmpint (tandem_pack_language_support ("cy"), ==, TANDEM_PACK_LANGUAGE_OK);
  g_assert_cmpint (tandem_pack_language_support ("ar"), ==, TANDEM_PACK_LANGUAGE_OK);
  g_assert_cmpint (tandem_pack_language_support ("pl"), ==, TANDEM_PACK_LANGUAGE_NO_TRANSLATION);

  options.child_id = f->millie;
  options.carer_id = f->grace;
  pdf = export (f, &options, "cy.pdf", &text);
  g_assert_true (contains_words (text, "Beth rydyn ni wedi mwynhau ei weld"));
  g_assert_true (contains_words (text, "Tudalen 1 o"));
  g_assert_true (contains_words (text, "1 Medi – 20 Tachwedd 2026"));
  g_assert_false (contains_words (text, "What we have enjoyed seeing"));
  g_assert_false (contains_words (text, "November"));
  /* Words without a translation stay English. */
  g_assert_true (contains_words (text, "Before we meet"));

  /* The application's own messages, meanwhile, are untouched. */
  g_assert_cmpstr (P_("What we have enjoyed seeing"), ==, "What we have enjoyed seeing");
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "en_GB.UTF-8");

  options.bilingual = TRUE;
  bilingual = export (f, &options, "cy-en.pdf", &both);
  g_assert_true (contains_words (both, "Beth rydyn ni wedi mwynhau ei weld"));
  g_assert_true (contains_words (both, "What we have enjoyed seeing"));
  g_assert_true (contains_words (both, "Tachwedd"));
  g_assert_true (contains_words (both, "November"));

  options.carer_id = f->samir;
  options.bilingual = FALSE;
  doc = tandem_pack_build (f->t.store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_pack_doc_get_language (doc), ==, "ar");
  g_assert_cmpint (tandem_pack_doc_get_direction (doc), ==, PANGO_DIRECTION_RTL);
}

static void
test_fallback_to_english (Fixture       *f,
                          gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(TandemPackDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* Cornish has a system locale but no translation; Romani has neither. */
  g_assert_cmpint (tandem_pack_language_support ("kw"), ==, TANDEM_PACK_LANGUAGE_NO_TRANSLATION);
  g_assert_cmpint (tandem_pack_language_support ("rom"), ==, TANDEM_PACK_LANGUAGE_NO_LOCALE);
  g_assert_cmpint (tandem_pack_language_support ("en"), ==, TANDEM_PACK_LANGUAGE_OK);

  options.child_id = f->millie;
  options.language = "kw";
  options.today = TODAY;
  doc = tandem_pack_build (f->t.store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_pack_doc_get_language (doc), ==, "en");
}

static void
test_large_print (Fixture       *f,
                  gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) normal = NULL;
  g_autoptr(PopplerDocument) large = NULL;

  options.child_id = f->millie;
  options.language = "en";
  normal = export (f, &options, "normal.pdf", NULL);
  options.large_print = TRUE;
  large = export (f, &options, "large.pdf", NULL);
  g_assert_cmpint (poppler_document_get_n_pages (large), >, poppler_document_get_n_pages (normal));
  g_assert_cmpint (poppler_document_get_n_pages (large), <=, 20);
}

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  options.child_id = f->millie;
  options.language = "en";
  options.sections = TANDEM_PACK_SECTION_ENJOYED | TANDEM_PACK_SECTION_IDEAS;
  pdf = export (f, &options, "sections.pdf", &text);
  g_assert_true (contains_words (text, "What we have enjoyed seeing"));
  g_assert_true (contains_words (text, "Ideas to try at home"));
  g_assert_false (contains_words (text, "Prepared for"));
  g_assert_false (contains_words (text, "Our next meeting"));
  g_assert_false (contains_words (text, "Return slip"));
  g_assert_false (contains_words (text, "sang three songs"));
}

static void
test_many_observations (Fixture       *f,
                        gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  for (guint day = 2; day <= 15; day++)
    {
      g_autofree char *date = g_strdup_printf ("2026-09-%02u", day);
      g_autofree char *words = g_strdup_printf ("Extra moment number %02u.", day);

      g_free (add_observation (f, date, words, TRUE, KIDS (f->millie), NULL, NULL));
    }
  options.child_id = f->millie;
  options.language = "en";
  pdf = export (f, &options, "many.pdf", &text);

  /* Ten of sixteen: the two with photos, then the eight most recent. */
  g_assert_true (contains_words (text, "built a tall tower"));
  g_assert_true (contains_words (text, "painted a big yellow sun"));
  for (guint day = 2; day <= 15; day++)
    {
      g_autofree char *words = g_strdup_printf ("Extra moment number %02u.", day);

      g_assert_true (contains_words (text, words) == (day >= 8));
    }
  g_assert_true (contains_words (text, "There is more in Millie’s learning journal"));
  g_assert_cmpuint (count_images (pdf), ==, f->expected_images);
}

static void
test_draft_plan_left_out (Fixture       *f,
                          gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(TandemPlan) plan = tandem_store_load (f->t.store, TANDEM_TYPE_PLAN, f->plan, NULL);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_DRAFT);
  save (f->t.store, plan);
  options.child_id = f->millie;
  options.language = "en";
  pdf = export (f, &options, "draft.pdf", &text);
  g_assert_false (contains_words (text, "use more words to ask for things"));
  g_assert_false (contains_words (text, "Name the toys at bath time."));
  g_assert_false (contains_words (text, "The support plan"));
}

static void
test_audit_and_default_from (Fixture       *f,
                             gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *from = NULL;
  g_autofree char *before = NULL;

  before = tandem_pack_default_from (f->t.store, f->millie, TODAY);
  g_assert_cmpstr (before, ==, "2026-08-20");

  options.child_id = f->millie;
  options.carer_id = f->samir;
  options.language = "en";
  options.to = "2026-11-15";
  pdf = export (f, &options, "audit.pdf", NULL);
  g_assert_cmpint (tandem_test_query_int (f->t.store,
                                          "SELECT count(*) FROM audit WHERE action = 'pack'"),
                   ==, 1);
  g_assert_cmpint (tandem_test_query_int (f->t.store,
                                          "SELECT count(*) FROM audit WHERE action = 'pack' "
                                          "AND detail LIKE '%Samir Okafor%' "
                                          "AND detail LIKE '%language en%' "
                                          "AND detail LIKE '%2026-09-01 to 2026-11-15%'"),
                   ==, 1);
  from = tandem_pack_default_from (f->t.store, f->millie, TODAY);
  g_assert_cmpstr (from, ==, "2026-11-16");
}

static void
test_default_language (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *grace = tandem_pack_default_language (f->t.store, f->millie, f->grace);
  g_autofree char *samir = tandem_pack_default_language (f->t.store, f->millie, f->samir);
  g_autofree char *family = tandem_pack_default_language (f->t.store, f->millie, NULL);
  g_autofree char *otty = tandem_pack_default_language (f->t.store, f->otty, NULL);

  g_assert_cmpstr (grace, ==, "cy");
  g_assert_cmpstr (samir, ==, "ar");
  g_assert_true (g_str_equal (family, "cy") || g_str_equal (family, "ar"));
  g_assert_cmpstr (otty, ==, "en");
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autofree char *locked = g_build_filename (f->out, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "pack.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  if (geteuid () == 0)
    {
      /* root writes anywhere: a folder that does not exist will do. */
      g_free (path);
      path = g_build_filename (locked, "missing", "pack.pdf", NULL);
    }
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  options.child_id = f->millie;
  options.language = "en";
  options.today = TODAY;
  g_assert_false (tandem_pack_export (f->t.store, &options, path, NULL, &error));
  g_assert_error (error, TANDEM_PACK_ERROR, TANDEM_PACK_ERROR_WRITE);
  dir = g_dir_open (locked, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  g_assert_cmpint (tandem_test_query_int (f->t.store, "SELECT count(*) FROM audit"), ==, 0);
  g_chmod (locked, 0700);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, done);
  g_assert_cmpuint (done, <=, total);
}

static void
test_room (Fixture       *f,
           gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autofree char *folder = g_build_filename (f->out, "room", NULL);
  g_autofree char *combined = g_build_filename (f->out, "room.pdf", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerDocument) all = NULL;
  g_autofree char *text = NULL;
  guint written = 0;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  options.today = TODAY;
  options.from = FROM;
  options.to = TO;
  g_assert_true (tandem_pack_export_room (f->t.store, f->room, &options, folder, FALSE,
                                          progress_cb, seen, &written, NULL, &error));
  g_assert_no_error (error);
  /* Millie's two carers, Zak's one, Otty's family (no carer recorded). */
  g_assert_cmpuint (written, ==, 4);
  g_assert_cmpuint (count_files (folder), ==, 4);
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpuint (g_array_index (seen, guint, 3), ==, 4);
  expected = g_build_filename (folder, "Zacharias Quinn-Baptiste – Beatrix Quinn.pdf", NULL);
  pdf = open_pdf (expected);
  text = all_text (pdf);
  /* Zak's pack: his own name, not Millie's. */
  g_assert_true (contains_words (text, "Zak"));
  g_assert_false (contains_casefold (text, "Millie"));
  g_assert_false (contains_casefold (text, "Amelia"));
  g_assert_false (contains_casefold (text, "Grace"));
  g_assert_cmpint (tandem_test_query_int (f->t.store,
                                          "SELECT count(*) FROM audit WHERE action = 'pack'"),
                   ==, 4);

  /* One PDF to print. */
  g_assert_true (tandem_pack_export_room (f->t.store, f->room, &options, combined, TRUE,
                                          NULL, NULL, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, 4);
  all = open_pdf (combined);
  g_assert_cmpint (poppler_document_get_n_pages (all), >=, 4 * 2);
}

static void
cancel_after_first_cb (guint    done,
                       guint    total,
                       gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_room_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  TandemPackOptions options = TANDEM_PACK_OPTIONS_INIT;
  g_autofree char *folder = g_build_filename (f->out, "room", NULL);
  g_autofree char *combined = g_build_filename (f->out, "room.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancellable2 = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint written = 99;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  options.today = TODAY;
  g_assert_false (tandem_pack_export_room (f->t.store, f->room, &options, folder, FALSE,
                                           cancel_after_first_cb, cancellable, &written,
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (written, ==, 0);
  g_assert_cmpuint (count_files (folder), ==, 0);
  g_assert_cmpint (tandem_test_query_int (f->t.store, "SELECT count(*) FROM audit"), ==, 0);
  g_clear_error (&error);

  g_assert_false (tandem_pack_export_room (f->t.store, f->room, &options, combined, TRUE,
                                           cancel_after_first_cb, cancellable2, NULL,
                                           cancellable2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (combined, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->out), ==, 1);  /* the room folder only */
}

static void
test_invitation (Fixture       *f,
                 gconstpointer  data)
{
  const char *params[] = { f->millie, NULL };
  g_autoptr(GPtrArray) meetings = tandem_store_list (f->t.store, TANDEM_TYPE_MEETING,
                                                     "child_id = ?", params, NULL);
  g_autofree char *path = g_build_filename (f->out, "invitation.pdf", NULL);
  g_autoptr(TandemPackDoc) doc = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  doc = tandem_pack_build_invitation (f->t.store,
                                      tandem_record_get_id (g_ptr_array_index (meetings, 0)),
                                      f->samir, "en", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_pack_doc_write_file (doc, path, NULL, &error));
  g_assert_no_error (error);
  pdf = open_pdf (path);
  text = all_text (pdf);
  g_assert_true (contains_words (text, "Dear Samir Okafor,"));
  g_assert_true (contains_words (text, "Wednesday 2 December 2026"));
  g_assert_true (contains_words (text, "14:30 to 15:15"));
  g_assert_true (contains_words (text, "The garden room"));
  g_assert_true (contains_words (text, "Progress review"));
  g_assert_true (contains_words (text, "Reply slip"));
  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    g_assert_false (contains_casefold (text, never[i]));
}

/* ------------------------------------------------------------------ */
/* The privacy rules one by one.                                        */

static void
test_hide_names (void)
{
  const char *hide[] = { "Zak", "Zacharias", "Quinn-Baptiste", "Zacharias Quinn-Baptiste",
                         "Zoë", "Sam", NULL };
  const char *keep[] = { "Millie", "Amelia", "Samantha", "Sam Okafor", NULL };
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "Zak played.", "A friend played." },
    { "Millie played with Zak.", "Millie played with a friend." },
    { "Millie played with ZAK and zoë.", "Millie played with friends." },
    { "Millie played with ZOË, Zak and Sam!", "Millie played with friends!" },
    { "Zak and Zoë built it. Then Millie came.", "Friends built it. Then Millie came." },
    { "Zacharias Quinn-Baptiste came.", "A friend came." },
    { "Zak’s car and Zak's bike.", "A friend’s car and a friend's bike." },
    { "Zakary and Zakia are not Zak.", "Zakary and Zakia are not a friend." },
    { "Samantha and Sam Okafor stay.", "Samantha and Sam Okafor stay." },
    { "Zak gave Millie a hug, then Zoë laughed.", "A friend gave Millie a hug, then a friend laughed." },
    { "no names here", "no names here" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = tandem_pack_privacy_hide_names (cases[i].in, hide, keep,
                                                             "a friend", "friends");

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  /* An Arabic "a friend" first in an English text: a left-to-right mark
   * keeps the paragraph left to right. */
  {
    g_autofree char *out = tandem_pack_privacy_hide_names ("Zak played.", hide, keep,
                                                           "أحد الأصدقاء", "بعض الأصدقاء");

    g_assert_cmpstr (out, ==, "\u200Eأحد الأصدقاء played.");
  }
  /* This child's own name is kept even when another child shares it. */
  {
    const char *shared_hide[] = { "Millie", "Jones", NULL };
    const char *shared_keep[] = { "Millie", NULL };
    g_autofree char *out = tandem_pack_privacy_hide_names ("Millie and Millie Jones.", shared_hide,
                                                           shared_keep, "a friend", "friends");

    g_assert_cmpstr (out, ==, "Millie and Millie a friend.");
  }
}

static void
test_internal_fields_refused (void)
{
  g_autoptr(TandemObservation) observation = tandem_observation_new ("2026-10-01", "Shared words");

  tandem_record_set_text (TANDEM_RECORD (observation), "internal_note", "hidden");
  g_assert_cmpstr (tandem_pack_privacy_get_text (TANDEM_RECORD (observation), "text"), ==,
                   "Shared words");
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*INTERNAL*");
  g_assert_null (tandem_pack_privacy_get_text (TANDEM_RECORD (observation), "internal_note"));
  g_test_assert_expected_messages ();
}

static void
test_clean_jpeg (void)
{
  g_autoptr(GBytes) plain = make_jpeg (64, 48, 5);
  g_autoptr(GBytes) located = with_location (plain);
  g_autoptr(GBytes) clean_plain = tandem_pack_privacy_clean_jpeg (plain);
  g_autoptr(GBytes) clean = tandem_pack_privacy_clean_jpeg (located);
  gsize len;
  const char *data = g_bytes_get_data (clean, &len);
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  /* Nothing to drop: the very same bytes. */
  g_assert_true (clean_plain == plain);
  g_assert_null (g_strstr_len (data, len, "GPSLOCATIONMARKER"));
  g_assert_cmpuint (len, <, g_bytes_get_size (located));
  /* Still a picture. */
  g_assert_true (gdk_pixbuf_loader_write (loader, (const guchar *) data, len, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (gdk_pixbuf_loader_get_pixbuf (loader)), ==, 64);
}

static void
test_clean_jpeg_keeps_orientation (void)
{
  static const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 0x2C, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 42, 0, 8, 0, 0, 0,
    1, 0,
    0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0,
    0, 0, 0, 0,
    'G', 'P', 'S', 'M', 'A', 'R', 'K', 'E', 'R', 'X',
  };
  g_autoptr(GBytes) plain = make_jpeg (64, 48, 6);
  gsize len;
  const guint8 *data = g_bytes_get_data (plain, &len);
  g_autoptr(GByteArray) rotated = g_byte_array_new ();
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *out;
  gsize out_len;

  g_assert_cmpuint (sizeof app1, ==, 2 + 0x2C);
  g_byte_array_append (rotated, data, 2);
  g_byte_array_append (rotated, app1, sizeof app1);
  g_byte_array_append (rotated, data + 2, len - 2);
  in = g_byte_array_free_to_bytes (g_steal_pointer (&rotated));
  clean = tandem_pack_privacy_clean_jpeg (in);
  out = g_bytes_get_data (clean, &out_len);
  g_assert_null (g_strstr_len ((const char *) out, out_len, "GPSMARKER"));

  gdk_pixbuf_loader_write (loader, out, out_len, &error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  upright = gdk_pixbuf_apply_embedded_orientation (gdk_pixbuf_loader_get_pixbuf (loader));
  /* Orientation 6 turns the 64 × 48 picture on its side. */
  g_assert_cmpint (gdk_pixbuf_get_width (upright), ==, 48);
}

static void
test_photo_allowed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) photos = tandem_journal_get_photos (f->t.store, f->group_obs, NULL);
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *children = KIDS (f->millie, f->zak, f->otty);
  guint allowed = 0;

  g_assert_cmpuint (photos->len, ==, 2);
  for (guint i = 0; i < photos->len; i++)
    {
      const char *id = tandem_record_get_id (g_ptr_array_index (photos, i));
      g_auto(GStrv) tagged = tandem_journal_get_photo_child_ids (f->t.store, id, NULL);
      gboolean has_otty = g_strv_contains ((const char * const *) tagged, f->otty);
      gboolean ok = tandem_pack_privacy_photo_allowed (f->t.store, id, children, TODAY, cache);

      g_assert_true (ok == !has_otty);
      allowed += ok;
    }
  g_assert_cmpuint (allowed, ==, 1);

  g_assert_true (tandem_pack_privacy_has_consent (f->t.store, f->millie,
                                                  TANDEM_CONSENT_PHOTOS_PACK, TODAY, NULL));
  g_assert_false (tandem_pack_privacy_has_consent (f->t.store, f->otty,
                                                   TANDEM_CONSENT_PHOTOS_PACK, TODAY, NULL));
  /* Not yet given on a day before it was. */
  g_assert_false (tandem_pack_privacy_has_consent (f->t.store, f->millie,
                                                   TANDEM_CONSENT_PHOTOS_PACK, "2025-12-31", NULL));
  g_assert_true (tandem_pack_privacy_is_carer_of (f->t.store, f->grace, f->millie));
  g_assert_false (tandem_pack_privacy_is_carer_of (f->t.store, f->beatrix, f->millie));
}

static void
test_locale_push (void)
{
  g_autofree char *c_date = NULL;
  g_autofree char *cy_date = NULL;
  TandemPackLocale *pushed;
  gboolean found = FALSE;

  g_assert_cmpstr (tandem_pack_locale_name ("cy"), ==, "cy_GB");
  g_assert_cmpstr (tandem_pack_locale_name ("pt-BR"), ==, "pt_BR");
  g_assert_cmpstr (tandem_pack_locale_name ("xx"), ==, "xx_XX");

  pushed = tandem_pack_locale_push ("cy", &found);
  if (!found)
    {
      tandem_pack_locale_pop (pushed);
      g_test_skip ("No cy_GB locale: install locales-all");
      return;
    }
  cy_date = tandem_pack_format_date ("2026-11-05", "%-d %B %Y");
  tandem_pack_locale_pop (pushed);
  c_date = tandem_pack_format_date ("2026-11-05", "%-d %B %Y");
  g_assert_cmpstr (cy_date, ==, "5 Tachwedd 2026");
  g_assert_cmpstr (c_date, ==, "5 November 2026");

  pushed = tandem_pack_locale_push ("rom", &found);
  g_assert_false (found);
  tandem_pack_locale_pop (pushed);
}

static void
test_font_coverage (void)
{
  g_autofree char *package = NULL;

  g_assert_true (tandem_pack_language_has_font ("en", &package));
  g_assert_null (package);
  g_assert_true (tandem_pack_language_has_font ("cy", NULL));
  /* Debian 12 with fonts-noto-core (build-aux/dev installs it). */
  g_assert_true (tandem_pack_language_has_font ("ar", &package));
  g_assert_true (tandem_pack_language_has_font ("bn", &package));
}

static void
test_section_titles (void)
{
  for (guint bit = 0; bit < 8; bit++)
    {
      const char *title = tandem_pack_text_section_title (1u << bit);

      g_assert_nonnull (title);
      g_assert_cmpuint (strlen (title), >, 0);
    }
  g_assert_cmpstr (tandem_pack_text_meeting_kind ("progress_review"), ==, "Progress review");
  g_assert_cmpstr (tandem_pack_text_meeting_format ("nonsense"), ==, "");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("TANDEM_LOCALEDIR");

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tandem_records_init ();
  /* As the application binds its catalogs at start; the tests use the
   * catalogs just built. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

#define ADD(path, func) \
  g_test_add ("/pack-builder/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shared-only", test_shared_only);
  ADD ("other-children-unnamed", test_other_children_unnamed);
  ADD ("photos-consent", test_photos_consent);
  ADD ("photo-location-stripped", test_photo_location_stripped);
  ADD ("photo-allowed", test_photo_allowed);
  ADD ("welsh", test_welsh);
  ADD ("bilingual", test_bilingual);
  ADD ("arabic", test_arabic);
  ADD ("language-mechanism", test_language_mechanism);
  ADD ("fallback-to-english", test_fallback_to_english);
  ADD ("large-print", test_large_print);
  ADD ("sections", test_sections);
  ADD ("many-observations", test_many_observations);
  ADD ("draft-plan-left-out", test_draft_plan_left_out);
  ADD ("audit-and-default-from", test_audit_and_default_from);
  ADD ("default-language", test_default_language);
  ADD ("unwritable", test_unwritable);
  ADD ("room", test_room);
  ADD ("room-cancelled", test_room_cancelled);
  ADD ("invitation", test_invitation);
#undef ADD
  g_test_add_func ("/pack-builder/privacy/hide-names", test_hide_names);
  g_test_add_func ("/pack-builder/privacy/internal-fields-refused", test_internal_fields_refused);
  g_test_add_func ("/pack-builder/privacy/clean-jpeg", test_clean_jpeg);
  g_test_add_func ("/pack-builder/privacy/clean-jpeg-keeps-orientation",
                   test_clean_jpeg_keeps_orientation);
  g_test_add_func ("/pack-builder/locale-push", test_locale_push);
  g_test_add_func ("/pack-builder/font-coverage", test_font_coverage);
  g_test_add_func ("/pack-builder/section-titles", test_section_titles);

  return g_test_run ();
}
