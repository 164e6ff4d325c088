//! The generated crate's version in its manifest, and the least version each catalogue
//! records it needs (`<!-- needs PACKAGE >= X -->`).

use errtab_codegen::catalogue;
use errtab_codegen::semver::{self, Bump};

/// The generated crate's manifest, whose name and version the change report quotes.
pub(crate) const MANIFEST: &str = "generated/Cargo.toml";

/// The generated crate's name and version, from its manifest.
#[derive(Debug)]
pub(crate) struct Package {
    pub(crate) name: String,
    pub(crate) version: String,
}

impl Package {
    /// The `name` and `version` of a manifest's `[package]`, read line by line.
    pub(crate) fn read(manifest: &str) -> Package {
        let value = |key: &str| {
            manifest
                .lines()
                .find_map(|line| {
                    line.strip_prefix(key)?.trim_start().strip_prefix('=')?.trim().strip_prefix('"')?.strip_suffix('"')
                })
                .unwrap_or("?")
                .to_owned()
        };
        Package { name: value("name"), version: value("version") }
    }
}

/// What `generated/` holds of a doc before this run.
#[derive(Clone, Copy)]
pub(crate) enum Previous<'a> {
    /// Its catalogue.
    Catalogue(&'a str),
    /// Nothing, while other docs have catalogues: a module added to a released crate.
    NewModule,
    /// Nothing, and no other doc has a catalogue either: the crate's first generation.
    NewCrate,
}

/// The least crate version a doc's new catalogue needs: an unchanged catalogue keeps its
/// stamp (so a bump moves no other doc's stamp); a changed one raises it by what its
/// changes need from the manifest's version.
pub(crate) fn needs(previous: Previous<'_>, bump: Bump, version: &str) -> String {
    match previous {
        // A new module adds to a released crate; a new crate is released as it is.
        Previous::NewModule => semver::next_version(version, Bump::Minor),
        Previous::NewCrate => version.to_owned(),
        Previous::Catalogue(catalogue) => match (catalogue::stamped_version(catalogue), bump) {
            (Some(recorded), Bump::None) => recorded.to_owned(),
            (recorded, bump) => {
                semver::max_version(recorded.unwrap_or(version), &semver::next_version(version, bump)).to_owned()
            }
        },
    }
}

/// The crate's version against the least one its catalogues need.
#[derive(Debug)]
pub(crate) struct VersionCheck {
    pub(crate) package: String,
    pub(crate) version: String,
    pub(crate) needs: String,
}

impl VersionCheck {
    /// Whether the manifest's version is below what the catalogues need.
    pub(crate) fn is_behind(&self) -> bool {
        semver::max_version(&self.version, &self.needs) != self.version
    }

    /// What to do about a version behind: set the version the catalogues need.
    pub(crate) fn advice(&self) -> String {
        let VersionCheck { package, version, needs } = self;
        format!(
            "the catalogue needs {package} {needs}, and {MANIFEST} says {version}: set `version = \"{needs}\"` there \
             and commit it with generated/"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_is_read_for_its_name_and_version() {
        let package = Package::read("[package]\nname = \"errors\"\nversion=\"1.2.3\"\nedition = \"2024\"\n");
        assert_eq!((package.name.as_str(), package.version.as_str()), ("errors", "1.2.3"));
        assert_eq!(Package::read("[package]\n").version, "?");
    }

    #[test]
    fn an_unchanged_catalogue_keeps_its_stamp_whatever_the_manifest_says() {
        let catalogue = catalogue::stamp("<!-- @generated -->\n## Error codes\n", "errors", "0.1.0");
        for version in ["0.1.0", "0.1.1", "0.2.0"] {
            assert_eq!(needs(Previous::Catalogue(&catalogue), Bump::None, version), "0.1.0", "{version}");
        }
        // A change needs the release after the manifest's version, or what was recorded if more.
        assert_eq!(needs(Previous::Catalogue(&catalogue), Bump::Patch, "0.1.0"), "0.1.1");
        let ahead = catalogue::stamp("<!-- @generated -->\n", "errors", "0.3.0");
        assert_eq!(needs(Previous::Catalogue(&ahead), Bump::Patch, "0.1.0"), "0.3.0");
        // Without a record, the manifest's version is taken as the one it needs.
        assert_eq!(needs(Previous::Catalogue("## Error codes\n"), Bump::None, "0.1.4"), "0.1.4");
        assert_eq!(needs(Previous::NewModule, Bump::None, "0.1.0"), "0.1.1");
        assert_eq!(needs(Previous::NewCrate, Bump::None, "0.1.0"), "0.1.0");
    }
}
