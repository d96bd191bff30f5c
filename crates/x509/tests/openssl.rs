//! Compares what certkit-x509 reads from each fixture certificate with what OpenSSL says about
//! it. The fixtures and the `*.openssl.txt` files beside them are made by
//! `tests/fixtures/make.sh` (`openssl x509 -text -fingerprint -sha256`, `-fingerprint -sha1`,
//! `-serial -subject -issuer -nameopt RFC2253`); this test parses OpenSSL's text.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::net::IpAddr;

use certkit_x509::{certificate, AltNameKind, CertificateInfo, Curve, KeyAlgorithm};

const CERTIFICATES: &[&str] = &[
    "root",
    "int-p384",
    "int-p521",
    "leaf-rsa2048",
    "leaf-rsa4096",
    "leaf-p256",
    "leaf-p521",
    "leaf-p256-by-p521",
    "expired",
    "ed25519",
];

/// A fixed "now" (2026-11-18T08:53:20Z); validity expectations are computed from it and from
/// the dates OpenSSL prints.
const NOW: i64 = 1_795_000_000;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn der_of(name: &str) -> Vec<u8> {
    let bundle = certkit_x509::parse_bundle(fixture(&format!("{name}.pem"))).unwrap();
    assert_eq!(bundle.blocks.len(), 1);
    bundle.blocks[0].der.clone()
}

fn inspect(name: &str) -> CertificateInfo {
    certificate::inspect(&der_of(name), NOW).unwrap()
}

/// OpenSSL's text output, as lines.
struct OpensslText {
    lines: Vec<String>,
}

impl OpensslText {
    fn load(name: &str) -> Self {
        let text = String::from_utf8(fixture(&format!("{name}.openssl.txt"))).unwrap();
        OpensslText {
            lines: text.lines().map(str::to_string).collect(),
        }
    }

    /// The rest of the first line starting (after indentation) with `prefix`.
    fn value(&self, prefix: &str) -> Option<String> {
        self.lines
            .iter()
            .find_map(|l| l.trim_start().strip_prefix(prefix))
            .map(|v| v.trim().to_string())
    }

    /// The line after the first line starting with `prefix`.
    fn next_line(&self, prefix: &str) -> Option<String> {
        let i = self
            .lines
            .iter()
            .position(|l| l.trim_start().starts_with(prefix))?;
        self.lines.get(i + 1).map(|l| l.trim().to_string())
    }

    /// The indented lines under the first line starting with `prefix`.
    fn block(&self, prefix: &str) -> Vec<String> {
        let Some(i) = self
            .lines
            .iter()
            .position(|l| l.trim_start().starts_with(prefix))
        else {
            return Vec::new();
        };
        let indent = |l: &str| l.len() - l.trim_start().len();
        let base = indent(&self.lines[i]);
        self.lines[i + 1..]
            .iter()
            .take_while(|l| indent(l) > base)
            .map(|l| l.trim().to_string())
            .collect()
    }

    /// The extension header lines (`X509v3 Key Usage: critical`), as (name, critical).
    fn extensions(&self) -> Vec<(String, bool)> {
        let Some(start) = self
            .lines
            .iter()
            .position(|l| l.trim() == "X509v3 extensions:")
        else {
            return Vec::new();
        };
        self.lines[start + 1..]
            .iter()
            .take_while(|l| l.starts_with("            ") || l.starts_with("                "))
            .filter(|l| l.starts_with("            ") && !l.starts_with("             "))
            .map(|l| {
                let (name, flag) = l.trim().split_once(':').unwrap();
                (name.to_string(), flag.trim() == "critical")
            })
            .collect()
    }
}

/// OpenSSL's `Jan  1 00:00:00 2026 GMT` as (RFC 3339, Unix seconds).
fn openssl_date(text: &str) -> (String, i64) {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == parts[0])
    .unwrap() as i64
        + 1;
    let day: i64 = parts[1].parse().unwrap();
    let year: i64 = parts[3].parse().unwrap();
    let hms: Vec<i64> = parts[2].split(':').map(|p| p.parse().unwrap()).collect();
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let unix = days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2];
    (
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            hms[0], hms[1], hms[2]
        ),
        unix,
    )
}

fn key_usage_from_openssl(name: &str) -> &'static str {
    match name {
        "Digital Signature" => "digitalSignature",
        "Non Repudiation" => "nonRepudiation",
        "Key Encipherment" => "keyEncipherment",
        "Data Encipherment" => "dataEncipherment",
        "Key Agreement" => "keyAgreement",
        "Certificate Sign" => "keyCertSign",
        "CRL Sign" => "cRLSign",
        "Encipher Only" => "encipherOnly",
        "Decipher Only" => "decipherOnly",
        other => panic!("unknown openssl key usage {other}"),
    }
}

fn eku_from_openssl(name: &str) -> String {
    match name {
        "TLS Web Server Authentication" => "serverAuth".into(),
        "TLS Web Client Authentication" => "clientAuth".into(),
        "Code Signing" => "codeSigning".into(),
        "E-mail Protection" => "emailProtection".into(),
        "Time Stamping" => "timeStamping".into(),
        "OCSP Signing" => "OCSPSigning".into(),
        oid => oid.to_string(),
    }
}

fn extension_from_openssl(name: &str) -> String {
    match name {
        "X509v3 Basic Constraints" => "basicConstraints".into(),
        "X509v3 Key Usage" => "keyUsage".into(),
        "X509v3 Extended Key Usage" => "extendedKeyUsage".into(),
        "X509v3 Subject Key Identifier" => "subjectKeyIdentifier".into(),
        "X509v3 Authority Key Identifier" => "authorityKeyIdentifier".into(),
        "X509v3 Subject Alternative Name" => "subjectAltName".into(),
        "X509v3 CRL Distribution Points" => "cRLDistributionPoints".into(),
        "Authority Information Access" => "authorityInfoAccess".into(),
        "X509v3 Certificate Policies" => "certificatePolicies".into(),
        oid => oid.to_string(),
    }
}

#[test]
fn identity_fields_match_openssl() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        let ctx = |field: &str| format!("{name}: {field}");
        assert_eq!(
            info.serial_number.replace(':', ""),
            openssl.value("serial=").unwrap(),
            "{}",
            ctx("serial")
        );
        // openssl's bare hex, read back as text, is the serial certkit-x509 reports.
        assert_eq!(
            certkit_x509::serial_from_text(&openssl.value("serial=").unwrap()).as_ref(),
            Some(&info.serial_number),
            "{}",
            ctx("serial from text")
        );
        assert_eq!(
            info.subject,
            openssl.value("subject=").unwrap(),
            "{}",
            ctx("subject")
        );
        assert_eq!(
            info.issuer,
            openssl.value("issuer=").unwrap(),
            "{}",
            ctx("issuer")
        );
        assert_eq!(
            format!("{} (0x{})", info.version, info.version - 1),
            openssl.value("Version:").unwrap(),
            "{}",
            ctx("version")
        );
        assert_eq!(
            info.fingerprints.sha256,
            openssl.value("sha256 Fingerprint=").unwrap(),
            "{}",
            ctx("sha256")
        );
        assert_eq!(
            info.fingerprints.sha1,
            openssl.value("sha1 Fingerprint=").unwrap(),
            "{}",
            ctx("sha1")
        );
        assert_eq!(
            info.signature_algorithm,
            openssl.value("Signature Algorithm:").unwrap(),
            "{}",
            ctx("signature algorithm")
        );
    }
}

#[test]
fn attribute_lists_match_openssl_oneline_names() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        for (field, attributes) in [
            ("Subject:", &info.subject_attributes),
            ("Issuer:", &info.issuer_attributes),
        ] {
            let expected: Vec<(String, String)> = openssl
                .value(field)
                .unwrap()
                .split(", ")
                .map(|pair| {
                    let (k, v) = pair.split_once(" = ").unwrap();
                    (k.to_string(), v.to_string())
                })
                .collect();
            let actual: Vec<(String, String)> = attributes
                .iter()
                .map(|a| (a.kind.clone(), a.value.clone()))
                .collect();
            assert_eq!(actual, expected, "{name}: {field}");
        }
    }
}

#[test]
fn validity_and_days_remaining_match_openssl_dates() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        let (not_before, before_unix) = openssl_date(&openssl.value("Not Before:").unwrap());
        let (not_after, after_unix) = openssl_date(&openssl.value("Not After :").unwrap());
        assert_eq!(info.not_before, not_before, "{name}");
        assert_eq!(info.not_after, not_after, "{name}");
        assert_eq!(
            info.days_remaining,
            (after_unix - NOW).div_euclid(86_400),
            "{name}"
        );
        assert_eq!(info.expired, NOW > after_unix, "{name}");
        assert_eq!(info.not_yet_valid, NOW < before_unix, "{name}");
    }
    // The fixture made with fixed past dates is expired, with negative days remaining.
    let expired = inspect("expired");
    assert!(expired.expired);
    assert!(expired.days_remaining < 0);
}

#[test]
fn public_keys_match_openssl() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        let algorithm = openssl.value("Public Key Algorithm:").unwrap();
        match algorithm.as_str() {
            "rsaEncryption" => {
                assert_eq!(info.public_key.algorithm, KeyAlgorithm::Rsa, "{name}");
                let bits = openssl.value("Public-Key: (").unwrap();
                assert_eq!(
                    format!("{} bit)", info.public_key.bits.unwrap()),
                    bits,
                    "{name}"
                );
                let exponent = openssl.value("Exponent:").unwrap();
                assert_eq!(
                    exponent.split_whitespace().next().unwrap(),
                    info.public_key.exponent.unwrap().to_string()
                );
            }
            "id-ecPublicKey" => {
                assert_eq!(info.public_key.algorithm, KeyAlgorithm::Ec, "{name}");
                let curve = match openssl.value("NIST CURVE:").unwrap().as_str() {
                    "P-256" => Curve::P256,
                    "P-384" => Curve::P384,
                    "P-521" => Curve::P521,
                    other => panic!("{other}"),
                };
                assert_eq!(info.public_key.curve, Some(curve), "{name}");
                let bits = openssl.value("Public-Key: (").unwrap();
                assert_eq!(format!("{} bit)", info.public_key.bits.unwrap()), bits);
            }
            "ED25519" => assert_eq!(info.public_key.algorithm, KeyAlgorithm::Ed25519),
            other => panic!("{name}: fixture algorithm {other} not covered"),
        }
    }
}

#[test]
fn subject_alt_names_match_openssl() {
    let mut kinds_seen = BTreeMap::new();
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        let expected: Vec<(AltNameKind, String)> = openssl
            .next_line("X509v3 Subject Alternative Name:")
            .map(|line| {
                line.split(", ")
                    .map(|entry| {
                        let (kind, value) = entry.split_once(':').unwrap();
                        let kind = match kind {
                            "DNS" => AltNameKind::Dns,
                            "IP Address" => AltNameKind::Ip,
                            "email" => AltNameKind::Email,
                            "URI" => AltNameKind::Uri,
                            other => panic!("{other}"),
                        };
                        (kind, value.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(info.subject_alt_names.len(), expected.len(), "{name}");
        for (actual, (kind, value)) in info.subject_alt_names.iter().zip(&expected) {
            assert_eq!(actual.kind, *kind, "{name}");
            if *kind == AltNameKind::Ip {
                // OpenSSL prints IPv6 uncompressed; compare the addresses, not the spelling.
                let ours: IpAddr = actual.value.parse().unwrap();
                let theirs: IpAddr = value.parse().unwrap();
                assert_eq!(ours, theirs, "{name}");
            } else {
                assert_eq!(&actual.value, value, "{name}");
            }
            *kinds_seen.entry(format!("{kind:?}")).or_insert(0) += 1;
        }
    }
    // Every kind the issue names is covered by some fixture, IPv4 and IPv6 both.
    for kind in ["Dns", "Ip", "Email", "Uri"] {
        assert!(kinds_seen.contains_key(kind), "no fixture has a {kind} SAN");
    }
    let full = inspect("leaf-rsa2048");
    let ips: Vec<IpAddr> = full
        .subject_alt_names
        .iter()
        .filter(|s| s.kind == AltNameKind::Ip)
        .map(|s| s.value.parse().unwrap())
        .collect();
    assert!(ips.iter().any(IpAddr::is_ipv4) && ips.iter().any(IpAddr::is_ipv6));
}

#[test]
fn constraints_and_usages_match_openssl() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        let basic = openssl.next_line("X509v3 Basic Constraints:");
        match basic {
            Some(line) => {
                assert_eq!(info.is_ca, line.starts_with("CA:TRUE"), "{name}");
                let pathlen = line
                    .split(", ")
                    .find_map(|p| p.strip_prefix("pathlen:"))
                    .map(|p| p.parse::<u8>().unwrap());
                assert_eq!(info.path_length, pathlen, "{name}");
            }
            None => assert!(!info.is_ca),
        }
        let key_usage: Vec<String> = openssl
            .next_line("X509v3 Key Usage:")
            .map(|l| {
                l.split(", ")
                    .map(|u| key_usage_from_openssl(u).to_string())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(info.key_usage, key_usage, "{name}");
        let eku: Vec<String> = openssl
            .next_line("X509v3 Extended Key Usage:")
            .map(|l| l.split(", ").map(eku_from_openssl).collect())
            .unwrap_or_default();
        assert_eq!(info.extended_key_usage, eku, "{name}");
    }
}

#[test]
fn key_identifiers_and_urls_match_openssl() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        assert_eq!(
            info.subject_key_id,
            openssl.next_line("X509v3 Subject Key Identifier:"),
            "{name}"
        );
        assert_eq!(
            info.authority_key_id,
            openssl
                .next_line("X509v3 Authority Key Identifier:")
                .map(|l| l.trim_start_matches("keyid:").to_string()),
            "{name}"
        );
        let crl: Vec<String> = openssl
            .block("X509v3 CRL Distribution Points:")
            .iter()
            .filter_map(|l| l.strip_prefix("URI:").map(str::to_string))
            .collect();
        assert_eq!(info.crl_distribution_points, crl, "{name}");
        let aia = openssl.block("Authority Information Access:");
        let ocsp: Vec<String> = aia
            .iter()
            .filter_map(|l| l.strip_prefix("OCSP - URI:").map(str::to_string))
            .collect();
        let issuers: Vec<String> = aia
            .iter()
            .filter_map(|l| l.strip_prefix("CA Issuers - URI:").map(str::to_string))
            .collect();
        assert_eq!(info.ocsp_urls, ocsp, "{name}");
        assert_eq!(info.ca_issuers_urls, issuers, "{name}");
        let policies: Vec<String> = openssl
            .block("X509v3 Certificate Policies:")
            .iter()
            .filter_map(|l| l.strip_prefix("Policy: ").map(str::to_string))
            .collect();
        assert_eq!(info.policies, policies, "{name}");
    }
    // The full leaf exercises all of them.
    let full = inspect("leaf-rsa2048");
    assert!(!full.crl_distribution_points.is_empty());
    assert!(!full.ocsp_urls.is_empty() && !full.ca_issuers_urls.is_empty());
    assert!(!full.policies.is_empty());
}

#[test]
fn every_extension_is_listed_with_its_critical_flag() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        let expected: Vec<(String, bool)> = openssl
            .extensions()
            .into_iter()
            .map(|(n, critical)| (extension_from_openssl(&n), critical))
            .collect();
        let actual: Vec<(String, bool)> = info
            .extensions
            .iter()
            .map(|e| (e.name.clone().unwrap_or_else(|| e.oid.clone()), e.critical))
            .collect();
        assert_eq!(actual, expected, "{name}");
    }
    // The unknown private extensions are kept by OID, one of them critical.
    let full = inspect("leaf-rsa2048");
    let unknown: Vec<_> = full
        .extensions
        .iter()
        .filter(|e| e.name.is_none())
        .collect();
    assert_eq!(unknown.len(), 2);
    assert!(unknown
        .iter()
        .any(|e| e.oid == "1.3.6.1.4.1.55555.42.1" && e.critical && e.value_hex.is_some()));
}

#[test]
fn self_signed_only_for_roots() {
    for name in CERTIFICATES {
        let info = inspect(name);
        let openssl = OpensslText::load(name);
        let same_name = openssl.value("subject=") == openssl.value("issuer=");
        assert_eq!(info.self_signed, same_name, "{name}");
    }
}

#[test]
fn json_shape_is_the_inspect_pem_contract() {
    let inspection = certkit_x509::inspect_pem(fixture("leaf-rsa2048.pem"), NOW).unwrap();
    let json = serde_json::to_value(&inspection).unwrap();
    let item = &json["items"][0];
    assert_eq!(item["kind"], "certificate");
    for field in [
        "subject",
        "issuer",
        "serialNumber",
        "notBefore",
        "notAfter",
        "daysRemaining",
        "subjectAltNames",
        "publicKey",
        "signatureAlgorithm",
        "fingerprints",
        "isCa",
        "selfSigned",
        "extensions",
        "keyUsage",
        "extendedKeyUsage",
        "subjectKeyId",
        "authorityKeyId",
        "crlDistributionPoints",
        "ocspUrls",
        "caIssuersUrls",
        "policies",
        "pem",
    ] {
        assert!(item.get(field).is_some(), "missing {field}");
    }
    assert_eq!(item["publicKey"]["algorithm"], "RSA");
    assert_eq!(item["subjectAltNames"][2]["type"], "ip");
    assert!(item["fingerprints"]["sha256"]
        .as_str()
        .unwrap()
        .contains(':'));
    assert!(
        item.get("pathLength").is_none(),
        "absent options are omitted"
    );
    assert_eq!(json["repairs"], serde_json::json!([]));

    let ec = certkit_x509::inspect_pem(fixture("leaf-p521.pem"), NOW).unwrap();
    let ec = serde_json::to_value(&ec).unwrap();
    assert_eq!(ec["items"][0]["publicKey"]["curve"], "P-521");
    assert_eq!(ec["items"][0]["publicKey"]["algorithm"], "EC");
}

#[test]
fn certificate_pem_round_trips_to_the_openssl_file() {
    for name in CERTIFICATES {
        let info = inspect(name);
        assert_eq!(
            info.pem.as_bytes(),
            fixture(&format!("{name}.pem")).as_slice(),
            "{name}"
        );
    }
}

#[test]
fn csr_and_crl_match_openssl() {
    let text = String::from_utf8(fixture("request.csr.openssl.txt")).unwrap();
    let inspection = certkit_x509::inspect_pem(fixture("request.csr.pem"), NOW).unwrap();
    let certkit_x509::Item::CertificateRequest(csr) = &inspection.items[0] else {
        panic!("not a CSR: {:?}", inspection.items[0]);
    };
    let subject = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Subject: "))
        .unwrap();
    assert_eq!(csr.subject, subject);
    assert_eq!(csr.signature, certkit_x509::SignatureStatus::Valid);
    let sans = text
        .lines()
        .skip_while(|l| !l.contains("X509v3 Subject Alternative Name"))
        .nth(1)
        .unwrap()
        .trim();
    let ours: Vec<String> = csr
        .subject_alt_names
        .iter()
        .map(|s| match s.kind {
            AltNameKind::Dns => format!("DNS:{}", s.value),
            AltNameKind::Ip => format!("IP Address:{}", s.value),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(ours.join(", "), sans);

    let text = String::from_utf8(fixture("int.crl.openssl.txt")).unwrap();
    let inspection = certkit_x509::inspect_pem(fixture("int.crl.pem"), NOW).unwrap();
    let certkit_x509::Item::Crl(crl) = &inspection.items[0] else {
        panic!("not a CRL");
    };
    let issuer = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Issuer: "))
        .unwrap();
    assert_eq!(crl.issuer, issuer);
    let last_update = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Last Update: "))
        .unwrap();
    assert_eq!(crl.this_update, openssl_date(last_update).0);
    let revoked_serial = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Serial Number: "))
        .unwrap();
    assert_eq!(crl.revoked.len(), 1);
    assert_eq!(
        crl.revoked[0].serial_number.replace(':', ""),
        revoked_serial
    );
    assert_eq!(
        certkit_x509::serial_from_text(revoked_serial).as_ref(),
        Some(&crl.revoked[0].serial_number)
    );
    assert_eq!(crl.revoked[0].reason.as_deref(), Some("keyCompromise"));
    let number = text
        .lines()
        .skip_while(|l| !l.contains("X509v3 CRL Number"))
        .nth(1)
        .unwrap()
        .trim();
    assert_eq!(crl.crl_number.as_deref(), Some(number));
}
