//! Plain data: what the doc and the overlay say ([`Doc`], [`Overlay`]) and what the validator
//! makes of them ([`Catalog`]), each value with the byte range it came from.

use std::ops::Range;

mod catalog;
mod overlay;

pub use crate::fact::{Fact, Facts, Source, Value};
pub use catalog::*;
pub use overlay::*;

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
    /// Code cells not read as rows (misfit rows, other sections' tables), whose overlay
    /// entries are then not reported as naming unlisted codes.
    pub refused: Vec<Cell>,
    /// The rows `[doc] skip` leaves out, whole: for `inspect`, and ranges of codes.
    pub left_out: Vec<Row>,
    /// Every table on the page and what the parser made of it, for `inspect`.
    pub tables: Vec<TableInfo>,
    /// What on the page may document codes but is not read (look-alike tables, codes in
    /// headings or list items); reported unless `[doc] ignore` names it.
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
    /// Columns without a role whose header holds a role's (`模块错误码`), which `[columns]` may choose.
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
    /// The cell of each fact, by its index in [`Facts`]; `None` where the table has no such column.
    pub facts: Vec<Option<Cell>>,
    /// Whether the page strikes the code through (`~~10018~~`): deprecated.
    pub struck: bool,
    /// The text of the heading above the row's table or code: its section of the page.
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

    /// The code as a sentence names it: `9003`, or `` `InvalidParameter` ``.
    pub fn prose(&self) -> String {
        match self {
            CodeKey::Int(code) => code.to_string(),
            CodeKey::Str(code) => format!("`{code}`"),
        }
    }

    /// The code as an overlay key: `9003`, or quoted (`"Auth.Failure"`), which TOML would split.
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
