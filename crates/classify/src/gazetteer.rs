//! The run-time gazetteer (`models/gazetteer/*.tsv`): places, states and the name index the
//! place matcher looks names up in.

use crate::error::{io_err, Error, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// One populated place (a row of `us_places_pop1000.tsv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonameid: u32,
    pub name: String,
    pub state: String,
    pub population: u32,
    pub feature_code: String,
    pub lat: f32,
    pub lon: f32,
    /// Row of the city a neighbourhood or borough belongs to (Brooklyn → New York City).
    pub parent: Option<u32>,
}

/// One state (a row of `us_states.tsv`).
#[derive(Debug, Clone, PartialEq)]
pub struct StateInfo {
    pub code: String,
    pub name: String,
    pub ap_abbr: String,
}

#[derive(Debug)]
struct Inner {
    places: Vec<Place>,
    states: Vec<StateInfo>,
    /// Normalised name or alias → rows, most populous first.
    names: HashMap<String, Vec<u32>>,
    /// Names and aliases that only match with their exact capitals (`LA`, `SF`, `NYC`).
    exact_case: HashMap<String, String>,
    /// Normalised state name, AP abbreviation or code → state index.
    state_names: HashMap<String, usize>,
    state_abbrs: HashMap<String, usize>,
    /// Normalised county name (`harris county`) → states with such a county, most populous
    /// first (population of the county's places).
    counties: HashMap<String, Vec<usize>>,
    max_words: usize,
}

/// The gazetteer; cheap to clone.
#[derive(Debug, Clone)]
pub struct Gazetteer(Arc<Inner>);

/// Lowercased words of a name as the matcher sees them: letters, digits and inner apostrophes;
/// everything else (spaces, periods, hyphens, commas) separates words. `St. Paul` → `st paul`.
pub fn name_key(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w = w.trim_matches(|c| c == '\'' || c == '’');
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            w.chars()
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// Port-of-entry neighbourhoods the gazetteer lacks, with the city the labelling rules give
/// them (`models/labels/README.md`: "the US side of a port (San Ysidro) is its US city").
const EXTRA_ALIASES: &[(&str, &str, &str)] = &[
    ("San Ysidro", "San Diego", "CA"),
    ("Otay Mesa", "San Diego", "CA"),
];

/// NYC's boroughs are PPLA2 rows of their own counties; they belong to New York City.
const NYC_COUNTIES: &[&str] = &[
    "Kings County",
    "Queens County",
    "New York County",
    "Bronx County",
    "Richmond County",
];

impl Gazetteer {
    /// Loads `us_places_pop1000.tsv` and `us_states.tsv` from `dir`.
    pub fn load(dir: &Path) -> Result<Gazetteer> {
        let read = |f: &str| {
            let p = dir.join(f);
            std::fs::read_to_string(&p).map_err(io_err(&p))
        };
        let places = read("us_places_pop1000.tsv")?;
        let states = read("us_states.tsv")?;
        Self::from_tsv(&places, &states).map_err(|(line, msg)| Error::Parse {
            path: dir.join(if line.0 {
                "us_states.tsv"
            } else {
                "us_places_pop1000.tsv"
            }),
            line: line.1,
            msg,
        })
    }

    /// Builds a gazetteer from the two TSV texts (with header lines). The error gives
    /// ((is the states file, line), message).
    #[allow(clippy::type_complexity)]
    pub fn from_tsv(
        places_tsv: &str,
        states_tsv: &str,
    ) -> Result<Gazetteer, ((bool, usize), String)> {
        let mut states = Vec::new();
        for (i, line) in states_tsv.lines().enumerate().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                return Err(((true, i + 1), "expected code, name, ap_abbr".into()));
            }
            states.push(StateInfo {
                code: f[0].into(),
                name: f[1].into(),
                ap_abbr: f[2].into(),
            });
        }
        let mut places = Vec::new();
        let mut aliases = Vec::new();
        for (i, line) in places_tsv.lines().enumerate().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let bad = |m: &str| ((false, i + 1), m.to_string());
            if f.len() < 11 {
                return Err(bad("expected 11 tab-separated fields"));
            }
            let num = |s: &str| s.parse::<f64>().map_err(|_| bad("bad number"));
            places.push(Place {
                geonameid: num(f[0])? as u32,
                name: f[1].into(),
                state: f[3].into(),
                population: num(f[6])? as u32,
                feature_code: f[9].into(),
                lat: num(f[7])? as f32,
                lon: num(f[8])? as f32,
                parent: None,
            });
            aliases.push((f[2].to_string(), f[5].to_string(), f[10].to_string()));
        }
        assign_parents(&mut places, &aliases);
        let mut names: HashMap<String, Vec<u32>> = HashMap::new();
        let mut exact_case = HashMap::new();
        for (r, (p, (ascii, _, al))) in places.iter().zip(&aliases).enumerate() {
            let mut keys = vec![p.name.as_str(), ascii.as_str()];
            keys.extend(al.split('|').filter(|a| !a.is_empty()));
            for k in keys {
                let key = name_key(k);
                if key.is_empty() {
                    continue;
                }
                // Short all-capital aliases (LA, SF, NYC, OKC) must match with their capitals.
                if k.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase())
                    && key.len() <= 5
                {
                    exact_case.insert(
                        key.clone(),
                        k.chars().filter(|c| c.is_alphanumeric()).collect(),
                    );
                }
                let v = names.entry(key).or_default();
                if !v.contains(&(r as u32)) {
                    v.push(r as u32);
                }
            }
        }
        for (alias, name, st) in EXTRA_ALIASES {
            let row = names
                .get(&name_key(name))
                .and_then(|v| v.iter().copied().find(|&r| places[r as usize].state == *st));
            if let Some(r) = row {
                names.entry(name_key(alias)).or_default().push(r);
            }
        }
        for v in names.values_mut() {
            v.sort_by_key(|&r| std::cmp::Reverse(places[r as usize].population));
        }
        let max_words = names
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        let mut state_names = HashMap::new();
        let mut state_abbrs = HashMap::new();
        for (i, s) in states.iter().enumerate() {
            state_names.insert(name_key(&s.name), i);
            if !s.ap_abbr.is_empty() {
                state_abbrs.insert(name_key(&s.ap_abbr), i);
            }
        }
        let mut county_pop: HashMap<String, HashMap<usize, u64>> = HashMap::new();
        for (p, (_, county, _)) in places.iter().zip(&aliases) {
            let st = states.iter().position(|s| s.code == p.state);
            if let (false, Some(st)) = (county.is_empty(), st) {
                *county_pop
                    .entry(name_key(county))
                    .or_default()
                    .entry(st)
                    .or_default() += p.population as u64;
            }
        }
        let counties = county_pop
            .into_iter()
            .map(|(k, by_state)| {
                let mut v: Vec<(usize, u64)> = by_state.into_iter().collect();
                v.sort_by_key(|&(st, pop)| (std::cmp::Reverse(pop), st));
                (k, v.into_iter().map(|e| e.0).collect())
            })
            .collect();
        Ok(Gazetteer(Arc::new(Inner {
            places,
            states,
            names,
            exact_case,
            state_names,
            state_abbrs,
            counties,
            max_words,
        })))
    }

    pub fn places(&self) -> &[Place] {
        &self.0.places
    }

    pub fn place(&self, row: u32) -> &Place {
        &self.0.places[row as usize]
    }

    pub fn states(&self) -> &[StateInfo] {
        &self.0.states
    }

    /// Index of a two-letter state code.
    pub fn state_by_code(&self, code: &str) -> Option<usize> {
        self.0.states.iter().position(|s| s.code == code)
    }

    /// Rows whose name or alias has this normalised key (see [`name_key`]), most populous first.
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.0.names.get(key).map_or(&[], |v| v.as_slice())
    }

    /// The exact capitals a short all-caps alias needs (`la` → `LA`), if it is one.
    pub(crate) fn exact_case(&self, key: &str) -> Option<&str> {
        self.0.exact_case.get(key).map(|s| s.as_str())
    }

    /// State whose full name has this normalised key.
    pub fn state_by_name(&self, key: &str) -> Option<usize> {
        self.0.state_names.get(key).copied()
    }

    /// State whose AP abbreviation has this normalised key (`calif` for `Calif.`).
    pub fn state_by_ap(&self, key: &str) -> Option<usize> {
        self.0.state_abbrs.get(key).copied()
    }

    /// States with a county of this normalised name (`harris county`), most populous first.
    pub fn county_states(&self, key: &str) -> &[usize] {
        self.0.counties.get(key).map_or(&[], |v| v.as_slice())
    }

    pub(crate) fn max_words(&self) -> usize {
        self.0.max_words
    }

    /// The row a label `Name, ST` means: that name in that state, the most populous if several.
    pub fn resolve(&self, label: &str) -> Option<u32> {
        let (name, st) = label.rsplit_once(", ")?;
        self.lookup(&name_key(name))
            .iter()
            .copied()
            .find(|&r| self.place(r).name == name && self.place(r).state == st)
    }

    /// `Name, ST` of a row.
    pub fn label(&self, row: u32) -> String {
        let p = self.place(row);
        format!("{}, {}", p.name, p.state)
    }
}

fn dist_km(a: &Place, b: &Place) -> f32 {
    let (dy, dx) = (a.lat - b.lat, (a.lon - b.lon) * (a.lat.to_radians().cos()));
    (dy * dy + dx * dx).sqrt() * 111.2
}

/// Points neighbourhoods at their city: NYC boroughs by county; rows coded PPLX (within 25 km)
/// or uncoded (GeoNames' newer neighbourhood rows, within 8 km) at the most populous bigger
/// city of 100,000+ nearby in the same state.
fn assign_parents(places: &mut [Place], extra: &[(String, String, String)]) {
    let nyc = places
        .iter()
        .position(|p| p.name == "New York City" && p.state == "NY");
    let big: Vec<usize> = (0..places.len())
        .filter(|&i| places[i].population >= 100_000 && places[i].feature_code != "PPLX")
        .collect();
    for i in 0..places.len() {
        let county = extra[i].1.as_str();
        if let Some(n) =
            nyc.filter(|&n| n != i && places[i].state == "NY" && NYC_COUNTIES.contains(&county))
        {
            places[i].parent = Some(n as u32);
            continue;
        }
        let radius = match places[i].feature_code.as_str() {
            "PPLX" => 25.0,
            "" => 8.0,
            _ => continue,
        };
        let parent = big
            .iter()
            .copied()
            .filter(|&j| {
                j != i
                    && places[j].state == places[i].state
                    && places[j].population > places[i].population
                    && dist_km(&places[i], &places[j]) <= radius
            })
            .max_by_key(|&j| places[j].population);
        places[i].parent = parent.map(|j| j as u32);
    }
}
