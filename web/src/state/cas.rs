//! The CAs page: one page of Get CA List at a time (as the API pages it), and the CA opened
//! from it (Get CA, Get CA Chain, Get CA Crl), each with its loading state. An answer is kept
//! only while it still describes what is asked: the page, the CA and the site it was read for.

use certkit_core::operation::Operation;
use certkit_core::private_ca::{CaDetail, CaList, DeleteCa, UpdateCa};
use certkit_core::response::CaInfo;

use super::ca_certs::CaCerts;
use super::{HelperError, Load, SiteChoice};

/// One page of Get CA List, as read for a site.
#[derive(Clone, Debug, PartialEq)]
pub struct CaListPage {
    /// The site it was read on.
    pub site: SiteChoice,
    /// Its page number (`pageNo`, 1-based).
    pub page_no: u32,
    /// The answer.
    pub list: CaList,
}

impl CaListPage {
    /// Whether the answer says a page follows (`currentPageNo < totalPageNo`).
    pub fn has_next(&self) -> bool {
        self.list.has_next_page() && !self.list.ca_info_list.is_empty()
    }

    /// `totalPageNo`, when the answer gives a usable one.
    pub fn total_pages(&self) -> Option<u32> {
        self.list
            .total_page_no
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n > 0)
    }
}

/// What a CA's detail shows: Get CA's answer, and its chain and CRL (each may fail alone).
#[derive(Clone, Debug, PartialEq)]
pub struct CaView {
    /// The site it was read on.
    pub site: SiteChoice,
    /// Get CA's `caInfo` and `caCertInfo`.
    pub ca: CaDetail,
    /// Get CA Chain's PEM, or why not.
    pub chain: Result<String, HelperError>,
    /// Get CA Crl's PEM, or why not.
    pub crl: Result<String, HelperError>,
}

/// The CAs page's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Cas {
    /// The page of the list asked for last (1-based).
    pub page_no: u32,
    /// That page.
    pub list: Load<CaListPage>,
    /// The CA whose detail is shown (`#/cas/{caTag}`); `None`: the list.
    pub open: Option<String>,
    /// The open CA's detail.
    pub detail: Load<CaView>,
    /// The status action asked for on the open CA, while it is confirmed, sent or failed.
    pub command: Option<PendingCommand>,
    /// The last status action that succeeded, and on which CA (said until another CA opens).
    pub done: Option<(String, CaCommand)>,
    /// The open CA's certificates (`#/cas/{caTag}/certs`).
    pub certs: CaCerts,
}

/// A status action on a CA: Update CA's `status` (P11), or Delete CA (P12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaCommand {
    /// `ACTIVE` → `DEACTIVATED`.
    Deactivate,
    /// `DEACTIVATED` → `ACTIVE`.
    Activate,
    /// `ACTIVE` or `DEACTIVATED` → `DESTROYING`: deletion with its sub CAs after 72 hours.
    ScheduleDeletion,
    /// `DESTROYING` → `ACTIVE`.
    CancelDeletion,
    /// Delete CA, at once, with its sub CAs (only from `DESTROYING`).
    Delete,
}

impl CaCommand {
    /// The actions a CA in `status` offers (ncp-operations.md P11's transitions, P12); none for
    /// `PENDING` (it leaves through Activate Sub CA) or an unknown status.
    pub fn offered(status: &str) -> &'static [CaCommand] {
        match status {
            "ACTIVE" => &[CaCommand::Deactivate, CaCommand::ScheduleDeletion],
            "DEACTIVATED" => &[CaCommand::Activate, CaCommand::ScheduleDeletion],
            "DESTROYING" => &[CaCommand::CancelDeletion, CaCommand::Delete],
            _ => &[],
        }
    }

    /// The request, built by certkit-core.
    pub fn operation(self, ca_tag: &str) -> Operation {
        let update = |status: &str| {
            UpdateCa {
                ca_tag: ca_tag.to_string(),
                status: status.to_string(),
            }
            .into()
        };
        match self {
            CaCommand::Deactivate => update("DEACTIVATED"),
            CaCommand::Activate | CaCommand::CancelDeletion => update("ACTIVE"),
            CaCommand::ScheduleDeletion => update("DESTROYING"),
            CaCommand::Delete => DeleteCa {
                ca_tag: ca_tag.to_string(),
            }
            .into(),
        }
    }

    /// Whether it destroys what cannot be undone (certkit-core's rule): the user types the
    /// CA's alias first.
    pub fn destructive(self) -> bool {
        self.operation("ca").is_destructive()
    }

    /// Its element ids' stem (`ca-action-schedule-deletion`).
    pub fn id(self) -> &'static str {
        match self {
            CaCommand::Deactivate => "deactivate",
            CaCommand::Activate => "activate",
            CaCommand::ScheduleDeletion => "schedule-deletion",
            CaCommand::CancelDeletion => "cancel-deletion",
            CaCommand::Delete => "delete",
        }
    }
}

/// What the user types to confirm a destructive action on a CA: its alias (its tag when it has
/// none).
pub fn confirmation_word(info: &CaInfo) -> &str {
    let alias = info.alias.trim();
    if alias.is_empty() {
        info.ca_tag.trim()
    } else {
        alias
    }
}

/// Where a status action stands.
#[derive(Clone, Debug, PartialEq)]
pub enum CommandPhase {
    /// A destructive action waits for the CA's alias, typed.
    Confirming {
        /// What is typed so far.
        typed: String,
    },
    /// Sent, no answer yet.
    Sending,
    /// NCP refused it, or no answer.
    Failed(HelperError),
}

/// A status action on the open CA.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingCommand {
    /// The CA.
    pub ca_tag: String,
    /// The action.
    pub command: CaCommand,
    /// Where it stands.
    pub phase: CommandPhase,
}

impl Default for Cas {
    fn default() -> Self {
        Cas {
            page_no: 1,
            list: Load::Idle,
            open: None,
            detail: Load::Idle,
            command: None,
            done: None,
            certs: CaCerts::default(),
        }
    }
}

impl Cas {
    /// Keys or site changed: nothing read describes the account now connected (the page and
    /// the CA asked for stay, and are read again).
    pub(super) fn forget_answers(&mut self) {
        self.list = Load::Idle;
        self.detail = Load::Idle;
        self.certs.forget_answers();
    }

    /// Page `page_no` of the list is being read.
    pub(super) fn list_loading(&mut self, page_no: u32) {
        self.page_no = page_no.max(1);
        self.list = Load::Loading;
    }

    /// Page `page.page_no` arrived; kept only if it is still the page asked for on the site
    /// selected.
    pub(super) fn list_loaded(&mut self, page: CaListPage, selected: SiteChoice) {
        if page.page_no == self.page_no && page.site == selected && self.list == Load::Loading {
            self.list = Load::Loaded(page);
        }
    }

    /// Page `page_no` could not be read.
    pub(super) fn list_failed(&mut self, page_no: u32, error: HelperError) {
        if page_no == self.page_no && self.list == Load::Loading {
            self.list = Load::Failed(error);
        }
    }

    /// Show CA `ca_tag`'s detail (read again unless it is the one shown).
    pub(super) fn open(&mut self, ca_tag: String) {
        if self.open.as_deref() != Some(ca_tag.as_str()) {
            self.open = Some(ca_tag);
            self.detail = Load::Idle;
            self.command = None;
            self.done = None;
            self.certs = CaCerts::default();
        }
        self.certs.shown = None;
    }

    /// Back to the list.
    pub(super) fn close(&mut self) {
        self.open = None;
        self.detail = Load::Idle;
        self.command = None;
        self.done = None;
        self.certs = CaCerts::default();
    }

    /// The open CA as last read, if it is `ca_tag`.
    fn open_ca(&self, ca_tag: &str) -> Option<&CaInfo> {
        match &self.detail {
            Load::Loaded(view) if self.open.as_deref() == Some(ca_tag) => Some(&view.ca.ca_info),
            _ => None,
        }
    }

    /// Whether `command` may be sent for `ca_tag` now: that CA is open and read, its status
    /// offers the action, nothing is in flight, and a destructive action has the CA's alias
    /// typed.
    pub fn may_run(&self, ca_tag: &str, command: CaCommand) -> bool {
        let Some(info) = self.open_ca(ca_tag) else {
            return false;
        };
        if !CaCommand::offered(&info.status).contains(&command) {
            return false;
        }
        match &self.command {
            Some(pending) if pending.phase == CommandPhase::Sending => false,
            Some(PendingCommand {
                ca_tag: asked,
                command: asked_command,
                phase: CommandPhase::Confirming { typed },
            }) if command.destructive() => {
                asked == ca_tag
                    && *asked_command == command
                    && typed.trim() == confirmation_word(info)
            }
            _ => !command.destructive(),
        }
    }

    /// The user asked for a destructive `command`: ask for the alias.
    pub(super) fn command_asked(&mut self, ca_tag: String, command: CaCommand) {
        if self.open_ca(&ca_tag).is_some() && !self.sending() {
            self.done = None;
            self.command = Some(PendingCommand {
                ca_tag,
                command,
                phase: CommandPhase::Confirming {
                    typed: String::new(),
                },
            });
        }
    }

    /// The user typed into the confirmation.
    pub(super) fn command_typed(&mut self, text: String) {
        if let Some(PendingCommand {
            phase: CommandPhase::Confirming { typed },
            ..
        }) = &mut self.command
        {
            *typed = text;
        }
    }

    /// The user kept the CA.
    pub(super) fn command_dismissed(&mut self) {
        if !self.sending() {
            self.command = None;
        }
    }

    fn sending(&self) -> bool {
        self.command
            .as_ref()
            .is_some_and(|c| c.phase == CommandPhase::Sending)
    }

    /// The request left.
    pub(super) fn command_started(&mut self, ca_tag: String, command: CaCommand) {
        self.done = None;
        self.command = Some(PendingCommand {
            ca_tag,
            command,
            phase: CommandPhase::Sending,
        });
    }

    fn is_sending(&self, ca_tag: &str, command: CaCommand) -> bool {
        self.command.as_ref().is_some_and(|c| {
            c.ca_tag == ca_tag && c.command == command && c.phase == CommandPhase::Sending
        })
    }

    /// NCP did it: the CA (and the list) are read again; a deleted CA leaves for the list.
    /// Returns whether the answer was the one awaited.
    pub(super) fn command_done(&mut self, ca_tag: String, command: CaCommand) -> bool {
        if !self.is_sending(&ca_tag, command) {
            return false;
        }
        self.command = None;
        self.list = Load::Idle;
        if command == CaCommand::Delete {
            self.close();
        } else {
            self.detail = Load::Idle;
        }
        self.done = Some((ca_tag, command));
        true
    }

    /// It failed: say why, and let the user try again.
    pub(super) fn command_failed(&mut self, ca_tag: &str, command: CaCommand, error: HelperError) {
        if self.is_sending(ca_tag, command) {
            if let Some(pending) = &mut self.command {
                pending.phase = CommandPhase::Failed(error);
            }
        }
    }

    /// CA `ca_tag`'s detail is being read.
    pub(super) fn detail_loading(&mut self, ca_tag: &str) {
        if self.open.as_deref() == Some(ca_tag) {
            self.detail = Load::Loading;
        }
    }

    /// CA `ca_tag`'s detail arrived; kept only if that CA is still open, on the same site.
    pub(super) fn detail_loaded(&mut self, ca_tag: &str, view: CaView, selected: SiteChoice) {
        if self.open.as_deref() == Some(ca_tag)
            && view.site == selected
            && self.detail == Load::Loading
        {
            self.detail = Load::Loaded(view);
        }
    }

    /// CA `ca_tag`'s detail could not be read.
    pub(super) fn detail_failed(&mut self, ca_tag: &str, error: HelperError) {
        if self.open.as_deref() == Some(ca_tag) && self.detail == Load::Loading {
            self.detail = Load::Failed(error);
        }
    }
}

/// Whole days from `now_ms` until `not_after_ms` (both epoch milliseconds), rounded down: 0
/// on its last day, negative once past.
pub fn days_until(not_after_ms: i64, now_ms: i64) -> i64 {
    not_after_ms.saturating_sub(now_ms).div_euclid(86_400_000)
}

/// How a CA status shows: the badge's class, by what the user can do with the CA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusTone {
    /// `ACTIVE`: issues certificates.
    Active,
    /// `PENDING`: a sub CA waiting for its certificate.
    Pending,
    /// `DEACTIVATED`: disabled, can be activated again.
    Deactivated,
    /// `DESTROYING`: deletion scheduled.
    Destroying,
    /// Any other value (shown as it came).
    Other,
}

impl StatusTone {
    /// The tone of the `status` NCP answered.
    pub fn of(status: &str) -> StatusTone {
        match status {
            "ACTIVE" => StatusTone::Active,
            "PENDING" => StatusTone::Pending,
            "DEACTIVATED" => StatusTone::Deactivated,
            "DESTROYING" => StatusTone::Destroying,
            _ => StatusTone::Other,
        }
    }

    /// The badge's CSS class.
    pub fn class(self) -> &'static str {
        match self {
            StatusTone::Active => "ok",
            StatusTone::Pending => "pending",
            StatusTone::Deactivated => "off",
            StatusTone::Destroying => "destroying",
            StatusTone::Other => "other",
        }
    }
}

/// The URL hash of CA `ca_tag`'s detail (`#/cas/{caTag}`, the tag encoded by
/// [`push_segment`]).
pub fn ca_route(ca_tag: &str) -> String {
    let mut route = String::from("#/cas/");
    push_segment(&mut route, ca_tag);
    route
}

/// Appends `segment` to a URL hash, percent-encoded beyond letters, digits, `-_.~` and `:` (a
/// path segment's characters: serial numbers keep their colons).
pub(super) fn push_segment(route: &mut String, segment: &str) {
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b':') {
            route.push(char::from(byte));
        } else {
            route.push_str(&format!("%{byte:02X}"));
        }
    }
}

/// The CA tag of a `#/cas/{caTag}` hash; `None` for any other hash, an empty tag, or one that
/// is not UTF-8 once decoded.
pub fn ca_of_route(hash: &str) -> Option<String> {
    let encoded = hash.strip_prefix("#/cas/")?;
    if encoded.is_empty() || encoded.contains('/') {
        return None;
    }
    let decoded = certkit_core::percent_decode_bytes(encoded.as_bytes());
    String::from_utf8(decoded).ok().filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action, AppState, Focus, Page, Route};
    use certkit_core::private_ca::CaDetail;
    use certkit_core::response::{CaInfo, Failure, FailureKind};

    fn list(total_pages: i64, current: i64, tags: &[&str]) -> CaList {
        CaList {
            total_cnt: Some(tags.len() as i64),
            total_page_no: Some(total_pages),
            current_page_no: Some(current),
            ca_info_list: tags
                .iter()
                .map(|tag| CaDetail {
                    ca_info: CaInfo {
                        ca_tag: (*tag).into(),
                        status: "ACTIVE".into(),
                        ..CaInfo::default()
                    },
                    ca_cert_info: None,
                })
                .collect(),
        }
    }

    fn loaded(state: &AppState, page_no: u32, answer: CaList) -> AppState {
        reduce(
            state,
            Action::CasLoaded(CaListPage {
                site: SiteChoice::Sandbox,
                page_no,
                list: answer,
            }),
        )
    }

    fn failure() -> HelperError {
        HelperError::Failed(Failure::new(FailureKind::AuthFailed, None, "bad"))
    }

    fn view(tag: &str) -> CaView {
        CaView {
            site: SiteChoice::Sandbox,
            ca: CaDetail {
                ca_info: CaInfo {
                    ca_tag: tag.into(),
                    ..CaInfo::default()
                },
                ca_cert_info: None,
            },
            chain: Ok("CHAIN".into()),
            crl: Err(failure()),
        }
    }

    #[test]
    fn the_list_is_read_page_by_page_and_a_late_page_is_dropped() {
        let s = reduce(&AppState::default(), Action::CasLoading(1));
        assert_eq!((s.cas.page_no, &s.cas.list), (1, &Load::Loading));
        let s = loaded(&s, 1, list(2, 1, &["a", "b"]));
        let Load::Loaded(page) = &s.cas.list else {
            panic!("page 1 is shown")
        };
        assert!(page.has_next());
        assert_eq!(page.total_pages(), Some(2));
        // Next page asked, then the answer to page 1 arrives again late: not shown.
        let s = reduce(&s, Action::CasLoading(2));
        let late = loaded(&s, 1, list(2, 1, &["a"]));
        assert_eq!(late.cas.list, Load::Loading);
        let s = loaded(&s, 2, list(2, 2, &["c"]));
        let Load::Loaded(page) = &s.cas.list else {
            panic!("page 2 is shown")
        };
        assert!(!page.has_next());
        assert_eq!(page.page_no, 2);
        // Page 0 is page 1.
        assert_eq!(reduce(&s, Action::CasLoading(0)).cas.page_no, 1);
    }

    #[test]
    fn a_failed_page_says_why_and_retry_loads_it_again() {
        let s = reduce(&AppState::default(), Action::CasLoading(3));
        let other = reduce(&s, Action::CasFailed(2, failure()));
        assert_eq!(other.cas.list, Load::Loading);
        let s = reduce(&s, Action::CasFailed(3, failure()));
        assert_eq!(s.cas.list, Load::Failed(failure()));
        let s = reduce(&s, Action::CasLoading(3));
        assert_eq!(s.cas.list, Load::Loading);
    }

    #[test]
    fn a_page_read_on_another_site_is_not_shown() {
        let s = reduce(&AppState::default(), Action::SetSite(SiteChoice::Public));
        let s = reduce(&s, Action::CasLoading(1));
        let s = loaded(&s, 1, list(1, 1, &["a"]));
        assert_eq!(s.cas.list, Load::Loading);
    }

    #[test]
    fn switching_site_or_keys_forgets_what_was_read() {
        let s = reduce(&AppState::default(), Action::CasLoading(2));
        let s = loaded(&s, 2, list(2, 2, &["a"]));
        let s = reduce(&s, Action::OpenCa("a".into()));
        let s = reduce(&s, Action::CaLoading("a".into()));
        let s = reduce(
            &s,
            Action::CaLoaded {
                ca_tag: "a".into(),
                view: Box::new(view("a")),
            },
        );
        assert!(matches!(s.cas.detail, Load::Loaded(_)));
        for change in [
            Action::SetSite(SiteChoice::Gov),
            Action::SetAccessKey("OTHER".into()),
        ] {
            let after = reduce(&s, change);
            assert_eq!(
                (&after.cas.list, &after.cas.detail),
                (&Load::Idle, &Load::Idle)
            );
            // The page and the CA asked for stay, to be read again.
            assert_eq!(
                (after.cas.page_no, after.cas.open.as_deref()),
                (2, Some("a"))
            );
        }
    }

    #[test]
    fn opening_a_ca_shows_its_detail_and_back_shows_the_list() {
        let list = reduce(&AppState::default(), Action::Navigate(Page::Cas));
        assert_eq!(list.focus, None);
        let s = reduce(&list, Action::OpenCa("t-1".into()));
        assert_eq!(s.page, Page::Cas);
        // The link clicked is gone: focus goes to the CA's title.
        assert_eq!(s.focus, Some(Focus::CaTitle));
        let s = reduce(&s, Action::FocusTaken);
        assert_eq!(s.route(), "#/cas/t-1");
        assert_eq!(s.cas.detail, Load::Idle);
        let s = reduce(&s, Action::CaLoading("t-1".into()));
        assert_eq!(s.cas.detail, Load::Loading);
        // Another CA's answer (a click before) is not this one's.
        let other = reduce(
            &s,
            Action::CaLoaded {
                ca_tag: "t-2".into(),
                view: Box::new(view("t-2")),
            },
        );
        assert_eq!(other.cas.detail, Load::Loading);
        let s = reduce(
            &s,
            Action::CaLoaded {
                ca_tag: "t-1".into(),
                view: Box::new(view("t-1")),
            },
        );
        let Load::Loaded(shown) = &s.cas.detail else {
            panic!("the detail is shown")
        };
        assert_eq!(shown.chain.as_deref(), Ok("CHAIN"));
        assert!(shown.crl.is_err());
        // Opening it again keeps it; the nav's link (Navigate) and Back show the list.
        let again = reduce(&s, Action::OpenCa("t-1".into()));
        assert_eq!((&again.cas.detail, again.focus), (&s.cas.detail, None));
        let back = reduce(&s, Action::Navigate(Page::Cas));
        assert_eq!(
            (back.cas.open.as_ref(), back.route().as_str()),
            (None, "#/cas")
        );
        assert_eq!(back.cas.detail, Load::Idle);
        assert_eq!(back.focus, Some(Focus::CasTitle));
        // Leaving for another page keeps the CA open for the way back.
        let away = reduce(&s, Action::Navigate(Page::History));
        assert_eq!(away.route(), "#/history");
        assert_eq!(away.cas.open.as_deref(), Some("t-1"));
    }

    #[test]
    fn a_failed_detail_says_why_and_only_for_the_open_ca() {
        let s = reduce(&AppState::default(), Action::OpenCa("t-1".into()));
        let s = reduce(&s, Action::CaLoading("t-1".into()));
        let stale = reduce(
            &s,
            Action::CaFailed {
                ca_tag: "t-0".into(),
                error: failure(),
            },
        );
        assert_eq!(stale.cas.detail, Load::Loading);
        let s = reduce(
            &s,
            Action::CaFailed {
                ca_tag: "t-1".into(),
                error: failure(),
            },
        );
        assert_eq!(s.cas.detail, Load::Failed(failure()));
        // Loading another CA's detail while this one is open changes nothing.
        let s2 = reduce(&s, Action::CaLoading("t-2".into()));
        assert_eq!(s2.cas.detail, Load::Failed(failure()));
    }

    /// CA `tag` (alias `alias`, status `status`) open and read.
    fn opened(tag: &str, alias: &str, status: &str) -> AppState {
        let s = reduce(&AppState::default(), Action::OpenCa(tag.into()));
        let s = reduce(&s, Action::CaLoading(tag.into()));
        let mut shown = view(tag);
        shown.ca.ca_info.alias = alias.into();
        shown.ca.ca_info.status = status.into();
        reduce(
            &s,
            Action::CaLoaded {
                ca_tag: tag.into(),
                view: Box::new(shown),
            },
        )
    }

    #[test]
    fn each_status_offers_its_actions_and_only_destroying_ones_ask_for_the_alias() {
        use CaCommand::*;
        assert_eq!(CaCommand::offered("ACTIVE"), [Deactivate, ScheduleDeletion]);
        assert_eq!(
            CaCommand::offered("DEACTIVATED"),
            [Activate, ScheduleDeletion]
        );
        assert_eq!(CaCommand::offered("DESTROYING"), [CancelDeletion, Delete]);
        assert!(CaCommand::offered("PENDING").is_empty());
        assert!(CaCommand::offered("SOMETHING").is_empty());
        let destructive: Vec<_> = [
            Deactivate,
            Activate,
            ScheduleDeletion,
            CancelDeletion,
            Delete,
        ]
        .into_iter()
        .filter(|c| c.destructive())
        .collect();
        assert_eq!(destructive, [ScheduleDeletion, Delete]);
        assert_eq!(
            ScheduleDeletion.operation("t").path_and_query(),
            "/api/v1/ca/t"
        );
        let Operation::UpdateCa(update) = CancelDeletion.operation("t") else {
            panic!("cancel is Update CA")
        };
        assert_eq!(update.status, "ACTIVE");
        assert!(matches!(Delete.operation("t"), Operation::DeleteCa(_)));
    }

    #[test]
    fn a_destructive_action_waits_for_the_alias_typed() {
        let s = opened("t-1", "team-ca", "ACTIVE");
        // Not offered for this status, or not asked: not sent.
        assert!(!s.cas.may_run("t-1", CaCommand::Delete));
        assert!(!s.cas.may_run("t-1", CaCommand::ScheduleDeletion));
        assert!(s.cas.may_run("t-1", CaCommand::Deactivate));
        assert!(!s.cas.may_run("t-2", CaCommand::Deactivate));
        let ask = Action::CaCommandAsk {
            ca_tag: "t-1".into(),
            command: CaCommand::ScheduleDeletion,
        };
        let s = reduce(&s, ask);
        assert_eq!(s.focus, Some(Focus::CaConfirm));
        let typed = |s: &AppState, text: &str| reduce(s, Action::CaCommandTyped(text.into()));
        for wrong in ["", "team", "TEAM-CA", "t-1"] {
            assert!(
                !typed(&s, wrong)
                    .cas
                    .may_run("t-1", CaCommand::ScheduleDeletion),
                "{wrong}"
            );
        }
        let s = typed(&s, " team-ca ");
        assert!(s.cas.may_run("t-1", CaCommand::ScheduleDeletion));
        // The alias typed for one action does not confirm another.
        assert!(!s.cas.may_run("t-1", CaCommand::Delete));
        // Keeping the CA closes the question.
        let kept = reduce(&s, Action::CaCommandDismiss);
        assert_eq!(kept.cas.command, None);
        assert!(!kept.cas.may_run("t-1", CaCommand::ScheduleDeletion));
        // A CA without an alias is confirmed by its tag.
        let s = opened("t-9", "", "DESTROYING");
        let s = reduce(
            &s,
            Action::CaCommandAsk {
                ca_tag: "t-9".into(),
                command: CaCommand::Delete,
            },
        );
        assert!(typed(&s, "t-9").cas.may_run("t-9", CaCommand::Delete));
    }

    #[test]
    fn a_status_action_reads_the_ca_again_and_a_failure_says_why() {
        let s = opened("t-1", "team-ca", "ACTIVE");
        let start = |s: &AppState, command| {
            reduce(
                s,
                Action::CaCommandStarted {
                    ca_tag: "t-1".into(),
                    command,
                },
            )
        };
        let s = start(&s, CaCommand::Deactivate);
        // Nothing else leaves while one is in flight.
        assert!(!s.cas.may_run("t-1", CaCommand::Deactivate));
        let failed = reduce(
            &s,
            Action::CaCommandFailed {
                ca_tag: "t-1".into(),
                command: CaCommand::Deactivate,
                error: failure(),
            },
        );
        let phase = failed.cas.command.as_ref().map(|c| c.phase.clone());
        assert_eq!(phase, Some(CommandPhase::Failed(failure())));
        // Try again.
        assert!(failed.cas.may_run("t-1", CaCommand::Deactivate));
        // Another action's answer is not this one's.
        let other = reduce(
            &s,
            Action::CaCommandDone {
                ca_tag: "t-1".into(),
                command: CaCommand::Activate,
            },
        );
        assert_eq!(other.cas.done, None);
        let done = reduce(
            &s,
            Action::CaCommandDone {
                ca_tag: "t-1".into(),
                command: CaCommand::Deactivate,
            },
        );
        assert_eq!(done.cas.command, None);
        assert_eq!(done.cas.done, Some(("t-1".into(), CaCommand::Deactivate)));
        assert_eq!(
            (&done.cas.detail, &done.cas.list),
            (&Load::Idle, &Load::Idle)
        );
        assert_eq!(done.cas.open.as_deref(), Some("t-1"));
        assert_eq!(done.focus, Some(Focus::CaCommandDone));
        // Another CA opened: the sentence goes.
        assert_eq!(reduce(&done, Action::OpenCa("t-2".into())).cas.done, None);
    }

    #[test]
    fn a_deleted_ca_leaves_for_the_list() {
        let s = opened("t-1", "team-ca", "DESTROYING");
        let s = reduce(
            &s,
            Action::CaCommandStarted {
                ca_tag: "t-1".into(),
                command: CaCommand::Delete,
            },
        );
        let s = reduce(
            &s,
            Action::CaCommandDone {
                ca_tag: "t-1".into(),
                command: CaCommand::Delete,
            },
        );
        assert_eq!((s.cas.open.as_ref(), s.route().as_str()), (None, "#/cas"));
        assert_eq!(s.cas.done, Some(("t-1".into(), CaCommand::Delete)));
        assert_eq!(s.cas.list, Load::Idle);
    }

    #[test]
    fn ca_routes_go_there_and_back() {
        for tag in ["4b0bbe37-eeea93b8", "a b/ç", "x%y"] {
            let route = ca_route(tag);
            assert!(!route[6..].contains('/'), "{route}");
            assert_eq!(ca_of_route(&route).as_deref(), Some(tag));
            assert_eq!(Route::parse(&route), Some(Route::Ca(tag.to_string())));
        }
        assert_eq!(ca_of_route("#/cas/"), None);
        assert_eq!(ca_of_route("#/cas"), None);
        assert_eq!(ca_of_route("#/cas/a/b"), None);
        assert_eq!(Route::parse("#/cas"), Some(Route::Page(Page::Cas)));
        assert_eq!(Route::parse("#/nope"), None);
        // The app starts on the CA in the URL.
        let s = AppState::starting_at_route(Route::parse("#/cas/t-9"));
        assert_eq!((s.page, s.cas.open.as_deref()), (Page::Cas, Some("t-9")));
        assert_eq!(AppState::starting_at_route(None).page, Page::Connection);
    }

    #[test]
    fn days_until_expiry_round_down() {
        let day = 86_400_000;
        assert_eq!(days_until(10 * day, 0), 10);
        assert_eq!(days_until(10 * day - 1, 0), 9);
        assert_eq!(days_until(0, 1), -1);
        assert_eq!(days_until(i64::MIN, i64::MAX), i64::MIN.div_euclid(day));
    }

    #[test]
    fn statuses_have_their_tone_and_others_show_as_is() {
        assert_eq!(StatusTone::of("ACTIVE").class(), "ok");
        assert_eq!(StatusTone::of("PENDING"), StatusTone::Pending);
        assert_eq!(StatusTone::of("DEACTIVATED"), StatusTone::Deactivated);
        assert_eq!(StatusTone::of("DESTROYING"), StatusTone::Destroying);
        assert_eq!(StatusTone::of("active"), StatusTone::Other);
    }
}
