//! [`ProxyConfig`]: everything the command line sets, with the defaults the CLI documents.

use crate::error::{ConfigError, ConfigErrorKind};
use axum::http::Uri;
pub use certkit_sandbox::guard::RateLimit;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// Default request body cap: 256 KiB.
pub const DEFAULT_MAX_BODY: usize = 256 * 1024;
/// Default upstream timeout: 30 seconds.
pub const DEFAULT_UPSTREAM_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap on requests forwarded to NCP at the same time.
pub const DEFAULT_MAX_CONCURRENT: usize = 64;
/// Default time a client has to send a request's head (slowloris).
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(20);
/// Default time a client has to send a request's body.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap on open client connections.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// The proxy's configuration. Build it with [`ProxyConfig::new`] and change the fields you
/// need; `app` turns it into a router.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ProxyConfig {
    /// The address the proxy listens on. Its own origins (`http://127.0.0.1:PORT` and
    /// `http://localhost:PORT` for a loopback or unspecified address) are allowed for CORS.
    pub listen: SocketAddr,
    /// The built app (Trunk's `dist/`). Missing is fine: a notice page is served instead.
    pub static_dir: PathBuf,
    /// Mount the offline sandbox at `/sandbox` (on by default).
    pub sandbox: bool,
    /// Further browser origins allowed to call the proxy (`scheme://host[:port]`).
    pub allow_origins: Vec<String>,
    /// Request body cap in bytes; larger bodies get 413 `bodyTooLarge`.
    pub max_body: usize,
    /// Time allowed for NCP to answer (connect, headers and body); then 504 `upstreamTimeout`.
    pub upstream_timeout: Duration,
    /// Requests forwarded to NCP at the same time; more get 503 `overloaded` at once.
    pub max_concurrent: usize,
    /// Per-client rate limit on `/ncp` and `/sandbox` requests (`None`: unlimited); over it
    /// a client gets 429 `rateLimited`.
    pub rate_limit: Option<RateLimit>,
    /// TEST ONLY: send every `/ncp/...` request to this base URL (`http://127.0.0.1:PORT`)
    /// instead of the NCP host from certkit-core's site table. Site and service are still
    /// checked against the table. Never set this in production: it is how the tests point
    /// the proxy at a local fake upstream.
    pub upstream_override: Option<String>,
    /// Time a client has to send a request's head, also the idle time allowed between
    /// requests on a kept-alive connection; then the connection is closed.
    pub header_timeout: Duration,
    /// Time a client has to send a request's body; then 400 `bodyUnreadable`.
    pub body_timeout: Duration,
    /// Open client connections at most; a connection over the cap gets 503 `overloaded`
    /// and is closed.
    pub max_connections: usize,
    /// Serve HTTPS with this certificate chain and key (PEM files); `None`: plain HTTP.
    pub tls: Option<TlsFiles>,
    /// Serve plain HTTP on a non-loopback address, because a load balancer in front
    /// terminates TLS. Without it (or `tls`), [`ProxyConfig::validate`] refuses such an address.
    pub plain_http_behind_tls_proxy: bool,
}

/// The PEM files of the proxy's own TLS certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate chain, leaf first (`--tls-cert`).
    pub cert: PathBuf,
    /// The leaf's private key: PKCS#8, PKCS#1 or SEC1 (`--tls-key`).
    pub key: PathBuf,
}

impl ProxyConfig {
    /// The defaults of the command line, listening on `listen`.
    pub fn new(listen: SocketAddr) -> Self {
        Self {
            listen,
            static_dir: PathBuf::from("dist"),
            sandbox: true,
            allow_origins: Vec::new(),
            max_body: DEFAULT_MAX_BODY,
            upstream_timeout: DEFAULT_UPSTREAM_TIMEOUT,
            max_concurrent: DEFAULT_MAX_CONCURRENT,
            rate_limit: Some(RateLimit::default()),
            upstream_override: None,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            tls: None,
            plain_http_behind_tls_proxy: false,
        }
    }

    /// Checks every setting; the command line calls this before starting.
    pub fn validate(&self) -> Result<(), ConfigError> {
        for origin in &self.allow_origins {
            normalize_origin(origin)?;
        }
        if let Some(url) = &self.upstream_override {
            normalize_upstream_override(url)?;
        }
        if self.max_body == 0 {
            return Err(limit_error("--max-body must be at least 1 byte"));
        }
        if self.max_concurrent == 0 {
            return Err(limit_error("--max-concurrent must be at least 1"));
        }
        if self.upstream_timeout.is_zero() {
            return Err(limit_error("--upstream-timeout must be at least 1 second"));
        }
        if self.header_timeout.is_zero() || self.header_timeout > MAX_HEADER_TIMEOUT {
            return Err(limit_error(
                "--header-timeout must be between 1 and 30 seconds",
            ));
        }
        if self.body_timeout.is_zero() {
            return Err(limit_error("--body-timeout must be at least 1 second"));
        }
        if self.max_connections == 0 {
            return Err(limit_error("--max-connections must be at least 1"));
        }
        self.check_cleartext()?;
        if let Some(limit) = self.rate_limit {
            if !(limit.per_second.is_finite() && limit.per_second > 0.0) || limit.burst == 0 {
                return Err(limit_error(
                    "the rate limit needs a positive --rate-limit and a --rate-burst of at least 1",
                ));
            }
        }
        Ok(())
    }

    /// The origins allowed for CORS: the proxy's own, then `allow_origins` (normalised;
    /// invalid entries are left out, [`ProxyConfig::validate`] reports them).
    pub fn allowed_origins(&self) -> Vec<String> {
        let port = self.listen.port();
        let scheme = self.scheme();
        let mut origins = Vec::new();
        match self.listen.ip() {
            ip if ip.is_loopback() || ip.is_unspecified() => {
                if ip.is_ipv6() {
                    origins.push(format!("{scheme}://[::1]:{port}"));
                }
                origins.push(format!("{scheme}://{}:{port}", Ipv4Addr::LOCALHOST));
                origins.push(format!("{scheme}://localhost:{port}"));
            }
            IpAddr::V4(ip) => origins.push(format!("{scheme}://{ip}:{port}")),
            IpAddr::V6(ip) => origins.push(format!("{scheme}://[{ip}]:{port}")),
        }
        for origin in &self.allow_origins {
            if let Ok(origin) = normalize_origin(origin) {
                if !origins.contains(&origin) {
                    origins.push(origin);
                }
            }
        }
        origins
    }
}

/// A slow client may hold a connection this long at most before its head is complete.
const MAX_HEADER_TIMEOUT: Duration = Duration::from_secs(30);

impl ProxyConfig {
    /// Plain HTTP beyond loopback carries the app, signed requests (bearer tokens for their
    /// path until they expire) and issued private keys in clear: refused unless the operator
    /// says a TLS-terminating load balancer is in front.
    fn check_cleartext(&self) -> Result<(), ConfigError> {
        if self.tls.is_some() || self.plain_http_behind_tls_proxy || self.listen.ip().is_loopback()
        {
            return Ok(());
        }
        Err(ConfigError::new(
            ConfigErrorKind::PlainHttpBeyondLoopback,
            format!(
                "--listen {} is not a loopback address, and plain HTTP would carry the app, signed requests and issued private keys across the network in clear; serve HTTPS with --tls-cert FILE --tls-key FILE, or, behind a load balancer that terminates TLS, pass --plain-http-behind-tls-proxy",
                self.listen
            ),
        ))
    }

    /// `https` when the proxy serves TLS itself, else `http`.
    fn scheme(&self) -> &'static str {
        if self.tls.is_some() {
            "https"
        } else {
            "http"
        }
    }
}

fn limit_error(message: &str) -> ConfigError {
    ConfigError::new(ConfigErrorKind::InvalidLimit, message)
}

/// Normalises a browser origin (`https://App.Example:8443/` -> `https://app.example:8443`).
/// Only `http` and `https` origins without path, query or user info are accepted.
pub fn normalize_origin(origin: &str) -> Result<String, ConfigError> {
    let invalid = |why: &str| {
        ConfigError::new(
            ConfigErrorKind::InvalidOrigin,
            format!("--allow-origin {origin:?}: {why}; write it as scheme://host[:port], e.g. https://certkit.example.com"),
        )
    };
    let trimmed = origin.strip_suffix('/').unwrap_or(origin);
    let uri: Uri = trimmed.parse().map_err(|_| invalid("not a URL"))?;
    let scheme = uri.scheme_str().ok_or_else(|| invalid("no scheme"))?;
    if scheme != "http" && scheme != "https" {
        return Err(invalid("the scheme must be http or https"));
    }
    let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
    if authority.as_str().contains('@') {
        return Err(invalid("user info is not part of an origin"));
    }
    if uri.path_and_query().is_some_and(|pq| pq.as_str() != "/") {
        return Err(invalid("an origin has no path or query"));
    }
    Ok(format!(
        "{scheme}://{}",
        authority.as_str().to_ascii_lowercase()
    ))
}

/// Checks the test-only upstream override and returns it without a trailing slash.
///
/// The host must be a loopback IP literal (`127.0.0.0/8` or `[::1]`): the override exists for
/// a fake upstream in tests, never to turn the proxy into a relay to another machine.
pub(crate) fn normalize_upstream_override(url: &str) -> Result<String, ConfigError> {
    let invalid = |why: &str| {
        ConfigError::new(
            ConfigErrorKind::InvalidUpstreamOverride,
            format!(
                "--test-upstream-override {url:?}: {why}; write it as http://127.0.0.1:PORT or http://[::1]:PORT (test use only)"
            ),
        )
    };
    let trimmed = url.strip_suffix('/').unwrap_or(url);
    let uri: Uri = trimmed.parse().map_err(|_| invalid("not a URL"))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err(invalid("the scheme must be http or https"));
    }
    if uri.path_and_query().is_some_and(|pq| pq.as_str() != "/") {
        return Err(invalid("a base URL has no path or query"));
    }
    let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
    if authority.as_str().contains('@') {
        return Err(invalid("user info is not allowed"));
    }
    let host = authority.host();
    let host = host
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(host);
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) if ip.is_loopback() => Ok(trimmed.to_string()),
        _ => Err(invalid(
            "the host must be a loopback IP literal (127.0.0.0/8 or [::1])",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_origins_follow_the_listen_address() {
        let config = ProxyConfig::new("127.0.0.1:8080".parse().unwrap());
        assert_eq!(
            config.allowed_origins(),
            vec!["http://127.0.0.1:8080", "http://localhost:8080"]
        );
        let mut config = ProxyConfig::new("192.0.2.7:9000".parse().unwrap());
        config.plain_http_behind_tls_proxy = true;
        config.allow_origins = vec!["https://App.Example/".into(), "nonsense".into()];
        assert_eq!(
            config.allowed_origins(),
            vec!["http://192.0.2.7:9000", "https://app.example"]
        );
        assert_eq!(
            config.validate().unwrap_err().kind(),
            ConfigErrorKind::InvalidOrigin
        );
    }

    #[test]
    fn origins_are_checked() {
        assert_eq!(
            normalize_origin("http://localhost:3000").unwrap(),
            "http://localhost:3000"
        );
        for bad in [
            "localhost:3000",
            "ftp://x.example",
            "https://x.example/app",
            "https://u@x.example",
            "",
        ] {
            assert!(normalize_origin(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn override_must_be_a_bare_base_url() {
        assert_eq!(
            normalize_upstream_override("http://127.0.0.1:9/").unwrap(),
            "http://127.0.0.1:9"
        );
        assert_eq!(
            normalize_upstream_override("http://[::1]:9").unwrap(),
            "http://[::1]:9"
        );
        assert!(normalize_upstream_override("http://127.1.2.3:9").is_ok());
        for bad in [
            "127.0.0.1:9",
            "http://127.0.0.1:9/x",
            "file:///etc",
            "http://a@127.0.0.1:9",
        ] {
            assert!(normalize_upstream_override(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn override_must_be_loopback() {
        for bad in [
            "http://pca.apigw.ntruss.com",
            "https://evil.example:443",
            "http://localhost:9",
            "http://192.0.2.7:9",
            "http://0.0.0.0:9",
            "http://[2001:db8::1]:9",
            "http://127.0.0.1.evil.example:9",
        ] {
            let error = normalize_upstream_override(bad).unwrap_err();
            assert_eq!(error.kind(), ConfigErrorKind::InvalidUpstreamOverride);
            assert!(error.to_string().contains("loopback"), "{bad}: {error}");
        }
    }

    #[test]
    fn plain_http_beyond_loopback_needs_tls_or_the_flag() {
        for listen in ["0.0.0.0:8080", "192.0.2.7:8080", "[::]:8080"] {
            let mut config = ProxyConfig::new(listen.parse().unwrap());
            let error = config.validate().unwrap_err();
            assert_eq!(error.kind(), ConfigErrorKind::PlainHttpBeyondLoopback);
            for way_out in ["--tls-cert", "--tls-key", "--plain-http-behind-tls-proxy"] {
                assert!(error.message().contains(way_out), "{error}");
            }
            config.plain_http_behind_tls_proxy = true;
            assert!(config.validate().is_ok(), "{listen} with the flag");
            config.plain_http_behind_tls_proxy = false;
            config.tls = Some(TlsFiles {
                cert: "c.pem".into(),
                key: "k.pem".into(),
            });
            assert!(config.validate().is_ok(), "{listen} with TLS");
        }
        for listen in ["127.0.0.1:8080", "127.9.9.9:1", "[::1]:8080"] {
            assert!(ProxyConfig::new(listen.parse().unwrap()).validate().is_ok());
        }
    }

    #[test]
    fn own_origins_are_https_with_tls() {
        let mut config = ProxyConfig::new("127.0.0.1:8443".parse().unwrap());
        config.tls = Some(TlsFiles {
            cert: "c.pem".into(),
            key: "k.pem".into(),
        });
        assert_eq!(
            config.allowed_origins(),
            vec!["https://127.0.0.1:8443", "https://localhost:8443"]
        );
    }

    #[test]
    fn header_timeout_is_at_most_30_seconds() {
        let mut config = ProxyConfig::new("127.0.0.1:0".parse().unwrap());
        config.header_timeout = Duration::from_secs(31);
        assert_eq!(
            config.validate().unwrap_err().kind(),
            ConfigErrorKind::InvalidLimit
        );
        config.header_timeout = Duration::from_secs(30);
        assert!(config.validate().is_ok());
    }

    #[test]
    fn zero_limits_are_refused() {
        let mut config = ProxyConfig::new("127.0.0.1:0".parse().unwrap());
        assert!(config.validate().is_ok());
        config.max_concurrent = 0;
        assert_eq!(
            config.validate().unwrap_err().kind(),
            ConfigErrorKind::InvalidLimit
        );
    }
}
