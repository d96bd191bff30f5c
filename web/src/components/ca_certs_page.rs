//! A CA's certificates on the CAs page (`#/cas/{caTag}/certs`): a page of Get End Cert List,
//! each serial with its CN, serial number, days until it expires (coloured by the warning
//! threshold) and whether the CA's CRL revokes it; a certificate opens at
//! `#/cas/{caTag}/certs/{serialNo}` ([`super::end_cert_detail`]).

use certkit_core::operation::OperationKind;
use certkit_x509::CrlInfo;
use yew::prelude::*;

use super::button::button;
use super::cas_page::{days_badge, failed, skeleton};
use super::end_cert_detail::EndCertDetail;
use super::help;
use super::helper_error;
use super::pager::Pager;
use super::table;
use super::text;
use super::warn_days_input::WarnDaysInput;
use super::{use_store, Store};
use crate::browser;
use crate::i18n::{Lang, Msg};
use crate::send;
use crate::state::{ca_route, crl_entry, serial_text, Action, CertsShown, EndCertPage, Load, Page};

/// The CA's CRL, as read with its detail.
#[derive(Clone, Debug, PartialEq)]
pub enum CrlRead {
    /// Being read (again).
    Reading,
    /// Read, and parsed by certkit-x509.
    Read(Box<CrlInfo>),
    /// Not read, or not readable: revocation is unknown.
    Unknown,
}

impl CrlRead {
    /// The CRL of the open CA `ca_tag`, at `now` (seconds).
    pub fn of(store: &Store, ca_tag: &str, now: i64) -> CrlRead {
        if store.cas.open.as_deref() != Some(ca_tag) {
            return CrlRead::Unknown;
        }
        match &store.cas.detail {
            Load::Idle | Load::Loading => CrlRead::Reading,
            Load::Failed(_) => CrlRead::Unknown,
            Load::Loaded(view) => match &view.crl {
                Ok(pem) => crate::pem::first_crl(pem, now)
                    .map_or(CrlRead::Unknown, |crl| CrlRead::Read(Box::new(crl))),
                Err(_) => CrlRead::Unknown,
            },
        }
    }

    /// What it says of the certificate `serial_no`.
    pub fn revocation(&self, serial_no: &str) -> Revocation {
        match self {
            CrlRead::Reading => Revocation::Reading,
            CrlRead::Unknown => Revocation::Unknown,
            CrlRead::Read(crl) => match crl_entry(crl, serial_no) {
                Some(entry) => Revocation::Revoked {
                    date: entry.revocation_date.clone(),
                    reason: entry.reason.clone(),
                },
                None => Revocation::NotRevoked,
            },
        }
    }
}

/// Whether a certificate is revoked, as its CA's CRL says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Revocation {
    /// The CRL is being read.
    Reading,
    /// The CRL could not be read.
    Unknown,
    /// The CRL does not list it.
    NotRevoked,
    /// The CRL lists it.
    Revoked {
        /// `revocationDate`.
        date: String,
        /// `reasonCode`, when the entry has one.
        reason: Option<String>,
    },
}

impl Revocation {
    /// Its `data-revoked` value, for tests and styles.
    pub fn id(&self) -> &'static str {
        match self {
            Revocation::Reading => "reading",
            Revocation::Unknown => "unknown",
            Revocation::NotRevoked => "false",
            Revocation::Revoked { .. } => "true",
        }
    }

    /// As a badge.
    pub fn badge(&self, lang: Lang) -> Html {
        let (class, text) = match self {
            Revocation::Reading => ("pending", Msg::CertCrlReading.text(lang).to_string()),
            Revocation::Unknown => ("other", Msg::CertCrlUnknown.text(lang).to_string()),
            Revocation::NotRevoked => ("ok", Msg::CertNotRevoked.text(lang).to_string()),
            Revocation::Revoked { date, .. } => (
                "expired",
                Msg::CertRevokedOn.text(lang).replace("{date}", date),
            ),
        };
        html! {
            <span class={classes!("validity-badge", "revocation", class)} data-revoked={self.id()}>{ text }</span>
        }
    }
}

/// The open CA's name: its alias, else its tag.
pub fn ca_name(store: &Store, ca_tag: &str) -> String {
    match &store.cas.detail {
        Load::Loaded(view) if !view.ca.ca_info.alias.trim().is_empty() => {
            view.ca.ca_info.alias.clone()
        }
        _ => ca_tag.to_string(),
    }
}

fn row(store: &Store, ca_tag: &str, serial_no: &str, crl: &CrlRead, now_ms: i64) -> Html {
    let lang = store.lang;
    let shown = CertsShown {
        ca_tag: ca_tag.to_string(),
        serial_no: Some(serial_no.to_string()),
    };
    let open = {
        let store = store.clone();
        let shown = shown.clone();
        Callback::from(move |_| {
            store.dispatch(Action::OpenCaCerts {
                ca_tag: shown.ca_tag.clone(),
                serial_no: shown.serial_no.clone(),
            })
        })
    };
    let (name, expires) = match store.cas.certs.certs.get(serial_no) {
        Some(Load::Loaded(cert)) => {
            let name = if cert.common_name.trim().is_empty() {
                text::muted("—")
            } else {
                text::code(cert.common_name.clone())
            };
            let expires = cert.not_after_date.map_or_else(
                || text::muted("—"),
                |not_after| days_badge(not_after, now_ms, store.warn_days, lang),
            );
            (name, expires)
        }
        Some(Load::Failed(_)) => (text::muted(Msg::CertRowFailed.text(lang)), text::muted("—")),
        _ => (
            html! { <span class="skeleton-text">{ Msg::CertRowReading.text(lang) }</span> },
            html! { <span class="skeleton-text" aria-hidden="true">{ "…" }</span> },
        ),
    };
    let revocation = crl.revocation(serial_no);
    html! {
        <tr class="cert-row" data-serial={serial_no.to_string()} data-revoked={revocation.id()}>
            <td class="cn" data-label={Msg::CasColCommonName.text(lang)}>
                <a href={shown.route()} class="cert-open" onclick={open}>{ name }</a>
            </td>
            <td class="serial" data-label={Msg::CertsColSerial.text(lang)}>
                { text::wrap_code(serial_text(serial_no)) }
            </td>
            <td class="expires" data-label={Msg::CasColExpires.text(lang)}>{ expires }</td>
            <td class="revoked" data-label={Msg::CertsColRevoked.text(lang)}>{ revocation.badge(lang) }</td>
        </tr>
    }
}

fn pager(store: &Store, ca_tag: &str, page: &EndCertPage) -> Html {
    let lang = store.lang;
    let on_go = {
        let store = store.clone();
        let ca_tag = ca_tag.to_string();
        Callback::from(move |to| {
            send::load_end_certs(&store, ca_tag.clone(), to, store.dispatcher())
        })
    };
    let total = page.list.total_cnt.map(|count| {
        AttrValue::from(
            Msg::CertsTotal
                .text(lang)
                .replace("{count}", &count.to_string()),
        )
    });
    html! { <>
        if page.page_ignored() {
            <p class="notice warning" id="certs-page-ignored">
                { Msg::CertsPageIgnored.text(lang)
                    .replace("{page}", &page.page_no.to_string())
                    .replace("{current}", &page.list.current_page_no.unwrap_or_default().to_string()) }
            </p>
        }
        <Pager id="certs" page_no={page.page_no} total_pages={page.total_pages()}
            has_next={page.has_next()} {total} offer_last=true {on_go} />
    </> }
}

/// The way to issue a first certificate: Issue End Cert, with this CA's tag filled in.
fn empty(store: &Store, ca_tag: &str, reload: Callback<MouseEvent>) -> Html {
    let lang = store.lang;
    let issue = {
        let store = store.clone();
        let ca_tag = ca_tag.to_string();
        Callback::from(move |_| {
            store.dispatch(Action::SetField {
                op: OperationKind::IssueEndCert,
                field: "caTag".into(),
                value: ca_tag.clone(),
            });
            store.dispatch(Action::Navigate(Page::IssueEndCert));
        })
    };
    html! {
        <div class="notice empty" id="certs-empty">
            { text::para(text::strong(Msg::CertsEmpty.text(lang))) }
            { text::para(Msg::CertsEmptyNext.text(lang)) }
            <p class="actions">
                <a href={Page::IssueEndCert.route()} id="certs-issue" class="button" onclick={issue}>
                    { Msg::CertsIssueLink.text(lang) }
                </a>
                { button("certs-reload", reload, Msg::Reload.text(lang)) }
            </p>
        </div>
    }
}

fn crl_note(store: &Store, crl: &CrlRead) -> Html {
    let lang = store.lang;
    match (crl, &store.cas.detail) {
        (CrlRead::Read(crl), _) => html! {
            <p class="muted" id="certs-crl-as-of">{ Msg::CertsCrlAsOf.text(lang).replace("{date}", &crl.this_update) }</p>
        },
        (CrlRead::Unknown, Load::Loaded(view)) => match &view.crl {
            Err(error) => helper_error::notice(Msg::CrlFailed, error.clone()),
            Ok(_) => {
                html! { <p class="notice warning" id="certs-crl-unreadable">{ Msg::CrlUnreadable.text(lang) }</p> }
            }
        },
        (CrlRead::Unknown, Load::Failed(error)) => {
            helper_error::notice(Msg::CaFailed, error.clone())
        }
        _ => html! {},
    }
}

fn list_view(store: &Store, ca_tag: &str) -> Html {
    let lang = store.lang;
    let certs = &store.cas.certs;
    let page_no = certs.page_no;
    let reload = {
        let store = store.clone();
        let ca_tag = ca_tag.to_string();
        Callback::from(move |_| {
            send::load_end_certs(&store, ca_tag.clone(), page_no, store.dispatcher());
            send::load_ca(&store, ca_tag.clone(), store.dispatcher());
        })
    };
    let now_ms = browser::now_ms() as i64;
    let crl = CrlRead::of(store, ca_tag, now_ms.div_euclid(1000));
    let body = match &certs.list {
        Load::Idle | Load::Loading => skeleton(lang, Msg::CertsLoading, "certs-loading"),
        Load::Failed(error) => failed(Msg::CertsFailed, error, "certs-retry", reload, lang),
        Load::Loaded(page) if page.list.list_certs.is_empty() && page.page_no <= 1 => {
            empty(store, ca_tag, reload)
        }
        Load::Loaded(page) => html! { <>
            { crl_note(store, &crl) }
            <div class="table-wrap">
                <table class="stack certs-table" aria-label={Msg::CertsListLabel.text(lang)}>
                    { table::head(&[Msg::CasColCommonName.text(lang), Msg::CertsColSerial.text(lang), Msg::CasColExpires.text(lang), Msg::CertsColRevoked.text(lang)]) }
                    <tbody>
                        { for page.list.list_certs.iter().map(|serial| row(store, ca_tag, serial, &crl, now_ms)) }
                    </tbody>
                </table>
            </div>
            { pager(store, ca_tag, page) }
            <p class="actions">
                { button("certs-reload", reload, Msg::Reload.text(lang)) }
            </p>
        </> },
    };
    html! {
        <section class="ca-certs" aria-labelledby="certs-title">
            <p class="back"><a href={ca_route(ca_tag)} id="certs-back">{ "← " }{ Msg::CertsBackToCa.text(lang) }</a></p>
            <h1 id="certs-title" tabindex="-1">{ Msg::CertsTitle.text(lang).replace("{ca}", &ca_name(store, ca_tag)) }</h1>
            { help(Msg::CertsIntro.text_with_endpoint(lang, OperationKind::GetEndCertList)) }
            <WarnDaysInput />
            { body }
        </section>
    }
}

/// The way from a CA's detail to its certificates.
pub fn certs_link(store: &Store, ca_tag: &str) -> Html {
    let lang = store.lang;
    let shown = CertsShown {
        ca_tag: ca_tag.to_string(),
        serial_no: None,
    };
    let open = {
        let store = store.clone();
        let ca_tag = ca_tag.to_string();
        Callback::from(move |_| {
            store.dispatch(Action::OpenCaCerts {
                ca_tag: ca_tag.clone(),
                serial_no: None,
            })
        })
    };
    html! {
        <section class="card" id="ca-certs-link" aria-labelledby="ca-certs-link-title">
            { text::h2("ca-certs-link-title", Msg::CertsLinkTitle.text(lang)) }
            { help(Msg::CertsLinkHelp.text(lang)) }
            <p class="actions">
                <a href={shown.route()} id="ca-certs-open" class="button" onclick={open}>{ Msg::CertsLinkOpen.text(lang) }{ " →" }</a>
            </p>
        </section>
    }
}

/// Props of [`CaCertsView`].
#[derive(Properties, PartialEq)]
pub struct CaCertsViewProps {
    /// The CA.
    pub ca_tag: AttrValue,
}

/// The open CA's certificates: the list, or the certificate opened.
#[function_component(CaCertsView)]
pub fn ca_certs_view(props: &CaCertsViewProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let ca_tag = props.ca_tag.to_string();
    let serial_no = store
        .cas
        .certs
        .shown
        .as_ref()
        .and_then(|s| s.serial_no.clone());
    {
        // Read the list when it is shown and not read (at first, after keys or site changed).
        let store = store.clone();
        let deps = (
            ca_tag.clone(),
            serial_no.is_none(),
            store.cas.certs.list == Load::Idle,
        );
        use_effect_with(deps, move |(ca_tag, list_shown, idle)| {
            if *list_shown && *idle {
                let page_no = store.cas.certs.page_no;
                send::load_end_certs(&store, ca_tag.clone(), page_no, store.dispatcher());
            }
        });
    }
    match serial_no {
        Some(serial_no) => html! {
            <EndCertDetail ca_tag={props.ca_tag.clone()} serial_no={AttrValue::from(serial_no)} />
        },
        None => list_view(&store, &ca_tag),
    }
}
