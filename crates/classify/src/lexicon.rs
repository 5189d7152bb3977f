//! Word lists the place matcher uses to read the context of a name.

/// Lowercase words allowed inside a multi-word place name (`Coeur d'Alene`, `Marina del Rey`).
#[rustfmt::skip]
pub(crate) const CONNECTORS: &[&str] = &[
    "de", "del", "la", "las", "los", "of", "on", "the", "upon", "du", "y",
];

/// Capitalised words that may precede a place without making it a person's surname.
#[rustfmt::skip]
pub(crate) const PLACE_PREFIXES: &[&str] = &[
    "north", "south", "east", "west", "central", "downtown", "greater", "metro", "suburban",
    "northern", "southern", "eastern", "western", "upstate", "downstate", "rural", "in", "at",
    "from", "to", "near", "outside", "across", "and", "or", "but", "while", "when", "as", "by",
    "for", "with", "after", "before", "since", "into", "like", "both", "between", "the", "a",
    "an", "of", "on", "than", "where", "through", "around",
];

/// Lowercase words before a single-word name that place it (`in Clinton`): only these outvote
/// person uses of the name, since `and`, `to` or `for` come before people as often as places.
#[rustfmt::skip]
pub(crate) const PLACE_VOTES: &[&str] = &[
    "in", "at", "near", "outside", "across", "around", "downtown", "through", "into", "toward",
];

/// Lowercase words after a name that make it a person (`Johnson said`, `Sebastian cried`).
#[rustfmt::skip]
pub(crate) const PERSON_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "asked", "wrote", "writes", "testified", "argued",
    "explained", "recalled", "cried", "replied", "noted", "insisted", "acknowledged", "declined",
    "admitted", "recalls", "thinks", "believes", "wants",
];

/// Lowercase words before a name that make it a person (`son Sebastian`, `spokeswoman Lee`).
#[rustfmt::skip]
pub(crate) const PERSON_BEFORE: &[&str] = &[
    "son", "daughter", "wife", "husband", "brother", "sister", "mother", "father", "mom", "dad",
    "boy", "girl", "nephew", "niece", "cousin", "grandson", "granddaughter", "uncle", "aunt",
    "named", "spokesman", "spokeswoman", "spokesperson", "sen", "rep", "gov", "mr", "ms", "mrs",
];

/// Words after a name that make it a region, not a city (`El Paso County`, `Yuma Sector`).
#[rustfmt::skip]
pub(crate) const REGION_WORDS: &[&str] = &[
    "county", "parish", "sector", "valley", "region",
];

#[rustfmt::skip]
pub(crate) const VENUE_WORDS: &[&str] = &[
    "rally", "speech", "visit", "visited", "visiting", "visits", "spoke", "speaking", "remarks",
    "conference", "campaigned", "campaigning", "tour", "toured", "fundraiser", "debate", "trip",
];

#[rustfmt::skip]
pub(crate) const NEAR_WORDS: &[&str] = &[
    "near", "outside", "suburban", "neighboring", "nearby", "suburb",
];

/// Countries, foreign cities and institutions that share a name with a small US place; they
/// count as that place only with its state attached (`Mexico, Mo.`).
#[rustfmt::skip]
pub(crate) const NOT_PLACES: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "christmas", "easter", "harvard", "yale", "stanford",
    "rio grande", "carolina", "post", "herald", "tribune", "times", "hill", "morocco", "west",
    "east", "north", "south", "midwest", "pacific", "atlantic", "gulf",
    "mexico", "china", "canada", "cuba", "peru", "lebanon", "jordan", "panama", "poland",
    "norway", "denmark", "sweden", "brazil", "chile", "honduras", "guatemala", "israel", "egypt",
    "syria", "wales", "scotland", "ireland", "holland", "belgium", "japan", "russia", "greece",
    "jamaica", "italy", "angola", "andorra", "grenada", "malta", "palestine", "trinidad",
    "england", "earth", "paris",
    "london", "berlin", "moscow", "dublin", "athens", "rome", "havana", "vienna", "madrid",
    "lima", "santiago", "geneva", "bethlehem", "nazareth", "jericho", "damascus", "congress",
    "homeland", "supreme", "university", "justice", "central", "center", "union", "media",
    "capitol", "white house", "senate", "republic", "commerce", "customs", "patrol", "federal",
    "national", "american",
];

/// Capitalised words that may follow a place name without making it part of another name:
/// facilities stand in their place (`Eloy Detention Center`, `Progreso International Bridge`),
/// and dates follow datelines.
#[rustfmt::skip]
pub(crate) const FOLLOWERS: &[&str] = &[
    "border", "port", "international", "bridge", "detention", "processing", "placement", "center",
    "centre", "station", "police", "immigration", "city", "service", "jail", "sheriff", "airport",
    "federal", "family", "residential", "correctional", "facility", "field", "office", "ice",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb",
    "aug", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december",
];

#[rustfmt::skip]
pub(crate) const ORIGIN_WORDS: &[&str] = &[
    "from", "native", "born", "grew", "hometown", "moved",
];

#[rustfmt::skip]
pub(crate) const COURT_WORDS: &[&str] = &[
    "judge", "court", "courthouse", "appeals", "circuit",
];

/// Words near a state name that make its government the subject.
#[rustfmt::skip]
pub(crate) const STATE_CUES: &[&str] = &[
    "governor", "gov", "legislature", "lawmakers", "legislators", "statehouse", "troopers", "guard",
];

/// Lowercase words before a name that place events there.
#[rustfmt::skip]
pub(crate) const LOCATIVES: &[&str] = &[
    "in", "at", "near", "outside", "from", "of", "to", "into", "toward", "towards", "across",
    "through", "around", "between", "and",
];

/// Words before a place that make it an example rather than the scene.
#[rustfmt::skip]
pub(crate) const EXAMPLE_WORDS: &[&str] = &[
    "like", "such", "including", "includes", "include", "example", "cities", "places",
];

/// Capitalised words after a place or state name that make it part of another name: a
/// newspaper, a team, a street or a school (`New York Times`, `Dallas Cowboys`, `Washington
/// Street`, `Lincoln Elementary`). Such a name says nothing about where the story happens.
#[rustfmt::skip]
pub(crate) const STARTS_ANOTHER_NAME: &[&str] = &[
    // streets, schools and buildings
    "street", "avenue", "ave", "boulevard", "blvd", "road", "rd", "drive", "lane",
    "highway", "parkway", "square", "elementary", "middle", "high", "school", "academy",
    "college", "university", "institute", "hospital", "memorial", "church", "cathedral",
    "library", "stadium", "arena", "park",
    // newspapers and broadcasters
    "times", "post", "tribune", "herald", "chronicle", "globe", "journal", "gazette", "inquirer",
    "examiner", "observer", "dispatch", "bee", "courant", "statesman", "register", "telegraph",
    "sentinel", "republic", "mirror", "daily", "morning", "magazine", "weekly", "free",
    "star-telegram", "union-tribune", "advocate", "oregonian", "plain",
    // professional sports teams
    "yankees", "mets", "knicks", "nets", "giants", "jets", "rangers", "islanders", "dodgers",
    "lakers", "clippers", "angels", "rams", "chargers", "cubs", "bulls", "bears", "blackhawks",
    "cowboys", "mavericks", "texans", "astros", "rockets", "spurs", "suns", "cardinals",
    "diamondbacks", "broncos", "nuggets", "rockies", "patriots", "celtics", "bruins", "eagles",
    "phillies", "flyers", "steelers", "pirates", "penguins", "browns", "cavaliers", "lions",
    "tigers", "pistons", "packers", "bucks", "brewers", "vikings", "twins", "timberwolves",
    "chiefs", "royals", "seahawks", "mariners", "warriors", "raiders", "padres", "dolphins",
    "marlins", "saints", "pelicans", "falcons", "hawks", "braves", "titans", "grizzlies", "colts",
    "pacers", "jaguars", "buccaneers", "ravens", "orioles", "nationals", "wizards", "bengals",
    "reds", "jazz", "blazers", "sharks", "sabres", "hornets", "panthers", "redskins", "49ers",
];

/// Every list above, for the model version hash: a change to how places are read changes the
/// tags, so it must change the version too.
pub(crate) fn fingerprint() -> String {
    let lists: [&[&str]; 16] = [
        CONNECTORS,
        PLACE_PREFIXES,
        PLACE_VOTES,
        PERSON_VERBS,
        PERSON_BEFORE,
        REGION_WORDS,
        VENUE_WORDS,
        NEAR_WORDS,
        NOT_PLACES,
        FOLLOWERS,
        ORIGIN_WORDS,
        COURT_WORDS,
        STATE_CUES,
        LOCATIVES,
        EXAMPLE_WORDS,
        STARTS_ANOTHER_NAME,
    ];
    format!("{lists:?}")
}
