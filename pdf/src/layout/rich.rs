//! Text that knows which of its characters come from contract data.
//!
//! Template wording (clauses, labels) and contract data (names, numbers, amounts,
//! dates) are drawn with two embeddings of the same face. The template embedding then
//! uses the same glyphs in the same order in every document made from a template, so
//! krilla's memoised font subsetting is reused across documents and only the data's
//! few glyphs are subset per document (see `painter.rs`). Data text is also where
//! sanitising happens: it is user input.

use std::ops::Range;

use super::sanitize;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rich {
    pub text: String,
    /// Byte ranges of `text` that are contract data, in order, not overlapping.
    data: Vec<Range<usize>>,
}

impl Rich {
    /// Template text (trusted, drawn as is).
    pub fn fixed(text: &str) -> Rich {
        Rich {
            text: text.to_string(),
            data: Vec::new(),
        }
    }

    /// Contract data, sanitised (control characters become spaces, ends trimmed);
    /// line breaks are kept when `multiline`.
    pub fn data(text: &str, multiline: bool) -> Rich {
        let mut rich = Rich::default();
        rich.push_data(text, multiline);
        rich
    }

    pub fn push_fixed(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn push_data(&mut self, text: &str, multiline: bool) -> &mut Self {
        let clean = sanitize(text, multiline);
        if !clean.is_empty() {
            let start = self.text.len();
            self.text.push_str(&clean);
            self.data.push(start..self.text.len());
        }
        self
    }

    /// Is the byte at `at` part of contract data?
    pub fn is_data(&self, at: usize) -> bool {
        let i = self.data.partition_point(|r| r.end <= at);
        self.data.get(i).is_some_and(|r| r.start <= at)
    }
}

impl From<&str> for Rich {
    fn from(text: &str) -> Rich {
        Rich::fixed(text)
    }
}

impl From<String> for Rich {
    fn from(text: String) -> Rich {
        Rich {
            text,
            data: Vec::new(),
        }
    }
}

/// Where the characters of a line come from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    Fixed,
    Data,
    /// Part of a rich text, starting at this byte of it.
    Rich(&'a Rich, usize),
}

impl Source<'_> {
    pub fn is_data(&self, at: usize) -> bool {
        match self {
            Source::Fixed => false,
            Source::Data => true,
            Source::Rich(rich, offset) => rich.is_data(offset + at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_ranges() {
        let mut r = Rich::fixed("编号：");
        r.push_data(" QY-1\u{0} ", false)
            .push_fixed("。")
            .push_data("", false);
        assert_eq!(r.text, "编号：QY-1。");
        let flags: Vec<bool> = r.text.char_indices().map(|(i, _)| r.is_data(i)).collect();
        assert_eq!(flags, [false, false, false, true, true, true, true, false]);
        assert!(Source::Rich(&r, 9).is_data(0));
        assert!(!Source::Rich(&r, 9).is_data(4));
    }
}
