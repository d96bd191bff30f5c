//! `createClient`: a method per operation; signs at send time, sends with `fetch` (the global
//! one unless another is given), corrects for clock skew once, and retries the older
//! documented request once when the gateway does not know the newer one.
//!
//! The I/O lives here; every rule comes from certkit-core: building and signing
//! (`Request::build`), classification (`parse_response_bytes`), skew measurement and the
//! 5-minute limit (`clock`), the fallbacks (`Operation::fallback`, `wants_fallback`).

use std::cell::Cell;
use std::rc::Rc;

use certkit_core::clock;
use certkit_core::signing::Credentials;
use certkit_core::{
    wants_fallback, Failure, Operation, OperationKind, Request, ResponseData, Target,
};
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::convert::{operation_kind, result_to_js, whole_number, JsOptions};
use crate::error::{error, ErrorCode};
use crate::request::{parse_operation, sign_request, ConnectionOptions};

#[wasm_bindgen(typescript_custom_section)]
const FETCH_LIKE_TS: &'static str = r#"
/** The part of `fetch` that the client uses; the global `fetch` of Node 18+ and browsers fits. */
export type FetchLike = (
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{
    status: number;
    headers: { get(name: string): string | null };
    /** Read when present (Download Certificate answers a ZIP); else `text()`. */
    arrayBuffer?(): Promise<ArrayBuffer>;
    text(): Promise<string>;
}>;
"#;

/// Options of [`create_client`]. `Debug` redacts the secret key.
// `createClient` reads the connection and `fetch` separately; the derived `Deserialize` only
// carries the attributes the declaration is generated from (serde's `flatten` would read only
// own data properties, and fail on the `fetch` function).
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// Site, key pair and base URL.
    #[serde(flatten)]
    pub connection: ConnectionOptions,
    /// The `fetch` to use; default the global one. (Read separately: a function is no data.)
    #[serde(default)]
    #[tsify(optional, type = "FetchLike")]
    pub fetch: Option<serde::de::IgnoredAny>,
}

/// What a client call resolves to: like `ParsedResponse`, plus the
/// HTTP status, the measured clock skew, whether the call was re-signed and retried, and
/// whether the answer came from the older documented request.
#[derive(Debug, Serialize, Tsify)]
#[serde(untagged)]
// One value per call: boxing would only complicate matching.
#[allow(clippy::large_enum_variant)]
pub enum ClientResult {
    /// `{ok: true, data, status, clockSkewMs?, retried}`.
    Success {
        /// Always `true`.
        #[tsify(type = "true")]
        ok: bool,
        /// The operation's success body.
        data: ResponseData,
        /// The HTTP status of the (last) response.
        status: u16,
        /// Server clock minus local clock in ms, from the response's `Date` header.
        #[serde(rename = "clockSkewMs", skip_serializing_if = "Option::is_none")]
        #[tsify(optional)]
        clock_skew_ms: Option<i64>,
        /// Whether the first attempt was refused for clock skew and re-signed with the
        /// server's time.
        retried: bool,
        /// Whether the gateway did not know the newer request and the answer comes from the
        /// older documented one (List Certificates for List Cloud Certificates, filtered by
        /// name and paged here; GET for Download Certificate).
        #[serde(rename = "usedFallback")]
        used_fallback: bool,
    },
    /// `{ok: false, error, status, clockSkewMs?, retried}`.
    Failure {
        /// Always `false`.
        #[tsify(type = "false")]
        ok: bool,
        /// What went wrong and what to do.
        error: Failure,
        /// The HTTP status of the (last) response.
        status: u16,
        /// Server clock minus local clock in ms, from the response's `Date` header.
        #[serde(rename = "clockSkewMs", skip_serializing_if = "Option::is_none")]
        #[tsify(optional)]
        clock_skew_ms: Option<i64>,
        /// Whether the first attempt was refused for clock skew and re-signed with the
        /// server's time.
        retried: bool,
        /// Whether the gateway did not know the newer request and the answer comes from the
        /// older documented one (List Certificates for List Cloud Certificates, filtered by
        /// name and paged here; GET for Download Certificate).
        #[serde(rename = "usedFallback")]
        used_fallback: bool,
    },
}

impl ClientResult {
    fn new(
        result: Result<ResponseData, Failure>,
        status: u16,
        clock_skew_ms: Option<i64>,
        retried: bool,
        used_fallback: bool,
    ) -> Self {
        // The skew stays an integer, written as a JSON integer (no float formatting in the
        // module); |skew| < 2^53 for any real date, so JS reads the number exactly.
        match result {
            Ok(data) => ClientResult::Success {
                ok: true,
                data,
                status,
                clock_skew_ms,
                retried,
                used_fallback,
            },
            Err(error) => ClientResult::Failure {
                ok: false,
                error,
                status,
                clock_skew_ms,
                retried,
                used_fallback,
            },
        }
    }
}

/// A client bound to one key pair and target; create it with `createClient`.
#[wasm_bindgen]
pub struct Client {
    inner: Rc<Inner>,
}

struct Inner {
    target: Target,
    credentials: Credentials,
    fetch: Function,
    /// `this` for the `fetch` call: the global object (browsers' `fetch` insists on it).
    global: JsValue,
    /// Added to `Date.now()` when signing; set once the server's clock proved too far off.
    skew_ms: Cell<i64>,
}

/// A response as far as the client needs it.
struct Reply {
    status: u16,
    date: Option<String>,
    body: Vec<u8>,
}

/// Creates a client with a method per operation (`client.getCaList({pageNo: 1})`, ...) and
/// `client.call(operation, input)`. Each call signs at send time and resolves to a
/// [`ClientResult`]; it rejects with an `NcpCertkitError` only when nothing could be sent
/// (`invalid_input`, `not_offered`, `unknown_operation`) or `fetch` failed (`network`).
#[wasm_bindgen(js_name = createClient)]
pub fn create_client(
    #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
) -> Result<Client, JsValue> {
    let global: JsValue = js_sys::global().into();
    let fetch = match Reflect::get(&options, &"fetch".into()) {
        Ok(f) if !f.is_undefined() && !f.is_null() => f,
        _ => Reflect::get(&global, &"fetch".into()).unwrap_or(JsValue::UNDEFINED),
    };
    let fetch: Function = fetch.dyn_into().map_err(|_| {
        error(
            ErrorCode::InvalidArgument,
            "createClient options: fetch is not a function and there is no global fetch; pass options.fetch",
            &[],
        )
    })?;
    let options = JsOptions::required(options, "createClient options")?;
    let connection = ConnectionOptions::from_js(&options)?;
    let (target, credentials) = connection.into_parts()?;
    Ok(Client {
        inner: Rc::new(Inner {
            target,
            credentials,
            fetch,
            global,
            skew_ms: Cell::new(0),
        }),
    })
}

/// The client's per-operation methods, from one table: Rust name, JS name, operation, the
/// input's declaration (`unchecked_optional_param_type` where every field is optional) and
/// the typed result.
macro_rules! operation_methods {
    // Docs as `#[doc = "…"]` strings: `///` comments passed through a macro reach
    // wasm-bindgen as raw strings and show as `r"…"` in the declarations.
    ($($(#[doc = $doc:tt])* $name:ident = $js:ident, $kind:ident, $param:ident = $input:tt, $result:tt;)*) => {
        #[wasm_bindgen]
        impl Client {
            $(
                $(#[doc = $doc])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $result)]
                pub fn $name(&self, #[wasm_bindgen($param = $input)] input: JsValue) -> Promise {
                    self.send(OperationKind::$kind, input)
                }
            )*
        }
    };
}

operation_methods! {
    #[doc = " Private CA P1, Get CA List: a page of CAs (`pageNo` from 1, default 1)."]
    get_ca_list = getCaList, GetCaList, unchecked_optional_param_type = "GetCaListInput", "Promise<ClientResultOf<\"getCaList\">>";
    #[doc = " Private CA P2, Get CA: one CA with its certificate."]
    get_ca = getCa, GetCa, unchecked_param_type = "GetCaInput", "Promise<ClientResultOf<\"getCa\">>";
    #[doc = " Private CA P3, Create CA: a root (`caType: 'PRIVATE_ROOT'`), a sub CA signed by a"]
    #[doc = " platform CA (`PRIVATE_SUB` with `issuerTag`), or one to sign elsewhere (`PRIVATE_SUB`"]
    #[doc = " alone; it stays `PENDING` until Activate Sub CA)."]
    create_ca = createCa, CreateCa, unchecked_param_type = "CreateCaInput", "Promise<ClientResultOf<\"createCa\">>";
    #[doc = " Private CA P4, Get Sub Csr: the CSR of a sub CA to sign elsewhere."]
    get_sub_csr = getSubCsr, GetSubCsr, unchecked_param_type = "GetSubCsrInput", "Promise<ClientResultOf<\"getSubCsr\">>";
    #[doc = " Private CA P5, Sign Sub Csr: `caTag` signs a sub CA's CSR."]
    sign_sub_csr = signSubCsr, SignSubCsr, unchecked_param_type = "SignSubCsrInput", "Promise<ClientResultOf<\"signSubCsr\">>";
    #[doc = " Private CA: Activate Sub CA with its signed certificate and the signer's chain."]
    activate_sub_ca = activateSubCa, ActivateSubCa, unchecked_param_type = "ActivateSubCaInput", "Promise<ClientResultOf<\"activateSubCa\">>";
    #[doc = " Private CA: Issue End Cert, an end-entity certificate with a key NCP generates."]
    issue_end_cert = issueEndCert, IssueEndCert, unchecked_param_type = "IssueEndCertInput", "Promise<ClientResultOf<\"issueEndCert\">>";
    #[doc = " Private CA P13, Sign End Csr: a certificate for your own CSR (the key stays with you)."]
    sign_end_csr = signEndCsr, SignEndCsr, unchecked_param_type = "SignEndCsrInput", "Promise<ClientResultOf<\"signEndCsr\">>";
    #[doc = " Private CA P6, Get End Cert List: a page of a CA's serial numbers."]
    get_end_cert_list = getEndCertList, GetEndCertList, unchecked_param_type = "GetEndCertListInput", "Promise<ClientResultOf<\"getEndCertList\">>";
    #[doc = " Private CA P7, Get End Cert: one certificate by serial number."]
    get_end_cert = getEndCert, GetEndCert, unchecked_param_type = "GetEndCertInput", "Promise<ClientResultOf<\"getEndCert\">>";
    #[doc = " Private CA P8, Revoke End Cert (destructive: it goes on the CA's CRL for good)."]
    revoke_end_cert = revokeEndCert, RevokeEndCert, unchecked_param_type = "RevokeEndCertInput", "Promise<ClientResultOf<\"revokeEndCert\">>";
    #[doc = " Private CA P9, Get CA Chain: the PEM chain as one string."]
    get_ca_chain = getCaChain, GetCaChain, unchecked_param_type = "GetCaChainInput", "Promise<ClientResultOf<\"getCaChain\">>";
    #[doc = " Private CA P10, Get CA Crl: the CRL as PEM."]
    get_ca_crl = getCaCrl, GetCaCrl, unchecked_param_type = "GetCaCrlInput", "Promise<ClientResultOf<\"getCaCrl\">>";
    #[doc = " Private CA P11, Update CA: set `ACTIVE`, `DEACTIVATED` or `DESTROYING` (destructive:"]
    #[doc = " deletion after 72 hours, sub CAs included)."]
    update_ca = updateCa, UpdateCa, unchecked_param_type = "UpdateCaInput", "Promise<ClientResultOf<\"updateCa\">>";
    #[doc = " Private CA P12, Delete CA: a CA in `DESTROYING`, at once (destructive)."]
    delete_ca = deleteCa, DeleteCa, unchecked_param_type = "DeleteCaInput", "Promise<ClientResultOf<\"deleteCa\">>";
    #[doc = " Certificate Manager: Request Certificate Issuance of a public certificate."]
    request_certificate_issuance = requestCertificateIssuance, RequestCertificateIssuance, unchecked_param_type = "RequestCertificateIssuanceInput", "Promise<ClientResultOf<\"requestCertificateIssuance\">>";
    #[doc = " Certificate Manager C1, List Cloud Certificates (`certificateName` filters). Falls back to"]
    #[doc = " List Certificates when the gateway does not know the path, filtering and paging here."]
    list_cloud_certificates = listCloudCertificates, ListCloudCertificates, unchecked_optional_param_type = "ListCloudCertificatesInput", "Promise<ClientResultOf<\"listCloudCertificates\">>";
    #[doc = " Certificate Manager C1b, List Certificates (the older list, no parameters)."]
    list_certificates = listCertificates, ListCertificates, unchecked_optional_param_type = "ListCertificatesInput", "Promise<ClientResultOf<\"listCertificates\">>";
    #[doc = " Certificate Manager C2, List Dcv Statuses: the DNS validation records of one domain."]
    list_dcv_statuses = listDcvStatuses, ListDcvStatuses, unchecked_param_type = "ListDcvStatusesInput", "Promise<ClientResultOf<\"listDcvStatuses\">>";
    #[doc = " Certificate Manager C3, Delete Certificate: number and name must match (destructive)."]
    delete_certificate = deleteCertificate, DeleteCertificate, unchecked_param_type = "DeleteCertificateInput", "Promise<ClientResultOf<\"deleteCertificate\">>";
    #[doc = " Certificate Manager C4, Reissue Certificate (Advanced DV/OV) with a new CSR."]
    reissue_certificate = reissueCertificate, ReissueCertificate, unchecked_param_type = "ReissueCertificateInput", "Promise<ClientResultOf<\"reissueCertificate\">>";
    #[doc = " Certificate Manager C5, Download Certificate: `data.zip` is the ZIP's bytes. Falls back"]
    #[doc = " from POST to GET when the gateway does not know the POST."]
    download_certificate = downloadCertificate, DownloadCertificate, unchecked_param_type = "DownloadCertificateInput", "Promise<ClientResultOf<\"downloadCertificate\">>";
    #[doc = " Certificate Manager C6, Get Certificate Chain: certificate, intermediates and root."]
    get_certificate_chain = getCertificateChain, GetCertificateChain, unchecked_param_type = "GetCertificateChainInput", "Promise<ClientResultOf<\"getCertificateChain\">>";
    #[doc = " Certificate Manager C7, Revoke Certificate (Advanced; destructive)."]
    revoke_certificate = revokeCertificate, RevokeCertificate, unchecked_param_type = "RevokeCertificateInput", "Promise<ClientResultOf<\"revokeCertificate\">>";
}

#[wasm_bindgen]
impl Client {
    /// Calls any operation by name, e.g. `client.call('getCa', {caTag})`: the same as its
    /// method.
    #[wasm_bindgen(js_name = call, unchecked_return_type = "Promise<ClientResult>")]
    pub fn call(
        &self,
        #[wasm_bindgen(js_name = operation, unchecked_param_type = "OperationKind")]
        operation_name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "OperationInput")] input: JsValue,
    ) -> Promise {
        match operation_kind(&operation_name) {
            Ok(kind) => self.send(kind, input),
            Err(e) => Promise::reject(&e),
        }
    }

    /// The correction (ms) added to the local clock when signing: 0 until a server answered 401
    /// with a clock 5 minutes or more away (and at most 1 hour away: further is not corrected).
    #[wasm_bindgen(getter, js_name = clockCorrectionMs)]
    pub fn clock_correction_ms(&self) -> f64 {
        self.inner.skew_ms.get() as f64
    }
}

impl Client {
    fn send(&self, kind: OperationKind, input: JsValue) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move { inner.send(kind, input).await })
    }
}

impl Inner {
    async fn send(&self, kind: OperationKind, input: JsValue) -> Result<JsValue, JsValue> {
        let operation = parse_operation(kind, &input)?;
        // The older documented request, once the gateway said it does not know this one.
        let mut fallback: Option<Operation> = None;
        let mut retried = false;
        loop {
            let sending = fallback.as_ref().unwrap_or(&operation);
            let correction = self.skew_ms.get();
            let now = whole_number(js_sys::Date::now(), "Date.now()")?;
            let timestamp_ms = now.saturating_add_signed(correction);
            let request = sign_request(sending, &self.target, &self.credentials, timestamp_ms)?;
            let reply = self.fetch(&request).await?;
            let arrived = whole_number(js_sys::Date::now(), "Date.now()")?;
            let skew = reply
                .date
                .as_deref()
                .and_then(|date| clock::clock_skew_ms(date, arrived));
            // How far the timestamp we signed was from the server's clock.
            let signed_skew = skew.map(|s| s.saturating_sub(correction));
            if let (Some(skew), Some(signed_skew)) = (skew, signed_skew) {
                if reply.status == 401
                    && !retried
                    && clock::skew_rejected(signed_skew)
                    && clock::correction_allowed(skew)
                {
                    // The gateway refused our timestamp: sign again with the server's time.
                    // Only within an hour: a Date further off fails with a hint saying so,
                    // rather than earning its sender a signature valid at another time.
                    self.skew_ms.set(skew);
                    retried = true;
                    continue;
                }
            }
            if fallback.is_none()
                && wants_fallback(reply.status, &String::from_utf8_lossy(&reply.body))
            {
                if let Some(older) = operation.fallback() {
                    // The method or path is signed: build and sign the older request anew.
                    fallback = Some(older);
                    continue;
                }
            }
            let mut result = certkit_core::response::parse_response_bytes(
                sending.kind(),
                reply.status,
                &reply.body,
            );
            if let (
                Some(_),
                Operation::ListCloudCertificates(filter),
                Ok(ResponseData::CertificateList(list)),
            ) = (&fallback, &operation, &mut result)
            {
                filter.apply_to(list);
            }
            let result: Result<ResponseData, Failure> = match (result, signed_skew) {
                (Err(failure), Some(signed_skew)) => Err(failure.with_clock_skew(signed_skew)),
                (result, _) => result,
            };
            let used_fallback = fallback.is_some();
            let result = ClientResult::new(result, reply.status, skew, retried, used_fallback);
            let data = match &result {
                ClientResult::Success { data, .. } => Some(data),
                ClientResult::Failure { .. } => None,
            };
            return result_to_js(&result, data);
        }
    }

    async fn fetch(&self, request: &Request) -> Result<Reply, JsValue> {
        let network = |what: &str, e: JsValue| {
            let reason = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "unknown error".to_string());
            error(
                ErrorCode::Network,
                &format!("{what} {} failed: {reason}", request.url),
                &[],
            )
        };
        let headers = Object::new();
        for (name, value) in &request.headers {
            Reflect::set(&headers, &name.into(), &value.into()).map_err(|e| network("fetch", e))?;
        }
        let init = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&init, &key.into(), value).map(|_| ());
        set("method", &request.method.as_str().into()).map_err(|e| network("fetch", e))?;
        set("headers", &headers).map_err(|e| network("fetch", e))?;
        if let Some(body) = &request.body {
            set("body", &body.as_str().into()).map_err(|e| network("fetch", e))?;
        }
        let pending = self
            .fetch
            .call2(&self.global, &request.url.as_str().into(), &init)
            .map_err(|e| network("fetch", e))?;
        let response = JsFuture::from(Promise::resolve(&pending))
            .await
            .map_err(|e| network("fetch", e))?;
        let status = Reflect::get(&response, &"status".into())
            .ok()
            .and_then(|s| s.as_f64())
            .filter(|s| (100.0..=599.0).contains(s) && s.fract() == 0.0)
            .ok_or_else(|| network("reading the status of", JsValue::from_str("no HTTP status")))?
            as u16;
        let date = Reflect::get(&response, &"headers".into())
            .ok()
            .and_then(|headers| {
                let get: Function = Reflect::get(&headers, &"get".into())
                    .ok()?
                    .dyn_into()
                    .ok()?;
                get.call1(&headers, &"date".into()).ok()?.as_string()
            });
        // The bytes when the response can give them (a ZIP must not go through text()).
        let reader = |name: &str| {
            Reflect::get(&response, &name.into())
                .ok()
                .and_then(|f| f.dyn_into::<Function>().ok())
        };
        let (read, as_bytes) = match (reader("arrayBuffer"), reader("text")) {
            (Some(f), _) => (f, true),
            (None, Some(f)) => (f, false),
            (None, None) => {
                return Err(network(
                    "reading the body of",
                    JsValue::from_str("the response has neither arrayBuffer() nor text()"),
                ))
            }
        };
        let body = read
            .call0(&response)
            .map_err(|e| network("reading the body of", e))?;
        let body = JsFuture::from(Promise::resolve(&body))
            .await
            .map_err(|e| network("reading the body of", e))?;
        let body = if as_bytes {
            Uint8Array::new(&body).to_vec()
        } else {
            body.as_string().unwrap_or_default().into_bytes()
        };
        Ok(Reply { status, date, body })
    }
}
