//! Private CA's lifecycle operations around the two seeds (ncp-operations.md P1-P13): their
//! inputs, what each puts in the path, query and body, and their documented rules.
//!
//! Path parameters (`caTag`, `serialNo`) are read from the same JSON object as the body
//! fields and never serialized into the body; query parameters (`pageNo`, `caType`,
//! `issuerTag`) likewise. Reading is lenient, as for the seeds: validation names bad values.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use serde::Serialize;

use crate::input::{
    is_absent, key_type_absent, period_absent, ActivateSubCa, Input, IssueEndCert, KeyType, Period,
    X509Parameters,
};
use crate::problem::{Problem, ProblemCode};
use crate::rules as check;
use crate::wire::{Fields, FromFields};

/// `caType` of Create CA.
pub(crate) const CA_TYPES: [&str; 2] = ["PRIVATE_ROOT", "PRIVATE_SUB"];
/// The statuses Update CA can set (P11). A CA can also be `PENDING`, which only Activate Sub
/// CA leaves.
pub(crate) const SETTABLE_STATUSES: [&str; 3] = ["ACTIVE", "DEACTIVATED", "DESTROYING"];

/// P1 Get CA List: `GET /api/v1/ca?pageNo=`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetCaList {
    /// Page number from 1; sent as `?pageNo=1` when absent (older pages made it required).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number | string"))]
    pub page_no: Option<String>,
}

/// Operations whose only input is the CA's tag, each its own type.
macro_rules! ca_tag_only {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// The CA's tag (path parameter).
            #[serde(default, skip_serializing)]
            pub ca_tag: String,
        }

        impl FromFields for $name {
            fn from_fields(fields: &mut Fields) -> Self {
                $name { ca_tag: fields.scalar("caTag") }
            }
        }

        impl Input for $name {
            fn path_param(&self, _name: &str) -> &str {
                &self.ca_tag
            }
            fn check(&self, out: &mut Vec<Problem>) {
                check::ca_tag("caTag", &self.ca_tag, out);
            }
        }
    )*};
}

ca_tag_only! {
    /// P2 Get CA: `GET /api/v1/ca/{caTag}`.
    GetCa;
    /// P4 Get Sub Csr: `GET /api/v1/ca/{caTag}/sub/csr` (a sub CA that is signed elsewhere).
    GetSubCsr;
    /// P9 Get CA Chain: `GET /api/v1/ca/{caTag}/chain`.
    GetCaChain;
    /// P10 Get CA Crl: `GET /api/v1/ca/{caTag}/crl`.
    GetCaCrl;
    /// P12 Delete CA: `DELETE /api/v1/ca/{caTag}` (only a CA in `DESTROYING`).
    DeleteCa;
}

/// P3 Create CA: `POST /api/v1/ca?caType=PRIVATE_ROOT|PRIVATE_SUB[&issuerTag=]`.
///
/// Three modes: a root (`PRIVATE_ROOT`), a sub CA signed by a platform CA (`PRIVATE_SUB` with
/// `issuerTag`), or a sub CA signed elsewhere (`PRIVATE_SUB` without; it stays `PENDING`
/// until Activate Sub CA).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateCa {
    /// `PRIVATE_ROOT` or `PRIVATE_SUB` (query parameter).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(type = "\"PRIVATE_ROOT\" | \"PRIVATE_SUB\""))]
    pub ca_type: String,
    /// The parent CA's tag for a sub CA signed on the platform (query parameter).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub issuer_tag: Option<String>,
    /// 3-15 letters, digits, `-` or `_`, starting with a letter.
    #[serde(default)]
    pub alias: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "is_absent")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub memo: Option<String>,
    /// Key type (required here).
    #[serde(default, skip_serializing_if = "key_type_absent")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub key_type: Option<KeyType>,
    /// Validity: days `1`-`3650` or `MAX` (required here).
    #[serde(default, skip_serializing_if = "period_absent")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub period: Option<Period>,
    /// Subject (`commonName` required).
    #[serde(default)]
    pub x509_parameters: X509Parameters,
}

/// P5 Sign Sub Csr: `POST /api/v1/ca/{caTag}/sub/sign`; `caTag` is the signing CA.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignSubCsr {
    /// The signing CA's tag (path parameter).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// Validity in days `1`-`3650` (required).
    #[serde(default, skip_serializing_if = "period_absent")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub period: Option<Period>,
    /// The sub CA's CSR (PEM), e.g. from Get Sub Csr.
    #[serde(default)]
    pub csr_pem: String,
}

/// P13 Sign End Csr: `POST /api/v1/ca/{caTag}/cert/sign`. The private key stays with the
/// caller: only the CSR is sent.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignEndCsr {
    /// The signing CA's tag (path parameter).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// The CSR (PEM); its subject and SANs are what the certificate gets.
    #[serde(default)]
    pub csr_pem: String,
}

/// P6 Get End Cert List: `GET /api/v1/ca/{caTag}/cert[?pageNo=]`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetEndCertList {
    /// The CA's tag (path parameter).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// Page number from 1. Undocumented for this operation (a generated SDK shows it), so it
    /// is sent only when given: check `currentPageNo` in the answer.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number | string"))]
    pub page_no: Option<String>,
}

/// P7 Get End Cert: `GET /api/v1/ca/{caTag}/cert/{serialNo}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetEndCert {
    /// The CA's tag (path parameter).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// Serial number, colon-separated hex (path parameter, sent with its colons).
    #[serde(default, skip_serializing)]
    pub serial_no: String,
}

/// P8 Revoke End Cert: `POST /api/v1/ca/{caTag}/cert/{serialNo}/revoke`, no body.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokeEndCert {
    /// The CA's tag (path parameter).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// Serial number, colon-separated hex (path parameter).
    #[serde(default, skip_serializing)]
    pub serial_no: String,
}

/// P11 Update CA: `PUT /api/v1/ca/{caTag}` with `{"status": …}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCa {
    /// The CA's tag (path parameter).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// `ACTIVE`, `DEACTIVATED`, or `DESTROYING` (deletion after 72 hours, sub CAs included).
    #[serde(default)]
    #[cfg_attr(
        feature = "tsify",
        tsify(type = "\"ACTIVE\" | \"DEACTIVATED\" | \"DESTROYING\"")
    )]
    pub status: String,
}

impl Input for IssueEndCert {
    fn path_param(&self, _name: &str) -> &str {
        &self.ca_tag
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::check_issue_end_cert(self, out);
    }
}

impl Input for ActivateSubCa {
    fn path_param(&self, _name: &str) -> &str {
        &self.ca_tag
    }
    fn pem_fields(&mut self) -> Vec<(&'static str, &mut String)> {
        vec![
            ("certPem", &mut self.cert_pem),
            ("caChainPem", &mut self.ca_chain_pem),
        ]
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::check_activate_sub_ca(self, out);
    }
}

impl Input for GetCaList {
    fn query(&self) -> Vec<(&'static str, String)> {
        // Older pages made pageNo required: always send it (ncp-operations.md P1).
        vec![("pageNo", self.page_no.clone().unwrap_or_else(|| "1".into()))]
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::page("pageNo", self.page_no.as_deref(), out);
    }
}

impl Input for CreateCa {
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = vec![("caType", self.ca_type.clone())];
        if let Some(issuer) = &self.issuer_tag {
            query.push(("issuerTag", issuer.clone()));
        }
        query
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::one_of(
            "caType",
            &self.ca_type,
            &CA_TYPES,
            ProblemCode::InvalidCaType,
            out,
        );
        if let Some(issuer) = &self.issuer_tag {
            check::ca_tag("issuerTag", issuer, out);
            if self.ca_type == "PRIVATE_ROOT" {
                out.push(Problem::warning(
                    "issuerTag",
                    ProblemCode::NotDocumented,
                    "issuerTag names a parent CA, which a PRIVATE_ROOT does not have: NCP may refuse it",
                ));
            }
        }
        check::alias("alias", &self.alias, out);
        match &self.key_type {
            Some(k) if !k.as_str().is_empty() => check::key_type("keyType", k, out),
            _ => out.push(Problem::new(
                "keyType",
                ProblemCode::Required,
                "keyType is required: RSA2048, RSA4096, EC256 or EC521",
            )),
        }
        required_period(&self.period, out);
        check::x509_parameters(&self.x509_parameters, false, out);
    }
}

fn required_period(period: &Option<Period>, out: &mut Vec<Problem>) {
    match period {
        Some(Period::Unrecognized(s)) if s.is_empty() => out.push(period_required()),
        Some(p) => check::period("period", p, out),
        None => out.push(period_required()),
    }
}

fn period_required() -> Problem {
    Problem::new(
        "period",
        ProblemCode::Required,
        "period is required: days from 1 to 3650, or MAX",
    )
}

impl Input for SignSubCsr {
    fn path_param(&self, _name: &str) -> &str {
        &self.ca_tag
    }
    fn pem_fields(&mut self) -> Vec<(&'static str, &mut String)> {
        vec![("csrPem", &mut self.csr_pem)]
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::ca_tag("caTag", &self.ca_tag, out);
        required_period(&self.period, out);
        if self.period == Some(Period::Max) {
            out.push(Problem::warning(
                "period",
                ProblemCode::NotDocumented,
                "Sign Sub Csr documents a number of days; MAX is documented for Create CA only",
            ));
        }
        check::pem_csr("csrPem", &self.csr_pem, out);
    }
}

impl Input for SignEndCsr {
    fn path_param(&self, _name: &str) -> &str {
        &self.ca_tag
    }
    fn pem_fields(&mut self) -> Vec<(&'static str, &mut String)> {
        vec![("csrPem", &mut self.csr_pem)]
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::ca_tag("caTag", &self.ca_tag, out);
        check::pem_csr("csrPem", &self.csr_pem, out);
    }
}

impl Input for GetEndCertList {
    fn path_param(&self, _name: &str) -> &str {
        &self.ca_tag
    }
    fn query(&self) -> Vec<(&'static str, String)> {
        self.page_no
            .iter()
            .map(|page| ("pageNo", page.to_string()))
            .collect()
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::ca_tag("caTag", &self.ca_tag, out);
        check::page("pageNo", self.page_no.as_deref(), out);
    }
}

impl Input for GetEndCert {
    fn path_param(&self, name: &str) -> &str {
        match name {
            "serialNo" => &self.serial_no,
            _ => &self.ca_tag,
        }
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::ca_tag("caTag", &self.ca_tag, out);
        check::serial_no("serialNo", &self.serial_no, out);
    }
}

impl Input for RevokeEndCert {
    fn path_param(&self, name: &str) -> &str {
        match name {
            "serialNo" => &self.serial_no,
            _ => &self.ca_tag,
        }
    }
    fn has_body(&self) -> bool {
        // "No body" (P8); the example still sends Content-Type.
        false
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::ca_tag("caTag", &self.ca_tag, out);
        check::serial_no("serialNo", &self.serial_no, out);
    }
}

impl Input for UpdateCa {
    fn path_param(&self, _name: &str) -> &str {
        &self.ca_tag
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::ca_tag("caTag", &self.ca_tag, out);
        check::one_of(
            "status",
            &self.status,
            &SETTABLE_STATUSES,
            ProblemCode::InvalidStatus,
            out,
        );
    }
}

impl FromFields for GetCaList {
    fn from_fields(fields: &mut Fields) -> Self {
        GetCaList {
            page_no: fields.opt_scalar("pageNo"),
        }
    }
}

impl FromFields for CreateCa {
    fn from_fields(fields: &mut Fields) -> Self {
        CreateCa {
            ca_type: fields.scalar("caType"),
            issuer_tag: fields.opt_scalar("issuerTag"),
            alias: fields.scalar("alias"),
            memo: fields.opt_scalar("memo"),
            key_type: fields.key_type("keyType"),
            period: fields.period("period"),
            x509_parameters: fields.required_object("x509Parameters"),
        }
    }
}

impl FromFields for SignSubCsr {
    fn from_fields(fields: &mut Fields) -> Self {
        SignSubCsr {
            ca_tag: fields.scalar("caTag"),
            period: fields.period("period"),
            csr_pem: fields.scalar("csrPem"),
        }
    }
}

impl FromFields for SignEndCsr {
    fn from_fields(fields: &mut Fields) -> Self {
        SignEndCsr {
            ca_tag: fields.scalar("caTag"),
            csr_pem: fields.scalar("csrPem"),
        }
    }
}

impl FromFields for GetEndCertList {
    fn from_fields(fields: &mut Fields) -> Self {
        GetEndCertList {
            ca_tag: fields.scalar("caTag"),
            page_no: fields.opt_scalar("pageNo"),
        }
    }
}

impl FromFields for GetEndCert {
    fn from_fields(fields: &mut Fields) -> Self {
        GetEndCert {
            ca_tag: fields.scalar("caTag"),
            serial_no: fields.scalar("serialNo"),
        }
    }
}

impl FromFields for RevokeEndCert {
    fn from_fields(fields: &mut Fields) -> Self {
        RevokeEndCert {
            ca_tag: fields.scalar("caTag"),
            serial_no: fields.scalar("serialNo"),
        }
    }
}

impl FromFields for UpdateCa {
    fn from_fields(fields: &mut Fields) -> Self {
        UpdateCa {
            ca_tag: fields.scalar("caTag"),
            status: fields.scalar("status"),
        }
    }
}

// Responses (the `data` of the Private CA envelope), read with the Client readings of
// ncp-operations.md: both nestings of the caInfo fields, `caChain` as a string or an array,
// numbers as strings and strings as numbers, `null` as absent.

/// `caInfo` of Activate Sub CA.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaInfo {
    /// Number of certificates the CA signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub signing_count: Option<i64>,
    /// `PRIVATE_ROOT` or `PRIVATE_SUB`.
    pub ca_type: String,
    /// CA identifier (a number on the wire; kept as its decimal string so JS loses no digits).
    pub ca_id: String,
    /// Latest status change, epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub status_update_date: Option<i64>,
    /// Scheduled deletion, epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub destroy_date: Option<i64>,
    /// CA name.
    pub alias: String,
    /// CA memo.
    pub memo: String,
    /// Published URLs.
    pub url_info: UrlInfo,
    /// The CA's tag.
    pub ca_tag: String,
    /// Registration time, epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub rgst_date: Option<i64>,
    /// `ACTIVE`, `DEACTIVATED`, `DESTROYING`, or `PENDING`.
    pub status: String,
}

/// `caInfo.urlInfo`: OCSP, CRL and CA certificate URLs.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UrlInfo {
    /// OCSP URLs.
    pub ocsp: Vec<String>,
    /// CRL URLs.
    pub crl: Vec<String>,
    /// CA certificate URLs.
    pub ca: Vec<String>,
}

/// `caCertInfo` of Activate Sub CA.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaCertInfo {
    /// Subject CN.
    pub common_name: String,
    /// Country code (the spec's table spells it `contry`).
    pub country: String,
    /// Issuer name (the spec's table spells it `issueName`).
    pub issuer_name: String,
    /// Not-after, epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub not_after_date: Option<i64>,
    /// Public key algorithm, e.g. `RSA`.
    pub public_key_algorithm: String,
    /// Not-before, epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub not_before_date: Option<i64>,
    /// Locality.
    pub locality: String,
    /// State or province.
    pub state_province: String,
    /// Organizational unit (the spec's table spells it `organicationUnit`).
    pub organization_unit: String,
    /// The CA certificate (PEM).
    pub cert_pem: String,
    /// Its chain (PEM).
    pub chain_pem: String,
    /// Signature algorithm, e.g. `SHA256withRSA`.
    pub signature_algorithm: String,
    /// Serial number, colon-separated hex.
    pub serial_no: String,
    /// Certificate identifier (decimal string).
    pub ca_cert_id: String,
    /// Organization.
    pub organization: String,
}

/// One CA of Get CA List; also Get CA, Create CA and Update CA (`caCertInfo` is `null` for a
/// sub CA that is not signed yet, and absent from Update CA's answer).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaDetail {
    /// The CA.
    pub ca_info: CaInfo,
    /// Its certificate, once it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub ca_cert_info: Option<CaCertInfo>,
}

/// P1 Get CA List's `data`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaList {
    /// Number of CAs on all pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_cnt: Option<i64>,
    /// The CAs of this page.
    pub ca_info_list: Vec<CaDetail>,
    /// Number of pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_page_no: Option<i64>,
    /// This page's number (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub current_page_no: Option<i64>,
}

impl CaList {
    /// Whether a later page exists: `currentPageNo < totalPageNo` (ncp-operations.md P1).
    pub fn has_next_page(&self) -> bool {
        later_page(self.current_page_no, self.total_page_no)
    }
}

/// Whether a paged answer (`currentPageNo`, `totalPageNo`) has a page after this one.
fn later_page(current_page_no: Option<i64>, total_page_no: Option<i64>) -> bool {
    matches!((current_page_no, total_page_no), (Some(c), Some(t)) if c < t)
}

/// P4 Get Sub Csr's `data`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SubCsr {
    /// The sub CA's CSR (PEM).
    pub csr_pem: String,
}

/// P5 Sign Sub Csr's and P13 Sign End Csr's `data` (Issue End Cert's without a private key).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SignedCertificate {
    /// The certificate (PEM).
    pub certificate: String,
    /// The chain above it, one PEM per string NCP returned (an array on these pages).
    pub ca_chain: Vec<String>,
    /// OCSP responder (URL or PEM; often empty).
    pub ocsp_responder: String,
    /// The signing CA's certificate (PEM).
    pub issuer: String,
    /// Serial number, colon-separated hex.
    pub serial_no: String,
}

/// P6 Get End Cert List's `data`: serial numbers only.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EndCertList {
    /// Number of certificates on all pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_cnt: Option<i64>,
    /// Serial numbers, colon-separated hex.
    pub list_certs: Vec<String>,
    /// Number of pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_page_no: Option<i64>,
    /// This page's number (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub current_page_no: Option<i64>,
}

impl EndCertList {
    /// Whether a later page exists: `currentPageNo < totalPageNo`, as Get CA List pages
    /// (P6 documents no `pageNo` parameter: a caller checks `currentPageNo` too).
    pub fn has_next_page(&self) -> bool {
        later_page(self.current_page_no, self.total_page_no)
    }
}

/// P7 Get End Cert's `data`. No revocation status is documented: the CRL tells.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EndCert {
    /// Subject CN.
    pub common_name: String,
    /// Not-after, epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub not_after_date: Option<i64>,
    /// Not-before, epoch milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub not_before_date: Option<i64>,
    /// E.g. `RSA`.
    pub public_key_algorithm: String,
    /// E.g. `SHA256withRSA`.
    pub signature_algorithm: String,
    /// The certificate (PEM).
    pub cert_pem: String,
    /// The chain above it.
    pub ca_chain: Vec<String>,
    /// OCSP responder (often empty).
    pub ocsp_responder: String,
    /// Serial number, colon-separated hex.
    pub serial_no: String,
}

impl FromFields for CaInfo {
    fn from_fields(fields: &mut Fields) -> Self {
        CaInfo {
            signing_count: fields.opt_i64("signingCount"),
            ca_type: fields.string("caType"),
            ca_id: fields.string("caId"),
            status_update_date: fields.opt_i64("statusUpdateDate"),
            destroy_date: fields.opt_i64("destroyDate"),
            alias: fields.string("alias"),
            memo: fields.string("memo"),
            url_info: fields.object("urlInfo"),
            ca_tag: fields.string("caTag"),
            rgst_date: fields.opt_i64("rgstDate"),
            status: fields.string("status"),
        }
    }
}

impl FromFields for UrlInfo {
    fn from_fields(fields: &mut Fields) -> Self {
        UrlInfo {
            ocsp: fields.string_or_list("ocsp"),
            crl: fields.string_or_list("crl"),
            ca: fields.string_or_list("ca"),
        }
    }
}

impl FromFields for CaCertInfo {
    fn from_fields(fields: &mut Fields) -> Self {
        CaCertInfo {
            common_name: fields.string("commonName"),
            country: fields.string_or_alias("country", "contry"),
            issuer_name: fields.string_or_alias("issuerName", "issueName"),
            not_after_date: fields.opt_i64("notAfterDate"),
            public_key_algorithm: fields.string("publicKeyAlgorithm"),
            not_before_date: fields.opt_i64("notBeforeDate"),
            locality: fields.string("locality"),
            state_province: fields.string("stateProvince"),
            organization_unit: fields.string_or_alias("organizationUnit", "organicationUnit"),
            cert_pem: fields.string("certPem"),
            chain_pem: fields.string("chainPem"),
            signature_algorithm: fields.string("signatureAlgorithm"),
            serial_no: fields.string("serialNo"),
            ca_cert_id: fields.string("caCertId"),
            organization: fields.string("organization"),
        }
    }
}

impl FromFields for CaDetail {
    fn from_fields(fields: &mut Fields) -> Self {
        CaDetail {
            ca_info: fields.object("caInfo"),
            ca_cert_info: fields.opt_object("caCertInfo"),
        }
    }
}

impl FromFields for CaList {
    fn from_fields(fields: &mut Fields) -> Self {
        CaList {
            total_cnt: fields.opt_i64("totalCnt"),
            ca_info_list: fields.list("caInfoList"),
            total_page_no: fields.opt_i64("totalPageNo"),
            current_page_no: fields.opt_i64("currentPageNo"),
        }
    }
}

impl FromFields for SubCsr {
    fn from_fields(fields: &mut Fields) -> Self {
        SubCsr {
            csr_pem: fields.string("csrPem"),
        }
    }
}

impl FromFields for SignedCertificate {
    fn from_fields(fields: &mut Fields) -> Self {
        SignedCertificate {
            certificate: fields.string("certificate"),
            ca_chain: fields.string_or_list("caChain"),
            ocsp_responder: fields.string("ocspResponder"),
            issuer: fields.string("issuer"),
            serial_no: fields.string("serialNo"),
        }
    }
}

impl FromFields for EndCertList {
    fn from_fields(fields: &mut Fields) -> Self {
        EndCertList {
            total_cnt: fields.opt_i64("totalCnt"),
            list_certs: fields.string_or_list("listCerts"),
            total_page_no: fields.opt_i64("totalPageNo"),
            current_page_no: fields.opt_i64("currentPageNo"),
        }
    }
}

impl FromFields for EndCert {
    fn from_fields(fields: &mut Fields) -> Self {
        EndCert {
            common_name: fields.string("commonName"),
            not_after_date: fields.opt_i64("notAfterDate"),
            not_before_date: fields.opt_i64("notBeforeDate"),
            public_key_algorithm: fields.string("publicKeyAlgorithm"),
            signature_algorithm: fields.string("signatureAlgorithm"),
            cert_pem: fields.string("certPem"),
            ca_chain: fields.string_or_list("caChain"),
            ocsp_responder: fields.string("ocspResponder"),
            serial_no: fields.string("serialNo"),
        }
    }
}
