//! The open-data feed client: discovery, paging, retries and merging as a sans-IO state machine
//! ([`FeedFetch`]), driven by a transport: [`native`] (reqwest, feature `fetch`) or [`browser`]
//! (gloo-net, WebAssembly).
//!
//! Every page goes through the validator, so each item carries its diagnostics and its
//! version-neutral model. Whatever was read before a failure is kept and returned with what
//! failed and why ([`FetchReport::failed_pages`], [`Fault`] with stable codes).

mod auth;
mod client;
mod discovery;
mod exchange;
mod fault;
pub mod link;
mod page;
mod retry;
mod store;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(all(feature = "fetch", not(target_arch = "wasm32")))]
pub mod native;

#[cfg(test)]
mod tests;

pub use auth::{Auth, HeaderSource, Token, TokenEncoding};
pub use client::{
    Event, FailedPage, FeedFetch, FetchConfig, FetchReport, PageRead, Progress, Step,
};
pub use discovery::VersionChoice;
pub use exchange::{Request, Response, TransportError};
pub use fault::Fault;
pub use retry::{Backoff, RetryPolicy, retry_after_ms};
pub use store::{FeedItem, FeedObject, FeedStore, ItemKey, Merge, Module};
