//! How the generated crate holds its modules: one per doc in `spec/`, declared by hand in
//! `generated/src/lib.rs`.
//!
//! `gen` writes `generated/src/MODULE.rs` for each doc but never edits `lib.rs`, which stays
//! the crate's hand-written front page. These checks catch what would otherwise go wrong
//! quietly or far from its cause: a doc whose module nobody declares (an orphan file the
//! compiler never sees), a module `cargo fmt` would reformat, a doc whose name is no Rust
//! identifier, and a generated file whose doc is gone. Each problem is one line saying which
//! file, what is missing and the text to add.

/// The doc whose enum the crate re-exports at its root (`tencent_meeting_errors::ErrorCode`).
/// Every other doc's enum lives in a public module named after the doc
/// (`spec/dingtalk.md` -> `tencent_meeting_errors::dingtalk::ErrorCode`).
pub const ROOT_DOC: &str = "error-codes";

/// The hand-written root of the generated crate, which declares every generated module.
pub const LIB_RS: &str = "generated/src/lib.rs";

/// The module a doc's stem becomes: `-` made `_`; it must be a Rust identifier that is not a
/// keyword and not the name of the crate root (`lib`) or of a binary (`main`).
pub fn module_name(stem: &str) -> Result<String, String> {
    let name = stem.replace('-', "_");
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !starts_well || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') || name == "_" {
        return Err(format!(
            "`{name}` is not a Rust module name: rename spec/{stem}.md and spec/{stem}.toml to ASCII letters, digits, \
             `-` and `_`, starting with a letter"
        ));
    }
    if KEYWORDS.contains(&name.as_str()) || name == "lib" || name == "main" {
        return Err(format!(
            "`{name}` cannot be a module of the generated crate: rename spec/{stem}.md and spec/{stem}.toml"
        ));
    }
    Ok(name)
}

/// Rust's strict and reserved keywords (2024 edition), none of which can name a module.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
    "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A `mod NAME;` item at the top level of `lib.rs`.
#[derive(Debug, PartialEq, Eq)]
pub struct Declared {
    /// The module's name.
    pub name: String,
    /// Whether it carries `#[rustfmt::skip]`.
    pub rustfmt_skip: bool,
}

/// The modules `lib.rs` declares with `mod NAME;` (inline `mod NAME { ... }` blocks are not
/// files, so they are left out). Fails with syn's message if the file is not Rust.
pub fn declared_modules(lib_rs: &str) -> Result<Vec<Declared>, String> {
    let file = syn::parse_file(lib_rs).map_err(|error| format!("{LIB_RS} is not valid Rust: {error}"))?;
    Ok(file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) if module.content.is_none() => Some(Declared {
                name: module.ident.to_string(),
                rustfmt_skip: module.attrs.iter().any(|attr| {
                    let segments: Vec<String> =
                        attr.path().segments.iter().map(|segment| segment.ident.to_string()).collect();
                    segments == ["rustfmt", "skip"]
                }),
            }),
            _ => None,
        })
        .collect())
}

/// The line `lib.rs` needs for a doc's module: the root doc's module is private and
/// re-exported; any other is public, documented by its catalogue.
pub fn declaration(stem: &str, module: &str) -> String {
    if stem == ROOT_DOC {
        format!(
            "`#[rustfmt::skip] mod {module};` and re-export its items at the crate root: \
             `pub use {module}::{{ErrorCode, ErrorKind, UnknownCode}};`"
        )
    } else {
        format!("`#[doc = include_str!(\"{module}.md\")] #[rustfmt::skip] pub mod {module};`")
    }
}

/// What `lib.rs` lacks for the docs' modules: `(stem, module)` for each doc in `spec/`.
pub fn missing_declarations(declared: &[Declared], docs: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (stem, module) in docs {
        match declared.iter().find(|declared| declared.name == *module) {
            None => problems.push(format!(
                "{LIB_RS} does not declare module `{module}`, generated from spec/{stem}.md: add {}",
                declaration(stem, module)
            )),
            Some(declared) if !declared.rustfmt_skip => problems.push(format!(
                "{LIB_RS} declares module `{module}` without `#[rustfmt::skip]`: add it on the line above \
                 `mod {module};` (the module is generated, and `cargo fmt` would rewrite it)"
            )),
            Some(_) => {}
        }
    }
    problems
}

/// Whether a file holds the header `gen` writes at the top of every file it makes. The header
/// may be further down: a file with a merge conflict is still a generated one, which `gen`
/// mends by writing it again.
pub fn is_generated(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches('\u{feff}');
        ["// @generated by `cargo xtask gen`", "<!-- @generated by `cargo xtask gen`"]
            .iter()
            .any(|header| line.starts_with(header))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_are_identifiers() {
        assert_eq!(module_name("error-codes"), Ok("error_codes".to_owned()));
        assert_eq!(module_name("dingtalk_v2"), Ok("dingtalk_v2".to_owned()));
        for stem in ["2fa", "qq.bot", "钉钉", "", "-", "lib", "type", "gen"] {
            let error = module_name(stem).unwrap_err();
            assert!(error.contains(&format!("rename spec/{stem}.md")), "{stem}: {error}");
        }
    }

    #[test]
    fn declared_modules_are_read_with_their_rustfmt_skip() {
        let lib_rs = "//! Docs.\n#![doc = include_str!(\"x.md\")]\nmod body;\n#[rustfmt::skip]\nmod error_codes;\n\
                      /// Other.\n#[doc = include_str!(\"other.md\")]\n#[rustfmt::skip]\npub mod other;\n\
                      pub mod plain;\nmod inline {}\n// mod commented;\n";
        let declared = declared_modules(lib_rs).unwrap();
        let names: Vec<(&str, bool)> = declared.iter().map(|d| (d.name.as_str(), d.rustfmt_skip)).collect();
        assert_eq!(names, [("body", false), ("error_codes", true), ("other", true), ("plain", false)]);
        assert!(declared_modules("mod broken").unwrap_err().starts_with("generated/src/lib.rs is not valid Rust: "));
    }

    #[test]
    fn each_missing_declaration_is_one_line_with_the_text_to_add() {
        let declared = declared_modules("#[rustfmt::skip]\nmod error_codes;\npub mod plain;\n").unwrap();
        let docs = [("error-codes", "error_codes"), ("plain", "plain"), ("other-api", "other_api")]
            .map(|(stem, module)| (stem.to_owned(), module.to_owned()));
        let problems = missing_declarations(&declared, &docs);
        assert_eq!(
            problems,
            [
                "generated/src/lib.rs declares module `plain` without `#[rustfmt::skip]`: add it on the line above \
                 `mod plain;` (the module is generated, and `cargo fmt` would rewrite it)",
                "generated/src/lib.rs does not declare module `other_api`, generated from spec/other-api.md: add \
                 `#[doc = include_str!(\"other_api.md\")] #[rustfmt::skip] pub mod other_api;`",
            ]
        );
        let root = missing_declarations(&[], &docs[..1]);
        assert_eq!(
            root,
            ["generated/src/lib.rs does not declare module `error_codes`, generated from spec/error-codes.md: add \
              `#[rustfmt::skip] mod error_codes;` and re-export its items at the crate root: \
              `pub use error_codes::{ErrorCode, ErrorKind, UnknownCode};`"]
        );
    }
}
