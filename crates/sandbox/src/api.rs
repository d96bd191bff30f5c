//! The one route of both services: the request's method and path are matched against
//! certkit-core's table of operations ([`OperationKind::route`]), so no path is written twice;
//! its input is read from the path parameters, the query and the JSON body by the vendor's
//! field names, validated with core's documented rules, and handed to the service.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, Uri};
use axum::response::Response;
use certkit_core::request::query_pairs;
use certkit_core::site::Service;
use certkit_core::{Operation, OperationKind, Problem, ProblemCode};
use serde_json::{Map, Value};

use crate::{cert_manager, gateway, private_ca, Sandbox};

/// Serves every `/api/v1/...` and `/api/v2/...` request that passed the gateway.
pub(crate) async fn dispatch(
    State(sandbox): State<Sandbox>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let Some((kind, params, via_get)) = route(&sandbox, &method, uri.path()) else {
        return gateway::not_found_response();
    };
    let service = kind.service();
    let refuse = |problem: &Problem| match service {
        Service::PrivateCa => private_ca::problem_response(problem),
        Service::CertificateManager => cert_manager::problem_response(problem),
    };
    let invalid_body = || match service {
        Service::PrivateCa => private_ca::invalid_request(),
        Service::CertificateManager => cert_manager::invalid_body(),
    };

    // The body: a JSON object for POST and PUT (Download Certificate: `{}` at least, C5),
    // except Revoke End Cert, which has none (P8).
    let mut input = Map::new();
    let has_body = matches!(method, Method::POST | Method::PUT)
        && kind != OperationKind::RevokeEndCert
        && !via_get;
    if has_body {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(fields)) => input = fields,
            _ => return invalid_body(),
        }
    }
    if kind == OperationKind::DownloadCertificate {
        if let Some(conflict) = body_conflict(&input, &params) {
            // C5: a body certificateNo other than the path's is refused (inferred).
            return refuse(&conflict);
        }
    }
    let missing_x509 = matches!(kind, OperationKind::CreateCa | OperationKind::IssueEndCert)
        && input.get("x509Parameters").is_none_or(Value::is_null);
    for (name, value) in query_pairs(uri.path_and_query().map_or("", |pq| pq.as_str())) {
        input.insert(name, Value::String(value));
    }
    for (name, value) in params {
        input.insert(name.to_string(), Value::String(value));
    }
    let mut operation = match Operation::from_json(kind, &Value::Object(input).to_string()) {
        Ok(operation) => operation,
        Err(_) => return invalid_body(),
    };
    if let Operation::DownloadCertificate(op) = &mut operation {
        op.via_get = via_get;
    }
    // PEM with broken line breaks is accepted as NCP's examples send it (C4).
    operation.normalise_pem();
    if missing_x509 {
        // P0's "x509Parameters are missing." row, before the commonName it implies.
        return refuse(&Problem::new(
            "x509Parameters",
            ProblemCode::Required,
            "x509Parameters are missing",
        ));
    }
    // Errors only: our own warnings never make the sandbox refuse.
    if let Some(problem) = operation.validate().first() {
        return refuse(problem);
    }
    match service {
        Service::PrivateCa => private_ca::handle(&sandbox, operation).await,
        Service::CertificateManager => cert_manager::handle(&sandbox, operation),
    }
}

/// An operation, its path parameters, and whether it came the older GET way.
type Routed = (OperationKind, Vec<(&'static str, String)>, bool);

/// The operation, its path parameters, and whether it is Download Certificate sent the older
/// way (GET, served only with [`crate::SandboxConfig::download_via_get`]).
fn route(sandbox: &Sandbox, method: &Method, path: &str) -> Option<Routed> {
    if let Some((kind, params)) = OperationKind::route(method.as_str(), path) {
        return Some((kind, params, false));
    }
    if *method == Method::GET && sandbox.download_via_get() {
        if let Some((OperationKind::DownloadCertificate, params)) =
            OperationKind::route("POST", path)
        {
            return Some((OperationKind::DownloadCertificate, params, true));
        }
    }
    None
}

/// A body field that names a path parameter with another value.
fn body_conflict(body: &Map<String, Value>, params: &[(&'static str, String)]) -> Option<Problem> {
    params.iter().find_map(|(name, value)| {
        let given = match body.get(*name)? {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Null => return None,
            other => other.to_string(),
        };
        (given != *value).then(|| {
            Problem::new(
                *name,
                ProblemCode::InvalidCertificateNo,
                format!("the body's {name} {given} is not the path's {value}"),
            )
        })
    })
}
