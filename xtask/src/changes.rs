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

/// The spec files a doc's change came from: those of its doc and overlay that differ from
/// `rev`, or both when git cannot tell (no repository) or neither differs (the catalogue
/// was behind the spec).
pub fn sources(root: &Path, rev: &str, spec: &Spec) -> Vec<String> {
    let both = [spec.doc.as_str(), spec.overlay.as_str()];
    match git::differing(root, rev, &both) {
        Some(differing) if !differing.is_empty() => differing,
        _ => both.map(str::to_owned).to_vec(),
    }
}

/// The report's heading for a doc's changes: `changes in spec/a.md:`, or
/// `changes in spec/a.md and spec/a.toml:`.
pub fn heading(sources: &[String]) -> String {
    format!("changes in {}:\n", sources.join(" and "))
}
