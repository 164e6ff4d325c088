//! Per-code facts beside the description: each is declared here once, and every stage reads
//! its declaration (which column holds it, the method that returns it, its label in doc
//! comments and the catalogue, how the report words its changes).
//!
//! A new kind of fact is a new entry of [`builtin`]; nothing else in the pipeline names a
//! fact. The overlay's `[facts]` declares a page's other columns the same way ([`Facts::declare`]).

use crate::diagnostic::Diagnostic;
use crate::ident::{self, Case, Unusable};
use crate::model::{Cell, DocOptions};
use crate::shape::RESERVED;
use crate::source::SourceFile;

/// Where a fact's value is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A column of the error table, found by its header (see [`Fact::headers`]).
    Column,
}

/// One per-code fact: a text each code may have, returned by its own method of `ErrorCode`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The method of `ErrorCode` that returns it, the field of the generated row, and its key
    /// in the overlay's `[columns]` (`solution`).
    pub key: String,
    /// Its label in doc comments (`*Solution:* ...`) and its column in the catalogue.
    pub label: String,
    /// What its column holds, in words, for inspect and the report (`solutions`).
    pub plural: String,
    /// What the method returns, the start of its doc comment (`What the documentation says to
    /// do about the error`).
    pub summary: String,
    /// Where its value is read from.
    pub source: Source,
    /// Header texts that find its column, in order of preference, compared as
    /// `parse::columns` compares headers.
    pub headers: Vec<String>,
    /// Whether a table with this column and no description column describes its codes by it
    /// (a table of codes and the messages the API returns).
    pub describes_when_alone: bool,
}

impl Fact {
    /// A row's value of this fact, as a cell: for a fact read from a column, that column's
    /// cell (`None` when the table has none). Fails with the diagnostic a cell that cannot be
    /// read deserves.
    pub(crate) fn cell(
        &self,
        column: Option<Cell>,
        _code: &Cell,
        _doc: &DocOptions,
        _file: &SourceFile,
    ) -> Result<Option<Cell>, Box<Diagnostic>> {
        match self.source {
            Source::Column => Ok(column),
        }
    }
}

/// The facts of a page: the built-in ones, then those the overlay declares, each at a fixed
/// index that `model::Role::Fact`, `model::Row::facts` and `model::Entry::facts` use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    facts: Vec<Fact>,
}

impl Default for Facts {
    fn default() -> Facts {
        Facts { facts: builtin() }
    }
}

impl Facts {
    /// The fact at an index.
    pub fn get(&self, index: usize) -> &Fact {
        &self.facts[index]
    }

    /// Every fact with its index, built-in ones first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (usize, &Fact)> {
        self.facts.iter().enumerate()
    }

    /// How many facts there are.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// Declares a fact the overlay's `[facts]` names: `key` its method, `header` its column's
    /// header. Fails, with a message and a help, for a key that makes no method name or
    /// that the enum already has.
    pub fn declare(&mut self, key: &str, header: &str) -> Result<(), (String, String)> {
        let why = match ident::check(key, Case::Snake) {
            Err(Unusable::Keyword) => Some("a Rust keyword"),
            Err(_) => Some("no method name"),
            Ok(()) if RESERVED.contains(&key) || self.find(key).is_some() => Some("a method `ErrorCode` already has"),
            Ok(()) => None,
        };
        if let Some(why) = why {
            let help = "name the fact's method in snake_case, with words that say what the column holds, \
                        such as `sqlstate = \"SQLSTATE\"`";
            return Err((format!("`[facts] {key}` is {why}"), help.to_owned()));
        }
        if header.trim().is_empty() {
            let help = format!("write the header of the column that holds the values, `{key} = \"<header>\"`");
            return Err((format!("`[facts] {key}` names no column"), help));
        }
        self.facts.push(Fact {
            key: key.to_owned(),
            label: header.to_owned(),
            plural: format!("`{header}` values"),
            summary: format!("The documentation's `{header}` for the code"),
            source: Source::Column,
            headers: vec![header.to_owned()],
            describes_when_alone: false,
        });
        Ok(())
    }

    /// The index of the fact with a key (its method's name), if there is one.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.facts.iter().position(|fact| fact.key == key)
    }
}

/// The facts every page may have.
fn builtin() -> Vec<Fact> {
    let words = |words: &[&str]| words.iter().map(|&word| word.to_owned()).collect();
    vec![
        Fact {
            key: "solution".to_owned(),
            label: "Solution".to_owned(),
            plural: "solutions".to_owned(),
            summary: "What the documentation says to do about the error".to_owned(),
            source: Source::Column,
            headers: words(&["解决方案", "排查建议", "处理建议", "处理措施", "guidance", "solution"]),
            describes_when_alone: false,
        },
        Fact {
            key: "message".to_owned(),
            label: "Message".to_owned(),
            plural: "messages".to_owned(),
            summary: "The message the documentation says the API returns with the code".to_owned(),
            source: Source::Column,
            headers: words(&["错误信息", "error message", "message"]),
            describes_when_alone: true,
        },
    ]
}
