//! The specs `gen` and `report` work on, and the generator run over them.
//!
//! A spec is a doc `spec/NAME.md` with its overlay `spec/NAME.toml`; its module is
//! `generated/src/NAME.rs` (with `-` made `_`), one enum per doc, which
//! `generated/src/lib.rs` declares by hand (see [`crate::layout`]). A few fixtures more make
//! modules the generated crate's tests compile ([`TEST_MODULES`]).

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
    /// The Rust module the doc becomes in the generated crate; `None` for a test module,
    /// which is a test's module, not the crate's.
    pub(crate) module: Option<String>,
    pub(crate) doc: String,
    pub(crate) overlay: String,
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
    let mut stems = Vec::new();
    for entry in fs::read_dir(&dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        if path.extension().is_some_and(|ext| ext == "md")
            && let Some(stem) = path.file_stem().and_then(|stem| stem.to_str())
        {
            stems.push(stem.to_owned());
        }
    }
    if stems.is_empty() {
        return Err(Error::NoSpecs { dir: "spec/".to_owned() });
    }
    stems.sort();
    let mut problems = Vec::new();
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
        specs.push(Spec {
            doc: format!("spec/{stem}.md"),
            overlay: format!("spec/{stem}.toml"),
            rust: format!("generated/src/{module}.rs"),
            catalogue: Some(format!("generated/src/{module}.md")),
            module: Some(module),
            stem,
        });
    }
    for test_module in TEST_MODULES {
        let [doc, overlay, rust] = test_module.map(str::to_owned);
        specs.push(Spec { stem: String::new(), module: None, doc, overlay, rust, catalogue: None });
    }
    Ok((specs, problems))
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
        // The root doc's enum is re-exported at the crate's root; any other is in its module.
        let module = spec.module.as_deref().filter(|_| spec.stem != layout::ROOT_DOC);
        match (errtab_codegen::Config { doc: &doc, overlay: &overlay, module }).generate() {
            Ok(output) => generated.push(Generated { spec, doc, overlay, output }),
            Err(diagnostics) => invalid.push(InvalidSpec { doc, overlay, diagnostics }),
        }
    }
    Ok((generated, invalid))
}
