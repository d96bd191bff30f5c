//! Signature checks on the platform's WebCrypto (`globalThis.crypto.subtle`: browsers, Node ≥ 20,
//! Deno, Bun, workers), as @peculiar/x509 does: the package ships no RSA or ECDSA code of its own
//! (about 35 kB of gzipped wasm, issue 14). certkit-x509 stays pure: it lists the checks a
//! result needs (`Outcome::NeedVerdicts`), this module answers them, and the second call is done.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use certkit_x509::{
    Curve, Error as X509Error, Outcome, SignatureCheck, SignatureScheme, SignatureStatus,
    VerdictSource, Verdicts,
};
use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::convert::to_js;
use crate::error::{error, ErrorCode};

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

/// Whether `globalThis.crypto.subtle` exists (browsers offer it only to secure contexts:
/// https pages and localhost).
fn has_webcrypto() -> bool {
    let get = |object: &JsValue, key: &str| js_sys::Reflect::get(object, &JsValue::from_str(key));
    get(&js_sys::global(), "crypto")
        .and_then(|crypto| get(&crypto, "subtle"))
        .is_ok_and(|subtle| subtle.is_object())
}

/// A call of `crypto.subtle` that throws or rejects is `Err`.
async fn settle(call: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(call?).await
}

/// WebCrypto's verdict on one check. `Unsupported` where WebCrypto has no such algorithm
/// (SHA-224 signatures) or will not import the key (a curve the platform lacks); `Invalid`
/// where the signature does not verify or cannot be read.
async fn verdict(check: &SignatureCheck) -> SignatureStatus {
    let Some(algorithm) = check.webcrypto().and_then(|a| to_js(a).ok()) else {
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

/// Runs a certkit-x509 `_with` entry point: once to learn which signatures it needs, then,
/// with WebCrypto's verdicts on them, once more for the result. A result that needs no
/// signature (one certificate, no CSR) is done in the first call, without WebCrypto.
pub async fn with_webcrypto<T>(
    what: &str,
    run: impl Fn(VerdictSource<'_>) -> Result<Outcome<T>, X509Error>,
    x509_error: fn(X509Error) -> JsValue,
) -> Result<T, JsValue> {
    let checks = match run(&|_| None).map_err(x509_error)? {
        Outcome::Done(value) => return Ok(value),
        Outcome::NeedVerdicts(checks) => checks,
    };
    if !has_webcrypto() {
        return Err(error(
            ErrorCode::Unsupported,
            &format!(
                "{what} verifies signatures with WebCrypto (globalThis.crypto.subtle), which \
                 this runtime does not offer: use Node 20 or later, or, in a browser, a page \
                 served over https or from localhost"
            ),
            &[],
        ));
    }
    let mut verdicts = Verdicts::new();
    for check in &checks {
        verdicts.insert(check, verdict(check).await);
    }
    match run(&|check| verdicts.get(check)).map_err(x509_error)? {
        Outcome::Done(value) => Ok(value),
        // certkit-x509 asks for every check it may need on the first call.
        Outcome::NeedVerdicts(more) => Err(error(
            ErrorCode::Internal,
            &format!(
                "{what} asked for {} more signature checks after the first round",
                more.len()
            ),
            &[],
        )),
    }
}

/// The uncompressed public point (`04 ‖ x ‖ y`) of an EC private key given as PKCS#8, derived
/// by WebCrypto: `importKey("pkcs8")` computes it when the key does not carry it, and
/// `exportKey("jwk")` hands out its coordinates. `None` when the runtime has no WebCrypto or
/// refuses the key.
pub async fn public_point(curve: &Curve, pkcs8: &[u8]) -> Option<Vec<u8>> {
    let named_curve = curve.webcrypto_name()?;
    if !has_webcrypto() {
        return None;
    }
    let algorithm = js_sys::Object::new();
    for (key, value) in [("name", "ECDSA"), ("namedCurve", named_curve)] {
        js_sys::Reflect::set(
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
        let text = js_sys::Reflect::get(&jwk, &JsValue::from_str(name))
            .ok()?
            .as_string()?;
        URL_SAFE_NO_PAD.decode(text).ok()
    };
    let mut point = vec![4u8];
    point.extend(coordinate("x")?);
    point.extend(coordinate("y")?);
    Some(point)
}
