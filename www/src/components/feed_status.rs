//! Each feed with its progress (pages, items, of `X-Total-Count`), what the validator found in
//! it, errors with a retry, and a form to add a feed by URL.

use leptos::prelude::*;

use super::map_page::loading;
use crate::state::MapState;

#[component]
pub fn FeedStatus() -> impl IntoView {
    let state = expect_context::<MapState>();
    let new_url = RwSignal::new(String::new());
    let add = move || {
        let url = new_url.get_untracked().trim().to_string();
        if url.is_empty()
            || state
                .feeds
                .with_untracked(|f| f.iter().any(|s| s.given == url || s.url == url))
        {
            return;
        }
        loading::add_feed(state, url);
        new_url.set(String::new());
    };
    let overview = move || {
        state.feeds.with(|f| {
            let loading = f.iter().filter(|s| s.loading).count();
            let failed = f.iter().filter(|s| s.error.is_some()).count();
            let locations: usize = f.iter().map(|s| s.location_list().count()).sum();
            format!(
                "{} feed{}: {locations} locations read{}{}",
                f.len(),
                if f.len() == 1 { "" } else { "s" },
                if loading > 0 {
                    format!(", {loading} loading")
                } else {
                    String::new()
                },
                if failed > 0 {
                    format!(", {failed} stopped with an error")
                } else {
                    String::new()
                }
            )
        })
    };
    // Several sources fold away once read (a phone has no room for their progress bars); while
    // loading, and when one stopped with an error, they unfold.
    let unfolded = move || {
        state
            .feeds
            .with(|f| f.len() <= 1 || f.iter().any(|s| s.loading || s.error.is_some()))
    };
    view! {
        <section class="feeds" aria-labelledby="feeds-h">
            <h2 id="feeds-h">"Feeds"</h2>
            <details open=unfolded>
                <summary aria-live="polite">{overview}</summary>
                <ul class="feed-list">
                    <For
                        each=move || state.feeds.with(|f| f.iter().map(|s| s.id).collect::<Vec<_>>())
                        key=|id| *id
                        children=move |id| view! { <FeedRow id /> }
                    />
                </ul>
            </details>
            <form class="add-feed" on:submit=move |ev| { ev.prevent_default(); add(); }>
                <label for="feed-url">"Add a feed (versions URL or Locations URL)"</label>
                <div class="row">
                    <input id="feed-url" type="url" inputmode="url" placeholder="https://…/ocpi/versions"
                        prop:value=move || new_url.get()
                        on:input:target=move |ev| new_url.set(ev.target().value()) />
                    <button type="submit">"Add"</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn FeedRow(id: u64) -> impl IntoView {
    let state = expect_context::<MapState>();
    let feed = move || state.feeds.with(|f| f.iter().find(|s| s.id == id).cloned());
    let summary = move || {
        let Some(f) = feed() else {
            return String::new();
        };
        let p = &f.progress;
        let of = p.total.map_or(String::new(), |t| format!(" of {t}"));
        let stage = if f.loading { f.stage } else { "read" };
        format!(
            "{stage}: {} locations, {} tariffs; page {}, {}{of} items, {} KiB",
            f.location_list().count(),
            f.tariff_list().count(),
            p.pages,
            p.items,
            p.bytes / 1024
        )
    };
    let findings =
        move || feed().map(|f| format!("Validator: {} errors, {} warnings", f.errors, f.warnings));
    let title = move || {
        feed().map(|f| match f.version {
            Some(v) => format!("{} (OCPI {})", f.given, v.as_str()),
            None => f.url,
        })
    };
    view! {
        <li class="feed" data-feed=id>
            <div class="feed-url">{move || title().unwrap_or_default()}</div>
            {move || feed().map(|f| {
                let (value, max) = match f.progress.total {
                    Some(t) if t > 0 => ((f.progress.items as u64).min(t) as f64, t as f64),
                    _ if !f.loading => (1.0, 1.0),
                    _ => (0.0, 0.0),
                };
                let label = format!("Loading {}", f.url);
                if max > 0.0 {
                    view! { <progress aria-label=label value=value max=max></progress> }.into_any()
                } else {
                    view! { <progress aria-label=label></progress> }.into_any()
                }
            })}
            <div class="feed-progress" aria-live="polite">{summary}</div>
            <div class="feed-findings">{findings}</div>
            {move || feed().and_then(|f| f.error).map(|e| view! {
                <div class="feed-error" role="alert">
                    <span>{format!("Stopped reading {}: {}. What loaded is kept.", e.module.as_str(), e.message)}</span>
                    <button on:click=move |_| loading::retry(state, id)>"Retry"</button>
                </div>
            })}
            <button class="remove" aria-label=move || format!("Remove feed {}", title().unwrap_or_default())
                on:click=move |_| loading::remove_feed(state, id)>"Remove"</button>
        </li>
    }
}
