/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <string.h>

#include "tandem-journal.h"
#include "tandem-pack-privacy.h"

/**
 * tandem_pack_privacy_get_text:
 * @record: a record
 * @field: the name of one of its text fields
 *
 * Reads a text field for a pack. An internal field (%TANDEM_FIELD_INTERNAL:
 * internal notes, a meeting's concerns, notes about a carer) is never
 * given out, whatever asks: that is a programming error, and the pack gets
 * nothing.
 *
 * Returns: (transfer none) (nullable): the text, %NULL when empty or internal
 */
const char *
tandem_pack_privacy_get_text (TandemRecord *record,
                              const char   *field)
{
  const TandemField *spec;
  const char *text;

  g_return_val_if_fail (TANDEM_IS_RECORD (record), NULL);

  spec = tandem_record_type_find_field (G_OBJECT_TYPE (record), field);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail ((spec->flags & TANDEM_FIELD_INTERNAL) == 0, NULL);

  text = tandem_record_get_text (record, field);
  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  return *text != '\0' ? text : NULL;
}

static void
add_name (GPtrArray  *names,
          const char *name)
{
  g_autofree char *stripped = NULL;

  if (name == NULL)
    return;
  stripped = g_strstrip (g_strdup (name));
  if (*stripped != '\0')
    g_ptr_array_add (names, g_steal_pointer (&stripped));
}

/**
 * tandem_pack_privacy_add_child_names:
 * @names: (element-type utf8): where to add them (owning its strings)
 * @child: a child
 *
 * Adds every way the child may be named in an observation: the given,
 * family and preferred names, and the full names made of them.
 */
void
tandem_pack_privacy_add_child_names (GPtrArray   *names,
                                     TandemChild *child)
{
  TandemRecord *record = TANDEM_RECORD (child);
  const char *given = tandem_record_get_text (record, "given_name");
  const char *family = tandem_record_get_text (record, "family_name");
  const char *preferred = tandem_record_get_text (record, "preferred_name");

  add_name (names, given);
  add_name (names, family);
  add_name (names, preferred);
  if (given != NULL && family != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s %s", given, family);

      add_name (names, full);
    }
  if (preferred != NULL && family != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s %s", preferred, family);

      add_name (names, full);
    }
}

/* Letters, digits and combining marks continue a word; an apostrophe does
 * not, so "Maya’s" holds the name "Maya". */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

typedef struct {
  gunichar *chars;   /* lower case */
  glong     len;
  gboolean  hide;
} Name;

static int
compare_names_longest_first (gconstpointer a,
                             gconstpointer b)
{
  const Name *na = a;
  const Name *nb = b;

  if (na->len != nb->len)
    return na->len > nb->len ? -1 : 1;
  /* Of two equal names, the one to keep wins: it is this child's own. */
  return na->hide - nb->hide;
}

static gunichar *
to_lower_chars (const char *text,
                glong      *len)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  gunichar *chars = g_utf8_to_ucs4_fast (nfc != NULL ? nfc : "", -1, len);

  for (glong i = 0; i < *len; i++)
    chars[i] = g_unichar_tolower (chars[i]);
  return chars;
}

static void
add_names (GArray             *names,
           const char * const *list,
           gboolean            hide)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      Name name = { NULL, 0, hide };

      name.chars = to_lower_chars (list[i], &name.len);
      if (name.len == 0)
        {
          g_free (name.chars);
          continue;
        }
      g_array_append_val (names, name);
    }
}

static void
clear_name (gpointer data)
{
  g_free (((Name *) data)->chars);
}

static gboolean
name_matches (const Name     *name,
              const gunichar *text,
              const gunichar *lower,
              glong           n,
              glong           at)
{
  if (at + name->len > n)
    return FALSE;
  for (glong k = 0; k < name->len; k++)
    {
      gunichar want = name->chars[k];

      if (g_unichar_isspace (want) ? !g_unichar_isspace (text[at + k]) : lower[at + k] != want)
        return FALSE;
    }
  return at + name->len == n || !is_word_char (text[at + name->len]);
}

typedef struct {
  glong start;
  glong end;
} Span;

/* Between two names only a list's glue: spaces, commas, "&", "and". Then
 * "Maya and Sam" reads "friends" rather than "a friend and a friend". */
static gboolean
only_list_glue (const gunichar *lower,
                glong           from,
                glong           to)
{
  static const gunichar and_word[] = { 'a', 'n', 'd' };

  for (glong i = from; i < to; i++)
    {
      if (g_unichar_isspace (lower[i]) || lower[i] == ',' || lower[i] == '&')
        continue;
      if (i + 3 <= to && memcmp (lower + i, and_word, sizeof and_word) == 0
          && (i == from || !is_word_char (lower[i - 1]))
          && (i + 3 == to || !is_word_char (lower[i + 3])))
        {
          i += 2;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

static gboolean
starts_sentence (const gunichar *text,
                 glong           at)
{
  for (glong i = at - 1; i >= 0; i--)
    {
      if (text[i] == '\n' || text[i] == '.' || text[i] == '!' || text[i] == '?')
        return TRUE;
      if (!g_unichar_isspace (text[i]) && text[i] != '"' && text[i] != 0x201C
          && text[i] != '(')
        return FALSE;
    }
  return TRUE;
}

static void
append_replacement (GString        *out,
                    const char     *replacement,
                    gboolean        capital)
{
  gunichar first;

  if (!capital || *replacement == '\0')
    {
      g_string_append (out, replacement);
      return;
    }
  first = g_utf8_get_char (replacement);
  g_string_append_unichar (out, g_unichar_totitle (first));
  g_string_append (out, g_utf8_next_char (replacement));
}

/* The direction of the first letter that has one: 1 left to right, -1
 * right to left, 0 none. */
static int
first_strong_direction (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200E)
        return 1;
      if (c == 0x200F)
        return -1;
      if (!g_unichar_isalpha (c))
        continue;
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
          return -1;
        default:
          return 1;
        }
    }
  return 0;
}

/**
 * tandem_pack_privacy_hide_names:
 * @text: (nullable): text about a child
 * @hide: (nullable) (array zero-terminated=1): names of other children
 * @keep: (nullable) (array zero-terminated=1): this child's own names, never
 *   hidden even when another child shares one
 * @a_friend: what one hidden name becomes, e.g. "a friend"
 * @friends: what several names in a row become ("Maya and Sam"), e.g.
 *   "friends"
 *
 * Replaces other children's names in @text: whole words only, whatever
 * their case, longest first (a full name before its given name), and
 * capitalised at the start of a sentence. When the replacement is in a
 * script of the other direction and starts the text, a direction mark
 * (U+200E or U+200F) keeps the text's own direction.
 *
 * Returns: (transfer full) (nullable): the text without their names
 */
char *
tandem_pack_privacy_hide_names (const char         *text,
                                const char * const *hide,
                                const char * const *keep,
                                const char         *a_friend,
                                const char         *friends)
{
  g_autoptr(GArray) names = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autofree char *nfc = NULL;
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *lower = NULL;
  GString *out;
  glong n = 0;
  glong copied = 0;

  g_return_val_if_fail (a_friend != NULL && friends != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (hide == NULL || hide[0] == NULL)
    return g_strdup (text);

  names = g_array_new (FALSE, FALSE, sizeof (Name));
  g_array_set_clear_func (names, clear_name);
  add_names (names, hide, TRUE);
  add_names (names, keep, FALSE);
  g_array_sort (names, compare_names_longest_first);

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return g_strdup ("");  /* not UTF-8: print nothing rather than guess */
  chars = g_utf8_to_ucs4_fast (nfc, -1, &n);
  lower = g_new (gunichar, n + 1);
  for (glong i = 0; i < n; i++)
    lower[i] = g_unichar_tolower (chars[i]);

  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  for (glong i = 0; i < n; i++)
    {
      if (i > 0 && is_word_char (chars[i - 1]))
        continue;
      for (guint j = 0; j < names->len; j++)
        {
          const Name *name = &g_array_index (names, Name, j);

          if (!name_matches (name, chars, lower, n, i))
            continue;
          if (name->hide)
            {
              Span span = { i, i + name->len };

              g_array_append_val (spans, span);
            }
          i += name->len - 1;
          break;
        }
    }

  out = g_string_sized_new (strlen (nfc) + 16);
  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      glong end = span->end;
      guint last = s;

      while (last + 1 < spans->len
             && only_list_glue (lower, g_array_index (spans, Span, last).end,
                                g_array_index (spans, Span, last + 1).start))
        {
          last++;
          end = g_array_index (spans, Span, last).end;
        }

      for (glong i = copied; i < span->start; i++)
        g_string_append_unichar (out, chars[i]);
      append_replacement (out, last > s ? friends : a_friend,
                          starts_sentence (chars, span->start));
      copied = end;
      s = last;
    }
  for (glong i = copied; i < n; i++)
    g_string_append_unichar (out, chars[i]);

  /* "A friend" in Arabic at the start of an English sentence would turn the
   * whole paragraph right to left: an invisible mark keeps the text's own
   * direction. */
  if (spans->len > 0)
    {
      int before = first_strong_direction (nfc);

      if (before != 0 && first_strong_direction (out->str) != before)
        g_string_prepend_unichar (out, before > 0 ? 0x200E : 0x200F);
    }
  return g_string_free (out, FALSE);
}

/**
 * tandem_pack_privacy_has_consent:
 * @store: the store
 * @child_id: a child
 * @kind: a consent kind, e.g. %TANDEM_CONSENT_PHOTOS_PACK
 * @today: the day it must hold on (ISO)
 * @cache: (nullable): child and kind → answer, kept across calls
 *
 * Whether the child's family has given @kind of consent and not withdrawn
 * it. The latest consent record given on or before @today decides (of two
 * on one day, the one recorded last); no record means no.
 *
 * Returns: whether the consent holds
 */
gboolean
tandem_pack_privacy_has_consent (TandemStore *store,
                                 const char  *child_id,
                                 const char  *kind,
                                 const char  *today,
                                 GHashTable  *cache)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  const char *params[] = { child_id, kind, today, NULL };
  TandemConsent *latest = NULL;
  gboolean allowed;
  gpointer cached;

  if (child_id == NULL)
    return FALSE;
  key = g_strconcat (kind, ":", child_id, NULL);
  if (cache != NULL && g_hash_table_lookup_extended (cache, key, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  consents = tandem_store_list (store, TANDEM_TYPE_CONSENT,
                                "child_id = ? AND kind = ? AND given_on <= ?", params, NULL);
  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      TandemConsent *consent = g_ptr_array_index (consents, i);
      const char *given = tandem_record_get_text (TANDEM_RECORD (consent), "given_on");

      int later = latest == NULL ? 1
                  : g_strcmp0 (given, tandem_record_get_text (TANDEM_RECORD (latest), "given_on"));

      /* Two on the same day: the one recorded last. */
      if (later == 0)
        later = g_strcmp0 (tandem_record_get_created_at (TANDEM_RECORD (consent)),
                           tandem_record_get_created_at (TANDEM_RECORD (latest)));
      if (later > 0)
        latest = consent;
    }
  allowed = latest != NULL && tandem_consent_is_current (latest, today);

  if (cache != NULL)
    g_hash_table_insert (cache, g_steal_pointer (&key), GINT_TO_POINTER (allowed));
  return allowed;
}

/**
 * tandem_pack_privacy_photo_allowed:
 * @store: the store
 * @photo_id: a photo
 * @observation_child_ids: (array zero-terminated=1): the children of its
 *   observation, taken as the children in the photo when nobody is tagged
 * @today: the day consent must hold on (ISO)
 * @cache: (nullable): as for tandem_pack_privacy_has_consent()
 *
 * A photo goes into a pack only when every child in it has photo-in-pack
 * consent. An untagged photo counts as showing every child of its
 * observation.
 *
 * Returns: whether the photo may be printed
 */
gboolean
tandem_pack_privacy_photo_allowed (TandemStore        *store,
                                   const char         *photo_id,
                                   const char * const *observation_child_ids,
                                   const char         *today,
                                   GHashTable         *cache)
{
  g_auto(GStrv) tagged = tandem_journal_get_photo_child_ids (store, photo_id, NULL);
  const char * const *children = (tagged != NULL && tagged[0] != NULL)
                                 ? (const char * const *) tagged : observation_child_ids;

  if (children == NULL || children[0] == NULL)
    return FALSE;
  for (guint i = 0; children[i] != NULL; i++)
    if (!tandem_pack_privacy_has_consent (store, children[i], TANDEM_CONSENT_PHOTOS_PACK,
                                          today, cache))
      return FALSE;
  return TRUE;
}

/**
 * tandem_pack_privacy_is_carer_of:
 * @store: the store
 * @carer_id: (nullable): a carer
 * @child_id: a child
 *
 * Whether @carer_id is one of @child_id's carers: a family comment or a
 * home observation is printed only when it is, so a pack never names
 * another family.
 *
 * Returns: whether the carer is the child's
 */
gboolean
tandem_pack_privacy_is_carer_of (TandemStore *store,
                                 const char  *carer_id,
                                 const char  *child_id)
{
  g_autoptr(TandemCarer) carer = NULL;

  if (carer_id == NULL || child_id == NULL)
    return FALSE;
  carer = tandem_store_load (store, TANDEM_TYPE_CARER, carer_id, NULL);
  return carer != NULL && !tandem_record_get_deleted (TANDEM_RECORD (carer))
         && g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (carer), "child_id"), child_id) == 0;
}

/* The orientation in an Exif segment's TIFF structure, 1 when none. */
static int
exif_orientation (const guint8 *t,
                  gsize         len)
{
  gboolean big;
  guint32 ifd;
  guint n;

#define U16(p) (big ? (guint) ((p)[0] << 8 | (p)[1]) : (guint) ((p)[1] << 8 | (p)[0]))
#define U32(p) (big ? ((guint32) (p)[0] << 24 | (guint32) (p)[1] << 16 | (guint32) (p)[2] << 8 | (p)[3]) \
                    : ((guint32) (p)[3] << 24 | (guint32) (p)[2] << 16 | (guint32) (p)[1] << 8 | (p)[0]))
  if (len < 8)
    return 1;
  if (t[0] == 'M' && t[1] == 'M')
    big = TRUE;
  else if (t[0] == 'I' && t[1] == 'I')
    big = FALSE;
  else
    return 1;
  ifd = U32 (t + 4);
  if (ifd > len - 2)
    return 1;
  n = U16 (t + ifd);
  for (guint i = 0; i < n; i++)
    {
      const guint8 *e = t + ifd + 2 + i * 12;

      if ((gsize) (e + 12 - t) > len)
        return 1;
      if (U16 (e) == 0x0112)
        {
          guint value = U16 (e + 8);

          return value >= 1 && value <= 8 ? (int) value : 1;
        }
    }
  return 1;
#undef U16
#undef U32
}

/**
 * tandem_pack_privacy_clean_jpeg:
 * @bytes: a picture
 *
 * Photos are stored re-encoded without metadata (tandem_blob_store_add_image),
 * but a blob may have come another way (a backup, a sync). Before a JPEG
 * goes into a PDF this drops every segment that can hold where or when it
 * was taken or who took it — Exif and XMP (APP1), IPTC (APP13), comments and
 * other application segments — keeping JFIF (APP0), the colour profile
 * (APP2) and Adobe's colour transform (APP14). The orientation survives in
 * a minimal Exif segment of its own. The image data is not touched.
 *
 * Returns: (transfer full): @bytes itself when there is nothing to drop or it
 *   is not a JPEG, else a cleaned copy
 */
GBytes *
tandem_pack_privacy_clean_jpeg (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GByteArray) out = NULL;
  gboolean dropped = FALSE;
  int orientation = 1;
  gsize pos = 2;
  gsize header_end = 0;

  if (len < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return g_bytes_ref (bytes);

  /* First pass: is there anything to drop, and which orientation? */
  while (pos + 4 <= len)
    {
      guint marker;
      gsize seglen;

      if (data[pos] != 0xFF)
        return g_bytes_ref (bytes);  /* not a JPEG we understand: leave it */
      marker = data[pos + 1];
      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0xDA || marker == 0xD9)
        break;
      seglen = (gsize) data[pos + 2] << 8 | data[pos + 3];
      if (seglen < 2 || pos + 2 + seglen > len)
        return g_bytes_ref (bytes);
      if (marker == 0xE1 && seglen - 2 >= 6 && memcmp (data + pos + 4, "Exif\0\0", 6) == 0)
        orientation = exif_orientation (data + pos + 10, seglen - 8);
      if ((marker >= 0xE1 && marker <= 0xEF && marker != 0xE2 && marker != 0xEE)
          || marker == 0xFE)
        dropped = TRUE;
      pos += 2 + seglen;
    }
  header_end = pos;
  if (!dropped)
    return g_bytes_ref (bytes);

  out = g_byte_array_sized_new (len);
  g_byte_array_append (out, data, 2);
  if (orientation != 1)
    {
      /* APP1 "Exif\0\0", big-endian TIFF, IFD0 with one entry: 0x0112. */
      const guint8 exif[] = {
        0xFF, 0xE1, 0x00, 0x22,
        'E', 'x', 'i', 'f', 0, 0,
        'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
        0x00, 0x01,
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (guint8) orientation, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00,
      };

      g_byte_array_append (out, exif, sizeof exif);
    }
  pos = 2;
  while (pos < header_end)
    {
      guint marker = data[pos + 1];
      gsize seglen;

      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      seglen = (gsize) data[pos + 2] << 8 | data[pos + 3];
      if (!((marker >= 0xE1 && marker <= 0xEF && marker != 0xE2 && marker != 0xEE)
            || marker == 0xFE))
        g_byte_array_append (out, data + pos, 2 + seglen);
      pos += 2 + seglen;
    }
  g_byte_array_append (out, data + header_end, len - header_end);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
