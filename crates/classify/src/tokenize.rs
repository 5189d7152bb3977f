//! Tokenization and n-gram terms.
//!
//! Words are lowercased except all-capital acronyms (`ICE`, `CBP`, `DACA`), so the agency is a
//! different token from "ice"; a line written in capitals is lowercased whole, since there the
//! case says nothing. `287(g)` stays one token and dotted initials become acronyms (`U.S.` → `US`).
//! Years and long numbers become `<year>` / `<num>` so dates of the training era are not features.
//! Tokens of a text live in one buffer ([`Tokens`]): no allocation per word.

/// The tokens of a text, stored end to end in one string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokens {
    buf: String,
    ends: Vec<usize>,
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    pub(crate) fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len());
    }

    fn push_lower(&mut self, s: &str) {
        if s.is_ascii() {
            let start = self.buf.len();
            self.buf.push_str(s);
            self.buf[start..].make_ascii_lowercase();
        } else {
            self.buf.extend(s.chars().flat_map(char::to_lowercase));
        }
        self.ends.push(self.buf.len());
    }
}

/// Splits `text` into tokens (see the module doc). Stop words are kept; [`terms`] drops them.
pub fn tokenize(text: &str) -> Vec<String> {
    tokens(text).iter().map(str::to_string).collect()
}

/// Like [`tokenize`], into a [`Tokens`] buffer.
pub fn tokens(text: &str) -> Tokens {
    let mut out = Tokens::default();
    let mut word = String::new();
    let mut chars = Vec::new();
    for line in text.split('\n') {
        chars.clear();
        chars.extend(line.chars());
        tokenize_line(&chars, shouting(&chars), &mut word, &mut out);
    }
    out
}

/// True when most letters of a line of several words are capitals (a shouted headline).
fn shouting(line: &[char]) -> bool {
    let up = line.iter().filter(|c| c.is_uppercase()).count();
    let low = line.iter().filter(|c| c.is_lowercase()).count();
    up >= 12 && up > 3 * low
}

fn tokenize_line(chars: &[char], shout: bool, word: &mut String, out: &mut Tokens) {
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        word.clear();
        // Dotted initials: U.S., D.C., L.A.
        if chars[i].is_uppercase() && chars.get(i + 1) == Some(&'.') {
            let mut j = i;
            while j + 1 < chars.len() && chars[j].is_uppercase() && chars[j + 1] == '.' {
                word.push(chars[j]);
                j += 2;
                if j < chars.len() && chars[j].is_alphanumeric() && chars.get(j + 1) != Some(&'.') {
                    break;
                }
            }
            if word.chars().count() >= 2 {
                i = j;
                push_token(word, shout, out);
                continue;
            }
            word.clear();
        }
        while i < chars.len() {
            let c = chars[i];
            let digits = !word.is_empty() && word.bytes().all(|d| d.is_ascii_digit());
            if c.is_alphanumeric() {
                word.push(c);
                i += 1;
            } else if (c == '\'' || c == '’')
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())
                && !word.is_empty()
            {
                // Possessive 's is dropped; other apostrophes are elided (don't → dont).
                let next_is_s = matches!(chars.get(i + 1), Some('s') | Some('S'))
                    && !chars.get(i + 2).is_some_and(|n| n.is_alphanumeric());
                if next_is_s {
                    i += 2;
                    break;
                }
                i += 1;
            } else if c == ',' && digits && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()) {
                i += 1; // 1,000
            } else if c == '('
                && digits
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
                && chars.get(i + 2) == Some(&')')
            {
                // 287(g)
                word.push('(');
                word.extend(chars[i + 1].to_lowercase());
                word.push(')');
                i += 3;
                break;
            } else {
                break;
            }
        }
        push_token(word, shout, out);
    }
}

fn push_token(word: &str, shout: bool, out: &mut Tokens) {
    if word.bytes().all(|c| c.is_ascii_digit()) {
        out.push(match word.len() {
            4 if word.starts_with("19") || word.starts_with("20") => "<year>",
            0..=3 => word,
            _ => "<num>",
        });
        return;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if !shout && letters >= 2 && !word.chars().any(char::is_lowercase) {
        out.push(word); // acronym
    } else {
        out.push_lower(word);
    }
}

/// Function words dropped before n-grams are formed, so "remain in Mexico" gives `remain mexico`.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
    "me", "more", "most", "my", "no", "not", "of", "on", "one", "or", "other", "our", "out",
    "over", "s", "said", "says", "she", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "up", "was", "we", "were",
    "what", "when", "which", "while", "who", "will", "with", "would", "you", "your",
];

/// Surnames of 2012-2020 office holders that stand in for "immigration story" in the training
/// era and would not carry over to newer coverage; dropping them makes the model lean on
/// content words. Names still in office in 2025 are kept.
#[rustfmt::skip]
const ERA_NAMES: &[&str] = &[
    "obama", "romney", "boehner", "napolitano", "jeh", "kirstjen", "nielsen", "mcaleenan",
    "cuccinelli", "duke", "kobach", "arpaio", "mccain",
];

/// The stop words and era names.
pub(crate) fn stop_list() -> impl Iterator<Item = &'static str> {
    STOP_WORDS.iter().chain(ERA_NAMES).copied()
}

/// True for tokens that never become terms.
pub fn is_stop(token: &str) -> bool {
    // Most tokens are longer than any stop word or era name.
    token.len() <= 10 && (STOP_WORDS.binary_search(&token).is_ok() || ERA_NAMES.contains(&token))
}

/// Unigrams and adjacent bigrams (`"border patrol"`) of the content tokens of `text` (stop
/// words and era names removed), as strings.
pub fn terms(text: &str) -> Vec<String> {
    let toks: Vec<String> = tokenize(text).into_iter().filter(|w| !is_stop(w)).collect();
    let mut out = toks.clone();
    out.extend(toks.windows(2).map(|w| format!("{} {}", w[0], w[1])));
    out
}

/// An article tokenized once for all features: title and paragraphs (split on blank lines).
#[derive(Debug, Clone, Default)]
pub(crate) struct Analysed {
    pub title: Tokens,
    pub paras: Vec<Tokens>,
}

/// Tokenizes an article's title and paragraphs.
pub(crate) fn analyse(title: &str, text: &str) -> Analysed {
    Analysed {
        title: tokens(title),
        paras: text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(tokens)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stop_words_sorted() {
        assert!(super::STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }
}
