//! The Create CA wizard (`#/cas/new`): a root CA, or a sub CA signed by a platform CA (Create
//! CA → Get Sub Csr → Sign Sub Csr by the parent → Activate Sub CA), or a sub CA signed
//! elsewhere (Create CA → Get Sub Csr, downloaded → the user's signed certificate and chain →
//! Activate Sub CA); then Get CA is polled with backoff until the CA is `ACTIVE`.
//!
//! Everything here is pure: the steps, what each sends (built by certkit-core), the answers,
//! and the poll schedule. The flow that sends (`src/ca_wizard_flow.rs`) asks [`CaWizard`]
//! which step is next and applies each answer with the same transitions as the reducer, so the
//! two cannot disagree. A failed step keeps everything typed and done, and is retried alone.

use std::collections::BTreeMap;

use certkit_core::operation::{Operation, OperationKind, Period};
use certkit_core::private_ca::{CaDetail, SignSubCsr, SignedCertificate};
use certkit_core::validation::Problem;
use certkit_core::ActivateSubCa;

use super::backoff::Backoff;
use super::{FormState, HelperError, SiteChoice};
use crate::fields;

/// What the wizard creates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WizardKind {
    /// A root CA (`PRIVATE_ROOT`): ACTIVE as created.
    #[default]
    Root,
    /// A sub CA whose CSR a CA of this account signs (Sign Sub Csr).
    SubPlatform,
    /// A sub CA whose CSR an outside CA signs.
    SubExternal,
}

impl WizardKind {
    /// Every kind, in the order offered.
    pub const ALL: [WizardKind; 3] = [
        WizardKind::Root,
        WizardKind::SubPlatform,
        WizardKind::SubExternal,
    ];

    /// Create CA's `caType`.
    pub fn ca_type(self) -> &'static str {
        match self {
            WizardKind::Root => "PRIVATE_ROOT",
            WizardKind::SubPlatform | WizardKind::SubExternal => "PRIVATE_SUB",
        }
    }

    /// The steps the user sees ticked, in order.
    pub fn steps(self) -> &'static [Step] {
        match self {
            WizardKind::Root => &[Step::Create, Step::Active],
            _ => &[
                Step::Create,
                Step::Csr,
                Step::Sign,
                Step::Activate,
                Step::Active,
            ],
        }
    }

    /// Its element ids' stem.
    pub fn id(self) -> &'static str {
        match self {
            WizardKind::Root => "root",
            WizardKind::SubPlatform => "platform",
            WizardKind::SubExternal => "external",
        }
    }
}

/// One step of the wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Create CA.
    Create,
    /// Get Sub Csr.
    Csr,
    /// Sign Sub Csr by the parent CA, or the user's outside CA.
    Sign,
    /// Activate Sub CA.
    Activate,
    /// Get CA until `ACTIVE`.
    Active,
}

impl Step {
    /// Its element ids' stem.
    pub fn id(self) -> &'static str {
        match self {
            Step::Create => "create",
            Step::Csr => "csr",
            Step::Sign => "sign",
            Step::Activate => "activate",
            Step::Active => "active",
        }
    }
}

/// The wizard form's keys beyond Create CA's own fields: Sign Sub Csr's signing CA and period
/// (a sub CA signed on the platform), and Activate Sub CA's PEMs (signed elsewhere).
pub const SIGN_CA_TAG: &str = "sign.caTag";
/// Sign Sub Csr's `period`.
pub const SIGN_PERIOD: &str = "sign.period";
/// Activate Sub CA's `certPem`.
pub const CERT_PEM: &str = "certPem";
/// Activate Sub CA's `caChainPem`.
pub const CA_CHAIN_PEM: &str = "caChainPem";

/// The status poll after activation: 1 s, doubling up to a minute.
pub const POLL_BACKOFF: Backoff = Backoff {
    first_ms: 1_000.0,
    longest_ms: 60_000.0,
};
/// Checks before the wizard stops polling and says so (about 20 minutes with the waits
/// above); the user can check again.
pub const POLL_MAX_CHECKS: u32 = 25;

/// Where the status poll stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Poll {
    /// Check `attempt` (0-based) is due at `next_at_ms` (epoch ms).
    Waiting {
        /// Checks made so far.
        attempt: u32,
        /// When the next one goes.
        next_at_ms: f64,
    },
    /// A check is in flight.
    Checking {
        /// Checks made before it.
        attempt: u32,
    },
    /// The user stopped it.
    Cancelled,
    /// [`POLL_MAX_CHECKS`] checks found the CA not ACTIVE.
    GaveUp,
    /// The CA left PENDING for a status that is not ACTIVE: waiting will not change it.
    Stopped,
}

/// What the wizard has done for the CA it created.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The site it was created on.
    pub site: SiteChoice,
    /// Create CA's answer.
    pub created: CaDetail,
    /// Get Sub Csr's CSR (PEM).
    pub csr_pem: Option<String>,
    /// The signed certificate and the chain above it (Sign Sub Csr's answer, or what the user
    /// activated with).
    pub signed: Option<(String, String)>,
    /// Activate Sub CA answered.
    pub activated: bool,
    /// The CA's status as last read (Create CA's, Activate Sub CA's, then Get CA's).
    pub status: String,
    /// The poll, once the CA waits to turn ACTIVE.
    pub poll: Option<Poll>,
}

impl Progress {
    /// The created CA's tag.
    pub fn ca_tag(&self) -> &str {
        &self.created.ca_info.ca_tag
    }
}

/// An answer to one step.
#[derive(Clone, Debug, PartialEq)]
pub enum StepOutcome {
    /// Create CA's CA.
    Created(Box<CaDetail>),
    /// Get Sub Csr's `csrPem`.
    Csr(String),
    /// Sign Sub Csr's certificate.
    Signed(Box<SignedCertificate>),
    /// Activate Sub CA answered, with the status it gave.
    Activated(String),
    /// Get CA's status.
    Status(String),
}

/// The wizard's state.
#[derive(Clone, Debug, PartialEq)]
pub struct CaWizard {
    /// Shown (`#/cas/new`) rather than the CAs page's list or a CA.
    pub shown: bool,
    /// What is created.
    pub kind: WizardKind,
    /// Everything typed: Create CA's fields by API path, and [`SIGN_CA_TAG`] …
    /// [`CA_CHAIN_PEM`].
    pub form: FormState,
    /// What was done, once Create CA answered.
    pub progress: Option<Progress>,
    /// The step in flight.
    pub running: Option<Step>,
    /// The step that failed, and why (its retry sends it again).
    pub failed: Option<(Step, HelperError)>,
    /// Which run of the flow answers are for: starting over or switching site makes answers
    /// still in flight stale.
    pub run: u32,
}

impl Default for CaWizard {
    /// Closed, a root, and the key type chosen as Create CA's documented example does
    /// (`RSA2048`): a required choice always shows one option, so the form holds the one shown.
    fn default() -> Self {
        let mut form = FormState::default();
        form.values.insert("keyType".into(), "RSA2048".into());
        CaWizard {
            shown: false,
            kind: WizardKind::default(),
            form,
            progress: None,
            running: None,
            failed: None,
            run: 0,
        }
    }
}

/// Sign Sub Csr's certificate and the chain to activate with: the issuer, then `caChain`
/// (without the issuer twice), the PEMs one after another.
pub fn activation_chain(signed: &SignedCertificate) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let issuer = signed.issuer.trim();
    if !issuer.is_empty() && !signed.ca_chain.iter().any(|c| c.trim() == issuer) {
        parts.push(issuer);
    }
    parts.extend(
        signed
            .ca_chain
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty()),
    );
    let mut chain = parts.join("\n");
    if !chain.is_empty() {
        chain.push('\n');
    }
    chain
}

/// `operation`, or certkit-core's errors with it (warnings never stop a send).
fn validated(operation: Operation) -> Result<Operation, Vec<Problem>> {
    let problems = operation.validate();
    if problems.is_empty() {
        Ok(operation)
    } else {
        Err(problems)
    }
}

impl CaWizard {
    /// Whether the CA exists and is ACTIVE: the wizard is done.
    pub fn is_done(&self) -> bool {
        self.progress.as_ref().is_some_and(|p| p.status == "ACTIVE")
    }

    /// Whether `step` is done.
    pub fn step_done(&self, step: Step) -> bool {
        let Some(progress) = &self.progress else {
            return false;
        };
        match step {
            Step::Create => true,
            Step::Csr => progress.csr_pem.is_some(),
            Step::Sign => progress.signed.is_some(),
            Step::Activate => progress.activated,
            Step::Active => progress.status == "ACTIVE",
        }
    }

    /// The first step of this kind not done yet (`None`: done).
    pub fn next_step(&self) -> Option<Step> {
        self.kind
            .steps()
            .iter()
            .copied()
            .find(|step| !self.step_done(*step))
    }

    /// The step the flow sends next on its own, if any: none while one is in flight or
    /// failed (the user retries), none for an outside signature (the user brings it and asks
    /// for activation), and none for the poll (timed at the edge).
    pub fn auto_step(&self) -> Option<Step> {
        if self.failed.is_some() {
            return None;
        }
        self.step_to_send(false)
    }

    /// The request step the user's button sends (`asked`) or the flow sends on its own: for a
    /// sub CA signed elsewhere, the user's Activate stands for the signature they brought.
    pub fn step_to_send(&self, asked: bool) -> Option<Step> {
        if self.running.is_some() {
            return None;
        }
        match self.next_step()? {
            Step::Active => None,
            Step::Sign | Step::Activate if self.kind == WizardKind::SubExternal => {
                asked.then_some(Step::Activate)
            }
            step => Some(step),
        }
    }

    /// The user asked to retry the failed step: it may leave again.
    pub(crate) fn retry(&mut self) {
        self.failed = None;
    }

    /// The form's value for `key`.
    pub fn get(&self, key: &str) -> &str {
        self.form.get(key)
    }

    /// Create CA's values alone (the wizard's other keys are not Create CA's).
    fn create_values(&self) -> BTreeMap<String, String> {
        let mut values: BTreeMap<String, String> = fields::CREATE_CA
            .iter()
            .filter_map(|f| Some((f.path.to_string(), self.form.values.get(f.path)?.clone())))
            .collect();
        values.insert("caType".into(), self.kind.ca_type().into());
        values
    }

    /// Create CA as typed, or certkit-core's problems with it.
    pub fn create_operation(&self) -> Result<Operation, Vec<Problem>> {
        let operation = fields::operation(OperationKind::CreateCa, &self.create_values())
            .map_err(|problem| vec![problem])?;
        validated(operation)
    }

    fn sign_input(&self, csr_pem: &str) -> SignSubCsr {
        SignSubCsr {
            ca_tag: self.get(SIGN_CA_TAG).to_string(),
            period: Period::parse_input(self.get(SIGN_PERIOD)),
            csr_pem: csr_pem.to_string(),
        }
    }

    /// Sign Sub Csr of the fetched CSR by the chosen CA, or certkit-core's problems.
    pub fn sign_operation(&self) -> Result<Operation, Vec<Problem>> {
        let csr_pem = self
            .progress
            .as_ref()
            .and_then(|p| p.csr_pem.clone())
            .unwrap_or_default();
        let operation = Operation::from(self.sign_input(&csr_pem));
        validated(operation)
    }

    /// Activate Sub CA of the created CA with the signed certificate: Sign Sub Csr's, or the
    /// one the user brought.
    pub fn activate_operation(&self) -> Result<Operation, Vec<Problem>> {
        let ca_tag = self
            .progress
            .as_ref()
            .map(|p| p.ca_tag().to_string())
            .unwrap_or_default();
        let (cert_pem, ca_chain_pem) = match (&self.kind, &self.progress) {
            (
                WizardKind::SubPlatform,
                Some(Progress {
                    signed: Some(s), ..
                }),
            ) => s.clone(),
            _ => (
                self.get(CERT_PEM).to_string(),
                self.get(CA_CHAIN_PEM).to_string(),
            ),
        };
        let operation = Operation::from(ActivateSubCa {
            ca_tag,
            cert_pem,
            ca_chain_pem,
        });
        validated(operation)
    }

    /// certkit-core's problems with what the user typed for the steps still to come, by form
    /// key: Create CA's fields (before it is sent), the signing CA and period (a sub CA
    /// signed on the platform, before Sign Sub Csr), the PEMs (signed elsewhere, once the CSR
    /// is out).
    pub fn problems(&self) -> Vec<(String, Problem)> {
        let mut out = Vec::new();
        if self.progress.is_none() {
            if let Err(problems) = self.create_operation() {
                out.extend(problems.into_iter().map(|p| (p.field.clone(), p)));
            }
        }
        if self.kind == WizardKind::SubPlatform && !self.step_done(Step::Sign) {
            // The CSR is not fetched yet: only the fields the user types are judged.
            let input = self.sign_input("");
            let problems = Operation::from(input).validate();
            out.extend(problems.into_iter().filter_map(|p| match p.field.as_str() {
                "caTag" => Some((SIGN_CA_TAG.to_string(), p)),
                "period" => Some((SIGN_PERIOD.to_string(), p)),
                _ => None,
            }));
        }
        if self.kind == WizardKind::SubExternal
            && self.step_done(Step::Csr)
            && !self.step_done(Step::Activate)
        {
            if let Err(problems) = self.activate_operation() {
                out.extend(
                    problems
                        .into_iter()
                        .filter(|p| p.field == CERT_PEM || p.field == CA_CHAIN_PEM)
                        .map(|p| (p.field.clone(), p)),
                );
            }
        }
        out
    }

    /// certkit-core's warnings (our advice, or what the docs leave open) about what is still
    /// to send, by form key: said beside the button, never stopping it.
    pub fn warnings(&self) -> Vec<(String, Problem)> {
        let mut out = Vec::new();
        if self.progress.is_none() {
            if let Ok(operation) = fields::operation(OperationKind::CreateCa, &self.create_values())
            {
                out.extend(
                    operation
                        .warnings()
                        .into_iter()
                        .map(|p| (p.field.clone(), p)),
                );
            }
        }
        if self.kind == WizardKind::SubPlatform && !self.step_done(Step::Sign) {
            let warnings = Operation::from(self.sign_input("")).warnings();
            out.extend(warnings.into_iter().filter_map(|p| match p.field.as_str() {
                "caTag" => Some((SIGN_CA_TAG.to_string(), p)),
                "period" => Some((SIGN_PERIOD.to_string(), p)),
                _ => None,
            }));
        }
        out
    }

    /// Whether the flow may start (or resume) now: nothing in flight, and what it will send
    /// next is valid. For a sub CA signed elsewhere past its CSR, this is the Activate button.
    pub fn may_start(&self) -> bool {
        self.running.is_none() && !self.is_done() && self.problems().is_empty()
    }

    /// Opens the wizard (what was typed and done stays).
    pub(super) fn show(&mut self) {
        self.shown = true;
    }

    /// Picks what to create; only before anything is created.
    pub(super) fn set_kind(&mut self, kind: WizardKind) {
        if self.progress.is_none() && self.running.is_none() {
            self.kind = kind;
            self.failed = None;
        }
    }

    /// The user pressed the wizard's main button: every error shows, and the failed step (if
    /// any) is the one retried.
    pub(super) fn submit_attempted(&mut self) {
        self.form.submitted = true;
    }

    /// `step` left (for run `run`).
    pub(super) fn started(&mut self, run: u32, step: Step) {
        if run == self.run && self.running.is_none() {
            self.running = Some(step);
            self.failed = None;
            if step == Step::Active {
                if let Some(progress) = &mut self.progress {
                    let attempt = match progress.poll {
                        Some(Poll::Waiting { attempt, .. }) => attempt,
                        _ => 0,
                    };
                    progress.poll = Some(Poll::Checking { attempt });
                }
            }
        }
    }

    /// A step answered at `now_ms`. Returns whether the answer was this run's.
    pub(super) fn step_done_with(
        &mut self,
        run: u32,
        outcome: StepOutcome,
        site: SiteChoice,
        now_ms: f64,
    ) -> bool {
        if run != self.run || self.running.is_none() {
            return false;
        }
        self.running = None;
        self.failed = None;
        // What the next step needs is judged from the user's next press on.
        self.form.submitted = false;
        match outcome {
            StepOutcome::Created(created) => {
                let status = created.ca_info.status.clone();
                self.progress = Some(Progress {
                    site,
                    created: *created,
                    csr_pem: None,
                    signed: None,
                    activated: false,
                    status,
                    poll: None,
                });
                // A root (or a CA answered ACTIVE) is done; a root answered otherwise waits.
                if self.kind == WizardKind::Root {
                    self.status_read(None, now_ms);
                }
            }
            StepOutcome::Csr(csr) => {
                if let Some(progress) = &mut self.progress {
                    progress.csr_pem = Some(csr);
                }
            }
            StepOutcome::Signed(signed) => {
                if let Some(progress) = &mut self.progress {
                    progress.signed = Some((signed.certificate.clone(), activation_chain(&signed)));
                }
            }
            StepOutcome::Activated(status) => {
                let signed = (
                    self.get(CERT_PEM).to_string(),
                    self.get(CA_CHAIN_PEM).to_string(),
                );
                if let Some(progress) = &mut self.progress {
                    progress.activated = true;
                    progress.signed.get_or_insert(signed);
                }
                self.status_read(Some(status), now_ms);
            }
            StepOutcome::Status(status) => self.status_read(Some(status), now_ms),
        }
        true
    }

    /// A status was read (or is the one Create CA gave): done when ACTIVE, else the next
    /// check is scheduled with backoff, unless the status is one waiting cannot change.
    fn status_read(&mut self, status: Option<String>, now_ms: f64) {
        let Some(progress) = &mut self.progress else {
            return;
        };
        if let Some(status) = status {
            progress.status = status;
        }
        let checks = match progress.poll {
            Some(Poll::Checking { attempt }) => attempt + 1,
            _ => 0,
        };
        progress.poll = match progress.status.as_str() {
            "ACTIVE" => None,
            // Activate Sub CA answers PENDING (the seed's example): the CA turns ACTIVE later.
            // An empty status is read the same way (the docs leave it to the client).
            "PENDING" | "" if checks >= POLL_MAX_CHECKS => Some(Poll::GaveUp),
            "PENDING" | "" => Some(Poll::Waiting {
                attempt: checks,
                next_at_ms: now_ms + POLL_BACKOFF.wait_ms(checks),
            }),
            _ => Some(Poll::Stopped),
        };
    }

    /// `step` failed: say why, keep everything, and let the user retry it.
    pub(super) fn step_failed(&mut self, run: u32, step: Step, error: HelperError) {
        if run == self.run && self.running == Some(step) {
            self.running = None;
            if step == Step::Active {
                if let Some(progress) = &mut self.progress {
                    // The poll stops; "check now" retries it.
                    progress.poll = Some(Poll::Cancelled);
                }
            }
            self.failed = Some((step, error));
        }
    }

    /// The user stopped the poll (a check in flight still reports).
    pub(super) fn cancel_poll(&mut self) {
        if let Some(progress) = &mut self.progress {
            if matches!(progress.poll, Some(Poll::Waiting { .. })) {
                progress.poll = Some(Poll::Cancelled);
            }
        }
    }

    /// The user asked for a check now (or a failed check is retried): due at once, the
    /// schedule from its start (the edge sends it). Only once the CA waits to turn ACTIVE.
    pub(super) fn poll_now(&mut self, now_ms: f64) {
        if self.running.is_some() {
            return;
        }
        let root = self.kind == WizardKind::Root;
        if let Some(progress) = &mut self.progress {
            if progress.status != "ACTIVE" && (progress.activated || root) {
                progress.poll = Some(Poll::Waiting {
                    attempt: 0,
                    next_at_ms: now_ms,
                });
                self.failed = None;
            }
        }
    }

    /// Start over: a new CA, with what was typed kept (the CA created stays on NCP).
    pub(super) fn start_over(&mut self) {
        self.progress = None;
        self.running = None;
        self.failed = None;
        self.form.submitted = false;
        self.run = self.run.wrapping_add(1);
    }

    /// Keys or site changed: what was created belongs to the other account or site, and
    /// answers in flight are stale. What was typed stays.
    pub(super) fn forget_progress(&mut self) {
        if self.progress.is_some() || self.running.is_some() {
            self.start_over();
        }
    }

    /// The poll's next check, when one is due by the clock at `now_ms` (for the edge).
    pub fn poll_due_in_ms(&self, now_ms: f64) -> Option<f64> {
        match self.progress.as_ref()?.poll {
            Some(Poll::Waiting { next_at_ms, .. }) if self.running.is_none() => {
                Some((next_at_ms - now_ms).max(0.0))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action, AppState, Focus, Load, Page, Route};
    use certkit_core::response::{CaInfo, Failure, FailureKind};

    fn set(s: &AppState, field: &str, value: &str) -> AppState {
        reduce(
            s,
            Action::SetField {
                op: OperationKind::CreateCa,
                field: field.into(),
                value: value.into(),
            },
        )
    }

    /// The wizard open with a valid Create CA form for `kind`.
    fn typed(kind: WizardKind) -> AppState {
        let s = reduce(&AppState::default(), Action::CaWizardOpen);
        let s = reduce(&s, Action::CaWizardKind(kind));
        let s = set(&s, "alias", "team-sub");
        let s = set(&s, "keyType", "RSA2048");
        let s = set(&s, "period", "365");
        set(&s, "x509Parameters.commonName", "Team Sub CA")
    }

    fn ca(tag: &str, status: &str) -> Box<CaDetail> {
        Box::new(CaDetail {
            ca_info: CaInfo {
                ca_tag: tag.into(),
                status: status.into(),
                ..CaInfo::default()
            },
            ca_cert_info: None,
        })
    }

    fn started(s: &AppState, step: Step) -> AppState {
        reduce(
            s,
            Action::CaWizardStarted {
                run: s.ca_wizard.run,
                step,
            },
        )
    }

    fn done(s: &AppState, outcome: StepOutcome, at_ms: f64) -> AppState {
        reduce(
            s,
            Action::CaWizardDone {
                run: s.ca_wizard.run,
                outcome,
                at_ms,
            },
        )
    }

    fn failure() -> HelperError {
        HelperError::Failed(Failure::new(FailureKind::CaNotActive, None, "not active"))
    }

    const CSR: &str =
        "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";

    #[test]
    fn the_backoff_doubles_from_a_second_up_to_a_minute() {
        let schedule: Vec<f64> = (0..9).map(|n| POLL_BACKOFF.wait_ms(n)).collect();
        assert_eq!(schedule, [1e3, 2e3, 4e3, 8e3, 16e3, 32e3, 60e3, 60e3, 60e3]);
    }

    #[test]
    fn the_wizard_has_its_route_and_back_leads_to_the_list() {
        assert_eq!(Route::parse("#/cas/new"), Some(Route::NewCa));
        let s = AppState::starting_at_route(Route::parse("#/cas/new"));
        assert_eq!((s.page, s.ca_wizard.shown), (Page::Cas, true));
        assert_eq!(s.route(), "#/cas/new");
        assert_eq!(s.focus, Some(Focus::CaWizardTitle));
        let back = reduce(&s, Action::Navigate(Page::Cas));
        assert!(!back.ca_wizard.shown);
        assert_eq!(back.route(), "#/cas");
        // Opening a CA leaves the wizard too, and what was typed stays for the way back.
        let s = typed(WizardKind::Root);
        let other = reduce(&s, Action::OpenCa("t-1".into()));
        assert_eq!(other.route(), "#/cas/t-1");
        let again = reduce(&other, Action::CaWizardOpen);
        assert_eq!(again.ca_wizard.get("alias"), "team-sub");
        assert_eq!(again.route(), "#/cas/new");
    }

    #[test]
    fn create_ca_is_built_by_core_and_its_problems_name_the_fields() {
        let empty = reduce(&AppState::default(), Action::CaWizardOpen);
        let fields: Vec<String> = empty
            .ca_wizard
            .problems()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            ["alias", "period", "x509Parameters.commonName"],
            "the key type shows RSA2048, and holds it"
        );
        assert_eq!(empty.ca_wizard.get("keyType"), "RSA2048");
        let no_key = set(&empty, "keyType", "");
        assert!(no_key
            .ca_wizard
            .problems()
            .iter()
            .any(|(f, _)| f == "keyType"));
        assert!(!empty.ca_wizard.may_start());
        // Every problem of an empty form is about a field the wizard shows.
        for (field, _) in empty.ca_wizard.problems() {
            assert!(fields::CREATE_CA.iter().any(|f| f.path == field), "{field}");
        }
        let root = typed(WizardKind::Root);
        assert!(
            root.ca_wizard.may_start(),
            "{:?}",
            root.ca_wizard.problems()
        );
        let Ok(Operation::CreateCa(create)) = root.ca_wizard.create_operation() else {
            panic!("a Create CA")
        };
        assert_eq!(create.ca_type, "PRIVATE_ROOT");
        assert_eq!(create.issuer_tag, None);
        let sub = typed(WizardKind::SubExternal);
        let Ok(operation) = sub.ca_wizard.create_operation() else {
            panic!("valid")
        };
        assert_eq!(operation.path_and_query(), "/api/v1/ca?caType=PRIVATE_SUB");
        // core's alias rule: a letter first.
        let bad = set(&root, "alias", "1abc");
        let problems = bad.ca_wizard.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, "alias");
        // A sub CA signed on the platform also needs the signing CA and a period in days.
        let platform = typed(WizardKind::SubPlatform);
        let keys: Vec<String> = platform
            .ca_wizard
            .problems()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(keys, [SIGN_CA_TAG, SIGN_PERIOD]);
        let platform = set(&platform, SIGN_CA_TAG, "1111111111-1111111111");
        let platform = set(&platform, SIGN_PERIOD, "200");
        assert!(platform.ca_wizard.may_start());
        assert!(platform.ca_wizard.warnings().is_empty());
        // MAX is documented for Create CA only: core warns, and the wizard still goes.
        let max = set(&platform, SIGN_PERIOD, "MAX");
        assert!(max.ca_wizard.may_start(), "{:?}", max.ca_wizard.problems());
        let warned: Vec<String> = max
            .ca_wizard
            .warnings()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(warned, [SIGN_PERIOD]);
    }

    #[test]
    fn the_kind_is_fixed_once_the_ca_exists() {
        let s = typed(WizardKind::SubExternal);
        let s = started(&s, Step::Create);
        let s = reduce(&s, Action::CaWizardKind(WizardKind::Root));
        assert_eq!(s.ca_wizard.kind, WizardKind::SubExternal);
        let s = done(&s, StepOutcome::Created(ca("t-new", "PENDING")), 0.0);
        let s = reduce(&s, Action::CaWizardKind(WizardKind::Root));
        assert_eq!(s.ca_wizard.kind, WizardKind::SubExternal);
    }

    #[test]
    fn a_sub_ca_signed_on_the_platform_goes_through_every_step_to_active() {
        let s = typed(WizardKind::SubPlatform);
        let s = set(&s, SIGN_CA_TAG, "1111111111-1111111111");
        let s = set(&s, SIGN_PERIOD, "200");
        let w = &s.ca_wizard;
        assert_eq!(
            (w.next_step(), w.auto_step()),
            (Some(Step::Create), Some(Step::Create))
        );
        let s = started(&s, Step::Create);
        // Nothing else leaves while a step is in flight.
        assert_eq!(s.ca_wizard.auto_step(), None);
        assert!(!s.ca_wizard.may_start());
        let s = reduce(&s, Action::SubmitAttempted(OperationKind::CreateCa));
        let s = done(&s, StepOutcome::Created(ca("t-new", "PENDING")), 0.0);
        // Creating a CA makes the CAs list (and the picker's) stale; focus goes to the steps,
        // and the next step's problems wait for the next press.
        assert_eq!((&s.cas.list, &s.loads.ca_list), (&Load::Idle, &Load::Idle));
        assert_eq!(s.focus, Some(Focus::CaWizardSteps));
        assert!(!s.ca_wizard.form.submitted);
        assert_eq!(s.ca_wizard.auto_step(), Some(Step::Csr));
        let s = started(&s, Step::Csr);
        let s = done(&s, StepOutcome::Csr(CSR.into()), 0.0);
        assert_eq!(s.ca_wizard.auto_step(), Some(Step::Sign));
        let Ok(Operation::SignSubCsr(sign)) = s.ca_wizard.sign_operation() else {
            panic!("Sign Sub Csr")
        };
        assert_eq!(
            (sign.ca_tag.as_str(), sign.csr_pem.as_str()),
            ("1111111111-1111111111", CSR)
        );
        let s = started(&s, Step::Sign);
        let pem = |body: &str| {
            format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n")
        };
        let signed = SignedCertificate {
            certificate: pem("CERT"),
            ca_chain: vec![pem("ROOT")],
            issuer: pem("ISSUER"),
            ..SignedCertificate::default()
        };
        let s = done(&s, StepOutcome::Signed(Box::new(signed)), 0.0);
        assert_eq!(s.ca_wizard.auto_step(), Some(Step::Activate));
        let Ok(Operation::ActivateSubCa(activate)) = s.ca_wizard.activate_operation() else {
            panic!("Activate Sub CA: {:?}", s.ca_wizard.activate_operation())
        };
        assert_eq!(activate.ca_tag, "t-new");
        assert_eq!(activate.cert_pem, pem("CERT"));
        // The chain: the issuer, then the caChain above it.
        assert_eq!(
            activate.ca_chain_pem,
            format!("{}{}", pem("ISSUER"), pem("ROOT"))
        );
        let s = started(&s, Step::Activate);
        let s = done(&s, StepOutcome::Activated("PENDING".into()), 10_000.0);
        // The poll is timed at the edge: due a second later.
        assert_eq!(s.ca_wizard.auto_step(), None);
        assert_eq!(s.ca_wizard.next_step(), Some(Step::Active));
        let poll = s.ca_wizard.progress.as_ref().and_then(|p| p.poll.clone());
        assert_eq!(
            poll,
            Some(Poll::Waiting {
                attempt: 0,
                next_at_ms: 11_000.0
            })
        );
        assert_eq!(s.ca_wizard.poll_due_in_ms(10_400.0), Some(600.0));
        assert_eq!(s.ca_wizard.poll_due_in_ms(12_000.0), Some(0.0));
        // First check: still PENDING, the next one waits twice as long.
        let s = started(&s, Step::Active);
        assert_eq!(s.ca_wizard.poll_due_in_ms(12_000.0), None);
        let s = done(&s, StepOutcome::Status("PENDING".into()), 11_000.0);
        let poll = s.ca_wizard.progress.as_ref().and_then(|p| p.poll.clone());
        assert_eq!(
            poll,
            Some(Poll::Waiting {
                attempt: 1,
                next_at_ms: 13_000.0
            })
        );
        let s = started(&s, Step::Active);
        let s = done(&s, StepOutcome::Status("ACTIVE".into()), 13_000.0);
        assert!(s.ca_wizard.is_done());
        assert_eq!(s.ca_wizard.next_step(), None);
        assert!(WizardKind::SubPlatform
            .steps()
            .iter()
            .all(|step| s.ca_wizard.step_done(*step)));
        assert_eq!(s.ca_wizard.poll_due_in_ms(20_000.0), None);
        assert_eq!(s.focus, Some(Focus::CaWizardDone));
    }

    #[test]
    fn a_sub_ca_signed_elsewhere_waits_for_the_users_certificate() {
        let s = typed(WizardKind::SubExternal);
        let s = started(&s, Step::Create);
        let s = done(&s, StepOutcome::Created(ca("t-ext", "PENDING")), 0.0);
        let s = started(&s, Step::Csr);
        let s = done(&s, StepOutcome::Csr(CSR.into()), 0.0);
        // The signature is the user's: nothing leaves on its own, and Activate waits for the PEMs.
        assert_eq!(s.ca_wizard.next_step(), Some(Step::Sign));
        assert_eq!(s.ca_wizard.auto_step(), None);
        let keys: Vec<String> = s.ca_wizard.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(keys, [CERT_PEM, CA_CHAIN_PEM]);
        assert!(!s.ca_wizard.may_start());
        let s = set(
            &s,
            CERT_PEM,
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        );
        let s = set(
            &s,
            CA_CHAIN_PEM,
            "-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n",
        );
        assert!(s.ca_wizard.may_start(), "{:?}", s.ca_wizard.problems());
        let Ok(Operation::ActivateSubCa(activate)) = s.ca_wizard.activate_operation() else {
            panic!("Activate Sub CA")
        };
        assert_eq!(activate.ca_tag, "t-ext");
        // The user's Activate starts that step (the flow is asked for it).
        let s = started(&s, Step::Activate);
        let s = done(&s, StepOutcome::Activated("PENDING".into()), 0.0);
        // Signed and activated are both ticked.
        assert!(s.ca_wizard.step_done(Step::Sign));
        assert!(s.ca_wizard.step_done(Step::Activate));
        assert!(!s.ca_wizard.step_done(Step::Active));
    }

    #[test]
    fn a_root_is_done_when_created_active() {
        let s = typed(WizardKind::Root);
        let s = started(&s, Step::Create);
        let s = done(&s, StepOutcome::Created(ca("t-root", "ACTIVE")), 0.0);
        assert!(s.ca_wizard.is_done());
        assert_eq!(s.ca_wizard.poll_due_in_ms(0.0), None);
        // Answered otherwise, it is polled.
        let s = typed(WizardKind::Root);
        let s = started(&s, Step::Create);
        let s = done(&s, StepOutcome::Created(ca("t-root", "PENDING")), 5.0);
        assert_eq!(s.ca_wizard.poll_due_in_ms(5.0), Some(1_000.0));
    }

    #[test]
    fn a_failed_step_keeps_everything_and_is_retried_alone() {
        let s = typed(WizardKind::SubPlatform);
        let s = set(&s, SIGN_CA_TAG, "1111111111-1111111111");
        let s = set(&s, SIGN_PERIOD, "200");
        let s = started(&s, Step::Create);
        let s = done(&s, StepOutcome::Created(ca("t-new", "PENDING")), 0.0);
        let s = started(&s, Step::Csr);
        let s = done(&s, StepOutcome::Csr(CSR.into()), 0.0);
        let s = started(&s, Step::Sign);
        // Another step's failure, or another run's, is not this one's.
        let stale = reduce(
            &s,
            Action::CaWizardFailed {
                run: s.ca_wizard.run + 1,
                step: Step::Sign,
                error: failure(),
            },
        );
        assert_eq!(stale.ca_wizard.running, Some(Step::Sign));
        let s = reduce(
            &s,
            Action::CaWizardFailed {
                run: s.ca_wizard.run,
                step: Step::Sign,
                error: failure(),
            },
        );
        assert_eq!(s.ca_wizard.failed, Some((Step::Sign, failure())));
        assert_eq!(s.focus, Some(Focus::CaWizardFailed));
        // Nothing runs on its own after a failure; what was typed and done stays.
        assert_eq!(s.ca_wizard.auto_step(), None);
        assert_eq!(s.ca_wizard.get("alias"), "team-sub");
        assert!(s.ca_wizard.step_done(Step::Csr));
        // The user fixes the signing CA and retries: Sign Sub Csr is what leaves, not Create CA.
        let s = set(&s, SIGN_CA_TAG, "2222222222-2222222222");
        let s = reduce(&s, Action::CaWizardRetry);
        assert_eq!(s.ca_wizard.failed, None);
        assert_eq!(s.ca_wizard.auto_step(), Some(Step::Sign));
        let Ok(Operation::SignSubCsr(sign)) = s.ca_wizard.sign_operation() else {
            panic!("Sign Sub Csr")
        };
        assert_eq!(sign.ca_tag, "2222222222-2222222222");
    }

    #[test]
    fn the_poll_can_be_cancelled_and_resumed_and_gives_up_after_its_checks() {
        let s = typed(WizardKind::SubExternal);
        let s = started(&s, Step::Create);
        let s = done(&s, StepOutcome::Created(ca("t", "PENDING")), 0.0);
        let s = started(&s, Step::Csr);
        let s = done(&s, StepOutcome::Csr(CSR.into()), 0.0);
        let s = started(&s, Step::Activate);
        let s = done(&s, StepOutcome::Activated("PENDING".into()), 0.0);
        let cancelled = reduce(&s, Action::CaWizardPollCancel);
        let poll = |s: &AppState| s.ca_wizard.progress.as_ref().and_then(|p| p.poll.clone());
        assert_eq!(poll(&cancelled), Some(Poll::Cancelled));
        assert_eq!(cancelled.ca_wizard.poll_due_in_ms(0.0), None);
        // Check now: due at once, the schedule from the start.
        let resumed = reduce(&cancelled, Action::CaWizardPollNow { at_ms: 50.0 });
        assert_eq!(
            poll(&resumed),
            Some(Poll::Waiting {
                attempt: 0,
                next_at_ms: 50.0
            })
        );
        // A failed check stops the poll and says why; Check now retries.
        let s2 = started(&resumed, Step::Active);
        let s2 = reduce(
            &s2,
            Action::CaWizardFailed {
                run: s2.ca_wizard.run,
                step: Step::Active,
                error: failure(),
            },
        );
        assert_eq!(poll(&s2), Some(Poll::Cancelled));
        assert!(s2.ca_wizard.failed.is_some());
        // PENDING at every check: gives up after the last one.
        let mut s = resumed;
        let mut waits = Vec::new();
        for _ in 0..POLL_MAX_CHECKS {
            let now = 1_000.0;
            s = started(&s, Step::Active);
            s = done(&s, StepOutcome::Status("PENDING".into()), now);
            if let Some(Poll::Waiting { next_at_ms, .. }) = poll(&s) {
                waits.push((next_at_ms - now) as u32);
            }
        }
        assert_eq!(poll(&s), Some(Poll::GaveUp));
        assert_eq!(waits.len() as u32, POLL_MAX_CHECKS - 1);
        assert_eq!(&waits[..3], [2_000, 4_000, 8_000]);
        // A status waiting cannot change stops the poll.
        let s = started(
            &reduce(&s, Action::CaWizardPollNow { at_ms: 0.0 }),
            Step::Active,
        );
        let s = done(&s, StepOutcome::Status("DEACTIVATED".into()), 0.0);
        assert_eq!(poll(&s), Some(Poll::Stopped));
    }

    #[test]
    fn starting_over_or_switching_site_drops_the_progress_and_keeps_the_form() {
        let s = typed(WizardKind::SubExternal);
        let s = started(&s, Step::Create);
        let run = s.ca_wizard.run;
        let switched = reduce(&s, Action::SetSite(SiteChoice::Public));
        assert_eq!(switched.ca_wizard.running, None);
        assert_eq!(switched.ca_wizard.get("alias"), "team-sub");
        // The answer of the old run is not taken.
        let late = reduce(
            &switched,
            Action::CaWizardDone {
                run,
                outcome: StepOutcome::Created(ca("t", "PENDING")),
                at_ms: 0.0,
            },
        );
        assert_eq!(late.ca_wizard.progress, None);
        let s = done(&s, StepOutcome::Created(ca("t", "PENDING")), 0.0);
        let over = reduce(&s, Action::CaWizardStartOver);
        assert_eq!(over.ca_wizard.progress, None);
        assert_eq!(over.ca_wizard.kind, WizardKind::SubExternal);
        assert_eq!(
            over.ca_wizard.get("x509Parameters.commonName"),
            "Team Sub CA"
        );
    }

    #[test]
    fn the_activation_chain_has_the_issuer_once() {
        let signed = |issuer: &str, chain: &[&str]| SignedCertificate {
            issuer: issuer.into(),
            ca_chain: chain.iter().map(|c| c.to_string()).collect(),
            ..SignedCertificate::default()
        };
        assert_eq!(activation_chain(&signed("I", &["I\n", "R"])), "I\nR\n");
        assert_eq!(activation_chain(&signed("I", &["R"])), "I\nR\n");
        assert_eq!(activation_chain(&signed("", &[])), "");
    }
}
