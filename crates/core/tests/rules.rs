//! Every validation rule with its source: the vendor's docs (an error: nothing is sent) or our
//! own advice (a warning: shown, never blocking). One row per rule, each with an input that
//! breaks exactly that rule; the row's severity must be what its source allows.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::operation::{Operation, OperationKind as K};
use certkit_core::validation::Severity::{self, Error, Warning};

/// (operation, input, field, code, severity, source)
type Rule = (
    K,
    &'static str,
    &'static str,
    &'static str,
    Severity,
    &'static str,
);

const RULES: &[Rule] = &[
    // Documented rules: errors.
    (
        K::GetCa,
        r#"{}"#,
        "caTag",
        "required",
        Error,
        "P2: caTag String Required",
    ),
    (
        K::GetCa,
        r#"{"caTag":"a/b"}"#,
        "caTag",
        "invalid_ca_tag",
        Error,
        "P0: the path is /api/v1/ca/{caTag}; a '/' would change it",
    ),
    (
        K::CreateCa,
        r#"{"caType":"PRIVATE_ROOT","alias":"ab","keyType":"RSA2048","period":"MAX","x509Parameters":{"commonName":"c"}}"#,
        "alias",
        "invalid_alias",
        Error,
        "P3: alias 3-15 chars, letters/digits/-/_, first a letter",
    ),
    (
        K::CreateCa,
        r#"{"caType":"PRIVATE_ROOT","alias":"1abc","keyType":"RSA2048","period":"MAX","x509Parameters":{"commonName":"c"}}"#,
        "alias",
        "invalid_alias",
        Error,
        "P3: first char a letter",
    ),
    (
        K::CreateCa,
        r#"{"caType":"ROOT","alias":"abc","keyType":"RSA2048","period":"MAX","x509Parameters":{"commonName":"c"}}"#,
        "caType",
        "invalid_ca_type",
        Error,
        "P3: caType PRIVATE_ROOT | PRIVATE_SUB",
    ),
    (
        K::CreateCa,
        r#"{"caType":"PRIVATE_ROOT","alias":"abc","period":"MAX","x509Parameters":{"commonName":"c"}}"#,
        "keyType",
        "required",
        Error,
        "P3: keyType Required",
    ),
    (
        K::CreateCa,
        r#"{"caType":"PRIVATE_ROOT","alias":"abc","keyType":"RSA2048","x509Parameters":{"commonName":"c"}}"#,
        "period",
        "required",
        Error,
        "P3: period Required",
    ),
    (
        K::CreateCa,
        r#"{"caType":"PRIVATE_ROOT","alias":"abc","keyType":"RSA2048","period":"MAX","x509Parameters":{}}"#,
        "x509Parameters.commonName",
        "required",
        Error,
        "PS3: commonName Required; P0 'common name is missing.'",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","period":"3651","x509Parameters":{"commonName":"c"}}"#,
        "period",
        "invalid_period",
        Error,
        "PS5: period \"1\"-\"3650\" or \"MAX\"",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","keyType":"RSA1024","x509Parameters":{"commonName":"c"}}"#,
        "keyType",
        "invalid_key_type",
        Error,
        "P3/seed: keyType RSA2048 | RSA4096 | EC256 | EC521",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","x509Parameters":{"commonName":"c","country":"KOR"}}"#,
        "x509Parameters.country",
        "invalid_country",
        Error,
        "PS3: alpha-2 code; X.509 countryName is 2 characters (RFC 5280)",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","x509Parameters":{"commonName":"c","ip":"10.0.0.256"}}"#,
        "x509Parameters.ip",
        "invalid_ip",
        Error,
        "PS3: ip holds IP addresses",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","x509Parameters":{"commonName":"c","organization":"OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO"}}"#,
        "x509Parameters.organization",
        "too_long",
        Error,
        "PS3: organization 0-64 chars",
    ),
    (
        K::SignSubCsr,
        r#"{"caTag":"t","period":"10","csrPem":"-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----"}"#,
        "csrPem",
        "invalid_csr",
        Error,
        "P5: csrPem is a PEM CSR",
    ),
    (
        K::SignEndCsr,
        r#"{"caTag":"t"}"#,
        "csrPem",
        "required",
        Error,
        "P13: csrPem Required",
    ),
    (
        K::GetEndCert,
        r#"{"caTag":"t","serialNo":"5d8a01"}"#,
        "serialNo",
        "invalid_serial_no",
        Error,
        "PS5/ncp-api.md 4: serial numbers are colon-separated hex",
    ),
    (
        K::UpdateCa,
        r#"{"caTag":"t","status":"PENDING"}"#,
        "status",
        "invalid_status",
        Error,
        "P11: status ACTIVE | DEACTIVATED | DESTROYING",
    ),
    (
        K::UpdateCa,
        r#"{"caTag":"t"}"#,
        "status",
        "required",
        Error,
        "P11: status Required",
    ),
    (
        K::GetCaList,
        r#"{"pageNo":"0"}"#,
        "pageNo",
        "invalid_page",
        Error,
        "P1: pageNo Long (pages are 1-based)",
    ),
    (
        K::ActivateSubCa,
        r#"{"caTag":"t","certPem":"x","caChainPem":"-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----"}"#,
        "certPem",
        "invalid_pem",
        Error,
        "seed Activate Sub CA: certPem is a PEM certificate",
    ),
    (
        K::RequestCertificateIssuance,
        r#"{"commonName":"example.com","validationMethod":"D"}"#,
        "certificateName",
        "required",
        Error,
        "seed: certificateName Required",
    ),
    (
        K::RequestCertificateIssuance,
        r#"{"certificateName":"n","commonName":"example..com","validationMethod":"D"}"#,
        "commonName",
        "invalid_domain",
        Error,
        "ncp-api.md 4: FQDN, apex or wildcard",
    ),
    (
        K::RequestCertificateIssuance,
        r#"{"certificateName":"n","commonName":"example.com","validationMethod":"X"}"#,
        "validationMethod",
        "invalid_validation_method",
        Error,
        "seed/C4: D | E",
    ),
    (
        K::ListDcvStatuses,
        r#"{"certificateNo":"1"}"#,
        "domainAddress",
        "required",
        Error,
        "C2: domainAddress Required",
    ),
    (
        K::ListDcvStatuses,
        r#"{"certificateNo":"abc","domainAddress":"example.com"}"#,
        "certificateNo",
        "invalid_certificate_no",
        Error,
        "C2: certificateNo Integer",
    ),
    (
        K::DeleteCertificate,
        r#"{"certificateNo":"1"}"#,
        "certificateName",
        "required",
        Error,
        "C3: certificateName Required",
    ),
    (
        K::ReissueCertificate,
        r#"{"certificateNo":"1","certificateName":"n","commonName":"example.com","validationMethod":"D"}"#,
        "csr",
        "required",
        Error,
        "C4: csr Required",
    ),
    (
        K::RevokeCertificate,
        r#"{"orderId":"1","certificateNo":1,"revokeType":"stolen"}"#,
        "revokeType",
        "invalid_revoke_type",
        Error,
        "C7: the four revokeType values",
    ),
    (
        K::RevokeCertificate,
        r#"{"certificateNo":1,"revokeType":"superseded"}"#,
        "orderId",
        "required",
        Error,
        "C7: orderId Required",
    ),
    (
        K::ListCloudCertificates,
        r#"{"pageSize":"-1"}"#,
        "pageSize",
        "invalid_page",
        Error,
        "C1: pageSize Integer",
    ),
    // Our own advice: warnings.
    (
        K::IssueEndCert,
        r#"{"caTag":"t","x509Parameters":{"commonName":"c","country":"XK"}}"#,
        "x509Parameters.country",
        "invalid_country",
        Warning,
        "ours: the assigned-code list (the docs say only 'standard country code')",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","x509Parameters":{"commonName":"c","country":"kr"}}"#,
        "x509Parameters.country",
        "invalid_country",
        Warning,
        "ours: upper case",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","x509Parameters":{"commonName":"c","altName":"my_host.local"}}"#,
        "x509Parameters.altName",
        "invalid_alt_name",
        Warning,
        "ours: '_' in a host name",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","x509Parameters":{"commonName":"c","altName":"a.com, b.com"}}"#,
        "x509Parameters.altName",
        "invalid_alt_name",
        Warning,
        "ours: spaces in the list",
    ),
    (
        K::IssueEndCert,
        r#"{"caTag":"t","period":"030","x509Parameters":{"commonName":"c"}}"#,
        "period",
        "invalid_period",
        Warning,
        "ours: leading zeros",
    ),
    (
        K::RequestCertificateIssuance,
        r#"{"certificateName":"n","commonName":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com","validationMethod":"D"}"#,
        "commonName",
        "too_long",
        Warning,
        "ours: RFC 5280 ub-common-name 64 (Certificate Manager states no limit)",
    ),
    (
        K::CreateCa,
        r#"{"caType":"PRIVATE_ROOT","alias":"abc","keyType":"RSA2048","period":"MAX","x509Parameters":{"commonName":"c","streetAddress":"s"}}"#,
        "x509Parameters.streetAddress",
        "not_documented",
        Warning,
        "ours (PS3 gap): streetAddress is documented for Issue End Cert only",
    ),
    (
        K::CreateCa,
        r#"{"caType":"PRIVATE_ROOT","issuerTag":"p","alias":"abc","keyType":"RSA2048","period":"MAX","x509Parameters":{"commonName":"c"}}"#,
        "issuerTag",
        "not_documented",
        Warning,
        "ours (P3 gap): issuerTag on a root is undocumented",
    ),
    (
        K::SignSubCsr,
        r#"{"caTag":"t","period":"MAX","csrPem":"-----BEGIN CERTIFICATE REQUEST-----\nAA==\n-----END CERTIFICATE REQUEST-----"}"#,
        "period",
        "not_documented",
        Warning,
        "ours (P5 gap): MAX is not mentioned",
    ),
    (
        K::DownloadCertificate,
        r#"{"certificateNo":"1","type":"DER"}"#,
        "type",
        "not_documented",
        Warning,
        "ours (C5): only PEM is documented",
    ),
];

#[test]
fn every_rule_fires_alone_with_the_severity_its_source_allows() {
    for (kind, input, field, code, severity, source) in RULES {
        let op = Operation::from_json(*kind, input).unwrap();
        let problems = op.problems();
        assert_eq!(
            problems.len(),
            1,
            "{kind} {input}: expected only the {code} rule ({source}), got {problems:?}"
        );
        let p = &problems[0];
        assert_eq!(
            (p.field.as_str(), p.code.as_str(), p.severity),
            (*field, *code, *severity),
            "{source}"
        );
        assert_eq!(
            source.starts_with("ours"),
            *severity == Warning,
            "{source}: a documented rule is an error, one of ours a warning"
        );
        // Errors block Request::build; warnings never do.
        assert_eq!(op.validate().is_empty(), *severity == Warning, "{source}");
    }
}

#[test]
fn every_problem_code_is_in_the_table_or_is_structural() {
    use certkit_core::ProblemCode;
    let structural = [
        "invalid_json",
        "unknown_field",
        "unknown_operation",
        "contains_private_key",
    ];
    for code in ProblemCode::ALL {
        assert!(
            structural.contains(&code.as_str()) || RULES.iter().any(|r| r.3 == code.as_str()),
            "{code} has no row"
        );
    }
}
