//! `stats`: what the database holds.

use super::Cli;
use crate::exit;
use crate::store::Store;

pub fn stats(cli: &Cli) -> anyhow::Result<i32> {
    if !cli.db.exists() {
        anyhow::bail!(
            "no database at {} (run `beatwatch crawl` first)",
            cli.db.display()
        );
    }
    let store = Store::open(&cli.db)?;
    let conn = store.conn();
    let one = |sql: &str| -> rusqlite::Result<i64> { conn.query_row(sql, [], |r| r.get(0)) };
    let mut stats = serde_json::json!({
        "database": cli.db.display().to_string(),
        "schema_version": store_version(&conn)?,
        "sources": one("SELECT COUNT(*) FROM sources WHERE in_config = 1")?,
        "sources_failing": one("SELECT COUNT(*) FROM source_state WHERE consecutive_failures > 0")?,
        "articles": one("SELECT COUNT(*) FROM articles")?,
        "articles_with_text": one("SELECT COUNT(*) FROM articles WHERE length(text) > 0")?,
        "html_bytes": one("SELECT COALESCE(SUM(html_bytes), 0) FROM articles")?,
        "html_stored_bytes": one("SELECT COALESCE(SUM(length(html_zstd)), 0) FROM articles")?,
        "runs": one("SELECT COUNT(*) FROM runs")?,
        "runs_aborted": one("SELECT COUNT(*) FROM runs WHERE outcome = 'aborted'")?,
        "errors": one("SELECT COUNT(*) FROM fetch_errors")?,
    });
    let mut by_stage = serde_json::Map::new();
    let mut stmt =
        conn.prepare("SELECT stage, COUNT(*) FROM fetch_errors GROUP BY stage ORDER BY 2 DESC")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (stage, n) = row?;
        by_stage.insert(stage, n.into());
    }
    stats["errors_by_stage"] = by_stage.into();
    let last: Option<(String, String, i64)> = conn
        .query_row(
            "SELECT started_at, outcome, new_articles FROM runs ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok();
    stats["last_run"] = serde_json::json!(
        last.map(|(t, o, n)| serde_json::json!({"started_at": t, "outcome": o, "new_articles": n}))
    );
    if cli.json {
        println!("{stats}");
    } else if let Some(map) = stats.as_object() {
        for (k, v) in map {
            println!("{k:20} {v}");
        }
    }
    Ok(exit::OK)
}

fn store_version(conn: &rusqlite::Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}
