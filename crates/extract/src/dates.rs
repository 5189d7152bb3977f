//! Date parsing for the forms pages use: ISO 8601 and its loose variants,
//! RFC 2822, "November 20, 2019 10:30 AM", "20 Nov 2019", and dates in URLs.
//! Every result must be plausible: not before 1990 and not in the future.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Parses a date or date-time in any supported form; `None` if implausible.
pub(crate) fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let d = parse_iso(s)
        .or_else(|| {
            DateTime::parse_from_rfc2822(s)
                .ok()
                .map(|d| d.with_timezone(&Utc))
        })
        .or_else(|| parse_text(s))?;
    plausible(d).then_some(d)
}

/// The date of the first source that has one; when it is a bare day
/// (midnight), the first later source that gives a time on that day.
pub(crate) fn most_precise(
    sources: &[&dyn Fn() -> Option<DateTime<Utc>>],
) -> Option<DateTime<Utc>> {
    let mut rest = sources.iter();
    let first = rest.find_map(|f| f())?;
    if first.time() != NaiveTime::MIN {
        return Some(first);
    }
    // A bare day is local; its hours in UTC lie within this window.
    let (lo, hi) = (first - Duration::hours(14), first + Duration::hours(38));
    let timed = rest
        .filter_map(|f| f())
        .find(|d| d.time() != NaiveTime::MIN && *d >= lo && *d <= hi);
    Some(timed.unwrap_or(first))
}

/// A date in a URL path: /2019/11/20/, /2019-11-20-, /20191120/.
pub(crate) fn from_url(url: &str) -> Option<DateTime<Utc>> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    let digits = |i: usize, n: usize| num(b, i, n);
    for i in 1..b.len() {
        if !matches!(b[i - 1], b'/' | b'-' | b'_') {
            continue;
        }
        let Some(y) = digits(i, 4) else { continue };
        let found = match b.get(i + 4) {
            Some(&sep @ (b'/' | b'-' | b'_')) => digits(i + 5, 2).map(|m| {
                // A year and month alone give the first of the month.
                let d = if b.get(i + 7) == Some(&sep) {
                    digits(i + 8, 2)
                } else {
                    None
                };
                (m, d.unwrap_or(1))
            }),
            Some(_) => digits(i + 4, 4)
                .filter(|_| !b.get(i + 8).is_some_and(u8::is_ascii_digit))
                .map(|md| (md / 100, md % 100)),
            None => None,
        };
        if let Some((m, d)) = found {
            let date = NaiveDate::from_ymd_opt(y as i32, m, d)
                .map(|d| Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN)));
            if let Some(date) = date.filter(|d| plausible(*d)) {
                return Some(date);
            }
        }
    }
    None
}

/// A short line that is only a date or a byline with a date and time
/// ("Wednesday 20 November 2019 11:42, UK", "Jane Roe 2019-11-20 17:27:46").
pub(crate) fn is_date_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    // "— Jane Roe (@jroe) November 18, 2019" signs an embedded tweet.
    if words > 8 || line.len() > 80 || line.contains("(@") {
        return false;
    }
    let has_year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && d.parse::<u32>().is_ok_and(|y| (1990..2100).contains(&y)));
    has_year
        && (parse_text(line).is_some() || line.split_whitespace().any(|w| parse_iso(w).is_some()))
}

/// Not before 1990, not more than a day ahead of now (time zones).
pub(crate) fn plausible(d: DateTime<Utc>) -> bool {
    let lo = Utc.with_ymd_and_hms(1990, 1, 1, 0, 0, 0).unwrap();
    d >= lo && d <= Utc::now() + Duration::days(1)
}

fn num(b: &[u8], i: usize, n: usize) -> Option<u32> {
    let w = b.get(i..i + n)?;
    if !w.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(w.iter().fold(0, |a, &c| a * 10 + u32::from(c - b'0')))
}

/// "2019-11-20", "2019-11-20T10:30", "2019-11-20 10:30:00.123+0100", "...Z".
/// A time without a zone is taken as UTC.
fn parse_iso(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let y = num(b, 0, 4)?;
    let sep = *b.get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') || b.get(7) != Some(&sep) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y as i32, num(b, 5, 2)?, num(b, 8, 2)?)?;
    let mut i = 10;
    let mut time = NaiveTime::MIN;
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) && num(b, i + 1, 2).is_some() {
        let h = num(b, i + 1, 2)?;
        let m = if b.get(i + 3) == Some(&b':') {
            num(b, i + 4, 2)?
        } else {
            0
        };
        i += if b.get(i + 3) == Some(&b':') { 6 } else { 3 };
        let mut sec = 0;
        if b.get(i) == Some(&b':') {
            sec = num(b, i + 1, 2)?;
            i += 3;
        }
        if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        time = NaiveTime::from_hms_opt(h, m, sec.min(59))?;
    }
    let naive = NaiveDateTime::new(date, time);
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let offset = match b.get(i) {
        Some(&sign @ (b'+' | b'-')) => {
            let h = num(b, i + 1, 2)?;
            let j = if b.get(i + 3) == Some(&b':') {
                i + 4
            } else {
                i + 3
            };
            let m = num(b, j, 2).unwrap_or(0);
            let secs = (h * 3600 + m * 60) as i64;
            if sign == b'+' {
                secs
            } else {
                -secs
            }
        }
        _ => 0,
    };
    Some(Utc.from_utc_datetime(&naive) - Duration::seconds(offset))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let m = MONTHS.iter().position(|m| w.starts_with(m))? as u32 + 1;
    // "Sept" and full names, but not words like "marching".
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (w.len() == 3 || w == "sept" || FULL[m as usize - 1] == w).then_some(m)
}

/// Whether a word is an English weekday or month name ("Monday", "Nov.").
pub(crate) fn is_weekday_or_month(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    month(&w).is_some() || DAYS.contains(&w.as_str())
}

/// Textual dates: "November 20, 2019", "Nov. 20, 2019 10:30 a.m. EST",
/// "Wednesday 20 November 2019 14:05 GMT". US zone names are honoured.
fn parse_text(s: &str) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .take(16)
        .collect();
    let (mut y, mut m, mut d) = (None, None, None);
    let (mut hour, mut min, mut pm, mut am, mut offset) = (None, 0, false, false, 0i64);
    for w in &words {
        let lw = w.to_ascii_lowercase();
        if let Some((h, rest)) = w.split_once(':') {
            if let (Ok(h), Some(mm)) =
                (h.parse::<u32>(), rest.get(..2).and_then(|x| x.parse().ok()))
            {
                hour = Some(h);
                min = mm;
                let tail = rest[2..].to_ascii_lowercase();
                pm |= tail.starts_with("pm") || tail.starts_with("p.m");
                am |= tail.starts_with("am") || tail.starts_with("a.m");
            }
        } else if lw == "pm" || lw == "p.m" {
            pm = true;
        } else if lw == "am" || lw == "a.m" {
            am = true;
        } else if let Ok(n) = w
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
        {
            if w.len() == 4 && (1990..2100).contains(&n) && y.is_none() {
                y = Some(n);
            } else if (1..=31).contains(&n) && d.is_none() && w.len() <= 4 {
                d = Some(n);
            }
        } else if let Some(mm) = month(w) {
            m = m.or(Some(mm));
        } else if let Some(h) = zone_hours(&lw) {
            offset = h * 3600;
        }
    }
    let date = NaiveDate::from_ymd_opt(y? as i32, m?, d?)?;
    let mut h = hour.unwrap_or(0);
    if pm && h < 12 {
        h += 12;
    } else if am && h == 12 {
        h = 0;
    }
    let time = NaiveTime::from_hms_opt(h, min, 0).unwrap_or(NaiveTime::MIN);
    Some(Utc.from_utc_datetime(&NaiveDateTime::new(date, time)) - Duration::seconds(offset))
}

fn zone_hours(z: &str) -> Option<i64> {
    Some(match z {
        "utc" | "gmt" | "z" => 0,
        "est" => -5,
        "edt" => -4,
        "et" => -5,
        "cst" | "ct" => -6,
        "cdt" => -5,
        "mst" | "mt" => -7,
        "mdt" => -6,
        "pst" | "pt" => -8,
        "pdt" => -7,
        "bst" | "cet" => 1,
        "cest" => 2,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(d: Option<DateTime<Utc>>) -> String {
        d.map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn forms() {
        assert_eq!(ymd(parse("2019-11-20T10:30:00Z")), "2019-11-20 10:30");
        assert_eq!(
            ymd(parse("2019-11-20T10:30:00.000-05:00")),
            "2019-11-20 15:30"
        );
        assert_eq!(ymd(parse("2019-11-20T10:30:00+0100")), "2019-11-20 09:30");
        assert_eq!(ymd(parse("2019-11-20")), "2019-11-20 00:00");
        assert_eq!(
            ymd(parse("Wed, 20 Nov 2019 10:30:00 GMT")),
            "2019-11-20 10:30"
        );
        assert_eq!(
            ymd(parse("November 20, 2019 1:05 p.m. EST")),
            "2019-11-20 18:05"
        );
        assert_eq!(ymd(parse("Published: Nov. 20, 2019")), "2019-11-20 00:00");
        assert_eq!(ymd(parse("20 November 2019")), "2019-11-20 00:00");
        assert_eq!(parse("1989-12-31"), None);
        assert_eq!(parse("2999-01-01"), None);
        assert_eq!(parse("yesterday"), None);
    }

    #[test]
    fn urls() {
        assert_eq!(
            ymd(from_url("https://x.com/news/2019/11/20/story")),
            "2019-11-20 00:00"
        );
        assert_eq!(
            ymd(from_url("https://x.com/2019-11-20-story")),
            "2019-11-20 00:00"
        );
        assert_eq!(
            ymd(from_url("https://x.com/a/20191120/story")),
            "2019-11-20 00:00"
        );
        assert_eq!(
            ymd(from_url("https://x.com/2019/11/story")),
            "2019-11-01 00:00"
        );
        assert_eq!(from_url("https://x.com/story-14848164.php"), None);
    }
}
