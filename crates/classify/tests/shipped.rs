//! The model shipped in `models/classifier/` loads and tags; the real labels join to the
//! shared corpus (skipped with a message when the shared data is absent).

use beatwatch_classify::{load_labelled, Classifier};
use std::path::{Path, PathBuf};

const MODELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("BEATWATCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    if dir.join("corpus/abp.jsonl").exists() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no shared corpus at {} (set BEATWATCH_SHARED)",
            dir.display()
        );
        None
    }
}

#[test]
fn shipped_model_loads_and_tags() {
    let clf = Classifier::load(Path::new(MODELS)).expect("models/classifier loads");
    let tags = clf.classify(
        "ICE arrests dozens in Chicago raids",
        "CHICAGO (AP) — Immigration and Customs Enforcement agents arrested 40 people in raids across Chicago's Little Village neighborhood on Tuesday, ICE said. The detainees were taken to a processing center in Broadview.\n\nAdvocates said families were afraid to send children to school.",
    );
    assert!(tags.relevant, "{tags:?}");
    assert!(
        tags.themes.iter().any(|t| t.name == "arrests-raids"),
        "{tags:?}"
    );
    assert_eq!(
        tags.cities.first().map(|c| c.name.as_str()),
        Some("Chicago"),
        "{tags:?}"
    );
    assert!(tags.states.iter().any(|s| s.code == "IL"));
    let other = clf.classify(
        "Hockey: Blackhawks win on ice",
        "The Blackhawks beat the Blues 3-2 on the ice in Chicago.",
    );
    assert!(!other.relevant, "{other:?}");
}

#[test]
fn labels_join_to_the_shared_corpus() {
    let Some(shared) = shared() else { return };
    let labels = Path::new(MODELS).join("labels/abp.jsonl");
    let arts = load_labelled(&shared.join("corpus/abp.jsonl"), &labels).unwrap();
    let lines = std::fs::read_to_string(&labels)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(arts.len(), lines);
    assert!(arts.iter().any(|a| a.relevant) && arts.iter().any(|a| !a.relevant));
    assert!(arts.iter().all(|a| !a.text.is_empty()));
}
