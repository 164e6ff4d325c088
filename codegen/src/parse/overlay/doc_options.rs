//! `[doc]`: which table to read, the kind of codes, rows left out, where else codes are
//! written (`ignore`, `codes_in`) and `[doc.sections]`.

use toml::de::DeValue;

use super::by_code::is_value;
use super::{Reader, TomlSpanned, sorted};
use crate::diagnostic::Diagnostic;
use crate::ident::{self, Case};
use crate::model::{CodeKind, CodesIn, DocOptions, Ignore, Section, Spanned};

/// The keys allowed under `[doc]`.
const DOC_KEYS: &[&str] =
    &["table", "merge", "codes", "skip", "pick", "url", "code_url", "ignore", "codes_in", "sections", "lang"];

impl Reader<'_> {
    /// Reads `[doc]`, `[doc.pick]` after the rest, since its keys are codes of the kind `codes` says.
    pub(super) fn doc_options(&mut self, value: &TomlSpanned<DeValue<'_>>) -> DocOptions {
        let mut options = DocOptions::default();
        let Some(table) = self.table(value, "`doc`") else { return options };
        let mut pick = None;
        for (key, value) in sorted(table) {
            match key.get_ref().as_ref() {
                "table" => options.table = self.string(value, "`table`"),
                "merge" => options.merge = self.boolean(value, "merge"),
                "codes" => {
                    let Some(kind) = self.string(value, "`codes`") else { continue };
                    match kind.value.as_str() {
                        "string" => options.codes = Some(Spanned::new(CodeKind::String, kind.span)),
                        "integer" => options.codes = Some(Spanned::new(CodeKind::Integer, kind.span)),
                        other => self.diagnostics.push(
                            Diagnostic::new(
                                self.file,
                                kind.span,
                                format!("`codes = \"{other}\"` is not a kind of code"),
                            )
                            .help("write `codes = \"integer\"` (the default) or `codes = \"string\"`"),
                        ),
                    }
                }
                "skip" => options.skip = self.strings(value, "`skip`"),
                "ignore" => options.ignore = self.ignore(value),
                "codes_in" => options.codes_in = self.codes_in(value),
                "sections" => options.sections = self.sections(value),
                "url" | "code_url" => {
                    let Some(address) = self.string(value, "an address") else { continue };
                    let checked = match key.get_ref().as_ref() {
                        "url" => crate::fact::check_page_url(&address.value),
                        _ => crate::fact::check_code_url(&address.value),
                    };
                    match checked {
                        Ok(()) if key.get_ref().as_ref() == "url" => options.url = Some(address),
                        Ok(()) => options.code_url = Some(address),
                        Err((message, help)) => {
                            self.diagnostics.push(Diagnostic::new(self.file, address.span, message).help(help))
                        }
                    }
                }
                // Its keys are codes of the kind `codes` says, which may come after it.
                "pick" => pick = Some(value),
                "lang" => {
                    let Some(lang) = self.string(value, "`lang`") else { continue };
                    match crate::translation::check_tag(&lang.value) {
                        Ok(()) => options.lang = Some(lang),
                        Err((message, help)) => self.error(value.span(), message, &help),
                    }
                }
                other => self.unknown_key(key, other, DOC_KEYS),
            }
        }
        if let Some(value) = pick {
            for (code, value) in self.by_code(value, "doc.pick", options.code_kind(), is_value) {
                if let Some(row) = self.integer(value, "the occurrence to pick") {
                    options.pick.push((code, row));
                }
            }
        }
        options
    }

    /// Reads `[doc] ignore`: lines the user has seen, each a line number or heading text.
    pub(super) fn ignore(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Vec<Spanned<Ignore>> {
        let help = "write `ignore` as a list of the lines where they start and of heading texts, e.g. \
                    `[12, \"Changelog\"]`";
        let DeValue::Array(items) = value.get_ref() else {
            self.error(value.span(), "`ignore` must be a list".to_owned(), help);
            return Vec::new();
        };
        let mut ignore = Vec::new();
        for item in items.iter() {
            let span = self.span(item.span());
            match item.get_ref() {
                DeValue::String(text) if text.trim().is_empty() => {
                    self.error(item.span(), "an empty heading text would ignore every section".to_owned(), help)
                }
                DeValue::String(text) => ignore.push(Spanned::new(Ignore::Heading(text.to_string()), span)),
                DeValue::Integer(_) => {
                    match self.integer(item, "a line number").map(|line| usize::try_from(line.value)) {
                        Some(Ok(line)) if line > 0 => ignore.push(Spanned::new(Ignore::Line(line), span)),
                        Some(_) => self.error(item.span(), "a line number counts from 1".to_owned(), help),
                        None => {}
                    }
                }
                _ => self.error(item.span(), "a line number or a heading's text was expected".to_owned(), help),
            }
        }
        ignore
    }

    /// Reads `[doc] codes_in`: where the page writes its codes.
    pub(super) fn codes_in(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Option<Spanned<CodesIn>> {
        let written = self.string(value, "`codes_in`")?;
        let codes_in = match written.value.as_str() {
            "tables" => CodesIn::Tables,
            "headings" => CodesIn::Headings,
            "list" => CodesIn::List,
            other => {
                let message = format!("`codes_in = \"{other}\"` is not a place codes are written");
                let help = "write `codes_in = \"headings\"` (`### 1000 text`), `\"list\"` (`- 1000 text`) or \
                            `\"tables\"` (the default)";
                self.diagnostics.push(Diagnostic::new(self.file, written.span, message).help(help));
                return None;
            }
        };
        Some(Spanned::new(codes_in, written.span))
    }

    /// Reads `[doc.sections]`: each module's name and the text of its section's heading.
    pub(super) fn sections(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Vec<Section> {
        let Some(table) = self.table(value, "`doc.sections`") else { return Vec::new() };
        let mut sections = Vec::new();
        for (key, value) in super::sorted(table) {
            let module = Spanned::new(key.get_ref().to_string(), self.span(key.span()));
            if ident::check(&module.value, Case::Snake).is_err() {
                let message = format!("`[doc.sections] {}` is no module name", module.value);
                let help = "name the section's module in snake_case, such as `partner_sdk = \"Partner SDK\"`";
                self.diagnostics.push(Diagnostic::new(self.file, module.span, message).help(help));
                continue;
            }
            if let Some(heading) = self.string(value, "a section's heading text") {
                sections.push(Section { module, heading });
            }
        }
        sections
    }
}
