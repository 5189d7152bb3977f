//! Training, saving, loading and classifying on synthetic data; model-file errors; the label
//! loader. Self-contained: a tiny gazetteer and corpus are written to a temporary folder.

use beatwatch_classify::tfidf::FeatureConfig;
use beatwatch_classify::{
    cross_validate, load_labelled, train, Classifier, Error, Gazetteer, LabelledArticle,
    TrainOptions,
};
use std::path::Path;

const PLACES: &str = "geonameid\tname\tasciiname\tstate\tstate_name\tcounty\tpopulation\tlatitude\tlongitude\tfeature_code\taliases
5419384\tDenver\tDenver\tCO\tColorado\tDenver County\t729019\t39.7\t-104.9\tPPLA\t
4887398\tChicago\tChicago\tIL\tIllinois\tCook County\t2664452\t41.8\t-87.6\tPPLA2\t
5520993\tEl Paso\tEl Paso\tTX\tTexas\tEl Paso County\t678815\t31.7\t-106.4\tPPLA2\t
4140963\tWashington\tWashington\tDC\tDistrict of Columbia\tDistrict of Columbia\t689545\t38.8\t-77.0\tPPLC\tD.C.
";
const STATES: &str = "code\tname\tap_abbr\tfips\tcapital\tpopulation_2020
CO\tColorado\tColo.\t08\tDenver\t5773714
DC\tDistrict of Columbia\tD.C.\t11\t\t689545
IL\tIllinois\tIll.\t17\tSpringfield\t12812508
TX\tTexas\t\t48\tAustin\t29145505
";

fn write_gazetteer(models: &Path) {
    let dir = models.join("gazetteer");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("us_places_pop1000.tsv"), PLACES).unwrap();
    std::fs::write(dir.join("us_states.tsv"), STATES).unwrap();
}

/// A small synthetic labelled set: local raid and detention stories (focus city), national
/// policy stories (no place), and stories on other subjects.
fn synthetic() -> Vec<LabelledArticle> {
    let cities = [("Denver", "CO"), ("Chicago", "IL"), ("El Paso", "TX")];
    let mut out = Vec::new();
    for i in 0..90 {
        let (city, st) = cities[i % 3];
        let (title, text, relevant, themes, focus): (String, String, bool, Vec<&str>, bool) = match i % 5 {
            0 => (
                format!("ICE agents arrest dozens in {city} raids"),
                format!("Immigration agents arrested {} people in {city} on day {i}. The raids in {city} targeted workers, and ICE said more arrests would follow.\n\nAdvocates in {city} said families were afraid of deportation after the raids.", 10 + i),
                true, vec!["arrests-raids"], true,
            ),
            1 => (
                format!("Detention center in {city} holds more migrants"),
                format!("The immigration detention center in {city} now holds {} detainees, ICE said. Detainees in {city} described crowded cells.\n\nLawyers asked a judge to release detainees held in custody.", 100 + i),
                true, vec!["detention"], true,
            ),
            2 => (
                "Congress debates deportation bill".to_string(),
                format!("Lawmakers in Washington argued over a bill to fund deportation flights and ICE, version {i}. The Senate vote on deportation policy is expected next week.\n\nThe White House backed the enforcement bill."),
                true, vec!["policy-politics", "deportation"], false,
            ),
            3 => (
                format!("{city} council approves park budget"),
                format!("The city council in {city} approved a budget of {} dollars for parks and libraries. Residents praised new playgrounds.\n\nThe mayor said trails would open in spring.", 1000 + i),
                false, vec![], false,
            ),
            _ => (
                "Ice storm closes schools".to_string(),
                format!("An ice storm closed schools across the region on day {i}. Roads were slick with ice and snow.\n\nForecasters expect warmer weather by the weekend."),
                false, vec![], false,
            ),
        };
        out.push(LabelledArticle {
            id: format!("a{i:03}"),
            title,
            text,
            relevant,
            themes: themes.iter().map(|s| s.to_string()).collect(),
            cities: if focus {
                vec![format!("{city}, {st}")]
            } else {
                vec![]
            },
            states: if focus { vec![st.to_string()] } else { vec![] },
        });
    }
    out
}

fn small_options() -> TrainOptions {
    TrainOptions {
        features: FeatureConfig {
            min_df: 1,
            relevance_features: 300,
            theme_features: 100,
            ..FeatureConfig::default()
        },
        inner_folds: 2,
        ..TrainOptions::default()
    }
}

/// Trains on the synthetic set, saves, and loads back from a temporary models folder.
fn trained() -> (tempfile::TempDir, Classifier) {
    let tmp = tempfile::tempdir().unwrap();
    write_gazetteer(tmp.path());
    let gaz = Gazetteer::load(&tmp.path().join("gazetteer")).unwrap();
    let (models, report) = train(&synthetic(), &gaz, &small_options()).unwrap();
    assert_eq!(report.articles, 90);
    assert!(models.version().starts_with("clf-"));
    models.save(tmp.path()).unwrap();
    let clf = Classifier::load(tmp.path()).unwrap();
    assert_eq!(clf.version(), models.version());
    (tmp, clf)
}

#[test]
fn train_save_load_classify_round_trip() {
    let (_tmp, clf) = trained();
    let tags = clf.classify(
        "ICE agents arrest workers in Denver raids",
        "Immigration agents arrested 40 people in Denver. The raids in Denver targeted workers, ICE said.\n\nFamilies in Denver were afraid.",
    );
    assert!(tags.relevant, "{tags:?}");
    assert!(tags.relevance_score > 0.5);
    assert_eq!(tags.themes[0].name, "arrests-raids");
    assert_eq!(
        tags.cities
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["Denver"]
    );
    assert_eq!(tags.cities[0].state, "CO");
    assert_eq!(tags.cities[0].geonameid, 5419384);
    assert!(tags.states.iter().any(|s| s.code == "CO"));
    assert_eq!(tags.model, clf.version());

    let other = clf.classify(
        "Ice storm closes schools",
        "An ice storm closed schools. Roads were slick with ice.",
    );
    assert!(!other.relevant);
    assert!(other.themes.is_empty() && other.cities.is_empty() && other.states.is_empty());
    // Tags serialise to the documented JSON shape.
    let json = serde_json::to_value(&tags).unwrap();
    for key in [
        "relevant",
        "relevance_score",
        "themes",
        "cities",
        "states",
        "model",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn same_tags_alone_or_in_a_batch() {
    let (_tmp, clf) = trained();
    let arts = synthetic();
    let probe = &arts[0];
    let alone_vec = clf.vectorize(&probe.title, &probe.text);
    let alone = clf.classify(&probe.title, &probe.text);
    // Classify a batch in which the probe sits among others, in two orders.
    let batch: Vec<_> = arts
        .iter()
        .map(|a| clf.classify(&a.title, &a.text))
        .collect();
    let reversed: Vec<_> = arts
        .iter()
        .rev()
        .map(|a| clf.classify(&a.title, &a.text))
        .collect();
    assert_eq!(batch[0], alone);
    assert_eq!(reversed[arts.len() - 1], alone);
    assert_eq!(clf.vectorize(&probe.title, &probe.text), alone_vec);
    // The IDF is the stored one: a second load gives the same vector.
    assert!(!alone_vec.idx.is_empty());
}

#[test]
fn training_needs_both_classes() {
    let tmp = tempfile::tempdir().unwrap();
    write_gazetteer(tmp.path());
    let gaz = Gazetteer::load(&tmp.path().join("gazetteer")).unwrap();
    let only_relevant: Vec<_> = synthetic().into_iter().filter(|a| a.relevant).collect();
    assert!(matches!(
        train(&only_relevant, &gaz, &small_options()),
        Err(Error::Train(_))
    ));
}

#[test]
fn missing_and_corrupt_models_are_errors_not_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let err = Classifier::load(&tmp.path().join("nowhere")).unwrap_err();
    assert!(matches!(err, Error::MissingModel(_)), "{err}");
    assert!(err.to_string().contains("nowhere"));

    let (dir, _) = trained();
    let model = dir.path().join("classifier/model.json");
    let good = std::fs::read_to_string(&model).unwrap();
    for bad in [
        "{not json".to_string(),
        good[..good.len() / 2].to_string(),
        good.replacen("\"format\":1", "\"format\":99", 1),
        String::new(),
    ] {
        std::fs::write(&model, &bad).unwrap();
        let err = Classifier::load(dir.path()).unwrap_err();
        assert!(matches!(err, Error::CorruptModel { .. }), "{err}");
        assert!(err.to_string().contains("model.json"));
    }
    std::fs::remove_file(&model).unwrap();
    assert!(matches!(
        Classifier::load(dir.path()).unwrap_err(),
        Error::Io { .. }
    ));
    // A model without its gazetteer.
    std::fs::write(&model, good).unwrap();
    std::fs::remove_dir_all(dir.path().join("gazetteer")).unwrap();
    assert!(matches!(
        Classifier::load(dir.path()).unwrap_err(),
        Error::Io { .. }
    ));
}

#[test]
fn loader_names_a_label_id_missing_from_the_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus.jsonl");
    let labels = tmp.path().join("labels.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\":\"x1\",\"title\":\"T\",\"text\":\"Body\"}\n",
    )
    .unwrap();
    std::fs::write(
        &labels,
        "{\"id\":\"x1\",\"relevant\":true,\"themes\":[\"border\"],\"cities\":[],\"states\":[]}\n",
    )
    .unwrap();
    let ok = load_labelled(&corpus, &labels).unwrap();
    assert_eq!(ok[0].text, "Body");
    assert_eq!(ok[0].themes, ["border"]);

    std::fs::write(
        &labels,
        "{\"id\":\"x1\",\"relevant\":false}\n{\"id\":\"gone42\",\"relevant\":false}\n",
    )
    .unwrap();
    let err = load_labelled(&corpus, &labels).unwrap_err();
    assert!(
        matches!(err, Error::MissingId { ref id, .. } if id == "gone42"),
        "{err}"
    );
    assert!(err.to_string().contains("gone42") && err.to_string().contains("labels.jsonl"));

    std::fs::write(
        &labels,
        "{\"id\":\"x1\",\"relevant\":true,\"themes\":[\"weather\"]}\n",
    )
    .unwrap();
    assert!(load_labelled(&corpus, &labels)
        .unwrap_err()
        .to_string()
        .contains("weather"));
    std::fs::write(&labels, "{\"id\":\"x1\"\n").unwrap();
    assert!(matches!(
        load_labelled(&corpus, &labels).unwrap_err(),
        Error::Parse { line: 1, .. }
    ));
}

#[test]
fn cross_validation_predicts_every_article_once_out_of_fold() {
    let tmp = tempfile::tempdir().unwrap();
    write_gazetteer(tmp.path());
    let gaz = Gazetteer::load(&tmp.path().join("gazetteer")).unwrap();
    let arts = synthetic();
    let report = cross_validate(&arts, &gaz, 3, 7, &small_options()).unwrap();
    assert_eq!(report.predictions.len(), arts.len());
    for (p, a) in report.predictions.iter().zip(&arts) {
        assert_eq!(p.id, a.id);
        assert!(p.fold < 3);
        assert_eq!(p.label_relevant, a.relevant);
        assert_eq!(p.label_cities, a.cities);
        assert!((0.0..=1.0).contains(&p.relevance_score));
        assert!(p
            .cities
            .iter()
            .all(|c| p.city_candidates.iter().any(|k| &k.0 == c)));
    }
    let relevant = |pred: bool| {
        report
            .predictions
            .iter()
            .filter(|p| p.relevant == pred)
            .count()
    };
    assert_eq!(relevant(true) + relevant(false), arts.len());
    assert_eq!(
        (report.full.relevance.model.tp + report.full.relevance.model.fn_) as usize,
        arts.iter().filter(|a| a.relevant).count()
    );
}
