//! The syntax of an error code: a decimal integer that fits `i64`, written plainly, or in a
//! doc of string codes a word such as `OperationDenied.Suspended`.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::{Cell, CodeKey, CodeKind};

/// A cell whose whole content is one Markdown link, `[1000](e1000.md)`: its text and target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    /// The link's text, as written (`1000`).
    pub(crate) text: String,
    /// Where it points, as written (`e1000.md`, `../errors#401`).
    pub(crate) target: String,
}

/// The link a cell's Markdown is, if it is one link and nothing else.
pub(crate) fn link(markdown: &str) -> Option<Link> {
    if !markdown.starts_with('[') || !markdown.ends_with(')') {
        return None;
    }
    let mut events = Parser::new(markdown)
        .into_offset_iter()
        .filter(|(event, _)| !matches!(event, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)));
    let (Event::Start(Tag::Link { dest_url, .. }), whole) = events.next()? else { return None };
    let mut text_range = None;
    for (event, range) in events.by_ref() {
        match event {
            Event::Text(_) | Event::Code(_) => {
                let start = text_range.as_ref().map_or(range.start, |text: &std::ops::Range<usize>| text.start);
                text_range = Some(start..range.end);
            }
            Event::End(TagEnd::Link) => break,
            _ => return None,
        }
    }
    let text = markdown.get(text_range?)?.trim().to_owned();
    (whole == (0..markdown.len()) && events.next().is_none()).then(|| Link { text, target: dest_url.into_string() })
}

/// Reads a code of the given kind, as the doc or the overlay writes it.
pub(crate) fn read_key(text: &str, kind: CodeKind) -> Result<CodeKey, CodeError> {
    match kind {
        CodeKind::Integer => read(text).map(CodeKey::Int),
        CodeKind::String => read_string(text).map(CodeKey::Str),
    }
}

/// Reads a code cell: an integer from its source (so `**9003**` is refused), a string code from its text.
pub(crate) fn read_cell(cell: &Cell, kind: CodeKind) -> Result<CodeKey, CodeError> {
    // A linked code (`[1000](e1000.md)`) is the code its text writes.
    if let Some(link) = link(&cell.markdown) {
        return read_key(&link.text, kind);
    }
    match kind {
        CodeKind::Integer => read_key(&cell.markdown, kind),
        CodeKind::String => read_key(&cell.text, kind),
    }
}

/// Reads a string code: ASCII letters, digits, `.`, `_` and `-`, starting with a letter.
pub(crate) fn read_string(text: &str) -> Result<String, CodeError> {
    let well_formed = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if well_formed {
        return Ok(text.to_owned());
    }
    Err(CodeError {
        message: format!("code `{text}` is not a string code"),
        help: "string codes start with a letter and hold ASCII letters, digits, `.`, `_` and `-`".to_owned(),
    })
}

/// Reads an integer code: an optional `-` and ASCII digits. A leading zero (`09003`) is
/// refused: it is more likely a typo or a string code, and would be a second spelling.
pub(crate) fn read(text: &str) -> Result<i64, CodeError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CodeError {
            message: "empty code".to_owned(),
            help: "write the error code as a decimal integer such as `9003`".to_owned(),
        });
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if digits.len() > 1 && digits.starts_with('0') {
            let plain = format!("{}{}", if text.starts_with('-') { "-" } else { "" }, digits.trim_start_matches('0'));
            let plain = if plain.is_empty() || plain == "-" { "0".to_owned() } else { plain };
            return Err(CodeError {
                message: format!("code `{text}` has a leading zero"),
                help: format!("write it as `{plain}`; codes are decimal integers without leading zeros"),
            });
        }
        return text.parse::<i64>().map_err(|_| CodeError {
            message: format!("code `{text}` does not fit a 64-bit signed integer"),
            help: format!("codes must lie in {}..={}", i64::MIN, i64::MAX),
        });
    }
    let ascii: String = text.chars().map(|c| full_width_digit(c).unwrap_or(c)).collect();
    let help = if ascii != text && read(&ascii).is_ok() {
        format!("`{text}` uses full-width digits; write it with ASCII digits: `{ascii}`")
    } else if text.starts_with("0x") || text.starts_with("0X") {
        "codes are decimal: write the number in base 10".to_owned()
    } else {
        "write the error code as a decimal integer such as `9003`".to_owned()
    };
    Err(CodeError { message: format!("code `{text}` is not a decimal integer"), help })
}

/// Reads an HTTP status from a cell (`409`, `409 Conflict`, `HTTP 409`): one three-digit
/// number in 100..=599, not glued to a letter, with only words and punctuation around it.
pub(crate) fn read_status(text: &str) -> Option<u16> {
    let mut numbers = text.split(|c: char| !c.is_ascii_digit()).filter(|part| !part.is_empty());
    let (number, None) = (numbers.next()?, numbers.next()) else { return None };
    let status = number.parse::<u16>().ok().filter(|status| number.len() == 3 && (100..=599).contains(status))?;
    let at = text.find(number)?;
    let (before, after) = (&text[..at], &text[at + number.len()..]);
    let glued = before.chars().next_back().is_some_and(char::is_alphanumeric)
        || after.chars().next().is_some_and(char::is_alphanumeric);
    let words = |part: &str| part.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || "()（）-'.:/".contains(c));
    (!glued && words(before) && words(after)).then_some(status)
}

/// Whether an HTTP cell gives no status: empty, or only a dash (`-`, `–`, `—`, `－`).
pub(crate) fn says_no_status(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "–" | "—" | "－")
}

/// An integer range as a code cell writes it (`301000~301099`, `-32000 to -32099`), low first.
pub(crate) fn read_range(text: &str) -> Option<(i64, i64)> {
    range_ends(text).find_map(|(first, last)| {
        let (first, last) = (read(first).ok()?, read(last).ok()?);
        Some((first.min(last), first.max(last)))
    })
}

/// The ways a cell can split into a range's two ends: at a `~`, `～`, dash or word (`to`,
/// `至`) after the first character, since a leading `-` is a sign.
pub(crate) fn range_ends(text: &str) -> impl Iterator<Item = (&str, &str)> {
    const SEPARATORS: [&str; 8] = ["~", "～", "-", "–", "—", " to ", "至", "到"];
    SEPARATORS.into_iter().filter_map(move |separator| {
        let first = text.chars().next()?;
        let at = text[first.len_utf8()..].find(separator)? + first.len_utf8();
        Some((text[..at].trim(), text[at + separator.len()..].trim()))
    })
}

fn full_width_digit(c: char) -> Option<char> {
    let value = (c as u32).checked_sub('０' as u32).filter(|&v| v < 10)?;
    char::from_digit(value, 10)
}

/// Why a code could not be read, with the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodeError {
    pub(crate) message: String,
    pub(crate) help: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimal_codes_are_read() {
        assert_eq!(read("9003"), Ok(9003));
        assert_eq!(read(" -1 "), Ok(-1));
        assert_eq!(read("0"), Ok(0));
        assert_eq!(read("9223372036854775807"), Ok(i64::MAX));
    }

    #[test]
    fn other_spellings_are_refused_with_a_fix() {
        for (text, help) in [
            ("", "decimal integer"),
            ("90O3", "decimal integer"),
            ("9003a", "decimal integer"),
            ("1e5", "decimal integer"),
            ("0x10", "base 10"),
            ("９００３", "`9003`"),
            ("09003", "`9003`"),
            ("9223372036854775808", "64-bit"),
            ("-", "decimal integer"),
        ] {
            let error = read(text).unwrap_err();
            assert!(format!("{} {}", error.message, error.help).contains(help), "{text}: {error:?}");
        }
    }

    #[test]
    fn http_statuses_are_read_as_a_reader_reads_them() {
        for text in ["409", "409 Conflict", "Conflict (409)", "HTTP 409", "Conflict（409）", "409 冲突"] {
            assert_eq!(read_status(text), Some(409), "{text}");
        }
        for text in ["", "-", "4xx", "E409", "409a", "400 or 404", "HTTP/1.1 409", "600", "0409", "409!", "1409"] {
            assert_eq!(read_status(text), None, "{text}");
        }
    }

    #[test]
    fn string_codes_are_words() {
        assert_eq!(
            read_key("OperationDenied.Suspended", CodeKind::String),
            Ok(CodeKey::Str("OperationDenied.Suspended".into()))
        );
        assert_eq!(read_key("9003", CodeKind::Integer), Ok(CodeKey::Int(9003)));
        for text in ["", "9003", ".Dot", "Has space", "Ünïcode", "A,B"] {
            assert!(read_key(text, CodeKind::String).is_err(), "{text}");
        }
    }

    #[test]
    fn a_dash_or_nothing_is_no_status() {
        for text in ["", " ", "-", "–", "—", "－", " - "] {
            assert!(says_no_status(text), "{text:?}");
        }
        for text in ["--", "404", "N/A", "- 404"] {
            assert!(!says_no_status(text), "{text:?}");
        }
    }

    #[test]
    fn ranges_are_read_with_their_ends() {
        assert_eq!(read_range("301000~301099"), Some((301000, 301099)));
        assert_eq!(read_range("610000-619999"), Some((610000, 619999)));
        assert_eq!(read_range("-1100~-1199"), Some((-1199, -1100)), "in either order");
        assert_eq!(read_range("-1199~-1100"), Some((-1199, -1100)));
        assert_eq!(read_range("-1199--1100"), Some((-1199, -1100)));
        assert_eq!(read_range("100 ～ 199"), Some((100, 199)));
        assert_eq!(read_range("-32000 to -32099"), Some((-32099, -32000)), "JSON-RPC writes it in words");
        assert_eq!(read_range("1000至1999"), Some((1000, 1999)));
        for text in ["", "301000", "201,202", "a~b", "~5", "5~"] {
            assert_eq!(read_range(text), None, "{text}");
        }
    }
}
