//! Every user-facing zh-CN string of the domain, in one place. Other modules refer to
//! these constants; nothing else in the crate spells Chinese text for users.

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
pub const LOGIN_FAILED: &str = "登录名或密码错误";

/// Too many failed logins.
/// The day's cap on new contracts is reached.
pub fn contracts_per_day_reached(cap: i64) -> String {
    format!("每个账号每天最多创建 {cap} 份合同，今天已达上限，请明天再试")
}

/// "操作过于频繁，请 42 秒后再试".
pub fn rate_limited(seconds: i64) -> String {
    format!("操作过于频繁，请 {seconds} 秒后再试")
}
pub const VERIFY_RATE_LIMITED: &str = "验证过于频繁，请稍后再试";

pub fn login_throttled(minutes: i64) -> String {
    format!("登录失败次数过多，请 {minutes} 分钟后再试")
}

// ---------------------------------------------------------------------------------------
// The creation gate (R1–R4)

pub const GATE_UNVERIFIED_TITLE: &str = "尚未完成实名认证";
pub const GATE_UNVERIFIED_BODY: &str =
    "根据合同签署要求，账号完成实名认证后才能维护甲方信息和创建合同，甲方名称将与实名认证主体一致。";
pub const GATE_GO_VERIFY: &str = "前往实名认证";

// ---------------------------------------------------------------------------------------
// Errors shown to the user
pub const ERR_VALIDATION: &str = "请检查标红的字段";
pub const ERR_UNAUTHENTICATED: &str = "登录已失效，请重新登录";
pub const ERR_NOT_FOUND: &str = "内容不存在或无权访问";
pub const ERR_INTERNAL: &str = "系统繁忙，请稍后再试";
/// Too many sign-ins at this moment (the server refuses rather than queue them).
pub const ERR_BUSY: &str = "当前登录的人较多，请稍候几秒再试";
pub const ERR_NETWORK: &str = "请求未能完成，请检查网络后重试";

// ---------------------------------------------------------------------------------------
// Frame, navigation and common words
pub const APP_NAME: &str = "签约 · 合同中心";
pub const BRAND_CONSOLE: &str = "签约 · 费用中心";
pub const CONSOLE_DESCRIPTION: &str = "在费用中心创建、签署、下载和邮寄您与云服务商的合同。";
pub const NAV_LABEL: &str = "主导航";
pub const NAV_MENU: &str = "菜单";
pub const NAV_CONTRACTS: &str = "合同管理";
pub const NAV_PARTY_A: &str = "甲方信息";
pub const NAV_ESIGN: &str = "电子签署";
pub const NAV_ACCOUNT: &str = "账号与实名";
pub const BREADCRUMB_LABEL: &str = "当前位置";
pub const CRUMB_CONTRACTS: &str = "费用中心 / 合同管理";
pub const CRUMB_PARTY_A: &str = "费用中心 / 合同管理 / 甲方信息";
pub const CRUMB_ACCOUNT: &str = "费用中心 / 账号与实名";
pub const MENU_ACCOUNT: &str = "账号信息";
pub const MENU_LOGOUT: &str = "退出";
pub const LOADING: &str = "加载中…";
pub const SAVE: &str = "保存";
pub const MANAGE: &str = "管理";
pub const VERIFIED_MARK: &str = "✓ 实名认证";

// ---------------------------------------------------------------------------------------
// Form fields
pub const FIELD_LOGIN: &str = "登录名";
pub const FIELD_PASSWORD: &str = "密码";
pub const FIELD_PASSWORD_CONFIRM: &str = "确认密码";
pub const FIELD_CURRENT_PASSWORD: &str = "当前密码";
pub const FIELD_NEW_PASSWORD: &str = "新密码";
pub const FIELD_NEW_PASSWORD_CONFIRM: &str = "确认新密码";
pub const CHANGE_PASSWORD_TITLE: &str = "修改密码";
pub const CHANGE_PASSWORD_SUBMIT: &str = "修改密码";
pub const CHANGE_PASSWORD_NOTE: &str = "修改后，其他设备和浏览器上的登录会退出。";
pub const PASSWORD_CHANGED: &str = "密码已修改，其他设备上的登录已退出。";
pub const CURRENT_PASSWORD_WRONG: &str = "当前密码不正确";
pub const FIELD_ACCOUNT_KIND: &str = "账号类型";
pub const FIELD_REALNAME_STATUS: &str = "实名认证状态";
pub const FIELD_SUBJECT_NAME: &str = "认证主体";
pub const FIELD_COMPANY_NAME: &str = "企业名称";
pub const FIELD_PERSON_NAME: &str = "姓名";
pub const FIELD_USCC: &str = "统一社会信用代码";
pub const FIELD_RESIDENT_ID: &str = "身份证号码";
pub const FIELD_PARTY_A_NAME: &str = "甲方名称";
pub const FIELD_ADDRESS: &str = "联系地址";
pub const FIELD_CONTACT: &str = "联系人";
pub const FIELD_PHONE: &str = "联系电话";
pub const FIELD_EMAIL: &str = "电子邮箱";
pub const FIELD_POSTCODE: &str = "邮政编码";
pub const LOGIN_HINT: &str = "3–32 个字符：小写字母、数字及 _ . - @";
pub const PASSWORD_HINT: &str = "8–128 个字符，需同时包含字母和数字";
pub const PHONE_HINT: &str = "手机号，或带区号的固定电话，如 021-12345678";

// ---------------------------------------------------------------------------------------
// Login and registration
pub const LOGIN_TITLE: &str = "登录";
pub const LOGIN_SUBMIT: &str = "登录";
pub const LOGIN_NO_ACCOUNT: &str = "还没有账号？";
pub const REGISTER_TITLE: &str = "注册账号";
pub const REGISTER_SUBMIT: &str = "注册";
pub const REGISTER_HAVE_ACCOUNT: &str = "已有账号？";

// ---------------------------------------------------------------------------------------
// Account page
pub const ACCOUNT_INFO_TITLE: &str = "账号信息";
pub const VERIFY_TITLE: &str = "实名认证（演示）";
pub const VERIFY_DEMO_NOTE: &str =
    "演示环境：填写认证主体名称及证件号码即可完成实名认证。生产环境的实名信息由费用中心同步。";
pub const VERIFY_SUBMIT: &str = "提交认证";
pub const VERIFY_IN_BILLING: &str =
    "请前往费用中心的账号中心完成实名认证，认证结果会自动同步到这里。";

// ---------------------------------------------------------------------------------------
// Party A
pub const PARTY_A_TITLE: &str = "甲方信息";
pub const PARTY_A_FORM_TITLE: &str = "甲方信息管理";
pub const PARTY_A_NAME_LOCKED: &str = "甲方名称与实名认证主体一致，不可修改";
pub const PARTY_A_NEEDS_VERIFICATION: &str = "完成实名认证后才能维护甲方信息。";
pub const PARTY_A_EMPTY: &str = "尚未填写甲方信息，创建合同前请先维护。";
pub const PARTY_A_SAVED: &str = "甲方信息已保存";

// ---------------------------------------------------------------------------------------
// Contract home
pub const GUIDE_PANEL_TITLE: &str = "申请合同指引";
pub const CREATE_TITLE: &str = "创建合同";
pub const CREATE_PREFIX: &str = "创建";
pub const RECORDS_TITLE: &str = "合同申请记录";
pub const RECORDS_EMPTY: &str = "暂无合同记录";

// ---------------------------------------------------------------------------------------
// Public pages

pub const TEMPLATES_TITLE: &str = "合同模板";
pub const TEMPLATE_VIEW: &str = "查看模板（PDF）";
pub const TEMPLATE_NOTE: &str = "合同条款以现行模板为准，创建前可先阅读全文：";
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

pub const NOT_FOUND_TITLE: &str = "页面不存在";
pub const NOT_FOUND_BODY: &str = "您访问的页面不存在，或您没有权限查看。";

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

// ---------------------------------------------------------------------------------------
// Contract records, detail, wizard and picker
pub const CANCEL: &str = "取消";
pub const DONE_SUFFIX: &str = "成功";
pub const CONFIRM_CONVERT_TITLE: &str = "转为正式合同";
pub const CONFIRM_CONVERT_BODY: &str =
    "转为正式合同后，服务商将在后台加盖电子签章，合同内容不可再修改；合同生效后不可作废或删除。确定转为正式合同吗？";
pub const CONFIRM_VOID_TITLE: &str = "作废合同";
pub const CONFIRM_VOID_BODY: &str = "作废后合同不可恢复。作废的合同可以删除，删除后其中的订单、备案或充值记录将被释放。确定作废吗？";
pub const CONFIRM_DELETE_TITLE: &str = "删除合同";
pub const CONFIRM_DELETE_BODY: &str =
    "删除后合同将不再显示，其中的订单、备案或充值记录将被释放，可用于新的合同。确定删除吗？";
pub const FILTER_KIND: &str = "类型";
pub const FILTER_STATUS: &str = "状态";
pub const FILTER_ALL: &str = "全部";
pub const FILTER_NUMBER: &str = "合同编号";
pub const FILTER_NUMBER_PLACEHOLDER: &str = "输入合同编号";
pub const SEARCH: &str = "查询";
pub const COL_NUMBER: &str = "合同编号";
pub const COL_KIND: &str = "类型";
pub const COL_CHANNEL: &str = "签章方式";
pub const COL_STATUS: &str = "状态 / 子状态";
pub const COL_AMOUNT: &str = "金额(元)";
pub const COL_CREATED: &str = "创建时间";
pub const COL_OPERATIONS: &str = "操作";
pub const COL_DATE: &str = "时间";
pub const VIEW: &str = "查看";
pub const PAGER_LABEL: &str = "分页";
pub const PAGE_PREV: &str = "‹ 上一页";
pub const PAGE_NEXT: &str = "下一页 ›";
pub const DOWNLOAD_DRAFT: &str = "下载合同草稿";
pub const DOWNLOAD_FORMAL: &str = "下载正式合同";
pub const PREVIEW_TITLE: &str = "合同预览";
pub const DETAIL_TITLE: &str = "合同详情";
pub const CRUMB_DETAIL: &str = "费用中心 / 合同管理 / 合同详情";
pub const CRUMB_NEW: &str = "费用中心 / 合同管理 / 创建合同";
pub const CONTRACT_NOT_FOUND: &str = "该合同不存在，或不属于当前账号。";
pub const BACK_TO_CONTRACTS: &str = "返回合同管理";
pub const STEP_FAILED_TITLE: &str = "后台处理失败";
pub const STEP_FAILED_DRAFT: &str = "合同草稿未能生成。";
pub const STEP_FAILED_SIGNING: &str = "服务商签章未能完成。";
pub const STEP_FAILED_HINT: &str =
    "系统已多次重试仍未成功。您可以作废该合同后重新创建，或联系客服。";
pub const OPERATIONS_TITLE: &str = "操作";
pub const BACKGROUND_RUNNING_HINT: &str = "后台处理中，页面会自动更新，无需刷新。";
pub const INFO_TITLE: &str = "合同信息";
pub const PARTY_A_LABEL: &str = "甲方";
pub const PARTY_B_LABEL: &str = "乙方";
pub const TOTAL_LABEL: &str = "合计";
pub const EFFECTIVE_AT: &str = "生效时间";
pub const EXPIRES_AT: &str = "到期日期";
pub const TEMPLATE_VERSION: &str = "合同模板版本";
pub const ITEMS_TITLE: &str = "合同明细";
pub const TIMELINE_TITLE: &str = "时间线";
pub const CREATE_BLOCKED_TITLE: &str = "暂时无法创建该合同";
pub const STEP_CONFIRM_ITEMS: &str = "确认记录";
pub const STEP_PARTY_A: &str = "填写甲方信息";
pub const STEP_SAVE: &str = "保存合同草稿";
pub const PREV_STEP: &str = "上一步";
pub const NEXT_CONFIRM: &str = "下一步：确认记录";
pub const NEXT_PARTY_A: &str = "下一步：填写甲方信息";
pub const FIELD_CHANNEL: &str = "签章方式";
pub const CONFIRM_PARTY_A: &str = "我确认以上甲方信息真实有效";
pub const SAVE_DRAFT: &str = "保存合同草稿";
pub const PICKER_SEARCH: &str = "搜索";
pub const PICKER_BILLING_MODE: &str = "计费模式";
pub const PICKER_FROM: &str = "开始日期";
pub const PICKER_TO: &str = "结束日期";
pub const PICKER_EMPTY: &str = "没有符合条件的记录";
pub const PICKER_SELECT: &str = "选择";
pub const PICKER_NOTE: &str = "说明";
pub const LOAD_MORE: &str = "加载更多";

/// The wizard's first step, per contract type token.
pub fn step_select(kind: &str) -> &'static str {
    match kind {
        "order" => "选择订单",
        "filing" => "选择备案",
        "recharge" => "选择充值记录",
        _ => "选择记录",
    }
}

/// The search box's hint, per contract type token.
pub fn picker_placeholder(kind: &str) -> &'static str {
    match kind {
        "order" => "订单号 / 产品",
        "filing" => "备案号 / 网站名称",
        "recharge" => "充值流水号 / 渠道",
        _ => "",
    }
}

/// Column headers (reference, description, detail) of an item table, per type token.
pub fn item_columns(kind: &str) -> (&'static str, &'static str, &'static str) {
    match kind {
        "order" => ("订单号", "产品", "计费模式"),
        "filing" => ("备案号", "网站名称", "域名"),
        _ => ("充值流水号", "充值渠道", "渠道"),
    }
}

/// "已选 12 / 30 个订单".
pub fn selection_summary(count: usize, limit: usize, unit: &str) -> String {
    format!("已选 {count} / {limit} {unit}")
}

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
/// An event whose token this build does not know.
pub const AUDIT_UNKNOWN: &str = "操作";

/// Who did it, for the timeline.
pub fn actor_label(kind: &str) -> &'static str {
    match kind {
        "customer" => "客户",
        "operator" => "服务商运营",
        "api" => "费用中心",
        _ => "系统",
    }
}
pub const FILE_SUFFIX_DRAFT: &str = "草稿";
pub const FILE_SUFFIX_FORMAL: &str = "正式合同";
pub const PROVIDER_CONTACT: &str = "客户服务中心";

// ---------------------------------------------------------------------------------------
// Verification page (/verify)
pub const VERIFY_PAGE_TITLE: &str = "合同验证";
pub const VERIFY_PAGE_DESCRIPTION: &str = "输入合同编号并上传合同 PDF（或填写文件的 SHA-256），核对是否为服务商签发的真实、未经篡改的正式合同。";
pub const VERIFY_PAGE_INTRO: &str = "输入合同编号，并上传合同 PDF 文件或填写其 SHA-256 值。我们会核对文件是否为该合同已生效的原件，并检查文件中的数字签名。";
pub const VERIFY_FIELD_NUMBER: &str = "合同编号";
pub const VERIFY_FIELD_FILE: &str = "合同 PDF 文件";
pub const VERIFY_FIELD_SHA: &str = "或：文件的 SHA-256";
pub const VERIFY_DOC_SUBMIT: &str = "验证";
pub const VERIFY_BAD_NUMBER: &str = "请输入合同编号，例如 QY-20261123-000042";
pub const VERIFY_NO_DOCUMENT: &str = "请上传合同 PDF 文件，或填写其 SHA-256";
pub const VERIFY_BAD_SHA: &str = "SHA-256 应为 64 位十六进制字符";
pub fn verify_too_large(max_mib: usize) -> String {
    format!("文件过大（最大 {max_mib} MB）：请上传本平台生成的合同 PDF")
}
pub const VERIFY_CA_LINK: &str = "下载服务商根证书（用于在 PDF 阅读器中信任签名）";
pub const VERIFY_RESULT_TITLE: &str = "验证结果";
pub const VERIFY_GENUINE: &str = "真实有效：该文件与合同的正式文本完全一致，未经篡改。";
pub const VERIFY_DRAFT: &str = "该文件是合同草稿，不是已签署的正式合同。";
pub const VERIFY_NO_LONGER_EFFECTIVE: &str =
    "该文件是合同的正式文本，未经篡改；但该合同目前已不再有效（例如已作废）。";
pub const VERIFY_NO_MATCH: &str =
    "未找到与该文件相符的合同：请核对合同编号；如编号无误，该文件不是此合同的正式文本，可能已被篡改。";
pub const VERIFY_SIG_LABEL: &str = "数字签名";
pub const VERIFY_HASH_LABEL: &str = "文件 SHA-256";
pub const VERIFY_AGAIN: &str = "验证其他文件";

/// What the embedded signature check found (`pdf::SignatureCheck` tokens).
pub fn signature_check_label(token: &str) -> &'static str {
    match token {
        "valid" => "有效：由服务商证书签署，签署后文件未被修改",
        "altered" => "无效：签署后文件已被修改",
        "not_signed" => "文件中没有数字签名",
        "wrong_signer" => "签名有效，但不是由服务商证书签署",
        _ => "无法读取文件中的签名",
    }
}

// ---------------------------------------------------------------------------------------
// Dual-party e-signature channel: e-sign activation, signers, SMS codes, signing (R11, R12)
pub const ESIGN_NOT_ACTIVATED: &str = "企业账号需要先开通电子签署，才能使用双方电子签章";
pub const ESIGN_ACTIVATE_LINK: &str = "去开通电子签署";
pub const ESIGN_ALREADY_ACTIVATED: &str = "电子签署已开通";
pub const ESIGN_ENTERPRISE_ONLY: &str = "个人账号无需开通电子签署，签署时由本人通过短信验证码确认";
pub const ESIGN_TITLE: &str = "电子签署";
pub const CRUMB_ESIGN: &str = "电子签署";
pub const ESIGN_INTRO: &str = "开通电子签署后，可以在创建合同时选择双方电子签章。开通时需指定一名电子签署管理员，由其手机号接收验证码确认；管理员负责审批新的签署人。";
pub const ESIGN_ADMIN_NAME: &str = "管理员姓名";
pub const ESIGN_ADMIN_PHONE: &str = "管理员手机号";
pub const ESIGN_ACTIVATE: &str = "开通电子签署";
pub const ESIGN_ACTIVATED_AT: &str = "开通时间";
pub const ESIGN_SEAL_LABEL: &str = "企业电子印章";
pub const ESIGN_SEAL_HINT: &str = "开通时根据企业名称生成，签署合同时加盖在甲方签章处。";
pub const ESIGN_ACTIVATED_TOAST: &str = "电子签署已开通";
pub const SIGNERS_TITLE: &str = "签署人";
pub const SIGNERS_EMPTY: &str = "还没有签署人";
pub const SIGNER_NAME: &str = "签署人姓名";
pub const SIGNER_PHONE: &str = "签署人手机号";
pub const SIGNER_ADD: &str = "添加签署人";
pub const SIGNER_ADDED_TOAST: &str = "已提交授权申请，等待电子签署管理员审批";
pub const SIGNER_PENDING: &str = "待审批";
pub const SIGNER_APPROVED: &str = "已授权";
pub const SIGNER_REJECTED: &str = "已拒绝";
pub const SIGNER_APPROVE: &str = "同意授权";
pub const SIGNER_REJECT: &str = "拒绝";
pub const SIGNER_DECIDED_TOAST: &str = "审批已完成";
pub const SIGNER_NOT_APPROVED: &str = "请选择已授权的签署人";
pub const SIGNER_NOT_FOUND: &str = "签署人不存在";
pub const SIGNER_ALREADY_DECIDED: &str = "该签署人已审批";
pub const SIGNER_DUPLICATE: &str = "该手机号已是签署人";
pub const APPROVALS_TITLE: &str = "待审批的签署人（管理员）";
pub const APPROVALS_HINT: &str = "审批需要电子签署管理员手机收到的验证码。";
pub const APPROVALS_EMPTY: &str = "没有待审批的签署人";
pub const COL_SIGNER: &str = "签署人";
pub const COL_PHONE: &str = "手机号";
pub const COL_SIGNER_STATUS: &str = "状态";
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
pub const SMS_CODE_LABEL: &str = "短信验证码";
pub const SMS_CODE_HINT: &str = "6 位数字，5 分钟内有效";
pub const SMS_SEND: &str = "获取验证码";
pub const SMS_SENT_TOAST: &str = "验证码已发送";
pub const SMS_CODE_MALFORMED: &str = "请输入 6 位数字验证码";
pub const SMS_CODE_NONE: &str = "请先获取验证码";
pub const SMS_CODE_EXPIRED: &str = "验证码已过期，请重新获取";
pub const SMS_CODE_LOCKED: &str = "验证码错误次数过多，已失效，请重新获取";
pub const SIGNATURE_EMPTY: &str = "请在签名区域内手写签名";
pub const SIGNATURE_INVALID: &str = "签名数据无效，请清除后重新签名";
pub const SIGNATURE_TOO_LARGE: &str = "签名过于复杂，请清除后重新签名";
pub const SIGNATURE_PAD_LABEL: &str = "手写签名";
pub const SIGNATURE_CLEAR: &str = "清除";
pub const SIGNATURE_HINT: &str = "请用鼠标或手指在框内写下您的姓名";
pub const REMIND_TOO_SOON: &str = "每小时只能催签一次";
pub const REMIND_NOT_SIGNING: &str = "只有等待客户签署的合同可以催签";
pub const OPERATION_NEEDS_FORM: &str = "请在合同详情页填写后提交";
pub const REMIND_SENT_TOAST: &str = "已向签署人发送催签短信";
pub const REMIND: &str = "催签";
pub const CANCEL_SIGNING_CONFIRM: &str =
    "取消签署后合同将作废，所选记录在删除合同后才会释放。确定取消签署吗？";
pub const SIGN_SUBMIT: &str = "确认签署";
pub const SIGNED_TOAST: &str = "签署完成，等待服务商签署";
pub const DUAL_STEPS: [&str; 6] = [
    "选择记录",
    "填写甲方信息",
    "确认合同文本内容",
    "确认签署信息",
    "在线签署",
    "签署完成",
];
pub const DUAL_START: &str = "下一步：填写甲方信息";
pub const DUAL_SAVE_PARTY_A: &str = "保存并生成合同草稿";
pub const DUAL_TEXT_HINT: &str = "请仔细阅读合同草稿。确认后进入签署信息确认；确认前可以删除草稿。";
pub const DUAL_CONFIRM_TEXT: &str = "确认合同文本内容";
pub const DUAL_SIGNER_HINT_ENTERPRISE: &str = "请选择签署人。签署时将向签署人手机发送验证码。";
pub const DUAL_SIGNER_HINT_INDIVIDUAL: &str = "由您本人签署。请确认接收验证码的手机号，可以修改。";
pub const DUAL_SIGNER_NONE: &str =
    "还没有已授权的签署人，请先在电子签署页添加签署人并由管理员审批。";
pub const DUAL_CONFIRM_SIGNER: &str = "确认签署信息并发送验证码";
pub const DUAL_SIGNING_HINT: &str = "验证码已发送至签署人手机";
pub const DUAL_SEAL_HINT: &str = "确认后将在甲方签章处加盖企业电子印章：";
pub const DUAL_WAITING_PROVIDER: &str = "您已完成签署，服务商正在签署，完成后合同即生效。";
pub const FIELD_CHANNEL_HINT_LOCKED: &str = "签署方式在创建后不能更改";
pub const SIGNER_LABEL: &str = "签署人";
pub const CUSTOMER_SIGNED_AT: &str = "客户签署时间";
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

/// The button while resend is throttled: "重新发送（42s）".
pub fn resend_countdown(seconds: i64) -> String {
    format!("重新发送（{seconds}s）")
}

/// SMS bodies. The product name leads, as carriers require a signature.
pub fn sms_signing_code(code: &str, number: &str) -> String {
    format!("【签约】您正在签署合同 {number}，验证码 {code}，5 分钟内有效。请勿泄露给他人。")
}
pub fn sms_activation_code(code: &str) -> String {
    format!(
        "【签约】您正在开通电子签署并被指定为管理员，验证码 {code}，5 分钟内有效。请勿泄露给他人。"
    )
}
pub fn sms_approval_code(code: &str, signer: &str) -> String {
    format!(
        "【签约】您正在审批签署人 {signer} 的授权，验证码 {code}，5 分钟内有效。请勿泄露给他人。"
    )
}
pub fn sms_reminder(number: &str) -> String {
    format!("【签约】合同 {number} 等待您签署，请登录费用中心 > 合同管理完成签署。")
}
pub const SEAL_CAPTION: &str = "合同专用章";
pub const DUAL_START_HINT: &str = "双方电子签章：保存后所选记录即被本合同占用，接下来在合同页面填写甲方信息、确认合同文本、确认签署人并在线签署。离开后可以在合同申请记录中继续。";

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
pub const PAPER_TITLE: &str = "纸质合同";
pub const PAPER_INTRO: &str = "服务商将打印并加盖公章后邮寄给您。收件地址提交后不能修改。";
pub const PAPER_FIELD_RECIPIENT: &str = "收件人";
pub const PAPER_FIELD_PHONE: &str = "收件人电话";
pub const PAPER_FIELD_PROVINCE: &str = "省份";
pub const PAPER_FIELD_CITY: &str = "城市";
pub const PAPER_FIELD_DISTRICT: &str = "区县";
pub const PAPER_FIELD_ADDRESS: &str = "详细地址";
pub const PAPER_FIELD_POSTCODE: &str = "邮政编码";
pub const PAPER_FIELD_COPIES: &str = "份数";
pub const PAPER_CONFIRM: &str = "我已核对收件信息，知晓提交后地址不能修改";
pub const PAPER_SUBMIT: &str = "提交申请";
pub const PAPER_SUBMITTED_TOAST: &str = "已提交纸质合同申请";
pub const PAPER_MAILING_TITLE: &str = "邮寄信息";
pub const PAPER_STATUS: &str = "状态";
pub const PAPER_CARRIER: &str = "快递公司";
pub const PAPER_TRACKING: &str = "快递单号";
pub const PAPER_FILING_EXTRAS_TITLE: &str = "随备案合同寄出的材料";
pub const PAPER_FILING_EXTRAS: [&str; 2] = [
    "服务商增值电信业务经营许可证复印件（加盖公章）",
    "备案信息明细表（合同所列备案号、网站名称及域名）",
];
pub const STAMPING_TITLE: &str = "线下盖章";
pub const STAMPING_INTRO: &str = "打印合同并在每一份的甲方签章处加盖公章，寄给服务商；服务商盖章后寄回其中一份给您。寄回地址提交后不能修改。";
pub const STAMPING_PRINT: &str = "下载打印版";
pub const STAMPING_SEND_TO: &str = "寄至服务商";
pub const STAMPING_ALL_STAMPED: &str = "我已在打印的每一份合同上加盖公章";
pub const STAMPING_COURIER: &str = "快递公司";
pub const STAMPING_TRACKING: &str = "快递单号";
pub const STAMPING_RETURN_TITLE: &str = "寄回地址";
pub const STAMPING_SUBMIT: &str = "提交";
pub const STAMPING_SUBMITTED_TOAST: &str = "已提交线下盖章信息";
pub const STAMPING_IN_PROGRESS: &str = "该合同已有进行中的线下盖章";
pub const STAMPING_RETURN_TRACKING: &str = "寄回快递";
pub const OPS_TITLE: &str = "运营控制台";
pub const CRUMB_OPS: &str = "运营控制台";
pub const NAV_OPS: &str = "运营控制台";
pub const OPS_PAPER_QUEUE: &str = "纸质合同待寄出";
pub const OPS_STAMPING_QUEUE: &str = "线下盖章包裹";
pub const OPS_HOLDS: &str = "主体变更待处理";
pub const OPS_CONTRACTS: &str = "全部合同";
pub const OPS_EMPTY: &str = "暂无";
pub const OPS_OPEN: &str = "进行中";
pub const ROLE_OPERATOR: &str = "运营";
pub const API_KEY_NAME_LENGTH: &str = "名称应为 2–50 个字";
pub const API_KEYS_TITLE: &str = "API 密钥（费用中心对接）";
pub const API_KEY_NAME: &str = "名称";
pub const API_KEY_CREATE: &str = "创建密钥";
pub const API_KEY_REVOKE: &str = "吊销";
pub const API_KEY_CREATED: &str = "新密钥（只显示这一次，请立即复制保存）：";
pub const API_KEY_ACTIVE: &str = "有效";
pub const API_KEY_REVOKED: &str = "已吊销";
pub const API_KEY_DOC: &str = "接口文档（OpenAPI）";
pub const API_KEY_SCOPE: &str = "权限";
pub const API_KEY_SCOPE_FULL: &str = "完全访问";
pub const API_KEY_SCOPE_READ: &str = "只读（事件与合同）";
pub const API_KEY_VALIDITY: &str = "有效期";
pub const API_KEY_NEVER_EXPIRES: &str = "长期有效";
pub const API_KEY_EXPIRED: &str = "已过期";
pub const API_KEY_VALIDITY_RANGE: &str = "有效期应为 1–3650 天";
pub const API_KEY_PASSWORD: &str = "当前登录密码（确认身份）";
pub fn api_key_valid_days(days: u32) -> String {
    format!("{days} 天")
}
pub fn api_key_expires(at: &str) -> String {
    format!("{at} 到期")
}
pub const CONTINUE_SIGNING: &str = "继续";
pub const OPS_SHIP: &str = "标记已寄出";
pub const OPS_MARK_RECEIVED: &str = "确认签收";
pub const OPS_MARK_STAMPED: &str = "已盖章";
pub const OPS_MARK_RETURNED: &str = "寄回";
pub const OPS_RECORD: &str = "记录并解除限制";
pub const OPS_NOTE: &str = "备注";
pub const OPS_RESOLUTION: &str = "处理依据";
pub const OPS_DONE_TOAST: &str = "已记录";
pub const OPS_COL_ACCOUNT: &str = "账号";
pub const OPS_COL_ADDRESS: &str = "收件信息";
pub const OPS_COL_NAMES: &str = "原主体 → 新主体";
pub const OPS_SEARCH_LOGIN: &str = "账号";
pub const NOTE_LENGTH: &str = "备注最多 200 个字";
pub const PAPER_NOT_REQUESTED: &str = "该合同没有待寄出的纸质合同申请";
pub const STAMPING_NOT_FOUND: &str = "线下盖章记录不存在";
pub const STAMPING_STEP_STALE: &str = "该包裹的状态已变化，请刷新";
pub const HOLD_NOT_FOUND: &str = "该主体变更已处理";
