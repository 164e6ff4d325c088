//! Deterministic synthetic specs of any size, for benchmarks and compile-cost measurements:
//! the generator's benchmarks (`codegen/benches`, `codegen/examples/stages.rs`) and
//! `cargo xtask bench-compile`. A crate of its own, never published, so that test data stays
//! out of `errtab-codegen`'s API.
//!
//! [`spec`] makes a doc and an overlay of `rows` codes in memory, shaped like a real error
//! page: a prose preamble, one `| 错误码 | 说明 |` table with padded cells, CJK descriptions
//! with some inline code, links and English header names, and codes that are mostly
//! ascending with a few rows out of order. The overlay has a range class, a class of single
//! codes and a default class, and an English name for every code, all of which make distinct
//! variants. The same `rows` always gives the same bytes, on every machine: a small
//! SplitMix64 generator with a fixed seed stands in for a random-number crate.
//!
//! ```
//! let spec = errtab_synthetic::spec(1000);
//! let catalog = errtab_codegen::Config::new(&spec.doc, &spec.overlay).check().expect("a valid spec");
//! assert_eq!(catalog.entries.len(), 1000);
//! ```

use std::fmt::Write as _;

use errtab_codegen::SourceFile;

/// A synthetic doc and its overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The Markdown page, `synthetic/error-codes.md`.
    pub doc: SourceFile,
    /// The overlay, `synthetic/error-codes.toml`.
    pub overlay: SourceFile,
}

/// Makes a valid spec of `rows` documented codes.
pub fn spec(rows: usize) -> Spec {
    let mut rng = SplitMix64(0x5eed_e770_c0de_0006);
    let codes = codes(rows, &mut rng);
    let doc = doc(&codes, &mut rng);
    let overlay = overlay(&codes);
    Spec {
        doc: SourceFile::new("synthetic/error-codes.md", doc),
        overlay: SourceFile::new("synthetic/error-codes.toml", overlay),
    }
}

/// The SplitMix64 generator: tiny, fast and good enough to make test data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be zero.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Distinct codes from 9001 upwards with gaps of 1 to 9, in the doc's order: ascending, but
/// about one row in forty swapped with another, as pages edited over the years are.
fn codes(rows: usize, rng: &mut SplitMix64) -> Vec<i64> {
    let mut codes = Vec::with_capacity(rows);
    let mut code = 9000;
    for _ in 0..rows {
        code += 1 + rng.below(9) as i64;
        codes.push(code);
    }
    for i in 0..rows {
        if rng.chance(2) {
            let j = rng.below(rows);
            codes.swap(i, j);
        }
    }
    codes
}

const SUBJECTS: &[&str] = &[
    "会议",
    "用户",
    "企业",
    "会议室",
    "录制文件",
    "直播",
    "网络研讨会",
    "通讯录",
    "部门",
    "应用",
    "日程",
    "设备",
    "等候室",
    "会议主题",
    "联席主持人",
    "邀请链接",
    "云录制",
    "转写文本",
    "企业成员",
    "第三方应用",
];
const PROBLEMS: &[&str] = &[
    "不存在",
    "已被删除",
    "数量超过限制",
    "无权限操作",
    "状态异常，请稍后重试",
    "参数错误",
    "已过期",
    "不可用",
    "调用过于频繁，超过限频次数",
    "已存在",
    "创建失败",
    "格式不合法",
    "包含敏感词",
    "不支持该操作",
];
const FIELDS: &[&str] = &["meeting_id", "userid", "instanceid", "X-TC-Key", "X-TC-Timestamp", "X-TC-Nonce", "AppId"];
const PAGES: &[&str] = &["创建用户", "创建会议", "查询会议", "接口鉴权", "错误码说明"];

/// One description cell in Markdown: a CJK phrase, sometimes with inline code, a link or
/// an English header name.
fn description(rng: &mut SplitMix64) -> String {
    let mut text = format!("{}{}", rng.pick(SUBJECTS), rng.pick(PROBLEMS));
    if rng.chance(10) {
        let _ = write!(text, "，请检查 `{}` 字段", rng.pick(FIELDS));
    }
    if rng.chance(10) {
        let _ = write!(text, "，请求头 {} 取值不合法", rng.pick(FIELDS));
    }
    if rng.chance(5) {
        let page = rng.pick(PAGES);
        let id = 43000 + rng.below(1000);
        let _ = write!(text, "，请参考 [{page}](https://cloud.tencent.com/document/product/1095/{id})");
    }
    text
}

fn doc(codes: &[i64], rng: &mut SplitMix64) -> String {
    let mut doc = String::with_capacity(codes.len() * 96 + 1024);
    doc.push_str(
        "## 错误返回结果\n\
         若 Rest API 调用失败，返回的 HTTP Status Code 不为200时，响应体为错误信息，包含错误码和详细的错误信息。\n\
         - 服务错误，HTTP Status Code 统一返回500。\n\
         - API请求错误，HTTP Status Code 统一返回400。\n\n\
         #### 示例\n```\nHTTP/1.1 500\n{\n        \"error_info\": {\n                \"error_code\": 9003,\n\
         \x20               \"message\": \"MEETING NOT EXIST\"\n        }\n}\n```\n\n\
         ## 错误码列表\n\
         | 错误码 | 说明                                                         |\n\
         | ------ | ------------------------------------------------------------ |\n",
    );
    for &code in codes {
        let description = description(rng);
        // Pad like the upstream page: to 60 columns, counting a CJK character as two.
        let width: usize = description.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let padding = 60usize.saturating_sub(width);
        let _ = writeln!(doc, "| {code:<6} | {description}{:padding$} |", "");
    }
    doc
}

/// The overlay: the top fifth of the codes answer 400, a few single codes 401, the rest 500;
/// the first and last codes are rate limits, per minute and per day, as the generated crate's
/// `ApiError` expects a module to be able to say.
fn overlay(codes: &[i64]) -> String {
    let mut sorted = codes.to_vec();
    sorted.sort_unstable();
    let mut overlay = String::with_capacity(codes.len() * 48 + 512);
    overlay.push_str("# A synthetic overlay made by errtab_codegen::synthetic.\n\n");
    let limits = [sorted.first(), sorted.last()];
    if let [Some(minute), Some(day)] = limits
        && minute != day
    {
        let _ = write!(overlay, "retryable = [{minute}, {day}]\n\n[rate_limit_window]\n{minute} = \"1 minute\"\n");
        let _ = write!(overlay, "{day} = \"1 day\"\n\n");
    }
    let request_start = sorted.len() - sorted.len() / 5;
    if let (Some(first), Some(last)) = (sorted.get(request_start), sorted.last()) {
        let _ = write!(overlay, "[classes.request]\nstatus = 400\ncodes = [\"{first}..={last}\"]\n\n");
    }
    let auth: Vec<String> = sorted[..request_start].iter().step_by(97).take(16).map(i64::to_string).collect();
    if !auth.is_empty() {
        let _ = write!(overlay, "[classes.auth]\nstatus = 401\ncodes = [{}]\n\n", auth.join(", "));
    }
    overlay.push_str("[classes.service]\nstatus = 500\ndefault = true\n\n[names]\n");
    for (index, code) in sorted.iter().enumerate() {
        let _ = writeln!(overlay, "{code} = \"{}\"", name(index));
    }
    overlay
}

const AREAS: &[&str] = &[
    "meeting",
    "user",
    "corp",
    "room",
    "recording",
    "live",
    "webinar",
    "contact",
    "department",
    "app",
    "schedule",
    "device",
    "waiting",
    "subject",
    "host",
    "invite",
    "cloud",
    "transcript",
    "member",
    "partner",
    "token",
    "signature",
    "header",
    "nonce",
    "timestamp",
    "secret",
    "webhook",
    "layout",
    "poll",
    "survey",
    "document",
    "calendar",
    "account",
    "license",
    "quota",
    "phone",
    "email",
    "region",
    "channel",
    "session",
    "message",
    "report",
    "template",
    "sharing",
    "whiteboard",
    "breakout",
    "audio",
    "video",
    "screen",
    "record",
];
const OBJECTS: &[&str] = &[
    "id", "name", "list", "count", "status", "setting", "password", "owner", "title", "time", "duration", "type",
    "level", "mode", "url", "code", "key", "role", "limit", "rule", "group", "file", "size", "format", "language",
    "version", "config", "policy", "period", "slot", "address", "number", "label", "tag", "note", "topic", "order",
    "state", "target", "source", "scope", "field", "value", "entry", "record", "index", "page", "batch", "range",
    "quorum",
];
const FAULTS: &[&str] = &[
    "missing",
    "invalid",
    "expired",
    "disabled",
    "duplicated",
    "forbidden",
    "locked",
    "unavailable",
    "conflicting",
    "exceeded",
    "unsupported",
    "malformed",
    "rejected",
    "revoked",
    "suspended",
    "unverified",
    "outdated",
    "throttled",
    "blocked",
    "corrupted",
    "mismatched",
    "unreachable",
    "overdue",
    "incomplete",
    "unknown",
    "deleted",
    "archived",
    "pending",
    "failed",
    "timeout",
    "occupied",
    "reserved",
    "restricted",
    "banned",
    "frozen",
    "empty",
    "oversized",
    "undersized",
    "misconfigured",
    "unassigned",
    "unbound",
    "unlinked",
    "unpaid",
    "unsigned",
    "untrusted",
    "busy",
    "closed",
    "ended",
    "full",
    "hidden",
];

/// A distinct English name for each index: its base-50 digits, read through the word lists,
/// so distinct indices give distinct word sequences and so distinct variants. A fixed
/// multiplier coprime to the modulus scatters consecutive indices over the lists.
fn name(index: usize) -> String {
    const LISTS: [&[&str]; 3] = [AREAS, OBJECTS, FAULTS];
    let mut digits = 3;
    while 50usize.pow(digits) <= index {
        digits += 1;
    }
    let mut n = (index as u128 * 7919 % 50u128.pow(digits)) as usize;
    let mut words = Vec::with_capacity(digits as usize);
    for position in 0..digits as usize {
        words.push(LISTS[position % 3][n % 50]);
        n /= 50;
    }
    let mut name = words.join(" ");
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_hold_fifty_distinct_words() {
        for list in [AREAS, OBJECTS, FAULTS] {
            let mut words = list.to_vec();
            words.sort_unstable();
            words.dedup();
            assert_eq!(words.len(), 50);
            assert!(words.iter().all(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())));
        }
    }

    #[test]
    fn a_spec_is_valid_deterministic_and_unsorted() {
        let spec = spec(3000);
        assert_eq!(spec, super::spec(3000));
        let catalog = errtab_codegen::Config::new(&spec.doc, &spec.overlay).check().expect("a valid synthetic spec");
        assert_eq!(catalog.entries.len(), 3000);
        let statuses: std::collections::BTreeSet<Option<u16>> = catalog.entries.iter().map(|e| e.http_status).collect();
        assert_eq!(statuses.into_iter().collect::<Vec<_>>(), [Some(400), Some(401), Some(500)]);
        let doc_codes: Vec<&str> =
            spec.doc.text.lines().filter_map(|l| l.strip_prefix("| ")?.split_whitespace().next()).collect();
        assert!(doc_codes.windows(2).any(|w| w[0].parse::<i64>().ok() > w[1].parse::<i64>().ok()));
        assert!(catalog.entries.iter().any(|e| e.markdown.contains("](https://")));
        assert!(catalog.entries.iter().any(|e| e.markdown.contains('`')));
    }

    #[test]
    fn names_stay_distinct_past_three_words() {
        let names: std::collections::BTreeSet<String> = (124_990..125_010).map(name).collect();
        assert_eq!(names.len(), 20);
        assert_eq!(name(125_000).split(' ').count(), 4);
    }
}
