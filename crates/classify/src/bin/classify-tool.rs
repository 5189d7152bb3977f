//! Developer tool until the CLI is wired: `classify-tool train|eval CORPUS LABELS MODELS_DIR`.

use beatwatch_classify::{cross_validate, load_labelled, train, Gazetteer, TrainOptions};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: classify-tool train|eval CORPUS LABELS MODELS_DIR");
        std::process::exit(2);
    }
    let run = || -> beatwatch_classify::Result<()> {
        let arts = load_labelled(Path::new(&args[2]), Path::new(&args[3]))?;
        let models = Path::new(&args[4]);
        let gaz = Gazetteer::load(&models.join("gazetteer"))?;
        // BW_TRAIN_OPTIONS: partial JSON of TrainOptions, for experiments.
        let opts: TrainOptions = match std::env::var("BW_TRAIN_OPTIONS") {
            Ok(j) => serde_json::from_str(&j).expect("BW_TRAIN_OPTIONS is not valid JSON"),
            Err(_) => TrainOptions::default(),
        };
        match args[1].as_str() {
            "train" => {
                let (m, report) = train(&arts, &gaz, &opts)?;
                m.save(models)?;
                println!("{report}");
            }
            "eval" => println!("{}", cross_validate(&arts, &gaz, 5, 20261128, &opts)?),
            other => eprintln!("unknown command {other}"),
        }
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
