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
    let len = Literal::usize_unsuffixed(catalog.entries.len());
    let variants: Vec<_> = catalog.entries.iter().map(|entry| format_ident!("{}", entry.variant)).collect();
    let docs = catalog.entries.iter().map(|entry| {
        let summary = format!(" {}", entry.markdown);
        let facts = format!(" Code `{}`, HTTP {}.", entry.code, entry.http_status);
        quote! {
            #[doc = #summary]
            #[doc = ""]
            #[doc = #facts]
        }
    });
    let codes = catalog.entries.iter().map(|entry| Literal::i64_unsuffixed(entry.code));
    let statuses = catalog.entries.iter().map(|entry| Literal::u16_unsuffixed(entry.http_status));
    let descriptions = catalog.entries.iter().map(|entry| Literal::string(&entry.text));
    let indices = (0..catalog.entries.len()).map(Literal::usize_unsuffixed);

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
                #docs
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

        /// The documented codes, ascending; `ErrorCode::ALL[i]` has code `CODES[i]`.
        static CODES: [i64; #len] = [#(#codes),*];
        /// The HTTP status of each documented code, by index.
        static HTTP_STATUSES: [u16; #len] = [#(#statuses),*];
        /// The plain-text description of each documented code, by index.
        static DESCRIPTIONS: [&str; #len] = [#(#descriptions),*];

        impl ErrorCode {
            /// Every documented code, in ascending code order.
            pub const ALL: &'static [ErrorCode] = &[#(ErrorCode::#variants),*];

            /// The error code for a number. Never fails: a code the documentation does not
            /// list becomes [`ErrorCode::Unknown`], keeping the number.
            pub fn from_code(code: i64) -> ErrorCode {
                match CODES.binary_search(&code) {
                    ::core::result::Result::Ok(index) => ErrorCode::ALL[index],
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

            /// The HTTP status the API answers with for this code; `None` for an unknown code.
            pub fn http_status(self) -> ::core::option::Option<u16> {
                self.index().ok().map(|index| HTTP_STATUSES[index])
            }

            /// The documentation's description as plain text; `None` for an unknown code.
            pub fn description(self) -> ::core::option::Option<&'static str> {
                self.index().ok().map(|index| DESCRIPTIONS[index])
            }

            /// The position of a documented code in [`ErrorCode::ALL`].
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
