//! The first stage: text into the plain model of [`crate::model`].
//!
//! Each parser reads one file, keeps the byte range of everything it reads, and reports every
//! problem it can see on its own; problems that need the doc and the overlay together are
//! the validator's.

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
