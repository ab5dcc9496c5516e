//! The source of the chosen file around the chosen diagnostic, with its line and span marked.

use leptos::prelude::*;

use super::validator_page::{InputFile, Validation};

/// Lines shown before and after the chosen one.
const CONTEXT_LINES: usize = 60;

/// The lines `[from, to)` of `text` with their byte offsets.
fn window(text: &str, center: usize, context: usize) -> Vec<(usize, usize, &str)> {
    let from = center.saturating_sub(context + 1);
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i >= from && i < center + context {
            out.push((i + 1, offset, line.strip_suffix('\r').unwrap_or(line)));
        }
        if i >= center + context {
            break;
        }
        offset += line.len() + 1;
    }
    out
}

#[component]
pub fn SourceView(
    inputs: RwSignal<Vec<InputFile>>,
    result: Memo<Option<Validation>>,
    choice: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    let lines = move || {
        let (fi, di) = choice.get()?;
        let d = result.with(|r| r.as_ref()?.files.get(fi)?.diagnostics.get(di).cloned())?;
        let name = result.with(|r| {
            r.as_ref()
                .and_then(|v| v.files.get(fi).map(|f| f.name.clone()))
        })?;
        let text = inputs.with(|i| i.iter().find(|f| f.name == name).map(|f| f.text.clone()))?;
        let center = d.line.max(1) as usize;
        let rows: Vec<_> = window(&text, center, CONTEXT_LINES)
            .into_iter()
            .map(|(n, start, line)| {
                let end = start + line.len();
                let (s, e) = (d.span.start as usize, d.span.end as usize);
                // The part of the span on this line, as byte offsets in the line.
                let mark = (n == center && s <= end && e >= start).then(|| {
                    let a = s.clamp(start, end) - start;
                    let b = e.clamp(start, end) - start;
                    (a, b.max(a))
                });
                let parts = match mark {
                    Some((a, b)) if line.is_char_boundary(a) && line.is_char_boundary(b) => (
                        line[..a].to_string(),
                        line[a..b].to_string(),
                        line[b..].to_string(),
                    ),
                    _ => (line.to_string(), String::new(), String::new()),
                };
                (n, n == center, parts)
            })
            .collect();
        Some((name, d.line, d.column, rows))
    };
    // Scroll the marked line into view when the choice changes.
    Effect::new(move |_| {
        choice.track();
        #[cfg(target_arch = "wasm32")]
        leptos::prelude::request_animation_frame(|| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".source .src-line.hl").ok().flatten())
            {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    });
    view! {
        <section class="source" aria-labelledby="src-h">
            <h2 id="src-h">{move || lines().map_or("Source".to_string(), |(name, l, c, _)| format!("Source: {name}, line {l}, column {c}"))}</h2>
            {move || match lines() {
                None => view! { <p class="hint">"Choose a diagnostic to see its place."</p> }.into_any(),
                Some((_, _, _, rows)) => view! {
                    <div class="src" tabindex="0" role="region" aria-label="Source text">
                        {rows.into_iter().map(|(n, hl, (a, m, b))| view! {
                            <div class="src-line" class:hl=hl data-line=n>
                                <span class="ln" aria-hidden="true">{n}</span>
                                <code>{a}{(!m.is_empty()).then(|| view! { <mark>{m}</mark> })}{b}</code>
                            </div>
                        }).collect_view()}
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn window_keeps_offsets() {
        let text = "a\nbb\r\nccc\ndddd";
        let w = window(text, 3, 1);
        assert_eq!(w, vec![(2, 2, "bb"), (3, 6, "ccc"), (4, 10, "dddd")]);
        assert_eq!(&text[6..9], "ccc");
    }
}
