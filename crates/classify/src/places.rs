//! Finding place mentions in an article: gazetteer names and aliases, `City, ST` / `City,
//! State` / AP abbreviations (`Douglas, Ariz.`), datelines (`EL PASO, Texas —`, `DENVER (AP) —`),
//! neighbourhoods mapped to their city, and state names. Each mention carries the context cues
//! the focus model uses; ambiguous names are resolved per article (see `scan`).

use crate::gazetteer::Gazetteer;
use crate::keywords::is_enforcement_word;
use crate::lexicon::*;
pub(crate) use crate::words::{words, Word};
use std::collections::HashMap;

/// Places smaller than this are mostly namesakes of people or things in news text, so their
/// names need support: a locative word before (`in Dilley`), a facility word after (`Eloy
/// Detention Center`), or their state named in the article.
const SMALL_PLACE: u32 = 50_000;

/// The context of a name needed to judge it.
struct Context<'a> {
    prev: Option<&'a Word>,
    next: Option<&'a Word>,
    after_place: bool,
    state_named: bool,
}

/// Whether a mention without an attached state may be the place: not a foreign or
/// institutional name, not an ordinary word or small place in a weak position, not the second
/// half of a name like `Washington Post`, and for small places some support (see
/// [`SMALL_PLACE`]).
fn plausible(
    gaz: &Gazetteer,
    key: &str,
    rows: &[u32],
    m: &Mention,
    cx: &Context,
    common: &[String],
) -> bool {
    if NOT_PLACES.contains(&key) {
        return false;
    }
    let single = !key.contains(' ');
    let small = rows
        .first()
        .is_none_or(|&r| gaz.place(r).population < SMALL_PLACE);
    if single && m.weak && (small || common.iter().any(|c| c == key)) {
        return false;
    }
    if !small {
        return true;
    }
    let locative = cx
        .prev
        .is_some_and(|w| !w.cap && LOCATIVES.contains(&w.lower.as_str()));
    let facility = cx
        .next
        .is_some_and(|w| w.cap && FOLLOWERS.contains(&w.lower.as_str()));
    !cx.after_place && (locative || facility || cx.state_named)
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// A city (after neighbourhood → city mapping).
    City(u32),
    /// A county, sector or valley: evidence for its state (index) only.
    Region(usize),
    /// A state by name, AP abbreviation or postal code.
    State(usize),
}

/// One mention of a place or state, with its context cues.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub kind: Kind,
    /// Word index in [`words`] output.
    pub word: usize,
    pub title: bool,
    pub dateline: bool,
    /// The name was followed by its state (`Aurora, Colo.`), or is a state attached to a city.
    pub explicit: bool,
    /// Sentence-initial or followed by another capitalised word (`Phoenix Suns`).
    pub weak: bool,
    pub via_neighbourhood: bool,
    pub ambiguous: bool,
    pub enforcement_near: bool,
    pub venue: bool,
    pub near: bool,
    pub origin: bool,
    pub court: bool,
    /// Right after "in" or "at": the place where something happens.
    pub located: bool,
    /// Named as an example ("cities such as X") or as one item of a list of places.
    pub example: bool,
    /// A state-government cue nearby (governor, legislature, state law).
    pub state_cue: bool,
}

/// A matched span before per-article resolution.
struct Raw {
    start: usize,
    end: usize,
    /// Candidate rows (empty for a state).
    rows: Vec<u32>,
    /// The state: of a state mention, or attached to a place (`Aurora, Colo.`).
    state: Option<usize>,
    is_state: bool,
    /// A state written right after a city, or a city followed by its state.
    attached: bool,
    /// For a county: the states that have a county of that name, most populous first.
    counties: Vec<usize>,
}

impl Raw {
    fn state(start: usize, end: usize, st: usize, attached: bool) -> Raw {
        Raw {
            start,
            end,
            rows: Vec::new(),
            state: Some(st),
            is_state: true,
            attached,
            counties: Vec::new(),
        }
    }
}

fn key_of(ws: &[Word]) -> String {
    ws.iter()
        .map(|w| w.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words of a leading dateline (`EL PASO, Texas (Reuters) —`, `Washington (CNN) --`), if any.
fn dateline_words(ws: &[Word], text: &str) -> usize {
    let head: String = text.chars().take(90).collect();
    let Some(dash) = ["—", "–", "--", " - "]
        .iter()
        .filter_map(|d| head.find(d))
        .min()
    else {
        return 0;
    };
    let pre = &head[..dash];
    let has_source = pre.contains('(');
    let place_part = pre.split('(').next().unwrap_or("");
    let upper = place_part
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(4)
        .all(char::is_uppercase);
    let n_words = ws.iter().filter(|w| !w.title && w.start < dash).count();
    if place_part.trim().is_empty() || !(upper || has_source) || n_words > 6 {
        return 0;
    }
    n_words
}

/// Finds all mentions in an article. `common_words` are single-word place names that are
/// usually ordinary words (learned from training text), which then need a following state or
/// a mid-sentence capital to count.
pub(crate) fn scan(
    gaz: &Gazetteer,
    title: &str,
    text: &str,
    common_words: &[String],
) -> (Vec<Word>, Vec<Mention>) {
    let ws = words(title, text);
    let n_title = ws.iter().filter(|w| w.title).count();
    let dateline_end = n_title + dateline_words(&ws[n_title..], text);
    let enf: Vec<bool> = ws.iter().map(|w| is_enforcement_word(&w.orig)).collect();
    let mut raw: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !ws[i].cap {
            i += 1;
            continue;
        }
        if let Some((end, states)) = county_at(gaz, &ws, i) {
            raw.push(Raw {
                start: i,
                end,
                rows: Vec::new(),
                state: None,
                is_state: false,
                attached: false,
                counties: states.to_vec(),
            });
            i = end;
            continue;
        }
        let matched = longest_match(gaz, &ws, i).filter(|m| !starts_another_name(&ws, m.0));
        let Some((end, rows, state)) = matched else {
            // A town too small for the gazetteer still gives its state: `Smallville, Kan.`
            if let Some((st, after)) = attached_state(gaz, &ws, i + 1) {
                raw.push(Raw::state(i + 1, after, st, true));
                i = after;
            } else {
                i += 1;
            }
            continue;
        };
        if let Some(s) = state {
            raw.push(Raw::state(i, end, s, false));
            i = end;
            continue;
        }
        // `City, ST` / `City, State` / `City, Calif.` fixes the state.
        // A following "New York" or "Washington" may be the next item of a list
        // (`Atlanta, New York, Chicago`): it only attaches if the name exists in that state.
        let explicit = attached_state(gaz, &ws, end).filter(|&(st, after)| {
            let listy = matches!(key_of(&ws[end..after]).as_str(), "new york" | "washington");
            !listy
                || rows
                    .iter()
                    .any(|&r| gaz.place(r).state == gaz.states()[st].code)
        });
        match explicit {
            Some((st, after)) => {
                let code = &gaz.states()[st].code;
                let in_state: Vec<u32> = rows
                    .iter()
                    .copied()
                    .filter(|&r| &gaz.place(r).state == code)
                    .collect();
                raw.push(Raw {
                    start: i,
                    end,
                    rows: in_state,
                    state: Some(st),
                    is_state: false,
                    attached: true,
                    counties: Vec::new(),
                });
                raw.push(Raw::state(end, after, st, true));
                i = after;
            }
            None => {
                raw.push(Raw {
                    start: i,
                    end,
                    rows,
                    state: None,
                    is_state: false,
                    attached: false,
                    counties: Vec::new(),
                });
                // The region word of `Yuma Sector` is not a place of its own.
                let region = ws
                    .get(end)
                    .is_some_and(|w| REGION_WORDS.contains(&w.lower.as_str()));
                i = end + region as usize;
            }
        }
    }
    let mut state_counts = vec![0u32; gaz.states().len()];
    for r in raw.iter().filter(|r| r.is_state) {
        state_counts[r.state.unwrap_or(0)] += 1;
    }
    // Names of people: a single-word name after a capitalised non-place word (`Hillary
    // Clinton`, `Sen. Graham`), after a kin or role word (`son Sebastian`), before a speech verb
    // (`Johnson said`) or `, who` is a person there; if such uses outnumber place uses (`in
    // Clinton`), every bare mention of the name in the article is. Titles are skipped: headline
    // capitals say nothing.
    let mut votes: HashMap<String, (u32, u32)> = HashMap::new();
    let mut person_at = vec![false; ws.len()];
    for r in raw
        .iter()
        .filter(|r| !r.is_state && r.state.is_none() && r.end == r.start + 1)
    {
        if r.start == 0 || ws[r.start].title || ws[r.start - 1].title {
            continue;
        }
        let p = &ws[r.start - 1];
        // `Atlanta, Chicago` is a list; `Elizabeth Warren` (no comma) is a person.
        let placeish = raw.iter().any(|q| q.end == r.start) && ws[r.start].comma_before;
        let acronym = p.orig.chars().all(|c| c.is_uppercase());
        let next = ws.get(r.end).filter(|w| !w.title && !w.cap);
        let prefix = PLACE_PREFIXES.contains(&p.lower.as_str());
        // `around Phoenix said` has the clerks speak, not Phoenix.
        let after_preposition = !p.cap && prefix;
        let person = !placeish
            && ((p.cap && !acronym && !ws[r.start].sent_start && !prefix)
                || (!p.cap
                    && !ws[r.start].comma_before
                    && PERSON_BEFORE.contains(&p.lower.as_str()))
                || (!after_preposition
                    && next.is_some_and(|w| {
                        (!w.comma_before && PERSON_VERBS.contains(&w.lower.as_str()))
                            || (w.comma_before && w.lower == "who")
                    })));
        let v = votes.entry(key_of(&ws[r.start..r.end])).or_default();
        if person {
            v.0 += 2;
            person_at[r.start] = true;
        } else if after_preposition {
            // `in Clinton` is a place; `and`, `to` or `for` come before people too.
            v.1 += if PLACE_VOTES.contains(&p.lower.as_str()) {
                2
            } else {
                1
            };
        }
    }
    let persons: Vec<&String> = votes
        .iter()
        .filter(|(_, v)| v.0 > v.1)
        .map(|(k, _)| k)
        .collect();
    let mut choice: HashMap<String, Option<u32>> = HashMap::new();
    let mut out = Vec::new();
    for r in &raw {
        let (s, e, rows, st) = (r.start, r.end, &r.rows, r.state);
        let cue = |words: &[&str], before: usize, after: usize| {
            ws[s.saturating_sub(before)..(e + after).min(ws.len())]
                .iter()
                .any(|w| words.contains(&w.lower.as_str()))
        };
        let mut m = Mention {
            kind: Kind::State(0),
            word: s,
            title: ws[s].title,
            dateline: s >= n_title && s < dateline_end,
            explicit: r.attached,
            weak: ws[s].sent_start
                || ws.get(e).is_some_and(|w| {
                    w.cap
                        && !w.sent_start
                        && !w.comma_before
                        && w.title == ws[s].title
                        && !FOLLOWERS.contains(&w.lower.as_str())
                }),
            via_neighbourhood: false,
            ambiguous: false,
            enforcement_near: enf[s.saturating_sub(12)..(e + 12).min(ws.len())]
                .iter()
                .any(|&b| b),
            venue: cue(VENUE_WORDS, 5, 0),
            located: s > 0 && matches!(ws[s - 1].lower.as_str(), "in" | "at"),
            example: cue(EXAMPLE_WORDS, 3, 0) || in_list(&raw, &ws, s, e),
            near: s > 0 && NEAR_WORDS.contains(&ws[s - 1].lower.as_str()),
            origin: cue(ORIGIN_WORDS, 3, 0),
            court: cue(COURT_WORDS, 4, 0),
            state_cue: cue(STATE_CUES, 8, 8),
        };
        if r.is_state {
            m.kind = Kind::State(st.unwrap_or(0));
            out.push(m);
            continue;
        }
        if let Some(&first) = r.counties.first() {
            let named = r.counties.iter().copied().find(|&c| state_counts[c] > 0);
            m.kind = Kind::Region(named.unwrap_or(first));
            out.push(m);
            continue;
        }
        let key = key_of(&ws[s..e]);
        if rows.is_empty() || (st.is_none() && (person_at[s] || persons.contains(&&key))) {
            continue;
        }
        let cx = Context {
            prev: s
                .checked_sub(1)
                .map(|p| &ws[p])
                .filter(|w| w.title == ws[s].title),
            next: ws.get(e).filter(|w| w.title == ws[s].title),
            after_place: raw.iter().any(|q| q.end == s && !ws[s].comma_before),
            state_named: rows.iter().any(|&r| {
                gaz.state_by_code(&gaz.place(r).state)
                    .is_some_and(|i| state_counts[i] > 0)
            }),
        };
        if st.is_none() && !plausible(gaz, &key, rows, &m, &cx, common_words) {
            continue;
        }
        let row = match st {
            Some(_) => Some(rows[0]),
            None => *choice
                .entry(key.clone())
                .or_insert_with(|| disambiguate(gaz, rows, &state_counts, &raw)),
        };
        let Some(mut row) = row else { continue };
        m.ambiguous = st.is_none()
            && rows
                .iter()
                .any(|&r| gaz.place(r).state != gaz.place(row).state);
        if let Some(p) = gaz.place(row).parent {
            row = p;
            m.via_neighbourhood = true;
        }
        let region = ws
            .get(e)
            .is_some_and(|w| REGION_WORDS.contains(&w.lower.as_str()));
        m.kind = if region {
            Kind::Region(gaz.state_by_code(&gaz.place(row).state).unwrap_or(0))
        } else {
            Kind::City(row)
        };
        out.push(m);
    }
    (ws, out)
}

/// A county or parish named at word `i` (`Harris County`, `Orleans Parish`): its end and the
/// states with a county of that name.
fn county_at<'g>(gaz: &'g Gazetteer, ws: &[Word], i: usize) -> Option<(usize, &'g [usize])> {
    (1..=3).rev().find_map(|n| {
        let word = ws.get(i + n)?;
        let span = &ws[i..i + n];
        let same = ws[i + 1..=i + n]
            .iter()
            .all(|w| w.title == ws[i].title && !w.comma_before);
        if !same || !matches!(word.lower.as_str(), "county" | "parish") {
            return None;
        }
        let states = gaz.county_states(&format!("{} {}", key_of(span), word.lower));
        (!states.is_empty()).then_some((i + n + 1, states))
    })
}

/// Whether the name ending before word `end` begins another name (see [`STARTS_ANOTHER_NAME`]).
fn starts_another_name(ws: &[Word], end: usize) -> bool {
    ws.get(end).is_some_and(|w| {
        w.cap && !w.comma_before && STARTS_ANOTHER_NAME.contains(&w.lower.as_str())
    })
}

/// Longest gazetteer name or state name starting at word `i`: (end, rows, state if a state name).
fn longest_match(
    gaz: &Gazetteer,
    ws: &[Word],
    i: usize,
) -> Option<(usize, Vec<u32>, Option<usize>)> {
    let max = gaz.max_words().min(ws.len() - i);
    for n in (1..=max).rev() {
        let span = &ws[i..i + n];
        if span
            .iter()
            .skip(1)
            .any(|w| w.comma_before || w.title != span[0].title || w.sent_start && !w.cap)
            || !span[n - 1].cap
            || span
                .iter()
                .any(|w| !w.cap && !CONNECTORS.contains(&w.lower.as_str()))
        {
            continue;
        }
        let key = key_of(span);
        let next_state_word = ws
            .get(i + n)
            .is_some_and(|w| w.lower == "state" && !w.comma_before);
        if let Some(st) = gaz.state_by_name(&key) {
            // Bare "Washington" is the capital, "New York" the city; "Washington state" the state.
            let city_sense = matches!(key.as_str(), "washington" | "new york") && !next_state_word;
            if !city_sense {
                return Some((i + n + next_state_word as usize, Vec::new(), Some(st)));
            }
            let rows = if key == "washington" {
                gaz.lookup("washington")
                    .iter()
                    .copied()
                    .filter(|&r| gaz.place(r).state == "DC")
                    .collect()
            } else {
                gaz.lookup(&key).to_vec()
            };
            return Some((i + n, rows, None));
        }
        let rows = gaz.lookup(&key);
        if rows.is_empty() {
            continue;
        }
        if let Some(exact) = gaz.exact_case(&key) {
            let orig: String = span.iter().map(|w| w.orig.as_str()).collect();
            if orig != exact {
                continue;
            }
        }
        if n > 1 && attached_state(gaz, ws, i + n).is_none() {
            if let Some((k, shorter)) = bigger_prefix(gaz, ws, i, n, rows) {
                return Some((i + k, shorter.to_vec(), None));
            }
        }
        return Some((i + n, rows.to_vec(), None));
    }
    None
}

/// A shorter name at the start of a longer match that names a far bigger place: `Denver City
/// Council` is Denver's council, not Denver City, Texas (4,864 people). Only when the longer
/// name has no state attached and every place it names is small.
fn bigger_prefix<'g>(
    gaz: &'g Gazetteer,
    ws: &[Word],
    i: usize,
    n: usize,
    rows: &[u32],
) -> Option<(usize, &'g [u32])> {
    let pop = |r: &u32| gaz.place(*r).population;
    let longer = rows.iter().map(pop).max()?;
    if longer >= SMALL_PLACE {
        return None;
    }
    (1..n).rev().find_map(|k| {
        let shorter = gaz.lookup(&key_of(&ws[i..i + k]));
        let bigger = shorter
            .iter()
            .any(|r| pop(r) >= SMALL_PLACE.max(10 * longer));
        (ws[i + k - 1].cap && bigger).then_some((k, shorter))
    })
}

/// A state written right after a place: `, Texas`, `, Calif.`, `, N.Y.`, `, CO`.
fn attached_state(gaz: &Gazetteer, ws: &[Word], at: usize) -> Option<(usize, usize)> {
    if !ws.get(at)?.comma_before || !ws[at].cap {
        return None;
    }
    for n in (1..=3).rev() {
        let Some(span) = ws.get(at..at + n) else {
            continue;
        };
        if span.iter().skip(1).any(|w| w.comma_before) {
            continue;
        }
        let key = key_of(span);
        if let Some(s) = gaz.state_by_name(&key).or_else(|| gaz.state_by_ap(&key)) {
            return Some((s, at + n));
        }
    }
    let w = &ws[at];
    if w.orig.len() == 2 && w.orig.chars().all(|c| c.is_ascii_uppercase()) {
        return gaz.state_by_code(&w.orig).map(|s| (s, at + 1));
    }
    None
}

/// Picks the row an ambiguous name means in this article: most populous, outweighed by its
/// state being named (or attached to another mention) and by other places named in that state.
fn disambiguate(gaz: &Gazetteer, rows: &[u32], state_counts: &[u32], raw: &[Raw]) -> Option<u32> {
    if rows.len() == 1 {
        return Some(rows[0]);
    }
    let co_mentioned = |st: &str| {
        raw.iter()
            .filter(|r| !r.is_state && r.rows.len() == 1 && gaz.place(r.rows[0]).state == st)
            .count() as f32
    };
    rows.iter().copied().max_by(|&a, &b| {
        let score = |r: u32| {
            let p = gaz.place(r);
            let named = gaz.state_by_code(&p.state).map_or(0, |s| state_counts[s]) as f32;
            // A named state (+3) and other places in it (+1) outweigh a population gap of up to
            // e^4 ≈ 55×: Springfield follows its state, a bare San Diego stays in California.
            (p.population.max(1) as f32).ln()
                + 3.0 * named.min(1.0)
                + co_mentioned(&p.state).min(1.0)
        };
        score(a).total_cmp(&score(b))
    })
}

/// Whether the span `s..e` is one item of a list of places: another place or state ends just
/// before it after a comma, or starts just after it after a comma or "and"/"or".
fn in_list(raw: &[Raw], ws: &[Word], s: usize, e: usize) -> bool {
    let joined = |w: &Word| w.comma_before || matches!(w.lower.as_str(), "and" | "or");
    let before = raw.iter().any(|q| {
        (q.end == s && ws[s].comma_before)
            || (q.end + 1 == s && matches!(ws[q.end].lower.as_str(), "and" | "or"))
    });
    let after = raw.iter().any(|q| {
        (q.start == e && ws.get(e).is_some_and(joined))
            || (q.start == e + 1
                && ws
                    .get(e)
                    .is_some_and(|w| matches!(w.lower.as_str(), "and" | "or")))
    });
    before || after
}

/// Names with their number of mentions, in order of first mention.
pub type Counted = Vec<(String, u32)>;

/// Places an article mentions, as the matcher resolved them: cities (`Name, ST`, after
/// neighbourhood mapping) and states (codes, named or attached to a city), each with its
/// number of mentions. Counties and sectors count for their state.
pub fn mentioned_places(gaz: &Gazetteer, title: &str, text: &str) -> (Counted, Counted) {
    let (_, ms) = scan(gaz, title, text, &[]);
    let (mut cities, mut states) = (Counted::new(), Counted::new());
    let bump = |v: &mut Counted, k: String| match v.iter_mut().find(|e| e.0 == k) {
        Some(e) => e.1 += 1,
        None => v.push((k, 1)),
    };
    for m in &ms {
        match m.kind {
            Kind::City(r) => bump(&mut cities, gaz.label(r)),
            Kind::Region(s) | Kind::State(s) => bump(&mut states, gaz.states()[s].code.clone()),
        }
    }
    (cities, states)
}
