//! Signature verdicts from the platform's WebCrypto (`globalThis.crypto.subtle`: browsers on
//! https pages and localhost, Node ≥ 20, Deno, Bun, workers), as @peculiar/x509 does: the wasm
//! front ends (the npm package, the app) so ship no RSA or ECDSA code of their own, about 35 kB
//! of gzipped wasm each (issue 14). The rest of the crate stays pure: a `_with` entry point
//! lists the checks it needs ([`Outcome::NeedVerdicts`]), [`verdict`] answers one, and the next
//! call is done. Feature `webcrypto`; it needs a JavaScript host (wasm-bindgen).

use alloc::vec::Vec;

use certkit_base64::URL_SAFE_NO_PAD;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::bundle::{key_matches_certificate_with, KeyMatch};
use crate::error::{Error, ErrorKind};
use crate::key::Curve;
use crate::signature::{
    Outcome, SignatureCheck, SignatureScheme, SignatureStatus, VerdictSource, Verdicts,
    WebCryptoAlgorithm,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["globalThis", "crypto", "subtle"], js_name = importKey, catch)]
    fn import_key(
        format: &str,
        key: &Uint8Array,
        algorithm: &JsValue,
        extractable: bool,
        usages: &Array,
    ) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["globalThis", "crypto", "subtle"], js_name = exportKey, catch)]
    fn export_key(format: &str, key: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["globalThis", "crypto", "subtle"], js_name = verify, catch)]
    fn subtle_verify(
        algorithm: &JsValue,
        key: &JsValue,
        signature: &Uint8Array,
        data: &Uint8Array,
    ) -> Result<Promise, JsValue>;
}

/// Whether `globalThis.crypto.subtle` exists. Browsers offer it only to secure contexts (https
/// pages and localhost); Node from version 20.
pub fn available() -> bool {
    let get = |object: &JsValue, key: &str| Reflect::get(object, &JsValue::from_str(key));
    get(&js_sys::global(), "crypto")
        .and_then(|crypto| get(&crypto, "subtle"))
        .is_ok_and(|subtle| subtle.is_object())
}

/// A call of `crypto.subtle` that throws or rejects is `Err`.
async fn settle(call: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(call?).await
}

/// The algorithm object `importKey` and `verify` take, built field by field (no serde glue in
/// this crate): `{name, hash, namedCurve?}`.
fn algorithm_object(algorithm: &WebCryptoAlgorithm) -> Result<JsValue, JsValue> {
    let object = Object::new();
    let set = |key: &str, value: &str| {
        Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value))
    };
    set("name", &algorithm.name)?;
    set("hash", &algorithm.hash)?;
    if let Some(curve) = &algorithm.named_curve {
        set("namedCurve", curve)?;
    }
    Ok(object.into())
}

/// WebCrypto's verdict on one check. `Unsupported` where WebCrypto has no such algorithm
/// (SHA-224 signatures), will not import the key (a curve the platform lacks) or is missing;
/// `Invalid` where the signature does not verify or cannot be read.
pub async fn verdict(check: &SignatureCheck) -> SignatureStatus {
    let Some(algorithm) = check.webcrypto().and_then(|a| algorithm_object(a).ok()) else {
        return SignatureStatus::Unsupported;
    };
    let usages = Array::of1(&JsValue::from_str("verify"));
    let spki = Uint8Array::from(check.signer_spki());
    let Ok(key) = settle(import_key("spki", &spki, &algorithm, false, &usages)).await else {
        return SignatureStatus::Unsupported;
    };
    // WebCrypto's ECDSA takes r‖s at the curve's width, not the DER the certificate holds.
    let signature = match check.scheme() {
        SignatureScheme::Ecdsa { .. } => match check.ecdsa_signature_raw() {
            Some(raw) => raw,
            None => return SignatureStatus::Invalid,
        },
        _ => check.signature(),
    };
    let (signature, message) = (
        Uint8Array::from(signature),
        Uint8Array::from(check.message()),
    );
    match settle(subtle_verify(&algorithm, &key, &signature, &message)).await {
        Ok(verified) if verified.as_bool() == Some(true) => SignatureStatus::Valid,
        _ => SignatureStatus::Invalid,
    }
}

/// Runs a `_with` entry point with WebCrypto's verdicts: once to learn which signatures it
/// needs, then, with a verdict on each, once more for the result. A result that needs no
/// signature (one certificate, no CSR) is done in the first call, without WebCrypto.
///
/// # Errors
/// The entry point's own, and [`ErrorKind::NoWebCrypto`] when signatures must be checked and
/// the host has no `crypto.subtle`.
pub async fn with_webcrypto<T>(
    run: impl Fn(VerdictSource<'_>) -> Result<Outcome<T>, Error>,
) -> Result<T, Error> {
    let mut verdicts = Verdicts::new();
    // The entry points ask for every check they may need on the first call, so the loop turns
    // once. It cannot turn forever either way: a check is asked for only while it has no
    // verdict, so each turn files at least one new verdict, and an input has finitely many.
    loop {
        let checks = match run(&|check| verdicts.get(check))? {
            Outcome::Done(value) => return Ok(value),
            Outcome::NeedVerdicts(checks) => checks,
        };
        if !available() {
            return Err(Error::new(ErrorKind::NoWebCrypto));
        }
        for check in &checks {
            verdicts.insert(check, verdict(check).await);
        }
    }
}

/// [`key_matches_certificate_with`](crate::bundle::key_matches_certificate_with) with a missing
/// EC public point derived by WebCrypto ([`public_point`]).
///
/// # Errors
/// As `key_matches_certificate`; [`ErrorKind::PublicPointNotEmbedded`] when the key does not
/// carry its point and WebCrypto cannot derive it (no WebCrypto, or a key it refuses).
pub async fn key_matches_certificate(key: &[u8], certificate: &[u8]) -> Result<bool, Error> {
    let not_derived = || Error::new(ErrorKind::PublicPointNotEmbedded);
    let (curve, pkcs8) = match key_matches_certificate_with(key, certificate, None)? {
        KeyMatch::Answered(matches) => return Ok(matches),
        KeyMatch::NeedsPublicPoint { curve, pkcs8 } => (curve, pkcs8),
    };
    let point = public_point(&curve, &pkcs8).await.ok_or_else(not_derived)?;
    match key_matches_certificate_with(key, certificate, Some(&point))? {
        KeyMatch::Answered(matches) => Ok(matches),
        KeyMatch::NeedsPublicPoint { .. } => Err(not_derived()),
    }
}

/// The uncompressed public point (`04 ‖ x ‖ y`) of an EC private key given as PKCS#8, for
/// `KeyMatch::NeedsPublicPoint` (`key_matches_certificate_with`): `importKey("pkcs8")`
/// computes the point when the key does not carry it, and `exportKey("jwk")` hands out its
/// coordinates. `None` when the host has no WebCrypto or refuses the key.
pub async fn public_point(curve: &Curve, pkcs8: &[u8]) -> Option<Vec<u8>> {
    let named_curve = curve.webcrypto_name()?;
    if !available() {
        return None;
    }
    let algorithm = Object::new();
    for (key, value) in [("name", "ECDSA"), ("namedCurve", named_curve)] {
        Reflect::set(
            &algorithm,
            &JsValue::from_str(key),
            &JsValue::from_str(value),
        )
        .ok()?;
    }
    let usages = Array::of1(&JsValue::from_str("sign"));
    let pkcs8 = Uint8Array::from(pkcs8);
    // Extractable, or WebCrypto will not export the JWK; the key object stays in this call.
    let key = settle(import_key("pkcs8", &pkcs8, &algorithm, true, &usages))
        .await
        .ok()?;
    let jwk = settle(export_key("jwk", &key)).await.ok()?;
    let coordinate = |name: &str| {
        let text = Reflect::get(&jwk, &JsValue::from_str(name))
            .ok()?
            .as_string()?;
        URL_SAFE_NO_PAD.decode(text.as_bytes())
    };
    let mut point = alloc::vec![4u8];
    point.extend(coordinate("x")?);
    point.extend(coordinate("y")?);
    Some(point)
}
