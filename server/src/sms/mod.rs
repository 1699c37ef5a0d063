//! The SMS sender the server uses, chosen by configuration: the demo outbox (codes in
//! plain text, so demo mode only), Tencent Cloud SMS, or none (every send refused with a
//! customer-facing reason, and an error at start).

mod setting;
mod tc3;
mod tencent;

use std::sync::Arc;

use service::sms::{OutboxSender, SmsSender, UnconfiguredSender};
use service::Db;

pub use setting::{sms_setting, SmsSetting};
pub use tc3::{signature as tc3_signature, Request as Tc3Request};
pub use tencent::{EnglishTemplates, Secret, Templates, TencentSender, TencentSms};

/// The sender for this configuration.
pub fn sender(setting: &SmsSetting, db: &Db) -> Arc<dyn SmsSender> {
    match setting {
        SmsSetting::Outbox => Arc::new(OutboxSender::new(db.clone())),
        SmsSetting::Tencent(settings) => Arc::new(TencentSender::new((**settings).clone())),
        SmsSetting::Off => {
            tracing::error!(
                "no SMS provider configured (QY_SMS_PROVIDER): dual-party signing and e-sign \
                 activation cannot send codes"
            );
            Arc::new(UnconfiguredSender)
        }
    }
}
