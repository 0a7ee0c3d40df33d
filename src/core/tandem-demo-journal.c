/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Tandem authors
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "tandem-blob-store.h"
#include "tandem-demo-private.h"
#include "tandem-journal.h"
#include "tandem-records.h"

/* The learning journals of the sample setting, and the bank of sample
 * writing the generator draws on. Everything here is what a keyworker or a
 * family might have written: warm, specific, in plain words, with next
 * steps that say what the setting will do and ideas for home that need
 * nothing a family would have to buy. */

#define B TANDEM_DEMO_BABIES
#define T TANDEM_DEMO_TODDLERS
#define P TANDEM_DEMO_PRESCHOOL
#define ANY TANDEM_DEMO_ANY_AGE

static const TandemDemoActivity activities[] = {
  /* Babies, 6 months to 2 years */
  { B, "pd.fine_motor,utw.natural_world", "playing",
    "{name} spent a long time at the treasure basket, mouthing the wooden spoon, then banging "
    "it on the metal bowl and stopping to listen to the sound it made.",
    "Add objects that make different sounds (a shaker, a set of keys, a tin with a lid) so "
    "that {name} can keep exploring cause and effect.",
    "A basket of safe kitchen things (a whisk, a wooden spoon, a small pan) makes a lovely "
    "treasure basket at home." },
  { B, "pd.gross_motor,psed.managing_self", "active",
    "{name} pulled up to stand at the low shelf and cruised all the way along to reach the "
    "mirror, then grinned at the baby in it and patted the glass.",
    "Set favourite toys a little further along the furniture to encourage more cruising "
    "steps.",
    "Let {name} practise cruising along the sofa with a favourite toy waiting at the end." },
  { B, "cl.listening,psed.relationships", "playing",
    "We played peekaboo with a chiffon scarf. {name} pulled the scarf off my face every time, "
    "laughing, and then put it back for another turn.",
    "Play more turn-taking games with a familiar adult to build on this lovely back-and-forth.",
    "Peekaboo behind a tea towel or your hands is perfect: pause before the “boo” and "
    "watch {name} wait for it." },
  { B, "cl.speaking,psed.relationships", NULL,
    "During a nappy change {name} babbled “ba-ba-ba” and “da-da” back to me, waiting for "
    "my reply and then answering again, a real conversation.",
    "Keep copying {name}’s sounds and adding a word, so that babbling turns into first words.",
    "Chat back whenever {name} babbles, in whichever language feels natural at home: every "
    "language helps." },
  { B, "pd.fine_motor,ead.materials", "playing,active",
    "{name} explored cooked spaghetti in the tray, squeezing it through both fists and "
    "picking single strands up between finger and thumb.",
    "Offer other textures (jelly, porridge oats, wet sand) to build on this pincer grip.",
    "Let {name} pick up peas or small pieces of soft fruit at mealtimes to practise the "
    "pincer grip." },
  { B, "maths.number,pd.fine_motor", "active",
    "{name} knocked down the tower of stacking cups I built and then tried to put one cup "
    "inside another, turning it until it fitted.",
    "Model “big” and “little” while stacking, and give {name} time to solve it alone.",
    "Plastic tubs and their lids are brilliant stacking and nesting toys." },
  { B, "lit.comprehension,cl.listening", "playing",
    "{name} crawled to the book corner, chose “Dear Zoo” and lifted every flap, patting the "
    "lion and looking up at me for the roar.",
    "Share more lift-the-flap books and leave a pause for {name} to make the animal sounds.",
    "Books from the library in your home language are wonderful: a few minutes a day is "
    "plenty." },
  { B, "ead.imaginative,cl.listening", NULL,
    "At song time {name} rocked backwards and forwards as soon as “Row, row, row your boat” "
    "started, and squealed at the crocodile.",
    "Offer simple instruments (shakers, a drum) during songs for {name} to keep the beat.",
    "Sing the songs you know from your own childhood: {name} loves a rhyme with actions." },
  { B, "utw.natural_world,pd.gross_motor", "playing",
    "Out in the garden {name} sat on the grass, pulling at it and feeling it between both "
    "hands, then crawled over to the pile of autumn leaves to scrunch them.",
    "Give {name} time outside every day with natural things to touch: bark, leaves, stones.",
    "On a walk, stop to let {name} touch a tree trunk or hold a leaf." },
  { B, "psed.managing_self,pd.fine_motor", "active",
    "At lunch {name} held the spoon and scooped up some of the lentil dal, getting most of it "
    "into the mouth and clapping afterwards.",
    "Offer a spoon at every meal and let {name} have a go first, helping only when asked.",
    "A second spoon for {name} while you feed with yours lets {name} practise without a "
    "battle." },
  { B, "psed.self_regulation,psed.relationships", NULL,
    "{name} was upset at drop-off this morning but settled with a cuddle and the blue "
    "blanket from home, then watched the other babies from my lap before crawling off to "
    "play.",
    "Keep the blanket in {name}’s tray and keep drop-off routines the same each day.",
    "A short, cheerful goodbye helps: tell {name} who will be there at home time." },
  { B, "pd.gross_motor,psed.relationships", "playing,active",
    "We rolled the big soft ball to each other. {name} pushed it back with both hands and "
    "crawled after it when it went the wrong way.",
    "Add a tunnel or cushions so that {name} can crawl over and through things.",
    "Rolling a ball back and forth on the floor is a great game for {name} and older "
    "brothers and sisters." },
  { B, "utw.natural_world,maths.number", "playing",
    "At the water tray {name} filled a cup and poured it over the other hand again and again, "
    "watching the water run off.",
    "Add sieves and cups with holes so {name} can see the water behave differently.",
    "Bath time is perfect for pouring: a plastic cup and a colander are all you need." },
  { B, "cl.speaking,utw.natural_world", NULL,
    "{name} pointed at the dog walking past the fence and said “dog!” very clearly, then "
    "pointed again to make sure I had seen it.",
    "Name what {name} points at and add a little more: “Yes, a big brown dog.”",
    "Name the things {name} points at on a walk, in your home language or English." },

  /* Toddlers, 2 to 3 years */
  { T, "maths.number,pd.fine_motor", "playing",
    "In the sand tray {name} filled a bucket, patted it down and turned it over, counting "
    "“one, two, three” before lifting it to make a castle.",
    "Give {name} different sized containers to compare: which holds more sand?",
    "Count out loud together when you climb the stairs or lay the table." },
  { T, "pd.fine_motor,ead.materials", "playing,creating",
    "{name} rolled the playdough into long “snakes”, then squashed them flat with a fist "
    "and laughed, and did it again with the rolling pin.",
    "Add cutters and blunt knives to the playdough to strengthen {name}’s hands further.",
    "Homemade playdough (flour, salt, water and a little oil) keeps for weeks in a bag." },
  { T, "ead.imaginative,cl.speaking", "playing,creating",
    "In the home corner {name} made me “a cup of tea”, stirring it carefully and saying "
    "“Hot! Blow it!” before handing it over.",
    "Add real food packets from different cultures to the home corner to widen the play.",
    "Let {name} help with real jobs in the kitchen: stirring, pouring, washing vegetables." },
  { T, "ead.materials,pd.fine_motor", "creating",
    "{name} painted at the easel with a big brush, covering the paper in red and yellow, and "
    "told me it was “the sun and a fire”.",
    "Offer thinner brushes and sponges, and ask {name} about the painting without guessing.",
    "Painting outside with water and a brush on a wall or fence is mess-free fun." },
  { T, "maths.patterns,pd.fine_motor", "active",
    "{name} worked hard at the shape sorter, turning the triangle round and round until it "
    "dropped through, then shouted “Did it!”.",
    "Introduce simple jigsaws with knobs to build on this persistence.",
    "Talk about shapes you see at home: round plates, square windows." },
  { T, "pd.gross_motor", "active",
    "{name} rode the trike all the way round the garden track, steering round the cones and "
    "pushing with both feet.",
    "Encourage {name} to try the pedals by putting the trike at the top of the gentle slope.",
    "Trips to the park to run, climb and swing are the best exercise there is." },
  { T, "psed.managing_self,pd.fine_motor", "active",
    "At snack time {name} poured water from the small jug into a cup without spilling, and "
    "then poured one for a friend.",
    "Let {name} serve fruit at snack time too, with tongs.",
    "A small jug with a little water lets {name} pour drinks at home." },
  { T, "psed.self_regulation,psed.relationships", NULL,
    "{name} waited for a turn on the slide while two friends went first, then said “my "
    "turn!” and went down with a big smile.",
    "Use a sand timer for popular toys so that {name} can see when a turn will come.",
    "Games where everyone takes turns, like rolling a ball, help with waiting." },
  { T, "lit.comprehension,cl.listening", "playing",
    "We read “We’re Going on a Bear Hunt”. {name} joined in with “swishy swashy” and "
    "hid under the blanket at the bear.",
    "Act the story out in the garden with real grass, mud and a tunnel for the cave.",
    "Read the same favourite story again and again: repetition is how stories stick." },
  { T, "lit.writing,pd.fine_motor", "creating",
    "{name} made big circles and lines with chunky chalk on the playground and said “that’s "
    "Mummy’s name”.",
    "Offer chalks and brushes outside every day; write {name}’s name next to the marks when "
    "asked.",
    "Let {name} “write” the shopping list with you: every mark counts." },
  { T, "utw.natural_world,cl.speaking", "playing",
    "On our bug hunt {name} found a woodlouse under a log, held the magnifier very still and "
    "said “it got lots of legs”.",
    "Make a bug hotel with {name} so the minibeasts come back to visit.",
    "Look under stones on a walk and see who lives there, then put them back gently." },
  { T, "psed.managing_self", "active",
    "{name} put on both wellies without help today (on the right feet!) and zipped up the "
    "coat once I started the zip.",
    "Give {name} time to try every step of getting ready for outside before helping.",
    "Leave a few extra minutes in the morning so {name} can put on shoes and coat." },
  { T, "maths.number,cl.speaking", "active",
    "{name} built a tower of seven bricks, counted them by touching each one, and said "
    "“bigger than me!” before it fell.",
    "Use numbers in everyday routines: how many cups do we need for our table?",
    "Count everyday things together: apples in the bowl, buttons on a coat." },
  { T, "ead.imaginative,utw.people_culture", "playing",
    "With the small-world farm {name} lined up the cows and made them “go to sleep” in the "
    "barn, singing a lullaby in the home language.",
    "Add small-world people and animals from a range of places for {name} to play stories.",
    "Sing the lullabies from your own family to {name}: we would love to learn one too." },

  /* Pre-school, 3 to 4 years */
  { P, "lit.writing,pd.fine_motor", "creating",
    "{name} wrote the first letter of their name on a painting without copying, and then "
    "tried the next two letters with a little help.",
    "Provide name cards and clipboards in the role-play area so {name} can write for a "
    "purpose.",
    "Make a birthday card or a shopping list together and let {name} write any part of it." },
  { P, "lit.word_reading,psed.managing_self", NULL,
    "At self-registration {name} found their own name card among twenty others and "
    "recognised a friend’s name too.",
    "Play name games at carpet time, listening for the first sound of each name.",
    "Point out the letters of {name}’s name on signs and packets when you are out." },
  { P, "lit.comprehension,cl.speaking", "creating",
    "{name} retold “The Three Billy Goats Gruff” with the puppets, using “trip, trap” and "
    "a very deep voice for the troll, and changed the ending so they all became friends.",
    "Give {name} story props to take outside and invent new stories.",
    "Ask {name} to tell you a story at bedtime for a change, and you be the audience." },
  { P, "maths.number", "active",
    "Setting the table for lunch {name} counted six plates, one for each chair, and noticed "
    "“we need one more, Nia is here today”.",
    "Give {name} jobs that need counting and ask “how many more do we need?”.",
    "Ask {name} to count out the spoons or the socks when you are doing jobs together." },
  { P, "maths.patterns,pd.fine_motor", "creating",
    "{name} threaded beads in a red, blue, red, blue pattern and then made up a new one: "
    "“two yellow, one green”.",
    "Look for patterns outdoors and in clothing, and invite {name} to continue them.",
    "Spot patterns on clothes, wrapping paper and fences: which colour comes next?" },
  { P, "pd.gross_motor,ead.materials", "creating,active",
    "{name} led a group building a den from crates and a tarpaulin, working out that the "
    "pegs needed to go on the corners to stop it falling down.",
    "Leave den materials out for a few days so that the building can grow.",
    "A blanket over two chairs makes a wonderful den for reading or a picnic." },
  { P, "utw.natural_world,cl.speaking", "active",
    "{name} planted a sunflower seed, watered it and explained “it needs sun and water and "
    "then it will be tall like my dad”.",
    "Measure the sunflowers every week with {name} and record how much they grew.",
    "Plant a seed in a yoghurt pot on the windowsill at home and watch it grow." },
  { P, "utw.people_culture,cl.speaking", NULL,
    "{name} told the group about the family’s celebration at the weekend: the special food, "
    "new clothes and visiting cousins, and showed us how to say “thank you” at home.",
    "Invite {name}’s family to share a celebration with the class if they would like to.",
    "We would love a photo or something from the celebration for our family board." },
  { P, "utw.past_present,cl.speaking", "creating",
    "Looking at the photo book from home, {name} explained “that was me when I was a baby, "
    "I couldn’t walk then, now I can run fast”.",
    "Make a “when I was little” book with {name} to talk about how we grow and change.",
    "Look at old photos together and talk about what {name} could do then and can do now." },
  { P, "pd.fine_motor", "active",
    "{name} cut along the curved line with the scissors, turning the paper with the other "
    "hand, and cut out a whole circle for the first time.",
    "Offer strips of card to snip and then more complicated shapes.",
    "Snipping old magazines or junk mail with child-safe scissors is great practice." },
  { P, "psed.self_regulation,cl.speaking", NULL,
    "When another child took the bike, {name} came to find me instead of pulling it back, "
    "and then used words: “Can I have it when you finish?”",
    "Praise {name} specifically when problems are solved with words.",
    "When things go wrong at home, help {name} name the feeling: “you were cross because…”" },
  { P, "psed.relationships,psed.managing_self", NULL,
    "{name} noticed a younger child crying at the gate, held the child’s hand and showed the "
    "way to the water tray, staying until the crying stopped.",
    "Give {name} chances to be a helper for younger children at lunchtime.",
    "Tell {name} how kind that was: children grow into the people we say they are." },
  { P, "ead.materials,utw.natural_world", "creating",
    "{name} made a rocket from junk modelling, choosing a tube for the body and a cone for "
    "the top, and explained that the red tissue paper was “the fire that pushes it up”.",
    "Add a few picture books about space and rockets to the making table.",
    "Keep boxes and tubes from the recycling for building at home." },
  { P, "ead.imaginative,pd.gross_motor", "playing",
    "At music time {name} made up a dance to the drum, moving fast for loud beats and "
    "tiptoeing when the drum went quiet.",
    "Play music from different cultures and ask {name} how it makes the body want to move.",
    "Have a kitchen disco: a few songs and a dance together." },
  { P, "lit.word_reading,cl.listening", "playing",
    "{name} joined in with the rhyming game, finding “cat, hat, mat” and then making up "
    "“sat, bat, splat!” with a big laugh.",
    "Play “I spy” with first sounds during tidy-up time.",
    "Play “I spy with my little eye, something beginning with…” on the bus." },
  { P, "pd.gross_motor,utw.natural_world", "active",
    "At forest school {name} jumped in every puddle on the path and then measured which was "
    "deepest with a stick, marking the water line with a finger.",
    "Offer measuring tools outdoors: sticks, tape measures, string.",
    "Wellies and a waterproof make any rainy day an adventure." },
  { P, "cl.speaking,utw.people_culture", "playing",
    "In our Welsh session {name} answered “Bore da” to the register and sang “Mae gen i dipyn "
    "o dŷ bach twt” with the actions.",
    "Use Welsh greetings and counting every day, not only on Tuesdays.",
    "Cyw on S4C has lovely songs to listen to together, whatever language you speak at home." },
  { P, "psed.managing_self", "active",
    "{name} got ready for the garden completely alone: coat on with the “flip trick”, zip "
    "done up, wellies on and hat pulled down.",
    "Let {name} show other children the coat flip trick.",
    "Praise the effort when {name} gets dressed alone, even if the socks do not match." },
};

static const TandemDemoActivity group_activities[] = {
  { B, "psed.relationships,utw.natural_world", "playing",
    "{name} and {friend} sat together at the sensory tray, passing the pine cones to each "
    "other and watching each other’s faces.",
    "Keep offering a shared tray so that {name} can play alongside friends.",
    NULL },
  { B, "ead.imaginative,cl.listening", NULL,
    "{name} and {friend} bounced to the music together at song time, looking at each other "
    "and giggling.",
    "Repeat favourite songs so {name} can anticipate the actions.",
    "Sing “Wind the bobbin up” together at home: it is a favourite here." },
  { T, "psed.relationships,ead.imaginative", "playing,creating",
    "{name} and {friend} played “picnic” on the big blanket, sharing out the play food "
    "and making sure every teddy had a plate.",
    "Provide a real picnic outside so that the play can grow.",
    NULL },
  { T, "pd.gross_motor,psed.relationships", "active",
    "{name} and {friend} pushed each other in the cart round the garden, taking turns to "
    "be the driver without being asked.",
    "Praise the turn-taking specifically: “You shared the cart so well.”",
    NULL },
  { T, "utw.natural_world,cl.speaking", "playing",
    "{name} and {friend} watched the snails on the wall for a long time, and {name} said "
    "“he go slow, he got a house”.",
    "Find a book about snails to look at together tomorrow.",
    "Look for snails after rain and count them together." },
  { P, "ead.materials,psed.relationships", "creating,active",
    "{name} and {friend} built a long marble run across the floor, testing each piece and "
    "agreeing on changes: “put it higher so it goes faster”.",
    "Leave the marble run out and add tubes and guttering outdoors.",
    NULL },
  { P, "maths.number,psed.relationships", "active",
    "{name} and {friend} played the shop, with {name} counting out the coins and {friend} "
    "giving the change: “that’s three pounds, you need one more”.",
    "Add real coins and a price list to the shop.",
    "Let {name} pay for something small at the shop and count the change." },
  { P, "cl.speaking,lit.comprehension", "creating",
    "{name} and {friend} acted out “Goldilocks” for the group, deciding who would be which "
    "bear and what Goldilocks would say at the end.",
    "Offer a stage area with costumes so that the retelling can go on.",
    NULL },
};

static const TandemDemoHomeNote home_notes[] = {
  { NULL, ANY, "pd.fine_motor,psed.managing_self",
    "{carer} sent a photo of {name} helping to make sandwiches at home, spreading the butter "
    "with a blunt knife." },
  { NULL, ANY, "maths.number",
    "{carer} told us at pick-up that {name} counted all the stairs at home, up to twelve, "
    "and does it every night at bedtime now." },
  { NULL, ANY, "utw.natural_world",
    "{carer} shared that {name} loved feeding the ducks at Roath Park Lake at the weekend and "
    "now quacks at every bird." },
  { NULL, B, "pd.gross_motor",
    "{carer} told us that {name} took three steps alone between the sofa and the coffee "
    "table on Sunday: the whole family cheered." },
  { NULL, B, "cl.speaking",
    "{carer} sent a video of {name} saying “bye bye” and waving to the neighbour’s cat." },
  { NULL, T, "ead.imaginative",
    "{carer} wrote on the slip that {name} has been putting teddy to bed every night with "
    "a story, “just like at nursery”." },
  { NULL, T, "psed.managing_self",
    "{carer} told us {name} has been using the potty at home all week and is very proud." },
  { NULL, P, "lit.writing",
    "{carer} sent in a card {name} made for Grandad’s birthday, with the name written inside "
    "and a drawing of the whole family." },
  { NULL, P, "utw.past_present",
    "{carer} told us about a trip to St Fagans museum, where {name} loved the old school and "
    "asked why the children wrote on little boards." },
  { NULL, P, "pd.gross_motor",
    "{carer} shared that {name} rode a balance bike all the way to the park and back without "
    "stopping." },
  { "pl", ANY, "utw.people_culture,psed.relationships",
    "{carer} sent a photo of {name} baking pierogi with babcia, pressing the edges closed "
    "with a fork." },
  { "pl", ANY, "cl.speaking",
    "{carer} told us {name} has started mixing Polish and English words at home: “mama, "
    "more mleko please!”" },
  { "cy", ANY, "utw.people_culture,ead.imaginative",
    "{carer} shared a video of {name} singing “Dacw ’nghariad” with Nain at the Sunday "
    "afternoon concert in the chapel." },
  { "cy", ANY, "cl.speaking",
    "{carer} told us that {name} now says “nos da” to everyone in the house at bedtime." },
  { "ur", ANY, "utw.people_culture",
    "{carer} told us at drop-off that {name} helped to decorate the house with lights for "
    "Eid and wore new clothes to visit the family." },
  { "bn", ANY, "utw.people_culture",
    "{carer} sent a photo of {name} in new clothes for Pohela Boishakh, the Bengali new "
    "year, with cousins at the community centre." },
  { "pa", ANY, "utw.people_culture,psed.relationships",
    "{carer} shared that {name} went to the gurdwara for Vaisakhi and helped to hand out "
    "food at the langar." },
  { "ar", ANY, "utw.people_culture",
    "{carer} told us {name} helped to make ma’amoul for Eid, pressing the dough into the "
    "wooden mould." },
  { "so", ANY, "utw.people_culture,cl.speaking",
    "{carer} told us that {name} has been telling the little brother stories at home in "
    "Somali and English." },
  { "uk", ANY, "utw.people_culture",
    "{carer} sent a photo of {name} painting a pysanka, a Ukrainian Easter egg, with a "
    "grandmother on a video call from Kyiv." },
  { "ro", ANY, "utw.people_culture",
    "{carer} told us {name} tied a red and white mărțișor on everyone’s coat for the first "
    "of March." },
  { "pt", ANY, "ead.imaginative",
    "{carer} shared a video of {name} dancing to fado with avó in the kitchen." },
};

static const TandemDemoComment comments[] = {
  { NULL, "Thank you for this, we’ve been singing it all weekend!", NULL },
  { NULL, "Lovely to see. We’ll try the idea with the pasta at home.", NULL },
  { NULL, "We didn’t know about this! We’ll ask about it at bedtime tonight.", NULL },
  { NULL, "This made our day. Grandma has it on her fridge now.", NULL },
  { NULL, "Does the same at home with the saucepans, very loud!", NULL },
  { NULL, "So proud. Thank you for noticing the little things.", NULL },
  { NULL, "We tried the playdough recipe and it worked. Thank you!", NULL },
  { NULL, "We have been practising this with the stairs at home too.", NULL },
  { "pl", "Dziękujemy! W domu też ciągle śpiewamy tę piosenkę.",
    "Thank you! At home we sing this song all the time too." },
  { "pl", "Cudownie! W weekend spróbujemy zrobić to razem.",
    "Wonderful! We will try doing this together at the weekend." },
  { "cy", "Diolch o galon! Rydyn ni’n gwneud hyn adre hefyd.",
    "Heartfelt thanks! We do this at home too." },
  { "cy", "Gwych! Bydd Nain wrth ei bodd yn gweld y llun.",
    "Great! Nain will love seeing the photo." },
  { "ro", "Mulțumim mult! Acasă facem și noi asta.",
    "Thank you very much! We do this at home too." },
  { "uk", "Дуже дякуємо! Вдома ми теж так граємося.",
    "Thank you very much! We play like this at home too." },
  { "pt", "Muito obrigada! Em casa também fazemos isto.",
    "Thank you so much! We do this at home too." },
  { "ar", "شكراً جزيلاً! نفعل هذا في البيت أيضاً.",
    "Thank you very much! We do this at home too." },
  { "ur", "بہت شکریہ! ہم گھر پر بھی یہ کرتے ہیں۔",
    "Thank you very much! We do this at home too." },
  { "bn", "অনেক ধন্যবাদ! আমরা বাড়িতেও এটা করি।",
    "Thank you very much! We do this at home too." },
  { "pa", "ਬਹੁਤ ਧੰਨਵਾਦ! ਅਸੀਂ ਘਰ ਵੀ ਇਹ ਕਰਦੇ ਹਾਂ।",
    "Thank you very much! We do this at home too." },
};

static const char * const replies[] = {
  "Thank you for telling us! We’ll add more of this to the garden this week.",
  "That’s lovely to hear. Could you send us the words of the song so we can learn it too?",
  "Thank you, we’ll look out for this at nursery as well.",
  "Brilliant, we’ll put the photo on our family board if that’s all right with you.",
  NULL
};

static const char * const internal_notes[] = {
  "Talked with Nia (SENCO) about this. Keep noting words used; revisit at the next review.",
  "Seemed tired all day; Mum mentioned a new baby at home. Watch and offer extra cuddles.",
  "Speech sounds unclear when excited. Add to the monitoring sheet.",
  "Flagged for the two-year check: confident walker, few words yet in either language.",
  "Very quiet in big groups but chatty one to one. Share with the family gently at "
  "parents’ evening.",
  NULL
};

/* Sentences that fit after almost any observation; they widen the
 * vocabulary the generator's search benchmarks run over. */
static const char * const details[] = {
  "It was lovely to see such concentration for so long.",
  "A friend came over to watch and was soon joining in.",
  "Afterwards {name} went straight back to do it all again.",
  "{name} kept checking that I was still watching.",
  "This is the first time we have seen {name} try this.",
  "{name} was very proud and wanted to show everyone.",
  "{name} chatted the whole time, mixing home language and English.",
  "It rained halfway through but nobody wanted to come inside.",
  "The younger children copied {name} straight away.",
  "{name} persevered even when it didn’t work the first time.",
  "We talked about what might happen next, and {name} had lots of ideas.",
  "{name} used gestures and a few words to tell me about it.",
  "Everyone clapped at the end, and {name} did a little bow.",
  "{name} chose to do this independently during free play.",
  "It linked nicely with the story we read this morning.",
  NULL
};

#undef B
#undef T
#undef P
#undef ANY

const TandemDemoActivity *
_tandem_demo_activities (guint *n)
{
  *n = G_N_ELEMENTS (activities);
  return activities;
}

const TandemDemoActivity *
_tandem_demo_group_activities (guint *n)
{
  *n = G_N_ELEMENTS (group_activities);
  return group_activities;
}

const TandemDemoHomeNote *
_tandem_demo_home_notes (guint *n)
{
  *n = G_N_ELEMENTS (home_notes);
  return home_notes;
}

const TandemDemoComment *
_tandem_demo_comments (guint *n)
{
  *n = G_N_ELEMENTS (comments);
  return comments;
}

const char * const *
_tandem_demo_replies (void)
{
  return replies;
}

const char * const *
_tandem_demo_internal_notes (void)
{
  return internal_notes;
}

const char * const *
_tandem_demo_details (void)
{
  return details;
}

char *
_tandem_demo_fill_template (const char *text,
                            const char *name,
                            const char *friend_name,
                            const char *carer)
{
  GString *out = g_string_new (text);

  g_string_replace (out, "{name}", name != NULL ? name : "", 0);
  g_string_replace (out, "{friend}", friend_name != NULL ? friend_name : "a friend", 0);
  g_string_replace (out, "{carer}", carer != NULL ? carer : "Mum", 0);
  return g_string_free (out, FALSE);
}

/* What a keyworker calls a family member in the journal: Mum, Dad, or the
 * family's own word for a grandparent. */
char *
_tandem_demo_carer_word (const char *relationship,
                         const char *language)
{
  if (relationship == NULL)
    return g_strdup ("A family member");
  if (g_str_has_prefix (relationship, "Mother’s partner"))
    return g_strdup ("Mum’s partner");
  if (g_str_has_prefix (relationship, "Mother"))
    return g_strdup ("Mum");
  if (g_str_has_prefix (relationship, "Father"))
    return g_strdup ("Dad");
  if (g_str_has_prefix (relationship, "Grandmother"))
    {
      if (g_strcmp0 (language, "cy") == 0)
        return g_strdup ("Nain");
      if (g_strcmp0 (language, "pa") == 0 || g_strcmp0 (language, "ur") == 0)
        return g_strdup ("Dadi");
      if (g_strcmp0 (language, "pl") == 0)
        return g_strdup ("Babcia");
      return g_strdup ("Grandma");
    }
  if (g_str_has_prefix (relationship, "Grandfather"))
    return g_strdup (g_strcmp0 (language, "cy") == 0 ? "Taid" : "Grandad");
  if (g_str_has_prefix (relationship, "Foster carer"))
    return g_strdup ("The foster carer");
  return g_strdup (relationship);
}

/* A soft colour, as in a photo of a nursery room or garden. */
static void
random_colour (GRand  *rand,
               guint8  rgb[3],
               int     low)
{
  for (guint i = 0; i < 3; i++)
    rgb[i] = (guint8) g_rand_int_range (rand, low, 256);
}

/* A small made-up "photo": a sky-to-ground gradient with a few coloured
 * shapes, encoded as a JPEG of a few kilobytes. Real photos would make the
 * demo large and would show real people. */
GBytes *
_tandem_demo_photo (GRand   *rand,
                    GError **error)
{
  const int width = 320, height = 240;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 top[3], bottom[3];
  int n_shapes = g_rand_int_range (rand, 2, 6);
  gchar *buffer = NULL;
  gsize len = 0;

  random_colour (rand, top, 150);
  random_colour (rand, bottom, 60);

  for (int y = 0; y < height; y++)
    {
      guint8 *row = pixels + y * stride;

      for (int x = 0; x < width; x++)
        for (int c = 0; c < 3; c++)
          row[x * 3 + c] = (guint8) (top[c] + (bottom[c] - top[c]) * y / (height - 1));
    }

  for (int s = 0; s < n_shapes; s++)
    {
      guint8 colour[3];
      gboolean circle = g_rand_boolean (rand);
      int cx = g_rand_int_range (rand, 0, width);
      int cy = g_rand_int_range (rand, height / 4, height);
      int r = g_rand_int_range (rand, 12, 60);

      random_colour (rand, colour, 20);
      for (int y = MAX (0, cy - r); y < MIN (height, cy + r); y++)
        for (int x = MAX (0, cx - r); x < MIN (width, cx + r); x++)
          {
            if (circle && (x - cx) * (x - cx) + (y - cy) * (y - cy) > r * r)
              continue;
            memcpy (pixels + y * stride + x * 3, colour, 3);
          }
    }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", error, "quality", "60", NULL))
    return NULL;
  return g_bytes_new_take (buffer, len);
}

void
_tandem_demo_kid_free (gpointer data)
{
  TandemDemoKid *kid = data;

  g_free (kid->id);
  g_free (kid->name);
  g_free (kid->room_id);
  g_free (kid->keyworker_id);
  g_free (kid->start_date);
  g_free (kid->languages);
  for (guint i = 0; i < G_N_ELEMENTS (kid->carer_ids); i++)
    {
      g_free (kid->carer_ids[i]);
      g_free (kid->carer_words[i]);
      g_free (kid->carer_languages[i]);
    }
  g_free (kid);
}

typedef struct {
  TandemStore *store;
  GRand       *rand;
  GDate        today;
  GPtrArray   *kids;
  GPtrArray   *keyworker_ids;
  GHashTable  *used;    /* the templates already used for the current child */
} Journal;

static gboolean
chance (Journal *journal,
        int      percent)
{
  return g_rand_int_range (journal->rand, 0, 100) < percent;
}

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
has_language (const TandemDemoKid *kid,
              const char          *language)
{
  g_auto(GStrv) languages = g_strsplit (kid->languages != NULL ? kid->languages : "", ",", -1);

  return g_strv_contains ((const char * const *) languages, language);
}

static const TandemDemoHomeNote *
pick_home_note (Journal             *journal,
                const TandemDemoKid *kid)
{
  guint n;
  const TandemDemoHomeNote *notes = _tandem_demo_home_notes (&n);
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  g_autoptr(GPtrArray) any = g_ptr_array_new ();
  const TandemDemoHomeNote *pick = NULL;

  for (guint i = 0; i < n; i++)
    {
      if (notes[i].age != TANDEM_DEMO_ANY_AGE && notes[i].age != kid->age)
        continue;
      if (g_hash_table_contains (journal->used, &notes[i]))
        continue;
      if (notes[i].language == NULL)
        g_ptr_array_add (any, (gpointer) &notes[i]);
      else if (has_language (kid, notes[i].language))
        g_ptr_array_add (own, (gpointer) &notes[i]);
    }

  /* A family's own celebrations and language come up often, but not
   * every time. */
  if (own->len > 0 && (any->len == 0 || chance (journal, 50)))
    pick = g_ptr_array_index (own, g_rand_int_range (journal->rand, 0, (gint32) own->len));
  else if (any->len > 0)
    pick = g_ptr_array_index (any, g_rand_int_range (journal->rand, 0, (gint32) any->len));

  /* Every note has been used for this child: start again. */
  if (pick == NULL)
    {
      for (guint i = 0; i < n; i++)
        g_hash_table_remove (journal->used, &notes[i]);
      return pick_home_note (journal, kid);
    }

  g_hash_table_add (journal->used, (gpointer) pick);
  return pick;
}

static const TandemDemoActivity *
pick_activity (Journal                  *journal,
               const TandemDemoActivity *bank,
               guint                     n,
               int                       age)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  const TandemDemoActivity *pick;

  /* Each child's journal goes through the whole bank before repeating. */
  for (guint round = 0; round < 2 && fresh->len == 0; round++)
    for (guint i = 0; i < n; i++)
      {
        if (bank[i].age != age && bank[i].age != TANDEM_DEMO_ANY_AGE)
          continue;
        if (round == 0 && g_hash_table_contains (journal->used, &bank[i]))
          continue;
        if (round == 1)
          g_hash_table_remove (journal->used, &bank[i]);
        g_ptr_array_add (fresh, (gpointer) &bank[i]);
      }

  pick = g_ptr_array_index (fresh, g_rand_int_range (journal->rand, 0, (gint32) fresh->len));
  g_hash_table_add (journal->used, (gpointer) pick);
  return pick;
}

static gboolean
add_comments (Journal              *journal,
              const TandemDemoKid  *kid,
              const char           *observation_id,
              const GDate          *observed,
              GError              **error)
{
  guint n_comments;
  const TandemDemoComment *bank = _tandem_demo_comments (&n_comments);
  guint carer = kid->carer_ids[1] != NULL && chance (journal, 40) ? 1 : 0;
  const char *language = kid->carer_languages[carer];
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  const TandemDemoComment *pick = NULL;
  g_autoptr(TandemComment) comment = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  GDate day = *observed;
  static const char * const vias[] = { "conversation", "slip", "family_mode" };

  for (guint i = 0; i < n_comments; i++)
    if (bank[i].language != NULL && g_strcmp0 (bank[i].language, language) == 0)
      g_ptr_array_add (own, (gpointer) &bank[i]);

  if (own->len > 0 && chance (journal, 70))
    pick = g_ptr_array_index (own, g_rand_int_range (journal->rand, 0, (gint32) own->len));
  while (pick == NULL)
    {
      const TandemDemoComment *c = &bank[g_rand_int_range (journal->rand, 0,
                                                           (gint32) n_comments)];
      if (c->language == NULL)
        pick = c;
    }

  /* A comment in the family's language carries the keyworker's gist, so
   * that every practitioner can follow the thread. */
  text = pick->gist != NULL ? g_strdup_printf ("%s\n\nIn English: %s", pick->text, pick->gist)
                            : g_strdup (pick->text);

  g_date_add_days (&day, (guint) g_rand_int_range (journal->rand, 0, 4));
  if (g_date_compare (&day, &journal->today) > 0)
    day = journal->today;
  date = iso (&day);

  comment = tandem_comment_new (observation_id, text);
  tandem_record_set_text (TANDEM_RECORD (comment), "carer_id", kid->carer_ids[carer]);
  tandem_record_set_text (TANDEM_RECORD (comment), "commented_on", date);
  tandem_record_set_text (TANDEM_RECORD (comment), "via",
                          vias[g_rand_int_range (journal->rand, 0, G_N_ELEMENTS (vias))]);
  if (!tandem_store_save (journal->store, TANDEM_RECORD (comment), error))
    return FALSE;

  /* Now and then the keyworker answers in the thread. */
  if (chance (journal, 30))
    {
      const char * const *answers = _tandem_demo_replies ();
      g_autoptr(TandemComment) reply = NULL;

      reply = tandem_comment_new (observation_id,
                                  answers[g_rand_int_range (journal->rand, 0,
                                                            (gint32) g_strv_length ((char **) answers))]);
      tandem_record_set_text (TANDEM_RECORD (reply), "author_id", kid->keyworker_id);
      tandem_record_set_text (TANDEM_RECORD (reply), "commented_on", date);
      tandem_record_set_text (TANDEM_RECORD (reply), "via", "other");
      if (!tandem_store_save (journal->store, TANDEM_RECORD (reply), error))
        return FALSE;
    }

  return TRUE;
}

/* Other children of the same room who had started by @date. */
static GPtrArray *
room_mates (Journal             *journal,
            const TandemDemoKid *kid,
            const char          *date)
{
  GPtrArray *mates = g_ptr_array_new ();

  for (guint i = 0; i < journal->kids->len; i++)
    {
      TandemDemoKid *other = g_ptr_array_index (journal->kids, i);

      if (other != kid && g_strcmp0 (other->room_id, kid->room_id) == 0 &&
          g_strcmp0 (other->start_date, date) <= 0)
        g_ptr_array_add (mates, other);
    }

  return mates;
}

static gboolean
add_observation (Journal        *journal,
                 TandemDemoKid  *kid,
                 const GDate    *day,
                 GError        **error)
{
  g_autofree char *date = iso (day);
  g_autoptr(TandemObservation) observation = tandem_observation_new (date, NULL);
  TandemRecord *record = TANDEM_RECORD (observation);
  g_autoptr(GPtrArray) mates = room_mates (journal, kid, date);
  g_autoptr(GStrvBuilder) children = g_strv_builder_new ();
  g_auto(GStrv) child_ids = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *text = NULL;
  int roll = g_rand_int_range (journal->rand, 0, 100);
  guint n;

  g_strv_builder_add (children, kid->id);
  tandem_record_set_text (record, "author_id", kid->keyworker_id);

  if (roll < 16 && kid->carer_ids[0] != NULL)
    {
      /* About one in six comes from home, credited to the family member
       * who shared it. */
      const TandemDemoHomeNote *note = pick_home_note (journal, kid);
      guint carer = kid->carer_ids[1] != NULL && chance (journal, 35) ? 1 : 0;

      text = _tandem_demo_fill_template (note->text, kid->name, NULL, kid->carer_words[carer]);
      tandem_record_set_text (record, "source", TANDEM_SOURCE_HOME);
      tandem_record_set_text (record, "carer_id", kid->carer_ids[carer]);
      tandem_record_set_text (record, "areas", note->areas);
    }
  else
    {
      gboolean group = roll < 28 && mates->len > 0;
      const TandemDemoActivity *bank;
      const TandemDemoActivity *activity;
      g_autofree char *next_steps = NULL;
      const char *friend_name = NULL;

      bank = group ? _tandem_demo_group_activities (&n) : _tandem_demo_activities (&n);
      activity = pick_activity (journal, bank, n, kid->age);

      if (group)
        {
          /* Two or three children from the same room. */
          guint first = (guint) g_rand_int_range (journal->rand, 0, (gint32) mates->len);
          TandemDemoKid *mate = g_ptr_array_index (mates, first);

          friend_name = mate->name;
          g_strv_builder_add (children, mate->id);
          if (mates->len > 1 && chance (journal, 40))
            g_strv_builder_add (children,
                                ((TandemDemoKid *) g_ptr_array_index (mates,
                                                                      (first + 1) % mates->len))->id);
        }

      text = _tandem_demo_fill_template (activity->text, kid->name, friend_name, NULL);
      if (chance (journal, 35))
        {
          const char * const *extra = _tandem_demo_details ();
          g_autofree char *sentence =
            _tandem_demo_fill_template (extra[g_rand_int_range (journal->rand, 0,
                                                                (gint32) g_strv_length ((char **) extra))],
                                        kid->name, NULL, NULL);
          g_autofree char *longer = g_strconcat (text, " ", sentence, NULL);

          g_free (text);
          text = g_steal_pointer (&longer);
        }

      next_steps = _tandem_demo_fill_template (activity->next_steps, kid->name, NULL, NULL);
      tandem_record_set_text (record, "areas", activity->areas);
      tandem_record_set_text (record, "characteristics", activity->characteristics);
      tandem_record_set_text (record, "next_steps", next_steps);
      if (activity->ideas_for_home != NULL && chance (journal, 75))
        {
          g_autofree char *ideas = _tandem_demo_fill_template (activity->ideas_for_home,
                                                               kid->name, NULL, NULL);
          tandem_record_set_text (record, "ideas_for_home", ideas);
        }

      /* Some observations stay with the staff: worth recording, not yet
       * ready to share. Children on the SEND register have more. */
      if (chance (journal, kid->send ? 18 : 8))
        {
          const char * const *notes = _tandem_demo_internal_notes ();

          tandem_record_set_bool (record, "shared", FALSE);
          tandem_record_set_text (record, "internal_note",
                                  notes[g_rand_int_range (journal->rand, 0,
                                                          (gint32) g_strv_length ((char **) notes))]);
        }
    }

  tandem_record_set_text (record, "text", text);
  child_ids = g_strv_builder_end (children);

  if (chance (journal, 25))
    {
      g_autoptr(GBytes) jpeg = _tandem_demo_photo (journal->rand, error);
      g_autofree char *hash = NULL;
      g_autofree char *taken = NULL;
      TandemPhoto *photo;

      if (jpeg == NULL)
        return FALSE;
      hash = tandem_blob_store_add (journal->store, jpeg, "image/jpeg", error);
      if (hash == NULL)
        return FALSE;
      photo = tandem_photo_new (hash);
      taken = g_strdup_printf ("%sT%02d:%02d:00", date, g_rand_int_range (journal->rand, 9, 16),
                               g_rand_int_range (journal->rand, 0, 60));
      tandem_record_set_text (TANDEM_RECORD (photo), "taken_at", taken);
      photos = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (photos, photo);
    }

  /* Who is in each photo defaults to every child of the observation. */
  if (!tandem_journal_save_observation (journal->store, observation,
                                        (const char * const *) child_ids, photos, NULL, error))
    return FALSE;

  if (tandem_record_get_bool (record, "shared") && chance (journal, 9) &&
      kid->carer_ids[0] != NULL)
    return add_comments (journal, kid, tandem_record_get_id (record), day, error);

  return TRUE;
}

/**
 * _tandem_demo_fill_journal:
 * @store: the store, inside the demo's transaction
 * @today: the day the demo is made
 * @kids: (element-type TandemDemoKid): the demo children
 * @keyworker_ids: (element-type utf8): the keyworkers
 * @error: where to put a failure
 *
 * Writes about a term (twelve weeks) of observations for each child: two to
 * four a week on weekdays since the child started, some with friends from the
 * same room, about one in six from home, some internal only, a quarter with a
 * small generated photo, and a thread of family comments on a few, some in
 * the family's language with the keyworker's English gist. Deterministic
 * apart from the dates, which count back from @today.
 */
gboolean
_tandem_demo_fill_journal (TandemStore  *store,
                           const GDate  *today,
                           GPtrArray    *kids,
                           GPtrArray    *keyworker_ids,
                           GError      **error)
{
  Journal journal = { store, NULL, *today, kids, keyworker_ids };
  GDate monday = *today;
  gboolean ok = TRUE;

  journal.rand = g_rand_new_with_seed (20260301);
  journal.used = g_hash_table_new (NULL, NULL);

  /* The Monday twelve weeks ago. */
  g_date_subtract_days (&monday, 7 * 11 + (g_date_get_weekday (&monday) - G_DATE_MONDAY));

  for (guint k = 0; ok && k < kids->len; k++)
    {
      TandemDemoKid *kid = g_ptr_array_index (kids, k);

      g_hash_table_remove_all (journal.used);
      for (guint week = 0; ok && week < 12; week++)
        {
          gboolean days[5] = { FALSE };
          int n = g_rand_int_range (journal.rand, 2, 5);

          for (int i = 0; i < n; i++)
            {
              int d;

              do
                d = g_rand_int_range (journal.rand, 0, 5);
              while (days[d]);
              days[d] = TRUE;
            }

          for (int d = 0; ok && d < 5; d++)
            {
              GDate day = monday;
              g_autofree char *date = NULL;

              if (!days[d])
                continue;
              g_date_add_days (&day, week * 7 + (guint) d);
              date = iso (&day);
              if (g_date_compare (&day, today) > 0 || g_strcmp0 (date, kid->start_date) < 0)
                continue;
              ok = add_observation (&journal, kid, &day, error);
            }
        }
    }

  g_hash_table_unref (journal.used);
  g_rand_free (journal.rand);
  return ok;
}
