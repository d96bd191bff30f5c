//! API routes must not act as pages or take orders from other sites: browsers say with
//! `Sec-Fetch-*` and `Origin` what kind of request they send, and the proxy refuses the kinds
//! only an attacker's page would cause.

use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::response::Response;

/// The Content-Security-Policy of every API answer (`/ncp`, `/sandbox`, refusals): should one
/// be opened as a page anyway, nothing in it runs, loads or frames.
pub const API_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; sandbox; frame-ancestors 'none'";

/// Adds the API answer headers: the CSP above and `Cross-Origin-Resource-Policy: same-origin`
/// (no other site may embed an answer as an image, script or the like).
pub(crate) fn add_api_headers(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(API_CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// A navigation (link, form, `window.open`, frame) started by another site or a sibling
/// subdomain. Navigations carry no `Origin`, so CORS never sees them; `Sec-Fetch-Site` does.
/// The user typing the URL (`none`) or the app itself (`same-origin`) may still navigate.
pub(crate) fn is_foreign_navigation(headers: &HeaderMap) -> bool {
    header(headers, "sec-fetch-mode") == Some("navigate")
        && matches!(
            header(headers, "sec-fetch-site"),
            Some("cross-site" | "same-site")
        )
}

/// A request that changes the sandbox's state without proof that a page of an allowed origin
/// sent it: no `Origin` (which CORS checks when present) and no `Sec-Fetch-Site: same-origin`.
/// Browsers send `Origin` on every POST, PUT and DELETE; scripts and curl must add it.
pub(crate) fn lacks_origin_for_state_change(method: &Method, headers: &HeaderMap) -> bool {
    let changes_state = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    changes_state
        && !headers.contains_key(header::ORIGIN)
        && header(headers, "sec-fetch-site") != Some("same-origin")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_navigations_from_elsewhere_are_foreign() {
        for site in ["cross-site", "same-site"] {
            assert!(is_foreign_navigation(&headers(&[
                ("sec-fetch-mode", "navigate"),
                ("sec-fetch-site", site)
            ])));
        }
        for (mode, site) in [
            ("navigate", "none"),
            ("navigate", "same-origin"),
            ("cors", "cross-site"),
            ("no-cors", "same-site"),
        ] {
            let map = headers(&[("sec-fetch-mode", mode), ("sec-fetch-site", site)]);
            assert!(!is_foreign_navigation(&map), "{mode} {site}");
        }
        assert!(!is_foreign_navigation(&HeaderMap::new()));
    }

    #[test]
    fn state_changes_need_origin_or_same_origin_fetch_site() {
        let none = HeaderMap::new();
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            assert!(lacks_origin_for_state_change(&method, &none), "{method}");
            assert!(!lacks_origin_for_state_change(
                &method,
                &headers(&[("origin", "http://127.0.0.1:8080")])
            ));
            assert!(!lacks_origin_for_state_change(
                &method,
                &headers(&[("sec-fetch-site", "same-origin")])
            ));
            assert!(lacks_origin_for_state_change(
                &method,
                &headers(&[("sec-fetch-site", "same-site")])
            ));
        }
        assert!(!lacks_origin_for_state_change(&Method::GET, &none));
    }
}
