/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-adjustments.h"
#include "tandem-demo-private.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-records.h"

/* Meetings with families in the sample setting: a term's worth, past and to
 * come, dated from the day the demo is made so that there is always
 * something this week and next. They show what the app is for: notice and
 * interpreters arranged around each family, the family's own words, views
 * that differed and how they were settled (or not yet), and actions that
 * were done, are still to do, or are late. Sample content, not interface
 * text, so not translated. */

/* An invitation not sent yet. */
#define NOT_SENT 1000

typedef struct {
  int         carer;            /* index of the child's carer */
  const char *kind;
  gboolean    accepted;
} DemoDecision;

typedef struct {
  const char *topic;
  const char *family_view;
  const char *setting_view;
  const char *resolution;
  gboolean    resolved;
} DemoView;

typedef struct {
  const char *what;
  const char *owner;
  int         carer;            /* for a family member: the carer's index */
  const char *owner_name;
  int         due;              /* days after the meeting; 0: no date */
  int         done;             /* days after the meeting it was done; -1: open */
} DemoAction;

typedef struct {
  const char   *child;          /* the child's name as the app shows it */
  const char   *kind;
  const char   *status;
  int           days;           /* from today; moved off a weekend */
  const char   *starts_at;
  int           duration;
  const char   *format;
  const char   *place;
  int           sent;           /* days from today the invitation went; NOT_SENT */
  const char   *interpreter;
  guint         invited;        /* carers by index, as bits */
  guint         attended;
  const char   *agenda;
  const char   *concerns;
  const char   *family_wants;
  const char   *what_to_bring;
  const char   *others;
  const char   *notes;
  const char   *contributions;
  const char   *internal_note;
  int           next_after;     /* days after the meeting; 0: none set */
  guint         n_strengths;
  DemoDecision  decisions[4];
  DemoView      views[2];
  DemoAction    actions[4];
} DemoMeeting;

#define P TANDEM_MEETING_PLANNED
#define H TANDEM_MEETING_HELD
#define C TANDEM_MEETING_CANCELLED

static const DemoMeeting demo_meetings[] = {
  /* Last month's progress review: the family's own words, one view
   * reconciled and one still open, and actions done, open and late. */
  {
    .child = "Ibrahim", .kind = "progress_review", .status = H, .days = -33,
    .starts_at = "13:30", .duration = 45, .format = "in_person",
    .place = "The family room", .sent = -47, .invited = 0x3, .attended = 0x3,
    .agenda = "1. What Ibrahim enjoys and is proud of\n"
              "2. How the small-group language sessions are going\n"
              "3. Talking Bengali and English at home and at nursery\n"
              "4. Sleep and bedtimes\n"
              "5. Next steps, and who will do what",
    .concerns = "Still mostly single words in English; understands far more than he says. "
                "Rhian’s last report is six months old.",
    .family_wants = "Shamima asked (at pick-up, two weeks before) to talk about whether "
                    "speaking Bengali at home is holding his English back, and about his "
                    "sleep.",
    .others = "Nia Roberts (SENCO and keyworker); Rhian Parry, speech and language therapist, "
              "for the first 20 minutes by phone",
    .notes = "Ibrahim now joins in the group sessions without being asked and copies his "
             "friends’ words. He is using two-word phrases in English at snack time (“more "
             "apple”, “my turn”). Rhian is pleased with his understanding and wants to "
             "reassess his talking before the next review.\n\n"
             "Bedtimes are better since the family started a picture routine.",
    .contributions = "Shamima: “At home he talks to his little sister all the time in Bengali "
                     "— little sentences now, not just words. He sings your tidy-up song in "
                     "the bath.”\n\n"
                     "Faruk: “He is much calmer at bedtime since we use the pictures. We want "
                     "him to be ready for school, so we want him to talk more in English.”",
    .next_after = 91, .n_strengths = 2,
    .decisions = {
      { 0, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE, TRUE },
      { 0, TANDEM_ADJUSTMENT_FITS_COMMITMENTS, TRUE },
      { 1, TANDEM_ADJUSTMENT_OUTSIDE_WORKING, TRUE },
    },
    .views = {
      { "Speaking Bengali at home",
        "Shamima worried that speaking Bengali at home confuses Ibrahim and thought the family "
        "should switch to English.",
        "Nia and Rhian explained that a strong home language helps children learn English, and "
        "that Ibrahim’s Bengali sentences are a very good sign.",
        "Agreed the family keeps talking Bengali at home. Nursery will send home the week’s key "
        "words in Bengali and English so that everyone uses the same ones.",
        TRUE },
      { "Daily one-to-one speech sessions",
        "Faruk would like Ibrahim to have a one-to-one session every day before he starts "
        "school.",
        "Nia thinks the small-group sessions three times a week help him most, because he "
        "copies his friends, and there are not the staff for daily one-to-one.",
        "Not settled yet: to look at again at the next review, once Rhian has reassessed "
        "Ibrahim.",
        FALSE },
    },
    .actions = {
      { "Send home the week’s key words in Bengali and English", TANDEM_ACTION_OWNER_SETTING,
        0, "Nia Roberts", 14, 11 },
      { "Reassess Ibrahim’s speech and language and share the report with the family and Nia",
        TANDEM_ACTION_OWNER_PROFESSIONAL, 0, "Rhian Parry, speech and language therapist", 28,
        -1 },
      { "Bring in photos of the bedtime picture routine, so nursery can use the same pictures "
        "at rest time", TANDEM_ACTION_OWNER_CARER, 0, NULL, 45, -1 },
    },
  },

  /* The two-year check coming up, with a Polish interpreter booked for a
   * father who works nights. */
  {
    .child = "Kacper", .kind = "two_year_check", .status = P, .days = 12,
    .starts_at = "15:30", .duration = 45, .format = "in_person", .place = "Ladybirds room",
    .sent = -2, .interpreter = "pl", .invited = 0x3,
    .agenda = "1. How Kacper is getting on: talking, moving, playing with friends, looking "
              "after himself\n"
              "2. The two-year progress check summary (you will have a copy in Polish)\n"
              "3. What you have noticed at home\n"
              "4. Anything you would like to ask",
    .concerns = "Plays alongside other children more than with them; finds waiting for a turn "
                "hard. Watch turn-taking over the next week.",
    .family_wants = "Agnieszka would like to talk about Kacper using English words at nursery "
                    "but only Polish at home, and whether that is all right.",
    .what_to_bring = "Kacper’s red book (personal child health record), if you have it",
    .others = "Joanna Kowalczyk (keyworker); a Polish interpreter from the council’s "
              "interpreting service, so that Joanna can concentrate on Kacper",
    .internal_note = "Interpreter booking reference CIS-20417. Tomasz sleeps until 2pm after "
                     "nights: do not move the meeting earlier.",
    .n_strengths = 2,
    .decisions = {
      { 0, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE, TRUE },
      { 1, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE, TRUE },
      { 1, TANDEM_ADJUSTMENT_INTERPRETER, TRUE },
      { 1, TANDEM_ADJUSTMENT_OUTSIDE_WORKING, TRUE },
    },
  },

  /* Next week's settling-in meeting, with a BSL interpreter for Noah's dad. */
  {
    .child = "Noah", .kind = "settling_in", .status = P, .days = 8,
    .starts_at = "16:00", .duration = 30, .format = "in_person", .place = "Caterpillars room",
    .sent = -3, .interpreter = "bfi", .invited = 0x3,
    .agenda = "1. How Noah’s first weeks have gone\n"
              "2. Sleep, feeds and comforters\n"
              "3. Signs the staff can learn to use with Noah\n"
              "4. Anything that worries you",
    .family_wants = "Rebecca would like to know how Noah sleeps at nursery. Chinedu would like "
                    "the staff to learn a few signs to use with Noah.",
    .what_to_bring = "Noah’s comforter, if he has a spare",
    .others = "Aisha Begum (keyworker); a BSL interpreter",
    .decisions = {
      { 1, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE, FALSE },
      { 1, TANDEM_ADJUSTMENT_INTERPRETER, TRUE },
      { 1, TANDEM_ADJUSTMENT_OWN_NEEDS, TRUE },
    },
  },

  /* Harry's move to school: the invitation went late, so the notice is
   * shorter than his mum needs, and the app says so. */
  {
    .child = "Harry", .kind = "transition", .status = P, .days = 7,
    .starts_at = "10:00", .duration = 60, .format = "in_person", .place = "Owls room",
    .sent = 0, .invited = 0x3,
    .agenda = "1. Harry’s strengths and what helps him\n"
              "2. Visits to school before September\n"
              "3. Makaton at school\n"
              "4. Updating his EHC plan for the move",
    .concerns = "School has not yet confirmed the one-to-one support named in the EHC plan.",
    .family_wants = "Gemma and Liam want to know who will help Harry at lunchtimes, and "
                    "whether the school staff will learn Makaton.",
    .what_to_bring = "Harry’s latest physiotherapy programme",
    .others = "Nia Roberts (SENCO); Rhian Parry, speech and language therapist; Mrs Pritchard, "
              "reception teacher at Heol y Nant Primary School",
    .internal_note = "The school confirmed the date late, so the invitation went with less "
                     "than Gemma’s 10 days’ notice. Offer another date if she cannot get the "
                     "time off.",
    .n_strengths = 3,
    .decisions = {
      { 0, TANDEM_ADJUSTMENT_NOTICE, TRUE },
      { 0, TANDEM_ADJUSTMENT_SHORT_MEETING, TRUE },
    },
  },

  /* This week. */
  {
    .child = "Alfie", .kind = "plan_review", .status = P, .days = 2,
    .starts_at = "09:15", .duration = 30, .format = "phone", .sent = -6, .invited = 0x1,
    .agenda = "1. How the physiotherapy exercises in outdoor play are going\n"
              "2. Rest breaks, and stairs\n"
              "3. New targets for next term",
    .family_wants = "Stacey asked by text whether Alfie can have a chair for carpet time.",
    .others = "Nia Roberts (SENCO)",
    .decisions = {
      { 0, TANDEM_ADJUSTMENT_OUTSIDE_WORKING, TRUE },
      { 0, TANDEM_ADJUSTMENT_FITS_COMMITMENTS, TRUE },
    },
  },
  {
    .child = "Liban", .kind = "progress_review", .status = P, .days = 4,
    .starts_at = "14:00", .duration = 30, .format = "home_visit", .place = "At home",
    .sent = -10, .invited = 0x3,
    .agenda = "1. Liban’s friendships in Owls\n"
              "2. Counting and early writing\n"
              "3. Getting ready for school",
    .others = "Nia Roberts (keyworker); Tomos Griffiths",
    .decisions = {
      { 0, TANDEM_ADJUSTMENT_INVITATION_LANGUAGE, TRUE },
      { 0, TANDEM_ADJUSTMENT_REMOTE_OR_HOME, TRUE },
    },
  },

  /* Earlier meetings. */
  {
    .child = "Zofia", .kind = "settling_in", .status = H, .days = -219,
    .starts_at = "10:00", .duration = 30, .format = "in_person", .place = "Caterpillars room",
    .sent = -233, .interpreter = "pl", .invited = 0x3, .attended = 0x3,
    .agenda = "How Zofia’s first three weeks have gone; sleep, milk and comfort.",
    .others = "Bethan Llewellyn (keyworker); a Polish interpreter",
    .notes = "Zofia is settling well. She cries briefly at drop-off and is comforted by being "
             "carried to the window to wave. She sleeps best in the quiet room.",
    .contributions = "Katarzyna: “She naps best with her muślin and some quiet music.”\n\n"
                     "Piotr, through the interpreter: “At home we speak only Polish. We want "
                     "her to learn English here, but not to lose her Polish.”",
    .decisions = {
      { 1, TANDEM_ADJUSTMENT_INTERPRETER, TRUE },
      { 1, TANDEM_ADJUSTMENT_OUTSIDE_WORKING, TRUE },
    },
    .actions = {
      { "Learn a few Polish comfort words (“mama”, “tata”, “spać”) to use with Zofia",
        TANDEM_ACTION_OWNER_SETTING, 0, "Bethan Llewellyn", 7, 4 },
      { "Bring in a spare muślin to keep in Zofia’s cot drawer", TANDEM_ACTION_OWNER_CARER,
        0, NULL, 7, 2 },
    },
  },
  {
    .child = "Cerys", .kind = "plan_review", .status = H, .days = -60,
    .starts_at = "17:30", .duration = 45, .format = "in_person", .place = "Owls room",
    .sent = -70, .invited = 0x3, .attended = 0x1,
    .agenda = "Review of Cerys’s SEN support plan: changes of activity, and her assessment.",
    .others = "Nia Roberts (SENCO and keyworker)",
    .notes = "The visual timetable is working well at nursery: Cerys now moves from the "
             "carpet to snack with a one-minute warning and the picture. Owain could not come "
             "(work); Heledd will share the notes with him.",
    .contributions = "Heledd: “She lines up her trains every morning and tells me their "
                     "names in Welsh. The big timetable was too much at home — she pulled all "
                     "the pictures off.”",
    .next_after = 120, .n_strengths = 1,
    .views = {
      { "A visual timetable at home",
        "Heledd found the full timetable too much at home.",
        "Nia thought using the same timetable at home and at nursery would help Cerys with "
        "changes.",
        "Agreed a short ‘now and next’ strip for home instead, with pictures of Cerys’s own "
        "things.",
        TRUE },
    },
    .actions = {
      { "Make a ‘now and next’ strip for home with photos of Cerys’s own things",
        TANDEM_ACTION_OWNER_SETTING, 0, "Nia Roberts", 7, 5 },
      { "Send the date of Cerys’s neurodevelopmental assessment to the family",
        TANDEM_ACTION_OWNER_PROFESSIONAL, 0, "Dr Catrin Bowen, community paediatrician", 28,
        33 },
      { "Try the ‘now and next’ strip at bedtime and tell Nia how it goes",
        TANDEM_ACTION_OWNER_CARER, 0, NULL, 90, -1 },
    },
  },
  {
    .child = "Freddie", .kind = "progress_review", .status = H, .days = -20,
    .starts_at = "15:00", .duration = 20, .format = "in_person",
    .place = "The family room, with a cup of tea", .sent = -27, .invited = 0x3,
    .attended = 0x3,
    .agenda = "A short, friendly catch-up about how Freddie is doing.",
    .others = "Bethan Llewellyn (keyworker)",
    .notes = "Freddie is settling after sleep more quickly now that he has the same cot and "
             "blanket every day. Kelly and Lisa agreed to use the same lullaby.",
    .contributions = "Kelly: “He always settles when I sing to him. It’s ‘Twinkle, twinkle’, "
                     "nothing fancy.”\n\n"
                     "Lisa: “We’ve started singing it at home too.”",
    .internal_note = "Checked with Dan Evans (social worker) before the meeting; no concerns "
                     "about sharing these notes with Kelly.",
    .decisions = {
      { 0, TANDEM_ADJUSTMENT_SUPPORT_PERSON, TRUE },
      { 0, TANDEM_ADJUSTMENT_PLAIN_WORDS, TRUE },
      { 1, TANDEM_ADJUSTMENT_FITS_COMMITMENTS, TRUE },
    },
    .actions = {
      { "Bring in photos from contact visits to add to Freddie’s journal",
        TANDEM_ACTION_OWNER_CARER, 0, NULL, 30, -1 },
      { "Sing ‘Twinkle, twinkle’ at every nap time", TANDEM_ACTION_OWNER_SETTING, 0,
        "Bethan Llewellyn", 1, 1 },
    },
  },
  {
    .child = "Sasha", .kind = "parents_evening", .status = C, .days = -14,
    .starts_at = "17:00", .duration = 15, .format = "in_person", .place = "Owls room",
    .sent = -30, .invited = 0x1,
    .notes = "Cancelled: Iryna’s shift changed at the last minute. Tomos caught up with her "
             "at pick-up instead.",
  },
};

typedef struct {
  TandemStore  *store;
  GDate         today;
  GPtrArray    *kids;
} Demo;

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* @days from today, moved off a weekend: nurseries meet families on
 * weekdays. Past dates move back, future ones forward, so a meeting never
 * crosses today. */
static GDate
weekday (const GDate *today,
         int          days)
{
  GDate date = *today;

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);

  while (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
    {
      if (days > 0)
        g_date_add_days (&date, 1);
      else
        g_date_subtract_days (&date, 1);
    }
  return date;
}

static char *
days_after (const GDate *date,
            int          days)
{
  GDate later = *date;

  g_date_add_days (&later, (guint) days);
  return iso (&later);
}

static TandemDemoKid *
find_kid (GPtrArray  *kids,
          const char *name)
{
  for (guint i = 0; i < kids->len; i++)
    {
      TandemDemoKid *kid = g_ptr_array_index (kids, i);

      if (g_str_equal (kid->name, name))
        return kid;
    }
  return NULL;
}

/* Strengths come from the child's own shared journal before the meeting. */
static gboolean
pick_strengths (Demo                *demo,
                TandemDemoKid       *kid,
                const char          *before,
                guint                n,
                TandemMeetingParts  *parts,
                GError             **error)
{
  TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
  g_autoptr(GPtrArray) ids = NULL;

  if (n == 0)
    return TRUE;

  filter.shared = 1;
  filter.to = before;
  ids = tandem_journal_list_ids (demo->store, kid->id, &filter, error);
  if (ids == NULL)
    return FALSE;
  /* Every other one, for a spread rather than one week's. */
  for (guint i = 0; i < ids->len && parts->strength_ids->len < n; i += 2)
    g_ptr_array_add (parts->strength_ids, g_strdup (g_ptr_array_index (ids, i)));
  return TRUE;
}

static gboolean
add_meeting (Demo               *demo,
             const DemoMeeting  *spec,
             GError            **error)
{
  TandemDemoKid *kid = find_kid (demo->kids, spec->child);
  GDate date = weekday (&demo->today, spec->days);
  g_autofree char *meets_on = iso (&date);
  g_autoptr(TandemMeeting) meeting = NULL;
  g_autoptr(TandemMeetingParts) parts = tandem_meeting_parts_new ();
  TandemRecord *record;

  /* The demo's children are fixed; a name missing here is a mistake in
   * this file, not in anyone's data. */
  g_return_val_if_fail (kid != NULL, FALSE);

  meeting = tandem_meeting_new (kid->id, spec->kind, meets_on);
  record = TANDEM_RECORD (meeting);
  tandem_record_set_text (record, "status", spec->status);
  tandem_record_set_text (record, "starts_at", spec->starts_at);
  tandem_record_set_int (record, "duration_minutes", spec->duration);
  tandem_record_set_text (record, "format", spec->format);
  tandem_record_set_text (record, "place", spec->place);
  tandem_record_set_text (record, "interpreter_language", spec->interpreter);
  tandem_record_set_text (record, "agenda", spec->agenda);
  tandem_record_set_text (record, "concerns", spec->concerns);
  tandem_record_set_text (record, "family_wants", spec->family_wants);
  tandem_record_set_text (record, "what_to_bring", spec->what_to_bring);
  tandem_record_set_text (record, "others_attending", spec->others);
  tandem_record_set_text (record, "notes", spec->notes);
  tandem_record_set_text (record, "family_contributions", spec->contributions);
  tandem_record_set_text (record, "internal_note", spec->internal_note);

  if (spec->sent != NOT_SENT)
    {
      GDate sent = demo->today;
      g_autofree char *sent_on = NULL;

      if (spec->sent < 0)
        g_date_subtract_days (&sent, (guint) -spec->sent);
      sent_on = iso (&sent);
      tandem_record_set_text (record, "invitation_sent_on", sent_on);
    }

  if (spec->next_after > 0)
    {
      g_autofree char *next_on = days_after (&date, spec->next_after);

      tandem_record_set_text (record, "next_meeting_on", next_on);
    }

  for (guint c = 0; c < G_N_ELEMENTS (kid->carer_ids) && kid->carer_ids[c] != NULL; c++)
    {
      if (spec->invited & (1u << c))
        g_ptr_array_add (parts->carer_ids, g_strdup (kid->carer_ids[c]));
      if (spec->attended & (1u << c))
        g_ptr_array_add (parts->attended_ids, g_strdup (kid->carer_ids[c]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (spec->decisions) && spec->decisions[i].kind; i++)
    {
      TandemRecord *decision = tandem_record_new (TANDEM_TYPE_MEETING_ADJUSTMENT);

      tandem_record_set_text (decision, "carer_id", kid->carer_ids[spec->decisions[i].carer]);
      tandem_record_set_text (decision, "kind", spec->decisions[i].kind);
      tandem_record_set_bool (decision, "accepted", spec->decisions[i].accepted);
      g_ptr_array_add (parts->adjustments, decision);
    }

  for (guint i = 0; i < G_N_ELEMENTS (spec->views) && spec->views[i].topic; i++)
    {
      TandemRecord *view = tandem_record_new (TANDEM_TYPE_MEETING_VIEW);

      tandem_record_set_text (view, "topic", spec->views[i].topic);
      tandem_record_set_text (view, "family_view", spec->views[i].family_view);
      tandem_record_set_text (view, "setting_view", spec->views[i].setting_view);
      tandem_record_set_text (view, "resolution", spec->views[i].resolution);
      tandem_record_set_bool (view, "resolved", spec->views[i].resolved);
      g_ptr_array_add (parts->views, view);
    }

  for (guint i = 0; i < G_N_ELEMENTS (spec->actions) && spec->actions[i].what; i++)
    {
      const DemoAction *a = &spec->actions[i];
      TandemAction *action = tandem_action_new (NULL, kid->id, a->what, a->owner);
      TandemRecord *action_record = TANDEM_RECORD (action);

      if (g_str_equal (a->owner, TANDEM_ACTION_OWNER_CARER))
        tandem_record_set_text (action_record, "owner_carer_id", kid->carer_ids[a->carer]);
      tandem_record_set_text (action_record, "owner_name", a->owner_name);
      if (a->due > 0)
        {
          g_autofree char *due_on = days_after (&date, a->due);

          tandem_record_set_text (action_record, "due_on", due_on);
        }
      if (a->done >= 0)
        {
          g_autofree char *done_on = days_after (&date, a->done);

          tandem_record_set_text (action_record, "done_on", done_on);
        }
      g_ptr_array_add (parts->actions, action);
    }

  if (!pick_strengths (demo, kid, meets_on, spec->n_strengths, parts, error))
    return FALSE;

  return tandem_meetings_save (demo->store, meeting, parts, error);
}

/**
 * _tandem_demo_fill_meetings:
 * @store: the store being filled
 * @today: the day the demo is made
 * @kids: (element-type TandemDemoKid): the demo's children, their journals
 *   already written
 * @error: where to put a failure
 *
 * Adds the sample meetings (see the table above). Called inside the demo's
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
_tandem_demo_fill_meetings (TandemStore  *store,
                            const GDate  *today,
                            GPtrArray    *kids,
                            GError      **error)
{
  Demo demo = { store, *today, kids };

  for (guint i = 0; i < G_N_ELEMENTS (demo_meetings); i++)
    if (!add_meeting (&demo, &demo_meetings[i], error))
      return FALSE;
  return TRUE;
}
