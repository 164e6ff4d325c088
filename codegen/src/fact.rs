//! Per-code facts beside the description, each declared here once: its column, method, label
//! and how the report words its changes. A new fact is a new entry of `builtin`; the
//! overlay's `[facts]` declares a page's other columns ([`Facts::declare`]).

use iri_string::types::{IriAbsoluteStr, IriReferenceStr, IriStr};

use crate::codes;
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
    /// The code cell's link, resolved against `[doc] url`, else `[doc] code_url` with the code in it.
    CodeLink,
    /// The overlay's section named after the fact (`[rate_limit_window] 190310 = "1 minute"`).
    Overlay,
    /// The description in the page's version in this language, returned by `description_in`.
    Translation(String),
}

/// What a fact's values are, and so what its method returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// Text: `Option<&'static str>`.
    Text,
    /// A span of time (`"30 seconds"`, `"2 hours"`): `Option<core::time::Duration>`.
    Duration,
}

impl Value {
    /// Checks a value written in the overlay: a message and a help for one not of this kind.
    pub(crate) fn check(self, text: &str) -> Result<(), (String, String)> {
        if self == Value::Text || seconds(text).is_some() {
            return Ok(());
        }
        Err((
            format!("`{text}` is no span of time"),
            "write a whole number and a unit of seconds, minutes, hours or days, such as `\"1 minute\"` or \
             `\"30 seconds\"`"
                .to_owned(),
        ))
    }
}

/// The seconds a [`Value::Duration`] lasts (`"2 hours"`: 7200); `None` for none or no time.
pub fn seconds(text: &str) -> Option<u64> {
    let (count, unit) = text.trim().split_once(' ')?;
    let count: u64 = count.parse().ok().filter(|&count| count > 0)?;
    let unit = match unit.trim() {
        "second" | "seconds" => 1,
        "minute" | "minutes" => 60,
        "hour" | "hours" => 3_600,
        "day" | "days" => 86_400,
        _ => return None,
    };
    count.checked_mul(unit)
}

/// One per-code fact: a text each code may have, returned by its own method of `ErrorCode`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The method that returns it, the row's field and its `[columns]` key (`solution`).
    pub key: String,
    /// Its label in doc comments (`*Solution:* ...`) and its column in the catalogue.
    pub label: String,
    /// What its column holds, in words, for inspect and the report (`solutions`).
    pub plural: String,
    /// The start of its method's doc comment: what the method returns.
    pub summary: String,
    /// Where its value is read from.
    pub source: Source,
    /// What its values are.
    pub value: Value,
    /// Header texts that find its column, in order of preference.
    pub headers: Vec<String>,
    /// Whether a table with this column and no description column describes its codes by it.
    pub describes_when_alone: bool,
}

impl Fact {
    /// A row's value of this fact as a cell (`None` when its table has no such column), or the
    /// diagnostic for a cell that cannot be read.
    pub(crate) fn cell(
        &self,
        column: Option<Cell>,
        code: &Cell,
        doc: &DocOptions,
        file: &SourceFile,
    ) -> Result<Option<Cell>, Box<Diagnostic>> {
        match self.source {
            Source::Column => Ok(column),
            Source::CodeLink => code_link(code, doc, file),
            // Read with the overlay or another file, not from the page.
            Source::Overlay | Source::Translation(_) => Ok(None),
        }
    }
}

/// The facts of a page, built-in then declared, each at a fixed index the model uses.
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

    /// Declares a fact the overlay's `[facts]` names (`key` its method, `header` its column);
    /// fails for a key that is no method name or one the enum already has.
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
            value: Value::Text,
            headers: vec![header.to_owned()],
            describes_when_alone: false,
        });
        Ok(())
    }

    /// Adds a fact read from a file other than the page and the overlay (a translation).
    pub(crate) fn add(&mut self, fact: Fact) {
        self.facts.push(fact);
    }

    /// The index of the fact the overlay gives values of in a section named `key`, if any.
    pub fn in_overlay(&self, key: &str) -> Option<usize> {
        self.find(key).filter(|&index| self.facts[index].source == Source::Overlay)
    }

    /// The index of the fact with a key (its method's name), if there is one.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.facts.iter().position(|fact| fact.key == key)
    }
}

/// A code's documentation link: the absolute address its cell links to, else `code_url`'s.
fn code_link(code: &Cell, doc: &DocOptions, file: &SourceFile) -> Result<Option<Cell>, Box<Diagnostic>> {
    let address = |url: String| Some(Cell { span: code.span.clone(), markdown: format!("<{url}>"), text: url });
    let Some(link) = codes::link(&code.markdown) else {
        return Ok(doc.code_url.as_ref().and_then(|template| address(template.value.replace("{code}", &code.text))));
    };
    let problem =
        |message: String, help: String| Box::new(Diagnostic::new(file, code.span.clone(), message).help(help));
    let Ok(reference) = IriReferenceStr::new(&link.target) else {
        let message = format!("code {} links to `{}`, which is no address", link.text, link.target);
        return Err(problem(message, "write the link's target as a URL, or as a path relative to the page".to_owned()));
    };
    match reference.to_iri() {
        Ok(absolute) => Ok(address(absolute.to_string())),
        Err(relative) => {
            let Some(base) = doc.url.as_ref().and_then(|url| IriAbsoluteStr::new(&url.value).ok()) else {
                let message = format!(
                    "code {} links to `{}`, relative to the page, and the page's address is not given",
                    link.text, link.target
                );
                let help = "add the page's published address to the overlay, `[doc] url = \"https://...\"`, so its \
                            links resolve";
                return Err(problem(message, help.to_owned()));
            };
            Ok(address(relative.resolve_against(base).to_string()))
        }
    }
}

/// Checks `[doc] url`: an absolute address without a fragment.
pub(crate) fn check_page_url(url: &str) -> Result<(), (String, String)> {
    match IriAbsoluteStr::new(url) {
        Ok(_) => Ok(()),
        Err(_) => Err((
            format!("`{url}` is no absolute address"),
            "write the page's address as published, with its scheme and without `#`, such as \
             `https://example.com/docs/errors.html`"
                .to_owned(),
        )),
    }
}

/// Checks `[doc] code_url`: an absolute address with `{code}` where the code goes.
pub(crate) fn check_code_url(template: &str) -> Result<(), (String, String)> {
    let example = template.replace("{code}", "1000");
    if template.contains("{code}") && IriStr::new(&example).is_ok() {
        return Ok(());
    }
    Err((
        format!("`{template}` is no absolute address with `{{code}}` in it"),
        "write the address of a code's documentation with `{code}` where the code goes, such as \
         `https://example.com/errors#{code}`"
            .to_owned(),
    ))
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
            value: Value::Text,
            headers: words(&["解决方案", "排查建议", "处理建议", "处理措施", "guidance", "solution"]),
            describes_when_alone: false,
        },
        Fact {
            key: "message".to_owned(),
            label: "Message".to_owned(),
            plural: "messages".to_owned(),
            summary: "The message the documentation says the API returns with the code".to_owned(),
            source: Source::Column,
            value: Value::Text,
            headers: words(&["错误信息", "error message", "message"]),
            describes_when_alone: true,
        },
        Fact {
            key: "doc_url".to_owned(),
            label: "Documentation".to_owned(),
            plural: "documentation links".to_owned(),
            summary: "The address of the code's documentation".to_owned(),
            source: Source::CodeLink,
            value: Value::Text,
            headers: Vec::new(),
            describes_when_alone: false,
        },
        Fact {
            key: "rate_limit_window".to_owned(),
            label: "Rate limit window".to_owned(),
            plural: "rate limit windows".to_owned(),
            summary: "The span of time the documentation says the code's rate limit counts calls over".to_owned(),
            source: Source::Overlay,
            value: Value::Duration,
            headers: Vec::new(),
            describes_when_alone: false,
        },
    ]
}
