//! From the app state to a signed request (pure, with certkit-core), and the async flows that
//! send requests and report back through [`Action`]s.

use certkit_core::request::{BuildError, Request, Target};
use certkit_core::signing::{string_to_sign, Credentials, HEADER_TIMESTAMP};
use certkit_core::site::{base_url, proxy_route, Service, SiteError};
use certkit_core::validation::Problem;

use crate::fields;
use crate::state::{AppState, Op, SentRequest, SiteChoice};

/// Why a request cannot be sent now.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Access key or secret key is empty.
    KeysMissing,
    /// The form has problems (certkit-core's validation).
    Invalid(Vec<Problem>),
    /// The site does not offer this operation.
    NotOffered(SiteError),
}

/// Where requests of `service` go from this page: the sandbox behind the proxy, or the
/// proxy's route to the site.
pub fn target(site: SiteChoice, origin: &str) -> Target {
    match site.ncp_site() {
        None => Target::BaseUrl(format!("{origin}/sandbox")),
        Some(site) => Target::Proxy {
            origin: origin.to_string(),
            site,
        },
    }
}

/// The base URL for a service (for requests that are not one of the three operations, such
/// as listing CAs), or why the site does not offer it.
pub fn service_base(site: SiteChoice, service: Service, origin: &str) -> Result<String, SiteError> {
    match site.ncp_site() {
        None => Ok(format!("{origin}/sandbox")),
        Some(ncp) => {
            base_url(ncp, service)?;
            Ok(format!("{origin}{}", proxy_route(ncp, service)))
        }
    }
}

/// Whether the selected site offers `op` (nothing is attempted when it does not).
pub fn offered(site: SiteChoice, op: Op) -> Result<(), SiteError> {
    match site.ncp_site() {
        None => Ok(()),
        Some(ncp) => {
            let kind = op.kind();
            certkit_core::site::base_url_for(ncp, kind.service(), kind.api_version()).map(|_| ())
        }
    }
}

/// The timestamp to sign with: the local clock plus the correction the user accepted.
pub fn signing_time_ms(state: &AppState, local_now_ms: f64) -> u64 {
    let local = local_now_ms.max(0.0) as i64;
    u64::try_from(local.saturating_add(state.clock_offset_ms)).unwrap_or(0)
}

/// The signed request for `op` as the form stands, or why it cannot be sent.
pub fn prepare(
    state: &AppState,
    op: Op,
    timestamp_ms: u64,
    origin: &str,
) -> Result<Request, Refusal> {
    let site = state.connection.site;
    offered(site, op).map_err(Refusal::NotOffered)?;
    let operation = fields::operation(op, &state.form(op).values)
        .map_err(|problem| Refusal::Invalid(vec![problem]))?;
    let problems = operation.validate();
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    let connection = &state.connection;
    if connection.access_key.trim().is_empty() || connection.secret_key.is_empty() {
        return Err(Refusal::KeysMissing);
    }
    let credentials = Credentials::new(connection.access_key.trim(), connection.secret_key.clone());
    Request::build(
        &operation,
        &target(site, origin),
        &credentials,
        timestamp_ms,
    )
    .map_err(|e| match e {
        BuildError::NotOffered(e) => Refusal::NotOffered(e),
        other => Refusal::Invalid(other.problems().to_vec()),
    })
}

/// What the preview and history keep of a request: masked headers, the string to sign and
/// the curl command (which carries the access key and signature, never the secret).
pub fn sent_request(request: &Request, access_key: &str) -> SentRequest {
    let timestamp = request
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(HEADER_TIMESTAMP))
        .and_then(|(_, value)| value.parse::<u64>().ok())
        .unwrap_or(0);
    SentRequest {
        method: request.method.clone(),
        url: request.url.clone(),
        headers: request.masked_headers(),
        body: request.body.clone(),
        string_to_sign: string_to_sign(
            &request.method,
            &request.path_and_query,
            timestamp,
            access_key.trim(),
        ),
        curl: request.to_curl(),
    }
}

pub use flows::*;

/// The async flows (they run in the browser; they compile anywhere).
mod flows {
    use certkit_core::signing::{signed_headers, Credentials};
    use certkit_core::site::Service;
    use yew::prelude::*;

    use super::{prepare, sent_request, service_base, signing_time_ms};
    use crate::browser::{self, FetchError};
    use crate::state::{Action, AppState, CaSummary, DnsRecord, Op, Phase};

    /// The dispatcher components hand to the flows.
    pub type Dispatch = UseReducerDispatcher<AppState>;

    /// Validates, signs and sends `op`; the answer arrives as an [`Action`]. Refused sends
    /// only mark the form as submitted, so every reason shows.
    pub fn send(state: &AppState, op: Op, dispatch: Dispatch) {
        if matches!(state.exchange(op).phase, Phase::Sending { .. }) {
            return; // one request at a time per operation
        }
        dispatch.dispatch(Action::SubmitAttempted(op));
        let now = browser::now_ms();
        let Ok(request) = prepare(state, op, signing_time_ms(state, now), &browser::origin())
        else {
            return;
        };
        let id = browser::next_id();
        let sent = sent_request(&request, &state.connection.access_key);
        dispatch.dispatch(Action::SendStarted {
            op,
            id,
            started_ms: now,
            sent,
        });
        wasm_bindgen_futures::spawn_local(async move {
            let result = browser::fetch(
                id,
                &request.method,
                &request.url,
                &request.headers,
                request.body.as_deref(),
            )
            .await;
            match result {
                Ok(response) => dispatch.dispatch(Action::ResponseReceived {
                    op,
                    id,
                    response,
                    received_ms: browser::now_ms(),
                }),
                Err(FetchError::Aborted) => {}
                Err(FetchError::Network(message)) => {
                    dispatch.dispatch(Action::SendFailed { op, id, message })
                }
            }
        });
    }

    /// Cancels `op`'s request in flight.
    pub fn cancel(op: Op, id: u32, dispatch: Dispatch) {
        browser::cancel(id);
        dispatch.dispatch(Action::Cancel { op, id });
    }

    /// A translated "no answer" sentence with the browser's technical detail after it.
    pub fn network_error_text(lang: crate::i18n::Lang, error: &FetchError) -> String {
        use crate::i18n::Msg;
        let detail = match error {
            FetchError::Aborted => Msg::Cancelled.text(lang).to_string(),
            FetchError::Network(message) => message.clone(),
        };
        format!(
            "{}. {}: {detail}",
            Msg::NetworkError.text(lang),
            Msg::NetworkDetail.text(lang)
        )
    }

    /// A signed GET of an upstream `path` (e.g. `/api/v1/ca`); the body on HTTP 2xx.
    async fn signed_get(state: &AppState, service: Service, path: &str) -> Result<String, String> {
        let origin = browser::origin();
        let base =
            service_base(state.connection.site, service, &origin).map_err(|e| e.to_string())?;
        let connection = &state.connection;
        if connection.access_key.trim().is_empty() || connection.secret_key.is_empty() {
            return Err(crate::i18n::Msg::KeysMissing.text(state.lang).to_string());
        }
        let credentials =
            Credentials::new(connection.access_key.trim(), connection.secret_key.clone());
        let timestamp = signing_time_ms(state, browser::now_ms());
        let headers: Vec<(String, String)> = signed_headers(&credentials, "GET", path, timestamp)
            .pairs()
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .collect();
        let response = browser::fetch(
            browser::next_id(),
            "GET",
            &format!("{base}{path}"),
            &headers,
            None,
        )
        .await
        .map_err(|e| network_error_text(state.lang, &e))?;
        if (200..300).contains(&response.status) {
            Ok(response.body)
        } else {
            Err(format!("HTTP {}: {}", response.status, response.body))
        }
    }

    /// Lists the CAs for the caTag picker.
    pub fn load_ca_list(state: &AppState, dispatch: Dispatch) {
        let state = state.clone();
        dispatch.dispatch(Action::CaListLoading);
        wasm_bindgen_futures::spawn_local(async move {
            match signed_get(&state, Service::PrivateCa, "/api/v1/ca").await {
                Ok(body) => dispatch.dispatch(Action::CaListLoaded(
                    state.connection.site,
                    parse_ca_list(&body),
                )),
                Err(message) => dispatch.dispatch(Action::CaListFailed(message)),
            }
        });
    }

    /// `data.caList` of `GET /api/v1/ca`.
    fn parse_ca_list(body: &str) -> Vec<CaSummary> {
        let value: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        let text = |ca: &serde_json::Value, key: &str| {
            ca.get(key)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        value
            .pointer("/data/caList")
            .and_then(serde_json::Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|ca| CaSummary {
                        ca_tag: text(ca, "caTag"),
                        alias: text(ca, "alias"),
                        ca_type: text(ca, "caType"),
                        status: text(ca, "status"),
                    })
                    .filter(|ca| !ca.ca_tag.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn unsigned(
        lang: crate::i18n::Lang,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Result<serde_json::Value, String> {
        let url = format!("{}/sandbox{path}", browser::origin());
        let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        let response = browser::fetch(browser::next_id(), method, &url, &headers, body.as_deref())
            .await
            .map_err(|e| network_error_text(lang, &e))?;
        if !(200..300).contains(&response.status) {
            return Err(format!("HTTP {}: {}", response.status, response.body));
        }
        serde_json::from_str(&response.body).map_err(|e| e.to_string())
    }

    fn string_at(value: &serde_json::Value, pointer: &str) -> Option<String> {
        value
            .pointer(pointer)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
    }

    /// Fills in the sandbox's main-account demo keys.
    pub fn load_demo_keys(lang: crate::i18n::Lang, dispatch: Dispatch) {
        dispatch.dispatch(Action::DemoKeysLoading);
        wasm_bindgen_futures::spawn_local(async move {
            let result = unsigned(lang, "GET", "/demo/credentials", None)
                .await
                .and_then(|v| {
                    Ok(Action::DemoKeysLoaded {
                        access_key: string_at(&v, "/main/accessKey").ok_or("no main.accessKey")?,
                        secret_key: string_at(&v, "/main/secretKey")
                            .ok_or("no main.secretKey")?
                            .into(),
                    })
                });
            dispatch.dispatch(result.unwrap_or_else(Action::DemoKeysFailed));
        });
    }

    /// Reads the DNS records to create for `request_sn` (Certificate Manager
    /// `getVerificationInfo`).
    pub fn load_verification(state: &AppState, request_sn: String, dispatch: Dispatch) {
        let state = state.clone();
        dispatch.dispatch(Action::VerificationLoading);
        wasm_bindgen_futures::spawn_local(async move {
            let path = format!("/api/v2/certificate/getVerificationInfo/{request_sn}");
            let result = signed_get(&state, Service::CertificateManager, &path)
                .await
                .and_then(|body| {
                    let value: serde_json::Value =
                        serde_json::from_str(&body).map_err(|e| e.to_string())?;
                    if value.get("returnCode").and_then(serde_json::Value::as_str) != Some("0") {
                        return Err(body);
                    }
                    let text = |v: &serde_json::Value, key: &str| {
                        v.get(key)
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or_default()
                            .to_string()
                    };
                    Ok(value
                        .get("verificationInfoList")
                        .and_then(serde_json::Value::as_array)
                        .map(|list| {
                            list.iter()
                                .map(|r| DnsRecord {
                                    domain: text(r, "domainAddress"),
                                    record_type: text(r, "recordType"),
                                    record_name: text(r, "recordName"),
                                    record_value: text(r, "recordValue"),
                                    status: text(r, "status"),
                                })
                                .collect()
                        })
                        .unwrap_or_default())
                });
            dispatch.dispatch(match result {
                Ok(records) => Action::VerificationLoaded(request_sn, records),
                Err(message) => Action::VerificationFailed(message),
            });
        });
    }

    /// Sandbox only: takes a pending sub CA (creating one if none is left), fetches its CSR,
    /// has the sandbox's external root sign it, and fills in the Activate form.
    pub fn sandbox_sign_pending(state: &AppState, dispatch: Dispatch) {
        let state = state.clone();
        let lang = state.lang;
        dispatch.dispatch(Action::SandboxHelperStarted);
        wasm_bindgen_futures::spawn_local(async move {
            let result = async {
                let credentials = unsigned(lang, "GET", "/demo/credentials", None).await?;
                let ca_tag = match string_at(&credentials, "/caTags/pending") {
                    Some(tag) => tag,
                    None => {
                        let created =
                            unsigned(lang, "POST", "/demo/pending-ca", Some("{}".into())).await?;
                        string_at(&created, "/data/caTag").ok_or("no data.caTag")?
                    }
                };
                let csr_body = signed_get(
                    &state,
                    Service::PrivateCa,
                    &format!("/api/v1/ca/{ca_tag}/sub/csr"),
                )
                .await?;
                let csr: serde_json::Value =
                    serde_json::from_str(&csr_body).map_err(|e| e.to_string())?;
                let csr_pem = string_at(&csr, "/data/csr").ok_or("no data.csr")?;
                let request = serde_json::json!({ "csrPem": csr_pem }).to_string();
                let signed =
                    unsigned(lang, "POST", "/demo/external-ca/sign", Some(request)).await?;
                Ok::<Action, String>(Action::SandboxHelperDone {
                    ca_tag,
                    cert_pem: string_at(&signed, "/certPem").ok_or("no certPem")?,
                    ca_chain_pem: string_at(&signed, "/caChainPem").ok_or("no caChainPem")?,
                })
            }
            .await;
            dispatch.dispatch(result.unwrap_or_else(Action::SandboxHelperFailed));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action};

    fn filled() -> AppState {
        let mut state = AppState::default();
        for (field, value) in [
            ("caTag", "1234567890-1234567890"),
            ("x509Parameters.commonName", "api.example"),
        ] {
            state = reduce(
                &state,
                Action::SetField {
                    op: Op::IssueEndCert,
                    field: field.into(),
                    value: value.into(),
                },
            );
        }
        state = reduce(&state, Action::SetAccessKey("AKEY1234".into()));
        reduce(&state, Action::SetSecretKey("the-secret".into()))
    }

    #[test]
    fn sandbox_requests_go_to_the_sandbox_and_sign_the_upstream_path() {
        let request = prepare(&filled(), Op::IssueEndCert, 1_700_000_000_000, "http://h:1");
        let request = request.expect("valid form");
        assert_eq!(
            request.url,
            "http://h:1/sandbox/api/v1/ca/1234567890-1234567890/cert"
        );
        let sent = sent_request(&request, "AKEY1234");
        assert_eq!(
            sent.string_to_sign,
            "POST /api/v1/ca/1234567890-1234567890/cert\n1700000000000\nAKEY1234"
        );
        assert!(!format!("{sent:?}").contains("the-secret"));
        assert!(
            sent.headers.iter().all(|(_, v)| v != "AKEY1234"),
            "access key masked"
        );
    }

    #[test]
    fn public_site_requests_go_through_the_proxy_route() {
        let state = reduce(&filled(), Action::SetSite(SiteChoice::Public));
        let request = prepare(&state, Op::IssueEndCert, 1, "http://h:1").expect("valid form");
        assert_eq!(
            request.url,
            "http://h:1/ncp/public/private-ca/api/v1/ca/1234567890-1234567890/cert"
        );
    }

    #[test]
    fn an_operation_the_site_lacks_is_refused_before_anything_else() {
        let state = reduce(&filled(), Action::SetSite(SiteChoice::Gov));
        let refused = prepare(&state, Op::RequestIssuance, 1, "");
        assert!(
            matches!(refused, Err(Refusal::NotOffered(_))),
            "{refused:?}"
        );
        let state = reduce(&state, Action::SetSite(SiteChoice::Fin));
        assert!(matches!(
            prepare(&state, Op::IssueEndCert, 1, ""),
            Err(Refusal::NotOffered(_))
        ));
    }

    #[test]
    fn invalid_input_and_missing_keys_are_refused() {
        let state = reduce(
            &filled(),
            Action::SetField {
                op: Op::IssueEndCert,
                field: "x509Parameters.commonName".into(),
                value: "x".repeat(65),
            },
        );
        match prepare(&state, Op::IssueEndCert, 1, "") {
            Err(Refusal::Invalid(problems)) => {
                assert_eq!(problems[0].field, "x509Parameters.commonName");
                assert_eq!(problems[0].code.as_str(), "too_long");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        let state = reduce(&filled(), Action::SetSecretKey(String::new().into()));
        assert_eq!(
            prepare(&state, Op::IssueEndCert, 1, "").err(),
            Some(Refusal::KeysMissing)
        );
    }

    #[test]
    fn the_accepted_clock_correction_moves_the_signing_time() {
        let state = reduce(&AppState::default(), Action::SetClockOffset(-600_000));
        assert_eq!(signing_time_ms(&state, 1_000_000.0), 400_000);
        assert_eq!(signing_time_ms(&state, 1_000.0), 0);
    }

    #[test]
    fn network_errors_are_translated_with_the_detail_after() {
        use crate::browser::FetchError;
        use crate::i18n::Lang;
        let error = FetchError::Network("TypeError: Failed to fetch".into());
        let en = network_error_text(Lang::En, &error);
        assert!(
            en.starts_with("The request got no answer. Technical detail: "),
            "{en}"
        );
        assert!(en.ends_with("TypeError: Failed to fetch"), "{en}");
        let ko = network_error_text(Lang::Ko, &error);
        assert!(
            ko.starts_with("요청에 응답이 없습니다. 기술 정보: "),
            "{ko}"
        );
        assert!(!en.contains("Network("), "{en}");
    }
}
