//! Step 1: the doc's rows, each under its code.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::Inputs;
use super::text::{HIDDEN_HELP, hidden_character, hidden_name};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKey, CodeKind, Row};

/// The rows the catalog is made of, and the codes of the rows reported for what they hold.
pub(super) struct Rows<'a> {
    /// The rows with a readable code and a usable description, keyed by code: for a code
    /// written more than once, the row `[doc.pick]` picks.
    pub(super) by_code: BTreeMap<CodeKey, &'a Row>,
    /// The codes of rows reported for their cells (by the parser) or their description.
    pub(super) rejected: BTreeSet<CodeKey>,
}

/// Reads each row's code as a code of `kind`, and keeps the rows with a usable description;
/// reports rows without a readable code, codes written twice (unless `[doc.pick]` says which
/// row counts), picks that pick nothing, and descriptions that are empty or hide characters.
pub(super) fn rows<'a>(inputs: &Inputs<'a>, kind: CodeKind) -> (Rows<'a>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let rejected = inputs.doc.skipped.iter().filter_map(|cell| codes::read_cell(cell, kind).ok()).collect();
    let mut rows = Rows { by_code: BTreeMap::new(), rejected };
    let picks: BTreeMap<&CodeKey, i64> =
        inputs.overlay.doc.pick.iter().map(|(code, occurrence)| (&code.value, occurrence.value)).collect();
    // Each code's first row and how many rows the doc gives it.
    let mut seen: BTreeMap<CodeKey, (&Row, i64)> = BTreeMap::new();
    for row in inputs.doc.rows.iter() {
        let code = match row_code(inputs, row, kind) {
            Ok(code) => code,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let (first, occurrence) = seen.entry(code.clone()).and_modify(|(_, count)| *count += 1).or_insert((row, 1));
        // A picked code counts at its picked occurrence; any other code at its first, and a
        // repeat is reported as such, whatever is wrong with either row.
        let counts = match picks.get(&code) {
            Some(&picked) => *occurrence == picked,
            None if *occurrence > 1 => {
                diagnostics.push(duplicate(inputs, &code, first, row));
                false
            }
            None => true,
        };
        if !counts {
            continue;
        }
        match unusable(inputs, &code, row) {
            Some(diagnostic) => {
                diagnostics.push(diagnostic);
                rows.rejected.insert(code);
            }
            None => {
                rows.by_code.insert(code, row);
            }
        }
    }
    let (unused, picked_nothing) = unused_picks(inputs, &seen);
    diagnostics.extend(unused);
    rows.rejected.extend(picked_nothing);
    (rows, diagnostics)
}

/// Where a row's code is reported: its code cell, or the whole row when the cell is empty.
fn code_span(row: &Row) -> Range<usize> {
    if row.code.span.is_empty() { row.span.clone() } else { row.code.span.clone() }
}

/// A row's code, or the diagnostic that says why it has none.
fn row_code(inputs: &Inputs<'_>, row: &Row, kind: CodeKind) -> Result<CodeKey, Diagnostic> {
    let span = code_span(row);
    if row.code.markdown.is_empty() {
        return Err(inputs
            .in_doc(span, "this row has no code".to_owned())
            .help("write the error code in the row's code cell, or delete the row"));
    }
    codes::read_cell(&row.code, kind).map_err(|error| match several_codes(&row.code.text, kind) {
        Some(what) => {
            inputs.in_doc(span, format!("code cell `{}` is {what}, not one code", row.code.text)).help(format!(
                "give each code a row of its own, or leave this row out on purpose: add `\"{}\"` to `skip` under \
             `[doc]` in {}",
                row.code.text, inputs.overlay_file.path
            ))
        }
        None => inputs.in_doc(span, error.message).help(error.help),
    })
}

/// A second row of a code, with or without the description of the first.
fn duplicate(inputs: &Inputs<'_>, code: &CodeKey, first: &Row, row: &Row) -> Diagnostic {
    let span = code_span(row);
    if first.description.text != row.description.text {
        return inputs
            .in_doc(span, format!("code {} is documented twice, with different descriptions", code.prose()))
            .label(inputs.doc_file, first.code.span.clone(), "first documented here")
            .help(format!(
                "say which row counts: add `{} = 2` (its occurrence, in doc order) under `[doc.pick]` in {}",
                code.toml_key(),
                inputs.overlay_file.path
            ));
    }
    inputs
        .in_doc(span, format!("code {} is documented twice", code.prose()))
        .label(inputs.doc_file, first.code.span.clone(), "first documented here")
        .help("delete one of the two rows, keeping the right description")
}

/// Why a row's description cannot be used, if it cannot: it is empty, only markup, or
/// holds a hidden character.
fn unusable(inputs: &Inputs<'_>, code: &CodeKey, row: &Row) -> Option<Diagnostic> {
    let code = code.prose();
    if row.description.text.is_empty() {
        let (message, span) = if row.description.markdown.is_empty() {
            (format!("code {code} has an empty description"), row.span.clone())
        } else {
            (format!("the description of code {code} is only markup, with no text"), row.description.span.clone())
        };
        return Some(inputs.in_doc(span, message).help("write what the error means in the description cell"));
    }
    let (span, c) = hidden_character(inputs.doc_file, &row.description)?;
    let message = format!("the description of code {code} contains {}", hidden_name(c));
    Some(inputs.in_doc(span, message).help(HIDDEN_HELP))
}

/// The overlay's `[doc.pick]` entries that pick no row: for a code the doc does not write
/// more than once, or an occurrence it does not have. Also returns the codes the doc writes
/// whose pick took none of their rows, so that their overlay entries are not reported as
/// unlisted too.
fn unused_picks(inputs: &Inputs<'_>, seen: &BTreeMap<CodeKey, (&Row, i64)>) -> (Vec<Diagnostic>, Vec<CodeKey>) {
    let mut diagnostics = Vec::new();
    let mut picked_nothing = Vec::new();
    for (code, picked) in &inputs.overlay.doc.pick {
        let (found, picked) = (seen.get(&code.value).map_or(0, |&(_, count)| count), picked.value);
        if found >= 2 && (1..=found).contains(&picked) {
            continue;
        }
        if !(1..=found).contains(&picked) && found > 0 {
            picked_nothing.push(code.value.clone());
        }
        let message = format!(
            "`[doc.pick]` picks occurrence {picked} of code {}, which the doc writes {found} time(s)",
            code.value.prose()
        );
        diagnostics.push(
            inputs.in_overlay(code.span.clone(), message).help(
                "pick among the rows of a code the doc writes more than once, counting from 1, or remove the line",
            ),
        );
    }
    (diagnostics, picked_nothing)
}

/// Each `[doc] skip` entry that leaves no row out: a stale exclusion.
pub(super) fn unused_skips(inputs: &Inputs<'_>) -> Vec<Diagnostic> {
    let unused =
        inputs.overlay.doc.skip.iter().filter(|skip| !inputs.doc.excluded.iter().any(|cell| cell.text == skip.value));
    unused
        .map(|skip| {
            let message = format!("`skip` names `{}`, which no code cell of the error-code table holds", skip.value);
            inputs
                .in_overlay(skip.span.clone(), message)
                .help("write the code cell exactly as the doc does, or remove the entry")
        })
        .collect()
}

/// What a code cell that holds more than one code is (`a range`, `a list`), if it is one.
///
/// Ranges (`301000~301099`, `610000-619999`) and lists (`201,202`) are refused rather than
/// expanded or dropped: the overlay's `[doc] skip` leaves such a row out on purpose.
fn several_codes(text: &str, kind: CodeKind) -> Option<&'static str> {
    let is_code = |part: &str| codes::read_key(part.trim(), kind).is_ok();
    for separator in ['~', '～', '-', '–', '—'] {
        let found = text.char_indices().skip(1).find(|&(_, c)| c == separator);
        if let Some((at, c)) = found
            && is_code(&text[..at])
            && is_code(&text[at + c.len_utf8()..])
        {
            return Some("a range");
        }
    }
    let parts: Vec<&str> = text.split([',', '，', '、', '/']).collect();
    (parts.len() > 1 && parts.iter().all(|part| is_code(part))).then_some("a list")
}
