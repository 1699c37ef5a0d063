//! A contract's state: status plus sub-status, the values the status machine
//! ([`crate::status`]) moves between and a refusal ([`crate::refusal`]) names.

use serde::{Deserialize, Serialize};

use crate::macros::token_enum;
use crate::text;

token_enum! {
    pub enum Status {
        Draft => "draft", text::STATUS_DRAFT;
        Signing => "signing", text::STATUS_SIGNING;
        Effective => "effective", text::STATUS_EFFECTIVE;
        Voided => "voided", text::STATUS_VOIDED;
        /// Soft-deleted: releases its items (R7) and is shown nowhere.
        Deleted => "deleted", text::STATUS_DELETED;
    }
}

impl Status {
    /// CSS class of the status badge: "draft" | "signing" | "effective" | "voided" |
    /// "deleted" (the same words as the tokens).
    pub fn badge_class(self) -> &'static str {
        self.as_str()
    }
}

token_enum! {
    pub enum SubStatus {
        FillingInfo => "filling_info", text::SUB_FILLING_INFO;
        ConfirmingText => "confirming_text", text::SUB_CONFIRMING_TEXT;
        ConfirmingSigning => "confirming_signing", text::SUB_CONFIRMING_SIGNING;
        Generating => "generating", text::SUB_GENERATING;
        Generated => "generated", text::SUB_GENERATED;
        /// Draft generation keeps failing: visible error state, can be voided.
        GenerationFailed => "generation_failed", text::SUB_GENERATION_FAILED;
        CustomerSigning => "customer_signing", text::SUB_CUSTOMER_SIGNING;
        Cancelling => "cancelling", text::SUB_CANCELLING;
        ProviderSigning => "provider_signing", text::SUB_PROVIDER_SIGNING;
        /// Provider signing keeps failing: visible error state, can be voided.
        SigningFailed => "signing_failed", text::SUB_SIGNING_FAILED;
        EContractEffective => "e_contract_effective", text::SUB_E_CONTRACT_EFFECTIVE;
        PaperRequested => "paper_requested", text::SUB_PAPER_REQUESTED;
        PaperShipped => "paper_shipped", text::SUB_PAPER_SHIPPED;
        /// Voided and deleted contracts have no sub-status; its label is empty.
        None => "none", "";
    }
}

/// Status plus sub-status: one row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContractState {
    pub status: Status,
    pub sub_status: SubStatus,
}

impl ContractState {
    pub const fn new(status: Status, sub_status: SubStatus) -> Self {
        Self { status, sub_status }
    }

    pub const FILLING_INFO: Self = Self::new(Status::Draft, SubStatus::FillingInfo);
    pub const CONFIRMING_TEXT: Self = Self::new(Status::Draft, SubStatus::ConfirmingText);
    pub const CONFIRMING_SIGNING: Self = Self::new(Status::Draft, SubStatus::ConfirmingSigning);
    pub const GENERATING: Self = Self::new(Status::Draft, SubStatus::Generating);
    pub const GENERATED: Self = Self::new(Status::Draft, SubStatus::Generated);
    pub const GENERATION_FAILED: Self = Self::new(Status::Draft, SubStatus::GenerationFailed);
    pub const CUSTOMER_SIGNING: Self = Self::new(Status::Signing, SubStatus::CustomerSigning);
    pub const CANCELLING: Self = Self::new(Status::Signing, SubStatus::Cancelling);
    pub const PROVIDER_SIGNING: Self = Self::new(Status::Signing, SubStatus::ProviderSigning);
    pub const SIGNING_FAILED: Self = Self::new(Status::Signing, SubStatus::SigningFailed);
    pub const E_CONTRACT_EFFECTIVE: Self =
        Self::new(Status::Effective, SubStatus::EContractEffective);
    pub const PAPER_REQUESTED: Self = Self::new(Status::Effective, SubStatus::PaperRequested);
    pub const PAPER_SHIPPED: Self = Self::new(Status::Effective, SubStatus::PaperShipped);
    pub const VOIDED: Self = Self::new(Status::Voided, SubStatus::None);
    pub const DELETED: Self = Self::new(Status::Deleted, SubStatus::None);

    /// "已生效 / 电子合同已生效", or just "已作废" when there is no sub-status.
    pub fn label(&self) -> String {
        text::state_label(self.status.label(), self.sub_status.label())
    }
}
