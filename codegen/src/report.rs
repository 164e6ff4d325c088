//! What a new version of the doc changes for downstream crates.
//!
//! The generated crate's catalogue ([`crate::render::catalogue_markdown`]) records what the
//! crate holds now; [`compare`] reads it back and sets it against a new [`Catalog`]: codes
//! added, retired, removed, renamed, with a new description or a new HTTP status. Each kind
//! of change has a semver weight, and the heaviest decides the version bump.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, CodeKey};
use crate::render::RETIRED_HEADING;
use crate::source::SourceFile;

/// One code as the committed catalogue records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The variant name.
    pub variant: String,
    /// The HTTP status.
    pub http_status: u16,
    /// The plain-text description.
    pub description: String,
    /// Whether the code is marked retryable.
    pub retryable: bool,
    /// Whether the code is retired.
    pub retired: bool,
}

/// Reads the codes back from a catalogue written by [`crate::render::catalogue_markdown`].
/// Lines that are not rows of its tables are skipped.
pub fn read_catalogue(markdown: &str) -> BTreeMap<CodeKey, Recorded> {
    let mut codes = BTreeMap::new();
    let mut retired = false;
    for line in markdown.lines() {
        if line.starts_with("## ") {
            retired = line == RETIRED_HEADING;
            continue;
        }
        let cells = split_row(line);
        let [code, variant, status, retryable, description] = cells.as_slice() else { continue };
        let Ok(http_status) = status.parse::<u16>() else { continue };
        let code = CodeKey::parse(&unescape(code));
        let Some(variant) = variant.split('`').nth(1) else { continue };
        let description = description.split(" <br> *Retired:* ").next().unwrap_or_default();
        codes.insert(
            code,
            Recorded {
                variant: variant.to_owned(),
                http_status,
                description: unescape(description),
                retryable: *retryable == "yes",
                retired,
            },
        );
    }
    codes
}

/// The cells of a table row `| a | b \| c |`, trimmed, still escaped.
fn split_row(line: &str) -> Vec<&str> {
    let Some(inner) = line.strip_prefix("| ").and_then(|line| line.strip_suffix(" |")) else { return Vec::new() };
    let mut cells = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '|' => {
                cells.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    cells.push(inner[start..].trim());
    cells
}

fn unescape(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        plain.push(if c == '\\' { chars.next().unwrap_or('\\') } else { c });
    }
    plain
}

/// Everything a new catalogue changes against the recorded one, one list per kind of change,
/// each sorted by code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Codes new to the crate: `(code, variant, description)`.
    pub added: Vec<(CodeKey, String, String)>,
    /// Codes the crate had and no longer has at all: `(code, variant)`.
    pub removed: Vec<(CodeKey, String)>,
    /// Codes that became retired: `(code, variant)`.
    pub retired: Vec<(CodeKey, String)>,
    /// New descriptions: `(code, variant, old, new)`.
    pub descriptions: Vec<(CodeKey, String, String, String)>,
    /// New HTTP statuses: `(code, variant, old, new)`.
    pub statuses: Vec<(CodeKey, String, u16, u16)>,
    /// New variant names: `(code, old, new, whether the old name is kept as an alias)`.
    pub renamed: Vec<(CodeKey, String, String, bool)>,
    /// New retry hints: `(code, variant, now retryable)`.
    pub retryable: Vec<(CodeKey, String, bool)>,
}

/// How much a change asks of downstream crates, in semver terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Text only: descriptions.
    Patch,
    /// Compatible additions: new codes (the enum is `#[non_exhaustive]`), retired ones
    /// (still variants, deprecated) and changed retry hints.
    Minor,
    /// Breaking: a variant removed or renamed, or an HTTP status changed.
    Major,
}

/// Sets a new catalogue against the recorded one.
pub fn compare(recorded: &BTreeMap<CodeKey, Recorded>, catalog: &Catalog) -> Changes {
    let mut changes = Changes::default();
    for entry in &catalog.entries {
        let key = entry.key();
        let Some(old) = recorded.get(&key) else {
            changes.added.push((key.clone(), entry.variant.clone(), entry.text.clone()));
            continue;
        };
        if entry.retired.is_some() && !old.retired {
            changes.retired.push((key.clone(), entry.variant.clone()));
        }
        if old.variant != entry.variant {
            let aliased = entry.former_variants.contains(&old.variant);
            changes.renamed.push((key.clone(), old.variant.clone(), entry.variant.clone(), aliased));
        }
        if old.http_status != entry.http_status {
            changes.statuses.push((key.clone(), entry.variant.clone(), old.http_status, entry.http_status));
        }
        if old.retryable != entry.retryable {
            changes.retryable.push((key.clone(), entry.variant.clone(), entry.retryable));
        }
        if old.description != entry.text {
            changes.descriptions.push((
                key.clone(),
                entry.variant.clone(),
                old.description.clone(),
                entry.text.clone(),
            ));
        }
    }
    for (code, old) in recorded {
        if !catalog.entries.iter().any(|entry| entry.key() == *code) {
            changes.removed.push((code.clone(), old.variant.clone()));
        }
    }
    changes
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.bump() == Bump::None
    }

    /// The version bump the changes need.
    pub fn bump(&self) -> Bump {
        if !self.removed.is_empty() || !self.renamed.is_empty() || !self.statuses.is_empty() {
            Bump::Major
        } else if !self.added.is_empty() || !self.retired.is_empty() || !self.retryable.is_empty() {
            Bump::Minor
        } else if !self.descriptions.is_empty() {
            Bump::Patch
        } else {
            Bump::None
        }
    }

    /// The report, one line per code under a heading per kind of change, ending with the
    /// verdict for downstream crates and the version `package` at `version` needs next.
    pub fn render(&self, package: &str, version: &str) -> String {
        let mut text = String::new();
        group(&mut text, "codes added", &self.added, |(code, variant, text)| format!("{code} {variant}: {text}"));
        group(&mut text, "codes removed", &self.removed, |(code, variant)| format!("{code} {variant}"));
        group(&mut text, "codes retired (kept as deprecated variants)", &self.retired, |(code, variant)| {
            format!("{code} {variant}")
        });
        group(&mut text, "descriptions changed", &self.descriptions, |(code, variant, old, new)| {
            format!("{code} {variant}: {old} -> {new}")
        });
        group(&mut text, "HTTP status changed", &self.statuses, |(code, variant, old, new)| {
            format!("{code} {variant}: {old} -> {new}")
        });
        group(&mut text, "names changed", &self.renamed, |(code, old, new, aliased)| {
            let alias = if *aliased { " (the old name stays as a deprecated alias)" } else { "" };
            format!("{code} {old} -> {new}{alias}")
        });
        group(&mut text, "retry hint changed", &self.retryable, |(code, variant, now)| {
            format!("{code} {variant}: {}", if *now { "now retryable" } else { "no longer retryable" })
        });
        let next = next_version(version, self.bump());
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what}")),
            n => Some(format!("{n} {what}s")),
        };
        let breaking: Vec<String> = [
            count(self.removed.len(), "code removed"),
            count(self.renamed.len(), "variant renamed"),
            count(self.statuses.len(), "HTTP status changed"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let compatible: Vec<String> = [
            count(self.added.len(), "code added"),
            count(self.retired.len(), "code retired"),
            count(self.retryable.len(), "retry hint changed"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let _ = match self.bump() {
            Bump::None => writeln!(text, "no change to the catalogue of {package}"),
            Bump::Patch => writeln!(
                text,
                "compatible: only descriptions changed (Display text differs); {package} needs a patch release: \
                 {version} -> {next}"
            ),
            Bump::Minor => writeln!(
                text,
                "compatible: {}; ErrorCode is #[non_exhaustive], so downstream code still compiles; {package} needs \
                 a compatible release (semver minor; below 1.0, the last number): {version} -> {next}",
                compatible.join(", ")
            ),
            Bump::Major => writeln!(
                text,
                "BREAKING: {}; downstream code may stop compiling or behave differently; {package} needs a \
                 breaking release (semver major; below 1.0, the middle number): {version} -> {next}",
                breaking.join(", ")
            ),
        };
        text
    }
}

fn group<T>(text: &mut String, title: &str, items: &[T], line: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(text, "{title} ({}):", items.len());
    for item in items {
        let _ = writeln!(text, "  {}", line(item));
    }
}

/// The version after `version` for a bump, by Cargo's semver rules: below 1.0.0 the minor
/// number is the breaking one and the patch number the compatible one.
pub fn next_version(version: &str, bump: Bump) -> String {
    let parts: Vec<u64> = version.split('.').map_while(|part| part.parse().ok()).collect();
    let [major, minor, patch] = parts[..] else { return format!("(the next version after {version})") };
    let (major, minor, patch) = match (bump, major) {
        (Bump::None, _) => (major, minor, patch),
        (Bump::Major, 0) => (0, minor + 1, 0),
        (Bump::Major, _) => (major + 1, 0, 0),
        (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch + 1),
        (Bump::Minor, _) => (major, minor + 1, 0),
    };
    format!("{major}.{minor}.{patch}")
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// The changes that would break downstream code without a word, as diagnostics: a code that
/// left the doc without being retired, and a rename that does not keep the old name.
pub fn continuity(changes: &Changes, doc: &SourceFile, overlay: &SourceFile) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (code, variant) in &changes.removed {
        let message = format!("code {code} (`ErrorCode::{variant}`) is no longer in the doc, and is not retired");
        let help = format!(
            "keep it for downstream crates: add `[retired.{code}]` to {} with `reason = \"...\"` and its last \
             `description`, and keep its name",
            overlay.path
        );
        diagnostics.push(Diagnostic::new(doc, 0..0, message).help(help));
    }
    for (code, old, new, aliased) in &changes.renamed {
        if *aliased {
            continue;
        }
        let message = format!("code {code} was `ErrorCode::{old}` and would become `ErrorCode::{new}`");
        let help = format!("keep the old name as a deprecated alias: add `{code} = [\"{old}\"]` under `[renamed]`");
        diagnostics.push(Diagnostic::new(overlay, name_span(overlay, code), message).help(help));
    }
    diagnostics
}

/// The position of a code's key in the overlay (`9003 = ...` at the start of a line), or the
/// file's start if it is written otherwise.
fn name_span(overlay: &SourceFile, code: &CodeKey) -> std::ops::Range<usize> {
    let key = format!("{code} ");
    let mut offset = 0;
    for line in overlay.text.split_inclusive('\n') {
        if line.starts_with(&key) || line.starts_with(&format!("{code}=")) {
            return offset..offset + code.to_string().len();
        }
        offset += line.len();
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_semver() {
        assert_eq!(next_version("0.1.0", Bump::Major), "0.2.0");
        assert_eq!(next_version("0.1.0", Bump::Minor), "0.1.1");
        assert_eq!(next_version("0.1.3", Bump::Patch), "0.1.4");
        assert_eq!(next_version("1.2.3", Bump::Major), "2.0.0");
        assert_eq!(next_version("1.2.3", Bump::Minor), "1.3.0");
        assert_eq!(next_version("1.2.3", Bump::None), "1.2.3");
    }

    #[test]
    fn escaped_cells_read_back() {
        let line = r"| 7 | [`A`](crate::ErrorCode::A) | 500 |  | a \| b \\ \* c |";
        assert_eq!(split_row(line).len(), 5);
        assert_eq!(unescape(split_row(line)[4]), r"a | b \ * c");
    }
}
