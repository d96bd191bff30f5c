//! Public and private keys: what they are, whether a key matches a certificate, and PKCS#8.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use der::asn1::{AnyRef, ObjectIdentifier, OctetString, OctetStringRef, UintRef};
use der::referenced::OwnedToRef;
use der::Encode;
use serde::Serialize;
use spki::{AlgorithmIdentifierOwned, AlgorithmIdentifierRef, SubjectPublicKeyInfoOwned};

use crate::der_value::from_der_value;
use crate::error::{Error, ErrorKind};
use crate::label::Label;
use crate::pem::Block;
use crate::text::{colon_hex, oid_text};

pub(crate) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const RSASSA_PSS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const P256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const SECP256K1_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");

/// A key's algorithm. Serialises as `"RSA"`, `"EC"`, `"Ed25519"`, ..., or the dotted OID.
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(
        type = "\"RSA\" | \"RSA-PSS\" | \"EC\" | \"Ed25519\" | \"Ed448\" | \"X25519\" | \"X448\" | \"DSA\" | (string & {})"
    )
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA (`rsaEncryption`).
    #[serde(rename = "RSA")]
    Rsa,
    /// RSA restricted to PSS signatures (`id-RSASSA-PSS`).
    #[serde(rename = "RSA-PSS")]
    RsaPss,
    /// Elliptic curve (`id-ecPublicKey`); the curve is given beside it.
    #[serde(rename = "EC")]
    Ec,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// X25519.
    X25519,
    /// X448.
    X448,
    /// DSA.
    #[serde(rename = "DSA")]
    Dsa,
    /// Anything else, by dotted OID.
    #[serde(untagged)]
    Other(String),
}

/// The key algorithms by OID. (A table, not a `match` on the OIDs: each arm of that compared
/// a whole 40-byte `ObjectIdentifier` in place, some 2 kB of wasm for these few.)
const KEY_ALGORITHMS: [(ObjectIdentifier, KeyAlgorithm); 8] = [
    (RSA_ENCRYPTION, KeyAlgorithm::Rsa),
    (RSASSA_PSS, KeyAlgorithm::RsaPss),
    (EC_PUBLIC_KEY, KeyAlgorithm::Ec),
    (ED25519, KeyAlgorithm::Ed25519),
    (ED448, KeyAlgorithm::Ed448),
    (X25519, KeyAlgorithm::X25519),
    (X448, KeyAlgorithm::X448),
    (DSA, KeyAlgorithm::Dsa),
];

impl KeyAlgorithm {
    fn from_oid(oid: &ObjectIdentifier) -> Self {
        KEY_ALGORITHMS
            .iter()
            .find(|(id, _)| id == oid)
            .map_or_else(|| KeyAlgorithm::Other(oid_text(oid)), |(_, a)| a.clone())
    }
}

/// A named elliptic curve. Serialises as `"P-256"`, `"P-384"`, `"P-521"`, `"secp256k1"`, or
/// the dotted OID of another named curve.
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(type = "\"P-256\" | \"P-384\" | \"P-521\" | \"secp256k1\" | (string & {})")
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Curve {
    /// NIST P-256 (secp256r1, prime256v1).
    #[serde(rename = "P-256")]
    P256,
    /// NIST P-384 (secp384r1).
    #[serde(rename = "P-384")]
    P384,
    /// NIST P-521 (secp521r1).
    #[serde(rename = "P-521")]
    P521,
    /// secp256k1.
    #[serde(rename = "secp256k1")]
    Secp256k1,
    /// Another named curve, by dotted OID.
    #[serde(untagged)]
    Other(String),
}

/// The named curves by OID (a table, as [`KEY_ALGORITHMS`]).
const CURVES: [(ObjectIdentifier, Curve); 4] = [
    (P256_OID, Curve::P256),
    (P384_OID, Curve::P384),
    (P521_OID, Curve::P521),
    (SECP256K1_OID, Curve::Secp256k1),
];

impl Curve {
    fn from_oid(oid: &ObjectIdentifier) -> Self {
        CURVES
            .iter()
            .find(|(id, _)| id == oid)
            .map_or_else(|| Curve::Other(oid_text(oid)), |(_, c)| c.clone())
    }

    /// The size of the curve in bits, when known.
    pub fn bits(&self) -> Option<u32> {
        match self {
            Curve::P256 | Curve::Secp256k1 => Some(256),
            Curve::P384 => Some(384),
            Curve::P521 => Some(521),
            Curve::Other(_) => None,
        }
    }

    /// The size of the curve's field elements in bytes, for the curves this crate checks
    /// signatures and compares points on.
    pub(crate) fn field_bytes(&self) -> Option<usize> {
        match self {
            Curve::P256 => Some(32),
            Curve::P384 => Some(48),
            Curve::P521 => Some(66),
            _ => None,
        }
    }

    /// The curve's WebCrypto `namedCurve`, for the three curves WebCrypto has.
    pub fn webcrypto_name(&self) -> Option<&'static str> {
        match self {
            Curve::P256 => Some("P-256"),
            Curve::P384 => Some("P-384"),
            Curve::P521 => Some("P-521"),
            _ => None,
        }
    }

    fn oid(&self) -> Option<ObjectIdentifier> {
        match self {
            Curve::Other(dotted) => ObjectIdentifier::new(dotted).ok(),
            named => CURVES.iter().find(|(_, c)| c == named).map(|(id, _)| *id),
        }
    }
}

/// A public key: `{algorithm, bits?, exponent?, curve?}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyInfo {
    /// The key algorithm.
    pub algorithm: KeyAlgorithm,
    /// Modulus size for RSA, curve size for EC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bits: Option<u32>,
    /// The RSA public exponent (when it is at most 2^53 − 1, which a JS number holds exactly).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exponent: Option<u64>,
    /// The EC curve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<Curve>,
    /// SHA-256 of the DER SubjectPublicKeyInfo, upper-case colon hex (the key's identity, as
    /// used for pinning).
    pub spki_sha256: String,
}

/// The container format of a private key.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum KeyContainer {
    /// PKCS#1 `RSA PRIVATE KEY`.
    #[serde(rename = "PKCS#1")]
    Pkcs1,
    /// SEC1 `EC PRIVATE KEY`.
    #[serde(rename = "SEC1")]
    Sec1,
    /// PKCS#8 `PRIVATE KEY`.
    #[serde(rename = "PKCS#8")]
    Pkcs8,
    /// PKCS#8 `ENCRYPTED PRIVATE KEY`.
    #[serde(rename = "Encrypted PKCS#8")]
    EncryptedPkcs8,
}

/// What a private key is: `{algorithm?, bits?, curve?, container, encrypted, encryption?}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivateKeyInfo {
    /// The key algorithm; absent when the key is encrypted (it is inside the encryption).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<KeyAlgorithm>,
    /// Modulus size for RSA, curve size for EC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bits: Option<u32>,
    /// The EC curve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<Curve>,
    /// PKCS#1, SEC1, PKCS#8 or encrypted PKCS#8.
    pub container: KeyContainer,
    /// Whether the key is encrypted (encrypted PKCS#8, or legacy `Proc-Type: 4,ENCRYPTED`).
    pub encrypted: bool,
    /// The encryption scheme of an encrypted key (`"PBES2"`, a `DEK-Info` cipher, or an OID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<String>,
}

/// `EncryptedPrivateKeyInfo` (RFC 5958): read to recognise it (never decrypted), and written
/// around a ciphertext made elsewhere ([`encrypted_private_key_info`]).
#[derive(Clone, Debug, der::Sequence)]
pub(crate) struct EncryptedPrivateKeyInfo {
    pub encryption_algorithm: AlgorithmIdentifierOwned,
    pub encrypted_data: OctetString,
}

/// A public key reduced to what identifies it, for comparing a key with a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyMaterial {
    /// Modulus and exponent, without leading zero bytes.
    Rsa { n: Vec<u8>, e: Vec<u8> },
    /// The SEC1 point: uncompressed, unless it came compressed into a build without curve
    /// arithmetic (see [`sec1_point`]).
    Ec { curve: Curve, point: Vec<u8> },
    /// An Ed25519 public key.
    Ed25519(Vec<u8>),
}

impl KeyMaterial {
    /// Whether both are the same public key. EC points of different forms (one compressed, one
    /// not) compare by x and the parity of y, which is what the compressed form holds and, on
    /// the curve, fixes y; two points of the same form compare whole.
    pub(crate) fn same_key(&self, other: &Self) -> bool {
        match (self, other) {
            (
                KeyMaterial::Ec { curve, point },
                KeyMaterial::Ec {
                    curve: other_curve,
                    point: other_point,
                },
            ) if point.len() != other_point.len() => {
                curve == other_curve
                    && compressed_point(point)
                        .is_some_and(|p| compressed_point(other_point) == Some(p))
            }
            _ => self == other,
        }
    }
}

/// A well-formed SEC1 point in compressed form (`02`/`03` by the parity of y, then x), without
/// curve arithmetic: that form only drops y's bytes.
fn compressed_point(point: &[u8]) -> Option<Vec<u8>> {
    match point.split_first()? {
        (2 | 3, _) => Some(point.to_vec()),
        (4, coordinates) if coordinates.len() % 2 == 0 => {
            let (x, y) = coordinates.split_at(coordinates.len() / 2);
            let parity = y.last()? & 1;
            let mut compressed = alloc::vec![2 | parity];
            compressed.extend_from_slice(x);
            Some(compressed)
        }
        _ => None,
    }
}

fn trim_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(first..).unwrap_or_default()
}

fn bit_length(bytes: &[u8]) -> u32 {
    let bytes = trim_zeros(bytes);
    match bytes.first() {
        Some(first) => (bytes.len() as u32 - 1).saturating_mul(8) + (8 - first.leading_zeros()),
        None => 0,
    }
}

/// The exponent as a number, when a JavaScript number holds it exactly (at most 2^53 − 1):
/// answers reach JS as JSON, where a larger one would be silently rounded.
fn exponent_u64(bytes: &[u8]) -> Option<u64> {
    const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;
    let bytes = trim_zeros(bytes);
    if bytes.len() > 8 {
        return None;
    }
    Some(bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
        .filter(|&e| e <= MAX_SAFE_INTEGER)
}

/// The curve named by an algorithm identifier's parameters.
fn curve_of(parameters: Option<&der::Any>) -> Option<Curve> {
    parameters
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        .map(|oid| Curve::from_oid(&oid))
}

/// Describes a SubjectPublicKeyInfo.
pub(crate) fn public_key_info(spki: &SubjectPublicKeyInfoOwned) -> Result<PublicKeyInfo, Error> {
    let algorithm = KeyAlgorithm::from_oid(&spki.algorithm.oid);
    // Written through the borrowed type, the one SPKI encoder `canonical_spki` uses too.
    let spki_der = spki
        .owned_to_ref()
        .to_der()
        .map_err(|e| Error::der(e, "subjectPublicKeyInfo"))?;
    let mut info = PublicKeyInfo {
        algorithm,
        bits: None,
        exponent: None,
        curve: None,
        spki_sha256: colon_hex(&crate::digest::sha256(&spki_der)),
    };
    match info.algorithm {
        KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss => {
            let key = from_der_value::<pkcs1::RsaPublicKey<UintRef<'_>>>(
                spki.subject_public_key.raw_bytes(),
            )
            .map_err(|e| Error::der(e, "RSA public key"))?;
            info.bits = Some(bit_length(key.modulus.as_bytes()));
            info.exponent = exponent_u64(key.public_exponent.as_bytes());
        }
        KeyAlgorithm::Ec => {
            info.curve = curve_of(spki.algorithm.parameters.as_ref());
            info.bits = info.curve.as_ref().and_then(Curve::bits);
        }
        _ => {}
    }
    Ok(info)
}

/// The identifying material of a certificate's (or CSR's) public key.
pub(crate) fn spki_material(spki: &SubjectPublicKeyInfoOwned) -> Result<KeyMaterial, Error> {
    let bits = spki.subject_public_key.raw_bytes();
    match KeyAlgorithm::from_oid(&spki.algorithm.oid) {
        KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss => {
            let key = from_der_value::<pkcs1::RsaPublicKey<UintRef<'_>>>(bits)
                .map_err(|e| Error::der(e, "RSA public key"))?;
            Ok(KeyMaterial::Rsa {
                n: trim_zeros(key.modulus.as_bytes()).to_vec(),
                e: trim_zeros(key.public_exponent.as_bytes()).to_vec(),
            })
        }
        KeyAlgorithm::Ec => {
            let curve = curve_of(spki.algorithm.parameters.as_ref())
                .ok_or(Error::new(ErrorKind::MissingCurve))?;
            let point = sec1_point(&curve, bits)?;
            Ok(KeyMaterial::Ec { curve, point })
        }
        KeyAlgorithm::Ed25519 => Ok(KeyMaterial::Ed25519(bits.to_vec())),
        _ => Err(Error::new(ErrorKind::UnsupportedAlgorithm).in_field("public key")),
    }
}

/// The SubjectPublicKeyInfo DER of an RSA or EC key in the one form every verifier imports
/// (WebCrypto's `importKey("spki")` included): rsaEncryption with NULL parameters and the
/// PKCS#1 key, or id-ecPublicKey with the named curve and the uncompressed point. Rebuilt from
/// the material rather than copied, so an RSA-PSS-labelled key or a compressed point is
/// handed out as what the signature check actually uses. `None` for other keys.
pub(crate) fn canonical_spki(material: &KeyMaterial) -> Option<Vec<u8>> {
    let (algorithm, key) = match material {
        KeyMaterial::Rsa { n, e } => {
            let key = pkcs1::RsaPublicKey {
                modulus: der::asn1::UintRef::new(n).ok()?,
                public_exponent: der::asn1::UintRef::new(e).ok()?,
            }
            .to_der()
            .ok()?;
            (
                AlgorithmIdentifierRef {
                    oid: RSA_ENCRYPTION,
                    parameters: Some(AnyRef::NULL),
                },
                key,
            )
        }
        KeyMaterial::Ec { curve, point } => {
            let curve_oid = curve.oid()?;
            let parameters = AnyRef::new(der::Tag::ObjectIdentifier, curve_oid.as_bytes()).ok()?;
            let algorithm = AlgorithmIdentifierRef {
                oid: EC_PUBLIC_KEY,
                parameters: Some(parameters),
            };
            return spki_ref_der(algorithm, point);
        }
        KeyMaterial::Ed25519(_) => return None,
    };
    spki_ref_der(algorithm, &key)
}

/// A SubjectPublicKeyInfo's DER from its algorithm and key bits.
fn spki_ref_der(algorithm: AlgorithmIdentifierRef<'_>, key: &[u8]) -> Option<Vec<u8>> {
    spki::SubjectPublicKeyInfoRef {
        algorithm,
        subject_public_key: der::asn1::BitStringRef::from_bytes(key).ok()?,
    }
    .to_der()
    .ok()
}

/// A SEC1-encoded point (compressed or not) as the key's identity, in uncompressed form,
/// checked to be on the curve. Needs RustCrypto's curve arithmetic (feature `rustcrypto`).
#[cfg(feature = "rustcrypto")]
fn sec1_point(curve: &Curve, bytes: &[u8]) -> Result<Vec<u8>, Error> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    let invalid = |_| Error::new(ErrorKind::InvalidKey).in_field("EC public key");
    match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(bytes)
            .map(|k| k.to_encoded_point(false).as_bytes().to_vec())
            .map_err(invalid),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(bytes)
            .map(|k| k.to_encoded_point(false).as_bytes().to_vec())
            .map_err(invalid),
        Curve::P521 => p521::PublicKey::from_sec1_bytes(bytes)
            .map(|k| k.to_encoded_point(false).as_bytes().to_vec())
            .map_err(invalid),
        _ => Err(Error::new(ErrorKind::UnsupportedCurve)),
    }
}

/// A SEC1-encoded point as the key's identity, as given, checked for form only (prefix and
/// length for the curve). Without curve arithmetic (the npm package, which leaves curve math
/// to WebCrypto, about 14 % of its code) a compressed point cannot be expanded nor a point
/// checked to be on the curve; neither loosens a judgement: WebCrypto's `importKey` refuses a
/// point off the curve, so no signature check passes on one, and key match compares forms by
/// [`KeyMaterial::same_key`].
#[cfg(not(feature = "rustcrypto"))]
fn sec1_point(curve: &Curve, bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let width = curve
        .field_bytes()
        .ok_or(Error::new(ErrorKind::UnsupportedCurve))?;
    let well_formed = match bytes.first() {
        Some(4) => bytes.len() == 1 + 2 * width,
        Some(2 | 3) => bytes.len() == 1 + width,
        _ => false,
    };
    if well_formed {
        Ok(bytes.to_vec())
    } else {
        Err(Error::new(ErrorKind::InvalidKey).in_field("EC public key"))
    }
}

/// The public point of an EC private scalar, uncompressed. Needs RustCrypto's curve
/// arithmetic; without it the point is derived by the caller (see
/// `bundle::key_matches_certificate_with`).
#[cfg(feature = "rustcrypto")]
fn point_from_scalar(curve: &Curve, scalar: &[u8]) -> Result<Vec<u8>, Error> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    let invalid = |_| Error::new(ErrorKind::InvalidKey).in_field("EC private key");
    match curve {
        Curve::P256 => p256::SecretKey::from_slice(scalar)
            .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec())
            .map_err(invalid),
        Curve::P384 => p384::SecretKey::from_slice(scalar)
            .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec())
            .map_err(invalid),
        Curve::P521 => p521::SecretKey::from_slice(scalar)
            .map(|k| k.public_key().to_encoded_point(false).as_bytes().to_vec())
            .map_err(invalid),
        _ => Err(Error::new(ErrorKind::UnsupportedCurve)),
    }
}

#[cfg(not(feature = "rustcrypto"))]
fn point_from_scalar(curve: &Curve, _scalar: &[u8]) -> Result<Vec<u8>, Error> {
    match curve.field_bytes() {
        Some(_) => Err(Error::new(ErrorKind::PublicPointNotEmbedded).in_field("EC private key")),
        None => Err(Error::new(ErrorKind::UnsupportedCurve)),
    }
}

/// An EC public point handed in by the caller (derived from a private key by WebCrypto), as
/// the key's identity: the same form checks as a point read from DER.
pub(crate) fn given_point(curve: &Curve, point: &[u8]) -> Result<KeyMaterial, Error> {
    Ok(KeyMaterial::Ec {
        curve: curve.clone(),
        point: sec1_point(curve, point)?,
    })
}

/// A decoded private key block: what it is, and (unless encrypted) its public material and
/// its PKCS#8 encoding.
pub(crate) struct ParsedKey {
    pub info: PrivateKeyInfo,
    pub material: Result<KeyMaterial, Error>,
    pub pkcs8_der: Result<Vec<u8>, Error>,
}

fn encrypted_error() -> Error {
    Error::new(ErrorKind::EncryptedKey)
}

/// Reads a private key block of any of the four containers.
pub(crate) fn parse_private_key(block: &Block) -> Result<ParsedKey, Error> {
    let der = block.der.as_slice();
    match block.label {
        Label::RsaPrivateKey if block.has_encryption_headers() => Ok(ParsedKey {
            info: PrivateKeyInfo {
                algorithm: Some(KeyAlgorithm::Rsa),
                bits: None,
                curve: None,
                container: KeyContainer::Pkcs1,
                encrypted: true,
                encryption: dek_info(block),
            },
            material: Err(encrypted_error()),
            pkcs8_der: Err(encrypted_error()),
        }),
        Label::EcPrivateKey if block.has_encryption_headers() => Ok(ParsedKey {
            info: PrivateKeyInfo {
                algorithm: Some(KeyAlgorithm::Ec),
                bits: None,
                curve: None,
                container: KeyContainer::Sec1,
                encrypted: true,
                encryption: dek_info(block),
            },
            material: Err(encrypted_error()),
            pkcs8_der: Err(encrypted_error()),
        }),
        Label::RsaPrivateKey => {
            let (info, material) = pkcs1_key(der)?;
            Ok(ParsedKey {
                info,
                material: Ok(material),
                pkcs8_der: pkcs8_wrap(RSA_ENCRYPTION, Some(AnyRef::NULL), der),
            })
        }
        Label::EcPrivateKey => {
            let (info, material, inner) = sec1_key(der, None)?;
            let pkcs8_der = match &info.curve {
                Some(curve) => match curve.oid() {
                    Some(oid) => pkcs8_wrap(EC_PUBLIC_KEY, Some(AnyRef::from(&oid)), &inner),
                    None => Err(Error::new(ErrorKind::MissingCurve)),
                },
                None => Err(Error::new(ErrorKind::MissingCurve)),
            };
            Ok(ParsedKey {
                info,
                material,
                pkcs8_der,
            })
        }
        Label::PrivateKey => pkcs8_key(der),
        Label::EncryptedPrivateKey => {
            let encrypted = from_der_value::<EncryptedPrivateKeyInfo>(der)
                .map_err(|e| Error::der(e, "EncryptedPrivateKeyInfo"))?;
            let scheme = &encrypted.encryption_algorithm.oid;
            Ok(ParsedKey {
                info: PrivateKeyInfo {
                    algorithm: None,
                    bits: None,
                    curve: None,
                    container: KeyContainer::EncryptedPkcs8,
                    encrypted: true,
                    encryption: Some(if *scheme == PBES2 {
                        "PBES2".to_string()
                    } else {
                        scheme.to_string()
                    }),
                },
                material: Err(encrypted_error()),
                pkcs8_der: Err(encrypted_error()),
            })
        }
        _ => Err(Error::new(ErrorKind::NoPrivateKey)),
    }
}

fn dek_info(block: &Block) -> Option<String> {
    block
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("DEK-Info"))
        .and_then(|(_, value)| value.split(',').next())
        .map(str::to_string)
}

fn pkcs1_key(der: &[u8]) -> Result<(PrivateKeyInfo, KeyMaterial), Error> {
    let key = from_der_value::<pkcs1::RsaPrivateKeyRef<'_>>(der)
        .map_err(|e| Error::der(e, "RSA private key"))?;
    let info = PrivateKeyInfo {
        algorithm: Some(KeyAlgorithm::Rsa),
        bits: Some(bit_length(key.modulus.as_bytes())),
        curve: None,
        container: KeyContainer::Pkcs1,
        encrypted: false,
        encryption: None,
    };
    let material = KeyMaterial::Rsa {
        n: trim_zeros(key.modulus.as_bytes()).to_vec(),
        e: trim_zeros(key.public_exponent.as_bytes()).to_vec(),
    };
    Ok((info, material))
}

/// A SEC1 key's description, public material, and re-encoding without parameters.
type Sec1Key = (PrivateKeyInfo, Result<KeyMaterial, Error>, Vec<u8>);

/// Reads a SEC1 key; `outer_curve` is the curve named around it (PKCS#8 parameters). Returns
/// the key re-encoded without parameters, as PKCS#8 carries it.
fn sec1_key(der: &[u8], outer_curve: Option<Curve>) -> Result<Sec1Key, Error> {
    let key = from_der_value::<sec1::EcPrivateKey<'_>>(der)
        .map_err(|e| Error::der(e, "EC private key"))?;
    let curve = key
        .parameters
        .and_then(|p| p.named_curve())
        .map(|oid| Curve::from_oid(&oid))
        .or(outer_curve);
    let info = PrivateKeyInfo {
        algorithm: Some(KeyAlgorithm::Ec),
        bits: curve.as_ref().and_then(Curve::bits),
        curve: curve.clone(),
        container: KeyContainer::Sec1,
        encrypted: false,
        encryption: None,
    };
    let material = match curve {
        None => Err(Error::new(ErrorKind::MissingCurve)),
        Some(curve) => match key.public_key {
            Some(point) => sec1_point(&curve, point),
            None => point_from_scalar(&curve, key.private_key),
        }
        .map(|point| KeyMaterial::Ec { curve, point }),
    };
    let inner = sec1::EcPrivateKey {
        private_key: key.private_key,
        parameters: None,
        public_key: key.public_key,
    }
    .to_der()
    .map_err(|e| Error::der(e, "EC private key"))?;
    Ok((info, material, inner))
}

fn pkcs8_key(der: &[u8]) -> Result<ParsedKey, Error> {
    let key = from_der_value::<pkcs8::PrivateKeyInfoRef<'_>>(der)
        .map_err(|e| Error::der(e, "PKCS#8 key"))?;
    let algorithm = KeyAlgorithm::from_oid(&key.algorithm.oid);
    let mut parsed = match algorithm {
        KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss => {
            let (mut info, material) = pkcs1_key(key.private_key.as_bytes())?;
            info.algorithm = Some(algorithm);
            ParsedKey {
                info,
                material: Ok(material),
                pkcs8_der: Ok(der.to_vec()),
            }
        }
        KeyAlgorithm::Ec => {
            let outer = key
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .map(|oid| Curve::from_oid(&oid));
            let (info, material, _) = sec1_key(key.private_key.as_bytes(), outer)?;
            ParsedKey {
                info,
                material,
                pkcs8_der: Ok(der.to_vec()),
            }
        }
        _ => ParsedKey {
            material: match (&algorithm, key.public_key) {
                (KeyAlgorithm::Ed25519, Some(public)) => {
                    Ok(KeyMaterial::Ed25519(public.raw_bytes().to_vec()))
                }
                _ => Err(Error::new(ErrorKind::UnsupportedAlgorithm)
                    .in_field("public key from this private key")),
            },
            info: PrivateKeyInfo {
                algorithm: Some(algorithm),
                bits: None,
                curve: None,
                container: KeyContainer::Pkcs8,
                encrypted: false,
                encryption: None,
            },
            pkcs8_der: Ok(der.to_vec()),
        },
    };
    parsed.info.container = KeyContainer::Pkcs8;
    Ok(parsed)
}

fn pkcs8_wrap(
    oid: ObjectIdentifier,
    parameters: Option<AnyRef<'_>>,
    private_key: &[u8],
) -> Result<Vec<u8>, Error> {
    pkcs8::PrivateKeyInfoRef {
        algorithm: AlgorithmIdentifierRef { oid, parameters },
        private_key: OctetStringRef::new(private_key).map_err(|e| Error::der(e, "PKCS#8 key"))?,
        public_key: None,
    }
    .to_der()
    .map_err(|e| Error::der(e, "PKCS#8 key"))
}

const PBKDF2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");
const HMAC_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.9");
const AES_256_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.42");

/// How a PKCS#8 key was encrypted (RFC 8018 PBES2): PBKDF2 with HMAC-SHA-256 over the
/// passphrase makes a 32-byte key, and AES-256-CBC (PKCS#7 padding) encrypts the DER
/// `PrivateKeyInfo` with it. The caller does both (WebCrypto in the app); this crate only
/// writes down the parameters it used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pbes2Parameters<'a> {
    /// PBKDF2's salt.
    pub salt: &'a [u8],
    /// PBKDF2's iteration count.
    pub iterations: u32,
    /// AES-256-CBC's initialisation vector (16 bytes).
    pub iv: &'a [u8; 16],
}

/// `PBKDF2-params` (RFC 8018 A.2), without the optional key length.
#[derive(der::Sequence)]
struct Pbkdf2Params<'a> {
    salt: &'a OctetStringRef,
    iteration_count: u32,
    prf: AlgorithmIdentifierRef<'a>,
}

/// `PBES2-params` (RFC 8018 A.4).
#[derive(der::Sequence)]
struct Pbes2Params {
    key_derivation_func: AlgorithmIdentifierOwned,
    encryption_scheme: AlgorithmIdentifierOwned,
}

/// The DER `EncryptedPrivateKeyInfo` around `ciphertext` (the PKCS#8 DER encrypted as
/// `parameters` say), what `openssl pkey -passin` opens; PEM label `ENCRYPTED PRIVATE KEY`.
///
/// # Errors
/// An empty salt or ciphertext.
pub fn encrypted_private_key_info(
    parameters: &Pbes2Parameters<'_>,
    ciphertext: &[u8],
) -> Result<Vec<u8>, Error> {
    let octets =
        |bytes, field| der::asn1::OctetStringRef::new(bytes).map_err(|e| Error::der(e, field));
    if parameters.salt.is_empty() || ciphertext.is_empty() {
        return Err(
            Error::new(ErrorKind::MalformedDer(crate::error::DerProblem::Length))
                .in_field("PBES2 parameters"),
        );
    }
    let pbkdf2 = Pbkdf2Params {
        salt: octets(parameters.salt, "PBKDF2 salt")?,
        iteration_count: parameters.iterations,
        // RFC 8018: hmacWithSHA256 takes NULL parameters.
        prf: AlgorithmIdentifierRef {
            oid: HMAC_WITH_SHA256,
            parameters: Some(AnyRef::NULL),
        },
    };
    let scheme = Pbes2Params {
        key_derivation_func: AlgorithmIdentifierOwned {
            oid: PBKDF2,
            parameters: Some(der::Any::encode_from(&pbkdf2).map_err(|e| Error::der(e, "PBKDF2"))?),
        },
        encryption_scheme: AlgorithmIdentifierOwned {
            oid: AES_256_CBC,
            parameters: Some(
                der::Any::encode_from(&octets(parameters.iv, "AES IV")?)
                    .map_err(|e| Error::der(e, "AES IV"))?,
            ),
        },
    };
    EncryptedPrivateKeyInfo {
        encryption_algorithm: AlgorithmIdentifierOwned {
            oid: PBES2,
            parameters: Some(der::Any::encode_from(&scheme).map_err(|e| Error::der(e, "PBES2"))?),
        },
        encrypted_data: OctetString::new(ciphertext).map_err(|e| Error::der(e, "encrypted key"))?,
    }
    .to_der()
    .map_err(|e| Error::der(e, "encrypted private key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers reach JS as JSON numbers: an exponent a double cannot hold exactly is left out
    /// rather than rounded.
    #[test]
    fn an_exponent_is_reported_only_when_a_js_number_holds_it() {
        assert_eq!(exponent_u64(&[0x01, 0x00, 0x01]), Some(65_537));
        assert_eq!(
            exponent_u64(&[0, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Some((1 << 53) - 1)
        );
        assert_eq!(exponent_u64(&[0x20, 0, 0, 0, 0, 0, 0]), None);
        assert_eq!(exponent_u64(&[1, 0, 0, 0, 0, 0, 0, 0, 0]), None);
    }

    /// A fixture certificate's key in the canonical form (rsaEncryption, or a named curve and
    /// an uncompressed point, as every fixture's key is) is rebuilt byte for byte.
    #[test]
    fn canonical_spki_rebuilds_a_canonical_key_byte_for_byte() {
        let (mut rsa, mut ec) = (0, 0);
        for der in crate::test_fixtures::pem_blocks() {
            let Ok(cert) = crate::certificate::parse(&der) else {
                continue;
            };
            let spki = cert.tbs_certificate().subject_public_key_info();
            let material = spki_material(spki).unwrap();
            match material {
                KeyMaterial::Rsa { .. } if spki.algorithm.oid == RSA_ENCRYPTION => rsa += 1,
                KeyMaterial::Ec { .. } => ec += 1,
                _ => continue,
            }
            assert_eq!(canonical_spki(&material), Some(spki.to_der().unwrap()));
        }
        assert!(rsa > 2 && ec > 2, "{rsa} RSA, {ec} EC");
    }

    fn ec(point: Vec<u8>) -> KeyMaterial {
        KeyMaterial::Ec {
            curve: Curve::P256,
            point,
        }
    }

    /// An uncompressed point `04 ‖ x ‖ y` whose y ends in `y_last`.
    fn uncompressed(x: u8, y_last: u8) -> Vec<u8> {
        let mut point = alloc::vec![4u8];
        point.extend([x; 32]);
        point.extend([7u8; 31]);
        point.push(y_last);
        point
    }

    fn compressed(prefix: u8, x: u8) -> Vec<u8> {
        let mut point = alloc::vec![prefix];
        point.extend([x; 32]);
        point
    }

    #[test]
    fn points_of_different_forms_compare_by_x_and_the_parity_of_y() {
        let even = ec(uncompressed(1, 2));
        let odd = ec(uncompressed(1, 3));
        assert!(even.same_key(&ec(compressed(2, 1))));
        assert!(ec(compressed(2, 1)).same_key(&even));
        assert!(odd.same_key(&ec(compressed(3, 1))));
        assert!(!even.same_key(&ec(compressed(3, 1))));
        assert!(!odd.same_key(&ec(compressed(2, 1))));
        assert!(!even.same_key(&ec(compressed(2, 9))));
        // Same form: whole bytes.
        assert!(!even.same_key(&odd));
        assert!(even.same_key(&ec(uncompressed(1, 2))));
        // Another curve is another key.
        let other_curve = KeyMaterial::Ec {
            curve: Curve::P384,
            point: compressed(2, 1),
        };
        assert!(!even.same_key(&other_curve));
        // Malformed points match nothing of another form.
        assert!(!ec(alloc::vec![5u8; 33]).same_key(&even));
        assert!(!ec(alloc::vec![]).same_key(&ec(compressed(2, 1))));
    }
}
