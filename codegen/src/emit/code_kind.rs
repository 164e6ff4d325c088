//! What differs between a catalogue of integer codes and one of string codes: the code's Rust
//! type and literal, `from_code`'s key, `UnknownCode`'s payload, `Copy` or only `Clone`, the
//! conversions and serde. Every other part of the emitter is the same for both.

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

    /// `from_code`'s body: the code's variant, or `Unknown` holding the code. By a `match`
    /// (`codes`, each with its variant) or by a binary search of `ROWS`, whose row's index is
    /// the variant's in `VARIANTS`.
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
        let variant = match self {
            CodeKind::Integer => quote!(VARIANTS[index]),
            CodeKind::String => quote!(VARIANTS[index].clone()),
        };
        quote! {
            match ROWS.binary_search_by_key(&code, |row| row.code) {
                ::core::result::Result::Ok(index) => #variant,
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
        quote! {
            impl ::core::convert::From<#from> for ErrorCode {
                fn from(code: #from) -> ErrorCode {
                    ErrorCode::from_code(code)
                }
            }

            impl ::core::convert::From<ErrorCode> for #into {
                fn from(code: ErrorCode) -> #into {
                    #into_body
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
