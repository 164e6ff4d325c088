//! Plain data: what the doc and the overlay say ([`Doc`], [`Overlay`]), and what the
//! validator makes of them together ([`Catalog`]), the only thing the emitter reads.
//!
//! Every value that came from a file keeps the byte range it came from, so a later stage can
//! point at it without going back to the text.

use std::ops::Range;

pub use crate::fact::{Fact, Facts, Source, Value};

/// A value read from a file, with the byte range it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    /// Pairs a value with its byte range.
    pub fn new(value: T, span: Range<usize>) -> Spanned<T> {
        Spanned { value, span }
    }
}

/// The error-code table of a doc, row by row, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// The table's rows, in the doc's order.
    pub rows: Vec<Row>,
    /// The code cells of rows the parser has reported and left out (a row with too few or
    /// too many cells), so that the validator does not report their names as unused.
    pub skipped: Vec<Cell>,
    /// The rows the overlay's `[doc] skip` leaves out on purpose, whole (their code cell
    /// as written, not split into codes), so that `inspect` still shows them.
    pub excluded: Vec<Row>,
    /// Every table on the page and what the parser made of it, for `inspect`.
    pub tables: Vec<TableInfo>,
    /// What on the page may document codes but is not read: lines that look like a table,
    /// headings and list items that start with a code. Each is reported unless the
    /// overlay's `[doc] ignore` names it (or `codes_in` reads it).
    pub unread: Vec<Unread>,
}

/// Lines of the page that may document codes but are not read as a table's rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// The lines, from the first to the last.
    pub span: Range<usize>,
    /// The line the lines start at, counted from 1, as `[doc] ignore` names them.
    pub line: usize,
    /// The text of the last heading above them.
    pub heading: Option<String>,
    /// What they are and lack, as a sentence's predicate (`have no delimiter row ...`).
    pub problem: String,
    /// Whether the overlay's `[doc] ignore` says the user has seen them.
    pub ignored: bool,
}

/// A table of the page as the parser saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableInfo {
    /// The header row.
    pub span: Range<usize>,
    /// The text of the last heading above the table.
    pub heading: Option<String>,
    /// The header cells' text.
    pub header: Vec<String>,
    /// Each role found, with its column and why it was chosen.
    pub roles: Vec<(Role, usize, String)>,
    /// Columns without a role whose header holds a role's header text (`模块错误码` holds
    /// `错误码`): the overlay's `[columns]` may give them the role instead.
    pub alternatives: Vec<(Role, usize)>,
    /// The number of rows.
    pub rows: usize,
    /// Whether the error-code rows were read from this table.
    pub chosen: bool,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Codes.
    Code,
    /// Descriptions.
    Description,
    /// Names.
    Name,
    /// HTTP statuses.
    Http,
    /// A per-code fact: the index of its declaration in [`Facts`].
    Fact(usize),
}

impl Role {
    /// What the role's column holds, in words.
    pub fn plural(self, facts: &Facts) -> &str {
        match self {
            Role::Code => "codes",
            Role::Description => "descriptions",
            Role::Name => "names",
            Role::Http => "HTTP statuses",
            Role::Fact(fact) => &facts.get(fact).plural,
        }
    }

    /// The role's name in the overlay's `[columns]`.
    pub fn key(self, facts: &Facts) -> &str {
        match self {
            Role::Code => "code",
            Role::Description => "description",
            Role::Name => "name",
            Role::Http => "http",
            Role::Fact(fact) => &facts.get(fact).key,
        }
    }

    /// Every role, in the order columns are given them.
    pub fn all(facts: &Facts) -> Vec<Role> {
        let facts = facts.iter().filter(|(_, fact)| fact.source == Source::Column).map(|(index, _)| Role::Fact(index));
        [Role::Code, Role::Description, Role::Name, Role::Http].into_iter().chain(facts).collect()
    }
}

/// One row of the error-code table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The whole row.
    pub span: Range<usize>,
    /// The code cell, as written (it is read as a number by the validator).
    pub code: Cell,
    /// The description cell.
    pub description: Cell,
    /// The name cell, when the table has a name column.
    pub name: Option<Cell>,
    /// The HTTP status cell, when the table has an HTTP column.
    pub http: Option<Cell>,
    /// The cell of each fact, at its index in [`Facts`]; `None` where the table has no
    /// column for it.
    pub facts: Vec<Option<Cell>>,
    /// Whether the page strikes the code through (`~~10018~~`): it shows the code
    /// deprecated.
    pub struck: bool,
    /// The text of the heading above the row's table (or above its code, when codes are
    /// written outside tables): the section of the page it is in.
    pub section: Option<String>,
}

impl Row {
    /// The row's cell of the fact at an index of [`Facts`], if its table has that column.
    pub fn fact(&self, fact: usize) -> Option<&Cell> {
        self.facts.get(fact).and_then(Option::as_ref)
    }
}

/// One table cell in its two forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The cell's content, without the padding around it.
    pub span: Range<usize>,
    /// The Markdown source, trimmed: links stay links. Used in doc comments.
    pub markdown: String,
    /// The text a reader sees: markup stripped, link text kept, whitespace collapsed.
    pub text: String,
}

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
    /// The values of facts the overlay gives ([`Source::Overlay`]), each in its section.
    pub fact_values: Vec<FactValue>,
}

/// A fact's value the overlay gives a code, in the section named after the fact
/// (`[rate_limit_window]` `190310 = "1 minute"`).
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
    /// What kind of codes the doc has (`codes = "string"` or `"integer"`), when the overlay
    /// says; integers otherwise.
    pub codes: Option<Spanned<CodeKind>>,
    /// Code cells, as written, whose rows are left out on purpose (ranges such as
    /// `301000~301099`). These are cell texts, not codes: most of them are what no single
    /// code can be.
    pub skip: Vec<Spanned<String>>,
    /// The page's published address (`[doc] url`), which relative links of its code cells
    /// are resolved against.
    pub url: Option<Spanned<String>>,
    /// The address of each code's documentation, with `{code}` for the code
    /// (`[doc] code_url`), for a page whose code cells are not links.
    pub code_url: Option<Spanned<String>>,
    /// For a code written in several rows: which occurrence (1-based, in doc order) counts;
    /// without one, the texts of all its rows are joined.
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
    /// Sections of the page that hold separate code spaces, each made its own module
    /// (`[doc.sections] partner_sdk = "Partner SDK"`), in the file's order.
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
    /// `"code"`: a code with no other name is named after the code itself (`E9003`, or the
    /// string code). Only when the overlay opts in.
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

/// A class of errors, such as the doc's "API request errors: 400": a group of codes, which
/// share one HTTP status when the overlay gives one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    /// The class's name (`request`), its key in the overlay.
    pub name: Spanned<String>,
    /// The HTTP status every code of the class answers with; `None` for a class that only
    /// groups codes (an SDK's callbacks, codes sent with any status).
    pub status: Option<Spanned<i64>>,
    /// Inclusive code ranges in this class; a single code, and so every string code, is a
    /// range of one.
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

/// A doc and its overlay, checked against each other: every documented or retired code with
/// its name, variant, class, HTTP status and texts. Entries are in ascending code order.
///
/// What the page does not give is not there: a catalog without classes has no kinds, one
/// whose classes give no status has no HTTP, a fact no code has is not there
/// ([`Catalog::has_http_status`] and [`Catalog::has_fact`] say which), and the emitter then
/// makes no method for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// The documented and the retired codes, ascending.
    pub entries: Vec<Entry>,
    /// The classes, in the overlay's order, or one per HTTP status of the doc's HTTP column;
    /// none when neither gives any.
    pub classes: Vec<ClassInfo>,
    /// The kind of every code: what the overlay's `[doc] codes` says, so that a catalog
    /// with no entries still knows.
    pub code_kind: CodeKind,
    /// The ranges of integer codes the doc describes in one row (`301000~301099`), which the
    /// overlay's `[doc] skip` leaves out of the entries, in ascending order.
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

    /// Whether every code is in a class (always so for the overlay's classes; a code whose
    /// cell of the doc's HTTP column is empty is in none).
    pub fn every_code_has_a_class(&self) -> bool {
        self.entries.iter().all(|entry| entry.class.is_some())
    }

    /// Whether every class gives an HTTP status.
    pub fn every_class_has_a_status(&self) -> bool {
        self.classes.iter().all(|class| class.http_status.is_some())
    }
}

/// Integer codes the doc describes together, in one row whose code cell is a range
/// (`301000~301099`, `610000-619999`): the doc does not say which of them exist, so none is
/// a variant, but the row's text is what the doc says of each.
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
    /// The code as the doc writes it: `9003`, or `OperationDenied.Suspended` in a doc of
    /// string codes.
    pub code: CodeKey,
    /// The English name from the overlay.
    pub name: String,
    /// The Rust variant name made from `name` (`MeetingNotExist`).
    pub variant: String,
    /// The index of the code's class in [`Catalog::classes`]; `None` in a catalog without
    /// classes, and for a code whose cell of the doc's HTTP column is empty.
    pub class: Option<usize>,
    /// The HTTP status the code answers with, if the doc or its class gives one.
    pub http_status: Option<u16>,
    /// The description as Markdown, for doc comments. A code the doc writes in several
    /// rows has their descriptions joined, in page order (see [`Text`]).
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

/// A text of the doc in its two forms, like a [`Cell`]'s. The texts of a code written in
/// several rows are joined in page order, each distinct text once: the Markdown with `<br>`
/// (one line, as a table cell holds it), the plain text with ` / `.
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

/// What kind of codes a doc has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// Decimal integers that fit `i64` (`9003`), the default.
    #[default]
    Integer,
    /// Words (`InvalidParameter`, `OperationDenied.Suspended`), with `[doc] codes = "string"`.
    String,
}

/// A code as written, ordered as the catalog orders it: numbers by value, strings by text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeKey {
    /// An integer code.
    Int(i64),
    /// A string code.
    Str(String),
}

impl std::fmt::Display for CodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeKey::Int(code) => f.pad(&code.to_string()),
            CodeKey::Str(code) => f.pad(code),
        }
    }
}

impl CodeKey {
    /// Reads a code as the catalogue writes it.
    pub fn parse(text: &str) -> CodeKey {
        text.parse::<i64>().map_or_else(|_| CodeKey::Str(text.to_owned()), CodeKey::Int)
    }

    /// The integer code, if it is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            CodeKey::Int(code) => Some(*code),
            CodeKey::Str(_) => None,
        }
    }

    /// The code as a sentence names it: `9003`, or a string code in backticks,
    /// `` `InvalidParameter` ``.
    pub fn prose(&self) -> String {
        match self {
            CodeKey::Int(code) => code.to_string(),
            CodeKey::Str(code) => format!("`{code}`"),
        }
    }

    /// The code as a key in the overlay's TOML: `9003`, or a string code in quotes,
    /// `"AuthFailure.SignatureExpire"` (unquoted, TOML would split it at the `.`).
    pub fn toml_key(&self) -> String {
        match self {
            CodeKey::Int(code) => code.to_string(),
            CodeKey::Str(code) => toml_string(code),
        }
    }
}

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
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
