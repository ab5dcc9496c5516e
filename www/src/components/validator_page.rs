//! The offline validator: paste, drop or pick OCPI files; see the detected kind and version,
//! the diagnostics with their place, the source at that place, the normalized data and the
//! regulation views; download the report. Nothing is sent anywhere: the page makes no request.

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::diagnostic::{Diagnostic, Summary};

use super::{DiagnosticList, SourceView};
use crate::regulation::{Regulation, feed_reports, today};
use ocpi_open_data::views::Report;

/// One input: its name and text.
#[derive(Debug, Clone, PartialEq)]
pub struct InputFile {
    pub name: String,
    pub text: Arc<str>,
}

/// What the validator said about one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileResult {
    pub name: String,
    pub kind: String,
    pub version: String,
    pub reason: String,
    pub items: usize,
    pub items_ok: usize,
    pub summary: Summary,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything computed from the inputs at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    pub files: Vec<FileResult>,
    /// The report as the CLI's `--format json` writes it.
    pub report_json: String,
    /// The version-neutral model, as `normalize` prints it.
    pub normalized_json: String,
    pub locations: usize,
    /// The AFIR view of every published location read.
    pub afir: Report,
    /// The UK view of every published location read.
    pub uk: Report,
}

/// Validates the inputs as one feed (ids and tariff references are checked across files).
pub fn validate(inputs: &[InputFile]) -> Validation {
    let files: Vec<(&str, &[u8])> = inputs
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_bytes()))
        .collect();
    let (reports, feed) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
    let mut total = Summary::default();
    let results = reports
        .iter()
        .map(|r| {
            let s = r.summary();
            total.merge(s);
            FileResult {
                name: r.path.clone(),
                kind: r
                    .kind
                    .map_or("unrecognised document", |k| k.as_str())
                    .to_string(),
                version: r
                    .version
                    .map(|v| v.as_str().to_string())
                    .unwrap_or_default(),
                reason: r.version_reason.clone(),
                items: r.items,
                items_ok: r.items_ok,
                summary: s,
                diagnostics: r.diagnostics.clone(),
            }
        })
        .collect();
    let report_json = serde_json::to_string_pretty(&serde_json::json!({
        "files": reports,
        "summary": total,
    }))
    .unwrap_or_default();
    let normalized_json = serde_json::to_string_pretty(&feed).unwrap_or_default();
    let (afir, uk) = feed_reports(&feed, today());
    Validation {
        files: results,
        report_json,
        normalized_json,
        locations: feed.locations.len(),
        afir,
        uk,
    }
}

/// The diagnostic the user chose: (file, index in that file's diagnostics).
pub type Choice = Option<(usize, usize)>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Diagnostics,
    Normalized,
    Afir,
    Uk,
}

/// Normalized JSON beyond this many characters is cut in the view (the download has it all).
const NORMALIZED_VIEW_LIMIT: usize = 400_000;

#[component]
pub fn ValidatorPage() -> impl IntoView {
    let inputs = RwSignal::new(Vec::<InputFile>::new());
    let pasted = RwSignal::new(String::new());
    let result = Memo::new(move |_| inputs.with(|i| (!i.is_empty()).then(|| validate(i))));
    let choice = RwSignal::new(None::<(usize, usize)>);
    let tab = RwSignal::new(Tab::Diagnostics);
    let dragging = RwSignal::new(false);

    let add_files = move |files: Vec<InputFile>| {
        choice.set(None);
        inputs.update(|i| {
            for f in files {
                match i.iter_mut().find(|x| x.name == f.name) {
                    Some(x) => *x = f,
                    None => i.push(f),
                }
            }
        });
    };
    let validate_pasted = move || {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        add_files(vec![InputFile {
            name: "pasted.json".into(),
            text: Arc::from(text.as_str()),
        }]);
    };

    let tab_button = move |t: Tab, label: &'static str, id: &'static str| {
        view! {
            <button role="tab" id=id aria-selected=move || (tab.get() == t).to_string()
                tabindex=move || if tab.get() == t { "0" } else { "-1" }
                on:click=move |_| tab.set(t)>{label}</button>
        }
    };

    view! {
        <a class="skip" href="#results">"Skip to the results"</a>
        <header class="top">
            <h1>"OCPI validator"</h1>
            <nav aria-label="Pages"><a href="index.html">"Charging map"</a></nav>
        </header>
        <main class="validator">
            <p class="intro">"Checks OCPI 2.1.1, 2.2.1 and 2.3.0 Locations and Tariffs in your browser. Your files are not uploaded: this page makes no network request."</p>
            <section class="inputs" aria-label="Input">
                <div class="drop" class:dragging=move || dragging.get()
                    on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=move |ev| {
                        ev.prevent_default();
                        dragging.set(false);
                        #[cfg(target_arch = "wasm32")]
                        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
                            read_files(list, add_files);
                        }
                    }>
                    <label for="file-pick">"Drop files here, or choose files"</label>
                    <input id="file-pick" type="file" multiple accept=".json,application/json"
                        on:change:target=move |ev| {
                            #[cfg(target_arch = "wasm32")]
                            if let Some(list) = ev.target().files() { read_files(list, add_files); }
                            #[cfg(not(target_arch = "wasm32"))]
                            let _ = ev;
                        } />
                </div>
                <label for="paste">"Or paste JSON"</label>
                <textarea id="paste" rows="6" spellcheck="false" prop:value=move || pasted.get()
                    on:input:target=move |ev| pasted.set(ev.target().value())></textarea>
                <div class="row">
                    <button on:click=move |_| validate_pasted()>"Validate pasted text"</button>
                    <button on:click=move |_| { inputs.set(Vec::new()); choice.set(None); }
                        disabled=move || inputs.with(Vec::is_empty)>"Clear files"</button>
                </div>
            </section>
            <section id="results" class="results" aria-label="Results" tabindex="-1">
                {move || result.get().map(|v| {
                    let report = v.report_json.clone();
                    view! {
                        <ul class="file-summaries">
                            {v.files.iter().map(|f| {
                                let version = if f.version.is_empty() { String::new() } else { format!(", OCPI {}", f.version) };
                                view! {
                                    <li class="file-summary">
                                        <strong>{f.name.clone()}</strong>
                                        <span class="kind">{format!(": {}{version}", f.kind)}</span>
                                        {(!f.reason.is_empty()).then(|| view! { <span class="reason">{format!(" ({})", f.reason)}</span> })}
                                        <div>{format!("{} items read, {} without errors; {} errors, {} warnings, {} infos",
                                            f.items, f.items_ok, f.summary.errors, f.summary.warnings, f.summary.infos)}</div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <button class="download" on:click=move |_| crate::browser::download("ocpi-report.json", "application/json", &report)>
                            "Download report (JSON)"</button>
                    }
                })}
                <Show when=move || result.with(Option::is_some)>
                    <div role="tablist" aria-label="Views">
                        {tab_button(Tab::Diagnostics, "Diagnostics", "tab-diag")}
                        {tab_button(Tab::Normalized, "Normalized data", "tab-norm")}
                        {tab_button(Tab::Afir, "AFIR", "tab-afir")}
                        {tab_button(Tab::Uk, "UK", "tab-uk")}
                    </div>
                    <div role="tabpanel" class="tabpanel">
                        {move || match tab.get() {
                            Tab::Diagnostics => view! {
                                <div class="diag-layout">
                                    <DiagnosticList result=result choice=choice />
                                    <SourceView inputs=inputs result=result choice=choice />
                                </div>
                            }.into_any(),
                            Tab::Normalized => {
                                let text = result.with(|r| r.as_ref().map(|v| v.normalized_json.clone())).unwrap_or_default();
                                let cut = text.len() > NORMALIZED_VIEW_LIMIT;
                                let shown: String = text.chars().take(NORMALIZED_VIEW_LIMIT).collect();
                                view! {
                                    {cut.then(|| view! { <p class="hint">"Long output: the first part is shown."</p> })}
                                    <pre class="normalized" tabindex="0">{shown}</pre>
                                }.into_any()
                            }
                            Tab::Afir | Tab::Uk => {
                                let regulation = if tab.get() == Tab::Afir { Regulation::Afir } else { Regulation::Uk };
                                result.with(|r| r.as_ref().map(|v| {
                                    let report = if regulation == Regulation::Afir { &v.afir } else { &v.uk };
                                    view! { <RegulationReport regulation report=report.clone() read=v.locations /> }
                                })).into_any()
                            }
                        }}
                    </div>
                </Show>
            </section>
        </main>
    }
}

/// Reads picked or dropped files as text (locally, with the File API) and adds them.
#[cfg(target_arch = "wasm32")]
fn read_files(list: web_sys::FileList, add: impl Fn(Vec<InputFile>) + 'static) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.item(i)).collect();
    leptos::task::spawn_local(async move {
        let mut out = Vec::new();
        for f in files {
            let Ok(text) = wasm_bindgen_futures::JsFuture::from(f.text()).await else {
                continue;
            };
            if let Some(t) = text.as_string() {
                out.push(InputFile {
                    name: f.name(),
                    text: Arc::from(t.as_str()),
                });
            }
        }
        add(out);
    });
}

/// The most locations a regulation tab lists (the JSON report has them all).
const LISTED_LOCATIONS: usize = 300;

/// A regulation view of every location read: the summary per requirement, then each location's
/// requirement list.
#[component]
fn RegulationReport(regulation: Regulation, report: Report, read: usize) -> impl IntoView {
    use super::regulation_badges::Badge;
    let name = regulation.name();
    let defs = regulation.definitions();
    let shown = report.locations.len();
    let summary: Vec<(String, String)> = report
        .summary
        .requirements
        .iter()
        .map(|(id, counts)| {
            let title = defs
                .iter()
                .find(|d| d.id == *id)
                .map_or(id.to_string(), |d| d.title.to_string());
            let counts = ocpi_open_data::views::Status::ALL
                .iter()
                .filter(|s| counts.get(**s) > 0)
                .map(|s| format!("{} {}", counts.get(*s), s.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            (title, counts)
        })
        .collect();
    view! {
        <p class="regulation-summary">{format!(
            "{name}: {shown} published locations of {read} read{}.",
            if report.unpublished > 0 { format!(" ({} unpublished left out)", report.unpublished) } else { String::new() }
        )}</p>
        <table class="regulation-table">
            <caption class="visually-hidden">{format!("{name} requirements: locations per status")}</caption>
            <thead><tr><th scope="col">"Requirement"</th><th scope="col">"Locations per status"</th></tr></thead>
            <tbody>{summary.into_iter().map(|(t, c)| view! { <tr><td>{t}</td><td>{c}</td></tr> }).collect_view()}</tbody>
        </table>
        <ul class="regulation-locations">
            {report.locations.into_iter().take(LISTED_LOCATIONS).map(|l| view! {
                <li><span class="loc-id">{format!("Location {} ({})", l.id, l.pointer)}</span>
                    <Badge regulation report=l /></li>
            }).collect_view()}
        </ul>
        {(shown > LISTED_LOCATIONS).then(|| view! { <p class="hint">{format!("The first {LISTED_LOCATIONS} locations are listed; the downloaded report has all.")}</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_of_two_files_as_one_feed() {
        let loc = r#"[{"country_code":"NL","party_id":"ABC","id":"1","publish":true,"address":"a","city":"c",
            "country":"NLD","coordinates":{"latitude":"52.1","longitude":"5.1"},"time_zone":"Europe/Amsterdam",
            "evses":[{"uid":"1","status":"AVAILABLE","connectors":[{"id":"1","standard":"IEC_62196_T2",
              "format":"SOCKET","power_type":"AC_3_PHASE","max_voltage":230,"max_amperage":"16",
              "tariff_ids":["NOPE"],"last_updated":"2025-01-01T00:00:00Z"}],"last_updated":"2025-01-01T00:00:00Z"}],
            "last_updated":"2025-01-01T00:00:00Z"}]"#;
        let v = validate(&[
            InputFile {
                name: "l.json".into(),
                text: Arc::from(loc),
            },
            InputFile {
                name: "t.json".into(),
                text: Arc::from("[]"),
            },
        ]);
        assert_eq!(v.files.len(), 2);
        assert_eq!(v.files[0].kind, "location");
        assert_eq!(v.files[0].version, "2.2.1");
        let codes: Vec<&str> = v.files[0]
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"field-coerced"), "{codes:?}");
        let coerced = v.files[0]
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "field-coerced")
            .expect("coerced");
        assert_eq!(
            (coerced.line, coerced.pointer.as_str()),
            (4, "/0/evses/0/connectors/0/max_amperage")
        );
        let report: serde_json::Value = serde_json::from_str(&v.report_json).expect("json");
        assert_eq!(report["files"][0]["path"], "l.json");
        assert!(report["summary"]["warnings"].as_u64().unwrap_or(0) >= 1);
        assert!(v.normalized_json.contains("\"locations\""));
        assert_eq!(v.locations, 1);
        assert_eq!(
            v.afir.locations.len(),
            v.locations,
            "every location read is published"
        );
        assert_eq!(v.uk.locations.len(), v.locations);
    }
}
