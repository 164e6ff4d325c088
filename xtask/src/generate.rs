//! `cargo xtask gen [--check]`: every spec in `spec/` through the generator into
//! `generated/`, with the change report of each doc against its catalogue there.
//!
//! Every output is computed before any is written, and all are written before any is renamed
//! into place ([`crate::files::ensure_file_contents`]), so a failure anywhere leaves
//! `generated/` untouched.

use std::fmt;
use std::path::Path;
use std::process::ExitCode;

use errtab_codegen::Diagnostic;
use errtab_codegen::diagnostic::{self, Colour};
use errtab_codegen::semver::{self, Bump};
use errtab_codegen::{catalogue, report};

use crate::changes;
use crate::error::{Error, InvalidSpec};
use crate::files::{self, Change};
use crate::flags::Mode;
use crate::git;
use crate::layout;
use crate::specs::{self, Generated};
use crate::version::{self, MANIFEST, Package, Previous, VersionCheck};

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
    pub(crate) files: Vec<(String, Change)>,
    version: VersionCheck,
}

impl Report {
    /// Whether check mode found a file that differs, or a crate version below what the
    /// catalogues need.
    pub fn is_stale(&self) -> bool {
        self.stale_files() > 0 || (self.mode == Mode::Check && self.version.is_behind())
    }

    fn stale_files(&self) -> usize {
        self.files.iter().filter(|(_, change)| matches!(change, Change::Stale(_))).count()
    }
}

/// The report, then one last line with the verdict: `--check` says "up to date" only when
/// nothing fails, and one `error:` line naming every failure otherwise.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for changes in &self.changes {
            write!(f, "{changes}")?;
        }
        for (path, change) in &self.files {
            match change {
                Change::Unchanged => {}
                Change::Written => writeln!(f, "updated {path}")?,
                Change::Stale(diff) => write!(f, "{path} is stale:\n{diff}")?,
            }
        }
        let up_to_date = format!("generated/ is up to date ({} file(s) checked)", self.files.len());
        let advice = self.version.advice();
        let stale = "generated/ is stale: run `cargo xtask gen`";
        match (self.mode, self.stale_files() > 0, self.version.is_behind()) {
            (Mode::Write, _, behind) => {
                if self.files.iter().all(|(_, change)| *change == Change::Unchanged) {
                    writeln!(f, "{up_to_date}")?;
                }
                if behind {
                    writeln!(f, "next: {advice} (`cargo xtask gen --check` fails until then)")?;
                }
                Ok(())
            }
            (Mode::Check, false, false) => writeln!(f, "{up_to_date}"),
            (Mode::Check, true, false) => writeln!(f, "error: {stale} and commit the result"),
            (Mode::Check, false, true) => writeln!(f, "error: {advice}"),
            (Mode::Check, true, true) => writeln!(f, "error: {stale}; and {advice}"),
        }
    }
}

/// What one doc's catalogue says about the release: its changes against the catalogue in
/// `generated/`, the bump they need, and the least crate version the new catalogue records.
struct CatalogueUpdate {
    /// The change report, empty when nothing changed.
    report: String,
    bump: Bump,
    /// The catalogue to write, stamped with the least version it needs.
    markdown: String,
    needs: String,
}

/// Sets a doc's new catalogue against the one in `generated/`: the report, or the
/// diagnostics of changes that would break downstream code silently.
fn update_catalogue(
    root: &Path,
    generated: &Generated,
    previous: Previous<'_>,
    package: &Package,
) -> Result<CatalogueUpdate, Vec<Diagnostic>> {
    let Generated { spec, doc, overlay, output } = generated;
    let (report, bump) = match previous {
        Previous::Catalogue(recorded) => {
            let diff = changes::compare(recorded, generated);
            let broken = report::continuity(&diff, doc, overlay);
            if !broken.is_empty() {
                return Err(broken);
            }
            let report = match diff.is_empty() {
                true => String::new(),
                false => {
                    let heading = changes::heading(&changes::sources(root, "HEAD", spec), spec.section.as_deref());
                    format!("{heading}{}", diff.render(&package.name, &package.version))
                }
            };
            (report, diff.bump())
        }
        Previous::NewModule | Previous::NewCrate => {
            let count = output.catalog.entries.len();
            let report = format!("{}: no catalogue in generated/ yet; generating all {count} codes\n", spec.title());
            let bump = if matches!(previous, Previous::NewModule) { Bump::Minor } else { Bump::None };
            (report, bump)
        }
    };
    let needs = version::needs(previous, bump, &package.version);
    let markdown = catalogue::stamp(&output.markdown, &package.name, &needs);
    Ok(CatalogueUpdate { report, bump, markdown, needs })
}

/// Where the crate as last released is read: the files of the checkout's last commit, or of
/// the working tree outside git.
enum Released<'a> {
    Commit(&'a Path, String),
    WorkingTree(&'a Path),
}

impl<'a> Released<'a> {
    fn of(root: &'a Path) -> Released<'a> {
        match git::commit(root, "HEAD") {
            Ok(Some(commit)) => Released::Commit(root, commit),
            _ => Released::WorkingTree(root),
        }
    }

    /// A file as released; `None` if it was not.
    fn read(&self, path: &str) -> Result<Option<String>, Error> {
        match self {
            Released::Commit(root, commit) => git::show(root, commit, path),
            Released::WorkingTree(root) => files::read_if_exists(root, path),
        }
    }
}

/// Generates every spec and writes (or checks) the outputs.
pub fn run(root: &Path, mode: Mode) -> Result<Report, Error> {
    let (specs, mut problems) = specs::specs(root)?;
    problems.extend(layout::check(root, &specs)?);
    let manifest = Package::read(&files::read_text(root, MANIFEST)?);
    let released = Released::of(root);
    // Changes and versions count from the last commit, so running `gen` again before
    // committing reports the same changes and asks for the same version.
    let version = released.read(MANIFEST)?.map(|text| Package::read(&text).version);
    let package = Package { name: manifest.name.clone(), version: version.unwrap_or_else(|| manifest.version.clone()) };
    let (generated, mut invalid) = specs::generate_specs(root, specs)?;
    let mut outputs = Vec::with_capacity(2 * generated.len());
    let (mut changes, mut bumps) = (Vec::new(), Vec::new());
    let mut needs = package.version.clone();
    let mut previous = Vec::with_capacity(generated.len());
    for generated in &generated {
        previous.push(match &generated.spec.catalogue {
            Some(catalogue) => released.read(catalogue)?,
            None => None,
        });
    }
    let new_crate = previous.iter().all(Option::is_none);
    // The sections of a page share its notices about the page and overlay: each is said once.
    let mut noticed: Vec<(&str, &Diagnostic)> = Vec::new();
    for generated in &generated {
        let path = generated.doc.path.as_str();
        let notices: Vec<Diagnostic> =
            generated.output.notices.iter().filter(|notice| !noticed.contains(&(path, *notice))).cloned().collect();
        noticed.extend(generated.output.notices.iter().map(|notice| (path, notice)));
        if !notices.is_empty() {
            let sources = [&generated.doc, &generated.overlay];
            changes.push(diagnostic::render(&notices, &sources, Colour::Plain));
        }
    }
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
        let update = match update_catalogue(root, &generated, previous, &package) {
            Ok(update) => update,
            Err(diagnostics) => {
                let Generated { doc, overlay, .. } = generated;
                invalid.push(InvalidSpec { doc, overlay, versions: Vec::new(), diagnostics });
                continue;
            }
        };
        if !update.report.is_empty() {
            changes.push(update.report);
        }
        if update.bump != Bump::None {
            bumps.push(update.bump);
        }
        needs = semver::max_version(&needs, &update.needs).to_owned();
        outputs.push((generated.spec.rust, generated.output.rust));
        outputs.push((catalogue.clone(), update.markdown));
    }
    if !invalid.is_empty() || !problems.is_empty() {
        return Err(Error::Invalid { specs: invalid, layout: problems });
    }
    // Each doc's report gives the release its own changes need; the crate needs the largest.
    if let (2.., Some(&bump)) = (bumps.len(), bumps.iter().max()) {
        let next = semver::next_version(&package.version, bump);
        changes.push(format!(
            "{} modules changed; the crate needs the largest of their releases: {} -> {next}\n",
            bumps.len(),
            package.version
        ));
    }
    if mode == Mode::Write {
        create_dirs(root, &outputs)?;
    }
    let files = files::ensure_file_contents(root, &outputs, mode)?;
    let version = VersionCheck { package: manifest.name, version: manifest.version, needs };
    Ok(Report { mode, changes, files, version })
}

/// Makes the directories the outputs go in that do not exist yet (a page's sections, in
/// `generated/src/PAGE/`).
fn create_dirs(root: &Path, outputs: &[(String, String)]) -> Result<(), Error> {
    for (path, _) in outputs {
        let Some((dir, _)) = path.rsplit_once('/') else { continue };
        if let Err(error) = std::fs::create_dir_all(root.join(dir)) {
            return Err(Error::Io { path: format!("{dir}/"), action: "create", error });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::layout::LIB_RS;
    use crate::scratch::{DOCS, LIB_RS_OF_DOCS, SECTIONS, Scratch, one_line, repository};
    use crate::specs::{HOSTILE, SDK_CALLBACKS, STRING_CODES, TEST_MODULES};

    /// `cargo test` fails when `generated/` is not what `spec/` produces.
    #[test]
    fn generated_code_is_fresh() {
        let root = repository();
        match run(&root, Mode::Check) {
            Ok(report) if !report.is_stale() => {}
            Ok(report) => panic!("generated/ is stale: run `cargo xtask gen`.\n{report}"),
            Err(error) => panic!("spec/ does not generate: {error}"),
        }
    }

    /// The files `gen` wrote, as paths relative to the root.
    fn written(report: &Report) -> Vec<&str> {
        report.files.iter().filter(|(_, change)| *change == Change::Written).map(|(path, _)| path.as_str()).collect()
    }

    #[test]
    fn gen_writes_the_committed_files_and_then_nothing() {
        let scratch = Scratch::new("writes");
        let english = "spec/error-codes.en.md";
        scratch.write(english, &fs::read(repository().join(english)).unwrap());
        let report = run(&scratch.root, Mode::Write).unwrap();
        assert_eq!(report.files.iter().filter(|(_, change)| *change == Change::Written).count(), 5);
        let written = scratch.generated();
        let workspace = repository();
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
        let revision = repository().join("codegen/tests/fixtures/revision");
        fs::copy(revision.join("before.md"), scratch.root.join("spec/error-codes.md")).unwrap();
        fs::copy(revision.join("before.toml"), scratch.root.join("spec/error-codes.toml")).unwrap();
        run(&scratch.root, Mode::Write).unwrap();
        fs::copy(revision.join("after.md"), scratch.root.join("spec/error-codes.md")).unwrap();
        fs::copy(revision.join("after.toml"), scratch.root.join("spec/error-codes.toml")).unwrap();
        let manifest = scratch.read(MANIFEST);
        let Package { name: package, version } = Package::read(&manifest);
        let needs = semver::next_version(&version, Bump::Minor);

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
        scratch.commit("generated");
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
        // One verdict, on the last line: the stale files and the patch release that is due.
        let errors: Vec<&str> = text.lines().filter(|line| line.starts_with("error: ")).collect();
        assert_eq!(errors.len(), 1, "{text}");
        assert!(text.ends_with(&format!("{}\n", errors[0])), "{text}");
        assert!(errors[0].starts_with("error: generated/ is stale: run `cargo xtask gen`; and the catalogue needs "));
        assert!(!text.contains("up to date"), "{text}");
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
        // Outside a git repository the headings name each changed doc's files both.
        assert!(text.contains("changes in spec/dingtalk.md and spec/dingtalk.toml:\n"), "{text}");
        assert!(text.contains("changes in spec/iam-api.md and spec/iam-api.toml:\n"), "{text}");
        // A description is a patch, an HTTP status a breaking change: the crate needs the latter.
        let version = Package::read(&scratch.read(MANIFEST)).version;
        let next = semver::next_version(&version, Bump::Major);
        let expected =
            format!("2 modules changed; the crate needs the largest of their releases: {version} -> {next}\n");
        assert!(text.contains(&expected), "{text}");
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

    /// A crate version below what the catalogues record fails `--check` with one line, and
    /// never beside "up to date"; with the version set, "up to date" is the last line.
    #[test]
    fn check_gives_one_verdict() {
        let scratch = Scratch::with_docs("verdict");
        run(&scratch.root, Mode::Write).unwrap();
        let manifest = scratch.read(MANIFEST);
        let Package { name, version } = Package::read(&manifest);
        let check = run(&scratch.root, Mode::Check).unwrap();
        assert!(!check.is_stale(), "{check}");
        assert_eq!(check.to_string(), format!("generated/ is up to date ({} file(s) checked)\n", check.files.len()));

        let behind = manifest.replacen(&format!("version = \"{version}\""), "version = \"0.0.1\"", 1);
        scratch.write(MANIFEST, behind.as_bytes());
        let check = run(&scratch.root, Mode::Check).unwrap();
        assert!(check.is_stale(), "{check}");
        assert_eq!(
            check.to_string(),
            format!(
                "error: the catalogue needs {name} {version}, and {MANIFEST} says 0.0.1: set \
                 `version = \"{version}\"` there and commit it with generated/\n"
            )
        );
    }

    /// Adding a module and setting the version `gen` asks for is enough: `--check` passes
    /// with no second `gen`, as the catalogues that did not change keep their stamps.
    #[test]
    fn a_new_module_passes_check_once_the_version_is_set() {
        let scratch = Scratch::with_docs("new-module");
        run(&scratch.root, Mode::Write).unwrap();
        scratch.write("spec/wecom.md", DOCS[2].1.as_bytes());
        scratch.write("spec/wecom.toml", DOCS[3].1.as_bytes());
        let lib_rs =
            format!("{LIB_RS_OF_DOCS}\n#[doc = include_str!(\"wecom.md\")]\n#[rustfmt::skip]\npub mod wecom;\n");
        scratch.write(LIB_RS, lib_rs.as_bytes());
        let manifest = scratch.read(MANIFEST);
        let Package { name, version } = Package::read(&manifest);
        let needs = semver::next_version(&version, Bump::Minor);

        let text = run(&scratch.root, Mode::Write).unwrap().to_string();
        assert!(text.contains("spec/wecom.md: no catalogue in generated/ yet"), "{text}");
        assert!(text.contains(&format!("next: the catalogue needs {name} {needs}, ")), "{text}");
        let written = scratch.generated();
        let bumped = manifest.replacen(&format!("version = \"{version}\""), &format!("version = \"{needs}\""), 1);
        scratch.write(MANIFEST, bumped.as_bytes());
        let check = run(&scratch.root, Mode::Check).unwrap();
        assert!(!check.is_stale(), "{check}");
        let again = run(&scratch.root, Mode::Write).unwrap();
        assert!(written.keys().all(|path| path.ends_with("Cargo.toml") || scratch.generated()[path] == written[path]));
        assert!(again.files.iter().all(|(_, change)| *change == Change::Unchanged), "{again}");
    }

    /// The heading of a doc's changes names the spec files that differ from `HEAD`.
    #[test]
    fn the_heading_names_the_files_that_changed() {
        let scratch = Scratch::with_docs("heading");
        run(&scratch.root, Mode::Write).unwrap();
        scratch.commit("generated");
        let overlay = scratch.read("spec/dingtalk.toml");
        scratch.write("spec/dingtalk.toml", format!("retryable = [33001]\n\n{overlay}").as_bytes());
        let text = run(&scratch.root, Mode::Check).unwrap().to_string();
        assert!(text.contains("changes in spec/dingtalk.toml:\nretry hint changed (1):\n"), "{text}");

        let doc = scratch.read("spec/dingtalk.md");
        scratch.write("spec/dingtalk.md", doc.replace("系统繁忙", "系统忙").as_bytes());
        let text = run(&scratch.root, Mode::Check).unwrap().to_string();
        assert!(text.contains("changes in spec/dingtalk.md and spec/dingtalk.toml:\n"), "{text}");
    }

    #[test]
    fn a_code_written_in_two_rows_is_named_with_its_lines() {
        let scratch = Scratch::new("joined");
        run(&scratch.root, Mode::Write).unwrap();
        let doc = scratch.read("spec/error-codes.md");
        // The page's first row, written again with another text.
        let row = doc.lines().find(|line| line.starts_with("| ") && line.contains(char::is_numeric)).unwrap();
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (code, text) = (cells[1], cells[2]);
        let doc = doc.replacen(row, &format!("{row}\n| {code} | {text}（另见） |"), 1);
        scratch.write("spec/error-codes.md", doc.as_bytes());
        let report = run(&scratch.root, Mode::Write).unwrap().to_string();
        let note = format!("note: code {code} is written in 2 rows; their texts are joined: {text} / {text}（另见）");
        assert!(report.contains(&note), "{report}");
        let text = report;
        let line = doc.lines().position(|line| line == row).unwrap() + 1;
        assert!(text.contains(&format!("spec/error-codes.md:{line}:")), "{text}");
        assert!(text.contains(&format!("row 2 of code {code}")), "{text}");
    }

    /// A page of two sections: a module each, in the page's directory, each catalogue linking
    /// into its own module; `--check` passes; a change in one section reports that section
    /// alone, and only its files are stale.
    #[test]
    fn each_section_of_a_page_generates_a_module_of_its_own() {
        let scratch = Scratch::with_sections("sections");
        let report = run(&scratch.root, Mode::Write).unwrap();
        let written = written(&report);
        let modules = ["exchange::spot", "exchange::partner_sdk"];
        for module in modules {
            let path = module.replace("::", "/");
            for output in [format!("generated/src/{path}.rs"), format!("generated/src/{path}.md")] {
                assert!(written.contains(&output.as_str()), "{output} in {written:?}");
            }
        }
        assert!(!scratch.root.join("generated/src/exchange.rs").exists());
        let text = report.to_string();
        for section in ["spot", "partner_sdk"] {
            let line = format!("spec/exchange.md, section `{section}`: no catalogue in generated/ yet");
            assert!(text.contains(&line), "{text}");
        }
        // Each module holds its section's codes, and its catalogue links into it.
        let (doc, overlay) = (SECTIONS[0].1, SECTIONS[1].1);
        let sections: Vec<(&str, &str)> = overlay
            .lines()
            .skip_while(|line| *line != "[doc.sections]")
            .skip(1)
            .map_while(|line| line.split_once(" = "))
            .collect();
        assert_eq!(sections.len(), modules.len());
        for (section, heading) in sections {
            let under = doc.split("\n## ").find(|part| part.starts_with(heading.trim_matches('"'))).unwrap();
            let rust = scratch.read(&format!("generated/src/exchange/{section}.rs"));
            let catalogue = scratch.read(&format!("generated/src/exchange/{section}.md"));
            for row in under.lines().filter_map(|line| line.strip_prefix("| 1")) {
                let (code, description) = row.split_once(" | ").unwrap();
                let description = description.trim_end_matches(" |");
                assert!(rust.contains(description) && catalogue.contains(description), "1{code} in {section}");
            }
            for other in doc.split("\n## ").filter(|part| !part.starts_with(heading.trim_matches('"'))) {
                for line in other.lines().filter(|line| line.starts_with("| 1")) {
                    let description = line.rsplit(" | ").nth(1).unwrap();
                    assert!(!rust.contains(description), "{description} is not in {section}");
                }
            }
            assert!(catalogue.contains(&format!("](crate::exchange::{section}::ErrorCode::")), "{catalogue}");
        }
        let check = run(&scratch.root, Mode::Check).unwrap();
        assert!(!check.is_stale(), "{check}");

        scratch.commit("generated");
        scratch.write("spec/exchange.md", doc.replace("Partner session expired", "Partner session ended").as_bytes());
        let report = run(&scratch.root, Mode::Check).unwrap();
        let stale: Vec<(&str, &str)> = report
            .files
            .iter()
            .filter_map(|(path, change)| match change {
                Change::Stale(diff) => Some((path.as_str(), diff.as_str())),
                _ => None,
            })
            .collect();
        let paths: Vec<&str> = stale.iter().map(|(path, _)| *path).collect();
        // The other section's code and catalogue (with its version stamp) stay; its Rust file's
        // header carries the digest of the whole page, which moves.
        assert_eq!(
            paths,
            [
                "generated/src/exchange/spot.rs",
                "generated/src/exchange/partner_sdk.rs",
                "generated/src/exchange/partner_sdk.md"
            ]
        );
        let changed: Vec<&str> = stale[0].1.lines().filter(|line| line.starts_with(['-', '+'])).skip(2).collect();
        assert!(changed.iter().all(|line| line.contains("// Source digest")), "{}", stale[0].1);
        let text = report.to_string();
        assert!(
            text.contains("changes in section `partner_sdk` of spec/exchange.md:\ndescriptions reworded (1):\n"),
            "{text}"
        );
        assert!(!text.contains("section `spot`"), "{text}");
    }

    /// A problem in the overlay a page's sections share is reported once, not once per section.
    #[test]
    fn a_problem_shared_by_the_sections_of_a_page_is_reported_once() {
        let scratch = Scratch::with_sections("sections-shared-problem");
        let overlay = format!("{}\n[classes.service]\nstatus = 40\ndefault = true\n", SECTIONS[1].1);
        scratch.write("spec/exchange.toml", overlay.as_bytes());
        let Err(Error::Invalid { specs, layout }) = run(&scratch.root, Mode::Check) else {
            panic!("expected problems")
        };
        assert!(layout.is_empty(), "{layout:?}");
        assert_eq!(specs.len(), 1);
        let messages: Vec<&str> = specs[0].diagnostics.iter().map(|d| d.message.as_str()).collect();
        let mut unique = messages.clone();
        unique.sort();
        unique.dedup();
        assert!(!messages.is_empty() && unique.len() == messages.len(), "{messages:?}");
    }

    #[test]
    fn changes_count_from_the_last_commit_however_often_gen_runs() {
        let scratch = Scratch::new("since-commit");
        run(&scratch.root, Mode::Write).unwrap();
        scratch.commit("released");
        let doc = scratch.read("spec/error-codes.md");
        scratch.write("spec/error-codes.md", format!("{}| 200007 | 新的请求错误 |\n", doc).as_bytes());
        let overlay =
            scratch.read("spec/error-codes.toml").replace("[names]\n", "[names]\n200007 = \"New request error\"\n");
        scratch.write("spec/error-codes.toml", overlay.as_bytes());
        let first = run(&scratch.root, Mode::Write).unwrap().to_string();
        assert!(first.contains("200007 NewRequestError (class service, HTTP 500)"), "{first}");
        // The report's CHECK is taken: the code moves into the request range before any commit.
        let overlay = overlay.replace("190001..=200006", "190001..=200007");
        scratch.write("spec/error-codes.toml", overlay.as_bytes());
        let second = run(&scratch.root, Mode::Write).unwrap().to_string();
        assert!(second.contains("200007 NewRequestError (class request, HTTP 400)"), "{second}");
        assert!(!second.contains("HTTP status changed") && !second.contains("BREAKING"), "{second}");
        let needs = |text: &str| text.lines().find(|line| line.starts_with("next: ")).map(str::to_owned);
        assert_eq!(needs(&first), needs(&second), "{second}");
    }
}
