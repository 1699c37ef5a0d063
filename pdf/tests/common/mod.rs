//! Sample contracts shared by the integration tests, the example and the benchmark.
#![allow(dead_code)]

use std::path::PathBuf;

use domain::contract::ContractType;
use pdf::{
    ContractDocument, CustomerMark, DocumentMode, FormalMarks, ItemRow, Party, SigningEvent,
};

/// The font folder installed by `scripts/setup.sh` (npm ci in `fonts/`).
pub fn font_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fonts/node_modules/@embedpdf/fonts-sc/fonts")
}

pub fn fonts() -> pdf::Fonts {
    let dir = font_dir();
    pdf::Fonts::load(&dir).unwrap_or_else(|e| {
        panic!("{e}: run scripts/setup.sh (it runs `npm ci` in fonts/ to install Noto Sans SC)")
    })
}

/// 2026-11-23 10:00:00 CST.
pub const CREATED: i64 = 1_795_399_200_000;
const DAY: i64 = 86_400_000;

pub fn party_a() -> Party {
    Party {
        name: "杭州示例网络科技有限公司".into(),
        id_masked: Some("9133**********7X2K".into()),
        address: "浙江省杭州市西湖区文三路 90 号示例大厦 12 层 1203 室".into(),
        contact: "王小明".into(),
        phone: "138****5678".into(),
        email: "it@example-hz.cn".into(),
        postcode: "310012".into(),
    }
}

pub fn provider() -> Party {
    Party {
        name: "示例云计算有限公司".into(),
        id_masked: Some("9111**********0A1B".into()),
        address: "北京市海淀区中关村南大街 5 号示例云大厦".into(),
        contact: "合同管理部".into(),
        phone: "400-000-0000".into(),
        email: "contracts@cloud.example".into(),
        postcode: "100081".into(),
    }
}

const PRODUCTS: [&str; 6] = [
    "云服务器 ECS 4 核 16 GB",
    "云数据库 MySQL 高可用版",
    "对象存储 OSS 标准型 1 TB",
    "负载均衡 SLB",
    "内容分发网络 CDN 流量包",
    "云盘 ESSD 500 GB",
];
const MODES: [&str; 3] = ["预付费", "后付费", "退款"];

pub fn order_items(n: usize) -> Vec<ItemRow> {
    (0..n)
        .map(|i| ItemRow {
            reference: format!("ORD-20261120-{:05}", 1001 + i),
            description: PRODUCTS[i % PRODUCTS.len()].into(),
            detail: MODES[if i % 10 == 9 { 2 } else { i % 2 }].into(),
            amount_fen: Some(if i % 10 == 9 {
                -12_000
            } else {
                128_000 + 3_050 * i as i64
            }),
            date_ms: CREATED - (n - i) as i64 * DAY,
        })
        .collect()
}

pub fn filing_items() -> Vec<ItemRow> {
    (0..4)
        .map(|i| ItemRow {
            reference: format!("浙ICP备2026{:04}号-{}", 3100 + i, i + 1),
            description: format!("示例商城 shop{i}.example-hz.cn"),
            detail: format!("关联订单 ORD-20261120-{:05}", 1001 + i),
            amount_fen: None,
            date_ms: CREATED - (10 - i) as i64 * DAY,
        })
        .collect()
}

pub fn recharge_items() -> Vec<ItemRow> {
    let channels = ["对公银行转账", "支付宝", "微信支付"];
    (0..5)
        .map(|i| ItemRow {
            reference: format!("RC-20261122-{:06}", 880_001 + i),
            description: channels[i % 3].into(),
            detail: String::new(),
            amount_fen: Some(500_000 + 10_050 * i as i64),
            date_ms: CREATED - (6 - i) as i64 * DAY + 3_600_000 * i as i64,
        })
        .collect()
}

pub fn items(kind: ContractType) -> Vec<ItemRow> {
    match kind {
        ContractType::Framework => Vec::new(),
        ContractType::Order => order_items(30),
        ContractType::Filing => filing_items(),
        ContractType::Recharge => recharge_items(),
    }
}

pub fn formal_marks(kind: ContractType) -> FormalMarks {
    let customer_mark = match kind {
        ContractType::Order => Some(CustomerMark::EnterpriseSeal {
            name: party_a().name,
        }),
        ContractType::Recharge => Some(CustomerMark::Signature {
            strokes: signature_strokes(),
        }),
        _ => None,
    };
    let mut events = vec![SigningEvent {
        at_ms: CREATED + 60_000,
        actor: party_a().name,
        action: "提交合同申请".into(),
        phone_masked: None,
    }];
    if customer_mark.is_some() {
        events.push(SigningEvent {
            at_ms: CREATED + 1_800_000,
            actor: "王小明（甲方授权签署人）".into(),
            action: "短信验证码确认并签署".into(),
            phone_masked: Some("138****5678".into()),
        });
    }
    events.push(SigningEvent {
        at_ms: CREATED + 2_400_000,
        actor: provider().name,
        action: "乙方盖章，合同生效".into(),
        phone_masked: None,
    });
    FormalMarks {
        effective_at_ms: CREATED + 2_400_000,
        provider_seal_text: provider().name,
        customer_signature: customer_mark.is_some(),
        customer_mark,
        events,
    }
}

/// A plausible hand-drawn "王小明".
pub fn signature_strokes() -> Vec<Vec<(f32, f32)>> {
    let mut strokes = Vec::new();
    for y in [0.25f32, 0.5, 0.8] {
        strokes.push(vec![(0.05, y), (0.15, y - 0.03), (0.28, y)]);
    }
    strokes.push(vec![(0.16, 0.2), (0.17, 0.5), (0.16, 0.82)]);
    strokes.push(vec![(0.45, 0.15), (0.44, 0.6), (0.42, 0.8), (0.4, 0.75)]);
    strokes.push(vec![(0.36, 0.4), (0.33, 0.55)]);
    strokes.push(vec![(0.53, 0.4), (0.57, 0.55)]);
    strokes.push(vec![
        (0.65, 0.3),
        (0.75, 0.25),
        (0.7, 0.5),
        (0.62, 0.65),
        (0.78, 0.6),
        (0.95, 0.9),
    ]);
    strokes.push(vec![(0.7, 0.5), (0.85, 0.7)]);
    strokes
}

pub fn document(kind: ContractType, formal: bool) -> ContractDocument {
    let items = items(kind);
    let total_fen = items.iter().filter_map(|i| i.amount_fen).sum();
    ContractDocument {
        number: format!("QY-20261123-{:06}", 42 + kind as usize),
        kind,
        template_version: pdf::templates::current_version(kind).to_string(),
        party_a: party_a(),
        provider: provider(),
        items,
        total_fen,
        created_at_ms: CREATED,
        mode: if formal {
            DocumentMode::Formal(formal_marks(kind))
        } else {
            DocumentMode::Draft
        },
        renews: None,
    }
}

const CUSTOMERS: [(&str, &str); 8] = [
    ("杭州示例网络科技有限公司", "浙江省杭州市西湖区文三路 90 号"),
    (
        "深圳市前海样例数据服务有限公司",
        "广东省深圳市南山区科技园南区 8 栋",
    ),
    (
        "成都蜀锦云图信息技术有限公司",
        "四川省成都市高新区天府大道北段 1700 号",
    ),
    (
        "武汉江城智造软件股份有限公司",
        "湖北省武汉市东湖新技术开发区光谷大道 77 号",
    ),
    (
        "南京紫金山演示电子商务有限公司",
        "江苏省南京市玄武区珠江路 688 号",
    ),
    (
        "西安长安示范文化传媒有限公司",
        "陕西省西安市雁塔区高新路 52 号",
    ),
    (
        "厦门鹭岛样本物流科技有限公司",
        "福建省厦门市思明区软件园二期观日路 24 号",
    ),
    (
        "哈尔滨冰城测试农业发展有限公司",
        "黑龙江省哈尔滨市南岗区学府路 74 号",
    ),
];

/// The benchmark document: the framework agreement with a 30-row annex table. `n`
/// varies the customer, number, amounts and dates, as successive real documents do.
pub fn bench_document(n: usize) -> ContractDocument {
    let mut doc = document(ContractType::Framework, false);
    let (name, address) = CUSTOMERS[n % CUSTOMERS.len()];
    doc.number = format!("QY-20261123-{:06}", 100 + n);
    doc.party_a.name = name.into();
    doc.party_a.address = format!("{address}{} 室", 100 + n % 900);
    doc.items = order_items(30);
    for (i, item) in doc.items.iter_mut().enumerate() {
        item.reference = format!("ORD-2026{:04}-{:05}", 1100 + n % 100, 1001 + i + n);
        item.amount_fen = item
            .amount_fen
            .map(|a| a + (n as i64 * 7 + i as i64) % 10_000);
        item.date_ms -= (n % 30) as i64 * DAY;
    }
    doc.total_fen = doc.items.iter().filter_map(|i| i.amount_fen).sum();
    doc.created_at_ms += (n % 300) as i64 * DAY;
    doc
}
