//! The third stage: the doc and its overlay checked against each other, into a [`Catalog`].
//!
//! Every check runs on every row, so one run reports every problem; the catalog is only
//! meaningful when the returned diagnostics are empty.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use heck::ToUpperCamelCase;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, Cell, ClassInfo, Doc, Entry, Name, Overlay, Retired, Row};
use crate::source::SourceFile;

/// The variant that holds undocumented codes; no documented code may take its name.
pub(crate) const UNKNOWN_VARIANT: &str = "Unknown";

/// Associated constants of the generated enum, which a former variant name may not take.
const RESERVED_CONSTS: &[&str] = &["ALL", "RETIRED"];

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
    let string_codes = inputs.overlay.doc.string_codes.as_ref().filter(|flag| flag.value).map(|_| {
        let mut codes: Vec<String> =
            inputs.doc.rows.iter().map(|row| row.code.text.clone()).filter(|code| string_code(code).is_ok()).collect();
        codes.sort();
        codes.dedup();
        codes
    });
    let mut v = Validator { inputs, diagnostics: Vec::new(), string_codes, rejected: skipped.collect() };
    v.string_mode_limits();
    let rows = v.documented_rows();
    let known = v.known_codes(&rows);
    let names = v.names(&known);
    let former = v.former_variants(&known, &names);
    let retryable = v.retryable(&known);
    v.skips_are_used();
    let statuses = v.row_statuses(&rows);
    let (class_of, classes) = match statuses {
        Some(statuses) => v.classes_from_statuses(&statuses),
        None => (v.classes(), v.class_infos()),
    };

    let mut entries = Vec::with_capacity(known.len());
    for (&code, described) in &known {
        let Some(class) = class_of.class(code) else {
            // With no class at all, the overlay has been reported once, not once per code.
            if inputs.overlay.classes.is_empty() {
                continue;
            }
            let help = format!(
                "add {code} to the `codes` of a class in {}, or mark one class `default = true`",
                inputs.overlay_file.path
            );
            let diagnostic = v.at_code(*described, format!("code {code} is in no HTTP class")).help(help);
            v.report(diagnostic);
            continue;
        };
        let Some((name, variant)) = names.get(&code) else { continue };
        let (markdown, text, retired) = match described {
            Described::Row(row) => (row.description.markdown.clone(), row.description.text.clone(), None),
            Described::Retired(retired) => {
                let text = retired.description.value.split_whitespace().collect::<Vec<_>>().join(" ");
                (text.clone(), text, Some(retired.reason.value.clone()))
            }
        };
        entries.push(Entry {
            code,
            string_code: v.string_codes.as_ref().and_then(|codes| codes.get(usize::try_from(code).ok()?).cloned()),
            name: name.clone(),
            variant: variant.clone(),
            class,
            http_status: classes.get(class).map_or(0, |class| class.http_status),
            markdown: doc_markdown(&markdown),
            text,
            retryable: retryable.contains(&code),
            retired,
            former_variants: former.get(&code).cloned().unwrap_or_default(),
        });
    }
    let diagnostics = match &v.string_codes {
        Some(codes) => v.diagnostics.into_iter().map(|diagnostic| name_string_codes(diagnostic, codes)).collect(),
        None => v.diagnostics,
    };
    (Catalog { entries, classes }, diagnostics)
}

/// In string mode the validator numbers codes by position; its messages then say `code 2`.
/// This puts the code as written back in their place: `code \`InvalidParameter\``.
fn name_string_codes(mut diagnostic: Diagnostic, codes: &[String]) -> Diagnostic {
    let rename = |text: &str| {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("code") {
            let (before, after) = rest.split_at(at);
            out.push_str(before);
            let word_end = if after.starts_with("codes ") {
                6
            } else if after.starts_with("code ") {
                5
            } else {
                4
            };
            out.push_str(&after[..word_end]);
            rest = &after[word_end..];
            if word_end == 4 {
                continue;
            }
            loop {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let Some(code) = rest[..digits].parse::<usize>().ok().and_then(|n| codes.get(n)) else { break };
                out.push_str(&format!("`{code}`"));
                rest = &rest[digits..];
                match rest.strip_prefix(" and ") {
                    Some(tail) => {
                        out.push_str(" and ");
                        rest = tail;
                    }
                    None => break,
                }
            }
        }
        out.push_str(rest);
        out
    };
    diagnostic.message = rename(&diagnostic.message);
    diagnostic.help = diagnostic.help.as_deref().map(rename);
    for label in &mut diagnostic.labels {
        label.message = rename(&label.message);
    }
    diagnostic
}

/// A name and the place it was written: the overlay, or the doc's name column.
struct NameSource<'a> {
    text: String,
    file: &'a SourceFile,
    span: Range<usize>,
}

/// The fallback name of a code: `E9003`, `EMinus1` for -1.
fn code_name(code: i64) -> String {
    if code < 0 { format!("E minus {}", code.unsigned_abs()) } else { format!("E{code}") }
}

/// Where a code's description comes from: a row of the doc, or the overlay's `[retired]`.
#[derive(Clone, Copy)]
enum Described<'a> {
    Row(&'a Row),
    Retired(&'a Retired),
}

struct Validator<'a> {
    inputs: &'a Inputs<'a>,
    diagnostics: Vec<Diagnostic>,
    /// For a doc of string codes (`[doc] codes = "string"`), every well-formed code in
    /// ascending order: a code's number in the catalog is its position here.
    string_codes: Option<Vec<String>>,
    /// Codes of rows already reported (for their description, or by the parser for their
    /// cells): the overlay may name them.
    rejected: BTreeSet<i64>,
}

impl<'a> Validator<'a> {
    /// Reads a code cell: an integer, or in string mode the position of a string code.
    fn read_code(&self, cell: &Cell) -> Result<i64, codes::CodeError> {
        let Some(codes) = &self.string_codes else { return codes::read(&cell.markdown) };
        string_code(&cell.text)?;
        let position = codes.binary_search(&cell.text).unwrap_or_default();
        Ok(i64::try_from(position).unwrap_or_default())
    }

    /// In string mode, the overlay's code-keyed sections cannot name a code yet: each present
    /// is reported once rather than misread.
    fn string_mode_limits(&mut self) {
        let Some(flag) = self.inputs.overlay.doc.string_codes.as_ref().filter(|flag| flag.value) else { return };
        let overlay = self.inputs.overlay;
        let sections = [
            ("[names]", !overlay.names.is_empty()),
            ("[retired]", !overlay.retired.is_empty()),
            ("[renamed]", !overlay.renamed.is_empty()),
            ("retryable", !overlay.retryable.is_empty()),
            ("[doc.pick]", !overlay.doc.pick.is_empty()),
            ("a class's `codes`", overlay.classes.iter().any(|class| !class.ranges.is_empty())),
        ];
        for (section, present) in sections {
            if present {
                let message = format!("{section} needs integer codes, and this doc's codes are strings");
                let help = "name string codes from the doc's name column or with `[naming] fallback = \"code\"`, \
                            and give HTTP statuses by the doc's HTTP column or a default class";
                let diagnostic = self.in_overlay(flag.span.clone(), message).help(help);
                self.report(diagnostic);
            }
        }
    }

    fn in_doc(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.inputs.doc_file, span, message)
    }

    fn in_overlay(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(self.inputs.overlay_file, span, message)
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Whether the parser or an earlier check has reported the row of `code`, or the whole
    /// table: the overlay's entries for it are then not reported as unlisted too.
    fn already_reported(&self, code: i64) -> bool {
        self.rejected.contains(&code) || self.inputs.doc.rows.is_empty()
    }

    /// A diagnostic at the place a code is given: its doc row, or its `[retired]` entry.
    fn at_code(&self, described: Described<'_>, message: String) -> Diagnostic {
        match described {
            Described::Row(row) => self.in_doc(row.code.span.clone(), message),
            Described::Retired(retired) => self.in_overlay(retired.code.span.clone(), message),
        }
    }

    /// The documented rows and the retired codes together; a code both documented and
    /// retired is reported.
    fn known_codes(&mut self, rows: &BTreeMap<i64, &'a Row>) -> BTreeMap<i64, Described<'a>> {
        let mut known: BTreeMap<i64, Described<'a>> =
            rows.iter().map(|(&code, &row)| (code, Described::Row(row))).collect();
        for retired in &self.inputs.overlay.retired {
            let code = retired.code.value;
            if let Some(row) = rows.get(&code) {
                let diagnostic = self
                    .in_overlay(
                        retired.code.span.clone(),
                        format!("code {code} is retired, but the doc still lists it"),
                    )
                    .label(self.inputs.doc_file, row.code.span.clone(), "listed here")
                    .help(format!("remove `[retired.{code}]`: only codes the doc no longer lists are retired"));
                self.report(diagnostic);
                continue;
            }
            if retired.description.value.trim().is_empty() {
                let diagnostic = self
                    .in_overlay(
                        retired.description.span.clone(),
                        format!("retired code {code} has an empty description"),
                    )
                    .help("copy its last description from the doc");
                self.report(diagnostic);
                self.rejected.insert(code);
                continue;
            }
            let hidden = [("description", &retired.description), ("reason", &retired.reason)]
                .into_iter()
                .find_map(|(what, text)| text.value.chars().find(|&c| is_hidden(c)).map(|c| (what, text, c)));
            if let Some((what, text, c)) = hidden {
                let message = format!("the {what} of retired code {code} contains {}", hidden_name(c));
                let diagnostic = self.in_overlay(text.span.clone(), message).help(HIDDEN_HELP);
                self.report(diagnostic);
                self.rejected.insert(code);
                continue;
            }
            known.insert(code, Described::Retired(retired));
        }
        known
    }

    /// The former variant names of renamed codes; each must be a usable identifier that no
    /// current variant or other former name takes.
    fn former_variants(
        &mut self,
        known: &BTreeMap<i64, Described<'a>>,
        names: &BTreeMap<i64, (String, String)>,
    ) -> BTreeMap<i64, Vec<String>> {
        // Most overlays rename nothing: skip indexing every variant by name.
        if self.inputs.overlay.renamed.is_empty() {
            return BTreeMap::new();
        }
        let current: HashMap<&str, i64> = names.iter().map(|(&code, (_, variant))| (variant.as_str(), code)).collect();
        let mut taken: BTreeMap<String, Range<usize>> = BTreeMap::new();
        let mut result: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for renamed in &self.inputs.overlay.renamed {
            let code = renamed.code.value;
            if !known.contains_key(&code) {
                if self.already_reported(code) {
                    continue;
                }
                let message = format!("former names are given for code {code}, which the doc does not list");
                let diagnostic = self
                    .in_overlay(renamed.code.span.clone(), message)
                    .help("remove this line, or mark the code retired");
                self.report(diagnostic);
                continue;
            }
            for former in &renamed.former {
                let name = &former.value;
                let problem = if !name.starts_with(|c: char| c.is_ascii_uppercase())
                    || !name.chars().all(|c| c.is_ascii_alphanumeric())
                    || syn::parse_str::<syn::Ident>(name).is_err()
                {
                    Some(format!("`{name}` is not a variant name"))
                } else if name == UNKNOWN_VARIANT || RESERVED_CONSTS.contains(&name.as_str()) {
                    Some(format!("`{name}` is reserved by the generated code"))
                } else if let Some(&owner) = current.get(name.as_str()) {
                    Some(format!("`{name}` is the current variant of code {owner}"))
                } else if let Some(first) = taken.get(name) {
                    let diagnostic = self
                        .in_overlay(former.span.clone(), format!("`{name}` is given as a former name twice"))
                        .label(self.inputs.overlay_file, first.clone(), "first given here")
                        .help("a former name can alias only one code");
                    self.report(diagnostic);
                    continue;
                } else {
                    None
                };
                if let Some(message) = problem {
                    let diagnostic = self
                        .in_overlay(former.span.clone(), message)
                        .help("list the variant names the code had before, such as \"MeetingNotExist\"");
                    self.report(diagnostic);
                    continue;
                }
                taken.insert(name.clone(), former.span.clone());
                result.entry(code).or_default().push(name.clone());
            }
        }
        result
    }

    /// The codes marked retryable; each must be a known code.
    fn retryable(&mut self, known: &BTreeMap<i64, Described<'a>>) -> Vec<i64> {
        let mut codes = Vec::new();
        for code in &self.inputs.overlay.retryable {
            if known.contains_key(&code.value) {
                codes.push(code.value);
                continue;
            }
            if self.already_reported(code.value) {
                continue;
            }
            let doc_path = &self.inputs.doc_file.path;
            let message = format!("code {} is marked retryable, but {doc_path} does not list it", code.value);
            let diagnostic = self.in_overlay(code.span.clone(), message).help("remove it from `retryable`");
            self.report(diagnostic);
        }
        codes
    }

    /// The classes as the catalog keeps them; each class name must make a usable
    /// `ErrorKind` variant.
    fn class_infos(&mut self) -> Vec<ClassInfo> {
        let mut infos: Vec<ClassInfo> = Vec::new();
        for class in &self.inputs.overlay.classes {
            let variant = class.name.value.to_upper_camel_case();
            let usable = class.name.value.is_ascii()
                && variant.starts_with(|c: char| c.is_ascii_alphabetic())
                && syn::parse_str::<syn::Ident>(&variant).is_ok();
            if !usable {
                let message = format!("class `{}` does not make a usable `ErrorKind` variant", class.name.value);
                let diagnostic = self
                    .in_overlay(class.name.span.clone(), message)
                    .help("name classes with English words, such as `request` or `service`");
                self.report(diagnostic);
            } else if let Some(first) = infos.iter().find(|info| info.variant == variant) {
                let message =
                    format!("classes `{}` and `{}` both make `ErrorKind::{variant}`", first.name, class.name.value);
                let diagnostic = self.in_overlay(class.name.span.clone(), message).help("rename one of the classes");
                self.report(diagnostic);
            }
            infos.push(ClassInfo {
                name: class.name.value.clone(),
                variant,
                http_status: u16::try_from(class.status.value).unwrap_or(0),
            });
        }
        infos
    }

    /// The rows with a readable code and a description, keyed by code; each duplicate is reported.
    fn documented_rows(&mut self) -> BTreeMap<i64, &'a Row> {
        let mut rows: BTreeMap<i64, &'a Row> = BTreeMap::new();
        let mut first_rows: BTreeMap<i64, &'a Row> = BTreeMap::new();
        let picks = self.picks();
        let mut occurrences: BTreeMap<i64, i64> = BTreeMap::new();
        for row in &self.inputs.doc.rows {
            let span = if row.code.span.is_empty() { row.span.clone() } else { row.code.span.clone() };
            if row.code.markdown.is_empty() {
                let diagnostic = self
                    .in_doc(span, "this row has no code".to_owned())
                    .help("write the error code in the row's code cell, or delete the row");
                self.report(diagnostic);
                continue;
            }
            let code = match self.read_code(&row.code) {
                Ok(code) => code,
                Err(error) => {
                    let diagnostic = match several_codes(&row.code.text) {
                        Some(what) => self
                            .in_doc(span, format!("code cell `{}` is {what}, not one code", row.code.text))
                            .help(format!(
                                "give each code a row of its own, or leave this row out on purpose: add \
                                 `\"{}\"` to `skip` under `[doc]` in {}",
                                row.code.text, self.inputs.overlay_file.path
                            )),
                        None => self.in_doc(span, error.message).help(error.help),
                    };
                    self.report(diagnostic);
                    continue;
                }
            };
            let occurrence = occurrences.entry(code).or_insert(0);
            *occurrence += 1;
            if let Some(&picked) = picks.get(&code) {
                if *occurrence == picked {
                    first_rows.insert(code, row);
                    if self.row_is_usable(code, row) {
                        rows.insert(code, row);
                    }
                }
                continue;
            }
            // A repeated code is reported as such, whatever is wrong with either row.
            if let Some(first) = first_rows.get(&code) {
                if first.description.text != row.description.text {
                    let diagnostic = self
                        .in_doc(span, format!("code {code} is documented twice, with different descriptions"))
                        .label(self.inputs.doc_file, first.code.span.clone(), "first documented here")
                        .help(format!(
                            "say which row counts: add `{code} = 2` (its occurrence, in doc order) under \
                             `[doc.pick]` in {}",
                            self.inputs.overlay_file.path
                        ));
                    self.report(diagnostic);
                    continue;
                }
                let diagnostic = self
                    .in_doc(span, format!("code {code} is documented twice"))
                    .label(self.inputs.doc_file, first.code.span.clone(), "first documented here")
                    .help("delete one of the two rows, keeping the right description");
                self.report(diagnostic);
                continue;
            }
            first_rows.insert(code, row);
            if !self.row_is_usable(code, row) {
                continue;
            }
            rows.insert(code, row);
        }
        for (code, picked) in picks {
            let found = occurrences.get(&code).copied().unwrap_or(0);
            if found < 2 || picked < 1 || picked > found {
                let (key, _) = self
                    .inputs
                    .overlay
                    .doc
                    .pick
                    .iter()
                    .find(|(key, _)| codes::read(&key.value) == Ok(code))
                    .expect("a pick");
                let message = format!(
                    "`[doc.pick]` picks occurrence {picked} of code {code}, which the doc writes {found} time(s)"
                );
                let diagnostic = self.in_overlay(key.span.clone(), message).help(
                    "pick among the rows of a code the doc writes more than once, counting from 1, or remove the line",
                );
                self.report(diagnostic);
            }
        }
        rows
    }

    /// Whether a row's description can be used; reports it otherwise.
    fn row_is_usable(&mut self, code: i64, row: &Row) -> bool {
        if row.description.text.is_empty() {
            let (message, span) = if row.description.markdown.is_empty() {
                (format!("code {code} has an empty description"), row.span.clone())
            } else {
                (format!("the description of code {code} is only markup, with no text"), row.description.span.clone())
            };
            let diagnostic = self.in_doc(span, message).help("write what the error means in the description cell");
            self.report(diagnostic);
            self.rejected.insert(code);
            return false;
        }
        if let Some((span, c)) = hidden_character(self.inputs.doc_file, &row.description) {
            let message = format!("the description of code {code} contains {}", hidden_name(c));
            let diagnostic = self.in_doc(span, message).help(HIDDEN_HELP);
            self.report(diagnostic);
            self.rejected.insert(code);
            return false;
        }
        true
    }

    /// The overlay's `[doc.pick]`: for each code, the occurrence that counts.
    fn picks(&mut self) -> BTreeMap<i64, i64> {
        let mut picks = BTreeMap::new();
        for (key, occurrence) in &self.inputs.overlay.doc.pick {
            match codes::read(&key.value) {
                Ok(code) => {
                    picks.insert(code, occurrence.value);
                }
                Err(error) => {
                    let diagnostic = self
                        .in_overlay(key.span.clone(), format!("in `[doc.pick]`: {}", error.message))
                        .help(error.help);
                    self.report(diagnostic);
                }
            }
        }
        picks
    }

    /// Reports each `[doc] skip` entry that leaves no row out: a stale exclusion.
    fn skips_are_used(&mut self) {
        for skip in &self.inputs.overlay.doc.skip {
            if !self.inputs.doc.excluded.iter().any(|cell| cell.text == skip.value) {
                let message =
                    format!("`skip` names `{}`, which no code cell of the error-code table holds", skip.value);
                let diagnostic = self
                    .in_overlay(skip.span.clone(), message)
                    .help("write the code cell exactly as the doc does, or remove the entry");
                self.report(diagnostic);
            }
        }
    }

    /// The HTTP status of each row from the doc's HTTP column, or `None` when it has none.
    fn row_statuses(&mut self, rows: &BTreeMap<i64, &'a Row>) -> Option<BTreeMap<i64, u16>> {
        if !self.inputs.doc.rows.iter().any(|row| row.http.is_some()) {
            return None;
        }
        if let Some(class) = self.inputs.overlay.classes.first() {
            let diagnostic = self
                .in_overlay(
                    class.name.span.clone(),
                    "the doc gives each code's HTTP status, so classes would be a second answer".to_owned(),
                )
                .help("remove the `[classes]` tables; the doc's HTTP column decides");
            self.report(diagnostic);
        }
        let mut statuses = BTreeMap::new();
        for (&code, row) in rows {
            let Some(cell) = &row.http else { continue };
            match cell.text.parse::<u16>() {
                Ok(status) if (100..=599).contains(&status) => {
                    statuses.insert(code, status);
                }
                _ => {
                    let span = if cell.span.is_empty() { row.span.clone() } else { cell.span.clone() };
                    let diagnostic = self
                        .in_doc(span, format!("the HTTP status of code {code}, `{}`, is not an HTTP status", cell.text))
                        .help("HTTP statuses are integers in 100..=599");
                    self.report(diagnostic);
                }
            }
        }
        Some(statuses)
    }

    /// Classes made from the doc's own HTTP statuses, one per status (`ErrorKind::Status404`).
    fn classes_from_statuses(&mut self, statuses: &BTreeMap<i64, u16>) -> (ClassOf, Vec<ClassInfo>) {
        let distinct: BTreeSet<u16> = statuses.values().copied().collect();
        let infos: Vec<ClassInfo> = distinct
            .iter()
            .map(|&status| ClassInfo {
                name: format!("status_{status}"),
                variant: format!("Status{status}"),
                http_status: status,
            })
            .collect();
        let ranges = statuses
            .iter()
            .map(|(&code, status)| (code, code, distinct.iter().position(|s| s == status).unwrap_or(0)))
            .collect();
        (ClassOf { ranges, default: None }, infos)
    }

    /// The English name and variant of every documented or retired code; reports missing,
    /// unused, unusable and colliding names.
    fn names(&mut self, known: &BTreeMap<i64, Described<'a>>) -> BTreeMap<i64, (String, String)> {
        let overlay_path = self.inputs.overlay_file.path.clone();
        let mut by_code: BTreeMap<i64, &'a Name> = BTreeMap::new();
        for name in &self.inputs.overlay.names {
            if !known.contains_key(&name.code.value) {
                let code = name.code.value;
                if self.already_reported(code) {
                    continue;
                }
                let doc_path = &self.inputs.doc_file.path;
                let message = format!("a name is given for code {code}, which {doc_path} does not list");
                let help = format!(
                    "if the doc dropped the code, keep it as a deprecated variant: add `[retired.{code}]` with \
                     `reason` and its last `description`; if the code never existed, remove this line"
                );
                let diagnostic = self.in_overlay(name.code.span.clone(), message).help(help);
                self.report(diagnostic);
                continue;
            }
            by_code.insert(name.code.value, name);
        }

        // Only looked up, never iterated: a hash map keeps this linear at 100,000 codes.
        let mut variants: HashMap<String, (i64, NameSource<'a>)> = HashMap::new();
        let mut result = BTreeMap::new();
        for (&code, &described) in known {
            let Some(source) = self.name_source(code, described, by_code.get(&code).copied()) else {
                let diagnostic = self.at_code(described, format!("code {code} has no English name")).help(format!(
                    "add `{code} = \"<English name>\"` under `[names]` in {overlay_path} (for a large table nobody \
                     will translate, `[naming] fallback = \"code\"` names it `{}`)",
                    code_name(code)
                ));
                self.report(diagnostic);
                continue;
            };
            let Some(variant) = self.variant(code, &source) else { continue };
            if let Some((first_code, first)) = variants.get(&variant) {
                let message = format!("codes {first_code} and {code} both make the variant `{variant}`");
                let diagnostic = Diagnostic::new(source.file, source.span.clone(), message)
                    .label(first.file, first.span.clone(), format!("the name of {first_code}"))
                    .help(format!("give {code} a name that differs in more than case and punctuation"));
                self.report(diagnostic);
                continue;
            }
            result.insert(code, (source.text.clone(), variant.clone()));
            variants.insert(variant, (code, source));
        }
        result
    }

    /// Where a code's name comes from: the overlay's `[names]`, else the doc's name column
    /// (without the overlay's `strip_prefix`), else, when the overlay opts in, the code.
    fn name_source(&self, code: i64, described: Described<'a>, named: Option<&'a Name>) -> Option<NameSource<'a>> {
        if let Some(name) = named {
            let file = self.inputs.overlay_file;
            return Some(NameSource { text: name.name.value.clone(), file, span: name.name.span.clone() });
        }
        if let Described::Row(Row { name: Some(cell), .. }) = described
            && !cell.text.is_empty()
        {
            let prefix = self.inputs.overlay.naming.strip_prefix.as_ref().map_or("", |prefix| prefix.value.as_str());
            let text = cell.text.strip_prefix(prefix).unwrap_or(&cell.text).to_owned();
            return Some(NameSource { text, file: self.inputs.doc_file, span: cell.span.clone() });
        }
        let fallback = self.inputs.overlay.naming.fallback_to_code.as_ref().filter(|flag| flag.value)?;
        let text = match &self.string_codes {
            Some(codes) => codes.get(usize::try_from(code).ok()?)?.clone(),
            None => code_name(code),
        };
        Some(NameSource { text, file: self.inputs.overlay_file, span: fallback.span.clone() })
    }

    /// The UpperCamelCase variant of a name, if it makes a usable Rust identifier.
    fn variant(&mut self, code: i64, source: &NameSource<'_>) -> Option<String> {
        let text = &source.text;
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
        self.report(Diagnostic::new(source.file, source.span.clone(), message).help(help));
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

/// How to fix a description with a hidden character.
const HIDDEN_HELP: &str = "delete it: descriptions are shown to people and written into Rust source, \
                           where invisible characters hide what the text says";

/// A hidden character as a diagnostic names it: `U+0000, an invisible control character`.
fn hidden_name(c: char) -> String {
    let kind = if c.is_control() { "control character" } else { "text-direction override" };
    format!("U+{:04X}, an invisible {kind}", u32::from(c))
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

/// What a code cell that holds more than one code is (`a range`, `a list`), if it is one.
///
/// Ranges (`301000~301099`, `610000-619999`) and lists (`201,202`) are refused rather than
/// expanded or dropped: the overlay's `[doc] skip` leaves such a row out on purpose.
fn several_codes(text: &str) -> Option<&'static str> {
    let is_code = |part: &str| codes::read(part).is_ok();
    for separator in ['~', '～', '-', '–', '—'] {
        let found = text.char_indices().skip(1).find(|&(_, c)| c == separator);
        if let Some((at, c)) = found
            && is_code(&text[..at])
            && is_code(&text[at + c.len_utf8()..])
        {
            return Some("a range");
        }
    }
    let parts: Vec<&str> = text.split([',', '，', '、', '/']).collect();
    (parts.len() > 1 && parts.iter().all(|part| is_code(part))).then_some("a list")
}

/// Checks a string code (`OperationDenied.Suspended`): ASCII letters, digits, `.`, `_` and
/// `-`, starting with a letter.
fn string_code(text: &str) -> Result<(), codes::CodeError> {
    let well_formed = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if well_formed {
        return Ok(());
    }
    Err(codes::CodeError {
        message: format!("code `{text}` is not a string code"),
        help: "string codes start with a letter and hold ASCII letters, digits, `.`, `_` and `-`".to_owned(),
    })
}
