//! `[facts]` (the extra columns a page has) and `[columns]` (which header holds each role).

use toml::de::DeValue;

use super::{Reader, TomlSpanned, sorted};
use crate::model::{ColumnName, Columns, Facts, Role};

impl Reader<'_> {
    /// Reads `[columns]`: the header text of each role's column.
    pub(super) fn columns(&mut self, value: &TomlSpanned<DeValue<'_>>, facts: &Facts) -> Columns {
        let mut columns = Columns::default();
        let Some(table) = self.table(value, "`columns`") else { return columns };
        let roles = Role::all(facts);
        let keys: Vec<&str> = roles.iter().map(|role| role.key(facts)).collect();
        for (key, value) in sorted(table) {
            let Some(&role) = roles.iter().find(|role| role.key(facts) == key.get_ref().as_ref()) else {
                self.unknown_key(key, key.get_ref(), &keys);
                continue;
            };
            if let Some(header) = self.string(value, "a column's header text") {
                columns.named.push(ColumnName { role, key: self.span(key.span()), header });
            }
        }
        columns
    }

    /// Reads `[facts]`: each a method name and the header of the column that holds its values.
    pub(super) fn facts(&mut self, value: &TomlSpanned<DeValue<'_>>, facts: &mut Facts) {
        let Some(table) = self.table(value, "`facts`") else { return };
        for (key, value) in sorted(table) {
            let Some(header) = self.string(value, "a column's header text") else { continue };
            if let Err((message, help)) = facts.declare(key.get_ref(), &header.value) {
                self.error(key.span(), message, &help);
            }
        }
    }
}
