//! The dual channel's way to a contract waiting for its signer, shared by the tests of
//! signing (dual.rs) and of its reminders and deadline (reminders.rs). Codes are read
//! from the SMS outbox, as a person would read their phone.

use domain::{Channel, ContractState, ContractType, Operation};
use service::contracts::find_for_account;
use service::{esign, Ctx};
use sqlx::Row;

use super::{actor, drain, new_contract, operate};

pub const ADMIN_PHONE: &str = "13900000001";
pub const SIGNER_PHONE: &str = "13900000002";
pub const INDIVIDUAL_PHONE: &str = "13900000003";

pub async fn account(ctx: &Ctx, login: &str) -> i64 {
    service::seed::seed_demo(&ctx.db).await.expect("seed");
    service::identity::accounts::find_by_login(&ctx.db, login)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The newest message to `phone`.
pub async fn last_message_to(ctx: &Ctx, phone: &str) -> String {
    sqlx::query("SELECT body FROM sms_outbox WHERE phone = $1 ORDER BY id DESC LIMIT 1")
        .bind(phone)
        .fetch_one(&ctx.db.pool)
        .await
        .expect("a message to the phone")
        .get(0)
}

/// The code in the newest message to `phone`.
pub async fn code_sent_to(ctx: &Ctx, phone: &str) -> String {
    let body = last_message_to(ctx, phone).await;
    let start = body.find("验证码 ").expect("a code in the message") + "验证码 ".len();
    body[start..start + 6].to_string()
}

pub async fn messages_to(ctx: &Ctx, phone: &str) -> i64 {
    sqlx::query("SELECT COUNT(*) FROM sms_outbox WHERE phone = $1")
        .bind(phone)
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0)
}

pub async fn activate(ctx: &Ctx, account: i64) {
    esign::start_activation(ctx, account, "李管理", ADMIN_PHONE)
        .await
        .expect("activation started");
    let code = code_sent_to(ctx, ADMIN_PHONE).await;
    esign::confirm_activation(ctx, account, &code, &actor(account))
        .await
        .expect("activated");
}

pub fn dual(kind: ContractType, items: Vec<i64>) -> domain::new_contract::NewContract {
    domain::new_contract::NewContract {
        channel: Channel::Dual,
        confirmed: false,
        ..new_contract(kind, items)
    }
}

pub async fn state(ctx: &Ctx, account: i64, number: &domain::ContractNumber) -> ContractState {
    find_for_account(&ctx.db, account, number)
        .await
        .unwrap()
        .state
}

/// Takes a new dual contract through 填写甲方信息 and 确认合同文本内容.
pub async fn to_confirming_signing(ctx: &Ctx, account: i64, number: &domain::ContractNumber) {
    service::contracts::save_party_a(
        ctx,
        account,
        number,
        &super::party_a(),
        true,
        &actor(account),
    )
    .await
    .expect("party A saved");
    drain(ctx).await;
    assert_eq!(
        state(ctx, account, number).await,
        ContractState::CONFIRMING_TEXT
    );
    operate(ctx, account, number, Operation::ConfirmText)
        .await
        .expect("text confirmed");
}
