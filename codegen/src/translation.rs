//! The page's versions in other languages (`spec/NAME.LANG.md` beside `spec/NAME.md`): each
//! read as the page is, its rows matched to the catalogue's codes, and its descriptions made a
//! fact of every code (`description_en`), which `description_in` returns, the catalogue shows
//! in a column of its own and the change report compares as it compares any text.
//!
//! A version must describe exactly the codes the page documents: a code it lacks, or one the
//! page does not list, is a diagnostic naming the code.

use std::collections::BTreeMap;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::fact::{Fact, Source, Value};
use crate::ident::{self, Case};
use crate::model::{Catalog, CodeKey, Columns, Doc, Facts, Overlay, Text};
use crate::parse;
use crate::source::SourceFile;

/// Whether `tag` is a language tag as the overlay's `[doc] lang` or a version's file name
/// (`spec/NAME.LANG.md`) gives it: a primary language of two or three lowercase letters, then
/// subtags of two to eight letters or digits (`en`, `pt-BR`, `zh-Hant`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && subtags.all(|subtag| (2..=8).contains(&subtag.len()) && subtag.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// [`is_language_tag`], with the message and help of a diagnostic when it is not one.
pub(crate) fn check_tag(tag: &str) -> Result<(), (String, String)> {
    if is_language_tag(tag) {
        return Ok(());
    }
    Err((
        format!("`{tag}` is no language tag"),
        "write the language as a tag such as `zh`, `en`, `ja` or `zh-Hant`".to_owned(),
    ))
}

/// The fact that holds the descriptions of the version in `lang`.
fn fact(lang: &str) -> Fact {
    Fact {
        key: format!("description_{}", lang.to_ascii_lowercase().replace('-', "_")),
        label: format!("Description ({lang})"),
        plural: format!("descriptions in `{lang}`"),
        summary: format!("The description in `{lang}`"),
        source: Source::Translation(lang.to_owned()),
        value: Value::Text,
        headers: Vec::new(),
        describes_when_alone: false,
    }
}

/// Reads each version (`(language tag, file)`) and gives every documented code of `catalog`
/// its description in that language, as a fact; the problems found, in the versions and in
/// how they match the page.
pub(crate) fn translate(
    catalog: &mut Catalog,
    overlay: &Overlay,
    (page, page_doc, overlay_file): (&SourceFile, &Doc, &SourceFile),
    versions: &[(&str, &SourceFile)],
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let Some(page_lang) = &overlay.doc.lang else {
        if let Some((lang, file)) = versions.first() {
            let message = format!(
                "{} is a version of {} in `{lang}`, but the page's own language is not given",
                file.path, page.path
            );
            let help = "say which language the page is written in, in the overlay: `[doc] lang = \"zh\"`";
            diagnostics.push(Diagnostic::new(overlay_file, 0..0, message).help(help));
        }
        return diagnostics;
    };
    for &(lang, file) in versions {
        if let Some(diagnostic) = encoding_or_tag(lang, file, &page_lang.value, overlay_file, page_lang.span.clone()) {
            diagnostics.push(diagnostic);
            continue;
        }
        let (texts, found) = read(file, overlay);
        diagnostics.extend(found);
        let fact = fact(lang);
        if catalog.facts.find(&fact.key).is_some() {
            continue;
        }
        let index = catalog.facts.len();
        catalog.facts.add(fact);
        diagnostics.extend(give(catalog, index, texts, Files { page, page_doc, version: file }));
    }
    diagnostics
}

/// The problem with a version that cannot be read at all: not UTF-8, a name that is no
/// language tag, or the page's own language.
fn encoding_or_tag(
    lang: &str,
    file: &SourceFile,
    page_lang: &str,
    overlay_file: &SourceFile,
    at: std::ops::Range<usize>,
) -> Option<Diagnostic> {
    if let Some(diagnostic) = crate::diagnostic::encoding_error(file) {
        return Some(diagnostic);
    }
    let key = format!("description_{}", lang.to_ascii_lowercase().replace('-', "_"));
    if let Err((message, help)) = check_tag(lang).and_then(|()| {
        ident::check(&key, Case::Snake).map_err(|_| (format!("`{lang}` makes no method name"), String::new()))
    }) {
        return Some(Diagnostic::new(file, 0..0, format!("{}: {message}", file.path)).help(help));
    }
    if lang == page_lang {
        let message = format!("{} is a version in `{lang}`, the page's own language", file.path);
        return Some(
            Diagnostic::new(overlay_file, at, message)
                .help("a version is the page in another language: rename it, or correct `[doc] lang`"),
        );
    }
    None
}

/// A code's description in a version, and where its row is.
type Texts = BTreeMap<CodeKey, (Text, std::ops::Range<usize>)>;

/// Reads a version as the page is read, with the overlay's settings that do not depend on
/// the page's words (the kind of code, rows skipped): a heading or header the overlay names
/// is the page's, so the version's table and columns are found by header synonyms.
fn read(file: &SourceFile, overlay: &Overlay) -> (Texts, Vec<Diagnostic>) {
    let mut reading = overlay.clone();
    reading.columns = Columns::default();
    reading.doc.table = None;
    reading.facts = Facts::default();
    let (doc, mut diagnostics) = parse::doc(file, &reading);
    let kind = overlay.doc.code_kind();
    let mut texts = Texts::new();
    for row in &doc.rows {
        let code = match codes::read_cell(&row.code, kind) {
            Ok(code) => code,
            Err(error) => {
                diagnostics.push(Diagnostic::new(file, row.code.span.clone(), error.message).help(error.help));
                continue;
            }
        };
        if row.description.text.trim().is_empty() {
            let message = format!("code {} has no description in {}", code.prose(), file.path);
            diagnostics.push(Diagnostic::new(file, row.span.clone(), message).help("write its description"));
            continue;
        }
        if let Some((_, first)) = texts.get(&code) {
            let message = format!("code {} is written twice in {}", code.prose(), file.path);
            let diagnostic = Diagnostic::new(file, row.code.span.clone(), message)
                .label(file, first.clone(), "first written here")
                .help("keep one row for it");
            diagnostics.push(diagnostic);
            continue;
        }
        let text = Text { markdown: row.description.markdown.clone(), text: row.description.text.clone() };
        texts.insert(code, (text, row.code.span.clone()));
    }
    (texts, diagnostics)
}

/// The page, what the parser made of it, and one of its versions.
struct Files<'a> {
    page: &'a SourceFile,
    page_doc: &'a Doc,
    version: &'a SourceFile,
}

/// Gives each documented code of `catalog` its text of `texts` as the fact at `index`; a
/// documented code without one, and a code the page does not document, are reported.
fn give(catalog: &mut Catalog, index: usize, mut texts: Texts, files: Files<'_>) -> Vec<Diagnostic> {
    let Files { page, page_doc, version: file } = files;
    let mut diagnostics = Vec::new();
    let facts = catalog.facts.len();
    let end = file.text.trim_end().len();
    let kind = catalog.code_kind;
    let page_row = |code: &CodeKey| {
        page_doc
            .rows
            .iter()
            .find(|row| codes::read_cell(&row.code, kind).as_ref() == Ok(code))
            .map(|row| row.span.clone())
    };
    for entry in catalog.entries.iter_mut().filter(|entry| entry.retired.is_none()) {
        match texts.remove(&entry.code) {
            Some((text, _)) => {
                entry.facts.resize(facts, None);
                entry.facts[index] = Some(text);
            }
            None => {
                let message = format!("{} lists code {}, but {} does not", page.path, entry.code.prose(), file.path);
                let help = format!("add a row for code {} to {}, with its description", entry.code.prose(), file.path);
                let mut diagnostic = Diagnostic::new(file, end..end, message).help(help);
                if let Some(span) = page_row(&entry.code) {
                    diagnostic = diagnostic.label(page, span, "the page's row");
                }
                diagnostics.push(diagnostic);
            }
        }
    }
    for (code, (_, span)) in texts {
        let message = format!("code {} is in {}, but {} does not list it", code.prose(), file.path, page.path);
        let help = format!("remove its row, or correct the code to one {} lists", page.path);
        diagnostics.push(Diagnostic::new(file, span, message).help(help));
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Colour, render};
    use crate::{Config, SourceFile};

    const OVERLAY: &str = "[doc]\nlang = \"zh\"\n\n[classes.service]\nstatus = 500\ndefault = true\n\n\
                           [names]\n9003 = \"Meeting not exist\"\n9004 = \"Meeting locked\"\n";

    fn page() -> SourceFile {
        SourceFile::new("spec/a.md", "| 错误码 | 说明 |\n| --- | --- |\n| 9003 | 会议不存在 |\n| 9004 | 会议已锁定 |\n")
    }

    #[test]
    fn a_version_gives_each_code_its_description_in_its_language() {
        let (page, overlay) = (page(), SourceFile::new("spec/a.toml", OVERLAY));
        let english = SourceFile::new(
            "spec/a.en.md",
            "## Errors (English)\n\n| Code | Description |\n| --- | --- |\n| 9004 | Meeting locked |\n| 9003 | No such meeting |\n",
        );
        let translations = [("en", &english)];
        let output = Config { doc: &page, overlay: &overlay, module: None, translations: &translations }.generate();
        let output = output
            .unwrap_or_else(|problems| panic!("{}", render(&problems, &[&page, &overlay, &english], Colour::Plain)));
        for expected in [
            "pub fn description_in(self, lang: &str)",
            "\"zh\" => self.description(),",
            "description_en: \"No such meeting\",",
            "/// *Description (en):* Meeting locked",
        ] {
            assert!(output.rust.contains(expected), "{expected}\nnot in\n{}", output.rust);
        }
        assert!(output.markdown.contains("| Description (en) |"), "{}", output.markdown);
    }

    #[test]
    fn codes_missing_from_a_version_or_only_in_it_are_named_where_they_are() {
        let (page, overlay) = (page(), SourceFile::new("spec/a.toml", OVERLAY));
        let english = SourceFile::new(
            "spec/a.en.md",
            "| Code | Description |\n| --- | --- |\n| 9003 | No such meeting |\n| 9005 | Meeting ended |\n",
        );
        let translations = [("en", &english)];
        let problems = Config { doc: &page, overlay: &overlay, module: None, translations: &translations }.check();
        let rendered = render(&problems.unwrap_err(), &[&page, &overlay, &english], Colour::Plain);
        for expected in [
            "error: spec/a.md lists code 9004, but spec/a.en.md does not\n --> spec/a.en.md:4:",
            "spec/a.md:4:1",
            "help: add a row for code 9004 to spec/a.en.md, with its description",
            "error: code 9005 is in spec/a.en.md, but spec/a.md does not list it\n --> spec/a.en.md:4:3",
        ] {
            assert!(rendered.contains(expected), "{expected}\nnot in\n{rendered}");
        }
    }

    #[test]
    fn a_version_needs_the_pages_own_language() {
        let page = page();
        let overlay = SourceFile::new("spec/a.toml", OVERLAY.replace("[doc]\nlang = \"zh\"\n\n", ""));
        let english =
            SourceFile::new("spec/a.en.md", "| Code | Description |\n| --- | --- |\n| 9003 | x |\n| 9004 | y |\n");
        let translations = [("en", &english)];
        let problems = Config { doc: &page, overlay: &overlay, module: None, translations: &translations }.check();
        let rendered = render(&problems.unwrap_err(), &[&page, &overlay, &english], Colour::Plain);
        assert!(rendered.contains("but the page's own language is not given"), "{rendered}");
        assert!(rendered.contains("`[doc] lang = \"zh\"`"), "{rendered}");
    }
}
