//! A certificate's detail on the Certificate Manager page (`#/certificates/{certificateNo}`):
//! what List Cloud Certificates says of it, its DNS validation while it waits for one, its
//! certificate and chain (Get Certificate Chain, each link checked by certkit-x509), its ZIP
//! (Download Certificate, the files listed here by certkit-core's reader), and reissue, revoke
//! and delete (the last two behind its name, typed).

use std::rc::Rc;

use certkit_core::archive::{ZipEntry, METHOD_DEFLATE, METHOD_STORED};
use certkit_core::certificate_manager::{
    CertificateArchive, CertificateChain, CloudCertificate, REVOKE_TYPES,
};
use certkit_core::operation::OperationKind;
use certkit_core::Problem;
use certkit_x509::{verify_chain_with, SignatureCheck};
use yew::prelude::*;

use super::button::{button, button_disabled};
use super::cas_page::skeleton;
use super::cert_card::CertCard;
use super::certificates_page::CertificateStatusBadge;
use super::chain_view::ChainView;
use super::dcv_panel::DcvPanel;
use super::dispatch_on;
use super::download_button::DownloadButton;
use super::help;
use super::helper_error;
use super::kv;
use super::progress_text;
use super::table;
use super::text;
use super::typed_confirm::TypedConfirm;
use super::{answered, checking_signatures, use_store, Store};
use crate::browser;
use crate::i18n::{problem_text, Lang, Msg};
use crate::send_certificates::{download_certificate, load_certificate, run_cert_command};
use crate::state::{
    blocking_problems, certificate_word, Action, CertCommand, CertField, CertificateView, CmAction,
    CommandPhase, Load, Page,
};

/// Props of [`CertificateDetail`].
#[derive(Properties, PartialEq)]
pub struct CertificateDetailProps {
    /// The certificate shown (`certificateNo`).
    pub certificate_no: AttrValue,
}

fn action_label(command: CertCommand) -> Msg {
    match command {
        CertCommand::Reissue => Msg::CertActionReissue,
        CertCommand::Revoke => Msg::CertActionRevoke,
        CertCommand::Delete => Msg::CertActionDelete,
    }
}

/// The sentence saying `command` succeeded (focused when it shows).
pub fn done_notice(command: CertCommand, lang: Lang) -> Html {
    let text = match command {
        CertCommand::Reissue => Msg::CertDoneReissued,
        CertCommand::Revoke => Msg::CertDoneRevoked,
        CertCommand::Delete => Msg::CertDoneDeleted,
    };
    html! {
        <p class="notice ok-notice" id="cert-command-done" tabindex="-1" role="status" data-command={command.id()}>
            { format!("✓ {}", text.text(lang)) }
        </p>
    }
}

fn dash(value: &str) -> Html {
    if value.trim().is_empty() {
        text::muted("—")
    } else {
        html! { { value.to_string() } }
    }
}

fn summary(certificate: &CloudCertificate, lang: Lang) -> Html {
    html! {
        <section class="card" id="cert-summary" aria-labelledby="cert-summary-title">
            { text::h2("cert-summary-title", Msg::CmCertSummary.text(lang)) }
            <dl class="kv">
                <dt>{ Msg::CertColStatus.text(lang) }</dt>
                <dd><CertificateStatusBadge code={certificate.status_code.clone()} name={certificate.status_name.clone()} /></dd>
                <dt>{ Msg::CertificateNo.text(lang) }</dt><dd><code id="cert-no">{ certificate.certificate_no.clone() }</code></dd>
                { kv::row_id(Msg::CertColName.text(lang), "cert-name", dash(&certificate.certificate_name)) }
                { kv::code_row(Msg::CertColCommonName.text(lang), certificate.common_name.clone()) }
                { kv::row(Msg::CertColDnsName.text(lang), dash(&certificate.dns_name.join(", "))) }
                { kv::row(Msg::CertColType.text(lang), dash(&certificate.certificate_type)) }
                { kv::row(Msg::CertIssueType.text(lang), dash(&certificate.issue_type)) }
                { kv::row(Msg::CertColUpdated.text(lang), dash(&certificate.update_date)) }
                if !certificate.subject_dn.is_empty() {
                    { kv::wrap_code_row("subjectDN", certificate.subject_dn.clone()) }
                }
            </dl>
        </section>
    }
}

/// The chain's parts as one PEM text, leaf first.
fn chain_pem(chain: &CertificateChain) -> String {
    std::iter::once(chain.certificate.as_str())
        .chain(chain.sub_ca_certificate.iter().map(String::as_str))
        .chain(std::iter::once(chain.root_ca_certificate.as_str()))
        .map(str::trim)
        .filter(|pem| !pem.is_empty())
        .map(|pem| format!("{pem}\n"))
        .collect()
}

fn chain_card(store: &Store, view: &CertificateView, certificate: &CloudCertificate) -> Html {
    let lang = store.lang;
    let now = (browser::now_ms() as i64).div_euclid(1000);
    let verdict = |check: &SignatureCheck| store.verdicts.get(check);
    let body = match &view.chain {
        Ok(chain) => {
            let pem = chain_pem(chain);
            let leaf = crate::pem::first_certificate(&chain.certificate, now);
            html! { <>
                { match leaf {
                    Ok(info) => html! { <CertCard {info} id={AttrValue::from("cert-leaf")} /> },
                    Err(e) => html! { <p class="notice error" id="cert-leaf-unreadable">{ Msg::CaCertUnreadable.text(lang) }{ ": " }{ e }</p> },
                } }
                { match verify_chain_with(&pem, now, &verdict).map(|outcome| answered(store, outcome)) {
                    Ok(Some(report)) => html! { <ChainView {report} pem={AttrValue::from(pem)} /> },
                    Ok(None) => checking_signatures(lang),
                    Err(e) => html! { <p class="notice error">{ Msg::CaChainUnreadable.text(lang) }{ ": " }{ e.to_string() }</p> },
                } }
            </> }
        }
        // NCP answers 2200 until the certificate is issued.
        Err(_) if certificate.status_code.trim() == "0" => html! {
            <p class="notice" id="cert-not-issued">{ Msg::CertNotIssued.text(lang) }</p>
        },
        Err(error) => helper_error::notice(Msg::CertChainFailed, error.clone()),
    };
    html! {
        <section class="card" id="cert-chain" aria-labelledby="cert-chain-title">
            { text::h2("cert-chain-title", Msg::CertChainTitle.text_with_endpoint(lang, OperationKind::GetCertificateChain)) }
            { body }
        </section>
    }
}

fn method_text(method: u16, lang: Lang) -> String {
    match method {
        METHOD_STORED => Msg::ZipStored.text(lang).to_string(),
        METHOD_DEFLATE => Msg::ZipDeflated.text(lang).to_string(),
        other => format!("{} {other}", Msg::ZipMethod.text(lang)),
    }
}

fn archive_files(no: &str, zip: &[u8], lang: Lang) -> Html {
    let archive = CertificateArchive { zip: zip.to_vec() };
    let whole = html! {
        <DownloadButton name={AttrValue::from(format!("certificate-{no}.zip"))} bytes={Rc::new(zip.to_vec())} mime="application/zip" />
    };
    let entries = match archive.entries() {
        Ok(entries) => entries,
        Err(e) => {
            return html! { <>
                <p class="notice error" id="cert-zip-unreadable">{ Msg::ZipUnreadable.text(lang) }{ ": " }{ e.to_string() }</p>
                <p class="actions">{ whole }</p>
            </> }
        }
    };
    let file = |entry: &ZipEntry<'_>| {
        let base = entry
            .name
            .rsplit('/')
            .next()
            .unwrap_or(&entry.name)
            .to_string();
        html! {
            <tr class="zip-file" data-name={entry.name.clone()}>
                <td data-label={Msg::ZipFileName.text(lang)}>{ text::wrap_code(entry.name.clone()) }</td>
                <td data-label={Msg::ZipFileSize.text(lang)} class="num">{ Msg::ZipBytes.text(lang).replace("{n}", &entry.size.to_string()) }</td>
                { table::cell(Msg::ZipFileMethod.text(lang), method_text(entry.method, lang)) }
                <td data-label={Msg::Downloads.text(lang)}>
                    { match entry.data {
                        Some(bytes) if !entry.is_dir() => html! { <DownloadButton name={AttrValue::from(base)} bytes={Rc::new(bytes.to_vec())} /> },
                        _ => text::muted(Msg::ZipInsideOnly.text(lang)),
                    } }
                </td>
            </tr>
        }
    };
    html! { <>
        <p id="cert-zip-count">{ Msg::ZipCount.text(lang).replace("{n}", &entries.len().to_string()) }</p>
        <div class="table-wrap">
            <table class="stack zip-files" aria-label={Msg::ZipFilesLabel.text(lang)}>
                { table::head(&[Msg::ZipFileName.text(lang), Msg::ZipFileSize.text(lang), Msg::ZipFileMethod.text(lang), Msg::Downloads.text(lang)]) }
                <tbody>{ for entries.iter().map(file) }</tbody>
            </table>
        </div>
        <p class="actions">{ whole }</p>
    </> }
}

fn download_card(store: &Store, no: &str) -> Html {
    let lang = store.lang;
    let download = {
        let store = store.clone();
        let no = no.to_string();
        Callback::from(move |_| download_certificate(&store, no.clone(), store.dispatcher()))
    };
    let loading = store.certificates.archive == Load::Loading;
    html! {
        <section class="card" id="cert-download" aria-labelledby="cert-download-title">
            { text::h2("cert-download-title", Msg::CertDownloadTitle.text(lang)) }
            { help(Msg::CertDownloadHelp.text_with_endpoint(lang, OperationKind::DownloadCertificate)) }
            <p class="actions">
                { button_disabled("cert-download-button", download, loading, Msg::CertDownload.text(lang)) }
            </p>
            { match &store.certificates.archive {
                Load::Loading => html! { <p class="status" role="status">{ progress_text(Msg::Sending.text(lang)) }</p> },
                Load::Loaded((of, zip)) if of == no => archive_files(no, zip, lang),
                Load::Failed(error) => helper_error::notice(Msg::CertDownloadFailed, error.clone()),
                _ => Html::default(),
            } }
        </section>
    }
}

/// A field's blocking problems, translated.
fn field_problems(problems: &[Problem], field: &str, lang: Lang) -> Html {
    problems
        .iter()
        .filter(|p| p.field == field)
        .map(|p| {
            html! {
                <p class="field-error" data-field={field.to_string()}>{ problem_text(lang, p.code, &p.message) }</p>
            }
        })
        .collect()
}

fn set_field(store: &Store, field: CertField) -> Callback<String> {
    let store = store.clone();
    Callback::from(move |value| {
        store.dispatch(Action::Certificates(CmAction::SetField(field, value)))
    })
}

fn on_text(set: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| set.emit(browser::target_value(&e)))
}

fn reissue_form(store: &Store, certificate: &CloudCertificate) -> Html {
    let lang = store.lang;
    let no = certificate.certificate_no.clone();
    let forms = &store.certificates.forms;
    let problems = blocking_problems(CertCommand::Reissue, certificate, forms);
    let shown: Vec<Problem> = if forms.csr.trim().is_empty() {
        Vec::new()
    } else {
        problems
    };
    let onsubmit = {
        let store = store.clone();
        let no = no.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run_cert_command(&store, no.clone(), CertCommand::Reissue, store.dispatcher());
        })
    };
    let keep = dispatch_on(store, Action::Certificates(CmAction::CommandDismiss));
    html! {
        <form class="notice confirm" id="cert-reissue" {onsubmit}>
            { text::para(text::strong(Msg::CertActionReissue.text(lang))) }
            { text::para(Msg::CertReissueHelp.text_with_endpoint(lang, OperationKind::ReissueCertificate)) }
            <dl class="kv compact">
                { kv::row("certificateName", certificate.certificate_name.clone()) }
                { kv::code_row("commonName", certificate.common_name.clone()) }
                { kv::row("dnsName", dash(&certificate.dns_name.join(", "))) }
                { kv::row("validationMethod", crate::fields::validation_method_label("D", lang)) }
            </dl>
            <label for="cert-reissue-csr">{ Msg::CertCsrLabel.text(lang) }</label>
            <textarea id="cert-reissue-csr" rows="6" spellcheck="false" value={forms.csr.clone()}
                oninput={on_text(set_field(store, CertField::Csr))}
                placeholder="-----BEGIN CERTIFICATE REQUEST-----" />
            { field_problems(&shown, "csr", lang) }
            <p class="card-actions">
                <button type="submit" id="cert-reissue-send" disabled={!store.certificates.may_run(&no, CertCommand::Reissue)}>
                    { Msg::Send.text(lang) }
                </button>
                { button("cert-reissue-keep", keep, Msg::Cancel.text(lang)) }
            </p>
        </form>
    }
}

fn revoke_fields(store: &Store, certificate: &CloudCertificate) -> Html {
    let lang = store.lang;
    let forms = &store.certificates.forms;
    let problems = blocking_problems(CertCommand::Revoke, certificate, forms);
    let onchange = {
        let set = set_field(store, CertField::RevokeType);
        Callback::from(move |e: Event| set.emit(browser::target_value(&e)))
    };
    html! { <>
        <label for="cert-revoke-order-id">{ Msg::CertOrderIdLabel.text(lang) }</label>
        <input id="cert-revoke-order-id" type="text" autocomplete="off" spellcheck="false"
            value={forms.order_id.clone()} oninput={on_text(set_field(store, CertField::OrderId))}
            aria-describedby="cert-revoke-order-id-help" />
        <p class="help" id="cert-revoke-order-id-help">{ Msg::CertOrderIdHelp.text(lang) }</p>
        { field_problems(&problems, "orderId", lang) }
        <label for="cert-revoke-type">{ Msg::CertRevokeTypeLabel.text(lang) }</label>
        <select id="cert-revoke-type" {onchange}>
            { for REVOKE_TYPES.iter().map(|t| html! {
                <option value={*t} selected={forms.revoke_type == *t}>{ revoke_type_text(t, lang) }{ format!(" ({t})") }</option>
            }) }
        </select>
        { field_problems(&problems, "revokeType", lang) }
    </> }
}

fn revoke_type_text(revoke_type: &str, lang: Lang) -> &'static str {
    match revoke_type {
        "affiliationChanged" => Msg::RevokeAffiliationChanged.text(lang),
        "superseded" => Msg::RevokeSuperseded.text(lang),
        "cessationOfOperation" => Msg::RevokeCessation.text(lang),
        _ => Msg::RevokeUnspecified.text(lang),
    }
}

fn actions_card(store: &Store, certificate: &CloudCertificate) -> Html {
    let lang = store.lang;
    let no = certificate.certificate_no.clone();
    let pending = store
        .certificates
        .command
        .as_ref()
        .filter(|c| c.certificate_no == no);
    let sending = pending.is_some_and(|c| c.phase == CommandPhase::Sending);
    let button = |command: CertCommand| {
        let onclick = {
            let store = store.clone();
            let no = no.clone();
            Callback::from(move |_| {
                store.dispatch(Action::Certificates(CmAction::CommandAsk {
                    certificate_no: no.clone(),
                    command,
                }))
            })
        };
        html! {
            <button type="button" id={format!("cert-action-{}", command.id())}
                class={classes!(command.destructive().then_some("danger"))} disabled={sending} {onclick}>
                { action_label(command).text(lang) }
            </button>
        }
    };
    let confirming = pending.and_then(|p| match &p.phase {
        CommandPhase::Confirming { typed } => Some((p.command, typed.clone())),
        _ => None,
    });
    let question = confirming.map(|(command, typed)| {
        if command == CertCommand::Reissue {
            return reissue_form(store, certificate);
        }
        let on_input = {
            let store = store.clone();
            Callback::from(move |text| store.dispatch(Action::Certificates(CmAction::CommandTyped(text))))
        };
        let on_confirm = {
            let store = store.clone();
            let no = no.clone();
            Callback::from(move |()| run_cert_command(&store, no.clone(), command, store.dispatcher()))
        };
        let on_keep = {
            let store = store.clone();
            Callback::from(move |()| store.dispatch(Action::Certificates(CmAction::CommandDismiss)))
        };
        let warning = match command {
            CertCommand::Revoke => Msg::CertRevokeWarning,
            _ => Msg::CertDeleteWarning,
        };
        html! {
            <TypedConfirm id="cert-confirm" keep_id="cert-keep" command={AttrValue::from(command.id())}
                title={action_label(command).text(lang)}
                warning={warning.text(lang)} label={Msg::CertConfirmLabel.text(lang)}
                word={certificate_word(certificate).to_string()} {typed}
                ready={store.certificates.may_run(&no, command)}
                confirm_label={Msg::CaConfirmButton.text(lang)} keep_label={Msg::CertKeep.text(lang)}
                {on_input} {on_confirm} {on_keep}>
                if command == CertCommand::Revoke { { revoke_fields(store, certificate) } }
            </TypedConfirm>
        }
    });
    let failure = pending.and_then(|p| match &p.phase {
        CommandPhase::Failed(error) => Some(error.clone()),
        _ => None,
    });
    html! {
        <section class="card" id="cert-actions" aria-labelledby="cert-actions-title">
            { text::h2("cert-actions-title", Msg::CertActionsTitle.text(lang)) }
            { help(Msg::CertActionsHelp.text(lang)) }
            <p class="actions">{ for CertCommand::ALL.into_iter().map(button) }</p>
            { question.unwrap_or_default() }
            if sending {
                <p class="status" role="status" id="cert-command-sending">
                    { progress_text(Msg::Sending.text(lang)) }
                </p>
            }
            if let Some(error) = failure {
                { helper_error::notice(Msg::CertCommandFailed, error) }
            }
        </section>
    }
}

/// A certificate's detail.
#[function_component(CertificateDetail)]
pub fn certificate_detail(props: &CertificateDetailProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let no = props.certificate_no.to_string();
    let reload = {
        let store = store.clone();
        let no = no.clone();
        Callback::from(move |_| load_certificate(&store, no.clone(), store.dispatcher()))
    };
    let certificate = store.certificates.opened(&no).cloned();
    let name = certificate
        .as_ref()
        .map(|c| c.certificate_name.clone())
        .filter(|n| !n.trim().is_empty())
        .or_else(|| {
            store
                .certificates
                .follow
                .as_ref()
                .map(|f| f.issuance.certificate_name.clone())
        })
        .unwrap_or_else(|| no.clone());
    let followed = store.certificates.dcv_of(&no).is_some();
    let body = match &store.certificates.detail {
        Load::Idle | Load::Loading => skeleton(lang, Msg::CmCertLoading, "cert-loading"),
        Load::Failed(error) => html! { <>
            { helper_error::notice(Msg::CmCertFailed, error.clone()) }
            <p class="actions">
                { button("cert-retry", reload, Msg::Retry.text(lang)) }
                <a href={Page::Connection.route()}>{ Msg::CasCheckConnection.text(lang) }</a>
            </p>
        </> },
        Load::Loaded(view) => match &view.certificate {
            None => html! {
                <div class="notice" id="cert-not-listed">
                    <p>{ Msg::CertNotListed.text(lang).replace("{no}", &no) }</p>
                    <p class="actions">{ button("cert-reload", reload, Msg::Reload.text(lang)) }</p>
                </div>
            },
            Some(certificate) => html! { <>
                { summary(certificate, lang) }
                if followed { <DcvPanel certificate_no={AttrValue::from(no.clone())} /> }
                { chain_card(&store, view, certificate) }
                { download_card(&store, &no) }
                { actions_card(&store, certificate) }
                <p class="actions">
                    { button("cert-reload", reload, Msg::Reload.text(lang)) }
                </p>
            </> },
        },
    };
    // While the detail is read, the validation followed stays on screen.
    let loaded = matches!(store.certificates.detail, Load::Loaded(_));
    html! {
        <section class="cert-detail" data-certificate-no={no.clone()}>
            <p class="back"><a href={Page::Certificates.route()} id="cert-back">{ "← " }{ Msg::CertBack.text(lang) }</a></p>
            <header class="ca-head">
                <h1 id="cert-title" tabindex="-1">{ format!("{} · {name}", Msg::CmCertTitle.text(lang)) }</h1>
                if let Some(certificate) = &certificate {
                    <CertificateStatusBadge code={certificate.status_code.clone()} name={certificate.status_name.clone()} />
                }
            </header>
            if let Some((_, command)) = store.certificates.done.as_ref().filter(|(of, _)| *of == no) {
                { done_notice(*command, lang) }
            }
            if followed && !loaded { <DcvPanel certificate_no={AttrValue::from(no.clone())} /> }
            <div class="ca-body">{ body }</div>
        </section>
    }
}
