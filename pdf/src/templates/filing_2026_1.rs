//! ICP 备案服务合同, version filing-2026.1.

use super::{Clause, ColumnSpec, Field, ItemsSpec, Template};
use crate::layout::blocks::Align;
use domain::contract::ContractType;

pub static TEMPLATE: Template = Template {
    version: "filing-2026.1",
    kind: ContractType::Filing,
    title: "ICP 备案服务合同",
    preamble: &[
        "本合同依据甲乙双方已签署并生效的《云服务框架协议》订立，是该框架协议不可分割的组成部分。本合同未约定的事项，适用框架协议的约定。",
    ],
    clauses: &[
        Clause {
            heading: "备案信息",
            paragraphs: &[
                "甲方委托乙方为附表所列网站提供 ICP 备案接入服务，备案号、网站名称与域名见本合同附表。",
                "甲方保证备案主体、网站负责人及网站信息真实、准确、完整，并与甲方的实名认证信息一致。",
            ],
        },
        Clause {
            heading: "双方义务",
            paragraphs: &[
                "乙方按照工业和信息化部及各省、自治区、直辖市通信管理局的要求，为甲方提供备案材料核验与信息提交协助。",
                "甲方网站内容涉及新闻、出版、教育、医疗保健、药品和医疗器械等需要前置审批的，甲方应在提交备案前取得主管部门的审批文件。",
                "甲方网站的接入服务器应为乙方在中国境内的云服务器；备案有效期间，甲方应保持相关云服务处于有效状态。",
                "备案信息发生变化的，甲方应在 30 日内通过乙方办理变更手续；网站停止接入乙方服务的，甲方应及时办理备案注销或转出手续。",
            ],
        },
        Clause {
            heading: "合同期限",
            paragraphs: &[
                "本合同有效期一年，自生效之日起计算。期满后，本合同项下的备案可纳入新的备案合同。",
            ],
        },
        Clause {
            heading: "费用",
            paragraphs: &[
                "乙方提供的备案接入协助服务不单独收费。本合同的合计金额为附表所列备案关联订单的金额（如有）。",
            ],
        },
        Clause {
            heading: "其他",
            paragraphs: &[
                "甲方申请纸质合同的，乙方随合同寄送乙方《增值电信业务经营许可证》复印件及备案明细。",
                "本合同以电子形式签署，经双方签署后生效，与纸质合同具有同等法律效力。",
            ],
        },
    ],
    items: ItemsSpec {
        heading: "附表：备案明细",
        intro: "以下为本合同项下的网站备案信息。",
        columns: &[
            ColumnSpec { header: "序号", share: 0.6, field: Field::Index, align: Align::Center },
            ColumnSpec { header: "备案号", share: 2.4, field: Field::Reference, align: Align::Left },
            ColumnSpec { header: "网站名称及域名", share: 3.2, field: Field::Description, align: Align::Left },
            ColumnSpec { header: "说明", share: 2.0, field: Field::Detail, align: Align::Left },
            ColumnSpec { header: "日期", share: 1.5, field: Field::Date, align: Align::Center },
        ],
        always_show_total: true,
    },
    closing: &["本合同一式两份电子文本，甲乙双方各执一份，具有同等法律效力。"],
};
