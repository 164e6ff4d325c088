//! `Display` of the crate's types allocates nothing of its own: written into a buffer with
//! room to spare, it makes no allocation at all.
//!
//! A counting global allocator sees every allocation in the process, so this file holds a
//! single test: no other test thread can allocate while it counts.

use std::alloc::System;
use std::fmt::Write as _;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use tencent_meeting_errors::{ErrorCode, ErrorInfo, ErrorResponse};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// What each value should print, made before counting: expectations come from the catalogue
/// (`ErrorCode`'s own `Display`), so no wording of the doc is pinned here.
struct Expected {
    shown: Box<dyn std::fmt::Display>,
    starts_with: String,
}

#[test]
fn display_into_a_buffer_with_room_allocates_nothing() {
    let mut values: Vec<Expected> = Vec::new();
    let mut codes: Vec<ErrorCode> = ErrorCode::ALL.to_vec();
    codes.extend([0, -1, 123_456, i64::MIN, i64::MAX].map(ErrorCode::from_code));
    for code in codes {
        values.push(Expected { shown: Box::new(code), starts_with: code.code().to_string() });
    }
    // 9003 MeetingNotExist is the doc's own example: its number and variant are stable.
    let code = ErrorCode::MeetingNotExist;
    let info =
        ErrorInfo { error_code: code, new_error_code: Some(10_009_003), message: "MEETING\nNOT EXIST".to_owned() };
    values.push(Expected { shown: Box::new(info.clone()), starts_with: format!("{code}: MEETING\\nNOT EXIST") });
    values.push(Expected {
        shown: Box::new(ErrorResponse { error_info: info }),
        starts_with: format!("{code}: MEETING\\nNOT EXIST (new_error_code 10009003)"),
    });
    #[cfg(feature = "json")]
    api_errors(&mut values);

    let mut buffer = String::with_capacity(4096);
    let mut written = 0;
    let mut prefixes_match = true;

    let region = Region::new(GLOBAL);
    for value in &values {
        buffer.clear();
        write!(buffer, "{}", value.shown).unwrap();
        written += buffer.len();
        prefixes_match &= buffer.starts_with(value.starts_with.as_str());
    }
    let stats = region.change();

    assert_eq!(
        (stats.allocations, stats.reallocations),
        (0, 0),
        "Display allocated while writing {written} bytes: {stats:?}"
    );
    for value in &values {
        let shown = value.shown.to_string();
        assert!(shown.starts_with(value.starts_with.as_str()), "{shown:?} should start with {:?}", value.starts_with);
    }
    assert!(prefixes_match);
}

/// `ApiError` in each of its shapes: the documented body, new_error_code, a gateway's page
/// (its start escaped), an empty body, bytes that are not UTF-8, and a body far longer than
/// what `Display` shows of it.
#[cfg(feature = "json")]
fn api_errors(values: &mut Vec<Expected>) {
    use tencent_meeting_errors::ApiError;

    const GATEWAY: &[u8] = b"<html>\r\n<h1>502 Bad Gateway</h1>";
    let code = ErrorCode::MeetingNotExist;
    let example =
        br#"{"error_info": {"error_code": 9003, "new_error_code": "10009003", "message": "MEETING NOT EXIST"}}"#;
    let long_page = format!("<html>\r\n{}</html>", "<p>\u{1b}[31m busy</p>\n".repeat(1000));
    let shapes: [(u16, &[u8], String); 5] = [
        (500, example, format!("HTTP 500: {code}: MEETING NOT EXIST (new_error_code 10009003)")),
        (
            502,
            GATEWAY,
            format!(
                "HTTP 502 with a body that is not the API's error JSON ({} bytes): <html>\\r\\n<h1>",
                GATEWAY.len()
            ),
        ),
        (500, b"", "HTTP 500 with an empty body".to_owned()),
        (500, b"\xff\xfe{", "HTTP 500 with a body that is not the API's error JSON (3 bytes): \\xff\\xfe{".to_owned()),
        (504, long_page.as_bytes(), "HTTP 504 with a body that is not the API's error JSON (".to_owned()),
    ];
    for (status, body, starts_with) in shapes {
        values.push(Expected { shown: Box::new(ApiError::from_http(status, body)), starts_with });
    }
}
