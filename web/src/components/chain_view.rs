//! A chain as cards, leaf to root, each with the check of its link.

use certkit_x509::{ChainReport, SignatureStatus};
use yew::prelude::*;

use super::cert_card::validity_class;
use super::kv;
use super::text;
use super::use_store;
use crate::i18n::{chain_problem_text, Lang, Msg};
use crate::pem::Role;

/// A certificate card's title: "2 · Intermediate · CN=Issuing CA" (1-based position), or the
/// whole subject when it has no CN.
pub fn card_title(
    position: usize,
    role: Role,
    common_name: Option<&str>,
    subject: &str,
    lang: Lang,
) -> String {
    let role = match role {
        Role::Leaf => Msg::RoleLeaf,
        Role::Intermediate => Msg::RoleIntermediate,
        Role::Root => Msg::RoleRoot,
    };
    let name = match common_name {
        Some(cn) => format!("CN={cn}"),
        None => subject.to_string(),
    };
    format!("{} · {} · {name}", position + 1, role.text(lang))
}

/// Props of [`ChainView`].
#[derive(Properties, PartialEq)]
pub struct ChainViewProps {
    /// certkit-x509's verdict on the chain.
    pub report: ChainReport,
    /// The text the chain was read from: the cards' CNs come from its certificates (a link
    /// knows its position among them). Without it the cards show the whole subject.
    #[prop_or_default]
    pub pem: AttrValue,
    /// A CA's own chain (Get CA Chain): its first certificate is that CA, not a leaf.
    #[prop_or_default]
    pub of_ca: bool,
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
    let names = crate::pem::common_names(&props.pem);
    let cn = |position: usize| names.get(position).cloned().flatten();
    html! {
        <section class="chain" aria-label={Msg::ChainTitle.text(lang)}>
            { text::h3(Msg::ChainTitle.text(lang)) }
            <p class={classes!("verdict", if report.ok { "ok" } else { "bad" })} id="chain-verdict"
                data-ok={report.ok.to_string()}>
                { if report.ok { format!("✓ {}", Msg::ChainVerified.text(lang)) } else { format!("✗ {}", Msg::ChainNotVerified.text(lang)) } }
            </p>
            if !report.problem_details.is_empty() {
                <ul class="problems">{ for report.problem_details.iter().map(|p| text::li(chain_problem_text(lang, p))) }</ul>
            }
            <ol class="chain-links">
                { for report.links.iter().enumerate().map(|(i, link)| {
                    let (class, text) = link_text(link.signature, link.self_signed, lang);
                    let validity = validity_class(link.days_remaining, !link.valid_at_now && link.days_remaining < 0, store.warn_days);
                    html! {
                        <li class="card chain-link">
                            <h4 class="chain-title">{ card_title(i, Role::of(link.self_signed, i == 0 && !props.of_ca), cn(link.position).as_deref(), &link.subject, lang) }</h4>
                            <p class="subject">{ text::code(link.subject.clone()) }</p>
                            <dl class="kv compact">
                                { kv::code_row(Msg::Issuer.text(lang), link.issuer.clone()) }
                                { kv::wrap_code_row(Msg::Serial.text(lang), link.serial_number.clone()) }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_cards_are_titled_by_position_role_and_cn() {
        let title = card_title(
            0,
            Role::Leaf,
            Some("api.example"),
            "CN=api.example",
            Lang::En,
        );
        assert_eq!(title, "1 · Leaf · CN=api.example");
        let title = card_title(2, Role::Root, None, "O=Root Org", Lang::Ko);
        assert_eq!(title, "3 · 루트 · O=Root Org");
    }
}
