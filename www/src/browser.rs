//! The few browser calls outside components: the address bar, downloads, timing marks.
//! On other targets (native unit tests) they do nothing.

/// Replaces the query of the address bar without a new history entry.
pub fn replace_query(query: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(w) = web_sys::window() else { return };
        let path = w.location().pathname().unwrap_or_default();
        let target = format!("{path}{query}");
        if w.location().search().unwrap_or_default() != query
            && let Ok(h) = w.history()
        {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = query;
}

/// The query string of the page.
pub fn query() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// Offers `text` as a file to save (no network: a Blob URL).
pub fn download(name: &str, mime: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(a) = doc.create_element("a")
            && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, mime, text);
}

/// A `performance.mark`, for the benchmark and the tests.
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// A URL from the data, only when it is `https:` or `http:` (never `javascript:`, `data:`...).
pub fn safe_href(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && !u.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::safe_href;

    #[test]
    fn only_web_urls_are_links() {
        assert_eq!(
            safe_href(" https://a.example/x "),
            Some("https://a.example/x".into())
        );
        assert_eq!(
            safe_href("HTTP://a.example"),
            Some("HTTP://a.example".into())
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,<script>"), None);
        assert_eq!(safe_href("//evil.example"), None);
        assert_eq!(safe_href("https://a.example/\njavascript:x"), None);
        assert_eq!(safe_href("vbscript:x"), None);
    }
}
