//! Benchmark: model load time and single-thread classification speed over a corpus.
//!
//! `bench-classify [MODELS_DIR] [CORPUS.jsonl]` (defaults: `models`, `../shared/corpus/abp.jsonl`).

use beatwatch_classify::Classifier;
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let models = PathBuf::from(args.next().unwrap_or_else(|| "models".into()));
    let corpus = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/corpus/abp.jsonl".into()),
    );
    let t = Instant::now();
    let clf = match Classifier::load(&models) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    let raw = std::fs::read_to_string(&corpus).unwrap_or_else(|e| {
        eprintln!("error: cannot read {}: {e}", corpus.display());
        std::process::exit(1);
    });
    let docs: Vec<Line> = raw
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let bytes: usize = docs.iter().map(|d| d.title.len() + d.text.len()).sum();
    // Several passes, so a slow spell of a shared machine shows as spread, not as the figure.
    const ROUNDS: usize = 5;
    let mut rates = Vec::new();
    let (mut relevant, mut cities) = (0usize, 0usize);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        (relevant, cities) = (0, 0);
        for d in &docs {
            let tags = clf.classify(&d.title, &d.text);
            relevant += tags.relevant as usize;
            cities += tags.cities.len();
        }
        rates.push(docs.len() as f64 / t.elapsed().as_secs_f64());
    }
    let mut sorted = rates.clone();
    sorted.sort_by(f64::total_cmp);
    println!("model {} loaded in {load_ms:.1} ms", clf.version());
    println!(
        "classified {} articles ({:.1} MB) on one thread, {ROUNDS} passes: best {:.0} articles/s, median {:.0} (passes: {}); {relevant} relevant, {cities} focus cities",
        docs.len(),
        bytes as f64 / 1e6,
        sorted[ROUNDS - 1],
        sorted[ROUNDS / 2],
        rates.iter().map(|r| format!("{r:.0}")).collect::<Vec<_>>().join(" "),
    );
}
