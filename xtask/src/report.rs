//! `cargo xtask report [REV]`: the change report `gen` printed, again, after the fact.
//!
//! `gen` reports what a new doc changes against the catalogue in `generated/`, then writes the
//! new catalogue, so a second run says "up to date" and the report is gone once the terminal
//! scrolls. This command sets what `spec/` generates now against the catalogues and the crate
//! version committed at a git revision (`HEAD` by default; `HEAD~1` once the change is
//! committed, or the tag of the last release), for a pull request's description or a
//! changelog. It writes nothing and needs `git` on the `PATH`.

use std::path::Path;
use std::process::{Command, ExitCode};

use errtab_codegen::diagnostic::Colour;
use errtab_codegen::{catalogue, report};

use crate::gen_::{self, Error};

/// Prints the report for every doc against `rev`; errors go to stderr.
pub fn main(root: &Path, rev: &str, colour: Colour) -> ExitCode {
    match run(root, rev) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprint!("{}", error.render(colour));
            ExitCode::FAILURE
        }
    }
}

/// The report of every doc in `spec/` against the catalogues committed at `rev`.
pub fn run(root: &Path, rev: &str) -> Result<String, Error> {
    let commit = git(root, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?
        .ok_or_else(|| git_error(format!("`{rev}` is not a commit of this repository")))?;
    let commit = commit.trim().to_owned();
    let (specs, layout) = gen_::specs(root)?;
    let (generated, invalid) = gen_::generate_specs(root, specs)?;
    if !invalid.is_empty() || !layout.is_empty() {
        return Err(Error::Invalid { specs: invalid, layout });
    }
    let manifest = show(root, &commit, gen_::MANIFEST)?
        .ok_or_else(|| git_error(format!("{} is not in `{rev}`", gen_::MANIFEST)))?;
    let (package, version) = gen_::package_version(&manifest);
    let short = &commit[..commit.len().min(12)];
    let mut text = format!("changes since {rev} ({short}), where {package} is {version}:\n");
    for generated in generated {
        let Some(catalogue) = &generated.spec.catalogue else { continue };
        let doc = &generated.spec.doc;
        let Some(previous) = show(root, &commit, catalogue)? else {
            let count = generated.output.catalog.entries.len();
            text.push_str(&format!("{doc}: new since {rev}; all {count} codes are new to the crate\n"));
            continue;
        };
        let changes = report::compare(&catalogue::read(&previous), &generated.output.catalog);
        if changes.is_empty() {
            text.push_str(&format!("{doc}: no change to its codes\n"));
        } else {
            text.push_str(&format!("changes in {doc}:\n{}", changes.render(&package, &version)));
        }
    }
    Ok(text)
}

/// A file's text at a commit, or `None` if the commit has no such file.
fn show(root: &Path, commit: &str, path: &str) -> Result<Option<String>, Error> {
    if git(root, &["cat-file", "-e", &format!("{commit}:{path}")])?.is_none() {
        return Ok(None);
    }
    let text = git(root, &["show", &format!("{commit}:{path}")])?;
    text.map(Some).ok_or_else(|| git_error(format!("cannot read {path} at {commit}")))
}

/// Runs git in the workspace: its standard output on success, `None` when it fails.
fn git(root: &Path, args: &[&str]) -> Result<Option<String>, Error> {
    let output = Command::new("git").arg("-C").arg(root).args(args).output().map_err(|error| Error::Io {
        path: "git".to_owned(),
        action: "run (is git installed and on the PATH?)",
        error,
    })?;
    Ok(output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned()))
}

fn git_error(message: String) -> Error {
    Error::Git(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::Mode;
    use crate::gen_::tests::Scratch;

    fn git_ok(root: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    /// The revision fixture taken in and committed: the report is the same before the commit
    /// (against `HEAD`) and after it (against `HEAD~1`), and empty against the new `HEAD`.
    #[test]
    fn the_report_can_be_had_again_after_gen_and_after_the_commit() {
        let scratch = Scratch::new("report");
        let root = scratch.root.clone();
        let revision = crate::workspace_root().join("codegen/tests/fixtures/revision");
        let take = |name: &str| {
            for ext in ["md", "toml"] {
                let text = std::fs::read(revision.join(format!("{name}.{ext}"))).unwrap();
                scratch.write(&format!("spec/error-codes.{ext}"), &text);
            }
        };
        take("before");
        gen_::run(&root, Mode::Write).unwrap();
        git_ok(&root, &["init", "-q"]);
        git_ok(&root, &["add", "."]);
        git_ok(&root, &["commit", "-q", "-m", "before"]);

        take("after");
        let before_gen = run(&root, "HEAD").unwrap();
        assert!(before_gen.contains("codes added (5):\n"), "{before_gen}");
        assert!(before_gen.contains("descriptions reworded (4):\n"), "{before_gen}");
        let gen_report = gen_::run(&root, Mode::Write).unwrap().to_string();
        assert_eq!(run(&root, "HEAD").unwrap(), before_gen, "gen does not change what the report says");
        let body = before_gen.split_once('\n').unwrap().1;
        assert!(gen_report.starts_with(body), "the report is the one gen printed:\n{gen_report}");

        git_ok(&root, &["add", "."]);
        git_ok(&root, &["commit", "-q", "-m", "after"]);
        assert_eq!(run(&root, "HEAD~1").unwrap().split_once('\n').unwrap().1, body);
        assert!(run(&root, "HEAD").unwrap().ends_with("spec/error-codes.md: no change to its codes\n"));
        let error = run(&root, "no-such-rev").unwrap_err().to_string();
        assert_eq!(error, "error: `no-such-rev` is not a commit of this repository\n");
    }
}
