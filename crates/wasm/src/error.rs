//! The errors thrown to JS: real `Error` objects named `NcpCertkitError`, with a stable `code`
//! and the field `problems` (empty unless the input had validation problems).

use certkit_core::Problem;
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// Why a call threw, as the stable string in `error.code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// `invalid_input`: the operation input has validation problems (see `problems`); nothing
    /// was signed or sent.
    InvalidInput,
    /// `unknown_operation`: not the name of an operation (`OperationKind`, e.g. `getCaList`,
    /// `issueEndCert`, `listDcvStatuses`).
    UnknownOperation,
    /// `not_offered`: the chosen site does not offer the operation (e.g. Request Certificate
    /// Issuance exists on the public site only).
    NotOffered,
    /// `invalid_argument`: an argument or option has the wrong type or value (e.g. an unknown
    /// site, a timestamp that is not a whole number of milliseconds).
    InvalidArgument,
    /// `network`: `fetch` failed or its response could not be read.
    Network,
    /// `invalid_pem`: the PEM text could not be read (no block, bad Base64, bad DER).
    InvalidPem,
    /// `encrypted_key`: the private key is encrypted; decrypt it first
    /// (`openssl pkey -in key.pem -out plain.pem`).
    EncryptedKey,
    /// `no_certificate`: the text holds no certificate where one is needed.
    NoCertificate,
    /// `no_private_key`: the text holds no private key where one is needed.
    NoPrivateKey,
    /// `unsupported`: an algorithm or curve this package cannot handle for the operation.
    Unsupported,
    /// `internal`: a value could not be converted between Rust and JS (a bug: please report).
    Internal,
}

impl ErrorCode {
    /// The stable string, e.g. `invalid_input`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::UnknownOperation => "unknown_operation",
            ErrorCode::NotOffered => "not_offered",
            ErrorCode::InvalidArgument => "invalid_argument",
            ErrorCode::Network => "network",
            ErrorCode::InvalidPem => "invalid_pem",
            ErrorCode::EncryptedKey => "encrypted_key",
            ErrorCode::NoCertificate => "no_certificate",
            ErrorCode::NoPrivateKey => "no_private_key",
            ErrorCode::Unsupported => "unsupported",
            ErrorCode::Internal => "internal",
        }
    }
}

#[wasm_bindgen(typescript_custom_section)]
const NCP_CERTKIT_ERROR_TS: &'static str = r#"
/**
 * What every function of this package throws: an `Error` whose `name` is `"NcpCertkitError"`,
 * with a stable `code` and the field problems (empty unless `code` is `"invalid_input"`).
 */
export interface NcpCertkitError extends Error {
    name: "NcpCertkitError";
    code: ErrorCode;
    problems: Problem[];
}
"#;

/// Plain JS data, as the generated declarations describe it, through one JSON text and
/// `JSON.parse`: objects (never `Map`), numbers for integers (every integer here is far below
/// 2^53). A `None` must be skipped (`skip_serializing_if`), as every answer's are, so that it
/// reads as `undefined`: JSON would write `null`. Bytes would come out as an array of numbers
/// (`convert::result_to_js` makes an archive's a `Uint8Array`).
///
/// Not serde-wasm-bindgen: building objects property by property from wasm was slower than
/// V8's JSON parser on large answers (a leaf's inspection about 8 %), and its serializer beside
/// serde_json's, which writes the request bodies anyway, weighed some 4 kB of gzipped wasm.
pub fn plain_js<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    // Only a map with non-string keys could fail, which no answer holds.
    let text = serde_json::to_string(value).ok()?;
    js_sys::JSON::parse(&text).ok()
}

/// Builds the `NcpCertkitError` to throw.
pub fn error(code: ErrorCode, message: &str, problems: &[Problem]) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("NcpCertkitError");
    let problems = plain_js(problems).unwrap_or_else(|| js_sys::Array::new().into());
    // Setting a property on a fresh, unfrozen object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.as_str().into());
    let _ = js_sys::Reflect::set(&error, &"problems".into(), &problems);
    error.into()
}

/// Whether `value` is an error thrown by this package (an `Error` named `NcpCertkitError`).
#[wasm_bindgen(
    js_name = isNcpCertkitError,
    unchecked_return_type = "value is NcpCertkitError"
)]
pub fn is_ncp_certkit_error(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> bool {
    value
        .dyn_ref::<js_sys::Error>()
        .is_some_and(|e| e.name() == "NcpCertkitError")
}
