//! What a doc changes in the crate, as `gen` and `report` both say it: its new catalogue set
//! against a recorded one, under a heading naming the spec files the change came from.

use std::path::Path;

use errtab_codegen::catalogue;
use errtab_codegen::report::{self, Changes};

use crate::git;
use crate::specs::{Generated, Spec};

/// A doc's new catalogue set against the recorded one.
pub fn compare(recorded: &str, generated: &Generated) -> Changes {
    report::compare(&catalogue::read(recorded), &generated.output.catalog)
}

/// The spec files a doc's change came from: those that differ from `rev`, or all of them when
/// git cannot tell or none differs.
pub fn sources(root: &Path, rev: &str, spec: &Spec) -> Vec<String> {
    let mut all = vec![spec.doc.as_str(), spec.overlay.as_str()];
    all.extend(spec.versions.iter().map(|(_, path)| path.as_str()));
    match git::differing(root, rev, &all) {
        Some(differing) if !differing.is_empty() => differing,
        _ => all.into_iter().map(str::to_owned).collect(),
    }
}

/// The report's heading for a doc's changes: `changes in spec/a.md and spec/a.toml:`.
pub fn heading(sources: &[String]) -> String {
    let listed = match sources {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => sources.join(""),
    };
    format!("changes in {listed}:\n")
}
