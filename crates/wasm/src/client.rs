//! `createClient`: signs at send time, sends with `fetch` (the global one unless another is
//! given), and corrects for clock skew once.
//!
//! The I/O lives here; every rule comes from certkit-core: building and signing
//! (`Request::build`), classification (`parse_response`), skew measurement and the 5-minute
//! limit (`clock`).

use std::cell::Cell;
use std::rc::Rc;

use certkit_core::clock;
use certkit_core::signing::Credentials;
use certkit_core::{Failure, OperationKind, Request, ResponseData, Target};
use js_sys::{Function, Object, Promise, Reflect};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::convert::{to_js, whole_number};
use crate::error::{error, ErrorCode};

#[wasm_bindgen(typescript_custom_section)]
const FETCH_LIKE_TS: &'static str = r#"
/** The part of `fetch` that the client uses; the global `fetch` of Node 18+ and browsers fits. */
export type FetchLike = (
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{
    status: number;
    headers: { get(name: string): string | null };
    text(): Promise<string>;
}>;
"#;

/// Options of [`create_client`]. `Debug` redacts the secret key.
#[derive(Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// `public` (default), `gov` or `fin`.
    #[serde(default)]
    #[tsify(optional, type = "Site")]
    pub site: Option<String>,
    /// The API access key id.
    pub access_key: String,
    /// The API secret key; it only keys signatures and is never sent.
    pub secret_key: String,
    /// Send here instead of NCP's host for the site (the sandbox, or a proxy route).
    #[serde(default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// The `fetch` to use; default the global one. (Read separately: a function is no data.)
    #[serde(default)]
    #[tsify(optional, type = "FetchLike")]
    pub fetch: Option<serde::de::IgnoredAny>,
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientOptions")
            .field("site", &self.site)
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field("base_url", &self.base_url)
            .field("fetch", &self.fetch.is_some())
            .finish()
    }
}

/// What a client call resolves to: like [`ParsedResponse`](crate::ParsedResponse), plus the HTTP status, the
/// measured clock skew and whether the call was re-signed and retried.
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
        clock_skew_ms: Option<f64>,
        /// Whether the first attempt was refused for clock skew and re-signed with the
        /// server's time.
        retried: bool,
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
        clock_skew_ms: Option<f64>,
        /// Whether the first attempt was refused for clock skew and re-signed with the
        /// server's time.
        retried: bool,
    },
}

impl ClientResult {
    fn new(
        result: Result<ResponseData, Failure>,
        status: u16,
        skew: Option<i64>,
        retried: bool,
    ) -> Self {
        // |skew| < 2^53 for any real date, so the conversion to a JS number is exact.
        let clock_skew_ms = skew.map(|s| s as f64);
        match result {
            Ok(data) => ClientResult::Success {
                ok: true,
                data,
                status,
                clock_skew_ms,
                retried,
            },
            Err(error) => ClientResult::Failure {
                ok: false,
                error,
                status,
                clock_skew_ms,
                retried,
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
    body: String,
}

/// Creates a client for the three operations. Each call signs at send time and resolves to a
/// [`ClientResult`]; it rejects with an `NcpCertkitError` only when nothing could be sent
/// (`invalid_input`, `not_offered`) or `fetch` failed (`network`).
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
    let options: ClientOptions = crate::convert::required_from_js(options, "createClient options")?;
    let target = crate::target(options.site.as_deref(), options.base_url.as_deref())?;
    Ok(Client {
        inner: Rc::new(Inner {
            target,
            credentials: Credentials::new(options.access_key, options.secret_key),
            fetch,
            global,
            skew_ms: Cell::new(0),
        }),
    })
}

#[wasm_bindgen]
impl Client {
    /// Private CA: issue an end-entity certificate.
    #[wasm_bindgen(js_name = issueEndCert, unchecked_return_type = "Promise<ClientResult>")]
    pub fn issue_end_cert(
        &self,
        #[wasm_bindgen(unchecked_param_type = "IssueEndCertInput")] input: JsValue,
    ) -> Promise {
        self.call(OperationKind::IssueEndCert, input)
    }

    /// Private CA: activate a sub CA with its signed certificate and the signer's chain.
    #[wasm_bindgen(js_name = activateSubCa, unchecked_return_type = "Promise<ClientResult>")]
    pub fn activate_sub_ca(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ActivateSubCaInput")] input: JsValue,
    ) -> Promise {
        self.call(OperationKind::ActivateSubCa, input)
    }

    /// Certificate Manager: request a public certificate.
    #[wasm_bindgen(
        js_name = requestCertificateIssuance,
        unchecked_return_type = "Promise<ClientResult>"
    )]
    pub fn request_certificate_issuance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RequestCertificateIssuanceInput")] input: JsValue,
    ) -> Promise {
        self.call(OperationKind::RequestCertificateIssuance, input)
    }

    /// The correction (ms) added to the local clock when signing: 0 until a server answered 401
    /// with a clock 5 minutes or more away.
    #[wasm_bindgen(getter, js_name = clockCorrectionMs)]
    pub fn clock_correction_ms(&self) -> f64 {
        self.inner.skew_ms.get() as f64
    }

    fn call(&self, kind: OperationKind, input: JsValue) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move { inner.send(kind, input).await })
    }
}

impl Inner {
    async fn send(&self, kind: OperationKind, input: JsValue) -> Result<JsValue, JsValue> {
        let mut retried = false;
        loop {
            let correction = self.skew_ms.get();
            let now = whole_number(js_sys::Date::now(), "Date.now()")?;
            let timestamp_ms = now.saturating_add_signed(correction);
            let request =
                crate::build(kind, &input, &self.target, &self.credentials, timestamp_ms)?;
            let reply = self.fetch(&request).await?;
            let arrived = whole_number(js_sys::Date::now(), "Date.now()")?;
            let skew = reply
                .date
                .as_deref()
                .and_then(|date| clock::clock_skew_ms(date, arrived));
            // How far the timestamp we signed was from the server's clock.
            let signed_skew = skew.map(|s| s.saturating_sub(correction));
            let result = certkit_core::parse_response(kind, reply.status, &reply.body);
            if let (Some(skew), Some(signed_skew)) = (skew, signed_skew) {
                if reply.status == 401 && !retried && clock::skew_rejected(signed_skew) {
                    // The gateway refused our timestamp: sign again with the server's time.
                    self.skew_ms.set(skew);
                    retried = true;
                    continue;
                }
            }
            let result: Result<ResponseData, Failure> = match (result, signed_skew) {
                (Err(failure), Some(signed_skew)) => Err(failure.with_clock_skew(signed_skew)),
                (result, _) => result,
            };
            return to_js(&ClientResult::new(result, reply.status, skew, retried));
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
        let text: Function = Reflect::get(&response, &"text".into())
            .and_then(|f| {
                f.dyn_into()
                    .map_err(|_| JsValue::from_str("response.text is not a function"))
            })
            .map_err(|e| network("reading the body of", e))?;
        let body = text
            .call0(&response)
            .map_err(|e| network("reading the body of", e))?;
        let body = JsFuture::from(Promise::resolve(&body))
            .await
            .map_err(|e| network("reading the body of", e))?
            .as_string()
            .unwrap_or_default();
        Ok(Reply { status, date, body })
    }
}
