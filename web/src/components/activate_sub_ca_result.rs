//! Activate Sub CA's result: caInfo and caCertInfo as a readable summary, and the certificate
//! as a card.

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, ResponseData};
use yew::prelude::*;

use super::cert_card::CertCard;
use super::text;
use super::use_store;
use crate::browser;
use crate::i18n::Msg;
use crate::pem;

/// Props of [`ActivateSubCaResult`].
#[derive(Properties, PartialEq)]
pub struct ActivateSubCaResultProps {
    /// The success body.
    pub body: AttrValue,
}

/// An epoch-milliseconds date as ISO 8601 (empty when absent).
pub fn date(ms: Option<i64>) -> String {
    ms.map(|ms| {
        js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
            .to_iso_string()
            .as_string()
            .unwrap_or_default()
    })
    .unwrap_or_default()
}

/// The activated CA.
#[function_component(ActivateSubCaResult)]
pub fn activate_sub_ca_result(props: &ActivateSubCaResultProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let Ok(ResponseData::ActivateSubCa(data)) =
        parse_response(OperationKind::ActivateSubCa, 200, &props.body)
    else {
        return Html::default();
    };
    let ca = &data.ca_info;
    let cert = &data.ca_cert_info;
    let now = (browser::now_ms() / 1000.0) as i64;
    let row =
        |label: &'static str, value: String| html! { <><dt>{ label }</dt><dd>{ value }</dd></> };
    html! {
        <section class="results" aria-labelledby="activate-results">
            { text::h2("activate-results", Msg::ResultTitle.text(lang)) }
            <div class="summary-grid">
                <article class="card" id="ca-info">
                    <h3>{ Msg::CaInfoTitle.text(lang) }{ " (caInfo)" }</h3>
                    <dl class="kv">
                        { row("caTag", ca.ca_tag.clone()) }
                        { row("alias", ca.alias.clone()) }
                        { row("caType", ca.ca_type.clone()) }
                        <dt>{ "status" }</dt><dd><span class={classes!("badge", (ca.status == "ACTIVE").then_some("ok"))} id="ca-status">{ ca.status.clone() }</span></dd>
                        { row("caId", ca.ca_id.clone()) }
                        { row("signingCount", ca.signing_count.map(|n| n.to_string()).unwrap_or_default()) }
                        { row("rgstDate", date(ca.rgst_date)) }
                        { row("statusUpdateDate", date(ca.status_update_date)) }
                        { row("memo", ca.memo.clone()) }
                        { row("urlInfo.crl", ca.url_info.crl.join(" ")) }
                        { row("urlInfo.ocsp", ca.url_info.ocsp.join(" ")) }
                        { row("urlInfo.ca", ca.url_info.ca.join(" ")) }
                    </dl>
                </article>
                <article class="card" id="ca-cert-info">
                    <h3>{ Msg::CaCertInfoTitle.text(lang) }{ " (caCertInfo)" }</h3>
                    <dl class="kv">
                        { row("commonName", cert.common_name.clone()) }
                        { row("issuerName", cert.issuer_name.clone()) }
                        { row("organization", cert.organization.clone()) }
                        { row("organizationUnit", cert.organization_unit.clone()) }
                        { row("locality", cert.locality.clone()) }
                        { row("stateProvince", cert.state_province.clone()) }
                        { row("country", cert.country.clone()) }
                        { row("notBeforeDate", date(cert.not_before_date)) }
                        { row("notAfterDate", date(cert.not_after_date)) }
                        { row("publicKeyAlgorithm", cert.public_key_algorithm.clone()) }
                        { row("signatureAlgorithm", cert.signature_algorithm.clone()) }
                        { row("serialNo", cert.serial_no.clone()) }
                        { row("caCertId", cert.ca_cert_id.clone()) }
                    </dl>
                </article>
            </div>
            if let Ok(info) = pem::first_certificate(&cert.cert_pem, now) {
                <CertCard info={info} id={AttrValue::from("activated-cert")} />
            }
        </section>
    }
}
