//! The third stage: the doc and its overlay checked against each other, into a [`Catalog`].
//!
//! Every check runs on every row, so one run reports every problem; the catalog is only
//! meaningful when the returned diagnostics are empty.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use heck::ToUpperCamelCase;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, Cell, ClassInfo, Doc, Entry, Name, Overlay, Row};
use crate::source::SourceFile;

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
    let skipped = inputs.doc.skipped.iter().filter_map(|cell| codes::read(&cell.markdown).ok());
    let mut v = Validator { inputs, diagnostics: Vec::new(), rejected: skipped.collect() };
    let rows = v.documented_rows();
    let names = v.names(&rows);
    let class_of = v.classes();
    let classes: Vec<ClassInfo> = inputs
        .overlay
        .classes
        .iter()
        .map(|class| ClassInfo {
            name: class.name.value.clone(),
            http_status: u16::try_from(class.status.value).unwrap_or(0),
        })
        .collect();

    let mut entries = Vec::with_capacity(rows.len());
    for (&code, row) in &rows {
        let Some(class) = class_of.class(code) else {
            let help = format!(
                "add {code} to the `codes` of a class in {}, or mark one class `default = true`",
                inputs.overlay_file.path
            );
            let diagnostic = v.in_doc(row.code.span.clone(), format!("code {code} is in no HTTP class")).help(help);
            v.report(diagnostic);
            continue;
        };
        let Some((name, variant)) = names.get(&code) else { continue };
        entries.push(Entry {
            code,
            name: name.clone(),
            variant: variant.clone(),
            class,
            http_status: classes[class].http_status,
            markdown: doc_markdown(&row.description.markdown),
            text: row.description.text.clone(),
        });
    }
    (Catalog { entries, classes }, v.diagnostics)
}

struct Validator<'a> {
    inputs: &'a Inputs<'a>,
    diagnostics: Vec<Diagnostic>,
    /// Codes of rows already reported (for their description, or by the parser for their
    /// cells): the overlay may name them.
    rejected: BTreeSet<i64>,
}

impl<'a> Validator<'a> {
    fn in_doc(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.inputs.doc_file, span, message)
    }

    fn in_overlay(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.inputs.overlay_file, span, message)
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The rows with a readable code and a description, keyed by code; each duplicate is reported.
    fn documented_rows(&mut self) -> BTreeMap<i64, &'a Row> {
        let mut rows: BTreeMap<i64, &'a Row> = BTreeMap::new();
        let mut first_rows: BTreeMap<i64, &'a Row> = BTreeMap::new();
        for row in &self.inputs.doc.rows {
            let span = if row.code.span.is_empty() { row.span.clone() } else { row.code.span.clone() };
            if row.code.markdown.is_empty() {
                let diagnostic = self
                    .in_doc(span, "this row has no code".to_owned())
                    .help("write the error code in the row's code cell, or delete the row");
                self.report(diagnostic);
                continue;
            }
            let code = match codes::read(&row.code.markdown) {
                Ok(code) => code,
                Err(error) => {
                    let diagnostic = self.in_doc(span, error.message).help(error.help);
                    self.report(diagnostic);
                    continue;
                }
            };
            // A repeated code is reported as such, whatever is wrong with either row.
            if let Some(first) = first_rows.insert(code, row) {
                first_rows.insert(code, first);
                let diagnostic = self
                    .in_doc(span, format!("code {code} is documented twice"))
                    .label(self.inputs.doc_file, first.code.span.clone(), "first documented here")
                    .help("delete one of the two rows, keeping the right description");
                self.report(diagnostic);
                continue;
            }
            if row.description.text.is_empty() {
                let (message, span) = if row.description.markdown.is_empty() {
                    (format!("code {code} has an empty description"), row.span.clone())
                } else {
                    (
                        format!("the description of code {code} is only markup, with no text"),
                        row.description.span.clone(),
                    )
                };
                let diagnostic = self.in_doc(span, message).help("write what the error means in the description cell");
                self.report(diagnostic);
                self.rejected.insert(code);
                continue;
            }
            if let Some((span, c)) = hidden_character(self.inputs.doc_file, &row.description) {
                let message = format!(
                    "the description of code {code} contains U+{:04X}, an invisible {}",
                    u32::from(c),
                    if c.is_control() { "control character" } else { "text-direction override" }
                );
                let help = "delete it: descriptions are shown to people and written into Rust source, \
                            where invisible characters hide what the text says";
                let diagnostic = self.in_doc(span, message).help(help);
                self.report(diagnostic);
                self.rejected.insert(code);
                continue;
            }
            rows.insert(code, row);
        }
        rows
    }

    /// The English name and variant of every documented code; reports missing, unused,
    /// unusable and colliding names.
    fn names(&mut self, rows: &BTreeMap<i64, &'a Row>) -> BTreeMap<i64, (String, String)> {
        let overlay_path = self.inputs.overlay_file.path.clone();
        let mut by_code: BTreeMap<i64, &'a Name> = BTreeMap::new();
        // A doc without rows has been reported by the parser: every name would be unlisted.
        let doc_has_rows = !self.inputs.doc.rows.is_empty();
        for name in &self.inputs.overlay.names {
            if self.rejected.contains(&name.code.value) {
                continue;
            }
            if !rows.contains_key(&name.code.value) && doc_has_rows {
                let doc_path = &self.inputs.doc_file.path;
                let message = format!("a name is given for code {}, which {doc_path} does not list", name.code.value);
                let diagnostic = self
                    .in_overlay(name.code.span.clone(), message)
                    .help("remove this line, or check the code against the doc's table");
                self.report(diagnostic);
                continue;
            }
            by_code.insert(name.code.value, name);
        }

        let mut variants: BTreeMap<String, &'a Name> = BTreeMap::new();
        let mut result = BTreeMap::new();
        for (&code, row) in rows {
            let Some(&name) = by_code.get(&code) else {
                let diagnostic = self
                    .in_doc(row.code.span.clone(), format!("code {code} has no English name"))
                    .help(format!("add `{code} = \"<English name>\"` under `[names]` in {overlay_path}"));
                self.report(diagnostic);
                continue;
            };
            let Some(variant) = self.variant(name) else { continue };
            if let Some(first) = variants.get(&variant) {
                let first_code = first.code.value;
                let message = format!("codes {first_code} and {code} both make the variant `{variant}`");
                let diagnostic = self
                    .in_overlay(name.name.span.clone(), message)
                    .label(self.inputs.overlay_file, first.name.span.clone(), format!("the name of {first_code}"))
                    .help(format!("give {code} a name that differs in more than case and punctuation"));
                self.report(diagnostic);
                continue;
            }
            variants.insert(variant.clone(), name);
            result.insert(code, (name.name.value.clone(), variant));
        }
        result
    }

    /// The UpperCamelCase variant of a name, if it makes a usable Rust identifier.
    fn variant(&mut self, name: &Name) -> Option<String> {
        let text = &name.name.value;
        let code = name.code.value;
        let span = name.name.span.clone();
        let variant = text.to_upper_camel_case();
        let words =
            "names become Rust identifiers: use English words that start with a letter, such as \"Meeting not exist\"";
        let (message, help) = if !text.is_ascii() {
            (format!("the name of code {code}, `{text}`, has non-ASCII characters"), words.to_owned())
        } else if variant.is_empty() {
            (format!("the name of code {code}, `{text}`, has no letters"), words.to_owned())
        } else if variant.starts_with(|c: char| c.is_ascii_digit()) {
            (format!("the name of code {code}, `{text}`, starts with a digit"), words.to_owned())
        } else if syn::parse_str::<syn::Ident>(&variant).is_err() {
            let message = format!("the name of code {code}, `{text}`, makes `{variant}`, a Rust keyword");
            (message, "add a word, so the variant is not a keyword".to_owned())
        } else if variant == UNKNOWN_VARIANT {
            let message = format!(
                "the name of code {code}, `{text}`, makes `{UNKNOWN_VARIANT}`, the variant kept for undocumented codes"
            );
            (message, "choose a name that says what the error is".to_owned())
        } else {
            return Some(variant);
        };
        let diagnostic = self.in_overlay(span, message).help(help);
        self.report(diagnostic);
        None
    }

    /// Checks the classes and returns the lookup from code to class.
    fn classes(&mut self) -> ClassOf {
        let classes = &self.inputs.overlay.classes;
        if classes.is_empty() {
            let diagnostic = self
                .in_overlay(0..0, "the overlay defines no HTTP class".to_owned())
                .help("add a `[classes.NAME]` table with `status = 500` and `default = true`");
            self.report(diagnostic);
        }
        let mut default: Option<usize> = None;
        let mut ranges = Vec::new();
        for (index, class) in classes.iter().enumerate() {
            if !(100..=599).contains(&class.status.value) {
                let message = format!(
                    "class `{}` has status {}, which is not an HTTP status",
                    class.name.value, class.status.value
                );
                let diagnostic =
                    self.in_overlay(class.status.span.clone(), message).help("HTTP statuses lie in 100..=599");
                self.report(diagnostic);
            }
            if let Some(flag) = class.default.as_ref().filter(|flag| flag.value) {
                match default {
                    None => default = Some(index),
                    Some(first) => {
                        let first_span = classes[first].default.as_ref().map_or(0..0, |flag| flag.span.clone());
                        let diagnostic = self
                            .in_overlay(
                                flag.span.clone(),
                                format!("class `{}` is a second default class", class.name.value),
                            )
                            .label(self.inputs.overlay_file, first_span, "the first default class")
                            .help("mark only one class `default = true`");
                        self.report(diagnostic);
                    }
                }
            }
            ranges.extend(class.ranges.iter().map(|range| (range.value.0, range.value.1, index, range.span.clone())));
        }
        ranges.sort_by_key(|&(first, last, ..)| (first, last));
        for pair in ranges.windows(2) {
            let [(_, before_last, _, before_span), (after_first, _, _, after_span)] = pair else { continue };
            if after_first <= before_last {
                let diagnostic = self
                    .in_overlay(after_span.clone(), "this range overlaps another".to_owned())
                    .label(self.inputs.overlay_file, before_span.clone(), "the range it overlaps")
                    .help("every code belongs to one class: make the ranges disjoint");
                self.report(diagnostic);
            }
        }
        ClassOf { ranges: ranges.into_iter().map(|(first, last, class, _)| (first, last, class)).collect(), default }
    }
}

/// Characters a description may not hold: control characters (NUL, escape, ...; a tab is
/// whitespace and allowed) and the explicit text-direction controls that let text display
/// in another order than it reads ("Trojan Source"; rustc denies them in literals and
/// comments). Right-to-left text and its marks (U+200F) are fine.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first hidden character of a description cell, in its Markdown source (the span of
/// the character) or, spelled as an entity such as `&#1;`, in its text (the whole cell).
///
/// The source is checked as well as the text because pulldown-cmark turns NUL into U+FFFD.
fn hidden_character(file: &SourceFile, cell: &Cell) -> Option<(Range<usize>, char)> {
    let source = file.text.get(cell.span.clone()).unwrap_or(&cell.markdown);
    if let Some((offset, c)) = source.char_indices().find(|&(_, c)| is_hidden(c)) {
        let start = cell.span.start + offset;
        return Some((start..start + c.len_utf8(), c));
    }
    cell.text.chars().find(|&c| is_hidden(c)).map(|c| (cell.span.clone(), c))
}

/// A description's Markdown as a doc comment shows it.
///
/// A description that starts like a code fence (`` ``` `` or `~~~`) would open a code block
/// in the doc comment, which rustdoc runs as a doctest: its first character is escaped, so it
/// shows as written. Tabs, which Markdown renders as spaces anyway, become spaces, so the
/// generated crate passes clippy (`tabs_in_doc_comments`).
fn doc_markdown(markdown: &str) -> String {
    let markdown = markdown.replace('\t', " ");
    if markdown.starts_with("```") || markdown.starts_with("~~~") { format!("\\{markdown}") } else { markdown }
}

/// The class of each code: the one whose ranges hold it, else the default class.
struct ClassOf {
    ranges: Vec<(i64, i64, usize)>,
    default: Option<usize>,
}

impl ClassOf {
    fn class(&self, code: i64) -> Option<usize> {
        self.ranges
            .iter()
            .find(|&&(first, last, _)| (first..=last).contains(&code))
            .map(|&(.., class)| class)
            .or(self.default)
    }
}
