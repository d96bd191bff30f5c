//! Loadables: what the helpers fetch for convenience beside the forms (the CA list of the
//! caTag picker, the sandbox's demo keys, the sandbox's "sign the pending CA's CSR" helper, the
//! DNS records of a requested certificate), each with its loading state.

use certkit_core::certificate_manager::DnsVerification;
use certkit_core::response::{CaInfo, Failure};

use super::Refusal;
use super::SiteChoice;

/// Loading state of something fetched for convenience.
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

/// Everything the helpers fetched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loadables {
    /// CAs listed (Get CA List's `caInfo`s) for the caTag picker, for the site they were
    /// listed on.
    pub ca_list: Load<(SiteChoice, Vec<CaInfo>)>,
    /// The sandbox "sign the pending CA's CSR" helper: the CA tag it filled in.
    pub sandbox_helper: Load<String>,
    /// The sandbox's demo keys request.
    pub demo_keys: Load<()>,
    /// Reading the DNS records of a requested certificate.
    pub verification: Load<()>,
    /// The DNS records last read (kept on screen while they are read again, and after a
    /// failed re-read).
    pub dns_records: Option<Verification>,
}

impl Loadables {
    /// The site changed: what came from the old one is dropped (the demo keys' state stays:
    /// the keys are in the connection).
    pub(super) fn forget_site(&mut self) {
        *self = Loadables {
            demo_keys: std::mem::take(&mut self.demo_keys),
            ..Loadables::default()
        };
    }

    /// The CA list of `site` arrived; an answer for a site no longer selected is stale.
    pub(super) fn ca_list_loaded(
        &mut self,
        site: SiteChoice,
        selected: SiteChoice,
        list: Vec<CaInfo>,
    ) {
        if site == selected {
            self.ca_list = Load::Loaded((site, list));
        }
    }

    /// DNS records arrived.
    pub(super) fn verification_loaded(&mut self, verification: Verification) {
        self.verification = Load::Loaded(());
        self.dns_records = Some(verification);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action, AppState};

    #[test]
    fn switching_site_drops_the_stale_ca_list() {
        let tagged = CaInfo {
            ca_tag: "t".into(),
            ..CaInfo::default()
        };
        let s = reduce(
            &AppState::default(),
            Action::CaListLoaded(SiteChoice::Sandbox, vec![tagged]),
        );
        assert!(matches!(s.loads.ca_list, Load::Loaded(_)));
        let s = reduce(&s, Action::SetSite(SiteChoice::Gov));
        assert_eq!(s.loads.ca_list, Load::Idle);
        let s = reduce(&s, Action::CaListLoaded(SiteChoice::Sandbox, Vec::new()));
        assert_eq!(s.loads.ca_list, Load::Idle);
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
        assert_eq!(s.loads.verification, Load::Loading);
        let s = reduce(&s, Action::VerificationLoaded(found.clone()));
        assert_eq!(s.loads.verification, Load::Loaded(()));
        assert_eq!(s.loads.dns_records.as_ref(), Some(&found));
        // A failed re-read says so and keeps the records received before.
        let s = reduce(&s, Action::VerificationLoading);
        let failure = HelperError::CertificateNotListed("e2e-cert".into());
        let failed = reduce(&s, Action::VerificationFailed(failure.clone()));
        assert_eq!(failed.loads.verification, Load::Failed(failure));
        assert_eq!(failed.loads.dns_records.as_ref(), Some(&found));
        let s = reduce(&failed, Action::SetSite(SiteChoice::Public));
        let loads = s.loads;
        assert_eq!((loads.verification, loads.dns_records), (Load::Idle, None));
    }

    #[test]
    fn the_sandbox_helper_notice_goes_when_another_ca_is_typed() {
        use certkit_core::operation::OperationKind::ActivateSubCa;
        let s = reduce(
            &AppState::default(),
            Action::SandboxHelperDone {
                ca_tag: "pending-1".into(),
                cert_pem: "C".into(),
                ca_chain_pem: "R".into(),
            },
        );
        assert_eq!(s.loads.sandbox_helper, Load::Loaded("pending-1".into()));
        let type_tag = |s: &AppState, value: &str| {
            reduce(
                s,
                Action::SetField {
                    op: ActivateSubCa,
                    field: "caTag".into(),
                    value: value.into(),
                },
            )
        };
        let same = type_tag(&s, "pending-1");
        assert_eq!(same.loads.sandbox_helper, Load::Loaded("pending-1".into()));
        let other = type_tag(&s, "pending-2");
        assert_eq!(other.loads.sandbox_helper, Load::Idle);
    }

    #[test]
    fn a_new_issuance_request_drops_the_old_dns_records() {
        use crate::state::test_support::start;
        use certkit_core::operation::OperationKind::RequestCertificateIssuance;
        let found = Verification {
            request_sn: "sn-1".into(),
            ..Verification::default()
        };
        let s = reduce(&AppState::default(), Action::VerificationLoaded(found));
        let s = start(&s, RequestCertificateIssuance, 2);
        assert_eq!(
            (s.loads.verification, s.loads.dns_records),
            (Load::Idle, None)
        );
    }

    #[test]
    fn switching_site_keeps_the_demo_keys_state() {
        let s = reduce(&AppState::default(), Action::DemoKeysLoading);
        let s = reduce(&s, Action::SetSite(SiteChoice::Public));
        assert_eq!(s.loads.demo_keys, Load::Loading);
    }
}
