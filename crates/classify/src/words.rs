//! Words of an article as the place matcher sees them: original and lowercase form, whether
//! capitalised, in the title, sentence-initial or after a comma.

/// A word of the title or text as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub lower: String,
    pub orig: String,
    pub cap: bool,
    pub title: bool,
    pub sent_start: bool,
    pub comma_before: bool,
    /// Byte offset in the text (titles: 0).
    pub start: usize,
}

/// Splits title and text into words, with the separators' cues.
pub(crate) fn words(title: &str, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for (seg, is_title) in [(title, true), (text, false)] {
        let mut sep_comma = false;
        let mut sent = true;
        let mut cur: Option<usize> = None;
        let bytes = seg.char_indices().chain(std::iter::once((seg.len(), ' ')));
        for (i, c) in bytes {
            let inner_apos = (c == '\'' || c == '’')
                && cur.is_some()
                && seg[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() || inner_apos {
                cur.get_or_insert(i);
                continue;
            }
            if let Some(s) = cur.take() {
                // Possessive: Chicago's → Chicago.
                let orig = seg[s..i]
                    .strip_suffix("'s")
                    .or_else(|| seg[s..i].strip_suffix("’s"))
                    .unwrap_or(&seg[s..i]);
                out.push(Word {
                    lower: orig.replace('’', "'").to_lowercase(),
                    orig: orig.to_string(),
                    cap: orig.chars().next().is_some_and(char::is_uppercase),
                    title: is_title,
                    sent_start: sent,
                    comma_before: sep_comma,
                    start: if is_title { 0 } else { s },
                });
                sep_comma = false;
                sent = false;
            }
            match c {
                ',' => sep_comma = true,
                '\n' | '!' | '?' | ':' | '"' | '“' | '—' => sent = true,
                // A period ends a sentence unless it closes an initial or abbreviation (St., D.C.).
                '.' => sent = out.last().is_some_and(|w| w.orig.chars().count() > 3),
                _ => {}
            }
        }
    }
    out
}
