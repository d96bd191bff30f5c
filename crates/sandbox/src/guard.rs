//! The guards the proxy and the standalone sandbox share: DNS-rebinding protection
//! ([`HostCheck`]) and the per-client rate limit ([`RateLimiter`]). The proxy wraps them with
//! its CORS and JSON refusals; the standalone sandbox with [`guard`].

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{header, Request, Uri};

/// A per-client token bucket: `per_second` tokens refill each second, up to `burst`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second per client IP.
    pub per_second: f64,
    /// Requests a client may make at once before the sustained rate applies.
    pub burst: u32,
}

impl Default for RateLimit {
    /// 20 requests per second, bursts of 40.
    fn default() -> Self {
        Self {
            per_second: 20.0,
            burst: 40,
        }
    }
}

/// Clients tracked at most; past it the least recently seen one is forgotten (a forgotten
/// client starts again with a full bucket, so the bound costs at most one burst per eviction).
pub const MAX_TRACKED_CLIENTS: usize = 4096;

/// Per-client token buckets: one per IPv4 address, one per IPv6 /64 (a client usually holds a
/// whole /64, so keying by address would let it rotate through fresh buckets).
pub struct RateLimiter {
    limit: RateLimit,
    capacity: usize,
    buckets: Mutex<Buckets>,
}

#[derive(Default)]
struct Buckets {
    by_client: HashMap<ClientKey, Bucket>,
    /// The clients by last use (a use counter, oldest first): the LRU order.
    by_use: BTreeMap<u64, ClientKey>,
    uses: u64,
}

/// The rate limit's unit of client: an IPv4 address or an IPv6 /64 prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClientKey {
    /// One IPv4 address.
    V4(Ipv4Addr),
    /// The upper 64 bits of an IPv6 address.
    V6Prefix(u64),
}

impl ClientKey {
    /// The key of a client address (IPv4-mapped IPv6 counts as IPv4).
    pub fn of(ip: IpAddr) -> Self {
        match ip.to_canonical() {
            IpAddr::V4(ip) => ClientKey::V4(ip),
            IpAddr::V6(ip) => ClientKey::V6Prefix((ip.to_bits() >> 64) as u64),
        }
    }
}

struct Bucket {
    tokens: f64,
    refilled_at: Instant,
    last_use: u64,
}

impl RateLimiter {
    /// A limiter tracking up to [`MAX_TRACKED_CLIENTS`] clients.
    pub fn new(limit: RateLimit) -> Self {
        Self::with_capacity(limit, MAX_TRACKED_CLIENTS)
    }

    /// A limiter tracking up to `capacity` clients (at least 1).
    pub fn with_capacity(limit: RateLimit, capacity: usize) -> Self {
        Self {
            limit,
            capacity: capacity.max(1),
            buckets: Mutex::new(Buckets::default()),
        }
    }

    /// Clients tracked now (never more than the capacity).
    pub fn tracked(&self) -> usize {
        self.lock().by_client.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Buckets> {
        // A poisoned lock only means another request panicked mid-update; the map is still
        // usable, so carry on rather than refuse every request from then on.
        self.buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes one token for `client` at `now`; `false` when its bucket is empty.
    pub fn try_acquire(&self, client: IpAddr, now: Instant) -> bool {
        let burst = f64::from(self.limit.burst);
        let per_second = self.limit.per_second;
        let key = ClientKey::of(client);
        let mut buckets = self.lock();
        let Buckets {
            by_client,
            by_use,
            uses,
        } = &mut *buckets;
        *uses += 1;
        let use_now = *uses;
        if !by_client.contains_key(&key) && by_client.len() >= self.capacity {
            if let Some((_, oldest)) = by_use.pop_first() {
                by_client.remove(&oldest);
            }
        }
        let bucket = by_client.entry(key).or_insert(Bucket {
            tokens: burst,
            refilled_at: now,
            last_use: use_now,
        });
        by_use.remove(&bucket.last_use);
        by_use.insert(use_now, key);
        bucket.last_use = use_now;
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

// DNS-rebinding protection: a page on `evil.example` whose name is re-pointed at 127.0.0.1
// would be same-origin with the proxy in the browser's eyes. Browsers always send the name
// they resolved in `Host`, so requests are served only for IP literals, `localhost`, and the
// hosts of the allowed origins. (The upstream never depends on `Host` either way.)

/// The host names the proxy answers for, besides IP literals and `localhost`.
#[derive(Clone, Debug)]
pub struct HostCheck {
    names: Vec<String>,
}

impl HostCheck {
    /// Takes the host names of the (normalised) allowed origins.
    pub fn new(allowed_origins: &[String]) -> Self {
        let names = allowed_origins
            .iter()
            .filter_map(|origin| origin.parse::<Uri>().ok())
            .filter_map(|uri| uri.host().map(str::to_ascii_lowercase))
            .collect();
        Self { names }
    }

    /// `None` when the request may be served, else the refused host name.
    pub fn refused_host<B>(&self, request: &Request<B>) -> Option<String> {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .or_else(|| {
                request
                    .uri()
                    .authority()
                    .map(|authority| authority.as_str())
            })?;
        let name = host_name(host);
        let allowed = name.parse::<IpAddr>().is_ok()
            || name.eq_ignore_ascii_case("localhost")
            || self
                .names
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(name));
        (!allowed).then(|| name.chars().filter(|c| !c.is_control()).take(100).collect())
    }
}

/// `example.com:8080` -> `example.com`; `[::1]:8080` -> `::1`.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    host.rsplit_once(':').map_or(host, |(name, _port)| name)
}

/// What the standalone sandbox's [`guard`] allows.
#[derive(Clone, Debug)]
pub struct GuardConfig {
    /// Browser origins allowed to call (`scheme://host[:port]`, lower case); their hosts are
    /// also allowed in `Host`. A request with another `Origin` is refused; one without
    /// (curl, Node) is served.
    pub allowed_origins: Vec<String>,
    /// The per-client rate limit (`None`: unlimited).
    pub rate_limit: Option<RateLimit>,
}

struct Guard {
    hosts: HostCheck,
    origins: Vec<String>,
    limiter: Option<RateLimiter>,
}

/// Wraps the sandbox's router with the checks the proxy makes in front of its own mount:
/// `Host` (DNS rebinding), `Origin` (other sites' pages) and the per-client rate limit. Each
/// refusal is `{"error":"..."}` (403, 403, 429). Serve the result with connect info
/// (`into_make_service_with_connect_info::<SocketAddr>`) so that clients are told apart.
pub fn guard(router: axum::Router, config: GuardConfig) -> axum::Router {
    let guard = std::sync::Arc::new(Guard {
        hosts: HostCheck::new(&config.allowed_origins),
        origins: config.allowed_origins,
        limiter: config.rate_limit.map(RateLimiter::new),
    });
    router.layer(axum::middleware::from_fn_with_state(guard, check))
}

async fn check(
    axum::extract::State(guard): axum::extract::State<std::sync::Arc<Guard>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let refuse = |status: axum::http::StatusCode, message: String| {
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    };
    if let Some(name) = guard.hosts.refused_host(&request) {
        return refuse(
            axum::http::StatusCode::FORBIDDEN,
            format!("the sandbox does not answer for host {name:?} (DNS rebinding protection); to use this name, start it with --allow-origin http://{name}:PORT"),
        );
    }
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let allowed = origin.to_str().is_ok_and(|origin| {
            guard
                .origins
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(origin))
        });
        if !allowed {
            return refuse(
                axum::http::StatusCode::FORBIDDEN,
                "this origin may not call the sandbox; start it with --allow-origin <origin> to allow it".to_string(),
            );
        }
    }
    if let Some(limiter) = &guard.limiter {
        let client = request
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        if !limiter.try_acquire(client, Instant::now()) {
            let mut response = refuse(
                axum::http::StatusCode::TOO_MANY_REQUESTS,
                "too many requests from this client; slow down and retry".to_string(),
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("1"),
            );
            return response;
        }
    }
    next.run(request).await
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

    #[test]
    fn ipv6_clients_share_a_bucket_per_64() {
        let limiter = RateLimiter::new(RateLimit {
            per_second: 1.0,
            burst: 2,
        });
        let now = Instant::now();
        assert!(limiter.try_acquire("2001:db8:1:2::1".parse().unwrap(), now));
        assert!(limiter.try_acquire("2001:db8:1:2:ffff::9".parse().unwrap(), now));
        assert!(
            !limiter.try_acquire("2001:db8:1:2:abcd::7".parse().unwrap(), now),
            "a third address of the same /64 finds the bucket empty"
        );
        assert!(
            limiter.try_acquire("2001:db8:1:3::1".parse().unwrap(), now),
            "the next /64 is another client"
        );
        // IPv4-mapped IPv6 is the IPv4 client.
        assert!(limiter.try_acquire("192.0.2.9".parse().unwrap(), now));
        assert!(limiter.try_acquire("::ffff:192.0.2.9".parse().unwrap(), now));
        assert!(!limiter.try_acquire("192.0.2.9".parse().unwrap(), now));
    }

    #[test]
    fn the_map_is_bounded_and_forgets_the_least_recently_seen() {
        let limiter = RateLimiter::with_capacity(
            RateLimit {
                per_second: 0.001,
                burst: 1,
            },
            3,
        );
        let now = Instant::now();
        let ip = |i: u8| IpAddr::from([192, 0, 2, i]);
        for i in 1..=3 {
            assert!(limiter.try_acquire(ip(i), now));
        }
        // Client 1 is seen again (refused: its one token is spent), so 2 is now the oldest.
        assert!(!limiter.try_acquire(ip(1), now));
        assert!(limiter.try_acquire(ip(4), now));
        assert_eq!(limiter.tracked(), 3);
        assert!(!limiter.try_acquire(ip(1), now), "1 is still tracked");
        assert!(!limiter.try_acquire(ip(3), now), "3 is still tracked");
        assert!(
            limiter.try_acquire(ip(2), now),
            "2 was forgotten: a fresh bucket"
        );
        // Rotating through a whole /48 of IPv6 /64s never grows the map past its bound.
        for i in 0..10_000u128 {
            let address = (0x2001_0db8_0000_u128 << 80) | (i << 64) | 1;
            limiter.try_acquire(IpAddr::from(address.to_be_bytes()), now);
        }
        assert_eq!(limiter.tracked(), 3);
    }

    fn refused(check: &HostCheck, host: &str) -> bool {
        let request = Request::builder()
            .uri("/")
            .header(header::HOST, host)
            .body(())
            .unwrap();
        check.refused_host(&request).is_some()
    }

    #[test]
    fn ip_literals_localhost_and_allowed_origins_only() {
        let check = HostCheck::new(&["https://certkit.example.com".to_string()]);
        for ok in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "[::1]:8080",
            "192.0.2.7:9000",
            "localhost:8080",
            "LOCALHOST",
            "certkit.example.com",
            "Certkit.Example.Com:443",
        ] {
            assert!(!refused(&check, ok), "{ok} refused");
        }
        for bad in [
            "evil.example:8080",
            "evil.example",
            "127.0.0.1.nip.io",
            "localhost.evil",
        ] {
            assert!(refused(&check, bad), "{bad} served");
        }
    }
}
