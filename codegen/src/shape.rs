//! What a catalogue's generated module has, decided once: its enums, `ErrorCode`'s methods,
//! a row's fields and the catalogue's columns. Everything that needs to know reads [`Shape`].

use crate::model::{Catalog, CodeKind, Facts, Source};

/// Which parts the module has: what the doc and the overlay say, and nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// There are classes: `ErrorKind`, `kind()` and each row's kind.
    pub kinds: bool,
    /// Some code is in no class: a row's kind is an `Option`.
    pub some_code_without_kind: bool,
    /// Some class gives an HTTP status: `http_status()`, `status_code()`, `ErrorKind::http_status`.
    pub http: bool,
    /// Some class gives none: `ErrorKind::http_status` returns an `Option`.
    pub some_kind_without_status: bool,
    /// The facts some code has, as indices of [`Catalog::facts`]: a method and a row field each.
    pub facts: Vec<usize>,
    /// The doc describes ranges of codes: `RANGES`, which `description()` reads for an unknown code.
    pub ranges: bool,
    /// How `from_code` finds a code's variant.
    pub lookup: Lookup,
    /// `VARIANTS` is needed: by a binary search, or as `ALL` when no code is retired.
    pub variants_table: bool,
    /// The overlay names the page's language: `description_in`.
    pub languages: bool,
}

/// How `from_code` finds a code's variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A `match` from each code to its variant, as fast as a hand-written one. LLVM's cost
    /// for a `switch` grows faster than its arms, so only up to [`MATCH_LIMIT`] codes.
    Match,
    /// A binary search of `ROWS` by code, then the variant at the row's index in `VARIANTS`.
    Search,
}

/// The most codes `from_code` finds with a `match` (see [`Lookup::Match`]).
pub const MATCH_LIMIT: usize = 1_000;

/// A public method of the generated `ErrorCode`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Method {
    /// Its name.
    pub name: String,
    /// The crate feature it needs, if any.
    pub feature: Option<&'static str>,
}

/// A column of the catalogue's tables of codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The code.
    Code,
    /// The variant, linked to its rustdoc.
    Variant,
    /// The class: its `ErrorKind` variant.
    Kind,
    /// The HTTP status.
    Http,
    /// `yes` for a retryable code.
    Retryable,
    /// The description, and a retired code's reason.
    Description,
    /// A fact, by its index in [`Catalog::facts`]; headed by its label.
    Fact(usize),
}

/// Names a fact may not take: `ErrorCode`'s own methods and the fields of its row.
pub const RESERVED: &[&str] = &[
    "from_code",
    "from_name",
    "code",
    "kind",
    "http_status",
    "status_code",
    "is_retryable",
    "description",
    "description_in",
    "name",
    "retryable",
];

impl Shape {
    /// The shape of a catalogue's module.
    pub fn of(catalog: &Catalog) -> Shape {
        let kinds = !catalog.classes.is_empty();
        let http = catalog.has_http_status();
        let lookup = if catalog.entries.len() <= MATCH_LIMIT { Lookup::Match } else { Lookup::Search };
        let retired = catalog.entries.iter().any(|entry| entry.retired.is_some());
        Shape {
            lookup,
            variants_table: lookup == Lookup::Search || !retired,
            kinds,
            some_code_without_kind: kinds && !catalog.every_code_has_a_class(),
            http,
            some_kind_without_status: http && !catalog.every_class_has_a_status(),
            facts: catalog.facts.iter().map(|(index, _)| index).filter(|&index| catalog.has_fact(index)).collect(),
            ranges: !catalog.ranges.is_empty() && catalog.code_kind == CodeKind::Integer,
            languages: catalog.lang.is_some(),
        }
    }

    /// Every public method of `ErrorCode`, in the order the module defines them.
    pub fn methods(&self, facts: &Facts) -> Vec<Method> {
        let method = |name: &str, feature| Method { name: name.to_owned(), feature };
        let mut methods = vec![method("from_code", None), method("code", None), method("name", None)];
        if self.kinds {
            methods.push(method("kind", None));
        }
        if self.http {
            methods.extend([method("http_status", None), method("status_code", Some("http"))]);
        }
        methods.extend([method("is_retryable", None), method("description", None)]);
        if self.languages {
            methods.push(method("description_in", None));
        }
        // A version's descriptions are read through `description_in`, not a method each.
        let own = self.facts.iter().filter(|&&fact| !matches!(facts.get(fact).source, Source::Translation(_)));
        methods.extend(own.map(|&fact| method(&facts.get(fact).key, None)));
        methods
    }

    /// The columns of the catalogue's tables of codes, in order.
    pub fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::Code, Column::Variant];
        columns.extend(self.kinds.then_some(Column::Kind));
        columns.extend(self.http.then_some(Column::Http));
        columns.extend([Column::Retryable, Column::Description]);
        columns.extend(self.facts.iter().map(|&fact| Column::Fact(fact)));
        columns
    }
}
