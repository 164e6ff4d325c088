//! A code cell as the codes it holds: a list split, backticks and a strike taken off.

use super::inline::inline_text;
use crate::model::Cell;

/// The codes a code cell holds, each with whether it is struck through: the cell itself, or
/// each code of a list (`4702, 4704`, `201、202`) with its own span. A range stays one cell.
pub(super) fn code_cells(cell: &Cell) -> Vec<(Cell, bool)> {
    const SEPARATORS: [char; 4] = [',', '，', '、', '/'];
    if !cell.markdown.contains(SEPARATORS) {
        return vec![code_cell(cell.clone())];
    }
    // A separator inside a link's target (`[401](../errors#401)`) separates nothing.
    let targets = link_targets(&cell.markdown);
    let outside = |at: usize| !targets.iter().any(|target| target.contains(&at));
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, c) in cell.markdown.char_indices().filter(|&(at, c)| SEPARATORS.contains(&c) && outside(at)) {
        parts.push(start..at);
        start = at + c.len_utf8();
    }
    parts.push(start..cell.markdown.len());
    let trim = |range: std::ops::Range<usize>| {
        let part = &cell.markdown[range.clone()];
        let start = range.start + (part.len() - part.trim_start().len());
        start..start + part.trim().len()
    };
    let parts: Vec<std::ops::Range<usize>> = parts.into_iter().map(trim).collect();
    if parts.len() < 2 || parts.iter().any(|part| part.is_empty()) {
        return vec![code_cell(cell.clone())];
    }
    let part = |range: std::ops::Range<usize>| {
        let markdown = cell.markdown[range.clone()].to_owned();
        let span = cell.span.start + range.start..cell.span.start + range.end;
        code_cell(Cell { text: inline_text(&markdown), markdown, span })
    };
    parts.into_iter().map(part).collect()
}

/// The byte ranges of the links in a cell's Markdown, inside which a separator splits nothing.
fn link_targets(markdown: &str) -> Vec<std::ops::Range<usize>> {
    pulldown_cmark::Parser::new(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. })).then_some(range)
        })
        .collect()
}

/// A code without backticks and without a strike (`~~10018~~`: deprecated); inside
/// backticks, `~~` is text.
fn code_cell(cell: Cell) -> (Cell, bool) {
    let (cell, struck) = unstruck(cell);
    (unquoted(cell), struck)
}

/// A struck code cell (`~~10018~~`) as the code it shows, and whether it was struck.
fn unstruck(cell: Cell) -> (Cell, bool) {
    let inner = cell.markdown.strip_prefix("~~").and_then(|inner| inner.strip_suffix("~~"));
    let Some(inner) = inner.filter(|inner| !inner.contains('~') && !inner.trim().is_empty()) else {
        return (cell, false);
    };
    // `~~ 1 ~~` is no strike in GFM: its text keeps the tildes.
    if inline_text(&cell.markdown) != format!("~~{}~~", inline_text(inner)) || inner.trim() != inner {
        return (cell, false);
    }
    let span = cell.span.start + 2..cell.span.end - 2;
    let markdown = inner.to_owned();
    (Cell { span, text: inline_text(&markdown), markdown }, true)
}

/// A code cell written as inline code (`` `400` ``) without its backticks.
fn unquoted(cell: Cell) -> Cell {
    let ticks = cell.markdown.len() - cell.markdown.trim_start_matches('`').len();
    let inner = cell.markdown.get(ticks..cell.markdown.len().saturating_sub(ticks)).unwrap_or("");
    let closed = ticks > 0 && cell.markdown.len() > 2 * ticks && cell.markdown[ticks..].ends_with(&"`".repeat(ticks));
    if !closed || inner.contains('`') || inner.trim().is_empty() || inner.ends_with('`') {
        return cell;
    }
    let start = cell.span.start + ticks + (inner.len() - inner.trim_start().len());
    let markdown = inner.trim().to_owned();
    Cell { span: start..start + markdown.len(), markdown, text: cell.text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(markdown: &str) -> Cell {
        Cell { span: 10..10 + markdown.len(), markdown: markdown.to_owned(), text: inline_text(markdown) }
    }

    #[test]
    fn a_strike_outside_backticks_marks_a_deprecated_code() {
        let read = |markdown: &str| -> Vec<(String, std::ops::Range<usize>, bool)> {
            code_cells(&cell(markdown)).into_iter().map(|(cell, struck)| (cell.markdown, cell.span, struck)).collect()
        };
        assert_eq!(read("~~10018~~"), [("10018".to_owned(), 12..17, true)]);
        assert_eq!(read("~~`10018`~~"), [("10018".to_owned(), 13..18, true)]);
        assert_eq!(read("`~~10018~~`"), [("~~10018~~".to_owned(), 11..20, false)]);
        assert_eq!(read("~~ 10018 ~~"), [("~~ 10018 ~~".to_owned(), 10..21, false)]);
        assert_eq!(read("~~1~~, 2"), [("1".to_owned(), 12..13, true), ("2".to_owned(), 17..18, false)]);
    }
}
