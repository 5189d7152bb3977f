//! `beatwatch extract`, `eval extraction` and `reextract` (issue 10).

mod support;

#[test]
fn extract_prints_one_json_line_per_input_and_keeps_going_after_errors() {
    let dir = tempfile::tempdir().unwrap();
    let page = support::article_html(
        "ICE arrests in Denver",
        "DENVER (AP) — Agents arrested 20 people on Tuesday.",
    );
    std::fs::write(dir.path().join("a.html"), &page).unwrap();
    let out = support::beatwatch_cmd(dir.path())
        .args(["extract", "missing.html", "a.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(beatwatch::exit::PARTIAL));
    let lines: Vec<serde_json::Value> = support::json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "missing.html");
    assert!(lines[0]["error"].as_str().unwrap().contains("missing.html"));
    assert_eq!(lines[1]["title"], "ICE arrests in Denver");
    assert_eq!(lines[1]["dateline"], "Denver");
    assert!(lines[1]["text"]
        .as_str()
        .unwrap()
        .contains("Agents arrested 20 people"));
    for key in ["authors", "published", "canonical_url", "lang"] {
        assert!(lines[1].get(key).is_some(), "{key}");
    }
    let mut child = support::beatwatch_cmd(dir.path())
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"path\":\"-\""));
}

#[test]
fn eval_extraction_agrees_with_the_benchmark_scorer() {
    let Some(shared) = support::shared_dir() else {
        eprintln!("SKIP: ../shared not found (set BEATWATCH_SHARED); eval agreement not checked");
        return;
    };
    let dev = shared.join("extraction/dev");
    let dir = tempfile::tempdir().unwrap();
    let out = support::run_ok(
        support::beatwatch_cmd(dir.path())
            .args(["eval", "extraction", "--json", "--by-page", "worst.tsv"])
            .arg(&dev),
    );
    let ours: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tsv = std::fs::read_to_string(dir.path().join("worst.tsv")).unwrap();
    assert_eq!(tsv.lines().count(), 182, "header + 181 pages");
    // Same predictions through the Python scorer.
    let report = beatwatch_extract::eval_dir(&dev).unwrap();
    let pred = dir.path().join("pred.jsonl");
    report
        .write_predictions(std::fs::File::create(&pred).unwrap())
        .unwrap();
    let py = std::process::Command::new("python3")
        .arg(shared.join("tools/score_extraction.py"))
        .arg(&dev)
        .arg(&pred)
        .arg("--json")
        .output();
    let Some(py) = py.ok().filter(|o| o.status.success()) else {
        eprintln!("SKIP: python3 scorer not runnable; agreement not checked");
        return;
    };
    let theirs: serde_json::Value = serde_json::from_slice(&py.stdout).unwrap();
    let f1 = theirs["f1"]
        .as_f64()
        .or_else(|| theirs["f1"]["value"].as_f64())
        .expect("scorer prints f1");
    assert!(
        (ours["f1"].as_f64().unwrap() - f1).abs() < 0.0005,
        "ours {ours} vs scorer {theirs}"
    );
}
