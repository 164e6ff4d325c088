//! The sections keyed by code: `[names]`, `[retired]`, `[renamed]`, `[descriptions]` and a
//! fact's values (`[rate_limit_window]`).

use toml::de::DeValue;

use super::by_code::{has_values, is_value};
use super::{Reader, TomlSpanned, sorted};
use crate::diagnostic::Diagnostic;
use crate::model::{CodeKind, FactValue, Facts, GivenDescription, Name, Renamed, Retired, Spanned};

impl Reader<'_> {
    /// Reads `[names]`: each code's English name.
    pub(super) fn names(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Name> {
        let mut names = Vec::new();
        for (code, value) in self.by_code(value, "names", kind, is_value) {
            match value.get_ref() {
                DeValue::String(name) => {
                    names.push(Name { code, name: Spanned::new(name.to_string(), self.span(value.span())) })
                }
                _ => self.error(
                    value.span(),
                    format!("the name of code {} must be a string", code.value.prose()),
                    "write the English name in quotes, e.g. `9003 = \"Meeting not exist\"`",
                ),
            }
        }
        names
    }

    /// Reads `[retired.CODE]` tables, each with a `reason` and the last `description`.
    pub(super) fn retired(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Retired> {
        let mut retired = Vec::new();
        for (code, value) in self.by_code(value, "retired", kind, has_values) {
            let Some(fields) = self.table(value, &format!("`retired.{}`", code.value.toml_key())) else { continue };
            let (mut reason, mut description) = (None, None);
            for (field, value) in sorted(fields) {
                match field.get_ref().as_ref() {
                    "reason" => reason = self.string(value, "`reason`"),
                    "description" => description = self.string(value, "`description`"),
                    other => self.unknown_key(field, other, &["reason", "description"]),
                }
            }
            match (reason, description) {
                (Some(reason), Some(description)) => retired.push(Retired { code, reason, description }),
                (reason, _) => {
                    let missing = if reason.is_none() { "reason" } else { "description" };
                    let message = format!("retired code {} has no `{missing}`", code.value.prose());
                    let help =
                        "give a retired code `reason = \"why it is gone\"` and its last `description` from the doc";
                    self.diagnostics.push(Diagnostic::new(self.file, code.span, message).help(help));
                }
            }
        }
        retired
    }

    /// Reads `[renamed]`: each code's former variant names.
    pub(super) fn renamed(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Renamed> {
        let mut renamed = Vec::new();
        for (code, value) in self.by_code(value, "renamed", kind, is_value) {
            let help = "list the former variant names, e.g. `9003 = [\"MeetingMissing\"]`";
            let DeValue::Array(items) = value.get_ref() else {
                let message = format!("the former names of code {} must be a list", code.value.prose());
                self.error(value.span(), message, help);
                continue;
            };
            let former = items.iter().filter_map(|item| self.string(item, "a former variant name")).collect();
            renamed.push(Renamed { code, former });
        }
        renamed
    }

    /// Reads a fact's section: each code's value, checked as the fact's kind of value.
    pub(super) fn fact_values(
        &mut self,
        value: &TomlSpanned<DeValue<'_>>,
        (fact, facts): (usize, &Facts),
        kind: CodeKind,
    ) -> Vec<FactValue> {
        let declared = facts.get(fact);
        let mut values = Vec::new();
        for (code, value) in self.by_code(value, &declared.key, kind, is_value) {
            let what = format!("the {} of code {}", declared.label.to_lowercase(), code.value.prose());
            let Some(text) = self.string(value, &what) else { continue };
            match declared.value.check(&text.value) {
                Ok(()) => values.push(FactValue { fact, code, value: text }),
                Err((message, help)) => self.error(value.span(), format!("{what}: {message}"), &help),
            }
        }
        values
    }

    /// Reads `[descriptions]`: the text of codes whose description cell is empty.
    pub(super) fn descriptions(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<GivenDescription> {
        let mut descriptions = Vec::new();
        for (code, value) in self.by_code(value, "descriptions", kind, is_value) {
            match value.get_ref() {
                DeValue::String(text) => descriptions
                    .push(GivenDescription { code, text: Spanned::new(text.to_string(), self.span(value.span())) }),
                _ => self.error(
                    value.span(),
                    format!("the description of code {} must be a string", code.value.prose()),
                    "write the description in quotes, e.g. `9003 = \"会议不存在\"`",
                ),
            }
        }
        descriptions
    }
}
