/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "tandem-core-error.h"
#include "tandem-demo-private.h"
#include "tandem-demo.h"
#include "tandem-journal.h"
#include "tandem-meetings.h"
#include "tandem-plans.h"
#include "tandem-records.h"

/* A large synthetic setting for benchmarks and for trying the app at scale.
 * Every choice comes from one GRand seeded by the caller, so a seed always
 * gives the same setting (counted back from the day it is made). Record
 * ids stay random UUIDs: two generated databases must never share ids, or
 * syncing them would merge unrelated children. */

typedef struct {
  const char          *languages;       /* the child's home languages */
  const char          *carer_language;
  const char * const  *girls;
  const char * const  *boys;
  const char * const  *families;
  const char * const  *women;
  const char * const  *men;
  gboolean             mother_keeps_name;
  gboolean             patronymic;      /* the child's family name is the father's given name */
  guint                weight;
} Community;

#define NAMES(...) ((const char * const[]) { __VA_ARGS__, NULL })

static const Community communities[] = {
  { "en", "en",
    NAMES ("Olivia", "Amelia", "Isla", "Ava", "Poppy", "Evie", "Freya", "Lily"),
    NAMES ("Oliver", "Noah", "George", "Harry", "Jack", "Freddie", "Alfie", "Theo"),
    NAMES ("Smith", "Jones", "Williams", "Brown", "Taylor", "Davies", "Evans", "Thomas",
           "Roberts", "Walker", "Hughes", "Price"),
    NAMES ("Sarah", "Emma", "Laura", "Rachel", "Gemma", "Kelly", "Hannah", "Chloe"),
    NAMES ("James", "Daniel", "Matthew", "Ryan", "Mark", "Chris", "Liam", "Josh"),
    FALSE, FALSE, 40 },
  { "cy,en", "cy",
    NAMES ("Cerys", "Mali", "Seren", "Efa", "Nia", "Lowri", "Alaw", "Siân"),
    NAMES ("Osian", "Gruffudd", "Macsen", "Tomos", "Deio", "Elis", "Ianto", "Cai"),
    NAMES ("Jones", "Evans", "Lewis", "Griffiths", "Morgan", "Llewellyn", "Pritchard",
           "Rees"),
    NAMES ("Ffion", "Heledd", "Elin", "Catrin", "Rhian", "Bethan", "Sioned", "Angharad"),
    NAMES ("Rhodri", "Dafydd", "Owain", "Gareth", "Rhys", "Iwan", "Huw", "Emyr"),
    FALSE, FALSE, 12 },
  { "pl,en", "pl",
    NAMES ("Zofia", "Zuzanna", "Lena", "Hanna", "Maja", "Julia", "Alicja", "Oliwia"),
    NAMES ("Kacper", "Jakub", "Antoni", "Filip", "Szymon", "Jan", "Franciszek", "Aleksander"),
    NAMES ("Nowak", "Kowalczyk", "Wójcik", "Mazur", "Krawczyk", "Kaczmarek"),
    NAMES ("Katarzyna", "Agnieszka", "Magdalena", "Ewa", "Anna", "Joanna", "Monika",
           "Marta"),
    NAMES ("Piotr", "Tomasz", "Marek", "Paweł", "Krzysztof", "Michał", "Łukasz", "Adam"),
    FALSE, FALSE, 7 },
  { "ro,en", "ro",
    NAMES ("Ana", "Maria", "Ioana", "Sofia", "Daria", "Elena"),
    NAMES ("Luca", "Andrei", "David", "Matei", "Ștefan", "Mihai"),
    NAMES ("Popescu", "Ionescu", "Dumitru", "Stan", "Constantin", "Munteanu"),
    NAMES ("Ioana", "Elena", "Andreea", "Mihaela", "Cristina", "Alina"),
    NAMES ("Andrei", "Mihai", "Bogdan", "Florin", "Adrian", "Cosmin"),
    FALSE, FALSE, 4 },
  { "ur,en", "ur",
    NAMES ("Inaya", "Hania", "Zara", "Aleena", "Anaya", "Maryam"),
    NAMES ("Ayaan", "Rayyan", "Zayn", "Hamza", "Ibrahim", "Musa"),
    NAMES ("Khan", "Malik", "Hussain", "Iqbal", "Butt", "Akhtar"),
    NAMES ("Sana", "Ayesha", "Fatima", "Nadia", "Saima", "Rabia"),
    NAMES ("Imran", "Bilal", "Usman", "Tariq", "Asif", "Kamran"),
    FALSE, FALSE, 6 },
  { "ar,en", "ar",
    NAMES ("Maryam", "Layla", "Nour", "Amira", "Huda", "Salma"),
    NAMES ("Yusuf", "Omar", "Adam", "Zakaria", "Khalid", "Ali"),
    NAMES ("Haddad", "Saleh", "Al-Hashimi", "Nasser", "Qasim", "Mansour"),
    NAMES ("Rania", "Amal", "Huda", "Samira", "Lina", "Dalia"),
    NAMES ("Ahmed", "Khaled", "Abdullah", "Mahmoud", "Sami", "Tarek"),
    TRUE, FALSE, 5 },
  { "bn,en", "bn",
    NAMES ("Safa", "Ayesha", "Tasnim", "Nusrat", "Raisa", "Inaya"),
    NAMES ("Tahmid", "Ibrahim", "Rayhan", "Ayaan", "Arham", "Zayan"),
    NAMES ("Rahman", "Uddin", "Ahmed", "Islam", "Miah", "Hossain"),
    NAMES ("Nazma", "Shamima", "Rupa", "Shirin", "Taslima", "Rumana"),
    NAMES ("Jamal", "Faruk", "Shahid", "Abdul", "Mamun", "Rashid"),
    FALSE, FALSE, 5 },
  { "pa,en", "pa",
    NAMES ("Harleen Kaur", "Simran Kaur", "Jasleen Kaur", "Anaya Kaur", "Gurleen Kaur"),
    NAMES ("Arjan Singh", "Fateh Singh", "Jaiveer Singh", "Ekam Singh", "Harvir Singh"),
    NAMES ("Sandhu", "Gill", "Dhillon", "Sidhu", "Bains"),
    NAMES ("Manpreet Kaur", "Harpreet Kaur", "Navdeep Kaur", "Amandeep Kaur"),
    NAMES ("Gurpreet Singh", "Harjit Singh", "Jaspal Singh", "Kuldeep Singh"),
    FALSE, FALSE, 3 },
  { "pt,en", "pt",
    NAMES ("Beatriz", "Mariana", "Leonor", "Matilde", "Carolina"),
    NAMES ("Tomás", "Santiago", "Duarte", "Rodrigo", "Martim"),
    NAMES ("Silva", "Santos", "Ferreira", "Pereira", "Costa"),
    NAMES ("Mariana", "Ana", "Inês", "Sofia", "Catarina"),
    NAMES ("Tiago", "João", "Rui", "Pedro", "Nuno"),
    FALSE, FALSE, 3 },
  { "uk,en", "uk",
    NAMES ("Sofiia", "Anna", "Mariia", "Zlata", "Vasylyna"),
    NAMES ("Oleksandr", "Maksym", "Artem", "Bohdan", "Mykyta"),
    NAMES ("Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Melnyk"),
    NAMES ("Olena", "Iryna", "Oksana", "Nataliia", "Yuliia"),
    NAMES ("Andrii", "Serhii", "Dmytro", "Oleh", "Volodymyr"),
    FALSE, FALSE, 3 },
  { "so,en", "so",
    NAMES ("Hodan", "Ayan", "Ikran", "Sagal", "Hibo"),
    NAMES ("Liban", "Abdirahman", "Hamza", "Mahad", "Guled"),
    NAMES ("Abdi", "Mohamed", "Hassan", "Ali", "Farah"),
    NAMES ("Fadumo", "Sahra", "Hawa", "Amina", "Khadra"),
    NAMES ("Abdirahman", "Mohamed", "Ahmed", "Yusuf", "Abdullahi"),
    TRUE, TRUE, 4 },
};

static const char * const room_names[] = {
  "Caterpillars", "Ladybirds", "Owls", "Bumblebees", "Squirrels", "Hedgehogs", "Robins",
  "Foxes", "Badgers", "Otters", "Kingfishers", "Dragonflies",
};

static const char * const contact_methods[] = { "phone", "text", "email", "in_person", "letter" };

static const char * const contact_times[] = {
  "Any time", "Mornings", "Afternoons", "After 5pm", "Evenings", "At pick-up",
  "Weekends", "Lunchtimes",
};

static const struct {
  const char *key;
  const char *note;
} circumstance_notes[] = {
  { "time", "Works long hours; little free time" },
  { "notice", "Needs a few days’ notice to arrange meetings" },
  { "commitments", "Other children at school; school runs morning and afternoon" },
  { "working_hours", "Shift work; the rota changes weekly" },
  { "transport", "No car; comes by bus" },
  { "confidence", "Prefers an informal chat to a formal meeting" },
  { "literacy", "Prefers spoken to written information" },
  { "language", "More at ease in the home language" },
  { "culture", "Religious festivals to keep in mind when planning" },
  { "education", "Had a difficult time at school" },
  { "own_needs", "Has a health condition; ground-floor room and breaks" },
};

static const char * const professionals[] = {
  "Rhian Parry, speech and language therapist",
  "Sarah Knight, health visitor",
  "Owen Jenkins, paediatric physiotherapist",
  "Dr Catrin Bowen, community paediatrician",
  "Mei Lin, educational psychologist",
};

/* What the journal generator needs to know about a child. */
typedef struct {
  char  *id;
  char  *name;
  char  *keyworker_id;
  char  *carer_ids[2];
  char  *carer_language;
  GDate  start;
  GDate  birth;
  guint  room;
  int    age;             /* TANDEM_DEMO_BABIES … */
  gboolean send;          /* on the SEND register */
} Kid;

static void
kid_free (gpointer data)
{
  Kid *kid = data;

  g_free (kid->id);
  g_free (kid->name);
  g_free (kid->keyworker_id);
  g_free (kid->carer_ids[0]);
  g_free (kid->carer_ids[1]);
  g_free (kid->carer_language);
  g_free (kid);
}

typedef struct {
  TandemStore *store;
  GRand       *rand;
  GDate        today;
  GPtrArray   *rooms;       /* TandemRoom */
  GPtrArray   *keyworkers;  /* TandemKeyworker */
  GPtrArray   *kids;        /* Kid */
  guint        phones;
} Generator;

static const char *
pick (Generator           *gen,
      const char * const  *names)
{
  return names[g_rand_int_range (gen->rand, 0, (gint32) g_strv_length ((char **) names))];
}

#define PICK(gen, array) \
  ((array)[g_rand_int_range ((gen)->rand, 0, (gint32) G_N_ELEMENTS (array))])

static gboolean
chance (Generator *gen,
        int        percent)
{
  return g_rand_int_range (gen->rand, 0, 100) < percent;
}

static const Community *
pick_community (Generator *gen)
{
  guint total = 0;
  gint32 n;

  for (guint i = 0; i < G_N_ELEMENTS (communities); i++)
    total += communities[i].weight;

  n = g_rand_int_range (gen->rand, 0, (gint32) total);
  for (guint i = 0; i < G_N_ELEMENTS (communities); i++)
    {
      n -= (gint32) communities[i].weight;
      if (n < 0)
        return &communities[i];
    }
  return &communities[0];
}

static char *
months_before (Generator *gen,
               int        months,
               int        days)
{
  GDate date = gen->today;

  g_date_subtract_months (&date, (guint) months);
  g_date_subtract_days (&date, (guint) days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gboolean
add_rooms_and_keyworkers (Generator  *gen,
                          guint       n_children,
                          GError    **error)
{
  /* About 40 children a room and 8 a keyworker, as in a large nursery. */
  guint n_rooms = MAX (3, (n_children + 39) / 40);
  guint n_keyworkers = MAX (5, (n_children + 7) / 8);

  for (guint i = 0; i < n_rooms; i++)
    {
      g_autofree char *name = NULL;
      TandemRoom *room;

      if (i < G_N_ELEMENTS (room_names))
        name = g_strdup (room_names[i]);
      else
        name = g_strdup_printf ("%s %u", room_names[i % G_N_ELEMENTS (room_names)],
                                (guint) (i / G_N_ELEMENTS (room_names)) + 1);

      room = tandem_room_new (name);
      g_ptr_array_add (gen->rooms, room);
      if (!tandem_store_save (gen->store, TANDEM_RECORD (room), error))
        return FALSE;
    }

  for (guint i = 0; i < n_keyworkers; i++)
    {
      const Community *community = pick_community (gen);
      g_autofree char *name = g_strdup_printf ("%s %s",
                                               pick (gen, chance (gen, 85) ? community->women
                                                                           : community->men),
                                               pick (gen, community->families));
      TandemKeyworker *keyworker = tandem_keyworker_new (name);
      TandemRecord *record = TANDEM_RECORD (keyworker);

      g_ptr_array_add (gen->keyworkers, keyworker);
      tandem_record_set_text (record, "role", i == 0 ? "manager" : i == 1 ? "senco"
                                                                         : "keyworker");
      tandem_record_set_text (record, "room_id",
                              tandem_record_get_id (g_ptr_array_index (gen->rooms,
                                                                       i % n_rooms)));
      if (!tandem_store_save (gen->store, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_carer (Generator        *gen,
           const Community  *community,
           const char       *child_id,
           const char       *name,
           const char       *relationship,
           const char       *household,
           const char       *address,
           char            **carer_id,
           GError          **error)
{
  g_autoptr(TandemCarer) carer = tandem_carer_new (child_id, name);
  TandemRecord *record = TANDEM_RECORD (carer);
  g_autofree char *phone = g_strdup_printf ("07700 900%03u", gen->phones++ % 1000);
  gboolean english = g_str_equal (community->carer_language, "en");
  const char *language = english || chance (gen, 30) ? "en" : community->carer_language;

  tandem_record_set_text (record, "relationship", relationship);
  tandem_record_set_text (record, "household", household);
  tandem_record_set_text (record, "phone", phone);
  tandem_record_set_text (record, "address", address);
  tandem_record_set_text (record, "preferred_language", language);
  tandem_record_set_bool (record, "interpreter_needed",
                          !g_str_equal (language, "en") && chance (gen, 40));
  tandem_record_set_bool (record, "reading_support", chance (gen, 8));
  tandem_record_set_text (record, "contact_method", PICK (gen, contact_methods));
  tandem_record_set_text (record, "contact_times", PICK (gen, contact_times));

  for (guint i = 0; i < G_N_ELEMENTS (circumstance_notes); i++)
    if (chance (gen, 10))
      tandem_carer_set_circumstance (carer, circumstance_notes[i].key, TRUE,
                                     circumstance_notes[i].note);
  if (tandem_carer_has_circumstance (carer, "notice"))
    tandem_record_set_int (record, "notice_days", g_rand_int_range (gen->rand, 2, 15));

  if (!tandem_store_save (gen->store, record, error))
    return FALSE;

  *carer_id = g_strdup (tandem_record_get_id (record));
  return TRUE;
}

static gboolean
add_consent (Generator   *gen,
             const char  *child_id,
             const char  *carer_id,
             const char  *kind,
             gboolean     granted,
             const char  *professional,
             const char  *given_on,
             GError     **error)
{
  g_autoptr(TandemConsent) consent = tandem_consent_new (child_id, kind);
  TandemRecord *record = TANDEM_RECORD (consent);

  tandem_record_set_bool (record, "granted", granted);
  tandem_record_set_text (record, "carer_id", carer_id);
  tandem_record_set_text (record, "professional", professional);
  tandem_record_set_text (record, "given_on", given_on);
  return tandem_store_save (gen->store, record, error);
}

static gboolean
add_child (Generator  *gen,
           guint       years,
           gboolean    heavy,
           GError    **error)
{
  const Community *community = pick_community (gen);
  gboolean girl = chance (gen, 50);
  const char *father_given = pick (gen, community->men);
  const char *family = community->patronymic ? father_given : pick (gen, community->families);
  /* Ages from 6 months to just under 5: the nursery years. */
  int random_age = g_rand_int_range (gen->rand, 6, 60);
  /* The child with the heaviest journal has been here longest. */
  int age = heavy ? 59 : random_age;
  int attending = heavy ? MIN (age - 3, (int) years * 12)
                        : g_rand_int_range (gen->rand, 0, MIN (age - 3, (int) years * 12) + 1);
  Kid *kid;
  int band = age < 24 ? 0 : age < 36 ? 1 : 2;
  guint n_rooms = gen->rooms->len;
  guint room_index = MIN (band + 3 * (guint) g_rand_int_range (gen->rand, 0,
                                                                 (gint32) MAX (1, n_rooms / 3)),
                          n_rooms - 1);
  TandemRecord *room = g_ptr_array_index (gen->rooms, room_index);
  /* Keyworker k works in room k % n_rooms; pick one of this room's. */
  guint n_here = (gen->keyworkers->len - room_index + n_rooms - 1) / n_rooms;
  TandemRecord *keyworker =
    g_ptr_array_index (gen->keyworkers,
                       room_index + n_rooms * (guint) g_rand_int_range (gen->rand, 0,
                                                                        (gint32) n_here));
  g_autofree char *dob = months_before (gen, age, g_rand_int_range (gen->rand, 0, 28));
  g_autofree char *start = months_before (gen, attending, 0);
  g_autoptr(TandemChild) child = tandem_child_new (pick (gen, girl ? community->girls
                                                                     : community->boys),
                                                     family, dob);
  TandemRecord *record = TANDEM_RECORD (child);
  const char *id = tandem_record_get_id (record);
  g_autofree char *mother = NULL;
  g_autofree char *father = NULL;
  g_autofree char *mother_id = NULL;
  g_autofree char *father_id = NULL;
  g_autofree char *home = NULL;
  g_autofree char *other_home = NULL;
  gboolean separated = chance (gen, 15);
  int send = g_rand_int_range (gen->rand, 0, 100);

  if (g_strcmp0 (start, dob) < 0)
    {
      g_free (start);
      start = g_strdup (dob);
    }

  tandem_record_set_text (record, "start_date", start);
  tandem_record_set_text (record, "home_languages", community->languages);
  tandem_record_set_text (record, "send_status",
                          send < 85 ? "none" : send < 92 ? "monitoring"
                                                         : send < 98 ? "sen_support"
                                                                     : "ehc_plan");
  tandem_record_set_text (record, "room_id", tandem_record_get_id (room));
  tandem_record_set_text (record, "keyworker_id", tandem_record_get_id (keyworker));
  if (!tandem_store_save (gen->store, record, error))
    return FALSE;

  mother = g_strdup_printf ("%s %s", pick (gen, community->women),
                            community->mother_keeps_name ? pick (gen, community->families)
                                                         : family);
  father = g_strdup_printf ("%s %s", father_given,
                            community->patronymic ? pick (gen, community->families) : family);
  home = g_strdup_printf ("%d %s Road, Cardiff", g_rand_int_range (gen->rand, 1, 200),
                          pick (gen, community->families));
  other_home = separated ? g_strdup_printf ("%d %s Street, Cardiff",
                                            g_rand_int_range (gen->rand, 1, 200),
                                            pick (gen, community->families))
                         : g_strdup (home);

  if (!add_carer (gen, community, id, mother, "Mother", separated ? "Mum’s home" : NULL,
                  home, &mother_id, error) ||
      !add_carer (gen, community, id, father, "Father", separated ? "Dad’s home" : NULL,
                  other_home, &father_id, error))
    return FALSE;

  if (!add_consent (gen, id, mother_id, TANDEM_CONSENT_PHOTOS_JOURNAL, chance (gen, 95), NULL,
                    start, error) ||
      !add_consent (gen, id, mother_id, TANDEM_CONSENT_PHOTOS_PACK, chance (gen, 85), NULL,
                    start, error))
    return FALSE;

  if (send >= 85 &&
      !add_consent (gen, id, father_id, TANDEM_CONSENT_SHARE_PROFESSIONAL, TRUE,
                    PICK (gen, professionals), start, error))
    return FALSE;

  kid = g_new0 (Kid, 1);
  kid->id = g_strdup (id);
  kid->name = g_strdup (tandem_child_get_display_name (child));
  kid->keyworker_id = g_strdup (tandem_record_get_id (keyworker));
  kid->carer_ids[0] = g_steal_pointer (&mother_id);
  kid->carer_ids[1] = g_steal_pointer (&father_id);
  kid->carer_language = g_strdup (community->carer_language);
  g_date_clear (&kid->start, 1);
  g_date_set_parse (&kid->start, start);
  g_date_clear (&kid->birth, 1);
  g_date_set_parse (&kid->birth, dob);
  kid->room = room_index;
  kid->age = band;
  kid->send = send >= 85;
  g_ptr_array_add (gen->kids, kid);

  return TRUE;
}

/* Things found in a nursery, so that generated observations have the
 * varied vocabulary real ones do, for the search benchmarks. */
static const char * const resources[] = {
  "the sand tray", "the water wall", "playdough", "the mud kitchen", "wooden blocks",
  "the tuff tray", "conkers", "pine cones", "shells", "pebbles", "the light box",
  "magnetic tiles", "the train track", "duplo", "the dolls’ house", "the puppet theatre",
  "the book corner", "the story sack", "chalks", "felt tips", "crayons", "watercolours",
  "glue sticks", "tissue paper", "feathers", "ribbons", "buttons", "pasta shapes",
  "rice", "lentils", "oats", "cornflour gloop", "shaving foam", "bubbles", "the parachute",
  "hoops", "beanbags", "the balance beam", "the climbing frame", "the slide", "scooters",
  "balance bikes", "the digger", "the wheelbarrow", "watering cans", "trowels", "seeds",
  "the bug hotel", "magnifying glasses", "binoculars", "the weather chart", "the calendar",
  "number lines", "the abacus", "scales", "measuring jugs", "sand timers", "mirrors",
  "torches", "the dressing-up box", "the doctor’s kit", "the till", "the telephone",
  "the ukulele", "drums", "tambourines", "shakers", "the xylophone", "the keyboard",
  "Welsh cakes", "bara brith", "chapatis", "rice cakes", "apples", "bananas", "clementines",
  "the allotment", "the pond", "the willow tunnel", "the sensory room", "the quiet corner",
};

static char *
observation_text (Generator                 *gen,
                  const Kid                 *kid,
                  const TandemDemoActivity  *activity,
                  const char                *friend_name)
{
  const char * const *details = _tandem_demo_details ();
  g_autofree char *first = _tandem_demo_fill_template (activity->text, kid->name, friend_name,
                                                       NULL);
  GString *text = g_string_new (first);
  int extra = g_rand_int_range (gen->rand, 0, 3);

  for (int i = 0; i < extra; i++)
    {
      g_autofree char *sentence = _tandem_demo_fill_template (pick (gen, details), kid->name,
                                                              friend_name, NULL);
      g_string_append_printf (text, " %s", sentence);
    }
  if (chance (gen, 60))
    g_string_append_printf (text, " Later {name} moved on to %s and %s.",
                            PICK (gen, resources), PICK (gen, resources));
  g_string_replace (text, "{name}", kid->name, 0);
  return g_string_free (text, FALSE);
}

static gboolean
add_comment (Generator  *gen,
             const Kid  *kid,
             const char *observation_id,
             const char *date,
             GError    **error)
{
  guint n;
  const TandemDemoComment *bank = _tandem_demo_comments (&n);
  const TandemDemoComment *comment = &bank[g_rand_int_range (gen->rand, 0, (gint32) n)];
  g_autoptr(TandemComment) record = NULL;
  g_autofree char *text = NULL;

  /* A comment in another language comes from a family who speaks it. */
  if (comment->language != NULL && g_strcmp0 (comment->language, kid->carer_language) != 0)
    comment = &bank[g_rand_int_range (gen->rand, 0, 8)];

  text = comment->gist != NULL ? g_strdup_printf ("%s\n\nIn English: %s", comment->text,
                                                  comment->gist)
                               : g_strdup (comment->text);
  record = tandem_comment_new (observation_id, text);
  tandem_record_set_text (TANDEM_RECORD (record), "commented_on", date);
  if (chance (gen, 80))
    {
      tandem_record_set_text (TANDEM_RECORD (record), "carer_id",
                              kid->carer_ids[g_rand_int_range (gen->rand, 0, 2)]);
      tandem_record_set_text (TANDEM_RECORD (record), "via", chance (gen, 60) ? "conversation"
                                                                              : "slip");
    }
  else
    {
      const char * const *replies = _tandem_demo_replies ();

      tandem_record_set_text (TANDEM_RECORD (record), "text", pick (gen, replies));
      tandem_record_set_text (TANDEM_RECORD (record), "author_id", kid->keyworker_id);
      tandem_record_set_text (TANDEM_RECORD (record), "via", "other");
    }

  return tandem_store_save (gen->store, TANDEM_RECORD (record), error);
}

static gboolean
add_link (Generator   *gen,
          const char  *observation_id,
          const char  *child_id,
          GError     **error)
{
  g_autoptr(TandemRecord) link = tandem_record_new (TANDEM_TYPE_OBSERVATION_CHILD);

  tandem_record_set_text (link, "observation_id", observation_id);
  tandem_record_set_text (link, "child_id", child_id);
  return tandem_store_save (gen->store, link, error);
}

/* A weekday between the child's start (or @years ago) and today. */
static char *
observation_date (Generator *gen,
                  const Kid *kid,
                  guint      years)
{
  GDate earliest = gen->today;
  GDate date;
  guint32 first, last;

  g_date_subtract_years (&earliest, years);
  if (g_date_valid (&kid->start) && g_date_compare (&kid->start, &earliest) > 0)
    earliest = kid->start;
  first = g_date_get_julian (&earliest);
  last = MAX (first, g_date_get_julian (&gen->today));

  g_date_clear (&date, 1);
  g_date_set_julian (&date, first + (guint32) g_rand_int_range (gen->rand, 0,
                                                                (gint32) (last - first + 1)));
  /* Nurseries are shut at weekends; observations from home are not, but
   * they are written up on the next weekday, and these count as that. */
  while (g_date_get_weekday (&date) >= G_DATE_SATURDAY && g_date_get_julian (&date) > first)
    g_date_subtract_days (&date, 1);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gboolean
add_observation (Generator   *gen,
                 const Kid   *kid,
                 GPtrArray   *room_kids,
                 guint        years,
                 GError     **error)
{
  g_autofree char *date = observation_date (gen, kid, years);
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, NULL);
  TandemRecord *record = TANDEM_RECORD (observation);
  const char *id = tandem_record_get_id (record);
  const Kid *friends[2] = { NULL, NULL };
  g_autofree char *text = NULL;
  int roll = g_rand_int_range (gen->rand, 0, 100);
  guint n;

  tandem_record_set_text (record, "author_id",
                          chance (gen, 85)
                          ? kid->keyworker_id
                          : tandem_record_get_id (g_ptr_array_index (gen->keyworkers,
                                                                     g_rand_int_range (gen->rand, 0, (gint32) gen->keyworkers->len))));

  if (roll < 12)
    {
      const TandemDemoHomeNote *notes = _tandem_demo_home_notes (&n);
      const TandemDemoHomeNote *note = &notes[g_rand_int_range (gen->rand, 0, (gint32) n)];
      guint carer = (guint) g_rand_int_range (gen->rand, 0, 2);

      text = _tandem_demo_fill_template (note->text, kid->name, NULL,
                                         carer == 0 ? "Mum" : "Dad");
      tandem_record_set_text (record, "source", TANDEM_SOURCE_HOME);
      tandem_record_set_text (record, "carer_id", kid->carer_ids[carer]);
      tandem_record_set_text (record, "areas", note->areas);
    }
  else
    {
      gboolean group = roll < 22 && room_kids->len > 1;
      const TandemDemoActivity *bank = group ? _tandem_demo_group_activities (&n)
                                             : _tandem_demo_activities (&n);
      const TandemDemoActivity *activity = &bank[g_rand_int_range (gen->rand, 0, (gint32) n)];
      g_autofree char *next_steps = NULL;

      if (group)
        {
          for (guint f = 0; f < (chance (gen, 30) ? 2u : 1u); f++)
            {
              const Kid *other = g_ptr_array_index (room_kids,
                                                    g_rand_int_range (gen->rand, 0,
                                                                      (gint32) room_kids->len));
              if (other != kid && other != friends[0])
                friends[f] = other;
            }
        }

      text = observation_text (gen, kid, activity, friends[0] ? friends[0]->name : NULL);
      next_steps = _tandem_demo_fill_template (activity->next_steps, kid->name, NULL, NULL);
      tandem_record_set_text (record, "areas", activity->areas);
      tandem_record_set_text (record, "characteristics", activity->characteristics);
      tandem_record_set_text (record, "next_steps", next_steps);
      if (activity->ideas_for_home != NULL && chance (gen, 60))
        {
          g_autofree char *ideas = _tandem_demo_fill_template (activity->ideas_for_home,
                                                               kid->name, NULL, NULL);
          tandem_record_set_text (record, "ideas_for_home", ideas);
        }
      if (chance (gen, 10))
        {
          tandem_record_set_bool (record, "shared", FALSE);
          if (chance (gen, 50))
            tandem_record_set_text (record, "internal_note",
                                    pick (gen, _tandem_demo_internal_notes ()));
        }
    }

  tandem_record_set_text (record, "text", text);
  if (!tandem_store_save (gen->store, record, error) || !add_link (gen, id, kid->id, error))
    return FALSE;
  for (guint f = 0; f < G_N_ELEMENTS (friends); f++)
    if (friends[f] != NULL && !add_link (gen, id, friends[f]->id, error))
      return FALSE;

  if (chance (gen, 10))
    return add_comment (gen, kid, id, date, error);
  return TRUE;
}

/* About 100 observations per child per year of @years in all, so that 120
 * children over five years give about 60,000. The first child has a journal
 * of at least 2,000, the size that tests a timeline's scrolling; the rest is
 * shared among the others. About one in ten is a group observation with one
 * or two others from the same room. The generator saves records directly
 * (they are valid by construction) but, like everything, through the store,
 * so the change log is complete. */
static gboolean
add_journals (Generator  *gen,
              guint       years,
              GError    **error)
{
  guint n_kids = gen->kids->len;
  guint64 total = (guint64) n_kids * years * 100;
  guint64 heavy = n_kids > 1 ? MIN (MAX (total / n_kids, 2000), total / 2) : total;
  g_autoptr(GPtrArray) by_room = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint r = 0; r < gen->rooms->len; r++)
    g_ptr_array_add (by_room, g_ptr_array_new ());
  for (guint i = 0; i < n_kids; i++)
    {
      Kid *kid = g_ptr_array_index (gen->kids, i);

      g_ptr_array_add (g_ptr_array_index (by_room, kid->room), kid);
    }

  for (guint i = 0; i < n_kids; i++)
    {
      Kid *kid = g_ptr_array_index (gen->kids, i);
      guint64 count = i == 0 ? heavy
                             : (total - heavy) / (n_kids - 1) +
                               (i - 1 < (total - heavy) % (n_kids - 1) ? 1 : 0);

      for (guint64 k = 0; k < count; k++)
        if (!add_observation (gen, kid, g_ptr_array_index (by_room, kid->room), years, error))
          return FALSE;
    }

  return TRUE;
}

/* Meetings: what was talked about, said and agreed, for a child named
 * {name} and a family member {carer} ("Mum", "Dad"). */

static const char * const meeting_notes[] = {
  "{name} has settled well and has firm friends in the room. We talked about what {name} "
  "enjoys most and agreed the next steps below.",
  "We looked at {name}’s learning journal together. {name} is making good progress with "
  "talking and with playing alongside others.",
  "We went through the progress summary. {name} is confident outdoors and is beginning to "
  "take turns in small groups.",
  "{name} is becoming more independent at lunch and in the bathroom. We agreed how to keep "
  "this going at home and at nursery.",
  "{name} is curious and busy, and loves stories. We talked about getting ready for the next "
  "room and what will help.",
};

static const char * const meeting_contributions[] = {
  "{carer}: “{name} talks about nursery all the time and sings the songs at home.”",
  "{carer}: “We’ve noticed {name} is much more confident at the park now.”",
  "{carer}: “Bedtimes are still hard. We would like some ideas.”",
  "{carer}: “{name} loves helping to cook and counts everything — the eggs, the spoons, the "
  "stairs.”",
  "{carer}: “We want {name} to keep our language at home as well as learning English here.”",
  "{carer}: “{name} has started drawing us, with very long arms!”",
};

static const struct {
  const char *topic;
  const char *family_view;
  const char *setting_view;
  const char *resolution;
  gboolean    resolved;
} meeting_views[] = {
  { "Potty training",
    "The family would like to start potty training straight away.",
    "The keyworker thought that waiting a few weeks, until {name} shows more signs of being "
    "ready, would make it easier for {name}.",
    "Agreed to start after the half-term holiday, using the same words at home and at "
    "nursery.", TRUE },
  { "Screen time in the evening",
    "The family finds that a tablet helps {name} calm down in the evenings.",
    "The setting suggested a story or a bath as part of winding down before bed.",
    "Agreed to try a story first and keep the tablet for long car journeys.", TRUE },
  { "Moving up to the next room",
    "The family would like {name} to move up now, with friends.",
    "The setting would like {name} to stay a few more weeks to finish settling.",
    NULL, FALSE },
  { "Naps at nursery",
    "The family would like {name} not to nap at nursery, so that bedtime is easier.",
    "Staff see that {name} is very tired by early afternoon.",
    "Agreed a short nap of no more than 45 minutes, before half past one.", TRUE },
};

static const struct {
  const char *what;
  const char *owner;
} meeting_actions[] = {
  { "Send home ideas to support {name}’s talking", TANDEM_ACTION_OWNER_SETTING },
  { "Send home the words of the songs {name} sings at nursery", TANDEM_ACTION_OWNER_SETTING },
  { "Bring in photos of {name}’s family for the family wall", TANDEM_ACTION_OWNER_CARER },
  { "Try the bedtime routine we talked about and say how it goes", TANDEM_ACTION_OWNER_CARER },
  { "Arrange a hearing test for {name}", TANDEM_ACTION_OWNER_PROFESSIONAL },
  { "Arrange visits to the next room with a familiar adult", TANDEM_ACTION_OWNER_SETTING },
  { "Practise putting on coat and shoes at home", TANDEM_ACTION_OWNER_CARER },
  { "Add the agreed next steps to {name}’s learning journal", TANDEM_ACTION_OWNER_SETTING },
  { "See {name} at the next clinic and share the advice with the family and the keyworker",
    TANDEM_ACTION_OWNER_PROFESSIONAL },
};

static const char * const meeting_times[] = {
  "08:45", "09:15", "10:00", "11:30", "13:00", "14:00", "15:30", "16:15", "17:00", "17:30",
};

static char *
iso_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
days_after (const GDate *date,
            int          days)
{
  GDate later = *date;

  g_date_add_days (&later, (guint) days);
  return iso_date (&later);
}

static const char *
meeting_kind (const Kid   *kid,
              const GDate *date,
              gboolean     first,
              gboolean    *two_year_done,
              gboolean    *transition_done)
{
  int months = (int) ((g_date_get_julian (date) - g_date_get_julian (&kid->birth)) / 30.44);

  if (first)
    return "settling_in";
  if (!*two_year_done && months >= 24 && months < 36)
    {
      *two_year_done = TRUE;
      return "two_year_check";
    }
  if (!*transition_done && months >= 52)
    {
      *transition_done = TRUE;
      return "transition";
    }
  return kid->send ? "plan_review" : "progress_review";
}

static gboolean
add_action (Generator    *gen,
            const Kid    *kid,
            TandemRecord *meeting,
            const GDate  *date,
            guint         position,
            GError      **error)
{
  guint which = (guint) g_rand_int_range (gen->rand, 0, (gint32) G_N_ELEMENTS (meeting_actions));
  g_autofree char *what = _tandem_demo_fill_template (meeting_actions[which].what, kid->name,
                                                      NULL, NULL);
  const char *owner = meeting_actions[which].owner;
  g_autoptr(TandemAction) action = tandem_action_new (tandem_record_get_id (meeting), kid->id,
                                                      what, owner);
  TandemRecord *record = TANDEM_RECORD (action);
  int due = g_rand_int_range (gen->rand, 14, 61);
  g_autofree char *due_on = days_after (date, due);
  g_autofree char *today = iso_date (&gen->today);

  if (g_str_equal (owner, TANDEM_ACTION_OWNER_CARER))
    tandem_record_set_text (record, "owner_carer_id",
                            kid->carer_ids[g_rand_int_range (gen->rand, 0, 2)]);
  else if (g_str_equal (owner, TANDEM_ACTION_OWNER_PROFESSIONAL))
    tandem_record_set_text (record, "owner_name", PICK (gen, professionals));
  tandem_record_set_text (record, "due_on", due_on);
  tandem_record_set_int (record, "position", position);

  /* Most actions are done, a few late; those not yet due are sometimes
   * done early. */
  if (strcmp (due_on, today) < 0 ? chance (gen, 88) : chance (gen, 25))
    {
      guint32 first = g_date_get_julian (date) + 1;
      guint32 last = MAX (first, MIN (g_date_get_julian (date) + (guint32) due + 7,
                                      g_date_get_julian (&gen->today)));
      GDate done;
      g_autofree char *done_on = NULL;

      g_date_clear (&done, 1);
      g_date_set_julian (&done, first + (guint32) g_rand_int_range (gen->rand, 0,
                                                                    (gint32) (last - first + 1)));
      done_on = iso_date (&done);
      tandem_record_set_text (record, "done_on", done_on);
    }

  return tandem_store_save (gen->store, record, error);
}

static gboolean
add_meeting_link (Generator    *gen,
                  TandemRecord *meeting,
                  const char   *carer_id,
                  gboolean      attended,
                  GError      **error)
{
  g_autoptr(TandemRecord) link = tandem_record_new (TANDEM_TYPE_MEETING_CARER);

  tandem_record_set_text (link, "meeting_id", tandem_record_get_id (meeting));
  tandem_record_set_text (link, "carer_id", carer_id);
  tandem_record_set_bool (link, "attended", attended);
  return tandem_store_save (gen->store, link, error);
}

/* One meeting with a child's family, and if it has happened what was said
 * and agreed. Saved record by record (valid by construction) rather than
 * through tandem_meetings_save(), whose checks would only slow the
 * generator down. */
static gboolean
add_meeting (Generator    *gen,
             const Kid    *kid,
             const char   *kind,
             const GDate  *date,
             const GDate  *next,
             GError      **error)
{
  g_autofree char *meets_on = iso_date (date);
  g_autoptr(TandemMeeting) meeting = tandem_meeting_new (kid->id, kind, meets_on);
  TandemRecord *record = TANDEM_RECORD (meeting);
  gboolean past = g_date_compare (date, &gen->today) < 0;
  gboolean cancelled = past && chance (gen, 4);
  gboolean held = past && !cancelled;
  int format = g_rand_int_range (gen->rand, 0, 100);
  int notice = g_rand_int_range (gen->rand, 7, 22);
  GDate sent = *date;

  tandem_record_set_text (record, "status", held ? TANDEM_MEETING_HELD
                                          : cancelled ? TANDEM_MEETING_CANCELLED
                                                      : TANDEM_MEETING_PLANNED);
  tandem_record_set_text (record, "starts_at", PICK (gen, meeting_times));
  tandem_record_set_int (record, "duration_minutes", chance (gen, 50) ? 30 : 45);
  tandem_record_set_text (record, "format", format < 80 ? "in_person"
                                          : format < 90 ? "phone"
                                          : format < 95 ? "video" : "home_visit");
  g_date_subtract_days (&sent, (guint) notice);
  if (g_date_compare (&sent, &gen->today) <= 0)
    {
      g_autofree char *sent_on = iso_date (&sent);

      tandem_record_set_text (record, "invitation_sent_on", sent_on);
    }

  if (held)
    {
      g_autofree char *notes = _tandem_demo_fill_template (PICK (gen, meeting_notes), kid->name,
                                                           NULL, NULL);
      g_autofree char *said = _tandem_demo_fill_template (PICK (gen, meeting_contributions),
                                                          kid->name, NULL,
                                                          chance (gen, 65) ? "Mum" : "Dad");

      tandem_record_set_text (record, "notes", notes);
      tandem_record_set_text (record, "family_contributions", said);
      if (next != NULL)
        {
          g_autofree char *next_on = iso_date (next);

          tandem_record_set_text (record, "next_meeting_on", next_on);
        }
    }

  if (!tandem_store_save (gen->store, record, error) ||
      !add_meeting_link (gen, record, kid->carer_ids[0], held && chance (gen, 90), error) ||
      !add_meeting_link (gen, record, kid->carer_ids[1], held && chance (gen, 60), error))
    return FALSE;

  if (!held)
    return TRUE;

  if (chance (gen, 20))
    {
      guint v = (guint) g_rand_int_range (gen->rand, 0, (gint32) G_N_ELEMENTS (meeting_views));
      g_autoptr(TandemRecord) view = tandem_record_new (TANDEM_TYPE_MEETING_VIEW);
      g_autofree char *setting_view = _tandem_demo_fill_template (meeting_views[v].setting_view,
                                                                  kid->name, NULL, NULL);
      g_autofree char *family_view = _tandem_demo_fill_template (meeting_views[v].family_view,
                                                                 kid->name, NULL, NULL);

      tandem_record_set_text (view, "meeting_id", tandem_record_get_id (record));
      tandem_record_set_text (view, "topic", meeting_views[v].topic);
      tandem_record_set_text (view, "family_view", family_view);
      tandem_record_set_text (view, "setting_view", setting_view);
      tandem_record_set_text (view, "resolution", meeting_views[v].resolution);
      tandem_record_set_bool (view, "resolved", meeting_views[v].resolved);
      if (!tandem_store_save (gen->store, view, error))
        return FALSE;
    }

  for (guint a = 0, n = (guint) g_rand_int_range (gen->rand, 1, 4); a < n; a++)
    if (!add_action (gen, kid, record, date, a, error))
      return FALSE;

  return TRUE;
}

/* A weekday on or after @date. */
static void
to_weekday (GDate *date)
{
  while (g_date_get_weekday (date) >= G_DATE_SATURDAY)
    g_date_add_days (date, 1);
}

/* About one meeting a term for each child: a settling-in meeting three weeks
 * after starting, then one every four months or so (the two-year check at
 * the right age, a support plan review for a child on the SEND register, a
 * transition meeting before school), up to the next one still to come. */
static gboolean
add_meetings (Generator  *gen,
              GError    **error)
{
  GDate horizon = gen->today;

  g_date_add_days (&horizon, 45);

  for (guint i = 0; i < gen->kids->len; i++)
    {
      Kid *kid = g_ptr_array_index (gen->kids, i);
      gboolean two_year_done = FALSE, transition_done = FALSE;
      GDate date = kid->start;

      if (!g_date_valid (&kid->start) || !g_date_valid (&kid->birth))
        continue;

      g_date_add_days (&date, 21);
      to_weekday (&date);
      for (gboolean first = TRUE; g_date_compare (&date, &horizon) <= 0; first = FALSE)
        {
          GDate next = date;
          const char *kind = meeting_kind (kid, &date, first, &two_year_done, &transition_done);

          g_date_add_days (&next, (guint) g_rand_int_range (gen->rand, 110, 135));
          to_weekday (&next);
          if (!add_meeting (gen, kid, kind, &date, &next, error))
            return FALSE;
          date = next;
        }
    }

  return TRUE;
}

/* Support plans: what a SENCO might write for a child named {name} and
 * hear from a family member {carer}. Pronoun-free, so that they fit any
 * child. */

static const struct {
  const char *area;
  const char *term;
  const char *outcome;
  const char *success;
  const char *strategies;
  const char *home_help;
  const char *what;
  const char *how_often;
} plan_outcomes[] = {
  { "communication", TANDEM_PLAN_TERM_SHORT,
    "{name} puts two words together to ask for things at snack time.",
    "{name} asks with two words (“more apple”, “my cup”) at most snack times without a "
    "prompt.",
    "Model two-word phrases, offer a choice of two real things and wait.",
    "Offer choices at home too, and wait a moment so that {name} can ask.",
    "Small-group language sessions", "3 times a week, 15 minutes" },
  { "communication", TANDEM_PLAN_TERM_SHORT,
    "{name} takes turns in a simple game with one friend and an adult.",
    "{name} plays a turn-taking game for five minutes, saying or signing “my turn”.",
    "Short, predictable games with a “my turn” card and a sand timer.",
    "Roll a ball or build a tower a brick each, saying “my turn, your turn”.",
    "Turn-taking games in a small group", "4 times a week, 10 minutes" },
  { "communication", TANDEM_PLAN_TERM_LONG,
    "{name} tells a familiar adult about something that happened, in short sentences.",
    "{name} tells the keyworker or the family about the day in sentences of three or four "
    "words.",
    "A talking book of photos of the week; comment rather than question; time to talk at home "
    "time.",
    "Look at the talking book together and talk about the photos in your home language.",
    "Talking book of photos to share at home", "Every Friday" },
  { "cognition", TANDEM_PLAN_TERM_SHORT,
    "{name} matches and sorts things by colour in play.",
    "{name} sorts a basket of toys into two colours without help.",
    "Sorting games with real objects; name the colours as {name} plays.",
    "Sort the washing or the shopping together by colour.",
    "Sorting and matching games", "3 times a week" },
  { "cognition", TANDEM_PLAN_TERM_LONG,
    "{name} joins in with counting rhymes and counts up to five things.",
    "{name} counts five objects, touching each one, in any language.",
    "Counting rhymes with props; count real things through the day.",
    "Count the stairs, the spoons and the buttons together.",
    "Number rhymes group", "Every day, 10 minutes" },
  { "semh", TANDEM_PLAN_TERM_SHORT,
    "{name} moves between activities with a “now and next” card, without becoming upset.",
    "{name} moves from the carpet to snack and from outside to inside calmly on most days.",
    "A “now and next” board and a one-minute warning before each change.",
    "Use a small “now and next” strip for getting ready in the morning.",
    "Visual timetable and “now and next” board", "At every change of activity" },
  { "semh", TANDEM_PLAN_TERM_LONG,
    "{name} plays alongside other children and lets them join in the game.",
    "{name} shares a game with a friend for ten minutes with an adult nearby.",
    "An adult models joining in; small groups of two or three; praise for sharing.",
    "Invite a friend to the park and play a simple game together.",
    "Small-group play with an adult", "3 times a week, 20 minutes" },
  { "sensory", TANDEM_PLAN_TERM_SHORT,
    "{name} stays for the hello song at group time, with ear defenders if wanted.",
    "{name} stays with the group, or at its edge, for the whole song on most days.",
    "Warn {name} before music and noisy times; ear defenders offered, never insisted on.",
    "Try the ear defenders in busy shops, and tell us what helps.",
    "Ear defenders and a quiet corner", "Every session" },
  { "sensory", TANDEM_PLAN_TERM_SHORT,
    "{name} tells an adult when {name} needs the toilet.",
    "{name} asks for the toilet, in words or with the picture card, most times.",
    "The same words at home and at nursery; a picture sequence on the toilet door.",
    "Use the same words and pictures at home, and praise every try.",
    "Toilet routine with a picture sequence", "At every change" },
  { "sensory", TANDEM_PLAN_TERM_LONG,
    "{name} climbs the garden steps and uses the low slide on their own.",
    "{name} climbs and slides independently, choosing to do so every day.",
    "Physiotherapy exercises built into outdoor games; an adult nearby, not holding on.",
    "Climbing at the park, one step at a time, with no need to hurry.",
    "Physiotherapy exercises in outdoor play", "3 times a week, 15 minutes" },
};

static const char * const plan_strengths[] = {
  "{name} is kind and gentle with younger children, and loves stories and songs.",
  "{name} has a great memory for routines and knows where everything lives in the room.",
  "{name} is curious and determined, and keeps trying when things are hard.",
  "{name} is a wonderful builder and loves the train track and the blocks.",
  "{name} has a big laugh, loves being outside and makes friends with the adults quickly.",
};

static const char * const plan_matters[] = {
  "Family, the garden at nursery, and the water tray.",
  "Trains, buses and anything with wheels. Knowing what happens next.",
  "Songs and rhymes, especially in the home language. Cuddles at pick-up.",
  "Animals, the sensory room and the quiet corner.",
};

static const char * const plan_support[] = {
  "Get down to {name}’s level, use short sentences and wait for an answer.",
  "Warn {name} before changes, with a picture, and give time to finish.",
  "Keep groups small, and let {name} watch before joining in.",
  "Offer rests before {name} asks, and praise the trying as much as the doing.",
};

static const char * const plan_needs[] = {
  "Understands more than {name} can say; mostly single words in both languages.",
  "Needs help to learn through play; finds it hard to stay with an activity.",
  "Finds changes of routine and big groups hard, and can become very upset.",
  "Sensitive to noise and busy places; tires quickly and finds climbing hard.",
};

static const char * const plan_family_views[] = {
  "{carer}: “{name} is happy at home and loves the songs from nursery. We want {name} to be "
  "ready for school.”",
  "{carer}: “We’ve seen real progress since the last plan. Bedtimes are still hard.”",
  "{carer}: “{name} talks much more at home than at nursery. We use the pictures you gave us "
  "every day.”",
  "{carer}: “We worry about the noise in the big hall at school. The ear defenders help at "
  "the shops.”",
  "{carer}: “We would like to know what we can do at home to help.”",
};

static const char * const plan_child_views[] = {
  "{name} chose the photos of the garden and the water tray as favourite places.",
  "{name} pointed to the train track and said “mine!”, and turned away from the photo of "
  "the hall.",
  "{name} sorted the photos into “like” and “don’t like”: the slide is a like, the hand "
  "dryer a don’t like.",
  "Watching {name} over two weeks: always goes to the quiet corner after lunch, and to the "
  "sand first thing.",
};

static const char * const plan_views_how[] = {
  "Choosing between photos", "Observed preferences over two weeks", "Talking with the "
  "keyworker", "A “like” and “don’t like” board",
};

static const struct {
  const char *name;
  const char *role;
  const char *service;
} plan_professionals[] = {
  { "Rhian Parry", "Speech and language therapist", "Children’s Speech and Language Therapy" },
  { "Sarah Knight", "Health visitor", "Health visiting team" },
  { "Owen Jenkins", "Paediatric physiotherapist", "Children’s Physiotherapy" },
  { "Gwen Harries", "Area SENCO", "Early Years Inclusion Service" },
  { "Lowri Bevan", "Portage home visitor", "Portage Service" },
  { "Mei Lin", "Educational psychologist", "Educational Psychology Service" },
};

static const char * const review_next_steps[] = {
  "Keep going with the same strategies at home and at nursery.",
  "Add a new short-term outcome, as this one is nearly achieved.",
  "Ask the professional involved for updated advice before the next review.",
  "Share the key words and pictures with the family each week.",
};

/* A rating the same as the last one or a step further along. */
static int
next_rank (Generator *gen,
           int        rank)
{
  int step;

  if (rank < 0)
    return g_rand_int_range (gen->rand, 0, 2);
  /* Not inside MIN (), which would roll twice. */
  step = chance (gen, 55) ? 1 : 0;
  return MIN (4, rank + step);
}

static void
set_filled (Generator    *gen,
            TandemRecord *record,
            const char   *field,
            const char   *text,
            const Kid    *kid)
{
  g_autofree char *filled = _tandem_demo_fill_template (text, kid->name, NULL,
                                                        chance (gen, 65) ? "Mum" : "Dad");

  tandem_record_set_text (record, field, filled);
}

static char *
date_plus (const GDate *date,
           int          days)
{
  GDate later = *date;

  g_date_add_days (&later, (guint) days);
  to_weekday (&later);
  return iso_date (&later);
}

/* The one-page profile, needs in one or two areas, views and the
 * professionals involved. About one first plan in seven says nothing yet
 * about the child's strengths, so the app has some to warn about. */
static void
fill_profile (Generator       *gen,
              const Kid       *kid,
              TandemPlan      *plan,
              TandemPlanParts *parts)
{
  TandemRecord *record = TANDEM_RECORD (plan);
  const char * const *areas = tandem_plan_areas ();
  guint n_areas = g_strv_length ((char **) areas);
  guint first = (guint) g_rand_int_range (gen->rand, 0, (gint32) n_areas);

  if (chance (gen, 86))
    set_filled (gen, record, "strengths", PICK (gen, plan_strengths), kid);
  set_filled (gen, record, "what_matters", PICK (gen, plan_matters), kid);
  set_filled (gen, record, "how_to_support", PICK (gen, plan_support), kid);
  set_filled (gen, record, tandem_plan_area_field (areas[first]), plan_needs[first], kid);
  if (chance (gen, 40))
    {
      guint second = (first + 1) % n_areas;

      set_filled (gen, record, tandem_plan_area_field (areas[second]), plan_needs[second], kid);
    }
  set_filled (gen, record, "family_views", PICK (gen, plan_family_views), kid);
  set_filled (gen, record, "child_views", PICK (gen, plan_child_views), kid);
  tandem_record_set_text (record, "child_views_how", PICK (gen, plan_views_how));

  for (guint i = 0, n = (guint) g_rand_int_range (gen->rand, 1, 3); i < n; i++)
    {
      guint which = (guint) g_rand_int_range (gen->rand, 0,
                                              (gint32) G_N_ELEMENTS (plan_professionals));
      TandemRecord *professional = tandem_record_new (TANDEM_TYPE_PLAN_PROFESSIONAL);
      g_autofree char *contact = g_strdup_printf ("029 2018 0%03u",
                                                  (guint) g_rand_int_range (gen->rand, 0, 1000));

      tandem_record_set_text (professional, "name", plan_professionals[which].name);
      tandem_record_set_text (professional, "role", plan_professionals[which].role);
      tandem_record_set_text (professional, "service", plan_professionals[which].service);
      tandem_record_set_text (professional, "contact", contact);
      g_ptr_array_add (parts->professionals, professional);
    }
}

static void
add_plan_outcome (Generator       *gen,
                  const Kid       *kid,
                  TandemPlanParts *parts,
                  const GDate     *starts)
{
  guint which = (guint) g_rand_int_range (gen->rand, 0, (gint32) G_N_ELEMENTS (plan_outcomes));
  g_autofree char *text = _tandem_demo_fill_template (plan_outcomes[which].outcome, kid->name,
                                                      NULL, NULL);
  gboolean is_short = g_str_equal (plan_outcomes[which].term, TANDEM_PLAN_TERM_SHORT);
  g_autofree char *target_on = date_plus (starts, is_short ? 42 : 270);
  TandemPlanOutcome *outcome = tandem_plan_outcome_new (NULL, plan_outcomes[which].term, text);
  TandemRecord *record = TANDEM_RECORD (outcome);
  TandemRecord *provision = tandem_record_new (TANDEM_TYPE_PLAN_PROVISION);

  tandem_record_set_text (record, "area", plan_outcomes[which].area);
  set_filled (gen, record, "success_looks_like", plan_outcomes[which].success, kid);
  tandem_record_set_text (record, "target_on", target_on);
  set_filled (gen, record, "strategies", plan_outcomes[which].strategies, kid);
  set_filled (gen, record, "home_help", plan_outcomes[which].home_help, kid);
  g_ptr_array_add (parts->outcomes, outcome);

  tandem_record_set_text (provision, "outcome_id", tandem_record_get_id (record));
  tandem_record_set_text (provision, "what", plan_outcomes[which].what);
  tandem_record_set_text (provision, "who", "Keyworker");
  tandem_record_set_text (provision, "how_often", plan_outcomes[which].how_often);
  tandem_record_set_text (provision, "place", "At nursery");
  g_ptr_array_add (parts->provisions, provision);
}

/* The child's held plan review meeting nearest @date, within three weeks
 * and strictly between @after and today, to hold the review at. */
static TandemRecord *
review_meeting (Generator   *gen,
                GPtrArray   *meetings,
                const GDate *date,
                const GDate *after)
{
  TandemRecord *best = NULL;
  guint32 best_gap = 22;

  for (guint i = 0; i < meetings->len; i++)
    {
      TandemRecord *meeting = g_ptr_array_index (meetings, i);
      GDate on;
      guint32 gap;

      g_date_clear (&on, 1);
      g_date_set_parse (&on, tandem_record_get_text (meeting, "meets_on"));
      if (!g_date_valid (&on) || g_date_compare (&on, after) <= 0 ||
          g_date_compare (&on, &gen->today) >= 0)
        continue;
      gap = (guint32) ABS ((gint64) g_date_get_julian (&on) - (gint64) g_date_get_julian (date));
      if (gap < best_gap)
        {
          best = meeting;
          best_gap = gap;
        }
    }
  return best;
}

/* Records one review: every outcome rated, an observation or two since the
 * last review linked as evidence. */
static gboolean
add_review (Generator   *gen,
            const Kid   *kid,
            const char  *plan_id,
            GHashTable  *ranks,
            const GDate *date,
            const GDate *since,
            const char  *meeting_id,
            const char  *next_review_on,
            GError     **error)
{
  g_autoptr(TandemPlanParts) parts = tandem_plans_load_parts (gen->store, plan_id, error);
  g_autoptr(TandemPlanReviewParts) review_parts = tandem_plan_review_parts_new ();
  g_autoptr(TandemPlanReview) review = NULL;
  g_autofree char *held_on = iso_date (date);
  g_autofree char *from = iso_date (since);
  TandemRecord *record;

  if (parts == NULL)
    return FALSE;

  review = (TandemPlanReview *) tandem_record_new (TANDEM_TYPE_PLAN_REVIEW);
  record = TANDEM_RECORD (review);
  tandem_record_set_text (record, "plan_id", plan_id);
  tandem_record_set_text (record, "held_on", held_on);
  tandem_record_set_text (record, "meeting_id", meeting_id);
  tandem_record_set_text (record, "next_review_on", next_review_on);
  set_filled (gen, record, "family_views", PICK (gen, plan_family_views), kid);
  set_filled (gen, record, "child_views", PICK (gen, plan_child_views), kid);
  tandem_record_set_text (record, "next_steps", PICK (gen, review_next_steps));

  for (guint o = 0; o < parts->outcomes->len; o++)
    {
      const char *outcome_id = tandem_record_get_id (g_ptr_array_index (parts->outcomes, o));
      TandemRecord *progress = tandem_record_new (TANDEM_TYPE_PLAN_PROGRESS);
      int rank = next_rank (gen, GPOINTER_TO_INT (g_hash_table_lookup (ranks, outcome_id)) - 1);

      g_hash_table_insert (ranks, g_strdup (outcome_id), GINT_TO_POINTER (rank + 1));
      tandem_record_set_text (progress, "outcome_id", outcome_id);
      tandem_record_set_text (progress, "progress", tandem_plan_progress_levels ()[rank]);
      g_ptr_array_add (review_parts->progress, progress);
    }

  if (parts->outcomes->len > 0 && chance (gen, 80))
    {
      TandemJournalFilter filter = TANDEM_JOURNAL_FILTER_INIT;
      g_autoptr(GPtrArray) ids = NULL;

      filter.shared = 1;
      filter.from = from;
      filter.to = held_on;
      ids = tandem_journal_list_ids (gen->store, kid->id, &filter, error);
      if (ids == NULL)
        return FALSE;
      for (guint e = 0, n = MIN (ids->len, (guint) g_rand_int_range (gen->rand, 1, 3)); e < n;
           e++)
        {
          TandemRecord *evidence = tandem_record_new (TANDEM_TYPE_PLAN_EVIDENCE);
          TandemRecord *outcome = g_ptr_array_index (parts->outcomes,
                                                     g_rand_int_range (gen->rand, 0,
                                                                       (gint32) parts->outcomes->len));

          /* Different observations, from across the weeks since the last review. */
          tandem_record_set_text (evidence, "outcome_id", tandem_record_get_id (outcome));
          tandem_record_set_text (evidence, "observation_id",
                                  g_ptr_array_index (ids, (e * ids->len) / n));
          g_ptr_array_add (review_parts->evidence, evidence);
        }
    }

  return tandem_plans_record_review (gen->store, plan_id, review, review_parts, error);
}

static gboolean
set_plan_status (Generator   *gen,
                 const char  *plan_id,
                 const char  *status,
                 const char  *closed_on,
                 GError     **error)
{
  g_autoptr(TandemRecord) plan = tandem_store_load (gen->store, TANDEM_TYPE_PLAN, plan_id, error);
  g_autoptr(TandemPlanParts) parts = NULL;

  if (plan == NULL)
    return FALSE;
  parts = tandem_plans_load_parts (gen->store, plan_id, error);
  if (parts == NULL)
    return FALSE;
  tandem_record_set_text (plan, "status", status);
  if (closed_on != NULL)
    {
      tandem_record_set_text (plan, "closed_on", closed_on);
      tandem_record_set_text (plan, "next_review_on", NULL);
    }
  return tandem_plans_save (gen->store, TANDEM_PLAN (plan), parts, error);
}

/* A child's support plans from a month or few after starting: reviewed
 * about every three months, at the family's plan review meeting when one
 * falls near the date. Some plans are closed at a review and a new one
 * carries on from them. The current plan is usually active; one that has
 * just been started is a draft, and one whose review is near or missed is
 * under review. */
static gboolean
add_child_plans (Generator  *gen,
                 const Kid  *kid,
                 GError    **error)
{
  const char * const params[] = { kid->id, NULL };
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *from_plan = NULL;
  GDate starts = kid->start;
  GDate month_ago = gen->today;

  g_date_add_days (&starts, (guint) g_rand_int_range (gen->rand, 30, 150));
  to_weekday (&starts);
  /* A child who started recently has a first draft. */
  if (g_date_compare (&starts, &gen->today) >= 0)
    {
      starts = gen->today;
      g_date_subtract_days (&starts, (guint) g_rand_int_range (gen->rand, 0, 10));
      if (g_date_compare (&starts, &kid->start) < 0)
        starts = kid->start;
    }
  g_date_subtract_days (&month_ago, 30);

  meetings = tandem_store_list (gen->store, TANDEM_TYPE_MEETING,
                                "child_id = ?1 AND status = 'held' AND kind = 'plan_review'",
                                params, error);
  if (meetings == NULL)
    return FALSE;

  for (;;)
    {
      g_autofree char *starts_on = iso_date (&starts);
      g_autoptr(TandemPlan) plan = NULL;
      g_autoptr(TandemPlanParts) parts = NULL;
      g_autofree char *plan_id = NULL;
      gboolean draft = g_date_compare (&starts, &month_ago) > 0;
      int close_after = from_plan == NULL && chance (gen, 60) ? g_rand_int_range (gen->rand, 3, 6)
                                                              : -1;
      int n_reviews = 0;
      GDate since = starts;
      GDate next = starts;
      GDate closed = starts;
      gboolean was_closed = FALSE;
      g_autofree char *next_on = NULL;

      plan = tandem_plans_start (gen->store, kid->id, starts_on, from_plan, error);
      if (plan == NULL)
        return FALSE;
      plan_id = g_strdup (tandem_record_get_id (TANDEM_RECORD (plan)));

      if (from_plan != NULL)
        {
          parts = tandem_plans_load_parts (gen->store, plan_id, error);
          if (parts == NULL)
            return FALSE;
          /* Carried-on outcomes get targets within the new plan. */
          for (guint o = 0; o < parts->outcomes->len; o++)
            {
              TandemRecord *outcome = g_ptr_array_index (parts->outcomes, o);
              const char *target_on = tandem_record_get_text (outcome, "target_on");

              if (target_on == NULL || strcmp (target_on, starts_on) <= 0)
                {
                  g_autofree char *later = date_plus (&starts, 42);

                  tandem_record_set_text (outcome, "target_on", later);
                }
            }
        }
      else
        {
          parts = tandem_plan_parts_new ();
          fill_profile (gen, kid, plan, parts);
        }
      do
        add_plan_outcome (gen, kid, parts, &starts);
      while (parts->outcomes->len < 2 || (parts->outcomes->len < 4 && chance (gen, 30)));

      g_date_add_days (&next, (guint) g_rand_int_range (gen->rand, 84, 99));
      to_weekday (&next);
      next_on = iso_date (&next);
      if (!draft)
        {
          tandem_record_set_text (TANDEM_RECORD (plan), "status", TANDEM_PLAN_ACTIVE);
          tandem_record_set_text (TANDEM_RECORD (plan), "next_review_on", next_on);
        }
      if (!tandem_plans_save (gen->store, plan, parts, error))
        return FALSE;
      if (draft)
        return TRUE;

      while (g_date_compare (&next, &gen->today) < 0)
        {
          GDate held = next;
          GDate following;
          TandemRecord *meeting = review_meeting (gen, meetings, &next, &since);
          g_autofree char *following_on = NULL;
          g_autofree char *held_on = NULL;
          gboolean closing;

          if (meeting != NULL)
            g_date_set_parse (&held, tandem_record_get_text (meeting, "meets_on"));
          following = held;
          g_date_add_days (&following, (guint) g_rand_int_range (gen->rand, 84, 99));
          to_weekday (&following);

          /* The latest review is sometimes late: the plan waits, overdue. */
          if (g_date_compare (&following, &gen->today) >= 0 && chance (gen, 20))
            return set_plan_status (gen, plan_id, TANDEM_PLAN_UNDER_REVIEW, NULL, error);

          closing = ++n_reviews == close_after && g_date_compare (&following, &gen->today) < 0;
          following_on = closing ? NULL : iso_date (&following);
          if (!add_review (gen, kid, plan_id, ranks, &held, &since,
                           meeting ? tandem_record_get_id (meeting) : NULL, following_on,
                           error))
            return FALSE;

          since = held;
          g_date_add_days (&since, 1);
          next = following;

          if (closing)
            {
              closed = held;
              was_closed = TRUE;
              held_on = iso_date (&held);
              if (!set_plan_status (gen, plan_id, TANDEM_PLAN_CLOSED, held_on, error))
                return FALSE;
              break;
            }
        }

      if (!was_closed)
        {
          GDate soon = gen->today;

          /* A review in the coming week is being prepared. */
          g_date_add_days (&soon, 7);
          if (g_date_compare (&next, &soon) <= 0 && chance (gen, 50))
            return set_plan_status (gen, plan_id, TANDEM_PLAN_UNDER_REVIEW, NULL, error);
          return TRUE;
        }

      /* The next plan starts the day the last one closed. */
      g_free (from_plan);
      from_plan = g_steal_pointer (&plan_id);
      starts = closed;
      g_hash_table_remove_all (ranks);
    }
}

/* About one child in six has a support plan: those on the SEND register,
 * and a few more whose plan puts them on SEN support. Written through the
 * plans API so that every review freezes a version, as in the app; there
 * are few enough that it costs little. */
static gboolean
add_plans (Generator  *gen,
           GError    **error)
{
  for (guint i = 0; i < gen->kids->len; i++)
    {
      Kid *kid = g_ptr_array_index (gen->kids, i);

      if (!g_date_valid (&kid->start))
        continue;
      if (!kid->send)
        {
          g_autoptr(TandemRecord) child = NULL;

          if (!chance (gen, 6))
            continue;
          child = tandem_store_load (gen->store, TANDEM_TYPE_CHILD, kid->id, error);
          if (child == NULL)
            return FALSE;
          tandem_record_set_text (child, "send_status", "sen_support");
          if (!tandem_store_save (gen->store, child, error))
            return FALSE;
          kid->send = TRUE;
        }
      if (!add_child_plans (gen, kid, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
generate (Generator  *gen,
          guint       n_children,
          guint       years,
          GError    **error)
{
  g_autoptr(TandemRecord) setting = NULL;

  /* A setting that already has a name keeps it. */
  setting = tandem_store_load (gen->store, TANDEM_TYPE_SETTING, TANDEM_SETTING_ID, NULL);
  if (setting == NULL)
    {
      setting = tandem_record_new (TANDEM_TYPE_SETTING);
      tandem_record_set_id (setting, TANDEM_SETTING_ID);
      tandem_record_set_text (setting, "name", "Generated Nursery");
      if (!tandem_store_save (gen->store, setting, error))
        return FALSE;
    }

  if (!add_rooms_and_keyworkers (gen, n_children, error))
    return FALSE;

  for (guint i = 0; i < n_children; i++)
    if (!add_child (gen, years, i == 0, error))
      return FALSE;

  return add_journals (gen, years, error) && add_meetings (gen, error) &&
         add_plans (gen, error);
}

/**
 * tandem_generate_fill:
 * @store: the store to fill
 * @n_children: how many children
 * @years: how many years back the records reach; no child started earlier
 * @seed: the generator's seed
 * @error: where to put a failure
 *
 * Adds a large synthetic setting: rooms and keyworkers in proportion,
 * @n_children children from the communities of a UK city, each with two
 * carers (some in separate households) and their consents, their learning
 * journals, about one meeting with the family a term, with what was
 * agreed (most of it done), and for the children on the SEND register
 * (about one in six) support plans reviewed about every three months, some
 * closed and carried on into a new plan. The same @seed
 * gives the same names, dates and choices. Everything is written in one
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
tandem_generate_fill (TandemStore  *store,
                      guint         n_children,
                      guint         years,
                      guint32       seed,
                      GError      **error)
{
  Generator gen = { store };
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if (n_children == 0 || years == 0)
    {
      g_set_error_literal (error, TANDEM_CORE_ERROR, TANDEM_CORE_ERROR_INVALID,
                           _("Give at least one child and one year to generate."));
      return FALSE;
    }

  gen.rand = g_rand_new_with_seed (seed);
  gen.rooms = g_ptr_array_new_with_free_func (g_object_unref);
  gen.keyworkers = g_ptr_array_new_with_free_func (g_object_unref);
  gen.kids = g_ptr_array_new_with_free_func (kid_free);
  g_date_clear (&gen.today, 1);
  g_date_set_time_t (&gen.today, time (NULL));

  /* Tens of thousands of records with random UUID keys touch pages all
   * over the change log and field clocks; with SQLite's small default cache
   * the one big transaction spills to disk again and again. */
  sqlite3_exec (tandem_store_get_db (store), "PRAGMA cache_size = -262144", NULL, NULL, NULL);

  ok = tandem_store_begin (store, error);
  if (ok)
    {
      ok = generate (&gen, n_children, years, error);
      if (ok)
        ok = tandem_store_commit (store, error);
      else
        tandem_store_rollback (store);
    }

  sqlite3_exec (tandem_store_get_db (store), "PRAGMA cache_size = -2000", NULL, NULL, NULL);
  g_ptr_array_unref (gen.kids);
  g_ptr_array_unref (gen.keyworkers);
  g_ptr_array_unref (gen.rooms);
  g_rand_free (gen.rand);
  return ok;
}
