//! The handlers of the OCPI API, with `ETag` / `If-None-Match` on every answer.

use super::envelope::{ApiError, OcpiStatus, envelope, json_response};
use super::paging::PageQuery;
use super::snapshot::{Module, ServedItem, ServedLocation, Snapshot, VersionData};
use super::{State, X_LIMIT, X_TOTAL_COUNT};
use crate::spec::Version;
use axum::Router;
use axum::extract::{OriginalUri, Path, RawQuery, Request, State as Extract};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
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

    /// 304 when the client has this answer already, else 200 with `write_data` in the envelope.
    fn answer(
        &self,
        extra: Vec<(header::HeaderName, HeaderValue)>,
        size: usize,
        write_data: impl FnOnce(&mut Vec<u8>),
    ) -> Response {
        let mut response = if self.not_modified {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let body = envelope(
                |out| {
                    out.reserve(size);
                    write_data(out)
                },
                OcpiStatus::Success,
                "Success",
            );
            json_response(StatusCode::OK, body)
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
    ctx.answer(Vec::new(), 0, |out| write_json(&list, out))
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
    Ok(ctx.answer(Vec::new(), 0, |out| write_json(&details, out)))
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

fn write_json(value: &impl serde::Serialize, out: &mut Vec<u8>) {
    // Writing a Value into a Vec cannot fail.
    let _ = serde_json::to_writer(out, value);
}

/// The JSON of items, for a list page.
trait Listed {
    fn served(&self) -> &ServedItem;
}

impl Listed for ServedItem {
    fn served(&self) -> &ServedItem {
        self
    }
}

impl Listed for ServedLocation {
    fn served(&self) -> &ServedItem {
        &self.item
    }
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
    let mut total = 0;
    let mut page: Vec<&ServedItem> = Vec::with_capacity(limit.min(module.items.len()));
    for item in module.items.iter().map(Listed::served) {
        if q.admits(item.last_updated) {
            if total >= q.offset && page.len() < limit {
                page.push(item);
            }
            total += 1;
        }
    }
    let mut extra = vec![
        (X_TOTAL_COUNT, HeaderValue::from(total)),
        (X_LIMIT, HeaderValue::from(limit)),
    ];
    if q.offset + page.len() < total {
        let link = format!(
            "<{}/ocpi/{}/{module_name}?{}>; rel=\"next\"",
            ctx.base,
            version.as_str(),
            q.next_query(page.len(), limit)
        );
        if let Ok(value) = HeaderValue::from_str(&link) {
            extra.push((header::LINK, value));
        }
    }
    let size = page.iter().map(|i| i.json.len() + 1).sum();
    Ok(ctx.answer(extra, size, |out| {
        out.push(b'[');
        for (i, item) in page.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&item.json);
        }
        out.push(b']');
    }))
}

/// The location of a request, or 404 / 2003.
fn find_location<'s>(
    ctx: &'s Ctx,
    version: &str,
    location_id: &str,
) -> Result<&'s ServedLocation, ApiError> {
    let (version, data) = ctx.version(version)?;
    let module = data
        .locations
        .as_ref()
        .ok_or_else(|| missing_module(ctx, version, "locations"))?;
    module.get(location_id).ok_or_else(|| {
        ApiError::not_found(
            OcpiStatus::UnknownLocation,
            format!(
                "Unknown location `{}`",
                crate::validate::format::truncate(location_id)
            ),
        )
    })
}

fn slice_response(ctx: &Ctx, bytes: &[u8]) -> Response {
    ctx.answer(Vec::new(), bytes.len(), |out| out.extend_from_slice(bytes))
}

async fn location(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path((version, location_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let location = find_location(&ctx, &version, &location_id)?;
    Ok(slice_response(&ctx, &location.item.json))
}

async fn evse(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path((version, location_id, evse_uid)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let location = find_location(&ctx, &version, &location_id)?;
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
    Ok(slice_response(
        &ctx,
        &location.item.json[evse.range.clone()],
    ))
}

async fn connector(
    Extract(state): Extract<State>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path((version, location_id, evse_uid, connector_id)): Path<(String, String, String, String)>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &headers, &uri);
    let location = find_location(&ctx, &version, &location_id)?;
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
    Ok(slice_response(
        &ctx,
        &location.item.json[connector.range.clone()],
    ))
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
