//! Request Certificate Issuance's result: the requestSn and the next step, the DNS records to
//! create for each domain.

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, ResponseData};
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::dcv_records::DcvRecords;
use super::help;
use super::helper_error;
use super::kv;
use super::text;
use super::use_store;
use crate::i18n::Msg;
use crate::send;
use crate::state::{Load, Page, SiteChoice};

/// Props of [`RequestCertificateIssuanceResult`].
#[derive(Properties, PartialEq)]
pub struct RequestCertificateIssuanceResultProps {
    /// The success body.
    pub body: AttrValue,
}

/// The issuance request.
#[function_component(RequestCertificateIssuanceResult)]
pub fn request_certificate_issuance_result(props: &RequestCertificateIssuanceResultProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let Ok(ResponseData::RequestCertificateIssuance(data)) =
        parse_response(OperationKind::RequestCertificateIssuance, 200, &props.body)
    else {
        return Html::default();
    };
    let data = *data;
    let load = {
        let store = store.clone();
        let issuance = data.clone();
        Callback::from(move |_| {
            send::load_verification(&store, issuance.clone(), store.dispatcher())
        })
    };
    // Records of an earlier request stay out of this one's panel.
    let verification = store
        .loads
        .dns_records
        .as_ref()
        .filter(|v| v.request_sn == data.request_sn)
        .cloned();
    let sandbox = store.connection.site == SiteChoice::Sandbox;
    let loading = store.loads.verification == Load::Loading;
    // Sandbox only: "I created the DNS record" for one domain, then the records are read again.
    let mark = verification
        .as_ref()
        .filter(|_| sandbox)
        .map(|verification| {
            let store = store.clone();
            let issuance = data.clone();
            let certificate_no = verification.certificate_no.clone();
            Callback::from(move |domain: String| {
                send::sandbox_mark_record_created(
                    &store,
                    issuance.clone(),
                    certificate_no.clone(),
                    domain,
                    store.dispatcher(),
                )
            })
        });
    let follow = {
        let store = store.clone();
        let issuance = data.clone();
        Callback::from(move |_: MouseEvent| {
            crate::send_certificates::follow_validation(
                &store,
                issuance.clone(),
                store.dispatcher(),
            )
        })
    };
    let button_text = if verification.is_some() {
        Msg::RefreshDnsRecord
    } else {
        Msg::FetchDnsRecord
    };
    html! {
        <section class="results" aria-labelledby="issuance-results">
            { text::h2("issuance-results", Msg::ResultTitle.text(lang)) }
            <article class="card">
                <dl class="kv">
                    <dt>{ Msg::RequestSn.text(lang) }</dt>
                    <dd><code id="request-sn">{ data.request_sn.clone() }</code>{ " " }<CopyButton text={data.request_sn.clone()} /></dd>
                    { kv::row("certificateName", data.certificate_name.clone()) }
                    { kv::code_row("commonName", data.common_name.clone()) }
                    <dt>{ "dnsName" }</dt><dd>
                        if data.dns_name.is_empty() { { text::muted("—") } } else { { text::code(data.dns_name.join(", ")) } }
                    </dd>
                    <dt>{ "validationMethod" }</dt><dd id="validation-method" data-value={data.validation_method.clone()}>{ crate::fields::validation_method_label(&data.validation_method, lang) }</dd>
                </dl>
            </article>
            <section class="next-step" aria-labelledby="next-step" aria-live="polite">
                <h3 id="next-step">{ Msg::NextStepDns.text(lang) }</h3>
                { help(Msg::DnsRecordHelp.text_with_endpoint(lang, OperationKind::ListDcvStatuses)) }
                <p class="actions">
                    <a href={Page::Certificates.route()} id="follow-validation" onclick={follow}>
                        { Msg::FollowValidation.text(lang) }{ " →" }
                    </a>
                    <button type="button" id="load-dns" onclick={load} disabled={loading}>
                        { button_text.text(lang) }
                    </button>
                </p>
                { help(Msg::FollowValidationHelp.text(lang)) }
                if let Load::Failed(error) = &store.loads.verification {
                    { helper_error::notice(Msg::DnsRecordsFailed, error.clone()) }
                }
                if let Some(verification) = verification {
                    <p class="certificate-no">{ Msg::CertificateNo.text(lang) }{ ": " }
                        <code id="certificate-no">{ verification.certificate_no.clone() }</code></p>
                    <DcvRecords domains={verification.domains.clone()} mark={mark} busy={loading} />
                }
            </section>
        </section>
    }
}
