//! The doc: a Markdown page with one error-code table somewhere in it.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;
use crate::model::{Cell, Doc, Row};
use crate::source::SourceFile;

/// Header texts that mark the column of codes, compared without case and surrounding space.
const CODE_HEADERS: &[&str] = &["错误码", "错误代码", "返回码", "code", "error code"];
/// Header texts that mark the column of descriptions.
const DESCRIPTION_HEADERS: &[&str] = &["说明", "描述", "错误描述", "含义", "description", "error message"];

/// Finds the error-code table in a Markdown doc and reads its rows.
///
/// The table is the one whose header has a code column (`错误码`) and a description column
/// (`说明`), wherever it is on the page and whatever other columns it has.
pub fn doc(file: &SourceFile) -> (Doc, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let tables = tables(file);
    let candidates: Vec<(&Table, Columns)> =
        tables.iter().filter_map(|table| Columns::find(table).map(|columns| (table, columns))).collect();

    let (table, columns) = match candidates.as_slice() {
        [one] => one,
        [] => {
            diagnostics.push(no_table(file, &tables));
            return (Doc::default(), diagnostics);
        }
        [first, rest @ ..] => {
            let mut diagnostic = Diagnostic::new(file, header_span(first.0), "more than one error-code table").help(
                "keep one table whose header has `错误码` and `说明` columns, or rename the other table's headers",
            );
            for (table, _) in rest {
                diagnostic = diagnostic.label(file, header_span(table), "another table with the same columns");
            }
            diagnostics.push(diagnostic);
            return (Doc::default(), diagnostics);
        }
    };

    if table.rows.is_empty() {
        diagnostics.push(
            Diagnostic::new(file, header_span(table), "the error-code table has no rows")
                .help("add a row `| <code> | <description> |` under the header for each error code"),
        );
    }
    let width = table.header.len();
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut skipped = Vec::new();
    for row in &table.rows {
        let written = raw_cell_count(&file.text[row.span.clone()]);
        if written != width {
            let what = if written < width { "too few" } else { "too many" };
            diagnostics.push(
                Diagnostic::new(
                    file,
                    trimmed(file, row.span.clone()),
                    format!("{what} cells: this row has {written}, the header has {width}"),
                )
                .help("give the row one cell per header column; write a `|` inside a cell as `\\|`"),
            );
            skipped.extend(row.cells.get(columns.code).cloned());
            continue;
        }
        rows.push(Row {
            span: trimmed(file, row.span.clone()),
            code: row.cells[columns.code].clone(),
            description: row.cells[columns.description].clone(),
        });
    }
    (Doc { rows, skipped }, diagnostics)
}

/// The columns holding each role in a table's header.
struct Columns {
    code: usize,
    description: usize,
}

impl Columns {
    fn find(table: &Table) -> Option<Columns> {
        Some(Columns { code: column(table, CODE_HEADERS)?, description: column(table, DESCRIPTION_HEADERS)? })
    }
}

fn column(table: &Table, names: &[&str]) -> Option<usize> {
    table.header.iter().position(|cell| names.iter().any(|name| cell.text.eq_ignore_ascii_case(name)))
}

fn no_table(file: &SourceFile, tables: &[Table]) -> Diagnostic {
    let help = "the error-code table needs a header with a `错误码` (code) column and a `说明` (description) column";
    if file.body().trim().is_empty() {
        return Diagnostic::new(file, 0..0, "the doc is empty")
            .help(format!("paste the API's error-code page into {}", file.path));
    }
    match tables.first() {
        None => Diagnostic::new(file, 0..0, "no error-code table: the doc has no Markdown table").help(help),
        Some(table) => {
            let found: Vec<&str> = table.header.iter().map(|cell| cell.text.as_str()).collect();
            let missing = match (column(table, CODE_HEADERS), column(table, DESCRIPTION_HEADERS)) {
                (Some(_), None) => "has no description column",
                (None, Some(_)) => "has no code column",
                _ => "has neither a code nor a description column",
            };
            let mut diagnostic = Diagnostic::new(
                file,
                header_span(table),
                format!("no error-code table: this table's header `{}` {missing}", found.join(" | ")),
            )
            .help(help);
            for table in &tables[1..] {
                diagnostic = diagnostic.label(file, header_span(table), "nor is this one");
            }
            diagnostic
        }
    }
}

fn header_span(table: &Table) -> Range<usize> {
    match (table.header.first(), table.header.last()) {
        (Some(first), Some(last)) => first.span.start..last.span.end,
        _ => table.span.start..table.span.start,
    }
}

/// Narrows a range to its content without surrounding whitespace and line ending.
///
/// The control characters Unicode counts as whitespace (vertical tab, form feed, next line)
/// stay in, so that the validator sees them and reports them rather than dropping them.
fn trimmed(file: &SourceFile, span: Range<usize>) -> Range<usize> {
    let text = &file.text[span.clone()];
    let space = |c: char| c.is_whitespace() && !matches!(c, '\u{b}' | '\u{c}' | '\u{85}');
    let start = span.start + (text.len() - text.trim_start_matches(space).len());
    let end = span.end - (text.len() - text.trim_end_matches(space).len());
    start..end.max(start)
}

/// The number of cells a table row's source holds, counted the way GFM splits them: on every
/// `|` not escaped by a backslash, ignoring the optional pipes at either edge.
///
/// pulldown-cmark pads short rows and drops the cells of long ones, so this is the only way
/// to tell the author their row does not fit the header.
fn raw_cell_count(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let mut pipes = Vec::new();
    let mut escaped = false;
    for (i, c) in row.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '|' => pipes.push(i),
            _ => {}
        }
    }
    let trailing_pipe = pipes.last().is_some_and(|&i| i + 1 == row.len());
    pipes.len() + usize::from(!trailing_pipe)
}

struct Table {
    span: Range<usize>,
    header: Vec<Cell>,
    rows: Vec<RawRow>,
}

struct RawRow {
    span: Range<usize>,
    cells: Vec<Cell>,
}

/// Every table on the page, with cells in both forms.
fn tables(file: &SourceFile) -> Vec<Table> {
    let shift = file.bom_len();
    let mut tables = Vec::new();
    let mut cell: Option<CellBuilder> = None;
    let mut row: Vec<Cell> = Vec::new();
    let mut row_start = 0;
    for (event, range) in Parser::new_ext(file.body(), Options::ENABLE_TABLES).into_offset_iter() {
        let range = range.start + shift..range.end + shift;
        match event {
            Event::Start(Tag::Table(_)) => {
                tables.push(Table { span: range, header: Vec::new(), rows: Vec::new() });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row.clear();
                row_start = range.start;
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(table) = tables.last_mut() {
                    table.header = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = tables.last_mut() {
                    table.rows.push(RawRow { span: row_start..range.end, cells: std::mem::take(&mut row) });
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(CellBuilder::default()),
            Event::End(TagEnd::TableCell) => {
                if let Some(builder) = cell.take() {
                    row.push(builder.finish(file, trimmed(file, range)));
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(builder) = &mut cell {
                    builder.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::InlineHtml(_) | Event::Html(_) => {
                if let Some(builder) = &mut cell {
                    builder.text.push(' ');
                }
            }
            _ => {}
        }
    }
    tables
}

#[derive(Default)]
struct CellBuilder {
    text: String,
}

impl CellBuilder {
    fn finish(self, file: &SourceFile, span: Range<usize>) -> Cell {
        Cell { markdown: file.text[span.clone()].to_owned(), text: plain(&self.text), span }
    }
}

/// A cell's text as a reader sees it: without whitespace at either end, each run of spaces,
/// tabs and line breaks inside made one space. Other spaces, such as U+3000 between CJK
/// words or a no-break space, are part of the text and kept.
fn plain(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_cells_are_counted_like_gfm() {
        assert_eq!(raw_cell_count("| a | b |"), 2);
        assert_eq!(raw_cell_count("a | b"), 2);
        assert_eq!(raw_cell_count("| a | b"), 2);
        assert_eq!(raw_cell_count("| a \\| x | b |"), 2);
        assert_eq!(raw_cell_count("|1|2|3|"), 3);
        assert_eq!(raw_cell_count("|4|"), 1);
    }

    #[test]
    fn plain_text_collapses_ascii_whitespace_only() {
        assert_eq!(plain("  a \t b\n c  "), "a b c");
        assert_eq!(plain("\u{3000}会议\u{3000}不存在\u{a0}x\u{3000}"), "会议\u{3000}不存在\u{a0}x");
    }
}
