//! The catalog: a page and its overlay checked against each other, what emit and the report read.

use super::{CodeKey, CodeKind, Facts};

/// A doc and its overlay checked against each other: every documented or retired code,
/// ascending. What the page does not give is not there (no classes, no HTTP, a fact no code has).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The documented and the retired codes, ascending.
    pub entries: Vec<Entry>,
    /// The classes, in the overlay's order, or one per HTTP status of the doc; maybe none.
    pub classes: Vec<ClassInfo>,
    /// The kind of every code, known even without entries.
    pub code_kind: CodeKind,
    /// The ranges of integer codes the doc describes in one row, ascending.
    pub ranges: Vec<CodeRange>,
    /// The per-code facts codes may have; [`Entry::facts`] is indexed by them.
    pub facts: Facts,
    /// The page's own language (`[doc] lang`), when the overlay gives it.
    pub lang: Option<String>,
}

impl Catalog {
    /// Whether any class gives an HTTP status: only then has the generated enum HTTP methods.
    pub fn has_http_status(&self) -> bool {
        self.classes.iter().any(|class| class.http_status.is_some())
    }

    /// Whether any code has the fact at an index of [`Catalog::facts`].
    pub fn has_fact(&self, fact: usize) -> bool {
        self.entries.iter().any(|entry| entry.facts.get(fact).is_some_and(Option::is_some))
    }

    /// Whether every code is in a class (not so for an empty cell of the doc's HTTP column).
    pub fn every_code_has_a_class(&self) -> bool {
        self.entries.iter().all(|entry| entry.class.is_some())
    }

    /// Whether every class gives an HTTP status.
    pub fn every_class_has_a_status(&self) -> bool {
        self.classes.iter().all(|class| class.http_status.is_some())
    }
}

/// Integer codes the doc describes in one row whose code cell is a range (`301000~301099`):
/// none is a variant, but the row's text describes each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRange {
    /// The first code of the range.
    pub low: i64,
    /// The last code of the range, inclusive.
    pub high: i64,
    /// The code cell as written.
    pub cell: String,
    /// The row's description.
    pub description: Text,
}

/// One documented (or retired) error code, ready to emit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The code as the doc writes it: `9003`, or `OperationDenied.Suspended`.
    pub code: CodeKey,
    /// The English name from the overlay.
    pub name: String,
    /// The Rust variant name made from `name` (`MeetingNotExist`).
    pub variant: String,
    /// The index of its class in [`Catalog::classes`], if it has one.
    pub class: Option<usize>,
    /// The HTTP status the code answers with, if the doc or its class gives one.
    pub http_status: Option<u16>,
    /// The description as Markdown, for doc comments (several rows' joined, see [`Text`]).
    pub markdown: String,
    /// The description as plain text, for `Display` and `description()`.
    pub text: String,
    /// Each fact of [`Catalog::facts`], at its index: `None` where the code has none.
    pub facts: Vec<Option<Text>>,
    /// Whether retrying later may succeed (the overlay's `retryable`).
    pub retryable: bool,
    /// Set when the doc no longer lists the code or strikes it through: why it is deprecated.
    pub retired: Option<String>,
    /// Former variant names, kept as deprecated aliases.
    pub former_variants: Vec<String>,
}

/// A text of the doc in its two forms, like a [`Cell`](super::Cell)'s; several rows' texts are joined
/// (`<br>` in Markdown, ` / ` in plain text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The Markdown, for doc comments.
    pub markdown: String,
    /// The plain text a reader sees: markup stripped, whitespace collapsed.
    pub text: String,
}

impl Entry {
    /// The code's value of the fact at an index of [`Catalog::facts`], if it has one.
    pub fn fact(&self, fact: usize) -> Option<&Text> {
        self.facts.get(fact).and_then(Option::as_ref)
    }
}

/// A class as the catalog uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassInfo {
    /// The overlay's name for it (`request`).
    pub name: String,
    /// Its `ErrorKind` variant (`Request`).
    pub variant: String,
    /// Its HTTP status; `None` for a class that only groups codes.
    pub http_status: Option<u16>,
    /// The ranges of integer codes the overlay gives it, inclusive, as written there.
    pub ranges: Vec<(i64, i64)>,
    /// Whether codes in no class's ranges fall in it.
    pub default: bool,
}
