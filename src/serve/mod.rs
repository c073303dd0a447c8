//! `bireport serve`: the index over HTTP, in one process — a JSON API that gives the
//! command line's JSON shapes, and a web page (assets compiled into the binary) with the
//! Lithuanian record and its English counterpart side by side. The index is opened once,
//! and opened again when a new commit lands ([`index_handle`]); a search asked again on
//! the same commit is answered from the answer kept for it ([`answers`]). Safe by
//! default: local address, bounded input, a time limit per request, no cross-origin calls
//! unless asked, and a panic in a request answers 500 and leaves the server up.

mod access_log;
mod answers;
mod api;
mod index_handle;
mod page;
mod params;
mod problem;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::routing::get;
use axum::Router;

use index_handle::IndexHandle;

/// How long a request may take before it is answered 408.
const REQUEST_LIMIT: Duration = Duration::from_secs(10);

/// What `serve` was asked for.
pub struct Options {
    /// The index to serve.
    pub index_dir: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// An origin allowed to call the API from a browser.
    pub cors: Option<String>,
    /// Log each request on stderr.
    pub access_log: bool,
    /// Bytes of search answers each commit may keep for searches asked again; 0 keeps
    /// none.
    pub answer_bytes: u64,
}

/// What every request handler shares.
#[derive(Clone)]
pub struct Shared {
    index: Arc<IndexHandle>,
}

/// Serves until Ctrl-C or SIGTERM.
pub fn run(options: Options) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(serve(options))
}

async fn serve(options: Options) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| format!("cannot listen on {}", options.addr))?;
    let local = listener
        .local_addr()
        .context("reading the address listened on")?;
    let shared = Shared {
        index: Arc::new(IndexHandle::new(
            options.index_dir.clone(),
            options.answer_bytes,
        )),
    };
    if let Err(err) = shared.index.commit() {
        // Served anyway: the API answers 503 until an index is built there.
        eprintln!("bireport: {err}");
    }
    let app = router(shared, &options)?;
    // The address is the command's result, on stdout (a script or a test reads it there).
    println!("serving {} on http://{local}/", options.index_dir.display());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    eprintln!("bireport: stopped");
    Ok(())
}

fn router(shared: Shared, options: &Options) -> anyhow::Result<Router> {
    use tower_http::catch_panic::CatchPanicLayer;
    use tower_http::timeout::TimeoutLayer;
    let mut app = Router::new()
        .route("/", get(page::index))
        .route("/record", get(page::index))
        .route("/assets/app.js", get(page::script))
        .route("/assets/style.css", get(page::style))
        .route("/api/search", get(api::search))
        .route("/api/records/{id}", get(api::record))
        .route("/api/records/{id}/counterpart", get(api::counterpart))
        .route("/api/pairs", get(api::pairs))
        .route("/api/stats", get(api::stats))
        .route("/api/health", get(api::health))
        .fallback(api::not_found)
        .with_state(shared)
        .layer(CatchPanicLayer::custom(problem::from_panic))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_LIMIT,
        ));
    if let Some(origin) = &options.cors {
        let origin: axum::http::HeaderValue = origin
            .parse()
            .with_context(|| format!("invalid --cors origin {origin:?}"))?;
        app = app.layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([axum::http::Method::GET]),
        );
    }
    if options.access_log {
        app = app.layer(axum::middleware::from_fn(access_log::log));
    }
    Ok(app)
}

/// Resolves on Ctrl-C or SIGTERM: requests under way are finished, then the server stops.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
