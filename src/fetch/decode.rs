//! Bytes to text: the page's character set from its BOM, the HTTP header, a
//! `<meta>` declaration, and finally statistical detection.

use encoding_rs::Encoding;

/// Decodes an HTML page. Invalid sequences become U+FFFD; this never fails.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| content_type.and_then(charset_from_content_type))
        .or_else(|| meta_charset(bytes))
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(
                &bytes[..bytes.len().min(64 * 1024)],
                bytes.len() <= 64 * 1024,
            );
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn charset_from_content_type(ct: &str) -> Option<&'static Encoding> {
    ct.split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .and_then(|(_, v)| Encoding::for_label(v.trim().trim_matches('"').as_bytes()))
}

/// The HTML prescan, simplified: look for `charset=` inside the first 1024 bytes' `<meta` tags.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">")
            .map(|e| start + e)
            .unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(cpos) = find(tag, b"charset") {
            let rest = &tag[cpos + 7..];
            let rest = rest
                .iter()
                .skip_while(|b| b.is_ascii_whitespace() || **b == b'=');
            let label: Vec<u8> = rest
                .skip_while(|b| **b == b'"' || **b == b'\'')
                .take_while(|b| {
                    !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/'))
                })
                .copied()
                .collect();
            if let Some(enc) = Encoding::for_label(&label) {
                // A page that claims UTF-16 in ASCII-compatible bytes is really UTF-8 (HTML spec).
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        enc
                    },
                );
            }
        }
        from = end.max(start + 5);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_meta_bom_and_detection() {
        let cafe_1252 = b"<p>caf\xe9 \x93quoted\x94</p>";
        assert_eq!(
            decode_html(cafe_1252, Some("text/html; charset=windows-1252")),
            "<p>café “quoted”</p>"
        );
        let meta = b"<html><head><meta charset=\"windows-1252\"></head><p>caf\xe9</p>";
        assert!(decode_html(meta, Some("text/html")).contains("café"));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode_html(http_equiv, None).contains("café"));
        let bom = b"\xef\xbb\xbf<p>caf\xc3\xa9</p>";
        assert_eq!(
            decode_html(bom, Some("text/html; charset=windows-1252")),
            "<p>café</p>"
        );
        assert!(decode_html("<p>café déjà vu</p>".as_bytes(), None).contains("déjà"));
        assert!(!decode_html(b"\xff\xfe\x00garbage\x80", None).is_empty());
    }
}
