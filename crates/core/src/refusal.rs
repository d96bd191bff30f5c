//! [`ProxyRefusal`]: why the project's proxy answered a request itself instead of forwarding
//! it to NCP. One table for the proxy (which sends the codes), the failure classification
//! (which picks a hint by code) and the app (which translates each one).

use core::fmt;

/// A refusal of the project's proxy, sent as `{"error":{"code":"<code>","message":..}}` with
/// its HTTP status. The codes are a stable contract (the proxy's README, "Limits and errors").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
// Not `non_exhaustive`: the app translates every refusal, so a new one without a translation
// fails to compile (see `ALL`).
pub enum ProxyRefusal {
    /// 504 `upstreamTimeout`: NCP did not answer in time.
    UpstreamTimeout,
    /// 502 `upstreamUnreachable`: connection refused, DNS failure, TLS failure.
    UpstreamUnreachable,
    /// 502 `upstreamFailed`: the upstream connection broke off or sent too much.
    UpstreamFailed,
    /// 503 `overloaded`: the concurrency cap is reached.
    Overloaded,
    /// 429 `rateLimited`.
    RateLimited,
    /// 403 `originNotAllowed`: a browser origin that is not on the allow list.
    OriginNotAllowed,
    /// 403 `hostNotAllowed`: a `Host` name that is not an IP literal, `localhost` or the host
    /// of an allowed origin (DNS rebinding).
    HostNotAllowed,
    /// 400 `pathRefused`: the upstream path is not a plain `/api/...` path.
    PathRefused,
    /// 400 `absoluteTarget`: absolute-form or authority-form request target.
    AbsoluteTarget,
    /// 404 `unknownRoute`: unknown site/service slug, or a pair the site table lacks.
    UnknownRoute,
    /// 405 `methodNotAllowed`.
    MethodNotAllowed,
    /// 413 `bodyTooLarge`: more than the proxy's `--max-body`.
    BodyTooLarge,
    /// 400 `bodyUnreadable`: the client's body broke off or did not arrive in time.
    BodyUnreadable,
    /// 503 `sandboxUnavailable`: the sandbox failed to start.
    SandboxUnavailable,
    /// 500 `proxyMisconfigured`.
    Misconfigured,
}

impl ProxyRefusal {
    /// Every refusal, those with the same advice next to each other.
    pub const ALL: [ProxyRefusal; 15] = [
        ProxyRefusal::UpstreamTimeout,
        ProxyRefusal::UpstreamUnreachable,
        ProxyRefusal::UpstreamFailed,
        ProxyRefusal::Overloaded,
        ProxyRefusal::RateLimited,
        ProxyRefusal::OriginNotAllowed,
        ProxyRefusal::HostNotAllowed,
        ProxyRefusal::PathRefused,
        ProxyRefusal::AbsoluteTarget,
        ProxyRefusal::UnknownRoute,
        ProxyRefusal::MethodNotAllowed,
        ProxyRefusal::BodyTooLarge,
        ProxyRefusal::BodyUnreadable,
        ProxyRefusal::SandboxUnavailable,
        ProxyRefusal::Misconfigured,
    ];

    /// The stable `code` of the JSON body, e.g. `upstreamTimeout`.
    pub fn code(self) -> &'static str {
        match self {
            ProxyRefusal::UpstreamTimeout => "upstreamTimeout",
            ProxyRefusal::UpstreamUnreachable => "upstreamUnreachable",
            ProxyRefusal::UpstreamFailed => "upstreamFailed",
            ProxyRefusal::Overloaded => "overloaded",
            ProxyRefusal::RateLimited => "rateLimited",
            ProxyRefusal::OriginNotAllowed => "originNotAllowed",
            ProxyRefusal::HostNotAllowed => "hostNotAllowed",
            ProxyRefusal::PathRefused => "pathRefused",
            ProxyRefusal::AbsoluteTarget => "absoluteTarget",
            ProxyRefusal::UnknownRoute => "unknownRoute",
            ProxyRefusal::MethodNotAllowed => "methodNotAllowed",
            ProxyRefusal::BodyTooLarge => "bodyTooLarge",
            ProxyRefusal::BodyUnreadable => "bodyUnreadable",
            ProxyRefusal::SandboxUnavailable => "sandboxUnavailable",
            ProxyRefusal::Misconfigured => "proxyMisconfigured",
        }
    }

    /// The refusal with this `code`, or `None` for a code this version does not know.
    pub fn from_code(code: &str) -> Option<ProxyRefusal> {
        ProxyRefusal::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The HTTP status the proxy answers with.
    pub fn http_status(self) -> u16 {
        match self {
            ProxyRefusal::UpstreamTimeout => 504,
            ProxyRefusal::UpstreamUnreachable | ProxyRefusal::UpstreamFailed => 502,
            ProxyRefusal::Overloaded | ProxyRefusal::SandboxUnavailable => 503,
            ProxyRefusal::RateLimited => 429,
            ProxyRefusal::OriginNotAllowed | ProxyRefusal::HostNotAllowed => 403,
            ProxyRefusal::PathRefused
            | ProxyRefusal::AbsoluteTarget
            | ProxyRefusal::BodyUnreadable => 400,
            ProxyRefusal::UnknownRoute => 404,
            ProxyRefusal::MethodNotAllowed => 405,
            ProxyRefusal::BodyTooLarge => 413,
            ProxyRefusal::Misconfigured => 500,
        }
    }

    /// What to do about it, in one or two sentences (English).
    pub fn hint(self) -> &'static str {
        match self {
            ProxyRefusal::UpstreamTimeout
            | ProxyRefusal::UpstreamUnreachable
            | ProxyRefusal::UpstreamFailed => {
                "The proxy could not reach NCP in time (or the connection broke off): check this computer's network and that NCP is reachable from it, then retry."
            }
            ProxyRefusal::Overloaded | ProxyRefusal::RateLimited => {
                "The proxy is busy with other requests: wait a moment and retry."
            }
            ProxyRefusal::OriginNotAllowed | ProxyRefusal::HostNotAllowed => {
                "The proxy refuses this page's address: open the app at the proxy's own address (as printed when it started), or start the proxy with --allow-origin for this page's origin."
            }
            ProxyRefusal::PathRefused
            | ProxyRefusal::AbsoluteTarget
            | ProxyRefusal::UnknownRoute => {
                "The request path or the site/service is not one the proxy forwards: check the caTag and the site, and that the URL is the proxy's /ncp route."
            }
            ProxyRefusal::MethodNotAllowed => {
                "The proxy forwards only GET, POST, PUT and DELETE: use one of those."
            }
            ProxyRefusal::BodyTooLarge => {
                "The request body exceeds the proxy's --max-body: remove extra content from the pasted fields, or start the proxy with a larger --max-body."
            }
            ProxyRefusal::BodyUnreadable => {
                "The proxy did not receive the whole request body: check the network and retry."
            }
            ProxyRefusal::SandboxUnavailable => {
                "The proxy's sandbox failed to start: read the proxy's log, restart the proxy, then retry."
            }
            ProxyRefusal::Misconfigured => {
                "The proxy is misconfigured: read its log and restart it with corrected options."
            }
        }
    }
}

impl fmt::Display for ProxyRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new refusal fails to compile here until it gets an arm (numbered on, and counted in
    /// `ARMS`); the test then fails until `ALL` lists it.
    #[test]
    fn all_lists_every_refusal_once() {
        const ARMS: usize = 15;
        let position = |refusal: ProxyRefusal| -> usize {
            match refusal {
                ProxyRefusal::UpstreamTimeout => 0,
                ProxyRefusal::UpstreamUnreachable => 1,
                ProxyRefusal::UpstreamFailed => 2,
                ProxyRefusal::Overloaded => 3,
                ProxyRefusal::RateLimited => 4,
                ProxyRefusal::OriginNotAllowed => 5,
                ProxyRefusal::HostNotAllowed => 6,
                ProxyRefusal::PathRefused => 7,
                ProxyRefusal::AbsoluteTarget => 8,
                ProxyRefusal::UnknownRoute => 9,
                ProxyRefusal::MethodNotAllowed => 10,
                ProxyRefusal::BodyTooLarge => 11,
                ProxyRefusal::BodyUnreadable => 12,
                ProxyRefusal::SandboxUnavailable => 13,
                ProxyRefusal::Misconfigured => 14,
            }
        };
        assert_eq!(ProxyRefusal::ALL.len(), ARMS);
        for (i, refusal) in ProxyRefusal::ALL.into_iter().enumerate() {
            assert_eq!(position(refusal), i, "{refusal:?}");
            assert_eq!(ProxyRefusal::from_code(refusal.code()), Some(refusal));
            assert!((400..600).contains(&refusal.http_status()), "{refusal:?}");
        }
        assert_eq!(ProxyRefusal::from_code("teapot"), None);
    }
}
