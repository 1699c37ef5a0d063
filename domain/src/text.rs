//! The zh-CN wording of the domain's own values, in one place: the labels of its typed
//! states, types, checks and refusals, the legal text it prints on contracts (capital
//! numerals, the samples, the demo provider) and the SMS bodies. Other modules refer to
//! these constants; nothing else in the crate spells Chinese text for users. The pages'
//! own text is in the app's catalogs (`app::i18n`); the English of every typed value is in
//! the `catalog` crate.

// ---- Contract types and channels -------------------------------------------------
pub const TYPE_FRAMEWORK: &str = "框架合同";
pub const TYPE_ORDER: &str = "订单合同";
pub const TYPE_FILING: &str = "备案合同";
pub const TYPE_RECHARGE: &str = "充值合同";
pub const ITEM_UNIT_ORDER: &str = "个订单";
pub const ITEM_UNIT_FILING: &str = "个备案";
pub const ITEM_UNIT_RECHARGE: &str = "条充值记录";
pub const CHANNEL_SINGLE: &str = "单方电子签章";
pub const CHANNEL_DUAL: &str = "双方电子签章";
pub const CHANNEL_SINGLE_SHORT: &str = "单方";
pub const CHANNEL_DUAL_SHORT: &str = "双方";

// ---- Status and sub-status --------------------------------------------------------
pub const STATUS_DRAFT: &str = "草稿";
pub const STATUS_SIGNING: &str = "签署中";
pub const STATUS_EFFECTIVE: &str = "已生效";
pub const STATUS_VOIDED: &str = "已作废";
pub const STATUS_DELETED: &str = "已删除";
pub const SUB_FILLING_INFO: &str = "填写信息";
pub const SUB_CONFIRMING_TEXT: &str = "确认合同文本内容";
pub const SUB_CONFIRMING_SIGNING: &str = "签署确认";
pub const SUB_GENERATING: &str = "合同草稿生成中";
pub const SUB_GENERATED: &str = "合同草稿已生成";
pub const SUB_GENERATION_FAILED: &str = "合同草稿生成失败";
pub const SUB_CUSTOMER_SIGNING: &str = "客户签署";
pub const SUB_CANCELLING: &str = "取消中";
pub const SUB_PROVIDER_SIGNING: &str = "服务商签署";
pub const SUB_SIGNING_FAILED: &str = "服务商签署失败";
pub const SUB_E_CONTRACT_EFFECTIVE: &str = "电子合同已生效";
pub const SUB_PAPER_REQUESTED: &str = "纸质合同申请中";
pub const SUB_PAPER_SHIPPED: &str = "纸质合同已寄出";

/// "已生效 / 电子合同已生效"; only the status when there is no sub-status.
pub fn state_label(status: &str, sub_status: &str) -> String {
    if sub_status.is_empty() {
        status.to_string()
    } else {
        format!("{status} / {sub_status}")
    }
}

// ---- Operations and events --------------------------------------------------------
pub const OP_DELETE: &str = "删除";
pub const OP_CONVERT_TO_FORMAL: &str = "转为正式合同";
pub const OP_VOID: &str = "作废";
pub const OP_CANCEL_SIGNING: &str = "取消签署";
pub const OP_RESEND_SMS: &str = "重新发送";
pub const OP_APPLY_PAPER: &str = "申请纸质合同";
pub const OP_OFFLINE_STAMPING: &str = "线下盖章";
pub const OP_VIEW_MAILING_INFO: &str = "查看邮寄信息";
pub const OP_CONFIRM_TEXT: &str = "确认合同文本";
pub const OP_CONFIRM_SIGNER: &str = "确认签署人";
pub const OP_CUSTOMER_SIGN: &str = "签署";
pub const OP_SAVE_PARTY_A: &str = "保存甲方信息";
pub const OP_DRAFT_GENERATED: &str = "合同草稿生成完成";
pub const OP_DRAFT_GENERATION_FAILED: &str = "合同草稿生成失败";
pub const OP_PROVIDER_SIGNED: &str = "服务商签署完成";
pub const OP_PROVIDER_SIGNING_FAILED: &str = "服务商签署失败";
pub const OP_CANCEL_COMPLETED: &str = "取消签署完成";
pub const OP_PAPER_SHIPPED: &str = "寄出纸质合同";

// ---- Refusals of the status machine -----------------------------------------------
pub const REASON_EFFECTIVE_IS_IMMUTABLE: &str = "已生效的合同不可作废或删除";
pub const REASON_SIGNING_STARTED: &str = "服务商已开始签署，合同内容不可更改";
pub const REASON_BACKGROUND_STEP_RUNNING: &str = "后台处理中，请稍候";
pub const REASON_CONTRACT_DELETED: &str = "合同已删除";
pub const REASON_INVALID_STATE: &str = "合同状态与签署方式不符";
pub const REASON_NOT_ALLOWED_IN_STATE: &str = "该操作不适用于当前状态";

/// "当前状态（已生效 / 电子合同已生效）不允许作废：已生效的合同不可作废或删除".
pub fn refusal_sentence(status: &str, sub_status: &str, operation: &str, reason: &str) -> String {
    let state = state_label(status, sub_status);
    format!("当前状态（{state}）不允许{operation}：{reason}")
}

// ---- Order eligibility and selection ----------------------------------------------
pub const BILLING_PREPAID: &str = "预付费";
pub const BILLING_POSTPAID: &str = "后付费";
pub const BILLING_REFUND: &str = "退款";
pub const BILLING_MONTHLY_BILL: &str = "月结账单";
pub const BILLING_MARKETPLACE: &str = "云市场";
pub const INELIGIBLE_MONTHLY_BILL: &str = "月结账单暂不支持";
pub const INELIGIBLE_MARKETPLACE: &str = "云市场订单请联系云市场服务商签署合同";
pub const INELIGIBLE_POSTPAID_BEFORE_CUTOFF: &str = "2018年9月1日前的后付费订单不支持";
pub const SELECTION_EMPTY: &str = "请至少选择一项";
pub const SELECTION_NEGATIVE_TOTAL: &str = "合同总金额不能小于 0";
pub const SELECTION_ITEMS_NOT_ALLOWED: &str = "框架合同无需选择订单、备案或充值记录";

/// "订单合同最多选择 30 个订单".
pub fn selection_too_many(kind: &str, limit: usize, unit: &str) -> String {
    format!("{kind}最多选择 {limit} {unit}")
}

// ---- Money in capital numerals (人民币大写) ----------------------------------------
pub const CAPITAL_DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
pub const CAPITAL_ZERO: &str = "零";
pub const CAPITAL_SHI: &str = "拾";
pub const CAPITAL_BAI: &str = "佰";
pub const CAPITAL_QIAN: &str = "仟";
pub const CAPITAL_WAN: &str = "万";
pub const CAPITAL_YI: &str = "亿";
pub const CAPITAL_YUAN: &str = "元";
pub const CAPITAL_JIAO: &str = "角";
pub const CAPITAL_FEN: &str = "分";
pub const CAPITAL_WHOLE: &str = "整";
pub const CAPITAL_NEGATIVE: &str = "负";

// ---- Form validation ---------------------------------------------------------------
/// Joins several messages on one line.
pub const LIST_SEPARATOR: &str = "；";
pub const ADDRESS_REQUIRED: &str = "请输入联系地址";
pub const ADDRESS_LENGTH: &str = "联系地址为 5–200 个字";
pub const CONTACT_REQUIRED: &str = "请输入联系人";
pub const CONTACT_LENGTH: &str = "联系人为 2–50 个字";
pub const PHONE_REQUIRED: &str = "请输入联系电话";
pub const PHONE_INVALID: &str = "请输入正确的手机号或固定电话";
pub const EMAIL_REQUIRED: &str = "请输入电子邮箱";
pub const EMAIL_TOO_LONG: &str = "电子邮箱不能超过 100 个字符";
pub const EMAIL_INVALID: &str = "请输入正确的电子邮箱";
pub const POSTCODE_REQUIRED: &str = "请输入邮政编码";
pub const POSTCODE_INVALID: &str = "邮政编码为 6 位数字";

// ---- Real-name identifiers ---------------------------------------------------------
pub const ID_WRONG_LENGTH: &str = "证件号码应为 18 位";
pub const ID_BAD_CHARACTER: &str = "证件号码含有无效字符";
pub const ID_BAD_CHECK_CHARACTER: &str = "证件号码校验位不正确，请核对";
pub const ID_IMPLAUSIBLE_BIRTH_DATE: &str = "身份证号码中的出生日期无效";

// ---- Accounts ----------------------------------------------------------------------
pub const ACCOUNT_KIND_ENTERPRISE: &str = "企业";
pub const ACCOUNT_KIND_INDIVIDUAL: &str = "个人";
pub const REALNAME_UNVERIFIED: &str = "未实名认证";
pub const REALNAME_VERIFIED: &str = "已实名认证";
pub const LOGIN_LENGTH: &str = "登录名为 3–32 个字符";
pub const LOGIN_CHARS: &str = "登录名只能包含小写字母、数字和 _ . - @";
pub const LOGIN_TAKEN: &str = "该登录名已被注册";
pub const PASSWORD_LENGTH: &str = "密码为 8–128 个字符";
pub const PASSWORD_COMPOSITION: &str = "密码须同时包含字母和数字";
pub const PASSWORD_MISMATCH: &str = "两次输入的密码不一致";
pub const SUBJECT_NAME_LENGTH: &str = "认证主体名称为 2–100 个字";
pub const ALREADY_VERIFIED: &str = "账号已完成实名认证";

// ---- Who may create contracts (R1–R4) ----------------------------------------------
pub const GATE_UNVERIFIED: &str = "请先完成实名认证";
pub const GATE_SUBJECT_HOLD: &str =
    "实名认证主体已变更，请联系服务商办理权利义务转让补充协议或工商更名函后再创建合同";
pub const GATE_FRAMEWORK_EXISTS: &str = "已有有效的框架合同，作废或删除后才能新建";
pub const GATE_NO_EFFECTIVE_FRAMEWORK: &str = "请先创建框架合同，且框架合同已生效";

// ---------------------------------------------------------------------------------------
// Accounts and real-name verification

pub const ACCOUNT_KIND_REQUIRED: &str = "请选择账号类型";

pub const DEMO_VERIFICATION_OFF: &str = "实名认证由费用中心同步，此处不提供认证";

/// The day's cap on new contracts is reached.
pub fn contracts_per_day_reached(cap: i64) -> String {
    format!("每个账号每天最多创建 {cap} 份合同，今天已达上限，请明天再试")
}

// ---------------------------------------------------------------------------------------
// Form fields
pub const CURRENT_PASSWORD_WRONG: &str = "当前密码不正确";

// ---------------------------------------------------------------------------------------
// Public pages

pub const TEMPLATES_TITLE: &str = "合同模板";
/// What the sample PDFs print where a real contract has its own data.
pub const SAMPLE_NUMBER: &str = "样本";
pub const SAMPLE_PARTY_A_NAME: &str = "（甲方名称，与账号实名认证主体一致）";
pub const SAMPLE_PARTY_A_ADDRESS: &str = "（甲方联系地址）";
pub const SAMPLE_PARTY_A_CONTACT: &str = "（联系人）";
pub const SAMPLE_PARTY_A_PHONE: &str = "（联系电话）";
pub const SAMPLE_PARTY_A_EMAIL: &str = "（电子邮箱）";
pub const SAMPLE_PARTY_A_POSTCODE: &str = "（邮编）";
/// Illustrative item rows of the samples: (reference, description, detail, amount in fen).
pub const SAMPLE_ORDERS: &[(&str, &str, &str, i64)] = &[
    (
        "（订单号）",
        "云服务器 · 2 核 4 GB · 1 年（示例）",
        "预付费",
        120_000,
    ),
    (
        "（订单号）",
        "对象存储资源包 · 500 GB（示例）",
        "预付费",
        35_850,
    ),
];
pub const SAMPLE_FILINGS: &[(&str, &str, &str, i64)] =
    &[("（备案号）", "（网站名称） · （域名）", "经营性备案", 0)];
pub const SAMPLE_RECHARGES: &[(&str, &str, &str, i64)] =
    &[("（充值流水号）", "对公转账（示例）", "充值", 500_000)];

// ---------------------------------------------------------------------------------------
// Creating contracts and their operations
pub const CONFIRM_PARTY_A_REQUIRED: &str = "请确认甲方信息真实有效";
pub const ITEMS_MISSING: &str = "所选记录不存在或不属于当前账号，请刷新后重新选择";
pub const STATE_CHANGED_MEANWHILE: &str = "合同状态已变化，请刷新后重试";

/// An item another contract holds (R7).
pub fn item_occupied(reference: &str, number: &str) -> String {
    format!("{reference} 已在合同 {number} 中")
}

/// An item taken by a concurrent request (R7).
pub fn item_taken(reference: &str) -> String {
    format!("{reference} 刚被其他合同占用，请重新选择")
}

// ---------------------------------------------------------------------------------------
// The demo provider (fictional, R17)
pub const DEMO_PROVIDER_NAME: &str = "示例云计算有限公司";
pub const DEMO_PROVIDER_ADDRESS: &str = "北京市海淀区示例科技园 1 号楼";
pub const DEMO_PROVIDER_MAILING: &str = "北京市海淀区示例科技园 1 号楼 合同管理部（收），100080";

// ---- Audit events (domain::audit::AuditAction) ------------------------------------
pub const AUDIT_CONTRACT_CREATED: &str = "保存合同草稿";
pub const AUDIT_DRAFT_GENERATED: &str = "合同草稿已生成";
pub const AUDIT_DRAFT_GENERATION_FAILED: &str = "合同草稿生成失败";
pub const AUDIT_CONVERT_TO_FORMAL: &str = "转为正式合同";
pub const AUDIT_PROVIDER_SIGNED: &str = "服务商签署，合同生效";
pub const AUDIT_PROVIDER_SIGNING_FAILED: &str = "服务商签署失败";
pub const AUDIT_VOIDED: &str = "作废";
pub const AUDIT_DELETED: &str = "删除";
pub const AUDIT_CANCEL_SIGNING: &str = "取消签署";
pub const AUDIT_CANCEL_COMPLETED: &str = "取消签署完成，合同已作废";
pub const AUDIT_APPLY_PAPER: &str = "申请纸质合同";
pub const AUDIT_PAPER_SHIPPED: &str = "纸质合同已寄出";
pub const AUDIT_CONTRACT_PARTY_A_SAVED: &str = "填写甲方信息";
pub const AUDIT_TEXT_CONFIRMED: &str = "确认合同文本内容";
pub const AUDIT_SIGNER_CONFIRMED: &str = "确认签署信息";
pub const AUDIT_SMS_SENT: &str = "发送签署验证码";
pub const AUDIT_CODE_VERIFIED: &str = "验证码校验通过";
pub const AUDIT_CUSTOMER_SIGNED: &str = "客户签署";
pub const AUDIT_REMINDED: &str = "催签";
pub const AUDIT_OFFLINE_STAMPING: &str = "线下盖章：客户寄出";
pub const AUDIT_STAMPING_RECEIVED: &str = "线下盖章：服务商已签收";
pub const AUDIT_STAMPING_STAMPED: &str = "线下盖章：服务商已盖章";
pub const AUDIT_STAMPING_RETURNED: &str = "线下盖章：已寄回";
pub const AUDIT_ACCOUNT_REGISTERED: &str = "注册账号";
pub const AUDIT_REALNAME_VERIFIED: &str = "完成实名认证";
pub const AUDIT_PASSWORD_SET: &str = "设置密码";
pub const AUDIT_SUBJECT_CHANGED: &str = "实名主体变更";
pub const AUDIT_SUBJECT_HOLD: &str = "实名主体变更，合同待处理";
pub const AUDIT_SUBJECT_HOLD_LIFTED: &str = "主体变更处理完成";
pub const AUDIT_PARTY_A_SAVED: &str = "保存甲方信息";
pub const AUDIT_API_CALL: &str = "费用中心接口调用";
pub const AUDIT_ORDERS_UPSERTED: &str = "同步订单";
pub const AUDIT_FILINGS_UPSERTED: &str = "同步备案";
pub const AUDIT_RECHARGES_UPSERTED: &str = "同步充值记录";
pub const AUDIT_ESIGN_ACTIVATED: &str = "开通电子签章";
pub const AUDIT_SIGNER_REQUESTED: &str = "申请添加签署人";
pub const AUDIT_SIGNER_APPROVED: &str = "签署人审核通过";
pub const AUDIT_SIGNER_REJECTED: &str = "签署人审核未通过";
pub const AUDIT_API_KEY_CREATED: &str = "创建 API 密钥";
pub const AUDIT_API_KEY_REVOKED: &str = "吊销 API 密钥";
pub const AUDIT_EXPIRING: &str = "到期提醒";
pub const AUDIT_SIGNING_EXPIRED: &str = "签署超时，自动取消签署";
pub const AUDIT_RENEWED: &str = "已续签";
pub const AUDIT_CONTRACTS_EXPORTED: &str = "导出合同文件";
/// An event whose token this build does not know.
pub const AUDIT_UNKNOWN: &str = "操作";

// Who did it, for the timeline (`ActorKind`).
pub const ACTOR_CUSTOMER: &str = "客户";
pub const ACTOR_OPERATOR: &str = "服务商运营";
pub const ACTOR_API: &str = "费用中心";
pub const ACTOR_SYSTEM: &str = "系统";
pub const FILE_SUFFIX_DRAFT: &str = "草稿";
pub const FILE_SUFFIX_FORMAL: &str = "正式合同";
pub const PROVIDER_CONTACT: &str = "客户服务中心";

// ---------------------------------------------------------------------------------------
// Verification page (/verify)
pub const VERIFY_BAD_SHA: &str = "SHA-256 应为 64 位十六进制字符";

// ---------------------------------------------------------------------------------------
// Dual-party e-signature channel: e-sign activation, signers, SMS codes, signing (R11, R12)
pub const ESIGN_NOT_ACTIVATED: &str = "企业账号需要先开通电子签署，才能使用双方电子签章";
pub const ESIGN_ALREADY_ACTIVATED: &str = "电子签署已开通";
pub const ESIGN_ENTERPRISE_ONLY: &str = "个人账号无需开通电子签署，签署时由本人通过短信验证码确认";
pub const SIGNER_PENDING: &str = "待审批";
pub const SIGNER_APPROVED: &str = "已授权";
pub const SIGNER_REJECTED: &str = "已拒绝";
pub const SIGNER_NOT_APPROVED: &str = "请选择已授权的签署人";
pub const SIGNER_ALREADY_DECIDED: &str = "该签署人已审批";
pub const SIGNER_DUPLICATE: &str = "该手机号已是签署人";
pub const PERSON_NAME_REQUIRED: &str = "请输入姓名";
pub const PERSON_NAME_LENGTH: &str = "姓名应为 2–30 个字";
pub const SMS_CAP_REACHED: &str =
    "短信发送次数已达上限（该手机号或账号在一小时或一天内），请稍后再试";
pub const SMS_BAD_NUMBER: &str = "短信无法发送到该手机号，请检查号码是否正确";
pub const SMS_PROVIDER_LIMIT: &str = "该手机号接收短信过于频繁，请稍后再试";
pub const SMS_UNAVAILABLE: &str = "短信暂时无法发送，请稍后再试";
pub const SMS_CODES_EXHAUSTED: &str = "验证码多次输入错误，今天不能再获取新的验证码，请明天再试";
pub const TOO_MANY_PENDING_SIGNERS: &str =
    "待审批的签署人过多，请先由电子签署管理员审批或拒绝已有申请";
pub const PERSON_NAME_CHARS: &str = "姓名只能包含文字、“·”和单个空格";
pub const MOBILE_INVALID: &str = "请输入 11 位中国大陆手机号，用于接收短信验证码";
pub const SMS_CODE_MALFORMED: &str = "请输入 6 位数字验证码";
pub const SMS_CODE_NONE: &str = "请先获取验证码";
pub const SMS_CODE_EXPIRED: &str = "验证码已过期，请重新获取";
pub const SMS_CODE_LOCKED: &str = "验证码错误次数过多，已失效，请重新获取";
pub const SIGNATURE_EMPTY: &str = "请在签名区域内手写签名";
pub const SIGNATURE_INVALID: &str = "签名数据无效，请清除后重新签名";
pub const SIGNATURE_TOO_LARGE: &str = "签名过于复杂，请清除后重新签名";
pub const REMIND_TOO_SOON: &str = "每小时只能催签一次";
pub const REMIND_LIMIT_REACHED: &str = "每位签署人最多提醒 3 次（含自动提醒）";
pub const RENEWAL_NOT_AVAILABLE: &str = "只有已生效的备案合同可以续签";
pub const RENEWAL_NOT_YET_OPEN: &str = "备案合同到期前 30 天内才可以续签";
pub const RENEWAL_CLOSED: &str = "合同已到期，不能再续签；其中的备案已释放，可以新建备案合同";
pub const ALREADY_RENEWED: &str = "该合同已续签";
pub const EXPORT_EMPTY: &str = "没有符合条件且已有合同文件的合同";
pub const EXPORT_EXPIRED: &str = "导出文件的下载链接已过期（有效期 24 小时），请重新导出";
pub const REMIND_NOT_SIGNING: &str = "只有等待客户签署的合同可以催签";
pub const OPERATION_NEEDS_FORM: &str = "请在合同详情页填写后提交";
pub const OUTBOX_TITLE: &str = "短信发件箱（开发用）";
pub const OUTBOX_EMPTY: &str = "还没有短信";

/// "验证码错误，还可尝试 3 次".
pub fn sms_code_wrong(left: i64) -> String {
    format!("验证码错误，还可尝试 {left} 次")
}

/// "请 42 秒后再重新发送".
pub fn sms_resend_wait(seconds: i64) -> String {
    format!("请 {seconds} 秒后再重新发送")
}

// ---------------------------------------------------------------------------------------
// After signing: paper contracts (R13), offline stamping (R14), subject changes (R2)
pub const PROVINCE_REQUIRED: &str = "请填写省份";
pub const CITY_REQUIRED: &str = "请填写城市";
pub const DISTRICT_REQUIRED: &str = "请填写区县";
pub const REGION_LENGTH: &str = "最多 20 个字";
pub const STREET_LENGTH: &str = "详细地址应为 5–120 个字";
pub const PAPER_COPIES_RANGE: &str = "份数应为 1–5 份";
pub const PAPER_CONFIRM_REQUIRED: &str = "请确认收件地址无误：提交后不能修改";
pub const STAMPING_COPIES_RANGE: &str = "请选择 2 份或 3 份";
pub const STAMPING_CONFIRM_REQUIRED: &str = "请确认每一份都已加盖公章";
pub const CARRIER_REQUIRED: &str = "请填写快递公司";
pub const CARRIER_LENGTH: &str = "快递公司应为 2–30 个字";
pub const TRACKING_REQUIRED: &str = "请填写快递单号";
pub const TRACKING_INVALID: &str = "快递单号应为 6–32 位字母、数字或 -";
pub const STAMPING_SUBMITTED: &str = "已寄出，待服务商签收";
pub const STAMPING_RECEIVED: &str = "服务商已签收";
pub const STAMPING_STAMPED: &str = "服务商已盖章";
pub const STAMPING_RETURNED: &str = "已寄回";
pub const PAPER_REQUESTED_LABEL: &str = "待寄出";
pub const PAPER_SHIPPED_LABEL: &str = "已寄出";
pub const RESOLUTION_TRANSFER: &str = "权利义务转让补充协议";
pub const RESOLUTION_RENAME: &str = "工商更名函";
pub const STAMPING_IN_PROGRESS: &str = "该合同已有进行中的线下盖章";
pub const API_KEY_NAME_LENGTH: &str = "名称应为 2–50 个字";
pub const API_KEY_VALIDITY_RANGE: &str = "有效期应为 1–3650 天";
pub const NOTE_LENGTH: &str = "备注最多 200 个字";
pub const PAPER_NOT_REQUESTED: &str = "该合同没有待寄出的纸质合同申请";
pub const STAMPING_NOT_FOUND: &str = "线下盖章记录不存在";
pub const STAMPING_STEP_STALE: &str = "该包裹的状态已变化，请刷新";
pub const HOLD_NOT_FOUND: &str = "该主体变更已处理";
