//! Private CA (`/api/v1`, ncp-operations.md P1-P13 and the seeds Issue End Cert and Activate
//! Sub CA): the CA store and one handler per operation, answering with the Emulator readings.

use std::time::SystemTime;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use certkit_core::operation::{ActivateSubCa, IssueEndCert, KeyType, Period, X509Parameters};
use certkit_core::private_ca::{
    CreateCa, DeleteCa, GetCa, GetCaChain, GetCaCrl, GetCaList, GetEndCert, GetEndCertList,
    GetSubCsr, RevokeEndCert, SignEndCsr, SignSubCsr, UpdateCa,
};
use certkit_core::validation::{Problem, ProblemCode};
use certkit_core::Operation;
use const_oid::db::rfc4519;
use der::{Decode, Encode};
use serde_json::{json, Value};
use x509_cert::name::Name;
use x509_cert::request::CertReq;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::error::SandboxError;
use crate::pki::{self, CaSigner, KeySpec, LeafKey, SubjectFields};
use crate::{CaTags, Sandbox, MEMBER_NO};

/// Validity of an end certificate when the request gives no `period`, in days.
pub(crate) const DEFAULT_PERIOD_DAYS: u64 = 365;
/// Validity of a root CA (seeded, or created with `period` `MAX`), in days (10 years).
const ROOT_DAYS: u64 = 3650;
/// Validity of the seeded issuing CA, in days (5 years).
const ISSUING_DAYS: u64 = 1825;
/// Key of the seeded CAs (and of the sandbox's other demo CAs): RSA-2048, quick to generate.
pub(crate) const SEED_CA_KEY: KeySpec = KeySpec::Rsa(2048);
/// How long `DESTROYING` waits before the CA and its sub CAs are deleted (P11: 72 hours).
const DESTROY_DELAY_MS: u64 = 72 * 3600 * 1000;

/// `caType` of a CA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaType {
    Root,
    Sub,
}

impl CaType {
    fn as_str(self) -> &'static str {
        match self {
            CaType::Root => "PRIVATE_ROOT",
            CaType::Sub => "PRIVATE_SUB",
        }
    }
}

/// `status` of a CA (PS1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaStatus {
    Active,
    Deactivated,
    Destroying,
    Pending,
}

impl CaStatus {
    fn as_str(self) -> &'static str {
        match self {
            CaStatus::Active => "ACTIVE",
            CaStatus::Deactivated => "DEACTIVATED",
            CaStatus::Destroying => "DESTROYING",
            CaStatus::Pending => "PENDING",
        }
    }

    /// The statuses Update CA can set (validation has refused every other value).
    fn settable(status: &str) -> Option<CaStatus> {
        match status {
            "ACTIVE" => Some(CaStatus::Active),
            "DEACTIVATED" => Some(CaStatus::Deactivated),
            "DESTROYING" => Some(CaStatus::Destroying),
            _ => None,
        }
    }
}

/// An end certificate a CA issued (Issue End Cert, Sign End Csr).
struct EndCert {
    serial: SerialNumber,
    /// Colon-separated upper-case hex, as NCP prints it.
    serial_no: String,
    certificate: Certificate,
    revoked_at: Option<SystemTime>,
}

/// One CA the sandbox holds.
pub(crate) struct CaRecord {
    tag: String,
    alias: String,
    memo: String,
    ca_type: CaType,
    status: CaStatus,
    ca_id: u64,
    ca_cert_id: u64,
    signing_count: u64,
    rgst_date_ms: u64,
    status_update_ms: Option<u64>,
    destroy_ms: Option<u64>,
    /// The platform CA that signed this one, for Delete CA's cascade.
    parent: Option<String>,
    signer: CaSigner,
    /// `None` until a sub CA signed elsewhere is activated.
    certificate: Option<Certificate>,
    /// The certificates above this CA, its issuer first.
    issuers: Vec<Certificate>,
    /// The request Get Sub Csr hands out, until activation.
    csr: Option<CertReq>,
    /// After Activate Sub CA: when the CA turns from PENDING to ACTIVE.
    activates_at_ms: Option<u64>,
    /// Oldest first.
    end_certs: Vec<EndCert>,
}

impl CaRecord {
    /// PS1 `caInfo`.
    fn info(&self) -> Value {
        let url = |what: &str| format!("{}/{}/{what}", pki::EXT_URL_BASE, self.tag);
        json!({
            "signingCount": self.signing_count,
            "caType": self.ca_type.as_str(),
            "caId": self.ca_id,
            // Epoch ms as JSON strings once set (PS1 Emulator reading), null while unset.
            "statusUpdateDate": self.status_update_ms.map(|ms| ms.to_string()),
            "destroyDate": self.destroy_ms.map(|ms| ms.to_string()),
            "alias": self.alias,
            "memo": self.memo,
            "nrn": format!("nrn:PUB:PrivateCA::{MEMBER_NO}:CA/{}", self.tag),
            // Every example has an empty OCSP list (the sandbox runs no OCSP responder).
            "urlInfo": {"ocsp": [], "crl": [url("crl")], "ca": [url("ca")]},
            "caTag": self.tag,
            "rgstDate": self.rgst_date_ms,
            "status": self.status.as_str(),
        })
    }

    /// `{caInfo, caCertInfo}` (P1 items, P2, P3); `caCertInfo` is null without a certificate.
    fn detail(&self) -> Result<Value, SandboxError> {
        let cert_info = match &self.certificate {
            Some(cert) => ca_cert_info(self, cert)?,
            None => Value::Null,
        };
        Ok(json!({"caInfo": self.info(), "caCertInfo": cert_info}))
    }

    /// This CA's certificate followed by its issuers.
    fn chain(&self) -> Vec<Certificate> {
        self.certificate
            .iter()
            .chain(self.issuers.iter())
            .cloned()
            .collect()
    }

    fn end_cert(&self, serial_no: &str) -> Option<&EndCert> {
        self.end_certs
            .iter()
            .find(|c| c.serial_no.eq_ignore_ascii_case(serial_no))
    }
}

/// All CAs, in creation order.
pub(crate) struct CaStore {
    cas: Vec<CaRecord>,
    next_ca_id: u64,
    next_cert_id: u64,
}

/// An NCP-looking CA tag: `1234567890-1234567890`.
pub(crate) fn random_ca_tag() -> String {
    format!("{}-{}", pki::random_digits(10), pki::random_digits(10))
}

pub(crate) fn to_ms(time: SystemTime) -> u64 {
    time.duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

fn sandbox_subject(common_name: &str, extra: bool) -> SubjectFields {
    SubjectFields {
        country: Some("KR".into()),
        organization: Some("certkit sandbox".into()),
        state_province: extra.then(|| "Seongnam-si".into()),
        locality: extra.then(|| "Pangyo".into()),
        organization_unit: extra.then(|| "sandbox sub CA".into()),
        street_address: None,
        common_name: common_name.into(),
    }
}

/// The subject a request's `x509Parameters` describe (`streetAddress` only for end
/// certificates: Create CA ignores it, PS3).
fn subject_of(x: &X509Parameters, street: bool) -> SubjectFields {
    SubjectFields {
        country: x.country.clone(),
        state_province: x.state_province.clone(),
        locality: x.locality.clone(),
        street_address: if street {
            x.street_address.clone()
        } else {
            None
        },
        organization: x.organization.clone(),
        organization_unit: x.organization_unit.clone(),
        common_name: x.common_name.clone(),
    }
}

impl CaStore {
    /// Generates the root, the issuing CA and the PENDING sub CA (keys in parallel).
    pub(crate) fn seed(tags: &CaTags, now: SystemTime) -> Result<Self, SandboxError> {
        let (root_key, issuing_key, pending_key) = std::thread::scope(|scope| {
            let a = scope.spawn(|| CaSigner::generate(SEED_CA_KEY));
            let b = scope.spawn(|| CaSigner::generate(SEED_CA_KEY));
            let c = CaSigner::generate(SEED_CA_KEY);
            let join = |h: std::thread::ScopedJoinHandle<'_, Result<CaSigner, SandboxError>>| {
                h.join().unwrap_or_else(|_| {
                    Err(SandboxError::new(
                        crate::ErrorKind::KeyGeneration,
                        "CA key generation thread failed",
                    ))
                })
            };
            (join(a), join(b), c)
        });
        let (root_key, issuing_key, pending_key) = (root_key?, issuing_key?, pending_key?);

        let root_name = sandbox_subject("certkit Sandbox Root CA", false).to_name()?;
        let root_cert = pki::build_root_certificate(
            root_name.clone(),
            pki::validity(now, ROOT_DAYS, None)?,
            &root_key,
        )?;
        // No pathLen limit: sub CAs can be created under the issuing CA too.
        let issuing_cert = pki::build_sub_ca_certificate(
            pki::SubCaSpec {
                subject: sandbox_subject("certkit Sandbox Issuing CA", false).to_name()?,
                public_key: issuing_key.spki().clone(),
                issuer: root_name,
                validity: pki::validity(now, ISSUING_DAYS, None)?,
                signer: &root_key,
                alt_names: Vec::new(),
            },
            None,
        )?;

        let mut store = CaStore {
            cas: Vec::new(),
            next_ca_id: 18_001,
            next_cert_id: 18_170,
        };
        let now_ms = to_ms(now);
        let record =
            |tag: &str, alias: &str, memo: &str, ca_type, signer, cert, issuers| CaRecord {
                tag: tag.to_string(),
                alias: alias.into(),
                memo: memo.into(),
                ca_type,
                status: CaStatus::Active,
                ca_id: 0,
                ca_cert_id: 0,
                signing_count: 0,
                rgst_date_ms: now_ms,
                status_update_ms: None,
                destroy_ms: None,
                parent: None,
                signer,
                certificate: Some(cert),
                issuers,
                csr: None,
                activates_at_ms: None,
                end_certs: Vec::new(),
            };
        let mut root = record(
            &tags.root,
            "sandbox-root",
            "Seeded root CA of the certkit sandbox",
            CaType::Root,
            root_key,
            root_cert.clone(),
            Vec::new(),
        );
        root.signing_count = 1;
        store.push(root);
        let mut issuing = record(
            &tags.issuing,
            "sandbox-issuing",
            "Seeded issuing CA: issue end certificates here",
            CaType::Sub,
            issuing_key,
            issuing_cert,
            vec![root_cert],
        );
        issuing.parent = Some(tags.root.clone());
        store.push(issuing);
        store.push_pending(tags.pending.clone(), pending_key, now)?;
        Ok(store)
    }

    fn push(&mut self, mut record: CaRecord) {
        record.ca_id = self.next_ca_id;
        self.next_ca_id += 1;
        if record.certificate.is_some() {
            record.ca_cert_id = self.take_cert_id();
        }
        self.cas.push(record);
    }

    fn take_cert_id(&mut self) -> u64 {
        self.next_cert_id += 1;
        self.next_cert_id - 1
    }

    /// Adds a PENDING sub CA with a sandbox-made CSR for `key` (the seeded one and
    /// `/demo/pending-ca`); returns its `caInfo`.
    pub(crate) fn push_pending(
        &mut self,
        tag: String,
        key: CaSigner,
        now: SystemTime,
    ) -> Result<Value, SandboxError> {
        let number = self.cas.iter().filter(|c| c.csr.is_some()).count() + 1;
        let common_name = if number == 1 {
            "certkit Sandbox Pending Sub CA".to_string()
        } else {
            format!("certkit Sandbox Pending Sub CA {number}")
        };
        let csr = pki::build_csr(sandbox_subject(&common_name, true).to_name()?, &key)?;
        self.push(pending_record(
            tag,
            format!("sandbox-pend-{number}"),
            "Seeded sub CA waiting for Activate Sub CA".into(),
            key,
            csr,
            to_ms(now),
        ));
        Ok(self.cas.last().map(CaRecord::info).unwrap_or(Value::Null))
    }

    fn find(&self, tag: &str) -> Option<&CaRecord> {
        self.cas.iter().find(|c| c.tag == tag)
    }

    fn find_mut(&mut self, tag: &str) -> Option<&mut CaRecord> {
        self.cas.iter_mut().find(|c| c.tag == tag)
    }

    /// The first CA still waiting for its certificate (for `/demo/credentials`).
    pub(crate) fn first_pending(&self) -> Option<String> {
        self.cas
            .iter()
            .find(|c| c.status == CaStatus::Pending && c.csr.is_some())
            .map(|c| c.tag.clone())
    }

    /// Whether a tag is taken.
    pub(crate) fn contains(&self, tag: &str) -> bool {
        self.find(tag).is_some()
    }

    /// A tag no CA has.
    fn new_tag(&self) -> String {
        let mut tag = random_ca_tag();
        while self.contains(&tag) {
            tag = random_ca_tag();
        }
        tag
    }

    /// Applies what time does: activated sub CAs turn ACTIVE, CAs whose 72 hours of
    /// DESTROYING are over are deleted with their sub CAs.
    pub(crate) fn settle(&mut self, now_ms: u64) {
        for ca in &mut self.cas {
            if ca.activates_at_ms.is_some_and(|at| at <= now_ms) {
                ca.activates_at_ms = None;
                ca.status = CaStatus::Active;
                ca.status_update_ms = Some(now_ms);
            }
        }
        let due: Vec<String> = self
            .cas
            .iter()
            .filter(|c| {
                c.status == CaStatus::Destroying && c.destroy_ms.is_some_and(|d| d <= now_ms)
            })
            .map(|c| c.tag.clone())
            .collect();
        for tag in due {
            self.delete_with_subs(&tag);
        }
    }

    /// Removes `tag` and every CA below it.
    fn delete_with_subs(&mut self, tag: &str) {
        let mut doomed = vec![tag.to_string()];
        let mut i = 0;
        while let Some(parent) = doomed.get(i).cloned() {
            doomed.extend(
                self.cas
                    .iter()
                    .filter(|c| c.parent.as_deref() == Some(parent.as_str()))
                    .map(|c| c.tag.clone()),
            );
            i += 1;
        }
        self.cas.retain(|c| !doomed.contains(&c.tag));
    }
}

fn pending_record(
    tag: String,
    alias: String,
    memo: String,
    key: CaSigner,
    csr: CertReq,
    now_ms: u64,
) -> CaRecord {
    CaRecord {
        tag,
        alias,
        memo,
        ca_type: CaType::Sub,
        status: CaStatus::Pending,
        ca_id: 0,
        ca_cert_id: 0,
        signing_count: 0,
        rgst_date_ms: now_ms,
        status_update_ms: None,
        destroy_ms: None,
        parent: None,
        signer: key,
        certificate: None,
        issuers: Vec::new(),
        csr: Some(csr),
        activates_at_ms: None,
        end_certs: Vec::new(),
    }
}

/// `{"code":"SUCCESS","msg":"Success","data":...}`.
fn success(data: Value) -> Response {
    Json(json!({"code": "SUCCESS", "msg": "Success", "data": data})).into_response()
}

/// A Private CA failure: HTTP 400 `{"code":..,"msg":..,"data":null}` (P0 Emulator reading).
/// `code` is always one of the codes `ncp-api.md` §3 lists.
pub(crate) fn failure(code: &str, msg: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"code": code, "msg": msg.into(), "data": Value::Null})),
    )
        .into_response()
}

fn internal(error: SandboxError) -> Response {
    tracing::error!("{error}");
    crate::gateway::unexpected_error()
}

fn not_exist(tag: &str) -> Response {
    failure(
        "NOT_EXIST_CASTORE",
        format!("No CA has the caTag '{tag}'. List the CAs with GET /api/v1/ca."),
    )
}

fn invalid_status(ca: &CaRecord, wanted: &str) -> Response {
    failure(
        "INVALID_CA_STATUS",
        format!(
            "The CA '{}' is {}; this operation needs a CA that is {wanted}.",
            ca.tag,
            ca.status.as_str()
        ),
    )
}

/// Code for a refused serial number (unknown, or revoked twice). P7/P8 document none; §3's
/// `INVALID_INPUT_CERT` names the input certificate and is read as invalid input.
const BAD_SERIAL: &str = "INVALID_INPUT_CERT";

/// The exact P0 message of a missing field, where the overview's table has a row for it
/// (the csr/cert/status rows in the English wording inferred from the other rows).
fn documented_message(problem: &Problem) -> Option<&'static str> {
    if problem.code != ProblemCode::Required {
        return None;
    }
    Some(match problem.field.as_str() {
        "alias" => "alias is missing.",
        "x509Parameters.commonName" => "common name is missing.",
        "x509Parameters" => "x509Parameters are missing.",
        "csrPem" => "csr is missing.",
        "certPem" => "cert is missing.",
        "status" => "status is missing.",
        _ => return None,
    })
}

/// The §3 code for an input problem core maps to none (`Problem::ncp_code`). The docs name
/// no code for these (P0's "Code" column is `-`), so each gets the §3 code closest to its
/// field, all of which clients read as invalid input except where the CA is at issue.
fn undocumented_code(problem: &Problem) -> &'static str {
    let field = problem.field.split(['.', '[']).next().unwrap_or_default();
    match (field, problem.code) {
        ("x509Parameters" | "alias", ProblemCode::Required) => "EMPTY_COMMON_NAME",
        ("alias", _) => "EXCEED_COMMON_NAME",
        ("x509Parameters", ProblemCode::TooLong) => "EXCEED_COMMON_NAME",
        // The only §3 code for an x509Parameters value other than the CN.
        ("x509Parameters", _) => "INVALID_X509_IP",
        ("period" | "pageNo", _) => "INVALID_INPUT_PERIOD",
        ("caChainPem", _) => "INVALID_INPUT_CA_CHAIN",
        ("status" | "caType" | "issuerTag", _) => "INVALID_CA_STATUS",
        ("caTag", _) => "NOT_EXIST_CASTORE",
        // csrPem, certPem, serialNo, keyType, an unreadable body: the request's input.
        _ => "INVALID_INPUT_CERT",
    }
}

/// The answer to the first blocking problem of a request.
pub(crate) fn problem_response(problem: &Problem) -> Response {
    let code = problem
        .ncp_code()
        .unwrap_or_else(|| undocumented_code(problem));
    match documented_message(problem) {
        Some(message) => failure(code, message),
        None => failure(code, problem.to_string()),
    }
}

/// A body that is not a JSON object for the operation: the P0 "malformed request" row.
pub(crate) fn invalid_request() -> Response {
    failure("INVALID_INPUT_CERT", "Invalid request.")
}

/// Answers a Private CA operation (validated by the caller).
pub(crate) async fn handle(sandbox: &Sandbox, operation: Operation) -> Response {
    match operation {
        Operation::GetCaList(op) => list(sandbox, *op),
        Operation::GetCa(op) => get(sandbox, *op),
        Operation::CreateCa(op) => create(sandbox, *op).await,
        Operation::GetSubCsr(op) => sub_csr(sandbox, *op),
        Operation::SignSubCsr(op) => sign_sub_csr(sandbox, *op).await,
        Operation::ActivateSubCa(op) => activate(sandbox, *op).await,
        Operation::IssueEndCert(op) => issue_end_cert(sandbox, *op).await,
        Operation::SignEndCsr(op) => sign_end_csr(sandbox, *op).await,
        Operation::GetEndCertList(op) => end_cert_list(sandbox, *op),
        Operation::GetEndCert(op) => end_cert(sandbox, *op),
        Operation::RevokeEndCert(op) => revoke(sandbox, *op),
        Operation::GetCaChain(op) => chain(sandbox, *op),
        Operation::GetCaCrl(op) => crl(sandbox, *op),
        Operation::UpdateCa(op) => update(sandbox, *op),
        Operation::DeleteCa(op) => delete(sandbox, *op),
        _ => crate::gateway::not_found_response(),
    }
}

/// `pageNo` as a number from 1 (validated digits; absent: 1).
fn page_number(page_no: Option<&str>) -> usize {
    page_no
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// Page `page` (from 1) of `items`, and the number of pages (at least 1).
fn page_of<T>(items: &[T], page: usize, size: usize) -> (&[T], usize) {
    let size = size.max(1);
    let pages = items.len().div_ceil(size).max(1);
    let start = page.saturating_sub(1).saturating_mul(size).min(items.len());
    let end = start.saturating_add(size).min(items.len());
    (items.get(start..end).unwrap_or(&[]), pages)
}

/// P1 Get CA List.
fn list(sandbox: &Sandbox, op: GetCaList) -> Response {
    let store = sandbox.cas();
    let page = page_number(op.page_no.as_deref());
    let (cas, pages) = page_of(&store.cas, page, sandbox.page_size());
    let items: Result<Vec<Value>, SandboxError> = cas.iter().map(CaRecord::detail).collect();
    match items {
        Ok(items) => success(json!({
            "totalCnt": store.cas.len(),
            "caInfoList": items,
            "totalPageNo": pages,
            "currentPageNo": page,
        })),
        Err(e) => internal(e),
    }
}

/// P2 Get CA.
fn get(sandbox: &Sandbox, op: GetCa) -> Response {
    match sandbox.cas().find(&op.ca_tag) {
        Some(ca) => match ca.detail() {
            Ok(detail) => success(detail),
            Err(e) => internal(e),
        },
        None => not_exist(&op.ca_tag),
    }
}

/// What signing needs from an ACTIVE CA, copied out of the store so that signing runs
/// without holding its lock.
struct Issuer {
    tag: String,
    signer: CaSigner,
    certificate: Certificate,
    chain: Vec<Certificate>,
}

impl Issuer {
    /// The CA `tag` if it exists and is ACTIVE, else the failure to answer.
    fn active(sandbox: &Sandbox, tag: &str) -> Result<Issuer, Response> {
        let store = sandbox.cas();
        let ca = store.find(tag).ok_or_else(|| not_exist(tag))?;
        match (&ca.certificate, ca.status) {
            (Some(certificate), CaStatus::Active) => Ok(Issuer {
                tag: ca.tag.clone(),
                signer: ca.signer.clone(),
                certificate: certificate.clone(),
                chain: ca.chain(),
            }),
            _ => Err(invalid_status(ca, "ACTIVE")),
        }
    }

    fn not_after(&self) -> SystemTime {
        self.certificate
            .tbs_certificate
            .validity
            .not_after
            .to_system_time()
    }

    fn name(&self) -> Name {
        self.certificate.tbs_certificate.subject.clone()
    }

    /// Signs an end certificate valid `days` from `now` (capped at this CA's notAfter).
    fn sign_leaf(
        &self,
        subject: Name,
        alt_names: Vec<x509_cert::ext::pkix::name::GeneralName>,
        public_key: spki::SubjectPublicKeyInfoOwned,
        now: SystemTime,
        days: u64,
    ) -> Result<(Certificate, SerialNumber, String), SandboxError> {
        let (serial, serial_no) = pki::random_serial()?;
        let cert = pki::build_leaf_certificate(pki::LeafSpec {
            subject,
            alt_names,
            public_key,
            serial: serial.clone(),
            validity: pki::validity(now, days, Some(self.not_after()))?,
            issuer: self.name(),
            ca_tag: Some(&self.tag),
            signer: &self.signer,
        })?;
        Ok((cert, serial, serial_no))
    }

    /// PS4 for P5/P13: `certificate`, `caChain` (an array, one PEM per CA from this one up),
    /// `ocspResponder` `""`, `issuer`, `serialNo`.
    fn signed_data(&self, cert: &Certificate, serial_no: &str) -> Result<Value, SandboxError> {
        let chain = self
            .chain
            .iter()
            .map(pki::cert_pem)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({
            "certificate": pki::cert_pem(cert)?,
            "caChain": chain,
            "ocspResponder": "",
            "issuer": pki::cert_pem(&self.certificate)?,
            "serialNo": serial_no,
        }))
    }
}

/// Days of a validated `period`: a number of days, or `MAX_DAYS` for `MAX` (capped by the
/// caller at the signing CA's notAfter).
fn period_days(period: Option<&Period>, default: u64) -> u64 {
    match period {
        Some(Period::Days(days)) => u64::from(*days),
        Some(Period::Max) => u64::from(Period::MAX_DAYS),
        _ => default,
    }
}

/// P3 Create CA: a root (ACTIVE), a sub CA signed by the ACTIVE platform CA `issuerTag`
/// (ACTIVE), or a sub CA to sign elsewhere (PENDING, no certificate until Activate Sub CA).
async fn create(sandbox: &Sandbox, op: CreateCa) -> Response {
    let root = op.ca_type == "PRIVATE_ROOT";
    let parent = match (&op.issuer_tag, root) {
        (Some(_), true) => {
            return failure(
                "INVALID_CA_STATUS",
                "issuerTag names a parent CA, which a PRIVATE_ROOT does not have: leave it out or create a PRIVATE_SUB",
            )
        }
        (Some(tag), false) => match Issuer::active(sandbox, tag) {
            Ok(issuer) => Some(issuer),
            Err(response) => return response,
        },
        (None, _) => None,
    };
    let subject = match subject_of(&op.x509_parameters, false).to_name() {
        Ok(name) => name,
        Err(e) => return failure("INVALID_X509_IP", format!("x509Parameters: {e}")),
    };
    let now = sandbox.clock().now();
    let key_spec = key_spec(op.key_type.as_ref());
    let days = period_days(op.period.as_ref(), ROOT_DAYS);
    let parent_tag = parent.as_ref().map(|p| p.tag.clone());
    let built = sandbox
        .heavy(move || {
            let key = CaSigner::generate(key_spec)?;
            let made = if root {
                let validity = pki::validity(now, days, None)?;
                let cert = pki::build_root_certificate(subject.clone(), validity, &key)?;
                Made::Certified(Box::new(cert), Vec::new())
            } else if let Some(parent) = &parent {
                let cert = pki::build_sub_ca_certificate(
                    pki::SubCaSpec {
                        subject: subject.clone(),
                        public_key: key.spki().clone(),
                        issuer: parent.name(),
                        validity: pki::validity(now, days, Some(parent.not_after()))?,
                        signer: &parent.signer,
                        alt_names: Vec::new(),
                    },
                    None,
                )?;
                Made::Certified(Box::new(cert), parent.chain.clone())
            } else {
                Made::Pending(Box::new(pki::build_csr(subject.clone(), &key)?))
            };
            Ok((key, made))
        })
        .await;
    let (key, made) = match built {
        Ok(built) => built,
        Err(e) => return internal(e),
    };
    let mut store = sandbox.cas();
    let tag = store.new_tag();
    let memo = op.memo.unwrap_or_default();
    let record = match made {
        Made::Pending(csr) => pending_record(tag.clone(), op.alias, memo, key, *csr, to_ms(now)),
        Made::Certified(cert, issuers) => CaRecord {
            tag: tag.clone(),
            alias: op.alias,
            memo,
            ca_type: if root { CaType::Root } else { CaType::Sub },
            status: CaStatus::Active,
            ca_id: 0,
            ca_cert_id: 0,
            signing_count: 0,
            rgst_date_ms: to_ms(now),
            status_update_ms: None,
            destroy_ms: None,
            parent: parent_tag.clone(),
            signer: key,
            certificate: Some(*cert),
            issuers,
            csr: None,
            activates_at_ms: None,
            end_certs: Vec::new(),
        },
    };
    store.push(record);
    if let Some(parent) = parent_tag.and_then(|t| store.find_mut(&t)) {
        parent.signing_count += 1;
    }
    match store.find(&tag).map(CaRecord::detail) {
        Some(Ok(detail)) => success(detail),
        Some(Err(e)) => internal(e),
        None => not_exist(&tag),
    }
}

/// What Create CA built: a certificate and the chain above it, or a CSR to sign elsewhere.
enum Made {
    Certified(Box<Certificate>, Vec<Certificate>),
    Pending(Box<CertReq>),
}

/// P4 Get Sub Csr: only a sub CA signed elsewhere that is not activated yet.
fn sub_csr(sandbox: &Sandbox, op: GetSubCsr) -> Response {
    let store = sandbox.cas();
    let Some(ca) = store.find(&op.ca_tag) else {
        return not_exist(&op.ca_tag);
    };
    match (&ca.csr, ca.status) {
        (Some(csr), CaStatus::Pending) => match pki::csr_pem(csr) {
            Ok(pem) => success(json!({ "csrPem": pem })),
            Err(e) => internal(e),
        },
        _ => invalid_status(ca, "PENDING (a sub CA awaiting its signature)"),
    }
}

/// What a CSR-signing request needs: the active CA `ca_tag` (checked first) and the CSR with
/// its SANs; otherwise the failure to answer.
fn issuer_and_csr(
    sandbox: &Sandbox,
    ca_tag: &str,
    csr_pem: &str,
) -> Result<
    (
        Issuer,
        CertReq,
        Vec<x509_cert::ext::pkix::name::GeneralName>,
    ),
    Response,
> {
    let issuer = Issuer::active(sandbox, ca_tag)?;
    let csr = pki::parse_csr(csr_pem).map_err(|e| failure("INVALID_INPUT_CERT", e))?;
    let names = pki::csr_alt_names(&csr).map_err(|e| failure("INVALID_INPUT_CERT", e))?;
    Ok((issuer, csr, names))
}

/// P5 Sign Sub Csr: `caTag` signs the CSR as a sub CA (pathLen 0), keeping its subject and
/// SANs.
async fn sign_sub_csr(sandbox: &Sandbox, op: SignSubCsr) -> Response {
    let (issuer, csr, alt_names) = match issuer_and_csr(sandbox, &op.ca_tag, &op.csr_pem) {
        Ok(parsed) => parsed,
        Err(response) => return response,
    };
    let now = sandbox.clock().now();
    let days = period_days(op.period.as_ref(), DEFAULT_PERIOD_DAYS);
    let signed = sandbox
        .heavy(move || {
            let cert = pki::sign_sub_ca_csr(
                &csr,
                alt_names,
                &issuer.certificate,
                &issuer.signer,
                now,
                days,
            )?;
            let serial_no = serial_no(&cert)?;
            issuer.signed_data(&cert, &serial_no)
        })
        .await;
    match signed {
        Ok(data) => {
            if let Some(ca) = sandbox.cas().find_mut(&op.ca_tag) {
                ca.signing_count += 1;
            }
            success(data)
        }
        Err(e) => internal(e),
    }
}

/// Keeps an issued end certificate on its CA's list.
fn record_end_cert(
    sandbox: &Sandbox,
    tag: &str,
    certificate: Certificate,
    serial: SerialNumber,
    serial_no: &str,
) {
    if let Some(ca) = sandbox.cas().find_mut(tag) {
        ca.signing_count += 1;
        ca.end_certs.push(EndCert {
            serial,
            serial_no: serial_no.to_string(),
            certificate,
            revoked_at: None,
        });
    }
}

/// The key a `keyType` asks for, for a CA (Create CA) or an end certificate (Issue End Cert).
fn key_spec(key_type: Option<&KeyType>) -> KeySpec {
    match key_type {
        Some(KeyType::Rsa4096) => KeySpec::Rsa(4096),
        Some(KeyType::Ec256) => KeySpec::P256,
        Some(KeyType::Ec521) => KeySpec::P521,
        // Validation has refused unrecognized values already.
        _ => KeySpec::Rsa(2048),
    }
}

/// Issue End Cert (seed): the sandbox generates the key and returns it.
async fn issue_end_cert(sandbox: &Sandbox, op: IssueEndCert) -> Response {
    let issuer = match Issuer::active(sandbox, &op.ca_tag) {
        Ok(issuer) => issuer,
        Err(response) => return response,
    };
    let x = &op.x509_parameters;
    let alt_names = match pki::AltNames::from_fields(x.alt_name.as_deref(), x.ip.as_deref())
        .map_err(|e| format!("x509Parameters.ip: {e}"))
        .and_then(|names| names.general_names().map_err(|e| e.to_string()))
    {
        Ok(names) => names,
        Err(e) => return failure("INVALID_X509_IP", e),
    };
    let subject = match subject_of(x, true).to_name() {
        Ok(name) => name,
        Err(e) => return failure("INVALID_X509_IP", format!("x509Parameters: {e}")),
    };
    let spec = key_spec(op.key_type.as_ref());
    let now = sandbox.clock().now();
    let days = match &op.period {
        // MAX runs to the CA's notAfter.
        Some(Period::Max) => u64::MAX / 86_400,
        other => period_days(other.as_ref(), DEFAULT_PERIOD_DAYS),
    };
    let tag = op.ca_tag.clone();
    let issued = sandbox
        .heavy(move || {
            let key = LeafKey::generate(spec)?;
            let (cert, serial, serial_no) =
                issuer.sign_leaf(subject, alt_names, key.spki()?, now, days)?;
            let data = json!({
                "privateKey": key.private_key_pem()?,
                "certificate": pki::cert_pem(&cert)?,
                "serialNo": serial_no,
                // A string here (PS4), unlike Sign Sub/End Csr's array.
                "caChain": pki::pem_chain(&issuer.chain)?,
                "ocspResponder": "",
                "issuer": pki::cert_pem(&issuer.certificate)?,
            });
            Ok((cert, serial, serial_no, data))
        })
        .await;
    match issued {
        Ok((cert, serial, serial_no, data)) => {
            record_end_cert(sandbox, &tag, cert, serial, &serial_no);
            success(data)
        }
        Err(e) => internal(e),
    }
}

/// P13 Sign End Csr: the CA signs the caller's CSR for 365 days (capped at its notAfter),
/// keeping the CSR's subject and SANs.
async fn sign_end_csr(sandbox: &Sandbox, op: SignEndCsr) -> Response {
    let (issuer, csr, alt_names) = match issuer_and_csr(sandbox, &op.ca_tag, &op.csr_pem) {
        Ok(parsed) => parsed,
        Err(response) => return response,
    };
    let now = sandbox.clock().now();
    let tag = op.ca_tag.clone();
    let signed = sandbox
        .heavy(move || {
            let (cert, serial, serial_no) = issuer.sign_leaf(
                csr.info.subject.clone(),
                alt_names,
                csr.info.public_key.clone(),
                now,
                DEFAULT_PERIOD_DAYS,
            )?;
            let data = issuer.signed_data(&cert, &serial_no)?;
            Ok((cert, serial, serial_no, data))
        })
        .await;
    match signed {
        Ok((cert, serial, serial_no, data)) => {
            record_end_cert(sandbox, &tag, cert, serial, &serial_no);
            success(data)
        }
        Err(e) => internal(e),
    }
}

/// P6 Get End Cert List: serial numbers, oldest first, revoked ones kept.
fn end_cert_list(sandbox: &Sandbox, op: GetEndCertList) -> Response {
    let store = sandbox.cas();
    let Some(ca) = store.find(&op.ca_tag) else {
        return not_exist(&op.ca_tag);
    };
    let page = page_number(op.page_no.as_deref());
    let (certs, pages) = page_of(&ca.end_certs, page, sandbox.page_size());
    let serials: Vec<&str> = certs.iter().map(|c| c.serial_no.as_str()).collect();
    success(json!({
        "totalCnt": ca.end_certs.len(),
        "listCerts": serials,
        "totalPageNo": pages,
        "currentPageNo": page,
    }))
}

fn unknown_serial(tag: &str, serial_no: &str) -> Response {
    failure(
        BAD_SERIAL,
        format!("The CA '{tag}' issued no certificate with serialNo '{serial_no}'. List them with GET /api/v1/ca/{tag}/cert."),
    )
}

/// P7 Get End Cert (the router has decoded `%3A` already).
fn end_cert(sandbox: &Sandbox, op: GetEndCert) -> Response {
    let store = sandbox.cas();
    let Some(ca) = store.find(&op.ca_tag) else {
        return not_exist(&op.ca_tag);
    };
    let Some(end) = ca.end_cert(&op.serial_no) else {
        return unknown_serial(&op.ca_tag, &op.serial_no);
    };
    let data = (|| -> Result<Value, SandboxError> {
        let tbs = &end.certificate.tbs_certificate;
        Ok(json!({
            "commonName": pki::name_attribute(&tbs.subject, rfc4519::CN).unwrap_or_default(),
            "notAfterDate": pki::epoch_ms(&tbs.validity.not_after),
            "publicKeyAlgorithm": pki::public_key_algorithm_name(&tbs.subject_public_key_info),
            "notBeforeDate": pki::epoch_ms(&tbs.validity.not_before),
            "certPem": pki::cert_pem(&end.certificate)?,
            "caChain": pki::pem_chain(&ca.chain())?,
            "ocspResponder": "",
            "signatureAlgorithm": pki::signature_algorithm_name(&end.certificate.signature_algorithm.oid),
            "serialNo": end.serial_no,
        }))
    })();
    match data {
        Ok(data) => success(data),
        Err(e) => internal(e),
    }
}

/// P8 Revoke End Cert: at once in the CA's CRL; a second revocation is refused.
fn revoke(sandbox: &Sandbox, op: RevokeEndCert) -> Response {
    let now = sandbox.clock().now();
    let mut store = sandbox.cas();
    let Some(ca) = store.find_mut(&op.ca_tag) else {
        return not_exist(&op.ca_tag);
    };
    let Some(end) = ca
        .end_certs
        .iter_mut()
        .find(|c| c.serial_no.eq_ignore_ascii_case(&op.serial_no))
    else {
        return unknown_serial(&op.ca_tag, &op.serial_no);
    };
    if end.revoked_at.is_some() {
        return failure(
            BAD_SERIAL,
            format!("The certificate '{}' is revoked already.", end.serial_no),
        );
    }
    end.revoked_at = Some(now);
    success(Value::Null)
}

/// The CA `tag` and its certificate, for the operations that need a signed CA (chain, CRL);
/// otherwise the failure to answer (no such CA, or one still awaiting its certificate).
fn signed_ca<'a>(
    store: &'a CaStore,
    tag: &str,
) -> Result<(&'a CaRecord, &'a Certificate), Response> {
    let ca = store.find(tag).ok_or_else(|| not_exist(tag))?;
    match &ca.certificate {
        Some(cert) => Ok((ca, cert)),
        None => Err(invalid_status(ca, "signed (it has no certificate yet)")),
    }
}

/// P9 Get CA Chain: `data` is the PEM text, this CA first, then its issuers to the root.
fn chain(sandbox: &Sandbox, op: GetCaChain) -> Response {
    let store = sandbox.cas();
    let ca = match signed_ca(&store, &op.ca_tag) {
        Ok((ca, _)) => ca,
        Err(response) => return response,
    };
    match pki::pem_chain(&ca.chain()) {
        Ok(pem) => success(Value::String(pem)),
        Err(e) => internal(e),
    }
}

/// P10 Get CA Crl: a fresh CRL signed by the CA, listing every revoked serial.
fn crl(sandbox: &Sandbox, op: GetCaCrl) -> Response {
    let now = sandbox.clock().now();
    let (issuer, signer, revoked) = {
        let store = sandbox.cas();
        let (ca, cert) = match signed_ca(&store, &op.ca_tag) {
            Ok(signed) => signed,
            Err(response) => return response,
        };
        let revoked: Vec<pki::Revoked> = ca
            .end_certs
            .iter()
            .filter_map(|c| {
                c.revoked_at.map(|at| pki::Revoked {
                    serial: c.serial.clone(),
                    at,
                })
            })
            .collect();
        (
            cert.tbs_certificate.subject.clone(),
            ca.signer.clone(),
            revoked,
        )
    };
    match pki::build_crl(issuer, &signer, &revoked, now) {
        Ok(pem) => success(Value::String(pem)),
        Err(e) => internal(e),
    }
}

/// P11 Update CA: ACTIVE <-> DEACTIVATED, either -> DESTROYING (deletion in 72 h, its time in
/// `destroyDate`), DESTROYING -> ACTIVE or DEACTIVATED (cancels). A PENDING CA, or a status
/// it has already, is refused.
fn update(sandbox: &Sandbox, op: UpdateCa) -> Response {
    let now_ms = sandbox.clock().now_ms();
    let mut store = sandbox.cas();
    let Some(ca) = store.find_mut(&op.ca_tag) else {
        return not_exist(&op.ca_tag);
    };
    let Some(wanted) = CaStatus::settable(&op.status) else {
        return failure(
            "INVALID_CA_STATUS",
            "status must be ACTIVE, DEACTIVATED or DESTROYING",
        );
    };
    if ca.status == CaStatus::Pending {
        return failure(
            "INVALID_CA_STATUS",
            format!(
                "The CA '{}' is PENDING: it leaves PENDING through Activate Sub CA, not Update CA.",
                ca.tag
            ),
        );
    }
    if ca.status == wanted {
        return failure(
            "INVALID_CA_STATUS",
            format!("The CA '{}' is {} already.", ca.tag, wanted.as_str()),
        );
    }
    ca.destroy_ms =
        (wanted == CaStatus::Destroying).then(|| now_ms.saturating_add(DESTROY_DELAY_MS));
    ca.status = wanted;
    ca.status_update_ms = Some(now_ms);
    // P11: `data.caInfo` only (the table shows no caCertInfo).
    success(json!({ "caInfo": ca.info() }))
}

/// P12 Delete CA: only from DESTROYING; at once, with every sub CA below it.
fn delete(sandbox: &Sandbox, op: DeleteCa) -> Response {
    let mut store = sandbox.cas();
    let Some(ca) = store.find(&op.ca_tag) else {
        return not_exist(&op.ca_tag);
    };
    if ca.status != CaStatus::Destroying {
        return invalid_status(ca, "DESTROYING (set it with Update CA first)");
    }
    store.delete_with_subs(&op.ca_tag);
    success(Value::Null)
}

/// Activate Sub CA (seed): checks certPem against the CA's key and the chain above it, then
/// answers `PENDING` (the spec's example); the CA turns ACTIVE after the configured delay.
async fn activate(sandbox: &Sandbox, op: ActivateSubCa) -> Response {
    let now = sandbox.clock().now();
    // Copy what the checks need out of the store; signatures are verified without its lock.
    let csr_key = {
        let store = sandbox.cas();
        let Some(ca) = store.find(&op.ca_tag) else {
            return not_exist(&op.ca_tag);
        };
        if ca.status != CaStatus::Pending || ca.csr.is_none() {
            return invalid_status(ca, "PENDING (a sub CA awaiting its signature)");
        }
        ca.csr
            .as_ref()
            .and_then(|csr| csr.info.public_key.to_der().ok())
    };
    let now_unix = now
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let tag = op.ca_tag.clone();
    let checked = sandbox
        .heavy_task(move || check_activation(csr_key.as_deref(), &op, now_unix))
        .await;
    let (cert, issuers) = match checked {
        Ok(Ok(found)) => found,
        Ok(Err(Rejection(code, msg))) => return failure(code, msg),
        Err(e) => {
            return internal(SandboxError::new(
                crate::ErrorKind::Certificate,
                format!("activation check failed: {e}"),
            ))
        }
    };
    let mut store = sandbox.cas();
    // The CA that signed it, when that is a platform CA (for Delete CA's cascade).
    let parent = issuers.first().and_then(|issuer| {
        store
            .cas
            .iter()
            .find(|c| c.certificate.as_ref() == Some(issuer))
            .map(|c| c.tag.clone())
    });
    let cert_id = store.take_cert_id();
    let Some(ca) = store.find_mut(&tag) else {
        return not_exist(&tag);
    };
    // Another request may have activated this CA while the checks ran.
    if ca.status != CaStatus::Pending || ca.csr.is_none() {
        return invalid_status(ca, "PENDING (a sub CA awaiting its signature)");
    }
    ca.ca_cert_id = cert_id;
    ca.csr = None;
    ca.parent = parent;
    ca.certificate = Some(cert);
    ca.issuers = issuers;
    ca.activates_at_ms = Some(to_ms(now).saturating_add(sandbox.activation_delay_ms()));
    let answer = ca.detail();
    match answer {
        Ok(detail) => success(detail),
        Err(e) => internal(e),
    }
}

/// A Private CA error code and message, turned into a response by the caller.
struct Rejection(&'static str, String);

/// Most certificates accepted in caChainPem.
const MAX_CHAIN_CERTIFICATES: usize = 32;

/// Checks certPem against the pending CA's CSR key (`csr_key`, SubjectPublicKeyInfo DER) and
/// orders and verifies caChainPem above it at `now` (Unix seconds); returns the certificate
/// and the issuers to keep (the path above certPem, its issuer first).
fn check_activation(
    csr_key: Option<&[u8]>,
    op: &ActivateSubCa,
    now: i64,
) -> Result<(Certificate, Vec<Certificate>), Rejection> {
    let bad_cert = |msg: String| Rejection("INVALID_INPUT_CERT", format!("certPem: {msg}"));
    let bad_chain = |msg: String| Rejection("INVALID_INPUT_CA_CHAIN", format!("caChainPem: {msg}"));
    let cert_der = pki::certificate_ders(&op.cert_pem)
        .map_err(bad_cert)?
        .into_iter()
        .next()
        .ok_or_else(|| bad_cert("no certificate found".into()))?;
    let info =
        certkit_x509::certificate::inspect(&cert_der, now).map_err(|e| bad_cert(e.to_string()))?;
    if !info.is_ca {
        return Err(bad_cert(
            "not a CA certificate (basicConstraints CA:true is missing); sign the CSR as a CA"
                .into(),
        ));
    }
    let cert = Certificate::from_der(&cert_der).map_err(|e| bad_cert(e.to_string()))?;
    let cert_key = cert.tbs_certificate.subject_public_key_info.to_der().ok();
    if csr_key.is_none() || csr_key != cert_key.as_deref() {
        return Err(bad_cert(format!(
            "its public key is not this CA's key; sign the CSR from GET /api/v1/ca/{}/sub/csr",
            op.ca_tag
        )));
    }
    let chain = pki::certificate_ders(&op.ca_chain_pem).map_err(bad_chain)?;
    if chain.len() > MAX_CHAIN_CERTIFICATES {
        return Err(bad_chain(format!(
            "it holds {} certificates; at most {MAX_CHAIN_CERTIFICATES} are accepted",
            chain.len()
        )));
    }
    for (i, der) in chain.iter().enumerate() {
        if let Err(e) = Certificate::from_der(der) {
            return Err(bad_chain(format!(
                "certificate {} does not parse: {e}",
                i + 1
            )));
        }
    }
    let issuers = pki::issuer_path(&cert_der, &chain, now)
        .map_err(bad_chain)?
        .iter()
        .map(|der| Certificate::from_der(der))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad_chain(e.to_string()))?;
    Ok((cert, issuers))
}

/// A certificate's serial number as NCP prints it (colon hex, certkit-x509's rendering).
fn serial_no(cert: &Certificate) -> Result<String, SandboxError> {
    let der = cert
        .to_der()
        .map_err(|e| SandboxError::new(crate::ErrorKind::Certificate, e))?;
    certkit_x509::certificate::inspect(&der, 0)
        .map(|info| info.serial_number)
        .map_err(|e| SandboxError::new(crate::ErrorKind::Certificate, e.to_string()))
}

/// PS2 `caCertInfo`, with the correct spellings.
fn ca_cert_info(ca: &CaRecord, cert: &Certificate) -> Result<Value, SandboxError> {
    let tbs = &cert.tbs_certificate;
    let subject = |oid| pki::name_attribute(&tbs.subject, oid).unwrap_or_default();
    Ok(json!({
        "commonName": subject(rfc4519::CN),
        "country": subject(rfc4519::C),
        "issuerName": pki::name_attribute(&tbs.issuer, rfc4519::CN).unwrap_or_default(),
        "notAfterDate": pki::epoch_ms(&tbs.validity.not_after),
        "publicKeyAlgorithm": pki::public_key_algorithm_name(&tbs.subject_public_key_info),
        "notBeforeDate": pki::epoch_ms(&tbs.validity.not_before),
        "locality": subject(rfc4519::L),
        "stateProvince": subject(rfc4519::ST),
        "organizationUnit": subject(rfc4519::OU),
        "certPem": pki::cert_pem(cert)?,
        "chainPem": pki::pem_chain(&ca.issuers)?,
        "signatureAlgorithm": pki::signature_algorithm_name(&cert.signature_algorithm.oid),
        "serialNo": serial_no(cert)?,
        "caCertId": ca.ca_cert_id,
        "organization": subject(rfc4519::O),
    }))
}
