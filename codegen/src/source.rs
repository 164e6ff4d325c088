//! Source files and positions in them.

use std::ops::Range;

/// A text file handed to the generator: its display path and its contents, unchanged, so
/// offsets point at the bytes the user sees (BOM and CRLF included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path shown in diagnostics, relative to the workspace root (`spec/error-codes.md`).
    pub path: String,
    /// The file's contents.
    pub text: String,
    /// Where a file read from bytes stopped being UTF-8, if it did.
    not_utf8: Option<NotUtf8>,
}

/// Where a file read from bytes stopped being UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The U+FFFD that stands for the first invalid sequence, in [`SourceFile::text`].
    pub first: Range<usize>,
    /// The first invalid byte.
    pub byte: u8,
    /// How many invalid sequences the bytes hold.
    pub count: usize,
}

/// A 1-based line and column; the column counts characters, as rustc's diagnostics do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

const BOM: &str = "\u{feff}";

impl SourceFile {
    /// Makes a source file from a display path and its text.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile { path: path.into(), text: text.into(), not_utf8: None }
    }

    /// Makes a source file from bytes that ought to be UTF-8. Other bytes are decoded lossily,
    /// for [`crate::diagnostic::encoding_error`] to point at.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> SourceFile {
        let path = path.into();
        let error = match String::from_utf8(bytes) {
            Ok(text) => return SourceFile { path, text, not_utf8: None },
            Err(error) => error,
        };
        let bytes = error.as_bytes();
        let valid = error.utf8_error().valid_up_to();
        let byte = bytes[valid];
        let count = bytes.utf8_chunks().filter(|chunk| !chunk.invalid().is_empty()).count();
        let text = String::from_utf8_lossy(bytes).into_owned();
        // The valid prefix is copied unchanged, so the first U+FFFD is where the first bad byte was.
        let first = valid..valid + char::REPLACEMENT_CHARACTER.len_utf8();
        SourceFile { path, text, not_utf8: Some(NotUtf8 { first, byte, count }) }
    }

    /// Where the file's bytes stopped being UTF-8; `None` for a text file.
    pub fn not_utf8(&self) -> Option<&NotUtf8> {
        self.not_utf8.as_ref()
    }

    /// The number of bytes taken by a leading UTF-8 byte order mark (0 or 3).
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with(BOM) { BOM.len() } else { 0 }
    }

    /// The text after any byte order mark; offsets into it are shifted by [`Self::bom_len`].
    pub fn body(&self) -> &str {
        &self.text[self.bom_len()..]
    }

    /// The line and column of a byte offset. A BOM does not count as a column.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = self.text[..line_start].matches('\n').count() + 1;
        let from = if line_start == 0 { self.bom_len().min(offset) } else { line_start };
        let col = self.text[from..offset].chars().count() + 1;
        LineCol { line, col }
    }

    /// A span safe to index [`Self::body`] with: in the text, on character boundaries, past the BOM.
    pub(crate) fn clamped(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.floor_char_boundary(span.start.min(self.text.len()));
        let end = self.floor_char_boundary(span.end.clamp(start, self.text.len()));
        let bom = self.bom_len();
        start.saturating_sub(bom)..end.saturating_sub(bom)
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// The text without BOM and with LF line endings, so that neither changes the output.
pub(crate) fn normalized(text: &str) -> String {
    text.strip_prefix(BOM).unwrap_or(text).replace("\r\n", "\n")
}

/// Maps offsets in [`normalized`] text back to the text as given.
pub(crate) struct Offsets {
    bom: usize,
    /// The normalized offset of each `\n` that lost the `\r` before it, ascending.
    lost_cr: Vec<usize>,
}

impl Offsets {
    pub(crate) fn new(text: &str) -> Offsets {
        let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let lost_cr = text[bom..].match_indices("\r\n").enumerate().map(|(i, (at, _))| at - i).collect();
        Offsets { bom, lost_cr }
    }

    /// The range in the text as given. An offset at a line break maps to the start of its CRLF.
    pub(crate) fn original(&self, span: Range<usize>) -> Range<usize> {
        let start = span.start + self.bom + self.lost_cr.partition_point(|&at| at < span.start);
        let end = span.end + self.bom + self.lost_cr.partition_point(|&at| at < span.end);
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let file = SourceFile::new("a.md", "\u{feff}ab\r\n错误码 🙂 x\r\n");
        assert_eq!(file.line_col(3), LineCol { line: 1, col: 1 });
        assert_eq!(file.line_col(4), LineCol { line: 1, col: 2 });
        let x = file.text.find('x').unwrap();
        assert_eq!(file.line_col(x), LineCol { line: 2, col: 7 });
    }

    #[test]
    fn offsets_in_normalized_text_map_back() {
        let text = "\u{feff}a\r\nbc\r\n\r\nd\n";
        let offsets = Offsets::new(text);
        let normal = normalized(text);
        for (needle, expected) in [("a", 3..4), ("bc", 6..8), ("d", 12..13), ("\r\n\r\nd", 8..13)] {
            let needle = needle.replace('\r', "");
            let at = normal.find(&needle).unwrap();
            let span = offsets.original(at..at + needle.len());
            assert_eq!(span, expected, "{needle:?}");
        }
        assert_eq!(&text[offsets.original(2..4)], "bc", "an end at a line break leaves out its \\r");
    }

    #[test]
    fn normalization_removes_bom_and_crlf() {
        assert_eq!(normalized("\u{feff}a\r\nb\r\n"), "a\nb\n");
        assert_eq!(normalized("a\rb"), "a\rb");
    }
}
