//! What the billing API says to a person reading its answers, in the request's language
//! (`Accept-Language`, else zh-CN). Machines read the stable `error` and `code` tokens;
//! these sentences are for the engineer looking at a log. One struct value per language,
//! so a sentence missing in one fails the build.

use domain::account::{LOGIN_CHARS, SUBJECT_NAME_CHARS};
use domain::billing::{Problem, MAX_BATCH, REFERENCE_MAX_CHARS, TIME_MAX_MS, TIME_MIN_MS};
use domain::Lang;
use domain::{BillingMode, IdError};

pub struct Texts {
    pub invalid: &'static str,
    pub not_found: &'static str,
    pub busy: &'static str,
    pub unavailable: &'static str,
    pub internal: &'static str,
    pub unauthorized: &'static str,
    pub forbidden: &'static str,
    pub unsupported_media_type: &'static str,
    pub malformed: &'static str,
    pub invalid_body: &'static str,
    pub invalid_query: &'static str,
    /// "3 item problem(s); nothing was written".
    pub item_problems: fn(usize) -> String,
    pub problem: fn(Problem) -> String,
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::ZhCn => &ZH_CN,
        Lang::En => &EN,
    }
}

static ZH_CN: Texts = Texts {
    invalid: "请求中有不符合要求的字段",
    not_found: "不存在",
    busy: "服务器繁忙，请稍后重试",
    unavailable: "服务暂时不可用，请求未执行，请稍后重试",
    internal: "服务器内部错误",
    unauthorized: "需要有效的 API 密钥：Authorization: Bearer qy_…",
    forbidden: "该 API 密钥为只读：只能读取合同和事件，不能修改",
    unsupported_media_type: "请求体须为 JSON（Content-Type: application/json）",
    malformed: "请求体不是合法的 JSON",
    invalid_body: "请求体与接口文档不符",
    invalid_query: "查询参数与接口文档不符",
    item_problems: |n| format!("{n} 项有问题，未写入任何数据"),
    problem: |p| {
        let fixed = match p {
            Problem::TooLong { max } => return format!("最多 {max} 个字符"),
            Problem::ReferenceInvalid => {
                return format!("应为 1–{REFERENCE_MAX_CHARS} 个 ASCII 字母、数字、汉字或 -_.")
            }
            Problem::TimeInvalid => {
                let (from, to) = time_years();
                return format!("应为 {from} 年至 {to} 年之间的 UTC 毫秒时间戳");
            }
            Problem::BillingModeUnknown => return format!("应为 {} 之一", modes("、")),
            Problem::BatchSize => return format!("每批 1 至 {MAX_BATCH} 项"),
            Problem::Required => "必填",
            Problem::NotOneLine => "应为一行文字，不含控制字符",
            Problem::AmountRange => "金额超出范围",
            Problem::AmountSign => "退款金额须为负数，其他订单不能为负数",
            Problem::UnknownAccount => "没有该 external_id 的账号",
            Problem::OtherAccount => "已属于另一个账号",
            Problem::DuplicateInBatch => "在本批次中出现了两次",
            Problem::LoginRequired => "必须提供 login（创建账号时使用，更新时忽略其值）",
            Problem::KindChange => "账号类型不能更改",
            Problem::LoginTaken => "该登录名已被注册",
            Problem::LoginInvalid => {
                let (min, max) = (LOGIN_CHARS.start(), LOGIN_CHARS.end());
                return format!("登录名为 {min}–{max} 个小写字母、数字或 _ . - @");
            }
            Problem::SubjectNameLength => {
                let (min, max) = (SUBJECT_NAME_CHARS.start(), SUBJECT_NAME_CHARS.end());
                return format!("认证主体名称为 {min}–{max} 个字");
            }
            Problem::IdNumber(e) => e.message(),
        };
        fixed.to_string()
    },
};

static EN: Texts = Texts {
    invalid: "the request has invalid fields",
    not_found: "not found",
    busy: "the server is busy; retry later",
    unavailable: "the service is briefly unavailable and nothing was done; retry later",
    internal: "internal error",
    unauthorized: "a valid API key is required: Authorization: Bearer qy_…",
    forbidden: "this API key is read-only: it may read contracts and events, not change anything",
    unsupported_media_type: "the body must be JSON (Content-Type: application/json)",
    malformed: "the body is not valid JSON",
    invalid_body: "the body does not match the operation's schema",
    invalid_query: "the query parameters do not match the operation",
    item_problems: |n| format!("{n} item problem(s); nothing was written"),
    problem: |p| {
        let fixed = match p {
            Problem::TooLong { max } => return format!("at most {max} characters"),
            Problem::ReferenceInvalid => {
                return format!(
                "1-{REFERENCE_MAX_CHARS} ASCII letters or digits, CJK ideographs or -_. expected"
            )
            }
            Problem::TimeInvalid => {
                let (from, to) = time_years();
                return format!("UTC epoch milliseconds between {from} and {to} expected");
            }
            Problem::BillingModeUnknown => return format!("one of {} expected", modes(", ")),
            Problem::BatchSize => return format!("a batch holds 1 to {MAX_BATCH} items"),
            Problem::Required => "required",
            Problem::NotOneLine => "one line without control characters expected",
            Problem::AmountRange => "amount out of range",
            Problem::AmountSign => "refunds must be negative, other orders not",
            Problem::UnknownAccount => "unknown account external_id",
            Problem::OtherAccount => "already belongs to another account",
            Problem::DuplicateInBatch => "appears twice in this batch",
            Problem::LoginRequired => {
                "login is required (an account is created with it; an update ignores its value)"
            }
            Problem::KindChange => "an account's kind cannot change",
            Problem::LoginTaken => "another account has this login",
            Problem::LoginInvalid => {
                let (min, max) = (LOGIN_CHARS.start(), LOGIN_CHARS.end());
                return format!("{min}-{max} lower-case letters, digits or _ . - @ expected");
            }
            Problem::SubjectNameLength => {
                let (min, max) = (SUBJECT_NAME_CHARS.start(), SUBJECT_NAME_CHARS.end());
                return format!("{min}-{max} characters expected");
            }
            Problem::IdNumber(e) => match e {
                IdError::WrongLength => "an identifier has 18 characters",
                IdError::BadCharacter => "the identifier has a character it cannot have",
                IdError::BadCheckCharacter => "the identifier's check character does not match",
                IdError::ImplausibleBirthDate => {
                    "the birth date in the resident ID is not a real one"
                }
            },
        };
        fixed.to_string()
    },
};

/// The years times may fall in: from the first one to the one after the last.
fn time_years() -> (String, String) {
    let year = |ms: i64| domain::calendar::format_cst_date(ms)[..4].to_string();
    (year(TIME_MIN_MS), year(TIME_MAX_MS + 1))
}

/// The billing modes' tokens, as the API spells them.
fn modes(separator: &str) -> String {
    BillingMode::ALL.map(BillingMode::as_str).join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_problem_is_worded_in_both_languages() {
        for problem in Problem::ALL {
            let zh = (texts(Lang::ZhCn).problem)(problem);
            let en = (texts(Lang::En).problem)(problem);
            assert!(has_cjk(&zh), "{problem:?}: {zh}");
            assert!(!en.is_empty() && !has_cjk(&en), "{problem:?}: {en}");
            assert_ne!(zh, en);
        }
    }

    /// The sentences that state a limit state the constant's value.
    #[test]
    fn limits_in_the_sentences_are_the_rules_constants() {
        for lang in Lang::ALL {
            let say = texts(lang).problem;
            assert!(say(Problem::BatchSize).contains(&MAX_BATCH.to_string()));
            assert!(say(Problem::ReferenceInvalid).contains(&REFERENCE_MAX_CHARS.to_string()));
            assert!(say(Problem::TimeInvalid).contains("2000"));
            assert!(say(Problem::TimeInvalid).contains("2100"));
            for mode in BillingMode::ALL {
                assert!(say(Problem::BillingModeUnknown).contains(mode.as_str()));
            }
            assert!(say(Problem::TooLong { max: 77 }).contains("77"));
            for (problem, range) in [
                (Problem::LoginInvalid, LOGIN_CHARS),
                (Problem::SubjectNameLength, SUBJECT_NAME_CHARS),
            ] {
                let said = say(problem);
                assert!(said.contains(&range.start().to_string()), "{said}");
                assert!(said.contains(&range.end().to_string()), "{said}");
            }
            assert!((texts(lang).item_problems)(3).contains('3'));
        }
    }
}
