//! The daily digest: relevant stories of a period, the same story folded into
//! one entry ("also in: …"), grouped by focus city, then state, then national.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use super::dedup::{self, Shingles};
use super::query::{self, Order, Story, StoryFilter};
use crate::store::{fmt_time, now_str, Store};

/// How sure the classifier is that a story belongs to the beat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn of(score: Option<f64>) -> Confidence {
        match score.unwrap_or(0.0) {
            s if s >= 0.85 => Confidence::High,
            s if s >= 0.65 => Confidence::Medium,
            _ => Confidence::Low,
        }
    }

    /// A marker that reads in plain text, Markdown and HTML alike.
    pub fn marker(self) -> &'static str {
        match self {
            Confidence::High => "[high]",
            Confidence::Medium => "[medium]",
            Confidence::Low => "[low]",
        }
    }
}

/// One story of the digest, with the other outlets that carried it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub story: Story,
    pub lead: String,
    pub confidence: Confidence,
    /// (outlet, link) of the other copies.
    pub also_in: Vec<(String, String)>,
    /// Not in the previous digest.
    pub is_new: bool,
}

/// Where a section's stories happen.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    City(String, String),
    State(String),
    National,
}

impl Place {
    pub fn heading(&self) -> String {
        match self {
            Place::City(name, st) => format!("{name}, {st}"),
            Place::State(st) => format!("{st} (statewide)"),
            Place::National => "National".to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub place: Place,
    pub entries: Vec<Entry>,
}

/// Everything a rendering needs.
#[derive(Debug, Clone)]
pub struct Digest {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub sections: Vec<Section>,
    pub articles: usize,
    pub stories: usize,
    pub by_city: Vec<(String, usize)>,
    pub by_theme: Vec<(String, usize)>,
    /// Stories not in the previous digest, and when that digest was made.
    pub new_since_previous: Option<(usize, String)>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.stories == 0
    }

    pub fn article_ids(&self) -> Vec<i64> {
        self.sections
            .iter()
            .flat_map(|s| s.entries.iter().map(|e| e.story.id))
            .collect()
    }
}

/// Builds the digest of relevant stories dated in `[from, to)`.
pub fn build(store: &Store, from: DateTime<Utc>, to: DateTime<Utc>) -> anyhow::Result<Digest> {
    let filter = StoryFilter {
        from: Some(from),
        to: Some(to),
        relevant_only: true,
        ..Default::default()
    };
    let mut stories = query::stories(store, &filter, true, Order::NewestFirst, None)?;
    // Earliest copy first, so the original leads its cluster and the rest are "also in".
    stories.sort_by(|a, b| a.date().cmp(&b.date()).then(a.id.cmp(&b.id)));
    let prints: Vec<Shingles> = stories
        .iter()
        .map(|s| Shingles::of(s.text.as_deref().or(s.summary.as_deref()).unwrap_or("")))
        .collect();
    let titles: Vec<&str> = stories.iter().map(|s| s.headline()).collect();
    let clusters = dedup::cluster(&prints, &titles);
    let previous = previous_digest(store)?;
    let mut by_place: BTreeMap<Place, Vec<Entry>> = BTreeMap::new();
    let (mut city_counts, mut theme_counts) = (
        BTreeMap::<String, usize>::new(),
        BTreeMap::<String, usize>::new(),
    );
    for cluster in &clusters {
        let story = stories[cluster[0]].clone();
        let also_in = cluster[1..]
            .iter()
            .map(|&i| {
                (
                    stories[i]
                        .outlet
                        .clone()
                        .unwrap_or_else(|| host_of(&stories[i].canonical_url)),
                    stories[i].canonical_url.clone(),
                )
            })
            .collect();
        let place = match (story.cities.first(), story.states.first()) {
            (Some(c), _) => Place::City(c.name.clone(), c.state.clone()),
            (None, Some(s)) => Place::State(s.code.clone()),
            _ => Place::National,
        };
        for c in &story.cities {
            *city_counts
                .entry(format!("{}, {}", c.name, c.state))
                .or_default() += 1;
        }
        for t in &story.themes {
            *theme_counts.entry(t.name.clone()).or_default() += 1;
        }
        let is_new = previous
            .as_ref()
            .is_none_or(|(ids, _)| cluster.iter().all(|&i| !ids.contains(&stories[i].id)));
        let lead = lead_of(
            story
                .text
                .as_deref()
                .filter(|t| !t.is_empty())
                .or(story.summary.as_deref())
                .unwrap_or(""),
            2,
        );
        by_place.entry(place).or_default().push(Entry {
            confidence: Confidence::of(story.relevance_score),
            story,
            lead,
            also_in,
            is_new,
        });
    }
    let mut sections: Vec<Section> = by_place
        .into_iter()
        .map(|(place, mut entries)| {
            entries.sort_by(|a, b| b.story.date().cmp(&a.story.date()));
            Section { place, entries }
        })
        .collect();
    // Cities with most stories first, then states, then national.
    sections.sort_by_key(|s| {
        let rank = match s.place {
            Place::City(..) => 0,
            Place::State(_) => 1,
            Place::National => 2,
        };
        (rank, std::cmp::Reverse(s.entries.len()), s.place.clone())
    });
    let stories_n = clusters.len();
    let new_n = sections
        .iter()
        .flat_map(|s| &s.entries)
        .filter(|e| e.is_new)
        .count();
    Ok(Digest {
        from,
        to,
        articles: stories.len(),
        stories: stories_n,
        by_city: sorted_counts(city_counts),
        by_theme: sorted_counts(theme_counts),
        new_since_previous: previous.map(|(_, at)| (new_n, at)),
        sections,
    })
}

/// Remembers which articles a digest showed, for "new since the previous digest".
pub fn record(store: &Store, digest: &Digest, format: &str) -> anyhow::Result<()> {
    store.conn().execute(
        "INSERT INTO digests (generated_at, period_start, period_end, format, article_ids) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![now_str(), fmt_time(digest.from), fmt_time(digest.to), format, serde_json::to_string(&digest.article_ids())?],
    )?;
    Ok(())
}

fn previous_digest(store: &Store) -> anyhow::Result<Option<(HashSet<i64>, String)>> {
    let row: Option<(String, String)> = store
        .conn()
        .query_row(
            "SELECT article_ids, generated_at FROM digests ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    Ok(row.map(|(ids, at)| {
        (
            serde_json::from_str::<Vec<i64>>(&ids)
                .unwrap_or_default()
                .into_iter()
                .collect(),
            at,
        )
    }))
}

fn sorted_counts(map: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<_> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default()
}

/// The first `n` sentences of `text`, not breaking after common abbreviations.
pub fn lead_of(text: &str, n: usize) -> String {
    const ABBREV: &[&str] = &[
        "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "st", "gen", "lt", "col", "sgt", "jr", "sr",
        "no", "vs", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s",
        "a.m", "p.m", "inc", "corp", "calif", "ariz", "tex", "fla", "ill", "mass", "colo", "n.y",
        "d.c",
    ];
    let text = text
        .split("\n\n")
        .find(|p| p.split_whitespace().count() >= 6)
        .unwrap_or(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut count = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let next = chars.get(k + 1).map(|x| x.1);
        let after = chars.get(k + 2).map(|x| x.1);
        let boundary = match (next, after) {
            (None, _) => true,
            (Some(w), Some(a)) if w.is_whitespace() => {
                a.is_uppercase() || a == '"' || a == '\u{201c}' || a.is_numeric()
            }
            (Some('"' | '\u{201d}'), _) => true,
            _ => false,
        };
        let word = text[..i]
            .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let is_abbrev = ABBREV.contains(&word.as_str())
            || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic));
        if boundary && !is_abbrev {
            count += 1;
            if count == n {
                let end = i
                    + c.len_utf8()
                    + next
                        .filter(|w| matches!(w, '"' | '\u{201d}'))
                        .map(char::len_utf8)
                        .unwrap_or(0);
                return text[..end].trim().to_string();
            }
        }
    }
    let t = text.trim();
    if t.chars().count() > 400 {
        let cut: String = t.chars().take(400).collect();
        format!("{}…", cut.rsplit_once(' ').map(|x| x.0).unwrap_or(&cut))
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_keeps_two_sentences_across_abbreviations() {
        let t = "DENVER (AP) — Gov. Jared Polis said Tuesday that U.S. agents arrested 40 people in Denver. \
                 The raids began at 6 a.m. Monday. A third sentence follows.";
        assert_eq!(lead_of(t, 2), "DENVER (AP) — Gov. Jared Polis said Tuesday that U.S. agents arrested 40 people in Denver. The raids began at 6 a.m. Monday.");
        assert_eq!(lead_of("One short line", 2), "One short line");
    }
}
