//! What the generator makes of a doc, for onboarding a new one: the tables on the page, the
//! column roles chosen and why, the rows as the model sees them, and every diagnostic.

use std::fmt::Write as _;

use crate::diagnostic::Diagnostic;
use crate::model::Catalog;
use crate::source::SourceFile;

/// The report on a doc: text for people, and the diagnostics to render after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspection {
    /// The tables, their roles and the rows, one line each.
    pub text: String,
    /// Every problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Inspects a doc, with its overlay if it has one yet. Writes nothing, never fails: what
/// cannot be read is a diagnostic.
pub fn inspect(doc: &SourceFile, overlay: Option<&SourceFile>) -> Inspection {
    let empty = SourceFile::new("(no overlay)", "");
    let overlay = overlay.unwrap_or(&empty);
    let checked = match crate::checked(doc, overlay) {
        Ok(checked) => checked,
        Err(diagnostics) => return Inspection { text: String::new(), diagnostics },
    };
    let (doc_model, catalog, diagnostics) = (checked.doc, checked.catalog, checked.diagnostics);

    let mut text = String::new();
    let _ = writeln!(text, "{}: {} table(s)", doc.path, doc_model.tables.len());
    for (index, table) in doc_model.tables.iter().enumerate() {
        let line = doc.line_col(table.span.start).line;
        let heading = table.heading.as_deref().map(|h| format!(" under \"{h}\"")).unwrap_or_default();
        let chosen = if table.chosen { ", chosen" } else { "" };
        let _ = writeln!(text, "  table {} at line {line}{heading}: {} row(s){chosen}", index + 1, table.rows);
        let _ = writeln!(text, "    header: {}", table.header.join(" | "));
        for (role, column, why) in &table.roles {
            let _ = writeln!(text, "    {}: column {} ({why})", role.key(), column + 1);
        }
        if table.roles.is_empty() {
            let _ = writeln!(text, "    no column has a known role");
        }
    }
    rows(&mut text, &doc_model, &catalog);
    Inspection { text, diagnostics }
}

/// The chosen rows as the model sees them: code, variant (or the missing name), HTTP status,
/// plain description.
fn rows(text: &mut String, doc: &crate::model::Doc, catalog: &Catalog) {
    let _ = writeln!(text, "rows: {} read, {} left out by `skip`", doc.rows.len(), doc.excluded.len());
    let width = doc.rows.iter().map(|row| row.code.text.chars().count()).max().unwrap_or(4).max(4);
    for row in &doc.rows {
        // Entries are in ascending code order; a row whose code cannot be read has none.
        let code = crate::codes::read_cell(&row.code, catalog.code_kind).ok();
        let entry = code.and_then(|code| {
            let at = catalog.entries.binary_search_by(|entry| entry.code.cmp(&code)).ok()?;
            catalog.entries.get(at)
        });
        let (variant, http) = match entry {
            Some(entry) => (entry.variant.clone(), entry.http_status.to_string()),
            // Not in the catalog: a diagnostic below says why. The doc's own name, if it has
            // a name column, still helps to tell the row apart.
            None => match row.name.as_ref().filter(|cell| !cell.text.is_empty()) {
                Some(cell) => (format!("({} in the doc; not generated)", cell.text), "?".to_owned()),
                None => ("(no name)".to_owned(), "?".to_owned()),
            },
        };
        let _ = writeln!(text, "  {:>width$}  {variant}  {http}  {}", row.code.text, row.description.text);
    }
}
