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

#[test]
fn display_into_a_buffer_with_room_allocates_nothing() {
    let mut codes: Vec<ErrorCode> = ErrorCode::ALL.to_vec();
    codes.extend([0, -1, 123_456, i64::MIN, i64::MAX].map(ErrorCode::from_code));
    let response = ErrorResponse {
        error_info: ErrorInfo {
            error_code: ErrorCode::MeetingNotExist,
            new_error_code: Some(10_009_003),
            message: "MEETING NOT EXIST".to_owned(),
        },
    };
    let mut buffer = String::with_capacity(4096);
    let mut written = 0;

    let region = Region::new(GLOBAL);
    for code in &codes {
        buffer.clear();
        write!(buffer, "{code}").unwrap();
        written += buffer.len();
    }
    buffer.clear();
    write!(buffer, "{response} / {}", response.error_info).unwrap();
    written += buffer.len();
    let stats = region.change();

    assert_eq!(
        (stats.allocations, stats.reallocations),
        (0, 0),
        "Display allocated while writing {written} bytes: {stats:?}"
    );
    assert!(buffer.starts_with("9003 会议不存在: MEETING NOT EXIST"), "{buffer}");
    assert!(written > codes.len() * 5, "every code was written");
}
