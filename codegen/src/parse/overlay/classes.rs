//! `[classes]`: each class's HTTP status, codes and whether it is the default.

use toml::de::DeValue;

use super::{Reader, TomlSpanned, sorted};
use crate::codes;
use crate::model::{Class, CodeKey, CodeKind, Spanned};

impl Reader<'_> {
    pub(super) fn classes(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Class> {
        let Some(table) = self.table(value, "`classes`") else { return Vec::new() };
        let mut classes = Vec::new();
        for (key, value) in sorted(table) {
            let name = Spanned::new(key.get_ref().to_string(), self.span(key.span()));
            let Some(fields) = self.table(value, &format!("class `{}`", name.value)) else { continue };
            let mut status = None;
            let mut ranges = Vec::new();
            let mut default = None;
            for (field, value) in sorted(fields) {
                match field.get_ref().as_ref() {
                    "status" => status = self.integer(value, "`status`"),
                    "codes" => {
                        ranges = match kind {
                            CodeKind::Integer => self.ranges(value),
                            CodeKind::String => self.class_codes(value),
                        }
                    }
                    "default" => match value.get_ref() {
                        DeValue::Boolean(b) => default = Some(Spanned::new(*b, self.span(value.span()))),
                        _ => self.error(
                            value.span(),
                            "`default` must be `true` or `false`".to_owned(),
                            "write `default = true` on the class of every code no range names",
                        ),
                    },
                    other => self.unknown_key(field, other, &["status", "codes", "default"]),
                }
            }
            // A class without `status` groups codes without saying anything of HTTP.
            classes.push(Class { name, status, ranges, default });
        }
        classes
    }

    /// Reads `codes = [9003, "190001..=200006"]`: single codes and inclusive ranges.
    pub(super) fn ranges(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Vec<Spanned<(CodeKey, CodeKey)>> {
        let help = "write `codes` as a list of codes and inclusive ranges, e.g. `[9003, \"190001..=200006\"]`";
        let DeValue::Array(items) = value.get_ref() else {
            self.error(value.span(), "`codes` must be a list".to_owned(), help);
            return Vec::new();
        };
        let mut ranges = Vec::new();
        for item in items.iter() {
            let span = self.span(item.span());
            match item.get_ref() {
                DeValue::Integer(_) => {
                    if let Some(code) = self.integer(item, "a code") {
                        ranges.push(Spanned::new((CodeKey::Int(code.value), CodeKey::Int(code.value)), span));
                    }
                }
                DeValue::String(text) => match text.split_once("..=") {
                    Some((first, last)) => match (codes::read(first), codes::read(last)) {
                        (Ok(first), Ok(last)) if first <= last => {
                            ranges.push(Spanned::new((CodeKey::Int(first), CodeKey::Int(last)), span))
                        }
                        (Ok(first), Ok(last)) => self.error(
                            item.span(),
                            format!("range `{text}` is empty: {first} is greater than {last}"),
                            "write the smaller code first",
                        ),
                        (Err(error), _) | (_, Err(error)) => {
                            self.error(item.span(), format!("in range `{text}`: {}", error.message), &error.help)
                        }
                    },
                    None => self.error(item.span(), format!("`{text}` is not a range"), help),
                },
                _ => self.error(item.span(), "a code or a range was expected".to_owned(), help),
            }
        }
        ranges
    }

    /// Reads a class's string codes, listed one by one, since words have no ranges.
    pub(super) fn class_codes(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Vec<Spanned<(CodeKey, CodeKey)>> {
        let help =
            "write `codes` as a list of the class's codes, e.g. `[\"LimitExceeded\", \"AuthFailure.TokenFailure\"]`";
        let DeValue::Array(items) = value.get_ref() else {
            self.error(value.span(), "`codes` must be a list".to_owned(), help);
            return Vec::new();
        };
        let mut codes = Vec::new();
        for item in items.iter() {
            if let DeValue::String(text) = item.get_ref()
                && text.contains("..=")
            {
                self.error(
                    item.span(),
                    format!("`{text}` is a range, but string codes have no ranges"),
                    "list each code of the class by itself: a class of string codes names its codes one by one",
                );
                continue;
            }
            if let Some(code) = self.string_code(item) {
                codes.push(Spanned::new((code.value.clone(), code.value), code.span));
            }
        }
        codes
    }
}
