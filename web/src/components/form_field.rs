//! One labelled form field: "Human name (apiName)", help text with the rule, the input, and
//! the inline error from certkit-core's validation.

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::ca_tag_input::CaTagInput;
use super::pem_input::PemInput;
use super::text;
use super::use_store;
use crate::browser;
use crate::fields::{Field, Input};
use crate::i18n::Msg;
use crate::state::{field_dom_id, Action};

/// Props of [`FormField`].
#[derive(Properties, PartialEq)]
pub struct FormFieldProps {
    /// The form.
    pub op: OperationKind,
    /// The field.
    pub field: Field,
    /// Translated problems with the value (shown when the field was touched or sent).
    #[prop_or_default]
    pub errors: Vec<String>,
}

/// What a field's own input component (the caTag picker, a PEM field) gets from the field.
#[derive(Properties, Clone, PartialEq)]
pub struct InputProps {
    /// The input's id.
    pub id: AttrValue,
    /// Current value.
    pub value: AttrValue,
    /// aria-describedby.
    pub describedby: AttrValue,
    /// Whether the value is shown as invalid.
    pub invalid: bool,
    /// New value.
    pub onchange: Callback<String>,
    /// Left the input.
    pub onblur: Callback<FocusEvent>,
    /// What an empty input shows: the field's example (a PEM's BEGIN line).
    #[prop_or_default]
    pub placeholder: AttrValue,
}

/// A form field.
#[function_component(FormField)]
pub fn form_field(props: &FormFieldProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let FormFieldProps { op, field, .. } = props;
    let (op, field) = (*op, *field);
    let id = field_dom_id(op, &field);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let form = store.form(op);
    let value = form.get(field.path).to_string();
    let show_error = form.shows_error(field.path) && !props.errors.is_empty();
    let describedby = if show_error {
        format!("{help_id} {error_id}")
    } else {
        help_id.clone()
    };
    let set = {
        let store = store.clone();
        Callback::from(move |value: String| {
            store.dispatch(Action::SetField {
                op,
                field: field.path.to_string(),
                value,
            })
        })
    };
    let onblur = {
        let store = store.clone();
        Callback::from(move |_: FocusEvent| {
            store.dispatch(Action::Touch {
                op,
                field: field.path.to_string(),
            })
        })
    };
    let invalid = show_error.then_some("true");
    let oninput = set.reform(|e: InputEvent| browser::target_value(&e));
    let input = match field.input {
        Input::Text => {
            html! {
                <input id={id.clone()} name={field.path} type="text" value={value.clone()}
                    placeholder={field.placeholder(lang)} aria-describedby={describedby.clone()}
                    aria-invalid={invalid} aria-required={field.required.then_some("true")}
                    spellcheck="false" autocomplete="off" {oninput} onblur={onblur.clone()} />
            }
        }
        Input::Lines => {
            html! {
                <textarea id={id.clone()} name={field.path} rows="3" value={value.clone()}
                    placeholder={field.placeholder(lang)} aria-describedby={describedby.clone()}
                    aria-invalid={invalid} spellcheck="false" {oninput} onblur={onblur.clone()} />
            }
        }
        Input::Choice(options) | Input::RequiredChoice(options) => {
            let onchange = set.reform(|e: Event| browser::target_value(&e));
            let with_default = matches!(field.input, Input::Choice(_));
            html! {
                <select id={id.clone()} name={field.path} aria-describedby={describedby.clone()}
                    aria-invalid={invalid} {onchange} onblur={onblur.clone()}>
                    if with_default {
                        <option value="" selected={value.is_empty()}>{ Msg::DefaultOption.text(lang) }</option>
                    }
                    { for options.iter().map(|o| html! {
                        <option value={*o} selected={value == *o}>{ field.option_label(o, lang) }</option>
                    }) }
                </select>
            }
        }
        Input::CaTag | Input::Pem => {
            let props = InputProps {
                id: id.clone().into(),
                value: value.into(),
                describedby: describedby.into(),
                invalid: show_error,
                onchange: set,
                onblur,
                placeholder: field.example.into(),
            };
            match field.input {
                Input::CaTag => html! { <CaTagInput ..props /> },
                _ => html! { <PemInput ..props /> },
            }
        }
    };
    html! {
        <div class={classes!("field", show_error.then_some("has-error"), matches!(field.input, Input::CaTag | Input::Pem | Input::Lines).then_some("wide"))}>
            <label for={id.clone()}>
                { field.label(lang) }
                <span class="req">
                    { if field.required { Msg::Required.text(lang) } else { Msg::Optional.text(lang) } }
                </span>
            </label>
            { input }
            <p id={help_id} class="help">{ field.help(lang) }</p>
            if show_error {
                <ul id={error_id} class="field-error" data-field={field.path}>
                    { for props.errors.iter().map(|e| text::li(e.clone())) }
                </ul>
            }
        </div>
    }
}
