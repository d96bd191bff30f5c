//! Progress and elapsed time while a request is in flight.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::use_store;
use crate::browser;
use crate::i18n::Msg;

/// Props of [`SendingStatus`].
#[derive(Properties, PartialEq)]
pub struct SendingStatusProps {
    /// `Date.now()` when sent.
    pub started_ms: f64,
}

/// An indeterminate progress bar and a ticking elapsed time.
#[function_component(SendingStatus)]
pub fn sending_status(props: &SendingStatusProps) -> Html {
    let now = use_state(browser::now_ms);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(100, move || now.set(browser::now_ms()));
            move || drop(interval)
        });
    }
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let elapsed = ((*now - props.started_ms).max(0.0) / 1000.0).max(0.0);
    html! {
        <span class="sending" role="status">
            <progress aria-label={Msg::Sending.text(lang)}></progress>
            <span class="elapsed">{ format!("{} {} s", Msg::Elapsed.text(lang), crate::decimal::fixed(elapsed, 1, false)) }</span>
        </span>
    }
}
