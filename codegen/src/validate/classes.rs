//! Step 5: each code's class and HTTP status, from the doc's HTTP column, else the overlay's
//! `[classes]`, else none. An empty or `-` cell gives its code no status.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::ident::{self, Case};

use super::{Documented, Inputs, Known, Reported};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{ClassInfo, CodeKey, Spanned};

/// The classes, and the class of each code that has one.
pub(super) struct Classes {
    lookup: Lookup,
    /// The classes as the catalog keeps them.
    pub(super) infos: Vec<ClassInfo>,
    /// Whether every code must have a class (the overlay has classes).
    pub(super) required: bool,
}

impl Classes {
    /// The class of a code, as a position in `infos`.
    pub(super) fn of(&self, code: &CodeKey) -> Option<usize> {
        self.lookup.class(code)
    }
}

/// The class of every known code, reporting unusable or overlapping classes and codes in none.
pub(super) fn classes(
    inputs: &Inputs<'_>,
    rows: &BTreeMap<CodeKey, Documented<'_>>,
    known: &Known<'_>,
    reported: &Reported,
) -> (Classes, Vec<Diagnostic>) {
    if let Some((statuses, diagnostics)) = statuses(inputs, rows) {
        let (lookup, infos) = from_statuses(&statuses);
        return (Classes { lookup, infos, required: false }, diagnostics);
    }
    let (lookup, mut diagnostics) = from_overlay(inputs);
    let (infos, found) = infos(inputs);
    diagnostics.extend(found);
    diagnostics.extend(unlisted_class_codes(inputs, known, reported));
    // Without classes, no code needs one.
    let required = !inputs.overlay.classes.is_empty();
    if !required {
        return (Classes { lookup, infos, required }, diagnostics);
    }
    for (code, &described) in known.iter().filter(|(code, _)| lookup.class(code).is_none()) {
        let help = format!(
            "add {} to the `codes` of a class in {}, or mark one class `default = true`",
            code.toml_key(),
            inputs.overlay_file.path
        );
        diagnostics.push(inputs.at_code(described, format!("code {} is in no class", code.prose())).help(help));
    }
    (Classes { lookup, infos, required }, diagnostics)
}

/// The class of each code: the one whose ranges hold it, else the default class.
struct Lookup {
    /// Inclusive ranges and their class, sorted.
    ranges: Vec<(CodeKey, CodeKey, usize)>,
    default: Option<usize>,
    /// Whether two ranges overlap (reported); the lookup then takes the first that holds a code.
    overlapping: bool,
}

impl Lookup {
    fn class(&self, code: &CodeKey) -> Option<usize> {
        let starting_before = &self.ranges[..self.ranges.partition_point(|(first, ..)| first <= code)];
        let holding = match self.overlapping {
            false => starting_before.last().filter(|(_, last, _)| code <= last),
            true => starting_before.iter().find(|(_, last, _)| code <= last),
        };
        holding.map(|&(.., class)| class).or(self.default)
    }
}

/// Each code's HTTP status from the doc's HTTP column; `None` when it has none or only empty
/// and `-` cells, which leaves the statuses to the overlay's classes.
fn statuses(
    inputs: &Inputs<'_>,
    rows: &BTreeMap<CodeKey, Documented<'_>>,
) -> Option<(BTreeMap<CodeKey, u16>, Vec<Diagnostic>)> {
    let says = |row: &crate::model::Row| row.http.as_ref().is_some_and(|cell| !codes::says_no_status(&cell.text));
    if !inputs.doc.rows.iter().any(says) {
        return None;
    }
    let mut diagnostics = Vec::new();
    if let Some(class) = inputs.overlay.classes.first() {
        let message = "the doc gives each code's HTTP status, so classes would be a second answer".to_owned();
        diagnostics.push(
            inputs
                .in_overlay(class.name.span.clone(), message)
                .help("remove the `[classes]` tables; the doc's HTTP column decides"),
        );
    }
    let mut statuses = BTreeMap::new();
    for (code, documented) in rows {
        let Some(cell) = documented.http else { continue };
        match codes::read_status(&cell.text) {
            Some(status) => {
                statuses.insert(code.clone(), status);
            }
            None => {
                let message =
                    format!("the HTTP status of code {}, `{}`, is not an HTTP status", code.prose(), cell.text);
                let help = "HTTP statuses are integers in 100..=599, alone or with their reason (`409 Conflict`); \
                            a cell that is empty or `-` gives the code no status";
                diagnostics.push(inputs.in_doc(cell.span.clone(), message).help(help));
            }
        }
    }
    Some((statuses, diagnostics))
}

/// Classes made from the doc's own HTTP statuses, one per status (`ErrorKind::Status404`).
fn from_statuses(statuses: &BTreeMap<CodeKey, u16>) -> (Lookup, Vec<ClassInfo>) {
    let distinct: BTreeSet<u16> = statuses.values().copied().collect();
    let infos: Vec<ClassInfo> = distinct
        .iter()
        .map(|&status| ClassInfo {
            name: format!("status_{status}"),
            variant: format!("Status{status}"),
            http_status: Some(status),
            ranges: Vec::new(),
            default: false,
        })
        .collect();
    let ranges = statuses
        .iter()
        .map(|(code, status)| (code.clone(), code.clone(), distinct.iter().position(|s| s == status).unwrap_or(0)))
        .collect();
    (Lookup { ranges, default: None, overlapping: false }, infos)
}

/// The overlay's classes as a lookup, reporting bad statuses, a second default, and overlaps.
fn from_overlay(inputs: &Inputs<'_>) -> (Lookup, Vec<Diagnostic>) {
    let classes = &inputs.overlay.classes;
    let mut diagnostics = Vec::new();
    let mut default: Option<usize> = None;
    let mut ranges: Vec<(&Spanned<(CodeKey, CodeKey)>, usize)> = Vec::new();
    for (index, class) in classes.iter().enumerate() {
        if let Some(status) = class.status.as_ref().filter(|status| !(100..=599).contains(&status.value)) {
            let message =
                format!("class `{}` has status {}, which is not an HTTP status", class.name.value, status.value);
            diagnostics.push(
                inputs
                    .in_overlay(status.span.clone(), message)
                    .help("HTTP statuses lie in 100..=599; without `status`, a class only groups its codes"),
            );
        }
        if let Some(flag) = class.default.as_ref().filter(|flag| flag.value) {
            match default {
                None => default = Some(index),
                Some(first) => {
                    let first_span = classes[first].default.as_ref().map_or(0..0, |flag| flag.span.clone());
                    let message = format!("class `{}` is a second default class", class.name.value);
                    diagnostics.push(
                        inputs
                            .in_overlay(flag.span.clone(), message)
                            .label(inputs.overlay_file, first_span, "the first default class")
                            .help("mark only one class `default = true`"),
                    );
                }
            }
        }
        ranges.extend(class.ranges.iter().map(|range| (range, index)));
    }
    ranges.sort_by(|(a, _), (b, _)| (&a.value.0, &a.value.1).cmp(&(&b.value.0, &b.value.1)));
    let mut overlapping = false;
    for pair in ranges.windows(2) {
        let [(before, before_class), (after, after_class)] = pair else { continue };
        if after.value.0 <= before.value.1 {
            overlapping = true;
            diagnostics.push(overlap(inputs, (before, *before_class), (after, *after_class)));
        }
    }
    let ranges = ranges.into_iter().map(|(range, class)| (range.value.0.clone(), range.value.1.clone(), class));
    (Lookup { ranges: ranges.collect(), default, overlapping }, diagnostics)
}

/// Two classes' ranges that share codes (or a string code listed twice).
fn overlap(
    inputs: &Inputs<'_>,
    (before, before_class): (&Spanned<(CodeKey, CodeKey)>, usize),
    (after, after_class): (&Spanned<(CodeKey, CodeKey)>, usize),
) -> Diagnostic {
    let file = inputs.overlay_file;
    let help = "every code belongs to one class: make the ranges disjoint";
    let code = match &after.value {
        (CodeKey::Str(_), code) => code,
        _ => {
            return inputs
                .in_overlay(after.span.clone(), "this range overlaps another".to_owned())
                .label(file, before.span.clone(), "the range it overlaps")
                .help(help);
        }
    };
    let (message, help) = if before_class == after_class {
        let class = &inputs.overlay.classes[after_class].name.value;
        (format!("code {} is listed twice in class `{class}`", code.prose()), "list each code once")
    } else {
        (format!("code {} is listed in two classes", code.prose()), "every code belongs to one class: list it in one")
    };
    inputs.in_overlay(after.span.clone(), message).label(file, before.span.clone(), "listed here too").help(help)
}

/// The string codes a class lists that the doc does not (integer ranges hold undocumented codes).
fn unlisted_class_codes(inputs: &Inputs<'_>, known: &Known<'_>, reported: &Reported) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for class in &inputs.overlay.classes {
        for range in &class.ranges {
            let code = &range.value.0;
            if !matches!(code, CodeKey::Str(_)) || known.contains_key(code) || reported.covers(code) {
                continue;
            }
            let message = format!(
                "class `{}` lists code {}, which {} does not list",
                class.name.value,
                code.prose(),
                inputs.doc_file.path
            );
            let help = format!(
                "if the doc dropped the code, keep it as a deprecated variant: add `[retired.{}]` with `reason` and \
                 its last `description`; if the code never existed, remove it from `codes`",
                code.toml_key()
            );
            diagnostics.push(inputs.in_overlay(range.span.clone(), message).help(help));
        }
    }
    diagnostics
}

/// The classes as the catalog keeps them, each name a distinct usable `ErrorKind` variant.
fn infos(inputs: &Inputs<'_>) -> (Vec<ClassInfo>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut infos: Vec<ClassInfo> = Vec::new();
    for class in &inputs.overlay.classes {
        let variant = class.name.value.to_upper_camel_case();
        let usable = ident::check(&variant, Case::UpperCamel).is_ok();
        if !usable {
            let message = format!("class `{}` does not make a usable `ErrorKind` variant", class.name.value);
            diagnostics.push(
                inputs
                    .in_overlay(class.name.span.clone(), message)
                    .help("name classes with English words, such as `request` or `service`"),
            );
        } else if let Some(first) = infos.iter().find(|info| info.variant == variant) {
            let message =
                format!("classes `{}` and `{}` both make `ErrorKind::{variant}`", first.name, class.name.value);
            diagnostics.push(inputs.in_overlay(class.name.span.clone(), message).help("rename one of the classes"));
        }
        infos.push(ClassInfo {
            name: class.name.value.clone(),
            variant,
            http_status: class.status.as_ref().and_then(|status| u16::try_from(status.value).ok()),
            ranges: class
                .ranges
                .iter()
                .filter_map(|range| Some((range.value.0.as_int()?, range.value.1.as_int()?)))
                .collect(),
            default: class.default.as_ref().is_some_and(|default| default.value),
        });
    }
    (infos, diagnostics)
}
