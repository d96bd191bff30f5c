//! Certificate Manager (`/api/v2`): Request Certificate Issuance and the DNS validation record
//! to create afterwards.

use std::collections::{HashMap, VecDeque};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use certkit_core::operation::RequestCertificateIssuance;
use certkit_core::validation::{validate_request_certificate_issuance, ProblemCode};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::pki;
use crate::Sandbox;

/// Domain where the sandbox's validation CNAMEs point (`.invalid` never resolves).
const DCV_TARGET: &str = "dcv.certkit-sandbox.invalid";

/// One accepted request.
struct IssuanceRequest {
    common_name: String,
    dns_names: Vec<String>,
    validation_method: String,
}

/// Most certificate requests the sandbox keeps; the oldest is forgotten past it.
pub(crate) const MAX_REQUESTS: usize = 1000;

/// Accepted requests by `requestSn`, at most [`MAX_REQUESTS`] (oldest evicted first).
#[derive(Default)]
pub(crate) struct RequestStore {
    requests: HashMap<String, IssuanceRequest>,
    /// `requestSn`s, oldest first.
    order: VecDeque<String>,
}

impl RequestStore {
    /// Keeps `request` under `request_sn`, forgetting the oldest requests beyond `cap`.
    fn insert(&mut self, request_sn: String, request: IssuanceRequest, cap: usize) {
        if self.requests.insert(request_sn.clone(), request).is_none() {
            self.order.push_back(request_sn);
        }
        while self.order.len() > cap {
            if let Some(oldest) = self.order.pop_front() {
                self.requests.remove(&oldest);
            }
        }
    }

    fn get(&self, request_sn: &str) -> Option<&IssuanceRequest> {
        self.requests.get(request_sn)
    }
}

/// A flat Certificate Manager answer.
fn answer(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"returnCode": code, "returnMessage": message})),
    )
        .into_response()
}

/// `POST /api/v2/certificate/requestCertificateIssuance`
pub(crate) async fn request_issuance(State(sandbox): State<Sandbox>, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value @ Value::Object(_)) => value,
        _ => {
            return answer(
                StatusCode::BAD_REQUEST,
                "2000",
                "Invalid request body: expected a JSON object",
            )
        }
    };
    let op: RequestCertificateIssuance = match serde_json::from_value(value) {
        Ok(op) => op,
        Err(e) => {
            return answer(
                StatusCode::BAD_REQUEST,
                "2000",
                &format!("Invalid request body: {e}"),
            )
        }
    };
    let problems = validate_request_certificate_issuance(&op);
    if let Some(missing) = problems.iter().find(|p| p.code == ProblemCode::Required) {
        return answer(
            StatusCode::BAD_REQUEST,
            "2100",
            &format!("Required parameter is missing: {}", missing.field),
        );
    }
    if problems
        .iter()
        .any(|p| p.ncp_code().is_some() || p.code == ProblemCode::InvalidDomain)
    {
        // NCP answers bad domain syntax with HTTP 200 and this fixed message.
        return answer(StatusCode::OK, "2201", "Invalid DNS SANs input format");
    }
    if let Some(problem) = problems.first() {
        return answer(
            StatusCode::BAD_REQUEST,
            "2100",
            &format!("Invalid parameter: {problem}"),
        );
    }
    let request_sn = pki::random_hex(16);
    let response = json!({
        "returnCode": "0",
        "returnMessage": "Success",
        "totalRows": 0,
        "certificateName": op.certificate_name,
        "commonName": op.common_name,
        "dnsName": op.dns_name.join(","),
        "validationMethod": op.validation_method.as_str(),
        "requestSn": request_sn,
    });
    sandbox.requests().insert(
        request_sn,
        IssuanceRequest {
            common_name: op.common_name.clone(),
            dns_names: op.dns_name.clone(),
            validation_method: op.validation_method.as_str().to_string(),
        },
        MAX_REQUESTS,
    );
    Json(response).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct VerificationQuery {
    domain_address: Option<String>,
}

/// First 32 hex digits of SHA-256 over the parts: stable per request and domain.
fn token(parts: &[&str]) -> String {
    let digest = Sha256::digest(parts.join("\n").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// `GET /api/v2/certificate/getVerificationInfo/{certificateNo}[?domainAddress=]`
pub(crate) async fn verification_info(
    State(sandbox): State<Sandbox>,
    Path(certificate_no): Path<String>,
    Query(query): Query<VerificationQuery>,
) -> Response {
    let store = sandbox.requests();
    let Some(request) = store.get(&certificate_no) else {
        return answer(
            StatusCode::OK,
            "1006",
            "No certificate request has this certificateNo (use the requestSn of Request Certificate Issuance)",
        );
    };
    let mut domains: Vec<String> = Vec::new();
    for name in std::iter::once(&request.common_name).chain(&request.dns_names) {
        let domain = name.strip_prefix("*.").unwrap_or(name).to_ascii_lowercase();
        if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    let wanted = query
        .domain_address
        .as_deref()
        .map(|d| d.strip_prefix("*.").unwrap_or(d).to_ascii_lowercase());
    let list: Vec<Value> = domains
        .iter()
        .filter(|d| wanted.as_ref().is_none_or(|w| w == *d))
        .map(|domain| {
            json!({
                "domainAddress": domain,
                "validationMethod": request.validation_method,
                "recordType": "CNAME",
                "recordName": format!("_{}.{domain}", token(&[&certificate_no, domain, "name"])),
                "recordValue": format!("_{}.{DCV_TARGET}", token(&[&certificate_no, domain, "value"])),
                "status": "PENDING_VALIDATION",
            })
        })
        .collect();
    Json(json!({
        "returnCode": "0",
        "returnMessage": "Success",
        "totalRows": list.len(),
        "certificateNo": certificate_no,
        "verificationInfoList": list,
    }))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(name: &str) -> IssuanceRequest {
        IssuanceRequest {
            common_name: name.to_string(),
            dns_names: Vec::new(),
            validation_method: "DNS".to_string(),
        }
    }

    #[test]
    fn store_keeps_the_newest_requests_up_to_the_cap() {
        let mut store = RequestStore::default();
        for n in 0..5 {
            store.insert(format!("sn{n}"), request(&format!("cn{n}")), 3);
        }
        assert_eq!(store.requests.len(), 3);
        assert_eq!(store.order.len(), 3);
        assert!(store.get("sn0").is_none());
        assert!(store.get("sn1").is_none());
        for n in 2..5 {
            let kept = store.get(&format!("sn{n}")).map(|r| r.common_name.clone());
            assert_eq!(kept, Some(format!("cn{n}")));
        }
        // Re-using a requestSn replaces it without a second queue entry.
        store.insert("sn4".into(), request("again"), 3);
        assert_eq!(store.order.len(), 3);
        assert_eq!(
            store.get("sn4").map(|r| r.common_name.as_str()),
            Some("again")
        );
        assert!(store.get("sn2").is_some());
    }

    #[test]
    fn the_real_cap_is_a_thousand() {
        let mut store = RequestStore::default();
        for n in 0..=MAX_REQUESTS {
            store.insert(n.to_string(), request("cn"), MAX_REQUESTS);
        }
        assert_eq!(MAX_REQUESTS, 1000);
        assert_eq!(store.requests.len(), MAX_REQUESTS);
        assert!(store.get("0").is_none());
        assert!(store.get(&MAX_REQUESTS.to_string()).is_some());
    }
}
