//! DNS-rebinding protection: a page on `evil.example` whose name is re-pointed at 127.0.0.1
//! would be same-origin with the proxy in the browser's eyes. Browsers always send the name
//! they resolved in `Host`, so requests are served only for IP literals, `localhost`, and the
//! hosts of the allowed origins. (The upstream never depends on `Host` either way.)

use axum::http::{header, Request, Uri};
use std::net::IpAddr;

/// The host names the proxy answers for, besides IP literals and `localhost`.
#[derive(Clone, Debug)]
pub(crate) struct HostCheck {
    names: Vec<String>,
}

impl HostCheck {
    /// Takes the host names of the (normalised) allowed origins.
    pub(crate) fn new(allowed_origins: &[String]) -> Self {
        let names = allowed_origins
            .iter()
            .filter_map(|origin| origin.parse::<Uri>().ok())
            .filter_map(|uri| uri.host().map(str::to_ascii_lowercase))
            .collect();
        Self { names }
    }

    /// `None` when the request may be served, else the refused host name.
    pub(crate) fn refused_host<B>(&self, request: &Request<B>) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
