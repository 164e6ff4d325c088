//! Reading one TOML value as the type a key wants, and reporting a key nobody reads.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Reader, TomlSpanned};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKey, CodeKind, Spanned};

impl Reader<'_> {
    pub(super) fn span(&self, span: Range<usize>) -> Range<usize> {
        self.offsets.original(span)
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: String, help: &str) {
        let span = self.span(span);
        self.diagnostics.push(Diagnostic::new(self.file, span, message).help(help));
    }

    pub(super) fn unknown_key<T>(&mut self, key: &TomlSpanned<T>, name: &str, known: &[&str]) {
        let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        let help = match known.iter().find(|k| edit_distance(name, k) <= 2) {
            Some(close) => format!("did you mean `{close}`? The keys allowed here are {}", listed.join(", ")),
            None => format!("the keys allowed here are {}", listed.join(", ")),
        };
        self.error(key.span(), format!("unknown key `{name}`"), &help);
    }

    pub(super) fn table<'v, 'i>(&mut self, value: &'v TomlSpanned<DeValue<'i>>, what: &str) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.error(
                    value.span(),
                    format!("{what} must be a table"),
                    &format!("write {what} as a `[section]` or `{{ ... }}`"),
                );
                None
            }
        }
    }

    pub(super) fn integer(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Option<Spanned<i64>> {
        let span = self.span(value.span());
        match value.get_ref() {
            DeValue::Integer(integer) => match i64::from_str_radix(integer.as_str(), integer.radix()) {
                Ok(n) => Some(Spanned::new(n, span)),
                Err(_) => {
                    self.error(
                        value.span(),
                        format!("{what} does not fit a 64-bit signed integer"),
                        "use a smaller number",
                    );
                    None
                }
            },
            _ => {
                self.error(
                    value.span(),
                    format!("{what} must be an integer"),
                    &format!("write {what} as a number without quotes"),
                );
                None
            }
        }
    }

    /// Reads a string code, which TOML writes as a string.
    pub(super) fn string_code(&mut self, item: &TomlSpanned<DeValue<'_>>) -> Option<Spanned<CodeKey>> {
        let code = self.string(item, "a code")?;
        match codes::read_string(&code.value) {
            Ok(text) => Some(Spanned::new(CodeKey::Str(text), code.span)),
            Err(error) => {
                self.diagnostics.push(Diagnostic::new(self.file, code.span, error.message).help(error.help));
                None
            }
        }
    }

    pub(super) fn string(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(text) => Some(Spanned::new(text.to_string(), self.span(value.span()))),
            _ => {
                self.error(value.span(), format!("{what} must be a string"), &format!("write {what} in quotes"));
                None
            }
        }
    }

    /// Reads a list of single codes: integers, or string codes in quotes.
    pub(super) fn codes(
        &mut self,
        value: &TomlSpanned<DeValue<'_>>,
        what: &str,
        kind: CodeKind,
    ) -> Vec<Spanned<CodeKey>> {
        let DeValue::Array(items) = value.get_ref() else {
            let help = match kind {
                CodeKind::Integer => "write it as `[9061, 190310]`",
                CodeKind::String => "write it as `[\"LimitExceeded\", \"RequestLimitExceeded\"]`",
            };
            self.error(value.span(), format!("{what} must be a list of codes"), help);
            return Vec::new();
        };
        let read = |reader: &mut Self, item| match kind {
            CodeKind::Integer => {
                reader.integer(item, "a code").map(|code| Spanned::new(CodeKey::Int(code.value), code.span))
            }
            CodeKind::String => reader.string_code(item),
        };
        items.iter().filter_map(|item| read(self, item)).collect()
    }

    pub(super) fn boolean(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Option<Spanned<bool>> {
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(Spanned::new(*flag, self.span(value.span()))),
            _ => {
                self.error(
                    value.span(),
                    format!("{what} must be `true` or `false`"),
                    &format!("write `{what} = true`"),
                );
                None
            }
        }
    }

    pub(super) fn strings(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Vec<Spanned<String>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(value.span(), format!("{what} must be a list"), &format!("write {what} as `[\"...\"]`"));
            return Vec::new();
        };
        items.iter().filter_map(|item| self.string(item, "an item")).collect()
    }
}

/// Optimal string alignment distance: a swap of neighbours counts one (`nmaes`, `names`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1).min(row[j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("nmaes", "names"), 1);
        assert_eq!(edit_distance("stauts", "status"), 1);
        assert_eq!(edit_distance("codes", "codes"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("classes", "names"), 4);
    }
}
