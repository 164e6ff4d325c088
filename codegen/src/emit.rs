//! The fourth stage: a [`Catalog`] into Rust tokens.
//!
//! The generated code is table-driven: one `match` maps a variant to its index, and every
//! per-code fact (code, kind, description, retry hint, variant name) is a static table read
//! at that index. One match instead of one per method keeps the compile time of large
//! catalogues low: each arm yields the variant's own discriminant (`Unknown` yields the
//! number of variants), so the optimizer reduces the match to reading the discriminant.
//! `Debug` is written out over the names table for the same reason: derived, it is a second
//! match, which at 10,000 codes took longer to compile than the rest of the crate.
//! `from_code` looks the number up in an open-addressing hash table built here
//! ([`HashTable`]), so it costs a multiplication and one or two probes whatever the size.
//!
//! Tables of numbers are packed into one byte-string literal each ([`Packed`]): an array
//! literal costs the generator (`syn` parses it, `prettyplease` prints it) and rustc about
//! as much per element as an enum variant, one literal next to nothing.
//! Every path is fully qualified so the output compiles whatever the user has in scope.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Catalog, CodeKind, Entry};

/// Emits the generated module's items for a validated catalog.
pub fn emit(catalog: &Catalog) -> TokenStream {
    if catalog.code_kind == CodeKind::String {
        return emit_string_codes(catalog);
    }
    let entries = &catalog.entries;
    let len = Literal::usize_unsuffixed(entries.len());
    let variants: Vec<_> = entries.iter().map(|entry| format_ident!("{}", entry.variant)).collect();
    let attrs = entries.iter().map(|entry| {
        let summary = string_literal(&format!(" {}", entry.markdown));
        let mut facts = format!(" Code `{}`, HTTP {}.", entry.code, entry.http_status);
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
    // With no retired code, `ALL` holds what `VARIANTS` holds: it borrows it rather than
    // list every variant a second time.
    let all = if entries.iter().all(|entry| entry.retired.is_none()) {
        quote!(&VARIANTS)
    } else {
        let documented =
            entries.iter().filter(|entry| entry.retired.is_none()).map(|entry| format_ident!("{}", entry.variant));
        quote!(&[#(ErrorCode::#documented),*])
    };
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
    let codes: Vec<u8> = entries.iter().flat_map(|entry| number(entry).to_le_bytes()).collect();
    let (codes_len, codes) = (Literal::usize_unsuffixed(codes.len()), Literal::byte_string(&codes));
    let class_count = Literal::usize_unsuffixed(catalog.classes.len());
    let class_kinds = catalog.classes.iter().map(|class| format_ident!("{}", class.variant));
    let code_classes = Packed::new(&entries.iter().map(|entry| entry.class).collect::<Vec<_>>()).table(
        &["The class of each variant in `VARIANTS`: a position in `CLASS_KINDS`."],
        ("CODE_CLASSES", "class_of", "index"),
        "The class of the variant at `index` in `VARIANTS`.",
    );
    let retryable = Literal::byte_string(&entries.iter().map(|entry| u8::from(entry.retryable)).collect::<Vec<_>>());
    let descriptions = entries.iter().map(|entry| string_literal(&entry.text));
    let (names, name_starts) = text_table(entries.iter().map(|entry| entry.variant.as_str()), ' ');
    let name_starts = name_starts.table(
        &["Where each name in `NAMES` starts, by index in `VARIANTS`, then where the last ends."],
        ("NAME_STARTS", "name_start", "index"),
        "Where the name of the variant at `index` in `VARIANTS` starts in `NAMES`.",
    );
    let indices = (0..entries.len()).map(Literal::usize_unsuffixed);
    let table = HashTable::new(&entries.iter().map(number).collect::<Vec<_>>());
    let slot_count = Literal::usize_unsuffixed(table.slots.len());
    let slots = Packed::new(&table.slots).table(
        &[
            "An open-addressing hash table of the codes, `SLOT_COUNT` slots: each holds a position in",
            "`VARIANTS` plus one, or 0 when empty. A code's search starts at `slot(code)` and goes",
            "forward, wrapping, until it finds the code or an empty slot; at most half the slots are",
            "full, so it always ends.",
        ],
        ("SLOTS", "slot_value", "slot"),
        "The value of a slot in `SLOTS`.",
    );
    let multiplier =
        format!("{:#x}", table.multiplier).parse().unwrap_or_else(|_| Literal::u64_unsuffixed(table.multiplier));
    let shift = Literal::u32_unsuffixed(table.shift);
    let kind_items = emit_kind(catalog);

    quote! {
        /// An error code of the API: one variant per code its documentation lists, and
        /// [`ErrorCode::Unknown`] for any other.
        ///
        /// Variants are in ascending code order, so the derived `Ord` orders documented codes
        /// by number. The enum is `#[non_exhaustive]`: a new version of the documentation
        /// adds variants without a breaking change.
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
        /// The plain-text description of each variant in `VARIANTS`. An array of strings
        /// rather than one string, as `description()` is on the path of `Display` and a slice
        /// of one string would cost a boundary check at each end.
        static DESCRIPTIONS: [&str; #len] = [#(#descriptions),*];
        /// The kind of each class, by the class's position in `CODE_CLASSES`.
        static CLASS_KINDS: [ErrorKind; #class_count] = [#(ErrorKind::#class_kinds),*];

        /// The code of each variant in `VARIANTS`, ascending, 8 little-endian bytes each.
        ///
        /// This table and the ones below hold numbers packed into one byte-string literal:
        /// an array literal of 10,000 numbers costs rustc about as much as 10,000 enum
        /// variants, one literal next to nothing. The function after each reads it.
        static CODES: &[u8; #codes_len] = #codes;

        /// The code of the variant at `index` in `VARIANTS`.
        fn code_at(index: usize) -> i64 {
            i64::from_le_bytes(CODES.as_chunks::<8>().0[index])
        }

        #code_classes

        /// Whether retrying may succeed (1) or not (0), for each variant in `VARIANTS`.
        static RETRYABLE: &[u8; #len] = #retryable;

        /// The names of the variants in `VARIANTS`, each followed by a space, for `Debug`.
        static NAMES: &str = #names;

        #name_starts

        #slots

        /// The number of slots in `SLOTS`, a power of two.
        const SLOT_COUNT: usize = #slot_count;

        /// Where the search for a code in `SLOTS` starts (Fibonacci hashing).
        fn slot(code: i64) -> usize {
            ((code as u64).wrapping_mul(#multiplier) >> #shift) as usize
        }

        #[allow(deprecated)]
        impl ErrorCode {
            /// Every code the documentation lists, in ascending code order.
            pub const ALL: &'static [ErrorCode] = #all;

            /// Codes the documentation no longer lists, kept as deprecated variants so code that
            /// names them still compiles; [`ErrorCode::from_code`] still maps them.
            pub const RETIRED: &'static [ErrorCode] = &[#(ErrorCode::#retired),*];

            #(#aliases)*

            /// The error code for a number. Never fails: a code the documentation does not
            /// list becomes [`ErrorCode::Unknown`], keeping the number.
            #[inline]
            pub fn from_code(code: i64) -> ErrorCode {
                let mut slot = slot(code);
                loop {
                    let index = slot_value(slot);
                    if index == 0 {
                        return ErrorCode::Unknown(UnknownCode(code));
                    }
                    if code_at(index - 1) == code {
                        return VARIANTS[index - 1];
                    }
                    slot = (slot + 1) % SLOT_COUNT;
                }
            }

            /// The numeric code, as the API sends it.
            #[inline]
            pub fn code(self) -> i64 {
                match self {
                    ErrorCode::Unknown(unknown) => unknown.0,
                    known => code_at(known.index()),
                }
            }

            /// The class of the code, which decides its HTTP status; `None` for an unknown code.
            #[inline]
            pub fn kind(self) -> ::core::option::Option<ErrorKind> {
                match self {
                    ErrorCode::Unknown(_) => ::core::option::Option::None,
                    known => ::core::option::Option::Some(CLASS_KINDS[class_of(known.index())]),
                }
            }

            /// The HTTP status the API answers with for this code; `None` for an unknown code.
            #[inline]
            pub fn http_status(self) -> ::core::option::Option<u16> {
                self.kind().map(ErrorKind::http_status)
            }

            /// The HTTP status as an [`http::StatusCode`]; `None` for an
            /// unknown code.
            #[cfg(feature = "http")]
            pub fn status_code(self) -> ::core::option::Option<::http::StatusCode> {
                self.http_status().and_then(|status| ::http::StatusCode::from_u16(status).ok())
            }

            /// Whether the documentation says retrying later may succeed (the rate limits).
            ///
            /// A hint, not a policy: it says nothing about how long to wait or how often to
            /// try, and it is `false` for unknown codes.
            #[inline]
            pub fn is_retryable(self) -> bool {
                RETRYABLE.get(self.index()).is_some_and(|&retryable| retryable != 0)
            }

            /// The documentation's description as plain text; `None` for an unknown code.
            #[inline]
            pub fn description(self) -> ::core::option::Option<&'static str> {
                DESCRIPTIONS.get(self.index()).copied()
            }

            /// The position of a variant in `VARIANTS`; for an unknown code, the number of
            /// variants, one past the end of every table. Each arm yields the variant's
            /// discriminant, so this compiles to reading it.
            fn index(self) -> usize {
                match self {
                    #(ErrorCode::#variants => #indices,)*
                    ErrorCode::Unknown(_) => #len,
                }
            }
        }

        impl ::core::fmt::Debug for ErrorCode {
            /// The variant, as `#[derive(Debug)]` prints it: `MeetingNotExist`,
            /// `Unknown(UnknownCode(123456))`.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    ErrorCode::Unknown(unknown) => f.debug_tuple("Unknown").field(unknown).finish(),
                    known => {
                        let index = known.index();
                        f.write_str(&NAMES[name_start(index)..name_start(index + 1) - 1])
                    }
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

/// An integer code; a catalog of integer codes holds nothing else.
fn number(entry: &Entry) -> i64 {
    entry.code.as_int().unwrap_or_default()
}

/// The items for a doc of string codes (`InvalidParameter`): the same API as for integer
/// codes, but `ErrorCode` is `Clone` rather than `Copy`, since `Unknown` keeps the string;
/// it (de)serializes as a JSON string. String catalogues are small (hundreds of codes), so
/// the tables are plain arrays and `from_code` a binary search.
fn emit_string_codes(catalog: &Catalog) -> TokenStream {
    let entries = &catalog.entries;
    let len = Literal::usize_unsuffixed(entries.len());
    let variants: Vec<_> = entries.iter().map(|entry| format_ident!("{}", entry.variant)).collect();
    let attrs = entries.iter().map(|entry| {
        let summary = format!(" {}", entry.markdown);
        let facts = format!(" Code `{}`, HTTP {}.", entry.code, entry.http_status);
        quote! {
            #[doc = #summary]
            #[doc = ""]
            #[doc = #facts]
        }
    });
    let codes = entries.iter().map(|entry| string_literal(&entry.code.to_string()));
    let descriptions = entries.iter().map(|entry| string_literal(&entry.text));
    let kinds = entries.iter().map(|entry| format_ident!("{}", catalog.classes[entry.class].variant));
    let retryable = entries.iter().map(|entry| entry.retryable);
    let indices = (0..entries.len()).map(Literal::usize_unsuffixed);
    let kind_items = emit_kind(catalog);
    quote! {
        /// An error code of the API: one variant per code its documentation lists, and
        /// [`ErrorCode::Unknown`] for any other.
        ///
        /// Variants are in ascending code order. The enum is `#[non_exhaustive]`: a new
        /// version of the documentation adds variants without a breaking change.
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct UnknownCode(::std::boxed::Box<str>);

        impl UnknownCode {
            /// The code, as received.
            pub fn code(&self) -> &str {
                &self.0
            }
        }

        #kind_items

        /// The documented codes, ascending; `ErrorCode::ALL[i]` has code `CODES[i]`.
        static CODES: [&str; #len] = [#(#codes),*];
        /// The class of each documented code, by index.
        static KINDS: [ErrorKind; #len] = [#(ErrorKind::#kinds),*];
        /// The plain-text description of each documented code, by index.
        static DESCRIPTIONS: [&str; #len] = [#(#descriptions),*];
        /// Whether retrying may succeed, for each documented code, by index.
        static RETRYABLE: [bool; #len] = [#(#retryable),*];

        impl ErrorCode {
            /// Every documented code, in ascending code order.
            pub const ALL: &'static [ErrorCode] = &[#(ErrorCode::#variants),*];

            /// Codes the documentation no longer lists; none for a doc of string codes.
            pub const RETIRED: &'static [ErrorCode] = &[];

            /// The error code for a string. Never fails: a code the documentation does not
            /// list becomes [`ErrorCode::Unknown`], keeping the string.
            pub fn from_code(code: &str) -> ErrorCode {
                match CODES.binary_search(&code) {
                    ::core::result::Result::Ok(index) => ErrorCode::ALL[index].clone(),
                    ::core::result::Result::Err(_) => ErrorCode::Unknown(UnknownCode(::std::boxed::Box::from(code))),
                }
            }

            /// The code, as the API sends it.
            pub fn code(&self) -> &str {
                match self.index() {
                    ::core::result::Result::Ok(index) => CODES[index],
                    ::core::result::Result::Err(unknown) => unknown.code(),
                }
            }

            /// The class of the code, which decides its HTTP status; `None` for an unknown code.
            pub fn kind(&self) -> ::core::option::Option<ErrorKind> {
                self.index().ok().map(|index| KINDS[index])
            }

            /// The HTTP status the API answers with for this code; `None` for an unknown code.
            pub fn http_status(&self) -> ::core::option::Option<u16> {
                self.kind().map(ErrorKind::http_status)
            }

            /// The HTTP status as an [`http::StatusCode`]; `None` for an
            /// unknown code.
            #[cfg(feature = "http")]
            pub fn status_code(&self) -> ::core::option::Option<::http::StatusCode> {
                self.http_status().and_then(|status| ::http::StatusCode::from_u16(status).ok())
            }

            /// Whether the documentation says retrying later may succeed. A hint, not a
            /// policy; `false` for unknown codes.
            pub fn is_retryable(&self) -> bool {
                self.index().is_ok_and(|index| RETRYABLE[index])
            }

            /// The documentation's description as plain text; `None` for an unknown code.
            pub fn description(&self) -> ::core::option::Option<&'static str> {
                self.index().ok().map(|index| DESCRIPTIONS[index])
            }

            /// The position of a documented code in [`ErrorCode::ALL`].
            fn index(&self) -> ::core::result::Result<usize, &UnknownCode> {
                match self {
                    #(ErrorCode::#variants => ::core::result::Result::Ok(#indices),)*
                    ErrorCode::Unknown(unknown) => ::core::result::Result::Err(unknown),
                }
            }
        }

        impl ::core::fmt::Display for ErrorCode {
            /// The code and its description, or the code and a note that the documentation
            /// does not list it.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self.description() {
                    ::core::option::Option::Some(description) => ::core::write!(f, "{} {}", self.code(), description),
                    ::core::option::Option::None => ::core::write!(f, "{} (undocumented error code)", self.code()),
                }
            }
        }

        impl ::core::convert::From<&str> for ErrorCode {
            fn from(code: &str) -> ErrorCode {
                ErrorCode::from_code(code)
            }
        }

        impl ::core::convert::From<ErrorCode> for ::std::string::String {
            fn from(code: ErrorCode) -> ::std::string::String {
                ::std::string::String::from(code.code())
            }
        }

        impl ::serde::Serialize for ErrorCode {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<ErrorCode, D::Error> {
                deserializer.deserialize_str(CodeVisitor)
            }
        }

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

/// A string literal, escaped exactly as [`Literal::string`] escapes it, but without its slow
/// path for the CJK text these docs are written in: `Literal::string` asks the Unicode tables
/// whether each non-ASCII character is printable, which took a fifth of the time of the
/// whole generator at 10,000 codes. Characters known to print as themselves are copied; any
/// other is escaped as `Literal::string` does.
fn string_literal(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    let mut copied = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, ch)) = chars.next() {
        if matches!(ch, ' '..='~' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff5e}') && ch != '"' && ch != '\\' {
            continue;
        }
        repr.push_str(&text[copied..at]);
        copied = at + ch.len_utf8();
        match ch {
            '"' | '\\' => {
                repr.push('\\');
                repr.push(ch);
            }
            '\0' if chars.peek().is_some_and(|(_, next)| ('0'..='7').contains(next)) => repr.push_str("\\x00"),
            '\0' => repr.push_str("\\0"),
            _ => repr.extend(ch.escape_debug()),
        }
    }
    repr.push_str(&text[copied..]);
    repr.push('"');
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// Texts joined into one string literal, each followed by `separator`, and where each starts
/// (then where the last ends), packed.
fn text_table<'a>(texts: impl Iterator<Item = &'a str>, separator: char) -> (Literal, Packed) {
    let mut joined = String::new();
    let mut starts = vec![0];
    for text in texts {
        joined.push_str(text);
        joined.push(separator);
        starts.push(joined.len());
    }
    (string_literal(&joined), Packed::new(&starts))
}

/// Unsigned numbers packed little-endian into one byte-string literal, each in the fewest
/// bytes (1, 2 or 4) that hold the largest.
struct Packed {
    bytes: Vec<u8>,
    width: usize,
}

impl Packed {
    fn new(values: &[usize]) -> Packed {
        let max = values.iter().copied().max().unwrap_or(0);
        let width = if max <= usize::from(u8::MAX) {
            1
        } else if max <= usize::from(u16::MAX) {
            2
        } else {
            4
        };
        let bytes = values.iter().flat_map(|&value| (value as u32).to_le_bytes().into_iter().take(width)).collect();
        Packed { bytes, width }
    }

    /// The static `table` holding these numbers, as one byte-string literal, and the function
    /// `reader(at: usize) -> usize` that reads the number at a position; each with its doc
    /// comment, one line per item of `table_doc`.
    fn table(&self, table_doc: &[&str], (table, reader, at): (&str, &str, &str), reader_doc: &str) -> TokenStream {
        let table_doc = table_doc.iter().map(|line| format!(" {line}"));
        let reader_doc = format!(" {reader_doc}");
        let (table, reader, at) = (format_ident!("{table}"), format_ident!("{reader}"), format_ident!("{at}"));
        let len = Literal::usize_unsuffixed(self.bytes.len());
        let bytes = Literal::byte_string(&self.bytes);
        let read = match self.width {
            1 => quote! { usize::from(#table[#at]) },
            2 => quote! { usize::from(u16::from_le_bytes([#table[2 * #at], #table[2 * #at + 1]])) },
            _ => quote! {
                u32::from_le_bytes([#table[4 * #at], #table[4 * #at + 1], #table[4 * #at + 2], #table[4 * #at + 3]]) as usize
            },
        };
        quote! {
            #(#[doc = #table_doc])*
            static #table: &[u8; #len] = #bytes;

            #[doc = #reader_doc]
            fn #reader(#at: usize) -> usize {
                #read
            }
        }
    }

    /// The value at a position, as the generated code reads it.
    #[cfg(test)]
    fn get(&self, at: usize) -> usize {
        let mut bytes = [0; 4];
        bytes[..self.width].copy_from_slice(&self.bytes[at * self.width..(at + 1) * self.width]);
        u32::from_le_bytes(bytes) as usize
    }
}

/// The table `from_code` searches: an open-addressing hash table with linear probing,
/// built once here so that the generated code only reads it.
///
/// There are at least twice as many slots as codes (and at least 8, a power of two), so
/// a search stops after one or two probes on average, for documented and undocumented
/// codes alike. Of a few fixed odd multipliers, the one whose table needs the fewest probes
/// in total to find every code is kept; the table depends only on the codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashTable {
    /// The Fibonacci-hashing multiplier.
    pub multiplier: u64,
    /// `64 - log2(slots.len())`: the high bits of the product are the first slot.
    pub shift: u32,
    /// Each slot: the code's index plus one, or 0 when empty.
    pub slots: Vec<usize>,
}

/// Odd multipliers to try: the golden ratio's, then a few fixed ones from SplitMix64.
const MULTIPLIERS: [u64; 6] = [
    0x9e37_79b9_7f4a_7c15,
    0xbf58_476d_1ce4_e5b9,
    0x94d0_49bb_1331_11eb,
    0xd6e8_feb8_6659_fd93,
    0xa076_1d64_78bd_642f,
    0xe703_7ed1_a0b4_28db,
];

impl HashTable {
    /// Builds the table of distinct codes, given in index order.
    pub fn new(codes: &[i64]) -> HashTable {
        let len = (codes.len() * 2).max(8).next_power_of_two();
        let shift = 64 - len.trailing_zeros();
        let mut best: Option<(usize, HashTable)> = None;
        for multiplier in MULTIPLIERS {
            let mut table = HashTable { multiplier, shift, slots: vec![0; len] };
            let mut probes = 0;
            for (index, &code) in codes.iter().enumerate() {
                let mut slot = table.slot(code);
                probes += 1;
                while table.slots[slot] != 0 {
                    slot = (slot + 1) % len;
                    probes += 1;
                }
                table.slots[slot] = index + 1;
            }
            if best.as_ref().is_none_or(|(fewest, _)| probes < *fewest) {
                best = Some((probes, table));
            }
        }
        best.map(|(_, table)| table).unwrap_or(HashTable { multiplier: MULTIPLIERS[0], shift, slots: vec![0; len] })
    }

    /// The first slot to probe for a code; the generated `slot` function computes the same.
    pub fn slot(&self, code: i64) -> usize {
        ((code as u64).wrapping_mul(self.multiplier) >> self.shift) as usize
    }

    /// The index of a code, searched as the generated `from_code` searches.
    pub fn find(&self, codes: &[i64], code: i64) -> Option<usize> {
        let mut slot = self.slot(code);
        loop {
            let index = self.slots[slot].checked_sub(1)?;
            if codes[index] == code {
                return Some(index);
            }
            slot = (slot + 1) % self.slots.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_table_finds_every_code_and_no_other() {
        for codes in
            [vec![], vec![9003], (0..1000).map(|i| 9000 + i * 7).collect::<Vec<i64>>(), vec![i64::MIN, -1, 0, i64::MAX]]
        {
            let table = HashTable::new(&codes);
            assert!(table.slots.len() >= 2 * codes.len() && table.slots.len().is_power_of_two());
            assert_eq!(table.slots.iter().filter(|&&slot| slot != 0).count(), codes.len());
            for (index, &code) in codes.iter().enumerate() {
                assert_eq!(table.find(&codes, code), Some(index), "{code}");
            }
            for code in [1, 9001, 9004, 123_456, i64::MIN + 1, i64::MAX - 1] {
                if !codes.contains(&code) {
                    assert_eq!(table.find(&codes, code), None, "{code}");
                }
            }
        }
    }

    #[test]
    fn string_literals_are_written_as_proc_macro2_writes_them() {
        let mut texts: Vec<String> = [
            "",
            " 会议不存在",
            "a \"quoted\" \\ back'slash",
            "tab\tline\nreturn\r",
            "nul\0 and nul\x007",
            "\u{7f}\u{1b}\u{200b}\u{301}é\u{3000}，；（）【】",
            "emoji 🙂 and \u{feff}",
        ]
        .iter()
        .map(|text| (*text).to_owned())
        .collect();
        texts.extend([('\u{4e00}'..='\u{9fff}').collect(), ('\u{ff01}'..='\u{ff5e}').collect(), (' '..='~').collect()]);
        for text in texts {
            assert_eq!(string_literal(&text).to_string(), Literal::string(&text).to_string(), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_packed_in_the_fewest_bytes() {
        for (values, width) in [(vec![], 1), (vec![0, 1, 255], 1), (vec![3, 256, 65_535], 2), (vec![65_536, 7], 4)] {
            let packed = Packed::new(&values);
            assert_eq!(packed.width, width, "{values:?}");
            assert_eq!(packed.bytes.len(), width * values.len());
            for (at, &value) in values.iter().enumerate() {
                assert_eq!(packed.get(at), value);
            }
        }
    }
}
