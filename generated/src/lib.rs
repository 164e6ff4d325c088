//! Typed error codes of the Tencent Meeting REST API.
//!
//! Every code the API's documentation lists is a variant of [`ErrorCode`], with its
//! description, its HTTP status and its number; any other code is kept, unchanged, in
//! [`ErrorCode::Unknown`].
//!
//! A client that got a response with a failing status hands the status and the body to
//! [`ApiError::from_http`], which never fails and never loses either: it reads the documented
//! error body when there is one (the code, the server's message), and keeps a gateway's page,
//! an empty body or anything else byte for byte.
//!
//! ```
//! use tencent_meeting_errors::ErrorCode;
//! # #[cfg(feature = "json")] {
//! use tencent_meeting_errors::ApiError;
//!
//! // The documentation's own example. Its code and variant are stable; its wording may
//! // change, so the text expected here comes from the catalogue.
//! let body = br#"{"error_info": {"error_code": 9003, "message": "MEETING NOT EXIST"}}"#;
//! let error = ApiError::from_http(500, body);
//!
//! assert_eq!(error.code(), Some(ErrorCode::MeetingNotExist));
//! assert_eq!(error.message(), Some("MEETING NOT EXIST"));
//! assert_eq!(error.status_matches_doc(), Some(true)); // the doc gives HTTP 500 for 9003
//! assert!(!error.is_retryable());
//! let description = ErrorCode::MeetingNotExist.description().unwrap();
//! assert_eq!(error.to_string(), format!("HTTP 500: 9003 {description}: MEETING NOT EXIST"));
//!
//! // Whatever else comes back is kept as it came.
//! let error = ApiError::from_http(502, b"<html>Bad Gateway</html>");
//! assert_eq!((error.status(), error.body(), error.code()), (502, &b"<html>Bad Gateway</html>"[..], None));
//! # }
//!
//! // A code the documentation does not list still reads, and keeps its number.
//! let unknown = ErrorCode::from_code(123456);
//! assert_eq!(unknown.code(), 123456);
//! assert_eq!(unknown.description(), None);
//! ```
//!
//! [`ErrorResponse`] is the documented body as a strict serde type, for programs that read or
//! write that shape themselves.
//!
//! The enum is generated from the documentation by `cargo xtask gen` in this crate's
//! repository; see its README for how a new version of the documentation is taken in.
//!
//! # Features
//!
//! - `json` (on by default): adds [`ApiError`], and with it `serde_json`. Without it the
//!   crate needs `serde` alone.
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
// docs.rs builds with `--cfg docsrs` (see Cargo.toml): an item a feature adds then says so.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "json")]
mod api_error;
mod body;
mod escape;
// The generated module is formatted by prettyplease, not rustfmt: `cargo fmt` leaves it alone.
#[rustfmt::skip]
mod error_codes;

// The module generated from the hostile fixture, seen by rustdoc only: its doc comments hold
// descriptions such as "```", which must not become doctests (see generated/tests/hostile.rs).
#[cfg(doctest)]
#[rustfmt::skip]
#[path = "../tests/hostile/error_codes.rs"]
mod hostile;

// The registry page's examples are compiled as doctests, so they build wherever the crate does,
// packed or not; tests/client.rs runs the client example against a local server.
#[cfg(all(doctest, feature = "json"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(feature = "json")]
pub use api_error::ApiError;
pub use body::{ErrorInfo, ErrorResponse};
pub use error_codes::{ErrorCode, ErrorKind, UnknownCode};

impl std::error::Error for ErrorCode {}
