//! Which checkout the xtask works on: found from the current directory at run time, as
//! cargo finds its workspace, so a binary built once works on any checkout.

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace root at or above `dir`: the nearest `[workspace]` that holds `spec/` or
/// `xtask` (which passes by the fuzz and scratch workspaces).
pub fn find(dir: &Path) -> Result<PathBuf, String> {
    for candidate in dir.ancestors() {
        let Ok(manifest) = fs::read_to_string(candidate.join("Cargo.toml")) else { continue };
        let is_workspace =
            manifest.lines().any(|line| line.split('#').next().is_some_and(|line| line.trim() == "[workspace]"));
        if is_workspace && (candidate.join("spec").is_dir() || candidate.join("xtask/Cargo.toml").is_file()) {
            return Ok(candidate.to_path_buf());
        }
    }
    Err(format!(
        "no checkout of this repository at or above {}: run `cargo xtask` inside one (a directory whose Cargo.toml \
         has `[workspace]`, beside spec/)",
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_workspace_with_specs_is_the_root() {
        let root = std::env::temp_dir().join(format!("errtab-xtask-{}-root", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let nested = root.join("codegen/fuzz/src");
        fs::create_dir_all(&nested).unwrap();
        fs::create_dir_all(root.join("spec")).unwrap();
        fs::write(root.join("Cargo.toml"), "[workspace] # the repository\nmembers = [\"codegen\"]\n").unwrap();
        // A workspace of its own without specs, and a member's manifest: passed by.
        fs::write(root.join("codegen/fuzz/Cargo.toml"), "[package]\nname = \"fuzz\"\n\n[workspace]\n").unwrap();
        fs::write(root.join("codegen/Cargo.toml"), "[package]\nname = \"codegen\"\n").unwrap();
        assert_eq!(find(&nested), Ok(root.clone()));
        assert_eq!(find(&root), Ok(root.clone()));

        fs::remove_dir(root.join("spec")).unwrap();
        let error = find(&nested).unwrap_err();
        assert!(error.starts_with("no checkout of this repository at or above "), "{error}");
        fs::remove_dir_all(&root).unwrap();
    }
}
