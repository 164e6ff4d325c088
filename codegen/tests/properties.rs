//! Property tests over generated Markdown tables whose codes and descriptions are drawn from
//! hostile alphabets: quotes, backslashes, braces, comment and raw-string markers, `#`,
//! pipes, tabs, CJK, emoji, combining marks, right-to-left marks, NUL and other control
//! characters.
//!
//! Every run either returns diagnostics, or returns Rust that `syn::parse_file` accepts and
//! whose descriptions (in the catalog and in the parsed file's string literals) are the
//! input text; nothing panics (see `support/invariants.rs`). Where the input text is known,
//! the outcome is predicted exactly: which rows are refused, and what every description says.
//!
//! One property builds overlays that use every section keyed by code, for string codes and
//! for integers alike, and predicts the catalog from them.
//!
//! The number of cases is fixed (`CASES` per property), so the run is bounded; the whole file
//! takes a few seconds in a debug build.

use std::collections::{BTreeMap, BTreeSet};

use errtab_codegen::SourceFile;
use errtab_codegen::model::{CodeKey, CodeKind};
use proptest::prelude::*;

#[path = "support/invariants.rs"]
mod invariants;

const CASES: u32 = 1024;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, ..ProptestConfig::default() }
}

/// Pieces of descriptions: each is text a reader should see, character for character.
const HOSTILE: &[&str] = &[
    "\"",
    "'",
    "\\",
    "\\\\",
    "{",
    "}",
    "{0}",
    "*/",
    "/*",
    "//",
    "#",
    "r#\"",
    "\"#",
    "|",
    "||",
    "\t",
    " ",
    "  ",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "&",
    "&amp;",
    "!",
    "-",
    "+",
    "=",
    ":",
    ";",
    "%s",
    "会议",
    "不存在",
    "，",
    "（",
    "）",
    "\u{3000}",
    "\u{a0}",
    "🙂",
    "👨\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "e\u{301}",
    "\u{301}",
    "\u{200f}",
    "\u{200e}",
    "שגיאה",
    "خطأ",
    "\u{200b}",
    "\u{2028}",
    "\u{fffd}",
    "\u{feff}",
    "a",
    "Z",
    "9",
    "0",
    "word",
    "x",
];

/// Characters that must be refused wherever they appear in a description.
const HIDDEN: &[&str] = &["\0", "\u{1}", "\u{1b}", "\u{7f}", "\u{85}", "\u{b}", "\u{c}", "\u{202e}", "\u{2067}"];

/// A description as the text a reader sees, made of hostile pieces and, rarely, a hidden
/// character.
fn description() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        20 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        1 => proptest::sample::select(HIDDEN).prop_map(str::to_owned),
    ];
    // Now and then one long enough (without a hidden character) that its doc comment and its
    // literal go over several lines.
    let long = proptest::collection::vec(proptest::sample::select(HOSTILE).prop_map(str::to_owned), 40..80);
    prop_oneof![8 => proptest::collection::vec(piece, 0..8), 1 => long].prop_map(|pieces| pieces.concat())
}

/// Markdown whose rendered text is `text`: every ASCII punctuation character escaped with
/// a backslash (CommonMark allows it for all of them, and GFM tables for `|`).
fn markdown(text: &str) -> String {
    let mut markdown = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            markdown.push('\\');
        }
        markdown.push(c);
    }
    markdown
}

/// What the generator makes of a description cell's text: runs of ASCII whitespace become
/// one space, and whitespace at either end goes (ARCHITECTURE.md, "Descriptions").
fn plain(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ").trim().to_owned()
}

/// Former variant names, some of them unusable.
const FORMER_NAMES: &[&str] = &["MeetingMissing", "Self", "ALL", "RETIRED", "Unknown", "lower", "Type", "Crate", "A1"];

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A code: mostly plain decimals, sometimes a repeat, an extreme or zero.
fn code() -> impl Strategy<Value = i64> {
    prop_oneof![
        8 => -100_000i64..1_000_000,
        1 => Just(i64::MIN),
        1 => Just(i64::MAX),
        1 => Just(0i64),
        1 => any::<i64>(),
    ]
}

/// A doc with one row per `(code, text)` and an overlay naming every code.
fn spec(rows: &[(i64, String)]) -> (SourceFile, SourceFile) {
    let mut doc = String::from("# Errors\n\n| 错误码 | 说明 |\n| --- | --- |\n");
    let mut overlay = String::from("[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n");
    let mut named = BTreeSet::new();
    for (index, (code, text)) in rows.iter().enumerate() {
        doc.push_str(&format!("| {code} | {} |\n", markdown(text)));
        if named.insert(*code) {
            overlay.push_str(&format!("{code} = \"Error number {index}\"\n"));
        }
    }
    (SourceFile::new("prop.md", doc), SourceFile::new("prop.toml", overlay))
}

/// What the overlay says of one code in [`keyed_spec`].
#[derive(Clone, Debug)]
struct Said {
    /// Retired (given by `[retired]`) rather than listed by the doc.
    retired: bool,
    /// The class: 0 and 1 list their codes, 2 is the default class.
    class: usize,
    retryable: bool,
    renamed: bool,
}

fn said() -> impl Strategy<Value = Said> {
    (any::<bool>(), 0..3usize, any::<bool>(), any::<bool>()).prop_map(|(retired, class, retryable, renamed)| Said {
        retired,
        class,
        retryable,
        renamed,
    })
}

/// The HTTP status of each class in [`keyed_spec`]; the second only groups its codes.
const STATUSES: [Option<u16>; 3] = [Some(400), None, Some(500)];

/// A doc of `codes` (the first always documented, so the table has a row) and an overlay
/// that uses every section keyed by code, each code written as a TOML key needs.
fn keyed_spec(codes: &[(CodeKey, Said)], string: bool) -> (SourceFile, SourceFile) {
    let key = |code: &CodeKey| code.toml_key();
    let listed = |want: &dyn Fn(&Said) -> bool| {
        codes.iter().filter(|(_, said)| want(said)).map(|(code, _)| key(code)).collect::<Vec<_>>().join(", ")
    };
    let mut doc = String::from("| 错误码 | 说明 |\n| --- | --- |\n");
    let mut overlay = format!("retryable = [{}]\n\n", listed(&|said| said.retryable));
    if string {
        overlay.push_str("[doc]\ncodes = \"string\"\n\n");
    }
    let status = |class: usize| STATUSES[class].map(|status| format!("status = {status}\n")).unwrap_or_default();
    for class in 0..2 {
        let codes = listed(&|said| said.class == class);
        overlay.push_str(&format!("[classes.c{class}]\n{}codes = [{codes}]\n\n", status(class)));
    }
    overlay.push_str(&format!("[classes.rest]\n{}default = true\n\n[names]\n", status(2)));
    for (index, (code, said)) in codes.iter().enumerate() {
        overlay.push_str(&format!("{} = \"Error number {index}\"\n", key(code)));
        if !said.retired || index == 0 {
            doc.push_str(&format!("| {code} | documented {index} |\n"));
        }
    }
    for (index, (code, _)) in codes.iter().enumerate().skip(1).filter(|(_, (_, said))| said.retired) {
        overlay
            .push_str(&format!("\n[retired.{}]\nreason = \"Gone.\"\ndescription = \"retired {index}\"\n", key(code)));
    }
    overlay.push_str("\n[renamed]\n");
    for (index, (code, _)) in codes.iter().enumerate().filter(|(_, (_, said))| said.renamed) {
        overlay.push_str(&format!("{} = [\"Former{index}\"]\n", key(code)));
    }
    (SourceFile::new("keyed.md", doc), SourceFile::new("keyed.toml", overlay))
}

proptest! {
    #![proptest_config(config())]

    /// Every overlay section keyed by code (`[names]`, class `codes`, `retryable`,
    /// `[retired]`, `[renamed]`) works for string codes exactly as for integers: the catalog
    /// holds each code once, ascending, with what the overlay says of it (its class, and the
    /// class's HTTP status or none).
    #[test]
    fn every_overlay_section_works_for_string_and_integer_codes(
        string in any::<bool>(),
        words in proptest::collection::btree_set("[A-Z][A-Za-z0-9]{0,6}(\\.[A-Z][A-Za-z0-9]{0,6}){0,2}", 1..8),
        numbers in proptest::collection::btree_set(code(), 1..8),
        said in proptest::collection::vec(said(), 8),
    ) {
        let keys: Vec<CodeKey> = match string {
            true => words.into_iter().map(CodeKey::Str).collect(),
            false => numbers.into_iter().map(CodeKey::Int).collect(),
        };
        let codes: Vec<(CodeKey, Said)> = keys.into_iter().zip(said).collect();
        let (doc, overlay) = keyed_spec(&codes, string);
        let catalog = errtab_codegen::Config::new(&doc, &overlay).check().map_err(|diagnostics| {
            let rendered = errtab_codegen::diagnostic::render(&diagnostics, &[&doc, &overlay], errtab_codegen::diagnostic::Colour::Plain);
            TestCaseError::fail(format!("{}\n{}\n{rendered}", doc.text, overlay.text))
        })?;
        prop_assert_eq!(catalog.code_kind, if string { CodeKind::String } else { CodeKind::Integer });
        let got: Vec<&CodeKey> = catalog.entries.iter().map(|entry| &entry.code).collect();
        prop_assert_eq!(got, codes.iter().map(|(code, _)| code).collect::<Vec<_>>(), "one entry per code, ascending");
        for (index, (entry, (_, said))) in catalog.entries.iter().zip(&codes).enumerate() {
            prop_assert_eq!(&entry.variant, &format!("ErrorNumber{index}"));
            prop_assert_eq!(entry.class, Some(said.class));
            prop_assert_eq!(entry.http_status, STATUSES[said.class]);
            prop_assert_eq!(entry.retryable, said.retryable);
            prop_assert_eq!(entry.retired.is_some(), said.retired && index > 0);
            let former = if said.renamed { vec![format!("Former{index}")] } else { Vec::new() };
            prop_assert_eq!(&entry.former_variants, &former);
        }
    }

    /// A table of hostile descriptions generates exactly those descriptions, or is refused
    /// exactly when a row has a hidden character or a code has no text in any of its rows. A
    /// code written in several rows (codes repeat) has its distinct texts joined in page order.
    #[test]
    fn hostile_descriptions_are_kept_or_refused_with_a_reason(
        rows in proptest::collection::vec((code(), description()), 1..8)
    ) {
        let (doc, overlay) = spec(&rows);
        let result = invariants::generate_and_check(&doc, &overlay);

        let mut by_code: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for (index, (code, _)) in rows.iter().enumerate() {
            by_code.entry(*code).or_default().push(index);
        }
        let mut refused: Vec<usize> = Vec::new();
        for indexes in by_code.values() {
            refused.extend(indexes.iter().filter(|&&index| rows[index].1.chars().any(invariants::is_hidden)));
            if indexes.iter().all(|&index| plain(&rows[index].1).is_empty()) {
                refused.push(indexes[0]);
            }
        }
        refused.sort_unstable();
        refused.dedup();
        match result {
            Ok(output) => {
                prop_assert!(refused.is_empty(), "rows {refused:?} should have been refused");
                let expected: Vec<(i64, String)> = by_code
                    .iter()
                    .map(|(code, indexes)| {
                        let mut texts: Vec<String> = Vec::new();
                        for text in indexes.iter().map(|&index| plain(&rows[index].1)) {
                            if !text.is_empty() && !texts.contains(&text) {
                                texts.push(text);
                            }
                        }
                        (*code, texts.join(" / "))
                    })
                    .collect();
                let got: Vec<(i64, String)> =
                    output.catalog.entries.iter().map(|entry| (entry.code.as_int().expect("an integer code"), entry.text.clone())).collect();
                prop_assert_eq!(got, expected);
            }
            Err(diagnostics) => {
                prop_assert!(!refused.is_empty(), "refused without a reason: {diagnostics:?}");
                for index in refused {
                    // The header is on lines 3 and 4; row `index` is on line 5 + index.
                    let line = 5 + index;
                    let reported = diagnostics
                        .iter()
                        .any(|d| d.path == doc.path && doc.line_col(d.span.start).line == line);
                    prop_assert!(reported, "row {index} (line {line}) has no diagnostic: {diagnostics:?}");
                }
            }
        }
    }

    /// A code cell from a hostile alphabet is read exactly when it is a plain decimal `i64`
    /// without a leading zero; anything else is a diagnostic on that cell.
    #[test]
    fn hostile_codes_are_read_only_when_plainly_decimal(
        cell in "-?[0-9０-９Oeax.+_ ]{0,6}|-?[1-9][0-9]{17,19}"
    ) {
        let doc = SourceFile::new("prop.md", format!("| 错误码 | 说明 |\n| --- | --- |\n| {cell} | 会议不存在 |\n"));
        let overlay = SourceFile::new("prop.toml", "[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n");
        let result = invariants::generate_and_check(&doc, &overlay);
        let trimmed = cell.trim();
        let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
        let plain_decimal = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'))
            && trimmed.parse::<i64>().is_ok();
        let diagnostics = result.expect_err("the overlay names no code, so a readable code has no name");
        let about_the_code = diagnostics.iter().any(|d| {
            d.message.starts_with("code `")
                || d.message == "this row has no code"
                || d.message.starts_with("the codes of the error-code table are words")
        });
        prop_assert_eq!(!about_the_code, plain_decimal, "{:?}: {:?}", cell, diagnostics);
    }

    /// Arbitrary text from the hostile alphabet and Markdown's own syntax, as a whole doc, with
    /// an overlay of random names, retired codes (hostile descriptions and reasons), former
    /// names (some unusable) and retry hints: nothing panics, and whatever comes back keeps
    /// the invariants.
    #[test]
    fn any_doc_keeps_the_invariants(
        pieces in proptest::collection::vec(
            prop_oneof![
                3 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
                1 => proptest::sample::select(HIDDEN).prop_map(str::to_owned),
                3 => proptest::sample::select(&["\n", "\r\n", "\r", "| ", " |", "| --- |", "---", "9003", "-1", "`", "<!--", "-->", "    ", "> ", "1. "][..]).prop_map(str::to_owned),
            ],
            0..40,
        ),
        names in proptest::collection::vec((code(), "[A-Za-z0-9 _-]{0,12}"), 0..4),
        retired in proptest::collection::vec((code(), description(), description()), 0..3),
        renamed in proptest::collection::vec((code(), proptest::sample::select(FORMER_NAMES)), 0..3),
        retryable in proptest::collection::vec(code(), 0..3),
    ) {
        let text = format!("| 错误码 | 说明 |\n| --- | --- |\n{}", pieces.concat());
        let doc = SourceFile::new("prop.md", text);
        let retryable: Vec<String> = retryable.iter().map(i64::to_string).collect();
        let mut overlay = format!("retryable = [{}]\n\n[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n", retryable.join(", "));
        for (code, name) in &names {
            overlay.push_str(&format!("{code} = \"{name}\"\n"));
        }
        for (code, description, reason) in &retired {
            overlay.push_str(&format!("\n[retired.{code}]\ndescription = {}\nreason = {}\n", toml_string(description), toml_string(reason)));
        }
        overlay.push_str("\n[renamed]\n");
        for (code, former) in &renamed {
            overlay.push_str(&format!("{code} = [\"{former}\"]\n"));
        }
        let overlay = SourceFile::new("prop.toml", overlay);
        let _ = invariants::generate_and_check(&doc, &overlay);
    }
}
