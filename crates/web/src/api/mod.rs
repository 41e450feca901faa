//! The JSON API under `/api`: everything the CLI does, described by the OpenAPI document at
//! `/api/openapi.json`. Reads need a session unless the server allows anonymous reading; writes need the editor
//! role (import: admin) and the session's CSRF token in the `X-CSRF-Token` header.

pub mod types;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mandates_core::report::{docx, markdown};
use mandates_store::{MandateFilter, Role};
use serde::de::DeserializeOwned;
use utoipa::OpenApi;

use crate::AppState;
use crate::auth::{self, CSRF_HEADER, Visitor};
use crate::error::{ApiError, ErrorBody};
use types::*;

pub fn routes(upload_limit: usize) -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/session", post(sign_in).get(me).delete(sign_out))
        .route("/api/overview", get(overview))
        .route("/api/instruments", get(instruments))
        .route("/api/instruments/{id}", get(instrument))
        .route("/api/instruments/{id}/diff", get(instrument_diff))
        .route("/api/mandates", get(mandates))
        .route("/api/mandates/{id}", get(mandate).patch(update_mandate))
        .route("/api/mandates/{id}/history", get(history))
        .route("/api/search", get(search))
        .route("/api/reports/impact", get(impact_report))
        .route("/api/reports/table", get(reference_table))
        .route("/api/calendar", get(calendar))
        .route("/api/export", get(export))
        .route("/api/import", post(import).layer(axum::extract::DefaultBodyLimit::max(upload_limit)))
        .route("/api/documents", post(upload).layer(axum::extract::DefaultBodyLimit::max(upload_limit)))
        .fallback(|| async { ApiError::not_found("there is no such API address: see /api/openapi.json") })
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "mandates",
        description = "The mandate registry: what ITU resolutions ask of whom, and how far it got. Sign in with \
                       POST /api/session; send the session cookie with every request and the csrf_token in the \
                       X-CSRF-Token header of every write. Errors all have the shape {\"error\": {\"status\", \
                       \"code\", \"message\"}}."
    ),
    paths(
        sign_in,
        me,
        sign_out,
        overview,
        instruments,
        instrument,
        instrument_diff,
        mandates,
        mandate,
        update_mandate,
        history,
        search,
        impact_report,
        reference_table,
        calendar,
        export,
        import,
        upload
    ),
    components(schemas(ErrorBody))
)]
struct ApiDoc;

/// The OpenAPI 3 document of the API, as served at `/api/openapi.json`.
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_else(|_| "{}".into())
}

async fn openapi() -> Response {
    ([(CONTENT_TYPE, "application/json")], openapi_json()).into_response()
}

/// A JSON body whose rejection is an [`ApiError`] (400 with what is wrong), not axum's plain text.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(ApiError::bad_request("send the body as JSON, with Content-Type: application/json"))
            }
            Err(e) => Err(ApiError::bad_request(format!("the JSON body cannot be read: {}", e.body_text()))),
        }
    }
}

/// Query parameters whose rejection is an [`ApiError`].
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Params(q.0))
            .map_err(|e: QueryRejection| ApiError::bad_request(format!("bad query: {}", e.body_text())))
    }
}

/// A request body bounded by the configured upload size: too large is a 413 in the API's error shape.
pub struct UploadBody(pub Bytes);

impl FromRequest<AppState> for UploadBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let limit = state.config().max_upload_bytes;
        let body = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::too_large(limit)
            } else {
                ApiError::bad_request(format!("the upload could not be read: {}", e.body_text()))
            }
        })?;
        if body.len() > limit {
            return Err(ApiError::too_large(limit));
        }
        Ok(UploadBody(body))
    }
}

fn csrf(headers: &HeaderMap) -> Option<&str> {
    headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok())
}

/// Sign in: opens a session (cookie) and answers the token to send with writes.
#[utoipa::path(post, path = "/api/session", tag = "session", request_body = SignIn,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn sign_in(State(state): State<AppState>, JsonBody(body): JsonBody<SignIn>) -> Result<Response, ApiError> {
    let signed = auth::sign_in(&state, &body.name, &body.password).await?;
    let me = Me {
        name: signed.session.user.name.clone(),
        role: signed.session.user.role.to_string(),
        csrf_token: signed.session.csrf_token.clone(),
    };
    Ok(([(SET_COOKIE, signed.cookie)], Json(me)).into_response())
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/session", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn me(visitor: Visitor) -> Result<Json<Me>, ApiError> {
    let session = visitor.require(Role::Viewer)?;
    Ok(Json(Me {
        name: session.user.name.clone(),
        role: session.user.role.to_string(),
        csrf_token: session.csrf_token.clone(),
    }))
}

/// Sign out.
#[utoipa::path(delete, path = "/api/session", tag = "session", responses((status = 204)))]
async fn sign_out(State(state): State<AppState>, visitor: Visitor) -> Result<Response, ApiError> {
    let cookie = auth::sign_out(&state, &visitor).await?;
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

/// Counts and progress, overall and by conference, Sector and addressee.
#[utoipa::path(get, path = "/api/overview", tag = "registry",
    responses((status = 200, body = Overview), (status = 401, body = ErrorBody)))]
async fn overview(State(state): State<AppState>, visitor: Visitor) -> Result<Json<Overview>, ApiError> {
    visitor.require_read(&state)?;
    Ok(Json(state.store().overview(12).await?.into()))
}

/// Every instrument with its lineage and progress.
#[utoipa::path(get, path = "/api/instruments", tag = "registry",
    responses((status = 200, body = Vec<Instrument>), (status = 401, body = ErrorBody)))]
async fn instruments(State(state): State<AppState>, visitor: Visitor) -> Result<Json<Vec<Instrument>>, ApiError> {
    visitor.require_read(&state)?;
    Ok(Json(state.store().instruments().await?.into_iter().map(Into::into).collect()))
}

/// One instrument with its texts and current mandates.
#[utoipa::path(get, path = "/api/instruments/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = InstrumentDetail), (status = 404, body = ErrorBody)))]
async fn instrument(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Result<Json<InstrumentDetail>, ApiError> {
    visitor.require_read(&state)?;
    let detail = state.instrument(id).await?;
    let filter = MandateFilter { instrument_id: Some(id), ..MandateFilter::default() };
    let mandates = state.store().mandates(&filter).await?;
    Ok(Json(InstrumentDetail {
        instrument: detail.instrument.into(),
        texts: detail.texts.into_iter().map(Into::into).collect(),
        mandates: mandates.into_iter().map(Into::into).collect(),
    }))
}

/// The two texts to compare: those asked for (which must be texts of this instrument), or by default the latest
/// text of the revision before the latest and the latest text.
pub fn diff_pair(texts: &[Text], from: Option<i64>, to: Option<i64>) -> Result<(i64, i64), ApiError> {
    let known = |id: i64| {
        texts
            .iter()
            .any(|t| t.id == id)
            .then_some(id)
            .ok_or_else(|| ApiError::not_found(format!("text {id} is not a text of this instrument")))
    };
    let latest = texts.last().ok_or_else(|| ApiError::not_found("this instrument has no text"))?;
    let to = match to {
        Some(id) => known(id)?,
        None => latest.id,
    };
    let to_revision = texts.iter().find(|t| t.id == to).map(|t| t.revision.as_str()).unwrap_or_default();
    let from = match from {
        Some(id) => known(id)?,
        None => texts.iter().rev().find(|t| t.revision != to_revision).map_or(to, |t| t.id),
    };
    Ok((from, to))
}

/// The clause-aligned diff of two stored texts.
pub async fn diff_texts(state: &AppState, from: i64, to: i64) -> Result<mandates_core::diff::InstrumentDiff, ApiError> {
    let old = state.text(from).await?;
    let new = state.text(to).await?;
    Ok(mandates_core::diff::compare(&old.instrument, &new.instrument))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DiffQuery {
    /// The older text (see the instrument's `texts`); default: the latest text of the previous revision.
    from: Option<i64>,
    /// The newer text; default: the latest text.
    to: Option<i64>,
}

/// What changed between two texts of an instrument, clause by clause, with a summary per addressee.
#[utoipa::path(get, path = "/api/instruments/{id}/diff", tag = "registry", params(("id" = i64, Path), DiffQuery),
    responses((status = 200, description = "The clause-aligned diff (the `mandates diff --format json` shape)"),
        (status = 404, body = ErrorBody)))]
async fn instrument_diff(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Params(query): Params<DiffQuery>,
) -> Result<Response, ApiError> {
    visitor.require_read(&state)?;
    let detail = state.instrument(id).await?;
    let texts: Vec<Text> = detail.texts.into_iter().map(Into::into).collect();
    let (from, to) = diff_pair(&texts, query.from, query.to)?;
    Ok(Json(diff_texts(&state, from, to).await?).into_response())
}

/// The filter a query asks for, checked.
pub fn mandate_filter(q: &MandateQuery, default_limit: i64) -> Result<MandateFilter, ApiError> {
    let status = match q.status.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(s.parse::<mandates_store::Status>()?),
        None => None,
    };
    let due_by_year = match q.due_before.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => Some(
            text.get(..4)
                .and_then(|y| y.parse::<i64>().ok())
                .ok_or_else(|| ApiError::bad_request(format!("due_before {text:?} is not a year or a date")))?,
        ),
        None => None,
    };
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    Ok(MandateFilter {
        body: text(&q.body),
        conference: text(&q.conference),
        instrument: text(&q.instrument),
        instrument_id: None,
        addressee: text(&q.addressee),
        sector: text(&q.sector),
        status,
        owner: text(&q.owner),
        due_by_year,
        include_superseded: q.all.unwrap_or(false),
        limit: Some(q.limit.unwrap_or(default_limit).clamp(1, 1000)),
        offset: q.offset.filter(|o| *o > 0),
    })
}

/// Mandates matching the filters, by instrument and order in the text.
#[utoipa::path(get, path = "/api/mandates", tag = "registry", params(MandateQuery),
    responses((status = 200, body = Vec<Mandate>), (status = 400, body = ErrorBody)))]
async fn mandates(
    State(state): State<AppState>,
    visitor: Visitor,
    Params(query): Params<MandateQuery>,
) -> Result<Json<Vec<Mandate>>, ApiError> {
    visitor.require_read(&state)?;
    let filter = mandate_filter(&query, 200)?;
    Ok(Json(state.store().mandates(&filter).await?.into_iter().map(Into::into).collect()))
}

/// One mandate with its source, evidence, comments and history.
#[utoipa::path(get, path = "/api/mandates/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = MandateDetail), (status = 404, body = ErrorBody)))]
async fn mandate(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Result<Json<MandateDetail>, ApiError> {
    visitor.require_read(&state)?;
    Ok(Json(state.store().mandate(id).await?.into()))
}

/// Update a mandate's tracking. Refused with 409 when someone changed it since `version`.
#[utoipa::path(patch, path = "/api/mandates/{id}", tag = "tracking", params(("id" = i64, Path)),
    request_body = MandateUpdate,
    responses((status = 200, body = Mandate), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn update_mandate(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(id): Path<i64>,
    JsonBody(update): JsonBody<MandateUpdate>,
) -> Result<Json<Mandate>, ApiError> {
    let session = visitor.require_write(Role::Editor, csrf(&headers))?;
    let record = state.store().update(id, Some(update.version), &update.change(), &session.user.name).await?;
    Ok(Json(record.into()))
}

/// Every change of a mandate, oldest first.
#[utoipa::path(get, path = "/api/mandates/{id}/history", tag = "tracking", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<HistoryEntry>), (status = 404, body = ErrorBody)))]
async fn history(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    visitor.require_read(&state)?;
    if state.store().mandate_record(id).await?.is_none() {
        return Err(ApiError::not_found(format!("there is no mandate {id}")));
    }
    Ok(Json(state.store().history(id).await?.into_iter().map(Into::into).collect()))
}

/// Full-text search of the current mandates, best first, with snippets.
#[utoipa::path(get, path = "/api/search", tag = "registry", params(SearchQuery),
    responses((status = 200, body = Vec<SearchHit>), (status = 400, body = ErrorBody)))]
async fn search(
    State(state): State<AppState>,
    visitor: Visitor,
    Params(query): Params<SearchQuery>,
) -> Result<Json<Vec<SearchHit>>, ApiError> {
    visitor.require_read(&state)?;
    let hits = state.store().search(&query.q, query.limit.unwrap_or(50).clamp(1, 500)).await?;
    Ok(Json(
        hits.into_iter().map(|h| SearchHit { mandate: h.mandate.into(), snippet: h.snippet, score: h.score }).collect(),
    ))
}

/// A file to download.
fn download(content_type: &'static str, file_name: &str, body: impl Into<Body>) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    ([(CONTENT_TYPE, HeaderValue::from_static(content_type)), (CONTENT_DISPOSITION, disposition)], body.into())
        .into_response()
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MARKDOWN: &str = "text/markdown; charset=utf-8";

/// The sector impact report of a conference (the kind of summary TSB writes after a PP).
#[utoipa::path(get, path = "/api/reports/impact", tag = "reports", params(ImpactQuery),
    responses((status = 200, description = "JSON, Markdown or Word, by `format`"), (status = 400, body = ErrorBody)))]
async fn impact_report(
    State(state): State<AppState>,
    visitor: Visitor,
    Params(query): Params<ImpactQuery>,
) -> Result<Response, ApiError> {
    visitor.require_read(&state)?;
    let report = state.store().impact_report(&query.sector, &query.conference).await?;
    let name = format!("impact-{}-{}", query.conference, report.sector).replace(['/', '"', ' '], "-");
    Ok(match query.format.as_deref().unwrap_or("json") {
        "json" => Json(report).into_response(),
        "md" => download(MARKDOWN, &format!("{name}.md"), markdown::impact(&report)),
        "docx" => download(
            DOCX,
            &format!("{name}.docx"),
            docx::impact(&report).map_err(|e| {
                tracing::error!(error = %e, "writing the impact report as Word");
                ApiError::internal()
            })?,
        ),
        other => return Err(ApiError::bad_request(format!("unknown format {other:?}: use json, md or docx"))),
    })
}

/// The reference table: conference instruments, the documents that changed them, the Sector resolutions they
/// link to and their focal points.
#[utoipa::path(get, path = "/api/reports/table", tag = "reports", params(TableQuery),
    responses((status = 200, description = "JSON, Markdown or Word, by `format`"), (status = 400, body = ErrorBody)))]
async fn reference_table(
    State(state): State<AppState>,
    visitor: Visitor,
    Params(query): Params<TableQuery>,
) -> Result<Response, ApiError> {
    visitor.require_read(&state)?;
    let rows = state.store().reference_table(query.conference.as_deref()).await?;
    Ok(match query.format.as_deref().unwrap_or("json") {
        "json" => Json(rows).into_response(),
        "md" => download(MARKDOWN, "reference-table.md", markdown::reference_table(&rows)),
        "docx" => download(
            DOCX,
            "reference-table.docx",
            docx::reference_table(&rows).map_err(|e| {
                tracing::error!(error = %e, "writing the reference table as Word");
                ApiError::internal()
            })?,
        ),
        other => return Err(ApiError::bad_request(format!("unknown format {other:?}: use json, md or docx"))),
    })
}

/// The reports due, from the mandates' cadence, reporting target and deadline and the meetings file.
#[utoipa::path(get, path = "/api/calendar", tag = "reports", params(CalendarQuery),
    responses((status = 200, body = Calendar, description = "JSON, or iCalendar (RFC 5545) with format=ics"),
        (status = 400, body = ErrorBody)))]
async fn calendar(
    State(state): State<AppState>,
    visitor: Visitor,
    Params(query): Params<CalendarQuery>,
) -> Result<Response, ApiError> {
    visitor.require_read(&state)?;
    let calendar = reporting_calendar(&state, query.sector.as_deref()).await?;
    Ok(match query.format.as_deref().unwrap_or("json") {
        "json" => Json(Calendar {
            due: calendar.due.into_iter().map(Into::into).collect(),
            missing: calendar.missing,
            undated: calendar.undated,
        })
        .into_response(),
        "ics" => {
            let stamp = mandates_store::calendar::stamp(jiff::Timestamp::now().as_second()).unwrap_or_default();
            download(
                "text/calendar; charset=utf-8",
                "mandates.ics",
                mandates_store::calendar::to_ics(&calendar.due, &stamp),
            )
        }
        other => return Err(ApiError::bad_request(format!("unknown format {other:?}: use json or ics"))),
    })
}

/// The reporting calendar, only for `sector` when given.
pub async fn reporting_calendar(
    state: &AppState,
    sector: Option<&str>,
) -> Result<mandates_store::calendar::Calendar, ApiError> {
    let mut calendar = state.store().reporting_calendar(&state.config().meetings).await?;
    if let Some(sector) = sector.map(str::trim).filter(|s| !s.is_empty()) {
        let wanted = mandates_store::parse_sector(sector)?;
        let names: Vec<&str> = wanted.names().collect();
        calendar.due.retain(|d| d.sectors.iter().any(|s| names.contains(&s.as_str())));
    }
    Ok(calendar)
}

/// The whole registry (documents, instruments, mandates, tracking, history) as JSON, to import elsewhere.
#[utoipa::path(get, path = "/api/export", tag = "registry",
    responses((status = 200, description = "The export file (JSON)"), (status = 401, body = ErrorBody)))]
async fn export(State(state): State<AppState>, visitor: Visitor) -> Result<Response, ApiError> {
    visitor.require_read(&state)?;
    let mut out = Vec::new();
    state.store().export(&mut out).await?;
    Ok(download("application/json", "mandates-export.json", out))
}

/// Restore an export into this registry, which must be empty (admins only).
#[utoipa::path(post, path = "/api/import", tag = "registry", request_body(content = String, description = "An export file", content_type = "application/json"),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn import(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    UploadBody(body): UploadBody,
) -> Result<StatusCode, ApiError> {
    visitor.require_write(Role::Admin, csrf(&headers))?;
    let text = std::str::from_utf8(&body).map_err(|_| ApiError::bad_request("the export file is not UTF-8 text"))?;
    state.store().import(text).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ingest a document (.docx or text) sent as the request body; the file name goes in `name`.
#[utoipa::path(post, path = "/api/documents", tag = "registry", params(UploadQuery),
    request_body(content = Vec<u8>, description = "The document's bytes", content_type = "application/octet-stream"),
    responses((status = 200, body = Ingested), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn upload(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Params(query): Params<UploadQuery>,
    UploadBody(body): UploadBody,
) -> Result<Json<Ingested>, ApiError> {
    let session = visitor.require_write(Role::Editor, csrf(&headers))?;
    Ok(Json(ingest(&state, &query.name, body.to_vec(), &session.user.name).await?))
}

/// Parse and store one document; used by the API and the upload page.
pub async fn ingest(state: &AppState, name: &str, bytes: Vec<u8>, by: &str) -> Result<Ingested, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.contains(['/', '\\']) || name.chars().any(char::is_control) {
        return Err(ApiError::bad_request("give the document's file name, e.g. PP22-Final-Acts.docx"));
    }
    if bytes.len() > state.config().max_upload_bytes {
        return Err(ApiError::too_large(state.config().max_upload_bytes));
    }
    // Parsing is CPU work: keep it off the threads that answer requests.
    let owned = name.to_owned();
    let parsed = tokio::task::spawn_blocking(move || mandates_core::parse_owned(&owned, bytes, &Default::default()))
        .await
        .map_err(|_| ApiError::internal())?;
    let document = parsed.map_err(|e| {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "unprocessable", format!("{name} cannot be read: {e}"))
    })?;
    let outcome = state.store().ingest(&document, by).await?;
    let (state_name, version) = match outcome.state {
        mandates_store::IngestState::New => ("new", None),
        mandates_store::IngestState::NewVersion { version } => ("new_version", Some(version)),
        mandates_store::IngestState::Unchanged => ("unchanged", None),
    };
    let line_of = |offset: usize| document.text.get(..offset).map(|t| t.matches('\n').count() + 1);
    Ok(Ingested {
        document: name.to_owned(),
        document_id: outcome.document_id,
        state: state_name.into(),
        version,
        instruments: outcome.instruments,
        mandates_added: outcome.mandates_added,
        mandates_changed: outcome.mandates_changed,
        mandates_carried: outcome.mandates_carried,
        mandates_retired: outcome.mandates_retired,
        diagnostics: document
            .diagnostics
            .iter()
            .map(|d| Diagnostic {
                severity: format!("{:?}", d.severity).to_lowercase(),
                message: d.message.clone(),
                line: line_of(d.start),
            })
            .collect(),
    })
}
