/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The record types of the learning journal. They are small and make sense
 * only together (an observation, who it is about, its photos, who is in
 * them, and the thread of comments under it), so they share this file. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-core-error.h"
#include "tandem-eyfs.h"
#include "tandem-observation.h"

struct _TandemObservation
{
  TandemRecord parent_instance;
};

struct _TandemObservationChild
{
  TandemRecord parent_instance;
};

struct _TandemPhoto
{
  TandemRecord parent_instance;
};

struct _TandemPhotoChild
{
  TandemRecord parent_instance;
};

struct _TandemComment
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemObservation, tandem_observation, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemObservationChild, tandem_observation_child, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPhoto, tandem_photo, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemPhotoChild, tandem_photo_child, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemComment, tandem_comment, TANDEM_TYPE_RECORD)

static const TandemField observation_fields[] = {
  { "observed_on", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Date") },
  { "author_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Written by") },
  /* Translators: the family member a home observation came from. */
  { "carer_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("From") },
  /* Translators: where an observation happened: in the setting or at home. */
  { "source", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Where") },
  { "text", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED | TANDEM_FIELD_LONG_TEXT,
    N_("Observation text") },
  { "areas", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Areas of learning") },
  { "characteristics", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE,
    N_("Characteristics of effective learning") },
  { "next_steps", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Next steps") },
  { "ideas_for_home", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Ideas for home") },
  { "shared", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Shared with the family") },
  { "internal_note", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL,
    N_("Internal note") },
};

static const TandemField observation_child_fields[] = {
  { "observation_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Observation") },
  { "child_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Child") },
};

static const TandemField photo_fields[] = {
  { "observation_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Observation") },
  { "blob", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED | TANDEM_FIELD_BLOB, N_("Photo") },
  { "taken_at", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Taken") },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Position") },
  { "caption", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Caption") },
};

static const TandemField photo_child_fields[] = {
  { "photo_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Photo") },
  { "child_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Child") },
};

static const TandemField comment_fields[] = {
  { "observation_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Observation") },
  /* Translators: the family member who made a comment. */
  { "carer_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Family member") },
  /* Translators: the practitioner who made a comment. */
  { "author_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Practitioner") },
  { "commented_on", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Date") },
  { "text", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED | TANDEM_FIELD_LONG_TEXT, N_("Comment") },
  /* Translators: how a family's comment reached the setting. */
  { "via", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("How it came") },
};

static const char * const sources[] = { TANDEM_SOURCE_SETTING, TANDEM_SOURCE_HOME, NULL };

static const char * const vias[] = {
  "conversation", "slip", "family_mode", "sync", "other", NULL
};

/* A size for a message, in the units people know from their phones. */
static char *
format_size (gsize bytes)
{
  if (bytes >= 1024 * 1024)
    /* Translators: a size in megabytes, e.g. "10.0 MB". */
    return g_strdup_printf (_("%.1f MB"), (double) bytes / (1024.0 * 1024.0));
  /* Translators: a size in kilobytes, e.g. "64 KB". */
  return g_strdup_printf (_("%u KB"), (guint) ((bytes + 1023) / 1024));
}

/* Every text field of the journal's types is kept to TANDEM_MAX_TEXT_BYTES:
 * a pasted 10 MB text is refused with its size rather than stored. */
static gboolean
check_text_sizes (TandemRecord  *record,
                  GError       **error)
{
  guint n_fields;
  const TandemField *fields = tandem_record_type_get_fields (G_OBJECT_TYPE (record), &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *text;
      gsize len;

      if (fields[i].type != TANDEM_FIELD_TEXT)
        continue;
      text = g_value_get_string (tandem_record_get_value (record, i));
      len = text != NULL ? strlen (text) : 0;
      if (len > TANDEM_MAX_TEXT_BYTES)
        {
          g_autofree char *size = format_size (len);
          g_autofree char *most = format_size (TANDEM_MAX_TEXT_BYTES);

          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                       /* Translators: %1$s is the name of a field, e.g. "Observation
                        * text"; %2$s its size, e.g. "10.0 MB"; %3$s the limit, "64 KB". */
                       _("%1$s is %2$s; the most Tandem keeps in one field is %3$s."),
                       _(fields[i].label), size, most);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
tomorrow (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);

  return g_date_time_format (next, "%Y-%m-%d");
}

static gboolean
tandem_observation_validate (TandemRecord  *record,
                             GError       **error)
{
  const char *source = tandem_record_get_text (record, "source");
  const char *observed_on = tandem_record_get_text (record, "observed_on");
  g_autofree char *latest = tomorrow ();

  if (!check_text_sizes (record, error))
    return FALSE;

  if (!g_strv_contains (sources, source))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a place an observation can come from: it is in the setting "
                     "or at home."), source);
      return FALSE;
    }

  if (g_str_equal (source, TANDEM_SOURCE_HOME) &&
      tandem_record_get_text (record, "carer_id") == NULL)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("An observation from home needs the family member it came "
                             "from."));
      return FALSE;
    }

  /* A day's grace: a keyworker in another time zone, or writing up just
   * after midnight, is not refused. */
  if (g_strcmp0 (observed_on, latest) > 0)
    {
      /* Translators: %s is a date, YYYY-MM-DD. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("The date %s is in the future. An observation is of something that has "
                     "happened."), observed_on);
      return FALSE;
    }

  if (!tandem_eyfs_codes_valid (tandem_record_get_text (record, "areas"), error) ||
      !tandem_characteristic_codes_valid (tandem_record_get_text (record, "characteristics"),
                                          error))
    return FALSE;

  return TRUE;
}

static void
tandem_observation_class_init (TandemObservationClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "observations",
                                 "observed_on DESC, created_at DESC",
                                 observation_fields, G_N_ELEMENTS (observation_fields));
  record_class->validate = tandem_observation_validate;
}

static void
tandem_observation_init (TandemObservation *self)
{
}

static void
tandem_observation_child_class_init (TandemObservationChildClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "observation_children",
                                 "created_at, id", observation_child_fields,
                                 G_N_ELEMENTS (observation_child_fields));
}

static void
tandem_observation_child_init (TandemObservationChild *self)
{
}

static gboolean
tandem_photo_validate (TandemRecord  *record,
                       GError       **error)
{
  const char *blob = tandem_record_get_text (record, "blob");
  const char *taken_at = tandem_record_get_text (record, "taken_at");

  if (!check_text_sizes (record, error))
    return FALSE;

  if (!tandem_blob_hash_is_valid (blob))
    {
      /* Translators: %s is a name taken from the database or a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not the name of a stored photo."), blob);
      return FALSE;
    }

  if (taken_at != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (taken_at, utc);

      if (time == NULL && !tandem_date_is_valid (taken_at))
        {
          /* Translators: %s is what was given as the time a photo was taken. */
          g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                       _("“%s” is not a date and time a photo can have been taken."),
                       taken_at);
          return FALSE;
        }
    }

  if (tandem_record_get_int (record, "position") < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("A photo’s position cannot be negative."));
      return FALSE;
    }

  return TRUE;
}

static void
tandem_photo_class_init (TandemPhotoClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "photos", "position, created_at, id",
                                 photo_fields, G_N_ELEMENTS (photo_fields));
  record_class->validate = tandem_photo_validate;
}

static void
tandem_photo_init (TandemPhoto *self)
{
}

static void
tandem_photo_child_class_init (TandemPhotoChildClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "photo_children",
                                 "created_at, id", photo_child_fields,
                                 G_N_ELEMENTS (photo_child_fields));
}

static void
tandem_photo_child_init (TandemPhotoChild *self)
{
}

static gboolean
tandem_comment_validate (TandemRecord  *record,
                         GError       **error)
{
  gboolean from_family = tandem_record_get_text (record, "carer_id") != NULL;
  gboolean from_practitioner = tandem_record_get_text (record, "author_id") != NULL;
  const char *via = tandem_record_get_text (record, "via");

  if (!check_text_sizes (record, error))
    return FALSE;

  if (from_family == from_practitioner)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("A comment is from one person: a family member or a "
                             "practitioner."));
      return FALSE;
    }

  if (via != NULL && !g_strv_contains (vias, via))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a way a comment can reach the setting."), via);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_comment_class_init (TandemCommentClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "comments", "commented_on, created_at, id",
                                 comment_fields, G_N_ELEMENTS (comment_fields));
  record_class->validate = tandem_comment_validate;
}

static void
tandem_comment_init (TandemComment *self)
{
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * tandem_observation_new:
 * @observed_on: (nullable): ISO date; %NULL for today
 * @text: (nullable): what was seen
 *
 * Returns: (transfer full): a new, unsaved observation made in the setting
 *   and shared with the family
 */
TandemObservation *
tandem_observation_new (const char *observed_on,
                        const char *text)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_OBSERVATION);
  g_autofree char *date = observed_on != NULL ? g_strdup (observed_on) : today ();

  tandem_record_set_text (self, "observed_on", date);
  tandem_record_set_text (self, "text", text);
  tandem_record_set_text (self, "source", TANDEM_SOURCE_SETTING);
  tandem_record_set_bool (self, "shared", TRUE);
  return TANDEM_OBSERVATION (self);
}

/**
 * tandem_comment_new:
 * @observation_id: the observation it is about
 * @text: (nullable): what was said
 *
 * Returns: (transfer full): a new, unsaved comment dated today; set either
 *   `carer_id` or `author_id`, and `via`
 */
TandemComment *
tandem_comment_new (const char *observation_id,
                    const char *text)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_COMMENT);
  g_autofree char *date = today ();

  tandem_record_set_text (self, "observation_id", observation_id);
  tandem_record_set_text (self, "commented_on", date);
  tandem_record_set_text (self, "text", text);
  return TANDEM_COMMENT (self);
}

/**
 * tandem_photo_new:
 * @blob: the blob store hash of the stored image
 *
 * Returns: (transfer full): a new, unsaved photo; tandem_journal_save_observation()
 *   sets its observation
 */
TandemPhoto *
tandem_photo_new (const char *blob)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_PHOTO);

  tandem_record_set_text (self, "blob", blob);
  return TANDEM_PHOTO (self);
}

/**
 * tandem_sources:
 *
 * Returns: (transfer none): the codes of where an observation can come
 *   from, %NULL-terminated
 */
const char * const *
tandem_sources (void)
{
  return sources;
}

/**
 * tandem_source_label:
 * @source: (nullable): a source code
 *
 * Returns: (transfer none): where an observation happened, in words
 */
const char *
tandem_source_label (const char *source)
{
  if (g_strcmp0 (source, TANDEM_SOURCE_HOME) == 0)
    /* Translators: where an observation happened. */
    return _("At home");
  /* Translators: where an observation happened. */
  return _("In the setting");
}

/**
 * tandem_comment_vias:
 *
 * Returns: (transfer none): the codes of how a comment can reach the setting,
 *   %NULL-terminated
 */
const char * const *
tandem_comment_vias (void)
{
  return vias;
}

/**
 * tandem_comment_via_label:
 * @via: (nullable): a code from tandem_comment_vias()
 *
 * Returns: (transfer none): how a comment reached the setting, in words
 */
const char *
tandem_comment_via_label (const char *via)
{
  if (g_strcmp0 (via, "conversation") == 0)
    /* Translators: how a family's comment reached the setting. */
    return _("In conversation");
  if (g_strcmp0 (via, "slip") == 0)
    /* Translators: how a family's comment reached the setting: a paper slip sent home. */
    return _("On a returned slip");
  if (g_strcmp0 (via, "family_mode") == 0)
    /* Translators: how a family's comment reached the setting: typed by the family on
     * the setting's device. */
    return _("Written by the family in Tandem");
  if (g_strcmp0 (via, "sync") == 0)
    /* Translators: how a family's comment reached the setting. */
    return _("Sent from the family’s device");
  /* Translators: how a family's comment reached the setting. */
  return _("Another way");
}
