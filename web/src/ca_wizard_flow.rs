//! issue 13: the Create CA wizard's requests. Which step goes next, and what each answer
//! changes, is the reducer's ([`crate::state::CaWizard`]): the flow keeps its own copy of the
//! state, moved by the same [`reduce`], so it sends exactly the step the page shows as next.

use certkit_core::operation::{Operation, OperationKind};
use certkit_core::private_ca::{GetCa, GetSubCsr};
use certkit_core::response::{Failure, FailureKind, ResponseData};

use crate::browser;
use crate::send::{call, unexpected, Dispatch};
use crate::state::{reduce, Action, AppState, HelperError, Refusal, Step, StepOutcome};

/// The request of `step` as the wizard stands, or why it cannot be sent.
fn operation(state: &AppState, step: Step) -> Result<Operation, HelperError> {
    let wizard = &state.ca_wizard;
    let refused = |problems| HelperError::Refused(Refusal::Invalid(problems));
    let ca_tag = || {
        wizard
            .progress
            .as_ref()
            .map(|p| p.ca_tag().to_string())
            .unwrap_or_default()
    };
    match step {
        Step::Create => wizard.create_operation().map_err(refused),
        Step::Csr => Ok(GetSubCsr { ca_tag: ca_tag() }.into()),
        Step::Sign => wizard.sign_operation().map_err(refused),
        Step::Activate => wizard.activate_operation().map_err(refused),
        Step::Active => Ok(GetCa { ca_tag: ca_tag() }.into()),
    }
}

/// Sends `step` and reads its answer.
async fn send_step(state: &AppState, step: Step) -> Result<StepOutcome, HelperError> {
    let operation = operation(state, step)?;
    let kind = operation.kind();
    match (step, call(state, operation).await?) {
        (Step::Create, ResponseData::Ca(ca)) if !ca.ca_info.ca_tag.is_empty() => {
            Ok(StepOutcome::Created(ca))
        }
        (Step::Create, ResponseData::Ca(_)) => Err(without(kind, "data.caInfo.caTag")),
        (Step::Csr, ResponseData::SubCsr(csr)) if !csr.csr_pem.trim().is_empty() => {
            Ok(StepOutcome::Csr(csr.csr_pem))
        }
        (Step::Csr, ResponseData::SubCsr(_)) => Err(without(kind, "data.csrPem")),
        (Step::Sign, ResponseData::SignedCertificate(signed))
            if !signed.certificate.trim().is_empty() =>
        {
            Ok(StepOutcome::Signed(signed))
        }
        (Step::Sign, ResponseData::SignedCertificate(_)) => Err(without(kind, "data.certificate")),
        (Step::Activate, ResponseData::ActivateSubCa(activated)) => {
            Ok(StepOutcome::Activated(activated.ca_info.status))
        }
        (Step::Active, ResponseData::Ca(ca)) => Ok(StepOutcome::Status(ca.ca_info.status)),
        _ => Err(unexpected(kind)),
    }
}

/// A success without the field the next step needs.
fn without(kind: OperationKind, field: &str) -> HelperError {
    HelperError::Failed(Failure::new(
        FailureKind::UnexpectedResponse,
        None,
        format!("{kind} answered without {field}"),
    ))
}

/// The wizard's main button: shows every problem if what goes next is invalid; otherwise
/// sends the next step (the failed one again, after a failure) and every step after it that
/// needs nothing more from the user. A failed status check resumes the poll instead.
pub fn run(state: &AppState, dispatch: Dispatch) {
    let wizard = &state.ca_wizard;
    if wizard.running.is_some() {
        return;
    }
    if matches!(wizard.failed, Some((Step::Active, _))) {
        dispatch.dispatch(Action::CaWizardPollNow {
            at_ms: browser::now_ms(),
        });
        return;
    }
    dispatch.dispatch(Action::SubmitAttempted(OperationKind::CreateCa));
    if !wizard.may_start() {
        return;
    }
    let mut local = reduce(state, Action::CaWizardRetry);
    dispatch.dispatch(Action::CaWizardRetry);
    let Some(first) = local.ca_wizard.step_to_send(true) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let mut next = Some(first);
        while let Some(step) = next {
            let run = local.ca_wizard.run;
            for action in [
                Action::CaWizardStarted { run, step },
                match send_step(&local, step).await {
                    Ok(outcome) => Action::CaWizardDone {
                        run,
                        outcome,
                        at_ms: browser::now_ms(),
                    },
                    Err(error) => Action::CaWizardFailed { run, step, error },
                },
            ] {
                local = reduce(&local, action.clone());
                dispatch.dispatch(action);
            }
            next = local.ca_wizard.auto_step();
        }
    });
}

/// The poll's check (the timer at the edge calls it when one is due): Get CA's status.
pub fn check_status(state: &AppState, dispatch: Dispatch) {
    let wizard = &state.ca_wizard;
    if wizard.poll_due_in_ms(f64::INFINITY).is_none() {
        return;
    }
    let run = wizard.run;
    let started = Action::CaWizardStarted {
        run,
        step: Step::Active,
    };
    let local = reduce(state, started.clone());
    dispatch.dispatch(started);
    wasm_bindgen_futures::spawn_local(async move {
        dispatch.dispatch(match send_step(&local, Step::Active).await {
            Ok(outcome) => Action::CaWizardDone {
                run,
                outcome,
                at_ms: browser::now_ms(),
            },
            Err(error) => Action::CaWizardFailed {
                run,
                step: Step::Active,
                error,
            },
        });
    });
}
