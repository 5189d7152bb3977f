//! The labelled corpus obeys the guidelines' format, and every focus city resolves
//! to a gazetteer row (issue 8).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use beatwatch_classify::THEMES;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tsv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|l| {
            header
                .iter()
                .map(|h| h.to_string())
                .zip(l.split('\t').map(str::to_string))
                .collect()
        })
        .collect()
}

fn check_file(name: &str, places: &HashSet<String>, states: &HashSet<String>) -> usize {
    let text = std::fs::read_to_string(root().join("models/labels").join(name)).unwrap();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{at}: {e}"));
        let list = |k: &str| -> Vec<String> {
            v[k].as_array()
                .unwrap_or_else(|| panic!("{at}: {k} missing"))
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect()
        };
        let relevant = v["relevant"]
            .as_bool()
            .unwrap_or_else(|| panic!("{at}: relevant missing"));
        let (themes, cities, sts) = (list("themes"), list("cities"), list("states"));
        assert!(v["id"].as_str().is_some_and(|s| !s.is_empty()), "{at}: id");
        if relevant {
            assert!(!themes.is_empty(), "{at}: relevant article without a theme");
        } else {
            assert!(
                themes.is_empty() && cities.is_empty() && sts.is_empty(),
                "{at}: irrelevant article with tags"
            );
        }
        assert!(cities.len() <= 3, "{at}: more than three cities");
        for t in &themes {
            assert!(THEMES.contains(&t.as_str()), "{at}: unknown theme {t}");
        }
        for c in &cities {
            assert!(
                places.contains(c),
                "{at}: city {c} is not a gazetteer row (\"Name, ST\")"
            );
            let st = c.rsplit(", ").next().unwrap();
            assert!(
                sts.iter().any(|s| s == st),
                "{at}: state of {c} missing from states"
            );
        }
        for s in &sts {
            assert!(states.contains(s), "{at}: unknown state {s}");
        }
        n += 1;
    }
    n
}

#[test]
fn label_files_follow_the_guidelines_and_cities_resolve() {
    let gaz = root().join("models/gazetteer");
    let places: HashSet<String> = tsv_rows(&gaz.join("us_places_pop1000.tsv"))
        .into_iter()
        .map(|r| format!("{}, {}", r["name"], r["state"]))
        .collect();
    let states: HashSet<String> = tsv_rows(&gaz.join("us_states.tsv"))
        .into_iter()
        .map(|r| r["code"].clone())
        .collect();
    assert_eq!(states.len(), 52);
    let main = check_file("abp.jsonl", &places, &states);
    assert!(
        main >= 1500,
        "at least 1,500 labelled articles, found {main}"
    );
    check_file("abp_double.jsonl", &places, &states);
    check_file("abp_unsure_second_reads.jsonl", &places, &states);
    check_file("abp_audit_reads.jsonl", &places, &states);
}

#[test]
fn main_label_file_has_one_line_per_id_and_enough_positives() {
    let text = std::fs::read_to_string(root().join("models/labels/abp.jsonl")).unwrap();
    let mut ids = HashSet::new();
    let mut relevant = 0;
    let mut per_theme: HashMap<String, usize> = HashMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(
            ids.insert(v["id"].as_str().unwrap().to_string()),
            "duplicate id {}",
            v["id"]
        );
        relevant += v["relevant"].as_bool().unwrap() as usize;
        for t in v["themes"].as_array().unwrap() {
            *per_theme
                .entry(t.as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert!(relevant >= 500, "{relevant} relevant");
    for t in THEMES {
        assert!(
            per_theme.get(*t).copied().unwrap_or(0) >= 40,
            "theme {t}: {:?}",
            per_theme.get(*t)
        );
    }
}
