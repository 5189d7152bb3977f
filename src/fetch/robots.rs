//! robots.txt, fetched once per origin per run and obeyed for article pages
//! (RFC 9309: a 4xx answer means everything is allowed; a 5xx or an
//! unreachable server means nothing is).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use texting_robots::Robot;
use tokio::sync::OnceCell;
use url::Url;

/// What one origin's robots.txt says.
pub enum RobotsRules {
    AllowAll,
    DisallowAll(String),
    Rules(Box<Robot>),
}

impl RobotsRules {
    pub fn allowed(&self, url: &Url) -> Result<(), String> {
        match self {
            RobotsRules::AllowAll => Ok(()),
            RobotsRules::DisallowAll(why) => Err(why.clone()),
            RobotsRules::Rules(r) if r.allowed(url.as_str()) => Ok(()),
            RobotsRules::Rules(_) => Err("disallowed by robots.txt".to_string()),
        }
    }

    /// The Crawl-delay the site asks for, if any.
    pub fn crawl_delay(&self) -> Option<f32> {
        match self {
            RobotsRules::Rules(r) => r.delay,
            _ => None,
        }
    }

    /// Builds the rules from a robots.txt fetch result: `Ok((status, body))` or a network error.
    pub fn from_response(agent: &str, result: Result<(u16, Vec<u8>), String>) -> RobotsRules {
        match result {
            Ok((status, body)) if (200..300).contains(&status) => match Robot::new(agent, &body) {
                Ok(robot) => RobotsRules::Rules(Box::new(robot)),
                Err(_) => RobotsRules::AllowAll, // unparseable rules name nothing to avoid
            },
            Ok((status, _)) if (400..500).contains(&status) => RobotsRules::AllowAll,
            Ok((status, _)) => {
                RobotsRules::DisallowAll(format!("robots.txt answered HTTP {status}"))
            }
            Err(e) => RobotsRules::DisallowAll(format!("robots.txt unreachable: {e}")),
        }
    }
}

/// One entry per origin, filled at most once even under concurrent requests.
#[derive(Default)]
pub struct RobotsCache {
    entries: Mutex<HashMap<String, Arc<OnceCell<Arc<RobotsRules>>>>>,
}

impl RobotsCache {
    pub fn cell(&self, url: &Url) -> Arc<OnceCell<Arc<RobotsRules>>> {
        let origin = url.origin().ascii_serialization();
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(origin).or_default().clone()
    }
}

/// The robots.txt URL of `url`'s origin.
pub fn robots_url(url: &Url) -> Option<Url> {
    let mut u = url.clone();
    u.set_path("/robots.txt");
    u.set_query(None);
    u.set_fragment(None);
    Some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc9309_status_rules() {
        let u = Url::parse("https://e.com/news/a").unwrap();
        assert!(RobotsRules::from_response("beatwatch", Ok((404, vec![])))
            .allowed(&u)
            .is_ok());
        assert!(RobotsRules::from_response("beatwatch", Ok((503, vec![])))
            .allowed(&u)
            .is_err());
        assert!(RobotsRules::from_response("beatwatch", Err("reset".into()))
            .allowed(&u)
            .is_err());
        let body = b"User-agent: *\nDisallow: /news/\n".to_vec();
        let r = RobotsRules::from_response("beatwatch", Ok((200, body)));
        assert!(r.allowed(&u).is_err());
        assert!(r
            .allowed(&Url::parse("https://e.com/about").unwrap())
            .is_ok());
    }
}
