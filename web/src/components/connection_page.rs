//! Site and keys.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::helper_error;
use super::text;
use super::use_store;
use super::{dispatch_on, follow_link};
use crate::browser;
use crate::i18n::{duration_text, Msg};
use crate::send;
use crate::state::{Action, Load, Page, SiteChoice};

fn site_label(site: SiteChoice) -> Msg {
    match site {
        SiteChoice::Sandbox => Msg::SiteSandbox,
        SiteChoice::Public => Msg::SitePublic,
        SiteChoice::Gov => Msg::SiteGov,
        SiteChoice::Fin => Msg::SiteFin,
    }
}

/// The Connection page.
#[function_component(ConnectionPage)]
pub fn connection_page() -> Html {
    let show_secret = use_state(|| false);
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let c = &store.connection;
    let text_input = |make: fn(String) -> Action| {
        let store = store.clone();
        Callback::from(move |e: InputEvent| store.dispatch(make(browser::target_value(&e))))
    };
    let on_remember = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            store.dispatch(Action::SetRemember(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    let masks = browser::supports_css("-webkit-text-security", "disc");
    let demo_loading = store.loads.demo_keys == Load::Loading;
    let on_demo = {
        let dispatcher = store.dispatcher();
        // aria-disabled rather than disabled while loading: a disabled button drops focus.
        Callback::from(move |_| {
            if !demo_loading {
                send::load_demo_keys(dispatcher.clone())
            }
        })
    };
    let next = follow_link(&store, Action::Navigate(Page::IssueEndCert));
    let toggle_secret = {
        let show_secret = show_secret.clone();
        Callback::from(move |_| show_secret.set(!*show_secret))
    };
    let reset_clock = dispatch_on(&store, Action::SetClockOffset(0));
    html! {
        <section class="page" aria-labelledby="connection-title">
            <h1 id="connection-title">{ Msg::NavConnection.text(lang) }</h1>
            <fieldset class="sites">
                { text::legend(Msg::SiteLabel.text(lang)) }
                { for SiteChoice::ALL.iter().map(|site| {
                    let onchange = {
                        let store = store.clone();
                        let site = *site;
                        Callback::from(move |_| store.dispatch(Action::SetSite(site)))
                    };
                    let id = format!("site-{}", site.id());
                    html! {
                        <div class="radio">
                            <input type="radio" name="site" id={id.clone()} value={site.id()}
                                checked={c.site == *site} {onchange} />
                            <label for={id}>{ site_label(*site).text(lang) }</label>
                        </div>
                    }
                }) }
            </fieldset>
            <p class="note secret-note" role="note">
                { Msg::SecretNote.text(lang) }
            </p>
            if c.site == SiteChoice::Sandbox {
                <div class="demo-keys">
                    <button type="button" id="use-demo-keys" onclick={on_demo}
                        aria-disabled={demo_loading.then_some("true")}>
                        { Msg::UseDemoKeys.text(lang) }
                    </button>
                    <span aria-live="polite" class="status">
                        if store.loads.demo_keys == Load::Loaded(()) { { Msg::DemoKeysLoaded.text(lang) } }
                    </span>
                    if let Load::Failed(error) = &store.loads.demo_keys {
                        { helper_error::notice(Msg::DemoKeysFailed, error.clone()) }
                    }
                </div>
            }
            <div class="field">
                <label for="access-key">{ Msg::AccessKeyLabel.text(lang) }</label>
                <input id="access-key" type="text" autocomplete="off" spellcheck="false"
                    data-lpignore="true" data-bwignore="true" data-form-type="other"
                    value={c.access_key.clone()} oninput={text_input(Action::SetAccessKey)} />
            </div>
            <div class="field">
                <label for="secret-key">{ Msg::SecretKeyLabel.text(lang) }</label>
                <div class="with-button">
                    // A text input masked by CSS, not type=password: password managers offer to
                    // capture (and sync) every password field, and this key must stay here. A
                    // browser without that CSS gets a password field rather than the key in
                    // clear.
                    <input id="secret-key" type={if *show_secret || masks { "text" } else { "password" }}
                        class={classes!((!*show_secret && masks).then_some("masked"))}
                        autocomplete="off" spellcheck="false" aria-describedby="secret-help"
                        data-lpignore="true" data-bwignore="true" data-form-type="other"
                        value={c.secret_key.expose().to_string()} oninput={text_input(|text: String| Action::SetSecretKey(text.into()))} />
                    <button type="button" class="small" onclick={toggle_secret}
                        aria-pressed={show_secret.to_string()}>
                        { if *show_secret { Msg::HideSecret.text(lang) } else { Msg::ShowSecret.text(lang) } }
                    </button>
                </div>
                <p id="secret-help" class="help">{ Msg::KeysInMemory.text(lang) }</p>
            </div>
            <div class="checkbox">
                <input id="remember" type="checkbox" checked={c.remember} onchange={on_remember} />
                <label for="remember">{ Msg::RememberLabel.text(lang) }</label>
            </div>
            if c.has_keys() {
                <p class="next-step">
                    { Msg::KeysReady.text(lang) }{ " " }
                    <a id="connection-next" href={Page::IssueEndCert.route()} onclick={next}>
                        { Msg::NavIssue.text(lang) }{ " →" }
                    </a>
                </p>
            }
            if store.clock_offset_ms != 0 {
                <p class="note">
                    { Msg::ClockOffsetNote.text(lang) }{ " " }
                    { if store.clock_offset_ms > 0 { "+" } else { "−" } }
                    { duration_text(lang, store.clock_offset_ms) }{ " " }
                    <button type="button" class="small" onclick={reset_clock}>{ Msg::ResetClock.text(lang) }</button>
                </p>
            }
        </section>
    }
}
