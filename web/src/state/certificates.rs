//! The Certificate Manager page: a page of List Cloud Certificates at a time, the certificate
//! opened (`#/certificates/{certificateNo}`: its list entry and Get Certificate Chain), the DNS
//! validation followed ([`DcvPoll`]), the ZIP downloaded, and the actions on a certificate
//! (reissue, revoke, delete; the last two wait for its name, typed). An answer is kept only
//! while it still describes what is asked: the page, the certificate and the site.

use certkit_core::certificate_manager::{
    CertificateChain, CertificateList, CloudCertificate, DeleteCertificate, ReissueCertificate,
    RevokeCertificate,
};
use certkit_core::follow_up::domains_to_query;
use certkit_core::operation::Operation;
use certkit_core::response::RequestCertificateIssuanceResponse;
use certkit_core::{Problem, Severity, ValidationMethod};

use super::dcv_poll::DcvPoll;
use super::Verification;
use super::{AppState, CommandPhase, DnsRecord, Focus, HelperError, Load, Page, SiteChoice};

/// Certificates asked for per page (`pageSize`).
pub const PAGE_SIZE: u32 = 20;

/// One page of List Cloud Certificates, as read for a site.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateListPage {
    /// The site it was read on.
    pub site: SiteChoice,
    /// Its page number (`page`, 1-based).
    pub page_no: u32,
    /// The answer.
    pub list: CertificateList,
}

impl CertificateListPage {
    /// Whether a page follows: `totalCount` (every match, C1's emulator reading) says more
    /// remain, or, without it, this page is full (C1's client reading: stop on a short page).
    pub fn has_next(&self) -> bool {
        let shown = self.list.ssl_certificate_list.len();
        if shown == 0 {
            return false;
        }
        match self.list.total_count.and_then(|t| u64::try_from(t).ok()) {
            Some(total) => u64::from(self.page_no) * u64::from(PAGE_SIZE) < total,
            None => shown >= PAGE_SIZE as usize,
        }
    }

    /// The number of pages `totalCount` makes, when it is given.
    pub fn total_pages(&self) -> Option<u64> {
        let total = u64::try_from(self.list.total_count?).ok()?;
        Some(total.div_ceil(u64::from(PAGE_SIZE)).max(1))
    }
}

/// What a certificate's detail shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateView {
    /// The site it was read on.
    pub site: SiteChoice,
    /// Its entry in List Cloud Certificates; `None`: no certificate has this number (deleted).
    pub certificate: Option<CloudCertificate>,
    /// Get Certificate Chain's answer, or why not (NCP answers 2200 before issuance).
    pub chain: Result<CertificateChain, HelperError>,
}

/// The number of a certificate being found after a request (by its name, then its DCV
/// records' requestSn: certkit-core's `follow_up`).
#[derive(Clone, Debug, PartialEq)]
pub struct Follow {
    /// The issuance request's answer.
    pub issuance: RequestCertificateIssuanceResponse,
    /// Finding it; loaded with its certificateNo.
    pub found: Load<String>,
}

/// An action on a certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertCommand {
    /// Reissue Certificate (C4): a new certificate from a CSR, same names.
    Reissue,
    /// Revoke Certificate (C7).
    Revoke,
    /// Delete Certificate (C3).
    Delete,
}

impl CertCommand {
    /// Every action, in the order offered.
    pub const ALL: [CertCommand; 3] = [
        CertCommand::Reissue,
        CertCommand::Revoke,
        CertCommand::Delete,
    ];

    /// Whether it destroys what cannot be undone (certkit-core's rule): the user types the
    /// certificate's name first.
    pub fn destructive(self) -> bool {
        matches!(self, CertCommand::Revoke | CertCommand::Delete)
    }

    /// Its element ids' stem (`cert-action-delete`).
    pub fn id(self) -> &'static str {
        match self {
            CertCommand::Reissue => "reissue",
            CertCommand::Revoke => "revoke",
            CertCommand::Delete => "delete",
        }
    }
}

/// What the action forms hold (kept across failures).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertForms {
    /// Revoke: `orderId` (no documented field gives it: C7's doc gap).
    pub order_id: String,
    /// Revoke: `revokeType`.
    pub revoke_type: String,
    /// Reissue: `csr` (PEM).
    pub csr: String,
}

/// A field of [`CertForms`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertField {
    /// `orderId`.
    OrderId,
    /// `revokeType`.
    RevokeType,
    /// `csr`.
    Csr,
}

/// An action asked for on the open certificate, while it is confirmed, sent or failed.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingCertCommand {
    /// The certificate.
    pub certificate_no: String,
    /// The action.
    pub command: CertCommand,
    /// Where it stands (the CAs page's phases: confirming with the name typed, sending,
    /// failed).
    pub phase: CommandPhase,
}

/// The request of `command` on `certificate` with the forms as they stand, built by
/// certkit-core.
pub fn cert_operation(
    command: CertCommand,
    certificate: &CloudCertificate,
    forms: &CertForms,
) -> Operation {
    let certificate_no = certificate.certificate_no.clone();
    match command {
        CertCommand::Delete => DeleteCertificate {
            certificate_no,
            certificate_name: certificate.certificate_name.clone(),
        }
        .into(),
        CertCommand::Revoke => RevokeCertificate {
            order_id: forms.order_id.trim().to_string(),
            certificate_no,
            revoke_type: forms.revoke_type.clone(),
        }
        .into(),
        CertCommand::Reissue => ReissueCertificate {
            certificate_no,
            csr: forms.csr.clone(),
            certificate_name: certificate.certificate_name.clone(),
            common_name: certificate.common_name.clone(),
            dns_name: certificate.dns_name.clone(),
            validation_method: ValidationMethod::Dns,
        }
        .into(),
    }
}

/// What blocks `command`'s request (documented rules only; warnings never block).
pub fn blocking_problems(
    command: CertCommand,
    certificate: &CloudCertificate,
    forms: &CertForms,
) -> Vec<Problem> {
    cert_operation(command, certificate, forms)
        .validate()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect()
}

/// What the user types to confirm a destructive action: the certificate's name (its number
/// when it has none).
pub fn certificate_word(certificate: &CloudCertificate) -> &str {
    let name = certificate.certificate_name.trim();
    if name.is_empty() {
        certificate.certificate_no.trim()
    } else {
        name
    }
}

/// The Certificate Manager page's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Certificates {
    /// The page of the list asked for last (1-based).
    pub page_no: u32,
    /// That page.
    pub list: Load<CertificateListPage>,
    /// The certificate whose detail is shown; `None`: the list.
    pub open: Option<String>,
    /// The open certificate's detail.
    pub detail: Load<CertificateView>,
    /// A request just sent, its certificate being found.
    pub follow: Option<Follow>,
    /// The DNS validation followed (one certificate at a time).
    pub dcv: Option<DcvPoll>,
    /// The open certificate's ZIP (Download Certificate), with its number.
    pub archive: Load<(String, Vec<u8>)>,
    /// The action forms.
    pub forms: CertForms,
    /// The action asked for.
    pub command: Option<PendingCertCommand>,
    /// The last action that succeeded, and on which certificate.
    pub done: Option<(String, CertCommand)>,
}

impl Default for Certificates {
    fn default() -> Self {
        Certificates {
            page_no: 1,
            list: Load::Idle,
            open: None,
            detail: Load::Idle,
            follow: None,
            dcv: None,
            archive: Load::Idle,
            forms: CertForms {
                revoke_type: "superseded".into(),
                ..CertForms::default()
            },
            command: None,
            done: None,
        }
    }
}

/// Every change to the Certificate Manager page ([`super::Action::Certificates`]).
#[derive(Clone, Debug, PartialEq)]
pub enum CmAction {
    /// Page `n` of the list is being read.
    ListLoading(u32),
    /// A page arrived.
    ListLoaded(CertificateListPage),
    /// Page `n` could not be read.
    ListFailed(u32, HelperError),
    /// Show a certificate's detail.
    Open(String),
    /// Its detail is being read.
    DetailLoading(String),
    /// Its detail arrived.
    DetailLoaded {
        /// The certificate asked for.
        certificate_no: String,
        /// What was read.
        view: Box<CertificateView>,
    },
    /// Its detail could not be read.
    DetailFailed {
        /// The certificate asked for.
        certificate_no: String,
        /// Why.
        error: HelperError,
    },
    /// "Follow validation" from Request Certificate Issuance's result.
    Follow(RequestCertificateIssuanceResponse),
    /// The requested certificate was found, with its records.
    FollowFound {
        /// The request.
        request_sn: String,
        /// Its number and each domain's records.
        found: Verification,
        /// When they were read.
        now_ms: f64,
    },
    /// It could not be found (yet).
    FollowFailed {
        /// The request.
        request_sn: String,
        /// Why.
        error: HelperError,
    },
    /// A DCV check left.
    DcvCheckStarted {
        /// The certificate.
        certificate_no: String,
        /// The check's number.
        id: u32,
        /// Asked by the user (resume, "I created the record"): the backoff starts again.
        by_user: bool,
    },
    /// A DCV check answered.
    DcvChecked {
        /// The certificate.
        certificate_no: String,
        /// The check's number.
        id: u32,
        /// Each domain's records, or why not.
        result: Result<Vec<DnsRecord>, HelperError>,
        /// When.
        now_ms: f64,
    },
    /// The user stopped checking.
    DcvPause(String),
    /// Sandbox: "I created the record" of a domain is being sent.
    DcvMarking {
        /// The certificate.
        certificate_no: String,
        /// The domain.
        domain: String,
    },
    /// It failed.
    DcvMarkFailed {
        /// The certificate.
        certificate_no: String,
        /// Why.
        error: HelperError,
    },
    /// The ZIP is being downloaded.
    ArchiveLoading(String),
    /// The ZIP arrived.
    ArchiveLoaded {
        /// The certificate.
        certificate_no: String,
        /// Its bytes.
        zip: Vec<u8>,
    },
    /// The ZIP could not be downloaded.
    ArchiveFailed {
        /// The certificate.
        certificate_no: String,
        /// Why.
        error: HelperError,
    },
    /// Typed into an action form.
    SetField(CertField, String),
    /// The user opened an action (a destructive one then waits for the name typed).
    CommandAsk {
        /// The certificate.
        certificate_no: String,
        /// The action.
        command: CertCommand,
    },
    /// Typed into the name confirmation.
    CommandTyped(String),
    /// The user closed the action (or its failure).
    CommandDismiss,
    /// The action's request left.
    CommandStarted {
        /// The certificate.
        certificate_no: String,
        /// The action.
        command: CertCommand,
    },
    /// NCP did it.
    CommandDone {
        /// The certificate.
        certificate_no: String,
        /// The action.
        command: CertCommand,
    },
    /// It failed.
    CommandFailed {
        /// The certificate.
        certificate_no: String,
        /// The action.
        command: CertCommand,
        /// Why.
        error: HelperError,
    },
}

impl Certificates {
    /// Keys or site changed: nothing read describes the account now connected (the page and
    /// the certificate asked for stay, and are read again).
    pub(super) fn forget_answers(&mut self) {
        self.list = Load::Idle;
        self.detail = Load::Idle;
        self.follow = None;
        self.dcv = None;
        self.archive = Load::Idle;
        self.command = None;
    }

    /// Back to the list.
    pub(super) fn close(&mut self) {
        self.open = None;
        self.detail = Load::Idle;
        self.archive = Load::Idle;
        self.command = None;
        self.done = None;
    }

    fn open_certificate(&mut self, certificate_no: String) {
        if self.open.as_deref() != Some(certificate_no.as_str()) {
            self.close();
            self.open = Some(certificate_no);
        }
    }

    /// The open certificate as last read, if it is `certificate_no`.
    pub fn opened(&self, certificate_no: &str) -> Option<&CloudCertificate> {
        match &self.detail {
            Load::Loaded(view) if self.open.as_deref() == Some(certificate_no) => {
                view.certificate.as_ref()
            }
            _ => None,
        }
    }

    /// The DNS validation of `certificate_no`, if it is the one followed.
    pub fn dcv_of(&self, certificate_no: &str) -> Option<&DcvPoll> {
        self.dcv
            .as_ref()
            .filter(|poll| poll.certificate_no == certificate_no)
    }

    fn dcv_mut(&mut self, certificate_no: &str) -> Option<&mut DcvPoll> {
        self.dcv
            .as_mut()
            .filter(|poll| poll.certificate_no == certificate_no)
    }

    fn sending(&self) -> bool {
        self.command
            .as_ref()
            .is_some_and(|c| c.phase == CommandPhase::Sending)
    }

    fn is_sending(&self, certificate_no: &str, command: CertCommand) -> bool {
        self.command.as_ref().is_some_and(|c| {
            c.certificate_no == certificate_no
                && c.command == command
                && c.phase == CommandPhase::Sending
        })
    }

    /// Whether `command` may be sent for `certificate_no` now: that certificate is open and
    /// read, nothing is in flight, the action was asked for (a destructive one with the name
    /// typed), and certkit-core finds no blocking problem.
    pub fn may_run(&self, certificate_no: &str, command: CertCommand) -> bool {
        let Some(certificate) = self.opened(certificate_no) else {
            return false;
        };
        let confirmed = match &self.command {
            Some(PendingCertCommand {
                certificate_no: asked,
                command: asked_command,
                phase,
            }) if asked == certificate_no && *asked_command == command => match phase {
                CommandPhase::Confirming { typed } => {
                    !command.destructive() || typed.trim() == certificate_word(certificate)
                }
                CommandPhase::Failed(_) => !command.destructive(),
                CommandPhase::Sending => false,
            },
            _ => false,
        };
        confirmed && blocking_problems(command, certificate, &self.forms).is_empty()
    }

    /// Whether `certificate`'s domains should be followed now: it waits for validation
    /// (ONGOING) and is not followed already. One certificate is followed at a time, the one
    /// on screen: opening another stops the checks of the one before.
    fn should_follow(&self, certificate: &CloudCertificate) -> bool {
        certificate.status_code.trim() == "0"
            && self
                .dcv
                .as_ref()
                .is_none_or(|poll| poll.certificate_no != certificate.certificate_no)
    }
}

/// Applies `action` to the page's state (and to where the app is and what has focus).
pub(super) fn reduce(next: &mut AppState, action: CmAction) {
    let site = next.connection.site;
    let certs = &mut next.certificates;
    match action {
        CmAction::ListLoading(page_no) => {
            certs.page_no = page_no.max(1);
            certs.list = Load::Loading;
        }
        CmAction::ListLoaded(page) => {
            if page.page_no == certs.page_no && page.site == site && certs.list == Load::Loading {
                certs.list = Load::Loaded(page);
            }
        }
        CmAction::ListFailed(page_no, error) => {
            if page_no == certs.page_no && certs.list == Load::Loading {
                certs.list = Load::Failed(error);
            }
        }
        CmAction::Open(certificate_no) => {
            let moved =
                certs.open.as_ref() != Some(&certificate_no) || next.page != Page::Certificates;
            certs.open_certificate(certificate_no);
            next.page = Page::Certificates;
            if moved {
                next.focus = Some(Focus::CertificateTitle);
            }
        }
        CmAction::DetailLoading(certificate_no) => {
            if certs.open.as_deref() == Some(certificate_no.as_str()) {
                certs.detail = Load::Loading;
            }
        }
        CmAction::DetailLoaded {
            certificate_no,
            view,
        } => {
            if certs.open.as_deref() == Some(certificate_no.as_str())
                && view.site == site
                && certs.detail == Load::Loading
            {
                if let Some(certificate) =
                    view.certificate.as_ref().filter(|c| certs.should_follow(c))
                {
                    let domains = domains_to_query(&certificate.common_name, &certificate.dns_name);
                    certs.dcv = Some(DcvPoll::new(certificate_no.clone(), domains));
                }
                certs.detail = Load::Loaded(*view);
            }
        }
        CmAction::DetailFailed {
            certificate_no,
            error,
        } => {
            if certs.open.as_deref() == Some(certificate_no.as_str())
                && certs.detail == Load::Loading
            {
                certs.detail = Load::Failed(error);
            }
        }
        CmAction::Follow(issuance) => {
            certs.follow = Some(Follow {
                issuance,
                found: Load::Loading,
            });
            certs.close();
            next.page = Page::Certificates;
            next.focus = Some(Focus::CertificatesTitle);
        }
        CmAction::FollowFound {
            request_sn,
            found,
            now_ms,
        } => {
            let Some(follow) = certs
                .follow
                .as_mut()
                .filter(|f| f.issuance.request_sn == request_sn)
            else {
                return;
            };
            follow.found = Load::Loaded(found.certificate_no.clone());
            let domains = found.domains.iter().map(|d| d.domain.clone()).collect();
            let mut poll = DcvPoll::new(found.certificate_no.clone(), domains);
            // The records just read count as the first check.
            poll.started(0, true);
            poll.checked(0, Ok(found.domains), now_ms);
            certs.dcv = Some(poll);
            let moved = certs.open.as_ref() != Some(&found.certificate_no);
            certs.open_certificate(found.certificate_no);
            if moved && next.page == Page::Certificates {
                next.focus = Some(Focus::CertificateTitle);
            }
        }
        CmAction::FollowFailed { request_sn, error } => {
            if let Some(follow) = certs
                .follow
                .as_mut()
                .filter(|f| f.issuance.request_sn == request_sn)
            {
                follow.found = Load::Failed(error);
            }
        }
        CmAction::DcvCheckStarted {
            certificate_no,
            id,
            by_user,
        } => {
            if let Some(poll) = certs.dcv_mut(&certificate_no) {
                poll.started(id, by_user);
            }
        }
        CmAction::DcvChecked {
            certificate_no,
            id,
            result,
            now_ms,
        } => {
            let validated = certs
                .dcv_mut(&certificate_no)
                .is_some_and(|poll| poll.checked(id, result, now_ms));
            if validated {
                // Issued now: read the certificate (status, chain) and the list again.
                certs.list = Load::Idle;
                if certs.open.as_deref() == Some(certificate_no.as_str()) {
                    certs.detail = Load::Idle;
                }
            }
        }
        CmAction::DcvPause(certificate_no) => {
            if let Some(poll) = certs.dcv_mut(&certificate_no) {
                poll.pause();
            }
        }
        CmAction::DcvMarking {
            certificate_no,
            domain,
        } => {
            if let Some(poll) = certs.dcv_mut(&certificate_no) {
                poll.marking(domain);
            }
        }
        CmAction::DcvMarkFailed {
            certificate_no,
            error,
        } => {
            if let Some(poll) = certs.dcv_mut(&certificate_no) {
                poll.mark_failed(error);
            }
        }
        CmAction::ArchiveLoading(certificate_no) => {
            if certs.open.as_deref() == Some(certificate_no.as_str()) {
                certs.archive = Load::Loading;
            }
        }
        CmAction::ArchiveLoaded {
            certificate_no,
            zip,
        } => {
            if certs.open.as_deref() == Some(certificate_no.as_str())
                && certs.archive == Load::Loading
            {
                certs.archive = Load::Loaded((certificate_no, zip));
            }
        }
        CmAction::ArchiveFailed {
            certificate_no,
            error,
        } => {
            if certs.open.as_deref() == Some(certificate_no.as_str())
                && certs.archive == Load::Loading
            {
                certs.archive = Load::Failed(error);
            }
        }
        CmAction::SetField(field, value) => {
            let forms = &mut certs.forms;
            match field {
                CertField::OrderId => forms.order_id = value,
                CertField::RevokeType => forms.revoke_type = value,
                CertField::Csr => forms.csr = value,
            }
        }
        CmAction::CommandAsk {
            certificate_no,
            command,
        } => {
            if certs.opened(&certificate_no).is_some() && !certs.sending() {
                certs.done = None;
                certs.command = Some(PendingCertCommand {
                    certificate_no,
                    command,
                    phase: CommandPhase::Confirming {
                        typed: String::new(),
                    },
                });
                next.focus = Some(Focus::CertificateConfirm(command));
            }
        }
        CmAction::CommandTyped(text) => {
            if let Some(PendingCertCommand {
                phase: CommandPhase::Confirming { typed },
                ..
            }) = &mut certs.command
            {
                *typed = text;
            }
        }
        CmAction::CommandDismiss => {
            if !certs.sending() {
                certs.command = None;
            }
        }
        CmAction::CommandStarted {
            certificate_no,
            command,
        } => {
            certs.done = None;
            certs.command = Some(PendingCertCommand {
                certificate_no,
                command,
                phase: CommandPhase::Sending,
            });
        }
        CmAction::CommandDone {
            certificate_no,
            command,
        } => {
            if !certs.is_sending(&certificate_no, command) {
                return;
            }
            certs.command = None;
            certs.list = Load::Idle;
            match command {
                CertCommand::Delete => {
                    certs.close();
                    if certs
                        .dcv
                        .as_ref()
                        .is_some_and(|p| p.certificate_no == certificate_no)
                    {
                        certs.dcv = None;
                    }
                }
                CertCommand::Revoke => certs.detail = Load::Idle,
                CertCommand::Reissue => {
                    certs.detail = Load::Idle;
                    certs.forms.csr.clear();
                }
            }
            certs.done = Some((certificate_no, command));
            next.focus = Some(Focus::CertificateCommandDone);
        }
        CmAction::CommandFailed {
            certificate_no,
            command,
            error,
        } => {
            if certs.is_sending(&certificate_no, command) {
                if let Some(pending) = &mut certs.command {
                    pending.phase = CommandPhase::Failed(error);
                }
            }
        }
    }
}

/// The tone of a certificate `statusCode` (C1), as a badge class.
pub fn certificate_status_class(status_code: &str) -> &'static str {
    match status_code.trim() {
        "1" | "2" | "3" => "ok",
        "0" | "-7" => "pending",
        "-2" | "-4" | "-6" => "off",
        "-1" | "-3" | "-5" | "-11" | "-12" | "-20" => "destroying",
        _ => "other",
    }
}

/// The URL hash of certificate `certificate_no`'s detail.
pub fn certificate_route(certificate_no: &str) -> String {
    format!("#/certificates/{certificate_no}")
}

/// The number of a `#/certificates/{certificateNo}` hash: digits only (certkit-core's
/// certificateNo rule), else `None`.
pub fn certificate_of_route(hash: &str) -> Option<String> {
    let no = hash.strip_prefix("#/certificates/")?;
    (!no.is_empty() && no.bytes().all(|b| b.is_ascii_digit())).then(|| no.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::dcv_poll::PollPhase;
    use crate::state::{reduce as app_reduce, Action, AppState, Route};
    use certkit_core::certificate_manager::DnsVerification;
    use certkit_core::response::{Failure, FailureKind};

    fn act(state: &AppState, action: CmAction) -> AppState {
        app_reduce(state, Action::Certificates(action))
    }

    fn certificate(no: &str, name: &str, status: &str) -> CloudCertificate {
        CloudCertificate {
            certificate_no: no.into(),
            certificate_name: name.into(),
            common_name: "example.com".into(),
            dns_name: vec!["www.example.com".into()],
            status_code: status.into(),
            ..CloudCertificate::default()
        }
    }

    fn list(total: Option<i64>, items: usize) -> CertificateList {
        CertificateList {
            total_count: total,
            ssl_certificate_list: (0..items)
                .map(|i| certificate(&format!("{}", 100 + i), "n", "1"))
                .collect(),
            ..CertificateList::default()
        }
    }

    fn failure() -> HelperError {
        HelperError::Failed(Failure::new(
            FailureKind::NotFound,
            Some("2200".into()),
            "No certificate was found.",
        ))
    }

    /// Certificate `no` (name `name`, status `status`) open and read.
    fn opened(no: &str, name: &str, status: &str) -> AppState {
        let s = act(&AppState::default(), CmAction::Open(no.into()));
        let s = act(&s, CmAction::DetailLoading(no.into()));
        act(
            &s,
            CmAction::DetailLoaded {
                certificate_no: no.into(),
                view: Box::new(CertificateView {
                    site: SiteChoice::Sandbox,
                    certificate: Some(certificate(no, name, status)),
                    chain: Err(failure()),
                }),
            },
        )
    }

    #[test]
    fn pages_follow_total_count_or_a_full_page() {
        let page = |page_no, list| CertificateListPage {
            site: SiteChoice::Sandbox,
            page_no,
            list,
        };
        assert!(page(1, list(Some(21), 20)).has_next());
        assert!(!page(2, list(Some(21), 1)).has_next());
        assert_eq!(page(1, list(Some(21), 20)).total_pages(), Some(2));
        assert_eq!(page(1, list(Some(0), 0)).total_pages(), Some(1));
        // Without totalCount: a full page may have a next one, a short page is the last.
        assert!(page(1, list(None, 20)).has_next());
        assert!(!page(1, list(None, 19)).has_next());
        assert!(!page(3, list(Some(100), 0)).has_next());
    }

    #[test]
    fn a_late_or_foreign_page_is_dropped() {
        let s = act(&AppState::default(), CmAction::ListLoading(2));
        let late = act(
            &s,
            CmAction::ListLoaded(CertificateListPage {
                site: SiteChoice::Sandbox,
                page_no: 1,
                list: list(None, 1),
            }),
        );
        assert_eq!(late.certificates.list, Load::Loading);
        let foreign = act(
            &s,
            CmAction::ListLoaded(CertificateListPage {
                site: SiteChoice::Public,
                page_no: 2,
                list: list(None, 1),
            }),
        );
        assert_eq!(foreign.certificates.list, Load::Loading);
        let failed = act(&s, CmAction::ListFailed(2, failure()));
        assert_eq!(failed.certificates.list, Load::Failed(failure()));
        // Keys changed: read again.
        let s = app_reduce(&failed, Action::SetAccessKey("OTHER".into()));
        assert_eq!(
            (s.certificates.list.clone(), s.certificates.page_no),
            (Load::Idle, 2)
        );
    }

    #[test]
    fn an_ongoing_certificate_opened_is_followed_and_an_issued_one_is_not() {
        let s = opened("12", "web", "0");
        assert_eq!(s.page, Page::Certificates);
        assert_eq!(s.route(), "#/certificates/12");
        assert_eq!(s.focus, Some(Focus::CertificateTitle));
        let poll = s.certificates.dcv_of("12").expect("followed");
        assert_eq!(poll.domains, ["example.com", "www.example.com"]);
        assert_eq!(poll.phase, PollPhase::Due);
        let s = opened("13", "web", "1");
        assert_eq!(s.certificates.dcv, None);
        // Another ongoing certificate opened while one is followed: the one on screen is.
        let first = opened("12", "web", "0");
        let s = act(&first, CmAction::Open("14".into()));
        let s = act(&s, CmAction::DetailLoading("14".into()));
        let s = act(
            &s,
            CmAction::DetailLoaded {
                certificate_no: "14".into(),
                view: Box::new(CertificateView {
                    site: SiteChoice::Sandbox,
                    certificate: Some(certificate("14", "api", "0")),
                    chain: Err(failure()),
                }),
            },
        );
        assert!(s.certificates.dcv_of("14").is_some());
        assert!(s.certificates.dcv_of("12").is_none());
        // Back to the list: the nav's link.
        let back = app_reduce(&s, Action::Navigate(Page::Certificates));
        assert_eq!(
            (back.certificates.open.as_deref(), back.route().as_str()),
            (None, "#/certificates")
        );
    }

    fn found(no: &str, status: &str) -> Verification {
        Verification {
            request_sn: "sn".into(),
            certificate_no: no.into(),
            domains: vec![DnsRecord {
                domain: "example.com".into(),
                records: vec![DnsVerification {
                    valid_status_code: status.into(),
                    ..DnsVerification::default()
                }],
            }],
        }
    }

    #[test]
    fn following_a_request_finds_its_certificate_then_polls_it() {
        let issuance = RequestCertificateIssuanceResponse {
            request_sn: "sn".into(),
            certificate_name: "web".into(),
            ..RequestCertificateIssuanceResponse::default()
        };
        let s = act(&AppState::default(), CmAction::Follow(issuance));
        assert_eq!(s.page, Page::Certificates);
        assert_eq!(
            s.certificates.follow.as_ref().map(|f| &f.found),
            Some(&Load::Loading)
        );
        // Another request's answer is not this one's.
        let other = act(
            &s,
            CmAction::FollowFailed {
                request_sn: "other".into(),
                error: failure(),
            },
        );
        assert_eq!(other.certificates.follow, s.certificates.follow);
        let failed = act(
            &s,
            CmAction::FollowFailed {
                request_sn: "sn".into(),
                error: failure(),
            },
        );
        assert!(matches!(
            failed.certificates.follow.as_ref().map(|f| &f.found),
            Some(Load::Failed(_))
        ));
        let s = act(
            &s,
            CmAction::FollowFound {
                request_sn: "sn".into(),
                found: found("12", "VALID_STATUS_REG"),
                now_ms: 1_000.0,
            },
        );
        assert_eq!(s.route(), "#/certificates/12");
        let poll = s.certificates.dcv_of("12").expect("followed");
        assert_eq!(poll.next_check_ms(), Some(11_000.0));
        assert!(poll.records.is_some());
        // The detail read afterwards keeps the poll that found it.
        let s = act(&s, CmAction::DetailLoading("12".into()));
        let s = act(
            &s,
            CmAction::DetailLoaded {
                certificate_no: "12".into(),
                view: Box::new(CertificateView {
                    site: SiteChoice::Sandbox,
                    certificate: Some(certificate("12", "web", "0")),
                    chain: Err(failure()),
                }),
            },
        );
        assert_eq!(
            s.certificates.dcv_of("12").and_then(DcvPoll::next_check_ms),
            Some(11_000.0)
        );
    }

    #[test]
    fn validation_reads_the_certificate_again() {
        let s = opened("12", "web", "0");
        let s = act(
            &s,
            CmAction::DcvCheckStarted {
                certificate_no: "12".into(),
                id: 7,
                by_user: true,
            },
        );
        let s = act(&s, CmAction::ListLoading(1));
        let s = act(
            &s,
            CmAction::DcvChecked {
                certificate_no: "12".into(),
                id: 7,
                result: Ok(found("12", "VALID_STATUS_SUCCESS").domains),
                now_ms: 5.0,
            },
        );
        assert_eq!(
            s.certificates.dcv_of("12").map(|p| &p.phase),
            Some(&PollPhase::Validated)
        );
        assert_eq!(
            (&s.certificates.detail, &s.certificates.list),
            (&Load::Idle, &Load::Idle)
        );
        // Another certificate's check changes nothing here.
        let s2 = act(&s, CmAction::DcvPause("99".into()));
        assert_eq!(s2.certificates.dcv, s.certificates.dcv);
    }

    #[test]
    fn stopping_and_resuming_the_checks_of_the_certificate_open() {
        let s = opened("12", "web", "0");
        let start = |s: &AppState, id, by_user| {
            act(
                s,
                CmAction::DcvCheckStarted {
                    certificate_no: "12".into(),
                    id,
                    by_user,
                },
            )
        };
        let s = start(&s, 1, true);
        let s = act(&s, CmAction::DcvPause("12".into()));
        let s = act(
            &s,
            CmAction::DcvChecked {
                certificate_no: "12".into(),
                id: 1,
                result: Ok(found("12", "VALID_STATUS_REG").domains),
                now_ms: 5.0,
            },
        );
        let poll = s.certificates.dcv_of("12").expect("followed");
        assert_eq!(poll.phase, PollPhase::Paused);
        assert!(poll.records.is_some(), "what the check read still shows");
        // Resume: a check at once, and the next one 10 s after it.
        let s = start(&s, 2, true);
        assert_eq!(
            s.certificates.dcv_of("12").map(|p| &p.phase),
            Some(&PollPhase::Checking { id: 2 })
        );
        let s = act(
            &s,
            CmAction::DcvChecked {
                certificate_no: "12".into(),
                id: 2,
                result: Err(failure()),
                now_ms: 100.0,
            },
        );
        let poll = s.certificates.dcv_of("12").expect("followed");
        assert_eq!(poll.next_check_ms(), Some(10_100.0));
        assert_eq!(poll.error, Some(failure()));
        // Keys changed: nothing read is kept, nothing is polled.
        let s = app_reduce(&s, Action::SetSecretKey("other".to_string().into()));
        assert_eq!(s.certificates.dcv, None);
    }

    #[test]
    fn delete_waits_for_the_name_typed_and_leaves_for_the_list() {
        let s = opened("12", "web-cert", "1");
        assert!(
            !s.certificates.may_run("12", CertCommand::Delete),
            "not asked"
        );
        let s = act(
            &s,
            CmAction::CommandAsk {
                certificate_no: "12".into(),
                command: CertCommand::Delete,
            },
        );
        assert_eq!(
            s.focus,
            Some(Focus::CertificateConfirm(CertCommand::Delete))
        );
        for wrong in ["", "web", "WEB-CERT", "12"] {
            let typed = act(&s, CmAction::CommandTyped(wrong.into()));
            assert!(
                !typed.certificates.may_run("12", CertCommand::Delete),
                "{wrong}"
            );
        }
        let s = act(&s, CmAction::CommandTyped(" web-cert ".into()));
        assert!(s.certificates.may_run("12", CertCommand::Delete));
        // The name typed for delete does not confirm a revoke.
        assert!(!s.certificates.may_run("12", CertCommand::Revoke));
        let sending = act(
            &s,
            CmAction::CommandStarted {
                certificate_no: "12".into(),
                command: CertCommand::Delete,
            },
        );
        assert!(!sending.certificates.may_run("12", CertCommand::Delete));
        // Closing is refused while it is in flight.
        assert!(act(&sending, CmAction::CommandDismiss)
            .certificates
            .command
            .is_some());
        let failed = act(
            &sending,
            CmAction::CommandFailed {
                certificate_no: "12".into(),
                command: CertCommand::Delete,
                error: failure(),
            },
        );
        assert_eq!(
            failed.certificates.command.as_ref().map(|c| &c.phase),
            Some(&CommandPhase::Failed(failure()))
        );
        // A failed delete asks for the name again before another try.
        assert!(!failed.certificates.may_run("12", CertCommand::Delete));
        let done = act(
            &sending,
            CmAction::CommandDone {
                certificate_no: "12".into(),
                command: CertCommand::Delete,
            },
        );
        assert_eq!(
            (done.certificates.open.as_ref(), done.route().as_str()),
            (None, "#/certificates")
        );
        assert_eq!(
            done.certificates.done,
            Some(("12".into(), CertCommand::Delete))
        );
        assert_eq!(done.certificates.list, Load::Idle);
        assert_eq!(done.focus, Some(Focus::CertificateCommandDone));
    }

    #[test]
    fn revoke_needs_the_order_and_the_name_and_reissue_a_csr() {
        let s = opened("12", "web", "1");
        let s = act(
            &s,
            CmAction::CommandAsk {
                certificate_no: "12".into(),
                command: CertCommand::Revoke,
            },
        );
        let s = act(&s, CmAction::CommandTyped("web".into()));
        // orderId is required (C7).
        assert!(!s.certificates.may_run("12", CertCommand::Revoke));
        let certificate = certificate("12", "web", "1");
        let problems = blocking_problems(CertCommand::Revoke, &certificate, &s.certificates.forms);
        assert_eq!(
            problems
                .iter()
                .map(|p| p.field.as_str())
                .collect::<Vec<_>>(),
            ["orderId"]
        );
        let s = act(&s, CmAction::SetField(CertField::OrderId, "ORD12".into()));
        assert!(s.certificates.may_run("12", CertCommand::Revoke));
        let Operation::RevokeCertificate(revoke) =
            cert_operation(CertCommand::Revoke, &certificate, &s.certificates.forms)
        else {
            panic!("revoke")
        };
        assert_eq!(
            (revoke.order_id.as_str(), revoke.revoke_type.as_str()),
            ("ORD12", "superseded")
        );
        let bad_type = act(
            &s,
            CmAction::SetField(CertField::RevokeType, "whatever".into()),
        );
        assert!(!bad_type.certificates.may_run("12", CertCommand::Revoke));
        // Reissue: no name to type, but a CSR.
        let s = act(
            &s,
            CmAction::CommandAsk {
                certificate_no: "12".into(),
                command: CertCommand::Reissue,
            },
        );
        assert!(!s.certificates.may_run("12", CertCommand::Reissue));
        let problems = blocking_problems(CertCommand::Reissue, &certificate, &s.certificates.forms);
        assert_eq!(
            problems
                .iter()
                .map(|p| p.field.as_str())
                .collect::<Vec<_>>(),
            ["csr"]
        );
    }

    #[test]
    fn an_archive_belongs_to_the_certificate_open() {
        let s = opened("12", "web", "1");
        let s = act(&s, CmAction::ArchiveLoading("12".into()));
        let other = act(
            &s,
            CmAction::ArchiveLoaded {
                certificate_no: "13".into(),
                zip: vec![1],
            },
        );
        assert_eq!(other.certificates.archive, Load::Loading);
        let s = act(
            &s,
            CmAction::ArchiveLoaded {
                certificate_no: "12".into(),
                zip: vec![1],
            },
        );
        assert_eq!(s.certificates.archive, Load::Loaded(("12".into(), vec![1])));
        let other = act(&s, CmAction::Open("13".into()));
        assert_eq!(other.certificates.archive, Load::Idle);
    }

    #[test]
    fn routes_take_digits_only() {
        assert_eq!(
            certificate_of_route(&certificate_route("10001")).as_deref(),
            Some("10001")
        );
        for bad in [
            "#/certificates/",
            "#/certificates/1a",
            "#/certificates/../x",
            "#/certificates",
        ] {
            assert_eq!(certificate_of_route(bad), None, "{bad}");
        }
        assert_eq!(
            Route::parse("#/certificates/7"),
            Some(Route::Certificate("7".into()))
        );
        assert_eq!(
            Route::parse("#/certificates"),
            Some(Route::Page(Page::Certificates))
        );
        let s = AppState::starting_at_route(Route::parse("#/certificates/7"));
        assert_eq!(
            (s.page, s.certificates.open.as_deref()),
            (Page::Certificates, Some("7"))
        );
    }

    #[test]
    fn statuses_have_a_tone() {
        assert_eq!(certificate_status_class("1"), "ok");
        assert_eq!(certificate_status_class("0"), "pending");
        assert_eq!(certificate_status_class("-5"), "destroying");
        assert_eq!(certificate_status_class("-6"), "off");
        assert_eq!(certificate_status_class("42"), "other");
    }
}
