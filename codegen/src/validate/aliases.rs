//! Step 4: what the overlay adds to known codes: former variant names (`[renamed]`), retry
//! hints (`retryable`) and the facts it gives (`[rate_limit_window]`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use crate::ident::{self, Case};

use super::names::Names;
use super::{Inputs, Known, Reported, UNKNOWN_VARIANT};
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKey, Spanned};

/// Associated constants of the generated enum, which a former variant name may not take.
const RESERVED_CONSTS: &[&str] = &["ALL", "RETIRED"];

/// The former variant names of renamed codes, each a usable identifier no other name takes.
pub(super) fn former_variants(
    inputs: &Inputs<'_>,
    known: &Known<'_>,
    names: &Names,
    reported: &Reported,
) -> (BTreeMap<CodeKey, Vec<String>>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut result: BTreeMap<CodeKey, Vec<String>> = BTreeMap::new();
    // Most overlays rename nothing: skip indexing every variant by name.
    if inputs.overlay.renamed.is_empty() {
        return (result, diagnostics);
    }
    let current: HashMap<&str, &CodeKey> = names.iter().map(|(code, (_, variant))| (variant.as_str(), code)).collect();
    let mut taken: BTreeMap<&str, Range<usize>> = BTreeMap::new();
    for renamed in inputs.overlay.renamed.iter() {
        let code = &renamed.code.value;
        if !known.contains_key(code) {
            if !reported.covers(code) {
                let message = format!("former names are given for code {}, which the doc does not list", code.prose());
                diagnostics.push(
                    inputs
                        .in_overlay(renamed.code.span.clone(), message)
                        .help("remove this line, or mark the code retired"),
                );
            }
            continue;
        }
        for former in &renamed.former {
            if let Some(diagnostic) = unusable(inputs, former, &current, &taken) {
                diagnostics.push(diagnostic);
                continue;
            }
            taken.insert(&former.value, former.span.clone());
            result.entry(code.clone()).or_default().push(former.value.clone());
        }
    }
    (result, diagnostics)
}

/// Why a former name cannot alias its code, if it cannot.
fn unusable(
    inputs: &Inputs<'_>,
    former: &Spanned<String>,
    current: &HashMap<&str, &CodeKey>,
    taken: &BTreeMap<&str, Range<usize>>,
) -> Option<Diagnostic> {
    let name = &former.value;
    let message = if ident::check(name, Case::UpperCamel).is_err() {
        format!("`{name}` is not a variant name")
    } else if name == UNKNOWN_VARIANT || RESERVED_CONSTS.contains(&name.as_str()) {
        format!("`{name}` is reserved by the generated code")
    } else if let Some(owner) = current.get(name.as_str()) {
        format!("`{name}` is the current variant of code {}", owner.prose())
    } else if let Some(first) = taken.get(name.as_str()) {
        return Some(
            inputs
                .in_overlay(former.span.clone(), format!("`{name}` is given as a former name twice"))
                .label(inputs.overlay_file, first.clone(), "first given here")
                .help("a former name can alias only one code"),
        );
    } else {
        return None;
    };
    Some(
        inputs
            .in_overlay(former.span.clone(), message)
            .help("list the variant names the code had before, such as \"MeetingNotExist\""),
    )
}

/// The codes marked retryable; each must be a code the doc or `[retired]` lists.
pub(super) fn retryable(
    inputs: &Inputs<'_>,
    known: &Known<'_>,
    reported: &Reported,
) -> (BTreeSet<CodeKey>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut codes = BTreeSet::new();
    for code in &inputs.overlay.retryable {
        if known.contains_key(&code.value) {
            codes.insert(code.value.clone());
            continue;
        }
        if reported.covers(&code.value) {
            continue;
        }
        let message =
            format!("code {} is marked retryable, but {} does not list it", code.value.prose(), inputs.doc_file.path);
        diagnostics.push(inputs.in_overlay(code.span.clone(), message).help("remove it from `retryable`"));
    }
    (codes, diagnostics)
}

/// The facts the overlay gives, by code: each `(fact, value)`, the fact by its index.
pub(super) type Given = BTreeMap<CodeKey, Vec<(usize, String)>>;

/// The values of facts the overlay gives codes the doc or `[retired]` lists.
pub(super) fn given_facts(inputs: &Inputs<'_>, known: &Known<'_>, reported: &Reported) -> (Given, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut given = Given::new();
    for value in &inputs.overlay.fact_values {
        let code = &value.code.value;
        if known.contains_key(code) {
            given.entry(code.clone()).or_default().push((value.fact, value.value.value.clone()));
            continue;
        }
        if reported.covers(code) {
            continue;
        }
        let key = &inputs.overlay.facts.get(value.fact).key;
        let message = format!("`[{key}]` gives code {}, but {} does not list it", code.prose(), inputs.doc_file.path);
        let help = "remove this line, or correct the code to one the doc lists";
        diagnostics.push(inputs.in_overlay(value.code.span.clone(), message).help(help));
    }
    (given, diagnostics)
}
