//! The pages for people: server-rendered HTML (askama) that works without JavaScript. Filters live in the URL,
//! so a view can be bookmarked or sent to a colleague. Forms carry the session's CSRF token; a failed write
//! shows the page again with the reason and nothing lost.

use askama::Template;
use axum::Router;
use axum::extract::{Form, Multipart, Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use mandates_store::{MandateFilter, Role, Status};
use serde::Deserialize;

use crate::AppState;
use crate::api::types::{
    Due, Group, Ingested, Instrument, Mandate, MandateDetail, MandateQuery, MandateUpdate, SearchHit, Text,
};
use crate::api::{Params, ingest, mandate_filter, reporting_calendar};
use crate::auth::{self, Visitor};
use crate::cache::Page;
use crate::charts::{link_to, stacked_bars};
use crate::error::ApiError;
use crate::render::{escape, instrument_html, url_encode};

pub fn routes(upload_limit: usize) -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/login", get(login_page).post(login))
        .route("/logout", axum::routing::post(logout))
        .route("/instruments", get(instruments))
        .route("/instruments/find", get(find_instrument))
        .route("/instruments/{id}", get(instrument))
        .route("/instruments/{id}/diff", get(instrument_diff))
        .route("/mandates", get(mandates))
        .route("/mandates/{id}", get(mandate).post(update_mandate))
        .route("/search", get(search))
        .route("/table", get(reference_table))
        .route("/calendar", get(calendar))
        .route("/graph", get(graph))
        .route("/upload", get(upload_page).post(upload).layer(axum::extract::DefaultBodyLimit::max(upload_limit)))
        .route("/static/style.css", get(stylesheet))
}

/// What every page shows in its frame.
pub struct Ctx {
    pub user: Option<String>,
    pub role: String,
    pub can_edit: bool,
    pub csrf: String,
}

impl Ctx {
    fn of(visitor: &Visitor) -> Ctx {
        Ctx {
            user: visitor.name().map(str::to_owned),
            role: visitor.role().map(|r| r.to_string()).unwrap_or_default(),
            can_edit: visitor.role().is_some_and(|r| r >= Role::Editor),
            csrf: visitor.csrf_token().to_owned(),
        }
    }
}

/// An error shown as a page, with the status it stands for (boxed: results stay small).
pub struct PageError(Box<(ApiError, Ctx)>);

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    heading: &'a str,
    message: &'a str,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (error, ctx) = *self.0;
        let heading = match error.status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::FORBIDDEN => "Not allowed",
            StatusCode::UNAUTHORIZED => "Sign in first",
            StatusCode::CONFLICT => "Changed by someone else",
            s if s.is_client_error() => "Cannot do that",
            _ => "Something went wrong",
        };
        let page = ErrorPage { ctx: &ctx, heading, message: &error.message };
        match page.render() {
            Ok(html) => (error.status, Html(html)).into_response(),
            Err(_) => (error.status, error.message).into_response(),
        }
    }
}

trait OrPage<T> {
    fn or_page(self, visitor: &Visitor) -> Result<T, PageError>;
}

impl<T, E: Into<ApiError>> OrPage<T> for Result<T, E> {
    fn or_page(self, visitor: &Visitor) -> Result<T, PageError> {
        self.map_err(|e| PageError(Box::new((e.into(), Ctx::of(visitor)))))
    }
}

impl From<askama::Error> for ApiError {
    fn from(e: askama::Error) -> Self {
        tracing::error!(error = %e, "rendering a page");
        ApiError::internal()
    }
}

fn page(template: impl Template, visitor: &Visitor) -> Result<Response, PageError> {
    Ok(Html(template.render().or_page(visitor)?).into_response())
}

/// A page's main content in the frame of this visitor (navigation, account, sign-out form).
fn framed(made: &Page, visitor: &Visitor) -> Result<Response, PageError> {
    page(Frame { ctx: Ctx::of(visitor), title: &made.title, body: &made.body }, visitor)
}

#[derive(Template)]
#[template(path = "frame.html")]
struct Frame<'a> {
    ctx: Ctx,
    title: &'a str,
    body: &'a str,
}

/// What a kept page is known by: its address with the query, which hold all that it shows.
fn page_key(uri: &Uri) -> String {
    uri.path_and_query().map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned())
}

fn redirect(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(LOCATION, location)]).into_response()
}

/// Send a visitor who may not read to the sign-in page, to come back here after.
fn sign_in_first(uri: &Uri) -> Response {
    let here = uri.path_and_query().map_or("/", |p| p.as_str());
    redirect(&format!("/login?next={}", url_encode(here)))
}

const SECTORS: [(&str, &str); 3] = [("R", "ITU-R"), ("T", "ITU-T"), ("D", "ITU-D")];

fn statuses() -> Vec<(&'static str, String)> {
    Status::ALL.iter().map(|s| (s.as_str(), s.to_string())).collect()
}

impl Mandate {
    pub fn status_key(&self) -> &'static str {
        mandates_store::Status::from(self.status).as_str()
    }
    pub fn status_label(&self) -> String {
        mandates_store::Status::from(self.status).to_string()
    }
}

impl SearchHit {
    /// The snippet escaped, with the matching words (between « and ») marked.
    pub fn snippet_html(&self) -> String {
        escape(&self.snippet).replace('«', "<mark>").replace('»', "</mark>")
    }
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardBody {
    overview: crate::api::types::Overview,
    sectors: [(&'static str, &'static str); 3],
    sector: String,
    by_conference: String,
    by_sector: String,
    by_addressee: String,
    overdue: Vec<Due>,
    coming: Vec<Due>,
}

#[derive(Deserialize)]
struct DashboardQuery {
    sector: Option<String>,
}

async fn dashboard(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Params(query): Params<DashboardQuery>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let today = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    // What is overdue changes with the day, not only with the registry.
    let key = format!("{} {today}", page_key(&uri));
    let made = state.kept_page(key, || dashboard_page(&state, query, today)).await.or_page(&visitor)?;
    framed(&made, &visitor)
}

/// Counts and progress as charts, what is overdue and what comes in the next year.
async fn dashboard_page(state: &AppState, query: DashboardQuery, today: jiff::civil::Date) -> Result<Page, ApiError> {
    let sector = query.sector.unwrap_or_default().trim().to_owned();
    let overview: crate::api::types::Overview = state.store().overview(12).await?.into();
    let sector_query = if sector.is_empty() { String::new() } else { format!("&sector={}", url_encode(&sector)) };
    let by_conference = stacked_bars("Progress by conference", &overview.by_conference, |g: &Group| {
        link_to("conference", &g.name) + &sector_query
    });
    let by_sector = stacked_bars("Progress by Sector", &overview.by_sector, |g: &Group| link_to("sector", &g.name));
    let by_addressee = stacked_bars("Progress by addressee", &overview.by_addressee, |g: &Group| {
        link_to("addressee", &g.name) + &sector_query
    });
    let calendar = reporting_calendar(state, Some(&sector)).await?;
    let horizon = today.saturating_add(jiff::Span::new().years(1));
    let (past, coming): (Vec<_>, Vec<_>) = calendar.due.into_iter().partition(|d| d.date < today);
    let overdue = overdue(past);
    let coming = coming.into_iter().take_while(|d| d.date <= horizon).take(20).map(Into::into).collect();
    let body =
        DashboardBody { overview, sectors: SECTORS, sector, by_conference, by_sector, by_addressee, overdue, coming }
            .render()?;
    Ok(Page { title: "Dashboard".into(), body })
}

/// Of the reports whose date passed, those that look late: the latest date of each mandate, when the mandate
/// was never started, or when it is a one-off report (no cadence) not yet completed. A recurring duty under way
/// may well have been reported; the registry does not track each report.
fn overdue(past: Vec<mandates_store::calendar::Due>) -> Vec<Due> {
    let mut latest: std::collections::HashMap<i64, mandates_store::calendar::Due> = std::collections::HashMap::new();
    for due in past {
        match latest.get(&due.mandate) {
            Some(d) if d.date >= due.date => {}
            _ => {
                latest.insert(due.mandate, due);
            }
        }
    }
    let mut late: Vec<_> = latest
        .into_values()
        .filter(|due| match due.status {
            Status::NotStarted => true,
            Status::InProgress | Status::Ongoing => !due.recurring,
            Status::Completed | Status::Superseded | Status::NotApplicable => false,
        })
        .collect();
    // Most overdue first.
    late.sort_by(|a, b| a.date.cmp(&b.date).then(a.mandate.cmp(&b.mandate)));
    late.into_iter().take(20).map(Into::into).collect()
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Ctx,
    next: String,
    name: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_page(visitor: Visitor, Params(query): Params<NextQuery>) -> Result<Response, PageError> {
    page(
        LoginPage { ctx: Ctx::of(&visitor), next: safe_next(query.next.as_deref()), name: String::new(), error: None },
        &visitor,
    )
}

/// Only addresses on this site: a sign-in link cannot send people elsewhere.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".into(),
    }
}

#[derive(Deserialize)]
struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.next.as_deref());
    match auth::sign_in(&state, &form.name, &form.password).await {
        Ok(signed) => {
            let mut response = redirect(&next);
            response.headers_mut().insert(SET_COOKIE, signed.cookie);
            Ok(response)
        }
        Err(e) => {
            let status = e.status;
            let html = LoginPage { ctx: Ctx::of(&visitor), next, name: form.name, error: Some(e.message) }
                .render()
                .or_page(&visitor)?;
            Ok((status, Html(html)).into_response())
        }
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: Option<String>,
}

async fn logout(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    visitor.require_write(Role::Viewer, form.csrf.as_deref()).or_page(&visitor)?;
    let cookie = auth::sign_out(&state, &visitor).await.or_page(&visitor)?;
    let mut response = redirect("/login");
    response.headers_mut().insert(SET_COOKIE, cookie);
    Ok(response)
}

#[derive(Template)]
#[template(path = "instruments.html")]
struct InstrumentsBody {
    q: String,
    body: String,
    bodies: Vec<String>,
    /// How many match the filters; one page of them is shown, from `first` (counted from 1).
    matching: usize,
    first: usize,
    instruments: Vec<Instrument>,
    page_size: usize,
    previous: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct InstrumentsQuery {
    q: Option<String>,
    body: Option<String>,
    offset: Option<usize>,
}

async fn instruments(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Params(query): Params<InstrumentsQuery>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let made = state.kept_page(page_key(&uri), || instruments_page(&state, query)).await.or_page(&visitor)?;
    framed(&made, &visitor)
}

/// Instruments shown on one page of the list.
const INSTRUMENTS_PAGE: usize = 200;

/// The instruments whose number or title holds the words asked for, of one body or all, a page at a time.
async fn instruments_page(state: &AppState, query: InstrumentsQuery) -> Result<Page, ApiError> {
    let all = state.store().instruments().await?;
    let mut bodies: Vec<String> = all.iter().map(|i| i.body.clone()).collect();
    bodies.sort();
    bodies.dedup();
    let q = query.q.unwrap_or_default().trim().to_owned();
    let body = query.body.unwrap_or_default().trim().to_owned();
    let needle = q.to_lowercase();
    let matching: Vec<_> = all
        .into_iter()
        .filter(|i| body.is_empty() || i.body == body)
        .filter(|i| {
            needle.is_empty()
                || i.name.to_lowercase().contains(&needle)
                || i.title.as_deref().is_some_and(|t| t.to_lowercase().contains(&needle))
        })
        .collect();
    let offset = query.offset.unwrap_or(0).min(matching.len());
    let link = |offset: usize| {
        let offset = if offset > 0 { offset.to_string() } else { String::new() };
        let query = encode_pairs(&[("q", &q), ("body", &body), ("offset", &offset)]);
        if query.is_empty() { "/instruments".to_owned() } else { format!("/instruments?{query}") }
    };
    let previous = (offset > 0).then(|| link(offset.saturating_sub(INSTRUMENTS_PAGE)));
    let next = (offset + INSTRUMENTS_PAGE < matching.len()).then(|| link(offset + INSTRUMENTS_PAGE));
    let body = InstrumentsBody {
        matching: matching.len(),
        first: offset + 1,
        instruments: matching.into_iter().skip(offset).take(INSTRUMENTS_PAGE).map(Into::into).collect(),
        q,
        body,
        bodies,
        page_size: INSTRUMENTS_PAGE,
        previous,
        next,
    }
    .render()?;
    Ok(Page { title: "Instruments".into(), body })
}

#[derive(Deserialize)]
struct FindQuery {
    kind: String,
    body: String,
    number: String,
}

/// Where a citation's link leads: the cited instrument's page, when the registry has it.
async fn find_instrument(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Params(query): Params<FindQuery>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let found = state.store().find_instrument(&query.kind, &query.body, &query.number).await.or_page(&visitor)?;
    match found {
        Some(id) => Ok(redirect(&format!("/instruments/{id}"))),
        None => Err(ApiError::not_found(format!(
            "the registry does not hold {} {} {}: add the document that has its text",
            query.body, query.kind, query.number
        )))
        .or_page(&visitor),
    }
}

#[derive(Template)]
#[template(path = "instrument.html")]
struct InstrumentBody {
    instrument: Instrument,
    texts: Vec<Text>,
    shown: i64,
    shown_citation: Option<String>,
    text_html: String,
}

#[derive(Deserialize)]
struct InstrumentQuery {
    text: Option<i64>,
}

async fn instrument(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Path(id): Path<i64>,
    Params(query): Params<InstrumentQuery>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let made = state.kept_page(page_key(&uri), || instrument_page(&state, id, query.text)).await.or_page(&visitor)?;
    framed(&made, &visitor)
}

/// An instrument's page: its text with each clause's status, its revisions.
async fn instrument_page(state: &AppState, id: i64, text: Option<i64>) -> Result<Page, ApiError> {
    let detail = state.instrument(id).await?;
    let texts: Vec<Text> = detail.texts.into_iter().map(Into::into).collect();
    // The text asked for, or the latest full text, or the latest excerpt.
    let shown = text
        .and_then(|t| texts.iter().find(|x| x.id == t))
        .or_else(|| texts.iter().rev().find(|t| t.full && t.current))
        .or_else(|| texts.iter().rev().find(|t| t.current))
        .or(texts.last());
    let mandates: Vec<Mandate> = state
        .store()
        .mandates(&MandateFilter { instrument_id: Some(id), ..MandateFilter::default() })
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let (shown_id, shown_citation, text_html) = match shown {
        Some(t) => {
            let text = state.text(t.id).await?;
            // Statuses belong to the mandates of the current revision; an older text is shown without them.
            let own = if t.revision == detail.instrument.revision { mandates.as_slice() } else { &[] };
            (t.id, Some(t.citation.clone()), instrument_html(&text.instrument, &text.references, own))
        }
        None => (0, None, String::new()),
    };
    let instrument: Instrument = detail.instrument.into();
    let title = instrument.name.clone();
    let body = InstrumentBody { instrument, texts, shown: shown_id, shown_citation, text_html }.render()?;
    Ok(Page { title, body })
}

#[derive(Template)]
#[template(path = "diff.html")]
struct DiffPage {
    ctx: Ctx,
    instrument: Instrument,
    texts: Vec<Text>,
    from: i64,
    to: i64,
    note: String,
    diff_html: String,
}

#[derive(Deserialize)]
struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// What changed between two texts of an instrument: by default its two latest revisions.
async fn instrument_diff(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Path(id): Path<i64>,
    Params(query): Params<DiffQuery>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let detail = state.instrument(id).await.or_page(&visitor)?;
    let texts: Vec<Text> = detail.texts.into_iter().map(Into::into).collect();
    let (from, to) = crate::api::diff_pair(&texts, query.from, query.to).or_page(&visitor)?;
    let note = if from == to { "Choose two different texts to compare.".to_owned() } else { String::new() };
    let diff = crate::api::diff_texts(&state, from, to).await.or_page(&visitor)?;
    page(
        DiffPage {
            ctx: Ctx::of(&visitor),
            instrument: detail.instrument.into(),
            texts,
            from,
            to,
            note,
            diff_html: mandates_core::diff::render::html_instrument_fragment(&diff),
        },
        &visitor,
    )
}

#[derive(Template)]
#[template(path = "mandates.html")]
struct MandatesBody {
    query: MandateQuery,
    sectors: [(&'static str, &'static str); 3],
    statuses: Vec<(&'static str, String)>,
    mandates: Vec<Mandate>,
    error: Option<String>,
    page_size: i64,
    previous: Option<String>,
    next: Option<String>,
}

const PAGE_SIZE: i64 = 100;

async fn mandates(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Params(query): Params<MandateQuery>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let made = state.kept_page(page_key(&uri), || mandates_page(&state, query)).await.or_page(&visitor)?;
    framed(&made, &visitor)
}

/// One page of the mandate list with its filters; a filter that cannot be read is said on the page.
async fn mandates_page(state: &AppState, query: MandateQuery) -> Result<Page, ApiError> {
    let offset = query.offset.unwrap_or(0).max(0);
    let (mandates, error, more) = match mandate_filter(&query, PAGE_SIZE) {
        Ok(mut filter) => {
            // One more than shown tells whether there is a next page.
            filter.limit = Some(PAGE_SIZE + 1);
            filter.offset = Some(offset);
            match state.store().mandates(&filter).await.map_err(ApiError::from) {
                Ok(mut found) => {
                    let more = found.len() as i64 > PAGE_SIZE;
                    found.truncate(PAGE_SIZE as usize);
                    (found, None, more)
                }
                Err(e) if e.status.is_server_error() => return Err(e),
                Err(e) => (Vec::new(), Some(e.message), false),
            }
        }
        Err(e) => (Vec::new(), Some(e.message), false),
    };
    let page_link = |offset: i64| {
        let mut q = query.clone();
        q.offset = Some(offset).filter(|o| *o > 0);
        q.limit = None;
        format!("/mandates?{}", query_string(&q))
    };
    let previous = (offset > 0).then(|| page_link((offset - PAGE_SIZE).max(0)));
    let next = more.then(|| page_link(offset + PAGE_SIZE));
    let body = MandatesBody {
        query,
        sectors: SECTORS,
        statuses: statuses(),
        mandates: mandates.into_iter().map(Into::into).collect(),
        error,
        page_size: PAGE_SIZE,
        previous,
        next,
    }
    .render()?;
    Ok(Page { title: "Mandates".into(), body })
}

/// The filters as a query string, leaving out those not set.
fn query_string(q: &MandateQuery) -> String {
    let pairs = [
        ("body", &q.body),
        ("conference", &q.conference),
        ("instrument", &q.instrument),
        ("addressee", &q.addressee),
        ("sector", &q.sector),
        ("status", &q.status),
        ("owner", &q.owner),
        ("due_before", &q.due_before),
    ];
    let offset = q.offset.map(|o| o.to_string());
    let mut pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_deref().unwrap_or(""))).collect();
    pairs.push(("all", if q.all == Some(true) { "true" } else { "" }));
    pairs.push(("offset", offset.as_deref().unwrap_or("")));
    encode_pairs(&pairs)
}

/// `name=value` pairs joined by "&", values URL-encoded, empty ones left out.
fn encode_pairs(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
    parts.join("&")
}

#[derive(Template)]
#[template(path = "mandate.html")]
struct MandatePage {
    ctx: Ctx,
    m: Mandate,
    detail: MandateDetail,
    statuses: Vec<(&'static str, String)>,
    saved: bool,
    error: Option<String>,
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn mandate(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Path(id): Path<i64>,
    Params(query): Params<SavedQuery>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    mandate_page(&state, &visitor, id, query.saved.is_some(), None, StatusCode::OK).await
}

async fn mandate_page(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
    saved: bool,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let detail: MandateDetail = state.store().mandate(id).await.or_page(visitor)?.into();
    let html =
        MandatePage { ctx: Ctx::of(visitor), m: detail.mandate.clone(), detail, statuses: statuses(), saved, error }
            .render()
            .or_page(visitor)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct UpdateForm {
    csrf: Option<String>,
    version: i64,
    status: Option<String>,
    progress: Option<String>,
    owner: Option<String>,
    evidence: Option<String>,
    comment: Option<String>,
    reviewed: Option<String>,
}

async fn update_mandate(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<i64>,
    Form(form): Form<UpdateForm>,
) -> Result<Response, PageError> {
    let session = visitor.require_write(Role::Editor, form.csrf.as_deref()).or_page(&visitor)?;
    let current = state
        .store()
        .mandate_record(id)
        .await
        .or_page(&visitor)?
        .ok_or_else(|| ApiError::not_found(format!("there is no mandate {id}")))
        .or_page(&visitor)?;
    // The form sends every field; only those that differ from what the editor saw are changes.
    let status = match form.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(s.parse::<Status>().or_page(&visitor)?).filter(|s| *s != current.status),
        None => None,
    };
    let progress = match form.progress.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => match p.parse::<i64>() {
            // An untouched progress field lets a new status bring its usual progress (in progress: 50 %).
            Ok(p) => Some(p).filter(|p| *p != current.progress),
            Err(_) => {
                let message = format!("progress must be a whole number from 0 to 100, not {p:?}");
                return mandate_page(&state, &visitor, id, false, Some(message), StatusCode::BAD_REQUEST).await;
            }
        },
        None => None,
    };
    let owner = form.owner.as_deref().map(str::trim).filter(|o| Some(*o) != current.owner.as_deref().or(Some("")));
    let update = MandateUpdate {
        version: form.version,
        status: status.map(Into::into),
        progress,
        owner: owner.map(str::to_owned),
        evidence: form.evidence.into_iter().collect(),
        comment: form.comment,
        reviewed: form.reviewed.is_some(),
    };
    let change = update.change();
    if change.is_empty() {
        return mandate_page(&state, &visitor, id, false, Some("nothing was changed".into()), StatusCode::OK).await;
    }
    match state.store().update(id, Some(form.version), &change, &session.user.name).await {
        Ok(_) => Ok(redirect(&format!("/mandates/{id}?saved=1"))),
        Err(e) => {
            let e = ApiError::from(e);
            if e.status.is_server_error() {
                return Err(e).or_page(&visitor);
            }
            mandate_page(&state, &visitor, id, false, Some(e.message), e.status).await
        }
    }
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    ctx: Ctx,
    q: String,
    hits: Vec<SearchHit>,
    limit: usize,
    error: Option<String>,
}

#[derive(Deserialize)]
struct SearchForm {
    q: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Params(query): Params<SearchForm>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    const LIMIT: usize = 50;
    let q = query.q.unwrap_or_default().trim().to_owned();
    let (hits, error) = if q.is_empty() {
        (Vec::new(), None)
    } else {
        match state.store().search(&q, LIMIT as i64).await {
            Ok(hits) => (
                hits.into_iter()
                    .map(|h| SearchHit { mandate: h.mandate.into(), snippet: h.snippet, score: h.score })
                    .collect(),
                None,
            ),
            Err(e) => {
                let e = ApiError::from(e);
                if e.status.is_server_error() {
                    return Err(e).or_page(&visitor);
                }
                (Vec::new(), Some(e.message))
            }
        }
    };
    page(SearchPage { ctx: Ctx::of(&visitor), q, hits, limit: LIMIT, error }, &visitor)
}

struct TableRowView {
    instrument: String,
    title: String,
    abrogated: bool,
    contributions: String,
    affects: String,
    focal_points: String,
}

#[derive(Template)]
#[template(path = "table.html")]
struct TablePage {
    ctx: Ctx,
    rows: Vec<TableRowView>,
    conference_query: String,
}

#[derive(Deserialize)]
struct TableForm {
    conference: Option<String>,
}

async fn reference_table(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Params(query): Params<TableForm>,
) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let conference = query.conference.filter(|c| !c.trim().is_empty());
    let rows = state.store().reference_table(conference.as_deref()).await.or_page(&visitor)?;
    let rows = rows
        .into_iter()
        .map(|r| TableRowView {
            instrument: r.instrument,
            title: r.title,
            abrogated: r.abrogated,
            contributions: r.contributions.join(", "),
            affects: r.affects.iter().map(|a| a.label()).collect::<Vec<_>>().join(", "),
            focal_points: r.focal_points.join(", "),
        })
        .collect();
    let conference_query = conference.map(|c| format!("&conference={}", url_encode(&c))).unwrap_or_default();
    page(TablePage { ctx: Ctx::of(&visitor), rows, conference_query }, &visitor)
}

#[derive(Template)]
#[template(path = "graph.html")]
struct GraphPage {
    ctx: Ctx,
    conference: String,
    conferences: Vec<String>,
    edges: usize,
    svg: String,
}

#[derive(Deserialize)]
struct GraphQuery {
    conference: Option<String>,
}

/// "PP Resolution 130" for a citation's target.
fn target_label(body: &str, kind: &str, number: &str) -> String {
    let mut kind = kind.to_owned();
    if let Some(first) = kind.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    format!("{body} {kind} {number}")
}

/// The conference's instruments and what they cite or must be aligned with: PP <-> WTSA <-> Council.
async fn graph(
    State(state): State<AppState>,
    visitor: Visitor,
    uri: Uri,
    Params(query): Params<GraphQuery>,
) -> Result<Response, PageError> {
    use crate::charts::{Edge, Node, cross_references};
    use std::collections::BTreeMap;
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let overview = state.store().overview(0).await.or_page(&visitor)?;
    let conferences: Vec<String> = overview.by_conference.iter().map(|g| g.name.clone()).collect();
    let conference = query.conference.filter(|c| !c.trim().is_empty()).or_else(|| conferences.first().cloned());
    let Some(conference) = conference else {
        return page(
            GraphPage { ctx: Ctx::of(&visitor), conference: String::new(), conferences, edges: 0, svg: String::new() },
            &visitor,
        );
    };
    // The conference's instruments, in the registry's order.
    let filter = MandateFilter { conference: Some(conference.clone()), ..MandateFilter::default() };
    let mut ids: Vec<(i64, String)> = Vec::new();
    for m in state.store().mandates(&filter).await.or_page(&visitor)? {
        if ids.last().is_none_or(|(id, _)| *id != m.instrument_id) {
            ids.push((m.instrument_id, m.instrument));
        }
    }
    let left: Vec<Node> =
        ids.iter().map(|(id, name)| Node { label: name.clone(), href: format!("/instruments/{id}") }).collect();
    let row_of: std::collections::HashMap<&str, usize> =
        ids.iter().enumerate().map(|(i, (_, n))| (n.as_str(), i)).collect();
    // Targets by body, each once; edges as (from, body, target label, dashed).
    let mut targets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut links: Vec<(usize, String, String, bool)> = Vec::new();
    let mut add =
        |from: usize, body: &str, label: String, dashed: bool, links: &mut Vec<(usize, String, String, bool)>| {
            let column = targets.entry(body.to_owned()).or_default();
            if !column.contains(&label) {
                column.push(label.clone());
            }
            if !links.iter().any(|(f, _, l, _)| *f == from && *l == label) {
                links.push((from, body.to_owned(), label, dashed));
            }
        };
    for (row, (id, name)) in ids.iter().enumerate() {
        let Some(detail) = state.store().instrument(*id).await.or_page(&visitor)? else { continue };
        let Some(latest) = detail.texts.iter().rev().find(|t| t.current) else { continue };
        let text = state.text(latest.id).await.or_page(&visitor)?;
        for reference in &text.references {
            let Some(target) = &reference.target else { continue };
            let Some(body) = target.body.as_deref() else { continue };
            if !matches!(target.kind.as_ref(), "resolution" | "decision") {
                continue;
            }
            let label = target_label(body, &target.kind, &target.number.as_str());
            if label != *name {
                add(row, body, label, false, &mut links);
            }
        }
    }
    let (body, _) = mandates_store::parse_conference(&conference).unwrap_or_default();
    for row in state.store().reference_table(Some(&conference)).await.or_page(&visitor)? {
        let name = if row.instrument.starts_with(|c: char| c.is_ascii_digit()) {
            format!("{body} Resolution {}", row.instrument)
        } else {
            format!("{body} {}", row.instrument)
        };
        let Some(&from) = row_of.get(name.as_str()) else { continue };
        for affected in &row.affects {
            add(
                from,
                &affected.body,
                target_label(&affected.body, "resolution", &affected.number),
                affected.suppressed,
                &mut links,
            );
        }
    }
    // Columns: the conference, then WTSA, Council and the others.
    let rank = |b: &str| match b {
        "WTSA" => 0,
        "Council" => 1,
        "PP" => 2,
        _ => 3,
    };
    let mut bodies: Vec<(String, Vec<String>)> = targets.into_iter().collect();
    bodies.sort_by_key(|(b, _)| (rank(b), b.clone()));
    let mut columns = vec![(conference.clone(), left)];
    for (b, labels) in &bodies {
        let nodes = labels
            .iter()
            .map(|label| {
                let number = label.rsplit(' ').next().unwrap_or_default();
                let kind = if label.contains(" Decision ") { "decision" } else { "resolution" };
                Node {
                    label: label.clone(),
                    href: format!("/instruments/find?kind={kind}&body={}&number={}", url_encode(b), url_encode(number)),
                }
            })
            .collect();
        columns.push((b.clone(), nodes));
    }
    let edges: Vec<Edge> = links
        .iter()
        .filter_map(|(from, b, label, dashed)| {
            let column = bodies.iter().position(|(x, _)| x == b)?;
            let row = bodies[column].1.iter().position(|l| l == label)?;
            Some(Edge { from: *from, to: (column + 1, row), dashed: *dashed })
        })
        .collect();
    let svg = cross_references(&format!("Cross-references of {conference}"), &columns, &edges);
    page(GraphPage { ctx: Ctx::of(&visitor), conference, conferences, edges: edges.len(), svg }, &visitor)
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    ctx: Ctx,
    due: Vec<Due>,
    missing: Vec<String>,
}

async fn calendar(State(state): State<AppState>, visitor: Visitor, uri: Uri) -> Result<Response, PageError> {
    if !visitor.may_read(&state) {
        return Ok(sign_in_first(&uri));
    }
    let calendar = reporting_calendar(&state, None).await.or_page(&visitor)?;
    page(
        CalendarPage {
            ctx: Ctx::of(&visitor),
            due: calendar.due.into_iter().map(Into::into).collect(),
            missing: calendar.missing,
        },
        &visitor,
    )
}

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    ctx: Ctx,
    result: Option<Ingested>,
    error: Option<String>,
}

async fn upload_page(visitor: Visitor, uri: Uri) -> Result<Response, PageError> {
    if visitor.session.is_none() {
        return Ok(sign_in_first(&uri));
    }
    visitor.require(Role::Editor).or_page(&visitor)?;
    page(UploadPage { ctx: Ctx::of(&visitor), result: None, error: None }, &visitor)
}

async fn upload(State(state): State<AppState>, visitor: Visitor, mut form: Multipart) -> Result<Response, PageError> {
    visitor.require(Role::Editor).or_page(&visitor)?;
    let mut csrf = None;
    let mut file = None;
    let too_large = |_| ApiError::too_large(state.config().max_upload_bytes);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large(())
            } else {
                ApiError::bad_request(e.body_text())
            }
        })
        .or_page(&visitor)?
    {
        match field.name() {
            Some("csrf") => {
                csrf = Some(field.text().await.map_err(|e| ApiError::bad_request(e.body_text())).or_page(&visitor)?)
            }
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| {
                        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                            too_large(())
                        } else {
                            ApiError::bad_request(e.body_text())
                        }
                    })
                    .or_page(&visitor)?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let session = visitor.require_write(Role::Editor, csrf.as_deref()).or_page(&visitor)?;
    let Some((name, bytes)) = file.filter(|(name, _)| !name.is_empty()) else {
        let html = UploadPage { ctx: Ctx::of(&visitor), result: None, error: Some("choose a document to add".into()) }
            .render()
            .or_page(&visitor)?;
        return Ok((StatusCode::BAD_REQUEST, Html(html)).into_response());
    };
    // Browsers may send a path; keep the file's own name.
    let name = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_owned();
    let by = session.user.name.clone();
    let (result, error, status) = match ingest(&state, &name, bytes.to_vec(), &by).await {
        Ok(r) => (Some(r), None, StatusCode::OK),
        Err(e) if e.status.is_server_error() => return Err(e).or_page(&visitor),
        Err(e) => (None, Some(e.message), e.status),
    };
    let html = UploadPage { ctx: Ctx::of(&visitor), result, error }.render().or_page(&visitor)?;
    Ok((status, Html(html)).into_response())
}

async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        include_str!("../static/style.css"),
    )
        .into_response()
}
