//! The first stage: text into the plain [`crate::model`], each value with its byte range.
//! Problems that need the doc and the overlay together are the validator's.

mod code_cell;
mod columns;
mod doc;
mod inline;
mod language;
mod no_table;
mod outside;
mod overlay;
mod table;
mod unread;

pub(crate) use columns::{header_key, synonym_role};
pub(crate) use unread::covers as ignore_covers;

pub use doc::doc;
pub use overlay::overlay;
