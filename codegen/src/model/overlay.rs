//! The overlay as written: the decisions the page does not make, each value with its span.

use std::ops::Range;

use super::{CodeKey, CodeKind, Facts, Role, Spanned};

/// The decisions the doc does not make, as the overlay file writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overlay {
    /// Classes of codes (with their HTTP status, if they have one), in the file's order.
    pub classes: Vec<Class>,
    /// English names, keyed by code, in the file's order.
    pub names: Vec<Name>,
    /// Codes the doc no longer lists but the generated crate keeps, deprecated.
    pub retired: Vec<Retired>,
    /// Former variant names of renamed codes, kept as deprecated aliases.
    pub renamed: Vec<Renamed>,
    /// Codes worth retrying later (rate limits), as the overlay lists them.
    pub retryable: Vec<Spanned<CodeKey>>,
    /// How to read the doc: which table, which rows to leave out, what kind of codes.
    pub doc: DocOptions,
    /// Header texts naming the column of each role, where the synonyms do not find it.
    pub columns: Columns,
    /// How variant names are made when `[names]` does not give one.
    pub naming: Naming,
    /// Descriptions for codes the doc lists with an empty description cell, keyed by code.
    pub descriptions: Vec<GivenDescription>,
    /// The per-code facts the page may have.
    pub facts: Facts,
    /// The values of facts the overlay gives ([`Source::Overlay`](super::Source::Overlay)), each in its section.
    pub fact_values: Vec<FactValue>,
}

/// A fact's value the overlay gives a code (`[rate_limit_window] 190310 = "1 minute"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactValue {
    /// The fact, by its index in [`Facts`].
    pub fact: usize,
    /// The code, as the overlay's key.
    pub code: Spanned<CodeKey>,
    /// The value, as written.
    pub value: Spanned<String>,
}

/// The overlay's `[doc]`: how to read the doc.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocOptions {
    /// Text in the heading above the table to use, when the page has several candidates.
    pub table: Option<Spanned<String>>,
    /// Whether several candidate tables are merged into one.
    pub merge: Option<Spanned<bool>>,
    /// What kind of codes the doc has (`codes = "string"`); integers when not said.
    pub codes: Option<Spanned<CodeKind>>,
    /// Code cells, as written, whose rows are left out on purpose (ranges such as
    /// `301000~301099`). These are cell texts, not codes: most of them are what no single
    /// code can be.
    pub skip: Vec<Spanned<String>>,
    /// The page's published address, which relative links of code cells resolve against.
    pub url: Option<Spanned<String>>,
    /// Each code's documentation address with `{code}` for the code, for a page that links none.
    pub code_url: Option<Spanned<String>>,
    /// For a code written in several rows, the occurrence (1-based) that counts.
    pub pick: Vec<(Spanned<CodeKey>, Spanned<i64>)>,
    /// The page's own language, as a language tag (`[doc] lang = "zh"`): what
    /// `description_in` answers `description()` for, beside the page's versions in other
    /// languages.
    pub lang: Option<Spanned<String>>,
    /// Lines the user has seen and that hold no codes to read (`ignore = [12, "SDK"]`): each
    /// a line where lines that look like a table or codes outside a table start, or text of
    /// the heading above them.
    pub ignore: Vec<Spanned<Ignore>>,
    /// Where the page writes its codes, when not in a table (`codes_in = "headings"`).
    pub codes_in: Option<Spanned<CodesIn>>,
    /// Sections of the page made modules of their own (`partner_sdk = "Partner SDK"`).
    pub sections: Vec<Section>,
    /// The index in `sections` of the one being generated, which the caller chooses
    /// ([`crate::Config::generate_section`]), not the file: its tables are read as if `table`
    /// named its heading and `merge` were true.
    pub reading: Option<usize>,
}

/// A section of the page made its own module: an entry of `[doc.sections]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The module's name (`partner_sdk`), the entry's key.
    pub module: Spanned<String>,
    /// Text of the heading above the section's tables.
    pub heading: Spanned<String>,
}

/// An entry of `[doc] ignore`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignore {
    /// The line, counted from 1, where the ignored lines start.
    Line(usize),
    /// Text of the heading above the ignored lines.
    Heading(String),
}

/// Where a page writes its codes (`[doc] codes_in`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CodesIn {
    /// In a table's code column, the default.
    #[default]
    Tables,
    /// At the start of headings (`### -1000 UNKNOWN`), the messages as a list under each.
    Headings,
    /// At the start of list items (`- 1000 Unknown error`).
    List,
}

impl DocOptions {
    /// The kind of codes the doc has: what `codes` says, integers by default.
    pub fn code_kind(&self) -> CodeKind {
        self.codes.as_ref().map_or(CodeKind::Integer, |kind| kind.value)
    }

    /// Where the page writes its codes: what `codes_in` says, tables by default.
    pub fn codes_in(&self) -> CodesIn {
        self.codes_in.as_ref().map_or(CodesIn::Tables, |codes_in| codes_in.value)
    }
}

/// The overlay's `[columns]`: the header text of each role's column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// Each role the overlay names a column for, in the file's order.
    pub named: Vec<ColumnName>,
}

impl Columns {
    /// The header text the overlay names for a role, if it names one.
    pub fn get(&self, role: Role) -> Option<&ColumnName> {
        self.named.iter().find(|named| named.role == role)
    }
}

/// One entry of `[columns]`: `code = "模块错误码"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnName {
    /// The role (`code`).
    pub role: Role,
    /// Where the key is written.
    pub key: Range<usize>,
    /// The header text of the column.
    pub header: Spanned<String>,
}

/// The overlay's `[naming]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Naming {
    /// A prefix to strip from the doc's name column (`kTMSDKError`).
    pub strip_prefix: Option<Spanned<String>>,
    /// `fallback = "code"`: a code with no other name is named after itself (`E9003`).
    pub fallback_to_code: Option<Spanned<bool>>,
}

/// A code the doc no longer lists, kept so downstream code still compiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retired {
    /// The code.
    pub code: Spanned<CodeKey>,
    /// Why it was retired; becomes the `#[deprecated]` note.
    pub reason: Spanned<String>,
    /// Its last description in the doc.
    pub description: Spanned<String>,
}

/// The former variant names of a code whose English name changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renamed {
    /// The code.
    pub code: Spanned<CodeKey>,
    /// Former variant names (`MeetingNotExist`), oldest first.
    pub former: Vec<Spanned<String>>,
}

/// A class of errors, such as the doc's "API request errors: 400": codes with one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    /// The class's name (`request`), its key in the overlay.
    pub name: Spanned<String>,
    /// The HTTP status of every code of the class; `None` for a class that only groups codes.
    pub status: Option<Spanned<i64>>,
    /// Inclusive ranges in this class; a single code (every string code) is a range of one.
    pub ranges: Vec<Spanned<(CodeKey, CodeKey)>>,
    /// Whether codes in no class's ranges belong to this one; set on at most one class.
    pub default: Option<Spanned<bool>>,
}

/// A description the overlay gives a code whose description cell is empty (`[descriptions]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenDescription {
    /// The code, as the overlay's key.
    pub code: Spanned<CodeKey>,
    /// The description.
    pub text: Spanned<String>,
}

/// An English name given to a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The code, as the overlay's key.
    pub code: Spanned<CodeKey>,
    /// The English name (`Meeting not exist`).
    pub name: Spanned<String>,
}
