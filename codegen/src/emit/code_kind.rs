//! What differs between integer and string codes: the code's type and literal, `from_code`'s
//! key and constness, `UnknownCode`'s payload, `Copy`, conversions, parsing and serde.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens as _, quote};

use crate::model::{CodeKey, CodeKind};

use crate::shape::Lookup;

use super::string_literal;

impl CodeKind {
    /// The code's type as methods take and return it: `i64`, `&str`.
    pub(super) fn code_type(self) -> TokenStream {
        match self {
            CodeKind::Integer => quote!(i64),
            CodeKind::String => quote!(&str),
        }
    }

    /// The code's type in a row of the table: `i64`, `&'static str`.
    pub(super) fn row_code_type(self) -> TokenStream {
        match self {
            CodeKind::Integer => quote!(i64),
            CodeKind::String => quote!(&'static str),
        }
    }

    /// A code as a literal: `9003`, `-1`, `"InvalidParameter"`.
    pub(super) fn literal(self, key: &CodeKey) -> TokenStream {
        match key {
            CodeKey::Int(code) if *code < 0 => {
                let magnitude = Literal::u64_unsuffixed(code.unsigned_abs());
                quote!(-#magnitude)
            }
            CodeKey::Int(code) => Literal::i64_unsuffixed(*code).into_token_stream(),
            CodeKey::Str(code) => string_literal(code).into_token_stream(),
        }
    }

    /// The receiver of `ErrorCode`'s methods: by value for a `Copy` type, else by reference.
    pub(super) fn receiver(self) -> TokenStream {
        match self {
            CodeKind::Integer => quote!(self),
            CodeKind::String => quote!(&self),
        }
    }

    /// `Copy` for integer codes, nothing for string codes, in a derive list after `Clone`.
    pub(super) fn copy(self) -> TokenStream {
        match self {
            CodeKind::Integer => quote!(Copy,),
            CodeKind::String => quote!(),
        }
    }

    /// `const` for integer codes (so `from_code` makes `match` patterns); string codes' `Unknown` holds a `Box`.
    pub(super) fn constness(self) -> TokenStream {
        match self {
            CodeKind::Integer => quote!(const),
            CodeKind::String => quote!(),
        }
    }

    /// What `from_code`'s doc adds for integer codes: how an undocumented code becomes a pattern.
    pub(super) fn const_doc(self) -> Vec<&'static str> {
        match self {
            CodeKind::Integer => vec![
                "",
                " It is `const`, so a code the documentation does not list can be a constant, and the",
                " constant a pattern: `const SEEN: ErrorCode = ErrorCode::from_code(13603);`, then",
                " `match code { SEEN => ..., _ => ... }`.",
            ],
            CodeKind::String => Vec::new(),
        }
    }

    /// What the code is, in doc comments: "number", "string".
    pub(super) fn noun(self) -> &'static str {
        match self {
            CodeKind::Integer => "number",
            CodeKind::String => "string",
        }
    }

    /// How the derived `Ord` orders documented codes, for the enum's doc comment.
    pub(super) fn ordered_by(self) -> &'static str {
        match self {
            CodeKind::Integer => "by number",
            CodeKind::String => "by their text",
        }
    }

    /// The doc comment of `ErrorCode::code`.
    pub(super) fn code_doc(self) -> &'static str {
        match self {
            CodeKind::Integer => " The numeric code, as the API sends it.",
            CodeKind::String => " The code, as the API sends it.",
        }
    }

    /// `UnknownCode` and its `code` method.
    pub(super) fn unknown_code(self) -> TokenStream {
        let copy = self.copy();
        let (payload, code) = match self {
            CodeKind::Integer => (
                quote!(i64),
                quote! {
                    /// The numeric code.
                    pub fn code(self) -> i64 {
                        self.0
                    }
                },
            ),
            CodeKind::String => (
                quote!(::std::boxed::Box<str>),
                quote! {
                    /// The code, as received.
                    pub fn code(&self) -> &str {
                        &self.0
                    }
                },
            ),
        };
        quote! {
            /// An error code the documentation does not list.
            ///
            /// Only [`ErrorCode::from_code`] makes one, so it never holds a documented code and
            /// two values of one code always compare equal.
            #[derive(Clone, #copy Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub struct UnknownCode(#payload);

            impl UnknownCode {
                #code
            }
        }
    }

    /// `from_code`'s body: a `match` over `codes`, or a binary search of `ROWS` (for integer codes
    /// a branchless loop a `const fn` may run).
    pub(super) fn lookup(self, lookup: Lookup, codes: &[(CodeKey, &Ident)]) -> TokenStream {
        let unknown = match self {
            CodeKind::Integer => quote!(UnknownCode(code)),
            CodeKind::String => quote!(UnknownCode(::std::boxed::Box::from(code))),
        };
        if lookup == Lookup::Match {
            let arms = codes.iter().map(|(code, variant)| {
                let code = self.literal(code);
                quote!(#code => ErrorCode::#variant,)
            });
            return quote! {
                match code {
                    #(#arms)*
                    _ => ErrorCode::Unknown(#unknown),
                }
            };
        }
        if self == CodeKind::Integer {
            // `base` moves by `half` through a mask, never a branch (which random codes would
            // mispredict); the difference is taken in `i128`, where it cannot overflow.
            return quote! {
                let (mut base, mut size) = (0, ROWS.len());
                let above = code as i128 + 1;
                while size > 1 {
                    let half = size / 2;
                    base += half & ((ROWS[base + half].code as i128 - above) >> 127) as usize;
                    size -= half;
                }
                if ROWS[base].code == code {
                    VARIANTS[base]
                } else {
                    ErrorCode::Unknown(#unknown)
                }
            };
        }
        quote! {
            match ROWS.binary_search_by_key(&code, |row| row.code) {
                ::core::result::Result::Ok(index) => VARIANTS[index].clone(),
                ::core::result::Result::Err(_) => ErrorCode::Unknown(#unknown),
            }
        }
    }

    /// `From` the code's type, and into its owned type.
    pub(super) fn conversions(self) -> TokenStream {
        let (from, into, into_body) = match self {
            CodeKind::Integer => (quote!(i64), quote!(i64), quote!(code.code())),
            CodeKind::String => {
                (quote!(&str), quote!(::std::string::String), quote!(::std::string::String::from(code.code())))
            }
        };
        // A code held in a narrower integer, as other crates and FFI hand it over.
        let narrower = match self {
            CodeKind::Integer => quote! {
                impl ::core::convert::From<i32> for ErrorCode {
                    #[inline]
                    fn from(code: i32) -> ErrorCode {
                        ErrorCode::from_code(i64::from(code))
                    }
                }

                impl ::core::convert::From<u32> for ErrorCode {
                    #[inline]
                    fn from(code: u32) -> ErrorCode {
                        ErrorCode::from_code(i64::from(code))
                    }
                }
            },
            CodeKind::String => quote!(),
        };
        quote! {
            impl ::core::convert::From<#from> for ErrorCode {
                fn from(code: #from) -> ErrorCode {
                    ErrorCode::from_code(code)
                }
            }

            #narrower

            impl ::core::convert::From<ErrorCode> for #into {
                fn from(code: ErrorCode) -> #into {
                    #into_body
                }
            }
        }
    }

    /// `FromStr`: a code as text or a variant's name; for integer codes, other text is a
    /// `ParseErrorCodeError`.
    pub(super) fn parsing(self) -> TokenStream {
        if self == CodeKind::String {
            return quote! {
                impl ::core::str::FromStr for ErrorCode {
                    type Err = ::core::convert::Infallible;

                    /// A documented code (`"InvalidParameter"`), else a variant's name, else an
                    /// unknown code holding the text.
                    #[inline]
                    fn from_str(text: &str) -> ::core::result::Result<ErrorCode, ::core::convert::Infallible> {
                        match ErrorCode::from_code(text) {
                            ErrorCode::Unknown(unknown) => ::core::result::Result::Ok(
                                ErrorCode::from_name(text).unwrap_or(ErrorCode::Unknown(unknown)),
                            ),
                            known => ::core::result::Result::Ok(known),
                        }
                    }
                }
            };
        }
        quote! {
            /// Text that is neither a decimal error code nor the name of a variant, as
            /// `str::parse::<ErrorCode>` refuses it.
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub struct ParseErrorCodeError(::std::boxed::Box<str>);

            impl ParseErrorCodeError {
                /// The text that was refused.
                #[inline]
                pub fn text(&self) -> &str {
                    &self.0
                }
            }

            impl ::core::fmt::Display for ParseErrorCodeError {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::write!(f, "`{}` is no error code: neither a decimal code nor the name of a variant", self.0)
                }
            }

            impl ::std::error::Error for ParseErrorCodeError {}

            impl ::core::str::FromStr for ErrorCode {
                type Err = ParseErrorCodeError;

                /// A decimal code (`"9003"`; one the documentation does not list is
                /// [`ErrorCode::Unknown`]) or a variant's name (`"MeetingNotExist"`).
                #[inline]
                fn from_str(text: &str) -> ::core::result::Result<ErrorCode, ParseErrorCodeError> {
                    if let ::core::result::Result::Ok(code) = text.parse::<i64>() {
                        return ::core::result::Result::Ok(ErrorCode::from_code(code));
                    }
                    ErrorCode::from_name(text).ok_or_else(|| ParseErrorCodeError(::std::boxed::Box::from(text)))
                }
            }
        }
    }

    /// `Serialize`, `Deserialize` and the visitor that reads a code.
    pub(super) fn serde(self) -> TokenStream {
        let (serialize, deserialize, visitor) = match self {
            CodeKind::Integer => (quote!(serialize_i64), quote!(deserialize_i64), integer_visitor()),
            CodeKind::String => (quote!(serialize_str), quote!(deserialize_str), string_visitor()),
        };
        quote! {
            impl ::serde::Serialize for ErrorCode {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    serializer.#serialize(self.code())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for ErrorCode {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<ErrorCode, D::Error> {
                    deserializer.#deserialize(CodeVisitor)
                }
            }

            #visitor
        }
    }
}

/// Reads an integer code from any integer that fits `i64`.
fn integer_visitor() -> TokenStream {
    quote! {
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

/// Reads a string code.
fn string_visitor() -> TokenStream {
    quote! {
        /// Reads an error code from a string.
        struct CodeVisitor;

        impl ::serde::de::Visitor<'_> for CodeVisitor {
            type Value = ErrorCode;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("a string error code")
            }

            fn visit_str<E: ::serde::de::Error>(self, code: &str) -> ::core::result::Result<ErrorCode, E> {
                ::core::result::Result::Ok(ErrorCode::from_code(code))
            }
        }
    }
}
