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
