#![doc = include_str!("../README.md")]

mod access_log;
mod config;
mod cors;
mod error;
mod fetch_metadata;
mod forward;
mod limits;
mod route;
mod server;
mod static_files;

pub use config::{
    normalize_origin, ProxyConfig, RateLimit, TlsFiles, DEFAULT_BODY_TIMEOUT,
    DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_BODY, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_CONNECTIONS,
    DEFAULT_UPSTREAM_TIMEOUT,
};
pub use error::{ConfigError, ConfigErrorKind};
pub use fetch_metadata::API_CONTENT_SECURITY_POLICY;
pub use route::SANDBOX_PREFIX;
pub use server::{serve_with, ServeOptions};
pub use static_files::{CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use certkit_sandbox::guard::{HostCheck, RateLimiter};
use certkit_sandbox::{Sandbox, SandboxConfig};
use cors::{Cors, Verdict};
use error::{Refusal, RefusalResponse};
use forward::Forwarder;
use limits::{client_ip, read_body};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

/// The upstream path and query the proxy would forward for a raw `/ncp/...` request target,
/// or `None` when it refuses the target. Exists for the fuzz target (`fuzz/`), which checks
/// that nothing accepted leaves `/api/`; not part of the proxy's API.
#[doc(hidden)]
pub fn forwarded_path(target: &str) -> Option<&str> {
    route::parse_ncp_target(target)
        .ok()
        .map(|route| route.upstream_path_and_query)
}

/// Builds the proxy: `/ncp/{site}/{service}/api/...` forwarded to NCP, `/sandbox/...` (a new
/// [`Sandbox`] with default settings, unless `config.sandbox` is off), and the static app for
/// everything else. Serve it with [`serve`] so the per-client rate limit sees client IPs.
///
/// Never panics: a sandbox that fails to start is logged and answers 503
/// `sandboxUnavailable`; an invalid setting that [`ProxyConfig::validate`] would report makes
/// the affected requests fail with a JSON error.
pub fn app(config: ProxyConfig) -> Router {
    let sandbox = if config.sandbox {
        match Sandbox::new(SandboxConfig::default()) {
            Ok(sandbox) => SandboxMount::Ready(sandbox),
            Err(error) => {
                tracing::error!(%error, "the sandbox could not start; /sandbox answers 503");
                SandboxMount::Failed
            }
        }
    } else {
        SandboxMount::Off
    };
    build(config, sandbox)
}

/// Like [`app`], with a sandbox the caller made (fixed CA tags, a clock offset it adjusts
/// later, ...). `config.sandbox` is ignored: this sandbox is always mounted.
pub fn app_with_sandbox(config: ProxyConfig, sandbox: Sandbox) -> Router {
    build(config, SandboxMount::Ready(sandbox))
}

/// Serves `app` on `listener` over plain HTTP with the default header timeout and
/// connection cap until `shutdown` completes (see [`serve_with`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, app, ServeOptions::default(), shutdown).await
}

enum SandboxMount {
    Off,
    Ready(Sandbox),
    Failed,
}

/// Shared by the API routes (`/ncp` and `/sandbox`).
struct ApiGuard {
    cors: Cors,
    rate_limiter: Option<RateLimiter>,
}

fn build(config: ProxyConfig, sandbox: SandboxMount) -> Router {
    let upstream_override = config
        .upstream_override
        .as_deref()
        .map(config::normalize_upstream_override);
    if let Some(Ok(url)) = &upstream_override {
        tracing::warn!(
            upstream = %url,
            "TEST-ONLY upstream override is set: every /ncp request goes to this URL instead of NCP"
        );
    }
    let allowed_origins = config.allowed_origins();
    let host_check = Arc::new(HostCheck::new(&allowed_origins));
    let guard = Arc::new(ApiGuard {
        cors: Cors::new(allowed_origins),
        rate_limiter: config.rate_limit.map(RateLimiter::new),
    });
    let forwarder = Arc::new(Forwarder::new(
        config.max_body,
        config.body_timeout,
        config.upstream_timeout,
        config.max_concurrent,
        upstream_override,
    ));
    let ncp = Router::new()
        .route("/ncp", any(ncp_handler))
        .route("/ncp/", any(ncp_handler))
        .route("/ncp/{*upstream}", any(ncp_handler))
        .with_state(forwarder)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&guard),
            api_guard,
        ));

    let sandbox_router = match sandbox {
        SandboxMount::Ready(sandbox) => sandbox.router(),
        SandboxMount::Off => Router::new().fallback(sandbox_off),
        SandboxMount::Failed => Router::new().fallback(sandbox_unavailable),
    };
    let sandbox_service = ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(
            Arc::clone(&guard),
            api_guard,
        ))
        .layer(middleware::from_fn(sandbox_same_origin))
        .layer(middleware::from_fn_with_state(
            (config.max_body, config.body_timeout),
            sandbox_body_limit,
        ))
        .service(sandbox_router);
    Router::new()
        .merge(ncp)
        .nest_service(SANDBOX_PREFIX, sandbox_service)
        .fallback_service(static_files::router(&config.static_dir))
        .layer(middleware::from_fn_with_state(
            host_check,
            refuse_unknown_host,
        ))
        .layer(middleware::from_fn(refuse_absolute_form))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(middleware::from_fn(access_log::log_request))
}

async fn ncp_handler(State(forwarder): State<Arc<Forwarder>>, request: Request) -> Response {
    forwarder.handle(request).await
}

async fn sandbox_off() -> Response {
    Refusal::UnknownRoute.with_message("the sandbox is off (the proxy runs with --no-sandbox)")
}

async fn sandbox_unavailable() -> Response {
    Refusal::SandboxUnavailable.with_message("the sandbox failed to start; see the proxy's log")
}

/// CORS (preflights, origin allow list), navigations from other sites, the per-client rate
/// limit, and the headers every API response carries.
async fn api_guard(State(guard): State<Arc<ApiGuard>>, request: Request, next: Next) -> Response {
    let mut response = match guard.cors.check(&request) {
        Verdict::Answer(response) => response,
        Verdict::Proceed(_) if fetch_metadata::is_foreign_navigation(request.headers()) => {
            Refusal::OriginNotAllowed.with_message(
                "API routes are not pages: a link or form on another site may not open them",
            )
        }
        Verdict::Proceed(origin) => {
            let limited = guard
                .rate_limiter
                .as_ref()
                .is_some_and(|limiter| !limiter.try_acquire(client_ip(&request), Instant::now()));
            let mut response = if limited {
                Refusal::RateLimited
                    .with_message("too many requests from this client; slow down and retry")
            } else {
                next.run(request).await
            };
            cors::decorate(&mut response, origin);
            response
        }
    };
    // Answers can carry private keys: never cache them.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    fetch_metadata::add_api_headers(&mut response);
    response
}

/// The sandbox's POST, PUT and DELETE routes issue, revoke and delete without a real account,
/// so they need proof that an allowed page sent them (CSRF): an `Origin` (checked by CORS
/// before this) or `Sec-Fetch-Site: same-origin`.
async fn sandbox_same_origin(request: Request, next: Next) -> Response {
    if fetch_metadata::lacks_origin_for_state_change(request.method(), request.headers()) {
        return Refusal::OriginNotAllowed.with_message(
            "sandbox requests that change state need an Origin header of an allowed origin (browsers send it; from a script or curl add e.g. -H 'Origin: http://127.0.0.1:8080')",
        );
    }
    next.run(request).await
}

/// The body cap for the sandbox (it is local, so only the cap applies, not the upstream
/// logic): the body is read here and handed on whole.
async fn sandbox_body_limit(
    State((max_body, body_timeout)): State<(usize, Duration)>,
    request: Request,
    next: Next,
) -> Response {
    match read_body(request, max_body, body_timeout).await {
        Ok((parts, body)) => next.run(Request::from_parts(parts, Body::from(body))).await,
        Err(response) => response,
    }
}

/// DNS-rebinding protection (see [`HostCheck`]).
async fn refuse_unknown_host(
    State(check): State<Arc<HostCheck>>,
    request: Request,
    next: Next,
) -> Response {
    match check.refused_host(&request) {
        None => next.run(request).await,
        Some(name) => Refusal::HostNotAllowed.with_message(format!(
            "the proxy does not answer for host {name:?} (DNS rebinding protection); to use this name, start it with --allow-origin http://{name}:PORT"
        )),
    }
}

/// Absolute-form (`GET http://evil/ HTTP/1.1`) and authority-form targets are refused on
/// HTTP/1: the upstream never comes from the request target. (HTTP/2 always carries an
/// `:authority`; it is ignored like `Host`.)
async fn refuse_absolute_form(request: Request, next: Next) -> Response {
    let http1 = request.version() < axum::http::Version::HTTP_2;
    let uri = request.uri();
    if http1 && (uri.scheme().is_some() || uri.authority().is_some()) {
        return Refusal::AbsoluteTarget.with_message(
            "absolute-form request targets are not accepted; send the path only (GET /ncp/... HTTP/1.1)",
        );
    }
    next.run(request).await
}
