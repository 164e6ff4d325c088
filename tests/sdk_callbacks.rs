//! An SDK's callback table (`codegen/tests/fixtures/good/sdk-callbacks.md`): no HTTP column
//! and no `[classes]`, a solution column and a message column, and rows the overlay skips
//! whose code cells are ranges. The module generated from it compiles, has `solution()` and
//! `message()`, describes the unknown codes inside a range with the range's text, and has
//! no HTTP method, no `ErrorKind` and no word of HTTP. Expectations come from the catalogue
//! the generator reads from the fixture.
//!
//! `cargo xtask gen` writes `sdk_callbacks/error_codes.rs`; the freshness test keeps it current.

// The module is the generated crate's code, used here through its public API only.
#[allow(dead_code)]
#[rustfmt::skip]
#[path = "sdk_callbacks/error_codes.rs"]
mod error_codes;

use error_codes::ErrorCode;
use errtab_codegen::model::{Catalog, CodeKey, Entry};
use errtab_codegen::{Output, SourceFile};

/// The generated module, as the compiler reads it above.
const GENERATED: &str = include_str!("sdk_callbacks/error_codes.rs");

/// The fixture as the generator reads it: its catalogue, Rust and catalogue Markdown.
fn output() -> Output {
    // Named as `cargo xtask gen` names them, so the header of the Rust is the committed one's.
    let read = |path: &str| {
        let text = std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        SourceFile::new(path, text)
    };
    let doc = read("codegen/tests/fixtures/good/sdk-callbacks.md");
    let overlay = read("codegen/tests/fixtures/good/sdk-callbacks.toml");
    errtab_codegen::Config::new(&doc, &overlay).generate().expect("the fixture is valid")
}

fn catalog() -> Catalog {
    output().catalog
}

fn code(entry: &Entry) -> i64 {
    entry.code.as_int().expect("the fixture's codes are integers")
}

/// The description the catalogue gives an unknown code: that of the narrowest range holding
/// it, the first of equally wide ones, if any does.
fn range_description(catalog: &Catalog, code: i64) -> Option<&str> {
    let holding = catalog.ranges.iter().filter(|range| range.low <= code && code <= range.high);
    let mut narrowest: Option<&errtab_codegen::model::CodeRange> = None;
    for range in holding {
        if narrowest.is_none_or(|found| range.high.abs_diff(range.low) < found.high.abs_diff(found.low)) {
            narrowest = Some(range);
        }
    }
    narrowest.map(|range| range.description.text.as_str())
}

#[test]
fn every_code_has_its_catalogue_row_with_its_solution_and_message() {
    let catalog = catalog();
    assert_eq!(ErrorCode::ALL.len(), catalog.entries.len());
    for entry in &catalog.entries {
        let error = ErrorCode::from_code(code(entry));
        assert_eq!(error.code(), code(entry));
        assert_eq!(format!("{error:?}"), entry.variant);
        assert_eq!(error.description(), Some(entry.text.as_str()));
        assert_eq!(error.to_string(), format!("{} {}", code(entry), entry.text));
        let fact = |key: &str| catalog.facts.find(key).and_then(|fact| entry.fact(fact)).map(|text| text.text.as_str());
        assert_eq!(error.solution(), fact("solution"), "{error:?}");
        assert_eq!(error.message(), fact("message"), "{error:?}");
        assert_eq!(error.is_retryable(), entry.retryable, "{error:?}");
        assert!(ErrorCode::ALL.contains(&error));
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(json, code(entry).to_string());
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), error);
    }
    // The fixture has codes with and without each text, so both answers are checked.
    for key in ["solution", "message"] {
        let fact = catalog.facts.find(key).expect("a built-in fact");
        let has = |entry: &Entry| entry.fact(fact).is_some();
        assert!(catalog.entries.iter().any(has) && !catalog.entries.iter().all(has), "{key}");
    }
}

#[test]
fn an_unknown_code_in_a_range_has_the_ranges_description() {
    let catalog = catalog();
    assert!(catalog.ranges.len() >= 2, "the fixture has ranges, one inside another");
    let documented = |code: i64| catalog.entries.iter().any(|entry| entry.code == CodeKey::Int(code));
    let mut probes: Vec<i64> = catalog
        .ranges
        .iter()
        .flat_map(|range| {
            [range.low - 1, range.low, range.low + (range.high - range.low) / 2, range.high, range.high + 1]
        })
        .filter(|&code| !documented(code))
        .collect();
    probes.extend([i64::MIN, i64::MAX]);
    let mut in_a_range = 0;
    for code in probes {
        let unknown = ErrorCode::from_code(code);
        assert!(matches!(unknown, ErrorCode::Unknown(_)), "{code} is no variant, in a range or not");
        let expected = range_description(&catalog, code);
        assert_eq!(unknown.description(), expected, "{code}");
        match expected {
            Some(description) => {
                in_a_range += 1;
                assert_eq!(unknown.to_string(), format!("{code} {description}"));
            }
            None => assert_eq!(unknown.to_string(), format!("{code} (undocumented error code)")),
        }
        assert_eq!(
            (unknown.solution(), unknown.message()),
            (None, None),
            "{code}: the range gives its description only"
        );
        assert!(!unknown.is_retryable());
        assert!(!ErrorCode::ALL.contains(&unknown));
    }
    assert!(in_a_range > 0);
    // The narrowest range decides: a code of the inner range has the inner range's text.
    let inner = catalog.ranges.iter().min_by_key(|range| range.high.abs_diff(range.low)).unwrap();
    assert!(catalog.ranges.iter().any(|outer| outer.low < inner.low && inner.high < outer.high));
    assert_eq!(ErrorCode::from_code(inner.low).description(), Some(inner.description.text.as_str()));
}

/// Without an HTTP column or classes, the module says nothing of HTTP: no `http_status`, no
/// `status_code`, no `ErrorKind` or `kind`, in its code, its docs and its catalogue. (Calling
/// a method that does not exist would not compile, so the generated text is read instead.)
#[test]
fn nothing_speaks_of_http() {
    let output = output();
    assert!(output.catalog.classes.is_empty() && output.catalog.entries.iter().all(|e| e.http_status.is_none()));
    for (what, text) in [("the generated module", GENERATED), ("the catalogue", output.markdown.as_str())] {
        // The page's own links (`https://`) are its text; the word HTTP and the methods are not.
        for http in ["HTTP", "http_status", "status_code", "::http", "\"http\""] {
            assert!(!text.contains(http), "{what} has `{http}`:\n{text}");
        }
        assert!(!text.contains("ErrorKind") && !text.contains("fn kind"), "{what} has kinds:\n{text}");
    }
    assert_eq!(GENERATED.replace("\r\n", "\n"), output.rust, "the module is the fixture's (`cargo xtask gen`)");
    for method in ["pub fn solution(", "pub fn message(", "pub fn description(", "static RANGES"] {
        assert!(GENERATED.contains(method), "{method}");
    }
}
