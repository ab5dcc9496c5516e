//! `ocpi-open-data serve FILE|DIR...`: OCPI files served as anonymous open-data endpoints,
//! reloaded when they change.

use crate::Format;
use crate::input;
use ocpi_open_data::serve::{
    self, LoadSummary, Protection, Reload, ReloadEvent, ServeOptions, Source, State,
};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Files or directories (their `*.json` files) of OCPI Locations and Tariffs, any version;
    /// `-` reads standard input once.
    #[arg(required = true, value_name = "FILE|DIR")]
    sources: Vec<String>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Public URL of the server, for the URLs in answers (default: http:// + the request's Host).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Page size: the default `limit` and its maximum.
    #[arg(long, default_value_t = serve::DEFAULT_PAGE_LIMIT as u64, value_parser = clap::value_parser!(u64).range(1..))]
    page_limit: u64,
    /// How often to look for changed files, in milliseconds.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..))]
    poll_ms: u64,
    /// Directory served at `/` (the map app); `/ocpi/...` stays the API.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Protected mode: accepted OCPI tokens, one a line (`#` comments).
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Protected mode: also require a TOTP of this configuration (needs --token-file).
    #[arg(long, value_name = "FILE", requires = "token_file")]
    totp_config: Option<PathBuf>,
    /// Accept `TOTP: <token>` without its type (older peers).
    #[arg(long, requires = "totp_config")]
    accept_bare_totp: bool,
    /// Output format of the start-up report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: ServeArgs) -> Result<ExitCode, String> {
    let mut sources = Vec::new();
    for source in &args.sources {
        if source == "-" {
            let input = input::read_all(std::slice::from_ref(source))?.remove(0);
            sources.push(Source::Bytes {
                name: input.name,
                bytes: input.bytes.into(),
            });
        } else {
            sources.push(Source::Path(PathBuf::from(source)));
        }
    }
    if let Some(dir) = &args.static_dir
        && !dir.is_dir()
    {
        return Err(format!("--static {}: not a directory", dir.display()));
    }
    let protection = match &args.token_file {
        None => None,
        Some(tokens) => Some(
            Protection::from_files(tokens, args.totp_config.as_deref())
                .map_err(|e| format!("{e} [{}]", e.code()))?
                .accept_bare_totp(args.accept_bare_totp),
        ),
    };
    let options = ServeOptions {
        base_url: args.base_url.clone(),
        page_limit: usize::try_from(args.page_limit).unwrap_or(usize::MAX),
        static_dir: args.static_dir.clone(),
        protection,
    };
    let state = State::load_with(sources, options).map_err(|e| format!("{e} [{}]", e.code()))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        let local = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        let base = args
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{local}"));
        report_start(&args, &state, &base, local)?;
        let _watcher = state.watch(Duration::from_millis(args.poll_ms), report_event);
        axum::serve(listener, serve::router(state))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| format!("the server stopped: {e}"))?;
        eprintln!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

fn report_start(
    args: &ServeArgs,
    state: &State,
    base: &str,
    local: std::net::SocketAddr,
) -> Result<(), String> {
    let snapshot = state.snapshot();
    let summary = snapshot.summary();
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Json => {
            let doc = serde_json::json!({
                "address": local.to_string(),
                "versions_url": format!("{base}/ocpi/versions"),
                "protected": state.options().protection.is_some(),
                "page_limit": state.options().page_limit,
                "summary": summary,
            });
            serde_json::to_writer(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        Format::Text => {
            let mut text = format!("serving {base}/ocpi/versions (listening on {local})\n");
            text.push_str(&describe(summary));
            if state.options().protection.is_some() {
                text.push_str("protected: requests need a token");
                if args.totp_config.is_some() {
                    text.push_str(" and a TOTP");
                }
                text.push('\n');
            }
            if let Some(dir) = &args.static_dir {
                text.push_str(&format!("static files from {} at {base}/\n", dir.display()));
            }
            text.push_str(&format!(
                "reloading when files change (checked every {} ms); Ctrl-C stops\n",
                args.poll_ms
            ));
            out.write_all(text.as_bytes())
        }
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write the report: {e}"))
}

/// One line per version and per file with problems.
fn describe(summary: &LoadSummary) -> String {
    let mut text = String::new();
    if summary.versions.is_empty() {
        text.push_str("  no Locations or Tariffs found in the files\n");
    }
    for v in &summary.versions {
        text.push_str(&format!(
            "  OCPI {}: {} locations, {} tariffs",
            v.version, v.locations, v.tariffs
        ));
        if v.locations_unpublished > 0 {
            text.push_str(&format!(
                " ({} locations with publish: false not served)",
                v.locations_unpublished
            ));
        }
        text.push('\n');
    }
    for f in &summary.files {
        let what = match (&f.kind, &f.version) {
            (Some(k), Some(v)) => format!("{k} {v}"),
            (Some(k), None) => k.clone(),
            _ => "not recognised as Locations or Tariffs".into(),
        };
        if f.errors > 0 || f.broken || f.kind.is_none() {
            text.push_str(&format!(
                "  {}: {what}, {} items, {} errors, {} warnings{} (run `ocpi-open-data validate` for details)\n",
                f.path,
                f.items,
                f.errors,
                f.warnings,
                if f.broken { ", not well-formed JSON" } else { "" }
            ));
        }
    }
    text
}

fn report_event(event: ReloadEvent) {
    match event {
        ReloadEvent::Reloaded(Reload::Replaced(summary)) => {
            eprint!("reloaded:\n{}", describe(&summary));
        }
        ReloadEvent::Reloaded(Reload::KeptBroken { files }) => eprintln!(
            "not reloaded: {} not well-formed JSON (still being written?); serving the previous data until it changes again",
            files.join(", ")
        ),
        ReloadEvent::Failed(e) => eprintln!("not reloaded: {e}; serving the previous data"),
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
