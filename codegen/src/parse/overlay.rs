//! The overlay: a small TOML file holding the decisions the page does not make. Every key it
//! accepts is described in `docs/overlay.md`; this module reads them into [`crate::model::Overlay`].

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::model::{Naming, Overlay, Source, Spanned};
use crate::source::{Offsets, SourceFile, normalized};

mod by_code;
mod classes;
mod columns;
mod doc_options;
mod per_code;
mod values;

type TomlSpanned<T> = toml::Spanned<T>;

/// The keys allowed at the top of an overlay.
const TOP_LEVEL_KEYS: &[&str] =
    &["classes", "columns", "descriptions", "doc", "facts", "names", "naming", "retired", "renamed", "retryable"];

/// Reads an overlay file, reporting every key it does not know and every value of the wrong type.
pub fn overlay(file: &SourceFile) -> (Overlay, Vec<Diagnostic>) {
    // Reading the normalized text makes a CRLF file read as its LF twin; spans map back.
    let text = normalized(&file.text);
    let mut reader = Reader { file, text: &text, offsets: Offsets::new(&file.text), diagnostics: Vec::new() };
    let (root, errors) = DeTable::parse_recoverable(&text);
    for error in errors {
        let span = error.span().map_or(0..0, |span| reader.span(span));
        let message = error.message().lines().next().unwrap_or("invalid TOML").to_owned();
        reader.diagnostics.push(
            Diagnostic::new(file, span, format!("invalid TOML: {message}"))
                .help("fix the TOML syntax at this position"),
        );
    }
    let mut overlay = Overlay::default();
    let entries = sorted(root.get_ref());
    // `[doc] codes` says what every other section is keyed by, so `[doc]` is read first.
    if let Some((_, value)) = entries.iter().find(|(key, _)| key.get_ref().as_ref() == "doc") {
        overlay.doc = reader.doc_options(value);
    }
    // `[facts]` declares columns that `[columns]` may then name.
    if let Some((_, value)) = entries.iter().find(|(key, _)| key.get_ref().as_ref() == "facts") {
        reader.facts(value, &mut overlay.facts);
    }
    let kind = overlay.doc.code_kind();
    for (key, value) in entries {
        match key.get_ref().as_ref() {
            "classes" => overlay.classes = reader.classes(value, kind),
            "names" => overlay.names = reader.names(value, kind),
            "retired" => overlay.retired = reader.retired(value, kind),
            "renamed" => overlay.renamed = reader.renamed(value, kind),
            "retryable" => overlay.retryable = reader.codes(value, "`retryable`", kind),
            "doc" | "facts" => {}
            "columns" => overlay.columns = reader.columns(value, &overlay.facts),
            "descriptions" => overlay.descriptions = reader.descriptions(value, kind),
            "naming" => overlay.naming = reader.naming(value),
            other => match overlay.facts.in_overlay(other) {
                Some(fact) => overlay.fact_values.extend(reader.fact_values(value, (fact, &overlay.facts), kind)),
                None => {
                    let facts = overlay.facts.iter().filter(|(_, fact)| fact.source == Source::Overlay);
                    let known: Vec<&str> =
                        TOP_LEVEL_KEYS.iter().copied().chain(facts.map(|(_, fact)| fact.key.as_str())).collect();
                    reader.unknown_key(key, other, &known)
                }
            },
        }
    }
    (overlay, reader.diagnostics)
}

/// A table's entries in the file's order (the parser keeps them sorted by key).
fn sorted<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(&'a TomlSpanned<std::borrow::Cow<'i, str>>, &'a TomlSpanned<DeValue<'i>>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// An entry of a table keyed by code: its key, the key's span in the normalized text, its value.
type Keyed<'v, 'i> = (String, Range<usize>, &'v TomlSpanned<DeValue<'i>>);

struct Reader<'a> {
    file: &'a SourceFile,
    /// The normalized text the TOML parser reads; its spans index it.
    text: &'a str,
    offsets: Offsets,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    /// Reads `[naming]`: `strip_prefix` and `fallback`.
    fn naming(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Naming {
        let mut naming = Naming::default();
        let Some(table) = self.table(value, "`naming`") else { return naming };
        for (key, value) in sorted(table) {
            match key.get_ref().as_ref() {
                "strip_prefix" => naming.strip_prefix = self.string(value, "`strip_prefix`"),
                "fallback" => {
                    let Some(fallback) = self.string(value, "`fallback`") else { continue };
                    if fallback.value == "code" {
                        naming.fallback_to_code = Some(Spanned::new(true, fallback.span));
                    } else {
                        self.diagnostics.push(
                            Diagnostic::new(self.file, fallback.span, format!("unknown fallback `{}`", fallback.value))
                                .help("the one fallback is `fallback = \"code\"`: name a code after itself (`E9003`)"),
                        );
                    }
                }
                other => self.unknown_key(key, other, &["strip_prefix", "fallback"]),
            }
        }
        naming
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeKey, CodeKind};

    fn read(text: &str) -> (Overlay, Vec<String>) {
        let (overlay, diagnostics) = overlay(&SourceFile::new("o.toml", text));
        (overlay, diagnostics.into_iter().map(|diagnostic| diagnostic.message).collect())
    }

    #[test]
    fn doc_decides_the_kind_of_every_key_wherever_it_is_written() {
        let (overlay, problems) = read(
            "retryable = [\"LimitExceeded\"]\n[names]\n\"AuthFailure.SignatureExpire\" = \"Signature expired\"\n\
             InternalError = \"Internal error\"\n[doc]\ncodes = \"string\"\n[doc.pick]\nInternalError = 2\n",
        );
        assert_eq!(problems, Vec::<String>::new());
        let str = |code: &str| CodeKey::Str(code.to_owned());
        let names: Vec<&CodeKey> = overlay.names.iter().map(|name| &name.code.value).collect();
        assert_eq!(names, [&str("AuthFailure.SignatureExpire"), &str("InternalError")]);
        assert_eq!(overlay.retryable[0].value, str("LimitExceeded"));
        assert_eq!(overlay.doc.pick[0].0.value, str("InternalError"));
        assert_eq!(overlay.doc.code_kind(), CodeKind::String);
    }

    #[test]
    fn integer_keys_read_as_before() {
        let (overlay, problems) = read(
            "retryable = [9061]\n[names]\n9003 = \"A\"\n\"9004\" = \"B\"\n[classes.c]\nstatus = 400\n\
             codes = [7, \"1..=5\"]\n",
        );
        assert_eq!(problems, Vec::<String>::new());
        let names: Vec<&CodeKey> = overlay.names.iter().map(|name| &name.code.value).collect();
        assert_eq!(names, [&CodeKey::Int(9003), &CodeKey::Int(9004)]);
        let ranges: Vec<&(CodeKey, CodeKey)> = overlay.classes[0].ranges.iter().map(|range| &range.value).collect();
        assert_eq!(ranges, [&(CodeKey::Int(7), CodeKey::Int(7)), &(CodeKey::Int(1), CodeKey::Int(5))]);
        let (_, problems) = read("retryable = [\"9061\"]\n[names]\nLimitExceeded = \"A\"\n");
        assert_eq!(
            problems,
            ["a code must be an integer", "in `[names]`: code `LimitExceeded` is not a decimal integer"]
        );
    }

    #[test]
    fn string_codes_are_checked_where_they_are_written() {
        let (overlay, problems) = read(
            "retryable = [9061, \"9 x\"]\n[doc]\ncodes = \"string\"\n[classes.c]\nstatus = 400\n\
             codes = [\"A..=B\", \"C\"]\n[names]\nA.B.C = \"x\"\n",
        );
        assert_eq!(
            problems,
            [
                "a code must be a string",
                "code `9 x` is not a string code",
                "`A..=B` is a range, but string codes have no ranges",
                "the string code `A.B.C` is written as a dotted key, which TOML splits at each `.`",
            ]
        );
        assert_eq!(overlay.names[0].code.value, CodeKey::Str("A.B.C".to_owned()));
        assert_eq!(overlay.classes[0].ranges.len(), 1);
    }
}
