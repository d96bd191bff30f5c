//! One certificate of a CA (`#/cas/{caTag}/certs/{serialNo}`): what Get End Cert says of it,
//! whether the CA's CRL revokes it, its card, its chain (certPem then caChain, each link
//! checked by certkit-x509), its downloads, and Revoke End Cert ([`super::revoke_end_cert`]).

use certkit_core::private_ca::EndCert;
use certkit_x509::{verify_chain_with, SignatureCheck};
use yew::prelude::*;

use super::activate_sub_ca_result::date;
use super::button::button;
use super::ca_certs_page::{ca_name, CrlRead, Revocation};
use super::cas_page::{days_badge, skeleton};
use super::cert_card::CertCard;
use super::chain_view::ChainView;
use super::copy_button::CopyButton;
use super::download_button::DownloadList;
use super::helper_error;
use super::kv;
use super::revoke_end_cert::RevokeEndCertCard;
use super::text;
use super::{answered, checking_signatures, use_store, Store};
use crate::browser;
use crate::i18n::Msg;
use crate::pem;
use crate::send;
use crate::state::{serial_text, CertsShown, Load};

/// Props of [`EndCertDetail`].
#[derive(Properties, PartialEq)]
pub struct EndCertDetailProps {
    /// The CA.
    pub ca_tag: AttrValue,
    /// The certificate's `serialNo`, as listed.
    pub serial_no: AttrValue,
}

fn text_or_dash(value: &str) -> Html {
    if value.trim().is_empty() {
        text::muted("—")
    } else {
        html! { { value.to_string() } }
    }
}

fn summary(store: &Store, cert: &EndCert, revocation: &Revocation, now_ms: i64) -> Html {
    let lang = store.lang;
    let serial = serial_text(&cert.serial_no);
    html! {
        <section class="card" id="cert-summary" aria-labelledby="cert-summary-title">
            { text::h2("cert-summary-title", Msg::CertSummary.text(lang)) }
            <dl class="kv">
                { kv::row_id(Msg::CasColCommonName.text(lang), "cert-cn", text_or_dash(&cert.common_name)) }
                <dt>{ Msg::CertsColSerial.text(lang) }</dt>
                <dd><code class="wrap" id="cert-serial">{ serial.clone() }</code>{ " " }<CopyButton text={serial} what={AttrValue::from(Msg::Serial.text(lang))} /></dd>
                { kv::row(Msg::CertColNotBefore.text(lang), text_or_dash(&date(cert.not_before_date))) }
                <dt>{ Msg::CertColNotAfter.text(lang) }</dt>
                <dd id="cert-not-after">
                    { text_or_dash(&date(cert.not_after_date)) }
                    if let Some(not_after) = cert.not_after_date {
                        { " " }{ days_badge(not_after, now_ms, store.warn_days, lang) }
                    }
                </dd>
                { kv::row(Msg::CertColPublicKey.text(lang), text_or_dash(&cert.public_key_algorithm)) }
                { kv::row(Msg::CertColSignature.text(lang), text_or_dash(&cert.signature_algorithm)) }
                <dt>{ Msg::OcspResponder.text(lang) }{ " (ocspResponder)" }</dt><dd>{ text_or_dash(&cert.ocsp_responder) }</dd>
                <dt>{ Msg::CertColRevocation.text(lang) }</dt>
                <dd id="cert-revocation">
                    { revocation.badge(lang) }
                    if let Revocation::Revoked { reason: Some(reason), .. } = revocation {
                        { " · " }{ Msg::CrlReason.text(lang) }{ ": " }{ text::code(reason.clone()) }
                    }
                </dd>
            </dl>
        </section>
    }
}

/// The card, chain and downloads of the certificate's PEM.
fn certificate(store: &Store, cert: &EndCert, now: i64) -> Html {
    let lang = store.lang;
    let verdict = |check: &SignatureCheck| store.verdicts.get(check);
    let unreadable = |lead: Msg, detail: String, id: &'static str| {
        html! {
            <div class="notice error" id={id} role="alert">
                { text::para(text::strong(lead.text(lang))) }
                { text::para(detail) }
            </div>
        }
    };
    let info = match pem::first_certificate(&cert.cert_pem, now) {
        Ok(info) => info,
        Err(e) => return unreadable(Msg::CertUnreadable, e, "cert-unreadable"),
    };
    let stem = pem::common_name(&info.subject_attributes)
        .map(pem::file_stem)
        .unwrap_or_else(|| "certificate".into());
    let chain_text = std::iter::once(cert.cert_pem.clone())
        .chain(cert.ca_chain.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    let chain = match verify_chain_with(&chain_text, now, &verdict) {
        Ok(outcome) => match answered(store, outcome) {
            Some(report) => html! { <ChainView {report} pem={AttrValue::from(chain_text)} /> },
            None => checking_signatures(lang),
        },
        Err(e) => unreadable(
            Msg::CertChainUnreadable,
            e.to_string(),
            "cert-chain-unreadable",
        ),
    };
    let files = answered(
        store,
        pem::downloads(&stem, &cert.cert_pem, "", &cert.ca_chain, &verdict),
    );
    html! { <>
        <CertCard {info} id={AttrValue::from("end-cert")} title={AttrValue::from(Msg::CertPemTitle.text(lang))} />
        { chain }
        { match files {
            Some(files) => html! { <DownloadList {files} id={AttrValue::from("cert-downloads")} /> },
            // The chain's signatures, which order chain.pem: the chain above says they are
            // being checked.
            None => Html::default(),
        } }
    </> }
}

/// A certificate of the open CA.
#[function_component(EndCertDetail)]
pub fn end_cert_detail(props: &EndCertDetailProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let ca_tag = props.ca_tag.to_string();
    let serial_no = props.serial_no.to_string();
    let entry = store.cas.certs.certs.get(&serial_no).cloned();
    {
        // Read it when it is not read (opened from a link or the URL, keys or site changed).
        let store = store.clone();
        let unread = entry.is_none();
        let deps = (ca_tag.clone(), serial_no.clone(), unread);
        use_effect_with(deps, move |(ca_tag, serial_no, unread)| {
            if *unread {
                send::load_end_cert(
                    &store,
                    ca_tag.clone(),
                    serial_no.clone(),
                    store.dispatcher(),
                );
            }
        });
    }
    let retry = {
        let store = store.clone();
        let (ca_tag, serial_no) = (ca_tag.clone(), serial_no.clone());
        Callback::from(move |_| {
            send::load_end_cert(
                &store,
                ca_tag.clone(),
                serial_no.clone(),
                store.dispatcher(),
            )
        })
    };
    let now_ms = browser::now_ms() as i64;
    let now = now_ms.div_euclid(1000);
    let revocation = CrlRead::of(&store, &ca_tag, now).revocation(&serial_no);
    let list = CertsShown {
        ca_tag: ca_tag.clone(),
        serial_no: None,
    };
    let name = match &entry {
        Some(Load::Loaded(cert)) if !cert.common_name.trim().is_empty() => cert.common_name.clone(),
        _ => serial_text(&serial_no),
    };
    let body = match &entry {
        None | Some(Load::Idle | Load::Loading) => skeleton(lang, Msg::CertLoading, "cert-loading"),
        Some(Load::Failed(error)) => html! { <>
            { helper_error::notice(Msg::CertFailed, error.clone()) }
            <p class="actions">
                { button("cert-retry", retry, Msg::Retry.text(lang)) }
            </p>
        </> },
        Some(Load::Loaded(cert)) => html! { <>
            { summary(&store, cert, &revocation, now_ms) }
            <RevokeEndCertCard ca_tag={props.ca_tag.clone()} serial_no={props.serial_no.clone()}
                revocation={revocation.clone()} />
            { certificate(&store, cert, now) }
        </> },
    };
    html! {
        <section class="end-cert" data-serial={serial_no.clone()}>
            <p class="back">
                <a href={list.route()} id="cert-back">
                    { "← " }{ Msg::CertsTitle.text(lang).replace("{ca}", &ca_name(&store, &ca_tag)) }
                </a>
            </p>
            <header class="ca-head">
                <h1 id="cert-title" tabindex="-1">{ format!("{} · {name}", Msg::CertTitle.text(lang)) }</h1>
                { revocation.badge(lang) }
            </header>
            <div class="ca-body">{ body }</div>
        </section>
    }
}
