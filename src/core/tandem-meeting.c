/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */

/* The record types of a meeting with a child's family. A meeting and its
 * parts (who is invited, the adjustments decided, the strengths to share,
 * the differing views and the agreed actions) make sense only together and
 * are saved together by tandem_meetings_save(), so they share this file. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tandem-adjustments.h"
#include "tandem-core-error.h"
#include "tandem-dates.h"
#include "tandem-meeting.h"
#include "tandem-observation.h"

struct _TandemMeeting
{
  TandemRecord parent_instance;
};

struct _TandemMeetingCarer
{
  TandemRecord parent_instance;
};

struct _TandemMeetingAdjustment
{
  TandemRecord parent_instance;
};

struct _TandemMeetingStrength
{
  TandemRecord parent_instance;
};

struct _TandemMeetingView
{
  TandemRecord parent_instance;
};

struct _TandemAction
{
  TandemRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TandemMeeting, tandem_meeting, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemMeetingCarer, tandem_meeting_carer, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemMeetingAdjustment, tandem_meeting_adjustment, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemMeetingStrength, tandem_meeting_strength, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemMeetingView, tandem_meeting_view, TANDEM_TYPE_RECORD)
G_DEFINE_FINAL_TYPE (TandemAction, tandem_action, TANDEM_TYPE_RECORD)

/* The longest a meeting can be: a day. Anything longer is a typing slip. */
#define MAX_DURATION_MINUTES (24 * 60)

static const TandemField meeting_fields[] = {
  { "child_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Child") },
  { "kind", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Kind of meeting") },
  /* Translators: whether a meeting is planned, held or cancelled. */
  { "status", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Status") },
  { "meets_on", TANDEM_FIELD_DATE, TANDEM_FIELD_REQUIRED, N_("Date") },
  { "starts_at", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Start time") },
  /* Translators: how long a meeting lasts, in minutes. */
  { "duration_minutes", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Length") },
  { "place", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Place") },
  /* Translators: how a meeting is held: in person, by phone, by video or at home. */
  { "format", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("How it is held") },
  { "invitation_sent_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Invitation sent on") },
  /* Translators: the language of the interpreter booked for a meeting. */
  { "interpreter_language", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Interpreter") },
  { "agenda", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Agenda") },
  { "concerns", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL,
    N_("Concerns") },
  { "family_wants", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("What the family wants to discuss") },
  { "what_to_bring", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("What to bring") },
  { "others_attending", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Others attending") },
  { "notes", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("Notes") },
  { "family_contributions", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT,
    N_("What the family said") },
  { "next_meeting_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Next meeting") },
  { "internal_note", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT | TANDEM_FIELD_INTERNAL,
    N_("Internal note") },
};

static const TandemField meeting_carer_fields[] = {
  { "meeting_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Meeting") },
  { "carer_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Family member") },
  /* Translators: whether an invited family member came to the meeting. */
  { "attended", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Attended") },
};

static const TandemField meeting_adjustment_fields[] = {
  { "meeting_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Meeting") },
  { "carer_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Family member") },
  /* Translators: a change made to a meeting for a family, e.g. an interpreter. */
  { "kind", TANDEM_FIELD_TEXT, TANDEM_FIELD_REQUIRED, N_("Adjustment") },
  /* Translators: whether a suggested adjustment was accepted or dismissed. */
  { "accepted", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Accepted") },
};

static const TandemField meeting_strength_fields[] = {
  { "meeting_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Meeting") },
  { "observation_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Observation") },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Position") },
};

/* The topic is required; tandem_meeting_view_validate() says so in words
 * that fit a list of views better than "Topic is required." */
static const TandemField meeting_view_fields[] = {
  { "meeting_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Meeting") },
  /* Translators: what a difference of views in a meeting was about. */
  { "topic", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Topic") },
  { "family_view", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("The family’s view") },
  { "setting_view", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("The setting’s view") },
  { "resolution", TANDEM_FIELD_TEXT, TANDEM_FIELD_LONG_TEXT, N_("How it was reconciled") },
  { "resolved", TANDEM_FIELD_BOOL, TANDEM_FIELD_NONE, N_("Reconciled") },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Position") },
};

/* What and who are required; tandem_action_validate() checks them itself to
 * name the action and say what is missing. */
static const TandemField action_fields[] = {
  { "meeting_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Meeting") },
  { "child_id", TANDEM_FIELD_REF, TANDEM_FIELD_REQUIRED, N_("Child") },
  { "what", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("What was agreed") },
  /* Translators: who agreed to do an action: the family, the setting or a professional. */
  { "owner", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Who") },
  { "owner_carer_id", TANDEM_FIELD_REF, TANDEM_FIELD_NONE, N_("Family member") },
  { "owner_name", TANDEM_FIELD_TEXT, TANDEM_FIELD_NONE, N_("Name") },
  { "due_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("By when") },
  { "done_on", TANDEM_FIELD_DATE, TANDEM_FIELD_NONE, N_("Done on") },
  { "position", TANDEM_FIELD_INT, TANDEM_FIELD_NONE, N_("Position") },
};

static const char * const kinds[] = {
  "settling_in", "progress_review", "two_year_check", "plan_review", "transition",
  "parents_evening", "other", NULL
};

static const char * const formats[] = { "in_person", "phone", "video", "home_visit", NULL };

static const char * const statuses[] = {
  TANDEM_MEETING_PLANNED, TANDEM_MEETING_HELD, TANDEM_MEETING_CANCELLED, NULL
};

static const char * const owners[] = {
  TANDEM_ACTION_OWNER_CARER, TANDEM_ACTION_OWNER_SETTING, TANDEM_ACTION_OWNER_PROFESSIONAL,
  NULL
};

static const char * const adjustment_kinds[] = {
  TANDEM_ADJUSTMENT_INVITATION_LANGUAGE, TANDEM_ADJUSTMENT_INTERPRETER,
  TANDEM_ADJUSTMENT_NOTICE, TANDEM_ADJUSTMENT_OUTSIDE_WORKING,
  TANDEM_ADJUSTMENT_REMOTE_OR_HOME, TANDEM_ADJUSTMENT_SPOKEN_INVITATION,
  TANDEM_ADJUSTMENT_SHORT_MEETING, TANDEM_ADJUSTMENT_FITS_COMMITMENTS,
  TANDEM_ADJUSTMENT_SUPPORT_PERSON, TANDEM_ADJUSTMENT_CULTURE,
  TANDEM_ADJUSTMENT_PLAIN_WORDS, TANDEM_ADJUSTMENT_OWN_NEEDS, NULL
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

/* As in the journal: every text field is kept to TANDEM_MAX_TEXT_BYTES, so a
 * pasted 10 MB text is refused with its size rather than stored. */
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
                       /* Translators: %1$s is the name of a field, e.g. "Notes"; %2$s
                        * its size, e.g. "10.0 MB"; %3$s the limit, "64 KB". */
                       _("%1$s is %2$s; the most Tandem keeps in one field is %3$s."),
                       _(fields[i].label), size, most);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_position (TandemRecord  *record,
                GError       **error)
{
  if (tandem_record_get_int (record, "position") < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("A position in a list cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

/* The day number of an ISO date, or 0 when it is not one. */
static guint32
julian (const char *iso_date)
{
  GDate date;
  int y, m, d;

  if (iso_date == NULL || !tandem_date_is_valid (iso_date) ||
      sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_valid (&date) ? g_date_get_julian (&date) : 0;
}

/* "HH:MM" on the 24-hour clock. */
static gboolean
is_time_of_day (const char *text)
{
  return strlen (text) == 5 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         text[2] == ':' && g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) &&
         (text[0] - '0') * 10 + (text[1] - '0') < 24 && text[3] < '6';
}

static char *
tomorrow (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);

  return g_date_time_format (next, "%Y-%m-%d");
}

/* An action's words, cut short enough to quote in a message. */
static char *
quote_text (const char *text)
{
  g_autofree char *line = g_strdup (text != NULL ? text : "");
  GString *out;

  g_strdelimit (line, "\r\n\t", ' ');
  g_strstrip (line);
  if (g_utf8_strlen (line, -1) <= 40)
    return g_steal_pointer (&line);

  out = g_string_new (NULL);
  g_string_append_len (out, line, g_utf8_offset_to_pointer (line, 39) - line);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static gboolean
tandem_meeting_validate (TandemRecord  *record,
                         GError       **error)
{
  const char *kind = tandem_record_get_text (record, "kind");
  const char *status = tandem_record_get_text (record, "status");
  const char *format = tandem_record_get_text (record, "format");
  const char *starts_at = tandem_record_get_text (record, "starts_at");
  const char *meets_on = tandem_record_get_text (record, "meets_on");
  const char *sent_on = tandem_record_get_text (record, "invitation_sent_on");
  const char *next_on = tandem_record_get_text (record, "next_meeting_on");
  gint64 duration = tandem_record_get_int (record, "duration_minutes");
  g_autofree char *latest = tomorrow ();

  if (!check_text_sizes (record, error))
    return FALSE;

  if (!g_strv_contains (kinds, kind))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a kind of meeting."), kind);
      return FALSE;
    }

  if (!g_strv_contains (statuses, status))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not the state of a meeting: it is planned, held or cancelled."),
                   status);
      return FALSE;
    }

  if (format != NULL && !g_strv_contains (formats, format))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a way of holding a meeting."), format);
      return FALSE;
    }

  if (starts_at != NULL && !is_time_of_day (starts_at))
    {
      /* Translators: %s is what was given as the start time. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a time of day. Write the start time on the 24-hour clock, "
                     "e.g. 09:30 or 15:15."), starts_at);
      return FALSE;
    }

  if (duration < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("The meeting ends before it starts. Check the start and end "
                             "times."));
      return FALSE;
    }

  if (duration > MAX_DURATION_MINUTES)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("A meeting cannot last longer than a day. Check the start and end "
                             "times."));
      return FALSE;
    }

  if (sent_on != NULL && g_strcmp0 (sent_on, meets_on) > 0)
    {
      g_autofree char *sent = tandem_date_format_long (sent_on);
      g_autofree char *meets = tandem_date_format_long (meets_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s and %2$s are dates, e.g. "14 March 2026". */
                   _("The invitation cannot have been sent on %1$s, after the meeting on "
                     "%2$s."), sent, meets);
      return FALSE;
    }

  if (next_on != NULL && g_strcmp0 (next_on, meets_on) < 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("The next meeting cannot be before this one."));
      return FALSE;
    }

  /* A day's grace, as for observations: someone writing up just after
   * midnight, or in another time zone, is not refused. */
  if (g_strcmp0 (status, TANDEM_MEETING_HELD) == 0 && g_strcmp0 (meets_on, latest) > 0)
    {
      g_autofree char *meets = tandem_date_format_long (meets_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is a date, e.g. "14 March 2026". */
                   _("The meeting on %s has not happened yet, so it cannot be recorded as "
                     "held."), meets);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_meeting_class_init (TandemMeetingClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  /* Oldest first, and within a day by time, a meeting with no time last. */
  tandem_record_class_set_table (record_class, "meetings",
                                 "meets_on, ifnull (starts_at, '99:99'), created_at, id",
                                 meeting_fields, G_N_ELEMENTS (meeting_fields));
  record_class->validate = tandem_meeting_validate;
}

static void
tandem_meeting_init (TandemMeeting *self)
{
}

static void
tandem_meeting_carer_class_init (TandemMeetingCarerClass *klass)
{
  tandem_record_class_set_table (TANDEM_RECORD_CLASS (klass), "meeting_carers",
                                 "created_at, id", meeting_carer_fields,
                                 G_N_ELEMENTS (meeting_carer_fields));
}

static void
tandem_meeting_carer_init (TandemMeetingCarer *self)
{
}

static gboolean
tandem_meeting_adjustment_validate (TandemRecord  *record,
                                    GError       **error)
{
  const char *kind = tandem_record_get_text (record, "kind");

  if (!g_strv_contains (adjustment_kinds, kind))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not a kind of adjustment to a meeting."), kind);
      return FALSE;
    }
  return TRUE;
}

static void
tandem_meeting_adjustment_class_init (TandemMeetingAdjustmentClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "meeting_adjustments", "created_at, id",
                                 meeting_adjustment_fields,
                                 G_N_ELEMENTS (meeting_adjustment_fields));
  record_class->validate = tandem_meeting_adjustment_validate;
}

static void
tandem_meeting_adjustment_init (TandemMeetingAdjustment *self)
{
}

static void
tandem_meeting_strength_class_init (TandemMeetingStrengthClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "meeting_strengths",
                                 "position, created_at, id", meeting_strength_fields,
                                 G_N_ELEMENTS (meeting_strength_fields));
  record_class->validate = check_position;
}

static void
tandem_meeting_strength_init (TandemMeetingStrength *self)
{
}

static gboolean
tandem_meeting_view_validate (TandemRecord  *record,
                              GError       **error)
{
  const char *topic = tandem_record_get_text (record, "topic");

  if (!check_text_sizes (record, error) || !check_position (record, error))
    return FALSE;

  if (topic == NULL || *topic == '\0')
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Each differing view needs a topic: what the views were "
                             "about."));
      return FALSE;
    }

  return TRUE;
}

static void
tandem_meeting_view_class_init (TandemMeetingViewClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "meeting_views", "position, created_at, id",
                                 meeting_view_fields, G_N_ELEMENTS (meeting_view_fields));
  record_class->validate = tandem_meeting_view_validate;
}

static void
tandem_meeting_view_init (TandemMeetingView *self)
{
}

static gboolean
tandem_action_validate (TandemRecord  *record,
                        GError       **error)
{
  const char *what = tandem_record_get_text (record, "what");
  const char *owner = tandem_record_get_text (record, "owner");
  g_autofree char *quoted = NULL;

  if (!check_text_sizes (record, error) || !check_position (record, error))
    return FALSE;

  if (what == NULL || *what == '\0')
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Each action needs what was agreed."));
      return FALSE;
    }

  quoted = quote_text (what);

  if (owner == NULL)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is an agreed action, e.g. "Book a hearing test". */
                   _("Say who will do “%s”: the family, the setting or a named "
                     "professional."), quoted);
      return FALSE;
    }

  if (!g_strv_contains (owners, owner))
    {
      /* Translators: %s is an unrecognised value from a file. */
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   _("“%s” is not someone who can take on an action."), owner);
      return FALSE;
    }

  if (g_str_equal (owner, TANDEM_ACTION_OWNER_CARER) &&
      tandem_record_get_text (record, "owner_carer_id") == NULL)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is an agreed action, e.g. "Book a hearing test". */
                   _("Choose which family member will do “%s”."), quoted);
      return FALSE;
    }

  if (g_str_equal (owner, TANDEM_ACTION_OWNER_PROFESSIONAL) &&
      tandem_record_get_text (record, "owner_name") == NULL)
    {
      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is an agreed action, e.g. "Book a hearing test". */
                   _("Name the professional who will do “%s”, e.g. “Ruth Hale, speech and "
                     "language therapist”."), quoted);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_action_class_init (TandemActionClass *klass)
{
  TandemRecordClass *record_class = TANDEM_RECORD_CLASS (klass);

  tandem_record_class_set_table (record_class, "actions", "position, created_at, id",
                                 action_fields, G_N_ELEMENTS (action_fields));
  record_class->validate = tandem_action_validate;
}

static void
tandem_action_init (TandemAction *self)
{
}

/**
 * tandem_meeting_new:
 * @child_id: the child the meeting is about
 * @kind: one of tandem_meeting_kinds()
 * @meets_on: (nullable): ISO date; %NULL for today
 *
 * Returns: (transfer full): a new, unsaved meeting, planned, in person
 */
TandemMeeting *
tandem_meeting_new (const char *child_id,
                    const char *kind,
                    const char *meets_on)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_MEETING);
  g_autofree char *date = meets_on != NULL ? g_strdup (meets_on) : tandem_date_today ();

  tandem_record_set_text (self, "child_id", child_id);
  tandem_record_set_text (self, "kind", kind);
  tandem_record_set_text (self, "status", TANDEM_MEETING_PLANNED);
  tandem_record_set_text (self, "meets_on", date);
  tandem_record_set_text (self, "format", "in_person");
  return TANDEM_MEETING (self);
}

/**
 * tandem_action_new:
 * @meeting_id: (nullable): the meeting it was agreed at; tandem_meetings_save()
 *   sets it
 * @child_id: (nullable): the meeting's child; tandem_meetings_save() sets it
 * @what: (nullable): what was agreed
 * @owner: (nullable): one of tandem_action_owners()
 *
 * Returns: (transfer full): a new, unsaved, open action
 */
TandemAction *
tandem_action_new (const char *meeting_id,
                   const char *child_id,
                   const char *what,
                   const char *owner)
{
  TandemRecord *self = tandem_record_new (TANDEM_TYPE_ACTION);

  tandem_record_set_text (self, "meeting_id", meeting_id);
  tandem_record_set_text (self, "child_id", child_id);
  tandem_record_set_text (self, "what", what);
  tandem_record_set_text (self, "owner", owner);
  return TANDEM_ACTION (self);
}

/**
 * tandem_meeting_kinds:
 *
 * Returns: (transfer none): the codes of the kinds of meeting, %NULL-terminated
 */
const char * const *
tandem_meeting_kinds (void)
{
  return kinds;
}

/**
 * tandem_meeting_kind_label:
 * @kind: (nullable): a code from tandem_meeting_kinds()
 *
 * Returns: (transfer none): the kind of meeting, in words; an unknown code
 *   itself, or an empty string for %NULL
 */
const char *
tandem_meeting_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "settling_in") == 0)
    return _("Settling-in meeting");
  if (g_strcmp0 (kind, "progress_review") == 0)
    return _("Progress review");
  if (g_strcmp0 (kind, "two_year_check") == 0)
    /* Translators: the EYFS progress check at age two, a statutory review in England. */
    return _("Two-year progress check");
  if (g_strcmp0 (kind, "plan_review") == 0)
    /* Translators: a review of a child's SEN support plan. */
    return _("Support plan review");
  if (g_strcmp0 (kind, "transition") == 0)
    /* Translators: a meeting about a child moving on, e.g. to school or another room. */
    return _("Transition meeting");
  if (g_strcmp0 (kind, "parents_evening") == 0)
    return _("Parents’ evening");
  if (g_strcmp0 (kind, "other") == 0)
    /* Translators: a kind of meeting not otherwise listed. */
    return _("Other meeting");
  return kind != NULL ? kind : "";
}

/**
 * tandem_meeting_formats:
 *
 * Returns: (transfer none): the codes of the ways a meeting is held,
 *   %NULL-terminated
 */
const char * const *
tandem_meeting_formats (void)
{
  return formats;
}

/**
 * tandem_meeting_format_label:
 * @format: (nullable): a code from tandem_meeting_formats()
 *
 * Returns: (transfer none): how a meeting is held, in words
 */
const char *
tandem_meeting_format_label (const char *format)
{
  if (g_strcmp0 (format, "in_person") == 0)
    /* Translators: how a meeting is held. */
    return _("In person");
  if (g_strcmp0 (format, "phone") == 0)
    /* Translators: how a meeting is held. */
    return _("Phone call");
  if (g_strcmp0 (format, "video") == 0)
    /* Translators: how a meeting is held. */
    return _("Video call");
  if (g_strcmp0 (format, "home_visit") == 0)
    /* Translators: how a meeting is held: at the family's home. */
    return _("Home visit");
  return format != NULL ? format : "";
}

/**
 * tandem_meeting_statuses:
 *
 * Returns: (transfer none): the states of a meeting, %NULL-terminated
 */
const char * const *
tandem_meeting_statuses (void)
{
  return statuses;
}

/**
 * tandem_meeting_status_label:
 * @status: (nullable): a code from tandem_meeting_statuses()
 *
 * Returns: (transfer none): the state of a meeting, in words
 */
const char *
tandem_meeting_status_label (const char *status)
{
  if (g_strcmp0 (status, TANDEM_MEETING_PLANNED) == 0)
    /* Translators: the state of a meeting that has not happened yet. */
    return C_("meeting", "Planned");
  if (g_strcmp0 (status, TANDEM_MEETING_HELD) == 0)
    /* Translators: the state of a meeting that has happened. */
    return C_("meeting", "Held");
  if (g_strcmp0 (status, TANDEM_MEETING_CANCELLED) == 0)
    /* Translators: the state of a meeting. */
    return C_("meeting", "Cancelled");
  return status != NULL ? status : "";
}

/**
 * tandem_action_owners:
 *
 * Returns: (transfer none): who can take on an action, %NULL-terminated
 */
const char * const *
tandem_action_owners (void)
{
  return owners;
}

/**
 * tandem_action_owner_label:
 * @owner: (nullable): a code from tandem_action_owners()
 *
 * Returns: (transfer none): who takes on an action, in words
 */
const char *
tandem_action_owner_label (const char *owner)
{
  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_CARER) == 0)
    /* Translators: who will do an agreed action. */
    return _("The family");
  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_SETTING) == 0)
    /* Translators: who will do an agreed action: the nursery or school. */
    return _("The setting");
  if (g_strcmp0 (owner, TANDEM_ACTION_OWNER_PROFESSIONAL) == 0)
    /* Translators: who will do an agreed action, e.g. a speech and language therapist. */
    return _("A named professional");
  return owner != NULL ? owner : "";
}

/**
 * tandem_meeting_get_notice_given:
 * @self: a meeting
 *
 * Returns: the days between the invitation being sent and the meeting (0
 *   for an invitation sent on the day), or -1 when either date is not set
 */
int
tandem_meeting_get_notice_given (TandemMeeting *self)
{
  guint32 meets, sent;

  g_return_val_if_fail (TANDEM_IS_MEETING (self), -1);

  meets = julian (tandem_record_get_text (TANDEM_RECORD (self), "meets_on"));
  sent = julian (tandem_record_get_text (TANDEM_RECORD (self), "invitation_sent_on"));
  if (meets == 0 || sent == 0)
    return -1;
  /* An invitation dated after the meeting is refused when saving; until
   * then it gave no notice at all. */
  return meets >= sent ? (int) (meets - sent) : 0;
}

/**
 * tandem_meeting_check_planned:
 * @self: a meeting
 * @today: ISO date
 * @error: where to put why not
 *
 * A meeting being prepared must not be dated in the past. The record itself
 * allows it (a synced or imported history must load), so the editor asks
 * this before saving a planned meeting.
 *
 * Returns: %TRUE unless @self is planned and dated before @today
 */
gboolean
tandem_meeting_check_planned (TandemMeeting  *self,
                              const char     *today,
                              GError        **error)
{
  const char *meets_on;

  g_return_val_if_fail (TANDEM_IS_MEETING (self), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  meets_on = tandem_record_get_text (TANDEM_RECORD (self), "meets_on");
  if (g_strcmp0 (tandem_record_get_text (TANDEM_RECORD (self), "status"),
                 TANDEM_MEETING_PLANNED) == 0 &&
      meets_on != NULL && strcmp (meets_on, today) < 0)
    {
      g_autofree char *date = tandem_date_format_long (meets_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %s is a date, e.g. "14 March 2026". */
                   _("%s has passed. Choose a date from today on, or record the meeting as "
                     "held."), date);
      return FALSE;
    }

  return TRUE;
}

/**
 * tandem_action_check_due:
 * @action: an action
 * @meeting: the meeting it was agreed at
 * @error: where to put why not
 *
 * Returns: %TRUE unless @action is due before @meeting took place
 */
gboolean
tandem_action_check_due (TandemAction   *action,
                         TandemMeeting  *meeting,
                         GError        **error)
{
  const char *due_on, *meets_on;

  g_return_val_if_fail (TANDEM_IS_ACTION (action), FALSE);
  g_return_val_if_fail (TANDEM_IS_MEETING (meeting), FALSE);

  due_on = tandem_record_get_text (TANDEM_RECORD (action), "due_on");
  meets_on = tandem_record_get_text (TANDEM_RECORD (meeting), "meets_on");
  if (due_on != NULL && meets_on != NULL && strcmp (due_on, meets_on) < 0)
    {
      g_autofree char *quoted = quote_text (tandem_record_get_text (TANDEM_RECORD (action),
                                                                    "what"));
      g_autofree char *due = tandem_date_format_long (due_on);
      g_autofree char *meets = tandem_date_format_long (meets_on);

      g_set_error (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                   /* Translators: %1$s is an agreed action, %2$s and %3$s dates, e.g.
                    * "14 March 2026". */
                   _("“%1$s” is due on %2$s, before the meeting on %3$s. Choose a date on or "
                     "after the meeting."), quoted, due, meets);
      return FALSE;
    }

  return TRUE;
}
