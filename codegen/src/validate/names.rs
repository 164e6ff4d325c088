//! Step 3: each code's English name and the variant made from it.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use heck::ToUpperCamelCase;

use crate::ident::{self, Case, Unusable};

use super::{Described, Documented, Inputs, Known, Reported, UNKNOWN_VARIANT};
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKey, Name};
use crate::source::SourceFile;

/// Each code's English name and variant.
pub(super) type Names = BTreeMap<CodeKey, (String, String)>;

/// The English name and variant of every documented or retired code, reporting names that
/// are missing, unused, unusable or duplicated.
pub(super) fn names<'a>(inputs: &Inputs<'a>, known: &Known<'a>, reported: &Reported) -> (Names, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut by_code: BTreeMap<&CodeKey, &'a Name> = BTreeMap::new();
    for name in inputs.overlay.names.iter() {
        let code = &name.code.value;
        if known.contains_key(code) {
            by_code.insert(code, name);
            continue;
        }
        if reported.covers(code) {
            continue;
        }
        let message =
            format!("a name is given for code {}, which {} does not list", code.prose(), inputs.doc_file.path);
        let help = format!(
            "if the doc dropped the code, keep it as a deprecated variant: add `[retired.{}]` with `reason` and its \
             last `description`; if the code never existed, remove this line",
            code.toml_key()
        );
        diagnostics.push(inputs.in_overlay(name.code.span.clone(), message).help(help));
    }

    // Only looked up, never iterated: a hash map keeps this linear at 100,000 codes.
    let mut variants: HashMap<String, (&CodeKey, NameSource<'a>)> = HashMap::new();
    // The codes whose variant an earlier code has, by variant: each clash is reported once.
    let mut clashes: BTreeMap<String, Vec<(&CodeKey, NameSource<'a>)>> = BTreeMap::new();
    let mut names = Names::new();
    for (code, &described) in known {
        let Some(source) = name_source(inputs, code, described, by_code.get(code).copied()) else {
            diagnostics.push(unnamed(inputs, code, described));
            continue;
        };
        let variant = match variant(code, &source) {
            Ok(variant) => variant,
            Err((message, help)) => {
                let help = if source.in_doc { from_the_doc(inputs, &[code], &help) } else { help };
                diagnostics.push(Diagnostic::new(source.file, source.span.clone(), message).help(help));
                continue;
            }
        };
        if variants.contains_key(&variant) {
            clashes.entry(variant).or_default().push((code, source));
            continue;
        }
        names.insert(code.clone(), (source.text.clone(), variant.clone()));
        variants.insert(variant, (code, source));
    }
    for (variant, others) in &clashes {
        if let Some((code, source)) = variants.get(variant) {
            diagnostics.push(clash(inputs, variant, (code, source), others));
        }
    }
    (names, diagnostics)
}

/// Codes whose names make the same variant, reported once at the second code's name.
fn clash(
    inputs: &Inputs<'_>,
    variant: &str,
    (first_code, first): (&CodeKey, &NameSource<'_>),
    others: &[(&CodeKey, NameSource<'_>)],
) -> Diagnostic {
    let codes: Vec<String> =
        [first_code].into_iter().chain(others.iter().map(|(code, _)| *code)).map(CodeKey::prose).collect();
    let message = match codes.as_slice() {
        [one, two] => format!("codes {one} and {two} both make the variant `{variant}`"),
        [rest @ .., last] => format!("codes {} and {last} all make the variant `{variant}`", rest.join(", ")),
        [] => format!("the variant `{variant}` is made twice"),
    };
    let (code, source) = &others[0];
    let mut diagnostic = Diagnostic::new(source.file, source.span.clone(), message).label(
        first.file,
        first.span.clone(),
        format!("the name of {}", first_code.prose()),
    );
    for (other, source) in &others[1..] {
        diagnostic = diagnostic.label(source.file, source.span.clone(), format!("the name of {}", other.prose()));
    }
    if !others.iter().any(|(_, source)| source.in_doc) {
        return diagnostic.help(format!("give {} a name that differs in more than case and punctuation", code.prose()));
    }
    let renamed: Vec<&CodeKey> = others.iter().map(|(code, _)| *code).collect();
    diagnostic.help(from_the_doc(inputs, &renamed, "the doc gives them one name"))
}

/// A name and the place it was written: the overlay, or the doc's name column.
struct NameSource<'a> {
    text: String,
    file: &'a SourceFile,
    span: Range<usize>,
    /// Whether the name is the doc's, which only the overlay's `[names]` can change.
    in_doc: bool,
}

/// A code's name with `fallback = "code"`: the string code, or `E9003` (`E minus 1` for -1).
fn fallback_name(code: &CodeKey) -> String {
    match code {
        CodeKey::Int(code) if *code < 0 => format!("E minus {}", code.unsigned_abs()),
        CodeKey::Int(code) => format!("E{code}"),
        CodeKey::Str(code) => code.clone(),
    }
}

/// Where a code's name comes from: `[names]`, else the doc's name column, else the code.
fn name_source<'a>(
    inputs: &Inputs<'a>,
    code: &CodeKey,
    described: Described<'a>,
    named: Option<&'a Name>,
) -> Option<NameSource<'a>> {
    if let Some(name) = named {
        return Some(NameSource {
            text: name.name.value.clone(),
            file: inputs.overlay_file,
            span: name.name.span.clone(),
            in_doc: false,
        });
    }
    if let Described::Row(Documented { name: Some(cell), .. }) = described {
        let prefix = inputs.overlay.naming.strip_prefix.as_ref().map_or("", |prefix| prefix.value.as_str());
        let text = cell.text.strip_prefix(prefix).unwrap_or(&cell.text).to_owned();
        return Some(NameSource { text, file: inputs.doc_file, span: cell.span.clone(), in_doc: true });
    }
    let fallback = inputs.overlay.naming.fallback_to_code.as_ref().filter(|flag| flag.value)?;
    Some(NameSource {
        text: fallback_name(code),
        file: inputs.overlay_file,
        span: fallback.span.clone(),
        in_doc: false,
    })
}

/// The diagnostic for a code with no name, saying how to give it one.
fn unnamed(inputs: &Inputs<'_>, code: &CodeKey, described: Described<'_>) -> Diagnostic {
    // The variant the fallback name makes (`E9003`, `EMinus1`, `AuthFailureTokenFailure`).
    let fallback = fallback_name(code).to_upper_camel_case();
    inputs.at_code(described, format!("code {} has no English name", code.prose())).help(format!(
        "add `{} = \"<English name>\"` under `[names]` in {} (for a large table nobody will translate, `[naming] \
         fallback = \"code\"` names it `{fallback}`)",
        code.toml_key(),
        inputs.overlay_file.path
    ))
}

/// How to fix names from the doc's name column: the page is never edited, so `[names]`.
fn from_the_doc(inputs: &Inputs<'_>, codes: &[&CodeKey], help: &str) -> String {
    let lines: Vec<String> = codes.iter().map(|code| format!("`{} = \"<English name>\"`", code.toml_key())).collect();
    format!(
        "{help}; the doc's names are never edited: name {} under `[names]` in {} instead, {}",
        if codes.len() == 1 { "the code" } else { "the codes" },
        inputs.overlay_file.path,
        lines.join(", ")
    )
}

/// The UpperCamelCase variant of a name, or a message and a help on why it is unusable.
fn variant(code: &CodeKey, source: &NameSource<'_>) -> Result<String, (String, String)> {
    let (code, text) = (code.prose(), &source.text);
    let variant = text.to_upper_camel_case();
    let words =
        "names become Rust identifiers: use English words that start with a letter, such as \"Meeting not exist\"";
    let unusable =
        if text.is_ascii() { ident::check(&variant, Case::UpperCamel).err() } else { Some(Unusable::NotAscii) };
    let (message, help) = if let Some(unusable) = unusable {
        let why = match unusable {
            Unusable::NotAscii => "has non-ASCII characters".to_owned(),
            Unusable::NoLetters | Unusable::NotInCase => "has no letters".to_owned(),
            Unusable::StartsWithDigit => "starts with a digit".to_owned(),
            Unusable::Keyword => format!("makes `{variant}`, a Rust keyword"),
        };
        let help = match unusable {
            Unusable::Keyword => "add a word, so the variant is not a keyword".to_owned(),
            _ => words.to_owned(),
        };
        (format!("the name of code {code}, `{text}`, {why}"), help)
    } else if variant == UNKNOWN_VARIANT {
        let message = format!(
            "the name of code {code}, `{text}`, makes `{UNKNOWN_VARIANT}`, the variant kept for undocumented codes"
        );
        (message, "choose a name that says what the error is".to_owned())
    } else {
        return Ok(variant);
    };
    Err((message, help))
}
