//! URL canonicalization: one spelling per article, so the same story found
//! through two feeds (or with tracking parameters) is stored once.

use url::Url;

/// Query parameters that only track the reader, never select content.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ncid",
    "cmpid",
    "ocid",
    "cid",
    "icid",
    "ito",
    "sr_share",
    "smid",
    "smtyp",
    "ref",
    "ref_src",
    "ref_url",
    "rss",
    "partner",
    "_ga",
    "_gl",
    "mkt_tok",
    "at_medium",
    "at_campaign",
    "taid",
    "spm",
    "output",
    "outputtype",
    "guccounter",
];

/// Returns the canonical form of `url`: lower-case scheme and host (the `url`
/// crate does both), no default port, no fragment, no tracking parameters,
/// remaining parameters sorted, no empty query and no trailing `?`.
pub fn canonicalize(url: &Url) -> Url {
    let mut u = url.clone();
    u.set_fragment(None);
    // `url` already drops default ports while parsing; an explicit set keeps it that way
    // for URLs built by hand.
    if u.port() == default_port(u.scheme()) {
        let _ = u.set_port(None);
    }
    if let Some(host) = u.host_str() {
        let trimmed = host.trim_end_matches('.');
        if trimmed.len() != host.len() {
            let t = trimmed.to_string();
            let _ = u.set_host(Some(&t));
        }
    }
    let mut params: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !is_tracking_param(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if params.is_empty() {
        u.set_query(None);
    } else {
        params.sort();
        u.query_pairs_mut().clear().extend_pairs(params);
    }
    if u.path().is_empty() {
        u.set_path("/");
    }
    u
}

/// Parses `href` against `base` and canonicalizes it; `None` unless the result is http(s).
pub fn resolve(base: Option<&Url>, href: &str) -> Option<Url> {
    let href = href.trim();
    let parsed = match base {
        Some(b) => b.join(href).ok()?,
        None => Url::parse(href).ok()?,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| canonicalize(&parsed))
}

fn is_tracking_param(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("utm_") || k.starts_with("__") || TRACKING_PARAMS.contains(&k.as_str())
}

fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    }
}

/// The host without a leading `www.`, for "same site" comparisons.
pub fn site_of(url: &Url) -> Option<String> {
    url.host_str()
        .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
}

/// True when two URLs belong to the same site: equal hosts once `www.` is dropped,
/// or one is a subdomain of the other's registrable-looking suffix (last two labels).
pub fn same_site(a: &Url, b: &Url) -> bool {
    match (site_of(a), site_of(b)) {
        (Some(x), Some(y)) => x == y || last_labels(&x, 2) == last_labels(&y, 2),
        _ => false,
    }
}

fn last_labels(host: &str, n: usize) -> String {
    let labels: Vec<&str> = host.rsplit('.').take(n).collect();
    labels.into_iter().rev().collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        canonicalize(&Url::parse(s).unwrap()).to_string()
    }

    #[test]
    fn strips_tracking_fragment_and_default_port() {
        assert_eq!(
            c("HTTPS://Example.COM:443/a/b?utm_source=x&id=3&fbclid=y#top"),
            "https://example.com/a/b?id=3"
        );
        assert_eq!(c("http://example.com:80"), "http://example.com/");
        assert_eq!(c("http://example.com:8080/x?"), "http://example.com:8080/x");
    }

    #[test]
    fn sorts_remaining_params() {
        assert_eq!(c("https://e.com/p?b=2&a=1"), "https://e.com/p?a=1&b=2");
    }

    #[test]
    fn resolve_rejects_non_http() {
        assert!(resolve(None, "javascript:alert(1)").is_none());
        assert!(resolve(None, "mailto:a@b.c").is_none());
        let base = Url::parse("https://e.com/news/").unwrap();
        assert_eq!(
            resolve(Some(&base), "../a?utm_medium=x").unwrap().as_str(),
            "https://e.com/a"
        );
    }

    #[test]
    fn same_site_ignores_www_and_subdomains() {
        let a = Url::parse("https://www.latimes.com/x").unwrap();
        let b = Url::parse("https://latimes.com/y").unwrap();
        let c2 = Url::parse("https://enterprise.latimes.com/y").unwrap();
        let d = Url::parse("https://example.org/").unwrap();
        assert!(same_site(&a, &b) && same_site(&a, &c2) && !same_site(&a, &d));
    }
}
