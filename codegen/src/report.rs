//! What a new version of the doc changes for downstream crates.
//!
//! The generated crate's catalogue ([`crate::render::catalogue_markdown`]) records what the
//! crate holds now; [`compare`] reads it back and sets it against a new [`Catalog`]: codes
//! added, retired, removed, renamed, with a new description or a new HTTP status. Each kind
//! of change has a semver weight, and the heaviest decides the version bump.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, CodeKey, Entry, Text};
use crate::render::{RANGES_HEADING, RETIRED_HEADING, column};
use crate::source::SourceFile;

/// What a committed catalogue records: its codes, the methods its columns stand for, and the
/// ranges of codes it describes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordedCatalogue {
    /// Each code, as its row records it.
    pub codes: BTreeMap<CodeKey, Recorded>,
    /// The methods of `ErrorCode` that only some enums have, as the tables' columns say the
    /// enum has them: `http_status` (the `HTTP` column), `solution`, `message`.
    pub methods: BTreeSet<&'static str>,
    /// The ranges of codes the doc describes in one row, `(low, high)`, with their
    /// descriptions.
    pub ranges: BTreeMap<(i64, i64), String>,
}

/// One code as the committed catalogue records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The variant name.
    pub variant: String,
    /// The HTTP status; `None` in a catalogue without HTTP, or for a code without one.
    pub http_status: Option<u16>,
    /// The class, as its `ErrorKind` variant; `None` in a catalogue without classes (or one
    /// written before the catalogue recorded them).
    pub kind: Option<String>,
    /// The plain-text description.
    pub description: String,
    /// The plain-text solution, if the catalogue has a solution column and the code one.
    pub solution: Option<String>,
    /// The plain-text message, if the catalogue has a message column and the code one.
    pub message: Option<String>,
    /// Whether the code is marked retryable.
    pub retryable: bool,
    /// Whether the code is retired.
    pub retired: bool,
}

/// The methods that only some enums have, each with the column that stands for it.
const OPTIONAL_METHODS: [(&str, &str); 3] =
    [(column::HTTP, "http_status"), (column::SOLUTION, "solution"), (column::MESSAGE, "message")];

/// The methods a catalog gives its enum of those only some enums have.
fn methods(catalog: &Catalog) -> BTreeSet<&'static str> {
    let has = [catalog.has_http_status(), catalog.has_solution(), catalog.has_message()];
    OPTIONAL_METHODS.iter().zip(has).filter(|(_, has)| *has).map(|((_, method), _)| *method).collect()
}

/// Reads the codes back from a catalogue written by [`crate::render::catalogue_markdown`],
/// each table by its header's columns (so catalogues with and without the HTTP, solution and
/// message columns read alike). Lines that are not rows of its tables are skipped.
pub fn read_catalogue(markdown: &str) -> RecordedCatalogue {
    let mut catalogue = RecordedCatalogue::default();
    let (mut retired, mut ranges) = (false, false);
    let mut header: Vec<String> = Vec::new();
    for line in markdown.lines() {
        if line.starts_with("## ") {
            (retired, ranges) = (line == RETIRED_HEADING, line == RANGES_HEADING);
            header.clear();
            continue;
        }
        let cells = split_row(line);
        if cells.is_empty() {
            continue;
        }
        if header.is_empty() {
            header = cells.iter().map(|cell| unescape(cell)).collect();
            let named = |column: &str| header.iter().any(|name| name == column);
            if !ranges && named(column::CODE) {
                catalogue.methods.extend(OPTIONAL_METHODS.iter().filter(|(c, _)| named(c)).map(|(_, method)| *method));
            }
            continue;
        }
        if cells.len() != header.len() {
            continue;
        }
        let cell = |column: &str| header.iter().position(|name| name == column).map(|at| cells[at]);
        if ranges {
            let bound = |column: &str| cell(column).and_then(|cell| cell.parse::<i64>().ok());
            if let (Some(low), Some(high), Some(description)) =
                (bound(column::FROM), bound(column::TO), cell(column::DESCRIPTION))
            {
                catalogue.ranges.insert((low, high), unescape(description));
            }
            continue;
        }
        if let Some((code, recorded)) = code_row(&cell, retired) {
            catalogue.codes.insert(code, recorded);
        }
    }
    catalogue
}

/// A row of a table of codes, read through `cell` (a column's cell by its header); `None`
/// for the delimiter row and anything else that is no code's row.
fn code_row<'a>(cell: &dyn Fn(&str) -> Option<&'a str>, retired: bool) -> Option<(CodeKey, Recorded)> {
    let code = cell(column::CODE)?;
    let variant = cell(column::VARIANT)?.split('`').nth(1)?;
    let description = cell(column::DESCRIPTION)?.split(" <br> *Retired:* ").next().unwrap_or_default();
    let text = |column: &str| cell(column).filter(|cell| !cell.is_empty()).map(unescape);
    let recorded = Recorded {
        variant: variant.to_owned(),
        http_status: cell(column::HTTP).and_then(|status| status.parse::<u16>().ok()),
        kind: cell(column::KIND).and_then(|kind| kind.split('`').nth(1)).map(str::to_owned),
        description: unescape(description),
        solution: text(column::SOLUTION),
        message: text(column::MESSAGE),
        retryable: cell(column::RETRYABLE) == Some("yes"),
        retired,
    };
    Some((CodeKey::parse(&unescape(code)), recorded))
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
    /// Codes new to the crate.
    pub added: Vec<Added>,
    /// Codes the crate had and no longer has at all: `(code, variant)`.
    pub removed: Vec<(CodeKey, String)>,
    /// Codes that became retired: `(code, variant)`.
    pub retired: Vec<(CodeKey, String)>,
    /// New descriptions, rewordings and punctuation-only changes alike.
    pub descriptions: Vec<Reworded>,
    /// New solutions (gained, lost or reworded; a missing one is empty).
    pub solutions: Vec<Reworded>,
    /// New messages (gained, lost or reworded; a missing one is empty).
    pub messages: Vec<Reworded>,
    /// New HTTP statuses, a status gained or lost included: `(code, variant, old, new)`.
    pub statuses: Vec<(CodeKey, String, Option<u16>, Option<u16>)>,
    /// New classes (`ErrorKind` variants) of codes that had one: `(code, variant, old, new)`.
    /// `kind()` answers differently, so this is breaking even where the status stays.
    pub kinds: Vec<(CodeKey, String, String, String)>,
    /// New variant names: `(code, old, new, whether the old name is kept as an alias)`.
    pub renamed: Vec<(CodeKey, String, String, bool)>,
    /// New retry hints: `(code, variant, now retryable)`.
    pub retryable: Vec<(CodeKey, String, bool)>,
    /// Methods of `ErrorCode` the enum no longer has (`solution`, when no code has one).
    pub methods_removed: Vec<&'static str>,
    /// Methods of `ErrorCode` the enum has now (`http_status`, when a class has a status).
    pub methods_added: Vec<&'static str>,
    /// Ranges of codes described otherwise, added or removed.
    pub ranges: Vec<RangeChange>,
}

/// A range of codes the doc describes in one row, whose description changed, or that came or
/// went: what `description()` says of the unknown codes in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RangeChange {
    /// The range's first code.
    pub low: i64,
    /// The range's last code, inclusive.
    pub high: i64,
    /// Its description in the crate now; `None` for a new range.
    pub old: Option<String>,
    /// Its description in the doc now; `None` for a range the doc no longer has.
    pub new: Option<String>,
}

/// A code new to the crate, with what a reviewer must check before it is released: its class
/// and HTTP status, which a later release cannot change without breaking downstream code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    /// The code as the doc writes it.
    pub code: CodeKey,
    /// Its variant name.
    pub variant: String,
    /// The overlay's name for its class (`service`), if it has one.
    pub class: Option<String>,
    /// Its HTTP status, if it has one.
    pub http_status: Option<u16>,
    /// Its plain-text description.
    pub description: String,
}

/// A code whose description changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reworded {
    /// The code as the doc writes it.
    pub code: CodeKey,
    /// Its variant name.
    pub variant: String,
    /// The description the crate holds now.
    pub old: String,
    /// The description the doc gives now.
    pub new: String,
}

impl Reworded {
    /// Whether the two descriptions differ only in punctuation and whitespace (a trailing `。`,
    /// a full-width comma for a half-width one, a doubled space): a change no reader of the
    /// text would call a rewording.
    pub fn is_punctuation_only(&self) -> bool {
        let words = |text: &str| text.chars().filter(|&c| !is_punctuation_or_space(c)).collect::<String>();
        words(&self.old) == words(&self.new)
    }

    /// The new description with what changed marked inline, character by character:
    /// `无权限进入预[-订-]{+定+}会议` (removed text in `[-…-]`, added text in `{+…+}`, as
    /// `git diff --word-diff` writes them).
    pub fn inline_diff(&self) -> String {
        let diff = similar::TextDiff::from_chars(self.old.as_str(), self.new.as_str());
        // Runs of one tag, so that a changed word is one mark, not one per character.
        let mut runs: Vec<(similar::ChangeTag, String)> = Vec::new();
        for change in diff.iter_all_changes() {
            match runs.last_mut() {
                Some((tag, run)) if *tag == change.tag() => run.push_str(change.value()),
                _ => runs.push((change.tag(), change.value().to_owned())),
            }
        }
        runs.into_iter()
            .map(|(tag, run)| match tag {
                similar::ChangeTag::Equal => run,
                similar::ChangeTag::Delete => format!("[-{run}-]"),
                similar::ChangeTag::Insert => format!("{{+{run}+}}"),
            })
            .collect()
    }
}

/// Whether a character is punctuation or whitespace, in ASCII, in the general punctuation
/// block, or in the CJK and full-width forms a Chinese page uses (`。，、；：！？（）「」`).
fn is_punctuation_or_space(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        )
}

/// How much a change asks of downstream crates, in semver terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Text only: descriptions, solutions, messages, ranges' descriptions.
    Patch,
    /// Compatible additions: new codes (the enum is `#[non_exhaustive]`), retired ones
    /// (still variants, deprecated), changed retry hints and new methods.
    Minor,
    /// Breaking: a variant or a method removed, a variant renamed, or an HTTP status
    /// changed, gained or lost.
    Major,
}

/// Sets a new catalogue against the recorded one.
pub fn compare(recorded: &RecordedCatalogue, catalog: &Catalog) -> Changes {
    let mut changes = Changes::default();
    for entry in &catalog.entries {
        let key = entry.key();
        let Some(old) = recorded.codes.get(&key) else {
            let class = entry.class.and_then(|class| catalog.classes.get(class)).map(|class| class.name.clone());
            let (variant, http_status, description) = (entry.variant.clone(), entry.http_status, entry.text.clone());
            changes.added.push(Added { code: key, variant, class, http_status, description });
            continue;
        };
        let kind = entry.class.and_then(|class| catalog.classes.get(class)).map(|class| class.variant.as_str());
        compare_entry(&mut changes, old, entry, kind);
    }
    for (code, old) in &recorded.codes {
        if !catalog.entries.iter().any(|entry| entry.key() == *code) {
            changes.removed.push((code.clone(), old.variant.clone()));
        }
    }
    let now = methods(catalog);
    changes.methods_removed = recorded.methods.difference(&now).copied().collect();
    changes.methods_added = now.difference(&recorded.methods).copied().collect();
    let ranges: BTreeMap<(i64, i64), &str> =
        catalog.ranges.iter().map(|range| ((range.low, range.high), range.description.text.as_str())).collect();
    for (&(low, high), &new) in &ranges {
        let old = recorded.ranges.get(&(low, high));
        if old.map(String::as_str) != Some(new) {
            changes.ranges.push(RangeChange { low, high, old: old.cloned(), new: Some(new.to_owned()) });
        }
    }
    for (&(low, high), old) in &recorded.ranges {
        if !ranges.contains_key(&(low, high)) {
            changes.ranges.push(RangeChange { low, high, old: Some(old.clone()), new: None });
        }
    }
    changes.ranges.sort();
    changes
}

/// What changed for a code the crate had.
fn compare_entry(changes: &mut Changes, old: &Recorded, entry: &Entry, kind: Option<&str>) {
    let key = entry.key();
    let variant = || entry.variant.clone();
    if entry.retired.is_some() && !old.retired {
        changes.retired.push((key.clone(), variant()));
    }
    if old.variant != entry.variant {
        let aliased = entry.former_variants.contains(&old.variant);
        changes.renamed.push((key.clone(), old.variant.clone(), variant(), aliased));
    }
    if old.http_status != entry.http_status {
        changes.statuses.push((key.clone(), variant(), old.http_status, entry.http_status));
    }
    if let (Some(old_kind), Some(new_kind)) = (&old.kind, kind)
        && old_kind != new_kind
    {
        changes.kinds.push((key.clone(), variant(), old_kind.clone(), new_kind.to_owned()));
    }
    if old.retryable != entry.retryable {
        changes.retryable.push((key.clone(), variant(), entry.retryable));
    }
    let reworded = |old: Option<&str>, new: Option<&Text>| {
        let (old, new) = (old.unwrap_or_default(), new.map_or("", |new| new.text.as_str()));
        (old != new).then(|| Reworded {
            code: key.clone(),
            variant: variant(),
            old: old.to_owned(),
            new: new.to_owned(),
        })
    };
    changes.solutions.extend(reworded(old.solution.as_deref(), entry.solution.as_ref()));
    changes.messages.extend(reworded(old.message.as_deref(), entry.message.as_ref()));
    if old.description != entry.text {
        let (old, new) = (old.description.clone(), entry.text.clone());
        changes.descriptions.push(Reworded { code: key, variant: variant(), old, new });
    }
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.bump() == Bump::None
    }

    /// The version bump the changes need.
    pub fn bump(&self) -> Bump {
        if !self.removed.is_empty()
            || !self.renamed.is_empty()
            || !self.statuses.is_empty()
            || !self.kinds.is_empty()
            || !self.methods_removed.is_empty()
        {
            Bump::Major
        } else if !self.added.is_empty()
            || !self.retired.is_empty()
            || !self.retryable.is_empty()
            || !self.methods_added.is_empty()
        {
            Bump::Minor
        } else if !self.descriptions.is_empty()
            || !self.solutions.is_empty()
            || !self.messages.is_empty()
            || !self.ranges.is_empty()
        {
            Bump::Patch
        } else {
            Bump::None
        }
    }

    /// The report, one line per code under a heading per kind of change (rewordings apart from
    /// punctuation-only changes, what changed marked inside each line), ending with the
    /// verdict for downstream crates and the version `package` at `version` needs next.
    pub fn render(&self, package: &str, version: &str) -> String {
        let mut text = String::new();
        group(&mut text, "codes added", &self.added, |added| {
            let Added { code, variant, class, http_status, description } = added;
            let class = class.as_ref().map(|class| format!("class `{class}`"));
            let facts: Vec<String> =
                class.into_iter().chain(http_status.map(|status| format!("HTTP {status}"))).collect();
            match facts.is_empty() {
                true => format!("{code} {variant}: {description}"),
                false => format!("{code} {variant} ({}): {description}", facts.join(", ")),
            }
        });
        group(&mut text, "codes removed", &self.removed, |(code, variant)| format!("{code} {variant}"));
        group(&mut text, "codes retired (kept as deprecated variants)", &self.retired, |(code, variant)| {
            format!("{code} {variant}")
        });
        let (punctuation, reworded): (Vec<&Reworded>, Vec<&Reworded>) =
            self.descriptions.iter().partition(|change| change.is_punctuation_only());
        let description = |change: &&Reworded| change_line(change);
        group(&mut text, "descriptions reworded", &reworded, description);
        group(&mut text, "descriptions changed in punctuation or spacing only", &punctuation, description);
        group(&mut text, "solutions changed", &self.solutions, change_line);
        group(&mut text, "messages changed", &self.messages, change_line);
        group(&mut text, "ranges of codes described otherwise", &self.ranges, |range| {
            let RangeChange { low, high, old, new } = range;
            let change = Reworded {
                code: CodeKey::Int(*low),
                variant: String::new(),
                old: old.clone().unwrap_or_default(),
                new: new.clone().unwrap_or_default(),
            };
            let what = match (old, new) {
                (None, _) => " (new)",
                (_, None) => " (gone)",
                _ => "",
            };
            format!("{low}..={high}{what}: {}", change.inline_diff())
        });
        group(&mut text, "HTTP status changed", &self.statuses, |(code, variant, old, new)| {
            let status = |status: &Option<u16>| status.map_or_else(|| "none".to_owned(), |status| status.to_string());
            format!("{code} {variant}: {} -> {}", status(old), status(new))
        });
        group(&mut text, "class changed", &self.kinds, |(code, variant, old, new)| {
            format!("{code} {variant}: ErrorKind::{old} -> ErrorKind::{new}")
        });
        group(&mut text, "methods removed", &self.methods_removed, |method| format!("ErrorCode::{method}"));
        group(&mut text, "methods added", &self.methods_added, |method| format!("ErrorCode::{method}"));
        group(&mut text, "names changed", &self.renamed, |(code, old, new, aliased)| {
            let alias = if *aliased { " (the old name stays as a deprecated alias)" } else { "" };
            format!("{code} {old} -> {new}{alias}")
        });
        group(&mut text, "retry hint changed", &self.retryable, |(code, variant, now)| {
            format!("{code} {variant}: {}", if *now { "now retryable" } else { "no longer retryable" })
        });
        text.push_str(&self.verdict(package, version));
        text
    }

    /// The last line of the report: what the changes mean downstream, and the release.
    fn verdict(&self, package: &str, version: &str) -> String {
        let next = next_version(version, self.bump());
        let list = |counts: &[(usize, &str, &str)]| {
            let parts: Vec<String> = counts
                .iter()
                .copied()
                .filter(|(n, ..)| *n > 0)
                .map(|(n, one, many)| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") })
                .collect();
            parts.join(", ")
        };
        match self.bump() {
            Bump::None => format!("no change to the catalogue of {package}\n"),
            Bump::Patch => format!(
                "compatible: only {} changed (Display text differs); {package} needs a patch release: {version} -> \
                 {next}\n",
                self.texts_changed()
            ),
            Bump::Minor => format!(
                "compatible: {}; ErrorCode is #[non_exhaustive], so downstream code still compiles; {package} needs \
                 a compatible release (semver minor; below 1.0, the last number): {version} -> {next}\n",
                list(&[
                    (self.added.len(), "code added", "codes added"),
                    (self.retired.len(), "code retired", "codes retired"),
                    (self.retryable.len(), "retry hint changed", "retry hints changed"),
                    (self.methods_added.len(), "method added", "methods added"),
                ])
            ),
            Bump::Major => format!(
                "BREAKING: {}; downstream code may stop compiling or behave differently; {package} needs a \
                 breaking release (semver major; below 1.0, the middle number): {version} -> {next}\n",
                list(&[
                    (self.removed.len(), "code removed", "codes removed"),
                    (self.renamed.len(), "variant renamed", "variants renamed"),
                    (self.statuses.len(), "HTTP status changed", "HTTP statuses changed"),
                    (self.kinds.len(), "class changed", "classes changed"),
                    (self.methods_removed.len(), "method removed", "methods removed"),
                ])
            ),
        }
    }
}

impl Changes {
    /// The kinds of text that changed, in words: `descriptions`, `descriptions and solutions`.
    fn texts_changed(&self) -> String {
        let kinds = [
            (!self.descriptions.is_empty(), "descriptions"),
            (!self.solutions.is_empty(), "solutions"),
            (!self.messages.is_empty(), "messages"),
            (!self.ranges.is_empty(), "the descriptions of ranges of codes"),
        ];
        let kinds: Vec<&str> = kinds.into_iter().filter(|(changed, _)| *changed).map(|(_, kind)| kind).collect();
        match kinds.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => "texts".to_owned(),
        }
    }
}

/// A changed text's line in the report: the code, its variant, the new text with what
/// changed marked inline.
fn change_line(change: &Reworded) -> String {
    format!("{} {}: {}", change.code, change.variant, change.inline_diff())
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
    let Some((major, minor, patch)) = parse_version(version) else {
        return format!("(the next version after {version})");
    };
    let (major, minor, patch) = match (bump, major) {
        (Bump::None, _) => (major, minor, patch),
        (Bump::Major, 0) => (0, minor + 1, 0),
        (Bump::Major, _) => (major + 1, 0, 0),
        (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch + 1),
        (Bump::Minor, _) => (major, minor + 1, 0),
    };
    format!("{major}.{minor}.{patch}")
}

/// The least version of the generated crate a catalogue's codes need, as `gen` records it in
/// the catalogue: the version the crate had when the catalogue last changed, raised by what
/// the change asked for. `gen --check` fails while the crate's manifest is below it, so a
/// forgotten version bump is caught by CI rather than by a reader of the report.
///
/// The record is an HTML comment on the catalogue's second line, invisible in rustdoc:
/// `<!-- needs tencent-meeting-errors >= 0.1.1 -->`.
pub fn stamp(catalogue: &str, package: &str, version: &str) -> String {
    let line = format!("<!-- needs {package} >= {version} -->\n");
    match catalogue.split_once('\n') {
        Some((first, rest)) if first.starts_with("<!--") => format!("{first}\n{line}{rest}"),
        _ => format!("{line}{catalogue}"),
    }
}

/// The version a catalogue records with [`stamp`], if it has one.
pub fn stamped_version(catalogue: &str) -> Option<&str> {
    catalogue.lines().take(2).find_map(|line| {
        let rest = line.strip_prefix("<!-- needs ")?.strip_suffix(" -->")?;
        Some(rest.split_once(" >= ")?.1)
    })
}

/// A version as `(major, minor, patch)`; `None` for anything but three numbers (a pre-release
/// such as `1.0.0-rc.1` included).
pub fn parse_version(version: &str) -> Option<(u64, u64, u64)> {
    let mut parts = version.split('.').map(|part| part.parse::<u64>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

/// The larger of two versions; `a` when either does not parse.
pub fn max_version<'a>(a: &'a str, b: &'a str) -> &'a str {
    match (parse_version(a), parse_version(b)) {
        (Some(x), Some(y)) if y > x => b,
        _ => a,
    }
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
        let message =
            format!("code {} (`ErrorCode::{variant}`) is no longer in the doc, and is not retired", code.prose());
        let help = format!(
            "keep it for downstream crates: add `[retired.{}]` to {} with `reason = \"...\"` and its last \
             `description`, and keep its name",
            code.toml_key(),
            overlay.path
        );
        diagnostics.push(Diagnostic::new(doc, 0..0, message).help(help));
    }
    for (code, old, new, aliased) in &changes.renamed {
        if *aliased {
            continue;
        }
        let message = format!("code {} was `ErrorCode::{old}` and would become `ErrorCode::{new}`", code.prose());
        let help = format!(
            "keep the old name as a deprecated alias: add `{} = [\"{old}\"]` under `[renamed]`",
            code.toml_key()
        );
        diagnostics.push(Diagnostic::new(overlay, name_span(overlay, code), message).help(help));
    }
    diagnostics
}

/// The position of a code's key in the overlay (`9003 = ...` or `"Auth.Failure" = ...` at the
/// start of a line), or the file's start if it is written otherwise.
fn name_span(overlay: &SourceFile, code: &CodeKey) -> std::ops::Range<usize> {
    let key = code.toml_key();
    let mut offset = 0;
    for line in overlay.text.split_inclusive('\n') {
        if line.strip_prefix(&key).is_some_and(|rest| rest.trim_start().starts_with('=')) {
            return offset..offset + key.len();
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
    fn the_stamp_reads_back_and_orders_versions() {
        let catalogue = "<!-- @generated by x. Do not edit. -->\n## Error codes\n";
        let stamped = stamp(catalogue, "crate-name", "0.1.1");
        assert_eq!(
            stamped,
            "<!-- @generated by x. Do not edit. -->\n<!-- needs crate-name >= 0.1.1 -->\n## Error codes\n"
        );
        assert_eq!(stamped_version(&stamped), Some("0.1.1"));
        assert_eq!(stamped_version(catalogue), None);
        assert_eq!(parse_version("0.10.2"), Some((0, 10, 2)));
        assert_eq!(parse_version("1.0.0-rc.1"), None);
        assert_eq!(parse_version("1.0"), None);
        assert_eq!(max_version("0.1.9", "0.1.10"), "0.1.10");
        assert_eq!(max_version("0.2.0", "0.1.10"), "0.2.0");
    }

    #[test]
    fn punctuation_only_changes_are_told_apart_and_marked_inline() {
        let change = |old: &str, new: &str| Reworded {
            code: CodeKey::Int(1),
            variant: "V".to_owned(),
            old: old.to_owned(),
            new: new.to_owned(),
        };
        assert!(change("会议不存在", "会议不存在。").is_punctuation_only());
        assert!(change("a, b", "a，b").is_punctuation_only());
        assert!(!change("无权限进入预订会议", "无权限进入预定会议").is_punctuation_only());
        assert_eq!(change("无权限进入预订会议", "无权限进入预定会议").inline_diff(), "无权限进入预[-订-]{+定+}会议");
        assert_eq!(
            change("会议数量超过限制", "会议并发数量超过限制。").inline_diff(),
            "会议{+并发+}数量超过限制{+。+}"
        );
    }

    #[test]
    fn escaped_cells_read_back() {
        let line = r"| 7 | [`A`](crate::ErrorCode::A) | 500 |  | a \| b \\ \* c |";
        assert_eq!(split_row(line).len(), 5);
        assert_eq!(unescape(split_row(line)[4]), r"a | b \ * c");
    }
}
