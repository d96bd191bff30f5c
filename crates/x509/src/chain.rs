//! Chains: putting a bundle in order (leaf first), finding missing links, and validating the
//! path as RFC 5280 and `openssl verify` do (see [`verify`] and [`ChainProblemKind`]).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::Serialize;

use der::Decode;
use x509_cert::certificate::Version;

use crate::certificate::{
    self, basic_constraints, check_signature, could_issue, is_self_signed, key_usage,
    BasicConstraints, Cert, KEY_CERT_SIGN,
};
use crate::der_value::from_der_value;
use crate::error::{Error, ErrorKind};
use crate::general_name::{GeneralName, NameConstraints};
use crate::label::Label;
use crate::name_constraints::{self, Names};
use crate::signature::{self, Answer, Asker, Outcome, SignatureStatus, VerdictSource};
use crate::text::{
    days_between, extension_name, oid_text, rfc3339, rfc4514, serial_hex, signature_algorithm_name,
    unix_seconds,
};

/// A certificate's place in an ordered chain.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainEntry {
    /// Its 0-based position among the input certificates.
    pub position: usize,
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Whether it is a self-signed (root) certificate: self-issued, and its own key verifies
    /// its signature (or it uses an algorithm this crate cannot verify). Stricter than
    /// [`crate::CertificateInfo::self_signed`], which does not check the signature.
    pub self_signed: bool,
    /// Whether basic constraints say CA.
    pub is_ca: bool,
    /// The certificate's DER (not serialised).
    #[serde(skip)]
    pub der: Vec<u8>,
}

/// An issuer the input does not contain.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingIssuer {
    /// The missing certificate's subject (the issuer name of `neededBy`), RFC 4514.
    pub issuer: String,
    /// Subject of the certificate whose issuer is missing.
    pub needed_by: String,
    /// Index (in the ordered list) of that certificate.
    pub after: usize,
    /// `true` when the gap is at the top of the chain (the root, or more, was not supplied);
    /// `false` when certificates above the gap were supplied (a link in the middle is missing).
    pub at_top: bool,
}

/// A bundle in chain order: `certificates[0]` is the leaf and each next one issued the
/// previous, except across a [`MissingIssuer`] gap.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderedChain {
    /// The chain, leaf first.
    pub certificates: Vec<ChainEntry>,
    /// Issuers that are not in the input.
    pub missing: Vec<MissingIssuer>,
    /// Input certificates that are not part of the leaf's chain (other leaves, duplicates).
    pub extra: Vec<ChainEntry>,
    /// The chain reaches a self-signed root with no gap.
    pub complete: bool,
}

struct Parsed {
    cert: Cert,
    der: Vec<u8>,
    self_signed: bool,
    /// Subject and issuer names match (and key identifiers agree): RFC 5280's self-issued.
    self_issued: bool,
    is_ca: bool,
    extensions: Extensions,
    names: Names,
    not_before: i64,
    not_after: i64,
}

/// What path validation reads from a certificate's extensions.
#[derive(Default)]
struct Extensions {
    basic_constraints: Option<BasicConstraints>,
    /// keyUsage bits ([`certificate::key_usage`]).
    key_usage: Option<u16>,
    name_constraints: Option<NameConstraints>,
    alt_names: Vec<GeneralName>,
    /// The first extension that does not decode, or that appears twice.
    malformed: Option<&'static str>,
    /// Critical extensions this crate does not process (name, or dotted OID).
    unhandled_critical: Vec<String>,
}

/// Extensions that may be critical: this crate processes them, or (certificatePolicies,
/// cRLDistributionPoints, extendedKeyUsage) they do not bear on a chain's validity for
/// `openssl verify` either, which knows the same set (`X509_supported_extension`).
const HANDLED_WHEN_CRITICAL: &[&str] = &[
    "basicConstraints",
    "keyUsage",
    "subjectAltName",
    "nameConstraints",
    "extendedKeyUsage",
    "certificatePolicies",
    "cRLDistributionPoints",
];

fn read_extensions(cert: &Cert) -> Extensions {
    /// The value read, or `None` with the extension noted as the first malformed one.
    fn decoded<T>(
        read: der::Result<T>,
        name: &'static str,
        malformed: &mut Option<&'static str>,
    ) -> Option<T> {
        let decoded = read.ok();
        if decoded.is_none() && malformed.is_none() {
            *malformed = Some(name);
        }
        decoded
    }
    let mut ext = Extensions::default();
    let mut seen = Vec::new();
    for extension in cert.tbs_certificate().extensions().into_iter().flatten() {
        let name = extension_name(&extension.extn_id);
        if seen.contains(&&extension.extn_id) && ext.malformed.is_none() {
            ext.malformed = Some(name.unwrap_or("repeated"));
        }
        seen.push(&extension.extn_id);
        let value = extension.extn_value.as_bytes();
        match name {
            Some("basicConstraints") => {
                ext.basic_constraints = decoded(
                    basic_constraints(value),
                    "basicConstraints",
                    &mut ext.malformed,
                );
            }
            Some("keyUsage") => {
                ext.key_usage = decoded(key_usage(value), "keyUsage", &mut ext.malformed);
            }
            Some("nameConstraints") => {
                ext.name_constraints =
                    decoded(from_der_value(value), "nameConstraints", &mut ext.malformed);
            }
            Some("subjectAltName") => {
                if let Some(names) = decoded(
                    from_der_value::<Vec<GeneralName>>(value),
                    "subjectAltName",
                    &mut ext.malformed,
                ) {
                    ext.alt_names = names;
                }
            }
            Some(name @ ("subjectKeyIdentifier" | "authorityKeyIdentifier"))
                if der::Any::from_der(value).is_err() && ext.malformed.is_none() =>
            {
                ext.malformed = Some(name);
            }
            _ => {}
        }
        if extension.critical && !name.is_some_and(|n| HANDLED_WHEN_CRITICAL.contains(&n)) {
            ext.unhandled_critical
                .push(name.map_or_else(|| oid_text(&extension.extn_id), String::from));
        }
    }
    ext
}

fn parse_all<B: AsRef<[u8]>>(certs: &[B], answer: Answer<'_>) -> Result<Vec<Parsed>, Error> {
    if certs.is_empty() {
        return Err(Error::new(ErrorKind::NoCertificate));
    }
    certs
        .iter()
        .enumerate()
        .map(|(i, der)| {
            let der = der.as_ref();
            let cert =
                certificate::parse(der).map_err(|e| e.at_block(i + 1, Label::Certificate))?;
            let extensions = read_extensions(&cert);
            let tbs = &cert.tbs_certificate();
            Ok(Parsed {
                self_signed: is_self_signed(&cert, der, answer),
                self_issued: could_issue(&cert, &cert),
                is_ca: extensions
                    .basic_constraints
                    .as_ref()
                    .is_some_and(|bc| bc.ca),
                names: Names::new(tbs.subject(), &extensions.alt_names),
                not_before: unix_seconds(tbs.validity().not_before),
                not_after: unix_seconds(tbs.validity().not_after),
                extensions,
                der: der.to_vec(),
                cert,
            })
        })
        .collect()
}

fn entry(position: usize, parsed: &Parsed) -> ChainEntry {
    ChainEntry {
        position,
        subject: rfc4514(parsed.cert.tbs_certificate().subject()),
        issuer: rfc4514(parsed.cert.tbs_certificate().issuer()),
        self_signed: parsed.self_signed,
        is_ca: parsed.is_ca,
        der: parsed.der.clone(),
    }
}

/// Input indices in chain order, the gaps, and the unused indices.
struct Order {
    path: Vec<usize>,
    missing: Vec<MissingIssuer>,
    extra: Vec<usize>,
}

fn issues(all: &[Parsed], issuer: usize, subject: usize) -> bool {
    match (all.get(issuer), all.get(subject)) {
        (Some(i), Some(s)) => issuer != subject && could_issue(&i.cert, &s.cert),
        _ => false,
    }
}

/// The leaf, then each certificate's issuer as `openssl verify` picks it among the candidates
/// (same name, agreeing key identifiers, a key of the signature's type): a self-signed one
/// first (openssl's trust anchors), then the first in input order that is valid at `now`,
/// else the one that expires last. Signatures do not steer the choice, so a chain is never
/// accepted through an issuer OpenSSL would not have taken.
fn compute_order(all: &[Parsed], now: Option<i64>) -> Order {
    let n = all.len();
    let issues_another = |i: usize| (0..n).any(|j| issues(all, i, j));
    // The leaf issues no other certificate; prefer an end-entity one, then input order.
    let leaf = (0..n)
        .filter(|&i| !issues_another(i))
        .min_by_key(|&i| (all.get(i).is_some_and(|p| p.is_ca), i))
        .unwrap_or(0);
    let mut used = alloc::vec![false; n];
    let mut path = Vec::new();
    let mut missing = Vec::new();
    let mut current = leaf;
    loop {
        if let Some(flag) = used.get_mut(current) {
            *flag = true;
        }
        path.push(current);
        let Some(parsed) = all.get(current) else {
            break;
        };
        if parsed.self_signed {
            break;
        }
        let candidates: Vec<usize> = (0..n)
            .filter(|&j| !used.get(j).copied().unwrap_or(true) && issues(all, j, current))
            .collect();
        let valid = |j: &usize| {
            all.get(*j)
                .is_some_and(|p| now.is_none_or(|t| p.not_before <= t && t <= p.not_after))
        };
        let self_signed = |j: &usize| all.get(*j).is_some_and(|p| p.self_signed);
        let latest = |group: &[usize]| {
            group
                .iter()
                .copied()
                .max_by_key(|&j| (all.get(j).map(|p| p.not_after), core::cmp::Reverse(j)))
        };
        let pick = |group: Vec<usize>| group.iter().copied().find(valid).or_else(|| latest(&group));
        let (anchors, others): (Vec<usize>, Vec<usize>) =
            candidates.into_iter().partition(self_signed);
        let next = pick(anchors).or_else(|| pick(others));
        if let Some(next) = next {
            current = next;
            continue;
        }
        // A gap: continue with the lowest remaining CA (one that issues no other remaining one).
        let remaining_ca =
            |j: usize| !used.get(j).copied().unwrap_or(true) && all.get(j).is_some_and(|p| p.is_ca);
        let resume = (0..n)
            .filter(|&j| remaining_ca(j))
            .find(|&j| !(0..n).any(|k| remaining_ca(k) && issues(all, j, k)));
        missing.push(MissingIssuer {
            issuer: rfc4514(parsed.cert.tbs_certificate().issuer()),
            needed_by: rfc4514(parsed.cert.tbs_certificate().subject()),
            after: path.len() - 1,
            at_top: resume.is_none(),
        });
        match resume {
            Some(j) => current = j,
            None => break,
        }
    }
    let extra = (0..n)
        .filter(|&i| !used.get(i).copied().unwrap_or(true))
        .collect();
    Order {
        path,
        missing,
        extra,
    }
}

/// Puts DER certificates in chain order, leaf first.
///
/// # Errors
/// No certificates, or one that does not decode (numbered by its input position, from 1).
#[cfg(feature = "rustcrypto")]
pub fn order<B: AsRef<[u8]>>(certs: &[B]) -> Result<OrderedChain, Error> {
    let all = parse_all(certs, &signature::rustcrypto_answer)?;
    Ok(ordered(&all, &compute_order(&all, None)))
}

/// [`order`] with signature verdicts from `verdict` (WebCrypto, say). Ordering checks only
/// the self-signatures of self-issued certificates (to find the roots), so one round of
/// verdicts settles it: [`Outcome::NeedVerdicts`] lists them all on the first call.
///
/// # Errors
/// As [`order`].
pub fn order_with<B: AsRef<[u8]>>(
    certs: &[B],
    verdict: VerdictSource<'_>,
) -> Result<Outcome<OrderedChain>, Error> {
    let asker = Asker::new(verdict);
    let all = parse_all(certs, &|check| asker.answer(check))?;
    let chain = ordered(&all, &compute_order(&all, None));
    Ok(asker.outcome(chain))
}

fn ordered(all: &[Parsed], order: &Order) -> OrderedChain {
    let pick = |i: &usize| all.get(*i).map(|p| entry(*i, p));
    let certificates: Vec<ChainEntry> = order.path.iter().filter_map(pick).collect();
    let complete = order.missing.is_empty() && certificates.last().is_some_and(|c| c.self_signed);
    OrderedChain {
        certificates,
        missing: order.missing.clone(),
        extra: order.extra.iter().filter_map(pick).collect(),
        complete,
    }
}

/// One certificate of a verified chain and the check of the link to its issuer.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainLink {
    /// Its 0-based position among the input certificates.
    pub position: usize,
    /// Subject, RFC 4514.
    pub subject: String,
    /// Issuer, RFC 4514.
    pub issuer: String,
    /// Serial number, colon hex.
    pub serial_number: String,
    /// Start of validity, RFC 3339.
    pub not_before: String,
    /// End of validity, RFC 3339.
    pub not_after: String,
    /// Whole days from the given time until `notAfter`.
    pub days_remaining: i64,
    /// `notBefore <= now <= notAfter`.
    pub valid_at_now: bool,
    /// Whether basic constraints say CA.
    pub is_ca: bool,
    /// Whether it is self-signed, as [`ChainEntry::self_signed`] says (signature checked).
    pub self_signed: bool,
    /// The signature algorithm, openssl's name or dotted OID.
    pub signature_algorithm: String,
    /// The outcome of checking its signature with the next certificate's key (its own for a
    /// self-signed root).
    pub signature: SignatureStatus,
    /// `true`/`false` when the signature was checked; absent when it could not be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_valid: Option<bool>,
    /// For a CA certificate: it expires before the leaf does.
    pub ca_expires_before_leaf: bool,
}

/// The verdict on a chain: each link, what is missing, and whether it all holds.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    /// The chain, leaf first, with each link's checks.
    pub links: Vec<ChainLink>,
    /// Issuers that are not in the input.
    pub missing: Vec<MissingIssuer>,
    /// Input certificates that are not part of the leaf's chain.
    pub extra: Vec<ChainEntry>,
    /// The chain reaches a self-signed root with no gap.
    pub complete: bool,
    /// The self-signed root's subject, when the chain ends in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    /// The chain holds from the leaf up to a self-signed root of the input, taken as the trust
    /// anchor: no problem other than a warning (see [`ChainProblemKind`]). What `openssl
    /// verify` says given the input's self-signed certificates as `-CAfile`: a chain that stops
    /// at an intermediate is not ok (openssl: unable to get local issuer certificate), and
    /// nothing this crate cannot check (an algorithm, a form of name constraint) is passed.
    pub ok: bool,
    /// What is wrong, one sentence each, for people (the `message` of each problem detail).
    pub problems: Vec<String>,
    /// The same problems, in the same order, for programs: the rule broken and the
    /// certificate it is about.
    pub problem_details: Vec<ChainProblem>,
}

/// One broken rule (or warning) of a chain, about one certificate.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainProblem {
    /// The rule; serialised as its [`code`](ChainProblemKind::code).
    #[serde(rename = "code")]
    pub kind: ChainProblemKind,
    /// The certificate it is about: its 1-based number in the chain (the leaf is 1), as in
    /// [`ChainReport::links`]. For a missing issuer, the certificate whose issuer is missing.
    pub certificate: usize,
    /// That certificate's subject, RFC 4514.
    pub subject: String,
    /// The other certificate involved, by number: the one an issuer signed, or the CA whose
    /// name constraints were broken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_certificate: Option<usize>,
    /// The value at fault: a date (RFC 3339), an algorithm, an extension, a name, the
    /// path length limit, the missing issuer's name, the unchecked form of name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The problem as an English sentence.
    pub message: String,
}

/// The rules of RFC 5280 path validation that a chain can break, with the `openssl verify`
/// error each corresponds to (the differential test maps them).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ChainProblemKind {
    /// The certificate's notAfter is before the time given (openssl 10).
    Expired,
    /// The certificate's notBefore is after the time given (openssl 9).
    NotYetValid,
    /// The signature does not verify with the issuer's key (openssl 7).
    SignatureInvalid,
    /// The signature algorithm or the issuer's key is not one this crate verifies (e.g.
    /// Ed25519, RSA-PSS), so the link is not verified.
    UnsupportedAlgorithm,
    /// An issuer's basicConstraints does not say CA:true (openssl 24, 79).
    IssuerNotCa,
    /// An issuer has keyUsage without keyCertSign (openssl 32).
    IssuerWithoutKeyCertSign,
    /// More CA certificates follow a CA than its pathLenConstraint allows (openssl 25).
    PathLenExceeded,
    /// A critical extension this crate does not process (openssl 34).
    UnhandledCriticalExtension,
    /// An extension that does not decode, or appears twice (openssl 41).
    MalformedExtension,
    /// A name outside a CA's permitted subtrees, or inside its excluded ones (openssl 47, 48).
    NameConstraintsViolation,
    /// A CA's name constraints use a form this crate does not check (directory name, URI,
    /// ...), so the chain is not verified.
    NameConstraintsNotChecked,
    /// A certificate's issuer is not in the input, but certificates above it are (openssl 20).
    IssuerMissing,
    /// The chain stops below a self-signed root: the top certificate's issuer is not in the
    /// input, so nothing anchors the chain (openssl 20 or 2).
    RootMissing,
    /// Warning: a CA certificate expires before the leaf does (the chain itself holds).
    CaExpiresBeforeLeaf,
}

impl ChainProblemKind {
    /// Every kind, for translation tables and their tests.
    pub const ALL: &'static [ChainProblemKind] = &[
        ChainProblemKind::Expired,
        ChainProblemKind::NotYetValid,
        ChainProblemKind::SignatureInvalid,
        ChainProblemKind::UnsupportedAlgorithm,
        ChainProblemKind::IssuerNotCa,
        ChainProblemKind::IssuerWithoutKeyCertSign,
        ChainProblemKind::PathLenExceeded,
        ChainProblemKind::UnhandledCriticalExtension,
        ChainProblemKind::MalformedExtension,
        ChainProblemKind::NameConstraintsViolation,
        ChainProblemKind::NameConstraintsNotChecked,
        ChainProblemKind::IssuerMissing,
        ChainProblemKind::RootMissing,
        ChainProblemKind::CaExpiresBeforeLeaf,
    ];

    /// A stable camelCase code for programs (`"pathLenExceeded"`, ...), as serialised.
    pub const fn code(&self) -> &'static str {
        match self {
            ChainProblemKind::Expired => "expired",
            ChainProblemKind::NotYetValid => "notYetValid",
            ChainProblemKind::SignatureInvalid => "signatureInvalid",
            ChainProblemKind::UnsupportedAlgorithm => "unsupportedAlgorithm",
            ChainProblemKind::IssuerNotCa => "issuerNotCa",
            ChainProblemKind::IssuerWithoutKeyCertSign => "issuerWithoutKeyCertSign",
            ChainProblemKind::PathLenExceeded => "pathLenExceeded",
            ChainProblemKind::UnhandledCriticalExtension => "unhandledCriticalExtension",
            ChainProblemKind::MalformedExtension => "malformedExtension",
            ChainProblemKind::NameConstraintsViolation => "nameConstraintsViolation",
            ChainProblemKind::NameConstraintsNotChecked => "nameConstraintsNotChecked",
            ChainProblemKind::IssuerMissing => "issuerMissing",
            ChainProblemKind::RootMissing => "rootMissing",
            ChainProblemKind::CaExpiresBeforeLeaf => "caExpiresBeforeLeaf",
        }
    }

    /// A warning leaves the chain `ok`; every other kind makes it not ok.
    pub const fn is_warning(&self) -> bool {
        matches!(self, ChainProblemKind::CaExpiresBeforeLeaf)
    }
}

/// Collects the problems of one chain, writing each message once.
struct Problems<'a> {
    all: &'a [Parsed],
    path: &'a [usize],
    list: Vec<ChainProblem>,
}

impl Problems<'_> {
    fn subject(&self, k: usize) -> String {
        self.path
            .get(k)
            .and_then(|&i| self.all.get(i))
            .map(|p| rfc4514(p.cert.tbs_certificate().subject()))
            .unwrap_or_default()
    }

    /// A problem about path position `k` (0 = leaf).
    fn push(
        &mut self,
        kind: ChainProblemKind,
        k: usize,
        other: Option<usize>,
        detail: Option<String>,
    ) {
        let n = k + 1;
        let subject = self.subject(k);
        let this = format!("certificate {n} ({subject})");
        let other_text = other
            .map(|o| format!("certificate {} ({})", o + 1, self.subject(o)))
            .unwrap_or_default();
        let d = detail.as_deref().unwrap_or("");
        use ChainProblemKind as K;
        let message = match kind {
            K::Expired => format!("{this} expired on {d}"),
            K::NotYetValid => format!("{this} is not valid before {d}"),
            K::SignatureInvalid => {
                format!("the signature on {this} does not verify with its issuer's key")
            }
            K::UnsupportedAlgorithm => format!(
                "the signature on {this} uses {d}, which is not verified here, so the chain is not verified"
            ),
            K::IssuerNotCa => format!(
                "{this} signed {other_text} but is not a CA: its basicConstraints does not say CA:true, so it must not issue certificates"
            ),
            K::IssuerWithoutKeyCertSign => format!(
                "{this} signed {other_text} but its keyUsage does not include keyCertSign, so it must not sign certificates"
            ),
            K::PathLenExceeded => format!(
                "{this} allows {d} CA certificate(s) below it (pathLenConstraint), but more follow it in the chain"
            ),
            K::UnhandledCriticalExtension => format!(
                "{this} has a critical extension, {d}, that is not processed here, so the certificate must be refused"
            ),
            K::MalformedExtension => {
                format!("{this} has a malformed or repeated extension ({d})")
            }
            K::NameConstraintsViolation => format!(
                "{this} has the name {d}, which the name constraints of {other_text} do not allow"
            ),
            K::NameConstraintsNotChecked => format!(
                "{this} has name constraints on {d} names, which are not checked here, so the chain is not verified"
            ),
            K::IssuerMissing => format!(
                "a link is missing: the issuer of {this}, {d}, is not included, but certificates above it are"
            ),
            K::RootMissing => format!(
                "the issuer of {this}, {d}, is not included: add it (up to the root CA) to verify the chain"
            ),
            K::CaExpiresBeforeLeaf => {
                format!("CA {this} expires on {d}, before the leaf does")
            }
        };
        self.list.push(ChainProblem {
            kind,
            certificate: n,
            subject,
            other_certificate: other.map(|o| o + 1),
            detail,
            message,
        });
    }
}

/// Orders DER certificates and validates the path at time `now` (Unix seconds): for every
/// link the signature, the issuer's basicConstraints (CA), keyUsage (keyCertSign, when
/// present) and pathLenConstraint; for every certificate the validity at `now`, critical
/// extensions, and the name constraints of the CAs above it (DNS, e-mail and IP forms; other
/// forms are reported as not checked). The top must be a self-signed root of the input.
///
/// # Errors
/// No certificates, or one that does not decode.
#[cfg(feature = "rustcrypto")]
pub fn verify<B: AsRef<[u8]>>(certs: &[B], now: i64) -> Result<ChainReport, Error> {
    let answer = &signature::rustcrypto_answer;
    verify_parsed(&parse_all(certs, answer)?, now, answer)
}

/// [`verify`] with signature verdicts from `verdict` (WebCrypto, say).
///
/// Which links are checked depends on the order, and the order on which self-issued
/// certificates verify; so the first call asks for every signature any order could need
/// (each certificate by each one that could have issued it, itself included), and one round
/// of verdicts always settles it: a second call with a verdict for every check listed is
/// [`Outcome::Done`]. A few more checks than the final chain uses may be asked for (a
/// cross-signed or duplicate issuer).
///
/// # Errors
/// As [`verify`].
pub fn verify_with<B: AsRef<[u8]>>(
    certs: &[B],
    now: i64,
    verdict: VerdictSource<'_>,
) -> Result<Outcome<ChainReport>, Error> {
    let asker = Asker::new(verdict);
    let answer = &|check: &signature::SignatureCheck| asker.answer(check);
    let all = parse_all(certs, answer)?;
    for (i, issuer) in all.iter().enumerate() {
        for (j, subject) in all.iter().enumerate() {
            if issues(&all, i, j) {
                check_signature(&issuer.cert, &subject.cert, &subject.der, answer);
            }
        }
    }
    let report = verify_parsed(&all, now, answer)?;
    Ok(asker.outcome(report))
}

fn verify_parsed(all: &[Parsed], now: i64, answer: Answer<'_>) -> Result<ChainReport, Error> {
    let order = compute_order(all, Some(now));
    let chain = ordered(all, &order);
    let path: Vec<&Parsed> = order.path.iter().filter_map(|&i| all.get(i)).collect();
    let leaf_not_after = path.first().map(|p| p.not_after);
    let mut problems = Problems {
        all,
        path: &order.path,
        list: Vec::new(),
    };
    let mut links = Vec::new();
    for (k, (&i, parsed)) in order.path.iter().zip(&path).enumerate() {
        let tbs = &parsed.cert.tbs_certificate();
        let gap_after = order.missing.iter().find(|m| m.after == k);
        let top = k + 1 == path.len();
        let signer = match gap_after {
            Some(_) => None,
            None if parsed.self_signed && top => Some(*parsed),
            None => path.get(k + 1).copied(),
        };
        let signature = match signer {
            Some(signer) => check_signature(&signer.cert, &parsed.cert, &parsed.der, answer),
            None => SignatureStatus::IssuerMissing,
        };
        let link = ChainLink {
            position: i,
            subject: rfc4514(tbs.subject()),
            issuer: rfc4514(tbs.issuer()),
            serial_number: serial_hex(tbs.serial_number().as_bytes()),
            not_before: rfc3339(tbs.validity().not_before.to_unix_duration().as_secs())?,
            not_after: rfc3339(tbs.validity().not_after.to_unix_duration().as_secs())?,
            days_remaining: days_between(now, parsed.not_after),
            valid_at_now: parsed.not_before <= now && now <= parsed.not_after,
            is_ca: parsed.is_ca,
            self_signed: parsed.self_signed,
            signature_algorithm: signature_algorithm_name(&parsed.cert.signature_algorithm().oid),
            signature,
            signature_valid: match signature {
                SignatureStatus::Valid => Some(true),
                SignatureStatus::Invalid => Some(false),
                _ => None,
            },
            ca_expires_before_leaf: k > 0
                && leaf_not_after.is_some_and(|leaf| parsed.not_after < leaf),
        };
        check_certificate(&mut problems, &path, k, &link, now);
        if let Some(gap) = gap_after {
            let kind = if gap.at_top {
                ChainProblemKind::RootMissing
            } else {
                ChainProblemKind::IssuerMissing
            };
            problems.push(kind, k, None, Some(gap.issuer.clone()));
        }
        if link.ca_expires_before_leaf {
            let date = link.not_after.clone();
            problems.push(ChainProblemKind::CaExpiresBeforeLeaf, k, None, Some(date));
        }
        links.push(link);
    }
    let problem_details = problems.list;
    let ok = problem_details.iter().all(|p| p.kind.is_warning());
    let root = links
        .last()
        .filter(|l| l.self_signed && chain.complete)
        .map(|l| l.subject.clone());
    Ok(ChainReport {
        links,
        missing: chain.missing,
        extra: chain.extra,
        complete: chain.complete,
        root,
        ok,
        problems: problem_details.iter().map(|p| p.message.clone()).collect(),
        problem_details,
    })
}

/// The rules about path position `k`: its own validity, extensions and signature; as the
/// issuer of position `k - 1`, CA, keyCertSign and pathLenConstraint; the name constraints
/// of the CAs above it.
fn check_certificate(
    problems: &mut Problems<'_>,
    path: &[&Parsed],
    k: usize,
    link: &ChainLink,
    now: i64,
) {
    use ChainProblemKind as K;
    let Some(parsed) = path.get(k) else { return };
    let ext = &parsed.extensions;
    if let Some(name) = ext.malformed {
        problems.push(K::MalformedExtension, k, None, Some(name.into()));
    }
    for name in &ext.unhandled_critical {
        problems.push(K::UnhandledCriticalExtension, k, None, Some(name.clone()));
    }
    if now > parsed.not_after {
        problems.push(K::Expired, k, None, Some(link.not_after.clone()));
    } else if now < parsed.not_before {
        problems.push(K::NotYetValid, k, None, Some(link.not_before.clone()));
    }
    match link.signature {
        SignatureStatus::Invalid => problems.push(K::SignatureInvalid, k, None, None),
        SignatureStatus::Unsupported => {
            let algorithm = link.signature_algorithm.clone();
            problems.push(K::UnsupportedAlgorithm, k, None, Some(algorithm));
        }
        _ => {}
    }
    // As an issuer (RFC 5280 6.1.4 (k), (l), (n)): the link below must be a real link.
    let issued_below = k > 0
        && path.get(k - 1).is_some_and(|below| {
            could_issue(&parsed.cert, &below.cert) && !core::ptr::eq(*below, *parsed)
        });
    if issued_below {
        // A v1/v2 certificate cannot say it is a CA; only a self-signed root is let off.
        let legacy_root = parsed.self_signed && tbs_version(parsed) != Version::V3;
        if !parsed.is_ca && !legacy_root {
            problems.push(K::IssuerNotCa, k, Some(k - 1), None);
        }
        if ext
            .key_usage
            .is_some_and(|usage| usage & KEY_CERT_SIGN == 0)
        {
            problems.push(K::IssuerWithoutKeyCertSign, k, Some(k - 1), None);
        }
    }
    // pathLenConstraint counts the CA certificates below it, leaf excluded, self-issued ones
    // not counted.
    if let Some(limit) = ext.basic_constraints.as_ref().and_then(|bc| bc.path_length) {
        let below = path
            .get(1..k)
            .map_or(0, |cas| cas.iter().filter(|p| !p.self_issued).count());
        if k > 1 && below > usize::from(limit) {
            problems.push(K::PathLenExceeded, k, None, Some(limit.to_string()));
        }
    }
    // Name constraints of every CA above (self-issued CAs below the leaf are exempt).
    if k > 0 && parsed.self_issued {
        return;
    }
    for (j, ca) in path.iter().enumerate().skip(k + 1) {
        let Some(constraints) = &ca.extensions.name_constraints else {
            continue;
        };
        let below = path.get(..j).unwrap_or(&[]).iter().map(|p| &p.names);
        if let Some(form) = name_constraints::unchecked_form(constraints, below) {
            // Said once, on the CA, when looking at the leaf.
            if k == 0 {
                problems.push(K::NameConstraintsNotChecked, j, None, Some(form.into()));
            }
            continue;
        }
        if let Some(name) = name_constraints::first_violation(constraints, &parsed.names, k == 0) {
            problems.push(K::NameConstraintsViolation, k, Some(j), Some(name));
        }
    }
}

fn tbs_version(parsed: &Parsed) -> Version {
    parsed.cert.tbs_certificate().version()
}
