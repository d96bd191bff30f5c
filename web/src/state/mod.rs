//! The whole app state and its one pure reducer.
//!
//! Every component reads this state and changes it only through [`Action`]s, so nothing a user
//! typed or received lives in a component that could be unmounted: switching pages, an error or
//! a re-send loses nothing. The reducer is plain Rust (time and ids come in with the actions),
//! so it is unit-tested natively.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use certkit_core::certificate_manager::DnsVerification;
use certkit_core::clock::clock_skew_ms;
use certkit_core::response::Failure;

use crate::i18n::Lang;
use crate::send::Refusal;

/// How many past requests the History page keeps.
pub const HISTORY_LIMIT: usize = 30;

/// Default for "warn when fewer days remain" on certificate cards.
pub const DEFAULT_WARN_DAYS: u32 = 30;

/// The pages of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// Site and keys.
    #[default]
    Connection,
    /// Private CA: Issue End Cert.
    IssueEndCert,
    /// Private CA: Activate Sub CA.
    ActivateSubCa,
    /// Certificate Manager: Request Certificate Issuance.
    RequestIssuance,
    /// Inspect any PEM bundle.
    Inspect,
    /// Past requests of this tab.
    History,
}

/// Where requests go: the offline sandbox mounted by the proxy, or one of NCP's sites.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SiteChoice {
    /// The proxy's built-in sandbox (`<origin>/sandbox`).
    #[default]
    Sandbox,
    /// NCP public site (ntruss.com).
    Public,
    /// NCP government site (gov-ntruss.com).
    Gov,
    /// NCP financial site (fin-ntruss.com).
    Fin,
}

impl SiteChoice {
    /// All choices in display order.
    pub const ALL: [SiteChoice; 4] = [
        SiteChoice::Sandbox,
        SiteChoice::Public,
        SiteChoice::Gov,
        SiteChoice::Fin,
    ];

    /// The NCP site, or `None` for the sandbox.
    pub fn ncp_site(self) -> Option<certkit_core::site::Site> {
        use certkit_core::site::Site;
        match self {
            SiteChoice::Sandbox => None,
            SiteChoice::Public => Some(Site::Public),
            SiteChoice::Gov => Some(Site::Gov),
            SiteChoice::Fin => Some(Site::Fin),
        }
    }

    /// A stable id for form values and storage.
    pub fn id(self) -> &'static str {
        match self {
            SiteChoice::Sandbox => "sandbox",
            SiteChoice::Public => "public",
            SiteChoice::Gov => "gov",
            SiteChoice::Fin => "fin",
        }
    }

    /// Inverse of [`SiteChoice::id`].
    pub fn from_id(id: &str) -> Option<SiteChoice> {
        SiteChoice::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// The three operations, one page each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Op {
    /// Private CA: Issue End Cert.
    IssueEndCert,
    /// Private CA: Activate Sub CA.
    ActivateSubCa,
    /// Certificate Manager: Request Certificate Issuance.
    RequestIssuance,
}

impl Op {
    /// All operations.
    pub const ALL: [Op; 3] = [Op::IssueEndCert, Op::ActivateSubCa, Op::RequestIssuance];

    /// The page showing this operation.
    pub fn page(self) -> Page {
        match self {
            Op::IssueEndCert => Page::IssueEndCert,
            Op::ActivateSubCa => Page::ActivateSubCa,
            Op::RequestIssuance => Page::RequestIssuance,
        }
    }

    /// certkit-core's name for the operation.
    pub fn kind(self) -> certkit_core::operation::OperationKind {
        use certkit_core::operation::OperationKind;
        match self {
            Op::IssueEndCert => OperationKind::IssueEndCert,
            Op::ActivateSubCa => OperationKind::ActivateSubCa,
            Op::RequestIssuance => OperationKind::RequestCertificateIssuance,
        }
    }

    fn index(self) -> usize {
        match self {
            Op::IssueEndCert => 0,
            Op::ActivateSubCa => 1,
            Op::RequestIssuance => 2,
        }
    }
}

/// A secret's text whose `Debug` never shows it (logs, panics, `{:?}` of actions and state).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "<redacted>"
        })
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(text)
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret(text.to_string())
    }
}

/// Site and keys. Keys live here, in memory; the page stores them in sessionStorage only when
/// `remember` is set, never in localStorage. `Debug` redacts the secret key.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Connection {
    /// Where requests go.
    pub site: SiteChoice,
    /// NCP access key.
    pub access_key: String,
    /// NCP secret key; used only to compute signatures in this page.
    pub secret_key: String,
    /// "Remember for this tab" (sessionStorage).
    pub remember: bool,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("site", &self.site)
            .field("access_key", &self.access_key)
            .field("secret_key", &Secret(self.secret_key.clone()))
            .field("remember", &self.remember)
            .finish()
    }
}

/// One form's values, keyed by the API field path (e.g. `x509Parameters.commonName`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormState {
    /// Field path -> typed text.
    pub values: BTreeMap<String, String>,
    /// Fields the user has left at least once: their errors show inline.
    pub touched: BTreeSet<String>,
    /// A send was attempted: every field's error shows.
    pub submitted: bool,
}

impl FormState {
    /// The value typed for `field`, or "".
    pub fn get(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    /// Whether the inline error of `field` should show now.
    pub fn shows_error(&self, field: &str) -> bool {
        self.submitted || self.touched.contains(field)
    }
}

/// What was sent: everything the preview shows, kept so it can be shown after sending. Holds
/// no secret (the signature is not the secret).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentRequest {
    /// HTTP method.
    pub method: String,
    /// Full URL as the browser sends it.
    pub url: String,
    /// Headers as sent.
    pub headers: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<String>,
    /// The string the signature covers.
    pub string_to_sign: String,
    /// The same request as a curl command.
    pub curl: String,
}

/// An HTTP answer as received.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Response body text.
    pub body: String,
    /// The `Date` response header, if any.
    pub date: Option<String>,
}

/// A finished exchange.
#[derive(Clone, Debug, PartialEq)]
pub struct Completed {
    /// Request id.
    pub id: u32,
    /// What was sent.
    pub sent: SentRequest,
    /// What came back.
    pub response: HttpResponse,
    /// How long it took.
    pub elapsed_ms: f64,
    /// Server clock minus local clock, measured from `Date` (ms).
    pub clock_skew_ms: Option<i64>,
}

/// Where the current exchange of one operation is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Phase {
    /// Nothing in flight.
    #[default]
    Idle,
    /// Waiting for the answer.
    Sending {
        /// Request id.
        id: u32,
        /// `Date.now()` when sent.
        started_ms: f64,
        /// What was sent.
        sent: SentRequest,
        /// The form as it was sent (for history).
        form: BTreeMap<String, String>,
    },
    /// The request never got an HTTP answer.
    NetworkError {
        /// What was sent.
        sent: SentRequest,
        /// The browser's message.
        message: String,
    },
    /// The user cancelled.
    Cancelled {
        /// What was sent.
        sent: SentRequest,
    },
}

/// One operation's exchanges: what is in flight, the latest answer and the latest success.
/// The latest success is kept apart so a later failure never hides a received private key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exchange {
    /// In flight / failed to send / cancelled.
    pub phase: Phase,
    /// The latest HTTP answer (success or failure).
    pub last: Option<Completed>,
    /// The latest 2xx answer.
    pub last_success: Option<Completed>,
    /// A history entry reopened on this page: shown apart, read-only, labelled as history, so
    /// it never replaces a received private key, an answer in flight or typed values.
    pub reopened: Option<HistoryEntry>,
}

/// A CA as Get CA List lists it (its `caInfo`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaSummary {
    /// The CA's tag.
    pub ca_tag: String,
    /// Its name.
    pub alias: String,
    /// PRIVATE_ROOT / PRIVATE_SUB.
    pub ca_type: String,
    /// ACTIVE, PENDING, ...
    pub status: String,
}

/// Loading state of something fetched for convenience (CA list, demo keys, sandbox helper,
/// DNS records).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Load<T> {
    /// Not asked.
    #[default]
    Idle,
    /// In flight.
    Loading,
    /// Done.
    Loaded(T),
    /// Failed.
    Failed(HelperError),
}

/// Why a helper (CA picker, DNS records, sandbox buttons) got nothing to show.
#[derive(Clone, Debug, PartialEq)]
pub enum HelperError {
    /// Nothing was sent: keys missing, a value the operation refuses, or a site without it.
    Refused(Refusal),
    /// No HTTP answer; the browser's message.
    Network(String),
    /// NCP (or the sandbox) answered with a failure, classified by certkit-core.
    Failed(Failure),
    /// Certificate Manager lists no certificate of this name (yet).
    CertificateNotListed(String),
    /// A sandbox-only demo route answered with an error or an unreadable body.
    Demo(String),
}

/// The DNS validation of one domain of a certificate, as ListDcvStatuses answers it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DnsRecord {
    /// The domain queried (`domainAddress`), as written on the certificate.
    pub domain: String,
    /// The records NCP returned for it, fields as returned (none when it has none yet).
    pub records: Vec<DnsVerification>,
}

/// The DNS records of a requested certificate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verification {
    /// The issuance request they belong to.
    pub request_sn: String,
    /// The certificate's number, found by its name with List Cloud Certificates.
    pub certificate_no: String,
    /// One entry per domain: the common name, then each dnsName.
    pub domains: Vec<DnsRecord>,
}

/// A past request of this tab. Never holds a private key.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    /// Request id.
    pub id: u32,
    /// Which operation.
    pub op: Op,
    /// Which site.
    pub site: SiteChoice,
    /// `Date.now()` when the answer came.
    pub at_ms: f64,
    /// The form as sent.
    pub form: BTreeMap<String, String>,
    /// The answer, private key removed.
    pub completed: Completed,
}

/// Everything the app knows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// Page shown.
    pub page: Page,
    /// Language.
    pub lang: Lang,
    /// Site and keys.
    pub connection: Connection,
    /// Correction added to the local clock when signing (server - local, ms).
    pub clock_offset_ms: i64,
    /// The three forms, indexed by [`Op`].
    forms: [FormState; 3],
    /// The three exchanges, indexed by [`Op`].
    exchanges: [Exchange; 3],
    /// Past requests, newest first.
    pub history: Vec<HistoryEntry>,
    /// Days-remaining threshold below which validity shows as a warning.
    pub warn_days: u32,
    /// CAs listed for the caTag picker, for the site they were listed on.
    pub ca_list: Load<(SiteChoice, Vec<CaSummary>)>,
    /// The sandbox "sign the pending CA's CSR" helper.
    pub sandbox_helper: Load<String>,
    /// The sandbox's demo keys request.
    pub demo_keys: Load<()>,
    /// Text on the Inspect PEM page.
    pub inspect_text: String,
    /// Reading the DNS records of a requested certificate.
    pub verification: Load<()>,
    /// The DNS records last read (kept on screen while they are read again, and after a
    /// failed re-read).
    pub dns_records: Option<Verification>,
}

impl Default for AppState {
    fn default() -> Self {
        let mut issuance = FormState::default();
        // "D" (DNS validation) is the one method NCP documents today.
        issuance
            .values
            .insert("validationMethod".into(), "D".into());
        AppState {
            page: Page::default(),
            lang: Lang::default(),
            connection: Connection::default(),
            clock_offset_ms: 0,
            forms: [FormState::default(), FormState::default(), issuance],
            exchanges: Default::default(),
            history: Vec::new(),
            warn_days: DEFAULT_WARN_DAYS,
            ca_list: Load::Idle,
            sandbox_helper: Load::Idle,
            demo_keys: Load::Idle,
            inspect_text: String::new(),
            verification: Load::Idle,
            dns_records: None,
        }
    }
}

impl AppState {
    /// The form of `op`.
    pub fn form(&self, op: Op) -> &FormState {
        &self.forms[op.index()]
    }

    /// The exchange of `op`.
    pub fn exchange(&self, op: Op) -> &Exchange {
        &self.exchanges[op.index()]
    }

    fn form_mut(&mut self, op: Op) -> &mut FormState {
        &mut self.forms[op.index()]
    }

    fn exchange_mut(&mut self, op: Op) -> &mut Exchange {
        &mut self.exchanges[op.index()]
    }
}

/// Every change the app can make to its state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Show a page.
    Navigate(Page),
    /// Switch language.
    SetLang(Lang),
    /// Pick the site.
    SetSite(SiteChoice),
    /// Type the access key.
    SetAccessKey(String),
    /// Type the secret key.
    SetSecretKey(Secret),
    /// Toggle "remember for this tab".
    SetRemember(bool),
    /// Keys restored from sessionStorage at start.
    RestoreKeys {
        /// Site.
        site: SiteChoice,
        /// Access key.
        access_key: String,
        /// Secret key.
        secret_key: Secret,
    },
    /// Demo keys requested from the sandbox.
    DemoKeysLoading,
    /// Demo keys received: fill them in.
    DemoKeysLoaded {
        /// Access key.
        access_key: String,
        /// Secret key.
        secret_key: Secret,
    },
    /// Demo keys could not be fetched.
    DemoKeysFailed(HelperError),
    /// Type into a form field.
    SetField {
        /// Which form.
        op: Op,
        /// Field path.
        field: String,
        /// New text.
        value: String,
    },
    /// Leave a field: its errors show from now on.
    Touch {
        /// Which form.
        op: Op,
        /// Field path.
        field: String,
    },
    /// The user pressed Send: every error shows (whether or not anything is sent).
    SubmitAttempted(Op),
    /// A request left.
    SendStarted {
        /// Which operation.
        op: Op,
        /// Request id.
        id: u32,
        /// `Date.now()`.
        started_ms: f64,
        /// What was sent.
        sent: SentRequest,
    },
    /// An HTTP answer arrived.
    ResponseReceived {
        /// Which operation.
        op: Op,
        /// Request id.
        id: u32,
        /// The answer.
        response: HttpResponse,
        /// `Date.now()` at arrival.
        received_ms: f64,
    },
    /// No HTTP answer (network error).
    SendFailed {
        /// Which operation.
        op: Op,
        /// Request id.
        id: u32,
        /// The browser's message.
        message: String,
    },
    /// The user cancelled the request in flight.
    Cancel {
        /// Which operation.
        op: Op,
        /// Request id.
        id: u32,
    },
    /// Sign from now on with this correction of the local clock.
    SetClockOffset(i64),
    /// Set the days-remaining warning threshold.
    SetWarnDays(u32),
    /// The CA list is being fetched.
    CaListLoading,
    /// The CA list arrived.
    CaListLoaded(SiteChoice, Vec<CaSummary>),
    /// The CA list could not be fetched.
    CaListFailed(HelperError),
    /// The sandbox helper started.
    SandboxHelperStarted,
    /// The sandbox helper signed a CSR: fill the Activate form.
    SandboxHelperDone {
        /// The pending CA.
        ca_tag: String,
        /// Its signed certificate.
        cert_pem: String,
        /// The signer's chain.
        ca_chain_pem: String,
    },
    /// The sandbox helper failed.
    SandboxHelperFailed(HelperError),
    /// Type on the Inspect page.
    SetInspectText(String),
    /// DNS records are being read.
    VerificationLoading,
    /// DNS records arrived.
    VerificationLoaded(Verification),
    /// DNS records could not be read.
    VerificationFailed(HelperError),
    /// Reopen a history entry: it shows read-only on its page, beside the current exchange.
    ReopenHistory(u32),
    /// Copy the reopened history entry's values into the form (the user asked for it).
    LoadReopenedForm(Op),
    /// Close the reopened history entry.
    CloseReopened(Op),
    /// Forget this tab's history.
    ClearHistory,
}

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(reduce(&self, action))
    }
}

/// The one state transition function.
pub fn reduce(state: &AppState, action: Action) -> AppState {
    let mut next = state.clone();
    match action {
        Action::Navigate(page) => next.page = page,
        Action::SetLang(lang) => next.lang = lang,
        Action::SetSite(site) => {
            next.connection.site = site;
            // The CA list belongs to the site it came from.
            next.ca_list = Load::Idle;
            next.sandbox_helper = Load::Idle;
            next.verification = Load::Idle;
            next.dns_records = None;
        }
        Action::SetAccessKey(key) => next.connection.access_key = key,
        Action::SetSecretKey(key) => next.connection.secret_key = key.0,
        Action::SetRemember(remember) => next.connection.remember = remember,
        Action::RestoreKeys {
            site,
            access_key,
            secret_key,
        } => {
            next.connection = Connection {
                site,
                access_key,
                secret_key: secret_key.0,
                remember: true,
            };
        }
        Action::DemoKeysLoading => next.demo_keys = Load::Loading,
        Action::DemoKeysLoaded {
            access_key,
            secret_key,
        } => {
            next.connection.access_key = access_key;
            next.connection.secret_key = secret_key.0;
            next.demo_keys = Load::Loaded(());
        }
        Action::DemoKeysFailed(message) => next.demo_keys = Load::Failed(message),
        Action::SetField { op, field, value } => {
            next.form_mut(op).values.insert(field, value);
        }
        Action::Touch { op, field } => {
            next.form_mut(op).touched.insert(field);
        }
        Action::SubmitAttempted(op) => next.form_mut(op).submitted = true,
        Action::SendStarted {
            op,
            id,
            started_ms,
            sent,
        } => {
            if matches!(state.exchange(op).phase, Phase::Sending { .. }) {
                return next; // one request at a time per operation
            }
            let form = state.form(op).values.clone();
            next.exchange_mut(op).phase = Phase::Sending {
                id,
                started_ms,
                sent,
                form,
            };
        }
        Action::ResponseReceived {
            op,
            id,
            response,
            received_ms,
        } => {
            let Phase::Sending {
                id: pending,
                started_ms,
                sent,
                form,
            } = &state.exchange(op).phase
            else {
                return next; // cancelled meanwhile: the answer is dropped
            };
            if *pending != id {
                return next;
            }
            let clock_skew_ms = response.date.as_deref().and_then(|date| {
                // Whole milliseconds are all the Date header (whole seconds) can tell.
                clock_skew_ms(date, received_ms.max(0.0) as u64)
            });
            let completed = Completed {
                id,
                sent: sent.clone(),
                response,
                elapsed_ms: (received_ms - started_ms).max(0.0),
                clock_skew_ms,
            };
            let exchange = next.exchange_mut(op);
            exchange.phase = Phase::Idle;
            if (200..300).contains(&completed.response.status) {
                exchange.last_success = Some(completed.clone());
            }
            exchange.last = Some(completed.clone());
            let entry = HistoryEntry {
                id,
                op,
                site: state.connection.site,
                at_ms: received_ms,
                form: form.clone(),
                completed: Completed {
                    response: HttpResponse {
                        body: without_private_key(&completed.response.body),
                        ..completed.response.clone()
                    },
                    ..completed
                },
            };
            next.history.insert(0, entry);
            next.history.truncate(HISTORY_LIMIT);
        }
        Action::SendFailed { op, id, message } => {
            if let Phase::Sending {
                id: pending, sent, ..
            } = &state.exchange(op).phase
            {
                if *pending == id {
                    next.exchange_mut(op).phase = Phase::NetworkError {
                        sent: sent.clone(),
                        message,
                    };
                }
            }
        }
        Action::Cancel { op, id } => {
            if let Phase::Sending {
                id: pending, sent, ..
            } = &state.exchange(op).phase
            {
                if *pending == id {
                    next.exchange_mut(op).phase = Phase::Cancelled { sent: sent.clone() };
                }
            }
        }
        Action::SetClockOffset(offset) => next.clock_offset_ms = offset,
        Action::SetWarnDays(days) => next.warn_days = days,
        Action::CaListLoading => next.ca_list = Load::Loading,
        Action::CaListLoaded(site, list) => {
            // An answer for a site no longer selected is stale.
            if site == state.connection.site {
                next.ca_list = Load::Loaded((site, list));
            }
        }
        Action::CaListFailed(message) => next.ca_list = Load::Failed(message),
        Action::SandboxHelperStarted => next.sandbox_helper = Load::Loading,
        Action::SandboxHelperDone {
            ca_tag,
            cert_pem,
            ca_chain_pem,
        } => {
            let form = next.form_mut(Op::ActivateSubCa);
            form.values.insert("caTag".into(), ca_tag.clone());
            form.values.insert("certPem".into(), cert_pem);
            form.values.insert("caChainPem".into(), ca_chain_pem);
            next.sandbox_helper = Load::Loaded(ca_tag);
        }
        Action::SandboxHelperFailed(message) => next.sandbox_helper = Load::Failed(message),
        Action::SetInspectText(text) => next.inspect_text = text,
        Action::VerificationLoading => next.verification = Load::Loading,
        Action::VerificationLoaded(verification) => {
            next.verification = Load::Loaded(());
            next.dns_records = Some(verification);
        }
        Action::VerificationFailed(message) => next.verification = Load::Failed(message),
        Action::ReopenHistory(id) => {
            if let Some(entry) = state.history.iter().find(|e| e.id == id) {
                next.page = entry.op.page();
                next.exchange_mut(entry.op).reopened = Some(entry.clone());
            }
        }
        Action::LoadReopenedForm(op) => {
            if let Some(entry) = state.exchange(op).reopened.as_ref() {
                let form = next.form_mut(op);
                form.values = entry.form.clone();
                form.submitted = false;
                form.touched.clear();
            }
        }
        Action::CloseReopened(op) => next.exchange_mut(op).reopened = None,
        Action::ClearHistory => next.history.clear(),
    }
    next
}

/// A response body with every `privateKey` value removed, for history. A body that is not
/// JSON but holds a PEM private key is dropped whole.
pub fn without_private_key(body: &str) -> String {
    fn scrub(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if map.contains_key("privateKey") {
                    map.insert(
                        "privateKey".into(),
                        serde_json::Value::String("(not kept in history)".into()),
                    );
                }
                map.values_mut().for_each(scrub);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(scrub),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(mut value) => {
            scrub(&mut value);
            if value.to_string().contains("PRIVATE KEY-----") {
                return String::new();
            }
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
        Err(_) if body.contains("PRIVATE KEY-----") => String::new(),
        Err(_) => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent() -> SentRequest {
        SentRequest {
            method: "POST".into(),
            url: "http://x/sandbox/api/v1/ca/t/cert".into(),
            ..SentRequest::default()
        }
    }

    fn start(state: &AppState, op: Op, id: u32) -> AppState {
        reduce(
            state,
            Action::SendStarted {
                op,
                id,
                started_ms: 1_000.0,
                sent: sent(),
            },
        )
    }

    fn answer(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            body: body.into(),
            date: Some("Sun, 06 Nov 1994 08:49:37 GMT".into()),
        }
    }

    const ISSUED: &str = r#"{"code":"SUCCESS","data":{"privateKey":"-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----","certificate":"C"}}"#;

    #[test]
    fn typing_keeps_values_per_form_across_pages() {
        let s = AppState::default();
        let s = reduce(
            &s,
            Action::SetField {
                op: Op::IssueEndCert,
                field: "x509Parameters.commonName".into(),
                value: "api.internal".into(),
            },
        );
        let s = reduce(&s, Action::Navigate(Page::Inspect));
        let s = reduce(&s, Action::Navigate(Page::IssueEndCert));
        assert_eq!(
            s.form(Op::IssueEndCert).get("x509Parameters.commonName"),
            "api.internal"
        );
        assert_eq!(
            s.form(Op::ActivateSubCa).get("x509Parameters.commonName"),
            ""
        );
        assert_eq!(s.form(Op::RequestIssuance).get("validationMethod"), "D");
    }

    #[test]
    fn errors_show_after_touch_or_submit_only() {
        let s = AppState::default();
        assert!(!s.form(Op::IssueEndCert).shows_error("caTag"));
        let s = reduce(
            &s,
            Action::Touch {
                op: Op::IssueEndCert,
                field: "caTag".into(),
            },
        );
        assert!(s.form(Op::IssueEndCert).shows_error("caTag"));
        assert!(!s.form(Op::IssueEndCert).shows_error("period"));
        let s = reduce(&s, Action::SubmitAttempted(Op::IssueEndCert));
        assert!(s.form(Op::IssueEndCert).shows_error("period"));
        assert!(!s.form(Op::ActivateSubCa).shows_error("caTag"));
    }

    #[test]
    fn a_failure_after_a_success_keeps_the_received_key() {
        let s = start(&AppState::default(), Op::IssueEndCert, 1);
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::IssueEndCert,
                id: 1,
                response: answer(200, ISSUED),
                received_ms: 1_500.0,
            },
        );
        let s = start(&s, Op::IssueEndCert, 2);
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::IssueEndCert,
                id: 2,
                response: answer(401, r#"{"error":{"errorCode":"200"}}"#),
                received_ms: 2_000.0,
            },
        );
        let ex = s.exchange(Op::IssueEndCert);
        assert_eq!(ex.last.as_ref().map(|c| c.response.status), Some(401));
        let success = ex.last_success.as_ref().map(|c| c.response.body.as_str());
        assert_eq!(success, Some(ISSUED));
        assert_eq!(ex.last.as_ref().map(|c| c.elapsed_ms), Some(1_000.0));
    }

    #[test]
    fn history_never_keeps_a_private_key_and_reopens() {
        let s = reduce(
            &AppState::default(),
            Action::SetField {
                op: Op::IssueEndCert,
                field: "caTag".into(),
                value: "ca-1".into(),
            },
        );
        let s = start(&s, Op::IssueEndCert, 7);
        // Typing while the request is in flight does not change what history records.
        let s = reduce(
            &s,
            Action::SetField {
                op: Op::IssueEndCert,
                field: "caTag".into(),
                value: "typed-later".into(),
            },
        );
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::IssueEndCert,
                id: 7,
                response: answer(200, ISSUED),
                received_ms: 1_200.0,
            },
        );
        assert_eq!(s.history.len(), 1);
        let kept = &s.history[0].completed.response.body;
        assert!(!kept.contains("PRIVATE KEY"), "{kept}");
        assert!(kept.contains("\"certificate\""));

        // Type something else, reopen from history: the entry shows apart, the received key
        // and the typed values stay; the form takes the entry's values only when asked.
        let s = reduce(
            &s,
            Action::SetField {
                op: Op::IssueEndCert,
                field: "caTag".into(),
                value: "other".into(),
            },
        );
        let s = reduce(&s, Action::Navigate(Page::History));
        let s = reduce(&s, Action::ReopenHistory(7));
        assert_eq!(s.page, Page::IssueEndCert);
        assert_eq!(s.form(Op::IssueEndCert).get("caTag"), "other");
        let ex = s.exchange(Op::IssueEndCert);
        let live = ex.last_success.as_ref().map(|c| c.response.body.as_str());
        assert_eq!(live, Some(ISSUED), "the received key stays");
        let reopened = ex.reopened.as_ref();
        assert!(reopened
            .is_some_and(|e| e.id == 7 && !e.completed.response.body.contains("PRIVATE KEY")));
        let s = reduce(&s, Action::LoadReopenedForm(Op::IssueEndCert));
        assert_eq!(s.form(Op::IssueEndCert).get("caTag"), "ca-1");
        let s = reduce(&s, Action::CloseReopened(Op::IssueEndCert));
        assert!(s.exchange(Op::IssueEndCert).reopened.is_none());
        assert_eq!(
            s.exchange(Op::IssueEndCert)
                .last_success
                .as_ref()
                .map(|c| c.response.body.as_str()),
            Some(ISSUED)
        );
    }

    #[test]
    fn reopening_history_while_sending_keeps_the_answer_in_flight() {
        let s = start(&AppState::default(), Op::IssueEndCert, 1);
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::IssueEndCert,
                id: 1,
                response: answer(200, ISSUED),
                received_ms: 1_100.0,
            },
        );
        let s = start(&s, Op::IssueEndCert, 2);
        let s = reduce(&s, Action::ReopenHistory(1));
        assert!(matches!(
            s.exchange(Op::IssueEndCert).phase,
            Phase::Sending { id: 2, .. }
        ));
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::IssueEndCert,
                id: 2,
                response: answer(200, ISSUED),
                received_ms: 1_300.0,
            },
        );
        let ex = s.exchange(Op::IssueEndCert);
        assert_eq!(ex.last_success.as_ref().map(|c| c.id), Some(2));
        assert_eq!(s.history.len(), 2);
    }

    #[test]
    fn a_second_send_while_one_is_in_flight_is_ignored() {
        let s = start(&AppState::default(), Op::IssueEndCert, 1);
        let s = start(&s, Op::IssueEndCert, 2);
        assert!(matches!(
            s.exchange(Op::IssueEndCert).phase,
            Phase::Sending { id: 1, .. }
        ));
        // Another operation may send meanwhile.
        let s = start(&s, Op::ActivateSubCa, 3);
        assert!(matches!(
            s.exchange(Op::ActivateSubCa).phase,
            Phase::Sending { id: 3, .. }
        ));
    }

    #[test]
    fn debug_output_never_shows_the_secret_key() {
        let secret = "s3cr3t-VALUE-xyz";
        let s = reduce(&AppState::default(), Action::SetSecretKey(secret.into()));
        let actions = [
            Action::SetSecretKey(secret.into()),
            Action::RestoreKeys {
                site: SiteChoice::Sandbox,
                access_key: "AK".into(),
                secret_key: secret.into(),
            },
            Action::DemoKeysLoaded {
                access_key: "AK".into(),
                secret_key: secret.into(),
            },
        ];
        for text in std::iter::once(format!("{s:?}"))
            .chain(std::iter::once(format!("{:?}", s.connection)))
            .chain(actions.iter().map(|a| format!("{a:?}")))
        {
            assert!(!text.contains(secret), "{text}");
            assert!(text.contains("<redacted>"), "{text}");
        }
    }

    #[test]
    fn a_cancelled_or_stale_answer_is_dropped() {
        let s = start(&AppState::default(), Op::RequestIssuance, 3);
        let s = reduce(
            &s,
            Action::Cancel {
                op: Op::RequestIssuance,
                id: 3,
            },
        );
        assert!(matches!(
            s.exchange(Op::RequestIssuance).phase,
            Phase::Cancelled { .. }
        ));
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::RequestIssuance,
                id: 3,
                response: answer(200, "{}"),
                received_ms: 5.0,
            },
        );
        assert!(s.exchange(Op::RequestIssuance).last.is_none());
        assert!(s.history.is_empty());

        let s = start(&s, Op::RequestIssuance, 4);
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::RequestIssuance,
                id: 3,
                response: answer(200, "{}"),
                received_ms: 5.0,
            },
        );
        assert!(matches!(
            s.exchange(Op::RequestIssuance).phase,
            Phase::Sending { id: 4, .. }
        ));
    }

    #[test]
    fn clock_skew_is_measured_from_the_date_header() {
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch (RFC 7231's example date;
        // `date -u -d 'Sun, 06 Nov 1994 08:49:37 GMT' +%s`).
        let local_ms = 784_111_777_000.0 - 600_000.0;
        let s = start(&AppState::default(), Op::IssueEndCert, 1);
        let s = reduce(
            &s,
            Action::ResponseReceived {
                op: Op::IssueEndCert,
                id: 1,
                response: answer(401, "{}"),
                received_ms: local_ms,
            },
        );
        let skew = s
            .exchange(Op::IssueEndCert)
            .last
            .as_ref()
            .and_then(|c| c.clock_skew_ms);
        assert_eq!(skew, Some(600_000));
        let s = reduce(&s, Action::SetClockOffset(600_000));
        assert_eq!(s.clock_offset_ms, 600_000);
    }

    #[test]
    fn a_network_error_keeps_what_was_sent() {
        let s = start(&AppState::default(), Op::ActivateSubCa, 9);
        let s = reduce(
            &s,
            Action::SendFailed {
                op: Op::ActivateSubCa,
                id: 9,
                message: "offline".into(),
            },
        );
        match &s.exchange(Op::ActivateSubCa).phase {
            Phase::NetworkError {
                sent: kept,
                message,
            } => {
                assert_eq!(kept, &sent());
                assert_eq!(message, "offline");
            }
            other => panic!("unexpected phase {other:?}"),
        }
    }

    #[test]
    fn switching_site_drops_the_stale_ca_list() {
        let s = reduce(
            &AppState::default(),
            Action::CaListLoaded(
                SiteChoice::Sandbox,
                vec![CaSummary {
                    ca_tag: "t".into(),
                    ..CaSummary::default()
                }],
            ),
        );
        assert!(matches!(s.ca_list, Load::Loaded(_)));
        let s = reduce(&s, Action::SetSite(SiteChoice::Gov));
        assert_eq!(s.ca_list, Load::Idle);
        let s = reduce(&s, Action::CaListLoaded(SiteChoice::Sandbox, Vec::new()));
        assert_eq!(s.ca_list, Load::Idle);
    }

    #[test]
    fn dns_records_are_kept_per_request_and_dropped_with_the_site() {
        let found = Verification {
            request_sn: "sn-1".into(),
            certificate_no: "12".into(),
            domains: vec![DnsRecord {
                domain: "example.com".into(),
                records: Vec::new(),
            }],
        };
        let s = reduce(&AppState::default(), Action::VerificationLoading);
        assert_eq!(s.verification, Load::Loading);
        let s = reduce(&s, Action::VerificationLoaded(found.clone()));
        assert_eq!(s.verification, Load::Loaded(()));
        assert_eq!(s.dns_records.as_ref(), Some(&found));
        // A failed re-read says so and keeps the records received before.
        let s = reduce(&s, Action::VerificationLoading);
        let failure = HelperError::CertificateNotListed("e2e-cert".into());
        let failed = reduce(&s, Action::VerificationFailed(failure.clone()));
        assert_eq!(failed.verification, Load::Failed(failure));
        assert_eq!(failed.dns_records.as_ref(), Some(&found));
        let s = reduce(&failed, Action::SetSite(SiteChoice::Public));
        assert_eq!((s.verification, s.dns_records), (Load::Idle, None));
    }

    #[test]
    fn sandbox_helper_fills_the_activate_form() {
        let s = reduce(
            &AppState::default(),
            Action::SandboxHelperDone {
                ca_tag: "sub-1".into(),
                cert_pem: "CERT".into(),
                ca_chain_pem: "CHAIN".into(),
            },
        );
        let form = s.form(Op::ActivateSubCa);
        assert_eq!(
            (
                form.get("caTag"),
                form.get("certPem"),
                form.get("caChainPem")
            ),
            ("sub-1", "CERT", "CHAIN")
        );
    }

    #[test]
    fn demo_keys_fill_the_connection_and_nothing_is_remembered_by_default() {
        let s = reduce(
            &AppState::default(),
            Action::DemoKeysLoaded {
                access_key: "AK".into(),
                secret_key: "SK".into(),
            },
        );
        assert_eq!(s.connection.access_key, "AK");
        assert_eq!(s.connection.secret_key, "SK");
        assert!(!s.connection.remember);
    }

    #[test]
    fn private_keys_are_scrubbed_from_any_body() {
        assert_eq!(
            without_private_key("-----BEGIN EC PRIVATE KEY-----\nX\n-----END EC PRIVATE KEY-----"),
            ""
        );
        assert_eq!(without_private_key("not json"), "not json");
        let nested = r#"{"a":[{"privateKey":"secret"}]}"#;
        assert!(!without_private_key(nested).contains("secret"));
    }
}
