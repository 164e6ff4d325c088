//! The third stage: the doc and its overlay checked against each other, into a [`Catalog`].
//!
//! Each step is a module that takes what it needs and returns what it found with its
//! diagnostics: `rows`, `known`, `names`, `aliases`, `classes`, beside them `ranges`,
//! `columns`, `ignored`, `sections` and `unused`. Every check runs on every row, so one run
//! reports every problem; the catalog means something only when there are none.

mod aliases;
mod classes;
mod columns;
mod ignored;
mod known;
mod names;
mod ranges;
mod rows;
mod sections;
mod text;
mod unused;

use std::collections::{BTreeMap, BTreeSet, btree_map};
use std::iter::Peekable;
use std::ops::Range;

use rows::Documented;
pub(crate) use sections::sections;

use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, CodeKey, Doc, Entry, Overlay, Retired, Text};
use crate::source::SourceFile;

/// The `#[deprecated]` note of a code the page strikes through (`~~10018~~`).
const STRUCK: &str = "Struck through in the documentation: the code is deprecated.";

/// The variant that holds undocumented codes; no documented code may take its name.
pub(crate) const UNKNOWN_VARIANT: &str = "Unknown";

/// The inputs of validation: both files and what the parsers read from them.
pub struct Inputs<'a> {
    /// The doc's file.
    pub doc_file: &'a SourceFile,
    /// The doc's table.
    pub doc: &'a Doc,
    /// The overlay's file.
    pub overlay_file: &'a SourceFile,
    /// The overlay's decisions.
    pub overlay: &'a Overlay,
}

/// Checks the doc and the overlay against each other and joins them into a catalog.
pub fn validate(inputs: &Inputs<'_>) -> (Catalog, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let code_kind = inputs.overlay.doc.code_kind();
    let rows = found(&mut diagnostics, rows::rows(inputs, code_kind));
    let (known, rejected) = found(&mut diagnostics, known::known(inputs, &rows.by_code));
    let whole_table = inputs.doc.rows.is_empty() || rows.whole_table;
    let reported = Reported { codes: &rows.rejected | &rejected, whole_table };
    let names = found(&mut diagnostics, names::names(inputs, &known, &reported));
    let former = found(&mut diagnostics, aliases::former_variants(inputs, &known, &names, &reported));
    let retryable = found(&mut diagnostics, aliases::retryable(inputs, &known, &reported));
    let given = found(&mut diagnostics, aliases::given_facts(inputs, &known, &reported));
    diagnostics.extend(unused::skips(inputs));
    diagnostics.extend(columns::columns(inputs));
    diagnostics.extend(ignored::unused_ignores(inputs));
    diagnostics.extend(sections::unread_sections(inputs));
    let classes = found(&mut diagnostics, classes::classes(inputs, &rows.by_code, &known, &reported));
    let ranges = found(&mut diagnostics, ranges::ranges(inputs, code_kind));

    let facts = inputs.overlay.facts.clone();
    let mut entries = entries(known, names, former, &retryable, &classes);
    give_facts(&mut entries, given, facts.len());
    let lang = inputs.overlay.doc.lang.as_ref().map(|lang| lang.value.clone());
    (Catalog { entries, classes: classes.infos, code_kind, ranges, facts, lang }, diagnostics)
}

/// Joins the steps' findings into an entry per named code (with a class where one is required).
fn entries(
    known: Known<'_>,
    names: names::Names,
    former: BTreeMap<CodeKey, Vec<String>>,
    retryable: &BTreeSet<CodeKey>,
    classes: &classes::Classes,
) -> Vec<Entry> {
    // Every map is in code order over known codes, so they are walked side by side.
    let (mut names, mut former) = (names.into_iter().peekable(), former.into_iter().peekable());
    let mut entries = Vec::with_capacity(known.len());
    for (code, described) in known {
        let (named, former) = (take(&mut names, &code), take(&mut former, &code));
        let class = classes.of(&code);
        let Some((name, variant)) = named else { continue };
        // A code in no class has been reported when the overlay's classes must hold every code.
        if class.is_none() && classes.required {
            continue;
        }
        let (description, facts, retired) = described.texts();
        let doc_comment = |text: Text| Text { markdown: text::doc_markdown(&text.markdown), text: text.text };
        entries.push(Entry {
            name,
            variant,
            class,
            http_status: class.and_then(|class| classes.infos.get(class)).and_then(|class| class.http_status),
            markdown: text::doc_markdown(&description.markdown),
            text: description.text,
            facts: facts.into_iter().map(|fact| fact.map(doc_comment)).collect(),
            retryable: retryable.contains(&code),
            retired,
            former_variants: former.unwrap_or_default(),
            code,
        });
    }
    entries
}

/// Sets the facts the overlay gives each entry (`given`, by code), beside those of the doc.
fn give_facts(entries: &mut [Entry], given: aliases::Given, facts: usize) {
    let mut given = given.into_iter().peekable();
    for entry in entries {
        for (fact, value) in take(&mut given, &entry.code).unwrap_or_default() {
            entry.facts.resize(facts, None);
            entry.facts[fact] = Some(Text { markdown: value.clone(), text: value });
        }
    }
}

/// The value for `code` in a map being walked in code order, if it has one.
fn take<V>(walk: &mut Peekable<btree_map::IntoIter<CodeKey, V>>, code: &CodeKey) -> Option<V> {
    while walk.next_if(|(key, _)| key < code).is_some() {}
    walk.next_if(|(key, _)| key == code).map(|(_, value)| value)
}

/// A step's result: keeps its diagnostics with the others and hands on what it found.
fn found<T>(diagnostics: &mut Vec<Diagnostic>, (value, found): (T, Vec<Diagnostic>)) -> T {
    diagnostics.extend(found);
    value
}

/// The codes already reported (or the whole table), whose overlay entries are then not
/// reported as naming unlisted codes too.
struct Reported {
    codes: BTreeSet<CodeKey>,
    whole_table: bool,
}

impl Reported {
    fn covers(&self, code: &CodeKey) -> bool {
        self.whole_table || self.codes.contains(code)
    }
}

/// Every documented or retired code, and where it is given.
type Known<'a> = BTreeMap<CodeKey, Described<'a>>;

/// Where a code's description comes from: rows of the doc, or the overlay's `[retired]`.
#[derive(Clone, Copy)]
enum Described<'a> {
    Row(&'a Documented<'a>),
    Retired(&'a Retired),
}

impl Described<'_> {
    /// The description, each fact's text, and the reason for a retired code.
    fn texts(self) -> (Text, Vec<Option<Text>>, Option<String>) {
        match self {
            Described::Row(row) => {
                let facts = row.facts.iter().map(|joined| joined.as_ref().map(rows::Joined::to_text)).collect();
                (row.description.to_text(), facts, row.struck.then(|| STRUCK.to_owned()))
            }
            Described::Retired(retired) => {
                let text = retired.description.value.split_whitespace().collect::<Vec<_>>().join(" ");
                (Text { markdown: text.clone(), text }, Vec::new(), Some(retired.reason.value.clone()))
            }
        }
    }
}

impl Inputs<'_> {
    fn in_doc(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.doc_file, span, message)
    }

    fn in_overlay(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.overlay_file, span, message)
    }

    /// A diagnostic at the place a code is given: its doc row, or its `[retired]` entry.
    fn at_code(&self, described: Described<'_>, message: String) -> Diagnostic {
        match described {
            Described::Row(documented) => self.in_doc(documented.row.code.span.clone(), message),
            Described::Retired(retired) => self.in_overlay(retired.code.span.clone(), message),
        }
    }
}
