//! What must hold for any input the generator is given, whatever it makes of it. Shared by
//! the property tests (`tests/properties.rs`) and the fuzz target (`fuzz/`), which include
//! this file by path.
//!
//! Either the inputs get diagnostics that point inside them and render without a panic, or
//! they get Rust that parses, whose tables say exactly what the catalog says, and whose
//! descriptions hold no character that could hide what they say.

use errtab_codegen::diagnostic::{Colour, render};
use errtab_codegen::model::CodeKey;
use errtab_codegen::{Diagnostic, Output, SourceFile};

/// Runs the whole pipeline on a doc and an overlay and checks every invariant, panicking
/// with an explanation if one fails. Returns what the generator returned.
pub fn generate_and_check(doc: &SourceFile, overlay: &SourceFile) -> Result<Output, Vec<Diagnostic>> {
    let result = errtab_codegen::Config::new(doc, overlay).generate();
    match &result {
        Ok(output) => {
            check_output(output);
            check_descriptions_come_from_the_doc(output, doc);
        }
        Err(diagnostics) => check_diagnostics(diagnostics, &[doc, overlay]),
    }
    result
}

/// Diagnostics exist, point inside the file they name, and render.
pub fn check_diagnostics(diagnostics: &[Diagnostic], sources: &[&SourceFile]) {
    assert!(!diagnostics.is_empty(), "a failed run reports at least one problem");
    for diagnostic in diagnostics {
        let file = sources.iter().find(|file| file.path == diagnostic.path);
        let file = file.unwrap_or_else(|| panic!("diagnostic about an unknown file: {diagnostic:?}"));
        check_span(file, &diagnostic.span, diagnostic);
        for label in &diagnostic.labels {
            let file = sources.iter().find(|file| file.path == label.path).expect("a label in a known file");
            check_span(file, &label.span, diagnostic);
        }
        assert!(!diagnostic.message.is_empty(), "{diagnostic:?}");
        assert!(
            !diagnostic.message.starts_with("the emitter produced invalid Rust"),
            "a generator bug: {diagnostic:?}"
        );
        assert!(diagnostic.help.as_ref().is_some_and(|help| !help.is_empty()), "no help: {diagnostic:?}");
    }
    let text = render(diagnostics, sources, Colour::Plain);
    let titles = text.lines().filter(|line| line.starts_with("error: ")).count();
    assert_eq!(titles, diagnostics.len(), "one `error:` line per diagnostic:\n{text}");
    assert!(!text.contains('\u{1b}'), "plain output has no escape sequences: {text}");
}

fn check_span(file: &SourceFile, span: &std::ops::Range<usize>, diagnostic: &Diagnostic) {
    assert!(
        span.start <= span.end
            && span.end <= file.text.len()
            && file.text.is_char_boundary(span.start)
            && file.text.is_char_boundary(span.end),
        "span {span:?} is not a range of characters in {} ({} bytes): {diagnostic:?}",
        file.path,
        file.text.len()
    );
}

/// The generated file parses, and its table of rows and doc comments match the catalog.
pub fn check_output(output: &Output) {
    let file = syn::parse_file(&output.rust).unwrap_or_else(|error| panic!("{error}\n{}", output.rust));
    let entries = &output.catalog.entries;
    // The emitter writes one row per code, a struct literal whose fields include the code (in
    // plain decimal, or a string) and the description.
    let rows: Vec<&syn::ExprStruct> = match static_expr(&file, "ROWS") {
        syn::Expr::Array(array) => array
            .elems
            .iter()
            .map(|elem| match elem {
                syn::Expr::Struct(row) => row,
                _ => panic!("`ROWS` holds something other than struct literals"),
            })
            .collect(),
        _ => panic!("`ROWS` is not an array"),
    };
    let strings = |field: &str| -> Vec<String> {
        rows.iter()
            .map(|row| match row_field(row, field) {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) => lit.value(),
                _ => panic!("a {field} in `ROWS` is not a string literal"),
            })
            .collect()
    };
    let texts: Vec<&str> = entries.iter().map(|entry| entry.text.as_str()).collect();
    assert_eq!(strings("description"), texts, "the generated descriptions are the catalog's");
    // A fact is a field only when some code has it; empty for none.
    for (fact, declared) in output.catalog.facts.iter().filter(|&(fact, _)| output.catalog.has_fact(fact)) {
        let texts: Vec<&str> =
            entries.iter().map(|entry| entry.fact(fact).map_or("", |text| text.text.as_str())).collect();
        assert_eq!(strings(&declared.key), texts, "the generated {}s are the catalog's", declared.key);
    }
    let codes: Vec<CodeKey> = rows.iter().map(|row| row_code(row_field(row, "code"))).collect();
    assert_eq!(codes, entries.iter().map(|entry| entry.code.clone()).collect::<Vec<_>>());
    assert!(codes.windows(2).all(|pair| pair[0] < pair[1]), "codes ascend: {codes:?}");

    let variants = error_code_variants(&file);
    assert_eq!(variants.len(), entries.len() + 1, "one variant per code, and `Unknown`");
    for (variant, entry) in variants.iter().zip(entries) {
        assert_eq!(variant.ident, entry.variant.as_str());
        // The description's lines (a long one is broken at spaces), up to the blank line.
        let lines = doc_lines(&variant.attrs);
        let summary: String = lines.iter().take_while(|line| !line.is_empty()).map(String::as_str).collect();
        assert!(!lines.is_empty(), "each variant has a doc comment");
        for line in lines.iter().take_while(|line| !line.is_empty()).skip(1) {
            assert!(line[1..].starts_with(char::is_alphabetic), "a wrapped line starts a block: {line:?}");
        }
        assert_eq!(summary.trim_end_matches(' '), format!(" {}", entry.markdown).trim_end_matches(' '));
        assert!(!summary.trim_start().starts_with("```"), "a doc comment opens a code block: {summary:?}");
        assert!(!summary.trim_start().starts_with("~~~"), "a doc comment opens a code block: {summary:?}");
    }
    // The catalogue Markdown reads back as what it records, as the next run's change report
    // will read it.
    let recorded = errtab_codegen::catalogue::read(&output.markdown);
    assert_eq!(recorded.codes.len(), entries.len(), "one catalogue row per code:\n{}", output.markdown);
    for entry in entries {
        let row = &recorded.codes[&entry.code];
        assert_eq!(
            (row.variant.as_str(), row.http_status, row.description.as_str(), row.retryable, row.retired),
            (entry.variant.as_str(), entry.http_status, entry.text.as_str(), entry.retryable, entry.retired.is_some()),
            "code {} reads back otherwise from the catalogue",
            entry.code
        );
        let facts = output
            .catalog
            .facts
            .iter()
            .filter_map(|(fact, declared)| Some((declared.label.clone(), entry.fact(fact)?.text.clone())));
        assert_eq!(row.facts, facts.collect(), "{}", entry.code);
    }
    for entry in entries {
        assert!(!entry.text.is_empty(), "code {} has an empty description", entry.code);
        assert!(entry.text == entry.text.trim(), "code {}: untrimmed {:?}", entry.code, entry.text);
        for text in [&entry.text, &entry.markdown] {
            assert!(!text.chars().any(is_hidden), "code {}: hidden character in {text:?}", entry.code);
        }
    }
}

/// Each description's Markdown (but a retired code's, which the overlay gives) is a cell of
/// the doc as written, or the cells of a code's rows joined with `<br>`, but for the
/// backslash that keeps a leading code fence from opening a code block in the doc comment
/// and tabs made spaces.
fn check_descriptions_come_from_the_doc(output: &Output, doc: &SourceFile) {
    for entry in output.catalog.entries.iter().filter(|entry| entry.retired.is_none()) {
        let unescaped =
            entry.markdown.strip_prefix('\\').filter(|rest| rest.starts_with("```") || rest.starts_with("~~~"));
        for cell in unescaped.unwrap_or(&entry.markdown).split("<br>") {
            let found = doc.text.contains(cell) || doc.text.replace('\t', " ").contains(cell);
            assert!(found, "code {}: {cell:?} is not in the doc", entry.code);
        }
        assert!(!entry.markdown.contains('\t'), "code {}: a tab in a doc comment fails clippy", entry.code);
    }
}

/// Control characters (but tab) and text-direction controls: what no description may hold.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The expression a `static NAME` is set to, seen through a `&`.
fn static_expr<'f>(file: &'f syn::File, name: &str) -> &'f syn::Expr {
    let item = file.items.iter().find_map(|item| match item {
        syn::Item::Static(item) if item.ident == name => Some(item),
        _ => None,
    });
    match item.map(|item| &*item.expr) {
        Some(syn::Expr::Reference(reference)) => &reference.expr,
        Some(expr) => expr,
        None => panic!("no `static {name}` in the generated file"),
    }
}

/// The value of a field of a row of `ROWS`.
fn row_field<'r>(row: &'r syn::ExprStruct, name: &str) -> &'r syn::Expr {
    let field = row.fields.iter().find(|field| matches!(&field.member, syn::Member::Named(ident) if ident == name));
    &field.unwrap_or_else(|| panic!("a row of `ROWS` has no `{name}`")).expr
}

/// A code as a row writes it: a decimal integer, negated or not, or a string.
fn row_code(expr: &syn::Expr) -> CodeKey {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(lit), .. }) => {
            CodeKey::Int(lit.base10_parse().expect("a code fits i64"))
        }
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => match &**expr {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(lit), .. }) => {
                CodeKey::Int(format!("-{}", lit.base10_digits()).parse().expect("a code fits i64"))
            }
            _ => panic!("a negative code in `ROWS` is not a negated integer literal"),
        },
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) => CodeKey::Str(lit.value()),
        _ => panic!("a code in `ROWS` is neither an integer nor a string literal"),
    }
}

fn error_code_variants(file: &syn::File) -> Vec<&syn::Variant> {
    let item = file.items.iter().find_map(|item| match item {
        syn::Item::Enum(item) if item.ident == "ErrorCode" => Some(item),
        _ => None,
    });
    item.expect("an `ErrorCode` enum").variants.iter().collect()
}

fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(meta) if meta.path.is_ident("doc") => match &meta.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(lit), .. }) => Some(lit.value()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}
