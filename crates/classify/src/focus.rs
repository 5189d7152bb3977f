//! Focus places: turns an article's mentions into candidate cities and states with the features
//! the focus models rank them by (how often, how early, where, in what context).

use crate::gazetteer::Gazetteer;
use crate::places::{scan, Kind, Mention};

/// Names of the city-candidate features, in order (documentation and the model file).
#[rustfmt::skip]
pub const CITY_FEATURES: &[&str] = &[
    "log_mentions", "share", "in_title", "in_dateline", "first_pos", "in_lead", "explicit_state",
    "enforcement_near", "log_population", "log_state_named", "log_candidates", "inv_rank",
    "weak", "venue", "near", "origin", "court", "via_neighbourhood", "is_dc", "rel_to_max",
    "ambiguous", "state_in_title", "located", "example", "log_words", "local_city", "local_state", "local_x_mentions",
    "local_x_rank", "local_x_rel_to_max", "local_x_in_lead",
];

/// Names of the state-candidate features, in order; the last two come from the city model.
#[rustfmt::skip]
pub const STATE_FEATURES: &[&str] = &[
    "log_named", "in_title", "in_dateline", "first_pos", "log_city_mentions", "share",
    "enforcement_near", "state_cue", "log_states", "border_state", "log_regions", "inv_rank",
    "attached_only", "negative_cues", "log_words", "local_state", "local_city", "max_city_prob",
    "has_focus_city",
];

/// A candidate with its features.
#[derive(Debug, Clone)]
pub(crate) struct Candidate<T> {
    pub id: T,
    pub features: Vec<f32>,
    pub mentions: u32,
}

/// Candidates of one article.
#[derive(Debug, Clone, Default)]
pub(crate) struct Candidates {
    pub cities: Vec<Candidate<u32>>,
    /// State features without the two city-model features (see [`state_features`]).
    pub states: Vec<Candidate<usize>>,
}

impl Candidates {
    /// The most-mentioned city (ties: first mentioned), the baseline's focus.
    pub fn most_mentioned_city(&self) -> Option<u32> {
        let max = self.cities.iter().map(|c| c.mentions).max()?;
        self.cities.iter().find(|c| c.mentions == max).map(|c| c.id)
    }

    /// The state with the most mentions of itself and its cities.
    pub fn most_mentioned_state(&self) -> Option<usize> {
        let max = self.states.iter().map(|c| c.mentions).max()?;
        self.states.iter().find(|c| c.mentions == max).map(|c| c.id)
    }
}

fn frac(ms: &[&Mention], f: impl Fn(&Mention) -> bool) -> f32 {
    if ms.is_empty() {
        0.0
    } else {
        ms.iter().filter(|m| f(m)).count() as f32 / ms.len() as f32
    }
}

fn ln1(x: f32) -> f32 {
    (1.0 + x).ln()
}

/// Finds the candidates of an article.
pub(crate) fn candidates(
    gaz: &Gazetteer,
    title: &str,
    text: &str,
    common_words: &[String],
) -> Candidates {
    let (ws, ms) = scan(gaz, title, text, common_words);
    let n_title = ws.iter().filter(|w| w.title).count();
    let n_text = (ws.len() - n_title).max(1) as f32;
    let pos = |m: &Mention| {
        if m.title {
            0.0
        } else {
            (m.word - n_title) as f32 / n_text
        }
    };
    let state_of = |m: &Mention| match m.kind {
        Kind::City(r) => gaz.state_by_code(&gaz.place(r).state),
        Kind::Region(s) | Kind::State(s) => Some(s),
    };
    let mut city_ids: Vec<u32> = Vec::new();
    for m in &ms {
        if let Kind::City(r) = m.kind {
            if !city_ids.contains(&r) {
                city_ids.push(r);
            }
        }
    }
    let city_mentions =
        |r: u32| -> Vec<&Mention> { ms.iter().filter(|m| m.kind == Kind::City(r)).collect() };
    let counts: Vec<u32> = city_ids
        .iter()
        .map(|&r| city_mentions(r).len() as u32)
        .collect();
    let total: u32 = counts.iter().sum();
    let max = counts.iter().copied().max().unwrap_or(1) as f32;
    let n_states = gaz.states().len();
    let mut named = vec![0u32; n_states];
    let mut named_title = vec![false; n_states];
    for m in ms.iter().filter(|m| matches!(m.kind, Kind::State(_))) {
        let s = state_of(m).unwrap_or(0);
        named[s] += 1;
        named_title[s] |= m.title;
    }
    let cities = city_ids
        .iter()
        .zip(&counts)
        .map(|(&r, &n)| {
            let cm = city_mentions(r);
            let p = gaz.place(r);
            let st = gaz.state_by_code(&p.state);
            let rank = counts.iter().filter(|&&c| c > n).count() as f32;
            let first = cm
                .iter()
                .filter(|m| !m.title)
                .map(|m| pos(m))
                .fold(1.0f32, f32::min);
            let features = vec![
                ln1(cm.iter().filter(|m| !m.title).count() as f32),
                n as f32 / total.max(1) as f32,
                cm.iter().any(|m| m.title) as u8 as f32,
                cm.iter().any(|m| m.dateline) as u8 as f32,
                first,
                cm.iter().any(|m| !m.title && m.word - n_title < 60) as u8 as f32,
                cm.iter().any(|m| m.explicit) as u8 as f32,
                frac(&cm, |m| m.enforcement_near),
                (p.population.max(1) as f32).ln() / 10.0,
                ln1(st.map_or(0, |s| named[s]) as f32),
                ln1(city_ids.len() as f32),
                1.0 / (1.0 + rank),
                frac(&cm, |m| m.weak),
                frac(&cm, |m| m.venue),
                frac(&cm, |m| m.near),
                frac(&cm, |m| m.origin),
                frac(&cm, |m| m.court),
                frac(&cm, |m| m.via_neighbourhood),
                (p.state == "DC") as u8 as f32,
                n as f32 / max,
                frac(&cm, |m| m.ambiguous),
                st.is_some_and(|s| named_title[s]) as u8 as f32,
                frac(&cm, |m| m.located),
                frac(&cm, |m| m.example),
                // Short texts (feed summaries) name few places, so each one counts for more.
                ln1(n_text) / 8.0,
            ];
            Candidate {
                id: r,
                features,
                mentions: n,
            }
        })
        .collect();
    let mut state_ids: Vec<usize> = Vec::new();
    for m in &ms {
        if let Some(s) = state_of(m) {
            if !state_ids.contains(&s) {
                state_ids.push(s);
            }
        }
    }
    let evidence: Vec<Vec<&Mention>> = state_ids
        .iter()
        .map(|&s| ms.iter().filter(|m| state_of(m) == Some(s)).collect())
        .collect();
    let total_ev: usize = evidence.iter().map(Vec::len).sum();
    let states = state_ids
        .iter()
        .zip(&evidence)
        .map(|(&s, ev)| {
            let own: Vec<&Mention> = ev
                .iter()
                .copied()
                .filter(|m| matches!(m.kind, Kind::State(_)))
                .collect();
            let city_n = ev
                .iter()
                .filter(|m| matches!(m.kind, Kind::City(_)))
                .count();
            let region_n = ev
                .iter()
                .filter(|m| matches!(m.kind, Kind::Region(_)))
                .count();
            let rank = evidence.iter().filter(|e| e.len() > ev.len()).count() as f32;
            let code = gaz.states()[s].code.as_str();
            let features = vec![
                ln1(own.len() as f32),
                ev.iter().any(|m| m.title) as u8 as f32,
                ev.iter().any(|m| m.dateline) as u8 as f32,
                ev.iter()
                    .filter(|m| !m.title)
                    .map(|m| pos(m))
                    .fold(1.0f32, f32::min),
                ln1(city_n as f32),
                ev.len() as f32 / total_ev.max(1) as f32,
                frac(ev, |m| m.enforcement_near),
                frac(ev, |m| m.state_cue),
                ln1(state_ids.len() as f32),
                matches!(code, "TX" | "AZ" | "NM" | "CA") as u8 as f32,
                ln1(region_n as f32),
                1.0 / (1.0 + rank),
                (!own.is_empty() && own.iter().all(|m| m.explicit)) as u8 as f32,
                frac(ev, |m| m.venue || m.origin || m.court || m.near),
                ln1(n_text) / 8.0,
            ];
            Candidate {
                id: s,
                features,
                mentions: ev.len() as u32,
            }
        })
        .collect();
    Candidates { cities, states }
}

/// Appends the article-level probabilities that the story has a focus city / a focus state
/// (from the text models) to every candidate.
pub(crate) fn add_article_features(c: &mut Candidates, local_city: f32, local_state: f32) {
    for k in &mut c.cities {
        // How prominent the place is matters only if the story is local at all: products let
        // the linear model express that.
        let f = &k.features;
        let (mentions, rank, rel, lead) = (f[0], f[11], f[19], f[5]);
        k.features.extend([
            local_city,
            local_state,
            local_city * mentions,
            local_city * rank,
            local_city * rel,
            local_city * lead,
        ]);
    }
    for k in &mut c.states {
        k.features.extend([local_state, local_city]);
    }
}

/// Full state feature vector: base features plus the city model's evidence for that state.
pub(crate) fn state_features(base: &[f32], max_city_prob: f32, has_focus_city: bool) -> Vec<f32> {
    let mut f = base.to_vec();
    f.push(max_city_prob);
    f.push(has_focus_city as u8 as f32);
    f
}
