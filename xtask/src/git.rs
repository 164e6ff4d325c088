//! The little of git the xtask asks: a revision's commit and a file's text at it. `report`
//! needs git; `gen` only asks which spec files differ from `HEAD`, and does without.

use std::path::Path;
use std::process::Command;

use crate::error::Error;
use crate::files;

/// The commit a revision names, or `None` if it names none.
pub fn commit(root: &Path, rev: &str) -> Result<Option<String>, Error> {
    let commit = git(root, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?;
    Ok(commit.map(|commit| commit.trim().to_owned()))
}

/// A file's text at a commit (`None` if it has none), `path` relative to the root.
pub fn show(root: &Path, commit: &str, path: &str) -> Result<Option<String>, Error> {
    if git(root, &["cat-file", "-e", &format!("{commit}:./{path}")])?.is_none() {
        return Ok(None);
    }
    let text = git(root, &["show", &format!("{commit}:./{path}")])?;
    text.map(Some).ok_or_else(|| Error::Git(format!("cannot read {path} at {commit}")))
}

/// Which of `paths` differ from `rev`, line endings aside; `None` when git cannot tell.
pub fn differing(root: &Path, rev: &str, paths: &[&str]) -> Option<Vec<String>> {
    let commit = commit(root, rev).ok()??;
    let mut differing = Vec::new();
    for path in paths {
        let now = files::read_if_exists(root, path).ok()?.map(|text| text.replace("\r\n", "\n"));
        let then = show(root, &commit, path).ok()?.map(|text| text.replace("\r\n", "\n"));
        if now != then {
            differing.push((*path).to_owned());
        }
    }
    Some(differing)
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
