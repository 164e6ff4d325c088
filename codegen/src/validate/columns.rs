//! The overlay's `[columns]` against the page: each entry names a header the page has, and no
//! column twice.

use super::Inputs;
use crate::diagnostic::Diagnostic;
use crate::model::{ColumnName, Role, TableInfo};
use crate::parse::{header_key, synonym_role};

/// Reports each `[columns]` entry that names a header no table has, a column another entry
/// names, or the only code or description column.
pub(super) fn columns(inputs: &Inputs<'_>) -> Vec<Diagnostic> {
    let facts = &inputs.overlay.facts;
    let tables = &inputs.doc.tables;
    let chosen: Vec<&TableInfo> = tables.iter().filter(|table| table.chosen).collect();
    let searched: Vec<&TableInfo> = if chosen.is_empty() { tables.iter().collect() } else { chosen.clone() };
    let named = &inputs.overlay.columns.named;
    let mut diagnostics = Vec::new();
    for (index, column) in named.iter().enumerate() {
        let key = header_key(&column.header.value);
        if let Some(first) = named[..index].iter().find(|other| header_key(&other.header.value) == key) {
            let message = format!(
                "`[columns] {}` names the column `{}`, which `[columns] {}` names already",
                column.role.key(facts),
                column.header.value,
                first.role.key(facts)
            );
            diagnostics.push(
                inputs
                    .in_overlay(entry(column), message)
                    .label(inputs.overlay_file, entry(first), "named here")
                    .help("a column has one role: name another header for one of them"),
            );
            continue;
        }
        let holding = searched.iter().find(|table| table.header.iter().any(|header| header_key(header) == key));
        match holding {
            None => diagnostics.push(missing(inputs, column, &searched, !chosen.is_empty())),
            Some(table) => diagnostics.extend(taken(inputs, column, table)),
        }
    }
    diagnostics
}

/// The span of a `[columns]` entry: from its key to the end of its value.
fn entry(column: &ColumnName) -> std::ops::Range<usize> {
    column.key.start..column.header.span.end.max(column.key.end)
}

/// A `[columns]` entry naming a header the tables searched do not have.
fn missing(inputs: &Inputs<'_>, column: &ColumnName, searched: &[&TableInfo], chosen: bool) -> Diagnostic {
    let facts = &inputs.overlay.facts;
    let which = if chosen { "the error-code table does not have" } else { "no table on the page has" };
    let message =
        format!("`[columns] {}` names the header `{}`, which {which}", column.role.key(facts), column.header.value);
    let mut headers: Vec<String> = Vec::new();
    for header in searched.iter().flat_map(|table| &table.header) {
        let quoted = format!("`{header}`");
        if !headers.contains(&quoted) {
            headers.push(quoted);
        }
    }
    let help = match headers.is_empty() {
        true => "the page has no table: remove the entry".to_owned(),
        false => format!("write one of the headers the page has, as it writes them: {}", headers.join(", ")),
    };
    inputs.in_overlay(entry(column), message).help(help)
}

/// A `[columns]` entry that takes the only code or description column for another role.
fn taken(inputs: &Inputs<'_>, column: &ColumnName, table: &TableInfo) -> Option<Diagnostic> {
    let facts = &inputs.overlay.facts;
    let lost = synonym_role(&column.header.value)
        .filter(|&role| role != column.role && matches!(role, Role::Code | Role::Description))?;
    if table.roles.iter().any(|&(role, ..)| role == lost) || inputs.overlay.columns.get(lost).is_some() {
        return None;
    }
    let message = format!(
        "`[columns] {}` names `{}`, the column of {}, and the table is left without one",
        column.role.key(facts),
        column.header.value,
        lost.plural(facts)
    );
    let help = format!(
        "name the column of {} too, `[columns] {} = \"<header>\"`, or give `{}` another header",
        lost.plural(facts),
        lost.key(facts),
        column.role.key(facts)
    );
    Some(inputs.in_overlay(entry(column), message).help(help))
}
