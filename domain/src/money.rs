//! Money is integer fen (R15): figures for tables and Chinese capital numerals
//! (人民币大写) for contract PDFs.
//!
//! Both functions are total over `i64`: they work on the unsigned magnitude, so even
//! `i64::MIN` formats exactly ("-92,233,720,368,547,758.08") without panicking.

use crate::text;

/// "12,800.00", "-300.00", "0.00": thousands separators, two decimals, no currency sign.
pub fn format_yuan(fen: i64) -> String {
    let magnitude = fen.unsigned_abs();
    let yuan = (magnitude / 100).to_string();
    let mut out = String::with_capacity(yuan.len() * 4 / 3 + 5);
    if fen < 0 {
        out.push('-');
    }
    for (i, digit) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out.push_str(&format!(".{:02}", magnitude % 100));
    out
}

/// The amount in Chinese capital numerals following the writing rules of the People's
/// Bank of China's 《支付结算办法》 (without the "人民币" prefix):
///
/// - 零元整 for zero; 负 before negative amounts.
/// - 整 after 元 when there are no jiao or fen. We also write 整 after 角 when there are
///   no fen (伍角整): the rules allow either, and 整 leaves no room to append a digit.
///   Nothing follows 分.
/// - Tens are written with 壹 (壹拾元整, 壹拾万元整).
/// - A run of zeros inside the yuan part is one 零; a zero group between 亿 and 万
///   groups likewise (壹亿零壹万元整). Trailing zeros of a group are not written.
/// - Between 元 and the decimals: 零 when jiao is 0 and fen is not (壹佰元零伍分), and
///   when the yuan part ends in 0 and jiao is not 0 (壹仟陆佰捌拾元零叁角贰分).
///   Amounts below one yuan have no 元 and no 零 (伍分).
/// - Units go 拾佰仟, 万, 亿, then recursively (壹万亿, 壹亿亿), so every `i64` works.
pub fn chinese_capital(fen: i64) -> String {
    let magnitude = fen.unsigned_abs();
    let (yuan, jiao, fen_digit) = (magnitude / 100, (magnitude / 10) % 10, magnitude % 10);
    let mut out = String::new();
    if fen < 0 {
        out.push_str(text::CAPITAL_NEGATIVE);
    }
    if magnitude == 0 {
        out.push_str(text::CAPITAL_ZERO);
        out.push_str(text::CAPITAL_YUAN);
        out.push_str(text::CAPITAL_WHOLE);
        return out;
    }
    if yuan > 0 {
        out.push_str(&integer_words(yuan));
        out.push_str(text::CAPITAL_YUAN);
        let zero_before_jiao = jiao > 0 && yuan % 10 == 0;
        let zero_for_jiao = jiao == 0 && fen_digit > 0;
        if zero_before_jiao || zero_for_jiao {
            out.push_str(text::CAPITAL_ZERO);
        }
    }
    if jiao > 0 {
        out.push_str(digit(jiao));
        out.push_str(text::CAPITAL_JIAO);
    }
    if fen_digit > 0 {
        out.push_str(digit(fen_digit));
        out.push_str(text::CAPITAL_FEN);
    } else {
        out.push_str(text::CAPITAL_WHOLE);
    }
    out
}

fn digit(d: u64) -> &'static str {
    text::CAPITAL_DIGITS[d as usize]
}

/// A positive whole number: groups of four digits joined by 万 and 亿, with one 零
/// where a lower part does not fill its leading position.
fn integer_words(n: u64) -> String {
    const WAN: u64 = 10_000;
    const YI: u64 = 100_000_000;
    let (unit, high, low, full_low) = if n >= YI {
        (text::CAPITAL_YI, n / YI, n % YI, YI / 10)
    } else if n >= WAN {
        (text::CAPITAL_WAN, n / WAN, n % WAN, WAN / 10)
    } else {
        return group_words(n);
    };
    let mut out = integer_words(high);
    out.push_str(unit);
    if low > 0 {
        if low < full_low {
            out.push_str(text::CAPITAL_ZERO);
        }
        out.push_str(&integer_words(low));
    }
    out
}

/// 1–9999 with 仟佰拾; inner zeros collapse to one 零, trailing zeros are dropped.
fn group_words(n: u64) -> String {
    let mut out = String::new();
    let mut pending_zero = false;
    for (power, unit) in [
        (1000, text::CAPITAL_QIAN),
        (100, text::CAPITAL_BAI),
        (10, text::CAPITAL_SHI),
        (1, ""),
    ] {
        let d = (n / power) % 10;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push_str(text::CAPITAL_ZERO);
            pending_zero = false;
        }
        out.push_str(digit(d));
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        assert_eq!(format_yuan(1_280_000), "12,800.00");
        assert_eq!(format_yuan(-30_000), "-300.00");
        assert_eq!(format_yuan(0), "0.00");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(-5), "-0.05");
        assert_eq!(format_yuan(99_999), "999.99");
        assert_eq!(format_yuan(100_000), "1,000.00");
        assert_eq!(format_yuan(12_345_678_901), "123,456,789.01");
        assert_eq!(format_yuan(i64::MAX), "92,233,720,368,547,758.07");
        assert_eq!(format_yuan(i64::MIN), "-92,233,720,368,547,758.08");
    }

    #[test]
    fn pbc_examples() {
        let cases = [
            (0, "零元整"),
            (10, "壹角整"),
            (50, "伍角整"),
            (5, "伍分"),
            (35, "叁角伍分"),
            (100, "壹元整"),
            (1_000, "壹拾元整"),
            (1_600, "壹拾陆元整"),
            (168_032, "壹仟陆佰捌拾元零叁角贰分"),
            (10_700_053, "壹拾万柒仟元零伍角叁分"),
            (100_000_101, "壹佰万零壹元零壹分"),
            (10_005, "壹佰元零伍分"),
            (600_714, "陆仟零柒元壹角肆分"),
            (140_950, "壹仟肆佰零玖元伍角整"),
            (1_640_902, "壹万陆仟肆佰零玖元零贰分"),
            (32_504, "叁佰贰拾伍元零肆分"),
            (10_000_000, "壹拾万元整"),
            (10_000_000_000, "壹亿元整"),
            (10_001_000_000, "壹亿零壹万元整"),
            (10_100_000_000, "壹亿零壹佰万元整"),
            (100_000_000_000_000, "壹万亿元整"),
            (100_000_000_000_100, "壹万亿零壹元整"),
            (100_010_000_000_000, "壹万零壹亿元整"),
            (1_000_100, "壹万零壹元整"),
            (1_010_000, "壹万零壹佰元整"),
            (-30_000, "负叁佰元整"),
            (-1, "负壹分"),
        ];
        for (fen, expected) in cases {
            assert_eq!(chinese_capital(fen), expected, "{fen} fen");
        }
    }

    #[test]
    fn extremes_do_not_panic() {
        // i64::MAX fen is 92,233,720,368,547,758.07 yuan: 9 2233 7203 亿 6854 7758 元.
        let max = "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分";
        assert_eq!(chinese_capital(i64::MAX), max);
        let min = "负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分";
        assert_eq!(chinese_capital(i64::MIN), min);
    }
}
