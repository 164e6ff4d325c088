//! Typed error codes of the Tencent Meeting REST API.
//!
//! Every code the API's documentation lists is a variant of [`ErrorCode`], with its
//! description, its HTTP status and its number; any other code is kept, unchanged, in
//! [`ErrorCode::Unknown`]. [`ErrorResponse`] reads the body the API sends with a failed
//! request:
//!
//! ```
//! use tencent_meeting_errors::{ErrorCode, ErrorResponse};
//!
//! let body = r#"{"error_info": {"error_code": 9003, "message": "MEETING NOT EXIST"}}"#;
//! let response: ErrorResponse = serde_json::from_str(body)?;
//! let info = &response.error_info;
//!
//! assert_eq!(info.error_code, ErrorCode::MeetingNotExist);
//! assert_eq!(info.error_code.http_status(), Some(500));
//! assert_eq!(info.to_string(), "9003 会议不存在: MEETING NOT EXIST");
//!
//! // A code the documentation does not list still parses, and keeps its number.
//! let unknown = ErrorCode::from_code(123456);
//! assert_eq!(unknown.code(), 123456);
//! assert_eq!(unknown.description(), None);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The enum is generated from the documentation by `cargo xtask gen` in this crate's
//! repository; see its README for how a new version of the documentation is taken in.
//!
//! # Features
//!
// The method exists only with the feature, so the link to it does too (docs.rs builds
// with every feature; a default build would otherwise hold a broken link).
#![cfg_attr(
    feature = "http",
    doc = "- `http`: adds [`ErrorCode::status_code`], the HTTP status as an `http::StatusCode`."
)]
#![cfg_attr(
    not(feature = "http"),
    doc = "- `http`: adds `ErrorCode::status_code`, the HTTP status as an `http::StatusCode`."
)]
//!
#![doc = include_str!("error_codes.md")]

mod body;
// The generated module is formatted by prettyplease, not rustfmt: `cargo fmt` leaves it alone.
#[rustfmt::skip]
mod error_codes;

// The module generated from the hostile fixture, seen by rustdoc only: its doc comments hold
// descriptions such as "```", which must not become doctests (see generated/tests/hostile.rs).
#[cfg(doctest)]
#[rustfmt::skip]
#[path = "../tests/hostile/error_codes.rs"]
mod hostile;

pub use body::{ErrorInfo, ErrorResponse};
pub use error_codes::{ErrorCode, ErrorKind, UnknownCode};

impl std::error::Error for ErrorCode {}
