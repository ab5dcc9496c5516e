//! Read, validate and explain public OCPI Locations and Tariffs (2.1.1, 2.2.1, 2.3.0).
//!
//! The flow of data is one direction: bytes → [`json`] (a tree with positions) → the spec walk in
//! [`validate`] (tables from [`spec`], diagnostics and lenient values) → the version-neutral
//! [`model`], which [`tariff`] prices sessions against. See `ARCHITECTURE.md`.

pub mod cluster;
pub mod diagnostic;
pub mod feed;
pub mod json;
pub mod model;
#[cfg(feature = "server")]
pub mod serve;
pub mod spec;
pub mod tariff;
pub mod totp;
pub mod validate;
pub mod views;
#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
mod wasm;

pub use diagnostic::{Code, Diagnostic, Severity, Summary};
