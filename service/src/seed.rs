//! Demo data (idempotent): two verified enterprises, a verified individual, an
//! unverified account and an operator; each verified customer gets orders covering every billing
//! mode of R5 (including both sides of the 2018-09-01 cut-off), ICP filings and recharge
//! records. Running it twice changes nothing.

use domain::account::{AccountKind, RealNameStatus, Role};
use domain::ids::mask_id;
use domain::party_a::PartyAInput;
use sqlx::Row;

use crate::error::ServiceResult;
use crate::identity::accounts::{self, NewAccount};
use crate::platform::audit::Actor;
use crate::platform::clock::{cst_ms, today_cst};
use crate::platform::db::Db;
use crate::{identity::party_a, identity::passwords};

pub const DEMO_PASSWORD: &str = "Qianyue-2026";

/// A verified subject: (name, unified social credit code or resident ID).
type Verified = Option<(&'static str, &'static str)>;

/// (login, role, kind, verified subject) of the demo accounts.
pub const DEMO_ACCOUNTS: &[(&str, Role, AccountKind, Verified)] = &[
    (
        "ent_demo",
        Role::Customer,
        AccountKind::Enterprise,
        Some(("星河示例数字科技（上海）有限公司", "91350100M000100Y43")),
    ),
    (
        "ind_demo",
        Role::Customer,
        AccountKind::Individual,
        Some(("王小明", "11010519491231002X")),
    ),
    // A second verified enterprise, e-sign not yet activated: the dual channel's demo
    // (and its browser tests, which must not race the single-channel ones on ent_demo).
    (
        "esign_demo",
        Role::Customer,
        AccountKind::Enterprise,
        Some(("云帆示例信息技术（杭州）有限公司", "91330106M000200W5A")),
    ),
    ("new_demo", Role::Customer, AccountKind::Enterprise, None),
    ("ops_demo", Role::Operator, AccountKind::Enterprise, None),
];

const PRODUCTS: &[&str] = &[
    "云服务器 CVM",
    "对象存储 COS",
    "云数据库 MySQL",
    "内容分发网络 CDN",
    "SSL 证书",
    "负载均衡 CLB",
    "云硬盘 CBS",
    "域名注册",
    "短信服务",
    "容器服务 TKE",
];
const RECHARGE_CHANNELS: &[&str] = &["支付宝", "微信支付", "对公转账", "网银支付"];
const PROVINCES: &[&str] = &["京", "沪", "粤", "浙"];
use crate::platform::clock::DAY_MS;

pub async fn seed_demo(db: &Db) -> ServiceResult<()> {
    for (index, (login, role, kind, verified)) in DEMO_ACCOUNTS.iter().enumerate() {
        let id = ensure_account(db, login, *role, *kind, *verified).await?;
        if verified.is_some() && *role == Role::Customer {
            let k = index as i64 + 1;
            seed_orders(db, id, k).await?;
            seed_filings(db, id, k).await?;
            seed_recharges(db, id, k).await?;
        }
        if *login == "ent_demo" && party_a::get(db, id).await?.profile.is_none() {
            let profile = PartyAInput {
                address: "上海市浦东新区示例路 88 号星河大厦 12 层".into(),
                contact: "张三".into(),
                phone: "13800138000".into(),
                email: "contracts@xinghe.example.cn".into(),
                postcode: "200120".into(),
            };
            party_a::save(db, id, &profile, &Actor::system()).await?;
        }
    }
    Ok(())
}

async fn ensure_account(
    db: &Db,
    login: &str,
    role: Role,
    kind: AccountKind,
    verified: Option<(&str, &str)>,
) -> ServiceResult<i64> {
    let id = match accounts::find_by_login(db, login).await? {
        Some(account) => account.id,
        None => create_account(db, login, role, kind, verified).await?,
    };
    // Marked as the seed's: a server outside demo mode refuses to sign it in
    // (`accounts::DemoAccounts`), whatever the database it is pointed at holds.
    sqlx::query("UPDATE accounts SET demo = 1 WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(id)
}

async fn create_account(
    db: &Db,
    login: &str,
    role: Role,
    kind: AccountKind,
    verified: Option<(&str, &str)>,
) -> ServiceResult<i64> {
    let new = NewAccount {
        login: login.to_string(),
        password_hash: passwords::hash(DEMO_PASSWORD.to_string()).await?,
        role,
        kind,
        realname: if verified.is_some() {
            RealNameStatus::Verified
        } else {
            RealNameStatus::Unverified
        },
        subject_name: verified.map(|(name, _)| name.to_string()),
        id_number_masked: verified.map(|(_, id)| mask_id(id)),
        external_id: None,
    };
    Ok(accounts::insert(db, &new, &Actor::system()).await?.id)
}

fn ymd(ms: i64) -> String {
    let (y, m, d) = today_cst(ms);
    format!("{y:04}{m:02}{d:02}")
}

/// 48 orders: half prepaid, then postpaid after the cut-off, refunds, monthly bills,
/// marketplace orders and postpaid orders from before 2018-09-01, plus the two orders
/// on either side of the cut-off minute.
async fn seed_orders(db: &Db, account_id: i64, k: i64) -> ServiceResult<()> {
    let newest = cst_ms(2026, 11, 20, 10, 30);
    for i in 0..48_i64 {
        let (mode, created_at) = match i % 12 {
            0..=5 => ("prepaid", newest - i * 7 * DAY_MS),
            6 | 7 => ("postpaid", newest - i * 7 * DAY_MS),
            8 => ("refund", newest - i * 7 * DAY_MS),
            9 => ("monthly_bill", newest - i * 7 * DAY_MS),
            10 => ("marketplace", newest - i * 7 * DAY_MS),
            _ => ("postpaid", cst_ms(2018, 8, 1, 9, 0) + i * DAY_MS / 2),
        };
        let amount = match mode {
            "refund" => -(((i * 37) % 300 + 20) * 100),
            _ => ((i * 7919) % 50_000 + 100) * 100,
        };
        let product = if mode == "marketplace" {
            format!("云市场·示例软件 {}", i % 5 + 1)
        } else {
            PRODUCTS[(i as usize) % PRODUCTS.len()].to_string()
        };
        insert_order(
            db,
            account_id,
            &format!("{}{k:02}{i:04}", ymd(created_at)),
            &product,
            mode,
            amount,
            created_at,
        )
        .await?;
    }
    // The R5 boundary: the last minute before the cut-off and its first instant.
    let before = cst_ms(2018, 8, 31, 23, 59);
    let at = cst_ms(2018, 9, 1, 0, 0);
    insert_order(
        db,
        account_id,
        &format!("{}{k:02}9998", ymd(before)),
        "云服务器 CVM",
        "postpaid",
        5_000,
        before,
    )
    .await?;
    insert_order(
        db,
        account_id,
        &format!("{}{k:02}9999", ymd(at)),
        "云服务器 CVM",
        "postpaid",
        6_000,
        at,
    )
    .await?;
    Ok(())
}

async fn insert_order(
    db: &Db,
    account_id: i64,
    order_no: &str,
    product: &str,
    mode: &str,
    amount_fen: i64,
    created_at: i64,
) -> ServiceResult<()> {
    sqlx::query(
        "INSERT INTO orders (account_id, order_no, product, billing_mode, amount_fen, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_no) DO NOTHING",
    )
    .bind(account_id)
    .bind(order_no)
    .bind(product)
    .bind(mode)
    .bind(amount_fen)
    .bind(created_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

async fn seed_filings(db: &Db, account_id: i64, k: i64) -> ServiceResult<()> {
    let newest = cst_ms(2026, 10, 15, 14, 0);
    for i in 0..26_i64 {
        let filing_no = format!(
            "{}ICP备{:08}号",
            PROVINCES[(i as usize) % PROVINCES.len()],
            k * 1_000_000 + i * 7 + 1000
        );
        let created_at = newest - i * 9 * DAY_MS;
        sqlx::query(
            "INSERT INTO icp_filings (account_id, filing_no, site_name, domain, order_no, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (filing_no) DO NOTHING",
        )
        .bind(account_id)
        .bind(&filing_no)
        .bind(format!("示例站点 {}", i + 1))
        .bind(format!("site{}-{k}.example.cn", i + 1))
        .bind(Option::<String>::None)
        .bind(created_at)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

async fn seed_recharges(db: &Db, account_id: i64, k: i64) -> ServiceResult<()> {
    let newest = cst_ms(2026, 11, 18, 16, 45);
    for i in 0..36_i64 {
        let paid_at = newest - i * 5 * DAY_MS;
        sqlx::query(
            "INSERT INTO recharge_records (account_id, record_no, amount_fen, channel, paid_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (record_no) DO NOTHING",
        )
        .bind(account_id)
        .bind(format!("RC{}{k:02}{i:04}", ymd(paid_at)))
        .bind(((i * 1373) % 9000 + 100) * 100)
        .bind(RECHARGE_CHANNELS[(i as usize) % RECHARGE_CHANNELS.len()])
        .bind(paid_at)
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

/// How many orders, filings and recharge records an account has (tests and the seed's
/// own log line use this).
pub async fn item_counts(db: &Db, account_id: i64) -> ServiceResult<(i64, i64, i64)> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM orders WHERE account_id = $1), \
                (SELECT COUNT(*) FROM icp_filings WHERE account_id = $1), \
                (SELECT COUNT(*) FROM recharge_records WHERE account_id = $1)",
    )
    .bind(account_id)
    .fetch_one(&db.pool)
    .await?;
    Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
}
