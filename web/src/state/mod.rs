//! The whole app state and its one pure reducer.
//!
//! Every component reads this state and changes it only through [`Action`]s, so nothing a user
//! typed or received lives in a component that could be unmounted: switching pages, an error or
//! a re-send loses nothing. The reducer is plain Rust (time and ids come in with the actions),
//! so it is unit-tested natively.
//!
//! One file per concern: [`connection`] (site and keys), [`forms`] (the values typed per
//! operation), [`exchange`] (each operation's request, progress and answers), [`loadables`]
//! (what the helpers fetch: CA list, demo keys, sandbox helper, DNS records) and [`history`].
//! [`reduce`], here, is the one transition function; each arm hands its action to the concern
//! it changes.

use std::collections::BTreeMap;
use std::rc::Rc;

use certkit_core::operation::OperationKind;
use certkit_core::response::CaInfo;
use certkit_x509::{SignatureStatus, Verdicts};

use crate::i18n::Lang;

mod backoff;
mod ca_certs;
mod ca_wizard;
mod cas;
mod certificates;
mod connection;
pub mod dcv_poll;
mod exchange;
mod forms;
pub mod history;
mod loadables;
pub mod own_key;

pub use ca_certs::{crl_entry, revoke_word, serial_text, CertsShown, EndCertPage, PendingRevoke};
pub use ca_wizard::{
    CaWizard, Poll, Step, StepOutcome, WizardKind, CA_CHAIN_PEM, CERT_PEM, SIGN_CA_TAG,
};
pub use cas::{
    ca_route, confirmation_word, days_until, CaCommand, CaListPage, CaView, Cas, CommandPhase,
    StatusTone,
};
pub use certificates::{
    blocking_problems, cert_operation, certificate_of_route, certificate_route,
    certificate_status_class, certificate_word, CertCommand, CertField, CertificateListPage,
    CertificateView, Certificates, CmAction, PAGE_SIZE,
};
pub use connection::{Connection, Secret, SiteChoice};
pub use exchange::{
    holds_private_key, Completed, Exchange, HttpResponse, Phase, Refusal, SentRequest,
};
pub use forms::{read_saved_forms, saved_forms, FormState};
pub use history::{without_private_key, HistoryEntry, Summary};
pub use loadables::{DnsRecord, HelperError, Load, Loadables, Verification};
pub use own_key::{Encryption, GeneratedKey, Generation, KeyChoice, KeySource, OwnKey};

/// Default for "warn when fewer days remain" on certificate cards.
pub const DEFAULT_WARN_DAYS: u32 = 30;

/// The operations the app offers, one page each, in the navigation's order.
pub const APP_OPERATIONS: [OperationKind; 4] = [
    OperationKind::IssueEndCert,
    OperationKind::ActivateSubCa,
    OperationKind::RequestCertificateIssuance,
    OperationKind::SignEndCsr,
];

/// The pages of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// Site and keys.
    #[default]
    Connection,
    /// Private CA: the CAs (a CA's detail is [`Cas::open`]).
    Cas,
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
    /// Private CA: Sign End Csr, with a key made in the page ("Issue with my own key").
    IssueOwnKey,
    /// Certificate Manager: the certificates (a certificate's detail is
    /// [`Certificates::open`]).
    Certificates,
}

impl Page {
    /// The page showing operation `kind`, if the app offers it.
    pub fn of(kind: OperationKind) -> Option<Page> {
        match kind {
            OperationKind::IssueEndCert => Some(Page::IssueEndCert),
            OperationKind::ActivateSubCa => Some(Page::ActivateSubCa),
            OperationKind::RequestCertificateIssuance => Some(Page::RequestIssuance),
            OperationKind::SignEndCsr => Some(Page::IssueOwnKey),
            _ => None,
        }
    }

    /// Every page, in navigation order.
    pub const ALL: [Page; 9] = [
        Page::Connection,
        Page::Cas,
        Page::IssueEndCert,
        Page::IssueOwnKey,
        Page::ActivateSubCa,
        Page::RequestIssuance,
        Page::Inspect,
        Page::History,
        Page::Certificates,
    ];

    /// The page's URL hash (`#/issue-end-cert`): a link to it, and what Back and Forward move
    /// between.
    pub fn route(self) -> &'static str {
        match self {
            Page::Connection => "#/connection",
            Page::Cas => "#/cas",
            Page::IssueEndCert => "#/issue-end-cert",
            Page::ActivateSubCa => "#/activate-sub-ca",
            Page::RequestIssuance => "#/request-certificate-issuance",
            Page::Inspect => "#/inspect",
            Page::History => "#/history",
            Page::IssueOwnKey => "#/issue-own-key",
            Page::Certificates => "#/certificates",
        }
    }

    /// The page of a URL hash; `None` for anything else (an in-page anchor, a typo).
    pub fn from_route(hash: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|page| page.route() == hash)
    }

    /// The operation the page shows, if it shows one.
    pub fn operation(self) -> Option<OperationKind> {
        APP_OPERATIONS
            .into_iter()
            .find(|kind| Page::of(*kind) == Some(self))
    }
}

/// Where a URL hash leads: a page, or a CA's detail on the CAs page (`#/cas/{caTag}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A page's own route.
    Page(Page),
    /// A CA's detail.
    Ca(String),
    /// A CA's certificates, or one of them (`#/cas/{caTag}/certs[/{serialNo}]`).
    CaCerts(CertsShown),
    /// issue 13: the Create CA wizard (`#/cas/new`).
    NewCa,
    /// A certificate's detail on the Certificate Manager page (`#/certificates/{no}`).
    Certificate(String),
}

impl Route {
    /// The route of a URL hash; `None` for anything else (an in-page anchor, a typo).
    pub fn parse(hash: &str) -> Option<Route> {
        // The wizard's route before a CA's: no NCP caTag reads "new" (8+8 hex in the docs).
        if hash == NEW_CA_ROUTE {
            return Some(Route::NewCa);
        }
        Page::from_route(hash)
            .map(Route::Page)
            .or_else(|| cas::ca_of_route(hash).map(Route::Ca))
            .or_else(|| CertsShown::of_route(hash).map(Route::CaCerts))
            .or_else(|| certificate_of_route(hash).map(Route::Certificate))
    }

    /// What a hashchange to `hash` asks for, while the app shows `shown_route`: nothing when
    /// the hash is that route, as when the app's own navigation (a link's click, the start's
    /// corrected URL) comes back as a hashchange. Dispatching it again would render the whole
    /// app a second time for no change.
    pub fn action_for_hash(hash: &str, shown_route: &str) -> Option<Action> {
        (hash != shown_route)
            .then(|| Route::parse(hash))
            .flatten()
            .map(Route::action)
    }

    /// The action that shows it.
    pub fn action(self) -> Action {
        match self {
            Route::Page(page) => Action::Navigate(page),
            Route::Ca(ca_tag) => Action::OpenCa(ca_tag),
            Route::CaCerts(CertsShown { ca_tag, serial_no }) => {
                Action::OpenCaCerts { ca_tag, serial_no }
            }
            Route::NewCa => Action::CaWizardOpen,
            Route::Certificate(no) => Action::Certificates(CmAction::Open(no)),
        }
    }
}

/// issue 13: the Create CA wizard's URL hash.
pub const NEW_CA_ROUTE: &str = "#/cas/new";

/// The name an operation's element ids and data attributes start with (`IssueEndCert-title`,
/// `RequestIssuance-commonName`): its page's name.
pub fn dom_name(kind: OperationKind) -> String {
    match Page::of(kind) {
        Some(page) => format!("{page:?}"),
        None => kind.as_str().to_string(),
    }
}

/// An input's element id, unique in the page (`IssueEndCert-x509Parameters-commonName`).
pub fn field_dom_id(op: OperationKind, field: &crate::fields::Field) -> String {
    format!("{}-{}", dom_name(op), field.path.replace('.', "-"))
}

/// One value per operation the app offers ([`APP_OPERATIONS`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PerOperation<T>([T; APP_OPERATIONS.len()]);

impl<T> PerOperation<T> {
    fn slot(kind: OperationKind) -> Option<usize> {
        APP_OPERATIONS.iter().position(|k| *k == kind)
    }

    /// The value of `kind`, if the app offers it.
    pub fn get(&self, kind: OperationKind) -> Option<&T> {
        Self::slot(kind).and_then(|i| self.0.get(i))
    }

    /// The value of `kind` to change, if the app offers it.
    pub fn get_mut(&mut self, kind: OperationKind) -> Option<&mut T> {
        Self::slot(kind).and_then(|i| self.0.get_mut(i))
    }
}

/// Where keyboard focus goes once the next render is on screen. The reducer sets it where an
/// action ends with something new to read (an answer, a refusal, keys filled in), so focus
/// follows the outcome instead of dropping to `<body>` when the control that had it changes;
/// the app moves focus there and clears it ([`Action::FocusTaken`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The one-line outcome under Send.
    Outcome(OperationKind),
    /// The summary of why Send was refused.
    Refused(OperationKind),
    /// The question asked before a send that a pre-send check says NCP will refuse.
    Confirm(OperationKind),
    /// The Send button (the question was dismissed).
    Send(OperationKind),
    /// The "next" link on Connection, after keys were filled in.
    NextStep,
    /// A history entry reopened on its page.
    Reopened,
    /// The title of the CA just opened on the CAs page (the link clicked is gone).
    CaTitle,
    /// The CAs page's title, back from a CA's detail.
    CasTitle,
    /// The sentence saying a status action on a CA succeeded.
    CaCommandDone,
    /// The alias to type before a destructive action on a CA.
    CaConfirm,
    /// The key card, once a key and CSR were made in the page.
    OwnKeyReady,
    /// The title of a CA's certificates.
    CertsTitle,
    /// The title of one certificate of a CA.
    CertTitle,
    /// The CN to type before revoking a certificate.
    RevokeConfirm,
    /// The sentence saying a certificate was revoked.
    RevokeDone,
    /// Try again, under why a revocation failed.
    RevokeFailed,
    /// The pager of a CA's certificates, once another page shows.
    CertsPager,
    /// issue 13: the Create CA wizard's title (it just opened).
    CaWizardTitle,
    /// The wizard's failed step, with its retry.
    CaWizardFailed,
    /// The wizard's "the CA is ACTIVE" sentence.
    CaWizardDone,
    /// The wizard's step list, after its first step answered.
    CaWizardSteps,
    /// The title of the certificate just opened on the Certificate Manager page.
    CertificateTitle,
    /// The Certificate Manager page's title.
    CertificatesTitle,
    /// The first control of an action opened on a certificate.
    CertificateConfirm(CertCommand),
    /// The sentence saying an action on a certificate succeeded.
    CertificateCommandDone,
}

impl Focus {
    /// The id of the element that takes focus.
    pub fn element_id(self) -> String {
        match self {
            Focus::Outcome(op) => format!("{}-outcome", dom_name(op)),
            Focus::Refused(_) => "send-refused".into(),
            Focus::Confirm(_) => "send-confirm".into(),
            Focus::Send(_) => "send".into(),
            Focus::NextStep => "connection-next".into(),
            Focus::Reopened => "reopened".into(),
            Focus::CaTitle => "ca-title".into(),
            Focus::CasTitle => "cas-title".into(),
            Focus::CaCommandDone => "ca-command-done".into(),
            Focus::CaConfirm => "ca-confirm-input".into(),
            Focus::OwnKeyReady => "own-key-card".into(),
            Focus::CertsTitle => "certs-title".into(),
            Focus::CertTitle => "cert-title".into(),
            Focus::RevokeConfirm => "cert-confirm-input".into(),
            Focus::RevokeDone => "cert-revoke-done".into(),
            Focus::RevokeFailed => "cert-revoke-retry".into(),
            Focus::CertsPager => "certs-position".into(),
            Focus::CaWizardTitle => "ca-wizard-title".into(),
            Focus::CaWizardFailed => "ca-wizard-failed".into(),
            Focus::CaWizardDone => "ca-wizard-done".into(),
            Focus::CaWizardSteps => "ca-wizard-steps".into(),
            Focus::CertificateTitle => "cert-title".into(),
            Focus::CertificatesTitle => "certs-title".into(),
            Focus::CertificateConfirm(CertCommand::Reissue) => "cert-reissue-csr".into(),
            Focus::CertificateConfirm(CertCommand::Revoke) => "cert-revoke-order-id".into(),
            Focus::CertificateConfirm(CertCommand::Delete) => "cert-confirm-input".into(),
            Focus::CertificateCommandDone => "cert-command-done".into(),
        }
    }
}

/// What an operation the app does not offer reads as.
static NO_FORM: FormState = FormState::EMPTY;
static NO_EXCHANGE: Exchange = Exchange::IDLE;

/// Everything the app knows.
#[derive(Clone, Debug)]
#[cfg_attr(test, derive(PartialEq))]
pub struct AppState {
    /// Page shown.
    pub page: Page,
    /// Language.
    pub lang: Lang,
    /// Site and keys.
    pub connection: Connection,
    /// Correction added to the local clock when signing (server - local, ms).
    pub clock_offset_ms: i64,
    /// The forms of the offered operations.
    forms: PerOperation<FormState>,
    /// The exchanges of the offered operations.
    exchanges: PerOperation<Exchange>,
    /// Past requests, newest first.
    pub history: Vec<HistoryEntry>,
    /// Days-remaining threshold below which validity shows as a warning.
    pub warn_days: u32,
    /// What the helpers fetched (CA list, demo keys, sandbox helper, DNS records).
    pub loads: Loadables,
    /// Text on the Inspect PEM page.
    pub inspect_text: String,
    /// The CAs page: a page of the list, and the CA opened.
    pub cas: Cas,
    /// issue 13: the Create CA wizard.
    pub ca_wizard: CaWizard,
    /// Where focus goes after the next render.
    pub focus: Option<Focus>,
    /// "Issue with my own key": the key made in the page, in memory only.
    pub own_key: OwnKey,
    /// The Certificate Manager page.
    pub certificates: Certificates,
    /// WebCrypto's verdicts on the signatures the views asked about, filed by check id. An id
    /// is a hash of the check's content, so one verdict serves every view and render of the
    /// same certificates, and can never answer another check.
    pub verdicts: Verdicts,
    /// The public points WebCrypto derived for EC private keys that do not carry theirs, by
    /// the SHA-256 of the key's PKCS#8 (`pem::point_id`); `None` where it could not.
    pub public_points: BTreeMap<String, Option<Vec<u8>>>,
    /// How many actions the app's store has applied: each gives a new revision, so that the
    /// context can tell a new state from the last without comparing them field by field
    /// ([`AppState::revision`]). The pure [`reduce`] keeps it; the store counts.
    revision: u64,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            page: Page::default(),
            lang: Lang::default(),
            connection: Connection::default(),
            clock_offset_ms: 0,
            forms: forms::initial(),
            exchanges: PerOperation::default(),
            history: Vec::new(),
            warn_days: DEFAULT_WARN_DAYS,
            loads: Loadables::default(),
            inspect_text: String::new(),
            cas: Cas::default(),
            ca_wizard: CaWizard::default(),
            focus: None,
            own_key: OwnKey::default(),
            certificates: Certificates::default(),
            verdicts: Verdicts::new(),
            public_points: BTreeMap::new(),
            revision: 0,
        }
    }
}

impl AppState {
    /// The store's count of the actions applied to reach this state: a new state has a new
    /// revision.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// A fresh state showing what the URL's hash leads to (the first page otherwise).
    pub fn starting_at_route(route: Option<Route>) -> Self {
        match route {
            Some(route) => reduce(&AppState::default(), route.action()),
            None => AppState::default(),
        }
    }

    /// The URL hash of what is shown: the page's route, or the open CA's on the CAs page.
    pub fn route(&self) -> String {
        match (self.page, &self.cas.open, &self.certificates.open) {
            (Page::Cas, _, _) if self.ca_wizard.shown => NEW_CA_ROUTE.to_string(),
            (Page::Cas, Some(_), _) if self.cas.certs.shown.is_some() => self
                .cas
                .certs
                .shown
                .as_ref()
                .map(CertsShown::route)
                .unwrap_or_default(),
            (Page::Cas, Some(ca_tag), _) => ca_route(ca_tag),
            (Page::Certificates, _, Some(no)) => certificate_route(no),
            (page, _, _) => page.route().to_string(),
        }
    }

    /// The form of `op` (empty for an operation the app does not offer).
    pub fn form(&self, op: OperationKind) -> &FormState {
        if op == OperationKind::CreateCa {
            return &self.ca_wizard.form; // issue 13: the wizard's form
        }
        self.forms.get(op).unwrap_or(&NO_FORM)
    }

    /// The exchange of `op` (idle for an operation the app does not offer).
    pub fn exchange(&self, op: OperationKind) -> &Exchange {
        self.exchanges.get(op).unwrap_or(&NO_EXCHANGE)
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
        op: OperationKind,
        /// Field path.
        field: String,
        /// New text.
        value: String,
    },
    /// Leave a field: its errors show from now on.
    Touch {
        /// Which form.
        op: OperationKind,
        /// Field path.
        field: String,
    },
    /// The user pressed Send: every error shows (whether or not anything is sent).
    SubmitAttempted(OperationKind),
    /// Send was refused before anything left (keys missing, invalid input, site).
    SendRefused(OperationKind),
    /// A pre-send check says NCP will refuse: ask before sending.
    ConfirmNeeded(OperationKind),
    /// The user answered "don't send" to that question.
    DismissConfirm(OperationKind),
    /// Focus moved where [`AppState::focus`] asked.
    FocusTaken,
    /// Remove the received private key of `op` from the page.
    WipePrivateKey(OperationKind),
    /// The forms as this tab had them before a reload (sessionStorage).
    RestoreForms(Vec<(OperationKind, std::collections::BTreeMap<String, String>)>),
    /// A request left.
    SendStarted {
        /// Which operation.
        op: OperationKind,
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
        op: OperationKind,
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
        op: OperationKind,
        /// Request id.
        id: u32,
        /// The browser's message.
        message: String,
    },
    /// The user cancelled the request in flight.
    Cancel {
        /// Which operation.
        op: OperationKind,
        /// Request id.
        id: u32,
    },
    /// Sign from now on with this correction of the local clock.
    SetClockOffset(i64),
    /// Set the days-remaining warning threshold.
    SetWarnDays(u32),
    /// The CA list is being fetched.
    CaListLoading,
    /// The CA list arrived (the CAs of every page, for the site asked).
    CaListLoaded(SiteChoice, Vec<CaInfo>),
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
    /// Reopen the history entry with this [`HistoryEntry::key`]: it shows read-only on its
    /// page, beside the current exchange.
    ReopenHistory(u32),
    /// Copy the reopened history entry's values into the form (the user asked for it).
    LoadReopenedForm(OperationKind),
    /// Close the reopened history entry.
    CloseReopened(OperationKind),
    /// Forget this tab's history.
    ClearHistory,
    // issue 18: history, cold load, labels
    /// History read back from sessionStorage at start.
    RestoreHistory(Vec<HistoryEntry>),
    // issue 13: the CAs page
    /// Page `n` of Get CA List is being read for the CAs page.
    CasLoading(u32),
    /// A page of Get CA List arrived.
    CasLoaded(CaListPage),
    /// Page `n` of Get CA List could not be read.
    CasFailed(u32, HelperError),
    /// Show a CA's detail on the CAs page.
    OpenCa(String),
    /// A CA's detail (Get CA, its chain and CRL) is being read.
    CaLoading(String),
    /// A CA's detail arrived.
    CaLoaded {
        /// The CA asked for.
        ca_tag: String,
        /// What was read.
        view: Box<CaView>,
    },
    /// A CA's detail could not be read (Get CA failed).
    CaFailed {
        /// The CA asked for.
        ca_tag: String,
        /// Why.
        error: HelperError,
    },
    /// The user asked for a destructive status action: ask for the CA's alias.
    CaCommandAsk {
        /// The CA.
        ca_tag: String,
        /// The action.
        command: CaCommand,
    },
    /// Typed into the alias confirmation.
    CaCommandTyped(String),
    /// The user kept the CA (closed the confirmation, or the failure).
    CaCommandDismiss,
    /// A status action's request left.
    CaCommandStarted {
        /// The CA.
        ca_tag: String,
        /// The action.
        command: CaCommand,
    },
    /// NCP did it.
    CaCommandDone {
        /// The CA.
        ca_tag: String,
        /// The action.
        command: CaCommand,
    },
    /// It failed.
    CaCommandFailed {
        /// The CA.
        ca_tag: String,
        /// The action.
        command: CaCommand,
        /// Why.
        error: HelperError,
    },
    // issue 13: issue with my own key
    /// Generate a key in the page, or paste a CSR.
    OwnKeySource(KeySource),
    /// The key to generate.
    OwnKeyChoice(KeyChoice),
    /// WebCrypto is making the key and signing the CSR.
    OwnKeyGenerating,
    /// The key and its CSR are made: the CSR fills the form.
    OwnKeyGenerated {
        /// The key (in memory only).
        key: GeneratedKey,
        /// The CSR signed with it.
        csr_pem: String,
    },
    /// Making the key or CSR failed.
    OwnKeyFailed(String),
    /// Generate was pressed with subject fields that break the rules: nothing was made.
    OwnKeySubjectInvalid,
    /// Typed the passphrase of the encrypted download.
    OwnKeyPassphrase(Secret),
    /// The key is being encrypted.
    OwnKeyEncrypting,
    /// The encrypted PEM, or why not.
    OwnKeyEncrypted(Result<String, String>),
    // issue 13, point 3: the certificates of a CA
    /// Show a CA's certificates, or one of them.
    OpenCaCerts {
        /// The CA.
        ca_tag: String,
        /// The certificate (`serialNo` as listed); `None`: the list.
        serial_no: Option<String>,
    },
    /// A page of Get End Cert List is being read.
    EndCertsLoading {
        /// The CA.
        ca_tag: String,
        /// The page (1-based).
        page_no: u32,
    },
    /// A page of Get End Cert List arrived.
    EndCertsLoaded(Box<EndCertPage>),
    /// A page of Get End Cert List could not be read.
    EndCertsFailed {
        /// The CA.
        ca_tag: String,
        /// The page.
        page_no: u32,
        /// Why.
        error: HelperError,
    },
    /// Get End Cert is being read for a serial.
    EndCertLoading {
        /// The CA.
        ca_tag: String,
        /// The serial, as listed.
        serial_no: String,
    },
    /// Get End Cert answered.
    EndCertLoaded {
        /// The site it was read on.
        site: SiteChoice,
        /// The CA.
        ca_tag: String,
        /// The serial asked for.
        serial_no: String,
        /// The answer.
        cert: Box<certkit_core::private_ca::EndCert>,
    },
    /// Get End Cert failed.
    EndCertFailed {
        /// The CA.
        ca_tag: String,
        /// The serial asked for.
        serial_no: String,
        /// Why.
        error: HelperError,
    },
    /// The user asked to revoke a certificate: ask for its CN.
    RevokeAsk {
        /// The CA.
        ca_tag: String,
        /// The certificate.
        serial_no: String,
    },
    /// Typed into the revocation's confirmation.
    RevokeTyped(String),
    /// The user kept the certificate.
    RevokeDismiss,
    /// Revoke End Cert left.
    RevokeStarted {
        /// The CA.
        ca_tag: String,
        /// The certificate.
        serial_no: String,
    },
    /// NCP revoked it.
    RevokeDone {
        /// The CA.
        ca_tag: String,
        /// The certificate.
        serial_no: String,
    },
    /// Revoke End Cert failed.
    RevokeFailed {
        /// The CA.
        ca_tag: String,
        /// The certificate.
        serial_no: String,
        /// Why.
        error: HelperError,
    },
    // issue 13: the Create CA wizard (its form takes SetField/Touch/SubmitAttempted with
    // OperationKind::CreateCa)
    /// Show the wizard (`#/cas/new`).
    CaWizardOpen,
    /// Pick what to create.
    CaWizardKind(WizardKind),
    /// A wizard step's request left.
    CaWizardStarted {
        /// The flow's run.
        run: u32,
        /// The step.
        step: Step,
    },
    /// A wizard step answered.
    CaWizardDone {
        /// The flow's run.
        run: u32,
        /// The answer.
        outcome: StepOutcome,
        /// `Date.now()` at arrival (the poll's schedule starts there).
        at_ms: f64,
    },
    /// A wizard step failed.
    CaWizardFailed {
        /// The flow's run.
        run: u32,
        /// The step.
        step: Step,
        /// Why.
        error: HelperError,
    },
    /// The user retries the failed step.
    CaWizardRetry,
    /// The user stops the status poll.
    CaWizardPollCancel,
    /// The user asks for a status check now (or the poll to resume).
    CaWizardPollNow {
        /// `Date.now()`.
        at_ms: f64,
    },
    /// Start over with a new CA, keeping what was typed.
    CaWizardStartOver,
    // issue 13: Certificate Manager
    /// A change on the Certificate Manager page.
    Certificates(CmAction),
    /// WebCrypto's verdicts on signatures a view needed: (check id, verdict).
    VerdictsFound(Vec<(String, SignatureStatus)>),
    /// WebCrypto's public point of an EC key that does not carry its own: (key's point id,
    /// the point, or `None` where it could not derive one).
    PublicPointFound(String, Option<Vec<u8>>),
}

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = reduce(&self, action);
        next.revision = self.revision.wrapping_add(1);
        Rc::new(next)
    }
}

/// The one state transition function.
pub fn reduce(state: &AppState, action: Action) -> AppState {
    let mut next = state.clone();
    let AppState {
        forms,
        exchanges,
        loads,
        connection,
        cas,
        ca_wizard,
        certificates,
        ..
    } = &mut next;
    match action {
        Action::Navigate(page) => {
            let mut back_to_list = None;
            // issue 13: Back from the wizard shows the list too.
            let from_wizard = page == Page::Cas && std::mem::take(&mut ca_wizard.shown);
            if page == Page::Cas && (cas.open.is_some() || from_wizard) {
                // The nav's link and Back from a CA's detail show the list.
                cas.close();
                back_to_list = Some(Focus::CasTitle);
            }
            if page == Page::Certificates && certificates.open.is_some() {
                certificates.close();
                back_to_list = Some(Focus::CertificatesTitle);
            }
            if state.page == page && back_to_list.is_some() {
                next.focus = back_to_list;
            }
            next.page = page;
        }
        Action::SetLang(lang) => next.lang = lang,
        Action::SetSite(site) => {
            if connection.site != site {
                connection.site = site;
                // What the helpers fetched and the answers received belong to the site they
                // came from.
                loads.forget_site();
                cas.forget_answers();
                ca_wizard.forget_progress(); // issue 13
                certificates.forget_answers();
                forget_answers(exchanges);
            }
        }
        Action::SetAccessKey(key) => {
            connection.access_key = key;
            cas.forget_answers();
            ca_wizard.forget_progress(); // issue 13
            certificates.forget_answers();
            forget_answers(exchanges);
        }
        Action::SetSecretKey(key) => {
            connection.secret_key = key;
            cas.forget_answers();
            ca_wizard.forget_progress(); // issue 13
            certificates.forget_answers();
            forget_answers(exchanges);
        }
        Action::SetRemember(remember) => connection.remember = remember,
        Action::RestoreKeys {
            site,
            access_key,
            secret_key,
        } => {
            *connection = Connection::restored(site, access_key, secret_key);
            cas.forget_answers();
            certificates.forget_answers();
        }
        Action::DemoKeysLoading => loads.demo_keys = Load::Loading,
        Action::DemoKeysLoaded {
            access_key,
            secret_key,
        } => {
            connection.set_keys(access_key, secret_key);
            loads.demo_keys = Load::Loaded(());
            cas.forget_answers();
            certificates.forget_answers();
            forget_answers(exchanges);
            next.focus = Some(Focus::NextStep);
        }
        Action::DemoKeysFailed(error) => loads.demo_keys = Load::Failed(error),
        Action::SetField {
            op: OperationKind::CreateCa,
            field,
            value,
        } => {
            ca_wizard.form.values.insert(field, value); // issue 13: the wizard's form
        }
        Action::Touch {
            op: OperationKind::CreateCa,
            field,
        } => {
            ca_wizard.form.touched.insert(field);
        }
        Action::SubmitAttempted(OperationKind::CreateCa) => {
            ca_wizard.submit_attempted();
        }
        Action::SetField { op, field, value } => {
            // "The sandbox signed CA x" describes the caTag it filled in, not another one.
            let helper_tag = match &loads.sandbox_helper {
                Load::Loaded(tag) => Some(tag.as_str()),
                _ => None,
            };
            if op == OperationKind::ActivateSubCa
                && field == "caTag"
                && helper_tag.is_some_and(|tag| tag != value)
            {
                loads.sandbox_helper = Load::Idle;
            }
            if let Some(exchange) = exchanges.get_mut(op) {
                exchange.confirming = false; // the question was about the old input
            }
            if let Some(form) = forms.get_mut(op) {
                form.values.insert(field, value);
            }
        }
        Action::Touch { op, field } => {
            if let Some(form) = forms.get_mut(op) {
                form.touched.insert(field);
            }
        }
        Action::SubmitAttempted(op) => {
            if let Some(form) = forms.get_mut(op) {
                form.submitted = true;
            }
        }
        Action::SendRefused(op) => {
            if let Some(form) = forms.get_mut(op) {
                form.submitted = true;
            }
            next.focus = Some(Focus::Refused(op));
        }
        Action::ConfirmNeeded(op) => {
            if let Some(exchange) = exchanges.get_mut(op) {
                exchange.confirming = true;
                next.focus = Some(Focus::Confirm(op));
            }
        }
        Action::DismissConfirm(op) => {
            if let Some(exchange) = exchanges.get_mut(op) {
                exchange.confirming = false;
                next.focus = Some(Focus::Send(op));
            }
        }
        Action::FocusTaken => next.focus = None,
        Action::VerdictsFound(found) => {
            for (id, status) in found {
                next.verdicts.insert_id(id, status);
            }
        }
        Action::PublicPointFound(id, point) => {
            next.public_points.insert(id, point);
        }
        Action::WipePrivateKey(op) => {
            if let Some(exchange) = exchanges.get_mut(op) {
                exchange.wipe_private_key();
            }
            if op == OperationKind::SignEndCsr {
                next.own_key.wipe();
            }
        }
        Action::RestoreForms(saved) => {
            for (op, values) in saved {
                if let Some(form) = forms.get_mut(op) {
                    form.load(&values);
                }
            }
        }
        Action::SendStarted {
            op,
            id,
            started_ms,
            sent,
        } => {
            if let Some(exchange) = exchanges.get_mut(op) {
                exchange.start(id, started_ms, sent, state.form(op).values.clone());
            }
            if op == OperationKind::RequestCertificateIssuance {
                // The DNS records belong to the certificate requested before.
                loads.verification = Load::Idle;
                loads.dns_records = None;
            }
        }
        Action::ResponseReceived {
            op,
            id,
            response,
            received_ms,
        } => {
            let exchange = exchanges.get_mut(op);
            if let Some((completed, form)) =
                exchange.and_then(|e| e.receive(id, response, received_ms))
            {
                let site = state.connection.site;
                let entry = HistoryEntry::new(op, site, received_ms, form, completed);
                history::record(&mut next.history, entry);
                next.focus = Some(Focus::Outcome(op));
            }
        }
        Action::SendFailed { op, id, message } => {
            if let Some(exchange) = exchanges.get_mut(op) {
                if exchange.end(id, |sent| Phase::NetworkError { sent, message }) {
                    next.focus = Some(Focus::Outcome(op));
                }
            }
        }
        Action::Cancel { op, id } => {
            if let Some(exchange) = exchanges.get_mut(op) {
                if exchange.end(id, |sent| Phase::Cancelled { sent }) {
                    next.focus = Some(Focus::Outcome(op));
                }
            }
        }
        Action::SetClockOffset(offset) => next.clock_offset_ms = offset,
        Action::SetWarnDays(days) => next.warn_days = days,
        Action::CaListLoading => loads.ca_list = Load::Loading,
        Action::CaListLoaded(site, list) => loads.ca_list_loaded(site, connection.site, list),
        Action::CaListFailed(error) => loads.ca_list = Load::Failed(error),
        Action::SandboxHelperStarted => loads.sandbox_helper = Load::Loading,
        Action::SandboxHelperDone {
            ca_tag,
            cert_pem,
            ca_chain_pem,
        } => {
            if let Some(form) = forms.get_mut(OperationKind::ActivateSubCa) {
                form.fill([
                    ("caTag", ca_tag.clone()),
                    ("certPem", cert_pem),
                    ("caChainPem", ca_chain_pem),
                ]);
            }
            loads.sandbox_helper = Load::Loaded(ca_tag);
        }
        Action::SandboxHelperFailed(error) => loads.sandbox_helper = Load::Failed(error),
        Action::SetInspectText(text) => next.inspect_text = text,
        Action::VerificationLoading => loads.verification = Load::Loading,
        Action::VerificationLoaded(verification) => loads.verification_loaded(verification),
        Action::VerificationFailed(error) => loads.verification = Load::Failed(error),
        Action::ReopenHistory(key) => {
            let entry = state.history.iter().find(|e| e.key == key);
            if let Some((entry, page)) = entry.and_then(|e| Some((e, Page::of(e.op)?))) {
                if let Some(exchange) = exchanges.get_mut(entry.op) {
                    exchange.reopened = Some(entry.clone());
                    next.page = page;
                    // The page is long, and its form still holds the values typed since.
                    next.focus = Some(Focus::Reopened);
                }
            }
        }
        Action::LoadReopenedForm(op) => {
            if let (Some(entry), Some(form)) = (&state.exchange(op).reopened, forms.get_mut(op)) {
                form.load(&entry.form);
            }
        }
        Action::CloseReopened(op) => {
            if let Some(exchange) = exchanges.get_mut(op) {
                exchange.reopened = None;
            }
        }
        Action::ClearHistory => next.history.clear(),
        // issue 18: history, cold load, labels
        Action::RestoreHistory(entries) => history::restore(&mut next.history, entries),
        Action::CasLoading(page_no) => cas.list_loading(page_no),
        Action::CasLoaded(page) => cas.list_loaded(page, connection.site),
        Action::CasFailed(page_no, error) => cas.list_failed(page_no, error),
        Action::OpenCa(ca_tag) => {
            let moved = state.cas.open.as_ref() != Some(&ca_tag)
                || state.page != Page::Cas
                || state.cas.certs.shown.is_some()
                || ca_wizard.shown;
            ca_wizard.shown = false; // issue 13
            cas.open(ca_tag);
            next.page = Page::Cas;
            if moved {
                next.focus = Some(Focus::CaTitle);
            }
        }
        Action::CaLoading(ca_tag) => cas.detail_loading(&ca_tag),
        Action::CaLoaded { ca_tag, view } => cas.detail_loaded(&ca_tag, *view, connection.site),
        Action::CaFailed { ca_tag, error } => cas.detail_failed(&ca_tag, error),
        Action::CaCommandAsk { ca_tag, command } => {
            cas.command_asked(ca_tag, command);
            if next.cas.command.is_some() {
                next.focus = Some(Focus::CaConfirm);
            }
        }
        Action::CaCommandTyped(text) => cas.command_typed(text),
        Action::CaCommandDismiss => cas.command_dismissed(),
        Action::CaCommandStarted { ca_tag, command } => cas.command_started(ca_tag, command),
        Action::CaCommandDone { ca_tag, command } => {
            if cas.command_done(ca_tag, command) {
                next.focus = Some(Focus::CaCommandDone);
            }
        }
        Action::CaCommandFailed {
            ca_tag,
            command,
            error,
        } => cas.command_failed(&ca_tag, command, error),
        Action::OwnKeySource(source) => next.own_key.source = source,
        Action::OwnKeyChoice(choice) => next.own_key.choice = choice,
        Action::OwnKeyGenerating => next.own_key.generation = Generation::Working,
        Action::OwnKeyGenerated { key, csr_pem } => {
            if let Some(form) = forms.get_mut(OperationKind::SignEndCsr) {
                form.fill([("csrPem", csr_pem)]);
            }
            next.own_key.generated(key);
            next.focus = Some(Focus::OwnKeyReady);
        }
        Action::OwnKeyFailed(message) => next.own_key.generation = Generation::Failed(message),
        Action::OwnKeySubjectInvalid => {
            if let Some(form) = forms.get_mut(OperationKind::SignEndCsr) {
                for field in crate::fields::own_key_subject_fields() {
                    form.touched.insert(field.path.to_string());
                }
            }
            next.own_key.generation = Generation::SubjectInvalid;
        }
        Action::OwnKeyPassphrase(passphrase) => next.own_key.set_passphrase(passphrase),
        Action::OwnKeyEncrypting => next.own_key.encryption = Encryption::Working,
        Action::OwnKeyEncrypted(result) => {
            // A copy made with a passphrase changed since (or of a key wiped since) is dropped.
            if next.own_key.encryption == Encryption::Working && next.own_key.key.is_some() {
                next.own_key.encryption = match result {
                    Ok(pem) => Encryption::Ready(pem),
                    Err(message) => Encryption::Failed(message),
                }
            }
        }
        // issue 13, point 3: the certificates of a CA
        Action::OpenCaCerts { ca_tag, serial_no } => {
            let focus = if serial_no.is_some() {
                Focus::CertTitle
            } else {
                Focus::CertsTitle
            };
            ca_wizard.shown = false;
            cas.open(ca_tag.clone());
            cas.certs.show(ca_tag, serial_no);
            next.page = Page::Cas;
            if state.page != Page::Cas || state.cas.certs.shown != next.cas.certs.shown {
                next.focus = Some(focus);
            }
        }
        Action::EndCertsLoading { ca_tag, page_no } => cas.certs.list_loading(&ca_tag, page_no),
        Action::EndCertsLoaded(page) => {
            if cas.certs.list_loaded(*page, connection.site) {
                next.focus = Some(Focus::CertsPager);
            }
        }
        Action::EndCertsFailed {
            ca_tag,
            page_no,
            error,
        } => cas.certs.list_failed(&ca_tag, page_no, error),
        Action::EndCertLoading { ca_tag, serial_no } => cas.certs.cert_loading(&ca_tag, serial_no),
        Action::EndCertLoaded {
            site,
            ca_tag,
            serial_no,
            cert,
        } => cas
            .certs
            .cert_loaded(&ca_tag, &serial_no, *cert, site, connection.site),
        Action::EndCertFailed {
            ca_tag,
            serial_no,
            error,
        } => cas.certs.cert_failed(&ca_tag, &serial_no, error),
        Action::RevokeAsk { ca_tag, serial_no } => {
            if cas.certs.revoke_asked(ca_tag, serial_no) {
                next.focus = Some(Focus::RevokeConfirm);
            }
        }
        Action::RevokeTyped(text) => cas.certs.revoke_typed(text),
        Action::RevokeDismiss => cas.certs.revoke_dismissed(),
        Action::RevokeStarted { ca_tag, serial_no } => cas.certs.revoke_started(ca_tag, serial_no),
        Action::RevokeDone { ca_tag, serial_no } => {
            if cas.certs.revoke_done(ca_tag, serial_no) {
                // The CRL tells whether it is revoked: the CA's detail (with it) is read again.
                cas.detail = Load::Idle;
                next.focus = Some(Focus::RevokeDone);
            }
        }
        Action::RevokeFailed {
            ca_tag,
            serial_no,
            error,
        } => {
            if cas.certs.revoke_failed(&ca_tag, &serial_no, error) {
                // The confirmation that had focus is gone.
                next.focus = Some(Focus::RevokeFailed);
            }
        }
        // issue 13: the Create CA wizard
        Action::CaWizardOpen => {
            let moved = state.page != Page::Cas || !ca_wizard.shown;
            cas.close();
            ca_wizard.show();
            next.page = Page::Cas;
            if moved {
                next.focus = Some(Focus::CaWizardTitle);
            }
        }
        Action::CaWizardKind(kind) => ca_wizard.set_kind(kind),
        Action::CaWizardStarted { run, step } => ca_wizard.started(run, step),
        Action::CaWizardDone {
            run,
            outcome,
            at_ms,
        } => {
            let created = matches!(outcome, StepOutcome::Created(_));
            if ca_wizard.step_done_with(run, outcome, connection.site, at_ms) {
                if created || ca_wizard.is_done() {
                    // The CAs list (and the caTag picker's) no longer show every CA as it is.
                    cas.list = Load::Idle;
                    loads.ca_list = Load::Idle;
                }
                if ca_wizard.is_done() {
                    next.focus = Some(Focus::CaWizardDone);
                } else if created {
                    next.focus = Some(Focus::CaWizardSteps);
                }
            }
        }
        Action::CaWizardFailed { run, step, error } => {
            ca_wizard.step_failed(run, step, error);
            if ca_wizard.failed.is_some() && state.ca_wizard.failed.is_none() {
                next.focus = Some(Focus::CaWizardFailed);
            }
        }
        Action::CaWizardRetry => ca_wizard.retry(),
        Action::CaWizardPollCancel => ca_wizard.cancel_poll(),
        Action::CaWizardPollNow { at_ms } => ca_wizard.poll_now(at_ms),
        Action::CaWizardStartOver => ca_wizard.start_over(),
        // issue 13: Certificate Manager
        Action::Certificates(action) => certificates::reduce(&mut next, action),
    }
    next
}

/// Keys or site changed: no answer on screen describes a request these would send.
fn forget_answers(exchanges: &mut PerOperation<Exchange>) {
    exchanges.0.iter_mut().for_each(Exchange::forget_answers);
}

/// What the concerns' tests share: a request, its answer, and the actions around them.
#[cfg(test)]
pub(crate) mod test_support {
    use certkit_core::operation::OperationKind;

    use super::{reduce, Action, AppState, HttpResponse, SentRequest};

    /// An answer with a private key.
    pub const ISSUED: &str = r#"{"code":"SUCCESS","data":{"privateKey":"-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----","certificate":"C"}}"#;

    /// A request as sent.
    pub fn sent() -> SentRequest {
        SentRequest {
            method: "POST".into(),
            url: "http://x/sandbox/api/v1/ca/t/cert".into(),
            ..SentRequest::default()
        }
    }

    /// Request `id` of `op` leaves at 1000 ms.
    pub fn start(state: &AppState, op: OperationKind, id: u32) -> AppState {
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

    /// The answer to request `id` of `op` arrives at `received_ms`.
    pub fn receive(
        state: &AppState,
        op: OperationKind,
        id: u32,
        response: HttpResponse,
        received_ms: f64,
    ) -> AppState {
        reduce(
            state,
            Action::ResponseReceived {
                op,
                id,
                response,
                received_ms,
            },
        )
    }

    /// An answer dated with RFC 7231's example date.
    pub fn answer(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            body: body.into(),
            date: Some("Sun, 06 Nov 1994 08:49:37 GMT".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_gives_every_action_a_new_revision_and_reduce_keeps_it() {
        use yew::Reducible;
        let start = Rc::new(AppState::default());
        let next = start.clone().reduce(Action::FocusTaken);
        assert_eq!(
            next.revision(),
            start.revision() + 1,
            "even an action that changes nothing"
        );
        let after = next.clone().reduce(Action::SetInspectText("pem".into()));
        assert_eq!(after.revision(), start.revision() + 2);
        assert_eq!(
            reduce(&after, Action::FocusTaken).revision(),
            after.revision()
        );
    }

    #[test]
    fn verdicts_found_are_kept_by_check_id_and_nothing_else_changes() {
        let state = reduce(&AppState::default(), Action::SetInspectText("pem".into()));
        let found = reduce(
            &state,
            Action::VerdictsFound(vec![
                ("a".into(), SignatureStatus::Valid),
                ("b".into(), SignatureStatus::Invalid),
            ]),
        );
        assert_eq!(found.verdicts.len(), 2);
        assert_eq!(found.inspect_text, "pem", "what was typed stays");
        let again = reduce(
            &found,
            Action::VerdictsFound(vec![("a".into(), SignatureStatus::Valid)]),
        );
        assert_eq!(
            again.verdicts, found.verdicts,
            "a verdict filed twice is one"
        );
    }

    #[test]
    fn derived_points_are_kept_by_key_and_nothing_else_changes() {
        let state = reduce(&AppState::default(), Action::SetInspectText("pem".into()));
        let found = reduce(
            &state,
            Action::PublicPointFound("k1".into(), Some(vec![4, 1, 2])),
        );
        let failed = reduce(&found, Action::PublicPointFound("k2".into(), None));
        assert_eq!(failed.public_points.get("k1"), Some(&Some(vec![4, 1, 2])));
        assert_eq!(failed.public_points.get("k2"), Some(&None));
        assert_eq!(failed.inspect_text, "pem", "what was typed stays");
    }

    #[test]
    fn each_offered_operation_has_its_page_and_back() {
        for kind in APP_OPERATIONS {
            let page = Page::of(kind).expect("offered operations have a page");
            assert_eq!(page.operation(), Some(kind));
        }
        assert_eq!(Page::of(OperationKind::GetCaList), None);
        assert_eq!(Page::History.operation(), None);
        // Element ids keep the pages' names.
        let names: Vec<String> = APP_OPERATIONS.into_iter().map(dom_name).collect();
        assert_eq!(
            names,
            [
                "IssueEndCert",
                "ActivateSubCa",
                "RequestIssuance",
                "IssueOwnKey"
            ]
        );
    }

    #[test]
    fn the_wizard_and_a_cas_certificates_each_own_the_route_while_shown() {
        let wizard = reduce(&AppState::default(), Action::CaWizardOpen);
        assert_eq!(wizard.route(), NEW_CA_ROUTE);
        let certs = reduce(
            &wizard,
            Action::OpenCaCerts {
                ca_tag: "tag1".into(),
                serial_no: None,
            },
        );
        assert!(!certs.ca_wizard.shown);
        assert_eq!(certs.route(), "#/cas/tag1/certs");
        let back = reduce(&certs, Action::CaWizardOpen);
        assert!(back.cas.certs.shown.is_none());
        assert_eq!(back.route(), NEW_CA_ROUTE);
        let ca = reduce(&back, Action::OpenCa("tag1".into()));
        assert_eq!(ca.route(), "#/cas/tag1");
    }

    #[test]
    fn a_hashchange_to_the_route_shown_is_skipped_and_would_have_changed_nothing() {
        let start = AppState::default();
        let mut shown: Vec<AppState> = Page::ALL
            .into_iter()
            .map(|page| reduce(&start, Action::Navigate(page)))
            .collect();
        shown.push(reduce(&start, Action::OpenCa("tag1".into())));
        shown.push(reduce(&start, Action::CaWizardOpen));
        shown.push(reduce(
            &start,
            Action::OpenCaCerts {
                ca_tag: "tag1".into(),
                serial_no: Some("5".into()),
            },
        ));
        shown.push(reduce(
            &start,
            Action::Certificates(CmAction::Open("12".into())),
        ));
        for state in &shown {
            let route = state.route();
            assert_eq!(Route::action_for_hash(&route, &route), None, "{route}");
            // What the skipped dispatch would have done: nothing.
            let again = Route::parse(&route).expect(&route).action();
            assert!(reduce(state, again) == *state, "{route}");
            // Any other route is followed.
            let other = if state.page == Page::History {
                Page::Inspect
            } else {
                Page::History
            };
            assert_eq!(
                Route::action_for_hash(other.route(), &route),
                Some(Action::Navigate(other)),
                "{route}"
            );
        }
        // An in-page anchor is no route.
        assert_eq!(Route::action_for_hash("#main", "#/connection"), None);
    }

    #[test]
    fn every_page_has_its_own_route_and_back() {
        for page in Page::ALL {
            assert_eq!(Page::from_route(page.route()), Some(page));
        }
        let routes: std::collections::BTreeSet<_> = Page::ALL.map(Page::route).into();
        assert_eq!(routes.len(), Page::ALL.len());
        // In-page anchors and typos are not pages.
        assert_eq!(Page::from_route("#main"), None);
        assert_eq!(Page::from_route("#/nope"), None);
        assert_eq!(Page::from_route(""), None);
    }
}
