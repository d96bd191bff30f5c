//! The proxy's own errors: configuration problems ([`ConfigError`]) and the JSON error
//! responses it sends instead of forwarding (`{"error":{"code":..,"message":..}}`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use core::fmt;

/// What is wrong with a `ProxyConfig` (or a command-line value that feeds it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// An `--allow-origin` value is not `scheme://host[:port]`.
    InvalidOrigin,
    /// The test-only upstream override is not `http(s)://host[:port]`.
    InvalidUpstreamOverride,
    /// A limit is zero or out of range (`--max-body`, `--max-concurrent`, rate limit, timeout).
    InvalidLimit,
    /// The TLS client for the upstream connections, or the proxy's own TLS certificate
    /// (`--tls-cert`, `--tls-key`), could not be set up.
    TlsSetup,
    /// Plain HTTP on an address beyond loopback, without `--plain-http-behind-tls-proxy`.
    PlainHttpBeyondLoopback,
}

/// A configuration error, with a message naming the setting and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    kind: ConfigErrorKind,
    message: String,
}

impl ConfigError {
    pub(crate) fn new(kind: ConfigErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// Which rule was broken.
    pub fn kind(&self) -> ConfigErrorKind {
        self.kind
    }

    /// The human-readable explanation (names the setting and the fix).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for ConfigError {}

/// Why the proxy answered a request itself instead of forwarding it: core's table of refusal
/// codes, HTTP statuses and hints, which the app's classification and translations read too.
pub(crate) use certkit_core::ProxyRefusal as Refusal;

/// A refusal as the proxy's JSON error response.
pub(crate) trait RefusalResponse {
    /// The JSON error response with this refusal's status, code and `message`.
    fn with_message(self, message: impl Into<String>) -> Response;
}

impl RefusalResponse for Refusal {
    fn with_message(self, message: impl Into<String>) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code(), "message": message.into() }
        });
        // Every refusal status is a valid one (core's table, 400-504).
        let status =
            StatusCode::from_u16(self.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, body.to_string()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        // A refusal is an API answer too, whatever the route.
        crate::fetch_metadata::add_api_headers(&mut response);
        if self == Refusal::RateLimited {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_answers_its_status_and_code() {
        for refusal in Refusal::ALL {
            let response = refusal.with_message("m");
            assert_eq!(
                response.status().as_u16(),
                refusal.http_status(),
                "{refusal}"
            );
        }
        assert_eq!(Refusal::Misconfigured.code(), "proxyMisconfigured");
        assert_eq!(
            Refusal::RateLimited.with_message("m").headers()[header::RETRY_AFTER],
            "1"
        );
    }
}
