//! issue 13: the Create CA wizard's status poll: the status as last read, when the next
//! check goes (counting down), Stop and Check now. The timer that sends the check lives here,
//! at the edge; the schedule is the reducer's.

use gloo_timers::callback::{Interval, Timeout};
use yew::prelude::*;

use super::button::button;
use super::dispatch_on;
use super::use_store;
use crate::browser;
use crate::ca_wizard_flow;
use crate::i18n::{Lang, Msg};
use crate::state::{Action, Poll, Step};

/// A time of day in the page's language.
fn clock(ms: f64, lang: Lang) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
        .to_locale_time_string(lang.code())
        .as_string()
        .unwrap_or_default()
}

/// The poll's line, while the CA waits to turn ACTIVE.
#[function_component(CaWizardPoll)]
pub fn ca_wizard_poll() -> Html {
    let now = use_state(browser::now_ms);
    let store = use_store();
    {
        // The countdown.
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(500, move || now.set(browser::now_ms()));
            move || drop(interval)
        });
    }
    {
        // The next check, when one is due; a new schedule (or Stop) replaces the timer.
        let store = store.clone();
        let due = store
            .as_ref()
            .map(|s| s.ca_wizard.progress.as_ref().map(|p| p.poll.clone()));
        use_effect_with(due, move |_| {
            let timer = store.and_then(|store| {
                let wait = store.ca_wizard.poll_due_in_ms(browser::now_ms())?;
                let dispatcher = store.dispatcher();
                Some(Timeout::new(
                    wait.min(f64::from(u32::MAX)) as u32,
                    move || ca_wizard_flow::check_status(&store, dispatcher),
                ))
            });
            move || drop(timer)
        });
    }
    let Some(store) = store else {
        return Html::default();
    };
    let lang = store.lang;
    let wizard = &store.ca_wizard;
    let Some(progress) = &wizard.progress else {
        return Html::default();
    };
    let Some(poll) = &progress.poll else {
        return Html::default();
    };
    let stop = dispatch_on(&store, Action::CaWizardPollCancel);
    let check_now = {
        let store = store.clone();
        Callback::from(move |_| {
            store.dispatch(Action::CaWizardPollNow {
                at_ms: browser::now_ms(),
            })
        })
    };
    let status = if progress.status.is_empty() {
        "—".to_string()
    } else {
        progress.status.clone()
    };
    let (state, line) = match poll {
        Poll::Waiting { next_at_ms, .. } => {
            let seconds = ((next_at_ms - *now).max(0.0) / 1000.0).ceil() as u64;
            let line = Msg::CaWizardNextCheck
                .text(lang)
                .replace("{time}", &clock(*next_at_ms, lang))
                .replace("{seconds}", &seconds.to_string());
            ("waiting", line)
        }
        Poll::Checking { .. } => ("checking", Msg::CaWizardChecking.text(lang).to_string()),
        Poll::Cancelled => ("stopped", Msg::CaWizardPollStopped.text(lang).to_string()),
        Poll::GaveUp => ("gave-up", Msg::CaWizardPollGaveUp.text(lang).to_string()),
        Poll::Stopped => (
            "status",
            Msg::CaWizardPollWrongStatus
                .text(lang)
                .replace("{status}", &status),
        ),
    };
    let checks_again = !matches!(poll, Poll::Waiting { .. } | Poll::Checking { .. })
        && wizard.running.is_none()
        && !matches!(wizard.failed, Some((Step::Active, _)));
    html! {
        <div class="notice poll" id="ca-wizard-poll" data-poll={state} role="status" aria-live="polite">
            <p>
                <strong>{ Msg::CaWizardStatusNow.text(lang) }{ " (status): " }</strong>
                <span class="badge pending" id="ca-wizard-status">{ status }</span>
            </p>
            <p id="ca-wizard-next-check">
                if matches!(poll, Poll::Checking { .. }) {
                    <progress aria-label={Msg::CaWizardChecking.text(lang)}></progress>{ " " }
                }
                { line }
            </p>
            <p class="actions">
                if matches!(poll, Poll::Waiting { .. }) {
                    { button("ca-wizard-poll-stop", stop, Msg::CaWizardPollStop.text(lang)) }
                }
                if matches!(poll, Poll::Waiting { .. }) || checks_again {
                    { button("ca-wizard-poll-now", check_now, Msg::CaWizardCheckNow.text(lang)) }
                }
            </p>
        </div>
    }
}
