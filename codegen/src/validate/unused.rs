//! The overlay's entries about rows that match no row: `[doc.pick]`, `[descriptions]` and
//! `[doc] skip` entries that are stale.

use std::collections::{BTreeMap, BTreeSet};

use super::Inputs;
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKey, Row};

/// The `[doc.pick]` entries that pick no row; also the codes whose pick took none of their
/// rows, whose other overlay entries are then not reported.
pub(super) fn picks(inputs: &Inputs<'_>, grouped: &BTreeMap<CodeKey, Vec<&Row>>) -> (Vec<Diagnostic>, Vec<CodeKey>) {
    let mut diagnostics = Vec::new();
    let mut picked_nothing = Vec::new();
    for (code, picked) in &inputs.overlay.doc.pick {
        let (found, picked) = (grouped.get(&code.value).map_or(0, |rows| rows.len() as i64), picked.value);
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

/// The overlay's `[descriptions]` entries for codes the doc does not list.
pub(super) fn descriptions(
    inputs: &Inputs<'_>,
    grouped: &BTreeMap<CodeKey, Vec<&Row>>,
    rejected: &BTreeSet<CodeKey>,
) -> Vec<Diagnostic> {
    let unlisted = inputs.overlay.descriptions.iter().filter(|given| {
        let code = &given.code.value;
        !grouped.contains_key(code) && !rejected.contains(code) && !inputs.doc.rows.is_empty()
    });
    unlisted
        .map(|given| {
            let code = &given.code.value;
            let message = format!(
                "a description is given for code {}, which {} does not list",
                code.prose(),
                inputs.doc_file.path
            );
            inputs.in_overlay(given.code.span.clone(), message).help(format!(
                "remove this line; a code the doc no longer lists keeps its last description under `[retired.{}]`",
                code.toml_key()
            ))
        })
        .collect()
}

/// Each `[doc] skip` entry that leaves no row out: a stale exclusion.
pub(super) fn skips(inputs: &Inputs<'_>) -> Vec<Diagnostic> {
    let unused = inputs
        .overlay
        .doc
        .skip
        .iter()
        .filter(|skip| !inputs.doc.left_out.iter().any(|row| row.code.text == skip.value));
    unused
        .map(|skip| {
            let message = format!("`skip` names `{}`, which no code cell of the error-code table holds", skip.value);
            inputs
                .in_overlay(skip.span.clone(), message)
                .help("write the code cell exactly as the doc does, or remove the entry")
        })
        .collect()
}
