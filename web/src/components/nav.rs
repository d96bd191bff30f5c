//! The page list.

use yew::prelude::*;

use super::use_store;
use crate::i18n::Msg;
use crate::state::{Action, Page, Phase};

const PAGES: [(Page, Msg); 6] = [
    (Page::Connection, Msg::NavConnection),
    (Page::IssueEndCert, Msg::NavIssue),
    (Page::ActivateSubCa, Msg::NavActivate),
    (Page::RequestIssuance, Msg::NavRequest),
    (Page::Inspect, Msg::NavInspect),
    (Page::History, Msg::NavHistory),
];

/// Navigation between pages; a dot marks a page with a request in flight.
#[function_component(Nav)]
pub fn nav() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let busy = |page: Page| {
        crate::state::Op::ALL.iter().any(|op| {
            op.page() == page && matches!(store.exchange(*op).phase, Phase::Sending { .. })
        })
    };
    html! {
        <nav class="main-nav" aria-label={Msg::MainNav.text(lang)}>
            <ul>
                { for PAGES.iter().map(|(page, label)| {
                    let current = store.page == *page;
                    let onclick = {
                        let store = store.clone();
                        let page = *page;
                        Callback::from(move |_| store.dispatch(Action::Navigate(page)))
                    };
                    html! {
                        <li>
                            <button type="button" class={classes!("nav-item", current.then_some("current"))}
                                aria-current={current.then_some("page")} {onclick}
                                data-page={format!("{page:?}")}>
                                { label.text(lang) }
                                if busy(*page) { <span class="busy-dot" aria-hidden="true"></span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
