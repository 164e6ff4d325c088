//! Step 2: the documented codes and the overlay's retired ones together.

use std::collections::{BTreeMap, BTreeSet};

use super::text::{HIDDEN_HELP, hidden_name, is_hidden};
use super::{Described, Documented, Inputs, Known};
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKey, Retired};

/// Every documented and retired code; reports a code both, and bad retired texts. Also
/// returns the retired codes reported, whose other overlay entries are then not reported.
pub(super) fn known<'a>(
    inputs: &Inputs<'a>,
    rows: &'a BTreeMap<CodeKey, Documented<'a>>,
) -> ((Known<'a>, BTreeSet<CodeKey>), Vec<Diagnostic>) {
    let mut known: Known<'a> = rows.iter().map(|(code, row)| (code.clone(), Described::Row(row))).collect();
    let mut rejected = BTreeSet::new();
    let mut diagnostics = Vec::new();
    for retired in inputs.overlay.retired.iter() {
        let code = &retired.code.value;
        if let Some(row) = rows.get(code) {
            let message = format!("code {} is retired, but the doc still lists it", code.prose());
            diagnostics.push(
                inputs
                    .in_overlay(retired.code.span.clone(), message)
                    .label(inputs.doc_file, row.row.code.span.clone(), "listed here")
                    .help(format!(
                        "remove `[retired.{}]`: only codes the doc no longer lists are retired",
                        code.toml_key()
                    )),
            );
            continue;
        }
        if let Some(diagnostic) = unusable(inputs, retired) {
            diagnostics.push(diagnostic);
            rejected.insert(code.clone());
            continue;
        }
        known.insert(code.clone(), Described::Retired(retired));
    }
    ((known, rejected), diagnostics)
}

/// Why a retired code's texts cannot be used: an empty description, or a hidden character.
fn unusable(inputs: &Inputs<'_>, retired: &Retired) -> Option<Diagnostic> {
    let code = retired.code.value.prose();
    if retired.description.value.trim().is_empty() {
        let message = format!("retired code {code} has an empty description");
        return Some(
            inputs.in_overlay(retired.description.span.clone(), message).help("copy its last description from the doc"),
        );
    }
    let (what, text, c) = [("description", &retired.description), ("reason", &retired.reason)]
        .into_iter()
        .find_map(|(what, text)| text.value.chars().find(|&c| is_hidden(c)).map(|c| (what, text, c)))?;
    let message = format!("the {what} of retired code {code} contains {}", hidden_name(c));
    Some(inputs.in_overlay(text.span.clone(), message).help(HIDDEN_HELP))
}
