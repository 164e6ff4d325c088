//! Reading a section keyed by code, including string codes TOML split at their dots.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Keyed, Reader, TomlSpanned, sorted};
use crate::codes;
use crate::model::{CodeKey, CodeKind, Spanned};

impl Reader<'_> {
    /// Reads a table keyed by code: each key as a code of `kind`, with its value. `is_entry`
    /// tells a value from a table a dotted key made: an unquoted string code with a `.`, which
    /// is reported with the quotes to add and read as the code it spells.
    pub(super) fn by_code<'v, 'i>(
        &mut self,
        value: &'v TomlSpanned<DeValue<'i>>,
        section: &str,
        kind: CodeKind,
        is_entry: fn(&DeValue<'_>) -> bool,
    ) -> Vec<(Spanned<CodeKey>, &'v TomlSpanned<DeValue<'i>>)> {
        let Some(table) = self.table(value, &format!("`{section}`")) else { return Vec::new() };
        let mut keyed = Vec::new();
        for (key, value) in sorted(table) {
            match value.get_ref() {
                DeValue::Table(nested) if kind == CodeKind::String && !is_entry(value.get_ref()) => {
                    self.dotted((key.get_ref().to_string(), 1), nested, is_entry, &mut keyed);
                }
                _ => keyed.push((key.get_ref().to_string(), key.span(), value)),
            }
        }
        let mut entries = Vec::new();
        for (text, span, value) in keyed {
            match codes::read_key(&text, kind) {
                Ok(code) => entries.push((Spanned::new(code, self.span(span)), value)),
                Err(error) => self.error(span, format!("in `[{section}]`: {}", error.message), &error.help),
            }
        }
        entries
    }

    /// Collects the entries of a table a dotted key made under their whole path, reporting each;
    /// `parts` counts the path's parts so far.
    pub(super) fn dotted<'v, 'i>(
        &mut self,
        (path, parts): (String, usize),
        table: &'v DeTable<'i>,
        is_entry: fn(&DeValue<'_>) -> bool,
        keyed: &mut Vec<Keyed<'v, 'i>>,
    ) {
        for (key, value) in sorted(table) {
            let path = format!("{path}.{}", key.get_ref());
            if let DeValue::Table(nested) = value.get_ref()
                && !is_entry(value.get_ref())
            {
                self.dotted((path, parts + 1), nested, is_entry, keyed);
                continue;
            }
            let span = self.dotted_span(key.span(), parts + 1);
            let message = format!("the string code `{path}` is written as a dotted key, which TOML splits at each `.`");
            let help = format!("put the code in quotes: `{}`", CodeKey::Str(path.clone()).toml_key());
            self.error(span.clone(), message, &help);
            keyed.push((path, span, value));
        }
    }

    /// The span of a dotted key of `parts` parts from its last part's span, as far back as it
    /// is written in one piece.
    pub(super) fn dotted_span(&self, last: Range<usize>, parts: usize) -> Range<usize> {
        let bare = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-');
        let mut start = last.start;
        for _ in 1..parts {
            let Some(before) =
                self.text.get(..start).and_then(|text| text.trim_end_matches([' ', '\t']).strip_suffix('.'))
            else {
                break;
            };
            let before = before.trim_end_matches([' ', '\t']);
            let part = before.trim_end_matches(bare);
            if part.len() == before.len() {
                break;
            }
            start = part.len();
        }
        start..last.end
    }
}

/// Whether a value is an entry's, not a table a dotted key made (names, lists, numbers).
pub(super) fn is_value(value: &DeValue<'_>) -> bool {
    !matches!(value, DeValue::Table(table) if !table.is_empty())
}

/// The same for `[retired]`: a table holding anything but tables is an entry.
pub(super) fn has_values(value: &DeValue<'_>) -> bool {
    match value {
        DeValue::Table(table) => {
            table.is_empty() || table.values().any(|value| !matches!(value.get_ref(), DeValue::Table(_)))
        }
        _ => true,
    }
}
