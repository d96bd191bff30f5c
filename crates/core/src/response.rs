//! Typed success bodies and the classification of failures into kinds a user can act on.
//!
//! Parsing is tolerant: unknown fields are ignored, the Activate Sub CA page's typo spellings
//! (`contry`, `organicationUnit`, `issueName`) are accepted for the correct ones (both spellings
//! of one field at once fail: which to believe is not known), `caChain`
//! may be a string or an array, numbers may arrive as strings and strings as numbers, `null`
//! is as good as absent. Success types serialize camelCase for JS.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

use crate::certificate_manager::{
    CertificateArchive, CertificateChain, CertificateList, CmResult, DcvStatuses,
};
use crate::json::{self, Map, Value};
use crate::operation::OperationKind;
pub use crate::private_ca::{CaCertInfo, CaInfo, UrlInfo};
use crate::private_ca::{CaDetail, CaList, EndCert, EndCertList, SignedCertificate, SubCsr};
use crate::problem::field_for_ncp_code;
use crate::refusal::ProxyRefusal;
use crate::secret::Secret;
use crate::site::Service;
use crate::wire::{self as lenient, Fields, FromFields};

/// Success body of Issue End Cert (`data` of the Private CA envelope). `Debug` prints
/// `<redacted>` instead of the private key.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IssueEndCertResponse {
    /// The new certificate's private key (PEM). Only ever returned once: keep it.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub private_key: Secret,
    /// The certificate (PEM).
    pub certificate: String,
    /// Serial number, colon-separated hex.
    pub serial_no: String,
    /// CA chain PEM(s): one entry per string NCP returned (documented as one string; a
    /// sibling operation returns an array).
    pub ca_chain: Vec<String>,
    /// OCSP responder certificate (PEM), often empty.
    pub ocsp_responder: String,
    /// Issuing CA certificate (PEM).
    pub issuer: String,
}

impl FromFields for IssueEndCertResponse {
    fn from_fields(fields: &mut Fields) -> Self {
        IssueEndCertResponse {
            private_key: fields.secret("privateKey"),
            certificate: fields.string("certificate"),
            serial_no: fields.string("serialNo"),
            ca_chain: fields.string_or_list("caChain"),
            ocsp_responder: fields.string("ocspResponder"),
            issuer: fields.string("issuer"),
        }
    }
}

/// Success body of Activate Sub CA.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ActivateSubCaResponse {
    /// The CA.
    pub ca_info: CaInfo,
    /// The CA's certificate.
    pub ca_cert_info: CaCertInfo,
}

impl FromFields for ActivateSubCaResponse {
    fn from_fields(fields: &mut Fields) -> Self {
        ActivateSubCaResponse {
            ca_info: fields.object("caInfo"),
            ca_cert_info: fields.object("caCertInfo"),
        }
    }
}

/// Success body of Request Certificate Issuance (flat Certificate Manager body).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RequestCertificateIssuanceResponse {
    /// `"0"` on success.
    pub return_code: String,
    /// E.g. `Success`.
    pub return_message: String,
    /// Total rows (0 for this operation).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_rows: Option<i64>,
    /// The certificate's name.
    pub certificate_name: String,
    /// The CN.
    pub common_name: String,
    /// SAN domains (one comma-separated string on the wire, split here).
    pub dns_name: Vec<String>,
    /// Validation method, e.g. `D`.
    pub validation_method: String,
    /// Request identifier, used to follow up on the request.
    pub request_sn: String,
}

impl FromFields for RequestCertificateIssuanceResponse {
    fn from_fields(fields: &mut Fields) -> Self {
        RequestCertificateIssuanceResponse {
            return_code: fields.string("returnCode"),
            return_message: fields.string("returnMessage"),
            total_rows: fields.opt_i64("totalRows"),
            certificate_name: fields.string("certificateName"),
            common_name: fields.string("commonName"),
            dns_name: fields.comma_list("dnsName"),
            validation_method: fields.string("validationMethod"),
            request_sn: fields.string("requestSn"),
        }
    }
}

/// A parsed success body. Serializes as the inner body (untagged): the caller knows the kind.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
// Every model boxed, so the enum is a pointer wide: moving the large ones (a CA's detail is
// 600 bytes) through the readers and results weighed 0.9 kB of the npm wasm (gzip).
#[non_exhaustive]
pub enum ResponseData {
    /// Issue End Cert.
    IssueEndCert(Box<IssueEndCertResponse>),
    /// Activate Sub CA.
    ActivateSubCa(Box<ActivateSubCaResponse>),
    /// Request Certificate Issuance.
    RequestCertificateIssuance(Box<RequestCertificateIssuanceResponse>),
    /// Get CA List.
    CaList(Box<CaList>),
    /// Get CA, Create CA, Update CA.
    Ca(Box<CaDetail>),
    /// Get Sub Csr.
    SubCsr(Box<SubCsr>),
    /// Sign Sub Csr, Sign End Csr.
    SignedCertificate(Box<SignedCertificate>),
    /// Get End Cert List.
    EndCertList(Box<EndCertList>),
    /// Get End Cert.
    EndCert(Box<EndCert>),
    /// Get CA Chain, Get CA Crl: the PEM text that is the whole `data`.
    Pem(String),
    /// Revoke End Cert, Delete CA: success without data (`null`).
    Done,
    /// List Cloud Certificates, List Certificates.
    CertificateList(Box<CertificateList>),
    /// List Dcv Statuses.
    DcvStatuses(Box<DcvStatuses>),
    /// Get Certificate Chain.
    CertificateChain(Box<CertificateChain>),
    /// Download Certificate: the ZIP archive.
    CertificateArchive(CertificateArchive),
    /// Delete, Reissue and Revoke Certificate: the envelope and its count.
    CmResult(Box<CmResult>),
}

/// What kind of failure, phrased by what the user can do about it.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
// Not `non_exhaustive`: the app translates every kind, so a new kind without a translation
// fails to compile (see `ALL`).
pub enum FailureKind {
    /// `badRequest`: the gateway could not read the request (gateway 100).
    BadRequest,
    /// `authFailed`: bad signature, unknown key, or a clock 5 minutes or more off (gateway 200).
    AuthFailed,
    /// `permissionDenied`: the key lacks permission for this API (gateway 210).
    PermissionDenied,
    /// `forbidden`: access forbidden (gateway 230, or HTTP 403).
    Forbidden,
    /// `subAccountForbidden`: Certificate Manager v2 answered 403 with an empty body, which
    /// it does for sub-account keys.
    SubAccountForbidden,
    /// `notFound`: wrong path (gateway 300, HTTP 404), often a path without `/api/v1`.
    NotFound,
    /// `throttled`: quota or rate limit (gateway 400/410/420, HTTP 429).
    Throttled,
    /// `tooLarge`: request entity too large (gateway 430, HTTP 413).
    TooLarge,
    /// `timeout`: the service did not answer the gateway in time (gateway 510, HTTP 504).
    Timeout,
    /// `serverError`: NCP-side failure (gateway 500/900, HTTP 5xx).
    ServerError,
    /// `caNotActive`: the CA is not in a state that allows this (`INVALID_CA_STATUS`).
    CaNotActive,
    /// `caNotFound`: no CA with this tag (`NOT_EXIST_CASTORE`).
    CaNotFound,
    /// `invalidInput`: the service rejected a field.
    InvalidInput,
    /// `serviceError`: the service answered with another error code.
    ServiceError,
    /// `notJson`: the body is not JSON (often an HTML page from a wrong URL).
    NotJson,
    /// `unexpectedResponse`: JSON, but not in any known envelope.
    UnexpectedResponse,
    /// `proxyRefused`: the project's proxy answered itself (`{"error":{"code":..}}`, e.g.
    /// `upstreamTimeout`, `originNotAllowed`) instead of forwarding to NCP; the proxy's code is
    /// kept in [`Failure::code`] and the hint is chosen by that code
    /// ([`ProxyRefusal::hint`]).
    ProxyRefused,
}

impl FailureKind {
    /// Every kind, for documentation and translation tables.
    pub const ALL: [FailureKind; 17] = [
        FailureKind::BadRequest,
        FailureKind::AuthFailed,
        FailureKind::PermissionDenied,
        FailureKind::Forbidden,
        FailureKind::SubAccountForbidden,
        FailureKind::NotFound,
        FailureKind::Throttled,
        FailureKind::TooLarge,
        FailureKind::Timeout,
        FailureKind::ServerError,
        FailureKind::CaNotActive,
        FailureKind::CaNotFound,
        FailureKind::InvalidInput,
        FailureKind::ServiceError,
        FailureKind::NotJson,
        FailureKind::UnexpectedResponse,
        FailureKind::ProxyRefused,
    ];

    /// The stable camelCase string, e.g. `authFailed`.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::BadRequest => "badRequest",
            FailureKind::AuthFailed => "authFailed",
            FailureKind::PermissionDenied => "permissionDenied",
            FailureKind::Forbidden => "forbidden",
            FailureKind::SubAccountForbidden => "subAccountForbidden",
            FailureKind::NotFound => "notFound",
            FailureKind::Throttled => "throttled",
            FailureKind::TooLarge => "tooLarge",
            FailureKind::Timeout => "timeout",
            FailureKind::ServerError => "serverError",
            FailureKind::CaNotActive => "caNotActive",
            FailureKind::CaNotFound => "caNotFound",
            FailureKind::InvalidInput => "invalidInput",
            FailureKind::ServiceError => "serviceError",
            FailureKind::NotJson => "notJson",
            FailureKind::UnexpectedResponse => "unexpectedResponse",
            FailureKind::ProxyRefused => "proxyRefused",
        }
    }

    /// What to do about it, in one or two sentences.
    pub fn default_hint(self) -> &'static str {
        match self {
            FailureKind::BadRequest => {
                "The gateway could not read the request: check the URL and that the body is JSON sent with Content-Type: application/json."
            }
            FailureKind::AuthFailed => {
                "Check the access key and secret key (copy them again from the NCP console), and that this computer's clock is within 5 minutes of the real time: the gateway rejects requests whose timestamp is 5 minutes or more off."
            }
            FailureKind::PermissionDenied => {
                "The key has no permission for this API: grant the user access to the service in Sub Account, or use the main account's key."
            }
            FailureKind::Forbidden => {
                "Access is forbidden for this key: check the user's permissions in Sub Account."
            }
            FailureKind::SubAccountForbidden => {
                "Certificate Manager API v2 answers 403 with an empty body to sub-account keys: use the main account's API key for this operation."
            }
            FailureKind::NotFound => {
                "The path was not found: it must start with /api/v1 (Private CA) or /api/v2 (Certificate Manager), and the host must match the site; also check the caTag."
            }
            FailureKind::Throttled => "Too many requests: wait a minute and retry.",
            FailureKind::TooLarge => {
                "The request is too large: check the pasted PEM fields for extra content."
            }
            FailureKind::Timeout => {
                "The service did not answer in time: retry later; if it repeats, check the NCP status page."
            }
            FailureKind::ServerError => {
                "NCP had an internal error: retry later; if it repeats, contact NCP support with the time of the request."
            }
            FailureKind::CaNotActive => {
                "NCP refused the CA in its current status: Issue End Cert and Sign End Csr need an ACTIVE CA, Activate Sub CA a PENDING one, and Update CA another status than the CA has. List the CAs to see its status, then pick a CA in the status needed (or change its status) and retry."
            }
            FailureKind::CaNotFound => {
                "No CA with this tag: copy the caTag again from the Private CA console and check that the site is right."
            }
            FailureKind::InvalidInput => {
                "NCP rejected the input: correct the field named in the message and retry."
            }
            FailureKind::ServiceError => {
                "The service reported an error: read its message; retry if it looks temporary."
            }
            FailureKind::NotJson => {
                "The answer was not JSON: check that the URL points at the NCP API (or the project's proxy or sandbox), not a web page."
            }
            FailureKind::UnexpectedResponse => {
                "The answer is JSON but not in a known format: check the URL and the operation."
            }
            FailureKind::ProxyRefused => {
                "The project's proxy did not forward the request to NCP: read its message, correct the request or the proxy's settings, then retry."
            }
        }
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed call: kind, the vendor's code if any, its message, and what to do.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// What kind of failure.
    pub kind: FailureKind,
    /// The vendor's code: gateway `errorCode`, Private CA `code`, or Certificate Manager
    /// `returnCode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub code: Option<String>,
    /// What happened, including the HTTP status and the vendor's message.
    pub message: String,
    /// What the user should do.
    pub hint: String,
}

impl Failure {
    /// A failure of `kind` with its default hint.
    ///
    /// Any PEM private key in `code` or `message` (which can quote a response body) is
    /// replaced by `[private key removed]`: failures are shown and logged.
    pub fn new(kind: FailureKind, code: Option<String>, message: impl Into<String>) -> Self {
        let scrub = |text: String| {
            if text.contains("-----BEGIN ") {
                crate::pem::scrub_private_keys(&text)
            } else {
                text
            }
        };
        Self {
            kind,
            code: code.map(scrub),
            message: scrub(message.into()),
            hint: kind.default_hint().to_string(),
        }
    }

    /// Adds what the measured clock skew (server minus local, from
    /// [`clock_skew_ms`](crate::clock::clock_skew_ms)) says to an `authFailed` hint; other
    /// kinds are returned unchanged.
    pub fn with_clock_skew(mut self, skew_ms: i64) -> Self {
        if self.kind != FailureKind::AuthFailed {
            return self;
        }
        let seconds = skew_ms.unsigned_abs() / 1000;
        let amount = format!("{} min {} s", seconds / 60, seconds % 60);
        let direction = if skew_ms > 0 { "behind" } else { "ahead of" };
        self.hint = if !crate::clock::correction_allowed(skew_ms) {
            format!(
                "The server's Date says this computer's clock is {amount} {direction} it: more than the 1 hour a client corrects by itself, so nothing was re-signed. Correct this computer's clock if it is wrong; if it is right, the endpoint is not telling the true time (is the base URL really NCP or your proxy?)."
            )
        } else if crate::clock::skew_rejected(skew_ms) {
            format!(
                "This computer's clock is {amount} {direction} the server's; the gateway rejects 5 minutes or more. Correct the clock (enable automatic time), then retry."
            )
        } else {
            format!(
                "This computer's clock is within {amount} of the server's, so the clock is fine: check the access key and secret key (copy them again from the NCP console) and that the key belongs to this site."
            )
        };
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        write!(f, ": {} {}", self.message, self.hint)
    }
}

impl core::error::Error for Failure {}

/// Parses the answer to `kind` (HTTP `status`, `body`) into its success data, or classifies
/// the failure.
///
/// Order of checks: empty body (403 from Certificate Manager: sub-account key), not JSON,
/// gateway `{"error":{...}}` envelope, then the service's own envelope: Private CA `code`
/// must be `SUCCESS`; Certificate Manager `returnCode` must be `"0"` even on HTTP 200.
pub fn parse_response(
    kind: OperationKind,
    status: u16,
    body: &str,
) -> Result<ResponseData, Failure> {
    parse_response_bytes(kind, status, body.as_bytes())
}

/// [`parse_response`] for a body as bytes, which Download Certificate needs: its success is a
/// ZIP archive (`PK` magic), its failure a Certificate Manager JSON envelope (C5). Other
/// operations' bodies are read as UTF-8 text.
pub fn parse_response_bytes(
    kind: OperationKind,
    status: u16,
    bytes: &[u8],
) -> Result<ResponseData, Failure> {
    if kind == OperationKind::DownloadCertificate && is_success(status) && bytes.starts_with(b"PK")
    {
        return Ok(ResponseData::CertificateArchive(CertificateArchive {
            zip: bytes.to_vec(),
        }));
    }
    let text = String::from_utf8_lossy(bytes);
    let body: &str = &text;
    let service = kind.service();
    if body.trim().is_empty() {
        if status == 403 && service == Service::CertificateManager {
            return Err(Failure::new(
                FailureKind::SubAccountForbidden,
                None,
                "HTTP 403 with an empty body",
            ));
        }
        let kind = if is_success(status) {
            FailureKind::UnexpectedResponse
        } else {
            kind_for_status(status)
        };
        return Err(Failure::new(
            kind,
            None,
            format!("HTTP {status} with an empty body"),
        ));
    }
    let value: Value = match json::parse(body) {
        Ok(value) => value,
        Err(_) => {
            return Err(Failure::new(
                FailureKind::NotJson,
                None,
                format!("HTTP {status}; the body is not JSON: {}", snippet(body)),
            ))
        }
    };
    if let Some(error) = value.get("error").filter(|e| e.is_object()) {
        return Err(gateway_failure(status, error));
    }
    match service {
        Service::PrivateCa => private_ca(kind, status, value),
        Service::CertificateManager => certificate_manager(kind, status, value),
    }
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn kind_for_status(status: u16) -> FailureKind {
    match status {
        400 => FailureKind::BadRequest,
        401 => FailureKind::AuthFailed,
        403 => FailureKind::Forbidden,
        404 => FailureKind::NotFound,
        413 => FailureKind::TooLarge,
        429 => FailureKind::Throttled,
        504 => FailureKind::Timeout,
        500..=599 => FailureKind::ServerError,
        _ => FailureKind::UnexpectedResponse,
    }
}

/// A string or number field as a string.
fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A refusal of the project's proxy: `{"error":{"code":"<string>","message":..}}`, without the
/// gateway's `errorCode`.
fn proxy_failure(status: u16, error: &Value) -> Option<Failure> {
    if error.get("errorCode").is_some() {
        return None;
    }
    let code = error.get("code")?.as_str()?.to_string();
    let message = format!(
        "HTTP {status}, the proxy refused ({code}): {}",
        scalar(error.get("message")).unwrap_or_else(|| "(no message)".to_string())
    );
    let mut failure = Failure::new(FailureKind::ProxyRefused, None, message);
    if let Some(refusal) = ProxyRefusal::from_code(&code) {
        failure.hint = refusal.hint().to_string();
    }
    failure.code = Some(code);
    Some(failure)
}

fn gateway_failure(status: u16, error: &Value) -> Failure {
    if let Some(failure) = proxy_failure(status, error) {
        return failure;
    }
    let code = scalar(error.get("errorCode"));
    let kind = match code.as_deref() {
        Some("100") => FailureKind::BadRequest,
        Some("200") => FailureKind::AuthFailed,
        Some("210") => FailureKind::PermissionDenied,
        Some("230") => FailureKind::Forbidden,
        Some("300") => FailureKind::NotFound,
        Some("400" | "410" | "420") => FailureKind::Throttled,
        Some("430") => FailureKind::TooLarge,
        Some("510") => FailureKind::Timeout,
        Some("500" | "900") => FailureKind::ServerError,
        _ => kind_for_status(status),
    };
    let mut message = format!(
        "HTTP {status}, gateway error: {}",
        scalar(error.get("message")).unwrap_or_else(|| "(no message)".to_string())
    );
    if let Some(details) = scalar(error.get("details")) {
        message.push_str(&format!(" ({details})"));
    }
    Failure::new(kind, code, message)
}

/// A JSON body without the service's result field: unexpected on a success status, else
/// classified by the status alone.
fn missing_envelope_field(status: u16, value: &Value, field: &str) -> Failure {
    let kind = if is_success(status) {
        FailureKind::UnexpectedResponse
    } else {
        kind_for_status(status)
    };
    Failure::new(
        kind,
        None,
        format!(
            "HTTP {status}; the body has no {field}: {}",
            snippet(&value.to_string())
        ),
    )
}

fn private_ca(kind: OperationKind, status: u16, mut value: Value) -> Result<ResponseData, Failure> {
    let Some(code) = scalar(value.get("code")) else {
        return Err(missing_envelope_field(
            status,
            &value,
            "Private CA \"code\"",
        ));
    };
    let msg = scalar(value.get("msg")).unwrap_or_default();
    if code != "SUCCESS" {
        let failure_kind = match code.as_str() {
            "INVALID_CA_STATUS" => FailureKind::CaNotActive,
            "NOT_EXIST_CASTORE" => FailureKind::CaNotFound,
            c if c.starts_with("INVALID_")
                || c.starts_with("EXCEED_")
                || c.starts_with("EMPTY_") =>
            {
                FailureKind::InvalidInput
            }
            _ if status == 400 => FailureKind::InvalidInput,
            _ => FailureKind::ServiceError,
        };
        let mut failure = Failure::new(
            failure_kind,
            Some(code.clone()),
            format!("HTTP {status}, Private CA {code}: {msg}"),
        );
        // The docs give no failure codes (P0's Code column is "-"); NCP's client ties these to
        // one field each, but the same code may come back about another field: trust the code's
        // field only when the message does not name a different one.
        if let Some(field) = field_for_ncp_code(&code) {
            if message_is_about(&msg, field) {
                failure.hint = format!("NCP rejected {field}: correct it and retry.");
            }
        }
        return Err(failure);
    }
    let data = value
        .get_mut("data")
        .map(Value::take)
        .unwrap_or(Value::Null);
    private_ca_data(kind, value, data).map_err(|e| {
        Failure::new(
            FailureKind::UnexpectedResponse,
            Some(code),
            format!(
                "HTTP {status}; the data could not be read: {}",
                crate::pem::scrub_private_keys(&e.to_string())
            ),
        )
    })
}

/// Reads a Private CA success `data` as `kind`'s result, with the Client readings.
fn private_ca_data(
    kind: OperationKind,
    envelope: Value,
    mut data: Value,
) -> Result<ResponseData, String> {
    use OperationKind as K;
    let object = |data: Value| -> Result<Value, String> {
        if data.is_object() {
            Ok(data)
        } else {
            Err(format!(
                "expected a data object, found {}",
                lenient::kind_name(&data)
            ))
        }
    };
    // P5, P7, P13: the tables list the fields without `data.`; read them from the top level
    // when `data` is absent.
    let data_or_top = |data: Value| -> Value {
        if data.is_object() {
            data
        } else {
            let mut top = envelope;
            if let Some(fields) = top.as_object_mut() {
                fields.remove("code");
                fields.remove("msg");
                fields.remove("data");
            }
            top
        }
    };
    fn read<T: FromFields>(value: Value) -> Result<T, String> {
        lenient::read_object(value).map_err(|e| e.to_string())
    }
    Ok(match kind {
        K::IssueEndCert => ResponseData::IssueEndCert(read(object(data)?)?),
        K::ActivateSubCa => {
            lift_ca_fields(&mut data);
            ResponseData::ActivateSubCa(read(object(data)?)?)
        }
        K::GetCa | K::CreateCa | K::UpdateCa => {
            // Update CA's old revision answers a flat caInfo-like object (P11).
            let flat = data.is_object()
                && data.get("caInfo").is_none()
                && data.get("caTag").is_some()
                && kind == K::UpdateCa;
            if flat {
                let mut wrapped = Map::new();
                wrapped.insert("caInfo".to_string(), data);
                data = Value::Object(wrapped);
            }
            lift_ca_fields(&mut data);
            ResponseData::Ca(read(object(data)?)?)
        }
        K::GetCaList => {
            let mut data = object(data)?;
            if let Some(items) = data.get_mut("caInfoList").and_then(Value::as_array_mut) {
                items.iter_mut().for_each(lift_ca_fields);
            }
            ResponseData::CaList(read(data)?)
        }
        K::GetSubCsr => ResponseData::SubCsr(read(object(data)?)?),
        K::SignSubCsr | K::SignEndCsr => ResponseData::SignedCertificate(read(data_or_top(data))?),
        K::GetEndCertList => ResponseData::EndCertList(read(object(data)?)?),
        K::GetEndCert => ResponseData::EndCert(read(data_or_top(data))?),
        K::GetCaChain | K::GetCaCrl => match data {
            Value::String(pem) => ResponseData::Pem(pem),
            // Not documented, but a list of PEM strings means the same.
            Value::Array(items) => ResponseData::Pem(
                items
                    .into_iter()
                    .map(lenient::text)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            other => {
                return Err(format!(
                    "expected the PEM text as data, found {}",
                    lenient::kind_name(&other)
                ))
            }
        },
        K::RevokeEndCert | K::DeleteCa => ResponseData::Done,
        other => return Err(format!("{other} is not a Private CA operation")),
    })
}

/// Whether a failure message is about `field` (its last segment, as written or spaced out
/// like P0's "common name is missing."), or names no field at all.
fn message_is_about(msg: &str, field: &str) -> bool {
    let name = field.rsplit('.').next().unwrap_or(field);
    let spaced: String = name
        .chars()
        .flat_map(|c| {
            let space = c.is_ascii_uppercase().then_some(' ');
            space
                .into_iter()
                .chain(core::iter::once(c.to_ascii_lowercase()))
        })
        .collect();
    let lower = msg.to_ascii_lowercase();
    let names_a_field = lower.contains(" is missing") || lower.contains(':');
    !names_a_field || lower.contains(&name.to_ascii_lowercase()) || lower.contains(&spaced)
}

/// The Activate Sub CA field table places `caTag`, `rgstDate`, `status` and `destroyDate`
/// directly under `data`, its example inside `caInfo`: accept both by moving data-level
/// values into `caInfo` where it lacks them.
fn lift_ca_fields(data: &mut Value) {
    let Some(object) = data.as_object_mut() else {
        return;
    };
    let lifted: Vec<(String, Value)> = ["caTag", "rgstDate", "status", "destroyDate"]
        .into_iter()
        .filter_map(|key| object.get(key).map(|v| (key.to_string(), v.clone())))
        .collect();
    if lifted.is_empty() {
        return;
    }
    if object.get("caInfo").is_none() {
        object.insert("caInfo".to_string(), Value::Object(Map::new()));
    }
    if let Some(ca_info) = object.get_mut("caInfo").and_then(Value::as_object_mut) {
        for (key, value) in lifted {
            let missing = ca_info.get(&key).is_none_or(Value::is_null);
            if missing {
                ca_info.insert(key, value);
            }
        }
    }
}

fn certificate_manager(
    kind: OperationKind,
    status: u16,
    value: Value,
) -> Result<ResponseData, Failure> {
    let Some(code) = scalar(value.get("returnCode")) else {
        return Err(missing_envelope_field(
            status,
            &value,
            "Certificate Manager \"returnCode\"",
        ));
    };
    let message = scalar(value.get("returnMessage")).unwrap_or_default();
    if code != "0" {
        let (kind, hint) = if code == "2201" {
            (
                FailureKind::InvalidInput,
                Some("Certificate Manager rejected dnsName: each entry must be a domain such as example.com or *.example.com."),
            )
        } else if status == 400 {
            (FailureKind::InvalidInput, None)
        } else {
            (FailureKind::ServiceError, None)
        };
        let mut failure = Failure::new(
            kind,
            Some(code.clone()),
            format!("HTTP {status}, Certificate Manager returnCode {code}: {message}"),
        );
        if let Some(hint) = hint {
            failure.hint = hint.to_string();
        }
        return Err(failure);
    }
    certificate_manager_body(kind, value).map_err(|e| {
        Failure::new(
            FailureKind::UnexpectedResponse,
            Some(code),
            format!(
                "HTTP {status}; the body could not be read: {}",
                crate::pem::scrub_private_keys(&e.to_string())
            ),
        )
    })
}

/// Reads a Certificate Manager success body as `kind`'s result.
fn certificate_manager_body(kind: OperationKind, value: Value) -> Result<ResponseData, String> {
    use OperationKind as K;
    fn read<T: FromFields>(value: Value) -> Result<T, String> {
        lenient::read_object(value).map_err(|e| e.to_string())
    }
    Ok(match kind {
        K::RequestCertificateIssuance => ResponseData::RequestCertificateIssuance(read(value)?),
        K::ListCloudCertificates | K::ListCertificates => {
            ResponseData::CertificateList(read(value)?)
        }
        K::ListDcvStatuses => ResponseData::DcvStatuses(read(value)?),
        K::GetCertificateChain => ResponseData::CertificateChain(read(value)?),
        // A JSON success where a ZIP belongs: nothing to download.
        K::DownloadCertificate => {
            return Err("the answer is JSON with returnCode 0, not the ZIP archive".to_string())
        }
        _ => ResponseData::CmResult(read(value)?),
    })
}

/// The first 200 characters of a body, for messages, with any private key removed first (an
/// answer that failed to parse can still hold one, and messages end up in logs).
fn snippet(body: &str) -> String {
    let scrubbed = crate::pem::scrub_private_keys(body);
    let trimmed = scrubbed.trim();
    let mut out: String = trimmed.chars().take(200).collect();
    if trimmed.chars().nth(200).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new kind fails to compile here until it gets an arm (numbered on, and counted in
    /// `ARMS`); the test then fails until `ALL` lists it.
    #[test]
    fn all_lists_every_failure_kind_once() {
        const ARMS: usize = 17;
        let position = |kind: FailureKind| -> usize {
            match kind {
                FailureKind::BadRequest => 0,
                FailureKind::AuthFailed => 1,
                FailureKind::PermissionDenied => 2,
                FailureKind::Forbidden => 3,
                FailureKind::SubAccountForbidden => 4,
                FailureKind::NotFound => 5,
                FailureKind::Throttled => 6,
                FailureKind::TooLarge => 7,
                FailureKind::Timeout => 8,
                FailureKind::ServerError => 9,
                FailureKind::CaNotActive => 10,
                FailureKind::CaNotFound => 11,
                FailureKind::InvalidInput => 12,
                FailureKind::ServiceError => 13,
                FailureKind::NotJson => 14,
                FailureKind::UnexpectedResponse => 15,
                FailureKind::ProxyRefused => 16,
            }
        };
        assert_eq!(FailureKind::ALL.len(), ARMS);
        for (i, kind) in FailureKind::ALL.into_iter().enumerate() {
            assert_eq!(position(kind), i, "{kind:?}");
        }
    }

    #[test]
    fn a_proxy_refusal_gets_the_hint_of_its_code() {
        for refusal in ProxyRefusal::ALL {
            let body = alloc::format!(
                r#"{{"error":{{"code":"{}","message":"m"}}}}"#,
                refusal.code()
            );
            let failure = parse_response(OperationKind::GetCa, refusal.http_status(), &body)
                .err()
                .unwrap_or_else(|| Failure::new(FailureKind::ServiceError, None, ""));
            assert_eq!(failure.kind, FailureKind::ProxyRefused, "{refusal:?}");
            assert_eq!(failure.code.as_deref(), Some(refusal.code()));
            assert_eq!(failure.hint, refusal.hint());
        }
    }
}
