/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <string.h>

#include "tandem-demo-private.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-plans.h"
#include "tandem-records.h"

/* Support plans in the sample setting, one for each stage a SENCO meets:
 * Alfie's plan is active with two reviews behind it and the next one this
 * week; Ibrahim's is under review and overdue, waiting for the speech and
 * language therapist's report; Inaya's is a first draft that says nothing
 * yet about her strengths; Cerys's first plan was closed at her last review
 * and a new one carries on from it, with an EHC needs assessment requested.
 * Everything goes through the real plans API, so each review freezes a
 * version and links the child's own journal observations as evidence.
 * Dates count from the day the demo is made. Sample content, not interface
 * text, so not translated. */

#define MAX_OUTCOMES 5

typedef struct {
  const char *what;
  const char *who;
  const char *how_often;
  const char *place;
} DemoProvision;

typedef struct {
  const char    *term;
  const char    *area;
  const char    *outcome;
  const char    *success;
  int            target;        /* days after the plan starts */
  const char    *strategies;
  const char    *home_help;
  int            added;         /* 0: from the start; n: added after review n */
  DemoProvision  provisions[2];
} DemoOutcome;

typedef struct {
  const char *name;
  const char *role;
  const char *service;
  const char *contact;
} DemoProfessional;

typedef struct {
  int          held;            /* days from today, moved off a weekend */
  gboolean     at_meeting;      /* held at the child's meeting that day */
  const char  *family_views;
  const char  *child_views;
  const char  *next_steps;
  const char  *internal_note;
  int          next_review;     /* days from today; 0: none set */
  /* A rating for each outcome in the plan at the time, in order. */
  const char  *progress[MAX_OUTCOMES];
  const char  *comments[MAX_OUTCOMES];
  guint        n_evidence;      /* observations since the previous review */
} DemoReview;

typedef struct {
  const char       *child;
  const char       *status;     /* where the plan is today */
  int               starts;     /* days from today */
  gboolean          carry_on;   /* continues from the child's previous plan above */
  int               next_review; /* days from today, for a plan with no review yet */
  const char       *strengths;
  const char       *what_matters;
  const char       *how_to_support;
  const char       *needs_communication;
  const char       *needs_cognition;
  const char       *needs_semh;
  const char       *needs_sensory;
  const char       *family_views;
  const char       *child_views;
  const char       *child_views_how;
  const char       *ehcp_status;
  int               ehcp_requested;   /* days from today; 0: not requested */
  const char       *family_summary;
  const char       *internal_note;
  DemoProfessional  professionals[3];
  DemoOutcome       outcomes[MAX_OUTCOMES];
  DemoReview        reviews[4];
  guint             n_evidence_since; /* observations linked since the last review */
} DemoPlan;

#define NS TANDEM_PROGRESS_NOT_STARTED
#define EM TANDEM_PROGRESS_EMERGING
#define DV TANDEM_PROGRESS_DEVELOPING
#define SE TANDEM_PROGRESS_SECURE
#define AC TANDEM_PROGRESS_ACHIEVED

static const DemoPlan demo_plans[] = {
  /* Active, reviewed twice, the next review at this week's meeting. */
  {
    .child = "Alfie", .status = TANDEM_PLAN_ACTIVE, .starts = -180,
    .strengths = "Alfie is funny and kind: he is the first to notice when a friend is sad, "
                 "and fetches them a cushion. He knows every dinosaur by name, loves stories "
                 "about space and builds long, careful marble runs. He keeps on trying when "
                 "things are hard, especially when a friend is cheering him on.",
    .what_matters = "His big brother and his baby sister. Dinosaurs, most of all the "
                    "diplodocus. Being outside with his friends, and being “the driver” on the "
                    "bikes.",
    .how_to_support = "Offer a rest before he asks: he will not say he is tired, but he "
                      "starts to lean on things and gets cross. A chair with a back at carpet "
                      "time. Let him take the stairs at his own pace, holding the rail, and do "
                      "not lift him unless he asks. Chunky pens and short drawing times, as "
                      "his hands ache. Praise the trying, not only the doing.",
    .needs_semh = "Can get frustrated and give up when he cannot keep up with his friends in "
                  "running games.",
    .needs_sensory = "Hypermobile joints, diagnosed by the paediatrician last year. Tires "
                     "quickly; finds stairs, climbing and long walks hard, and his hands ache "
                     "after a few minutes of drawing. Falls more often than his friends when "
                     "running.",
    .family_views = "Stacey: “He’s a proper little character and he never stops talking about "
                    "nursery. I worry about him on the big stairs at school next year. At home "
                    "he does his exercises if we make it a game — he likes being a dinosaur, "
                    "stomping.”",
    .child_views = "“I like the bikes. I don’t like the big steps, my legs go wobbly.” Alfie "
                   "picked the photos of the bikes, the marble run and the story corner as the "
                   "best things at nursery, and the photo of the stairs as the hardest.",
    .child_views_how = "Talking with Nia while sorting photos of nursery into “like” and "
                       "“don’t like”",
    .family_summary = "Alfie’s joints are very bendy, so his legs and hands get tired quickly. "
                      "We are helping him to get stronger through games, to take rests when "
                      "he needs them and to tell us when he is tired.",
    .professionals = {
      { "Owen Jenkins", "Paediatric physiotherapist",
        "Cardiff and Vale Children’s Physiotherapy", "029 2018 0455" },
      { "Dr Catrin Bowen", "Community paediatrician", "Cardiff and Vale Children’s Centre",
        "catrin.bowen@example.org" },
    },
    .outcomes = {
      { TANDEM_PLAN_TERM_SHORT, "sensory",
        "Alfie goes up and down the three steps to the garden on his own, holding the rail.",
        "He uses the steps every time we go outside, without asking to be carried, for two "
        "weeks running.", 42,
        "Practise on the steps at the start of every outdoor session, one foot at a time, "
        "with an adult beside him but not holding him. Count the steps together.",
        "Let Alfie climb the stairs at home holding the banister, one step at a time, and "
        "count them together. There is no need to hurry him.", 0,
        { { "Step practice from the physiotherapy programme", "Nia Roberts",
            "Every day, 5 minutes", "The garden steps" },
          { "Physiotherapy review and new exercises", "Owen Jenkins, physiotherapist",
            "Every 6 weeks", "At nursery" } } },
      { TANDEM_PLAN_TERM_LONG, "sensory",
        "Alfie has the strength and stamina to join in a whole outdoor session, resting "
        "when he chooses.",
        "He plays outside for 40 minutes, takes his own rest breaks and tells an adult when "
        "his legs are tired.", 300,
        "Physiotherapy exercises built into games: dinosaur stomps, bear walks and "
        "wheelbarrow races. A rest spot with a cushion that he can go to at any time.",
        "The dinosaur stomps and bear walks from Owen’s sheet, as a game, for a few minutes "
        "most days. Swimming at the leisure centre, if you can.", 0,
        { { "Dinosaur exercise circuit (physiotherapy programme)", "The Owls team",
            "3 times a week, 15 minutes", "The garden" } } },
      { TANDEM_PLAN_TERM_SHORT, "semh",
        "Alfie tells an adult, or shows his rest card, when he is tired, instead of getting "
        "cross.",
        "Staff see him use words or the card at least once a day, and there are fewer upsets "
        "at the end of outdoor play.", 42,
        "Show him the card at the start of each session. Notice and name tiredness for him "
        "(“your legs look tired — shall we rest?”). Praise him every time he tells us.",
        "Use the same words at home: “Are your legs tired? Let’s have a rest.”", 0,
        { { "Rest card and rest spot", "Every adult in Owls", "Every session",
            "Owls room and garden" } } },
      { TANDEM_PLAN_TERM_SHORT, "sensory",
        "Alfie draws and makes marks for five minutes with a chunky pen on a sloping board.",
        "He chooses to draw at the mark-making table and keeps going for five minutes "
        "without saying that his hand hurts.", 115,
        "Warm his hands up first with playdough (“dough disco”). Chunky pens, triangular "
        "grips and a sloping board.",
        "Playdough, squeezing bath toys and pegging socks on the washing line all make his "
        "hands stronger.", 1,
        { { "Dough disco hand warm-ups", "Tomos Griffiths", "Every day, 5 minutes",
            "Owls room, before mark-making" } } },
    },
    .reviews = {
      { -110, FALSE,
        "Stacey: “He’s started going up our stairs on his own, slowly, and he’s really proud "
        "of himself. He still wants carrying when we’re out.”",
        "Alfie put a sticker on the photo of the steps and said, “I did it with the rail!”",
        "Keep going with the step practice and the rest card. Add an outcome for drawing, as "
        "Alfie’s hands tire quickly. Owen to update the exercise sheet.",
        NULL, -40,
        { DV, EM, EM },
        { "Manages the steps with the rail and an adult beside him; still slow going down.",
          NULL, "Has shown the card twice, both times when an adult reminded him." },
        0 },
      { -40, FALSE,
        "Stacey: “He’s so much more confident. He told me his legs were tired at the park "
        "instead of crying — the first time ever.”",
        "“I can do the steps all by myself now.” Alfie chose the bike photo again as his "
        "favourite, and put the drawing table in the “hard” pile.",
        "The steps are achieved: well done, Alfie! Keep the rest card going and do the hand "
        "warm-ups every day. Nia to ask Owen about a chair with arms for carpet time, as "
        "Stacey asked.",
        "Owen is on leave in the spring; ask for his updated sheet before then.", 2,
        { AC, DV, DV, EM },
        { "Goes up and down the garden steps on his own every day.",
          "Now plays outside for about 25 minutes before he needs a rest.",
          "Uses the card most days without a reminder.",
          "Enjoys dough disco; draws for two or three minutes." },
        3 },
    },
    .n_evidence_since = 2,
  },

  /* Under review and overdue: waiting for the therapist's report. */
  {
    .child = "Ibrahim", .status = TANDEM_PLAN_UNDER_REVIEW, .starts = -230,
    .strengths = "Ibrahim is gentle and patient, and a brilliant builder: his block towers "
                 "are the tallest in Owls. He understands much more than he can say, follows "
                 "the routines of the day and loves to help tidy up. He copies his friends’ "
                 "words and joins in with songs and rhymes.",
    .what_matters = "His baby sister, his big brother and his Nani’s cooking. Trains and buses. "
                    "The tidy-up song. Building with his friends.",
    .how_to_support = "Get down to his level and wait: give him time to answer. Use short "
                      "sentences, and add one word to what he says (“car” — “red car”). Show "
                      "him pictures and objects as you talk. Use the week’s key words in "
                      "Bengali and English. Do not ask him to say words again correctly; say "
                      "them back to him the right way instead.",
    .needs_communication = "Speech and language delay in both Bengali and English (assessed by "
                           "Rhian Parry, speech and language therapist). Mostly single words "
                           "in English and some two-word phrases; he understands far more than "
                           "he says. He gets upset when he is not understood.",
    .family_views = "Shamima: “At home he talks to his sister all the time in Bengali, little "
                    "sentences now. We want him to be ready for school.”\n\n"
                    "Faruk: “We want him to talk more in English, but we will keep speaking "
                    "Bengali at home, like Rhian said.”",
    .child_views = "Ibrahim pointed to the photos of the building area and the train track as "
                   "his favourite places, and to snack time. He shook his head at the photo of "
                   "the busy carpet at group time. He said “big tower!” and “my turn” as we "
                   "looked.",
    .child_views_how = "Looking at photos of nursery with Nia, and watching what he chooses to "
                       "do and where he goes",
    .family_summary = "Ibrahim is learning to talk in Bengali and English. We are helping him "
                      "to use two words together, to take turns in games and to tell us about "
                      "his day. Keep talking Bengali at home: it helps his English too.",
    .internal_note = "Rhian’s reassessment report has not come yet (chased by email two days "
                     "ago). Hold the review once it arrives.",
    .professionals = {
      { "Rhian Parry", "Speech and language therapist",
        "Cardiff and Vale Children’s Speech and Language Therapy", "029 2018 0462" },
    },
    .outcomes = {
      { TANDEM_PLAN_TERM_SHORT, "communication",
        "Ibrahim uses two-word phrases in English to ask for things at snack time.",
        "He asks for what he wants with two words (“more apple”, “my cup”) at most snack "
        "times, without being prompted.", 42,
        "Model two-word phrases and wait. Offer a choice of two real things (“apple or "
        "banana?”). Add one word to what he says.",
        "Keep talking Bengali at home: it helps his English. Use the key words sheet we send "
        "home on Fridays, in both languages.", 0,
        { { "Small-group language sessions", "Nia Roberts", "3 times a week, 15 minutes",
            "The quiet room" },
          { "Speech and language assessment and advice", "Rhian Parry, speech and language "
            "therapist", "Once a term", "At nursery" } } },
      { TANDEM_PLAN_TERM_SHORT, "communication",
        "Ibrahim takes turns in a small-group game with two friends, waiting for his turn.",
        "He plays a simple turn-taking game (the fishing game, posting shapes) for five "
        "minutes, saying “my turn” or “your turn”.", 42,
        "Turn-taking games in his language group, with a “my turn” card, and a sand timer "
        "for longer waits.",
        "Play simple turn games with his brother and sister — rolling a ball, building a "
        "tower a brick each — saying “my turn, your turn” in Bengali.", 0,
        { { "Turn-taking games in the language group", "Nia Roberts", "3 times a week",
            "The quiet room" } } },
      { TANDEM_PLAN_TERM_LONG, "communication",
        "Ibrahim can tell a familiar adult about something he has done, in short sentences, "
        "in English or Bengali.",
        "He tells Nia or his family about his day in sentences of three or four words, and "
        "people who know him understand most of what he says.", 300,
        "A talking book of photos of his day. Comment (“I wonder…”) rather than ask "
        "questions. Time to talk at home time.",
        "Look at the talking book together on Friday evenings and talk about the photos in "
        "Bengali. Tell Nia what he says about them.", 0,
        { { "Talking book: photos of his week to share at home", "Nia Roberts",
            "Every Friday", "Owls room, then home" } } },
    },
    .reviews = {
      { -150, FALSE,
        "Shamima: “He says ‘more’ and ‘bye-bye’ in English at home now. He loves the key "
        "words sheet; his brother reads it to him.”",
        "Ibrahim smiled and pointed to the snack photo, saying “apple!”. He chose to bring the "
        "photo of his tower to the review.",
        "Keep going with the language group and the key words. Add more turn-taking games to "
        "the group. Rhian to see Ibrahim at nursery next term.",
        NULL, -33,
        { DV, EM, EM },
        { "Uses “more” and single words; two words together when an adult models them.",
          "Waits for a turn with an adult’s hand on his arm.", NULL },
        0 },
      { -33, TRUE,
        "Shamima: “He talks to his little sister all the time in Bengali — little sentences "
        "now. He sings your tidy-up song in the bath.”\n\n"
        "Faruk: “He is calmer at bedtime with the pictures. We want him to talk more in "
        "English for school.”",
        "“My turn!” Ibrahim showed us how he plays the fishing game, and chose the photo of "
        "his friends in the building area as his favourite.",
        "Two-word phrases at snack time are secure: well done, Ibrahim. Rhian will reassess "
        "his talking and send her report before we meet again in four weeks. Then we will "
        "talk about daily one-to-one sessions, as Faruk asked.",
        NULL, -4,
        { SE, DV, EM },
        { "Asks with two words at snack most days (“more apple”, “my turn”).",
          "Plays the fishing game with two friends, with a sand timer.",
          "Starting to name what is in the talking book photos." },
        3 },
    },
  },

  /* A first draft: the family has been met, the strengths not yet
   * written, so the plan warns. */
  {
    .child = "Inaya", .status = TANDEM_PLAN_DRAFT, .starts = -5,
    .what_matters = "Her mum and dad, and her cat, Biscuit. The quiet corner and the sensory "
                    "lights. Water play.",
    .how_to_support = "Tell her before anything noisy happens (the hand dryer, the hall, "
                      "singing). Offer her ear defenders and the quiet corner, and let her "
                      "watch from the edge before she joins in. Keep groups small.",
    .needs_semh = "Finds big groups hard, and stays close to an adult at busy times.",
    .needs_sensory = "Very sensitive to noise: covers her ears at circle time, in the hall and "
                     "when the hand dryers are on, and sometimes cries or hides. Avoids messy "
                     "play with her hands. Not yet showing that she knows when she needs the "
                     "toilet.",
    .family_views = "Ayesha: “She’s the same at the supermarket and at family parties — she "
                    "puts her hands over her ears and wants to go home. At home she’s happy "
                    "and chatty. We’d like to start potty training, but she hates the noise "
                    "of the flush.”",
    .child_views = "Inaya chose the quiet corner and the water tray when we offered her "
                   "photos. When the music started at group time she went to the quiet corner "
                   "and watched from there, smiling, for the whole song.",
    .child_views_how = "What she chose over two weeks, and choosing between photos",
    .internal_note = "Ask Ayesha and Bilal about a referral to the Early Years Inclusion team "
                     "when we go through the draft with them.",
    .professionals = {
      { "Sarah Knight", "Health visitor", "Cardiff and Vale health visiting team, Roath",
        "07700 900482" },
    },
    .outcomes = {
      { TANDEM_PLAN_TERM_SHORT, "sensory",
        "Inaya stays in the room for the hello song, wearing her ear defenders if she wants "
        "to.",
        "She stays with the group, or at the edge where she chooses, for the whole hello song "
        "on most days.", 42,
        "Warn her before the music starts, with the picture card. Keep ear defenders in her "
        "drawer and offer them, but never insist. A seat at the edge of the circle, near the "
        "quiet corner.",
        "Try the ear defenders at the supermarket, and tell us what helps.", 0,
        { { "Ear defenders, and a “now and next” card before noisy times",
            "Nia Roberts and the Ladybirds team", "Every session", "Ladybirds room" } } },
      { TANDEM_PLAN_TERM_SHORT, "sensory",
        "Inaya sits on the potty or the toilet at changing times, as part of her routine.",
        "She sits happily for a minute at most changes, with the flush left until she has "
        "gone out of the room.", 56,
        "The same words at home and at nursery (“wee”, “poo”, “potty”). A picture sequence on "
        "the toilet door. Flush after she has left, and switch the hand dryer off for her.",
        "Use the same words and pictures at home, and leave the flush until she is out of "
        "the room.", 0,
        { { "Toilet routine with a picture sequence", "Nia Roberts", "At every change",
            "Ladybirds bathroom" } } },
    },
  },

  /* Cerys's first plan: four reviews, closed at the last one. */
  {
    .child = "Cerys", .status = TANDEM_PLAN_CLOSED, .starts = -420,
    .strengths = "Cerys has a wonderful memory: she knows every train on the Valley Lines and "
                 "sings whole songs in Welsh. She is careful and precise, and lines up and "
                 "sorts things beautifully. She is affectionate with the adults she knows and "
                 "loves being swung.",
    .what_matters = "Trains, especially the Valley Lines trains. Her cousin. Knowing what is "
                    "going to happen next. Swinging and spinning.",
    .how_to_support = "Tell her what is happening next with a picture (“now and next”), and "
                      "give her a one-minute warning before a change. Give her time: she "
                      "joins in when she is ready. Use trains to draw her into activities. "
                      "Keep what you say short and clear, in Welsh or English.",
    .needs_communication = "Talks in single words and learned phrases (often from songs), in "
                           "Welsh and English. Finds back-and-forth play with other children "
                           "hard.",
    .needs_semh = "Becomes very upset at unexpected changes of activity or routine, and when "
                  "her lines of toys are moved.",
    .needs_sensory = "Seeks movement (spinning, swinging). Dislikes some food textures and the "
                     "feel of paint.",
    .family_views = "Heledd: “She’s a clever girl and she knows exactly what she wants. "
                    "Mornings are hard if anything is different. We want her to be happy at "
                    "nursery and to have a friend.”\n\n"
                    "Owain: “She’s brilliant with numbers. Please keep the Welsh going with "
                    "her.”",
    .child_views = "Cerys chose the photos of the trains, the swing and Nia. She turned the "
                   "photo of the painting table face down.",
    .child_views_how = "Choosing photos, and watching where she goes and what she plays with",
    .professionals = {
      { "Dr Catrin Bowen", "Community paediatrician", "Cardiff and Vale Children’s Centre",
        "catrin.bowen@example.org" },
      { "Lowri Bevan", "Portage home visitor", "Cardiff Portage Service", "07700 900471" },
      { "Gwen Harries", "Area SENCO", "Cardiff Early Years Inclusion Service",
        "gwen.harries@example.org" },
    },
    .outcomes = {
      { TANDEM_PLAN_TERM_SHORT, "semh",
        "Cerys moves from one activity to the next with a “now and next” picture and a "
        "one-minute warning.",
        "She moves from the carpet to snack, and from outside to inside, without becoming "
        "upset, on most days.", 42,
        "A “now and next” board, a one-minute sand timer, and a favourite train to carry "
        "during changes.",
        "A “now and next” strip at home, with photos of her own things: we will make it "
        "with you.", 0,
        { { "Visual timetable and “now and next” board", "Nia Roberts and the Owls team",
            "At every change of activity", "Owls room" } } },
      { TANDEM_PLAN_TERM_SHORT, "communication",
        "Cerys asks for what she wants with a word or a sign, in Welsh or English.",
        "She asks for snack, a drink or a toy with a word or a sign, instead of leading an "
        "adult by the hand, several times a day.", 56,
        "Keep favourite things in sight but out of reach, and wait. Model the word in both "
        "languages. Makaton signs for more, finished, help and drink.",
        "Use the same signs at home, and wait a moment before giving her what she wants, so "
        "that she can ask.", 0,
        { { "Portage play sessions with language targets", "Lowri Bevan, Portage",
            "Every two weeks, 1 hour", "At home" },
          { "Makaton signs: more, finished, help, drink", "The Owls team", "Every day",
            "Owls room" } } },
      { TANDEM_PLAN_TERM_LONG, "communication",
        "Cerys plays alongside a friend and shares a simple game, taking turns with an "
        "adult’s help.",
        "She plays a turn-taking train game with one friend and an adult for five minutes.",
        330,
        "Start with one adult, then add one friend. Use trains. Short, predictable games with "
        "a clear “my turn, your turn”.",
        "Play “my turn, your turn” with the train set, with you and her cousin.", 0,
        { { "Attention Autism “bucket time” group", "Nia Roberts",
            "4 times a week, 10 minutes", "The quiet room" } } },
    },
    .reviews = {
      { -330, FALSE,
        "Heledd: “The pictures help at home too. She still won’t wear her new shoes.”",
        "Cerys brought her train to the review and lined it up beside the photos of her day.",
        "Keep the visual timetable. Lowri to carry on with the Portage visits. Start the "
        "bucket time group.",
        NULL, -240,
        { DV, EM, NS },
        { NULL }, 0 },
      { -240, FALSE,
        "Owain: “She said ‘mwy’ at tea time, and signed it. We were so happy.”",
        "Cerys chose the photo of bucket time and laughed at the video of the spinning top.",
        "Changes of activity are going well. Lowri’s Portage visits end now that Cerys comes "
        "to nursery every day; Gwen Harries, area SENCO, to watch Cerys in the group.",
        NULL, -150,
        { SE, DV, EM },
        { NULL }, 0 },
      { -150, FALSE,
        "Heledd: “She waves to her friends at the gate now. Mornings are easier with the "
        "strip.”",
        "Cerys pointed to the swing photo and signed “more”.",
        "Agreed with Heledd and Owain to ask Dr Bowen for a neurodevelopmental assessment. "
        "Write a new plan at the next review.",
        NULL, -60,
        { AC, SE, DV },
        { NULL }, 0 },
      { -60, TRUE,
        "Heledd: “She lines up her trains every morning and tells me their names in Welsh. "
        "The big timetable was too much at home — she pulled all the pictures off.”",
        "Cerys chose the photos of the train track and the swing, and showed us her “now and "
        "next” strip.",
        "This plan closes: a new plan carries on with turn-taking and adds an outcome for "
        "mornings at home. Gwen Harries advised asking for an EHC needs assessment, and "
        "Heledd and Owain agreed.",
        NULL, 0,
        { AC, AC, DV },
        { "Moves between activities calmly with her strip.",
          "Asks with words and signs many times a day, in both languages.",
          "Plays the train game with an adult and one friend for about three minutes." },
        3 },
    },
  },

  /* Her new plan, carried on from the first, with the EHC needs
   * assessment asked for. */
  {
    .child = "Cerys", .status = TANDEM_PLAN_ACTIVE, .starts = -60, .carry_on = TRUE,
    .next_review = 60,
    .family_views = "Heledd: “The little strip works much better at home than the big "
                    "timetable. We’d like her to have a friend to play with, and to be ready "
                    "for school in Welsh.”\n\n"
                    "Owain: “We want her to get the help she needs when she starts school, so "
                    "we’re glad the EHC plan has been asked for.”",
    .ehcp_status = "requested", .ehcp_requested = -45,
    .family_summary = "Cerys is learning to play with a friend and to comment on what she "
                      "sees, in Welsh and English. The “now and next” strip helps her at home "
                      "and at nursery. We have asked the council for an EHC needs assessment "
                      "to plan her support at school.",
    .internal_note = "EHC needs assessment request sent to Cardiff Council; the decision is "
                     "due within six weeks of the request.",
    .professionals = {
      { "Dr Catrin Bowen", "Community paediatrician", "Cardiff and Vale Children’s Centre",
        "catrin.bowen@example.org" },
      { "Gwen Harries", "Area SENCO", "Cardiff Early Years Inclusion Service",
        "gwen.harries@example.org" },
    },
    .outcomes = {
      { TANDEM_PLAN_TERM_SHORT, "semh",
        "Cerys uses her “now and next” strip at home to get ready in the morning.",
        "Heledd and Owain say that most mornings go smoothly with the strip.", 42,
        "A small strip with photos of Cerys’s own things, made by Nia and Heledd together.",
        "Use the strip every morning: clothes, breakfast, shoes, car.", 0,
        { { "“Now and next” strip for home", "Nia Roberts with Heledd",
            "Made once, checked every two weeks", "At home" } } },
      { TANDEM_PLAN_TERM_SHORT, "communication",
        "Cerys puts two words together in Welsh or English to tell us about something, not "
        "only to ask.",
        "Staff hear her comment on what she sees (“trên mawr!”, “big train”) at least once "
        "a day.", 49,
        "Comment on what she is doing without asking questions, pause, and model two words "
        "in Welsh and English.",
        "Talk about what she is playing with, in a few words, and leave her time to answer.",
        0,
        { { "Language group with a Welsh-speaking adult", "Tomos Griffiths",
            "3 times a week, 15 minutes", "Owls room" } } },
    },
  },
};

typedef struct {
  TandemStore  *store;
  GDate         today;
  GPtrArray    *kids;
  char         *previous_plan;  /* the plan made just before, for carrying on */
  GHashTable   *used;           /* observation ids already linked to a plan */
} Demo;

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* @days from today, moved off a weekend (back for past dates, forward for
 * future ones): reviews are held on weekdays. */
static char *
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
  return iso (&date);
}

static char *
days_after (const char *iso_date,
            int         days)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso_date);
  g_date_add_days (&date, (guint) days);
  return iso (&date);
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

/* The journal area an outcome's evidence usually comes from. */
static const char *
journal_area (const char *plan_area)
{
  if (g_strcmp0 (plan_area, "communication") == 0)
    return "cl";
  if (g_strcmp0 (plan_area, "semh") == 0)
    return "psed";
  if (g_strcmp0 (plan_area, "sensory") == 0)
    return "pd";
  return NULL;
}

/* A shared observation of the child between @from and @to (inclusive),
 * in the outcome's area when there is one, not linked before. NULL when
 * the journal has none (the demo's journal reaches back one term). */
static char *
pick_observation (Demo          *demo,
                  TandemDemoKid *kid,
                  const char    *area,
                  const char    *from,
                  const char    *to,
                  GError       **error)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
      g_autoptr(GPtrArray) ids = NULL;

      filter.shared = 1;
      filter.from = from;
      filter.to = to;
      filter.area = attempt == 0 ? area : NULL;
      if (attempt == 0 && area == NULL)
        continue;

      ids = tandem_journal_list_ids (demo->store, kid->id, &filter, error);
      if (ids == NULL)
        return NULL;
      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);

          if (!g_hash_table_contains (demo->used, id))
            {
              g_hash_table_add (demo->used, g_strdup (id));
              return g_strdup (id);
            }
        }
    }
  return NULL;
}

static void
add_outcome (TandemPlanParts   *parts,
             const DemoOutcome *spec,
             const char        *starts_on)
{
  TandemPlanOutcome *outcome = tandem_plan_outcome_new (NULL, spec->term, spec->outcome);
  TandemRecord *record = TANDEM_RECORD (outcome);
  g_autofree char *target_on = days_after (starts_on, spec->target);

  tandem_record_set_text (record, "area", spec->area);
  tandem_record_set_text (record, "success_looks_like", spec->success);
  tandem_record_set_text (record, "target_on", target_on);
  tandem_record_set_text (record, "strategies", spec->strategies);
  tandem_record_set_text (record, "home_help", spec->home_help);
  g_ptr_array_add (parts->outcomes, outcome);

  for (guint p = 0; p < G_N_ELEMENTS (spec->provisions) && spec->provisions[p].what; p++)
    {
      TandemRecord *provision = tandem_record_new (TANDEM_TYPE_PLAN_PROVISION);

      tandem_record_set_text (provision, "outcome_id", tandem_record_get_id (record));
      tandem_record_set_text (provision, "what", spec->provisions[p].what);
      tandem_record_set_text (provision, "who", spec->provisions[p].who);
      tandem_record_set_text (provision, "how_often", spec->provisions[p].how_often);
      tandem_record_set_text (provision, "place", spec->provisions[p].place);
      g_ptr_array_add (parts->provisions, provision);
    }
}

/* Provisions are grouped by outcome in the outcomes' order: an outcome
 * added later must not leave its provisions among an earlier one's. */
static void
sort_provisions (TandemPlanParts *parts)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint o = 0; o < parts->outcomes->len; o++)
    {
      const char *id = tandem_record_get_id (g_ptr_array_index (parts->outcomes, o));

      for (guint p = 0; p < parts->provisions->len; p++)
        {
          TandemRecord *provision = g_ptr_array_index (parts->provisions, p);

          if (g_strcmp0 (tandem_record_get_text (provision, "outcome_id"), id) == 0)
            g_ptr_array_add (sorted, g_object_ref (provision));
        }
    }
  g_ptr_array_set_size (parts->provisions, 0);
  for (guint p = 0; p < sorted->len; p++)
    g_ptr_array_add (parts->provisions, g_object_ref (g_ptr_array_index (sorted, p)));
}

static void
set_text_if (TandemRecord *record,
             const char   *field,
             const char   *value)
{
  if (value != NULL)
    tandem_record_set_text (record, field, value);
}

static TandemPlan *
reload (Demo        *demo,
        const char  *plan_id,
        GError     **error)
{
  return TANDEM_PLAN (tandem_store_load (demo->store, TANDEM_TYPE_PLAN, plan_id, error));
}

/* The child's meeting held on @date, to link the review to, or NULL. */
static char *
meeting_on (Demo          *demo,
            TandemDemoKid *kid,
            const char    *date,
            GError       **error)
{
  const char * const params[] = { kid->id, date, NULL };
  g_autoptr(GPtrArray) meetings = NULL;

  meetings = tandem_store_list (demo->store, TANDEM_TYPE_MEETING,
                                "child_id = ?1 AND meets_on = ?2 AND status = 'held'", params,
                                error);
  if (meetings == NULL || meetings->len == 0)
    return NULL;
  return g_strdup (tandem_record_get_id (g_ptr_array_index (meetings, 0)));
}

static gboolean
record_review (Demo             *demo,
               TandemDemoKid    *kid,
               const char       *plan_id,
               const DemoReview *spec,
               const char       *since,
               GError          **error)
{
  g_autoptr(TandemPlanParts) parts = NULL;
  g_autoptr(TandemPlanReview) review = NULL;
  g_autoptr(TandemPlanReviewParts) review_parts = tandem_plan_review_parts_new ();
  g_autofree char *held_on = weekday (&demo->today, spec->held);
  TandemRecord *record;
  guint n_evidence = 0;

  parts = tandem_plans_load_parts (demo->store, plan_id, error);
  if (parts == NULL)
    return FALSE;

  /* Not TANDEM_PLAN_REVIEW (): that name is the "review" status. */
  review = (TandemPlanReview *) tandem_record_new (TANDEM_TYPE_PLAN_REVIEW);
  record = TANDEM_RECORD (review);
  tandem_record_set_text (record, "plan_id", plan_id);
  tandem_record_set_text (record, "held_on", held_on);
  tandem_record_set_text (record, "family_views", spec->family_views);
  tandem_record_set_text (record, "child_views", spec->child_views);
  tandem_record_set_text (record, "next_steps", spec->next_steps);
  tandem_record_set_text (record, "internal_note", spec->internal_note);
  if (spec->next_review != 0)
    {
      g_autofree char *next_on = weekday (&demo->today, spec->next_review);

      tandem_record_set_text (record, "next_review_on", next_on);
    }
  if (spec->at_meeting)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *meeting_id = meeting_on (demo, kid, held_on, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      tandem_record_set_text (record, "meeting_id", meeting_id);
    }

  for (guint o = 0; o < parts->outcomes->len && o < MAX_OUTCOMES && spec->progress[o]; o++)
    {
      TandemRecord *outcome = g_ptr_array_index (parts->outcomes, o);
      TandemRecord *progress = tandem_record_new (TANDEM_TYPE_PLAN_PROGRESS);

      tandem_record_set_text (progress, "outcome_id", tandem_record_get_id (outcome));
      tandem_record_set_text (progress, "progress", spec->progress[o]);
      tandem_record_set_text (progress, "comment", spec->comments[o]);
      g_ptr_array_add (review_parts->progress, progress);
    }

  /* Evidence from the child's journal since the last review, spread over
   * the outcomes. */
  for (guint o = 0; n_evidence < spec->n_evidence && parts->outcomes->len > 0;
       o = (o + 1) % parts->outcomes->len)
    {
      TandemRecord *outcome = g_ptr_array_index (parts->outcomes, o);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *observation_id = NULL;
      TandemRecord *evidence;

      observation_id = pick_observation (demo, kid,
                                         journal_area (tandem_record_get_text (outcome, "area")),
                                         since, held_on, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (observation_id == NULL)
        break;

      evidence = tandem_record_new (TANDEM_TYPE_PLAN_EVIDENCE);
      tandem_record_set_text (evidence, "outcome_id", tandem_record_get_id (outcome));
      tandem_record_set_text (evidence, "observation_id", observation_id);
      g_ptr_array_add (review_parts->evidence, evidence);
      n_evidence++;
    }

  return tandem_plans_record_review (demo->store, plan_id, review, review_parts, error);
}

static gboolean
add_plan (Demo            *demo,
          const DemoPlan  *spec,
          GError         **error)
{
  TandemDemoKid *kid = find_kid (demo->kids, spec->child);
  g_autofree char *starts_on = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *since = NULL;
  g_autoptr(TandemPlan) plan = NULL;
  g_autoptr(TandemPlanParts) parts = NULL;
  TandemRecord *record;
  guint n_reviews = 0;

  /* The demo's children are fixed; a name missing here is a mistake in
   * this file, not in anyone's data. */
  g_return_val_if_fail (kid != NULL, FALSE);

  starts_on = weekday (&demo->today, spec->starts);
  plan = tandem_plans_start (demo->store, kid->id, starts_on,
                             spec->carry_on ? demo->previous_plan : NULL, error);
  if (plan == NULL)
    return FALSE;
  record = TANDEM_RECORD (plan);
  plan_id = g_strdup (tandem_record_get_id (record));

  while (n_reviews < G_N_ELEMENTS (spec->reviews) && spec->reviews[n_reviews].held != 0)
    n_reviews++;

  /* A carried-on plan keeps what the last one said unless this one says
   * something new. */
  set_text_if (record, "strengths", spec->strengths);
  set_text_if (record, "what_matters", spec->what_matters);
  set_text_if (record, "how_to_support", spec->how_to_support);
  set_text_if (record, "needs_communication", spec->needs_communication);
  set_text_if (record, "needs_cognition", spec->needs_cognition);
  set_text_if (record, "needs_semh", spec->needs_semh);
  set_text_if (record, "needs_sensory", spec->needs_sensory);
  set_text_if (record, "family_views", spec->family_views);
  set_text_if (record, "child_views", spec->child_views);
  set_text_if (record, "child_views_how", spec->child_views_how);
  set_text_if (record, "family_summary", spec->family_summary);
  set_text_if (record, "internal_note", spec->internal_note);
  tandem_record_set_text (record, "ehcp_status", spec->ehcp_status);
  if (spec->ehcp_requested != 0)
    {
      g_autofree char *requested_on = weekday (&demo->today, spec->ehcp_requested);

      tandem_record_set_text (record, "ehcp_requested_on", requested_on);
    }

  /* Agreed with the family from the start, unless still a draft. */
  if (!g_str_equal (spec->status, TANDEM_PLAN_DRAFT))
    tandem_record_set_text (record, "status", TANDEM_PLAN_ACTIVE);
  {
    int next = n_reviews > 0 ? spec->reviews[0].held : spec->next_review;

    if (next != 0)
      {
        g_autofree char *next_on = weekday (&demo->today, next);

        tandem_record_set_text (record, "next_review_on", next_on);
      }
  }

  if (spec->carry_on)
    {
      parts = tandem_plans_load_parts (demo->store, plan_id, error);
      if (parts == NULL)
        return FALSE;
      /* The outcomes carried on are given new targets within this plan. */
      for (guint o = 0; o < parts->outcomes->len; o++)
        {
          TandemRecord *outcome = g_ptr_array_index (parts->outcomes, o);
          const char *target_on = tandem_record_get_text (outcome, "target_on");

          if (target_on == NULL || strcmp (target_on, starts_on) <= 0)
            {
              gboolean is_short = g_strcmp0 (tandem_record_get_text (outcome, "term"),
                                             TANDEM_PLAN_TERM_SHORT) == 0;
              g_autofree char *new_target = days_after (starts_on, is_short ? 42 : 240);

              tandem_record_set_text (outcome, "target_on", new_target);
            }
        }
      if (spec->professionals[0].name != NULL)
        g_ptr_array_set_size (parts->professionals, 0);
    }
  else
    {
      parts = tandem_plan_parts_new ();
    }

  for (guint i = 0; i < G_N_ELEMENTS (spec->professionals) && spec->professionals[i].name; i++)
    {
      TandemRecord *professional = tandem_record_new (TANDEM_TYPE_PLAN_PROFESSIONAL);

      tandem_record_set_text (professional, "name", spec->professionals[i].name);
      tandem_record_set_text (professional, "role", spec->professionals[i].role);
      tandem_record_set_text (professional, "service", spec->professionals[i].service);
      tandem_record_set_text (professional, "contact", spec->professionals[i].contact);
      g_ptr_array_add (parts->professionals, professional);
    }

  for (guint o = 0; o < MAX_OUTCOMES && spec->outcomes[o].outcome; o++)
    if (spec->outcomes[o].added == 0)
      add_outcome (parts, &spec->outcomes[o], starts_on);
  sort_provisions (parts);

  if (!tandem_plans_save (demo->store, plan, parts, error))
    return FALSE;

  since = g_strdup (starts_on);
  for (guint r = 0; r < n_reviews; r++)
    {
      const DemoReview *review = &spec->reviews[r];
      gboolean added = FALSE;

      if (!record_review (demo, kid, plan_id, review, since, error))
        return FALSE;
      g_free (since);
      since = weekday (&demo->today, review->held + 1);

      /* Outcomes agreed at this review join the plan after it, so the
       * version it froze does not have them. */
      g_clear_pointer (&parts, tandem_plan_parts_free);
      parts = tandem_plans_load_parts (demo->store, plan_id, error);
      if (parts == NULL)
        return FALSE;
      for (guint o = 0; o < MAX_OUTCOMES && spec->outcomes[o].outcome; o++)
        if (spec->outcomes[o].added == (int) r + 1)
          {
            add_outcome (parts, &spec->outcomes[o], starts_on);
            added = TRUE;
          }
      if (added)
        {
          g_clear_object (&plan);
          plan = reload (demo, plan_id, error);
          if (plan == NULL)
            return FALSE;
          sort_provisions (parts);
          if (!tandem_plans_save (demo->store, plan, parts, error))
            return FALSE;
        }
    }

  /* Observations linked between reviews, ready for the next one, for the
   * outcomes not achieved yet. */
  if (spec->n_evidence_since > 0)
    {
      g_autofree char *today = iso (&demo->today);
      g_autoptr(GHashTable) latest = NULL;
      g_autoptr(GPtrArray) open = g_ptr_array_new ();

      g_clear_pointer (&parts, tandem_plan_parts_free);
      parts = tandem_plans_load_parts (demo->store, plan_id, error);
      if (parts == NULL)
        return FALSE;
      latest = tandem_plans_latest_progress (demo->store, plan_id, error);
      if (latest == NULL)
        return FALSE;
      for (guint o = 0; o < parts->outcomes->len; o++)
        {
          TandemRecord *outcome = g_ptr_array_index (parts->outcomes, o);

          if (g_strcmp0 (g_hash_table_lookup (latest, tandem_record_get_id (outcome)),
                         TANDEM_PROGRESS_ACHIEVED) != 0)
            g_ptr_array_add (open, outcome);
        }

      for (guint n = 0; n < spec->n_evidence_since && open->len > 0; n++)
        {
          TandemRecord *outcome = g_ptr_array_index (open, n % open->len);
          g_autoptr(GError) local_error = NULL;
          g_autofree char *observation_id = NULL;
          g_autoptr(TandemPlanEvidence) link = NULL;

          observation_id = pick_observation (demo, kid,
                                             journal_area (tandem_record_get_text (outcome,
                                                                                   "area")),
                                             since, today, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (observation_id == NULL)
            break;
          link = tandem_plans_link_evidence (demo->store, tandem_record_get_id (outcome),
                                             observation_id, error);
          if (link == NULL)
            return FALSE;
        }
    }

  /* Where the plan is today. */
  if (!g_str_equal (spec->status, TANDEM_PLAN_ACTIVE) &&
      !g_str_equal (spec->status, TANDEM_PLAN_DRAFT))
    {
      g_clear_object (&plan);
      plan = reload (demo, plan_id, error);
      if (plan == NULL)
        return FALSE;
      g_clear_pointer (&parts, tandem_plan_parts_free);
      parts = tandem_plans_load_parts (demo->store, plan_id, error);
      if (parts == NULL)
        return FALSE;

      tandem_record_set_text (TANDEM_RECORD (plan), "status", spec->status);
      if (g_str_equal (spec->status, TANDEM_PLAN_CLOSED))
        {
          g_autofree char *closed_on = weekday (&demo->today,
                                                spec->reviews[n_reviews - 1].held);

          tandem_record_set_text (TANDEM_RECORD (plan), "closed_on", closed_on);
          tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", NULL);
        }
      if (!tandem_plans_save (demo->store, plan, parts, error))
        return FALSE;
    }

  g_free (demo->previous_plan);
  demo->previous_plan = g_steal_pointer (&plan_id);
  return TRUE;
}

/**
 * _tandem_demo_fill_plans:
 * @store: the store being filled
 * @today: the day the demo is made
 * @kids: (element-type TandemDemoKid): the demo's children, their journals
 *   and meetings already written
 * @error: where to put a failure
 *
 * Adds the sample support plans (see the table above), with their reviews,
 * frozen versions and evidence. Called inside the demo's transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
_tandem_demo_fill_plans (TandemStore  *store,
                         const GDate  *today,
                         GPtrArray    *kids,
                         GError      **error)
{
  Demo demo = { store, *today, kids, NULL, NULL };
  gboolean ok = TRUE;

  demo.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_plans); i++)
    ok = add_plan (&demo, &demo_plans[i], error);

  g_free (demo.previous_plan);
  g_hash_table_unref (demo.used);
  return ok;
}
