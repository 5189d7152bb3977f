//! Research exports: one row per article with its tags and provenance, as JSON
//! Lines, CSV or Parquet. Rows stream from SQLite (Parquet in row groups of
//! 4,096), so memory stays flat however large the database.
//!
//! Schema version 1 (documented in README): scalar columns plus `themes`,
//! `cities`, `states` and `authors` (native arrays in JSONL, JSON text in CSV
//! and Parquet).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};

use super::query::{for_each_story, Order, Story, StoryFilter};
use crate::store::Store;

pub const SCHEMA_VERSION: u32 = 1;
const ROW_GROUP: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Parquet,
}

/// The export columns in order (text last, and only with `--with-text`).
const COLUMNS: &[&str] = &[
    "schema_version",
    "id",
    "canonical_url",
    "outlet",
    "source",
    "source_url",
    "title",
    "authors",
    "dateline",
    "published_at",
    "fetched_at",
    "http_status",
    "content_hash",
    "relevant",
    "relevance_score",
    "model_version",
    "themes",
    "cities",
    "states",
    "text",
];

/// Writes the export to `out` (never over an existing file unless `force`); returns the row count.
pub fn export(
    store: &Store,
    filter: &StoryFilter,
    format: ExportFormat,
    out: &Path,
    with_text: bool,
    force: bool,
) -> anyhow::Result<u64> {
    if out.exists() && !force {
        anyhow::bail!("{} exists; pass --force to overwrite it", out.display());
    }
    // Write beside the target, then rename: a failed export never leaves half a file behind.
    let partial = PathBuf::from(format!("{}.partial", out.display()));
    let file = File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let result = match format {
        ExportFormat::Jsonl => write_jsonl(store, filter, with_text, file),
        ExportFormat::Csv => write_csv(store, filter, with_text, file),
        ExportFormat::Parquet => write_parquet(store, filter, with_text, file),
    };
    match result {
        Ok(n) => {
            std::fs::rename(&partial, out)
                .with_context(|| format!("moving export to {}", out.display()))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn columns(with_text: bool) -> &'static [&'static str] {
    if with_text {
        COLUMNS
    } else {
        &COLUMNS[..COLUMNS.len() - 1]
    }
}

fn json_row(s: &Story, with_text: bool) -> serde_json::Value {
    let mut v = serde_json::json!({
        "schema_version": SCHEMA_VERSION, "id": s.id, "canonical_url": s.canonical_url, "outlet": s.outlet,
        "source": s.source, "source_url": s.source_url, "title": s.title, "authors": s.authors, "dateline": s.dateline,
        "published_at": s.published_at, "fetched_at": s.fetched_at, "http_status": s.http_status,
        "content_hash": s.content_hash, "relevant": s.relevant, "relevance_score": s.relevance_score,
        "model_version": s.model_version, "themes": s.themes, "cities": s.cities, "states": s.states,
    });
    if with_text {
        v["text"] = serde_json::json!(s.text);
    }
    v
}

fn write_jsonl(
    store: &Store,
    filter: &StoryFilter,
    with_text: bool,
    file: File,
) -> anyhow::Result<u64> {
    let mut w = BufWriter::new(file);
    let mut n = 0;
    for_each_story(store, filter, with_text, Order::Id, None, |s| {
        serde_json::to_writer(&mut w, &json_row(&s, with_text))?;
        w.write_all(b"\n")?;
        n += 1;
        Ok(())
    })?;
    w.flush()?;
    Ok(n)
}

/// A cell as text: strings as they are, arrays and objects as JSON, null as empty.
fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Spreadsheet formula injection guard: a cell that starts like a formula gets a leading `'`.
pub fn neutralize_csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn write_csv(
    store: &Store,
    filter: &StoryFilter,
    with_text: bool,
    file: File,
) -> anyhow::Result<u64> {
    let mut w = csv::Writer::from_writer(BufWriter::new(file));
    let cols = columns(with_text);
    w.write_record(cols)?;
    let mut n = 0;
    for_each_story(store, filter, with_text, Order::Id, None, |s| {
        let row = json_row(&s, with_text);
        let cells: Vec<String> = cols
            .iter()
            .map(|c| neutralize_csv_cell(&cell(&row[*c])).into_owned())
            .collect();
        w.write_record(&cells)?;
        n += 1;
        Ok(())
    })?;
    w.flush()?;
    Ok(n)
}

fn arrow_schema(with_text: bool) -> Arc<Schema> {
    let fields: Vec<Field> = columns(with_text)
        .iter()
        .map(|c| {
            let t = match *c {
                "schema_version" | "id" | "http_status" => DataType::Int64,
                "relevant" => DataType::Boolean,
                "relevance_score" => DataType::Float64,
                _ => DataType::Utf8,
            };
            Field::new(
                *c,
                t,
                !matches!(*c, "schema_version" | "id" | "canonical_url"),
            )
        })
        .collect();
    Arc::new(Schema::new(fields))
}

fn write_parquet(
    store: &Store,
    filter: &StoryFilter,
    with_text: bool,
    file: File,
) -> anyhow::Result<u64> {
    let schema = arrow_schema(with_text);
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
        .set_key_value_metadata(Some(vec![parquet::file::metadata::KeyValue::new(
            "beatwatch.schema_version".to_string(),
            SCHEMA_VERSION.to_string(),
        )]))
        .build();
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, schema.clone(), Some(props))?;
    let mut buf: Vec<serde_json::Value> = Vec::with_capacity(ROW_GROUP);
    let mut n = 0;
    let flush = |buf: &mut Vec<serde_json::Value>,
                 writer: &mut parquet::arrow::ArrowWriter<File>|
     -> anyhow::Result<()> {
        if buf.is_empty() {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = schema
            .fields()
            .iter()
            .map(|f| -> ArrayRef {
                let col = f.name().as_str();
                match f.data_type() {
                    DataType::Int64 => {
                        Arc::new(buf.iter().map(|r| r[col].as_i64()).collect::<Int64Array>())
                    }
                    DataType::Boolean => Arc::new(
                        buf.iter()
                            .map(|r| r[col].as_bool())
                            .collect::<BooleanArray>(),
                    ),
                    DataType::Float64 => Arc::new(
                        buf.iter()
                            .map(|r| r[col].as_f64())
                            .collect::<Float64Array>(),
                    ),
                    _ => Arc::new(
                        buf.iter()
                            .map(|r| (!r[col].is_null()).then(|| cell(&r[col])))
                            .collect::<StringArray>(),
                    ),
                }
            })
            .collect();
        writer.write(&RecordBatch::try_new(schema.clone(), arrays)?)?;
        buf.clear();
        Ok(())
    };
    for_each_story(store, filter, with_text, Order::Id, None, |s| {
        buf.push(json_row(&s, with_text));
        n += 1;
        if buf.len() >= ROW_GROUP {
            flush(&mut buf, &mut writer)?;
        }
        Ok(())
    })?;
    flush(&mut buf, &mut writer)?;
    writer.close()?;
    Ok(n)
}
