//! The DNS records that validate a certificate's domains, one row per record (or per domain
//! without one yet): the record to create (name, type, value, each to copy) and its status.
//! Used by Request Certificate Issuance's result and the Certificate Manager page.

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::help;
use super::table;
use super::text;
use super::use_store;
use crate::i18n::{dcv_status_text, Lang, Msg};
use crate::state::DnsRecord;

/// Props of [`DcvRecords`].
#[derive(Properties, PartialEq)]
pub struct DcvRecordsProps {
    /// Each domain's records.
    pub domains: Vec<DnsRecord>,
    /// Sandbox only: "I created the record" of a domain (offered where it is not validated).
    #[prop_or_default]
    pub mark: Option<Callback<String>>,
    /// The sandbox buttons are disabled (one is being sent).
    #[prop_or_default]
    pub busy: bool,
}

/// The records.
#[function_component(DcvRecords)]
pub fn dcv_records(props: &DcvRecordsProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    html! { <>
        <div class="table-wrap">
        <table class="dns-records stack">
            { table::head(&[Msg::Domain.text(lang), Msg::RecordName.text(lang), Msg::RecordType.text(lang), Msg::RecordValue.text(lang), Msg::ValidationStatus.text(lang), Msg::OtherFields.text(lang)]) }
            <tbody>
                { for props.domains.iter().flat_map(|d| {
                    let pending = d.records.is_empty()
                        || d.records.iter().any(|r| r.valid_status_code != "VALID_STATUS_SUCCESS");
                    let mark = props.mark.as_ref().filter(|_| pending).map(|mark| {
                        let domain = d.domain.clone();
                        (mark.reform(move |_: MouseEvent| domain.clone()), props.busy)
                    });
                    domain_rows(d, lang, mark)
                }) }
            </tbody>
        </table>
        </div>
        { help(Msg::RecordTypeNote.text(lang)) }
    </> }
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
            { text::wrap_code(domain.domain.clone()) }
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
                <td colspan="5" class="muted">{ Msg::NoRecordYet.text(lang) }</td>
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
            let value = record.record_value();
            let value_field = value.map(|(field, _)| field.to_string());
            html! {
                <tr data-domain={domain.domain.clone()} data-status={code.clone()}>
                    { domain_cell.clone() }
                    <td data-label={Msg::RecordName.text(lang)} class="txt-name">
                        { text::wrap_code(record.txt_name.clone()) }
                        if !record.txt_name.is_empty() { { " " }<CopyButton text={record.txt_name.clone()} what={Msg::RecordName.text(lang)} /> }
                    </td>
                    <td data-label={Msg::RecordType.text(lang)} class="record-type">
                        { match record.record_type() {
                            Some(kind) => text::code(kind),
                            None => text::muted(Msg::RecordTypeUnsaid.text(lang)),
                        } }
                    </td>
                    <td data-label={Msg::RecordValue.text(lang)} class="record-value">
                        { match value {
                            Some((field, value)) => html! { <>
                                { text::wrap_code(value.to_string()) }{ " " }
                                <CopyButton text={value.to_string()} what={field.to_string()} />
                                <br /><code class="muted">{ field.to_string() }</code>
                            </> },
                            None => text::muted(Msg::RecordValueUnsaid.text(lang)),
                        } }
                    </td>
                    <td data-label={Msg::ValidationStatus.text(lang)} class="valid-status">
                        <span class={classes!("validity-badge", badge)}>
                            { dcv_status_text(lang, code).unwrap_or(code.as_str()) }
                        </span>
                        if dcv_status_text(lang, code).is_some() { <br /><code class="muted">{ code.clone() }</code> }
                    </td>
                    <td data-label={Msg::OtherFields.text(lang)} class="other-fields">
                        { other_fields(record, value_field.as_deref()) }
                    </td>
                </tr>
            }
        })
        .collect()
}

/// The fields NCP added besides the value shown already.
fn other_fields(
    record: &certkit_core::certificate_manager::DnsVerification,
    shown: Option<&str>,
) -> Html {
    let others: Vec<_> = record
        .other
        .iter()
        .filter(|(name, _)| Some(name.as_str()) != shown)
        .collect();
    if others.is_empty() {
        return text::muted("—");
    }
    html! {
        <dl class="kv compact">
            { for others.into_iter().map(|(name, value)| html! { <>
                <dt>{ name.clone() }</dt>
                <dd>{ text::wrap_code(value.clone()) }{ " " }<CopyButton text={value.clone()} /></dd>
            </> }) }
        </dl>
    }
}
