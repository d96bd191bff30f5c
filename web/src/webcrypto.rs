//! The edge to WebCrypto (`crypto.subtle`, `crypto.getRandomValues`): the page makes the key,
//! signs the CSR and encrypts the key with the browser's own crypto, so the app's wasm carries
//! no crypto code for it. Everything here only calls the browser and converts bytes; what the
//! bytes mean is certkit-x509's business ([`crate::state::own_key`]).
//!
//! It also checks the signatures the views need (chains, a CSR's self-signature), with
//! certkit-x509's `webcrypto::verdict`: [`ask_verdicts`].
//!
//! Each function returns the browser's message as an error: nothing here can panic.

use std::cell::RefCell;
use std::collections::BTreeSet;

use certkit_x509::{Curve, SignatureCheck};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::send::Dispatch;
use crate::state::{Action, KeyChoice};

thread_local! {
    /// The ids of the checks WebCrypto is working on. Views ask during render, and several
    /// views (or renders) before the verdicts arrive ask for the same checks: each is checked
    /// once.
    static ASKED: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// The checks of `checks` not already in `asked`, which now holds them too.
fn not_yet_asked(asked: &mut BTreeSet<String>, checks: Vec<SignatureCheck>) -> Vec<SignatureCheck> {
    checks
        .into_iter()
        .filter(|check| asked.insert(check.id().to_string()))
        .collect()
}

/// Has WebCrypto check the signatures of `checks` that it is not checking already; their
/// verdicts arrive as one [`Action::VerdictsFound`] (in the state's verdicts, by check id), and
/// the views that asked render again. A page without WebCrypto (not https, not localhost)
/// gets `Unsupported` verdicts: the chain shows its signatures as not checked.
pub fn ask_verdicts(checks: Vec<SignatureCheck>, dispatch: Dispatch) {
    let fresh = ASKED.with_borrow_mut(|asked| not_yet_asked(asked, checks));
    if fresh.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut found = Vec::with_capacity(fresh.len());
        for check in &fresh {
            let status = certkit_x509::webcrypto::verdict(check).await;
            found.push((check.id().to_string(), status));
        }
        ASKED.with_borrow_mut(|asked| {
            for (id, _) in &found {
                asked.remove(id);
            }
        });
        dispatch.dispatch(Action::VerdictsFound(found));
    });
}

thread_local! {
    /// The point ids (`pem::point_id`) of the keys WebCrypto is deriving a public point for:
    /// each is derived once, however many views ask before it arrives.
    static DERIVING: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Has WebCrypto derive the public point of an EC private key (PKCS#8) that does not carry it,
/// unless it is at it already; the point arrives as [`Action::PublicPointFound`] under `id`, and
/// the views that asked render again. `None` arrives where WebCrypto cannot derive it (no
/// WebCrypto on the page, or a key it refuses).
pub fn ask_public_point(id: String, curve: Curve, pkcs8: Vec<u8>, dispatch: Dispatch) {
    if !DERIVING.with_borrow_mut(|deriving| deriving.insert(id.clone())) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let point = certkit_x509::webcrypto::public_point(&curve, &pkcs8).await;
        DERIVING.with_borrow_mut(|deriving| deriving.remove(&id));
        dispatch.dispatch(Action::PublicPointFound(id, point));
    });
}

/// A key pair made in the page: the private key stays a `CryptoKey` for signing; both halves
/// are exported as DER.
pub struct GeneratedPair {
    /// The private key, for `crypto.subtle.sign`.
    pub private: CryptoKey,
    /// SubjectPublicKeyInfo DER.
    pub spki: Vec<u8>,
    /// PKCS#8 PrivateKeyInfo DER.
    pub pkcs8: Vec<u8>,
}

fn message(error: JsValue) -> String {
    Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "WebCrypto failed".into())
}

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(message)
}

fn subtle() -> Result<SubtleCrypto, String> {
    Ok(crypto()?.subtle())
}

/// A plain JS object from (name, value) pairs.
fn object(entries: &[(&str, JsValue)]) -> Result<Object, String> {
    let object = Object::new();
    for (name, value) in entries {
        Reflect::set(&object, &(*name).into(), value).map_err(message)?;
    }
    Ok(object)
}

fn usages(names: &[&str]) -> JsValue {
    names
        .iter()
        .map(|n| JsValue::from_str(n))
        .collect::<Array>()
        .into()
}

async fn resolve(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
    JsFuture::from(promise.map_err(message)?)
        .await
        .map_err(message)
}

fn bytes(buffer: &JsValue) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

/// The `generateKey` algorithm of `choice` (ECDSA on its curve, or RSASSA-PKCS1-v1_5 with
/// SHA-256 and exponent 65537).
fn generation_algorithm(choice: KeyChoice) -> Result<Object, String> {
    match choice.rsa_bits() {
        Some(bits) => object(&[
            ("name", "RSASSA-PKCS1-v1_5".into()),
            ("modulusLength", bits.into()),
            ("publicExponent", Uint8Array::from(&[1u8, 0, 1][..]).into()),
            ("hash", "SHA-256".into()),
        ]),
        None => object(&[
            ("name", "ECDSA".into()),
            ("namedCurve", choice.curve().into()),
        ]),
    }
}

/// Makes an extractable key pair of `choice` and exports both halves.
pub async fn generate(choice: KeyChoice) -> Result<GeneratedPair, String> {
    let subtle = subtle()?;
    let algorithm = generation_algorithm(choice)?;
    let pair =
        resolve(subtle.generate_key_with_object(&algorithm, true, &usages(&["sign", "verify"])))
            .await?;
    let half = |name: &str| -> Result<CryptoKey, String> {
        Reflect::get(&pair, &name.into())
            .map_err(message)?
            .dyn_into::<CryptoKey>()
            .map_err(|_| format!("generateKey gave no {name}"))
    };
    let (private, public) = (half("privateKey")?, half("publicKey")?);
    let spki = bytes(&resolve(subtle.export_key("spki", &public)).await?);
    let pkcs8 = bytes(&resolve(subtle.export_key("pkcs8", &private)).await?);
    Ok(GeneratedPair {
        private,
        spki,
        pkcs8,
    })
}

/// Signs `data` with the private key of `choice` (ECDSA gives raw `r || s`).
pub async fn sign(key: &CryptoKey, choice: KeyChoice, data: &[u8]) -> Result<Vec<u8>, String> {
    let algorithm = match choice.rsa_bits() {
        Some(_) => object(&[("name", "RSASSA-PKCS1-v1_5".into())])?,
        None => object(&[("name", "ECDSA".into()), ("hash", choice.hash().into())])?,
    };
    let signature = resolve(subtle()?.sign_with_object_and_u8_array(&algorithm, key, data)).await?;
    Ok(bytes(&signature))
}

/// `n` random bytes from the browser's CSPRNG.
pub fn random(n: usize) -> Result<Vec<u8>, String> {
    let mut out = vec![0u8; n];
    crypto()?
        .get_random_values_with_u8_array(&mut out)
        .map_err(message)?;
    Ok(out)
}

/// PBES2's two steps: PBKDF2-HMAC-SHA-256 over `passphrase` (UTF-8) with `salt` and
/// `iterations` makes an AES-256 key, and AES-256-CBC with `iv` encrypts `plaintext`
/// (WebCrypto pads with PKCS#7, as PBES2 expects).
pub async fn pbes2_encrypt(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    iv: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, String> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = resolve(subtle.import_key_with_object(
        "raw",
        &raw,
        &object(&[("name", "PBKDF2".into())])?,
        false,
        &usages(&["deriveKey"]),
    ))
    .await?
    .dyn_into::<CryptoKey>()
    .map_err(|_| "importKey gave no key".to_string())?;
    let pbkdf2 = object(&[
        ("name", "PBKDF2".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
        ("hash", "SHA-256".into()),
    ])?;
    let aes = object(&[("name", "AES-CBC".into()), ("length", 256u32.into())])?;
    let key = resolve(subtle.derive_key_with_object_and_object(
        &pbkdf2,
        &base,
        &aes,
        false,
        &usages(&["encrypt"]),
    ))
    .await?
    .dyn_into::<CryptoKey>()
    .map_err(|_| "deriveKey gave no key".to_string())?;
    let cbc = object(&[
        ("name", "AES-CBC".into()),
        ("iv", Uint8Array::from(iv).into()),
    ])?;
    let ciphertext =
        resolve(subtle.encrypt_with_object_and_u8_array(&cbc, &key, plaintext)).await?;
    Ok(bytes(&ciphertext))
}

#[cfg(test)]
mod tests {
    use certkit_x509::{verify_chain_with, Outcome};

    use super::*;

    // openssl-made fixtures (crates/x509/tests/fixtures/make.sh): a root signs an issuing CA.
    const ROOT: &str = include_str!("../../crates/x509/tests/fixtures/root.pem");
    const INT: &str = include_str!("../../crates/x509/tests/fixtures/int-p384.pem");

    #[test]
    fn each_check_is_asked_for_once_until_answered() {
        let checks = match verify_chain_with(format!("{INT}{ROOT}"), 0, &|_| None) {
            Ok(Outcome::NeedVerdicts(checks)) => checks,
            other => panic!("a chain needs verdicts: {other:?}"),
        };
        assert!(checks.len() >= 2, "{checks:?}");
        let mut asked = BTreeSet::new();
        let first = not_yet_asked(&mut asked, checks.clone());
        assert_eq!(first, checks, "the first view asks for all");
        assert_eq!(
            not_yet_asked(&mut asked, checks.clone()),
            [],
            "the next, for none"
        );
        asked.remove(checks[0].id());
        let again = not_yet_asked(&mut asked, checks.clone());
        assert_eq!(
            again.len(),
            1,
            "once answered, a check may be asked for again"
        );
        assert_eq!(again[0].id(), checks[0].id());
    }
}
