//! Versions: how much a change asks of downstream crates, and the version after a bump by
//! Cargo's semver rules.

use std::fmt;

/// How much a change asks of downstream crates, in semver terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Text only: descriptions, facts' texts, ranges' descriptions.
    Patch,
    /// Compatible additions: new codes (the enum is `#[non_exhaustive]`), retired ones
    /// (still variants, deprecated) and new methods.
    Minor,
    /// Breaking: a variant or a method removed, a variant renamed, or a code's answer to a
    /// method (its HTTP status, class or retry hint) changed.
    Major,
}

/// The version after `version` for a bump, by Cargo's rules (below 1.0.0 the minor breaks).
pub fn next_version(version: &str, bump: Bump) -> String {
    let Some((major, minor, patch)) = parse_version(version) else {
        return format!("(the next version after {version})");
    };
    let (major, minor, patch) = match (bump, major) {
        (Bump::None, _) => (major, minor, patch),
        (Bump::Major, 0) => (0, minor + 1, 0),
        (Bump::Major, _) => (major + 1, 0, 0),
        (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch + 1),
        (Bump::Minor, _) => (major, minor + 1, 0),
    };
    format!("{major}.{minor}.{patch}")
}

/// A version as `(major, minor, patch)`; `None` for anything else, pre-releases included.
pub fn parse_version(version: &str) -> Option<(u64, u64, u64)> {
    let mut parts = version.split('.').map(|part| part.parse::<u64>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

/// The larger of two versions; `a` when either does not parse.
pub fn max_version<'a>(a: &'a str, b: &'a str) -> &'a str {
    match (parse_version(a), parse_version(b)) {
        (Some(x), Some(y)) if y > x => b,
        _ => a,
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_cargo_semver() {
        assert_eq!(next_version("0.1.0", Bump::Major), "0.2.0");
        assert_eq!(next_version("0.1.0", Bump::Minor), "0.1.1");
        assert_eq!(next_version("0.1.3", Bump::Patch), "0.1.4");
        assert_eq!(next_version("1.2.3", Bump::Major), "2.0.0");
        assert_eq!(next_version("1.2.3", Bump::Minor), "1.3.0");
        assert_eq!(next_version("1.2.3", Bump::None), "1.2.3");
    }

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(parse_version("0.10.2"), Some((0, 10, 2)));
        assert_eq!(parse_version("1.0.0-rc.1"), None);
        assert_eq!(parse_version("1.0"), None);
        assert_eq!(max_version("0.1.9", "0.1.10"), "0.1.10");
        assert_eq!(max_version("0.2.0", "0.1.10"), "0.2.0");
    }
}
