//! The doc: a Markdown page with one error-code table somewhere in it.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;
use crate::model::{Cell, Columns, Doc, Overlay, Role, Row, TableInfo};
use crate::source::SourceFile;

/// Header texts that mark each role's column, in order of preference, compared without case
/// and surrounding space. A column the synonyms do not find (CKafka's unique code is its
/// second column, DingTalk heads its codes `参数`) is named by the overlay's `[columns]`.
const SYNONYMS: &[(Role, &[&str])] = &[
    (Role::Code, &["错误码", "错误代码", "返回码", "code", "error code"]),
    (Role::Description, &["说明", "描述", "错误描述", "含义", "description", "error message"]),
    (Role::Name, &["名称", "错误名称", "identifier", "name", "error definition", "definition"]),
    (Role::Http, &["http 状态码", "http code", "http status code", "http status"]),
];

/// Finds the error-code table in a Markdown doc and reads its rows.
///
/// The table is the one whose header has a code column (`错误码`) and a description column
/// (`说明`), wherever it is on the page and whatever other columns it has. The overlay may
/// name the columns, choose among several such tables by the heading above them, merge
/// them, and leave rows out on purpose.
pub fn doc(file: &SourceFile, overlay: &Overlay) -> (Doc, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let tables = tables(file);
    let mut infos: Vec<TableInfo> = tables
        .iter()
        .map(|table| TableInfo {
            span: header_span(table),
            heading: table.heading.clone(),
            header: table.header.iter().map(|cell| cell.text.clone()).collect(),
            roles: roles(table, &overlay.columns),
            rows: table.rows.len(),
            chosen: false,
        })
        .collect();
    let mut candidates: Vec<usize> = (0..tables.len()).filter(|&i| has_columns(&infos[i])).collect();
    if let Some(wanted) = &overlay.doc.table {
        let under = |i: &usize| infos[*i].heading.as_deref().is_some_and(|heading| heading.contains(&wanted.value));
        let chosen: Vec<usize> = candidates.iter().copied().filter(under).collect();
        if chosen.is_empty() && !candidates.is_empty() {
            let headings: Vec<String> =
                candidates.iter().map(|&i| format!("`{}`", infos[i].heading.as_deref().unwrap_or("(none)"))).collect();
            diagnostics.push(
                Diagnostic::new(
                    file,
                    infos[candidates[0]].span.clone(),
                    format!("no error-code table under a heading with `{}`", wanted.value),
                )
                .help(format!(
                    "the overlay's `[doc] table` must be text of one of these headings: {}",
                    headings.join(", ")
                )),
            );
            return (Doc { tables: infos, ..Doc::default() }, diagnostics);
        }
        candidates = chosen;
    }
    let merge = overlay.doc.merge.as_ref().is_some_and(|merge| merge.value);
    match candidates.as_slice() {
        [] => {
            diagnostics.push(no_table(file, &tables, &infos));
            return (Doc { tables: infos, ..Doc::default() }, diagnostics);
        }
        [_] => {}
        [first, rest @ ..] if !merge => {
            let mut diagnostic = Diagnostic::new(file, infos[*first].span.clone(), "more than one error-code table")
                .help(
                    "keep one table whose header has `错误码` and `说明` columns, or say which in the overlay: \
                     `[doc] table = \"<text of its heading>\"`, or `merge = true` to read them all",
                );
            for &other in rest {
                diagnostic = diagnostic.label(file, infos[other].span.clone(), "another table with the same columns");
            }
            diagnostics.push(diagnostic);
            return (Doc { tables: infos, ..Doc::default() }, diagnostics);
        }
        _ => {}
    }

    let skip: Vec<&str> = overlay.doc.skip.iter().map(|skip| skip.value.as_str()).collect();
    let mut doc = Doc::default();
    for &index in &candidates {
        infos[index].chosen = true;
        read_rows(file, &tables[index], &infos[index], &skip, &mut doc, &mut diagnostics);
    }
    doc.tables = infos;
    (doc, diagnostics)
}

/// Reads the rows of a chosen table into the doc, leaving out the rows the overlay skips.
fn read_rows(
    file: &SourceFile,
    table: &Table,
    info: &TableInfo,
    skip: &[&str],
    doc: &mut Doc,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let column = |role: Role| info.roles.iter().find(|(r, ..)| *r == role).map(|&(_, column, _)| column);
    let (Some(code), Some(description)) = (column(Role::Code), column(Role::Description)) else { return };
    let (name, http) = (column(Role::Name), column(Role::Http));
    if table.rows.is_empty() {
        diagnostics.push(
            Diagnostic::new(file, info.span.clone(), "the error-code table has no rows")
                .help("add a row `| <code> | <description> |` under the header for each error code"),
        );
    }
    let width = table.header.len();
    for row in &table.rows {
        if skip.contains(&row.cells[code].text.as_str()) {
            doc.excluded.push(row.cells[code].clone());
            continue;
        }
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
            doc.skipped.extend(row.cells.get(code).cloned());
            continue;
        }
        doc.rows.push(Row {
            span: trimmed(file, row.span.clone()),
            code: row.cells[code].clone(),
            description: row.cells[description].clone(),
            name: name.map(|column| row.cells[column].clone()),
            http: http.map(|column| row.cells[column].clone()),
        });
    }
}

/// Whether a table has the two columns an error-code table needs.
fn has_columns(info: &TableInfo) -> bool {
    [Role::Code, Role::Description].iter().all(|role| info.roles.iter().any(|(r, ..)| r == role))
}

/// The column of each role in a table, and why: the overlay's `[columns]` where it names
/// the role, else the first synonym the header has.
fn roles(table: &Table, columns: &Columns) -> Vec<(Role, usize, String)> {
    let mut roles = Vec::new();
    for &(role, synonyms) in SYNONYMS {
        let named = match role {
            Role::Code => &columns.code,
            Role::Description => &columns.description,
            Role::Name => &columns.name,
            Role::Http => &columns.http,
        };
        let header =
            |name: &str| table.header.iter().position(|cell| cell.text.trim().eq_ignore_ascii_case(name.trim()));
        let found = match named {
            Some(named) => {
                header(&named.value).map(|column| (column, format!("the overlay's `[columns] {}`", role.key())))
            }
            None => synonyms.iter().find_map(|synonym| {
                header(synonym).map(|column| {
                    (column, format!("`{}` is a header for {}", table.header[column].text, role.plural()))
                })
            }),
        };
        if let Some((column, why)) = found
            && !roles.iter().any(|&(_, taken, _)| taken == column)
        {
            roles.push((role, column, why));
        }
    }
    roles
}

fn no_table(file: &SourceFile, tables: &[Table], infos: &[TableInfo]) -> Diagnostic {
    let help = "the error-code table needs a header with a `错误码` (code) column and a `说明` (description) \
                column; for other headers, name them in the overlay: `[columns] code = \"<header>\"`";
    if file.body().trim().is_empty() {
        return Diagnostic::new(file, 0..0, "the doc is empty")
            .help(format!("paste the API's error-code page into {}", file.path));
    }
    match tables.first() {
        None => Diagnostic::new(file, 0..0, "no error-code table: the doc has no Markdown table").help(help),
        Some(table) => {
            let found: Vec<&str> = table.header.iter().map(|cell| cell.text.as_str()).collect();
            let has = |role: Role| infos[0].roles.iter().any(|(r, ..)| *r == role);
            let missing = match (has(Role::Code), has(Role::Description)) {
                (true, false) => "has no description column",
                (false, true) => "has no code column",
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
    heading: Option<String>,
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
    let mut heading: Option<String> = None;
    let mut in_heading = false;
    for (event, range) in Parser::new_ext(file.body(), Options::ENABLE_TABLES).into_offset_iter() {
        let range = range.start + shift..range.end + shift;
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(String::new());
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) | Event::Code(text) if in_heading => {
                if let Some(heading) = &mut heading {
                    heading.push_str(&text);
                }
            }
            Event::Start(Tag::Table(_)) => {
                tables.push(Table { span: range, heading: heading.clone(), header: Vec::new(), rows: Vec::new() });
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
