//! API Gateway signature v2: the string to sign, the signature, and the signed headers.
//!
//! Everything here is a pure function of its inputs: the timestamp is a parameter, so the
//! same code signs in a browser, in Node and in tests. Computing the headers
//! ([`signed_headers`]) is separate from applying them to a request ([`SignedHeaders::pairs`]
//! yields name/value pairs for any HTTP type).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use certkit_base64::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::secret::{Masked, Secret};

/// Header carrying the request timestamp (Unix epoch milliseconds, decimal).
pub const HEADER_TIMESTAMP: &str = "x-ncp-apigw-timestamp";
/// Header carrying the access key id.
pub const HEADER_ACCESS_KEY: &str = "x-ncp-iam-access-key";
/// Header carrying the signature, as the current documentation names it.
pub const HEADER_SIGNATURE_V2: &str = "x-ncp-apigw-signature-v2";
/// The same signature under the name older NCP SDKs send; the gateway accepts both.
pub const HEADER_SIGNATURE_V1: &str = "x-ncp-apigw-signature-v1";

/// The length of a signature v2 value: Base64 (padded) of the 32-byte HMAC-SHA256.
pub const SIGNATURE_LEN: usize = 44;

/// The gateway rejects a request whose timestamp is this far (or further) from its own clock.
pub const MAX_CLOCK_SKEW_MS: u64 = 300_000;

/// The string the gateway signs: `{METHOD} {PATH_WITH_QUERY}\n{TIMESTAMP}\n{ACCESS_KEY}`.
///
/// `method` is upper-cased; `path_and_query` must be the request target exactly as sent on the
/// wire, including the service prefix (`/api/v1/...`) and any `?query`. No trailing newline.
pub fn string_to_sign(
    method: &str,
    path_and_query: &str,
    timestamp_ms: u64,
    access_key: &str,
) -> String {
    format!(
        "{} {}\n{}\n{}",
        method.to_ascii_uppercase(),
        path_and_query,
        timestamp_ms,
        access_key
    )
}

/// Standard Base64 (with padding) of HMAC-SHA256 over `string_to_sign`, keyed with the UTF-8
/// bytes of `secret_key`.
pub fn sign(secret_key: &str, string_to_sign: &str) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail; the empty fallback only
    // exists so that this function has no panic path.
    match Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(string_to_sign.as_bytes());
            STANDARD.encode(&mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

/// Whether `signature` (Base64) is the signature of `string_to_sign` under `secret_key`,
/// compared in constant time. For servers that check requests (the sandbox).
pub fn verify(secret_key: &str, string_to_sign: &str, signature: &str) -> bool {
    let Some(expected) = STANDARD.decode(signature.trim().as_bytes()) else {
        return false;
    };
    match Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(string_to_sign.as_bytes());
            mac.verify_slice(&expected).is_ok()
        }
        Err(_) => false,
    }
}

/// An NCP API key pair. `Debug` shows only the first characters of the access key and never
/// the secret key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    access_key: Masked,
    secret_key: Secret,
}

impl Credentials {
    /// Pairs an access key id with its secret key.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        Self {
            access_key: Masked(access_key.into()),
            secret_key: secret_key.into(),
        }
    }

    /// The access key id (sent in the `x-ncp-iam-access-key` header).
    pub fn access_key(&self) -> &str {
        &self.access_key.0
    }

    /// The secret key. It only ever keys the HMAC; it is never sent.
    pub fn secret_key(&self) -> &str {
        self.secret_key.expose()
    }
}

/// The three authentication headers of one request, computed but not yet applied. `Debug`
/// masks the access key and never shows the signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedHeaders {
    timestamp: String,
    access_key: Masked,
    signature: Secret,
}

impl SignedHeaders {
    /// The `x-ncp-apigw-timestamp` value (byte-identical to the signed timestamp).
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }

    /// The `x-ncp-iam-access-key` value.
    pub fn access_key(&self) -> &str {
        &self.access_key.0
    }

    /// The Base64 signature (`x-ncp-apigw-signature-v2` value).
    pub fn signature(&self) -> &str {
        self.signature.expose()
    }

    /// Header name/value pairs in the order NCP's examples send them: timestamp, access key,
    /// signature v2.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            (HEADER_TIMESTAMP, self.timestamp.clone()),
            (HEADER_ACCESS_KEY, self.access_key.0.clone()),
            (HEADER_SIGNATURE_V2, self.signature.expose().to_string()),
        ]
    }
}

/// Signs one request: the timestamp, access key and signature headers for `method` and
/// `path_and_query` (the upstream path, e.g. `/api/v1/ca/{caTag}/cert`) at `timestamp_ms`.
pub fn signed_headers(
    credentials: &Credentials,
    method: &str,
    path_and_query: &str,
    timestamp_ms: u64,
) -> SignedHeaders {
    Signer::new(credentials).signed_headers(method, path_and_query, timestamp_ms)
}

/// A key pair keyed once for many requests: the secret key's HMAC pads are hashed when the
/// signer is made, so each signature hashes only its string to sign (three SHA-256 blocks for
/// a typical request instead of five). The string to sign is fed to the MAC in pieces, never
/// built. `Debug` masks the access key and shows nothing of the key.
#[derive(Clone)]
pub struct Signer {
    access_key: Masked,
    keyed: Hmac<Sha256>,
}

impl Signer {
    /// Keys the HMAC with `credentials`' secret key.
    pub fn new(credentials: &Credentials) -> Self {
        // HMAC accepts keys of any length, so `new_from_slice` cannot fail; the all-zero-key
        // fallback only exists so that this function has no panic path.
        let keyed = Hmac::<Sha256>::new_from_slice(credentials.secret_key().as_bytes())
            .unwrap_or_else(|_| <Hmac<Sha256> as hmac::digest::KeyInit>::new(&Default::default()));
        Self {
            access_key: Masked(credentials.access_key().to_string()),
            keyed,
        }
    }

    /// The access key id this signer signs for.
    pub fn access_key(&self) -> &str {
        &self.access_key.0
    }

    /// The Base64 signature v2 of [`string_to_sign`]`(method, path_and_query, timestamp_ms,
    /// access_key)`: the same bytes as [`sign`] of that string.
    pub fn signature(&self, method: &str, path_and_query: &str, timestamp_ms: u64) -> String {
        let ascii =
            self.signature_ascii(method.as_bytes(), path_and_query.as_bytes(), timestamp_ms);
        // Base64 is ASCII, so the empty fallback is never taken.
        core::str::from_utf8(&ascii)
            .map(String::from)
            .unwrap_or_default()
    }

    /// [`Signer::signature`] of the UTF-8 bytes of `method` and `path_and_query`, as its
    /// [`SIGNATURE_LEN`] ASCII bytes and without allocating: for callers that hold bytes and
    /// copy the answer out themselves (the npm package's fast path, in wasm memory).
    pub fn signature_ascii(
        &self,
        method: &[u8],
        path_and_query: &[u8],
        timestamp_ms: u64,
    ) -> [u8; SIGNATURE_LEN] {
        let mut mac = self.keyed.clone();
        for byte in method {
            mac.update(&[byte.to_ascii_uppercase()]);
        }
        mac.update(b" ");
        mac.update(path_and_query);
        mac.update(b"\n");
        let mut digits = [0u8; 20];
        mac.update(decimal(timestamp_ms, &mut digits));
        mac.update(b"\n");
        mac.update(self.access_key.0.as_bytes());
        let mut ascii = [0u8; SIGNATURE_LEN];
        // 32 bytes always encode to exactly SIGNATURE_LEN characters: every byte is written.
        STANDARD.encode_to_slice(&mac.finalize().into_bytes(), &mut ascii);
        ascii
    }

    /// The three headers of one request (see [`signed_headers`]).
    pub fn signed_headers(
        &self,
        method: &str,
        path_and_query: &str,
        timestamp_ms: u64,
    ) -> SignedHeaders {
        SignedHeaders {
            timestamp: timestamp_ms.to_string(),
            access_key: self.access_key.clone(),
            signature: Secret::new(self.signature(method, path_and_query, timestamp_ms)),
        }
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("access_key", &self.access_key)
            .field("keyed", &"<redacted>")
            .finish()
    }
}

/// `value` in decimal, written at the end of `buffer` (20 digits hold any u64).
fn decimal(mut value: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut digits = 0;
    for slot in buffer.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
        digits += 1;
        if value == 0 {
            break;
        }
    }
    buffer.get(buffer.len() - digits..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signer_signs_what_sign_signs_over_string_to_sign() {
        // The expected values come from `sign`, itself checked against OpenSSL's vectors
        // (tests/vectors/signature-v2.txt); this pins the piecewise feeding to it.
        for (method, path, timestamp, access, secret) in [
            (
                "GET",
                "/cluster/kubeconfig",
                1_668_407_407_855,
                "access",
                "secret",
            ),
            ("post", "/api/v1/ca/t/cert?x=1", 0, "", ""),
            (
                "Delete",
                "/%ED%83%9C",
                u64::MAX,
                "액세스",
                "a secret longer than one SHA-256 block, which HMAC hashes first: 0123456789",
            ),
        ] {
            let signer = Signer::new(&Credentials::new(access, secret));
            let expected = sign(secret, &string_to_sign(method, path, timestamp, access));
            assert_eq!(
                signer.signature(method, path, timestamp),
                expected,
                "{method} {path}"
            );
            assert_eq!(
                signer.signature_ascii(method.as_bytes(), path.as_bytes(), timestamp),
                expected.as_bytes()
            );
            let headers = signer.signed_headers(method, path, timestamp);
            assert_eq!(headers.signature(), expected);
            assert_eq!(headers.timestamp(), timestamp.to_string());
        }
        assert_eq!(
            sign("secret", "GET /cluster/kubeconfig\n1668407407855\naccess"),
            "LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0="
        );
    }

    #[test]
    fn a_signer_debug_shows_no_key() {
        let signer = Signer::new(&Credentials::new("AKIAEXAMPLE", "topsecret"));
        let shown = alloc::format!("{signer:?}");
        assert!(
            !shown.contains("topsecret") && !shown.contains("AKIAEXAMPLE"),
            "{shown}"
        );
    }

    #[test]
    fn string_to_sign_uppercases_method() {
        assert_eq!(
            string_to_sign("post", "/a?b=c", 5, "k"),
            "POST /a?b=c\n5\nk"
        );
    }
}
