//! PEM inspection, chain ordering and verification, key match: certkit-x509 for JS.

use certkit_x509::{webcrypto, Error as X509Error, ErrorKind, Outcome, VerdictSource};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::convert::{string_bytes, to_js, whole_signed, JsOptions};
use crate::error::{error, ErrorCode};

/// Options of the functions that judge validity: the time to judge at.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TimeOptions {
    /// The time to judge validity at, as Unix epoch milliseconds (`Date.now()` style);
    /// default now.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<f64>,
}

/// Unix seconds from the options (`now` in ms), or the current time.
fn now_seconds(options: Option<JsValue>, what: &str) -> Result<i64, JsValue> {
    let options = TimeOptions {
        now: JsOptions::optional(options, what)?.opt_number("now")?,
    };
    let now_ms = whole_signed(options.now.unwrap_or_else(js_sys::Date::now).floor(), "now")?;
    Ok(now_ms.div_euclid(1000))
}

/// The bytes of a `string | Uint8Array` argument (PEM text, or DER such as a `.der` file).
fn bytes(input: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = string_bytes(input) {
        Ok(text)
    } else if let Some(array) = input.dyn_ref::<js_sys::Uint8Array>() {
        Ok(array.to_vec())
    } else {
        Err(error(
            ErrorCode::InvalidArgument,
            &format!("{what} must be a string (PEM) or a Uint8Array (PEM or DER bytes)"),
            &[],
        ))
    }
}

/// certkit-x509's error as an `NcpCertkitError`.
fn x509_error(e: X509Error) -> JsValue {
    let code = match e.kind() {
        ErrorKind::EncryptedKey => ErrorCode::EncryptedKey,
        ErrorKind::NoCertificate => ErrorCode::NoCertificate,
        ErrorKind::NoPrivateKey => ErrorCode::NoPrivateKey,
        ErrorKind::UnsupportedAlgorithm
        | ErrorKind::UnsupportedCurve
        | ErrorKind::PublicPointNotEmbedded
        | ErrorKind::NoWebCrypto => ErrorCode::Unsupported,
        _ => ErrorCode::InvalidPem,
    };
    error(code, &e.to_string(), &[])
}

/// A certkit-x509 `_with` call whose answer is made into JS as soon as it is done.
type JsRun<'a> =
    &'a dyn Fn(VerdictSource<'_>) -> Result<Outcome<Result<JsValue, JsValue>>, X509Error>;

/// Runs a certkit-x509 `_with` entry point with the runtime's WebCrypto verdicts, its errors
/// as `NcpCertkitError`s. Not generic: the three functions share this one future (each generic
/// copy held its entry point).
async fn with_webcrypto(run: JsRun<'_>) -> Result<JsValue, JsValue> {
    webcrypto::with_webcrypto(run).await.map_err(x509_error)?
}

/// The answer of a `_with` call, made into JS once done.
fn into_js<T: serde::Serialize>(
    answer: Result<Outcome<T>, X509Error>,
) -> Result<Outcome<Result<JsValue, JsValue>>, X509Error> {
    answer.map(|outcome| outcome.map(|value| to_js(&value)))
}

/// Everything in a PEM text (certificates, keys, CSRs, CRLs; broken line breaks and other
/// damage repaired and reported): `{items, repairs}`. Async: a CSR's self-signature is checked
/// with WebCrypto.
#[wasm_bindgen(js_name = inspectPem, unchecked_return_type = "Inspection")]
pub async fn inspect_pem(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TimeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let input = bytes(&input, "inspectPem input")?;
    let now = now_seconds(options, "inspectPem options")?;
    with_webcrypto(&|verdict| into_js(certkit_x509::inspect_pem_with(&input, now, verdict))).await
}

/// The certificates in a PEM text ordered leaf first, with what is missing. Async: which
/// certificate is a root is decided by its self-signature, checked with WebCrypto.
#[wasm_bindgen(js_name = orderChain, unchecked_return_type = "OrderedChain")]
pub async fn order_chain(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input = bytes(&input, "orderChain input")?;
    with_webcrypto(&|verdict| into_js(certkit_x509::order_chain_with(&input, verdict))).await
}

/// Orders and verifies a chain (signatures, validity at `now`, CA flags). Async: signatures
/// are verified with WebCrypto.
#[wasm_bindgen(js_name = verifyChain, unchecked_return_type = "ChainReport")]
pub async fn verify_chain(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TimeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let input = bytes(&input, "verifyChain input")?;
    let now = now_seconds(options, "verifyChain options")?;
    with_webcrypto(&|verdict| into_js(certkit_x509::verify_chain_with(&input, now, verdict))).await
}

/// Whether the first private key in `keyPem` belongs to the first certificate in `certPem`.
/// Async: an EC key that does not carry its public point (Java writes them so) has it derived
/// by WebCrypto, as the package has no curve arithmetic of its own.
#[wasm_bindgen(js_name = keyMatchesCertificate)]
pub async fn key_matches_certificate(
    #[wasm_bindgen(js_name = keyPem, unchecked_param_type = "string | Uint8Array")]
    key_pem: JsValue,
    #[wasm_bindgen(js_name = certPem, unchecked_param_type = "string | Uint8Array")]
    cert_pem: JsValue,
) -> Result<bool, JsValue> {
    let key_pem = bytes(&key_pem, "keyPem")?;
    let cert_pem = bytes(&cert_pem, "certPem")?;
    webcrypto::key_matches_certificate(&key_pem, &cert_pem)
        .await
        .map_err(x509_error)
}
