//! Text from the wire (a server's message, a response body), written so that it cannot break
//! a log line or drive a terminal, and without allocating.

use std::fmt;

/// Bytes received from a server, shown as text on one line.
///
/// UTF-8 is written as it is, but for line breaks, tabs and other control characters, the
/// line and paragraph separators and the text-direction overrides and isolates, which are
/// written as escapes (`\n`, `\u{1b}`, `\u{202e}`); a byte that is not UTF-8 is written as
/// `\xNN`. A backslash is left alone, so a message quoting a path stays readable. With a
/// `limit`, at most that many characters (an invalid byte counts as one) are written, then
/// `…` if anything is left out.
pub(crate) struct Escaped<'a> {
    /// The text as received.
    pub(crate) bytes: &'a [u8],
    /// How many characters to write at most; `None` writes all of them.
    pub(crate) limit: Option<usize>,
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut left = self.limit.unwrap_or(usize::MAX);
        for chunk in self.bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if left == 0 {
                    return f.write_str("…");
                }
                left -= 1;
                write_char(f, c)?;
            }
            for &byte in chunk.invalid() {
                if left == 0 {
                    return f.write_str("…");
                }
                left -= 1;
                write!(f, "\\x{byte:02x}")?;
            }
        }
        Ok(())
    }
}

/// Writes one character, escaped if it would break the line or hide or reorder text.
fn write_char(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    match c {
        '\n' => f.write_str("\\n"),
        '\r' => f.write_str("\\r"),
        '\t' => f.write_str("\\t"),
        '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            write!(f, "{}", c.escape_unicode())
        }
        c if c.is_control() => write!(f, "{}", c.escape_unicode()),
        c => fmt::Write::write_char(f, c),
    }
}

#[cfg(test)]
mod tests {
    use super::Escaped;

    fn show(bytes: &[u8], limit: Option<usize>) -> String {
        Escaped { bytes, limit }.to_string()
    }

    #[test]
    fn control_characters_and_bad_bytes_are_escaped() {
        assert_eq!(show(b"a\r\nb\tc\x1b[31m\\d", None), "a\\r\\nb\\tc\\u{1b}[31m\\d");
        assert_eq!(show("会议\u{202e}x\u{2028}".as_bytes(), None), "会议\\u{202e}x\\u{2028}");
        assert_eq!(show(b"ok\xff\xfe!", None), "ok\\xff\\xfe!");
        assert_eq!(show("\u{85}".as_bytes(), None), "\\u{85}", "C1 controls too");
    }

    #[test]
    fn the_limit_counts_characters_and_marks_what_is_cut() {
        assert_eq!(show("会议不存在".as_bytes(), Some(2)), "会议…");
        assert_eq!(show("会议".as_bytes(), Some(2)), "会议", "nothing cut, no mark");
        assert_eq!(show(b"\xff\xff\xff", Some(2)), "\\xff\\xff…");
        assert_eq!(show(b"", Some(0)), "");
        assert_eq!(show(b"x", Some(0)), "…");
    }
}
