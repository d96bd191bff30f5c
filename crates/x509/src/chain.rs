//! Chains: putting a bundle in order (leaf first), finding missing links, verifying each
//! link's signature and each certificate's validity.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use crate::certificate::{self, check_signature, could_issue, is_self_signed, Cert};
use crate::error::{Error, ErrorKind};
use crate::pem::Label;
use crate::signature::SignatureStatus;
use crate::text::{
    colon_hex, days_between, rfc3339, rfc4514, signature_algorithm_name, strip_sign_byte,
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
    /// Whether it is a self-signed (root) certificate.
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
    is_ca: bool,
}

fn is_ca(cert: &Cert) -> bool {
    use der::Decode;
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| crate::text::extension_name(&e.extn_id) == Some("basicConstraints"))
        .and_then(|e| {
            x509_cert::ext::pkix::BasicConstraints::from_der(e.extn_value.as_bytes()).ok()
        })
        .is_some_and(|bc| bc.ca)
}

fn parse_all<B: AsRef<[u8]>>(certs: &[B]) -> Result<Vec<Parsed>, Error> {
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
            Ok(Parsed {
                self_signed: is_self_signed(&cert, der),
                is_ca: is_ca(&cert),
                der: der.to_vec(),
                cert,
            })
        })
        .collect()
}

fn entry(position: usize, parsed: &Parsed) -> ChainEntry {
    ChainEntry {
        position,
        subject: rfc4514(&parsed.cert.tbs_certificate.subject),
        issuer: rfc4514(&parsed.cert.tbs_certificate.issuer),
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

fn compute_order(all: &[Parsed]) -> Order {
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
        // Of several candidates (re-issued or cross-signed CAs), take one whose signature checks.
        let next = candidates
            .iter()
            .copied()
            .find(|&j| {
                all.get(j).is_some_and(|issuer| {
                    check_signature(&issuer.cert, &parsed.cert, &parsed.der)
                        == SignatureStatus::Valid
                })
            })
            .or_else(|| candidates.first().copied());
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
            issuer: rfc4514(&parsed.cert.tbs_certificate.issuer),
            needed_by: rfc4514(&parsed.cert.tbs_certificate.subject),
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
pub fn order<B: AsRef<[u8]>>(certs: &[B]) -> Result<OrderedChain, Error> {
    let all = parse_all(certs)?;
    Ok(ordered(&all, &compute_order(&all)))
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
    /// Whether it is self-signed.
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
    /// Every signature present verifies, every certificate is valid at the given time, every
    /// certificate that verifies a lower link is a CA (basicConstraints CA:true; v1 roots
    /// excepted), and no link is missing between supplied certificates. (A chain without its root can be ok;
    /// `complete` says whether the root was supplied.)
    pub ok: bool,
    /// What is wrong, one sentence each, for people.
    pub problems: Vec<String>,
}

/// Orders DER certificates and verifies each link at time `now` (Unix seconds).
///
/// # Errors
/// No certificates, or one that does not decode.
pub fn verify<B: AsRef<[u8]>>(certs: &[B], now: i64) -> Result<ChainReport, Error> {
    let all = parse_all(certs)?;
    let order = compute_order(&all);
    let chain = ordered(&all, &order);
    let leaf_not_after = order
        .path
        .first()
        .and_then(|&i| all.get(i))
        .map(|p| unix_seconds(p.cert.tbs_certificate.validity.not_after));
    let mut links = Vec::new();
    let mut problems = Vec::new();
    let mut non_ca_issuer = false;
    for (k, &i) in order.path.iter().enumerate() {
        let Some(parsed) = all.get(i) else { continue };
        let tbs = &parsed.cert.tbs_certificate;
        let gap_after = order.missing.iter().any(|m| m.after == k);
        let signer = if gap_after {
            None
        } else if parsed.self_signed && k + 1 == order.path.len() {
            Some(parsed)
        } else {
            order.path.get(k + 1).and_then(|&j| all.get(j))
        };
        let signature = match signer {
            Some(signer) => check_signature(&signer.cert, &parsed.cert, &parsed.der),
            None => SignatureStatus::IssuerMissing,
        };
        // A certificate that verifies a lower link must be a CA (RFC 5280 6.1.4 (k)); a v1/v2
        // certificate has no extensions, so it cannot say either way (legacy roots).
        let issuer_not_ca = signer.filter(|s| !core::ptr::eq(*s, parsed)).filter(|s| {
            !s.is_ca && s.cert.tbs_certificate.version == x509_cert::certificate::Version::V3
        });
        let not_before = unix_seconds(tbs.validity.not_before);
        let not_after = unix_seconds(tbs.validity.not_after);
        let subject = rfc4514(&tbs.subject);
        let link = ChainLink {
            position: i,
            subject: subject.clone(),
            issuer: rfc4514(&tbs.issuer),
            serial_number: colon_hex(strip_sign_byte(tbs.serial_number.as_bytes())),
            not_before: rfc3339(tbs.validity.not_before.to_unix_duration().as_secs())?,
            not_after: rfc3339(tbs.validity.not_after.to_unix_duration().as_secs())?,
            days_remaining: days_between(now, not_after),
            valid_at_now: not_before <= now && now <= not_after,
            is_ca: parsed.is_ca,
            self_signed: parsed.self_signed,
            signature_algorithm: signature_algorithm_name(&parsed.cert.signature_algorithm.oid),
            signature,
            signature_valid: match signature {
                SignatureStatus::Valid => Some(true),
                SignatureStatus::Invalid => Some(false),
                _ => None,
            },
            ca_expires_before_leaf: k > 0 && leaf_not_after.is_some_and(|leaf| not_after < leaf),
        };
        let n = k + 1;
        if now > not_after {
            problems.push(format!(
                "certificate {n} ({subject}) expired on {}",
                link.not_after
            ));
        } else if now < not_before {
            problems.push(format!(
                "certificate {n} ({subject}) is not valid before {}",
                link.not_before
            ));
        }
        match signature {
            SignatureStatus::Invalid => problems.push(format!(
                "the signature on certificate {n} ({subject}) does not verify with its issuer's key"
            )),
            SignatureStatus::Unsupported => problems.push(format!(
                "the signature on certificate {n} ({subject}) uses {}, which is not verified here",
                link.signature_algorithm
            )),
            _ => {}
        }
        if let Some(issuer) = issuer_not_ca {
            non_ca_issuer = true;
            problems.push(format!(
                "certificate {} ({}) signed certificate {n} ({subject}) but is not a CA: its basicConstraints does not say CA:true, so it must not issue certificates",
                n + 1,
                rfc4514(&issuer.cert.tbs_certificate.subject)
            ));
        }
        if link.ca_expires_before_leaf {
            problems.push(format!(
                "CA certificate {n} ({subject}) expires on {}, before the leaf does",
                link.not_after
            ));
        }
        links.push(link);
    }
    for gap in &order.missing {
        problems.push(if gap.at_top {
            format!("the issuer of {} ({}) is not included", gap.needed_by, gap.issuer)
        } else {
            format!(
                "a link is missing: the issuer of {} ({}) is not included, but certificates above it are",
                gap.needed_by, gap.issuer
            )
        });
    }
    let ok = links.iter().all(|l| {
        l.valid_at_now
            && matches!(
                l.signature,
                SignatureStatus::Valid | SignatureStatus::IssuerMissing
            )
    }) && order.missing.iter().all(|m| m.at_top)
        && !non_ca_issuer;
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
        problems,
    })
}
