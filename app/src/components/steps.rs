//! The step indicator of the creation wizard and of the dual channel, and the dual
//! channel's steps.

use domain::{ContractState, Status, SubStatus};
use leptos::prelude::*;

use crate::i18n::console_text;

/// The dual channel's steps, in order: the items are picked before the contract exists,
/// the rest follow its sub-status. The catalogs word them in `dual_steps`, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DualStep {
    SelectItems,
    PartyA,
    ConfirmText,
    ConfirmSigner,
    Sign,
    Done,
}

impl DualStep {
    pub const ALL: [DualStep; 6] = [
        Self::SelectItems,
        Self::PartyA,
        Self::ConfirmText,
        Self::ConfirmSigner,
        Self::Sign,
        Self::Done,
    ];

    pub fn label(self) -> &'static str {
        console_text().dual_steps[self as usize]
    }

    /// The step a dual contract is at; `None` once it is effective, past the last step.
    pub fn of(state: ContractState) -> Option<Self> {
        Some(match (state.status, state.sub_status) {
            (_, SubStatus::FillingInfo) => Self::PartyA,
            (
                _,
                SubStatus::Generating | SubStatus::ConfirmingText | SubStatus::GenerationFailed,
            ) => Self::ConfirmText,
            (_, SubStatus::ConfirmingSigning) => Self::ConfirmSigner,
            (Status::Signing, _) => Self::Sign,
            (Status::Effective, _) => return None,
            _ => Self::SelectItems,
        })
    }

    /// Where `state` is on the bar of [`Self::ALL`]: every step done once effective.
    pub fn progress(state: ContractState) -> usize {
        Self::of(state).map_or(Self::ALL.len(), |step| step as usize)
    }
}

#[component]
pub fn Steps(labels: Vec<&'static str>, #[prop(into)] current: Signal<usize>) -> impl IntoView {
    view! {
        <ol class="steps">
            {labels.into_iter().enumerate().map(|(i, label)| {
                let class = move || match i.cmp(&current.get()) {
                    std::cmp::Ordering::Less => "step done",
                    std::cmp::Ordering::Equal => "step current",
                    std::cmp::Ordering::Greater => "step todo",
                };
                let mark = move || if i < current.get() { "✓".to_string() } else { (i + 1).to_string() };
                view! {
                    <li class=class aria-current=move || (i == current.get()).then_some("step")>
                        <span class="step-index">{mark}</span>
                        <span class="step-label">{label}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dual_contract_is_on_the_step_of_its_sub_status() {
        let at = |status, sub| DualStep::of(ContractState::new(status, sub));
        assert_eq!(
            at(Status::Draft, SubStatus::FillingInfo),
            Some(DualStep::PartyA)
        );
        for sub in [
            SubStatus::Generating,
            SubStatus::ConfirmingText,
            SubStatus::GenerationFailed,
        ] {
            assert_eq!(at(Status::Draft, sub), Some(DualStep::ConfirmText));
        }
        assert_eq!(
            at(Status::Draft, SubStatus::ConfirmingSigning),
            Some(DualStep::ConfirmSigner)
        );
        assert_eq!(
            at(Status::Signing, SubStatus::CustomerSigning),
            Some(DualStep::Sign)
        );
        assert_eq!(
            at(Status::Signing, SubStatus::ProviderSigning),
            Some(DualStep::Sign)
        );
        let effective = ContractState::E_CONTRACT_EFFECTIVE;
        assert_eq!(DualStep::of(effective), None);
        assert_eq!(DualStep::progress(effective), DualStep::ALL.len());
        assert_eq!(
            DualStep::progress(ContractState::new(
                Status::Signing,
                SubStatus::CustomerSigning
            )),
            4
        );
    }
}
