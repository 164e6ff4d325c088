//! The fourth stage: a [`Catalog`] into Rust tokens: `static ROWS` holds a struct literal per
//! code and every method reads its variant's row; [`Shape`] decides which parts exist. Paths
//! are fully qualified so the output compiles whatever the user has in scope.

mod code_kind;
mod lines;
mod methods;
mod table;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::format_ident;

use crate::model::{Catalog, CodeKind};
use crate::shape::Shape;

/// Emits the generated module's items for a validated catalog.
pub fn emit(catalog: &Catalog) -> TokenStream {
    let context = Context {
        catalog,
        kind: catalog.code_kind,
        variants: catalog.entries.iter().map(|entry| format_ident!("{}", entry.variant)).collect(),
        shape: Shape::of(catalog),
    };
    let mut tokens = table::error_code(&context);
    tokens.extend(context.kind.unknown_code());
    tokens.extend(table::error_kind(&context));
    tokens.extend(table::rows(&context));
    tokens.extend(table::ranges(&context));
    tokens.extend(methods::inherent(&context));
    tokens.extend(methods::formatting(&context));
    tokens.extend(context.kind.conversions());
    tokens.extend(context.kind.parsing());
    tokens.extend(context.kind.serde());
    tokens
}

/// What every part reads: the catalogue, its kind of code, each entry's variant and its shape.
struct Context<'a> {
    catalog: &'a Catalog,
    kind: CodeKind,
    /// The variant of each entry, in the catalogue's (ascending) order.
    variants: Vec<Ident>,
    shape: Shape,
}

/// A string literal escaped as [`Literal::string`] escapes it, without its slow Unicode lookup
/// for every CJK character (a fifth of the generator's time at 10,000 codes).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClassInfo, CodeKey, Entry, Facts, Text};
    use crate::shape::MATCH_LIMIT;

    /// One entry of a hand-built catalogue. Entries are built here only, so that a change to
    /// the model's `Entry` is one change in these tests.
    fn entry(key: CodeKey, variant: &str) -> Entry {
        Entry {
            code: key,
            name: variant.to_owned(),
            variant: variant.to_owned(),
            class: Some(0),
            http_status: Some(400),
            markdown: format!("The `{variant}` error"),
            text: format!("The {variant} error"),
            facts: Vec::new(),
            retryable: false,
            retired: None,
            former_variants: Vec::new(),
        }
    }

    /// A catalogue with a retryable code, a retired one and a renamed one, of either kind.
    fn catalog(keys: [CodeKey; 3]) -> Catalog {
        let code_kind = match &keys[0] {
            CodeKey::Int(_) => CodeKind::Integer,
            CodeKey::Str(_) => CodeKind::String,
        };
        let [first, second, third] = keys;
        let mut entries = vec![entry(first, "Throttled"), entry(second, "Gone"), entry(third, "Missing")];
        entries[0].retryable = true;
        entries[0].facts = vec![Some(Text { markdown: "Wait `1s`".to_owned(), text: "Wait 1s".to_owned() })];
        entries[1].retired = Some("No longer documented".to_owned());
        entries[2].former_variants = vec!["NotFound".to_owned()];
        entries[2].facts = vec![None, Some(Text { markdown: "not found".to_owned(), text: "not found".to_owned() })];
        let classes = [("request", "Request", 400), ("service", "Service", 500)]
            .map(|(name, variant, http_status)| ClassInfo {
                name: name.to_owned(),
                variant: variant.to_owned(),
                http_status: Some(http_status),
                ranges: Vec::new(),
                default: false,
            })
            .to_vec();
        for (position, entry) in entries.iter_mut().enumerate() {
            entry.class = Some(position % 2);
            entry.http_status = classes[position % 2].http_status;
        }
        Catalog { entries, classes, code_kind, ranges: Vec::new(), facts: Facts::default(), lang: None }
    }

    fn string_catalog() -> Catalog {
        catalog(["LimitExceeded", "OperationDenied.Gone", "ResourceNotFound"].map(|code| CodeKey::Str(code.to_owned())))
    }

    fn integer_catalog() -> Catalog {
        catalog([-7, 9004, 9005].map(CodeKey::Int))
    }

    fn parse(catalog: &Catalog) -> syn::File {
        syn::parse2(emit(catalog)).expect("the emitted tokens are a Rust file")
    }

    /// Each item's kind and name, and each impl's members, as a list of lines.
    fn outline(file: &syn::File) -> Vec<String> {
        let mut lines = Vec::new();
        for item in &file.items {
            match item {
                syn::Item::Impl(item) => {
                    let of = item.trait_.as_ref().map(|(path, _)| quote::quote!(#path).to_string());
                    let self_ty = &item.self_ty;
                    lines.push(format!("impl {} for {}", of.unwrap_or_default(), quote::quote!(#self_ty)));
                    for member in &item.items {
                        lines.push(match member {
                            syn::ImplItem::Const(member) => format!("  const {}", member.ident),
                            syn::ImplItem::Fn(member) => format!("  fn {}", member.sig.ident),
                            syn::ImplItem::Type(member) => format!("  type {}", member.ident),
                            _ => "  other".to_owned(),
                        });
                    }
                }
                syn::Item::Enum(item) => lines.push(format!("enum {}", item.ident)),
                syn::Item::Struct(item) => lines.push(format!("struct {}", item.ident)),
                syn::Item::Static(item) => lines.push(format!("static {}", item.ident)),
                _ => lines.push("other".to_owned()),
            }
        }
        lines
    }

    fn text(catalog: &Catalog) -> String {
        emit(catalog).to_string()
    }

    /// String codes get every item and method integer codes get, retired variants, former
    /// names and retry hints included; only the code's type differs.
    #[test]
    fn string_codes_get_every_part_integer_codes_get() {
        // The code's type is named in the conversions, and the serde visitor reads it with a
        // method of its own (`visit_str`; `visit_i64` and `visit_u64`).
        // Integer codes alone are read from narrower integers and can fail to parse.
        let integer_only = ["From < i32 >", "From < u32 >", "ParseErrorCodeError"];
        let same_parts = |file: &syn::File| -> Vec<String> {
            let mut skipping = false;
            outline(file)
                .into_iter()
                .filter(|line| {
                    if !line.starts_with("  ") {
                        skipping = integer_only.iter().any(|part| line.contains(part));
                    }
                    !skipping && !line.starts_with("  fn visit_")
                })
                .map(|line| {
                    line.replace(":: std :: string :: String", "CODE").replace("& str", "CODE").replace("i64", "CODE")
                })
                .collect()
        };
        let (integer, string) = (parse(&integer_catalog()), parse(&string_catalog()));
        assert_eq!(same_parts(&string), same_parts(&integer));
        let string_outline = outline(&string);
        let outline = outline(&integer);
        for part in integer_only {
            assert!(outline.iter().any(|line| line.contains(part)), "{part} in {outline:#?}");
            assert!(!string_outline.iter().any(|line| line.contains(part)), "{part} in {string_outline:#?}");
        }
        let expected = ["  const ALL", "  const RETIRED", "  const NotFound", "  fn is_retryable", "  fn kind"];
        for expected in expected.into_iter().chain(["  fn http_status", "  fn solution", "  fn message"]) {
            assert!(outline.iter().any(|line| line == expected), "{expected} in {outline:#?}");
        }
        // Without classes, both lose the same parts: `ErrorKind`, `kind` and HTTP.
        let without_classes = |mut catalog: Catalog| {
            catalog.classes.clear();
            for entry in &mut catalog.entries {
                (entry.class, entry.http_status) = (None, None);
            }
            parse(&catalog)
        };
        let (integer, string) = (without_classes(integer_catalog()), without_classes(string_catalog()));
        assert_eq!(same_parts(&string), same_parts(&integer));
        let outline = self::outline(&integer);
        for absent in ["enum ErrorKind", "  fn kind", "  fn http_status", "  fn status_code"] {
            assert!(!outline.iter().any(|line| line == absent), "{absent} in {outline:#?}");
        }
        assert!(outline.iter().any(|line| line == "  fn solution"), "{outline:#?}");
    }

    #[test]
    fn string_codes_keep_the_overlays_facts() {
        let text = text(&string_catalog());
        let expected = [
            "# [deprecated (note = \"No longer documented\")] Gone",
            "pub const RETIRED : & 'static [ErrorCode] = & [ErrorCode :: Gone]",
            "pub const ALL : & 'static [ErrorCode] = & [ErrorCode :: Throttled , ErrorCode :: Missing]",
            "pub const NotFound : ErrorCode = ErrorCode :: Missing",
            "Row { code : \"LimitExceeded\" , name : \"Throttled\" , kind : ErrorKind :: Request , \
             retryable : true , description : \"The Throttled error\" , solution : \"Wait 1s\" , message : \"\" , }",
            "# [doc = \" *Solution:* Wait `1s`\"] Throttled",
            "pub fn solution (& self) -> :: core :: option :: Option < & 'static str >",
            "Row { code : \"OperationDenied.Gone\" , name : \"Gone\" , \
             kind : ErrorKind :: Service , retryable : false",
            "code : & 'static str",
            "pub fn from_code (code : & str) -> ErrorCode",
            "type Err = :: core :: convert :: Infallible",
            "# [derive (Clone , Debug , PartialEq , Eq , Hash , PartialOrd , Ord)] \
             pub struct UnknownCode (:: std :: boxed :: Box < str >)",
            "# [derive (Clone , PartialEq , Eq , Hash , PartialOrd , Ord)] pub enum ErrorCode",
            "serializer . serialize_str (self . code ())",
            "impl :: core :: convert :: From < & str > for ErrorCode",
        ];
        for expected in expected {
            assert!(text.contains(expected), "{expected}\nnot in\n{text}");
        }
    }

    #[test]
    fn integer_codes_are_written_in_plain_decimal() {
        let text = text(&integer_catalog());
        for expected in [
            "Row { code : - 7 , name : \"Throttled\"",
            "Row { code : 9004 , name : \"Gone\"",
            "match code { - 7 => ErrorCode :: Throttled , 9004 => ErrorCode :: Gone , 9005 => ErrorCode :: Missing , \
             _ => ErrorCode :: Unknown (UnknownCode (code)) , }",
            "# [derive (Clone , Copy , PartialEq , Eq , Hash , PartialOrd , Ord)] pub enum ErrorCode",
            "pub const fn from_code (code : i64) -> ErrorCode",
            "impl :: core :: convert :: From < i32 > for ErrorCode",
            "type Err = ParseErrorCodeError",
            "serializer . serialize_i64 (self . code ())",
        ] {
            assert!(text.contains(expected), "{expected}\nnot in\n{text}");
        }
        let extremes = catalog([i64::MIN, 0, i64::MAX].map(CodeKey::Int));
        let text = self::text(&extremes);
        assert!(text.contains("code : - 9223372036854775808 ,"), "{text}");
        assert!(text.contains("code : 9223372036854775807 ,"), "{text}");
    }

    /// Up to `MATCH_LIMIT` codes, `from_code` is a `match`; beyond, a binary search of the
    /// rows (a loop a `const fn` may run), which `VARIANTS` turns into a variant. `VARIANTS` is there only when something
    /// reads it.
    #[test]
    fn from_code_matches_small_catalogues_and_searches_large_ones() {
        let small = text(&integer_catalog());
        assert!(!small.contains("binary_search") && !small.contains("VARIANTS"), "{small}");

        let mut large = integer_catalog();
        let template = large.entries[2].clone();
        large.entries = (0..=MATCH_LIMIT as i64)
            .map(|code| Entry {
                code: CodeKey::Int(code),
                variant: format!("E{code}"),
                former_variants: Vec::new(),
                ..template.clone()
            })
            .collect();
        let large = text(&large);
        for expected in [
            "while size > 1 { let half = size / 2 ; \
             base += half & ((ROWS [base + half] . code as i128 - above) >> 127) as usize ; size -= half ; }",
            "if ROWS [base] . code == code { VARIANTS [base] } else { ErrorCode :: Unknown (UnknownCode (code)) }",
            "static VARIANTS : [ErrorCode ; 1001] = [ErrorCode :: E0 , ErrorCode :: E1 ,",
            "pub const ALL : & 'static [ErrorCode] = & VARIANTS ;",
        ] {
            assert!(large.contains(expected), "{expected}");
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
}
