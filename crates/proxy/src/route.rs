//! Parsing `/ncp/{site}/{service}/{upstream path}` from the raw request target, and the
//! checks that keep the upstream path a plain `/api/...` path on the fixed host.
//!
//! Everything here works on the target exactly as received (still percent-encoded), so what
//! is forwarded is byte for byte what the client signed.

use certkit_core::percent_decode_bytes;
use certkit_core::site::{Service, Site};

/// The route prefix of forwarded requests.
pub(crate) const NCP_PREFIX: &str = "/ncp/";

/// Where the sandbox is mounted.
pub const SANDBOX_PREFIX: &str = "/sandbox";

/// A checked `/ncp/...` request: where it goes and the upstream path and query, verbatim.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NcpRoute<'a> {
    pub(crate) site: Site,
    pub(crate) service: Service,
    /// `/api/...` plus `?query` when there is one, exactly as received.
    pub(crate) upstream_path_and_query: &'a str,
}

/// Why an `/ncp/...` target was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RouteError {
    /// Unknown site or service slug (404).
    Unknown(String),
    /// The upstream path is not acceptable (400).
    Path(&'static str),
}

/// Splits the raw `path?query` of an `/ncp/...` request into site, service and the upstream
/// path and query. Site/service are checked here; the site table is consulted by the caller.
pub(crate) fn parse_ncp_target(path_and_query: &str) -> Result<NcpRoute<'_>, RouteError> {
    let path_end = path_and_query.find('?').unwrap_or(path_and_query.len());
    let (path, query) = path_and_query.split_at(path_end);
    let rest = path.strip_prefix(NCP_PREFIX).ok_or_else(|| {
        RouteError::Unknown(format!(
            "use /ncp/{{site}}/{{service}}/api/... (site: {}; service: {})",
            site_slugs(),
            service_slugs()
        ))
    })?;
    let (site_slug, rest) = rest.split_once('/').unwrap_or((rest, ""));
    let (service_slug, upstream_path) = match rest.find('/') {
        Some(end) => rest.split_at(end),
        None => (rest, ""),
    };
    let site = site_from_slug(site_slug).ok_or_else(|| {
        RouteError::Unknown(format!(
            "unknown site {:?}: use {}",
            printable(site_slug),
            site_slugs()
        ))
    })?;
    let service = service_from_slug(service_slug).ok_or_else(|| {
        RouteError::Unknown(format!(
            "unknown service {:?}: use {}",
            printable(service_slug),
            service_slugs()
        ))
    })?;
    check_upstream_path(upstream_path)?;
    if let Some(query) = query.strip_prefix('?') {
        check_upstream_query(query)?;
    }
    // The path and query from the end of `/ncp/{site}/{service}` on, as received.
    let upstream_start = path.len() - upstream_path.len();
    let upstream_path_and_query = path_and_query.get(upstream_start..).unwrap_or_default();
    Ok(NcpRoute {
        site,
        service,
        upstream_path_and_query,
    })
}

/// The site whose certkit-core slug is exactly `slug`.
///
/// Exact match only: core's `FromStr` also forgives case and spaces, which suits user input
/// but not a route. The slug strings themselves are written only in certkit-core.
pub(crate) fn site_from_slug(slug: &str) -> Option<Site> {
    Site::ALL.into_iter().find(|site| site.slug() == slug)
}

/// The service whose certkit-core slug is exactly `slug` (see [`site_from_slug`]).
pub(crate) fn service_from_slug(slug: &str) -> Option<Service> {
    Service::ALL
        .into_iter()
        .find(|service| service.slug() == slug)
}

/// `public, gov or fin`, from core's slugs.
fn site_slugs() -> String {
    one_of(Site::ALL.map(Site::slug).as_slice())
}

/// `private-ca or certificate-manager`, from core's slugs.
fn service_slugs() -> String {
    one_of(Service::ALL.map(Service::slug).as_slice())
}

/// `a, b or c`.
fn one_of(slugs: &[&str]) -> String {
    match slugs.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Keeps client-supplied text short and free of control characters in error messages.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// How many rounds of percent-decoding are inspected (catches `%252e`-style double encoding
/// and one more level); anything still encoded after that is refused.
const DECODE_ROUNDS: usize = 3;

fn check_upstream_path(path: &str) -> Result<(), RouteError> {
    if !path.starts_with("/api/") {
        return Err(RouteError::Path(
            "the upstream path must start with /api/ (for example /ncp/public/private-ca/api/v1/ca)",
        ));
    }
    let slashes = count(path.as_bytes(), b'/');
    let mut current = path.as_bytes().to_vec();
    for round in 0..=DECODE_ROUNDS {
        check_bytes(&current)?;
        if count(&current, b'/') != slashes {
            return Err(RouteError::Path(
                "encoded slashes (%2F) are not allowed in the upstream path",
            ));
        }
        let decoded = percent_decode_bytes(&current);
        if decoded == current {
            return Ok(());
        }
        if round == DECODE_ROUNDS {
            break;
        }
        current = decoded;
    }
    Err(RouteError::Path(
        "the upstream path is percent-encoded too many times",
    ))
}

fn check_upstream_query(query: &str) -> Result<(), RouteError> {
    let mut current = query.as_bytes().to_vec();
    for _ in 0..=DECODE_ROUNDS {
        if current.iter().any(|b| b.is_ascii_control()) {
            return Err(RouteError::Path(
                "control characters (such as CR or LF) are not allowed in the query",
            ));
        }
        let decoded = percent_decode_bytes(&current);
        if decoded == current {
            return Ok(());
        }
        current = decoded;
    }
    Err(RouteError::Path(
        "the query is percent-encoded too many times",
    ))
}

/// The rules every decoding round of the path must pass.
fn check_bytes(path: &[u8]) -> Result<(), RouteError> {
    // Whole segments only: `a..b` is a valid caTag (certkit-core) and must pass.
    if path.split(|&b| b == b'/').any(|segment| segment == b"..") {
        return Err(RouteError::Path(
            "'..' segments (in any encoding) are not allowed in the upstream path",
        ));
    }
    if path.split(|&b| b == b'/').any(|segment| segment == b".") {
        return Err(RouteError::Path(
            "'.' segments (in any encoding) are not allowed in the upstream path",
        ));
    }
    if path.contains(&b'\\') {
        return Err(RouteError::Path(
            "backslashes (in any encoding) are not allowed in the upstream path",
        ));
    }
    if path.contains(&b'@') {
        return Err(RouteError::Path(
            "'@' (in any encoding) is not allowed in the upstream path",
        ));
    }
    if path.iter().any(|b| b.is_ascii_control() || !b.is_ascii()) {
        return Err(RouteError::Path(
            "control characters (such as CR or LF) and non-ASCII bytes are not allowed in the upstream path",
        ));
    }
    Ok(())
}

fn count(bytes: &[u8], needle: u8) -> usize {
    bytes.iter().filter(|&&b| b == needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upstream(target: &str) -> Result<&str, RouteError> {
        parse_ncp_target(target).map(|route| route.upstream_path_and_query)
    }

    #[test]
    fn site_service_and_verbatim_upstream() {
        let route =
            parse_ncp_target("/ncp/gov/private-ca/api/v1/ca/t%2541/cert/1A:2B?pageNo=1&x=%2F")
                .unwrap();
        assert_eq!(route.site, Site::Gov);
        assert_eq!(route.service, Service::PrivateCa);
        assert_eq!(
            route.upstream_path_and_query,
            "/api/v1/ca/t%2541/cert/1A:2B?pageNo=1&x=%2F"
        );
        let route =
            parse_ncp_target("/ncp/public/certificate-manager/api/v2/certificate/getCertificates")
                .unwrap();
        assert_eq!(route.service, Service::CertificateManager);
    }

    #[test]
    fn unknown_slugs() {
        for target in [
            "/ncp/",
            "/ncp/mars/private-ca/api/v1/ca",
            "/ncp/public/dns/api/v1/ca",
            "/ncp/public",
            "/ncp/public/",
            "/ncp/Public/private-ca/api/v1/ca",
            "/ncp/%70ublic/private-ca/api/v1/ca",
            "/ncp/public?x/private-ca/api/v1/ca",
            "/ncp/public/private-ca?/api/v1/ca",
        ] {
            assert!(
                matches!(
                    upstream(target),
                    Err(RouteError::Unknown(_) | RouteError::Path(_))
                ),
                "{target}"
            );
        }
    }

    #[test]
    fn slugs_match_core_exactly() {
        for site in Site::ALL {
            assert_eq!(site_from_slug(site.slug()), Some(site));
        }
        for service in Service::ALL {
            assert_eq!(service_from_slug(service.slug()), Some(service));
        }
        for lenient in ["Public", " gov", "FIN", ""] {
            assert_eq!(site_from_slug(lenient), None, "{lenient:?}");
        }
        for lenient in ["Private-CA", "private-ca ", ""] {
            assert_eq!(service_from_slug(lenient), None, "{lenient:?}");
        }
        assert_eq!(site_slugs(), "public, gov or fin");
        assert_eq!(service_slugs(), "private-ca or certificate-manager");
    }

    #[test]
    fn refused_paths() {
        for target in [
            "/ncp/public/private-ca",
            "/ncp/public/private-ca?x=1",
            "/ncp/public/private-ca/",
            "/ncp/public/private-ca/v1/ca",
            "/ncp/public/private-ca/api",
            "/ncp/public/private-ca/api/../x",
            "/ncp/public/private-ca/api/v1/%2e%2e/x",
            "/ncp/public/private-ca/api/v1/%2E./x",
            "/ncp/public/private-ca/api/v1/%252e%252e/x",
            "/ncp/public/private-ca/api/v1/%25252e%25252e/x",
            "/ncp/public/private-ca/api/v1/./ca",
            "/ncp/public/private-ca/api/v1/%2e/ca",
            "/ncp/public/private-ca/api/v1%2Fca",
            "/ncp/public/private-ca/api/v1%2fca",
            "/ncp/public/private-ca/api/v1%252Fca",
            "/ncp/public/private-ca/api/v1\\ca",
            "/ncp/public/private-ca/api/v1%5Cca",
            "/ncp/public/private-ca/api/v1%255cca",
            "/ncp/public/private-ca/api/v1@evil.example/x",
            "/ncp/public/private-ca/api/v1%40evil.example/x",
            "/ncp/public/private-ca/api/v1/ca%0d%0aHost:%20evil",
            "/ncp/public/private-ca/api/v1/ca%250A",
            "/ncp/public/private-ca/api/v1/ca?x=%0d%0aHost:%20evil",
            "/ncp/public/private-ca/api/v1/ca?x=%2500",
            "/ncp/public/private-ca/api/v1/ca%2525252e",
            "/ncp/public/private-ca/api/v1/ca/../x",
            "/ncp/public/private-ca/api/v1/ca/..",
            "/ncp/public/private-ca/api/v1/%2e%2e/",
            "/ncp/public/private-ca/api/v1/%252e%252e/",
            "/ncp/public/private-ca/api/v1/.%2e/x",
            "/ncp/public/private-ca/api/v1/%252E./x",
            "/ncp/public/private-ca/api/v1/ca/a..b@evil/cert",
            "/ncp/public/private-ca/api/v1/ca/a..b%5Cx/cert",
        ] {
            assert!(
                matches!(upstream(target), Err(RouteError::Path(_))),
                "{target} -> {:?}",
                upstream(target)
            );
        }
    }

    #[test]
    fn accepted_paths() {
        for (target, expected) in [
            (
                "/ncp/public/private-ca/api/v1/ca/tag/cert/1A:2B:3C/revoke",
                "/api/v1/ca/tag/cert/1A:2B:3C/revoke",
            ),
            (
                "/ncp/public/private-ca/api/v1/ca?caType=PRIVATE_SUB&issuerTag=a-b",
                "/api/v1/ca?caType=PRIVATE_SUB&issuerTag=a-b",
            ),
            (
                "/ncp/public/private-ca/api/v1/ca/a%20b%25",
                "/api/v1/ca/a%20b%25",
            ),
            (
                "/ncp/public/certificate-manager/api/v2/certificate/getVerificationInfo/7?domainAddress=a.example.com",
                "/api/v2/certificate/getVerificationInfo/7?domainAddress=a.example.com",
            ),
        ] {
            assert_eq!(upstream(target).unwrap(), expected);
        }
    }

    #[test]
    fn dots_inside_a_segment_pass_byte_identical() {
        // `a..b` is a valid caTag in certkit-core; only whole `.`/`..` segments are refused.
        for upstream_path in [
            "/api/v1/ca/a..b/cert",
            "/api/v1/ca/a%2e%2eb/cert",
            "/api/v1/ca/..a/cert",
            "/api/v1/ca/a../cert?x=a..b",
            "/api/v1/ca/.../cert",
        ] {
            let target = format!("/ncp/public/private-ca{upstream_path}");
            assert_eq!(upstream(&target).unwrap(), upstream_path, "{target}");
        }
    }

    #[test]
    fn decoding_is_lenient_about_stray_percent() {
        assert_eq!(percent_decode_bytes(b"%zz%4"), b"%zz%4".to_vec());
        assert_eq!(percent_decode_bytes(b"%41%2f"), b"A/".to_vec());
    }
}
