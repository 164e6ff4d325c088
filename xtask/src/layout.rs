//! How the generated crate holds its modules: one per doc in `spec/`, declared by hand in
//! `generated/src/lib.rs`. A page of sections (`[doc.sections]`) is a block `pub mod NAME { .. }`
//! there declaring a module per section, whose files are `generated/src/NAME/SECTION.rs`.
//!
//! `gen` writes `generated/src/MODULE.rs` for each doc but never edits `lib.rs`, which stays
//! the crate's hand-written front page. These checks catch what would otherwise go wrong
//! quietly or far from its cause: a doc whose module nobody declares (an orphan file the
//! compiler never sees), a module `cargo fmt` would reformat, a doc whose name is no Rust
//! identifier, and a generated file whose doc is gone. Each problem is one line saying which
//! file, what is missing and the text to add.

use std::fs;
use std::path::Path;

use crate::error::Error;
use crate::files::{read_if_exists, read_text};
use crate::specs::Spec;

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

/// A `mod NAME;` or `mod NAME { ... }` item of `lib.rs`.
#[derive(Debug, PartialEq, Eq)]
pub struct Declared {
    /// The module's path from the crate's root (`dingtalk`, `exchange::spot`).
    pub name: String,
    /// Whether it carries `#[rustfmt::skip]`.
    pub rustfmt_skip: bool,
    /// Whether it is a block (`mod NAME { ... }`), not a file.
    pub block: bool,
}

/// The modules `lib.rs` declares, with those declared inside its blocks (`mod exchange { mod
/// spot; }` is `exchange` and `exchange::spot`). Fails with syn's message if the file is not
/// Rust.
pub fn declared_modules(lib_rs: &str) -> Result<Vec<Declared>, String> {
    let file = syn::parse_file(lib_rs).map_err(|error| format!("{LIB_RS} is not valid Rust: {error}"))?;
    let mut declared = Vec::new();
    collect_modules(&file.items, "", &mut declared);
    Ok(declared)
}

fn collect_modules(items: &[syn::Item], prefix: &str, declared: &mut Vec<Declared>) {
    for item in items {
        let syn::Item::Mod(module) = item else { continue };
        let name = format!("{prefix}{}", module.ident);
        let rustfmt_skip = module.attrs.iter().any(|attr| {
            let segments: Vec<String> = attr.path().segments.iter().map(|segment| segment.ident.to_string()).collect();
            segments == ["rustfmt", "skip"]
        });
        declared.push(Declared { name: name.clone(), rustfmt_skip, block: module.content.is_some() });
        if let Some((_, items)) = &module.content {
            collect_modules(items, &format!("{name}::"), declared);
        }
    }
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

/// The line declaring a section's module inside its page's block: `#[doc = ...]
/// #[rustfmt::skip] pub mod SECTION;`, its catalogue included from `PAGE/SECTION.md`.
fn section_declaration(page: &str, section: &str) -> String {
    format!("#[doc = include_str!(\"{page}/{section}.md\")] #[rustfmt::skip] pub mod {section};")
}

/// What `lib.rs` lacks for the docs' modules: `(stem, module)` for each doc in `spec/`, the
/// module a path `PAGE::SECTION` for each section of a page of sections.
pub fn missing_declarations(declared: &[Declared], docs: &[(String, String)]) -> Vec<String> {
    let find = |name: &str| declared.iter().find(|declared| declared.name == name);
    let mut problems = Vec::new();
    for (index, (stem, module)) in docs.iter().enumerate() {
        let (page, section) = match module.split_once("::") {
            Some((page, section)) => (page, Some(section)),
            None => (module.as_str(), None),
        };
        let line = |declared: &str| format!("{LIB_RS} {declared}, generated from spec/{stem}.md");
        match (find(module), section) {
            (None, None) => problems.push(format!(
                "{}: add {}",
                line(&format!("does not declare module `{module}`")),
                declaration(stem, module)
            )),
            (None, Some(section)) if find(page).is_some_and(|parent| parent.block) => problems.push(format!(
                "{}: add `{}` inside `pub mod {page} {{ ... }}`",
                line(&format!("does not declare module `{module}`")),
                section_declaration(page, section)
            )),
            // The page's block is missing (or is a file): one line for all its sections.
            (None, Some(_)) if docs[..index].iter().any(|(other, _)| other == stem) => {}
            (None, Some(_)) => {
                let sections: Vec<String> = docs
                    .iter()
                    .filter(|(other, _)| other == stem)
                    .filter_map(|(_, module)| Some(section_declaration(page, module.split_once("::")?.1)))
                    .collect();
                let block = format!(
                    "`#[doc = \"The error codes of spec/{stem}.md, a module per section of the page.\"] pub mod {page} {{ {} }}`",
                    sections.join(" ")
                );
                problems.push(match find(page) {
                    Some(_) => format!(
                        "{} declares `mod {page};` as a file, and spec/{stem}.md makes a module per section: \
                         replace it with {block}",
                        LIB_RS
                    ),
                    None => format!(
                        "{}: add {block}",
                        line(&format!("does not declare module `{page}`, whose sections are modules"))
                    ),
                });
            }
            (Some(declared), _) if !declared.rustfmt_skip => problems.push(format!(
                "{LIB_RS} declares module `{module}` without `#[rustfmt::skip]`: add it on the line above \
                 `mod {};` (the module is generated, and `cargo fmt` would rewrite it)",
                section.unwrap_or(module)
            )),
            (Some(_), _) => {}
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

/// What is wrong with how `generated/` holds the docs' modules, one line per problem: a
/// module `lib.rs` does not declare (or declares without `#[rustfmt::skip]`), an output that
/// would overwrite a hand-written file, and a generated file whose doc is gone.
pub(crate) fn check(root: &Path, specs: &[Spec]) -> Result<Vec<String>, Error> {
    let lib_rs = read_text(root, LIB_RS)?;
    let declared = match declared_modules(&lib_rs) {
        Ok(declared) => declared,
        Err(problem) => return Ok(vec![problem]),
    };
    let docs: Vec<(String, String)> =
        specs.iter().filter_map(|spec| Some((spec.stem.clone(), spec.module.clone()?))).collect();
    let mut problems = missing_declarations(&declared, &docs);
    for spec in specs.iter().filter(|spec| spec.module.is_some()) {
        for output in [Some(&spec.rust), spec.catalogue.as_ref()].into_iter().flatten() {
            if let Some(text) = read_if_exists(root, output)?
                && !is_generated(&text)
            {
                problems.push(format!(
                    "{output} has no `@generated` header, so {} may not replace it: if the file is written by \
                     hand, rename {} and {}; if it is a damaged generated file, delete it",
                    spec.doc, spec.doc, spec.overlay
                ));
            }
        }
    }
    for orphan in orphans(root, specs)? {
        // A file in a page's directory whose page is still in spec/ is a section gone from its overlay.
        let page = orphan.strip_prefix("generated/src/").and_then(|path| path.split_once('/')).map(|(page, _)| page);
        let overlay = page.and_then(|page| {
            specs
                .iter()
                .find(|spec| spec.module.as_deref().and_then(|m| m.split_once("::")).is_some_and(|(p, _)| p == page))
        });
        problems.push(match overlay {
            Some(spec) => format!(
                "{orphan} was generated from a section no longer in {}'s `[doc.sections]`: if the section's module \
                 is to go (a breaking change), delete {orphan} and its `mod` line in {LIB_RS}; otherwise restore \
                 the section",
                spec.overlay
            ),
            None => format!(
                "{orphan} was generated from a doc no longer in spec/: if the doc's module is to go (a breaking \
                 change), delete {orphan} and its `mod` line in {LIB_RS}; otherwise restore the doc"
            ),
        });
    }
    Ok(problems)
}

/// The generated files in `generated/src/` and its directories (a page's sections) that no
/// spec makes any more, sorted.
fn orphans(root: &Path, specs: &[Spec]) -> Result<Vec<String>, Error> {
    let outputs: Vec<&String> =
        specs.iter().flat_map(|spec| [Some(&spec.rust), spec.catalogue.as_ref()]).flatten().collect();
    let mut orphans = Vec::new();
    let mut dirs = vec!["generated/src".to_owned()];
    while let Some(dir) = dirs.pop() {
        let io_error = |error| Error::Io { path: format!("{dir}/"), action: "list", error };
        for entry in fs::read_dir(root.join(&dir)).map_err(io_error)? {
            let path = entry.map_err(io_error)?.path();
            let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
            let display = format!("{dir}/{name}");
            if path.is_dir() {
                dirs.push(display);
                continue;
            }
            if !(name.ends_with(".rs") || name.ends_with(".md")) || outputs.contains(&&display) {
                continue;
            }
            if let Some(text) = read_if_exists(root, &display)?
                && is_generated(&text)
            {
                orphans.push(display);
            }
        }
    }
    orphans.sort();
    Ok(orphans)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::flags::Mode;
    use crate::generate::run;
    use crate::scratch::{DOCS, LIB_RS_OF_DOCS, LIB_RS_OF_SECTIONS, Scratch};

    fn layout_problems(error: Error) -> Vec<String> {
        match error {
            Error::Invalid { specs, layout } if specs.is_empty() => layout,
            other => panic!("expected layout problems only, got {other}"),
        }
    }

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
                      pub mod plain;\nmod inline {}\n// mod commented;\n\
                      /// Sections.\npub mod page {\n    #[rustfmt::skip]\n    pub mod one;\n    mod two;\n}\n";
        let declared = declared_modules(lib_rs).unwrap();
        let names: Vec<(&str, bool, bool)> =
            declared.iter().map(|d| (d.name.as_str(), d.rustfmt_skip, d.block)).collect();
        assert_eq!(
            names,
            [
                ("body", false, false),
                ("error_codes", true, false),
                ("other", true, false),
                ("plain", false, false),
                ("inline", false, true),
                ("page", false, true),
                ("page::one", true, false),
                ("page::two", false, false),
            ]
        );
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

    #[test]
    fn a_module_lib_rs_does_not_declare_is_one_line_with_the_line_to_add() {
        let scratch = Scratch::with_docs("undeclared");
        let lib_rs = LIB_RS_OF_DOCS
            .replace("#[doc = include_str!(\"iam_api.md\")]\n#[rustfmt::skip]\npub mod iam_api;\n", "")
            .replace("#[rustfmt::skip]\npub mod dingtalk;", "pub mod dingtalk;");
        scratch.write(LIB_RS, lib_rs.as_bytes());
        let before = scratch.generated();
        for mode in [Mode::Write, Mode::Check] {
            let error = run(&scratch.root, mode).unwrap_err();
            assert_eq!(
                error.to_string(),
                "error: generated/src/lib.rs declares module `dingtalk` without `#[rustfmt::skip]`: add it on the \
                 line above `mod dingtalk;` (the module is generated, and `cargo fmt` would rewrite it)\n\
                 error: generated/src/lib.rs does not declare module `iam_api`, generated from spec/iam-api.md: add \
                 `#[doc = include_str!(\"iam_api.md\")] #[rustfmt::skip] pub mod iam_api;`\n\
                 \n\
                 error: could not generate: 2 problems found; nothing was written\n"
            );
            assert_eq!(scratch.generated(), before, "{mode:?} wrote nothing");
        }
    }

    #[test]
    fn a_doc_named_like_a_hand_written_file_does_not_replace_it() {
        let scratch = Scratch::with_docs("hand-written");
        scratch.write("generated/src/body.rs", b"//! Hand-written.\n");
        scratch.write("spec/body.md", DOCS[2].1.as_bytes());
        scratch.write("spec/body.toml", DOCS[3].1.as_bytes());
        let lib_rs = format!("{LIB_RS_OF_DOCS}#[rustfmt::skip]\npub mod body;\n");
        scratch.write(LIB_RS, lib_rs.as_bytes());
        let before = scratch.generated();
        let problems = layout_problems(run(&scratch.root, Mode::Write).unwrap_err());
        assert_eq!(
            problems,
            ["generated/src/body.rs has no `@generated` header, so spec/body.md may not replace it: if the file is \
              written by hand, rename spec/body.md and spec/body.toml; if it is a damaged generated file, delete it"]
        );
        assert_eq!(scratch.generated(), before);
    }

    #[test]
    fn a_generated_file_whose_doc_is_gone_is_reported() {
        let scratch = Scratch::with_docs("orphan");
        run(&scratch.root, Mode::Write).unwrap();
        fs::remove_file(scratch.root.join("spec/dingtalk.md")).unwrap();
        fs::remove_file(scratch.root.join("spec/dingtalk.toml")).unwrap();
        let problems = layout_problems(run(&scratch.root, Mode::Check).unwrap_err());
        let orphan = |file: &str| {
            format!(
                "{file} was generated from a doc no longer in spec/: if the doc's module is to go (a breaking \
                 change), delete {file} and its `mod` line in generated/src/lib.rs; otherwise restore the doc"
            )
        };
        assert_eq!(problems, [orphan("generated/src/dingtalk.md"), orphan("generated/src/dingtalk.rs")]);
    }

    #[test]
    fn docs_whose_names_make_no_module_or_the_same_one_are_refused() {
        let scratch = Scratch::with_docs("names");
        for stem in ["2fa", "dingtalk_", "iam_api"] {
            scratch.write(&format!("spec/{stem}.md"), DOCS[2].1.as_bytes());
            scratch.write(&format!("spec/{stem}.toml"), DOCS[3].1.as_bytes());
        }
        let problems = layout_problems(run(&scratch.root, Mode::Check).unwrap_err());
        assert_eq!(
            problems,
            [
                "spec/2fa.md: `2fa` is not a Rust module name: rename spec/2fa.md and spec/2fa.toml to ASCII \
                 letters, digits, `-` and `_`, starting with a letter",
                "spec/iam_api.md and spec/iam-api.md would both be module `iam_api`: rename one of them (and its \
                 overlay)",
                "generated/src/lib.rs does not declare module `dingtalk_`, generated from spec/dingtalk_.md: add \
                 `#[doc = include_str!(\"dingtalk_.md\")] #[rustfmt::skip] pub mod dingtalk_;`",
            ]
        );
    }

    /// A page of sections: a section's module missing from the page's block, or without
    /// `#[rustfmt::skip]`, is a line each with the line to add; the page's block missing (or
    /// the page declared as a file, as it was before it had sections) is one line with the
    /// whole block. Each block given compiles as it is (checked by hand with `cargo build`).
    #[test]
    fn a_section_module_lib_rs_does_not_declare_is_one_line_with_the_line_to_add() {
        let scratch = Scratch::with_sections("undeclared-section");
        let spot = "    #[doc = include_str!(\"exchange/spot.md\")]\n    #[rustfmt::skip]\n    pub mod spot;\n";
        assert!(LIB_RS_OF_SECTIONS.contains(spot));
        let without_spot = LIB_RS_OF_SECTIONS.replace(spot, "");
        let unskipped = LIB_RS_OF_SECTIONS.replace(spot, &spot.replace("    #[rustfmt::skip]\n", ""));
        let block = "`#[doc = \"The error codes of spec/exchange.md, a module per section of the page.\"] pub mod \
                     exchange { #[doc = include_str!(\"exchange/spot.md\")] #[rustfmt::skip] pub mod spot; \
                     #[doc = include_str!(\"exchange/partner_sdk.md\")] #[rustfmt::skip] pub mod partner_sdk; }`";
        let cases = [
            (
                without_spot,
                "generated/src/lib.rs does not declare module `exchange::spot`, generated from spec/exchange.md: add \
                 `#[doc = include_str!(\"exchange/spot.md\")] #[rustfmt::skip] pub mod spot;` inside `pub mod \
                 exchange { ... }`"
                    .to_owned(),
            ),
            (
                unskipped,
                "generated/src/lib.rs declares module `exchange::spot` without `#[rustfmt::skip]`: add it on the line \
                 above `mod spot;` (the module is generated, and `cargo fmt` would rewrite it)"
                    .to_owned(),
            ),
            (
                String::new(),
                format!(
                    "generated/src/lib.rs does not declare module `exchange`, whose sections are modules, generated \
                     from spec/exchange.md: add {block}"
                ),
            ),
            (
                "#[doc = include_str!(\"exchange.md\")]\n#[rustfmt::skip]\npub mod exchange;\n".to_owned(),
                format!(
                    "generated/src/lib.rs declares `mod exchange;` as a file, and spec/exchange.md makes a module per \
                     section: replace it with {block}"
                ),
            ),
        ];
        for (declaration, problem) in cases {
            scratch.write(LIB_RS, format!("{LIB_RS_OF_DOCS}{declaration}").as_bytes());
            let before = scratch.generated();
            for mode in [Mode::Write, Mode::Check] {
                assert_eq!(layout_problems(run(&scratch.root, mode).unwrap_err()), [problem.as_str()]);
                assert_eq!(scratch.generated(), before, "{mode:?} wrote nothing");
            }
        }
        scratch.write(LIB_RS, format!("{LIB_RS_OF_DOCS}{LIB_RS_OF_SECTIONS}").as_bytes());
        run(&scratch.root, Mode::Write).unwrap();
    }

    /// A section dropped from the overlay leaves its files behind, which are named.
    #[test]
    fn the_files_of_a_section_gone_from_the_overlay_are_reported() {
        let scratch = Scratch::with_sections("section-gone");
        run(&scratch.root, Mode::Write).unwrap();
        let overlay = scratch.read("spec/exchange.toml");
        let overlay = overlay.replace("spot = \"Spot\"\n", "").replace("retryable = [1002]\n", "");
        scratch.write("spec/exchange.toml", overlay.as_bytes());
        let lib_rs = scratch.read(LIB_RS);
        let spot = "    #[doc = include_str!(\"exchange/spot.md\")]\n    #[rustfmt::skip]\n    pub mod spot;\n";
        scratch.write(LIB_RS, lib_rs.replace(spot, "").as_bytes());
        let problems = layout_problems(run(&scratch.root, Mode::Check).unwrap_err());
        let orphan = |file: &str| {
            format!(
                "{file} was generated from a section no longer in spec/exchange.toml's `[doc.sections]`: if the \
                 section's module is to go (a breaking change), delete {file} and its `mod` line in \
                 generated/src/lib.rs; otherwise restore the section"
            )
        };
        assert_eq!(problems, [orphan("generated/src/exchange/spot.md"), orphan("generated/src/exchange/spot.rs")]);
    }
}
