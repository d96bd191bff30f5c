//! CORS for the API routes (`/ncp`, `/sandbox`): the proxy answers preflights itself, allows
//! only its own origins and `--allow-origin` ones, and refuses other browser origins.

use crate::error::{Refusal, RefusalResponse};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};

/// Request headers a page may send (and the proxy forwards to NCP). Everything else is dropped.
pub(crate) const FORWARDED_REQUEST_HEADERS: [&str; 6] = [
    "x-ncp-apigw-timestamp",
    "x-ncp-iam-access-key",
    "x-ncp-apigw-signature-v2",
    "x-ncp-apigw-signature-v1",
    "content-type",
    "accept",
];

const ALLOWED_METHODS: &str = "GET, POST, PUT, DELETE";
/// How long a browser may cache a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE: &str = "600";

/// The allowed origins, normalised (lower case, no trailing slash).
#[derive(Clone, Debug)]
pub(crate) struct Cors {
    allowed: Vec<String>,
}

/// What to do with a request before it reaches the handler.
pub(crate) enum Verdict {
    /// Answer now (preflight, or a refused origin).
    Answer(Response),
    /// Go on; decorate the response for this allowed origin (if any).
    Proceed(Option<HeaderValue>),
}

impl Cors {
    pub(crate) fn new(allowed: Vec<String>) -> Self {
        Self { allowed }
    }

    fn allows(&self, origin: &HeaderValue) -> bool {
        origin.to_str().is_ok_and(|origin| {
            self.allowed
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(origin))
        })
    }

    /// Preflights are answered here; requests from an origin not on the list are refused
    /// with 403 (a browser would hide the answer anyway, and this also stops simple
    /// cross-site requests such as form posts). Requests without `Origin` (curl, scripts)
    /// go on.
    pub(crate) fn check<B>(&self, request: &Request<B>) -> Verdict {
        let origin = request.headers().get(header::ORIGIN);
        let is_preflight = request.method() == Method::OPTIONS
            && origin.is_some()
            && request
                .headers()
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        let Some(origin) = origin else {
            return Verdict::Proceed(None);
        };
        if !self.allows(origin) {
            return Verdict::Answer(Refusal::OriginNotAllowed.with_message(
                "this origin may not call the proxy; start it with --allow-origin <origin> to allow it",
            ));
        }
        if is_preflight {
            return Verdict::Answer(self.preflight(origin, request.headers()));
        }
        Verdict::Proceed(Some(origin.clone()))
    }

    fn preflight(&self, origin: &HeaderValue, headers: &HeaderMap) -> Response {
        let method_ok = headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|method| matches!(method, "GET" | "POST" | "PUT" | "DELETE"));
        if !method_ok {
            return Refusal::MethodNotAllowed
                .with_message("the proxy forwards only GET, POST, PUT and DELETE");
        }
        let mut response = StatusCode::NO_CONTENT.into_response();
        let out = response.headers_mut();
        out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        out.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOWED_METHODS),
        );
        out.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(
                "content-type, accept, x-ncp-apigw-timestamp, x-ncp-iam-access-key, x-ncp-apigw-signature-v2, x-ncp-apigw-signature-v1",
            ),
        );
        out.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(PREFLIGHT_MAX_AGE),
        );
        out.insert(header::VARY, HeaderValue::from_static("Origin"));
        response
    }
}

/// Adds the CORS headers for an allowed origin to an actual response, exposing `Date` (the
/// app measures clock skew with it) and every `x-ncp-*` header the response carries.
pub(crate) fn decorate(response: &mut Response, origin: Option<HeaderValue>) {
    let headers = response.headers_mut();
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    let Some(origin) = origin else {
        return;
    };
    let mut exposed = String::from("Date");
    let ncp_names = headers
        .keys()
        .map(HeaderName::as_str)
        .filter(|name| name.starts_with("x-ncp-"));
    for name in ncp_names {
        exposed.push_str(", ");
        exposed.push_str(name);
    }
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    if let Ok(exposed) = HeaderValue::from_str(&exposed) {
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, exposed);
    }
}
