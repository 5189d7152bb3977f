//! Temporary: prints mentions of a title/text.
use beatwatch_classify::Classifier;
use std::path::Path;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let clf = Classifier::load(Path::new("/work/main/models")).unwrap();
    for (l, n, p) in clf.debug_candidates(&args[1], &args[2]) {
        println!("{l} n={n} p={p:.2}");
    }
}
