//! What a doc changes in the crate, as `gen` and `report` both say it: its new catalogue set
//! against a recorded one, under a heading naming the spec files the change came from.

use std::path::Path;

use errtab_codegen::catalogue;
use errtab_codegen::report::{self, Changes};

use crate::git;
use crate::specs::{Generated, Spec};

/// A doc's new catalogue set against the recorded one (`generated/src/NAME.md`, as committed
/// or as the last `gen` wrote it).
pub fn compare(recorded: &str, generated: &Generated) -> Changes {
    report::compare(&catalogue::read(recorded), &generated.output.catalog)
}

/// The spec files a doc's change came from: those of its doc, overlay and versions in other
/// languages that differ from `rev`, or all of them when git cannot tell (no repository) or
/// none differs (the catalogue was behind the spec).
pub fn sources(root: &Path, rev: &str, spec: &Spec) -> Vec<String> {
    let mut all = vec![spec.doc.as_str(), spec.overlay.as_str()];
    all.extend(spec.versions.iter().map(|(_, path)| path.as_str()));
    match git::differing(root, rev, &all) {
        Some(differing) if !differing.is_empty() => differing,
        _ => all.into_iter().map(str::to_owned).collect(),
    }
}

/// Items in words: `a`, `a and b`, `a, b and c`.
pub fn listed(items: &[String]) -> String {
    match items {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

/// The report's heading for a doc's changes: `changes in spec/a.md:`,
/// `changes in spec/a.md and spec/a.toml:`, `changes in spec/a.md, spec/a.toml and spec/a.en.md:`;
/// for a section of a page, `changes in section `spot` of spec/a.md:`.
pub fn heading(sources: &[String], section: Option<&str>) -> String {
    let listed = listed(sources);
    match section {
        Some(section) => format!("changes in section `{section}` of {listed}:\n"),
        None => format!("changes in {listed}:\n"),
    }
}
