//! The sections of a page a code is written in, named by the headings above its rows.

use crate::model::Row;

/// The sections (the headings above them) a code's rows are in, in page order and each once,
/// as a sentence lists them (`"Trade" and "Partner SDK"`); `None` when they are all in one.
pub(crate) fn sections(rows: &[&Row]) -> Option<String> {
    let mut distinct: Vec<&str> = Vec::new();
    for section in rows.iter().filter_map(|row| row.section.as_deref()) {
        if !distinct.contains(&section) {
            distinct.push(section);
        }
    }
    let quoted: Vec<String> = distinct.iter().map(|section| format!("\"{section}\"")).collect();
    match quoted.as_slice() {
        [] | [_] => None,
        [first @ .., last] => Some(format!("{} and {last}", first.join(", "))),
    }
}

/// What a message about a code's rows adds when they are in several sections: ` (under "A"
/// and "B")`; nothing otherwise.
pub(crate) fn under_sections(sections: Option<&str>) -> String {
    sections.map(|sections| format!(" (under {sections})")).unwrap_or_default()
}

/// What the label of one of those rows adds: `, under "B"`, when the rows are in several
/// sections.
pub(crate) fn under_section(sections: Option<&str>, row: &Row) -> String {
    match (sections, &row.section) {
        (Some(_), Some(section)) => format!(", under \"{section}\""),
        _ => String::new(),
    }
}
