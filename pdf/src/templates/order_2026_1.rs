//! 云服务订单合同, version order-2026.1.

use super::{Clause, ColumnSpec, Field, ItemsSpec, Template};
use crate::layout::blocks::Align;
use domain::contract::ContractType;

pub static TEMPLATE: Template = Template {
    version: "order-2026.1",
    kind: ContractType::Order,
    title: "云服务订单合同",
    preamble: &[
        "本订单合同依据甲乙双方已签署并生效的《云服务框架协议》订立，是该框架协议不可分割的组成部分。本合同未约定的事项，适用框架协议的约定。",
    ],
    clauses: &[
        Clause {
            heading: "订单范围",
            paragraphs: &[
                "甲方通过乙方控制台提交并经乙方系统确认的下列订单纳入本合同，订单明细见本合同附表。",
                "每一订单所涉产品的规格、地域、数量与服务期限，以控制台中该订单的详情为准。",
            ],
        },
        Clause {
            heading: "合同金额与支付",
            paragraphs: &[
                "本合同金额为附表所列订单金额之和；退款订单以负数列示，并从合计金额中扣减。",
                "预付费订单的费用已由甲方在下单时支付；后付费订单按计费周期从甲方账户余额中扣除。",
                "乙方根据甲方的申请，就本合同项下甲方实际支付的金额开具增值税发票。",
            ],
        },
        Clause {
            heading: "服务期限",
            paragraphs: &[
                "各订单的服务期限自资源开通之日起计算，至订单载明的到期日止；后付费资源的服务期限至甲方释放资源之日止。",
                "甲方续费的，续费订单可另行签订订单合同，也可纳入其他订单合同。",
            ],
        },
        Clause {
            heading: "其他",
            paragraphs: &[
                "本合同与框架协议约定不一致的，就本合同所涉订单以本合同为准。",
                "本合同以电子形式签署，经双方签署后生效，与纸质合同具有同等法律效力。",
            ],
        },
    ],
    items: ItemsSpec {
        heading: "附表：订单明细",
        intro: "以下金额以人民币元计；退款订单金额以负数列示。",
        columns: &[
            ColumnSpec { header: "序号", share: 0.6, field: Field::Index, align: Align::Center },
            ColumnSpec { header: "订单号", share: 2.4, field: Field::Reference, align: Align::Left },
            ColumnSpec { header: "产品", share: 2.6, field: Field::Description, align: Align::Left },
            ColumnSpec { header: "计费方式", share: 1.3, field: Field::Detail, align: Align::Center },
            ColumnSpec { header: "金额（元）", share: 1.6, field: Field::Amount, align: Align::Right },
            ColumnSpec { header: "下单日期", share: 1.5, field: Field::Date, align: Align::Center },
        ],
        always_show_total: true,
    },
    closing: &["本合同一式两份电子文本，甲乙双方各执一份，具有同等法律效力。"],
};
