//! Beside the steps: the rows `[doc] skip` leaves out whose code cell is a range of integer
//! codes (`301000~301099`, `610000-619999`). The doc does not say which codes in a range
//! exist, so none becomes a variant, but what the row says is what the doc says of each of
//! them: the catalog keeps each range with its description.

use super::Inputs;
use super::text::{HIDDEN_HELP, doc_markdown, hidden_character, hidden_name};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKind, CodeRange, Text};

/// The ranges the skipped rows document, ascending by their first then last code (rows of
/// one range in page order); reports a description that hides a character. A row whose
/// description is empty says nothing of its codes and is left out, as is every skipped row
/// whose cell is no range (a list, a word) and, in a doc of string codes, every row.
pub(super) fn ranges(inputs: &Inputs<'_>, kind: CodeKind) -> (Vec<CodeRange>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if kind != CodeKind::Integer {
        return (Vec::new(), diagnostics);
    }
    let mut ranges = Vec::new();
    for row in &inputs.doc.left_out {
        let Some((low, high)) = codes::read_range(&row.code.text) else { continue };
        if row.description.text.is_empty() {
            continue;
        }
        if let Some((span, c)) = hidden_character(inputs.doc_file, &row.description) {
            let message = format!("the description of the range `{}` contains {}", row.code.text, hidden_name(c));
            diagnostics.push(inputs.in_doc(span, message).help(HIDDEN_HELP));
            continue;
        }
        let description =
            Text { markdown: doc_markdown(&row.description.markdown), text: row.description.text.clone() };
        ranges.push(CodeRange { low, high, cell: row.code.text.clone(), description });
    }
    ranges.sort_by_key(|range| (range.low, range.high));
    (ranges, diagnostics)
}
