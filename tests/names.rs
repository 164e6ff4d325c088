//! Codes name themselves and parse from text: `ErrorCode::name`, `FromStr` (a decimal code or
//! a variant's name), `From` the integer types codes come in, and a `const` `from_code`, so an
//! undocumented code seen in production can be a constant and a `match` pattern.
//!
//! Expectations come from the catalogue that `errtab-codegen` reads from `spec/`.

use errtab_codegen::model::CodeKey;
use tencent_meeting_errors::{ErrorCode, ParseErrorCodeError};

#[path = "support/spec.rs"]
mod spec;

use spec::catalog;

/// Each documented or retired code of the catalogue with its variant's name.
fn codes() -> Vec<(i64, String)> {
    catalog()
        .entries
        .iter()
        .map(|entry| match entry.code {
            CodeKey::Int(code) => (code, entry.variant.clone()),
            CodeKey::Str(ref code) => panic!("spec/error-codes.md has integer codes, not {code:?}"),
        })
        .collect()
}

/// A code the page does not document: one past the largest it does.
fn undocumented() -> i64 {
    codes().iter().map(|(code, _)| *code).max().unwrap_or(0) + 1
}

#[test]
fn every_code_names_its_variant_and_parses_from_its_number_and_its_name() {
    for (code, variant) in codes() {
        let error = ErrorCode::from_code(code);
        assert_eq!(error.name(), Some(variant.as_str()));
        assert_eq!(format!("{error:?}"), variant, "the name is what Debug prints");
        assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(error));
        assert_eq!(variant.parse::<ErrorCode>(), Ok(error));
    }
}

#[test]
fn an_unknown_code_has_no_name_and_parses_as_unknown() {
    let code = undocumented();
    let error = ErrorCode::from_code(code);
    assert!(matches!(error, ErrorCode::Unknown(_)));
    assert_eq!(error.name(), None);
    assert_eq!(code.to_string().parse::<ErrorCode>(), Ok(error));
}

#[test]
fn text_that_is_no_code_is_an_error_that_keeps_it() {
    let (_, variant) = codes().swap_remove(0);
    for text in ["", "Unknown", "9003x", "99999999999999999999", &variant.to_lowercase(), &format!(" {variant}")] {
        let error: ParseErrorCodeError = text.parse::<ErrorCode>().unwrap_err();
        assert_eq!(error.text(), text);
        assert!(error.to_string().contains(&format!("`{text}`")), "{error}");
        let error: Box<dyn std::error::Error + Send + Sync> = Box::new(error);
        assert!(error.source().is_none());
    }
}

#[test]
fn codes_convert_from_every_integer_type_they_come_in() {
    for (code, _) in codes() {
        let expected = ErrorCode::from_code(code);
        if let Ok(narrow) = i32::try_from(code) {
            assert_eq!(ErrorCode::from(narrow), expected);
        }
        if let Ok(unsigned) = u32::try_from(code) {
            assert_eq!(ErrorCode::from(unsigned), expected);
        }
        assert_eq!(ErrorCode::from(code), expected);
    }
    assert_eq!(ErrorCode::from(u32::MAX).code(), i64::from(u32::MAX));
    assert_eq!(ErrorCode::from(i32::MIN).code(), i64::from(i32::MIN));
}

/// A code the documentation does not list, as a service seen in production might answer
/// it: its constant is a pattern, and so is a documented code's.
const SEEN_IN_PRODUCTION: ErrorCode = ErrorCode::from_code(13603);
const MEETING_NOT_EXIST: ErrorCode = ErrorCode::from_code(9003);

fn handle(code: ErrorCode) -> &'static str {
    match code {
        SEEN_IN_PRODUCTION => "undocumented, known to us",
        MEETING_NOT_EXIST => "documented",
        _ => "other",
    }
}

#[test]
fn a_constant_made_by_from_code_is_a_match_pattern() {
    assert!(matches!(SEEN_IN_PRODUCTION, ErrorCode::Unknown(_)), "13603 is undocumented");
    assert_eq!(MEETING_NOT_EXIST, ErrorCode::MeetingNotExist);
    assert_eq!(handle(ErrorCode::from_code(13603)), "undocumented, known to us");
    assert_eq!(handle("13603".parse().unwrap()), "undocumented, known to us");
    assert_eq!(handle(ErrorCode::MeetingNotExist), "documented");
    assert_eq!(handle(ErrorCode::from_code(undocumented())), "other");
}
