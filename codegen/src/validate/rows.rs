//! Step 1: the doc's rows, each under its code. A code written in several rows keeps the
//! text of all of them, joined in page order, unless `[doc.pick]` says which row counts.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::Inputs;
use super::sections::{sections, under_section, under_sections};
use super::text::{HIDDEN_HELP, hidden_character, hidden_name, is_hidden};
use super::unused;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{Cell, CodeKey, CodeKind, GivenDescription, Row, Text};

/// The codes the catalog is made of, and the codes of the rows reported for what they hold.
pub(super) struct Rows<'a> {
    /// Each code with a readable code cell and a usable text, in code order.
    pub(super) by_code: BTreeMap<CodeKey, Documented<'a>>,
    /// The codes of rows reported for their cells (by the parser) or their texts.
    pub(super) rejected: BTreeSet<CodeKey>,
    /// Whether the whole table was reported (word codes, not declared): no entry is then unlisted.
    pub(super) whole_table: bool,
}

/// A documented code: the rows that count for it and what they say together.
pub(super) struct Documented<'a> {
    /// The first row that counts: diagnostics about the code point at its code cell.
    pub(super) row: &'a Row,
    /// The first non-empty name cell of those rows, if any.
    pub(super) name: Option<&'a Cell>,
    /// The first HTTP cell of those rows that gives a status.
    pub(super) http: Option<&'a Cell>,
    /// The descriptions of those rows joined, or the overlay's `[descriptions]` entry.
    pub(super) description: Joined<'a>,
    /// Each fact's cells joined, at its index, where any is not empty.
    pub(super) facts: Vec<Option<Joined<'a>>>,
    /// Whether every row that counts strikes the code through: deprecated.
    pub(super) struck: bool,
}

/// The texts of a code's cells joined; one row's cell is borrowed until the catalog takes it.
pub(super) enum Joined<'a> {
    /// One distinct text, a cell of the doc.
    Cell(&'a Cell),
    /// Several, joined; or the overlay's `[descriptions]` entry.
    Text(Text),
}

impl Joined<'_> {
    /// The text in both forms, owned.
    pub(super) fn to_text(&self) -> Text {
        match self {
            Joined::Cell(cell) => Text { markdown: cell.markdown.clone(), text: cell.text.clone() },
            Joined::Text(text) => text.clone(),
        }
    }
}

/// Reads each row's code as a code of `kind` and joins the rows of each code, reporting
/// every row problem.
pub(super) fn rows<'a>(inputs: &Inputs<'a>, kind: CodeKind) -> (Rows<'a>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let rejected = inputs.doc.refused.iter().filter_map(|cell| codes::read_cell(cell, kind).ok()).collect();
    let mut rows = Rows { by_code: BTreeMap::new(), rejected, whole_table: false };
    if let Some(diagnostic) = words_for_integers(inputs, kind) {
        rows.whole_table = true;
        return (rows, vec![diagnostic]);
    }
    // Each code's rows, in page order.
    let mut grouped: BTreeMap<CodeKey, Vec<&Row>> = BTreeMap::new();
    for row in inputs.doc.rows.iter() {
        match row_code(inputs, row, kind) {
            Ok(code) => grouped.entry(code).or_default().push(row),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let picks: BTreeMap<&CodeKey, i64> =
        inputs.overlay.doc.pick.iter().map(|(code, occurrence)| (&code.value, occurrence.value)).collect();
    let given: BTreeMap<&CodeKey, &GivenDescription> =
        inputs.overlay.descriptions.iter().map(|given| (&given.code.value, given)).collect();
    // Looked up only for codes written in several rows, so made only if the doc has one.
    let named: OnceCell<BTreeSet<&CodeKey>> = OnceCell::new();
    let is_named = |code: &CodeKey| {
        named.get_or_init(|| inputs.overlay.names.iter().map(|name| &name.code.value).collect()).contains(code)
    };
    // Built in code order, then made a map at once, which is cheaper than inserting each.
    let mut documented_codes = Vec::with_capacity(grouped.len());
    for (code, all) in &grouped {
        // A picked code counts at its picked occurrence only; a pick of none is reported below.
        let counting = match picks.get(code) {
            Some(&picked) => {
                match picked.checked_sub(1).and_then(|index| usize::try_from(index).ok()).and_then(|i| all.get(i)) {
                    Some(row) => std::slice::from_ref(row),
                    None => continue,
                }
            }
            None => all.as_slice(),
        };
        let named = counting.len() > 1 && is_named(code);
        let written = CodeRows { code, rows: counting, given: given.get(code).copied(), named };
        match documented(inputs, &written) {
            Ok(documented) => {
                diagnostics.extend(joined_notice(inputs, &written, &documented));
                documented_codes.push((code.clone(), documented));
            }
            Err(found) => {
                diagnostics.extend(found);
                rows.rejected.insert(code.clone());
            }
        }
    }
    rows.by_code = documented_codes.into_iter().collect();
    let (unused, picked_nothing) = unused::picks(inputs, &grouped);
    diagnostics.extend(unused);
    rows.rejected.extend(picked_nothing);
    diagnostics.extend(unused::descriptions(inputs, &grouped, &rows.rejected));
    (rows, diagnostics)
}

/// What is known of a code when its rows are joined.
struct CodeRows<'r, 'a> {
    code: &'r CodeKey,
    /// The rows that count, in page order; at least one.
    rows: &'r [&'a Row],
    /// The overlay's `[descriptions]` entry for it.
    given: Option<&'a GivenDescription>,
    /// Whether the overlay's `[names]` names it, so that the doc's name cells do not matter.
    named: bool,
}

/// The code's rows joined into what they document, or why they cannot be.
fn documented<'a>(inputs: &Inputs<'a>, written: &CodeRows<'_, 'a>) -> Result<Documented<'a>, Vec<Diagnostic>> {
    let (code, rows) = (written.code, written.rows);
    let mut diagnostics: Vec<Diagnostic> = disagreement(inputs, written).into_iter().collect();
    for row in rows {
        let facts = inputs.overlay.facts.iter().map(|(index, fact)| (fact.key.as_str(), row.fact(index)));
        for (what, cell) in [("description", Some(&row.description))].into_iter().chain(facts) {
            if let Some((span, c)) = cell.and_then(|cell| hidden_character(inputs.doc_file, cell)) {
                let message = format!("the {what} of code {} contains {}", code.prose(), hidden_name(c));
                diagnostics.push(inputs.in_doc(span, message).help(HIDDEN_HELP));
            }
        }
    }
    let description = match (joined(rows.iter().map(|row| &row.description)), written.given) {
        (Some(description), None) => Some(description),
        (None, Some(given)) => {
            given_description(inputs, code, given).map(Joined::Text).map_err(|found| diagnostics.push(found)).ok()
        }
        (None, None) => {
            diagnostics.push(no_description(inputs, code, rows[0]));
            None
        }
        (Some(_), Some(given)) => {
            let message = format!("`[descriptions]` gives code {} a description, but the doc has one", code.prose());
            diagnostics.push(
                inputs
                    .in_overlay(given.code.span.clone(), message)
                    .label(inputs.doc_file, rows[0].description.span.clone(), "the doc's description")
                    .help("remove this line: `[descriptions]` is for codes whose description cell is empty"),
            );
            None
        }
    };
    match description {
        Some(description) if diagnostics.is_empty() => Ok(Documented {
            row: rows[0],
            name: rows.iter().filter_map(|row| row.name.as_ref()).find(|cell| !cell.text.is_empty()),
            http: rows.iter().filter_map(|row| row.http.as_ref()).find(|cell| !codes::says_no_status(&cell.text)),
            description,
            facts: (0..inputs.overlay.facts.len())
                .map(|fact| joined(rows.iter().filter_map(|row| row.fact(fact))))
                .collect(),
            struck: rows.iter().all(|row| row.struck),
        }),
        _ => Err(diagnostics),
    }
}

/// A notice for a code whose several rows' texts are joined: every row, and the joined text.
fn joined_notice(inputs: &Inputs<'_>, written: &CodeRows<'_, '_>, documented: &Documented<'_>) -> Option<Diagnostic> {
    let rows = written.rows;
    if rows.len() < 2 {
        return None;
    }
    let code = written.code;
    let text = documented.description.to_text().text;
    let sections = sections(rows);
    let under = under_sections(sections.as_deref());
    let message =
        format!("code {} is written in {} rows{under}; their texts are joined: {text}", code.prose(), rows.len());
    let mut notice = Diagnostic::note(inputs.doc_file, code_span(rows[0]), message).help(format!(
        "if one row should count, say which: `{} = N` under `[doc.pick]` in {}",
        code.toml_key(),
        inputs.overlay_file.path
    ));
    for (index, row) in rows.iter().enumerate().skip(1) {
        let label = format!("row {} of code {}{}", index + 1, code, under_section(sections.as_deref(), row));
        notice = notice.label(inputs.doc_file, code_span(row), label);
    }
    Some(notice)
}

/// The distinct non-empty texts of some cells in page order, joined (`<br>`, ` / `).
fn joined<'a>(mut cells: impl Iterator<Item = &'a Cell>) -> Option<Joined<'a>> {
    let first = cells.find(|cell| !cell.text.is_empty())?;
    let mut distinct: Vec<&Cell> = Vec::new();
    for cell in cells {
        if !cell.text.is_empty() && cell.text != first.text && !distinct.iter().any(|seen| seen.text == cell.text) {
            distinct.push(cell);
        }
    }
    if distinct.is_empty() {
        return Some(Joined::Cell(first));
    }
    distinct.insert(0, first);
    Some(Joined::Text(Text {
        markdown: distinct.iter().map(|cell| cell.markdown.as_str()).collect::<Vec<_>>().join("<br>"),
        text: distinct.iter().map(|cell| cell.text.as_str()).collect::<Vec<_>>().join(" / "),
    }))
}

/// The rows of a code that give it different names or statuses, for the overlay to decide.
fn disagreement(inputs: &Inputs<'_>, written: &CodeRows<'_, '_>) -> Option<Diagnostic> {
    let rows = written.rows;
    if rows.len() < 2 {
        return None;
    }
    let distinct = |values: Vec<String>| values.into_iter().collect::<BTreeSet<String>>().len() > 1;
    let names = rows.iter().filter_map(|row| row.name.as_ref()).map(|cell| cell.text.clone());
    let names = !written.named && distinct(names.filter(|name| !name.is_empty()).collect());
    let statuses = rows.iter().filter_map(|row| row.http.as_ref()).filter(|cell| !codes::says_no_status(&cell.text));
    let statuses = distinct(
        statuses
            .map(|cell| codes::read_status(&cell.text).map_or_else(|| cell.text.clone(), |s| s.to_string()))
            .collect(),
    );
    let what = match (names, statuses) {
        (false, false) => return None,
        (true, false) => "names",
        (false, true) => "HTTP statuses",
        (true, true) => "names and HTTP statuses",
    };
    let code = written.code;
    let sections = sections(rows);
    let under = under_sections(sections.as_deref());
    let message =
        format!("code {} is written in {} rows{under} that give it different {what}", code.prose(), rows.len());
    let mut help = format!(
        "say which row counts: add `{} = N` under `[doc.pick]` in {} (N counts the code's rows from 1, in page order)",
        code.toml_key(),
        inputs.overlay_file.path
    );
    if !statuses {
        help.push_str(&format!(
            "; or name the code under `[names]`, `{} = \"<English name>\"`, and the rows' texts are joined",
            code.toml_key()
        ));
    }
    let mut diagnostic = inputs.in_doc(code_span(rows[0]), message).help(help);
    for (index, row) in rows.iter().enumerate().skip(1) {
        let label = format!("row {} of code {}{}", index + 1, code, under_section(sections.as_deref(), row));
        diagnostic = diagnostic.label(inputs.doc_file, code_span(row), label);
    }
    Some(diagnostic)
}

/// The overlay's description of a code whose description cells are empty, or why it cannot be used.
fn given_description(inputs: &Inputs<'_>, code: &CodeKey, given: &GivenDescription) -> Result<Text, Diagnostic> {
    let text = given.text.value.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        let message = format!("`[descriptions]` gives code {} an empty description", code.prose());
        return Err(inputs.in_overlay(given.text.span.clone(), message).help("write what the error means"));
    }
    if let Some(c) = text.chars().find(|&c| is_hidden(c)) {
        let message = format!("the description of code {} contains {}", code.prose(), hidden_name(c));
        return Err(inputs.in_overlay(given.text.span.clone(), message).help(HIDDEN_HELP));
    }
    Ok(Text { markdown: text.clone(), text })
}

/// The diagnostic for a code whose description cells are all empty or only markup.
fn no_description(inputs: &Inputs<'_>, code: &CodeKey, row: &Row) -> Diagnostic {
    let prose = code.prose();
    let (message, span) = if row.description.markdown.is_empty() {
        (format!("code {prose} has an empty description"), row.span.clone())
    } else {
        (format!("the description of code {prose} is only markup, with no text"), row.description.span.clone())
    };
    inputs.in_doc(span, message).help(format!(
        "the doc says nothing of what it means: give it a description under `[descriptions]` in {}, e.g. from the \
         vendor's page in another language: `{} = \"<description>\"`",
        inputs.overlay_file.path,
        code.toml_key()
    ))
}

/// Where a row's code is reported: its code cell, or the whole row when the cell is empty.
fn code_span(row: &Row) -> Range<usize> {
    if row.code.span.is_empty() { row.span.clone() } else { row.code.span.clone() }
}

/// A row's code, or the diagnostic that says why it has none.
fn row_code(inputs: &Inputs<'_>, row: &Row, kind: CodeKind) -> Result<CodeKey, Diagnostic> {
    let span = code_span(row);
    if row.code.markdown.is_empty() {
        return Err(inputs.in_doc(span, "this row has no code".to_owned()).help(format!(
            "a row without a code documents no code: if the page is published so, leave the row out on purpose: add \
             `\"\"` to `skip` under `[doc]` in {}",
            inputs.overlay_file.path
        )));
    }
    codes::read_cell(&row.code, kind).map_err(|error| match is_range(&row.code.text, kind) {
        true => inputs.in_doc(span, format!("code cell `{}` is a range, not one code", row.code.text)).help(format!(
            "the doc does not say which codes in the range exist, and the generator invents none: add `\"{}\"` \
                 to `skip` under `[doc]` in {}; the row then describes the unknown codes in the range",
            row.code.text, inputs.overlay_file.path
        )),
        false => inputs.in_doc(span, error.message).help(error.help),
    })
}

/// A table whose codes are all words in a doc not declared of string codes, reported once.
fn words_for_integers(inputs: &Inputs<'_>, kind: CodeKind) -> Option<Diagnostic> {
    let rows = &inputs.doc.rows;
    let word = |row: &Row| codes::read_string(&row.code.text).is_ok();
    if kind != CodeKind::Integer || rows.is_empty() || !rows.iter().all(word) {
        return None;
    }
    let examples: Vec<String> = rows.iter().take(3).map(|row| format!("`{}`", row.code.text)).collect();
    let more = if rows.len() > 3 { ", ..." } else { "" };
    let message = format!("the codes of the error-code table are words ({}{more}), not integers", examples.join(", "));
    Some(
        inputs.in_doc(code_span(&rows[0]), message).help(format!(
            "say so in the overlay: add `codes = \"string\"` under `[doc]` in {}",
            inputs.overlay_file.path
        )),
    )
}

/// Whether a code cell is a range of codes (`301000~301099`, `-32000 to -32099`): refused
/// unless `[doc] skip` leaves its row out.
fn is_range(text: &str, kind: CodeKind) -> bool {
    let is_code = |part: &str| codes::read_key(part, kind).is_ok();
    codes::range_ends(text).any(|(first, last)| is_code(first) && is_code(last))
}
