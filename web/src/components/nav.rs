//! The page list, grouped by service.

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::follow_link;
use super::use_store;
use crate::i18n::Msg;
use crate::send;
use crate::state::{Action, Page, APP_OPERATIONS};

/// The navigation's groups: a heading (none for Connection) and its pages, in order.
const GROUPS: [(Option<Msg>, &[Page]); 4] = [
    (None, &[Page::Connection]),
    (
        Some(Msg::GroupPrivateCa),
        &[
            Page::Cas,
            Page::IssueEndCert,
            Page::IssueOwnKey,
            Page::ActivateSubCa,
        ],
    ),
    (
        Some(Msg::GroupCertificateManager),
        &[Page::Certificates, Page::RequestIssuance],
    ),
    (Some(Msg::GroupTools), &[Page::Inspect, Page::History]),
];

/// A page's name: in the navigation, as the title of its page, and for its operation in
/// History.
pub fn page_title(page: Page) -> Msg {
    match page {
        Page::Connection => Msg::NavConnection,
        Page::Cas => Msg::NavCas,
        Page::IssueEndCert => Msg::NavIssue,
        Page::ActivateSubCa => Msg::NavActivate,
        Page::RequestIssuance => Msg::NavRequest,
        Page::Inspect => Msg::NavInspect,
        Page::History => Msg::NavHistory,
        Page::IssueOwnKey => Msg::NavOwnKey,
        Page::Certificates => Msg::NavCertificates,
    }
}

/// Navigation between pages: links to each page's route (so Back, Forward and a reload
/// work), a dot on a page with a request in flight, and a mark on an operation the selected
/// site does not offer.
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
    let not_offered = |page: Page| {
        page.operation()
            .or((page == Page::Certificates).then_some(OperationKind::ListCloudCertificates))
            .is_some_and(|op| send::offered(store.connection.site, op).is_err())
    };
    let item = |page: &Page| {
        let page = *page;
        let current = store.page == page;
        let onclick = follow_link(&store, Action::Navigate(page));
        html! {
            <li>
                <a href={page.route()} class={classes!("nav-item", current.then_some("current"), not_offered(page).then_some("unavailable"))}
                    aria-current={current.then_some("page")} {onclick}
                    data-page={format!("{page:?}")}>
                    { page_title(page).text(lang) }
                    if not_offered(page) {
                        <span class="nav-note">{ Msg::NavNotOffered.text(lang) }</span>
                    }
                    if busy(page) { <span class="busy-dot" aria-hidden="true"></span> }
                </a>
            </li>
        }
    };
    html! {
        <nav class="main-nav" aria-label={Msg::MainNav.text(lang)}>
            <ul class="nav-groups">
                { for GROUPS.iter().map(|(heading, pages)| html! {
                    <li class="nav-group">
                        if let Some(heading) = heading {
                            <span class="nav-group-title" aria-hidden="true">{ heading.text(lang) }</span>
                        }
                        <ul aria-label={heading.map(|h| h.text(lang))}>
                            { for pages.iter().map(item) }
                        </ul>
                    </li>
                }) }
            </ul>
        </nav>
    }
}
