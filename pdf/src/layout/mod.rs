//! Page layout: turns blocks of text, tables and drawings into positioned items on A4
//! pages. Pure (no PDF types): the painter draws the result, tests inspect it.
//!
//! Coordinates are PDF points with the origin at the top left of the page, y down.

pub mod blocks;
pub mod chrome;
pub mod flow;
pub mod linebreak;
pub mod rich;
pub mod table;

use std::ops::Range;

use crate::fonts::{Fonts, Weight};
pub use rich::{Rich, Source};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.276;
pub const PAGE_HEIGHT: f32 = 841.89;
/// The body box is exactly 43 body characters wide (10.5 pt × 43 = 451.5 pt, margins
/// of about 25 mm), as on a Chinese typesetting grid: a line of Chinese text fills it
/// without any added spacing, so only lines shortened by the punctuation rules or
/// holding Latin words are justified (and carry per-glyph adjustments in the PDF).
pub const BODY_WIDTH: f32 = 43.0 * 10.5;
pub const MARGIN_X: f32 = (PAGE_WIDTH - BODY_WIDTH) / 2.0;
pub const BODY_TOP: f32 = 85.0;
pub const BODY_BOTTOM: f32 = PAGE_HEIGHT - 70.0;

/// Character metrics in em: the fonts in production, fixed widths in unit tests.
pub trait Metrics {
    /// Glyph id and advance (em) of `ch`.
    fn glyph(&self, ch: char, weight: Weight) -> (u16, f32);
    fn advance(&self, ch: char, weight: Weight) -> f32 {
        self.glyph(ch, weight).1
    }
}

impl Metrics for Fonts {
    #[inline]
    fn glyph(&self, ch: char, weight: Weight) -> (u16, f32) {
        self.face(weight).glyph(ch)
    }
    #[inline]
    fn advance(&self, ch: char, weight: Weight) -> f32 {
        self.face(weight).advance(ch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
    pub const GREY: Rgb = Rgb(0x66, 0x66, 0x66);
    pub const RULE: Rgb = Rgb(0x99, 0x99, 0x99);
    pub const HEADER_FILL: Rgb = Rgb(0xee, 0xf0, 0xf3);
    pub const SEAL_RED: Rgb = Rgb(0xd7, 0x1a, 0x21);
    pub const INK: Rgb = Rgb(0x12, 0x20, 0x5a);
    pub const WATERMARK: Rgb = Rgb(0xb0, 0xb0, 0xb0);
}

/// One glyph of a run: id, advance in em (justification included) and the bytes of
/// the run's text it stands for (so the text stays extractable).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    pub advance: f32,
    pub range: Range<usize>,
    /// Contract data (drawn with the data embedding of the face) or template text.
    pub data: bool,
}

/// A line of text at a baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub weight: Weight,
    pub color: Rgb,
    pub opacity: f32,
    pub text: String,
    pub glyphs: Vec<PlacedGlyph>,
    /// Drawn as vector outlines instead of text (watermark, seals): not extractable,
    /// so it never mixes into the contract text.
    pub outlined: bool,
    /// Applied around the run (rotation for the watermark and seal lettering).
    pub transform: Option<[f32; 6]>,
}

impl TextRun {
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum::<f32>() * self.size
    }
}

/// A path command in page coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathCmd {
    Move(f32, f32),
    Line(f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
    Path {
        cmds: Vec<PathCmd>,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
        opacity: f32,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    /// The text of every non-outlined run, in drawing order (for tests).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|item| match item {
            Item::Text(run) if !run.outlined => Some(run.text.as_str()),
            _ => None,
        })
    }
}

/// Shapes one line of `text`: one glyph per character. With `justify_to`, the space
/// left on the line is shared between the gaps where Chinese text may stretch (not
/// inside Latin words), unless that would open gaps wider than a third of an em.
#[allow(clippy::too_many_arguments)]
pub fn shape(
    metrics: &impl Metrics,
    text: String,
    source: Source,
    weight: Weight,
    size: f32,
    x: f32,
    y: f32,
    color: Rgb,
    justify_to: Option<f32>,
) -> TextRun {
    let mut glyphs: Vec<PlacedGlyph> = Vec::with_capacity(text.len() / 2);
    let mut stretch_after: Vec<bool> = Vec::with_capacity(text.len() / 2);
    let mut prev: Option<char> = None;
    for (at, ch) in text.char_indices() {
        let (id, advance) = metrics.glyph(ch, weight);
        if let Some(prev) = prev {
            stretch_after.push(linebreak::stretchable(prev, ch));
        }
        glyphs.push(PlacedGlyph {
            id,
            advance,
            range: at..at + ch.len_utf8(),
            data: source.is_data(at),
        });
        prev = Some(ch);
    }
    if let Some(target) = justify_to {
        let natural: f32 = glyphs.iter().map(|g| g.advance).sum::<f32>() * size;
        let gaps = stretch_after.iter().filter(|s| **s).count();
        let slack = target - natural;
        if gaps > 0 && slack > 0.01 && slack / gaps as f32 <= size / 3.0 {
            let extra = slack / gaps as f32 / size;
            for (glyph, stretch) in glyphs.iter_mut().zip(&stretch_after) {
                if *stretch {
                    glyph.advance += extra;
                }
            }
        }
    }
    TextRun {
        x,
        y,
        size,
        weight,
        color,
        opacity: 1.0,
        text,
        glyphs,
        outlined: false,
        transform: None,
    }
}

/// Width of `text` in points.
pub fn text_width(metrics: &impl Metrics, text: &str, weight: Weight, size: f32) -> f32 {
    text.chars()
        .map(|c| metrics.advance(c, weight))
        .sum::<f32>()
        * size
}

/// User text made safe to lay out: control characters become spaces (tabs too),
/// carriage returns go, runs of line breaks collapse, and the ends are trimmed.
/// Nothing is ever interpreted: the text is only mapped to glyphs.
pub fn sanitize(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\r' => {}
            '\n' if keep_newlines => {
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Every character is 1 em wide, glyph id = 1.
    pub struct Fixed;

    impl Metrics for Fixed {
        fn glyph(&self, _: char, _: Weight) -> (u16, f32) {
            (1, 1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_neutralises_control_characters() {
        assert_eq!(sanitize("  a\tb\u{0}c\r\n\n\nd  ", true), "a b c\nd");
        assert_eq!(sanitize("a\nb", false), "a b");
    }

    #[test]
    fn justification_fills_the_line_between_chinese_characters_only() {
        let run = shape(
            &testing::Fixed,
            "合同ab".into(),
            Source::Fixed,
            Weight::Regular,
            10.0,
            0.0,
            0.0,
            Rgb::BLACK,
            Some(42.0),
        );
        assert!((run.width() - 42.0).abs() < 1e-3);
        // No stretch between 'a' and 'b'.
        assert_eq!(run.glyphs[2].advance, 1.0);
        // Too much slack: left ragged.
        let run = shape(
            &testing::Fixed,
            "合同".into(),
            Source::Fixed,
            Weight::Regular,
            10.0,
            0.0,
            0.0,
            Rgb::BLACK,
            Some(100.0),
        );
        assert_eq!(run.width(), 20.0);
    }
}
