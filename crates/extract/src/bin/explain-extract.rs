//! Prints the body root the extractor picks for each page given (tuning aid).
fn main() {
    for p in std::env::args().skip(1) {
        let html = String::from_utf8_lossy(&std::fs::read(&p).unwrap_or_default()).into_owned();
        println!("{p}: {}", beatwatch_extract::explain(&html));
    }
}
