//! `feeds import-opml`: read the feed subscriptions of an OPML file (as feed
//! readers export them) and append the new ones to feeds.toml as text, so the
//! file's comments and layout survive.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use quick_xml::events::Event;

/// One subscription of an OPML file.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub title: String,
    pub url: String,
    pub category: Option<String>,
}

/// Every `<outline xmlUrl=…>`, with the title of its enclosing folder outline as category.
pub fn parse_opml(xml: &[u8]) -> anyhow::Result<Vec<Outline>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| {
            anyhow::anyhow!("malformed OPML at byte {}: {e}", reader.buffer_position())
        })?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e)
                if e.local_name().as_ref().eq_ignore_ascii_case("outline") =>
            {
                let mut title = None;
                let mut url = None;
                for attr in e.attributes().flatten() {
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.trim().to_string())
                        .unwrap_or_default();
                    match attr.key.local_name().as_ref() {
                        "xmlUrl" | "xmlurl" => url = Some(value),
                        "title" => title = Some(value),
                        "text" if title.is_none() => title = Some(value),
                        _ => {}
                    }
                }
                let is_start = matches!(ev, Event::Start(_));
                match url {
                    Some(u) if !u.is_empty() => out.push(Outline {
                        title: title.clone().unwrap_or_else(|| u.clone()),
                        url: u,
                        category: folders.iter().rev().flatten().next().cloned(),
                    }),
                    _ => {}
                }
                if is_start {
                    folders.push(title);
                }
            }
            Event::End(ref e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Appends the OPML's feeds that `feeds_path` does not list yet; returns (added, skipped).
pub fn import(opml_path: &Path, feeds_path: &Path) -> anyhow::Result<(usize, usize)> {
    let xml =
        std::fs::read(opml_path).with_context(|| format!("reading {}", opml_path.display()))?;
    let outlines = parse_opml(&xml).with_context(|| format!("parsing {}", opml_path.display()))?;
    let existing_text = match std::fs::read_to_string(feeds_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", feeds_path.display())),
    };
    let config = crate::config::Config::parse(feeds_path, &existing_text)?;
    let mut known: HashSet<String> = config.sources.iter().map(|s| s.url.to_string()).collect();
    let mut block = String::new();
    let mut added = 0;
    for o in &outlines {
        let Ok(url) = url::Url::parse(&o.url) else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") || !known.insert(url.to_string()) {
            continue;
        }
        let mut table = toml::Table::new();
        table.insert("name".into(), o.title.clone().into());
        table.insert("url".into(), url.to_string().into());
        table.insert("kind".into(), "feed".into());
        if let Some(c) = &o.category {
            table.insert("tags".into(), toml::Value::Array(vec![c.clone().into()]));
        }
        block.push_str("\n[[source]]\n");
        block.push_str(&toml::to_string(&table)?);
        added += 1;
    }
    if added > 0 {
        let mut text = existing_text;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("\n# imported from {}\n", opml_path.display()));
        text.push_str(&block);
        // Check the result parses before replacing the file.
        crate::config::Config::parse(feeds_path, &text)?;
        let tmp = feeds_path.with_extension("toml.tmp");
        std::fs::write(&tmp, &text).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, feeds_path)
            .with_context(|| format!("replacing {}", feeds_path.display()))?;
    }
    Ok((added, outlines.len() - added))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_outlines() {
        let xml = br#"<?xml version="1.0"?><opml version="2.0"><body>
          <outline text="Immigration">
            <outline text="A &amp; B" type="rss" xmlUrl="https://a.example/feed"/>
          </outline>
          <outline title="C" xmlUrl="https://c.example/rss"/>
        </body></opml>"#;
        let o = parse_opml(xml).unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].title, "A & B");
        assert_eq!(o[0].category.as_deref(), Some("Immigration"));
        assert_eq!(o[1].category, None);
    }
}
