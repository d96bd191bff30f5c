//! NCP sites (public, government, financial), services, and the one table of API hosts.
//!
//! The table is `ENDPOINTS`, copied from section 2 of the project's `ncp-api.md`. Asking for
//! a service or API version a site does not offer is a [`SiteError`], never a guessed URL.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

/// An NCP region family, each with its own API hosts.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Site {
    /// The public site (`ntruss.com`).
    Public,
    /// The government site (`gov-ntruss.com`).
    Gov,
    /// The financial site (`fin-ntruss.com`).
    Fin,
}

impl Site {
    /// Every site, in display order.
    pub const ALL: [Site; 3] = [Site::Public, Site::Gov, Site::Fin];

    /// The short name used in proxy routes and the UI: `public`, `gov` or `fin`.
    pub fn slug(self) -> &'static str {
        match self {
            Site::Public => "public",
            Site::Gov => "gov",
            Site::Fin => "fin",
        }
    }

    /// A human-readable name, e.g. "Government (gov-ntruss.com)".
    pub fn display_name(self) -> &'static str {
        match self {
            Site::Public => "Public (ntruss.com)",
            Site::Gov => "Government (gov-ntruss.com)",
            Site::Fin => "Financial (fin-ntruss.com)",
        }
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl FromStr for Site {
    type Err = SiteError;

    /// Parses a slug (`public`, `gov`, `fin`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Site::ALL
            .into_iter()
            .find(|site| site.slug().eq_ignore_ascii_case(s.trim()))
            .ok_or(SiteError::new(SiteErrorKind::UnknownSite))
    }
}

/// An NCP certificate service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// Private CA (`/api/v1/ca/...`).
    PrivateCa,
    /// Certificate Manager (`/api/v1/...`, `/api/v2/certificate/...`).
    CertificateManager,
}

impl Service {
    /// Every service.
    pub const ALL: [Service; 2] = [Service::PrivateCa, Service::CertificateManager];

    /// The short name used in proxy routes: `private-ca` or `certificate-manager`.
    pub fn slug(self) -> &'static str {
        match self {
            Service::PrivateCa => "private-ca",
            Service::CertificateManager => "certificate-manager",
        }
    }

    /// A human-readable name: "Private CA" or "Certificate Manager".
    pub fn display_name(self) -> &'static str {
        match self {
            Service::PrivateCa => "Private CA",
            Service::CertificateManager => "Certificate Manager",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl FromStr for Service {
    type Err = SiteError;

    /// Parses a slug (`private-ca`, `certificate-manager`), case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Service::ALL
            .into_iter()
            .find(|service| service.slug().eq_ignore_ascii_case(s.trim()))
            .ok_or(SiteError::new(SiteErrorKind::UnknownService))
    }
}

/// The API generation, the first segment after `/api/` in a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiVersion {
    /// `/api/v1/...`
    V1,
    /// `/api/v2/...`
    V2,
}

impl ApiVersion {
    /// The path prefix, `/api/v1` or `/api/v2`.
    pub fn path_prefix(self) -> &'static str {
        match self {
            ApiVersion::V1 => "/api/v1",
            ApiVersion::V2 => "/api/v2",
        }
    }
}

/// One row of the host table: where a site serves a service, and which API versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Endpoint {
    /// The site.
    pub site: Site,
    /// The service.
    pub service: Service,
    /// Scheme and host, without a trailing slash.
    pub base_url: &'static str,
    /// The API versions this host serves.
    pub api_versions: &'static [ApiVersion],
}

/// The host table (ncp-api.md section 2). A (site, service) pair missing here is not offered.
pub(crate) const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        site: Site::Public,
        service: Service::PrivateCa,
        base_url: "https://pca.apigw.ntruss.com",
        api_versions: &[ApiVersion::V1],
    },
    Endpoint {
        site: Site::Public,
        service: Service::CertificateManager,
        base_url: "https://certificatemanager.apigw.ntruss.com",
        api_versions: &[ApiVersion::V1, ApiVersion::V2],
    },
    Endpoint {
        site: Site::Gov,
        service: Service::PrivateCa,
        // A different sub-domain from the public site's `pca`.
        base_url: "https://privateca.apigw.gov-ntruss.com",
        api_versions: &[ApiVersion::V1],
    },
    Endpoint {
        site: Site::Gov,
        service: Service::CertificateManager,
        base_url: "https://certificatemanager.apigw.gov-ntruss.com",
        api_versions: &[ApiVersion::V1],
    },
    // The financial site documents no Private CA host.
    Endpoint {
        site: Site::Fin,
        service: Service::CertificateManager,
        base_url: "https://certificatemanager.apigw.fin-ntruss.com",
        api_versions: &[ApiVersion::V1],
    },
];

/// The table row for `site` and `service`, if the site offers that service.
pub(crate) fn endpoint(site: Site, service: Service) -> Option<&'static Endpoint> {
    ENDPOINTS
        .iter()
        .find(|e| e.site == site && e.service == service)
}

/// The base URL (scheme and host) of `service` on `site`.
///
/// Fails with [`SiteErrorKind::ServiceNotOffered`] when the site has no such host (Private CA
/// on the financial site).
pub fn base_url(site: Site, service: Service) -> Result<&'static str, SiteError> {
    endpoint(site, service)
        .map(|e| e.base_url)
        .ok_or(SiteError::not_offered(
            SiteErrorKind::ServiceNotOffered,
            site,
            service,
            None,
        ))
}

/// The base URL of `service` on `site`, checking that the host serves `api_version` too.
///
/// Fails with [`SiteErrorKind::ApiVersionNotOffered`] e.g. for Certificate Manager API v2 off
/// the public site.
pub fn base_url_for(
    site: Site,
    service: Service,
    api_version: ApiVersion,
) -> Result<&'static str, SiteError> {
    let e = endpoint(site, service).ok_or(SiteError::not_offered(
        SiteErrorKind::ServiceNotOffered,
        site,
        service,
        Some(api_version),
    ))?;
    if e.api_versions.contains(&api_version) {
        Ok(e.base_url)
    } else {
        Err(SiteError::not_offered(
            SiteErrorKind::ApiVersionNotOffered,
            site,
            service,
            Some(api_version),
        ))
    }
}

/// The project proxy's route prefix for a site's service, `/ncp/{site}/{service}`: the proxy
/// forwards `{route}/api/...` to [`base_url`]'s host, so clients append the upstream path.
pub(crate) fn proxy_route(site: Site, service: Service) -> alloc::string::String {
    alloc::format!("/ncp/{}/{}", site.slug(), service.slug())
}

/// What went wrong with a site or service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SiteErrorKind {
    /// A site name other than `public`, `gov` or `fin`.
    UnknownSite,
    /// A service name other than `private-ca` or `certificate-manager`.
    UnknownService,
    /// The site has no host for the service.
    ServiceNotOffered,
    /// The site's host does not serve the API version the operation needs.
    ApiVersionNotOffered,
}

/// A site/service error: an unknown name, or something the chosen site does not offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SiteError {
    kind: SiteErrorKind,
    site: Option<Site>,
    service: Option<Service>,
    api_version: Option<ApiVersion>,
}

impl SiteError {
    fn new(kind: SiteErrorKind) -> Self {
        Self {
            kind,
            site: None,
            service: None,
            api_version: None,
        }
    }

    fn not_offered(
        kind: SiteErrorKind,
        site: Site,
        service: Service,
        api_version: Option<ApiVersion>,
    ) -> Self {
        Self {
            kind,
            site: Some(site),
            service: Some(service),
            api_version,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> SiteErrorKind {
        self.kind
    }

    /// The site asked for, when the error is about an offer.
    pub fn site(&self) -> Option<Site> {
        self.site
    }

    /// The service asked for, when the error is about an offer.
    pub fn service(&self) -> Option<Service> {
        self.service
    }
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.site, self.service) {
            (SiteErrorKind::UnknownSite, _, _) => {
                f.write_str("unknown site: choose one of public, gov, fin")
            }
            (SiteErrorKind::UnknownService, _, _) => {
                f.write_str("unknown service: choose one of private-ca, certificate-manager")
            }
            (SiteErrorKind::ApiVersionNotOffered, Some(site), Some(service)) => {
                let sites: alloc::vec::Vec<&str> = ENDPOINTS
                    .iter()
                    .filter(|e| {
                        e.service == service
                            && self
                                .api_version
                                .is_some_and(|v| e.api_versions.contains(&v))
                    })
                    .map(|e| e.site.slug())
                    .collect();
                write!(
                    f,
                    "{} on the {} site does not offer API {}; this operation is available on: {}",
                    service.display_name(),
                    site.slug(),
                    self.api_version.map_or("", |v| v.path_prefix()),
                    sites.join(", ")
                )
            }
            (_, Some(site), Some(service)) => write!(
                f,
                "the {} site does not offer {}; choose another site",
                site.slug(),
                service.display_name()
            ),
            _ => f.write_str("operation not offered on this site"),
        }
    }
}

impl core::error::Error for SiteError {}

/// Why a custom base URL (instead of a site's NCP host) was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BaseUrlErrorKind {
    /// `http:` to a host that is not loopback.
    PlainHttpBeyondLoopback,
    /// Not an `https:` or `http:` URL with a host, nor a path on the page's own origin.
    NotAUrl,
    /// User info (`user@host`) in the authority: it hides the real host from a reader.
    UserInfo,
}

/// A base URL refused by [`check_base_url`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BaseUrlError {
    kind: BaseUrlErrorKind,
}

impl BaseUrlError {
    /// What is wrong with the URL.
    pub fn kind(&self) -> BaseUrlErrorKind {
        self.kind
    }
}

impl fmt::Display for BaseUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            BaseUrlErrorKind::PlainHttpBeyondLoopback => "the base URL must use https: (plain http: only to localhost, 127.0.0.0/8 or [::1]): a signed request lets whoever reads it send any body to its path until it expires, 5 minutes",
            BaseUrlErrorKind::NotAUrl => "the base URL must be https://host[:port][/path] (or http:// to localhost, 127.0.0.0/8 or [::1])",
            BaseUrlErrorKind::UserInfo => "the base URL must not carry user info (user@host)",
        })
    }
}

impl core::error::Error for BaseUrlError {}

/// Checks a base URL that replaces NCP's host (a proxy route, the sandbox): `https:`, or
/// `http:` only to a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`), since signed requests
/// are bearer tokens for their path until they expire. A path alone (`/ncp/public/private-ca`)
/// is accepted: a browser sends it to the page's own origin, under the page's own scheme.
pub fn check_base_url(url: &str) -> Result<(), BaseUrlError> {
    let refuse = |kind| Err(BaseUrlError { kind });
    if url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\") {
        return Ok(());
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return refuse(BaseUrlErrorKind::NotAUrl);
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    if authority.contains('@') {
        return refuse(BaseUrlErrorKind::UserInfo);
    }
    if authority.is_empty() || authority.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return refuse(BaseUrlErrorKind::NotAUrl);
    }
    if scheme.eq_ignore_ascii_case("https") {
        return Ok(());
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return refuse(BaseUrlErrorKind::NotAUrl);
    }
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((inner, port)) if port.is_empty() || port.starts_with(':') => inner,
            _ => return refuse(BaseUrlErrorKind::NotAUrl),
        },
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _port)| host),
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<core::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        Ok(())
    } else {
        refuse(BaseUrlErrorKind::PlainHttpBeyondLoopback)
    }
}

#[cfg(test)]
mod base_url_tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_to_loopback() {
        for ok in [
            "https://pca.apigw.ntruss.com",
            "HTTPS://proxy.example:8443/ncp/public/private-ca",
            "http://127.0.0.1:8081",
            "http://127.9.0.1",
            "http://localhost:8080/sandbox",
            "http://LOCALHOST",
            "http://[::1]:8080/sandbox/",
            "/ncp/public/private-ca",
            "/sandbox",
        ] {
            assert_eq!(check_base_url(ok), Ok(()), "{ok}");
        }
        for (bad, kind) in [
            (
                "http://192.168.0.10:8080",
                BaseUrlErrorKind::PlainHttpBeyondLoopback,
            ),
            (
                "http://proxy.example",
                BaseUrlErrorKind::PlainHttpBeyondLoopback,
            ),
            (
                "http://localhost.evil.example",
                BaseUrlErrorKind::PlainHttpBeyondLoopback,
            ),
            (
                "http://127.0.0.1.nip.io",
                BaseUrlErrorKind::PlainHttpBeyondLoopback,
            ),
            (
                "http://[2001:db8::1]:80",
                BaseUrlErrorKind::PlainHttpBeyondLoopback,
            ),
            (
                "http://0.0.0.0:8080",
                BaseUrlErrorKind::PlainHttpBeyondLoopback,
            ),
            ("http://127.0.0.1@evil.example", BaseUrlErrorKind::UserInfo),
            ("https://user:pw@proxy.example", BaseUrlErrorKind::UserInfo),
            ("ftp://x.example", BaseUrlErrorKind::NotAUrl),
            ("//evil.example/x", BaseUrlErrorKind::NotAUrl),
            ("127.0.0.1:8080", BaseUrlErrorKind::NotAUrl),
            ("https://", BaseUrlErrorKind::NotAUrl),
            ("http://[::1", BaseUrlErrorKind::NotAUrl),
            ("", BaseUrlErrorKind::NotAUrl),
        ] {
            assert_eq!(
                check_base_url(bad).map_err(|e| e.kind()),
                Err(kind),
                "{bad}"
            );
        }
    }
}
