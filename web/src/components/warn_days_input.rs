//! The days-remaining warning threshold for certificate cards.

use yew::prelude::*;

use super::use_store;
use crate::browser;
use crate::i18n::Msg;
use crate::state::Action;

/// "Warn when fewer days remain than [n]".
#[function_component(WarnDaysInput)]
pub fn warn_days_input() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let oninput = {
        let store = store.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(days) = browser::target_value(&e).parse::<u32>() {
                store.dispatch(Action::SetWarnDays(days.min(36_500)));
            }
        })
    };
    html! {
        <p class="warn-days">
            <label for="warn-days">{ Msg::WarnDaysLabel.text(lang) }</label>{ " " }
            <input id="warn-days" type="number" min="0" max="36500" inputmode="numeric"
                value={store.warn_days.to_string()} {oninput} />
        </p>
    }
}
