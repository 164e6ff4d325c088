//! The data of the generated module: the `ErrorCode` and `ErrorKind` enums and the table of
//! rows, one struct literal per code.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::Catalog;

use super::{Context, string_literal};

/// The `ErrorCode` enum: a variant per documented or retired code, each with its doc comment
/// (the description, then the code, its HTTP status and its retry hint), then `Unknown`.
pub(super) fn error_code(context: &Context<'_>) -> TokenStream {
    let entries = &context.catalog.entries;
    let attrs = entries.iter().map(|entry| {
        let summary = string_literal(&format!(" {}", entry.markdown));
        let mut facts = format!(" Code `{}`, HTTP {}.", entry.key(), entry.http_status);
        if entry.retryable {
            facts.push_str(" Retrying later may succeed.");
        }
        let facts = string_literal(&facts);
        let deprecated = entry.retired.as_ref().map(|reason| quote!(#[deprecated(note = #reason)]));
        quote! {
            #[doc = #summary]
            #[doc = ""]
            #[doc = #facts]
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

/// The `ErrorKind` enum: one variant per HTTP class of the overlay.
pub(super) fn error_kind(catalog: &Catalog) -> TokenStream {
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

/// The `Row` struct and `ROWS`, the table of every documented and retired code, ascending:
/// one struct literal per code, in the order of the enum's variants.
pub(super) fn rows(context: &Context<'_>) -> TokenStream {
    let Context { catalog, kind, variants } = context;
    let len = Literal::usize_unsuffixed(catalog.entries.len());
    let variants = variants.iter();
    let kinds: Vec<_> = catalog.classes.iter().map(|class| format_ident!("{}", class.variant)).collect();
    let rows = catalog.entries.iter().map(|entry| {
        let code = kind.literal(&entry.key());
        let name = string_literal(&entry.variant);
        let class = &kinds[entry.class];
        let retryable = entry.retryable;
        let description = string_literal(&entry.text);
        quote! {
            Row {
                code: #code,
                name: #name,
                kind: ErrorKind::#class,
                retryable: #retryable,
                description: #description,
            }
        }
    });
    let code_type = kind.row_code_type();
    quote! {
        /// One code of the documentation: what it and the overlay say about it.
        struct Row {
            /// The code, as the API sends it.
            code: #code_type,
            /// The code's variant's name, as `Debug` prints it.
            name: &'static str,
            /// The code's class, which gives its HTTP status.
            kind: ErrorKind,
            /// Whether the documentation says retrying later may succeed.
            retryable: bool,
            /// The documentation's description, as plain text.
            description: &'static str,
        }

        /// Every documented and retired code, in ascending code order: the row at
        /// `ErrorCode::index()` is the variant's.
        static ROWS: [Row; #len] = [#(#rows),*];

        /// The variant of each row of `ROWS`, at the same index: what `from_code` returns
        /// for the code it finds. (A `variant` field in `Row` would say the same, at a third
        /// more of the crate's debug build time for 10,000 codes.)
        #[allow(deprecated)]
        static VARIANTS: [ErrorCode; #len] = [#(ErrorCode::#variants),*];
    }
}
