//! The handlers of the OCPI API, with `ETag` / `If-None-Match` on every answer.

use super::envelope::{ApiError, OcpiStatus, envelope_chunks};
use super::paging::PageQuery;
use super::snapshot::{Listed, Module, ServedLocation, Snapshot, VersionData};
use super::{State, X_LIMIT, X_TOTAL_COUNT};
use crate::spec::Version;
use axum::Router;
use axum::body::Body;
use axum::extract::{OriginalUri, Path, RawQuery, Request, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// The routes under `/ocpi`, protected when the options say so.
pub(crate) fn api(state: &State) -> Router {
    let mut api = Router::new()
        .route("/versions", get(versions))
        .route("/versions/", get(versions))
        .route("/{version}", get(details))
        .route("/{version}/", get(details))
        .route("/{version}/locations", get(locations))
        .route("/{version}/locations/", get(locations))
        .route("/{version}/locations/{location_id}", get(location))
        .route("/{version}/locations/{location_id}/{evse_uid}", get(evse))
        .route(
            "/{version}/locations/{location_id}/{evse_uid}/{connector_id}",
            get(connector),
        )
        .route("/{version}/tariffs", get(tariffs))
        .route("/{version}/tariffs/", get(tariffs))
        .fallback(unknown_endpoint)
        .method_not_allowed_fallback(method_not_allowed);
    if state.options().protection.is_some() {
        api = api.layer(middleware::from_fn_with_state(state.clone(), protect));
    }
    api.with_state(state.clone())
}

async fn protect(Extract(state): Extract<State>, request: Request, next: Next) -> Response {
    if let Some(protection) = &state.options().protection {
        let now = jiff::Timestamp::now().as_millisecond();
        if let Err(refused) = protection.check(request.headers(), now) {
            return refused.into_response();
        }
    }
    next.run(request).await
}

pub(crate) async fn unknown_endpoint(OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(
        OcpiStatus::ClientError,
        format!(
            "No endpoint at `{}`; the versions served are listed at /ocpi/versions",
            crate::validate::format::truncate(uri.path())
        ),
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError {
        http: StatusCode::METHOD_NOT_ALLOWED,
        status: OcpiStatus::ClientError,
        message: "This open-data endpoint is read-only: only GET (and HEAD) are served".into(),
    }
}

/// What every handler needs: the snapshot, the base URL and the request's validator.
struct Ctx {
    snapshot: Arc<Snapshot>,
    base: String,
    etag: HeaderValue,
    not_modified: bool,
    page_limit: usize,
}

impl Ctx {
    fn new(state: &State, headers: &HeaderMap, uri: &axum::http::Uri) -> Ctx {
        let snapshot = state.snapshot();
        let base = state.base_url(headers);
        // Same content, same URL, same base: same answer (but for the envelope's timestamp,
        // hence a weak validator).
        let mut hasher = DefaultHasher::new();
        (snapshot.tag, &base, uri.path(), uri.query()).hash(&mut hasher);
        let tag = format!("W/\"{:016x}\"", hasher.finish());
        let etag = HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("W/\"0\""));
        let not_modified = matches_if_none_match(headers, &tag);
        Ctx {
            snapshot,
            base,
            etag,
            not_modified,
            page_limit: state.options().page_limit,
        }
    }

    /// The version of a URL and its data, when the data has that version.
    fn version(&self, label: &str) -> Result<(Version, &VersionData), ApiError> {
        Version::ALL
            .into_iter()
            .find(|v| v.as_str() == label)
            .and_then(|v| Some((v, self.snapshot.version(v)?)))
            .ok_or_else(|| {
                ApiError::not_found(
                    OcpiStatus::ClientError,
                    format!(
                        "Version `{}` is not served here; see {}/ocpi/versions",
                        crate::validate::format::truncate(label),
                        self.base
                    ),
                )
            })
    }

    /// 304 when the client has this answer already, else 200 with the chunks of `data` in the
    /// envelope.
    fn answer(
        &self,
        extra: Vec<(header::HeaderName, HeaderValue)>,
        data: impl FnOnce() -> Vec<Bytes>,
    ) -> Response {
        let mut response = if self.not_modified {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let body = envelope_chunks(data(), OcpiStatus::Success, "Success");
            let mut response = Body::from(body).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        };
        let headers = response.headers_mut();
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        for (name, value) in extra {
            headers.insert(name, value);
        }
        response
    }
}

/// `If-None-Match` with weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag equal to ours
/// with `W/` ignored.
fn matches_if_none_match(headers: &HeaderMap, tag: &str) -> bool {
    let ours = tag.trim_start_matches("W/");
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|t| t == "*" || t.trim_start_matches("W/") == ours)
}

async fn versions(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Response {
    let ctx = Ctx::new(&state, &headers, &uri);
    let list: Vec<VersionEntry> = ctx
        .snapshot
        .versions()
        .map(|v| VersionEntry {
            version: v.as_str(),
            url: format!("{}/ocpi/{}", ctx.base, v.as_str()),
        })
        .collect();
    ctx.answer(Vec::new(), || vec![json_bytes(&list)])
}

async fn details(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(version): Path<String>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let (version, data) = ctx.version(&version)?;
    let mut endpoints = Vec::new();
    for (identifier, present) in [
        ("locations", data.locations.is_some()),
        ("tariffs", data.tariffs.is_some()),
    ] {
        if !present {
            continue;
        }
        endpoints.push(Endpoint {
            identifier,
            // The interface role arrived with 2.2; 2.1.1 endpoints have none.
            role: (version != Version::V2_1_1).then_some("SENDER"),
            url: format!("{}/ocpi/{}/{identifier}", ctx.base, version.as_str()),
        });
    }
    let details = Details {
        version: version.as_str(),
        endpoints,
    };
    Ok(ctx.answer(Vec::new(), || vec![json_bytes(&details)]))
}

/// `Version` of the versions endpoint.
#[derive(serde::Serialize)]
struct VersionEntry {
    version: &'static str,
    url: String,
}

/// `VersionDetails` and its `Endpoint`s.
#[derive(serde::Serialize)]
struct Details {
    version: &'static str,
    endpoints: Vec<Endpoint>,
}

#[derive(serde::Serialize)]
struct Endpoint {
    identifier: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    url: String,
}

fn json_bytes(value: &impl serde::Serialize) -> Bytes {
    // Serialising these plain structs cannot fail.
    Bytes::from(serde_json::to_vec(value).unwrap_or_default())
}

async fn locations(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(version): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let (version, data) = ctx.version(&version)?;
    let module = data
        .locations
        .as_ref()
        .ok_or_else(|| missing_module(&ctx, version, "locations"))?;
    list(&ctx, version, "locations", module, query.as_deref())
}

async fn tariffs(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(version): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let (version, data) = ctx.version(&version)?;
    let module = data
        .tariffs
        .as_ref()
        .ok_or_else(|| missing_module(&ctx, version, "tariffs"))?;
    list(&ctx, version, "tariffs", module, query.as_deref())
}

fn missing_module(ctx: &Ctx, version: Version, module: &str) -> ApiError {
    ApiError::not_found(
        OcpiStatus::ClientError,
        format!(
            "No {module} are served in OCPI {}; see {}/ocpi/{} for the modules of this version",
            version.as_str(),
            ctx.base,
            version.as_str()
        ),
    )
}

/// A page of a list: `X-Total-Count` (items matching the dates), `X-Limit` (the page size used)
/// and `Link` to the next page while there is one.
fn list<T: Listed>(
    ctx: &Ctx,
    version: Version,
    module_name: &str,
    module: &Module<T>,
    query: Option<&str>,
) -> Result<Response, ApiError> {
    let q = PageQuery::parse(query)?;
    let limit = q.limit.map_or(ctx.page_limit, |l| l.min(ctx.page_limit));
    // The page as runs of consecutive items (`from..to`), each one slice of the module's text.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let total;
    if q.date_from.is_none() && q.date_to.is_none() {
        total = module.items.len();
        let from = q.offset.min(total);
        runs.push((from, from.saturating_add(limit).min(total)));
    } else {
        let mut matched = 0;
        let mut taken = 0;
        for (i, item) in module.items.iter().enumerate() {
            if !q.admits(item.served().last_updated) {
                continue;
            }
            if matched >= q.offset && taken < limit {
                match runs.last_mut() {
                    Some((_, to)) if *to == i => *to = i + 1,
                    _ => runs.push((i, i + 1)),
                }
                taken += 1;
            }
            matched += 1;
        }
        total = matched;
    }
    let returned: usize = runs.iter().map(|(from, to)| to - from).sum();
    let mut extra = vec![
        (X_TOTAL_COUNT, HeaderValue::from(total)),
        (X_LIMIT, HeaderValue::from(limit)),
    ];
    if q.offset + returned < total {
        let link = format!(
            "<{}/ocpi/{}/{module_name}?{}>; rel=\"next\"",
            ctx.base,
            version.as_str(),
            q.next_query(returned, limit)
        );
        if let Ok(value) = HeaderValue::from_str(&link) {
            extra.push((header::LINK, value));
        }
    }
    Ok(ctx.answer(extra, || {
        let mut chunks = Vec::with_capacity(2 * runs.len() + 2);
        chunks.push(Bytes::from_static(b"["));
        for (i, (from, to)) in runs.iter().enumerate() {
            if i > 0 {
                chunks.push(Bytes::from_static(b","));
            }
            chunks.push(module.json_run(*from, *to));
        }
        chunks.push(Bytes::from_static(b"]"));
        chunks
    }))
}

/// The location of a request and its module, or 404 / 2003.
fn find_location<'s>(
    ctx: &'s Ctx,
    version: &str,
    location_id: &str,
) -> Result<(&'s Module<ServedLocation>, &'s ServedLocation), ApiError> {
    let (version, data) = ctx.version(version)?;
    let module = data
        .locations
        .as_ref()
        .ok_or_else(|| missing_module(ctx, version, "locations"))?;
    let location = module.get(location_id).ok_or_else(|| {
        ApiError::not_found(
            OcpiStatus::UnknownLocation,
            format!(
                "Unknown location `{}`",
                crate::validate::format::truncate(location_id)
            ),
        )
    })?;
    Ok((module, location))
}

async fn location(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path((version, location_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let (module, location) = find_location(&ctx, &version, &location_id)?;
    Ok(ctx.answer(Vec::new(), || vec![module.json(&location.item.range)]))
}

async fn evse(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path((version, location_id, evse_uid)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let (module, location) = find_location(&ctx, &version, &location_id)?;
    let evse = find_part(&location.evses, &evse_uid).ok_or_else(|| {
        ApiError::not_found(
            OcpiStatus::UnknownLocation,
            format!(
                "Location `{}` has no EVSE `{}`",
                location.item.id,
                crate::validate::format::truncate(&evse_uid)
            ),
        )
    })?;
    Ok(ctx.answer(Vec::new(), || vec![module.json(&evse.range)]))
}

async fn connector(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path((version, location_id, evse_uid, connector_id)): Path<(String, String, String, String)>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let (module, location) = find_location(&ctx, &version, &location_id)?;
    let unknown = || {
        ApiError::not_found(
            OcpiStatus::UnknownLocation,
            format!(
                "Location `{}` has no EVSE `{}` with connector `{}`",
                location.item.id,
                crate::validate::format::truncate(&evse_uid),
                crate::validate::format::truncate(&connector_id)
            ),
        )
    };
    let evse = find_part(&location.evses, &evse_uid).ok_or_else(unknown)?;
    let connector = find_part(&evse.children, &connector_id).ok_or_else(unknown)?;
    Ok(ctx.answer(Vec::new(), || vec![module.json(&connector.range)]))
}

/// The EVSE or connector with this id: exact match first, then case-insensitive (CiString).
fn find_part<'p>(
    parts: &'p [super::served_json::Part],
    id: &str,
) -> Option<&'p super::served_json::Part> {
    parts
        .iter()
        .find(|p| p.id == id)
        .or_else(|| parts.iter().find(|p| p.id.eq_ignore_ascii_case(id)))
}
