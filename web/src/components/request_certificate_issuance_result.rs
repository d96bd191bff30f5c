//! Request Certificate Issuance's result: the requestSn and the next step, the DNS records to
//! create for each domain.

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, ResponseData};
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::helper_error::HelperErrorNotice;
use super::use_store;
use crate::i18n::{dcv_status_text, Lang, Msg};
use crate::send;
use crate::state::{DnsRecord, Load, SiteChoice};

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
    let mark_created = |certificate_no: &str, domain: &str| {
        let store = store.clone();
        let issuance = data.clone();
        let (certificate_no, domain) = (certificate_no.to_string(), domain.to_string());
        Callback::from(move |_| {
            send::sandbox_mark_record_created(
                &store,
                issuance.clone(),
                certificate_no.clone(),
                domain.clone(),
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
            <h2 id="issuance-results">{ Msg::ResultTitle.text(lang) }</h2>
            <article class="card">
                <dl class="kv">
                    <dt>{ Msg::RequestSn.text(lang) }</dt>
                    <dd><code id="request-sn">{ data.request_sn.clone() }</code>{ " " }<CopyButton text={data.request_sn.clone()} /></dd>
                    <dt>{ "certificateName" }</dt><dd>{ data.certificate_name.clone() }</dd>
                    <dt>{ "commonName" }</dt><dd><code>{ data.common_name.clone() }</code></dd>
                    <dt>{ "dnsName" }</dt><dd>
                        if data.dns_name.is_empty() { <span class="muted">{ "—" }</span> } else { <code>{ data.dns_name.join(", ") }</code> }
                    </dd>
                    <dt>{ "validationMethod" }</dt><dd id="validation-method" data-value={data.validation_method.clone()}>{ crate::fields::validation_method_label(&data.validation_method, lang) }</dd>
                </dl>
            </article>
            <section class="next-step" aria-labelledby="next-step" aria-live="polite">
                <h3 id="next-step">{ Msg::NextStepDns.text(lang) }</h3>
                <p class="help">{ Msg::DnsRecordHelp.text_with_endpoint(lang, OperationKind::ListDcvStatuses) }</p>
                <button type="button" id="load-dns" onclick={load} disabled={loading}>
                    { button_text.text(lang) }
                </button>
                if let Load::Failed(error) = &store.loads.verification {
                    <HelperErrorNotice lead={Msg::DnsRecordsFailed} error={error.clone()} />
                }
                if let Some(verification) = verification {
                    <p class="certificate-no">{ Msg::CertificateNo.text(lang) }{ ": " }
                        <code id="certificate-no">{ verification.certificate_no.clone() }</code></p>
                    <div class="table-wrap">
                    <table class="dns-records stack">
                        <thead><tr>
                            <th scope="col">{ Msg::Domain.text(lang) }</th>
                            <th scope="col">{ Msg::RecordName.text(lang) }</th>
                            <th scope="col">{ Msg::ValidationStatus.text(lang) }</th>
                            <th scope="col">{ Msg::OtherFields.text(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for verification.domains.iter().flat_map(|d| {
                                let mark = (sandbox && d.records.iter().any(|r| r.valid_status_code != "VALID_STATUS_SUCCESS"))
                                    .then(|| (mark_created(&verification.certificate_no, &d.domain), loading));
                                domain_rows(d, lang, mark)
                            }) }
                        </tbody>
                    </table>
                    </div>
                    <p class="help">{ Msg::RecordTypeNote.text(lang) }</p>
                }
            </section>
        </section>
    }
}

/// One row per record of a domain, or one row saying it has none yet. `mark` is the sandbox's
/// "I created the record" button for the domain (its callback, and whether it is disabled).
fn domain_rows(
    domain: &DnsRecord,
    lang: Lang,
    mark: Option<(Callback<MouseEvent>, bool)>,
) -> Vec<Html> {
    let domain_cell = html! {
        <td data-label={Msg::Domain.text(lang)}>
            <code class="wrap">{ domain.domain.clone() }</code>
            if let Some((onclick, disabled)) = mark {
                <br /><button type="button" class="small sandbox-mark-created" {onclick} {disabled}
                    data-domain={domain.domain.clone()}>{ Msg::SandboxMarkCreated.text(lang) }</button>
            }
        </td>
    };
    if domain.records.is_empty() {
        return vec![html! {
            <tr data-domain={domain.domain.clone()}>
                { domain_cell }
                <td colspan="3" class="muted">{ Msg::NoRecordYet.text(lang) }</td>
            </tr>
        }];
    }
    domain
        .records
        .iter()
        .map(|record| {
            let code = &record.valid_status_code;
            let badge = match code.as_str() {
                "VALID_STATUS_SUCCESS" => Some("ok"),
                "VALID_STATUS_TIMEOUT" => Some("expired"),
                "VALID_STATUS_REG" => Some("warn"),
                _ => None,
            };
            html! {
                <tr data-domain={domain.domain.clone()} data-status={code.clone()}>
                    { domain_cell.clone() }
                    <td data-label={Msg::RecordName.text(lang)} class="txt-name">
                        <code class="wrap">{ record.txt_name.clone() }</code>
                        if !record.txt_name.is_empty() { { " " }<CopyButton text={record.txt_name.clone()} /> }
                    </td>
                    <td data-label={Msg::ValidationStatus.text(lang)} class="valid-status">
                        <span class={classes!("validity-badge", badge)}>
                            { dcv_status_text(lang, code).unwrap_or(code.as_str()) }
                        </span>
                        if dcv_status_text(lang, code).is_some() { <br /><code class="muted">{ code.clone() }</code> }
                    </td>
                    <td data-label={Msg::OtherFields.text(lang)} class="other-fields">
                        if record.other.is_empty() {
                            <span class="muted">{ "—" }</span>
                        } else {
                            <dl class="kv compact">
                                { for record.other.iter().map(|(name, value)| html! { <>
                                    <dt>{ name.clone() }</dt>
                                    <dd><code class="wrap">{ value.clone() }</code>{ " " }<CopyButton text={value.clone()} /></dd>
                                </> }) }
                            </dl>
                        }
                    </td>
                </tr>
            }
        })
        .collect()
}
