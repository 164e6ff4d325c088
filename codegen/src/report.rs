//! What a new version of the doc changes for downstream crates: the committed catalogue set
//! against a new [`Catalog`], each change with its semver weight.

use std::collections::BTreeMap;

use crate::catalogue::{Recorded, RecordedCode};
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, CodeKey, Entry};
use crate::semver::Bump;
use crate::shape::Shape;
use crate::source::SourceFile;

mod render;

pub use render::code_span;

/// Everything a new catalogue changes against the recorded one, per kind, sorted by code.
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
    /// Each fact's changed values (gained, lost or reworded), by its label.
    pub facts: Vec<FactChanges>,
    /// New HTTP statuses, a status gained or lost included.
    pub statuses: Vec<Answer<Option<u16>>>,
    /// New classes (`ErrorKind` variants) of codes that had one.
    pub kinds: Vec<Answer<String>>,
    /// New retry hints.
    pub retryable: Vec<Answer<bool>>,
    /// New variant names.
    pub renamed: Vec<Renamed>,
    /// Methods of `ErrorCode` the enum no longer has (a fact's, when no code has it).
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
    /// What the fact's column holds, in words (`messages`).
    pub plural: String,
    /// Each code whose value changed.
    pub changes: Vec<Reworded>,
}

/// A range of codes described in one row whose description changed, came or went.
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

/// A new code, with its class and HTTP status, which a later release cannot change.
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
    /// In the default class but next to another class's range: that class and range.
    pub adjacent: Option<Adjacent>,
}

/// A class's range a new code lies right beside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjacent {
    /// The class (`request`).
    pub class: String,
    /// Its range as the overlay writes it.
    pub range: (i64, i64),
    /// The range widened to hold the code.
    pub widened: (i64, i64),
}

/// The range of another class a code of the default class is one past, if any.
fn adjacent(catalog: &Catalog, entry: &Entry) -> Option<Adjacent> {
    let (code, class) = (entry.code.as_int()?, catalog.classes.get(entry.class?)?);
    if !class.default {
        return None;
    }
    catalog.classes.iter().filter(|other| !other.default).find_map(|other| {
        other.ranges.iter().find_map(|&(low, high)| {
            let widened = match code {
                _ if Some(code) == high.checked_add(1) => (low, code),
                _ if Some(code) == low.checked_sub(1) => (code, high),
                _ => return None,
            };
            Some(Adjacent { class: other.name.clone(), range: (low, high), widened })
        })
    })
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
    /// Whether the descriptions differ only in punctuation and whitespace (a trailing `。`).
    pub fn is_punctuation_only(&self) -> bool {
        let words = |text: &str| text.chars().filter(|&c| !is_punctuation_or_space(c)).collect::<String>();
        words(&self.old) == words(&self.new)
    }

    /// The new description with changes marked as `git diff --word-diff` does:
    /// `无权限进入预[-订-]{+定+}会议`.
    pub fn inline_diff(&self) -> String {
        render::Style::TEXT.inline_diff(&self.old, &self.new)
    }
}

/// The runs of text kept, removed and added from `old` to `new`, character by character.
fn diff_runs(old: &str, new: &str) -> Vec<(similar::ChangeTag, String)> {
    let diff = similar::TextDiff::from_chars(old, new);
    let mut runs: Vec<(similar::ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some((tag, run)) if *tag == change.tag() => run.push_str(change.value()),
            _ => runs.push((change.tag(), change.value().to_owned())),
        }
    }
    runs
}

/// Whether a character is ASCII, general or CJK punctuation or whitespace.
fn is_punctuation_or_space(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        )
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
            let description = entry.text.clone();
            let adjacent = adjacent(catalog, entry);
            changes.added.push(Added { code, class, http_status: entry.http_status, description, adjacent });
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

/// Changes that break downstream code silently: a code gone but not retired, a rename without the old name.
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

/// Where a code's key starts a line of the overlay, else the file's start.
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
