//! Classifier tags: one row per article in `tags` (relevance, score, model
//! version) and its themes, cities and states in their own tables.

use rusqlite::params;

use super::{now_str, Store};

/// The tags of one article, as the classify stage hands them to the store.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TagRecord {
    pub model_version: String,
    pub relevant: bool,
    pub relevance_score: f32,
    pub themes: Vec<(String, f32)>,
    /// (name, state, geonameid, score), most important first.
    pub cities: Vec<(String, String, Option<i64>, f32)>,
    pub states: Vec<(String, f32)>,
}

impl Store {
    /// Replaces the tags of `article_id` in one transaction.
    pub fn save_tags(&self, article_id: i64, tags: &TagRecord) -> anyhow::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        write_tags(&tx, article_id, tags)?;
        tx.commit()?;
        Ok(())
    }

    /// Tags many articles in one transaction (used by `retag`).
    pub fn save_tags_batch(&self, batch: &[(i64, TagRecord)]) -> anyhow::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for (id, tags) in batch {
            write_tags(&tx, *id, tags)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Writes one article's tags; the caller's transaction (or savepoint) makes it atomic.
pub(super) fn write_tags(
    tx: &rusqlite::Connection,
    article_id: i64,
    t: &TagRecord,
) -> anyhow::Result<()> {
    for table in ["tag_themes", "tag_cities", "tag_states"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE article_id = ?1"),
            [article_id],
        )?;
    }
    tx.execute(
        "INSERT INTO tags (article_id, model_version, relevant, relevance_score, tagged_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(article_id) DO UPDATE SET model_version = excluded.model_version,
           relevant = excluded.relevant, relevance_score = excluded.relevance_score, tagged_at = excluded.tagged_at",
        params![article_id, t.model_version, t.relevant, t.relevance_score, now_str()],
    )?;
    for (theme, score) in &t.themes {
        tx.execute(
            "INSERT INTO tag_themes (article_id, theme, score) VALUES (?1, ?2, ?3)",
            params![article_id, theme, score],
        )?;
    }
    for (rank, (name, state, geonameid, score)) in t.cities.iter().enumerate() {
        tx.execute(
            "INSERT INTO tag_cities (article_id, rank, name, state, geonameid, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![article_id, rank as i64 + 1, name, state, geonameid, score],
        )?;
    }
    for (state, score) in &t.states {
        tx.execute(
            "INSERT INTO tag_states (article_id, state, score) VALUES (?1, ?2, ?3)",
            params![article_id, state, score],
        )?;
    }
    Ok(())
}
