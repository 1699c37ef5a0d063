//! The page flow: places blocks top to bottom, breaking pages where needed.
//!
//! - Paragraphs split between lines, without leaving a single first line at the
//!   bottom of a page (orphan) or a single last line at the top of the next (widow).
//! - A heading is never the last thing on a page: it needs two body lines below it.
//! - [`Block::Keep`] (the signature block) never splits: it moves to the next page whole.
//! - Tables split between rows and repeat their header (see `table.rs`).

use super::blocks::{Align, Block, Style};
use super::linebreak::break_lines;
use super::{
    shape, Item, Metrics, Page, Rgb, Rich, Source, BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN_X,
};
use crate::fonts::Weight;

pub(crate) const BODY: Style = Style {
    size: 10.5,
    line_height: 17.5,
    weight: Weight::Regular,
    color: Rgb::BLACK,
};
const TITLE: Style = Style {
    size: 18.0,
    line_height: 28.0,
    weight: Weight::Bold,
    color: Rgb::BLACK,
};
const SUBTITLE: Style = Style {
    size: 9.0,
    line_height: 14.0,
    weight: Weight::Regular,
    color: Rgb::GREY,
};
const HEADING: Style = Style {
    size: 11.5,
    line_height: 20.0,
    weight: Weight::Bold,
    color: Rgb::BLACK,
};
const NOTE: Style = Style {
    size: 9.0,
    line_height: 14.0,
    weight: Weight::Regular,
    color: Rgb::GREY,
};
/// Baseline of a line of `size` text in a line box starting at `top`: the ideographic
/// em box (0.88 em above and 0.12 em below the baseline) centred in the box.
pub(crate) fn baseline(top: f32, line_height: f32, size: f32) -> f32 {
    top + line_height / 2.0 + 0.38 * size
}

pub struct Flow<'m, M: Metrics> {
    pub(crate) metrics: &'m M,
    pub(crate) pages: Vec<Page>,
    pub(crate) y: f32,
}

impl<'m, M: Metrics> Flow<'m, M> {
    pub fn new(metrics: &'m M) -> Self {
        Flow {
            metrics,
            pages: vec![Page::default()],
            y: BODY_TOP,
        }
    }

    /// Lays out `blocks` and returns the pages.
    pub fn run(metrics: &'m M, blocks: &[Block]) -> Vec<Page> {
        let mut flow = Flow::new(metrics);
        for block in blocks {
            flow.block(block);
        }
        flow.pages
    }

    pub(crate) fn page(&mut self) -> &mut Page {
        // Never empty: `new` starts with one page and pages are only ever added.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(crate) fn at_top(&self) -> bool {
        self.y <= BODY_TOP + 0.01
    }

    pub(crate) fn room(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = BODY_TOP;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(text) => self.paragraph(text, &TITLE, Align::Center, 0.0, 0.0, 6.0),
            Block::Subtitle(text) => self.paragraph(text, &SUBTITLE, Align::Center, 0.0, 0.0, 10.0),
            Block::Heading(text) => {
                if !self.at_top() {
                    self.y += 6.0;
                }
                if self.room() < HEADING.line_height + 2.0 * BODY.line_height {
                    self.new_page();
                }
                self.paragraph(text, &HEADING, Align::Left, 0.0, 0.0, 2.0);
            }
            Block::Para { text, indent } => {
                let first = if *indent { 2.0 * BODY.size } else { 0.0 };
                self.paragraph(text, &BODY, Align::Justify, first, 0.0, 3.0);
            }
            Block::Field {
                label,
                value,
                label_em,
            } => self.field(label, value, *label_em),
            Block::Note(text) => self.paragraph(text, &NOTE, Align::Justify, 0.0, 0.0, 3.0),
            Block::Table(table) => self.table(table),
            Block::Spacer(height) => {
                self.y += height.max(0.0);
                if self.y > BODY_BOTTOM {
                    self.new_page();
                }
            }
            Block::PageBreak => {
                if !self.at_top() || self.page().items.is_empty() && self.pages.len() == 1 {
                    self.new_page();
                }
            }
            Block::Keep { height, items } => self.keep(*height, items),
        }
    }

    /// Places lines of `text`: `first_indent` on the first line, `indent` on all.
    fn paragraph(
        &mut self,
        rich: &Rich,
        style: &Style,
        align: Align,
        first_indent: f32,
        indent: f32,
        after: f32,
    ) {
        let text = &rich.text;
        let width = BODY_WIDTH - indent;
        let metrics = self.metrics;
        let ranges = break_lines(text, width - first_indent, width, |c| {
            metrics.advance(c, style.weight) * style.size
        });
        let count = ranges.len();
        self.place_lines(count, style.line_height, |flow, index, top| {
            let range = ranges[index].clone();
            let line = text[range.clone()].to_string();
            let last = index + 1 == count || text[range.end..].starts_with('\n');
            let x0 = MARGIN_X + indent + if index == 0 { first_indent } else { 0.0 };
            let avail = width - if index == 0 { first_indent } else { 0.0 };
            let source = Source::Rich(rich, range.start);
            flow.line(line, source, style, align, x0, avail, top, last);
        });
        self.y += after;
    }

    /// One line of text in a box `avail` wide starting at `x0`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn line(
        &mut self,
        line: String,
        source: Source,
        style: &Style,
        align: Align,
        x0: f32,
        avail: f32,
        top: f32,
        last: bool,
    ) {
        let justify = (align == Align::Justify && !last).then_some(avail);
        let y = baseline(top, style.line_height, style.size);
        let mut run = shape(
            self.metrics,
            line,
            source,
            style.weight,
            style.size,
            x0,
            y,
            style.color,
            justify,
        );
        run.x = match align {
            Align::Center => x0 + (avail - run.width()).max(0.0) / 2.0,
            Align::Right => x0 + (avail - run.width()).max(0.0),
            Align::Left | Align::Justify => x0,
        };
        self.page().items.push(Item::Text(run));
    }

    /// Places `count` lines of `line_height`, calling `draw(flow, index, top)` for each,
    /// with orphan and widow control.
    pub(crate) fn place_lines(
        &mut self,
        count: usize,
        line_height: f32,
        mut draw: impl FnMut(&mut Self, usize, f32),
    ) {
        let mut next = 0;
        while next < count {
            let left = count - next;
            let mut fit = (self.room() / line_height + 1e-3).floor().max(0.0) as usize;
            if fit < left {
                // Orphan: do not leave one line of a longer paragraph at the bottom.
                if fit < 2 && next == 0 && left >= 2 && !self.at_top() {
                    fit = 0;
                }
                // Widow: do not carry a single last line over.
                if fit >= 3 && left - fit == 1 {
                    fit -= 1;
                }
                if fit == 0 {
                    if self.at_top() {
                        fit = 1; // a line taller than the page: place it anyway
                    } else {
                        self.new_page();
                        continue;
                    }
                }
            }
            let take = fit.min(left);
            for index in next..next + take {
                let top = self.y;
                draw(self, index, top);
                self.y += line_height;
            }
            next += take;
            if next < count {
                self.new_page();
            }
        }
    }

    fn field(&mut self, label: &Rich, value: &Rich, label_em: f32) {
        let style = &BODY;
        let label_width = label_em * style.size;
        let metrics = self.metrics;
        let mut ranges = break_lines(
            &value.text,
            BODY_WIDTH - label_width,
            BODY_WIDTH - label_width,
            |c| metrics.advance(c, style.weight) * style.size,
        );
        if ranges.is_empty() {
            ranges.push(0..0);
        }
        let count = ranges.len();
        self.place_lines(count, style.line_height, |flow, index, top| {
            if index == 0 {
                let bold = Style {
                    weight: Weight::Bold,
                    ..*style
                };
                flow.line(
                    label.text.clone(),
                    Source::Rich(label, 0),
                    &bold,
                    Align::Left,
                    MARGIN_X,
                    label_width,
                    top,
                    true,
                );
            }
            let range = ranges[index].clone();
            let line = value.text[range.clone()].to_string();
            flow.line(
                line,
                Source::Rich(value, range.start),
                style,
                Align::Left,
                MARGIN_X + label_width,
                BODY_WIDTH - label_width,
                top,
                true,
            );
        });
        self.y += 1.0;
    }

    fn keep(&mut self, height: f32, items: &[Item]) {
        if height > self.room() && !self.at_top() {
            self.new_page();
        }
        let (dx, dy) = (MARGIN_X, self.y);
        let page = self.page();
        page.items
            .extend(items.iter().cloned().map(|item| translate(item, dx, dy)));
        self.y += height;
    }
}

/// Moves an item by (dx, dy).
pub fn translate(item: Item, dx: f32, dy: f32) -> Item {
    match item {
        Item::Text(mut run) => {
            match &mut run.transform {
                Some(t) => {
                    t[4] += dx;
                    t[5] += dy;
                }
                None => {
                    run.x += dx;
                    run.y += dy;
                }
            }
            Item::Text(run)
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => Item::Rect {
            x: x + dx,
            y: y + dy,
            w,
            h,
            fill,
            stroke,
        },
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            color,
            width,
        } => Item::Line {
            x1: x1 + dx,
            y1: y1 + dy,
            x2: x2 + dx,
            y2: y2 + dy,
            color,
            width,
        },
        Item::Path {
            cmds,
            fill,
            stroke,
            opacity,
        } => {
            use super::PathCmd::*;
            let cmds = cmds
                .into_iter()
                .map(|c| match c {
                    Move(x, y) => Move(x + dx, y + dy),
                    Line(x, y) => Line(x + dx, y + dy),
                    Cubic(a, b, c, d, e, f) => {
                        Cubic(a + dx, b + dy, c + dx, d + dy, e + dx, f + dy)
                    }
                    Close => Close,
                })
                .collect();
            Item::Path {
                cmds,
                fill,
                stroke,
                opacity,
            }
        }
    }
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
