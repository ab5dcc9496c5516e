//! The diagnostics of all files, filterable by severity and text; choosing one shows its place
//! in the source.

use leptos::prelude::*;
use ocpi_open_data::Severity;

use super::validator_page::Validation;

/// Rows beyond this are not drawn (the filter narrows them down).
const ROW_LIMIT: usize = 2000;

#[component]
pub fn DiagnosticList(
    result: Memo<Option<Validation>>,
    choice: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    let show_error = RwSignal::new(true);
    let show_warning = RwSignal::new(true);
    let show_info = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let rows = move || {
        let want = |s: Severity| match s {
            Severity::Error => show_error.get(),
            Severity::Warning => show_warning.get(),
            Severity::Info => show_info.get(),
        };
        let needle = text.get().to_lowercase();
        result.with(|r| {
            let Some(v) = r else { return Vec::new() };
            let mut out = Vec::new();
            for (fi, f) in v.files.iter().enumerate() {
                for (di, d) in f.diagnostics.iter().enumerate() {
                    if !want(d.severity) {
                        continue;
                    }
                    if !needle.is_empty()
                        && !d.code.as_str().contains(&needle)
                        && !d.message.to_lowercase().contains(&needle)
                        && !d.pointer.to_lowercase().contains(&needle)
                    {
                        continue;
                    }
                    out.push((fi, di, f.name.clone(), d.clone()));
                }
            }
            out
        })
    };
    let check = move |label: &'static str, id: &'static str, s: RwSignal<bool>| {
        view! {
            <label class="check" for=id>
                <input type="checkbox" id=id prop:checked=move || s.get()
                    on:change:target=move |ev| s.set(ev.target().checked()) />
                {label}
            </label>
        }
    };
    view! {
        <section class="diagnostics" aria-labelledby="diag-h">
            <h2 id="diag-h">"Diagnostics"</h2>
            <div class="diag-filters">
                {check("Errors", "sev-error", show_error)}
                {check("Warnings", "sev-warning", show_warning)}
                {check("Infos", "sev-info", show_info)}
                <label for="diag-text">"Filter by code, message or pointer"</label>
                <input id="diag-text" type="search" prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value()) />
            </div>
            {move || {
                let all = rows();
                let n = all.len();
                view! {
                    <p class="count" role="status">{if n > ROW_LIMIT { format!("{n} diagnostics (first {ROW_LIMIT} shown)") } else { format!("{n} diagnostics") }}</p>
                    <ol class="diag-list">
                        {all.into_iter().take(ROW_LIMIT).map(|(fi, di, file, d)| {
                            let sev = d.severity.as_str();
                            let place = format!("{file}:{}:{}", d.line, d.column);
                            view! {
                                <li>
                                    <button class=format!("diag sev-{sev}") data-code=d.code.as_str() data-line=d.line
                                        aria-current=move || (choice.get() == Some((fi, di))).then_some("true")
                                        on:click=move |_| choice.set(Some((fi, di)))>
                                        <span class="sev">{sev}</span>
                                        <span class="code">{d.code.as_str()}</span>
                                        <span class="place">{place}</span>
                                        <span class="msg">{d.message.clone()}</span>
                                        <span class="ptr">{d.pointer.clone()}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
            }}
        </section>
    }
}
