//! The browser transport (WebAssembly): `fetch()` through gloo-net, a per-request timeout and the
//! caller's cancellation both through an `AbortSignal`, the body read as a stream up to the byte
//! cap, and sleeps with gloo-timers.
//!
//! Browsers only show the headers a server exposes to scripts: an open-data server must list
//! `Link`, `X-Total-Count` and `X-Limit` in `Access-Control-Expose-Headers`, or paging falls back
//! to what the body says.

use super::client::{Event, FeedFetch, Step};
use super::exchange::{Request, Response, TransportError};
use super::store::FeedStore;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, ReadableStreamDefaultReader};

/// The time now, in milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser refused the request (network error or CORS)".into())
}

/// Performs one request. `cancel` is the caller's signal (e.g. from an `AbortController` the
/// page owns); the request's own timeout aborts it too.
pub async fn send(
    request: &Request,
    cancel: Option<&AbortSignal>,
) -> Result<Response, TransportError> {
    if cancel.is_some_and(AbortSignal::aborted) {
        return Err(TransportError::Cancelled);
    }
    let controller =
        AbortController::new().map_err(|e| TransportError::Connection(js_message(&e)))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        let ms = u32::try_from(request.timeout_ms).unwrap_or(u32::MAX);
        gloo_timers::callback::Timeout::new(ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let forward = cancel.map(|outer| {
        let controller = controller.clone();
        let closure = Closure::<dyn FnMut()>::new(move || controller.abort());
        let _ = outer.add_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
        (outer, closure)
    });
    let outcome = exchange(request, &controller.signal()).await;
    drop(timer);
    if let Some((outer, closure)) = forward {
        let _ =
            outer.remove_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
    }
    match outcome {
        Err(_) if timed_out.get() => Err(TransportError::Timeout),
        Err(_) if cancel.is_some_and(AbortSignal::aborted) => Err(TransportError::Cancelled),
        other => other,
    }
}

async fn exchange(request: &Request, signal: &AbortSignal) -> Result<Response, TransportError> {
    let mut builder = gloo_net::http::Request::get(&request.url).abort_signal(Some(signal));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let response = builder
        .send()
        .await
        .map_err(|e| TransportError::Connection(e.to_string()))?;
    let status = response.status();
    let headers = response.headers().entries().collect();
    let cap = usize::try_from(request.max_body_bytes).unwrap_or(usize::MAX);
    let mut body = Vec::new();
    let mut body_truncated = false;
    if let Some(stream) = response.body() {
        let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let chunk = JsFuture::from(reader.read())
                .await
                .map_err(|e| TransportError::Connection(js_message(&e)))?;
            let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(true);
            if done {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))
                .map_err(|e| TransportError::Connection(js_message(&e)))?;
            let bytes = js_sys::Uint8Array::new(&value);
            let room = cap - body.len();
            let len = bytes.length() as usize;
            if len > room {
                let room = u32::try_from(room).unwrap_or(u32::MAX);
                body.extend_from_slice(&bytes.subarray(0, room).to_vec());
                body_truncated = true;
                let _ = reader.cancel();
                break;
            }
            body.extend_from_slice(&bytes.to_vec());
        }
    }
    Ok(Response {
        status,
        headers,
        body,
        body_truncated,
    })
}

/// Sleeps `ms` milliseconds, waking early (within 100 ms) when `cancel` is aborted.
pub async fn sleep(ms: i64, cancel: Option<&AbortSignal>) {
    let mut left = ms.max(0);
    while left > 0 {
        if cancel.is_some_and(AbortSignal::aborted) {
            return;
        }
        let slice = left.min(100);
        gloo_timers::future::TimeoutFuture::new(slice as u32).await;
        left -= slice;
    }
}

/// Drives `fetch` to its end in the browser, calling `on_event` with each event and the store.
/// Aborting `cancel` ends the fetch; what was read is kept.
pub async fn run(
    fetch: &mut FeedFetch,
    cancel: Option<&AbortSignal>,
    mut on_event: impl FnMut(&Event, &FeedStore),
) {
    loop {
        if cancel.is_some_and(AbortSignal::aborted) {
            fetch.cancel();
        }
        match fetch.next_step(now_ms()) {
            Step::Done => return,
            Step::Event(event) => on_event(&event, fetch.store()),
            Step::Wait { until_ms } => sleep(until_ms - now_ms(), cancel).await,
            Step::Send(request) => {
                let outcome = send(&request, cancel).await;
                fetch.receive(now_ms(), request.id, outcome);
            }
        }
    }
}
