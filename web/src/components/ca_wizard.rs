//! issue 13: the Create CA wizard (`#/cas/new`): what to create (a root, a sub CA signed by a
//! CA of this account, or one signed elsewhere), Create CA's fields, then each step ticked as
//! it is done, the CSR to download for an outside CA, the signed certificate and chain to
//! bring back (with Activate Sub CA's checks), and the status polled until ACTIVE.

use std::rc::Rc;

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::activate_checks::checks;
use super::ca_wizard_poll::CaWizardPoll;
use super::copy_button::CopyButton;
use super::download_button::DownloadButton;
use super::form_field::FormField;
use super::help;
use super::helper_error;
use super::progress_text;
use super::text;
use super::{dispatch_on, follow_link};
use super::{use_store, Store};
use crate::ca_wizard_flow;
use crate::fields::{self, Field};
use crate::i18n::{ca_status_text, problem_text, Msg};
use crate::send;
use crate::state::{
    ca_route, Action, AppState, Load, Page, Step, WizardKind, CA_CHAIN_PEM, CERT_PEM, SIGN_CA_TAG,
};

const CREATE: OperationKind = OperationKind::CreateCa;

/// How a kind reads in the choice.
fn kind_text(kind: WizardKind) -> (Msg, Msg) {
    match kind {
        WizardKind::Root => (Msg::CaWizardRoot, Msg::CaWizardRootHelp),
        WizardKind::SubPlatform => (Msg::CaWizardPlatform, Msg::CaWizardPlatformHelp),
        WizardKind::SubExternal => (Msg::CaWizardExternal, Msg::CaWizardExternalHelp),
    }
}

/// A step's name in the list.
fn step_text(step: Step, kind: WizardKind) -> Msg {
    match step {
        Step::Create => Msg::CaWizardStepCreate,
        Step::Csr => Msg::CaWizardStepCsr,
        Step::Sign if kind == WizardKind::SubExternal => Msg::CaWizardStepSignedElsewhere,
        Step::Sign => Msg::CaWizardStepSign,
        Step::Activate => Msg::CaWizardStepActivate,
        Step::Active => Msg::CaWizardStepActive,
    }
}

/// What failed, said before core's classified failure.
fn failed_text(step: Step) -> Msg {
    match step {
        Step::Create => Msg::CaWizardFailedCreate,
        Step::Csr => Msg::CaWizardFailedCsr,
        Step::Sign => Msg::CaWizardFailedSign,
        Step::Activate => Msg::CaWizardFailedActivate,
        Step::Active => Msg::CaWizardFailedCheck,
    }
}

/// The fields with their translated problems (shown once touched or after the button).
fn field(store: &AppState, field: Field) -> Html {
    let lang = store.lang;
    let errors: Vec<String> = store
        .ca_wizard
        .problems()
        .into_iter()
        .filter(|(key, _)| key == field.path)
        .map(|(_, p)| problem_text(lang, p.code, &p.message))
        .collect();
    html! { <FormField op={CREATE} {field} {errors} /> }
}

fn kind_choice(store: &Store) -> Html {
    let lang = store.lang;
    let wizard = &store.ca_wizard;
    let locked = wizard.progress.is_some() || wizard.running.is_some();
    html! {
        <fieldset class="wizard-kind" id="ca-wizard-kind" disabled={locked}>
            { text::legend(Msg::CaWizardKindLegend.text(lang)) }
            { for WizardKind::ALL.into_iter().map(|kind| {
                let (name, help) = kind_text(kind);
                let id = format!("ca-wizard-kind-{}", kind.id());
                let onchange = dispatch_on(store, Action::CaWizardKind(kind));
                html! {
                    <div class="radio wizard-kind-option">
                        <input type="radio" name="ca-wizard-kind" id={id.clone()} value={kind.id()}
                            checked={wizard.kind == kind} {onchange} aria-describedby={format!("{id}-help")} />
                        <label for={id.clone()}>
                            <span>{ text::strong(name.text(lang)) }{ format!(" ({})", kind.ca_type()) }</span>
                            <span class="help" id={format!("{id}-help")}>{ help.text(lang) }</span>
                        </label>
                    </div>
                }
            }) }
        </fieldset>
    }
}

fn steps(store: &AppState) -> Html {
    let lang = store.lang;
    let wizard = &store.ca_wizard;
    html! {
        <ol class="wizard-steps" id="ca-wizard-steps" tabindex="-1" aria-label={Msg::CaWizardStepsLabel.text(lang)}>
            { for wizard.kind.steps().iter().map(|step| {
                let state = if wizard.step_done(*step) {
                    "done"
                } else if wizard.running == Some(*step) {
                    "running"
                } else if wizard.failed.as_ref().is_some_and(|(s, _)| s == step) {
                    "failed"
                } else {
                    "todo"
                };
                let mark = match state {
                    "done" => "✓",
                    "running" => "…",
                    "failed" => "✗",
                    _ => "○",
                };
                let said = match state {
                    "done" => Msg::CaWizardStateDone,
                    "running" => Msg::CaWizardStateRunning,
                    "failed" => Msg::CaWizardStateFailed,
                    _ => Msg::CaWizardStateTodo,
                };
                html! {
                    <li class={classes!("wizard-step", state)} data-step={step.id()} data-state={state}>
                        <span class="step-mark" aria-hidden="true">{ mark }</span>
                        <span class="step-name">{ step_text(*step, wizard.kind).text(lang) }</span>
                        <span class="visually-hidden">{ format!(": {}", said.text(lang)) }</span>
                        if state == "running" { <progress aria-hidden="true"></progress> }
                    </li>
                }
            }) }
        </ol>
    }
}

/// A warning (never blocking) when the CA list, as last read, shows the signing CA in another
/// status than ACTIVE (the status Sign Sub Csr needs, as ncp-operations.md infers it).
fn signer_warning(store: &AppState) -> Html {
    let tag = store.ca_wizard.get(SIGN_CA_TAG).trim();
    let Load::Loaded((site, list)) = &store.loads.ca_list else {
        return Html::default();
    };
    let listed = list.iter().find(|ca| ca.ca_tag == tag);
    match listed {
        Some(ca) if *site == store.connection.site && ca.status != "ACTIVE" => html! {
            <p class="notice warning" id="ca-wizard-signer-status" role="status">
                { ca_status_text(store.lang, "Sign Sub Csr", tag, &ca.status, "ACTIVE") }
            </p>
        },
        _ => Html::default(),
    }
}

/// The created CA's CSR, to download or copy for the outside CA.
fn csr_box(store: &AppState, csr_pem: &str) -> Html {
    let lang = store.lang;
    let alias = store.ca_wizard.get("alias").trim();
    let name = format!(
        "{}.csr.pem",
        if alias.is_empty() { "sub-ca" } else { alias }
    );
    html! {
        <section class="panel wizard-csr" aria-labelledby="ca-wizard-csr-title">
            { text::h2("ca-wizard-csr-title", Msg::CaWizardCsrTitle.text(lang)) }
            { help(Msg::CaWizardCsrHelp.text_with_endpoint(lang, OperationKind::GetSubCsr)) }
            <pre id="ca-wizard-csr">{ text::code(csr_pem.to_string()) }</pre>
            <p class="actions">
                <DownloadButton name={AttrValue::from(name)} bytes={Rc::new(csr_pem.as_bytes().to_vec())} />
                <CopyButton text={AttrValue::from(csr_pem.to_string())} what={AttrValue::from("CSR")} />
            </p>
        </section>
    }
}

/// The signed certificate and chain the outside CA gave back, with Activate Sub CA's checks.
fn signed_elsewhere(store: &Store, locked: bool) -> Html {
    let lang = store.lang;
    let wizard = &store.ca_wizard;
    let fix = {
        let store = store.clone();
        Callback::from(move |ordered: String| {
            store.dispatch(Action::SetField {
                op: CREATE,
                field: CA_CHAIN_PEM.into(),
                value: ordered,
            })
        })
    };
    html! {
        <fieldset class="wizard-signed" id="ca-wizard-signed" disabled={locked}>
            { text::legend(Msg::CaWizardSignedLegend.text(lang)) }
            { help(Msg::CaWizardSignedHelp.text(lang)) }
            <div class="fields">
                { for fields::ACTIVATE_SUB_CA.iter().filter(|f| f.path != "caTag").map(|f| field(store, *f)) }
            </div>
            { checks(store, wizard.get(CERT_PEM), wizard.get(CA_CHAIN_PEM), fix) }
        </fieldset>
    }
}

/// The main button's words for what it sends next.
fn button_text(store: &AppState) -> Msg {
    let wizard = &store.ca_wizard;
    if let Some((step, _)) = &wizard.failed {
        return match step {
            Step::Active => Msg::CaWizardCheckNow,
            _ => Msg::CaWizardRetry,
        };
    }
    match (wizard.progress.is_some(), wizard.kind) {
        (false, WizardKind::Root) => Msg::CaWizardCreateRoot,
        (false, WizardKind::SubPlatform) => Msg::CaWizardCreatePlatform,
        (false, WizardKind::SubExternal) => Msg::CaWizardCreateExternal,
        (true, WizardKind::SubExternal) if wizard.step_done(Step::Csr) => Msg::CaWizardActivate,
        (true, _) => Msg::CaWizardContinue,
    }
}

/// Where to go from the created CA: its page, the list, or another CA.
fn after_links(store: &Store) -> Html {
    let lang = store.lang;
    let wizard = &store.ca_wizard;
    let Some(progress) = &wizard.progress else {
        return Html::default();
    };
    let tag = progress.ca_tag().to_string();
    let open = follow_link(store, Action::OpenCa(tag.clone()));
    let to_list = follow_link(store, Action::Navigate(Page::Cas));
    let start_over = dispatch_on(store, Action::CaWizardStartOver);
    let done = wizard.is_done();
    html! {
        <p class="actions wizard-after">
            <a href={ca_route(&tag)} id="ca-wizard-open" onclick={open}>{ Msg::CaWizardOpenCa.text(lang) }</a>
            <a href={Page::Cas.route()} id="ca-wizard-to-list" onclick={to_list}>{ Msg::CaWizardToList.text(lang) }</a>
            <button type="button" id="ca-wizard-start-over" onclick={start_over} disabled={wizard.running.is_some()}>
                { if done { Msg::CaWizardAnother.text(lang) } else { Msg::CaWizardStartOver.text(lang) } }
            </button>
        </p>
    }
}

fn done_notice(store: &AppState) -> Html {
    let lang = store.lang;
    let Some(progress) = &store.ca_wizard.progress else {
        return Html::default();
    };
    let tag = progress.ca_tag().to_string();
    html! {
        <div class="notice ok-notice" id="ca-wizard-done" tabindex="-1" role="status" data-ca-tag={tag.clone()}>
            <p><strong>{ format!("✓ {}", Msg::CaWizardDone.text(lang)) }</strong></p>
            <p>{ Msg::CaWizardCreatedTag.text(lang) }{ " (caTag): " }<code id="ca-wizard-ca-tag">{ tag.clone() }</code></p>
        </div>
    }
}

/// The wizard.
#[function_component(CaWizardView)]
pub fn ca_wizard_view() -> Html {
    let store = use_store();
    {
        // A sub CA signed on the platform picks its signing CA from the list: read it once.
        let store = store.clone();
        let wants_list = store.as_ref().is_some_and(|s| {
            s.ca_wizard.kind == WizardKind::SubPlatform && s.loads.ca_list == Load::Idle
        });
        use_effect_with(wants_list, move |wants| {
            if let (true, Some(store)) = (*wants, store) {
                send::load_ca_list(&store, store.dispatcher());
            }
        });
    }
    let Some(store) = store else {
        return Html::default();
    };
    let lang = store.lang;
    let wizard = &store.ca_wizard;
    let created = wizard.progress.is_some();
    let busy = wizard.running.is_some();
    let onsubmit = {
        let store = store.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            ca_wizard_flow::run(&store, store.dispatcher());
        })
    };
    let to_list = follow_link(&store, Action::Navigate(Page::Cas));
    let problems = wizard.problems();
    let warnings = wizard.warnings();
    let show_summary = wizard.form.submitted && !problems.is_empty() && !busy;
    let csr = wizard.progress.as_ref().and_then(|p| p.csr_pem.clone());
    let sign_locked = wizard.step_done(Step::Sign) || busy;
    let signed_locked = wizard.step_done(Step::Activate) || busy;
    let done = wizard.is_done();
    // The button sends what comes next; none once activation answered (the poll takes
    // over) or a root is created, unless a step failed.
    let waits_for_poll =
        wizard.step_done(Step::Activate) || (wizard.kind == WizardKind::Root && created);
    let shows_button = !done && (!waits_for_poll || wizard.failed.is_some());
    html! {
        <section class="ca-wizard" aria-labelledby="ca-wizard-title" data-kind={wizard.kind.id()}>
            <p class="back"><a href={Page::Cas.route()} id="ca-wizard-back" onclick={to_list.clone()}>{ "← " }{ Msg::CaBack.text(lang) }</a></p>
            <h1 id="ca-wizard-title" tabindex="-1">{ Msg::CaWizardTitle.text(lang) }</h1>
            { help(Msg::CaWizardIntro.text_with_endpoint(lang, OperationKind::CreateCa)) }
            { kind_choice(&store) }
            { steps(&store) }
            <CaWizardPoll />
            if done {
                { done_notice(&store) }
            }
            if done {
                { after_links(&store) }
            }
            <form class="op-form wizard-form" novalidate=true {onsubmit}>
                <fieldset class="wizard-create" id="ca-wizard-create" disabled={created || busy}>
                    { text::legend(Msg::CaWizardCreateLegend.text(lang)) }
                    <div class="fields">
                        { for fields::CREATE_CA.iter().map(|f| field(&store, *f)) }
                    </div>
                </fieldset>
                if wizard.kind == WizardKind::SubPlatform {
                    <fieldset class="wizard-sign" id="ca-wizard-sign" disabled={sign_locked}>
                        { text::legend(Msg::CaWizardSignLegend.text(lang)) }
                        { help(Msg::CaWizardSignHelp.text_with_endpoint(lang, OperationKind::SignSubCsr)) }
                        <div class="fields">
                            { for fields::CA_WIZARD_SIGN.iter().map(|f| field(&store, *f)) }
                        </div>
                        { signer_warning(&store) }
                    </fieldset>
                }
                if let (WizardKind::SubExternal, Some(csr)) = (wizard.kind, &csr) {
                    { csr_box(&store, csr) }
                    { signed_elsewhere(&store, signed_locked) }
                }
                if show_summary {
                    <div class="notice error" id="ca-wizard-refused" role="alert">
                        { text::para(text::strong(Msg::SendRefused.text(lang))) }
                        <ul>{ for problems.iter().map(|(key, p)| html! {
                            <li>{ format!("{key}: {}", problem_text(lang, p.code, &p.message)) }</li>
                        }) }</ul>
                    </div>
                }
                if !warnings.is_empty() && !done {
                    <div class="notice warning" id="ca-wizard-warnings" role="status">
                        <ul>{ for warnings.iter().map(|(key, p)| html! {
                            <li data-field={key.clone()}>{ format!("{key}: {}", problem_text(lang, p.code, &p.message)) }</li>
                        }) }</ul>
                    </div>
                }
                if let Some((step, error)) = &wizard.failed {
                    <div id="ca-wizard-failed" tabindex="-1" data-step={step.id()}>
                        { helper_error::notice(failed_text(*step), error.clone()) }
                        { help(Msg::CaWizardFailedKept.text(lang)) }
                    </div>
                }
                if shows_button {
                    <p class="actions">
                        <button type="submit" class="primary" id="ca-wizard-go" disabled={busy}
                            data-next={wizard.failed.as_ref().map(|(s, _)| s).copied().or_else(|| wizard.step_to_send(true)).map(|s| s.id())}>
                            { button_text(&store).text(lang) }
                        </button>
                        if busy {
                            <span class="sending" role="status">{ progress_text(Msg::Sending.text(lang)) }</span>
                        }
                    </p>
                }
            </form>
            if created && !done {
                { after_links(&store) }
                { help(Msg::CaWizardStartOverHelp.text(lang)) }
            }
        </section>
    }
}
