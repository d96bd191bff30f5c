//! A CA's status as a badge (ACTIVE, PENDING, DEACTIVATED, DESTROYING; any other value as it
//! came), and its type in words.

use yew::prelude::*;

use super::use_store;
use crate::i18n::{Lang, Msg};
use crate::state::StatusTone;

/// Props of [`CaStatusBadge`].
#[derive(Properties, PartialEq)]
pub struct CaStatusBadgeProps {
    /// `caInfo.status` as NCP answered it.
    pub status: AttrValue,
}

/// The words of a status: translated when known, else the value as it came.
pub fn status_text(status: &str, lang: Lang) -> String {
    match StatusTone::of(status) {
        StatusTone::Active => Msg::StatusActive.text(lang).to_string(),
        StatusTone::Pending => Msg::StatusPending.text(lang).to_string(),
        StatusTone::Deactivated => Msg::StatusDeactivated.text(lang).to_string(),
        StatusTone::Destroying => Msg::StatusDestroying.text(lang).to_string(),
        StatusTone::Other if status.is_empty() => "—".to_string(),
        StatusTone::Other => status.to_string(),
    }
}

/// The words of `caInfo.caType`: root or sub CA, else the value as it came.
pub fn type_text(ca_type: &str, lang: Lang) -> String {
    match ca_type {
        "PRIVATE_ROOT" => Msg::CaTypeRoot.text(lang).to_string(),
        "PRIVATE_SUB" => Msg::CaTypeSub.text(lang).to_string(),
        "" => "—".to_string(),
        other => other.to_string(),
    }
}

/// The badge: the status in words, the API's value beside it in small type.
#[function_component(CaStatusBadge)]
pub fn ca_status_badge(props: &CaStatusBadgeProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let status = props.status.as_str();
    let tone = StatusTone::of(status);
    html! {
        <span class={classes!("badge", "ca-status", tone.class())} data-status={props.status.clone()}>
            { status_text(status, store.lang) }
            if tone != StatusTone::Other {
                <code class="api-value">{ status }</code>
            }
        </span>
    }
}
