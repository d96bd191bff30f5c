//! A button that saves bytes as a file.

use yew::prelude::*;

use crate::browser;
use crate::i18n::Msg;
use crate::pem::Downloads;

use super::text;
use super::use_store;

/// Props of [`DownloadButton`].
#[derive(Properties, PartialEq)]
pub struct DownloadButtonProps {
    /// File name offered.
    pub name: AttrValue,
    /// Content.
    pub bytes: std::rc::Rc<Vec<u8>>,
    /// MIME type.
    #[prop_or(AttrValue::from("application/x-pem-file"))]
    pub mime: AttrValue,
}

/// Download as a file; the label is the file name.
#[function_component(DownloadButton)]
pub fn download_button(props: &DownloadButtonProps) -> Html {
    let onclick = {
        let name = props.name.clone();
        let mime = props.mime.clone();
        let bytes = props.bytes.clone();
        Callback::from(move |_| browser::download(&name, &mime, &bytes))
    };
    html! {
        <button type="button" class="small download" {onclick} data-file={props.name.clone()}>
            { "⤓ " }{ props.name.clone() }
        </button>
    }
}

/// Props of [`DownloadList`].
#[derive(Properties, PartialEq)]
pub struct DownloadListProps {
    /// The files (certkit-x509's exports of a certificate and its chain).
    pub files: Downloads,
    /// A DOM id for tests and links.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// "Downloads": a button per file.
#[function_component(DownloadList)]
pub fn download_list(props: &DownloadListProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    html! {
        <section class="downloads" id={props.id.clone()} aria-label={Msg::Downloads.text(lang)}>
            { text::h3(Msg::Downloads.text(lang)) }
            <p class="card-actions">
                { for props.files.files.iter().map(|(name, mime, bytes)| html! {
                    <DownloadButton name={name.clone()} mime={*mime} bytes={std::rc::Rc::new(bytes.clone())} />
                }) }
            </p>
        </section>
    }
}
