//! "Issue with my own key" (Sign End Csr): the key is made in the page (WebCrypto) or the user
//! brings a CSR; only the CSR leaves. This holds the choices, the generated key (in memory
//! only: never stored, never in history), and the passphrase-encrypted copy; and the pure
//! steps around WebCrypto: the bytes to sign, the CSR and the encrypted PEM, all written by
//! certkit-x509.

use std::collections::BTreeMap;

use certkit_core::operation::OperationKind;
use certkit_core::private_ca::SignedCertificate;
use certkit_core::response::IssueEndCertResponse;
use certkit_core::validation::Problem;
use certkit_x509::export::pem;
use certkit_x509::key::encrypted_private_key_info;
use certkit_x509::request::{
    assemble, ecdsa_signature_der, info_to_sign, RequestedName, SignatureAlgorithm, SubjectField,
};
use certkit_x509::{Error, Pbes2Parameters};

use super::Secret;

/// PBKDF2-HMAC-SHA-256 iterations for the encrypted key: OWASP's Password Storage Cheat
/// Sheet figure (600,000 since 2023).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Salt length in bytes (RFC 8018 asks for at least 8).
pub const SALT_LEN: usize = 16;
/// AES-CBC's IV length.
pub const IV_LEN: usize = 16;

/// Where the key comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeySource {
    /// Made in this page.
    #[default]
    Generate,
    /// The user's own CSR, pasted or dropped.
    Paste,
}

/// The keys WebCrypto makes for a CSR.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyChoice {
    /// ECDSA P-256, signed with SHA-256.
    #[default]
    EcP256,
    /// ECDSA P-384, signed with SHA-384.
    EcP384,
    /// RSA 2048, PKCS#1 v1.5 with SHA-256.
    Rsa2048,
    /// RSA 3072.
    Rsa3072,
    /// RSA 4096.
    Rsa4096,
}

impl KeyChoice {
    /// Every choice, in the picker's order.
    pub const ALL: [KeyChoice; 5] = [
        KeyChoice::EcP256,
        KeyChoice::EcP384,
        KeyChoice::Rsa2048,
        KeyChoice::Rsa3072,
        KeyChoice::Rsa4096,
    ];

    /// Its name, also the picker's value.
    pub fn name(self) -> &'static str {
        match self {
            KeyChoice::EcP256 => "EC P-256",
            KeyChoice::EcP384 => "EC P-384",
            KeyChoice::Rsa2048 => "RSA 2048",
            KeyChoice::Rsa3072 => "RSA 3072",
            KeyChoice::Rsa4096 => "RSA 4096",
        }
    }

    /// The choice named `name`.
    pub fn parse(name: &str) -> Option<KeyChoice> {
        KeyChoice::ALL.into_iter().find(|c| c.name() == name)
    }

    /// RSA's modulus length; `None` for EC.
    pub fn rsa_bits(self) -> Option<u32> {
        match self {
            KeyChoice::Rsa2048 => Some(2048),
            KeyChoice::Rsa3072 => Some(3072),
            KeyChoice::Rsa4096 => Some(4096),
            KeyChoice::EcP256 | KeyChoice::EcP384 => None,
        }
    }

    /// WebCrypto's curve name (EC).
    pub fn curve(self) -> &'static str {
        match self {
            KeyChoice::EcP384 => "P-384",
            _ => "P-256",
        }
    }

    /// The hash of the signature.
    pub fn hash(self) -> &'static str {
        match self {
            KeyChoice::EcP384 => "SHA-384",
            _ => "SHA-256",
        }
    }

    fn signature_algorithm(self) -> SignatureAlgorithm {
        match self {
            KeyChoice::EcP256 => SignatureAlgorithm::EcdsaSha256,
            KeyChoice::EcP384 => SignatureAlgorithm::EcdsaSha384,
            _ => SignatureAlgorithm::RsaSha256,
        }
    }
}

/// A key made in the page. `Debug` redacts the private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedKey {
    /// What it is.
    pub choice: KeyChoice,
    /// The private key, PKCS#8 PEM.
    pub pkcs8_pem: Secret,
}

/// Where making the key and CSR stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Generation {
    /// Nothing asked.
    #[default]
    Idle,
    /// WebCrypto is at work (RSA 4096 can take seconds).
    Working,
    /// Not started: the subject fields break Issue End Cert's rules (shown on the fields).
    SubjectInvalid,
    /// It failed: the browser's or certkit-x509's message.
    Failed(String),
}

/// The passphrase-encrypted copy of the key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Encryption {
    /// Not made.
    #[default]
    Idle,
    /// PBKDF2 is at work.
    Working,
    /// The `ENCRYPTED PRIVATE KEY` PEM.
    Ready(String),
    /// It failed.
    Failed(String),
}

/// The state of the "Issue with my own key" page beside its form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnKey {
    /// Generate, or paste a CSR.
    pub source: KeySource,
    /// The key to generate.
    pub choice: KeyChoice,
    /// Making the key and CSR.
    pub generation: Generation,
    /// The key made last, until the user removes it.
    pub key: Option<GeneratedKey>,
    /// The passphrase for the encrypted download (never stored).
    pub passphrase: Secret,
    /// The encrypted copy.
    pub encryption: Encryption,
}

impl OwnKey {
    /// A key and its CSR were made: the key replaces any earlier one.
    pub(super) fn generated(&mut self, key: GeneratedKey) {
        self.key = Some(key);
        self.generation = Generation::Idle;
        self.encryption = Encryption::Idle;
    }

    /// The passphrase changed: an encrypted copy made with the old one is gone.
    pub(super) fn set_passphrase(&mut self, passphrase: Secret) {
        self.passphrase = passphrase;
        self.encryption = Encryption::Idle;
    }

    /// The user removed the key from the page: nothing of it stays.
    pub(super) fn wipe(&mut self) {
        self.key = None;
        self.passphrase = Secret::default();
        self.encryption = Encryption::Idle;
    }
}

/// Sign End Csr's answer read as Issue End Cert's, so it renders the same way: its private
/// key is the one made in the page, while it is there.
pub fn as_issued(signed: SignedCertificate, own: &OwnKey) -> IssueEndCertResponse {
    IssueEndCertResponse {
        private_key: own
            .key
            .as_ref()
            .map(|key| key.pkcs8_pem.clone())
            .unwrap_or_default(),
        certificate: signed.certificate,
        serial_no: signed.serial_no,
        ca_chain: signed.ca_chain,
        ocsp_responder: signed.ocsp_responder,
        issuer: signed.issuer,
    }
}

/// The subject fields, read from Issue End Cert's `x509Parameters` paths.
const SUBJECT_PATHS: [(SubjectField, &str); 7] = [
    (SubjectField::Country, "x509Parameters.country"),
    (SubjectField::StateProvince, "x509Parameters.stateProvince"),
    (SubjectField::Locality, "x509Parameters.locality"),
    (SubjectField::StreetAddress, "x509Parameters.streetAddress"),
    (SubjectField::Organization, "x509Parameters.organization"),
    (
        SubjectField::OrganizationUnit,
        "x509Parameters.organizationUnit",
    ),
    (SubjectField::CommonName, "x509Parameters.commonName"),
];

/// certkit-core's problems with the subject and SANs typed, by Issue End Cert's rules (the same
/// fields, so the same rules).
pub fn subject_problems(values: &BTreeMap<String, String>) -> Vec<Problem> {
    crate::fields::problems(OperationKind::IssueEndCert, values)
        .into_iter()
        .filter(|p| crate::fields::is_subject_field(&p.field))
        .collect()
}

fn value<'a>(values: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    values.get(path).map(|v| v.trim()).unwrap_or("")
}

/// The DER `CertificationRequestInfo` to sign: the typed subject and SANs around `spki_der`.
///
/// # Errors
/// certkit-x509's, e.g. an `ip` entry that is no address.
pub fn request_info(values: &BTreeMap<String, String>, spki_der: &[u8]) -> Result<Vec<u8>, Error> {
    let subject: Vec<(SubjectField, &str)> = SUBJECT_PATHS
        .iter()
        .map(|(field, path)| (*field, value(values, path)))
        .collect();
    let names = RequestedName::from_fields(
        value(values, "x509Parameters.altName"),
        value(values, "x509Parameters.ip"),
    )?;
    info_to_sign(&subject, &names, spki_der)
}

/// The CSR PEM: `info` with WebCrypto's `signature` (raw `r || s` for ECDSA).
///
/// # Errors
/// certkit-x509's.
pub fn csr_pem(info: &[u8], choice: KeyChoice, signature: &[u8]) -> Result<String, Error> {
    let signature = match choice.rsa_bits() {
        Some(_) => signature.to_vec(),
        None => ecdsa_signature_der(signature)?,
    };
    let der = assemble(info, choice.signature_algorithm(), &signature)?;
    Ok(pem("CERTIFICATE REQUEST", &der))
}

/// The private key as PKCS#8 PEM.
pub fn private_key_pem(pkcs8_der: &[u8]) -> Secret {
    Secret::new(pem("PRIVATE KEY", pkcs8_der))
}

/// The encrypted key's PEM (`ENCRYPTED PRIVATE KEY`) around WebCrypto's `ciphertext`.
///
/// # Errors
/// certkit-x509's (an empty salt or ciphertext).
pub fn encrypted_key_pem(
    salt: &[u8],
    iterations: u32,
    iv: &[u8; IV_LEN],
    ciphertext: &[u8],
) -> Result<String, Error> {
    let parameters = Pbes2Parameters {
        salt,
        iterations,
        iv,
    };
    let der = encrypted_private_key_info(&parameters, ciphertext)?;
    Ok(pem("ENCRYPTED PRIVATE KEY", &der))
}

#[cfg(test)]
mod tests {
    use certkit_core::operation::OperationKind::SignEndCsr;

    use super::*;
    use crate::state::{reduce, Action, AppState};

    fn key() -> GeneratedKey {
        GeneratedKey {
            choice: KeyChoice::EcP256,
            pkcs8_pem: Secret::new("-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----"),
        }
    }

    #[test]
    fn choices_name_themselves_and_back() {
        for choice in KeyChoice::ALL {
            assert_eq!(KeyChoice::parse(choice.name()), Some(choice));
        }
        assert_eq!(KeyChoice::parse("DSA"), None);
        assert_eq!(KeyChoice::Rsa3072.rsa_bits(), Some(3072));
        assert_eq!(KeyChoice::EcP384.curve(), "P-384");
        assert_eq!(KeyChoice::EcP384.hash(), "SHA-384");
        assert_eq!(KeyChoice::EcP256.rsa_bits(), None);
    }

    #[test]
    fn a_generated_key_fills_the_csr_and_stays_out_of_saved_forms_and_debug() {
        let s = reduce(&AppState::default(), Action::OwnKeyGenerating);
        assert_eq!(s.own_key.generation, Generation::Working);
        let s = reduce(
            &s,
            Action::OwnKeyGenerated {
                key: key(),
                csr_pem:
                    "-----BEGIN CERTIFICATE REQUEST-----\nAA\n-----END CERTIFICATE REQUEST-----"
                        .into(),
            },
        );
        assert_eq!(s.own_key.generation, Generation::Idle);
        assert!(s
            .form(SignEndCsr)
            .get("csrPem")
            .contains("CERTIFICATE REQUEST"));
        assert!(s.own_key.key.is_some());
        let saved = crate::state::saved_forms(&s);
        assert!(
            saved.contains("CERTIFICATE REQUEST") && !saved.contains("PRIVATE KEY"),
            "{saved}"
        );
        assert!(!format!("{s:?}").contains("BEGIN PRIVATE KEY"));
    }

    #[test]
    fn failures_keep_what_was_typed_and_the_key_made_before() {
        let s = reduce(
            &AppState::default(),
            Action::SetField {
                op: SignEndCsr,
                field: "x509Parameters.commonName".into(),
                value: "a.example".into(),
            },
        );
        let s = reduce(
            &s,
            Action::OwnKeyGenerated {
                key: key(),
                csr_pem: "CSR".into(),
            },
        );
        let s = reduce(&s, Action::OwnKeyGenerating);
        let s = reduce(&s, Action::OwnKeyFailed("NotSupportedError".into()));
        assert_eq!(
            s.own_key.generation,
            Generation::Failed("NotSupportedError".into())
        );
        assert!(s.own_key.key.is_some());
        assert_eq!(
            s.form(SignEndCsr).get("x509Parameters.commonName"),
            "a.example"
        );
        assert_eq!(s.form(SignEndCsr).get("csrPem"), "CSR");
    }

    #[test]
    fn a_new_passphrase_drops_the_copy_and_wiping_drops_everything() {
        let s = reduce(
            &AppState::default(),
            Action::OwnKeyGenerated {
                key: key(),
                csr_pem: "CSR".into(),
            },
        );
        let s = reduce(&s, Action::OwnKeyPassphrase(Secret::new("one")));
        let s = reduce(&s, Action::OwnKeyEncrypting);
        assert_eq!(s.own_key.encryption, Encryption::Working);
        let s = reduce(&s, Action::OwnKeyEncrypted(Ok("ENC".into())));
        assert_eq!(s.own_key.encryption, Encryption::Ready("ENC".into()));
        let s = reduce(&s, Action::OwnKeyPassphrase(Secret::new("two")));
        assert_eq!(s.own_key.encryption, Encryption::Idle);
        // A copy made with the old passphrase, arriving late, is dropped.
        let s = reduce(&s, Action::OwnKeyEncrypting);
        let s = reduce(&s, Action::OwnKeyPassphrase(Secret::new("three")));
        let s = reduce(&s, Action::OwnKeyEncrypted(Ok("STALE".into())));
        assert_eq!(s.own_key.encryption, Encryption::Idle);
        let s = reduce(&s, Action::OwnKeyEncrypting);
        let s = reduce(&s, Action::OwnKeyEncrypted(Err("OperationError".into())));
        assert_eq!(
            s.own_key.encryption,
            Encryption::Failed("OperationError".into())
        );
        let s = reduce(&s, Action::WipePrivateKey(SignEndCsr));
        assert_eq!(s.own_key.key, None);
        assert!(s.own_key.passphrase.is_empty());
        assert_eq!(s.own_key.encryption, Encryption::Idle);
        // The CSR (public) stays: the answer to it may still come.
        assert_eq!(s.form(SignEndCsr).get("csrPem"), "CSR");
    }

    #[test]
    fn an_invalid_subject_shows_its_errors_and_makes_nothing() {
        let s = reduce(&AppState::default(), Action::OwnKeySubjectInvalid);
        assert_eq!(s.own_key.generation, Generation::SubjectInvalid);
        assert!(s.form(SignEndCsr).shows_error("x509Parameters.commonName"));
        assert!(!s.form(SignEndCsr).shows_error("caTag"));
        assert_eq!(s.own_key.key, None);
    }

    #[test]
    fn source_and_choice_are_kept() {
        let s = reduce(&AppState::default(), Action::OwnKeySource(KeySource::Paste));
        let s = reduce(&s, Action::OwnKeyChoice(KeyChoice::Rsa4096));
        assert_eq!(
            (s.own_key.source, s.own_key.choice),
            (KeySource::Paste, KeyChoice::Rsa4096)
        );
    }

    #[test]
    fn the_subject_is_checked_by_issue_end_certs_rules_only() {
        let mut values = BTreeMap::new();
        values.insert("csrPem".to_string(), String::new());
        let problems = subject_problems(&values);
        assert!(
            problems
                .iter()
                .any(|p| p.field == "x509Parameters.commonName"),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .all(|p| crate::fields::is_subject_field(&p.field)),
            "{problems:?}"
        );
        values.insert("x509Parameters.commonName".into(), "a.example".into());
        values.insert("x509Parameters.ip".into(), "10.0.0.300".into());
        let problems = subject_problems(&values);
        assert!(
            problems.iter().any(|p| p.field == "x509Parameters.ip"),
            "{problems:?}"
        );
    }

    #[test]
    fn the_csr_and_the_encrypted_key_are_certkit_x509s() {
        // A P-256 public key made by `openssl ecparam -name prime256v1 -genkey | openssl pkey
        // -pubout`.
        const SPKI: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAExJ88/6sysLzaPWkMmiR+NWlSGY1p
OHXenKLTHtfxKKuVZCCPtwqzQ2Yv24A9wxnWlNp1BQAZ4AB2z4gkM9kb5A==
-----END PUBLIC KEY-----";
        let spki = certkit_x509::parse_bundle(SPKI)
            .ok()
            .and_then(|b| b.blocks.first().map(|block| block.der.clone()))
            .unwrap_or_default();
        let mut values = BTreeMap::new();
        values.insert(
            "x509Parameters.commonName".to_string(),
            "a.example".to_string(),
        );
        values.insert(
            "x509Parameters.altName".to_string(),
            "a.example,b.example".to_string(),
        );
        let info = request_info(&values, &spki);
        assert!(info.is_ok(), "{info:?}");
        let info = info.unwrap_or_default();
        // 64 bytes of r || s: the CSR is assembled (openssl's verdict on real signatures is in
        // certkit-x509's tests and the e2e suite).
        let csr = csr_pem(&info, KeyChoice::EcP256, &[1u8; 64]).unwrap_or_default();
        let inspected = certkit_x509::inspect_pem(&csr, 0);
        assert!(inspected.is_ok(), "{inspected:?}");
        assert!(csr_pem(&info, KeyChoice::EcP256, &[1u8; 63]).is_err());
        let pem = encrypted_key_pem(&[1; SALT_LEN], PBKDF2_ITERATIONS, &[2; IV_LEN], &[3; 32]);
        assert!(pem.is_ok_and(|p| p.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----")));
    }
}
