//! Place matcher cases on the shipped gazetteer (`models/gazetteer`, part of the repository).

use beatwatch_classify::places::mentioned_places;
use beatwatch_classify::Gazetteer;
use std::path::Path;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let dir = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/gazetteer"
        ));
        Gazetteer::load(dir).expect("models/gazetteer loads")
    })
}

fn cities(title: &str, text: &str) -> Vec<String> {
    mentioned_places(gaz(), title, text)
        .0
        .into_iter()
        .map(|c| c.0)
        .collect()
}

fn states(title: &str, text: &str) -> Vec<String> {
    mentioned_places(gaz(), title, text)
        .1
        .into_iter()
        .map(|c| c.0)
        .collect()
}

#[test]
fn aliases_and_neighbourhoods_map_to_their_city() {
    assert_eq!(
        cities("", "Raids in NYC and in Philly."),
        ["New York City, NY", "Philadelphia, PA"]
    );
    assert_eq!(
        cities("", "Agents were seen in Brooklyn on Monday."),
        ["New York City, NY"]
    );
    assert_eq!(
        cities("", "A vigil in L.A. drew hundreds."),
        ["Los Angeles, CA"]
    );
    // Short all-caps aliases need their capitals: "la" is not Los Angeles.
    assert!(cities("", "They sang la la la in the square.").is_empty());
    assert_eq!(
        cities("", "Families at the San Ysidro port of entry."),
        ["San Diego, CA"]
    );
}

#[test]
fn city_state_and_ap_abbreviations_fix_the_state() {
    assert_eq!(cities("", "Police in Aurora, Colo., said"), ["Aurora, CO"]);
    assert_eq!(
        cities("", "Police in Aurora, Illinois, said"),
        ["Aurora, IL"]
    );
    assert_eq!(cities("", "He lives in Portland, Maine."), ["Portland, ME"]);
    assert_eq!(
        cities("", "Agents in Springfield, MO detained two."),
        ["Springfield, MO"]
    );
    assert_eq!(states("", "Officials in Douglas, Ariz., said"), ["AZ"]);
    // A place too small for the gazetteer still gives its state.
    assert_eq!(states("", "A raid in Smallville, Kan., on Friday"), ["KS"]);
}

#[test]
fn datelines_are_read() {
    assert_eq!(
        cities("", "EL PASO, Texas — Border agents said"),
        ["El Paso, TX"]
    );
    assert_eq!(
        cities("", "DENVER (AP) — Immigration agents"),
        ["Denver, CO"]
    );
    assert_eq!(
        cities("", "WASHINGTON (Reuters) - The House voted"),
        ["Washington, DC"]
    );
}

#[test]
fn ambiguity_is_resolved_by_context() {
    // Most populous by default, the named state when there is one.
    assert_eq!(
        cities("", "Shelters in Springfield are full."),
        ["Springfield, MO"]
    );
    assert_eq!(
        cities("", "In Illinois, shelters in Springfield are full."),
        ["Springfield, IL"]
    );
    assert_eq!(cities("", "Detentions rose in Phoenix."), ["Phoenix, AZ"]);
    // A list is not a `City, State` pair.
    assert_eq!(
        cities(
            "",
            "Arrests took place in Atlanta, New York, Chicago and Houston."
        ),
        [
            "Atlanta, GA",
            "New York City, NY",
            "Chicago, IL",
            "Houston, TX"
        ]
    );
    // Surnames, countries, institutions and ordinary words are not places.
    assert!(cities(
        "",
        "Sen. Lindsey Graham and Hillary Clinton spoke. Graham said no."
    )
    .is_empty());
    // A first name or surname used bare, once the person is known by it, is the person: a
    // kin word before it, a speech verb or `, who` after it.
    assert!(cities(
        "",
        "David took their son Sebastian to the line. The agent pointed at David and \
         Sebastian. Sebastian cried, and a photo of Sebastian was sent to his mother."
    )
    .is_empty());
    assert!(cities(
        "",
        "Secretary Jeh Johnson met aides. The request to Johnson came in May. Johnson said \
         no, and pressure on Johnson grew. Johnson, who ran the department, waited."
    )
    .is_empty());
    // The same names in place uses stay places.
    assert_eq!(
        cities(
            "",
            "Agents arrested four men in Sebastian, Fla., on Monday."
        ),
        ["Sebastian, FL"]
    );
    assert!(cities(
        "",
        "Migrants crossed from Mexico. The Supreme Court and Congress acted."
    )
    .is_empty());
    assert!(cities("", "Homeland Security officials met.").is_empty());
    assert_eq!(
        cities("", "The port in Mobile, Ala., was raided."),
        ["Mobile, AL"]
    );
    // A small place needs support: a locative word, a facility, or its state named.
    assert_eq!(
        cities("", "Children were held in Tornillo."),
        ["Tornillo, TX"]
    );
    assert_eq!(
        cities("", "She is held at the Eloy Detention Center."),
        ["Eloy, AZ"]
    );
}

#[test]
fn counties_and_sectors_give_the_state_only() {
    assert!(cities("", "Harris County jail honours detainers.").is_empty());
    assert_eq!(states("", "Harris County jail honours detainers."), ["TX"]);
    assert!(cities("", "Arrests in the Yuma Sector rose.").is_empty());
    assert_eq!(states("", "Texas's SB4 law takes effect."), ["TX"]);
    assert_eq!(states("", "Officials in Washington state sued."), ["WA"]);
}

#[test]
fn streets_and_schools_are_not_places() {
    let text = "Parents gathered outside Lincoln Elementary and marched down Washington Street \
                in Santa Ana.";
    assert_eq!(cities("", text), ["Santa Ana, CA"]);
}

#[test]
fn newspapers_and_teams_are_not_places() {
    let text = "The deal was first reported by The New York Times and the Washington Post. \
                The Arizona Republic and the Dallas Cowboys said nothing.";
    assert!(cities("", text).is_empty(), "{:?}", cities("", text));
    assert!(states("", text).is_empty(), "{:?}", states("", text));
    assert_eq!(
        cities("", "Agents made arrests in New York on Tuesday."),
        ["New York City, NY"]
    );
}

#[test]
fn countries_are_not_their_us_namesakes() {
    // Deportation stories name the countries people are sent to; Greece, N.Y. and Jamaica
    // (a Queens neighbourhood in the gazetteer) are not where they happen.
    let text = "He was deported to Jamaica last year. His brother was sent back to Greece, \
                and their cousin to Italy.";
    assert!(cities("", text).is_empty(), "{:?}", cities("", text));
    // With its state attached the town is meant.
    assert_eq!(
        cities(
            "",
            "Agents detained two men in Palestine, Texas, on Monday."
        ),
        ["Palestine, TX"]
    );
}

#[test]
fn a_big_city_is_not_lost_to_a_small_namesake_of_a_longer_name() {
    // Denver City, Texas exists; Denver's council is not there.
    assert_eq!(
        cities("", "The Denver City Council voted 10-3 on Monday to bar city jails from holding inmates on ICE detainers."),
        ["Denver, CO"]
    );
    // With its state attached, the small town is meant.
    assert_eq!(
        cities("", "Agents raided a farm in Denver City, Texas, on Monday."),
        ["Denver City, TX"]
    );
}
