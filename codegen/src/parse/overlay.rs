//! The overlay: a small TOML file holding the decisions the doc does not make.
//!
//! ```toml
//! [classes.request]      # the doc's "API request errors"
//! status = 400
//! codes = ["190001..=200006"]
//!
//! [classes.service]      # the doc's "service errors"
//! status = 500
//! default = true         # every code in no other class
//!
//! [names]
//! 9003 = "Meeting not exist"
//! 9004 = "Meeting locked"
//!
//! [retired.9004]         # the doc no longer lists it; the variant stays, deprecated
//! reason = "No longer documented; the service answers 9003 instead."
//! description = "会议已锁定"
//!
//! [renamed]              # former variant names, kept as deprecated aliases
//! 9003 = ["MeetingMissing"]
//!
//! retryable = [9061]     # worth retrying later (rate limits)
//! ```
//!
//! Top-level keys (`retryable`) must come before the first `[table]`, as TOML requires.
//!
//! For other vendors' pages (each key optional):
//!
//! ```toml
//! [doc]
//! table = "业务错误码"          # read the table under the heading holding this text
//! merge = true                 # or read every table with code and description columns
//! codes = "string"             # codes such as `OperationDenied.Suspended` ("integer" by default)
//! skip = ["301000~301099"]     # code cells whose rows are left out on purpose (ranges)
//! url = "https://example.com/errors/"   # the page's address: relative code links resolve
//! lang = "zh"                  # the page's language, beside its versions in others
//! code_url = "https://example.com/errors#{code}"  # or each code's address, for `doc_url()`
//! ignore = [12, "Changelog"]   # lines seen and not to be read, by line or heading text
//! codes_in = "headings"        # codes in headings (`### -1000 UNKNOWN`) or list items
//!
//! [doc.sections]               # one page, several code spaces: a module per section,
//! partner_sdk = "Partner SDK"  # named by text of the heading above its tables
//!
//! [doc.pick]                   # a code written twice: which occurrence counts (1-based);
//! 4000 = 2                     # without it, the texts of all its rows are joined
//!
//! [columns]                    # header text of each role's column, where synonyms fail
//! code = "模块错误码"            # also `description`, `name`, `http`, and each fact's key
//!
//! [facts]                      # another column of the page, as `ErrorCode::sqlstate()`:
//! sqlstate = "SQLSTATE"        # the method (snake_case) = the column's header
//!
//! [descriptions]               # a code whose description cell is empty: its text, e.g.
//! 4001 = "没有权限"              # from the vendor's page in another language
//!
//! [rate_limit_window]          # the span a rate limit counts calls over, where the page
//! 190310 = "1 minute"          # says it (每分钟), for `rate_limit_window()`: a whole number
//! 190311 = "1 day"             # of seconds, minutes, hours or days ("30 seconds", "2 hours")
//!
//! [naming]
//! strip_prefix = "kTMSDKError" # taken off the doc's name column
//! fallback = "code"            # name codes nobody named after the code: `E9003`
//! ```
//!
//! Nothing on the page that may document codes is dropped without a word: lines that look
//! like a table but are not one (no delimiter row, one that does not fit the header, rows
//! under a list that ends a table), headings that start with a code (`### -1000 UNKNOWN`)
//! and list items that do (`- 1000 Unknown error`) are each reported at their first line.
//! `ignore` says the user has seen them and they hold no codes to read: an entry is the line
//! they start at (as the diagnostic gives it) or text of the heading above them. Codes in
//! headings are read with `codes_in = "headings"` (the heading's text after the code is the
//! description, the items of the list under it are its messages), those in list items with
//! `codes_in = "list"` (the item's text after the code is the description); tables are then
//! not read. A code cell struck through (`~~10018~~`) is a code the page shows deprecated:
//! it is generated with `#[deprecated]`, with no overlay entry.
//!
//! Names come from `[names]`, else the doc's name column, else (only with `fallback`) the
//! code. HTTP statuses come from the doc's HTTP column when it has one (each distinct status
//! is then an `ErrorKind`, `Status404`; a cell that is empty or `-` gives its code none), else
//! from `[classes]`. Both are optional: a page that says nothing of HTTP (an SDK's callbacks,
//! codes sent with any status) needs no `[classes]`, and the enum then has no `kind()` and no
//! HTTP method; a class without `status` groups its codes (`kind()`) without an HTTP status:
//!
//! ```toml
//! [classes.business]           # no `status`: a group, not an HTTP status
//! default = true
//! ```
//!
//! A `[columns]` entry must name a header the page has, and no column twice. A code cell
//! listing several codes (`4702, 4704`, `201、202`) documents each of them with the row's
//! text; a range (`301000~301099`) is refused until `skip` leaves its row out, and then
//! describes the unknown codes in it (`description()` of `ErrorCode::Unknown(301005)` is the
//! range's).
//!
//! A page may have versions in other languages beside it (`errors.en.md` for `errors.md`;
//! [`crate::Config::translations`]), read by header synonyms and matched by code: with them,
//! `[doc] lang` names the page's own language, and `description_in` returns each version's
//! description.
//!
//! In a doc of string codes (`[doc] codes = "string"`) every section keyed by code works the
//! same way, with the codes in quotes (unquoted, TOML splits a key at each `.`), and a class
//! lists its codes one by one, since words have no ranges:
//!
//! ```toml
//! retryable = ["LimitExceeded"]
//!
//! [doc]
//! codes = "string"
//!
//! [classes.auth]
//! status = 401
//! codes = ["AuthFailure.SignatureExpire", "AuthFailure.TokenFailure"]
//!
//! [names]
//! "AuthFailure.SignatureExpire" = "Signature expired"
//!
//! [retired."AuthFailure.TokenFailure"]
//! reason = "No longer documented."
//! description = "Token verification failed."
//!
//! [renamed]
//! "LimitExceeded" = ["QuotaExceeded"]
//! ```

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::{
    Class, CodeKey, CodeKind, ColumnName, Columns, DocOptions, FactValue, Facts, GivenDescription, Name, Naming,
    Overlay, Renamed, Retired, Role, Source, Spanned,
};
use crate::source::{Offsets, SourceFile, normalized};

mod unread_keys;

type TomlSpanned<T> = toml::Spanned<T>;

/// The keys allowed at the top of an overlay.
const TOP_LEVEL_KEYS: &[&str] =
    &["classes", "columns", "descriptions", "doc", "facts", "names", "naming", "retired", "renamed", "retryable"];

/// The keys allowed under `[doc]`.
const DOC_KEYS: &[&str] =
    &["table", "merge", "codes", "skip", "pick", "url", "code_url", "ignore", "codes_in", "sections", "lang"];

/// Reads an overlay file, reporting every key it does not know and every value of the wrong type.
pub fn overlay(file: &SourceFile) -> (Overlay, Vec<Diagnostic>) {
    // The parser reads the normalized text, so a CRLF file reads and fails exactly as its
    // LF twin; spans are mapped back to the file as given.
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
    // `[doc] codes` says what kind of code every other section is keyed by, so `[doc]` is
    // read first, wherever it is written.
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

/// An entry of a table keyed by code: the key's text, its span in the normalized text, and
/// its value.
type Keyed<'v, 'i> = (String, Range<usize>, &'v TomlSpanned<DeValue<'i>>);

struct Reader<'a> {
    file: &'a SourceFile,
    /// The normalized text the TOML parser reads; its spans index it.
    text: &'a str,
    offsets: Offsets,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, span: Range<usize>) -> Range<usize> {
        self.offsets.original(span)
    }

    fn error(&mut self, span: Range<usize>, message: String, help: &str) {
        let span = self.span(span);
        self.diagnostics.push(Diagnostic::new(self.file, span, message).help(help));
    }

    fn unknown_key<T>(&mut self, key: &TomlSpanned<T>, name: &str, known: &[&str]) {
        let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        let help = match known.iter().find(|k| edit_distance(name, k) <= 2) {
            Some(close) => format!("did you mean `{close}`? The keys allowed here are {}", listed.join(", ")),
            None => format!("the keys allowed here are {}", listed.join(", ")),
        };
        self.error(key.span(), format!("unknown key `{name}`"), &help);
    }

    fn table<'v, 'i>(&mut self, value: &'v TomlSpanned<DeValue<'i>>, what: &str) -> Option<&'v DeTable<'i>> {
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

    fn integer(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Option<Spanned<i64>> {
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

    fn classes(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Class> {
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
    fn ranges(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Vec<Spanned<(CodeKey, CodeKey)>> {
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

    /// Reads `codes = ["LimitExceeded", "AuthFailure.TokenFailure"]`: a class of string codes
    /// lists them one by one, since words have no ranges.
    fn class_codes(&mut self, value: &TomlSpanned<DeValue<'_>>) -> Vec<Spanned<(CodeKey, CodeKey)>> {
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

    /// Reads a string code, which TOML writes as a string.
    fn string_code(&mut self, item: &TomlSpanned<DeValue<'_>>) -> Option<Spanned<CodeKey>> {
        let code = self.string(item, "a code")?;
        match codes::read_string(&code.value) {
            Ok(text) => Some(Spanned::new(CodeKey::Str(text), code.span)),
            Err(error) => {
                self.diagnostics.push(Diagnostic::new(self.file, code.span, error.message).help(error.help));
                None
            }
        }
    }

    /// Reads `[names]`: each code's English name.
    fn names(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Name> {
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

    fn string(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(text) => Some(Spanned::new(text.to_string(), self.span(value.span()))),
            _ => {
                self.error(value.span(), format!("{what} must be a string"), &format!("write {what} in quotes"));
                None
            }
        }
    }

    /// Reads a table keyed by code: each key read as a code of `kind`, with its value.
    /// `is_entry` tells a key's value from a table a dotted key made.
    ///
    /// In a doc of string codes, an unquoted key with a `.` (`AuthFailure.SignatureExpire =`)
    /// is a dotted key, which TOML splits into nested tables. It is reported with the quotes
    /// to add, and read as the code it spells, so that nothing else is reported about it.
    fn by_code<'v, 'i>(
        &mut self,
        value: &'v TomlSpanned<DeValue<'i>>,
        section: &str,
        kind: CodeKind,
        is_entry: fn(&DeValue<'_>) -> bool,
    ) -> Vec<(Spanned<CodeKey>, &'v TomlSpanned<DeValue<'i>>)> {
        let Some(table) = self.table(value, &format!("`{section}`")) else { return Vec::new() };
        let mut keyed = Vec::new();
        for (key, value) in sorted(table) {
            match value.get_ref() {
                DeValue::Table(nested) if kind == CodeKind::String && !is_entry(value.get_ref()) => {
                    self.dotted((key.get_ref().to_string(), 1), nested, is_entry, &mut keyed);
                }
                _ => keyed.push((key.get_ref().to_string(), key.span(), value)),
            }
        }
        let mut entries = Vec::new();
        for (text, span, value) in keyed {
            match codes::read_key(&text, kind) {
                Ok(code) => entries.push((Spanned::new(code, self.span(span)), value)),
                Err(error) => self.error(span, format!("in `[{section}]`: {}", error.message), &error.help),
            }
        }
        entries
    }

    /// Collects the entries of a table a dotted key made, each under the whole dotted path
    /// (`AuthFailure.SignatureExpire`), and reports each with the quotes to add.
    /// `(path, parts)` is the dotted path so far and its number of parts.
    fn dotted<'v, 'i>(
        &mut self,
        (path, parts): (String, usize),
        table: &'v DeTable<'i>,
        is_entry: fn(&DeValue<'_>) -> bool,
        keyed: &mut Vec<Keyed<'v, 'i>>,
    ) {
        for (key, value) in sorted(table) {
            let path = format!("{path}.{}", key.get_ref());
            if let DeValue::Table(nested) = value.get_ref()
                && !is_entry(value.get_ref())
            {
                self.dotted((path, parts + 1), nested, is_entry, keyed);
                continue;
            }
            let span = self.dotted_span(key.span(), parts + 1);
            let message = format!("the string code `{path}` is written as a dotted key, which TOML splits at each `.`");
            let help = format!("put the code in quotes: `{}`", CodeKey::Str(path.clone()).toml_key());
            self.error(span.clone(), message, &help);
            keyed.push((path, span, value));
        }
    }

    /// The span of a dotted key of `parts` bare parts, from the span of its last part, as
    /// far back as it is written in one piece (`AuthFailure.SignatureExpire`); a table header
    /// such as `[names.AuthFailure]` holds the first parts elsewhere.
    fn dotted_span(&self, last: Range<usize>, parts: usize) -> Range<usize> {
        let bare = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-');
        let mut start = last.start;
        for _ in 1..parts {
            let Some(before) =
                self.text.get(..start).and_then(|text| text.trim_end_matches([' ', '\t']).strip_suffix('.'))
            else {
                break;
            };
            let before = before.trim_end_matches([' ', '\t']);
            let part = before.trim_end_matches(bare);
            if part.len() == before.len() {
                break;
            }
            start = part.len();
        }
        start..last.end
    }

    /// Reads `[retired.CODE]` tables, each with a `reason` and the last `description`.
    fn retired(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Retired> {
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
    fn renamed(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<Renamed> {
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

    /// Reads a list of single codes: integers, or string codes in quotes.
    fn codes(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str, kind: CodeKind) -> Vec<Spanned<CodeKey>> {
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

    fn boolean(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Option<Spanned<bool>> {
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

    fn strings(&mut self, value: &TomlSpanned<DeValue<'_>>, what: &str) -> Vec<Spanned<String>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(value.span(), format!("{what} must be a list"), &format!("write {what} as `[\"...\"]`"));
            return Vec::new();
        };
        items.iter().filter_map(|item| self.string(item, "an item")).collect()
    }

    /// Reads `[doc]`: `table`, `merge`, `codes`, `skip` and `[doc.pick]`.
    fn doc_options(&mut self, value: &TomlSpanned<DeValue<'_>>) -> DocOptions {
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

    /// Reads `[columns]`: the header text of each role's column.
    fn columns(&mut self, value: &TomlSpanned<DeValue<'_>>, facts: &Facts) -> Columns {
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
    fn facts(&mut self, value: &TomlSpanned<DeValue<'_>>, facts: &mut Facts) {
        let Some(table) = self.table(value, "`facts`") else { return };
        for (key, value) in sorted(table) {
            let Some(header) = self.string(value, "a column's header text") else { continue };
            if let Err((message, help)) = facts.declare(key.get_ref(), &header.value) {
                self.error(key.span(), message, &help);
            }
        }
    }

    /// Reads the section of a fact the overlay gives: each code's value, checked as the
    /// fact's kind of value.
    fn fact_values(
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
    fn descriptions(&mut self, value: &TomlSpanned<DeValue<'_>>, kind: CodeKind) -> Vec<GivenDescription> {
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

/// Whether a value in a table keyed by code is an entry's value, rather than a table a
/// dotted key made: for sections whose values are names, lists or numbers.
fn is_value(value: &DeValue<'_>) -> bool {
    !matches!(value, DeValue::Table(table) if !table.is_empty())
}

/// The same for `[retired]`, whose entries are tables: a table holding anything but tables
/// (`reason`, `description`) is an entry.
fn has_values(value: &DeValue<'_>) -> bool {
    match value {
        DeValue::Table(table) => {
            table.is_empty() || table.values().any(|value| !matches!(value.get_ref(), DeValue::Table(_)))
        }
        _ => true,
    }
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours each count one, so `nmaes` is one step from `names`.
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
    use super::*;

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

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("nmaes", "names"), 1);
        assert_eq!(edit_distance("stauts", "status"), 1);
        assert_eq!(edit_distance("codes", "codes"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("classes", "names"), 4);
    }
}
