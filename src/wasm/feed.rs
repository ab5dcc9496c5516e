//! `fetchFeed`: the open-data feed client in the browser and in Node ≥ 20 (their `fetch`),
//! driving the core's `FeedFetch` with the browser transport (`feed::browser`). Only in the full
//! build (feature `wasm-full`). The package's `pages()` async iterator is built on it in
//! JavaScript (npm/full/api.js).

use super::options::JsOptions;
use super::{ApiError, ApiErrorCode, respond, to_js_via_json};
use crate::feed::{
    Auth, Event, FeedFetch, FeedItem, FeedStore, FetchConfig, Module, PageRead, browser,
};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorCode::InvalidOptions, message)
}

/// A page event with the items it added or merged (as they stand in the store).
#[derive(Serialize)]
struct PageWithItems<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    page: &'a PageRead,
    objects: Vec<&'a FeedItem>,
}

/// The result: the report of `fetch --format json` and the items read.
#[derive(Serialize)]
struct Fetched<'a> {
    report: crate::feed::FetchReport,
    items: &'a [FeedItem],
}

/// The configuration and callbacks of one fetch.
struct FetchCall {
    config: FetchConfig,
    signal: Option<web_sys::AbortSignal>,
    on_progress: Option<js_sys::Function>,
}

fn read_call(url: &JsValue, options: JsValue) -> Result<FetchCall, ApiError> {
    let Some(url) = url.as_string() else {
        return Err(ApiError::new(
            ApiErrorCode::InvalidInput,
            format!("the URL must be a string, not {}", super::type_name(url)),
        ));
    };
    let mut o = JsOptions::new(options)?;
    let mut config = FetchConfig::new(url);
    config.module = match o.string("module")?.as_deref() {
        None => None,
        Some(name) => Some(Module::from_name(name).ok_or_else(|| {
            invalid(format!(
                "`module` \"{name}\": expected \"locations\" or \"tariffs\""
            ))
        })?),
    };
    if let Some(token) = o.string("token")? {
        if token.trim().is_empty() {
            return Err(invalid("`token` is empty"));
        }
        config.auth = Auth::token(token);
    }
    config.page_limit = o.whole_number("limit", 1, u32::MAX)?;
    config.date_from = o.timestamp("dateFrom")?;
    if let Some(pages) = o.whole_number("maxPages", 1, u32::MAX)? {
        config.max_pages = pages as usize;
    }
    if let Some(ms) = o.whole_number("timeoutMs", 1, u32::MAX)? {
        config.timeout_ms = u64::from(ms);
    }
    if let Some(retries) = o.whole_number("retries", 0, 100)? {
        config.retry.max_retries = retries;
    }
    config.seed = browser::now_ms() as u64;
    let signal = match o.get("signal") {
        None => None,
        Some(v) => Some(
            v.dyn_into::<web_sys::AbortSignal>()
                .map_err(|_| invalid("`signal` must be an AbortSignal"))?,
        ),
    };
    let on_progress = match o.get("onProgress") {
        None => None,
        Some(v) => Some(
            v.dyn_into::<js_sys::Function>()
                .map_err(|_| invalid("`onProgress` must be a function"))?,
        ),
    };
    o.finish()?;
    Ok(FetchCall {
        config,
        signal,
        on_progress,
    })
}

/// The event as JavaScript gets it: pages with their objects.
fn event_js(event: &Event, store: &FeedStore) -> Result<JsValue, ApiError> {
    match event {
        Event::Page(page) => to_js_via_json(&PageWithItems {
            kind: "page",
            page,
            objects: page.items.iter().filter_map(|&i| store.get(i)).collect(),
        }),
        other => to_js_via_json(other),
    }
}

/// Reads a feed: from a versions URL, a version details URL or a module URL, every page, with
/// retries. `onProgress` gets each event (`{type: "discovered" | "retrying" | "page" |
/// "progress" | "failed", ...}`); aborting `signal` ends the fetch, keeping what was read.
/// Resolves to `{report, items}`.
#[wasm_bindgen(js_name = fetchFeed)]
pub async fn fetch_feed(url: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let call = read_call(&url, options).map_err(ApiError::into_js)?;
    let mut fetch = FeedFetch::new(call.config);
    let mut thrown: Option<JsValue> = None;
    browser::run(&mut fetch, call.signal.as_ref(), |event, store| {
        if thrown.is_some() {
            return;
        }
        if let Some(callback) = &call.on_progress {
            match event_js(event, store) {
                Ok(value) => {
                    if let Err(e) = callback.call1(&JsValue::NULL, &value) {
                        thrown = Some(e);
                    }
                }
                Err(e) => thrown = Some(e.into_js()),
            }
        }
    })
    .await;
    if let Some(error) = thrown {
        return Err(error);
    }
    respond(|| {
        to_js_via_json(&Fetched {
            report: fetch.report(),
            items: fetch.store().items(),
        })
    })
}
