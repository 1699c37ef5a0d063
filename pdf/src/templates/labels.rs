//! Fixed wording shared by all templates. Changing one changes every re-rendered
//! document: prefer a new template version for anything contractual.

use domain::calendar::{cst_date, CST_OFFSET_MS, MS_PER_DAY};

use crate::layout::Rich;

pub const PARTY_A_HEADING: &str = "甲方（客户）";
pub const PROVIDER_HEADING: &str = "乙方（服务商）";
pub const NAME: &str = "名称：";
pub const ID_NUMBER: &str = "证件号码：";
pub const ADDRESS: &str = "地址：";
pub const CONTACT: &str = "联系人：";
pub const PHONE: &str = "联系电话：";
pub const EMAIL: &str = "电子邮箱：";
pub const POSTCODE: &str = "邮政编码：";
/// Shown for an empty value.
pub const EMPTY: &str = "—";

pub const TOTAL_FIGURES: &str = "合计（小写）：";
pub const TOTAL_CAPITALS: &str = "合计（大写）：";
pub const ITEM_COUNT: &str = "明细数量：";

pub fn total_figures(yuan: &str) -> Rich {
    let mut r = Rich::fixed("人民币 ");
    r.push_data(yuan, false).push_fixed(" 元");
    r
}

pub fn total_capitals(capitals: &str) -> Rich {
    let mut r = Rich::fixed("人民币");
    r.push_data(capitals, false);
    r
}

pub fn item_count(count: usize, unit: &str) -> Rich {
    let mut r = Rich::fixed("共 ");
    r.push_data(&count.to_string(), false)
        .push_fixed(" ")
        .push_fixed(unit);
    r
}

/// The line under the title.
pub fn subtitle(number: &str, version: &str, created_ms: i64) -> Rich {
    let mut r = Rich::fixed("合同编号：");
    r.push_data(number, false)
        .push_fixed("　　模板版本：")
        .push_data(version, false);
    r.push_fixed("　　创建日期：");
    push_date(&mut r, created_ms);
    r
}

pub fn header_number(number: &str) -> Rich {
    let mut r = Rich::fixed("合同编号：");
    r.push_data(number, false);
    r
}

pub fn footer(page: usize, pages: usize) -> Rich {
    let mut r = Rich::fixed("第 ");
    r.push_data(&page.to_string(), false).push_fixed(" 页 共 ");
    r.push_data(&pages.to_string(), false).push_fixed(" 页");
    r
}

pub const WATERMARK: &str = "草稿";
pub const SAMPLE_WATERMARK: &str = "样本";

/// "第十二条 定义".
pub fn clause_heading(number: usize, heading: &str) -> String {
    format!("第{}条　{heading}", chinese_number(number))
}

/// "3.2 …".
pub fn clause_paragraph(clause: usize, paragraph: usize, text: &str) -> String {
    format!("{clause}.{paragraph}　{text}")
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; above 99 in figures.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

// Signature block.
pub const SIGN_PARTY_A: &str = "甲方（签字或盖章）";
pub const SIGN_PROVIDER: &str = "乙方（盖章）";
pub const SIGN_MARK: &str = "签章：";
pub const SIGN_DATE: &str = "日期：";
pub const SIGN_DATE_BLANK: &str = "　　　　年　　月　　日";
pub const SEAL_CAPTION: &str = "合同专用章";

// Evidence page.
pub const EVIDENCE_TITLE: &str = "电子签署证据页";
pub const EVIDENCE_SUBTITLE: &str = "本页由系统在合同生效时自动生成，是本合同不可分割的组成部分";
pub const EVIDENCE_CONTRACT: &str = "合同信息";
pub const EVIDENCE_NUMBER: &str = "合同编号：";
pub const EVIDENCE_TYPE: &str = "合同类型：";
pub const EVIDENCE_VERSION: &str = "模板版本：";
pub const EVIDENCE_PARTY_A: &str = "甲方：";
pub const EVIDENCE_PROVIDER: &str = "乙方：";
pub const EVIDENCE_AMOUNT: &str = "合同金额：";
pub const EVIDENCE_EFFECTIVE: &str = "生效时间：";
pub const EVIDENCE_DIGEST: &str = "内容摘要";
pub const EVIDENCE_ALGORITHM: &str = "摘要算法：";
pub const EVIDENCE_DIGEST_VALUE: &str = "摘要值：";
pub const EVIDENCE_DIGEST_NOTE: &str = "内容摘要是合同正文的 SHA-256 值：自标题起至签署栏之前的全部文字（合同编号、模板版本、双方信息、条款、明细与合计），按规范文本逐行计算；不含签署栏、印章、页眉页脚与本页。同一合同的草稿与正式文本摘要相同。";
pub const EVIDENCE_EVENTS: &str = "签署记录";
pub const EVIDENCE_EVENT_COLUMNS: [&str; 5] =
    ["序号", "时间（北京时间）", "操作方", "操作", "手机号"];
pub const EVIDENCE_NO_EVENTS: &str = "（无签署记录）";
pub const EVIDENCE_SIGNATURE_NOTE: &str = "本文件附有乙方数字证书的 PDF 数字签名（ETSI.CAdES.detached，SHA-256）。签署后对文件的任何改动都会使签名失效；可在合同核验页面上传本文件核验真伪，或在 PDF 阅读器中查看签名。";

/// The reason recorded in the PDF signature dictionary.
pub const SIGNATURE_REASON: &str = "电子合同签署";

/// "2026年11月23日" in China Standard Time (R16).
pub fn date(utc_ms: i64) -> String {
    let (y, m, d) = cst_date(utc_ms);
    format!("{y}年{m}月{d}日")
}

/// [`date`] with the digits marked as data.
pub fn push_date(r: &mut Rich, utc_ms: i64) {
    let (y, m, d) = cst_date(utc_ms);
    r.push_data(&y.to_string(), false).push_fixed("年");
    r.push_data(&m.to_string(), false).push_fixed("月");
    r.push_data(&d.to_string(), false).push_fixed("日");
}

/// "2026-11-23" (CST).
pub fn short_date(utc_ms: i64) -> String {
    let (y, m, d) = cst_date(utc_ms);
    format!("{y:04}-{m:02}-{d:02}")
}

/// "2026-11-23 14:05" (CST).
pub fn date_minute(utc_ms: i64) -> String {
    let (h, min, _) = time_of_day(utc_ms);
    format!("{} {h:02}:{min:02}", short_date(utc_ms))
}

/// "2026-11-23 14:05:09" (CST).
pub fn date_time(utc_ms: i64) -> String {
    let (h, min, s) = time_of_day(utc_ms);
    format!("{} {h:02}:{min:02}:{s:02}", short_date(utc_ms))
}

/// Hours, minutes, seconds of the CST wall clock; total over `i64`.
fn time_of_day(utc_ms: i64) -> (u8, u8, u8) {
    let local = i128::from(utc_ms) + i128::from(CST_OFFSET_MS);
    let secs = (local.rem_euclid(i128::from(MS_PER_DAY)) / 1000) as u32;
    (
        (secs / 3600) as u8,
        (secs / 60 % 60) as u8,
        (secs % 60) as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100]
            .into_iter()
            .map(chinese_number)
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }

    #[test]
    fn times_are_printed_in_china_standard_time() {
        // 2026-11-22 16:05:09 UTC is 2026-11-23 00:05:09 CST.
        let ms = 1_795_363_509_000;
        assert_eq!(date_time(ms), "2026-11-23 00:05:09");
        assert_eq!(date(ms), "2026年11月23日");
        assert_eq!(date_minute(ms), "2026-11-23 00:05");
        // Total for extreme values.
        let _ = date_time(i64::MIN);
        let _ = date_time(i64::MAX);
    }
}
