//! A chain as cards, leaf to root, each with the check of its link.

use certkit_x509::{ChainReport, SignatureStatus};
use yew::prelude::*;

use super::cert_card::validity_class;
use super::use_store;
use crate::i18n::{chain_problem_text, Lang, Msg};

/// Props of [`ChainView`].
#[derive(Properties, PartialEq)]
pub struct ChainViewProps {
    /// certkit-x509's verdict on the chain.
    pub report: ChainReport,
}

fn link_text(
    status: SignatureStatus,
    self_signed: bool,
    lang: Lang,
) -> (&'static str, &'static str) {
    match status {
        SignatureStatus::Valid if self_signed => ("ok", Msg::RootSelfSigned.text(lang)),
        SignatureStatus::Valid => ("ok", Msg::LinkOk.text(lang)),
        SignatureStatus::Invalid => ("bad", Msg::LinkFail.text(lang)),
        SignatureStatus::IssuerMissing => ("warn", Msg::IssuerMissing.text(lang)),
        _ => ("warn", Msg::SignatureUnsupported.text(lang)),
    }
}

/// The chain.
#[function_component(ChainView)]
pub fn chain_view(props: &ChainViewProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let report = &props.report;
    html! {
        <section class="chain" aria-label={Msg::ChainTitle.text(lang)}>
            <h3>{ Msg::ChainTitle.text(lang) }</h3>
            <p class={classes!("verdict", if report.ok { "ok" } else { "bad" })} id="chain-verdict"
                data-ok={report.ok.to_string()}>
                { if report.ok { format!("✓ {}", Msg::ChainVerified.text(lang)) } else { format!("✗ {}", Msg::ChainNotVerified.text(lang)) } }
            </p>
            if !report.problem_details.is_empty() {
                <ul class="problems">{ for report.problem_details.iter().map(|p| html! { <li>{ chain_problem_text(lang, p) }</li> }) }</ul>
            }
            <ol class="chain-links">
                { for report.links.iter().map(|link| {
                    let (class, text) = link_text(link.signature, link.self_signed, lang);
                    let validity = validity_class(link.days_remaining, !link.valid_at_now && link.days_remaining < 0, store.warn_days);
                    html! {
                        <li class="card chain-link">
                            <p class="subject"><code>{ link.subject.clone() }</code></p>
                            <dl class="kv compact">
                                <dt>{ Msg::Issuer.text(lang) }</dt><dd><code>{ link.issuer.clone() }</code></dd>
                                <dt>{ Msg::Serial.text(lang) }</dt><dd><code class="wrap">{ link.serial_number.clone() }</code></dd>
                                <dt>{ Msg::Validity.text(lang) }</dt>
                                <dd>
                                    { format!("{} → {} ", link.not_before, link.not_after) }
                                    <span class={classes!("validity-badge", validity)}>{ format!("{} {}", link.days_remaining, Msg::DaysRemaining.text(lang)) }</span>
                                </dd>
                            </dl>
                            <p class={classes!("link-check", class)} data-link={class}>{ if class == "ok" { "✓ " } else { "✗ " } }{ text }</p>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
