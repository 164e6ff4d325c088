//! The behaviour of the generated module: `ErrorCode`'s lists and methods, each a read of
//! its row, and `Debug` and `Display`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Context, lines};
use crate::model::{Source, Value};

/// `impl ErrorCode`: its constants, former names, `from_code`, the row readers and `index()`.
pub(super) fn inherent(context: &Context<'_>) -> TokenStream {
    let Context { catalog, kind, variants, .. } = context;
    let entries = &catalog.entries;
    let documented = entries.iter().zip(variants).filter(|(entry, _)| entry.retired.is_none()).map(|(_, v)| v);
    let retired = entries.iter().zip(variants).filter(|(entry, _)| entry.retired.is_some()).map(|(_, v)| v);
    let aliases = entries.iter().zip(variants).flat_map(|(entry, variant)| {
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
    // With no code retired, the documented codes are every row's variant.
    let all = match entries.iter().any(|entry| entry.retired.is_some()) {
        false => quote!(&VARIANTS),
        true => quote!(&[#(ErrorCode::#documented),*]),
    };
    let len = Literal::usize_unsuffixed(entries.len());
    let indices = (0..entries.len()).map(Literal::usize_unsuffixed);
    let (receiver, code_type) = (kind.receiver(), kind.code_type());
    let mut from_code_doc = vec![
        format!(" The error code for a {}. Never fails: a code the documentation does not", kind.noun()),
        format!(" list becomes [`ErrorCode::Unknown`], keeping the {}.", kind.noun()),
    ];
    from_code_doc.extend(kind.const_doc().into_iter().map(str::to_owned));
    let constness = kind.constness();
    let codes: Vec<_> = entries.iter().map(|entry| entry.code.clone()).zip(variants.iter()).collect();
    let lookup = kind.lookup(context.shape.lookup, &codes);
    let readers = readers(context);
    quote! {
        #[allow(deprecated)]
        impl ErrorCode {
            /// Every code the documentation lists, in ascending code order.
            pub const ALL: &'static [ErrorCode] = #all;

            /// Codes the documentation no longer lists or strikes through, kept as deprecated
            /// variants so code that names them still compiles; [`ErrorCode::from_code`] still
            /// maps them.
            pub const RETIRED: &'static [ErrorCode] = &[#(ErrorCode::#retired),*];

            #(#aliases)*

            #(#[doc = #from_code_doc])*
            #[inline]
            pub #constness fn from_code(code: #code_type) -> ErrorCode {
                #lookup
            }

            /// The code whose variant has this name, as `FromStr` reads it.
            #[inline]
            fn from_name(name: &str) -> ::core::option::Option<ErrorCode> {
                ROWS.iter().find(|row| row.name == name).map(|row| ErrorCode::from_code(row.code))
            }

            #readers

            /// The position of the variant's row in `ROWS`; for an unknown code, the number of
            /// rows, one past the end. Each arm yields the variant's discriminant, so this
            /// compiles to reading it.
            fn index(#receiver) -> usize {
                match self {
                    #(ErrorCode::#variants => #indices,)*
                    ErrorCode::Unknown(_) => #len,
                }
            }
        }
    }
}

/// The methods that read a code's row: those every module has, and the ones its [`Shape`]
/// says the catalog has.
fn readers(context: &Context<'_>) -> TokenStream {
    let (receiver, code_type) = (context.kind.receiver(), context.kind.code_type());
    let code_doc = context.kind.code_doc();
    let kind = kind_reader(context);
    let http = http_readers(context);
    let description = description_reader(context);
    let description_in = description_in_reader(context);
    let own = context.shape.facts.iter().filter(|&&index| !is_translation(context, index));
    let facts = own.map(|&index| {
        let fact = context.catalog.facts.get(index);
        let method = format_ident!("{}", fact.key);
        let (as_what, ty, read) = match fact.value {
            Value::Text => (
                ", as plain text",
                quote!(&'static str),
                quote!(ROWS.get(self.index()).map(|row| row.#method).filter(|text| !text.is_empty())),
            ),
            Value::Duration => (
                "",
                quote!(::core::time::Duration),
                quote! {
                    ROWS.get(self.index())
                        .map(|row| row.#method)
                        .filter(|&seconds| seconds != 0)
                        .map(::core::time::Duration::from_secs)
                },
            ),
        };
        let doc = lines::doc_lines(&format!(
            "{}{as_what}; `None` for a code without one and for an unknown code.",
            fact.summary
        ));
        quote! {
            #(#[doc = #doc])*
            #[inline]
            pub fn #method(#receiver) -> ::core::option::Option<#ty> {
                #read
            }
        }
    });
    quote! {
        #[doc = #code_doc]
        #[inline]
        pub fn code(#receiver) -> #code_type {
            match self {
                ErrorCode::Unknown(unknown) => unknown.code(),
                known => ROWS[known.index()].code,
            }
        }

        /// The variant's name, as `Debug` prints it and `str::parse` reads it
        /// (`MeetingNotExist`); `None` for an unknown code.
        #[inline]
        pub fn name(#receiver) -> ::core::option::Option<&'static str> {
            ROWS.get(self.index()).map(|row| row.name)
        }

        #kind

        #http

        /// Whether the documentation says retrying later may succeed (the rate limits).
        ///
        /// A hint, not a policy: it says nothing about how long to wait or how often to
        /// try, and it is `false` for unknown codes.
        #[inline]
        pub fn is_retryable(#receiver) -> bool {
            ROWS.get(self.index()).is_some_and(|row| row.retryable)
        }

        #description

        #description_in

        #(#facts)*
    }
}

/// Whether the fact at `index` is the descriptions of a version in another language.
fn is_translation(context: &Context<'_>, index: usize) -> bool {
    matches!(context.catalog.facts.get(index).source, Source::Translation(_))
}

/// `description_in`, when the overlay names the page's language.
fn description_in_reader(context: &Context<'_>) -> TokenStream {
    let Some(lang) = context.catalog.lang.as_deref().filter(|_| context.shape.languages) else {
        return TokenStream::new();
    };
    let receiver = context.kind.receiver();
    let (mut tags, mut fields) = (Vec::new(), Vec::new());
    for &index in &context.shape.facts {
        let fact = context.catalog.facts.get(index);
        if let Source::Translation(tag) = &fact.source {
            tags.push(tag.as_str());
            fields.push(format_ident!("{}", fact.key));
        }
    }
    let quoted: Vec<String> = tags.iter().map(|tag| format!("`\"{tag}\"`")).collect();
    let others = match quoted.as_slice() {
        [] => String::new(),
        [one] => format!("; {one} gives the version in that language beside it"),
        more => format!(
            "; {} give the versions in those languages beside it",
            crate::render::listed(&more.iter().map(String::as_str).collect::<Vec<_>>())
        ),
    };
    let doc = lines::doc_lines(&format!(
        "The description in a language, by its tag: `\"{lang}\"`, the documentation's own, gives \
         [`ErrorCode::description`]{others}. `None` for another language and for an unknown code."
    ));
    quote! {
        #(#[doc = #doc])*
        #[inline]
        pub fn description_in(#receiver, lang: &str) -> ::core::option::Option<&'static str> {
            match lang {
                #lang => self.description(),
                #(#tags => ROWS.get(self.index()).map(|row| row.#fields).filter(|text| !text.is_empty()),)*
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// `kind`, when the module has classes.
fn kind_reader(context: &Context<'_>) -> TokenStream {
    let shape = &context.shape;
    if !shape.kinds {
        return TokenStream::new();
    }
    let receiver = context.kind.receiver();
    let doc = match (shape.http, shape.some_code_without_kind) {
        (true, false) => vec![" The class of the code, which decides its HTTP status; `None` for an unknown code."],
        (true, true) => vec![
            " The class of the code, which decides its HTTP status; `None` for an unknown code and for a",
            " code the documentation gives no status.",
        ],
        (false, _) => vec![" The class of the code; `None` for an unknown code."],
    };
    let read = match shape.some_code_without_kind {
        false => quote!(ROWS.get(self.index()).map(|row| row.kind)),
        true => quote!(ROWS.get(self.index()).and_then(|row| row.kind)),
    };
    quote! {
        #(#[doc = #doc])*
        #[inline]
        pub fn kind(#receiver) -> ::core::option::Option<ErrorKind> {
            #read
        }
    }
}

/// `http_status` and `status_code`, when some class gives an HTTP status.
fn http_readers(context: &Context<'_>) -> TokenStream {
    let shape = &context.shape;
    if !shape.http {
        return TokenStream::new();
    }
    let receiver = context.kind.receiver();
    let (http_status_doc, status_code_doc) = match shape.some_code_without_kind || shape.some_kind_without_status {
        false => (
            vec![" The HTTP status the API answers with for this code; `None` for an unknown code."],
            vec![" The HTTP status as an [`http::StatusCode`]; `None` for an unknown code."],
        ),
        true => (
            vec![
                " The HTTP status the API answers with for this code; `None` for an unknown code and",
                " for one the documentation gives no status.",
            ],
            vec![
                " The HTTP status as an [`http::StatusCode`]; `None` for an unknown code and for one",
                " the documentation gives no status.",
            ],
        ),
    };
    let read = match shape.some_kind_without_status {
        false => quote!(self.kind().map(ErrorKind::http_status)),
        true => quote!(self.kind().and_then(ErrorKind::http_status)),
    };
    quote! {
        #(#[doc = #http_status_doc])*
        #[inline]
        pub fn http_status(#receiver) -> ::core::option::Option<u16> {
            #read
        }

        #(#[doc = #status_code_doc])*
        #[cfg(feature = "http")]
        pub fn status_code(#receiver) -> ::core::option::Option<::http::StatusCode> {
            self.http_status().and_then(|status| ::http::StatusCode::from_u16(status).ok())
        }
    }
}

/// `description`: the row's; with ranges, an unknown code's range's.
fn description_reader(context: &Context<'_>) -> TokenStream {
    let receiver = context.kind.receiver();
    if !context.shape.ranges {
        return quote! {
            /// The documentation's description as plain text; `None` for an unknown code.
            #[inline]
            pub fn description(#receiver) -> ::core::option::Option<&'static str> {
                ROWS.get(self.index()).map(|row| row.description)
            }
        };
    }
    quote! {
        /// The documentation's description as plain text. For an unknown code, the description
        /// of the narrowest range of codes the documentation describes in one row that holds
        /// it (the first in `RANGES` of equally wide ones), else `None`.
        #[inline]
        pub fn description(#receiver) -> ::core::option::Option<&'static str> {
            match ROWS.get(self.index()) {
                ::core::option::Option::Some(row) => ::core::option::Option::Some(row.description),
                ::core::option::Option::None => {
                    let code = self.code();
                    let mut narrowest: ::core::option::Option<&CodeRange> = ::core::option::Option::None;
                    for range in &RANGES {
                        let holds = range.low <= code && code <= range.high;
                        let width = range.high.abs_diff(range.low);
                        if holds && narrowest.is_none_or(|found| width < found.high.abs_diff(found.low)) {
                            narrowest = ::core::option::Option::Some(range);
                        }
                    }
                    narrowest.map(|range| range.description)
                }
            }
        }
    }
}

/// `Debug`, as derive prints it, and `Display`, the code and its description.
pub(super) fn formatting(context: &Context<'_>) -> TokenStream {
    let display_doc = match context.shape.ranges {
        false => [
            " The code and its description (`9003 会议不存在`), or the code and a note that",
            " the documentation does not list it.",
        ],
        true => [
            " The code and its description (`9003 会议不存在`; an unknown code in a range takes",
            " the range's), or the code and a note that the documentation does not list it.",
        ],
    };
    quote! {
        impl ::core::fmt::Debug for ErrorCode {
            /// The variant, as `#[derive(Debug)]` prints it: `MeetingNotExist`,
            /// `Unknown(UnknownCode(123456))`.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    ErrorCode::Unknown(unknown) => f.debug_tuple("Unknown").field(unknown).finish(),
                    known => f.write_str(ROWS[known.index()].name),
                }
            }
        }

        impl ::core::fmt::Display for ErrorCode {
            #(#[doc = #display_doc])*
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
    }
}
