//! The dual-party e-signature channel (SPEC's dual rows, R9, R11, R12) through the
//! service's use cases, on a fresh SQLite file and a fresh PostgreSQL database. Codes
//! are read from the SMS outbox, as a person would read their phone.

mod common;

use service::platform::clock::ManualClock;

use common::{actor, create_with, drain, effective_framework, operate, order_ids, refused};
use domain::esign::{SignerChoice, SignerStatus, NAME, PHONE, SIGNER};
use domain::mark::{CustomerMark, SIGNATURE};
use domain::new_contract::CONFIRMED;
use domain::sms::CODE;
use domain::status::allowed_operations;
use domain::{text, Channel, ContractState, ContractType, Operation};
use domain::{Check, FieldProblem};
use service::contracts::{find_for_account, timeline};
use service::{esign, Ctx, ServiceError};
use sqlx::Row;

use common::signing::{
    account, activate, code_sent_to, dual, last_message_to, messages_to, state,
    to_confirming_signing, ADMIN_PHONE, INDIVIDUAL_PHONE, SIGNER_PHONE,
};

fn field<T: std::fmt::Debug>(result: Result<T, ServiceError>, name: &str) -> FieldProblem {
    match result {
        Err(ServiceError::Validation(fields)) => fields
            .get(name)
            .unwrap_or_else(|| panic!("no {name} error: {fields:?}"))
            .clone(),
        other => panic!("expected a {name} field error, got {other:?}"),
    }
}

async fn subject_of(ctx: &Ctx, account: i64) -> String {
    service::identity::accounts::find(&ctx.db, account)
        .await
        .unwrap()
        .subject_name
        .expect("verified")
}

async fn admin_signer_id(ctx: &Ctx, account: i64) -> i64 {
    esign::signers(&ctx.db, account).await.unwrap()[0].id
}

db_test!(async fn r11_enterprises_activate_e_sign_before_the_dual_channel(label, db) {
    let ctx = common::ctx(db);
    let ent = account(&ctx, "ent_demo").await;
    let refusal = refused(create_with(&ctx, ent, &dual(ContractType::Framework, vec![])).await).to_string();
    assert_eq!(refusal, text::ESIGN_NOT_ACTIVATED, "{label}");

    // Field errors name the field; nothing is sent.
    let bad = esign::start_activation(&ctx, ent, "", "010-12345678").await;
    assert_eq!(field(bad, PHONE), Check::MobileInvalid, "{label}");
    assert_eq!(messages_to(&ctx, ADMIN_PHONE).await, 0, "{label}");

    esign::start_activation(&ctx, ent, "李管理", ADMIN_PHONE)
        .await
        .unwrap();
    let code = code_sent_to(&ctx, ADMIN_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let result = esign::confirm_activation(&ctx, ent, wrong, &actor(ent)).await;
    assert_eq!(
        field(result, CODE),
        FieldProblem::SmsCodeWrong { left: 4 },
        "{label}"
    );
    esign::confirm_activation(&ctx, ent, &code, &actor(ent))
        .await
        .unwrap();

    let state = esign::get(&ctx.db, ent).await.unwrap();
    assert!(state.activated_at.is_some(), "{label}");
    // The e-seal carries the verified name, fixed at activation.
    let subject = subject_of(&ctx, ent).await;
    assert_eq!(state.seal_text, Some(subject), "{label}");
    // The administrator is the first approved signer.
    let signers = esign::signers(&ctx.db, ent).await.unwrap();
    assert_eq!(signers.len(), 1, "{label}");
    assert_eq!(signers[0].status, SignerStatus::Approved, "{label}");
    assert_eq!(signers[0].phone, ADMIN_PHONE, "{label}");
    let again = esign::start_activation(&ctx, ent, "王五", SIGNER_PHONE).await;
    assert_eq!(refused(again).to_string(), text::ESIGN_ALREADY_ACTIVATED, "{label}");

    // Now the dual channel opens, starting at 填写甲方信息 with no background job.
    let number = create_with(&ctx, ent, &dual(ContractType::Framework, vec![]))
        .await
        .unwrap();
    assert_eq!(
        find_for_account(&ctx.db, ent, &number).await.unwrap().state,
        ContractState::FILLING_INFO,
        "{label}"
    );
    assert_eq!(service::platform::jobs::pending(&ctx.db).await.unwrap(), 0, "{label}");

    // Individuals need no activation.
    let ind = account(&ctx, "ind_demo").await;
    let refusal = esign::start_activation(&ctx, ind, "赵六", SIGNER_PHONE).await;
    assert_eq!(refused(refusal).to_string(), text::ESIGN_ENTERPRISE_ONLY, "{label}");
    create_with(&ctx, ind, &dual(ContractType::Framework, vec![]))
        .await
        .unwrap();
});

db_test!(
/// A code rests hashed in `sms_codes` and travels in the message; the log only says a
/// message went out.
async fn a_code_never_appears_in_the_log(label, db) {
    let (log, _logging) = common::logs::capture();
    let ctx = common::ctx(db);
    let ent = account(&ctx, "ent_demo").await;
    esign::start_activation(&ctx, ent, "李管理", ADMIN_PHONE)
        .await
        .unwrap();
    let code = code_sent_to(&ctx, ADMIN_PHONE).await;
    let logged = log.text();
    assert!(
        logged.contains("sms written to the outbox"),
        "{label}: {logged}"
    );
    assert!(
        !logged.contains(&code),
        "{label}: the code {code} in the log"
    );
    assert!(
        !logged.contains(ADMIN_PHONE),
        "{label}: the whole number in the log"
    );
});

db_test!(async fn r11_a_new_signer_is_chosen_only_once_the_admin_approves(label, db) {
    let (ctx, clock) = common::clocked(db);
    let ent = account(&ctx, "ent_demo").await;
    activate(&ctx, ent).await;
    let bad = esign::add_signer(&ctx, ent, "王", "139", &actor(ent)).await;
    assert!(
        matches!(bad, Err(ServiceError::Validation(ref f)) if f.get(NAME).is_some() && f.get(PHONE).is_some()),
        "{label}"
    );
    let signer = esign::add_signer(&ctx, ent, "王五", SIGNER_PHONE, &actor(ent))
        .await
        .unwrap();
    let duplicate = esign::add_signer(&ctx, ent, "王五", SIGNER_PHONE, &actor(ent)).await;
    assert_eq!(field(duplicate, PHONE), Check::SignerDuplicate, "{label}");

    let number = create_with(&ctx, ent, &dual(ContractType::Framework, vec![]))
        .await
        .unwrap();
    to_confirming_signing(&ctx, ent, &number).await;
    let choose = |id| SignerChoice::Signer { signer_id: id };
    let pending =
        service::contracts::confirm_signer(&ctx, ent, &number, &choose(signer), &actor(ent))
            .await;
    assert_eq!(field(pending, SIGNER), Check::SignerNotApproved, "{label}");

    // The administrator's code approves; another account's signer is never found.
    esign::send_decision_code(&ctx, ent, signer).await.unwrap();
    let code = code_sent_to(&ctx, ADMIN_PHONE).await;
    let ind = account(&ctx, "ind_demo").await;
    let foreign = esign::decide(&ctx, ind, signer, true, &code, &actor(ind)).await;
    assert!(matches!(foreign, Err(ServiceError::NotFound)), "{label}");
    esign::decide(&ctx, ent, signer, true, &code, &actor(ent))
        .await
        .unwrap();
    let twice = esign::decide(&ctx, ent, signer, false, &code, &actor(ent)).await;
    assert_eq!(refused(twice).to_string(), text::SIGNER_ALREADY_DECIDED, "{label}");

    service::contracts::confirm_signer(&ctx, ent, &number, &choose(signer), &actor(ent))
        .await
        .unwrap();
    let contract = find_for_account(&ctx.db, ent, &number).await.unwrap();
    assert_eq!(contract.state, ContractState::CUSTOMER_SIGNING, "{label}");
    assert_eq!(contract.signer.unwrap().phone, SIGNER_PHONE, "{label}");
    assert_eq!(messages_to(&ctx, SIGNER_PHONE).await, 1, "{label}");

    // A rejected signer stays unusable.
    let other = esign::add_signer(&ctx, ent, "赵六", "13900000009", &actor(ent))
        .await
        .unwrap();
    clock.advance(61_000);
    esign::send_decision_code(&ctx, ent, other).await.unwrap();
    let code = code_sent_to(&ctx, ADMIN_PHONE).await;
    esign::decide(&ctx, ent, other, false, &code, &actor(ent))
        .await
        .unwrap();
    let status = esign::signers(&ctx.db, ent).await.unwrap();
    assert_eq!(
        status.last().unwrap().status,
        SignerStatus::Rejected,
        "{label}"
    );
});

db_test!(async fn dual_rows_an_enterprise_order_contract_from_filling_info_to_effective(label, db) {
    let ctx = common::ctx(db);
    let ent = account(&ctx, "ent_demo").await;
    effective_framework(&ctx, ent).await;
    activate(&ctx, ent).await;
    let orders = order_ids(&ctx.db, ent, "prepaid").await[..3].to_vec();
    let number = create_with(&ctx, ent, &dual(ContractType::Order, orders))
        .await
        .unwrap();
    let ops = |s| allowed_operations(Channel::Dual, s);
    assert_eq!(state(&ctx, ent, &number).await, ContractState::FILLING_INFO);
    assert_eq!(
        ops(ContractState::FILLING_INFO),
        vec![Operation::SavePartyA, Operation::Delete]
    );

    // 填写甲方信息: field errors, nothing moves; then the draft is generated.
    let mut bad = common::party_a();
    bad.email = "not-an-email".into();
    let result =
        service::contracts::save_party_a(&ctx, ent, &number, &bad, false, &actor(ent)).await;
    assert!(
        matches!(result, Err(ServiceError::Validation(ref f)) if f.get("email").is_some() && f.get(CONFIRMED).is_some()),
        "{label}"
    );
    assert_eq!(
        state(&ctx, ent, &number).await,
        ContractState::FILLING_INFO,
        "{label}"
    );
    let via_button = operate(&ctx, ent, &number, Operation::SavePartyA).await;
    assert_eq!(refused(via_button).to_string(), text::OPERATION_NEEDS_FORM, "{label}");
    to_confirming_signing(&ctx, ent, &number).await;
    let contract = find_for_account(&ctx.db, ent, &number).await.unwrap();
    assert!(contract.draft_pdf.is_some(), "{label}");
    assert_eq!(contract.state, ContractState::CONFIRMING_SIGNING, "{label}");

    let signer = admin_signer_id(&ctx, ent).await;
    service::contracts::confirm_signer(
        &ctx,
        ent,
        &number,
        &SignerChoice::Signer { signer_id: signer },
        &actor(ent),
    )
    .await
    .unwrap();
    assert_eq!(
        ops(ContractState::CUSTOMER_SIGNING),
        vec![
            Operation::CustomerSign,
            Operation::CancelSigning,
            Operation::ResendSms
        ]
    );
    let code = code_sent_to(&ctx, ADMIN_PHONE).await;
    service::contracts::customer_sign(&ctx, ent, &number, &code, None, &actor(ent))
        .await
        .unwrap();
    assert_eq!(
        state(&ctx, ent, &number).await,
        ContractState::PROVIDER_SIGNING,
        "{label}"
    );
    // After the customer signed, cancelling is no longer possible.
    let cancel = operate(&ctx, ent, &number, Operation::CancelSigning).await;
    assert!(matches!(cancel, Err(ServiceError::Refused(_))), "{label}");
    drain(&ctx).await;

    let contract = find_for_account(&ctx.db, ent, &number).await.unwrap();
    assert_eq!(
        contract.state,
        ContractState::E_CONTRACT_EFFECTIVE,
        "{label}"
    );
    assert!(contract.formal_pdf.is_some(), "{label}");
    assert_eq!(
        contract.customer_mark,
        Some(CustomerMark::EnterpriseSeal {
            name: subject_of(&ctx, ent).await
        }),
        "{label}"
    );
    let actions: Vec<&str> = timeline(&ctx.db, contract.id)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| e.action.map(domain::AuditAction::as_str))
        .collect();
    for expected in [
        "contract.party_a_saved",
        "contract.draft_generated",
        "contract.text_confirmed",
        "contract.signer_confirmed",
        "contract.sms_sent",
        "contract.code_verified",
        "contract.customer_signed",
        "contract.provider_signed",
    ] {
        assert!(
            actions.contains(&expected),
            "{label}: {expected} in {actions:?}"
        );
    }
});

/// An individual signs `number` with `code` and a drawn signature.
async fn sign(
    ctx: &Ctx,
    account: i64,
    number: &domain::ContractNumber,
    code: &str,
) -> Result<ContractState, ServiceError> {
    service::contracts::customer_sign(
        ctx,
        account,
        number,
        code,
        Some(signature()),
        &actor(account),
    )
    .await
}

fn signature() -> Vec<Vec<(f32, f32)>> {
    vec![vec![(0.1, 0.6), (0.3, 0.2), (0.5, 0.7), (0.8, 0.3)]]
}

/// An individual's framework contract at 客户签署, its code sent to INDIVIDUAL_PHONE.
async fn individual_signing(ctx: &Ctx) -> (i64, domain::ContractNumber) {
    let ind = account(ctx, "ind_demo").await;
    let number = create_with(ctx, ind, &dual(ContractType::Framework, vec![]))
        .await
        .unwrap();
    to_confirming_signing(ctx, ind, &number).await;
    let landline = SignerChoice::Myself {
        phone: "010-12345678".into(),
    };
    let result =
        service::contracts::confirm_signer(ctx, ind, &number, &landline, &actor(ind)).await;
    assert_eq!(field(result, PHONE), Check::MobileInvalid);
    let phone = SignerChoice::Myself {
        phone: INDIVIDUAL_PHONE.into(),
    };
    service::contracts::confirm_signer(ctx, ind, &number, &phone, &actor(ind))
        .await
        .unwrap();
    (ind, number)
}

db_test!(async fn r11_an_individual_signs_with_a_drawn_signature(label, db) {
    let ctx = common::ctx(db);
    let (ind, number) = individual_signing(&ctx).await;
    let code = code_sent_to(&ctx, INDIVIDUAL_PHONE).await;
    // An empty drawing is refused before the code is even looked at.
    let empty =
        service::contracts::customer_sign(&ctx, ind, &number, &code, Some(vec![]), &actor(ind))
            .await;
    assert_eq!(field(empty, SIGNATURE), Check::SignatureEmpty, "{label}");
    sign(&ctx, ind, &number, &code).await.unwrap();
    drain(&ctx).await;
    let contract = find_for_account(&ctx.db, ind, &number).await.unwrap();
    assert_eq!(
        contract.state,
        ContractState::E_CONTRACT_EFFECTIVE,
        "{label}"
    );
    assert_eq!(
        contract.customer_mark,
        Some(CustomerMark::Signature {
            strokes: signature()
        }),
        "{label}"
    );
    assert_eq!(
        contract.signer.unwrap().name,
        subject_of(&ctx, ind).await,
        "{label}"
    );
    // A used code does not sign twice.
    let again = sign(&ctx, ind, &number, &code).await;
    assert!(matches!(again, Err(ServiceError::Refused(_))), "{label}");
});

db_test!(async fn r12_five_wrong_codes_lock_it_until_a_new_one_is_sent(label, db) {
    let (ctx, clock) = common::clocked(db);
    let (ind, number) = individual_signing(&ctx).await;
    let code = code_sent_to(&ctx, INDIVIDUAL_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let sign = |code: String| {
        let ctx = ctx.clone();
        let number = number.clone();
        async move { sign(&ctx, ind, &number, &code).await }
    };
    let malformed = sign("12a".into()).await;
    assert_eq!(field(malformed, CODE), Check::SmsCodeMalformed, "{label}");
    for left in (0..5).rev() {
        let message = field(sign(wrong.into()).await, CODE);
        let expected = if left == 0 {
            Check::SmsCodeLocked.into()
        } else {
            FieldProblem::SmsCodeWrong { left }
        };
        assert_eq!(message, expected, "{label}");
    }
    // Locked: the right code no longer works, and the contract has not moved.
    assert_eq!(
        field(sign(code.clone()).await, CODE),
        Check::SmsCodeLocked,
        "{label}"
    );
    assert_eq!(
        state(&ctx, ind, &number).await,
        ContractState::CUSTOMER_SIGNING,
        "{label}"
    );

    clock.advance(61_000);
    service::contracts::resend_code(&ctx, ind, &number, &actor(ind))
        .await
        .unwrap();
    let fresh = code_sent_to(&ctx, INDIVIDUAL_PHONE).await;
    sign(fresh).await.unwrap();
    assert_eq!(
        state(&ctx, ind, &number).await,
        ContractState::PROVIDER_SIGNING,
        "{label}"
    );
});

db_test!(async fn r12_codes_expire_after_five_minutes_and_resend_waits_sixty_seconds(label, db) {
    let (ctx, clock) = common::clocked(db);
    let (ind, number) = individual_signing(&ctx).await;
    let first = code_sent_to(&ctx, INDIVIDUAL_PHONE).await;
    let too_soon = service::contracts::resend_code(&ctx, ind, &number, &actor(ind)).await;
    assert!(refused(too_soon).to_string().contains("秒后"), "{label}");
    let contract = find_for_account(&ctx.db, ind, &number).await.unwrap();
    let wait = service::contracts::resend_wait_secs(&ctx, &contract)
        .await
        .unwrap();
    assert!((59..=60).contains(&wait), "{label}: {wait}");

    clock.advance(5 * 60_000);
    let expired = sign(&ctx, ind, &number, &first).await;
    assert_eq!(field(expired, CODE), Check::SmsCodeExpired, "{label}");

    service::contracts::resend_code(&ctx, ind, &number, &actor(ind))
        .await
        .unwrap();
    assert_eq!(messages_to(&ctx, INDIVIDUAL_PHONE).await, 2, "{label}");
    let second = code_sent_to(&ctx, INDIVIDUAL_PHONE).await;
    if second != first {
        // Only the latest code counts.
        let old = sign(&ctx, ind, &number, &first).await;
        assert!(
            matches!(field(old, CODE), FieldProblem::SmsCodeWrong { .. }),
            "{label}"
        );
    }
    sign(&ctx, ind, &number, &second).await.unwrap();
});

db_test!(async fn dual_rows_cancel_signing_voids_in_the_background_and_delete_releases_the_orders(label, db) {
    let ctx = common::ctx(db);
    let ent = account(&ctx, "ent_demo").await;
    effective_framework(&ctx, ent).await;
    activate(&ctx, ent).await;
    let orders = order_ids(&ctx.db, ent, "prepaid").await[..2].to_vec();
    let number = create_with(&ctx, ent, &dual(ContractType::Order, orders.clone()))
        .await
        .unwrap();
    to_confirming_signing(&ctx, ent, &number).await;
    let signer = SignerChoice::Signer {
        signer_id: admin_signer_id(&ctx, ent).await,
    };
    service::contracts::confirm_signer(&ctx, ent, &number, &signer, &actor(ent))
        .await
        .unwrap();

    // 催签: once, then not again within the hour.
    service::contracts::remind(&ctx, ent, &number, &actor(ent))
        .await
        .unwrap();
    let again = service::contracts::remind(&ctx, ent, &number, &actor(ent)).await;
    assert_eq!(refused(again).to_string(), text::REMIND_TOO_SOON, "{label}");
    assert_eq!(
        messages_to(&ctx, ADMIN_PHONE).await,
        3,
        "{label}: activation, code, reminder"
    );

    let next = operate(&ctx, ent, &number, Operation::CancelSigning)
        .await
        .unwrap();
    assert_eq!(next, ContractState::CANCELLING, "{label}");
    drain(&ctx).await;
    assert_eq!(
        state(&ctx, ent, &number).await,
        ContractState::VOIDED,
        "{label}"
    );
    // Voided still holds its orders (R7) …
    let taken = common::create(&ctx, ent, ContractType::Order, orders.clone()).await;
    assert!(matches!(taken, Err(ServiceError::Validation(_))), "{label}");
    // … until deleted.
    operate(&ctx, ent, &number, Operation::Delete)
        .await
        .unwrap();
    common::create(&ctx, ent, ContractType::Order, orders)
        .await
        .unwrap();
});

db_test!(async fn dual_rows_drafts_in_the_first_three_steps_can_be_deleted(label, db) {
    let ctx = common::ctx(db);
    let ind = account(&ctx, "ind_demo").await;
    effective_framework(&ctx, ind).await;
    for steps in 0..3 {
        let orders = order_ids(&ctx.db, ind, "prepaid").await[..1].to_vec();
        let number = create_with(&ctx, ind, &dual(ContractType::Order, orders.clone()))
            .await
            .unwrap();
        if steps >= 1 {
            service::contracts::save_party_a(
                &ctx,
                ind,
                &number,
                &common::party_a(),
                true,
                &actor(ind),
            )
            .await
            .unwrap();
            drain(&ctx).await;
        }
        if steps >= 2 {
            operate(&ctx, ind, &number, Operation::ConfirmText)
                .await
                .unwrap();
        }
        let before = state(&ctx, ind, &number).await;
        assert!(
            allowed_operations(Channel::Dual, before).contains(&Operation::Delete),
            "{label}: {before:?}"
        );
        operate(&ctx, ind, &number, Operation::Delete)
            .await
            .unwrap();
        assert!(
            matches!(
                find_for_account(&ctx.db, ind, &number).await,
                Err(ServiceError::NotFound)
            ),
            "{label}"
        );
    }
});

db_test!(async fn r12_parallel_guesses_cannot_exceed_five_tries(label, db) {
    let ctx = common::ctx(db);
    let (ind, number) = individual_signing(&ctx).await;
    let code = code_sent_to(&ctx, INDIVIDUAL_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guesses = (0..12).map(|_| {
        let (ctx, number) = (ctx.clone(), number.clone());
        async move { sign(&ctx, ind, &number, wrong).await }
    });
    let results = concurrently(guesses).await;
    let counted = results
        .iter()
        .filter(|r| matches!(r, Err(ServiceError::Validation(f)) if f.get(CODE).is_some_and(|p| matches!(p, FieldProblem::SmsCodeWrong { .. }) || *p == Check::SmsCodeLocked)))
        .count();
    assert_eq!(counted, 12, "{label}: every guess is refused");
    let attempts: i64 = sqlx::query("SELECT MAX(attempts) FROM sms_codes")
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(attempts, 5, "{label}: the limit holds under concurrency");
    assert_eq!(
        field(sign(&ctx, ind, &number, &code).await, CODE),
        Check::SmsCodeLocked,
        "{label}"
    );
});

/// Runs the futures concurrently on the test's runtime.
async fn concurrently<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

db_test!(async fn r12_parallel_resends_send_one_code(label, db) {
    let (ctx, clock) = common::clocked(db);
    let (ind, number) = individual_signing(&ctx).await;
    clock.advance(61_000);
    let resends = (0..6).map(|_| {
        let (ctx, number) = (ctx.clone(), number.clone());
        async move { service::contracts::resend_code(&ctx, ind, &number, &actor(ind)).await }
    });
    let results = concurrently(resends).await;
    let sent = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(sent, 1, "{label}: {results:?}");
    assert_eq!(messages_to(&ctx, INDIVIDUAL_PHONE).await, 2, "{label}");
});

/// Starts (or restarts) e-sign activation with the administrator's `phone`, a minute
/// after the last code so the resend interval is not what refuses it.
async fn send_activation_code(
    ctx: &Ctx,
    clock: &ManualClock,
    ent: i64,
    phone: &str,
) -> Result<(), ServiceError> {
    clock.advance(61_000);
    esign::start_activation(ctx, ent, "李管理", phone).await
}

db_test!(async fn sms_caps_per_phone_number_hold_within_the_hour_and_the_day(label, db) {
    let (mut ctx, clock) = common::clocked(db);
    ctx.sms_caps.per_phone_hour = 2;
    ctx.sms_caps.per_phone_day = 3;
    let ent = account(&ctx, "ent_demo").await;
    for _ in 0..2 {
        send_activation_code(&ctx, &clock, ent, ADMIN_PHONE)
            .await
            .unwrap();
    }
    let over = send_activation_code(&ctx, &clock, ent, ADMIN_PHONE).await;
    assert_eq!(refused(over).to_string(), text::SMS_CAP_REACHED, "{label}");
    assert_eq!(
        messages_to(&ctx, ADMIN_PHONE).await,
        2,
        "{label}: nothing sent"
    );
    // An hour later the hourly cap has room again; the day's does not after one more.
    clock.advance(3_600_000);
    send_activation_code(&ctx, &clock, ent, ADMIN_PHONE)
        .await
        .unwrap();
    clock.advance(3_600_000);
    let over = send_activation_code(&ctx, &clock, ent, ADMIN_PHONE).await;
    assert_eq!(
        refused(over).to_string(),
        text::SMS_CAP_REACHED,
        "{label}: the day's cap"
    );
    // Another number is not affected by this one's caps.
    send_activation_code(&ctx, &clock, ent, SIGNER_PHONE)
        .await
        .unwrap();
});

db_test!(async fn sms_caps_per_account_hold_across_numbers(label, db) {
    let (mut ctx, clock) = common::clocked(db);
    ctx.sms_caps.per_account_hour = 2;
    let ent = account(&ctx, "ent_demo").await;
    send_activation_code(&ctx, &clock, ent, ADMIN_PHONE)
        .await
        .unwrap();
    send_activation_code(&ctx, &clock, ent, SIGNER_PHONE)
        .await
        .unwrap();
    let over = send_activation_code(&ctx, &clock, ent, INDIVIDUAL_PHONE).await;
    assert_eq!(refused(over).to_string(), text::SMS_CAP_REACHED, "{label}");
    assert_eq!(messages_to(&ctx, INDIVIDUAL_PHONE).await, 0, "{label}");
});

db_test!(async fn no_new_codes_for_a_subject_after_too_many_exhausted_ones_in_a_day(label, db) {
    let (mut ctx, clock) = common::clocked(db);
    ctx.sms_caps.exhausted_codes_per_day = 1;
    let ent = account(&ctx, "ent_demo").await;
    send_activation_code(&ctx, &clock, ent, ADMIN_PHONE)
        .await
        .unwrap();
    let code = code_sent_to(&ctx, ADMIN_PHONE).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..domain::sms::MAX_WRONG_TRIES {
        let _ = esign::confirm_activation(&ctx, ent, wrong, &actor(ent)).await;
    }
    let again = send_activation_code(&ctx, &clock, ent, ADMIN_PHONE).await;
    assert_eq!(refused(again).to_string(), text::SMS_CODES_EXHAUSTED, "{label}");
    // A day later, a new code may be sent.
    clock.advance(24 * 3_600_000);
    send_activation_code(&ctx, &clock, ent, ADMIN_PHONE)
        .await
        .unwrap();
});

db_test!(async fn pending_signers_are_capped(label, db) {
    let mut ctx = common::ctx(db);
    ctx.sms_caps.pending_signers = 1;
    let ent = account(&ctx, "ent_demo").await;
    activate(&ctx, ent).await;
    esign::add_signer(&ctx, ent, "王五", SIGNER_PHONE, &actor(ent))
        .await
        .unwrap();
    let over = esign::add_signer(&ctx, ent, "赵六", INDIVIDUAL_PHONE, &actor(ent)).await;
    assert_eq!(refused(over).to_string(), text::TOO_MANY_PENDING_SIGNERS, "{label}");
});

/// A provider that refuses every message with one error.
struct Refusing(service::sms::SmsError);

#[async_trait::async_trait]
impl service::sms::SmsSender for Refusing {
    async fn send(&self, _: &service::sms::SmsMessage) -> Result<(), service::sms::SmsError> {
        Err(self.0.clone())
    }
}

async fn count(ctx: &Ctx, table: &str) -> i64 {
    sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&ctx.db.pool)
        .await
        .unwrap()
        .get(0)
}

db_test!(
async fn a_message_the_provider_refuses_withdraws_its_code_and_its_count(label, db) {
    use service::sms::SmsError;
    let mut ctx = common::ctx(db);
    let ent = account(&ctx, "ent_demo").await;
    for (error, reason) in [
        (SmsError::RateLimited("x".into()), text::SMS_PROVIDER_LIMIT),
        (SmsError::BadNumber("x".into()), text::SMS_BAD_NUMBER),
        (
            SmsError::Unavailable("db at /secret/path".into()),
            text::SMS_UNAVAILABLE,
        ),
        (SmsError::NotConfigured, text::SMS_UNAVAILABLE),
    ] {
        ctx.sms = std::sync::Arc::new(Refusing(error));
        let result = esign::start_activation(&ctx, ent, "李管理", ADMIN_PHONE).await;
        assert_eq!(refused(result).to_string(), reason, "{label}");
        assert_eq!(count(&ctx, "sms_codes").await, 0, "{label}: no live code");
        assert_eq!(count(&ctx, "sms_sends").await, 0, "{label}: not counted");
    }
    // The provider is back: the customer asks again at once, no resend wait.
    ctx.sms = common::ctx(ctx.db.clone()).sms;
    esign::start_activation(&ctx, ent, "李管理", ADMIN_PHONE)
        .await
        .expect("sent");
    assert_eq!(count(&ctx, "sms_codes").await, 1, "{label}");
});

db_test!(async fn an_sms_is_written_in_the_language_of_the_page_that_caused_it(label, db) {
    let mut ctx = common::ctx(db);
    ctx.lang = domain::Lang::En;
    let ent = account(&ctx, "ent_demo").await;
    esign::start_activation(&ctx, ent, "张三", ADMIN_PHONE)
        .await
        .unwrap();
    let body = last_message_to(&ctx, ADMIN_PHONE).await;
    assert!(
        body.starts_with("【签约】You are activating e-signing"),
        "{label}: {body}"
    );
    assert!(!body.contains("验证码"), "{label}: {body}");
});
