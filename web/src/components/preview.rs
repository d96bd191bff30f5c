//! The request preview: method, URL, headers (access key masked), body, string to sign, and
//! "Copy as curl". Shown before sending (live) and after (as sent).

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::help;
use super::kv;
use super::use_store;
use crate::i18n::{Lang, Msg};
use crate::state::{Phase, SentRequest};

/// Props of [`Preview`].
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// Which operation.
    pub op: OperationKind,
    /// The request the form would send now (None while it cannot be sent).
    pub live: Option<SentRequest>,
}

fn request_view(id: &str, title: Msg, request: &SentRequest, lang: Lang, open: bool) -> Html {
    html! {
        <details class="preview" id={id.to_string()} {open}>
            <summary>{ title.text(lang) }</summary>
            <dl class="kv">
                { kv::code_row(Msg::Method.text(lang), request.method.clone()) }
                <dt>{ Msg::Url.text(lang) }</dt><dd><code class="url">{ request.url.clone() }</code></dd>
                <dt>{ Msg::Headers.text(lang) }</dt>
                <dd>
                    <pre class="headers">{ for request.headers.iter().map(|(k, v)| format!("{k}: {v}\n")) }</pre>
                </dd>
                <dt>{ Msg::Body.text(lang) }</dt>
                <dd><pre class="body">{ request.body.clone().unwrap_or_default() }</pre></dd>
                <dt>{ Msg::StringToSign.text(lang) }</dt>
                <dd><pre class="sts">{ request.string_to_sign.clone() }</pre></dd>
            </dl>
            <p class="curl-row">
                <CopyButton text={request.curl.clone()} label={AttrValue::from(Msg::CopyCurl.text(lang))} />
                <span class="help">{ Msg::CurlNote.text(lang) }</span>
            </p>
        </details>
    }
}

/// The preview of `op`.
#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let exchange = store.exchange(props.op);
    let sent = match &exchange.phase {
        Phase::Sending { sent, .. }
        | Phase::NetworkError { sent, .. }
        | Phase::Cancelled { sent } => Some(sent),
        Phase::Idle => exchange.last.as_ref().map(|c| &c.sent),
    };
    html! {
        <section class="panel" aria-label={Msg::PreviewTitle.text(lang)}>
            { match &props.live {
                Some(live) => request_view("preview-live", Msg::PreviewTitle, live, lang, sent.is_none()),
                None => help(Msg::PreviewUnavailable.text(lang)),
            } }
            if let Some(sent) = sent {
                // Collapsed once an answer is there: the outcome is what to read then.
                { request_view("preview-sent", Msg::PreviewSent, sent, lang, exchange.last.is_none()) }
            }
        </section>
    }
}
