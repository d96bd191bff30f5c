#![doc = include_str!("../README.md")]

mod client;
mod convert;
mod error;
mod inspect;
mod request;

use certkit_core::clock;
use certkit_core::signing::{self, MAX_CLOCK_SKEW_MS};
use certkit_core::{Failure, Operation, PemRepair, Problem, Request, ResponseData};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

pub use client::{create_client, Client, ClientOptions, ClientResult};
use error::error;
pub use error::{is_ncp_certkit_error, ErrorCode};
pub use inspect::{inspect_pem, key_matches_certificate, order_chain, verify_chain, TimeOptions};
pub use request::ConnectionOptions;

use convert::{
    body_bytes, operation, operation_kind, ordered_headers, result_to_js, string, to_js,
    whole_number, JsOptions,
};
use request::{parse_operation, sign_request};

#[wasm_bindgen(typescript_custom_section)]
const INPUT_TYPES_TS: &'static str = r#"
/** A certificate number of Certificate Manager: digits, as a number or a string. */
export type CertificateNo = number | string;
/** Get CA List input: the page (from 1; `1` is sent when absent). */
export type GetCaListInput = { pageNo?: number | string };
/** Get CA input. */
export type GetCaInput = { caTag: string };
/** Create CA input: the query parameters `caType` and `issuerTag` (a sub CA signed by that platform CA; without it a sub CA stays PENDING until Activate Sub CA) plus the vendor's body fields. */
export type CreateCaInput = CreateCa & { caType: "PRIVATE_ROOT" | "PRIVATE_SUB"; issuerTag?: string };
/** Get Sub Csr input: the sub CA (created as PRIVATE_SUB without issuerTag). */
export type GetSubCsrInput = { caTag: string };
/** Sign Sub Csr input: the signing CA's `caTag` plus the vendor's body fields. */
export type SignSubCsrInput = SignSubCsr & { caTag: string };
/** Activate Sub CA input: the vendor's body fields plus the sub CA's `caTag`. */
export type ActivateSubCaInput = ActivateSubCa & { caTag: string };
/** Issue End Cert input: the vendor's body fields plus the issuing CA's `caTag`. */
export type IssueEndCertInput = IssueEndCert & { caTag: string };
/** Sign End Csr input: the signing CA's `caTag` plus the CSR. */
export type SignEndCsrInput = SignEndCsr & { caTag: string };
/** Get End Cert List input: the CA and, optionally, a page (sent only when given). */
export type GetEndCertListInput = { caTag: string; pageNo?: number | string };
/** Get End Cert input: the CA and the serial number (colon-separated hex). */
export type GetEndCertInput = { caTag: string; serialNo: string };
/** Revoke End Cert input: the CA and the serial number (colon-separated hex). */
export type RevokeEndCertInput = { caTag: string; serialNo: string };
/** Get CA Chain input. */
export type GetCaChainInput = { caTag: string };
/** Get CA Crl input. */
export type GetCaCrlInput = { caTag: string };
/** Update CA input: the CA and its new status. */
export type UpdateCaInput = UpdateCa & { caTag: string };
/** Delete CA input: a CA in DESTROYING. */
export type DeleteCaInput = { caTag: string };
/** Request Certificate Issuance input: the vendor's body fields. */
export type RequestCertificateIssuanceInput = RequestCertificateIssuance;
/** List Cloud Certificates input: the optional query parameters. */
export type ListCloudCertificatesInput = { page?: number | string; pageSize?: number | string; certificateName?: string };
/** List Certificates input: no parameters. */
export type ListCertificatesInput = Record<string, never>;
/** List Dcv Statuses input: the certificate and the domain to query (required). */
export type ListDcvStatusesInput = { certificateNo: CertificateNo; domainAddress: string };
/** Delete Certificate input: the number and the certificate's name, which must match. */
export type DeleteCertificateInput = { certificateNo: CertificateNo; certificateName: string };
/** Reissue Certificate input: the certificate plus the vendor's body fields. */
export type ReissueCertificateInput = ReissueCertificate & { certificateNo: CertificateNo };
/** Download Certificate input: the certificate plus the optional body field `type` (`PEM`). */
export type DownloadCertificateInput = DownloadCertificate & { certificateNo: CertificateNo };
/** Get Certificate Chain input. */
export type GetCertificateChainInput = { certificateNo: CertificateNo };
/** Revoke Certificate input: the vendor's body fields. */
export type RevokeCertificateInput = RevokeCertificate;

/** The headers of {@link signRequest}, as `fetch` takes them. */
export type SignatureHeaders = {
    "x-ncp-apigw-timestamp": string;
    "x-ncp-iam-access-key": string;
    "x-ncp-apigw-signature-v2": string;
};

/** Each operation's input, by operation name. */
export interface OperationInputs {
    getCaList: GetCaListInput;
    getCa: GetCaInput;
    createCa: CreateCaInput;
    getSubCsr: GetSubCsrInput;
    signSubCsr: SignSubCsrInput;
    activateSubCa: ActivateSubCaInput;
    issueEndCert: IssueEndCertInput;
    signEndCsr: SignEndCsrInput;
    getEndCertList: GetEndCertListInput;
    getEndCert: GetEndCertInput;
    revokeEndCert: RevokeEndCertInput;
    getCaChain: GetCaChainInput;
    getCaCrl: GetCaCrlInput;
    updateCa: UpdateCaInput;
    deleteCa: DeleteCaInput;
    requestCertificateIssuance: RequestCertificateIssuanceInput;
    listCloudCertificates: ListCloudCertificatesInput;
    listCertificates: ListCertificatesInput;
    listDcvStatuses: ListDcvStatusesInput;
    deleteCertificate: DeleteCertificateInput;
    reissueCertificate: ReissueCertificateInput;
    downloadCertificate: DownloadCertificateInput;
    getCertificateChain: GetCertificateChainInput;
    revokeCertificate: RevokeCertificateInput;
}

/** The input of any operation. */
export type OperationInput = OperationInputs[OperationKind];

/** Each operation's success data (`data` of `{ok: true}`), by operation name. */
export interface OperationResponses {
    getCaList: CaList;
    getCa: CaDetail;
    createCa: CaDetail;
    getSubCsr: SubCsr;
    signSubCsr: SignedCertificate;
    activateSubCa: ActivateSubCaResponse;
    issueEndCert: IssueEndCertResponse;
    signEndCsr: SignedCertificate;
    getEndCertList: EndCertList;
    getEndCert: EndCert;
    /** `null`: the documented success has no data. */
    revokeEndCert: null;
    /** The chain's PEM text. */
    getCaChain: string;
    /** The CRL's PEM text (`-----BEGIN X509 CRL-----`). */
    getCaCrl: string;
    updateCa: CaDetail;
    /** `null`: the documented success has no data. */
    deleteCa: null;
    requestCertificateIssuance: RequestCertificateIssuanceResponse;
    listCloudCertificates: CertificateList;
    listCertificates: CertificateList;
    listDcvStatuses: DcvStatuses;
    deleteCertificate: CmResult;
    reissueCertificate: CmResult;
    /** `zip` holds the archive's bytes. */
    downloadCertificate: CertificateArchive;
    getCertificateChain: CertificateChain;
    revokeCertificate: CmResult;
}

/** {@link ParsedResponse} with the success data of operation `K`. */
export type ParsedResponseOf<K extends OperationKind> =
    | (Omit<Extract<ParsedResponse, { ok: true }>, "data"> & { data: OperationResponses[K] })
    | Extract<ParsedResponse, { ok: false }>;

/** {@link ClientResult} with the success data of operation `K`. */
export type ClientResultOf<K extends OperationKind> =
    | (Omit<Extract<ClientResult, { ok: true }>, "data"> & { data: OperationResponses[K] })
    | Extract<ClientResult, { ok: false }>;
"#;

/// The string that signature v2 signs: `"{METHOD} {pathAndQuery}\n{timestampMs}\n{accessKey}"`.
#[wasm_bindgen(js_name = stringToSign)]
pub fn string_to_sign(
    #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
    #[wasm_bindgen(js_name = pathAndQuery, unchecked_param_type = "string")]
    path_and_query: JsValue,
    #[wasm_bindgen(js_name = timestampMs)] timestamp_ms: f64,
    #[wasm_bindgen(js_name = accessKey, unchecked_param_type = "string")] access_key: JsValue,
) -> Result<String, JsValue> {
    let (method, path_and_query, timestamp_ms) =
        request_line(&method, &path_and_query, timestamp_ms)?;
    let access_key = string(&access_key, "accessKey")?;
    Ok(signing::string_to_sign(
        &method,
        &path_and_query,
        timestamp_ms,
        &access_key,
    ))
}

/// The signature v2 value: Base64 of HMAC-SHA256 keyed with the secret key.
#[wasm_bindgen]
pub fn sign(
    #[wasm_bindgen(js_name = secretKey, unchecked_param_type = "string")] secret_key: JsValue,
    #[wasm_bindgen(js_name = stringToSign, unchecked_param_type = "string")]
    string_to_sign: JsValue,
) -> Result<String, JsValue> {
    let secret_key = string(&secret_key, "secretKey")?;
    let string_to_sign = string(&string_to_sign, "stringToSign")?;
    Ok(signing::sign(&secret_key, &string_to_sign))
}

/// The `method`, `pathAndQuery` and `timestampMs` arguments every signing call takes, checked
/// and named in the error.
fn request_line(
    method: &JsValue,
    path_and_query: &JsValue,
    timestamp_ms: f64,
) -> Result<(String, String, u64), JsValue> {
    Ok((
        string(method, "method")?,
        string(path_and_query, "pathAndQuery")?,
        whole_number(timestamp_ms, "timestampMs")?,
    ))
}

/// The three signature v2 headers of one request, in one call: the string to sign is built
/// and signed inside (certkit-core's signer, the one [`sign`] and [`build_request`] use), so the
/// strings cross into wasm once and the signature comes back once. Returns
/// `{"x-ncp-apigw-timestamp", "x-ncp-iam-access-key", "x-ncp-apigw-signature-v2"}`, ready
/// for `fetch`'s `headers`; the signature equals
/// `sign(secretKey, stringToSign(method, pathAndQuery, timestampMs, accessKey))`.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignatureHeaders")]
pub fn sign_request_headers(
    #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
    #[wasm_bindgen(js_name = pathAndQuery, unchecked_param_type = "string")]
    path_and_query: JsValue,
    #[wasm_bindgen(js_name = timestampMs)] timestamp_ms: f64,
    #[wasm_bindgen(js_name = accessKey, unchecked_param_type = "string")] access_key: JsValue,
    #[wasm_bindgen(js_name = secretKey, unchecked_param_type = "string")] secret_key: JsValue,
) -> Result<JsValue, JsValue> {
    let (method, path_and_query, timestamp_ms) =
        request_line(&method, &path_and_query, timestamp_ms)?;
    let credentials = signing::Credentials::new(
        string(&access_key, "accessKey")?,
        string(&secret_key, "secretKey")?,
    );
    let signed = signing::signed_headers(&credentials, &method, &path_and_query, timestamp_ms);
    headers_object(&signed)
}

/// A key pair keyed once for many requests: `new Signer(accessKey, secretKey)`, then
/// `signer.sign(method, pathAndQuery, timestampMs)` for the signature or
/// `signer.signRequest(method, pathAndQuery, timestampMs)` for the three headers. The secret
/// key's HMAC pads are hashed once, here, so each request hashes only its string to sign; the
/// signatures equal `sign(secretKey, stringToSign(...))`. The key stays inside the wasm
/// memory; `free()` (or `using`) releases it at once.
#[wasm_bindgen]
pub struct Signer {
    inner: signing::Signer,
}

#[wasm_bindgen]
impl Signer {
    /// Keys a signer with an NCP API key pair.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = accessKey, unchecked_param_type = "string")] access_key: JsValue,
        #[wasm_bindgen(js_name = secretKey, unchecked_param_type = "string")] secret_key: JsValue,
    ) -> Result<Signer, JsValue> {
        let credentials = signing::Credentials::new(
            string(&access_key, "accessKey")?,
            string(&secret_key, "secretKey")?,
        );
        Ok(Signer {
            inner: signing::Signer::new(&credentials),
        })
    }

    /// The access key id this signer signs for.
    #[wasm_bindgen(getter, js_name = accessKey)]
    pub fn access_key(&self) -> String {
        self.inner.access_key().into()
    }

    /// The signature v2 value of one request (the `x-ncp-apigw-signature-v2` header).
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
        #[wasm_bindgen(js_name = pathAndQuery, unchecked_param_type = "string")]
        path_and_query: JsValue,
        #[wasm_bindgen(js_name = timestampMs)] timestamp_ms: f64,
    ) -> Result<String, JsValue> {
        let (method, path_and_query, timestamp_ms) =
            request_line(&method, &path_and_query, timestamp_ms)?;
        Ok(self.inner.signature(&method, &path_and_query, timestamp_ms))
    }

    /// [`Signer::sign`]'s fast path, for the JS wrapper of `sign` (`npm/signer-fast-path.js`,
    /// which takes this entry and [`Signer::scratch`] off the class): the method's and then
    /// the path's bytes are in the scratch buffer from its start, and the signature's
    /// [`signing::SIGNATURE_LEN`] ASCII bytes replace them there. `false` (nothing written)
    /// for anything `sign` would refuse, so that the wrapper calls `sign` to throw its error.
    /// Numbers in, a bool out: no string crosses the boundary, which costs more than the HMAC.
    #[wasm_bindgen(js_name = __signScratch, skip_typescript)]
    pub fn sign_scratch(&self, method_len: usize, path_len: usize, timestamp_ms: f64) -> bool {
        let Some(timestamp_ms) = convert::whole(timestamp_ms) else {
            return false;
        };
        SCRATCH.with(|scratch| {
            let Ok(mut scratch) = scratch.try_borrow_mut() else {
                return false;
            };
            let (method, rest) = scratch.split_at(method_len.min(SCRATCH_LEN));
            let Some(path) = rest.get(..path_len) else {
                return false;
            };
            let signature = self.inner.signature_ascii(method, path, timestamp_ms);
            scratch
                .get_mut(..signature.len())
                .map(|out| out.copy_from_slice(&signature))
                .is_some()
        })
    }

    /// A view of the scratch buffer in the wasm memory, for the JS wrapper; renewed by the
    /// wrapper when the memory grows (which detaches the view).
    #[wasm_bindgen(js_name = __scratch, skip_typescript)]
    pub fn scratch() -> js_sys::Uint8Array {
        let buffer = wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer();
        // A pointer into the 32-bit wasm memory is its byte offset.
        let at = SCRATCH.with(|scratch| scratch.as_ptr() as usize) as u32;
        js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, at, SCRATCH_LEN as u32)
    }

    /// The three signature v2 headers of one request, as {@link signRequest} returns them.
    #[wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignatureHeaders")]
    pub fn sign_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] method: JsValue,
        #[wasm_bindgen(js_name = pathAndQuery, unchecked_param_type = "string")]
        path_and_query: JsValue,
        #[wasm_bindgen(js_name = timestampMs)] timestamp_ms: f64,
    ) -> Result<JsValue, JsValue> {
        let (method, path_and_query, timestamp_ms) =
            request_line(&method, &path_and_query, timestamp_ms)?;
        headers_object(
            &self
                .inner
                .signed_headers(&method, &path_and_query, timestamp_ms),
        )
    }
}

/// The bytes the JS wrapper's fast path of `Signer.sign` hands over (method and path in,
/// signature out): longer requests take the ordinary path.
const SCRATCH_LEN: usize = 4096;

thread_local! {
    /// The fast path's buffer, at a fixed place in the wasm memory (wasm is single-threaded).
    static SCRATCH: core::cell::RefCell<[u8; SCRATCH_LEN]> =
        const { core::cell::RefCell::new([0; SCRATCH_LEN]) };
}

/// `{"x-ncp-apigw-timestamp", "x-ncp-iam-access-key", "x-ncp-apigw-signature-v2"}` as a JS
/// object.
fn headers_object(signed: &signing::SignedHeaders) -> Result<JsValue, JsValue> {
    // One JSON text parsed on the JS side: one string out of wasm and one call. Setting three
    // properties one by one (Reflect.set) measured slower.
    let json = |value: &str| {
        // Serialising a string cannot fail; the error exists only in the type.
        serde_json::to_string(value).map_err(|_| {
            error(
                ErrorCode::Internal,
                "signRequest: cannot write a header",
                &[],
            )
        })
    };
    let text = format!(
        "{{\"{}\":{},\"{}\":{},\"{}\":{}}}",
        signing::HEADER_TIMESTAMP,
        json(signed.timestamp())?,
        signing::HEADER_ACCESS_KEY,
        json(signed.access_key())?,
        signing::HEADER_SIGNATURE_V2,
        json(signed.signature())?,
    );
    js_sys::JSON::parse(&text)
}

/// Every problem that blocks sending an operation's input (`[]` when it can be sent), checked
/// after the same PEM repairs [`build_request`] makes.
#[wasm_bindgen(unchecked_return_type = "Problem[]")]
pub fn validate(
    #[wasm_bindgen(js_name = operation, unchecked_param_type = "OperationKind")]
    operation_name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OperationInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let problems = match repaired(&operation_name, &input)? {
        Ok(op) => op.validate(),
        Err(problem) => vec![problem],
    };
    to_js(&problems)
}

/// Advice about an operation's input beyond NCP's documented rules (`severity: "warning"`):
/// worth showing, never blocking a send. `[]` when there is none or the input cannot be read.
#[wasm_bindgen(unchecked_return_type = "Problem[]")]
pub fn warnings(
    #[wasm_bindgen(js_name = operation, unchecked_param_type = "OperationKind")]
    operation_name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OperationInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let warnings = match repaired(&operation_name, &input)? {
        Ok(op) => op.warnings(),
        Err(_) => Vec::new(),
    };
    to_js(&warnings)
}

/// The input read as the operation, with the PEM repairs [`build_request`] makes, so that
/// [`validate`] and [`warnings`] judge what would be sent; the one problem when it cannot be
/// read; throws `unknown_operation`.
fn repaired(
    operation_name: &JsValue,
    input: &JsValue,
) -> Result<Result<Operation, Problem>, JsValue> {
    let kind = operation_kind(operation_name)?;
    Ok(operation(kind, input).map(|mut op| {
        op.normalise_pem();
        op
    }))
}

/// Whether this call destroys something that cannot be undone (a revocation, a deletion, or
/// Update CA to `DESTROYING`): ask the user for an explicit confirmation before sending it.
/// `false` when the input cannot be read.
#[wasm_bindgen(js_name = isDestructive)]
pub fn is_destructive(
    #[wasm_bindgen(js_name = operation, unchecked_param_type = "OperationKind")]
    operation_name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OperationInput")] input: JsValue,
) -> Result<bool, JsValue> {
    let kind = operation_kind(&operation_name)?;
    Ok(operation(kind, &input).is_ok_and(|op| op.is_destructive()))
}

/// Options of [`build_request`]: where to send, with which key, at what time. `Debug` redacts
/// the secret key.
// Read part by part (`BuildOptions::from_js`); the derived `Deserialize` only carries the
// attributes the declaration is generated from.
#[derive(Debug, Deserialize, Tsify)]
pub struct BuildOptions {
    /// Site, key pair and base URL.
    #[serde(flatten)]
    pub connection: ConnectionOptions,
    /// The time to sign at.
    #[serde(flatten)]
    pub time: SigningTime,
}

/// The time [`build_request`] signs at.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SigningTime {
    /// Unix epoch milliseconds to sign with; default `Date.now()`.
    #[serde(default)]
    #[tsify(optional)]
    pub timestamp_ms: Option<f64>,
}

impl BuildOptions {
    /// Reads both parts from the one object; other keys (a `fetch` passed along to
    /// `createClient` too) are left alone.
    fn from_js(value: JsValue) -> Result<Self, JsValue> {
        let options = JsOptions::required(value, "buildRequest options")?;
        Ok(BuildOptions {
            connection: ConnectionOptions::from_js(&options)?,
            time: SigningTime {
                timestamp_ms: options.opt_number("timestampMs")?,
            },
        })
    }
}

/// A signed request, ready for `fetch(url, {method, headers, body})`.
#[derive(Clone, Debug, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NcpRequest {
    /// HTTP method: `GET`, `POST`, `PUT` or `DELETE`.
    pub method: String,
    /// The full URL.
    pub url: String,
    /// The signed upstream path with its query, e.g. `/api/v1/ca/{caTag}/cert` or
    /// `/api/v2/certificate/getVerificationInfo/123?domainAddress=example.com`.
    pub path_and_query: String,
    /// Headers in sending order: `x-ncp-apigw-timestamp`, `x-ncp-iam-access-key`,
    /// `x-ncp-apigw-signature-v2`, `Content-Type` (and `accept` for Certificate Manager).
    #[serde(with = "ordered_headers")]
    #[tsify(type = "Record<string, string>")]
    pub headers: Vec<(String, String)>,
    /// The JSON body; absent for GET, DELETE and Revoke End Cert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub body: Option<String>,
    /// What was repaired in the PEM fields before signing (show it to the user).
    pub repairs: Vec<PemRepair>,
    /// Advice about the input that did not block the request (show it to the user).
    pub warnings: Vec<Problem>,
}

/// What [`to_curl`] reads of a request: repairs and warnings do not change the command, so a
/// hand-made `{method, url, pathAndQuery, headers, body}` will do.
struct CurlRequest {
    method: String,
    url: String,
    path_and_query: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl CurlRequest {
    fn from_js(value: JsValue) -> Result<Self, JsValue> {
        let request = JsOptions::required(value, "toCurl request")?;
        Ok(CurlRequest {
            method: request.string("method")?,
            url: request.string("url")?,
            path_and_query: request.string("pathAndQuery")?,
            headers: request.headers("headers")?,
            body: request.opt_string("body")?,
        })
    }
}

impl From<Request> for NcpRequest {
    fn from(r: Request) -> Self {
        NcpRequest {
            method: r.method,
            url: r.url,
            path_and_query: r.path_and_query,
            headers: r.headers,
            body: r.body,
            repairs: r.repairs,
            warnings: r.warnings,
        }
    }
}

impl From<CurlRequest> for Request {
    fn from(r: CurlRequest) -> Self {
        Request {
            method: r.method,
            url: r.url,
            path_and_query: r.path_and_query,
            headers: r.headers,
            body: r.body,
            repairs: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Validates, then builds and signs a request (signature v2 over the upstream path).
#[wasm_bindgen(js_name = buildRequest, unchecked_return_type = "NcpRequest")]
pub fn build_request(
    #[wasm_bindgen(js_name = operation, unchecked_param_type = "OperationKind")]
    operation_name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OperationInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let kind = operation_kind(&operation_name)?;
    let options = BuildOptions::from_js(options)?;
    let timestamp_ms = match options.time.timestamp_ms {
        Some(ms) => whole_number(ms, "timestampMs")?,
        None => whole_number(js_sys::Date::now(), "Date.now()")?,
    };
    let (target, credentials) = options.connection.into_parts()?;
    let op = parse_operation(kind, &input)?;
    let request = sign_request(&op, &target, &credentials, timestamp_ms)?;
    to_js(&NcpRequest::from(request))
}

/// Options of [`to_curl`].
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CurlOptions {
    /// Show only the first four characters of the access key (for logs and screens).
    #[serde(default)]
    #[tsify(optional)]
    pub mask_access_key: Option<bool>,
}

/// The request as a curl command in the style of NCP's examples (runnable as it is unless
/// `maskAccessKey` is set).
#[wasm_bindgen(js_name = toCurl)]
pub fn to_curl(
    #[wasm_bindgen(
        unchecked_param_type = "Pick<NcpRequest, \"method\" | \"url\" | \"pathAndQuery\" | \"headers\" | \"body\">"
    )]
    request: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CurlOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let request = CurlRequest::from_js(request)?;
    let options = CurlOptions {
        mask_access_key: JsOptions::optional(options, "toCurl options")?
            .opt_bool("maskAccessKey")?,
    };
    let request = Request::from(request);
    Ok(if options.mask_access_key.unwrap_or(false) {
        request.to_curl_masked()
    } else {
        request.to_curl()
    })
}

/// The outcome of a call: the typed success body, or the classified failure.
#[derive(Debug, Serialize, Tsify)]
#[serde(untagged)]
// One value per response: boxing would only complicate matching.
#[allow(clippy::large_enum_variant)]
pub enum ParsedResponse {
    /// `{ok: true, data}`.
    Success {
        /// Always `true`.
        #[tsify(type = "true")]
        ok: bool,
        /// The operation's success body.
        data: ResponseData,
    },
    /// `{ok: false, error: {kind, code, message, hint}}`.
    Failure {
        /// Always `false`.
        #[tsify(type = "false")]
        ok: bool,
        /// What went wrong and what to do.
        error: Failure,
    },
}

impl From<Result<ResponseData, Failure>> for ParsedResponse {
    fn from(result: Result<ResponseData, Failure>) -> Self {
        match result {
            Ok(data) => ParsedResponse::Success { ok: true, data },
            Err(error) => ParsedResponse::Failure { ok: false, error },
        }
    }
}

/// Options of [`parse_response`].
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ParseOptions {
    /// Server clock minus local clock (from [`clock_skew`]): an `authFailed` hint then says
    /// whether the clock is the cause.
    #[serde(default)]
    #[tsify(optional)]
    pub clock_skew_ms: Option<f64>,
}

/// Parses a response to `operation` (HTTP `status`, body as text or bytes) into
/// `{ok: true, data}` or `{ok: false, error}`, using core's classification of every NCP error
/// envelope. Download Certificate's ZIP needs the bytes (`new Uint8Array(await
/// response.arrayBuffer())`); `data.zip` is then a `Uint8Array`.
#[wasm_bindgen(js_name = parseResponse, unchecked_return_type = "ParsedResponse")]
pub fn parse_response(
    #[wasm_bindgen(js_name = operation, unchecked_param_type = "OperationKind")]
    operation_name: JsValue,
    status: f64,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let kind = operation_kind(&operation_name)?;
    let status = convert::http_status(status)?;
    let body = body_bytes(&body, "body")?;
    let options = ParseOptions {
        clock_skew_ms: JsOptions::optional(options, "parseResponse options")?
            .opt_number("clockSkewMs")?,
    };
    let mut result = certkit_core::response::parse_response_bytes(kind, status, &body);
    if let (Err(failure), Some(skew)) = (&mut result, options.clock_skew_ms) {
        let skew = convert::whole_signed(skew, "clockSkewMs")?;
        *failure = failure.clone().with_clock_skew(skew);
    }
    let parsed = ParsedResponse::from(result);
    let data = match &parsed {
        ParsedResponse::Success { data, .. } => Some(data),
        ParsedResponse::Failure { .. } => None,
    };
    result_to_js(&parsed, data)
}

/// Server clock minus local clock in milliseconds, from a response's `Date` header and the
/// local time it arrived (`undefined` when the header is missing — `null`/`undefined`, as
/// `headers.get('date')` gives — or not an HTTP date).
#[wasm_bindgen(js_name = clockSkewMs)]
pub fn clock_skew(
    #[wasm_bindgen(js_name = dateHeader, unchecked_param_type = "string | null | undefined")]
    date_header: JsValue,
    #[wasm_bindgen(js_name = localNowMs)] local_now_ms: f64,
) -> Result<Option<f64>, JsValue> {
    let now = whole_number(local_now_ms, "localNowMs")?;
    if date_header.is_null() || date_header.is_undefined() {
        return Ok(None);
    }
    let date_header = string(&date_header, "dateHeader")?;
    // |skew| < 2^53 for any real date, so the conversion to a JS number is exact.
    Ok(clock::clock_skew_ms(&date_header, now).map(|skew| skew as f64))
}

/// Whether the gateway rejects requests at this clock skew (5 minutes or more either way).
#[wasm_bindgen(js_name = isSkewRejected)]
pub fn is_skew_rejected(#[wasm_bindgen(js_name = skewMs)] skew_ms: f64) -> Result<bool, JsValue> {
    Ok(clock::skew_rejected(convert::whole_signed(
        skew_ms, "skewMs",
    )?))
}

/// The largest clock correction `createClient` applies by itself, in milliseconds (3600000:
/// 1 hour).
#[wasm_bindgen(js_name = maxClockCorrectionMs)]
pub fn max_clock_correction_ms() -> f64 {
    clock::MAX_CLOCK_CORRECTION_MS as f64
}

/// The gateway's limit on clock skew in milliseconds (300000: 5 minutes).
#[wasm_bindgen(js_name = maxClockSkewMs)]
pub fn max_clock_skew_ms() -> f64 {
    MAX_CLOCK_SKEW_MS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_the_options_never_shows_the_secret_key() {
        let secret = "s3cr3t-VALUE-xyz";
        let connection = || ConnectionOptions {
            site: None,
            access_key: "AK".into(),
            secret_key: secret.into(),
            base_url: None,
        };
        let build = BuildOptions {
            connection: connection(),
            time: SigningTime::default(),
        };
        let client = client::ClientOptions {
            connection: connection(),
            fetch: None,
        };
        for text in [format!("{build:?}"), format!("{client:?}")] {
            assert!(!text.contains(secret), "{text}");
            assert!(text.contains("<redacted>") && text.contains("AK"), "{text}");
        }
    }
}
