//! Generated valid operations, all 24 kinds of `OperationKind::ALL`, with the invariants that
//! tie validation, the wire path and the signature together:
//!
//! - `validate()` is empty for input that follows the documented rules, and then
//!   `Request::build` succeeds, for every site and for a base URL;
//! - the URL's path and query are exactly the signed `path_and_query`, and the signature is
//!   HMAC-SHA256 over `{method} {path_and_query}\n{timestamp}\n{access key}`;
//! - the path and query hold only characters that URL parsers (reqwest's `url`, Node's and
//!   Chromium's `fetch`) send as they are, so what is signed is what arrives;
//! - the gateway's reading of that path (`OperationKind::route`, `query_pairs`) gives back the
//!   operation and the values of the input, once decoded.
//!
//! A second property breaks one field of a valid input with arbitrary text and checks the
//! implication both ways: build succeeds exactly when `validate()` is empty, and refuses with
//! exactly those problems otherwise.
//!
//! The default case count keeps `cargo test` quick; run with PROPTEST_CASES=10000 for depth.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::operation::{Operation, OperationKind};
use certkit_core::request::{query_pairs, BuildError};
use certkit_core::signing::{sign, string_to_sign, Credentials, HEADER_SIGNATURE_V2};
use certkit_core::validation::check_field;
use certkit_core::{Request, Site, Target};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

/// Printable ASCII, the raw material of caTags.
const CA_TAG: &str = "[!-~]{1,40}";

/// Whether validation lets `tag` into a path as a caTag (the form's check of the field).
fn is_valid_ca_tag(tag: &str) -> bool {
    check_field(OperationKind::GetCa, "caTag", tag).is_empty()
}

/// A caTag of the characters validation lets into a path, whichever they are: what
/// validation accepts is what the wire invariants below are checked against.
fn ca_tag() -> impl Strategy<Value = String> {
    CA_TAG
        .prop_map(|t| {
            t.chars()
                .filter(|c| is_valid_ca_tag(&format!("a{c}")))
                .collect::<String>()
        })
        .prop_filter("a valid tag", |t| is_valid_ca_tag(t))
}

fn serial_no() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){0,19}"
}

/// A certificate number as JS or a form passes it: a JSON number or a decimal string.
fn certificate_no() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u64>().prop_map(|n| json!(n % 10_000_000_000_000)),
        "[0-9]{1,19}".prop_map(Value::String),
    ]
}

fn page() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1u32..).prop_map(|n| json!(n)),
        (1u32..).prop_map(|n| json!(n.to_string())),
    ]
}

fn label() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]([a-zA-Z0-9-]{0,20}[a-zA-Z0-9])?"
}

/// An FQDN, apex or `*.` wildcard domain (at least two labels, last one not all digits).
fn domain() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(label(), 1..4),
        "[a-z]{2,10}",
    )
        .prop_map(|(wildcard, labels, tld)| {
            let name = format!("{}.{tld}", labels.join("."));
            if wildcard {
                format!("*.{name}")
            } else {
                name
            }
        })
}

/// Free text that is not blank: any Unicode, with `/`, `+`, `'`, `&`, `=`, `?`, `#`, `%` and
/// spaces likely, since these go into query values.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![r"\PC{1,40}", r"[a-z/+'&=?#% ]{1,20}"]
        .prop_filter("not blank", |t| !t.trim().is_empty())
}

fn pem(label: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Za-z0-9+/]{1,64}", 1..5).prop_map(move |lines| {
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            lines.join("\n")
        )
    })
}

fn period() -> impl Strategy<Value = Value> {
    prop_oneof![
        (1u32..=3650).prop_map(|n| json!(n)),
        (1u32..=3650).prop_map(|n| json!(n.to_string())),
        Just(json!("MAX")),
    ]
}

fn key_type() -> impl Strategy<Value = Value> {
    select(vec!["RSA2048", "RSA4096", "EC256", "EC521"]).prop_map(|k| json!(k))
}

fn ip() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(|a| std::net::Ipv4Addr::from(a).to_string()),
        any::<[u8; 16]>().prop_map(|a| std::net::Ipv6Addr::from(a).to_string()),
    ]
}

fn alt_name() -> impl Strategy<Value = String> {
    prop_oneof![
        // A single-label host name; all digits would read as a number, not a name.
        label().prop_filter("not all digits", |l| !l.bytes().all(|b| b.is_ascii_digit())),
        domain(),
        // A dot-atom local part (RFC 5322), a domain without wildcard.
        (prop::collection::vec("[a-z0-9+_-]{1,8}", 1..4), domain()).prop_map(|(atoms, d)| format!(
            "{}@{}",
            atoms.join("."),
            d.trim_start_matches("*.")
        )),
    ]
}

/// An assigned ISO 3166-1 alpha-2 code: what validation accepts as a country.
fn country() -> impl Strategy<Value = String> {
    "[A-Z]{2}".prop_filter("an assigned code", |c| {
        check_field(OperationKind::IssueEndCert, "x509Parameters.country", c).is_empty()
    })
}

/// `x509Parameters`; `street` only where the operation documents it (Issue End Cert).
fn x509(street: bool) -> impl Strategy<Value = Value> {
    (
        r"\PC{1,64}",
        prop::option::of(prop::collection::vec(alt_name(), 1..4)),
        prop::option::of(r"\PC{1,64}"),
        prop::option::of(r"\PC{1,128}"),
        prop::option::of(r"\PC{1,128}"),
        prop::option::of(country()),
        prop::option::of(prop::collection::vec(ip(), 1..4)),
        prop::option::of(r"\PC{1,128}"),
    )
        .prop_map(move |(cn, alt, o, ou, l, country, ips, street_address)| {
            let mut x = Map::new();
            x.insert("commonName".into(), json!(cn));
            let mut put = |name: &str, value: Option<String>| {
                if let Some(value) = value {
                    x.insert(name.into(), json!(value));
                }
            };
            put("altName", alt.map(|a| a.join(",")));
            put("organization", o);
            put("organizationUnit", ou.clone());
            put("locality", l);
            put("stateProvince", ou);
            put("country", country);
            put("ip", ips.map(|i| i.join(",")));
            if street {
                put("streetAddress", street_address);
            }
            Value::Object(x)
        })
}

fn issuance() -> impl Strategy<Value = Value> {
    (
        text(),
        domain(),
        prop::collection::vec(domain(), 0..4),
        select(vec!["D", "E"]),
    )
        .prop_map(|(name, cn, dns, method)| {
            json!({"certificateName": name, "commonName": cn, "dnsName": dns, "validationMethod": method})
        })
}

/// A valid input of `kind`, as JSON with the vendor's names (what npm and the CLI pass).
fn valid_input(kind: OperationKind) -> BoxedStrategy<Value> {
    use OperationKind as K;
    let tag_only = || ca_tag().prop_map(|t| json!({"caTag": t})).boxed();
    match kind {
        K::GetCaList => prop::option::of(page())
            .prop_map(|p| p.map_or(json!({}), |p| json!({"pageNo": p})))
            .boxed(),
        K::GetCa | K::GetSubCsr | K::GetCaChain | K::GetCaCrl | K::DeleteCa => tag_only(),
        K::CreateCa => (
            select(vec!["PRIVATE_ROOT", "PRIVATE_SUB"]),
            prop::option::of(ca_tag()),
            "[A-Za-z][A-Za-z0-9_-]{2,14}",
            prop::option::of(text()),
            key_type(),
            period(),
            x509(false),
        )
            .prop_map(|(ca_type, issuer, alias, memo, key, period, x)| {
                let mut input = json!({"caType": ca_type, "alias": alias, "keyType": key,
                    "period": period, "x509Parameters": x});
                if let Some(issuer) = issuer {
                    input["issuerTag"] = json!(issuer);
                }
                if let Some(memo) = memo {
                    input["memo"] = json!(memo);
                }
                input
            })
            .boxed(),
        K::SignSubCsr => (ca_tag(), period(), pem("CERTIFICATE REQUEST"))
            .prop_map(|(t, p, csr)| json!({"caTag": t, "period": p, "csrPem": csr}))
            .boxed(),
        K::ActivateSubCa => (ca_tag(), pem("CERTIFICATE"), pem("CERTIFICATE"))
            .prop_map(|(t, cert, chain)| json!({"caTag": t, "certPem": cert, "caChainPem": chain}))
            .boxed(),
        K::IssueEndCert => (
            ca_tag(),
            prop::option::of(key_type()),
            prop::option::of(period()),
            x509(true),
        )
            .prop_map(|(t, key, period, x)| {
                let mut input = json!({"caTag": t, "x509Parameters": x});
                if let Some(key) = key {
                    input["keyType"] = key;
                }
                if let Some(period) = period {
                    input["period"] = period;
                }
                input
            })
            .boxed(),
        K::SignEndCsr => (ca_tag(), pem("CERTIFICATE REQUEST"))
            .prop_map(|(t, csr)| json!({"caTag": t, "csrPem": csr}))
            .boxed(),
        K::GetEndCertList => (ca_tag(), prop::option::of(page()))
            .prop_map(|(t, p)| match p {
                Some(p) => json!({"caTag": t, "pageNo": p}),
                None => json!({"caTag": t}),
            })
            .boxed(),
        K::GetEndCert | K::RevokeEndCert => (ca_tag(), serial_no())
            .prop_map(|(t, s)| json!({"caTag": t, "serialNo": s}))
            .boxed(),
        K::UpdateCa => (ca_tag(), select(vec!["ACTIVE", "DEACTIVATED", "DESTROYING"]))
            .prop_map(|(t, s)| json!({"caTag": t, "status": s}))
            .boxed(),
        K::RequestCertificateIssuance => issuance().boxed(),
        K::ListCloudCertificates => (
            prop::option::of(page()),
            prop::option::of(page()),
            prop::option::of(text()),
        )
            .prop_map(|(page, size, name)| {
                let mut input = Map::new();
                for (field, value) in [
                    ("page", page),
                    ("pageSize", size),
                    ("certificateName", name.map(Value::String)),
                ] {
                    if let Some(value) = value {
                        input.insert(field.into(), value);
                    }
                }
                Value::Object(input)
            })
            .boxed(),
        K::ListCertificates => Just(json!({})).boxed(),
        K::ListDcvStatuses => (certificate_no(), domain())
            .prop_map(|(no, d)| json!({"certificateNo": no, "domainAddress": d}))
            .boxed(),
        K::DeleteCertificate => (certificate_no(), text())
            .prop_map(|(no, name)| json!({"certificateNo": no, "certificateName": name}))
            .boxed(),
        K::ReissueCertificate => (certificate_no(), pem("CERTIFICATE REQUEST"), issuance())
            .prop_map(|(no, csr, mut input)| {
                input["certificateNo"] = no;
                input["csr"] = json!(csr);
                input
            })
            .boxed(),
        K::DownloadCertificate => (certificate_no(), any::<bool>())
            .prop_map(|(no, typed)| match typed {
                true => json!({"certificateNo": no, "type": "PEM"}),
                false => json!({"certificateNo": no}),
            })
            .boxed(),
        K::GetCertificateChain => certificate_no()
            .prop_map(|no| json!({"certificateNo": no}))
            .boxed(),
        K::RevokeCertificate => (
            text(),
            certificate_no(),
            select(certkit_core::certificate_manager::REVOKE_TYPES.to_vec()),
        )
            .prop_map(|(order, no, revoke)| {
                json!({"orderId": order, "certificateNo": no, "revokeType": revoke})
            })
            .boxed(),
    }
}

fn any_valid_operation() -> impl Strategy<Value = (OperationKind, Value)> {
    select(OperationKind::ALL.to_vec()).prop_flat_map(|kind| (Just(kind), valid_input(kind)))
}

/// A JSON scalar as the string an input field holds.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

/// The path bytes that WHATWG URL parsers (reqwest's `url` crate, Node's `URL`) and
/// Chromium's leave as they are: RFC 3986 `pchar` without `%` (paths carry no escapes), plus
/// `/` between segments and the brackets that all three keep.
fn is_kept_in_a_path(c: char) -> bool {
    is_unreserved(c) || "!$&'()*+,;=:@/[]".contains(c)
}

const ACCESS_KEY: &str = "AKIAEXAMPLE0NCP00001";
const SECRET_KEY: &str = "sEcReT/Example+Key=0123456789abcdefABCDEF";

/// Builds `op` for `target` and checks the URL, the signature, the wire characters, and the
/// gateway's reading of the path against `input`.
fn check_request(
    kind: OperationKind,
    input: &Value,
    op: &Operation,
    target: &Target,
    base: &str,
    timestamp: u64,
) -> Result<(), TestCaseError> {
    let credentials = Credentials::new(ACCESS_KEY, SECRET_KEY);
    let request = Request::build(op, target, &credentials, timestamp);
    prop_assert!(request.is_ok(), "{kind} {input}: {:?}", request.err());
    let request = request.unwrap();
    let pq = request.path_and_query.as_str();
    prop_assert_eq!(pq, op.path_and_query());

    // The URL is the base and exactly the signed path and query.
    let url_path = request.url.strip_prefix(base);
    prop_assert_eq!(url_path, Some(pq), "url {}", request.url);

    // Signed over "{method} {path_and_query}\n{timestamp}\n{access key}".
    let sts = string_to_sign(&request.method, pq, timestamp, ACCESS_KEY);
    let head = format!("{} {pq}\n", request.method);
    prop_assert!(sts.starts_with(&head), "{sts:?}");
    let expected = sign(
        SECRET_KEY,
        &format!("{} {pq}\n{timestamp}\n{ACCESS_KEY}", op.method()),
    );
    let signature = request
        .headers
        .iter()
        .find(|(n, _)| n == HEADER_SIGNATURE_V2)
        .map(|(_, v)| v.clone());
    prop_assert_eq!(signature, Some(expected));

    // What is signed is what a client sends: nothing a URL parser would re-encode.
    let (path, query) = pq.split_once('?').unwrap_or((pq, ""));
    prop_assert!(path.starts_with("/api/v"), "{pq}");
    prop_assert!(path.chars().all(is_kept_in_a_path), "{kind}: {path:?}");
    let query_ok = query.split('&').all(|pair| {
        let bytes = pair.as_bytes();
        pair.chars()
            .all(|c| is_unreserved(c) || c == '%' || c == '=')
            && pair.matches('=').count() <= 1
            && bytes.iter().enumerate().all(|(i, b)| {
                *b != b'%'
                    || bytes.get(i + 1..i + 3).is_some_and(|h| {
                        h.iter()
                            .all(|d| d.is_ascii_digit() || (b'A'..=b'F').contains(d))
                    })
            })
    });
    prop_assert!(query_ok, "{kind}: query {query:?}");

    // The gateway's reading gives back the operation and the input's values.
    let routed = OperationKind::route(op.method(), path);
    prop_assert!(routed.is_some(), "{kind}: {path} does not route");
    let (routed_kind, params) = routed.unwrap();
    prop_assert_eq!(routed_kind, kind);
    for (name, value) in params {
        prop_assert_eq!(Some(value), input.get(name).map(as_text), "{}", name);
    }
    for (name, value) in query_pairs(pq) {
        // An empty string counts as absent (the lenient reading of JS input).
        let given = input.get(&name).map(as_text).filter(|v| !v.is_empty());
        let expected = match (kind, name.as_str(), given) {
            // Get CA List always sends pageNo, 1 when not given (P1).
            (OperationKind::GetCaList, "pageNo", None) => Some("1".to_string()),
            (_, _, given) => given,
        };
        prop_assert_eq!(Some(value), expected, "query {}", name);
    }
    Ok(())
}

proptest! {
    /// Valid input of every kind validates clean, builds for every site and for a base URL,
    /// and goes on the wire exactly as signed.
    #[test]
    fn valid_operations_build_into_the_path_they_sign(
        (kind, input) in any_valid_operation(),
        timestamp in 1_600_000_000_000u64..4_000_000_000_000,
    ) {
        let op = Operation::from_json(kind, &input.to_string());
        prop_assert!(op.is_ok(), "{kind} {input}: {:?}", op.err());
        let op = op.unwrap();
        prop_assert_eq!(op.kind(), kind);
        let problems = op.validate();
        prop_assert!(problems.is_empty(), "{kind} {input}: {problems:?}");
        for site in Site::ALL {
            let target = Target::Site(site);
            let Ok(base) = certkit_core::site::base_url_for(site, kind.service(), kind.api_version()) else {
                // The site does not offer it: build says so, and nothing else.
                let refused = Request::build(&op, &target, &Credentials::new(ACCESS_KEY, SECRET_KEY), timestamp);
                prop_assert!(matches!(refused, Err(BuildError::NotOffered(_))), "{refused:?}");
                continue;
            };
            check_request(kind, &input, &op, &target, base, timestamp)?;
        }
        let base = "http://127.0.0.1:8080/sandbox";
        check_request(kind, &input, &op, &Target::BaseUrl(base.into()), base, timestamp)?;
    }

    /// One field of a valid input replaced by arbitrary text: `Request::build` succeeds exactly
    /// when `validate()` is empty (then with the same wire invariants), and otherwise refuses
    /// with exactly the problems `validate()` names.
    #[test]
    fn build_succeeds_exactly_when_validate_is_empty(
        (kind, mut input) in any_valid_operation(),
        field in any::<prop::sample::Index>(),
        value in prop_oneof![any::<String>(), r"[ -~]{0,12}", CA_TAG, "[0-9:a-f]{0,8}"],
    ) {
        let fields: Vec<String> = input.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        prop_assume!(!fields.is_empty());
        let name = fields[field.index(fields.len())].clone();
        if input[&name].is_object() {
            input[&name]["commonName"] = json!(value);
        } else {
            input[&name] = json!(value);
        }
        let Ok(op) = Operation::from_json(kind, &input.to_string()) else {
            return Ok(());
        };
        let problems = op.validate();
        let base = "https://sandbox.test";
        let built = Request::build(&op, &Target::BaseUrl(base.into()), &Credentials::new(ACCESS_KEY, SECRET_KEY), 1_723_101_003_000);
        if problems.is_empty() {
            check_request(kind, &input, &op, &Target::BaseUrl(base.into()), base, 1_723_101_003_000)?;
        } else {
            prop_assert_eq!(built.err(), Some(BuildError::Invalid(problems)));
        }
    }
}
