//! A button that saves bytes as a file.

use yew::prelude::*;

use crate::browser;

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
