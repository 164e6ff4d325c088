//! A doc of string codes (`codegen/tests/fixtures/good/string-codes.md`) whose overlay uses
//! every section keyed by code: names, classes listing codes, a retry hint, a retired code and
//! a renamed one. The module generated from it compiles and behaves like the integer one.
//! Expectations come from the catalogue the generator reads from the fixture.
//!
//! `cargo xtask gen` writes `string_codes/error_codes.rs`; the freshness test keeps it current.

// The module is the generated crate's code, used here through its public API only.
#[allow(dead_code)]
#[rustfmt::skip]
#[path = "string_codes/error_codes.rs"]
mod error_codes;

use error_codes::ErrorCode;
use errtab_codegen::model::{Catalog, CodeKey, Entry};

/// The fixture's catalogue, as the generator reads it.
fn catalog() -> Catalog {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../codegen/tests/fixtures/good/");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}{name}")).unwrap();
    let doc = errtab_codegen::SourceFile::new("string-codes.md", read("string-codes.md"));
    let overlay = errtab_codegen::SourceFile::new("string-codes.toml", read("string-codes.toml"));
    errtab_codegen::check(&doc, &overlay).expect("the fixture is valid")
}

fn code(entry: &Entry) -> &str {
    match &entry.code {
        CodeKey::Str(code) => code,
        CodeKey::Int(code) => panic!("the fixture's codes are strings, not {code}"),
    }
}

#[test]
fn every_code_has_its_catalogue_row() {
    let catalog = catalog();
    let all: Vec<ErrorCode> = ErrorCode::ALL.iter().chain(ErrorCode::RETIRED).cloned().collect();
    assert_eq!(all.len(), catalog.entries.len());
    for entry in &catalog.entries {
        #[allow(deprecated)]
        let error = ErrorCode::from_code(code(entry));
        assert_eq!(error.code(), code(entry));
        assert_eq!(format!("{error:?}"), entry.variant);
        assert_eq!(error.description(), Some(entry.text.as_str()));
        assert_eq!(error.to_string(), format!("{} {}", code(entry), entry.text), "Display is `CODE description`");
        assert_eq!(error.http_status(), entry.http_status, "{error:?}");
        assert_eq!(format!("{:?}", error.kind().unwrap()), catalog.classes[entry.class.unwrap()].variant);
        assert_eq!(error.is_retryable(), entry.retryable, "{error:?}");
        assert_eq!(ErrorCode::RETIRED.contains(&error), entry.retired.is_some(), "{error:?}");
        assert_eq!(ErrorCode::ALL.contains(&error), entry.retired.is_none(), "{error:?}");
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(json, format!("\"{}\"", code(entry)));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), error);
        assert_eq!(ErrorCode::from(code(entry)), error);
        assert_eq!(String::from(error.clone()), code(entry));
    }
    assert!(catalog.entries.iter().any(|entry| entry.retired.is_some()), "the fixture retires a code");
    assert!(catalog.entries.iter().any(|entry| entry.retryable), "the fixture has a retry hint");
}

#[test]
fn a_former_name_is_a_deprecated_alias_of_the_same_code() {
    let catalog = catalog();
    let renamed = catalog.entries.iter().find(|entry| !entry.former_variants.is_empty()).expect("a renamed code");
    #[allow(deprecated)]
    let alias = ErrorCode::QuotaExceeded;
    assert_eq!(renamed.former_variants, ["QuotaExceeded"]);
    assert_eq!(alias, ErrorCode::from_code(code(renamed)));
    assert_eq!(format!("{alias:?}"), renamed.variant, "the alias is the current variant");
}

#[test]
fn an_unknown_string_code_is_kept_as_it_came() {
    let unknown = ErrorCode::from_code("OperationDenied.Suspended");
    let ErrorCode::Unknown(kept) = &unknown else { panic!("not documented: {unknown:?}") };
    assert_eq!(kept.code(), "OperationDenied.Suspended");
    assert_eq!(unknown.code(), "OperationDenied.Suspended");
    assert_eq!(unknown.description(), None);
    assert_eq!(unknown.http_status(), None);
    assert!(!unknown.is_retryable());
    assert_eq!(unknown.to_string(), "OperationDenied.Suspended (undocumented error code)");
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"OperationDenied.Suspended\"");
    assert_eq!(serde_json::from_str::<ErrorCode>("\"OperationDenied.Suspended\"").unwrap(), unknown);
    assert!(serde_json::from_str::<ErrorCode>("9003").is_err(), "a number is not a string code");
}

#[test]
fn codes_are_ordered_as_the_catalogue_orders_them() {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(ErrorCode::code).collect();
    assert!(codes.windows(2).all(|pair| pair[0] < pair[1]), "{codes:?}");
    assert!(ErrorCode::ALL.windows(2).all(|pair| pair[0] < pair[1]));
}
