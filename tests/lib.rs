//! The workspace's tests that read the repository: the catalogue of `spec/`, the fixtures of
//! `codegen/tests/fixtures/`, `README.md` and `docs/`. They live in this crate, which is never
//! published, so that the published crates' own tests pass outside the repository.
//!
//! The library holds the module generated from `codegen/tests/fixtures/good/string-codes.md`,
//! whose overlay renames a code, so that its doctests can show how downstream code sees a
//! former variant name (docs/overlay.md, "Codes that leave the page, and renames"):
//!
//! The former name in an expression or a pattern is the renamed variant, with a warning.
//!
//! ```
//! #![allow(deprecated)]
//! use errtab_tests::string_codes::ErrorCode;
//!
//! assert_eq!(ErrorCode::QuotaExceeded, ErrorCode::LimitExceeded);
//! let renamed = |code: &ErrorCode| matches!(code, &ErrorCode::QuotaExceeded);
//! assert!(renamed(&ErrorCode::LimitExceeded));
//! assert!(!renamed(&ErrorCode::SignatureExpired));
//! ```
//!
//! The warning is a deprecation:
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! let _ = errtab_tests::string_codes::ErrorCode::QuotaExceeded;
//! ```
//!
//! It cannot be imported:
//!
//! ```compile_fail,E0432
//! use errtab_tests::string_codes::ErrorCode::QuotaExceeded;
//! ```
//!
//! After a glob import of the variants, an arm with the former name is a new variable that
//! matches every code. It compiles; rustc warns that the variable is not in snake case, is
//! unused, and makes the arms after it unreachable, and of nothing else:
//!
//! ```
//! #![deny(warnings, unused)]
//! #![allow(non_snake_case, unused_variables, unreachable_patterns)]
//! use errtab_tests::string_codes::ErrorCode::{self, *};
//!
//! fn is_quota(code: &ErrorCode) -> bool {
//!     match code {
//!         QuotaExceeded => true,
//!         _ => false,
//!     }
//! }
//!
//! // `main` is written out: rustdoc's own would allow `non_snake_case` for the whole test.
//! fn main() {
//!     assert!(is_quota(&SignatureExpired));
//! }
//! ```
//!
//! Denied, the first of those warnings stops the build:
//!
//! ```compile_fail
//! #![deny(non_snake_case)]
//! use errtab_tests::string_codes::ErrorCode::{self, *};
//!
//! fn is_quota(code: &ErrorCode) -> bool {
//!     match code {
//!         QuotaExceeded => true,
//!     }
//! }
//!
//! fn main() {
//!     assert!(is_quota(&SignatureExpired));
//! }
//! ```

/// The module `cargo xtask gen` makes from `codegen/tests/fixtures/good/string-codes.md`.
#[allow(missing_docs)]
#[rustfmt::skip]
#[path = "string_codes/error_codes.rs"]
pub mod string_codes;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct Readme;

/// The Rust examples of docs/, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/onboarding.md")]
#[doc = include_str!("../docs/maintaining.md")]
#[doc = include_str!("../docs/overlay.md")]
pub struct Docs;
