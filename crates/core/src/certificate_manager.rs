//! Certificate Manager v2's operations around the seed Request Certificate Issuance
//! (ncp-operations.md C1-C7): their inputs, what each puts in the path, query and body, and
//! their documented rules.
//!
//! `certificateNo` is typed Integer on most pages and String on one; it is read from a JSON
//! number or string, kept as its decimal string (JS loses no digits) and checked to be
//! digits. In the path it goes in as given; in Revoke Certificate's body it is a JSON number.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use serde::{Serialize, Serializer};

use crate::input::{Input, RequestCertificateIssuance, ValidationMethod};
use crate::problem::{Problem, ProblemCode};
use crate::rules as check;
use crate::wire::{self, Fields, FromFields};

/// `revokeType` of Revoke Certificate (C7).
pub const REVOKE_TYPES: [&str; 4] = [
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "unspecified",
];

/// C1 ListCloudCertificates: `GET /api/v2/certificate/getCertificates[?page&pageSize&
/// certificateName]`. On a 404 the client retries as [`ListCertificates`]
/// (`Operation::fallback`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListCloudCertificates {
    /// Page number from 1.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number | string"))]
    pub page: Option<String>,
    /// Items per page.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "number | string"))]
    pub page_size: Option<String>,
    /// Only certificates with this name (how a client finds the number of a certificate it
    /// just requested).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub certificate_name: Option<String>,
}

impl ListCloudCertificates {
    /// Does what this query would have done to the older List Certificates' answer, which
    /// takes no query (the fallback, `Operation::fallback`): keeps the certificates
    /// named `certificateName`, then cuts out page `page` of `pageSize` (1-based).
    pub fn apply_to(&self, list: &mut CertificateList) {
        if let Some(name) = &self.certificate_name {
            list.ssl_certificate_list
                .retain(|c| &c.certificate_name == name);
            list.total_count = i64::try_from(list.ssl_certificate_list.len()).ok();
        }
        let number =
            |value: &Option<String>| value.as_deref().and_then(|v| v.parse::<usize>().ok());
        if let Some(size) = number(&self.page_size).filter(|size| *size > 0) {
            let page = number(&self.page).unwrap_or(1).max(1);
            let start = (page - 1).saturating_mul(size);
            let items = core::mem::take(&mut list.ssl_certificate_list);
            list.ssl_certificate_list = items.into_iter().skip(start).take(size).collect();
        }
    }
}

/// C1b ListCertificates: `GET /api/v2/certificate/certificates`, no parameters.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ListCertificates {}

/// C2 ListDcvStatuses: `GET /api/v2/certificate/getVerificationInfo/{certificateNo}?
/// domainAddress=`: the DNS records that validate one domain of a certificate.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListDcvStatuses {
    /// The certificate's number (from List Cloud Certificates).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(type = "number | string"))]
    pub certificate_no: String,
    /// The domain to query, as written on the certificate (required).
    #[serde(default, skip_serializing)]
    pub domain_address: String,
}

/// C3 DeleteCertificate: `DELETE /api/v2/certificate/deleteCertificate/{certificateNo}?
/// certificateName=` (the name must match the number).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteCertificate {
    /// The certificate's number.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(type = "number | string"))]
    pub certificate_no: String,
    /// The certificate's name (required).
    #[serde(default, skip_serializing)]
    pub certificate_name: String,
}

/// C4 ReissueCertificate: `POST /api/v2/certificate/{certificateNo}/reissue` (Advanced DV and
/// OV certificates): Request Certificate Issuance's body plus a CSR.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReissueCertificate {
    /// The certificate's number (path parameter).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(type = "number | string"))]
    pub certificate_no: String,
    /// The CSR (PEM).
    #[serde(default)]
    pub csr: String,
    // Request Certificate Issuance's fields, declared again rather than `#[serde(flatten)]`ed
    // (whose buffering cost 4.7 kB of gzipped wasm when serde read inputs). The rules are one
    // function (`rules::check_issuance_fields`).
    /// The certificate's name.
    #[serde(default)]
    pub certificate_name: String,
    /// The CN.
    #[serde(default)]
    pub common_name: String,
    /// SAN domains; omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_name: Vec<String>,
    /// `D` (DNS) or `E` (e-mail).
    #[serde(default)]
    pub validation_method: ValidationMethod,
}

/// C5 DownloadCertificate: `POST /api/v2/certificate/exportCertificate/{certificateNo}` with
/// at least `{}`; the answer is a ZIP of PEM files.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadCertificate {
    /// The certificate's number (path parameter).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(type = "number | string"))]
    pub certificate_no: String,
    /// Export format; only `PEM` is documented (the default when absent).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub format: Option<String>,
    /// Sent the older way, `GET` without a body (`Operation::fallback`).
    #[serde(skip)]
    pub via_get: bool,
}

/// C6 GetCertificateChain: `GET /api/v2/certificate/exportCertificate/{certificateNo}/chain`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetCertificateChain {
    /// The certificate's number (path parameter).
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "tsify", tsify(type = "number | string"))]
    pub certificate_no: String,
}

/// C7 RevokeCertificate: `POST /api/v2/certificate/revoke` (Advanced certificates).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokeCertificate {
    /// The order holding the certificate(s).
    #[serde(default)]
    pub order_id: String,
    /// A certificate number, or `0` for every certificate of the order. A JSON number in the
    /// body.
    #[serde(default, serialize_with = "as_json_number")]
    #[cfg_attr(feature = "tsify", tsify(type = "number | string"))]
    pub certificate_no: String,
    /// `affiliationChanged`, `superseded`, `cessationOfOperation` or `unspecified`.
    #[serde(default)]
    #[cfg_attr(
        feature = "tsify",
        tsify(
            type = "\"affiliationChanged\" | \"superseded\" | \"cessationOfOperation\" | \"unspecified\""
        )
    )]
    pub revoke_type: String,
}

/// Digits as a JSON number (validation guarantees digits before anything is sent).
fn as_json_number<S: Serializer>(value: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match value.parse::<u64>() {
        Ok(n) => serializer.serialize_u64(n),
        Err(_) => serializer.serialize_str(value),
    }
}

impl Input for RequestCertificateIssuance {
    fn check(&self, out: &mut Vec<Problem>) {
        check::check_request_certificate_issuance(self, out);
    }
}

impl Input for ListCloudCertificates {
    fn query(&self) -> Vec<(&'static str, String)> {
        [
            ("page", &self.page),
            ("pageSize", &self.page_size),
            ("certificateName", &self.certificate_name),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value.clone()?)))
        .collect()
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::page("page", self.page.as_deref(), out);
        check::page("pageSize", self.page_size.as_deref(), out);
    }
}

impl Input for ListCertificates {
    fn check(&self, _out: &mut Vec<Problem>) {}
}

impl Input for ListDcvStatuses {
    fn path_param(&self, _name: &str) -> &str {
        &self.certificate_no
    }
    fn query(&self) -> Vec<(&'static str, String)> {
        vec![("domainAddress", self.domain_address.clone())]
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::certificate_no("certificateNo", &self.certificate_no, out);
        check::domain("domainAddress", &self.domain_address, true, out);
    }
}

impl Input for DeleteCertificate {
    fn path_param(&self, _name: &str) -> &str {
        &self.certificate_no
    }
    fn query(&self) -> Vec<(&'static str, String)> {
        vec![("certificateName", self.certificate_name.clone())]
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::certificate_no("certificateNo", &self.certificate_no, out);
        check::required_text("certificateName", &self.certificate_name, out);
    }
}

impl Input for ReissueCertificate {
    fn path_param(&self, _name: &str) -> &str {
        &self.certificate_no
    }
    fn pem_fields(&mut self) -> Vec<(&'static str, &mut String)> {
        vec![("csr", &mut self.csr)]
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::certificate_no("certificateNo", &self.certificate_no, out);
        check::pem_csr("csr", &self.csr, out);
        check::check_issuance_fields(
            &self.certificate_name,
            &self.common_name,
            &self.dns_name,
            &self.validation_method,
            out,
        );
    }
}

impl Input for DownloadCertificate {
    fn path_param(&self, _name: &str) -> &str {
        &self.certificate_no
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::certificate_no("certificateNo", &self.certificate_no, out);
        if let Some(format) = self.format.as_deref().filter(|f| *f != "PEM") {
            out.push(Problem::warning(
                "type",
                ProblemCode::NotDocumented,
                alloc::format!("only type PEM is documented; NCP may refuse {format:?}"),
            ));
        }
    }
}

impl Input for GetCertificateChain {
    fn path_param(&self, _name: &str) -> &str {
        &self.certificate_no
    }
    fn check(&self, out: &mut Vec<Problem>) {
        check::certificate_no("certificateNo", &self.certificate_no, out);
    }
}

impl Input for RevokeCertificate {
    fn check(&self, out: &mut Vec<Problem>) {
        check::required_text("orderId", &self.order_id, out);
        check::certificate_no("certificateNo", &self.certificate_no, out);
        check::one_of(
            "revokeType",
            &self.revoke_type,
            &REVOKE_TYPES,
            ProblemCode::InvalidRevokeType,
            out,
        );
    }
}

impl FromFields for ListCloudCertificates {
    fn from_fields(fields: &mut Fields) -> Self {
        ListCloudCertificates {
            page: fields.opt_scalar("page"),
            page_size: fields.opt_scalar("pageSize"),
            certificate_name: fields.opt_scalar("certificateName"),
        }
    }
}

impl FromFields for ListCertificates {
    fn from_fields(_fields: &mut Fields) -> Self {
        ListCertificates {}
    }
}

impl FromFields for ListDcvStatuses {
    fn from_fields(fields: &mut Fields) -> Self {
        ListDcvStatuses {
            certificate_no: fields.scalar("certificateNo"),
            domain_address: fields.scalar("domainAddress"),
        }
    }
}

impl FromFields for DeleteCertificate {
    fn from_fields(fields: &mut Fields) -> Self {
        DeleteCertificate {
            certificate_no: fields.scalar("certificateNo"),
            certificate_name: fields.scalar("certificateName"),
        }
    }
}

impl FromFields for ReissueCertificate {
    fn from_fields(fields: &mut Fields) -> Self {
        ReissueCertificate {
            certificate_no: fields.scalar("certificateNo"),
            csr: fields.scalar("csr"),
            certificate_name: fields.scalar("certificateName"),
            common_name: fields.scalar("commonName"),
            dns_name: fields.string_list("dnsName"),
            validation_method: fields.validation_method("validationMethod"),
        }
    }
}

impl FromFields for DownloadCertificate {
    fn from_fields(fields: &mut Fields) -> Self {
        DownloadCertificate {
            certificate_no: fields.scalar("certificateNo"),
            format: fields.opt_scalar("type"),
            via_get: false,
        }
    }
}

impl FromFields for GetCertificateChain {
    fn from_fields(fields: &mut Fields) -> Self {
        GetCertificateChain {
            certificate_no: fields.scalar("certificateNo"),
        }
    }
}

impl FromFields for RevokeCertificate {
    fn from_fields(fields: &mut Fields) -> Self {
        RevokeCertificate {
            order_id: fields.scalar("orderId"),
            certificate_no: fields.scalar("certificateNo"),
            revoke_type: fields.scalar("revokeType"),
        }
    }
}

// Responses: flat bodies (no `data` wrapper), read with the Client readings of
// ncp-operations.md: `returnCode` as a string or a number, counts as numbers or strings,
// unknown fields ignored (or kept, where the doc is cut and a user needs to see them).

/// The envelope alone: Delete, Reissue and Revoke Certificate (`totalRows` counts the
/// certificates a revocation covered).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CmResult {
    /// `"0"` on success.
    pub return_code: String,
    /// E.g. `Success`.
    pub return_message: String,
    /// A count whose meaning depends on the operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_rows: Option<i64>,
}

/// C1 List Cloud Certificates' and C1b List Certificates' body.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateList {
    /// `"0"` on success.
    pub return_code: String,
    /// E.g. `Success`.
    pub return_message: String,
    /// Number of matching certificates.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_count: Option<i64>,
    /// The certificates.
    pub ssl_certificate_list: Vec<CloudCertificate>,
}

/// One certificate of a list.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CloudCertificate {
    /// The number the other operations take (decimal string).
    pub certificate_no: String,
    /// Its name.
    pub certificate_name: String,
    /// Owner's member number.
    pub member_no: String,
    /// The CN.
    pub common_name: String,
    /// SAN domains (one comma-separated string on the wire).
    pub dns_name: Vec<String>,
    /// Status code, e.g. `"0"` ONGOING, `"1"` NORMAL ([`status_label`]).
    pub status_code: String,
    /// Status name as NCP gives it.
    pub status_name: String,
    /// Certificate type (display string).
    pub certificate_type: String,
    /// Domain the issuance is based on.
    pub domain_code: String,
    /// Last change (format undocumented: kept as given).
    pub update_date: String,
    /// Issuance state (tells whether it can be reissued).
    pub issue_type: String,
    /// Subject DN (List Certificates).
    #[serde(rename = "subjectDN")]
    pub subject_dn: String,
}

/// The documented label of a certificate `statusCode` (C1), or `None` for a code the pages do
/// not list (show it as unknown).
pub fn status_label(status_code: &str) -> Option<&'static str> {
    Some(match status_code.trim() {
        "0" => "ONGOING",
        "1" => "NORMAL",
        "2" => "NORMAL_UNREGISTERED_PRIVATE_KEY",
        "3" => "NORMAL_GLOBAL_EDGE_DEDICATED",
        "-1" => "FAILED",
        "-2" => "EXPIRE",
        "-3" => "VALIDATION_FAILED",
        "-4" => "VALIDATION_EXPIRE",
        "-5" => "REVOKE",
        "-6" => "DELETED",
        "-7" => "REQUEST_REVOKE",
        "-11" => "FAILED (LINT)",
        "-12" => "FAILED (CT)",
        "-20" => "FAILED",
        _ => return None,
    })
}

/// C2 ListDcvStatuses' body.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DcvStatuses {
    /// `"0"` on success.
    pub return_code: String,
    /// E.g. `Success`.
    pub return_message: String,
    /// A count (undocumented meaning).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_rows: Option<i64>,
    /// Number of records.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub dns_verification_count: Option<i64>,
    /// The validation records of the domain.
    pub dns_verification_list: Vec<DnsVerification>,
}

/// One DNS validation record. The doc is cut after `txtName`: every other field NCP sends
/// (the record's value, say) is kept in `other` to show.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DnsVerification {
    /// Identifier of the record.
    pub valid_sn: String,
    /// The request it validates (Request Certificate Issuance's `requestSn`).
    pub request_sn: String,
    /// `VALID_STATUS_REG` (in progress), `VALID_STATUS_SUCCESS` or `VALID_STATUS_TIMEOUT`.
    pub valid_status_code: String,
    /// The DNS name of the record to create.
    pub txt_name: String,
    /// Undocumented fields, as text (objects and arrays as JSON).
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, string>"))]
    pub other: TextFields,
}

/// Named texts in name order, one per name: a small map (a record's few undocumented fields)
/// kept in a `Vec`, which weighs far less wasm code than a `BTreeMap`. Serializes as an
/// object.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextFields(Vec<(String, String)>);

/// As a map: `{"ttl": "300"}`.
impl core::fmt::Debug for TextFields {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl TextFields {
    /// The text of field `name`.
    pub fn get(&self, name: &str) -> Option<&String> {
        let i = self
            .0
            .binary_search_by(|(key, _)| key.as_str().cmp(name))
            .ok()?;
        self.0.get(i).map(|(_, text)| text)
    }

    /// The fields in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(name, text)| (name, text))
    }

    /// Whether there is no field.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl FromIterator<(String, String)> for TextFields {
    /// Sorted by name; of a name given twice, the last text stays.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(fields: I) -> Self {
        TextFields(crate::json::sorted_by_name(fields.into_iter().collect()))
    }
}

impl Serialize for TextFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl FromFields for DnsVerification {
    fn from_fields(fields: &mut Fields) -> Self {
        DnsVerification {
            valid_sn: fields.text("validSn"),
            request_sn: fields.text("requestSn"),
            valid_status_code: fields.text("validStatusCode"),
            txt_name: fields.text("txtName"),
            other: fields
                .take_rest()
                .map(|(key, value)| (key, wire::text(value)))
                .collect(),
        }
    }
}

impl DnsVerification {
    /// The value to give the record, with the field it came from: the first undocumented field
    /// whose name ends in `value` (`txtValue`, `cnameValue`, `recordValue`...). The docs are cut
    /// after `txtName` (C2), so the name is not known: this is the most permissive reading, and
    /// `None` says NCP sent no such field.
    pub fn record_value(&self) -> Option<(&str, &str)> {
        self.other
            .iter()
            .find(|(name, value)| {
                name.to_ascii_lowercase().ends_with("value") && !value.trim().is_empty()
            })
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

    /// The record's type, `TXT` or `CNAME`, when the answer says it: a field whose name ends
    /// in `type` holding one of them, else the prefix of [`DnsVerification::record_value`]'s
    /// field (`txtValue`, `cnameValue`). `None`: not said (C2's doc conflict: TXT on one page,
    /// CNAME on another, so nothing is assumed).
    pub fn record_type(&self) -> Option<&'static str> {
        let known = |text: &str| {
            let text = text.trim().to_ascii_uppercase();
            ["TXT", "CNAME"].into_iter().find(|t| *t == text)
        };
        let said = self
            .other
            .iter()
            .filter(|(name, _)| name.to_ascii_lowercase().ends_with("type"))
            .find_map(|(_, value)| known(value));
        said.or_else(|| {
            let (field, _) = self.record_value()?;
            let prefix = field.get(..field.len().checked_sub("value".len())?)?;
            known(prefix)
        })
    }
}

/// C6 GetCertificateChain's body: the parts of the chain as separate fields.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateChain {
    /// `"0"` on success.
    pub return_code: String,
    /// E.g. `Success`.
    pub return_message: String,
    /// A count.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub total_rows: Option<i64>,
    /// The certificate's CN (typed Integer on the page, a string in its example).
    pub subject_common_name: String,
    /// The certificate (PEM).
    pub certificate: String,
    /// The intermediates, one PEM each (the one field may hold several blocks).
    pub sub_ca_certificate: Vec<String>,
    /// The root (PEM; may be empty).
    pub root_ca_certificate: String,
}

impl FromFields for CmResult {
    fn from_fields(fields: &mut Fields) -> Self {
        CmResult {
            return_code: fields.string("returnCode"),
            return_message: fields.string("returnMessage"),
            total_rows: fields.opt_i64("totalRows"),
        }
    }
}

impl FromFields for CertificateList {
    fn from_fields(fields: &mut Fields) -> Self {
        CertificateList {
            return_code: fields.string("returnCode"),
            return_message: fields.string("returnMessage"),
            total_count: fields.opt_i64("totalCount"),
            ssl_certificate_list: fields.list("sslCertificateList"),
        }
    }
}

impl FromFields for CloudCertificate {
    fn from_fields(fields: &mut Fields) -> Self {
        CloudCertificate {
            certificate_no: fields.string("certificateNo"),
            certificate_name: fields.string("certificateName"),
            member_no: fields.string("memberNo"),
            common_name: fields.string("commonName"),
            dns_name: fields.comma_list("dnsName"),
            status_code: fields.string("statusCode"),
            status_name: fields.string("statusName"),
            certificate_type: fields.string("certificateType"),
            domain_code: fields.string("domainCode"),
            update_date: fields.string("updateDate"),
            issue_type: fields.string("issueType"),
            subject_dn: fields.string("subjectDN"),
        }
    }
}

impl FromFields for DcvStatuses {
    fn from_fields(fields: &mut Fields) -> Self {
        DcvStatuses {
            return_code: fields.string("returnCode"),
            return_message: fields.string("returnMessage"),
            total_rows: fields.opt_i64("totalRows"),
            dns_verification_count: fields.opt_i64("dnsVerificationCount"),
            dns_verification_list: fields.list("dnsVerificationList"),
        }
    }
}

impl FromFields for CertificateChain {
    fn from_fields(fields: &mut Fields) -> Self {
        CertificateChain {
            return_code: fields.string("returnCode"),
            return_message: fields.string("returnMessage"),
            total_rows: fields.opt_i64("totalRows"),
            subject_common_name: fields.string("subjectCommonName"),
            certificate: fields.string("certificate"),
            sub_ca_certificate: fields.pem_blocks("subCaCertificate"),
            root_ca_certificate: fields.string("rootCaCertificate"),
        }
    }
}

/// C5 DownloadCertificate's answer: the ZIP archive's bytes.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateArchive {
    /// The ZIP file (a `Uint8Array` in JS, which the npm package makes of the array of numbers
    /// that JSON holds).
    #[cfg_attr(feature = "tsify", tsify(type = "Uint8Array"))]
    pub zip: Vec<u8>,
}

impl CertificateArchive {
    /// The archive's files, read client-side ([`crate::archive::entries`]).
    ///
    /// # Errors
    /// The bytes are not a ZIP this reader handles.
    pub fn entries(&self) -> Result<Vec<crate::archive::ZipEntry<'_>>, crate::archive::ZipError> {
        crate::archive::entries(&self.zip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::{Operation, OperationKind};

    fn record(other: &[(&str, &str)]) -> DnsVerification {
        DnsVerification {
            txt_name: "_x.example.com".into(),
            other: other
                .iter()
                .map(|(k, v)| (String::from(*k), String::from(*v)))
                .collect(),
            ..DnsVerification::default()
        }
    }

    /// A map by name: sorted, one text per name (the last given), looked up by name, written
    /// as a JSON object, as the `BTreeMap` it replaced.
    #[test]
    fn text_fields_are_a_map_by_name() {
        let fields = record(&[
            ("txtValue", "a"),
            ("ttl", "300"),
            ("b", "x"),
            ("txtValue", "b"),
        ])
        .other;
        assert_eq!(fields.len(), 3);
        assert_eq!(fields.get("txtValue").map(String::as_str), Some("b"));
        assert_eq!(fields.get("ttl").map(String::as_str), Some("300"));
        assert_eq!(fields.get("c"), None);
        let names: Vec<&str> = fields.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["b", "ttl", "txtValue"]);
        assert_eq!(
            serde_json::to_string(&fields).unwrap(),
            r#"{"b":"x","ttl":"300","txtValue":"b"}"#
        );
        assert!(TextFields::default().is_empty());
    }

    /// The record's value and type are read from whatever fields NCP adds after txtName.
    #[test]
    fn a_dcv_record_s_value_and_type_come_from_its_extra_fields() {
        let r = record(&[("ttl", "300"), ("txtValue", "token-1")]);
        assert_eq!(r.record_value(), Some(("txtValue", "token-1")));
        assert_eq!(r.record_type(), Some("TXT"));
        let r = record(&[("cnameValue", "x.dcv.example"), ("recordType", "cname")]);
        assert_eq!(r.record_value(), Some(("cnameValue", "x.dcv.example")));
        assert_eq!(r.record_type(), Some("CNAME"));
        // A type field that says something else, a blank value, or nothing at all.
        let r = record(&[("recordType", "A"), ("value", " ")]);
        assert_eq!((r.record_value(), r.record_type()), (None, None));
        let r = record(&[]);
        assert_eq!((r.record_value(), r.record_type()), (None, None));
        let r = record(&[("dnsValue", "v")]);
        assert_eq!(
            (r.record_value(), r.record_type()),
            (Some(("dnsValue", "v")), None)
        );
    }

    /// Reissue Certificate reads and sends Request Certificate Issuance's fields as its own,
    /// after the CSR, and checks them by the same rules.
    #[test]
    fn reissue_reads_sends_and_checks_the_issuance_fields() {
        let json = r#"{"certificateNo":12,"csr":"x","certificateName":"web","commonName":"example.com","dnsName":"a.example.com, b..com","validationMethod":"D"}"#;
        let op = Operation::from_json(OperationKind::ReissueCertificate, json);
        let Ok(Operation::ReissueCertificate(reissue)) = &op else {
            panic!("{op:?}")
        };
        assert_eq!(reissue.certificate_no, "12");
        assert_eq!(reissue.dns_name, ["a.example.com", "b..com"]);
        assert_eq!(
            serde_json::to_string(reissue).ok().as_deref(),
            Some(
                r#"{"csr":"x","certificateName":"web","commonName":"example.com","dnsName":["a.example.com","b..com"],"validationMethod":"D"}"#
            )
        );
        let fields: Vec<String> = op
            .map(|op| op.validate())
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["csr", "dnsName[1]"]);
    }
}
