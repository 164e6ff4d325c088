//! The overlay's `[doc] ignore` against the page: each entry names lines the parser did not
//! read, so that a stale entry does not hide lines added later.

use super::Inputs;
use crate::diagnostic::Diagnostic;
use crate::model::Ignore;

/// Each `[doc] ignore` entry that names no lines the parser left unread.
pub(super) fn unused_ignores(inputs: &Inputs<'_>) -> Vec<Diagnostic> {
    let unread = &inputs.doc.unread;
    let unused = inputs
        .overlay
        .doc
        .ignore
        .iter()
        .filter(|ignore| !unread.iter().any(|unread| crate::parse::ignore_covers(&ignore.value, unread)));
    unused
        .map(|ignore| {
            let what = match &ignore.value {
                Ignore::Line(line) => format!("line {line}"),
                Ignore::Heading(text) => format!("a heading with `{text}`"),
            };
            let message =
                format!("`ignore` names {what}, where no lines that look like a table or codes outside a table start");
            let listed: Vec<String> = unread.iter().map(|unread| format!("line {}", unread.line)).collect();
            let help = match listed.as_slice() {
                [] => "remove the entry: the page has nothing left to ignore".to_owned(),
                _ => format!("remove the entry, or name where such lines start: {}", listed.join(", ")),
            };
            inputs.in_overlay(ignore.span.clone(), message).help(help)
        })
        .collect()
}
