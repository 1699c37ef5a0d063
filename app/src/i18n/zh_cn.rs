//! 简体中文 (the default language).

use domain::verification::{HashVerdict, SealLevel, SignatureVerdict};
use domain::ContractType;

use super::{Catalog, Lang};

pub static ZH_CN: Catalog = Catalog {
    lang: Lang::ZhCn,
    app_name: "签约 · 合同中心",
    brand_public: "签约 · 合同中心",
    nav_label: "主导航",
    nav_guide: "申请指引",
    nav_templates: "合同模板",
    nav_faq: "常见问题",
    nav_verify: "合同验证",
    nav_console: "登录控制台",
    language_label: "语言",
    footer: "签约 · 合同中心 — 演示服务商：示例云计算有限公司（虚构）",

    landing_title: "合同中心",
    landing_description: "在线创建、签署和下载与云服务商之间的框架合同、订单合同、备案合同和充值合同，支持电子签章与纸质合同邮寄。",
    landing_heading: "云服务合同中心：在线签约，即签即用",
    landing_lead: "为您在费用中心购买的云服务在线创建合同：选择订单，确认甲方信息，由服务商加盖电子签章后即可下载具有法律效力的 PDF 合同，也可以申请邮寄纸质合同。",
    landing_cta_console: "进入合同管理",
    landing_cta_guide: "查看申请指引",
    landing_features_label: "合同类型与签署方式",
    landing_features: |r| {
        vec![
            ("框架合同".into(), "约定双方权利义务的基础合同。每个账号一份有效的框架合同，是其他合同的前提。".into()),
            ("订单合同".into(), format!("为预付费、后付费及退款订单签订合同，每份最多 {} 个订单，金额自动汇总并以人民币大写呈现。", r.orders)),
            ("备案合同".into(), format!("经营性 ICP 备案所需的合同，每份最多 {} 个备案号，有效期一年。", r.filings)),
            ("充值合同".into(), format!("为账户充值记录签订合同，每份最多 {} 条充值记录。", r.recharges)),
            ("两种签署方式".into(), "单方电子签章：服务商在后台签章，无需您操作；双方电子签章：您的签署人通过短信验证码确认后签署。".into()),
            ("可验证的 PDF".into(), "正式合同带有服务商印章和数字签名，任何人都可以在验证页核对合同是否为原件、是否被篡改。".into()),
        ]
    },

    guide_title: "申请指引",
    guide_description: "从实名认证到下载合同：合同中心的申请流程、两种签署方式和纸质合同申请说明。",
    guide_intro: "按以下五步即可完成合同申请。每一步完成后，合同管理页面会自动解锁下一步。",
    guide_diagram_title: "合同申请流程图",
    guide_diagram_caption: "合同申请流程：实名认证 → 甲方信息 → 框架合同 → 订单/备案/充值合同 → 下载或申请纸质合同",
    guide_steps: &[
        ("完成实名认证", "甲方名称取自认证主体"),
        ("维护甲方信息", "地址、联系人、电话"),
        ("创建框架合同", "每个账号一份有效"),
        ("创建订单/备案/充值合同", "选择订单、备案或充值记录"),
        ("下载 / 申请纸质合同", "电子合同即时下载"),
    ],
    guide_sections: |r| {
        vec![
            ("1. 完成实名认证".into(), "合同的甲方名称必须与账号的实名认证主体一致，且不可修改。未实名认证的账号无法维护甲方信息或创建合同。".into()),
            ("2. 维护甲方信息".into(), "填写联系地址、联系人、联系电话、电子邮箱和邮政编码。保存一次后，之后创建的每份合同都会自动带出，并在合同中保存当时的快照。".into()),
            ("3. 创建框架合同".into(), "框架合同约定双方的基本权利义务，每个账号同时只能有一份有效的框架合同。框架合同生效后才能创建其他类型的合同。".into()),
            ("4. 创建订单、备案或充值合同".into(), format!(
                "选择需要签订合同的订单（最多 {} 个）、ICP 备案（最多 {} 个）或充值记录（最多 {} 条）。月结账单和云市场订单不支持在此签订合同；{} 前的后付费订单也不支持。",
                r.orders, r.filings, r.recharges, r.postpaid_cutoff
            )),
            ("5. 签署、下载与纸质合同".into(), "单方电子签章：保存合同草稿后系统在后台生成草稿，确认无误后转为正式合同，服务商签章后合同即生效。双方电子签章：您的签署人通过短信验证码确认签署后，服务商再签章。合同生效后可下载 PDF，也可以申请邮寄纸质合同或线下盖章。".into()),
        ]
    },

    templates_title: "合同模板",
    templates_description: "框架合同、订单合同、备案合同和充值合同的现行模板：签约前即可查看合同条款全文（PDF 样本）。",
    templates_intro: "以下是各类合同现行版本的模板样本。创建合同时，系统会在模板中填入您的甲方信息和所选订单、备案或充值记录，并在合同上记录所用的模板版本；模板更新不影响已创建的合同。",
    template_version: "模板版本",
    template_view: "查看模板（PDF）",
    contract_type: |kind| kind.label(),
    template_summary: |kind, r| match kind {
        ContractType::Framework => "约定双方基本权利义务的基础合同。每个账号同时只能有一份有效的框架合同，其他类型的合同以它为前提。".into(),
        ContractType::Order => format!(
            "为预付费订单、{} 及以后的后付费订单和退款订单签订，每份最多 {} 个订单，合同总金额不能小于 0。需要已生效的框架合同。",
            r.postpaid_cutoff, r.orders
        ),
        ContractType::Filing => format!("经营性 ICP 备案所需的合同，每份最多 {} 个备案号，生效后一年内有效。需要已生效的框架合同。", r.filings),
        ContractType::Recharge => format!("为账户充值记录签订，每份最多 {} 条充值记录。需要已生效的框架合同。", r.recharges),
    },

    faq_title: "常见问题",
    faq_description: "关于合同类型、签署方式、合同作废与删除、纸质合同邮寄和合同验证的常见问题。",
    faq_items: |r| {
        vec![
            ("为什么甲方名称不能修改？".into(), "甲方名称取自账号的实名认证主体，以保证合同主体与付款主体一致。如企业名称发生变更，请先在费用中心更新实名认证，再联系服务商办理权利义务转让补充协议或工商更名函。".into()),
            ("为什么必须先签框架合同？".into(), "框架合同约定了双方的基本权利义务，订单合同、备案合同和充值合同都以它为基础，因此需要先有一份已生效的框架合同。".into()),
            ("哪些订单不能签订合同？".into(), format!("月结账单暂不支持；云市场订单请联系云市场服务商签署；{} 前的后付费订单不支持。退款订单可以与其他订单一起签订，但合同总金额不能小于 0。", r.postpaid_cutoff)),
            ("一个订单可以出现在多份合同里吗？".into(), "不可以。一个订单、备案或充值记录同一时间只能属于一份合同；合同删除后，其中的订单会被释放，可以重新选择。".into()),
            ("单方电子签章和双方电子签章有什么区别？".into(), "单方电子签章由服务商在后台加盖电子签章，您只需确认合同内容；双方电子签章需要您的签署人通过短信验证码确认并签名（个人）或加盖企业电子印章（企业），然后服务商再签章。签署方式在创建合同时选定，之后不能更改。".into()),
            ("已生效的合同可以作废吗？".into(), "不可以。已生效的合同内容不可更改，也不能作废或删除。草稿阶段的合同可以作废，作废后可以删除。".into()),
            ("如何获得纸质合同？".into(), "合同生效后，在合同详情中申请纸质合同并填写收件信息，服务商寄出后可以查看快递单号。也可以选择线下盖章：打印合同盖章后寄给服务商，服务商盖章后寄回。".into()),
            ("如何确认合同是真实的？".into(), "在合同验证页输入合同编号并上传 PDF 文件（或填写文件的 SHA-256），系统会核对文件是否为该合同的原件，以及数字签名是否有效。".into()),
        ]
    },

    verify_title: "合同验证",
    verify_description: "输入合同编号并上传合同 PDF（或填写文件的 SHA-256），核对是否为服务商签发的真实、未经篡改的正式合同。",
    verify_intro: "输入合同编号，并上传合同 PDF 文件或填写其 SHA-256 值。我们会核对文件是否为该合同已生效的原件，并检查文件中的数字签名。",
    verify_field_number: "合同编号",
    verify_field_file: "合同 PDF 文件",
    verify_field_sha: "或：文件的 SHA-256",
    verify_submit: "验证",
    verify_bad_number: "请输入合同编号，例如 QY-20261123-000042",
    verify_no_document: "请上传合同 PDF 文件，或填写其 SHA-256",
    verify_bad_sha: "SHA-256 应为 64 位十六进制字符",
    verify_too_large: |max_mib| format!("文件过大（最大 {max_mib} MB）：请上传本平台生成的合同 PDF"),
    verify_rate_limited: "验证过于频繁，请稍后再试",
    verify_ca_link: "下载服务商根证书（用于在 PDF 阅读器中信任签名）",
    verify_result_title: "验证结果",
    verdict: |verdict| match verdict {
        HashVerdict::Genuine => "真实有效：该文件与合同的正式文本完全一致，未经篡改。",
        HashVerdict::NoLongerEffective => "该文件是合同的正式文本，未经篡改；但该合同目前已不再有效（例如已作废）。",
        HashVerdict::Draft => "该文件是合同草稿，不是已签署的正式合同。",
        HashVerdict::NoMatch => "未找到与该文件相符的合同：请核对合同编号；如编号无误，该文件不是此合同的正式文本，可能已被篡改。",
    },
    field_kind: "类型",
    party_a: "甲方",
    party_b: "乙方",
    effective_at: "生效时间",
    expires_at: "到期日期",
    signature_label: "数字签名",
    signature_check: |verdict| match verdict {
        SignatureVerdict::Valid => "有效：由服务商证书签署，签署后文件未被修改",
        SignatureVerdict::Altered => "无效：签署后文件已被修改",
        SignatureVerdict::NotSigned => "文件中没有数字签名",
        SignatureVerdict::WrongSigner => "签名有效，但不是由服务商证书签署",
        SignatureVerdict::Malformed => "无法读取文件中的签名",
    },
    hash_label: "文件 SHA-256",
    seal_level_label: "长期验证",
    seal_level: |level| match level {
        SealLevel::BB => "PAdES B-B：仅有签名，没有可信时间",
        SealLevel::BT => "PAdES B-T：含可信时间，不含验证数据",
        SealLevel::BLT => "PAdES B-LT：含可信时间与验证数据，证书过期后仍可离线验证",
        SealLevel::BLTA => "PAdES B-LTA：含可信时间、验证数据与文档时间戳，可长期离线验证",
    },
    trusted_time_label: "可信签署时间",
    tsa_label: "时间戳机构",
    revision_label: "文件版本",
    revision_of: "第 {n} 版，共 {of} 版",
    verify_again: "验证其他文件",
    loading: "加载中…",

    not_found_title: "页面不存在",
    not_found_body: "您访问的页面不存在，或您没有权限查看。",
    not_found_home: "返回首页",
};
