/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "tandem-demo-private.h"
#include "tandem-demo.h"
#include "tandem-records.h"

/* The sample setting: a nursery in Cardiff with the mix of languages, family
 * shapes and circumstances of a real inner-city setting. The records are
 * sample content a Cardiff practitioner might have typed, so they are not
 * translated. Names follow each community's own conventions: Polish family
 * names agree with gender (Wiśniewski, Wiśniewska), Sikh girls carry Kaur
 * and boys Singh, Somali children take their father's given name, and
 * mothers in Arabic-speaking and Somali families keep their own names.
 *
 * Phone numbers are from Ofcom's ranges reserved for drama (07700 900xxx,
 * 029 2018 0xxx) and email addresses use the reserved example domains, so
 * nothing here reaches a real person. */

typedef struct {
  const char *key;
  const char *note;
} DemoCircumstance;

typedef struct {
  const char       *name;
  const char       *relationship;
  gboolean          no_responsibility;
  const char       *household;  /* only when the child has more than one home */
  const char       *language;   /* BCP-47; NULL is English */
  gboolean          interpreter;
  gboolean          reading_support;
  const char       *contact_method;
  const char       *contact_times;
  int               notice_days;
  DemoCircumstance  circumstances[3];
  const char       *notes;
  const char       *address;    /* NULL: one made up for the household */
} DemoCarer;

typedef struct {
  const char *given_name;
  const char *family_name;
  const char *preferred_name;
  int         room;
  int         keyworker;
  int         age_months;       /* on the day the demo is made */
  int         age_days;
  int         months_attending;
  const char *home_languages;
  const char *send_status;      /* NULL: none */
  const char *notes;
  gboolean    no_journal_photos;
  gboolean    no_pack_photos;
  int         pack_photos_withdrawn_days_ago;
  const char *professionals[2];
  DemoCarer   carers[3];
} DemoChild;

enum { CATERPILLARS, LADYBIRDS, OWLS };

static const struct {
  const char *name;
  const char *notes;
} demo_rooms[] = {
  { "Caterpillars", "Babies, from 6 months to 2 years. Ground floor, own garden." },
  { "Ladybirds", "Toddlers, 2 to 3 years." },
  { "Owls", "Pre-school, 3 to 4 years. Welsh-language sessions on Tuesday mornings." },
};

enum { BETHAN, NIA, AISHA, JOANNA, TOMOS };

static const struct {
  const char *name;
  const char *role;
  int         room;  /* -1: works across the setting */
} demo_keyworkers[] = {
  { "Bethan Llewellyn", "manager", -1 },
  { "Nia Roberts", "senco", OWLS },
  { "Aisha Begum", "keyworker", CATERPILLARS },
  { "Joanna Kowalczyk", "keyworker", LADYBIRDS },
  { "Tomos Griffiths", "keyworker", OWLS },
};

/* Made-up streets in real Cardiff districts. */
static const char * const demo_streets[] = {
  "Alder Road, Roath, Cardiff CF24 3QT",
  "Cedar Way, Grangetown, Cardiff CF11 7HL",
  "Heol y Derw, Whitchurch, Cardiff CF14 1RS",
  "Birch Grove, Splott, Cardiff CF24 2PN",
  "Hazel Court, Canton, Cardiff CF5 1LW",
  "Larch Avenue, Ely, Cardiff CF5 4JB",
  "Maple Terrace, Riverside, Cardiff CF11 6DQ",
  "Oak Row, Llanrumney, Cardiff CF3 4TE",
  "Rowan Drive, Pontprennau, Cardiff CF23 8NX",
  "Sycamore Place, Butetown, Cardiff CF10 5BR",
  "Willow Crescent, Llandaff North, Cardiff CF14 2HG",
  "Ffordd yr Onnen, Fairwater, Cardiff CF5 3AZ",
  "Poplar Lane, Penylan, Cardiff CF23 5KD",
  "Elm Street, Adamsdown, Cardiff CF24 0EU",
  "Yew Walk, Tremorfa, Cardiff CF24 2SF",
  "Acorn Close, Cathays, Cardiff CF24 4PF",
};

static const DemoChild demo_children[] = {
  /* Caterpillars: babies */
  {
    .given_name = "Mali", .family_name = "Hughes",
    .room = CATERPILLARS, .keyworker = AISHA, .age_months = 9, .age_days = 12,
    .months_attending = 2, .home_languages = "cy,en",
    .carers = {
      { .name = "Ffion Hughes", .relationship = "Mother", .language = "cy",
        .contact_method = "email", .contact_times = "Weekday evenings",
        .notes = "Would like Mali’s journal in Welsh where possible." },
      { .name = "Rhodri Hughes", .relationship = "Father", .language = "cy",
        .contact_method = "text", .contact_times = "Lunchtimes",
        .circumstances = { { "working_hours", "Teacher in a Welsh-medium primary; free after "
                                              "4pm" } } },
    },
  },
  {
    .given_name = "Oliver", .family_name = "Bennett", .preferred_name = "Ollie",
    .room = CATERPILLARS, .keyworker = BETHAN, .age_months = 14, .age_days = 3,
    .months_attending = 5, .home_languages = "en",
    .carers = {
      { .name = "Charlotte Bennett", .relationship = "Mother",
        .contact_method = "text", .contact_times = "Days off vary; text first",
        .notice_days = 7,
        .circumstances = {
          { "working_hours", "Nurse at the University Hospital of Wales on rotating 12-hour "
                             "shifts, nights included" },
          { "notice", "Rota is set a week ahead; needs 7 days’ notice for a meeting" },
        } },
      { .name = "James Bennett", .relationship = "Father",
        .contact_method = "email", .contact_times = "Weekdays 9am to 5pm",
        .circumstances = { { "working_hours", "Works from home three days a week" } } },
    },
  },
  {
    .given_name = "Zofia", .family_name = "Nowak",
    .room = CATERPILLARS, .keyworker = BETHAN, .age_months = 17, .age_days = 20,
    .months_attending = 8, .home_languages = "pl,en",
    .carers = {
      { .name = "Katarzyna Nowak", .relationship = "Mother", .language = "pl",
        .contact_method = "text", .contact_times = "Mornings at drop-off",
        .circumstances = { { "language", "Confident in spoken English; prefers written "
                                         "information in Polish" } } },
      { .name = "Piotr Nowak", .relationship = "Father", .language = "pl",
        .interpreter = TRUE, .contact_method = "phone", .contact_times = "After 6pm",
        .circumstances = {
          { "language", "Book a Polish interpreter for meetings; not Zofia’s mother" },
          { "working_hours", "Builder, 7am to 5pm, sometimes Saturdays" },
        } },
    },
  },
  {
    .given_name = "Ayaan", .family_name = "Khan",
    .room = CATERPILLARS, .keyworker = AISHA, .age_months = 20, .age_days = 8,
    .months_attending = 9, .home_languages = "ur,en",
    .carers = {
      { .name = "Sana Khan", .relationship = "Mother", .language = "ur", .interpreter = TRUE,
        .reading_support = TRUE, .contact_method = "in_person",
        .contact_times = "At drop-off, about 8.30am",
        .circumstances = {
          { "language", "Speaks Urdu and some English; an Urdu interpreter for anything "
                        "formal" },
          { "literacy", "Reads Urdu; prefers things explained in person rather than "
                        "letters" },
          { "commitments", "Also cares for her mother-in-law, who lives with the family" },
        } },
      { .name = "Imran Khan", .relationship = "Father",
        .contact_method = "phone", .contact_times = "Mornings before 11am",
        .circumstances = { { "working_hours", "Taxi driver, mostly evenings and nights" } } },
    },
  },
  {
    .given_name = "Harleen Kaur", .family_name = "Sandhu",
    .room = CATERPILLARS, .keyworker = AISHA, .age_months = 11, .age_days = 25,
    .months_attending = 3, .home_languages = "pa,en",
    .carers = {
      { .name = "Manpreet Kaur Sandhu", .relationship = "Mother", .language = "en",
        .contact_method = "email", .contact_times = "Any time" },
      { .name = "Gurpreet Singh Sandhu", .relationship = "Father", .language = "en",
        .contact_method = "phone", .contact_times = "After 5pm",
        .circumstances = { { "working_hours", "Runs the family shop; weekends are busiest" } } },
      { .name = "Jaswinder Kaur Sandhu", .relationship = "Grandmother (father’s mother)",
        .no_responsibility = TRUE, .language = "pa", .interpreter = TRUE,
        .contact_method = "in_person", .contact_times = "Collects Harleen most days at 4pm",
        .circumstances = {
          { "language", "Speaks Punjabi; understands a little English" },
          { "culture", "Family is Sikh; Harleen’s meals are vegetarian" },
        } },
    },
  },
  {
    .given_name = "Freddie", .family_name = "Cooper",
    .room = CATERPILLARS, .keyworker = BETHAN, .age_months = 22, .age_days = 14,
    .months_attending = 4, .home_languages = "en", .send_status = "monitoring",
    .notes = "Looked after by the local authority and living with foster carers. Social "
             "worker: Dan Evans, Cardiff Children’s Services. Startles easily and takes a "
             "long time to settle after sleep; watching with the health visitor.",
    .no_pack_photos = TRUE,
    .professionals = { "Sarah Knight, health visitor" },
    .carers = {
      { .name = "Kelly Cooper", .relationship = "Mother", .household = "Mum’s home",
        .contact_method = "phone", .contact_times = "Afternoons",
        .circumstances = {
          { "confidence", "Finds meetings with professionals hard; a short, friendly chat "
                          "with Bethan works better than a formal meeting" },
          { "education", "Was in care herself as a teenager" },
        },
        .notes = "Supervised contact twice a week; check arrangements with the social "
                 "worker before sharing anything new." },
      { .name = "Lisa Morgan", .relationship = "Foster carer", .no_responsibility = TRUE,
        .household = "Foster home", .contact_method = "text",
        .contact_times = "School hours, 9am to 3pm",
        .circumstances = { { "commitments", "Also fosters a seven-year-old; school runs at "
                                            "8.40am and 3.15pm" } } },
    },
  },
  {
    .given_name = "Sofiia", .family_name = "Bondarenko",
    .room = CATERPILLARS, .keyworker = AISHA, .age_months = 16, .age_days = 2,
    .months_attending = 6, .home_languages = "uk,en",
    .notes = "Her father is in Ukraine; she sees him on video calls at weekends.",
    .carers = {
      { .name = "Olena Bondarenko", .relationship = "Mother", .language = "uk",
        .interpreter = TRUE, .contact_method = "text",
        .contact_times = "Weekday evenings after 7pm",
        .circumstances = {
          { "language", "Learning English at college; a Ukrainian interpreter for meetings" },
          { "working_hours", "Housekeeper at a city-centre hotel, 8am to 4pm" },
          { "time", "Bringing Sofiia up alone here; little free time" },
        } },
    },
  },
  {
    .given_name = "Noah", .family_name = "Evans-Okafor",
    .room = CATERPILLARS, .keyworker = AISHA, .age_months = 12, .age_days = 17,
    .months_attending = 2, .home_languages = "en,bfi",
    .carers = {
      { .name = "Rebecca Evans", .relationship = "Mother",
        .contact_method = "email", .contact_times = "Any time" },
      { .name = "Chinedu Okafor", .relationship = "Father", .language = "bfi",
        .interpreter = TRUE, .contact_method = "text", .contact_times = "Any time by text",
        .circumstances = {
          { "own_needs", "Deaf; British Sign Language is his first language. Book a BSL "
                         "interpreter for meetings. Text, never phone." },
        } },
    },
  },

  /* Ladybirds: toddlers */
  {
    .given_name = "Osian", .family_name = "Jones",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 30, .age_days = 4,
    .months_attending = 14, .home_languages = "cy,en",
    .carers = {
      { .name = "Elin Jones", .relationship = "Mother", .language = "cy",
        .contact_method = "email", .contact_times = "Evenings" },
      { .name = "Dafydd Jones", .relationship = "Father", .language = "cy",
        .contact_method = "phone", .contact_times = "Fridays",
        .circumstances = { { "working_hours", "Lorry driver; away Monday to Thursday" } } },
    },
  },
  {
    .given_name = "Kacper", .family_name = "Wiśniewski",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 27, .age_days = 19,
    .months_attending = 11, .home_languages = "pl",
    .carers = {
      { .name = "Agnieszka Wiśniewska", .relationship = "Mother", .language = "pl",
        .contact_method = "text", .contact_times = "After 3pm",
        .circumstances = { { "education", "Trained as a primary teacher in Poland" } } },
      { .name = "Tomasz Wiśniewski", .relationship = "Father", .language = "pl",
        .interpreter = TRUE, .contact_method = "phone", .contact_times = "Weekends",
        .circumstances = { { "working_hours", "Night shifts at a distribution warehouse; "
                                              "asleep until 2pm" } } },
    },
  },
  {
    .given_name = "Ana", .family_name = "Popescu",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 33, .age_days = 9,
    .months_attending = 15, .home_languages = "ro,en",
    .pack_photos_withdrawn_days_ago = 30,
    .carers = {
      { .name = "Ioana Popescu", .relationship = "Mother", .language = "ro",
        .contact_method = "email", .contact_times = "Weekday mornings",
        .notes = "Withdrew consent for photos in packs after a relative shared one on "
                 "social media." },
      { .name = "Andrei Popescu", .relationship = "Father", .language = "ro",
        .interpreter = TRUE, .contact_method = "phone", .contact_times = "Sundays",
        .circumstances = { { "time", "Works two jobs; Sunday is his only free day" } } },
    },
  },
  {
    .given_name = "Maryam", .family_name = "Haddad",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 29, .age_days = 22,
    .months_attending = 10, .home_languages = "ar,en",
    .no_pack_photos = TRUE,
    .carers = {
      { .name = "Rania Haddad", .relationship = "Mother", .language = "ar",
        .interpreter = TRUE, .contact_method = "phone", .contact_times = "Mornings",
        .circumstances = {
          { "language", "Arabic (Syrian); an interpreter for meetings, and letters in "
                        "Arabic" },
          { "education", "Studied pharmacy in Damascus; her degree is not yet recognised "
                         "here" },
        } },
      { .name = "Khaled Haddad", .relationship = "Father", .language = "ar",
        .contact_method = "text", .contact_times = "After 6pm",
        .circumstances = { { "working_hours", "Works in a restaurant kitchen, 11am to "
                                              "10pm" } } },
    },
  },
  {
    .given_name = "Amelia", .family_name = "Clarke",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 25, .age_days = 6,
    .months_attending = 9, .home_languages = "en",
    .notes = "Lives with her mum in the week; with her dad every other weekend and "
             "Wednesday nights. Both parents want their own copy of everything.",
    .carers = {
      { .name = "Jade Clarke", .relationship = "Mother", .household = "Mum’s home",
        .contact_method = "in_person", .contact_times = "At pick-up",
        .circumstances = {
          { "confidence", "Has said meetings make her anxious; prefers to talk at pick-up "
                          "with Joanna" },
          { "education", "Had a hard time at school and left at 15; wary of anything that "
                         "feels like a school report" },
        } },
      { .name = "Ryan Hopkins", .relationship = "Father", .household = "Dad’s home",
        .contact_method = "text", .contact_times = "After 5.30pm",
        .circumstances = { { "working_hours", "Scaffolder, 7am to 5pm" } } },
    },
  },
  {
    .given_name = "Yusuf", .family_name = "Al-Hashimi",
    .room = LADYBIRDS, .keyworker = NIA, .age_months = 34, .age_days = 15,
    .months_attending = 16, .home_languages = "ar,en",
    .carers = {
      { .name = "Huda Saleh", .relationship = "Mother", .language = "ar",
        .contact_method = "text", .contact_times = "Late mornings",
        .circumstances = { { "culture", "Prefers a female practitioner for home visits" } } },
      { .name = "Ahmed Al-Hashimi", .relationship = "Father",
        .contact_method = "email", .contact_times = "Weekdays",
        .circumstances = { { "working_hours", "Junior doctor; rota changes every month" } } },
    },
  },
  {
    .given_name = "Evie", .family_name = "Mitchell",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 28, .age_days = 11,
    .months_attending = 12, .home_languages = "en",
    .notes = "Lives with her nan under a special guardianship order.",
    .no_journal_photos = TRUE, .no_pack_photos = TRUE,
    .carers = {
      { .name = "Susan Mitchell", .relationship = "Grandmother (special guardian)",
        .contact_method = "phone", .contact_times = "Mornings, not Thursdays",
        .notice_days = 5,
        .circumstances = {
          { "transport", "No car; two buses from Llanrumney" },
          { "commitments", "Takes her own mother to hospital appointments on Thursdays" },
          { "own_needs", "Arthritis: stairs are hard, so meet in the ground-floor room" },
        } },
    },
  },
  {
    .given_name = "Tahmid", .family_name = "Uddin",
    .room = LADYBIRDS, .keyworker = NIA, .age_months = 31, .age_days = 27,
    .months_attending = 13, .home_languages = "syl,bn,en",
    .carers = {
      { .name = "Nazma Begum", .relationship = "Mother", .language = "syl",
        .interpreter = TRUE, .reading_support = TRUE, .contact_method = "in_person",
        .contact_times = "At drop-off",
        .circumstances = {
          { "language", "Speaks Sylheti; a Sylheti or Bengali interpreter for meetings" },
          { "literacy", "Prefers things explained in person; reads a little Bengali" },
        } },
      { .name = "Jamal Uddin", .relationship = "Father", .language = "en",
        .contact_method = "phone", .contact_times = "Mornings before 11am",
        .circumstances = { { "working_hours", "Works in the family restaurant, 4pm to "
                                              "midnight" } } },
    },
  },
  {
    .given_name = "Gruffudd", .family_name = "Davies", .preferred_name = "Gruff",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 26, .age_days = 1,
    .months_attending = 10, .home_languages = "cy,en",
    .carers = {
      { .name = "Lowri Davies", .relationship = "Mother", .language = "cy",
        .contact_method = "email", .contact_times = "Any time" },
      { .name = "Sara Davies", .relationship = "Mother", .language = "en",
        .contact_method = "text", .contact_times = "After 4pm",
        .circumstances = { { "language", "Learning Welsh; English for anything written" } } },
    },
  },
  {
    .given_name = "Inaya", .family_name = "Malik",
    .room = LADYBIRDS, .keyworker = NIA, .age_months = 32, .age_days = 13,
    .months_attending = 14, .home_languages = "ur,en", .send_status = "monitoring",
    .notes = "Covers her ears at circle time and in the hall; calmer in the quiet corner. "
             "Watching with her parents and the health visitor.",
    .professionals = { "Sarah Knight, health visitor" },
    .carers = {
      { .name = "Ayesha Malik", .relationship = "Mother", .language = "en",
        .contact_method = "email", .contact_times = "Weekdays after 1pm" },
      { .name = "Bilal Malik", .relationship = "Father", .language = "en",
        .contact_method = "phone", .contact_times = "Days off, which change weekly",
        .circumstances = { { "working_hours", "Paramedic on shifts" } } },
    },
  },
  {
    .given_name = "Jack", .family_name = "Turner",
    .room = LADYBIRDS, .keyworker = NIA, .age_months = 35, .age_days = 5,
    .months_attending = 18, .home_languages = "en", .send_status = "monitoring",
    .notes = "Speech is hard to understand for people who do not know him; watching his "
             "speech sounds with his dad.",
    .carers = {
      { .name = "Mark Turner", .relationship = "Father", .reading_support = TRUE,
        .contact_method = "phone", .contact_times = "Afternoons after 2pm",
        .circumstances = {
          { "working_hours", "Postman; starts at 5am" },
          { "literacy", "Dyslexic; rather have a phone call than a letter" },
          { "time", "Bringing Jack up on his own" },
        } },
    },
  },
  {
    .given_name = "Beatriz", .family_name = "Silva",
    .room = LADYBIRDS, .keyworker = JOANNA, .age_months = 27, .age_days = 24,
    .months_attending = 7, .home_languages = "pt,en",
    .carers = {
      { .name = "Mariana Silva", .relationship = "Mother", .language = "pt",
        .contact_method = "text", .contact_times = "Mornings",
        .circumstances = { { "working_hours", "Care assistant at a care home; early and late "
                                              "shifts" } } },
      { .name = "Tiago Silva", .relationship = "Father", .language = "pt",
        .interpreter = TRUE, .contact_method = "phone", .contact_times = "Evenings",
        .circumstances = { { "language", "More at ease in Portuguese" } } },
    },
  },

  /* Owls: pre-school */
  {
    .given_name = "Cerys", .family_name = "Evans",
    .room = OWLS, .keyworker = NIA, .age_months = 46, .age_days = 10,
    .months_attending = 28, .home_languages = "cy,en", .send_status = "sen_support",
    .notes = "Waiting for a neurodevelopmental assessment. Loves trains and lining things "
             "up; a visual timetable helps her through changes.",
    .professionals = { "Dr Catrin Bowen, community paediatrician" },
    .carers = {
      { .name = "Heledd Evans", .relationship = "Mother", .language = "cy",
        .contact_method = "email", .contact_times = "Evenings",
        .notice_days = 3 },
      { .name = "Owain Evans", .relationship = "Father", .language = "cy",
        .contact_method = "phone", .contact_times = "Lunchtimes" },
    },
  },
  {
    .given_name = "Siân", .family_name = "Lewis",
    .room = OWLS, .keyworker = TOMOS, .age_months = 40, .age_days = 18,
    .months_attending = 20, .home_languages = "en",
    .carers = {
      { .name = "Rachel Lewis", .relationship = "Mother",
        .contact_method = "email", .contact_times = "Any time",
        .notes = "Keen for Siân to go to a Welsh-medium school; asks for Welsh songs to "
                 "share at home." },
      { .name = "Gareth Lewis", .relationship = "Father",
        .contact_method = "text", .contact_times = "After 6pm" },
    },
  },
  {
    .given_name = "Oleksandr", .family_name = "Shevchenko", .preferred_name = "Sasha",
    .room = OWLS, .keyworker = TOMOS, .age_months = 44, .age_days = 7,
    .months_attending = 12, .home_languages = "uk,en",
    .notes = "Came from Kharkiv with his mum and grandmother; his dad is still in Ukraine.",
    .carers = {
      { .name = "Iryna Shevchenko", .relationship = "Mother", .language = "uk",
        .contact_method = "text", .contact_times = "After 5pm",
        .circumstances = { { "working_hours", "Works in a bakery, 6am to 2pm" } } },
      { .name = "Halyna Shevchenko", .relationship = "Grandmother", .no_responsibility = TRUE,
        .language = "uk", .interpreter = TRUE, .contact_method = "in_person",
        .contact_times = "Collects Sasha at 3pm",
        .circumstances = { { "language", "Speaks Ukrainian and Russian; no English" } } },
    },
  },
  {
    .given_name = "Hodan", .family_name = "Abdirahman",
    .room = OWLS, .keyworker = TOMOS, .age_months = 50, .age_days = 21,
    .months_attending = 22, .home_languages = "so,en",
    .no_pack_photos = TRUE,
    .carers = {
      { .name = "Fadumo Hassan", .relationship = "Mother", .language = "so",
        .interpreter = TRUE, .reading_support = TRUE, .contact_method = "phone",
        .contact_times = "10am to 2pm",
        .circumstances = {
          { "commitments", "Five children; school runs at 8.45am and 3.15pm" },
          { "literacy", "Prefers spoken information; voice messages work well" },
          { "culture", "Prefers that photos of Hodan stay in the setting" },
        } },
      { .name = "Abdirahman Ali", .relationship = "Father", .language = "so",
        .contact_method = "phone", .contact_times = "Evenings",
        .circumstances = { { "working_hours", "Bus driver on split shifts" } } },
    },
  },
  {
    .given_name = "Liban", .family_name = "Mohamed",
    .room = OWLS, .keyworker = NIA, .age_months = 39, .age_days = 3,
    .months_attending = 14, .home_languages = "so,en",
    .carers = {
      { .name = "Sahra Ahmed", .relationship = "Mother", .language = "so",
        .contact_method = "text", .contact_times = "Mornings",
        .circumstances = { { "transport", "No car; walks from Butetown" } } },
      { .name = "Mohamed Nur", .relationship = "Father", .language = "en",
        .contact_method = "phone", .contact_times = "After 6pm" },
    },
  },
  {
    .given_name = "Harry", .family_name = "Walsh",
    .room = OWLS, .keyworker = NIA, .age_months = 52, .age_days = 16,
    .months_attending = 34, .home_languages = "en", .send_status = "ehc_plan",
    .notes = "Has Down syndrome and an EHC plan. Uses Makaton signs at home and here; "
             "physiotherapy and speech and language therapy every fortnight. Transition to "
             "school to plan with his parents next term.",
    .professionals = { "Rhian Parry, speech and language therapist",
                       "Owen Jenkins, paediatric physiotherapist" },
    .carers = {
      { .name = "Gemma Walsh", .relationship = "Mother",
        .contact_method = "email", .contact_times = "Weekdays",
        .notice_days = 10,
        .circumstances = {
          { "notice", "Arranges time off work in advance; at least 10 days’ notice" },
          { "time", "Many appointments for Harry already; join meetings up where possible" },
        } },
      { .name = "Liam Walsh", .relationship = "Father",
        .contact_method = "phone", .contact_times = "After 4pm" },
    },
  },
  {
    .given_name = "Isla", .family_name = "Morgan-Reid",
    .room = OWLS, .keyworker = TOMOS, .age_months = 38, .age_days = 26,
    .months_attending = 15, .home_languages = "en",
    .notes = "Lives with her mum and Dan; spends school holidays with her dad in Bristol.",
    .carers = {
      { .name = "Hannah Morgan", .relationship = "Mother", .household = "Mum’s home",
        .contact_method = "text", .contact_times = "Any time" },
      { .name = "Dan Jenkins", .relationship = "Mother’s partner", .no_responsibility = TRUE,
        .household = "Mum’s home", .contact_method = "in_person",
        .contact_times = "At pick-up" },
      { .name = "Callum Reid", .relationship = "Father", .household = "Dad’s home",
        .contact_method = "email", .contact_times = "Evenings", .notice_days = 7,
        .circumstances = {
          { "transport", "Lives in Bristol; a video call is easier than coming in" },
          { "notice", "Needs a week’s notice to come to a meeting in person" },
        },
        .address = "Flat 2, 18 Gloucester Road, Bristol BS7 8AE" },
    },
  },
  {
    .given_name = "Ibrahim", .family_name = "Rahman",
    .room = OWLS, .keyworker = NIA, .age_months = 43, .age_days = 12,
    .months_attending = 24, .home_languages = "bn,en", .send_status = "sen_support",
    .notes = "Speech and language delay in both languages; his parents and Rhian Parry "
             "agreed small-group language sessions three times a week.",
    .professionals = { "Rhian Parry, speech and language therapist" },
    .carers = {
      { .name = "Shamima Rahman", .relationship = "Mother", .language = "bn",
        .contact_method = "phone", .contact_times = "Late mornings",
        .circumstances = { { "commitments", "Cares for Ibrahim’s baby sister and an older "
                                            "brother at school" } } },
      { .name = "Faruk Rahman", .relationship = "Father", .language = "en",
        .contact_method = "text", .contact_times = "After 7pm",
        .circumstances = { { "working_hours", "Security guard on night shifts" } } },
    },
  },
  {
    .given_name = "Lena", .family_name = "Kowalska",
    .room = OWLS, .keyworker = TOMOS, .age_months = 42, .age_days = 28,
    .months_attending = 21, .home_languages = "pl,en",
    .carers = {
      { .name = "Magdalena Kowalska", .relationship = "Mother", .language = "pl",
        .contact_method = "email", .contact_times = "Evenings" },
      { .name = "Marek Kowalski", .relationship = "Father", .language = "pl",
        .contact_method = "text", .contact_times = "Weekends" },
    },
  },
  {
    .given_name = "Antoni", .family_name = "Zieliński", .preferred_name = "Antek",
    .room = OWLS, .keyworker = TOMOS, .age_months = 48, .age_days = 2,
    .months_attending = 8, .home_languages = "pl",
    .notes = "New to English this year; pairs up happily with Lena.",
    .carers = {
      { .name = "Ewa Zielińska", .relationship = "Mother", .language = "pl",
        .interpreter = TRUE, .contact_method = "text", .contact_times = "Mornings",
        .circumstances = { { "language", "Little English yet; Polish interpreter for "
                                         "meetings, letters in Polish" } } },
      { .name = "Paweł Zieliński", .relationship = "Father", .language = "pl",
        .contact_method = "phone", .contact_times = "Sunday evenings",
        .circumstances = { { "working_hours", "Works offshore, three weeks on and three "
                                              "off" } } },
    },
  },
  {
    .given_name = "Alfie", .family_name = "Price",
    .room = OWLS, .keyworker = NIA, .age_months = 45, .age_days = 20,
    .months_attending = 26, .home_languages = "en", .send_status = "sen_support",
    .notes = "Hypermobile; tires quickly and finds stairs and climbing hard. "
             "Physiotherapy exercises built into outdoor play.",
    .professionals = { "Owen Jenkins, paediatric physiotherapist" },
    .carers = {
      { .name = "Stacey Price", .relationship = "Mother",
        .contact_method = "text", .contact_times = "Her rota changes weekly; text to ask",
        .circumstances = {
          { "working_hours", "Works at a supermarket; the rota changes every week" },
          { "commitments", "Three children under six" },
        } },
    },
  },
  {
    .given_name = "Layla", .family_name = "Thomas",
    .room = OWLS, .keyworker = TOMOS, .age_months = 41, .age_days = 9,
    .months_attending = 19, .home_languages = "ar,cy,en",
    .carers = {
      { .name = "Nour Thomas", .relationship = "Mother", .language = "ar",
        .contact_method = "email", .contact_times = "Any time",
        .notes = "Would like packs in Arabic and English side by side for Layla’s "
                 "grandparents." },
      { .name = "Rhys Thomas", .relationship = "Father", .language = "cy",
        .contact_method = "phone", .contact_times = "After 5pm" },
    },
  },
  {
    .given_name = "Luca", .family_name = "Ionescu",
    .room = OWLS, .keyworker = TOMOS, .age_months = 47, .age_days = 14,
    .months_attending = 25, .home_languages = "ro,en",
    .carers = {
      { .name = "Elena Ionescu", .relationship = "Mother", .language = "ro",
        .contact_method = "text", .contact_times = "Mornings" },
      { .name = "Mihai Ionescu", .relationship = "Father", .language = "ro",
        .contact_method = "phone", .contact_times = "Evenings",
        .circumstances = { { "working_hours", "Delivery driver, 7am to 7pm" } } },
    },
  },
  {
    .given_name = "Omar", .family_name = "Saleh",
    .room = OWLS, .keyworker = TOMOS, .age_months = 49, .age_days = 5,
    .months_attending = 30, .home_languages = "ar,en",
    .carers = {
      { .name = "Amal Qasim", .relationship = "Mother", .language = "ar",
        .interpreter = TRUE, .contact_method = "phone", .contact_times = "Mornings",
        .circumstances = {
          { "language", "Yemeni Arabic; an interpreter for meetings" },
          { "culture", "Prefers meetings not to fall on Friday lunchtime" },
        } },
      { .name = "Abdullah Saleh", .relationship = "Father", .language = "en",
        .contact_method = "text", .contact_times = "Afternoons" },
    },
  },
  {
    .given_name = "Poppy", .family_name = "Williams",
    .room = OWLS, .keyworker = TOMOS, .age_months = 39, .age_days = 23,
    .months_attending = 20, .home_languages = "en",
    .carers = {
      { .name = "Chloe Williams", .relationship = "Mother",
        .contact_method = "text", .contact_times = "Any time" },
      { .name = "Josh Williams", .relationship = "Father",
        .contact_method = "in_person", .contact_times = "At pick-up on Fridays",
        .circumstances = {
          { "education", "Had a difficult time at school and is wary of meetings" },
          { "confidence", "An informal chat at pick-up works better than a meeting" },
        } },
    },
  },
  {
    .given_name = "Arjan Singh", .family_name = "Gill",
    .room = OWLS, .keyworker = TOMOS, .age_months = 53, .age_days = 11,
    .months_attending = 33, .home_languages = "pa,en",
    .notes = "Wears a patka; his family is Sikh.",
    .carers = {
      { .name = "Simran Kaur Gill", .relationship = "Mother",
        .contact_method = "email", .contact_times = "Weekdays" },
      { .name = "Harpreet Singh Gill", .relationship = "Father", .language = "pa",
        .contact_method = "phone", .contact_times = "Evenings",
        .circumstances = { { "working_hours", "Runs a car repair garage, six days a "
                                              "week" } } },
    },
  },
};

static char *
iso_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A date before today, so that ages stay right whenever the demo is made. */
static char *
date_before (const GDate *today,
             int          months,
             int          days)
{
  GDate date = *today;

  g_date_subtract_months (&date, (guint) months);
  g_date_subtract_days (&date, (guint) days);
  return iso_date (&date);
}

/* An address at example.com, .org or .net made from a name: ASCII, with
 * the diacritics transliterated (Wiśniewska → wisniewska). */
static char *
demo_email (const char *name,
            guint       n)
{
  static const char * const domains[] = { "example.com", "example.org", "example.net" };
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *email = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (email, g_ascii_tolower (*p));
      else if ((*p == ' ' || *p == '-') && email->len > 0 && email->str[email->len - 1] != '.')
        g_string_append_c (email, '.');
    }
  g_string_append_printf (email, "@%s", domains[n % G_N_ELEMENTS (domains)]);
  return g_string_free (email, FALSE);
}

typedef struct {
  TandemStore *store;
  GDate        today;
  guint        phones;
  guint        streets;
} Demo;

static gboolean
save (Demo      *demo,
      gpointer   record,
      GError   **error)
{
  return tandem_store_save (demo->store, TANDEM_RECORD (record), error);
}

static char *
next_phone (Demo *demo)
{
  return g_strdup_printf ("07700 900%03u", demo->phones++ % 1000);
}

static gboolean
add_carers (Demo             *demo,
            const DemoChild  *spec,
            const char       *child_id,
            GPtrArray        *carers,
            GError          **error)
{
  /* Carers in the same household share an address. */
  const char *households[G_N_ELEMENTS (spec->carers)] = { NULL };
  char *addresses[G_N_ELEMENTS (spec->carers)] = { NULL };
  guint n_households = 0;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (spec->carers) && spec->carers[i].name; i++)
    {
      const DemoCarer *c = &spec->carers[i];
      g_autoptr(TandemCarer) carer = tandem_carer_new (child_id, c->name);
      TandemRecord *record = TANDEM_RECORD (carer);
      g_autofree char *phone = next_phone (demo);
      const char *address = c->address;
      guint h;

      if (address == NULL)
        {
          for (h = 0; h < n_households; h++)
            if (g_strcmp0 (households[h], c->household) == 0)
              break;
          if (h == n_households)
            {
              households[h] = c->household;
              addresses[h] = g_strdup_printf ("%u %s", 3 + (demo->streets * 7) % 89,
                                              demo_streets[demo->streets %
                                                           G_N_ELEMENTS (demo_streets)]);
              demo->streets++;
              n_households++;
            }
          address = addresses[h];
        }

      tandem_record_set_text (record, "relationship", c->relationship);
      tandem_record_set_bool (record, "parental_responsibility", !c->no_responsibility);
      tandem_record_set_text (record, "household", c->household);
      tandem_record_set_text (record, "phone", phone);
      tandem_record_set_text (record, "address", address);
      tandem_record_set_text (record, "preferred_language", c->language ? c->language : "en");
      tandem_record_set_bool (record, "interpreter_needed", c->interpreter);
      tandem_record_set_bool (record, "reading_support", c->reading_support);
      tandem_record_set_text (record, "contact_method", c->contact_method);
      tandem_record_set_text (record, "contact_times", c->contact_times);
      tandem_record_set_int (record, "notice_days", c->notice_days);
      tandem_record_set_text (record, "notes", c->notes);

      /* Someone who needs reading support or is best met in person is not
       * written to by email. */
      if (!c->reading_support && g_strcmp0 (c->contact_method, "in_person") != 0)
        {
          g_autofree char *email = demo_email (c->name, demo->phones);
          tandem_record_set_text (record, "email", email);
        }

      for (guint k = 0; k < G_N_ELEMENTS (c->circumstances) && c->circumstances[k].key; k++)
        tandem_carer_set_circumstance (carer, c->circumstances[k].key, TRUE,
                                       c->circumstances[k].note);
      if (c->notice_days > 0 && !tandem_carer_has_circumstance (carer, "notice"))
        tandem_carer_set_circumstance (carer, "notice", TRUE, NULL);

      ok = save (demo, carer, error);
      if (ok)
        g_ptr_array_add (carers, g_steal_pointer (&carer));
    }

  for (guint h = 0; h < n_households; h++)
    g_free (addresses[h]);
  return ok;
}

static gboolean
add_consent (Demo        *demo,
             const char  *child_id,
             const char  *carer_id,
             const char  *kind,
             gboolean     granted,
             const char  *professional,
             const char  *given_on,
             const char  *withdrawn_on,
             GError     **error)
{
  g_autoptr(TandemConsent) consent = tandem_consent_new (child_id, kind);
  TandemRecord *record = TANDEM_RECORD (consent);

  tandem_record_set_bool (record, "granted", granted);
  tandem_record_set_text (record, "carer_id", carer_id);
  tandem_record_set_text (record, "professional", professional);
  tandem_record_set_text (record, "given_on", given_on);
  tandem_record_set_text (record, "withdrawn_on", withdrawn_on);
  return save (demo, consent, error);
}

static gboolean
add_child (Demo             *demo,
           const DemoChild  *spec,
           GPtrArray        *rooms,
           GPtrArray        *keyworkers,
           GPtrArray        *kids,
           GError          **error)
{
  g_autofree char *dob = date_before (&demo->today, spec->age_months, spec->age_days);
  g_autofree char *start = date_before (&demo->today, spec->months_attending, 0);
  g_autoptr(TandemChild) child = tandem_child_new (spec->given_name, spec->family_name, dob);
  g_autoptr(GPtrArray) carers = g_ptr_array_new_with_free_func (g_object_unref);
  TandemRecord *record = TANDEM_RECORD (child);
  const char *id = tandem_record_get_id (record);
  const char *given_by;
  g_autofree char *shared_on = NULL;
  g_autofree char *withdrawn_on = NULL;

  tandem_record_set_text (record, "preferred_name", spec->preferred_name);
  tandem_record_set_text (record, "start_date", start);
  tandem_record_set_text (record, "home_languages", spec->home_languages);
  tandem_record_set_text (record, "send_status", spec->send_status ? spec->send_status : "none");
  tandem_record_set_text (record, "room_id",
                          tandem_record_get_id (g_ptr_array_index (rooms, spec->room)));
  tandem_record_set_text (record, "keyworker_id",
                          tandem_record_get_id (g_ptr_array_index (keyworkers,
                                                                   spec->keyworker)));
  tandem_record_set_text (record, "notes", spec->notes);

  if (!save (demo, child, error) || !add_carers (demo, spec, id, carers, error))
    return FALSE;

  /* What the journal part of the demo needs to know about the child. */
  {
    TandemDemoKid *kid = g_new0 (TandemDemoKid, 1);

    kid->id = g_strdup (id);
    kid->name = g_strdup (tandem_child_get_display_name (child));
    kid->age = spec->room;
    kid->room_id = g_strdup (tandem_record_get_text (record, "room_id"));
    kid->keyworker_id = g_strdup (tandem_record_get_text (record, "keyworker_id"));
    kid->start_date = g_strdup (start);
    kid->languages = g_strdup (spec->home_languages);
    kid->send = spec->send_status != NULL;
    for (guint i = 0; i < MIN (carers->len, G_N_ELEMENTS (kid->carer_ids)); i++)
      {
        TandemRecord *carer = g_ptr_array_index (carers, i);
        const char *language = tandem_record_get_text (carer, "preferred_language");

        kid->carer_ids[i] = g_strdup (tandem_record_get_id (carer));
        kid->carer_languages[i] = g_strdup (language);
        kid->carer_words[i] = _tandem_demo_carer_word (tandem_record_get_text (carer,
                                                                              "relationship"),
                                                       language);
      }
    g_ptr_array_add (kids, kid);
  }

  /* Consents are given at registration by the first carer listed, who
   * always has parental responsibility. */
  given_by = tandem_record_get_id (g_ptr_array_index (carers, 0));

  if (!add_consent (demo, id, given_by, TANDEM_CONSENT_PHOTOS_JOURNAL, !spec->no_journal_photos,
                    NULL, start, NULL, error))
    return FALSE;

  if (spec->pack_photos_withdrawn_days_ago > 0)
    withdrawn_on = date_before (&demo->today, 0, spec->pack_photos_withdrawn_days_ago);
  if (!add_consent (demo, id, given_by, TANDEM_CONSENT_PHOTOS_PACK, !spec->no_pack_photos,
                    NULL, start, withdrawn_on, error))
    return FALSE;

  /* Sharing with a professional is agreed later, when they become involved,
   * but never before the child started. */
  shared_on = date_before (&demo->today, spec->months_attending / 2, 9);
  if (g_strcmp0 (shared_on, start) < 0)
    {
      g_free (shared_on);
      shared_on = g_strdup (start);
    }
  for (guint i = 0; i < G_N_ELEMENTS (spec->professionals) && spec->professionals[i]; i++)
    if (!add_consent (demo, id, given_by, TANDEM_CONSENT_SHARE_PROFESSIONAL, TRUE,
                      spec->professionals[i], shared_on, NULL, error))
      return FALSE;

  return TRUE;
}

static gboolean
fill (Demo    *demo,
      GError **error)
{
  g_autoptr(TandemRecord) setting = NULL;
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) keyworkers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) kids = g_ptr_array_new_with_free_func (_tandem_demo_kid_free);
  g_autoptr(GPtrArray) keyworker_ids = g_ptr_array_new_with_free_func (g_free);

  /* A setting that already has a name keeps it. */
  setting = tandem_store_load (demo->store, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, NULL);
  if (setting == NULL || tandem_record_get_text (setting, "name") == NULL)
    {
      if (setting == NULL)
        {
          setting = tandem_record_new (TANDEM_TYPE_SETTING);
          tandem_record_set_id (setting, TANDEM_SETTING_ID);
        }
      tandem_record_set_text (setting, "name", "Little Acorns Nursery");
      tandem_record_set_text (setting, "address", "12 Heol y Nant, Cathays, Cardiff CF24 4DL");
      if (!save (demo, setting, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_rooms); i++)
    {
      TandemRoom *room = tandem_room_new (demo_rooms[i].name);

      g_ptr_array_add (rooms, room);
      tandem_record_set_text (TANDEM_RECORD (room), "notes", demo_rooms[i].notes);
      if (!save (demo, room, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_keyworkers); i++)
    {
      TandemKeyworker *keyworker = tandem_keyworker_new (demo_keyworkers[i].name);
      TandemRecord *record = TANDEM_RECORD (keyworker);
      g_autofree char *personal = demo_email (demo_keyworkers[i].name, 0);
      g_autofree char *email = NULL;
      g_autofree char *phone = g_strdup_printf ("029 2018 0%03u", 100 + i);

      g_ptr_array_add (keyworkers, keyworker);
      /* Work addresses, all at the setting's own made-up domain. */
      personal[strcspn (personal, "@")] = '\0';
      email = g_strconcat (personal, "@littleacorns.example", NULL);
      tandem_record_set_text (record, "role", demo_keyworkers[i].role);
      tandem_record_set_text (record, "email", email);
      tandem_record_set_text (record, "phone", phone);
      if (demo_keyworkers[i].room >= 0)
        tandem_record_set_text (record, "room_id",
                                tandem_record_get_id (g_ptr_array_index (rooms,
                                                                         demo_keyworkers[i].room)));
      if (!save (demo, keyworker, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_children); i++)
    if (!add_child (demo, &demo_children[i], rooms, keyworkers, kids, error))
      return FALSE;

  for (guint i = 0; i < keyworkers->len; i++)
    g_ptr_array_add (keyworker_ids,
                     g_strdup (tandem_record_get_id (g_ptr_array_index (keyworkers, i))));

  return _tandem_demo_fill_journal (demo->store, &demo->today, kids, keyworker_ids, error) &&
         _tandem_demo_fill_meetings (demo->store, &demo->today, kids, error) &&
         _tandem_demo_fill_plans (demo->store, &demo->today, kids, error);
}

/**
 * tandem_demo_fill:
 * @store: the store to fill
 * @error: where to put a failure
 *
 * Adds the sample setting, Little Acorns Nursery in Cardiff: the setting's
 * name and address, three rooms, five keyworkers (a manager and a SENCO among
 * them) and 36 children with their carers and consents, and a term of
 * learning journal for each child: observations with areas, next steps,
 * ideas for home and small generated photos, observations from home and
 * family comments (see _tandem_demo_fill_journal()), a term of meetings
 * with families, past and to come (see _tandem_demo_fill_meetings()), and
 * support plans at each stage, with their reviews, evidence and earlier
 * versions (see _tandem_demo_fill_plans()). Birth and start dates, meetings
 * and reviews are counted from today, so each child's age fits their room
 * and there are always meetings and reviews to come whenever the demo is
 * made. Everything is written in one transaction: on failure nothing is.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_demo_fill (TandemStore  *store,
                  GError      **error)
{
  Demo demo = { store };

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  g_date_clear (&demo.today, 1);
  g_date_set_time_t (&demo.today, time (NULL));

  if (!tandem_store_begin (store, error))
    return FALSE;

  if (!fill (&demo, error))
    {
      tandem_store_rollback (store);
      return FALSE;
    }

  return tandem_store_commit (store, error);
}
