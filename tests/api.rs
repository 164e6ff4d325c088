//! The generated crate's behaviour, checked with plain asserts.
//!
//! Expectations come from the catalogue that `errtab-codegen` reads from `spec/` (every code,
//! its variant, class, HTTP status, retry hint and description), never from the current
//! page's counts or wording, so a new version of the page passes these tests unchanged once
//! `cargo xtask gen` has run. The few codes named here are chosen because the next version of
//! the page cannot plausibly change them: 9003 `MeetingNotExist` is the page's own example,
//! and `InvalidParameter` is the catch-all of every API; their numbers and variants are
//! stable, their wording is not, so their text is always taken from the catalogue.

use errtab_codegen::model::{CodeKey, Entry};
use tencent_meeting_errors::{ErrorCode, ErrorInfo, ErrorResponse};

#[path = "support/spec.rs"]
mod spec;

use spec::catalog;

/// The number of an entry of the catalogue (the Tencent Meeting page's codes are integers).
fn number(entry: &Entry) -> i64 {
    match &entry.code {
        CodeKey::Int(code) => *code,
        CodeKey::Str(code) => panic!("spec/error-codes.md has integer codes, not {code:?}"),
    }
}

/// A code the page does not document: one past the largest it does.
fn undocumented() -> i64 {
    ErrorCode::ALL.iter().chain(ErrorCode::RETIRED).map(|code| code.code()).max().unwrap_or(0) + 1
}

/// The page's own example of an error response: the status line and the JSON body of the
/// first code block under the page's `示例` (example) heading.
fn the_pages_example() -> (u16, String) {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/error-codes.md")).unwrap();
    let example = page.split("示例").nth(1).expect("the page has an example");
    let block = example.split("```").nth(1).expect("the example is a code block");
    let (status_line, body) = block.trim().split_once('\n').expect("a status line, then the body");
    let status = status_line.split_whitespace().nth(1).and_then(|status| status.parse().ok());
    (status.expect("the status line reads `HTTP/1.1 STATUS`"), body.to_owned())
}

#[test]
fn every_documented_code_has_its_catalogue_row() {
    let catalog = catalog();
    let documented: Vec<&Entry> = catalog.entries.iter().filter(|entry| entry.retired.is_none()).collect();
    assert_eq!(ErrorCode::ALL.len(), documented.len(), "ALL is exactly what the page lists");
    for (&code, entry) in ErrorCode::ALL.iter().zip(documented) {
        assert_eq!(code.code(), number(entry));
        assert_eq!(format!("{code:?}"), entry.variant);
        assert_eq!(code.description(), Some(entry.text.as_str()), "{code:?}");
        assert_eq!(code.http_status(), entry.http_status, "{code:?}");
        assert_eq!(code.is_retryable(), entry.retryable, "{code:?}");
        let class = &catalog.classes[entry.class.expect("every code of the page has a class")];
        assert_eq!(format!("{:?}", code.kind().unwrap()), class.variant, "{code:?}");
        assert_eq!(Some(code.kind().unwrap().http_status()), class.http_status, "{code:?}");
    }
}

#[test]
fn retired_codes_are_the_catalogues() {
    let catalog = catalog();
    let retired: Vec<i64> = catalog.entries.iter().filter(|entry| entry.retired.is_some()).map(number).collect();
    let crate_retired: Vec<i64> = ErrorCode::RETIRED.iter().map(|code| code.code()).collect();
    assert_eq!(crate_retired, retired);
    for &code in ErrorCode::RETIRED {
        assert_eq!(ErrorCode::from_code(code.code()), code, "a retired code still maps to its variant");
        assert!(!ErrorCode::ALL.contains(&code));
    }
}

#[test]
fn every_documented_code_round_trips() {
    for &code in ErrorCode::ALL {
        let number = code.code();
        assert_eq!(ErrorCode::from_code(number), code);
        assert_eq!(ErrorCode::from(number), code);
        assert_eq!(i64::from(code), number);
        assert!(!matches!(code, ErrorCode::Unknown(_)), "{number} is documented");
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, number.to_string());
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
    }
}

#[test]
fn all_is_ascending_and_ordered_by_code() {
    let codes: Vec<i64> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    assert!(ErrorCode::ALL.windows(2).all(|w| w[0] < w[1]));
    // The page lists its rows out of order (its last row is not its largest code); every one
    // of them is in `ALL` all the same.
    for entry in catalog().entries.iter().filter(|entry| entry.retired.is_none()) {
        assert!(codes.contains(&number(entry)), "{} is in ALL", number(entry));
    }
}

#[test]
fn the_pages_example_body_parses_and_answers_its_status() {
    let (status, body) = the_pages_example();
    let expected: serde_json::Value = serde_json::from_str(&body).unwrap();
    let response: ErrorResponse = serde_json::from_str(&body).unwrap();
    let info = &response.error_info;
    assert_eq!(Some(info.error_code.code()), expected["error_info"]["error_code"].as_i64());
    assert_eq!(Some(info.message.as_str()), expected["error_info"]["message"].as_str());
    assert_eq!(info.new_error_code, None);
    assert_eq!(info.error_code.http_status(), Some(status), "the example's status is its code's class's");
    let shown = response.to_string();
    for part in [info.error_code.code().to_string().as_str(), info.error_code.description().unwrap(), &info.message] {
        assert!(shown.contains(part), "{shown:?} says {part:?}");
    }
}

#[test]
fn an_unknown_code_round_trips_unchanged() {
    let number = undocumented();
    let code = ErrorCode::from_code(number);
    let ErrorCode::Unknown(unknown) = code else { panic!("{number} is not documented: {code:?}") };
    assert_eq!(unknown.code(), number);
    assert_eq!(code.code(), number);
    assert_eq!(code, ErrorCode::from_code(number));
    assert_eq!(code.http_status(), None);
    assert_eq!(code.kind(), None);
    assert_eq!(code.description(), None);
    assert_eq!(serde_json::to_string(&code).unwrap(), number.to_string());
    assert_eq!(serde_json::from_str::<ErrorCode>(&number.to_string()).unwrap(), code);
    for extreme in [i64::MIN, -1, 0, i64::MAX] {
        assert_eq!(ErrorCode::from_code(extreme).code(), extreme);
        let json = serde_json::to_string(&ErrorCode::from_code(extreme)).unwrap();
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap().code(), extreme);
    }
}

#[test]
fn an_unknown_code_in_a_body_keeps_the_message() {
    let number = undocumented();
    let body = format!(r#"{{"error_info": {{"error_code": {number}, "message": "SOMETHING NEW"}}}}"#);
    let response: ErrorResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(response.error_info.error_code.code(), number);
    assert_eq!(response.error_info.message, "SOMETHING NEW");
    let shown = response.to_string();
    assert!(shown.contains(&format!("{number} (undocumented error code)")), "{shown}");
    assert!(shown.contains("SOMETHING NEW"), "{shown}");
}

#[test]
fn http_status_is_the_one_the_prose_gives_each_class() {
    // The page: service errors answer 500, API request errors 400; nothing else.
    for &code in ErrorCode::ALL {
        assert!(matches!(code.http_status(), Some(400 | 500)), "{code:?}");
    }
}

#[test]
fn display_shows_the_code_and_the_plain_description() {
    let catalog = catalog();
    assert_eq!(
        ErrorCode::from_code(undocumented()).to_string(),
        format!("{} (undocumented error code)", undocumented())
    );
    let documented = catalog.entries.iter().filter(|entry| entry.retired.is_none());
    for (&code, entry) in ErrorCode::ALL.iter().zip(documented) {
        let description = code.description().unwrap();
        assert_eq!(code.to_string(), format!("{} {description}", code.code()));
        assert!(!description.contains("  "), "runs of spaces are one: {description:?}");
        if entry.markdown.contains("](") {
            assert!(!description.contains("]("), "link markup is stripped, link text kept: {description:?}");
        }
    }
}

#[test]
fn new_error_code_is_read_when_sent_and_skipped_when_absent() {
    let body = r#"{"error_info": {"error_code": 9003, "new_error_code": 10009003, "message": "m", "extra": [1, {"x": 2}]}, "request_id": "r"}"#;
    let response: ErrorResponse = serde_json::from_str(body).unwrap();
    assert_eq!(response.error_info.new_error_code, Some(10009003));
    let json = serde_json::to_string(&response).unwrap();
    assert_eq!(json, r#"{"error_info":{"error_code":9003,"new_error_code":10009003,"message":"m"}}"#);

    let info = ErrorInfo { error_code: ErrorCode::MeetingNotExist, new_error_code: None, message: "m".to_owned() };
    assert_eq!(serde_json::to_string(&info).unwrap(), r#"{"error_code":9003,"message":"m"}"#);
    let null: ErrorInfo =
        serde_json::from_str(r#"{"error_code": 9003, "new_error_code": null, "message": "m"}"#).unwrap();
    assert_eq!(null, info);
}

#[test]
fn a_non_integer_code_is_a_clear_error() {
    let error = serde_json::from_str::<ErrorCode>(r#""9003""#).unwrap_err().to_string();
    assert!(error.contains("expected an integer error code"), "{error}");
    let error = serde_json::from_str::<ErrorCode>("9003.5").unwrap_err().to_string();
    assert!(error.contains("expected an integer error code"), "{error}");
    let error = serde_json::from_str::<ErrorCode>("18446744073709551615").unwrap_err().to_string();
    assert!(error.contains("integer error code"), "{error}");
    let error = serde_json::from_str::<ErrorResponse>(r#"{"error_info": {"message": "m"}}"#).unwrap_err().to_string();
    assert!(error.contains("missing field `error_code`"), "{error}");
}

#[test]
fn the_body_types_are_errors() {
    // The page's own example; its code's wording comes from the catalogue.
    let response: ErrorResponse = serde_json::from_str(&the_pages_example().1).unwrap();
    let (code, message) = (response.error_info.error_code, response.error_info.message.clone());
    let description = code.description().unwrap();
    let expected = format!("{} {description}: {message}", code.code());

    // An ErrorResponse says what its ErrorInfo says, so it has no source() repeating it.
    let as_error: &(dyn std::error::Error + Send + Sync + 'static) = &response;
    assert_eq!(as_error.to_string(), expected);
    assert!(as_error.source().is_none());
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(response.error_info.clone());
    assert_eq!(boxed.to_string(), expected);
    assert!(boxed.source().is_none());

    // In an error chain every fact is said once.
    assert_eq!(format!("{:#}", anyhow::Error::from(response.clone())), expected);
    let debug = format!("{:?}", anyhow::Error::from(response.clone()));
    let debug = debug.split("Stack backtrace:").next().unwrap();
    for fact in [code.code().to_string().as_str(), description, &message] {
        assert_eq!(debug.matches(fact).count(), 1, "{fact:?} in {debug:?}");
    }
    let context = anyhow::Error::from(response).context("cancelling the meeting");
    assert_eq!(format!("{context:#}"), format!("cancelling the meeting: {expected}"));

    // new_error_code is shown when sent; an empty message leaves no dangling colon; control
    // characters in the message are escaped onto one line.
    let info = ErrorInfo {
        error_code: ErrorCode::MeetingNotExist,
        new_error_code: Some(10_009_003),
        message: "line one\nline two".to_owned(),
    };
    assert_eq!(info.to_string(), format!("9003 {description}: line one\\nline two (new_error_code 10009003)"));
    let info =
        ErrorInfo { error_code: ErrorCode::from_code(undocumented()), new_error_code: None, message: String::new() };
    assert_eq!(info.to_string(), format!("{} (undocumented error code)", undocumented()));
}

#[test]
fn debug_prints_what_derive_would() {
    /// The same shapes with `#[derive(Debug)]`, for comparison.
    mod derived {
        #[derive(Debug)]
        pub struct UnknownCode(#[allow(dead_code)] pub i64);
        #[derive(Debug)]
        pub enum ErrorCode {
            MeetingNotExist,
            InvalidParameter,
            Unknown(#[allow(dead_code)] UnknownCode),
        }
    }
    let pairs = [
        (ErrorCode::MeetingNotExist, derived::ErrorCode::MeetingNotExist),
        (ErrorCode::InvalidParameter, derived::ErrorCode::InvalidParameter),
        (ErrorCode::from_code(-123456), derived::ErrorCode::Unknown(derived::UnknownCode(-123456))),
    ];
    for (code, derived) in pairs {
        assert_eq!(format!("{code:?}"), format!("{derived:?}"));
        assert_eq!(format!("{code:#?}"), format!("{derived:#?}"));
    }
    for &code in ErrorCode::ALL {
        let name = format!("{code:?}");
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
    }
}

#[test]
fn kinds_and_retry_hints_are_the_catalogues() {
    let catalog = catalog();
    for class in &catalog.classes {
        let codes = ErrorCode::ALL.iter().filter(|code| format!("{:?}", code.kind().unwrap()) == class.variant);
        for code in codes {
            assert_eq!(code.http_status(), class.http_status, "{code:?}");
        }
    }
    let retryable: Vec<i64> = catalog.entries.iter().filter(|entry| entry.retryable).map(number).collect();
    let crate_retryable: Vec<i64> = ErrorCode::ALL.iter().filter(|c| c.is_retryable()).map(|c| c.code()).collect();
    assert_eq!(crate_retryable, retryable);
    assert!(!ErrorCode::from_code(undocumented()).is_retryable());
}

#[cfg(feature = "http")]
#[test]
fn status_code_is_the_http_crates_type() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.status_code().map(|status| status.as_u16()), code.http_status(), "{code:?}");
    }
    assert_eq!(ErrorCode::from_code(undocumented()).status_code(), None);
}

/// `rate_limit_window()` is what the overlay says of each code, read as the generator reads
/// it; only rate limits have one, and an unknown code has none.
#[test]
fn rate_limit_windows_are_the_overlays() {
    let catalog = catalog();
    let fact = catalog.facts.find("rate_limit_window").expect("a built-in fact");
    for entry in &catalog.entries {
        let window = entry.fact(fact).map(|text| {
            let seconds = errtab_codegen::fact::seconds(&text.text).expect("the generator checked it");
            std::time::Duration::from_secs(seconds)
        });
        let code = ErrorCode::from_code(number(entry));
        assert_eq!(code.rate_limit_window(), window, "{code:?}");
        assert!(window.is_none() || code.is_retryable(), "{code:?} has a window but is no rate limit");
    }
    assert_eq!(ErrorCode::from_code(undocumented()).rate_limit_window(), None);
}

/// Every documented code has its English description, this project's translation in
/// `spec/error-codes.en.md`, as the generator reads it; `description_in` of the page's own
/// language is `description()`, and of any other language `None`.
#[test]
fn every_code_has_its_description_in_english() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/");
    let read = |name: &str| {
        errtab_codegen::SourceFile::new(
            format!("spec/{name}"),
            std::fs::read_to_string(format!("{root}{name}")).unwrap(),
        )
    };
    let (doc, overlay, english) = (read("error-codes.md"), read("error-codes.toml"), read("error-codes.en.md"));
    let translations = [("en", &english)];
    let config = errtab_codegen::Config { doc: &doc, overlay: &overlay, module: None, translations: &translations };
    let catalog = config.check().expect("spec/ is valid: `cargo xtask gen` says why not");
    let lang = catalog.lang.clone().expect("the overlay names the page's language");
    let fact = catalog.facts.find("description_en").expect("the English version is read");
    for entry in catalog.entries.iter().filter(|entry| entry.retired.is_none()) {
        let code = ErrorCode::from_code(number(entry));
        let english = entry.fact(fact).map(|text| text.text.as_str());
        assert!(english.is_some_and(|text| !text.is_empty()), "{code:?} has no English text");
        assert_eq!(code.description_in("en"), english, "{code:?}");
        assert_eq!(code.description_in(&lang), code.description(), "{code:?}");
        assert_eq!(code.description_in("xx"), None, "{code:?}");
    }
    assert_eq!(ErrorCode::from_code(undocumented()).description_in("en"), None);
}
