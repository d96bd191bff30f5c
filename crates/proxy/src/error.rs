//! The proxy's own errors: configuration problems ([`ConfigError`]) and the JSON error
//! responses it sends instead of forwarding (`{"error":{"code":..,"message":..}}`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use core::fmt;

/// What is wrong with a [`crate::ProxyConfig`] (or a command-line value that feeds it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// An `--allow-origin` value is not `scheme://host[:port]`.
    InvalidOrigin,
    /// The test-only upstream override is not `http(s)://host[:port]`.
    InvalidUpstreamOverride,
    /// A limit is zero or out of range (`--max-body`, `--max-concurrent`, rate limit, timeout).
    InvalidLimit,
    /// The TLS client for the upstream connections could not be set up.
    TlsSetup,
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

impl std::error::Error for ConfigError {}

/// Why the proxy answered a request itself instead of forwarding it. Each variant maps to one
/// HTTP status and one stable `code` string in the JSON body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// 404 `unknownRoute`: unknown site/service slug, or a pair the site table lacks.
    UnknownRoute,
    /// 400 `pathRefused`: the upstream path is not a plain `/api/...` path.
    PathRefused,
    /// 400 `absoluteTarget`: absolute-form or authority-form request target.
    AbsoluteTarget,
    /// 405 `methodNotAllowed`.
    MethodNotAllowed,
    /// 403 `originNotAllowed`: a browser origin that is not on the allow list.
    OriginNotAllowed,
    /// 403 `hostNotAllowed`: a `Host` name that is not an IP literal, `localhost` or the host
    /// of an allowed origin (DNS rebinding).
    HostNotAllowed,
    /// 413 `bodyTooLarge`.
    BodyTooLarge,
    /// 400 `bodyUnreadable`: the client's body broke off or did not arrive in time.
    BodyUnreadable,
    /// 429 `rateLimited`.
    RateLimited,
    /// 503 `overloaded`: the concurrency cap is reached.
    Overloaded,
    /// 504 `upstreamTimeout`.
    UpstreamTimeout,
    /// 502 `upstreamUnreachable`: connection refused, DNS failure, TLS failure.
    UpstreamUnreachable,
    /// 502 `upstreamFailed`: the upstream connection broke off or sent too much.
    UpstreamFailed,
    /// 500 `proxyMisconfigured`.
    Misconfigured,
    /// 503 `sandboxUnavailable`: the sandbox failed to start.
    SandboxUnavailable,
}

impl Refusal {
    pub(crate) fn status(self) -> StatusCode {
        match self {
            Refusal::UnknownRoute => StatusCode::NOT_FOUND,
            Refusal::PathRefused | Refusal::AbsoluteTarget | Refusal::BodyUnreadable => {
                StatusCode::BAD_REQUEST
            }
            Refusal::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::OriginNotAllowed | Refusal::HostNotAllowed => StatusCode::FORBIDDEN,
            Refusal::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Overloaded | Refusal::SandboxUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::UpstreamTimeout => StatusCode::GATEWAY_TIMEOUT,
            Refusal::UpstreamUnreachable | Refusal::UpstreamFailed => StatusCode::BAD_GATEWAY,
            Refusal::Misconfigured => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Refusal::UnknownRoute => "unknownRoute",
            Refusal::PathRefused => "pathRefused",
            Refusal::AbsoluteTarget => "absoluteTarget",
            Refusal::MethodNotAllowed => "methodNotAllowed",
            Refusal::OriginNotAllowed => "originNotAllowed",
            Refusal::HostNotAllowed => "hostNotAllowed",
            Refusal::BodyTooLarge => "bodyTooLarge",
            Refusal::BodyUnreadable => "bodyUnreadable",
            Refusal::RateLimited => "rateLimited",
            Refusal::Overloaded => "overloaded",
            Refusal::UpstreamTimeout => "upstreamTimeout",
            Refusal::UpstreamUnreachable => "upstreamUnreachable",
            Refusal::UpstreamFailed => "upstreamFailed",
            Refusal::Misconfigured => "proxyMisconfigured",
            Refusal::SandboxUnavailable => "sandboxUnavailable",
        }
    }

    /// The JSON error response with this refusal's status, code and `message`.
    pub(crate) fn with_message(self, message: impl Into<String>) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code(), "message": message.into() }
        });
        let mut response = (self.status(), body.to_string()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if self == Refusal::RateLimited {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}
