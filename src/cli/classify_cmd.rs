//! `train`, `eval classify`, `classify` and `retag`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use beatwatch_classify::{cross_validate, load_labelled, train, Gazetteer, TrainOptions};
use clap::Args;

use super::{models_dir, Cli};
use crate::classify::ClassifyStage;
use crate::exit;
use crate::store::{DbLock, Store};

/// Where the labelled data is.
#[derive(Args, Debug)]
pub struct LabelledArgs {
    /// The corpus, JSON Lines with id, title, text (e.g. ../shared/corpus/abp.jsonl).
    #[arg(long)]
    pub corpus: PathBuf,
    /// The labels, JSON Lines as in models/labels/abp.jsonl.
    #[arg(long, default_value = "models/labels/abp.jsonl")]
    pub labels: PathBuf,
    /// Training settings to change, as JSON (fields of TrainOptions; the rest keep their
    /// defaults), e.g. '{"theme_alphas":[0.03,0.1,0.3]}'.
    #[arg(long, value_parser = parse_options, default_value = "{}")]
    pub options: TrainOptions,
}

fn parse_options(json: &str) -> Result<TrainOptions, String> {
    serde_json::from_str(json).map_err(|e| format!("not valid training options: {e}"))
}

fn gazetteer(models: &Path) -> anyhow::Result<Gazetteer> {
    let dir = models.join("gazetteer");
    Gazetteer::load(&dir).with_context(|| format!("loading the gazetteer from {}", dir.display()))
}

pub fn train_cmd(cli: &Cli, a: &LabelledArgs) -> anyhow::Result<i32> {
    let models = models_dir(cli);
    let articles = load_labelled(&a.corpus, &a.labels)?;
    let (trained, report) = train(&articles, &gazetteer(&models)?, &a.options)?;
    trained
        .save(&models)
        .with_context(|| format!("saving the model to {}", models.display()))?;
    if cli.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        println!("{report}");
        println!("model written to {}/classifier", models.display());
    }
    Ok(exit::OK)
}

#[derive(Args, Debug)]
pub struct EvalClassifyArgs {
    #[command(flatten)]
    pub data: LabelledArgs,
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    #[arg(long, default_value_t = 20261128)]
    pub seed: u64,
    /// Also write every article's out-of-fold prediction beside its label (JSON Lines).
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

pub fn eval_classify(cli: &Cli, a: &EvalClassifyArgs) -> anyhow::Result<i32> {
    let articles = load_labelled(&a.data.corpus, &a.data.labels)?;
    let report = cross_validate(
        &articles,
        &gazetteer(&models_dir(cli))?,
        a.folds,
        a.seed,
        &a.data.options,
    )?;
    if let Some(path) = &a.predictions {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        for p in &report.predictions {
            serde_json::to_writer(&mut out, p)?;
            out.write_all(b"\n")?;
        }
        out.flush()
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if cli.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{report}");
    }
    Ok(exit::OK)
}

/// `classify --input FILE.jsonl` (`-` for stdin): one output line per input line.
pub fn classify_cmd(cli: &Cli, input: &Path) -> anyhow::Result<i32> {
    let stage = ClassifyStage::load(&models_dir(cli))?;
    let reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(input).with_context(|| format!("opening {}", input.display()))?,
        ))
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading {} line {}", input.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                failed += 1;
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"id": null, "line": n + 1, "error": format!("not JSON: {e}")})
                )?;
                continue;
            }
        };
        let tags = stage.classify(
            v["title"].as_str().unwrap_or(""),
            v["text"].as_str().unwrap_or(""),
        );
        let mut row = serde_json::to_value(&tags)?;
        row["id"] = v["id"].clone();
        writeln!(out, "{row}")?;
    }
    out.flush()?;
    Ok(if failed == 0 { exit::OK } else { exit::PARTIAL })
}

/// Re-tags stored articles after a model change, 500 per transaction.
pub fn retag(cli: &Cli, all: bool) -> anyhow::Result<i32> {
    let stage = ClassifyStage::load(&models_dir(cli))?;
    let _lock = DbLock::acquire(&cli.db)?;
    let store = Store::open(&cli.db)?;
    let ids: Vec<i64> = {
        let conn = store.conn();
        let mut stmt = conn.prepare(
            "SELECT a.id FROM articles a LEFT JOIN tags t ON t.article_id = a.id
             WHERE ?1 OR t.model_version IS NULL OR t.model_version != ?2 ORDER BY a.id",
        )?;
        let rows = stmt.query_map(rusqlite::params![all, stage.version()], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for chunk in ids.chunks(500) {
        let mut batch = Vec::with_capacity(chunk.len());
        for id in chunk {
            let (title, text): (String, String) = store.conn().query_row(
                "SELECT COALESCE(title, feed_title, ''), COALESCE(NULLIF(text, ''), feed_summary, '') FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            batch.push((*id, stage.tag(&title, &text)));
        }
        store.save_tags_batch(&batch)?;
    }
    if !cli.quiet {
        println!(
            "retag: {} articles tagged with model {}",
            ids.len(),
            stage.version()
        );
    }
    Ok(exit::OK)
}
