//! What the generator makes of a doc, for onboarding it: tables, column roles and why, rows
//! (those left out too) and every diagnostic.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, CodeKey, Doc, Entry, Facts, Overlay, Row, TableInfo};
use crate::shape::Shape;
use crate::source::SourceFile;

/// The report on a doc: text for people, and the diagnostics to render after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspection {
    /// The tables, their roles and the rows, one line each.
    pub text: String,
    /// Every problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// The overlay a doc goes with when none is given: `NAME.toml` beside `NAME.md`.
pub fn default_overlay_path(doc: &str) -> String {
    Path::new(doc).with_extension("toml").to_string_lossy().into_owned()
}

/// Inspects a doc, with its overlay if it has one yet (else an empty one at
/// [`default_overlay_path`]). Never fails: what cannot be read is a diagnostic.
pub fn inspect(doc: &SourceFile, overlay: Option<&SourceFile>) -> Inspection {
    let empty = SourceFile::new(default_overlay_path(&doc.path), "");
    let overlay = overlay.unwrap_or(&empty);
    let checked = match crate::checked(doc, overlay, &[], None) {
        Ok(checked) => checked,
        Err(diagnostics) => return Inspection { text: String::new(), diagnostics },
    };
    let mut text = String::new();
    let _ = writeln!(text, "{}: {} table(s)", doc.path, checked.doc.tables.len());
    for (index, table) in checked.doc.tables.iter().enumerate() {
        describe_table(&mut text, doc, index, table, &checked.overlay.facts);
    }
    rows(&mut text, &checked.doc, &checked.overlay, &checked.catalog);
    unread(&mut text, &checked.doc);
    joined(&mut text, &checked.doc, &checked.overlay, &checked.catalog);
    methods(&mut text, &checked.catalog);
    Inspection { text, diagnostics: checked.diagnostics }
}

/// A table: where it is, its header, each column's role and why, and the alternatives.
fn describe_table(text: &mut String, doc: &SourceFile, index: usize, table: &TableInfo, facts: &Facts) {
    let line = doc.line_col(table.span.start).line;
    let heading = table.heading.as_deref().map(|h| format!(" under \"{h}\"")).unwrap_or_default();
    let chosen = if table.chosen { ", chosen" } else { "" };
    let _ = writeln!(text, "  table {} at line {line}{heading}: {} row(s){chosen}", index + 1, table.rows);
    let _ = writeln!(text, "    header: {}", table.header.join(" | "));
    for (role, column, why) in &table.roles {
        let _ = writeln!(text, "    {}: column {} ({why})", role.key(facts), column + 1);
    }
    if table.roles.is_empty() {
        let _ = writeln!(text, "    no column has a known role");
    }
    for &(role, column) in &table.alternatives {
        let header = &table.header[column];
        let _ = writeln!(
            text,
            "    column {} (`{header}`) may hold {}: `[columns] {} = \"{header}\"` reads it so",
            column + 1,
            role.plural(facts),
            role.key(facts)
        );
    }
}

/// Each row of the chosen tables in page order, as the model sees it, or why it is left out.
fn rows(text: &mut String, doc: &Doc, overlay: &Overlay, catalog: &Catalog) {
    let dropped = dropped_by_pick(doc, overlay, catalog);
    let mut all: Vec<(&Row, bool)> = doc.rows.iter().map(|row| (row, false)).collect();
    all.extend(doc.left_out.iter().map(|row| (row, true)));
    all.sort_by_key(|(row, _)| (row.span.start, row.code.span.start));
    let _ = writeln!(
        text,
        "rows: {} read, {} left out by `[doc] skip`, {} dropped by `[doc.pick]`",
        doc.rows.len(),
        doc.left_out.len(),
        dropped.len()
    );
    let width = all.iter().map(|(row, _)| row.code.text.chars().count()).max().unwrap_or(4).max(4);
    // The HTTP status is shown when the catalog has HTTP: a code without one says so.
    let has_http = catalog.has_http_status();
    let unknown = if has_http { "  ?" } else { "" };
    for (row, is_left_out) in all {
        let found = entry(row, catalog);
        let (variant, http) = if is_left_out {
            (left_out(row, catalog), String::new())
        } else if let Some(pick) = dropped.get(&(row.span.start, row.code.span.start)) {
            (format!("(dropped: `[doc.pick]` takes row {pick} of this code)"), String::new())
        } else {
            match found {
                Some(entry) => {
                    let status = match (has_http, entry.http_status) {
                        (false, _) => String::new(),
                        (true, Some(status)) => format!("  {status}"),
                        (true, None) => "  (no HTTP status)".to_owned(),
                    };
                    let variant = match row.struck {
                        true => format!("{} (deprecated: struck through on the page)", entry.variant),
                        false => entry.variant.clone(),
                    };
                    (variant, status)
                }
                // Not in the catalog (a diagnostic says why); the doc's own name still tells it apart.
                None => match row.name.as_ref().filter(|cell| !cell.text.is_empty()) {
                    Some(cell) => (format!("({} in the doc; not generated)", cell.text), unknown.to_owned()),
                    None => ("(no name)".to_owned(), unknown.to_owned()),
                },
            }
        };
        let given = overlay.descriptions.iter().any(|given| found.is_some_and(|entry| entry.code == given.code.value));
        let description = match found {
            Some(entry) if row.description.text.is_empty() && given => {
                format!("{} (from `[descriptions]`)", entry.text)
            }
            _ => row.description.text.clone(),
        };
        let line = format!("  {:>width$}  {variant}{http}  {description}", row.code.text);
        let _ = writeln!(text, "{}", line.trim_end());
        for (fact, declared) in overlay.facts.iter() {
            if let Some(cell) = row.fact(fact).filter(|cell| !cell.text.is_empty()) {
                let _ = writeln!(text, "  {:width$}  {}: {}", "", declared.key, cell.text);
            }
        }
    }
}

/// What may document codes but was not read, each at its line and whether it is ignored.
fn unread(text: &mut String, doc: &Doc) {
    if doc.unread.is_empty() {
        return;
    }
    let _ = writeln!(text, "not read:");
    for unread in &doc.unread {
        let status = if unread.ignored { "ignored by `[doc] ignore`" } else { "see the problems below" };
        let _ = writeln!(text, "  line {}: {} ({status})", unread.line, unread.problem);
    }
}

/// Why a row `[doc] skip` leaves out is no variant, and what is made of it (a range).
fn left_out(row: &Row, catalog: &Catalog) -> String {
    let range = catalog.ranges.iter().find(|range| range.cell == row.code.text);
    match range {
        Some(range) => format!(
            "(range {}..={}, left out by `[doc] skip`: its unknown codes take this description)",
            range.low, range.high
        ),
        None => "(left out by `[doc] skip`)".to_owned(),
    }
}

/// The generated `ErrorCode`'s methods as [`Shape::methods`] lists them, features marked.
fn methods(text: &mut String, catalog: &Catalog) {
    if catalog.entries.is_empty() {
        return;
    }
    let methods: Vec<String> = Shape::of(catalog)
        .methods(&catalog.facts)
        .into_iter()
        .map(|method| match method.feature {
            Some(feature) => format!("{}() (feature `{feature}`)", method.name),
            None => format!("{}()", method.name),
        })
        .collect();
    let _ = writeln!(text, "ErrorCode's methods: {}", methods.join(", "));
}

/// The catalog's entry for a row's code, if it has one.
fn entry<'c>(row: &Row, catalog: &'c Catalog) -> Option<&'c Entry> {
    // Entries are in ascending code order; a row whose code cannot be read has none.
    let code = crate::codes::read_cell(&row.code, catalog.code_kind).ok()?;
    let at = catalog.entries.binary_search_by(|entry| entry.code.cmp(&code)).ok()?;
    catalog.entries.get(at)
}

/// Each code's rows in page order, keyed by code.
fn rows_by_code<'d>(doc: &'d Doc, catalog: &Catalog) -> BTreeMap<CodeKey, Vec<&'d Row>> {
    let mut by_code: BTreeMap<CodeKey, Vec<&Row>> = BTreeMap::new();
    for row in &doc.rows {
        if let Ok(code) = crate::codes::read_cell(&row.code, catalog.code_kind) {
            by_code.entry(code).or_default().push(row);
        }
    }
    by_code
}

/// The rows `[doc.pick]` leaves out, by row and code cell start, with the occurrence it picks.
fn dropped_by_pick(doc: &Doc, overlay: &Overlay, catalog: &Catalog) -> BTreeMap<(usize, usize), i64> {
    let by_code = rows_by_code(doc, catalog);
    let mut dropped = BTreeMap::new();
    for (code, pick) in &overlay.doc.pick {
        let Some(rows) = by_code.get(&code.value) else { continue };
        for (index, row) in rows.iter().enumerate() {
            if index as i64 + 1 != pick.value {
                dropped.insert((row.span.start, row.code.span.start), pick.value);
            }
        }
    }
    dropped
}

/// The codes written in several rows whose texts are joined, with what they say together.
fn joined(text: &mut String, doc: &Doc, overlay: &Overlay, catalog: &Catalog) {
    let by_code = rows_by_code(doc, catalog);
    let picked = |code: &CodeKey| overlay.doc.pick.iter().any(|(picked, _)| picked.value == *code);
    let several: Vec<(&CodeKey, usize)> = by_code
        .iter()
        .filter(|(code, rows)| rows.len() > 1 && !picked(code))
        .map(|(c, rows)| (c, rows.len()))
        .collect();
    if several.is_empty() {
        return;
    }
    let _ = writeln!(text, "codes written in several rows, each distinct text kept, in page order:");
    for (code, count) in several {
        // Rows of one code in several sections of the page (under different headings) say which.
        let sections = by_code.get(code).and_then(|rows| crate::validate::sections(rows));
        let count = match sections {
            Some(sections) => format!("{count} rows, under {sections}"),
            None => format!("{count} rows"),
        };
        let Ok(at) = catalog.entries.binary_search_by(|entry| entry.code.cmp(code)) else {
            let _ = writeln!(text, "  {code} ({count})  (not generated; see the problems below)");
            continue;
        };
        let entry = &catalog.entries[at];
        let _ = writeln!(text, "  {code} ({count})  {}  {}", entry.variant, entry.text);
        for (fact, declared) in catalog.facts.iter() {
            if let Some(joined) = entry.fact(fact) {
                let _ = writeln!(text, "    {}: {}", declared.key, joined.text);
            }
        }
    }
}
