//! The spec's response examples parse (fixtures copied from the vendor pages), and failures
//! are classified into kinds with hints.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, Failure, FailureKind, ResponseData};
use proptest::prelude::*;
use serde_json::json;

const ISSUE: OperationKind = OperationKind::IssueEndCert;
const ACTIVATE: OperationKind = OperationKind::ActivateSubCa;
const REQUEST: OperationKind = OperationKind::RequestCertificateIssuance;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn issue_end_cert_example_parses() {
    let data = parse_response(ISSUE, 200, &fixture("response-issue-end-cert.json")).unwrap();
    let ResponseData::IssueEndCert(r) = &data else {
        panic!("{data:?}")
    };
    assert_eq!(
        r.private_key.expose(),
        "-----BEGIN RSA PRIVATE KEY-----\n{Private Key}\n-----END RSA PRIVATE KEY-----"
    );
    assert_eq!(
        r.certificate,
        "-----BEGIN CERTIFICATE-----\n{Certificate}\n-----END CERTIFICATE-----"
    );
    assert_eq!(
        r.ca_chain,
        ["-----BEGIN CERTIFICATE-----\n{CA Chain}\n-----END CERTIFICATE-----"]
    );
    assert_eq!(r.ocsp_responder, "");
    assert_eq!(
        r.issuer,
        "-----BEGIN CERTIFICATE-----\n{CA}\n-----END CERTIFICATE-----"
    );
    assert_eq!(
        r.serial_no,
        "**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**"
    );
    // camelCase for JS.
    let js = serde_json::to_value(&data).unwrap();
    assert_eq!(js["caChain"][0], r.ca_chain[0]);
    assert!(js.get("privateKey").is_some() && js.get("serialNo").is_some());
}

#[test]
fn ca_chain_as_an_array() {
    let body = json!({"code":"SUCCESS","msg":"Success","data":{"certificate":"c","caChain":["a","b"],"unknownField":{"x":1}}});
    let ResponseData::IssueEndCert(r) = parse_response(ISSUE, 200, &body.to_string()).unwrap()
    else {
        panic!()
    };
    assert_eq!(r.ca_chain, ["a", "b"]);
}

#[test]
fn activate_sub_ca_example_parses_with_pending() {
    let data = parse_response(ACTIVATE, 200, &fixture("response-activate-sub-ca.json")).unwrap();
    let ResponseData::ActivateSubCa(r) = &data else {
        panic!("{data:?}")
    };
    let ca = &r.ca_info;
    assert_eq!(ca.status, "PENDING");
    assert_eq!(ca.ca_id, "18001");
    assert_eq!(ca.signing_count, Some(0));
    assert_eq!(ca.ca_type, "PRIVATE_SUB");
    assert_eq!(ca.status_update_date, None);
    assert_eq!(ca.destroy_date, None);
    assert_eq!(ca.alias, "caca002");
    assert_eq!(ca.ca_tag, "*********-*********");
    assert_eq!(ca.rgst_date, Some(1723101003000));
    assert!(ca.url_info.ocsp.is_empty());
    assert_eq!(
        ca.url_info.crl,
        ["https://pca.apigw.ntruss.com/ext/*********-*********/crl"]
    );
    assert_eq!(
        ca.url_info.ca,
        ["https://pca.apigw.ntruss.com/ext/*********-*********/ca"]
    );
    let cert = &r.ca_cert_info;
    assert_eq!(cert.common_name, "name000");
    assert_eq!(cert.country, "KR");
    assert_eq!(cert.issuer_name, "RootCA");
    assert_eq!(cert.organization_unit, "unit000");
    assert_eq!(cert.not_after_date, Some(1754637093000));
    assert_eq!(cert.not_before_date, Some(1723101093000));
    assert_eq!(cert.ca_cert_id, "18173");
    assert_eq!(
        cert.serial_no,
        "**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**:**"
    );
    assert_eq!(cert.signature_algorithm, "SHA256withRSA");
    let js = serde_json::to_value(&data).unwrap();
    assert_eq!(js["caInfo"]["rgstDate"], 1723101003000i64);
    assert_eq!(js["caCertInfo"]["organizationUnit"], "unit000");
}

#[test]
fn activate_sub_ca_typo_spellings_of_the_field_table() {
    let body = json!({"code":"SUCCESS","msg":"Success","data":{
        "caInfo":{"caId":"123","statusUpdateDate":"1723101003000","status":"ACTIVE"},
        "caCertInfo":{"contry":"KR","issueName":"RootCA","organicationUnit":"unit000","caCertId":7}}});
    let ResponseData::ActivateSubCa(r) = parse_response(ACTIVATE, 200, &body.to_string()).unwrap()
    else {
        panic!()
    };
    assert_eq!(r.ca_cert_info.country, "KR");
    assert_eq!(r.ca_cert_info.issuer_name, "RootCA");
    assert_eq!(r.ca_cert_info.organization_unit, "unit000");
    assert_eq!(r.ca_cert_info.ca_cert_id, "7");
    assert_eq!(r.ca_info.ca_id, "123");
    assert_eq!(r.ca_info.status_update_date, Some(1723101003000));
}

#[test]
fn activate_sub_ca_fields_at_the_data_level_of_the_field_table() {
    let body = json!({"code":"SUCCESS","msg":"Success","data":{
        "caInfo":{"alias":"a","status":null},"caTag":"tag-1","rgstDate":1723101003000i64,
        "status":"ACTIVE","destroyDate":null,"caCertInfo":{}}});
    let ResponseData::ActivateSubCa(r) = parse_response(ACTIVATE, 200, &body.to_string()).unwrap()
    else {
        panic!()
    };
    assert_eq!(r.ca_info.ca_tag, "tag-1");
    assert_eq!(r.ca_info.status, "ACTIVE");
    assert_eq!(r.ca_info.rgst_date, Some(1723101003000));
    assert_eq!(r.ca_info.alias, "a");
}

#[test]
fn request_certificate_issuance_example_parses() {
    let data = parse_response(
        REQUEST,
        200,
        &fixture("response-request-certificate-issuance.json"),
    )
    .unwrap();
    let ResponseData::RequestCertificateIssuance(r) = &data else {
        panic!("{data:?}")
    };
    assert_eq!(r.return_code, "0");
    assert_eq!(r.certificate_name, "ncloudcertificate");
    assert_eq!(r.common_name, "*.ncloud.com");
    assert_eq!(r.dns_name, ["ncloud.com", "ncloud-docs.com"]);
    assert_eq!(r.validation_method, "D");
    assert_eq!(r.request_sn, "0f552ca604044887be19a3d4f7d74c6d");
    assert_eq!(r.total_rows, Some(0));
    assert_eq!(
        serde_json::to_value(&data).unwrap()["requestSn"],
        r.request_sn
    );
}

/// (operation, status, body, kind, code)
#[test]
fn failures_are_classified() {
    let gw = |code: &str| json!({"error":{"errorCode":code,"message":"m"}}).to_string();
    let cases: Vec<(OperationKind, u16, String, FailureKind, Option<&str>)> = vec![
        (ISSUE, 401, gw("200"), FailureKind::AuthFailed, Some("200")),
        (ISSUE, 401, json!({"error":{"errorCode":200,"message":"Authentication Failed","details":"Invalid authentication information."}}).to_string(), FailureKind::AuthFailed, Some("200")),
        (ISSUE, 401, gw("210"), FailureKind::PermissionDenied, Some("210")),
        (REQUEST, 403, gw("230"), FailureKind::Forbidden, Some("230")),
        (ISSUE, 404, gw("300"), FailureKind::NotFound, Some("300")),
        (ISSUE, 400, gw("100"), FailureKind::BadRequest, Some("100")),
        (ISSUE, 429, gw("400"), FailureKind::Throttled, Some("400")),
        (ISSUE, 429, gw("410"), FailureKind::Throttled, Some("410")),
        (ISSUE, 429, gw("420"), FailureKind::Throttled, Some("420")),
        (ISSUE, 413, gw("430"), FailureKind::TooLarge, Some("430")),
        (ISSUE, 503, gw("500"), FailureKind::ServerError, Some("500")),
        (ISSUE, 504, gw("510"), FailureKind::Timeout, Some("510")),
        (ISSUE, 500, gw("900"), FailureKind::ServerError, Some("900")),
        (ISSUE, 429, gw("999"), FailureKind::Throttled, Some("999")),
        (ISSUE, 400, json!({"code":"INVALID_CA_STATUS","msg":"ca status invalid","data":null}).to_string(), FailureKind::CaNotActive, Some("INVALID_CA_STATUS")),
        (ACTIVATE, 404, json!({"code":"NOT_EXIST_CASTORE","msg":"x","data":null}).to_string(), FailureKind::CaNotFound, Some("NOT_EXIST_CASTORE")),
        (ISSUE, 400, json!({"code":"EXCEED_COMMON_NAME","msg":"x","data":null}).to_string(), FailureKind::InvalidInput, Some("EXCEED_COMMON_NAME")),
        (ACTIVATE, 400, json!({"code":"INVALID_INPUT_CERT","msg":"x","data":null}).to_string(), FailureKind::InvalidInput, Some("INVALID_INPUT_CERT")),
        (ISSUE, 500, json!({"code":"INTERNAL","msg":"x","data":null}).to_string(), FailureKind::ServiceError, Some("INTERNAL")),
        (REQUEST, 200, json!({"returnCode":"2201","returnMessage":"Invalid DNS SANs input format"}).to_string(), FailureKind::InvalidInput, Some("2201")),
        (REQUEST, 200, json!({"returnCode":1006,"returnMessage":"x"}).to_string(), FailureKind::ServiceError, Some("1006")),
        (REQUEST, 400, json!({"returnCode":"2000","returnMessage":"x"}).to_string(), FailureKind::InvalidInput, Some("2000")),
        (REQUEST, 403, String::new(), FailureKind::SubAccountForbidden, None),
        (REQUEST, 403, "  \n".into(), FailureKind::SubAccountForbidden, None),
        (ISSUE, 403, String::new(), FailureKind::Forbidden, None),
        (ISSUE, 502, "<html><body>Bad Gateway</body></html>".into(), FailureKind::NotJson, None),
        (REQUEST, 200, "<!doctype html><title>Console</title>".into(), FailureKind::NotJson, None),
        (ISSUE, 200, json!({"hello":"world"}).to_string(), FailureKind::UnexpectedResponse, None),
        (ISSUE, 200, json!({"code":"SUCCESS","data":null}).to_string(), FailureKind::UnexpectedResponse, Some("SUCCESS")),
        (ISSUE, 200, String::new(), FailureKind::UnexpectedResponse, None),
    ];
    for (op, status, body, kind, code) in cases {
        let failure = parse_response(op, status, &body).unwrap_err();
        assert_eq!(failure.kind, kind, "{status} {body}");
        assert_eq!(failure.code.as_deref(), code, "{status} {body}");
        assert!(!failure.hint.is_empty() && !failure.message.is_empty());
        assert!(
            failure.message.contains(&status.to_string()),
            "{}",
            failure.message
        );
    }
}

/// The project's proxy answers its own refusals as `{"error":{"code":..,"message":..}}`
/// (crates/proxy/src/error.rs): each becomes `proxyRefused` with the proxy's code and a hint
/// about the proxy, never an NCP hint.
#[test]
fn proxy_refusals_are_classified() {
    let cases: &[(u16, &str, &str)] = &[
        (413, "bodyTooLarge", "--max-body"),
        (504, "upstreamTimeout", "retry"),
        (502, "upstreamUnreachable", "network"),
        (502, "upstreamFailed", "retry"),
        (503, "overloaded", "wait a moment"),
        (429, "rateLimited", "wait a moment"),
        (403, "originNotAllowed", "--allow-origin"),
        (403, "hostNotAllowed", "proxy's own address"),
        (400, "pathRefused", "not one the proxy forwards"),
        (400, "absoluteTarget", "not one the proxy forwards"),
        (404, "unknownRoute", "site/service"),
        (405, "methodNotAllowed", "GET, POST"),
        (400, "bodyUnreadable", "retry"),
        (503, "sandboxUnavailable", "sandbox"),
        (500, "proxyMisconfigured", "log"),
    ];
    for &(status, code, hint) in cases {
        let body = json!({"error":{"code":code,"message":"refused by the proxy"}}).to_string();
        for op in [ISSUE, ACTIVATE, REQUEST] {
            let f = parse_response(op, status, &body).unwrap_err();
            assert_eq!(f.kind, FailureKind::ProxyRefused, "{code}");
            assert_eq!(f.code.as_deref(), Some(code));
            assert!(f.message.contains("refused by the proxy"), "{}", f.message);
            assert!(f.message.contains(&status.to_string()), "{}", f.message);
            assert!(f.hint.contains(hint), "{code}: {}", f.hint);
            assert!(!f.hint.contains("NCP support"), "{code}: {}", f.hint);
        }
    }
    // An unknown proxy code keeps the kind and code, with the generic proxy hint.
    let f =
        parse_response(ISSUE, 418, r#"{"error":{"code":"newCode","message":"m"}}"#).unwrap_err();
    assert_eq!(f.kind, FailureKind::ProxyRefused);
    assert_eq!(f.code.as_deref(), Some("newCode"));
    assert_eq!(f.hint, FailureKind::ProxyRefused.default_hint());
    // The gateway's envelope (errorCode) is still the gateway's.
    let gw = parse_response(
        ISSUE,
        504,
        r#"{"error":{"errorCode":"510","code":"x","message":"m"}}"#,
    )
    .unwrap_err();
    assert_eq!(gw.kind, FailureKind::Timeout);
    assert_eq!(
        serde_json::to_value(FailureKind::ProxyRefused).unwrap(),
        "proxyRefused"
    );
}

#[test]
fn debug_redacts_the_private_key() {
    let secret =
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
    let body = json!({"code":"SUCCESS","msg":"ok","data":{"privateKey":secret,"certificate":"CERT-TEXT","serialNo":"01"}});
    let data = parse_response(ISSUE, 200, &body.to_string()).unwrap();
    let ResponseData::IssueEndCert(r) = &data else {
        panic!("{data:?}")
    };
    assert_eq!(r.private_key.expose(), secret);
    for text in [
        format!("{r:?}"),
        format!("{data:?}"),
        format!("{:?}", Ok::<_, ()>(&data)),
    ] {
        assert!(!text.contains("MIIEvQ"), "{text}");
        assert!(!text.contains("PRIVATE KEY"), "{text}");
        assert!(
            text.contains("<redacted>") && text.contains("CERT-TEXT"),
            "{text}"
        );
    }
}

#[test]
fn hints_say_what_to_do() {
    let auth = parse_response(
        ISSUE,
        401,
        r#"{"error":{"errorCode":"200","message":"Authentication Failed"}}"#,
    )
    .unwrap_err();
    assert!(auth.hint.contains("5 minutes"), "{}", auth.hint);
    assert!(auth.hint.contains("key"), "{}", auth.hint);
    let sub = parse_response(REQUEST, 403, "").unwrap_err();
    assert!(sub.hint.contains("main account"), "{}", sub.hint);
    let not_found = parse_response(
        ISSUE,
        404,
        r#"{"error":{"errorCode":"300","message":"Not Found"}}"#,
    )
    .unwrap_err();
    assert!(not_found.hint.contains("/api/v1"), "{}", not_found.hint);
    let exceed = parse_response(
        ISSUE,
        400,
        r#"{"code":"EXCEED_COMMON_NAME","msg":"x","data":null}"#,
    )
    .unwrap_err();
    assert!(
        exceed.hint.contains("x509Parameters.commonName"),
        "{}",
        exceed.hint
    );
}

#[test]
fn clock_skew_sharpens_the_auth_hint() {
    let auth = parse_response(
        ISSUE,
        401,
        r#"{"error":{"errorCode":"200","message":"Authentication Failed"}}"#,
    )
    .unwrap_err();
    let behind = auth.clone().with_clock_skew(372_000);
    assert!(behind.hint.contains("6 min 12 s behind"), "{}", behind.hint);
    let ahead = auth.clone().with_clock_skew(-300_000);
    assert!(ahead.hint.contains("5 min 0 s ahead of"), "{}", ahead.hint);
    let fine = auth.clone().with_clock_skew(2_000);
    assert!(
        fine.hint.contains("clock is fine") && fine.hint.contains("secret key"),
        "{}",
        fine.hint
    );
    let other = Failure::new(FailureKind::Throttled, None, "x");
    assert_eq!(other.clone().with_clock_skew(900_000), other);
    // Past the 1-hour correction limit the hint says nothing was re-signed, and why.
    let at_limit = auth.clone().with_clock_skew(3_600_000);
    assert!(
        at_limit.hint.contains("60 min 0 s behind"),
        "{}",
        at_limit.hint
    );
    assert!(!at_limit.hint.contains("1 hour"), "{}", at_limit.hint);
    for far in [3_601_000, -86_400_000] {
        let hint = auth.clone().with_clock_skew(far).hint;
        assert!(
            hint.contains("more than the 1 hour") && hint.contains("nothing was re-signed"),
            "{hint}"
        );
    }
}

/// Four fields, the vendor's code left out when there is none (as every answer's absent
/// values are, so that JS reads them as `undefined`, not `null`); read back the same.
#[test]
fn failure_serializes_as_its_fields_without_an_absent_code() {
    let f = parse_response(REQUEST, 403, "").unwrap_err();
    let v = serde_json::to_value(&f).unwrap();
    assert_eq!(v["kind"], "subAccountForbidden");
    assert_eq!(v.get("code"), None);
    assert_eq!(v.as_object().unwrap().len(), 3);
    assert_eq!(serde_json::from_value::<Failure>(v).unwrap(), f);
    let coded = parse_response(
        REQUEST,
        400,
        r#"{"error":{"errorCode":"100","message":"m"}}"#,
    )
    .unwrap_err();
    let v = serde_json::to_value(&coded).unwrap();
    assert_eq!(v["code"], "100");
    assert_eq!(v.as_object().unwrap().len(), 4);
    for kind in [
        FailureKind::AuthFailed,
        FailureKind::NotJson,
        FailureKind::CaNotActive,
    ] {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
    }
}

#[test]
fn non_json_message_is_short() {
    let body = "x".repeat(10_000);
    let f = parse_response(ISSUE, 502, &body).unwrap_err();
    assert!(f.message.len() < 400, "{}", f.message.len());
}

proptest! {
    #[test]
    fn parsing_never_panics(status in any::<u16>(), body in any::<String>()) {
        for kind in [ISSUE, ACTIVATE, REQUEST] {
            let _ = parse_response(kind, status, &body);
        }
    }

    #[test]
    fn parsing_json_shaped_bodies_never_panics(
        status in any::<u16>(),
        code in prop_oneof![Just("SUCCESS".to_string()), Just("0".to_string()), any::<String>()],
        field in "[a-zA-Z]{1,20}",
        value in any::<String>(),
        number in any::<i64>(),
    ) {
        let bodies = [
            json!({"code": code, "data": {field.clone(): value, "caChain": number, "caInfo": value}}),
            json!({"code": code, "data": {"caInfo": {"caId": number, "urlInfo": value}, "caCertInfo": [number]}}),
            json!({"returnCode": code, "dnsName": [value], field.clone(): number}),
            json!({"error": {"errorCode": number, "message": value}}),
            json!([code, number]),
        ];
        for body in bodies {
            for kind in [ISSUE, ACTIVATE, REQUEST] {
                let _ = parse_response(kind, status, &body.to_string());
            }
        }
    }
}

#[test]
fn a_failure_message_never_quotes_a_private_key() {
    let key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAsecretsecret\\n-----END RSA PRIVATE KEY-----";
    // Not JSON (a key in a cut-off body), a missing envelope field, a body of the wrong
    // shape (serde quotes the offending string).
    let bodies = [
        format!("oops {key} trailing"),
        format!(r#"{{"privateKey":"{key}"}}"#),
        format!(r#"{{"code":"SUCCESS","msg":"Success","data":["{key}"]}}"#),
        format!("-----BEGIN PRIVATE KEY-----\nMIIEvQ{}", "A".repeat(300)),
        // The vendor's own message fields are quoted verbatim otherwise.
        format!(r#"{{"error":{{"errorCode":"200","message":"{key}"}}}}"#),
        format!(r#"{{"code":"{key}","msg":"{key}","data":null}}"#),
    ];
    for body in bodies {
        let failure = parse_response(ISSUE, 200, &body).unwrap_err();
        let text = failure.to_string();
        assert!(!text.contains("secretsecret"), "{text}");
        assert!(!text.contains("MIIE"), "{text}");
    }
}
