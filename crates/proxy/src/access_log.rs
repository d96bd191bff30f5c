//! One log line per request: method, route kind, site/service, status, latency. Never the
//! query string, a header value or a body (they can carry identifiers and signatures).

use crate::route::{service_from_slug, site_from_slug, NCP_PREFIX, SANDBOX_PREFIX};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use certkit_core::site::{Service, Site};
use std::time::Instant;

/// What kind of route a path is, for the log.
fn route_kind(path: &str) -> &'static str {
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if under(NCP_PREFIX.trim_end_matches('/')) {
        "ncp"
    } else if under(SANDBOX_PREFIX) {
        "sandbox"
    } else {
        "static"
    }
}

/// The site and service slugs of an `/ncp/...` path, only when they are real slugs (never
/// arbitrary client text).
fn site_and_service(path: &str) -> (&'static str, &'static str) {
    let mut segments = path.strip_prefix(NCP_PREFIX).unwrap_or_default().split('/');
    let site = segments
        .next()
        .and_then(site_from_slug)
        .map_or("-", Site::slug);
    let service = segments
        .next()
        .and_then(service_from_slug)
        .map_or("-", Service::slug);
    (site, service)
}

pub(crate) async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path();
    let route = route_kind(path);
    let (site, service) = if route == "ncp" {
        site_and_service(path)
    } else {
        ("-", "-")
    };
    let response = next.run(request).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "certkit_proxy::access",
        method = %method,
        route,
        site,
        service,
        status = response.status().as_u16(),
        latency_ms = format_args!("{latency_ms:.1}"),
        "request"
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_slugs() {
        assert_eq!(route_kind("/ncp/public/private-ca/api/v1/ca"), "ncp");
        assert_eq!(route_kind("/ncp"), "ncp");
        assert_eq!(route_kind("/ncpx"), "static");
        assert_eq!(route_kind("/sandbox/api/v1/ca"), "sandbox");
        assert_eq!(route_kind("/sandboxes"), "static");
        assert_eq!(route_kind("/index.html"), "static");
        assert_eq!(
            site_and_service("/ncp/gov/certificate-manager/api/v1/x"),
            ("gov", "certificate-manager")
        );
        assert_eq!(site_and_service("/ncp/%0aevil/x"), ("-", "-"));
    }
}
