//! Full-text search over titles and texts (SQLite FTS5: phrases, AND/OR/NOT,
//! prefix*), ranked by BM25, with snippets; filters as for export.

use serde::Serialize;

use super::query::{self, Order, Story, StoryFilter};
use crate::store::Store;

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: f64,
    pub snippet: String,
    #[serde(flatten)]
    pub story: Story,
}

/// Runs an FTS5 query; a malformed query is an error that says so.
pub fn search(
    store: &Store,
    fts_query: &str,
    filter: &StoryFilter,
    limit: usize,
) -> anyhow::Result<Vec<Hit>> {
    let matches: Vec<(i64, f64, String)> = {
        let conn = store.conn();
        let mut stmt = conn.prepare(
            "SELECT rowid, bm25(articles_fts, 5.0, 1.0), snippet(articles_fts, 1, '[', ']', '…', 24)
             FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY 2 LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(
                rusqlite::params![fts_query, (limit * 20).max(200) as i64],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| {
            anyhow::anyhow!("search query {fts_query:?} is not valid FTS5 syntax: {e}")
        })?
    };
    if matches.is_empty() {
        return Ok(Vec::new());
    }
    let mut f = filter.clone();
    f.ids = Some(matches.iter().map(|m| m.0).collect());
    let stories = query::stories(store, &f, false, Order::Id, None)?;
    let mut by_id: std::collections::HashMap<i64, Story> =
        stories.into_iter().map(|s| (s.id, s)).collect();
    Ok(matches
        .into_iter()
        .filter_map(|(id, rank, snippet)| {
            by_id.remove(&id).map(|story| Hit {
                rank: -rank,
                snippet,
                story,
            })
        })
        .take(limit)
        .collect())
}
