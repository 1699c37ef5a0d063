//! What can happen to a contract: customer operations (buttons) and the events that
//! background jobs, the provider and operators report. The status machine in
//! `status.rs` says which of them a state accepts.

use crate::macros::token_enum;
use crate::text;

token_enum! {
    pub enum Operation {
        // Customer operations.
        Delete => "delete", text::OP_DELETE;
        ConvertToFormal => "convert_to_formal", text::OP_CONVERT_TO_FORMAL;
        Void => "void", text::OP_VOID;
        CancelSigning => "cancel_signing", text::OP_CANCEL_SIGNING;
        ResendSms => "resend_sms", text::OP_RESEND_SMS;
        ApplyPaper => "apply_paper", text::OP_APPLY_PAPER;
        OfflineStamping => "offline_stamping", text::OP_OFFLINE_STAMPING;
        ViewMailingInfo => "view_mailing_info", text::OP_VIEW_MAILING_INFO;
        ConfirmText => "confirm_text", text::OP_CONFIRM_TEXT;
        ConfirmSigner => "confirm_signer", text::OP_CONFIRM_SIGNER;
        CustomerSign => "customer_sign", text::OP_CUSTOMER_SIGN;
        SavePartyA => "save_party_a", text::OP_SAVE_PARTY_A;
        // System, background and operator events.
        DraftGenerated => "draft_generated", text::OP_DRAFT_GENERATED;
        DraftGenerationFailed => "draft_generation_failed", text::OP_DRAFT_GENERATION_FAILED;
        ProviderSigned => "provider_signed", text::OP_PROVIDER_SIGNED;
        ProviderSigningFailed => "provider_signing_failed", text::OP_PROVIDER_SIGNING_FAILED;
        CancelCompleted => "cancel_completed", text::OP_CANCEL_COMPLETED;
        PaperShipped => "paper_shipped", text::OP_PAPER_SHIPPED;
    }
}

impl Operation {
    /// True for what a signed-in customer may request; false for events reported by
    /// background jobs, the provider's signing service or an operator.
    pub fn is_customer_operation(self) -> bool {
        !matches!(
            self,
            Self::DraftGenerated
                | Self::DraftGenerationFailed
                | Self::ProviderSigned
                | Self::ProviderSigningFailed
                | Self::CancelCompleted
                | Self::PaperShipped
        )
    }
}

impl Operation {
    /// Customer operations that carry input (a form: party A, signer, code, address…);
    /// they have use cases of their own and are not plain buttons.
    pub fn needs_input(self) -> bool {
        matches!(
            self,
            Self::SavePartyA
                | Self::ConfirmSigner
                | Self::CustomerSign
                | Self::ResendSms
                | Self::ApplyPaper
                | Self::OfflineStamping
                | Self::ViewMailingInfo
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::macros::assert_token_enum;

    #[test]
    fn tokens_and_labels() {
        assert_token_enum!(Operation);
        assert_eq!(Operation::Delete.label(), "删除");
        assert_eq!(Operation::ConvertToFormal.label(), "转为正式合同");
        assert_eq!(Operation::Void.label(), "作废");
        assert_eq!(Operation::CancelSigning.label(), "取消签署");
        assert_eq!(Operation::ResendSms.label(), "重新发送");
        assert_eq!(Operation::ApplyPaper.label(), "申请纸质合同");
        assert_eq!(Operation::OfflineStamping.label(), "线下盖章");
        assert_eq!(Operation::ViewMailingInfo.label(), "查看邮寄信息");
    }

    #[test]
    fn twelve_customer_operations_six_events() {
        let customer = Operation::ALL
            .iter()
            .filter(|op| op.is_customer_operation())
            .count();
        assert_eq!(customer, 12);
        assert_eq!(Operation::ALL.len() - customer, 6);
        assert!(!Operation::PaperShipped.is_customer_operation());
        assert!(Operation::SavePartyA.is_customer_operation());
        assert!(Operation::SavePartyA.needs_input() && !Operation::Void.needs_input());
    }
}
