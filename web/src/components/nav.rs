//! The page list.

use yew::prelude::*;

use super::use_store;
use crate::i18n::Msg;
use crate::state::{Action, Page, APP_OPERATIONS};

/// The pages in navigation order.
const PAGES: [Page; 6] = [
    Page::Connection,
    Page::IssueEndCert,
    Page::ActivateSubCa,
    Page::RequestIssuance,
    Page::Inspect,
    Page::History,
];

/// A page's name: in the navigation, as the title of its page, and for its operation in
/// History.
pub fn page_title(page: Page) -> Msg {
    match page {
        Page::Connection => Msg::NavConnection,
        Page::IssueEndCert => Msg::NavIssue,
        Page::ActivateSubCa => Msg::NavActivate,
        Page::RequestIssuance => Msg::NavRequest,
        Page::Inspect => Msg::NavInspect,
        Page::History => Msg::NavHistory,
    }
}

/// Navigation between pages; a dot marks a page with a request in flight.
#[function_component(Nav)]
pub fn nav() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let busy = |page: Page| {
        APP_OPERATIONS
            .into_iter()
            .any(|op| Page::of(op) == Some(page) && store.exchange(op).sending().is_some())
    };
    html! {
        <nav class="main-nav" aria-label={Msg::MainNav.text(lang)}>
            <ul>
                { for PAGES.iter().map(|page| {
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
                                { page_title(*page).text(lang) }
                                if busy(*page) { <span class="busy-dot" aria-hidden="true"></span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
