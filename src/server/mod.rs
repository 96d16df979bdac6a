//! `pinview serve`: a Pinpoint-compatible HTTP server for `GetInAppMessages`, so the AWS SDKs,
//! the AWS CLI and pinview itself have a working endpoint now that the service is gone; it also
//! serves the images its replies name.

mod body;
pub mod catalog;
mod files;
mod links;
mod listen;
pub mod log;

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use catalog::Catalog;
use catalog::Miss;
pub use listen::{MAX_CONNECTIONS, Options};

use crate::model::Target;
use crate::text::clean;

/// The one operation served, as the service model routes it.
pub const ROUTE: &str = "/v1/apps/{app}/endpoints/{endpoint}/inappmessages";

/// A failure to play instead of the real answer, for testing how clients cope.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answer, but only after this long.
    Delay(Duration),
    /// Answer with this status and `x-amzn-errortype`.
    Error { status: u16, kind: String },
}

/// The fault in force, if any; shared with whoever started the server.
#[derive(Debug, Default)]
pub struct Faults(Mutex<Option<Fault>>);

impl Faults {
    pub fn set(&self, fault: Option<Fault>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = fault;
    }

    fn current(&self) -> Option<Fault> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

struct Shared {
    catalog: Catalog,
    faults: Arc<Faults>,
    requests: AtomicU64,
    /// Makes request ids differ between runs.
    seed: u64,
    /// The address to name in image URLs when a request's `Host` is unusable.
    bound: String,
}

/// The router, for callers that serve it themselves; `bound` is the address it listens on.
pub fn router(
    catalog: Catalog,
    faults: Arc<Faults>,
    bound: SocketAddr,
    options: &Options,
) -> Router {
    routes(Arc::new(Shared::new(catalog, faults, bound)), options)
}

fn routes(shared: Arc<Shared>, options: &Options) -> Router {
    let router = Router::new()
        .route(ROUTE, get(in_app_messages).fallback(other_route))
        .route(
            files::IMAGES_ROUTE,
            get(files::demo_image).fallback(other_route),
        )
        .route(
            files::FILES_ROUTE,
            get(files::folder_file).fallback(other_route),
        )
        .fallback(other_route);
    log::layer(router, options.log_requests).with_state(shared)
}

/// A running server; `stop` ends it, and so does dropping it, without waiting.
pub struct Server {
    addr: SocketAddr,
    faults: Arc<Faults>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<io::Result<()>>,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) and serves until `stop`, with default options.
    pub async fn start(catalog: Catalog, addr: SocketAddr) -> io::Result<Server> {
        Server::start_with(catalog, addr, Options::default()).await
    }

    /// `start` with `options`.
    pub async fn start_with(
        catalog: Catalog,
        addr: SocketAddr,
        options: Options,
    ) -> io::Result<Server> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let faults = Arc::new(Faults::default());
        let shared = Arc::new(Shared::new(catalog, Arc::clone(&faults), addr));
        let app = routes(Arc::clone(&shared), &options);
        let busy = listen::turned_away(shared, &options);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(listen::serve(listener, app, busy, options, stopped));
        Ok(Server {
            addr,
            faults,
            stop: Some(stop),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL to give a client as its endpoint, e.g. `http://127.0.0.1:4590`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// Stops accepting, gives requests in flight `Options::shutdown_grace` to finish, and returns
    /// the serve loop's result.
    pub async fn stop(mut self) -> io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.unwrap_or_else(|e| Err(io::Error::other(e)))
    }
}

async fn in_app_messages(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let id = shared.request_id();
    let Ok(Path((app, endpoint))) = path else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "the application or endpoint id is not valid UTF-8",
            &id,
        );
    };
    if let Some(fault) = shared.faults.current() {
        match fault {
            Fault::Delay(d) => tokio::time::sleep(d).await,
            Fault::Error { status, kind } => {
                let status =
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                return error(status, &kind, "a fault set on this server for testing", &id);
            }
        }
    }
    let target = Target::new(app, endpoint);
    // Reading a file blocks: off the threads that answer every other client.
    let (found, problem) = {
        let (shared, target) = (shared.clone(), target.clone());
        tokio::task::spawn_blocking(move || shared.catalog.lookup(&target))
            .await
            .unwrap_or_else(|_| {
                let why = "reading the endpoint's file failed".to_string();
                (Err(Miss::Unreadable(why.clone())), Some(why))
            })
    };
    if let Some(problem) = problem {
        tracing::warn!(
            "{} (still serving the last good version, if any)",
            clean(&problem)
        );
    }
    let shown = format!("{} › {}", clean(&target.app), clean(&target.endpoint));
    match found {
        Ok(reply) => {
            let host = links::request_host(&headers, &uri, &shared.bound);
            let mut response = reply.body_for(&host).into_response();
            let headers = response.headers_mut();
            // Sent in pieces, but its length is known: clients see a plain reply, not a chunked one.
            headers.insert(
                header::CONTENT_LENGTH,
                HeaderValue::from(reply.len_with(&host)),
            );
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            insert_request_id(headers, &id);
            let what = format!("{shown}: {} campaigns", reply.campaigns);
            log::noted(response, what, Some(reply.campaigns))
        }
        Err(miss) => {
            let message = match miss {
                Miss::App => format!("Application {} not found", target.app),
                Miss::Endpoint => format!(
                    "Endpoint {} not found in application {}",
                    target.endpoint, target.app
                ),
                Miss::Unreadable(why) => {
                    let response = error(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "InternalServerErrorException",
                        &format!("pinview serve cannot read this endpoint's file: {why}"),
                        &id,
                    );
                    let what = format!("{shown}: {}", clean(&why));
                    return log::noted(response, what, None);
                }
            };
            let response = error(StatusCode::NOT_FOUND, "NotFoundException", &message, &id);
            log::noted(response, format!("{shown}: not found"), None)
        }
    }
}

/// Every other request. Pinpoint's other operations get the error every operation models, so
/// SDK clients see a typed error instead of a parse failure.
async fn other_route(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    let id = shared.request_id();
    let path = uri.path();
    let what = format!("{}: not served", clean(path));
    let response = if path.starts_with("/v1/") {
        error(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowedException",
            &format!(
                "pinview serve answers only GetInAppMessages (GET /v1/apps/{{application-id}}/endpoints/{{endpoint-id}}/inappmessages), not {method} {path}"
            ),
            &id,
        )
    } else {
        error(
            StatusCode::NOT_FOUND,
            "NotFoundException",
            &format!(
                "no such route: {path}; pinview serve answers GET /v1/apps/{{application-id}}/endpoints/{{endpoint-id}}/inappmessages"
            ),
            &id,
        )
    };
    log::noted(response, what, None)
}

/// The error shape of Pinpoint's REST-JSON protocol.
fn error(status: StatusCode, kind: &str, message: &str, id: &str) -> Response {
    let body = serde_json::json!({ "Message": message, "RequestID": id }).to_string();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(kind) = HeaderValue::from_str(kind) {
        headers.insert("x-amzn-errortype", kind);
    }
    insert_request_id(headers, id);
    response
}

fn insert_request_id(headers: &mut axum::http::HeaderMap, id: &str) {
    if let Ok(id) = HeaderValue::from_str(id) {
        headers.insert("x-amzn-requestid", id);
    }
}

impl Shared {
    fn new(catalog: Catalog, faults: Arc<Faults>, bound: SocketAddr) -> Shared {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Shared {
            catalog,
            faults,
            requests: AtomicU64::new(0),
            seed,
            bound: bound.to_string(),
        }
    }

    /// A UUID-shaped id, unique within the process, as AWS request ids look.
    fn request_id(&self) -> String {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        let mixed = self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (mixed >> 32) as u32,
            (mixed >> 16) as u16,
            (mixed >> 4) as u16 & 0xfff,
            n as u16 & 0xfff,
            n & 0xffff_ffff_ffff
        )
    }
}
