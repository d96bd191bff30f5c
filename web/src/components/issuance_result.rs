//! Request Certificate Issuance's result: the requestSn and the next step, the DNS record to
//! create.

use certkit_core::response::{parse_response, ResponseData};
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::use_store;
use crate::i18n::Msg;
use crate::send;
use crate::state::{Load, Op};

/// Props of [`IssuanceResult`].
#[derive(Properties, PartialEq)]
pub struct IssuanceResultProps {
    /// The success body.
    pub body: AttrValue,
}

/// The issuance request.
#[function_component(IssuanceResult)]
pub fn issuance_result(props: &IssuanceResultProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let Ok(ResponseData::RequestCertificateIssuance(data)) =
        parse_response(Op::RequestIssuance.kind(), 200, &props.body)
    else {
        return Html::default();
    };
    let load = {
        let store = store.clone();
        let sn = data.request_sn.clone();
        Callback::from(move |_| send::load_verification(&store, sn.clone(), store.dispatcher()))
    };
    let records = match &store.verification {
        Load::Loaded((sn, records)) if *sn == data.request_sn => Some(records.clone()),
        _ => None,
    };
    html! {
        <section class="results" aria-labelledby="issuance-results">
            <h2 id="issuance-results">{ Msg::ResultTitle.text(lang) }</h2>
            <article class="card">
                <dl class="kv">
                    <dt>{ Msg::RequestSn.text(lang) }</dt>
                    <dd><code id="request-sn">{ data.request_sn.clone() }</code>{ " " }<CopyButton text={data.request_sn.clone()} /></dd>
                    <dt>{ "certificateName" }</dt><dd>{ data.certificate_name.clone() }</dd>
                    <dt>{ "commonName" }</dt><dd><code>{ data.common_name.clone() }</code></dd>
                    <dt>{ "dnsName" }</dt><dd><code>{ data.dns_name.join(", ") }</code></dd>
                    <dt>{ "validationMethod" }</dt><dd>{ data.validation_method.clone() }</dd>
                </dl>
            </article>
            <section class="next-step" aria-labelledby="next-step">
                <h3 id="next-step">{ Msg::NextStepDns.text(lang) }</h3>
                <p class="help">{ Msg::DnsRecordHelp.text(lang) }</p>
                <button type="button" id="load-dns" onclick={load} disabled={store.verification == Load::Loading}>
                    { Msg::FetchDnsRecord.text(lang) }
                </button>
                if let Load::Failed(m) = &store.verification {
                    <p class="notice error">{ m.clone() }</p>
                }
                if let Some(records) = records {
                    <div class="table-wrap">
                    <table class="dns-records stack">
                        <thead><tr>
                            <th scope="col">{ Msg::Domain.text(lang) }</th>
                            <th scope="col">{ Msg::RecordType.text(lang) }</th>
                            <th scope="col">{ Msg::RecordName.text(lang) }</th>
                            <th scope="col">{ Msg::RecordValue.text(lang) }</th>
                            <th scope="col">{ Msg::ValidationStatus.text(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for records.iter().map(|r| html! {
                                <tr>
                                    <td data-label={Msg::Domain.text(lang)}>{ r.domain.clone() }</td>
                                    <td data-label={Msg::RecordType.text(lang)}>{ r.record_type.clone() }</td>
                                    <td data-label={Msg::RecordName.text(lang)}><code class="wrap">{ r.record_name.clone() }</code>{ " " }<CopyButton text={r.record_name.clone()} /></td>
                                    <td data-label={Msg::RecordValue.text(lang)}><code class="wrap">{ r.record_value.clone() }</code>{ " " }<CopyButton text={r.record_value.clone()} /></td>
                                    <td data-label={Msg::ValidationStatus.text(lang)}>{ r.status.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    </div>
                }
            </section>
        </section>
    }
}
