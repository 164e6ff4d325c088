//! `ApiError::from_http` over arbitrary statuses and bytes: it never panics, keeps the status
//! and the body, and says what it read on one line; over documented bodies spelled every way a
//! server might (codes as numbers, strings or floats, fields missing, added, reordered, odd
//! types), it reads exactly what was written; and it agrees with `ErrorResponse`'s strict
//! `Deserialize` wherever that one succeeds. The cases after the properties are the shapes the
//! generators are unlikely to hit: deep nesting, lone surrogates, duplicate keys, extremes.
//!
//! The number of cases is fixed (`CASES` per property), so the run is bounded.

use proptest::prelude::*;
use tencent_meeting_errors::{ApiError, ErrorCode, ErrorResponse};

const CASES: u32 = 1024;

fn config() -> ProptestConfig {
    ProptestConfig { cases: CASES, ..ProptestConfig::default() }
}

/// What holds for every `ApiError`, whatever it was made from.
fn check_invariants(status: u16, body: &[u8]) -> ApiError {
    let error = ApiError::from_http(status, body);
    assert_eq!(error.status(), status);
    assert_eq!(error.body(), body);
    assert_eq!(error.clone().into_body(), body);

    let shown = error.to_string();
    assert!(!shown.chars().any(char::is_control), "Display is one line of visible text: {shown:?}");
    let documented = error.code().and_then(ErrorCode::http_status);
    assert_eq!(error.status_matches_doc(), documented.map(|documented| documented == status));
    match error.info() {
        Some(info) => {
            assert_eq!(shown, format!("HTTP {status}: {info}"));
            assert_eq!(error.code(), Some(info.error_code));
            assert_eq!(error.message(), Some(info.message.as_str()).filter(|message| !message.is_empty()));
            assert_eq!(error.new_error_code(), info.new_error_code);
            // A rate limit's window decides, whatever the status; any other code retries on a 429 only.
            match info.error_code.is_retryable() {
                true => assert_eq!(error.is_retryable(), ApiError::from_http(200, body).is_retryable()),
                false => assert_eq!(error.is_retryable(), status == 429),
            }
        }
        None => {
            assert_eq!((error.code(), error.message(), error.new_error_code()), (None, None, None));
            assert_eq!(error.is_retryable(), [429, 502, 503, 504].contains(&status));
            if body.is_empty() {
                assert_eq!(shown, format!("HTTP {status} with an empty body"));
            } else {
                let head =
                    format!("HTTP {status} with a body that is not the API's error JSON ({} bytes): ", body.len());
                let preview = shown.strip_prefix(&head).unwrap_or_else(|| panic!("{shown:?}"));
                // 120 characters at most, each escaped to at most 10 (`\u{10ffff}`), then `…`.
                assert!(preview.chars().count() <= 120 * 10 + 1, "{shown:?}");
                assert!(format!("{error:?}").len() < 4096, "Debug shows the start of the body only");
            }
        }
    }

    // Wherever the strict serde impls read the body, the lenient reading says the same.
    if let Ok(strict) = serde_json::from_slice::<ErrorResponse>(body) {
        assert_eq!(error.response(), Some(&strict), "{:?}", String::from_utf8_lossy(body));
    }
    error
}

/// How a server spells a code.
#[derive(Clone, Debug)]
enum Spelling {
    Integer,
    /// `"9003"`
    String,
    /// `" 9003 "`
    PaddedString,
    /// `9003.0`, for codes a float holds exactly.
    Float,
    /// `9.003e3`-like: the digits with an exponent, for codes a float holds exactly.
    Exponent,
}

fn spell(code: i64, spelling: &Spelling) -> String {
    // serde_json reads `9003.0` and `90030e-1` alike, as the integer 90030 divided by ten:
    // exact while that integer is below 2^53, where every integer is exact as a float.
    let exact = code.unsigned_abs() < (1 << 53) / 10;
    match spelling {
        Spelling::String => format!("\"{code}\""),
        Spelling::PaddedString => format!("\" {code}\\t\""),
        Spelling::Float if exact => format!("{code}.0"),
        Spelling::Exponent if exact => format!("{code}0e-1"),
        _ => code.to_string(),
    }
}

/// A `message` field as a server might send it.
#[derive(Clone, Debug)]
enum MessageField {
    Absent,
    Null,
    Text(String),
    Number(i64),
    Object,
    Array,
}

/// A `new_error_code` field as a server might send it.
#[derive(Clone, Debug)]
enum NewCodeField {
    Absent,
    Null,
    Code(i64, Spelling),
    Word(String),
    Bool,
}

/// A documented body: the fields of `error_info` and the fields around it, in any order.
#[derive(Clone, Debug)]
struct Documented {
    code: i64,
    message: MessageField,
    new_error_code: NewCodeField,
    info_fields: Vec<(String, String)>,
    body_fields: Vec<(String, String)>,
    bom: bool,
    space: String,
}

impl Documented {
    fn to_bytes(&self) -> Vec<u8> {
        let join = |fields: &[(String, String)]| {
            let fields: Vec<String> =
                fields.iter().map(|(key, value)| format!("{}{key}:{}{value}", self.space, self.space)).collect();
            format!("{{{}{}}}", fields.join(","), self.space)
        };
        let mut body_fields = self.body_fields.clone();
        body_fields.push(("\"error_info\"".to_owned(), join(&self.info_fields)));
        let turn = self.info_fields.len() % body_fields.len();
        body_fields.rotate_right(turn);
        let mut bytes = if self.bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
        bytes.extend(format!("{}{}{}", self.space, join(&body_fields), self.space).into_bytes());
        bytes
    }

    fn expected_message(&self) -> Option<&str> {
        match &self.message {
            MessageField::Text(text) if !text.is_empty() => Some(text),
            _ => None,
        }
    }

    fn expected_new_error_code(&self) -> Option<i64> {
        match &self.new_error_code {
            NewCodeField::Code(code, _) => Some(*code),
            NewCodeField::Word(word) => word.trim_ascii().parse().ok(),
            _ => None,
        }
    }
}

fn code() -> impl Strategy<Value = i64> {
    prop_oneof![
        proptest::sample::select(ErrorCode::ALL).prop_map(ErrorCode::code),
        any::<i64>(),
        -100_000i64..100_000_000,
        Just(i64::MIN),
        Just(i64::MAX),
    ]
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        Just(Spelling::Integer),
        Just(Spelling::String),
        Just(Spelling::PaddedString),
        Just(Spelling::Float),
        Just(Spelling::Exponent),
    ]
}

/// Text a server might put in a message: anything, control characters, quotes and CJK too.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        proptest::sample::select(vec![
            "\"",
            "\\",
            "\n",
            "\u{1b}[31m",
            "\u{202e}",
            "会议不存在",
            "HTTP 500",
            ": ",
            "{}"
        ])
        .prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn message() -> impl Strategy<Value = MessageField> {
    prop_oneof![
        Just(MessageField::Absent),
        Just(MessageField::Null),
        text().prop_map(MessageField::Text),
        any::<i64>().prop_map(MessageField::Number),
        Just(MessageField::Object),
        Just(MessageField::Array),
    ]
}

fn new_error_code() -> impl Strategy<Value = NewCodeField> {
    prop_oneof![
        Just(NewCodeField::Absent),
        Just(NewCodeField::Null),
        (code(), spelling()).prop_map(|(code, spelling)| NewCodeField::Code(code, spelling)),
        text().prop_map(NewCodeField::Word),
        Just(NewCodeField::Bool),
    ]
}

/// A field the documentation does not show, with any JSON value.
fn extra_field() -> impl Strategy<Value = (String, String)> {
    let key = prop_oneof![
        Just("request_id"),
        Just("trace"),
        Just("error"),
        Just("Error_Code"),
        Just("errorInfo"),
        Just("message_")
    ];
    let value = prop_oneof![
        Just("null"),
        Just("[1, {\"error_code\": 1}]"),
        Just("{\"error_code\": \"x\", \"message\": 5}"),
        Just("\"\\ud800 lone\""),
        Just("-1.5e300"),
        Just("true"),
    ];
    (key, value).prop_map(|(key, value)| (format!("\"{key}\""), value.to_owned()))
}

fn documented() -> impl Strategy<Value = Documented> {
    (
        code(),
        spelling(),
        message(),
        new_error_code(),
        proptest::collection::vec(extra_field(), 0..3),
        proptest::collection::vec(extra_field(), 0..3),
        any::<bool>(),
        proptest::sample::select(vec!["", " ", "\n\t", "\r\n  "]),
    )
        .prop_flat_map(|(code, spelling, message, new_error_code, extra_info, body_fields, bom, space)| {
            let mut info_fields = extra_info;
            info_fields.push(("\"error_code\"".to_owned(), spell(code, &spelling)));
            match &message {
                MessageField::Absent => {}
                MessageField::Null => info_fields.push(("\"message\"".to_owned(), "null".to_owned())),
                MessageField::Text(text) => {
                    info_fields.push(("\"message\"".to_owned(), serde_json::to_string(text).unwrap()))
                }
                MessageField::Number(number) => info_fields.push(("\"message\"".to_owned(), number.to_string())),
                MessageField::Object => info_fields.push(("\"message\"".to_owned(), "{\"text\": \"x\"}".to_owned())),
                MessageField::Array => info_fields.push(("\"message\"".to_owned(), "[\"x\", 1]".to_owned())),
            }
            let new_field = match &new_error_code {
                NewCodeField::Absent => None,
                NewCodeField::Null => Some("null".to_owned()),
                NewCodeField::Code(code, spelling) => Some(spell(*code, spelling)),
                NewCodeField::Word(word) => Some(serde_json::to_string(word).unwrap()),
                NewCodeField::Bool => Some("false".to_owned()),
            };
            info_fields.extend(new_field.map(|value| ("\"new_error_code\"".to_owned(), value)));
            let parts = (code, message, new_error_code, body_fields, bom, space.to_owned());
            (Just(info_fields).prop_shuffle(), Just(parts))
        })
        .prop_map(|(info_fields, (code, message, new_error_code, body_fields, bom, space))| Documented {
            code,
            message,
            new_error_code,
            info_fields,
            body_fields,
            bom,
            space,
        })
}

/// Bytes that are sometimes a documented body, sometimes one damaged, sometimes noise.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        documented().prop_map(|documented| documented.to_bytes()),
        (documented(), any::<prop::sample::Index>(), any::<u8>()).prop_map(|(documented, at, byte)| {
            let mut bytes = documented.to_bytes();
            let at = at.index(bytes.len());
            bytes[at] = byte;
            bytes
        }),
        (documented(), any::<prop::sample::Index>()).prop_map(|(documented, at)| {
            let bytes = documented.to_bytes();
            bytes[..at.index(bytes.len())].to_vec()
        }),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_status_and_any_bytes_are_kept_and_never_panic(status in any::<u16>(), body in bytes()) {
        check_invariants(status, &body);
    }

    #[test]
    fn a_documented_body_is_read_however_it_is_spelled(status in any::<u16>(), documented in documented()) {
        let body = documented.to_bytes();
        let error = check_invariants(status, &body);
        let shown = String::from_utf8_lossy(&body);
        prop_assert_eq!(error.code(), Some(ErrorCode::from_code(documented.code)), "{}", shown);
        prop_assert_eq!(error.message(), documented.expected_message(), "{}", shown);
        prop_assert_eq!(error.new_error_code(), documented.expected_new_error_code(), "{}", shown);
    }

    #[test]
    fn a_body_cut_short_is_never_read(status in any::<u16>(), documented in documented(), at in any::<prop::sample::Index>()) {
        let body = documented.to_bytes();
        let end = body.iter().rposition(|&byte| byte == b'}').unwrap();
        let cut = &body[..at.index(end + 1)];
        let error = check_invariants(status, cut);
        prop_assert_eq!(error.code(), None, "{}", String::from_utf8_lossy(cut));
        prop_assert_eq!(error.body(), cut);
    }

    #[test]
    fn what_serde_writes_is_read_back(
        status in any::<u16>(),
        code in code(),
        new_error_code in proptest::option::of(any::<i64>()),
        message in text(),
    ) {
        let error_info = tencent_meeting_errors::ErrorInfo { error_code: ErrorCode::from_code(code), new_error_code, message };
        let response = ErrorResponse { error_info };
        let body = serde_json::to_vec(&response).unwrap();
        let error = check_invariants(status, &body);
        prop_assert_eq!(error.response(), Some(&response));
    }
}

/// A body nested far deeper than any parser's stack allows, in each field, is refused, not a
/// stack overflow.
#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    let bodies = [
        deep.clone(),
        format!("{{\"error_info\": {deep}"),
        format!("{{\"error_info\": {{\"error_code\": {deep}"),
        format!("{{\"error_info\": {{\"error_code\": 1, \"message\": {deep}"),
        format!("{{\"error_info\": {{\"error_code\": 1, \"new_error_code\": {deep}"),
        format!("{{\"other\": {deep}"),
        format!("{{\"error_info\": {{\"error_code\": 1}}, \"other\": {}{}}}", "[".repeat(100), "]".repeat(100)),
    ];
    for body in bodies {
        let error = check_invariants(500, body.as_bytes());
        assert_eq!(error.code().is_some(), body.ends_with("]}"), "{}", &body[..40.min(body.len())]);
    }
}

#[test]
fn odd_fields_cost_only_themselves() {
    let read = |body: &str| {
        let error = check_invariants(500, body.as_bytes());
        (error.code().map(ErrorCode::code), error.message().map(str::to_owned), error.new_error_code())
    };
    let some = |code: i64, message: Option<&str>, new: Option<i64>| (Some(code), message.map(str::to_owned), new);

    // A lone surrogate in the message is kept as U+FFFD; in new_error_code it costs that field only.
    assert_eq!(
        read(r#"{"error_info": {"error_code": 9003, "message": "a\ud800b"}}"#),
        some(9003, Some("a\u{fffd}b"), None)
    );
    assert_eq!(
        read(r#"{"error_info": {"error_code": 9003, "new_error_code": "\udc00", "message": "m"}}"#),
        some(9003, Some("m"), None)
    );
    // A message of another type is left out, and the rest is still read.
    assert_eq!(
        read(r#"{"error_info": {"new_error_code": 7, "message": {"zh": "x"}, "error_code": 9003}}"#),
        some(9003, None, Some(7))
    );
    assert_eq!(
        read(r#"{"error_info": {"error_code": 9003, "message": 42, "new_error_code": "\ud800"}}"#),
        some(9003, None, None)
    );
    // Bytes that are not UTF-8: in a message they become U+FFFD, elsewhere they are skipped.
    assert_eq!(
        check_invariants(500, b"{\"x\": \"\xff\", \"error_info\": {\"error_code\": 9003, \"message\": \"\xc0!\"}}")
            .message(),
        Some("\u{fffd}!")
    );
    // Codes at the edges of i64, and past them.
    assert_eq!(read(r#"{"error_info": {"error_code": "-9223372036854775808"}}"#), some(i64::MIN, None, None));
    assert_eq!(read(r#"{"error_info": {"error_code": 9223372036854775807}}"#), some(i64::MAX, None, None));
    for unreadable in [
        "9223372036854775808",
        "\"9223372036854775808\"",
        "1e19",
        "9003.5",
        "\"9003.0\"",
        "\"0x232b\"",
        "\"\"",
        "null",
        "true",
        "[9003]",
        "{\"code\": 9003}",
        "1e400",
    ] {
        let body = format!(r#"{{"error_info": {{"error_code": {unreadable}, "message": "m"}}}}"#);
        assert_eq!(read(&body), (None, None, None), "{body}");
    }
    // A key given twice is ambiguous: nothing is read, the body is kept.
    for twice in [
        r#"{"error_info": {"error_code": 9003, "error_code": 9003}}"#,
        r#"{"error_info": {"error_code": 9003, "message": "a", "message": "b"}}"#,
        r#"{"error_info": {"error_code": 9003, "new_error_code": 1, "new_error_code": 2}}"#,
        r#"{"error_info": {"error_code": 9003, "message": 1, "message": 2}}"#,
        r#"{"error_info": {"error_code": 1}, "error_info": {"error_code": 2}}"#,
    ] {
        assert_eq!(read(twice), (None, None, None), "{twice}");
    }
    // Trailing bytes after the object make it something else than JSON.
    assert_eq!(read(r#"{"error_info": {"error_code": 9003}} x"#), (None, None, None));
    assert_eq!(read("\u{feff} {\"error_info\": {\"error_code\": 9003}}\r\n"), some(9003, None, None));
}
