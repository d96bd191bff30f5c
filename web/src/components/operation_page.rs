//! One operation's page: its form, the checks, send/cancel, preview, response and results.

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::activate_checks::ActivateChecks;
use super::button::button;
use super::dispatch_on;
use super::form_field::FormField;
use super::help;
use super::helper_error;
use super::nav::page_title;
use super::outcome_summary::OutcomeSummary;
use super::own_key_csr::OwnKeyCsr;
use super::own_key_panel::OwnKeyPanel;
use super::preview::Preview;
use super::response_panel::ResponsePanel;
use super::results::Results;
use super::sending_status::SendingStatus;
use super::text;
use super::use_store;
use crate::browser;
use crate::fields::{self, Field};
use crate::i18n::{ca_status_text, problem_text, Lang, Msg};
use crate::send::{self, PreSendWarning};
use crate::state::Refusal;
use crate::state::{dom_name, field_dom_id, Action, Load, Page, Phase, SiteChoice};

/// The page's title: its name in the navigation.
fn title(op: OperationKind, lang: Lang) -> &'static str {
    Page::of(op).map_or(op.as_str(), |page| page_title(page).text(lang))
}

/// The label of the field a problem is about ("Common name (commonName)").
fn field_label(op: OperationKind, path: &str, lang: Lang) -> String {
    let (base, entry) = fields::split_path(path);
    let label = fields::fields(op)
        .iter()
        .find(|f| f.path == base)
        .map(|f| f.label(lang))
        .unwrap_or_else(|| base.to_string());
    match entry {
        Some(i) => format!("{label}, {} {}", Msg::Entry.text(lang), i + 1),
        None => label,
    }
}

/// The id of the element a refusal reason is about: the form field, or the Connection page's
/// keys (which live on another page: the link goes there).
fn reason_target(op: OperationKind, path: &str) -> Option<String> {
    let (base, _) = fields::split_path(path);
    fields::fields(op)
        .iter()
        .find(|f| f.path == base)
        .map(|f| field_dom_id(op, f))
}

/// Translated refusal reasons, each with the id of the field it is about (if it is one).
pub fn refusal_reasons(
    op: OperationKind,
    refusal: &Refusal,
    lang: Lang,
) -> Vec<(String, Option<String>)> {
    match refusal {
        Refusal::KeysMissing => vec![(Msg::KeysMissing.text(lang).to_string(), None)],
        Refusal::NotOffered(e) => vec![(format!("{}: {e}", Msg::NotOffered.text(lang)), None)],
        Refusal::Invalid(problems) => problems
            .iter()
            .map(|p| {
                let text = format!(
                    "{}: {}",
                    field_label(op, &p.field, lang),
                    problem_text(lang, p.code, &p.message)
                );
                (text, reason_target(op, &p.field))
            })
            .collect(),
    }
}

/// One reason of the refusal summary: a link that moves focus to its field (not a URL hash,
/// which names the page), or plain text.
fn reason_item(text: String, target: Option<String>) -> Html {
    match target {
        Some(id) => {
            let href = format!("#{id}");
            let onclick = Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                browser::focus_and_reveal(&id);
            });
            html! { <li><a {href} {onclick}>{ text }</a></li> }
        }
        None => text::li(text),
    }
}

/// The question asked before a send that a pre-send check says NCP will refuse.
fn warning_text(warning: &PreSendWarning, op: OperationKind, lang: Lang) -> String {
    match warning {
        PreSendWarning::NotCaCertificate => Msg::IsCaNo.text(lang).to_string(),
        PreSendWarning::ChainDoesNotVerify => Msg::ChainFails.text(lang).to_string(),
        PreSendWarning::CaStatus {
            ca_tag,
            status,
            needed,
        } => ca_status_text(lang, title(op, lang), ca_tag, status, needed),
    }
}

/// Props of [`OperationPage`].
#[derive(Properties, PartialEq)]
pub struct OperationPageProps {
    /// Which operation.
    pub op: OperationKind,
}

/// An operation page.
#[function_component(OperationPage)]
pub fn operation_page(props: &OperationPageProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let op = props.op;
    let lang = store.lang;
    let form = store.form(op);
    let exchange = store.exchange(op);

    // Field errors: certkit-core's problems, grouped by form field, translated.
    let errors = fields::field_errors(op, &form.values, lang);
    let not_offered = send::offered(store.connection.site, op).err();
    let now = browser::now_ms();
    let prepared = send::prepare(
        &store,
        op,
        send::signing_time_ms(&store, now),
        &browser::origin(),
    );
    let sending = match &exchange.phase {
        Phase::Sending { id, started_ms, .. } => Some((*id, *started_ms)),
        _ => None,
    };

    let onsubmit = {
        let store = store.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send::send(&store, op, store.dispatcher(), false);
        })
    };
    let send_anyway = {
        let store = store.clone();
        Callback::from(move |_| send::send(&store, op, store.dispatcher(), true))
    };
    let dont_send = dispatch_on(&store, Action::DismissConfirm(op));
    let warnings = if exchange.confirming {
        send::pre_send_warnings(&store, op, (now / 1000.0) as i64)
    } else {
        Vec::new()
    };
    let on_cancel = {
        let store = store.clone();
        Callback::from(move |_| {
            if let Phase::Sending { id, .. } = store.exchange(op).phase {
                send::cancel(op, id, store.dispatcher());
            }
        })
    };
    let on_helper = {
        let store = store.clone();
        // aria-disabled rather than disabled while it works: a disabled button drops focus.
        Callback::from(move |_| {
            if store.loads.sandbox_helper != Load::Loading {
                send::sandbox_sign_pending(&store, store.dispatcher())
            }
        })
    };

    let field_view = |field: &Field| {
        // Issue with my own key: the key and CSR are made above the CSR field, and what the
        // CSR asks for shows below it.
        let own_key = op == OperationKind::SignEndCsr && field.path == "csrPem";
        html! {
            <>
                if own_key { <OwnKeyPanel /> }
                <FormField op={op} field={*field}
                    errors={errors.get(field.path).cloned().unwrap_or_default()} />
                if own_key { <OwnKeyCsr /> }
            </>
        }
    };
    let title_id = format!("{}-title", dom_name(op));
    html! {
        <section class="page" aria-labelledby={title_id.clone()}>
            <h1 id={title_id}>{ title(op, lang) }</h1>
            <p class="endpoint">{ text::code(op.endpoint()) }</p>
            if let Some(e) = &not_offered {
                <div class="notice warning" role="alert" id="not-offered">
                    <p>{ text::strong(Msg::NotOffered.text(lang)) }{ format!(" — {e}") }</p>
                    { text::para(Msg::NotOfferedHelp.text(lang)) }
                </div>
            }
            if op == OperationKind::ActivateSubCa && store.connection.site == SiteChoice::Sandbox {
                <div class="notice">
                    <button type="button" id="sandbox-sign" onclick={on_helper}
                        aria-disabled={(store.loads.sandbox_helper == Load::Loading).then_some("true")}>
                        { Msg::SandboxHelper.text(lang) }
                    </button>
                    { help(Msg::SandboxHelperHelp.text(lang)) }
                    <p aria-live="polite" class="status">
                        { match &store.loads.sandbox_helper {
                            Load::Loading => Msg::SandboxHelperWorking.text(lang).to_string(),
                            Load::Loaded(tag) => format!("{} {tag}", Msg::SandboxHelperDone.text(lang)),
                            Load::Failed(_) | Load::Idle => String::new(),
                        } }
                    </p>
                    if let Load::Failed(error) = &store.loads.sandbox_helper {
                        { helper_error::notice(Msg::SandboxHelperFailed, error.clone()) }
                    }
                </div>
            }
            <form class="op-form" novalidate=true {onsubmit}>
                <div class="fields">
                    { for fields::fields(op).iter().map(field_view) }
                </div>
                if op == OperationKind::ActivateSubCa {
                    <ActivateChecks />
                }
                if form.submitted {
                    if let Err(refusal) = &prepared {
                        <div class="notice error" role="alert" id="send-refused" tabindex="-1">
                            { text::para(text::strong(Msg::SendRefused.text(lang))) }
                            <ul>
                                { for refusal_reasons(op, refusal, lang).into_iter().map(|(text, target)| reason_item(text, target)) }
                            </ul>
                        </div>
                    }
                }
                if !warnings.is_empty() {
                    <div class="notice warning confirm" role="alert" id="send-confirm" tabindex="-1">
                        { text::para(text::strong(Msg::ConfirmTitle.text(lang))) }
                        <ul>{ for warnings.iter().map(|w| text::li(warning_text(w, op, lang))) }</ul>
                        <p class="card-actions">
                            { button("send-anyway", send_anyway, Msg::SendAnyway.text(lang)) }
                            { button("dont-send", dont_send, Msg::DontSend.text(lang)) }
                        </p>
                    </div>
                }
                <div class="actions">
                    // Not offered: Send is off, and says why (the notice above).
                    <button type="submit" class="primary" id="send"
                        disabled={sending.is_some() || not_offered.is_some()}
                        aria-describedby={not_offered.is_some().then_some("not-offered")}>
                        { if sending.is_some() { Msg::Sending.text(lang) } else { Msg::Send.text(lang) } }
                    </button>
                    if let Some((_, started_ms)) = sending {
                        { button("cancel", on_cancel, Msg::Cancel.text(lang)) }
                        <SendingStatus started_ms={started_ms} />
                    }
                </div>
                <OutcomeSummary op={op} />
            </form>
            <Preview op={op} live={prepared.ok().map(|r| crate::send::sent_request(&r, &store.connection.access_key))} />
            <ResponsePanel op={op} />
            <Results op={op} />
        </section>
    }
}
