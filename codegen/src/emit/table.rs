//! The data of the generated module: the `ErrorCode` and `ErrorKind` enums, the table of
//! rows, one struct literal per code, and the table of ranges.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens as _, format_ident, quote};

use crate::fact;
use crate::model::{CodeKey, Entry, Text, Value};

use super::{Context, lines};

/// The `ErrorCode` enum: a variant per documented or retired code with its doc comment, then
/// `Unknown`.
pub(super) fn error_code(context: &Context<'_>) -> TokenStream {
    let entries = &context.catalog.entries;
    let attrs = entries.iter().map(|entry| {
        // Escaped as `string_literal` escapes them: quote's own escaping is slow for CJK text.
        let docs = variant_doc(context, entry).into_iter().map(|line| super::string_literal(&line));
        let deprecated = entry.retired.as_ref().map(|reason| {
            let reason = lines::literal(reason);
            quote!(#[deprecated(note = #reason)])
        });
        quote! {
            #(#[doc = #docs])*
            #deprecated
        }
    });
    let variants = &context.variants;
    let copy = context.kind.copy();
    let order = format!(
        " codes {}. The enum is `#[non_exhaustive]`: a new version of the documentation",
        context.kind.ordered_by()
    );
    quote! {
        /// An error code of the API: one variant per code its documentation lists, and
        /// [`ErrorCode::Unknown`] for any other.
        ///
        /// Variants are in ascending code order, so the derived `Ord` orders documented
        #[doc = #order]
        /// adds variants without a breaking change.
        #[non_exhaustive]
        #[derive(Clone, #copy PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            #(
                #attrs
                #variants,
            )*
            /// A code the documentation does not list, kept exactly as received.
            Unknown(UnknownCode),
        }
    }
}

/// A variant's doc comment: its description, code, HTTP status, retry hint and facts.
fn variant_doc(context: &Context<'_>, entry: &Entry) -> Vec<String> {
    let mut docs = lines::doc_lines(&entry.markdown);
    let mut facts = match (context.shape.http, entry.http_status) {
        (true, Some(status)) => format!(" Code `{}`, HTTP {status}.", entry.code),
        (true, None) => format!(" Code `{}`; the documentation gives it no HTTP status.", entry.code),
        (false, _) => format!(" Code `{}`.", entry.code),
    };
    if entry.retryable {
        facts.push_str(" Retrying later may succeed.");
    }
    docs.extend([String::new(), facts]);
    for &fact in &context.shape.facts {
        if let Some(text) = entry.fact(fact) {
            docs.push(String::new());
            docs.extend(lines::doc_lines(&format!("*{}:* {}", context.catalog.facts.get(fact).label, text.markdown)));
        }
    }
    docs
}

/// The `ErrorKind` enum, one variant per class, with `http_status` when there is HTTP.
pub(super) fn error_kind(context: &Context<'_>) -> TokenStream {
    let (catalog, shape) = (context.catalog, &context.shape);
    if !shape.kinds {
        return TokenStream::new();
    }
    let variants: Vec<_> = catalog.classes.iter().map(|class| format_ident!("{}", class.variant)).collect();
    let docs = catalog.classes.iter().map(|class| match class.http_status {
        Some(status) => format!(" The `{}` class: HTTP {status}.", class.name),
        None if shape.http => format!(" The `{}` class, with no HTTP status.", class.name),
        None => format!(" The `{}` class.", class.name),
    });
    let summary = match (shape.http, shape.some_kind_without_status) {
        (true, false) => " The class of an error code, as the documentation groups them; each class answers",
        (true, true) => " The class of an error code, as the documentation groups them; a class may give the",
        (false, _) => " The class of an error code, as the documentation groups them.",
    };
    let more = match (shape.http, shape.some_kind_without_status) {
        (true, false) => vec![" with one HTTP status."],
        (true, true) => vec![" HTTP status every code of it answers with."],
        (false, _) => Vec::new(),
    };
    let http_status = shape.http.then(|| kind_http_status(context, &variants));
    quote! {
        #[doc = #summary]
        #(#[doc = #more])*
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorKind {
            #(
                #[doc = #docs]
                #variants,
            )*
        }

        #http_status
    }
}

/// `ErrorKind::http_status`: a `u16` when every class gives one, else an `Option`.
fn kind_http_status(context: &Context<'_>, variants: &[proc_macro2::Ident]) -> TokenStream {
    let classes = &context.catalog.classes;
    if !context.shape.some_kind_without_status {
        let statuses = classes.iter().map(|class| Literal::u16_unsuffixed(class.http_status.unwrap_or_default()));
        return quote! {
            impl ErrorKind {
                /// The HTTP status every code of this class answers with.
                pub fn http_status(self) -> u16 {
                    match self {
                        #(ErrorKind::#variants => #statuses,)*
                    }
                }
            }
        };
    }
    let statuses = classes.iter().map(|class| match class.http_status {
        Some(status) => {
            let status = Literal::u16_unsuffixed(status);
            quote!(::core::option::Option::Some(#status))
        }
        None => quote!(::core::option::Option::None),
    });
    quote! {
        impl ErrorKind {
            /// The HTTP status every code of this class answers with; `None` for a class the
            /// documentation gives no status.
            pub fn http_status(self) -> ::core::option::Option<u16> {
                match self {
                    #(ErrorKind::#variants => #statuses,)*
                }
            }
        }
    }
}

/// The `Row` struct and `ROWS`, one struct literal per code in variant order.
pub(super) fn rows(context: &Context<'_>) -> TokenStream {
    let Context { catalog, kind, variants, shape } = context;
    let len = Literal::usize_unsuffixed(catalog.entries.len());
    let variants = variants.iter();
    let kinds: Vec<_> = catalog.classes.iter().map(|class| format_ident!("{}", class.variant)).collect();
    let fact_fields: Vec<_> =
        shape.facts.iter().map(|&fact| format_ident!("{}", catalog.facts.get(fact).key)).collect();
    let rows = catalog.entries.iter().map(|entry| {
        let fact_fields = &fact_fields;
        let code = kind.literal(&entry.code);
        let name = super::string_literal(&entry.variant);
        // Each optional field repeats over an `Option`, written straight into the row.
        let class = entry.class.map(|class| &kinds[class]);
        let kind = class.filter(|_| !shape.some_code_without_kind).into_iter();
        let optional_kind = shape
            .some_code_without_kind
            .then(|| match class {
                Some(class) => quote!(::core::option::Option::Some(ErrorKind::#class)),
                None => quote!(::core::option::Option::None),
            })
            .into_iter();
        let retryable = entry.retryable;
        let description = lines::literal(&entry.text);
        let facts = shape.facts.iter().map(|&fact| fact_value(catalog.facts.get(fact).value, entry.fact(fact)));
        quote! {
            Row {
                code: #code,
                name: #name,
                #(kind: ErrorKind::#kind,)*
                #(kind: #optional_kind,)*
                retryable: #retryable,
                description: #description,
                #(#fact_fields: #facts,)*
            }
        }
    });
    let fields = row_fields(context);
    let variants_table = context.shape.variants_table.then(|| {
        quote! {
            /// The variant of each row of `ROWS`, at the same index. (A `variant` field in `Row`
            /// would say the same, at a third more of the crate's debug build time for 10,000
            /// codes.)
            #[allow(deprecated)]
            static VARIANTS: [ErrorCode; #len] = [#(ErrorCode::#variants),*];
        }
    });
    quote! {
        /// One code of the documentation: what it and the overlay say about it.
        struct Row {
            #fields
        }

        /// Every documented and retired code, in ascending code order: the row at
        /// `ErrorCode::index()` is the variant's.
        static ROWS: [Row; #len] = [#(#rows),*];

        #variants_table
    }
}

/// A row's value of a fact: its text (`""` for none), or a span of time in plain seconds (`0`
/// for none), which reads as a table and costs the compiler less than an `Option` per row.
fn fact_value(value: Value, text: Option<&Text>) -> TokenStream {
    match value {
        Value::Text => lines::literal(text.map_or("", |text| &text.text)).into_token_stream(),
        Value::Duration => {
            let seconds = text.and_then(|text| fact::seconds(&text.text)).unwrap_or(0);
            Literal::u64_unsuffixed(seconds).into_token_stream()
        }
    }
}

/// The fields of `Row`, with their docs.
fn row_fields(context: &Context<'_>) -> TokenStream {
    let shape = &context.shape;
    let code_type = context.kind.row_code_type();
    let kind = match (shape.kinds, shape.some_code_without_kind, shape.http) {
        (false, ..) => None,
        (true, false, true) => Some(quote! {
            /// The code's class, which gives its HTTP status.
            kind: ErrorKind,
        }),
        (true, false, false) => Some(quote! {
            /// The code's class.
            kind: ErrorKind,
        }),
        (true, true, _) => Some(quote! {
            /// The code's class, which gives its HTTP status; `None` for a code the
            /// documentation gives no status.
            kind: ::core::option::Option<ErrorKind>,
        }),
    };
    let facts = shape.facts.iter().map(|&fact| {
        let fact = context.catalog.facts.get(fact);
        let field = format_ident!("{}", fact.key);
        let (ty, none) = match fact.value {
            Value::Text => (quote!(&'static str), "as plain text; empty when it gives none"),
            Value::Duration => (quote!(u64), "in seconds; 0 when it gives none"),
        };
        let doc = lines::doc_lines(&format!("{}, {none}.", fact.summary));
        quote! {
            #(#[doc = #doc])*
            #field: #ty,
        }
    });
    quote! {
        /// The code, as the API sends it.
        code: #code_type,
        /// The code's variant's name, as `Debug` prints it.
        name: &'static str,
        #kind
        /// Whether the documentation says retrying later may succeed.
        retryable: bool,
        /// The documentation's description, as plain text.
        description: &'static str,
        #(#facts)*
    }
}

/// `CodeRange` and `RANGES`, the ranges the documentation describes in one row; nothing without any.
pub(super) fn ranges(context: &Context<'_>) -> TokenStream {
    if !context.shape.ranges {
        return TokenStream::new();
    }
    let ranges = &context.catalog.ranges;
    let len = Literal::usize_unsuffixed(ranges.len());
    let rows = ranges.iter().map(|range| {
        let (low, high) =
            (context.kind.literal(&CodeKey::Int(range.low)), context.kind.literal(&CodeKey::Int(range.high)));
        let description = lines::literal(&range.description.text);
        quote! {
            CodeRange {
                low: #low,
                high: #high,
                description: #description,
            }
        }
    });
    quote! {
        /// Codes the documentation describes together, in one row whose code cell is a range
        /// (`301000~301099`): it does not say which of them exist, so none is a variant, but
        /// its description is what it says of each.
        struct CodeRange {
            /// The first code of the range.
            low: i64,
            /// The last code of the range, inclusive.
            high: i64,
            /// The row's description, as plain text.
            description: &'static str,
        }

        /// Every range of codes the documentation describes in one row, ascending by first
        /// code: `ErrorCode::description` reads the narrowest that holds an unknown code.
        static RANGES: [CodeRange; #len] = [#(#rows),*];
    }
}
