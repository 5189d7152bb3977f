//! The dateline that opens many wire stories: "DENVER (AP) —",
//! "SAN DIEGO, Calif. —", "LONDON, Nov 20 (Reuters) -", "NEW DELHI:".

/// The dateline's city, in title case ("Denver"), if the text opens with one.
pub(crate) fn find(text: &str) -> Option<String> {
    let head: String = text.trim_start().chars().take(90).collect();
    let (prefix, _) = split_at_dash(&head)?;
    // Drop "(AP)", "(Reuters)" and the like.
    let prefix = match prefix.find('(') {
        Some(i) if prefix.trim_end().ends_with(')') => &prefix[..i],
        _ => prefix,
    };
    let city = prefix.split(',').next()?.trim();
    if !is_city(city) {
        return None;
    }
    Some(title_case(city))
}

/// Splits at the first dash or colon that ends a dateline.
fn split_at_dash(s: &str) -> Option<(&str, &str)> {
    let mut best: Option<(usize, usize)> = None;
    for sep in [" — ", " – ", " - ", " -- ", "—", "–", ": "] {
        if let Some(i) = s.find(sep) {
            if best.is_none_or(|(b, _)| i < b) {
                best = Some((i, sep.len()));
            }
        }
    }
    let (i, n) = best?;
    (i > 1 && i <= 70).then(|| (&s[..i], &s[i + n..]))
}

/// One to four words, letters in upper case ("ST. LOUIS", "McALLEN").
fn is_city(s: &str) -> bool {
    let words = s.split_whitespace().count();
    if !(1..=4).contains(&words) {
        return false;
    }
    let (mut upper, mut lower) = (0, 0);
    for c in s.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if !(c == ' ' || c == '.' || c == '\'' || c == '-' || c == '’') {
            return false;
        }
    }
    upper >= 2 && lower * 4 <= upper && s.chars().next().is_some_and(char::is_uppercase)
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, ' ' | '-' | '.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn datelines() {
        assert_eq!(find("DENVER (AP) — Police said").as_deref(), Some("Denver"));
        assert_eq!(
            find("SAN DIEGO, Calif. — The").as_deref(),
            Some("San Diego")
        );
        assert_eq!(
            find("LONDON, Nov 20 (Reuters) - The").as_deref(),
            Some("London")
        );
        assert_eq!(find("NEW DELHI: The").as_deref(), Some("New Delhi"));
        assert_eq!(find("ST. LOUIS (AP) — A").as_deref(), Some("St. Louis"));
        assert_eq!(find("The mayor said — again — that"), None);
        assert_eq!(find("I — like many"), None);
        assert_eq!(find(""), None);
    }
}
