//! The fourth stage: a [`Catalog`] into Rust tokens.
//!
//! The generated code is table-driven: one `match` maps a variant to its index, and every
//! per-code fact (code, HTTP status, description) is a static array read at that index. One
//! match instead of one per method keeps the compile time of large catalogues low.
//! Every path is fully qualified so the output compiles whatever the user has in scope.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::Catalog;

/// Emits the generated module's items for a validated catalog.
pub fn emit(catalog: &Catalog) -> TokenStream {
    let entries = &catalog.entries;
    let len = Literal::usize_unsuffixed(entries.len());
    let variants: Vec<_> = entries.iter().map(|entry| format_ident!("{}", entry.variant)).collect();
    let attrs = entries.iter().map(|entry| {
        let summary = format!(" {}", entry.markdown);
        let mut facts = format!(" Code `{}`, HTTP {}.", entry.code, entry.http_status);
        if entry.retryable {
            facts.push_str(" Retrying later may succeed.");
        }
        let deprecated = entry.retired.as_ref().map(|reason| quote!(#[deprecated(note = #reason)]));
        quote! {
            #[doc = #summary]
            #[doc = ""]
            #[doc = #facts]
            #deprecated
        }
    });
    let documented =
        entries.iter().filter(|entry| entry.retired.is_none()).map(|entry| format_ident!("{}", entry.variant));
    let retired =
        entries.iter().filter(|entry| entry.retired.is_some()).map(|entry| format_ident!("{}", entry.variant));
    let aliases = entries.iter().flat_map(|entry| {
        let variant = format_ident!("{}", entry.variant);
        entry.former_variants.iter().map(move |former| {
            let alias = format_ident!("{}", former);
            let doc = format!(" The former name of [`ErrorCode::{variant}`] (code `{}`).", entry.code);
            let note = format!("renamed to `ErrorCode::{variant}`");
            quote! {
                #[doc = #doc]
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                pub const #alias: ErrorCode = ErrorCode::#variant;
            }
        })
    });
    let codes = entries.iter().map(|entry| Literal::i64_unsuffixed(entry.code));
    let kinds = entries.iter().map(|entry| format_ident!("{}", catalog.classes[entry.class].variant));
    let descriptions = entries.iter().map(|entry| Literal::string(&entry.text));
    let retryable = entries.iter().map(|entry| entry.retryable);
    let indices = (0..entries.len()).map(Literal::usize_unsuffixed);
    let kind_items = emit_kind(catalog);

    quote! {
        /// An error code of the API: one variant per code its documentation lists, and
        /// [`ErrorCode::Unknown`] for any other.
        ///
        /// Variants are in ascending code order, so the derived `Ord` orders documented codes
        /// by number. The enum is `#[non_exhaustive]`: a new version of the documentation
        /// adds variants without a breaking change.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            #(
                #attrs
                #variants,
            )*
            /// A code the documentation does not list, kept exactly as received.
            Unknown(UnknownCode),
        }

        /// An error code the documentation does not list.
        ///
        /// Only [`ErrorCode::from_code`] makes one, so it never holds a documented code and
        /// two values of one code always compare equal.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct UnknownCode(i64);

        impl UnknownCode {
            /// The numeric code.
            pub fn code(self) -> i64 {
                self.0
            }
        }

        #kind_items

        /// Every variant but `Unknown`, documented and retired, in ascending code order.
        #[allow(deprecated)]
        static VARIANTS: [ErrorCode; #len] = [#(ErrorCode::#variants),*];
        /// The code of each variant in `VARIANTS`, ascending.
        static CODES: [i64; #len] = [#(#codes),*];
        /// The class of each variant in `VARIANTS`.
        static KINDS: [ErrorKind; #len] = [#(ErrorKind::#kinds),*];
        /// The plain-text description of each variant in `VARIANTS`.
        static DESCRIPTIONS: [&str; #len] = [#(#descriptions),*];
        /// Whether retrying may succeed, for each variant in `VARIANTS`.
        static RETRYABLE: [bool; #len] = [#(#retryable),*];

        #[allow(deprecated)]
        impl ErrorCode {
            /// Every code the documentation lists, in ascending code order.
            pub const ALL: &'static [ErrorCode] = &[#(ErrorCode::#documented),*];

            /// Codes the documentation no longer lists, kept as deprecated variants so code that
            /// names them still compiles; [`ErrorCode::from_code`] still maps them.
            pub const RETIRED: &'static [ErrorCode] = &[#(ErrorCode::#retired),*];

            #(#aliases)*

            /// The error code for a number. Never fails: a code the documentation does not
            /// list becomes [`ErrorCode::Unknown`], keeping the number.
            pub fn from_code(code: i64) -> ErrorCode {
                match CODES.binary_search(&code) {
                    ::core::result::Result::Ok(index) => VARIANTS[index],
                    ::core::result::Result::Err(_) => ErrorCode::Unknown(UnknownCode(code)),
                }
            }

            /// The numeric code, as the API sends it.
            pub fn code(self) -> i64 {
                match self.index() {
                    ::core::result::Result::Ok(index) => CODES[index],
                    ::core::result::Result::Err(unknown) => unknown.0,
                }
            }

            /// The class of the code, which decides its HTTP status; `None` for an unknown code.
            pub fn kind(self) -> ::core::option::Option<ErrorKind> {
                self.index().ok().map(|index| KINDS[index])
            }

            /// The HTTP status the API answers with for this code; `None` for an unknown code.
            pub fn http_status(self) -> ::core::option::Option<u16> {
                self.kind().map(ErrorKind::http_status)
            }

            /// The HTTP status as an [`http::StatusCode`](::http::StatusCode); `None` for an
            /// unknown code.
            #[cfg(feature = "http")]
            pub fn status_code(self) -> ::core::option::Option<::http::StatusCode> {
                self.http_status().and_then(|status| ::http::StatusCode::from_u16(status).ok())
            }

            /// Whether the documentation says retrying later may succeed (the rate limits).
            ///
            /// A hint, not a policy: it says nothing about how long to wait or how often to
            /// try, and it is `false` for unknown codes.
            pub fn is_retryable(self) -> bool {
                self.index().is_ok_and(|index| RETRYABLE[index])
            }

            /// The documentation's description as plain text; `None` for an unknown code.
            pub fn description(self) -> ::core::option::Option<&'static str> {
                self.index().ok().map(|index| DESCRIPTIONS[index])
            }

            /// The position of a variant in `VARIANTS`.
            fn index(self) -> ::core::result::Result<usize, UnknownCode> {
                match self {
                    #(ErrorCode::#variants => ::core::result::Result::Ok(#indices),)*
                    ErrorCode::Unknown(unknown) => ::core::result::Result::Err(unknown),
                }
            }
        }

        impl ::core::fmt::Display for ErrorCode {
            /// The code and its description (`9003 会议不存在`), or the code and a note that
            /// the documentation does not list it.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.description() {
                    ::core::option::Option::Some(description) => {
                        ::core::write!(f, "{} {}", self.code(), description)
                    }
                    ::core::option::Option::None => {
                        ::core::write!(f, "{} (undocumented error code)", self.code())
                    }
                }
            }
        }

        impl ::core::convert::From<i64> for ErrorCode {
            fn from(code: i64) -> ErrorCode {
                ErrorCode::from_code(code)
            }
        }

        impl ::core::convert::From<ErrorCode> for i64 {
            fn from(code: ErrorCode) -> i64 {
                code.code()
            }
        }

        impl ::serde::Serialize for ErrorCode {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<ErrorCode, D::Error> {
                deserializer.deserialize_i64(CodeVisitor)
            }
        }

        /// Reads an error code from any integer that fits `i64`.
        struct CodeVisitor;

        impl ::serde::de::Visitor<'_> for CodeVisitor {
            type Value = ErrorCode;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("an integer error code")
            }

            fn visit_i64<E: ::serde::de::Error>(self, code: i64) -> ::core::result::Result<ErrorCode, E> {
                ::core::result::Result::Ok(ErrorCode::from_code(code))
            }

            fn visit_u64<E: ::serde::de::Error>(self, code: u64) -> ::core::result::Result<ErrorCode, E> {
                match i64::try_from(code) {
                    ::core::result::Result::Ok(code) => ::core::result::Result::Ok(ErrorCode::from_code(code)),
                    ::core::result::Result::Err(_) => ::core::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Unsigned(code), &self)),
                }
            }
        }
    }
}

/// The `ErrorKind` enum: one variant per HTTP class of the overlay.
fn emit_kind(catalog: &Catalog) -> TokenStream {
    let variants: Vec<_> = catalog.classes.iter().map(|class| format_ident!("{}", class.variant)).collect();
    let docs = catalog.classes.iter().map(|class| format!(" The `{}` class: HTTP {}.", class.name, class.http_status));
    let statuses = catalog.classes.iter().map(|class| Literal::u16_unsuffixed(class.http_status));
    quote! {
        /// The class of an error code, as the documentation groups them; each class answers
        /// with one HTTP status.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorKind {
            #(
                #[doc = #docs]
                #variants,
            )*
        }

        impl ErrorKind {
            /// The HTTP status every code of this class answers with.
            pub fn http_status(self) -> u16 {
                match self {
                    #(ErrorKind::#variants => #statuses,)*
                }
            }
        }
    }
}
