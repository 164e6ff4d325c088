//! Source files and positions in them.

use std::ops::Range;

/// A text file handed to the generator: its display path and its contents, unchanged.
///
/// Byte offsets everywhere in this crate index into [`SourceFile::text`] as given, so a
/// diagnostic points at the bytes the user sees, BOM and CRLF line endings included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path shown in diagnostics, relative to the workspace root (`spec/error-codes.md`).
    pub path: String,
    /// The file's contents.
    pub text: String,
}

/// A 1-based line and column. The column counts Unicode scalar values, not bytes, so a CJK
/// character or an emoji is one column, as in rustc's diagnostics.
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
        SourceFile { path: path.into(), text: text.into() }
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

    /// The byte range of the line holding `offset`, without its line ending.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[offset..].find('\n').map_or(self.text.len(), |i| offset + i);
        let end = if self.text[..end].ends_with('\r') { end - 1 } else { end };
        start..end.max(start)
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// The text with a BOM removed and CRLF line endings made LF: what the generator's output
/// depends on, so that neither changes a byte of it.
pub(crate) fn normalized(text: &str) -> String {
    text.strip_prefix(BOM).unwrap_or(text).replace("\r\n", "\n")
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
        assert_eq!(&file.text[file.line_range(x)], "错误码 🙂 x");
    }

    #[test]
    fn normalization_removes_bom_and_crlf() {
        assert_eq!(normalized("\u{feff}a\r\nb\r\n"), "a\nb\n");
        assert_eq!(normalized("a\rb"), "a\rb");
    }
}
