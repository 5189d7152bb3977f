//! Reading stories back: one filter type shared by digest, feed, search and
//! export, and a streaming row reader (memory stays flat for any table size).

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use serde::Serialize;

use crate::store::{fmt_time, Store};

/// Which stories to read. Dates compare against the story date
/// (`published_at`, or `fetched_at` when the page gave none).
#[derive(Debug, Clone, Default)]
pub struct StoryFilter {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// `("Denver", "CO")`: stories whose focus cities include it.
    pub city: Option<(String, String)>,
    pub state: Option<String>,
    pub theme: Option<String>,
    /// Minimum relevance score.
    pub min_score: Option<f32>,
    pub relevant_only: bool,
    /// Only these article ids (e.g. full-text search hits).
    pub ids: Option<Vec<i64>>,
}

/// A theme with its score.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThemeTag {
    pub name: String,
    pub score: f64,
}

/// A focus city with its score.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CityTag {
    pub name: String,
    pub state: String,
    pub geonameid: Option<i64>,
    pub score: f64,
}

/// A focus state with its score.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StateTag {
    pub code: String,
    pub score: f64,
}

/// One stored article with its tags.
#[derive(Debug, Clone, Serialize)]
pub struct Story {
    pub id: i64,
    pub canonical_url: String,
    pub outlet: Option<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub text: Option<String>,
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    pub published_at: Option<String>,
    pub fetched_at: Option<String>,
    pub http_status: Option<i64>,
    pub content_hash: Option<String>,
    pub relevant: Option<bool>,
    pub relevance_score: Option<f64>,
    pub model_version: Option<String>,
    pub themes: Vec<ThemeTag>,
    pub cities: Vec<CityTag>,
    pub states: Vec<StateTag>,
}

impl Story {
    /// The date the story is filed under.
    pub fn date(&self) -> Option<&str> {
        self.published_at.as_deref().or(self.fetched_at.as_deref())
    }

    pub fn headline(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.is_empty())
            .unwrap_or(&self.canonical_url)
    }
}

const STORY_COLUMNS: &str = "a.id, a.canonical_url, a.outlet, s.name, s.url, a.title, a.feed_summary, {TEXT},
    a.authors, a.dateline, a.published_at, a.fetched_at, a.http_status, a.body_hash,
    t.relevant, t.relevance_score, t.model_version,
    (SELECT json_group_array(json_array(theme, score)) FROM (SELECT theme, score FROM tag_themes WHERE article_id = a.id ORDER BY score DESC)),
    (SELECT json_group_array(json_array(name, state, geonameid, score)) FROM (SELECT * FROM tag_cities WHERE article_id = a.id ORDER BY rank)),
    (SELECT json_group_array(json_array(state, score)) FROM (SELECT state, score FROM tag_states WHERE article_id = a.id ORDER BY score DESC))";

/// How the rows come out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest story date first.
    NewestFirst,
    /// By article id: stable, for exports.
    Id,
}

/// Calls `each` for every story that passes `filter`, streaming from SQLite.
pub fn for_each_story(
    store: &Store,
    filter: &StoryFilter,
    with_text: bool,
    order: Order,
    limit: Option<usize>,
    mut each: impl FnMut(Story) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let (where_sql, params) = where_clause(filter);
    let order_sql = match order {
        Order::NewestFirst => "COALESCE(a.published_at, a.fetched_at) DESC, a.id DESC",
        Order::Id => "a.id",
    };
    let sql = format!(
        "SELECT {} FROM articles a LEFT JOIN tags t ON t.article_id = a.id LEFT JOIN sources s ON s.id = a.source_id
         WHERE {where_sql} ORDER BY {order_sql}{}",
        STORY_COLUMNS.replace("{TEXT}", if with_text { "a.text" } else { "NULL" }),
        limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default()
    );
    let conn = store.conn();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    while let Some(r) = rows.next()? {
        let story = Story {
            id: r.get(0)?,
            canonical_url: r.get(1)?,
            outlet: r.get(2)?,
            source: r.get(3)?,
            source_url: r.get(4)?,
            title: r.get(5)?,
            summary: r.get(6)?,
            text: r.get(7)?,
            authors: r
                .get::<_, Option<String>>(8)?
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default(),
            dateline: r.get(9)?,
            published_at: r.get(10)?,
            fetched_at: r.get(11)?,
            http_status: r.get(12)?,
            content_hash: r.get(13)?,
            relevant: r.get::<_, Option<i64>>(14)?.map(|v| v != 0),
            relevance_score: r.get(15)?,
            model_version: r.get(16)?,
            themes: parse_tuples(r.get::<_, Option<String>>(17)?, |v| {
                Some(ThemeTag {
                    name: v.first()?.as_str()?.to_string(),
                    score: v.get(1)?.as_f64()?,
                })
            }),
            cities: parse_tuples(r.get::<_, Option<String>>(18)?, |v| {
                Some(CityTag {
                    name: v.first()?.as_str()?.to_string(),
                    state: v.get(1)?.as_str()?.to_string(),
                    geonameid: v.get(2)?.as_i64(),
                    score: v.get(3)?.as_f64()?,
                })
            }),
            states: parse_tuples(r.get::<_, Option<String>>(19)?, |v| {
                Some(StateTag {
                    code: v.first()?.as_str()?.to_string(),
                    score: v.get(1)?.as_f64()?,
                })
            }),
        };
        each(story)?;
    }
    Ok(())
}

/// Collects the stories of [`for_each_story`] (for outputs that are small by nature).
pub fn stories(
    store: &Store,
    filter: &StoryFilter,
    with_text: bool,
    order: Order,
    limit: Option<usize>,
) -> anyhow::Result<Vec<Story>> {
    let mut out = Vec::new();
    for_each_story(store, filter, with_text, order, limit, |s| {
        out.push(s);
        Ok(())
    })?;
    Ok(out)
}

fn parse_tuples<T>(json: Option<String>, f: impl Fn(&[serde_json::Value]) -> Option<T>) -> Vec<T> {
    let Some(json) = json else { return Vec::new() };
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(&json)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|v| v.as_array().and_then(|a| f(a)))
        .collect()
}

fn where_clause(f: &StoryFilter) -> (String, Vec<Value>) {
    let mut clauses = vec!["1 = 1".to_string()];
    let mut params: Vec<Value> = Vec::new();
    let mut push = |clause: &str, values: Vec<Value>| {
        let mut c = clause.to_string();
        for v in values {
            params.push(v);
            c = c.replacen("$", &format!("?{}", params.len()), 1);
        }
        clauses.push(c);
    };
    if let Some(from) = f.from {
        push(
            "COALESCE(a.published_at, a.fetched_at) >= $",
            vec![Value::Text(fmt_time(from))],
        );
    }
    if let Some(to) = f.to {
        push(
            "COALESCE(a.published_at, a.fetched_at) < $",
            vec![Value::Text(fmt_time(to))],
        );
    }
    if let Some((name, state)) = &f.city {
        push(
            "EXISTS (SELECT 1 FROM tag_cities c WHERE c.article_id = a.id AND c.name = $ COLLATE NOCASE AND c.state = $ COLLATE NOCASE)",
            vec![Value::Text(name.clone()), Value::Text(state.clone())],
        );
    }
    if let Some(state) = &f.state {
        push(
            "EXISTS (SELECT 1 FROM tag_states x WHERE x.article_id = a.id AND x.state = $ COLLATE NOCASE)",
            vec![Value::Text(state.clone())],
        );
    }
    if let Some(theme) = &f.theme {
        push(
            "EXISTS (SELECT 1 FROM tag_themes x WHERE x.article_id = a.id AND x.theme = $)",
            vec![Value::Text(theme.clone())],
        );
    }
    if let Some(min) = f.min_score {
        push("t.relevance_score >= $", vec![Value::Real(min as f64)]);
    }
    if f.relevant_only {
        push("t.relevant = 1", vec![]);
    }
    if let Some(ids) = &f.ids {
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        push(&format!("a.id IN ({list})"), vec![]);
    }
    (clauses.join(" AND "), params)
}

/// Parses `"Denver, CO"` into `("Denver", "CO")`.
pub fn parse_city(s: &str) -> anyhow::Result<(String, String)> {
    let (name, state) = s.rsplit_once(',').ok_or_else(|| {
        anyhow::anyhow!("city must be written \"Name, ST\" (e.g. \"Denver, CO\"), got {s:?}")
    })?;
    let state = state.trim();
    if state.len() != 2 || !state.chars().all(|c| c.is_ascii_alphabetic()) {
        anyhow::bail!("city must end in a two-letter state code (\"Denver, CO\"), got {s:?}");
    }
    Ok((name.trim().to_string(), state.to_ascii_uppercase()))
}
