//! Keys and credentials: the site requests go to, and the access and secret keys that sign them.

pub use certkit_core::secret::Secret;

/// Where requests go: the offline sandbox mounted by the proxy, or one of NCP's sites.
/// Serialises as its [`SiteChoice::id`] (history in sessionStorage; a test keeps them equal).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// Site and keys. Keys live here, in memory; the page stores them in sessionStorage only when
/// `remember` is set, never in localStorage. `Debug` redacts the secret key ([`Secret`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connection {
    /// Where requests go.
    pub site: SiteChoice,
    /// NCP access key.
    pub access_key: String,
    /// NCP secret key; used only to compute signatures in this page.
    pub secret_key: Secret,
    /// "Remember for this tab" (sessionStorage).
    pub remember: bool,
}

impl Connection {
    /// Keys restored from sessionStorage: they were stored because "remember" was on.
    pub(super) fn restored(site: SiteChoice, access_key: String, secret_key: Secret) -> Self {
        Connection {
            site,
            access_key,
            secret_key,
            remember: true,
        }
    }

    /// Both keys at once (the sandbox's demo keys), for the site selected.
    pub(super) fn set_keys(&mut self, access_key: String, secret_key: Secret) {
        self.access_key = access_key;
        self.secret_key = secret_key;
    }

    /// Whether both keys are there to sign with.
    pub fn has_keys(&self) -> bool {
        !self.access_key.trim().is_empty() && !self.secret_key.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use crate::state::{reduce, Action, AppState, SiteChoice};

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
    fn demo_keys_fill_the_connection_and_nothing_is_remembered_by_default() {
        let s = reduce(
            &AppState::default(),
            Action::DemoKeysLoaded {
                access_key: "AK".into(),
                secret_key: "SK".into(),
            },
        );
        assert_eq!(s.connection.access_key, "AK");
        assert_eq!(s.connection.secret_key.expose(), "SK");
        assert!(!s.connection.remember);
        assert!(s.connection.has_keys());
    }

    #[test]
    fn restored_keys_are_remembered_again() {
        let s = reduce(
            &AppState::default(),
            Action::RestoreKeys {
                site: SiteChoice::Public,
                access_key: "AK".into(),
                secret_key: "SK".into(),
            },
        );
        assert_eq!(s.connection.site, SiteChoice::Public);
        assert!(s.connection.remember);
        let s = reduce(&s, Action::SetAccessKey("  ".into()));
        assert!(!s.connection.has_keys());
    }
}
