//! Table-driven boundary tests, one table per rule: at least one accepted and one rejected
//! value at each boundary. Each row goes through `check_field` (the form's per-field check)
//! and through whole-operation validation, which must agree.

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
use certkit_core::validation::{self, check_field, Problem, ProblemCode};
use proptest::prelude::*;

const ISSUE: OperationKind = OperationKind::IssueEndCert;
const ACTIVATE: OperationKind = OperationKind::ActivateSubCa;
const REQUEST: OperationKind = OperationKind::RequestCertificateIssuance;

/// `None` = accepted; `Some(code)` = rejected with that code.
type Row<'a> = (&'a str, Option<&'a str>);

fn check_table(kind: OperationKind, field: &str, rows: &[Row]) {
    for (value, expected) in rows {
        let problems = check_field(kind, field, value);
        let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        match expected {
            None => assert!(
                problems.is_empty(),
                "{field}={value:?} rejected: {problems:?}"
            ),
            Some(code) => {
                assert!(
                    !codes.is_empty(),
                    "{field}={value:?} accepted, expected {code}"
                );
                assert!(
                    codes.iter().all(|c| c == code),
                    "{field}={value:?}: {codes:?}"
                );
                for p in &problems {
                    assert!(p.field.starts_with(field), "{p:?}");
                    assert!(!p.message.is_empty());
                }
            }
        }
        // Whole-operation validation applies the same rule.
        let whole = validate_with(kind, field, value);
        let whole_codes: Vec<&str> = whole
            .iter()
            .filter(|p| p.field.starts_with(field))
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(
            whole_codes, codes,
            "validate vs check_field for {field}={value:?}"
        );
    }
}

fn n(c: char, len: usize) -> String {
    std::iter::repeat_n(c, len).collect()
}

/// A valid operation of `kind` with `field` set to `value`, validated.
fn validate_with(kind: OperationKind, field: &str, value: &str) -> Vec<Problem> {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    let op: Operation = match kind {
        OperationKind::IssueEndCert => {
            let mut op = IssueEndCert {
                ca_tag: "ca-tag".into(),
                x509_parameters: X509Parameters::with_common_name("name000"),
                ..Default::default()
            };
            let x = &mut op.x509_parameters;
            match field {
                "caTag" => op.ca_tag = value.into(),
                "keyType" => op.key_type = opt(value).map(|v| KeyType::parse(&v)),
                "period" => op.period = opt(value).map(|v| Period::parse(&v)),
                "x509Parameters.commonName" => x.common_name = value.into(),
                "x509Parameters.altName" => x.alt_name = opt(value),
                "x509Parameters.organization" => x.organization = opt(value),
                "x509Parameters.organizationUnit" => x.organization_unit = opt(value),
                "x509Parameters.locality" => x.locality = opt(value),
                "x509Parameters.stateProvince" => x.state_province = opt(value),
                "x509Parameters.streetAddress" => x.street_address = opt(value),
                "x509Parameters.country" => x.country = opt(value),
                "x509Parameters.ip" => x.ip = opt(value),
                other => panic!("{other}"),
            }
            op.into()
        }
        OperationKind::ActivateSubCa => {
            let mut op = ActivateSubCa {
                ca_tag: "ca-tag".into(),
                cert_pem: PEM.into(),
                ca_chain_pem: PEM.into(),
            };
            match field {
                "caTag" => op.ca_tag = value.into(),
                "certPem" => op.cert_pem = value.into(),
                "caChainPem" => op.ca_chain_pem = value.into(),
                other => panic!("{other}"),
            }
            op.into()
        }
        OperationKind::RequestCertificateIssuance => {
            let mut op = RequestCertificateIssuance {
                certificate_name: "cert".into(),
                common_name: "example.com".into(),
                dns_name: vec![],
                validation_method: ValidationMethod::Dns,
            };
            match field {
                "certificateName" => op.certificate_name = value.into(),
                "commonName" => op.common_name = value.into(),
                "dnsName" => {
                    op.dns_name = validation::split_list(value).map(String::from).collect()
                }
                "validationMethod" => op.validation_method = ValidationMethod::parse(value),
                other => panic!("{other}"),
            }
            op.into()
        }
        other => panic!("no table builds {other}"),
    };
    op.problems()
}

const PEM: &str =
    "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2hl\nY2s=\n-----END CERTIFICATE-----\n";

#[test]
fn common_name_1_to_64() {
    let (c64, c65) = (n('a', 64), n('a', 65));
    let korean64 = n('한', 64); // characters, not bytes
    check_table(
        ISSUE,
        "x509Parameters.commonName",
        &[
            ("", Some("required")),
            ("a", None),
            (&c64, None),
            (&korean64, None),
            (&c65, Some("too_long")),
        ],
    );
}

#[test]
fn organization_0_to_64() {
    let (c64, c65) = (n('o', 64), n('o', 65));
    check_table(
        ISSUE,
        "x509Parameters.organization",
        &[
            ("", None),
            ("o", None),
            (&c64, None),
            (&c65, Some("too_long")),
        ],
    );
}

#[test]
fn the_0_to_128_fields() {
    let (c1, c64, c65, c128, c129) = (n('x', 1), n('x', 64), n('x', 65), n('x', 128), n('x', 129));
    for field in [
        "x509Parameters.organizationUnit",
        "x509Parameters.locality",
        "x509Parameters.stateProvince",
        "x509Parameters.streetAddress",
    ] {
        check_table(
            ISSUE,
            field,
            &[
                ("", None),
                (&c1, None),
                (&c64, None),
                (&c65, None),
                (&c128, None),
                (&c129, Some("too_long")),
            ],
        );
    }
}

#[test]
fn period_1_to_3650_or_max() {
    check_table(
        ISSUE,
        "period",
        &[
            ("", None), // absent: NCP's default
            ("0", Some("invalid_period")),
            ("1", None),
            ("365", None),
            ("3650", None),
            ("3651", Some("invalid_period")),
            ("MAX", None),
            ("max", Some("invalid_period")),
            ("-1", Some("invalid_period")),
            ("01", Some("invalid_period")),
            ("1.5", Some("invalid_period")),
            (" 1", Some("invalid_period")),
            ("99999999999", Some("invalid_period")),
        ],
    );
}

#[test]
fn key_type_enum() {
    check_table(
        ISSUE,
        "keyType",
        &[
            ("", None),
            ("RSA2048", None),
            ("RSA4096", None),
            ("EC256", None),
            ("EC521", None),
            ("rsa2048", Some("invalid_key_type")),
            ("EC384", Some("invalid_key_type")),
            ("RSA1024", Some("invalid_key_type")),
        ],
    );
}

#[test]
fn country_iso_3166_alpha_2() {
    check_table(
        ISSUE,
        "x509Parameters.country",
        &[
            ("", None),
            ("KR", None),
            ("US", None),
            ("AX", None),
            ("XX", Some("invalid_country")),
            ("UK", Some("invalid_country")), // not assigned: the code is GB
            ("kr", Some("invalid_country")),
            ("KOR", Some("invalid_country")),
            ("K", Some("invalid_country")),
        ],
    );
}

#[test]
fn ip_addresses() {
    check_table(
        ISSUE,
        "x509Parameters.ip",
        &[
            ("", None),
            ("10.0.0.1", None),
            ("0.0.0.0", None),
            ("255.255.255.255", None),
            ("::1", None),
            ("::", None),
            ("2001:db8::8a2e:370:7334", None),
            ("::ffff:10.0.0.1", None),
            ("fe80:0:0:0:0:0:0:1", None),
            ("10.0.0.1,::1,192.168.0.10", None),
            ("10.0.0.256", Some("invalid_ip")),
            ("10.0.0", Some("invalid_ip")),
            ("010.0.0.1", Some("invalid_ip")),
            ("10.0.0.1.", Some("invalid_ip")),
            ("1:2:3:4:5:6:7:8:9", Some("invalid_ip")),
            ("::1::", Some("invalid_ip")),
            ("[::1]", Some("invalid_ip")),
            ("fe80::1%eth0", Some("invalid_ip")),
            ("10.0.0.1, 10.0.0.2", Some("invalid_ip")),
            ("10.0.0.1,", Some("invalid_ip")),
            ("example.com", Some("invalid_ip")),
        ],
    );
    // One problem per bad entry, all at once.
    assert_eq!(
        check_field(ISSUE, "x509Parameters.ip", "1.1.1.1,x,y,::1").len(),
        2
    );
}

#[test]
fn alt_names_hosts_or_emails() {
    let label63 = format!("{}.example.com", n('a', 63));
    let label64 = format!("{}.example.com", n('a', 64));
    check_table(
        ISSUE,
        "x509Parameters.altName",
        &[
            ("", None),
            ("example.com", None),
            ("*.example.com", None),
            ("localhost", None), // host names may be single labels
            ("a-b.example.com", None),
            ("ops@example.com", None),
            ("first.last+tag@mail.example.co.kr", None),
            ("www.example.com,ops@example.com", None),
            (&label63, None),
            (&label64, Some("invalid_alt_name")),
            ("a..b", Some("invalid_alt_name")),
            ("*.*.example.com", Some("invalid_alt_name")),
            ("www.*.example.com", Some("invalid_alt_name")),
            ("-a.example.com", Some("invalid_alt_name")),
            ("a_b.example.com", Some("invalid_alt_name")),
            ("example.com.", Some("invalid_alt_name")),
            ("10.0.0.1", Some("invalid_alt_name")),
            ("@example.com", Some("invalid_alt_name")),
            ("ops@", Some("invalid_alt_name")),
            ("ops@localhost", Some("invalid_alt_name")),
            ("a..b@example.com", Some("invalid_alt_name")),
            ("a.com, b.com", Some("invalid_alt_name")),
            ("例え.jp", Some("invalid_alt_name")),
        ],
    );
}

#[test]
fn domains_fqdn_apex_or_wildcard() {
    let long = format!("{}.com", vec![n('a', 63); 4].join(".")); // 4*63+3+4 = 259 > 253
    let cn64 = format!("{}.example.com", n('a', 52)); // 64 characters
    let cn65 = format!("{}.example.com", n('a', 53));
    for field in ["commonName", "dnsName"] {
        check_table(
            REQUEST,
            field,
            &[
                ("*.example.com", None),
                ("example.com", None),
                ("www.example.co.kr", None),
                ("xn--hxajbheg2az3al.xn--jxalpdlp", None),
                ("a..b", Some("invalid_domain")),
                ("localhost", Some("invalid_domain")), // needs two labels
                ("*.com", Some("invalid_domain")),
                ("*example.com", Some("invalid_domain")),
                ("ex ample.com", Some("invalid_domain")),
                ("example.123", Some("invalid_domain")),
                (&long, Some("invalid_domain")),
            ],
        );
    }
    check_table(
        REQUEST,
        "commonName",
        &[
            ("", Some("required")),
            (&cn64, None),
            (&cn65, Some("too_long")),
        ],
    );
    // dnsName entries have no 64 cap (only commonName has one): DNS's 253 bounds them.
    let dns65 = format!("{}.example.com", n('a', 53)); // 65 characters
                                                       // 3*63 + 2 dots + "." + 57 + ".com" = 253, the DNS maximum.
    let dns253 = format!("{}.{}.com", vec![n('a', 63); 3].join("."), n('b', 57));
    assert_eq!(dns65.len(), 65);
    assert_eq!(dns253.len(), 253);
    check_table(
        REQUEST,
        "dnsName",
        &[
            (&dns65, None),
            (&dns253, None),
            (&format!("b{dns253}"), Some("invalid_domain")), // 254
        ],
    );
    check_table(REQUEST, "commonName", &[(&dns65, Some("too_long"))]);
    // dnsName is optional; each bad entry is reported under its index.
    check_table(REQUEST, "dnsName", &[("", None)]);
    let problems = check_field(REQUEST, "dnsName", "a.com, b..com\nc.com,*.*.d.com");
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["dnsName[1]", "dnsName[3]"]);
}

#[test]
fn validation_method() {
    check_table(
        REQUEST,
        "validationMethod",
        &[
            ("D", None),
            ("E", None),
            ("", Some("required")),
            ("d", Some("invalid_validation_method")),
            ("DNS", Some("invalid_validation_method")),
        ],
    );
}

#[test]
fn certificate_name_required() {
    check_table(
        REQUEST,
        "certificateName",
        &[("", Some("required")), ("c", None)],
    );
}

#[test]
fn ca_tag_must_not_change_the_path() {
    for kind in [ISSUE, ACTIVATE] {
        check_table(
            kind,
            "caTag",
            &[
                ("", Some("required")),
                ("a", None),
                ("3f8a1b2c-7d4e5f60", None),
                ("*********-*********", None),
                ("Tag_With.Dots~", None),
                ("a..b", None), // not a whole `..` segment
                ("...", None),
                (".a", None),
                ("a/b", Some("invalid_ca_tag")),
                ("a?b", Some("invalid_ca_tag")),
                ("a#b", Some("invalid_ca_tag")),
                ("a%2Fb", Some("invalid_ca_tag")),
                ("a b", Some("invalid_ca_tag")),
                ("a\tb", Some("invalid_ca_tag")),
                ("a\u{7f}", Some("invalid_ca_tag")),
                ("태그", Some("invalid_ca_tag")),
                ("..", Some("invalid_ca_tag")),
                ("a\\b", Some("invalid_ca_tag")),
                ("\\", Some("invalid_ca_tag")),
                ("a@b", Some("invalid_ca_tag")),
                ("@", Some("invalid_ca_tag")),
                (".", Some("invalid_ca_tag")),
                // Chromium's fetch re-encodes these in a path (%5E, %7C): the signature breaks.
                ("a^b", Some("invalid_ca_tag")),
                ("a|b", Some("invalid_ca_tag")),
                ("o'brien+ca:1", None),
                ("a!$&()*,;=b[1]", None),
            ],
        );
    }
}

#[test]
fn pem_shape() {
    let literal_newlines = PEM.replace('\n', "\\n");
    let crlf = PEM.replace('\n', "\r\n");
    let one_line = PEM.replace('\n', "");
    let with_key = format!("{PEM}-----BEGIN PRIVATE KEY-----\nMII=\n-----END PRIVATE KEY-----\n");
    for field in ["certPem", "caChainPem"] {
        check_table(
            ACTIVATE,
            field,
            &[
                (PEM, None),
                (&literal_newlines, None), // certkit-x509 repairs these before sending
                (&crlf, None),
                (&one_line, None),
                (&format!("{PEM}{PEM}"), None),
                ("", Some("required")),
                ("   \n", Some("required")),
                ("MIIBszCCAVmgAwIBAgIU", Some("invalid_pem")),
                ("-----BEGIN CERTIFICATE-----\nMIIB\n", Some("invalid_pem")),
                (
                    "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----",
                    Some("invalid_pem"),
                ),
                (
                    "-----BEGIN CERTIFICATE-----\n{Certificate}\n-----END CERTIFICATE-----",
                    Some("invalid_pem"),
                ),
                (&with_key, Some("contains_private_key")),
            ],
        );
    }
}

#[test]
fn all_problems_at_once_in_field_order() {
    let op = Operation::from(IssueEndCert {
        ca_tag: "a/b".into(),
        key_type: Some(KeyType::parse("RSA1024")),
        period: Some(Period::parse("0")),
        x509_parameters: X509Parameters {
            common_name: n('c', 65),
            alt_name: Some("a..b".into()),
            organization: Some(n('o', 65)),
            organization_unit: Some(n('u', 129)),
            locality: Some(n('l', 129)),
            state_province: Some(n('s', 129)),
            street_address: Some(n('t', 129)),
            country: Some("XX".into()),
            ip: Some("10.0.0.256".into()),
        },
    });
    let got: Vec<(String, &str)> = op
        .validate()
        .into_iter()
        .map(|p| (p.field, p.code.as_str()))
        .collect();
    let expected = [
        ("caTag", "invalid_ca_tag"),
        ("keyType", "invalid_key_type"),
        ("period", "invalid_period"),
        ("x509Parameters.commonName", "too_long"),
        ("x509Parameters.altName", "invalid_alt_name"),
        ("x509Parameters.organization", "too_long"),
        ("x509Parameters.organizationUnit", "too_long"),
        ("x509Parameters.locality", "too_long"),
        ("x509Parameters.stateProvince", "too_long"),
        ("x509Parameters.streetAddress", "too_long"),
        ("x509Parameters.ip", "invalid_ip"),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(f, c)| (f.to_string(), *c)).collect();
    assert_eq!(got, expected);
}

#[test]
fn messages_name_the_rule() {
    let p = &check_field(ISSUE, "x509Parameters.commonName", &n('a', 65))[0];
    assert!(
        p.message.contains("64") && p.message.contains("65"),
        "{}",
        p.message
    );
    let p = &check_field(ISSUE, "period", "max")[0];
    assert!(p.message.contains("MAX"), "{}", p.message);
    let p = &check_field(ISSUE, "x509Parameters.country", "kr")[0];
    assert!(p.message.contains("KR"), "{}", p.message);
}

#[test]
fn ncp_codes_for_problems() {
    let code = |kind, field, value: &str| check_field(kind, field, value)[0].ncp_code();
    assert_eq!(
        code(ISSUE, "x509Parameters.commonName", ""),
        Some("EMPTY_COMMON_NAME")
    );
    assert_eq!(
        code(ISSUE, "x509Parameters.commonName", &n('a', 65)),
        Some("EXCEED_COMMON_NAME")
    );
    assert_eq!(code(ISSUE, "period", "3651"), Some("INVALID_INPUT_PERIOD"));
    assert_eq!(
        code(ISSUE, "x509Parameters.ip", "10.0.0.256"),
        Some("INVALID_X509_IP")
    );
    assert_eq!(code(ACTIVATE, "certPem", "x"), Some("INVALID_INPUT_CERT"));
    assert_eq!(
        code(ACTIVATE, "caChainPem", "x"),
        Some("INVALID_INPUT_CA_CHAIN")
    );
    assert_eq!(code(REQUEST, "dnsName", "a..b"), Some("2201"));
    assert_eq!(code(ISSUE, "x509Parameters.country", "XX"), None);
}

#[test]
fn unknown_field_is_a_problem_not_a_panic() {
    let problems = check_field(ISSUE, "x509Parameters.nope", "x");
    assert_eq!(problems[0].code, ProblemCode::UnknownField);
    assert_eq!(
        check_field(REQUEST, "caTag", "x")[0].code,
        ProblemCode::UnknownField
    );
}

#[test]
fn codes_serialize_as_their_strings() {
    for code in ProblemCode::ALL {
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            serde_json::Value::String(code.as_str().into())
        );
    }
    let p = &check_field(ISSUE, "x509Parameters.country", "XX")[0];
    let json = serde_json::to_value(p).unwrap();
    assert_eq!(json["field"], "x509Parameters.country");
    assert_eq!(json["code"], "invalid_country");
    assert_eq!(json["severity"], "warning");
    assert_eq!(json.as_object().unwrap().len(), 4);
}

#[test]
fn readme_documents_every_code() {
    let readme = include_str!("../README.md");
    for code in ProblemCode::ALL {
        assert!(readme.contains(&format!("`{}`", code.as_str())), "{code}");
    }
}

proptest! {
    #[test]
    fn validation_of_arbitrary_json_never_panics(json in any::<String>()) {
        for kind in OperationKind::ALL {
            if let Ok(op) = Operation::from_json(kind, &json) {
                let _ = op.validate();
            }
        }
    }

    #[test]
    fn validation_of_arbitrary_objects_never_panics(
        tag in any::<String>(), cn in any::<String>(), ip in any::<String>(),
        alt in any::<String>(), period in any::<String>(), pem in any::<String>(),
    ) {
        let issue = serde_json::json!({"caTag": tag, "period": period,
            "x509Parameters": {"commonName": cn, "ip": ip, "altName": alt, "country": cn}});
        let op = Operation::from_json(ISSUE, &issue.to_string()).unwrap();
        let _ = op.validate();
        let _ = op.body_json();
        let activate = serde_json::json!({"caTag": tag, "certPem": pem, "caChainPem": alt});
        let _ = Operation::from_json(ACTIVATE, &activate.to_string()).unwrap().validate();
        let request = serde_json::json!({"certificateName": tag, "commonName": cn,
            "dnsName": [alt, ip], "validationMethod": period});
        let _ = Operation::from_json(REQUEST, &request.to_string()).unwrap().validate();
    }
}
