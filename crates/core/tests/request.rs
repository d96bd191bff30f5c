//! Building signed requests: URL per target, header order, the signed path, curl rendering.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::process::Command;

use certkit_core::operation::{
    ActivateSubCa, IssueEndCert, Operation, RequestCertificateIssuance, ValidationMethod,
    X509Parameters,
};
use certkit_core::request::{BuildError, Request, Target};
use certkit_core::signing::Credentials;
use certkit_core::site::{self, ApiVersion, Service, Site, SiteErrorKind};

mod common;
use common::vector;

// The "issue-end-cert" vector of vectors/signature-v2.txt (computed with OpenSSL).
const ACCESS: &str = "AKIAEXAMPLE0NCP00001";
const SECRET: &str = "sEcReT/Example+Key=0123456789abcdefABCDEF";
const TAG: &str = "3f8a1b2c-7d4e5f60";
const TS: u64 = 1723101003000;
const SIG: &str = "/mvpwQd79nMT1zcGyKUjNuxx2U+dOrG3lag5eUYmawE=";

fn issue() -> Operation {
    IssueEndCert {
        ca_tag: TAG.into(),
        x509_parameters: X509Parameters::with_common_name("name000"),
        ..Default::default()
    }
    .into()
}

fn request_issuance() -> Operation {
    RequestCertificateIssuance {
        certificate_name: "ncloudcertificate".into(),
        common_name: "*.ncloud.com".into(),
        dns_name: vec!["ncloud.com".into(), "ncloud-docs.com".into()],
        validation_method: ValidationMethod::Dns,
    }
    .into()
}

fn creds() -> Credentials {
    Credentials::new(ACCESS, SECRET)
}

fn names(r: &Request) -> Vec<&str> {
    r.headers.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn issue_end_cert_on_the_public_site() {
    let r = Request::build(&issue(), &Target::Site(Site::Public), &creds(), TS).unwrap();
    assert_eq!(r.method, "POST");
    assert_eq!(
        r.url,
        format!("https://pca.apigw.ntruss.com/api/v1/ca/{TAG}/cert")
    );
    assert_eq!(r.path_and_query, format!("/api/v1/ca/{TAG}/cert"));
    assert_eq!(
        r.headers,
        vec![
            ("x-ncp-apigw-timestamp".to_string(), TS.to_string()),
            ("x-ncp-iam-access-key".to_string(), ACCESS.to_string()),
            ("x-ncp-apigw-signature-v2".to_string(), SIG.to_string()),
            ("Content-Type".to_string(), "application/json".to_string()),
        ]
    );
    assert_eq!(
        r.body.as_deref(),
        Some(r#"{"x509Parameters":{"commonName":"name000"}}"#)
    );
}

#[test]
fn certificate_manager_adds_accept_and_uses_v2() {
    let r = Request::build(
        &request_issuance(),
        &Target::Site(Site::Public),
        &creds(),
        TS,
    )
    .unwrap();
    assert_eq!(
        r.url,
        "https://certificatemanager.apigw.ntruss.com/api/v2/certificate/requestCertificateIssuance"
    );
    assert_eq!(
        names(&r),
        [
            "x-ncp-apigw-timestamp",
            "x-ncp-iam-access-key",
            "x-ncp-apigw-signature-v2",
            "Content-Type",
            "accept"
        ]
    );
    assert_eq!(r.headers[4].1, "application/json");
}

#[test]
fn the_signature_covers_the_upstream_path_whatever_the_prefix() {
    for target in [
        Target::BaseUrl("http://127.0.0.1:8080/sandbox/".into()),
        Target::BaseUrl("/ncp/public/private-ca".into()),
        Target::Proxy {
            origin: "".into(),
            site: Site::Public,
        },
        Target::Site(Site::Gov),
    ] {
        let r = Request::build(&issue(), &target, &creds(), TS).unwrap();
        assert_eq!(r.headers[2].1, SIG, "{target:?}");
        assert!(
            r.url.ends_with(&format!("/api/v1/ca/{TAG}/cert")),
            "{}",
            r.url
        );
    }
    let sandbox = Request::build(
        &issue(),
        &Target::BaseUrl("http://127.0.0.1:8080/sandbox/".into()),
        &creds(),
        TS,
    )
    .unwrap();
    assert_eq!(
        sandbox.url,
        format!("http://127.0.0.1:8080/sandbox/api/v1/ca/{TAG}/cert")
    );
    let proxy = Request::build(
        &request_issuance(),
        &Target::Proxy {
            origin: "http://localhost:8080".into(),
            site: Site::Public,
        },
        &creds(),
        TS,
    )
    .unwrap();
    assert_eq!(
        proxy.url,
        "http://localhost:8080/ncp/public/certificate-manager/api/v2/certificate/requestCertificateIssuance"
    );
    // Through the proxy, the signed path is still the upstream path: the OpenSSL vector's
    // literal path and signature (vectors/signature-v2.txt, "request-certificate-issuance").
    let v = vector("request-certificate-issuance");
    assert_eq!(
        v.path, "/api/v2/certificate/requestCertificateIssuance",
        "vector file changed"
    );
    let proxy = Request::build(
        &request_issuance(),
        &Target::Proxy {
            origin: "http://localhost:8080".into(),
            site: Site::Public,
        },
        &Credentials::new(&v.access_key, v.secret_key.clone()),
        v.timestamp,
    )
    .unwrap();
    assert_eq!(proxy.method, v.method);
    assert_eq!(proxy.path_and_query, v.path);
    assert_eq!(
        proxy.headers[2],
        ("x-ncp-apigw-signature-v2".to_string(), v.signature)
    );
}

#[test]
fn gov_private_ca_uses_its_own_subdomain() {
    let r = Request::build(&issue(), &Target::Site(Site::Gov), &creds(), TS).unwrap();
    assert!(
        r.url
            .starts_with("https://privateca.apigw.gov-ntruss.com/api/v1/"),
        "{}",
        r.url
    );
}

#[test]
fn operations_a_site_does_not_offer_are_typed_errors() {
    for site in [Site::Gov, Site::Fin] {
        for target in [
            Target::Site(site),
            Target::Proxy {
                origin: "".into(),
                site,
            },
        ] {
            let err = Request::build(&request_issuance(), &target, &creds(), TS).unwrap_err();
            let BuildError::NotOffered(e) = &err else {
                panic!("{err:?}")
            };
            assert_eq!(e.kind(), SiteErrorKind::ApiVersionNotOffered);
            assert!(err.to_string().contains("public"), "{err}");
        }
    }
    let err = Request::build(&issue(), &Target::Site(Site::Fin), &creds(), TS).unwrap_err();
    let BuildError::NotOffered(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.kind(), SiteErrorKind::ServiceNotOffered);
    assert!(err.to_string().contains("Private CA"), "{err}");
}

#[test]
fn invalid_input_is_not_signed() {
    let op: Operation = ActivateSubCa {
        ca_tag: "a/b".into(),
        ..Default::default()
    }
    .into();
    let err = Request::build(&op, &Target::Site(Site::Public), &creds(), TS).unwrap_err();
    let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["caTag", "certPem", "caChainPem"]);
}

#[test]
fn host_table_is_the_documented_one() {
    use Service::*;
    let cases = [
        (
            Site::Public,
            PrivateCa,
            Some("https://pca.apigw.ntruss.com"),
        ),
        (
            Site::Public,
            CertificateManager,
            Some("https://certificatemanager.apigw.ntruss.com"),
        ),
        (
            Site::Gov,
            PrivateCa,
            Some("https://privateca.apigw.gov-ntruss.com"),
        ),
        (
            Site::Gov,
            CertificateManager,
            Some("https://certificatemanager.apigw.gov-ntruss.com"),
        ),
        (Site::Fin, PrivateCa, None),
        (
            Site::Fin,
            CertificateManager,
            Some("https://certificatemanager.apigw.fin-ntruss.com"),
        ),
    ];
    for (s, svc, url) in cases {
        assert_eq!(site::base_url(s, svc).ok(), url, "{s} {svc}");
    }
    assert!(site::base_url_for(Site::Public, CertificateManager, ApiVersion::V2).is_ok());
    assert!(site::base_url_for(Site::Gov, CertificateManager, ApiVersion::V2).is_err());
    assert!(site::base_url_for(Site::Gov, CertificateManager, ApiVersion::V1).is_ok());
}

#[test]
fn slugs_parse_back() {
    for s in Site::ALL {
        assert_eq!(s.slug().parse::<Site>().unwrap(), s);
    }
    for s in Service::ALL {
        assert_eq!(s.slug().parse::<Service>().unwrap(), s);
    }
    assert_eq!("GOV".parse::<Site>().unwrap(), Site::Gov);
    assert_eq!("private-ca".parse::<Service>().unwrap(), Service::PrivateCa);
    assert_eq!(
        "mars".parse::<Site>().unwrap_err().kind(),
        SiteErrorKind::UnknownSite
    );
    assert_eq!(
        serde_json::to_string(&Service::CertificateManager).unwrap(),
        "\"certificate-manager\""
    );
}

#[test]
fn curl_in_the_spec_style() {
    let r = Request::build(
        &request_issuance(),
        &Target::Site(Site::Public),
        &creds(),
        TS,
    )
    .unwrap();
    let expected = format!(
        "curl --location --request POST 'https://certificatemanager.apigw.ntruss.com/api/v2/certificate/requestCertificateIssuance' \\\n\
         --header 'x-ncp-apigw-timestamp: {TS}' \\\n\
         --header 'x-ncp-iam-access-key: {ACCESS}' \\\n\
         --header 'x-ncp-apigw-signature-v2: {}' \\\n\
         --header 'Content-Type: application/json' \\\n\
         --header 'accept: application/json' \\\n\
         --data '{}'",
        r.headers[2].1,
        r.body.as_deref().unwrap()
    );
    assert_eq!(r.to_curl(), expected);
    let masked = r.to_curl_masked();
    assert!(
        !masked.contains(ACCESS) && masked.contains("AKIA****"),
        "{masked}"
    );
    assert_eq!(r.masked_headers()[1].1, "AKIA****");
    assert!(!format!("{r:?}").contains(ACCESS));
}

#[test]
fn curl_quoting_survives_sh() {
    // Independent check: sh must read each quoted word back exactly.
    for value in [
        "plain",
        "it's",
        "'",
        "''",
        "a'b'c",
        "$HOME `x` \"q\" \\n",
        "line\nbreak",
    ] {
        let request = Request {
            method: "POST".into(),
            url: "https://example.invalid/it's".into(),
            path_and_query: "/it's".into(),
            headers: vec![("x-value".into(), value.into())],
            body: Some(value.into()),
            repairs: Vec::new(),
            warnings: Vec::new(),
        };
        // curl replaced by a function printing its last argument: the body, read back by sh.
        let script = format!(
            "curl() {{ for a; do last=$a; done; printf '%s' \"$last\"; }}\n{}",
            request.to_curl()
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(script)
            .output()
            .expect("sh is available");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), value);
    }
    let op: Operation = IssueEndCert {
        ca_tag: TAG.into(),
        x509_parameters: X509Parameters {
            common_name: "O'Brien's server".into(),
            organization: Some("Bob's".into()),
            ..Default::default()
        },
        ..Default::default()
    }
    .into();
    let r = Request::build(&op, &Target::Site(Site::Public), &creds(), TS).unwrap();
    // Replace curl by a function printing its last argument: the body must come back intact.
    let script = format!(
        "curl() {{ for a; do last=$a; done; printf '%s' \"$last\"; }}\n{}",
        r.to_curl()
    );
    let out = Command::new("sh").arg("-c").arg(script).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), r.body.unwrap());
}
