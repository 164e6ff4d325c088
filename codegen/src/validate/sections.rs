//! The sections of a page: those a code is written in, named by the headings above its rows,
//! and those `[doc.sections]` makes modules of.

use super::Inputs;
use crate::diagnostic::Diagnostic;
use crate::model::Row;

/// A page of `[doc.sections]` read whole, which must be generated a section at a time.
pub(super) fn unread_sections(inputs: &Inputs<'_>) -> Option<Diagnostic> {
    let options = &inputs.overlay.doc;
    let first = options.sections.first().filter(|_| options.reading.is_none())?;
    let modules: Vec<String> = options.sections.iter().map(|section| format!("`{}`", section.module.value)).collect();
    let message = format!("this page makes a module of each section ({}), not one module", modules.join(", "));
    let help = "generate each section by itself (`Config::generate_section`); to make one module of the page, \
                remove `[doc.sections]` and read its tables with `[doc] table` or `merge = true`";
    Some(inputs.in_overlay(first.module.span.clone(), message).help(help))
}

/// The sections a code's rows are in, as a sentence lists them; `None` when in one.
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

/// What a message about a code's rows adds when they are in several sections.
pub(crate) fn under_sections(sections: Option<&str>) -> String {
    sections.map(|sections| format!(" (under {sections})")).unwrap_or_default()
}

/// What the label of one of those rows adds: `, under "B"`.
pub(crate) fn under_section(sections: Option<&str>, row: &Row) -> String {
    match (sections, &row.section) {
        (Some(_), Some(section)) => format!(", under \"{section}\""),
        _ => String::new(),
    }
}
