//! Private CA (`/api/v1`): the CA store and the handlers for listing, Issue End Cert, the
//! pending CA's CSR and Activate Sub CA.

use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use certkit_core::operation::{ActivateSubCa, IssueEndCert, KeyType, Period};
use certkit_core::validation::{validate_activate_sub_ca, validate_issue_end_cert, Problem};
use const_oid::db::rfc4519;
use der::{Decode, Encode};
use serde_json::{json, Value};
use x509_cert::request::CertReq;
use x509_cert::Certificate;

use crate::error::SandboxError;
use crate::pki::{self, CaSigner, KeySpec, LeafKey, SubjectFields};
use crate::{CaTags, Sandbox};

/// Validity of an end certificate when the request gives no `period`, in days.
pub(crate) const DEFAULT_PERIOD_DAYS: u64 = 365;
/// Validity of the seeded root CA, in days (10 years).
const ROOT_DAYS: u64 = 3650;
/// Validity of the seeded issuing CA, in days (5 years).
const ISSUING_DAYS: u64 = 1825;
/// Key size of every CA the sandbox generates (fast start-up).
pub(crate) const CA_KEY_BITS: usize = 2048;

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

/// `status` of a CA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaStatus {
    Active,
    Pending,
}

impl CaStatus {
    fn as_str(self) -> &'static str {
        match self {
            CaStatus::Active => "ACTIVE",
            CaStatus::Pending => "PENDING",
        }
    }
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
    common_name: String,
    signer: CaSigner,
    /// `None` while PENDING.
    certificate: Option<Certificate>,
    /// The certificates above this CA, its issuer first.
    issuers: Vec<Certificate>,
    /// The request handed out while PENDING.
    csr: Option<CertReq>,
}

impl CaRecord {
    fn info(&self) -> Value {
        let url = |what: &str| format!("{}/{}/{what}", pki::EXT_URL_BASE, self.tag);
        json!({
            "caTag": self.tag,
            "alias": self.alias,
            "caType": self.ca_type.as_str(),
            "status": self.status.as_str(),
            "caId": self.ca_id,
            "signingCount": self.signing_count,
            "memo": self.memo,
            "statusUpdateDate": self.status_update_ms,
            "destroyDate": Value::Null,
            "rgstDate": self.rgst_date_ms,
            "urlInfo": {
                "ocsp": [url("ocsp")],
                "crl": [url("crl")],
                "ca": [url("ca")],
            },
            "commonName": self.common_name,
        })
    }

    /// This CA's certificate followed by its issuers.
    fn chain(&self) -> Vec<Certificate> {
        self.certificate
            .iter()
            .chain(self.issuers.iter())
            .cloned()
            .collect()
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

fn to_ms(time: SystemTime) -> u64 {
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

impl CaStore {
    /// Generates the root, the issuing CA and the PENDING sub CA (keys in parallel).
    pub(crate) fn seed(tags: &CaTags, now: SystemTime) -> Result<Self, SandboxError> {
        let (root_key, issuing_key, pending_key) = std::thread::scope(|scope| {
            let a = scope.spawn(|| pki::generate_ca_signer(CA_KEY_BITS));
            let b = scope.spawn(|| pki::generate_ca_signer(CA_KEY_BITS));
            let c = pki::generate_ca_signer(CA_KEY_BITS);
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
        let root_cert = pki::build_ca_certificate(
            pki::CaCertSpec {
                subject: root_name.clone(),
                public_key: pki::signer_spki(&root_key)?,
                issuer: None,
                validity: pki::validity(now, ROOT_DAYS, None)?,
                signer: &root_key,
            },
            None,
        )?;
        let issuing_cert = pki::build_ca_certificate(
            pki::CaCertSpec {
                subject: sandbox_subject("certkit Sandbox Issuing CA", false).to_name()?,
                public_key: pki::signer_spki(&issuing_key)?,
                issuer: Some(root_name),
                validity: pki::validity(now, ISSUING_DAYS, None)?,
                signer: &root_key,
            },
            Some(0),
        )?;

        let mut store = CaStore {
            cas: Vec::new(),
            next_ca_id: 18_001,
            next_cert_id: 18_170,
        };
        let now_ms = to_ms(now);
        store.push(CaRecord {
            tag: tags.root.clone(),
            alias: "sandbox-root-ca".into(),
            memo: "Seeded root CA of the certkit sandbox".into(),
            ca_type: CaType::Root,
            status: CaStatus::Active,
            ca_id: 0,
            ca_cert_id: 0,
            signing_count: 1,
            rgst_date_ms: now_ms,
            status_update_ms: None,
            common_name: "certkit Sandbox Root CA".into(),
            signer: root_key,
            certificate: Some(root_cert.clone()),
            issuers: Vec::new(),
            csr: None,
        });
        store.push(CaRecord {
            tag: tags.issuing.clone(),
            alias: "sandbox-issuing-ca".into(),
            memo: "Seeded issuing CA: issue end certificates here".into(),
            ca_type: CaType::Sub,
            status: CaStatus::Active,
            ca_id: 0,
            ca_cert_id: 0,
            signing_count: 0,
            rgst_date_ms: now_ms,
            status_update_ms: None,
            common_name: "certkit Sandbox Issuing CA".into(),
            signer: issuing_key,
            certificate: Some(issuing_cert),
            issuers: vec![root_cert],
            csr: None,
        });
        store.push_pending(tags.pending.clone(), pending_key, now)?;
        Ok(store)
    }

    fn push(&mut self, mut record: CaRecord) {
        record.ca_id = self.next_ca_id;
        self.next_ca_id += 1;
        if record.certificate.is_some() {
            record.ca_cert_id = self.next_cert_id;
            self.next_cert_id += 1;
        }
        self.cas.push(record);
    }

    /// Adds a PENDING sub CA with a CSR for `key`; returns its `caInfo`.
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
        self.push(CaRecord {
            tag,
            alias: format!("sandbox-pending-ca-{number}"),
            memo: "Seeded sub CA waiting for Activate Sub CA".into(),
            ca_type: CaType::Sub,
            status: CaStatus::Pending,
            ca_id: 0,
            ca_cert_id: 0,
            signing_count: 0,
            rgst_date_ms: to_ms(now),
            status_update_ms: None,
            common_name,
            signer: key,
            certificate: None,
            issuers: Vec::new(),
            csr: Some(csr),
        });
        Ok(self.cas.last().map(CaRecord::info).unwrap_or(Value::Null))
    }

    fn find(&self, tag: &str) -> Option<&CaRecord> {
        self.cas.iter().find(|c| c.tag == tag)
    }

    fn find_mut(&mut self, tag: &str) -> Option<&mut CaRecord> {
        self.cas.iter_mut().find(|c| c.tag == tag)
    }

    /// The first CA still PENDING (for `/demo/credentials`).
    pub(crate) fn first_pending(&self) -> Option<String> {
        self.cas
            .iter()
            .find(|c| c.status == CaStatus::Pending)
            .map(|c| c.tag.clone())
    }

    /// Whether a tag is taken.
    pub(crate) fn contains(&self, tag: &str) -> bool {
        self.find(tag).is_some()
    }
}

/// `{"code":"SUCCESS","msg":"Success","data":...}`.
fn success(data: Value) -> Response {
    Json(json!({"code": "SUCCESS", "msg": "Success", "data": data})).into_response()
}

/// A Private CA failure: HTTP 400 `{"code":..,"msg":..,"data":null}`.
fn failure(code: &str, msg: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"code": code, "msg": msg.into(), "data": Value::Null})),
    )
        .into_response()
}

fn internal(error: SandboxError) -> Response {
    tracing::error!("{error}");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({"code": "INTERNAL_ERROR", "msg": error.to_string(), "data": Value::Null})),
    )
        .into_response()
}

fn not_exist(tag: &str) -> Response {
    failure(
        "NOT_EXIST_CASTORE",
        format!("No CA has the caTag '{tag}'. List the CAs with GET /api/v1/ca."),
    )
}

fn invalid_status(ca: &CaRecord, wanted: CaStatus) -> Response {
    failure(
        "INVALID_CA_STATUS",
        format!(
            "The CA '{}' is {}; this operation needs a CA that is {}.",
            ca.tag,
            ca.status.as_str(),
            wanted.as_str()
        ),
    )
}

/// The NCP code for an input problem: the documented one, else a generic code.
fn problem_response(problem: &Problem) -> Response {
    failure(
        problem.ncp_code().unwrap_or("INVALID_PARAMETER"),
        problem.to_string(),
    )
}

fn invalid_json(operation: &str, error: serde_json::Error) -> Response {
    failure(
        "INVALID_REQUEST",
        format!("The body is not a JSON object for {operation}: {error}"),
    )
}

/// `GET /api/v1/ca`
pub(crate) async fn list(State(sandbox): State<Sandbox>) -> Response {
    let store = sandbox.cas();
    let list: Vec<Value> = store.cas.iter().map(CaRecord::info).collect();
    success(json!({"totalCount": list.len(), "caList": list}))
}

/// `GET /api/v1/ca/{caTag}`
pub(crate) async fn detail(State(sandbox): State<Sandbox>, Path(tag): Path<String>) -> Response {
    match sandbox.cas().find(&tag) {
        Some(ca) => success(ca.info()),
        None => not_exist(&tag),
    }
}

/// `GET /api/v1/ca/{caTag}/chain`
pub(crate) async fn chain(State(sandbox): State<Sandbox>, Path(tag): Path<String>) -> Response {
    let store = sandbox.cas();
    let Some(ca) = store.find(&tag) else {
        return not_exist(&tag);
    };
    if ca.status != CaStatus::Active {
        return invalid_status(ca, CaStatus::Active);
    }
    match pki::pem_chain(&ca.chain()) {
        Ok(pem) => success(json!({ "caChain": pem })),
        Err(e) => internal(e),
    }
}

/// `GET /api/v1/ca/{caTag}/sub/csr`
pub(crate) async fn sub_csr(State(sandbox): State<Sandbox>, Path(tag): Path<String>) -> Response {
    let store = sandbox.cas();
    let Some(ca) = store.find(&tag) else {
        return not_exist(&tag);
    };
    match (&ca.csr, ca.status) {
        (Some(csr), CaStatus::Pending) => match pki::csr_pem(csr) {
            Ok(pem) => success(json!({ "csr": pem })),
            Err(e) => internal(e),
        },
        _ => invalid_status(ca, CaStatus::Pending),
    }
}

fn key_spec(key_type: Option<&KeyType>) -> KeySpec {
    match key_type {
        Some(KeyType::Rsa4096) => KeySpec::Rsa(4096),
        Some(KeyType::Ec256) => KeySpec::P256,
        Some(KeyType::Ec521) => KeySpec::P521,
        // Validation has rejected unrecognized values already.
        _ => KeySpec::Rsa(2048),
    }
}

/// `POST /api/v1/ca/{caTag}/cert` — Issue End Cert.
pub(crate) async fn issue_end_cert(
    State(sandbox): State<Sandbox>,
    Path(tag): Path<String>,
    body: Bytes,
) -> Response {
    let issuer = {
        let store = sandbox.cas();
        let Some(ca) = store.find(&tag) else {
            return not_exist(&tag);
        };
        if ca.status != CaStatus::Active {
            return invalid_status(ca, CaStatus::Active);
        }
        match Issuer::of(ca) {
            Ok(issuer) => issuer,
            Err(e) => return internal(e),
        }
    };
    let mut op: IssueEndCert = match serde_json::from_slice(&body) {
        Ok(op) => op,
        Err(e) => return invalid_json("Issue End Cert", e),
    };
    op.ca_tag = tag.clone();
    if let Some(problem) = validate_issue_end_cert(&op).first() {
        return problem_response(problem);
    }
    let x = &op.x509_parameters;
    let alt_names = match pki::AltNames::from_fields(x.alt_name.as_deref(), x.ip.as_deref()) {
        Ok(names) => names,
        Err(e) => return failure("INVALID_X509_IP", format!("x509Parameters.ip: {e}")),
    };
    let subject = SubjectFields {
        country: x.country.clone(),
        state_province: x.state_province.clone(),
        locality: x.locality.clone(),
        street_address: x.street_address.clone(),
        organization: x.organization.clone(),
        organization_unit: x.organization_unit.clone(),
        common_name: x.common_name.clone(),
    };
    let spec = key_spec(op.key_type.as_ref());
    let now = sandbox.clock().now();
    let days = match &op.period {
        None => DEFAULT_PERIOD_DAYS,
        Some(Period::Days(days)) => u64::from(*days),
        // MAX (and anything else, already rejected by validation) runs to the CA's notAfter.
        Some(_) => u64::MAX / 86_400,
    };
    // Key generation (RSA-4096 takes a moment) and signing run off the async workers and
    // without the store's lock, so concurrent requests do not queue behind one another.
    let issued = tokio::task::spawn_blocking(move || {
        let key = LeafKey::generate(spec)?;
        issuer.issue(subject, alt_names, &key, now, days)
    })
    .await;
    match issued {
        Ok(Ok(data)) => {
            if let Some(ca) = sandbox.cas().find_mut(&tag) {
                ca.signing_count += 1;
            }
            success(data)
        }
        Ok(Err(e)) => internal(e),
        Err(e) => internal(SandboxError::new(
            crate::ErrorKind::KeyGeneration,
            format!("issuing task failed: {e}"),
        )),
    }
}

/// What issuing needs from an ACTIVE CA, copied out of the store so that signing runs
/// without holding its lock.
struct Issuer {
    tag: String,
    signer: CaSigner,
    certificate: Certificate,
    chain: Vec<Certificate>,
}

impl Issuer {
    fn of(ca: &CaRecord) -> Result<Issuer, SandboxError> {
        let certificate = ca.certificate.clone().ok_or_else(|| {
            SandboxError::new(crate::ErrorKind::Certificate, "the CA has no certificate")
        })?;
        Ok(Issuer {
            tag: ca.tag.clone(),
            signer: ca.signer.clone(),
            certificate,
            chain: ca.chain(),
        })
    }

    fn issue(
        &self,
        subject: SubjectFields,
        alt_names: pki::AltNames,
        key: &LeafKey,
        now: SystemTime,
        days: u64,
    ) -> Result<Value, SandboxError> {
        let cap = self
            .certificate
            .tbs_certificate
            .validity
            .not_after
            .to_system_time();
        let (serial, serial_no) = pki::random_serial()?;
        let cert = pki::build_leaf_certificate(pki::LeafSpec {
            subject: subject.to_name()?,
            alt_names,
            key,
            serial,
            validity: pki::validity(now, days, Some(cap))?,
            issuer: self.certificate.tbs_certificate.subject.clone(),
            ca_tag: &self.tag,
            signer: &self.signer,
        })?;
        Ok(json!({
            "privateKey": key.private_key_pem()?,
            "certificate": pki::cert_pem(&cert)?,
            "serialNo": serial_no,
            "caChain": pki::pem_chain(&self.chain)?,
            "ocspResponder": "",
            "issuer": pki::cert_pem(&self.certificate)?,
        }))
    }
}

/// `POST /api/v1/ca/{caTag}/activate` — Activate Sub CA.
pub(crate) async fn activate(
    State(sandbox): State<Sandbox>,
    Path(tag): Path<String>,
    body: Bytes,
) -> Response {
    let now = sandbox.clock().now();
    // Copy what the checks need out of the store; signatures are verified without its lock.
    let csr_key = {
        let store = sandbox.cas();
        let Some(ca) = store.find(&tag) else {
            return not_exist(&tag);
        };
        if ca.status != CaStatus::Pending {
            return invalid_status(ca, CaStatus::Pending);
        }
        ca.csr
            .as_ref()
            .and_then(|csr| csr.info.public_key.to_der().ok())
    };
    let mut op: ActivateSubCa = match serde_json::from_slice(&body) {
        Ok(op) => op,
        Err(e) => return invalid_json("Activate Sub CA", e),
    };
    op.ca_tag = tag.clone();
    if let Some(problem) = validate_activate_sub_ca(&op).first() {
        return problem_response(problem);
    }
    let now_unix = now
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let checked =
        tokio::task::spawn_blocking(move || check_activation(csr_key.as_deref(), &op, now_unix))
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
    // Another request may have activated this CA while the checks ran.
    match store.find(&tag) {
        None => return not_exist(&tag),
        Some(ca) if ca.status != CaStatus::Pending => return invalid_status(ca, CaStatus::Pending),
        Some(_) => {}
    }
    let cert_id = store.next_cert_id;
    store.next_cert_id += 1;
    let Some(ca) = store.find_mut(&tag) else {
        return not_exist(&tag);
    };
    ca.status = CaStatus::Active;
    ca.status_update_ms = Some(to_ms(now));
    ca.ca_cert_id = cert_id;
    ca.csr = None;
    if let Some(cn) = pki::name_attribute(&cert.tbs_certificate.subject, rfc4519::CN) {
        ca.common_name = cn;
    }
    ca.certificate = Some(cert);
    ca.issuers = issuers;
    match ca_cert_info(ca) {
        Ok(cert_info) => success(json!({"caInfo": ca.info(), "caCertInfo": cert_info})),
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

fn ca_cert_info(ca: &CaRecord) -> Result<Value, SandboxError> {
    let cert = ca.certificate.as_ref().ok_or_else(|| {
        SandboxError::new(crate::ErrorKind::Certificate, "the CA has no certificate")
    })?;
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
