//! The one table of operations ([`OperationKind`]) and [`Operation`], one operation's input,
//! ready to validate and build into a request. The inputs' types live in `input`,
//! `private_ca` and `certificate_manager`; the seeds' are re-exported here.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::certificate_manager::{
    DeleteCertificate, DownloadCertificate, GetCertificateChain, ListCertificates,
    ListCloudCertificates, ListDcvStatuses, ReissueCertificate, RevokeCertificate,
};
use crate::input::Input;
pub use crate::input::{
    ActivateSubCa, IssueEndCert, KeyType, Period, RequestCertificateIssuance, ValidationMethod,
    X509Parameters,
};
use crate::pem::PemRepair;
use crate::private_ca::{
    CreateCa, DeleteCa, GetCa, GetCaChain, GetCaCrl, GetCaList, GetEndCert, GetEndCertList,
    GetSubCsr, RevokeEndCert, SignEndCsr, SignSubCsr, UpdateCa,
};
use crate::problem::{Problem, ProblemCode, Severity};
use crate::site::{ApiVersion, Service};

/// The one table of operations: variant, input type, JS name, service, method and path
/// template. Everything that names an endpoint (requests, the sandbox's router, the app, npm,
/// the CLI) reads it from here.
macro_rules! operations {
    ($(
        $(#[$doc:meta])*
        $variant:ident($input:ty) = $js:literal, $service:ident, $method:literal, $template:literal;
    )*) => {
        /// Which operation (see [`OperationKind::ALL`] for the list).
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum OperationKind {
            $( $(#[$doc])* $variant, )*
        }

        impl OperationKind {
            /// Every operation, Private CA first.
            pub const ALL: [OperationKind; [$($js),*].len()] = [$(OperationKind::$variant),*];

            /// The JS name, e.g. `issueEndCert`.
            pub fn as_str(self) -> &'static str {
                match self { $(OperationKind::$variant => $js,)* }
            }

            /// The service that serves the operation.
            pub fn service(self) -> Service {
                match self { $(OperationKind::$variant => Service::$service,)* }
            }

            /// The HTTP method.
            pub fn method(self) -> &'static str {
                match self { $(OperationKind::$variant => $method,)* }
            }

            /// The path template with `{caTag}`, `{serialNo}` or `{certificateNo}` placeholders,
            /// e.g. `/api/v1/ca/{caTag}/cert/{serialNo}`.
            pub fn path_template(self) -> &'static str {
                match self { $(OperationKind::$variant => $template,)* }
            }

            /// Method and path template as documentation writes them, e.g.
            /// `POST /api/v1/ca/{caTag}/cert`.
            pub fn endpoint(self) -> alloc::string::String {
                alloc::format!("{} {}", self.method(), self.path_template())
            }
        }

        /// One operation's input, ready to validate and build into a request. Each input is
        /// boxed, so the enum is a pointer wide: moving the large ones through the readers and
        /// the request builder weighed 0.9 kB of the npm wasm (gzip). Build one with `.into()`.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Operation {
            $( $(#[$doc])* $variant(alloc::boxed::Box<$input>), )*
        }

        $(
            impl From<$input> for Operation {
                fn from(op: $input) -> Self {
                    Operation::$variant(alloc::boxed::Box::new(op))
                }
            }
        )*

        impl Operation {
            /// Which operation this is.
            pub fn kind(&self) -> OperationKind {
                match self { $(Operation::$variant(_) => OperationKind::$variant,)* }
            }

            fn input(&self) -> &dyn Input {
                match self { $(Operation::$variant(op) => &**op,)* }
            }

            fn input_mut(&mut self) -> &mut dyn Input {
                match self { $(Operation::$variant(op) => &mut **op,)* }
            }

            fn body_value(&self) -> serde_json::Result<String> {
                match self { $(Operation::$variant(op) => serde_json::to_string(&**op),)* }
            }

            fn read(kind: OperationKind, value: crate::json::Value) -> Result<Operation, crate::wire::ReadError> {
                Ok(match kind { $(OperationKind::$variant => Operation::$variant(crate::wire::read_object(value)?),)* })
            }
        }
    };
}

operations! {
    /// Private CA P1, Get CA List (JS `getCaList`).
    GetCaList(GetCaList) = "getCaList", PrivateCa, "GET", "/api/v1/ca";
    /// Private CA P2, Get CA (JS `getCa`).
    GetCa(GetCa) = "getCa", PrivateCa, "GET", "/api/v1/ca/{caTag}";
    /// Private CA P3, Create CA: a root, or a sub CA (JS `createCa`).
    CreateCa(CreateCa) = "createCa", PrivateCa, "POST", "/api/v1/ca";
    /// Private CA P4, Get Sub Csr (JS `getSubCsr`).
    GetSubCsr(GetSubCsr) = "getSubCsr", PrivateCa, "GET", "/api/v1/ca/{caTag}/sub/csr";
    /// Private CA P5, Sign Sub Csr (JS `signSubCsr`).
    SignSubCsr(SignSubCsr) = "signSubCsr", PrivateCa, "POST", "/api/v1/ca/{caTag}/sub/sign";
    /// Private CA: Activate Sub CA, a seed operation (JS `activateSubCa`).
    ActivateSubCa(ActivateSubCa) = "activateSubCa", PrivateCa, "POST", "/api/v1/ca/{caTag}/activate";
    /// Private CA: Issue End Cert, a seed operation (JS `issueEndCert`).
    IssueEndCert(IssueEndCert) = "issueEndCert", PrivateCa, "POST", "/api/v1/ca/{caTag}/cert";
    /// Private CA P13, Sign End Csr (JS `signEndCsr`).
    SignEndCsr(SignEndCsr) = "signEndCsr", PrivateCa, "POST", "/api/v1/ca/{caTag}/cert/sign";
    /// Private CA P6, Get End Cert List (JS `getEndCertList`).
    GetEndCertList(GetEndCertList) = "getEndCertList", PrivateCa, "GET", "/api/v1/ca/{caTag}/cert";
    /// Private CA P7, Get End Cert (JS `getEndCert`).
    GetEndCert(GetEndCert) = "getEndCert", PrivateCa, "GET", "/api/v1/ca/{caTag}/cert/{serialNo}";
    /// Private CA P8, Revoke End Cert (JS `revokeEndCert`).
    RevokeEndCert(RevokeEndCert) = "revokeEndCert", PrivateCa, "POST", "/api/v1/ca/{caTag}/cert/{serialNo}/revoke";
    /// Private CA P9, Get CA Chain (JS `getCaChain`).
    GetCaChain(GetCaChain) = "getCaChain", PrivateCa, "GET", "/api/v1/ca/{caTag}/chain";
    /// Private CA P10, Get CA Crl (JS `getCaCrl`).
    GetCaCrl(GetCaCrl) = "getCaCrl", PrivateCa, "GET", "/api/v1/ca/{caTag}/crl";
    /// Private CA P11, Update CA: change the status (JS `updateCa`).
    UpdateCa(UpdateCa) = "updateCa", PrivateCa, "PUT", "/api/v1/ca/{caTag}";
    /// Private CA P12, Delete CA (JS `deleteCa`).
    DeleteCa(DeleteCa) = "deleteCa", PrivateCa, "DELETE", "/api/v1/ca/{caTag}";
    /// Certificate Manager: Request Certificate Issuance, a seed operation (JS
    /// `requestCertificateIssuance`).
    RequestCertificateIssuance(RequestCertificateIssuance) = "requestCertificateIssuance", CertificateManager, "POST", "/api/v2/certificate/requestCertificateIssuance";
    /// Certificate Manager C1, ListCloudCertificates (JS `listCloudCertificates`).
    ListCloudCertificates(ListCloudCertificates) = "listCloudCertificates", CertificateManager, "GET", "/api/v2/certificate/getCertificates";
    /// Certificate Manager C1b, ListCertificates, the older list path (JS `listCertificates`).
    ListCertificates(ListCertificates) = "listCertificates", CertificateManager, "GET", "/api/v2/certificate/certificates";
    /// Certificate Manager C2, ListDcvStatuses (JS `listDcvStatuses`).
    ListDcvStatuses(ListDcvStatuses) = "listDcvStatuses", CertificateManager, "GET", "/api/v2/certificate/getVerificationInfo/{certificateNo}";
    /// Certificate Manager C3, DeleteCertificate (JS `deleteCertificate`).
    DeleteCertificate(DeleteCertificate) = "deleteCertificate", CertificateManager, "DELETE", "/api/v2/certificate/deleteCertificate/{certificateNo}";
    /// Certificate Manager C4, ReissueCertificate (JS `reissueCertificate`).
    ReissueCertificate(ReissueCertificate) = "reissueCertificate", CertificateManager, "POST", "/api/v2/certificate/{certificateNo}/reissue";
    /// Certificate Manager C5, DownloadCertificate: a ZIP of PEM files (JS
    /// `downloadCertificate`).
    DownloadCertificate(DownloadCertificate) = "downloadCertificate", CertificateManager, "POST", "/api/v2/certificate/exportCertificate/{certificateNo}";
    /// Certificate Manager C6, GetCertificateChain (JS `getCertificateChain`).
    GetCertificateChain(GetCertificateChain) = "getCertificateChain", CertificateManager, "GET", "/api/v2/certificate/exportCertificate/{certificateNo}/chain";
    /// Certificate Manager C7, RevokeCertificate (JS `revokeCertificate`).
    RevokeCertificate(RevokeCertificate) = "revokeCertificate", CertificateManager, "POST", "/api/v2/certificate/revoke";
}

/// Path parameters read by [`OperationKind::route`]: `("caTag", "…")`, `("serialNo", "…")`,
/// `("certificateNo", "…")`, decoded.
pub type PathParams = Vec<(&'static str, String)>;

impl OperationKind {
    /// The API version of the operation's path.
    pub fn api_version(self) -> ApiVersion {
        if self.path_template().starts_with("/api/v2/") {
            ApiVersion::V2
        } else {
            ApiVersion::V1
        }
    }

    /// Whether every call of the operation destroys something that cannot be undone (revoke,
    /// delete): clients ask for an explicit confirmation first. Update CA is destructive only
    /// when it schedules deletion: ask [`Operation::is_destructive`].
    pub fn is_destructive(self) -> bool {
        matches!(
            self,
            OperationKind::RevokeEndCert
                | OperationKind::DeleteCa
                | OperationKind::DeleteCertificate
                | OperationKind::RevokeCertificate
        )
    }

    /// Matches a request's method and path (without query; `%3A` read as `:`) against the
    /// path templates: the operation and its path parameters, or `None`. Literal segments win
    /// over parameters (`…/cert/sign` is Sign End Csr, not a serial number).
    pub fn route(method: &str, path: &str) -> Option<(OperationKind, PathParams)> {
        let segments: Vec<&str> = path.split('/').collect();
        let mut best: Option<(usize, OperationKind, PathParams)> = None;
        for kind in OperationKind::ALL {
            if !kind.method().eq_ignore_ascii_case(method) {
                continue;
            }
            let template: Vec<&'static str> = kind.path_template().split('/').collect();
            if template.len() != segments.len() {
                continue;
            }
            let mut params = Vec::new();
            let mut literals = 0;
            let matched = template.iter().zip(&segments).all(|(t, s)| {
                if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    let value = crate::percent::percent_decode(s);
                    let ok = !value.is_empty();
                    params.push((name, value));
                    ok
                } else {
                    literals += 1;
                    t == s
                }
            });
            if matched && best.as_ref().is_none_or(|(n, _, _)| literals > *n) {
                best = Some((literals, kind, params));
            }
        }
        best.map(|(_, kind, params)| (kind, params))
    }
}

impl fmt::Display for OperationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OperationKind {
    type Err = Problem;

    /// Parses a JS name such as `issueEndCert` or `listDcvStatuses`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OperationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = OperationKind::ALL.iter().map(|k| k.as_str()).collect();
                Problem::new(
                    "operation",
                    ProblemCode::UnknownOperation,
                    format!("unknown operation {s:?}: use one of {}", names.join(", ")),
                )
            })
    }
}

impl Operation {
    /// Reads an operation's input from JSON using the vendor's field names (plus the path
    /// parameters `caTag`, `serialNo` and `certificateNo`, and query parameters by their
    /// documented names).
    ///
    /// Only JSON that is not an object, or has a field of an impossible shape (an object where
    /// a string belongs), fails here, as one [`ProblemCode::InvalidJson`] problem whose message
    /// names the field; bad values are left for [`Operation::validate`].
    pub fn from_json(kind: OperationKind, json: &str) -> Result<Operation, Problem> {
        let invalid = |detail: String| {
            Problem::new(
                "",
                ProblemCode::InvalidJson,
                format!("the input is not a valid JSON object for this operation: {detail}"),
            )
        };
        let value = crate::json::parse(json).map_err(|e| invalid(e.to_string()))?;
        Operation::read(kind, value).map_err(|e| invalid(e.to_string()))
    }

    /// The service that serves it.
    pub fn service(&self) -> Service {
        self.kind().service()
    }

    /// The API version of its path.
    pub fn api_version(&self) -> ApiVersion {
        self.kind().api_version()
    }

    /// The HTTP method (the kind's, except a Download Certificate retried the older way).
    pub fn method(&self) -> &'static str {
        match self {
            Operation::DownloadCertificate(op) if op.via_get => "GET",
            _ => self.kind().method(),
        }
    }

    /// The full upstream path with its query, exactly as sent and signed, e.g.
    /// `/api/v1/ca/4b0bbe37-eeea93b8/cert/5d:8a` or
    /// `/api/v2/certificate/getVerificationInfo/123?domainAddress=example.com`.
    ///
    /// Path parameters go in as given (validation refuses every character that would need
    /// encoding; colons in serial numbers are legal in a path); query values are
    /// percent-encoded once.
    pub fn path_and_query(&self) -> String {
        let input = self.input();
        let mut path = String::new();
        for (i, segment) in self.kind().path_template().split('/').enumerate() {
            if i > 0 {
                path.push('/');
            }
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => path.push_str(input.path_param(name)),
                None => path.push_str(segment),
            }
        }
        let query = input.query();
        for (i, (name, value)) in query.iter().enumerate() {
            path.push(if i == 0 { '?' } else { '&' });
            path.push_str(name);
            path.push('=');
            path.push_str(&crate::percent::percent_encode(value));
        }
        path
    }

    /// The request body: compact JSON with the vendor's field names, or `None` for an
    /// operation that sends none (GET, DELETE, Revoke End Cert).
    pub fn body_json(&self) -> Option<String> {
        let sends_body = matches!(self.method(), "POST" | "PUT") && self.input().has_body();
        // Serializing these plain structs cannot fail; `ok()` only avoids a panic path.
        sends_body.then(|| self.body_value().ok()).flatten()
    }

    /// Every problem that blocks sending (documented rules), in field order; empty when the
    /// input can be sent.
    pub fn validate(&self) -> Vec<Problem> {
        self.problems()
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect()
    }

    /// Our own advice beyond the documented rules: shown, never blocking a send.
    pub fn warnings(&self) -> Vec<Problem> {
        self.problems()
            .into_iter()
            .filter(|p| p.severity == Severity::Warning)
            .collect()
    }

    /// Errors and warnings together, in field order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        self.input().check(&mut out);
        out
    }

    /// Normalises the PEM fields to NCP's layout ([`crate::pem::normalise`]) and reports each
    /// repair with its field.
    pub fn normalise_pem(&mut self) -> Vec<PemRepair> {
        let mut repairs = Vec::new();
        for (field, text) in self.input_mut().pem_fields() {
            let (clean, codes) = crate::pem::normalise(text);
            if !codes.is_empty() {
                *text = clean;
                repairs.extend(codes.into_iter().map(|code| PemRepair::new(field, code)));
            }
        }
        repairs
    }

    /// Whether this call destroys something that cannot be undone: a revocation, a deletion,
    /// or an Update CA to `DESTROYING` (the CA and its sub CAs are deleted after 72 hours,
    /// P11). Clients ask for an explicit confirmation first.
    pub fn is_destructive(&self) -> bool {
        match self {
            Operation::UpdateCa(op) => op.status == "DESTROYING",
            _ => self.kind().is_destructive(),
        }
    }

    /// The same request the older documented way, for a client to retry once when the
    /// gateway answers that the path or method is unknown ([`wants_fallback`]): List Cloud
    /// Certificates falls back to List Certificates (which takes no filter: filter the answer
    /// by name yourself), Download Certificate from POST to GET (ncp-operations.md C1, C5).
    pub fn fallback(&self) -> Option<Operation> {
        match self {
            Operation::ListCloudCertificates(_) => Some(ListCertificates::default().into()),
            Operation::DownloadCertificate(op) if !op.via_get => Some(
                DownloadCertificate {
                    via_get: true,
                    ..(**op).clone()
                }
                .into(),
            ),
            _ => None,
        }
    }
}

/// Whether an answer says the path or method is unknown to the gateway (HTTP 404 or 405, or
/// gateway errorCode 300): the cue to retry with [`Operation::fallback`].
pub fn wants_fallback(status: u16, body: &str) -> bool {
    if status == 404 || status == 405 {
        return true;
    }
    let body = crate::json::parse(body).ok();
    match body.as_ref().and_then(|v| v.get("error")?.get("errorCode")) {
        Some(crate::json::Value::String(code)) => code == "300",
        Some(crate::json::Value::Number(code)) => code.as_i64() == Some(300),
        _ => false,
    }
}
