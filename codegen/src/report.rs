//! What a new version of the doc changes for downstream crates: the committed catalogue
//! ([`crate::catalogue::read`]) set against a new [`Catalog`], each kind of change with its
//! semver weight ([`crate::semver`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalogue::{Recorded, RecordedCode};
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, CodeKey, Entry};
use crate::semver::{Bump, next_version};
use crate::shape::Shape;
use crate::source::SourceFile;

/// Everything a new catalogue changes against the recorded one, one list per kind of change,
/// each sorted by code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Codes new to the crate.
    pub added: Vec<Added>,
    /// Codes the crate had and no longer has at all.
    pub removed: Vec<CodeRef>,
    /// Codes that became retired.
    pub retired: Vec<CodeRef>,
    /// New descriptions, rewordings and punctuation-only changes alike.
    pub descriptions: Vec<Reworded>,
    /// New values of each fact (gained, lost or reworded; a missing one is empty), for each
    /// fact of the new catalogue or the recorded one, by its label.
    pub facts: Vec<FactChanges>,
    /// New HTTP statuses, a status gained or lost included.
    pub statuses: Vec<Answer<Option<u16>>>,
    /// New classes (`ErrorKind` variants) of codes that had one.
    pub kinds: Vec<Answer<String>>,
    /// New retry hints.
    pub retryable: Vec<Answer<bool>>,
    /// New variant names.
    pub renamed: Vec<Renamed>,
    /// Methods of `ErrorCode` the enum no longer has (`solution`, when no code has one).
    pub methods_removed: Vec<String>,
    /// Methods of `ErrorCode` the enum has now (`http_status`, when a class has a status).
    pub methods_added: Vec<String>,
    /// Ranges of codes described otherwise, added or removed.
    pub ranges: Vec<RangeChange>,
}

/// A code and its variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRef {
    /// The code as the doc writes it.
    pub code: CodeKey,
    /// Its variant name.
    pub variant: String,
}

/// A code whose answer to a method changed: what callers' code branching on it sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer<T> {
    /// The code and its variant.
    pub code: CodeRef,
    /// The answer the crate gives now.
    pub old: T,
    /// The answer the doc gives now.
    pub new: T,
}

/// A code whose variant name changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// The code.
    pub code: CodeKey,
    /// The variant name the crate has now.
    pub old: String,
    /// The variant name the doc and overlay give now.
    pub new: String,
    /// Whether the old name is kept as a deprecated alias (`[renamed]`).
    pub aliased: bool,
}

/// The changed values of one fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactChanges {
    /// What the fact's column holds, in words (`solutions`).
    pub plural: String,
    /// Each code whose value changed.
    pub changes: Vec<Reworded>,
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
    /// The code and its variant.
    pub code: CodeRef,
    /// The overlay's name for its class (`service`), if it has one.
    pub class: Option<String>,
    /// Its HTTP status, if it has one.
    pub http_status: Option<u16>,
    /// Its plain-text description.
    pub description: String,
}

/// A code whose text (a description, a fact) changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reworded {
    /// The code and its variant.
    pub code: CodeRef,
    /// The text the crate holds now.
    pub old: String,
    /// The text the doc gives now.
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
        inline_diff(&self.old, &self.new)
    }
}

/// `new` with what changed from `old` marked inline (see [`Reworded::inline_diff`]).
fn inline_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_chars(old, new);
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

/// Sets a new catalogue against the recorded one.
pub fn compare(recorded: &Recorded, catalog: &Catalog) -> Changes {
    let mut changes = Changes::default();
    let mut facts: BTreeMap<&str, FactChanges> = BTreeMap::new();
    for (_, fact) in catalog.facts.iter() {
        facts.insert(&fact.label, FactChanges { plural: fact.plural.clone(), changes: Vec::new() });
    }
    for entry in &catalog.entries {
        let Some(old) = recorded.codes.get(&entry.code) else {
            let class = entry.class.and_then(|class| catalog.classes.get(class)).map(|class| class.name.clone());
            let code = CodeRef { code: entry.code.clone(), variant: entry.variant.clone() };
            changes.added.push(Added { code, class, http_status: entry.http_status, description: entry.text.clone() });
            continue;
        };
        let kind = entry.class.and_then(|class| catalog.classes.get(class)).map(|class| class.variant.as_str());
        compare_entry(&mut changes, old, entry, kind);
        for (index, fact) in catalog.facts.iter() {
            let (old, new) = (old.facts.get(&fact.label).map_or("", String::as_str), entry.fact(index));
            let new = new.map_or("", |new| new.text.as_str());
            if old != new {
                let change = Reworded { code: code_ref(entry), old: old.to_owned(), new: new.to_owned() };
                facts
                    .entry(&fact.label)
                    .or_insert_with(|| FactChanges { plural: fact.plural.clone(), changes: Vec::new() })
                    .changes
                    .push(change);
            }
        }
    }
    changes.facts = facts.into_values().filter(|fact| !fact.changes.is_empty()).collect();
    for (code, old) in &recorded.codes {
        if catalog.entries.binary_search_by(|entry| entry.code.cmp(code)).is_err() {
            changes.removed.push(CodeRef { code: code.clone(), variant: old.variant.clone() });
        }
    }
    let now: std::collections::BTreeSet<String> =
        Shape::of(catalog).methods(&catalog.facts).into_iter().map(|method| method.name).collect();
    changes.methods_removed = recorded.methods.difference(&now).cloned().collect();
    changes.methods_added = now.difference(&recorded.methods).cloned().collect();
    changes.ranges = compare_ranges(recorded, catalog);
    changes
}

/// The ranges of codes described otherwise, added or removed, in order.
fn compare_ranges(recorded: &Recorded, catalog: &Catalog) -> Vec<RangeChange> {
    let mut changes = Vec::new();
    let ranges: BTreeMap<(i64, i64), &str> =
        catalog.ranges.iter().map(|range| ((range.low, range.high), range.description.text.as_str())).collect();
    for (&(low, high), &new) in &ranges {
        let old = recorded.ranges.get(&(low, high));
        if old.map(String::as_str) != Some(new) {
            changes.push(RangeChange { low, high, old: old.cloned(), new: Some(new.to_owned()) });
        }
    }
    for (&(low, high), old) in &recorded.ranges {
        if !ranges.contains_key(&(low, high)) {
            changes.push(RangeChange { low, high, old: Some(old.clone()), new: None });
        }
    }
    changes.sort();
    changes
}

fn code_ref(entry: &Entry) -> CodeRef {
    CodeRef { code: entry.code.clone(), variant: entry.variant.clone() }
}

/// What changed for a code the crate had, but its facts.
fn compare_entry(changes: &mut Changes, old: &RecordedCode, entry: &Entry, kind: Option<&str>) {
    if entry.retired.is_some() && !old.retired {
        changes.retired.push(code_ref(entry));
    }
    if old.variant != entry.variant {
        let aliased = entry.former_variants.contains(&old.variant);
        let (code, old, new) = (entry.code.clone(), old.variant.clone(), entry.variant.clone());
        changes.renamed.push(Renamed { code, old, new, aliased });
    }
    if old.http_status != entry.http_status {
        changes.statuses.push(Answer { code: code_ref(entry), old: old.http_status, new: entry.http_status });
    }
    if let (Some(old_kind), Some(new_kind)) = (&old.kind, kind)
        && old_kind != new_kind
    {
        changes.kinds.push(Answer { code: code_ref(entry), old: old_kind.clone(), new: new_kind.to_owned() });
    }
    if old.retryable != entry.retryable {
        changes.retryable.push(Answer { code: code_ref(entry), old: old.retryable, new: entry.retryable });
    }
    if old.description != entry.text {
        let (old, new) = (old.description.clone(), entry.text.clone());
        changes.descriptions.push(Reworded { code: code_ref(entry), old, new });
    }
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.bump() == Bump::None
    }

    /// How many codes answer a method otherwise: an HTTP status, a class or a retry hint.
    fn answers(&self) -> usize {
        self.statuses.len() + self.kinds.len() + self.retryable.len()
    }

    /// The version bump the changes need.
    pub fn bump(&self) -> Bump {
        if !self.removed.is_empty()
            || !self.renamed.is_empty()
            || self.answers() > 0
            || !self.methods_removed.is_empty()
        {
            Bump::Major
        } else if !self.added.is_empty() || !self.retired.is_empty() || !self.methods_added.is_empty() {
            Bump::Minor
        } else if !self.descriptions.is_empty() || !self.facts.is_empty() || !self.ranges.is_empty() {
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
        group(&mut text, "codes added", &self.added, Added::line);
        group(&mut text, "codes removed", &self.removed, CodeRef::line);
        group(&mut text, "codes retired (kept as deprecated variants)", &self.retired, CodeRef::line);
        let (punctuation, reworded): (Vec<&Reworded>, Vec<&Reworded>) =
            self.descriptions.iter().partition(|change| change.is_punctuation_only());
        group(&mut text, "descriptions reworded", &reworded, |change| change.line());
        group(&mut text, "descriptions changed in punctuation or spacing only", &punctuation, |change| change.line());
        for fact in &self.facts {
            group(&mut text, &format!("{} changed", fact.plural), &fact.changes, Reworded::line);
        }
        group(&mut text, "ranges of codes described otherwise", &self.ranges, RangeChange::line);
        let status = |status: &Option<u16>| status.map_or_else(|| "none".to_owned(), |status| status.to_string());
        group(&mut text, "HTTP status changed", &self.statuses, |change| {
            format!("{}: {} -> {}", change.code.line(), status(&change.old), status(&change.new))
        });
        group(&mut text, "class changed", &self.kinds, |change| {
            format!("{}: ErrorKind::{} -> ErrorKind::{}", change.code.line(), change.old, change.new)
        });
        group(&mut text, "retry hint changed", &self.retryable, |change| {
            format!("{}: {}", change.code.line(), if change.new { "now retryable" } else { "no longer retryable" })
        });
        group(&mut text, "methods removed", &self.methods_removed, |method| format!("ErrorCode::{method}"));
        group(&mut text, "methods added", &self.methods_added, |method| format!("ErrorCode::{method}"));
        group(&mut text, "names changed", &self.renamed, |renamed| {
            let alias = if renamed.aliased { " (the old name stays as a deprecated alias)" } else { "" };
            format!("{} {} -> {}{alias}", renamed.code, renamed.old, renamed.new)
        });
        text.push_str(&self.verdict(package, version));
        text
    }

    /// The last line of the report: what the changes mean downstream, and the release.
    fn verdict(&self, package: &str, version: &str) -> String {
        let next = next_version(version, self.bump());
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
                counted(&[
                    (self.added.len(), "code added", "codes added"),
                    (self.retired.len(), "code retired", "codes retired"),
                    (self.methods_added.len(), "method added", "methods added"),
                ])
            ),
            Bump::Major => format!(
                "BREAKING: {}; downstream code may stop compiling, or branch otherwise on what a code answers; \
                 {package} needs a breaking release (semver major; below 1.0, the middle number): {version} -> \
                 {next}\n",
                counted(&[
                    (self.removed.len(), "code removed", "codes removed"),
                    (self.renamed.len(), "variant renamed", "variants renamed"),
                    (self.answers(), "code answers otherwise", "codes answer otherwise"),
                    (self.methods_removed.len(), "method removed", "methods removed"),
                ])
            ),
        }
    }

    /// The kinds of text that changed, in words: `descriptions`, `descriptions and solutions`.
    fn texts_changed(&self) -> String {
        let mut kinds: Vec<&str> = Vec::new();
        kinds.extend((!self.descriptions.is_empty()).then_some("descriptions"));
        kinds.extend(self.facts.iter().map(|fact| fact.plural.as_str()));
        kinds.extend((!self.ranges.is_empty()).then_some("the descriptions of ranges of codes"));
        match kinds.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => "texts".to_owned(),
        }
    }
}

/// Counts in words, those that are not zero: `1 code added, 2 codes retired`.
fn counted(counts: &[(usize, &str, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|&(n, one, many)| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") })
        .collect();
    parts.join(", ")
}

impl CodeRef {
    /// `9003 MeetingNotExist`.
    fn line(&self) -> String {
        format!("{} {}", self.code, self.variant)
    }
}

impl Added {
    /// The code, its class and status where it has them, and its description.
    fn line(&self) -> String {
        let class = self.class.as_ref().map(|class| format!("class `{class}`"));
        let facts: Vec<String> =
            class.into_iter().chain(self.http_status.map(|status| format!("HTTP {status}"))).collect();
        match facts.is_empty() {
            true => format!("{}: {}", self.code.line(), self.description),
            false => format!("{} ({}): {}", self.code.line(), facts.join(", "), self.description),
        }
    }
}

impl Reworded {
    /// The code, its variant, the new text with what changed marked inline.
    fn line(&self) -> String {
        format!("{}: {}", self.code.line(), self.inline_diff())
    }
}

impl RangeChange {
    /// The range, whether it is new or gone, and its new description marked inline.
    fn line(&self) -> String {
        let (old, new) = (self.old.clone().unwrap_or_default(), self.new.clone().unwrap_or_default());
        let what = match (&self.old, &self.new) {
            (None, _) => " (new)",
            (_, None) => " (gone)",
            _ => "",
        };
        format!("{}..={}{what}: {}", self.low, self.high, inline_diff(&old, &new))
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

/// The changes that would break downstream code without a word, as diagnostics: a code that
/// left the doc without being retired, and a rename that does not keep the old name.
pub fn continuity(changes: &Changes, doc: &SourceFile, overlay: &SourceFile) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for CodeRef { code, variant } in &changes.removed {
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
    for Renamed { code, old, new, aliased } in &changes.renamed {
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
    fn punctuation_only_changes_are_told_apart_and_marked_inline() {
        let change = |old: &str, new: &str| Reworded {
            code: CodeRef { code: CodeKey::Int(1), variant: "V".to_owned() },
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
}
