//! `fetch`: read a feed from its versions or module URL, write its items as one OCPI envelope
//! file and report what was read and what failed.
//!
//! Exit status: 0 every page was read, 1 some failed (what was read is kept), 2 nothing could be
//! read or the tool could not run.

use clap::ValueEnum;
use ocpi_open_data::feed::native::{self, NativeOptions, NativeTransport};
use ocpi_open_data::feed::{Auth, Event, FeedFetch, FetchConfig, FetchReport, Module, RetryPolicy};
use ocpi_open_data::totp::{Totp, TotpConfig};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct FetchArgs {
    /// A versions URL (`.../ocpi/versions`), a version details URL or a module URL (`.../locations`).
    url: String,
    /// The module to read.
    #[arg(long, value_enum)]
    module: Option<ModuleArg>,
    /// File holding the OCPI token, sent as `Authorization: Token ...`.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// TOTP second-secret configuration (JSON) for a `TOTP` header on every request.
    #[arg(long, value_name = "FILE")]
    totp_config: Option<PathBuf>,
    /// PEM client certificate for mutual TLS (with --client-key).
    #[arg(long, value_name = "FILE", requires = "client_key")]
    client_cert: Option<PathBuf>,
    /// PEM private key of the client certificate.
    #[arg(long, value_name = "FILE", requires = "client_cert")]
    client_key: Option<PathBuf>,
    /// Write the items read as one OCPI response envelope to this file.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Read only what changed since then (RFC 3339), e.g. the time of the last fetch.
    #[arg(long, value_name = "DATETIME")]
    date_from: Option<jiff::Timestamp>,
    /// Items per page to ask for (`limit`); the server may allow fewer.
    #[arg(long, value_name = "N")]
    limit: Option<u32>,
    /// Timeout of each request, body included, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 30_000)]
    timeout_ms: u64,
    /// Retries of a request that failed with 5xx, 429, a timeout or a connection error.
    #[arg(long, value_name = "N", default_value_t = 4)]
    retries: u32,
    /// Delay before the first retry in milliseconds, doubled for each further one (with jitter).
    #[arg(long, value_name = "MS", default_value_t = 500)]
    retry_delay_ms: u64,
    /// Stop after this many pages.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    max_pages: usize,
    /// Stop after this many bytes in all.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 30)]
    max_bytes: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModuleArg {
    Locations,
    Tariffs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

/// Runs the fetch; `Err` is a reason the tool could not run.
pub fn run(args: FetchArgs) -> Result<ExitCode, String> {
    let mut config = FetchConfig::new(args.url.clone());
    config.module = args.module.map(|m| match m {
        ModuleArg::Locations => Module::Locations,
        ModuleArg::Tariffs => Module::Tariffs,
    });
    config.timeout_ms = args.timeout_ms;
    config.retry = RetryPolicy {
        max_retries: args.retries,
        base_delay_ms: args.retry_delay_ms,
        ..RetryPolicy::default()
    };
    config.max_pages = args.max_pages;
    config.max_bytes = args.max_bytes;
    config.page_limit = args.limit;
    config.date_from = args.date_from;
    config.seed = native::now_ms() as u64;
    if let Some(path) = &args.token_file {
        let token = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the token file {}: {e}", path.display()))?;
        if token.trim().is_empty() {
            return Err(format!("the token file {} is empty", path.display()));
        }
        config.auth = Auth::token(token);
    }
    if let Some(path) = &args.totp_config {
        let totp = read_totp(path)?;
        let auth = std::mem::replace(&mut config.auth, Auth::anonymous());
        config.auth = auth.with_headers(Arc::new(totp));
    }
    let read = |path: &PathBuf| {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let options = NativeOptions {
        client_cert_pem: args.client_cert.as_ref().map(read).transpose()?,
        client_key_pem: args.client_key.as_ref().map(read).transpose()?,
        user_agent: None,
        same_host_redirects_only: config.auth.is_configured(),
    };
    let transport = NativeTransport::new(&options).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let mut fetch = FeedFetch::new(config);
    let quiet = args.format == ReportFormat::Json;
    runtime.block_on(async {
        let cancel = tokio_util::sync::CancellationToken::new();
        let on_signal = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                on_signal.cancel();
            }
        });
        native::run(&mut fetch, &transport, &cancel, |event, _| {
            if !quiet {
                progress(event);
            }
        })
        .await;
    });
    let report = fetch.report();
    if let Some(path) = &args.out {
        let envelope = fetch.store().to_envelope(jiff::Timestamp::now());
        let text = serde_json::to_vec(&envelope).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        ReportFormat::Json => serde_json::to_writer(&mut out, &report)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        ReportFormat::Text => text_report(&mut out, &report, args.out.as_ref()),
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(ExitCode::from(if report.read_nothing() {
        2
    } else if report.is_complete() {
        0
    } else {
        1
    }))
}

/// One line per event on standard error, for a person watching.
fn progress(event: &Event) {
    match event {
        Event::Discovered {
            version,
            module,
            endpoint,
        } => eprintln!(
            "reading {} (OCPI {}) from {endpoint}",
            module.as_str(),
            version.map_or("version not known yet", |v| v.as_str())
        ),
        Event::Retrying {
            url,
            retry,
            delay_ms,
            fault,
        } => eprintln!("retry {retry} of {url} in {delay_ms} ms: {fault}"),
        Event::Page(page) => eprintln!(
            "page {}: {} items{}",
            page.index + 1,
            page.items.len(),
            page.fault
                .as_ref()
                .map_or(String::new(), |f| format!(" ({})", f.code()))
        ),
        Event::Progress(p) => {
            if let Some(total) = p.total {
                eprintln!("  {} of {total} items, {} bytes", p.items, p.bytes);
            }
        }
        Event::Failed(failed) => {
            eprintln!("failed: {} [{}]", failed.url, failed.error.code())
        }
    }
}

fn text_report(
    out: &mut impl Write,
    report: &FetchReport,
    written_to: Option<&PathBuf>,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} of OCPI {}",
        report.url,
        report.module.map_or("no module", |m| m.as_str()),
        report.version.map_or("unknown version", |v| v.as_str())
    )?;
    if let Some(endpoint) = &report.endpoint {
        writeln!(out, "  endpoint {endpoint}")?;
    }
    writeln!(
        out,
        "  {} pages ({} without fault), {} items, {} bytes{}",
        report.pages,
        report.pages_ok,
        report.items,
        report.bytes,
        report
            .total
            .map_or(String::new(), |t| format!(", {t} announced"))
    )?;
    if report.removed_evses > 0 {
        writeln!(out, "  {} removed EVSEs dropped", report.removed_evses)?;
    }
    let s = report.diagnostics_summary;
    writeln!(
        out,
        "  diagnostics: {} errors, {} warnings, {} infos (run `validate` on the written file for details)",
        s.errors, s.warnings, s.infos
    )?;
    for failed in &report.failed_pages {
        writeln!(
            out,
            "  failed {}: [{}] {}",
            failed.url,
            failed.error.code(),
            failed.error
        )?;
    }
    if let Some(path) = written_to {
        writeln!(out, "  wrote {} items to {}", report.items, path.display())?;
    }
    Ok(())
}

/// Reads a TOTP configuration file for the `TOTP` header. Channel-bound tokens need the TLS
/// exporter material of the connection, which the HTTP client does not expose: refused.
fn read_totp(path: &PathBuf) -> Result<Totp, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read the TOTP configuration {}: {e}", path.display()))?;
    let config = TotpConfig::from_json(&bytes)
        .map_err(|e| format!("the TOTP configuration {}: {e}", path.display()))?;
    if config.use_tls_exporter_material {
        return Err(format!(
            "the TOTP configuration {} asks for channel binding (useTLSExporterMaterial), which fetch cannot do; use plain tokens",
            path.display()
        ));
    }
    config
        .totp()
        .map_err(|e| format!("the TOTP configuration {}: {e}", path.display()))
}
