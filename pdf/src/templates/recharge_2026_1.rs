//! 账户充值合同, version recharge-2026.1.

use super::{Clause, ColumnSpec, Field, ItemsSpec, Template};
use crate::layout::blocks::Align;
use domain::contract::ContractType;

pub static TEMPLATE: Template = Template {
    version: "recharge-2026.1",
    kind: ContractType::Recharge,
    title: "账户充值合同",
    preamble: &[
        "本合同依据甲乙双方已签署并生效的《云服务框架协议》订立，是该框架协议不可分割的组成部分。本合同未约定的事项，适用框架协议的约定。",
    ],
    clauses: &[
        Clause {
            heading: "充值明细",
            paragraphs: &[
                "甲方通过附表所列渠道向其在乙方开立的云服务账户充值，充值记录号、渠道、金额与到账时间见本合同附表。",
            ],
        },
        Clause {
            heading: "充值款项的使用",
            paragraphs: &[
                "充值款项计入甲方账户余额，仅用于支付甲方购买的乙方云服务费用，不计利息，不得转让。",
                "乙方按框架协议的约定从账户余额中扣除后付费服务费用，扣费明细可在控制台查询。",
            ],
        },
        Clause {
            heading: "退款与发票",
            paragraphs: &[
                "甲方申请退还未消费余额的，乙方在核实后 7 个工作日内原路退回；已就该部分开具发票的，甲方应先行退回发票。",
                "乙方按甲方的申请与国家税务规定开具发票，发票金额以甲方实际消费或充值的金额为准。",
            ],
        },
        Clause {
            heading: "其他",
            paragraphs: &["本合同以电子形式签署，经双方签署后生效，与纸质合同具有同等法律效力。"],
        },
    ],
    items: ItemsSpec {
        heading: "附表：充值记录",
        intro: "以下金额以人民币元计，时间为北京时间。",
        columns: &[
            ColumnSpec { header: "序号", share: 0.6, field: Field::Index, align: Align::Center },
            ColumnSpec { header: "充值记录号", share: 2.8, field: Field::Reference, align: Align::Left },
            ColumnSpec { header: "充值渠道", share: 2.2, field: Field::Description, align: Align::Left },
            ColumnSpec { header: "金额（元）", share: 1.8, field: Field::Amount, align: Align::Right },
            ColumnSpec { header: "到账时间", share: 2.2, field: Field::DateTime, align: Align::Center },
        ],
        always_show_total: true,
    },
    closing: &["本合同一式两份电子文本，甲乙双方各执一份，具有同等法律效力。"],
};
