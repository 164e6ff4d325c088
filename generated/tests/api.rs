//! The generated crate's behaviour, checked with plain asserts.

use tencent_meeting_errors::{ErrorCode, ErrorInfo, ErrorResponse};

/// The doc's example body, as the doc prints it.
const EXAMPLE_BODY: &str = r#"{
        "error_info": {
                "error_code": 9003,
                "message": "MEETING NOT EXIST"
        }
}"#;

#[test]
fn every_documented_code_round_trips() {
    assert_eq!(ErrorCode::ALL.len(), 37);
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
    assert_eq!(codes.first(), Some(&9002));
    assert_eq!(codes.last(), Some(&200006));
    assert!(codes.contains(&9093), "the doc's last row is included");
}

#[test]
fn the_docs_example_body_parses() {
    let response: ErrorResponse = serde_json::from_str(EXAMPLE_BODY).unwrap();
    assert_eq!(response.error_info.error_code, ErrorCode::MeetingNotExist);
    assert_eq!(response.error_info.error_code.code(), 9003);
    assert_eq!(response.error_info.message, "MEETING NOT EXIST");
    assert_eq!(response.error_info.new_error_code, None);
    assert_eq!(response.to_string(), "9003 会议不存在: MEETING NOT EXIST");
}

#[test]
fn an_unknown_code_round_trips_unchanged() {
    let code = ErrorCode::from_code(123456);
    let ErrorCode::Unknown(unknown) = code else { panic!("123456 is not documented: {code:?}") };
    assert_eq!(unknown.code(), 123456);
    assert_eq!(code.code(), 123456);
    assert_eq!(code, ErrorCode::from_code(123456));
    assert_eq!(code.http_status(), None);
    assert_eq!(code.description(), None);
    assert_eq!(serde_json::to_string(&code).unwrap(), "123456");
    assert_eq!(serde_json::from_str::<ErrorCode>("123456").unwrap(), code);
    for extreme in [i64::MIN, -1, 0, i64::MAX] {
        assert_eq!(ErrorCode::from_code(extreme).code(), extreme);
        let json = serde_json::to_string(&ErrorCode::from_code(extreme)).unwrap();
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap().code(), extreme);
    }
}

#[test]
fn an_unknown_code_in_a_body_keeps_the_message() {
    let body = r#"{"error_info": {"error_code": 777777, "message": "SOMETHING NEW"}}"#;
    let response: ErrorResponse = serde_json::from_str(body).unwrap();
    assert_eq!(response.error_info.error_code.code(), 777777);
    assert_eq!(response.to_string(), "777777 (undocumented error code): SOMETHING NEW");
}

#[test]
fn http_status_follows_the_docs_two_classes() {
    for &code in ErrorCode::ALL {
        let expected = if (190001..=200006).contains(&code.code()) { 400 } else { 500 };
        assert_eq!(code.http_status(), Some(expected), "{code:?}");
    }
    assert_eq!(ErrorCode::MeetingNotExist.http_status(), Some(500));
    assert_eq!(ErrorCode::InvalidSignature.http_status(), Some(400));
}

#[test]
fn display_shows_the_code_and_the_plain_description() {
    assert_eq!(ErrorCode::MeetingNotExist.to_string(), "9003 会议不存在");
    assert_eq!(ErrorCode::from_code(123456).to_string(), "123456 (undocumented error code)");
    assert_eq!(
        ErrorCode::UserNotRegistered.to_string(),
        "190001 用户未创建，请参考 创建用户 或去掉 X-TC-Registered 请求头",
        "link markup is stripped, link text kept"
    );
    assert_eq!(ErrorCode::SubjectHasSensitiveWords.description(), Some("会议主题 (subject) 包含敏感词"));
    for &code in ErrorCode::ALL {
        assert_eq!(code.to_string(), format!("{} {}", code.code(), code.description().unwrap()));
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
    // The code of the doc's example, 9003, is stable; its wording is not, so it comes from
    // the catalogue.
    let description = ErrorCode::MeetingNotExist.description().unwrap();
    let expected = format!("9003 {description}: MEETING NOT EXIST");
    let response: ErrorResponse = serde_json::from_str(EXAMPLE_BODY).unwrap();

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
    for fact in ["9003", description, "MEETING NOT EXIST"] {
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
    let info = ErrorInfo { error_code: ErrorCode::from_code(777_777), new_error_code: None, message: String::new() };
    assert_eq!(info.to_string(), "777777 (undocumented error code)");
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
fn kind_groups_codes_by_the_docs_two_classes() {
    use tencent_meeting_errors::ErrorKind;
    assert_eq!(ErrorKind::Request.http_status(), 400);
    assert_eq!(ErrorKind::Service.http_status(), 500);
    for &code in ErrorCode::ALL {
        let kind = code.kind().unwrap();
        assert_eq!(Some(kind.http_status()), code.http_status(), "{code:?}");
        let expected = if (190001..=200006).contains(&code.code()) { ErrorKind::Request } else { ErrorKind::Service };
        assert_eq!(kind, expected, "{code:?}");
    }
    assert_eq!(ErrorCode::from_code(123456).kind(), None);
}

#[test]
fn only_the_rate_limits_are_retryable() {
    let retryable: Vec<i64> = ErrorCode::ALL.iter().filter(|c| c.is_retryable()).map(|c| c.code()).collect();
    assert_eq!(retryable, [9061, 190310, 190311, 190312]);
    assert!(!ErrorCode::from_code(123456).is_retryable());
}

#[test]
fn nothing_is_retired_yet() {
    assert!(ErrorCode::RETIRED.is_empty());
}

#[cfg(feature = "http")]
#[test]
fn status_code_is_the_http_crates_type() {
    assert_eq!(ErrorCode::MeetingNotExist.status_code(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(ErrorCode::InvalidSignature.status_code(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(ErrorCode::from_code(123456).status_code(), None);
}
