//! A certificate's DNS validation, followed: the records to create for each domain, the
//! checks (List Dcv Statuses) repeated with a growing wait until every record is validated,
//! when the next one is, and stop / resume. The timers live here, at the edge; what to do
//! when is [`crate::state::dcv_poll`]'s.

use gloo_timers::callback::{Interval, Timeout};
use yew::prelude::*;

use super::button::button;
use super::dcv_records::DcvRecords;
use super::help;
use super::helper_error;
use super::progress_text;
use super::text;
use super::use_store;
use crate::browser;
use crate::i18n::{Lang, Msg};
use crate::send_certificates::{check_dcv, mark_record_created};
use crate::state::dcv_poll::{DcvPoll, PollPhase};
use crate::state::{Action, CmAction, SiteChoice};

/// Props of [`DcvPanel`].
#[derive(Properties, PartialEq)]
pub struct DcvPanelProps {
    /// The certificate followed.
    pub certificate_no: AttrValue,
}

/// `HH:MM:SS` of epoch milliseconds, in the browser's time zone.
fn clock_time(ms: f64, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    String::from(date.to_locale_time_string(lang.code()))
}

fn phase_id(phase: &PollPhase) -> &'static str {
    match phase {
        PollPhase::Due => "due",
        PollPhase::Checking { .. } => "checking",
        PollPhase::Waiting { .. } => "waiting",
        PollPhase::Paused => "paused",
        PollPhase::Validated => "validated",
        PollPhase::TimedOut => "timed-out",
    }
}

fn status_line(poll: &DcvPoll, now_ms: f64, lang: Lang) -> Html {
    let text = match &poll.phase {
        PollPhase::Due | PollPhase::Checking { .. } => html! { <>
            { progress_text(Msg::DcvChecking.text(lang)) }
        </> },
        PollPhase::Waiting { .. } => {
            let next_check_ms = poll.next_check_ms().unwrap_or(now_ms);
            let seconds = ((next_check_ms - now_ms) / 1000.0).ceil().max(0.0);
            let text = Msg::DcvNextCheck
                .text(lang)
                .replace("{time}", &clock_time(next_check_ms, lang))
                .replace("{seconds}", &format!("{seconds}"));
            html! { <span id="dcv-next-check">{ text }</span> }
        }
        PollPhase::Paused => html! { { Msg::DcvPaused.text(lang) } },
        PollPhase::Validated => {
            html! { <strong>{ format!("✓ {}", Msg::DcvValidated.text(lang)) }</strong> }
        }
        PollPhase::TimedOut => text::strong(Msg::DcvTimedOut.text(lang)),
    };
    let class = match poll.phase {
        PollPhase::Validated => "ok-notice",
        PollPhase::TimedOut => "error",
        _ => "",
    };
    html! {
        <div class={classes!("notice", "dcv-status", class)} id="dcv-status" role="status"
            data-phase={phase_id(&poll.phase)} data-checks={poll.checks.to_string()}>
            { text::para(text) }
            if let Some(last) = poll.last_checked_ms {
                <p class="muted" id="dcv-last-check">{ Msg::DcvLastCheck.text(lang).replace("{time}", &clock_time(last, lang)) }</p>
            }
        </div>
    }
}

/// The validation panel.
#[function_component(DcvPanel)]
pub fn dcv_panel(props: &DcvPanelProps) -> Html {
    let update = use_force_update();
    let store = use_store();
    let poll = store
        .as_ref()
        .and_then(|s| s.certificates.dcv_of(&props.certificate_no).cloned());
    {
        // Check when due: at once, or at the planned time; the countdown ticks each second.
        let store = store.clone();
        let deps = poll
            .as_ref()
            .map(|p| (p.certificate_no.clone(), p.phase.clone()));
        use_effect_with(deps, move |deps| {
            let mut timers: (Option<Timeout>, Option<Interval>) = (None, None);
            if let (Some(store), Some((no, phase))) = (store, deps.clone()) {
                let domains = store
                    .certificates
                    .dcv_of(&no)
                    .map(|p| p.domains.clone())
                    .unwrap_or_default();
                match phase {
                    PollPhase::Due => check_dcv(&store, no, domains, true, store.dispatcher()),
                    PollPhase::Waiting { next_check_ms } => {
                        let delay = (next_check_ms - browser::now_ms()).clamp(0.0, 3_600_000.0);
                        let dispatcher = store.dispatcher();
                        timers.0 = Some(Timeout::new(delay as u32, move || {
                            check_dcv(&store, no, domains, false, dispatcher)
                        }));
                        timers.1 = Some(Interval::new(1_000, move || update.force_update()));
                    }
                    _ => {}
                }
            }
            move || drop(timers)
        });
    }
    let (Some(store), Some(poll)) = (store, poll) else {
        return Html::default();
    };
    let lang = store.lang;
    let no = poll.certificate_no.clone();
    let check_now = {
        let store = store.clone();
        let (no, domains) = (no.clone(), poll.domains.clone());
        Callback::from(move |_: MouseEvent| {
            check_dcv(
                &store,
                no.clone(),
                domains.clone(),
                true,
                store.dispatcher(),
            )
        })
    };
    let stop = {
        let store = store.clone();
        let no = no.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Certificates(CmAction::DcvPause(no.clone())))
        })
    };
    let checking = matches!(poll.phase, PollPhase::Checking { .. } | PollPhase::Due);
    let mark = (store.connection.site == SiteChoice::Sandbox).then(|| {
        let store = store.clone();
        let (no, domains) = (no.clone(), poll.domains.clone());
        Callback::from(move |domain: String| {
            mark_record_created(
                &store,
                no.clone(),
                domains.clone(),
                domain,
                store.dispatcher(),
            )
        })
    });
    html! {
        <section class="card dcv-panel" id="dcv-panel" aria-labelledby="dcv-title">
            { text::h2("dcv-title", Msg::DcvTitle.text(lang)) }
            { help(Msg::DcvHelp.text(lang)) }
            { status_line(&poll, browser::now_ms(), lang) }
            <p class="actions">
                if poll.active() {
                    { button("dcv-stop", stop, Msg::DcvStop.text(lang)) }
                }
                if matches!(poll.phase, PollPhase::Waiting { .. } | PollPhase::Paused) {
                    <button type="button" id="dcv-check-now" onclick={check_now}>
                        { if poll.phase == PollPhase::Paused { Msg::DcvResume.text(lang) } else { Msg::DcvCheckNow.text(lang) } }
                    </button>
                }
            </p>
            if let Some(error) = &poll.error {
                { helper_error::notice(Msg::DcvCheckFailed, error.clone()) }
            }
            if let Some(records) = &poll.records {
                <DcvRecords domains={records.clone()} mark={mark} busy={checking || poll.marking.is_some()} />
            }
        </section>
    }
}
