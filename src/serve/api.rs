//! The JSON API. Each answer is what the command line prints with `--json` (the same
//! types, serialised by the same code); the work runs on the blocking pool, off the
//! threads that take connections. A search asked before on the same commit is answered
//! from its kept answer ([`super::answers`]), on the connection's own thread; the
//! `x-cache` header says which (`hit` or `miss`).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use bireport::search::Engine;

use super::index_handle::Commit;
use super::problem::Problem;
use super::{params, Shared};

type Answer<T> = Result<Json<T>, Problem>;

/// Runs `work` on the engine of the latest commit, on the blocking pool.
async fn with_engine<T: Send + 'static>(
    shared: &Shared,
    work: impl FnOnce(&Engine) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    with_commit(shared, move |commit| work(&commit.engine)).await
}

/// Runs `work` on the latest commit, on the blocking pool.
async fn with_commit<T: Send + 'static>(
    shared: &Shared,
    work: impl FnOnce(&Commit) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let index = std::sync::Arc::clone(&shared.index);
    tokio::task::spawn_blocking(move || {
        let commit = index.commit()?;
        work(&commit)
    })
    .await
    .map_err(|err| match err.try_into_panic() {
        // A panic in the work: the same 500 as a panic anywhere else in a request.
        Ok(panic) => Problem::panicked(&*panic),
        Err(_) => Problem::new(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping"),
    })?
}

/// `GET /api/search?q=…`: `search --json`.
pub async fn search(
    State(shared): State<Shared>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Problem> {
    let request = params::search_request(&query)?;
    if let Some(body) = shared
        .index
        .opened()
        .and_then(|commit| commit.answers.get(&request))
    {
        return Ok(json_body(body, "hit"));
    }
    let body = with_commit(&shared, move |commit| {
        let results = commit.engine.search(&request)?;
        let body = Bytes::from(serde_json::to_vec(&results).map_err(|err| {
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("writing the answer: {err}"),
            )
        })?);
        commit.answers.keep(request, body.clone());
        Ok(body)
    })
    .await?;
    Ok(json_body(body, "miss"))
}

/// A JSON body already serialised, and whether it was a kept answer.
fn json_body(body: Bytes, cache: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::HeaderName::from_static("x-cache"),
                HeaderValue::from_static(cache),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /api/records/{id}`: `show --json`.
pub async fn record(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Answer<bireport::record::Record> {
    let record = with_engine(&shared, move |engine| Ok(engine.get(id.trim())?)).await?;
    Ok(Json(record))
}

/// `GET /api/records/{id}/counterpart`: `counterpart --json`.
pub async fn counterpart(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Answer<crate::cli::counterpart_cmd::CounterpartView> {
    let view = with_engine(&shared, move |engine| {
        Ok(crate::cli::counterpart_cmd::view(engine, id.trim())?)
    })
    .await?;
    Ok(Json(view))
}

/// `GET /api/pairs`: `pairs --json`.
pub async fn pairs(State(shared): State<Shared>) -> Answer<crate::cli::pairs_cmd::PairsView> {
    let view = with_engine(&shared, |engine| {
        Ok(crate::cli::pairs_cmd::listing(engine)?)
    })
    .await?;
    Ok(Json(view))
}

/// `GET /api/stats`: `stats --json`.
pub async fn stats(State(shared): State<Shared>) -> Answer<bireport::search::Stats> {
    let stats = with_engine(&shared, |engine| Ok(engine.stats()?)).await?;
    Ok(Json(stats))
}

/// What `/api/health` says.
#[derive(Serialize)]
pub struct Health {
    /// `ok`.
    status: &'static str,
    /// Records in the commit being served.
    records: usize,
}

/// `GET /api/health`: 200 with the record count when an index answers, 503 otherwise.
pub async fn health(State(shared): State<Shared>) -> Answer<Health> {
    let records = with_engine(&shared, |engine| Ok(engine.record_count())).await?;
    Ok(Json(Health {
        status: "ok",
        records,
    }))
}

/// Anything else: 404, in JSON.
pub async fn not_found(uri: axum::http::Uri) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        format!("no such page or endpoint: {}", uri.path()),
    )
}
