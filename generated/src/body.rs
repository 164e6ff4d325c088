//! The JSON body of a failed request:
//! `{"error_info": {"error_code": 9003, "new_error_code": 9003, "message": "MEETING NOT EXIST"}}`.
//!
//! The serde impls are written by hand rather than derived, so the crate needs no proc-macro
//! dependency and builds fast.

use std::fmt;

use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ErrorCode;
use crate::escape::Escaped;

/// The body the API answers a failed request with.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ErrorResponse {
    /// What went wrong.
    pub error_info: ErrorInfo,
}

/// The error inside an [`ErrorResponse`].
///
/// Fields the documentation does not show are ignored, so a newer server never makes the
/// body fail to parse; a missing `message` reads as empty rather than losing the code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ErrorInfo {
    /// The error code.
    pub error_code: ErrorCode,
    /// A second code the live service sends beside `error_code` although the documentation
    /// does not show it; `None` when absent, and then not serialized.
    pub new_error_code: Option<i64>,
    /// The server's message, such as `MEETING NOT EXIST`.
    pub message: String,
}

impl fmt::Display for ErrorInfo {
    /// The code and its description, then the server's message and `new_error_code` when
    /// there are: `9003 <description>: MEETING NOT EXIST (new_error_code 10009003)`.
    ///
    /// Line breaks and other control characters in the message are written as escapes
    /// (`\n`), so a message cannot break a log line or drive a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error_code, f)?;
        if !self.message.is_empty() {
            write!(f, ": {}", Escaped { bytes: self.message.as_bytes(), limit: None })?;
        }
        if let Some(new_error_code) = self.new_error_code {
            write!(f, " (new_error_code {new_error_code})")?;
        }
        Ok(())
    }
}

impl fmt::Display for ErrorResponse {
    /// The same as the [`ErrorInfo`] it holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error_info, f)
    }
}

impl std::error::Error for ErrorInfo {}

/// An [`ErrorResponse`] says what its [`ErrorInfo`] says, so it gives no `source()`: an error
/// chain (`anyhow`'s `{:#}`, a log of the causes) says it once.
impl std::error::Error for ErrorResponse {}

impl Serialize for ErrorInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.new_error_code.is_some() { 3 } else { 2 };
        let mut state = serializer.serialize_struct("ErrorInfo", len)?;
        state.serialize_field("error_code", &self.error_code)?;
        match self.new_error_code {
            Some(code) => state.serialize_field("new_error_code", &code)?,
            None => state.skip_field("new_error_code")?,
        }
        state.serialize_field("message", &self.message)?;
        state.end()
    }
}

impl Serialize for ErrorResponse {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("ErrorResponse", 1)?;
        state.serialize_field("error_info", &self.error_info)?;
        state.end()
    }
}

const INFO_FIELDS: &[&str] = &["error_code", "new_error_code", "message"];

impl<'de> Deserialize<'de> for ErrorInfo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("ErrorInfo", INFO_FIELDS, InfoVisitor)
    }
}

struct InfoVisitor;

impl<'de> Visitor<'de> for InfoVisitor {
    type Value = ErrorInfo;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error_info object with an integer error_code")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorInfo, A::Error> {
        let mut error_code = None;
        let mut new_error_code = None;
        let mut message = None;
        while let Some(key) = map.next_key::<InfoField>()? {
            match key {
                InfoField::ErrorCode => set(&mut error_code, map.next_value()?, "error_code")?,
                InfoField::NewErrorCode => {
                    set(&mut new_error_code, map.next_value::<Option<i64>>()?, "new_error_code")?
                }
                InfoField::Message => set(&mut message, map.next_value()?, "message")?,
                InfoField::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(ErrorInfo {
            error_code: error_code.ok_or_else(|| de::Error::missing_field("error_code"))?,
            new_error_code: new_error_code.flatten(),
            message: message.unwrap_or_default(),
        })
    }
}

impl<'de> Deserialize<'de> for ErrorResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("ErrorResponse", &["error_info"], ResponseVisitor(PhantomData))
    }
}

/// Reads the top-level object, its `error_info` through the seed: `PhantomData<ErrorInfo>`
/// here, strictly; `ApiError`'s lenient reader for a response it reads.
pub(crate) struct ResponseVisitor<S>(pub(crate) S);

impl<'de, S: DeserializeSeed<'de, Value = ErrorInfo> + Copy> Visitor<'de> for ResponseVisitor<S> {
    type Value = ErrorResponse;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error body with an error_info object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorResponse, A::Error> {
        let mut error_info = None;
        while let Some(key) = map.next_key::<ResponseField>()? {
            match key {
                ResponseField::ErrorInfo => set(&mut error_info, map.next_value_seed(self.0)?, "error_info")?,
                ResponseField::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let error_info = error_info.ok_or_else(|| de::Error::missing_field("error_info"))?;
        Ok(ErrorResponse { error_info })
    }
}

/// Stores a field's value, refusing a second one.
pub(crate) fn set<T, E: de::Error>(slot: &mut Option<T>, value: T, name: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// A key of the `error_info` object.
pub(crate) enum InfoField {
    ErrorCode,
    NewErrorCode,
    Message,
    Other,
}

/// A key of the body's top-level object.
pub(crate) enum ResponseField {
    ErrorInfo,
    Other,
}

/// Reads a field name, borrowed or owned, without allocating.
struct FieldName<F>(fn(&str) -> F);

impl<F> Visitor<'_> for FieldName<F> {
    type Value = F;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<F, E> {
        Ok((self.0)(name))
    }
}

impl<'de> Deserialize<'de> for InfoField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(FieldName(|name| match name {
            "error_code" => InfoField::ErrorCode,
            "new_error_code" => InfoField::NewErrorCode,
            "message" => InfoField::Message,
            _ => InfoField::Other,
        }))
    }
}

impl<'de> Deserialize<'de> for ResponseField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(FieldName(|name| match name {
            "error_info" => ResponseField::ErrorInfo,
            _ => ResponseField::Other,
        }))
    }
}
