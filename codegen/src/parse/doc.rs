//! The doc: a Markdown page with its error codes in a table somewhere in it (or, as the overlay
//! says, at the start of headings or list items).

use super::code_cell::code_cells;
use super::columns::{self, header_key};
use super::no_table::no_table;
use super::outside::{Outside, Written, outside};
use super::table::{self, RawRow, Table, header_span, raw_cell_count, trimmed};
use super::unread::unread;
use crate::diagnostic::Diagnostic;
use crate::model::{Cell, CodeKey, CodesIn, Doc, Overlay, Role, Row, TableInfo};
use crate::source::SourceFile;

/// Finds the error-code table in a Markdown doc (a header with a code and a description
/// column, anywhere on the page) and reads its rows, as the overlay directs.
///
/// It also reports what may document codes but is not read (look-alike tables, codes in
/// headings or list items), unless `[doc] codes_in` reads it or `[doc] ignore` names it.
pub fn doc(file: &SourceFile, overlay: &Overlay) -> (Doc, Vec<Diagnostic>) {
    let (tables, look_alikes) = table::tables(file);
    let outside = outside(file, overlay.doc.code_kind());
    let (unread, mut diagnostics) = unread(file, &look_alikes, &outside, &overlay.doc);
    let reported = !diagnostics.is_empty();
    let (mut doc, found) = match overlay.doc.codes_in() {
        CodesIn::Tables => read_tables(file, &tables, overlay, reported),
        codes_in => read_outside(file, &tables, overlay, &outside, codes_in),
    };
    diagnostics.extend(found);
    doc.unread = unread;
    (doc, diagnostics)
}

/// The doc read from codes written outside tables (`[doc] codes_in`); no table is chosen.
fn read_outside(
    file: &SourceFile,
    tables: &[Table],
    overlay: &Overlay,
    outside: &Outside,
    codes_in: CodesIn,
) -> (Doc, Vec<Diagnostic>) {
    let tables = tables.iter().map(|table| info(table, overlay)).collect();
    let written = if codes_in == CodesIn::Headings { &outside.headings } else { &outside.items };
    let skip: Vec<&str> = overlay.doc.skip.iter().map(|skip| skip.value.as_str()).collect();
    let mut doc = Doc { tables, ..Doc::default() };
    let mut diagnostics = Vec::new();
    for written in written {
        let row = written_row(file, written, overlay, &mut diagnostics);
        if skip.contains(&row.code.text.as_str()) { doc.left_out.push(row) } else { doc.rows.push(row) }
    }
    if doc.rows.is_empty() && doc.left_out.is_empty() {
        let (key, example) = match codes_in {
            CodesIn::Headings => ("headings", "`### 1000 Unknown error`"),
            _ => ("list", "`- 1000 Unknown error`"),
        };
        let message =
            format!("no code is written at the start of a heading or list item, as `codes_in = \"{key}\"` says");
        let help = format!(
            "the overlay's `[doc] codes_in = \"{key}\"` reads codes written like {example}; remove it to read a table"
        );
        diagnostics.push(Diagnostic::new(file, 0..0, message).help(help));
    }
    (doc, diagnostics)
}

/// The row of a code written at the start of a heading or list item: the text after it is
/// its description, the list under a heading its message.
fn written_row(file: &SourceFile, written: &Written, overlay: &Overlay, diagnostics: &mut Vec<Diagnostic>) -> Row {
    let message = overlay.facts.find("message");
    let facts = overlay
        .facts
        .iter()
        .map(|(index, fact)| {
            let column = listed(written).filter(|_| Some(index) == message);
            fact.cell(column, &written.code, &overlay.doc, file).unwrap_or_else(|problem| {
                diagnostics.push(*problem);
                None
            })
        })
        .collect();
    Row {
        span: written.span.clone(),
        code: written.code.clone(),
        description: written.text.clone(),
        name: None,
        http: None,
        facts,
        struck: false,
        section: written.heading.clone(),
    }
}

/// The items of the list under a code's heading as one cell, joined as a code's texts are.
fn listed(written: &Written) -> Option<Cell> {
    let (first, last) = (written.listed.first()?, written.listed.last()?);
    let join = |part: fn(&Cell) -> &str, with: &str| written.listed.iter().map(part).collect::<Vec<_>>().join(with);
    Some(Cell {
        span: first.span.start..last.span.end,
        markdown: join(|cell| &cell.markdown, "<br>"),
        text: join(|cell| &cell.text, " / "),
    })
}

/// The doc read from its error-code table (or the merged tables); `reported` says whether
/// look-alikes were reported already, so that a page without a table says no more.
fn read_tables(file: &SourceFile, tables: &[Table], overlay: &Overlay, reported: bool) -> (Doc, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut infos: Vec<TableInfo> = tables.iter().map(|table| info(table, overlay)).collect();
    let mut candidates: Vec<usize> = (0..tables.len()).filter(|&i| has_columns(&infos[i])).collect();
    // The section being generated is read as `table` naming its heading with `merge`.
    let section = overlay.doc.reading.and_then(|index| overlay.doc.sections.get(index));
    if !overlay.doc.sections.is_empty() && section.is_none() {
        return (Doc { tables: infos, ..Doc::default() }, diagnostics);
    }
    if let Some(wanted) = section.map(|section| &section.heading).or(overlay.doc.table.as_ref()) {
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
    let merge = section.is_some() || overlay.doc.merge.as_ref().is_some_and(|merge| merge.value);
    match candidates.as_slice() {
        [] => {
            if !columns_explain_missing(tables, overlay) {
                diagnostics.extend(no_table(file, tables, &infos, reported));
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
    if section.is_some() {
        doc.refused = elsewhere(tables, &infos, overlay);
    }
    for &index in &candidates {
        infos[index].chosen = true;
        read_rows(file, &tables[index], &infos[index], overlay, &mut doc, &mut diagnostics);
    }
    doc.tables = infos;
    (doc, diagnostics)
}

/// Reads a chosen table's rows into the doc; a cell listing several codes gives a row each.
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
            doc.left_out.push(row(file, raw, info, cell.clone(), overlay, diagnostics));
            continue;
        }
        let codes = code_cells(cell);
        if let Some(diagnostic) = misfit(file, raw, info, &cell.text) {
            diagnostics.push(diagnostic);
            doc.refused.extend(codes.into_iter().map(|(code, _)| code));
            continue;
        }
        for (code, struck) in codes {
            let left_out = skip.contains(&code.text.as_str());
            let row = Row { struck, ..row(file, raw, info, code, overlay, diagnostics) };
            if left_out { doc.left_out.push(row) } else { doc.rows.push(row) }
        }
    }
}

/// The code cells of the other sections' tables, whose overlay entries are then not reported.
fn elsewhere(tables: &[Table], infos: &[TableInfo], overlay: &Overlay) -> Vec<Cell> {
    let other = |heading: &str| {
        let mut others =
            overlay.doc.sections.iter().enumerate().filter(|&(index, _)| Some(index) != overlay.doc.reading);
        others.any(|(_, section)| heading.contains(section.heading.value.as_str()))
    };
    let mut cells = Vec::new();
    for (table, info) in tables.iter().zip(infos).filter(|(_, info)| info.heading.as_deref().is_some_and(other)) {
        let Some(code) = info.roles.iter().find(|(role, ..)| *role == Role::Code).map(|&(_, column, _)| column) else {
            continue;
        };
        let codes = table.rows.iter().filter_map(|row| row.cells.get(code)).flat_map(code_cells);
        cells.extend(codes.map(|(cell, _)| cell));
    }
    cells
}

/// Why a row does not fit its table's header: more cells than the header, whose text GitHub
/// drops. Cells are counted in the source, since pulldown-cmark drops them too; a short row
/// is read as GitHub shows it.
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

/// A row of the model for `code` (the code cell or one code of it), with its other cells.
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
        struck: false,
        section: info.heading.clone(),
    }
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

/// Whether `[columns]` explains why no table has a code or description column (a header no
/// table has, or a synonym's column given another role): the validator reports it there.
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
