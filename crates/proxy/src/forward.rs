//! Forwarding `/ncp/{site}/{service}/api/...` to the NCP host from certkit-core's site table.

use crate::cors::FORWARDED_REQUEST_HEADERS;
use crate::error::{ConfigError, ConfigErrorKind, Refusal, RefusalResponse};
use crate::limits::{is_length_limit, read_body};
use crate::route::{parse_ncp_target, NcpRoute, RouteError};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Method, Request, Uri};
use axum::response::Response;
use certkit_core::site::{base_url, base_url_for, ApiVersion, SiteError};
use http_body_util::Full;
use hyper_rustls::{ConfigBuilderExt, HttpsConnector};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Largest upstream response body passed back (NCP's answers are a few KiB).
const MAX_UPSTREAM_RESPONSE: usize = 8 * 1024 * 1024;

type UpstreamClient = Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

/// What the `/ncp` handler needs.
pub(crate) struct Forwarder {
    client: Result<UpstreamClient, ConfigError>,
    permits: Arc<Semaphore>,
    max_body: usize,
    body_timeout: Duration,
    timeout: Duration,
    /// Test-only replacement for every base URL of the site table.
    upstream_override: Option<Result<String, ConfigError>>,
}

impl Forwarder {
    pub(crate) fn new(
        max_body: usize,
        body_timeout: Duration,
        timeout: Duration,
        max_concurrent: usize,
        upstream_override: Option<Result<String, ConfigError>>,
    ) -> Self {
        Self {
            client: upstream_client(),
            permits: Arc::new(Semaphore::new(max_concurrent)),
            max_body,
            body_timeout,
            timeout,
            upstream_override,
        }
    }

    /// Handles one `/ncp/...` request (never panics; every failure is a JSON error).
    pub(crate) async fn handle(&self, request: Request<Body>) -> Response {
        let method = request.method().clone();
        if !matches!(
            method,
            Method::GET | Method::POST | Method::PUT | Method::DELETE
        ) {
            return Refusal::MethodNotAllowed
                .with_message("the proxy forwards only GET, POST, PUT and DELETE");
        }
        let raw_target = request
            .uri()
            .path_and_query()
            .map(|pq| pq.as_str().to_owned())
            .unwrap_or_default();
        let route = match parse_ncp_target(&raw_target) {
            Ok(route) => route,
            Err(RouteError::Unknown(message)) => {
                return Refusal::UnknownRoute.with_message(message)
            }
            Err(RouteError::Path(message)) => return Refusal::PathRefused.with_message(message),
        };
        let table_base = match table_base_url(&route) {
            Ok(base) => base,
            Err(_) => {
                return Refusal::UnknownRoute.with_message(format!(
                    "the {} site offers no {} API{}",
                    route.site.slug(),
                    route.service.slug(),
                    api_version(route.upstream_path_and_query)
                        .map(|version| format!(" under {}", version.path_prefix()))
                        .unwrap_or_default()
                ))
            }
        };
        let base = match &self.upstream_override {
            None => table_base,
            Some(Ok(base)) => base.as_str(),
            Some(Err(error)) => return Refusal::Misconfigured.with_message(error.message()),
        };
        let upstream_uri = match upstream_uri(base, route.upstream_path_and_query) {
            Some(uri) => uri,
            None => {
                return Refusal::PathRefused.with_message(
                    "the upstream path is not a valid request target; percent-encode it",
                )
            }
        };
        let (parts, body) = match read_body(request, self.max_body, self.body_timeout).await {
            Ok(read) => read,
            Err(response) => return response,
        };
        // Held until the upstream answer is read, so the cap counts whole exchanges.
        let Ok(_permit) = Arc::clone(&self.permits).try_acquire_owned() else {
            return Refusal::Overloaded.with_message(
                "the proxy is forwarding as many requests as it allows at once (--max-concurrent); retry shortly",
            );
        };
        let client = match &self.client {
            Ok(client) => client,
            Err(error) => return Refusal::Misconfigured.with_message(error.message()),
        };
        let mut upstream = Request::builder().method(method).uri(upstream_uri.clone());
        for name in FORWARDED_REQUEST_HEADERS {
            for value in parts.headers.get_all(name) {
                upstream = upstream.header(name, value);
            }
        }
        if let Some(host) = upstream_uri
            .authority()
            .and_then(|authority| HeaderValue::from_str(authority.as_str()).ok())
        {
            upstream = upstream.header(header::HOST, host);
        }
        let Ok(upstream) = upstream.body(Full::new(body)) else {
            return Refusal::PathRefused.with_message("the request could not be rebuilt for NCP");
        };
        let exchange = async {
            let response = client.request(upstream).await.map_err(|error| {
                // The error chain names the failing step (DNS, connect, TLS), never the
                // path, query or headers.
                tracing::warn!(
                    site = route.site.slug(),
                    service = route.service.slug(),
                    error = %error_chain(&error),
                    "upstream request failed"
                );
                if error.is_connect() {
                    Refusal::UpstreamUnreachable.with_message(
                        "could not connect to the NCP API host (DNS, connection or TLS failure)",
                    )
                } else {
                    Refusal::UpstreamFailed
                        .with_message("the connection to the NCP API host broke off")
                }
            })?;
            let (parts, body) = response.into_parts();
            let body = axum::body::to_bytes(Body::new(body), MAX_UPSTREAM_RESPONSE)
                .await
                .map_err(|error| {
                    // Only the cause: the partial answer can hold a private key.
                    tracing::warn!(
                        site = route.site.slug(),
                        service = route.service.slug(),
                        status = parts.status.as_u16(),
                        error = %error_chain(&error),
                        "upstream answer failed"
                    );
                    if is_length_limit(&error) {
                        Refusal::UpstreamFailed
                            .with_message("the NCP API host's answer was larger than 8 MiB")
                    } else {
                        Refusal::UpstreamFailed.with_message(
                            "the NCP API host's answer broke off before it was complete",
                        )
                    }
                })?;
            Ok::<_, Response>((parts, body))
        };
        let (upstream_parts, upstream_body) =
            match tokio::time::timeout(self.timeout, exchange).await {
                Ok(Ok(answer)) => answer,
                Ok(Err(response)) => return response,
                Err(_) => {
                    return Refusal::UpstreamTimeout.with_message(format!(
                        "the NCP API host did not answer within {} s (--upstream-timeout)",
                        self.timeout.as_secs_f64()
                    ))
                }
            };
        if upstream_parts.status.is_redirection() {
            // NCP's APIs never redirect; following one would send the signed request to a
            // host outside the site table, and passing one on would let the browser do it.
            tracing::warn!(
                site = route.site.slug(),
                service = route.service.slug(),
                status = upstream_parts.status.as_u16(),
                "upstream answered with a redirect; not followed, not passed on"
            );
            return Refusal::UpstreamFailed.with_message(format!(
                "the NCP API host answered with a redirect (HTTP {}), which the proxy neither follows nor passes on",
                upstream_parts.status.as_u16()
            ));
        }
        let mut response = Response::new(Body::from(upstream_body));
        *response.status_mut() = upstream_parts.status;
        let out = response.headers_mut();
        for (name, value) in &upstream_parts.headers {
            if name == header::CONTENT_TYPE {
                out.append(name, passed_content_type(value));
            } else if name == header::DATE || name.as_str().starts_with("x-ncp-") {
                out.append(name, value.clone());
            }
        }
        response
    }
}

/// The upstream `Content-Type` as passed back: JSON, ZIP (Download Certificate) and opaque
/// bytes unchanged; anything a browser could render (HTML, SVG, XML, ...) becomes
/// `text/plain`, so an answer can never act as a page of the proxy's origin.
fn passed_content_type(value: &HeaderValue) -> HeaderValue {
    let essence = value
        .to_str()
        .ok()
        .and_then(|text| text.split(';').next())
        .map(|essence| essence.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let harmless = essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
        || essence == "application/zip"
        || essence == "application/octet-stream";
    if harmless {
        value.clone()
    } else {
        HeaderValue::from_static("text/plain; charset=utf-8")
    }
}

/// The API generation named by the path (`/api/v1/...`, `/api/v2/...`), if core knows it.
fn api_version(path_and_query: &str) -> Option<ApiVersion> {
    [ApiVersion::V1, ApiVersion::V2]
        .into_iter()
        .find(|version| {
            path_and_query
                .strip_prefix(version.path_prefix())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
        })
}

/// The site table's base URL for the route, checking the API version where the path names
/// one that core knows; other versions are left for NCP to answer.
fn table_base_url(route: &NcpRoute<'_>) -> Result<&'static str, SiteError> {
    match api_version(route.upstream_path_and_query) {
        Some(version) => base_url_for(route.site, route.service, version),
        None => base_url(route.site, route.service),
    }
}

/// `error: source: source...`, for the log.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(current) = source {
        text.push_str(": ");
        text.push_str(&current.to_string());
        source = current.source();
    }
    text
}

/// `base` + the verbatim upstream path and query, kept only if the result has exactly the
/// base's scheme and host and exactly the path and query the client signed.
fn upstream_uri(base: &str, path_and_query: &str) -> Option<Uri> {
    let base_uri: Uri = base.parse().ok()?;
    let uri: Uri = format!("{base}{path_and_query}").parse().ok()?;
    let same_host = uri.scheme() == base_uri.scheme() && uri.authority() == base_uri.authority();
    let same_target = uri.path_and_query().map(|pq| pq.as_str()) == Some(path_and_query);
    (same_host && same_target).then_some(uri)
}

/// How long an idle upstream connection is kept for the next request.
const UPSTREAM_IDLE_TIMEOUT: Duration = Duration::from_secs(15);

/// Idle connections kept per upstream host; a burst beyond it opens (and then closes) more.
const UPSTREAM_MAX_IDLE_PER_HOST: usize = 64;

/// An HTTPS client (rustls with the ring provider and the Mozilla roots from webpki-roots);
/// plain `http` is accepted only because the test-only override points at a local server.
fn upstream_client() -> Result<UpstreamClient, ConfigError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| {
            ConfigError::new(
                ConfigErrorKind::TlsSetup,
                format!("could not set up TLS for the NCP API hosts: {error}"),
            )
        })?
        .with_webpki_roots()
        .with_no_client_auth();
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    // Idle upstream connections are closed by a timer, and only a few are kept: without the
    // timer hyper evicts them only when the pool is next used, so after a burst hundreds of
    // idle connections (and their buffers) stayed open for good.
    Ok(Client::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(UPSTREAM_IDLE_TIMEOUT)
        .pool_max_idle_per_host(UPSTREAM_MAX_IDLE_PER_HOST)
        .build(connector))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_harmless_content_types_pass() {
        for kept in [
            "application/json",
            "application/json;charset=UTF-8",
            "Application/JSON ; charset=utf-8",
            "application/problem+json",
            "application/zip",
            "application/octet-stream",
        ] {
            let value = HeaderValue::from_static(kept);
            assert_eq!(passed_content_type(&value), value, "{kept}");
        }
        for neutralised in [
            "text/html",
            "text/html; charset=utf-8",
            "image/svg+xml",
            "application/xhtml+xml",
            "text/xml",
            "application/javascript",
            "multipart/x-mixed-replace; boundary=x",
            "",
        ] {
            assert_eq!(
                passed_content_type(&HeaderValue::from_static(neutralised)),
                "text/plain; charset=utf-8",
                "{neutralised}"
            );
        }
    }

    #[test]
    fn upstream_uri_keeps_host_and_target() {
        let uri = upstream_uri("https://pca.apigw.ntruss.com", "/api/v1/ca/t%2541?x=1:2").unwrap();
        assert_eq!(uri.host(), Some("pca.apigw.ntruss.com"));
        assert_eq!(
            uri.path_and_query().unwrap().as_str(),
            "/api/v1/ca/t%2541?x=1:2"
        );
        assert!(upstream_uri("https://pca.apigw.ntruss.com", "@evil.example/api/").is_none());
        assert!(upstream_uri("https://pca.apigw.ntruss.com", "/api/v1 x").is_none());
    }

    /// The base URL a full `/ncp/...` target selects.
    fn selected(target: &str) -> Option<&'static str> {
        table_base_url(&parse_ncp_target(target).unwrap()).ok()
    }

    #[test]
    fn each_site_and_service_selects_the_documented_host() {
        // Literal hosts of /work/shared/ncp-api.md section 2 (not read from core's table, so a
        // wrong row there fails here).
        let expected = [
            ("public", "private-ca", Some("https://pca.apigw.ntruss.com")),
            (
                "public",
                "certificate-manager",
                Some("https://certificatemanager.apigw.ntruss.com"),
            ),
            (
                "gov",
                "private-ca",
                Some("https://privateca.apigw.gov-ntruss.com"),
            ),
            (
                "gov",
                "certificate-manager",
                Some("https://certificatemanager.apigw.gov-ntruss.com"),
            ),
            ("fin", "private-ca", None),
            (
                "fin",
                "certificate-manager",
                Some("https://certificatemanager.apigw.fin-ntruss.com"),
            ),
        ];
        for (site, service, host) in expected {
            for path in [
                "/api/v1/ca",
                "/api/v1/x?y=1",
                "/api/v1",
                "/api/v1?x=1",
                "/api/v3/x",
            ] {
                let target = format!("/ncp/{site}/{service}{path}");
                assert_eq!(selected(&target), host, "{target}");
            }
        }
    }

    #[test]
    fn api_v2_only_on_the_public_certificate_manager() {
        for path in [
            "/api/v2/certificate/getCertificates",
            "/api/v2",
            "/api/v2?x=1",
        ] {
            assert_eq!(
                selected(&format!("/ncp/public/certificate-manager{path}")),
                Some("https://certificatemanager.apigw.ntruss.com"),
                "{path}"
            );
            for (site, service) in [
                ("gov", "certificate-manager"),
                ("fin", "certificate-manager"),
                ("public", "private-ca"),
                ("gov", "private-ca"),
                ("fin", "private-ca"),
            ] {
                let target = format!("/ncp/{site}/{service}{path}");
                assert_eq!(selected(&target), None, "{target}");
            }
        }
        // `/api/v20` is not v2 (left for NCP to answer), on the table's host.
        assert_eq!(
            selected("/ncp/gov/certificate-manager/api/v20/x"),
            Some("https://certificatemanager.apigw.gov-ntruss.com")
        );
    }
}
