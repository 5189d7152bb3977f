//! Tokenization and n-gram terms.
//!
//! Words are lowercased except all-capital acronyms (`ICE`, `CBP`, `DACA`), so the agency is a
//! different token from "ice"; a line written in capitals is lowercased whole, since there the
//! case says nothing. `287(g)` stays one token and dotted initials become acronyms (`U.S.` → `US`).
//! Years and long numbers become `<year>` / `<num>` so dates of the training era are not features.

/// Splits `text` into tokens (see the module doc). Stop words are kept; [`terms`] drops them.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        tokenize_line(line, shouting(line), &mut out);
    }
    out
}

/// True when most letters of a line of several words are capitals (a shouted headline).
fn shouting(line: &str) -> bool {
    let (mut up, mut low) = (0usize, 0usize);
    for c in line.chars() {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    up >= 12 && up > 3 * low
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn tokenize_line(line: &str, shout: bool, out: &mut Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut word = String::new();
        // Dotted initials: U.S., D.C., L.A.
        if chars[i].is_uppercase() && chars.get(i + 1) == Some(&'.') {
            let mut j = i;
            while j + 1 < chars.len() && chars[j].is_uppercase() && chars[j + 1] == '.' {
                word.push(chars[j]);
                j += 2;
                if j < chars.len() && is_word_char(chars[j]) && chars.get(j + 1) != Some(&'.') {
                    break;
                }
            }
            if word.chars().count() >= 2 {
                i = j;
                push_token(&word, shout, out);
                continue;
            }
            word.clear();
            i = start;
        }
        while i < chars.len() {
            let c = chars[i];
            if is_word_char(c) {
                word.push(c);
                i += 1;
            } else if (c == '\'' || c == '’')
                && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())
                && !word.is_empty()
            {
                // Possessive 's is dropped; other apostrophes are elided (don't → dont).
                let next_is_s = matches!(chars.get(i + 1), Some('s') | Some('S'))
                    && !chars.get(i + 2).is_some_and(|n| is_word_char(*n));
                if next_is_s {
                    i += 2;
                    break;
                }
                i += 1;
            } else if c == ','
                && word.chars().all(|d| d.is_ascii_digit())
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
            {
                i += 1; // 1,000
            } else if c == '('
                && word.chars().all(|d| d.is_ascii_digit())
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
                && chars.get(i + 2) == Some(&')')
            {
                // 287(g)
                word.push('(');
                word.push(chars[i + 1].to_ascii_lowercase());
                word.push(')');
                i += 3;
                break;
            } else {
                break;
            }
        }
        push_token(&word, shout, out);
    }
}

fn push_token(word: &str, shout: bool, out: &mut Vec<String>) {
    if word.is_empty() {
        return;
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        let t = match word.len() {
            4 if word.starts_with("19") || word.starts_with("20") => "<year>",
            0..=3 => word,
            _ => "<num>",
        };
        out.push(t.to_string());
        return;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = !shout && letters >= 2 && !word.chars().any(|c| c.is_lowercase());
    out.push(if acronym {
        word.to_string()
    } else {
        word.to_lowercase()
    });
}

/// Function words dropped before n-grams are formed, so "remain in Mexico" gives `remain mexico`.
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
const ERA_NAMES: &[&str] = &[
    "obama",
    "romney",
    "boehner",
    "napolitano",
    "jeh",
    "kirstjen",
    "nielsen",
    "mcaleenan",
    "cuccinelli",
    "duke",
    "kobach",
    "arpaio",
    "mccain",
];

/// True for tokens that never become terms.
pub fn is_stop(token: &str) -> bool {
    STOP_WORDS.binary_search(&token).is_ok() || ERA_NAMES.contains(&token)
}

/// Content tokens of `text` (stop words and era names removed), the units of the 1-2-grams.
pub fn content_tokens(text: &str) -> Vec<String> {
    let mut t = tokenize(text);
    t.retain(|w| !is_stop(w));
    t
}

/// Unigrams and adjacent bigrams (`"border patrol"`) of content tokens, as strings.
pub fn terms(text: &str) -> Vec<String> {
    let toks = content_tokens(text);
    let mut out = toks.clone();
    out.extend(toks.windows(2).map(|w| format!("{} {}", w[0], w[1])));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn stop_words_sorted() {
        assert!(super::STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }
}
