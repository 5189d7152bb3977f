//! The digest as Markdown, plain text or one self-contained, email-safe HTML
//! file (inline styles, no scripts, no remote resources, every field escaped).

use std::fmt::Write;

use super::digest::{Digest, Entry};

/// Output formats of `digest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Txt,
}

pub fn render(d: &Digest, format: Format) -> String {
    match format {
        Format::Md => markdown(d),
        Format::Txt => plain(d),
        Format::Html => html(d),
    }
}

fn period(d: &Digest) -> String {
    format!(
        "{} to {} (UTC)",
        d.from.format("%Y-%m-%d %H:%M"),
        d.to.format("%Y-%m-%d %H:%M")
    )
}

fn summary_lines(d: &Digest) -> Vec<String> {
    let mut lines = vec![format!(
        "{} stories ({} articles) from {}",
        d.stories,
        d.articles,
        period(d)
    )];
    if !d.by_city.is_empty() {
        let top: Vec<String> = d
            .by_city
            .iter()
            .take(8)
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        lines.push(format!("By city: {}", top.join(", ")));
    }
    if !d.by_theme.is_empty() {
        let t: Vec<String> = d.by_theme.iter().map(|(c, n)| format!("{c} {n}")).collect();
        lines.push(format!("By theme: {}", t.join(", ")));
    }
    match &d.new_since_previous {
        Some((n, at)) => lines.push(format!("New since the previous digest ({at}): {n}")),
        None => lines.push("First digest: every story is new.".to_string()),
    }
    lines
}

fn empty_line(d: &Digest) -> String {
    format!("No immigration-enforcement stories from {}.", period(d))
}

fn entry_meta(e: &Entry) -> String {
    let s = &e.story;
    let themes: Vec<&str> = s.themes.iter().map(|t| t.name.as_str()).collect();
    format!(
        "{} · {} · themes: {} · {}{}",
        s.outlet.as_deref().unwrap_or("unknown outlet"),
        s.date()
            .map(|d| d.get(..10).unwrap_or(d))
            .unwrap_or("undated"),
        if themes.is_empty() {
            "-".to_string()
        } else {
            themes.join(", ")
        },
        e.confidence.marker(),
        if e.is_new { "" } else { " · seen before" }
    )
}

fn also_in(e: &Entry) -> Option<String> {
    (!e.also_in.is_empty()).then(|| {
        format!(
            "also in: {}",
            e.also_in
                .iter()
                .map(|(o, _)| o.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn markdown(d: &Digest) -> String {
    let mut out = String::from("# Immigration enforcement digest\n\n");
    for l in summary_lines(d) {
        let _ = writeln!(out, "- {}", md_escape(&l));
    }
    out.push('\n');
    if d.is_empty() {
        let _ = writeln!(out, "{}", empty_line(d));
        return out;
    }
    for section in &d.sections {
        let _ = writeln!(out, "## {}\n", md_escape(&section.place.heading()));
        for e in &section.entries {
            let _ = writeln!(
                out,
                "### [{}](<{}>)\n",
                md_escape(e.story.headline()),
                e.story.canonical_url.replace('>', "%3E")
            );
            let _ = writeln!(out, "*{}*\n", md_escape(&entry_meta(e)));
            if !e.lead.is_empty() {
                let _ = writeln!(out, "{}\n", md_escape(&e.lead));
            }
            if let Some(a) = also_in(e) {
                let _ = writeln!(out, "{}\n", md_escape(&a));
            }
        }
    }
    out
}

fn plain(d: &Digest) -> String {
    let mut out = String::from("IMMIGRATION ENFORCEMENT DIGEST\n\n");
    for l in summary_lines(d) {
        let _ = writeln!(out, "{l}");
    }
    out.push('\n');
    if d.is_empty() {
        let _ = writeln!(out, "{}", empty_line(d));
        return out;
    }
    for section in &d.sections {
        let h = section.place.heading();
        let _ = writeln!(
            out,
            "{}\n{}\n",
            h.to_uppercase(),
            "=".repeat(h.chars().count())
        );
        for e in &section.entries {
            let _ = writeln!(
                out,
                "* {}\n  {}\n  {}",
                e.story.headline(),
                entry_meta(e),
                e.story.canonical_url
            );
            if !e.lead.is_empty() {
                let _ = writeln!(out, "  {}", e.lead);
            }
            if let Some(a) = also_in(e) {
                let _ = writeln!(out, "  {a}");
            }
            out.push('\n');
        }
    }
    out
}

fn html(d: &Digest) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>Immigration enforcement digest</title></head>\n\
         <body style=\"margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Georgia,serif;\">\n\
         <div style=\"max-width:680px;margin:0 auto;\">\n<h1 style=\"font-size:24px;\">Immigration enforcement digest</h1>\n<ul style=\"padding-left:18px;color:#444;\">\n",
    );
    for l in summary_lines(d) {
        let _ = writeln!(out, "<li>{}</li>", esc(&l));
    }
    out.push_str("</ul>\n");
    if d.is_empty() {
        let _ = writeln!(out, "<p><strong>{}</strong></p>", esc(&empty_line(d)));
    }
    for section in &d.sections {
        let _ = writeln!(
            out,
            "<h2 style=\"font-size:20px;border-bottom:1px solid #ccc;padding-bottom:4px;\">{}</h2>",
            esc(&section.place.heading())
        );
        for e in &section.entries {
            let href = safe_href(&e.story.canonical_url);
            let _ = writeln!(
                out,
                "<div style=\"margin:0 0 18px 0;\"><h3 style=\"font-size:17px;margin:0 0 4px 0;\"><a href=\"{}\" style=\"color:#0b4f8a;\">{}</a></h3>\n\
                 <div style=\"font-size:13px;color:#666;\">{}</div>",
                esc(&href),
                esc(e.story.headline()),
                esc(&entry_meta(e))
            );
            if !e.lead.is_empty() {
                let _ = writeln!(out, "<p style=\"margin:6px 0;\">{}</p>", esc(&e.lead));
            }
            if !e.also_in.is_empty() {
                let links: Vec<String> = e
                    .also_in
                    .iter()
                    .map(|(o, u)| {
                        format!(
                            "<a href=\"{}\" style=\"color:#0b4f8a;\">{}</a>",
                            esc(&safe_href(u)),
                            esc(o)
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "<div style=\"font-size:13px;color:#666;\">also in: {}</div>",
                    links.join(", ")
                );
            }
            out.push_str("</div>\n");
        }
    }
    out.push_str("<p style=\"font-size:12px;color:#888;\">Generated by beatwatch.</p>\n</div></body></html>\n");
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Only http(s) links survive; anything else (javascript:, data:) becomes "#".
fn safe_href(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u.to_string(),
        _ => "#".to_string(),
    }
}

/// Escapes Markdown so a headline cannot inject links, HTML or emphasis.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        if !c.is_control() || c == '\n' {
            out.push(c);
        }
    }
    out
}
