//! Why a page has no error-code table, and how to name the columns it lacks.

use super::language::{Language, language, needs_header};
use super::table::{Table, header_span};
use crate::diagnostic::Diagnostic;
use crate::model::{Facts, Role, TableInfo};
use crate::source::SourceFile;

/// Why the page has no error-code table: it is empty, has no table, or none has both a code
/// and a description column. After `reported` look-alikes, a page without a table says no more.
pub(super) fn no_table(file: &SourceFile, tables: &[Table], infos: &[TableInfo], reported: bool) -> Vec<Diagnostic> {
    if file.body().trim().is_empty() {
        return vec![
            Diagnostic::new(file, 0..0, "the doc is empty")
                .help(format!("paste the API's error-code page into {}", file.path)),
        ];
    }
    let mut diagnostics = Vec::new();
    let Some(table) = tables.first() else {
        if !reported {
            let help = format!(
                "{}; for other headers, name them in the overlay: `[columns] code = \"<header>\"`",
                needs_header(language(file.body()))
            );
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
    .help(missing_columns_help(&infos[0], language(file.body())));
    for table in &tables[1..] {
        diagnostic = diagnostic.label(file, header_span(table), "nor is this one");
    }
    diagnostics.push(diagnostic);
    diagnostics
}

/// How to name a table's missing code or description column, naming the likely headers.
fn missing_columns_help(info: &TableInfo, language: Language) -> String {
    // Only the code and description roles are named here, which no fact changes.
    let facts = Facts::default();
    let mut help = needs_header(language);
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
