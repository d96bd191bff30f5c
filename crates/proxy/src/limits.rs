//! The request limits: the client address for the rate limiter (certkit-sandbox's
//! `guard::RateLimiter`, shared with the standalone sandbox) and reading a body under the
//! size cap.

use crate::error::{Refusal, RefusalResponse};
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{header, Request};
use axum::response::Response;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

/// The client's IP as the listener saw it (IPv4-mapped IPv6 folded to IPv4 by the limiter). Without
/// connect info (a router served without it) every request shares one bucket.
pub(crate) fn client_ip<B>(request: &Request<B>) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Reads the whole body, refusing with 413 `bodyTooLarge` past `max_body` bytes (checked on
/// `Content-Length` first, then while reading) and 400 when it breaks off or stalls longer
/// than `read_timeout`.
pub(crate) async fn read_body(
    request: Request<Body>,
    max_body: usize,
    read_timeout: Duration,
) -> Result<(axum::http::request::Parts, Bytes), Response> {
    let too_large = || {
        Refusal::BodyTooLarge.with_message(format!(
            "the request body is larger than the proxy's limit of {max_body} bytes (--max-body)"
        ))
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > max_body as u64) {
        return Err(too_large());
    }
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(read_timeout, axum::body::to_bytes(body, max_body)).await {
        Ok(Ok(bytes)) => Ok((parts, bytes)),
        Ok(Err(error)) if is_length_limit(&error) => Err(too_large()),
        Ok(Err(_)) => Err(Refusal::BodyUnreadable
            .with_message("the request body broke off before it was complete")),
        Err(_) => {
            Err(Refusal::BodyUnreadable.with_message("the request body did not arrive in time"))
        }
    }
}

/// Whether `error` is a body read stopped by its size cap (not a broken connection).
pub(crate) fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if current.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = current.source();
    }
    false
}
