//! Temporary: prints gold vs candidate places for labelled articles.
use beatwatch_classify::{load_labelled, Classifier};
use std::path::Path;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arts = load_labelled(Path::new(&args[1]), Path::new(&args[2])).unwrap();
    let clf = Classifier::load(Path::new(&args[3])).unwrap();
    let (mut found, mut total) = (0, 0);
    for a in arts.iter().filter(|a| a.relevant) {
        let c = clf.debug_candidates(&a.title, &a.text);
        for g in &a.cities {
            total += 1;
            if c.iter().any(|(l, _, _)| l == g) {
                found += 1
            } else {
                println!("MISS {} {} | {}", a.id, g, a.title)
            }
        }
        if args.len() > 4 && !a.cities.is_empty() {
            println!("== {} {} gold {:?} {:?}", a.id, a.title, a.cities, a.states);
            for (l, n, p) in &c {
                println!("   {l} n={n} p={p:.2}");
            }
        }
    }
    println!("candidate recall {found}/{total}");
}
