//! The API gateway in front of both services: body limit, signature v2, clock skew, the
//! sub-account rule of Certificate Manager v2, `Date` headers, one log line per request.

use std::time::Instant;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use certkit_core::signing::{
    string_to_sign, verify, HEADER_ACCESS_KEY, HEADER_SIGNATURE_V1, HEADER_SIGNATURE_V2,
    HEADER_TIMESTAMP, MAX_CLOCK_SKEW_MS,
};
use serde_json::json;

use crate::DEMO_SUB_SECRET_KEY;
use crate::{Sandbox, DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY, DEMO_SUB_ACCESS_KEY};

/// Largest request body the gateway accepts (1 MiB); larger ones get HTTP 413, errorCode 430.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Which demo account signed a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Account {
    Main,
    Sub,
}

/// A gateway error envelope: `{"error":{"errorCode":"..","message":".."}}`.
fn gateway_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"errorCode": code, "message": message}})),
    )
        .into_response()
}

fn authentication_failed() -> Response {
    gateway_error(StatusCode::UNAUTHORIZED, "200", "Authentication Failed")
}

fn too_large() -> Response {
    gateway_error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "430",
        "Request Entity Too Large",
    )
}

/// The answer when a handler panicked (a sandbox bug): HTTP 500, gateway errorCode 900.
pub(crate) fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a sandbox handler panicked");
    unexpected_error()
}

/// The fallback: any path the router does not serve.
pub(crate) async fn not_found() -> Response {
    not_found_response()
}

/// HTTP 404, errorCode 300: no such path (or method) on the gateway.
pub(crate) fn not_found_response() -> Response {
    gateway_error(StatusCode::NOT_FOUND, "300", "Not Found Exception")
}

/// A sandbox failure that is no answer of NCP's services (a bug, a key that could not be
/// generated): HTTP 500, gateway errorCode 900 "unexpected error" (ncp-api.md §3).
pub(crate) fn unexpected_error() -> Response {
    gateway_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "900",
        "Unexpected error in the sandbox",
    )
}

/// The middleware wrapping every route and the fallback.
pub(crate) async fn gateway(
    State(sandbox): State<Sandbox>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // The path only: query strings may carry user data, header values and bodies never logged.
    let path = request.uri().path().to_string();
    let mut response = handle(&sandbox, request, next).await;
    let date = httpdate::fmt_http_date(sandbox.clock().now());
    if let Ok(value) = HeaderValue::from_str(&date) {
        response.headers_mut().insert(header::DATE, value);
    }
    tracing::info!(
        "{method} {path} -> {} ({} ms)",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

async fn handle(sandbox: &Sandbox, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > MAX_BODY_BYTES as u64) {
        return too_large();
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return too_large();
    };
    let path = parts.uri.path();
    let is_api = ["/api/v1", "/api/v2"]
        .iter()
        .any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")));
    if is_api {
        let path_and_query = parts
            .uri
            .path_and_query()
            .map(|pq| pq.as_str())
            .unwrap_or(path);
        let now_ms = sandbox.clock().now_ms();
        let Some(account) = authenticate(
            &parts.headers,
            parts.method.as_str(),
            path_and_query,
            now_ms,
        ) else {
            return authentication_failed();
        };
        if account == Account::Sub && path.starts_with("/api/v2") {
            // NCP's reported behaviour for sub-account keys on Certificate Manager v2.
            return StatusCode::FORBIDDEN.into_response();
        }
        parts.extensions.insert(account);
    } else if !path.starts_with("/demo/") {
        return not_found().await;
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Checks the signature headers; `None` for every failure (the gateway does not tell them
/// apart): a header missing, an unknown key, a timestamp 5 minutes or more off, a signature
/// that does not match the path, the timestamp header and the key.
pub(crate) fn authenticate(
    headers: &HeaderMap,
    method: &str,
    path_and_query: &str,
    now_ms: u64,
) -> Option<Account> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let timestamp = header(HEADER_TIMESTAMP)?;
    let access_key = header(HEADER_ACCESS_KEY)?;
    let signature = header(HEADER_SIGNATURE_V2).or_else(|| header(HEADER_SIGNATURE_V1))?;
    if timestamp.is_empty() || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let timestamp_ms: u64 = timestamp.parse().ok()?;
    let (account, secret) = match access_key {
        DEMO_MAIN_ACCESS_KEY => (Account::Main, DEMO_MAIN_SECRET_KEY),
        DEMO_SUB_ACCESS_KEY => (Account::Sub, DEMO_SUB_SECRET_KEY),
        _ => return None,
    };
    if now_ms.abs_diff(timestamp_ms) >= MAX_CLOCK_SKEW_MS {
        return None;
    }
    // A timestamp header with leading zeros parses to the same number but is not what was
    // signed, so compare against the header text too.
    if timestamp_ms.to_string() != timestamp {
        return None;
    }
    let signed = string_to_sign(
        &method.to_ascii_uppercase(),
        path_and_query,
        timestamp_ms,
        access_key,
    );
    // certkit-core's check: HMAC-SHA256 compared in constant time.
    verify(secret, &signed, signature).then_some(account)
}
