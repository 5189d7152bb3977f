//! Key-word lists: the enforcement lexicon the place features use, and the key-word baseline
//! that evaluation compares the models against.

use crate::tokenize::tokenize;

/// Prefixes of lowercase words that signal enforcement near a place name.
const ENFORCEMENT_PREFIXES: &[&str] = &[
    "deport",
    "detain",
    "detention",
    "raid",
    "arrest",
    "immigra",
    "migrant",
    "asylum",
    "sanctuar",
    "undocumented",
    "border",
    "agent",
    "custody",
    "apprehen",
    "smuggl",
    "removal",
    "caravan",
    "patrol",
];

/// True for a word (original case) that signals immigration enforcement.
pub(crate) fn is_enforcement_word(w: &str) -> bool {
    if matches!(w, "ICE" | "CBP" | "DHS" | "ERO" | "HSI") {
        return true;
    }
    let l = w.to_lowercase();
    ENFORCEMENT_PREFIXES.iter().any(|p| l.starts_with(p))
}

/// One key-word pattern over tokens: a prefix of one token, or an exact token sequence.
enum Pat {
    Prefix(&'static str),
    Seq(&'static [&'static str]),
}

/// The corpus builder's 15 enforcement patterns (`shared/corpus/README.md`).
const RELEVANCE: &[Pat] = &[
    Pat::Seq(&["illegal", "immigra*"]),
    Pat::Prefix("deport"),
    Pat::Prefix("undocumented"),
    Pat::Seq(&["migrant"]),
    Pat::Seq(&["migrants"]),
    Pat::Prefix("asylum"),
    Pat::Seq(&["raid"]),
    Pat::Seq(&["raids"]),
    Pat::Seq(&["raided"]),
    Pat::Seq(&["raiding"]),
    Pat::Seq(&["border", "patrol"]),
    Pat::Seq(&["immigration", "and", "customs", "enforcement"]),
    Pat::Seq(&["ICE"]),
    Pat::Prefix("sanctuar"),
    Pat::Prefix("detainee"),
    Pat::Seq(&["detention", "cent*"]),
    Pat::Seq(&["CBP"]),
    Pat::Prefix("detainer"),
    Pat::Seq(&["287(g)"]),
];

/// Key words of each theme, in [`crate::THEMES`] order.
const THEME_WORDS: [&[Pat]; 8] = [
    // arrests-raids
    &[
        Pat::Prefix("raid"),
        Pat::Prefix("arrest"),
        Pat::Prefix("sweep"),
        Pat::Prefix("roundup"),
        Pat::Prefix("worksite"),
        Pat::Seq(&["operation"]),
    ],
    // detention
    &[
        Pat::Prefix("detention"),
        Pat::Prefix("detained"),
        Pat::Prefix("detainee"),
        Pat::Prefix("custody"),
        Pat::Prefix("facilit"),
        Pat::Seq(&["bond"]),
        Pat::Prefix("shelter"),
        Pat::Prefix("cage"),
    ],
    // deportation
    &[
        Pat::Prefix("deport"),
        Pat::Prefix("removal"),
        Pat::Seq(&["removed"]),
        Pat::Prefix("expel"),
    ],
    // sanctuary-cooperation
    &[
        Pat::Prefix("sanctuar"),
        Pat::Prefix("detainer"),
        Pat::Seq(&["287(g)"]),
        Pat::Prefix("cooperat"),
        Pat::Prefix("jail"),
        Pat::Seq(&["local", "police"]),
    ],
    // border
    &[
        Pat::Prefix("border"),
        Pat::Seq(&["wall"]),
        Pat::Prefix("apprehension"),
        Pat::Prefix("caravan"),
        Pat::Prefix("crossing"),
        Pat::Prefix("asylum"),
    ],
    // courts-legal
    &[
        Pat::Prefix("court"),
        Pat::Prefix("judge"),
        Pat::Prefix("lawsuit"),
        Pat::Prefix("ruling"),
        Pat::Seq(&["ruled"]),
        Pat::Prefix("injunction"),
        Pat::Seq(&["sued"]),
        Pat::Prefix("prosecut"),
    ],
    // policy-politics
    &[
        Pat::Prefix("congress"),
        Pat::Seq(&["bill"]),
        Pat::Prefix("executive"),
        Pat::Prefix("senat"),
        Pat::Prefix("republican"),
        Pat::Prefix("democrat"),
        Pat::Prefix("legislat"),
        Pat::Prefix("budget"),
        Pat::Prefix("polic"),
    ],
    // community-impact
    &[
        Pat::Prefix("communit"),
        Pat::Prefix("fear"),
        Pat::Prefix("afraid"),
        Pat::Prefix("protest"),
        Pat::Prefix("rall"),
        Pat::Prefix("vigil"),
        Pat::Prefix("famil"),
        Pat::Prefix("school"),
        Pat::Prefix("church"),
        Pat::Prefix("advocate"),
    ],
];

fn matches(p: &str, tok: &str) -> bool {
    match p.strip_suffix('*') {
        Some(stem) => tok.starts_with(stem),
        None => p == tok,
    }
}

fn count(toks: &[String], pats: &[Pat]) -> u32 {
    let mut n = 0;
    for i in 0..toks.len() {
        for p in pats {
            let hit = match p {
                Pat::Prefix(s) => toks[i].starts_with(s),
                Pat::Seq(seq) => {
                    i + seq.len() <= toks.len()
                        && seq.iter().zip(&toks[i..]).all(|(p, t)| matches(p, t))
                }
            };
            n += hit as u32;
        }
    }
    n
}

/// Key-word hit counts of an article: relevance first, then each theme. Title hits count 3×.
pub(crate) fn keyword_counts(title: &str, text: &str) -> [u32; 9] {
    let (tt, bt) = (tokenize(title), tokenize(text));
    let mut out = [0u32; 9];
    out[0] = 3 * count(&tt, RELEVANCE) + count(&bt, RELEVANCE);
    for (k, pats) in THEME_WORDS.iter().enumerate() {
        out[k + 1] = 3 * count(&tt, pats) + count(&bt, pats);
    }
    out
}
