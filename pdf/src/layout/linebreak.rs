//! Line breaking for mixed Chinese and Latin text (a small subset of UAX #14 plus the
//! Chinese 禁则 rules used in print):
//!
//! - A line may break between any two Chinese characters, after a space, and between
//!   a Chinese character and a Latin word, but never inside a Latin word or number
//!   ("QY-20261123-000042", an e-mail address) unless the word alone is wider than
//!   the line.
//! - No line starts with closing punctuation (，。、；：？！）」》…) and no line ends with
//!   opening punctuation (（「《“…). When the character that overflows is closing
//!   punctuation, the character before it moves down with it (推出, "push out"); the
//!   shortened line is then justified.
//! - Spaces at a break disappear; "\n" is a hard break.
//!
//! Pure and font-independent: widths come from a closure, so it is unit-tested with
//! fixed-width characters.

use std::ops::Range;

/// Closing punctuation: never at the start of a line.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '”'
            | '’'
            | '…'
            | '‥'
            | '—'
            | '～'
            | '·'
            | '．'
            | '％'
            | '‰'
            | '℃'
            | '］'
            | '｝'
            | '〞'
            | '々'
            | '〜'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Opening punctuation: never at the end of a line.
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「'
            | '『'
            | '《'
            | '〈'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '“'
            | '‘'
            | '［'
            | '｛'
            | '〝'
            | '￥'
            | '＄'
            | '('
            | '['
            | '{'
            | '¥'
            | '$'
    )
}

/// Chinese, Japanese and Korean characters and their full-width punctuation: each is a
/// unit of its own for breaking.
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x3200..=0x33FF    // enclosed, compatibility
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xAC00..=0xD7AF    // hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF  // supplementary ideographs
    ) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Part of a Latin word, number, code or address: not breakable inside.
fn is_word(c: char) -> bool {
    !c.is_whitespace() && !is_cjk(c)
}

/// May a line break between `prev` and `next`?
pub fn break_allowed(prev: char, next: char) -> bool {
    if next.is_whitespace() || no_line_start(next) || no_line_end(prev) {
        return false;
    }
    prev.is_whitespace() || !(is_word(prev) && is_word(next))
}

/// Does justification add space between `prev` and `next`? Not inside a Latin word.
pub fn stretchable(prev: char, next: char) -> bool {
    !(is_word(prev) && is_word(next))
}

/// Breaks `text` into lines no wider than `first_width` (first line) and `width`
/// (the others), measuring characters with `advance`. Returns byte ranges of `text`
/// without the spaces at the break. Total: never panics, never loops, for any input
/// and any width (a character wider than the line gets a line of its own).
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    advance: impl Fn(char) -> f32,
) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let clean = |w: f32| if w.is_nan() { 0.0 } else { w };
    let (first_width, width) = (clean(first_width), clean(width));
    let mut lines: Vec<Range<usize>> = Vec::new();
    let push = |start: usize, end: usize, lines: &mut Vec<Range<usize>>| {
        let mut end = end;
        while end > start && chars[end - 1].1.is_whitespace() {
            end -= 1;
        }
        lines.push(byte(start)..byte(end));
    };
    let skip_spaces = |mut i: usize| {
        while i < n && chars[i].1.is_whitespace() && chars[i].1 != '\n' {
            i += 1;
        }
        i
    };

    let mut start = 0;
    let mut x = 0.0f32;
    let mut last_break: Option<usize> = None;
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c == '\n' {
            push(start, i, &mut lines);
            start = i + 1;
            x = 0.0;
            last_break = None;
            i += 1;
            continue;
        }
        if i > start && break_allowed(chars[i - 1].1, c) {
            last_break = Some(i);
        }
        let w = clean(advance(c)).max(0.0);
        let limit = if lines.is_empty() { first_width } else { width };
        if i > start && !c.is_whitespace() && x + w > limit {
            let at = match last_break {
                Some(b) if b > start => b,
                _ => emergency_break(&chars, start, i),
            };
            push(start, at, &mut lines);
            start = skip_spaces(at);
            x = (start..i)
                .map(|j| clean(advance(chars[j].1)).max(0.0))
                .sum();
            last_break = (start + 1..=i)
                .rev()
                .find(|&j| break_allowed(chars[j - 1].1, chars[j].1));
        }
        x += w;
        i += 1;
    }
    if start < n || lines.is_empty() {
        push(start, n, &mut lines);
    }
    lines
}

/// A break inside an unbreakable run (a word wider than the line): at the overflowing
/// character, moved back so that the punctuation rules still hold where possible.
fn emergency_break(chars: &[(usize, char)], start: usize, overflow: usize) -> usize {
    let mut at = overflow;
    while at - 1 > start && (no_line_end(chars[at - 1].1) || no_line_start(chars[at].1)) {
        at -= 1;
    }
    if no_line_end(chars[at - 1].1) || no_line_start(chars[at].1) {
        overflow
    } else {
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: f32) -> Vec<&str> {
        break_lines(text, width, width, |_| 1.0)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn fills_lines_with_chinese() {
        assert_eq!(lines("一二三四五六七", 3.0), ["一二三", "四五六", "七"]);
    }

    #[test]
    fn closing_punctuation_pushes_the_previous_character_down() {
        // "，" would start line 2: "三" moves down with it.
        assert_eq!(lines("一二三，四五", 3.0), ["一二", "三，四", "五"]);
        assert_eq!(lines("甲乙丙。", 3.0), ["甲乙", "丙。"]);
        assert_eq!(lines("甲乙丙）丁", 3.0), ["甲乙", "丙）丁"]);
        for closing in ['，', '。', '、', '；', '：', '）', '」', '》', '！', '？'] {
            let text = format!("一二三{closing}四五六");
            for line in lines(&text, 3.0) {
                assert!(!line.starts_with(closing), "{text:?} → line {line:?}");
            }
        }
    }

    #[test]
    fn opening_punctuation_moves_to_the_next_line() {
        assert_eq!(lines("一二（三）四五", 3.0), ["一二", "（三）", "四五"]);
        for opening in ['（', '「', '《', '“', '【'] {
            let text = format!("一二{opening}三四五六");
            for line in lines(&text, 3.0) {
                assert!(!line.ends_with(opening), "{text:?} → line {line:?}");
            }
        }
    }

    #[test]
    fn consecutive_closing_marks_stay_together() {
        assert_eq!(lines("一二三）。四", 3.0), ["一二", "三）。", "四"]);
    }

    #[test]
    fn latin_words_are_not_split() {
        assert_eq!(lines("hello world foo", 7.0), ["hello", "world", "foo"]);
        assert_eq!(
            lines("编号QY-2026-0042号", 13.0),
            ["编号", "QY-2026-0042号"]
        );
    }

    #[test]
    fn over_long_words_are_split_at_the_width() {
        assert_eq!(lines("abcdefghij", 4.0), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("x@very-long-mail-address.example", 10.0).len(), 4);
    }

    #[test]
    fn hard_breaks_and_spaces() {
        assert_eq!(lines("一二\n三", 10.0), ["一二", "三"]);
        assert_eq!(lines("ab    cd", 3.0), ["ab", "cd"]);
        assert_eq!(lines("", 3.0), [""]);
    }

    #[test]
    fn first_line_may_be_narrower() {
        let text = "一二三四五六七";
        let got: Vec<&str> = break_lines(text, 2.0, 4.0, |_| 1.0)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(got, ["一二", "三四五六", "七"]);
    }

    #[test]
    fn degenerate_widths_terminate() {
        assert_eq!(lines("一二三", 0.0), ["一", "二", "三"]);
        assert_eq!(lines("一二三", f32::NAN), ["一", "二", "三"]);
        assert_eq!(lines("一二三", f32::INFINITY), ["一二三"]);
        assert_eq!(lines("，，，，", 2.0).concat(), "，，，，");
    }

    /// Over many generated texts: nothing is lost; every break is an allowed one unless
    /// the line before it is a single unbreakable unit; no line is too wide unless it is
    /// one unbreakable unit.
    #[test]
    fn rules_hold_on_generated_text() {
        let alphabet: Vec<char> = "合同甲乙方服务费用，。、；：（）《》「」！？ab1 "
            .chars()
            .collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let unbreakable = |chars: &[char]| chars.windows(2).all(|w| !break_allowed(w[0], w[1]));
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 60) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            for width in [2.0, 3.0, 5.0, 8.0, 13.0] {
                let ranges = break_lines(&text, width, width, |_| 1.0);
                let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                let joined: String = ranges.iter().map(|r| &text[r.clone()]).collect();
                assert_eq!(squash(&joined), squash(&text), "{text:?}");
                for pair in ranges.windows(2) {
                    let line: Vec<char> = text[pair[0].clone()].chars().collect();
                    let (Some(prev), Some(next)) = (
                        text[..pair[1].start].chars().last(),
                        text[pair[1].start..].chars().next(),
                    ) else {
                        continue;
                    };
                    assert!(
                        break_allowed(prev, next) || unbreakable(&line),
                        "{text:?} width {width}: break {prev:?}|{next:?}"
                    );
                }
                for range in &ranges {
                    let line: Vec<char> = text[range.clone()].chars().collect();
                    assert!(
                        line.len() as f32 <= width || unbreakable(&line),
                        "{text:?} {line:?}"
                    );
                }
            }
        }
    }
}
