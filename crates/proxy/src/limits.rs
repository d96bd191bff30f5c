//! The request limits: the per-client token bucket and reading a body under the size cap.

use crate::config::RateLimit;
use crate::error::{Refusal, RefusalResponse};
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{header, Request};
use axum::response::Response;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Buckets kept before idle (full) ones are dropped.
const MAX_TRACKED_CLIENTS: usize = 4096;

/// Per-client-IP token buckets.
pub(crate) struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    tokens: f64,
    refilled_at: Instant,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client` at `now`; `false` when its bucket is empty.
    pub(crate) fn try_acquire(&self, client: IpAddr, now: Instant) -> bool {
        let burst = f64::from(self.limit.burst);
        let per_second = self.limit.per_second;
        // A poisoned lock only means another request panicked mid-update; the map is still
        // usable, so carry on rather than refuse every request from then on.
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, bucket| refilled(bucket, now, per_second, burst) < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: burst,
            refilled_at: now,
        });
        bucket.tokens = refilled(bucket, now, per_second, burst);
        bucket.refilled_at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

fn refilled(bucket: &Bucket, now: Instant, per_second: f64, burst: f64) -> f64 {
    let elapsed = now
        .checked_duration_since(bucket.refilled_at)
        .unwrap_or(Duration::ZERO);
    (bucket.tokens + elapsed.as_secs_f64() * per_second).min(burst)
}

/// The client's IP as the listener saw it (IPv4-mapped IPv6 folded to IPv4). Without
/// connect info (a router served without it) every request shares one bucket.
pub(crate) fn client_ip<B>(request: &Request<B>) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_canonical())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_burst_then_refills() {
        let limiter = RateLimiter::new(RateLimit {
            per_second: 2.0,
            burst: 3,
        });
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let start = Instant::now();
        assert!(limiter.try_acquire(client, start));
        assert!(limiter.try_acquire(client, start));
        assert!(limiter.try_acquire(client, start));
        assert!(!limiter.try_acquire(client, start));
        assert!(limiter.try_acquire(other, start), "buckets are per client");
        let later = start + Duration::from_millis(500);
        assert!(
            limiter.try_acquire(client, later),
            "one token after 0.5 s at 2/s"
        );
        assert!(!limiter.try_acquire(client, later));
        let much_later = start + Duration::from_secs(60);
        for _ in 0..3 {
            assert!(limiter.try_acquire(client, much_later));
        }
        assert!(
            !limiter.try_acquire(client, much_later),
            "refill stops at burst"
        );
    }
}
