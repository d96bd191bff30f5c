//! Sandbox-only routes (unsigned, outside `/api/`): the demo credentials, an "external" root
//! CA that signs sub CA requests so the Activate flow can finish without outside tools, and a
//! way to add another PENDING sub CA.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use x509_cert::Certificate;

use crate::error::SandboxError;
use crate::pki::{self, CaSigner, SubjectFields};
use crate::private_ca::{self, SEED_CA_KEY};
use crate::{
    Sandbox, DEMO_MAIN_ACCESS_KEY, DEMO_MAIN_SECRET_KEY, DEMO_SUB_ACCESS_KEY, DEMO_SUB_SECRET_KEY,
};

/// Validity of the external root, in days (10 years).
const EXTERNAL_ROOT_DAYS: u64 = 3650;
/// Validity of a sub CA certificate the external root signs, in days (5 years).
const EXTERNAL_SUB_DAYS: u64 = 1825;

/// Most CAs `POST /demo/pending-ca` creates in one sandbox run (beyond the seeded ones): the
/// route is unauthenticated, and each CA is an RSA key kept in memory for good.
pub(crate) const MAX_DEMO_PENDING_CAS: usize = 32;

/// Counts the CAs created through `/demo/pending-ca` against [`MAX_DEMO_PENDING_CAS`].
#[derive(Default)]
pub(crate) struct DemoCaQuota {
    created: AtomicUsize,
}

impl DemoCaQuota {
    /// Takes one slot if fewer than `cap` are taken; `false` when the quota is used up.
    fn try_reserve(&self, cap: usize) -> bool {
        self.created
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |created| {
                (created < cap).then_some(created + 1)
            })
            .is_ok()
    }

    /// Gives back a slot whose CA was not created after all.
    fn release(&self) {
        // Never below zero: only called after a successful `try_reserve`.
        let _ = self
            .created
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |created| {
                created.checked_sub(1)
            });
    }
}

/// The "External Demo Root CA": stands for the outside CA that signs a sub CA's CSR.
pub(crate) struct ExternalRoot {
    signer: CaSigner,
    certificate: Certificate,
    pem: String,
}

impl ExternalRoot {
    /// Generates the root's key and self-signed certificate.
    pub(crate) fn generate(now: SystemTime) -> Result<Self, SandboxError> {
        let signer = CaSigner::generate(SEED_CA_KEY)?;
        let subject = SubjectFields {
            country: Some("KR".into()),
            organization: Some("certkit sandbox (external)".into()),
            common_name: "External Demo Root CA".into(),
            ..SubjectFields::default()
        }
        .to_name()?;
        let certificate = pki::build_root_certificate(
            subject,
            pki::validity(now, EXTERNAL_ROOT_DAYS, None)?,
            &signer,
        )?;
        let pem = pki::cert_pem(&certificate)?;
        Ok(Self {
            signer,
            certificate,
            pem,
        })
    }

    /// The root certificate as PEM.
    pub(crate) fn pem(&self) -> &str {
        &self.pem
    }

    /// Signs a CSR as a sub CA (pathLen 0, no alternative names); returns the certificate PEM.
    fn sign_csr(&self, csr_pem: &str, now: SystemTime) -> Result<String, String> {
        let csr = pki::parse_csr(csr_pem)?;
        pki::sign_sub_ca_csr(
            &csr,
            Vec::new(),
            &self.certificate,
            &self.signer,
            now,
            EXTERNAL_SUB_DAYS,
        )
        .and_then(|cert| pki::cert_pem(&cert))
        .map_err(|e| e.to_string())
    }
}

/// `GET /demo/credentials`
pub(crate) async fn credentials(State(sandbox): State<Sandbox>) -> Response {
    let tags = sandbox.ca_tags();
    let pending = sandbox.cas().first_pending();
    Json(json!({
        "main": {"accessKey": DEMO_MAIN_ACCESS_KEY, "secretKey": DEMO_MAIN_SECRET_KEY},
        "sub": {"accessKey": DEMO_SUB_ACCESS_KEY, "secretKey": DEMO_SUB_SECRET_KEY},
        "caTags": {"root": tags.root, "issuing": tags.issuing, "pending": pending},
        "note": "Sandbox-only demo keys: they grant nothing outside this sandbox.",
    }))
    .into_response()
}

fn demo_error(message: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": message.into() })),
    )
        .into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignRequest {
    csr_pem: String,
}

/// `POST /demo/external-ca/sign`: `{csrPem}` -> `{certPem, caChainPem}`.
pub(crate) async fn external_sign(State(sandbox): State<Sandbox>, body: Bytes) -> Response {
    let request: SignRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(e) => return demo_error(format!("expected a JSON body {{\"csrPem\": \"...\"}}: {e}")),
    };
    let now = sandbox.clock().now();
    let root = sandbox.external_root();
    match root.sign_csr(&request.csr_pem, now) {
        Ok(cert_pem) => {
            Json(json!({"certPem": cert_pem, "caChainPem": root.pem()})).into_response()
        }
        Err(e) => demo_error(e),
    }
}

/// `POST /demo/pending-ca`: adds another PENDING sub CA and returns its `caInfo`; 429 once
/// [`MAX_DEMO_PENDING_CAS`] were created in this run.
pub(crate) async fn new_pending_ca(State(sandbox): State<Sandbox>) -> Response {
    let quota = sandbox.demo_ca_quota();
    if !quota.try_reserve(MAX_DEMO_PENDING_CAS) {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            Json(json!({
                "error": format!(
                    "this sandbox already created {MAX_DEMO_PENDING_CAS} CAs through /demo/pending-ca, the most it keeps; restart the sandbox (certkit-proxy) to start over"
                )
            })),
        )
            .into_response();
    }
    let response = create_pending_ca(&sandbox).await;
    if !response.status().is_success() {
        quota.release();
    }
    response
}

async fn create_pending_ca(sandbox: &Sandbox) -> Response {
    let key = match sandbox.heavy(|| CaSigner::generate(SEED_CA_KEY)).await {
        Ok(key) => key,
        Err(e) => return demo_error(e.to_string()),
    };
    let now = sandbox.clock().now();
    let mut store = sandbox.cas();
    let mut tag = private_ca::random_ca_tag();
    while store.contains(&tag) {
        tag = private_ca::random_ca_tag();
    }
    match store.push_pending(tag, key, now) {
        Ok(info) => {
            Json(json!({"code": "SUCCESS", "msg": "Success", "data": info})).into_response()
        }
        Err(e) => demo_error(e.to_string()),
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct DcvRequest {
    domain_address: Option<String>,
}

/// `GET /demo/dcv/{certificateNo}`: a Certificate Manager certificate's domains, status and
/// `orderId`, without changing anything.
pub(crate) async fn dcv_state(
    State(sandbox): State<Sandbox>,
    Path(certificate_no): Path<String>,
) -> Response {
    match crate::cert_manager::demo_state(&sandbox, &certificate_no) {
        Some(state) => Json(state).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": format!("no certificate has certificateNo {certificate_no}")})),
        )
            .into_response(),
    }
}

/// `POST /demo/dcv/{certificateNo}` with `{"domainAddress": ".."}` (or an empty body for
/// every domain): "I created the DNS record". Answers like `GET`.
pub(crate) async fn dcv_validate(
    State(sandbox): State<Sandbox>,
    Path(certificate_no): Path<String>,
    body: Bytes,
) -> Response {
    let request: DcvRequest = if body.iter().all(u8::is_ascii_whitespace) {
        DcvRequest::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(request) => request,
            Err(e) => {
                return demo_error(format!(
                    "expected no body or {{\"domainAddress\": \"...\"}}: {e}"
                ))
            }
        }
    };
    // The issuing signs a certificate: off the async workers.
    let worker = sandbox.clone();
    let result = sandbox
        .heavy_task(move || {
            crate::cert_manager::demo_validate(
                &worker,
                &certificate_no,
                request.domain_address.as_deref(),
            )
        })
        .await;
    match result {
        Ok(Ok(state)) => Json(state).into_response(),
        Ok(Err((status, message))) => (status, Json(json!({ "error": message }))).into_response(),
        Err(e) => demo_error(format!("validation task failed: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_stops_at_the_cap_and_gives_back_failed_slots() {
        let quota = DemoCaQuota::default();
        for _ in 0..MAX_DEMO_PENDING_CAS {
            assert!(quota.try_reserve(MAX_DEMO_PENDING_CAS));
        }
        assert!(!quota.try_reserve(MAX_DEMO_PENDING_CAS));
        assert!(!quota.try_reserve(MAX_DEMO_PENDING_CAS));
        quota.release();
        assert!(quota.try_reserve(MAX_DEMO_PENDING_CAS));
        assert!(!quota.try_reserve(MAX_DEMO_PENDING_CAS));
        let empty = DemoCaQuota::default();
        empty.release();
        assert!(empty.try_reserve(1));
        assert!(!empty.try_reserve(1));
    }
}
