//! Per-code facts beside the description: each is declared here once, and every stage reads
//! its declaration (which column holds it, the method that returns it, its label in doc
//! comments and the catalogue, how the report words its changes).
//!
//! A new fact is a new entry of [`builtin`]; nothing else in the pipeline names a fact.

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
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Fact)> {
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
