//! A certificate as a card: every field a user checks, with validity coloured by the warning
//! threshold the user sets.

use certkit_x509::{AltNameKind, CertificateInfo};
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::kv;
use super::text;
use super::use_store;
use crate::i18n::{Lang, Msg};

/// Props of [`CertCard`].
#[derive(Properties, PartialEq)]
pub struct CertCardProps {
    /// The certificate (certkit-x509's inspection).
    pub info: CertificateInfo,
    /// Card title (default "Certificate").
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// A DOM id for tests and links.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Whether a private key pasted beside it belongs to it (Inspect), if one was.
    #[prop_or_default]
    pub key_match: Option<bool>,
}

fn list(values: &[String], lang: Lang) -> Html {
    if values.is_empty() {
        text::muted(Msg::NoneValue.text(lang))
    } else {
        html! { <ul class="plain">{ for values.iter().map(|v| text::li(text::code(v.clone()))) }</ul> }
    }
}

/// A key identifier, or "none" when the certificate has none (a root often lacks one).
fn key_id(value: &Option<String>, lang: Lang) -> Html {
    match value {
        Some(id) if !id.is_empty() => text::wrap_code(id.clone()),
        _ => text::muted(Msg::NoneValue.text(lang)),
    }
}

/// A subject alternative name's kind as openssl writes it (`DNS`, `IP`, `email`).
pub fn alt_kind(kind: AltNameKind) -> &'static str {
    match kind {
        AltNameKind::Dns => "DNS",
        AltNameKind::Ip => "IP",
        AltNameKind::Email => "email",
        AltNameKind::Uri => "URI",
        AltNameKind::DirectoryName => "dirName",
        AltNameKind::RegisteredId => "RID",
        AltNameKind::OtherName => "otherName",
        _ => "other",
    }
}

/// A public key in a few words: `RSA 2048 bit`, `EC P-256`.
pub fn key_text(pk: &certkit_x509::PublicKeyInfo) -> String {
    let mut text = crate::pem::display_name(&pk.algorithm);
    if let Some(bits) = pk.bits {
        text.push_str(&format!(" {bits} bit"));
    }
    if let Some(curve) = &pk.curve {
        text.push_str(&format!(" {}", crate::pem::display_name(curve)));
    }
    text
}

/// The validity class: `expired`, `warn` (fewer than `warn_days` left) or `ok`.
pub fn validity_class(days_remaining: i64, expired: bool, warn_days: u32) -> &'static str {
    if expired || days_remaining < 0 {
        "expired"
    } else if days_remaining < i64::from(warn_days) {
        "warn"
    } else {
        "ok"
    }
}

/// A certificate card.
#[function_component(CertCard)]
pub fn cert_card(props: &CertCardProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let info = &props.info;
    let class = validity_class(info.days_remaining, info.expired, store.warn_days);
    let days = if info.expired {
        Msg::Expired.text(lang).to_string()
    } else {
        format!("{} {}", info.days_remaining, Msg::DaysRemaining.text(lang))
    };
    let key = key_text(&info.public_key);
    let sans: Vec<String> = info
        .subject_alt_names
        .iter()
        .map(|n| format!("{}: {}", alt_kind(n.kind), n.value))
        .collect();
    let basic = if info.is_ca {
        match info.path_length {
            Some(n) => format!("CA: true, pathlen {n}"),
            None => "CA: true".to_string(),
        }
    } else {
        "CA: false".to_string()
    };
    let title = props
        .title
        .clone()
        .unwrap_or_else(|| AttrValue::from(Msg::CertificateCard.text(lang)));
    html! {
        <article class="card cert-card" id={props.id.clone()} data-cn={crate::pem::common_name(&info.subject_attributes).unwrap_or_default().to_string()}>
            <header class="card-head">
                { text::h3(title) }
                <span class={classes!("validity-badge", class)} data-validity={class}>{ days }</span>
            </header>
            if let Some(matches) = props.key_match {
                <p class={classes!("key-match", if matches { "ok" } else { "bad" })} data-match={matches.to_string()}>
                    { if matches { format!("✓ {}", Msg::KeyMatchesPasted.text(lang)) } else { format!("✗ {}", Msg::KeyMismatchPasted.text(lang)) } }
                </p>
            }
            <dl class="kv">
                <dt>{ Msg::Subject.text(lang) }</dt><dd class="subject">{ text::code(info.subject.clone()) }</dd>
                { kv::code_row(Msg::Issuer.text(lang), info.issuer.clone()) }
                <dt>{ Msg::Serial.text(lang) }</dt>
                <dd>{ text::wrap_code(info.serial_number.clone()) }{ " " }<CopyButton text={info.serial_number.clone()} what={AttrValue::from(Msg::Serial.text(lang))} /></dd>
                { kv::row(Msg::Validity.text(lang), format!("{} {} · {} {}", Msg::NotBefore.text(lang), info.not_before, Msg::NotAfter.text(lang), info.not_after)) }
                { kv::row(Msg::Sans.text(lang), list(&sans, lang)) }
                { kv::row(Msg::PublicKey.text(lang), key) }
                { kv::row(Msg::SignatureAlgorithm.text(lang), info.signature_algorithm.clone()) }
                { kv::row(Msg::KeyUsage.text(lang), list(&info.key_usage, lang)) }
                { kv::row(Msg::ExtKeyUsage.text(lang), list(&info.extended_key_usage, lang)) }
                { kv::row(Msg::BasicConstraints.text(lang), basic) }
                { kv::row(Msg::SubjectKeyId.text(lang), key_id(&info.subject_key_id, lang)) }
                { kv::row(Msg::AuthorityKeyId.text(lang), key_id(&info.authority_key_id, lang)) }
                { kv::row(Msg::CrlUrls.text(lang), list(&info.crl_distribution_points, lang)) }
                { kv::row(Msg::OcspUrls.text(lang), list(&info.ocsp_urls, lang)) }
                <dt>{ Msg::Fingerprints.text(lang) }</dt>
                <dd>
                    <p class="fp">{ "SHA-256 " }{ text::wrap_code(info.fingerprints.sha256.clone()) }</p>
                    <p class="fp">{ "SHA-1 " }{ text::wrap_code(info.fingerprints.sha1.clone()) }</p>
                </dd>
            </dl>
            <p class="card-actions">
                <CopyButton text={info.pem.clone()} what={AttrValue::from("PEM")} label={AttrValue::from(format!("{} PEM", Msg::Copy.text(lang)))} />
            </p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::validity_class;

    #[test]
    fn validity_is_coloured_by_the_threshold() {
        assert_eq!(validity_class(100, false, 30), "ok");
        assert_eq!(validity_class(29, false, 30), "warn");
        assert_eq!(validity_class(30, false, 30), "ok");
        assert_eq!(validity_class(-1, true, 30), "expired");
    }
}
