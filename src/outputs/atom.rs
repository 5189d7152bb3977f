//! Atom feeds out: the tagged stories of one city or theme, so a newsroom can
//! follow them in any feed reader.

use std::fmt::Write;

use super::query::{self, Order, StoryFilter};
use super::render::esc;
use crate::store::{now_str, Store};

/// Writes an Atom 1.0 document of the newest `limit` relevant stories that pass `filter`.
pub fn atom_feed(
    store: &Store,
    filter: &StoryFilter,
    title: &str,
    feed_id: &str,
    limit: usize,
) -> anyhow::Result<String> {
    let stories = query::stories(store, filter, false, Order::NewestFirst, Some(limit))?;
    let updated = stories
        .iter()
        .filter_map(|s| s.date())
        .max()
        .map(str::to_string)
        .unwrap_or_else(now_str);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(
        out,
        "  <title>{}</title>\n  <id>{}</id>\n  <updated>{}</updated>",
        esc(title),
        esc(feed_id),
        esc(&updated)
    );
    out.push_str("  <generator>beatwatch</generator>\n");
    for s in &stories {
        let _ = writeln!(out, "  <entry>\n    <title>{}</title>", esc(s.headline()));
        let _ = writeln!(out, "    <id>{}</id>", esc(&s.canonical_url));
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" href=\"{}\"/>",
            esc(&s.canonical_url)
        );
        let date = s.date().map(str::to_string).unwrap_or_else(now_str);
        let _ = writeln!(out, "    <updated>{}</updated>", esc(&date));
        if let Some(p) = &s.published_at {
            let _ = writeln!(out, "    <published>{}</published>", esc(p));
        }
        let author = s
            .authors
            .first()
            .cloned()
            .or_else(|| s.outlet.clone())
            .unwrap_or_else(|| "unknown".into());
        let _ = writeln!(out, "    <author><name>{}</name></author>", esc(&author));
        for t in &s.themes {
            let _ = writeln!(
                out,
                "    <category term=\"{}\" label=\"{} ({:.2})\"/>",
                esc(&t.name),
                esc(&t.name),
                t.score
            );
        }
        for c in &s.cities {
            let _ = writeln!(
                out,
                "    <category scheme=\"beatwatch:city\" term=\"{}, {}\"/>",
                esc(&c.name),
                esc(&c.state)
            );
        }
        if let Some(summary) = s.summary.as_deref().filter(|x| !x.is_empty()) {
            let _ = writeln!(out, "    <summary>{}</summary>", esc(summary));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Ok(out)
}
