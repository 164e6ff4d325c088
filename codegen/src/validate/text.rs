//! What a description may hold, and how its Markdown goes into a doc comment.

use std::ops::Range;

use crate::model::Cell;
use crate::source::SourceFile;

/// Characters a description may not hold: controls (not a tab) and the text-direction
/// controls of "Trojan Source", which rustc denies too.
pub(super) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How to fix a description with a hidden character.
pub(super) const HIDDEN_HELP: &str = "delete it: descriptions and the other texts of a code are shown to people and \
                                      written into Rust source, where invisible characters hide what the text says";

/// A hidden character as a diagnostic names it: `U+0000, an invisible control character`.
pub(super) fn hidden_name(c: char) -> String {
    let kind = if c.is_control() { "control character" } else { "text-direction override" };
    format!("U+{:04X}, an invisible {kind}", u32::from(c))
}

/// The first hidden character of a description cell, in its Markdown source or, written as
/// an entity (`&#1;`), in its text. (pulldown-cmark turns NUL into U+FFFD.)
pub(super) fn hidden_character(file: &SourceFile, cell: &Cell) -> Option<(Range<usize>, char)> {
    let source = file.text.get(cell.span.clone()).unwrap_or(&cell.markdown);
    // A line break is a space to Markdown; a text outside a table may span lines.
    let hidden = |c: char| is_hidden(c) && !matches!(c, '\n' | '\r');
    if let Some((offset, c)) = source.char_indices().find(|&(_, c)| hidden(c)) {
        let start = cell.span.start + offset;
        return Some((start..start + c.len_utf8(), c));
    }
    cell.text.chars().find(|&c| is_hidden(c)).map(|c| (cell.span.clone(), c))
}

/// A description's Markdown as a doc comment shows it: a leading code fence escaped (rustdoc
/// would run it as a doctest), tabs as spaces (clippy's `tabs_in_doc_comments`).
pub(super) fn doc_markdown(markdown: &str) -> String {
    let markdown = markdown.replace('\t', " ");
    if markdown.starts_with("```") || markdown.starts_with("~~~") { format!("\\{markdown}") } else { markdown }
}
