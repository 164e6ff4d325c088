//! `cargo xtask gen`: every spec in `spec/` through the generator into `generated/src/`.
//!
//! A spec is a doc `spec/NAME.md` with its overlay `spec/NAME.toml`; its module is
//! `generated/src/NAME.rs` (with `-` made `_`), one enum per doc, which
//! `generated/src/lib.rs` declares by hand (see [`crate::layout`]). One more spec, the hostile
//! fixture, makes `generated/tests/hostile/error_codes.rs`. Every output is computed before
//! any is written, and all are written before any is renamed into place, so a failure
//! anywhere leaves `generated/` untouched.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errtab_codegen::diagnostic::{self, Colour};
use errtab_codegen::{Diagnostic, SourceFile, report};

use crate::flags::Mode;
use crate::layout::{self, LIB_RS};

/// Runs `gen` and turns its outcome into output and an exit code; errors go to stderr,
/// coloured as `colour` says.
pub fn main(root: &Path, mode: Mode, colour: Colour) -> ExitCode {
    match run(root, mode) {
        Ok(report) => {
            print!("{report}");
            if report.is_stale() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Err(error) => {
            eprint!("{}", error.render(colour));
            ExitCode::FAILURE
        }
    }
}

/// What a run found and did: the change report of each doc, and what happened to each output.
#[derive(Debug)]
pub struct Report {
    mode: Mode,
    changes: Vec<String>,
    files: Vec<(String, Change)>,
    version: VersionCheck,
}

/// The crate's version against the least one its catalogues need.
#[derive(Debug)]
pub struct VersionCheck {
    package: String,
    version: String,
    needs: String,
}

impl VersionCheck {
    /// Whether the manifest's version is below what the catalogues need.
    fn is_behind(&self) -> bool {
        report::max_version(&self.version, &self.needs) != self.version
    }
}

/// What happened to one output file.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    /// It already held the right bytes.
    Unchanged,
    /// It was written.
    Written,
    /// It differs (check mode); the unified diff from what is there to what should be.
    Stale(String),
}

impl Report {
    /// Whether check mode found a file that differs, or a crate version below what the
    /// catalogues need.
    pub fn is_stale(&self) -> bool {
        self.files.iter().any(|(_, change)| matches!(change, Change::Stale(_)))
            || (self.mode == Mode::Check && self.version.is_behind())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for changes in &self.changes {
            write!(f, "{changes}")?;
        }
        let mut changed = false;
        for (path, change) in &self.files {
            match change {
                Change::Unchanged => {}
                Change::Written => writeln!(f, "updated {path}")?,
                Change::Stale(diff) => write!(f, "{path} is stale:\n{diff}")?,
            }
            changed |= *change != Change::Unchanged;
        }
        let VersionCheck { package, version, needs } = &self.version;
        match (changed, self.mode) {
            (false, _) => writeln!(f, "generated/ is up to date ({} file(s) checked)", self.files.len())?,
            (true, Mode::Check) => {
                writeln!(f, "error: generated/ is stale: run `cargo xtask gen` and commit the result")?
            }
            (true, Mode::Write) => {}
        }
        if !self.version.is_behind() {
            return Ok(());
        }
        let severity = if self.mode == Mode::Check { "error" } else { "next" };
        writeln!(
            f,
            "{severity}: the catalogue needs {package} {needs}, and {MANIFEST} says {version}: set `version = \"{needs}\"` \
             there and commit it with generated/ (`cargo xtask gen --check` fails until then)"
        )
    }
}

/// Why a run stopped before writing anything.
#[derive(Debug)]
pub enum Error {
    /// A file or directory could not be read, listed or written.
    Io { path: String, action: &'static str, error: io::Error },
    /// A git command (`cargo xtask report`) could not give what was asked of it.
    Git(String),
    /// `spec/` holds no doc.
    NoSpecs { dir: String },
    /// A doc has no overlay beside it.
    NoOverlay { doc: String, overlay: String },
    /// The specs or the crate's layout have problems: every one of them, the specs' with the
    /// files they point into, the layout's one line each.
    Invalid { specs: Vec<InvalidSpec>, layout: Vec<String> },
}

/// A spec that does not generate, and why.
#[derive(Debug)]
pub struct InvalidSpec {
    pub(crate) doc: SourceFile,
    pub(crate) overlay: SourceFile,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// The error as the user reads it: one line, or for invalid specs every diagnostic and
    /// a count.
    pub fn render(&self, colour: Colour) -> String {
        match self {
            Error::Io { path, action, error } => format!("error: cannot {action} {path}: {error}\n"),
            Error::Git(message) => format!("error: {message}\n"),
            Error::NoSpecs { dir } => format!("error: {dir} holds no `*.md` doc to generate from\n"),
            Error::NoOverlay { doc, overlay } => {
                format!("error: {doc} has no overlay: create {overlay} beside it (see README.md)\n")
            }
            Error::Invalid { specs, layout } => {
                let mut text = String::new();
                for spec in specs {
                    text.push_str(&diagnostic::render(&spec.diagnostics, &[&spec.doc, &spec.overlay], colour));
                    text.push('\n');
                }
                for problem in layout {
                    text.push_str(&format!("error: {problem}\n"));
                }
                if !layout.is_empty() {
                    text.push('\n');
                }
                let n: usize = specs.iter().map(|spec| spec.diagnostics.len()).sum::<usize>() + layout.len();
                let s = if n == 1 { "" } else { "s" };
                text.push_str(&format!("error: could not generate: {n} problem{s} found; nothing was written\n"));
                text
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Colour::Plain))
    }
}

/// One doc, its overlay and the files made from them, as paths relative to the root.
pub(crate) struct Spec {
    /// The doc's file name without `.md`; empty for the hostile fixture.
    pub(crate) stem: String,
    /// The Rust module the doc becomes in the generated crate; `None` for the hostile fixture,
    /// which is a test's module, not the crate's.
    pub(crate) module: Option<String>,
    pub(crate) doc: String,
    pub(crate) overlay: String,
    /// The generated Rust file.
    pub(crate) rust: String,
    /// The generated catalogue: the crate's rustdoc table, and the record the next run's
    /// change report compares against. The hostile fixture has none.
    pub(crate) catalogue: Option<String>,
}

/// Fixtures made into modules that tests compile and check, as `[doc, overlay, generated
/// Rust]`: the hostile fixture (every awkward description the generator accepts;
/// `generated/tests/hostile.rs`), a doc of string codes using every section of the overlay
/// (`tests/string_codes.rs`), and an SDK's callback table without HTTP, with solutions,
/// messages and ranges (`tests/sdk_callbacks.rs`); the last two are in the workspace's test
/// crate, since their tests read the fixtures.
const TEST_MODULES: [[&str; 3]; 3] = [HOSTILE, STRING_CODES, SDK_CALLBACKS];

/// The hostile fixture and the test module made from it.
const HOSTILE: [&str; 3] = [
    "codegen/tests/fixtures/good/hostile.md",
    "codegen/tests/fixtures/good/hostile.toml",
    "generated/tests/hostile/error_codes.rs",
];

/// The string-code fixture and the test module made from it.
const STRING_CODES: [&str; 3] = [
    "codegen/tests/fixtures/good/string-codes.md",
    "codegen/tests/fixtures/good/string-codes.toml",
    "tests/string_codes/error_codes.rs",
];

/// The SDK-callback fixture and the test module made from it.
const SDK_CALLBACKS: [&str; 3] = [
    "codegen/tests/fixtures/good/sdk-callbacks.md",
    "codegen/tests/fixtures/good/sdk-callbacks.toml",
    "tests/sdk_callbacks/error_codes.rs",
];

/// The generated crate's manifest, whose name and version the change report quotes.
pub(crate) const MANIFEST: &str = "generated/Cargo.toml";

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

/// The generated crate's name and version, from its manifest.
struct Package {
    name: String,
    version: String,
}

/// What one doc's catalogue says about the release: its changes against the committed
/// catalogue, the bump they need, and the least crate version the new catalogue records.
struct CatalogueUpdate {
    /// The change report, empty when nothing changed.
    report: String,
    bump: report::Bump,
    /// The catalogue to write, stamped with the least version it needs.
    markdown: String,
    needs: String,
}

/// What `generated/` holds of a doc before this run.
#[derive(Clone, Copy)]
enum Previous<'a> {
    /// Its committed catalogue.
    Catalogue(&'a str),
    /// Nothing, while other docs have catalogues: a module added to a released crate.
    NewModule,
    /// Nothing, and no other doc has a catalogue either: the crate's first generation.
    NewCrate,
}

/// Sets a doc's new catalogue against the committed one: the report, or the diagnostics of
/// changes that would break downstream code silently.
fn update_catalogue(
    generated: &Generated,
    previous: Previous<'_>,
    package: &Package,
) -> Result<CatalogueUpdate, Vec<Diagnostic>> {
    let Generated { spec, doc, overlay, output } = generated;
    let markdown = &output.catalogue;
    let version = package.version.as_str();
    let previous = match previous {
        Previous::Catalogue(previous) => previous,
        Previous::NewModule | Previous::NewCrate => {
            // A new module adds to a released crate without breaking it; a new crate is
            // released as it is.
            let bump = if matches!(previous, Previous::NewModule) { report::Bump::Minor } else { report::Bump::None };
            let count = output.catalog.entries.len();
            let needs = report::next_version(version, bump);
            let report = format!("{}: no catalogue in generated/ yet; generating all {count} codes\n", spec.doc);
            let markdown = report::stamp(markdown, &package.name, &needs);
            return Ok(CatalogueUpdate { report, bump, markdown, needs });
        }
    };
    let diff = report::compare(&report::read_catalogue(previous), &output.catalog);
    let broken = report::continuity(&diff, doc, overlay);
    if !broken.is_empty() {
        return Err(broken);
    }
    // What the committed catalogue already needed (nothing recorded: the crate as it is),
    // raised by what this change needs.
    let recorded = report::stamped_version(previous).unwrap_or(version);
    let needs = report::max_version(recorded, &report::next_version(version, diff.bump())).to_owned();
    let report = match diff.is_empty() {
        true => String::new(),
        false => format!("changes in {}:\n{}", spec.doc, diff.render(&package.name, version)),
    };
    let markdown = report::stamp(markdown, &package.name, &needs);
    Ok(CatalogueUpdate { report, bump: diff.bump(), markdown, needs })
}

/// Generates every spec and writes (or checks) the outputs.
pub fn run(root: &Path, mode: Mode) -> Result<Report, Error> {
    let (specs, mut problems) = specs(root)?;
    problems.extend(check_layout(root, &specs)?);
    let (name, version) = package_version(&read_text(root, MANIFEST)?);
    let package = Package { name, version };
    let (generated, mut invalid) = generate_specs(root, specs)?;
    let mut outputs = Vec::with_capacity(2 * generated.len());
    let (mut changes, mut bumps) = (Vec::new(), Vec::new());
    let mut needs = package.version.clone();
    let mut previous = Vec::with_capacity(generated.len());
    for generated in &generated {
        previous.push(match &generated.spec.catalogue {
            Some(catalogue) => read_if_exists(root, catalogue)?,
            None => None,
        });
    }
    let new_crate = previous.iter().all(Option::is_none);
    for (generated, previous) in generated.into_iter().zip(&previous) {
        let Some(catalogue) = &generated.spec.catalogue else {
            outputs.push((generated.spec.rust, generated.output.rust));
            continue;
        };
        let previous = match previous {
            Some(previous) => Previous::Catalogue(previous),
            None if new_crate => Previous::NewCrate,
            None => Previous::NewModule,
        };
        let update = match update_catalogue(&generated, previous, &package) {
            Ok(update) => update,
            Err(diagnostics) => {
                let Generated { doc, overlay, .. } = generated;
                invalid.push(InvalidSpec { doc, overlay, diagnostics });
                continue;
            }
        };
        if !update.report.is_empty() {
            changes.push(update.report);
        }
        if update.bump != report::Bump::None {
            bumps.push(update.bump);
        }
        needs = report::max_version(&needs, &update.needs).to_owned();
        outputs.push((generated.spec.rust, generated.output.rust));
        outputs.push((catalogue.clone(), update.markdown));
    }
    if !invalid.is_empty() || !problems.is_empty() {
        return Err(Error::Invalid { specs: invalid, layout: problems });
    }
    // Each doc's report gives the release its own changes need; the crate needs the largest.
    if let (2.., Some(&bump)) = (bumps.len(), bumps.iter().max()) {
        let next = report::next_version(&package.version, bump);
        changes.push(format!(
            "{} docs changed; the crate needs the largest of their releases: {} -> {next}\n",
            bumps.len(),
            package.version
        ));
    }
    let files = ensure_file_contents(root, &outputs, mode)?;
    let version = VersionCheck { package: package.name, version: package.version, needs };
    Ok(Report { mode, changes, files, version })
}

/// What is wrong with how `generated/` holds the docs' modules, one line per problem: a
/// module `lib.rs` does not declare (or declares without `#[rustfmt::skip]`), an output that
/// would overwrite a hand-written file, and a generated file whose doc is gone.
fn check_layout(root: &Path, specs: &[Spec]) -> Result<Vec<String>, Error> {
    let lib_rs = read_text(root, LIB_RS)?;
    let declared = match layout::declared_modules(&lib_rs) {
        Ok(declared) => declared,
        Err(problem) => return Ok(vec![problem]),
    };
    let docs: Vec<(String, String)> =
        specs.iter().filter_map(|spec| Some((spec.stem.clone(), spec.module.clone()?))).collect();
    let mut problems = layout::missing_declarations(&declared, &docs);
    for spec in specs.iter().filter(|spec| spec.module.is_some()) {
        for output in [Some(&spec.rust), spec.catalogue.as_ref()].into_iter().flatten() {
            if let Some(text) = read_if_exists(root, output)?
                && !layout::is_generated(&text)
            {
                problems.push(format!(
                    "{output} has no `@generated` header, so {} may not replace it: if the file is written by \
                     hand, rename {} and {}; if it is a damaged generated file, delete it",
                    spec.doc, spec.doc, spec.overlay
                ));
            }
        }
    }
    let outputs: Vec<&String> =
        specs.iter().flat_map(|spec| [Some(&spec.rust), spec.catalogue.as_ref()]).flatten().collect();
    let dir = root.join("generated/src");
    let io_error = |error| Error::Io { path: "generated/src/".to_owned(), action: "list", error };
    let mut orphans = Vec::new();
    for entry in fs::read_dir(&dir).map_err(io_error)? {
        let path = entry.map_err(io_error)?.path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
        let display = format!("generated/src/{name}");
        if !(name.ends_with(".rs") || name.ends_with(".md")) || outputs.contains(&&display) {
            continue;
        }
        if let Some(text) = read_if_exists(root, &display)?
            && layout::is_generated(&text)
        {
            orphans.push(display);
        }
    }
    orphans.sort();
    for orphan in orphans {
        problems.push(format!(
            "{orphan} was generated from a doc no longer in spec/: if the doc's module is to go (a breaking \
             change), delete {orphan} and its `mod` line in {LIB_RS}; otherwise restore the doc"
        ));
    }
    Ok(problems)
}

/// The `name` and `version` of a Cargo manifest's `[package]`, read line by line (the xtask
/// does not need a TOML parser for two plain keys).
pub(crate) fn package_version(manifest: &str) -> (String, String) {
    let value = |key: &str| {
        manifest
            .lines()
            .find_map(|line| {
                line.strip_prefix(key)?.trim_start().strip_prefix('=')?.trim().strip_prefix('"')?.strip_suffix('"')
            })
            .unwrap_or("?")
            .to_owned()
    };
    (value("name"), value("version"))
}

/// The specs in `spec/`, sorted by name (each `NAME.md` with `NAME.toml` beside it), then
/// the hostile fixture; and a line for each doc whose name makes no module, or the same
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
    let mut specs: Vec<Spec> = Vec::with_capacity(stems.len() + 1);
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

/// The bytes of a file, given relative to the root; whether they are text is the
/// generator's to say.
fn read(root: &Path, path: &str) -> Result<Vec<u8>, Error> {
    fs::read(root.join(path)).map_err(|error| Error::Io { path: path.to_owned(), action: "read", error })
}

/// The text of a file the xtask itself reads (the manifest, a generated catalogue).
fn read_text(root: &Path, path: &str) -> Result<String, Error> {
    String::from_utf8(read(root, path)?).map_err(|error| Error::Io {
        path: path.to_owned(),
        action: "read",
        error: io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not UTF-8 at byte {}", error.utf8_error().valid_up_to()),
        ),
    })
}

/// The file's text, or `None` if there is no such file.
fn read_if_exists(root: &Path, path: &str) -> Result<Option<String>, Error> {
    match read_text(root, path) {
        Ok(text) => Ok(Some(text)),
        Err(Error::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Makes each output file (a path relative to the root, and its contents) hold its
/// contents. Line endings of the existing files are ignored, so a checkout with CRLF
/// conversion is not stale.
///
/// In check mode it writes nothing and returns the diff of each file that differs. In write
/// mode it writes only the files whose bytes differ, in two phases: every new file is
/// written to a temporary sibling first, and only when all are written are they renamed
/// into place. A failure while writing removes the temporary files and leaves every output
/// as it was; a reader never sees half a file.
fn ensure_file_contents(root: &Path, files: &[(String, String)], mode: Mode) -> Result<Vec<(String, Change)>, Error> {
    let mut changes = Vec::with_capacity(files.len());
    for (display, contents) in files {
        let path = root.join(display);
        let current = match fs::read_to_string(&path) {
            Ok(text) => Some(text.replace("\r\n", "\n")),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(Error::Io { path: display.clone(), action: "read", error }),
        };
        let change = if current.as_deref() == Some(contents.as_str()) {
            Change::Unchanged
        } else if mode == Mode::Check {
            let old = current.unwrap_or_default();
            let diff = similar::TextDiff::from_lines(old.as_str(), contents.as_str())
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{display}"), &format!("b/{display}"))
                .to_string();
            Change::Stale(diff)
        } else {
            Change::Written
        };
        changes.push((display.clone(), change));
    }

    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut result = Ok(());
    for ((display, contents), (_, change)) in files.iter().zip(&changes) {
        if *change != Change::Written {
            continue;
        }
        let path = root.join(display);
        let temp = temporary_sibling(&path);
        if let Err(error) = fs::write(&temp, contents) {
            let _ = fs::remove_file(&temp);
            result = Err(Error::Io { path: display.clone(), action: "write", error });
            break;
        }
        staged.push((temp, path));
    }
    if let Err(error) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        return Err(error);
    }
    for (temp, path) in &staged {
        if let Err(error) = fs::rename(temp, path) {
            for (temp, _) in &staged {
                let _ = fs::remove_file(temp);
            }
            let display = path.strip_prefix(root).unwrap_or(path).display().to_string();
            return Err(Error::Io { path: display, action: "replace", error });
        }
    }
    Ok(changes)
}

/// `.NAME.PID.tmp` beside `path`: in the same directory, so renaming it is atomic.
fn temporary_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("output");
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// `cargo test` fails when `generated/` is not what `spec/` produces.
    #[test]
    fn generated_code_is_fresh() {
        let root = crate::workspace_root();
        match run(&root, Mode::Check) {
            Ok(report) if !report.is_stale() => {}
            Ok(report) => panic!("generated/ is stale: run `cargo xtask gen`.\n{report}"),
            Err(error) => panic!("spec/ does not generate: {error}"),
        }
    }

    /// A copy of the repository's inputs in a fresh directory under the system's temporary
    /// directory, removed when dropped.
    pub(crate) struct Scratch {
        pub(crate) root: PathBuf,
    }

    impl Scratch {
        pub(crate) fn new(name: &str) -> Scratch {
            let root = std::env::temp_dir().join(format!("errtab-xtask-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&root);
            let workspace = crate::workspace_root();
            let sources = TEST_MODULES.iter().flat_map(|[doc, overlay, _]| [*doc, *overlay]);
            for path in ["spec/error-codes.md", "spec/error-codes.toml", MANIFEST, LIB_RS].into_iter().chain(sources) {
                let target = root.join(path);
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::copy(workspace.join(path), target).unwrap();
            }
            fs::create_dir_all(root.join("generated/src")).unwrap();
            for [_, _, rust] in TEST_MODULES {
                fs::create_dir_all(root.join(rust).parent().unwrap()).unwrap();
            }
            Scratch { root }
        }

        /// A workspace of our own making: the hostile fixture, the manifest, and in `spec/` the
        /// small docs of [`DOCS`] (a root doc and two more, each with its own quirk), declared
        /// in `generated/src/lib.rs` as [`LIB_RS_OF_DOCS`] does.
        fn with_docs(name: &str) -> Scratch {
            let scratch = Scratch::new(name);
            fs::remove_file(scratch.root.join("spec/error-codes.md")).unwrap();
            fs::remove_file(scratch.root.join("spec/error-codes.toml")).unwrap();
            for (path, text) in DOCS {
                scratch.write(path, text.as_bytes());
            }
            scratch.write(LIB_RS, LIB_RS_OF_DOCS.as_bytes());
            scratch
        }

        pub(crate) fn write(&self, path: &str, contents: &[u8]) {
            fs::write(self.root.join(path), contents).unwrap();
        }

        pub(crate) fn read(&self, path: &str) -> String {
            fs::read_to_string(self.root.join(path)).unwrap()
        }

        /// Every file `gen` may write, under `generated/` and `tests/`, with its bytes.
        fn generated(&self) -> BTreeMap<PathBuf, Vec<u8>> {
            fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
                for entry in fs::read_dir(dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        walk(&path, files);
                    } else {
                        files.insert(path.clone(), fs::read(&path).unwrap());
                    }
                }
            }
            let mut files = BTreeMap::new();
            walk(&self.root.join("generated"), &mut files);
            walk(&self.root.join("tests"), &mut files);
            files
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.root);
        }
    }

    fn one_line(error: &Error) -> String {
        let text = error.to_string();
        assert!(text.starts_with("error: ") && text.ends_with('\n') && text.lines().count() == 1, "{text:?}");
        text
    }

    #[test]
    fn gen_writes_the_committed_files_and_then_nothing() {
        let scratch = Scratch::new("writes");
        let report = run(&scratch.root, Mode::Write).unwrap();
        assert_eq!(report.files.iter().filter(|(_, change)| *change == Change::Written).count(), 5);
        let written = scratch.generated();
        let workspace = crate::workspace_root();
        let outputs = ["generated/src/error_codes.rs", "generated/src/error_codes.md"];
        for output in outputs.into_iter().chain(TEST_MODULES.map(|[_, _, rust]| rust)) {
            let committed = fs::read_to_string(workspace.join(output)).unwrap().replace("\r\n", "\n");
            assert_eq!(written[&scratch.root.join(output)], committed.into_bytes(), "{output}");
        }
        let again = run(&scratch.root, Mode::Write).unwrap();
        assert!(again.files.iter().all(|(_, change)| *change == Change::Unchanged));
        assert_eq!(scratch.generated(), written);
    }

    /// The revision of the Tencent Meeting page in `codegen/tests/fixtures/revision/` (the
    /// page as it was, `before.md`, then as it became, `after.md`), taken in as the README says: paste the page, name the new codes, run `gen`. `gen --check`
    /// fails until the manifest has the version the report asks for, then passes; a run after
    /// the bump changes nothing.
    #[test]
    fn a_revision_is_caught_by_check_until_the_version_is_bumped() {
        let scratch = Scratch::new("revision");
        let revision = crate::workspace_root().join("codegen/tests/fixtures/revision");
        fs::copy(revision.join("before.md"), scratch.root.join("spec/error-codes.md")).unwrap();
        fs::copy(revision.join("before.toml"), scratch.root.join("spec/error-codes.toml")).unwrap();
        run(&scratch.root, Mode::Write).unwrap();
        fs::copy(revision.join("after.md"), scratch.root.join("spec/error-codes.md")).unwrap();
        fs::copy(revision.join("after.toml"), scratch.root.join("spec/error-codes.toml")).unwrap();
        let manifest = scratch.read(MANIFEST);
        let (package, version) = package_version(&manifest);
        let needs = report::next_version(&version, report::Bump::Minor);

        let text = run(&scratch.root, Mode::Write).unwrap().to_string();
        assert!(text.contains("codes added (5):\n"), "{text}");
        assert!(text.contains(&format!("next: the catalogue needs {package} {needs}")), "{text}");
        let check = run(&scratch.root, Mode::Check).unwrap();
        assert!(check.is_stale(), "a forgotten version bump fails --check");
        assert!(check.to_string().contains(&format!("error: the catalogue needs {package} {needs}")), "{check}");

        let generated_src = || {
            let mut files = scratch.generated();
            files.remove(&scratch.root.join(MANIFEST));
            files
        };
        let written = generated_src();
        let bumped = manifest.replacen(&format!("version = \"{version}\""), &format!("version = \"{needs}\""), 1);
        scratch.write(MANIFEST, bumped.as_bytes());
        let check = run(&scratch.root, Mode::Check).unwrap();
        assert!(!check.is_stale(), "{check}");
        run(&scratch.root, Mode::Write).unwrap();
        assert!(generated_src() == written, "the bump changes nothing in generated/");
    }

    #[test]
    fn a_failed_write_leaves_generated_byte_identical() {
        let scratch = Scratch::new("failed-write");
        scratch.write("generated/src/error_codes.rs", b"// @generated by `cargo xtask gen`, and stale\n");
        // A directory where the second output's temporary file goes: it cannot be written,
        // after the first output's has been.
        let second = scratch.root.join(HOSTILE[2]);
        fs::create_dir(temporary_sibling(&second)).unwrap();
        let before = scratch.generated();
        let error = run(&scratch.root, Mode::Write).unwrap_err();
        let line = one_line(&error);
        assert!(line.starts_with("error: cannot write generated/tests/hostile/error_codes.rs: "), "{line}");
        assert_eq!(scratch.generated(), before, "no file changed and no temporary file is left");
    }

    #[test]
    fn invalid_specs_leave_generated_byte_identical_and_are_all_reported() {
        let scratch = Scratch::new("invalid");
        let run_once = || run(&scratch.root, Mode::Write).unwrap();
        run_once();
        let before = scratch.generated();
        let doc = fs::read_to_string(scratch.root.join("spec/error-codes.md")).unwrap();
        let broken = doc.replace("| 9003   |", "| 9OO3   |").replace("| 9008   |", "| 9003   |");
        scratch.write("spec/error-codes.md", broken.as_bytes());
        let overlay = fs::read_to_string(scratch.root.join("spec/error-codes.toml")).unwrap();
        scratch.write("spec/error-codes.toml", overlay.replace("status = 400", "status = 40").as_bytes());
        let error = run(&scratch.root, Mode::Write).unwrap_err();
        let text = error.to_string();
        assert_eq!(text.lines().filter(|line| line.starts_with("error: ")).count(), 4, "{text}");
        assert!(text.contains(" --> spec/error-codes.md:"), "{text}");
        assert!(text.ends_with("error: could not generate: 3 problems found; nothing was written\n"), "{text}");
        assert_eq!(scratch.generated(), before);
    }

    #[test]
    fn a_doc_that_is_not_utf8_is_a_diagnostic_with_its_position() {
        let scratch = Scratch::new("not-utf8");
        scratch.write("spec/error-codes.md", b"| \xb4\xed\xce\xf3\xc2\xeb | x |\n");
        let text = run(&scratch.root, Mode::Write).unwrap_err().to_string();
        assert!(text.starts_with("error: the file is not UTF-8: byte 0xB4 is not valid here"), "{text}");
        assert!(text.contains(" --> spec/error-codes.md:1:3\n"), "{text}");
    }

    #[test]
    fn io_errors_are_one_line() {
        let scratch = Scratch::new("io");
        fs::remove_file(scratch.root.join("spec/error-codes.toml")).unwrap();
        let line = one_line(&run(&scratch.root, Mode::Check).unwrap_err());
        assert_eq!(
            line,
            "error: spec/error-codes.md has no overlay: create spec/error-codes.toml beside it (see README.md)\n"
        );

        fs::create_dir(scratch.root.join("spec/error-codes.toml")).unwrap();
        let line = one_line(&run(&scratch.root, Mode::Check).unwrap_err());
        assert!(line.starts_with("error: cannot read spec/error-codes.toml: "), "{line}");

        for path in ["spec/error-codes.md", "spec/error-codes.toml"] {
            let _ = fs::remove_file(scratch.root.join(path));
            let _ = fs::remove_dir(scratch.root.join(path));
        }
        let line = one_line(&run(&scratch.root, Mode::Check).unwrap_err());
        assert_eq!(line, "error: spec/ holds no `*.md` doc to generate from\n");

        fs::remove_dir(scratch.root.join("spec")).unwrap();
        let line = one_line(&run(&scratch.root, Mode::Check).unwrap_err());
        assert!(line.starts_with("error: cannot list spec/: "), "{line}");
    }

    /// Four docs of our own: the root one as Tencent Meeting writes it, one without outer
    /// pipes whose code column is headed `参数` (DingTalk), one with name and HTTP columns
    /// (IAM), and one of string codes (Tencent Cloud).
    const DOCS: [(&str, &str); 8] = [
        (
            "spec/error-codes.md",
            "| 错误码 | 说明 |\n| --- | --- |\n| 9003 | 会议不存在 |\n| 9061 | 查询会议过于频繁 |\n",
        ),
        (
            "spec/error-codes.toml",
            "retryable = [9061]\n\n[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n\
             9003 = \"Meeting not exist\"\n9061 = \"Meeting query rate limited\"\n",
        ),
        ("spec/dingtalk.md", "### 全局返回码\n\n参数 | 说明\n ---- | -----\n -1 | 系统繁忙\n 33001 | 无效的企业ID\n"),
        (
            "spec/dingtalk.toml",
            "[columns]\ncode = \"参数\"\n\n[classes.service]\nstatus = 200\ndefault = true\n\n[names]\n\
             -1 = \"System busy\"\n33001 = \"Invalid corp id\"\n",
        ),
        (
            "spec/iam-api.md",
            "| Identifier | Code | HTTP Code | Description |\n| --- | --- | --- | --- |\n\
             | ErrUserNotFound | 110001 | 404 | User not found |\n| ErrDatabase | 100101 | 500 | Database error |\n",
        ),
        ("spec/iam-api.toml", "[naming]\nstrip_prefix = \"Err\"\n"),
        (
            "spec/cloud-api.md",
            "## 公共错误码\n\n| 错误代码 | 错误描述 |\n| --- | --- |\n| AuthFailure | CAM签名/鉴权错误 |\n\
             | OperationDenied.Suspended | 账号已停用 |\n",
        ),
        (
            "spec/cloud-api.toml",
            "[doc]\ncodes = \"string\"\n\n[naming]\nfallback = \"code\"\n\n\
             [classes.service]\nstatus = 400\ndefault = true\n",
        ),
    ];

    /// The hand-written root of the crate for [`DOCS`].
    const LIB_RS_OF_DOCS: &str = "\
//! A crate of several docs.
#![doc = include_str!(\"error_codes.md\")]

#[rustfmt::skip]
mod error_codes;

#[doc = include_str!(\"dingtalk.md\")]
#[rustfmt::skip]
pub mod dingtalk;

#[doc = include_str!(\"iam_api.md\")]
#[rustfmt::skip]
pub mod iam_api;

#[doc = include_str!(\"cloud_api.md\")]
#[rustfmt::skip]
pub mod cloud_api;

pub use error_codes::{ErrorCode, ErrorKind, UnknownCode};
";

    /// The files `gen` wrote, as paths relative to the root.
    fn written(report: &Report) -> Vec<&str> {
        report.files.iter().filter(|(_, change)| *change == Change::Written).map(|(path, _)| path.as_str()).collect()
    }

    fn layout_problems(error: Error) -> Vec<String> {
        match error {
            Error::Invalid { specs, layout } if specs.is_empty() => layout,
            other => panic!("expected layout problems only, got {other}"),
        }
    }

    #[test]
    fn several_docs_generate_side_by_side_one_module_each() {
        let scratch = Scratch::with_docs("several");
        let report = run(&scratch.root, Mode::Write).unwrap();
        let mut expected = vec![
            "generated/src/cloud_api.rs",
            "generated/src/cloud_api.md",
            "generated/src/dingtalk.rs",
            "generated/src/dingtalk.md",
            "generated/src/error_codes.rs",
            "generated/src/error_codes.md",
            "generated/src/iam_api.rs",
            "generated/src/iam_api.md",
            HOSTILE[2],
            STRING_CODES[2],
            SDK_CALLBACKS[2],
        ];
        let mut actual = written(&report);
        expected.sort();
        actual.sort();
        assert_eq!(actual, expected);
        let text = report.to_string();
        for doc in ["spec/cloud-api.md", "spec/dingtalk.md", "spec/error-codes.md", "spec/iam-api.md"] {
            assert!(text.contains(&format!("{doc}: no catalogue in generated/ yet")), "{text}");
        }

        // Each module holds its own doc's enum; each catalogue links into its own module.
        let dingtalk = scratch.read("generated/src/dingtalk.rs");
        assert!(
            dingtalk.starts_with("// @generated by `cargo xtask gen` from spec/dingtalk.md and spec/dingtalk.toml.")
        );
        assert!(dingtalk.contains("SystemBusy") && !dingtalk.contains("MeetingQueryRateLimited"), "{dingtalk}");
        let iam = scratch.read("generated/src/iam_api.rs");
        assert!(iam.contains("UserNotFound") && !iam.contains("ErrUserNotFound"), "{iam}");
        assert!(scratch.read("generated/src/error_codes.md").contains("](crate::ErrorCode::MeetingNotExist)"));
        assert!(scratch.read("generated/src/dingtalk.md").contains("](crate::dingtalk::ErrorCode::SystemBusy)"));
        assert!(scratch.read("generated/src/iam_api.md").contains("](crate::iam_api::ErrorCode::UserNotFound)"));
        let cloud = scratch.read("generated/src/cloud_api.md");
        assert!(cloud.contains("](crate::cloud_api::ErrorCode::OperationDeniedSuspended)"), "{cloud}");

        let check = run(&scratch.root, Mode::Check).unwrap();
        assert!(!check.is_stale(), "{check}");
        assert_eq!(check.files.len(), expected.len());
    }

    #[test]
    fn a_stale_second_doc_fails_check_and_only_its_files_are_stale() {
        let scratch = Scratch::with_docs("stale-second");
        run(&scratch.root, Mode::Write).unwrap();
        let before = scratch.generated();
        let doc = scratch.read("spec/dingtalk.md");
        scratch.write("spec/dingtalk.md", doc.replace("系统繁忙", "系统繁忙，请稍后再试").as_bytes());

        let report = run(&scratch.root, Mode::Check).unwrap();
        assert!(report.is_stale());
        let stale: Vec<&str> = report
            .files
            .iter()
            .filter(|(_, change)| matches!(change, Change::Stale(_)))
            .map(|(path, _)| path.as_str())
            .collect();
        assert_eq!(stale, ["generated/src/dingtalk.rs", "generated/src/dingtalk.md"]);
        let text = report.to_string();
        assert!(text.contains("changes in spec/dingtalk.md:\ndescriptions reworded (1):\n"), "{text}");
        assert!(text.contains("error: generated/ is stale: run `cargo xtask gen` and commit the result\n"), "{text}");
        assert!(
            text.ends_with("(`cargo xtask gen --check` fails until then)\n"),
            "the patch release is due too: {text}"
        );
        assert_eq!(scratch.generated(), before, "--check writes nothing");
    }

    #[test]
    fn two_changed_docs_say_which_release_the_crate_needs() {
        let scratch = Scratch::with_docs("two-changed");
        run(&scratch.root, Mode::Write).unwrap();
        let doc = scratch.read("spec/dingtalk.md");
        scratch.write("spec/dingtalk.md", doc.replace("系统繁忙", "系统忙").as_bytes());
        let doc = scratch.read("spec/iam-api.md");
        scratch.write("spec/iam-api.md", doc.replace("| 404 |", "| 410 |").as_bytes());
        let text = run(&scratch.root, Mode::Write).unwrap().to_string();
        assert!(text.contains("changes in spec/dingtalk.md:\n"), "{text}");
        assert!(text.contains("changes in spec/iam-api.md:\n"), "{text}");
        // A description is a patch, an HTTP status a breaking change: the crate needs the latter.
        let (_, version) = package_version(&scratch.read(MANIFEST));
        let next = report::next_version(&version, report::Bump::Major);
        let expected = format!("2 docs changed; the crate needs the largest of their releases: {version} -> {next}\n");
        assert!(text.contains(&expected), "{text}");
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
    fn layout_problems_and_spec_diagnostics_are_reported_together() {
        let scratch = Scratch::with_docs("both");
        scratch.write(LIB_RS, LIB_RS_OF_DOCS.replace("pub mod iam_api;", "").as_bytes());
        scratch.write("spec/dingtalk.toml", b"[classes.service]\nstatus = 200\ndefault = true\n");
        let Err(Error::Invalid { specs, layout }) = run(&scratch.root, Mode::Check) else {
            panic!("expected problems")
        };
        assert_eq!(layout.len(), 1, "{layout:?}");
        assert_eq!(specs.len(), 1);
        assert_eq!(specs[0].doc.path, "spec/dingtalk.md");
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
}
