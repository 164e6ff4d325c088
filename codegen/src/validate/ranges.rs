//! The rows `[doc] skip` leaves out whose code cell is a range of integer codes: none of its
//! codes is a variant, but the catalog keeps the range with its description.

use super::Inputs;
use super::text::{HIDDEN_HELP, doc_markdown, hidden_character, hidden_name};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKind, CodeRange, Text};

/// The ranges the skipped rows document, ascending (rows of one range in page order). Rows
/// with an empty description or a cell that is no range are left out, as is every row of a
/// doc of string codes.
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
