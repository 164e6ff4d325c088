//! The specs `gen` and `report` work on, and the generator run over them.
//!
//! A spec is a doc `spec/NAME.md` with its overlay `spec/NAME.toml`; its module is
//! `generated/src/NAME.rs` (with `-` made `_`), one enum per doc, which
//! `generated/src/lib.rs` declares by hand (see [`crate::layout`]). A page of several code
//! spaces, whose overlay names them in `[doc.sections]`, is a spec per section instead: module
//! `NAME::SECTION` in `generated/src/NAME/SECTION.rs`, each with its own catalogue. `spec/NAME.LANG.md` (`LANG` a
//! language tag: `en`, `ja`, `zh-Hant`) is a version of `NAME.md` in another language, not a doc
//! of its own. A few fixtures more make modules the generated crate's tests compile
//! ([`TEST_MODULES`]).

use std::fs;
use std::io;
use std::path::Path;

use errtab_codegen::SourceFile;

use crate::error::{Error, InvalidSpec};
use crate::files::read;
use crate::layout;

/// One doc, its overlay and the files made from them, as paths relative to the root.
pub(crate) struct Spec {
    /// The doc's file name without `.md`; empty for a test module.
    pub(crate) stem: String,
    /// The Rust module the doc becomes in the generated crate, as a path from the crate's
    /// root (`dingtalk`, `exchange::spot` for a section); `None` for a test module, which is a
    /// test's module, not the crate's.
    pub(crate) module: Option<String>,
    /// The section of the page this spec generates (`[doc.sections]`); `None` for a whole page.
    pub(crate) section: Option<String>,
    pub(crate) doc: String,
    pub(crate) overlay: String,
    /// The doc's versions in other languages, as (language tag, path), sorted by tag.
    pub(crate) versions: Vec<(String, String)>,
    /// The generated Rust file.
    pub(crate) rust: String,
    /// The generated catalogue: the crate's rustdoc table, and the record the next run's
    /// change report compares against. Test modules have none.
    pub(crate) catalogue: Option<String>,
}

/// Fixtures made into modules that tests compile and check, as `[doc, overlay, generated
/// Rust]`: the hostile fixture (every awkward description the generator accepts;
/// `generated/tests/hostile.rs`), a doc of string codes using every section of the overlay
/// (`tests/string_codes.rs`), and an SDK's callback table without HTTP, with solutions,
/// messages and ranges (`tests/sdk_callbacks.rs`); the last two are in the workspace's test
/// crate, since their tests read the fixtures.
pub(crate) const TEST_MODULES: [[&str; 3]; 3] = [HOSTILE, STRING_CODES, SDK_CALLBACKS];

/// The hostile fixture and the test module made from it.
pub(crate) const HOSTILE: [&str; 3] = [
    "codegen/tests/fixtures/good/hostile.md",
    "codegen/tests/fixtures/good/hostile.toml",
    "generated/tests/hostile/error_codes.rs",
];

/// The string-code fixture and the test module made from it.
pub(crate) const STRING_CODES: [&str; 3] = [
    "codegen/tests/fixtures/good/string-codes.md",
    "codegen/tests/fixtures/good/string-codes.toml",
    "tests/string_codes/error_codes.rs",
];

/// The SDK-callback fixture and the test module made from it.
pub(crate) const SDK_CALLBACKS: [&str; 3] = [
    "codegen/tests/fixtures/good/sdk-callbacks.md",
    "codegen/tests/fixtures/good/sdk-callbacks.toml",
    "tests/sdk_callbacks/error_codes.rs",
];

/// The specs in `spec/`, sorted by name (each `NAME.md` with `NAME.toml` beside it), then
/// the test modules; and a line for each doc whose name makes no module, or the same
/// module as another.
pub(crate) fn specs(root: &Path) -> Result<(Vec<Spec>, Vec<String>), Error> {
    let dir = root.join("spec");
    let io_error = |error| Error::Io { path: "spec/".to_owned(), action: "list", error };
    let (mut stems, mut versions) = (Vec::new(), Vec::new());
    for entry in fs::read_dir(&dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        if path.extension().is_some_and(|ext| ext == "md")
            && let Some(stem) = path.file_stem().and_then(|stem| stem.to_str())
        {
            match stem.rsplit_once('.').filter(|(_, lang)| errtab_codegen::translation::is_language_tag(lang)) {
                Some((stem, lang)) => versions.push((stem.to_owned(), lang.to_owned())),
                None => stems.push(stem.to_owned()),
            }
        }
    }
    if stems.is_empty() {
        return Err(Error::NoSpecs { dir: "spec/".to_owned() });
    }
    stems.sort();
    versions.sort();
    let mut problems: Vec<String> = versions
        .iter()
        .filter(|(stem, _)| !stems.contains(stem))
        .map(|(stem, lang)| {
            format!("spec/{stem}.{lang}.md is a version of spec/{stem}.md, which does not exist: add it, or rename the version")
        })
        .collect();
    let mut specs: Vec<Spec> = Vec::with_capacity(stems.len() + TEST_MODULES.len());
    for stem in stems {
        let module = match layout::module_name(&stem) {
            Ok(module) => module,
            Err(problem) => {
                problems.push(format!("spec/{stem}.md: {problem}"));
                continue;
            }
        };
        if let Some(other) = specs.iter().find(|spec| spec.module.as_ref() == Some(&module)) {
            problems.push(format!(
                "spec/{stem}.md and {} would both be module `{module}`: rename one of them (and its overlay)",
                other.doc
            ));
            continue;
        }
        let versions: Vec<(String, String)> = versions
            .iter()
            .filter(|(of, _)| *of == stem)
            .map(|(_, lang)| (lang.clone(), format!("spec/{stem}.{lang}.md")))
            .collect();
        let overlay = format!("spec/{stem}.toml");
        let sections = sections(root, &overlay)?;
        if sections.is_empty() {
            specs.push(Spec {
                versions,
                doc: format!("spec/{stem}.md"),
                overlay,
                rust: format!("generated/src/{module}.rs"),
                catalogue: Some(format!("generated/src/{module}.md")),
                module: Some(module),
                section: None,
                stem,
            });
            continue;
        }
        for section in sections {
            specs.push(Spec {
                stem: stem.clone(),
                doc: format!("spec/{stem}.md"),
                overlay: overlay.clone(),
                versions: versions.clone(),
                rust: format!("generated/src/{module}/{section}.rs"),
                catalogue: Some(format!("generated/src/{module}/{section}.md")),
                module: Some(format!("{module}::{section}")),
                section: Some(section),
            });
        }
    }
    for test_module in TEST_MODULES {
        let [doc, overlay, rust] = test_module.map(str::to_owned);
        specs.push(Spec {
            stem: String::new(),
            module: None,
            section: None,
            doc,
            overlay,
            rust,
            catalogue: None,
            versions: Vec::new(),
        });
    }
    Ok((specs, problems))
}

/// The sections an overlay's `[doc.sections]` names, in its order: none when the overlay
/// names none, or is missing or unreadable (which generating the doc reports).
fn sections(root: &Path, overlay: &str) -> Result<Vec<String>, Error> {
    let bytes = match read(root, overlay) {
        Ok(bytes) => bytes,
        Err(Error::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let overlay = SourceFile::from_bytes(overlay, bytes);
    let doc = SourceFile::from_bytes("", Vec::new());
    Ok(errtab_codegen::Config::new(&doc, &overlay).sections())
}

impl Spec {
    /// The spec as reports name it: its doc, and the section when it is one
    /// (`spec/exchange.md, section `spot``).
    pub(crate) fn title(&self) -> String {
        match &self.section {
            Some(section) => format!("{}, section `{section}`", self.doc),
            None => self.doc.clone(),
        }
    }
}

/// A spec the generator accepted, with its sources and what it made of them.
pub(crate) struct Generated {
    pub(crate) spec: Spec,
    pub(crate) doc: SourceFile,
    pub(crate) overlay: SourceFile,
    pub(crate) output: errtab_codegen::Output,
}

/// Reads every spec and runs the generator on it: the specs it accepted, and every
/// diagnostic of those it did not.
pub(crate) fn generate_specs(root: &Path, specs: Vec<Spec>) -> Result<(Vec<Generated>, Vec<InvalidSpec>), Error> {
    let mut generated = Vec::with_capacity(specs.len());
    let mut invalid = Vec::new();
    for spec in specs {
        let doc = SourceFile::from_bytes(&spec.doc, read(root, &spec.doc)?);
        let overlay = match read(root, &spec.overlay) {
            Err(Error::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => {
                return Err(Error::NoOverlay { doc: spec.doc, overlay: spec.overlay });
            }
            bytes => SourceFile::from_bytes(&spec.overlay, bytes?),
        };
        let mut versions = Vec::with_capacity(spec.versions.len());
        for (_, path) in &spec.versions {
            versions.push(SourceFile::from_bytes(path, read(root, path)?));
        }
        let translations: Vec<(&str, &SourceFile)> =
            spec.versions.iter().map(|(lang, _)| lang.as_str()).zip(&versions).collect();
        // The root doc's enum is re-exported at the crate's root; any other is in its module.
        let module = spec.module.as_deref().filter(|_| spec.stem != layout::ROOT_DOC || spec.section.is_some());
        let config = errtab_codegen::Config { doc: &doc, overlay: &overlay, module, translations: &translations };
        let output = match &spec.section {
            Some(section) => config.generate_section(section),
            None => config.generate(),
        };
        match output {
            Ok(output) => generated.push(Generated { spec, doc, overlay, output }),
            // The sections of a page share its overlay: a problem there is reported once.
            Err(diagnostics) => match invalid.last_mut() {
                Some(InvalidSpec { doc: last, diagnostics: reported, .. }) if last.path == doc.path => {
                    let new: Vec<_> = diagnostics.into_iter().filter(|d| !reported.contains(d)).collect();
                    reported.extend(new);
                }
                _ => invalid.push(InvalidSpec { doc, overlay, versions, diagnostics }),
            },
        }
    }
    Ok((generated, invalid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::Scratch;

    #[test]
    fn language_tags_are_told_from_other_suffixes() {
        for tag in ["en", "ja", "zh-Hant", "pt-BR", "yue"] {
            assert!(errtab_codegen::translation::is_language_tag(tag), "{tag}");
        }
        for other in ["", "e", "EN", "english", "en-", "en_US", "v2", "zh-Hant-x"] {
            assert!(!errtab_codegen::translation::is_language_tag(other), "{other}");
        }
    }

    #[test]
    fn a_version_in_another_language_belongs_to_its_doc() {
        let scratch = Scratch::new("versions");
        for path in ["spec/api.md", "spec/api.ja.md", "spec/api.en.md", "spec/api.toml", "spec/gone.zh-Hant.md"] {
            scratch.write(path, b"");
        }
        let (specs, problems) = specs(&scratch.root).unwrap();
        let api = specs.iter().find(|spec| spec.stem == "api").unwrap();
        let versions = [("en", "spec/api.en.md"), ("ja", "spec/api.ja.md")].map(|(l, p)| (l.to_owned(), p.to_owned()));
        assert_eq!(api.versions, versions);
        assert!(specs.iter().all(|spec| !spec.stem.contains('.')), "no version is a doc of its own");
        assert_eq!(
            problems,
            ["spec/gone.zh-Hant.md is a version of spec/gone.md, which does not exist: add it, or rename the version"]
        );
    }
}
