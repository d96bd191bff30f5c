//! From the app state to a signed request (pure, with certkit-core), and the async flows that
//! send requests and report back through [`Action`]s.

use certkit_core::operation::{Operation, OperationKind};
use certkit_core::request::{BuildError, Request, Target};
use certkit_core::response::{parse_response, Failure, FailureKind, ResponseData};
use certkit_core::signing::{string_to_sign, Credentials, HEADER_TIMESTAMP};
use certkit_core::site::SiteError;
use certkit_core::validation::check_field;
use certkit_x509::{Outcome, SignatureCheck};
use serde::{Deserialize, Serialize};

use crate::fields;
use crate::state::{AppState, HelperError, HttpResponse, Refusal, Secret, SentRequest, SiteChoice};

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

/// Whether the selected site offers `op` (nothing is attempted when it does not).
pub fn offered(site: SiteChoice, op: OperationKind) -> Result<(), SiteError> {
    match site.ncp_site() {
        None => Ok(()),
        Some(ncp) => {
            certkit_core::site::base_url_for(ncp, op.service(), op.api_version()).map(|_| ())
        }
    }
}

/// The timestamp to sign with now: the local clock plus the correction the user accepted
/// (certkit-core's rule).
pub fn signing_time_ms(state: &AppState, local_now_ms: f64) -> u64 {
    certkit_core::follow_up::signing_time_ms(local_now_ms, state.clock_offset_ms)
}

/// The signed request for `op` as the form stands, or why it cannot be sent.
pub fn prepare(
    state: &AppState,
    op: OperationKind,
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
    build(state, &operation, timestamp_ms, origin)
}

/// Any operation signed with the connection's keys for the selected site (through the proxy,
/// or to the sandbox), or why not: what the forms and the helpers (CA picker, DNS records,
/// sandbox buttons) all send.
pub fn build(
    state: &AppState,
    operation: &Operation,
    timestamp_ms: u64,
    origin: &str,
) -> Result<Request, Refusal> {
    let connection = &state.connection;
    if !connection.has_keys() {
        return Err(Refusal::KeysMissing);
    }
    let credentials = Credentials::new(connection.access_key.trim(), connection.secret_key.clone());
    Request::build(
        operation,
        &target(connection.site, origin),
        &credentials,
        timestamp_ms,
    )
    .map_err(|e| match e {
        BuildError::NotOffered(e) => Refusal::NotOffered(e),
        other => Refusal::Invalid(other.problems().to_vec()),
    })
}

/// A pre-send check that says NCP will refuse the request: Send asks before sending (our
/// reading of the answer, never a rule of NCP's, so it never blocks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreSendWarning {
    /// Activate Sub CA: certPem is not a CA certificate (or cannot be read).
    NotCaCertificate,
    /// Activate Sub CA: caChainPem does not verify certPem.
    ChainDoesNotVerify,
    /// The CA list (as last read) gives the CA another status than the operation needs.
    CaStatus {
        /// The CA.
        ca_tag: String,
        /// Its status in the list.
        status: String,
        /// The status the operation needs.
        needed: &'static str,
    },
}

/// The status a CA must have for `op` to succeed, as ncp-operations.md reads the docs (not a
/// documented rule: issuing from a non-ACTIVE CA is refused "(inferred)", which we read for
/// Sign End Csr as for Issue End Cert, and PENDING is the emulator's reading for a sub CA
/// awaiting Activate Sub CA). Hence only a question before sending, never a refusal.
pub fn needed_ca_status(op: OperationKind) -> Option<&'static str> {
    match op {
        OperationKind::IssueEndCert | OperationKind::SignEndCsr => Some("ACTIVE"),
        OperationKind::ActivateSubCa => Some("PENDING"),
        _ => None,
    }
}

/// The status of the CA `op`'s form names, from the CA list as last read for this site.
pub fn listed_ca_status(state: &AppState, op: OperationKind) -> Option<(String, String)> {
    let tag = state.form(op).get("caTag").trim();
    match &state.loads.ca_list {
        crate::state::Load::Loaded((site, list)) if *site == state.connection.site => list
            .iter()
            .find(|ca| ca.ca_tag == tag)
            .map(|ca| (ca.ca_tag.clone(), ca.status.clone())),
        _ => None,
    }
}

/// What the pre-send checks say of `op`'s request as the form stands, at `now` (seconds).
pub fn pre_send_warnings(state: &AppState, op: OperationKind, now: i64) -> Vec<PreSendWarning> {
    let mut warnings = Vec::new();
    if op == OperationKind::ActivateSubCa {
        let form = state.form(op);
        let verdict = |check: &SignatureCheck| state.verdicts.get(check);
        if let Some(check) =
            crate::pem::activate_check(form.get("certPem"), form.get("caChainPem"), now, &verdict)
        {
            if !check.cert.as_ref().is_ok_and(|info| info.is_ca) {
                warnings.push(PreSendWarning::NotCaCertificate);
            }
            // A chain whose verdicts are still out warns of nothing: the checks panel asked
            // for them when both fields were filled, and WebCrypto takes milliseconds.
            if let Outcome::Done(chain) = &check.chain {
                if !chain.signs_cert() {
                    warnings.push(PreSendWarning::ChainDoesNotVerify);
                }
            }
        }
    }
    if let (Some(needed), Some((ca_tag, status))) =
        (needed_ca_status(op), listed_ca_status(state, op))
    {
        if status != needed {
            warnings.push(PreSendWarning::CaStatus {
                ca_tag,
                status,
                needed,
            });
        }
    }
    warnings
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

/// Reads an answer to `kind` with certkit-core; an `authFailed` hint says what the `Date`
/// header tells of this computer's clock (received at `received_ms`).
pub fn read_answer(
    kind: OperationKind,
    response: &HttpResponse,
    received_ms: f64,
) -> Result<ResponseData, HelperError> {
    parse_response(kind, response.status, &response.body).map_err(|failure| {
        HelperError::Failed(match response.clock_skew_ms(received_ms) {
            Some(skew) => failure.with_clock_skew(skew),
            None => failure,
        })
    })
}

/// A success of another operation's shape (cannot happen with certkit-core's parser; kept as
/// a failure rather than a panic).
pub fn unexpected(kind: OperationKind) -> HelperError {
    HelperError::Failed(Failure::new(
        FailureKind::UnexpectedResponse,
        None,
        format!("the answer to {kind} was read as another operation's"),
    ))
}

/// The sandbox's `/demo/dcv/{certificateNo}` route for a number a list answer gave, checked
/// by certkit-core's certificateNo rule first: a server's `../x` never reaches a path.
pub fn demo_dcv_path(certificate_no: &str) -> Result<String, HelperError> {
    let problems = check_field(
        OperationKind::ListDcvStatuses,
        "certificateNo",
        certificate_no,
    );
    if problems.is_empty() {
        Ok(format!("/demo/dcv/{certificate_no}"))
    } else {
        Err(HelperError::Refused(Refusal::Invalid(problems)))
    }
}

/// The keys and CA tags of the sandbox's `GET /demo/credentials` (a sandbox-only route, not an
/// NCP API).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoCredentials {
    /// The main account's keys.
    pub main: DemoKeys,
    /// The seeded CAs.
    #[serde(default)]
    pub ca_tags: DemoCaTags,
}

/// An account's demo keys.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoKeys {
    /// Access key.
    pub access_key: String,
    /// Secret key (sandbox-only, but still kept out of `Debug`).
    pub secret_key: Secret,
}

/// The seeded CA tags of `/demo/credentials`.
#[derive(Debug, Default, Deserialize)]
pub struct DemoCaTags {
    /// A sub CA waiting for activation, if one is left.
    #[serde(default)]
    pub pending: Option<String>,
}

/// `POST /demo/external-ca/sign`'s body.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalSignRequest<'a> {
    /// The CSR to sign.
    pub csr_pem: &'a str,
}

/// `POST /demo/external-ca/sign`'s answer: the certificate and the external root.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExternalSigned {
    /// The signed certificate.
    pub cert_pem: String,
    /// The signer's chain.
    pub ca_chain_pem: String,
}

/// `POST /demo/dcv/{certificateNo}`'s body: "I created the DNS record of this domain".
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DcvDemoRequest<'a> {
    /// The domain whose record was created.
    pub domain_address: &'a str,
}

/// A demo route's error answer.
#[derive(Deserialize)]
struct DemoFailure {
    error: String,
}

/// Reads a sandbox demo route's answer as `T`; an error status gives the route's `error`.
pub fn read_demo<T: serde::de::DeserializeOwned>(
    response: &HttpResponse,
) -> Result<T, HelperError> {
    if !(200..300).contains(&response.status) {
        return Err(demo_failure(response));
    }
    serde_json::from_str(&response.body).map_err(|e| HelperError::Demo(e.to_string()))
}

/// A demo route's error status with its `error` sentence (or the body as it came).
pub fn demo_failure(response: &HttpResponse) -> HelperError {
    let detail = serde_json::from_str::<DemoFailure>(&response.body)
        .map(|f| f.error)
        .unwrap_or_else(|_| response.body.clone());
    HelperError::Demo(format!("HTTP {}: {detail}", response.status))
}

pub use flows::*;

// issue 13, point 3: the certificates of a CA
mod ca_certs;
pub use ca_certs::{load_end_cert, load_end_certs, revoke_end_cert};

/// The async flows (they run in the browser; they compile anywhere).
mod flows {
    use certkit_core::certificate_manager::DnsVerification;
    use certkit_core::follow_up::{
        ca_list_page, certificates_named, certificates_query, dcv_query, domains_to_query,
        is_requested_certificate, listed_cas, next_ca_page, wildcard_apex, MAX_SAME_NAME,
    };
    use certkit_core::operation::wants_fallback;
    use certkit_core::private_ca::{GetCa, GetCaChain, GetCaCrl, GetSubCsr};
    use certkit_core::response::RequestCertificateIssuanceResponse;
    use yew::prelude::*;

    use super::*;
    use crate::browser::{self, FetchError};
    use crate::state::{Action, CaCommand, CaListPage, CaView, DnsRecord, Verification};

    /// The dispatcher components hand to the flows.
    pub type Dispatch = UseReducerDispatcher<AppState>;

    /// Validates, signs and sends `op`; the answer arrives as an [`Action`]. A refused send
    /// marks the form as submitted, so every reason shows, and focuses their summary. When a
    /// pre-send check says NCP will refuse it, nothing leaves until the user `confirmed`.
    pub fn send(state: &AppState, op: OperationKind, dispatch: Dispatch, confirmed: bool) {
        if state.exchange(op).sending().is_some() {
            return; // one request at a time per operation
        }
        dispatch.dispatch(Action::SubmitAttempted(op));
        let now = browser::now_ms();
        let Ok(request) = prepare(state, op, signing_time_ms(state, now), &browser::origin())
        else {
            dispatch.dispatch(Action::SendRefused(op));
            return;
        };
        if !confirmed && !pre_send_warnings(state, op, (now / 1000.0) as i64).is_empty() {
            dispatch.dispatch(Action::ConfirmNeeded(op));
            return;
        }
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
    pub fn cancel(op: OperationKind, id: u32, dispatch: Dispatch) {
        browser::cancel(id);
        dispatch.dispatch(Action::Cancel { op, id });
    }

    /// A translated "no answer" sentence with the browser's technical detail after it.
    pub fn network_text(lang: crate::i18n::Lang, detail: &str) -> String {
        use crate::i18n::Msg;
        format!(
            "{}. {}: {detail}",
            Msg::NetworkError.text(lang),
            Msg::NetworkDetail.text(lang)
        )
    }

    fn fetch_error(error: FetchError) -> HelperError {
        HelperError::Network(match error {
            FetchError::Aborted => "aborted".to_string(),
            FetchError::Network(message) => message,
        })
    }

    /// Signs and sends `operation`, reads the answer with certkit-core, and retries once the
    /// documented older way when the gateway does not know the path (List Cloud Certificates
    /// becomes List Certificates).
    pub(crate) async fn call(
        state: &AppState,
        operation: Operation,
    ) -> Result<ResponseData, HelperError> {
        let response = send_signed(state, &operation).await?;
        if let Some(older) = operation
            .fallback()
            .filter(|_| wants_fallback(response.status, &response.body))
        {
            let response = send_signed(state, &older).await?;
            let mut answer = read_answer(older.kind(), &response, browser::now_ms())?;
            // The older list takes no query: do to its answer what the query would have done.
            if let (Operation::ListCloudCertificates(query), ResponseData::CertificateList(list)) =
                (&operation, &mut answer)
            {
                query.apply_to(list);
            }
            return Ok(answer);
        }
        read_answer(operation.kind(), &response, browser::now_ms())
    }

    async fn send_signed(
        state: &AppState,
        operation: &Operation,
    ) -> Result<HttpResponse, HelperError> {
        send_signed_bytes(state, operation)
            .await
            .map(HttpResponse::from)
    }

    /// Signs `operation` now and sends it; the answer as bytes (Download Certificate's ZIP).
    pub(crate) async fn send_signed_bytes(
        state: &AppState,
        operation: &Operation,
    ) -> Result<browser::BytesResponse, HelperError> {
        let timestamp = signing_time_ms(state, browser::now_ms());
        let request =
            build(state, operation, timestamp, &browser::origin()).map_err(HelperError::Refused)?;
        browser::fetch_bytes(
            browser::next_id(),
            &request.method,
            &request.url,
            &request.headers,
            request.body.as_deref(),
        )
        .await
        .map_err(fetch_error)
    }

    /// Lists the CAs for the caTag picker: Get CA List, page after page.
    pub fn load_ca_list(state: &AppState, dispatch: Dispatch) {
        let state = state.clone();
        dispatch.dispatch(Action::CaListLoading);
        wasm_bindgen_futures::spawn_local(async move {
            let result = async {
                let mut cas = Vec::new();
                let mut page = 1;
                loop {
                    let list = match call(&state, ca_list_page(page)).await? {
                        ResponseData::CaList(list) => list,
                        _ => return Err(unexpected(OperationKind::GetCaList)),
                    };
                    cas.extend(listed_cas(&list));
                    match next_ca_page(page, &list) {
                        Some(next) => page = next,
                        None => return Ok(cas),
                    }
                }
            }
            .await;
            dispatch.dispatch(match result {
                Ok(cas) => Action::CaListLoaded(state.connection.site, cas),
                Err(error) => Action::CaListFailed(error),
            });
        });
    }

    /// Reads page `page_no` of Get CA List for the CAs page.
    pub fn load_cas(state: &AppState, page_no: u32, dispatch: Dispatch) {
        let state = state.clone();
        let page_no = page_no.max(1);
        dispatch.dispatch(Action::CasLoading(page_no));
        wasm_bindgen_futures::spawn_local(async move {
            dispatch.dispatch(match call(&state, ca_list_page(page_no)).await {
                Ok(ResponseData::CaList(list)) => Action::CasLoaded(CaListPage {
                    site: state.connection.site,
                    page_no,
                    list: *list,
                }),
                Ok(_) => Action::CasFailed(page_no, unexpected(OperationKind::GetCaList)),
                Err(error) => Action::CasFailed(page_no, error),
            });
        });
    }

    /// Reads CA `ca_tag`'s detail: Get CA, then its chain (Get CA Chain) and CRL (Get CA
    /// Crl), each of which may fail alone.
    pub fn load_ca(state: &AppState, ca_tag: String, dispatch: Dispatch) {
        let state = state.clone();
        dispatch.dispatch(Action::CaLoading(ca_tag.clone()));
        wasm_bindgen_futures::spawn_local(async move {
            let ca = match call(
                &state,
                GetCa {
                    ca_tag: ca_tag.clone(),
                }
                .into(),
            )
            .await
            {
                Ok(ResponseData::Ca(ca)) => *ca,
                Ok(_) => {
                    let error = unexpected(OperationKind::GetCa);
                    return dispatch.dispatch(Action::CaFailed { ca_tag, error });
                }
                Err(error) => return dispatch.dispatch(Action::CaFailed { ca_tag, error }),
            };
            let chain = pem_of(
                &state,
                GetCaChain {
                    ca_tag: ca_tag.clone(),
                }
                .into(),
                OperationKind::GetCaChain,
            )
            .await;
            let crl = pem_of(
                &state,
                GetCaCrl {
                    ca_tag: ca_tag.clone(),
                }
                .into(),
                OperationKind::GetCaCrl,
            )
            .await;
            let view = CaView {
                site: state.connection.site,
                ca,
                chain,
                crl,
            };
            dispatch.dispatch(Action::CaLoaded {
                ca_tag,
                view: Box::new(view),
            });
        });
    }

    /// Sends status action `command` on CA `ca_tag` (Update CA or Delete CA), if the state
    /// allows it now ([`crate::state::Cas::may_run`]: a destructive one needs the CA's alias
    /// typed); the CA is read again afterwards.
    pub fn run_ca_command(
        state: &AppState,
        ca_tag: String,
        command: CaCommand,
        dispatch: Dispatch,
    ) {
        if !state.cas.may_run(&ca_tag, command) {
            return;
        }
        let state = state.clone();
        dispatch.dispatch(Action::CaCommandStarted {
            ca_tag: ca_tag.clone(),
            command,
        });
        wasm_bindgen_futures::spawn_local(async move {
            let result = call(&state, command.operation(&ca_tag)).await;
            dispatch.dispatch(match result {
                Ok(_) => Action::CaCommandDone { ca_tag, command },
                Err(error) => Action::CaCommandFailed {
                    ca_tag,
                    command,
                    error,
                },
            });
        });
    }

    /// The PEM text that is the whole `data` of Get CA Chain or Get CA Crl.
    async fn pem_of(
        state: &AppState,
        operation: Operation,
        kind: OperationKind,
    ) -> Result<String, HelperError> {
        match call(state, operation).await? {
            ResponseData::Pem(pem) => Ok(pem),
            _ => Err(unexpected(kind)),
        }
    }

    /// An unsigned request to a sandbox-only demo route (not an NCP API).
    async fn demo(
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Result<HttpResponse, HelperError> {
        let url = format!("{}/sandbox{path}", browser::origin());
        let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        browser::fetch(browser::next_id(), method, &url, &headers, body.as_deref())
            .await
            .map_err(fetch_error)
    }

    /// Fills in the sandbox's main-account demo keys.
    pub fn load_demo_keys(dispatch: Dispatch) {
        dispatch.dispatch(Action::DemoKeysLoading);
        wasm_bindgen_futures::spawn_local(async move {
            let result = match demo("GET", "/demo/credentials", None).await {
                Ok(response) => read_demo::<DemoCredentials>(&response),
                Err(error) => Err(error),
            };
            dispatch.dispatch(match result {
                Ok(credentials) => Action::DemoKeysLoaded {
                    access_key: credentials.main.access_key,
                    secret_key: credentials.main.secret_key,
                },
                Err(error) => Action::DemoKeysFailed(error),
            });
        });
    }

    /// Reads the DNS records that validate the certificate of an issuance request: its
    /// certificateNo by name (List Cloud Certificates), then List Dcv Statuses per domain.
    pub fn load_verification(
        state: &AppState,
        issuance: RequestCertificateIssuanceResponse,
        dispatch: Dispatch,
    ) {
        let state = state.clone();
        dispatch.dispatch(Action::VerificationLoading);
        wasm_bindgen_futures::spawn_local(async move {
            dispatch.dispatch(match verification(&state, &issuance).await {
                Ok(found) => Action::VerificationLoaded(found),
                Err(error) => Action::VerificationFailed(error),
            });
        });
    }

    /// Sandbox only: tells the sandbox's `/demo/dcv/{certificateNo}` route that the record of
    /// `domain` was created (NCP sees that in DNS), then reads the records again.
    pub fn sandbox_mark_record_created(
        state: &AppState,
        issuance: RequestCertificateIssuanceResponse,
        certificate_no: String,
        domain: String,
        dispatch: Dispatch,
    ) {
        let state = state.clone();
        dispatch.dispatch(Action::VerificationLoading);
        wasm_bindgen_futures::spawn_local(async move {
            let result = async {
                demo_record_created(&certificate_no, &domain).await?;
                verification(&state, &issuance).await
            }
            .await;
            dispatch.dispatch(match result {
                Ok(found) => Action::VerificationLoaded(found),
                Err(error) => Action::VerificationFailed(error),
            });
        });
    }

    /// Sandbox only: `POST /demo/dcv/{certificateNo}`, "I created the DNS record of `domain`".
    pub(crate) async fn demo_record_created(
        certificate_no: &str,
        domain: &str,
    ) -> Result<(), HelperError> {
        let body = serde_json::to_string(&DcvDemoRequest {
            domain_address: domain,
        })
        .map_err(|e| HelperError::Demo(e.to_string()))?;
        let path = demo_dcv_path(certificate_no)?;
        read_demo::<serde::de::IgnoredAny>(&demo("POST", &path, Some(body)).await?)?;
        Ok(())
    }

    /// Finds the certificate of an issuance request (by its name, then its records'
    /// requestSn) and reads each domain's records.
    pub(crate) async fn verification(
        state: &AppState,
        issuance: &RequestCertificateIssuanceResponse,
    ) -> Result<Verification, HelperError> {
        let name = &issuance.certificate_name;
        let list = match call(state, certificates_query(name)).await? {
            ResponseData::CertificateList(list) => list,
            _ => return Err(unexpected(OperationKind::ListCloudCertificates)),
        };
        let named = certificates_named(&list, name);
        let domains = domains_to_query(&issuance.common_name, &issuance.dns_name);
        // Several certificates may share the name: core tells which is the request's.
        let mut newest = None;
        for certificate in named.iter().take(MAX_SAME_NAME) {
            let found = records(state, &certificate.certificate_no, &domains).await?;
            let ours = is_requested_certificate(
                found.iter().flat_map(|d| &d.records),
                &issuance.request_sn,
                named.len(),
            );
            let found = Verification {
                request_sn: issuance.request_sn.clone(),
                certificate_no: certificate.certificate_no.clone(),
                domains: found,
            };
            if ours {
                return Ok(found);
            }
            newest.get_or_insert(found);
        }
        newest.ok_or_else(|| HelperError::CertificateNotListed(name.clone()))
    }

    /// List Dcv Statuses for each domain of certificate `certificate_no`.
    pub(crate) async fn records(
        state: &AppState,
        certificate_no: &str,
        domains: &[String],
    ) -> Result<Vec<DnsRecord>, HelperError> {
        let mut out = Vec::new();
        for domain in domains {
            let mut found = DnsRecord {
                domain: domain.clone(),
                records: dcv(state, certificate_no, domain).await?,
            };
            if let Some(apex) = wildcard_apex(domain, domains).filter(|_| found.records.is_empty())
            {
                found = DnsRecord {
                    domain: apex.to_string(),
                    records: dcv(state, certificate_no, apex).await?,
                };
            }
            out.push(found);
        }
        Ok(out)
    }

    async fn dcv(
        state: &AppState,
        certificate_no: &str,
        domain: &str,
    ) -> Result<Vec<DnsVerification>, HelperError> {
        match call(state, dcv_query(certificate_no, domain)).await? {
            ResponseData::DcvStatuses(statuses) => Ok(statuses.dns_verification_list),
            _ => Err(unexpected(OperationKind::ListDcvStatuses)),
        }
    }

    /// Sandbox only: takes a pending sub CA (creating one if none is left), fetches its CSR
    /// with Get Sub Csr, has the sandbox's external root sign it, and fills in the Activate
    /// form.
    pub fn sandbox_sign_pending(state: &AppState, dispatch: Dispatch) {
        let state = state.clone();
        dispatch.dispatch(Action::SandboxHelperStarted);
        wasm_bindgen_futures::spawn_local(async move {
            let result = async {
                let credentials: DemoCredentials =
                    read_demo(&demo("GET", "/demo/credentials", None).await?)?;
                let ca_tag = match credentials.ca_tags.pending {
                    Some(tag) => tag,
                    None => new_pending_ca().await?,
                };
                let csr = GetSubCsr {
                    ca_tag: ca_tag.clone(),
                };
                let csr_pem = match call(&state, csr.into()).await? {
                    ResponseData::SubCsr(csr) if !csr.csr_pem.trim().is_empty() => csr.csr_pem,
                    ResponseData::SubCsr(_) => {
                        return Err(HelperError::Failed(Failure::new(
                            FailureKind::UnexpectedResponse,
                            None,
                            "Get Sub Csr answered without data.csrPem",
                        )))
                    }
                    _ => return Err(unexpected(OperationKind::GetSubCsr)),
                };
                let request = serde_json::to_string(&ExternalSignRequest { csr_pem: &csr_pem })
                    .map_err(|e| HelperError::Demo(e.to_string()))?;
                let signed: ExternalSigned =
                    read_demo(&demo("POST", "/demo/external-ca/sign", Some(request)).await?)?;
                Ok(Action::SandboxHelperDone {
                    ca_tag,
                    cert_pem: signed.cert_pem,
                    ca_chain_pem: signed.ca_chain_pem,
                })
            }
            .await;
            dispatch.dispatch(result.unwrap_or_else(Action::SandboxHelperFailed));
        });
    }

    /// `POST /demo/pending-ca`: a new PENDING sub CA, answered in Create CA's envelope.
    async fn new_pending_ca() -> Result<String, HelperError> {
        let response = demo("POST", "/demo/pending-ca", Some("{}".into())).await?;
        if !(200..300).contains(&response.status) {
            return Err(demo_failure(&response));
        }
        match read_answer(OperationKind::CreateCa, &response, browser::now_ms())? {
            ResponseData::Ca(ca) if !ca.ca_info.ca_tag.is_empty() => Ok(ca.ca_info.ca_tag),
            _ => Err(HelperError::Demo(
                "/demo/pending-ca answered without a caTag".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use certkit_core::follow_up::{certificates_named, dcv_query, listed_cas};
    use certkit_core::operation::OperationKind::{IssueEndCert, RequestCertificateIssuance};
    use certkit_core::private_ca::CaList;

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
                    op: IssueEndCert,
                    field: field.into(),
                    value: value.into(),
                },
            );
        }
        state = reduce(&state, Action::SetAccessKey("AKEY1234".into()));
        reduce(&state, Action::SetSecretKey("the-secret".into()))
    }

    #[test]
    fn pre_send_warnings_read_the_listed_ca_status_for_the_typed_ca() {
        use certkit_core::response::CaInfo;
        let listed = |status: &str| CaInfo {
            ca_tag: "1234567890-1234567890".into(),
            status: status.into(),
            ..CaInfo::default()
        };
        let with_list = |state: &AppState, site, status: &str| {
            reduce(state, Action::CaListLoaded(site, vec![listed(status)]))
        };
        let sandbox = crate::state::SiteChoice::Sandbox;
        // No list read: nothing is known, nothing is asked.
        assert_eq!(pre_send_warnings(&filled(), IssueEndCert, 0), []);
        let active = with_list(&filled(), sandbox, "ACTIVE");
        assert_eq!(pre_send_warnings(&active, IssueEndCert, 0), []);
        let deactivated = with_list(&filled(), sandbox, "DEACTIVATED");
        assert_eq!(
            pre_send_warnings(&deactivated, IssueEndCert, 0),
            [PreSendWarning::CaStatus {
                ca_tag: "1234567890-1234567890".into(),
                status: "DEACTIVATED".into(),
                needed: "ACTIVE",
            }]
        );
        // Another CA typed: the list says nothing of it.
        let other = reduce(
            &deactivated,
            Action::SetField {
                op: IssueEndCert,
                field: "caTag".into(),
                value: "other-tag".into(),
            },
        );
        assert_eq!(pre_send_warnings(&other, IssueEndCert, 0), []);
        // Activate Sub CA needs PENDING; an ACTIVE CA is the review's case.
        let activate = reduce(
            &active,
            Action::SetField {
                op: OperationKind::ActivateSubCa,
                field: "caTag".into(),
                value: "1234567890-1234567890".into(),
            },
        );
        let warnings = pre_send_warnings(&activate, OperationKind::ActivateSubCa, 0);
        assert!(
            matches!(&warnings[..], [PreSendWarning::CaStatus { status, needed: "PENDING", .. }] if status == "ACTIVE")
        );
        // Sign End Csr issues too: the CA must be ACTIVE, as for Issue End Cert.
        let sign = reduce(
            &deactivated,
            Action::SetField {
                op: OperationKind::SignEndCsr,
                field: "caTag".into(),
                value: "1234567890-1234567890".into(),
            },
        );
        assert!(matches!(
            &pre_send_warnings(&sign, OperationKind::SignEndCsr, 0)[..],
            [PreSendWarning::CaStatus {
                needed: "ACTIVE",
                ..
            }]
        ));
        // Operations without a documented CA status need nothing.
        assert_eq!(
            pre_send_warnings(&activate, RequestCertificateIssuance, 0),
            []
        );
    }

    #[test]
    fn activate_warns_when_its_own_checks_fail() {
        // Text that is no PEM: certPem is no CA certificate, and no chain signs it.
        let state = reduce(
            &AppState::default(),
            Action::SetField {
                op: OperationKind::ActivateSubCa,
                field: "certPem".into(),
                value: "not a pem".into(),
            },
        );
        let state = reduce(
            &state,
            Action::SetField {
                op: OperationKind::ActivateSubCa,
                field: "caChainPem".into(),
                value: "also not a pem".into(),
            },
        );
        assert_eq!(
            pre_send_warnings(&state, OperationKind::ActivateSubCa, 0),
            [
                PreSendWarning::NotCaCertificate,
                PreSendWarning::ChainDoesNotVerify
            ]
        );
    }

    #[test]
    fn activate_warns_of_the_chain_once_its_verdicts_are_in() {
        // openssl-made fixtures (crates/x509/tests/fixtures/make.sh): the root did not sign
        // the leaf.
        const ROOT: &str = include_str!("../../crates/x509/tests/fixtures/root.pem");
        const LEAF: &str = include_str!("../../crates/x509/tests/fixtures/leaf-p256.pem");
        let mut state = AppState::default();
        for (field, value) in [("certPem", LEAF), ("caChainPem", ROOT)] {
            state = reduce(
                &state,
                Action::SetField {
                    op: OperationKind::ActivateSubCa,
                    field: field.into(),
                    value: value.into(),
                },
            );
        }
        let now = 1_780_272_000;
        assert_eq!(
            pre_send_warnings(&state, OperationKind::ActivateSubCa, now),
            [PreSendWarning::NotCaCertificate],
            "the chain's verdicts are not in yet"
        );
        let checks = match crate::pem::activate_check(LEAF, ROOT, now, &|_| None).map(|c| c.chain) {
            Some(Outcome::NeedVerdicts(checks)) => checks,
            other => panic!("a chain needs verdicts: {other:?}"),
        };
        // What WebCrypto would answer, from RustCrypto.
        let found = checks
            .iter()
            .map(|c| (c.id().to_string(), c.verify_with_rustcrypto()))
            .collect();
        let state = reduce(&state, Action::VerdictsFound(found));
        assert_eq!(
            pre_send_warnings(&state, OperationKind::ActivateSubCa, now),
            [
                PreSendWarning::NotCaCertificate,
                PreSendWarning::ChainDoesNotVerify
            ]
        );
    }

    fn http(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            body: body.into(),
            date: None,
        }
    }

    fn ca_list(body: &str) -> CaList {
        match read_answer(OperationKind::GetCaList, &http(200, body), 0.0) {
            Ok(ResponseData::CaList(list)) => *list,
            other => panic!("not a CA list: {other:?}"),
        }
    }

    #[test]
    fn helper_requests_are_signed_for_the_selected_site_with_their_query() {
        let state = filled();
        let list = Operation::from(certkit_core::GetCaList::default());
        let request = build(&state, &list, 1, "http://h:1").expect("keys are set");
        assert_eq!(request.url, "http://h:1/sandbox/api/v1/ca?pageNo=1");
        let dcv = Operation::from(certkit_core::ListDcvStatuses {
            certificate_no: "12345".into(),
            domain_address: "*.example.com".into(),
        });
        let state = reduce(&state, Action::SetSite(SiteChoice::Public));
        let request = build(&state, &dcv, 1, "http://h:1").expect("valid query");
        assert_eq!(
            request.url,
            "http://h:1/ncp/public/certificate-manager/api/v2/certificate/getVerificationInfo/12345?domainAddress=%2A.example.com"
        );
        assert!(
            request
                .headers
                .iter()
                .any(|(n, v)| n == "accept" && v == "application/json"),
            "Certificate Manager wants Accept: {:?}",
            request.headers
        );
    }

    #[test]
    fn helper_requests_are_refused_without_keys_or_with_a_missing_domain() {
        let no_domain = Operation::from(certkit_core::ListDcvStatuses {
            certificate_no: "12345".into(),
            domain_address: String::new(),
        });
        match build(&filled(), &no_domain, 1, "") {
            Err(Refusal::Invalid(problems)) => assert_eq!(problems[0].field, "domainAddress"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        let keyless = reduce(&filled(), Action::SetAccessKey(String::new()));
        let list = Operation::from(certkit_core::GetCaList::default());
        assert_eq!(
            build(&keyless, &list, 1, "").err(),
            Some(Refusal::KeysMissing)
        );
    }

    /// Values a server answered go into signed paths only through certkit-core's validation:
    /// hostile ones are refused before anything is sent.
    #[test]
    fn server_supplied_numbers_and_tags_are_validated_before_they_go_into_a_path() {
        let hostile = ["../x", "1?x=y", "a/b", "1/../2", "1#x", "1%2F2", " 1"];
        let items: Vec<String> = hostile
            .iter()
            .map(|no| format!(r#"{{"certificateNo":"{no}","certificateName":"n"}}"#))
            .collect();
        let body = format!(
            r#"{{"returnCode":"0","returnMessage":"Success","sslCertificateList":[{}]}}"#,
            items.join(",")
        );
        let list = match read_answer(OperationKind::ListCloudCertificates, &http(200, &body), 0.0) {
            Ok(ResponseData::CertificateList(list)) => list,
            other => panic!("{other:?}"),
        };
        let named = certificates_named(&list, "n");
        assert_eq!(named.len(), hostile.len());
        let state = filled();
        for certificate in named {
            let no = &certificate.certificate_no;
            match build(&state, &dcv_query(no, "example.com"), 1, "") {
                Err(Refusal::Invalid(problems)) => {
                    assert_eq!(problems[0].field, "certificateNo", "{no}");
                    assert_eq!(problems[0].code.as_str(), "invalid_certificate_no");
                }
                other => panic!("{no:?} was signed: {other:?}"),
            }
            assert!(
                matches!(demo_dcv_path(no), Err(HelperError::Refused(_))),
                "{no}"
            );
        }
        assert!(build(&state, &dcv_query("123", "example.com"), 1, "").is_ok());
        assert_eq!(demo_dcv_path("123").unwrap(), "/demo/dcv/123");

        // caTags from Get CA List (the picker) or the sandbox's demo routes.
        for tag in ["../x", "..", "a/b", "1?x=y", "a#b", "a%2Fb", "a^b"] {
            let page = ca_list(&format!(
                r#"{{"code":"SUCCESS","msg":"Success","data":{{"totalCnt":1,"caInfoList":[{{"caInfo":{{"caTag":"{tag}"}}}}]}}}}"#
            ));
            let picked = listed_cas(&page).remove(0).ca_tag;
            assert_eq!(picked, tag);
            let csr = Operation::from(certkit_core::GetSubCsr { ca_tag: picked });
            match build(&state, &csr, 1, "") {
                Err(Refusal::Invalid(problems)) => assert_eq!(problems[0].field, "caTag", "{tag}"),
                other => panic!("{tag:?} was signed: {other:?}"),
            }
        }
    }

    #[test]
    fn dcv_records_keep_extra_fields() {
        let body = r#"{"returnCode":"0","returnMessage":"Success","totalRows":1,"dnsVerificationCount":1,
            "dnsVerificationList":[{"validSn":"77","requestSn":"abc","validStatusCode":"VALID_STATUS_REG",
            "txtName":"_dcv.e2e.example.com","txtValue":"token-1","ttl":300}]}"#;
        let Ok(ResponseData::DcvStatuses(dcv)) =
            read_answer(OperationKind::ListDcvStatuses, &http(200, body), 0.0)
        else {
            panic!("not DCV statuses");
        };
        let record = &dcv.dns_verification_list[0];
        assert_eq!(record.txt_name, "_dcv.e2e.example.com");
        assert_eq!(
            record.other.get("txtValue").map(String::as_str),
            Some("token-1")
        );
        assert_eq!(record.other.get("ttl").map(String::as_str), Some("300"));
    }

    #[test]
    fn failures_keep_core_s_kind_and_hint_with_the_clock_reading() {
        let mut response = http(
            401,
            r#"{"error":{"errorCode":"200","message":"Authentication Failed"}}"#,
        );
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch (RFC 7231's example date;
        // `date -u -d 'Sun, 06 Nov 1994 08:49:37 GMT' +%s`); this clock is 10 minutes behind.
        response.date = Some("Sun, 06 Nov 1994 08:49:37 GMT".into());
        match read_answer(
            OperationKind::GetCaList,
            &response,
            784_111_777_000.0 - 600_000.0,
        ) {
            Err(HelperError::Failed(failure)) => {
                assert_eq!(failure.kind, FailureKind::AuthFailed);
                assert_eq!(failure.code.as_deref(), Some("200"));
                assert!(
                    failure.hint.contains("10 min 0 s behind"),
                    "{}",
                    failure.hint
                );
            }
            other => panic!("expected authFailed, got {other:?}"),
        }
        let missing = http(
            200,
            r#"{"returnCode":"2200","returnMessage":"No certificate was found."}"#,
        );
        match read_answer(OperationKind::ListDcvStatuses, &missing, 0.0) {
            Err(HelperError::Failed(failure)) => {
                assert_eq!(failure.code.as_deref(), Some("2200"))
            }
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn sandbox_demo_routes_are_read_with_their_own_shapes() {
        // The shape crates/sandbox/src/demo.rs answers.
        let body = r#"{"main":{"accessKey":"MAINKEY","secretKey":"main-secret"},
            "sub":{"accessKey":"SUBKEY","secretKey":"sub-secret"},
            "caTags":{"root":"r","issuing":"i","pending":null},"note":"demo"}"#;
        let credentials: DemoCredentials = read_demo(&http(200, body)).expect("readable");
        assert_eq!(credentials.main.access_key, "MAINKEY");
        assert_eq!(credentials.main.secret_key.expose(), "main-secret");
        assert_eq!(credentials.ca_tags.pending, None);
        assert!(!format!("{credentials:?}").contains("main-secret"));
        let signed: ExternalSigned =
            read_demo(&http(200, r#"{"certPem":"C","caChainPem":"R"}"#)).expect("readable");
        assert_eq!(
            (signed.cert_pem.as_str(), signed.ca_chain_pem.as_str()),
            ("C", "R")
        );
        let request = serde_json::to_string(&ExternalSignRequest { csr_pem: "CSR" });
        assert_eq!(request.ok().as_deref(), Some(r#"{"csrPem":"CSR"}"#));
        let refused = read_demo::<ExternalSigned>(&http(429, r#"{"error":"too many CAs"}"#));
        assert_eq!(
            refused.err(),
            Some(HelperError::Demo("HTTP 429: too many CAs".into()))
        );
        assert!(matches!(
            read_demo::<ExternalSigned>(&http(200, "{}")),
            Err(HelperError::Demo(_))
        ));
    }

    #[test]
    fn a_pending_ca_answer_is_read_flat_or_in_create_ca_s_nesting() {
        for body in [
            r#"{"code":"SUCCESS","msg":"Success","data":{"caTag":"5555555555-5555555555","status":"PENDING"}}"#,
            r#"{"code":"SUCCESS","msg":"Success","data":{"caInfo":{"caTag":"5555555555-5555555555","status":"PENDING"},"caCertInfo":null}}"#,
        ] {
            match read_answer(OperationKind::CreateCa, &http(200, body), 0.0) {
                Ok(ResponseData::Ca(ca)) => assert_eq!(ca.ca_info.ca_tag, "5555555555-5555555555"),
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn sandbox_requests_go_to_the_sandbox_and_sign_the_upstream_path() {
        let request = prepare(&filled(), IssueEndCert, 1_700_000_000_000, "http://h:1");
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
        let request = prepare(&state, IssueEndCert, 1, "http://h:1").expect("valid form");
        assert_eq!(
            request.url,
            "http://h:1/ncp/public/private-ca/api/v1/ca/1234567890-1234567890/cert"
        );
    }

    #[test]
    fn an_operation_the_site_lacks_is_refused_before_anything_else() {
        let state = reduce(&filled(), Action::SetSite(SiteChoice::Gov));
        let refused = prepare(&state, RequestCertificateIssuance, 1, "");
        assert!(
            matches!(refused, Err(Refusal::NotOffered(_))),
            "{refused:?}"
        );
        let state = reduce(&state, Action::SetSite(SiteChoice::Fin));
        assert!(matches!(
            prepare(&state, IssueEndCert, 1, ""),
            Err(Refusal::NotOffered(_))
        ));
    }

    #[test]
    fn invalid_input_and_missing_keys_are_refused() {
        let state = reduce(
            &filled(),
            Action::SetField {
                op: IssueEndCert,
                field: "x509Parameters.commonName".into(),
                value: "x".repeat(65),
            },
        );
        match prepare(&state, IssueEndCert, 1, "") {
            Err(Refusal::Invalid(problems)) => {
                assert_eq!(problems[0].field, "x509Parameters.commonName");
                assert_eq!(problems[0].code.as_str(), "too_long");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        let state = reduce(&filled(), Action::SetSecretKey(String::new().into()));
        assert_eq!(
            prepare(&state, IssueEndCert, 1, "").err(),
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
        use crate::i18n::Lang;
        let en = network_text(Lang::En, "TypeError: Failed to fetch");
        assert!(
            en.starts_with("The request got no answer. Technical detail: "),
            "{en}"
        );
        assert!(en.ends_with("TypeError: Failed to fetch"), "{en}");
        let ko = network_text(Lang::Ko, "TypeError: Failed to fetch");
        assert!(
            ko.starts_with("요청에 응답이 없습니다. 기술 정보: "),
            "{ko}"
        );
        assert!(!en.contains("Network("), "{en}");
    }
}
