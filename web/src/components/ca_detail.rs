//! A CA's detail on the CAs page (`#/cas/{caTag}`): what Get CA says of it, its certificate
//! as a card, its chain (Get CA Chain, ordered and each link checked by certkit-x509) and its
//! CRL (Get CA Crl, read here by certkit-x509: revoked serials and dates, next update).

use certkit_x509::{verify_chain_with, CertificateInfo, CrlInfo, SignatureCheck};
use yew::prelude::*;

use super::activate_sub_ca_result::date;
use super::button::button;
use super::ca_actions::{done_notice, CaActions};
use super::ca_certs_page::{certs_link, CaCertsView};
use super::ca_status_badge::{type_text, CaStatusBadge};
use super::cas_page::{expiry_badge, failed, skeleton};
use super::cert_card::CertCard;
use super::chain_view::ChainView;
use super::helper_error;
use super::kv;
use super::table;
use super::text;
use super::{answered, checking_signatures, use_store, Store};
use crate::browser;
use crate::i18n::{Lang, Msg};
use crate::send;
use crate::state::{CaView, Load, Page};

/// Props of [`CaDetailView`].
#[derive(Properties, PartialEq)]
pub struct CaDetailViewProps {
    /// The CA shown.
    pub ca_tag: AttrValue,
}

fn unreadable(lead: Msg, detail: &str, id: &'static str, lang: Lang) -> Html {
    html! {
        <div class="notice error" id={id} role="alert">
            { text::para(text::strong(lead.text(lang))) }
            { text::para(detail.to_string()) }
        </div>
    }
}

fn summary(store: &Store, view: &CaView, now_ms: i64) -> Html {
    let lang = store.lang;
    let info = &view.ca.ca_info;
    let text_or_dash = |value: &str| {
        if value.trim().is_empty() {
            text::muted("—")
        } else {
            html! { { value.to_string() } }
        }
    };
    html! {
        <section class="card" id="ca-summary" aria-labelledby="ca-summary-title">
            { text::h2("ca-summary-title", Msg::CaSummary.text(lang)) }
            <dl class="kv">
                <dt>{ Msg::CasColStatus.text(lang) }</dt><dd><CaStatusBadge status={info.status.clone()} /></dd>
                { kv::row(Msg::CasColType.text(lang), type_text(&info.ca_type, lang)) }
                <dt>{ Msg::CasColTag.text(lang) }</dt><dd><code id="ca-tag">{ info.ca_tag.clone() }</code></dd>
                { kv::row_id(Msg::CasColAlias.text(lang), "ca-alias", text_or_dash(&info.alias)) }
                { kv::row(Msg::CaMemo.text(lang), text_or_dash(&info.memo)) }
                { kv::row(Msg::CasColExpires.text(lang), expiry_badge(&view.ca, now_ms, store.warn_days, lang)) }
                { kv::row_id(Msg::CasColSigned.text(lang), "ca-signing-count", info.signing_count.map_or_else(|| "—".to_string(), |n| n.to_string())) }
                { kv::row(Msg::CaRegistered.text(lang), text_or_dash(&date(info.rgst_date))) }
                if info.destroy_date.is_some() {
                    { kv::row_id(Msg::CaDestroyDate.text(lang), "ca-destroy-date", date(info.destroy_date)) }
                }
            </dl>
        </section>
    }
}

/// The CA's certificate (`caCertInfo.certPem`) read by certkit-x509; `None` when it has none.
fn read_certificate(view: &CaView, now: i64) -> Option<Result<CertificateInfo, String>> {
    view.ca
        .ca_cert_info
        .as_ref()
        .map(|c| c.cert_pem.as_str())
        .filter(|p| !p.trim().is_empty())
        .map(|pem| crate::pem::first_certificate(pem, now))
}

fn certificate(cert: Option<&Result<CertificateInfo, String>>, lang: Lang) -> Html {
    match cert {
        None => html! { <p class="notice" id="ca-no-cert">{ Msg::CaNoCertificate.text(lang) }</p> },
        Some(Ok(info)) => html! {
            <CertCard info={info.clone()} id={AttrValue::from("ca-cert")} title={AttrValue::from(Msg::CaCertificate.text(lang))} />
        },
        Some(Err(e)) => unreadable(Msg::CaCertUnreadable, e, "ca-cert-unreadable", lang),
    }
}

fn chain(store: &Store, view: &CaView, now: i64) -> Html {
    let lang = store.lang;
    let verdict = |check: &SignatureCheck| store.verdicts.get(check);
    match &view.chain {
        Err(error) => helper_error::notice(Msg::CaChainFailed, error.clone()),
        Ok(pem) if pem.trim().is_empty() => html! {},
        Ok(pem) => match verify_chain_with(pem, now, &verdict).map(|o| answered(store, o)) {
            Ok(Some(report)) => {
                html! { <ChainView {report} pem={AttrValue::from(pem.clone())} of_ca=true /> }
            }
            Ok(None) => checking_signatures(lang),
            Err(e) => unreadable(
                Msg::CaChainUnreadable,
                &e.to_string(),
                "ca-chain-unreadable",
                lang,
            ),
        },
    }
}

fn crl_card(crl: &CrlInfo, ca_subject: Option<&str>, lang: Lang) -> Html {
    let other_issuer = ca_subject.is_some_and(|subject| subject != crl.issuer);
    html! { <>
        if other_issuer {
            <p class="notice warning" id="crl-other-issuer">{ Msg::CrlOtherIssuer.text(lang) }</p>
        }
        <dl class="kv">
            { kv::row_id(Msg::CrlThisUpdate.text(lang), "crl-this-update", crl.this_update.clone()) }
            <dt>{ Msg::CrlNextUpdate.text(lang) }</dt>
            <dd id="crl-next-update">
                { crl.next_update.clone().unwrap_or_else(|| "—".to_string()) }
                if crl.stale {
                    { " " }<span class="validity-badge expired">{ Msg::CrlStale.text(lang) }</span>
                }
            </dd>
            { kv::row(Msg::CrlNumber.text(lang), crl.crl_number.clone().unwrap_or_else(|| "—".to_string())) }
            { kv::code_row(Msg::Issuer.text(lang), crl.issuer.clone()) }
            { kv::row_id(Msg::CrlRevokedCount.text(lang), "crl-revoked-count", crl.revoked.len()) }
        </dl>
        if crl.revoked.is_empty() {
            <p class="muted" id="crl-none-revoked">{ Msg::CrlNoneRevoked.text(lang) }</p>
        } else {
            <div class="table-wrap">
                <table class="stack crl-revoked" aria-label={Msg::CrlRevokedCount.text(lang)}>
                    { table::head(&[Msg::CrlSerial.text(lang), Msg::CrlRevokedAt.text(lang), Msg::CrlReason.text(lang)]) }
                    <tbody>
                        { for crl.revoked.iter().map(|r| html! {
                            <tr>
                                <td class="serial" data-label={Msg::CrlSerial.text(lang)}>{ text::wrap_code(r.serial_number.clone()) }</td>
                                { table::cell(Msg::CrlRevokedAt.text(lang), r.revocation_date.clone()) }
                                { table::cell(Msg::CrlReason.text(lang), r.reason.clone().unwrap_or_else(|| "—".to_string())) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    </> }
}

fn crl(view: &CaView, ca_subject: Option<&str>, now: i64, lang: Lang) -> Html {
    let body = match &view.crl {
        Err(error) => helper_error::notice(Msg::CrlFailed, error.clone()),
        Ok(pem) => match crate::pem::first_crl(pem, now) {
            Ok(info) => crl_card(&info, ca_subject, lang),
            Err(e) => unreadable(Msg::CrlUnreadable, &e, "crl-unreadable", lang),
        },
    };
    html! {
        <section class="card" id="ca-crl" aria-labelledby="ca-crl-title">
            { text::h2("ca-crl-title", Msg::CrlTitle.text(lang)) }
            { body }
        </section>
    }
}

/// A CA's detail.
#[function_component(CaDetailView)]
pub fn ca_detail_view(props: &CaDetailViewProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let ca_tag = props.ca_tag.to_string();
    if store.cas.certs.shown.is_some() {
        return html! { <CaCertsView ca_tag={props.ca_tag.clone()} /> };
    }
    let reload = {
        let store = store.clone();
        let ca_tag = ca_tag.clone();
        Callback::from(move |_| send::load_ca(&store, ca_tag.clone(), store.dispatcher()))
    };
    let now_ms = browser::now_ms() as i64;
    let now = now_ms.div_euclid(1000);
    let back = html! {
        <p class="back"><a href={Page::Cas.route()} id="ca-back">{ "← " }{ Msg::CaBack.text(lang) }</a></p>
    };
    // The title keeps its element from loading to loaded, so the focus it takes stays.
    let (name, status) = match &store.cas.detail {
        Load::Loaded(view) if !view.ca.ca_info.alias.trim().is_empty() => (
            view.ca.ca_info.alias.clone(),
            Some(view.ca.ca_info.status.clone()),
        ),
        Load::Loaded(view) => (ca_tag.clone(), Some(view.ca.ca_info.status.clone())),
        _ => (ca_tag.clone(), None),
    };
    let head = html! {
        <header class="ca-head">
            <h1 id="ca-title" tabindex="-1">{ format!("{} · {name}", Msg::CaTitle.text(lang)) }</h1>
            if let Some(status) = status {
                <CaStatusBadge {status} />
            }
        </header>
    };
    let body = match &store.cas.detail {
        Load::Idle | Load::Loading => skeleton(lang, Msg::CaLoading, "ca-loading"),
        Load::Failed(error) => failed(Msg::CaFailed, error, "ca-retry", reload, lang),
        Load::Loaded(view) => {
            let cert = read_certificate(view, now);
            let subject = cert
                .as_ref()
                .and_then(|c| c.as_ref().ok())
                .map(|c| c.subject.as_str());
            html! { <>
                { summary(&store, view, now_ms) }
                <CaActions view={view.clone()} />
                { certs_link(&store, &ca_tag) }
                { certificate(cert.as_ref(), lang) }
                { chain(&store, view, now) }
                { crl(view, subject, now, lang) }
                <p class="actions">
                    { button("ca-reload", reload, Msg::Reload.text(lang)) }
                </p>
            </> }
        }
    };
    html! {
        <section class="ca-detail" data-ca-tag={ca_tag.clone()}>
            { back }
            { head }
            if let Some((_, command)) = store.cas.done.as_ref().filter(|(tag, _)| *tag == ca_tag) {
                { done_notice(*command, lang) }
            }
            <div class="ca-body">{ body }</div>
        </section>
    }
}
