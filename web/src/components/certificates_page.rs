//! The Certificate Manager page: the account's certificates, a page of List Cloud
//! Certificates at a time, each with its status; a row opens the certificate's detail
//! ([`super::certificate_detail`]) at `#/certificates/{certificateNo}`. After "Follow
//! validation" on a request's result, the certificate is found here first.

use certkit_core::certificate_manager::{status_label, CloudCertificate};
use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::button::button;
use super::cas_page::skeleton;
use super::certificate_detail::{done_notice, CertificateDetail};
use super::follow_link;
use super::help;
use super::helper_error;
use super::table;
use super::text;
use super::{use_store, Store};
use crate::i18n::{Lang, Msg};
use crate::send_certificates::{follow_validation, load_certificate, load_certificates};
use crate::state::{
    certificate_route, certificate_status_class, Action, CertificateListPage, CmAction, Load, Page,
};

/// Props of [`CertificateStatusBadge`].
#[derive(Properties, PartialEq)]
pub struct CertificateStatusBadgeProps {
    /// `statusCode` as NCP answered it.
    pub code: AttrValue,
    /// `statusName` as NCP answered it (shown for a code the docs do not list).
    #[prop_or_default]
    pub name: AttrValue,
}

/// The words of a certificate status: translated when documented (C1), else what NCP said.
pub fn certificate_status_text(code: &str, name: &str, lang: Lang) -> String {
    let msg = match code.trim() {
        "0" => Some(Msg::CertStatusOngoing),
        "1" | "2" | "3" => Some(Msg::CertStatusNormal),
        "-1" | "-11" | "-12" | "-20" => Some(Msg::CertStatusFailed),
        "-2" => Some(Msg::CertStatusExpired),
        "-3" => Some(Msg::CertStatusValidationFailed),
        "-4" => Some(Msg::CertStatusValidationExpired),
        "-5" => Some(Msg::CertStatusRevoked),
        "-6" => Some(Msg::CertStatusDeleted),
        "-7" => Some(Msg::CertStatusRevoking),
        _ => None,
    };
    match msg {
        Some(msg) => msg.text(lang).to_string(),
        None if !name.trim().is_empty() => name.to_string(),
        None if code.trim().is_empty() => "—".to_string(),
        None => Msg::CertStatusUnknown.text(lang).to_string(),
    }
}

/// A certificate's status: colour and words, the documented label (`NORMAL`) beside them.
#[function_component(CertificateStatusBadge)]
pub fn certificate_status_badge(props: &CertificateStatusBadgeProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let code = props.code.as_str();
    html! {
        <span class={classes!("badge", "cert-status", certificate_status_class(code))} data-status={props.code.clone()}>
            { certificate_status_text(code, &props.name, store.lang) }
            <code class="api-value">{ status_label(code).unwrap_or(code) }</code>
        </span>
    }
}

fn dash_or_code(value: &str) -> Html {
    if value.trim().is_empty() {
        text::muted("—")
    } else {
        text::wrap_code(value.to_string())
    }
}

fn row(store: &Store, certificate: &CloudCertificate) -> Html {
    let lang = store.lang;
    let no = certificate.certificate_no.clone();
    let open = follow_link(store, Action::Certificates(CmAction::Open(no.clone())));
    let name = if certificate.certificate_name.trim().is_empty() {
        no.clone()
    } else {
        certificate.certificate_name.clone()
    };
    html! {
        <tr class="cert-row" data-certificate-no={no.clone()} data-name={certificate.certificate_name.clone()}>
            <td data-label={Msg::CertColStatus.text(lang)}>
                <CertificateStatusBadge code={certificate.status_code.clone()} name={certificate.status_name.clone()} />
            </td>
            <td class="name" data-label={Msg::CertColName.text(lang)}>
                <a href={certificate_route(&no)} class="cert-open" onclick={open}>{ name }</a>
                <code class="muted">{ no }</code>
            </td>
            { table::cell(Msg::CertColCommonName.text(lang), dash_or_code(&certificate.common_name)) }
            { table::cell(Msg::CertColDnsName.text(lang), dash_or_code(&certificate.dns_name.join(", "))) }
            { table::cell(Msg::CertColType.text(lang), certificate.certificate_type.clone()) }
            { table::cell(Msg::CertColUpdated.text(lang), certificate.update_date.clone()) }
        </tr>
    }
}

fn pager(store: &Store, page: &CertificateListPage) -> Html {
    let lang = store.lang;
    let go = |to: u32| {
        let store = store.clone();
        Callback::from(move |_| load_certificates(&store, to, store.dispatcher()))
    };
    let position = match page.total_pages() {
        Some(pages) => Msg::CertPageOf
            .text(lang)
            .replace("{pages}", &pages.to_string()),
        None => Msg::CertPageOnly.text(lang).to_string(),
    }
    .replace("{page}", &page.page_no.to_string());
    html! {
        <div class="pager actions">
            <button type="button" id="certs-previous" disabled={page.page_no <= 1}
                onclick={go(page.page_no.saturating_sub(1))}>{ "← " }{ Msg::CasPrevious.text(lang) }</button>
            <span id="certs-position">{ position }</span>
            <button type="button" id="certs-next" disabled={!page.has_next()}
                onclick={go(page.page_no.saturating_add(1))}>{ Msg::CasNext.text(lang) }{ " →" }</button>
            if let Some(count) = page.list.total_count {
                <span class="muted" id="certs-total">{ Msg::CertTotal.text(lang).replace("{count}", &count.to_string()) }</span>
            }
        </div>
    }
}

/// "Finding the certificate you requested…", or why it was not found, with a retry.
fn follow_notice(store: &Store) -> Html {
    let lang = store.lang;
    let Some(follow) = &store.certificates.follow else {
        return Html::default();
    };
    let name = follow.issuance.certificate_name.clone();
    match &follow.found {
        Load::Loading | Load::Idle => html! {
            <p class="notice" id="follow-finding" role="status">
                <progress aria-label={Msg::FollowFinding.text(lang)}></progress>{ " " }
                { Msg::FollowFinding.text(lang) }{ " " }{ text::code(name) }
            </p>
        },
        Load::Failed(error) => {
            let retry = {
                let store = store.clone();
                let issuance = follow.issuance.clone();
                Callback::from(move |_| {
                    follow_validation(&store, issuance.clone(), store.dispatcher())
                })
            };
            html! { <div id="follow-failed">
                { helper_error::notice(Msg::FollowFailed, error.clone()) }
                <p class="actions">{ button("follow-retry", retry, Msg::Retry.text(lang)) }</p>
            </div> }
        }
        Load::Loaded(_) => Html::default(),
    }
}

fn list_view(store: &Store) -> Html {
    let lang = store.lang;
    let page_no = store.certificates.page_no;
    let reload = {
        let store = store.clone();
        Callback::from(move |_| load_certificates(&store, page_no, store.dispatcher()))
    };
    let body = match &store.certificates.list {
        Load::Idle | Load::Loading => skeleton(lang, Msg::CmCertsLoading, "certs-loading"),
        Load::Failed(error) => html! { <>
            { helper_error::notice(Msg::CmCertsFailed, error.clone()) }
            <p class="actions">
                { button("certs-retry", reload, Msg::Retry.text(lang)) }
                <a href={Page::Connection.route()}>{ Msg::CasCheckConnection.text(lang) }</a>
            </p>
        </> },
        Load::Loaded(page) if page.list.ssl_certificate_list.is_empty() && page.page_no <= 1 => {
            html! {
                <div class="notice empty" id="certs-empty">
                    { text::para(text::strong(Msg::CmCertsEmpty.text(lang))) }
                    { text::para(Msg::CmCertsEmptyNext.text(lang)) }
                    <p class="actions">
                        <a href={Page::RequestIssuance.route()} id="certs-request">{ Msg::NavRequest.text(lang) }{ " →" }</a>
                        { button("certs-reload", reload, Msg::Reload.text(lang)) }
                    </p>
                </div>
            }
        }
        Load::Loaded(page) => html! { <>
            <div class="table-wrap">
                <table class="stack certs-table" aria-label={Msg::CmCertsListLabel.text(lang)}>
                    { table::head(&[Msg::CertColStatus.text(lang), Msg::CertColName.text(lang), Msg::CertColCommonName.text(lang), Msg::CertColDnsName.text(lang), Msg::CertColType.text(lang), Msg::CertColUpdated.text(lang)]) }
                    <tbody>
                        { for page.list.ssl_certificate_list.iter().map(|c| row(store, c)) }
                    </tbody>
                </table>
            </div>
            { pager(store, page) }
            <p class="actions">
                { button("certs-reload", reload, Msg::Reload.text(lang)) }
                <a href={Page::RequestIssuance.route()}>{ Msg::NavRequest.text(lang) }{ " →" }</a>
            </p>
        </> },
    };
    html! {
        <section class="certs" aria-labelledby="certs-title">
            <h1 id="certs-title" tabindex="-1">{ Msg::NavCertificates.text(lang) }</h1>
            { help(Msg::CmCertsIntro.text_with_endpoint(lang, OperationKind::ListCloudCertificates)) }
            { follow_notice(store) }
            if let Some((_, command)) = &store.certificates.done {
                { done_notice(*command, lang) }
            }
            { body }
        </section>
    }
}

/// The Certificate Manager page: the list, or the open certificate's detail.
#[function_component(CertificatesPage)]
pub fn certificates_page() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    {
        // Read what is asked for and not read yet.
        let store = store.clone();
        let certs = &store.certificates;
        let deps = (
            certs.open.clone(),
            certs.list == Load::Idle,
            certs.detail == Load::Idle,
        );
        use_effect_with(deps, move |(open, list_idle, detail_idle)| match open {
            Some(no) if *detail_idle => load_certificate(&store, no.clone(), store.dispatcher()),
            None if *list_idle => {
                load_certificates(&store, store.certificates.page_no, store.dispatcher())
            }
            _ => {}
        });
    }
    match &store.certificates.open {
        Some(no) => html! { <CertificateDetail certificate_no={AttrValue::from(no.clone())} /> },
        None => list_view(&store),
    }
}
