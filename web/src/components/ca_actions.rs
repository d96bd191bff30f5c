//! A CA's status actions on its detail: deactivate, activate, schedule deletion (the 72-hour
//! wait and the cascade to sub CAs said first), cancel it, and delete. A destructive one waits
//! for the CA's alias, typed.

use yew::prelude::*;

use super::helper_error;
use super::progress_text;
use super::text;
use super::typed_confirm::TypedConfirm;
use super::use_store;
use crate::i18n::{Lang, Msg};
use crate::send;
use crate::state::{confirmation_word, Action, CaCommand, CaView, CommandPhase};

/// The button text of an action.
fn label(command: CaCommand) -> Msg {
    match command {
        CaCommand::Deactivate => Msg::CaActionDeactivate,
        CaCommand::Activate => Msg::CaActionActivate,
        CaCommand::ScheduleDeletion => Msg::CaActionScheduleDeletion,
        CaCommand::CancelDeletion => Msg::CaActionCancelDeletion,
        CaCommand::Delete => Msg::CaActionDelete,
    }
}

/// What the user is told before typing the alias.
fn warning(command: CaCommand) -> Msg {
    match command {
        CaCommand::Delete => Msg::CaDeleteWarning,
        _ => Msg::CaScheduleWarning,
    }
}

/// The sentence saying `command` succeeded (focused when it shows).
pub fn done_notice(command: CaCommand, lang: Lang) -> Html {
    let text = match command {
        CaCommand::Deactivate => Msg::CaDoneDeactivated,
        CaCommand::Activate => Msg::CaDoneActivated,
        CaCommand::ScheduleDeletion => Msg::CaDoneScheduled,
        CaCommand::CancelDeletion => Msg::CaDoneCancelled,
        CaCommand::Delete => Msg::CaDoneDeleted,
    };
    html! {
        <p class="notice ok-notice" id="ca-command-done" tabindex="-1" role="status" data-command={command.id()}>
            { format!("✓ {}", text.text(lang)) }
        </p>
    }
}

/// Props of [`CaActions`].
#[derive(Properties, PartialEq)]
pub struct CaActionsProps {
    /// The CA as last read.
    pub view: CaView,
}

/// The status actions of the open CA.
#[function_component(CaActions)]
pub fn ca_actions(props: &CaActionsProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let info = &props.view.ca.ca_info;
    let ca_tag = info.ca_tag.clone();
    let offered = CaCommand::offered(&info.status);
    let pending = store.cas.command.as_ref().filter(|c| c.ca_tag == ca_tag);
    let sending = pending.is_some_and(|c| c.phase == CommandPhase::Sending);
    let button = |command: CaCommand| {
        let onclick = {
            let store = store.clone();
            let ca_tag = ca_tag.clone();
            Callback::from(move |_| {
                if command.destructive() {
                    store.dispatch(Action::CaCommandAsk {
                        ca_tag: ca_tag.clone(),
                        command,
                    });
                } else {
                    send::run_ca_command(&store, ca_tag.clone(), command, store.dispatcher());
                }
            })
        };
        html! {
            <button type="button" id={format!("ca-action-{}", command.id())}
                class={classes!(command.destructive().then_some("danger"))}
                disabled={sending} {onclick}>
                { label(command).text(lang) }
            </button>
        }
    };
    let confirm = pending.and_then(|p| match &p.phase {
        CommandPhase::Confirming { typed } => Some((p.command, typed.clone())),
        _ => None,
    });
    let word = confirmation_word(info).to_string();
    let question = confirm.map(|(command, typed)| {
        let on_input = {
            let store = store.clone();
            Callback::from(move |text| store.dispatch(Action::CaCommandTyped(text)))
        };
        let on_confirm = {
            let store = store.clone();
            let ca_tag = ca_tag.clone();
            Callback::from(move |()| {
                send::run_ca_command(&store, ca_tag.clone(), command, store.dispatcher())
            })
        };
        let on_keep = {
            let store = store.clone();
            Callback::from(move |()| store.dispatch(Action::CaCommandDismiss))
        };
        html! {
            <TypedConfirm id="ca-confirm" keep_id="ca-keep" command={AttrValue::from(command.id())}
                title={label(command).text(lang)} warning={warning(command).text(lang)}
                label={Msg::CaConfirmLabel.text(lang)} word={word.clone()} typed={typed}
                ready={store.cas.may_run(&ca_tag, command)}
                confirm_label={Msg::CaConfirmButton.text(lang)} keep_label={Msg::CaKeep.text(lang)}
                {on_input} {on_confirm} {on_keep} />
        }
    });
    let failure = pending.and_then(|p| match &p.phase {
        CommandPhase::Failed(error) => Some(error.clone()),
        _ => None,
    });
    html! {
        <section class="card" id="ca-actions" aria-labelledby="ca-actions-title">
            { text::h2("ca-actions-title", Msg::CaActionsTitle.text(lang)) }
            if offered.is_empty() {
                <p class="muted" id="ca-actions-none">{ Msg::CaActionsNone.text(lang) }</p>
            } else {
                <p class="actions">{ for offered.iter().copied().map(button) }</p>
            }
            { question.unwrap_or_default() }
            if sending {
                <p class="status" role="status" id="ca-command-sending">
                    { progress_text(Msg::Sending.text(lang)) }
                </p>
            }
            if let Some(error) = failure {
                { helper_error::notice(Msg::CaCommandFailed, error) }
            }
        </section>
    }
}
