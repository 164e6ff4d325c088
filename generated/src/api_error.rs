//! [`ApiError`]: a failed response, its HTTP status and its body, read without losing either.
//!
//! The body is read leniently here, not by the serde impls of [`ErrorResponse`] and
//! [`ErrorCode`], which stay strict: a server that writes its code as `"9003"` or `9003.0`
//! should still be understood, while a program that (de)serializes the documented shape
//! should still be told when it is not.

use std::cell::Cell;
use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::body::{InfoField, ResponseVisitor, set};
use crate::escape::Escaped;
use crate::{ErrorCode, ErrorInfo, ErrorResponse};

mod retry;

use retry::RetryAfter;

/// How many characters of a body that is not the error JSON `Display` shows.
const DISPLAY_PREVIEW: usize = 120;

/// How many characters of a body that is not the error JSON `Debug` shows.
const DEBUG_PREVIEW: usize = 256;

/// A failed response from the API: its HTTP status, its body byte for byte, and the error the
/// body holds when it is the documented error JSON.
///
/// [`ApiError::from_http`] makes one from any status and any bytes, and never fails: a
/// gateway's HTML page, an empty body or a truncated one is kept as it came, with
/// [`code`](ApiError::code) `None`. It is an [`std::error::Error`] (`Send + Sync + 'static`)
/// with no `source()`, since its `Display` already says everything once, so it can be
/// returned as it is or through `anyhow`.
///
/// Available with the `json` feature, on by default.
///
/// ```
/// use tencent_meeting_errors::{ApiError, ErrorCode};
///
/// // The documentation's own example: code 9003 answered with HTTP 500.
/// let body = br#"{"error_info": {"error_code": 9003, "message": "MEETING NOT EXIST"}}"#;
/// let error = ApiError::from_http(500, body);
///
/// assert_eq!(error.status(), 500);
/// assert_eq!(error.body(), body);
/// assert_eq!(error.code(), Some(ErrorCode::MeetingNotExist));
/// assert_eq!(error.message(), Some("MEETING NOT EXIST"));
/// assert_eq!(error.status_matches_doc(), Some(true));
/// // The description comes from the catalogue, so this line holds whatever the doc's
/// // wording becomes; 9003 and `MeetingNotExist` themselves are stable.
/// let description = ErrorCode::MeetingNotExist.description().unwrap();
/// assert_eq!(error.to_string(), format!("HTTP 500: 9003 {description}: MEETING NOT EXIST"));
///
/// // A gateway's page: nothing to read, nothing lost, worth another try.
/// let page = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
/// let error = ApiError::from_http(502, page);
/// assert_eq!((error.status(), error.body(), error.code()), (502, &page[..], None));
/// assert!(error.is_retryable());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ApiError {
    status: u16,
    body: Box<[u8]>,
    response: Option<ErrorResponse>,
    retry_after: Option<RetryAfter>,
}

impl ApiError {
    /// Reads a response: its HTTP status and its body, exactly as received.
    ///
    /// Never fails and never panics, for any status and any bytes; both are kept as given.
    /// When the body is the documented error JSON (`{"error_info": {"error_code": 9003,
    /// "message": "..."}}`), its code, message and `new_error_code` are read, more leniently
    /// than [`ErrorResponse`]'s `Deserialize`:
    ///
    /// - the code may be a JSON integer, an integral number (`9003.0`, `9.003e3`) or a string
    ///   holding a decimal integer (`"9003"`), as long as it fits an `i64`;
    /// - `new_error_code` may be written the same ways; anything else there (`null`, a word)
    ///   is read as absent;
    /// - a missing `message` reads as empty; a message that is not a string is left out;
    ///   bytes in it that are not UTF-8 become U+FFFD;
    /// - other fields are ignored, and a leading byte order mark is skipped.
    ///
    /// A body without an `error_info` object holding a readable `error_code`, a body that is
    /// not JSON, or JSON with a key given twice, leaves [`code`](ApiError::code) `None`; the
    /// body is still kept whole in [`body`](ApiError::body).
    pub fn from_http(status: u16, body: &[u8]) -> ApiError {
        ApiError { status, body: body.into(), response: read_body(body), retry_after: None }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The HTTP status as an [`http::StatusCode`]; `None` for a number outside 100..=999,
    /// which `http` does not represent.
    ///
    /// Available with the `http` feature.
    #[cfg(feature = "http")]
    pub fn status_code(&self) -> Option<http::StatusCode> {
        http::StatusCode::from_u16(self.status).ok()
    }

    /// The body of the response, byte for byte as it was given to
    /// [`from_http`](ApiError::from_http).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body, taken out of the error.
    pub fn into_body(self) -> Vec<u8> {
        self.body.into_vec()
    }

    /// The error code of the body; `None` when the body is not the documented error JSON.
    /// An undocumented code is `Some(ErrorCode::Unknown(_))`.
    pub fn code(&self) -> Option<ErrorCode> {
        self.info().map(|info| info.error_code)
    }

    /// The server's message, such as `MEETING NOT EXIST`; `None` when the body is not the
    /// documented error JSON or its message is absent or empty.
    pub fn message(&self) -> Option<&str> {
        self.info().map(|info| info.message.as_str()).filter(|message| !message.is_empty())
    }

    /// The second code the live service sends beside `error_code`, when it does.
    pub fn new_error_code(&self) -> Option<i64> {
        self.info().and_then(|info| info.new_error_code)
    }

    /// The body as read, when it is the documented error JSON.
    pub fn response(&self) -> Option<&ErrorResponse> {
        self.response.as_ref()
    }

    /// The error inside the body, when it is the documented error JSON.
    pub fn info(&self) -> Option<&ErrorInfo> {
        self.response.as_ref().map(|response| &response.error_info)
    }

    /// Whether the HTTP status is the one the documentation gives for the body's code:
    /// `Some(false)` for a rate limit documented as 400 but answered with 429, say. `None`
    /// when there is no documented code to compare with (no code, or an undocumented one).
    pub fn status_matches_doc(&self) -> Option<bool> {
        let documented = self.code()?.http_status()?;
        Some(documented == self.status)
    }
}

impl fmt::Display for ApiError {
    /// The status, then the error the body holds (code, description, the server's message
    /// and `new_error_code` when present): `HTTP 500: 9003 <description>: MEETING NOT EXIST`.
    /// A body that is not the error JSON is described by its length and its first 120
    /// characters, escaped onto one line: `HTTP 502 with a body that is not the API's error
    /// JSON (52 bytes): <html>…`; an empty one as `HTTP 500 with an empty body`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match &self.response {
            Some(response) => write!(f, ": {}", response.error_info),
            None if self.body.is_empty() => f.write_str(" with an empty body"),
            None => write!(
                f,
                " with a body that is not the API's error JSON ({} bytes): {}",
                self.body.len(),
                Escaped { bytes: &self.body, limit: Some(DISPLAY_PREVIEW) }
            ),
        }
    }
}

impl fmt::Debug for ApiError {
    /// The status and what was read from the body, then the body's length and the
    /// `Retry-After` given, if any; a body that could not be read is shown too, its first 256
    /// characters only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ApiError");
        debug
            .field("status", &self.status)
            .field("code", &self.code())
            .field("message", &self.message())
            .field("new_error_code", &self.new_error_code())
            .field("body_len", &self.body.len());
        if let Some(retry_after) = &self.retry_after {
            debug.field("retry_after", retry_after);
        }
        if self.response.is_none() && !self.body.is_empty() {
            debug.field("body", &BodyPreview(&self.body));
        }
        debug.finish()
    }
}

/// The start of a body in `Debug`, in quotes.
struct BodyPreview<'a>(&'a [u8]);

impl fmt::Debug for BodyPreview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", Escaped { bytes: self.0, limit: Some(DEBUG_PREVIEW) })
    }
}

impl std::error::Error for ApiError {}

/// The documented error JSON in `body`, read leniently; `None` if it is not there.
fn read_body(body: &[u8]) -> Option<ErrorResponse> {
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    // A gateway's page, an empty body: not even the start of a JSON object.
    if body.trim_ascii_start().first() != Some(&b'{') {
        return None;
    }
    // A `message` or `new_error_code` nobody expects (a number for a message, a string with a
    // lone surrogate for a code) should not cost the code: the read starts again without the
    // field that failed. So a body is read at most three times, and only once unless one of
    // these two fields failed.
    let mut skip = Skip::default();
    loop {
        let failed = Cell::new(None);
        if let Some(response) = read_once(body, Reader { skip, failed: &failed }) {
            return Some(response);
        }
        match failed.get() {
            Some(Optional::Message) if !skip.message => skip.message = true,
            Some(Optional::NewErrorCode) if !skip.new_error_code => skip.new_error_code = true,
            _ => return None,
        }
    }
}

fn read_once(body: &[u8], reader: Reader<'_>) -> Option<ErrorResponse> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let response = BodySeed(reader).deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(response)
}

/// The fields of `error_info` a body can do without.
#[derive(Clone, Copy)]
enum Optional {
    Message,
    NewErrorCode,
}

/// Which optional fields a read skips, whatever they hold.
#[derive(Clone, Copy, Default)]
struct Skip {
    message: bool,
    new_error_code: bool,
}

/// One read of a body: what it skips, and where it notes the optional field that failed.
#[derive(Clone, Copy)]
struct Reader<'a> {
    skip: Skip,
    failed: &'a Cell<Option<Optional>>,
}

impl Reader<'_> {
    /// Reads an optional field's value, noting its failure, or skips it.
    fn optional<'de, A, S>(self, map: &mut A, field: Optional, seed: S) -> Result<Option<S::Value>, A::Error>
    where
        A: MapAccess<'de>,
        S: DeserializeSeed<'de>,
    {
        let skip = match field {
            Optional::Message => self.skip.message,
            Optional::NewErrorCode => self.skip.new_error_code,
        };
        if skip {
            map.next_value::<IgnoredAny>()?;
            return Ok(None);
        }
        map.next_value_seed(seed).map(Some).inspect_err(|_| self.failed.set(Some(field)))
    }
}

/// The top-level object.
struct BodySeed<'a>(Reader<'a>);

impl<'de> DeserializeSeed<'de> for BodySeed<'_> {
    type Value = ErrorResponse;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ErrorResponse, D::Error> {
        deserializer.deserialize_map(ResponseVisitor(InfoSeed(self.0)))
    }
}

/// The `error_info` object.
#[derive(Clone, Copy)]
struct InfoSeed<'a>(Reader<'a>);

impl<'de> DeserializeSeed<'de> for InfoSeed<'_> {
    type Value = ErrorInfo;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ErrorInfo, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for InfoSeed<'_> {
    type Value = ErrorInfo;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error_info object with an error_code")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorInfo, A::Error> {
        let reader = self.0;
        let mut error_code = None;
        let mut new_error_code = None;
        let mut message = None;
        while let Some(key) = map.next_key::<InfoField>()? {
            match key {
                InfoField::ErrorCode => set(&mut error_code, map.next_value_seed(Code)?, "error_code")?,
                InfoField::NewErrorCode => {
                    let value = reader.optional(&mut map, Optional::NewErrorCode, LooseCode)?;
                    set(&mut new_error_code, value.flatten(), "new_error_code")?
                }
                InfoField::Message => {
                    let value = reader.optional(&mut map, Optional::Message, Message)?;
                    set(&mut message, value.flatten(), "message")?
                }
                InfoField::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(ErrorInfo {
            error_code: ErrorCode::from_code(error_code.ok_or_else(|| de::Error::missing_field("error_code"))?),
            new_error_code: new_error_code.flatten(),
            message: message.flatten().unwrap_or_default(),
        })
    }
}

/// An integer code: a JSON integer, an integral number or a string holding a decimal integer,
/// within `i64`.
struct Code;

impl<'de> DeserializeSeed<'de> for Code {
    type Value = i64;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for Code {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer error code, as a number or a decimal string")
    }

    fn visit_i64<E: de::Error>(self, code: i64) -> Result<i64, E> {
        Ok(code)
    }

    fn visit_u64<E: de::Error>(self, code: u64) -> Result<i64, E> {
        i64::try_from(code).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(code), &self))
    }

    fn visit_f64<E: de::Error>(self, code: f64) -> Result<i64, E> {
        integral(code).ok_or_else(|| E::invalid_value(de::Unexpected::Float(code), &self))
    }

    fn visit_str<E: de::Error>(self, code: &str) -> Result<i64, E> {
        code.trim_ascii().parse().map_err(|_| E::invalid_value(de::Unexpected::Str(code), &self))
    }
}

/// The `i64` a float is exactly, if it is one.
fn integral(value: f64) -> Option<i64> {
    // -2^63 is an `i64`, 2^63 is not; both are exact as `f64`.
    let in_range = (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value);
    (in_range && value.fract() == 0.0).then_some(value as i64)
}

/// `new_error_code`: read as [`Code`] reads, and anything else, `null` included, is `None`.
struct LooseCode;

impl<'de> DeserializeSeed<'de> for LooseCode {
    type Value = Option<i64>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<i64>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LooseCode {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_i64<E: de::Error>(self, code: i64) -> Result<Option<i64>, E> {
        Ok(Some(code))
    }

    fn visit_u64<E: de::Error>(self, code: u64) -> Result<Option<i64>, E> {
        Ok(i64::try_from(code).ok())
    }

    fn visit_f64<E: de::Error>(self, code: f64) -> Result<Option<i64>, E> {
        Ok(integral(code))
    }

    fn visit_str<E: de::Error>(self, code: &str) -> Result<Option<i64>, E> {
        Ok(code.trim_ascii().parse().ok())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<i64>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<i64>, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<i64>, A::Error> {
        drain_seq(seq).map(|()| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<i64>, A::Error> {
        drain_map(map).map(|()| None)
    }
}

/// `message`: a string, whatever bytes it holds (read as bytes, so that neither a byte that
/// is not UTF-8 nor a lone surrogate escape such as `\ud800` stops the read: each becomes
/// U+FFFD), `null`, or an array, ignored. Any other value fails the read, and the next one skips the field.
struct Message;

impl<'de> DeserializeSeed<'de> for Message {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Message {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message string")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_bytes(self)
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Option<String>, E> {
        Ok(Some(lossy(bytes)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Option<String>, E> {
        Ok(Some(text.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<String>, A::Error> {
        drain_seq(seq).map(|()| None)
    }
}

/// The text of a JSON string read as bytes: what is not UTF-8 becomes U+FFFD, as
/// `String::from_utf8_lossy` makes it, but a lone surrogate escape (`\ud800`, which serde_json
/// writes as three bytes) becomes one U+FFFD rather than three.
fn lossy(mut bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    loop {
        let error = match std::str::from_utf8(bytes) {
            Ok(valid) => {
                text.push_str(valid);
                return text;
            }
            Err(error) => error,
        };
        let (valid, invalid) = bytes.split_at(error.valid_up_to());
        text.push_str(std::str::from_utf8(valid).unwrap_or_default());
        text.push('\u{fffd}');
        let skip = match invalid {
            [0xed, 0xa0..=0xbf, 0x80..=0xbf, ..] => 3,
            _ => error.error_len().unwrap_or(invalid.len()),
        };
        bytes = &invalid[skip..];
    }
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{integral, lossy};

    #[test]
    fn lossy_text_marks_each_lost_character_once() {
        assert_eq!(lossy(b"ok"), "ok");
        assert_eq!(lossy(b"a\xed\xa0\x80b"), "a\u{fffd}b", "a lone surrogate, WTF-8");
        assert_eq!(lossy(b"a\xff\xfeb"), "a\u{fffd}\u{fffd}b");
        assert_eq!(lossy(b"\xe4\xbc"), "\u{fffd}", "a character cut short");
        assert_eq!(lossy("会\u{fffd}".as_bytes()), "会\u{fffd}");
    }

    #[cfg(feature = "http")]
    #[test]
    fn status_code_is_the_status_where_http_has_one() {
        use super::ApiError;
        assert_eq!(ApiError::from_http(502, b"").status_code(), Some(http::StatusCode::BAD_GATEWAY));
        assert_eq!(ApiError::from_http(999, b"").status_code().map(|status| status.as_u16()), Some(999));
        assert_eq!(ApiError::from_http(0, b"").status_code(), None);
        assert_eq!(ApiError::from_http(1000, b"").status_code(), None);
    }

    #[test]
    fn integral_floats_are_exact_and_in_range() {
        assert_eq!(integral(9003.0), Some(9003));
        assert_eq!(integral(-0.0), Some(0));
        assert_eq!(integral(9003.5), None);
        assert_eq!(integral(-9_223_372_036_854_775_808.0), Some(i64::MIN));
        assert_eq!(integral(9_223_372_036_854_775_808.0), None);
        assert_eq!(integral(f64::NAN), None);
        assert_eq!(integral(f64::INFINITY), None);
        assert_eq!(integral(1e300), None);
    }
}
