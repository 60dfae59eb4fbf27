//! Closed word classes the passes test words against.

/// Words that are auxiliaries or modals: between a subject and its verb, never a subject.
pub(super) const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does",
    "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "also",
    "reportedly", "allegedly", "then", "now", "already", "again", "still", "further", "jointly", "today",
    "yesterday", "recently", "later", "earlier", "not", "never", "just", "once",
];

/// Forms of "be" (and "get") that make a past participle passive.
pub(super) const BE: &[&str] =
    &["is", "are", "was", "were", "be", "been", "being", "am", "get", "gets", "got", "gotten", "getting"];

/// Modal heads: frames made of them never stand alone as events.
pub(super) const MODALS: &[&str] =
    &["will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll"];

/// Determiners and similar words that mark a following word as a noun.
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my",
    "some", "several", "many", "any", "each", "every", "another", "such", "no", "more", "further", "new",
    "fresh", "first", "second", "last", "latest", "recent", "deadly", "major", "possible", "alleged",
    "joint", "continued", "renewed", "military", "cross-border", "terror", "terrorist", "suicide",
    "militant", "fierce", "heavy", "two", "three", "both", "of", "in", "for", "on", "after", "before",
    "during", "amid", "following",
];

/// Subject pronouns: a verb right after one is finite.
pub(super) const SUBJECT_PRONOUNS: &[&str] = &["it", "they", "he", "she", "we", "i", "you", "who", "which"];

/// Words after a comma that continue a list of targets.
pub(super) const LIST_CONTINUERS: &[&str] =
    &["including", "such", "namely", "especially", "notably", "particularly", "like"];

/// Conjunctions that make their whole clause conditional.
pub(super) const CONDITIONALS: &[&str] = &["if", "unless", "whether"];

/// Verbs whose infinitive complement happened ("began to shell", "had to cancel"): after
/// any other word a bare "to" + verb is a purpose or a plan, not a fact.
pub(super) const ASSERTING_BEFORE_TO: &[&str] = &[
    "begin", "began", "begun", "begins", "beginning", "start", "starts", "started", "starting", "continue",
    "continues", "continued", "continuing", "resume", "resumed", "resumes", "proceed", "proceeded",
    "proceeds", "manage", "managed", "manages", "on", "have", "has", "had", "having", "forced", "compelled",
    "obliged", "used", "allowed", "permitted", "first", "last",
];

/// Verbs of perception: the actor phrase before one witnessed what follows.
pub(super) const PERCEPTION: &[&str] = &["saw", "seen", "watched", "witnessed", "heard"];

/// Prepositions whose object is never the subject of a later verb ("by" is left out: the
/// agent of a passive acts again in ", killing").
pub(super) const PREPOSITIONS: &[&str] = &[
    "in", "into", "near", "at", "to", "from", "for", "with", "against", "on", "towards", "toward", "across",
    "inside", "outside", "over", "under",
];

/// Days of the week: "threatened Monday to resume" is one frame.
pub(super) const WEEKDAYS: &[&str] =
    &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Months, for dates.
pub(super) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];

/// Words that are no noun a one-word actor phrase could modify ("Senegalese and", "terrorists
/// were"): conjunctions, prepositions, relatives, auxiliaries, reporting verbs.
pub(super) const NOT_A_NOUN: &[&str] = &[
    "and", "or", "of", "in", "to", "from", "with", "at", "on", "by", "for", "as", "near", "who", "which",
    "that", "whose", "during", "after", "before", "into", "across", "over", "against", "since", "until",
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says",
];

/// Relative pronouns: the subject of the verb after them is the phrase before them.
pub(super) const RELATIVES: &[&str] = &["which", "who", "that", "whom"];

/// Prepositions that tie a bare agent to a country or place after it ("police in Peshawar").
pub(super) const OF_IN: &[&str] = &["of", "in", "from", "at", "across", "throughout", "inside"];

/// Words that may sit between a country and its agent ("Pakistan's federal government").
pub(super) const AGENT_GLUE: &[&str] = &[
    "the", "a", "an", "'s", "’s", "senior", "top", "former", "new", "local", "federal", "state", "national",
    "vice", "chief", "deputy", "acting", "interim", "official", "officials", "own", "main", "ruling",
    "elite", "special", "armed", "security", "border", "military", "government", "-", "backed", "led",
    "based", "allied", "regular", "provincial", "regional", "central", "naval", "navy", "army", "air",
    "police", "forces",
];

/// Sectors that make an actor political even without a country.
pub(super) const POLITICAL_SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "REB", "INS", "SEP", "UAF", "PRM", "CRM", "HRI",
    "ELI",
];

/// Sectors of organisations that a later "it" can stand for: firms and outlets.
pub(super) const ORGANISATION_SECTORS: &[&str] = &["BUS", "MED"];

/// Sectors that carry arms.
pub(super) const ARMED_SECTORS: &[&str] = &["MIL", "REB", "COP", "UAF", "PRM", "INS", "SEP", "SPY"];
