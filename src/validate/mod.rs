//! The spec walk and the rules across fields: JSON tree × tables → diagnostics + lenient values.

pub mod detect;
mod document;
mod envelope;
pub mod format;
mod report;
pub mod rules;
pub mod walk;

pub use detect::{Kind, label_from_path};
pub use document::{
    Options, validate_as, validate_document, validate_files, validate_files_streaming,
    validate_files_with,
};
pub use envelope::EnvelopeInfo;
pub use report::{FeedReport, FileReport, Item, is_within};
