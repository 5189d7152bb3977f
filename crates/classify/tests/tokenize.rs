//! Tokenizer and term cases.

use beatwatch_classify::tokenize::{terms, tokenize};

fn toks(s: &str) -> Vec<String> {
    tokenize(s)
}

#[test]
fn acronyms_keep_their_capitals_ordinary_words_do_not() {
    assert_eq!(toks("ICE agents"), ["ICE", "agents"]);
    assert_eq!(
        toks("Ice storms and ice cream"),
        ["ice", "storms", "and", "ice", "cream"]
    );
    assert_ne!(toks("ICE")[0], toks("ice")[0]);
    assert_eq!(toks("CBP, DHS and DACA"), ["CBP", "DHS", "and", "DACA"]);
}

#[test]
fn shouted_lines_are_lowercased_whole() {
    assert_eq!(toks("BREAKING: ICE RAIDS HIT THREE CITIES TODAY")[1], "ice");
    // ...but only that line.
    assert_eq!(
        toks("BREAKING: ICE RAIDS HIT THREE CITIES TODAY\nICE said")[7],
        "ICE"
    );
}

#[test]
fn special_tokens() {
    assert_eq!(toks("a 287(g) agreement"), ["a", "287(g)", "agreement"]);
    assert_eq!(toks("287(G)"), ["287(g)"]);
    assert_eq!(toks("the U.S. border"), ["the", "US", "border"]);
    assert_eq!(toks("Washington, D.C."), ["washington", "DC"]);
    assert_eq!(toks("Trump's wall"), ["trump", "wall"]);
    assert_eq!(toks("don’t"), ["dont"]);
    assert_eq!(
        toks("in 2019, 1,500 of 30"),
        ["in", "<year>", "<num>", "of", "30"]
    );
    assert_eq!(toks("E-Verify"), ["e", "verify"]);
    assert_eq!(toks("Bayamón"), ["bayamón"]);
    assert!(toks("  ... — ").is_empty());
}

#[test]
fn terms_drop_stop_words_and_era_names_and_join_bigrams() {
    let t = terms("Remain in Mexico policy, Obama said");
    assert!(t.contains(&"remain mexico".to_string()));
    assert!(t.contains(&"mexico policy".to_string()));
    assert!(!t.iter().any(|x| x.contains("obama") || x == "in"));
}
