//! The root: state, context, header, navigation and the page shown.

use yew::prelude::*;

use super::connection_page::ConnectionPage;
use super::dispatch_on;
use super::history_page::HistoryPage;
use super::nav::Nav;
use super::operation_page::OperationPage;
use super::text;
use super::Store;
use crate::browser;
use crate::i18n::{Lang, Msg};
use crate::state::{
    history, read_saved_forms, saved_forms, Action, AppState, Page, Route, SiteChoice,
};

/// sessionStorage keys ("remember for this tab"; never localStorage).
const SESSION_SITE: &str = "certkit.site";
const SESSION_ACCESS: &str = "certkit.accessKey";
const SESSION_SECRET: &str = "certkit.secretKey";
/// The forms' values, so that a reload keeps what was typed in this tab (no secret: keys are
/// stored only with "remember", above).
const SESSION_FORMS: &str = "certkit.forms";

/// The header's context chip: the site and the access key's first characters (never the
/// secret), linking to Connection.
fn context_chip(store: &AppState) -> Html {
    let lang = store.lang;
    let c = &store.connection;
    let site = match c.site {
        SiteChoice::Sandbox => Msg::ChipSandbox,
        SiteChoice::Public => Msg::ChipPublic,
        SiteChoice::Gov => Msg::ChipGov,
        SiteChoice::Fin => Msg::ChipFin,
    };
    let key: String = c.access_key.trim().chars().take(4).collect();
    let key = if c.has_keys() {
        format!("{key}…")
    } else {
        Msg::ChipNoKeys.text(lang).to_string()
    };
    html! {
        <a class={classes!("context-chip", (!c.has_keys()).then_some("missing"))} id="context-chip"
            href={Page::Connection.route()} title={Msg::ChipTitle.text(lang)}>
            <span class="chip-site">{ site.text(lang) }</span>{ " · " }{ text::code(key) }
        </a>
    }
}
/// History (no private keys, no secret: `state::history::to_json`), so a reload keeps it.
const SESSION_HISTORY: &str = "certkit.history";

/// The app.
#[function_component(App)]
pub fn app() -> Html {
    // The page in the URL (a reload, a bookmark) is the first page shown.
    let store = Store::new(use_reducer(|| {
        AppState::starting_at_route(Route::parse(&browser::location_hash()))
    }));

    // The route the app shows, as the effect below last put it in the URL.
    let shown_route = use_mut_ref(String::new);
    {
        // Back/Forward, a typed URL or a link change the page.
        let dispatcher = store.dispatcher();
        let shown_route = shown_route.clone();
        use_effect_with((), move |_| {
            let listener = browser::on_hash_change(move |hash| {
                if let Some(action) = Route::action_for_hash(&hash, &shown_route.borrow()) {
                    dispatcher.dispatch(action);
                }
            });
            move || drop(listener)
        });
    }
    {
        // Each page shown gets its own history entry (a link in the nav has set it already);
        // a URL without a page's route is corrected in place, so Back still leaves the app.
        // (A CA's detail on the CAs page has its own: `#/cas/{caTag}`.)
        use_effect_with(store.route(), move |route| {
            shown_route.replace(route.clone());
            let hash = browser::location_hash();
            if Route::parse(&hash).is_none() {
                browser::replace_location_hash(route);
            } else if hash != *route {
                browser::set_location_hash(route);
            }
        });
    }
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            if let Some(saved) = browser::session_get(SESSION_FORMS) {
                dispatcher.dispatch(Action::RestoreForms(read_saved_forms(&saved)));
            }
            let site = browser::session_get(SESSION_SITE).and_then(|s| SiteChoice::from_id(&s));
            let access = browser::session_get(SESSION_ACCESS);
            let secret = browser::session_get(SESSION_SECRET);
            if let (Some(site), Some(access_key), Some(secret_key)) = (site, access, secret) {
                dispatcher.dispatch(Action::RestoreKeys {
                    site,
                    access_key,
                    secret_key: secret_key.into(),
                });
            }
        });
    }
    {
        let connection = store.connection.clone();
        use_effect_with(connection, |c| {
            let remember =
                |key, value: &str| browser::session_set(key, c.remember.then_some(value));
            remember(SESSION_SITE, c.site.id());
            remember(SESSION_ACCESS, &c.access_key);
            remember(SESSION_SECRET, c.secret_key.expose());
        });
    }
    {
        use_effect_with(saved_forms(&store), |forms| {
            browser::session_set(SESSION_FORMS, Some(forms));
        });
    }
    {
        // Focus goes where the last action asked, now that it is on screen.
        let dispatcher = store.dispatcher();
        use_effect_with(store.focus, move |focus| {
            if let Some(focus) = focus {
                browser::focus_and_reveal(&focus.element_id());
                dispatcher.dispatch(Action::FocusTaken);
            }
        });
    }
    {
        // issue 18: the first run reads the stored history back; later runs (history changed)
        // write it, and clearing it removes the entry.
        let restored = use_mut_ref(|| false);
        let dispatcher = store.dispatcher();
        use_effect_with(store.history.clone(), move |history| {
            if !std::mem::replace(&mut *restored.borrow_mut(), true) {
                let stored = browser::session_get(SESSION_HISTORY).map(|t| history::from_json(&t));
                if let Some(entries) = stored.filter(|e| !e.is_empty()) {
                    dispatcher.dispatch(Action::RestoreHistory(entries));
                }
                return;
            }
            let json = (!history.is_empty()).then(|| history::to_json(history));
            browser::session_set(SESSION_HISTORY, json.as_deref());
        });
    }
    // issue 18: the nav scrolls sideways at 375 px; keep the current page's item in view.
    use_effect_with((store.page, store.lang), |_| {
        browser::reveal_current_nav_item()
    });
    {
        use_effect_with(store.lang, |lang| {
            let root = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element());
            if let Some(root) = root {
                let _ = root.set_attribute("lang", lang.code());
            }
        });
    }

    let lang = store.lang;
    let set_lang = |to: Lang| dispatch_on(&store, Action::SetLang(to));
    let page = match (store.page, store.page.operation()) {
        (_, Some(op)) => html! { <OperationPage {op} /> },
        (Page::Cas, None) => html! { <super::cas_page::CasPage /> },
        (Page::Inspect, None) => html! { <super::inspect_page::InspectPage /> },
        (Page::History, None) => html! { <HistoryPage /> },
        (Page::Certificates, None) => {
            html! { <super::certificates_page::CertificatesPage /> }
        }
        (_, None) => html! { <ConnectionPage /> },
    };
    html! {
        <ContextProvider<Store> context={store.clone()}>
            <a class="skip-link" href="#main">{ Msg::SkipToContent.text(lang) }</a>
            <header class="site-header">
                <div class="brand">
                    <span class="logo" aria-hidden="true">{ "✓" }</span>
                    <div>
                        <p class="app-name">{ Msg::AppName.text(lang) }</p>
                        <p class="tagline">{ Msg::Tagline.text(lang) }</p>
                    </div>
                </div>
                { context_chip(&store) }
                <div class="lang-switch" role="group" aria-label={Msg::LanguageLabel.text(lang)}>
                    <button type="button" lang="en" aria-pressed={(lang == Lang::En).to_string()}
                        onclick={set_lang(Lang::En)}>{ "English" }</button>
                    <button type="button" lang="ko" aria-pressed={(lang == Lang::Ko).to_string()}
                        onclick={set_lang(Lang::Ko)}>{ "한국어" }</button>
                </div>
            </header>
            <Nav />
            <main id="main" tabindex="-1">
                { page }
            </main>
        </ContextProvider<Store>>
    }
}
