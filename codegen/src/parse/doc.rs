//! The doc: a Markdown page with one error-code table somewhere in it.

use std::ops::Range;

use super::columns::{self, header_key};
use super::table::{self, LookAlike, RawRow, Table, inline_text, raw_cell_count, trimmed};
use crate::diagnostic::Diagnostic;
use crate::model::{Cell, CodeKey, Doc, Facts, Overlay, Role, Row, TableInfo};
use crate::source::SourceFile;

/// Finds the error-code table in a Markdown doc and reads its rows.
///
/// The table is the one whose header has a code column (`错误码`) and a description column
/// (`说明`), wherever it is on the page and whatever other columns it has. The overlay may
/// name the columns, choose among several such tables by the heading above them, merge
/// them, and leave rows out on purpose.
pub fn doc(file: &SourceFile, overlay: &Overlay) -> (Doc, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (tables, look_alikes) = table::tables(file);
    let mut infos: Vec<TableInfo> = tables.iter().map(|table| info(table, overlay)).collect();
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
            if !columns_explain_missing(&tables, overlay) {
                diagnostics.extend(no_table(file, &tables, &infos, &look_alikes));
            }
            return (Doc { tables: infos, ..Doc::default() }, diagnostics);
        }
        [_] => {}
        [first, rest @ ..] if !merge => {
            let mut diagnostic = Diagnostic::new(file, infos[*first].span.clone(), "more than one error-code table")
                .help(
                    "say which to read in the overlay: `[doc] table = \"<text of its heading>\"`, or \
                     `merge = true` to read them all as one",
                );
            for &other in rest {
                diagnostic = diagnostic.label(file, infos[other].span.clone(), "another table with the same columns");
            }
            diagnostics.push(diagnostic);
            return (Doc { tables: infos, ..Doc::default() }, diagnostics);
        }
        _ => {}
    }

    let mut doc = Doc::default();
    for &index in &candidates {
        infos[index].chosen = true;
        read_rows(file, &tables[index], &infos[index], overlay, &mut doc, &mut diagnostics);
    }
    doc.tables = infos;
    (doc, diagnostics)
}

/// Reads the rows of a chosen table into the doc, leaving out the rows the overlay skips.
/// A code cell listing several codes gives a row for each, with the same cells otherwise.
fn read_rows(
    file: &SourceFile,
    table: &Table,
    info: &TableInfo,
    overlay: &Overlay,
    doc: &mut Doc,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let skip: Vec<&str> = overlay.doc.skip.iter().map(|skip| skip.value.as_str()).collect();
    let column = |role: Role| info.roles.iter().find(|(r, ..)| *r == role).map(|&(_, column, _)| column);
    let (Some(code), Some(_)) = (column(Role::Code), column(Role::Description)) else { return };
    if table.rows.is_empty() {
        diagnostics.push(
            Diagnostic::new(file, info.span.clone(), "the error-code table has no rows")
                .help("add a row `| <code> | <description> |` under the header for each error code"),
        );
    }
    for raw in &table.rows {
        let cell = &raw.cells[code];
        if skip.contains(&cell.text.as_str()) {
            doc.excluded.push(row(file, raw, info, cell.clone(), overlay, diagnostics));
            continue;
        }
        let codes = code_cells(cell);
        if let Some(diagnostic) = misfit(file, raw, info, &cell.text) {
            diagnostics.push(diagnostic);
            doc.skipped.extend(codes);
            continue;
        }
        for code in codes {
            let skipped = skip.contains(&code.text.as_str());
            let row = row(file, raw, info, code, overlay, diagnostics);
            if skipped { doc.excluded.push(row) } else { doc.rows.push(row) }
        }
    }
}

/// Why a row does not fit its table's header, if it does not: it has more cells than the
/// header, and GitHub drops the extra ones with the text in them. A row with fewer cells is
/// read as GitHub shows it, the missing cells empty; what an empty cell means (no code, no
/// description) is the validator's to say.
///
/// pulldown-cmark pads short rows and drops the cells of long ones, so the cells are counted
/// in the row's source.
fn misfit(file: &SourceFile, raw: &RawRow, info: &TableInfo, code: &str) -> Option<Diagnostic> {
    let (written, width) = (raw_cell_count(&file.text[raw.span.clone()]), info.header.len());
    if written <= width {
        return None;
    }
    let help = format!(
        "GitHub drops the cells past the header's, and the text in them; a `|` inside a cell is written `\\|`; \
         if the page is published so, leave the row out on purpose: add `{}` to `skip` under `[doc]` in the overlay",
        CodeKey::Str(code.to_owned()).toml_key()
    );
    let message = format!("too many cells: this row has {written}, the header has {width}");
    Some(Diagnostic::new(file, trimmed(file, raw.span.clone()), message).help(help))
}

/// A row of the model: `code` (the row's code cell, or one code of it), the row's cells of
/// every other role the table has, and each fact's cell as its declaration reads it.
fn row(
    file: &SourceFile,
    raw: &RawRow,
    info: &TableInfo,
    code: Cell,
    overlay: &Overlay,
    diagnostics: &mut Vec<Diagnostic>,
) -> Row {
    let cell = |role: Role| {
        let column = info.roles.iter().find(|(r, ..)| *r == role).map(|&(_, column, _)| column)?;
        raw.cells.get(column).cloned()
    };
    let facts = overlay
        .facts
        .iter()
        .map(|(index, fact)| fact.cell(cell(Role::Fact(index)), &code, &overlay.doc, file))
        .map(|found| {
            found.unwrap_or_else(|problem| {
                diagnostics.push(*problem);
                None
            })
        })
        .collect();
    Row {
        span: trimmed(file, raw.span.clone()),
        code,
        description: cell(Role::Description).unwrap_or_else(|| Cell {
            span: raw.span.end..raw.span.end,
            markdown: String::new(),
            text: String::new(),
        }),
        name: cell(Role::Name),
        http: cell(Role::Http),
        facts,
    }
}

/// The codes a code cell holds: the cell itself, or each code of a list (`4702, 4704`,
/// `201、202`) with its own span, so that a diagnostic points at the code inside the cell. A
/// range (`301000~301099`) is one cell, which the validator refuses.
fn code_cells(cell: &Cell) -> Vec<Cell> {
    const SEPARATORS: [char; 4] = [',', '，', '、', '/'];
    if !cell.markdown.contains(SEPARATORS) {
        return vec![unquoted(cell.clone())];
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
        return vec![unquoted(cell.clone())];
    }
    let part = |range: std::ops::Range<usize>| {
        let markdown = cell.markdown[range.clone()].to_owned();
        let span = cell.span.start + range.start..cell.span.start + range.end;
        unquoted(Cell { text: inline_text(&markdown), markdown, span })
    };
    parts.into_iter().map(part).collect()
}

/// A code cell written as inline code (`` `400` ``) as the code it shows: its Markdown and span
/// without the backticks.
/// The byte ranges of the links in a cell's Markdown (text and target), where a separator
/// is part of the link.
fn link_targets(markdown: &str) -> Vec<std::ops::Range<usize>> {
    pulldown_cmark::Parser::new(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { .. })).then_some(range)
        })
        .collect()
}

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

/// The parser's summary of a table: its header, the role of each column and why.
fn info(table: &Table, overlay: &Overlay) -> TableInfo {
    let header: Vec<String> = table.header.iter().map(|cell| cell.text.clone()).collect();
    let roles = columns::roles(&header, &overlay.columns, &overlay.facts);
    TableInfo {
        span: header_span(table),
        heading: table.heading.clone(),
        header,
        roles: roles.roles,
        alternatives: roles.alternatives,
        rows: table.rows.len(),
        chosen: false,
    }
}

/// Whether the overlay's `[columns]` explains why no table has a code or description column,
/// which the validator reports at the overlay's entry: it names such a header that no table
/// has, or gives the code or description column (by its synonym) to another role.
fn columns_explain_missing(tables: &[Table], overlay: &Overlay) -> bool {
    let columns = &overlay.columns;
    columns.named.iter().any(|named| {
        let wanted = header_key(&named.header.value);
        let on_page = tables.iter().flat_map(|table| &table.header).any(|cell| header_key(&cell.text) == wanted);
        let required = matches!(named.role, Role::Code | Role::Description);
        let lost = columns::synonym_role(&named.header.value)
            .is_some_and(|role| role != named.role && matches!(role, Role::Code | Role::Description));
        (required && !on_page) || (on_page && lost)
    })
}

/// Whether a table has the two columns an error-code table needs.
fn has_columns(info: &TableInfo) -> bool {
    [Role::Code, Role::Description].iter().all(|role| info.roles.iter().any(|(r, ..)| r == role))
}

/// Why the page has no error-code table: it is empty, it has no table (but perhaps lines
/// that look like one), or no table has both a code and a description column.
fn no_table(file: &SourceFile, tables: &[Table], infos: &[TableInfo], look_alikes: &[LookAlike]) -> Vec<Diagnostic> {
    if file.body().trim().is_empty() {
        return vec![
            Diagnostic::new(file, 0..0, "the doc is empty")
                .help(format!("paste the API's error-code page into {}", file.path)),
        ];
    }
    let mut diagnostics = Vec::new();
    if let Some((first, rest)) = look_alikes.split_first() {
        let mut diagnostic = Diagnostic::new(
            file,
            first.span.clone(),
            format!("these lines look like a table, but {}: they are text, not a table", first.problem),
        )
        .help(
            "a Markdown table needs a delimiter row such as `| --- | --- |`, one cell per header cell, right under \
             its header row; GitHub shows these lines as text too: check that the page was copied whole",
        );
        for other in rest {
            diagnostic = diagnostic.label(file, other.span.clone(), format!("these too, but they {}", other.problem));
        }
        diagnostics.push(diagnostic);
    }
    let Some(table) = tables.first() else {
        if diagnostics.is_empty() {
            let help = "the error-code table needs a header with a `错误码` (code) column and a `说明` (description) \
                        column; for other headers, name them in the overlay: `[columns] code = \"<header>\"`";
            diagnostics
                .push(Diagnostic::new(file, 0..0, "no error-code table: the doc has no Markdown table").help(help));
        }
        return diagnostics;
    };
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
    .help(missing_columns_help(&infos[0]));
    for table in &tables[1..] {
        diagnostic = diagnostic.label(file, header_span(table), "nor is this one");
    }
    diagnostics.push(diagnostic);
    diagnostics
}

/// How to name the missing code or description column of a table: the headers that may be
/// it, when some hold a synonym (`Error code in decimal notation`), else any header.
fn missing_columns_help(info: &TableInfo) -> String {
    // Only the code and description roles are named here, which no fact changes.
    let facts = Facts::default();
    let mut help = String::from(
        "the error-code table needs a header with a `错误码` (code) column and a `说明` (description) column",
    );
    for role in [Role::Code, Role::Description] {
        if info.roles.iter().any(|&(r, ..)| r == role) {
            continue;
        }
        let maybe: Vec<String> = info
            .alternatives
            .iter()
            .filter(|&&(r, _)| r == role)
            .map(|&(_, column)| format!("`{}`", info.header[column]))
            .collect();
        let header = if maybe.len() == 1 { maybe[0].trim_matches('`').to_owned() } else { "<header>".to_owned() };
        let which = match maybe.as_slice() {
            [] => format!("; name the column of {} in the overlay", role.plural(&facts)),
            [one] => format!("; {one} may hold the {}: if so, say it in the overlay", role.plural(&facts)),
            more => {
                format!("; one of {} may hold the {}: say which in the overlay", more.join(", "), role.plural(&facts))
            }
        };
        help.push_str(&format!("{which}, `[columns] {} = \"{header}\"`", role.key(&facts)));
    }
    help
}

fn header_span(table: &Table) -> Range<usize> {
    match (table.header.first(), table.header.last()) {
        (Some(first), Some(last)) => first.span.start..last.span.end,
        _ => table.span.start..table.span.start,
    }
}
