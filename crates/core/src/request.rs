//! A transport-neutral, signed request: method, URL, headers and body, ready for any HTTP
//! client, and printable as a curl command in the style of NCP's examples.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::Serialize;

use crate::operation::{Operation, OperationKind};
use crate::pem::PemRepair;
pub use crate::percent::query_pairs;
use crate::problem::Problem;
use crate::secret::mask;
use crate::signing::{signed_headers, Credentials, HEADER_ACCESS_KEY};
use crate::site::{self, Site, SiteError};

/// Where a request goes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// Straight to NCP's host for the operation's service on this site.
    Site(Site),
    /// A base URL to prepend to the upstream path, e.g. the sandbox
    /// (`http://127.0.0.1:8080/sandbox`) or a proxy route (`/ncp/public/private-ca`). The
    /// site table is not consulted.
    BaseUrl(String),
    /// The project's proxy at `origin` (empty for the page's own origin), forwarding to
    /// `site`: URL `{origin}/ncp/{site}/{service}{path}`. Checks that the site offers the
    /// operation, like [`Target::Site`].
    Proxy {
        /// Scheme and host of the proxy, without trailing slash; empty for same-origin.
        origin: String,
        /// The NCP site the proxy forwards to.
        site: Site,
    },
}

/// Why a request could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// The input has problems; nothing was signed.
    Invalid(Vec<Problem>),
    /// The chosen site does not offer the operation.
    NotOffered(SiteError),
}

impl BuildError {
    /// The validation problems, if that is what went wrong.
    pub fn problems(&self) -> &[Problem] {
        match self {
            BuildError::Invalid(problems) => problems,
            BuildError::NotOffered(_) => &[],
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Invalid(problems) => write!(
                f,
                "the input has {} problem(s); fix them before sending:\n{}",
                problems.len(),
                Problem::list_to_string(problems)
            ),
            BuildError::NotOffered(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for BuildError {}

/// A signed request, independent of any HTTP library.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    /// HTTP method, e.g. `POST`.
    pub method: String,
    /// Full URL (or origin-relative URL for a same-origin proxy).
    pub url: String,
    /// The upstream path that was signed, e.g. `/api/v1/ca/{caTag}/cert`.
    pub path_and_query: String,
    /// Headers in sending order: timestamp, access key, signature v2, Content-Type, and for
    /// Certificate Manager `accept`.
    pub headers: Vec<(String, String)>,
    /// JSON body; `None` for GET, DELETE and Revoke End Cert.
    pub body: Option<String>,
    /// What [`Request::build`] repaired in the PEM fields before signing (tell the user).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<PemRepair>,
    /// Advice about the input that did not block the request (tell the user).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Problem>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("path_and_query", &self.path_and_query)
            .field("headers", &self.masked_headers())
            .field("body", &self.body)
            .field("repairs", &self.repairs)
            .field("warnings", &self.warnings)
            .finish()
    }
}

impl Request {
    /// Normalises the PEM fields ([`Operation::normalise_pem`]), validates `operation`,
    /// resolves the URL for `target`, and signs the upstream path with `credentials` at
    /// `timestamp_ms` (Unix epoch milliseconds). Warnings do not block; they are kept in
    /// [`Request::warnings`].
    ///
    /// The signature always covers the upstream path (`/api/v...`) with its query, exactly as
    /// sent, whatever prefix the target adds: the proxy and sandbox strip theirs before
    /// checking.
    pub fn build(
        operation: &Operation,
        target: &Target,
        credentials: &Credentials,
        timestamp_ms: u64,
    ) -> Result<Request, BuildError> {
        let mut operation = operation.clone();
        let repairs = operation.normalise_pem();
        let (warnings, errors): (Vec<Problem>, Vec<Problem>) = operation
            .problems()
            .into_iter()
            .partition(Problem::is_warning);
        if !errors.is_empty() {
            return Err(BuildError::Invalid(errors));
        }
        let service = operation.service();
        let path_and_query = operation.path_and_query();
        let base = match target {
            Target::Site(site) => site::base_url_for(*site, service, operation.api_version())
                .map_err(BuildError::NotOffered)?
                .to_string(),
            Target::BaseUrl(base) => base.trim_end_matches('/').to_string(),
            Target::Proxy { origin, site } => {
                site::base_url_for(*site, service, operation.api_version())
                    .map_err(BuildError::NotOffered)?;
                format!(
                    "{}{}",
                    origin.trim_end_matches('/'),
                    site::proxy_route(*site, service)
                )
            }
        };
        let method = operation.method();
        let signed = signed_headers(credentials, method, &path_and_query, timestamp_ms);
        let mut headers: Vec<(String, String)> = signed
            .pairs()
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .collect();
        // Every documented example sends Content-Type, body or not (P0, C0).
        headers.push(("Content-Type".to_string(), "application/json".to_string()));
        if service == site::Service::CertificateManager {
            // The ZIP download answers JSON when it fails (C5).
            let accept = if operation.kind() == OperationKind::DownloadCertificate {
                "application/zip, application/json"
            } else {
                "application/json"
            };
            headers.push(("accept".to_string(), accept.to_string()));
        }
        Ok(Request {
            method: method.to_string(),
            url: format!("{base}{path_and_query}"),
            path_and_query,
            headers,
            body: operation.body_json(),
            repairs,
            warnings,
        })
    }

    /// The headers with the access key masked to its first four characters, for display.
    pub fn masked_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| {
                if name.eq_ignore_ascii_case(HEADER_ACCESS_KEY) {
                    (name.clone(), mask(value))
                } else {
                    (name.clone(), value.clone())
                }
            })
            .collect()
    }

    /// A curl command in the style of NCP's examples, one option per line:
    ///
    /// ```text
    /// curl --location --request POST 'https://…' \
    /// --header 'x-ncp-apigw-timestamp: …' \
    /// --data '{…}'
    /// ```
    ///
    /// Values are single-quoted for `sh` (a `'` inside becomes `'\''`). It holds the real
    /// access key and signature; use [`Request::to_curl_masked`] for display.
    pub fn to_curl(&self) -> String {
        curl(&self.method, &self.url, &self.headers, self.body.as_deref())
    }

    /// [`Request::to_curl`] with the access key masked, for showing on screen or in logs.
    pub fn to_curl_masked(&self) -> String {
        curl(
            &self.method,
            &self.url,
            &self.masked_headers(),
            self.body.as_deref(),
        )
    }
}

/// Quotes `value` as one `sh` word in single quotes.
fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "'\\''"))
}

fn curl(method: &str, url: &str, headers: &[(String, String)], body: Option<&str>) -> String {
    let mut lines = Vec::with_capacity(headers.len() + 2);
    lines.push(format!(
        "curl --location --request {} {}",
        method,
        shell_quote(url)
    ));
    for (name, value) in headers {
        lines.push(format!(
            "--header {}",
            shell_quote(&format!("{name}: {value}"))
        ));
    }
    if let Some(body) = body {
        lines.push(format!("--data {}", shell_quote(body)));
    }
    lines.join(" \\\n")
}
