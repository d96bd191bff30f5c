//! The components, one per file. Each reads the app state from the [`Store`] context and
//! changes it only through actions.

pub mod activate_checks;
pub mod activate_sub_ca_result;
pub mod app;
pub mod button;
pub mod ca_actions;
pub mod ca_detail;
pub mod ca_status_badge;
pub mod ca_tag_input;
pub mod ca_wizard;
pub mod ca_wizard_poll;
pub mod cas_page;
pub mod cert_card;
pub mod certificate_detail;
pub mod certificates_page;
pub mod chain_view;
pub mod connection_page;
pub mod copy_button;
pub mod dcv_panel;
pub mod dcv_records;
pub mod download_button;
pub mod form_field;
pub mod helper_error;
pub mod history_page;
pub mod inspect_page;
pub mod issue_end_cert_result;
pub mod kv;
pub mod nav;
pub mod operation_page;
pub mod outcome_summary;
pub mod own_key_csr;
pub mod own_key_encrypt;
pub mod own_key_panel;
pub mod pem_input;
pub mod preview;
pub mod private_key_card;
pub mod request_certificate_issuance_result;
pub mod response_panel;
pub mod results;
pub mod sending_status;
pub mod table;
pub mod text;
pub mod typed_confirm;
pub mod warn_days_input;
// issue 13, point 3: the certificates of a CA
pub mod ca_certs_page;
pub mod end_cert_detail;
pub mod pager;
pub mod revoke_end_cert;

use certkit_x509::{Error as X509Error, Outcome};
use yew::prelude::*;

use crate::i18n::{Lang, Msg};
use crate::pem::{self, KeyMatchState};
use crate::state::AppState;

/// The app state handle shared through context, with the revision of the state it was made
/// with.
#[derive(Clone)]
pub struct Store {
    handle: UseReducerHandle<AppState>,
    revision: u64,
}

impl Store {
    /// The handle of the app's `use_reducer`, as it is now.
    pub fn new(handle: UseReducerHandle<AppState>) -> Self {
        let revision = handle.revision();
        Store { handle, revision }
    }
}

impl std::ops::Deref for Store {
    type Target = UseReducerHandle<AppState>;

    fn deref(&self) -> &Self::Target {
        &self.handle
    }
}

/// Made from the same state: every action gives a new revision, so the context tells its
/// consumers of each new state without comparing states field by field (which
/// `UseReducerHandle`'s own `PartialEq` does on every render of the app; its code was 9 kB of
/// the wasm).
impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

/// The store from context. The app always provides it; a component outside it renders
/// nothing rather than panicking.
#[hook]
pub fn use_store() -> Option<Store> {
    use_context::<Store>()
}

/// The answer of a certkit-x509 `_with` call made with the app's verdicts
/// (`&|check| store.verdicts.get(check)`), or `None` while it needs more: WebCrypto is asked
/// for them here, and their arrival renders the view again, when the same call is done.
pub fn answered<T>(store: &Store, outcome: Outcome<T>) -> Option<T> {
    match outcome {
        Outcome::Done(value) => Some(value),
        Outcome::NeedVerdicts(checks) => {
            crate::webcrypto::ask_verdicts(checks, store.dispatcher());
            None
        }
    }
}

/// Whether the first private key in `key` belongs to the first certificate in `certificate`
/// (see `pem::key_match`), or `None` while WebCrypto derives the public point of an EC key that
/// does not carry it: it is asked for here, and its arrival renders the view again.
pub fn key_match(store: &Store, key: &str, certificate: &str) -> Option<Result<bool, X509Error>> {
    match pem::key_match(key, certificate, &store.public_points) {
        KeyMatchState::Known(answer) => Some(answer),
        KeyMatchState::NeedsPoint { id, curve, pkcs8 } => {
            crate::webcrypto::ask_public_point(id, curve, pkcs8, store.dispatcher());
            None
        }
    }
}

/// What stands in for a result while WebCrypto checks its signatures (milliseconds, as a
/// rule). It has no id: the result's own elements appear only once it is known.
pub fn checking_signatures(lang: Lang) -> Html {
    html! {
        <p class="status checking-signatures" role="status">{ Msg::CheckingSignatures.text(lang) }</p>
    }
}

/// `<p class="help">{text}</p>`, a view's help line. Built here once, not inline in each view
/// by `html!` (wasm size).
pub fn help(text: impl Into<Html>) -> Html {
    help_html(text.into())
}

#[inline(never)]
fn help_html(text: Html) -> Html {
    html! { <p class="help">{ text }</p> }
}

/// `<progress aria-label={label}></progress> {label}`: an indeterminate bar and what it waits
/// for. Built here once, not inline in each view (wasm size).
#[inline(never)]
pub fn progress_text(label: &'static str) -> Html {
    html! { <><progress aria-label={label}></progress>{ " " }{ label }</> }
}

/// A link's click, handled by the app: a plain click dispatches `action`, and the app puts the
/// new page's route in the URL itself (the route effect in app.rs). Following the link's `href`
/// as well would race that effect, and whether the app or the browser set the hash would
/// depend on timing (which also made the start-up profile that splits the wasm vary, see
/// xtask/src/app_split.rs). A click with a modifier key (a new tab or window) is left to the
/// browser.
pub fn follow_link(store: &Store, action: crate::state::Action) -> Callback<MouseEvent> {
    let store = store.clone();
    Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
            return;
        }
        e.prevent_default();
        store.dispatch(action.clone())
    })
}

/// A callback that dispatches `action` to the store, whatever its event says. One closure
/// for every such callback instead of one per call site (wasm size).
pub fn dispatch_on<E>(store: &Store, action: crate::state::Action) -> Callback<E> {
    let store = store.clone();
    Callback::from(move |_| store.dispatch(action.clone()))
}
