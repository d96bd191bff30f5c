//! Issue End Cert's result: certificate card, private key, chain, issuer, OCSP responder,
//! serial and downloads. Sign End Csr's ("Issue with my own key") is the same, its private
//! key being the one made in the page (if it is still there).

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, ResponseData};
use certkit_x509::{verify_chain_with, SignatureCheck};
use yew::prelude::*;

use super::cert_card::CertCard;
use super::chain_view::ChainView;
use super::copy_button::CopyButton;
use super::dispatch_on;
use super::download_button::DownloadList;
use super::private_key_card::PrivateKeyCard;
use super::warn_days_input::WarnDaysInput;
use super::{answered, checking_signatures, use_store};
use crate::browser;
use crate::i18n::Msg;
use crate::pem;
use crate::state::own_key::as_issued;
use crate::state::Action;

/// Props of [`IssueEndCertResult`].
#[derive(Properties, PartialEq)]
pub struct IssueEndCertResultProps {
    /// Issue End Cert, or Sign End Csr.
    #[prop_or(OperationKind::IssueEndCert)]
    pub op: OperationKind,
    /// The success body.
    pub body: AttrValue,
    /// The request id (history entries have no key).
    pub id: u32,
    /// Prefix of the element ids (an earlier result shown beside the current one).
    #[prop_or_default]
    pub id_prefix: AttrValue,
}

/// The issued certificate.
#[function_component(IssueEndCertResult)]
pub fn issue_end_cert_result(props: &IssueEndCertResultProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let op = props.op;
    let data = match parse_response(op, 200, &props.body) {
        Ok(ResponseData::IssueEndCert(data)) => *data,
        Ok(ResponseData::SignedCertificate(signed)) => as_issued(*signed, &store.own_key),
        _ => return Html::default(),
    };
    let now = (browser::now_ms() / 1000.0) as i64;
    let cert = pem::first_certificate(&data.certificate, now);
    let stem = cert
        .as_ref()
        .ok()
        .and_then(|c| pem::common_name(&c.subject_attributes).map(pem::file_stem))
        .unwrap_or_else(|| "certificate".into());
    let chain_text = std::iter::once(data.certificate.clone())
        .chain(data.ca_chain.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    let verdict = |check: &SignatureCheck| store.verdicts.get(check);
    let report =
        verify_chain_with(&chain_text, now, &verdict).map(|outcome| answered(&store, outcome));
    let chain_pem = AttrValue::from(chain_text);
    // A key scrubbed for history is not a key.
    let has_key = data.private_key.expose().contains("PRIVATE KEY-----");
    let key = if has_key {
        data.private_key.expose().to_string()
    } else {
        String::new()
    };
    let files = answered(
        &store,
        pem::downloads(&stem, &data.certificate, &key, &data.ca_chain, &verdict),
    );
    // The issuer is shown once: as a link of the chain, or on its own card when the chain
    // does not hold it.
    let fingerprint = |pem_text: &str| {
        pem::first_certificate(pem_text, now)
            .ok()
            .map(|c| c.fingerprints.sha256)
    };
    let issuer = pem::first_certificate(&data.issuer, now)
        .ok()
        .filter(|issuer| {
            !data
                .ca_chain
                .iter()
                .any(|c| fingerprint(c).as_ref() == Some(&issuer.fingerprints.sha256))
        });
    let prefix = props.id_prefix.clone();
    let id = |name: &str| AttrValue::from(format!("{prefix}{name}"));
    let wipe = dispatch_on(&store, Action::WipePrivateKey(op));
    html! {
        <section class="results" id={id("issue-results")} tabindex="-1" aria-labelledby={id("issue-results-title")}>
            <h2 id={id("issue-results-title")}>{ Msg::ResultTitle.text(lang) }</h2>
            <WarnDaysInput />
            { match cert {
                Ok(info) => html! { <CertCard info={info} id={id("issued-cert")} /> },
                Err(e) => html! { <p class="notice error">{ e }</p> },
            } }
            if has_key {
                <PrivateKeyCard key_pem={key.clone()} cert_pem={data.certificate.clone()}
                    file_name={format!("{stem}.key")} id_prefix={prefix.clone()} on_wipe={wipe} />
            } else {
                <p class="notice" id={id("key-absent")}>{ if op == OperationKind::SignEndCsr { Msg::OwnKeyNotHere.text(lang) } else { Msg::KeyNotKept.text(lang) } }</p>
            }
            <dl class="kv">
                <dt>{ Msg::Serial.text(lang) }{ " (serialNo)" }</dt>
                <dd><code id={id("serial-no")} class="wrap">{ data.serial_no.clone() }</code>{ " " }<CopyButton text={data.serial_no.clone()} /></dd>
                <dt>{ Msg::OcspResponder.text(lang) }{ " (ocspResponder)" }</dt>
                <dd>{ if data.ocsp_responder.is_empty() { Msg::NoneValue.text(lang).to_string() } else { data.ocsp_responder.clone() } }</dd>
            </dl>
            { match report {
                Ok(Some(report)) => html! { <ChainView report={report} pem={chain_pem} /> },
                Ok(None) => checking_signatures(lang),
                Err(e) => html! { <p class="notice error">{ e.to_string() }</p> },
            } }
            if let Some(info) = issuer {
                <CertCard info={info} title={AttrValue::from(format!("{} (issuer)", Msg::IssuerPem.text(lang)))} />
            }
            // While the chain's signatures, which order chain.pem, are checked (the chain
            // above says so), the list waits.
            if let Some(files) = files {
                <DownloadList {files} />
            }
        </section>
    }
}
