//! The CAs page: every CA of the account, a page of Get CA List at a time, each with its
//! status, type, alias, CN, days until it expires and how many certificates it signed; a row
//! opens the CA's detail ([`super::ca_detail`]) at `#/cas/{caTag}`.

use certkit_core::operation::OperationKind;
use certkit_core::private_ca::CaDetail;
use yew::prelude::*;

use super::button::button;
use super::ca_detail::CaDetailView;
use super::ca_status_badge::{type_text, CaStatusBadge};
use super::cert_card::validity_class;
use super::follow_link;
use super::help;
use super::helper_error;
use super::pager::Pager;
use super::table;
use super::text;
use super::{use_store, Store};
use crate::browser;
use crate::i18n::{Lang, Msg};
use crate::send;
use crate::state::{
    ca_route, days_until, Action, CaListPage, HelperError, Load, Page, NEW_CA_ROUTE,
};

/// A loading placeholder: what is being read, and grey rows where it will show.
pub fn skeleton(lang: Lang, what: Msg, id: &'static str) -> Html {
    html! {
        <div class="skeleton" id={id} role="status" aria-live="polite" aria-busy="true">
            <p class="boot-status">{ what.text(lang) }</p>
            <div class="skeleton-row" aria-hidden="true"></div>
            <div class="skeleton-row" aria-hidden="true"></div>
            <div class="skeleton-row short" aria-hidden="true"></div>
        </div>
    }
}

/// A read that failed: core's classified failure, Try again, and the way to check the keys.
pub fn failed(
    lead: Msg,
    error: &HelperError,
    retry_id: &'static str,
    retry: Callback<MouseEvent>,
    lang: Lang,
) -> Html {
    html! { <>
        { helper_error::notice(lead, error.clone()) }
        <p class="actions">
            <button type="button" id={retry_id} onclick={retry}>{ Msg::Retry.text(lang) }</button>
            <a href={Page::Connection.route()}>{ Msg::CasCheckConnection.text(lang) }</a>
        </p>
    </> }
}

/// "12 days" (coloured by the warning threshold), "expired 3 days ago", or "no certificate
/// yet", from `caCertInfo.notAfterDate`.
pub fn expiry_badge(ca: &CaDetail, now_ms: i64, warn_days: u32, lang: Lang) -> Html {
    let not_after = ca.ca_cert_info.as_ref().and_then(|c| c.not_after_date);
    match not_after {
        Some(not_after) => days_badge(not_after, now_ms, warn_days, lang),
        None => text::muted(Msg::CasNoCertificate.text(lang)),
    }
}

/// "12 days" (coloured by the warning threshold) or "expired 3 days ago", until `not_after`
/// (epoch ms, as NCP's `notAfterDate`).
pub fn days_badge(not_after: i64, now_ms: i64, warn_days: u32, lang: Lang) -> Html {
    let days = days_until(not_after, now_ms);
    let class = validity_class(days, days < 0, warn_days);
    let text = if days < 0 {
        Msg::CasExpiredDays
            .text(lang)
            .replace("{days}", &days.unsigned_abs().to_string())
    } else {
        Msg::CasDays.text(lang).replace("{days}", &days.to_string())
    };
    html! { <span class={classes!("validity-badge", class)} data-days={days.to_string()}>{ text }</span> }
}

fn row(store: &Store, ca: &CaDetail, now_ms: i64) -> Html {
    let lang = store.lang;
    let info = &ca.ca_info;
    let tag = info.ca_tag.clone();
    let name = if info.alias.trim().is_empty() {
        tag.clone()
    } else {
        info.alias.clone()
    };
    let common_name = ca
        .ca_cert_info
        .as_ref()
        .map(|c| c.common_name.clone())
        .filter(|cn| !cn.is_empty());
    let open = follow_link(store, Action::OpenCa(tag.clone()));
    html! {
        <tr class="ca-row" data-ca-tag={tag.clone()}>
            <td data-label={Msg::CasColStatus.text(lang)}><CaStatusBadge status={info.status.clone()} /></td>
            <td class="alias" data-label={Msg::CasColAlias.text(lang)}>
                <a href={ca_route(&tag)} class="ca-open" onclick={open}>{ name }</a>
                <code class="ca-tag muted">{ tag.clone() }</code>
            </td>
            { table::cell(Msg::CasColType.text(lang), type_text(&info.ca_type, lang)) }
            <td class="cn" data-label={Msg::CasColCommonName.text(lang)}>
                { common_name.map_or_else(|| text::muted("—"), text::code) }
            </td>
            <td class="expires" data-label={Msg::CasColExpires.text(lang)}>{ expiry_badge(ca, now_ms, store.warn_days, lang) }</td>
            <td class="signed num" data-label={Msg::CasColSigned.text(lang)}>
                { info.signing_count.map_or_else(|| "—".to_string(), |n| n.to_string()) }
            </td>
        </tr>
    }
}

fn pager(store: &Store, page: &CaListPage) -> Html {
    let lang = store.lang;
    let on_go = {
        let store = store.clone();
        Callback::from(move |to| send::load_cas(&store, to, store.dispatcher()))
    };
    let total = page.list.total_cnt.map(|count| {
        AttrValue::from(
            Msg::CasTotal
                .text(lang)
                .replace("{count}", &count.to_string()),
        )
    });
    html! {
        <Pager id="cas" page_no={page.page_no} total_pages={page.total_pages()}
            has_next={page.has_next()} {total} {on_go} />
    }
}

/// issue 13: the way to the Create CA wizard.
fn create_link(store: &Store) -> Html {
    let open = follow_link(store, Action::CaWizardOpen);
    html! {
        <p class="actions">
            <a href={NEW_CA_ROUTE} class="button primary" id="cas-create" onclick={open}>
                { "+ " }{ Msg::CasCreate.text(store.lang) }
            </a>
        </p>
    }
}

fn list_view(store: &Store) -> Html {
    let lang = store.lang;
    let page_no = store.cas.page_no;
    let reload = {
        let store = store.clone();
        Callback::from(move |_| send::load_cas(&store, page_no, store.dispatcher()))
    };
    let now_ms = browser::now_ms() as i64;
    let body = match &store.cas.list {
        Load::Idle | Load::Loading => skeleton(lang, Msg::CasLoading, "cas-loading"),
        Load::Failed(error) => failed(Msg::CasFailed, error, "cas-retry", reload, lang),
        Load::Loaded(page) if page.list.ca_info_list.is_empty() && page.page_no <= 1 => html! {
            <div class="notice empty" id="cas-empty">
                { text::para(text::strong(Msg::CasEmpty.text(lang))) }
                { text::para(Msg::CasEmptyNext.text(lang)) }
                <p class="actions">
                    { button("cas-reload", reload, Msg::Reload.text(lang)) }
                    <a href={Page::Connection.route()}>{ Msg::CasCheckConnection.text(lang) }</a>
                </p>
            </div>
        },
        Load::Loaded(page) => html! { <>
            <div class="table-wrap">
                <table class="stack cas-table" aria-label={Msg::CasListLabel.text(lang)}>
                    { table::head(&[Msg::CasColStatus.text(lang), Msg::CasColAlias.text(lang), Msg::CasColType.text(lang), Msg::CasColCommonName.text(lang), Msg::CasColExpires.text(lang), Msg::CasColSigned.text(lang)]) }
                    <tbody>
                        { for page.list.ca_info_list.iter().map(|ca| row(store, ca, now_ms)) }
                    </tbody>
                </table>
            </div>
            { pager(store, page) }
            <p class="actions">
                { button("cas-reload", reload, Msg::Reload.text(lang)) }
            </p>
        </> },
    };
    html! {
        <section class="cas" aria-labelledby="cas-title">
            <h1 id="cas-title" tabindex="-1">{ Msg::NavCas.text(lang) }</h1>
            { help(Msg::CasIntro.text_with_endpoint(lang, OperationKind::GetCaList)) }
            { create_link(store) }
            if let Some((_, command)) = &store.cas.done {
                { super::ca_actions::done_notice(*command, lang) }
            }
            { body }
        </section>
    }
}

/// The CAs page: the list, or the open CA's detail.
#[function_component(CasPage)]
pub fn cas_page() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    {
        // Read what is asked for and not read yet (at first, after keys or site changed, after
        // opening a CA).
        let store = store.clone();
        let deps = (
            store.cas.open.clone(),
            store.cas.list == Load::Idle,
            store.cas.detail == Load::Idle,
        );
        use_effect_with(deps, move |(open, list_idle, detail_idle)| match open {
            Some(tag) if *detail_idle => send::load_ca(&store, tag.clone(), store.dispatcher()),
            None if *list_idle => send::load_cas(&store, store.cas.page_no, store.dispatcher()),
            _ => {}
        });
    }
    if store.ca_wizard.shown {
        return html! { <super::ca_wizard::CaWizardView /> }; // issue 13
    }
    match &store.cas.open {
        Some(tag) => html! { <CaDetailView ca_tag={AttrValue::from(tag.clone())} /> },
        None => list_view(&store),
    }
}
