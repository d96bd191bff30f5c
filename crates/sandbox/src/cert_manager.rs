//! Certificate Manager (`/api/v2`, ncp-operations.md C1-C7 and the seed Request Certificate
//! Issuance): requested certificates, their DNS validation records, and the certificate the
//! sandbox issues once every domain is validated (`POST /demo/dcv/{certificateNo}`).

use std::collections::VecDeque;
use std::time::SystemTime;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use certkit_core::certificate_manager::{
    status_label, DeleteCertificate, DownloadCertificate, GetCertificateChain,
    ListCloudCertificates, ListDcvStatuses, ReissueCertificate, RevokeCertificate,
};
use certkit_core::validation::{Problem, ProblemCode};
use certkit_core::{Operation, RequestCertificateIssuance};
use der::asn1::Ia5String;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::Certificate;

use crate::error::{ErrorKind, SandboxError};
use crate::pki::{self, CaSigner, SubjectFields};
use crate::{Sandbox, MEMBER_NO};

/// Most certificates the sandbox keeps; the oldest is forgotten past it.
pub(crate) const MAX_CERTIFICATES: usize = 1000;
/// First `certificateNo` handed out.
const FIRST_CERTIFICATE_NO: u64 = 10_001;
/// Validity of an issued Cloud Basic certificate, in days.
const CERTIFICATE_DAYS: u64 = 365;

/// `validStatusCode` values (C2).
const VALID_STATUS_REG: &str = "VALID_STATUS_REG";
const VALID_STATUS_SUCCESS: &str = "VALID_STATUS_SUCCESS";

/// The C0 messages (exact).
const NOT_FOUND: &str = "No certificate was found.";
const NAME_MISMATCH: &str = "Failed to delete the certificate. No certificate was found with a matching with requested certificate name and certificate number.";
const BAD_PEM: &str = "Unable to load certificate. Expecting PEM format file.";
const BAD_SANS: &str = "Invalid DNS SANs input format.";

/// One domain's validation record.
struct Dcv {
    /// The domain exactly as on the request (CN or a dnsName entry).
    domain: String,
    valid_sn: u64,
    validated: bool,
}

/// The certificate, once issued, as PEM with `\n` line breaks.
struct Issued {
    certificate: String,
    sub_ca: String,
    root_ca: String,
}

/// One requested certificate.
struct CloudCertificate {
    no: u64,
    name: String,
    common_name: String,
    dns_names: Vec<String>,
    request_sn: String,
    /// The order Revoke Certificate names (no documented field carries it: the demo routes
    /// tell it).
    order_id: String,
    /// A C1 `statusCode`.
    status: &'static str,
    update_ms: u64,
    /// When a REQUEST_REVOKE (`-7`) becomes REVOKE (`-5`).
    revoked_at_ms: Option<u64>,
    dcv: Vec<Dcv>,
    issued: Option<Issued>,
}

/// The requested certificates, oldest first, at most [`MAX_CERTIFICATES`].
pub(crate) struct CertificateStore {
    certificates: VecDeque<CloudCertificate>,
    next_no: u64,
    next_valid_sn: u64,
}

impl Default for CertificateStore {
    fn default() -> Self {
        Self {
            certificates: VecDeque::new(),
            next_no: FIRST_CERTIFICATE_NO,
            next_valid_sn: 88_001,
        }
    }
}

impl CertificateStore {
    fn find(&self, no: &str) -> Option<&CloudCertificate> {
        let no: u64 = no.parse().ok()?;
        self.certificates.iter().find(|c| c.no == no)
    }

    fn find_mut(&mut self, no: &str) -> Option<&mut CloudCertificate> {
        let no: u64 = no.parse().ok()?;
        self.certificates.iter_mut().find(|c| c.no == no)
    }

    /// Moves revocations that were requested long enough ago to REVOKE.
    pub(crate) fn settle(&mut self, now_ms: u64) {
        for cert in &mut self.certificates {
            if cert.status == "-7" && cert.revoked_at_ms.is_some_and(|at| at <= now_ms) {
                cert.status = "-5";
                cert.update_ms = now_ms;
            }
        }
    }

    fn insert(&mut self, cert: CloudCertificate, cap: usize) {
        self.certificates.push_back(cert);
        while self.certificates.len() > cap {
            self.certificates.pop_front();
        }
    }
}

/// The public-looking CA pair that signs Certificate Manager certificates: a root and an
/// intermediate under it (C6 has one `subCaCertificate` and one `rootCaCertificate`).
pub(crate) struct PublicCa {
    root: Certificate,
    issuing: Certificate,
    signer: CaSigner,
}

impl PublicCa {
    /// Generates both keys and certificates.
    pub(crate) fn generate(now: SystemTime) -> Result<Self, SandboxError> {
        let root_key = CaSigner::generate(crate::private_ca::SEED_CA_KEY)?;
        let signer = CaSigner::generate(crate::private_ca::SEED_CA_KEY)?;
        let name = |cn: &str| {
            SubjectFields {
                country: Some("KR".into()),
                organization: Some("certkit sandbox (public)".into()),
                common_name: cn.into(),
                ..SubjectFields::default()
            }
            .to_name()
        };
        let root_name = name("Sandbox Public Root CA")?;
        let root = pki::build_root_certificate(
            root_name.clone(),
            pki::validity(now, 3650, None)?,
            &root_key,
        )?;
        let issuing = pki::build_sub_ca_certificate(
            pki::SubCaSpec {
                subject: name("Sandbox Public Issuing CA")?,
                public_key: signer.spki().clone(),
                issuer: root_name,
                validity: pki::validity(now, 1825, None)?,
                signer: &root_key,
                alt_names: Vec::new(),
            },
            Some(0),
        )?;
        Ok(Self {
            root,
            issuing,
            signer,
        })
    }

    /// Issues the certificate for `cn` and `dns_names` (key generated here and kept by no
    /// one: Certificate Manager serves the certificate, not the key).
    fn issue(
        &self,
        cn: &str,
        dns_names: &[String],
        now: SystemTime,
    ) -> Result<Issued, SandboxError> {
        let key = pki::LeafKey::generate(pki::KeySpec::P256)?;
        let mut names = Vec::new();
        for name in std::iter::once(cn).chain(dns_names.iter().map(String::as_str)) {
            let ia5 =
                Ia5String::new(name).map_err(|e| SandboxError::new(ErrorKind::Certificate, e))?;
            let general = GeneralName::DnsName(ia5);
            if !names.contains(&general) {
                names.push(general);
            }
        }
        let (serial, _) = pki::random_serial()?;
        let cert = pki::build_leaf_certificate(pki::LeafSpec {
            subject: SubjectFields {
                common_name: cn.into(),
                ..SubjectFields::default()
            }
            .to_name()?,
            alt_names: names,
            public_key: key.spki()?,
            serial,
            validity: pki::validity(
                now,
                CERTIFICATE_DAYS,
                Some(
                    self.issuing
                        .tbs_certificate
                        .validity
                        .not_after
                        .to_system_time(),
                ),
            )?,
            issuer: self.issuing.tbs_certificate.subject.clone(),
            ca_tag: None,
            signer: &self.signer,
        })?;
        Ok(Issued {
            certificate: pki::cert_pem(&cert)?,
            sub_ca: pki::cert_pem(&self.issuing)?,
            root_ca: pki::cert_pem(&self.root)?,
        })
    }
}

/// A flat Certificate Manager failure (C0 Emulator reading): no op fields.
pub(crate) fn answer(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"returnCode": code, "returnMessage": message})),
    )
        .into_response()
}

fn not_found() -> Response {
    answer(StatusCode::OK, "2200", NOT_FOUND)
}

fn success(mut fields: Value) -> Response {
    if let Some(map) = fields.as_object_mut() {
        map.insert("returnCode".into(), "0".into());
        map.insert("returnMessage".into(), "Success".into());
    }
    Json(fields).into_response()
}

/// A body that is not a JSON object (HTTP 400 / 2000, ncp-api.md §3).
pub(crate) fn invalid_body() -> Response {
    answer(
        StatusCode::BAD_REQUEST,
        "2000",
        "Invalid request body: expected a JSON object",
    )
}

/// The answer to the first blocking problem of a request: a certificate number that is not
/// one answers 2200 (C3 Emulator reading), bad domain syntax 2201 with HTTP 200, a missing
/// field 2100 and anything else 2100 with HTTP 400 (ncp-api.md §3).
pub(crate) fn problem_response(problem: &Problem) -> Response {
    let field = problem.field.split('[').next().unwrap_or_default();
    if field == "certificateNo" {
        return not_found();
    }
    if problem.code == ProblemCode::InvalidDomain || problem.ncp_code() == Some("2201") {
        return answer(StatusCode::OK, "2201", BAD_SANS);
    }
    if problem.code == ProblemCode::Required {
        return answer(
            StatusCode::BAD_REQUEST,
            "2100",
            &format!("Required parameter is missing: {}", problem.field),
        );
    }
    answer(
        StatusCode::BAD_REQUEST,
        "2100",
        &format!("Invalid parameter: {problem}"),
    )
}

/// Answers a Certificate Manager operation (validated by the caller).
pub(crate) fn handle(sandbox: &Sandbox, operation: Operation) -> Response {
    match operation {
        Operation::RequestCertificateIssuance(op) => request_issuance(sandbox, *op),
        Operation::ListCloudCertificates(op) => list(sandbox, Some(*op)),
        Operation::ListCertificates(_) => list(sandbox, None),
        Operation::ListDcvStatuses(op) => dcv_statuses(sandbox, *op),
        Operation::DeleteCertificate(op) => delete(sandbox, *op),
        Operation::ReissueCertificate(op) => reissue(sandbox, *op),
        Operation::DownloadCertificate(op) => download(sandbox, *op),
        Operation::GetCertificateChain(op) => chain(sandbox, *op),
        Operation::RevokeCertificate(op) => revoke(sandbox, *op),
        _ => crate::gateway::not_found_response(),
    }
}

/// The seed: keeps the request as certificate ONGOING (`0`) with one validation record per
/// distinct domain (the CN, then each dnsName entry).
fn request_issuance(sandbox: &Sandbox, op: RequestCertificateIssuance) -> Response {
    let request_sn = pki::random_hex(16);
    let now_ms = sandbox.clock().now_ms();
    let mut store = sandbox.certificates();
    let no = store.next_no;
    store.next_no += 1;
    let mut dcv: Vec<Dcv> = Vec::new();
    for domain in std::iter::once(&op.common_name).chain(&op.dns_name) {
        if !dcv.iter().any(|d| d.domain.eq_ignore_ascii_case(domain)) {
            dcv.push(Dcv {
                domain: domain.clone(),
                valid_sn: store.next_valid_sn,
                validated: false,
            });
            store.next_valid_sn += 1;
        }
    }
    store.insert(
        CloudCertificate {
            no,
            name: op.certificate_name.clone(),
            common_name: op.common_name.clone(),
            dns_names: op.dns_name.clone(),
            request_sn: request_sn.clone(),
            order_id: format!("ORD{no}"),
            status: "0",
            update_ms: now_ms,
            revoked_at_ms: None,
            dcv,
            issued: None,
        },
        MAX_CERTIFICATES,
    );
    success(json!({
        "totalRows": 0,
        "certificateName": op.certificate_name,
        "commonName": op.common_name,
        "dnsName": op.dns_name.join(","),
        "validationMethod": op.validation_method.as_str(),
        "requestSn": request_sn,
    }))
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) of epoch milliseconds; C1's `updateDate` format is
/// undocumented.
fn date_time(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// One item of C1's `sslCertificateList`.
fn list_item(cert: &CloudCertificate) -> Value {
    json!({
        "certificateNo": cert.no,
        "certificateName": cert.name,
        "memberNo": MEMBER_NO,
        "commonName": cert.common_name,
        "dnsName": cert.dns_names.join(","),
        "statusCode": cert.status,
        "statusName": status_label(cert.status).unwrap_or_default(),
        "certificateType": "Cloud Basic",
        "domainCode": "PUB",
        "updateDate": date_time(cert.update_ms),
        "issueType": "NEW",
        "subjectDN": format!("CN={}", cert.common_name),
    })
}

/// C1 (`getCertificates`, with paging and the name filter) and C1b (`certificates`, all).
/// `totalCount` counts every match, not the page.
fn list(sandbox: &Sandbox, query: Option<ListCloudCertificates>) -> Response {
    let store = sandbox.certificates();
    let query = query.unwrap_or_default();
    let matches: Vec<&CloudCertificate> = store
        .certificates
        .iter()
        .filter(|c| query.certificate_name.as_ref().is_none_or(|n| *n == c.name))
        .collect();
    let number = |value: &Option<String>, default: usize| {
        value
            .as_deref()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|v| *v >= 1)
            .unwrap_or(default)
    };
    let page = number(&query.page, 1);
    let size = match query.page_size {
        Some(_) => number(&query.page_size, sandbox.page_size()),
        // No paging asked for: everything (C1b takes no parameters at all).
        None if query.page.is_none() => matches.len().max(1),
        None => sandbox.page_size(),
    };
    let items: Vec<Value> = matches
        .iter()
        .skip(page.saturating_sub(1).saturating_mul(size))
        .take(size)
        .map(|c| list_item(c))
        .collect();
    success(json!({"totalCount": matches.len(), "sslCertificateList": items}))
}

/// The DNS name of a domain's validation record: stable per certificate and domain.
fn txt_name(request_sn: &str, domain: &str) -> String {
    let digest = Sha256::digest(format!("{request_sn}\n{domain}").as_bytes());
    let token: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("_{token}.{}", domain.strip_prefix("*.").unwrap_or(domain))
}

/// C2 ListDcvStatuses: the record of `domainAddress` (as written on the request); another
/// domain gets an empty list. Only the four documented fields.
fn dcv_statuses(sandbox: &Sandbox, op: ListDcvStatuses) -> Response {
    let store = sandbox.certificates();
    let Some(cert) = store.find(&op.certificate_no) else {
        return not_found();
    };
    let list: Vec<Value> = cert
        .dcv
        .iter()
        .filter(|d| d.domain.eq_ignore_ascii_case(&op.domain_address))
        .map(|d| {
            json!({
                "validSn": d.valid_sn.to_string(),
                "requestSn": cert.request_sn,
                "validStatusCode": if d.validated { VALID_STATUS_SUCCESS } else { VALID_STATUS_REG },
                "txtName": txt_name(&cert.request_sn, &d.domain),
            })
        })
        .collect();
    success(json!({
        "totalRows": list.len(),
        "dnsVerificationCount": list.len(),
        "dnsVerificationList": list,
    }))
}

/// C3 DeleteCertificate: the name must match the number (1004).
fn delete(sandbox: &Sandbox, op: DeleteCertificate) -> Response {
    let mut store = sandbox.certificates();
    let Some(cert) = store.find(&op.certificate_no) else {
        return not_found();
    };
    if cert.name != op.certificate_name {
        return answer(StatusCode::OK, "1004", NAME_MISMATCH);
    }
    let no = cert.no;
    store.certificates.retain(|c| c.no != no);
    success(json!({"totalRows": 0}))
}

/// C4 ReissueCertificate: checks the certificate and the CSR; the answer is the bare
/// envelope (the response is undocumented).
fn reissue(sandbox: &Sandbox, op: ReissueCertificate) -> Response {
    if sandbox.certificates().find(&op.certificate_no).is_none() {
        return not_found();
    }
    if pki::parse_csr(&op.csr).is_err() {
        return answer(StatusCode::OK, "1002", BAD_PEM);
    }
    success(json!({}))
}

/// The certificate of `no` once issued, or the failure to answer (2200 for an unknown number
/// and for one not issued yet: which states can be exported is undocumented).
fn issued<'a>(
    store: &'a CertificateStore,
    no: &str,
) -> Result<(&'a CloudCertificate, &'a Issued), Response> {
    let cert = store.find(no).ok_or_else(not_found)?;
    let issued = cert.issued.as_ref().ok_or_else(not_found)?;
    Ok((cert, issued))
}

/// C5 DownloadCertificate: a ZIP (stored, no compression) of the certificate, the chain
/// parts and the chain in one file.
fn download(sandbox: &Sandbox, op: DownloadCertificate) -> Response {
    let store = sandbox.certificates();
    let (cert, issued) = match issued(&store, &op.certificate_no) {
        Ok(found) => found,
        Err(response) => return response,
    };
    if op.format.as_deref().is_some_and(|f| f != "PEM") {
        return answer(
            StatusCode::BAD_REQUEST,
            "2100",
            "Invalid parameter: type: only PEM is supported",
        );
    }
    let chain = format!("{}{}", issued.sub_ca, issued.root_ca);
    let files: [(&str, &[u8]); 4] = [
        ("certificate.pem", issued.certificate.as_bytes()),
        ("subCaCertificate.pem", issued.sub_ca.as_bytes()),
        ("rootCaCertificate.pem", issued.root_ca.as_bytes()),
        ("chain.pem", chain.as_bytes()),
    ];
    let Some(zip) = crate::zip::stored(&files) else {
        return crate::gateway::unexpected_error();
    };
    let disposition = format!("attachment; filename=\"certificate-{}.zip\"", cert.no);
    let mut response = zip.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// C6 GetCertificateChain: the parts as separate fields, with `\r\n` line breaks.
fn chain(sandbox: &Sandbox, op: GetCertificateChain) -> Response {
    let store = sandbox.certificates();
    match issued(&store, &op.certificate_no) {
        Ok((cert, issued)) => success(json!({
            "totalRows": 0,
            "subjectCommonName": cert.common_name,
            "certificate": pki::crlf(&issued.certificate),
            "subCaCertificate": pki::crlf(&issued.sub_ca),
            "rootCaCertificate": pki::crlf(&issued.root_ca),
        })),
        Err(response) => response,
    }
}

/// C7 RevokeCertificate: every issued (NORMAL) certificate of the order, or the one named,
/// goes to REQUEST_REVOKE (`-7`), then REVOKE (`-5`) after the configured delay. No match:
/// 2200.
fn revoke(sandbox: &Sandbox, op: RevokeCertificate) -> Response {
    let now_ms = sandbox.clock().now_ms();
    let delay = sandbox.activation_delay_ms();
    let mut store = sandbox.certificates();
    let all = op.certificate_no == "0";
    let mut count = 0u64;
    for cert in store.certificates.iter_mut() {
        let named = all || op.certificate_no.parse::<u64>().ok() == Some(cert.no);
        if named && cert.order_id == op.order_id && cert.status == "1" {
            cert.status = "-7";
            cert.update_ms = now_ms;
            cert.revoked_at_ms = Some(now_ms.saturating_add(delay));
            count += 1;
        }
    }
    if count == 0 {
        return not_found();
    }
    store.settle(now_ms);
    success(json!({"totalRows": count}))
}

/// `POST /demo/dcv/{certificateNo}` with `{"domainAddress": ..}` (or no body: every domain):
/// stands for "I created the DNS record". When every domain is validated the certificate is
/// issued and turns NORMAL (`1`). The answer tells the certificate's `orderId`, which no
/// documented field carries (Revoke Certificate needs it).
pub(crate) fn demo_validate(
    sandbox: &Sandbox,
    certificate_no: &str,
    domain: Option<&str>,
) -> Result<Value, (StatusCode, String)> {
    let now = sandbox.clock().now();
    let missing = || {
        (
            StatusCode::NOT_FOUND,
            format!("no certificate has certificateNo {certificate_no}"),
        )
    };
    // Mark the records, and copy out what issuing needs (signing runs without the lock).
    let to_issue = {
        let mut store = sandbox.certificates();
        let cert = store.find_mut(certificate_no).ok_or_else(missing)?;
        let mut touched = false;
        for dcv in &mut cert.dcv {
            if domain.is_none_or(|d| dcv.domain.eq_ignore_ascii_case(d)) {
                dcv.validated = true;
                touched = true;
            }
        }
        if !touched {
            return Err((
                StatusCode::BAD_REQUEST,
                format!(
                    "certificate {certificate_no} has no domain {:?}; its domains: {}",
                    domain.unwrap_or_default(),
                    cert.dcv
                        .iter()
                        .map(|d| d.domain.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        (cert.dcv.iter().all(|d| d.validated) && cert.issued.is_none())
            .then(|| (cert.common_name.clone(), cert.dns_names.clone()))
    };
    if let Some((cn, dns_names)) = to_issue {
        let issued = sandbox
            .public_ca()
            .issue(&cn, &dns_names, now)
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let mut store = sandbox.certificates();
        let cert = store.find_mut(certificate_no).ok_or_else(missing)?;
        if cert.issued.is_none() {
            cert.issued = Some(issued);
            cert.status = "1";
            cert.update_ms = crate::private_ca::to_ms(now);
        }
    }
    demo_state(sandbox, certificate_no).ok_or_else(missing)
}

/// What `/demo/dcv/{certificateNo}` shows of a certificate, its `orderId` included.
pub(crate) fn demo_state(sandbox: &Sandbox, certificate_no: &str) -> Option<Value> {
    let store = sandbox.certificates();
    let cert = store.find(certificate_no)?;
    Some(json!({
        "certificateNo": cert.no,
        "certificateName": cert.name,
        "orderId": cert.order_id,
        "statusCode": cert.status,
        "statusName": status_label(cert.status).unwrap_or_default(),
        "domains": cert.dcv.iter().map(|d| json!({
            "domainAddress": d.domain,
            "txtName": txt_name(&cert.request_sn, &d.domain),
            "validStatusCode": if d.validated { VALID_STATUS_SUCCESS } else { VALID_STATUS_REG },
        })).collect::<Vec<_>>(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certificate(no: u64) -> CloudCertificate {
        CloudCertificate {
            no,
            name: format!("cert{no}"),
            common_name: "example.com".into(),
            dns_names: Vec::new(),
            request_sn: String::new(),
            order_id: String::new(),
            status: "0",
            update_ms: 0,
            revoked_at_ms: None,
            dcv: Vec::new(),
            issued: None,
        }
    }

    #[test]
    fn store_keeps_the_newest_certificates_up_to_the_cap() {
        let mut store = CertificateStore::default();
        for no in 0..5 {
            store.insert(certificate(no), 3);
        }
        assert_eq!(store.certificates.len(), 3);
        assert!(store.find("1").is_none());
        assert!(store.find("2").is_some());
        assert!(store.find("4").is_some());
        assert!(store.find("x").is_none());
    }

    #[test]
    fn dates_are_utc_civil_time() {
        // 2024-02-29 12:34:56 UTC, from `date -u -d @1709210096`.
        assert_eq!(date_time(1_709_210_096_000), "2024-02-29 12:34:56");
        assert_eq!(date_time(0), "1970-01-01 00:00:00");
    }

    #[test]
    fn requested_revocations_settle_to_revoke() {
        let mut store = CertificateStore::default();
        let mut cert = certificate(1);
        cert.status = "-7";
        cert.revoked_at_ms = Some(100);
        store.insert(cert, 10);
        store.settle(99);
        assert_eq!(store.find("1").map(|c| c.status), Some("-7"));
        store.settle(100);
        assert_eq!(store.find("1").map(|c| c.status), Some("-5"));
    }
}
