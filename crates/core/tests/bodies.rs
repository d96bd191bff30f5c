//! The JSON bodies equal the spec's examples key for key (fixtures copied from the vendor
//! pages, see fixtures/README.md), absent fields are omitted, and input is read leniently.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::operation::{
    ActivateSubCa, IssueEndCert, KeyType, Operation, OperationKind, Period,
    RequestCertificateIssuance, ValidationMethod, X509Parameters,
};
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn body(op: impl Into<Operation>) -> Value {
    serde_json::from_str(&op.into().body_json().unwrap()).unwrap()
}

#[test]
fn issue_end_cert_minimal_body_equals_spec() {
    let op = IssueEndCert {
        ca_tag: "********-********".into(),
        x509_parameters: X509Parameters::with_common_name("name000"),
        ..Default::default()
    };
    assert_eq!(body(op.clone()), fixture("request-issue-end-cert.json"));
    // Byte for byte, too: compact JSON.
    assert_eq!(
        Operation::from(op).body_json().as_deref(),
        Some(r#"{"x509Parameters":{"commonName":"name000"}}"#)
    );
}

#[test]
fn activate_sub_ca_body_equals_spec() {
    let op = ActivateSubCa {
        ca_tag: "*********-*********".into(),
        cert_pem: "-----BEGIN CERTIFICATE-----\n{Certificate}\n-----END CERTIFICATE-----".into(),
        ca_chain_pem: "-----BEGIN CERTIFICATE-----\n{CA Chain}\n-----END CERTIFICATE-----".into(),
    };
    assert_eq!(body(op), fixture("request-activate-sub-ca.json"));
}

#[test]
fn request_certificate_issuance_body_equals_spec() {
    let op = RequestCertificateIssuance {
        certificate_name: "ncloudcertificate".into(),
        common_name: "*.ncloud.com".into(),
        dns_name: vec!["ncloud.com".into(), "ncloud-docs.com".into()],
        validation_method: ValidationMethod::Dns,
    };
    assert_eq!(
        body(op),
        fixture("request-request-certificate-issuance.json")
    );
}

#[test]
fn every_issue_end_cert_field_has_the_vendor_name() {
    // Field names from the spec's request body table.
    let op = IssueEndCert {
        ca_tag: "tag".into(),
        key_type: Some(KeyType::Ec256),
        period: Some(Period::Days(365)),
        x509_parameters: X509Parameters {
            common_name: "name000".into(),
            alt_name: Some("a.example.com,ops@example.com".into()),
            organization: Some("org000".into()),
            organization_unit: Some("unit000".into()),
            locality: Some("Pangyo".into()),
            state_province: Some("Seongnam-si".into()),
            street_address: Some("6 Buljeong-ro".into()),
            country: Some("KR".into()),
            ip: Some("10.0.0.1,::1".into()),
        },
    };
    assert_eq!(
        body(op),
        json!({
            "keyType": "EC256",
            "period": "365",
            "x509Parameters": {
                "commonName": "name000",
                "altName": "a.example.com,ops@example.com",
                "organization": "org000",
                "organizationUnit": "unit000",
                "locality": "Pangyo",
                "stateProvince": "Seongnam-si",
                "streetAddress": "6 Buljeong-ro",
                "country": "KR",
                "ip": "10.0.0.1,::1"
            }
        })
    );
}

#[test]
fn period_and_key_type_serialize_as_strings() {
    for (period, wire) in [
        (Period::Days(1), "1"),
        (Period::Days(3650), "3650"),
        (Period::Max, "MAX"),
    ] {
        assert_eq!(serde_json::to_value(&period).unwrap(), json!(wire));
    }
    for (key, wire) in [
        (KeyType::Rsa2048, "RSA2048"),
        (KeyType::Rsa4096, "RSA4096"),
        (KeyType::Ec256, "EC256"),
        (KeyType::Ec521, "EC521"),
    ] {
        assert_eq!(serde_json::to_value(&key).unwrap(), json!(wire));
    }
}

#[test]
fn empty_optional_strings_are_omitted_not_sent() {
    let op = IssueEndCert {
        ca_tag: "tag".into(),
        key_type: None,
        period: Some(Period::Unrecognized(String::new())),
        x509_parameters: X509Parameters {
            common_name: "cn".into(),
            organization: Some(String::new()),
            country: Some(String::new()),
            ..Default::default()
        },
    };
    assert_eq!(body(op), json!({"x509Parameters": {"commonName": "cn"}}));
    let op = RequestCertificateIssuance {
        certificate_name: "n".into(),
        common_name: "example.com".into(),
        dns_name: vec![],
        validation_method: ValidationMethod::Dns,
    };
    assert_eq!(
        body(op),
        json!({"certificateName": "n", "commonName": "example.com", "validationMethod": "D"})
    );
}

#[test]
fn reads_js_input_with_ca_tag_and_vendor_names() {
    let input = r#"{"caTag":"abc-123","keyType":"RSA4096","period":"MAX",
        "x509Parameters":{"commonName":"svc","country":"","ip":"10.0.0.1"}}"#;
    let op = Operation::from_json(OperationKind::IssueEndCert, input).unwrap();
    let Operation::IssueEndCert(issue) = &op else {
        panic!("{op:?}")
    };
    assert_eq!(issue.ca_tag, "abc-123");
    assert_eq!(issue.key_type, Some(KeyType::Rsa4096));
    assert_eq!(issue.period, Some(Period::Max));
    assert_eq!(
        issue.x509_parameters.country, None,
        "empty string is absent"
    );
    assert_eq!(op.path_and_query(), "/api/v1/ca/abc-123/cert");
    assert!(op.validate().is_empty());
    // caTag is a path parameter: never in the body.
    assert!(!op.body_json().unwrap().contains("caTag"));
}

#[test]
fn reading_is_lenient_so_validation_reports_bad_values() {
    let input = r#"{"caTag":"t","keyType":"rsa2048","period":"max","x509Parameters":{}}"#;
    let op = Operation::from_json(OperationKind::IssueEndCert, input).unwrap();
    let codes: Vec<(String, &str)> = op
        .validate()
        .into_iter()
        .map(|p| (p.field, p.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("keyType".to_string(), "invalid_key_type"),
            ("period".to_string(), "invalid_period"),
            ("x509Parameters.commonName".to_string(), "required"),
        ]
    );
    // A number for period (from JS) is read as its decimal string.
    let op = Operation::from_json(
        OperationKind::IssueEndCert,
        r#"{"caTag":"t","period":365,"x509Parameters":{"commonName":"a"}}"#,
    )
    .unwrap();
    assert!(
        op.body_json().unwrap().contains(r#""period":"365""#),
        "{:?}",
        op.body_json()
    );
}

#[test]
fn dns_name_accepts_an_array_or_a_typed_list() {
    let op = Operation::from_json(
        OperationKind::RequestCertificateIssuance,
        r#"{"certificateName":"c","commonName":"example.com","dnsName":"a.example.com, b.example.com\nc.example.com","validationMethod":"D"}"#,
    )
    .unwrap();
    let Operation::RequestCertificateIssuance(r) = op else {
        panic!()
    };
    assert_eq!(
        r.dns_name,
        ["a.example.com", "b.example.com", "c.example.com"]
    );
}

#[test]
fn impossible_shapes_are_one_invalid_json_problem() {
    for input in [
        "[]",
        "not json",
        r#"{"x509Parameters":"cn"}"#,
        r#"{"caTag":{"a":1}}"#,
    ] {
        let problem = Operation::from_json(OperationKind::IssueEndCert, input).unwrap_err();
        assert_eq!(problem.code.as_str(), "invalid_json", "{input}");
    }
}

#[test]
fn sandbox_can_read_bodies_back() {
    // The sandbox reads request bodies (no caTag) as operation inputs.
    let spec = fixture("request-request-certificate-issuance.json");
    let op = Operation::from_json(OperationKind::RequestCertificateIssuance, &spec.to_string());
    let Ok(Operation::RequestCertificateIssuance(op)) = op else {
        panic!("{op:?}")
    };
    assert_eq!(serde_json::to_value(&op).unwrap(), spec);
    let minimal = fixture("request-issue-end-cert.json").to_string();
    let Ok(Operation::IssueEndCert(minimal)) =
        Operation::from_json(OperationKind::IssueEndCert, &minimal)
    else {
        panic!("{minimal}")
    };
    assert_eq!(minimal.x509_parameters.common_name, "name000");
    assert_eq!(minimal.ca_tag, "");
}

#[test]
fn operation_kind_names() {
    for kind in OperationKind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        assert_eq!(kind.as_str().parse::<OperationKind>().unwrap(), kind);
    }
    assert_eq!(
        "issueEndCert".parse::<OperationKind>().unwrap(),
        OperationKind::IssueEndCert
    );
    assert!("issue".parse::<OperationKind>().is_err());
}
