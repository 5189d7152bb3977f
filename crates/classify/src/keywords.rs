//! Key-word lists: the enforcement lexicon the place features use, and the key-word baseline
//! that evaluation compares the models against.

use crate::tokenize::{Analysed, Tokens};
use std::sync::OnceLock;

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
#[derive(Debug)]
enum Pat {
    Prefix(&'static str),
    Seq(&'static [&'static str]),
}

impl Pat {
    /// Length in tokens of this pattern's match starting at token `i` of `toks`, if it matches.
    fn match_at(&self, toks: &Tokens, i: usize) -> Option<usize> {
        match self {
            Pat::Prefix(s) => toks.get(i).starts_with(s).then_some(1),
            Pat::Seq(seq) => (i + seq.len() <= toks.len()
                && seq
                    .iter()
                    .enumerate()
                    .all(|(k, p)| matches(p, toks.get(i + k))))
            .then_some(seq.len()),
        }
    }
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
        // Tactics the guidelines file under arrests: masked agents, unmarked cars.
        Pat::Seq(&["masked"]),
        Pat::Prefix("unmarked"),
        Pat::Prefix("apprehend"),
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

/// The lists, for the model version hash: they shape the structure features.
pub(crate) fn fingerprint() -> String {
    format!("{ENFORCEMENT_PREFIXES:?}{RELEVANCE:?}{THEME_WORDS:?}")
}

fn matches(p: &str, tok: &str) -> bool {
    match p.strip_suffix('*') {
        Some(stem) => tok.starts_with(stem),
        None => p == tok,
    }
}

/// The patterns of all nine lists (relevance, then the themes) bucketed by first byte, so a
/// token is only compared with the few patterns that start like it.
fn by_first_byte() -> &'static [Vec<(usize, &'static Pat)>] {
    static INDEX: OnceLock<Vec<Vec<(usize, &'static Pat)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut idx = vec![Vec::new(); 256];
        let lists = std::iter::once(RELEVANCE).chain(THEME_WORDS.iter().copied());
        for (l, pats) in lists.enumerate() {
            for p in pats {
                let first = match p {
                    Pat::Prefix(s) => s.as_bytes()[0],
                    Pat::Seq(seq) => seq[0].as_bytes()[0],
                };
                idx[first as usize].push((l, p));
            }
        }
        idx
    })
}

/// `text` with the words of the relevance list removed (whole whitespace-separated words, so
/// `ICE's` and `anti-deportation` go too; line breaks stay). The corpus was selected by those
/// words, so nearly every story in it, relevant or not, uses them, and a model learns that
/// they are what makes a story relevant. Copies without them teach the models the rest of the
/// language of the beat ("federal immigration agents detained ..."), which newer and local
/// coverage, and short feed summaries, often use instead.
pub fn without_relevance_words(text: &str) -> String {
    let chunks: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    // Every token of the text, with the chunk it came from.
    let mut toks = Tokens::default();
    let mut chunk_of = Vec::new();
    for (c, chunk) in chunks.iter().enumerate() {
        let t = crate::tokenize::tokens(chunk);
        for w in t.iter() {
            toks.push(w);
            chunk_of.push(c);
        }
    }
    let mut drop = vec![false; chunks.len()];
    let mut i = 0;
    while i < toks.len() {
        match RELEVANCE.iter().find_map(|p| p.match_at(&toks, i)) {
            Some(n) => {
                for &c in &chunk_of[i..i + n] {
                    drop[c] = true;
                }
                i += n;
            }
            None => i += 1,
        }
    }
    let mut out = String::with_capacity(text.len());
    for (chunk, &d) in chunks.iter().zip(&drop) {
        if d {
            // Keep the separator, so paragraphs stay paragraphs.
            out.extend(chunk.chars().filter(|c| c.is_whitespace()));
        } else {
            out.push_str(chunk);
        }
    }
    out
}

/// Hits of each list (relevance, then the themes) in `toks`.
pub(crate) fn list_hits(toks: &Tokens) -> [u32; 9] {
    let idx = by_first_byte();
    let mut out = [0u32; 9];
    for i in 0..toks.len() {
        let Some(&b) = toks.get(i).as_bytes().first() else {
            continue;
        };
        for &(l, p) in &idx[b as usize] {
            out[l] += p.match_at(toks, i).is_some() as u32;
        }
    }
    out
}

/// Key-word hit counts of an article from its title's and paragraphs' list hits: relevance
/// first, then each theme. Title hits count 3×.
pub(crate) fn keyword_counts(title: &[u32; 9], paras: &[[u32; 9]]) -> [u32; 9] {
    let mut out = title.map(|h| 3 * h);
    for p in paras {
        for (o, h) in out.iter_mut().zip(p) {
            *o += h;
        }
    }
    out
}

/// Key-word hit counts of an analysed article (see [`keyword_counts`]).
pub(crate) fn article_keyword_counts(a: &Analysed) -> [u32; 9] {
    let paras: Vec<[u32; 9]> = a.paras.iter().map(list_hits).collect();
    keyword_counts(&list_hits(&a.title), &paras)
}

#[cfg(test)]
mod tests {
    use super::without_relevance_words;

    #[test]
    fn relevance_words_are_removed_and_the_rest_kept() {
        let text = "ICE's agents and Border Patrol deported two undocumented men.\n\n\
                    Immigration and Customs Enforcement said the ice melted; a police raid.";
        assert_eq!(
            without_relevance_words(text),
            " agents and    two  men.\n\n    said the ice melted; a police "
        );
    }
}
