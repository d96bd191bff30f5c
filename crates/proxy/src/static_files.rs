//! Serving the built app: files from the static directory, `index.html` for SPA routes, a
//! notice page when the app is not built, compression (the build's precompressed `.br`/`.gz`
//! siblings, else on the fly), and the app's security headers.

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::convert::Infallible;
use std::path::Path;
use tower::service_fn;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every app response: no inline script, WebAssembly allowed,
/// API calls only to this origin (the proxy and the sandbox), no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The app's Permissions-Policy: it uses none of these powerful features, so no script in it
/// (or a frame it opens) may ask for them.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

/// Shown when the static directory has no `index.html`.
const NOT_BUILT: &str = "app not built: run cargo xtask serve\n";

/// The router that serves `static_dir` (used as the proxy's fallback).
pub(crate) fn router(static_dir: &Path) -> Router {
    let index = static_dir.join("index.html");
    let spa_fallback = service_fn(move |request: Request<Body>| {
        let index = index.clone();
        let looks_like_asset = looks_like_asset(request.uri().path());
        async move { Ok::<_, Infallible>(spa_fallback(&index, looks_like_asset).await) }
    });
    // The build writes `.br` (quality 11) and `.gz` (level 9) siblings of the app's files
    // (xtask/src/precompress.rs): served as they are when the client accepts them, with the
    // original's Content-Type. The compression layer skips responses that already have a
    // Content-Encoding, so it only compresses, on the fly, files without a sibling.
    let files = ServeDir::new(static_dir)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa_fallback);
    Router::new()
        .fallback_service(files)
        .layer(CompressionLayer::new().gzip(true).br(true))
        // Every file may come in another encoding for another Accept-Encoding: caches must
        // key on it. (The compression layer says so only for what it compresses itself.)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        // Trunk's output names are not hashed (filehash = false), so browsers must
        // revalidate (cheap: Last-Modified / If-Modified-Since) to pick up a rebuild.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        // A window the app opens, or that opens the app, gets no handle on it.
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ))
}

/// No file at the path: app routes (last segment without a dot) get `index.html`, so the
/// app's own router takes over; a missing asset is a plain 404; without a built app, a notice.
async fn spa_fallback(index: &Path, looks_like_asset: bool) -> Response {
    match tokio::fs::read(index).await {
        Ok(_) if looks_like_asset => plain(StatusCode::NOT_FOUND, "not found\n"),
        Ok(html) => {
            let mut response = Body::from(html).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            response
        }
        Err(_) => plain(StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT),
    }
}

/// `/assets/app-1f2e.wasm` is an asset; `/issue/end-cert` is an app route.
fn looks_like_asset(path: &str) -> bool {
    path.rsplit('/').next().unwrap_or_default().contains('.')
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, text).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
