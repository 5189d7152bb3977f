//! `eval_dir` agrees with the benchmark's own scorer,
//! `shared/tools/score_extraction.py`, to 3 decimals on the same output.
//! Skips (with a message) where the shared folder or python3 is missing.

use std::path::PathBuf;
use std::process::Command;

fn shared_dir() -> PathBuf {
    std::env::var_os("BEATWATCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

#[test]
fn f1_agrees_with_reference_scorer() {
    let shared = shared_dir();
    let dev = shared.join("extraction/dev");
    let script = shared.join("tools/score_extraction.py");
    if !dev.is_dir() || !script.is_file() {
        println!(
            "SKIPPED: {} not found (set BEATWATCH_SHARED)",
            dev.display()
        );
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        println!("SKIPPED: python3 not found");
        return;
    }
    let report = beatwatch_extract::eval_dir(&dev).expect("eval_dir");
    assert_eq!(report.pages.len(), 181);
    let pred = std::env::temp_dir().join(format!(
        "beatwatch-extract-pred-{}.jsonl",
        std::process::id()
    ));
    report
        .write_predictions(std::fs::File::create(&pred).unwrap())
        .unwrap();
    let out = Command::new("python3")
        .arg(&script)
        .arg(&dev)
        .arg(&pred)
        .args(["--json", "--bootstrap", "0"])
        .output()
        .expect("run scorer");
    let _ = std::fs::remove_file(&pred);
    assert!(
        out.status.success(),
        "scorer failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("scorer JSON");
    let t = report.totals;
    println!("ours:      {t}");
    println!("reference: {v}");
    for (name, ours) in [
        ("f1", t.f1),
        ("precision", t.precision),
        ("recall", t.recall),
        ("accuracy", t.accuracy),
    ] {
        let theirs = v[name].as_f64().unwrap();
        assert!(
            (ours - theirs).abs() < 5e-4,
            "{name}: ours {ours} vs scorer {theirs}"
        );
    }
}
