//! The certificates of a CA (issue 13, point 3): a page of Get End Cert List at
//! `#/cas/{caTag}/certs` (NCP lists serial numbers only), each serial read with Get End Cert for
//! its CN and not-after, and one certificate at `#/cas/{caTag}/certs/{serialNo}` with Revoke End
//! Cert behind its CN typed. Whether a certificate is revoked is not in either answer (P7's doc
//! gap): the CA's CRL, read with the CA's detail ([`super::CaView::crl`]), tells.
//!
//! This state lives inside [`super::Cas`]: it describes the CA open there, and goes when that CA
//! closes or another opens.

use std::collections::BTreeMap;

use certkit_core::private_ca::{EndCert, EndCertList, RevokeEndCert};
use certkit_x509::{CrlInfo, RevokedCertificate};

use super::cas::push_segment;
use super::{ca_route, CommandPhase, HelperError, Load, SiteChoice};

/// One page of Get End Cert List, as read for a CA on a site.
#[derive(Clone, Debug, PartialEq)]
pub struct EndCertPage {
    /// The site it was read on.
    pub site: SiteChoice,
    /// The CA.
    pub ca_tag: String,
    /// The page asked for (1-based).
    pub page_no: u32,
    /// The answer.
    pub list: EndCertList,
}

impl EndCertPage {
    /// Whether the answer says a page follows.
    pub fn has_next(&self) -> bool {
        self.list.has_next_page() && !self.list.list_certs.is_empty()
    }

    /// `totalPageNo`, when the answer gives a usable one.
    pub fn total_pages(&self) -> Option<u32> {
        self.list
            .total_page_no
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n > 0)
    }

    /// Whether NCP answered another page than the one asked for: P6 documents no `pageNo`, so
    /// NCP may ignore it (ncp-operations.md P6: check `currentPageNo`).
    pub fn page_ignored(&self) -> bool {
        self.list
            .current_page_no
            .is_some_and(|current| current != i64::from(self.page_no))
    }
}

/// What the certificates part of the CAs page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertsShown {
    /// The CA.
    pub ca_tag: String,
    /// The certificate opened (its `serialNo` as NCP listed it); `None`: the list.
    pub serial_no: Option<String>,
}

impl CertsShown {
    /// Its URL hash: `#/cas/{caTag}/certs[/{serialNo}]`.
    pub fn route(&self) -> String {
        let mut route = ca_route(&self.ca_tag);
        route.push_str("/certs");
        if let Some(serial) = &self.serial_no {
            route.push('/');
            push_segment(&mut route, serial);
        }
        route
    }

    /// What a `#/cas/{caTag}/certs[/{serialNo}]` hash shows; `None` for any other hash.
    pub fn of_route(hash: &str) -> Option<CertsShown> {
        let rest = hash.strip_prefix("#/cas/")?;
        let decode = |segment: &str| {
            String::from_utf8(certkit_core::percent_decode_bytes(segment.as_bytes()))
                .ok()
                .filter(|s| !s.is_empty())
        };
        let mut parts = rest.split('/');
        let ca_tag = decode(parts.next()?)?;
        if parts.next()? != "certs" {
            return None;
        }
        let serial_no = match parts.next() {
            None => None,
            Some(serial) => Some(decode(serial)?),
        };
        if parts.next().is_some() {
            return None;
        }
        Some(CertsShown { ca_tag, serial_no })
    }
}

/// A revocation asked for, while it is confirmed, sent or failed.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingRevoke {
    /// The CA.
    pub ca_tag: String,
    /// The certificate (`serialNo` as listed).
    pub serial_no: String,
    /// Where it stands (the same steps as a CA's destructive status action).
    pub phase: CommandPhase,
}

impl PendingRevoke {
    /// Revoke End Cert's request, built by certkit-core.
    pub fn operation(&self) -> RevokeEndCert {
        RevokeEndCert {
            ca_tag: self.ca_tag.clone(),
            serial_no: self.serial_no.clone(),
        }
    }
}

/// The certificates of the open CA.
#[derive(Clone, Debug, PartialEq)]
pub struct CaCerts {
    /// What is shown, if the certificates are (else the CA's own detail).
    pub shown: Option<CertsShown>,
    /// The page of the list asked for last (1-based).
    pub page_no: u32,
    /// That page.
    pub list: Load<EndCertPage>,
    /// Get End Cert's answers, by `serialNo` as listed, for the CA shown on the selected site.
    pub certs: BTreeMap<String, Load<EndCert>>,
    /// The revocation asked for, while it is confirmed, sent or failed.
    pub revoke: Option<PendingRevoke>,
    /// The certificate NCP revoked last (`caTag`, `serialNo`): said until another CA opens,
    /// even while the CRL does not list it yet.
    pub revoked: Option<(String, String)>,
    /// Whether the page being read replaces one shown (another page, or Reload): the pager
    /// that had focus is gone meanwhile, so focus goes back to it once the page shows.
    paging: bool,
}

impl Default for CaCerts {
    fn default() -> Self {
        CaCerts {
            shown: None,
            page_no: 1,
            list: Load::Idle,
            certs: BTreeMap::new(),
            revoke: None,
            revoked: None,
            paging: false,
        }
    }
}

/// What the user types to confirm revoking `cert`: its CN (its serial when it has none).
pub fn revoke_word(cert: &EndCert) -> &str {
    let cn = cert.common_name.trim();
    if cn.is_empty() {
        cert.serial_no.trim()
    } else {
        cn
    }
}

/// The entry of the CRL that revokes the certificate of serial `serial_no` (NCP's text), if
/// any. Both serials are compared in certkit-x509's form ([`certkit_x509::serial_from_text`]):
/// NCP's hex case is undocumented (PS5).
pub fn crl_entry<'a>(crl: &'a CrlInfo, serial_no: &str) -> Option<&'a RevokedCertificate> {
    let wanted = certkit_x509::serial_from_text(serial_no)?;
    crl.revoked
        .iter()
        .find(|r| certkit_x509::serial_from_text(&r.serial_number).as_ref() == Some(&wanted))
}

/// A serial number as the app shows serials: certkit-x509's form, or as NCP wrote it when it
/// is not hex.
pub fn serial_text(serial_no: &str) -> String {
    certkit_x509::serial_from_text(serial_no).unwrap_or_else(|| serial_no.to_string())
}

impl CaCerts {
    /// Keys or site changed: nothing read describes the account now connected (what is shown
    /// and the page stay, and are read again).
    pub(super) fn forget_answers(&mut self) {
        self.list = Load::Idle;
        self.certs.clear();
        if self.revoke.as_ref().map(|r| &r.phase) != Some(&CommandPhase::Sending) {
            self.revoke = None;
        }
    }

    /// Show CA `ca_tag`'s certificates, or one of them (the CA is open already).
    pub(super) fn show(&mut self, ca_tag: String, serial_no: Option<String>) {
        if self.revoke.as_ref().is_some_and(|r| {
            r.phase != CommandPhase::Sending && Some(&r.serial_no) != serial_no.as_ref()
        }) {
            self.revoke = None;
        }
        self.shown = Some(CertsShown { ca_tag, serial_no });
    }

    fn shows_ca(&self, ca_tag: &str) -> bool {
        self.shown.as_ref().is_some_and(|s| s.ca_tag == ca_tag)
    }

    /// Page `page_no` of CA `ca_tag`'s certificates is being read.
    pub(super) fn list_loading(&mut self, ca_tag: &str, page_no: u32) {
        if self.shows_ca(ca_tag) {
            // A page or a failure shown had the button pressed; a first read has none.
            self.paging = match self.list {
                Load::Loaded(_) | Load::Failed(_) => true,
                Load::Loading => self.paging,
                Load::Idle => false,
            };
            self.page_no = page_no.max(1);
            self.list = Load::Loading;
        }
    }

    /// A page arrived; kept only if it is the page asked for, of the CA shown, on the site
    /// selected. Returns whether it replaced a page shown before (focus goes to the pager).
    pub(super) fn list_loaded(&mut self, page: EndCertPage, selected: SiteChoice) -> bool {
        if self.shows_ca(&page.ca_tag)
            && page.page_no == self.page_no
            && page.site == selected
            && self.list == Load::Loading
        {
            self.list = Load::Loaded(page);
            return std::mem::take(&mut self.paging);
        }
        false
    }

    /// Page `page_no` could not be read.
    pub(super) fn list_failed(&mut self, ca_tag: &str, page_no: u32, error: HelperError) {
        if self.shows_ca(ca_tag) && page_no == self.page_no && self.list == Load::Loading {
            self.list = Load::Failed(error);
        }
    }

    /// Certificate `serial_no` of CA `ca_tag` is being read.
    pub(super) fn cert_loading(&mut self, ca_tag: &str, serial_no: String) {
        if self.shows_ca(ca_tag) {
            self.certs.insert(serial_no, Load::Loading);
        }
    }

    /// Get End Cert answered for `serial_no`; kept only for the CA shown, on the site
    /// selected, while it is awaited.
    pub(super) fn cert_loaded(
        &mut self,
        ca_tag: &str,
        serial_no: &str,
        cert: EndCert,
        site: SiteChoice,
        selected: SiteChoice,
    ) {
        if !self.shows_ca(ca_tag) || site != selected {
            return;
        }
        if let Some(slot) = self.certs.get_mut(serial_no) {
            if *slot == Load::Loading {
                *slot = Load::Loaded(cert);
            }
        }
    }

    /// Get End Cert failed for `serial_no`.
    pub(super) fn cert_failed(&mut self, ca_tag: &str, serial_no: &str, error: HelperError) {
        if !self.shows_ca(ca_tag) {
            return;
        }
        if let Some(slot) = self.certs.get_mut(serial_no) {
            if *slot == Load::Loading {
                *slot = Load::Failed(error);
            }
        }
    }

    /// The certificate `serial_no` of CA `ca_tag`, as read.
    pub fn cert(&self, ca_tag: &str, serial_no: &str) -> Option<&EndCert> {
        match self.certs.get(serial_no) {
            Some(Load::Loaded(cert)) if self.shows_ca(ca_tag) => Some(cert),
            _ => None,
        }
    }

    fn sending(&self) -> bool {
        self.revoke
            .as_ref()
            .is_some_and(|r| r.phase == CommandPhase::Sending)
    }

    /// Whether Revoke End Cert may be sent for `serial_no` now: the certificate is read, its
    /// revocation was asked for and its CN typed, and nothing is in flight.
    pub fn may_revoke(&self, ca_tag: &str, serial_no: &str) -> bool {
        let Some(cert) = self.cert(ca_tag, serial_no) else {
            return false;
        };
        match &self.revoke {
            Some(PendingRevoke {
                ca_tag: asked_ca,
                serial_no: asked,
                phase: CommandPhase::Confirming { typed },
            }) => asked_ca == ca_tag && asked == serial_no && typed.trim() == revoke_word(cert),
            // A failed revocation is tried again as it was confirmed.
            Some(PendingRevoke {
                ca_tag: asked_ca,
                serial_no: asked,
                phase: CommandPhase::Failed(_),
            }) => asked_ca == ca_tag && asked == serial_no,
            _ => false,
        }
    }

    /// The user asked to revoke `serial_no`: ask for its CN.
    pub(super) fn revoke_asked(&mut self, ca_tag: String, serial_no: String) -> bool {
        if self.cert(&ca_tag, &serial_no).is_none() || self.sending() {
            return false;
        }
        self.revoke = Some(PendingRevoke {
            ca_tag,
            serial_no,
            phase: CommandPhase::Confirming {
                typed: String::new(),
            },
        });
        true
    }

    /// The user typed into the confirmation.
    pub(super) fn revoke_typed(&mut self, text: String) {
        if let Some(PendingRevoke {
            phase: CommandPhase::Confirming { typed },
            ..
        }) = &mut self.revoke
        {
            *typed = text;
        }
    }

    /// The user kept the certificate.
    pub(super) fn revoke_dismissed(&mut self) {
        if !self.sending() {
            self.revoke = None;
        }
    }

    /// Revoke End Cert left.
    pub(super) fn revoke_started(&mut self, ca_tag: String, serial_no: String) {
        self.revoke = Some(PendingRevoke {
            ca_tag,
            serial_no,
            phase: CommandPhase::Sending,
        });
    }

    fn is_sending(&self, ca_tag: &str, serial_no: &str) -> bool {
        self.revoke.as_ref().is_some_and(|r| {
            r.ca_tag == ca_tag && r.serial_no == serial_no && r.phase == CommandPhase::Sending
        })
    }

    /// NCP revoked it; returns whether this was the answer awaited (the caller then reads the
    /// CA's CRL again).
    pub(super) fn revoke_done(&mut self, ca_tag: String, serial_no: String) -> bool {
        if !self.is_sending(&ca_tag, &serial_no) {
            return false;
        }
        self.revoke = None;
        self.revoked = Some((ca_tag, serial_no));
        true
    }

    /// It failed: say why, keep the confirmation given, let the user try again. Returns
    /// whether this was the answer awaited.
    pub(super) fn revoke_failed(
        &mut self,
        ca_tag: &str,
        serial_no: &str,
        error: HelperError,
    ) -> bool {
        if !self.is_sending(ca_tag, serial_no) {
            return false;
        }
        if let Some(pending) = &mut self.revoke {
            pending.phase = CommandPhase::Failed(error);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action, AppState, CaView, Focus, Page, Route};
    use certkit_core::private_ca::CaDetail;
    use certkit_core::response::{CaInfo, Failure, FailureKind};

    fn failure() -> HelperError {
        HelperError::Failed(Failure::new(FailureKind::ServiceError, None, "no"))
    }

    fn page(ca_tag: &str, page_no: u32, current: i64, total: i64, serials: &[&str]) -> Action {
        Action::EndCertsLoaded(Box::new(EndCertPage {
            site: SiteChoice::Sandbox,
            ca_tag: ca_tag.into(),
            page_no,
            list: EndCertList {
                total_cnt: Some(serials.len() as i64),
                list_certs: serials.iter().map(|s| (*s).to_string()).collect(),
                total_page_no: Some(total),
                current_page_no: Some(current),
            },
        }))
    }

    fn end_cert(cn: &str, serial: &str) -> EndCert {
        EndCert {
            common_name: cn.into(),
            serial_no: serial.into(),
            not_after_date: Some(86_400_000 * 40),
            ..EndCert::default()
        }
    }

    fn open(ca_tag: &str, serial: Option<&str>) -> Action {
        Action::OpenCaCerts {
            ca_tag: ca_tag.into(),
            serial_no: serial.map(str::to_string),
        }
    }

    fn cert_loaded(s: &AppState, ca_tag: &str, serial: &str, cn: &str) -> AppState {
        let s = reduce(
            s,
            Action::EndCertLoading {
                ca_tag: ca_tag.into(),
                serial_no: serial.into(),
            },
        );
        reduce(
            &s,
            Action::EndCertLoaded {
                site: SiteChoice::Sandbox,
                ca_tag: ca_tag.into(),
                serial_no: serial.into(),
                cert: Box::new(end_cert(cn, serial)),
            },
        )
    }

    #[test]
    fn routes_of_the_certificates_go_there_and_back() {
        for (tag, serial) in [
            ("4b0bbe37-eeea93b8", None),
            ("4b0bbe37-eeea93b8", Some("5d:8a:01")),
            ("a b/ç", Some("x/y%")),
        ] {
            let shown = CertsShown {
                ca_tag: tag.into(),
                serial_no: serial.map(str::to_string),
            };
            let route = shown.route();
            assert_eq!(
                CertsShown::of_route(&route).as_ref(),
                Some(&shown),
                "{route}"
            );
            assert_eq!(
                Route::parse(&route),
                Some(Route::CaCerts(shown.clone())),
                "{route}"
            );
        }
        // Serial colons stay readable in the URL.
        let shown = CertsShown {
            ca_tag: "t".into(),
            serial_no: Some("5D:8A".into()),
        };
        assert_eq!(shown.route(), "#/cas/t/certs/5D:8A");
        for other in [
            "#/cas/t",
            "#/cas/t/",
            "#/cas/t/other",
            "#/cas//certs",
            "#/cas/t/certs/",
            "#/cas/t/certs/a/b",
            "#/certs",
        ] {
            assert_eq!(CertsShown::of_route(other), None, "{other}");
        }
        // The CA's own route is still the CA's.
        assert_eq!(Route::parse("#/cas/t"), Some(Route::Ca("t".into())));
        // The app starts on a certificate in the URL.
        let s = AppState::starting_at_route(Route::parse("#/cas/t/certs/5D:8A"));
        assert_eq!((s.page, s.cas.open.as_deref()), (Page::Cas, Some("t")));
        assert_eq!(s.route(), "#/cas/t/certs/5D:8A");
    }

    #[test]
    fn opening_the_certificates_keeps_the_ca_and_the_ca_s_route_leaves_them() {
        let s = reduce(&AppState::default(), Action::OpenCa("t".into()));
        let s = reduce(&s, Action::CaLoading("t".into()));
        let s = reduce(
            &s,
            Action::CaLoaded {
                ca_tag: "t".into(),
                view: Box::new(CaView {
                    site: SiteChoice::Sandbox,
                    ca: CaDetail {
                        ca_info: CaInfo {
                            ca_tag: "t".into(),
                            ..CaInfo::default()
                        },
                        ca_cert_info: None,
                    },
                    chain: Ok(String::new()),
                    crl: Ok(String::new()),
                }),
            },
        );
        let s = reduce(&s, open("t", None));
        assert_eq!(s.route(), "#/cas/t/certs");
        assert_eq!(s.focus, Some(Focus::CertsTitle));
        // The CA read stays read: its CRL tells which certificates are revoked.
        assert!(matches!(s.cas.detail, Load::Loaded(_)));
        let s = reduce(&s, Action::FocusTaken);
        let s = reduce(&s, open("t", Some("AA:01")));
        assert_eq!(s.route(), "#/cas/t/certs/AA:01");
        assert_eq!(s.focus, Some(Focus::CertTitle));
        // The CA's link leaves the certificates, and focus goes to the CA's title.
        let s = reduce(&s, Action::FocusTaken);
        let ca = reduce(&s, Action::OpenCa("t".into()));
        assert_eq!(
            (ca.route().as_str(), ca.focus),
            ("#/cas/t", Some(Focus::CaTitle))
        );
        assert!(matches!(ca.cas.detail, Load::Loaded(_)));
        // The nav's link leaves them for the list of CAs.
        let list = reduce(&s, Action::Navigate(Page::Cas));
        assert_eq!(
            (list.route().as_str(), &list.cas.certs.shown),
            ("#/cas", &None)
        );
        // Another CA's certificates: nothing of this one's is kept.
        let s = reduce(&s, page("t", 1, 1, 1, &["AA:01"]));
        let other = reduce(&s, open("u", None));
        assert_eq!(other.cas.certs.list, Load::Idle);
        assert_eq!(other.cas.detail, Load::Idle);
    }

    #[test]
    fn the_list_is_read_page_by_page_and_stale_answers_are_dropped() {
        let s = reduce(&AppState::default(), open("t", None));
        let loading = |s: &AppState, n| {
            reduce(
                s,
                Action::EndCertsLoading {
                    ca_tag: "t".into(),
                    page_no: n,
                },
            )
        };
        let s = loading(&s, 1);
        assert_eq!(s.cas.certs.list, Load::Loading);
        // Another CA's page is not this one's.
        assert_eq!(
            reduce(&s, page("u", 1, 1, 1, &["01"])).cas.certs.list,
            Load::Loading
        );
        let s = reduce(&s, page("t", 1, 1, 3, &["01", "02"]));
        let Load::Loaded(first) = &s.cas.certs.list else {
            panic!("page 1 shows")
        };
        // The first page read leaves focus where it is (on the title, from opening).
        assert_eq!(s.focus, Some(Focus::CertsTitle));
        assert!(first.has_next() && !first.page_ignored());
        assert_eq!(first.total_pages(), Some(3));
        // Page 2 asked; page 1's answer arriving late is not shown.
        let s = loading(&s, 2);
        assert_eq!(
            reduce(&s, page("t", 1, 1, 3, &["01"])).cas.certs.list,
            Load::Loading
        );
        // NCP ignored pageNo (undocumented for P6) and answered page 1: said.
        let ignored = reduce(&s, page("t", 2, 1, 3, &["01"]));
        let Load::Loaded(answer) = &ignored.cas.certs.list else {
            panic!("page shows")
        };
        assert!(answer.page_ignored());
        // A failure of page 2 says why; of page 1 (not asked now) nothing.
        let stale = reduce(
            &s,
            Action::EndCertsFailed {
                ca_tag: "t".into(),
                page_no: 1,
                error: failure(),
            },
        );
        assert_eq!(stale.cas.certs.list, Load::Loading);
        let failed = reduce(
            &s,
            Action::EndCertsFailed {
                ca_tag: "t".into(),
                page_no: 2,
                error: failure(),
            },
        );
        assert_eq!(failed.cas.certs.list, Load::Failed(failure()));
        // Page 0 is page 1; the last page has no next.
        assert_eq!(loading(&s, 0).cas.certs.page_no, 1);
        let last = reduce(&loading(&s, 3), page("t", 3, 3, 3, &["05"]));
        // The pager clicked was replaced by the skeleton meanwhile: focus goes back to it.
        assert_eq!(last.focus, Some(Focus::CertsPager));
        let Load::Loaded(last) = &last.cas.certs.list else {
            panic!("page 3 shows")
        };
        assert!(!last.has_next());
    }

    #[test]
    fn each_certificate_is_read_for_the_ca_and_site_shown() {
        let s = reduce(&AppState::default(), open("t", None));
        let s = cert_loaded(&s, "t", "01", "a.example");
        assert_eq!(
            s.cas.certs.cert("t", "01").map(|c| c.common_name.as_str()),
            Some("a.example")
        );
        // Not asked (no Loading first), another CA's, another site's: dropped.
        let unasked = reduce(
            &s,
            Action::EndCertLoaded {
                site: SiteChoice::Sandbox,
                ca_tag: "t".into(),
                serial_no: "02".into(),
                cert: Box::new(end_cert("b", "02")),
            },
        );
        assert!(unasked.cas.certs.cert("t", "02").is_none());
        let s = reduce(
            &s,
            Action::EndCertLoading {
                ca_tag: "t".into(),
                serial_no: "02".into(),
            },
        );
        let other_site = reduce(
            &s,
            Action::EndCertLoaded {
                site: SiteChoice::Gov,
                ca_tag: "t".into(),
                serial_no: "02".into(),
                cert: Box::new(end_cert("b", "02")),
            },
        );
        assert_eq!(other_site.cas.certs.certs.get("02"), Some(&Load::Loading));
        let failed = reduce(
            &s,
            Action::EndCertFailed {
                ca_tag: "t".into(),
                serial_no: "02".into(),
                error: failure(),
            },
        );
        assert_eq!(
            failed.cas.certs.certs.get("02"),
            Some(&Load::Failed(failure()))
        );
        // Switching keys or site forgets them (the view stays, to be read again).
        for change in [
            Action::SetSite(SiteChoice::Gov),
            Action::SetAccessKey("OTHER".into()),
        ] {
            let after = reduce(&failed, change);
            assert!(after.cas.certs.certs.is_empty());
            assert_eq!(after.cas.certs.list, Load::Idle);
            assert_eq!(after.route(), "#/cas/t/certs");
        }
    }

    #[test]
    fn a_revocation_waits_for_the_cn_typed_then_reads_the_crl_again() {
        let s = reduce(&AppState::default(), open("t", Some("0A:01")));
        // Not read yet: nothing to confirm.
        let early = reduce(
            &s,
            Action::RevokeAsk {
                ca_tag: "t".into(),
                serial_no: "0A:01".into(),
            },
        );
        assert_eq!(early.cas.certs.revoke, None);
        let s = cert_loaded(&s, "t", "0A:01", "app.example");
        assert!(!s.cas.certs.may_revoke("t", "0A:01"));
        let s = reduce(
            &s,
            Action::RevokeAsk {
                ca_tag: "t".into(),
                serial_no: "0A:01".into(),
            },
        );
        assert_eq!(s.focus, Some(Focus::RevokeConfirm));
        let typed = |s: &AppState, text: &str| reduce(s, Action::RevokeTyped(text.into()));
        for wrong in ["", "app", "APP.EXAMPLE", "0A:01"] {
            assert!(
                !typed(&s, wrong).cas.certs.may_revoke("t", "0A:01"),
                "{wrong}"
            );
        }
        let s = typed(&s, " app.example ");
        assert!(s.cas.certs.may_revoke("t", "0A:01"));
        assert!(!s.cas.certs.may_revoke("t", "0A:02"));
        // Keeping it closes the question.
        let kept = reduce(&s, Action::RevokeDismiss);
        assert_eq!(kept.cas.certs.revoke, None);
        assert!(!kept.cas.certs.may_revoke("t", "0A:01"));

        let started = |s: &AppState| {
            reduce(
                s,
                Action::RevokeStarted {
                    ca_tag: "t".into(),
                    serial_no: "0A:01".into(),
                },
            )
        };
        let s = started(&s);
        // Nothing else leaves, nor closes, while it is in flight.
        assert!(!s.cas.certs.may_revoke("t", "0A:01"));
        assert_eq!(
            reduce(&s, Action::RevokeDismiss).cas.certs.revoke,
            s.cas.certs.revoke
        );
        let failed = reduce(
            &s,
            Action::RevokeFailed {
                ca_tag: "t".into(),
                serial_no: "0A:01".into(),
                error: failure(),
            },
        );
        let phase = failed.cas.certs.revoke.as_ref().map(|r| r.phase.clone());
        assert_eq!(phase, Some(CommandPhase::Failed(failure())));
        assert_eq!(failed.focus, Some(Focus::RevokeFailed));
        // A failure of another certificate's revocation changes nothing.
        let stray = reduce(
            &s,
            Action::RevokeFailed {
                ca_tag: "t".into(),
                serial_no: "0A:02".into(),
                error: failure(),
            },
        );
        assert_eq!(stray.cas.certs.revoke, s.cas.certs.revoke);
        // Try again, as confirmed.
        assert!(failed.cas.certs.may_revoke("t", "0A:01"));
        // Another certificate's answer is not this one's.
        let other = reduce(
            &s,
            Action::RevokeDone {
                ca_tag: "t".into(),
                serial_no: "0A:02".into(),
            },
        );
        assert_eq!(other.cas.certs.revoked, None);
        let done = reduce(
            &s,
            Action::RevokeDone {
                ca_tag: "t".into(),
                serial_no: "0A:01".into(),
            },
        );
        assert_eq!(done.cas.certs.revoke, None);
        assert_eq!(done.cas.certs.revoked, Some(("t".into(), "0A:01".into())));
        assert_eq!(done.focus, Some(Focus::RevokeDone));
        // The CA (and with it its CRL) is read again.
        assert_eq!(done.cas.detail, Load::Idle);
        assert_eq!(done.route(), "#/cas/t/certs/0A:01");
        // A certificate without a CN is confirmed by its serial.
        let bare = reduce(&AppState::default(), open("t", Some("0B")));
        let bare = cert_loaded(&bare, "t", "0B", " ");
        let bare = reduce(
            &bare,
            Action::RevokeAsk {
                ca_tag: "t".into(),
                serial_no: "0B".into(),
            },
        );
        assert!(typed(&bare, "0B").cas.certs.may_revoke("t", "0B"));
    }

    #[test]
    fn revoke_end_cert_is_built_by_core_with_no_body() {
        let pending = PendingRevoke {
            ca_tag: "t".into(),
            serial_no: "0A:01".into(),
            phase: CommandPhase::Sending,
        };
        let operation: certkit_core::operation::Operation = pending.operation().into();
        assert_eq!(operation.path_and_query(), "/api/v1/ca/t/cert/0A:01/revoke");
        assert!(operation.validate().is_empty());
        assert!(operation.is_destructive());
    }

    /// int.crl.pem of certkit-x509's fixtures, made by openssl (`openssl ca -gencrl` in their
    /// make.sh): `openssl crl -text` (int.crl.openssl.txt) lists one revoked serial, 0DEAD0.
    const CRL: &str = include_str!("../../../crates/x509/tests/fixtures/int.crl.pem");

    #[test]
    fn the_crl_tells_which_serial_is_revoked_whatever_its_writing() {
        let crl = crate::pem::first_crl(CRL, 0).expect("the fixture reads");
        for listed in ["0D:EA:D0", "0d:ea:d0", "00:0D:EA:D0"] {
            let entry = crl_entry(&crl, listed).map(|e| e.serial_number.as_str());
            assert_eq!(entry, Some("0D:EA:D0"), "{listed}");
        }
        for other in ["0D:EA:D1", "DE:AD", "", "not hex"] {
            assert_eq!(crl_entry(&crl, other), None, "{other}");
        }
        assert_eq!(serial_text("0d:ea:d0"), "0D:EA:D0");
        assert_eq!(serial_text("n/a"), "n/a");
    }
}
